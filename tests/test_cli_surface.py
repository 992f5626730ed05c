"""The command line as ruff users expect it: --version, global options on either side of the command,
unknown codes refused with the nearest ones, standard input, --output-file, -q, --statistics."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gilint.cli import main
from gilint.testing.reports import make_report

ROOT = Path(__file__).resolve().parents[1]
WRONG = ("共收到政府信息公开申请13件", "共收到政府信息公开申请15件")  # GI401 on line 21


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.txt").write_text(make_report(), encoding="utf-8")
    (tmp_path / "bad.txt").write_text(make_report().replace(*WRONG), encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"gilint {version('gilint')}\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "en", "check", "--format", "concise", "bad.txt"],
        ["check", "--lang", "en", "--format", "concise", "bad.txt"],
        ["check", "--format", "concise", "bad.txt", "--lang", "en"],
    ],
)
def test_lang_before_or_after_the_command(reports: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 1
    assert out.splitlines()[0].startswith("bad.txt:21:10: GI401 [narrative] error: ")
    assert out.splitlines()[-1] == "Found 1 error"


def test_lang_before_rules_and_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--lang", "en", "rules")[1].splitlines()[0].split() == [
        "code",
        "category",
        "severity",
        "pack",
        "fix",
        "summary",
    ]
    assert run(capsys, "--lang", "en", "rule", "GI101")[1].startswith("GI101 section-missing: ")
    assert "[sections, error]" in run(capsys, "--lang", "en", "rule", "GI101")[1].splitlines()[0]


@pytest.mark.parametrize("before", [True, False])
def test_config_before_or_after_the_command(reports: Path, capsys: pytest.CaptureFixture[str], before: bool) -> None:
    (reports / "office").mkdir()
    (reports / "office" / "gilint.toml").write_text('ignore = ["GI401"]\n')
    argv = (
        ["--config", "office/gilint.toml", "check", "bad.txt"]
        if before
        else ["check", "bad.txt", "--config", "office/gilint.toml"]
    )
    assert run(capsys, *argv)[:2] == (0, "未发现问题\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["check", "--select", "GI41", "bad.txt"],
            "gilint: 错误: command line: select：“GI41”不是任何规则的代码或前缀（最接近的：GI401, GI402, GI403, GI4",
        ),
        (
            ["--lang", "en", "check", "--ignore", "GI99", "bad.txt"],
            "gilint: error: command line: ignore: 'GI99' is no rule's code or prefix "
            "(nearest: GI900, GI901, GI902, GI9",
        ),
        (
            ["audit", "--select", "GI41", "."],  # nothing audited, no database made
            "gilint: 错误: command line: select：“GI41”不是任何规则的代码或前缀（最接近的：GI401, GI402, GI403, GI4",
        ),
    ],
)
def test_an_unknown_code_on_the_command_line_exits_2_naming_the_nearest(
    reports: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert not (reports / "gilint-audit.db").exists()


def test_an_unknown_code_in_the_configuration_exits_2(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (reports / "pyproject.toml").write_text('[tool.gilint]\nselect = ["G13"]\n')
    code, out, err = run(capsys, "--lang", "en", "check", "bad.txt")
    assert (code, out) == (2, "")
    assert err.startswith(
        f"gilint: error: {reports / 'pyproject.toml'}: select: 'G13' is no rule's code or prefix (nearest: "
    )
    assert "GI313" in err


def test_standard_input_with_a_file_name(
    reports: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (reports / "bad.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "check", "-", "--stdin-filename", "draft/report.txt", "--format", "json")
    [d] = json.loads(out)
    assert (code, d["path"], d["code"], d["line"], d["column"]) == (1, "draft/report.txt", "GI401", 21, 10)


def test_standard_input_as_html_by_its_name(
    reports: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (
        "<html><body>"
        + "".join(f"<p>{line}</p>" for line in make_report().replace(*WRONG).splitlines())
        + "</body></html>"
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page.encode())))
    code, out, _ = run(capsys, "check", "-", "--stdin-filename", "r.html", "--format", "json")
    found = json.loads(out)
    (reports / "r.html").write_text(page, encoding="utf-8")
    assert run(capsys, "check", "r.html", "--format", "json") == (code, out, "")  # read as the file would be
    assert {d["code"] for d in found} == {"GI301", "GI308"}  # as HTML: no table in <p> lines (as text: GI401)


def test_standard_input_is_not_mixed_with_paths_or_fix(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "-", "bad.txt")[0] == 2
    assert run(capsys, "check", "-", "--fix")[0] == 2


def test_standard_input_in_a_process(reports: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "gilint", "check", "-", "--format", "concise", "-q"],
        input=(reports / "bad.txt").read_bytes(),
        capture_output=True,
        cwd=reports,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 1
    assert out.stdout.decode().splitlines()[0].startswith("stdin.txt:21:10: GI401")


def test_output_file(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "bad.txt", "--format", "json", "--output-file", "out.json")
    assert (code, out) == (1, "")
    [d] = json.loads((reports / "out.json").read_text(encoding="utf-8"))
    assert (d["code"], d["line"]) == ("GI401", 21)


def test_quiet_drops_the_summary(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "bad.txt", "clean.txt", "--format", "concise", "-q")
    assert code == 1
    assert [line.split(" [")[0] for line in out.splitlines()] == ["bad.txt:21:10: GI401"]
    assert run(capsys, "check", "clean.txt", "-q") == (0, "", "")
    full = run(capsys, "check", "bad.txt", "-q")[1]
    assert full.startswith("bad.txt:21:10: GI401") and "共 1 个错误" not in full and not full.endswith("\n\n")


def test_statistics_counts_per_rule(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = make_report().replace(*WRONG).replace("一、总体情况", "1、总体情况")
    (reports / "two.txt").write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", "bad.txt", "two.txt", "--statistics")
    assert code == 1
    from gilint.engine import load_plugins

    plugins = load_plugins()
    summaries = {code: plugins.rule(code).summary_zh for code in ("GI401", "GI103")}  # type: ignore[union-attr]
    assert out.splitlines() == [
        f"2\tGI401\t    {summaries['GI401']}",
        f"1\tGI103\t[*] {summaries['GI103']}",
    ]  # GI103 is fixable
