"""Title, report year, agency (``agency.title_agency``), statistics period and publication date."""

from __future__ import annotations

import datetime as dt
import re

from gilint import regex
from gilint.model import Dated, Period, Report, Span, Stream
from gilint.numbers import CN_NUMBER, parse_date_parts, parse_int
from gilint.structure.agency import title_agency

_PERIOD = regex.compile(
    r"(?:统\s*计\s*(?:期\s*限|时\s*限|期\s*间|时\s*间|周\s*期|区\s*间|范\s*围)?|涵\s*盖|反\s*映)[^。；;]{0,24}?"
    rf"(?P<y1>\d{{4}}|{CN_NUMBER})\s*年\s*(?P<m1>\d{{1,2}}|{CN_NUMBER})\s*月\s*(?P<d1>\d{{1,2}}|{CN_NUMBER})\s*日"
    r"\s*(?:起\s*)?(?:至|到|—{1,2}|－|-|~|～|－)\s*"
    rf"(?:(?P<y2>\d{{4}}|{CN_NUMBER})\s*年\s*)?(?P<m2>\d{{1,2}}|{CN_NUMBER})\s*月\s*"
    rf"(?P<d2>\d{{1,2}}|{CN_NUMBER})\s*日"
)
_REPORT_TITLE = regex.compile(r"(?:政府)?信息公开.{0,8}年度?报告|政务公开.{0,6}年度报告|年度报告")
_TITLE_YEAR = regex.compile(r"(\d{4})\s*年")
_DATE_LINE = regex.compile(
    rf"^[（(]?\s*(?:\d{{4}}|{CN_NUMBER})\s*年\s*(?:\d{{1,2}}|{CN_NUMBER})\s*月\s*"
    rf"(?:\d{{1,2}}|{CN_NUMBER})\s*日\s*[)）]?$"
)
_ISO_DATE = regex.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_HEADER_DATE = regex.compile(r"^(发布日期|发布时间|成文日期)[:：]")
_DEBRIS = regex.compile(r"扫一扫|网站地图|主办单位|技术支持|版权所有|ICP备|关闭窗口|打印本页|【|分享到")


def _date(y: int | None, m: int | None, d: int | None) -> dt.date | None:
    try:
        return dt.date(y, m, d) if y and m and d else None
    except ValueError:
        return None


def find_period(stream: Stream) -> Period | None:
    m = _PERIOD.search(stream.text)
    if not m:
        return None
    y1 = parse_int(m.group("y1"))
    y2 = parse_int(m.group("y2")) if m.group("y2") else y1
    start = _date(y1, parse_int(m.group("m1")), parse_int(m.group("d1")))
    end = _date(y2, parse_int(m.group("m2")), parse_int(m.group("d2")))
    raw = m.group()
    return Period(start, end, raw, stream.span(m.start(), m.end()))


def find_title(report: Report) -> None:
    stream, doc = report.stream, report.doc
    for i, node in enumerate(stream.nodes[:8]):
        t = node.text.strip()
        if node.kind == "text" and len(t) <= 70 and _REPORT_TITLE.search(t) and "。" not in t:
            report.title = _title_lines(stream, i)
            report.title_span = node.span
            break
    else:
        meta = doc.meta.get("title", "")
        if _REPORT_TITLE.search(meta):
            report.title = meta
    if report.title:
        report.title = re.sub(r"^(?:标题|题目)[:：]\s*", "", report.title)
        report.title = re.sub(r"(年度?报告)\s*[-—_|｜].{1,20}$", r"\1", report.title)
        m = _TITLE_YEAR.search(report.title)
        if m:
            report.year = int(m.group(1))
            report.agency = title_agency(report.title, m)


_NOT_TITLE = regex.compile(r"[。，,：:>＞]|^正文$|当前位置")


def _title_lines(stream: Stream, i: int) -> str:
    """The title ending at node ``i``, with the lines it was broken from: lines before it are
    joined while the year is still missing ("2024 年上海市科委政府信息公开工作" / "年度报告"), and one
    agency line is put before a title that starts with the year ("青禾县自然资源局" / "2023年…");
    site names and breadcrumbs before a complete title stay out."""

    def line(j: int) -> str | None:
        if j < 0 or stream.nodes[j].kind != "text":
            return None
        t = stream.nodes[j].text.strip().lstrip("#").strip()
        return t if t and len(t) <= 40 and not _NOT_TITLE.search(t) else None

    title, j = line(i) or stream.nodes[i].text.strip().lstrip("#").strip(), i - 1
    while not _TITLE_YEAR.search(title) and j >= i - 2 and (prev := line(j)):
        title, j = prev + title, j - 1
    if re.match(r"\d{4}\s*年", title) and (prev := line(j)) and not re.search(r"\d", prev):
        title = prev + title
    return title


def year_from_text(stream: Stream) -> int | None:
    """The year the opening text speaks of: "…2021年政府信息公开工作年度报告", else the most
    frequent year in the first 1,500 characters ("2023年，我局…")."""
    m = re.search(r"(\d{4})\s*年\s*度?\s*政\s*府\s*信\s*息\s*公\s*开\s*工\s*作\s*年\s*度\s*报\s*告", stream.text[:4000])
    if m:
        return int(m.group(1))
    years = [int(y) for y in re.findall(r"(20\d\d)\s*年", stream.text[:1500])]
    return max(set(years), key=years.count) if years else None


def find_published(report: Report) -> Dated | None:
    """The date the report is signed with: a date line among the last six text nodes of the last twelve that are
    not site chrome (``_DEBRIS``), the last first; else a date line or "发布日期：…" among the first six nodes;
    else the page's declared ``pubdate``."""
    stream, doc = report.stream, report.doc
    last = [n for n in stream.nodes[-12:] if n.kind == "text"]
    left = 6  # of the six, those not yet looked at
    for k in range(len(last) - 1, -1, -1):  # (k nodes before this one)
        node = last[k]
        if _DATE_LINE.match(node.text.strip()):  # (a date line is never chrome)
            d = _date(*parse_date_parts(node.text) or (None, None, None))
            if d:
                return Dated(d, node.text.strip(), node.span, "signature")
        elif k >= left and _DEBRIS.search(node.text):  # chrome: not one of the six (asked only when that decides
            continue  # which are: when this one and those before it are more than are left)
        left -= 1
        if not left:
            break
    for node in stream.nodes[:6]:
        t = node.text.strip()
        if _DATE_LINE.match(t) or _HEADER_DATE.match(t):
            parts = parse_date_parts(t)
            m = _ISO_DATE.search(t)
            d = _date(*parts) if parts else (_date(*map(int, m.groups())) if m else None)
            if d:
                return Dated(d, t, node.span, "header")
    raw = doc.meta.get("pubdate", "")
    m = _ISO_DATE.search(raw)
    if m and (d := _date(*map(int, m.groups()))):
        return Dated(d, raw, Span(1, 1), "meta")
    return None
