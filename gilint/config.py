"""Configuration: ``[tool.gilint]`` in ``pyproject.toml`` or the top level of ``gilint.toml``.

The nearest configuration wins: walking up from a checked file's folder, the first folder holding a
``gilint.toml`` (or else a ``pyproject.toml`` with a ``[tool.gilint]`` table) gives the settings for
that file; ``--config FILE`` names one file for every checked file instead. Keys (see docs/engine.md)::

    select = ["ALL"]                 # codes or prefixes ("GI3" = GI3xx); "ALL" = every rule
    extend-select = []
    ignore = ["GI6"]
    per-file-ignores = { "legacy/*.html" = ["GI302"] }   # globs relative to the config's folder
    exclude = ["drafts/*"]           # skipped when walking folders
    format-version = 2021            # pin the format the tables must follow (2019 or 2021)
    severity = { GI306 = "error" }   # code or prefix -> error | warning | info
    [rules.GI204]                    # [tool.gilint.rules.GI204] in pyproject.toml
    deadline = "03-31"

An unknown key or a wrongly typed value is a ``ConfigError`` (the CLI exits with status 2).

``gilint audit`` checks files submitted to an office: their configuration comes from the office
(``--config``, or the configuration found from each audited folder up), never from a folder inside one
(``Resolver(roots=...)``); a configuration found inside is reported (``Resolver.inside``), and honoured
only with ``--honour-submission-config``, and then a malformed one falls back to the office's.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from gilint import regex
from gilint.model import Severity

CONFIG_NAMES = ("gilint.toml", "pyproject.toml")
KEYS = ("select", "extend-select", "ignore", "per-file-ignores", "exclude", "format-version", "severity", "rules")
SEVERITIES = ("error", "warning", "info")
FORMAT_VERSIONS = (2019, 2021)
ALL = "ALL"
_SELECTOR = regex.compile(r"[A-Z]+[0-9]*")
_MAX_CONFIG = 1 << 20


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """Resolved settings for the files under ``root`` (the configuration's folder, or the cwd)."""

    root: Path
    path: Path | None = None  # the file read; None for the defaults
    select: tuple[str, ...] = (ALL,)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    format_version: int | None = None
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    # None: the author's own check; "report": a submission checked by an office, whose suppression comments
    # are reported and not honoured; "honour": reported and honoured (``--honour-submission-config``)
    submission: str | None = None
    # each code's selection and ignore, without per-file-ignores: the engine asks for every rule on every file
    _chosen: dict[tuple[str, bool], tuple[int, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def enabled(self, code: str, path: str | None = None, always: bool = False) -> bool:
        """Whether rule ``code`` runs (on ``path``): the most specific selector wins, ignore on a tie.
        An ``always`` code is selected even when no selector names it (it can still be ignored)."""
        known = self._chosen.get((code, always))
        if known is None:
            known = self._chosen[code, always] = (
                max(_specificity(code, (*self.select, *self.extend_select)), 0 if always else -1),
                _specificity(code, self.ignore),
            )
        chosen, ignored = known
        if path is not None and self.per_file_ignores:
            ignored = max(ignored, _specificity(code, self.ignored_for(path)))
        return chosen >= 0 and chosen > ignored

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """The codes that ``per-file-ignores`` switches off for ``path``."""
        if not self.per_file_ignores:
            return ()
        rel, name = self.relative(path), PurePath(path).name
        return tuple(
            code
            for pattern, codes in self.per_file_ignores.items()
            if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(name, pattern)
            for code in codes
        )

    def excluded(self, path: str) -> bool:
        rel, name = self.relative(path), PurePath(path).name
        return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in self.exclude)

    def relative(self, path: str) -> str:
        """``path`` relative to the configuration's folder, with "/" separators (as globs see it)."""
        p = Path(path).absolute()
        try:
            return p.relative_to(self.root.absolute()).as_posix()
        except ValueError:
            return p.as_posix()

    def severity_of(self, code: str, default: Severity) -> Severity:
        best = max((s for s in self.severity if code.startswith(s)), key=len, default=None)
        return default if best is None else self.severity[best]

    def options_for(self, code: str, defaults: Mapping[str, object]) -> dict[str, object]:
        """A rule's options: its defaults, then ``[rules.CODE]`` (the pinned format version is no option:
        ``Rule.context`` gives it to the rule as ``ctx.format_version``)."""
        return {**defaults, **self.rules.get(code, {})}

    def selectors(self) -> dict[str, tuple[str, ...]]:
        """Every code or prefix the configuration names, by where it is named (for checking them)."""
        return {
            "select": self.select,
            "extend-select": self.extend_select,
            "ignore": self.ignore,
            "per-file-ignores": tuple(c for cs in self.per_file_ignores.values() for c in cs),
            "severity": tuple(self.severity),
            "rules": tuple(self.rules),
        }


def _specificity(code: str, selectors: Sequence[str]) -> int:
    """The length of the longest selector matching ``code`` ("ALL" counts 0), or -1 when none does."""
    return max((0 if s == ALL else len(s) for s in selectors if s == ALL or code.startswith(s)), default=-1)


def check_selectors(values: Sequence[str], where: str) -> tuple[str, ...]:
    """``values`` as selectors (upper-cased), or a ConfigError naming the first malformed one."""
    out = []
    for value in values:
        if not isinstance(value, str) or not (value.upper() == ALL or _SELECTOR.fullmatch(value.upper())):
            raise ConfigError(f'{where}: {value!r} is not a rule code or prefix (e.g. "GI301", "GI3", "ALL")')
        out.append(value.upper())
    return tuple(out)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (a folder)."""
    for folder in (start.absolute(), *start.absolute().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name == "gilint.toml" or _has_table(candidate)):
                return candidate
    return None


def _mentions_gilint(pyproject: Path) -> bool:
    """Whether a pyproject.toml has a [tool.gilint] table, or looks as if it tried to (malformed)."""
    try:
        if pyproject.stat().st_size > 1 << 20:  # no configuration is that large
            return False
        return _has_table(pyproject) or b"tool.gilint" in pyproject.read_bytes()
    except OSError:
        return False


def _has_table(pyproject: Path) -> bool:
    try:
        tool = _read(pyproject).get("tool", {})
        return isinstance(tool, dict) and "gilint" in tool
    except ConfigError:
        return False


def _read(path: Path) -> dict[str, object]:
    """The TOML in ``path``: a regular file of at most a MiB (a configuration named /dev/zero or a pipe is
    refused, not read for ever). What a file's bytes parse to is kept (``regex.kept``, keyed by the bytes):
    a later process reading the same bytes neither imports nor runs the TOML parser."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_CONFIG:
                raise ConfigError(f"{path}: not a configuration file (not a regular file, or over 1 MiB)")
            data = f.read(_MAX_CONFIG)
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from e
    return regex.kept("toml", data, lambda: _parse_toml(path, data))


def _parse_toml(path: Path, data: bytes) -> dict[str, object]:
    """The TOML in ``data``, read from ``path``."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: not UTF-8 ({e})") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from e


def load_config(path: Path) -> Config:
    """The configuration in ``path``: ``[tool.gilint]`` of a ``pyproject.toml``, or of any TOML file that
    has that table; else the file's top level, as in ``gilint.toml`` (``--config office.toml`` with
    ``[rules.GI204]`` at its top is read, not silently ignored)."""
    data = _read(path)
    table = data.get("tool", {})
    if path.name == "pyproject.toml" or (path.name != "gilint.toml" and isinstance(table, dict) and "gilint" in table):
        data = table.get("gilint", {}) if isinstance(table, dict) else {}
    return parse_config(data, path)


def parse_config(data: Mapping[str, object], path: Path) -> Config:
    """Check every key and value of a configuration table and build the ``Config``."""
    unknown = [k for k in data if k not in KEYS]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], KEYS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f"; known keys: {', '.join(KEYS)}"
        raise ConfigError(f"{path}: unknown key {unknown[0]!r}{hint}")
    where = str(path)
    kwargs: dict[str, object] = {}
    for key in ("select", "extend-select", "ignore"):
        if key in data:
            kwargs[key.replace("-", "_")] = check_selectors(_strings(data[key], f"{where}: {key}"), f"{where}: {key}")
    if "exclude" in data:
        kwargs["exclude"] = tuple(_strings(data["exclude"], f"{where}: exclude"))
    if "per-file-ignores" in data:
        table = _table(data["per-file-ignores"], f"{where}: per-file-ignores")
        kwargs["per_file_ignores"] = {
            glob: check_selectors(
                _strings(codes, f"{where}: per-file-ignores.{glob}"), f"{where}: per-file-ignores.{glob}"
            )
            for glob, codes in table.items()
        }
    if "format-version" in data:
        version = data["format-version"]
        if version not in FORMAT_VERSIONS or isinstance(version, bool):
            raise ConfigError(f"{where}: format-version must be 2019 or 2021, not {version!r}")
        kwargs["format_version"] = version
    if "severity" in data:
        kwargs["severity"] = _severity(_table(data["severity"], f"{where}: severity"), where)
    if "rules" in data:
        table = _table(data["rules"], f"{where}: rules")
        check_selectors(list(table), f"{where}: rules")
        kwargs["rules"] = {code.upper(): dict(_table(opts, f"{where}: rules.{code}")) for code, opts in table.items()}
    return Config(root=path.parent, path=path, **kwargs)  # type: ignore[arg-type]


def _severity(table: Mapping[str, object], where: str) -> dict[str, Severity]:
    out: dict[str, Severity] = {}
    for code, value in table.items():
        if value not in SEVERITIES:
            raise ConfigError(f"{where}: severity.{code} must be one of {', '.join(SEVERITIES)}, not {value!r}")
        out[check_selectors([code], f"{where}: severity")[0]] = value  # type: ignore[assignment]
    return out


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings, not {value!r}")
    return value


def _table(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table, not {value!r}")
    return value


@dataclass(frozen=True)
class Overrides:
    """What the command line says on top of the configuration files."""

    config: Path | None = None  # --config: this file for every checked file
    select: tuple[str, ...] | None = None  # --select replaces the configuration's select and ignore
    extend_select: tuple[str, ...] = ()  # adds to select, and beats an ignore of the same code
    ignore: tuple[str, ...] = ()  # adds to ignore
    submission: str | None = None  # Config.submission, for every file

    def apply(self, base: Config) -> Config:
        """``base`` with the command line on top: what the command line names wins."""
        if self.select is not None:
            return replace(
                base,
                select=self.select,
                extend_select=self.extend_select,
                ignore=self.ignore,
                submission=self.submission,
            )
        return replace(
            base,
            extend_select=(*base.extend_select, *self.extend_select),
            ignore=(*(i for i in base.ignore if i not in self.extend_select), *self.ignore),
            submission=self.submission,
        )


class Resolver:
    """Finds (once per folder) and applies the configuration for each checked file.

    With ``roots`` (the folders an office audits), a file's configuration is the office's: found from the
    root that holds it up, never inside the root (unless ``overrides.submission`` is "honour", and then a
    configuration inside that cannot be read gives way to the office's)."""

    def __init__(
        self, overrides: Overrides | None = None, cwd: Path | None = None, roots: Sequence[str] | None = None
    ) -> None:
        self.overrides = overrides or Overrides()
        self.cwd = cwd or Path.cwd()
        self.roots = (
            None if roots is None else sorted((Path(os.path.abspath(r)) for r in roots), key=lambda r: -len(r.parts))
        )
        self._loaded: dict[Path | None, Config] = {}
        self._folders: dict[Path, Path | None] = {}
        self._inside: dict[Path, list[Path]] = {}  # by folder

    def for_path(self, path: str | Path) -> Config:
        """The configuration for the file or folder ``path``."""
        if self.overrides.config is not None:
            return self._config(self.overrides.config)
        p = Path(path)
        root = self._root(p)
        if root is not None and self.overrides.submission == "honour":
            inside = self.inside(p)
            if inside:
                try:
                    return self._config(inside[-1])  # the nearest, as for `gilint check`
                except ConfigError:  # a submission cannot stop the audit: the office's applies
                    pass
        folder = root if root is not None else p if p.is_dir() else p.parent
        if folder not in self._folders:
            self._folders[folder] = find_config(folder)
        return self._config(self._folders[folder])

    def inside(self, path: str | Path) -> list[Path]:
        """The configuration files inside the audited root that holds ``path`` (a submission's), from the
        root down to the file's folder; none without ``roots``. The root's own is the office's; a link
        leading out of the root, or anything but a regular file, is no configuration."""
        p = Path(os.path.abspath(path))
        root = self._root(p)
        if root is None:
            return []
        if p.parent in self._inside:
            return self._inside[p.parent]
        real = os.path.realpath(root)
        found = self._inside[p.parent] = []
        for folder in reversed(p.parents):
            if folder == root or root not in folder.parents:
                continue
            for name in CONFIG_NAMES:
                candidate = folder / name
                target = os.path.realpath(candidate)
                if (
                    candidate.is_file()
                    and target.startswith(real + os.sep)
                    and (name == "gilint.toml" or _mentions_gilint(candidate))
                ):
                    found.append(candidate)
        return found

    def _root(self, path: Path) -> Path | None:
        """The audited folder holding ``path`` (a file named itself: its folder), or None."""
        if self.roots is None:
            return None
        p = Path(os.path.abspath(path))
        for root in self.roots:  # the deepest first
            if p == root:
                return root if root.is_dir() else root.parent
            if root in p.parents:
                return root
        return None

    def _config(self, file: Path | None) -> Config:
        if file not in self._loaded:
            base = Config(root=self.cwd) if file is None else load_config(file)
            self._loaded[file] = self.overrides.apply(base)
        return self._loaded[file]

    def loaded(self) -> list[Config]:
        return list(self._loaded.values())
