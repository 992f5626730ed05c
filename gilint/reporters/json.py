"""``--format json``: one JSON array, an object per diagnostic (the contract: docs/json.md).

Keys, always, in this order: path, code, category, severity, message, line, column, end_line,
end_column, hint, excerpt (plain text, never markup), damage, fix, where (the human location: section and
paragraph, or table, row and column; null for the whole file), count (a cascade reported once); and "page" and
"logical" when the location has them, "related" (each other place the finding is about: its label and location)
when there are any.
"fix" is null, or {"applicability": "safe"|"unsafe", "message", "edits": [{"old", "new", "line",
"column", "end_line", "end_column"}]}: each edit's place in the source file (1-based, inclusive,
code points; an insertion has end_column = column - 1), null where it is not known exactly (a
.docx edit then carries "logical"; a fix with an edit that cannot be located is not applied). A file name that
is not UTF-8 keeps its bytes as ``\\udcXX`` escapes (Python's ``json`` reads them back to the same name).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from gilint.model import Diagnostic, Fix
from gilint.reporters import RenderContext, json_text, window


def fix_to_json(fix: Fix | None, lang: str = "zh") -> dict[str, object] | None:
    if fix is None:
        return None
    edits = []
    for e in fix.edits:
        s = e.span
        edit: dict[str, object] = {"old": e.old, "new": e.replacement}
        exact = s is not None and s.column is not None
        edit.update(
            line=s.line if exact else None,  # type: ignore[union-attr]
            column=s.column if exact else None,  # type: ignore[union-attr]
            end_line=s.end_line if exact else None,  # type: ignore[union-attr]
            end_column=s.end_column if exact else None,  # type: ignore[union-attr]
        )
        if s is not None and s.logical is not None:
            edit["logical"] = s.logical
        edits.append(edit)
    return {"applicability": fix.applicability, "message": fix.message(lang), "edits": edits}


def _excerpt(d: Diagnostic) -> str | None:
    """The source line cut around the span (text, Markdown, .docx, PDF), or the plain text a reader sees
    there when the source line is markup (HTML)."""
    if d.excerpt is not None:
        return window(d.excerpt, d.span.column)[0]
    return d.where.text if d.where is not None else None


def to_json(d: Diagnostic, lang: str = "zh") -> dict[str, object]:
    s = d.span
    obj: dict[str, object] = {
        "path": d.path,
        "code": d.code,
        "category": d.category,
        "severity": d.severity,
        "message": d.message(lang),
        "line": s.line,
        "column": s.column,
        "end_line": s.end_line,
        "end_column": s.end_column,
        "hint": d.hint(lang),
        "excerpt": _excerpt(d),
        "damage": d.damage,
        "fix": fix_to_json(d.fix, lang),
        "where": None if d.where is None else {"label": d.where.label(lang), **d.where.to_json(), "text": d.where.text},
        "count": d.count,
    }
    if s.page is not None:
        obj["page"] = s.page
    if s.logical is not None:
        obj["logical"] = s.logical
    if d.related:
        obj["related"] = [{"label": r.label(lang), **r.span.to_json()} for r in d.related]
    return obj


def render(diagnostics: Sequence[Diagnostic], context: RenderContext) -> str:
    return json_text(json.dumps([to_json(d, context.lang) for d in diagnostics], ensure_ascii=False, indent=2)) + "\n"
