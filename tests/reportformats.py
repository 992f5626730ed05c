"""The same report in each format gilint fixes: plain text (as ``gilint.testing.reports.make_report`` writes it),
Markdown, HTML (UTF-8 or GBK, optionally with CRLF line ends) and .docx.

A line holding `` | `` is a table row (its cells split at ``|``), consecutive rows one table; every
other line is a paragraph. Each builder is a pure function of the text, so building the fixed text
gives exactly the bytes a correct fix must produce.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from tests.docxkit import docx_bytes, para, table

Block = str | list[list[str]]
FORMATS = ("txt", "md", "html", "docx")


def blocks(text: str) -> Iterator[Block]:
    rows: list[list[str]] = []
    for line in text.rstrip("\n").split("\n"):
        if " |" in line:
            rows.append([c.strip() for c in line.split("|")][:-1])
            continue
        if rows:
            yield rows
            rows = []
        yield line
    if rows:
        yield rows


def markdown(text: str) -> bytes:
    out = []
    for i, b in enumerate(blocks(text)):
        if isinstance(b, str):
            out += [f"# {b}" if i == 0 else b, ""]
        else:
            width = max(len(r) for r in b)
            rows = ["| " + " | ".join(r) + " |" for r in b]
            out += [rows[0], "|" + " --- |" * width, *rows[1:], ""]
    return "\n".join(out).encode("utf-8")


def html(text: str, encoding: str = "utf-8", newline: str = "\n") -> bytes:
    out = [f'<!DOCTYPE html><html><head><meta charset="{encoding}"><title>报告</title></head><body>']
    for i, b in enumerate(blocks(text)):
        if isinstance(b, str):
            out.append(f"<h1>{escape(b)}</h1>" if i == 0 else f"<p>{escape(b)}</p>")
        else:
            out.append(
                "<table>"
                + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in b)
                + "</table>"
            )
    out.append("</body></html>")
    return newline.join(out).encode(encoding)


def docx(text: str) -> bytes:
    return docx_bytes("".join(para(b) if isinstance(b, str) else table(b) for b in blocks(text)))


def build(fmt: str, text: str) -> bytes:
    if fmt == "txt":
        return text.encode("utf-8")
    if fmt == "md":
        return markdown(text)
    if fmt == "html":
        return html(text)
    return docx(text)
