"""``--format json``: one JSON array, an object per diagnostic (the contract in shared/design.md).

Keys, always, in this order: path, code, category, severity, message, line, column, end_line,
end_column, hint, excerpt, damage; and "page" and "logical" when the location has them. A file name that
is not UTF-8 keeps its bytes as ``\\udcXX`` escapes (Python's ``json`` reads them back to the same name).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from gilint.model import Diagnostic
from gilint.reporters import RenderContext, json_text, window


def to_json(d: Diagnostic, lang: str = "zh") -> dict[str, object]:
    s = d.span
    obj: dict[str, object] = {
        "path": d.path, "code": d.code, "category": d.category, "severity": d.severity,
        "message": d.message(lang), "line": s.line, "column": s.column, "end_line": s.end_line,
        "end_column": s.end_column, "hint": d.hint(lang),
        "excerpt": None if d.excerpt is None else window(d.excerpt, s.column)[0], "damage": d.damage,
    }
    if s.page is not None:
        obj["page"] = s.page
    if s.logical is not None:
        obj["logical"] = s.logical
    return obj


def render(diagnostics: Sequence[Diagnostic], context: RenderContext) -> str:
    return json_text(json.dumps([to_json(d, context.lang) for d in diagnostics], ensure_ascii=False, indent=2)) + "\n"
