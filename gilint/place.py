"""Placing a finding's fix in the source file: where each edit's characters are written (``Edit.old`` and
``Edit.span`` filled), before anything is applied.

The engine places every fix it reports (``check_report``), so that a reporter can show it and
``gilint check --fix`` (``gilint.fix``, above the engine) can apply it:

- text and Markdown nodes are exact slices of their source lines (``Node.exact``), so an edit's place
  is the node's line and column plus its offset, checked against the line;
- an HTML node's span is only the start tag of its block, so its text is found in the markup: tags,
  comments, raw-text elements, entities and white space are stepped over, the visible characters
  matched in order, and an edit is placed only when every character it touches is literal and
  contiguous in the source (no tag, entity or comment inside it);
- a .docx edit is shown by its paragraph or cell (its runs are found when it is applied);
- a PDF edit is never placed.

An edit that cannot be placed exactly keeps no span (``gilint.fix`` refuses it, saying why).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from gilint import regex
from gilint.model import Document, Edit, Fix, Span, Stream


class Placer:
    """Places the edits of one report's fixes in its source file (fills ``Edit.old`` and ``Edit.span``)."""

    def __init__(self, doc: Document, stream: Stream) -> None:
        self.doc, self.stream = doc, stream
        self._html: _HtmlText | None = None  # built the first time an HTML edit is placed

    def place(self, fix: Fix) -> Fix:
        return replace(fix, edits=tuple(self._place(e) for e in fix.edits))

    def _place(self, edit: Edit) -> Edit:
        stream = self.stream
        old = stream.text[edit.start : edit.end]
        if not stream.nodes or not 0 <= edit.start <= edit.end <= len(stream.text):
            return replace(edit, old=old, span=None)
        i = stream.node_index(edit.start)
        a, b = edit.start - stream.starts[i], edit.end - stream.starts[i]
        if b > len(stream.nodes[i].text):  # the edit runs past its node
            return replace(edit, old=old, span=None)
        return replace(edit, old=old, span=self._where(i, a, b, old))

    def _where(self, i: int, a: int, b: int, old: str) -> Span | None:
        node, kind = self.stream.nodes[i], self.doc.kind
        if kind in ("text", "markdown"):
            line, column = node.span.line, node.span.column
            if not node.exact or line is None or column is None:
                return None
            source = self.doc.source_line(node.span) or ""
            if source[column - 1 + a : column - 1 + b] != old:
                return None
            return Span(line, column + a, line, column + b - 1)
        if kind == "html":
            if self._html is None:
                self._html = _HtmlText(self.doc, self.stream)
            return self._html.where(i, a, b)
        if kind == "docx":  # placed in the runs when applied; shown by its paragraph or cell
            return Span(node.span.line, logical=node.span.logical)
        return None


_TAG = regex.compile(r"</?([A-Za-z][^\s/>]*)(?:\"[^\"]*\"|'[^']*'|[^'\">])*>?")
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp"})  # content is text, not markup
_NOT_CONTENT = frozenset(
    {"head", "nav", "noscript", "template", "iframe", "object", "svg", "math", "select", "button"}
)  # what the reader leaves out, up to its first closing tag
_WINDOW = 4000  # visible characters a node's text may start after where it is looked for (chrome between)


@dataclass(slots=True)
class _Visible:
    """The visible non-space characters of an HTML source, each with where it is written."""

    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # source offset where the character is written
    ends: list[int] = field(default_factory=list)
    literal: list[bool] = field(default_factory=list)  # written as itself, not as an entity

    def add(self, ch: str, start: int, end: int, literal: bool) -> None:
        self.chars.append(ch)
        self.starts.append(start)
        self.ends.append(end)
        self.literal.append(literal)


def _visible(source: str) -> _Visible:
    """Step through HTML ``source`` once: markup, comments and raw-text content skipped, entities
    decoded, white space dropped (the node texts collapse it)."""
    out = _Visible()
    lower = source.lower()
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "<":
            if source.startswith("<!--", i):
                end = source.find("-->", i + 4)
                i = n if end < 0 else end + 3
                continue
            if source.startswith(("<!", "<?"), i):
                end = source.find(">", i)
                i = n if end < 0 else end + 1
                continue
            tag = _TAG.match(source, i)
            if tag:
                i = tag.end()
                name = tag.group(1).lower()
                if name in _RAW_TEXT | _NOT_CONTENT and not tag.group().startswith("</"):
                    close = lower.find(f"</{name}", i)
                    i = n if close < 0 else close
                continue
        elif ch == "&" and (entity := _ENTITY.match(source, i)):
            import html  # only for a source with entities

            value = html.unescape(entity.group())
            if value != entity.group():
                for c in value:
                    if not c.isspace():
                        out.add(c, i, entity.end(), False)
                i = entity.end()
                continue
        if not ch.isspace():
            out.add(ch, i, i + 1, True)
        i += 1
    return out


class _HtmlText:
    """Where each node's text is in an HTML source (the document's lines, as the reader numbered them).

    Nodes are found in reading order, each at or after its span (the start tag of its block) and
    after the node before it, by their non-space characters, within ``_WINDOW`` characters of there;
    a node not found is not placed (its edits are refused)."""

    def __init__(self, doc: Document, stream: Stream) -> None:
        self.source = "\n".join(doc.lines)
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", self.source))]
        self.seen = _visible(self.source)
        self.nodes = stream.nodes
        self.found: dict[int, int] = {}  # node index -> index in seen.chars of its first character
        text = "".join(self.seen.chars)
        cursor = 0
        for i, node in enumerate(stream.nodes):
            squeezed = "".join(node.text.split())
            if not squeezed:
                continue
            lower = max(cursor, bisect.bisect_left(self.seen.starts, self._offset(node.span)))
            at = text.find(squeezed, lower, lower + len(squeezed) + _WINDOW)  # bounded: linear on any page
            if at >= 0:
                self.found[i] = at
                cursor = at + len(squeezed)

    def _offset(self, span: Span) -> int:
        if span.line is None or span.line > len(self.line_starts):
            return 0
        return self.line_starts[span.line - 1] + max((span.column or 1) - 1, 0)

    def where(self, i: int, a: int, b: int) -> Span | None:
        """The exact source span of node ``i``'s ``text[a:b]``, or None when it is not plain text there."""
        first = self.found.get(i)
        if first is None:
            return None
        text, seen = self.nodes[i].text, self.seen
        index: dict[int, int] = {}  # character of the node -> index in seen
        for j, ch in enumerate(text):
            if not ch.isspace():
                index[j] = first + len(index)
        if a == b:  # an insertion: just after the character before, or just before the one after
            at = seen.ends[index[a - 1]] if a - 1 in index else seen.starts[index[a]] if a in index else None
            start = end = at
        else:
            start = seen.starts[index[a]] if a in index else seen.ends[index[a - 1]] if a - 1 in index else None
            end = seen.ends[index[b - 1]] if b - 1 in index else seen.starts[index[b]] if b in index else None
        if start is None or end is None or start > end:
            return None
        inside = [index[j] for j in range(a, b) if j in index]
        if not all(seen.literal[k] for k in inside):
            return None
        # anything but white space between the characters (a tag, an entity, a comment) is not plain text
        if sum(not ch.isspace() for ch in self.source[start:end]) != len(inside):
            return None
        line = bisect.bisect_right(self.line_starts, start)
        column = start - self.line_starts[line - 1] + 1
        if end == start:
            return Span(line, column, line, column - 1)
        end_line = bisect.bisect_right(self.line_starts, end - 1)
        return Span(line, column, end_line, end - self.line_starts[end_line - 1])
