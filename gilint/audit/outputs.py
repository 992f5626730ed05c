"""What an audit produces from its database: the terminal summary, and with ``--out DIR`` the files
``results.jsonl`` (one diagnostic a line: the keys of ``gilint check --format json`` plus agency and
year), ``summary.csv`` (one report a row, UTF-8 with BOM for Excel/WPS), ``submissions.csv`` (one agency
and year a row), ``indicators.csv`` (``indicators.py``), ``report.html`` (see ``page.py``),
``findings.xlsx`` (``workbook.py``), the feedback sheets (``feedback.py``),
and ``manifest.json`` naming the run they belong to and each file's sha256.

Every file is streamed from the database as it is written (the findings of a batch of reports, or of one
agency, at a time: ``results.py``), so memory does not grow with the number of findings.
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
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import IO

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from gilint.audit import indicators, workbook
from gilint.audit.agencies import LEVEL_WORDS
from gilint.audit.feedback import write_sheets
from gilint.audit.page import page_parts
from gilint.audit.results import (
    STATUS_WORDS,
    Results,
    agency_name,
    cell,
    flagged,
    indicator_rows,
    load_results,
    temporary,
    where,
    write_atomic,
)
from gilint.audit.roster import STATUS_WORDS as SUBMISSION_WORDS
from gilint.reporters import SEVERITY_WORDS, clean
from gilint.reporters.json import to_json

__all__ = ["OutputError", "check_writable", "exit_status", "load_results", "print_summary", "write_outputs"]
SEVERITIES = ("error", "warning", "info")
CSV_HEADER = {
    "zh": ("机关", "年度", "文件", "格式版本", "错误", "警告", "提示", "状态", "主要问题"),
    "en": ("agency", "year", "path", "version", "errors", "warnings", "infos", "status", "top codes"),
}
FINDINGS_HEADER = {
    "zh": (
        "机关",
        "年度",
        "文件",
        "级别",
        "规则",
        "规则说明",
        "类别",
        "位置",
        "问题",
        "整改要求",
        "原文",
        "转换损坏",
        "跨年度",
    ),
    "en": (
        "agency",
        "year",
        "path",
        "severity",
        "rule",
        "rule summary",
        "category",
        "where",
        "finding",
        "expected",
        "source",
        "converter damage",
        "cross-year",
    ),
}
SHEETS = {"zh": ("报告", "提交情况", "诊断", "指标"), "en": ("reports", "submissions", "findings", "indicators")}
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
        "unlisted": " (not listed)",
    },
}
SUBMISSIONS_HEADER = {
    "zh": ("机关", "级别", "在名单中", "年度", "提交情况", "报告日期", "截止日期", "文件数", "文件"),
    "en": ("agency", "level", "listed", "year", "status", "date", "deadline", "files", "paths"),
}


def rows_csv(header: Sequence[object], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """CSV text (CRLF line ends), one chunk a row, the header first; a text cell a spreadsheet would
    evaluate is quoted with ' (``cell``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in chain([header], rows):
        writer.writerow([cell(v) if isinstance(v, str) else v for v in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def submission_rows(results: Results, lang: str) -> Iterator[list[object]]:
    """One row per agency and year under ``SUBMISSIONS_HEADER``: agency, level, listed, year, status, date,
    deadline, files."""
    words, yes_no = SUBMISSION_WORDS[lang], (("是", "否") if lang == "zh" else ("yes", "no"))
    for s in results.submissions:
        yield [
            agency_name(s.agency, lang),
            LEVEL_WORDS[lang].get(s.level, s.level),
            yes_no[0 if s.listed else 1] if results.listed else "",
            s.year,
            words[s.status],
            s.published.isoformat() if s.published else "",
            s.deadline.isoformat(),
            s.copies,
            " | ".join(s.paths),
        ]


def report_rows(results: Results, lang: str) -> Iterator[list[object]]:
    """One row per report under ``CSV_HEADER``."""
    for r in results.reports:
        yield [
            agency_name(r.row.agency, lang),
            r.row.year or "",
            r.row.path,
            r.row.version or "",
            r.row.errors,
            r.row.warnings,
            r.row.infos,
            STATUS_WORDS[lang].get(r.row.status, r.row.status),
            " ".join(f"{code}×{n}" for code, n in r.top),
        ]


def finding_rows(results: Results, lang: str) -> Iterator[list[object]]:
    """One row per finding under ``FINDINGS_HEADER`` (the workbook's sheet of findings)."""
    sev, yes = SEVERITY_WORDS[lang], ("是" if lang == "zh" else "yes")
    for r, f in results.each_finding():
        d = f.diagnostic
        rule = results.rules.get(d.code)
        summary = "" if rule is None else (rule.summary_en if lang == "en" else rule.summary_zh)
        yield [
            agency_name(r.row.agency, lang),
            r.row.year or "",
            r.row.path,
            sev[d.severity],
            d.code,
            summary,
            d.category,
            where(d, lang),
            d.message(lang),
            d.hint(lang) or "",
            d.excerpt or "",
            yes if d.damage else "",
            yes if f.series is not None else "",
        ]


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
        probe = temporary(out / "probe")
        with open(probe, "xb"):
            pass
        probe.unlink()
    except OSError as e:
        raise OutputError(out, e.strerror or str(e)) from None


def jsonl(results: Results, lang: str) -> Iterator[str]:
    """One JSON object a line per diagnostic: ``gilint check --format json``'s keys, then agency, year."""
    for r, f in results.each_finding():
        obj = to_json(f.diagnostic, lang)
        obj["agency"], obj["year"] = r.row.agency, r.row.year
        yield json.dumps(obj, ensure_ascii=False) + "\n"


def _text(chunks: Iterable[str], bom: bool = False) -> Callable[[IO[bytes]], None]:
    """A writer of ``chunks`` as UTF-8 (with a BOM for Excel and WPS when ``bom``)."""

    def write(f: IO[bytes]) -> None:
        if bom:
            f.write(b"\xef\xbb\xbf")
        for chunk in chunks:
            f.write(chunk.encode())

    return write


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def write_outputs(results: Results, out: Path, lang: str) -> list[Path]:
    """The files of ``--out`` (see the module) and manifest.json in ``out`` (created if needed), all or
    none of them replaced. ``results``' database must be open. Raises ``OutputError``."""
    check_writable(out)
    ranked = indicator_rows(results)
    files: list[tuple[Path, Callable[[IO[bytes]], None]]] = [
        (out / "results.jsonl", _text(jsonl(results, lang))),
        (out / "summary.csv", _text(rows_csv(CSV_HEADER[lang], report_rows(results, lang)), bom=True)),
        (out / "submissions.csv", _text(rows_csv(SUBMISSIONS_HEADER[lang], submission_rows(results, lang)), bom=True)),
        (out / "indicators.csv", _text(rows_csv(indicators.header(lang), indicators.lines(ranked, lang)), bom=True)),
        (out / "report.html", _text(page_parts(results, lang, ranked))),
    ]
    sheets = [
        (SHEETS[lang][0], CSV_HEADER[lang], report_rows(results, lang)),
        (SHEETS[lang][1], SUBMISSIONS_HEADER[lang], submission_rows(results, lang)),
        (SHEETS[lang][2], FINDINGS_HEADER[lang], finding_rows(results, lang)),
        (SHEETS[lang][3], indicators.header(lang), indicators.lines(ranked, lang)),
    ]
    files.append((out / workbook.NAME, lambda f: workbook.write(f, sheets)))
    written: list[tuple[Path, Path]] = []
    try:
        for path, produce in files:
            written.append((temporary(path), path))
            with open(written[-1][0], "xb", buffering=1 << 16) as f:
                produce(f)
        manifest: dict[str, object] = {key: results.run.get(key) for key in ("id", "started", "ended", "status")}
        manifest["files"] = {path.name: _sha256(tmp) for tmp, path in written}
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
