"""Series rules through the engine (``engine.check_series``) and the aggregate rule GI704 in ``gilint audit``:
a government's table 3 against the sum of its departments' (fictional agencies of 云溪市)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from gilint.audit.agencies import load
from gilint.audit.db import AuditDB
from gilint.audit.runner import AGGREGATE_KEY, AuditOptions, run_audit
from gilint.config import Config
from gilint.engine import ENGINE_RULES, Plugins, check_series, load_plugins
from gilint.model import Finding, Report, Span
from gilint.parsers import read_document
from gilint.rule import Rule, rule
from gilint.series import Member, Series
from gilint.structure import build_report
from gilint.testing.reports import line_of, make_report, t3_rows

PLUGINS = load_plugins()
GOVERNMENT, JIA, YI = "云溪市人民政府", "云溪市甲局", "云溪市乙局"
LIST = f"name,level,parent\n{GOVERNMENT},city,\n{JIA},department,{GOVERNMENT}\n{YI},department,{GOVERNMENT}\n"
ON = '[rules.GI704]\nlevels = ["city"]\n'


def parsed(text: str, name: str = "r.txt") -> Report:
    return build_report(read_document(name, text.encode()))


def series_rule(code: str, func: object) -> Rule:
    found: Rule = rule(code, f"test-{code.lower()}", "tables", "error", "测试", "test", scope="series")(func).rule
    return found


def plugins_with(*rules: Rule) -> Plugins:
    return Plugins(rules=[*ENGINE_RULES, *rules])


CONFIG = Config(Path("."))


# ---------------------------------------------------------------- the engine


def test_a_series_rule_that_raises_gives_gi900_on_the_head() -> None:
    def boom(reports: Sequence[Report], options: object) -> Iterator[tuple[Report, Finding]]:
        raise RuntimeError("bad")

    a, b = parsed(make_report(year=2022), "a.txt"), parsed(make_report(year=2023), "b.txt")
    got = check_series(
        Series([a, b], key=JIA), [("a.txt", CONFIG), ("b.txt", CONFIG)], plugins_with(series_rule("GX1", boom))
    )
    assert got[0] == []
    assert [(d.code, d.category, d.severity, d.path, d.message_zh) for d in got[1]] == [
        (
            "GI900",
            "input",
            "error",
            "b.txt",
            f"跨年度规则 GX1（test-gx1）运行出错：RuntimeError: bad；该规则对“{JIA}”的结果未计入",
        )
    ]
    assert got[1][0].hint_zh and "test_series.py" in got[1][0].hint_zh  # where it was raised
    # an aggregate speaks for its government, wherever it stands
    aggregate = Series([Member(a, GOVERNMENT, "government"), Member(b, JIA, "part")], "aggregate", "汇总")
    got = check_series(aggregate, [("a.txt", CONFIG), ("b.txt", CONFIG)], plugins_with(series_rule("GX1", boom)))
    assert [d.code for d in got[0]] == ["GI900"] and got[1] == []
    assert got[0][0].message_zh.startswith("汇总规则 GX1（test-gx1）运行出错")
    # ignored by name, it is not reported
    ignored = Config(Path("."), ignore=("GI900",))
    got = check_series(Series([a, b]), [("a.txt", ignored), ("b.txt", ignored)], plugins_with(series_rule("GX1", boom)))
    assert got == [[], []]


def test_a_disabled_series_rule_is_not_run() -> None:
    calls: list[int] = []

    def counted(reports: Sequence[Report], options: object) -> Iterator[tuple[Report, Finding]]:
        calls.append(len(reports))
        yield reports[-1], Finding(Span(1, 1), "见", "seen")

    a, b = parsed(make_report(year=2022)), parsed(make_report(year=2023))
    off = Config(Path("."), ignore=("GX",))
    plugins = plugins_with(series_rule("GX2", counted))
    assert check_series([a, b], [("a.txt", off), ("b.txt", off)], plugins) == [[], []]
    assert calls == []
    # enabled for one member only: it runs, and only that member's findings are kept
    got = check_series([a, b], [("a.txt", CONFIG), ("b.txt", off)], plugins)
    assert calls == [2] and got == [[], []]
    got = check_series([a, b], [("a.txt", off), ("b.txt", CONFIG)], plugins)
    assert [(d.code, d.path, d.span.line, d.message_zh) for d in got[1]] == [("GX2", "b.txt", 1, "见")]
    assert got[1][0].where is not None  # located as a reader sees it


def test_findings_on_a_report_not_in_the_series_are_dropped() -> None:
    stranger = parsed(make_report(year=2021))

    def astray(reports: Sequence[Report], options: object) -> Iterator[tuple[Report, Finding]]:
        yield stranger, Finding(Span(1, 1), "外", "outside")
        yield reports[0], Finding(Span(2, 1), "内", "inside")

    a, b = parsed(make_report(year=2022)), parsed(make_report(year=2023))
    got = check_series([a, b], [("a.txt", CONFIG), ("b.txt", CONFIG)], plugins_with(series_rule("GX3", astray)))
    assert [[(d.code, d.span.line, d.message_en) for d in ds] for ds in got] == [[("GX3", 2, "inside")], []]


def test_the_cross_year_rules_leave_an_aggregate_alone() -> None:
    # two consecutive years that break GI701-GI703 as one agency's series, given as a government and its part
    last = parsed(make_report(year=2022, t3={"4": [5, 0, 0, 0, 0, 0, 5]}))
    this = parsed(make_report(year=2023))
    places = [("a.txt", CONFIG), ("b.txt", CONFIG)]
    assert {d.code for d in check_series([last, this], places, PLUGINS)[1]} == {"GI701", "GI702", "GI703"}
    aggregate = Series([Member(last, GOVERNMENT, "government", "city"), Member(this, JIA, "part")], "aggregate")
    assert check_series(aggregate, places, PLUGINS) == [[], []]


# ---------------------------------------------------------------- GI704 through the audit


def doubled() -> dict[str, list[object] | None]:
    """Table 3 of a government aggregating two departments that each report the defaults."""
    return {row: [2 * v for v in values] for row, values in t3_rows().items() if values is not None}


def named(agency: str, t3: dict[str, list[object] | None] | None = None, **kwargs: object) -> str:
    text = make_report(year=2023, title=f"{agency}2023年政府信息公开工作年度报告", t3=t3, **kwargs)
    return text.replace("青禾县自然资源局\n", agency + "\n")


def office(folder: Path, government: str, config: str | None = ON, yi: bool = True, **yi_kwargs: object) -> Path:
    """One folder per agency, the agency list beside them; ``config`` the office's gilint.toml."""
    (folder / "政府").mkdir(parents=True)
    (folder / "政府" / "2023年报.txt").write_text(government, encoding="utf-8")
    (folder / "甲局").mkdir()
    (folder / "甲局" / "2023年报.txt").write_text(named(JIA), encoding="utf-8")
    if yi:
        (folder / "乙局").mkdir()
        (folder / "乙局" / "2023年报.txt").write_text(named(YI, **yi_kwargs), encoding="utf-8")
    if config is not None:
        (folder / "gilint.toml").write_text(config, encoding="utf-8")
    listed = folder.parent / "agencies.csv"
    listed.write_text(LIST, encoding="utf-8")
    return listed


def audited(tmp_path: Path, folder: Path, listed: Path) -> list[tuple[object, ...]]:
    """The aggregate findings: (file, code, line, column, message) and the stored series."""
    store = AuditDB(tmp_path / "a.db")
    try:
        run_audit([str(folder)], store, PLUGINS, options=AuditOptions(jobs=1, agencies=load(listed)))
    finally:
        store.close()
    with sqlite3.connect(tmp_path / "a.db") as conn:
        return conn.execute(
            'SELECT r.display, f.code, f.line, f."column", f.message_zh, f.series FROM findings f '
            "JOIN reports r ON r.id = f.report_id WHERE f.series IS NOT NULL ORDER BY f.id"
        ).fetchall()


def series_of(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "a.db") as conn:
        return [a for (a,) in conn.execute("SELECT agency FROM series ORDER BY agency")]


KEY = AGGREGATE_KEY.format(GOVERNMENT, 2023)


def test_a_government_that_is_the_sum_of_its_departments(tmp_path: Path) -> None:
    listed = office(tmp_path / "in", named(GOVERNMENT, doubled()))
    assert audited(tmp_path, tmp_path / "in", listed) == []
    assert series_of(tmp_path) == [KEY]  # it was checked


def test_one_cell_that_differs_from_the_sum(tmp_path: Path) -> None:
    t3 = doubled()
    t3["3.7"] = [20, 2, 0, 0, 2, 0, 25]  # the departments' totals add up to 24
    text = named(GOVERNMENT, t3)
    listed = office(tmp_path / "in", text)
    line = line_of(text, "（七）总计")
    column = text.split("\n")[line - 1].index("| 25 |") + 3
    shown = str(tmp_path / "in" / "政府" / "2023年报.txt")
    assert audited(tmp_path, tmp_path / "in", listed) == [
        (shown, "GI704", line, column, "表三“（七）总计”“总计”政府为 25，所属部门、乡镇合计 24（2 份报告）", KEY)
    ]


def test_the_rule_judges_only_a_complete_group_of_its_levels() -> None:
    t3 = doubled()
    t3["4"] = [2, 2, 0, 0, 0, 0, 5]  # the departments carry forward 4 in all
    government, jia, yi = parsed(named(GOVERNMENT, t3)), parsed(named(JIA)), parsed(named(YI))
    func = PLUGINS.rule("GI704").func
    on = {"levels": ["city"]}

    def group(*parts: Member, level: str = "city", expected: tuple[str, ...] = (JIA, YI)) -> Series:
        return Series([Member(government, GOVERNMENT, "government", level), *parts], "aggregate", KEY, expected)

    both = (Member(jia, JIA, "part"), Member(yi, YI, "part"))
    found = list(func(group(*both), on))
    assert [(r is government, f.message_en) for r, f in found] == [
        (
            True,
            "table 3 4 / total: the government's report gives 5, "
            "the reports of its 2 departments and towns add up to 4",
        )
    ]
    assert list(func(group(both[0]), on)) == []  # 乙局 expected, not there
    assert list(func(group(*both, expected=(JIA,)), on)) == []  # one the list does not expect
    assert list(func(group(*both, level="county"), on)) == []  # not a level named
    assert list(func(group(*both), {"levels": []})) == []  # the default
    assert list(func(Series([government, jia, yi]), on)) == []  # one agency's years


def test_nothing_is_said_when_a_department_is_missing_or_unreadable(tmp_path: Path) -> None:
    t3 = doubled()
    t3["1"] = [20, 4, 0, 0, 2, 0, 27]  # would differ in 总计
    listed = office(tmp_path / "missing", named(GOVERNMENT, t3), yi=False)
    assert audited(tmp_path, tmp_path / "missing", listed) == []
    assert series_of(tmp_path) == []
    (tmp_path / "a.db").unlink()
    listed = office(tmp_path / "no-table", named(GOVERNMENT, t3), omit_tables=(3,))
    assert audited(tmp_path, tmp_path / "no-table", listed) == []


def test_the_aggregate_rule_is_off_by_default(tmp_path: Path) -> None:
    t3 = doubled()
    t3["1"] = [20, 4, 0, 0, 2, 0, 27]
    listed = office(tmp_path / "in", named(GOVERNMENT, t3), config=None)
    assert audited(tmp_path, tmp_path / "in", listed) == []
    assert PLUGINS.rule("GI704") is not None and PLUGINS.rule("GI704").options["levels"] == []
    # a level not named is not checked either
    (tmp_path / "a.db").unlink()
    listed = office(tmp_path / "county", named(GOVERNMENT, t3), config='[rules.GI704]\nlevels = ["county"]\n')
    assert audited(tmp_path, tmp_path / "county", listed) == []


def test_a_level_that_is_no_government_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gilint.cli import main

    (tmp_path / "gilint.toml").write_text('[rules.GI704]\nlevels = ["department"]\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text(make_report(), encoding="utf-8")
    assert main(["check", str(tmp_path / "r.txt"), "--format", "concise"]) == 2
    assert capsys.readouterr().err == (
        f"gilint: 错误: {tmp_path / 'gilint.toml'}: rules.GI704.levels = ['department']: 'department' is not a "
        "government's level (allowed: a list of county, city, province)\n"
    )
