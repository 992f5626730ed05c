"""An example provincial pack: FJ001, a report of a Fujian agency cites the province's own measure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gilint.applies import REPORT
from gilint.context import RuleContext
from gilint.hookspecs import hookimpl
from gilint.model import Finding, Report, Span
from gilint.rule import Option, Rule, rule

RULES: list[Rule] = []


def _title(value: str) -> str | None:
    """Why ``value`` is no document title: it must be the bare title, without 《》."""
    return "give the title without 《》" if re.search(r"[《》<>]", value) else None


@rule(
    "FJ001",
    "provincial-measure-cited",
    "wording",
    "warning",
    "未引用本省政府信息公开办法",
    "the province's disclosure measure is not cited",
    registry=RULES,
    options={
        "measure": Option(
            "福建省政府信息公开办法",
            "应引用的本省规定的标题（不带书名号） / the title of the province's measure to cite (without 《》)",
            check=_title,
        )
    },
    applies=REPORT,  # the engine calls it only on a file that is a report (GI003 reports the others)
)
def provincial_measure_cited(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    报告是否引用了本省的政府信息公开规定（默认《福建省政府信息公开办法》，选项 ``measure``）。Whether the
    report cites the province's own disclosure measure (by default 《福建省政府信息公开办法》, option
    ``measure``).

    为什么 / Why
    条例第五十条规定年度报告的内容；省级规定（福建为《福建省政府信息公开办法》）要求省内各机关据此
    开展并报告工作，年报应写明依据。The Regulation's article 50 sets what a report holds; a province's
    own measure governs the work of its agencies, and the report should cite it as its basis.

    错误示例 / Bad
    根据《中华人民共和国政府信息公开条例》，编制本报告。（未提本省办法）

    正确示例 / Good
    根据《中华人民共和国政府信息公开条例》和《福建省政府信息公开办法》，编制本报告。
    """
    measure = str(ctx["measure"])
    if f"《{measure}》" in report.stream.text:
        return
    first = report.doc.nodes[1] if len(report.doc.nodes) > 1 else report.doc.nodes[0]
    yield Finding(
        Span(first.span.line, 1, page=first.span.page),
        f"报告未引用《{measure}》",
        f"the report does not cite 《{measure}》",
        f"在开头写明依据《{measure}》编制本报告",
        f"state in the preamble that the report follows 《{measure}》",
    )


@hookimpl
def gilint_rules() -> list[Rule]:
    return RULES
