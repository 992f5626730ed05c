"""Suppression comments: next-line, ranges, whole file; HTML/Markdown comments and `# gilint:` lines;
a suppression that suppresses nothing is reported as GI902."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from gilint.config import Config
from gilint.engine import ENGINE_RULES, Plugins, check_report
from gilint.model import Diagnostic, Document, Finding, Node, Report, Span, Stream
from gilint.parsers.html import parse_html
from gilint.parsers.markdown import parse_markdown
from gilint.parsers.text import parse_text
from gilint.rule import rule
from gilint.structure import build_report
from gilint.suppress import Directive, apply, parse_directives


@rule("XT001", "marker", "wording", "warning", "占位符", "placeholder")
def marker(report: Report, opts: Mapping[str, object]) -> Iterator[Finding]:
    """Every line holding 待补充."""
    for number, line in enumerate(report.doc.lines, 1):
        at = line.find("待补充")
        if at >= 0 and "gilint" not in line:
            yield Finding(Span(number, at + 1), "留有占位符", "placeholder left")


@rule("XT101", "other", "tables", "error", "另一条", "another")
def other(report: Report, opts: Mapping[str, object]) -> Iterator[Finding]:
    """Every line holding 待补充, as another code."""
    yield from (Finding(f.span, "另一条", "another") for f in marker(report, opts))


PLUGINS = Plugins(rules=[*ENGINE_RULES, marker.rule, other.rule])


def codes(diagnostics: list[Diagnostic]) -> list[tuple[str, int | None]]:
    return [(d.code, d.span.line) for d in diagnostics]


def check_text(text: str, config: Config | None = None) -> list[Diagnostic]:
    report = build_report(parse_text(text.encode(), "r.txt"))
    return check_report(report, config or Config(root=Path.cwd()), PLUGINS)


def test_parse_directives_in_both_syntaxes_with_codes_prefixes_and_reasons() -> None:
    lines = [
        "<!-- gilint-disable-next-line GI301 -- 本机关无复议职能 -->",
        "正文 <!-- gilint-disable GI3, gi4 --> 正文",
        "  # gilint: enable GI3 gi4",
        "# gilint: disable-file",
        "<!-- gilint-disabled GI1 -->",  # not a directive: the kind must be exact
        "# gilint: disable-next-lines GI1",
    ]
    assert parse_directives(lines) == [
        Directive("disable-next-line", ("GI301",), 1, 1, "本机关无复议职能"),
        Directive("disable", ("GI3", "GI4"), 2, 4, None, end=3),
        Directive("enable", ("GI3", "GI4"), 3, 1, None, closes=1),
        Directive("disable-file", (), 4, 1, None),
    ]


def test_next_line_suppresses_only_the_line_after_the_comment_and_only_its_codes() -> None:
    text = "# gilint: disable-next-line XT001 -- 暂缺数据\n待补充\n待补充\n# gilint: disable-next-line\n待补充\n"
    assert sorted(codes(check_text(text))) == [("XT001", 3), ("XT101", 2), ("XT101", 3)]


def test_disable_enable_ranges_by_prefix_and_to_the_end_of_the_file() -> None:
    text = "待补充\n# gilint: disable XT\n待补充\n待补充\n# gilint: enable XT\n待补充\n# gilint: disable XT1\n待补充\n"
    assert sorted(codes(check_text(text))) == [("XT001", 1), ("XT001", 6), ("XT001", 8), ("XT101", 1), ("XT101", 6)]


def test_disable_file_suppresses_everywhere_even_without_a_line() -> None:
    diagnostics = [
        Diagnostic("XT001", "wording", "warning", "r", Span(), "a", "a"),
        Diagnostic("XT101", "tables", "error", "r", Span(9, 1), "b", "b"),
    ]
    directives = parse_directives(["x", "<!-- gilint-disable-file XT001 -->"])
    assert apply(diagnostics, directives) == diagnostics[1:]
    assert directives[0].used


def test_unused_suppressions_are_reported_as_gi902_at_the_comment() -> None:
    text = (
        "待补充\n# gilint: disable-next-line XT001\n正文\n# gilint: disable XT9 -- typo\n"
        "# gilint: enable XT101\n# gilint: disable-next-line\n正文\n"
    )
    got = [
        (d.code, d.severity, d.span.line, d.span.column, d.message_zh, d.message_en)
        for d in check_text(text)
        if d.code == "GI902"
    ]
    assert got == [
        (
            "GI902",
            "warning",
            2,
            1,
            "“gilint-disable-next-line XT001”没有抑制任何诊断，可以删除",
            "'gilint-disable-next-line XT001' suppresses nothing: remove it",
        ),
        (
            "GI902",
            "warning",
            4,
            1,
            "“gilint-disable XT9”中的代码 XT9 不对应任何规则",
            "'gilint-disable XT9': XT9 matches no rule",
        ),
        (
            "GI902",
            "warning",
            5,
            1,
            "“gilint-enable XT101”没有对应的 gilint-disable",
            "'gilint-enable XT101' has no matching gilint-disable",
        ),
        (
            "GI902",
            "warning",
            6,
            1,
            "“gilint-disable-next-line”没有抑制任何诊断，可以删除",
            "'gilint-disable-next-line' suppresses nothing: remove it",
        ),
    ]


def test_a_suppression_of_a_rule_switched_off_by_config_is_not_reported() -> None:
    text = "# gilint: disable-next-line XT101\n待补充\n"
    assert codes(check_text(text, Config(root=Path.cwd(), ignore=("XT101",)))) == [("XT001", 2)]
    assert codes(check_text(text, Config(root=Path.cwd(), ignore=("GI902",)))) == [("XT001", 2)]


def test_html_comments_in_an_html_report() -> None:
    html = (
        "<html><body>\n<p>待补充</p>\n<!-- gilint-disable-next-line XT -- 尚在统计 -->\n<p>待补充</p>\n</body></html>\n"
    ).encode()
    report = build_report(parse_html(html, "r.html"))
    assert sorted(codes(check_report(report, Config(root=Path.cwd()), PLUGINS))) == [("XT001", 2), ("XT101", 2)]


def test_html_comments_in_a_markdown_report() -> None:
    md = "# 报告\n\n<!-- gilint-disable-file XT101 -->\n待补充\n".encode()
    report = build_report(parse_markdown(md, "r.md"))
    assert codes(check_report(report, Config(root=Path.cwd()), PLUGINS)) == [("XT001", 4)]


def test_docx_and_pdf_text_is_never_read_as_a_directive() -> None:
    lines = ["# gilint: disable-file", "待补充"]
    nodes = [Node(t, Span(i + 1, logical=f"段落 {i + 1}")) for i, t in enumerate(lines)]
    doc = Document("r.docx", "docx", nodes, lines)
    report = Report(doc, Stream(nodes))
    assert codes(check_report(report, Config(root=Path.cwd()), PLUGINS)) == [("XT001", 2), ("XT101", 2)]
