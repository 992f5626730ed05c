"""A third-party pack: rule XT001 (a "待补充" placeholder left in the text), rule XT002 (raises on
purpose when the text says "触发异常"), output format "count", reader for ".rpt" files. Its rules are
written the older way, ``(report, options: Mapping)``, on purpose: the context a rule is given is a
mapping of its options, so such a pack runs unchanged."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from gilint.hookspecs import hookimpl
from gilint.model import Diagnostic, Finding, Report
from gilint.parsers.text import parse_text
from gilint.reporters import RenderContext
from gilint.rule import Rule, rule

RULES: list[Rule] = []


@rule(
    "XT001",
    "placeholder-left",
    "wording",
    "warning",
    "正文留有“待补充”占位符",
    "a placeholder is left in the text",
    registry=RULES,
    marker="待补充",
)
def placeholder_left(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文中是否留有占位符（默认“待补充”，选项 marker）。

    为什么 / Why
    占位符说明报告尚未完成。

    错误示例 / Bad
    本年度共收到申请待补充件。

    正确示例 / Good
    本年度共收到申请13件。
    """
    marker = str(options["marker"])
    for node in report.doc.nodes:
        at = node.text.find(marker)
        if at >= 0:
            yield Finding(
                node.span_at(at, at + len(marker)),
                f"留有占位符“{marker}”",
                f"placeholder {marker!r} left",
                "填写实际内容",
                "fill it in",
            )


@rule("XT002", "crashes", "input", "error", "测试用：会抛出异常的规则", "test: a rule that raises", registry=RULES)
def crashes(report: Report, options: Mapping[str, object]) -> list[Finding]:
    """A rule that raises ZeroDivisionError when the text says 触发异常."""
    if "触发异常" in report.stream.text:
        raise ZeroDivisionError("raised on purpose")
    return []


def count(diagnostics: Sequence[Diagnostic], context: RenderContext) -> str:
    return f"{len(diagnostics)} diagnostics in {len(context.files)} files\n"


@hookimpl
def gilint_rules() -> list[Rule]:
    return RULES


@hookimpl
def gilint_reporters() -> dict[str, object]:
    return {"count": count}


@hookimpl
def gilint_readers() -> dict[str, object]:
    return {"rpt": parse_text}
