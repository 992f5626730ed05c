"""Running an audit: hash every file, check the new and changed ones in parallel, then the series.

1. **Hash.** Each file of the plan (``engine.plan``: the walk and each file's configuration) is hashed
   (sha256). A file whose hash, rule set (``ruleset_key``) and configuration (``config_key``) match its
   stored row is not read again: its stored findings stand. Stored files under the audited paths that
   are no longer there are removed.
2. **Check.** The other files go to the worker processes (``worker.check_task``: ``engine.check_file``
   plus a small summary); each result is stored as it arrives, committed in batches. A worker that
   dies or runs past ``timeout`` gives the file GI903.
3. **Series.** Stored reports are grouped by agency (``agency.merge_names``); one report per agency and
   year takes part (a file of this run before an older one, text before PDF). For each agency with two
   or more years whose members or rules changed since its last check, one worker task re-reads the
   members and runs the series rules (``worker.series_task``); the findings are stored against the
   report each rule names (the later year).

Ctrl-C (KeyboardInterrupt) stops the workers; every report stored so far stays, the run is marked
"interrupted" and the exception goes on to the caller.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from gilint.audit import worker
from gilint.audit.agency import merge_names
from gilint.audit.db import AuditDB, SeriesCandidate
from gilint.audit.pool import Failure, Inline, Pool, make_pool
from gilint.config import Config, Overrides, Resolver
from gilint.engine import Plan, Plugins, plan
from gilint.model import Diagnostic
from gilint.parsers import MAX_BYTES

DEFAULT_TIMEOUT = 60.0
_DEPENDENCIES = ("pdfplumber", "pdfminer.six", "lxml", "beautifulsoup4", "charset-normalizer")
_ABORTED = {
    "died": ("worker-died", "检查这个文件的工作进程意外退出（{}），文件未检查完",
             "the worker process checking this file died ({}): the file was not fully checked"),
    "timeout": ("timeout", "检查这个文件超过了时间上限（{}），已中止，文件未检查完",
                "checking this file ran past the time limit ({}) and was stopped: the file was not fully checked"),
    "error": ("crashed", "检查这个文件时出错（{}），文件未检查完",
              "checking this file failed ({}): the file was not fully checked"),
}
_SERIES_ABORTED = ("“{}”的跨年度检查中止（{}），结果未计入",
                   "the cross-year checks of {!r} were aborted ({}): no results")


class Progress(Protocol):
    """What the runner tells a progress display."""

    def stage(self, name: str, total: int) -> None:
        """A stage begins ("hash", "check", "series") with ``total`` units of work."""

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
    sha256: str
    size: int | None
    config_key: str


def gilint_version() -> str:
    """The installed gilint's version ("unknown" when run from a bare checkout)."""
    try:
        return importlib.metadata.version("gilint")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def ruleset_key(plugins: Plugins) -> str:
    """A fingerprint of what decides a file's findings: gilint's version and source, every rule (code,
    pack, severity, options), the rule packs' and readers' source, and the readers' library versions.
    Results stored under another key are recomputed."""
    h = hashlib.sha256()
    rules = sorted((r.code, plugins.packs.get(r.code, ""), r.severity, r.scope, repr(sorted(r.options.items())))
                   for r in plugins.rules)
    versions = []
    for name in _DEPENDENCIES:
        try:
            versions.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            versions.append((name, ""))
    h.update(json.dumps([gilint_version(), rules, sorted(plugins.readers), versions]).encode())
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


def config_key(config: Config, path: str) -> str:
    """A fingerprint of the configuration as it applies to ``path``."""
    data = [config.select, config.extend_select, config.ignore, sorted(config.ignored_for(path)),
            config.format_version, sorted(config.severity.items()),
            {code: dict(options) for code, options in sorted(config.rules.items())}]
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=repr).encode()).hexdigest()


def digest(path: str) -> tuple[str, int | None]:
    """The file's sha256 and size; ("", None) when it cannot be read. A file over the readers' size cap
    is not read through: its size and time stand in for the hash."""
    try:
        st = os.stat(path)
        if st.st_size > MAX_BYTES:
            return f"size:{st.st_size}:{st.st_mtime_ns}", st.st_size
        h = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
        return h.hexdigest(), st.st_size
    except OSError:
        return "", None


def status_of(diagnostics: Sequence[Diagnostic]) -> str:
    """"input-error" (GI901, or GI001: unreadable), "not-a-report" (GI003) or "ok"."""
    codes = {d.code for d in diagnostics}
    if codes & {"GI901", "GI001"}:
        return "input-error"
    return "not-a-report" if "GI003" in codes else "ok"


def run_audit(paths: Sequence[str], db: AuditDB, plugins: Plugins, overrides: Overrides | None = None,
              options: AuditOptions | None = None, progress: Progress | None = None) -> AuditResult:
    """Audit the files under ``paths`` into ``db``. Raises ``ConfigError`` / FileNotFoundError (from
    ``engine.plan``) before anything is stored, and KeyboardInterrupt after marking the run interrupted."""
    todo = plan(paths, plugins, overrides)
    return _Audit(db, plugins, overrides, options or AuditOptions(), progress or _Silent()).run(paths, todo)


class _Audit:
    def __init__(self, db: AuditDB, plugins: Plugins, overrides: Overrides | None, options: AuditOptions,
                 progress: Progress) -> None:
        self.db, self.plugins, self.options, self.progress = db, plugins, options, progress
        self.resolver = Resolver(overrides)
        self.jobs = options.jobs or os.cpu_count() or 1
        self.rules_key = ruleset_key(plugins)
        self.counts = dict.fromkeys(("files", "checked", "skipped", "removed", "series_run", "series_kept"), 0)
        self.run_id = 0

    def run(self, paths: Sequence[str], todo: Plan) -> AuditResult:
        started = time.monotonic()
        self.run_id = self.db.start_run(gilint_version(), self.rules_key,
                                        [(r.code, self.plugins.packs.get(r.code, "")) for r in self.plugins.rules],
                                        paths, self.jobs)
        status = "failed"
        try:
            self.db.begin()
            work = self._hash(paths, todo)
            worker.use(self.plugins)
            pool: Pool[object, object] | Inline[object, object]
            with make_pool(self.jobs) as pool:  # workers start as tasks need them
                self._check(pool, work)
                self._series(pool, {os.path.abspath(display): config for display, config in todo.files})
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            self.db.finish_run(self.run_id, status, self.counts)  # commits what was stored
        return AuditResult(self.run_id, status, dict(self.counts), todo.warnings, time.monotonic() - started)

    # ---------------------------------------------------------------- 1. hash

    def _hash(self, paths: Sequence[str], todo: Plan) -> list[_Entry]:
        stored = self.db.stored()
        self.progress.stage("hash", len(todo.files))
        work: list[_Entry] = []
        seen: list[tuple[int, str]] = []
        present: set[str] = set()
        for display, config in todo.files:
            path = os.path.abspath(display)
            if path in present:
                self.progress.advance()
                continue
            present.add(path)
            sha, size = digest(path)
            key = config_key(config, display)
            row = stored.get(path)
            if (row is not None and not self.options.force and sha and row.sha256 == sha
                    and row.rules_key == self.rules_key and row.config_key == key):
                seen.append((row.id, display))
                self.progress.advance(row.findings)  # its stored findings count among those found so far
            else:
                work.append(_Entry(display, path, config, sha, size, key))
                self.progress.advance()
        roots = [os.path.abspath(p) for p in paths]
        gone = [row.id for path, row in stored.items() if path not in present and _under(path, roots)]
        with self.db.unit():
            self.db.mark_seen(self.run_id, seen)
            self.db.remove(gone)
        self.db.commit_if_due(len(seen))
        self.counts.update(files=len(present), skipped=len(seen), removed=len(gone))
        return sorted(work, key=lambda e: -(e.size or 0))  # the slowest (largest) first: better balance

    # ---------------------------------------------------------------- 2. check

    def _check(self, pool: Pool[object, object] | Inline[object, object], work: list[_Entry]) -> None:
        self.progress.stage("check", len(work))
        tasks = [(e.display, e.config) for e in work]
        by_task = {id(t): e for t, e in zip(tasks, work, strict=True)}
        for task, result in pool.map(worker.check_task, tasks, self.options.timeout,  # type: ignore[arg-type]
                                     self.progress.tick):
            entry = by_task[id(task)]
            if isinstance(result, Failure):
                status, zh, en = _ABORTED[result.kind]
                diagnostics = worker.aborted(entry.display, entry.config, zh.format(result.detail),
                                             en.format(result.detail))
                summary, elapsed = worker.fallback_summary(entry.display), None
            else:
                assert isinstance(result, worker.Outcome)
                diagnostics, summary, elapsed = result.diagnostics, result.summary, result.elapsed
                status = status_of(diagnostics)
            with self.db.unit():
                self.db.save_report(self.run_id, entry.path, entry.display, entry.sha256, entry.size, self.rules_key,
                                    entry.config_key, vars(summary), status, elapsed, diagnostics)
            self.db.commit_if_due()
            self.counts["checked"] += 1
            self.progress.advance(len(diagnostics))

    # ---------------------------------------------------------------- 3. series

    def _series(self, pool: Pool[object, object] | Inline[object, object], configs: dict[str, Config]) -> None:
        candidates = self.db.candidates()
        names = merge_names(c.agency_found for c in candidates)
        with self.db.unit():
            self.db.set_agencies([(c.id, names[c.agency_found]) for c in candidates
                                  if names[c.agency_found] != c.agency])
        groups: dict[str, list[SeriesCandidate]] = defaultdict(list)
        for c in candidates:
            if c.status == "ok" and c.year is not None and (c.seen_run == self.run_id or os.path.exists(c.path)):
                groups[names[c.agency_found]].append(c)
        stored = self.db.signatures()
        tasks: list[worker.SeriesTask] = []
        signatures: dict[str, str] = {}
        ids: dict[str, list[int]] = {}
        for agency, group in sorted(groups.items()):
            chosen = self._one_per_year(group)
            if len(chosen) < 2:
                continue
            members = [worker.Member(c.path, c.display, c.sha256, configs.get(c.path) or self.resolver.for_path(c.path))
                       for c in chosen]
            signatures[agency] = hashlib.sha256(json.dumps(
                [self.rules_key, [(c.path, c.sha256, c.config_key) for c in chosen]]).encode()).hexdigest()
            ids[agency] = [c.id for c in chosen]
            if self.options.force or stored.get(agency) != signatures[agency]:
                tasks.append(worker.SeriesTask(agency, members))
        with self.db.unit():
            self.db.drop_series(set(stored) - set(signatures))
        self.counts.update(series_run=0, series_kept=len(signatures) - len(tasks))
        self.progress.stage("series", len(tasks))
        timeout = None if self.options.timeout is None else self.options.timeout * max(
            (len(t.members) for t in tasks), default=1)
        tasks.sort(key=lambda t: -len(t.members))
        for task, result in pool.map(worker.series_task, tasks, timeout, self.progress.tick):  # type: ignore[arg-type]
            assert isinstance(task, worker.SeriesTask)
            signature = signatures[task.key]
            if isinstance(result, Failure):
                newest = task.members[-1]
                zh, en = _SERIES_ABORTED
                found = [(len(task.members) - 1, d) for d in worker.aborted(
                    newest.display, newest.config, zh.format(task.key, result.detail),
                    en.format(task.key, result.detail))]
                signature = ""  # try again next time
            else:
                assert isinstance(result, worker.SeriesOutcome)
                found = result.diagnostics
                if result.stale:
                    signature = ""
            with self.db.unit():
                self.db.replace_series(task.key, signature, self.run_id,
                                       [(ids[task.key][i], d) for i, d in found])
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


def _under(path: str, roots: Sequence[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
