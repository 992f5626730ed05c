"""The engine on synthetic rules: diagnostics built from findings, config applied, crashes contained."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from gilint.config import Config, Overrides, Resolver
from gilint.context import RuleContext
from gilint.engine import ENGINE_RULES, Plugins, check_file, check_paths, check_report, collect_files, plan
from gilint.model import Diagnostic, Edit, Finding, Fix, Report, Span, Where
from gilint.parsers.text import parse_text
from gilint.rule import Rule, rule
from gilint.structure import build_report

TEXT = "某县某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度共收到申请待补充件。\n"


def report_of(text: str = TEXT, path: str = "r.txt") -> Report:
    return build_report(parse_text(text.encode(), path))


def marker_rule(code: str = "XT001", severity: str = "warning", **options: object) -> Rule:
    @rule(code, "marker", "wording", severity, "占位符", "placeholder", marker="待补充", **options)  # type: ignore[arg-type]
    def find(report: Report, opts: Mapping[str, object]) -> Iterator[Finding]:
        """Finds the marker."""
        for node in report.doc.nodes:
            at = node.text.find(str(opts["marker"]))
            if at >= 0:
                yield Finding(node.span_at(at, at + 3), "留有占位符", "placeholder left", "填写", "fill in")

    return find.rule  # type: ignore[attr-defined,no-any-return]


def options_rule(seen: list[tuple[dict[str, object], int | None]]) -> Rule:
    @rule("XT003", "options", "period", "info", "选项", "options", deadline=None)
    def record(report: Report, ctx: RuleContext) -> list[Finding]:
        """Records its options and the pinned format version."""
        seen.append((dict(ctx), ctx.format_version))
        return []

    return record.rule  # type: ignore[attr-defined,no-any-return]


def plugins_with(*rules: Rule) -> Plugins:
    return Plugins(rules=[*ENGINE_RULES, *rules], packs={r.code: "test" for r in (*ENGINE_RULES, *rules)})


def test_a_finding_becomes_a_diagnostic_with_the_rule_identity_and_source_line() -> None:
    [d] = check_report(report_of(), Config(root=Path.cwd()), plugins_with(marker_rule()))
    assert d == Diagnostic(
        "XT001",
        "wording",
        "warning",
        "r.txt",
        Span(3, 9, 3, 11),
        "留有占位符",
        "placeholder left",
        "填写",
        "fill in",
        False,
        "本年度共收到申请待补充件。",
        where=Where(section=1, section_title="总体情况", paragraph=2, text="本年度共收到申请待补充件。"),
    )


def test_severity_override_by_prefix_and_by_code_the_longest_wins() -> None:
    config = Config(root=Path.cwd(), severity={"XT": "info", "XT001": "error"})
    rules = plugins_with(marker_rule(), marker_rule("XT101"))
    assert [(d.code, d.severity) for d in check_report(report_of(), config, rules)] == [
        ("XT001", "error"),
        ("XT101", "info"),
    ]


@pytest.mark.parametrize(
    ("select", "extend", "ignore", "expected"),
    [
        (("ALL",), (), (), ["XT001", "XT101", "XT102"]),
        (("XT1",), (), (), ["XT101", "XT102"]),
        (("XT1",), ("XT001",), (), ["XT001", "XT101", "XT102"]),
        (("ALL",), (), ("XT1",), ["XT001"]),
        (("ALL",), (), ("XT1", "XT"), []),
        (("XT102",), (), ("XT1",), ["XT102"]),  # the more specific selector wins
        (("XT1",), (), ("XT1",), []),  # a tie: ignore wins
    ],
)
def test_select_extend_select_and_ignore_by_code_or_prefix(
    select: tuple[str, ...], extend: tuple[str, ...], ignore: tuple[str, ...], expected: list[str]
) -> None:
    config = Config(root=Path.cwd(), select=select, extend_select=extend, ignore=ignore)
    rules = plugins_with(marker_rule(), marker_rule("XT101"), marker_rule("XT102"))
    assert [d.code for d in check_report(report_of(), config, rules)] == expected


def test_rule_options_merge_defaults_and_config_and_the_format_version_is_the_contexts() -> None:
    seen: list[tuple[dict[str, object], int | None]] = []
    r = options_rule(seen)
    check_report(report_of(), Config(root=Path.cwd()), plugins_with(r))
    check_report(
        report_of(),
        Config(root=Path.cwd(), format_version=2021, rules={"XT003": {"deadline": "03-31"}}),
        plugins_with(r),
    )
    assert seen == [({"deadline": None}, None), ({"deadline": "03-31"}, 2021)]


def test_a_rule_that_raises_gives_gi900_and_the_other_rules_still_run() -> None:
    @rule("XT050", "boom", "tables", "error", "炸", "boom")
    def boom(report: Report, opts: Mapping[str, object]) -> list[Finding]:
        """Raises."""
        return [Finding(Span(1, 1), "x", "x"), 1 // 0]  # type: ignore[list-item]

    diagnostics = check_report(report_of(), Config(root=Path.cwd()), plugins_with(boom.rule, marker_rule()))
    assert [(d.code, d.severity, d.category) for d in diagnostics] == [
        ("GI900", "error", "input"),
        ("XT001", "warning", "wording"),
    ]
    crash = diagnostics[0]
    assert (
        crash.message_zh == "规则 XT050（boom）运行出错：ZeroDivisionError: integer division or modulo by zero；"
        "该规则对此文件的结果未计入"
    )
    assert (
        crash.message_en == "rule XT050 (boom) raised ZeroDivisionError: integer division or modulo by zero: "
        "its findings for this file are lost"
    )
    assert crash.hint_en is not None and crash.hint_en.endswith("in boom")
    assert crash.hint_en.startswith(__file__)
    only = Config(root=Path.cwd(), select=("XT050",))  # reported even when not selected, unless ignored
    assert [d.code for d in check_report(report_of(), only, plugins_with(boom.rule))] == ["GI900"]
    ignored = Config(root=Path.cwd(), ignore=("GI9",))
    assert [d.code for d in check_report(report_of(), ignored, plugins_with(boom.rule))] == []


def test_a_file_that_cannot_be_structured_gives_gi901(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="utf-8")

    def broken(doc: object) -> Report:
        raise RecursionError("too deep")

    monkeypatch.setattr("gilint.structure.build_report", broken)
    result = check_file(str(path), Config(root=tmp_path), plugins_with(marker_rule()))
    assert result.report is None
    [d] = result.diagnostics
    assert (d.code, d.severity, d.category, d.span, d.message_en) == (
        "GI901",
        "error",
        "input",
        Span(),
        "the file could not be read or parsed (RecursionError: too deep): not checked",
    )
    assert d.message_zh == "无法读取或解析文件（RecursionError: too deep），文件未检查"


def test_series_rules_do_not_run_in_check() -> None:
    @rule("XT070", "series", "tables", "error", "跨年", "cross-year", scope="series")
    def series(reports: object, opts: Mapping[str, object]) -> list[Finding]:
        """Would fail if called with a single report."""
        raise AssertionError("a series rule ran in check")

    assert check_report(report_of(), Config(root=Path.cwd()), plugins_with(series.rule)) == []


def test_diagnostics_are_sorted_by_line_column_and_code() -> None:
    @rule("XT060", "first-line", "wording", "info", "首行", "first line")
    def first(report: Report, opts: Mapping[str, object]) -> list[Finding]:
        """Points at the whole file and at line 1."""
        return [Finding(Span(1, 5), "b", "b"), Finding(Span(), "a", "a"), Finding(Span(1, 2), "c", "c")]

    diagnostics = check_report(report_of(), Config(root=Path.cwd()), plugins_with(marker_rule(), first.rule))
    assert [(d.code, d.span.line, d.span.column) for d in diagnostics] == [
        ("XT060", None, None),
        ("XT060", 1, 2),
        ("XT060", 1, 5),
        ("XT001", 3, 9),
    ]


def test_collect_files_walks_folders_for_report_extensions_sorted(tmp_path: Path) -> None:
    for name in (
        "b.html",
        "a.TXT",
        "c.md",
        "d.docx",
        "e.pdf",
        "f.htm",
        "notes.json",
        ".hidden.txt",
        ".git/x.txt",
        "sub/z.txt",
        "sub/y.csv",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "gilint.toml").write_text('exclude = ["sub/*"]\n')
    resolver = Resolver()
    found = collect_files([str(tmp_path), str(tmp_path / "notes.json")], resolver)
    assert [Path(f).relative_to(tmp_path).as_posix() for f in found] == [
        "a.TXT",
        "b.html",
        "c.md",
        "d.docx",
        "e.pdf",
        "f.htm",
        "notes.json",
    ]
    with pytest.raises(FileNotFoundError):
        collect_files([str(tmp_path / "missing.txt")], resolver)


def test_check_paths_uses_the_nearest_config_per_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "r.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b" / "r.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b" / "gilint.toml").write_text('ignore = ["XT"]\n')
    diagnostics = check_paths([str(tmp_path)], plugins_with(marker_rule()))
    assert [(Path(d.path).relative_to(tmp_path).as_posix(), d.code) for d in diagnostics] == [("a/r.txt", "XT001")]
    # --config names one file for all; --ignore adds to it
    (tmp_path / "all.toml").write_text('[tool.gilint]\nseverity = { XT001 = "error" }\n')
    overrides = Overrides(config=tmp_path / "all.toml")
    assert [(d.code, d.severity) for d in check_paths([str(tmp_path)], plugins_with(marker_rule()), overrides)] == [
        ("XT001", "error"),
        ("XT001", "error"),
    ]
    assert check_paths([str(tmp_path)], plugins_with(marker_rule()), Overrides(ignore=("XT001",))) == []


def test_plan_warns_about_codes_that_match_no_rule(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gilint.toml").write_text('ignore = ["XT9", "XT001"]\nextend-select = ["ZZ"]\n')
    todo = plan([str(tmp_path)], plugins_with(marker_rule()))
    config = tmp_path / "gilint.toml"
    assert todo.warnings == [
        f"{config}: extend-select: 'ZZ' matches no rule",
        f"{config}: ignore: 'XT9' matches no rule",
    ]


def test_engine_codes_are_documented_rules() -> None:
    codes = {r.code: (r.category, r.severity) for r in ENGINE_RULES}
    assert codes == {
        "GI900": ("input", "error"),
        "GI901": ("input", "error"),
        "GI902": ("input", "warning"),
        "GI903": ("input", "error"),
        "GI904": ("input", "error"),
        "GI905": ("input", "warning"),
    }
    for r in ENGINE_RULES:
        for heading in ("检查什么 / What it checks", "为什么 / Why", "错误示例 / Bad", "正确示例 / Good"):
            assert heading in r.doc


def _fixing_rule(code: str, declared: str | None, applicability: str = "safe") -> Rule:
    @rule(code, "fixing", "wording", "warning", "修复", "fixing", fix=declared)  # type: ignore[arg-type]
    def find(report: Report, opts: Mapping[str, object]) -> Iterator[Finding]:
        """Finds the marker and offers to fill it in."""
        at = report.stream.text.find("待补充")
        yield Finding(
            report.stream.span(at, at + 3),
            "x",
            "x",
            fix=Fix("填写", "fill in", (Edit(at, at + 3, "13"),), applicability),
        )  # type: ignore[arg-type]

    return find.rule  # type: ignore[attr-defined,no-any-return]


def test_a_fix_is_kept_only_from_a_rule_that_declares_it_and_is_placed_in_the_source() -> None:
    config = Config(root=Path.cwd())
    rules = plugins_with(
        _fixing_rule("XT201", "safe"), _fixing_rule("XT202", None), _fixing_rule("XT203", "safe", "unsafe")
    )
    kept, undeclared, mismatched = check_report(report_of(), config, rules)
    assert kept.fix == Fix("填写", "fill in", (Edit(37, 40, "13", "待补充", Span(3, 9, 3, 11)),))
    assert (undeclared.fix, mismatched.fix) == (None, None)
    with pytest.raises(ValueError, match="fix must be 'safe' or 'unsafe'"):
        rule("XT204", "bad", "wording", "info", "x", "x", fix="maybe")  # type: ignore[arg-type]


def test_rules_given_anew_under_the_same_configuration_are_the_ones_run() -> None:
    # what the engine works out once for a configuration is for the rules it was given: a rule list changed
    # (same codes, other functions or options) runs as given
    config = Config(root=Path.cwd(), rules={"XT001": {"marker": "申请"}})
    report = report_of()
    assert [d.span for d in check_report(report, config, plugins_with(marker_rule()))] == [Span(3, 7, 3, 9)]
    seen: list[tuple[dict[str, object], int | None]] = []
    assert check_report(report, config, plugins_with(options_rule(seen))) == []
    assert seen == [({"deadline": None}, None)]
    plugins = plugins_with(marker_rule(severity="error"))
    assert [d.severity for d in check_report(report, config, plugins)] == ["error"]
    plugins.rules.append(marker_rule("XT002"))
    assert [d.code for d in check_report(report, config, plugins)] == ["XT001", "XT002"]
    ignoring = Config(root=Path.cwd(), per_file_ignores={"r.txt": ("XT001",)})
    assert [d.code for d in check_report(report, ignoring, plugins)] == ["XT002"]
