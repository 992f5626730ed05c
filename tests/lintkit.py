"""Run the built-in rules on a file without the CLI: (code, line) pairs, for exact assertions."""

from __future__ import annotations

from pathlib import Path

import gilint_rules as rules

from gilint.model import Report
from gilint.parsers.text import parse_text
from gilint.structure import build_report
from gilint.testing import run_rule


def report_of(path: Path | str) -> Report:
    path = Path(path)
    try:
        from gilint.parsers import read_document
    except ImportError:  # the dispatcher is optional for text-only tests
        return build_report(parse_text(path.read_bytes(), str(path)))
    return build_report(read_document(str(path)))


def report_of_text(text: str, name: str = "report.txt") -> Report:
    return build_report(parse_text(text.encode("utf-8"), name))


def findings(report: Report, min_severity: str = "info") -> list[tuple[str, int | None]]:
    order = {"info": 0, "warning": 1, "error": 2}
    out = []
    for r in rules.gilint_rules():
        if r.scope != "report" or order[r.severity] < order[min_severity]:
            continue
        out.extend((r.code, f.span.line) for f in run_rule(r, report))
    return sorted(out, key=lambda x: (x[0], x[1] or 0))
