"""Period rules: the statistics period, the report year, and the publication deadline."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping

from gilint_rules._util import is_report, start_span

from gilint.model import Finding, Report
from gilint.rule import Rule, rule

RULES: list[Rule] = []


@rule("GI201", "period-missing", "period", "warning", "未说明统计期限", "no statistics period stated",
      registry=RULES)
def period_missing(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    报告是否写明数据的统计期限，如“本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止”。
    Whether the report states the statistics period of its data.

    为什么 / Why
    年报统计的是上一年度（条例第四十九条）；写明期限让读者知道数字覆盖哪段时间。Readers need to know
    which period the numbers cover.

    错误示例 / Bad
    前言中没有任何统计期限的说明。

    正确示例 / Good
    本报告所列数据的统计期限为2023年1月1日至2023年12月31日。
    """
    if is_report(report) and report.period is None:
        year = report.year or "YYYY"
        yield Finding(start_span(report), "报告未写明数据的统计期限",
                      "the report does not state the statistics period of its data",
                      f"如“本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日”",
                      "e.g. “本报告所列数据的统计期限为YYYY年1月1日至YYYY年12月31日”")


@rule("GI202", "period-not-year", "period", "error", "统计期限不是完整的报告年度",
      "the statistics period is not the full report year", registry=RULES)
def period_not_year(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    写明的统计期限是否为报告年度的1月1日至12月31日。Whether the stated period is 1 January to 31
    December of the report year.

    为什么 / Why
    年报报告上一年度的工作（条例第四十九条）；期限不完整或跨年，数字就不可比。The report covers the
    previous calendar year; any other period makes the numbers incomparable.

    错误示例 / Bad
    统计期限为2023年1月1日至2023年6月30日。

    正确示例 / Good
    统计期限为2023年1月1日至2023年12月31日。
    """
    p = report.period
    if not is_report(report) or p is None or p.start is None or p.end is None:
        return
    year = report.year or p.start.year
    want = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    if (p.start, p.end) != want:
        yield Finding(p.span, f"统计期限为{_cn(p.start)}至{_cn(p.end)}，不是{year}年全年",
                      f"the period {p.start} – {p.end} is not the whole of {year}",
                      f"应为{_cn(want[0])}至{_cn(want[1])}", f"expected {want[0]} – {want[1]}")


def _cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@rule("GI203", "year-mismatch", "period", "error", "标题年份与统计期限年份不一致",
      "the title year and the period year disagree", registry=RULES)
def year_mismatch(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    标题中的年份与统计期限的年份是否一致。Whether the year in the title equals the year of the
    statistics period.

    为什么 / Why
    沿用上一年的模板时最常见的错误就是忘改年份。Reusing last year's text often leaves a wrong year.

    错误示例 / Bad
    标题“2023年政府信息公开工作年度报告”，统计期限“2022年1月1日至2022年12月31日”。

    正确示例 / Good
    标题与统计期限均为2023年。
    """
    p = report.period
    if not is_report(report) or not report.title or p is None or p.start is None:
        return
    m = re.search(r"(\d{4})\s*年", report.title)
    if m and int(m.group(1)) != p.start.year:
        yield Finding(p.span, f"标题年份为{m.group(1)}年，统计期限却是{p.start.year}年",
                      f"the title says {m.group(1)} but the period is in {p.start.year}",
                      f"统计期限应为{m.group(1)}年", f"expected a period in {m.group(1)}")


# An agency name ending in a department word is a department (31 January); a name that is a
# government or a bare region (平潭综合实验区, 某某县) is the government's own report (31 March).
_DEPARTMENT = re.compile(r"(局|委|委员会|办|办公室|办公厅|厅|署|中心|院|所|站|队|室|处|部|社|馆|行|会)$")


@rule("GI204", "published-late", "period", "error", "发布日期晚于法定期限",
      "published after the statutory deadline", registry=RULES, deadline=None)
def published_late(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    发布日期或落款日期是否晚于次年1月31日（政府部门）；县级以上人民政府本级的年报为次年3月31日
    （按标题中的机关名称判断，也可用选项 ``deadline = "03-31"`` 指定）。Whether the publication or
    signature date is after 31 January of the next year (departments), or 31 March for a
    county-level-or-above government's own report (told by the agency name, or the ``deadline``
    option, "MM-DD").

    为什么 / Why
    条例第四十九条：部门在每年1月31日前、政府在每年3月31日前公布上一年度年报；“不按时发布”是
    2021 年格式列明的追责情形。Article 49 sets the deadlines; late publication is sanctioned.

    错误示例 / Bad
    某局2023年年报落款“2024年3月5日”。

    正确示例 / Good
    落款“2024年1月20日”。
    """
    pub = report.published
    if not is_report(report) or pub is None or report.year is None:
        return
    option = options.get("deadline")
    if isinstance(option, str) and re.fullmatch(r"\d{2}-\d{2}", option):
        month, day = map(int, option.split("-"))
    elif report.agency and (not _DEPARTMENT.search(report.agency)
                            or re.search(r"(管委会|管理委员会)$", report.agency)):
        month, day = 3, 31
    else:
        month, day = 1, 31
    deadline = dt.date(report.year + 1, month, day)
    if pub.date > deadline:
        source = {"signature": "落款日期", "meta": "网页发布日期", "header": "发布日期"}[pub.source]
        yield Finding(pub.span, f"{source}为{_cn(pub.date)}，晚于{_cn(deadline)}的法定期限",
                      f"the {pub.source} date {pub.date} is after the deadline {deadline}",
                      f"应在{_cn(deadline)}前发布", f"publish by {deadline}")
