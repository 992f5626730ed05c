"""The layers contract (pyproject's ``[tool.importlinter]``, checked by ``lint-imports`` in CI) places every
module: a module in no layer would be free to import anything, and the contract would not say so."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _layers() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contract = next(c for c in config["contracts"] if c["type"] == "layers")
    return [[m.strip().strip("()") for m in re.split(r"[|:]", layer)] for layer in contract["layers"]]


def test_every_top_level_module_is_in_exactly_one_layer() -> None:
    top = {
        f"gilint.{p.stem if p.is_file() else p.name}"
        for p in (ROOT / "gilint").iterdir()
        if (p.suffix == ".py" and p.name != "__init__.py") or (p / "__init__.py").is_file()
    }
    placed = [m for layer in _layers() for m in layer]
    assert sorted(placed) == sorted(set(placed)), "a module is in two layers"
    assert set(placed) == top | {"gilint_rules"}
