"""Packaging: every package in the tree is in pyproject's list, and the rule pack has its own name."""

from __future__ import annotations

from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    tree = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "gilint").rglob("__init__.py")}
    tree |= {"gilint_rules" + "".join("." + part for part in p.parent.relative_to(ROOT / "rules").parts)
             for p in (ROOT / "rules").rglob("__init__.py")}
    assert set(config["packages"]) == tree
    assert config["package-dir"] == {"gilint_rules": "rules"}


def test_the_builtin_pack_is_not_a_top_level_rules_package() -> None:
    import gilint_rules

    assert Path(gilint_rules.__file__).resolve().parent == ROOT / "rules"
