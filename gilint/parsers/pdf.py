"""PDF with a text layer: lines of prose and table cells in reading order, read with PDFium and pdfplumber.

pdfplumber (pdfminer) opens the file: its structure, encryption and page list (``pdfguard.py``). Each
page's characters and drawn paths come from PDFium (``pdfium.py``, the binding); a page PDFium reads
differently or not at all is read by pdfminer. Both libraries are imported only when a PDF is read.
Each page's characters (duplicates drawn for fake bold removed) go either to a table cell or to the
page's free text, by the page geometry of ``pdflayout.py``:

- A **ruled table**: each cell is one node, a merged cell once, row-major. An empty cell is a node only
  in a column that holds numbers (a blank value); among labels it is layout. A table that continues at
  the top of the next page with the same columns keeps its number and its rows count on. A page whose
  rules cross more than ``pdf-page-crossings`` times (finding cells is quadratic in them) reads its
  tables as text.
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

import logging
from dataclasses import dataclass
from typing import Any

from gilint.model import Document, Node, Problem, Span
from gilint.parsers import pdfguard
from gilint.parsers.limits import LIMIT_KINDS, clip, exceeded, full, value
from gilint.parsers.pdfium import Pdfium, incompatible, page_count
from gilint.parsers.pdflayout import (
    ALIGN,
    NUMBER,
    Drawing,
    Grid,
    Line,
    cell_text,
    count_numbers,
    dedupe,
    find_grids,
    is_page_number,
    line_segments,
    place_char,
    rulings,
    same_columns,
    split_numbers,
    weakest_confidence,
    word_lines,
)

# limits (limits.py): pdf-pages (a real report has 3 to 30), pdf-page-chars (a dense real page has about
# 1,500), pdf-page-crossings (rule rows x rule columns; a page of table 3 has about 400)

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
        opened = pdfguard.open_pages(data, page_count(data))
    except Exception as e:  # pdfminer raises many kinds on a damaged file: all mean the same here
        doc.problems.append(_unopened(e))
        return doc
    doc.problems += opened.problems
    unfit = incompatible()
    if unfit:
        doc.problems.append(unfit)
    binding = Pdfium.open(data, len(opened.pages))
    reader = _Reader(doc, binding, data, ocr)
    try:
        reader.read(opened.pages, opened.total)
    finally:
        if binding:
            binding.close()
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
class _Open:
    """The last table of a page, which may run on at the top of the next."""

    number: int
    rows: int
    columns: list[float]
    page: int


class _Reader:
    def __init__(self, doc: Document, pdfium: Pdfium | None = None, data: bytes = b"", ocr: bool = True) -> None:
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
        drawing = (self.pdfium and self.pdfium.page(page)) or Drawing.of(page)
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
        kept = dedupe(chars)
        free = [c for c in kept if not place_char(c, grids)] if grids else kept
        lines = [
            Line(
                ws,
                min(w["top"] for w in ws),
                max(w["bottom"] for w in ws),
                weakest_confidence(c for w in ws for c in w["chars"]),
            )
            for ws in word_lines(free)
        ]
        items: list[tuple[float, Grid | Line]] = [(g.bbox[1], g) for g in grids]
        items += [(line.top, line) for line in lines if not is_page_number(line, page.height)]
        for _, item in sorted(items, key=lambda it: it[0]):
            if isinstance(item, Grid):
                self.grid(item)
            else:
                self.line(item)

    def grids(self, drawing: Drawing) -> list[Grid]:
        h, v = rulings(drawing)
        crossings = len({round(e["top"] / ALIGN) for e in h}) * len({round(e["x0"] / ALIGN) for e in v})
        if crossings <= value("pdf-page-crossings"):  # finding cells takes time quadratic in the crossings
            return find_grids(h, v)
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

    def line(self, line: Line) -> None:
        self.open_table = None
        self.page_lines += 1
        segments = line_segments(line.words)
        if len(segments) < 2 or sum(count_numbers(s) for s in segments) < 2:
            self.borderless = None
            self.add(" ".join(segments), f"第{self.page_number}页 第{self.page_lines}行", confidence=line.confidence)
            return
        number, row = self.borderless or (self.new_table(), 0)
        self.borderless = (number, row + 1)
        cells = [part for s in segments for part in split_numbers(s)]
        for col, text in enumerate(cells):
            self.add(text, self.cell_logical(number, row, col), number, row, col, line.confidence)

    def grid(self, grid: Grid) -> None:
        self.borderless = None
        last = self.open_table  # runs on only from the end of the previous page to the top of this one
        if last and last.page == self.page_number - 1 and same_columns(last.columns, grid.columns):
            number, first_row = last.number, last.rows
        else:
            number, first_row = self.new_table(), 0
        texts = {
            (r, c): cell_text(grid.chars.get((r, c), []))
            for r, row in enumerate(grid.rows)
            for c, box in enumerate(row)
            if box is not None
        }
        numeric = {c for (_, c), text in texts.items() if NUMBER.fullmatch(text)}
        scanned = bool(self.recognised) and self.recognised[-1][0] == self.page_number
        for (r, c), text in texts.items():
            if text or c in numeric:  # an empty cell among labels is layout, among numbers a blank value
                found = weakest_confidence(grid.chars.get((r, c), []))  # OCR found nothing: a value may be missed
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

    def recognise(self, page: Any) -> Drawing | None:
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
        return Drawing(found.chars, found.lines, [], [])


def _ocr_available() -> bool:
    from gilint.parsers import ocr

    return ocr.available()
