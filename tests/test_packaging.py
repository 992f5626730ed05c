"""Packaging: every package in the tree is in pyproject's list, and the rule pack has its own name."""

from __future__ import annotations

from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    tree = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "gilint").rglob("__init__.py")}
    tree |= {
        "gilint_rules" + "".join("." + part for part in p.parent.relative_to(ROOT / "rules").parts)
        for p in (ROOT / "rules").rglob("__init__.py")
    }
    assert set(config["packages"]) == tree
    assert config["package-dir"] == {"gilint_rules": "rules"}


def test_the_builtin_pack_is_not_a_top_level_rules_package() -> None:
    import gilint_rules

    assert Path(gilint_rules.__file__).resolve().parent == ROOT / "rules"


def test_plain_pytest_collects_from_the_checkout() -> None:
    """``pytest`` (not ``python -m pytest``) finds ``tests.*`` helpers: pyproject's ``pythonpath``."""
    import os
    import shutil
    import subprocess
    import sys

    pytest_bin = Path(sys.executable).parent / "pytest"
    if not pytest_bin.exists():
        pytest_bin = Path(shutil.which("pytest") or "pytest")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    argv = [str(pytest_bin), "--collect-only", "-q", "-p", "no:cacheprovider", "tests/test_cli_surface.py"]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "test_version" in done.stdout


def test_the_license_is_the_one_pyproject_names() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert config["license"] == "MIT" and config["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
