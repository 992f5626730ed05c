"""What an audit produces from its database: the terminal summary, and with ``--out DIR`` the files
``results.jsonl`` (one diagnostic a line: the keys of ``gilint check --format json`` plus agency and
year), ``summary.csv`` (one report a row, UTF-8 with BOM for Excel/WPS), ``submissions.csv`` (one agency
and year a row), ``indicators.csv`` (``indicators.py``), ``report.html`` (see ``page.py``), the feedback
sheets (``feedback.py``), and ``manifest.json`` naming the run they belong to and each file's sha256.
The files are written to temporary files first; then the manifest of the new run is written with ``"complete": false``,
the files are moved into place (``os.replace``: a reader never sees half of one) and the manifest is
written again with ``"complete": true``. So a complete manifest means every file is of its run, and
after a failure half-way (a full disk) the manifest says which files are. A folder that cannot be
written is an ``OutputError`` with the reason.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import secrets
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from gilint.audit.agencies import LEVEL_WORDS, guess_level
from gilint.audit.db import AuditDB, ReportRow, StoredDiagnostic
from gilint.audit.indicators import Row as IndicatorRow
from gilint.audit.indicators import indicators_csv
from gilint.audit.indicators import table as indicator_table
from gilint.audit.roster import STATUS_WORDS as SUBMISSION_WORDS
from gilint.audit.roster import STATUSES, Submission, from_rows
from gilint.model import Diagnostic
from gilint.reporters import SEVERITY_WORDS, clean
from gilint.reporters.json import to_json
from gilint.rule import Rule

SEVERITIES = ("error", "warning", "info")
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
CSV_HEADER = {
    "zh": ("机关", "年度", "文件", "格式版本", "错误", "警告", "提示", "状态", "主要问题"),
    "en": ("agency", "year", "path", "version", "errors", "warnings", "infos", "status", "top codes"),
}
_TEXT = {
    "zh": {
        "rules": "按规则统计",
        "agencies": "按机关统计（问题多者在前）",
        "code": "代码",
        "severity": "级别",
        "summary": "说明",
        "findings": "诊断数",
        "reports": "报告数",
        "agency": "机关",
        "years": "年度",
        "more": "……另有 {} 个机关，见 --out 输出",
        "total": "共 {} 份报告、{} 个机关：{}",
        "none": "未发现问题",
        "counts": "{} 个错误，{} 个警告，{} 个提示",
        "submissions": "未按时提交或有问题的提交（未提交、逾期、无法读取、未见日期、重复提交）",
        "level": "级别",
        "year": "年度",
        "status": "状态",
        "date": "日期",
        "deadline": "截止日期",
        "files": "文件",
        "copies": "重复提交 {} 份",
        "all-in-time": "名单内各机关均已按时提交",
        "unknown": "未识别机关",
        "unlisted": "（不在名单中）",
    },
    "en": {
        "rules": "Findings by rule",
        "agencies": "Agencies, worst first",
        "code": "code",
        "severity": "severity",
        "summary": "summary",
        "findings": "findings",
        "reports": "reports",
        "agency": "agency",
        "years": "years",
        "more": "… {} more agencies: see the --out files",
        "total": "{} reports, {} agencies: {}",
        "none": "no problems found",
        "counts": "{} errors, {} warnings, {} infos",
        "submissions": "Submissions missing, late, unreadable, undated or made twice",
        "level": "level",
        "year": "year",
        "status": "status",
        "date": "date",
        "deadline": "deadline",
        "files": "files",
        "copies": "{} files",
        "all-in-time": "every agency submitted on time",
        "unknown": "unknown agency",
        "unlisted": " (not listed)",
    },
}
SUBMISSIONS_HEADER = {
    "zh": ("机关", "级别", "在名单中", "年度", "提交情况", "报告日期", "截止日期", "文件数", "文件"),
    "en": ("agency", "level", "listed", "year", "status", "date", "deadline", "files", "paths"),
}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run a cell starting with these


@dataclass
class ReportResult:
    """One report with its diagnostics (own and cross-year), sorted by place."""

    row: ReportRow
    findings: list[StoredDiagnostic] = field(default_factory=list)

    def top_codes(self, n: int = 5) -> list[tuple[str, int]]:
        """The ``n`` most frequent codes with their counts."""
        return Counter(f.diagnostic.code for f in self.findings).most_common(n)


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
    """Everything the outputs show of one run: the reports it saw, by agency."""

    run: dict[str, object]
    reports: list[ReportResult]
    rules: dict[str, Rule]
    rule_counts: list[tuple[str, str, int, int]]  # (code, severity, findings, reports)
    submissions: list[Submission] = field(default_factory=list)
    listed: bool = False  # an agency list was given

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


def load_results(db: AuditDB, run_id: int, rules: Sequence[Rule], findings: bool = True) -> Results:
    """The reports run ``run_id`` saw, with their stored diagnostics when ``findings`` (the files in
    ``--out`` show them; the terminal summary needs only counts, so memory stays flat without them)."""
    reports = [ReportResult(row) for row in db.reports_seen(run_id)]
    by_id = {r.row.id: r for r in reports}
    if findings:
        for f in db.diagnostics_seen(run_id):
            by_id[f.report_id].findings.append(f)
    submissions = from_rows(db.submissions(run_id), {i: r.row.path for i, r in by_id.items()})
    return Results(
        db.run(run_id),
        reports,
        {r.code: r for r in rules},
        db.rule_counts(run_id),
        submissions,
        any(s.listed for s in submissions),
    )


def agency_name(name: str, lang: str) -> str:
    """The agency as shown: its name, or "unknown agency"."""
    return name or _TEXT[lang]["unknown"]


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
    """The indicators of the run's reports (readable, of a known agency), ranked within level and year."""
    levels = {s.agency: s.level for s in results.submissions}
    return indicator_table(
        [
            (r.row.agency, levels.get(r.row.agency) or guess_level(r.row.agency), r.row.year, r.row.path, r.row.cells)
            for r in results.reports
            if r.row.status == "ok"
        ]
    )


def submissions_csv(results: Results, lang: str) -> str:
    """One row per agency and year: agency, level, listed, year, status, date, deadline, files."""
    words, yes_no = SUBMISSION_WORDS[lang], (("是", "否") if lang == "zh" else ("yes", "no"))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SUBMISSIONS_HEADER[lang])
    for s in results.submissions:
        writer.writerow(
            [
                cell(agency_name(s.agency, lang)),
                LEVEL_WORDS[lang].get(s.level, s.level),
                yes_no[0 if s.listed else 1] if results.listed else "",
                s.year,
                words[s.status],
                s.published.isoformat() if s.published else "",
                s.deadline.isoformat(),
                s.copies,
                cell(" | ".join(s.paths)),
            ]
        )
    return out.getvalue()


def exit_status(results: Results) -> int:
    """0 when no report has an error-severity finding, else 1 (as ``gilint check``)."""
    return 1 if results.total("error") else 0


# ---------------------------------------------------------------- files


class OutputError(Exception):
    """The outputs cannot be written to ``folder``: ``reason``."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(f"{folder}: {reason}")
        self.folder, self.reason = folder, reason


def check_writable(out: Path) -> None:
    """Make the folder ``out`` if needed; raise ``OutputError`` unless files can be made in it."""
    try:
        if out.exists() and not out.is_dir():
            raise OutputError(out, os.strerror(errno.ENOTDIR))
        out.mkdir(parents=True, exist_ok=True)
        probe = _temporary(out / "probe")
        with open(probe, "xb"):
            pass
        probe.unlink()
    except OSError as e:
        raise OutputError(out, e.strerror or str(e)) from None


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, moved into place."""
    tmp = _temporary(path)
    try:
        with open(tmp, "xb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def jsonl(results: Results, lang: str) -> str:
    """One JSON object a line per diagnostic: ``gilint check --format json``'s keys, then agency, year."""
    lines = []
    for r in results.reports:
        for f in r.findings:
            obj = to_json(f.diagnostic, lang)
            obj["agency"], obj["year"] = r.row.agency, r.row.year
            lines.append(json.dumps(obj, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def summary_csv(results: Results, lang: str) -> str:
    """One row per report (header in ``lang``); cells a spreadsheet would evaluate are quoted with '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER[lang])
    for r in results.reports:
        row = r.row
        top = " ".join(f"{code}×{n}" for code, n in r.top_codes())
        writer.writerow(
            [
                cell(agency_name(row.agency, lang)),
                row.year or "",
                cell(row.path),
                row.version or "",
                row.errors,
                row.warnings,
                row.infos,
                STATUS_WORDS[lang].get(row.status, row.status),
                top,
            ]
        )
    return out.getvalue()


def cell(text: str) -> str:
    """``text`` as a spreadsheet cell: a leading ' where a spreadsheet would evaluate it."""
    return "'" + text if text.startswith(_FORMULA) else text


def write_outputs(results: Results, out: Path, lang: str) -> list[Path]:
    """results.jsonl, summary.csv (UTF-8 with BOM), report.html and manifest.json in ``out`` (created if
    needed), all or none of the first three replaced (see the module). Raises ``OutputError``."""
    from gilint.audit.feedback import write_sheets
    from gilint.audit.page import render_page

    check_writable(out)
    files = [
        (out / "results.jsonl", jsonl(results, lang).encode()),
        (out / "summary.csv", summary_csv(results, lang).encode("utf-8-sig")),
        (out / "submissions.csv", submissions_csv(results, lang).encode("utf-8-sig")),
        (out / "indicators.csv", indicators_csv(indicator_rows(results), lang).encode("utf-8-sig")),
        (out / "report.html", render_page(results, lang).encode()),
    ]
    written: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            written.append((_temporary(path), path))
            with open(written[-1][0], "xb") as f:
                f.write(data)
        manifest: dict[str, object] = {key: results.run.get(key) for key in ("id", "started", "ended", "status")}
        manifest["files"] = {path.name: hashlib.sha256(data).hexdigest() for path, data in files}
        manifest["feedback"] = len(write_sheets(results, out, lang)) // 2  # sheets, in feedback/
        for complete in (False, True):
            write_atomic(
                out / "manifest.json",
                (json.dumps({**manifest, "complete": complete}, ensure_ascii=False, indent=2) + "\n").encode(),
            )
            for tmp, path in [] if complete else written:
                os.replace(tmp, path)
    except OSError as e:
        raise OutputError(out, e.strerror or str(e)) from None
    finally:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
    return [*(path for path, _ in files), out / "manifest.json"]


# ---------------------------------------------------------------- terminal


def print_summary(results: Results, console: Console, lang: str, limit: int = 20) -> None:
    """Findings per rule, then the agencies worst first (the first ``limit``), then the totals."""
    text, words = _TEXT[lang], SEVERITY_WORDS[lang]
    rows = results.by_rule()
    if rows:
        table = Table(title=text["rules"], title_justify="left")
        for name in ("code", "severity", "findings", "reports", "summary"):
            table.add_column(text[name], justify="right" if name in ("findings", "reports") else "left")
        for code, severity, n, reports in rows:
            rule = results.rules.get(code)
            summary = "" if rule is None else (rule.summary_en if lang == "en" else rule.summary_zh)
            table.add_row(code, words[severity], str(n), str(reports), Text(summary))
        console.print(table)
    agencies = [a for a in results.agencies if any(a.rank())]
    if agencies:
        table = Table(title=text["agencies"], title_justify="left")
        table.add_column(text["agency"])
        table.add_column(text["years"])
        for name in (*SEVERITIES, "reports"):
            table.add_column(words.get(name, text.get(name, name)), justify="right")
        for a in agencies[:limit]:
            table.add_row(
                Text(clean(a.name)), a.year_span(), *(str(a.count(s)) for s in SEVERITIES), str(len(a.reports))
            )
        console.print(table)
        if len(agencies) > limit:
            console.print(Text(text["more"].format(len(agencies) - limit)))
    print_submissions(results, console, lang)
    counts = (
        text["counts"].format(*(results.total(s) for s in SEVERITIES))
        if any(results.total(s) for s in SEVERITIES)
        else text["none"]
    )
    console.print(Text(text["total"].format(len(results.reports), len(results.agencies), counts)))


def print_submissions(results: Results, console: Console, lang: str) -> None:
    """The missing, late, unreadable, undated and doubled submissions (every one: the office acts on each)."""
    text, words = _TEXT[lang], SUBMISSION_WORDS[lang]
    rows = flagged(results)
    if not rows:
        if results.listed:
            console.print(Text(text["all-in-time"]))
        return
    table = Table(title=text["submissions"], title_justify="left")
    names = [
        agency_name(s.agency, lang) + (text["unlisted"] if results.listed and not s.listed and s.agency else "")
        for s in rows
    ]
    table.add_column(text["agency"], no_wrap=True, min_width=max(cell_len(clean(n)) for n in names))
    for name in ("level", "year", "status", "date", "deadline"):
        table.add_column(text[name], no_wrap=True)
    table.add_column(text["files"], overflow="fold")
    for s, name in zip(rows, names, strict=True):
        status = words[s.status] + (
            ("；" if lang == "zh" else "; ") + text["copies"].format(s.copies) if s.copies > 1 else ""
        )
        table.add_row(
            Text(clean(name)),
            LEVEL_WORDS[lang].get(s.level, s.level),
            str(s.year),
            status,
            s.published.isoformat() if s.published else "",
            s.deadline.isoformat(),
            Text(clean("\n".join(s.paths))),
        )
    console.print(table)
