"""HTML pages: paragraphs and table cells in reading order, each at its element's place in the source.

libxml2 (through lxml) builds the tree; one iterative walk turns it into nodes. Every run of inline
text between block boundaries is a text node (``<br>`` is a space inside it). A data table's cells
are cell nodes, each original cell once in row-major order, ``table``/``row``/``col`` 0-based with
``col`` the grid column after rowspan/colspan. A table that holds other tables, a cell of more than
200 characters, or only one cell is a layout container: its content reads as ordinary blocks.
script/style/head/nav (and header/footer outside an ``<article>``) are not content.

Spans point at the start tag of the block (or cell) that holds the text (``exact=False``): libxml2
gives the line where a start tag ends, and a forward-only search from there finds where it begins.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from lxml import etree

from gilint.decode import decode_bytes
from gilint.model import Document, Node, Problem, Span

_SKIP = frozenset({"script", "style", "noscript", "head", "title", "template", "nav", "iframe", "object",
                   "embed", "svg", "math", "select", "textarea", "button"})
_CHROME = frozenset({"header", "footer"})  # page chrome, unless inside an <article>
_RAW = frozenset({"script", "style", "textarea", "title", "xmp"})  # content is raw text, not markup
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_LOCATED = _BLOCK | _SKIP  # the only tags searched for in the source
_PUBDATE = frozenset({"pubdate", "publishdate", "firstpublishedtime"})
_LONG_CELL = 200
_MAX_COLSPAN = 1000
_SPAN_BUDGET = 500_000  # grid positions covered by rowspans, per table
_LINE_CAP = 65535  # libxml2's sourceline saturates here
_ROWS = etree.XPath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
_ROW_CELLS = etree.XPath("./td | ./th")
_DIGITS = re.compile(r"\s*(\d+)")

Grid = list[tuple[int, int, etree._Element]]


def parse_html(data: bytes, path: str) -> Document:
    decoded = decode_bytes(data, html=True)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", " ")
    doc = Document(path=path, kind="html", lines=text.split("\n"), encoding=decoded.encoding,
                   problems=list(decoded.problems))
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, no_network=True)
    root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    if root is None:
        return doc
    if any("Excessive depth" in e.message for e in parser.error_log):
        doc.problems.append(Problem("html-too-deep", "HTML 嵌套层数过深，超出部分未被读取",
                                    "HTML nesting is too deep: the part beyond the limit was not read", Span()))
    _read_meta(root, doc.meta)
    _Walker(text, doc).run(root)
    return doc


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _read_meta(root: etree._Element, meta: dict[str, str]) -> None:
    title = None
    for el in root.iter("meta", "title"):
        if el.tag == "title":
            title = title or _collapse(el.text or "")
            continue
        name = (el.get("name") or "").strip().lower()
        content = _collapse(el.get("content") or "")
        if content and name in _PUBDATE:
            meta.setdefault("pubdate", content)
        elif content and name == "articletitle":
            meta.setdefault("title", content)
    if title and "title" not in meta:
        meta["title"] = title


class _Locator:
    """Where start tags begin in the source, found in document order by a cursor that only moves on."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.cursor = 0
        self.patterns: dict[str, re.Pattern[str]] = {}

    def _line_end(self, line: int | None) -> int:
        """Where the line after ``line`` starts (libxml2 counts lines only up to 65535)."""
        if not line or line >= min(len(self.starts), _LINE_CAP):
            return len(self.text)
        return self.starts[line]

    def element(self, el: etree._Element) -> Span:
        tag = el.tag
        pat = self.patterns.get(tag)
        if pat is None:
            pat = self.patterns[tag] = re.compile(rf"<{re.escape(tag)}(?=[\s/>])", re.I)
        m = pat.search(self.text, self.cursor, self._line_end(el.sourceline))
        if m is None:  # implied by the parser (html, body): no start tag of its own
            return Span(el.sourceline if el.sourceline and el.sourceline < _LINE_CAP else None)
        self.cursor = m.end()
        if tag in _RAW:  # step over the raw content, which may look like markup
            gt = self.text.find(">", self.cursor)
            if gt >= 0:
                self.cursor = gt + 1 + len(el.text or "")
        line = bisect.bisect_right(self.starts, m.start())
        return Span(line, m.start() - self.starts[line - 1] + 1)

    def comment(self, el: etree._Element) -> None:
        source = f"<!--{el.text or ''}-->"
        at = self.text.find(source, self.cursor, self._line_end(el.sourceline))
        if at >= 0:
            self.cursor = at + len(source)

    def skip(self, el: etree._Element) -> None:
        """Move past an element's descendants that will not be visited."""
        for sub in el.iterdescendants():
            if sub.tag in _LOCATED:
                self.element(sub)
            elif isinstance(sub, etree._Comment):
                self.comment(sub)


class _Walker:
    def __init__(self, text: str, doc: Document) -> None:
        self.doc = doc
        self.loc = _Locator(text)
        self.buf: list[str] = []
        self.buf_span: Span | None = None
        self.cells: dict[etree._Element, tuple[int, int, int]] = {}
        self.cell: etree._Element | None = None  # the data cell being read
        self.cell_span = Span()
        self.tables = 0

    def run(self, root: etree._Element) -> None:
        walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
        spans: list[Span] = []  # spans of the open elements
        articles = 0
        skipped = None
        for event, el in walk:
            if event in ("comment", "pi"):
                self.loc.comment(el)
                self.add(el.tail, spans[-1] if spans else Span())
                continue
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "start":
                # only blocks are located; text in an inline element is placed at its block
                span = self.loc.element(el) if tag in _LOCATED else spans[-1] if spans else Span()
                spans.append(span)
                if tag in _SKIP or (tag in _CHROME and not articles) or not tag:
                    self.loc.skip(el)
                    walk.skip_subtree()
                    skipped = el
                    continue
                articles += tag == "article"
                self.open(el, tag, span)
                continue
            span = spans.pop()  # text after an element is placed at that element
            if el is skipped:
                self.boundary(tag)
            else:
                articles -= tag == "article"
                self.close(el, tag)
            self.add(el.tail, span)
        self.flush()

    def open(self, el: etree._Element, tag: str, span: Span) -> None:
        if tag == "table":
            self.cells.update(self.data_cells(el))
        if el in self.cells:
            self.flush()
            self.cell, self.cell_span = el, span
        elif tag == "br":
            self.buf.append(" ")
        else:
            self.boundary(tag)
        self.add(el.text, span)

    def close(self, el: etree._Element, tag: str) -> None:
        if el is self.cell:
            t, r, c = self.cells.pop(el)
            self.doc.nodes.append(Node(_collapse("".join(self.buf)), self.cell_span, kind="cell",
                                       table=t, row=r, col=c, exact=False))
            self.buf.clear()
            self.cell = None
        else:
            self.boundary(tag)

    def boundary(self, tag: str) -> None:
        if tag not in _BLOCK:
            return
        if self.cell is not None:
            self.buf.append(" ")
        else:
            self.flush()

    def add(self, text: str | None, span: Span) -> None:
        if not text:
            return
        if self.buf_span is None and self.cell is None and not text.isspace():
            self.buf_span = span
        self.buf.append(text)

    def flush(self) -> None:
        text = _collapse("".join(self.buf))
        if text:
            self.doc.nodes.append(Node(text, self.buf_span or Span(), exact=False))
        self.buf.clear()
        self.buf_span = None

    def data_cells(self, table: etree._Element) -> dict[etree._Element, tuple[int, int, int]]:
        """The cells of a data table with their (table, row, col); empty for a layout table."""
        rows = [_ROW_CELLS(row) for row in _ROWS(table)]
        if sum(map(len, rows)) <= 1 or table.find(".//table") is not None:
            return {}
        if any(len(_collapse("".join(c.itertext()))) > _LONG_CELL for row in rows for c in row):
            return {}
        number = self.tables
        self.tables += 1
        return {cell: (number, r, c) for r, c, cell in _grid(rows)}


def _span_attr(el: etree._Element, name: str) -> int:
    m = _DIGITS.match(el.get(name) or "")
    return int(m.group(1)) if m else 1


def _grid(rows: list[list[etree._Element]]) -> Grid:
    """(row, grid column, cell) for every cell, placing each after the cells spanning down into its row.

    Spanning marks are budgeted, so a hostile table (thousands of huge rowspans) stays linear: past the
    budget a cell's rowspan is ignored.
    """
    out: Grid = []
    below: dict[int, set[int]] = defaultdict(set)  # row -> grid columns taken by cells from rows above
    budget = _SPAN_BUDGET
    for r, cells in enumerate(rows):
        taken = below.pop(r, set())
        col = 0
        for cell in cells:
            while col in taken:
                col += 1
            out.append((r, col, cell))
            width = min(max(_span_attr(cell, "colspan"), 1), _MAX_COLSPAN)
            height = _span_attr(cell, "rowspan")
            height = len(rows) - r if height == 0 else min(height, len(rows) - r)
            if height > 1 and (height - 1) * width <= budget:
                budget -= (height - 1) * width
                for rr in range(r + 1, r + height):
                    below[rr].update(range(col, col + width))
            col += width
    return out
