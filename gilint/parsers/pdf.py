"""PDF with a text layer: lines of prose and table cells in reading order, read with PDFium and pdfplumber.

pdfplumber (pdfminer) opens the file: its structure, encryption and page list. Each page's characters
and drawn paths come from PDFium (pypdfium2, a dependency of pdfplumber) in pdfplumber's form, boxed
as pdfminer boxes them, several times faster than pdfminer's content-stream interpreter. A page
PDFium reads differently or not at all is read by pdfminer as before: without text (a scan, an empty
page), with content pdfminer cannot decode (damage it reports), with glyphs that have no Unicode or a
hyphen PDFium joined to the next line, with ``/ActualText`` PDFium reads in place of the glyphs, or a
text object PDFium skipped (drawn twice, blank). Both libraries are imported only when a PDF is read.
Each page's characters (duplicates drawn for fake bold removed) go either to a table cell or to the
page's free text:

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
  ``pdf-page-crossings`` times (finding cells is quadratic in them) reads its tables as text.
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
("pdf-no-text", also for scanned pages among text pages), or over a limit (``limits.py``: pages,
characters and rule crossings on a page here; objects, object and stream sizes, drawing instructions and
objects on a page in ``pdfguard.py``, which also opens the page tree lazily and makes pdfminer safe
on reference cycles) is a ``Problem``.
"""

from __future__ import annotations

import ctypes
import itertools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from gilint import regex
from gilint.model import Document, Node, Problem, Span
from gilint.parsers import pdfguard
from gilint.parsers.limits import LIMIT_KINDS, clip, exceeded, full, value

# limits (limits.py): pdf-pages (a real report has 3 to 30), pdf-page-chars (a dense real page has about
# 1,500), pdf-page-crossings (rule rows x rule columns; a page of table 3 has about 400)

_THIN = 2.0  # points: a rectangle this thin is a drawn rule
_ALIGN = 3.0  # points: column boundaries this close are the same
_MARGIN = 0.1  # the top and bottom tenth of a page: where headers and footers sit
_BAND = 10.0  # points: the height of the bands that index a table's cells
_NUMBER = regex.compile(r"[+-]?\d[\d,，.．]*%?|[/／—–-]")
_PAGE_NUMBER = regex.compile(
    r"[-—–－]?\s*\d{1,4}\s*[-—–－]?|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}(?:\s*/\s*\d{1,4})?"
)  # a dash OCR lost: "-3"

Obj = dict[str, Any]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Matrix = tuple[float, float, float, float, float, float]  # a, b, c, d, e, f: (x, y) -> (ax + cy + e, bx + dy + f)

# pdfminer warns on stderr about every damaged operator; the damage that matters becomes a Problem.
# A handler of its own keeps the warnings off stderr unless the application configures logging.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


def parse_pdf(data: bytes, path: str, ocr: bool = True) -> Document:
    """The Document of the PDF ``data``. With ``ocr`` false, pages that hold only images are not
    recognised: when the OCR extra is installed, their numbers are left in ``doc.meta["scanned-pages"]``
    for a second reading with OCR in its own budget (``parsers/__init__.py``)."""
    doc = Document(path=path, kind="pdf")
    if b"%PDF-" not in data[:1024]:
        doc.problems.append(
            Problem(
                "pdf-broken",
                "文件不是 PDF（开头没有 %PDF- 标记），未读取",
                "not a PDF file (no %PDF- header at the start): not read",
                Span(),
            )
        )
        return doc
    refused = pdfguard.prescan(data)
    if refused:
        doc.problems.append(refused)
        return doc
    try:
        opened = pdfguard.open_pages(data)
    except Exception as e:  # pdfminer raises many kinds on a damaged file: all mean the same here
        doc.problems.append(_unopened(e))
        return doc
    doc.problems += opened.problems
    pdfium = _Pdfium.open(data, len(opened.pages))
    reader = _Reader(doc, pdfium, data, ocr)
    try:
        reader.read(opened.pages, opened.total)
    finally:
        if pdfium:
            pdfium.close()
        if reader.scans:
            reader.scans.close()
    doc.problems += pdfguard.unreported(doc.problems)
    doc.lines = [n.text for n in doc.nodes]
    return doc


def _unopened(e: Exception) -> Problem:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    refused = pdfguard.refused(e)
    if refused is not None:
        return refused
    cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return Problem(
            "pdf-encrypted",
            "PDF 已加密（需要密码才能打开），未读取",
            "the PDF is encrypted (a password is needed to open it): not read",
            Span(),
        )
    return Problem(
        "pdf-broken", f"PDF 文件已损坏，无法读取（{cause}）", f"the PDF is damaged and cannot be read ({cause})", Span()
    )


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
                    self.bands.setdefault(band, []).append((r, c, box))  # type: ignore[arg-type]  # box is set here


@dataclass(slots=True)
class _Drawing:
    """What a page draws, as pdfplumber gives it: characters, and lines, curves and rectangles (in reading order)."""

    chars: list[Obj]
    lines: list[Obj]
    curves: list[Obj]
    rects: list[Obj]

    @classmethod
    def of(cls, page: Any) -> _Drawing:
        """The page read by pdfminer (raising on a damaged page)."""
        return cls(page.chars, page.lines, page.curves, page.rects)


@dataclass(slots=True)
class _Line:
    words: list[Obj]
    top: float
    bottom: float
    confidence: float | None = None  # OCR: its weakest character's


@dataclass(slots=True)
class _Open:
    """The last table of a page, which may run on at the top of the next."""

    number: int
    rows: int
    columns: list[float]
    page: int


class _Reader:
    def __init__(self, doc: Document, pdfium: _Pdfium | None = None, data: bytes = b"", ocr: bool = True) -> None:
        self.doc = doc
        self.ocr = ocr  # recognise image-only pages (when the extra is installed)
        self.pdfium = pdfium
        self.data = data  # the file, for OCR of pages without a text layer
        self.scans: Any = None  # ocr.Scans, opened at the first such page
        self.recognised: list[tuple[int, float]] = []  # OCR'd pages: number, weakest confidence
        self.tables = 0
        self.open_table: _Open | None = None
        self.borderless: tuple[int, int] | None = None  # number, rows of the borderless table being read
        self.page_number = 0
        self.page_lines = 0
        self.stopped = False
        self.any_text = False
        self.scanned: list[int] = []

    def read(self, pages: list[Any], total: int | None) -> None:
        """Read ``pages`` up to the ``pdf-pages`` limit; ``total``: how many the PDF has (None: more, unknown)."""
        most = value("pdf-pages")
        for page in pages[:most]:
            if self.stopped:
                break
            self.page_number = page.page_number
            try:
                pdfguard.start_page(page)
                self.page(page)
            except Exception as e:  # a damaged content stream: keep what the other pages hold
                refused = pdfguard.refused(e)  # a page over a limit, or one referring to itself
                if refused is None:
                    self.problem(
                        "pdf-broken",
                        f"第 {self.page_number} 页已损坏，未能读取（{e}）",
                        f"page {self.page_number} is damaged and was not read ({e})",
                    )
                elif refused not in self.doc.problems:
                    self.doc.problems.append(refused)
            finally:
                page.close()
        if len(pages) > most:
            self.doc.problems.append(
                exceeded(
                    "pdf-pages",
                    f"PDF 有 {total or f'{most} 多'} 页",
                    f"the PDF has {total or f'more than {most}'} pages",
                    f"第 {most + 1} 页起未读取",
                    f"pages from {most + 1} on were not read",
                    Span(page=most + 1),
                )
            )
        self.report_scans()

    def report_scans(self) -> None:
        if self.recognised:
            pages = "、".join(str(n) for n, _ in self.recognised)
            low = min(c for _, c in self.recognised)
            self.doc.problems.append(
                Problem(
                    "ocr",
                    f"第 {pages} 页没有文字层（扫描件），已由 OCR 识别，最低识别置信度 {low:.2f}；数值请对照原件核对",
                    f"page(s) {pages.replace('、', ', ')} have no text layer (scanned) and were read by OCR, weakest "
                    f"confidence {low:.2f}: check the figures against the original",
                    Span(page=self.recognised[0][0]),
                )
            )
        if any(
            p.kind == "pdf-broken" or (p.kind in LIMIT_KINDS and p.kind != "pdf-too-many-pages")
            for p in self.doc.problems
        ):
            return  # no text on a damaged page, or on one not read, says nothing about a scan
        if self.scanned and not self.ocr and _ocr_available():
            self.doc.meta["scanned-pages"] = ",".join(map(str, self.scanned))
            return
        if self.scanned and not _ocr_available():
            zh, en = "、".join(map(str, self.scanned)), ", ".join(map(str, self.scanned))
            self.doc.problems.append(
                Problem(
                    "needs-ocr",
                    f"第 {zh} 页只有图像、没有文字层（扫描件），未被读取：识别扫描件需要安装 OCR 扩展，"
                    "运行 pip install 'gilint[ocr]'",
                    f"page(s) {en} hold only images, no text layer (a scan): not "
                    "read; reading scans needs the OCR extra: pip install 'gilint[ocr]'",
                    Span(page=self.scanned[0]),
                )
            )
            return
        if not self.any_text:
            self.doc.problems.append(
                Problem(
                    "pdf-no-text",
                    "PDF 没有文字层（可能是扫描件），需要先 OCR",
                    "the PDF has no text layer (a scan?): OCR it first",
                    Span(),
                )
            )
        elif self.scanned:
            zh = "、".join(map(str, self.scanned))
            en = ", ".join(map(str, self.scanned))
            self.problem(
                "pdf-no-text",
                f"第 {zh} 页只有图像、没有文字层（可能是扫描页），未被读取，需要先 OCR",
                f"page(s) {en} hold only images, no text layer (scanned?): not read; OCR them first",
                page=self.scanned[0],
            )

    def problem(self, kind: str, zh: str, en: str, page: int | None = None) -> None:
        self.doc.problems.append(Problem(kind, zh, en, Span(page=page or self.page_number)))

    def page(self, page: Any) -> None:
        self.page_lines = 0
        drawing = (self.pdfium and self.pdfium.page(page)) or _Drawing.of(page)
        if not drawing.chars and page.images and self.ocr:
            drawing = self.recognise(page) or drawing
        chars = drawing.chars
        if not chars:
            if page.images:
                self.scanned.append(self.page_number)
            return
        self.any_text = True
        if len(chars) > value("pdf-page-chars"):
            self.doc.problems.append(
                exceeded(
                    "pdf-page-chars",
                    f"第 {self.page_number} 页有 {len(chars)} 个字符",
                    f"page {self.page_number} holds {len(chars)} characters",
                    "该页未读取",
                    "the page was not read",
                    Span(page=self.page_number),
                )
            )
            return
        grids = self.grids(drawing)
        free = [c for c in _dedupe(chars) if not _place(c, grids)]
        lines = [
            _Line(
                ws,
                min(w["top"] for w in ws),
                max(w["bottom"] for w in ws),
                _confidence(c for w in ws for c in w["chars"]),
            )
            for ws in _word_lines(free)
        ]
        items: list[tuple[float, _Grid | _Line]] = [(g.bbox[1], g) for g in grids]
        items += [(line.top, line) for line in lines if not _page_number(line, page.height)]
        for _, item in sorted(items, key=lambda it: it[0]):
            if isinstance(item, _Grid):
                self.grid(item)
            else:
                self.line(item)

    def grids(self, drawing: _Drawing) -> list[_Grid]:
        h, v = _rulings(drawing)
        crossings = len({round(e["top"] / _ALIGN) for e in h}) * len({round(e["x0"] / _ALIGN) for e in v})
        if crossings <= value("pdf-page-crossings"):  # finding cells takes time quadratic in the crossings
            return _grids(h, v)
        self.doc.problems.append(
            exceeded(
                "pdf-page-crossings",
                f"第 {self.page_number} 页的表格线有 {crossings} 处交叉",
                f"page {self.page_number}'s table rules cross {crossings} times",
                "该页的表格按文字读取",
                "its tables were read as text",
                Span(page=self.page_number),
            )
        )
        return []

    def line(self, line: _Line) -> None:
        self.open_table = None
        self.page_lines += 1
        segments = _segments(line.words)
        if len(segments) < 2 or sum(_count_numbers(s) for s in segments) < 2:
            self.borderless = None
            self.add(" ".join(segments), f"第{self.page_number}页 第{self.page_lines}行", confidence=line.confidence)
            return
        number, row = self.borderless or (self.new_table(), 0)
        self.borderless = (number, row + 1)
        cells = [part for s in segments for part in _split_numbers(s)]
        for col, text in enumerate(cells):
            self.add(text, self.cell_logical(number, row, col), number, row, col, line.confidence)

    def grid(self, grid: _Grid) -> None:
        self.borderless = None
        last = self.open_table  # runs on only from the end of the previous page to the top of this one
        if last and last.page == self.page_number - 1 and _same_columns(last.columns, grid.columns):
            number, first_row = last.number, last.rows
        else:
            number, first_row = self.new_table(), 0
        texts = {
            (r, c): _cell_text(grid.chars.get((r, c), []))
            for r, row in enumerate(grid.rows)
            for c, box in enumerate(row)
            if box is not None
        }
        numeric = {c for (_, c), text in texts.items() if _NUMBER.fullmatch(text)}
        scanned = bool(self.recognised) and self.recognised[-1][0] == self.page_number
        for (r, c), text in texts.items():
            if text or c in numeric:  # an empty cell among labels is layout, among numbers a blank value
                found = _confidence(grid.chars.get((r, c), []))  # OCR found nothing: a value may be missed
                self.add(
                    text,
                    self.cell_logical(number, first_row + r, c),
                    number,
                    first_row + r,
                    c,
                    0.0 if scanned and not text else found,
                )
        self.open_table = _Open(number, first_row + len(grid.rows), grid.columns, self.page_number)

    def new_table(self) -> int:
        self.tables += 1
        return self.tables - 1

    def cell_logical(self, number: int, row: int, col: int) -> str:
        return f"第{self.page_number}页 表格{number + 1} 行{row + 1} 列{col + 1}"

    def add(
        self,
        text: str,
        logical: str,
        table: int | None = None,
        row: int | None = None,
        col: int | None = None,
        confidence: float | None = None,
    ) -> None:
        span = Span(line=len(self.doc.nodes) + 1, page=self.page_number, logical=logical)
        if self.stopped or full(self.doc, span):
            self.stopped = True
            return
        self.doc.nodes.append(
            Node(
                clip(self.doc, text, span),
                span,
                "text" if table is None else "cell",
                table,
                row,
                col,
                exact=False,
                confidence=confidence,
            )
        )

    def recognise(self, page: Any) -> _Drawing | None:
        """An image-only page read by OCR (``ocr.py``); None when the OCR extra is not installed."""
        from gilint.parsers import ocr

        if not ocr.available():
            return None
        if len(self.recognised) >= value("ocr-pages"):
            if not any(p.kind == "ocr-too-many-pages" for p in self.doc.problems):
                most = value("ocr-pages")
                self.doc.problems.append(
                    exceeded(
                        "ocr-pages",
                        f"扫描页多于 {most} 页",
                        f"more than {most} pages are scans",
                        f"第 {self.page_number} 页起的扫描页未识别",
                        f"scanned pages from page {self.page_number} on were not recognised",
                        Span(page=self.page_number),
                    )
                )
            return None
        self.scans = self.scans or ocr.Scans(self.data)
        try:
            found = self.scans.read(page.page_number - 1, page.bbox[0], page.bbox[1], page.initial_doctop)
        except Exception as e:  # an image PDFium cannot render, a model failing: the page is not read
            self.problem(
                "pdf-no-text",
                f"第 {self.page_number} 页只有图像，OCR 识别出错（{type(e).__name__}: {e}），未被读取",
                f"page {self.page_number} holds only images and OCR failed ({type(e).__name__}: {e}): not read",
            )
            return None
        if found.chars:
            self.recognised.append((self.page_number, min(c["confidence"] for c in found.chars)))
        return _Drawing(found.chars, found.lines, [], [])


# ---------------------------------------------------------------- ruled tables


def _grids(h: list[Obj], v: list[Obj]) -> list[_Grid]:
    """The page's ruled tables of two or more columns, top to bottom, from its rules ``h`` and ``v``."""
    from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections

    h = h + _closing_rules(v)
    if len(h) < 2 or len(v) < 2:
        return []
    # TableFinder's steps, explicit rules only (the page itself is never consulted), with its cells found by
    # _cells: the same cells, without pdfplumber's work quadratic in the crossings
    finder = TableFinder.__new__(TableFinder)
    finder.page = None  # type: ignore[assignment]  # no page: explicit rules only
    finder.settings = TableSettings.resolve(
        {
            "vertical_strategy": "explicit",
            "horizontal_strategy": "explicit",
            "explicit_vertical_lines": v,
            "explicit_horizontal_lines": h,
        }
    )
    crossings = edges_to_intersections(
        finder.get_edges(), finder.settings.intersection_x_tolerance, finder.settings.intersection_y_tolerance
    )
    grids = []
    for table in (Table(None, cells) for cells in cells_to_tables(_cells(crossings))):  # type: ignore[arg-type]
        rows = [list(row.cells) for row in table.rows]
        if rows and len(rows[0]) >= 2:
            columns = sorted({box[0] for row in rows for box in row if box is not None})
            grids.append(_Grid(table.bbox, rows, columns))
    return sorted(grids, key=lambda g: g.bbox[1])


def _cells(crossings: dict[tuple[float, float], dict[str, list[Obj]]]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``: for each crossing (in order), the smallest cell it is the top left
    corner of, the first crossing below it joined to it, then the first to its right, whose bottom right corner
    is joined to both. Two crossings are joined when a vertical (horizontal) rule runs through both; each
    crossing's rules are made a set once, its crossings below and to the right found by column and row."""
    bbox = itemgetter("x0", "top", "x1", "bottom")
    vertical = {p: {bbox(e) for e in found["v"]} for p, found in crossings.items()}
    horizontal = {p: {bbox(e) for e in found["h"]} for p, found in crossings.items()}
    points = sorted(crossings)
    column: dict[float, list[tuple[float, float]]] = {}
    row: dict[float, list[tuple[float, float]]] = {}
    for p in points:
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)

    def joined(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return (a[0] == b[0] and not vertical[a].isdisjoint(vertical[b])) or (
            a[1] == b[1] and not horizontal[a].isdisjoint(horizontal[b])
        )

    cells = []
    for pt in points:
        below = [q for q in column[pt[0]] if q > pt]
        right = [q for q in row[pt[1]] if q > pt]
        cell = next(
            (
                (pt[0], pt[1], r[0], b[1])
                for b in below
                if joined(pt, b)
                for r in right
                if joined(pt, r) and (r[0], b[1]) in crossings and joined((r[0], b[1]), r) and joined((r[0], b[1]), b)
            ),
            None,
        )
        if cell is not None:
            cells.append(cell)
    return cells


def _rulings(drawing: _Drawing) -> tuple[list[Obj], list[Obj]]:
    """Horizontal and vertical rule segments, as pdfplumber edges."""
    segments: list[tuple[float, float, float, float]] = []
    for obj in drawing.lines + drawing.curves:
        if obj.get("stroke", True):
            pts = obj["pts"]
            segments += [(*a, *b) for a, b in itertools.pairwise(pts)]
    for r in drawing.rects:
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
    return {
        "object_type": "rule_edge",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


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


def _confidence(chars: Iterable[Obj]) -> float | None:
    """The weakest OCR confidence among ``chars``; None for characters from a text layer."""
    found = [c["confidence"] for c in chars if "confidence" in c]
    return min(found) if found else None


def _ocr_available() -> bool:
    from gilint.parsers import ocr

    return ocr.available()


# ---------------------------------------------------------------- lines and words


def _dedupe(chars: list[Obj]) -> list[Obj]:
    """pdfplumber's ``dedupe_chars``: of the characters with the same text, font and size whose tops and left
    edges chain within a point, the top-left one stays; in their order. (Its own sort is quadratic.)"""
    key = itemgetter("upright", "text", "fontname", "size")
    order = {id(c): i for i, c in enumerate(chars)}
    unique = []
    for _, same in itertools.groupby(sorted(chars, key=key), key=key):
        for row in _chains(list(same), "doctop"):
            unique += [min(spot, key=itemgetter("doctop", "x0")) for spot in _chains(row, "x0")]
    return sorted(unique, key=lambda c: order[id(c)])


def _chains(objs: list[Obj], key: str) -> list[list[Obj]]:
    """``objs`` by ``key`` in groups whose consecutive values lie within a point (pdfplumber's ``cluster_objects``)."""
    if len(objs) < 2:
        return [objs]
    ranked = sorted(objs, key=itemgetter(key))
    groups = [[ranked[0]]]
    for prev, obj in itertools.pairwise(ranked):
        if obj[key] <= prev[key] + 1:
            groups[-1].append(obj)
        else:
            groups.append([obj])
    return groups


def _word_lines(chars: list[Obj]) -> Iterator[list[Obj]]:
    """The words made of ``chars``, in visual lines top to bottom, each line left to right."""
    from pdfplumber.utils import cluster_objects

    words = _words(chars)
    for line in cluster_objects(words, lambda w: (w["top"] + w["bottom"]) / 2, 3):
        yield sorted(line, key=lambda w: w["x0"])


_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}  # pdfplumber's
_TOLERANCE = 3  # points: pdfplumber's x and y tolerance for words


def _words(chars: list[Obj]) -> list[Obj]:
    """pdfplumber's ``extract_words(chars, return_chars=True)`` with its default settings, the same words made
    with less work per character (a page's every line and cell goes through it): runs of characters of one
    orientation, in lines of tops (upright; of left edges, turned) within 3 points, each line in reading order
    cut into words at a space, at a gap of more than 3 points, a step back or a step across of more than 3."""
    from pdfplumber.utils import cluster_objects

    words: list[Obj] = []
    for upright, run in itertools.groupby(chars, itemgetter("upright")):
        across, start, end = ("top", "x0", "x1") if upright else ("x0", "top", "bottom")
        for line in cluster_objects(list(run), itemgetter(across), _TOLERANCE):
            line.sort(key=itemgetter(start) if upright else itemgetter("top", "bottom"))
            word: list[Obj] = []
            for char in line:
                text = char["text"]
                if text.isspace() or not text:
                    if word:
                        words.append(_word(word, upright))
                    if not text:  # an empty character is a word of its own, as pdfplumber has it
                        words.append(_word([char], upright))
                    word = []
                    continue
                if word:
                    prev = word[-1]
                    if (
                        char[start] < prev[start]
                        or char[start] > prev[end] + _TOLERANCE
                        or abs(char[across] - prev[across]) > _TOLERANCE
                    ):
                        words.append(_word(word, upright))
                        word = []
                word.append(char)
            if word:
                words.append(_word(word, upright))
    return words


def _word(chars: list[Obj], upright: Any) -> Obj:
    """pdfplumber's word of ``chars``: their text (ligatures expanded) and bounding box, and the characters."""
    x0, top = min(c["x0"] for c in chars), min(c["top"] for c in chars)
    x1, bottom = max(c["x1"] for c in chars), max(c["bottom"] for c in chars)
    return {
        "text": "".join(_LIGATURES.get(c["text"]) or c["text"] for c in chars),
        "x0": x0,
        "x1": x1,
        "top": top,
        "doctop": top + (chars[0]["doctop"] - chars[0]["top"]),
        "bottom": bottom,
        "upright": upright,
        "height": bottom - top,
        "width": x1 - x0,
        "direction": "ltr" if upright else "ttb",
        "chars": chars,
    }


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


# ---------------------------------------------------------------- PDFium


class _Fallback(Exception):
    """PDFium reads this page differently from pdfminer: pdfminer reads it."""


class _Pdfium:
    """The PDF opened again with PDFium, which gives each page's characters and paths as pdfminer would."""

    def __init__(self, raw: Any, handle: Any, buffer: Any) -> None:
        self.raw = raw
        self.handle = handle
        self.buffer = buffer  # PDFium reads the file from this buffer for as long as the document is open

    @classmethod
    def open(cls, data: bytes, pages: int) -> _Pdfium | None:
        """The PDF as PDFium reads it; None when PDFium cannot open it or counts other pages than pdfminer
        (``pages``: pdfminer's count, at most ``pdf-pages`` + 1)."""
        import pypdfium2.raw as raw  # importing pypdfium2 initialises PDFium

        buffer = ctypes.create_string_buffer(data, len(data))
        handle = raw.FPDF_LoadMemDocument64(buffer, len(data), None)  # NULL when PDFium cannot open it
        if not handle:
            return None
        pdfium = cls(raw, handle, buffer)
        if min(raw.FPDF_GetPageCount(handle), value("pdf-pages") + 1) != pages:
            pdfium.close()
            return None
        return pdfium

    def close(self) -> None:
        self.raw.FPDF_CloseDocument(self.handle)

    def page(self, page: Any) -> _Drawing | None:
        """pdfplumber ``page`` read by PDFium; None when pdfminer has to read it."""
        if not _decodes(page):
            return None  # pdfminer reports the damage, as before
        raw = self.raw
        handle = raw.FPDF_LoadPage(self.handle, page.page_number - 1)
        if not handle:
            return None
        text = raw.FPDFText_LoadPage(handle)
        try:
            objects = list(
                itertools.islice(
                    _objects(
                        raw,
                        raw.FPDFPage_CountObjects(handle),
                        lambda i: raw.FPDFPage_GetObject(handle, i),
                        (1, 0, 0, 1, 0, 0),
                    ),
                    value("pdf-page-objects") + 1,
                )
            )
            if len(objects) > value("pdf-page-objects"):
                raise pdfguard.too_many_objects(page.page_number, len(objects))
            return self.drawing(page, text, objects) if text else None
        except pdfguard.Refused:
            raise
        except Exception:  # _Fallback, or a page PDFium gives other than expected
            return None
        finally:
            if text:
                raw.FPDFText_ClosePage(text)
            raw.FPDF_ClosePage(handle)

    def drawing(self, page: Any, text: Any, objects: list[tuple[int, Any, Matrix]]) -> _Drawing | None:
        """The page's characters and paths in pdfplumber's form."""
        place = _Placement(page)
        texts = {_address(obj): n for n, (kind, obj, _) in enumerate(objects) if kind == self.raw.FPDF_PAGEOBJ_TEXT}
        chars = self.chars(text, place, texts)
        if not chars:
            return None  # a scan, an empty or a damaged page: pdfminer tells which
        drawing = _Drawing(chars, [], [], [])
        for kind, obj, matrix in objects:
            if kind == self.raw.FPDF_PAGEOBJ_PATH:
                self.path(obj, _multiply(matrix, place.ctm), place, drawing)
            elif kind == self.raw.FPDF_PAGEOBJ_TEXT and _actual_text(self.raw, obj):
                raise _Fallback  # PDFium reads /ActualText in place of the glyphs; pdfminer reads the glyphs
        return drawing

    def chars(self, text: Any, place: _Placement, texts: dict[int, int]) -> list[Obj]:
        """The page's characters, in content-stream order, with pdfminer's boxes; spaces PDFium adds left out."""
        raw = self.raw
        out: list[tuple[int, int, Obj]] = []
        styles: dict[int, tuple[float, _Font]] = {}  # text object -> its font size and font
        fonts: dict[tuple[int, float], _Font] = {}
        last: tuple[int, Matrix] | None = None
        m = raw.FS_MATRIX()
        x, y = ctypes.c_double(), ctypes.c_double()
        for i in range(raw.FPDFText_CountChars(text)):
            if raw.FPDFText_IsGenerated(text, i):
                continue
            u = raw.FPDFText_GetUnicode(text, i)
            if u in (0, 2) or raw.FPDFText_HasUnicodeMapError(text, i):
                raise _Fallback  # no Unicode: pdfminer writes "(cid:n)"; 2: a hyphen PDFium joined to the next line
            obj = raw.FPDFText_GetTextObject(text, i)
            raw.FPDFText_GetMatrix(text, i, m)
            raw.FPDFText_GetCharOrigin(text, i, x, y)
            matrix = (m.a, m.b, m.c, m.d, x.value, y.value)  # the text matrix, moved to the glyph's origin
            key = _address(obj)
            if last == (key, matrix):  # one glyph, several Unicode characters ("ﬁ" -> "f", "i"): one char
                out[-1][2]["text"] += chr(u)
                continue
            last = (key, matrix)
            if key not in styles:
                size, font = raw.FPDFText_GetFontSize(text, i), raw.FPDFTextObj_GetFont(obj)
                fkey = (_address(font), size)
                styles[key] = size, fonts.get(fkey) or fonts.setdefault(fkey, _Font(raw, font, size, place.resources))
            size, font = styles[key]
            advance, across = font.advance(u), 0.0
            if advance < 0:  # vertical writing: PDFium's origin is the glyph's corner, half its own width from the pen
                across = _across(m, x.value, y.value)
            out.append((texts[key], i, place.char(chr(u), matrix, size, advance, font.descent, across, font.name)))
        if len(styles) < len(texts):
            raise _Fallback  # PDFium dropped a text object drawn over another (fake bold): pdfminer reads both
        out.sort(key=itemgetter(0, 1))  # PDFium orders a line's text objects left to right
        return [c for _, _, c in out]

    def path(self, obj: Any, matrix: Matrix, place: _Placement, drawing: _Drawing) -> None:
        """Add the subpaths of a painted path to ``drawing`` as pdfminer classifies them: line, rectangle, curve."""
        raw = self.raw
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj, fill, stroke)
        if not fill.value and not stroke.value:
            return
        x, y = ctypes.c_float(), ctypes.c_float()
        subpaths: list[list[tuple[str, tuple[float, float]]]] = []
        bezier = 0
        for i in range(raw.FPDFPath_CountSegments(obj)):
            segment = raw.FPDFPath_GetPathSegment(obj, i)
            kind = raw.FPDFPathSegment_GetType(segment)
            raw.FPDFPathSegment_GetPoint(segment, x, y)
            point = _apply(matrix, x.value, y.value)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                subpaths.append([("m", point)])
                bezier = 0
            elif not subpaths:
                continue
            elif kind == raw.FPDF_SEGMENT_BEZIERTO:
                bezier += 1
                if bezier % 3 == 0:  # pdfminer keeps a curve's end point, not its two control points
                    subpaths[-1].append(("c", point))
            else:
                subpaths[-1].append(("l", point))
            if subpaths and raw.FPDFPathSegment_GetClose(segment):  # "h": back to the start
                ops, start = subpaths[-1], subpaths[-1][0][1]
                if ops[-1] == ("l", start) and len(ops) > 1:
                    ops[-1] = ("h", start)  # PDFium draws the closing line itself
                else:
                    ops.append(("h", start))
        for ops in subpaths:
            if len(ops) > 1:
                place.path("".join(op for op, _ in ops), [p for _, p in ops], bool(stroke.value), drawing)


class _Font:
    """A font at one size on one page: its descent, its name and its glyphs' advances."""

    def __init__(self, raw: Any, handle: Any, size: float, resources: Any) -> None:
        from pdfminer.fontmetrics import FONT_METRICS

        self.raw, self.handle, self.size = raw, handle, size
        n = raw.FPDFFont_GetBaseFontName(handle, None, 0)
        name = ctypes.create_string_buffer(max(n, 1))
        raw.FPDFFont_GetBaseFontName(handle, name, n)
        self.name = name.value.decode("utf-8", "replace")
        self.advances: dict[int, float] = {}
        self.width = ctypes.c_float()
        self.metrics: dict[str, int] | None = None
        if self.name in FONT_METRICS and self.name in _standard_fonts(resources):
            descriptor, self.metrics = FONT_METRICS[self.name]  # pdfminer's own metrics, whatever the PDF says
            self.descent = -abs(float(descriptor.get("Descent") or 0)) * size / 1000  # type: ignore[arg-type]
        else:
            descent = ctypes.c_float()
            raw.FPDFFont_GetDescent(handle, size, descent)
            self.descent = descent.value

    def advance(self, u: int) -> float:
        """The advance of the glyph for character ``u`` (negative in vertical writing)."""
        if u not in self.advances:
            if self.metrics is not None:
                self.width.value = self.metrics.get(chr(u), 0) * self.size / 1000
            else:
                self.raw.FPDFFont_GetGlyphWidth(self.handle, u, self.size, self.width)
            self.advances[u] = self.width.value
        return self.advances[u]


class _Placement:
    """pdfminer's page transformation and pdfplumber's top-left coordinates for one page."""

    def __init__(self, page: Any) -> None:
        x0, y0, x1, y1 = page.page_obj.mediabox
        self.ctm: Matrix = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1), 270: (0, 1, -1, 0, y1, -x0)}.get(
            page.page_obj.rotate, (1, 0, 0, 1, -x0, -y0)
        )
        self.left, self.top = page.mediabox[0], page.mediabox[1]
        self.resources = page.page_obj.resources
        self.height = page.height
        self.doctop = page.initial_doctop

    def char(
        self, text: str, glyph: Matrix, size: float, advance: float, descent: float, across: float, fontname: str
    ) -> Obj:
        """A character as pdfminer boxes it: its advance wide and its font size high, from the font's descent; in
        vertical writing its font size wide, centred on the pen (``across`` from PDFium's origin), and its advance
        high down from the origin's top."""
        m = _multiply(glyph, self.ctm)
        if advance < 0:
            left, bottom, right, top = -across - size / 2, size + advance, -across + size / 2, size
        else:
            left, bottom, right, top = 0, descent, advance, descent + size
        if m[1] or m[2]:  # turned or skewed: the box around the four corners
            corners = [_apply(m, x, y) for x, y in ((left, bottom), (right, bottom), (right, top), (left, top))]
            x0, x1 = min(x for x, _ in corners), max(x for x, _ in corners)
            y0, y1 = min(y for _, y in corners), max(y for _, y in corners)
        else:
            x0, x1 = sorted((m[0] * left + m[4], m[0] * right + m[4]))
            y0, y1 = sorted((m[3] * bottom + m[5], m[3] * top + m[5]))
        top = self.height - y1 + self.top
        return {
            "text": text,
            "x0": x0 + self.left,
            "x1": x1 + self.left,
            "top": top,
            "bottom": self.height - y0 + self.top,
            "doctop": self.doctop + top,
            "upright": m[0] * m[3] > 0 and m[1] * m[2] <= 0,
            "fontname": fontname,
            "size": x1 - x0 if advance < 0 else y1 - y0,
        }

    def path(self, shape: str, pts: list[tuple[float, float]], stroke: bool, drawing: _Drawing) -> None:
        """Add a subpath to ``drawing`` the way pdfminer and pdfplumber classify it."""
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape, pts = shape[:-2] + "h", pts[:-1]
        if shape in {"mlh", "ml"}:
            drawing.lines.append({"pts": [self.point(p) for p in pts[:2]], "stroke": stroke})
        elif shape in {"mlllh", "mllll"} and pts[0] == pts[4] and _square(pts):
            (xa, ya), (xb, yb) = pts[0], pts[2]
            x0, x1 = sorted((xa, xb))
            y0, y1 = sorted((ya, yb))
            drawing.rects.append(
                {
                    "x0": x0 + self.left,
                    "x1": x1 + self.left,
                    "top": self.height - y1 + self.top,
                    "bottom": self.height - y0 + self.top,
                    "width": x1 - x0,
                    "height": y1 - y0,
                    "stroke": stroke,
                }
            )
        else:
            drawing.curves.append({"pts": [self.point(p) for p in pts], "stroke": stroke})

    def point(self, p: tuple[float, float]) -> tuple[float, float]:
        return self.left + p[0], self.top + self.height - p[1]


def _objects(raw: Any, count: int, get: Any, matrix: Matrix) -> Iterator[tuple[int, Any, Matrix]]:
    """The text and path objects in content order, form XObjects opened, each with its matrix to page space."""
    m = raw.FS_MATRIX()
    for i in range(count):
        obj = get(i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            yield kind, obj, matrix  # each glyph carries its own matrix
        elif kind in (raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_PATH):
            raw.FPDFPageObj_GetMatrix(obj, m)
            own = _multiply((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                yield kind, obj, own
            else:
                yield from _objects(
                    raw, raw.FPDFFormObj_CountObjects(obj), lambda j, form=obj: raw.FPDFFormObj_GetObject(form, j), own
                )


def _across(m: Any, x: float, y: float) -> float:
    """How far across the line (in text space) the point (x, y) lies from the pen of the text object of matrix ``m``."""
    det = m.a * m.d - m.b * m.c
    return ((x - m.e) * m.d - (y - m.f) * m.c) / det if det else 0.0


def _decodes(page: Any) -> bool:
    """Whether pdfminer decodes the page's content streams and forms: where it cannot, it reports the page damaged,
    where PDFium would read on past the damage."""
    from pdfminer.pdftypes import PDFStream

    try:
        for stream in pdfguard.drawn(page):
            if isinstance(stream, PDFStream):
                stream.get_data()
    except Exception:  # pdfminer raises many kinds on damaged data
        return False
    return True


def _standard_fonts(resources: Any) -> set[str]:
    """The names of a page's simple fonts that pdfminer measures by its built-in metrics (Helvetica, Arial, ...)."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name

    names = set()
    try:
        for spec in resolve1(resolve1(resources).get("Font", {})).values():
            spec = resolve1(spec)
            kind = literal_name(spec.get("Subtype", "Type1"))
            name = literal_name(resolve1(spec.get("BaseFont", "")))
            if kind not in ("Type0", "Type3", "CIDFontType0", "CIDFontType2") and name in FONT_METRICS:
                names.add(name)
    except Exception:  # a damaged resource dictionary: pdfminer gives up on it too
        return set()
    return names


def _actual_text(raw: Any, obj: Any) -> bool:
    """Whether a text object is marked with ``/ActualText``."""
    for i in range(raw.FPDFPageObj_CountMarks(obj)):
        if raw.FPDFPageObjMark_GetParamValueType(raw.FPDFPageObj_GetMark(obj, i), b"ActualText"):
            return True
    return False


def _address(handle: Any) -> int:
    return ctypes.c_void_p.from_buffer(handle).value or 0


def _multiply(m1: Matrix, m0: Matrix) -> Matrix:
    """``m1`` then ``m0``."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _square(pts: list[tuple[float, float]]) -> bool:
    """Whether four corners make an upright rectangle (pdfminer's test for a rectangle)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
