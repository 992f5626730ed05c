"""PDF with a text layer: lines of prose and table cells in reading order, read with pdfplumber.

pdfplumber (slow to import) is imported only when a PDF is read. Each page's characters (duplicates
drawn for fake bold removed) go either to a table cell or to the page's free text:

- A **ruled table** is found from the page's ruling lines only: lines, stroked rectangles, thin
  filled rectangles and the straight segments of stroked paths. A wider filled rectangle without a
  stroke is a background (cell shading, a white box behind each line of text), not a ruling. A
  table that runs on over a page break has no bottom (or top) rule there, so every block of
  vertical rules is closed by a rule across its top and bottom. A "table" of one column is a box
  around text and reads as text. Each cell is one node, a merged cell once, row-major; its lines
  are joined (without a space between CJK characters, so a label printed one character per line
  reads as one word). An empty cell is a node only in a column that holds numbers (a blank
  value); among labels it is layout. A table that continues at the top of the next page with the
  same columns keeps its number and its rows count on. A page whose rules cross more than
  ``MAX_PAGE_CROSSINGS`` times (finding cells is quadratic in them) reads its tables as text.
- **Free text** is grouped into visual lines, one text node each, top to bottom (tables placed by
  their top edge). Page numbers in the top or bottom margin ("- 1 -", "第 1 页", "1/5") are dropped.
  A line that breaks at gaps of at least a character height into two or more segments, those made
  of bare numbers holding two or more numbers in all, is a row of a **borderless table**: its
  segments (and every number) become cells; consecutive such lines form one table. Prose justified
  with wide gaps ("…行政复议      351") has at most one such number.

Spans: ``line`` is the node's 1-based index (``lines[i]`` is node i's text), ``page`` its page, and
``logical`` "第p页 第n行" (n counts the page's free-text lines) or "第p页 表格t 行r 列c" (1-based).
``table``/``row``/``col`` on a node are 0-based; ``col`` counts grid columns (for a borderless
table, the cell's place in its line). Bad input never raises: a file that is not a PDF or is
damaged ("pdf-broken", also per damaged page), encrypted ("pdf-encrypted"), without a text layer
("pdf-no-text", also for scanned pages among text pages), or too big ("pdf-too-many-pages",
"pdf-page-too-dense") is a ``Problem``.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from gilint.model import Document, Node, Problem, Span
from gilint.parsers.limits import clip, full

MAX_PAGES = 200  # pages read; a real report has 3 to 30
MAX_PAGE_CHARS = 30_000  # characters on one page; a dense real page has about 1,500
MAX_PAGE_CROSSINGS = 2_000  # rule rows x rule columns on one page; a page of table 3 has about 400

_THIN = 2.0  # points: a rectangle this thin is a drawn rule
_ALIGN = 3.0  # points: column boundaries this close are the same
_MARGIN = 0.1  # the top and bottom tenth of a page: where headers and footers sit
_BAND = 10.0  # points: the height of the bands that index a table's cells
_NUMBER = re.compile(r"[+-]?\d[\d,，.．]*%?|[/／—–-]")
_PAGE_NUMBER = re.compile(r"[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                          r"|\d{1,4}(?:\s*/\s*\d{1,4})?")

Obj = dict[str, Any]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom

# pdfminer warns on stderr about every damaged operator; the damage that matters becomes a Problem.
# A handler of its own keeps the warnings off stderr unless the application configures logging.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


def parse_pdf(data: bytes, path: str) -> Document:
    doc = Document(path=path, kind="pdf")
    if b"%PDF-" not in data[:1024]:
        doc.problems.append(Problem("pdf-broken", "文件不是 PDF（开头没有 %PDF- 标记），未读取",
                                    "not a PDF file (no %PDF- header at the start): not read", Span()))
        return doc
    import pdfplumber

    try:  # not closed: closing a PDF reads its page tree again, and there is no file to close
        pages = pdfplumber.open(io.BytesIO(data)).pages
    except Exception as e:  # pdfminer raises many kinds on a damaged file: all mean the same here
        doc.problems.append(_unopened(e))
        return doc
    _Reader(doc).read(pages)
    doc.lines = [n.text for n in doc.nodes]
    return doc


def _unopened(e: Exception) -> Problem:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return Problem("pdf-encrypted", "PDF 已加密（需要密码才能打开），未读取",
                       "the PDF is encrypted (a password is needed to open it): not read", Span())
    return Problem("pdf-broken", f"PDF 文件已损坏，无法读取（{cause}）",
                   f"the PDF is damaged and cannot be read ({cause})", Span())


@dataclass(slots=True)
class _Grid:
    """A ruled table on one page: its cells' boxes by row, ``None`` where a merged cell spans."""

    bbox: Box
    rows: list[list[Box | None]]
    columns: list[float]  # the left edge of each grid column
    bands: dict[int, list[tuple[int, int, Box]]] = field(default_factory=dict)
    chars: dict[tuple[int, int], list[Obj]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Index each cell under every band of ``_BAND`` points it reaches into."""
        for r, row in enumerate(self.rows):
            for c, box in enumerate(row):
                for band in range(int(box[1] // _BAND), int(box[3] // _BAND) + 1) if box else ():
                    self.bands.setdefault(band, []).append((r, c, box))


@dataclass(slots=True)
class _Line:
    words: list[Obj]
    top: float
    bottom: float


@dataclass(slots=True)
class _Open:
    """The last table of a page, which may run on at the top of the next."""

    number: int
    rows: int
    columns: list[float]
    page: int


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tables = 0
        self.open_table: _Open | None = None
        self.borderless: tuple[int, int] | None = None  # number, rows of the borderless table being read
        self.page_number = 0
        self.page_lines = 0
        self.stopped = False
        self.any_text = False
        self.scanned: list[int] = []

    def read(self, pages: list[Any]) -> None:
        for page in pages[:MAX_PAGES]:
            if self.stopped:
                break
            self.page_number = page.page_number
            try:
                self.page(page)
            except Exception as e:  # a damaged content stream: keep what the other pages hold
                self.problem("pdf-broken", f"第 {self.page_number} 页已损坏，未能读取（{e}）",
                             f"page {self.page_number} is damaged and was not read ({e})")
            finally:
                page.close()
        if len(pages) > MAX_PAGES:
            self.problem("pdf-too-many-pages", f"PDF 有 {len(pages)} 页，超出安全读取上限 {MAX_PAGES} 页，"
                         f"第 {MAX_PAGES + 1} 页起未读取", f"the PDF has {len(pages)} pages, over the safety "
                         f"limit of {MAX_PAGES}: pages from {MAX_PAGES + 1} on were not read", page=MAX_PAGES + 1)
        self.report_scans()

    def report_scans(self) -> None:
        if any(p.kind == "pdf-broken" for p in self.doc.problems):
            return  # no text on a damaged page says nothing about a scan
        if not self.any_text:
            self.doc.problems.append(Problem("pdf-no-text", "PDF 没有文字层（可能是扫描件），需要先 OCR",
                                             "the PDF has no text layer (a scan?): OCR it first", Span()))
        elif self.scanned:
            zh = "、".join(map(str, self.scanned))
            en = ", ".join(map(str, self.scanned))
            self.problem("pdf-no-text", f"第 {zh} 页只有图像、没有文字层（可能是扫描页），未被读取，需要先 OCR",
                         f"page(s) {en} hold only images, no text layer (scanned?): not read; OCR them first",
                         page=self.scanned[0])

    def problem(self, kind: str, zh: str, en: str, page: int | None = None) -> None:
        self.doc.problems.append(Problem(kind, zh, en, Span(page=page or self.page_number)))

    def page(self, page: Any) -> None:
        self.page_lines = 0
        chars = page.chars
        if not chars:
            if page.images:
                self.scanned.append(self.page_number)
            return
        self.any_text = True
        if len(chars) > MAX_PAGE_CHARS:
            self.problem("pdf-page-too-dense", f"第 {self.page_number} 页有 {len(chars)} 个字符，超出安全读取上限 "
                         f"{MAX_PAGE_CHARS}，该页未读取", f"page {self.page_number} holds {len(chars)} characters, "
                         f"over the safety limit of {MAX_PAGE_CHARS}: the page was not read")
            return
        page = page.dedupe_chars()
        grids = self.grids(page)
        free = [c for c in page.chars if not _place(c, grids)]
        lines = [_Line(ws, min(w["top"] for w in ws), max(w["bottom"] for w in ws)) for ws in _word_lines(free)]
        items: list[tuple[float, _Grid | _Line]] = [(g.bbox[1], g) for g in grids]
        items += [(line.top, line) for line in lines if not _page_number(line, page.height)]
        for _, item in sorted(items, key=lambda it: it[0]):
            if isinstance(item, _Grid):
                self.grid(item)
            else:
                self.line(item)

    def grids(self, page: Any) -> list[_Grid]:
        h, v = _rulings(page)
        crossings = len({round(e["top"] / _ALIGN) for e in h}) * len({round(e["x0"] / _ALIGN) for e in v})
        if crossings <= MAX_PAGE_CROSSINGS:  # finding cells takes time quadratic in the crossings
            return _grids(page, h, v)
        self.problem("pdf-page-too-dense", f"第 {self.page_number} 页的表格线过多，超出安全读取上限，该页的表格按文字"
                     "读取", f"page {self.page_number} holds too many table rules for the safety limits: its "
                     "tables were read as text")
        return []

    def line(self, line: _Line) -> None:
        self.open_table = None
        self.page_lines += 1
        segments = _segments(line.words)
        if len(segments) < 2 or sum(_count_numbers(s) for s in segments) < 2:
            self.borderless = None
            self.add(" ".join(segments), f"第{self.page_number}页 第{self.page_lines}行")
            return
        number, row = self.borderless or (self.new_table(), 0)
        self.borderless = (number, row + 1)
        cells = [part for s in segments for part in _split_numbers(s)]
        for col, text in enumerate(cells):
            self.add(text, self.cell_logical(number, row, col), number, row, col)

    def grid(self, grid: _Grid) -> None:
        self.borderless = None
        last = self.open_table  # runs on only from the end of the previous page to the top of this one
        if last and last.page == self.page_number - 1 and _same_columns(last.columns, grid.columns):
            number, first_row = last.number, last.rows
        else:
            number, first_row = self.new_table(), 0
        texts = {(r, c): _cell_text(grid.chars.get((r, c), []))
                 for r, row in enumerate(grid.rows) for c, box in enumerate(row) if box is not None}
        numeric = {c for (_, c), text in texts.items() if _NUMBER.fullmatch(text)}
        for (r, c), text in texts.items():
            if text or c in numeric:  # an empty cell among labels is layout, among numbers a blank value
                self.add(text, self.cell_logical(number, first_row + r, c), number, first_row + r, c)
        self.open_table = _Open(number, first_row + len(grid.rows), grid.columns, self.page_number)

    def new_table(self) -> int:
        self.tables += 1
        return self.tables - 1

    def cell_logical(self, number: int, row: int, col: int) -> str:
        return f"第{self.page_number}页 表格{number + 1} 行{row + 1} 列{col + 1}"

    def add(self, text: str, logical: str, table: int | None = None, row: int | None = None,
            col: int | None = None) -> None:
        span = Span(line=len(self.doc.nodes) + 1, page=self.page_number, logical=logical)
        if self.stopped or full(self.doc, span):
            self.stopped = True
            return
        self.doc.nodes.append(Node(clip(self.doc, text, span), span, "text" if table is None else "cell",
                                   table, row, col, exact=False))


# ---------------------------------------------------------------- ruled tables


def _grids(page: Any, h: list[Obj], v: list[Obj]) -> list[_Grid]:
    """The page's ruled tables of two or more columns, top to bottom, from its rules ``h`` and ``v``."""
    h = h + _closing_rules(v)
    if len(h) < 2 or len(v) < 2:
        return []
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": v, "explicit_horizontal_lines": h}
    grids = []
    for table in page.find_tables(settings):
        rows = [list(row.cells) for row in table.rows]
        if rows and len(rows[0]) >= 2:
            columns = sorted({box[0] for row in rows for box in row if box is not None})
            grids.append(_Grid(table.bbox, rows, columns))
    return sorted(grids, key=lambda g: g.bbox[1])


def _rulings(page: Any) -> tuple[list[Obj], list[Obj]]:
    """Horizontal and vertical rule segments, as pdfplumber edges."""
    segments: list[tuple[float, float, float, float]] = []
    for obj in page.lines + page.curves:
        if obj.get("stroke", True):
            pts = obj["pts"]
            segments += [(*a, *b) for a, b in itertools.pairwise(pts)]
    for r in page.rects:
        x0, top, x1, bottom = r["x0"], r["top"], r["x1"], r["bottom"]
        if r["width"] <= _THIN or r["height"] <= _THIN:  # a rule drawn as a thin rectangle
            mx, my = (x0 + x1) / 2, (top + bottom) / 2
            segments.append((mx, top, mx, bottom) if r["width"] < r["height"] else (x0, my, x1, my))
        elif r["stroke"]:
            segments += [(x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)]
    h: list[Obj] = []
    v: list[Obj] = []
    for x0, y0, x1, y1 in segments:
        if abs(y1 - y0) <= _THIN < abs(x1 - x0):
            h.append(_edge("h", min(x0, x1), max(x0, x1), (y0 + y1) / 2, (y0 + y1) / 2))
        elif abs(x1 - x0) <= _THIN < abs(y1 - y0):
            v.append(_edge("v", (x0 + x1) / 2, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    return h, v


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> Obj:
    return {"object_type": "rule_edge", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
            "bottom": bottom, "width": x1 - x0, "height": bottom - top}


def _closing_rules(v: list[Obj]) -> list[Obj]:
    """A rule across the top and the bottom of each block of overlapping vertical rules."""
    out: list[Obj] = []
    block: list[Obj] = []
    for edge in [*sorted(v, key=lambda e: e["top"]), None]:
        if edge is None or (block and edge["top"] > max(e["bottom"] for e in block) + _ALIGN):
            xs = [e["x0"] for e in block]
            if len(block) >= 2 and max(xs) - min(xs) > _ALIGN:
                top, bottom = min(e["top"] for e in block), max(e["bottom"] for e in block)
                out += [_edge("h", min(xs), max(xs), top, top), _edge("h", min(xs), max(xs), bottom, bottom)]
            block = []
        if edge is not None:
            block.append(edge)
    return out


def _place(char: Obj, grids: list[_Grid]) -> bool:
    """Put ``char`` into the cell of ``grids`` holding its centre; False when no cell does."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    for grid in grids:
        for r, c, box in grid.bands.get(int(y // _BAND), ()):
            if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                grid.chars.setdefault((r, c), []).append(char)
                return True
    return False


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= _ALIGN for x, y in zip(a, b, strict=True))


def _cell_text(chars: list[Obj]) -> str:
    """A cell's lines joined: no space where a CJK character meets the line break, one elsewhere."""
    text = ""
    for words in _word_lines(chars):
        line = " ".join(w["text"] for w in words)
        text += line if not text or _cjk(text[-1]) or _cjk(line[0]) else " " + line
    return text


def _cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


# ---------------------------------------------------------------- lines and words


def _word_lines(chars: list[Obj]) -> Iterator[list[Obj]]:
    """The words made of ``chars``, in visual lines top to bottom, each line left to right."""
    from pdfplumber.utils import cluster_objects, extract_words

    words = extract_words(chars)
    for line in cluster_objects(words, lambda w: (w["top"] + w["bottom"]) / 2, 3):
        yield sorted(line, key=lambda w: w["x0"])


def _segments(words: list[Obj]) -> list[str]:
    """A line's words grouped into segments, split where the gap is at least a character height."""
    out: list[list[Obj]] = []
    for w in words:
        if out and w["x0"] - out[-1][-1]["x1"] < w["bottom"] - w["top"]:
            out[-1].append(w)
        else:
            out.append([w])
    return [" ".join(w["text"] for w in seg) for seg in out]


def _count_numbers(segment: str) -> int:
    """How many numbers ``segment`` holds when it holds nothing else."""
    words = segment.split(" ")
    return len(words) if all(_NUMBER.fullmatch(w) for w in words) else 0


def _split_numbers(segment: str) -> Iterable[str]:
    """A borderless table's segment with every number as a cell of its own ("总计 21 0" -> 3 cells)."""
    words = segment.split(" ")
    text: list[str] = []
    for word in words:
        if _NUMBER.fullmatch(word):
            if text:
                yield " ".join(text)
                text = []
            yield word
        else:
            text.append(word)
    if text:
        yield " ".join(text)


def _page_number(line: _Line, height: float) -> bool:
    in_margin = line.bottom < height * _MARGIN or line.top > height * (1 - _MARGIN)
    return in_margin and bool(_PAGE_NUMBER.fullmatch(" ".join(w["text"] for w in line.words)))
