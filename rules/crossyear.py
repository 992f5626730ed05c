"""Cross-year rules, run by ``gilint audit`` over the reports of one agency, oldest first (``gilint.series``,
kind ``"years"``)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from gilint.context import RuleContext
from gilint.model import Finding, Report
from gilint.rule import Option, Rule, rule
from gilint.series import as_series

RULES: list[Rule] = []


def _pairs(reports: Sequence[Report]) -> Iterator[tuple[Report, Report]]:
    """(last year's report, this year's report) for consecutive years of one agency's series."""
    if as_series(reports).kind != "years":
        return
    by_year = {r.year: r for r in reports if r.year is not None}
    for year, report in sorted(by_year.items()):
        if year - 1 in by_year:
            yield by_year[year - 1], report


@rule(
    "GI701",
    "carry-over-continuity",
    "tables",
    "error",
    "上年结转与上一年报告的结转下年度不一致",
    "carried-over requests differ from last year's carried-forward",
    registry=RULES,
    scope="series",
)
def carry_over_continuity(reports: Sequence[Report], ctx: RuleContext) -> Iterator[tuple[Report, Finding]]:
    """检查什么 / What it checks
    同一机关相邻两年：本年表三“二、上年结转政府信息公开申请数量”每一列，等于上一年报告表三
    “四、结转下年度继续办理”的同一列。For one agency's consecutive reports: this year's carried-over
    requests equal last year's carried-forward ones, column by column.

    为什么 / Why
    答复期限为20个工作日、可延长不超过20个工作日（条例第三十三条），年末未办结的申请结转到下一年：上一年
    “四、结转下年度继续办理”就是下一年的“二、上年结转”，两者不等说明至少一年填错（机构改革等特殊情况除外）。
    Requests are answered within 20 working days, extendable by 20 (Article 33), so some cross the year end: what
    one year carries forward is by definition what the next year carries over.

    错误示例 / Bad
    2022年报告“四、结转下年度继续办理”总计 3；2023年报告“二、上年结转”总计 0。

    正确示例 / Good
    2023年报告“二、上年结转”总计 3。
    """
    for last, this in _pairs(reports):
        t_last, t_this = last.tables.get(3), this.tables.get(3)
        if not t_last or not t_this:
            continue
        for col in t_this.format.cols:
            before, now = t_last.value("4", col.id), t_this.value("2", col.id)
            cell = t_this.cell("2", col.id)
            if before is None or now is None or cell is None:
                continue
            if before != now:
                yield (
                    this,
                    Finding(
                        cell.span,
                        f"{this.year}年表三“二、上年结转”“{col.name}”为 "
                        f"{now}，{last.year}年报告“四、结转下年度继续办理”为 {before}",
                        f"{this.year} table 3 row 二 / {col.id} is {now} but the {last.year} "
                        f"report carried forward {before}",
                        f"应为 {before}",
                        f"expected {before}",
                    ),
                )


@rule(
    "GI702",
    "in-force-continuity",
    "tables",
    "warning",
    "现行有效件数与上一年不衔接",
    "documents in force do not continue from last year",
    registry=RULES,
    scope="series",
)
def in_force_continuity(reports: Sequence[Report], ctx: RuleContext) -> Iterator[tuple[Report, Finding]]:
    """检查什么 / What it checks
    同一机关相邻两年（均为 2021 年格式）：本年表二“现行有效件数” ＝ 上年现行有效件数 ＋ 本年制发件数
    － 本年废止件数，分“规章”“行政规范性文件”两行。Documents in force this year equal last year's plus
    issued minus repealed.

    为什么 / Why
    格式表二（国办公开办函〔2021〕30号附件，条例第二十条第（一）项）的本年制发件数、本年废止件数和现行
    有效件数描述同一批文件的存量和增减；不衔接多半有一年填错。修改、重新印发的文件计法不一，故为警告。The three
    columns of the format's table 2 describe one stock; revisions are counted inconsistently, hence a warning.

    错误示例 / Bad
    2022年现行有效 9；2023年制发 2、废止 1、现行有效 12。

    正确示例 / Good
    2023年现行有效 10。
    """
    for last, this in _pairs(reports):
        t_last, t_this = last.tables.get(2), this.tables.get(2)
        if not t_last or not t_this or t_last.version != 2021 or t_this.version != 2021:
            continue
        for row in ("rules", "normative"):
            before = t_last.value(row, "in_force")
            issued, repealed = t_this.value(row, "issued"), t_this.value(row, "repealed")
            now = t_this.cell(row, "in_force")
            if None in (before, issued, repealed) or now is None or not now.placed or now.value is None:
                continue
            want = before + issued - repealed  # type: ignore[operator]
            label = t_this.format.row_name(row)
            if now.value != want:
                yield (
                    this,
                    Finding(
                        now.span,
                        f"{this.year}年表二“{label}”现行有效件数为 {now.value}，按上年 {before}"
                        f"＋制发 {issued}－废止 {repealed} 应为 {want}",
                        f"{this.year} table 2 {label} in force is {now.value}; last year's {before} + "
                        f"{issued} issued − {repealed} repealed = {want}",
                        f"应为 {want}",
                        f"expected {want}",
                    ),
                )


def _shingles(text: str, k: int = 8) -> set[str]:
    text = re.sub(r"[\s\d０-９]+", "", text)
    text = re.sub(r"[，。；、：“”（）《》,.;:()]", "", text)
    return {text[i : i + k] for i in range(max(len(text) - k + 1, 0))}


@rule(
    "GI703",
    "copied-narrative",
    "narrative",
    "warning",
    "正文与上一年报告雷同",
    "the text is a near-copy of last year's",
    registry=RULES,
    scope="series",
    options={
        "threshold": Option(0.8, "相似度达到此值即警告 / the similarity at which to warn", minimum=0.0, maximum=1.0)
    },
)
def copied_narrative(reports: Sequence[Report], ctx: RuleContext) -> Iterator[tuple[Report, Finding]]:
    """检查什么 / What it checks
    同一机关相邻两年，第一、五、六部分的文字（去掉数字和标点后）是否几乎相同：按 8 字片段计算
    Jaccard 相似度，达到阈值（选项 ``threshold``，默认 0.8）即警告。Whether sections 一, 五 and 六
    are a near-copy of last year's (Jaccard similarity of 8-character shingles, digits and punctuation
    removed, at or above ``threshold``).

    为什么 / Why
    国办公开办函〔2021〕30号把“内容雷同”列为追责情形；只改年份的年报是评估中的典型问题。The 2021
    format names copied content among the failures it sanctions.

    错误示例 / Bad
    2023年的“存在的主要问题及改进情况”与2022年逐字相同，只改了年份。

    正确示例 / Good
    每年写明当年的问题和改进措施。
    """
    threshold = float(ctx["threshold"])  # type: ignore[arg-type]
    for last, this in _pairs(reports):
        a = _shingles("".join(last.text_of(s) for s in last.sections if s.number in (1, 5, 6)))
        b = _shingles("".join(this.text_of(s) for s in this.sections if s.number in (1, 5, 6)))
        if len(a) < 50 or len(b) < 50:
            continue
        sim = len(a & b) / len(a | b)
        if sim >= threshold:
            first = this.section(1) or this.sections[0]
            yield (
                this,
                Finding(
                    first.span,
                    f"第一、五、六部分与{last.year}年报告的相似度为 {sim:.0%}，内容雷同",
                    f"sections 一/五/六 are {sim:.0%} similar to the {last.year} report",
                    "按本年度实际情况撰写",
                    "write this year's own account",
                ),
            )
