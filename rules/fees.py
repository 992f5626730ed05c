"""Fee rules: the information-processing fee (信息处理费) statement of section 六."""

from __future__ import annotations

from collections.abc import Iterator

from gilint_rules._util import prose

from gilint import regex
from gilint.applies import REPORT, YEAR_2021, table
from gilint.context import RuleContext
from gilint.model import Finding, Report
from gilint.rule import Rule, rule

RULES: list[Rule] = []
# a fee statement: 处理费, 收费通知, a request's charge (信息公开…收费) or none charged (未…收费). Each a pattern of
# its own, the commonest first: whether the prose holds any is whether one of them finds one, and a search for
# one that begins with a literal skips to that literal at once, where one for all of them tries every alternative
# at each of their first characters (信, 公, 不 are everywhere)
_CHARGED = r"[^。；;\n]{0,15}?(?:收费|收取费用|收取[^。；;\n]{0,4}费)"
_NONE_CHARGED = r"(?:发生|产生|存在)?[^。；;\n]{0,4}?收(?:费|取费用)"
_FEES = tuple(
    regex.compile(source)
    for source in (
        r"处\s*理\s*费",
        r"收\s*费\s*通\s*知",
        *(f"{words}{_CHARGED}" for words in ("信息公开", "依申请公开", "公开申请")),
        *(f"{word}{_NONE_CHARGED}" for word in ("未", "没有", "无", "不")),
    )
)
_NO_NOTICE = regex.compile(r"(?:未|没有|无)\s*(?:发出|出具|下达|发放|开具)[^。；;，,]{0,12}?收\s*费\s*通\s*知")


@rule(
    "GI501",
    "fee-statement-missing",
    "fees",
    "error",
    "未说明信息处理费收取情况",
    "no information-processing-fee statement",
    registry=RULES,
    applies=(REPORT, YEAR_2021),
)
def fee_statement_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    2021 年及以后年度的报告，第六部分是否说明信息处理费的收取情况（发出收费通知的件数和金额、实际
    收取金额，或未收取）。Whether a report for 2021 or later states the information-processing-fee
    situation (notices, amounts, collected, or none charged).

    为什么 / Why
    信息处理费依据条例第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取；各地
    落实 2021 年格式（国办公开办函〔2021〕30号）时，普遍要求在“其他需要报告的事项”中报告收取情况。The fee is
    charged under Article 42 and the 2020 fee measures (国办函〔2020〕109号), and the 2021 format is implemented
    as reporting it in section 六.
    注意：表二“行政事业性收费”是机关的行政收费，不是信息处理费。Table 2's 行政事业性收费 is not
    this fee.

    错误示例 / Bad
    六、其他需要报告的事项
    无其他需要报告的事项。

    正确示例 / Good
    六、其他需要报告的事项
    本年度未发出信息处理费收费通知，未收取信息处理费。
    """
    six = report.section(6)
    if six is None:
        return
    text = prose(report)
    if not any(fee.search(text) for fee in _FEES):
        yield Finding(
            six.span,
            f"第六部分未说明{report.year}年信息处理费的收取情况",
            f"section 六 does not state the {report.year} information-processing fees",
            "写明发出收费通知的件数和总金额、实际收取的总金额；未收取的写明未收取",
            "state the notices issued, their amount and the amount collected, or that none was charged",
        )


@rule(
    "GI502",
    "fee-contradicts-table",
    "fees",
    "warning",
    "信息处理费说明与表三矛盾",
    "the fee statement contradicts table 3",
    registry=RULES,
    applies=(REPORT, table(3)),
)
def fee_contradicts_table(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文说“未发出收费通知”，而表三“（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用”总计大于 0。
    The prose says no fee notice was issued while table 3 row （六）2 (requests dropped because a fee
    notice went unpaid) is non-zero.

    为什么 / Why
    格式表三（国办公开办函〔2021〕30号附件）“（六）2.申请人逾期未按收费通知要求缴纳费用”的申请都收到过
    收费通知（信息处理费依据条例第四十二条收取），两处不可能同时成立（跨年发出的通知除外，故为警告）。Every request
    in the format's row （六）2 received a fee notice (fees under Article 42); only a notice from the previous year
    explains both.

    错误示例 / Bad
    正文：本年度未发出收费通知。表三（六）2 总计：1

    正确示例 / Good
    正文：本年度发出收费通知1件，金额100元，申请人未缴纳。
    """
    dropped = report.tables[3].cell("3.6.2", "total")
    if dropped is None or not dropped.placed or not dropped.value:
        return
    text = prose(report)
    m = _NO_NOTICE.search(text)
    if m:
        yield Finding(
            report.stream.span(m.start(), m.end()),
            f"正文称“{m.group()}”，但表三“（六）2.申请人逾期未按收费通知要求缴纳费用”总计为 {dropped.raw}",
            f"the text says no fee notice was issued but table 3 （六）2 is {dropped.raw}",
            "核对收费通知的发出情况",
            "check the fee notices issued",
        )
