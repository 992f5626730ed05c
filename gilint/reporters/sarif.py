"""``--format sarif``: SARIF 2.1.0, one run, every known rule in the driver, a result per diagnostic.

Columns count Unicode code points (``columnKind: unicodeCodePoints``); ``endColumn`` is exclusive as
SARIF wants. A .docx/PDF finding has no region (its "line" is a node index) but a logical location
named as a reader would ("第3页 表三 “（三）不予公开 1.属于国家秘密”行 “自然人”列"); every result with a
human location has that logical location and ``properties.where`` (docs/json.md). Each rule carries its
documentation in ``help`` and, with ``--help-uri``, its address in ``helpUri``.
A result whose fix is placed exactly in the source carries it in ``fixes`` (one artifact change,
a replacement per edit; ``properties.applicability`` is "safe" or "unsafe"); a .docx fix, placed
only by its paragraph or cell, is not expressible as a region and is left out.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from gilint.model import Diagnostic, Span
from gilint.reporters import RenderContext, json_text, window
from gilint.rule import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gilint")
    except PackageNotFoundError:
        return "0"


def _uri(path: str) -> str:
    """The file's URI: its name's bytes percent-encoded, whatever they are (control characters, not UTF-8)."""
    p = Path(path)
    return p.as_uri() if p.is_absolute() else quote(os.fsencode(p.as_posix()))


def _rule(r: Rule, lang: str, help_uri: str | None) -> dict[str, object]:
    summary = r.summary_en if lang == "en" else r.summary_zh
    out: dict[str, object] = {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": r.doc or summary},
        "help": {"text": r.doc or summary},  # the rule's documentation, as `gilint rule CODE` prints it
        "defaultConfiguration": {"level": _LEVEL[r.severity]},
        "properties": {"category": r.category, "scope": r.scope},
    }
    if help_uri:
        out["helpUri"] = help_uri.replace("{code}", r.code)
    return out


def _regions(s: Span, excerpt: str | None) -> dict[str, object]:
    """``region`` (the span, with its own text when on one line) and ``contextRegion`` (its line)."""
    if s.line is None or (s.column is None and s.logical):
        return {}
    region: dict[str, object] = {"startLine": s.line}
    if s.column is not None:
        region["startColumn"] = s.column
        if s.end_column is not None and (s.end_line or s.line) >= s.line:
            region["endLine"] = s.end_line or s.line
            region["endColumn"] = s.end_column + 1
            if excerpt is not None and region["endLine"] == s.line:
                region["snippet"] = {"text": excerpt[s.column - 1 : s.end_column]}
    if excerpt is None:
        return {"region": region}
    text, start = window(excerpt, s.column)
    context: dict[str, object] = {"startLine": s.line}
    if len(text) < len(excerpt):
        context.update(startColumn=start + 1, endColumn=start + 1 + len(text))
    context["snippet"] = {"text": text}
    return {"region": region, "contextRegion": context}


def _fixes(d: Diagnostic, lang: str) -> list[dict[str, object]] | None:
    if d.fix is None or any(e.span is None or e.span.column is None for e in d.fix.edits):
        return None
    replacements = [
        {
            "deletedRegion": {
                "startLine": e.span.line,  # type: ignore[union-attr]
                "startColumn": e.span.column,  # type: ignore[union-attr]
                "endLine": e.span.end_line,  # type: ignore[union-attr]
                "endColumn": e.span.end_column + 1,  # type: ignore[union-attr,operator]
            },
            "insertedContent": {"text": e.replacement},
        }
        for e in d.fix.edits
    ]
    return [
        {
            "description": {"text": d.fix.message(lang)},
            "artifactChanges": [{"artifactLocation": {"uri": _uri(d.path)}, "replacements": replacements}],
            "properties": {"applicability": d.fix.applicability},
        }
    ]


def _related(i: int, path: str, s: Span, label: str) -> dict[str, object]:
    """Another place the result is about (the table cell a sentence contradicts): its region, or its
    logical location for .docx/PDF."""
    location: dict[str, object] = {
        "id": i,
        "physicalLocation": {"artifactLocation": {"uri": _uri(path)}, **_regions(s, None)},
        "message": {"text": label},
    }
    if s.logical:
        location["logicalLocations"] = [{"name": s.logical, "kind": "element"}]
    return location


def _result(d: Diagnostic, index: dict[str, int], lang: str) -> dict[str, object]:
    physical: dict[str, object] = {"artifactLocation": {"uri": _uri(d.path)}, **_regions(d.span, d.excerpt)}
    location: dict[str, object] = {"physicalLocation": physical}
    label = d.where.label(lang) if d.where is not None else ""
    if label or d.span.logical:
        location["logicalLocations"] = [{"name": label or d.span.logical, "kind": "element"}]
    result: dict[str, object] = {
        "ruleId": d.code,
        "level": _LEVEL[d.severity],
        "message": {"text": d.message(lang)},
        "locations": [location],
        "properties": {"category": d.category, "damage": d.damage},
    }
    if d.related:
        result["relatedLocations"] = [_related(i, d.path, r.span, r.label(lang)) for i, r in enumerate(d.related)]
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    hint = d.hint(lang)
    if hint:
        result["properties"]["hint"] = hint  # type: ignore[index]
    if d.span.page is not None:
        result["properties"]["page"] = d.span.page  # type: ignore[index]
    if d.where is not None:
        result["properties"]["where"] = {**d.where.to_json(), "text": d.where.text}  # type: ignore[index]
    if d.count > 1:
        result["properties"]["count"] = d.count  # type: ignore[index]
    fixes = _fixes(d, lang)
    if fixes:
        result["fixes"] = fixes
    return result


def render(diagnostics: Sequence[Diagnostic], context: RenderContext) -> str:
    index = {r.code: i for i, r in enumerate(context.rules)}
    run = {
        "tool": {
            "driver": {
                "name": "gilint",
                "version": _version(),
                "rules": [_rule(r, context.lang, context.help_uri) for r in context.rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": {"uri": _uri(p)}} for p in context.files],
        "results": [_result(d, index, context.lang) for d in diagnostics],
    }
    return (
        json_text(json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2))
        + "\n"
    )
