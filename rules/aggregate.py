"""Aggregate rules, run by ``gilint audit`` over one year's report of a government and the reports of the
agencies it aggregates (``gilint.series``, kind ``"aggregate"``: the office's agency list names each agency's
parent). Off unless configured: aggregating is a provincial requirement, not the national format's."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from gilint.context import RuleContext
from gilint.model import Finding, Report, Table
from gilint.rule import Option, Rule, rule
from gilint.series import as_series
from gilint.structure.agency import GOVERNMENTS  # the levels whose report may aggregate

RULES: list[Rule] = []


def _levels(value: list[object]) -> str | None:
    wrong = [v for v in value if v not in GOVERNMENTS]
    return f"{wrong[0]!r} is not a government's level" if wrong else None


@rule(
    "GI704",
    "aggregate-sum",
    "tables",
    "error",
    "政府年报表三与所属部门、乡镇报告的合计不一致",
    "a government's table 3 differs from the sum of its departments' and towns' reports",
    registry=RULES,
    scope="series",
    options={
        "levels": Option(
            [],
            "其报告须汇总所属部门和乡镇（街道）的政府层级（county、city、province）；为空时不检查 / the levels of "
            "government whose report must aggregate its departments' and towns' (county, city, province); "
            "empty: not checked",
            kind=list,
            check=_levels,
            allowed="a list of county, city, province",
        )
    },
)
def aggregate_sum(reports: Sequence[Report], ctx: RuleContext) -> Iterator[tuple[Report, Finding]]:
    """检查什么 / What it checks
    在要求政府年报汇总所属部门和乡镇（街道）的地方：同一年度，政府报告表三的每个单元格等于机关名录中
    以它为上级的各机关（``--agencies`` 的“上级”列）报告表三同一单元格之和，逐格按单元格编号比较。
    默认不检查：在选项 ``levels`` 中列出须汇总的政府层级（如 ``["county"]``）后才检查。只有名录要求
    当年报送的每个下级机关都有可读的表三时才比较；缺一份、某格空白或未能读出，都不作判断。
    Where a province requires a government's report to aggregate its departments and towns: for one year,
    each cell of the government's table 3 equals the sum of the same cell over the reports of the agencies
    the office's list gives it as parent, compared by cell id. Off by default: list the levels of government
    that must aggregate in the option ``levels`` (``["county"]``). It judges only when every agency the list
    expects a report of that year from has a readable table 3, and a cell only when every value is read.

    为什么 / Why
    这是部分省份政务公开主管部门的要求，不是《中华人民共和国政府信息公开条例》或国务院办公厅
    政府信息公开工作年度报告格式（国办公开办函〔2021〕30号）的要求：国家格式下每个机关只统计本机关
    收到和处理的申请，政府年报不汇总部门数据，因此本规则默认关闭，由执行该要求的地方在配置中开启。
    开启后，合计不符说明政府报告或某个下级报告填错、漏报。This is a provincial requirement, not the
    Regulation's nor the national format's (each agency reports the requests it received itself): hence off
    by default, switched on by an office whose province requires it. A sum that differs means the
    government's report or one of its parts is wrong or incomplete.

    错误示例 / Bad
    云溪市人民政府2023年报告表三“（七）总计”“总计”为 120；所属云溪市甲局、云溪市乙局报告分别为 70、48，
    合计 118。

    正确示例 / Good
    政府报告为 118，或改正填错的部门报告。
    """
    levels = ctx.get("levels") or []
    series = as_series(reports)
    if series.kind != "aggregate" or not levels:
        return
    governments = series.of_role("government")
    if len(governments) != 1 or governments[0].level not in levels:  # type: ignore[operator]
        return
    government = governments[0].report
    parts = series.of_role("part")
    names = [m.agency for m in parts]
    if not parts or len(set(names)) != len(names) or set(names) != set(series.expected):
        return  # a part missing (or one the list does not expect): nothing is sure
    mine = government.tables.get(3)
    theirs: list[Table] = []
    for m in parts:
        t = m.report.tables.get(3)
        if t is None or m.report.year != government.year:
            return
        theirs.append(t)
    if mine is None or government.year is None:
        return
    for row_id, col_id in mine.format.cells():
        cell = mine.cell(row_id, col_id)
        values = [t.value(row_id, col_id) for t in theirs]
        if cell is None or not cell.placed or cell.value is None or any(v is None for v in values):
            continue
        total = sum(v for v in values if v is not None)
        if cell.value == total:
            continue
        row, col = mine.format.row_name(row_id), mine.format.col(col_id).name
        yield (
            government,
            Finding(
                cell.span,
                f"表三“{row}”“{col}”政府为 {cell.value}，所属部门、乡镇合计 {total}（{len(parts)} 份报告）",
                f"table 3 {row_id} / {col_id}: the government's report gives {cell.value}, the reports of its "
                f"{len(parts)} departments and towns add up to {total}",
                f"应为所属 {len(parts)} 个机关之和 {total}，或改正下级报告",
                f"expected the sum over its {len(parts)} agencies, {total}, or a part's report corrected",
            ),
        )
