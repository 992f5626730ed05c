"""Running audit tasks in worker processes that may die or hang without stopping the audit.

``pool.map(func, tasks, timeout)`` yields ``(task, result)`` as tasks finish, in any order (a worker that
finished is given its next task before its result is handed over: it works while the caller stores the
result). The result is what ``func`` returned, or a ``Failure``: the worker process died ("died": a
crash, or killed by the system for running out of memory), ran past ``timeout`` seconds ("timeout": the
worker is killed) or ``func`` raised ("error"). A dead or killed worker is replaced by a fresh one and the
other tasks go on; since each worker runs one task at a time, the failure is pinned on the right task.

``make_pool(1)`` runs the tasks in this process instead (no pool; the time limit then through SIGALRM
where the platform has it). Workers are forked where the platform allows it (they inherit the loaded
rule packs) and ignore SIGINT: Ctrl-C reaches the parent, which stops them. A worker dies with its
parent (``sandbox.die_with_parent``: however the parent ends, even by SIGKILL, no worker is left), and
its address space is limited to what it started with plus the ``memory`` limit. Tasks are taken from
the iterable only as a worker is free for one, so a task may carry a file's bytes.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

from gilint import sandbox
from gilint.parsers import limits

if TYPE_CHECKING:  # multiprocessing is imported by the pool only: --jobs 1 runs without it
    import multiprocessing as mp
    from multiprocessing.connection import Connection

T = TypeVar("T")
R = TypeVar("R")
TICK = 0.1  # seconds between calls of ``tick`` while waiting (progress display)
MAX_TASKS = 500  # a worker is replaced after this many tasks, so that memory a parser leaked is returned
_END = object()


@dataclass
class Failure:
    """A task that produced no result, and why."""

    kind: Literal["died", "timeout", "error"]
    detail: str


def make_pool(jobs: int) -> Pool | Inline:
    """A pool of ``jobs`` worker processes, or ``Inline`` (this process) for one job."""
    return Inline() if jobs <= 1 else Pool(jobs)


def _describe(e: BaseException) -> str:
    frames = traceback.extract_tb(e.__traceback__)
    where = f" ({frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name})" if frames else ""
    return f"{type(e).__name__}: {e}{where}"


def _serve(conn: Connection, parent: int, settings: dict[str, float]) -> None:
    """A worker's loop: run ``(func, arg)`` requests one at a time until told to stop (None) or orphaned,
    with the parent's reading limits (``settings``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sandbox.die_with_parent(parent)
    limits.configure(settings)
    sandbox.limit_memory(limits.value("memory") << 20)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        func, arg = request
        try:
            reply = (True, func(arg))
        except BaseException as e:  # the worker outlives anything one task does
            reply = (False, _describe(e))
        conn.send(reply)


class _Worker:
    def __init__(self, ctx: mp.context.BaseContext) -> None:
        parent, child = ctx.Pipe()
        self.process = ctx.Process(  # type: ignore[attr-defined]
            target=_serve,
            args=(child, os.getpid(), limits.current()),
            daemon=True,
        )
        self.process.start()
        child.close()
        self.conn = parent
        self.tasks = 0

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except OSError:
                kill = True
            self.process.join(1)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()

    def death(self) -> str:
        self.process.join(1)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                return f"signal {-code} ({signal.Signals(-code).name})"
            except ValueError:
                return f"signal {-code}"
        return f"exit status {code}"


class Pool(Generic[T, R]):
    """``jobs`` worker processes, started as needed and stopped when the pool is closed."""

    def __init__(self, jobs: int, max_tasks: int = MAX_TASKS) -> None:
        import multiprocessing as mp

        methods = mp.get_all_start_methods()
        self._ctx = mp.get_context("fork" if "fork" in methods else "spawn")
        self._jobs = jobs
        self._max_tasks = max_tasks
        self._workers: list[_Worker] = []

    def __enter__(self) -> Pool[T, R]:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close(kill=kind is not None)

    def close(self, kill: bool = False) -> None:
        """Stop every worker (at once when ``kill``, else after its current task)."""
        for w in self._workers:
            w.stop(kill)
        self._workers = []

    def map(
        self,
        func: Callable[[T], R],
        tasks: Iterable[T],
        timeout: float | None = None,
        tick: Callable[[], None] | None = None,
    ) -> Iterator[tuple[T, R | Failure]]:
        """Run ``func`` on each task, taken from ``tasks`` as a worker is free for it; yield ``(task, result or
        Failure)`` as each finishes."""
        pending = iter(tasks)
        more = True
        busy: dict[_Worker, tuple[T, float]] = {}
        while more or busy:
            if more:
                more = self._fill(func, pending, busy)
            if not busy:
                continue
            self._wait(busy, timeout)
            done = []
            for w, (task, started) in list(busy.items()):
                result = self._result(w, started, timeout)
                if result is not None:
                    del busy[w]
                    done.append((task, result))
            if done and more:  # the freed workers start on their next tasks while the caller stores these results
                more = self._fill(func, pending, busy)
            yield from done
            if tick is not None:
                tick()

    def _fill(self, func: Callable[[T], R], pending: Iterator[T], busy: dict[_Worker, tuple[T, float]]) -> bool:
        """Give every idle worker its next task from ``pending``; False once ``pending`` is exhausted."""
        while len(busy) < self._jobs:
            task = next(pending, _END)
            if task is _END:
                return False
            busy[self._send(func, task, busy)] = (task, time.monotonic())  # type: ignore[arg-type,assignment]  # not _END
        return True

    def _send(self, func: Callable[[T], R], task: T, busy: dict[_Worker, tuple[T, float]]) -> _Worker:
        """An idle worker (started, or replaced when worn or dead) that has been given ``task``."""
        idle = [w for w in self._workers if w not in busy]
        if idle and idle[0].tasks >= self._max_tasks:
            self._replace(idle[0], kill=False)
            idle = [w for w in self._workers if w not in busy]
        if not idle:
            self._workers.append(_Worker(self._ctx))
            idle = self._workers[-1:]
        try:
            idle[0].conn.send((func, task))
            return idle[0]
        except OSError:  # the idle worker had died: one retry with a fresh one
            fresh = self._replace(idle[0], kill=True)
            fresh.conn.send((func, task))
            return fresh

    def _wait(self, busy: dict[_Worker, tuple[T, float]], timeout: float | None) -> None:
        from multiprocessing.connection import wait

        pause = TICK
        if timeout is not None and busy:
            first = min(started for _, started in busy.values())
            pause = max(0.0, min(pause, first + timeout - time.monotonic()))
        wait([w.conn for w in busy] + [w.process.sentinel for w in busy], pause)

    def _result(self, w: _Worker, started: float, timeout: float | None) -> R | Failure | None:
        """The worker's answer, a Failure (the worker is then replaced), or None while it is still working."""
        if w.conn.poll():
            try:
                ok, value = w.conn.recv()
            except (EOFError, OSError):
                failure = Failure("died", w.death())
                self._replace(w, kill=True)
                return failure
            w.tasks += 1
            return value if ok else Failure("error", value)  # type: ignore[no-any-return]
        if not w.process.is_alive():
            failure = Failure("died", w.death())
            self._replace(w, kill=True)
            return failure
        if timeout is not None and time.monotonic() - started > timeout:
            self._replace(w, kill=True)
            return Failure("timeout", f"{timeout:g} s")
        return None

    def _replace(self, w: _Worker, kill: bool) -> _Worker:
        w.stop(kill)
        fresh = _Worker(self._ctx)
        self._workers[self._workers.index(w)] = fresh
        return fresh


class _Deadline(BaseException):
    """Raised by SIGALRM in an in-process task that ran past its time limit (not an Exception, so that
    no ``except Exception`` on the way swallows it)."""


class Inline(Generic[T, R]):
    """The same interface, running each task in this process, one after another."""

    def __enter__(self) -> Inline[T, R]:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        return None

    def map(
        self,
        func: Callable[[T], R],
        tasks: Iterable[T],
        timeout: float | None = None,
        tick: Callable[[], None] | None = None,
    ) -> Iterator[tuple[T, R | Failure]]:
        """Run ``func`` on each task in turn; yield ``(task, result or Failure)``."""
        for task in tasks:
            result = self._run(func, task, timeout)
            if tick is not None:
                tick()
            yield task, result

    @staticmethod
    def _run(func: Callable[[T], R], task: T, timeout: float | None) -> R | Failure:
        alarm = (
            timeout is not None
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        )
        if not alarm:
            try:
                return func(task)
            except Exception as e:
                return Failure("error", _describe(e))

        def expire(signum: int, frame: object) -> None:
            raise _Deadline

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, timeout)  # type: ignore[arg-type]
        try:
            return func(task)
        except _Deadline:
            return Failure("timeout", f"{timeout:g} s")
        except Exception as e:
            return Failure("error", _describe(e))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
