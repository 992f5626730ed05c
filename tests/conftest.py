"""Shared test helpers: where ../shared is, and linting a file with the built-in rules."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout; GILINT_SHARED names another place (a missing one: run as without it)
SHARED = Path(os.environ.get("GILINT_SHARED") or ROOT.parent / "shared")


def shared_file(*parts: str) -> Path:
    """A file under ../shared, or skip the test when ../shared is not beside the project."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is not beside the project)")
    return path


@pytest.fixture(autouse=True)
def _reading_limits() -> Iterator[None]:
    """Every test starts with the default reading limits, whatever the one before set (``main(["check",
    "--limit", ...])`` sets them for the process, as the command line does)."""
    from gilint.parsers import limits

    limits.configure({})
    yield
    limits.configure({})
