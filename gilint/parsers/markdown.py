"""Markdown: ATX headings and prose lines as text nodes, pipe-table rows as cell nodes.

Every node keeps its exact place: its text is a slice of its source line, trimmed only at the ends
(heading ``#`` markers, a blockquote ``>``, a bullet, a whole-line ``**…**`` emphasis, the pipes
around a cell). A table is a run of consecutive row lines: a line starting with ``|``, or holding a
``|`` next to a ``---`` separator or right after another row. Separator rows are skipped; a blank
cell is a cell node with text "". ``table``/``row``/``col`` are 0-based. HTML comments and thematic
breaks (``---``, ``***``) are not content. Lines are cut and reading stops at the limits of ``limits.py``.
"""

from __future__ import annotations

import re

from gilint.decode import decode_bytes
from gilint.model import Document, Node, Span
from gilint.parsers.limits import clip, full, value

_HEADING = re.compile(r" {0,3}#{1,6}(?!#)")
_PREFIX = re.compile(r"\s*(?:>\s*)*(?:[-*+]\s+)?")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_BREAK = re.compile(r" {0,3}([-*_=])(?:\s*\1){2,}\s*")
_SEPARATOR_CELL = re.compile(r":?-{3,}:?")  # not "-": a dash cell
_PIPE = re.compile(r"(?<!\\)\|")
_MAX_CELLS = 1000  # a line with more pipes than this is no table row: it reads as text
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_NOT_NEWLINE = re.compile(r"[^\n]")
_HIDDEN = "\x00"  # stands for a character inside a comment
_SHOWN = re.compile(r"[^\x00]+")
_new = tuple.__new__  # a Span made without its named tuple's __new__, a Python function: one for every node


def parse_markdown(data: bytes, path: str) -> Document:
    decoded = decode_bytes(data)
    text = decoded.text
    lines = [ln.rstrip("\r") for ln in text.split("\n")] if "\r" in text else text.split("\n")
    doc = Document(path=path, kind="markdown", lines=lines, encoding=decoded.encoding, problems=list(decoded.problems))
    longest = value("node-chars")
    content = [
        line if len(line) <= longest else clip(doc, line, Span(i + 1, 1))
        for i, line in enumerate(_without_comments(lines))
    ]
    table, row, prev_row = -1, 0, False
    most = value("nodes")
    for i, line in enumerate(content):
        if len(doc.nodes) >= most and full(doc, Span(i + 1, 1)):
            break
        if "|" in line and _is_row(content, i, prev_row):
            if not prev_row:
                table, row = table + 1, 0
            prev_row = True
            line = line.replace(_HIDDEN, " ")
            if not _is_separator(line):
                if not _add_row(doc, line, i + 1, table, row):
                    break
                row += 1
            continue
        prev_row = False
        if _HIDDEN not in line:
            if line and not _BREAK.fullmatch(line):
                _add_text(doc.nodes, line, i + 1)
        elif not _BREAK.fullmatch(line):
            for shown in _SHOWN.finditer(line):  # the pieces of the line around comments
                _add_text(doc.nodes, " " * shown.start() + shown.group(), i + 1)
    return doc


def _without_comments(lines: list[str]) -> list[str]:
    """The lines with HTML comments masked out (same lengths, so columns stay exact)."""
    text = "\n".join(lines)
    if "<!--" not in text:
        return lines
    return _COMMENT.sub(lambda m: _NOT_NEWLINE.sub(_HIDDEN, m.group()), text).split("\n")


def _is_row(lines: list[str], i: int, prev_row: bool) -> bool:
    line = lines[i]
    if line.count("|") > _MAX_CELLS:
        return False
    if line.lstrip().startswith("|"):
        return True
    if "|" not in line:
        return False
    return prev_row or (i + 1 < len(lines) and "|" in lines[i + 1] and _is_separator(lines[i + 1]))


def _is_separator(line: str) -> bool:
    """A table's ``| --- | :---: |`` line (checked without a regex that could backtrack on long lines)."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return all(_SEPARATOR_CELL.fullmatch(cell.strip()) for cell in body.split("|"))


def _add_row(doc: Document, line: str, number: int, table: int, row: int) -> bool:
    """Add the row's cells; False when the document is full and reading must stop."""
    most = value("nodes")
    nodes = doc.nodes
    pieces = _PIPE.split(line) if "\\" in line else line.split("|")
    first, last = 0, len(pieces)
    if not pieces[0].strip():  # nothing before the leading pipe
        first = 1
    if first < last and not pieces[-1].strip():  # nothing after the trailing pipe
        last -= 1
    at = len(pieces[0]) + 1 if first else 0  # where the piece starts in the line
    for col, raw in enumerate(pieces[first:last]):
        text = raw.strip()
        start = at + (len(raw) - len(raw.lstrip()) if text else 0) + 1
        span = _new(Span, (number, start, number, start + (len(text) or 1) - 1, None, None))
        if len(nodes) >= most and full(doc, span):
            return False
        nodes.append(Node(text, span, "cell", table, row, col))
        at += len(raw) + 1
    return True


def _closing(line: str, start: int, end: int) -> int:
    """Where a heading's text ends before a closing ``##`` run (white space, then only #s to the end)."""
    hashes = len(line[:end].rstrip("#"))
    if hashes < end and hashes - 1 >= start and line[hashes - 1].isspace():
        return max(start, len(line[:hashes].rstrip()))
    return end


def _add_text(nodes: list[Node], line: str, number: int) -> None:
    end = len(line.rstrip())
    heading = _HEADING.match(line)
    if heading:
        start = heading.end()
        end = _closing(line, start, end)
    else:
        start = _PREFIX.match(line).end()  # type: ignore[union-attr]  # every part optional: it matches any line
    while start < end and line[start].isspace():
        start += 1
    emphasis = _EMPHASIS.fullmatch(line, start, end)
    if emphasis and emphasis.group(1) not in emphasis.group(2):
        start, end = emphasis.start(2), emphasis.end(2)
    if start < end:
        nodes.append(Node(line[start:end], _new(Span, (number, start + 1, number, end, None, None))))
