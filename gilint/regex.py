"""Regular expressions compiled once per installation, not once per process.

gilint's vocabulary is a few hundred patterns, some of them alternations of hundreds of official phrases
and classes of CJK characters. Python's ``re`` parses and compiles a pattern in Python code (the matcher
is C): for gilint that is some 300 ms of every ``gilint check``, more than reading and checking a report.
``compile(pattern, flags)`` is ``re.compile`` with the compiled program kept on disk: the first process
stores what ``re`` made of each pattern, later ones hand the stored program straight to the matcher.

The cache is a ``marshal`` file in ``$GILINT_CACHE_DIR`` (default ``$XDG_CACHE_HOME/gilint`` or
``~/.cache/gilint``; an empty ``GILINT_CACHE_DIR`` turns the cache off), one per Python version and
regular-expression engine, written at exit when a process compiled a pattern it did not find there, and
atomically (a reader sees the old file or the new one). Whatever goes wrong (no such folder, a file
that is not writable or damaged, an engine whose internals differ) makes ``compile`` plain
``re.compile``: the engine itself checks the program it is handed, and an entry is stored only when the
pattern it gives has the flags and groups ``re.compile`` gave.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any, AnyStr

try:  # CPython's engine: the parser and code generator in Python, the matcher in C
    import _sre  # type: ignore[import-not-found]  # CPython's C module: no stubs

    if sys.version_info >= (3, 11):
        from re import _compiler, _parser
    else:  # pragma: no cover - Python 3.10
        import sre_compile as _compiler  # type: ignore[no-redef]
        import sre_parse as _parser  # type: ignore[no-redef]
    _ENGINE = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
except (ImportError, AttributeError):  # pragma: no cover - another implementation
    _ENGINE = ""

_MOST = 20000  # entries: past that (patterns of many versions), the file starts again
Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]  # flags, code, groups - 1, by name, by index

_store: dict[tuple[Any, int], Entry] | None = None
_added = False


def compile(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, its program from the cache when it is there."""
    global _added
    store = _load()
    key = (pattern, int(flags))
    entry = store.get(key) if store is not None else None
    if entry is not None:
        try:
            return _sre.compile(pattern, *entry)  # type: ignore[no-any-return]
        except Exception:  # an entry the engine refuses: compile it again
            del store[key]  # type: ignore[union-attr]
    compiled = re.compile(pattern, flags)
    if store is not None:
        made = _entry(pattern, int(flags), compiled)
        if made is not None:
            store[key] = made
            if not _added:
                _added = True
                atexit.register(_save)
    return compiled


def _entry(pattern: AnyStr, flags: int, compiled: re.Pattern[AnyStr]) -> Entry | None:
    """What ``re`` hands its matcher for ``pattern``, if it makes the same pattern as ``compiled``."""
    try:
        parsed = _parser.parse(pattern, flags)  # type: ignore[arg-type]  # bytes patterns are parsed too
        code = _compiler._code(parsed, flags)  # type: ignore[attr-defined]  # re's internal code generator
        groups = parsed.state.groupdict
        by_index: list[Any] = [None] * parsed.state.groups
        for name, i in groups.items():
            by_index[i] = name
        entry: Entry = (
            int(flags | parsed.state.flags),
            [int(c) for c in code],
            parsed.state.groups - 1,
            dict(groups),
            tuple(by_index),
        )
        again = _sre.compile(pattern, *entry)
    except Exception:  # internals not as expected: this pattern goes uncached
        return None
    same = (again.flags, again.groups, again.groupindex) == (compiled.flags, compiled.groups, compiled.groupindex)
    return entry if same else None


def cache_dir() -> Path | None:
    """The folder of gilint's caches, or None when caching is off."""
    chosen = os.environ.get("GILINT_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "gilint")


def _file() -> Path | None:
    folder = cache_dir()
    return folder / f"patterns-{_ENGINE}.marshal" if folder is not None and _ENGINE else None


def _load() -> dict[tuple[Any, int], Entry] | None:
    """The cache, read at the first call (an empty one when there is no file yet); None when off."""
    global _store
    if _store is None:
        path = _file()
        if path is None:
            return None
        try:
            loaded = marshal.loads(path.read_bytes())
            _store = loaded if isinstance(loaded, dict) and len(loaded) <= _MOST else {}
        except (OSError, ValueError, EOFError, TypeError):
            _store = {}
    return _store


def _save() -> None:
    """Write the cache (at exit, when this process added to it); never raises."""
    path = _file()
    if path is None or _store is None:
        return
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(_store))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):  # a read-only home, a full disk: the next process compiles again
        return
