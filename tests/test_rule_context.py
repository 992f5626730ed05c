"""A rule's context and what it applies to: the engine calls a rule only on a report it applies to, with a
``RuleContext`` (its options as a read-only mapping, the pinned format version, the language, related-place
helpers); a pack written as ``(report, options)`` still runs; ``gilint rule CODE`` says what it applies to."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import gilint_rules as rules
import pytest

from gilint.applies import FORMAT_2021, REPORT, YEAR_2021, Applies, table
from gilint.cli import main
from gilint.config import Config, ConfigError
from gilint.context import RuleContext
from gilint.engine import ENGINE_RULES, Plugins, check_file, check_report, validate_config
from gilint.model import Finding, Related, Report, Span
from gilint.parsers.text import parse_text
from gilint.rule import Rule, rule
from gilint.structure import build_report
from gilint.testing import CaseError, load_cases, run_case, run_rule
from gilint.testing.reports import make_report

ROOT = Path(__file__).resolve().parents[1]
NOT_A_REPORT = "购物清单\n苹果三个\n"


def report_of(text: str) -> Report:
    return build_report(parse_text(text.encode("utf-8"), "r.txt"))


def plugins_with(*found: Rule) -> Plugins:
    return Plugins(rules=[*ENGINE_RULES, *found], packs={r.code: "test" for r in (*ENGINE_RULES, *found)})


def spy(code: str, calls: list[tuple[str, RuleContext]], **declared: object) -> Rule:
    """A rule that records each call (its code and context) and finds nothing."""

    @rule(code, "spy", "wording", "info", "记录", "records", **declared)  # type: ignore[arg-type]
    def record(report: Report, ctx: RuleContext) -> list[Finding]:
        """Records its calls."""
        calls.append((code, ctx))
        return []

    return record.rule  # type: ignore[attr-defined,no-any-return]


def test_a_rule_that_does_not_apply_is_not_called() -> None:
    calls: list[tuple[str, RuleContext]] = []
    everywhere, reports_only = spy("XT010", calls), spy("XT011", calls, applies=REPORT)
    with_t4 = spy("XT012", calls, applies=(REPORT, table(4)))
    plugins = plugins_with(everywhere, reports_only, with_t4)
    check_report(report_of(NOT_A_REPORT), Config(root=Path.cwd()), plugins)
    assert [code for code, _ in calls] == ["XT010"]
    calls.clear()
    check_report(report_of(make_report(omit_tables=(4,))), Config(root=Path.cwd()), plugins)
    assert [code for code, _ in calls] == ["XT010", "XT011"]
    calls.clear()
    check_report(report_of(make_report()), Config(root=Path.cwd()), plugins)
    assert [code for code, _ in calls] == ["XT010", "XT011", "XT012"]


def test_a_condition_is_worked_out_once_per_report_for_every_rule_declaring_it() -> None:
    asked: list[str] = []
    condition = Applies("counted", "计数", "counted", lambda report, ctx: asked.append(ctx.code) is None)
    calls: list[tuple[str, RuleContext]] = []
    plugins = plugins_with(*(spy(f"XT02{i}", calls, applies=condition) for i in range(3)))
    check_report(report_of(make_report()), Config(root=Path.cwd()), plugins)
    assert (asked, [code for code, _ in calls]) == (["XT020"], ["XT020", "XT021", "XT022"])


def test_a_condition_that_raises_is_the_rules_crash() -> None:
    def broken(report: Report, ctx: RuleContext) -> bool:
        raise KeyError("no such thing")

    plugins = plugins_with(spy("XT030", [], applies=Applies("broken", "坏", "broken", broken)))
    [d] = check_report(report_of(make_report()), Config(root=Path.cwd()), plugins)
    assert (d.code, d.message_en) == (
        "GI900",
        "rule XT030 (spy) raised KeyError: 'no such thing': its findings for this file are lost",
    )


@pytest.mark.parametrize(
    ("year", "pinned", "called"),
    [(2023, None, True), (2020, None, False), (2023, 2019, False), (2020, 2021, True), (2021, None, True)],
)
def test_format_2021_is_the_pinned_version_else_the_year(year: int, pinned: int | None, called: bool) -> None:
    calls: list[tuple[str, RuleContext]] = []
    plugins = plugins_with(spy("XT040", calls, applies=(REPORT, FORMAT_2021)))
    check_report(report_of(make_report(year=year)), Config(root=Path.cwd(), format_version=pinned), plugins)
    assert bool(calls) is called


@pytest.mark.parametrize(("year", "called"), [(2020, False), (2021, True), (2024, True)])
def test_year_2021_is_the_reports_year_whatever_is_pinned(year: int, called: bool) -> None:
    calls: list[tuple[str, RuleContext]] = []
    plugins = plugins_with(spy("XT041", calls, applies=YEAR_2021))
    check_report(report_of(make_report(year=year)), Config(root=Path.cwd(), format_version=2019), plugins)
    assert bool(calls) is called


def test_the_format_version_reaches_the_context_and_is_no_option() -> None:
    calls: list[tuple[str, RuleContext]] = []
    r = spy("XT050", calls, deadline="03-31")
    config = Config(root=Path.cwd(), format_version=2019, rules={"XT050": {"deadline": "02-28"}})
    check_report(report_of(make_report()), config, plugins_with(r))
    [(_, ctx)] = calls
    assert (ctx.format_version, dict(ctx), ctx.code, ctx.lang) == (2019, {"deadline": "02-28"}, "XT050", "zh")
    assert "format-version" not in ctx and ctx.report is not None and ctx.report.year == 2023
    with pytest.raises(TypeError):
        ctx["deadline"] = "01-01"  # type: ignore[index]
    bad = Config(root=Path.cwd(), rules={"XT050": {"format-version": 2021}})
    with pytest.raises(
        ConfigError, match=r"rules\.XT050: unknown option 'format-version' \(options of XT050: deadline\)"
    ):
        validate_config(bad, plugins_with(r))


def test_the_language_reaches_the_context(tmp_path: Path) -> None:
    calls: list[tuple[str, RuleContext]] = []
    (tmp_path / "r.txt").write_text(make_report(), encoding="utf-8")
    check_file(str(tmp_path / "r.txt"), Config(root=tmp_path), plugins_with(spy("XT060", calls)), lang="en")
    assert [ctx.lang for _, ctx in calls] == ["en"]


def test_a_pack_rule_written_with_options_still_runs() -> None:
    """A rule of an older pack: ``(report, options)``, reading the options as a plain mapping does."""
    seen: list[object] = []

    @rule("XT070", "legacy", "wording", "warning", "旧式", "legacy", marker="待补充", limit=2)
    def legacy(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
        """An older pack's rule."""
        seen.extend([isinstance(options, Mapping), dict(options), sorted(options), options.get("absent", "-")])
        marker = str(options["marker"])
        for node in report.doc.nodes[: int(options.get("limit", 0))]:  # type: ignore[call-overload]
            if marker in node.text:
                yield Finding(node.span, f"留有{marker}", f"{marker} left")

    report = report_of(make_report(title="青禾县自然资源局2023年政府信息公开工作年度报告待补充"))
    config = Config(root=Path.cwd(), rules={"XT070": {"marker": "待补充"}})
    [d] = check_report(report, config, plugins_with(legacy.rule))  # type: ignore[attr-defined]
    assert (d.code, d.span.line, d.message_en) == ("XT070", 1, "待补充 left")
    assert seen == [True, {"marker": "待补充", "limit": 2}, ["limit", "marker"], "-"]


def test_the_related_place_helpers() -> None:
    report = report_of(make_report())
    ctx = RuleContext({}, report=report)
    place = ctx.cell(3, "3.3.1", "natural")
    t3 = report.tables[3]
    assert place == Related(
        t3.cells["3.3.1"]["natural"].span,
        "表三“（三）不予公开 1.属于国家秘密”自然人",
        "table 3 row 3.3.1 column natural",
    )
    assert ctx.cell(3, "no-such-row", "natural") is None
    assert RuleContext({}).cell(3, "3.7", "total") is None  # no report: a series rule names one
    assert RuleContext({}).cell(3, "3.7", "total", report) == ctx.cell(3, "3.7", "total")
    assert ctx.cell(4, "review.upheld", "total", report_of(make_report(omit_tables=(4,)))) is None
    assert ctx.related(Span(3, 1), "标题") == Related(Span(3, 1), "标题", "标题")
    assert ctx.related(Span(3, 1), "标题", "the title") == Related(Span(3, 1), "标题", "the title")


def test_applies_is_declared_with_conditions_and_not_on_a_series_rule() -> None:
    with pytest.raises(ValueError, match=r"applies must be gilint\.applies conditions for XT080"):
        rule("XT080", "x", "wording", "info", "x", "x", applies=(REPORT, "t3"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a series rule gets every report of the series: XT081 cannot declare"):
        rule("XT081", "x", "tables", "info", "x", "x", scope="series", applies=REPORT)
    with pytest.raises(ValueError, match="tables are 2, 3 and 4, not 5"):
        table(5)
    assert table(3) is table(3)


def test_the_built_in_rules_declare_what_they_apply_to() -> None:
    declared = {r.code: tuple(c.name for c in r.applies) for r in rules.gilint_rules()}
    assert {code for code, names in declared.items() if not names} == {
        "GI001",
        "GI002",
        "GI003",
        "GI004",
        "GI020",
        "GI021",
        "GI022",
        "GI023",
        "GI701",
        "GI702",
        "GI703",
        "GI704",
    }
    assert declared["GI302"] == ("report", "format-2021")
    assert declared["GI501"] == ("report", "year-2021")
    assert declared["GI502"] == ("report", "table-3")
    assert all(names[0] == "report" for names in declared.values() if names)


def test_run_rule_calls_a_rule_as_the_engine_does() -> None:
    gi101 = next(r for r in rules.gilint_rules() if r.code == "GI101")
    assert run_rule(gi101, report_of(NOT_A_REPORT)) == []  # it does not apply: GI003 says so
    [f] = run_rule(gi101, report_of(make_report(headings={5: None}, body={5: []})))
    assert "五、存在的主要问题及改进情况" in f.message_zh


def test_a_case_pins_the_format_version(tmp_path: Path) -> None:
    """A 2020 report in the 2019 format (our fixture): GI302 applies only when 2021 is pinned."""
    text = (ROOT / "fixtures" / "clean" / "2020_xx-ju_2019format.txt").read_text(encoding="utf-8")
    path = tmp_path / "GI302.toml"
    cases = "".join(
        f"[[cases]]\nname = \"{name}\"\ntext = '''\n{text}'''\n{pin}\n"
        for name, pin in [
            ("by its year", ""),
            ("2021 pinned", "format-version = 2021"),
            ("2019", "format-version = 2019"),
        ]
    )
    path.write_text(f'rule = "GI302"\n{cases}', encoding="utf-8")
    by_year, pinned, old = load_cases(path)
    assert [c.format_version for c in (by_year, pinned, old)] == [None, 2021, 2019]
    assert run_case(by_year) == run_case(old) == []
    hits = run_case(pinned)
    assert hits and {code for code, _, _ in hits} == {"GI302"}
    path.write_text('rule = "GI302"\n[[cases]]\nname = "bad"\ntext = "x"\nformat-version = 2020\n', encoding="utf-8")
    with pytest.raises(CaseError, match="case 'bad': format-version is 2019 or 2021, not 2020"):
        load_cases(path)


@pytest.mark.parametrize(
    ("code", "lang", "lines"),
    [
        (
            "GI302",
            "zh",
            [
                "年度报告（文件已读出，且有报告标题、格式的章节或表格）",
                "按2021年格式填报的报告（配置的 format-version，未配置时按报告年度）",
            ],
        ),
        (
            "GI502",
            "en",
            [
                "a report (the file was read and has a report title, the format's sections or tables)",
                "table 3 was found",
            ],
        ),
        ("GI001", "en", ["every file (even one unread or no report)"]),
        ("GI701", "zh", ["同一机关各年度的报告（由 gilint audit 检查）"]),
    ],
)
def test_gilint_rule_prints_what_it_applies_to(
    capsys: pytest.CaptureFixture[str], code: str, lang: str, lines: list[str]
) -> None:
    assert main(["rule", code, "--lang", lang]) == 0
    out = capsys.readouterr().out
    head = "\n适用于\n" if lang == "zh" else "\nApplies to\n"
    assert head in out
    shown = out.split(head, 1)[1].split("\n\n", 1)[0]
    assert shown.splitlines() == [f"  {line}" for line in lines]
