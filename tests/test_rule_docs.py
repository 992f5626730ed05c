"""Every rule's documentation — the engine's codes, the built-in pack's and any pack's installed in the test
environment (each rule ``load_plugins`` finds), and the example pack's once installed — has the four sections
``gilint rule CODE`` prints, in order and each with text, and its "为什么 / Why" cites where the requirement
comes from: an article of the Regulation (条例第N条), the format (国办公开办函〔2021〕30号 or 〔2019〕60号), or
another official document named by its number or its title (国办函〔2020〕109号, GB/T 9704—2012,
《福建省政府信息公开办法》).

Rules of the category ``input`` say what gilint could not read, not what a report must do, so no document
is their source: they need the four sections only."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gilint.engine import load_plugins
from gilint.rule import Rule, rule
from tests.packkit import install

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("检查什么 / What it checks", "为什么 / Why", "错误示例 / Bad", "正确示例 / Good")
_NUMERAL = "[一二三四五六七八九十百]+"
CITATIONS = (
    re.compile(rf"条例》?第{_NUMERAL}条"),  # the Regulation with its article
    re.compile(r"国办公开办函〔20(?:19|21)〕\d+号"),  # the 2019 or the 2021 format
    re.compile(r"[国省市县区]?\w{0,6}[办函发令]〔\d{4}〕\d+号|GB/T\d+"),  # another document by its number
    re.compile(r"《(?![^》]*政府信息公开条例》)[^》]{4,}(?:办法|规定|格式|通知|意见|用法)》"),  # ... or its title
)


def sections(doc: str) -> dict[str, str]:
    """The text under each of ``SECTIONS`` in ``doc`` (a heading is a line of its own), in their order."""
    lines = doc.split("\n")
    at = [lines.index(s) if s in lines else -1 for s in SECTIONS]
    if -1 in at or at != sorted(at):
        return {}
    ends = [*at[1:], len(lines)]
    return {s: "\n".join(lines[a + 1 : e]).strip() for s, a, e in zip(SECTIONS, at, ends, strict=True)}


def problems(r: Rule) -> list[str]:
    """What is wrong with ``r``'s documentation (nothing when it is complete)."""
    found = sections(r.doc)
    if not found:
        return [f"needs the sections {' / '.join(SECTIONS)} in this order, each heading a line of its own"]
    out = [f"{s!r} is empty" for s, text in found.items() if not text]
    why = re.sub(r"\s+", "", found["为什么 / Why"])
    if r.category != "input" and why and not any(c.search(why) for c in CITATIONS):
        out.append("'为什么 / Why' cites no source (条例第N条, 国办公开办函〔2021〕30号, or a named official document)")
    return out


PLUGINS = load_plugins()


@pytest.mark.parametrize("r", PLUGINS.rules, ids=[r.code for r in PLUGINS.rules])
def test_every_loaded_rule_is_documented_and_cites_a_source(r: Rule) -> None:
    assert problems(r) == [], f"{r.code} ({PLUGINS.packs.get(r.code)}): {problems(r)}"


@pytest.fixture
def fujian(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.syspath_prepend(str(install(ROOT / "examples" / "gilint-fujian", tmp_path_factory.mktemp("fj"))))
    yield
    sys.modules.pop("gilint_fujian", None)


def test_a_pack_installed_beside_gilint_is_held_to_the_same(fujian: None) -> None:
    plugins = load_plugins()
    packed = [r for r in plugins.rules if plugins.packs[r.code] not in ("engine", "builtin")]
    assert [(r.code, plugins.packs[r.code]) for r in packed] == [("FJ001", "fujian")]
    assert {r.code: problems(r) for r in packed} == {"FJ001": []}


def _doc(text: str) -> Rule:
    def func(report, options):  # type: ignore[no-untyped-def]
        return ()

    func.__doc__ = text
    return rule("XX001", "x", "wording", "warning", "x", "x")(func).rule  # type: ignore[no-any-return]


GOOD = "检查什么 / What it checks\n甲。\n\n为什么 / Why\n{why}\n\n错误示例 / Bad\n乙。\n\n正确示例 / Good\n丙。\n"


@pytest.mark.parametrize(
    "why",
    [
        "年报向社会公布（条例第四十九条）。",
        "《中华人民共和国政府信息公开条例》第五十条规定年报的内容。",
        "格式（国办公开办函〔2021〕30号附件）规定了每一格。",
        "依据国办函〔2020〕109号收取。",
        "GB/T 9704—2012 7.2.4 规定发文字号。",
        "省内各机关依《福建省政府信息公开办法》报告。",
    ],
)
def test_a_why_that_cites_a_source(why: str) -> None:
    assert problems(_doc(GOOD.format(why=why))) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (GOOD.format(why="读者需要知道。"), "'为什么 / Why' cites no source"),
        (GOOD.format(why="依据《政府信息公开条例》编制。"), "'为什么 / Why' cites no source"),  # no article
        (GOOD.format(why="评估中常被指出（spec §5.3）。"), "'为什么 / Why' cites no source"),
        (GOOD.replace("错误示例 / Bad\n乙。", "乙。").format(why="条例第五十条。"), "needs the sections"),
        (GOOD.replace("丙。", "").format(why="条例第五十条。"), "'正确示例 / Good' is empty"),
        (
            "为什么 / Why\n条例第五十条。\n检查什么 / What it checks\n甲。\n错误示例 / Bad\n乙\n正确示例 / Good\n丙",
            "in this order",
        ),
    ],
)
def test_a_documentation_that_is_refused(text: str, problem: str) -> None:
    found = problems(_doc(text))
    assert len(found) == 1 and problem in found[0], found
