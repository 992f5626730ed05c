"""Narrative rules: counts quoted in the prose against the table cell they describe.

A pattern fires only when its wording ties the number to one cell, the clause speaks for the whole
agency (a year, 全年, 共, 我局 …) and is not a breakdown (其中 …). A count that matches the cell
plus the carried-over requests is accepted: many reports say 共受理/共收到 for both together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from gilint_rules._util import is_report, prose

from gilint.model import Finding, Report, Span, Table
from gilint.numbers import NUMBER, parse_int
from gilint.rule import Rule, rule

RULES: list[Rule] = []
_N = rf"\s*(?P<n>{NUMBER})\s*(?:件|份|宗|起|个)"
_GAP = r"[^。；;，,、\d０-９]{0,14}?"
_WHOLE = re.compile(r"全年|本年|今年|年度|\d{4}\s*年|共|合计|累计|总计|本(?:机关|单位)"
                    r"|我(?:局|委|办|区|县|市|镇|乡|街道|单位|厅|院|部|司|中心)")
_PART = re.compile(r"其中|分别|各(?:乡|镇|部门|单位)|下属|所属")


@dataclass(frozen=True)
class Claim:
    """A sentence pattern and the table value it states."""

    pattern: re.Pattern[str]
    what_zh: str  # the cell, in words
    what_en: str
    value: Callable[[Report], tuple[int, Span] | None]  # (value, span of the printed cell)
    also: Callable[[Report], int | None] = lambda r: None  # another accepted reading


def _counts(t: Table | None, refs: list[tuple[str, str]]) -> tuple[int, Span] | None:
    """The sum of the cells (each placed, with a count) and where the first is; else None."""
    cells = [t.cell(*ref) for ref in refs] if t else []
    if not cells or any(c is None or not c.placed or not isinstance(c.value, int) for c in cells):
        return None
    return sum(c.value for c in cells), cells[0].span  # type: ignore[union-attr,misc]


def _t3(row: str) -> Callable[[Report], tuple[int, Span] | None]:
    return lambda report: _counts(report.tables.get(3), [(row, "total")])


def _t3_sum(group: str) -> Callable[[Report], tuple[int, Span] | None]:
    """The 总计 of every row of an outcome group: "3.3" is （三）不予公开 1–8."""
    def get(report: Report) -> tuple[int, Span] | None:
        t = report.tables.get(3)
        rows = [r.id for r in t.format.rows if r.id.startswith(group + ".")] if t else []
        return _counts(t, [(r, "total") for r in rows])
    return get


def _new_plus_carried(report: Report) -> int | None:
    new, old = _t3("1")(report), _t3("2")(report)
    return new[0] + old[0] if new and old and old[0] else None


def _t4(*groups: str) -> Callable[[Report], tuple[int, Span] | None]:
    return lambda report: _counts(report.tables.get(4), [(g, "total") for g in groups])


def _t2(row: str, col: str) -> Callable[[Report], tuple[int, Span] | None]:
    def get(report: Report) -> tuple[int, Span] | None:
        t = report.tables.get(2)
        return _counts(t, [(row, col)]) if t and t.version == 2021 else None
    return get


_REQ = "(?:政府信息公开|信息公开|依申请公开)?" + _GAP + "申请(?:件|数量)?(?:共|合计|总计)?(?:为)?"
T3_CLAIMS = [
    Claim(re.compile(r"(?:新收|收到|接收)(?:到)?" + _GAP + _REQ + _N), "表三“一、本年新收政府信息公开申请数量”总计",
          "table 3 row 一 (new requests), 总计", _t3("1"), _new_plus_carried),
    Claim(re.compile(r"(?:未|没有)(?:收到|接收到?)" + _GAP + r"申请(?P<zero>)"),
          "表三“一、本年新收政府信息公开申请数量”总计", "table 3 row 一 (new requests), 总计", _t3("1")),
    Claim(re.compile(r"上一?年度?结转" + _GAP + r"(?:申请)?(?:数量)?(?:为)?" + _N),
          "表三“二、上年结转政府信息公开申请数量”总计", "table 3 row 二 (carried over), 总计", _t3("2")),
    Claim(re.compile(r"结转(?:至|到)?下一?年度?(?:继续办理)?" + _N), "表三“四、结转下年度继续办理”总计",
          "table 3 row 四 (carried forward), 总计", _t3("4")),
    Claim(re.compile(r"(?<![不主])予以公开" + _N), "表三“（一）予以公开”总计", "table 3 row （一）, 总计",
          _t3("3.1")),
    Claim(re.compile(r"部分公开" + _N), "表三“（二）部分公开”总计", "table 3 row （二）, 总计", _t3("3.2")),
    Claim(re.compile(r"不予公开" + _N), "表三“（三）不予公开”各项总计之和", "table 3 （三） rows, 总计",
          _t3_sum("3.3")),
    Claim(re.compile(r"无法提供" + _N), "表三“（四）无法提供”各项总计之和", "table 3 （四） rows, 总计",
          _t3_sum("3.4")),
    Claim(re.compile(r"不予处理" + _N), "表三“（五）不予处理”各项总计之和", "table 3 （五） rows, 总计",
          _t3_sum("3.5")),
]
_GOI = re.compile(r"信息公开")
T4_CLAIMS = [
    Claim(re.compile(r"行政复议(?:案件|申请|案)?(?:共)?(?:为)?" + _N), "表四“行政复议”总计",
          "table 4 行政复议 总计", _t4("review")),
    Claim(re.compile(r"行政诉讼(?:案件|案)?(?:共)?(?:为)?" + _N), "表四“行政诉讼”两组总计之和",
          "table 4 行政诉讼 totals", _t4("suit_direct", "suit_after_review")),
]
T2_CLAIMS = [
    Claim(re.compile(r"(?:制发|印发|出台)(?:行政)?规范性文件" + _N), "表二“行政规范性文件”本年制发件数",
          "table 2 行政规范性文件 issued", _t2("normative", "issued")),
    Claim(re.compile(r"废止(?:行政)?规范性文件" + _N), "表二“行政规范性文件”本年废止件数",
          "table 2 行政规范性文件 repealed", _t2("normative", "repealed")),
    Claim(re.compile(r"现行有效(?:的)?(?:行政)?规范性文件" + _N), "表二“行政规范性文件”现行有效件数",
          "table 2 行政规范性文件 in force", _t2("normative", "in_force")),
    *(Claim(re.compile(rf"作出行政{kind}决定" + _N), f"表二“行政{kind}”本年处理决定数量",
            f"table 2 行政{kind} decisions", _t2(row, "decisions"))
      for kind, row in (("许可", "licensing"), ("处罚", "penalty"), ("强制", "coercion"))),
]


def _clause(text: str, pos: int) -> str:
    start = max(text.rfind(ch, 0, pos) for ch in "。；;\n")
    return text[start + 1: pos]


def _check(report: Report, claims: list[Claim], need: re.Pattern[str] | None) -> Iterator[Finding]:
    text = prose(report)
    for claim in claims:
        got = claim.value(report)
        if got is None:
            continue
        cell_value, cell_span = got
        for m in claim.pattern.finditer(text):
            before = _clause(text, m.start())
            if _PART.search(before) or not (need or _WHOLE).search(before + m.group()):
                continue
            said = 0 if "zero" in m.groupdict() else parse_int(m.group("n"))
            if said is None or said in (cell_value, claim.also(report)):
                continue
            where = f"第 {cell_span.line} 行" if cell_span.line else (cell_span.logical or "")
            yield Finding(report.stream.span(m.start(), m.end()),
                          f"正文为 {said}（“{m.group()}”），{claim.what_zh}为 {cell_value}",
                          f"the text says {said} ({m.group()!r}) but {claim.what_en} is {cell_value}",
                          f"表中数值在{where}；两处应一致", f"the table cell is at {where or 'its row'}")


@rule("GI401", "narrative-requests", "narrative", "error", "正文申请件数与表三不一致",
      "request counts in the text differ from table 3", registry=RULES)
def narrative_requests(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文中与表三某一格明确对应的件数：新收申请、上年结转、结转下年度、予以公开、部分公开、不予公开、
    无法提供、不予处理，是否与表三该格（总计列）一致。“共收到申请X件”等于新收加上年结转时视为一致。
    Counts in the prose tied to one table-3 cell (new, carried over, carried forward, each outcome)
    against that cell's 总计; a count equal to new plus carried over is accepted.

    为什么 / Why
    正文与表格“打架”是评估中最常见的数据差错之一。Text and table contradicting each other is among
    the most common data errors evaluators find.

    错误示例 / Bad
    正文“全年共收到政府信息公开申请13件”，表三“一、本年新收”总计 15。

    正确示例 / Good
    正文“全年共收到政府信息公开申请15件”，表三总计 15。
    """
    if is_report(report):
        yield from _check(report, T3_CLAIMS, None)


@rule("GI402", "narrative-appeals", "narrative", "error", "正文行政复议、诉讼件数与表四不一致",
      "reconsideration / litigation counts in the text differ from table 4", registry=RULES)
def narrative_appeals(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文中因政府信息公开被申请行政复议、被提起行政诉讼的件数，是否与表四“行政复议”总计、两组“行政
    诉讼”总计之和一致。只看提到“信息公开”的句子，避免与机关的其他复议、诉讼工作混淆。Counts of
    GOI-related reconsiderations and lawsuits in the prose against table 4; only clauses that mention
    信息公开, so an agency's other appeal work is never compared.

    为什么 / Why
    正文与表四不一致说明至少一处填错。One of the two is wrong.

    错误示例 / Bad
    因政府信息公开工作被申请行政复议2件（表四行政复议总计为 1）

    正确示例 / Good
    因政府信息公开工作被申请行政复议1件
    """
    if is_report(report):
        yield from _check(report, T4_CLAIMS, _GOI)


@rule("GI403", "narrative-disclosure", "narrative", "error", "正文规范性文件或处理决定件数与表二不一致",
      "document / decision counts in the text differ from table 2", registry=RULES)
def narrative_disclosure(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文中“制发（印发）规范性文件X件”“废止规范性文件X件”“现行有效规范性文件X件”“作出行政许可
    （处罚、强制）决定X件”，是否与 2021 年格式表二对应格一致。Issued / repealed / in-force
    normative documents and licence / penalty / enforcement decisions in the prose against table 2.

    为什么 / Why
    同一数字在正文和表二各写一次，容易只改一处。The same number written twice is easily changed once.

    错误示例 / Bad
    全年制发行政规范性文件3件（表二本年制发件数为 2）

    正确示例 / Good
    全年制发行政规范性文件2件
    """
    if is_report(report):
        yield from _check(report, T2_CLAIMS, None)
