"""Rule packs through the real entry-point path: tests/plugin_pack is pip-installed (into a temporary
folder put on the path, so the environment is left as it was) and its rule, output format and reader
are used; its two broken packs are reported and the run goes on."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from gilint.engine import PluginError, load_plugins
from gilint.hookspecs import hookimpl
from gilint.rule import rule
from tests.packkit import gilint, install

ROOT = Path(__file__).resolve().parents[1]
REPORT = "某县某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度共收到申请待补充件。\n"
BROKEN = [
    PluginError("testpack_broken", "cannot load 'gilint_testpack_broken': ImportError: this pack is broken on purpose"),
    PluginError("testpack_raises", "gilint_rules() raised RuntimeError: the rules hook fails on purpose"),
]


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder tests/plugin_pack was installed into (a copy is built, so the tree stays clean)."""
    return install(ROOT / "tests" / "plugin_pack", tmp_path_factory.mktemp("pack"))


@pytest.fixture
def installed(pack: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.syspath_prepend(str(pack))
    yield pack
    for name in ("gilint_testpack", "gilint_testpack_broken", "gilint_testpack_raises"):
        sys.modules.pop(name, None)


def test_the_installed_pack_is_found_through_its_entry_points(installed: Path) -> None:
    plugins = load_plugins(builtin_formats=["full"])
    assert plugins.packs["XT001"] == plugins.packs["XT002"] == "testpack"
    assert plugins.errors == BROKEN
    assert sorted(plugins.reporters) == ["count"] and sorted(plugins.readers) == [".rpt"]
    assert plugins.packs["GI101"] == "builtin"  # the built-in pack comes through the same group


def test_the_pack_rule_runs_and_is_listed_and_documented(pack: Path, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    out = gilint(pack, "check", "--format", "json", "--select", "XT", str(tmp_path / "r.txt"))
    assert out.returncode == 0, out.stderr  # a warning does not fail the run
    assert [(d["code"], d["line"], d["column"], d["end_column"], d["message"]) for d in json.loads(out.stdout)] == [
        ("XT001", 3, 9, 11, "留有占位符“待补充”")
    ]
    assert out.stderr.splitlines() == [
        "gilint: 警告: 规则包 “testpack_broken” 未能加载：cannot load 'gilint_testpack_broken': ImportError: "
        "this pack is broken on purpose",
        "gilint: 警告: 规则包 “testpack_raises” 未能加载：gilint_rules() raised RuntimeError: "
        "the rules hook fails on purpose",
    ]
    listing = gilint(pack, "rules").stdout.splitlines()
    assert "XT001  wording    警告  testpack  " + " " * 12 + "正文留有“待补充”占位符" in listing
    assert listing[-3:] == [
        "加载失败的规则包：",
        "  testpack_broken: cannot load 'gilint_testpack_broken': ImportError: this pack is broken on purpose",
        "  testpack_raises: gilint_rules() raised RuntimeError: the rules hook fails on purpose",
    ]
    doc = gilint(pack, "rule", "xt001").stdout.split("\n\n", 1)
    assert doc[0] == "XT001 placeholder-left: 正文留有“待补充”占位符 [wording, 警告]"
    assert doc[1].startswith("检查什么 / What it checks\n正文中是否留有占位符")


def test_pack_options_come_from_the_config(pack: Path, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT.replace("待补充", "TBD"), encoding="utf-8")
    (tmp_path / "gilint.toml").write_text('select = ["XT001"]\n[rules.XT001]\nmarker = "TBD"\n')
    out = gilint(pack, "check", "--format", "concise", "r.txt", cwd=tmp_path)
    assert out.stdout == "r.txt:3:9: XT001 [wording] 警告: 留有占位符“TBD”\n共 1 个警告\n"


def test_a_pack_rule_that_raises_gives_gi900(pack: Path, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT + "触发异常\n", encoding="utf-8")
    out = gilint(pack, "check", "--format", "json", "--select", "XT", str(tmp_path / "r.txt"))
    assert out.returncode == 1
    assert [(d["code"], d["severity"], d["message"]) for d in json.loads(out.stdout)] == [
        (
            "GI900",
            "error",
            "规则 XT002（crashes）运行出错：ZeroDivisionError: raised on purpose；该规则对此文件的结果未计入",
        ),
        ("XT001", "warning", "留有占位符“待补充”"),
    ]


def test_pack_reader_and_output_format(pack: Path, tmp_path: Path) -> None:
    (tmp_path / "a.rpt").write_text(REPORT, encoding="utf-8")  # only the pack reads .rpt, in folders too
    (tmp_path / "b.txt").write_text(REPORT, encoding="utf-8")
    out = gilint(pack, "check", "--format", "count", "--select", "XT", str(tmp_path))
    assert (out.returncode, out.stdout) == (0, "2 diagnostics in 2 files\n")


def fake_pack(monkeypatch: pytest.MonkeyPatch, name: str, module: types.ModuleType) -> EntryPoint:
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return EntryPoint(name, module.__name__, "gilint.rules")


def test_bad_pack_results_are_reported_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    @rule("GI101", "dup", "sections", "error", "重复", "duplicate")
    def dup(report: object, opts: object) -> list[object]:
        """Duplicate."""
        return []

    @rule("GI950", "engine", "input", "error", "保留", "reserved")
    def reserved(report: object, opts: object) -> list[object]:
        """Reserved."""
        return []

    @rule("XY001", "fine", "input", "info", "好", "fine")
    def fine(report: object, opts: object) -> list[object]:
        """Fine."""
        return []

    bad = types.ModuleType("gilint_test_bad")
    bad.gilint_rules = hookimpl(lambda: [dup.rule, reserved.rule, "GI999", fine.rule])  # type: ignore[attr-defined]
    bad.gilint_reporters = hookimpl(lambda: {"json": print})  # type: ignore[attr-defined]
    bad.gilint_readers = hookimpl(lambda: ["not", "a", "dict"])  # type: ignore[attr-defined]
    import importlib.metadata

    builtin = [ep for ep in importlib.metadata.entry_points(group="gilint.rules") if ep.name == "builtin"]
    eps = [*builtin, fake_pack(monkeypatch, "bad", bad)]
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: eps)
    monkeypatch.setenv("GILINT_CACHE_DIR", "")  # no cache: the entry points are read, as patched here
    plugins = load_plugins(builtin_formats=["json"])
    assert plugins.errors == [
        PluginError("bad", "rule code GI101 is already defined by pack 'builtin'"),
        PluginError("bad", "rule code GI950 is reserved for the engine (GI900–GI999)"),
        PluginError("bad", "gilint_rules() returned 'GI999', not a gilint.rule.Rule"),
        PluginError("bad", "gilint_reporters(): 'json' is already taken"),
        PluginError("bad", "gilint_readers() must return a dict of name -> callable"),
    ]
    assert plugins.packs["XY001"] == "bad" and plugins.rule("GI101").name != "dup"  # type: ignore[union-attr]
