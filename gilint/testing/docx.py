"""A case's text as a minimal .docx: each line a paragraph, a line starting with ``<`` WordprocessingML
put in the body as it is (a paragraph whose runs carry the properties a rule is about), and related parts
(``word/comments.xml``) given as the XML inside their root element."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


def paragraph(line: str) -> str:
    """One line of text as a ``w:p`` (a line starting with ``<`` is XML already)."""
    if line.startswith("<"):
        return line
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' if line else "<w:p/>"


def docx_of(text: str, parts: Mapping[str, str] | None = None) -> bytes:
    """The .docx whose body holds ``text`` line by line, with each of ``parts`` ({"comments": inner XML})
    as ``word/<name>.xml`` related to the document as Word relates it."""
    lines = text.rstrip("\n").split("\n")
    body = "".join(paragraph(line) for line in lines)
    parts = parts or {}
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_OFFICE}/{name}" Target="{name}.xml"/>' for i, name in enumerate(parts, 1)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr(
            "_rels/.rels",
            f'{_HEAD}<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_OFFICE}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/document.xml",
            f'{_HEAD}<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>',
        )
        z.writestr("word/_rels/document.xml.rels", f'{_HEAD}<Relationships xmlns="{_RELS}">{rels}</Relationships>')
        for name, inner in parts.items():
            z.writestr(f"word/{name}.xml", f'{_HEAD}<w:{name} xmlns:w="{W_NS}">{inner}</w:{name}>')
    return out.getvalue()
