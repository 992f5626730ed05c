"""read_document: the parser chosen by extension, sniffing, size cap, and problems instead of errors."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from gilint.model import Document, Problem, Span
from gilint.parsers import read_document
from tests.docxkit import docx_bytes, para

REPORT = "一、总体情况\n本年度共收到申请3件。\n"


def problem_kinds(doc: Document) -> list[str]:
    return [p.kind for p in doc.problems]


def bilingual(doc: Document) -> bool:
    return all(p.message_zh and p.message_en and p.message_zh != p.message_en for p in doc.problems)


@pytest.mark.parametrize(
    ("name", "data", "kind", "first"),
    [
        ("r.md", "# 一、总体情况\n".encode(), "markdown", "一、总体情况"),
        ("r.MARKDOWN", "# 一、总体情况\n".encode(), "markdown", "一、总体情况"),
        ("r.html", "<p>一、总体情况</p>".encode(), "html", "一、总体情况"),
        ("r.htm", "<p>一、总体情况</p>".encode("gbk"), "html", "一、总体情况"),
        ("r.shtml", "<p>一、总体情况</p>".encode(), "html", "一、总体情况"),
        (
            "r.xhtml",
            '<?xml version="1.0" encoding="utf-8"?><html><p>一、总体情况</p></html>'.encode(),
            "html",
            "一、总体情况",
        ),
        ("r.docx", docx_bytes(para("一、总体情况")), "docx", "一、总体情况"),
    ],
)
def test_extension_chooses_the_parser(tmp_path: Path, name: str, data: bytes, kind: str, first: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    for doc in (read_document(str(path)), read_document(str(path), data)):
        assert (doc.kind, doc.nodes[0].text, doc.problems, doc.path) == (kind, first, [], str(path))


def test_text_goes_to_the_text_parser(tmp_path: Path) -> None:
    pytest.importorskip("gilint.parsers.text")
    path = tmp_path / "r.txt"
    path.write_bytes(REPORT.encode())
    doc = read_document(str(path))
    assert (doc.kind, [n.text for n in doc.nodes]) == ("text", ["一、总体情况", "本年度共收到申请3件。"])
    assert read_document("r.text", REPORT.encode()).kind == "text"


def test_pdf_goes_to_the_pdf_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("gilint.parsers.pdf")
    fake.parse_pdf = lambda data, path, *ocr: Document(path=path, kind="pdf", meta={"bytes": str(len(data))})
    monkeypatch.setitem(sys.modules, "gilint.parsers.pdf", fake)
    doc = read_document("r.PDF", b"not a pdf at all")
    assert (doc.kind, doc.meta, doc.problems) == ("pdf", {"bytes": "16"}, [])


@pytest.mark.parametrize("name", ["r.txt", "r.md"])
@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body><p>\xe4\xb8\x80</p></body></html>",
        b"\xef\xbb\xbf  \n<HTML lang=zh><body><p>\xe4\xb8\x80</p></body></HTML>",
        b"<!-- saved from url=(0022)http://example.gov/ -->\n<html>\n<p>\xe4\xb8\x80</p></html>",
    ],
)
def test_html_saved_as_text_is_read_as_html(name: str, data: bytes) -> None:
    doc = read_document(name, data)
    assert doc.kind == "html"
    assert [n.text for n in doc.nodes] == ["一"]
    assert problem_kinds(doc) == ["html-as-text"]
    assert bilingual(doc)


def test_markdown_mentioning_html_stays_markdown() -> None:
    doc = read_document("r.md", b"# <html> tags in a heading\n<p>inline html</p>\n")
    assert doc.kind == "markdown"
    assert problem_kinds(doc) == []


@pytest.mark.parametrize(
    ("name", "data", "kind", "problem"),
    [
        ("r.txt", b"", "text", "empty"),
        ("r.html", b" \n\t ", "html", "empty"),
        ("r.md", b"\xef\xbb\xbf\n", "markdown", "empty"),
        ("r.docx", b"", "docx", "empty"),
        ("r.docx", b"plain text", "docx", "not-docx"),
        ("r.xls", b"whatever", "unknown", "unknown-type"),
        ("README", b"whatever", "unknown", "unknown-type"),
    ],
)
def test_bad_files_become_problems(name: str, data: bytes, kind: str, problem: str) -> None:
    doc = read_document(name, data)
    assert (doc.kind, problem_kinds(doc), doc.nodes) == (kind, [problem], [])
    assert bilingual(doc)


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    path.write_bytes(b"<p>x</p>" * 20)
    for doc in (read_document(str(path), max_bytes=100), read_document(str(path), path.read_bytes(), 100)):
        assert (problem_kinds(doc), doc.nodes) == (["too-large"], [])
        assert bilingual(doc)
    assert read_document(str(path), max_bytes=160).nodes[0].text == "x"


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "folder.md").mkdir()
    for path in (tmp_path / "missing.md", tmp_path / "folder.md"):
        doc = read_document(str(path))
        assert (doc.kind, problem_kinds(doc), doc.nodes) == ("markdown", ["unreadable"], [])
        assert bilingual(doc)


def test_a_crashing_parser_becomes_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(data: bytes, path: str) -> Document:
        raise ValueError("boom at byte 7")

    monkeypatch.setattr("gilint.parsers.html.parse_html", boom)
    doc = read_document("r.html", b"<p>x</p>")
    assert doc.problems == [
        Problem(
            "reader-crash",
            "读取器内部错误（ValueError: boom at byte 7），文件未能读取",
            "internal reader error (ValueError: boom at byte 7): the file was not read",
            Span(),
        )
    ]
    assert doc.kind == "html"
