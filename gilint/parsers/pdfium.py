"""The binding to PDFium (through ctypes and pypdfium2's raw bindings): each page's characters and drawn paths in
pdfplumber's form, boxed as pdfminer boxes them, several times faster than pdfminer's content-stream
interpreter.

The raw symbols used are those of pypdfium2 5 (``pyproject.toml`` pins the range tested), imported from
``pypdfium2_raw`` (what ``pypdfium2.raw`` re-exports) without the rest of pypdfium2, which would double the
cost of the import; PDFium is initialised here as pypdfium2 initialises it (importing pypdfium2 later, for
OCR, initialises it again, which PDFium ignores). ``Pdfium.open``
checks that they are all there: when one is missing (another pypdfium2), the file is read by pdfminer
alone, as before PDFium, and the ``Document`` says so (problem "pdfium-incompatible", GI002) instead of
failing with a traceback.

A page PDFium reads differently or not at all is left to pdfminer (``Pdfium.page`` is None): without
text (a scan, an empty page), with content pdfminer cannot decode (damage it reports), with glyphs that
have no Unicode or a hyphen PDFium joined to the next line, with ``/ActualText`` PDFium reads in place
of the glyphs, or a text object PDFium skipped (drawn twice, blank).
"""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Iterator
from functools import cache
from operator import itemgetter
from typing import Any

from gilint.model import Problem, Span
from gilint.parsers import pdfguard
from gilint.parsers.limits import value
from gilint.parsers.pdflayout import Drawing, Matrix, Obj, Placement, multiply, transform

# every name of pypdfium2_raw this module and pdfguard use (PDFium's C functions, constants and structures)
SYMBOLS = (
    "FPDF_LoadMemDocument64",
    "FPDF_GetPageCount",
    "FPDF_CloseDocument",
    "FPDF_LoadPage",
    "FPDF_ClosePage",
    "FPDFText_LoadPage",
    "FPDFText_ClosePage",
    "FPDFText_CountChars",
    "FPDFText_IsGenerated",
    "FPDFText_GetUnicode",
    "FPDFText_GetText",
    "FPDFText_HasUnicodeMapError",
    "FPDFText_GetTextObject",
    "FPDFText_GetMatrix",
    "FPDFText_GetCharOrigin",
    "FPDFText_GetFontSize",
    "FPDFTextObj_GetFont",
    "FPDFFont_GetBaseFontName",
    "FPDFFont_GetDescent",
    "FPDFFont_GetGlyphWidth",
    "FPDFPage_CountObjects",
    "FPDFPage_GetObject",
    "FPDFPageObj_GetType",
    "FPDFPageObj_GetMatrix",
    "FPDFPageObj_CountMarks",
    "FPDFPageObj_GetMark",
    "FPDFPageObjMark_GetParamValueType",
    "FPDFFormObj_CountObjects",
    "FPDFFormObj_GetObject",
    "FPDFPath_GetDrawMode",
    "FPDFPath_CountSegments",
    "FPDFPath_GetPathSegment",
    "FPDFPathSegment_GetType",
    "FPDFPathSegment_GetPoint",
    "FPDFPathSegment_GetClose",
    "FPDF_PAGEOBJ_TEXT",
    "FPDF_PAGEOBJ_PATH",
    "FPDF_PAGEOBJ_FORM",
    "FPDF_SEGMENT_MOVETO",
    "FPDF_SEGMENT_BEZIERTO",
    "FS_MATRIX",
    "FPDF_LIBRARY_CONFIG",
    "FPDF_InitLibraryWithConfig",
)


@cache
def _binding() -> tuple[Any, str]:
    """PDFium's functions as ``_Lib`` declares them and "", or None and what is missing: another major version
    of pypdfium2 than the one pinned may have renamed or dropped a symbol. PDFium is initialised with the
    configuration pypdfium2 gives it."""
    try:
        import pypdfium2_raw as raw  # type: ignore[import-untyped]
    except Exception as e:  # not installed, or its PDFium library does not load
        return None, f"pypdfium2_raw ({type(e).__name__}: {e})"
    missing = [name for name in SYMBOLS if not hasattr(raw, name)]
    if missing:
        return None, ", ".join(missing)
    lib = _Lib(raw)
    config = lib.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0)
    lib.FPDF_InitLibraryWithConfig(ctypes.addressof(config))
    return lib, ""


class _Lib:
    """The names of ``SYMBOLS``: pypdfium2_raw's constants and structures, and its C functions declared again
    with plain types, handles and pointers as addresses (``c_void_p``: a handle is returned as an int, or None
    for NULL). The same functions, called with less conversion: each call through raw's declared pointer
    types costs about a third more, and a page makes some ten calls a character."""

    def __init__(self, raw: Any) -> None:
        for name in SYMBOLS:
            found = getattr(raw, name)
            if isinstance(found, ctypes._CFuncPtr):  # type: ignore[attr-defined]  # the base of every C function
                proto = ctypes.CFUNCTYPE(_plain(found.restype), *map(_plain, found.argtypes or ()))
                found = proto(ctypes.cast(found, ctypes.c_void_p).value or 0)  # a symbol is never at NULL
            setattr(self, name, found)

    def __getattr__(self, name: str) -> Any:  # the names set in __init__, for the type checker
        raise AttributeError(name)


def _plain(kind: Any) -> Any:
    """``c_void_p`` for a pointer type, else ``kind``."""
    return ctypes.c_void_p if isinstance(kind, type) and issubclass(kind, ctypes._Pointer) else kind


def library() -> Any:
    """PDFium's functions, constants and structures of ``SYMBOLS`` as the binding declares them (see ``_Lib``),
    or None when the binding is incompatible (``benchmarks/`` measures PDFium's floor through them)."""
    return _binding()[0]


def incompatible() -> Problem | None:
    """The problem to report when this pypdfium2 lacks a symbol the binding uses (see the module), else None."""
    lib, missing = _binding()
    if lib is not None:
        return None
    return Problem(
        "pdfium-incompatible",
        f"安装的 pypdfium2 与 gilint 不兼容（缺少 {missing}），PDF 改由 pdfminer 读取（较慢）；"
        "请安装 pyproject.toml 要求的 pypdfium2 版本",
        f"the installed pypdfium2 does not fit gilint (missing {missing}): the PDF was read by pdfminer "
        "instead (slower); install the pypdfium2 version pyproject.toml requires",
        Span(),
    )


def page_count(data: bytes) -> int | None:
    """How many pages PDFium sees in ``data``; None when it cannot open the file (or the binding is
    incompatible)."""
    lib, _ = _binding()
    if lib is None:
        return None
    buffer = ctypes.create_string_buffer(data, len(data))
    handle = lib.FPDF_LoadMemDocument64(buffer, len(data), None)
    if not handle:
        return None
    try:
        return int(lib.FPDF_GetPageCount(handle))
    finally:
        lib.FPDF_CloseDocument(handle)


class _Fallback(Exception):
    """PDFium reads this page differently from pdfminer: pdfminer reads it."""


_IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)
_GENERATED = frozenset(map(ord, " \r\n"))  # the characters PDFium generates: spaces between words, line breaks
_JOINED = 0xFFFE  # in the page's text: a character without Unicode (0) or a hyphen PDFium joined to the next line (2)


def _page_text(lib: _Lib, text: int, n: int) -> list[int] | None:
    """The Unicode of each of the ``n`` characters of the text page, read in one call; None when the page's text
    does not hold one character for each (then each is asked for its own).

    The page's text (``FPDFText_GetText``) is PDFium's text buffer, which grows with the character list, one
    character for one, except that characters without a printable Unicode (control characters, none at all)
    are left out of it; a character without Unicode whose font maps it to U+0000 and a hyphen PDFium joined to
    the next line (Unicode 2) read U+FFFE in it. So when it holds ``n`` characters they are the characters'
    own, U+FFFE for those two. A character beyond the BMP is a surrogate pair in UTF-16."""
    if n <= 0:
        return []
    buffer = ctypes.create_string_buffer(4 * n + 2)  # a character beyond the BMP takes two UTF-16 units
    units = lib.FPDFText_GetText(text, 0, n, buffer)
    found = buffer.raw[: max(units - 1, 0) * 2].decode("utf-16-le", "surrogatepass")
    return list(map(ord, found)) if len(found) == n else None


# what a text object's characters share: its place in content order, font size and font, PDFium's matrix for
# them (the object's text matrix in page space: a, b, c, d and the pen e, f), and whether the matrix holds no NaN
_Style = tuple[int, float, "_Font", float, float, float, float, float, float, bool]


class Pdfium:
    """The PDF opened again with PDFium, which gives each page's characters and paths as pdfminer would."""

    def __init__(self, lib: _Lib, handle: int, buffer: Any) -> None:
        self.lib = lib
        self.handle = handle
        self.buffer = buffer  # PDFium reads the file from this buffer for as long as the document is open

    @classmethod
    def open(cls, data: bytes, pages: int) -> Pdfium | None:
        """The PDF as PDFium reads it; None when PDFium cannot open it or counts other pages than pdfminer
        (``pages``: pdfminer's count, at most ``pdf-pages`` + 1) or the binding is incompatible."""
        lib, _ = _binding()
        if lib is None:
            return None
        buffer = ctypes.create_string_buffer(data, len(data))
        handle = lib.FPDF_LoadMemDocument64(buffer, len(data), None)  # NULL when PDFium cannot open it
        if not handle:
            return None
        pdfium = cls(lib, handle, buffer)
        if min(lib.FPDF_GetPageCount(handle), value("pdf-pages") + 1) != pages:
            pdfium.close()
            return None
        return pdfium

    def close(self) -> None:
        self.lib.FPDF_CloseDocument(self.handle)

    def page(self, page: Any) -> Drawing | None:
        """pdfplumber ``page`` read by PDFium; None when pdfminer has to read it."""
        if not _decodes(page):
            return None  # pdfminer reports the damage, as before
        lib = self.lib
        handle = lib.FPDF_LoadPage(self.handle, page.page_number - 1)
        if not handle:
            return None
        text = lib.FPDFText_LoadPage(handle)
        try:
            most = value("pdf-page-objects")
            objects = list(itertools.islice(_objects(lib, handle), most + 1))
            if len(objects) > most:
                raise pdfguard.too_many_objects(page.page_number, len(objects))
            return self.drawing(page, text, objects) if text else None
        except pdfguard.Refused:
            raise
        except Exception:  # _Fallback, or a page PDFium gives other than expected
            return None
        finally:
            if text:
                lib.FPDFText_ClosePage(text)
            lib.FPDF_ClosePage(handle)

    def drawing(self, page: Any, text: Any, objects: list[tuple[int, Matrix | None]]) -> Drawing | None:
        """The page's characters and paths in pdfplumber's form (``objects``: see ``_objects``)."""
        place = Placement(page)
        texts = {obj: n for n, (obj, matrix) in enumerate(objects) if matrix is None}
        chars = self.chars(text, place, texts)
        if not chars:
            return None  # a scan, an empty or a damaged page: pdfminer tells which
        drawing = Drawing(chars, [], [], [])
        lib = self.lib
        marks, ctm = lib.FPDFPageObj_CountMarks, place.ctm
        for obj, matrix in objects:
            if matrix is not None:
                self.path(obj, multiply(matrix, ctm), place, drawing)
            elif marks(obj) and _actual_text(lib, obj):
                raise _Fallback  # PDFium reads /ActualText in place of the glyphs; pdfminer reads the glyphs
        return drawing

    def chars(self, text: Any, place: Placement, texts: dict[int, int]) -> list[Obj]:
        """The page's characters, in content-stream order, with pdfminer's boxes; spaces PDFium adds left out.

        PDFium's calls cost more than the reading they do (about a microsecond each, through ctypes), so the
        page's text is read in one call (``_page_text``) and a character's own calls are the fewest that tell
        it apart: its text object, its origin and whether its Unicode is a guess (no mapping). Whether PDFium
        generated it is asked only of the spaces and line breaks it can generate, and its matrix (the text
        object's, moved to the glyph's origin) once per text object: PDFium gives all the characters of a text
        object that object's matrix."""
        lib = self.lib
        n = lib.FPDFText_CountChars(text)
        codes = _page_text(lib, text, n)
        out: list[tuple[int, int, Obj]] = []
        styles: dict[int, _Style] = {}  # text object -> what its characters share
        fonts: dict[tuple[int, float], _Font] = {}
        last_key: int | None = None  # the text object and origin of the last glyph
        last_x = last_y = 0.0
        m = lib.FS_MATRIX()
        x, y = ctypes.c_double(), ctypes.c_double()
        at_m, at_x, at_y = ctypes.addressof(m), ctypes.addressof(x), ctypes.addressof(y)
        generated, unicode = lib.FPDFText_IsGenerated, lib.FPDFText_GetUnicode
        unmapped, text_object = lib.FPDFText_HasUnicodeMapError, lib.FPDFText_GetTextObject
        origin, char = lib.FPDFText_GetCharOrigin, place.char
        for i in range(n):
            if codes is None:
                if generated(text, i):
                    continue
                u = unicode(text, i)
                if u in (0, 2):
                    raise _Fallback  # no Unicode: pdfminer writes "(cid:n)"; 2: a hyphen PDFium joined to the next line
            else:
                u = codes[i]
                if u in _GENERATED and generated(text, i):
                    continue
                if u == _JOINED:
                    raise _Fallback  # as above: the page's text holds U+FFFE for both
            if unmapped(text, i):
                raise _Fallback
            key = text_object(text, i) or 0
            style = styles.get(key)
            if style is None:
                lib.FPDFText_GetMatrix(text, i, at_m)
                size, handle = lib.FPDFText_GetFontSize(text, i), lib.FPDFTextObj_GetFont(key)
                fkey = (handle or 0, size)
                font = fonts.get(fkey) or fonts.setdefault(fkey, _Font(lib, handle, size, place.resources))
                a, b, c, d = m.a, m.b, m.c, m.d
                comparable = a == a and b == b and c == c and d == d  # no NaN: two glyphs' matrices can be equal
                style = styles[key] = (texts[key], size, font, a, b, c, d, m.e, m.f, comparable)
            order, size, font, a, b, c, d, e, f, comparable = style
            origin(text, i, at_x, at_y)
            ox, oy = x.value, y.value
            if key == last_key and ox == last_x and oy == last_y and comparable:
                out[-1][2]["text"] += chr(u)  # one glyph, several Unicode characters ("ﬁ" -> "f", "i"): one char
                continue
            last_key, last_x, last_y = key, ox, oy
            advance = font.advances.get(u)
            if advance is None:
                advance = font.advance(u)
            across = 0.0
            if advance < 0:  # vertical writing: PDFium's origin is the glyph's corner, half its own width from the pen
                det = a * d - b * c
                across = ((ox - e) * d - (oy - f) * c) / det if det else 0.0
            out.append((order, i, char(chr(u), (a, b, c, d, ox, oy), size, advance, font.descent, across, font.name)))
        if len(styles) < len(texts):
            raise _Fallback  # PDFium dropped a text object drawn over another (fake bold): pdfminer reads both
        out.sort(key=itemgetter(0, 1))  # PDFium orders a line's text objects left to right
        return [c for _, _, c in out]

    def path(self, obj: Any, matrix: Matrix, place: Placement, drawing: Drawing) -> None:
        """Add the subpaths of a painted path to ``drawing`` as pdfminer classifies them: line, rectangle, curve."""
        lib = self.lib
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        lib.FPDFPath_GetDrawMode(obj, ctypes.addressof(fill), ctypes.addressof(stroke))
        if not fill.value and not stroke.value:
            return
        x, y = ctypes.c_float(), ctypes.c_float()
        at_x, at_y = ctypes.addressof(x), ctypes.addressof(y)
        subpaths: list[list[tuple[str, tuple[float, float]]]] = []
        bezier = 0
        for i in range(lib.FPDFPath_CountSegments(obj)):
            segment = lib.FPDFPath_GetPathSegment(obj, i)
            kind = lib.FPDFPathSegment_GetType(segment)
            lib.FPDFPathSegment_GetPoint(segment, at_x, at_y)
            point = transform(matrix, x.value, y.value)
            if kind == lib.FPDF_SEGMENT_MOVETO:
                subpaths.append([("m", point)])
                bezier = 0
            elif not subpaths:
                continue
            elif kind == lib.FPDF_SEGMENT_BEZIERTO:
                bezier += 1
                if bezier % 3 == 0:  # pdfminer keeps a curve's end point, not its two control points
                    subpaths[-1].append(("c", point))
            else:
                subpaths[-1].append(("l", point))
            if subpaths and lib.FPDFPathSegment_GetClose(segment):  # "h": back to the start
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

    def __init__(self, lib: _Lib, handle: int | None, size: float, resources: Any) -> None:
        from pdfminer.fontmetrics import FONT_METRICS

        self.lib, self.handle, self.size = lib, handle, size
        n = lib.FPDFFont_GetBaseFontName(handle, None, 0)
        name = ctypes.create_string_buffer(max(n, 1))
        lib.FPDFFont_GetBaseFontName(handle, name, n)
        self.name = name.value.decode("utf-8", "replace")
        self.advances: dict[int, float] = {}
        self.width = ctypes.c_float()  # a glyph's advance, as PDFium gives it (a 32-bit float)
        self.at_width = ctypes.addressof(self.width)
        self.metrics: dict[str, int] | None = None
        if self.name in FONT_METRICS and self.name in _standard_fonts(resources):
            descriptor, self.metrics = FONT_METRICS[self.name]  # pdfminer's own metrics, whatever the PDF says
            self.descent = -abs(float(descriptor.get("Descent") or 0)) * size / 1000  # type: ignore[arg-type]
        else:
            descent = ctypes.c_float()
            lib.FPDFFont_GetDescent(handle, size, ctypes.addressof(descent))
            self.descent = descent.value

    def advance(self, u: int) -> float:
        """The advance of the glyph for character ``u`` (negative in vertical writing)."""
        if u not in self.advances:
            if self.metrics is not None:
                self.width.value = self.metrics.get(chr(u), 0) * self.size / 1000
            else:
                self.lib.FPDFFont_GetGlyphWidth(self.handle, u, self.size, self.at_width)
            self.advances[u] = self.width.value
        return self.advances[u]


def _objects(lib: _Lib, page: int) -> Iterator[tuple[int, Matrix | None]]:
    """The page's text and path objects in content order, form XObjects opened: a text object with None (each
    glyph carries its own matrix), a path with its matrix to page space."""
    m = lib.FS_MATRIX()
    at_m = ctypes.addressof(m)
    text, path, form = lib.FPDF_PAGEOBJ_TEXT, lib.FPDF_PAGEOBJ_PATH, lib.FPDF_PAGEOBJ_FORM
    kind_of, matrix_of = lib.FPDFPageObj_GetType, lib.FPDFPageObj_GetMatrix
    pending: list[tuple[Any, int, int, int, Matrix]] = []  # the enclosing lists still to walk, where they stopped
    get, holder, count, at, matrix = lib.FPDFPage_GetObject, page, lib.FPDFPage_CountObjects(page), 0, _IDENTITY
    while True:
        while at < count:
            obj = get(holder, at)
            at += 1
            kind = kind_of(obj)
            if kind == text:
                yield obj, None
            elif kind in (path, form):
                matrix_of(obj, at_m)
                own = multiply((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
                if kind == path:
                    yield obj, own
                else:  # walk the form's objects, then go on after it
                    pending.append((get, holder, count, at, matrix))
                    get, holder, count, at, matrix = (
                        lib.FPDFFormObj_GetObject,
                        obj,
                        lib.FPDFFormObj_CountObjects(obj),
                        0,
                        own,
                    )
        if not pending:
            return
        get, holder, count, at, matrix = pending.pop()


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


def _actual_text(lib: _Lib, obj: int) -> bool:
    """Whether a text object is marked with ``/ActualText``."""
    for i in range(lib.FPDFPageObj_CountMarks(obj)):
        if lib.FPDFPageObjMark_GetParamValueType(lib.FPDFPageObj_GetMark(obj, i), b"ActualText"):
            return True
    return False
