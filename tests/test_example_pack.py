"""The example provincial pack (examples/gilint-fujian, walked through in docs/writing-rules.md): it
installs, is listed, runs, is configured (a bad option value rejected when the configuration loads), is
documented by ``gilint rule``, and its case file passes through ``gilint.testing``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gilint.engine import load_plugins
from gilint.testing import Case, CaseError, load_cases, run_case
from gilint.testing.reports import make_report
from tests.packkit import gilint, install

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "examples" / "gilint-fujian"
CASES = load_cases(PACK / "cases" / "FJ001.toml")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the example pack was pip-installed into (from a copy: the tree stays clean)."""
    return install(PACK, tmp_path_factory.mktemp("fujian"))


@pytest.fixture
def installed(site: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.syspath_prepend(str(site))
    yield site
    sys.modules.pop("gilint_fujian", None)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_case_file_passes_through_the_kit(installed: Path, case: Case) -> None:
    assert run_case(case, load_plugins()) == case.expect


def test_the_pack_is_found_listed_documented_and_run(site: Path, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(make_report(), encoding="utf-8")
    out = gilint(site, "check", "--format", "concise", "--select", "FJ", "r.txt", cwd=tmp_path)
    assert (out.returncode, out.stdout.splitlines()[0]) == (
        0,
        "r.txt:2:1: FJ001 [wording] 警告: 报告未引用《福建省政府信息公开办法》",
    )
    assert any(
        line.startswith("FJ001  wording") and "fujian" in line
        for line in gilint(site, "rules", cwd=tmp_path).stdout.splitlines()
    )
    doc = gilint(site, "rule", "FJ001", cwd=tmp_path).stdout
    assert doc.startswith("FJ001 provincial-measure-cited: 未引用本省政府信息公开办法 [wording, 警告]\n\n检查什么")
    assert doc.endswith(
        "\n适用于\n  年度报告（文件已读出，且有报告标题、格式的章节或表格）\n"
        '\n选项\n  measure = "福建省政府信息公开办法"  [a string]  应引用的本省规定的标题（不带书名号）\n'
    )


def test_a_bad_option_value_is_rejected_when_the_configuration_loads(site: Path, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(make_report(), encoding="utf-8")
    (tmp_path / "gilint.toml").write_text('[rules.FJ001]\nmeasure = "《福建省政府信息公开办法》"\n', encoding="utf-8")
    out = gilint(site, "check", "r.txt", cwd=tmp_path)
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == (
        f"gilint: 错误: {tmp_path / 'gilint.toml'}: rules.FJ001.measure = "
        "'《福建省政府信息公开办法》': give the title without 《》 (allowed: a string)\n"
    )
    other = "江苏省政府信息公开申请办理答复规范"
    (tmp_path / "gilint.toml").write_text(f'[rules.FJ001]\nmeasure = "{other}"\n', encoding="utf-8")
    out = gilint(site, "check", "--format", "concise", "--select", "FJ", "r.txt", cwd=tmp_path)
    assert out.stdout.splitlines()[0] == f"r.txt:2:1: FJ001 [wording] 警告: 报告未引用《{other}》"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rule = 1\n", 'needs rule = "CODE" and at least one [[cases]]'),
        (
            'rule = "X"\n[[cases]]\nsnippet = "a"\nwhere = "middle"\n',
            "needs text, or snippet and where (one of title, preamble, body, heading5, signature)",
        ),
        ('rule = "X"\n[[cases]]\ntext = "a"\nexpected = []\n', "unknown key 'expected'"),
        ('rule = "X"\n[[cases]]\ntext = "a"\nexpect = [["X", 1]]\n', "expect is a list of [code, line, column]"),
        ('rule = "X"\n[[cases]\n', "not TOML"),
    ],
)
def test_a_case_file_that_does_not_say_what_a_case_is(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "X.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError) as err:
        load_cases(path)
    assert str(err.value).startswith(f"{path}") and message in str(err.value)


def test_the_built_in_pack_uses_the_kit_too() -> None:
    """The built-in pack's case files are read by the same kit (tests/test_rule_cases.py runs them all)."""
    files = sorted((ROOT / "tests" / "cases").glob("*.toml"))
    assert len(files) > 50
    for case in load_cases(ROOT / "tests" / "cases" / "GI204.toml"):
        assert run_case(case) == case.expect, case.name
