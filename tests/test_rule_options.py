"""Rule options declared on the rule (``gilint.rule.Option``): validated when the configuration loads
(exit 2 naming the key, the value and what is allowed), used by the rule, listed by ``gilint rule``."""

from __future__ import annotations

from pathlib import Path

import pytest

from gilint.cli import main
from gilint.config import Config, ConfigError
from gilint.engine import ENGINE_RULES, Plugins, validate_config
from gilint.rule import Option, rule
from gilint.testing.reports import make_report


@pytest.mark.parametrize(
    ("option", "value", "problem"),
    [
        (Option(0.8, minimum=0.0, maximum=1.0), 1, None),  # an integer is a number
        (Option(0.8, minimum=0.0, maximum=1.0), 1.5, "must be at most 1"),
        (Option(0.8, minimum=0.0, maximum=1.0), -0.1, "must be at least 0"),
        (Option(0.8), "high", "must be a number, not str"),
        (Option(0.8), True, "must be a number, not bool"),
        (Option(3), 2.5, "must be an integer, not float"),
        (Option(False), 1, "must be true or false, not int"),
        (Option(None, pattern=r"\d{2}-\d{2}"), "3-31", r"must match \d{2}-\d{2}"),
        (Option(None, pattern=r"\d{2}-\d{2}"), "03-31", None),
        (Option("x", check=lambda v: None if v.isupper() else "must be upper case"), "ab", "must be upper case"),
    ],
)
def test_an_option_says_why_a_value_is_not_allowed(option: Option, value: object, problem: str | None) -> None:
    assert option.problem(value) == problem


def test_a_pack_rule_declares_hyphenated_options_and_its_values_are_checked(tmp_path: Path) -> None:
    @rule(
        "XT001",
        "floor",
        "tables",
        "warning",
        "下限",
        "floor",
        options={"min-count": Option(5, "最少件数 / the least count", minimum=1)},
    )
    def floor(report: object, opts: object) -> list[object]:
        """Floor."""
        return []

    plugins = Plugins(rules=[*ENGINE_RULES, floor.rule])
    assert floor.rule.options == {"min-count": 5}
    path = tmp_path / "gilint.toml"
    assert validate_config(Config(root=tmp_path, path=path, rules={"XT001": {"min-count": 9}}), plugins) == []
    with pytest.raises(ConfigError) as err:
        validate_config(Config(root=tmp_path, path=path, rules={"XT001": {"min-count": 0}}), plugins)
    assert str(err.value) == f"{path}: rules.XT001.min-count = 0: must be at least 1 (allowed: an integer at least 1)"


@pytest.fixture
def late(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A department's 2023 report signed on 2024-03-05 (GI204 with the 31 January deadline)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(make_report(signature="青禾县自然资源局\n2024年3月5日"), encoding="utf-8")
    return tmp_path


def codes(out: str) -> list[str]:
    return [line.split(": ")[1].split()[0] for line in out.splitlines() if ": GI" in line]


@pytest.mark.parametrize(
    ("value", "shown", "problem"),
    [
        ('"13-45"', "'13-45'", "13-45 is no date (month 01-12, then a day of that month)"),
        ('"02-29"', "'02-29'", "02-29 is no date (month 01-12, then a day of that month)"),
        ('"3-31"', "'3-31'", r"must match \d{2}-\d{2}"),
        ("331", "331", "must be a string, not int"),
    ],
)
def test_a_bad_deadline_is_a_configuration_error_not_a_crash(
    late: Path, capsys: pytest.CaptureFixture[str], value: str, shown: str, problem: str
) -> None:
    (late / "gilint.toml").write_text(f"[rules.GI204]\ndeadline = {value}\n", encoding="utf-8")
    code = main(["check", "r.txt", "--format", "concise"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == (
        f"gilint: 错误: {late / 'gilint.toml'}: rules.GI204.deadline = {shown}: {problem} "
        '(allowed: "MM-DD", a date such as "01-31" or "03-31")\n'
    )


def test_a_valid_deadline_is_used(late: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "r.txt", "--format", "concise", "--select", "GI204"]) == 1
    assert codes(capsys.readouterr().out) == ["GI204"]
    (late / "gilint.toml").write_text('[rules.GI204]\ndeadline = "03-31"\n', encoding="utf-8")
    assert main(["check", "r.txt", "--format", "concise", "--select", "GI204"]) == 0
    assert codes(capsys.readouterr().out) == []


def test_gilint_rule_lists_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "GI703", "--lang", "en"]) == 0
    assert capsys.readouterr().out.endswith(
        "\nOptions\n  threshold = 0.8  [a number from 0 to 1]  the similarity at which to warn\n"
    )
    assert main(["rule", "GI204"]) == 0
    assert capsys.readouterr().out.endswith(
        '\n选项\n  deadline = （不设）  ["MM-DD", a date such as "01-31" or "03-31"]  '
        "法定期限“月-日”，不设则按机关名称判断\n"
    )


def test_every_built_in_option_is_declared_with_what_it_does() -> None:
    from gilint.engine import load_plugins

    specs = {(r.code, key): spec for r in load_plugins().rules for key, spec in r.specs.items()}
    assert set(specs) >= {("GI204", "deadline"), ("GI703", "threshold"), ("GI024", "min-confidence")}
    assert all(" / " in spec.doc for (code, _), spec in specs.items() if code.startswith("GI"))
