"""What an audit worker process runs: check one file, or run the series rules over one series.

Both return small, picklable results: a file's diagnostics and a ``Summary`` (agency, year, format
version), never the Report itself. A report whose reading is dear (``KEPT_KINDS``: read in a child
process, a PDF ~0.2 s) is also kept, pickled and compressed (~16 KB), in a file the audit names
(``keep``), so that the series stage loads it (~3 ms) instead of reading the file again; the series stage
still reads the file's bytes and checks their hash, and reads it anew when no kept copy is there. The
rule packs are loaded once per process: inherited from the parent when the worker is forked (``use``),
loaded on first use otherwise.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
import zlib
from dataclasses import dataclass

from gilint.audit.agency import agency_of, file_agency, file_year
from gilint.audit.indicators import indicator_cells
from gilint.config import Config
from gilint.engine import ENGINE_RULES, Plugins, check_file, check_series, load_plugins, read_file, to_diagnostic
from gilint.model import Diagnostic, Finding, Report, Span
from gilint.parsers import read_bytes
from gilint.parsers.limits import value
from gilint.series import Kind, Role, Series
from gilint.series import Member as SeriesMember

_plugins: Plugins | None = None
KEPT_KINDS = ("pdf", "docx", "image")  # read in a child process: ~30x dearer to read again than to keep and load


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
    kept: int = 0  # the bytes of the report kept in the task's ``keep`` file (0: none kept)


def check_task(task: tuple[str, Config, bytes | None, str | None]) -> Outcome:
    """Check one file with its configuration and bytes (``engine.check_file``; None: read them, which
    reports why they could not be read) and summarise it; keep its report in the file ``keep`` (None: do
    not) when it is of a year and dear to read again."""
    path, config, data, keep = task
    started = time.perf_counter()
    result = check_file(path, config, current(), data)
    summary = summarize(result.report, path)
    elapsed = time.perf_counter() - started
    kept = 0
    if keep and result.report is not None and summary.year is not None and result.report.doc.kind in KEPT_KINDS:
        kept = _keep(result.report, keep)
    return Outcome(path, result.diagnostics, summary, elapsed, kept)


def _keep(report: Report, keep: str) -> int:
    """Write ``report`` pickled and compressed to ``keep`` (through a temporary file, so that a worker
    dying on the way leaves no half of it); its size, 0 when it could not be written."""
    data = zlib.compress(pickle.dumps(report, pickle.HIGHEST_PROTOCOL), 1)
    try:
        with open(keep + ".part", "wb") as f:
            f.write(data)
        os.replace(keep + ".part", keep)
    except OSError:  # a full disk: the series stage reads the file again
        return 0
    return len(data)


@dataclass
class Member:
    """One report of a series: where to read it, how to name it, what it must still hash to, and (in an
    aggregate) the agency it is of, its role and level (``gilint.series.Member``)."""

    path: str  # absolute: read from here
    display: str  # the path diagnostics carry
    sha256: str
    config: Config
    agency: str = ""
    role: Role = ""
    level: str = ""
    kept: str = ""  # the file its report was kept in when it was checked ("": none, read it again)


@dataclass
class SeriesTask:
    key: str  # the agency; for an aggregate, the government and the year
    members: list[Member]  # oldest first, one per year; for an aggregate, the government first
    kind: Kind = "years"
    expected: tuple[str, ...] = ()  # aggregate: the agencies whose reports the government's aggregates


@dataclass
class SeriesOutcome:
    key: str
    diagnostics: list[tuple[int, Diagnostic]]  # (index of the member it is attached to, diagnostic)
    stale: list[int]  # members whose file changed or vanished since it was checked: left out


def series_task(task: SeriesTask) -> SeriesOutcome:
    """Load (or read again) the reports of one series and run the series rules over them
    (``engine.check_series``)."""
    plugins = current()
    loaded: list[tuple[int, Report]] = []
    stale = []
    for i, member in enumerate(task.members):
        report = _load(member, plugins)
        if report is None:
            stale.append(i)
        else:
            loaded.append((i, report))
    out: list[tuple[int, Diagnostic]] = []
    if len(loaded) < 2:
        return SeriesOutcome(task.key, out, stale)
    members = [task.members[i] for i, _ in loaded]
    series = Series(
        (SeriesMember(report, m.agency, m.role, m.level) for (_, report), m in zip(loaded, members, strict=True)),
        task.kind,
        task.key,
        task.expected,
    )
    found = check_series(series, [(m.display, m.config) for m in members], plugins)
    for (i, _), diagnostics in zip(loaded, found, strict=True):
        out.extend((i, d) for d in diagnostics)
    return SeriesOutcome(task.key, out, stale)


def _load(member: Member, plugins: Plugins) -> Report | None:
    """The member's report (the copy kept when it was checked, else read again), or None when its file is
    gone, too large, not a regular file or no longer the bytes checked."""
    from gilint.structure import build_report

    try:
        data = read_bytes(member.path, value("file-size"))
    except OSError:
        return None
    if data is None or hashlib.sha256(data).hexdigest() != member.sha256:
        return None
    if member.kept:
        try:
            with open(member.kept, "rb") as f:
                report: Report = pickle.loads(zlib.decompress(f.read()))
            report.doc.path = member.path  # as read again: checked under its display path
            return report
        except Exception:  # gone, or damaged: read the file again
            pass
    try:
        return build_report(read_file(member.path, plugins, data))
    except Exception:  # it was structured when checked; if that fails now, leave it out of the series
        return None


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
