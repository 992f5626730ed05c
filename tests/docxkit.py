"""Build minimal .docx files for reader tests: paragraphs and tables as WordprocessingML strings."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def para(text: str) -> str:
    """A paragraph; a tab in ``text`` becomes ``w:tab`` and a newline ``w:br``, each run its own ``w:r``."""
    runs = []
    for i, line in enumerate(text.split("\n")):
        if i:
            runs.append("<w:r><w:br/></w:r>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                runs.append("<w:r><w:tab/></w:r>")
            if piece:
                runs.append(f'<w:r><w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return f"<w:p>{''.join(runs)}</w:p>"


def cell(content: str = "", span: int = 1, vmerge: str | None = None) -> str:
    """A table cell holding ``content`` (text, or block XML when it starts with ``<``)."""
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    body = content if content.startswith("<") else para(content)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def table(rows: list[list[str]]) -> str:
    """A table; each cell is text or the XML from ``cell()``."""
    trs = "".join("<w:tr>" + "".join(c if c.startswith("<w:tc") else cell(c) for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/>{trs}</w:tbl>"


def document_xml(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    ).encode()


def docx_bytes(body: str = "", *, document: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A .docx whose document.xml wraps ``body`` (or is ``document`` verbatim), plus ``extra`` members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document if document is not None else document_xml(body))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def run(text: str, props: str = "") -> str:
    """One run; ``props`` is the ``w:rPr`` content (e.g. ``<w:highlight w:val="yellow"/>``)."""
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def numbered(text: str, num_id: int, ilvl: int = 0, style: str | None = None) -> str:
    """A paragraph numbered by list ``num_id`` at level ``ilvl`` (``w:numPr``), optionally styled."""
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (
        f'<w:p><w:pPr>{pstyle}<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
        f"{run(text)}</w:p>"
    )


def numbering_xml(
    abstracts: dict[int, list[tuple[str, str, int]]],
    nums: dict[int, int],
    overrides: dict[int, dict[int, int]] | None = None,
) -> bytes:
    """``word/numbering.xml``: abstract lists of levels (numFmt, lvlText, start), and instances
    ``numId -> abstractNumId`` with optional ``startOverride`` per level."""
    out = []
    for aid, levels in abstracts.items():
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
            for i, (fmt, text, start) in enumerate(levels)
        )
        out.append(f'<w:abstractNum w:abstractNumId="{aid}">{lvls}</w:abstractNum>')
    for nid, aid in nums.items():
        over = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
            for lvl, v in (overrides or {}).get(nid, {}).items()
        )
        out.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{over}</w:num>')
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}">'
        f"{''.join(out)}</w:numbering>"
    ).encode()


def part_xml(root: str, inner: str, prefixes: str = "") -> bytes:
    """Another WordprocessingML part (``w:styles``, ``w:comments``) holding ``inner``."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} xmlns:w="{W_NS}" {prefixes}>'
        f"{inner}</w:{root}>"
    ).encode()


def related_docx(
    body: str, parts: dict[str, bytes], app: str | None = None, main: str = "word/document.xml", prefixes: str = ""
) -> bytes:
    """A .docx whose main part (at ``main``) is related to ``parts`` ({"numbering": xml, ...}) through
    its relationships part, as Word and WPS write them; ``app`` goes into docProps/app.xml."""
    folder, name = main.rsplit("/", 1)
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{kind}" Target="{kind}.xml"/>'
        for i, kind in enumerate(parts, start=1)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS.replace("word/document.xml", main))
        z.writestr(
            main,
            (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" '
                f"{prefixes}><w:body>{body}<w:sectPr/></w:body></w:document>"
            ).encode(),
        )
        z.writestr(
            f"{folder}/_rels/{name}.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>",
        )
        for kind, data in parts.items():
            z.writestr(f"{folder}/{kind}.xml", data)
        if app is not None:
            z.writestr(
                "docProps/app.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties '
                'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                f"<Application>{escape(app)}</Application></Properties>",
            )
    return out.getvalue()
