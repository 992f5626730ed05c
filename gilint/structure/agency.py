"""The agency a report names itself: from its title, its signature or its preamble, and what a name is.

The one place gilint recognises an agency's name in a report. ``meta.find_title`` sets ``Report.agency``
from the title (``title_agency``); ``recognise`` gives the name a report goes by — its title's, else the
line above the signature date at the end, else the name in its preamble ("特向社会公布区人社局2021年政府
信息公开工作年度报告") — with where it was found. ``clean`` is a name without spaces and the quotes and
punctuation around it; ``plausible`` whether a string reads as an agency's name (3-40 Chinese characters
ending in 局, 委, 办, 府, 镇, 街道 …); ``level`` what kind of agency a name is (a department, a town, the
government of a county, a city or a province), which sets its deadline (``DEADLINES``: GI204 and the audit's
submissions). What only the audit needs (folders, file names, the office's list) stays in
``gilint.audit.agency``.

The level of a name, from the words it ends with (条例第四十九条, ../shared/spec/format.md §1.1):

- a people's government (…人民政府, …政府) is of the place before it: 城关镇人民政府 a town, 青禾县人民政府
  and 云溪市青禾区人民政府 a county, 云溪市人民政府 a city, 某省人民政府 and 上海市人民政府 (a municipality
  under the State Council) a province; its office (…人民政府办公室, …办公厅) is one of its departments;
- the 管委会 (管理委员会) of a zone (开发区, 新区, 综合实验区 …) governs the zone as a county's government
  does (its own 局 report to it), so its report and the zone's own (青禾经济开发区2023年…) are a county's;
- a department's word (局, 委员会, 办公室, 中心 …) makes a department, a town's (街道办事处, 镇, 乡) a town;
- a bare place is its government (青禾县 a county, 云溪市 a city);
- anything else has no level (None), and is taken for a department.

A department publishes by 31 January of the next year; a county-level-or-above government's own report by
31 March (format.md §1.1: the statute gives 31 March only to the 本级 report of a 县级以上地方人民政府). The
statute names no date for a town's government, which is below the county: local rules route its report
through the county, some by 31 January, some later, so GI204 and the audit hold a town to 31 March, the
county's own date: a town on time by its own rules is never called late (an office sets its rule's date).
The name cannot tell a county-level city (云溪市 of a prefecture) from a prefecture's: both are "city", with
the same deadline.
"""

from __future__ import annotations

import re

from gilint import regex
from gilint.model import Report

LEVELS = ("department", "town", "county", "city", "province")
GOVERNMENTS = ("county", "city", "province")  # their own report is due 31 March
# 条例第四十九条 gives 1月31日 to the departments of governments of county level and above and 3月31日 to those
# governments' own reports; it fixes no date for a town (乡镇, 街道), whose deadline local rules set (some by
# 1月31日 with the departments, some later: 2月20日 in one city): GI204 holds a town to the later, statutory
# bound, so that a town on time by its own rules is never called late (an office sets its own: [rules.GI204]).
DEADLINES = {"department": (1, 31), "town": (3, 31), "county": (3, 31), "city": (3, 31), "province": (3, 31)}

# The words a name ends with (a government's longest first: 人民政府 before 政府).
_GOVERNMENT = ("人民政府", "政府", "府")  # 府: 云溪市府, as some write it
_TOWN = ("街道办事处", "街道办", "街道", "民族乡", "镇", "乡", "苏木")
# A zone's 管委会: 青禾经济开发区管理委员会 (every zone's name ends in 区), but 云溪市城市管理委员会 is a department.
_ZONE_GOVERNMENT = ("管委会", "区管理委员会")
_DEPARTMENT = (
    "办公厅",
    "办公室",
    "委员会",
    "局",
    "委",
    "办",
    "厅",
    "署",
    "中心",
    "院",
    "所",
    "站",
    "队",
    "室",
    "处",
    "部",
    "社",
    "馆",
    "行",
    "会",
)
_PROVINCE = ("自治区", "省")
_COUNTY = ("自治县", "自治旗", "县", "区", "旗", "林区")
_CITY = ("自治州", "地区", "州", "盟", "市")
# A place's level by the word its name ends with, in this order (自治区 before 区).
_PLACE = (("province", _PROVINCE), ("town", _TOWN), ("county", _COUNTY), ("city", _CITY))
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")  # a city that is a province
_UPPER = regex.compile(
    rf"^[\u4e00-\u9fff]{{1,8}}(?:{'|'.join(_PROVINCE + _CITY)})$"
)  # a province's or a city's name ("某省", "云溪市", "某省云溪市")
_OWN_PLACE = regex.compile(
    rf"^[\u4e00-\u9fff]{{1,8}}?(?:{'|'.join(('市', *_TOWN, *_COUNTY))})"
)  # a name that starts with a place of a city or below ("青禾区…", "城关镇…")
_REGION_NOTE = regex.compile(r"[（(][^（）()]*[）)]$")  # "…人民政府（江苏）"

_NAME = regex.compile(r"[\u4e00-\u9fff（）()]{3,40}")
# A name ends in a government's, a town's, a zone's, a department's or a place's word.
_AGENCY_END = (*_GOVERNMENT, *_TOWN, *_ZONE_GOVERNMENT, *_DEPARTMENT, *_PROVINCE, *_COUNTY, *_CITY)
_PREAMBLE = regex.compile(r"([\u4e00-\u9fff（）()]{2,60}?)\s*(?:19|20)\d\d\s*年\s*度?\s*政府信息公开(?:工作)?年度?报告")
_PREAMBLE_LEAD = regex.compile(r"^.*(?:公布|发布|编制|现将|印发|报送|形成|本报告为|本报告是|特向社会)")
_SPACES = regex.compile(r"\s+")
_ASKING = regex.compile(r"关于(?:报送|印发|公布|发布)?$")
_AFTER_YEAR = regex.compile(r"度?(.{2,30}?)(?:政府信息公开|政务公开|信息公开)")
_PREAMBLE_CHARS = 1500  # how far into the text a preamble names the agency


def clean(name: str) -> str:
    """``name`` without white space and the quotes and punctuation around it."""
    return _SPACES.sub("", name).strip("《》“”\"'：:，,。.、")


def plausible(name: str) -> bool:
    """Whether ``name`` reads as an agency's name: 3-40 Chinese characters (and brackets) ending in an
    agency's word (局, 委, 办公室, 人民政府, 街道, 镇 …)."""
    return bool(_NAME.fullmatch(name) and name.endswith(_AGENCY_END))


def is_upper(prefix: str) -> bool:
    """Whether ``prefix`` is a city or province ("云溪市", "某省云溪市")."""
    return bool(_UPPER.match(prefix))


def has_place(name: str) -> bool:
    """Whether ``name`` starts with its own place, a city's or below ("青禾区…", "城关镇…")."""
    return bool(_OWN_PLACE.match(name))


def title_agency(title: str, year: re.Match[str]) -> str | None:
    """The agency a report's title names, around the ``year`` it was matched at: the words before the year
    ("青禾县发展和改革局2023年…"; "…局关于报送2020年度…的函" without 关于报送), else those after it
    ("2019年云溪市人民政府办公厅政府信息公开工作年度报告"). None when there are none."""
    agency = _SPACES.sub("", title[: year.start()]).strip('《》“”"')
    agency = _ASKING.sub("", agency)
    if not agency:
        after = _AFTER_YEAR.match(title[year.end() :])
        agency = after.group(1) if after else ""
    return agency or None


def signature_agency(report: Report) -> str | None:
    """The agency signing the report: the line just above the signature date, when it reads as a name."""
    published = report.published
    if published is None or published.source != "signature":
        return None
    nodes = report.stream.nodes
    for i in range(len(nodes) - 1, 0, -1):
        if nodes[i].span == published.span:
            name = clean(nodes[i - 1].text)
            return name if nodes[i - 1].kind == "text" and plausible(name) else None
    return None


def preamble_agency(report: Report) -> str | None:
    """The agency the opening text names before "…2021年政府信息公开工作年度报告", when it reads as a name."""
    m = _PREAMBLE.search(report.stream.text[:_PREAMBLE_CHARS])
    if m and (name := clean(_PREAMBLE_LEAD.sub("", m.group(1)))) and plausible(name):
        return name
    return None


def recognise(report: Report) -> tuple[str, str] | None:
    """The name ``report`` goes by and where it was found ("title", "signature" or "preamble"); None when
    it names none. A title's name of fewer than three characters is none ("政府" of "2023年政府信息公开…")."""
    if report.agency and len(name := clean(report.agency)) >= 3:
        return name, "title"
    signed = signature_agency(report)
    if signed:
        return signed, "signature"
    named = preamble_agency(report)
    return (named, "preamble") if named else None


def level(name: str) -> str | None:
    """The level of the agency ``name`` names (one of ``LEVELS``), from the words it ends with; None when
    they tell none (see the module's docstring)."""
    key = _REGION_NOTE.sub("", clean(name))
    government = next((w for w in _GOVERNMENT if key.endswith(w)), None)
    if government is not None:
        return _place_level(key[: -len(government)])
    if key.endswith(_TOWN):
        return "town"
    if key.endswith(_ZONE_GOVERNMENT):
        return "county"
    if key.endswith(_DEPARTMENT):
        return "department"
    return _place_level(key)


def _place_level(place: str) -> str | None:
    """The level of the government of ``place`` (青禾县, 云溪市, 城关镇); None when it is no place's name."""
    if place.endswith(_MUNICIPALITIES):
        return "province"
    for lv, words in _PLACE:
        word = next((w for w in words if place.endswith(w)), None)
        if word is not None:
            return lv if len(place) > len(word) else None  # "区" alone names no place
    return None


def deadline(agency: str | None) -> tuple[int, int]:
    """The month and day of the year after the report's by which the agency ``agency`` names publishes
    it (``DEADLINES``); a department's when the name tells no level or there is none."""
    return DEADLINES[(level(agency) if agency else None) or "department"]
