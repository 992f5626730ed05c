"""Running an audit: read every file once, check the new and changed ones in parallel, then the series.

0. **Plan.** The paths are walked as by ``gilint check`` (``engine.plan``), each file with the office's
   configuration (``Resolver(roots=paths)``: ``--config``, or the one found from its audited folder
   up; a configuration inside a submission is reported as GI905, honoured only with
   ``honour_submission_config``). A symbolic link leading out of the audited folders, or anything but a
   regular file, is not read: it is stored as "skipped" with GI904.
1. **Read and check.** Each file, the largest first, is read once (at most the ``file-size`` limit,
   without blocking on what turned out not to be a regular file) and hashed. A file whose hash, rule
   set (``ruleset_key``) and configuration (``config_key``) match its stored row is not checked again:
   its stored findings stand. The bytes of the others go to the worker processes
   (``worker.check_task``: ``engine.check_file`` on those bytes, plus a small summary), read only as a
   worker is free for them; each result is stored as it arrives, committed in batches. A report dear
   to read (a PDF) is kept, pickled and compressed, in the run's work area (a private temporary folder,
   at most ``KEEP_BYTES``, removed when the run ends, however it ends short of SIGKILL; one a killed
   audit left is removed by the next audit) for the series stage. A worker that dies or runs past
   ``timeout`` gives the file GI903. Stored files under the audited paths that are no longer there are
   removed.
2. **Series.** Stored reports are grouped by agency (``agency.merge_names``); one report per agency and
   year takes part (a file of this run before an older one, text before PDF). Each agency with two or
   more years is a series (``gilint.series``, kind "years"); with an agency list, each year's report of a
   government with the reports of every agency listed under it (``parent``) and expected that year is an
   aggregate series, formed only when all of them are there. For each series whose members or rules
   changed since its last check, one worker task loads the members (the copies kept in step 1, else
   read again; either way only if the file still hashes to what was checked) and runs the series rules
   (``worker.series_task``: ``engine.check_series``); the findings are stored against the report each
   rule names (the later year; the government).

Ctrl-C (KeyboardInterrupt) stops the workers; every report stored so far stays, the run is marked
"interrupted" and the exception goes on to the caller.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import stat
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from gilint.audit import submission, worker
from gilint.audit.agencies import Agency, AgencyList
from gilint.audit.agency import Found, identify
from gilint.audit.db import AuditDB, SeriesCandidate
from gilint.audit.pool import Failure, Inline, Pool, make_pool
from gilint.audit.roster import roster
from gilint.config import Config, Overrides, Resolver
from gilint.engine import HONOURED, Plan, Plugins, plan
from gilint.model import Diagnostic
from gilint.parsers import NotRegularFile, limits, read_bytes
from gilint.series import Role

DEFAULT_TIMEOUT = float(limits.LIMITS["time"].default)
GRACE = 2.0  # seconds a worker has past the time limit: the reader's own limit answers first (GI004)
JOBS_PER_CORE = 4  # more workers than this per core only fill the memory
KEEP_BYTES = 256 << 20  # the reports kept for the series stage (~16 KB a PDF): past this, they are read again
WORK_AREA = "gilint-audit-"  # + PID + "-" + random: the name of a run's work area in the temporary folder
_DEPENDENCIES = ("pdfplumber", "pdfminer.six", "lxml", "beautifulsoup4", "charset-normalizer")
_ABORTED = {
    "died": (
        "worker-died",
        "检查这个文件的工作进程意外退出（{}），文件未检查完",
        "the worker process checking this file died ({}): the file was not fully checked",
    ),
    "timeout": (
        "timeout",
        "检查这个文件超过了时间上限（{}），已中止，文件未检查完",
        "checking this file ran past the time limit ({}) and was stopped: the file was not fully checked",
    ),
    "error": (
        "crashed",
        "检查这个文件时出错（{}），文件未检查完",
        "checking this file failed ({}): the file was not fully checked",
    ),
}
AGGREGATE_KEY = "{}{}年汇总"  # the series of a government's report of a year and those it aggregates
_SERIES_ABORTED = {
    "years": ("“{}”的跨年度检查中止（{}），结果未计入", "the cross-year checks of {!r} were aborted ({}): no results"),
    "aggregate": ("“{}”的检查中止（{}），结果未计入", "the aggregate checks of {!r} were aborted ({}): no results"),
}


class Progress(Protocol):
    """What the runner tells a progress display."""

    def stage(self, name: str, total: int) -> None:
        """A stage begins ("check": every file, read or skipped; "series") with ``total`` units of work."""

    def advance(self, findings: int = 0) -> None:
        """One unit is done; ``findings`` more diagnostics were found."""

    def tick(self) -> None:
        """Nothing finished yet: a chance to redraw (called about ten times a second)."""


class _Silent:
    def stage(self, name: str, total: int) -> None:
        return None

    def advance(self, findings: int = 0) -> None:
        return None

    def tick(self) -> None:
        return None


@dataclass
class AuditOptions:
    jobs: int = 0  # worker processes; 0: one per core; 1: in this process, without a pool
    timeout: float | None = DEFAULT_TIMEOUT  # seconds per file (per member for a series)
    force: bool = False  # check every file again, whatever the database holds
    honour_submission_config: bool = False  # honour configuration files and suppression comments of submissions
    agencies: AgencyList | None = None  # the office's list of the agencies it expects reports from


@dataclass
class AuditResult:
    run_id: int
    status: str  # "done" or "interrupted"
    counts: dict[str, int] = field(default_factory=dict)  # files checked skipped removed series_run series_kept
    warnings: list[str] = field(default_factory=list)  # configuration warnings of the plan
    elapsed: float = 0.0


@dataclass
class _Entry:
    display: str  # as walked: what diagnostics carry
    path: str  # absolute: the database key
    config: Config
    size: int | None  # as the walk found it: the largest are checked first
    config_key: str
    inside: list[Path]  # configuration files inside the submission (GI905)
    sha256: str = ""


def gilint_version() -> str:
    """The installed gilint's version ("unknown" when run from a bare checkout)."""
    try:
        return importlib.metadata.version("gilint")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def ruleset_key(plugins: Plugins) -> str:
    """A fingerprint of what decides a file's findings: gilint's version and source, every rule (code,
    pack, severity, options), the rule packs' and readers' source, the readers' library versions and the
    reading limits. Results stored under another key are recomputed."""
    h = hashlib.sha256()
    rules = sorted(
        (r.code, plugins.packs.get(r.code, ""), r.severity, r.scope, repr(sorted(r.options.items())))
        for r in plugins.rules
    )
    versions = []
    for name in _DEPENDENCIES:
        try:
            versions.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            versions.append((name, ""))
    h.update(json.dumps([gilint_version(), rules, sorted(plugins.readers), versions, limits.current()]).encode())
    for source in _sources(plugins):
        h.update(source.name.encode() + b"\0" + source.read_bytes())
    return h.hexdigest()


def _sources(plugins: Plugins) -> list[Path]:
    """The Python files of gilint and of every package a rule or reader comes from."""
    roots: set[Path] = {Path(__file__).resolve().parents[1]}
    for func in [*(r.func for r in plugins.rules), *plugins.readers.values()]:
        module = sys.modules.get(getattr(func, "__module__", "") or "")
        top = sys.modules.get((getattr(module, "__name__", "") or "").split(".")[0])
        file = getattr(top, "__file__", None)
        if file:
            path = Path(file).resolve()
            roots.add(path.parent if path.name == "__init__.py" else path)
    files = {f for root in roots for f in (root.rglob("*.py") if root.is_dir() else [root])}
    return sorted(files)


def config_key(config: Config, path: str, inside: Sequence[str] = ()) -> str:
    """A fingerprint of the configuration as it applies to ``path``, and of the configuration files found
    inside its submission (``inside``: their fingerprints, ``file_key``; what GI905 reports)."""
    data = [
        config.select,
        config.extend_select,
        config.ignore,
        sorted(config.ignored_for(path)),
        config.format_version,
        sorted(config.severity.items()),
        config.submission,
        {code: dict(options) for code, options in sorted(config.rules.items())},
        list(inside),
    ]
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=repr).encode()).hexdigest()


def file_key(path: Path) -> str:
    """A fingerprint of a (small) file: its name and content."""
    try:
        data = read_bytes(str(path), 1 << 20)
    except OSError:
        data = b"unreadable"
    return hashlib.sha256(os.fsencode(path) + b"\0" + (data if data is not None else b"large")).hexdigest()


def status_of(diagnostics: Sequence[Diagnostic]) -> str:
    """ "input-error" (GI901, or GI001: unreadable), "limit" (GI004: over a reading limit), "not-a-report"
    (GI003) or "ok"."""
    codes = {d.code for d in diagnostics}
    if codes & {"GI901", "GI001"}:
        return "input-error"
    if "GI004" in codes:
        return "limit"
    return "not-a-report" if "GI003" in codes else "ok"


def run_audit(
    paths: Sequence[str],
    db: AuditDB,
    plugins: Plugins,
    overrides: Overrides | None = None,
    options: AuditOptions | None = None,
    progress: Progress | None = None,
) -> AuditResult:
    """Audit the files under ``paths`` into ``db`` with the office's configuration (see the module).
    Raises ``ConfigError`` / ``MissingPath`` (from ``engine.plan``) before anything is stored, and
    KeyboardInterrupt after marking the run interrupted."""
    options = options or AuditOptions()
    overrides = replace(overrides or Overrides(), submission="honour" if options.honour_submission_config else "report")
    resolver = Resolver(overrides, roots=paths)
    todo = plan(paths, plugins, overrides, resolver)
    return _Audit(db, plugins, resolver, options, progress or _Silent()).run(paths, todo)


def jobs_for(requested: int) -> int:
    """The worker processes for ``requested`` (0: one per core), at most ``JOBS_PER_CORE`` per core."""
    cores = os.cpu_count() or 1
    return min(requested or cores, JOBS_PER_CORE * cores)


class _Audit:
    def __init__(
        self, db: AuditDB, plugins: Plugins, resolver: Resolver, options: AuditOptions, progress: Progress
    ) -> None:
        self.db, self.plugins, self.options, self.progress = db, plugins, options, progress
        self.resolver = resolver
        self.jobs = jobs_for(options.jobs)
        self.rules_key = ruleset_key(plugins)
        self.counts = dict.fromkeys(("files", "checked", "skipped", "removed", "series_run", "series_kept"), 0)
        self.run_id = 0
        self.stored = db.stored()
        self._file_keys: dict[Path, str] = {}  # of the configuration files inside submissions, this run
        self._area = ""  # the run's work area: the reports kept for the series stage
        self._kept: dict[str, str] = {}  # path -> the file its report was kept in, this run
        self._kept_bytes = 0

    def run(self, paths: Sequence[str], todo: Plan) -> AuditResult:
        started = time.monotonic()
        self.run_id = self.db.start_run(
            gilint_version(),
            self.rules_key,
            [(r.code, self.plugins.packs.get(r.code, "")) for r in self.plugins.rules],
            paths,
            self.jobs,
        )
        status = "failed"
        try:
            self._area = _work_area()
            self.db.begin()
            entries, refused = self._plan(paths, todo)
            worker.use(self.plugins)
            pool: Pool[object, object] | Inline[object, object]
            with make_pool(self.jobs) as pool:  # workers start as tasks need them
                self._check(pool, entries, refused)
                self._series(pool, {os.path.abspath(display): config for display, config in todo.files}, paths)
            with self.db.unit():
                self.db.save_submissions(
                    self.run_id, (s.row() for s in roster(self.db.reports_seen(self.run_id), self.options.agencies))
                )
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            if self._area:
                shutil.rmtree(self._area, ignore_errors=True)
            self.db.finish_run(self.run_id, status, self.counts)  # commits what was stored
        return AuditResult(self.run_id, status, dict(self.counts), todo.warnings, time.monotonic() - started)

    # ---------------------------------------------------------------- 0. plan

    def _plan(self, paths: Sequence[str], todo: Plan) -> tuple[list[_Entry], list[tuple[_Entry, str, str]]]:
        """The files to read, the largest first, and those not to read with why; the stored files that
        are gone are removed."""
        roots = submission.real_roots(paths)
        named = {os.path.abspath(p) for p in paths}
        entries: dict[str, _Entry] = {}
        refused = []
        for display, config in todo.files:
            path = os.path.abspath(display)
            if path in entries:
                continue
            inside = self.resolver.inside(display)
            try:
                size: int | None = os.stat(display).st_size
            except OSError:
                size = None
            keys = [self._file_keys.get(f) or self._file_keys.setdefault(f, file_key(f)) for f in inside]
            entries[path] = entry = _Entry(display, path, config, size, config_key(config, display, keys), inside)
            why = submission.refusal(display, path in named, roots)
            if why:
                refused.append((entry, *why))
        absolute = [os.path.abspath(p) for p in paths]
        gone = [row.id for path, row in self.stored.items() if path not in entries and _under(path, absolute)]
        with self.db.unit():
            self.db.remove(gone)
        self.counts.update(files=len(entries), removed=len(gone))
        skipped = {id(e) for e, _, _ in refused}
        return sorted((e for e in entries.values() if id(e) not in skipped), key=lambda e: -(e.size or 0)), refused

    # ---------------------------------------------------------------- 1. read and check

    def _check(
        self,
        pool: Pool[object, object] | Inline[object, object],
        entries: list[_Entry],
        refused: list[tuple[_Entry, str, str]],
    ) -> None:
        self.progress.stage("check", len(entries) + len(refused))
        for entry, zh, en in refused:
            self._save(
                entry,
                "skipped",
                worker.engine_finding("GI904", entry.display, entry.config, zh, en),
                None,
                worker.fallback_summary(entry.display),
            )
        by_task: dict[int, _Entry] = {}
        timeout = None if self.options.timeout is None else self.options.timeout + GRACE
        for task, result in pool.map(
            worker.check_task,  # type: ignore[arg-type]
            self._tasks(entries, by_task),
            timeout,
            self._tick,
        ):
            entry = by_task.pop(id(task))
            if isinstance(result, Failure):
                status, zh, en = _ABORTED[result.kind]
                detail = f"{self.options.timeout:g} s" if result.kind == "timeout" else result.detail
                diagnostics = worker.engine_finding(
                    "GI903", entry.display, entry.config, zh.format(detail), en.format(detail)
                )
                summary, elapsed = worker.fallback_summary(entry.display), None
            else:
                assert isinstance(result, worker.Outcome)
                diagnostics, summary, elapsed = result.diagnostics, result.summary, result.elapsed
                status = status_of(diagnostics)
                if result.kept:
                    self._kept[entry.path] = task[3]  # type: ignore[index]  # a check_task's task
                    self._kept_bytes += result.kept
            self._save(entry, status, diagnostics, elapsed, summary)

    def _tick(self) -> None:
        """While the workers are still at their tasks: redraw, and commit what is stored once it is due, so
        that what finished is in the database while a worker is still on a slow file."""
        self.progress.tick()
        self.db.commit_waiting()

    def _tasks(
        self, entries: list[_Entry], by_task: dict[int, _Entry]
    ) -> Iterator[tuple[str, Config, bytes | None, str | None]]:
        """Each file read once and hashed as a worker is free for it: an unchanged one is marked seen, a file
        that turned out not to be regular stored as skipped, the others yielded as tasks (their bytes;
        None: over the size limit or unreadable, the worker says which; and where to keep the report,
        None once the work area holds ``KEEP_BYTES``)."""
        seen: list[tuple[int, str]] = []  # unchanged: (id, display), marked in batches
        for entry in entries:
            try:
                data = read_bytes(entry.display, limits.value("file-size"))
                entry.sha256 = _hash(entry, data)
            except NotRegularFile:
                self._save(
                    entry,
                    "skipped",
                    worker.engine_finding(
                        "GI904",
                        entry.display,
                        entry.config,
                        "这不是普通文件，未读取",
                        "it is not a regular file: not read",
                    ),
                    None,
                    worker.fallback_summary(entry.display),
                )
                continue
            except OSError:
                data = None
            row = self.stored.get(entry.path)
            if (
                row is not None
                and not self.options.force
                and entry.sha256
                and row.sha256 == entry.sha256
                and row.rules_key == self.rules_key
                and row.config_key == entry.config_key
            ):
                seen.append((row.id, entry.display))
                if len(seen) >= self.db.batch:
                    self._mark_seen(seen)
                self.counts["skipped"] += 1
                self.progress.advance(row.findings)  # its stored findings count among those found so far
                continue
            keep = self._keep_file(entry) if self._kept_bytes < KEEP_BYTES else None
            task = (entry.display, entry.config, data, keep)
            by_task[id(task)] = entry
            yield task
        self._mark_seen(seen)

    def _keep_file(self, entry: _Entry) -> str | None:
        """The file in the work area to keep ``entry``'s report in (named by its path and hash), None without
        a work area."""
        if not self._area:
            return None
        name = hashlib.sha256(os.fsencode(entry.path) + b"\0" + entry.sha256.encode()).hexdigest()
        return os.path.join(self._area, name)

    def _mark_seen(self, seen: list[tuple[int, str]]) -> None:
        with self.db.unit():
            self.db.mark_seen(self.run_id, seen)
        self.db.commit_if_due(len(seen))
        seen.clear()

    def _save(
        self, entry: _Entry, status: str, diagnostics: list[Diagnostic], elapsed: float | None, summary: worker.Summary
    ) -> None:
        """Store one file's row and findings (with GI905 for each configuration file inside its submission)."""
        found = [*diagnostics, *self._asked(entry)]
        with self.db.unit():
            self.db.save_report(
                self.run_id,
                entry.path,
                entry.display,
                entry.sha256,
                entry.size,
                self.rules_key,
                entry.config_key,
                vars(summary),
                status,
                elapsed,
                found,
            )
        self.db.commit_if_due()
        self.counts["checked"] += status != "skipped"
        self.progress.advance(len(found))

    def _asked(self, entry: _Entry) -> list[Diagnostic]:
        done_zh, done_en = HONOURED["honour" if self.options.honour_submission_config else "report"]
        out = []
        for config in entry.inside:
            zh, en, valid = submission.asked(config, entry.display)
            if valid:
                zh, en = f"{zh}，{done_zh}", f"{en}: {done_en}"
            out += worker.engine_finding("GI905", entry.display, entry.config, zh, en)
        return out

    # ---------------------------------------------------------------- 2. series

    def _series(
        self, pool: Pool[object, object] | Inline[object, object], configs: dict[str, Config], paths: Sequence[str]
    ) -> None:
        candidates = self.db.candidates()
        roots = [os.path.abspath(p) for p in paths if os.path.isdir(p)]
        names = identify(
            [Found(c.id, c.path, c.agency_found, c.agency_source) for c in candidates], roots, self.options.agencies
        )
        with self.db.unit():
            self.db.set_agencies([(c.id, *names[c.id]) for c in candidates if names[c.id] != (c.agency, c.identity)])
        groups: dict[str, list[SeriesCandidate]] = defaultdict(list)
        for c in candidates:
            if (
                c.status == "ok"
                and c.year is not None
                and names[c.id][0]
                and (c.seen_run == self.run_id or os.path.exists(c.path))
            ):
                groups[names[c.id][0]].append(c)
        stored = self.db.signatures()
        tasks: list[worker.SeriesTask] = []
        signatures: dict[str, str] = {}
        ids: dict[str, list[int]] = {}

        def member(c: SeriesCandidate, agency: str = "", role: Role = "", level: str = "") -> worker.Member:
            config = configs.get(c.path) or self.resolver.for_path(c.path)
            kept = self._kept.get(c.path, "")
            return worker.Member(c.path, c.display, c.sha256, config, agency, role, level, kept)

        def add(task: worker.SeriesTask, chosen: list[SeriesCandidate]) -> None:
            signatures[task.key] = hashlib.sha256(
                json.dumps([self.rules_key, [(c.path, c.sha256, c.config_key) for c in chosen]]).encode()
            ).hexdigest()
            ids[task.key] = [c.id for c in chosen]
            if self.options.force or stored.get(task.key) != signatures[task.key]:
                tasks.append(task)

        yearly: dict[tuple[str, int], SeriesCandidate] = {}  # (agency, year) -> the report taking part
        for agency, group in sorted(groups.items()):
            chosen = self._one_per_year(group)
            yearly.update(((agency, c.year), c) for c in chosen)  # type: ignore[misc]
            if len(chosen) >= 2:
                add(worker.SeriesTask(agency, [member(c) for c in chosen]), chosen)
        for government, year, parts in _aggregates(self.options.agencies, yearly):
            chosen = [yearly[(government.name, year)], *(yearly[(a.name, year)] for a in parts)]
            members = [
                member(c, a.name, "government" if a is government else "part", a.level)
                for c, a in zip(chosen, [government, *parts], strict=True)
            ]
            key = AGGREGATE_KEY.format(government.name, year)
            add(worker.SeriesTask(key, members, "aggregate", tuple(a.name for a in parts)), chosen)
        with self.db.unit():
            self.db.drop_series(set(stored) - set(signatures))
        self.counts.update(series_run=0, series_kept=len(signatures) - len(tasks))
        self.progress.stage("series", len(tasks))
        timeout = (
            None
            if self.options.timeout is None
            else self.options.timeout * max((len(t.members) for t in tasks), default=1) + GRACE
        )
        tasks.sort(key=lambda t: -len(t.members))
        for task, result in pool.map(worker.series_task, tasks, timeout, self._tick):  # type: ignore[arg-type]
            assert isinstance(task, worker.SeriesTask)
            signature = signatures[task.key]
            if isinstance(result, Failure):
                head = 0 if task.kind == "aggregate" else len(task.members) - 1  # the government; the newest
                zh, en = _SERIES_ABORTED[task.kind]
                found = [
                    (head, d)
                    for d in worker.engine_finding(
                        "GI903",
                        task.members[head].display,
                        task.members[head].config,
                        zh.format(task.key, result.detail),
                        en.format(task.key, result.detail),
                    )
                ]
                signature = ""  # try again next time
            else:
                assert isinstance(result, worker.SeriesOutcome)
                found = result.diagnostics
                if result.stale:
                    signature = ""
            with self.db.unit():
                self.db.replace_series(task.key, signature, self.run_id, [(ids[task.key][i], d) for i, d in found])
            self.db.commit_if_due()
            self.counts["series_run"] += 1
            self.progress.advance(len(found))

    def _one_per_year(self, group: list[SeriesCandidate]) -> list[SeriesCandidate]:
        """One report per year, oldest first: a file of this run before an older one, then not a PDF
        (text extraction from PDF is the least exact), then by path."""
        best: dict[int, SeriesCandidate] = {}
        for c in sorted(group, key=lambda c: (c.seen_run != self.run_id, c.kind == "pdf", c.path)):
            best.setdefault(c.year, c)  # type: ignore[arg-type]
        return [best[year] for year in sorted(best)]


def _aggregates(
    agencies: AgencyList | None, yearly: dict[tuple[str, int], SeriesCandidate]
) -> Iterator[tuple[Agency, int, list[Agency]]]:
    """Each government of the list with a report of a year, and the agencies the list gives it as parent that
    are expected to report that year, when every one of them has a report of that year taking part (else
    nothing is sure, and there is no aggregate)."""
    if agencies is None:
        return
    children: dict[str, list[Agency]] = defaultdict(list)
    for a in agencies.agencies:
        if a.parent is not None:
            children[a.parent].append(a)
    for agency, year in sorted(k for k in yearly if k[0] in children):
        government = agencies.named(agency)
        parts = sorted((a for a in children[agency] if a.expects(year)), key=lambda a: a.name)
        if government is not None and parts and all((a.name, year) in yearly for a in parts):
            yield government, year, parts


def _work_area() -> str:
    """A private temporary folder for the run's kept reports, named by this process ("" when none can be
    made: nothing is kept). The work areas that killed audits left (``_left_behind``) are removed first."""
    for left in _left_behind(tempfile.gettempdir()):
        shutil.rmtree(left, ignore_errors=True)
    try:
        return tempfile.mkdtemp(prefix=f"{WORK_AREA}{os.getpid()}-")
    except OSError:
        return ""


def _left_behind(folder: str) -> list[str]:
    """The work areas in ``folder`` that an audit killed by SIGKILL (which no clean-up survives) left: named
    by a process of this machine that is no longer running, and this user's. Removing one an audit still
    uses (say, of another PID namespace sharing the folder) costs no data: that audit reads its members
    again."""
    found = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        pid, _, rest = name.removeprefix(WORK_AREA).partition("-")
        if not name.startswith(WORK_AREA) or not pid.isdigit() or not rest or int(pid) == os.getpid():
            continue
        path = os.path.join(folder, name)
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not _running(int(pid)):
            found.append(path)
    return found


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists (one of another user's counts: it cannot be signalled, but it runs)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError, or a PID out of range: assume it runs, keep its folder
        return True
    return True


def _under(path: str, roots: Sequence[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _hash(entry: _Entry, data: bytes | None) -> str:
    """The sha256 of the file's bytes; for a file over the size limit (not read), its size and time."""
    if data is not None:
        return hashlib.sha256(data).hexdigest()
    st = os.stat(entry.display)
    return f"size:{st.st_size}:{st.st_mtime_ns}"
