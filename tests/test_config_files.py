"""Configuration: where it is found, what each key does, and a clear error for anything unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

from gilint.config import Config, ConfigError, Overrides, Resolver, find_config, load_config
from gilint.engine import ENGINE_RULES, Plugins, validate_config
from gilint.rule import rule

FULL = """
select = ["GI1", "GI3"]
extend-select = ["GI6"]
ignore = ["GI306"]
per-file-ignores = { "legacy/*.html" = ["GI302"], "draft.txt" = ["GI1"] }
exclude = ["old/*"]
format-version = 2021
severity = { GI6 = "error", GI604 = "info" }

[rules.GI204]
deadline = "03-31"
"""


def test_gilint_toml_keys_at_the_top_level(tmp_path: Path) -> None:
    (tmp_path / "gilint.toml").write_text(FULL)
    config = load_config(tmp_path / "gilint.toml")
    assert config == Config(
        root=tmp_path,
        path=tmp_path / "gilint.toml",
        select=("GI1", "GI3"),
        extend_select=("GI6",),
        ignore=("GI306",),
        per_file_ignores={"legacy/*.html": ("GI302",), "draft.txt": ("GI1",)},
        exclude=("old/*",),
        format_version=2021,
        severity={"GI6": "error", "GI604": "info"},
        rules={"GI204": {"deadline": "03-31"}},
    )


def test_pyproject_under_tool_gilint(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.gilint]\nignore = ['gi6']\n[tool.gilint.rules.GI204]\ndeadline = '01-31'\n"
    )
    config = load_config(tmp_path / "pyproject.toml")
    assert (config.ignore, config.rules) == (("GI6",), {"GI204": {"deadline": "01-31"}})


def test_a_config_file_of_another_name_is_read_at_its_top_level_or_under_tool_gilint(tmp_path: Path) -> None:
    """``--config office.toml`` holds the keys at its top level as gilint.toml does, or under [tool.gilint]
    as a pyproject.toml does; neither is silently left unread."""
    top = tmp_path / "office.toml"
    top.write_text("ignore = ['GI6']\n[rules.GI204]\ndeadline = '03-31'\n")
    assert (load_config(top).ignore, load_config(top).rules) == (("GI6",), {"GI204": {"deadline": "03-31"}})
    tool = tmp_path / "shared.toml"
    tool.write_text("[tool.other]\nx = 1\n[tool.gilint.rules.GI204]\ndeadline = '01-31'\n")
    assert load_config(tool).rules == {"GI204": {"deadline": "01-31"}}
    stray = tmp_path / "stray.toml"
    stray.write_text("[tool.other]\nx = 1\n")
    with pytest.raises(ConfigError, match="unknown key 'tool'"):
        load_config(stray)
    (tmp_path / "gilint.toml").write_text("[tool.gilint]\nignore = ['GI6']\n")
    with pytest.raises(ConfigError, match="unknown key 'tool'"):  # gilint.toml is always its top level
        load_config(tmp_path / "gilint.toml")


def test_the_nearest_config_wins_and_gilint_toml_before_pyproject(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (tmp_path / "gilint.toml").write_text("")
    (tmp_path / "a" / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no [tool.gilint]: skipped
    assert find_config(deep) == tmp_path / "gilint.toml"
    (tmp_path / "a" / "b" / "pyproject.toml").write_text("[tool.gilint]\n")
    assert find_config(deep) == tmp_path / "a" / "b" / "pyproject.toml"
    (tmp_path / "a" / "b" / "gilint.toml").write_text("")
    assert find_config(deep) == tmp_path / "a" / "b" / "gilint.toml"


def test_resolver_applies_command_line_overrides(tmp_path: Path) -> None:
    (tmp_path / "gilint.toml").write_text('select = ["GI1"]\nignore = ["GI101"]\n')
    (tmp_path / "r.txt").write_text("x")
    config = Resolver(Overrides(extend_select=("GI3",), ignore=("GI302",))).for_path(tmp_path / "r.txt")
    assert (config.select, config.extend_select, config.ignore) == (("GI1",), ("GI3",), ("GI101", "GI302"))
    config = Resolver(Overrides(select=("GI6",))).for_path(tmp_path / "r.txt")
    assert (config.select, config.ignore) == (("GI6",), ())  # --select replaces select and ignore
    config = Resolver(Overrides(extend_select=("GI101",))).for_path(tmp_path / "r.txt")
    assert (config.extend_select, config.ignore) == (("GI101",), ())
    other = tmp_path / "other.toml"
    other.write_text("[tool.gilint]\nignore = ['GI2']\n")
    assert Resolver(Overrides(config=other)).for_path(tmp_path / "r.txt").ignore == ("GI2",)


def test_without_config_every_rule_is_selected(tmp_path: Path) -> None:
    config = Config(root=tmp_path)
    assert all(config.enabled(code) for code in ("GI101", "XT001", "GI902"))


def test_per_file_ignores_globs_relative_to_the_config_folder(tmp_path: Path) -> None:
    config = Config(root=tmp_path, per_file_ignores={"legacy/*.html": ("GI302",), "draft.txt": ("GI1",)})
    assert not config.enabled("GI302", str(tmp_path / "legacy" / "2019.html"))
    assert not config.enabled("GI302", str(tmp_path / "legacy" / "sub" / "2019.html"))  # * crosses folders
    assert config.enabled("GI302", str(tmp_path / "2019.html"))
    assert not config.enabled("GI105", str(tmp_path / "x" / "draft.txt"))  # a bare name matches anywhere
    assert config.enabled("GI301", str(tmp_path / "x" / "draft.txt"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("selct = ['GI1']", "unknown key 'selct' (did you mean 'select'?)"),
        (
            "colour = true",
            "unknown key 'colour'; known keys: select, extend-select, ignore, per-file-ignores, "
            "exclude, format-version, severity, rules",
        ),
        ("select = 'GI1'", "select must be a list of strings, not 'GI1'"),
        ("ignore = ['G 1']", 'ignore: \'G 1\' is not a rule code or prefix (e.g. "GI301", "GI3", "ALL")'),
        ("format-version = 2020", "format-version must be 2019 or 2021, not 2020"),
        ("severity = { GI3 = 'fatal' }", "severity.GI3 must be one of error, warning, info, not 'fatal'"),
        ("per-file-ignores = ['x']", "per-file-ignores must be a table, not ['x']"),
        ("[rules]\nGI204 = 3", "rules.GI204 must be a table, not 3"),
        ("select = [", "not valid TOML"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "gilint.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(err.value).startswith(f"{path}: ")
    assert message in str(err.value)


def test_an_option_the_rule_does_not_have_is_an_error(tmp_path: Path) -> None:
    @rule("XT204", "late", "period", "error", "迟", "late", deadline=None)
    def late(report: object, opts: object) -> list[object]:
        """Late."""
        return []

    plugins = Plugins(rules=[*ENGINE_RULES, late.rule])
    path = tmp_path / "gilint.toml"
    ok = Config(root=tmp_path, path=path, rules={"XT204": {"deadline": "03-31"}}, format_version=2021)
    assert validate_config(ok, plugins) == []
    with pytest.raises(ConfigError, match=r"rules.XT204: unknown option 'dedline' \(options of XT204: deadline\)"):
        validate_config(Config(root=tmp_path, path=path, rules={"XT204": {"dedline": "03-31"}}), plugins)
