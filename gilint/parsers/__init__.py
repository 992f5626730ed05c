"""Reading a report file: choose the parser by extension, and never raise.

``read_document(path)`` reads at most ``max_bytes`` (default: the ``file-size`` limit) of a regular file
and hands the bytes to the parser for the extension. The .docx and PDF readers, whose C code (zlib,
libxml2, PDFium) an alarm cannot stop, run in a child process within the ``time`` and ``memory``
limits (``gilint.sandbox``). What goes wrong (too large, not a regular file, empty or without any
text, unknown type, a .txt that is really an HTML page, a parser failing, a limit reached) becomes a
``Problem`` in the returned ``Document``, which is held to the node limits of ``limits.py`` whatever
the parser did.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from gilint import regex
from gilint.model import Document, Problem, Span
from gilint.parsers.limits import enforce, exceeded, seconds, value

if TYPE_CHECKING:
    from gilint.sandbox import Outcome

_BOUNDED = ("docx", "pdf", "image")  # read in a child process: their C code can run away

Parser = Callable[[bytes, str], Document]
_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".doc": "office",
    ".wps": "office",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
}
# a comment cannot run past its "-->": no backtracking into ever longer comments (exponential time)
_HTML_START = regex.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->).)*-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S
)


def read_document(path: str, data: bytes | None = None, max_bytes: int | None = None) -> Document:
    """Parse the report at ``path`` (or ``data``, its bytes, when given)."""
    max_bytes = value("file-size") if max_bytes is None else max_bytes
    kind = _KINDS.get(Path(path).suffix.lower(), "unknown")
    if kind == "unknown":
        return _failed(
            path,
            kind,
            "unknown-type",
            f"不支持的文件类型“{Path(path).suffix or '（无扩展名）'}”，"
            "可检查 .txt、.md、.html、.docx、.doc、.wps、.pdf、.png、.jpg",
            f"unsupported file type {Path(path).suffix!r}: gilint reads .txt, .md, .html, .docx, .doc, "
            ".wps, .pdf, .png and .jpg",
        )
    if data is None:
        try:
            data = read_bytes(path, max_bytes)
        except NotRegularFile:
            return _failed(
                path,
                kind,
                "unreadable",
                "不是普通文件（而是目录、管道或设备），未读取",
                "not a regular file (a directory, pipe or device): not read",
            )
        except OSError as e:
            return _failed(
                path, kind, "unreadable", f"无法读取文件：{e.strerror or e}", f"cannot read the file: {e.strerror or e}"
            )
    if data is None or len(data) > max_bytes:
        return Document(
            path=path,
            kind=kind,
            problems=[
                exceeded(
                    "file-size",
                    f"文件大于 {max_bytes} 字节",
                    f"the file is larger than {max_bytes} bytes",
                    "文件未读取",
                    "the file was not read",
                )
            ],
        )
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        return _failed(path, kind, "empty", "文件是空的", "the file is empty")
    html_as_text = kind in ("text", "markdown") and _HTML_START.match(data.removeprefix(codecs.BOM_UTF8)[:4096])
    if html_as_text:
        kind = "html"
    try:
        doc = _bounded(kind, data, path) if kind in _BOUNDED else _parser(kind)(data, path)
    except MemoryError:
        return _over_memory(path, kind)
    except Exception as e:  # a reader bug must not stop a bulk run: report it as a problem
        return _crashed(path, kind, f"{type(e).__name__}: {e}")
    if html_as_text:
        doc.problems.append(
            Problem(
                "html-as-text",
                "文件扩展名是文本，内容却是 HTML 网页，已按 HTML 读取",
                "the file has a text extension but holds an HTML page: it was read as HTML",
                Span(),
            )
        )
    enforce(doc)
    if not doc.nodes and not doc.problems and kind not in ("pdf", "image"):  # the PDF reader says why itself
        doc.problems.append(Problem("empty", "文件中没有可读取的文字", "the file holds no text to read", Span()))
    return doc


class NotRegularFile(OSError):
    """A folder, pipe, socket or device: reading it could block or never end."""


def read_bytes(path: str, most: int) -> bytes | None:
    """The bytes of the regular file at ``path``, read once; None when it holds more than ``most``.
    Raises ``NotRegularFile`` for anything else (opened without blocking, and never read) and OSError
    when it cannot be read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(path)
        if st.st_size > most:
            return None
        chunks, size = [], 0
        while size <= most and (chunk := os.read(fd, min(most + 1 - size, 1 << 20))):
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    return None if size > most else b"".join(chunks)


def _bounded(kind: str, data: bytes, path: str) -> Document:
    """The reader for ``kind`` run in a child process within the ``time`` and ``memory`` limits. A PDF
    is read without OCR first; its scanned pages, if any, are then read with OCR in a second child whose
    budget is ``ocr-page-time`` seconds a page more and ``ocr-memory`` (a recogniser needs more than a
    text reader, and a crafted file gets no more than its scanned pages' worth); a page image has that
    budget for its one page."""
    from gilint import sandbox  # only for the files that need it: `gilint check` on text starts without it

    parser = _parser(kind)
    if kind == "image":  # one page for OCR
        budget = seconds() + value("ocr-page-time")
        return _outcome(
            sandbox.bounded(parser, data, path, seconds=budget, memory=value("ocr-memory") << 20),
            path,
            kind,
            budget,
            "ocr-page-time",
            "ocr-memory",
        )
    if kind != "pdf":
        return _outcome(
            sandbox.bounded(parser, data, path, seconds=seconds(), memory=value("memory") << 20),
            path,
            kind,
            seconds(),
            "time",
            "memory",
        )
    if not sandbox.available():
        return parser(data, path)
    from gilint.parsers import pdfguard, pdfium

    pdfguard.prepare()  # imported once here, not again in every child
    pdfium.library()  # PDFium's binding loaded and the library initialised once here, too
    first = _outcome(
        sandbox.bounded(parser, data, path, False, seconds=seconds(), memory=value("memory") << 20),
        path,
        kind,
        seconds(),
        "time",
        "memory",
    )
    scanned = first.meta.pop("scanned-pages", "")
    if not scanned:
        return first
    pages = min(len(scanned.split(",")), value("ocr-pages"))
    budget = seconds() + pages * value("ocr-page-time")
    second = _outcome(
        sandbox.bounded(parser, data, path, True, seconds=budget, memory=value("ocr-memory") << 20),
        path,
        kind,
        budget,
        "ocr-page-time",
        "ocr-memory",
        _NOT_RECOGNISED,
    )
    if second.nodes or not first.nodes:
        return second
    first.problems += second.problems  # OCR ran out of its budget: the text pages are still read
    return first


_NOT_READ = ("已中止，文件未读取", "it was stopped: the file was not read")
_NOT_RECOGNISED = ("已中止，扫描页未识别", "it was stopped: the scanned pages were not recognised")


def _outcome(
    outcome: Outcome,
    path: str,
    kind: str,
    budget: float,
    time_limit: str,
    memory_limit: str,
    left: tuple[str, str] = _NOT_READ,
) -> Document:
    """The Document a bounded reader returned within ``budget`` seconds, or one whose problem says why
    there is none (``left``: what that leaves out)."""
    if outcome.failure is None:
        return outcome.value  # type: ignore[no-any-return]
    if outcome.failure == "timeout":
        return Document(
            path=path,
            kind=kind,
            problems=[
                exceeded(
                    time_limit,
                    f"读取这个文件超过了 {budget:g} 秒",
                    f"reading the file took more than {budget:g} s",
                    *left,
                )
            ],
        )
    if outcome.failure == "memory":
        return _over_memory(path, kind, memory_limit, left)
    if outcome.failure == "crashed":
        return _failed(
            path,
            kind,
            "reader-crash",
            f"读取器进程意外退出（{outcome.detail}），文件未能读取",
            f"the reader process died ({outcome.detail}): the file was not read",
        )
    return _crashed(path, kind, outcome.detail)


def _over_memory(path: str, kind: str, limit: str = "memory", left: tuple[str, str] = _NOT_READ) -> Document:
    return Document(
        path=path,
        kind=kind,
        problems=[
            exceeded(
                limit,
                f"读取这个文件需要超过 {value(limit)} MiB 内存",
                f"reading the file needs more than {value(limit)} MiB of memory",
                *left,
            )
        ],
    )


def _crashed(path: str, kind: str, error: str) -> Document:
    return _failed(
        path,
        kind,
        "reader-crash",
        f"读取器内部错误（{error}），文件未能读取",
        f"internal reader error ({error}): the file was not read",
    )


def _parser(kind: str) -> Parser:
    if kind == "text":
        from gilint.parsers.text import parse_text

        return parse_text
    if kind == "markdown":
        from gilint.parsers.markdown import parse_markdown

        return parse_markdown
    if kind == "html":
        from gilint.parsers.html import parse_html

        return parse_html
    if kind == "docx":
        from gilint.parsers.docx import parse_docx

        return parse_docx
    if kind == "office":
        from gilint.parsers.office import parse_office

        return parse_office
    if kind == "image":
        from gilint.parsers.image import parse_image

        return parse_image
    from gilint.parsers.pdf import parse_pdf

    return parse_pdf


def _failed(path: str, kind: str, problem: str, zh: str, en: str) -> Document:
    return Document(path=path, kind=kind, problems=[Problem(problem, zh, en, Span())])
