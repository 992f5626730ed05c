"""The audit database (SQLite, one file): runs, reports, findings and cross-year series.

``runs``      one row per ``gilint audit``: when, which gilint and rules, which paths, how many jobs,
              how it ended ("running", "done", "interrupted", "failed") and its counts.
``reports``   one row per file (keyed by its absolute path): its sha256 and size, the rule-set and
              configuration keys it was checked under, agency (``agency`` is the series' name,
              ``agency_found`` what the file itself gave and from where), year, format version, status
              ("ok", "input-error", "not-a-report", "timeout", "worker-died"), counts by severity, the
              run that checked it (``run_id``) and the last run that saw it on disk (``seen_run``).
``findings``  one row per diagnostic; ``series`` is NULL for a file's own findings and names the
              agency for a cross-year finding (attached to the later report).
``series``    one row per agency whose reports were checked together, with the signature of what was
              checked (the members' hashes, the rule set) so that an unchanged series is not re-run.

Writes happen in explicit transactions that the caller commits in batches (``commit_if_due``), so an
interrupted audit leaves every report either wholly stored or not at all.

One audit at a time: opening takes an exclusive lock on the file (``flock``; released when the process
ends, however it ends) and a second audit is refused with a "busy" ``DBError`` naming the first. The
schema is created, or migrated from an older version, in one transaction under SQLite's write lock;
a file that is not SQLite, is damaged (``PRAGMA quick_check``) or holds other tables is refused. Runs
left "running" by an audit that was killed are marked "interrupted" when the next one opens the file.

A path is stored as text, or, when it is not UTF-8 (a name unzip left in GBK), as the bytes of the
name (a BLOB in the same column), so that it is found again; ``display`` is always printable text.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import stat
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gilint.model import Diagnostic, Span, Where
from gilint.text import path_text, window

SCHEMA_VERSION = 3
APPLICATION_ID = 0x47494C54  # "GILT", in the file's header: this is an audit database
_SCHEMA = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    ended TEXT,
    status TEXT NOT NULL,
    gilint_version TEXT NOT NULL,
    rules_key TEXT NOT NULL,
    rules TEXT NOT NULL,            -- JSON: [[code, pack], ...]
    paths TEXT NOT NULL,            -- JSON: the paths given
    jobs INTEGER NOT NULL,
    files INTEGER,
    checked INTEGER,
    skipped INTEGER,
    removed INTEGER,
    series_run INTEGER,
    series_kept INTEGER,
    pid INTEGER                     -- the process that ran it (schema 2)
);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    display TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER,
    rules_key TEXT NOT NULL,
    config_key TEXT NOT NULL,
    kind TEXT,
    agency TEXT NOT NULL,
    agency_found TEXT NOT NULL,
    agency_source TEXT NOT NULL,
    year INTEGER,
    version INTEGER,
    title TEXT,
    status TEXT NOT NULL,
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    infos INTEGER NOT NULL DEFAULT 0,
    elapsed REAL,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    seen_run INTEGER NOT NULL,
    identity TEXT,                  -- how the agency was known: list, folder, title, ..., unknown (schema 3)
    published TEXT,                 -- the report's date (ISO), from its signature or page (schema 3)
    published_source TEXT,          -- signature, meta, header (schema 3)
    cells TEXT                      -- JSON: the table cells the indicators use, {cell id: value} (schema 3)
);
CREATE INDEX reports_seen ON reports(seen_run);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    series TEXT,
    code TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    line INTEGER,
    "column" INTEGER,
    end_line INTEGER,
    end_column INTEGER,
    page INTEGER,
    logical TEXT,
    message_zh TEXT NOT NULL,
    message_en TEXT NOT NULL,
    hint_zh TEXT,
    hint_en TEXT,
    excerpt TEXT,
    excerpt_start INTEGER NOT NULL DEFAULT 0,
    damage INTEGER NOT NULL,
    place TEXT
);
CREATE INDEX findings_report ON findings(report_id);
CREATE INDEX findings_series ON findings(series);
CREATE TABLE series (
    agency TEXT PRIMARY KEY,
    signature TEXT NOT NULL,
    run_id INTEGER NOT NULL
);
"""
_SUBMISSIONS = """
CREATE TABLE submissions (
    run_id INTEGER NOT NULL,
    agency TEXT NOT NULL,           -- "" for a report of an unknown agency
    level TEXT NOT NULL,
    listed INTEGER NOT NULL,        -- 1: on the office's agency list
    year INTEGER NOT NULL,
    status TEXT NOT NULL,           -- on-time, late, undated, unreadable, missing
    copies INTEGER NOT NULL,        -- files submitted for the agency and year (2 or more: submitted twice)
    published TEXT,
    deadline TEXT NOT NULL,
    reports TEXT NOT NULL           -- JSON: [report id, ...]
);
CREATE INDEX submissions_run ON submissions(run_id, agency, year);
"""
_SCHEMA += _SUBMISSIONS
_MIGRATIONS = {  # from version N to N + 1
    1: ["ALTER TABLE runs ADD COLUMN pid INTEGER"],
    # the date of each report is read on the next run: every file is checked again (its rules_key cleared)
    2: [
        "ALTER TABLE reports ADD COLUMN identity TEXT",
        "ALTER TABLE reports ADD COLUMN published TEXT",
        "ALTER TABLE reports ADD COLUMN published_source TEXT",
        "ALTER TABLE reports ADD COLUMN cells TEXT",
        "ALTER TABLE findings ADD COLUMN place TEXT",
        "UPDATE reports SET rules_key = ''",
        *(statement for statement in _SUBMISSIONS.split(";") if statement.strip()),
    ],
}
_FINDING_COLUMNS = (
    'report_id, series, code, category, severity, line, "column", end_line, end_column, page, '
    "logical, message_zh, message_en, hint_zh, hint_en, excerpt, excerpt_start, damage, place"
)


_WHERE_FIELDS = tuple(f.name for f in dataclasses.fields(Where))  # scalars: no ``asdict`` (a deep copy) needed


def _place(where: Where | None) -> str | None:
    """A finding's human location (``gilint.locate``) as stored: its fields as JSON."""
    if where is None:
        return None
    fields = ((k, getattr(where, k)) for k in _WHERE_FIELDS)
    return json.dumps({k: v for k, v in fields if v not in (None, False)}, ensure_ascii=False)


class DBError(Exception):
    """The database file cannot be used (not SQLite, damaged, made by an incompatible gilint, or in use by
    another audit)."""


def _key(path: str) -> str | bytes:
    """How ``path`` is stored: as text, or as the bytes of its name when it is not UTF-8."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def _path(stored: str | bytes) -> str:
    return os.fsdecode(stored) if isinstance(stored, bytes) else stored


@dataclass
class Stored:
    """What the cache decision needs of a stored report."""

    id: int
    path: str
    sha256: str
    rules_key: str
    config_key: str
    findings: int


@dataclass
class SeriesCandidate:
    """A stored report that may join its agency's series."""

    id: int
    path: str  # absolute, as the file system names it
    display: str  # printable
    sha256: str
    config_key: str
    agency_found: str
    agency_source: str
    agency: str
    identity: str | None
    year: int | None
    kind: str | None
    status: str
    seen_run: int


_SHARED = frozenset({2, 3, 4, 5, 6, 8, 13})  # the columns of ReportRow many reports share


@dataclass(slots=True)
class ReportRow:
    """A stored report as the outputs show it."""

    id: int
    path: str  # as given on the command line, printable
    agency: str  # "": not known
    agency_source: str
    year: int | None
    version: int | None
    kind: str | None
    title: str | None
    status: str
    errors: int
    warnings: int
    infos: int
    identity: str | None = None
    published: str | None = None
    cells: str | None = None  # JSON


@dataclass
class StoredDiagnostic:
    """A stored diagnostic, with how many characters were cut off the front of its excerpt."""

    report_id: int
    diagnostic: Diagnostic
    excerpt_start: int
    series: str | None


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class AuditDB:
    """An open audit database; ``begin``/``commit`` bracket the writes."""

    def __init__(self, path: str | Path, batch: int = 200, every: float = 1.0) -> None:
        self.path = str(path)
        self.batch, self.every = batch, every
        self._open = False
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(self.path)
        except OSError as e:
            raise DBError(f"{self.path}: cannot open the audit database ({e.strerror or e})") from e
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._prepare()
        except sqlite3.DatabaseError as e:
            os.close(self._lock)
            raise DBError(f"{self.path}: cannot use the audit database ({e}); remove it or choose another --db") from e
        except DBError:
            self.conn.close()
            os.close(self._lock)
            raise
        self._pending = 0
        self._last = time.monotonic()
        self._open = True

    def _prepare(self) -> None:
        """Check the file, and create or migrate the schema, in one transaction under the write lock."""
        if self.conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DBError(
                f"{self.path}: the audit database is damaged (PRAGMA quick_check fails); remove it or "
                "choose another --db"
            )
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            tables = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if version == 0 and tables == 0:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                version = SCHEMA_VERSION
            elif version not in range(1, SCHEMA_VERSION + 1) or self._foreign():
                raise DBError(
                    f"{self.path}: not an audit database of this gilint (schema {version}, expected "
                    f"{SCHEMA_VERSION}); remove it or choose another --db"
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[step]:
                    try:
                        self.conn.execute(statement)
                    except sqlite3.OperationalError as e:  # a half-made file: say what it lacks
                        self._check_schema()
                        raise DBError(
                            f"{self.path}: cannot migrate the audit database from schema {step} ({e}); "
                            "remove it or choose another --db"
                        ) from e
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._check_schema()
            self.conn.execute(
                "UPDATE runs SET status = 'interrupted', ended = coalesce(ended, ?) WHERE status = 'running'", (now(),)
            )  # left by an audit that was killed
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _foreign(self) -> bool:
        """Whether the file says it belongs to another application."""
        found = self.conn.execute("PRAGMA application_id").fetchone()[0]
        return found not in (0, APPLICATION_ID)

    def _check_schema(self) -> None:
        """Raise ``DBError`` unless every table has every column this gilint writes."""
        for statement in _SCHEMA.split(";"):
            words = statement.split()
            if words[:2] != ["CREATE", "TABLE"]:
                continue
            table = words[2]
            have = {row[1] for row in self.conn.execute(f"PRAGMA table_info({table})")}
            want = {
                line.split()[0].strip('"')
                for line in statement.split("(", 1)[1].splitlines()
                if line.strip() and not line.strip().startswith((")", "--"))
            }
            if not want <= have:
                raise DBError(
                    f"{self.path}: not an audit database of this gilint (table {table} lacks "
                    f"{', '.join(sorted(want - have))}); remove it or choose another --db"
                )

    def close(self) -> None:
        """Commit what is pending and close (once; closing again does nothing)."""
        if self._open:
            self._open = False
            try:
                if self.conn.in_transaction:
                    self.conn.commit()
            finally:
                self.conn.close()
                os.close(self._lock)

    # ---------------------------------------------------------------- transactions

    def begin(self) -> None:
        """Open a transaction (unless one is open)."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
            self._pending = 0
            self._last = time.monotonic()

    def commit(self) -> None:
        """Commit the open transaction, if any."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self._pending = 0
        self._last = time.monotonic()

    @contextmanager
    def unit(self) -> Iterator[None]:
        """One unit of writes (a report, a series): stored whole or, when anything raises (Ctrl-C
        included), not at all."""
        self.conn.execute("SAVEPOINT unit")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO unit")
            self.conn.execute("RELEASE unit")
            raise
        self.conn.execute("RELEASE unit")

    def commit_waiting(self) -> None:
        """Commit the reports stored so far once ``every`` s have passed since the last commit, when nothing
        new is written (``commit_if_due`` is called as reports are written)."""
        if self._pending and time.monotonic() - self._last >= self.every:
            self.commit()
            self.begin()

    def commit_if_due(self, written: int = 1) -> None:
        """Count ``written`` reports; commit (and begin again) every ``batch`` of them or every ``every`` s."""
        self._pending += written
        if self._pending >= self.batch or time.monotonic() - self._last >= self.every:
            self.commit()
            self.begin()

    # ---------------------------------------------------------------- runs

    def start_run(
        self, version: str, rules_key: str, rules: Sequence[tuple[str, str]], paths: Sequence[str], jobs: int
    ) -> int:
        """A new run ("running"), committed at once."""
        cur = self.conn.execute(
            "INSERT INTO runs (started, status, gilint_version, rules_key, rules, paths, jobs, pid) "
            "VALUES (?, 'running', ?, ?, ?, ?, ?, ?)",
            (
                now(),
                version,
                rules_key,
                json.dumps(list(rules), ensure_ascii=False),
                json.dumps([os.fsencode(p).decode("utf-8", "backslashreplace") for p in paths], ensure_ascii=False),
                jobs,
                os.getpid(),
            ),
        )
        return int(cur.lastrowid)  # type: ignore[arg-type]

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        """Record how the run ended and its counts, committing everything written so far."""
        self.begin()
        self.conn.execute(
            "UPDATE runs SET ended = ?, status = ?, files = ?, checked = ?, skipped = ?, removed = ?, "
            "series_run = ?, series_kept = ? WHERE id = ?",
            (
                now(),
                status,
                counts.get("files", 0),
                counts.get("checked", 0),
                counts.get("skipped", 0),
                counts.get("removed", 0),
                counts.get("series_run", 0),
                counts.get("series_kept", 0),
                run_id,
            ),
        )
        self.commit()

    def run(self, run_id: int) -> dict[str, object]:
        """The run's row as a dict."""
        cur = self.conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,))
        names = [c[0] for c in cur.description]
        return dict(zip(names, cur.fetchone(), strict=True))

    # ---------------------------------------------------------------- reports

    def stored(self) -> dict[str, Stored]:
        """Every stored report by absolute path."""
        rows = self.conn.execute(
            "SELECT id, path, sha256, rules_key, config_key, errors + warnings + infos FROM reports"
        )
        return {_path(r[1]): Stored(r[0], _path(r[1]), *r[2:]) for r in rows}

    def save_report(
        self,
        run_id: int,
        path: str,
        display: str,
        sha256: str,
        size: int | None,
        rules_key: str,
        config_key: str,
        summary: dict[str, object],
        status: str,
        elapsed: float | None,
        diagnostics: Sequence[Diagnostic],
    ) -> int:
        """Store one checked file, replacing its earlier row and own findings (not its series findings)."""
        row = self.conn.execute(
            "INSERT INTO reports (path, display, sha256, size, rules_key, config_key, kind, agency, agency_found, "
            "agency_source, year, version, title, status, elapsed, run_id, seen_run, published, published_source, "
            "cells) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET display = excluded.display, sha256 = excluded.sha256, "
            "size = excluded.size, rules_key = excluded.rules_key, config_key = excluded.config_key, "
            "kind = excluded.kind, agency_found = excluded.agency_found, agency_source = excluded.agency_source, "
            "year = excluded.year, version = excluded.version, title = excluded.title, status = excluded.status, "
            "elapsed = excluded.elapsed, run_id = excluded.run_id, seen_run = excluded.seen_run, "
            "published = excluded.published, published_source = excluded.published_source, cells = excluded.cells "
            "RETURNING id",
            (
                _key(path),
                path_text(display),
                sha256,
                size,
                rules_key,
                config_key,
                summary["kind"],
                summary["agency"],
                summary["agency"],
                summary["agency_source"],
                summary["year"],
                summary["version"],
                summary["title"],
                status,
                elapsed,
                run_id,
                run_id,
                summary.get("published"),
                summary.get("published_source"),
                json.dumps(summary["cells"]) if summary.get("cells") else None,
            ),
        ).fetchone()
        report_id = int(row[0])
        self.conn.execute("DELETE FROM findings WHERE report_id = ? AND series IS NULL", (report_id,))
        self.add_findings(report_id, None, diagnostics)
        self.recount([report_id])  # its cross-year findings count too
        return report_id

    def add_findings(self, report_id: int, series: str | None, diagnostics: Iterable[Diagnostic]) -> None:
        """Store diagnostics of one report (the excerpt cut to the window the JSON output shows)."""
        rows = []
        for d in diagnostics:
            s = d.span
            excerpt, start = (None, 0) if d.excerpt is None else window(d.excerpt, s.column)
            rows.append(
                (
                    report_id,
                    series,
                    d.code,
                    d.category,
                    d.severity,
                    s.line,
                    s.column,
                    s.end_line,
                    s.end_column,
                    s.page,
                    s.logical,
                    d.message_zh,
                    d.message_en,
                    d.hint_zh,
                    d.hint_en,
                    excerpt,
                    start,
                    int(d.damage),
                    _place(d.where),
                )
            )
        self.conn.executemany(f"INSERT INTO findings ({_FINDING_COLUMNS}) VALUES ({', '.join('?' * 19)})", rows)

    def mark_seen(self, run_id: int, seen: Sequence[tuple[int, str]]) -> None:
        """Reports found unchanged by this run: ``(id, display path)``."""
        self.conn.executemany(
            "UPDATE reports SET seen_run = ?, display = ? WHERE id = ?",
            [(run_id, path_text(display), report_id) for report_id, display in seen],
        )

    def remove(self, ids: Sequence[int]) -> None:
        """Forget reports (and their findings) whose files are gone."""
        self.conn.executemany("DELETE FROM reports WHERE id = ?", [(i,) for i in ids])

    def recount(self, ids: Iterable[int]) -> None:
        """Set the counts by severity of reports from their findings (own and cross-year)."""
        self.conn.executemany(
            "UPDATE reports SET "
            "errors = (SELECT count(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'error'), "
            "warnings = (SELECT count(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'warning'),"
            " infos = (SELECT count(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'info') "
            "WHERE id = ?",
            [(i,) for i in set(ids)],
        )

    # ---------------------------------------------------------------- series

    def candidates(self) -> list[SeriesCandidate]:
        """Every stored report (the series stage decides which join a series)."""
        rows = self.conn.execute(
            "SELECT id, path, display, sha256, config_key, agency_found, agency_source, agency, "
            "identity, year, kind, status, seen_run FROM reports ORDER BY path"
        )
        return [SeriesCandidate(r[0], _path(r[1]), *r[2:]) for r in rows]

    def set_agencies(self, names: Sequence[tuple[int, str, str]]) -> None:
        """Set the agency of reports and how it was known: ``(id, agency, identity)``."""
        self.conn.executemany(
            "UPDATE reports SET agency = ?, identity = ? WHERE id = ?", [(a, how, i) for i, a, how in names]
        )

    def signatures(self) -> dict[str, str]:
        """The signature of every stored series, by agency."""
        return dict(self.conn.execute("SELECT agency, signature FROM series"))

    def replace_series(
        self, agency: str, signature: str, run_id: int, findings: Sequence[tuple[int, Diagnostic]]
    ) -> None:
        """Replace one agency's cross-year findings: ``(report id, diagnostic)``."""
        touched = self._series_reports(agency)
        self.conn.execute("DELETE FROM findings WHERE series = ?", (agency,))
        for report_id, d in findings:
            self.add_findings(report_id, agency, [d])
        self.recount([*touched, *(report_id for report_id, _ in findings)])
        self.conn.execute(
            "INSERT INTO series (agency, signature, run_id) VALUES (?, ?, ?) ON CONFLICT(agency) "
            "DO UPDATE SET signature = excluded.signature, run_id = excluded.run_id",
            (agency, signature, run_id),
        )

    def drop_series(self, agencies: Iterable[str]) -> None:
        """Forget series that no longer have two years."""
        for agency in agencies:
            touched = self._series_reports(agency)
            self.conn.execute("DELETE FROM findings WHERE series = ?", (agency,))
            self.conn.execute("DELETE FROM series WHERE agency = ?", (agency,))
            self.recount(touched)

    def _series_reports(self, agency: str) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT report_id FROM findings WHERE series = ?", (agency,))]

    # ---------------------------------------------------------------- results

    def reports_seen(self, run_id: int, full: bool = True) -> list[ReportRow]:
        """The reports the run saw on disk, by agency, year and path; unless ``full``, without the title, the
        identity and the table values, which the outputs do not keep (``report_cells`` reads the values as
        it goes). A value many rows share (an agency, a year, a date) is one object."""
        rest = (
            "title, status, errors, warnings, infos, identity, published, cells"
            if full
            else ("NULL, status, errors, warnings, infos, NULL, published, NULL")
        )
        rows = self.conn.execute(
            f"SELECT id, display, agency, agency_source, year, version, kind, {rest} FROM reports "
            "WHERE seen_run = ? ORDER BY agency, year, display",
            (run_id,),
        )
        shared: dict[Any, Any] = {}
        out = []
        for r in rows:
            # one object for each value of a column many rows share (agency, source, year, version, kind,
            # status, published): a row holds its own id, path, counts, title, identity and cells only
            values = [shared.setdefault(v, v) if k in _SHARED else v for k, v in enumerate(r)]
            out.append(ReportRow(*values))
        return out

    def report_cells(self, run_id: int) -> Iterator[tuple[str, int | None, str, str | None]]:
        """``(agency, year, path, table values JSON)`` of the readable reports the run saw, in the order of
        ``reports_seen``: a cursor, read as it goes."""
        return self.conn.execute(
            "SELECT agency, year, display, cells FROM reports WHERE seen_run = ? AND status = 'ok' "
            "ORDER BY agency, year, display",
            (run_id,),
        )

    def rule_counts(self, run_id: int) -> list[tuple[str, str, int, int]]:
        """(code, severity, findings, reports) over the reports the run saw."""
        return [
            tuple(r)
            for r in self.conn.execute(  # type: ignore[misc]
                "SELECT f.code, f.severity, count(*), count(DISTINCT f.report_id) FROM findings f "
                "JOIN reports r ON r.id = f.report_id WHERE r.seen_run = ? GROUP BY f.code, f.severity",
                (run_id,),
            )
        ]

    def finding_kinds(self, run_id: int) -> Iterator[tuple[int, str, str, str]]:
        """``(report id, code, severity, category)`` of every finding of the reports the run saw, each
        report's by place (as ``diagnostics_seen``): a cursor, read as it goes."""
        return self.conn.execute(
            "SELECT f.report_id, f.code, f.severity, f.category FROM findings f JOIN reports r ON r.id = f.report_id "
            'WHERE r.seen_run = ? ORDER BY f.report_id, f.line, f."column", f.code, f.id',
            (run_id,),
        )

    def save_submissions(self, run_id: int, rows: Iterable[tuple[object, ...]]) -> None:
        """Replace the submissions table with the run's: ``(agency, level, listed, year, status, copies,
        published, deadline, reports JSON)``."""
        self.conn.execute("DELETE FROM submissions")
        self.conn.executemany(
            "INSERT INTO submissions (run_id, agency, level, listed, year, status, copies, "
            "published, deadline, reports) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(run_id, *row) for row in rows],
        )

    def submissions(self, run_id: int) -> list[tuple[object, ...]]:
        """The run's submissions: ``(agency, level, listed, year, status, copies, published, deadline,
        reports JSON)``, by agency and year."""
        return self.conn.execute(
            "SELECT agency, level, listed, year, status, copies, published, deadline, reports "
            "FROM submissions WHERE run_id = ? ORDER BY agency = '', agency, year",
            (run_id,),
        ).fetchall()

    def diagnostics_seen(self, run_id: int, report_ids: Sequence[int] | None = None) -> list[StoredDiagnostic]:
        """The findings of the reports the run saw (of ``report_ids`` only, when given), each with its
        report's current path."""
        where = "" if report_ids is None else f" AND r.id IN ({', '.join(str(int(i)) for i in report_ids)})"
        rows = self.conn.execute(
            f"SELECT {_FINDING_COLUMNS.replace('report_id', 'f.report_id')}, r.display FROM findings f "
            f"JOIN reports r ON r.id = f.report_id WHERE r.seen_run = ?{where} ORDER BY f.report_id, f.line, "
            'f."column", f.code, f.id',
            (run_id,),
        )
        out = []
        for (
            report_id,
            series,
            code,
            category,
            severity,
            line,
            column,
            end_line,
            end_column,
            page,
            logical,
            message_zh,
            message_en,
            hint_zh,
            hint_en,
            excerpt,
            start,
            damage,
            place,
            display,
        ) in rows:
            span = Span(line, column, end_line, end_column, page, logical)
            d = Diagnostic(
                code,
                category,
                severity,
                display,
                span,
                message_zh,
                message_en,
                hint_zh,
                hint_en,
                bool(damage),
                excerpt,
                where=Where(**json.loads(place)) if place else None,
            )
            out.append(StoredDiagnostic(report_id, d, start, series))
        return out


def _lock(path: str) -> int:
    """An open descriptor of ``path`` holding an exclusive ``flock`` (where the platform has it); raises
    ``DBError`` when another process holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0), 0o644)
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # a pipe or a device would be read for ever
        os.close(fd)
        raise DBError(f"{path}: not a regular file, so no audit database; choose another --db")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: SQLite's own locking only
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DBError(
            f"{path}: the audit database is in use by another gilint audit{_holder(path)}; wait for it "
            "to finish, or choose another --db"
        ) from None
    return fd


def _holder(path: str) -> str:
    """ " (process N, started T)" for the run that holds the database, when it can be read."""
    try:
        with closing(sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True, timeout=1)) as conn:
            row = conn.execute("SELECT pid, started FROM runs WHERE status = 'running' ORDER BY id DESC").fetchone()
    except sqlite3.Error:
        return ""
    return f" (process {row[0]}, started {row[1]} UTC)" if row and row[0] else ""
