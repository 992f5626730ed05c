"""Running a call whose C code may run away (PDFium, zlib, libxml2 on a crafted file) in a child process
with a time and memory budget: an alarm cannot interrupt C code, and a process can be killed.

``bounded(func, *args, seconds=60, memory=1024 << 20)`` forks; the child limits its address space to what
it holds plus ``memory`` bytes, runs ``func(*args)`` and sends the result back pickled; the parent waits
at most ``seconds`` and kills it then. The ``Outcome`` is the result, or why there is none: "timeout",
"memory" (a ``MemoryError``, or a crash once the child had used half its budget: C code that cannot
allocate aborts), "crashed" (killed by a signal) or "error" (``func`` raised: the exception's text).
The child dies with its parent (``die_with_parent``), and its garbage collector leaves alone the objects it was
forked with (``gc.freeze``): walking them would touch, and so copy, every page of the parent's heap. Where
``fork`` is missing (Windows), the call runs in this process, unbounded.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_LINUX = sys.platform.startswith("linux")
_PR_SET_PDEATHSIG = 1
_CHUNK = 1 << 20


@dataclass
class Outcome:
    value: Any = None
    failure: str | None = None  # None (``value`` is the result), "timeout", "memory", "crashed", "error"
    detail: str = ""


def available() -> bool:
    """Whether calls can be bounded here (the platform can fork)."""
    return hasattr(os, "fork")


def die_with_parent(parent: int) -> None:
    """Make this (forked) process end when the process ``parent`` ends: the kernel sends SIGKILL on Linux;
    elsewhere, or when ``parent`` has ended already, leave at once."""
    if _LINUX:
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def bounded(func: Callable[..., Any], *args: Any, seconds: float, memory: int) -> Outcome:
    """``func(*args)`` in a child process, at most ``seconds`` long and ``memory`` bytes larger than this
    process (see the module)."""
    if not available():
        return Outcome(func(*args))
    parent = os.getpid()
    read_end, write_end = os.pipe()
    gc.freeze()  # the child collects none of this process's objects: a collection would copy every page they are on
    try:
        pid = os.fork()
    finally:
        if os.getpid() == parent:  # this process collects them as before
            gc.unfreeze()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(write_end, parent, func, args, memory)
    os.close(write_end)
    try:
        data, finished = _collect(read_end, time.monotonic() + seconds)
        if not finished:
            os.kill(pid, signal.SIGKILL)
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    if not finished:
        return Outcome(failure="timeout", detail=f"{seconds:g} s")
    if os.WIFSIGNALED(status) or not data:
        grown = usage.ru_maxrss * 1024 - _resident()  # ru_maxrss is in KiB on Linux
        if grown >= memory // 2:
            return Outcome(failure="memory", detail=f"{memory >> 20} MiB")
        number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        return Outcome(failure="crashed", detail=_signal_name(number) if os.WIFSIGNALED(status) else f"exit {number}")
    ok, value = pickle.loads(data)
    if ok:
        return Outcome(value)
    if value == "memory":
        return Outcome(failure="memory", detail=f"{memory >> 20} MiB")
    return Outcome(failure="error", detail=value)


def _child(fd: int, parent: int, func: Callable[..., Any], args: tuple[Any, ...], memory: int) -> None:
    """Run ``func(*args)`` within the address-space budget, send the pickled ``(ok, value)`` on ``fd``, exit."""
    code = 0
    try:
        die_with_parent(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it kills this process
        limit_memory(memory)
        try:
            payload = pickle.dumps((True, func(*args)), pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps((False, "memory"))
        except BaseException as e:  # whatever happens is the parent's to report
            frames = traceback.extract_tb(e.__traceback__)
            where = f" ({frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name})" if frames else ""
            payload = pickle.dumps((False, f"{type(e).__name__}: {e}{where}"))
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view[:_CHUNK]) :]
    except BaseException:  # nothing can be reported: the parent sees no answer
        code = 1
    finally:
        os._exit(code)  # no atexit handler, no flushing of the parent's buffers


def limit_memory(memory: int) -> None:
    """Limit this process's address space to what it holds now plus ``memory`` bytes (Linux; elsewhere
    nothing)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Unix
        return
    size = _virtual()
    if size is None:
        return
    limit = size + memory
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _virtual() -> int | None:
    """This process's address space in bytes (Linux), or None."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def _resident() -> int:
    """This process's resident memory in bytes (what a forked child starts with), 0 when unknown."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _collect(fd: int, deadline: float) -> tuple[bytes, bool]:
    """What arrives on ``fd`` until it is closed (True) or ``deadline`` passes (False)."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"", False
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, _CHUNK)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)


def _signal_name(number: int) -> str:
    try:
        return f"signal {number} ({signal.Signals(number).name})"
    except ValueError:
        return f"signal {number}"
