"""Property tests (hypothesis): whatever the bytes, decoding, every reader, the structure pass and every
built-in rule finish without raising and within the node limits (issue 7). benchmarks/fuzz.py runs the
same kinds of cases by the hundred thousand."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gilint.decode import decode_bytes
from gilint.model import Document
from gilint.parsers import read_document
from gilint.parsers.limits import MAX_NODE_CHARS, MAX_NODES
from gilint.structure import build_report
from gilint.testing.reports import make_report
from tests import docxkit
from tests.hostile import EXTENSIONS, HTML_MARKUP, OPS, VOCABULARY, docx_body, docx_xml, mutate, render
from tests.lintkit import findings

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ops = st.lists(
    st.tuples(st.sampled_from(OPS), st.integers(0, 1 << 20), st.integers(0, 1 << 20)), min_size=1, max_size=10
)
soups = st.lists(st.sampled_from(VOCABULARY + HTML_MARKUP), max_size=300).map("".join)
years = st.integers(2015, 2030)


def lint(name: str, data: bytes) -> tuple[Document, list[str]]:
    """Read, structure and lint ``data`` as the file ``name``, checking what must hold for any input."""
    doc = read_document(name, data)
    codes = [code for code, _ in findings(build_report(doc))]
    assert "reader-crash" not in [p.kind for p in doc.problems]
    assert all(p.message_zh and p.message_en for p in doc.problems)
    assert len(doc.nodes) <= MAX_NODES
    assert all(isinstance(n.text, str) and len(n.text) <= MAX_NODE_CHARS for n in doc.nodes)
    assert doc.nodes or doc.problems  # nothing read is always said
    return doc, codes


@FAST
@given(data=st.binary(max_size=4096), html=st.booleans())
def test_decoding_never_raises(data: bytes, html: bool) -> None:
    decoded = decode_bytes(data, html=html)
    assert isinstance(decoded.text, str)
    assert decoded.encoding is not None or decoded.problems
    assert all(p.message_zh and p.message_en for p in decoded.problems)


@FAST
@given(
    text=st.text(max_size=300),
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16", "big5", "latin-1"]),
    cut=st.integers(0, 3),
)
def test_any_text_in_any_encoding_decodes(text: str, encoding: str, cut: int) -> None:
    data = text.encode(encoding, errors="replace")
    decoded = decode_bytes(data[: len(data) - cut] if cut else data)
    assert decoded.encoding is not None or decoded.problems


@FAST
@given(data=st.binary(max_size=4096), ext=st.sampled_from(EXTENSIONS))
def test_random_bytes_through_every_reader(data: bytes, ext: str) -> None:
    lint(f"r{ext}", data)


@FAST
@given(soup=soups, ext=st.sampled_from(EXTENSIONS))
def test_report_fragments_and_markup_in_any_order(soup: str, ext: str) -> None:
    data = docxkit.docx_bytes(docxkit.para(soup)) if ext == ".docx" else soup.encode()
    lint(f"r{ext}", data)


@FAST
@given(year=years, changes=ops, ext=st.sampled_from(EXTENSIONS), before=st.booleans())
def test_mutated_reports(year: int, changes: list[tuple[str, int, int]], ext: str, before: bool) -> None:
    text = make_report(year=year)
    if before:  # change the report text, then render it
        data = render(mutate(text.encode(), changes).decode("utf-8", errors="replace"), ext)
    else:  # render it, then change the file's bytes
        data = mutate(render(text, ext), changes)
    lint(f"r{ext}", data)


@FAST
@given(year=years, changes=ops)
def test_mutated_docx_document_xml(year: int, changes: list[tuple[str, int, int]]) -> None:
    lint("r.docx", docxkit.docx_bytes(document=mutate(docx_xml(make_report(year=year)), changes)))


@FAST
@given(seed=st.integers(0, 1 << 32))
def test_random_docx_bodies(seed: int) -> None:
    lint("r.docx", docxkit.docx_bytes(docx_body(random.Random(seed), size=120)))


@settings(max_examples=15, deadline=None)
@given(year=years, new=st.lists(st.integers(0, 30), min_size=7, max_size=7), omit=st.sets(st.sampled_from([2, 3, 4])))
def test_every_reader_sees_the_same_report(year: int, new: list[int], omit: set[int]) -> None:
    text = make_report(year=year, t3={"1": new}, omit_tables=tuple(sorted(omit)))
    results = {ext: lint(f"r{ext}", render(text, ext)) for ext in EXTENSIONS}
    texts = {ext: [n.text for n in doc.nodes] for ext, (doc, _) in results.items()}
    codes = {ext: sorted(found) for ext, (_, found) in results.items()}
    assert all(t == texts[".txt"] for t in texts.values())
    assert all(c == codes[".txt"] for c in codes.values())
    assert texts[".txt"][0] == f"青禾县自然资源局{year}年政府信息公开工作年度报告"
    assert not {"GI001", "GI002", "GI003"} & set(codes[".txt"])  # read as a report, without doubt


@settings(max_examples=20, deadline=None)
@given(data=st.binary(max_size=2048))
def test_random_bytes_as_pdf(data: bytes) -> None:
    pytest.importorskip("pdfplumber")
    lint("r.pdf", b"%PDF-1.7\n" + data)
