"""What an audit worker process runs: check one file, or run the cross-year rules over one agency.

Both return small, picklable results: a file's diagnostics and a ``Summary`` (agency, year, format
version), never the Report itself. The rule packs are loaded once per process: inherited from the
parent when the worker is forked (``use``), loaded on first use otherwise.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from gilint.audit.agency import agency_of, file_agency, file_year
from gilint.audit.indicators import indicator_cells
from gilint.config import Config
from gilint.engine import ENGINE_RULES, Plugins, check_file, load_plugins, to_diagnostic
from gilint.model import Diagnostic, Finding, Report, Span
from gilint.parsers import read_bytes, read_document
from gilint.parsers.limits import value

_plugins: Plugins | None = None


def use(plugins: Plugins) -> None:
    """Run this process's tasks with ``plugins`` (set before forking, so workers inherit them)."""
    global _plugins
    _plugins = plugins


def current() -> Plugins:
    """The plugins tasks run with, loading the installed packs when none were set."""
    global _plugins
    if _plugins is None:
        _plugins = load_plugins()
    return _plugins


@dataclass
class Summary:
    """What the audit keeps of a structured report besides its diagnostics."""

    agency: str
    agency_source: str  # "title", "signature", "preamble", "file"
    year: int | None
    version: int | None  # 2019 or 2021: the format table 3 (else table 2) follows
    title: str | None
    kind: str | None  # the reader's kind: "text", "markdown", "html", "docx", "pdf"
    published: str | None = None  # the report's date, ISO
    published_source: str | None = None  # "signature", "meta" (the page's), "header"
    cells: dict[str, float] | None = None  # the cells the indicators use (``indicators.CELLS``), as read


def summarize(report: Report | None, path: str) -> Summary:
    """The ``Summary`` of ``report`` (None: the file could not be structured; the name tells what it can)."""
    agency, source = agency_of(report, path)
    if report is None:
        return Summary(agency, source, file_year(path), None, None, None)
    table = report.tables.get(3) or report.tables.get(2)
    published = report.published
    return Summary(
        agency,
        source,
        report.year or file_year(path),
        table.version if table else None,
        report.title,
        report.doc.kind,
        published.date.isoformat() if published else None,
        published.source if published else None,
        indicator_cells(report),
    )


@dataclass
class Outcome:
    """One checked file: its diagnostics (sorted) and summary."""

    path: str
    diagnostics: list[Diagnostic]
    summary: Summary
    elapsed: float


def check_task(task: tuple[str, Config, bytes | None]) -> Outcome:
    """Check one file with its configuration and bytes (``engine.check_file``; None: read them, which
    reports why they could not be read) and summarise it."""
    path, config, data = task
    started = time.perf_counter()
    result = check_file(path, config, current(), data)
    return Outcome(path, result.diagnostics, summarize(result.report, path), time.perf_counter() - started)


@dataclass
class Member:
    """One report of a series: where to read it, how to name it, what it must still hash to."""

    path: str  # absolute: read from here
    display: str  # the path diagnostics carry
    sha256: str
    config: Config


@dataclass
class SeriesTask:
    key: str  # the agency
    members: list[Member]  # oldest first, one per year


@dataclass
class SeriesOutcome:
    key: str
    diagnostics: list[tuple[int, Diagnostic]]  # (index of the member it is attached to, diagnostic)
    stale: list[int]  # members whose file changed or vanished since it was checked: left out


def series_task(task: SeriesTask) -> SeriesOutcome:
    """Re-read one agency's reports and run every enabled series rule over them (oldest first).
    A rule that raises gives GI900 on the newest report; its findings are dropped."""
    plugins = current()
    reports: list[Report] = []
    index: dict[int, int] = {}  # id(report) -> member index
    stale = []
    for i, member in enumerate(task.members):
        report = _load(member, plugins)
        if report is None:
            stale.append(i)
        else:
            index[id(report)] = i
            reports.append(report)
    out: list[tuple[int, Diagnostic]] = []
    if len(reports) < 2:
        return SeriesOutcome(task.key, out, stale)
    newest = task.members[index[id(reports[-1])]]
    for r in plugins.rules:
        if r.scope != "series" or not any(m.config.enabled(r.code, m.display) for m in task.members):
            continue
        try:
            found: list[tuple[Report, Finding]] = list(r.func(reports, r.context(newest.config)))  # type: ignore[arg-type,call-overload]
        except Exception as e:
            out.extend(_crashed(task, index[id(reports[-1])], r.code, r.name, e))
            continue
        for report, finding in found:
            at = index.get(id(report))
            if at is None:  # not one of the reports it was given
                continue
            m = task.members[at]
            if m.config.enabled(r.code, m.display):
                severity = m.config.severity_of(r.code, r.severity)
                out.append((at, to_diagnostic(r.code, r.category, severity, m.display, finding, report.doc)))
    return SeriesOutcome(task.key, out, stale)


def _load(member: Member, plugins: Plugins) -> Report | None:
    """The member's report, or None when its file is gone, too large, not a regular file or no longer the
    bytes checked."""
    from gilint.structure import build_report

    try:
        data = read_bytes(member.path, value("file-size"))
    except OSError:
        return None
    if data is None or hashlib.sha256(data).hexdigest() != member.sha256:
        return None
    reader = plugins.readers.get(Path(member.path).suffix.lower())
    try:
        return build_report(reader(data, member.path) if reader else read_document(member.path, data))
    except Exception:  # it was structured when checked; if that fails now, leave it out of the series
        return None


def _crashed(task: SeriesTask, i: int, code: str, name: str, e: Exception) -> list[tuple[int, Diagnostic]]:
    m = task.members[i]
    if not m.config.enabled("GI900", m.display, always=True):
        return []
    engine = next(r for r in ENGINE_RULES if r.code == "GI900")
    finding = Finding(
        Span(),
        f"跨年度规则 {code}（{name}）运行出错：{type(e).__name__}: {e}；该规则对“{task.key}”的结果未计入",
        f"series rule {code} ({name}) raised {type(e).__name__}: {e}: its findings for {task.key!r} are lost",
    )
    severity = m.config.severity_of("GI900", engine.severity)
    return [(i, to_diagnostic("GI900", engine.category, severity, m.display, finding, None))]


def engine_finding(code: str, path: str, config: Config, zh: str, en: str) -> list[Diagnostic]:
    """The engine's ``code`` for ``path`` (unless ignored): GI903 the work on it was aborted (worker died,
    time limit), GI904 it was not read, GI905 its submission asks to switch checks off."""
    if not config.enabled(code, path, always=True):
        return []
    engine = next(r for r in ENGINE_RULES if r.code == code)
    return [
        to_diagnostic(
            code, engine.category, config.severity_of(code, engine.severity), path, Finding(Span(), zh, en), None
        )
    ]


def fallback_summary(path: str) -> Summary:
    """The summary of a file that was never structured: what its name says."""
    return Summary(file_agency(path), "file", file_year(path), None, None, None)
