"""Hostile and broken input: a clear input finding, never a traceback, never a hang (issue 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gilint.parsers import read_document
from gilint.structure import build_report
from tests.hostile import docx_with, hostile_corpus, xxe_document
from tests.lintkit import findings

CASES = hostile_corpus()


@pytest.mark.parametrize(("name", "data", "kinds"), CASES, ids=[c[0] for c in CASES])
def test_hostile_input_is_reported_not_raised(tmp_path: Path, name: str, data: bytes, kinds: set[str]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = read_document(str(path))
    report = build_report(doc)
    found = findings(report)  # every rule runs without raising
    got = {p.kind for p in doc.problems}
    if kinds:
        assert got & kinds, got
        assert any(code in ("GI001", "GI002") for code, _ in found)
        assert all(p.message_zh and p.message_en for p in doc.problems)


def test_xxe_never_reads_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    path = tmp_path / "xxe.docx"
    path.write_bytes(docx_with(xxe_document(str(secret))))
    doc = read_document(str(path))
    assert "TOP-SECRET-CONTENT" not in "".join(n.text for n in doc.nodes)
    assert "TOP-SECRET-CONTENT" not in "".join(doc.lines)
