"""Build the fixtures that cannot be stored as text: a .docx from its JSON description, GBK copies.

A ``*.docx.json`` fixture describes a Word document body as a list of blocks::

    {"body": ["a paragraph", {"table": [[cell, ...], ...]}, ...]}

A paragraph is a string; a newline in it becomes a line break (``w:br``). A cell is a string, or an
object ``{"text": str, "span": int, "vmerge": "restart" | "continue"}`` (every key optional):
``span`` is ``w:gridSpan`` and ``vmerge`` is ``w:vMerge``, exactly as Word writes merged cells.
``build_docx`` turns it into a minimal valid .docx (content types, package relationship,
``word/document.xml`` with ``w:tbl``/``w:tblGrid``), byte-for-byte the same on every run.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from tests.docxkit import CONTENT_TYPES, RELS, W_NS

_FIXED_TIME = (2024, 1, 1, 0, 0, 0)  # zip entry timestamps, so every build is identical

Cell = str | dict[str, object]


def _target(src: Path, dest: Path, suffix_to_drop: str = "") -> Path:
    """``dest`` itself, or ``dest / <src name>`` when ``dest`` is a directory."""
    if not dest.is_dir():
        return dest
    name = src.name.removesuffix(suffix_to_drop) if suffix_to_drop else src.name
    return dest / name


def paragraph_xml(text: str) -> str:
    runs = "<w:r><w:br/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else "" for line in text.split("\n")
    )
    return f"<w:p>{runs}</w:p>"


def _cell_xml(cell: Cell) -> tuple[str, int]:
    """The ``w:tc`` for ``cell`` and how many grid columns it covers."""
    spec: dict[str, object] = {"text": cell} if isinstance(cell, str) else cell
    span = int(spec.get("span", 1))  # type: ignore[call-overload]
    props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if spec.get("vmerge") == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif spec.get("vmerge") == "continue":
        props += "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph_xml(str(spec.get('text', '')))}</w:tc>", span


def table_xml(rows: list[list[Cell]]) -> str:
    built = [[_cell_xml(c) for c in row] for row in rows]
    width = max(sum(span for _, span in row) for row in built)
    grid = "".join('<w:gridCol w:w="800"/>' for _ in range(width))
    trs = "".join("<w:tr>" + "".join(xml for xml, _ in row) + "</w:tr>" for row in built)
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{trs}</w:tbl>'


def document_xml(body: list[str | dict[str, object]]) -> str:
    blocks = [
        table_xml(b["table"]) if isinstance(b, dict) else paragraph_xml(b)  # type: ignore[arg-type]
        for b in body
    ]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
        f"<w:body>{''.join(blocks)}<w:sectPr/></w:body></w:document>"
    )


def build_docx(src: Path, dest: Path) -> Path:
    """Write the .docx described by the JSON file ``src`` to ``dest`` (a file, or a directory where
    it is named after ``src`` without ``.json``); return its path."""
    out = _target(src, dest, ".json")
    body = json.loads(src.read_text(encoding="utf-8"))["body"]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("word/document.xml", document_xml(body)),
        ):
            z.writestr(zipfile.ZipInfo(name, _FIXED_TIME), data.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return out


def build_gbk(src: Path, dest: Path) -> Path:
    """Write the UTF-8 text fixture ``src`` re-encoded as GBK to ``dest`` (a file, or a directory where
    it keeps its name); return its path. Raises ``UnicodeEncodeError`` if the text is not GBK-encodable."""
    out = _target(src, dest)
    out.write_bytes(src.read_text(encoding="utf-8").encode("gbk"))
    return out
