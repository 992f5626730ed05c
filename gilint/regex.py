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
pattern it gives has the flags and groups ``re.compile`` gave. A program is stored as the bytes of its
code words, which ``marshal`` reads as one block (a list of ints it reads one by one: 5 ms a start).

The same goes for the methods ``dataclasses`` writes for each of gilint's some fifty dataclasses
(``__init__``, ``__repr__``, ``__eq__``): it generates their source and ``exec``s it, and compiling that
source is most of what a dataclass costs (over a tenth of a ``gilint check``). Importing this module hands
``dataclasses`` an ``exec`` that takes the code compiled from the same source from a second file
(``code-*.marshal``, keyed by the interpreter's bytecode magic); what it runs is what compiling the text
would give, under the flags ``dataclasses`` itself would compile it with.

``kept(name, key, build)`` keeps other values the same way: what ``build()`` returns (plain data that
``marshal`` writes: str, bytes, numbers, tuples, lists, dicts, sets) is stored under ``key``, which must
hold everything the value is made from (a configuration's bytes; the terms an index is built of and the
time its module changed); a later process with the same key reads it back instead of building it.
"""

from __future__ import annotations
import __future__

import atexit
import builtins
import dataclasses
import marshal
import os
import re
import sys
from array import array
from collections.abc import Callable, Hashable
from pathlib import Path
from types import CodeType
from typing import Any, AnyStr, TypeVar

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
_MOST_CODES = 1500  # methods (gilint's are some 300): past that (old versions' dataclasses), it starts again
_WORD = "I" if array("I").itemsize == 4 else "L"  # the engine's code word (_sre.CODESIZE is 4)
# flags, code (its words' bytes; a list of ints is taken too), groups - 1, by name, by index
Entry = tuple[int, bytes | list[int], int, dict[str, int], tuple[Any, ...]]

_KEPT = 16  # values of one name (``kept``): past that, the oldest goes
_MOST_LEADING = 1000  # patterns ``leading`` keeps (gilint's are some thirty)
T = TypeVar("T")

_store: dict[tuple[Any, int], Entry] | None = None
_added = False
_codes: dict[str, CodeType] | None = None  # dataclass method source -> its code
_codes_added = False
_kept: dict[str, dict[Any, bytes]] = {}  # name -> key -> the value's marshal bytes (``kept``)
_kept_added: set[str] = set()  # the names this process added to


def compile(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, its program from the cache when it is there."""
    global _added
    store = _load()
    key = (pattern, int(flags))
    entry = store.get(key) if store is not None else None
    if entry is not None:
        try:
            flags_, code, *rest = entry
            words = array(_WORD, code).tolist() if isinstance(code, bytes) else code
            return _sre.compile(pattern, flags_, words, *rest)  # type: ignore[no-any-return]
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


def leading(pattern: str) -> str:
    """``_leading(pattern)``, kept from one process to the next (``kept``: working it out parses the pattern)."""
    return kept("leading", pattern, lambda: _leading(pattern), most=_MOST_LEADING)


def _leading(pattern: str) -> str:
    """``pattern`` with the characters a match of it may start with said first, as a lookahead
    (``(?=[…])(?:pattern)``): the same matches, but the engine passes over every other character at once,
    where it tries each alternative of an alternation at every place (it does so by itself only when
    every alternative starts with a literal). ``pattern`` itself when those characters cannot be told
    (``_first``)."""
    first = _first(pattern)
    return pattern if first is None else f"(?={first})(?:{pattern})"


def first(pattern: str) -> re.Pattern[str]:
    """A pattern of one character: those a match of ``pattern`` may start with (``_first``), to look at the
    character at a place before matching ``pattern`` there. ValueError when they cannot be told."""
    found = kept("first", pattern, lambda: _first(pattern) or "", most=_MOST_LEADING)
    if not found:
        raise ValueError(f"no first characters can be told for {pattern!r}")
    return compile(found)


def _first(pattern: str) -> str | None:
    """A character class of the characters a match of ``pattern`` may start with; None when they cannot be
    told (a match may start with any character or a back-reference, or be empty; flags set inside it). For a
    pattern compiled without flags (``re.IGNORECASE`` would let a match start with a character not listed)."""
    try:
        parsed = _parser.parse(pattern, 0)
        if parsed.state.flags & ~re.UNICODE:
            return None
        found: list[str] = []
        if _starts(parsed.data, found) or not found:
            return None
    except Exception:  # an unknown construct, or a pattern re refuses
        return None
    return f"[{''.join(dict.fromkeys(found))}]"


_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s"}
_CATEGORIES |= {"CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def _starts(items: list[tuple[Any, Any]], out: list[str]) -> bool:
    """Add to ``out`` (items of a character class) every character a match of ``items`` (a parsed sequence)
    may start with; whether it may match the empty string. Raises ValueError where any character may."""
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.append(re.escape(chr(av)))
            return False
        if name == "IN":
            for kind, value in av:
                kind = str(kind)
                if kind == "LITERAL":
                    out.append(re.escape(chr(value)))
                elif kind == "RANGE":
                    out.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif kind == "CATEGORY" and str(value) in _CATEGORIES:
                    out.append(_CATEGORIES[str(value)])
                else:  # a negated class, another category
                    raise ValueError(kind)
            return False
        if name == "BRANCH":
            empty = False
            for alternative in av[1]:
                empty = _starts(list(alternative), out) or empty
            if not empty:
                return False
        elif name == "SUBPATTERN":
            if av[1] or av[2]:  # flags set or cleared inside
                raise ValueError(name)
            if not _starts(list(av[3]), out):
                return False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            if not _starts(list(av[2]), out) and av[0] > 0:
                return False
        elif name == "ATOMIC_GROUP":
            if not _starts(list(av), out):
                return False
        elif name not in ("ASSERT", "ASSERT_NOT", "AT"):  # zero-width: the next item starts the match
            raise ValueError(name)  # any character, a back-reference, a conditional
    return True


def last(pattern: str) -> re.Pattern[str] | None:
    """A pattern of one character: those a match of ``pattern`` may end with (its last character), to tell
    from the character at a place whether a match of ``pattern`` may end there; None when they cannot be told
    (a match may end with any character or be empty, ``_first``'s cases)."""
    found = kept("last", pattern, lambda: _last(pattern) or "", most=_MOST_LEADING)
    return compile(found) if found else None


def _last(pattern: str) -> str | None:
    """A character class of the characters a match of ``pattern`` may end with; None when they cannot be told
    (as ``_first``, read from the end)."""
    try:
        parsed = _parser.parse(pattern, 0)
        if parsed.state.flags & ~re.UNICODE:
            return None
        found: list[str] = []
        if _starts(_reversed(parsed.data), found) or not found:
            return None
    except Exception:  # an unknown construct, or a pattern re refuses
        return None
    return f"[{''.join(dict.fromkeys(found))}]"


def _reversed(items: Any) -> list[tuple[Any, Any]]:
    """A parsed sequence read from its end: its items in reverse order, each sequence inside them so too (what
    ``_starts`` looks into; any other item is left as it is, and ``_starts`` refuses what it does not know)."""
    out = []
    for op, av in reversed(list(items)):
        name = str(op)
        if name == "BRANCH":
            av = (av[0], [_reversed(alternative) for alternative in av[1]])
        elif name == "SUBPATTERN":
            av = (*av[:3], _reversed(av[3]))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            av = (av[0], av[1], _reversed(av[2]))
        elif name == "ATOMIC_GROUP":
            av = _reversed(av)
        out.append((op, av))
    return out


def _entry(pattern: AnyStr, flags: int, compiled: re.Pattern[AnyStr]) -> Entry | None:
    """What ``re`` hands its matcher for ``pattern``, if it makes the same pattern as ``compiled``."""
    try:
        parsed = _parser.parse(pattern, flags)  # type: ignore[arg-type]  # bytes patterns are parsed too
        code = _compiler._code(parsed, flags)  # type: ignore[attr-defined]  # re's internal code generator
        groups = parsed.state.groupdict
        by_index: list[Any] = [None] * parsed.state.groups
        for name, i in groups.items():
            by_index[i] = name
        words = [int(c) for c in code]
        entry: Entry = (
            int(flags | parsed.state.flags),
            array(_WORD, words).tobytes() if array(_WORD).itemsize == _sre.CODESIZE else words,
            parsed.state.groups - 1,
            dict(groups),
            tuple(by_index),
        )
        again = _sre.compile(pattern, entry[0], words, *entry[2:])
    except Exception:  # internals not as expected: this pattern goes uncached
        return None
    same = (again.flags, again.groups, again.groupindex) == (compiled.flags, compiled.groups, compiled.groupindex)
    return entry if same else None


def keeping() -> bool:
    """Whether compiled programs are kept from one process to the next (caching is on): a pattern dear to
    compile is worth building only then."""
    return _load() is not None


def cache_dir() -> Path | None:
    """The folder of gilint's caches, or None when caching is off."""
    chosen = os.environ.get("GILINT_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "gilint")


def _file() -> Path | None:
    folder = cache_dir()
    return folder / f"patterns-{_ENGINE}-2.marshal" if folder is not None and _ENGINE else None


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
    _write(_file(), _store)


def _write(path: Path | None, store: dict[Any, Any] | None) -> None:
    """Write ``store`` to ``path`` atomically (a reader sees the old file or the new one); never raises."""
    if path is None or store is None:
        return
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(store))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):  # a read-only home, a full disk: the next process compiles again
        return


def kept(name: str, key: Hashable, build: Callable[[], T], most: int = _KEPT) -> T:
    """``build()``, or the value it returned for the same ``key`` in an earlier process (``name``'s file in
    the cache folder, ``name-<interpreter>.marshal``). ``key`` must hold everything the value depends on;
    a value ``marshal`` cannot write (a date) or that does not read back equal is built every time. Each
    call returns a value of its own (a caller may change it). Whatever goes wrong reading the file builds.
    A name keeps the ``most`` values last stored (the oldest goes)."""
    values = _load_kept(name)
    stored = values.get(key) if values is not None else None
    if stored is not None:
        try:
            return marshal.loads(stored)  # type: ignore[no-any-return]
        except (ValueError, EOFError, TypeError):  # a damaged entry: built again
            pass
    value = build()
    if values is None:
        return value
    try:
        data = marshal.dumps(value)  # type: ignore[arg-type]  # plain data or ValueError
        marshal.dumps(key)  # type: ignore[arg-type]
    except ValueError:  # not plain data: not kept
        return value
    if marshal.loads(data) == value:
        values.pop(key, None)
        values[key] = data  # the newest last
        while len(values) > most:
            del values[next(iter(values))]
        if not _kept_added:
            atexit.register(_save_kept)
        _kept_added.add(name)
    return value


def _kept_file(name: str) -> Path | None:
    folder = cache_dir()
    return folder / f"{name}-{sys.implementation.cache_tag}.marshal" if folder is not None else None


def _load_kept(name: str) -> dict[Any, bytes] | None:
    """``name``'s stored values, read at its first use (none when there is no file); None when caching is off."""
    if name not in _kept:
        path = _kept_file(name)
        if path is None:
            return None
        try:
            loaded = marshal.loads(path.read_bytes())
            ok = isinstance(loaded, dict) and all(isinstance(v, bytes) for v in loaded.values())
            _kept[name] = loaded if ok else {}
        except (OSError, ValueError, EOFError, TypeError):
            _kept[name] = {}
    return _kept[name]


def _save_kept() -> None:
    """Write the values of each name this process added to (at exit); never raises."""
    for name in sorted(_kept_added):
        _write(_kept_file(name), _kept.get(name))


def _code_file() -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    magic = getattr(sys.modules.get("_frozen_importlib_external"), "MAGIC_NUMBER", b"")
    return folder / f"code-{sys.implementation.cache_tag}-{magic.hex()}.marshal" if magic else None


def _load_codes() -> dict[str, CodeType] | None:
    """The dataclass method cache, read at the first call; None when off."""
    global _codes
    if _codes is None:
        path = _code_file()
        if path is None:
            return None
        try:
            loaded = marshal.loads(path.read_bytes())
            ok = isinstance(loaded, dict) and len(loaded) <= _MOST_CODES
            _codes = {k: v for k, v in loaded.items() if isinstance(k, str) and isinstance(v, CodeType)} if ok else {}
        except (OSError, ValueError, EOFError, TypeError):
            _codes = {}
    return _codes


def _exec(source: object, globals: dict[str, Any] | None = None, locals: Any = None, /) -> None:
    """``exec`` as ``dataclasses`` calls it, with the code of a source text it has seen before from the cache."""
    global _codes_added
    codes = _load_codes() if isinstance(source, str) else None
    if codes is not None and isinstance(source, str):
        code = codes.get(source)
        if code is None:
            # dont_inherit: the flags of dataclasses' own module (checked below: no future statement), not ours
            code = codes[source] = builtins.compile(source, "<string>", "exec", dont_inherit=True)
            if not _codes_added:
                _codes_added = True
                atexit.register(lambda: _write(_code_file(), _codes))
        source = code
    builtins.exec(source, globals, locals)  # type: ignore[arg-type]


def _plain_flags(module: object) -> bool:
    """The module compiles its ``exec``'d text without future flags (a ``from __future__`` import binds one)."""
    return not any(isinstance(v, __future__._Feature) for v in vars(module).values())  # type: ignore[attr-defined]


if _plain_flags(dataclasses) and "exec" not in vars(dataclasses):
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # looked up as a global before the builtin
