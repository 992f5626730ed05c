"""The entry points of the rule packs are cached under the installed distributions and found again when they
change."""

from __future__ import annotations

import importlib.metadata
import os
from pathlib import Path

import pytest

from gilint.engine import entry_points


def distribution(site: Path, name: str, points: str) -> Path:
    """A distribution's metadata folder in ``site`` with ``points`` as its gilint.rules entry points."""
    meta = site / f"{name}-1.0.dist-info"
    meta.mkdir(parents=True, exist_ok=True)
    (meta / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (meta / "entry_points.txt").write_text(f"[gilint.rules]\n{points}\n", encoding="utf-8")
    return meta / "entry_points.txt"


def test_cached_until_a_distribution_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GILINT_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    points = distribution(site, "gilint_cachepack", "cachepack = gilint_cachepack")
    monkeypatch.syspath_prepend(str(site))
    assert ("cachepack", "gilint_cachepack") in entry_points()
    assert (tmp_path / "cache" / "entry-points.json").is_file()

    real = importlib.metadata.entry_points
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: pytest.fail("read again"))
    assert ("cachepack", "gilint_cachepack") in entry_points()  # nothing changed: the cached answer

    monkeypatch.setattr(importlib.metadata, "entry_points", real)
    points.write_text("[gilint.rules]\ncachepack = gilint_cachepack.v2\n", encoding="utf-8")
    os.utime(points, ns=(1, 1))  # a new entry_points.txt, whatever the clock's resolution
    assert ("cachepack", "gilint_cachepack.v2") in entry_points()

    distribution(site, "gilint_otherpack", "otherpack = gilint_otherpack:hooks")  # a pack installed
    assert {("cachepack", "gilint_cachepack.v2"), ("otherpack", "gilint_otherpack:hooks")} <= set(entry_points())


def test_a_damaged_cache_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GILINT_CACHE_DIR", str(tmp_path))
    (tmp_path / "entry-points.json").write_text("{not json", encoding="utf-8")
    assert ("builtin", "gilint_rules") in entry_points()
