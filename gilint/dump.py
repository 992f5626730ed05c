"""The model as data: ``gilint dump`` (one JSON document per report, schema ``gilint.report/2``),
``gilint dump --cells`` (one JSON record per table cell) and ``gilint labels`` (the table vocabulary).

The contract is docs/dump.md and docs/dump.schema.json: tables are keyed by their number, rows and
columns by their ids from ``gilint.formats.tables``, each with its printed label beside it, so a reader
of the JSON needs no label parsing.
"""

from __future__ import annotations

from collections.abc import Iterator

from gilint.formats.tables import FAMILIES, TABLE_NAMES, VERSIONS, cell_id, table_format
from gilint.model import Cell, Report, Section, Table

SCHEMA = "gilint.report/2"


def _cell(cell: Cell) -> dict[str, object]:
    return {"value": cell.value, "raw": cell.raw, "status": cell.status, "how": cell.how, **cell.span.to_json()}


def table_to_json(t: Table) -> dict[str, object]:
    fmt = t.format
    rows: dict[str, object] = {}
    for row in fmt.rows:
        if row.id not in t.cells:
            continue
        rows[row.id] = {
            "label": row.label,
            "path": list(row.path),
            "printed": t.row_labels.get(row.id),
            **(t.row_spans[row.id].to_json() if row.id in t.row_spans else {}),
            "cells": {cid: {"label": fmt.col(cid).name, **_cell(c)} for cid, c in t.cells[row.id].items()},
        }
    return {
        "number": t.number,
        "name": TABLE_NAMES[t.number],
        "version": t.version,
        **t.span.to_json(),
        "rows": rows,
        "checks": [
            {
                "id": c.identity.id,
                "family": c.identity.family,
                "status": c.status,
                "left": c.left,
                "right": c.right,
                "used": c.used,
            }
            for c in t.checks
        ],
        "problems": [p.to_json() for p in t.problems],
    }


def _section(s: Section) -> dict[str, object]:
    return {"number": s.number, "ordinal": s.ordinal, "title": s.title, **s.span.to_json()}


def report_to_json(r: Report) -> dict[str, object]:
    """The whole model of one report (``gilint dump``)."""
    return {
        "schema": SCHEMA,
        "path": r.path,
        "kind": r.doc.kind,
        "encoding": r.doc.encoding,
        "title": r.title,
        "year": r.year,
        "agency": r.agency,
        "period": None
        if not r.period
        else {
            "start": r.period.start and r.period.start.isoformat(),
            "end": r.period.end and r.period.end.isoformat(),
            "raw": r.period.raw,
            **r.period.span.to_json(),
        },
        "published": None
        if not r.published
        else {
            "date": r.published.date.isoformat(),
            "source": r.published.source,
            "raw": r.published.raw,
            **r.published.span.to_json(),
        },
        "sections": [_section(s) for s in r.sections],
        "stray_headings": [_section(s) for s in r.stray_headings],
        "tables": {str(n): table_to_json(t) for n, t in sorted(r.tables.items())},
        "problems": [p.to_json() for p in r.doc.problems],
    }


def cell_records(r: Report) -> Iterator[dict[str, object]]:
    """One record per cell of tables 2-4 (``gilint dump --cells``), ready for pandas or SQLite."""
    for n, t in sorted(r.tables.items()):
        fmt = t.format
        for row in fmt.rows:
            for cid, c in t.cells.get(row.id, {}).items():
                yield {
                    "path": r.path,
                    "year": r.year,
                    "table": n,
                    "version": t.version,
                    "row": row.id,
                    "col": cid,
                    "id": cell_id(n, (row.id, cid)),
                    "row_label": row.name,
                    "col_label": fmt.col(cid).name,
                    **_cell(c),
                }


def labels_to_json() -> dict[str, object]:
    """The table vocabulary (``gilint labels --json``): every table, row, column and identity."""
    tables = []
    for n in (2, 3, 4):
        for v in VERSIONS:
            fmt = table_format(n, v)
            tables.append(
                {
                    "number": n,
                    "version": v,
                    "name": TABLE_NAMES[n],
                    "rows": [
                        {"id": r.id, "label": r.label, "path": list(r.path), "cols": list(r.cols)} for r in fmt.rows
                    ],
                    "cols": [{"id": c.id, "label": c.label, "path": list(c.path)} for c in fmt.cols],
                    "identities": [
                        {
                            "id": i.id,
                            "family": i.family,
                            "left": [cell_id(n, m) for m in i.left],
                            "right": [cell_id(n, m) for m in i.right],
                        }
                        for i in fmt.identities
                    ],
                }
            )
    families = [
        {"id": f.id, "table": f.table, "each": f.each, "zh": f.zh, "en": f.en, "source": f.source} for f in FAMILIES
    ]
    return {"schema": "gilint.labels/1", "tables": tables, "families": families}


def labels_text(lang: str) -> Iterator[str]:
    """The table vocabulary as lines for a terminal (``gilint labels``)."""
    for n in (2, 3, 4):
        for v in VERSIONS:
            fmt = table_format(n, v)
            yield f"表{'二三四'[n - 2]} {TABLE_NAMES[n]} ({v})" if lang == "zh" else f"table {n} ({v})"
            yield "  " + "  ".join(f"{c.id}={c.name}" for c in fmt.cols)
            for r in fmt.rows:
                yield f"  {r.id:<18} {' / '.join(r.path)}  [{' '.join(r.cols)}]"
    for f in FAMILIES:
        yield f"{f.id}  {f.zh if lang == 'zh' else f.en}  ({f.source})"
