"""Installing as a new user does: the README's quick start in a fresh virtual environment, and the wheel
built, installed in a fresh virtual environment and run there (no top-level ``rules`` package).

Slow (each builds a virtual environment and installs the dependencies from the package index, about a
minute): marked ``slow``; ``python -m pytest -m "not slow"`` leaves them out, CI runs them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gilint.testing.reports import make_report

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def readme_block(heading: str, lang: str, index: int = 0) -> str:
    """The ``index``-th fenced ``lang`` block under the README's ``## heading``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{lang}\n(.*?)```", part, re.S)[index]


def project_copy(into: Path) -> Path:
    """The project's files (tracked and new, as the work tree has them), without build leftovers."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of the project")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, into / name)
    return into


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return {**env, **extra}


def test_the_readme_quick_start_in_a_fresh_venv(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "gilint")
    script = readme_block("Quick start", "sh")
    assert "python3 -m venv .venv" in script  # the step a stock Debian Python needs
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=project,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=900,
    )
    # the fixtures hold planted defects: check exits 1 after printing them
    assert done.returncode == 1, done.stderr[-3000:]
    assert re.search(r"^gilint \d+\.\d+\.\d+$", done.stdout, re.M)
    assert "GI101" in done.stdout and re.search(r"共 \d+ 个错误", done.stdout)
    venv_bin = project / ".venv" / "bin"

    # the README's local pre-commit hook, as written, with that environment's gilint
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed")
    work = tmp_path / "work"
    work.mkdir()
    (work / ".pre-commit-config.yaml").write_text(readme_block("Pre-commit", "yaml", 0), encoding="utf-8")
    (work / "bad.txt").write_text(make_report().replace("申请13件", "申请15件"), encoding="utf-8")
    git_env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    env = clean_env(
        **git_env, PATH=f"{venv_bin}{os.pathsep}{os.environ['PATH']}", PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home")
    )
    subprocess.run(["git", "init", "-q"], cwd=work, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=work, check=True, env=env)
    hook = subprocess.run(
        ["pre-commit", "run", "--all-files", "--color", "never"],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert "bad.txt:21:10: GI401" in hook.stdout and "Failed" in hook.stdout


def test_the_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "gilint")
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(project)],
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    [wheel] = dist.glob("gilint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.startswith("rules/")]  # no top-level package named rules
    assert "gilint_rules/tables.py" in names and "gilint/formats/tables.py" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    installed = subprocess.run(
        [str(py), "-m", "pip", "install", "-q", str(wheel)],
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=900,
    )
    assert installed.returncode == 0, installed.stderr[-3000:]
    site = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    assert (site / "gilint_rules").is_dir() and not (site / "rules").exists()

    gilint = str(venv / "bin" / "gilint")
    work = tmp_path / "work"
    work.mkdir()  # outside the project: nothing can be imported from the checkout
    (work / "bad.txt").write_text(make_report().replace("申请13件", "申请15件"), encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([gilint, *args], cwd=work, capture_output=True, text=True, env=clean_env(), timeout=300)

    version = run("--version")
    assert (version.returncode, version.stdout) == (0, "gilint 0.2.0\n")
    check = run("check", "bad.txt", "--format", "concise")
    assert check.returncode == 1 and check.stdout.startswith("bad.txt:21:10: GI401"), check.stderr
    assert "failed to load" not in check.stderr and "未能加载" not in check.stderr  # the built-in pack loaded
    rule = run("rule", "GI101")
    assert rule.returncode == 0 and rule.stdout.startswith("GI101 section-missing:")
    audit = run("audit", ".", "--out", "out", "--jobs", "1")
    assert audit.returncode == 1, audit.stderr
    assert (work / "out" / "report.html").is_file() and (work / "out" / "results.jsonl").is_file()
