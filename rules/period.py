"""Period rules: the statistics period, the report year, and the publication deadline."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from gilint_rules._util import start_span

from gilint import regex
from gilint.applies import REPORT
from gilint.context import RuleContext
from gilint.model import Edit, Finding, Fix, Report
from gilint.rule import Option, Rule, rule
from gilint.structure import agency

RULES: list[Rule] = []


@rule(
    "GI201",
    "period-missing",
    "period",
    "warning",
    "未说明统计期限",
    "no statistics period stated",
    registry=RULES,
    applies=REPORT,
)
def period_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
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
    if report.period is None:
        year = report.year or "YYYY"
        yield Finding(
            start_span(report),
            "报告未写明数据的统计期限",
            "the report does not state the statistics period of its data",
            f"如“本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日”",
            "e.g. “本报告所列数据的统计期限为YYYY年1月1日至YYYY年12月31日”",
        )


@rule(
    "GI202",
    "period-not-year",
    "period",
    "error",
    "统计期限不是完整的报告年度",
    "the statistics period is not the full report year",
    registry=RULES,
    applies=REPORT,
)
def period_not_year(report: Report, ctx: RuleContext) -> Iterator[Finding]:
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
    if p is None or p.start is None or p.end is None:
        return
    year = report.year or p.start.year
    want = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    if (p.start, p.end) != want:
        yield Finding(
            p.span,
            f"统计期限为{_cn(p.start)}至{_cn(p.end)}，不是{year}年全年",
            f"the period {p.start} – {p.end} is not the whole of {year}",
            f"应为{_cn(want[0])}至{_cn(want[1])}",
            f"expected {want[0]} – {want[1]}",
        )


def _cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@rule(
    "GI203",
    "year-mismatch",
    "period",
    "error",
    "标题年份与统计期限年份不一致",
    "the title year and the period year disagree",
    registry=RULES,
    applies=REPORT,
)
def year_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    标题中的年份与统计期限的年份是否一致。Whether the year in the title equals the year of the
    statistics period.

    为什么 / Why
    年报报告上一年度的工作（条例第四十九条）；标题与统计期限的年份不同，多是沿用上一年的模板忘改年份，
    读者无法确定数字属于哪一年。The report covers the previous year (Article 49); a period of another year is
    usually last year's template left unchanged.

    错误示例 / Bad
    标题“2023年政府信息公开工作年度报告”，统计期限“2022年1月1日至2022年12月31日”。

    正确示例 / Good
    标题与统计期限均为2023年。
    """
    p = report.period
    if not report.title or p is None or p.start is None:
        return
    m = re.search(r"(\d{4})\s*年", report.title)
    if m and int(m.group(1)) != p.start.year:
        yield Finding(
            p.span,
            f"标题年份为{m.group(1)}年，统计期限却是{p.start.year}年",
            f"the title says {m.group(1)} but the period is in {p.start.year}",
            f"统计期限应为{m.group(1)}年",
            f"expected a period in {m.group(1)}",
        )


def _month_day(value: str) -> str | None:
    """Why ``value`` ("MM-DD", checked by the pattern) is no day of the year: a deadline option."""
    month, day = map(int, value.split("-"))
    try:
        dt.date(2023, month, day)  # not a leap year: "02-29" is no deadline of every year
    except ValueError:
        return f"{value} is no date (month 01-12, then a day of that month)"
    return None


@rule(
    "GI204",
    "published-late",
    "period",
    "error",
    "发布日期晚于法定期限",
    "published after the statutory deadline",
    registry=RULES,
    options={
        "deadline": Option(
            None,
            "法定期限“月-日”，不设则按机关名称判断 / the deadline as MM-DD (by default from the agency's name)",
            str,
            r"\d{2}-\d{2}",
            check=_month_day,
            allowed='"MM-DD", a date such as "01-31" or "03-31"',
        )
    },
    applies=REPORT,
)
def published_late(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    发布日期或落款日期是否晚于次年1月31日（政府部门，含政府办公室；乡镇、街道）；县级以上人民政府
    本级的年报（含开发区等管委会）为次年3月31日（按报告所署机关名称——标题、落款或开头——的层级判断，
    认不出层级的按部门；也可用选项 ``deadline = "03-31"`` 指定）。Whether the publication or signature
    date is after 31 January of the next year (a department, a government's office, a town), or 31 March
    for a county-level-or-above government's own report and a zone's 管委会 (told by the level of the
    agency the report names in its title, signature or preamble, a department's when it tells none; or
    the ``deadline`` option, "MM-DD").

    为什么 / Why
    条例第四十九条：部门在每年1月31日前、政府在每年3月31日前公布上一年度年报；“不按时发布”是
    2021 年格式列明的追责情形。Article 49 sets the deadlines; late publication is sanctioned.

    错误示例 / Bad
    某局2023年年报落款“2024年3月5日”。

    正确示例 / Good
    落款“2024年1月20日”。
    """
    pub = report.published
    if pub is None or report.year is None:
        return
    option = ctx.get("deadline")
    if isinstance(option, str):
        month, day = map(int, option.split("-"))
    else:  # by the level of the agency the report names (structure.agency: a department's when unknown)
        found = agency.recognise(report)
        month, day = agency.deadline(found[0] if found else None)
    deadline = dt.date(report.year + 1, month, day)
    if pub.date > deadline:
        source = {"signature": "落款日期", "meta": "网页发布日期", "header": "发布日期"}[pub.source]
        yield Finding(
            pub.span,
            f"{source}为{_cn(pub.date)}，晚于{_cn(deadline)}的法定期限",
            f"the {pub.source} date {pub.date} is after the deadline {deadline}",
            f"应在{_cn(deadline)}前发布",
            f"publish by {deadline}",
        )


# The report speaking of itself: "编制完成2023年度政府信息公开工作年度报告", "特向社会公布…2021年政府
# 信息公开工作年度报告", "现将…2021年度政府信息公开工作的有关情况…发布", "现将2021年…报告如下". Each verb
# begins with its own character (公布 and 公开 not after 息 or 务: "公(?<![息务]公)[布开]"), so that a search skips
# to those characters.
_CLAUSE = r"[^，,。；;《》<>\n]"
_SELF_NAMED = regex.compile(
    rf"(?:编制|编写|形成|公(?<![息务]公)[布开]|发布|报送|呈报|印发)(?:完成)?了?(?P<gap>{_CLAUSE}{{0,25}}?)"
    rf"(?<!\d)(?P<year>\d{{4}})\s*年\s*度?"
    rf"{_CLAUSE}{{0,25}}?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)"
)
_NOW_REPORTING = regex.compile(
    rf"现将{_CLAUSE}{{0,30}}?(?<!\d)(?P<year>\d{{4}})\s*年\s*度?[^。；;《》\n]{{0,40}}?"
    r"(?:报告如下|公布如下|发布如下|情况如下|予以公布|向社会(?:公众)?(?:公布|发布|公开))"
)


def _title_year(report: Report) -> int | None:
    m = re.search(r"(\d{4})\s*年", report.title or "")
    if m:
        return int(m.group(1))
    return report.period.start.year if report.period and report.period.start else None


@rule(
    "GI205",
    "stated-year-mismatch",
    "period",
    "error",
    "报告自述的年度与标题年份不一致",
    "the year the report says it covers disagrees with its title",
    registry=RULES,
    fix="unsafe",
    applies=REPORT,
)
def stated_year_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    前言（第一部分之前）说明本报告是哪一年度的报告时，年份是否与标题年份（没有标题时为统计期限的年份）
    一致：“编制完成2023年度政府信息公开工作年度报告”“特向社会公布……2021年政府信息公开工作年度报告”
    “现将2021年……情况报告如下”。书名号内的文件标题和“关于……”引用的通知不算。Whether the year the
    preamble says the report covers ("编制完成2023年度…年度报告", "现将2021年…报告如下") equals the title's
    year (or the statistics period's when there is no title). Titles of cited documents (in 《》 or
    after 关于) are not read.

    为什么 / Why
    年报报告上一年度的工作（条例第四十九条）；标题和前言说的年份不同，多是沿用上一年的文稿忘了改，读者
    无法确定报告的年度。The report covers one year (Article 49); two different years usually mean
    last year's text was reused.

    错误示例 / Bad
    标题“某局2022年政府信息公开工作年度报告”，前言“现编制完成2023年度政府信息公开工作年度报告”。

    正确示例 / Good
    标题与前言均为2022年。

    修复 / Fix
    不安全：前言中的年份改为标题的年份。也可能是标题写错了，需要人来判断。Unsafe: the preamble's year
    becomes the title's; the title may be the wrong one.
    """
    year = _title_year(report)
    if year is None:
        return
    text = report.stream.text
    title = text.find(report.title or "\0", 0, 5000)
    start = title + len(report.title) if report.title and title >= 0 else 0  # the title is not its own preamble
    end = report.sections[0].start if report.sections else min(len(text), start + 1500)
    for pattern in (_SELF_NAMED, _NOW_REPORTING):
        for m in pattern.finditer(text, start, end):
            said = int(m.group("year"))
            before = text[max(m.start("year") - 30, 0) : m.start("year")]
            gap = m.groupdict().get("gap") or ""
            if (
                said == year
                or "关于" in before
                or text.rfind("《", 0, m.start()) > text.rfind("》", 0, m.start())
                or gap.startswith("的")
                or re.search("上一?年|去年|以往|往年", gap)
            ):
                continue  # the report's year; a cited document's title; an earlier report ("已公布的2022年度…")
            a, b = m.span("year")
            yield Finding(
                report.stream.span(a, b),
                f"前言称本报告为{said}年度（“{m.group()}”），标题年份为{year}年",
                f"the preamble says the report covers {said} ({m.group()!r}); the title says {year}",
                f"应为{year}年",
                f"expected {year}",
                fix=Fix(f"改为{year}", f"write {year}", (Edit(a, b, str(year)),), "unsafe"),
            )


@rule(
    "GI206",
    "published-too-early",
    "period",
    "warning",
    "发布或落款日期早于报告年度结束",
    "published before the report year was over",
    registry=RULES,
    applies=REPORT,
)
def published_too_early(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    发布日期或落款日期是否在报告年度结束之前（如2023年度报告落款“2023年1月20日”）。报告年度取标题的
    年份（没有标题时取统计期限的年份）。Whether the publication or signature date is before the end of
    the report year (a 2023 report signed 20 January 2023). The year is the title's (or the period's).

    为什么 / Why
    年报报告的是整个年度（条例第四十九条：每年1月31日或3月31日前公布上一年度的年报），年度结束前不可能
    写成；这样的日期多是沿用上一年的落款忘了改。A year's report cannot be written before the year is
    over (Article 49); such a date is usually last year's signature left unchanged.

    错误示例 / Bad
    某局2023年政府信息公开工作年度报告……落款“2023年1月20日”。

    正确示例 / Good
    落款“2024年1月20日”。
    """
    pub, year = report.published, _title_year(report)
    if pub is None or year is None or pub.date > dt.date(year, 12, 31):
        return
    source = {"signature": "落款日期", "meta": "网页发布日期", "header": "发布日期"}[pub.source]
    yield Finding(
        pub.span,
        f"{source}为{_cn(pub.date)}，在{year}年度结束之前",
        f"the {pub.source} date {pub.date} is before the end of {year}",
        f"{year}年度报告应在{year + 1}年发布",
        f"a report on {year} is published in {year + 1}",
    )
