"""Word .docx: the body's paragraphs and table cells in reading order.

Only ``word/document.xml`` is read, within limits (members, size, compression ratio) checked before
and while decompressing, and parsed with entity expansion, DTD loading, network access and
``huge_tree`` off; reading stops at the node limits of ``limits.py``.
A paragraph is a text node (``w:t`` runs joined, ``w:tab``/``w:br`` as spaces, deleted and
moved-away text left out). A table's cells are cell nodes, each original cell once in row-major
order: ``w:gridSpan`` widens a cell, a ``w:vMerge`` continuation is not a cell of its own.
``table``/``row``/``col`` are 0-based; ``col`` counts grid columns. A table holding tables, a cell of
more than 200 characters, or a single cell is a layout container: its paragraphs read as text.

Spans: ``line`` is the node's 1-based index (``lines[i]`` is node i's text) and ``logical`` names
it, "段落 N" (N counts every body paragraph, empty ones too) or "表格 T 行 R 列 C" (1-based).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from lxml import etree

from gilint.model import Document, Node, Problem, Span
from gilint.parsers.limits import clip, exceeded, stop, value

_MEMBER = "word/document.xml"
_CHUNK = 1 << 20
_LONG_CELL = 200
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class _Refused(Exception):
    def __init__(self, kind: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.problem = Problem(kind, zh, en, Span())


def parse_docx(data: bytes, path: str) -> Document:
    doc = Document(path=path, kind="docx")
    try:
        root = _parse(_document_xml(data))
    except _Refused as refused:
        doc.problems.append(refused.problem)
        return doc
    if root.getroottree().docinfo.doctype:
        doc.problems.append(Problem(
            "docx-dtd", "document.xml 含有 DTD 声明（正常的 Word 文件没有），其中的实体未被展开",
            "document.xml declares a DTD (Word never writes one); its entities were not expanded", Span()))
    ns, _, local = root.tag.rpartition("}")
    body = root.find(f"{ns}}}body")
    if not ns or local != "document" or body is None:
        doc.problems.append(Problem(
            "not-docx", "word/document.xml 不是 Word 文档正文（缺少命名空间中的 document/body 元素）",
            "word/document.xml is not a Word document body (no namespaced document/body element)", Span()))
        return doc
    _Reader(f"{ns}}}", doc).blocks(body)
    doc.lines = [n.text for n in doc.nodes]
    return doc


def _not_docx(data: bytes) -> _Refused:
    if data.startswith(_OLE):
        return _Refused("not-docx", "文件是旧版 Word（.doc）格式而不是 .docx，请另存为 .docx 后再检查",
                        "the file is an old Word .doc, not a .docx: save it as .docx and check again")
    return _Refused("not-docx", "文件不是有效的 .docx（不是 zip 压缩包，或缺少 word/document.xml）",
                    "not a valid .docx (not a zip archive, or word/document.xml is missing)")


def _limits(name: str, zh: str, en: str) -> _Refused:
    refused = _Refused("docx-limits", zh, en)
    refused.problem = exceeded(name, zh, en, "文件未读取", "the file was not read")
    return refused


def _document_xml(data: bytes) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # zipfile raises many kinds on a damaged archive: all mean the same here
        raise _not_docx(data) from None
    with archive:
        members = archive.infolist()
        if len(members) > value("docx-members"):
            raise _limits("docx-members", f".docx 压缩包含 {len(members)} 个文件",
                          f"the .docx archive holds {len(members)} files")
        info = next((m for m in members if m.filename == _MEMBER), None)
        if info is None:
            raise _not_docx(data)
        _check_size(info.file_size, info.compress_size)
        try:
            return _read_capped(archive, info)
        except _Refused:
            raise
        except Exception as e:  # bad CRC, bad deflate data, encryption, an unknown method...
            raise _Refused("not-docx", f"word/document.xml 无法解压：{e}",
                           f"word/document.xml cannot be decompressed: {e}") from None


def _check_size(size: int, compressed: int) -> None:
    if size > value("docx-size"):
        raise _limits("docx-size", f"word/document.xml 解压后至少 {size} 字节",
                      f"word/document.xml is at least {size} bytes uncompressed")
    if size > value("docx-ratio") * max(compressed, 1):
        raise _limits("docx-ratio", f"word/document.xml 的压缩比至少 {size // max(compressed, 1)} 倍（疑似压缩炸弹）",
                      f"word/document.xml is compressed at least {size // max(compressed, 1)} times (a zip bomb?)")


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Decompress in chunks, stopping as soon as the output breaks a limit whatever the header says."""
    out = bytearray()
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            out += chunk
            _check_size(len(out), info.compress_size)
    return bytes(out)


def _parse(xml: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as e:
        raise _Refused("docx-xml", f"word/document.xml 不是格式正确的 XML：{e}",
                       f"word/document.xml is not well-formed XML: {e}") from None


class _Reader:
    def __init__(self, ns: str, doc: Document) -> None:
        self.w = ns
        self.doc = doc
        self.paragraphs = 0
        self.tables = 0
        self.seen = 0  # paragraphs and cells gone through, empty ones too
        self.stopped = False  # ``nodes`` of them: stop reading
        self.merges = {f"{ns}vMerge", f"{ns}hMerge"}
        self.wrappers = {f"{ns}sdt", f"{ns}customXml"}
        # runs' text and the breaks between them, in order; moved-away text and fallbacks left out
        # (deleted text is w:delText, field codes w:instrText: never selected)
        self.pieces = etree.XPath(
            "(descendant::w:t/text() | descendant::w:tab | descendant::w:ptab | descendant::w:br"
            " | descendant::w:cr | descendant::w:p)[not(ancestor::w:moveFrom or ancestor::mc:Fallback)]",
            namespaces={"w": ns[1:-1], "mc": _MC[1:-1]})

    def children(self, el: etree._Element) -> Iterator[etree._Element]:
        """Block-level children, looking through content controls and custom XML wrappers."""
        for child in el:
            if child.tag in self.wrappers:
                content = child.find(f"{self.w}sdtContent")
                yield from self.children(child if content is None else content)
            else:
                yield child

    def blocks(self, container: etree._Element) -> None:
        stack = [self.children(container)]
        while stack and not self.stopped:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
            elif el.tag == f"{self.w}p":
                self.paragraph(el)
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

    def paragraph(self, p: etree._Element) -> None:
        if self.over():
            return
        self.paragraphs += 1
        text = self.text(p)
        if text:
            self.add(Node(text, self.span(f"段落 {self.paragraphs}"), exact=False))

    def text(self, el: etree._Element) -> str:
        """The text under ``el``: runs joined, tabs, breaks and paragraph starts as spaces, collapsed."""
        return " ".join("".join(p if isinstance(p, str) else " " for p in self.pieces(el)).split())

    def rows(self, tbl: etree._Element) -> list[tuple[int, int, etree._Element]]:
        """(row, grid column, w:tc) of every cell that starts a merge or stands alone."""
        out = []
        w = self.w
        trs = (tr for tr in self.children(tbl) if tr.tag == f"{w}tr")
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

    def data_texts(self, tbl: etree._Element, rows: list[tuple[int, int, etree._Element]]) -> list[str] | None:
        """The cells' texts of a data table; None for a layout table."""
        if len(rows) <= 1 or tbl.find(f".//{self.w}tbl") is not None:
            return None
        texts = [self.text(tc) for _, _, tc in rows]
        return None if any(len(t) > _LONG_CELL for t in texts) else texts

    def table(self, rows: list[tuple[int, int, etree._Element]], texts: list[str]) -> None:
        number = self.tables
        self.tables += 1
        for (r, c, _), text in zip(rows, texts, strict=True):
            self.add(Node(text, self.span(f"表格 {number + 1} 行 {r + 1} 列 {c + 1}"), kind="cell",
                          table=number, row=r, col=c, exact=False))

    def span(self, logical: str) -> Span:
        return Span(line=len(self.doc.nodes) + 1, logical=logical)

    def add(self, node: Node) -> None:
        node.text = clip(self.doc, node.text, node.span)
        self.doc.nodes.append(node)


def _int(el: etree._Element | None, w: str) -> int:
    if el is None:
        return 0
    try:
        return int(el.get(f"{w}val", "0"))
    except ValueError:
        return 0
