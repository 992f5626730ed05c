"""Which agency a report belongs to, so that one agency's reports of several years form a series.

The name comes from the title ("沭阳县发展和改革局2023年政府信息公开工作年度报告"), else from the
signature above the date at the end, else from the preamble ("特向社会公布区人社局2021年政府信息公开
工作年度报告"), else from the file name. ``merge_names`` then joins a name written without its city to
the one written with it ("洪泽区人民政府" and "淮安市洪泽区人民政府") when that is unambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import PurePath

from gilint.model import Report

_NAME = re.compile(r"[\u4e00-\u9fff（）()]{3,40}")
_AGENCY_END = re.compile(r"(?:局|委|会|办|办公室|厅|院|府|处|中心|所|站|队|署|社|街道|镇|乡|区|县|市|州|旗|馆|部)$")
_PREAMBLE = re.compile(r"([\u4e00-\u9fff（）()]{2,60}?)\s*(?:19|20)\d\d\s*年\s*度?\s*政府信息公开(?:工作)?年度?报告")
_PREAMBLE_LEAD = re.compile(r"^.*(?:公布|发布|编制|现将|印发|报送|形成|本报告为|本报告是|特向社会)")
_FILE_YEAR = re.compile(r"(?:19|20)\d\d")
_FILE_TAIL = re.compile(r"(?:(?:19|20)\d\d\s*年?\s*度?)?(?:政府信息公开|政务公开|信息公开|年度报告|年报).*$")
_UPPER = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:省|市|自治区|自治州|州|地区|盟)$")  # a city/province prefix
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:市|区|县|旗|镇|乡|街道)")  # a name that starts with its own place


def agency_of(report: Report | None, path: str) -> tuple[str, str]:
    """The agency's name and where it was found: "title", "signature", "preamble" or "file"."""
    if report is not None:
        if report.agency and (name := _clean(report.agency)):
            return name, "title"
        signed = _signature(report)
        if signed:
            return signed, "signature"
        m = _PREAMBLE.search(report.stream.text[:1500])
        if m and (name := _clean(_PREAMBLE_LEAD.sub("", m.group(1)))) and _plausible(name):
            return name, "preamble"
    return file_agency(path), "file"


def file_agency(path: str) -> str:
    """The agency a file name suggests: the stem without a leading index, the year and the report words."""
    stem = PurePath(path).name.split(".")[0]
    name = _FILE_TAIL.sub("", re.sub(r"^\d+[_\-. ]+", "", stem))
    name = _FILE_YEAR.sub("", name).strip("_-. ")
    return _clean(name) or stem


def file_year(path: str) -> int | None:
    """A year written in the file name ("xx-ju_2023.txt"), for a file whose text could not be read."""
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", PurePath(path).name)
    return int(m.group(1)) if m else None


def agency_key(name: str) -> str:
    """The form two spellings of one name share: NFKC (full-width brackets and digits), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def merge_names(names: Iterable[str]) -> dict[str, str]:
    """Each name mapped to the name of its series: itself, or the one longer name that is it with a
    city or province put before it ("洪泽区人民政府" -> "淮安市洪泽区人民政府"); two candidates leave it
    alone. Names are compared by ``agency_key``."""
    unique = sorted(set(names))
    by_key: dict[str, str] = {}
    for name in unique:
        by_key.setdefault(agency_key(name), name)
    parent: dict[str, str] = {}
    for key in by_key:
        if not _PLACE.match(key):
            continue
        longer = [other for other in by_key if other != key and other.endswith(key) and
                  _UPPER.match(other[: -len(key)])]
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


def _clean(name: str) -> str:
    return re.sub(r"\s+", "", name).strip("《》“”\"'：:，,。.、")


def _plausible(name: str) -> bool:
    return bool(_NAME.fullmatch(name) and _AGENCY_END.search(name))


def _signature(report: Report) -> str | None:
    """The agency signing the report: the line just above the signature date."""
    published = report.published
    if published is None or published.source != "signature":
        return None
    nodes = report.stream.nodes
    for i in range(len(nodes) - 1, 0, -1):
        if nodes[i].span == published.span:
            name = _clean(nodes[i - 1].text)
            return name if nodes[i - 1].kind == "text" and _plausible(name) else None
    return None
