"""Section rules: the six parts 条例第五十条 requires, in order, numbered 一 to 六."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from gilint_rules._util import norm, start_span
from gilint_rules.spelling import mended_title

from gilint import formats as F
from gilint import regex
from gilint.applies import REPORT
from gilint.context import RuleContext
from gilint.model import Edit, Finding, Fix, Report, Section
from gilint.numbers import CN_DIGITS, to_chinese
from gilint.rule import Rule, rule

RULES: list[Rule] = []


def _heading(number: int) -> str:
    return f"{to_chinese(number)}、{F.SECTION_TITLES[number]}"


@rule(
    "GI101",
    "section-missing",
    "sections",
    "error",
    "缺少规定的部分",
    "a required section is missing",
    registry=RULES,
    applies=REPORT,
)
def section_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    报告是否包含格式规定的六个部分：一、总体情况 … 六、其他需要报告的事项。Whether all six parts of
    the format are present.

    为什么 / Why
    条例第五十条规定年报内容；2021 年格式要求“不能遗漏”。Article 50 of the Regulation fixes the
    content, and the 2021 format says nothing may be omitted.

    错误示例 / Bad
    正文直接从“（一）政府信息公开基本情况”开始，没有“一、总体情况”标题。

    正确示例 / Good
    一、总体情况 / 二、主动公开政府信息情况 / … / 六、其他需要报告的事项
    """
    found = {s.number for s in report.sections}
    for n in range(1, 7):
        if n in found or _lost_in_numbering(report, n):
            continue
        after = [s for s in report.sections if s.number > n]
        span = after[0].span if after else start_span(report)
        yield Finding(
            span,
            f"缺少第{to_chinese(n)}部分“{_heading(n)}”的标题",
            f"section {n} “{_heading(n)}” is missing",
            f"应有“{_heading(n)}”",
            f"expected a heading “{_heading(n)}”",
        )


def _lost_in_numbering(report: Report, n: int) -> tuple[Section, Section] | None:
    """The sections around a missing section ``n`` when their printed numbers skip exactly its
    place (三 … 五 with 四 missing) and the text before the gap still holds the lost section's
    content: the heading was printed and lost on the way to us."""
    before = [s for s in report.sections if s.number < n and s.ordinal_value is not None]
    after = [s for s in report.sections if s.number > n and s.ordinal_value is not None]
    if not before or not after:
        return None
    p, q = before[-1], after[0]
    if q.ordinal_value - p.ordinal_value != q.number - p.number or q.number - p.number < 2:  # type: ignore[operator]
        return None
    # The lost section's content must still be there, under the heading before the gap.
    body = report.stream.text[p.body_start : q.start]
    if all(any(w in body for w in group) for group in F.SECTION_KEYWORDS[n]):
        return p, q
    return None


@rule(
    "GI106",
    "section-heading-lost",
    "sections",
    "warning",
    "部分标题疑似在转换中丢失",
    "a section heading was probably lost in conversion",
    registry=RULES,
    applies=REPORT,
)
def section_heading_lost(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    某一部分的标题找不到，但前后标题的编号恰好空出它的位置（如“四、”之后直接是“六、”）：标题很可能
    印在原件上，在抓取或转换时丢失。A section heading is missing but the numbers around it skip its
    place exactly: the heading was most likely printed and lost by the converter.

    为什么 / Why
    区分报告缺项与转换损坏：条例第五十条规定年报的内容，国办公开办函〔2021〕30号印发的格式按六个部分编排、
    要求“不能遗漏”，缺一部分是报告的错误（GI101）；编号恰好空出的标题多是转换时丢失，需要对照原件确认。It tells
    a missing section (GI101: Article 50 of the Regulation and the 2021 format, 国办公开办函〔2021〕30号, allow no
    omission) from a heading the converter lost.

    错误示例 / Bad
    四、政府信息公开行政复议、行政诉讼情况 …… （一）主要问题 …… 六、其他需要报告的事项

    正确示例 / Good
    四、…… 五、存在的主要问题及改进情况 …… 六、……
    """
    found = {s.number for s in report.sections}
    for n in range(1, 7):
        lost = None if n in found else _lost_in_numbering(report, n)
        if lost:
            p, q = lost
            yield Finding(
                q.span,
                f"找不到第{to_chinese(n)}部分“{_heading(n)}”的标题；编号从“{p.ordinal}”跳到"
                f"“{q.ordinal}”，标题可能在转换时丢失，请对照原件",
                f"section {n} “{_heading(n)}” not found; the numbering jumps from {p.ordinal} to "
                f"{q.ordinal}, so the heading was probably lost in conversion",
                damage=True,
            )


@rule(
    "GI102",
    "section-order",
    "sections",
    "error",
    "部分顺序错误",
    "sections out of order",
    registry=RULES,
    applies=REPORT,
)
def section_order(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    六个部分是否按一至六的顺序出现。Whether the sections appear in the order 一 to 六.

    为什么 / Why
    条例第五十条规定国务院办公厅公布年报的统一格式；国办公开办函〔2021〕30号印发的格式按一至六的顺序编排
    六个部分，统一的顺序便于公众和监督部门对照阅读。Article 50 of the Regulation provides for a unified format; the
    2021 format (国办公开办函〔2021〕30号) orders the six parts 一 to 六, so readers and supervisors can compare.

    错误示例 / Bad
    “四、政府信息公开行政复议、行政诉讼情况”出现在“三、收到和处理政府信息公开申请情况”之前。

    正确示例 / Good
    一、二、三、四、五、六依次出现。
    """
    highest: Section | None = None
    for s in report.sections:
        if highest and s.number < highest.number:
            yield Finding(
                s.span,
                f"“{s.title}”（第{to_chinese(s.number)}部分）出现在第{to_chinese(highest.number)}部分之后",
                f"section {s.number} “{s.title}” comes after section {highest.number}",
            )
        elif not highest or s.number > highest.number:
            highest = s


@rule(
    "GI103",
    "section-numbering",
    "sections",
    "error",
    "部分编号错误",
    "section numbering is wrong",
    registry=RULES,
    fix="safe",
    applies=REPORT,
)
def section_numbering(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    六个部分是否用“一、”至“六、”编号，且编号与内容对应：阿拉伯数字编号（1、 5、），整体错位
    （二至六部分编成一至五），总体情况的小标题占用“二、”“三、”等一级编号造成两套编号冲突。
    Whether the six parts are numbered 一、 to 六、 matching their content: Arabic numbering, a block
    shifted by one, or sub-topics of 总体情况 using top-level numbers that collide with the sections.

    为什么 / Why
    国办公开办函〔2021〕30号印发的统一格式规定了六个部分的编号；错位编号让读者把“五、其他需要报告的事项”
    当成第五部分。The 2021 format (国办公开办函〔2021〕30号) fixes the numbering; a shifted block misleads
    readers.

    错误示例 / Bad
    1、 总体情况 …… 5、 存在的主要问题及改进情况
    一、主动公开政府信息情况 …… 五、其他需要报告的事项

    正确示例 / Good
    一、总体情况 …… 五、存在的主要问题及改进情况

    修复 / Fix
    安全：阿拉伯数字编号与内容相符时（“5、存在的主要问题及改进情况”），改为“五、”。编号本身错位的
    不修复（要改哪一处需要人来判断）。Safe: an Arabic number that is the right one becomes the
    Chinese numeral (5、 → 五、); a shifted number is not fixed.
    """
    for s in report.sections:
        written = f"{s.ordinal}、"
        if s.ordinal and re.fullmatch(r"[0-9０-９]+", s.ordinal):
            yield Finding(
                s.span,
                f"“{s.ordinal}、{s.title}”用阿拉伯数字编号，应为“{to_chinese(s.number)}、”",
                f"“{s.ordinal}、{s.title}” is numbered with an Arabic numeral; expected “{to_chinese(s.number)}、”",
                f"应为“{_heading(s.number)}”",
                f"expected “{_heading(s.number)}”",
                fix=_chinese_numeral(report, s),
            )
        elif s.ordinal_value is not None and s.ordinal_value != s.number:
            yield Finding(
                s.span,
                f"“{written}{s.title}”编号为“{s.ordinal}”，按内容应为第{to_chinese(s.number)}部分",
                f"“{written}{s.title}” is numbered {s.ordinal_value} but is section {s.number}",
                f"应为“{to_chinese(s.number)}、”",
                f"expected “{to_chinese(s.number)}、”",
                cause="numbering",
            )
    numbered = {s.ordinal: s for s in report.sections}
    for h in report.stray_headings:
        first = report.section(1)
        clash = numbered.get(h.ordinal)
        if (
            clash
            and clash is not first
            and re.fullmatch(f"[{CN_DIGITS}]", h.ordinal)
            and first
            and first.start <= h.start < first.end
        ):
            yield Finding(
                h.span,
                f"总体情况下的小标题“{h.ordinal}、{h.title}”使用一级编号，与“{clash.ordinal}、{clash.title}”编号冲突",
                f"sub-heading “{h.ordinal}、{h.title}” of section 1 uses a top-level number that "
                f"collides with “{clash.ordinal}、{clash.title}”",
                "小标题应使用“（一）”“（二）”编号",
                "number sub-headings （一）, （二）, …",
                cause="numbering",
            )


def _chinese_numeral(report: Report, s: Section) -> Fix | None:
    """“5、” (or “5.”) at the heading → “五、”, when 5 is the section's right number."""
    m = regex.compile(r"[0-9０-９]+\s*[、.．]").match(report.stream.text, s.start)
    if m is None or s.ordinal_value != s.number:
        return None
    numeral = f"{to_chinese(s.number)}、"
    return Fix(f"改为“{numeral}”", f"write “{numeral}”", (Edit(m.start(), m.end(), numeral),))


@cache
def _allowed(number: int) -> frozenset[str]:
    """Section ``number``'s official title and its known variants, normalised (``norm``); worked out once, as the
    format's titles do not change."""
    return frozenset(norm(t) for t in (F.SECTION_TITLES[number], *F.SECTION_VARIANTS.get(number, ())))


def _accepted(s: Section, title: str | None = None) -> bool:
    return norm(s.title if title is None else title) in _allowed(s.number)


@rule(
    "GI104",
    "section-title",
    "sections",
    "warning",
    "部分标题不规范",
    "non-standard section title",
    registry=RULES,
    applies=REPORT,
)
def section_title(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    六个部分的标题是否为格式规定的标题或公认的变体（如“五、政府信息公开工作存在的主要问题及改进情况”）。
    标题只是把规定用语写错了一个字（如“行政法复议”）的，由 GI620 报告并修复，这里不再报告。
    Whether each section title is the official one or a known variant. A title whose only fault is a
    misspelt term (行政法复议) is GI620's, which mends it, and is not reported here.

    为什么 / Why
    国办公开办函〔2021〕30号印发的统一格式规定了六个部分的标题（条例第五十条所列内容）；自拟标题使报告
    难以比对。The 2021 format (国办公开办函〔2021〕30号) fixes the titles, after the items of Article 50.

    错误示例 / Bad
    六、需要说明的其他事项

    正确示例 / Good
    六、其他需要报告的事项
    """
    for s in report.sections:
        if not _accepted(s) and not _accepted(s, mended_title(report, s)):  # a misspelt term alone: GI620's
            yield Finding(
                s.span,
                f"标题“{s.title}”与格式规定的“{F.SECTION_TITLES[s.number]}”不一致",
                f"title “{s.title}” differs from the official “{F.SECTION_TITLES[s.number]}”",
                f"应为“{_heading(s.number)}”",
                f"expected “{_heading(s.number)}”",
            )


_DEBRIS = regex.compile(
    r"扫一扫在手机上查看当前页面|网站地图|主办单位[:：].*|技术支持[:：].*|版权所有.*|"
    r"\[bookmark:[^\]]*\]"
)


@rule(
    "GI105",
    "section-empty",
    "sections",
    "error",
    "第五或第六部分没有内容",
    "section 五 or 六 is empty",
    registry=RULES,
    applies=REPORT,
)
def section_empty(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    第五部分（存在的主要问题及改进情况）和第六部分（其他需要报告的事项）标题之后是否有内容，哪怕只是
    “无”。Whether sections 五 and 六 say something after their heading, even just "无".

    为什么 / Why
    条例第五十条要求报告这两项；只有标题等于遗漏。Article 50 requires both; a bare heading omits them.

    错误示例 / Bad
    五、存在的主要问题及改进情况
    六、其他需要报告的事项
    （标题下无任何文字）

    正确示例 / Good
    六、其他需要报告的事项
    本年度无其他需要报告的事项。
    """
    for n in (5, 6):
        s = report.section(n)
        if s and not _DEBRIS.sub("", report.text_of(s)).strip(" \n\t:：。"):
            yield Finding(
                s.span,
                f"第{to_chinese(n)}部分“{s.title}”标题下没有内容",
                f"section {n} “{s.title}” has no content",
                "至少应写明情况，无事项时写“无”",
                "say something, even “无” (none)",
            )
