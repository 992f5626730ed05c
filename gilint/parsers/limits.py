"""How much one document may produce: bounded work downstream whatever the input holds.

A reader stops adding nodes at ``MAX_NODES`` (and going through markup at ``MAX_ELEMENTS``) and cuts a
node's text at ``MAX_NODE_CHARS``; each
limit reached is recorded once as a ``Problem`` ("too-many-nodes", "line-too-long"), so the part
left out is never lost silently. ``enforce`` applies both to a finished ``Document`` (a safety net
for any reader that does not stop early itself).
"""

from __future__ import annotations

from gilint.model import Document, Problem, Span

MAX_NODES = 200_000  # a real report has a few thousand
MAX_NODE_CHARS = 200_000  # one line, paragraph or cell; a whole real report is rarely longer
MAX_ELEMENTS = 300_000  # HTML elements and comments a reader goes through; a real page has a few thousand


def full(doc: Document, span: Span) -> bool:
    """True when ``doc`` holds ``MAX_NODES`` nodes (recording, once, that reading stopped at ``span``)."""
    return len(doc.nodes) >= MAX_NODES and stop(doc, span)


def stop(doc: Document, span: Span) -> bool:
    """Record, once, that reading stopped at ``span`` because the document has too many nodes; True."""
    if not any(p.kind == "too-many-nodes" for p in doc.problems):
        doc.problems.append(Problem(
            "too-many-nodes", "文件的段落、表格单元格或标记元素过多，超出安全读取上限，从此处起未被读取",
            "the file holds too many paragraphs, table cells or markup elements for the safety limits: "
            "the rest from here on was not read",
            span))
    return True


def clip(doc: Document, text: str, span: Span) -> str:
    """``text`` cut to ``MAX_NODE_CHARS`` (recording, once, the first place where it had to be cut)."""
    if len(text) <= MAX_NODE_CHARS:
        return text
    if not any(p.kind == "line-too-long" for p in doc.problems):
        doc.problems.append(Problem(
            "line-too-long", f"有一行（或一段、一个单元格）超过 {MAX_NODE_CHARS} 个字符，超出部分未被读取",
            f"a line (or paragraph, or cell) is longer than {MAX_NODE_CHARS} characters: the rest of it was not read",
            span))
    return text[:MAX_NODE_CHARS]


def enforce(doc: Document) -> None:
    """Hold a finished ``doc`` to both limits."""
    if len(doc.nodes) > MAX_NODES:
        stop = doc.nodes[MAX_NODES].span
        del doc.nodes[MAX_NODES:]
        full(doc, stop)
    for node in doc.nodes:
        if len(node.text) > MAX_NODE_CHARS:
            node.text = clip(doc, node.text, node.span)
