"""Plain text: prose lines, and tables flattened by scrapers.

Every flattened form seen in real reports becomes cell nodes: one cell per line ending in ``|``,
runs of ``|||`` left by merged headers, ``| a | b |`` rows, tab-separated rows, a cell whose text
continues on the next line after a leading ``|``. A line without ``|`` or a tab is a text node.
A scraper's metadata header (``标题: …`` lines closed by a ``==== 正文 ====`` rule) goes to
``Document.meta``. Reading stops at the node limits of ``limits.py``, and a line is cut at its length limit.
"""

from __future__ import annotations

from gilint import regex
from gilint.decode import decode_bytes
from gilint.model import Document, Node, Span
from gilint.parsers.limits import clip, full, value

_SEP = regex.compile(r"[|\t｜]")
_DEBRIS = regex.compile(r"\[bookmark: [^][]*\]")  # not across "[": linear on a line of many openings
_HEADER_KEYS = {"标题": "title", "发布时间": "pubdate", "发布机构": "publisher", "发布日期": "pubdate"}
_BODY_RULE = regex.compile(r"^=+\s*正文\s*=+\s*$")
_new = tuple.__new__  # a Span made without its named tuple's __new__, a Python function: one for every node


def parse_text(data: bytes, path: str) -> Document:
    decoded = decode_bytes(data)
    text = decoded.text
    lines = [ln.rstrip("\r") for ln in text.split("\n")] if "\r" in text else text.split("\n")
    doc = Document(path=path, kind="text", lines=lines, encoding=decoded.encoding, problems=list(decoded.problems))
    start = _read_header(lines, doc.meta)
    most, longest = value("nodes"), value("node-chars")
    for number, line in enumerate(lines[start:], start=start + 1):
        if len(line) > longest:
            line = clip(doc, line, Span(number, 1))
        if not _add_line(doc, line, number, most):
            break
    return doc


def _read_header(lines: list[str], meta: dict[str, str]) -> int:
    """Parse a ``key: value`` scraper header closed by the 正文 rule; return the first body line."""
    for i, line in enumerate(lines[:40]):
        if _BODY_RULE.match(line.strip()):
            for head in lines[:i]:
                key, _, value = head.partition(":")
                if key.strip() in _HEADER_KEYS and value.strip():
                    meta[_HEADER_KEYS[key.strip()]] = value.strip()
            return i + 1
    return 0


def _add_line(doc: Document, line: str, number: int, most: int) -> bool:
    """Add the line's nodes; False when the document holds ``most`` nodes and reading must stop."""
    nodes = doc.nodes
    if "[bookmark: " in line:
        line = _DEBRIS.sub(lambda m: " " * len(m.group()), line)
    if "|" not in line and "\t" not in line and "｜" not in line:  # (_SEP, found by C-level scans)
        stripped = line.strip()
        if stripped:
            if len(nodes) >= most and full(doc, Span(number, 1)):
                return False
            col = line.index(stripped[0]) + 1
            nodes.append(Node(stripped, _new(Span, (number, col, number, col + len(stripped) - 1, None, None))))
        return True
    pos = 0
    for piece in _SEP.split(line):
        stripped = piece.strip()
        if stripped:
            col = pos + piece.index(stripped[0]) + 1
            if len(nodes) >= most and full(doc, Span(number, col)):
                return False
            nodes.append(Node(stripped, _new(Span, (number, col, number, col + len(stripped) - 1, None, None)), "cell"))
        pos += len(piece) + 1
    return True
