"""The agency a report names itself: from its title, its signature or its preamble, and what a name is.

The one place gilint recognises an agency's name in a report. ``meta.find_title`` sets ``Report.agency``
from the title (``title_agency``); ``recognise`` gives the name a report goes by — its title's, else the
line above the signature date at the end, else the name in its preamble ("特向社会公布区人社局2021年政府
信息公开工作年度报告") — with where it was found. ``clean`` is a name without spaces and the quotes and
punctuation around it; ``plausible`` whether a string reads as an agency's name (3-40 Chinese characters
ending in 局, 委, 办, 府, 镇, 街道 …). What only the audit needs (folders, file names, the office's list)
stays in ``gilint.audit.agency``.
"""

from __future__ import annotations

import re

from gilint import regex
from gilint.model import Report

_NAME = regex.compile(r"[\u4e00-\u9fff（）()]{3,40}")
_AGENCY_END = regex.compile(r"(?:局|委|会|办|办公室|厅|院|府|处|中心|所|站|队|署|社|街道|镇|乡|区|县|市|州|旗|馆|部)$")
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
    return bool(_NAME.fullmatch(name) and _AGENCY_END.search(name))


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
