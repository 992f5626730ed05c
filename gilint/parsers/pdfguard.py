"""What a PDF may make the readers do: limits applied before the work, and a page tree walked lazily.

- ``prescan(data)``, before pdfminer or PDFium sees the file, in one linear pass over its bytes:
  the objects it holds (``pdf-objects``, objects in object streams included, and any ``/Size`` it
  declares), the size of each object's dictionary or array and of each object stream's content
  (``pdf-object-size``), and what each large stream inflates to (``pdf-stream-size``: a 4 MB stream
  may inflate to 4 GB). A file over one is not read.
- ``install()`` makes pdfminer safe on what the pre-scan cannot see: an indirect object that refers
  to itself through other references (``4 0 obj 5 0 R``, ``5 0 obj 4 0 R``) raises instead of
  looping for ever, its Flate, LZW and run-length decoders stop at ``pdf-stream-size``, and the tokens
  it parses to read the file's objects are counted (``pdf-structure``: some ten microseconds each, in
  Python; a damaged file makes it parse objects again and again).
- ``open_pages(data, counted)`` builds at most ``pdf-pages`` + 1 pages (not a million), given the pages
  PDFium counts; when pdfminer sees other pages than PDFium (a damaged cross-reference table that
  PDFium repairs), the file is opened again with the table rebuilt from its objects ("pdf-repaired").
- ``start_page(page)``: a page's drawing instructions are decoded and measured (``pdf-page-content``)
  before either library interprets them, and what pdfminer then interprets (a form each time it is
  drawn) and the characters and other objects it draws are counted as it goes (``pdf-page-content``,
  ``pdf-page-chars``, ``pdf-page-objects``); ``too_many_objects`` is the ``pdf-page-objects`` limit
  PDFium's object walk applies too.

A file or page over a limit raises ``Refused`` with its ``Problem`` (see ``limits.exceeded``).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from gilint import regex
from gilint.model import Problem, Span
from gilint.parsers.limits import exceeded, size_text, value

_TOKENS = regex.compile(rb"endobj|endstream|stream|obj|/Size\s+(\d+)")
_OBJSTM_N = regex.compile(rb"/N\s+(\d+)")
_STARTXREF = regex.compile(rb"startxref\s+(\d+)")
_CATALOG = regex.compile(rb"(\d+)\s+\d+\s+obj\s*<<[^>]{0,200}?/Type\s*/Catalog")
_DEFLATE_RATIO = 1032  # the most a deflate stream can inflate: a smaller raw stream cannot break the limit
_CHAIN = 32  # references followed from one to the next before giving up
_CHUNK = 1 << 16


class Refused(Exception):
    """The file (or a page) is over a limit or cannot be read safely: ``problem`` says which."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message_en)
        self.problem = problem


def refused(e: BaseException) -> Problem | None:
    """The problem of ``Refused`` when ``e`` is one or wraps one (pdfplumber wraps what pdfminer raises)."""
    for _ in range(5):
        if isinstance(e, Refused):
            return e.problem
        inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e.__cause__ or e.__context__
        if inner is None:
            return None
        e = inner
    return None


# ---------------------------------------------------------------- before any library


def prescan(data: bytes) -> Problem | None:
    """The first limit ``data`` is over (see the module), or None."""
    objects, declared, head = 0, 0, b""
    start: int | None = None  # where the dictionary (or array) of the object being read begins
    stream: int | None = None  # where the data of the stream being read begins
    for m in _TOKENS.finditer(data):
        token = m.group()
        if stream is not None:  # inside a stream: only its end counts
            if token == b"endstream":
                problem = _stream(data, head, stream, m.start())
                if problem:
                    return problem
                stream = None
            continue
        if token == b"obj":
            objects += 1
            start = m.end()
        elif token in (b"stream", b"endobj") and start is not None:
            size = m.start() - start
            if size > value("pdf-object-size"):
                return _too_big("PDF 中有一个对象长", "the PDF holds an object of", size)
            if token == b"stream":
                head, stream = data[start : m.start()], _data_start(data, m.end())
                if b"/ObjStm" in head:
                    n = _OBJSTM_N.search(head)
                    objects += int(n.group(1)) if n else 0
            start = None
        elif m.group(1):
            declared = max(declared, int(m.group(1)))
    counted = max(objects, declared)
    if counted > value("pdf-objects"):
        return exceeded(
            "pdf-objects",
            f"PDF 有 {counted} 个对象",
            f"the PDF holds {counted} objects",
            "文件未读取",
            "the file was not read",
        )
    return None


def _data_start(data: bytes, at: int) -> int:
    """Where a stream's data begins: after the line break that ends the ``stream`` keyword at ``at``."""
    if data.startswith(b"\r\n", at):
        return at + 2
    return at + 1 if data[at : at + 1] in (b"\n", b"\r") else at


def _stream(data: bytes, head: bytes, start: int, end: int) -> Problem | None:
    """The limit the stream ``data[start:end]`` (its dictionary ``head``) is over, or None."""
    objstm = b"/ObjStm" in head
    most = value("pdf-object-size") if objstm else value("pdf-stream-size")
    if (end - start) * _DEFLATE_RATIO <= most:
        return None
    size = _inflated(data, start, end, most)
    if size is None or size <= most:
        return None
    if objstm:
        return _too_big(
            "PDF 中有一个对象流解压后至少长", "the PDF holds an object stream that inflates to at least", size
        )
    return exceeded(
        "pdf-stream-size",
        f"PDF 中有一个数据流解压后大于 {size_text(most, 'zh')}",
        f"the PDF holds a stream that inflates to more than {size_text(most, 'en')}",
        "文件未读取",
        "the file was not read",
    )


def _too_big(zh: str, en: str, found: int) -> Problem:
    return exceeded(
        "pdf-object-size", f"{zh} {found} 字节", f"{en} {found} bytes", "文件未读取", "the file was not read"
    )


def _inflated(data: bytes, start: int, end: int, most: int) -> int | None:
    """What ``data[start:end]`` inflates to, counted up to ``most`` + 1 bytes; None when it is no deflate data."""
    inflate = zlib.decompressobj()
    view = memoryview(data)[start:end]
    size = 0
    try:
        for at in range(0, len(view), _CHUNK):
            pending: bytes | memoryview = view[at : at + _CHUNK]
            while pending and size <= most and not inflate.eof:
                size += len(inflate.decompress(pending, _CHUNK))
                pending = inflate.unconsumed_tail
            if size > most or inflate.eof:
                break
    except zlib.error:
        return size or None
    return size


# ---------------------------------------------------------------- pdfminer made safe


def _resolve(self: Any, default: object = None) -> Any:
    """``PDFObjRef.resolve`` following a chain of references to its end, and raising on a cycle."""
    from pdfminer.pdftypes import PDFObjectNotFound, PDFObjRef

    seen: list[int] = []
    x = self
    while isinstance(x, PDFObjRef):
        if x.objid in seen or len(seen) >= _CHAIN:
            chain = "、".join(map(str, seen))
            raise _refuse(
                Problem(
                    "pdf-broken",
                    f"PDF 的对象 {chain} 互相引用成环（或引用链过长），文件已损坏，未能读取",
                    f"PDF objects {', '.join(map(str, seen))} refer to each other in a cycle (or a chain too long): "
                    "the file is damaged and was not read",
                    Span(),
                )
            )
        seen.append(x.objid)
        try:
            x = x.doc.getobj(x.objid)  # type: ignore[union-attr]  # a reference the parser made has its doc
        except PDFObjectNotFound:
            return default
    return x


class _Inflate:
    """A ``zlib.decompressobj`` that stops at ``pdf-stream-size``."""

    def __init__(self) -> None:
        self.inflate = zlib.decompressobj()
        self.size = 0

    def decompress(self, data: bytes) -> bytes:
        out = self.inflate.decompress(data, value("pdf-stream-size") + 1 - self.size)
        self.size += len(out)
        if self.size > value("pdf-stream-size"):
            raise _stream_too_large()
        return out


class _Zlib:
    """What pdfminer's stream decoder uses of ``zlib``: inflating stops at ``pdf-stream-size``, and a
    stream cut short gives what it holds (pdfminer's own fallback would read it a byte at a time)."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes) -> bytes:
        return _Inflate().decompress(data)


def _corrupted(data: bytes) -> bytes:
    """pdfminer's ``decompress_corrupted`` (inflate up to a bad checksum at the end), in linear time."""
    inflate, out = _Inflate(), []
    for at in range(0, len(data), 1024):
        try:
            out.append(inflate.decompress(data[at : at + 1024]))
        except zlib.error:
            if at + 1024 < len(data) - 3:
                raise
            break
    return b"".join(out)


def _lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out, size = [], 0
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        size += len(chunk)
        if size > value("pdf-stream-size"):
            raise _stream_too_large()
        out.append(chunk)
    return b"".join(out)


def _rldecode(data: bytes) -> bytes:
    out, at, most = bytearray(), 0, value("pdf-stream-size")
    while at < len(data) and data[at] != 128:
        length = data[at]
        if length < 128:
            out += data[at + 1 : at + 2 + length]
            at += length + 2
        else:
            out += data[at + 1 : at + 2] * (257 - length)
            at += 2
        if len(out) > most:
            raise _stream_too_large()
    return bytes(out)


def _stream_too_large() -> Refused:
    most = value("pdf-stream-size")
    return _refuse(
        exceeded(
            "pdf-stream-size",
            f"PDF 中有一个数据流解压后大于 {size_text(most, 'zh')}",
            f"the PDF holds a stream that inflates to more than {size_text(most, 'en')}",
            "该数据流未读取",
            "that stream was not read",
        )
    )


def prepare() -> None:
    """Import what reading a PDF needs and ``install``: done once in a process that forks a child per PDF."""
    import pdfplumber.table  # noqa: F401

    install()


@dataclass
class _Document:
    """The tokens pdfminer has parsed to read the objects of the PDF being read, and the limits reached
    while reading it (once each: pdfminer swallows some exceptions, and a limit it swallowed still left
    part of the file unread)."""

    tokens: int = 0
    reached: list[Problem] = field(default_factory=list)


_document = _Document()


def _refuse(problem: Problem) -> Refused:
    """``Refused`` for ``problem``, remembered (once) among the limits reached."""
    if problem not in _document.reached:
        _document.reached.append(problem)
    return Refused(problem)


def unreported(problems: list[Problem]) -> list[Problem]:
    """The limits reached while reading the PDF that are not among ``problems``."""
    return [p for p in _document.reached if p not in problems]


def _counting_nexttoken(nexttoken: Any) -> Any:
    from pdfminer.pdfinterp import PDFContentParser

    def counted(self: Any) -> Any:
        token = nexttoken(self)
        if not isinstance(self, PDFContentParser):  # drawing instructions count as bytes, per page
            _document.tokens += 1
            if _document.tokens > value("pdf-structure"):
                raise _refuse(
                    exceeded(
                        "pdf-structure",
                        f"读取 PDF 的对象需要解析的记号多于 {value('pdf-structure')} 个",
                        f"reading the PDF's objects takes more than {value('pdf-structure')} tokens",
                        "文件的其余部分未读取",
                        "the rest of the file was not read",
                    )
                )
        return token

    return counted


@dataclass
class _Page:
    """What pdfminer has done on the page being read: drawing instructions interpreted (a form counts
    each time it is drawn) and characters drawn."""

    number: int = 0
    content: int = 0
    chars: int = 0
    objects: int = 0  # characters, paths and images


_page = _Page()


def _counting_fillbuf(fillbuf: Any) -> Any:
    def counted(self: Any) -> bool:
        before = self.buf
        changed = fillbuf(self)
        if self.buf is not before:
            _page.content += len(self.buf)
            if _page.content > value("pdf-page-content"):
                raise _content_too_large(_page.number)
        return bool(changed)

    return counted


def _counting_drawn(draw: Any, char: bool) -> Any:
    """pdfminer's device method ``draw`` (a character when ``char``, else a path or an image), counted
    against ``pdf-page-chars`` and ``pdf-page-objects`` (each object costs pdfminer and pdfplumber about a
    millisecond)."""

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        _page.chars += char
        _page.objects += 1
        if _page.chars > value("pdf-page-chars"):
            raise _refuse(
                exceeded(
                    "pdf-page-chars",
                    f"第 {_page.number} 页的字符多于 {value('pdf-page-chars')} 个",
                    f"page {_page.number} holds more than {value('pdf-page-chars')} characters",
                    "该页未读取",
                    "the page was not read",
                    Span(page=_page.number),
                )
            )
        if _page.objects > value("pdf-page-objects"):
            raise too_many_objects(_page.number, _page.objects)
        return draw(self, *args, **kwargs)

    return counted


def install() -> None:
    """Make pdfminer follow references, decode streams and interpret pages within the limits (once per
    process)."""
    from pdfminer import converter, pdfinterp, pdftypes, psparser

    if pdftypes.PDFObjRef.resolve is _resolve:
        return
    psparser.PSBaseParser.nexttoken = _counting_nexttoken(psparser.PSBaseParser.nexttoken)  # type: ignore
    pdftypes.PDFObjRef.resolve = _resolve  # type: ignore[method-assign]
    pdftypes.zlib = _Zlib  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _corrupted
    pdftypes.lzwdecode = _lzwdecode
    pdftypes.rldecode = _rldecode
    pdfinterp.PDFContentParser.fillbuf = _counting_fillbuf(pdfinterp.PDFContentParser.fillbuf)  # type: ignore
    device = converter.PDFLayoutAnalyzer
    device.render_char = _counting_drawn(device.render_char, True)  # type: ignore[method-assign]
    device.paint_path = _counting_drawn(device.paint_path, False)  # type: ignore[method-assign]
    device.render_image = _counting_drawn(device.render_image, False)  # type: ignore[method-assign]


# ---------------------------------------------------------------- pages


@dataclass
class Opened:
    """The pages to read (at most ``pdf-pages`` + 1), how many the PDF has (None: more, unknown), and
    what opening it found."""

    pages: list[Any]
    total: int | None
    problems: list[Problem] = field(default_factory=list)


def open_pages(data: bytes, counted: int | None) -> Opened:
    """The PDF's first pages (see ``Opened``), opened by pdfminer; when pdfminer cannot open it or sees
    other pages than PDFium counted (``counted``: ``pdfium.page_count``, None when PDFium cannot open it),
    opened again with the cross-reference table rebuilt from the objects.
    Raises what pdfminer raises on a file it cannot open, and ``Refused`` for one in which it finds no
    page that PDFium sees."""
    install()
    _document.tokens, _document.reached = 0, []
    wanted = value("pdf-pages") + 1
    try:
        pages, error = _pages(data, wanted), None
    except Refused:
        raise
    except Exception as e:  # pdfminer raises many kinds on a damaged file
        pages, error = [], e
    if error is None and (counted is None or min(counted, wanted) == len(pages)):
        return Opened(pages, counted if counted is not None else len(pages) if len(pages) < wanted else None)
    if counted:
        try:
            repaired = _pages(_rebuilt(data), wanted)
        except Exception:
            repaired = []
        if len(repaired) == min(counted, wanted):
            return Opened(
                repaired,
                counted,
                [
                    Problem(
                        "pdf-repaired",
                        "PDF 的交叉引用表已损坏（对象的位置与表中不符），已按文件中的对象重建后读取；建议重新导出 PDF",
                        "the PDF's cross-reference table is damaged (objects are not where it says): "
                        "it was read by rebuilding the table from the objects; export the PDF again",
                        Span(),
                    )
                ],
            )
    if error is not None:
        raise error
    if pages:  # PDFium counts other pages: pdfminer alone reads the ones it sees
        return Opened(pages, len(pages) if len(pages) < wanted else None)
    raise Refused(
        Problem(
            "pdf-broken",
            f"PDF 的结构已损坏：其中的 {counted} 页未能读出，请修复或重新导出 PDF",
            f"the PDF's structure is damaged: its {counted} page(s) could not be read; repair or export it again",
            Span(),
        )
    )


def _rebuilt(data: bytes) -> bytes:
    """``data`` made for pdfminer to rebuild its cross-reference table from the objects: the table's
    offset after the last ``startxref`` unusable, and a trailer naming the catalog when the file has none
    (its table is a stream)."""
    tail = max(len(data) - 4096, 0)
    found = list(_STARTXREF.finditer(data, tail))
    if found:
        start, end = found[-1].span(1)
        data = data[:start] + b"x" * (end - start) + data[end:]
    if b"trailer" not in data:
        catalog = _CATALOG.search(data)
        if catalog:
            data += b"\ntrailer\n<< /Root %s 0 R >>\nstartxref\nx\n%%%%EOF\n" % catalog.group(1)
    return data


def _pages(data: bytes, most: int) -> list[Any]:
    """pdfplumber pages of ``data``, at most ``most``, made one at a time from pdfminer's page tree (which
    lists a page the tree names again once)."""
    import pdfplumber
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    pdf = pdfplumber.open(io.BytesIO(data))  # not closed: closing a PDF reads its page tree again
    pages, doctop = [], 0.0
    for number, page in enumerate(islice(PDFPage.create_pages(pdf.doc), most), 1):
        pages.append(Page(pdf, page, page_number=number, initial_doctop=doctop))
        doctop += pages[-1].height
    pdf._pages = pages  # what ``pdf.pages`` would build, without walking the rest of the tree
    return pages


def start_page(page: Any) -> None:
    """Start reading ``page``: raise ``Refused`` when its drawing instructions (content streams and the
    forms they draw) decode to more than ``pdf-page-content`` bytes, and from here on count what
    pdfminer interprets of them (a form each time it is drawn) and the characters it draws
    (``pdf-page-chars``). pdfminer keeps what it decoded for the reading; what does not decode is left
    to the readers, which report the damage."""
    from pdfminer.pdftypes import PDFStream

    _page.number, _page.content, _page.chars, _page.objects = page.page_number, 0, 0, 0
    size = 0
    try:
        for stream in drawn(page):
            if isinstance(stream, PDFStream):
                size += len(stream.get_data())
                if size > value("pdf-page-content"):
                    raise _content_too_large(page.page_number)
    except Refused:
        raise
    except Exception:  # pdfminer raises many kinds on damaged data
        return


def _content_too_large(number: int) -> Refused:
    most = value("pdf-page-content")
    return _refuse(
        exceeded(
            "pdf-page-content",
            f"第 {number} 页的绘制指令解压后大于 {size_text(most, 'zh')}",
            f"page {number}'s drawing instructions inflate to more than {size_text(most, 'en')}",
            "该页未读取",
            "the page was not read",
            Span(page=number),
        )
    )


def drawn(page: Any) -> Iterator[object]:
    """The page's content streams, then the form XObjects its resources name (each once)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    yield from (resolve1(s) for s in page.page_obj.contents)
    pending, seen = [page.page_obj.resources], set()
    while pending:
        resources = resolve1(pending.pop())
        xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
        for xobject in xobjects.values() if isinstance(xobjects, dict) else ():
            form = resolve1(xobject)
            if (
                isinstance(form, PDFStream)
                and id(form) not in seen
                and getattr(resolve1(form.get("Subtype")), "name", None) == "Form"
            ):
                seen.add(id(form))
                yield form
                pending.append(form.get("Resources"))


def too_many_objects(page: int, count: int) -> Refused:
    """``pdf-page-objects``: the page draws ``count`` (or more) objects."""
    return _refuse(
        exceeded(
            "pdf-page-objects",
            f"第 {page} 页至少有 {count} 个绘制对象",
            f"page {page} draws at least {count} objects",
            "该页未读取",
            "the page was not read",
            Span(page=page),
        )
    )
