"""`gilint check`, `rules`, `rule`, `dump` through the command line: output and exit status."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from gilint.cli import main
from gilint.testing.reports import make_report

ROOT = Path(__file__).resolve().parents[1]
WRONG = ("共收到政府信息公开申请13件", "共收到政府信息公开申请15件")  # the prose contradicts table 3: GI401


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path (the cwd) with clean.txt and bad.txt (one GI401 on line 21)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.txt").write_text(make_report(), encoding="utf-8")
    (tmp_path / "bad.txt").write_text(make_report().replace(*WRONG), encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_status_0_clean_1_errors(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "clean.txt") == (0, "未发现问题\n", "")
    code, out, err = run(capsys, "check", "bad.txt", "clean.txt", "--format", "concise")
    assert (code, err) == (1, "")
    assert [line.split(" [")[0] for line in out.splitlines()] == ["bad.txt:21:10: GI401", "共 1 个错误"]


def test_warnings_fail_only_with_strict_and_exit_zero_never_fails(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (reports / "gilint.toml").write_text('severity = { GI401 = "warning" }\n')
    assert run(capsys, "check", "bad.txt", "--format", "concise")[0] == 0
    assert run(capsys, "check", "bad.txt", "--format", "concise", "--strict")[0] == 1
    (reports / "gilint.toml").unlink()
    assert run(capsys, "check", "bad.txt", "--format", "concise", "--exit-zero")[0] == 0


def test_select_and_ignore_on_the_command_line(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "bad.txt", "--ignore", "GI4")[0] == 0
    assert run(capsys, "check", "bad.txt", "--select", "GI1,GI3")[0] == 0
    assert run(capsys, "check", "bad.txt", "--select", "GI1", "--extend-select", "GI401")[0] == 1
    (reports / "gilint.toml").write_text('ignore = ["GI401"]\n')
    assert run(capsys, "check", "bad.txt")[0] == 0
    assert run(capsys, "check", "bad.txt", "--select", "GI4")[0] == 1  # the command line wins
    assert run(capsys, "check", "bad.txt", "--extend-select", "GI401")[0] == 1
    assert run(capsys, "check", "bad.txt", "--extend-select", "GI4")[0] == 0  # the more specific ignore wins


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--select", "G 1", "x.txt"],
        ["check", "--format", "xml"],
        ["check", "missing.txt"],
        ["check", "--lang", "fr"],
        ["frobnicate"],
        ["rule", "GI999"],
    ],
)
def test_usage_errors_exit_2(reports: Path, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        sys.exit(main(argv))
    assert exit_.value.code == 2


def test_usage_error_messages(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "--format", "xml") == (
        2,
        "",
        "gilint: 错误: 未知的输出格式 “xml”（可用：full, concise, json, sarif, github, junit, html）\n",
    )
    assert run(capsys, "check", "missing.txt", "--lang", "en") == (
        2,
        "",
        "gilint: error: no such file or folder: missing.txt\n",
    )


def test_unknown_config_key_exits_2_with_a_clear_message(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (reports / "pyproject.toml").write_text("[tool.gilint]\nignores = ['GI4']\n")
    assert run(capsys, "check", "clean.txt") == (
        2,
        "",
        f"gilint: 错误: {reports / 'pyproject.toml'}: unknown key 'ignores' (did you mean 'ignore'?)\n",
    )
    (reports / "pyproject.toml").write_text("[tool.gilint.rules.GI204]\ndeadlin = '03-31'\n")
    code, out, err = run(capsys, "check", "clean.txt")
    assert (code, out) == (2, "")
    assert err.startswith(f"gilint: 错误: {reports / 'pyproject.toml'}: rules.GI204: unknown option 'deadlin'")


def test_a_configured_code_that_matches_no_rule_is_a_usage_error(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (reports / "gilint.toml").write_text('ignore = ["GI4", "ZZ1"]\n')
    assert run(capsys, "check", "bad.txt") == (
        2,
        "",
        f"gilint: 错误: {reports / 'gilint.toml'}: ignore：“ZZ1”不是任何规则的代码或前缀\n",
    )


def test_json_output_is_the_only_thing_on_stdout(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--format", "json", "bad.txt", "clean.txt")
    [d] = json.loads(out)
    assert (code, err, d["path"], d["code"], d["category"], d["severity"], d["line"], d["column"]) == (
        1,
        "",
        "bad.txt",
        "GI401",
        "narrative",
        "error",
        21,
        10,
    )
    assert d["excerpt"] == "2023年，我局共收到政府信息公开申请15件，上年结转1件。"


def test_folders_are_walked(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--format", "junit", ".")
    assert code == 1
    assert out.count("<testsuite ") == 2 and 'name="./bad.txt"' in out and 'name="./clean.txt"' in out


def test_the_default_view_puts_the_caret_under_the_chinese_text(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", "bad.txt")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("bad.txt:21:10: GI401 [narrative] 错误: 正文为 15")
    assert lines[1:4] == [
        "   |",
        "21 | 2023年，我局共收到政府信息公开申请15件，上年结转1件。",
        # "2023年，我局共" is 4 + 2 + 2 + 6 = 14 cells; "收到政府信息公开申请15件" 24 cells
        "   | " + " " * 14 + "^" * 24,
    ]
    assert lines[-1] == "共 1 个错误"


def test_rules_lists_every_rule_and_rule_prints_its_doc(capsys: pytest.CaptureFixture[str]) -> None:
    from gilint.engine import load_plugins

    code, out, _ = run(capsys, "rules")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["代码", "类别", "级别", "规则包", "修复", "说明"]
    assert "GI902  input      警告  engine   " + " " * 12 + "抑制注释没有起作用" in lines  # no fix: a blank column
    assert "GI605  wording    警告  builtin  安全修复    字词重复" in lines
    assert "GI606  wording    警告  builtin  不安全修复  序号不连续或重复" in lines
    assert len(lines) == 1 + len(load_plugins().rules)
    english = run(capsys, "rules", "--lang", "en")[1].splitlines()
    assert "GI902  input      warning   engine   " + " " * 12 + "a suppression comment suppresses nothing" in english
    assert "GI605  wording    warning   builtin  safe fix    a word is written twice" in english
    rule = load_plugins().rule("GI101")
    assert rule is not None
    assert run(capsys, "rule", "gi101") == (
        0,
        f"GI101 section-missing: {rule.summary_zh} [sections, 错误]\n\n{rule.doc}\n"
        "\n适用于\n  年度报告（文件已读出，且有报告标题、格式的章节或表格）\n",
        "",
    )
    assert run(capsys, "rule", "GI101", "--lang", "en")[1].startswith(
        f"GI101 section-missing: {rule.summary_en} [sections, error]\n\n"
    )
    assert run(capsys, "rule", "GI605")[1].startswith("GI605 doubled-word: 字词重复 [wording, 警告, 安全修复]\n\n")
    assert run(capsys, "rule", "GI205", "--lang", "en")[1].startswith(
        "GI205 stated-year-mismatch: the year the report says it covers disagrees with its title "
        "[period, error, unsafe fix]\n\n"
    )


def test_dump_prints_the_model(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gilint.dump import report_to_json
    from gilint.parsers import read_document
    from gilint.structure import build_report

    code, out, _ = run(capsys, "dump", "clean.txt")
    expected = report_to_json(build_report(read_document("clean.txt")))
    assert (code, json.loads(out)) == (0, json.loads(json.dumps(expected)))
    assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def gilint_process(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gilint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


def test_python_dash_m_gilint(reports: Path) -> None:
    out = gilint_process("check", "--format", "concise", "bad.txt", cwd=reports)
    assert out.returncode == 1 and out.stdout.startswith("bad.txt:21:10: GI401")


def in_terminal(*args: str, cwd: Path, env: dict[str, str]) -> str:
    """What gilint prints when its stdout is a terminal (a pseudo-terminal)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gilint", *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait()
    os.close(leader)
    return b"".join(chunks).decode()


def test_colour_in_a_terminal_unless_no_color(reports: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    coloured = in_terminal("check", "bad.txt", cwd=reports, env={**env, "TERM": "xterm-256color"})
    assert "\x1b[1;31mGI401\x1b[0m" in coloured
    plain = in_terminal("check", "bad.txt", cwd=reports, env={**env, "TERM": "xterm-256color", "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "GI401 [narrative]" in plain
    piped = gilint_process("check", "bad.txt", cwd=reports)
    assert "\x1b[" not in piped.stdout


def test_an_internal_failure_exits_2_with_a_message(
    reports: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> str:
        raise MemoryError("simulated")

    monkeypatch.setattr("gilint.reporters.concise.render", broken)
    code, out, err = run(capsys, "check", "--format", "concise", "clean.txt")
    assert (code, out) == (2, "")
    assert err.startswith("gilint: 错误: 内部错误：MemoryError: simulated\nTraceback")
