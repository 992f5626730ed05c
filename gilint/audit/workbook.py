"""``findings.xlsx``: the tables of ``--out`` in one workbook, a sheet each (reports, submissions,
findings, indicators), for an office that works in Excel or WPS rather than with CSV files.

Written with openpyxl (the optional extra ``gilint[xlsx]``) in its write-only mode, which streams the
rows to the file as they come, so memory stays flat however many findings there are. Without openpyxl
the workbook is left out and the audit says so once (``MISSING``). A text cell is always text: one that
starts with "=" is stored as a string, never as a formula, and control characters are replaced
(``gilint.reporters.clean``), as Excel refuses them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence
from typing import IO

from gilint.reporters import clean

NAME = "findings.xlsx"
MISSING = {
    "zh": f"未写出 {NAME}：未安装 openpyxl（pip install 'gilint[xlsx]'）；CSV 文件内容相同",
    "en": f"{NAME} not written: openpyxl is not installed (pip install 'gilint[xlsx]'); the CSV files hold the same",
}
Sheet = tuple[str, Sequence[object], Iterable[Sequence[object]]]  # title, header, rows


def available() -> bool:
    """Whether openpyxl is installed."""
    return importlib.util.find_spec("openpyxl") is not None


def write(f: IO[bytes], sheets: Sequence[Sheet]) -> None:
    """The workbook of ``sheets`` into ``f``: a header row (bold, frozen, filterable), then the rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        ws = book.create_sheet(title)
        ws.freeze_panes = "A2"
        heads = []
        for h in header:
            c = WriteOnlyCell(ws, value=clean(str(h)))
            c.font = bold
            heads.append(c)
        ws.append(heads)
        width = len(heads)
        n = 1
        for row in rows:
            ws.append([_value(ws, v, WriteOnlyCell) for v in row])
            n += 1
        ws.auto_filter.ref = f"A1:{get_column_letter(width)}{n}"
    book.save(f)


def _value(ws: object, v: object, make: type) -> object:
    """``v`` as the workbook stores it: a number as a number, text as text (never a formula)."""
    if not isinstance(v, str):
        return v
    text = clean(v)
    if not text.startswith("="):
        return text
    c = make(ws, value=text)
    c.data_type = "s"
    return c
