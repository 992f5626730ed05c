"""Word .docx (as Word and WPS write it): the body's paragraphs and table cells in reading order.

The package's main document (found through ``_rels/.rels``, else ``word/document.xml``) is read with
its numbering, styles and comments parts, within limits (members, size, compression ratio) checked
before and while decompressing, and parsed with entity expansion, DTD loading, network access and
``huge_tree`` off; reading stops at the node limits of ``limits.py``.

The text is read as it would be published, with every tracked change accepted:

- A paragraph is a text node: its runs' ``w:t`` joined, ``w:tab``/``w:br`` as spaces; inserted and
  moved-to text in, deleted and moved-away text out; a deleted paragraph mark joins the paragraph to
  the next; hidden text (``w:vanish``) out; field codes (``w:instrText``) out and field results in
  (``w:fldSimple`` and complex fields alike), except a table of contents, which repeats the
  headings; content controls (``w:sdt``), hyperlinks and smart tags looked through; of
  ``mc:AlternateContent`` only the first choice.
- **Automatic numbering** is rendered: a paragraph with ``w:numPr`` (directly or through its style)
  starts with the number the page shows, counted through ``numbering.xml`` per list and level
  (start values and overrides, restarts, ``%1.%2`` level texts, 一/（一）/1./①/甲 formats), so a
  heading typed "总体情况" in an automatically numbered list reads "一、总体情况".
- **Text boxes** (DrawingML ``wps:txbx`` and VML ``v:textbox``, as WPS writes them) are read as the
  paragraphs and tables they hold, right after the paragraph they are anchored in.
- A table's cells are cell nodes, each original cell once in row-major order: ``w:gridSpan``
  widens a cell, a ``w:vMerge`` continuation is not a cell of its own, ``w:gridBefore`` shifts a row,
  a deleted row is left out. ``table``/``row``/``col`` are 0-based; ``col`` counts grid columns. A
  table holding tables, a cell of more than 200 characters, or a single cell is a layout container:
  its paragraphs read as text.

What does not change the published text but shows the file is not final is recorded as a ``Mark``
in ``Document.marks``: tracked changes (insertion, deletion, move, format change), comments
(``comments.xml``), hidden text, highlighted, shaded and coloured runs, content controls still
showing their placeholder. ``Document.meta["application"]`` names the program that saved the file
(``docProps/app.xml``), e.g. "WPS Office".

Spans: ``line`` is the node's 1-based index (``lines[i]`` is node i's text) and ``logical`` names
it, "段落 N" (N counts every body paragraph, empty ones too) or "表格 T 行 R 列 C" (1-based).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from gilint.model import Document, Mark, Node, Problem, Span
from gilint.numbers import CN_DIGITS, to_chinese
from gilint.parsers.limits import clip, exceeded, stop, value

_MEMBER = "word/document.xml"
_CHUNK = 1 << 20
_LONG_CELL = 200
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OFF = frozenset({"0", "false", "off", "none"})


class _Refused(Exception):
    def __init__(self, kind: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.problem = Problem(kind, zh, en, Span())


def parse_docx(data: bytes, path: str) -> Document:
    doc = Document(path=path, kind="docx")
    try:
        package = _Package(data)
        with package:
            root = _parse(package.main())
            parts = {name: package.part(name) for name in ("numbering", "styles", "comments")}
            app = package.member("docProps/app.xml")
    except _Refused as refused:
        doc.problems.append(refused.problem)
        return doc
    if root.getroottree().docinfo.doctype:
        doc.problems.append(
            Problem(
                "docx-dtd",
                "document.xml 含有 DTD 声明（正常的 Word 文件没有），其中的实体未被展开",
                "document.xml declares a DTD (Word never writes one); its entities were not expanded",
                Span(),
            )
        )
    ns, _, local = root.tag.rpartition("}")
    body = root.find(f"{ns}}}body")
    if not ns or local != "document" or body is None:
        doc.problems.append(
            Problem(
                "not-docx",
                "word/document.xml 不是 Word 文档正文（缺少命名空间中的 document/body 元素）",
                "word/document.xml is not a Word document body (no namespaced document/body element)",
                Span(),
            )
        )
        return doc
    w = f"{ns}}}"
    if application := _application(app):
        doc.meta["application"] = application
    styles = _Styles(_optional(parts["styles"]), w)
    numbering = _Numbering(_optional(parts["numbering"]), styles, w)
    reader = _Reader(w, doc, numbering.labels(body), _toc_paragraphs(body, w))
    reader.blocks(body)
    reader.comments(_optional(parts["comments"]))
    doc.lines = [n.text for n in doc.nodes]
    return doc


def text_reader(data: bytes, root: etree._Element, path: str) -> _Reader:
    """A reader of paragraph and cell texts exactly as ``parse_docx`` reads them (Word's numbering labels
    included), for the fixer to find the paragraph a node was read from."""
    w = root.tag.rpartition("}")[0] + "}"
    body = root.find(f"{w}body")
    package = _Package(data)
    with package:
        parts = {name: package.part(name) for name in ("numbering", "styles")}
    styles = _Styles(_optional(parts["styles"]), w)
    numbering = _Numbering(_optional(parts["numbering"]), styles, w)
    labels = numbering.labels(body) if body is not None else {}
    return _Reader(w, Document(path, "docx"), labels, _toc_paragraphs(body, w) if body is not None else set())


# ---------------------------------------------------------------- the package


def _not_docx(data: bytes) -> _Refused:
    if data.startswith(_OLE):
        return _Refused(
            "not-docx",
            "文件是旧版 Word（.doc）格式而不是 .docx，请另存为 .docx 后再检查",
            "the file is an old Word .doc, not a .docx: save it as .docx and check again",
        )
    return _Refused(
        "not-docx",
        "文件不是有效的 .docx（不是 zip 压缩包，或缺少 word/document.xml）",
        "not a valid .docx (not a zip archive, or word/document.xml is missing)",
    )


def _limits(name: str, zh: str, en: str) -> _Refused:
    refused = _Refused("docx-limits", zh, en)
    refused.problem = exceeded(name, zh, en, "文件未读取", "the file was not read")
    return refused


class _Package:
    """The zip archive, its members read within the limits."""

    def __init__(self, data: bytes) -> None:
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except Exception:  # zipfile raises many kinds on a damaged archive: all mean the same here
            raise _not_docx(data) from None
        self.data = data
        members = self.archive.infolist()
        if len(members) > value("docx-members"):
            self.archive.close()
            raise _limits(
                "docx-members", f".docx 压缩包含 {len(members)} 个文件", f"the .docx archive holds {len(members)} files"
            )
        self.members = {m.filename: m for m in members}
        self.main_name = _MEMBER

    def __enter__(self) -> _Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.archive.close()

    def main(self) -> bytes:
        """The main document part: the package relationship's target, else word/document.xml."""
        target = self.target("_rels/.rels", "", "/officeDocument")
        if target in self.members:
            self.main_name = target
        xml = self.member(self.main_name)
        if xml is None:
            raise _not_docx(self.data)
        return xml

    def part(self, kind: str) -> bytes | None:
        """A part of the main document by its relationship type ("numbering", "styles", "comments")."""
        folder, name = posixpath.split(self.main_name)
        target = self.target(posixpath.join(folder, "_rels", name + ".rels"), folder, "/" + kind)
        return self.member(target or posixpath.join(folder, kind + ".xml"))

    def target(self, rels: str, folder: str, type_end: str) -> str | None:
        xml = self.member(rels)
        root = _optional(xml)
        for rel in () if root is None else root.iter(f"{_REL}Relationship"):
            if rel.get("Type", "").endswith(type_end) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                return posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(folder, target))
        return None

    def member(self, name: str) -> bytes | None:
        info = self.members.get(name)
        if info is None:
            return None
        _check_size(name, info.file_size, info.compress_size)
        try:
            return _read_capped(self.archive, info)
        except _Refused:
            raise
        except Exception as e:  # bad CRC, bad deflate data, encryption, an unknown method...
            raise _Refused("not-docx", f"{name} 无法解压：{e}", f"{name} cannot be decompressed: {e}") from None


def _check_size(name: str, size: int, compressed: int) -> None:
    if size > value("docx-size"):
        raise _limits("docx-size", f"{name} 解压后至少 {size} 字节", f"{name} is at least {size} bytes uncompressed")
    if size > value("docx-ratio") * max(compressed, 1):
        raise _limits(
            "docx-ratio",
            f"{name} 的压缩比至少 {size // max(compressed, 1)} 倍（疑似压缩炸弹）",
            f"{name} is compressed at least {size // max(compressed, 1)} times (a zip bomb?)",
        )


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Decompress in chunks, stopping as soon as the output breaks a limit whatever the header says."""
    out = bytearray()
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            out += chunk
            _check_size(info.filename, len(out), info.compress_size)
    return bytes(out)


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _parse(xml: bytes) -> etree._Element:
    try:
        return etree.fromstring(xml, _xml_parser())
    except etree.XMLSyntaxError as e:
        raise _Refused(
            "docx-xml", f"word/document.xml 不是格式正确的 XML：{e}", f"word/document.xml is not well-formed XML: {e}"
        ) from None


def _optional(xml: bytes | None) -> etree._Element | None:
    """A part that helps the reading (numbering, styles, comments): None when absent or damaged."""
    if not xml:
        return None
    try:
        return etree.fromstring(xml, _xml_parser())
    except etree.XMLSyntaxError:
        return None


def _application(xml: bytes | None) -> str | None:
    root = _optional(xml)
    found = None if root is None else next((e.text for e in root.iter() if str(e.tag).endswith("}Application")), None)
    return found.strip()[:80] if found and found.strip() else None


def _on(el: etree._Element | None, w: str) -> bool:
    """A toggle property (``w:vanish``, ``w:isLgl``) that is present and not switched off."""
    return el is not None and el.get(f"{w}val", "true").lower() not in _OFF


def _int(el: etree._Element | None, w: str, default: int = 0) -> int:
    if el is None:
        return default
    try:
        return int(el.get(f"{w}val", str(default)))
    except ValueError:
        return default


# ---------------------------------------------------------------- styles and numbering


class _Styles:
    """Paragraph styles: the numbering each one gives (through ``w:basedOn``) and the default style."""

    def __init__(self, root: etree._Element | None, w: str) -> None:
        self.w = w
        self.styles: dict[str, etree._Element] = {}
        self.default: str | None = None
        for style in () if root is None else root.iter(f"{w}style"):
            if style.get(f"{w}type", "paragraph") == "paragraph" and style.get(f"{w}styleId"):
                self.styles[style.get(f"{w}styleId", "")] = style
                if style.get(f"{w}default") in ("1", "true", "on"):
                    self.default = style.get(f"{w}styleId")

    def num_pr(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style gives, following ``w:basedOn`` (at most 20 deep)."""
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            style = self.styles[style_id]
            pr = style.find(f"{self.w}pPr/{self.w}numPr")
            if pr is not None:
                if num_id is None and pr.find(f"{self.w}numId") is not None:
                    num_id = pr.find(f"{self.w}numId").get(f"{self.w}val")  # type: ignore[union-attr]
                if ilvl is None and pr.find(f"{self.w}ilvl") is not None:
                    ilvl = _int(pr.find(f"{self.w}ilvl"), self.w)
            based = style.find(f"{self.w}basedOn")
            style_id = None if based is None else based.get(f"{self.w}val")
        return num_id, ilvl


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; None: after any higher
    legal: bool = False
    suffix: str = " "


@dataclass(slots=True)
class _List:
    """One numbering instance (``w:num``): its abstract definition's levels with the overrides."""

    abstract: str
    levels: dict[int, _Level] = field(default_factory=dict)
    restarts: dict[int, int] = field(default_factory=dict)  # level -> w:startOverride


_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for worth, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= worth:
            out, n = out + letters, n - worth
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _format(n: int, fmt: str) -> str:
    """The number n as numbering format ``fmt`` (ST_NumberFormat) shows it."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "koreanCounting",
        "japaneseDigitalTenThousand",
    ):
        return to_chinese(n)
    if fmt == "chineseLegalSimplified":
        return to_chinese(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "koreanDigital"):
        return "".join(CN_DIGITS[int(d)] for d in str(n))
    table = {
        "ideographTraditional": _TIANGAN,
        "ideographZodiac": _DIZHI,
        "decimalEnclosedCircle": _CIRCLED,
        "decimalEnclosedCircleChinese": _CIRCLED,
        "ideographEnclosedCircle": _CIRCLED,
        "decimalEnclosedParen": _PAREN,
        "decimalEnclosedFullstop": _FULLSTOP,
    }.get(fmt)
    if table is not None:
        return table[n - 1] if 0 < n <= len(table) else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n) if fmt == "lowerLetter" else _letters(n).upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).lower() if fmt == "lowerRoman" else _roman(n)
    return "" if fmt == "none" else str(n)


_PLACE = re.compile(r"%([1-9])")


class _Numbering:
    """Word's automatic numbering: the label each numbered paragraph shows, counted in document order."""

    def __init__(self, root: etree._Element | None, styles: _Styles, w: str) -> None:
        self.w = w
        self.styles = styles
        self.lists: dict[str, _List] = {}
        abstracts: dict[str, etree._Element] = {}
        if root is None:
            return
        for el in root.iter(f"{w}abstractNum"):
            abstracts[el.get(f"{w}abstractNumId", "")] = el
        for num in root.iter(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            abstract_id = "" if ref is None else ref.get(f"{w}val", "")
            abstract = abstracts.get(abstract_id)
            if abstract is None:
                continue
            link = abstract.find(f"{w}numStyleLink")  # the levels live in the list the style numbers with
            if link is not None:
                linked = self.abstract_of(root, styles.num_pr(link.get(f"{w}val"))[0], abstracts)
                if linked is not None:
                    abstract_id, abstract = linked
            one = _List(abstract_id, {_int_attr(lvl, f"{w}ilvl"): self.level(lvl) for lvl in abstract.iter(f"{w}lvl")})
            for override in num.iter(f"{w}lvlOverride"):
                ilvl = _int_attr(override, f"{w}ilvl")
                lvl = override.find(f"{w}lvl")
                if lvl is not None:
                    one.levels[ilvl] = self.level(lvl)
                start = override.find(f"{w}startOverride")
                if start is not None:
                    one.restarts[ilvl] = _int(start, w, 1)
            self.lists[num.get(f"{w}numId", "")] = one

    def abstract_of(
        self, root: etree._Element, num_id: str | None, abstracts: dict[str, etree._Element]
    ) -> tuple[str, etree._Element] | None:
        for num in root.iter(f"{self.w}num"):
            if num.get(f"{self.w}numId") == num_id:
                ref = num.find(f"{self.w}abstractNumId")
                abstract_id = "" if ref is None else ref.get(f"{self.w}val", "")
                if abstract_id in abstracts and abstracts[abstract_id].find(f"{self.w}numStyleLink") is None:
                    return abstract_id, abstracts[abstract_id]
        return None

    def level(self, lvl: etree._Element) -> _Level:
        w = self.w
        text = lvl.find(f"{w}lvlText")
        restart = lvl.find(f"{w}lvlRestart")
        suffix = lvl.find(f"{w}suff")
        return _Level(
            start=_int(lvl.find(f"{w}start"), w, 1),
            fmt=(
                lvl.find(f"{w}numFmt").get(f"{w}val", "decimal")  # type: ignore[union-attr]
                if lvl.find(f"{w}numFmt") is not None
                else "decimal"
            ),
            text="" if text is None else text.get(f"{w}val", ""),
            restart=None if restart is None else _int(restart, w),
            legal=_on(lvl.find(f"{w}isLgl"), w),
            suffix="" if suffix is not None and suffix.get(f"{w}val") == "nothing" else " ",
        )

    def labels(self, body: etree._Element) -> dict[etree._Element, str]:
        """The label (with its separator) of every numbered paragraph under ``body``."""
        out: dict[etree._Element, str] = {}
        if not self.lists:
            return out
        w = self.w
        counters: dict[str, list[int | None]] = {}
        started: set[str] = set()
        for p in body.iter(f"{w}p"):
            num_id, ilvl = self.num_pr(p)
            one = self.lists.get(num_id or "")
            if one is None or ilvl not in one.levels or _skipped(p, w):
                continue
            count = counters.setdefault(one.abstract, [None] * 9)
            if num_id not in started:  # a list instance with overrides starts again
                started.add(num_id)  # type: ignore[arg-type]
                for lvl, value in one.restarts.items():
                    if 0 <= lvl < 9:
                        count[lvl] = value - 1
            level = one.levels[ilvl]
            count[ilvl] = level.start if count[ilvl] is None else count[ilvl] + 1  # type: ignore[operator]
            for deeper in range(ilvl + 1, 9):
                restart = one.levels.get(deeper, _Level()).restart
                if restart is None or (restart and ilvl < restart):
                    count[deeper] = None
            label = self.render(one, level, count)
            if label:
                out[p] = label + level.suffix
        return out

    def num_pr(self, p: etree._Element) -> tuple[str | None, int]:
        w = self.w
        ppr = p.find(f"{w}pPr")
        style = None if ppr is None else ppr.find(f"{w}pStyle")
        num_id, ilvl = self.styles.num_pr(self.styles.default if style is None else style.get(f"{w}val"))
        pr = None if ppr is None else ppr.find(f"{w}numPr")
        if pr is not None:
            if pr.find(f"{w}numId") is not None:
                num_id = pr.find(f"{w}numId").get(f"{w}val")  # type: ignore[union-attr]
            if pr.find(f"{w}ilvl") is not None:
                ilvl = _int(pr.find(f"{w}ilvl"), w)
        return (None if num_id in (None, "0") else num_id), (ilvl or 0)

    def render(self, one: _List, level: _Level, count: list[int | None]) -> str:
        if level.fmt == "bullet":
            return ""

        def place(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            lvl = one.levels.get(i, _Level())
            n = count[i] if count[i] is not None else lvl.start
            return _format(n, "decimal" if level.legal and lvl.fmt != "none" else lvl.fmt)  # type: ignore[arg-type]

        return _PLACE.sub(place, level.text).strip()


def _int_attr(el: etree._Element, name: str) -> int:
    try:
        return int(el.get(name, "0"))
    except ValueError:
        return 0


def _skipped(p: etree._Element, w: str) -> bool:
    """A paragraph whose number is not on the published page: its mark hidden or deleted, or in a fallback."""
    mark = p.find(f"{w}pPr/{w}rPr")
    if mark is not None and (_on(mark.find(f"{w}vanish"), w) or mark.find(f"{w}del") is not None):
        return True
    return any(a.tag == f"{_MC}Fallback" for a in p.iterancestors())


def _toc_paragraphs(body: etree._Element, w: str) -> set[etree._Element]:
    """Paragraphs inside a table of contents: a TOC field's result, or a content control of the
    "Table of Contents" gallery."""
    out: set[etree._Element] = set()
    for gallery in body.iter(f"{w}docPartGallery"):
        if "content" in gallery.get(f"{w}val", "").lower():
            sdt = next((a for a in gallery.iterancestors(f"{w}sdt")), None)
            if sdt is not None:
                out.update(sdt.iter(f"{w}p"))
    fields: list[list[object]] = []  # [instruction, separated]
    current: etree._Element | None = None

    def in_toc() -> bool:
        return any(sep and str(instr).lstrip().upper().startswith("TOC") for instr, sep in fields)

    for el in body.iter(f"{w}p", f"{w}fldChar", f"{w}instrText"):
        if el.tag == f"{w}p":
            if current is not None and in_toc():
                out.add(current)
            current = el
            if in_toc():
                out.add(el)
        elif el.tag == f"{w}fldChar":
            kind = el.get(f"{w}fldCharType")
            if kind == "begin":
                fields.append(["", False])
            elif kind == "separate" and fields:
                fields[-1][1] = True
            elif kind == "end" and fields:
                fields.pop()
        elif el.tag == f"{w}instrText" and fields:
            fields[-1][0] = str(fields[-1][0]) + (el.text or "")
    if current is not None and in_toc():
        out.add(current)
    return out


# ---------------------------------------------------------------- reading


Source = tuple[etree._Element, int] | None  # a w:t and an index into its text


@dataclass(slots=True)
class DocxText:
    """A paragraph's or cell's text as published, the markup seen in it, and the text boxes it anchors."""

    parts: list[str] = field(default_factory=list)
    marks: list[list[str | int]] = field(default_factory=list)  # [kind, text, detail, end offset]
    boxes: list[etree._Element] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # ids of the comments anchored here
    length: int = 0
    # when asked for (the fixer): for each character, the w:t and the index in its text it comes from;
    # None for what no w:t holds (a tab, a break, an entity, a numbering label)
    sources: list[Source] | None = None

    def add(self, text: str, sources: list[Source] | None = None) -> None:
        self.parts.append(text)
        self.length += len(text)
        if self.sources is not None:
            self.sources += sources if sources is not None else [None] * len(text)

    def mark(self, kind: str, text: str, detail: str = "", start: int | None = None) -> None:
        """Record markup over ``text``; with ``start`` (where ``text`` begins in the published text, which
        has reached ``length``), markup continuing the same markup of the run before extends it."""
        last = self.marks[-1] if self.marks else None
        if start is not None and last and last[0] == kind and last[2] == detail and last[3] == start:
            last[1] = str(last[1]) + text
            last[3] = self.length
        else:
            self.marks.append([kind, text, detail, self.length if start is not None else -1])

    def text(self) -> str:
        return " ".join("".join(self.parts).split())


_BLACKISH = 0x40  # a colour whose channels differ by at most this much is black or grey, not a colour


class _Reader:
    def __init__(self, ns: str, doc: Document, labels: dict[etree._Element, str], toc: set[etree._Element]) -> None:
        self.w = w = ns
        self.doc = doc
        self.labels = labels
        self.toc = toc
        self.paragraphs = 0
        self.tables = 0
        self.seen = 0  # paragraphs and cells gone through, empty ones too
        self.stopped = False  # ``nodes`` of them: stop reading
        self.carry = ""  # the text of a paragraph whose mark was deleted: it joins the next paragraph
        self.anchors: dict[str, Span] = {}  # comment id -> where it is anchored
        self.merges = {f"{w}vMerge", f"{w}hMerge"}
        self.wrappers = {f"{w}sdt", f"{w}customXml"}
        self.inline_wrappers = {f"{w}smartTag", f"{w}customXml", f"{w}fldSimple", f"{w}bdo", f"{w}dir", f"{w}hyperlink"}

    def children(self, el: etree._Element) -> Iterator[etree._Element]:
        """Block-level children, looking through content controls and custom XML wrappers."""
        for child in el:
            if child.tag in self.wrappers:
                content = child.find(f"{self.w}sdtContent")
                yield from self.children(child if content is None else content)
            elif child.tag == f"{_MC}AlternateContent":
                choice = child.find(f"{_MC}Choice")
                if choice is not None:
                    yield from self.children(choice)
            else:
                yield child

    def blocks(self, container: etree._Element) -> None:
        stack = [self.children(container)]
        while stack and not self.stopped:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
            elif el.tag == f"{self.w}p":
                boxes = self.paragraph(el)
                if boxes:
                    stack.append(iter([b for box in boxes for b in self.children(box)]))
            elif el.tag == f"{self.w}tbl":
                rows = self.rows(el)
                texts = self.data_texts(el, rows)
                if texts is None:  # a layout container: read what its cells hold
                    stack.append(iter([b for _, _, tc in rows for b in self.children(tc)]))
                else:
                    self.table(rows, texts)

    def over(self) -> bool:
        """Count one more paragraph or cell; True (and reading stops) past the ``nodes`` limit."""
        self.seen += 1
        if self.seen > value("nodes") and not self.stopped:
            self.stopped = stop(self.doc, Span(line=len(self.doc.nodes) + 1))
        return self.stopped

    def paragraph(self, p: etree._Element) -> list[etree._Element]:
        """Read a body paragraph; returns the text boxes anchored in it, to be read next."""
        if self.over():
            return []
        self.paragraphs += 1
        content = self.read_paragraph(p)
        logical = f"段落 {self.paragraphs}"
        if self.deleted_mark(p):  # accepted, the paragraph runs on into the next one
            self.carry += content.text()
            self.commit(content, Span(logical=logical))
            return content.boxes
        text = (self.carry + content.text()).strip() if self.carry else content.text()
        self.carry = ""
        span = self.span(logical)
        if text:
            self.add(Node(text, span, exact=False))
        self.commit(content, span if text else Span(logical=logical))
        return content.boxes

    def deleted_mark(self, p: etree._Element) -> bool:
        mark = p.find(f"{self.w}pPr/{self.w}rPr")
        return mark is not None and mark.find(f"{self.w}del") is not None

    def read_paragraph(self, p: etree._Element, out: DocxText | None = None) -> DocxText:
        out = out or DocxText()
        w = self.w
        if p in self.toc:
            return out
        ppr = p.find(f"{w}pPr")
        if ppr is not None:
            mark = ppr.find(f"{w}rPr")
            if mark is not None and mark.find(f"{w}ins") is not None:
                out.mark("insertion", "¶")
            if mark is not None and mark.find(f"{w}del") is not None:
                out.mark("deletion", "¶")
            if ppr.find(f"{w}pPrChange") is not None:
                out.mark("format-change", "")
        label = self.labels.get(p)
        if label:
            out.add(label)
        self.inline(p, out)
        return out

    def inline(self, el: etree._Element, out: DocxText, link: bool = False) -> None:
        """The runs under ``el`` (a paragraph or an inline wrapper) into ``out``."""
        w = self.w
        for child in el:
            tag = child.tag
            if tag == f"{w}r":
                self.run(child, out, link)
            elif tag in (f"{w}ins", f"{w}moveTo"):
                first = len(out.parts)
                self.inline(child, out, link)
                out.mark("insertion" if tag == f"{w}ins" else "move", "".join(out.parts[first:]).strip())
            elif tag in (f"{w}del", f"{w}moveFrom"):
                gone = "".join(t.text or "" for t in child.iter(f"{w}delText", f"{w}t"))
                out.mark("deletion" if tag == f"{w}del" else "move", gone)
            elif tag in self.inline_wrappers:
                self.inline(child, out, link or tag == f"{w}hyperlink")
            elif tag == f"{w}sdt":
                content = child.find(f"{w}sdtContent")
                if content is None:
                    continue
                if _on(child.find(f"{w}sdtPr/{w}showingPlcHdr"), w):
                    shown = DocxText()
                    self.inline(content, shown)
                    out.mark("placeholder", shown.text())
                self.inline(content, out, link)
            elif tag == f"{_MC}AlternateContent":
                choice = child.find(f"{_MC}Choice")
                if choice is not None:
                    self.inline(choice, out, link)
            elif tag in (f"{w}commentRangeStart", f"{w}commentReference"):
                out.comments.append(child.get(f"{w}id", ""))

    def run(self, r: etree._Element, out: DocxText, link: bool) -> None:
        w = self.w
        rpr = r.find(f"{w}rPr")
        text = ""
        sources: list[Source] | None = None if out.sources is None else []
        for child in r:
            tag = child.tag
            if tag == f"{w}t":
                tails = "".join(e.tail or "" for e in child)  # an entity is no text
                text += (child.text or "") + tails
                if sources is not None:
                    sources += [(child, k) for k in range(len(child.text or ""))] + [None] * len(tails)
            elif tag in (f"{w}tab", f"{w}ptab", f"{w}br", f"{w}cr", f"{w}noBreakHyphen"):
                text += "-" if tag == f"{w}noBreakHyphen" else " "
                if sources is not None:
                    sources.append(None)
            elif tag == f"{w}commentReference":
                out.comments.append(child.get(f"{w}id", ""))
            elif tag in (f"{w}drawing", f"{w}pict", f"{w}object", f"{_MC}AlternateContent"):
                out.boxes += [
                    box
                    for box in child.iter(f"{w}txbxContent")
                    if not any(a.tag == f"{_MC}Fallback" for a in box.iterancestors())
                ]
        if rpr is not None and rpr.find(f"{w}rPrChange") is not None:
            out.mark("format-change", text)
        if rpr is not None and _on(rpr.find(f"{w}vanish"), w):
            if text.strip():
                out.mark("hidden", text, start=out.length)
            return
        start = out.length
        out.add(text, sources)
        if rpr is None or not text.strip():
            return
        highlight = rpr.find(f"{w}highlight")
        if highlight is not None and highlight.get(f"{w}val", "none") != "none":
            out.mark("highlight", text, highlight.get(f"{w}val", ""), start=start)
        shading = rpr.find(f"{w}shd")
        fill = "" if shading is None else shading.get(f"{w}fill", "").upper()
        if fill and fill not in ("AUTO", "FFFFFF"):
            out.mark("shading", text, fill, start=start)
        color = rpr.find(f"{w}color")
        style = rpr.find(f"{w}rStyle")
        linked = link or (style is not None and ("link" in (v := style.get(f"{w}val", "").lower()) or "链接" in v))
        if color is not None and not linked and _coloured(color.get(f"{w}val", "")):
            out.mark("colour", text, color.get(f"{w}val", "").upper(), start=start)

    def commit(self, content: DocxText, span: Span) -> None:
        for kind, text, detail, _ in content.marks:
            self.doc.marks.append(Mark(str(kind), str(text), span, str(detail)))
        for cid in content.comments:
            self.anchors.setdefault(cid, span)

    def comments(self, root: etree._Element | None) -> None:
        """Each comment of comments.xml as a mark where it is anchored (or, unanchored, at no place)."""
        w = self.w
        for comment in () if root is None else root.iter(f"{w}comment"):
            text = DocxText()
            for p in comment.iter(f"{w}p"):
                self.inline(p, text)
                text.add(" ")
            span = self.anchors.get(comment.get(f"{w}id", ""), Span(logical="批注"))
            self.doc.marks.append(Mark("comment", text.text(), span))

    def rows(self, tbl: etree._Element) -> list[tuple[int, int, etree._Element]]:
        """(row, grid column, w:tc) of every cell that starts a merge or stands alone."""
        out: list[tuple[int, int, etree._Element]] = []
        w = self.w
        trs = (tr for tr in self.children(tbl) if tr.tag == f"{w}tr" and tr.find(f"{w}trPr/{w}del") is None)
        for r, tr in enumerate(trs):
            col = _int(tr.find(f"{w}trPr/{w}gridBefore"), w)
            for tc in (c for c in self.children(tr) if c.tag == f"{w}tc"):
                if self.over():
                    return out
                span, continued = self.cell_props(tc)
                if not continued:
                    out.append((r, col, tc))
                col += span
        return out

    def cell_props(self, tc: etree._Element) -> tuple[int, bool]:
        """The cell's width in grid columns, and whether it continues a merge (not a cell of its own)."""
        span, continued = 1, False
        props = tc.find(f"{self.w}tcPr")
        for prop in () if props is None else props:
            if prop.tag == f"{self.w}gridSpan":
                span = max(_int(prop, self.w), 1)
            elif prop.tag in self.merges and prop.get(f"{self.w}val", "continue") != "restart":
                continued = True
        return span, continued

    def cell_text(self, tc: etree._Element, out: DocxText | None = None) -> DocxText:
        out = out or DocxText()
        for block in self.children(tc):
            if block.tag == f"{self.w}p":
                self.read_paragraph(block, out)
                out.add(" ")
        return out

    def data_texts(self, tbl: etree._Element, rows: list[tuple[int, int, etree._Element]]) -> list[DocxText] | None:
        """The cells' texts of a data table; None for a layout table."""
        if len(rows) <= 1 or tbl.find(f".//{self.w}tbl") is not None:
            return None
        texts = [self.cell_text(tc) for _, _, tc in rows]
        return None if any(len(t.text()) > _LONG_CELL for t in texts) else texts

    def table(self, rows: list[tuple[int, int, etree._Element]], texts: list[DocxText]) -> None:
        number = self.tables
        self.tables += 1
        for (r, c, _), content in zip(rows, texts, strict=True):
            span = self.span(f"表格 {number + 1} 行 {r + 1} 列 {c + 1}")
            self.add(Node(content.text(), span, kind="cell", table=number, row=r, col=c, exact=False))
            self.commit(content, span)

    def span(self, logical: str) -> Span:
        return Span(line=len(self.doc.nodes) + 1, logical=logical)

    def add(self, node: Node) -> None:
        node.text = clip(self.doc, node.text, node.span)
        self.doc.nodes.append(node)


def _coloured(value: str) -> bool:
    """Whether a ``w:color`` value is a colour rather than black, grey or automatic."""
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        return False
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return max(r, g, b) - min(r, g, b) > _BLACKISH
