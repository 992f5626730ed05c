"""How much one file may cost to read, and what a reader does at a limit: bounded work whatever it holds.

Every limit has a name, a default and a unit (``LIMITS``); ``value(name)`` is its value in this process,
``configure({"pdf-pages": 500})`` (``gilint check/audit --limit pdf-pages=500``) raises or lowers it, and
``exceeded(name, ...)`` is the ``Problem`` a reader records when the file is over it: which limit, what
was left out, and how to raise it. The engine reports these as GI004 (``LIMIT_KINDS``).

A reader stops adding nodes at ``nodes`` (and going through markup at ``html-elements``) and cuts a
node's text at ``node-chars``; each limit reached is recorded once ("too-many-nodes",
"line-too-long"), so the part left out is never lost silently. ``enforce`` applies both to a
finished ``Document`` (a safety net for any reader that does not stop early itself).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from gilint.model import Document, Problem, Span


class Limit(NamedTuple):  # a NamedTuple: cheaper to define than a dataclass, and this module is read at start-up
    name: str
    default: int
    kind: str  # the kind of the Problem recorded at this limit
    unit_zh: str
    unit_en: str
    what_zh: str  # what is counted
    what_en: str
    option: str | None = None  # the command-line option that sets it, when not ``--limit NAME=N``

    def how(self, lang: str) -> str:
        """How to raise it: "--limit pdf-pages=N", or its own option."""
        option = f"{self.option} N" if self.option else f"--limit {self.name}=N"
        return f"可用 {option} 调高" if lang == "zh" else f"raise it with {option}"


_BYTES = ("字节", "bytes")
LIMITS: dict[str, Limit] = {
    limit.name: limit
    for limit in (
        Limit("file-size", 20_000_000, "too-large", *_BYTES, "文件大小", "the file size"),
        Limit("time", 60, "limit-time", "秒", "s", "读取一个文件的时间", "the time to read one file", "--timeout"),
        Limit(
            "memory",
            1024,
            "limit-memory",
            "MiB",
            "MiB",
            "读取一个文件的内存",
            "the memory to read one file",
            "--max-memory",
        ),
        Limit(
            "nodes",
            200_000,
            "too-many-nodes",
            "个",
            "",
            "段落、单元格和标记元素的数量",
            "the number of paragraphs, cells and markup elements",
        ),
        Limit(
            "node-chars",
            200_000,
            "line-too-long",
            "个字符",
            "characters",
            "一行（一段、一个单元格）的长度",
            "the length of one line, paragraph or cell",
        ),
        Limit(
            "html-elements",
            300_000,
            "too-many-nodes",
            "个",
            "",
            "HTML 元素和注释的数量",
            "the number of HTML elements and comments",
        ),
        Limit(
            "html-attributes",
            1_000,
            "limit-html-attributes",
            "个",
            "",
            "一个 HTML 元素的属性数量",
            "the number of attributes of one HTML element",
        ),
        Limit(
            "html-comments", 10_000, "limit-html-comments", "个", "", "HTML 注释的数量", "the number of HTML comments"
        ),
        Limit(
            "docx-members",
            2_000,
            "docx-limits",
            "个",
            "",
            ".docx 压缩包中的文件数量",
            "the number of files in the .docx archive",
        ),
        Limit(
            "docx-size",
            50_000_000,
            "docx-limits",
            *_BYTES,
            "word/document.xml 解压后的大小",
            "the uncompressed size of word/document.xml",
        ),
        Limit(
            "docx-ratio",
            200,
            "docx-limits",
            "倍",
            "times",
            "word/document.xml 的压缩比",
            "the compression ratio of word/document.xml",
        ),
        Limit("pdf-pages", 200, "pdf-too-many-pages", "页", "pages", "PDF 的页数", "the number of PDF pages"),
        Limit("pdf-objects", 200_000, "limit-pdf-objects", "个", "", "PDF 对象的数量", "the number of PDF objects"),
        Limit(
            "pdf-object-size",
            256 << 10,
            "limit-pdf-object-size",
            *_BYTES,
            "一个 PDF 对象（或对象流）的大小",
            "the size of one PDF object (or object stream)",
        ),
        Limit(
            "pdf-structure",
            100_000,
            "limit-pdf-structure",
            "个",
            "",
            "读取 PDF 对象时解析的记号（数字、名称、括号等）数量",
            "the number of tokens (numbers, names, brackets) parsed to read the PDF's objects",
        ),
        Limit(
            "pdf-stream-size",
            64 << 20,
            "limit-pdf-stream-size",
            *_BYTES,
            "一个 PDF 数据流解压后的大小",
            "the decompressed size of one PDF stream",
        ),
        Limit(
            "pdf-page-content",
            256 << 10,
            "limit-pdf-page-content",
            *_BYTES,
            "一页 PDF 绘制指令解压后的大小",
            "the decompressed size of one PDF page's drawing instructions",
        ),
        Limit(
            "pdf-page-objects",
            10_000,
            "limit-pdf-page-objects",
            "个",
            "",
            "一页 PDF 上的绘制对象数量",
            "the number of drawing objects on one PDF page",
        ),
        Limit(
            "pdf-page-chars",
            10_000,
            "pdf-page-too-dense",
            "个",
            "",
            "一页 PDF 上的字符数量",
            "the number of characters on one PDF page",
        ),
        Limit(
            "ocr-pages",
            60,
            "ocr-too-many-pages",
            "页",
            "pages",
            "OCR 识别的扫描页数",
            "the number of scanned pages OCR reads",
        ),
        Limit(
            "ocr-page-time",
            120,
            "limit-time",
            "秒",
            "s",
            "OCR 识别一页扫描页的时间（另计）",
            "the time OCR may take for one scanned page (on top of the file's)",
        ),
        Limit(
            "ocr-pixels",
            40_000_000,
            "limit-ocr-pixels",
            "像素",
            "pixels",
            "OCR 识别的一页图像的像素数",
            "the pixels of one page image OCR reads",
        ),
        Limit("ocr-memory", 4096, "limit-memory", "MiB", "MiB", "OCR 识别扫描件的内存", "the memory to OCR a scan"),
        Limit(
            "pdf-page-crossings",
            2_000,
            "pdf-page-too-dense",
            "处",
            "",
            "一页 PDF 上表格线的交叉数量",
            "the number of crossings of table rules on one PDF page",
        ),
    )
}
LIMIT_KINDS = frozenset(limit.kind for limit in LIMITS.values())
_values: dict[str, float] = {name: limit.default for name, limit in LIMITS.items()}  # in this process
_SETTING = r"(?i)([a-z-]+)=(\d+(?:\.\d+)?)([kmg]?)"  # compiled when a --limit is given
_SCALE = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}

# the node limits' defaults under their old names (readers of other packs may use them)
MAX_NODES = LIMITS["nodes"].default
MAX_NODE_CHARS = LIMITS["node-chars"].default
MAX_ELEMENTS = LIMITS["html-elements"].default


class LimitError(ValueError):
    """A ``--limit`` setting that names no limit or is not a positive number."""


def value(name: str) -> int:
    """The limit ``name`` in this process (its default unless ``configure`` set it)."""
    return int(_values[name])


def seconds() -> float:
    """The ``time`` limit, which may be a fraction of a second."""
    return _values["time"]


def configure(values: Mapping[str, float]) -> None:
    """Set limits for this process (and the processes it forks); the others keep their defaults."""
    for name, number in values.items():
        if name not in LIMITS:
            raise LimitError(f"no limit {name!r} (limits: {', '.join(LIMITS)})")
        if not number > 0 or (name != "time" and number < 1):
            raise LimitError(f"limit {name} must be at least 1, not {number:g}")
    _values.update({name: limit.default for name, limit in LIMITS.items()}, **values)


def current() -> dict[str, float]:
    """Every limit's value in this process (what a cache key must include)."""
    return dict(_values)


def parse_setting(text: str) -> tuple[str, float]:
    """``"pdf-pages=500"`` -> ("pdf-pages", 500); ``k``/``m``/``g`` multiply by 2**10, 2**20, 2**30."""
    m = re.fullmatch(_SETTING, text.strip())
    if m is None:
        raise LimitError(f"{text!r} is not NAME=NUMBER (e.g. pdf-pages=500; limits: {', '.join(LIMITS)})")
    name, number = m.group(1).lower(), float(m.group(2)) * _SCALE[m.group(3).lower()]
    if name not in LIMITS:
        raise LimitError(f"no limit {name!r} (limits: {', '.join(LIMITS)})")
    return name, number if name == "time" else int(number)


def exceeded(name: str, found_zh: str, found_en: str, left_zh: str, left_en: str, span: Span | None = None) -> Problem:
    """The problem of a file over limit ``name``: what was found ("PDF 有 250 页" / "the PDF has 250 pages"),
    what was left out ("第 201 页起未读取" / "pages from 201 on were not read"), the limit, how to raise it."""
    limit = LIMITS[name]
    return Problem(
        limit.kind,
        f"{found_zh}，超出安全上限（{limit.what_zh} {_amount(limit, 'zh')}），{left_zh}；"
        f"如确属正常文件，{limit.how('zh')}",
        f"{found_en}, over the safety limit ({limit.what_en}: {_amount(limit, 'en')}): {left_en}; "
        f"if the file is sound, {limit.how('en')}",
        span or Span(),
    )


def _amount(limit: Limit, lang: str) -> str:
    if limit.name == "time":
        return f"{seconds():g} {limit.unit_zh if lang == 'zh' else limit.unit_en}"
    number = value(limit.name)
    if limit.unit_en == "bytes":
        return size_text(number, lang)
    return f"{number} {limit.unit_zh if lang == 'zh' else limit.unit_en}".strip()


def size_text(number: int, lang: str) -> str:
    """A number of bytes as people read it: "64 MiB", "1 KiB", else "1234 字节" / "1234 bytes"."""
    for shift, unit in ((30, "GiB"), (20, "MiB"), (10, "KiB")):
        if number >= 1 << shift and number % (1 << shift) == 0:
            return f"{number >> shift} {unit}"
    return f"{number} {'字节' if lang == 'zh' else 'bytes'}"


def full(doc: Document, span: Span) -> bool:
    """True when ``doc`` holds ``nodes`` nodes (recording, once, that reading stopped at ``span``)."""
    return len(doc.nodes) >= value("nodes") and stop(doc, span)


def stop(doc: Document, span: Span, limit: str = "nodes") -> bool:
    """Record, once, that reading stopped at ``span`` because the document has too many nodes (or
    markup elements: ``limit``); True."""
    if not any(p.kind == "too-many-nodes" for p in doc.problems):
        doc.problems.append(
            exceeded(
                limit,
                "文件的段落、表格单元格或标记元素过多",
                "the file holds too many paragraphs, table cells or markup elements",
                "从此处起未被读取",
                "the rest from here on was not read",
                span,
            )
        )
    return True


def clip(doc: Document, text: str, span: Span) -> str:
    """``text`` cut to ``node-chars`` (recording, once, the first place where it had to be cut)."""
    most = value("node-chars")
    if len(text) <= most:
        return text
    if not any(p.kind == "line-too-long" for p in doc.problems):
        doc.problems.append(
            exceeded(
                "node-chars",
                f"有一行（或一段、一个单元格）长 {len(text)} 个字符",
                f"a line (or paragraph, or cell) is {len(text)} characters long",
                "超出部分未被读取",
                "the rest of it was not read",
                span,
            )
        )
    return text[:most]


def enforce(doc: Document) -> None:
    """Hold a finished ``doc`` to both limits."""
    most = value("nodes")
    if len(doc.nodes) > most:
        at = doc.nodes[most].span
        del doc.nodes[most:]
        stop(doc, at)
    longest = value("node-chars")
    for node in doc.nodes:
        if len(node.text) > longest:
            node.text = clip(doc, node.text, node.span)
