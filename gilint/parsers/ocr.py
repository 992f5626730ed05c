"""OCR of scanned PDF pages and page images, for the PDF reader: the optional extra ``gilint[ocr]``.

A page without a text layer is rendered by PDFium at ``DPI`` and recognised by RapidOCR
(``rapidocr-onnxruntime``: PaddleOCR's Chinese detection and recognition models, shipped inside the
wheel and run by ONNX Runtime; nothing is downloaded). What comes back is what the PDF reader gets
from a text layer, in pdfplumber's form, so the same layout and table reader reads it:

1. The page is straightened: the skew (up to ``MAX_SKEW`` degrees either way) is the rotation under
   which the rows of ink line up best (the sharpest horizontal projection profile).
2. **Ruling lines** are found in the image: runs of ink at least ``RULE_INCHES`` (horizontal) or
   ``VRULE_INCHES`` (vertical) long and thin; a vertical one counts only from a horizontal one to
   another, or when twice as long and meeting one, and a horizontal one only when a vertical one
   meets it or when twice as long (strokes of characters run together do neither). They become the
   page's drawn lines, and are wiped from the image before recognition.
3. Text is detected line by line and recognised; each recognised character becomes a character box
   (the line's ink box cut at the recognised characters' positions) with its **confidence**: the
   highest probability the recogniser gave it over the frames it was read from, at most ``_UNREAD``
   when the text is too short for its ink (a character lost), and at most ``_OVERREAD`` for the
   characters of a number longer than its ink (a digit read twice, or read from a sliver of the next
   cell's ink at the box's edge): both below ``OCR_DOUBT``, so an identity such a value breaks is
   OCR's, not the report's. A short text in a
   table cell that is not a number but reads as one when only digits are allowed ("I" for "1") is
   read as that number, with the digit's own (lower) probability as its confidence.
4. OCR cannot tell full-width from half-width characters: digits are read ASCII, and brackets,
   colons, commas and semicolons beside a CJK character full-width, as official documents write them.
   Nor a space from a full-width mark's own blank half: a space beside one is dropped unless the ink
   has a wide gap there.

``Scans(data)`` recognises pages of the PDF ``data``; ``parse_image`` reads a .png/.jpg as a one-page
PDF of the image. Without the extra, ``available()`` is False and the PDF reader reports the pages
as needing it. numpy, OpenCV and RapidOCR are imported only when a page is recognised.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import re
from dataclasses import dataclass
from typing import Any

DPI = 200  # the resolution pages are rendered at: 1 pt = DPI / 72 px
MAX_SKEW = 3.0  # degrees either way a page may be turned
RULE_INCHES = 0.35  # a horizontal rule is at least this long (a character's stroke is shorter)
VRULE_INCHES = 0.2  # a vertical rule at least this long (one row of a table is about 0.25 in high)
_RULE_THICK = 12  # px: a rule is at most this thick
_JOIN = 20  # px: pieces of one rule broken by this much or less are one rule
_TOUCH = 10  # px: a vertical rule's end this close to a horizontal rule meets it
_REC_HEIGHT = 48  # px: the recogniser's input height
_SPECK = 4  # px: a dark dot this small, alone, is noise
_NEAR = 8  # px: ... alone when no other ink is this close
_SPECKLIKE = frozenset("·•.,，、'`")  # what a speck beside text is read as
_SPECK_CONFIDENCE = 0.8  # ... when read with less confidence than this
_UNREAD = 0.3  # the confidence of a text that leaves ink unread
_OVERREAD = 0.3  # ... and of characters read from less ink than they need (a digit read twice)
# The least ink characters need, in digit heights (a digit is about 0.7 of an ideograph's height): from
# one character's left ink edge to the next one's ("advance"), and the last one's own ink ("ink"). Below
# what the reports' fonts print (digits 0.64-0.75 apart and 0.52 wide or more on the corpus scans,
# ideographs 1.4 apart); a monospace font's wide digits (Courier) leave a digit read twice unseen:
_DIGIT_ADVANCE, _DIGIT_INK, _ONE_INK = 0.55, 0.4, 0.15  # a "1" is narrow, and starts late in its place
_IDEOGRAPH_ADVANCE, _IDEOGRAPH_INK = 0.9, 0.5
_DIGITS = frozenset("0123456789")
_LOW = _DIGITS | frozenset(".,:;、。，．")  # no taller than a digit
_FULL_MARKS = frozenset("（）〔〕【】《》“”‘’、，。：；！？")  # full-width: each holds its own blank
_GROUP_GAP = 0.5  # ink runs closer than this (of the text's height) are one group, read by the characters in it
_LOOKALIKE = {
    "0": "０OoＯｏ〇○",
    "1": "１lIｌＩ|丨",
    "2": "２",
    "3": "３",
    "4": "４",
    "5": "５",
    "6": "６",
    "7": "７",
    "8": "８",
    "9": "９",
}
_MIN_INK = 0.06  # inches: ink this high or higher in a cell is text (a 9 pt digit is 0.09 in)
_BATCH = 16
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_BLANK_MARKS = frozenset("/／—–-")
_FULL = str.maketrans("(),:;", "（），：；")
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

Obj = dict[str, Any]
_engine: Any = None  # the RapidOCR engine: its models load once per process (about 1.5 s)


def available() -> bool:
    """Whether the OCR extra (rapidocr-onnxruntime) is installed."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def _ocr() -> Any:
    global _engine
    if _engine is None:
        from rapidocr_onnxruntime import RapidOCR

        _engine = RapidOCR(use_cls=False, text_score=0.0, print_verbose=False)
    return _engine


@dataclass(slots=True)
class Page:
    """A recognised page: characters and ruling lines in pdfplumber's form (points, from the top-left)."""

    chars: list[Obj]
    lines: list[Obj]
    skew: float  # degrees the scan was turned


class Scans:
    """The image-only pages of one PDF, rendered by PDFium and recognised on demand."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2

        self.pdf = pypdfium2.PdfDocument(data)

    def close(self) -> None:
        self.pdf.close()

    def read(self, index: int, left: float, top: float, doctop: float) -> Page:
        """Page ``index`` (0-based) recognised; ``left``/``top`` place it in the reader's coordinates."""
        import numpy as np

        page = self.pdf[index]
        try:
            scale = render_scale(*page.get_size())
            bitmap = page.render(scale=scale, grayscale=True)
            grey = np.array(bitmap.to_numpy(), dtype=np.uint8)
        finally:
            page.close()
        if grey.ndim == 3:
            grey = grey[:, :, 0]
        return recognise(grey, 1 / scale, left, top, doctop)


def render_scale(width: float, height: float) -> float:
    """Pixels per point to render a page of ``width`` x ``height`` points: ``DPI``, less for a page so large
    that it would exceed the ``ocr-pixels`` limit (a crafted page size must not allocate gigabytes)."""
    from gilint.parsers.limits import value

    scale = DPI / 72
    area = max(width * height, 1.0) * scale * scale
    return scale if area <= value("ocr-pixels") else scale * math.sqrt(value("ocr-pixels") / area)


def recognise(grey: Any, scale: float, left: float = 0.0, top: float = 0.0, doctop: float = 0.0) -> Page:
    """Recognise a grey page image (``scale`` points per pixel), placed at ``left``/``top``."""
    import cv2

    smooth = cv2.medianBlur(grey, 3)  # without scanner speckle, for the skew and the rules
    skew = _skew(smooth)
    if abs(skew) >= 0.05:
        grey, smooth = _rotate(grey, skew), _rotate(smooth, skew)
    faint = cv2.adaptiveThreshold(smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    horizontal, vertical, mask = _rules(faint, 72 / scale)  # hairlines are fainter than text
    clean = cv2.GaussianBlur(grey, (3, 3), 0)  # not a median filter: it wipes thin strokes such as 一
    clean[(mask > 0) | _specks(grey)] = 255
    ink = cv2.threshold(clean, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    cells = _Cells(horizontal, vertical)
    boxes = _detect(clean)
    found = len(boxes)
    boxes += cells.missed(ink, boxes, 72 / scale)
    chars: list[Obj] = []
    upright = [_vertical(b) for b in boxes]
    wide = [_padded(b, clean.shape) for b in boxes]
    texts = _read(clean, wide, upright)
    tall = [i for i, down in enumerate(upright) if down]  # a column of characters, or one narrow digit
    for i, reading in zip(tall, _read(clean, [wide[i] for i in tall], [False] * len(tall)), strict=True):
        if reading[0] and (not texts[i][0] or _mean(reading[2]) > _mean(texts[i][2])):
            texts[i], upright[i] = reading, False
    again = [
        i
        for i, (b, t) in enumerate(zip(boxes, texts, strict=True))
        if not t[0] and (i >= found or cells.inside(b)) and not upright[i]
    ]
    for margin in (0.1, 0.5):  # a cell read as nothing: once more, with less and with more margin
        retried = _read(clean, [_padded(boxes[i], clean.shape, margin) for i in again], [False] * len(again))
        for i, reading in zip(again, retried, strict=True):
            if reading[0] and not texts[i][0]:
                texts[i] = reading
                wide[i] = _padded(boxes[i], clean.shape, margin)
    for i, (box, around, down, (text, spans, confs, digits)) in enumerate(
        zip(boxes, wide, upright, texts, strict=True)
    ):
        number = _number(digits)
        if i >= found and not number:
            continue  # ink the detector passed over is read only as a number
        if (
            (i >= found or cells.inside(box))
            and number
            and not _NUMBER.fullmatch(text)
            and not set(text) <= _BLANK_MARKS
            and len(text) <= 8
            and not _IDEOGRAPH.search(text)
        ):
            text, spans, confs = number
        text, spans, confs = _unspeck(text, spans, confs)
        text = _punctuation(text)
        tight = _ink_box(ink, box)
        text, spans, confs = _unspace(ink, tight, around, down and len(text) > 1, (text, spans, confs))
        unread = _unread_ink(ink, tight, down and len(text) > 1, text)  # one character: its box is its height
        short = _short(ink, tight, around, down and len(text) > 1, text, spans)
        theirs, rest = _elsewhere(short, tight, i, boxes, down and len(text) > 1)
        tight = _ink_box(ink, rest) if theirs else tight
        over = {k for _, _, inside in short for k in inside} - theirs
        keep = [k for k in range(len(text)) if k not in theirs]
        text, spans = "".join(text[k] for k in keep), [spans[k] for k in keep]
        confs = [min(confs[k], _OVERREAD) if k in over else confs[k] for k in keep]
        chars += _chars(around, tight, down, text, spans, confs, unread, scale, left, top, doctop)
    lines = [
        {"pts": [(left + x0 * scale, top + y * scale), (left + x1 * scale, top + y * scale)], "stroke": True}
        for x0, x1, y in horizontal
    ]
    lines += [
        {"pts": [(left + x * scale, top + y0 * scale), (left + x * scale, top + y1 * scale)], "stroke": True}
        for y0, y1, x in vertical
    ]
    return Page(chars, lines, skew)


# ---------------------------------------------------------------- the page image


def _skew(grey: Any) -> float:
    """The rotation (degrees, OpenCV's sense) that lines the page's rows of ink up best."""
    import cv2

    def best(image: Any, angles: list[float]) -> float:
        ink = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
        scores = []
        for a in angles:
            rows = _rotate(ink, a, 0).sum(axis=1, dtype="float64")
            scores.append(float(((rows[1:] - rows[:-1]) ** 2).sum()))
        return angles[scores.index(max(scores))]

    small = cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    coarse = best(small, [i / 10 for i in range(-int(MAX_SKEW * 10), int(MAX_SKEW * 10) + 1)])
    half = cv2.resize(grey, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    return best(half, [coarse + i / 50 for i in range(-5, 6)])


def _rotate(image: Any, angle: float, border: int = 255) -> Any:
    import cv2

    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)


def _rules(ink: Any, dpi: float) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]], Any]:
    """Horizontal rules (x0, x1, y), vertical rules (y0, y1, x), and a mask of their pixels."""
    import cv2
    import numpy as np

    long_h, long_v = max(int(RULE_INCHES * dpi), 30), max(int(VRULE_INCHES * dpi), 20)
    h_img = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, long_h), np.uint8))
    v_img = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((long_v, 1), np.uint8))
    horizontal = _join([(x, x + w, y + h // 2) for x, y, w, h in _components(h_img) if h <= _RULE_THICK])
    vertical = _join([(y, y + h, x + w // 2) for x, y, w, h in _components(v_img) if w <= _RULE_THICK])

    def meets(y: int, x: int) -> bool:
        return any(abs(hy - y) <= _TOUCH and x0 - _TOUCH <= x <= x1 + _TOUCH for x0, x1, hy in horizontal)

    vertical = [
        (y0, y1, x)
        for y0, y1, x in vertical
        if (meets(y0, x) and meets(y1, x)) or ((meets(y0, x) or meets(y1, x)) and y1 - y0 >= 2 * long_v)
    ]

    def crossed(x0: int, x1: int, y: int) -> bool:
        return any(y0 - _TOUCH <= y <= y1 + _TOUCH and x0 - _TOUCH <= x <= x1 + _TOUCH for y0, y1, x in vertical)

    horizontal = [(x0, x1, y) for x0, x1, y in horizontal if x1 - x0 >= 2 * long_h or crossed(x0, x1, y)]
    mask = np.zeros_like(ink)
    for x0, x1, y in horizontal:
        cv2.line(mask, (x0, y), (x1, y), 255, _RULE_THICK // 2)
    for y0, y1, x in vertical:
        cv2.line(mask, (x, y0), (x, y1), 255, _RULE_THICK // 2)
    mask = cv2.bitwise_and(cv2.dilate(mask, np.ones((3, 3), np.uint8)), cv2.bitwise_or(h_img, v_img))
    return horizontal, vertical, cv2.dilate(mask, np.ones((3, 3), np.uint8))


def _specks(grey: Any) -> Any:
    """Dark dots of at most ``_SPECK`` pixels with no other ink within ``_NEAR`` pixels: scanner noise
    (a full stop is as small, but sits beside its character)."""
    import cv2
    import numpy as np

    dark = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    small = np.zeros(n, bool)
    small[1:] = stats[1:, cv2.CC_STAT_AREA] <= _SPECK
    dots = small[labels]
    rest = (dark > 0) & ~dots
    near = cv2.dilate(rest.astype(np.uint8), np.ones((2 * _NEAR + 1, 2 * _NEAR + 1), np.uint8)) > 0
    return dots & ~near


def _components(image: Any) -> list[tuple[int, int, int, int]]:
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats(image, connectivity=8)
    return [(int(x), int(y), int(w), int(h)) for x, y, w, h, _ in stats[1:n]]


def _join(segments: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Collinear pieces (start, end, position) of one rule, broken by noise or a crossing, as one."""
    out: list[list[int]] = []
    for a, b, pos in sorted(segments, key=lambda s: (s[2], s[0])):
        for seg in out:
            if abs(seg[2] - pos) <= 3 and a <= seg[1] + _JOIN and b >= seg[0] - _JOIN:
                seg[0], seg[1] = min(seg[0], a), max(seg[1], b)
                break
        else:
            out.append([a, b, pos])
    return [(a, b, pos) for a, b, pos in out]


class _Cells:
    """Whether a text box lies in a table cell: rules left and right of its centre, and above or below."""

    def __init__(self, horizontal: list[tuple[int, int, int]], vertical: list[tuple[int, int, int]]) -> None:
        self.horizontal, self.vertical = horizontal, vertical

    def missed(self, ink: Any, boxes: list[tuple[int, int, int, int]], dpi: float) -> list[tuple[int, int, int, int]]:
        """Ink in table cells that no detected box covers (a lone small digit the detector passed over),
        as boxes of their own: blobs of ink at least ``_MIN_INK`` inches high. A blob beside a box on its
        line widens that box instead."""
        import cv2
        import numpy as np

        covered = ink.copy()
        for box in boxes:
            x0, y0, x1, y1 = _padded(box, ink.shape)  # not the edge of a character a box cuts through
            covered[y0:y1, x0:x1] = 0
        blobs = cv2.dilate(covered, np.ones((5, 9), np.uint8))
        out = []
        for x, y, bw, bh in _components(blobs):
            box = (x + 4, y + 2, x + bw - 4, y + bh - 2)  # the ink, without what dilating added
            if bh < _MIN_INK * dpi or int(covered[y : y + bh, x : x + bw].sum() // 255) < 20 or not self.inside(box):
                continue
            near = next((j for j, other in enumerate(boxes) if _beside(box, other)), None)
            if near is None:
                out.append(box)
            else:  # the rest of a number the detector's box cut short ("6" of "64"): the box grows over it
                other = boxes[near]
                boxes[near] = (
                    min(box[0], other[0]),
                    min(box[1], other[1]),
                    max(box[2], other[2]),
                    max(box[3], other[3]),
                )
        return out

    def inside(self, box: tuple[int, int, int, int]) -> bool:
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        above = any(y < cy and x0 <= cx <= x1 for x0, x1, y in self.horizontal)
        below = any(y > cy and x0 <= cx <= x1 for x0, x1, y in self.horizontal)
        left = any(x < cx and y0 <= cy <= y1 for y0, y1, x in self.vertical)
        right = any(x > cx and y0 <= cy <= y1 for y0, y1, x in self.vertical)
        return left and right and (above or below)  # a table broken over pages is open at the break


# ---------------------------------------------------------------- detection and recognition


def _detect(image: Any) -> list[tuple[int, int, int, int]]:
    """Text line boxes (x0, y0, x1, y1) in reading order, from RapidOCR's detector."""
    import cv2

    h, w = image.shape[:2]
    factor = min(1.0, 2000 / max(h, w))  # RapidOCR's own limit on the detector's input
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else image
    found, _ = _ocr().text_det(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
    boxes = []
    for quad in [] if found is None else found:
        xs, ys = [p[0] / factor for p in quad], [p[1] / factor for p in quad]
        x0, y0 = max(int(min(xs)), 0), max(int(min(ys)), 0)
        x1, y1 = min(math.ceil(max(xs)), w), min(math.ceil(max(ys)), h)
        if x1 - x0 >= 4 and y1 - y0 >= 4:
            boxes.append((x0, y0, x1, y1))
    return sorted(boxes, key=lambda b: (b[1] + b[3], b[0]))


Spans = list[tuple[float, float]]  # each character's span across its box (0-1)
Reading = tuple[str, Spans, list[float]]  # text, each character's span, confidences


def _read(
    image: Any, boxes: list[tuple[int, int, int, int]], vertical: list[bool]
) -> list[tuple[str, list[tuple[float, float]], list[float], Reading | None]]:
    """Each box recognised (turned when ``vertical``): its text, characters' spans across the box,
    confidences, and the digits-only reading (None when nothing reads as a digit)."""
    import cv2
    import numpy as np

    rec = _ocr().text_rec
    alphabet: list[str] = rec.postprocess_op.character
    digits = np.array([i for i, c in enumerate(alphabet) if c in "0123456789."])
    alike = _alike(alphabet)
    crops = []
    for (x0, y0, x1, y1), down in zip(boxes, vertical, strict=True):
        crop = image[y0:y1, x0:x1]
        if down:
            crop = np.rot90(crop)  # top to bottom becomes left to right
        width = max(math.ceil(_REC_HEIGHT * crop.shape[1] / crop.shape[0]), 8)
        crops.append(cv2.resize(crop, (width, _REC_HEIGHT), interpolation=cv2.INTER_CUBIC))
    out: list[Any] = [None] * len(crops)
    order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1])
    for start in range(0, len(order), _BATCH):
        batch = order[start : start + _BATCH]
        width = max(crops[i].shape[1] for i in batch)
        width = max(_REC_HEIGHT, int(math.ceil(width / 8) * 8))
        tensor = np.zeros((len(batch), 3, _REC_HEIGHT, width), np.float32)
        for k, i in enumerate(batch):
            norm = crops[i].astype(np.float32) / 127.5 - 1.0
            tensor[k, :, :, : crops[i].shape[1]] = norm
        probs = rec.session(tensor)[0]
        for k, i in enumerate(batch):
            share = crops[i].shape[1] / width  # the part of the frames the crop fills
            full = _decode(probs[k], alphabet, None, share, alike)
            only = _decode(probs[k], alphabet, digits, share, alike)
            out[i] = (*full, only if only[0] else None)
    return out


def _number(reading: Reading | None) -> Reading | None:
    """A digits-only reading as a number: a dot at either end is no part of it (a speck, a full stop)."""
    if reading is None:
        return None
    text, spans, confs = reading
    lo, hi = 0, len(text)
    while lo < hi and text[lo] == ".":
        lo += 1
    while hi > lo and text[hi - 1] == ".":
        hi -= 1
    return (text[lo:hi], spans[lo:hi], confs[lo:hi]) if _NUMBER.fullmatch(text[lo:hi]) else None


def _alike(alphabet: list[str]) -> dict[int, Any]:
    """For each digit's class, the classes of the glyphs that look the same ("0" "０" "O" "o" "〇"):
    a lone digit's probability is shared among them, and every one of them reads as that digit."""
    import numpy as np

    index = {c: i for i, c in enumerate(alphabet)}
    out = {}
    for digit, same in _LOOKALIKE.items():
        if digit in index:
            out[index[digit]] = np.array([index[c] for c in digit + same if c in index])
    return out


def _decode(probs: Any, alphabet: list[str], allowed: Any, share: float, alike: dict[int, Any]) -> Reading:
    """CTC best path: the text, each character's span across the crop (0-1), and its confidence, its
    highest probability over the frames it spans (for a digit, with its look-alikes' added). With
    ``allowed`` (class indices), each character the best path finds is read as the allowed class most
    probable over its frames instead."""
    best = probs.argmax(axis=1)
    frames = len(best)
    text, spans, confs = "", [], []
    t = 0
    while t < frames:
        k = int(best[t])
        end = t
        while end + 1 < frames and best[end + 1] == k:
            end += 1
        if k != 0 and not (allowed is not None and alphabet[k] == " "):
            run = probs[t : end + 1]
            if allowed is not None:
                k = int(allowed[run[:, allowed].max(axis=0).argmax()])
            text += alphabet[k]
            spans.append((min(t / frames / share, 1.0), min((end + 1) / frames / share, 1.0)))
            confs.append(float(run[:, alike[k]].sum(axis=1).max() if k in alike else run[:, k].max()))
        t = end + 1
    lo, hi = len(text) - len(text.lstrip()), len(text.rstrip())  # a space at either end is no character
    return text[lo:hi], spans[lo:hi], confs[lo:hi]


# ---------------------------------------------------------------- characters


def _ink_box(ink: Any, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The box shrunk to the ink inside it (the detector's boxes have a margin)."""
    x0, y0, x1, y1 = box
    part = ink[y0:y1, x0:x1]
    rows, cols = part.any(axis=1).nonzero()[0], part.any(axis=0).nonzero()[0]
    if not len(rows) or not len(cols):
        return box
    return x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1


def _padded(box: tuple[int, int, int, int], shape: tuple[int, ...], margin: float = 0.25) -> tuple[int, int, int, int]:
    """The box with a white margin (``margin`` of its smaller side): the recogniser reads a tight
    small box badly."""
    x0, y0, x1, y1 = box
    pad = max(2, round(margin * min(x1 - x0, y1 - y0)))
    return max(x0 - pad, 0), max(y0 - pad, 0), min(x1 + pad, shape[1]), min(y1 + pad, shape[0])


def _beside(box: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    """Whether ``box`` is on ``other``'s line and closer to it than its own height."""
    overlap = min(box[3], other[3]) - max(box[1], other[1])
    gap = max(other[0] - box[2], box[0] - other[2])
    return overlap > (box[3] - box[1]) / 2 and gap < box[3] - box[1]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _vertical(box: tuple[int, int, int, int]) -> bool:
    """A box that may hold text written top to bottom (one character a line, as in a merged row label);
    it is read both ways and the likelier reading kept."""
    return box[3] - box[1] >= 1.5 * (box[2] - box[0])


def _chars(
    box: tuple[int, int, int, int],
    tight: tuple[int, int, int, int],
    down: bool,
    text: str,
    spans: list[tuple[float, float]],
    confs: list[float],
    unread: bool,
    scale: float,
    left: float,
    top: float,
    doctop: float,
) -> list[Obj]:
    """One character box per recognised character: the ink box ``tight`` cut between the characters'
    centres (their ``spans`` across ``box``, the recognised box; down it for vertical text); ``unread``:
    the text leaves ink unread, its confidences are at most ``_UNREAD``."""
    if not text.strip():
        return []
    a0, a1, t0, t1 = (box[1], box[3], tight[1], tight[3]) if down else (box[0], box[2], tight[0], tight[2])
    centres = [a0 + (a + b) / 2 * (a1 - a0) for a, b in spans]
    cuts = [t0, *((a + b) / 2 for a, b in itertools.pairwise(centres)), t1]
    cuts = [min(max(c, t0), t1) for c in cuts]
    if unread:
        confs = [min(c, _UNREAD) for c in confs]
    out = []
    for i, ch in enumerate(text):
        lo, hi = cuts[i], max(cuts[i + 1], cuts[i])
        x0, y0, x1, y1 = (tight[0], lo, tight[2], hi) if down else (lo, tight[1], hi, tight[3])
        out.append(
            {
                "text": ch,
                "x0": left + x0 * scale,
                "x1": left + x1 * scale,
                "top": top + y0 * scale,
                "bottom": top + y1 * scale,
                "doctop": doctop + y0 * scale,
                "upright": True,
                "fontname": "OCR",
                "size": (x1 - x0 if down else y1 - y0) * scale,
                "confidence": confs[i],
            }
        )
    return out


def _unspeck(text: str, spans: list[tuple[float, float]], confs: list[float]) -> Reading:
    """A dot or comma read with low confidence between two ideographs ("情·形"): a speck of noise."""
    keep = [
        i
        for i, ch in enumerate(text)
        if not (
            ch in _SPECKLIKE
            and confs[i] < _SPECK_CONFIDENCE
            and 0 < i < len(text) - 1
            and _IDEOGRAPH.match(text[i - 1])
            and _IDEOGRAPH.match(text[i + 1])
        )
    ]
    return "".join(text[i] for i in keep), [spans[i] for i in keep], [confs[i] for i in keep]


def _unread_ink(ink: Any, tight: tuple[int, int, int, int], down: bool, text: str) -> bool:
    """Whether the recognised text is too short for its ink (a character lost: "64" read "6"). The ink's
    length leaves out gaps wider than a character: one line of the detector may run across table cells
    ("10   1   0"), and the blank between them holds nothing to read."""
    x0, y0, x1, y1 = tight
    size = x1 - x0 if down else y1 - y0
    inked = ink[y0:y1, x0:x1].any(axis=1 if down else 0).nonzero()[0]
    if not len(inked):
        return False
    gaps = inked[1:] - inked[:-1] - 1
    length = int(inked[-1] - inked[0] + 1 - gaps[gaps > size].sum())
    expected = sum(size * (1.0 if _cjk(ch) else 0.6) for ch in text)
    return length > 1.5 * expected + size / 2


Box = tuple[int, int, int, int]


def _ink_groups(ink: Any, tight: Box, box: Box, down: bool, spans: Spans) -> tuple[list[list[int]], list[float], int]:
    """The ink of a recognised box along its reading direction (down it when ``down``), cut into
    groups (first and last inked column, from ``tight``'s start) at gaps wider than ``_GROUP_GAP`` of
    the text's height: table cells one detected line runs across, words set apart. Also each
    character's position (its span's centre across ``box``) and the height (without specks: a dot of
    noise below a number is no part of it). No groups when the box holds no ink."""
    x0, y0, x1, y1 = tight
    part = ink[y0:y1, x0:x1] > 0
    if down:
        part, (a0, a1), start = part.T, (box[1], box[3]), y0
    else:
        (a0, a1), start = (box[0], box[2]), x0
    rows, cols = _despeckled(part).any(axis=1).nonzero()[0], part.any(axis=0).nonzero()[0]
    if not len(rows) or not len(cols):
        return [], [], 0
    height = int(rows[-1] - rows[0] + 1)
    groups: list[list[int]] = []
    for col in cols.tolist():
        if groups and col - groups[-1][1] - 1 <= _GROUP_GAP * height:
            groups[-1][1] = col
        else:
            groups.append([col, col])
    return groups, [a0 + (a + b) / 2 * (a1 - a0) - start for a, b in spans], height


def _overread(ink: Any, tight: Box, box: Box, down: bool, text: str, spans: Spans) -> list[bool]:
    """For each recognised character, whether it was read from less ink than it needs (``_short``)."""
    short = {i for _, _, inside in _short(ink, tight, box, down, text, spans) for i in inside}
    return [i in short for i in range(len(text))]


def _short(ink: Any, tight: Box, box: Box, down: bool, text: str, spans: Spans) -> list[tuple[int, int, list[int]]]:
    """The ink groups (first and last column from ``tight``'s start, the characters read from it) too
    narrow for the characters read from them: the text is longer than its ink ("64" read "664", or a
    sliver of the next cell's "6" at a box's edge read as a whole digit). The mirror of ``_unread_ink``.
    Each character is placed in the ink group (``_ink_groups``) nearest its position; a group holding
    a digit whose width is less than its characters' least advance and ink (``_least_width``) holds
    characters read from ink that is not there. A group of ideographs alone is not judged: a thin
    stroke (一) may be lost to binarising, and a misread word changes no value. A digit too many is a
    third of a two-digit number's width and is seen in the fonts reports print; in a number of three
    digits or more it is within the fonts' spread, and not always seen."""
    groups, places, height = _ink_groups(ink, tight, box, down, spans)
    if not groups or not _DIGITS & set(text):
        return []
    digit = height * (1.0 if set(text) <= _LOW else 0.7)  # a digit's height: the text's, unless taller ones are in it
    held: list[list[int]] = [[] for _ in groups]  # each group's characters (indices into text)
    for i, at in enumerate(places):
        held[min(range(len(groups)), key=lambda g: max(groups[g][0] - at, at - groups[g][1], 0))].append(i)
    return [
        (lo, hi, inside)
        for (lo, hi), inside in zip(groups, held, strict=True)
        if _DIGITS & {text[i] for i in inside} and hi - lo + 1 < _least_width("".join(text[i] for i in inside)) * digit
    ]


def _elsewhere(
    short: list[tuple[int, int, list[int]]], tight: Box, own: int, boxes: list[Box], down: bool
) -> tuple[set[int], Box]:
    """The characters of the ``short`` groups at an end of the ink box ``tight`` that another detected
    box covers (``own``: this box's index), and the ink box without those groups: the detector's box
    cut through the next cell's number, and the characters read from its edge are that box's to read
    ("72 | 64" read "726" and "64")."""
    out: set[int] = set()
    x0, y0, x1, y1 = tight
    if down:
        return out, tight
    for lo, hi, inside in short:
        if lo != 0 and hi != tight[2] - tight[0] - 1:
            continue
        a, b = tight[0] + lo, tight[0] + hi + 1
        middle = (y0 + y1) / 2
        if any(j != own and o[0] <= a and b <= o[2] and o[1] <= middle <= o[3] for j, o in enumerate(boxes)):
            out.update(inside)
            x0, x1 = (b, x1) if lo == 0 else (x0, a)
    return out, (x0, y0, x1, y1)


def _unspace(ink: Any, tight: Box, box: Box, down: bool, reading: Reading) -> Reading:
    """A space read beside full-width punctuation ("（二 ）") where the ink has no gap wider than
    ``_GROUP_GAP`` of its height: the mark's own blank half, which the recogniser took for a space
    (official text sets none there; a wide gap, as between table cells, keeps its space)."""
    text, spans, confs = reading
    if " " not in text:
        return reading
    groups, places, _ = _ink_groups(ink, tight, box, down, spans)
    drop = {
        i
        for i, ch in enumerate(text)
        if ch == " "
        and (text[i - 1 : i] in _FULL_MARKS or text[i + 1 : i + 2] in _FULL_MARKS)
        and any(lo <= places[i] <= hi for lo, hi in groups)
    }
    keep = [i for i in range(len(text)) if i not in drop]
    return "".join(text[i] for i in keep), [spans[i] for i in keep], [confs[i] for i in keep]


def _least_width(text: str) -> float:
    """The least width (in digit heights) the ink of ``text`` printed can have: each character's
    least advance to the next, and the last one's least ink; a "1" first starts late in its place."""

    def advance(ch: str) -> float:
        return _DIGIT_ADVANCE if ch in _DIGITS else _IDEOGRAPH_ADVANCE if _IDEOGRAPH.match(ch) else 0.0

    def ink(ch: str) -> float:
        return (
            _ONE_INK if ch == "1" else _DIGIT_INK if ch in _DIGITS else _IDEOGRAPH_INK if _IDEOGRAPH.match(ch) else 0.0
        )

    width = sum(advance(ch) for ch in text[:-1]) + ink(text[-1])
    if len(text) > 1 and text[0] == "1":
        width -= (_DIGIT_ADVANCE - _ONE_INK) / 2
    return width


def _despeckled(part: Any) -> Any:
    """A crop of the ink (booleans) without its specks, pieces of ``_SPECK`` pixels or fewer."""
    import cv2
    import numpy as np

    _, labels, stats, _ = cv2.connectedComponentsWithStats(part.astype(np.uint8), connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] > _SPECK
    keep[0] = False
    return keep[labels]


def _cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def _punctuation(text: str) -> str:
    """Digits made ASCII; brackets, colons, commas and semicolons beside a CJK character full-width."""
    text = text.translate(_ASCII_DIGITS)
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch in "(),:;":
            near = [c for c in (text[i - 1] if i else "", text[i + 1] if i + 1 < len(text) else "") if c.strip()]
            if any(_cjk(c) for c in near):
                chars[i] = ch.translate(_FULL)
    return "".join(chars)
