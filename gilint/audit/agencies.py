"""The office's list of the agencies it expects reports from (``gilint audit --agencies FILE``).

A list is CSV (UTF-8, with or without BOM; GBK as WPS saves it) or TOML. Its columns / keys:

``name`` (名称)       the agency's name, as the office writes it (required, unique)
``aliases`` (别名)    other names its reports or files use, separated by ``;`` ``；`` ``、`` or ``|``
                      (a list in TOML)
``level`` (级别)      ``department`` (部门), ``town`` (乡镇, 街道), ``county`` (县级政府, 区县), ``city``
                      (市级政府), ``province`` (省级政府); default ``department``
``from`` (起始年度)   the first year a report is expected (empty: every audited year)
``pattern`` (文件)    a glob its submissions' paths match (``人社局/*``, ``*rsj*``), relative to the
                      audited folder
``parent`` (上级)     the name of the agency (on the list) whose report aggregates this one's

The level sets the statutory deadline (条例第四十九条, ``gilint.structure.agency.DEADLINES``, which GI204
uses too): every agency submits and publishes its report of year N by 31 January of N + 1; a
county-level-or-above government's own report is due by 31 March. Without a list the level is the one the
agency's name tells (``gilint.structure.agency.level``).
A list that cannot be used is an ``AgencyListError`` with the line and the reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from gilint.audit.agency import agency_key
from gilint.structure import agency as names
from gilint.structure.agency import has_place, is_upper

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

LEVELS = {
    "department": "department",
    "部门": "department",
    "town": "town",
    "乡镇": "town",
    "街道": "town",
    "乡镇街道": "town",
    "county": "county",
    "县": "county",
    "区": "county",
    "区县": "county",
    "县级": "county",
    "县级政府": "county",
    "县区政府": "county",
    "city": "city",
    "市": "city",
    "市级": "city",
    "市级政府": "city",
    "province": "province",
    "省": "province",
    "省级": "province",
    "省级政府": "province",
}
LEVEL_WORDS = {
    "zh": {
        "department": "部门",
        "town": "乡镇（街道）",
        "county": "县级政府",
        "city": "市级政府",
        "province": "省级政府",
    },
    "en": {
        "department": "department",
        "town": "town",
        "county": "county government",
        "city": "city government",
        "province": "provincial government",
    },
}
_HEADERS = {
    "name": "name",
    "名称": "name",
    "机关": "name",
    "机关名称": "name",
    "aliases": "aliases",
    "alias": "aliases",
    "别名": "aliases",
    "level": "level",
    "级别": "level",
    "层级": "level",
    "from": "from",
    "since": "from",
    "起始年度": "from",
    "起始年份": "from",
    "pattern": "pattern",
    "文件": "pattern",
    "路径": "pattern",
    "parent": "parent",
    "上级": "parent",
}
_SPLIT = re.compile(r"[;；、|]")
_LIST_BYTES = 8 << 20


class AgencyListError(Exception):
    """The agency list cannot be used: the file, the line and why."""


@dataclass(frozen=True)
class Agency:
    """One expected agency."""

    name: str
    level: str = "department"
    aliases: tuple[str, ...] = ()
    since: int | None = None
    pattern: str | None = None
    parent: str | None = None

    def names(self) -> list[str]:
        """The name and aliases as ``agency_key`` compares them, the name first."""
        return [agency_key(n) for n in (self.name, *self.aliases)]

    def expects(self, year: int) -> bool:
        """Whether a report of ``year`` is expected."""
        return self.since is None or year >= self.since


def deadline(level: str, year: int) -> dt.date:
    """The last day to publish the report of ``year`` for an agency of ``level``."""
    return dt.date(year + 1, *names.DEADLINES[level])


def guess_level(name: str) -> str:
    """Without a list: the level the name tells (``gilint.structure.agency.level``: 青禾县人民政府 a county,
    城关镇人民政府 a town, 青禾经济开发区管委会 a county, 云溪市人民政府办公室 a department), a department's
    when it tells none."""
    return names.level(name) or "department"


class AgencyList:
    """The agencies of a list, found by name, alias, folder, file name or pattern."""

    def __init__(self, agencies: list[Agency], source: str = "") -> None:
        self.agencies = agencies
        self.source = source
        self._by_key: dict[str, Agency] = {}
        for a in agencies:
            for key in a.names():
                other = self._by_key.get(key)
                if other is not None and other is not a:
                    raise AgencyListError(f"{source}: “{key}” names both {other.name} and {a.name}")
                self._by_key[key] = a
        names = {a.name for a in agencies}
        for a in agencies:
            if a.parent is not None and a.parent not in names:
                raise AgencyListError(f"{source}: the parent of {a.name}, {a.parent}, is not on the list")

    def named(self, name: str) -> Agency | None:
        """The agency ``name`` (or an alias) names exactly, else the one listed name it is with its city put
        before it or left out ("青禾区人民政府" for "云溪市青禾区人民政府"), when just one is."""
        key = agency_key(name)
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        near = {a.name: a for k, a in self._by_key.items() if _with_place(k, key) or _with_place(key, k)}
        return next(iter(near.values())) if len(near) == 1 else None

    def by_pattern(self, relative: str) -> Agency | None:
        """The agency whose ``pattern`` the path (relative to the audited folder, with ``/``) matches, when one."""
        found = {
            a.name: a
            for a in self.agencies
            if a.pattern and (fnmatch.fnmatchcase(relative, a.pattern) or PurePosixPath(relative).match(a.pattern))
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def in_file_name(self, stem: str) -> Agency | None:
        """The agency whose name or alias the file name contains (the longest, when it is of one agency)."""
        key = agency_key(stem)
        hits = sorted(((len(k), a) for k, a in self._by_key.items() if len(k) >= 2 and k in key), key=lambda t: -t[0])
        if not hits:
            return None
        best = [a for n, a in hits if n == hits[0][0]]
        return best[0] if all(a is best[0] for a in best) else None


def _with_place(longer: str, shorter: str) -> bool:
    """``longer`` is ``shorter`` with a city or province before it."""
    return longer != shorter and longer.endswith(shorter) and is_upper(longer[: -len(shorter)]) and has_place(shorter)


def load(path: Path) -> AgencyList:
    """Read the list at ``path`` (``.toml``: TOML; else CSV)."""
    shown = str(path)
    try:
        data = path.read_bytes()[: _LIST_BYTES + 1]
    except OSError as e:
        raise AgencyListError(f"{shown}: cannot read the agency list ({e.strerror or e})") from None
    if len(data) > _LIST_BYTES:
        raise AgencyListError(f"{shown}: the agency list is larger than {_LIST_BYTES >> 20} MiB")
    text = _decode(data, shown)
    rows = _toml_rows(text, shown) if path.suffix.lower() == ".toml" else _csv_rows(text, shown)
    agencies = [_agency(fields, f"{shown}:{where}") for where, fields in rows]
    if not agencies:
        raise AgencyListError(f"{shown}: the agency list names no agency")
    return AgencyList(agencies, shown)


def _decode(data: bytes, shown: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AgencyListError(f"{shown}: the agency list is neither UTF-8 nor GBK text")  # pragma: no cover


def _csv_rows(text: str, shown: str) -> list[tuple[str, dict[str, object]]]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise AgencyListError(f"{shown}: the agency list is empty") from None
    columns = [_HEADERS.get(h.strip().lower()) for h in header]
    unknown = [h.strip() for h, c in zip(header, columns, strict=True) if c is None and h.strip()]
    if unknown:
        raise AgencyListError(
            f"{shown}:1: unknown key {', '.join(unknown)} (the columns are name, aliases, level, "
            "from, pattern, parent, or 名称, 别名, 级别, 起始年度, 文件, 上级)"
        )
    if "name" not in columns:
        raise AgencyListError(f"{shown}:1: the header has no name column (name or 名称); it reads {header!r}")
    out: list[tuple[str, dict[str, object]]] = []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        out.append((str(line), {c: cell.strip() for c, cell in zip(columns, row, strict=False) if c and cell.strip()}))
    return out


def _toml_rows(text: str, shown: str) -> list[tuple[str, dict[str, object]]]:
    try:
        data = tomllib.loads(text)
    except ValueError as e:  # TOMLDecodeError is a ValueError
        raise AgencyListError(f"{shown}: not valid TOML ({e})") from None
    items = data.get("agency", data.get("agencies"))
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise AgencyListError(f"{shown}: expected [[agency]] tables (name = ..., level = ...)")
    return [
        (f"agency {n}", {_HEADERS.get(str(k).lower(), str(k)): v for k, v in item.items()})
        for n, item in enumerate(items, start=1)
    ]


def _agency(fields: dict[str, object], where: str) -> Agency:
    unknown = sorted(set(fields) - {"name", "aliases", "level", "from", "pattern", "parent"})
    if unknown:
        raise AgencyListError(f"{where}: unknown key {', '.join(unknown)}")
    name = str(fields.get("name") or "").strip()
    if not name:
        raise AgencyListError(f"{where}: an agency without a name")
    raw_level = str(fields.get("level") or "department").strip()
    level = LEVELS.get(raw_level.lower())
    if level is None:
        raise AgencyListError(
            f"{where}: level {raw_level!r} of {name} is not one of department, town, county, city, "
            "province (部门, 乡镇, 县级政府, 市级政府, 省级政府)"
        )
    aliases = fields.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = _SPLIT.split(aliases)
    if not isinstance(aliases, (list, tuple)):
        raise AgencyListError(f"{where}: the aliases of {name} are not a list")
    since_raw = fields.get("from")
    since: int | None = None
    if since_raw not in (None, ""):
        try:
            since = int(str(since_raw).strip().rstrip("年"))
        except ValueError:
            raise AgencyListError(f"{where}: the first year of {name}, {since_raw!r}, is not a year") from None
        if not 1990 <= since <= 2100:
            raise AgencyListError(f"{where}: the first year of {name}, {since}, is not a year")
    pattern = str(fields["pattern"]).strip() if fields.get("pattern") else None
    parent = str(fields["parent"]).strip() if fields.get("parent") else None
    return Agency(name, level, tuple(str(a).strip() for a in aliases if str(a).strip()), since, pattern, parent)
