"""``gilint audit PATH...``: the command-line side of an audit (progress, messages, outputs, exit status).

Exit status: 0 no error-severity finding in the audited reports, 1 findings, 2 usage error (missing
path, unusable configuration, a database that cannot be used or is in use by another audit, an output
folder that cannot be written), 130 interrupted (Ctrl-C; what finished is kept), 143 / 129 stopped by
SIGTERM / SIGHUP (the same). Errors are one line each, with the reason, never a traceback.
The progress bar goes to stderr when it is a terminal; a one-line summary goes to stderr always; the
summary tables go to stdout.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from gilint.audit.agencies import AgencyListError
from gilint.audit.agencies import load as load_agencies
from gilint.audit.db import AuditDB, DBError
from gilint.audit.outputs import (
    OutputError,
    check_writable,
    exit_status,
    load_results,
    print_summary,
    write_outputs,
)
from gilint.audit.runner import JOBS_PER_CORE, AuditOptions, AuditResult, jobs_for, run_audit
from gilint.config import ALL, Config, ConfigError, Overrides
from gilint.engine import MissingPath, Plugins
from gilint.parsers.limits import seconds
from gilint.session import load_packs, say, set_limits, unknown_message, unknown_selectors

_TEXT = {
    "zh": {
        "check": "检查报告",
        "series": "跨年度检查",
        "findings": "诊断 {}",
        "missing": "路径不存在：{}",
        "no-files": "没有找到可检查的文件",
        "done": "gilint audit：{files} 个文件，检查 {checked} 个，未变跳过 {skipped} 个，移除 {removed} 个；"
        "跨年度检查 {series_run} 个机关（未变 {series_kept} 个）；用时 {elapsed:.1f} 秒（{rate:.0f} 个/秒）",
        "stopped": "gilint audit：已中断，已完成的 {checked} 个文件的结果已保存在 {db}",
        "written": "已写出：{}",
        "jobs": "--jobs 必须是正整数",
        "capped": "--jobs {} 超过每个处理器核心 {} 个（本机 {} 核），按 {} 个运行",
        "database": "审核数据库 {} 出错：{}",
        "output": "无法写出审核结果到 {}：{}",
    },
    "en": {
        "check": "checking",
        "series": "cross-year",
        "findings": "findings {}",
        "missing": "no such file or folder: {}",
        "no-files": "no files to check",
        "done": "gilint audit: {files} files, {checked} checked, {skipped} unchanged (skipped), {removed} removed; "
        "cross-year checks for {series_run} agencies ({series_kept} unchanged); {elapsed:.1f} s "
        "({rate:.0f} files/s)",
        "stopped": "gilint audit: interrupted; the results of the {checked} files done are kept in {db}",
        "written": "written: {}",
        "jobs": "--jobs must be a positive integer",
        "capped": "--jobs {} is more than {} per core ({} cores here): running {}",
        "database": "the audit database {} failed: {}",
        "output": "cannot write the audit's outputs to {}: {}",
    },
}


class _Bar:
    """A rich progress bar on stderr (redrawn by the runner's ticks, no thread of its own)."""

    def __init__(self, console: Console, lang: str) -> None:
        self.text = _TEXT[lang]
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[found]}"),
            console=console,
            auto_refresh=False,
            transient=False,
        )
        self.task: TaskID | None = None
        self.findings = 0
        self.started = time.monotonic()
        self.drawn = 0.0

    def __enter__(self) -> _Bar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.task is not None:
            self._draw(time.monotonic())
        self.progress.stop()

    def stage(self, name: str, total: int) -> None:
        """A new line for the stage that begins."""
        if self.task is not None:
            self._draw(time.monotonic())  # the finished stage's final rate and count
        self.task = self.progress.add_task(self.text[name], total=total, rate="", found="")
        self.started = time.monotonic()

    def advance(self, findings: int = 0) -> None:
        """One more unit done, ``findings`` more found."""
        self.findings += findings
        assert self.task is not None
        self.progress.advance(self.task)
        self.tick()

    def tick(self) -> None:
        """Redraw, at most ten times a second."""
        now = time.monotonic()
        if now - self.drawn >= 0.1 and self.task is not None:
            self._draw(now)

    def _draw(self, now: float) -> None:
        assert self.task is not None
        done = self.progress.tasks[-1].completed
        rate = done / max(now - self.started, 1e-6)
        self.progress.update(self.task, rate=f"{rate:.0f}/s", found=self.text["findings"].format(self.findings))
        self.progress.refresh()
        self.drawn = now


def run(args: argparse.Namespace) -> int:
    """Run ``gilint audit`` with parsed arguments (see ``gilint.cli``)."""
    lang, text = args.lang, _TEXT[args.lang]
    if args.jobs is not None and args.jobs < 1:
        say(lang, "error", text["jobs"])
        return 2
    jobs = jobs_for(args.jobs or 0)
    if args.jobs and jobs < args.jobs:
        say(lang, "warning", text["capped"].format(args.jobs, JOBS_PER_CORE, os.cpu_count(), jobs))
    set_limits(args)
    plugins = load_packs(lang)
    overrides = Overrides(
        config=args.config,
        select=None if args.select is None else tuple(args.select),
        extend_select=tuple(args.extend_select),
        ignore=tuple(args.ignore),
    )
    named = Config(
        root=Path.cwd(),
        select=overrides.select or (ALL,),
        extend_select=overrides.extend_select,
        ignore=overrides.ignore,
    )
    unknown = unknown_selectors([named], plugins)  # a code that matches no rule selects nothing: refused
    for where, value, near in unknown:
        say(lang, "error", unknown_message(lang, where, value, near))
    if unknown:
        return 2
    if args.db is None:
        args.db = Path(args.out) / "gilint-audit.db" if args.out is not None else Path("gilint-audit.db")
    try:
        agencies = load_agencies(args.agencies) if args.agencies is not None else None
    except AgencyListError as e:
        say(lang, "error", str(e))
        return 2
    try:
        if args.out is not None:
            check_writable(Path(args.out))  # before the audit, not after it
        db = AuditDB(args.db)
    except DBError as e:
        say(lang, "error", str(e))
        return 2
    except OutputError as e:
        say(lang, "error", text["output"].format(os.fspath(e.folder), e.reason))
        return 2
    options = AuditOptions(
        jobs=jobs,
        timeout=seconds(),
        force=args.force,
        honour_submission_config=args.honour_submission_config,
        agencies=agencies,
    )
    try:
        with _stopped_by_signals() as stopped:
            if sys.stderr.isatty():
                with _Bar(Console(stderr=True, highlight=False), lang) as bar:
                    result = run_audit(args.paths, db, plugins, overrides, options, bar)
            else:
                result = run_audit(args.paths, db, plugins, overrides, options)
            return _finish(args, db, plugins, result)
    except ConfigError as e:
        say(lang, "error", str(e))
        return 2
    except MissingPath as e:
        say(lang, "error", text["missing"].format(e.args[0]))
        return 2
    except OutputError as e:
        say(lang, "error", text["output"].format(os.fspath(e.folder), e.reason))
        return 2
    except sqlite3.Error as e:
        say(lang, "error", text["database"].format(args.db, e))
        return 2
    except KeyboardInterrupt:
        checked = db.run(db.conn.execute("SELECT max(id) FROM runs").fetchone()[0])["checked"]
        print(text["stopped"].format(checked=checked or 0, db=args.db), file=sys.stderr)
        return 128 + stopped[0]
    finally:
        try:
            db.close()
        except sqlite3.Error as e:  # the disk filled up, say: what was committed stays
            say(lang, "error", text["database"].format(args.db, e))


@contextmanager
def _stopped_by_signals() -> Iterator[list[int]]:
    """SIGTERM and SIGHUP stop the audit as Ctrl-C does (the run is marked interrupted, the workers are
    stopped); yields ``[signal number]`` (SIGINT until another one arrives), for the exit status."""
    stopped = [int(signal.SIGINT)]

    def stop(signum: int, frame: FrameType | None) -> None:
        stopped[0] = signum
        raise KeyboardInterrupt

    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.signal(s, stop) for s in wanted}
    try:
        yield stopped
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _finish(args: argparse.Namespace, db: AuditDB, plugins: Plugins, result: AuditResult) -> int:
    lang, text = args.lang, _TEXT[args.lang]
    for warning in result.warnings:
        say(lang, "warning", warning)
    if not result.counts.get("files"):
        say(lang, "warning", text["no-files"])
    results = load_results(db, result.run_id, plugins.rules, findings=args.out is not None)
    counts = {
        k: result.counts.get(k, 0) for k in ("files", "checked", "skipped", "removed", "series_run", "series_kept")
    }
    print(
        text["done"].format(elapsed=result.elapsed, rate=counts["files"] / max(result.elapsed, 1e-6), **counts),
        file=sys.stderr,
    )
    print_summary(results, Console(highlight=False, soft_wrap=False), lang)
    if args.out is not None:
        for path in write_outputs(results, Path(args.out), lang):
            print(text["written"].format(os.fspath(path)), file=sys.stderr)
    return exit_status(results)
