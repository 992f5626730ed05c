"""The pure geometry of a PDF page: from characters and drawn paths (in pdfplumber's form, whichever library
read them) to ruled tables, visual lines, words and borderless rows. Nothing here opens a file or calls
PDFium; pdfplumber's table code is used for the steps it does in linear time.

- A **ruled table** is found from the page's ruling lines only (``rulings``): lines, stroked rectangles,
  thin filled rectangles and the straight segments of stroked paths. A wider filled rectangle without a
  stroke is a background (cell shading, a white box behind each line of text), not a ruling. A table
  that runs on over a page break has no bottom (or top) rule there, so every block of vertical rules
  is closed by a rule across its top and bottom. A "table" of one column is a box around text and
  reads as text (``find_grids``). A cell's lines are joined without a space between CJK characters, so
  a label printed one character per line reads as one word (``cell_text``).
- **Free text** is grouped into visual lines (``word_lines``) of pdfplumber's words (``extract_words``),
  characters drawn twice for fake bold removed first (``dedupe``). A line breaks into segments at gaps
  of at least a character height (``line_segments``); ``count_numbers`` and ``split_numbers`` find the
  rows of a borderless table among them. ``is_page_number`` tells a page number in the margin.
- ``Placement`` turns PDF user space into pdfplumber's top-left coordinates and boxes a character as
  pdfminer does (its advance wide, its font size high from the font's descent) and classifies a subpath
  as pdfminer does (line, rectangle, curve).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from gilint import regex

_THIN = 2.0  # points: a rectangle this thin is a drawn rule
ALIGN = 3.0  # points: column boundaries this close are the same
_MARGIN = 0.1  # the top and bottom tenth of a page: where headers and footers sit
_BAND = 10.0  # points: the height of the bands that index a table's cells
NUMBER = regex.compile(r"[+-]?\d[\d,，.．]*%?|[/／—–-]")
_PAGE_NUMBER = regex.compile(
    r"[-—–－]?\s*\d{1,4}\s*[-—–－]?|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}(?:\s*/\s*\d{1,4})?"
)  # a dash OCR lost: "-3"

Obj = dict[str, Any]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Matrix = tuple[float, float, float, float, float, float]  # a, b, c, d, e, f: (x, y) -> (ax + cy + e, bx + dy + f)


@dataclass(slots=True)
class Grid:
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
class Drawing:
    """What a page draws, as pdfplumber gives it: characters, and lines, curves and rectangles (in reading order)."""

    chars: list[Obj]
    lines: list[Obj]
    curves: list[Obj]
    rects: list[Obj]

    @classmethod
    def of(cls, page: Any) -> Drawing:
        """The page read by pdfminer (raising on a damaged page)."""
        return cls(page.chars, page.lines, page.curves, page.rects)


@dataclass(slots=True)
class Line:
    """A visual line of a page's free text: its words left to right, and its top and bottom."""

    words: list[Obj]
    top: float
    bottom: float
    confidence: float | None = None  # OCR: its weakest character's


class Placement:
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
        high down from the origin's top. (Called for every character: ``multiply(glyph, ctm)`` and ``transform``
        are written out.)"""
        a1, b1, c1, d1, e1, f1 = glyph
        a0, b0, c0, d0, e0, f0 = self.ctm
        a = a0 * a1 + c0 * b1
        b = b0 * a1 + d0 * b1
        c = a0 * c1 + c0 * d1
        d = b0 * c1 + d0 * d1
        e = a0 * e1 + c0 * f1 + e0
        f = b0 * e1 + d0 * f1 + f0
        if advance < 0:
            left, bottom, right, top = -across - size / 2, size + advance, -across + size / 2, size
        else:
            left, bottom, right, top = 0, descent, advance, descent + size
        if b or c:  # turned or skewed: the box around the four corners
            corners = [
                (a * u + c * v + e, b * u + d * v + f)
                for u, v in ((left, bottom), (right, bottom), (right, top), (left, top))
            ]
            x0, x1 = min(u for u, _ in corners), max(u for u, _ in corners)
            y0, y1 = min(v for _, v in corners), max(v for _, v in corners)
        else:
            x0, x1 = a * left + e, a * right + e
            if x1 < x0:
                x0, x1 = x1, x0
            y0, y1 = d * bottom + f, d * top + f
            if y1 < y0:
                y0, y1 = y1, y0
        top = self.height - y1 + self.top
        return {
            "text": text,
            "x0": x0 + self.left,
            "x1": x1 + self.left,
            "top": top,
            "bottom": self.height - y0 + self.top,
            "doctop": self.doctop + top,
            "upright": a * d > 0 and b * c <= 0,
            "fontname": fontname,
            "size": x1 - x0 if advance < 0 else y1 - y0,
        }

    def path(self, shape: str, pts: list[tuple[float, float]], stroke: bool, drawing: Drawing) -> None:
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


# ---------------------------------------------------------------- ruled tables


def find_grids(h: list[Obj], v: list[Obj]) -> list[Grid]:
    """The page's ruled tables of two or more columns, top to bottom, from its rules ``h`` and ``v``."""
    from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections

    h = h + _closing_rules(v)
    if len(h) < 2 or len(v) < 2:
        return []
    # TableFinder's steps, explicit rules only (the page itself is never consulted), with its cells found by
    # intersections_to_cells: the same cells, without pdfplumber's work quadratic in the crossings
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
    for table in (Table(None, cells) for cells in cells_to_tables(intersections_to_cells(crossings))):  # type: ignore[arg-type]
        rows = [list(row.cells) for row in table.rows]
        if rows and len(rows[0]) >= 2:
            columns = sorted({box[0] for row in rows for box in row if box is not None})
            grids.append(Grid(table.bbox, rows, columns))
    return sorted(grids, key=lambda g: g.bbox[1])


def intersections_to_cells(crossings: dict[tuple[float, float], dict[str, list[Obj]]]) -> list[Box]:
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


def rulings(drawing: Drawing) -> tuple[list[Obj], list[Obj]]:
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
        if edge is None or (block and edge["top"] > max(e["bottom"] for e in block) + ALIGN):
            xs = [e["x0"] for e in block]
            if len(block) >= 2 and max(xs) - min(xs) > ALIGN:
                top, bottom = min(e["top"] for e in block), max(e["bottom"] for e in block)
                out += [_edge("h", min(xs), max(xs), top, top), _edge("h", min(xs), max(xs), bottom, bottom)]
            block = []
        if edge is not None:
            block.append(edge)
    return out


def place_char(char: Obj, grids: list[Grid]) -> bool:
    """Put ``char`` into the cell of ``grids`` holding its centre; False when no cell does."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    for grid in grids:
        for r, c, box in grid.bands.get(int(y // _BAND), ()):
            if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                grid.chars.setdefault((r, c), []).append(char)
                return True
    return False


def same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= ALIGN for x, y in zip(a, b, strict=True))


def cell_text(chars: list[Obj]) -> str:
    """A cell's lines joined: no space where a CJK character meets the line break, one elsewhere."""
    text = ""
    for words in word_lines(chars):
        line = " ".join(w["text"] for w in words)
        text += line if not text or _cjk(text[-1]) or _cjk(line[0]) else " " + line
    return text


def _cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def weakest_confidence(chars: Iterable[Obj]) -> float | None:
    """The weakest OCR confidence among ``chars``; None for characters from a text layer."""
    found = [c["confidence"] for c in chars if "confidence" in c]
    return min(found) if found else None


# ---------------------------------------------------------------- lines and words


def dedupe(chars: list[Obj]) -> list[Obj]:
    """pdfplumber's ``dedupe_chars``: of the characters with the same text, font and size whose tops and left
    edges chain within a point, the top-left one stays; in their order. (Its own sort is quadratic.)"""
    key = itemgetter("upright", "text", "fontname", "size")
    groups: dict[tuple[Any, ...], list[Obj]] = {}
    for c in chars:
        groups.setdefault(key(c), []).append(c)
    kept: set[int] = set()
    for same in groups.values():  # each in the characters' order, as pdfplumber's stable sort leaves them
        if len(same) == 1:
            kept.add(id(same[0]))
            continue
        for row in _chains(same, "doctop"):
            if len(row) == 1:  # the same character on another line: the common case, without the second pass
                kept.add(id(row[0]))
            else:
                kept.update(id(min(spot, key=itemgetter("doctop", "x0"))) for spot in _chains(row, "x0"))
    return [c for c in chars if id(c) in kept]


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


def word_lines(chars: list[Obj]) -> Iterator[list[Obj]]:
    """The words made of ``chars``, in visual lines top to bottom, each line left to right."""
    words = extract_words(chars)
    for line in _cluster(words, lambda w: (w["top"] + w["bottom"]) / 2, 3):
        yield sorted(line, key=lambda w: w["x0"])


def _cluster(objs: list[Obj], key: Any, tolerance: float) -> list[list[Obj]]:
    """pdfplumber's ``cluster_objects``: ``objs`` in groups whose ``key`` values chain within ``tolerance``, by value;
    one object or none without its work (a table cell often holds one word)."""
    if len(objs) < 2:
        return [objs] if objs else []
    from pdfplumber.utils import cluster_objects

    return cluster_objects(objs, key, tolerance)


_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}  # pdfplumber's
_TOLERANCE = 3  # points: pdfplumber's x and y tolerance for words


def extract_words(chars: list[Obj]) -> list[Obj]:
    """pdfplumber's ``extract_words(chars, return_chars=True)`` with its default settings, the same words made
    with less work per character (a page's every line and cell goes through it): runs of characters of one
    orientation, in lines of tops (upright; of left edges, turned) within 3 points, each line in reading order
    cut into words at a space, at a gap of more than 3 points, a step back or a step across of more than 3."""
    words: list[Obj] = []
    for upright, run in itertools.groupby(chars, itemgetter("upright")):
        across, start, end = ("top", "x0", "x1") if upright else ("x0", "top", "bottom")
        for line in _cluster(list(run), itemgetter(across), _TOLERANCE):
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


def line_segments(words: list[Obj]) -> list[str]:
    """A line's words grouped into segments, split where the gap is at least a character height."""
    out: list[list[Obj]] = []
    for w in words:
        if out and w["x0"] - out[-1][-1]["x1"] < w["bottom"] - w["top"]:
            out[-1].append(w)
        else:
            out.append([w])
    return [" ".join(w["text"] for w in seg) for seg in out]


def count_numbers(segment: str) -> int:
    """How many numbers ``segment`` holds when it holds nothing else."""
    words = segment.split(" ")
    return len(words) if all(NUMBER.fullmatch(w) for w in words) else 0


def split_numbers(segment: str) -> Iterable[str]:
    """A borderless table's segment with every number as a cell of its own ("总计 21 0" -> 3 cells)."""
    words = segment.split(" ")
    text: list[str] = []
    for word in words:
        if NUMBER.fullmatch(word):
            if text:
                yield " ".join(text)
                text = []
            yield word
        else:
            text.append(word)
    if text:
        yield " ".join(text)


def is_page_number(line: Line, height: float) -> bool:
    in_margin = line.bottom < height * _MARGIN or line.top > height * (1 - _MARGIN)
    return in_margin and bool(_PAGE_NUMBER.fullmatch(" ".join(w["text"] for w in line.words)))


def multiply(m1: Matrix, m0: Matrix) -> Matrix:
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


def transform(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _square(pts: list[tuple[float, float]]) -> bool:
    """Whether four corners make an upright rectangle (pdfminer's test for a rectangle)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
