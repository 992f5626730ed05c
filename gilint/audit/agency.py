"""Which agency a report belongs to, so that one agency's reports of several years form a series.

In the worker, ``agency_of`` reads the name the report gives (``gilint.structure.agency.recognise``: from
the title, "青禾县发展和改革局2023年政府信息公开工作年度报告", else from the signature above the date at
the end, else from the preamble, "特向社会公布区人社局2021年政府信息公开工作年度报告"), else from the
file name.

In the audit, ``identify`` then decides each report's agency over all of them: from the office's list
(``agencies.AgencyList``: a pattern, a folder, the report's own name or the file name naming a listed
agency), else from the folder the report sits in when the office files one folder per agency, else from
the report's name (``merge_names`` joins a name written without its city to the one written with it,
"青禾区人民政府" and "云溪市青禾区人民政府", when that is unambiguous), else from a file name that is an
agency's name. Two different names are never merged; a report none of these name has the agency ""
(shown as unknown, with its file) and joins no series.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol

from gilint.model import Report
from gilint.structure.agency import clean, has_place, is_upper, plausible, recognise

_FILE_YEAR = re.compile(r"(?:19|20)\d\d")
_FILE_TAIL = re.compile(r"(?:(?:19|20)\d\d\s*年?\s*度?)?(?:政府信息公开|政务公开|信息公开|年度报告|年报).*$")


class Named(Protocol):
    @property
    def name(self) -> str: ...


class AgencyList(Protocol):
    """What identifying a submission asks of the office's list (``agencies.AgencyList``, which imports
    this module's name helpers, so it is named here by what it does)."""

    def named(self, name: str) -> Named | None: ...
    def by_pattern(self, relative: str) -> Named | None: ...
    def in_file_name(self, stem: str) -> Named | None: ...


def agency_of(report: Report | None, path: str) -> tuple[str, str]:
    """The agency's name and where it was found: "title", "signature", "preamble" (``structure.agency``)
    or "file"."""
    found = recognise(report) if report is not None else None
    return found if found is not None else (file_agency(path), "file")


def file_agency(path: str) -> str:
    """The agency a file name suggests: the stem without a leading index, the year and the report words."""
    stem = PurePath(path).name.split(".")[0]
    name = _FILE_TAIL.sub("", re.sub(r"^\d+[_\-. ]+", "", stem))
    name = _FILE_YEAR.sub("", name).strip("_-. ")
    return clean(name) or stem


def file_year(path: str) -> int | None:
    """A year written in the file name ("xx-ju_2023.txt"), else the name of a folder that is a year
    ("2023/", "2023年/"), for a file whose text gives none."""
    parts = PurePath(path).parts
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", parts[-1]) if parts else None
    if m:
        return int(m.group(1))
    for part in reversed(parts[:-1]):
        m = re.fullmatch(r"((?:19|20)\d\d)\s*年?度?", part)
        if m:
            return int(m.group(1))
    return None


@dataclass
class Found:
    """What a stored report says of its agency."""

    id: int
    path: str  # absolute
    name: str  # agency_found
    source: str  # title, signature, preamble, file


def identify(
    reports: Sequence[Found], roots: Sequence[str], agencies: AgencyList | None = None
) -> dict[int, tuple[str, str]]:
    """Each report's agency and how it was known: ``list`` (the office's list), ``folder``, ``title``,
    ``signature``, ``preamble``, ``file`` or ``unknown`` (agency ""). ``roots``: the audited folders
    (absolute), below which folder names are read."""
    folders = _agency_folders(reports, roots)
    out: dict[int, tuple[str, str]] = {}
    rest = []
    for r in reports:
        folder = folders[r.id]
        listed = _listed(r, folder, roots, agencies) if agencies is not None else None
        if listed is not None:
            out[r.id] = (listed, "list")
        elif folder is not None and folder[1]:
            out[r.id] = (folder[0], "folder")
        elif (r.source != "file" and r.name) or plausible(r.name):
            rest.append(r)
        else:
            out[r.id] = ("", "unknown")
    names = merge_names(r.name for r in rest)
    for r in rest:
        out[r.id] = (names[r.name], r.source)
    return out


def _ancestors(path: str, roots: Sequence[str]) -> list[str]:
    """The folders of ``path`` from the nearest up to the audited folder it is in (that one included);
    only the nearest one when it is in none."""
    parent = PurePath(path).parent
    root = next(
        (
            PurePath(r)
            for r in sorted(roots, key=len, reverse=True)
            if parent == PurePath(r) or PurePath(r) in parent.parents
        ),
        None,
    )
    if root is None:
        return [str(parent)]
    out = [str(parent)]
    while PurePath(out[-1]) != root:
        out.append(str(PurePath(out[-1]).parent))
    return out


def _folder_name(folder: str) -> str:
    """The agency a folder's name would be: without a leading index and a year."""
    name = re.sub(r"^\d+[_\-. ]+", "", PurePath(folder).name)
    return clean(_FILE_YEAR.sub("", _FILE_TAIL.sub("", name)))


def _agency_folders(reports: Sequence[Found], roots: Sequence[str]) -> dict[int, tuple[str, bool] | None]:
    """Per report, the name of its own folder — the nearest one that is not a year's ("2023/") — with
    whether it is one agency's folder: its name is an agency's, and the reports in it name at most one
    agency themselves (a folder holding the reports of several agencies, "青禾综合实验区/" with its
    departments' reports, is not one agency's). A folder further up is never the agency: in
    "云溪市人民政府/其他/报告.txt" the report is not the government's for its folder's sake."""
    own: dict[int, str | None] = {}
    for r in reports:
        own[r.id] = next((f for f in _ancestors(r.path, roots) if _folder_name(f)), None)
    named: dict[str, set[str]] = defaultdict(set)
    for r in reports:
        folder = own[r.id]
        if folder is not None and r.source != "file" and r.name:
            named[folder].add(agency_key(r.name))
    out: dict[int, tuple[str, bool] | None] = {}
    for r in reports:
        folder = own[r.id]
        out[r.id] = (
            None
            if folder is None
            else (_folder_name(folder), plausible(_folder_name(folder)) and len(named[folder]) <= 1)
        )
    return out


def _listed(r: Found, folder: tuple[str, bool] | None, roots: Sequence[str], agencies: AgencyList) -> str | None:
    """The listed agency of the report: by pattern, its folder's name, its own name, its file's name."""
    relative = next(
        (
            os.path.relpath(r.path, root)
            for root in sorted(roots, key=len, reverse=True)
            if r.path.startswith(root.rstrip(os.sep) + os.sep)
        ),
        PurePath(r.path).name,
    )
    found = agencies.by_pattern(PurePath(relative).as_posix())
    if found is None and folder is not None:
        found = agencies.named(folder[0])
    if found is None and r.source != "file" and r.name:
        found = agencies.named(r.name)
    found = found or agencies.in_file_name(PurePath(r.path).name.split(".")[0])
    return found.name if found else None


def agency_key(name: str) -> str:
    """The form two spellings of one name share: NFKC (full-width brackets and digits), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def merge_names(names: Iterable[str]) -> dict[str, str]:
    """Each name mapped to the name of its series: itself, or the one longer name that is it with a
    city or province put before it ("青禾区人民政府" -> "云溪市青禾区人民政府"); two candidates leave it
    alone. Names are compared by ``agency_key``."""
    unique = sorted(set(names))
    by_key: dict[str, str] = {}
    for name in unique:
        by_key.setdefault(agency_key(name), name)
    parent: dict[str, str] = {}
    for key in by_key:
        if not has_place(key):
            continue
        longer = [other for other in by_key if other != key and other.endswith(key) and is_upper(other[: -len(key)])]
        if len(longer) == 1:
            parent[key] = longer[0]
    out = {}
    for name in unique:
        key = agency_key(name)
        seen = {key}
        while key in parent and parent[key] not in seen:
            key = parent[key]
            seen.add(key)
        out[name] = by_key[key]
    return out
