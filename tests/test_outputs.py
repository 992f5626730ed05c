"""Outputs: junit with a short excerpt, SARIF rule help and helpUri, the damage tag once, a cascade
reported once with its count."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from gilint.cli import main
from gilint.model import Diagnostic, Span, Where
from gilint.reporters import RenderContext, headline
from gilint.reporters.full import render as full
from gilint.testing.reports import make_report

LONG = "正文" * 2000  # a scraped report on one line of 4,000 characters


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_junit_failures_carry_a_short_excerpt_not_the_source_line() -> None:
    from gilint.reporters.junit import render

    d = Diagnostic(
        "GI401",
        "narrative",
        "error",
        "r.txt",
        Span(1, 3000, 1, 3003),
        "正文与表格不符",
        "differs",
        excerpt=LONG,
        where=Where(section=3, paragraph=1, text="共收到申请15件"),
    )
    [failure] = ET.fromstring(render([d], RenderContext(files=["r.txt"]))).iter("failure")
    assert failure.text is not None and LONG[:200] not in failure.text
    assert failure.text.splitlines() == [headline(d, "zh"), "第三部分 第1段", "共收到申请15件"]


def test_junit_of_a_long_line_report_stays_small(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    one_line = make_report(t3={"3.1": [5, 0, 0, 0, 0, 0, 9]}).replace("申请13件", "申请15件")
    (tmp_path / "r.txt").write_text(one_line.replace("\n", " ") + "\n", encoding="utf-8")  # a scraper's one line
    code, out = run(capsys, "check", "r.txt", "--format", "junit")
    failures = list(ET.fromstring(out).iter("failure"))
    assert code == 1 and failures
    assert all(len(f.text or "") < 800 for f in failures)  # headline, place, hint and 120 characters at most
    assert len(out.encode()) < len(one_line.encode()) * 2


def test_sarif_rules_carry_their_doc_and_help_uri_when_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from gilint.engine import load_plugins

    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(make_report(), encoding="utf-8")
    doc = load_plugins().rule("GI310").doc  # type: ignore[union-attr]
    rules = json.loads(run(capsys, "check", "r.txt", "--format", "sarif")[1])["runs"][0]["tool"]["driver"]["rules"]
    [gi310] = [r for r in rules if r["id"] == "GI310"]
    assert gi310["help"] == {"text": doc} and "helpUri" not in gi310
    out = run(capsys, "check", "r.txt", "--format", "sarif", "--help-uri", "https://example.org/rules/{code}.html")[1]
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"]: r["helpUri"] for r in rules}["GI310"] == "https://example.org/rules/GI310.html"


def test_the_damage_tag_is_printed_once() -> None:
    said = Diagnostic(
        "GI309",
        "tables",
        "info",
        "r.txt",
        Span(1, 1),
        "表二有 1 行数值连在一起（转换损坏），已拆分",
        "table 2: 1 row run together (converter damage)",
        damage=True,
    )
    unsaid = Diagnostic("GI308", "tables", "warning", "r.txt", Span(2, 1), "数值连在一起", "run together", damage=True)
    assert headline(said, "zh").endswith("已拆分") and headline(said, "en").endswith("(converter damage)")
    assert headline(said, "en").count("damage") == 1
    assert headline(unsaid, "zh").endswith("数值连在一起 (转换损坏)")
    text = full([said, unsaid], RenderContext())
    assert text.count("转换损坏") == 2  # once in each


def test_a_numbering_cascade_is_one_finding_with_its_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    from gilint.formats import SECTION_TITLES

    shifted = {n: f"{'一二三四五'[n - 2]}、{SECTION_TITLES[n]}" for n in range(2, 7)}  # each one number short
    (tmp_path / "r.txt").write_text(make_report(headings={1: "总体情况", **shifted}), encoding="utf-8")
    code, out = run(capsys, "check", "r.txt", "--format", "json", "--select", "GI103")
    [d] = json.loads(out)
    assert (code, d["code"], d["count"], len(d["related"])) == (1, "GI103", 5, 4)
    assert d["message"].startswith("“一、主动公开政府信息情况”编号为“一”，按内容应为第二部分")
    assert [r["label"].split("”")[0] for r in d["related"]] == [f"“{shifted[n]}" for n in range(3, 7)]
    concise = run(capsys, "check", "r.txt", "--format", "concise", "--select", "GI103")[1]
    assert concise.splitlines()[0].endswith("按内容应为第二部分（同一原因共 5 处）")
    assert concise.splitlines()[1] == "共 1 个错误"


def test_an_arabic_numeral_stays_its_own_finding_with_its_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(
        make_report(headings={1: "1、总体情况", 5: "5、存在的主要问题及改进情况"}), encoding="utf-8"
    )
    found = json.loads(run(capsys, "check", "r.txt", "--format", "json", "--select", "GI103")[1])
    assert [(d["line"], d["count"], d["fix"]["applicability"]) for d in found] == [
        (found[0]["line"], 1, "safe"),
        (found[1]["line"], 1, "safe"),
    ]


def test_github_names_the_place_as_a_reader_does() -> None:
    from gilint.reporters.github import annotation

    pdf = Diagnostic(
        "GI313",
        "tables",
        "error",
        "r.pdf",
        Span(9, page=4, logical="第4页 表格4 行4 列5"),
        "总计不符",
        "total differs",
        where=Where(page=4, table=4, row="review", col="total", row_label="行政复议", col_label="总计"),
    )
    assert annotation(pdf, "zh") == (
        "::error file=r.pdf,title=GI313 [tables]::第4页 表四 “行政复议”行 “总计”列: 总计不符"
    )
    text = Diagnostic(
        "GI401",
        "narrative",
        "error",
        "r.txt",
        Span(21, 10),
        "正文为 15",
        "says 15",
        where=Where(section=3, paragraph=2),
    )
    assert annotation(text, "en") == (
        "::error file=r.txt,line=21,col=10,title=GI401 [narrative]::says 15 (section 3, paragraph 2)"
    )
