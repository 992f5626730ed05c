"""``findings.xlsx``: the tables of ``--out`` in one workbook, a sheet each (reports, submissions,
findings, indicators), for an office that works in Excel or WPS rather than with CSV files.

Written here as SpreadsheetML (ECMA-376) by hand: a zip of ``[Content_Types].xml``, the package and
workbook relationships, a style sheet (the default style and a bold one for the header) and one sheet a
table, each row streamed into its zip member as it comes (the text as inline strings), so memory stays
flat however many findings there are. openpyxl's write-only mode did the same but spends some 25 µs on
each cell (a cell object, its style, an lxml element): 120,000 findings took minutes, as long as all
the other files together; this writer takes a few seconds (``benchmarks/audit_page.py``).

Each sheet's header row is bold, frozen and filterable. A text cell is always text: one that starts
with "=" is stored as a string, never as a formula; control characters are replaced
(``gilint.reporters.clean``), as are the code points XML cannot carry (lone surrogates, U+FFFE/U+FFFF),
and a text longer than a cell holds (32,767 characters) is cut, as Excel would. A number is a number.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from html import escape as _escape
from typing import IO

from gilint.reporters import clean

NAME = "findings.xlsx"
Sheet = tuple[str, Sequence[object], Iterable[Sequence[object]]]  # title, header, rows

CELL_MAX = 32767  # characters a cell holds
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_SHEET_START = (
    f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
)
_BATCH = 500  # rows encoded and written at a time
_TEXTS = 20000  # texts remembered at most (then forgotten, between two batches)


def column(n: int) -> str:
    """The letters of column ``n`` (0: "A", 26: "AA")."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write(f: IO[bytes], sheets: Sequence[Sheet]) -> None:
    """The workbook of ``sheets`` into ``f``: a header row (bold, frozen, filterable), then the rows."""
    filters: list[str] = []
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _content_types(len(sheets)))
        z.writestr("_rels/.rels", _rels([("officeDocument", "xl/workbook.xml")]))
        z.writestr("xl/styles.xml", _STYLES)
        for n, (_, header, rows) in enumerate(sheets, start=1):
            with z.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as out:
                filters.append(_sheet(out, header, rows))
        z.writestr("xl/workbook.xml", _workbook([title for title, _, _ in sheets], filters))
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            _rels(
                [("worksheet", f"worksheets/sheet{n}.xml") for n in range(1, len(sheets) + 1)]
                + [("styles", "styles.xml")]
            ),
        )


def _sheet(out: IO[bytes], header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """One sheet's XML into ``out``; returns its filter's range ("A1:M120")."""
    width = len(header)
    letters = [column(i) for i in range(width)]
    texts: dict[str, str] = {}  # a text's cell content, for the many that repeat (agency, path, rule…)
    out.write(_SHEET_START.encode())
    out.write(_row(1, letters, header, texts, ' s="1"').encode())
    n, chunk = 1, []
    for row in rows:
        n += 1
        if len(row) > len(letters):
            letters += [column(i) for i in range(len(letters), len(row))]
        chunk.append(_row(n, letters, row, texts))
        if len(chunk) == _BATCH:
            out.write("".join(chunk).encode())
            chunk.clear()
            if len(texts) > _TEXTS:
                texts.clear()
    out.write("".join(chunk).encode())
    out.write(f'</sheetData><autoFilter ref="A1:{column(max(width, 1) - 1)}{n}"/></worksheet>'.encode())
    return f"$A$1:${column(max(width, 1) - 1)}${n}"


def _row(n: int, letters: Sequence[str], values: Sequence[object], texts: dict[str, str], style: str = "") -> str:
    """Row ``n`` of ``values`` as XML (an empty value is no cell)."""
    cells = []
    for letter, v in zip(letters, values, strict=False):
        if v is None or v == "":
            continue
        if type(v) is str:
            if (content := texts.get(v)) is None:
                content = texts[v] = _text(v)
            cells.append(f'<c r="{letter}{n}" t="inlineStr"{style}><is>{content}</is></c>')
        elif isinstance(v, bool):
            cells.append(f'<c r="{letter}{n}" t="b"{style}><v>{int(v)}</v></c>')
        elif isinstance(v, int | float):
            cells.append(f'<c r="{letter}{n}"{style}><v>{v!r}</v></c>')
        else:
            cells.append(f'<c r="{letter}{n}" t="inlineStr"{style}><is>{_text(str(v))}</is></c>')
    return f'<row r="{n}">{"".join(cells)}</row>'


def escape(text: str, quote: bool = False) -> str:
    """``text`` escaped for XML: &, < and >, and " when ``quote`` (an attribute's value). What
    ``xml.sax.saxutils.escape`` does, without its import (urllib, http, email: ~50 ms at every audit)."""
    escaped = _escape(text, quote=False)
    return escaped.replace('"', "&quot;") if quote else escaped


def _text(value: str) -> str:
    """A ``<t>`` element of ``value``, cleaned for a cell and escaped for XML."""
    text = _NOT_XML.sub("\ufffd", clean(value))[:CELL_MAX]
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f"<t{space}>{escape(text)}</t>"


def _content_types(sheets: int) -> str:
    parts = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        for n in range(1, sheets + 1)
    )
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>{parts}</Types>'
    )


def _rels(targets: Sequence[tuple[str, str]]) -> str:
    """A relationships part: ``(type, target)`` as rId1, rId2, …"""
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_REL}/{kind}" Target="{target}"/>'
        for n, (kind, target) in enumerate(targets, start=1)
    )
    return f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>'


def _workbook(titles: Sequence[str], filters: Sequence[str]) -> str:
    """The workbook part: its sheets, and each one's filter range as Excel names it."""
    sheets = "".join(
        f'<sheet name="{escape(t, quote=True)}" sheetId="{n}" r:id="rId{n}"/>' for n, t in enumerate(titles, start=1)
    )
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        f"{escape(_quoted(t))}!{ref}</definedName>"
        for n, (t, ref) in enumerate(zip(titles, filters, strict=True))
    )
    return (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{sheets}</sheets><definedNames>{names}</definedNames></workbook>"
    )


def _quoted(title: str) -> str:
    """A sheet's name as a formula names it: in quotes, a quote doubled."""
    return "'" + title.replace("'", "''") + "'"
