"""What the outputs of an audit show of one run, read from its database, and what every output shares
(the words for a report's status, an agency's name, a finding's place, a spreadsheet cell, an atomic
file). ``outputs.py``, ``page.py``, ``feedback.py`` and ``workbook.py`` import this module and never each
other's helpers, so the dependencies run one way.

``Results`` holds one row per report (with the counts, top codes, severities and categories of its
findings: small) but never the findings themselves: an output asks for the findings of a few reports at
a time (``Results.findings``, read from the database while it is open), so the audit's memory stays flat
however many findings the corpus has.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from gilint.audit.agencies import guess_level
from gilint.audit.db import AuditDB, ReportRow, StoredDiagnostic
from gilint.audit.indicators import Row as IndicatorRow
from gilint.audit.indicators import table as indicator_table
from gilint.audit.roster import STATUSES, Submission, from_rows
from gilint.model import Diagnostic
from gilint.rule import Rule

TOP = 5  # codes a report's row names
STATUS_WORDS = {
    "zh": {
        "ok": "已检查",
        "input-error": "无法读取",
        "limit": "超出读取上限",
        "not-a-report": "不是年报",
        "timeout": "超时",
        "worker-died": "进程中止",
        "crashed": "检查出错",
        "skipped": "未读取",
    },
    "en": {
        "ok": "checked",
        "input-error": "unreadable",
        "limit": "over a reading limit",
        "not-a-report": "not a report",
        "timeout": "timed out",
        "worker-died": "worker died",
        "crashed": "check failed",
        "skipped": "not read",
    },
}
UNKNOWN = {"zh": "未识别机关", "en": "unknown agency"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run a cell starting with these


@dataclass(slots=True)
class ReportResult:
    """One report as the outputs list it: its row, and of its findings (own and cross-year) the most
    frequent codes with their counts, the severities and the categories."""

    row: ReportRow
    top: tuple[tuple[str, int], ...] = ()  # (code, count), most first
    severities: tuple[str, ...] = ()  # sorted
    categories: tuple[str, ...] = ()  # sorted


@dataclass
class AgencyResult:
    """One agency's reports and totals."""

    name: str
    reports: list[ReportResult]

    def count(self, severity: str) -> int:
        """Findings of ``severity`` over the agency's reports."""
        return sum(getattr(r.row, severity + "s") for r in self.reports)

    @property
    def years(self) -> list[int]:
        """The report years, ascending."""
        return sorted({r.row.year for r in self.reports if r.row.year is not None})

    def year_span(self) -> str:
        """The years as runs: "2019–2025", "2019, 2024"."""
        runs: list[list[int]] = []
        for year in self.years:
            if runs and year == runs[-1][-1] + 1:
                runs[-1].append(year)
            else:
                runs.append([year])
        return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)

    def rank(self) -> tuple[int, int, int]:
        """(errors, warnings, infos): what "worst first" sorts by."""
        return self.count("error"), self.count("warning"), self.count("info")


@dataclass
class Results:
    """Everything the outputs show of one run: the reports it saw, by agency; the findings are read from
    ``db`` when asked for (it must stay open until the outputs are written)."""

    run: dict[str, object]
    reports: list[ReportResult]
    rules: dict[str, Rule]
    rule_counts: list[tuple[str, str, int, int]]  # (code, severity, findings, reports)
    submissions: list[Submission] = field(default_factory=list)
    listed: bool = False  # an agency list was given
    db: AuditDB | None = None
    run_id: int = 0

    @property
    def agencies(self) -> list[AgencyResult]:
        """Agencies, worst first (errors, then warnings, then infos), then by name; each report of an unknown
        agency is one of its own (named "", never grouped with another)."""
        by_name: dict[str | int, list[ReportResult]] = defaultdict(list)
        for r in self.reports:
            by_name[r.row.agency or r.row.id].append(r)
        agencies = [AgencyResult(name if isinstance(name, str) else "", reports) for name, reports in by_name.items()]
        return sorted(
            agencies, key=lambda a: (tuple(-n for n in a.rank()), a.name == "", a.name, a.reports[0].row.path)
        )

    def by_rule(self) -> list[tuple[str, str, int, int]]:
        """(code, severity, findings, reports) per rule and severity, most findings first."""
        return sorted(self.rule_counts, key=lambda t: (-t[2], t[0], t[1]))

    def total(self, severity: str) -> int:
        """Findings of ``severity`` over all reports."""
        return sum(getattr(r.row, severity + "s") for r in self.reports)

    def categories(self) -> list[str]:
        """The categories of all findings, sorted."""
        return sorted({c for r in self.reports for c in r.categories})

    def findings(self, reports: Sequence[ReportResult]) -> dict[int, list[StoredDiagnostic]]:
        """The findings of ``reports`` (a few: an agency's, a batch), by report id, each report's sorted
        by place; a report without findings is not a key."""
        if self.db is None or not reports:
            return {}
        out: dict[int, list[StoredDiagnostic]] = defaultdict(list)
        for f in self.db.diagnostics_seen(self.run_id, [r.row.id for r in reports]):
            out[f.report_id].append(f)
        return out

    def each_finding(self, batch: int = 100) -> Iterator[tuple[ReportResult, StoredDiagnostic]]:
        """Every finding with its report, the reports in order, ``batch`` reports read at a time."""
        for start in range(0, len(self.reports), batch):
            chunk = self.reports[start : start + batch]
            found = self.findings(chunk)
            for r in chunk:
                for f in found.get(r.row.id, []):
                    yield r, f


def load_results(db: AuditDB, run_id: int, rules: Sequence[Rule], findings: bool = True) -> Results:
    """The reports run ``run_id`` saw; with ``findings`` also each report's top codes, severities and
    categories (the files in ``--out`` show them; the terminal summary needs only counts). The findings
    themselves stay in ``db``: ``Results.findings``."""
    reports = [ReportResult(row) for row in db.reports_seen(run_id, full=False)]
    by_id = {r.row.id: r for r in reports}
    shared: dict[Any, Any] = {}  # one object for each (code, count) and each set of severities or categories
    if findings:  # the kinds come report by report: one report's counter at a time
        for report_id, kinds in groupby(db.finding_kinds(run_id), key=itemgetter(0)):
            rows = [
                (i, sys.intern(code), sys.intern(severity), sys.intern(category))
                for i, code, severity, category in kinds
            ]
            r = by_id[report_id]
            r.top = tuple(
                shared.setdefault(pair, pair) for pair in Counter(code for _, code, _, _ in rows).most_common(TOP)
            )
            severities = tuple(sorted({severity for _, _, severity, _ in rows}))
            categories = tuple(sorted({category for _, _, _, category in rows}))
            r.severities, r.categories = (
                shared.setdefault(severities, severities),
                shared.setdefault(categories, categories),
            )
    submissions = from_rows(db.submissions(run_id), {i: r.row.path for i, r in by_id.items()})
    return Results(
        db.run(run_id),
        reports,
        {r.code: r for r in rules},
        db.rule_counts(run_id),
        submissions,
        any(s.listed for s in submissions),
        db,
        run_id,
    )


def agency_name(name: str, lang: str) -> str:
    """The agency as shown: its name, or "unknown agency"."""
    return name or UNKNOWN[lang]


def where(d: Diagnostic, lang: str = "zh") -> str:
    """Where the diagnostic points, as the page and the sheets show it: as a reader finds it (section and
    paragraph, or table, row and column: ``gilint.locate``), else the place in the source."""
    if d.where is not None and (label := d.where.label(lang)):
        return label
    s = d.span
    if s.column is None and s.logical:
        return s.logical
    place = "" if s.line is None else (f"{s.line}:{s.column}" if s.column is not None else str(s.line))
    return f"p.{s.page} {place}".strip() if s.page is not None else (place or "—")


def flagged(results: Results) -> list[Submission]:
    """The submissions an office must act on: missing, late, unreadable, undated, or made twice; worst
    first, then by agency and year."""
    rows = [s for s in results.submissions if s.status != "on-time" or s.copies > 1]
    return sorted(rows, key=lambda s: (STATUSES.index(s.status), s.agency == "", s.agency, s.year))


def indicator_rows(results: Results) -> list[IndicatorRow]:
    """The indicators of the run's reports (readable, of a known agency), ranked within level and year; the
    table values read from the database a report at a time."""
    levels = {s.agency: s.level for s in results.submissions}
    if results.db is None:
        return []
    return indicator_table(
        (agency, levels.get(agency) or guess_level(agency), year, path, cells)
        for agency, year, path, cells in results.db.report_cells(results.run_id)
    )


def cell(text: str) -> str:
    """``text`` as a spreadsheet cell: a leading ' where a spreadsheet would evaluate it."""
    return "'" + text if text.startswith(_FORMULA) else text


def temporary(path: Path) -> Path:
    """A fresh temporary name beside ``path`` (hidden, with the process id)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, moved into place."""
    tmp = temporary(path)
    try:
        with open(tmp, "xb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
