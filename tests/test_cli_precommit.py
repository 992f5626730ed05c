"""The pre-commit hook, run for real: `pre-commit try-repo` installs gilint from a git repository holding
a copy of this project tree and runs the `gilint` hook; it fails on a defective report and passes on a
clean one."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from gilint.testing.reports import make_report

ROOT = Path(__file__).resolve().parents[1]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    ).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository with this project's files (tracked and new, as the work tree has them), committed."""
    if shutil.which("git") is None or shutil.which("pre-commit") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git, pre-commit and a git checkout of the project")
    repo = tmp_path_factory.mktemp("gilint-repo")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "snapshot", cwd=repo)
    return repo


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache, shared by the tests here so gilint's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(hook_repo: Path, store: Path, work: Path, name: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NO_COLOR")}
    return subprocess.run(
        ["pre-commit", "try-repo", str(hook_repo), "gilint", "--files", name, "--color", "never"],
        cwd=work,
        capture_output=True,
        text=True,
        env={**env, **GIT_ENV, "PRE_COMMIT_HOME": str(store)},
    )


@pytest.fixture
def work(tmp_path: Path) -> Path:
    git("init", "-q", cwd=tmp_path)
    (tmp_path / "clean.txt").write_text(make_report(), encoding="utf-8")
    bad = make_report().replace("共收到政府信息公开申请13件", "共收到政府信息公开申请15件")
    (tmp_path / "bad.txt").write_text(bad, encoding="utf-8")
    git("add", "-A", cwd=tmp_path)
    return tmp_path


def test_hook_definition() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == ("gilint", "gilint check", "python")
    import re

    files = re.compile(hook["files"])
    assert [
        n for n in ("a.html", "a.HTM", "a.txt", "a.md", "a.docx", "a.pdf", "a.json", "a.py") if files.search(n)
    ] == ["a.html", "a.HTM", "a.txt", "a.md", "a.docx", "a.pdf"]


def test_the_hook_fails_on_a_defective_report(hook_repo: Path, store: Path, work: Path) -> None:
    out = try_repo(hook_repo, store, work, "bad.txt")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "bad.txt:21:10: GI401 [narrative] 错误" in out.stdout
    assert "gilint" in out.stdout and "Failed" in out.stdout


def test_the_hook_passes_on_a_clean_report(hook_repo: Path, store: Path, work: Path) -> None:
    out = try_repo(hook_repo, store, work, "clean.txt")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Passed" in out.stdout
