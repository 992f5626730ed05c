"""HTML pages: paragraphs and table cells in reading order, each at its element's place in the source.

libxml2 (through lxml) builds the tree; one iterative walk turns it into nodes. Every run of inline
text between block boundaries is a text node (``<br>`` is a space inside it). A data table's cells
are cell nodes, each original cell once in row-major order, ``table``/``row``/``col`` 0-based with
``col`` the grid column after rowspan/colspan. A table that holds other tables, a cell of more than
200 characters, or only one cell is a layout container: its content reads as ordinary blocks.
script/style/head/nav (and header/footer outside an ``<article>``) are not content. A data cell or a block
whose content the walk would only join (inline elements, no ``<br>``, comment or skipped element) is read
by the text libxml2 joins in one call instead of element by element; which elements hold something the walk
must go through is found once for the tree (lxml finds those nodes in C), and a tree of no more nodes than the
walk may go through is read without counting them. There, a data table of only rows of such cells (a cell of
plain blocks joined with a space at each block's edge), nothing but white space between them, is read without
the walk's events, its start tags found by one scan where they are the next ones in turn.

libxml2 keeps its safety limits (no ``huge_tree``: nesting past 256 levels, or one text, attribute or name
over 10 MB, stops it, and that is recorded as a problem), never touches the network, loads no DTD and
expands no external entity; reading stops at the node limits of ``limits.py``. Before libxml2 sees the
text, ``prescan.guard`` blanks attributes and comments past their limits (libxml2 and lxml's walk are
quadratic in them).

Spans point at the start tag of the block (or cell) that holds the text (``exact=False``): libxml2
gives the line where a start tag ends, and a forward-only search from there finds where it begins.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, cached_property
from itertools import accumulate, count, islice, repeat
from operator import add, attrgetter, lt

from lxml import etree

from gilint.decode import decode_bytes
from gilint.model import Document, Node, Problem, Span
from gilint.parsers.limits import clip, full, stop, value
from gilint.parsers.prescan import guard

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "head",
        "title",
        "template",
        "nav",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "select",
        "textarea",
        "button",
    }
)
_CHROME = frozenset({"header", "footer"})  # page chrome, unless inside an <article>
_NOT_QUICK = _SKIP | _CHROME | {"article", "br"}  # in a data cell, what makes the walk go through it
_RAW = frozenset({"script", "style", "textarea", "title", "xmp"})  # content is raw text, not markup
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_LOCATED = _BLOCK | _SKIP  # the only tags searched for in the source
_NOT_PLAIN = _LOCATED | {"br"}  # in a block, what makes the walk go through it (and what is no element)
_PLAIN_BLOCKS = _BLOCK - _NOT_QUICK  # in a data cell, the blocks the walk goes through only to join their text
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})
# where a start tag of what a table read at once holds begins, in a text of names in lower case (the commonest first)
_COMMON = ("td", "tr", "p", "th", "tbody", "div")
_TABLED = (*_COMMON, *sorted((_SECTIONS | _PLAIN_BLOCKS) - set(_COMMON)))
_TABLED_START = re.compile(rf"<(?=[a-z])({'|'.join(_TABLED)})(?=[\s/>])")
_START, _GROUP, _TAG, _LINE = re.Match.start, re.Match.group, attrgetter("tag"), attrgetter("sourceline")
_TEXT = attrgetter("text")
# what makes the walk go through a block or a data cell, found by lxml in C: the elements of _NOT_PLAIN (which holds
# _NOT_QUICK) and the nodes that are no element (comments, processing instructions, entities)
_SPECIAL = (*sorted(_NOT_PLAIN), etree.Comment, etree.ProcessingInstruction, etree.Entity)
# how many nodes the tree holds at most (its text nodes too): one count in C
_NODES = etree.XPath("count(descendant-or-self::node())")
_PUBDATE = frozenset({"pubdate", "publishdate", "firstpublishedtime"})
_LONG_CELL = 200
_AT_ONCE = 6  # cells a data table holds at least to be read at once (for fewer, that costs more than the walk)
_MAX_COLSPAN = 1000
_SPAN_BUDGET = 500_000  # grid positions covered by rowspans, per table
_MARKUP_FACTOR = 3  # "<" characters handed to libxml2 at most: this many per element the walk may go through
_CHUNK = 1 << 16
_LINE_CAP = 65535  # libxml2's sourceline saturates here
_DIGITS = re.compile(r"\s*(\d+)")
_COMMENT_START = re.compile(r"<!|<\?|</(?![A-Za-z])")
_COMMENT_END = re.compile(r"-*!?>")
_CAPITAL_TAG = re.compile(r"<[a-z0-9]*[A-Z]")  # a name after "<" holding a capital letter
_FOLDS = "\u0130\u0131\u017f\u212a"  # the letters that case folding and str.lower see apart

Grid = list[tuple[int, int, etree._Element]]
Place = tuple[int, int, int]  # a data cell's (table, row, col)
# a data table's cells with their (table, row, col), in document order, and the text libxml2 joins of each
Found = tuple[dict[etree._Element, Place], dict[etree._Element, str]]
Plain = tuple[list[etree._Element], list[tuple[int, Place, str]]]  # what ``_Walker.plain`` gives
_new = tuple.__new__  # a Span made without its named tuple's __new__, a Python function: one for every element


@cache
def _start_tag(tag: str) -> re.Pattern[str]:
    """Where a start tag of ``tag`` begins (its name in any case, then white space, "/" or ">")."""
    return re.compile(rf"<{re.escape(tag)}(?=[\s/>])", re.I)


def parse_html(data: bytes, path: str) -> Document:
    decoded = decode_bytes(data, html=True)
    text = decoded.text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", " ")
    doc = Document(
        path=path, kind="html", lines=text.split("\n"), encoding=decoded.encoding, problems=list(decoded.problems)
    )
    text = _cut(guard(text, doc), doc)
    parser = etree.HTMLParser(encoding="utf-8", huge_tree=False, no_network=True)
    root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    _limit_problems(parser.error_log, doc)
    if root is None:
        return doc
    _read_meta(root, doc.meta)
    _Walker(text, doc.lines, doc).run(root)
    return doc


def _cut(text: str, doc: Document) -> str:
    """``text`` up to its ``_MARKUP_FACTOR`` x ``html-elements``-th "<": libxml2 never builds a tree far
    larger than the walk may go through (the cut is recorded as reading stopped there)."""
    cap = _MARKUP_FACTOR * value("html-elements")
    if text.count("<") <= cap:
        return text
    seen, pos = 0, 0
    while seen + (n := text.count("<", pos, pos + _CHUNK)) <= cap:
        seen, pos = seen + n, pos + _CHUNK
    for _ in range(cap - seen + 1):
        pos = text.index("<", pos) + 1
    stop(doc, Span(text.count("\n", 0, pos) + 1), "html-elements")
    return text[: pos - 1]


def _limit_problems(log: etree._ListErrorLog, doc: Document) -> None:
    """Record where libxml2's own limits (nesting depth, one text or name over 10 MB) stopped it."""
    messages = [e.message for e in log]
    if any("Excessive depth" in m for m in messages):
        doc.problems.append(
            Problem(
                "html-too-deep",
                "HTML 嵌套层数过深，超出部分未被读取",
                "HTML nesting is too deep: the part beyond the limit was not read",
                Span(),
            )
        )
    if any("limit exceeded" in m.lower() for m in messages):
        doc.problems.append(
            Problem(
                "html-limits",
                "HTML 超出安全解析限制（一段文字、一个属性或名称过长），从此处起未被读取",
                "the HTML exceeds a parser safety limit (a text, attribute or name is too long): "
                "the rest from there on was not read",
                Span(),
            )
        )


def _joined(el: etree._Element) -> str:
    """The text libxml2 joins of ``el`` and all it holds (not its tail)."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _blank(text: str | None) -> bool:
    """Whether ``text`` (an element's text or tail) holds nothing but white space."""
    return not text or text.isspace()


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
    """Where start tags begin in the source, found in document order by a cursor that only moves on.

    A tag's next start tag from the cursor on is searched for in the text (one C-level scan, ``str.find``),
    and what a search found is kept for the tag (where it searched from, what it found) until the cursor
    passes it, so the searches for one tag never scan the same characters twice: the walk stays linear
    however many elements the parser implied or comments it rewrote, and a page of a million tags the walk
    never locates costs no Python work for each. Comment starts are indexed when the first comment is met.
    """

    def __init__(self, text: str, lines: list[str]) -> None:
        self.text = text
        # where each line starts: the lengths of the lines before it, and one newline after each
        self.starts = list(map(add, accumulate(map(len, lines[:-1]), initial=0), count()))
        self.line_end = min(len(self.starts), _LINE_CAP)  # lines from here on end with the text, to the parser
        self.cursor = 0
        self.found: dict[str, tuple[int, int | None]] = {}  # tag -> (searched from, its first start tag there)
        self.tags: dict[str, list[int]] = {}  # tag -> where its start tags begin (a text _FOLDS ignoring case)
        self.comments: list[int] | None = None  # where comments start (indexed at the first comment met)
        # Tag names are matched ignoring case. Python's case folding tells apart from ``str.lower`` only four
        # letters (``_FOLDS``); without them, the text in lower case (its characters where they were) holds a
        # tag's name in lower case where the source holds it in any case, and is searched for it as it is.
        # Where no "<" is followed by a name with a capital letter, that is the text itself.
        if any(c in text for c in _FOLDS):
            self.folded = None
        else:
            self.folded = text.lower() if _CAPITAL_TAG.search(text) else text

    def find(self, el: etree._Element, tag: str) -> int | None:
        """Where ``el``'s start tag (``tag``, a name of ``_LOCATED``: ASCII) begins, the cursor moved past it;
        None when it has none: no start tag from the cursor on before the line after ``el``'s (as libxml2
        counts lines: only up to 65535)."""
        cursor, folded = self.cursor, self.folded
        if folded is None:  # a letter of _FOLDS: every start tag of the tag indexed by a search ignoring case
            positions = self.tags.get(tag)
            if positions is None:
                positions = self.tags[tag] = [m.start() for m in _start_tag(tag).finditer(self.text)]
            i = bisect.bisect_left(positions, cursor)
            at = positions[i] if i < len(positions) else None
        elif (known := self.found.get(tag)) and known[0] <= cursor and (known[1] is None or known[1] >= cursor):
            at = known[1]
        else:
            needle = "<" + tag
            after = len(needle)
            found = folded.find(needle, cursor)
            while found >= 0:
                follows = folded[found + after : found + after + 1]  # (?=[\s/>]): white space, "/" or ">"
                if follows and (follows in "/>" or follows.isspace()):
                    break
                found = folded.find(needle, found + 1)
            at = found if found >= 0 else None
            self.found[tag] = (cursor, at)
        if at is None:
            return None
        line = el.sourceline
        if line and line < self.line_end and at >= self.starts[line]:  # implied by the parser (html, body)
            return None
        self.cursor = at + 1 + len(tag)
        if tag in _RAW:  # step over the raw content, which may look like markup
            gt = self.text.find(">", self.cursor)
            if gt >= 0:
                self.cursor = gt + 1 + len(el.text or "")
        return at

    def element(self, el: etree._Element, tag: str) -> Span:
        """Where ``el`` (of ``tag``) is, the cursor moved past its start tag."""
        at = self.find(el, tag)
        if at is None:
            line = el.sourceline
            return Span(line if line and line < _LINE_CAP else None)
        line = bisect.bisect_right(self.starts, at)
        return _new(Span, (line, at - self.starts[line - 1] + 1, None, None, None, None))

    def span(self, el: etree._Element, at: int | None) -> Span:
        """Where ``el`` is, its start tag found at ``at`` (None: not found), as ``element`` gives it."""
        if at is None:
            line = el.sourceline
            return Span(line if line and line < _LINE_CAP else None)
        line = bisect.bisect_right(self.starts, at)
        return _new(Span, (line, at - self.starts[line - 1] + 1, None, None, None, None))

    @cached_property
    def bounds(self) -> list[int]:
        """For each line (as libxml2 counts them, from 1), where a start tag of an element on it begins before."""
        after = len(self.starts) + 1 - self.line_end  # lines ending with the text, to the parser
        return [sys.maxsize, *self.starts[1 : self.line_end], *repeat(sys.maxsize, after)]

    def run(self, elements: list[etree._Element]) -> list[int] | None:
        """Where the start tags of ``elements`` (in document order, of _TABLED) begin, as ``find`` gives them one
        after another, the cursor moved past the last; found by one scan for the start tags of _TABLED, where
        those from the cursor on are theirs in turn, each before the line after its element's. (Then each find
        gives the next of them: none of its name comes before.) None, having done nothing, for any other, and
        in a text of a letter of _FOLDS."""
        if self.folded is None or not elements:
            return None
        found = list(islice(_TABLED_START.finditer(self.folded, self.cursor), len(elements)))
        if list(map(_GROUP, found, repeat(1))) != list(map(_TAG, elements)):
            return None
        lines = list(map(_LINE, elements))
        if None in lines or max(lines) >= len(self.bounds):  # (libxml2 gives no line past the text's last)
            return None
        at = list(map(_START, found))
        if not all(map(lt, at, map(self.bounds.__getitem__, lines))):
            return None
        self.cursor = found[-1].end()
        return at

    def comment(self, el: etree._Element) -> None:
        """Move past a comment (or what the parser turned into one: ``<!x>``, ``<?x?>``, ``</ x>``)."""
        if self.comments is None:
            self.comments = [m.start() for m in _COMMENT_START.finditer(self.text)]
        i = bisect.bisect_left(self.comments, self.cursor)
        if i == len(self.comments):
            return
        at, line = self.comments[i], el.sourceline
        if line and line < self.line_end and at >= self.starts[line]:  # before the line after el's, as _find
            return
        opener = 4 if self.text.startswith("<!--", at) else 2
        end = at + opener + len(el.text or "")
        close = _COMMENT_END.match(self.text, end)
        self.cursor = close.end() if close else end

    def skip(self, el: etree._Element, limit: int) -> int:
        """Move past (at most ``limit`` of) an element's descendants that will not be visited; how many."""
        seen = 0
        for sub in el.iterdescendants():
            if seen >= limit:
                break
            seen += 1
            if (tag := sub.tag) in _LOCATED:
                self.find(sub, tag)
            elif isinstance(sub, etree._Comment):
                self.comment(sub)
        return seen


class _Walker:
    def __init__(self, text: str, lines: list[str], doc: Document) -> None:
        self.doc = doc
        self.loc = _Locator(text, lines)
        self.buf: list[str] = []
        self.buf_span: Span | None = None
        self.cells: dict[etree._Element, Place] = {}
        self.cell: etree._Element | None = None  # the data cell being read
        self.cell_span = Span()
        self.tables = 0
        self.budget = value("html-elements")  # elements and comments still to go through
        self.counting = True  # whether they are counted: the tree may hold more than the walk may go through
        self.most, self.longest = value("nodes"), value("node-chars")
        self.holders: set[etree._Element] = set()  # tables holding tables
        self.parents: set[etree._Element] = set()  # elements holding a node of _SPECIAL
        self.texts: dict[etree._Element, str] = {}  # the text libxml2 joins of each data cell not yet read
        self.stopped = False  # a limit is reached: stop walking

    def run(self, root: etree._Element) -> None:
        """Walk the tree: its text nodes and cells in document order."""
        self.holders = _holders(root)
        self.parents = parents = _parents(root, self.budget)
        # A tree of no more nodes than the walk may go through never reaches the limit: nothing is counted. (Those
        # of a page longer than that are counted without counting first what the tree holds: lxml would gather
        # every node for the count.)
        self.counting = counting = len(self.loc.text) > self.budget or _NODES(root) > self.budget
        loc, cells, buf = self.loc, self.cells, self.buf
        walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
        spans = [Span()]  # spans of the open elements, over the span of none
        articles = 0
        for event, el in walk:
            if self.stopped:
                break
            if event == "end":
                span = spans.pop()  # text after an element is placed at that element
                if el is self.cell:
                    self.end_cell()
                elif (tag := el.tag) in _BLOCK:  # (a skipped element is never an article)
                    articles -= tag == "article"
                    self.boundary()
                if tail := el.tail:
                    self.add(tail, span)
                continue
            if counting:
                self.budget -= 1
                if self.budget < 0:
                    self.stopped = stop(self.doc, spans[-1], "html-elements")
                    break
            if event != "start":  # a comment or processing instruction
                loc.comment(el)
                if tail := el.tail:
                    self.add(tail, spans[-1])
                continue
            tag = el.tag
            if tag not in _LOCATED:  # inline: its text is placed at its block
                spans.append(spans[-1])
                if not isinstance(tag, str):  # not an element
                    self.skip(el)
                    walk.skip_subtree()
                    continue
                if tag == "br":
                    buf.append(" ")
                if text := el.text:
                    self.add(text, spans[-1])
                continue
            span = loc.element(el, tag)
            spans.append(span)
            if tag in _SKIP or (tag in _CHROME and not articles):
                self.skip(el)
                walk.skip_subtree()
                continue
            if tag == "table" and self.table(el):
                walk.skip_subtree()
                continue
            if el in cells:
                if buf:
                    self.flush()
                self.cell, self.cell_span = el, span
                if self.quick(el):
                    walk.skip_subtree()
                    continue
            else:  # a block
                articles += tag == "article"
                self.boundary()
                # A block holding only inline elements (nothing located, no <br>, no comment), no more of them than
                # the walk may still go through: the walk would add each of their texts and tails at the block's
                # span, which is adding the text libxml2 joins of them in one call.
                if el not in parents and self.fits(el):
                    if text := _joined(el):
                        self.add(text, span)
                    walk.skip_subtree()
                    continue
            if text := el.text:
                self.add(text, span)
        self.flush()

    def table(self, table: etree._Element) -> bool:
        """Note a data table's cells for the walk, or read the table at once (``plain``, ``at_once``, where nothing
        is counted): whether it was. (A data table is never inside a data cell: the cell's table would hold it,
        and be no data table.)"""
        found = self.data_cells(table)
        if found is None:
            return False
        if not self.counting and len(found[0]) >= _AT_ONCE and (plain := self.plain(table, found)) is not None:
            self.boundary()
            self.at_once(*plain)
            return True
        self.cells.update(found[0])
        self.texts.update(found[1])
        return False

    def fits(self, el: etree._Element) -> bool:
        """Whether the walk may go through ``el``'s descendants (taken off what it may still go through)."""
        if not self.counting:
            return True
        inside = sum(1 for _ in el.iterdescendants()) if len(el) else 0
        if inside > self.budget:
            return False
        self.budget -= inside
        return True

    def quick(self, cell: etree._Element) -> bool:
        """Read a data cell whose content the walk would go through only to join its text (``read``), no more
        elements than it may still go through: the text is added and the cursor moved past the blocks' start
        tags. False, having done nothing, for any other."""
        joined = self.texts.pop(cell)
        if cell not in self.parents:  # (most cells: the text libxml2 joins, and no block)
            if not self.fits(cell):
                return False
            self.buf.append(joined)
            return True
        blocks: list[etree._Element] = []
        text = self.read(cell, joined, blocks)
        if text is None or not self.fits(cell):
            return False
        for block in blocks:
            self.loc.find(block, block.tag)
        self.buf.append(text)
        return True

    def read(self, cell: etree._Element, joined: str, blocks: list[etree._Element]) -> str | None:
        """What the walk adds to the buffer inside ``cell``, a cell holding one of _SPECIAL whose text libxml2 joins
        is ``joined`` (another adds that), as far as it changes the cell's text: its text, its children's texts and
        tails, a space at each block's start and end, a space for each ``<br>``; the blocks it would locate there
        added to ``blocks`` in document order. None where it would do more than that: a comment, processing
        instruction or entity, an element skipped (or page chrome), an article. An element holding none of
        _SPECIAL adds the text libxml2 joins of it; only those holding one (``parents``) are gone through. (A
        cell of one such block with only white space beside it: ``joined``, the spaces around the block changing
        nothing.)"""
        parents = self.parents
        if len(cell) == 1:
            block = cell[0]
            if block.tag in _PLAIN_BLOCKS and block not in parents and _blank(cell.text) and _blank(block.tail):
                blocks.append(block)
                return joined
        out: list[str] = []
        return "".join(out) if _read(cell, parents, out, blocks) else None

    def plain(self, table: etree._Element, found: Found) -> Plain | None:
        """What the walk would go through in a data table of only rows (directly or in its thead, tbody and
        tfoot) of cells that ``read`` reads, with nothing but white space between them: every element it would
        locate, in document order, and for each cell its index there, its place and its text. None for any
        other table. (Where nothing is counted: every cell is then read by ``quick``.)"""
        if not _blank(table.text):
            return None
        elements: list[etree._Element] = []
        cells: list[tuple[int, Place, str]] = []
        places, joined = found
        given = iter(places.items())
        for child in table:
            tag = child.tag
            if tag == "tr":
                rows: Iterable[etree._Element] = (child,)
            elif tag in _SECTIONS and _blank(child.text) and _blank(child.tail):
                elements.append(child)
                rows = child
            else:
                return None
            for row in rows:
                if row.tag != "tr" or not (_blank(row.text) and _blank(row.tail)):
                    return None
                elements.append(row)
                for el in row:  # (found holds the td and th of these rows in this order: any other child differs)
                    entry = next(given, None)
                    if entry is None or el is not entry[0] or not _blank(el.tail):
                        return None
                    index = len(elements)
                    elements.append(el)
                    text = self.read(el, joined[el], elements) if el in self.parents else joined[el]
                    if text is None:
                        return None
                    cells.append((index, entry[1], text))
        return (elements, cells) if next(given, None) is None else None

    def at_once(self, elements: list[etree._Element], cells: list[tuple[int, Place, str]]) -> None:
        """Read a table ``plain`` went through as the walk would: its elements located in turn (by one scan where
        ``run`` may), each cell a node of its text (the white space between them makes no node)."""
        loc = self.loc
        at: Sequence[int | None] = loc.run(elements) or [loc.find(el, el.tag) for el in elements]
        nodes = [Node(_collapse(text), loc.span(elements[i], at[i]), "cell", *place, False) for i, place, text in cells]
        if (
            len(self.doc.nodes) + len(nodes) <= self.most
            and max(map(len, map(_TEXT, nodes)), default=0) <= self.longest
        ):
            self.doc.nodes += nodes
            return
        for node in nodes:
            if self.stopped:
                return
            self.emit(node)

    def skip(self, el: etree._Element) -> None:
        """Go past an element that is not content and all it holds."""
        if self.counting:
            self.budget -= self.loc.skip(el, self.budget)
        elif el in self.parents:  # (only there is something to move past)
            self.loc.skip(el, sys.maxsize)

    def end_cell(self) -> None:
        t, r, c = self.cells.pop(self.cell)  # type: ignore[arg-type]
        self.emit(Node(_collapse("".join(self.buf)), self.cell_span, "cell", t, r, c, False))
        self.buf.clear()
        self.cell = None

    def boundary(self) -> None:
        """A block starts or ends: a space inside a cell, else the end of a text node."""
        if self.cell is not None:
            self.buf.append(" ")
        elif self.buf:
            self.flush()

    def add(self, text: str, span: Span) -> None:
        if self.buf_span is None and self.cell is None and not text.isspace():
            self.buf_span = span
        self.buf.append(text)

    def flush(self) -> None:
        text = _collapse("".join(self.buf))
        if text:
            self.emit(Node(text, self.buf_span or Span(), "text", None, None, None, False))
        self.buf.clear()
        self.buf_span = None

    def emit(self, node: Node) -> None:
        if len(self.doc.nodes) >= self.most and full(self.doc, node.span):
            self.stopped = True
            return
        if len(node.text) > self.longest:
            node.text = clip(self.doc, node.text, node.span)
        self.doc.nodes.append(node)

    def data_cells(self, table: etree._Element) -> Found | None:
        """A data table's cells with their (table, row, col), in document order, and the text libxml2 joins of
        each; None for a layout table."""
        rows = _rows(table, self.budget)
        if sum(map(len, rows)) <= 1 or table in self.holders:
            return None
        texts = {}
        for row in rows:
            for cell in row:
                # (a cell holding nothing but text: its text, which is what the call gives)
                text = _joined(cell) if len(cell) else cell.text or ""
                if len(text) > _LONG_CELL and len(_collapse(text)) > _LONG_CELL:
                    return None
                texts[cell] = text
        number = self.tables
        self.tables += 1
        return {cell: (number, r, c) for r, c, cell in _grid(rows)}, texts


def _read(el: etree._Element, parents: set[etree._Element], out: list[str], blocks: list[etree._Element]) -> bool:
    """``_Walker.read`` inside ``el``: what the walk adds, to ``out``; False where it would do more."""
    if text := el.text:
        out.append(text)
    for child in el:
        tag = child.tag
        block = False
        if tag == "br":
            out.append(" ")
        elif tag in _NOT_QUICK or not isinstance(tag, str):
            return False
        elif tag in _BLOCK:
            block = True
            blocks.append(child)
            out.append(" ")
        if child in parents:
            if not _read(child, parents, out, blocks):
                return False
        elif text := _joined(child):
            out.append(text)
        if block:
            out.append(" ")
        if tail := child.tail:
            out.append(tail)
    return True


def _holders(root: etree._Element) -> set[etree._Element]:
    """The tables that hold other tables, found in one pass."""
    out: set[etree._Element] = set()
    for table in root.iter("table"):
        for outer in table.iterancestors("table"):
            if outer in out:
                break  # and so are all its own ancestors
            out.add(outer)
    return out


def _parents(root: etree._Element, most: int) -> set[etree._Element]:
    """The elements holding one of the first ``most`` nodes of ``_SPECIAL``, found in one pass. (The walk goes
    through ``most`` nodes at most: one holding a later one holds more than it may go through, and is not read
    at once whatever it holds.)"""
    out: set[etree._Element] = set()
    for node in islice(root.iter(*_SPECIAL), most):
        parent = node.getparent()
        while parent is not None and parent not in out:
            out.add(parent)  # and then its ancestors, up to one already there (whose are too)
            parent = parent.getparent()
    return out


def _rows(table: etree._Element, limit: int) -> list[list[etree._Element]]:
    """The table's rows of cells, up to ``limit`` cells (the walk never gets past those)."""
    rows = []
    for row in _table_rows(table):
        if limit <= 0:
            break
        cells = list(islice(row.iterchildren("td", "th"), limit))
        limit -= len(cells)
        rows.append(cells)
    return rows


def _table_rows(table: etree._Element) -> Iterator[etree._Element]:
    """The table's own rows in document order (directly under it, or in its thead/tbody/tfoot)."""
    for child in table.iterchildren("tr", "thead", "tbody", "tfoot"):
        if child.tag == "tr":
            yield child
        else:
            yield from child.iterchildren("tr")


def _span_attr(given: str) -> int:
    m = _DIGITS.match(given)
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
            colspan, rowspan = cell.get("colspan"), cell.get("rowspan")
            if colspan is None and rowspan is None:  # most cells: one grid position
                col += 1
                continue
            width = 1 if colspan is None else min(max(_span_attr(colspan), 1), _MAX_COLSPAN)
            height = 1 if rowspan is None else _span_attr(rowspan)
            height = len(rows) - r if height == 0 else min(height, len(rows) - r)
            if height > 1 and (height - 1) * width <= budget:
                budget -= (height - 1) * width
                for rr in range(r + 1, r + height):
                    below[rr].update(range(col, col + width))
            col += width
    return out
