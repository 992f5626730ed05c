"""What a rule applies to: conditions on a report, declared on the rule and checked by the engine.

``@rule(..., applies=REPORT)`` or ``applies=(REPORT, table(3))``: the engine calls the rule only on a
report every condition holds for (in order; each is worked out once per report and configuration), so
the rule itself begins with what it checks, not with a gate. ``gilint rule CODE`` prints them under
适用于 / Applies to. A rule declaring none runs on every file (the input rules, which report a file
that is not a report at all).

The conditions are gilint's, defined here once:

- ``REPORT``: the file was read and looks like an annual report (``is_report``);
- ``YEAR_2021``: a report for 2021 or later, by the year its title states;
- ``FORMAT_2021``: a report whose tables follow the 2021 format: the configuration's pinned
  ``format-version``, else its year is 2021 or later;
- ``table(n)``: table 2, 3 or 4 was found.

A pack may make its own ``Applies`` (a name, what it means in Chinese and English, a test of the report
and the ``RuleContext``) when none of these says it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from gilint import regex
from gilint.context import RuleContext
from gilint.formats.tables import CN_NUMBER
from gilint.model import Report

# what leaves nothing (or nothing trustworthy) to check: no rule but the input rules runs
HARD_INPUT = frozenset(
    {
        "binary",
        "undecodable",
        "unreadable",
        "not-docx",
        "docx-limits",
        "docx-xml",
        "docx-dtd",
        "pdf-no-text",
        "pdf-broken",
        "pdf-encrypted",
        "too-large",
        "empty",
        "reader-crash",
        "unknown-type",
        "limit-time",
        "limit-memory",
        "limit-pdf-objects",
        "limit-pdf-object-size",
        "limit-pdf-structure",
        "limit-pdf-stream-size",
    }
)
# what an external reader needs or could not do: reported by rules/readers.py (GI020-GI024), not GI001/GI002
TOOL_MISSING = frozenset({"needs-libreoffice", "conversion-failed", "needs-ocr"})  # the file (or pages) not read
_REPORTISH = regex.compile(r"年度报告|年报|政府信息公开")


@dataclass(frozen=True, eq=False)
class Applies:
    """A condition on the report a rule applies to: its name, what it means (Chinese, English) and its
    test of the report and the rule's context. The engine works a condition out once per report for
    every rule declaring it, so its test looks at the report and at ``ctx.format_version`` or
    ``ctx.lang``, never at one rule's options."""

    name: str
    zh: str
    en: str
    test: Callable[[Report, RuleContext], bool] = field(compare=False, repr=False)

    def __call__(self, report: Report, ctx: RuleContext) -> bool:
        return self.test(report, ctx)

    def describe(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


def is_report(report: Report) -> bool:
    """True when the document was read and looks like an annual report: rules other than the
    input rules say nothing about files that are unreadable or not reports at all."""
    if any(p.kind in HARD_INPUT or p.kind in TOOL_MISSING for p in report.doc.problems) or not report.doc.nodes:
        return False
    return bool(
        report.tables
        or len(report.sections) >= 2
        or _REPORTISH.search(report.title or report.doc.meta.get("title", ""))
    )


def _format_2021(report: Report, ctx: RuleContext) -> bool:
    version = ctx.format_version if ctx.format_version is not None else report.year
    return version is not None and version >= 2021


REPORT = Applies(
    "report",
    "年度报告（文件已读出，且有报告标题、格式的章节或表格）",
    "a report (the file was read and has a report title, the format's sections or tables)",
    lambda report, ctx: is_report(report),
)
YEAR_2021 = Applies(
    "year-2021",
    "2021年度及以后的报告（按标题所写的年度）",
    "a report for 2021 or later (by the year of its title)",
    lambda report, ctx: report.year is not None and report.year >= 2021,
)
FORMAT_2021 = Applies(
    "format-2021",
    "按2021年格式填报的报告（配置的 format-version，未配置时按报告年度）",
    "a report in the 2021 format (the configuration's format-version, else by the report's year)",
    _format_2021,
)


@cache
def table(number: int) -> Applies:
    """The condition that table ``number`` (2, 3 or 4) was found."""
    if number not in CN_NUMBER:
        raise ValueError(f"tables are 2, 3 and 4, not {number!r}")
    return Applies(
        f"table-{number}",
        f"有表{CN_NUMBER[number]}",
        f"table {number} was found",
        lambda report, ctx: number in report.tables,
    )


def applies_lines(conditions: tuple[Applies, ...], lang: str = "zh", series: bool = False) -> list[str]:
    """What a rule declaring ``conditions`` (a ``series`` rule: none) applies to, one line each
    (``gilint rule CODE``)."""
    if series:
        return [
            "同一机关各年度的报告（由 gilint audit 检查）"
            if lang == "zh"
            else "one agency's reports of every year (gilint audit)"
        ]
    if not conditions:
        return [
            "所有文件（包括读不出或不是年报的文件）" if lang == "zh" else "every file (even one unread or no report)"
        ]
    return [c.describe(lang) for c in conditions]
