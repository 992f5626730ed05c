"""Reading a report file: choose the parser by extension, and never raise.

``read_document(path)`` reads at most ``max_bytes`` (default ``MAX_BYTES``) of a regular file and hands
the bytes to the parser for the extension. What goes wrong (too large, not a regular file, empty or
without any text, unknown type, a .txt that is really an HTML page, a parser failing) becomes a
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

from gilint.model import Document, Problem, Span
from gilint.parsers.limits import enforce

MAX_BYTES = 20_000_000  # the default file-size cap; read_document(max_bytes=...) sets another

Parser = Callable[[bytes, str], Document]
_KINDS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
    ".htm": "html", ".shtml": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf", ".doc": "office",
    ".wps": "office", ".png": "image", ".jpg": "image", ".jpeg": "image",
}
# a comment cannot run past its "-->": no backtracking into ever longer comments (exponential time)
_HTML_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->).)*-->\s*)*<(?:!doctype\s+html|html)[\s>]",
                         re.I | re.S)


def read_document(path: str, data: bytes | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Parse the report at ``path`` (or ``data``, its bytes, when given)."""
    kind = _KINDS.get(Path(path).suffix.lower(), "unknown")
    if kind == "unknown":
        return _failed(path, kind, "unknown-type", f"不支持的文件类型“{Path(path).suffix or '（无扩展名）'}”，"
                       "可检查 .txt、.md、.html、.docx、.doc、.wps、.pdf、.png、.jpg",
                       f"unsupported file type {Path(path).suffix!r}: gilint reads .txt, .md, .html, .docx, .doc, "
                       ".wps, .pdf, .png and .jpg")
    if data is None:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or device could block or never end
                return _failed(path, kind, "unreadable", "不是普通文件（而是目录、管道或设备），未读取",
                               "not a regular file (a directory, pipe or device): not read")
            data = _read(path, max_bytes)
        except OSError as e:
            return _failed(path, kind, "unreadable", f"无法读取文件：{e.strerror or e}",
                           f"cannot read the file: {e.strerror or e}")
    if data is None or len(data) > max_bytes:
        return _failed(path, kind, "too-large", f"文件大于 {max_bytes} 字节，未读取",
                       f"the file is larger than {max_bytes} bytes: not read")
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        return _failed(path, kind, "empty", "文件是空的", "the file is empty")
    html_as_text = kind in ("text", "markdown") and _HTML_START.match(data.removeprefix(codecs.BOM_UTF8)[:4096])
    if html_as_text:
        kind = "html"
    try:
        doc = _parser(kind)(data, path)
    except Exception as e:  # a reader bug must not stop a bulk run: report it as a problem
        return _failed(path, kind, "reader-crash", f"读取器内部错误（{type(e).__name__}: {e}），文件未能读取",
                       f"internal reader error ({type(e).__name__}: {e}): the file was not read")
    if html_as_text:
        doc.problems.append(Problem(
            "html-as-text", "文件扩展名是文本，内容却是 HTML 网页，已按 HTML 读取",
            "the file has a text extension but holds an HTML page: it was read as HTML", Span()))
    enforce(doc)
    if not doc.nodes and not doc.problems and kind not in ("pdf", "image"):  # the PDF reader says why itself
        doc.problems.append(Problem("empty", "文件中没有可读取的文字", "the file holds no text to read", Span()))
    return doc


def _read(path: str, max_bytes: int) -> bytes | None:
    """The file's bytes, or None when it is larger than ``max_bytes``."""
    if os.path.getsize(path) > max_bytes:
        return None
    with open(path, "rb") as f:
        data = f.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


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
        from gilint.parsers.ocr import parse_image
        return parse_image
    from gilint.parsers.pdf import parse_pdf
    return parse_pdf


def _failed(path: str, kind: str, problem: str, zh: str, en: str) -> Document:
    return Document(path=path, kind=kind, problems=[Problem(problem, zh, en, Span())])
