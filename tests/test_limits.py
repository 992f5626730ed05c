"""Hostile input, round 2 (issue 18): every read bounded, each limit an input finding that names the limit
and how to raise it, damaged files called damaged, a few bad bytes only a warning.

Each class is built here at a size that breaks a lowered limit (the full-size files of the issue are in
benchmarks/hostile.py, with their time and memory)."""

from __future__ import annotations

import codecs
import os
import re
import signal
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gilint.cli import main
from gilint.model import Document, Node, Span
from gilint.parsers import docx as docx_module
from gilint.parsers import limits, read_document
from gilint.parsers import pdf as pdf_module
from gilint.structure import build_report
from gilint.testing.reports import line_of, make_report
from tests import hostile as H
from tests import pdfkit as K
from tests.docxkit import docx_bytes, para
from tests.hostile import limited
from tests.lintkit import findings

pytest.importorskip("pypdfium2")


def problems(doc: Document) -> list[tuple[str, str]]:
    return [(p.kind, p.message_en) for p in doc.problems]


def codes(doc: Document) -> list[str]:
    return sorted({code for code, _ in findings(build_report(doc))})


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    """``gilint check --format concise --lang en`` and its lines."""
    code = main(["check", "--format", "concise", "--lang", "en", *argv])
    return code, capsys.readouterr().out.splitlines()


# ---------------------------------------------------------------- the limits themselves


def test_every_limit_is_named_and_raisable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert limits.parse_setting("pdf-pages=500") == ("pdf-pages", 500)
    assert limits.parse_setting("pdf-stream-size=128m") == ("pdf-stream-size", 128 << 20)
    assert limits.parse_setting("time=0.5") == ("time", 0.5)
    for bad in ("pages=5", "pdf-pages", "pdf-pages=x", "pdf-pages=-1"):
        with pytest.raises(limits.LimitError):
            limits.parse_setting(bad)
    with pytest.raises(limits.LimitError, match="at least 1"):
        limits.configure({"nodes": 0})
    with pytest.raises(SystemExit):
        main(["check", "--limit", "no-such-limit=3", str(tmp_path)])
    assert "no limit 'no-such-limit'" in capsys.readouterr().err
    assert {limit.kind for limit in limits.LIMITS.values()} == limits.LIMIT_KINDS
    assert all(limit.what_zh and limit.what_en for limit in limits.LIMITS.values())


def test_a_limit_is_gi004_saying_which_and_how_to_raise_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(H.paged_pdf(5))
    code, out = check(capsys, "--limit", "pdf-pages=3", str(path))
    assert code == 1
    assert out[0] == (
        f"{path}: GI004 [input] error: the PDF has 5 pages, over the safety limit (the number of PDF "
        "pages: 3 pages): pages from 4 on were not read; if the file is sound, raise it with "
        "--limit pdf-pages=N"
    )
    code, out = check(capsys, "--limit", "pdf-pages=5", str(path))
    assert "GI004" not in "\n".join(out)
    main(["check", "--format", "json", "--limit", "pdf-pages=3", str(path)])
    assert "如确属正常文件，可用 --limit pdf-pages=N 调高" in capsys.readouterr().out


# ---------------------------------------------------------------- PDF


def test_a_reference_cycle_is_a_damaged_pdf_not_a_hang() -> None:
    data = H.cycle_pdf()  # the page's contents: 100 0 R, which is 5 0 R, which is 100 0 R
    assert b"/Contents 100 0 R" in data and b"100 0 obj\n5 0 R" in data and b"5 0 obj\n100 0 R" in data
    doc = read_document("cycle.pdf", data)
    assert problems(doc) == [
        (
            "pdf-broken",
            "PDF objects 100, 5 refer to each other in a cycle (or a chain too "
            "long): the file is damaged and was not read",
        )
    ]
    assert codes(doc) == ["GI001"]


def test_an_object_referring_to_itself_through_a_dictionary_is_damage() -> None:
    objects = K.page_tree([K.flate(K.text_ops("Annual report"))])
    objects[10]["Resources"] = K.Ref(10)  # type: ignore[index]
    doc = read_document("r.pdf", K.build(objects).data)
    assert "reader-crash" not in [p.kind for p in doc.problems]


def test_an_inflation_bomb_is_refused_before_it_is_inflated() -> None:
    data = H.inflate_bomb_pdf(16 << 20)  # 16 MiB of spaces in a 16 KB stream
    with limited(**{"pdf-stream-size": 1 << 20}):
        doc = read_document("bomb.pdf", data)
    assert problems(doc) == [
        (
            "limit-pdf-stream-size",
            "the PDF holds a stream that inflates to more than 1 MiB, "
            "over the safety limit (the decompressed size of one PDF stream: 1 MiB): the file was "
            "not read; if the file is sound, raise it with --limit pdf-stream-size=N",
        )
    ]
    assert codes(doc) == ["GI004"]
    # under the stream limit, the page's drawing instructions are still over theirs: never interpreted
    assert [p.kind for p in read_document("bomb.pdf", data).problems] == ["limit-pdf-page-content"]


def test_a_stream_the_pre_scan_cannot_inflate_stops_in_the_decoder() -> None:
    hexed = zlib_hex(b"BT /F1 12 Tf 72 760 Td (Annual report) Tj ET" + b" " * (2 << 20))
    stream = K.Stream({"Filter": [K.Name("ASCIIHexDecode"), K.Name("FlateDecode")]}, hexed)
    with limited(**{"pdf-stream-size": 1 << 20}):
        doc = read_document("r.pdf", K.build(K.page_tree([stream])).data)
    assert [p.kind for p in doc.problems] == ["limit-pdf-stream-size"]


def zlib_hex(data: bytes) -> bytes:
    import zlib

    return zlib.compress(data).hex().encode() + b">"


def test_a_million_pages_are_counted_before_any_is_built() -> None:
    data = H.paged_pdf(3000)
    with limited(**{"pdf-objects": 1000}):
        doc = read_document("pages.pdf", data)
    assert [p.kind for p in doc.problems] == ["limit-pdf-objects"]
    found = re.fullmatch(
        r"the PDF holds (\d+) objects, over the safety limit \(the number of PDF objects: 1000\): "
        r"the file was not read; if the file is sound, raise it with --limit pdf-objects=N",
        doc.problems[0].message_en,
    )
    assert found and int(found.group(1)) > 3000  # the pages in object streams count


def test_only_the_pages_read_are_built(monkeypatch: pytest.MonkeyPatch) -> None:
    from pdfminer.pdfpage import PDFPage

    built: list[int] = []
    real = PDFPage.__init__

    def counting(self: PDFPage, *args: object, **kwargs: object) -> None:
        built.append(1)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PDFPage, "__init__", counting)
    with limited(**{"pdf-pages": 4}):
        doc = pdf_module.parse_pdf(H.paged_pdf(3000), "pages.pdf")  # in this process, to count
    assert len(built) == 5  # the pages read and one more, to know there are more: not 3000
    assert [n.text for n in doc.nodes] == ["Annual report"] * 4
    assert problems(doc) == [
        (
            "pdf-too-many-pages",
            "the PDF has 3000 pages, over the safety limit (the number of "
            "PDF pages: 4 pages): pages from 5 on were not read; if the file is sound, raise it "
            "with --limit pdf-pages=N",
        )
    ]


def test_a_page_listed_again_and_again_is_read_once() -> None:
    objects = K.page_tree([K.flate(K.text_ops("Annual report"))])
    objects[2]["Kids"] = [K.Ref(10)] * 2000  # type: ignore[index]
    objects[2]["Count"] = 2000  # type: ignore[index]
    doc = read_document("kids.pdf", K.build(objects).data)  # PDFium counts 2000 pages, pdfminer one
    assert ([n.text for n in doc.nodes], doc.problems) == (["Annual report"], [])


def test_one_huge_object_is_refused_by_its_size() -> None:
    objects = K.page_tree([K.flate(K.text_ops("Annual report"))])
    objects[2]["Kids"] = [K.Ref(10)] * 40_000  # type: ignore[index]  # 260 KB of references
    doc = read_document("kids.pdf", K.build(objects).data)
    assert [p.kind for p in doc.problems] == ["limit-pdf-object-size"]
    assert doc.problems[0].message_en.startswith("the PDF holds an object of 2")


def test_a_page_of_a_million_segments_is_not_drawn() -> None:
    with limited(**{"pdf-page-content": 64 << 10}):
        doc = read_document("segments.pdf", H.segments_pdf(10_000))
    assert problems(doc) == [
        (
            "limit-pdf-page-content",
            "page 1's drawing instructions inflate to more than 64 KiB, "
            "over the safety limit (the decompressed size of one PDF page's drawing instructions: "
            "64 KiB): the page was not read; if the file is sound, raise it with "
            "--limit pdf-page-content=N",
        )
    ]
    assert doc.problems[0].span.page == 1


def test_objects_on_a_page_are_counted_as_they_are_walked() -> None:
    with limited(**{"pdf-page-objects": 100}):
        doc = read_document("segments.pdf", H.segments_pdf(300))
    assert [p.kind for p in doc.problems] == ["limit-pdf-page-objects"]
    assert doc.problems[0].message_en.startswith("page 1 draws at least 101 objects")


def test_a_form_drawn_again_and_again_counts_each_time() -> None:
    form = K.flate(
        K.text_ops("form"),
        {
            "Type": K.Name("XObject"),
            "Subtype": K.Name("Form"),
            "BBox": [0, 0, 9, 9],
            "Resources": {"Font": {"F1": K.Ref(3)}},
        },
    )
    objects = K.page_tree([K.flate(b"/X1 Do " * 5000)])
    objects[10]["Resources"]["XObject"] = {"X1": K.Ref(4)}  # type: ignore[index]
    objects[4] = form
    with limited(**{"pdf-page-content": 64 << 10}):
        doc = pdf_module.parse_pdf(K.build(objects).data, "forms.pdf")
    kinds = [p.kind for p in doc.problems]
    assert kinds in (["limit-pdf-page-content"], ["limit-pdf-page-objects"]), kinds  # pdfminer / PDFium


def test_tokens_pdfminer_parses_are_counted() -> None:
    objects = K.page_tree([K.flate(K.text_ops("Annual report"))])
    objects[10]["Annots"] = K.Raw(b"[" * 20_000)  # type: ignore[index]  # 20,000 tokens, never closed
    with limited(**{"pdf-structure": 5000}):
        doc = read_document("nested.pdf", K.build(objects).data)
    assert "limit-pdf-structure" in [p.kind for p in doc.problems]
    assert "GI004" in codes(doc)


def test_a_broken_cross_reference_table_that_pdfium_reads_is_repaired_not_a_scan() -> None:
    doc = read_document("xref.pdf", H.broken_xref_pdf())
    assert [n.text for n in doc.nodes] == ["Annual report 2023", "Section one"]
    assert [p.kind for p in doc.problems] == ["pdf-repaired"]
    assert codes(doc) == ["GI002", "GI003"]
    for variant in (
        K.build(K.page_tree([K.flate(K.text_ops("Annual report"))]), xref="stream", shift=5).data,
        H.broken_xref_pdf()[:-40],
    ):  # an xref stream off, a file cut in its trailer
        doc = read_document("xref.pdf", variant)
        assert "pdf-no-text" not in [p.kind for p in doc.problems]


def test_a_pdf_whose_pages_pdfminer_cannot_find_is_damaged() -> None:
    objects = K.page_tree([K.flate(K.text_ops("Annual report"))])
    data = K.build(objects, shift=7).data.replace(b"trailer", b"trailor")  # nothing left to rebuild it from
    doc = read_document("r.pdf", data)
    assert [p.kind for p in doc.problems] == ["pdf-broken"]


# ---------------------------------------------------------------- the child process of the .docx and PDF readers


def _catastrophic(data: bytes, path: str, *ocr: bool) -> Document:
    re.match(r"(a*)*b", "a" * 40)  # C code that no signal interrupts: backtracks for hours
    raise AssertionError("unreachable")


def _greedy(data: bytes, path: str) -> Document:
    hoard = [bytearray(1 << 20) for _ in range(4096)]  # 4 GiB, a MiB at a time
    raise AssertionError(len(hoard))


def _crash(data: bytes, path: str) -> Document:
    os.kill(os.getpid(), signal.SIGSEGV)
    raise AssertionError("unreachable")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the readers run in a child process only where fork exists")
@pytest.mark.parametrize(
    ("reader", "kind", "message"),
    [
        (
            _catastrophic,
            "limit-time",
            "reading the file took more than 1 s, over the safety limit (the time to read one "
            "file: 1 s): it was stopped: the file was not read; if the file is sound, raise it with --timeout N",
        ),
        (
            _greedy,
            "limit-memory",
            "reading the file needs more than 256 MiB of memory, over the safety limit (the memory "
            "to read one file: 256 MiB): it was stopped: the file was not read; if the file is sound, raise it with "
            "--max-memory N",
        ),
        (_crash, "reader-crash", "the reader process died (signal 11 (SIGSEGV)): the file was not read"),
    ],
    ids=["time", "memory", "crash"],
)
def test_the_docx_reader_runs_within_a_time_and_memory_budget(
    monkeypatch: pytest.MonkeyPatch, reader: object, kind: str, message: str
) -> None:
    monkeypatch.setattr(docx_module, "parse_docx", reader)
    with limited(time=1 if kind == "limit-time" else 30, memory=256):  # 30 s: a loaded machine allocates slowly
        doc = read_document("r.docx", docx_bytes(para("一、总体情况")))
    assert problems(doc) == [(kind, message)]
    assert codes(doc) == (["GI001"] if kind == "reader-crash" else ["GI004"])


def test_a_pdf_reader_that_runs_away_is_stopped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf_module, "parse_pdf", _catastrophic)
    (tmp_path / "r.pdf").write_bytes(H.broken_xref_pdf())
    code, out = check(capsys, "--timeout", "1", str(tmp_path / "r.pdf"))
    assert (code, out[0].split(": ")[1]) == (1, "GI004 [input] error")
    assert "reading the file took more than 1 s" in out[0] and "raise it with --timeout N" in out[0]


def _scan_reader(data: bytes, path: str, ocr: bool = True) -> Document:
    """A PDF reader whose OCR pass runs away: the first pass reads a text page and leaves page 2 to OCR."""
    if ocr:
        return _catastrophic(data, path)
    doc = Document(path=path, kind="pdf", nodes=[Node("一、总体情况", Span(line=1, page=1))])
    doc.meta["scanned-pages"] = "2"
    return doc


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the readers run in a child process only where fork exists")
def test_scanned_pages_are_recognised_in_a_budget_of_their_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "parse_pdf", _scan_reader)
    with limited(time=1, **{"ocr-page-time": 1}):
        doc = read_document("r.pdf", b"%PDF-1.4 not read: the reader is replaced")
    assert [n.text for n in doc.nodes] == ["一、总体情况"]  # the text pages kept
    assert "scanned-pages" not in doc.meta
    assert problems(doc) == [
        (
            "limit-time",
            "reading the file took more than 2 s, over the safety limit (the time OCR "
            "may take for one scanned page (on top of the file's): 1 s): it was stopped: the scanned "
            "pages were not recognised; if the file is sound, raise it with --limit ocr-page-time=N",
        )
    ]


# ---------------------------------------------------------------- HTML


def test_an_element_with_200000_attributes_is_cut_before_libxml2() -> None:
    with limited(**{"html-attributes": 50}):
        doc = read_document("r.html", H.attributes_html(2000))
    assert [n.text for n in doc.nodes] == ["一、总体情况", "二、主动公开政府信息情况"]
    assert [(p.kind, p.span.line) for p in doc.problems] == [("limit-html-attributes", 1)]
    assert doc.problems[0].message_en == (
        "an element on line 1 has 2000 attributes, over the safety limit (the number of attributes of one HTML "
        "element: 50): the others were not read; if the file is sound, raise it with --limit html-attributes=N"
    )


def test_attributes_are_counted_across_quoted_greater_than_signs() -> None:
    attributes = " ".join(f'a{i}=">"' for i in range(300))
    with limited(**{"html-attributes": 50}):
        doc = read_document("r.html", f"<p {attributes}>一、总体情况</p>".encode())
    assert [p.kind for p in doc.problems] == ["limit-html-attributes"]
    assert [n.text for n in doc.nodes] == ["一、总体情况"]


def test_a_million_comments_are_cut_and_the_text_after_them_read() -> None:
    with limited(**{"html-comments": 100}):
        doc = read_document("r.html", H.comments_html(5000))
    assert [n.text for n in doc.nodes] == ["一、总体情况", "二、主动公开政府信息情况"]
    assert [(p.kind, p.message_en) for p in doc.problems] == [
        (
            "limit-html-comments",
            "the file holds too many HTML comments, over the safety limit (the number of HTML "
            "comments: 100): the comments from line 1 on were not read; if the file is sound, raise it with "
            "--limit html-comments=N",
        )
    ]


def test_blanking_keeps_every_place() -> None:
    page = "<html><body>" + "<!--x-->\n" * 30 + "<p>一、总体情况</p>\n<p a=1 b=2 c=3 d=4>二、主动公开</p></body></html>"
    with limited(**{"html-comments": 10, "html-attributes": 2}):
        doc = read_document("r.html", page.encode())
    assert [(n.text, n.span.line, n.span.column) for n in doc.nodes] == [
        ("一、总体情况", 31, 1),
        ("二、主动公开", 32, 1),
    ]
    assert doc.lines == page.split("\n")  # excerpts show the page as it is


# ---------------------------------------------------------------- .docx


@pytest.mark.parametrize("name", ["half", "laughs"])
def test_a_broken_or_entity_bombed_docx_is_an_input_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    from tests.hostile import BILLION_LAUGHS, docx_with, docx_xml

    data = H.half_docx(docx_xml(make_report())) if name == "half" else docx_with(BILLION_LAUGHS)
    (tmp_path / f"{name}.docx").write_bytes(data)
    code, out = check(capsys, str(tmp_path / f"{name}.docx"))
    assert code == 1
    assert out[0].startswith(f"{tmp_path / name}.docx: GI001 [input] error: word/document.xml is not well-formed XML")


# ---------------------------------------------------------------- decoding


def test_one_stray_byte_is_a_warning_and_every_rule_still_runs() -> None:
    text = make_report().replace("共收到政府信息公开申请13件", "共收到政府信息公开申请15件")  # a GI401 defect
    data = text.encode()
    at = data.index("一、总体情况".encode())
    doc = read_document("r.txt", data[:at] + b"\xff" + data[at:])
    line = line_of(text, "一、总体情况")
    assert [(p.kind, p.span.line, p.span.column) for p in doc.problems] == [("bad-bytes", line, 1)]
    assert doc.problems[0].message_en == (
        f"1 byte sequence(s) do not decode as UTF-8 (line {line} column 1): "
        "replaced by U+FFFD, the rest was checked as usual"
    )
    assert codes(doc) == ["GI002", "GI401"]


def test_a_few_bad_bytes_in_gbk_are_placed_too() -> None:
    data = make_report().encode("gbk")
    doc = read_document("r.txt", data[:40] + b"\xff\xff" + data[40:])
    assert (doc.encoding, [p.kind for p in doc.problems]) == ("gb18030", ["bad-bytes"])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_text(encoding: str) -> None:
    text = make_report()
    doc = read_document("r.txt", text.encode(encoding))
    assert (doc.encoding, doc.problems) == (encoding[:6], [])
    assert [n.text for n in doc.nodes] == [n.text for n in read_document("r.txt", text.encode()).nodes]
    assert read_document("r.txt", codecs.BOM_UTF32_LE + text.encode("utf-32-le")).encoding == "utf-32"


def test_binary_with_zero_bytes_stays_binary() -> None:
    for data in (b"\x00\xff" * 100, bytes(range(256)) * 40, b"\x00abc"):
        assert [p.kind for p in read_document("r.txt", data).problems] == ["binary"]


# ---------------------------------------------------------------- outputs valid whatever the input


def test_junit_is_xml_whatever_names_and_text_hold(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    name = tmp_path / "a\x1bb.txt"
    name.write_text("报告\ufffe\uffff\x07第一行\n", encoding="utf-8")
    main(["check", "--format", "junit", str(name)])
    out = capsys.readouterr().out
    root = ET.fromstring(out.encode())  # raises on a character XML 1.0 forbids
    assert root.find("testsuite").get("name") == f"{tmp_path}/a\\x1bb.txt"  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", ["full", "concise", "github"])
def test_terminal_formats_never_print_control_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    name = tmp_path / "x\x1b[31mred\u202e.txt"
    name.write_text("\x1b[2J一、总体情况\n", encoding="utf-8")
    main(["check", "--format", fmt, str(name)])
    out = capsys.readouterr().out
    assert "x\\x1b[31mred\\u202e.txt" in out
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]", out.replace("\n", ""))
