"""The solver's shortcut gives what its general steps give: a table none of whose segments has several readings
is placed and judged as the cells say (its checks the identities summed on its placed cells, none of them used).
Small generated snippets, no ../shared."""

from __future__ import annotations

import random

import pytest

from gilint.formats.tables import CellRef, table_format
from gilint.model import Stream
from gilint.structure.solver import Segment, Value, readings, solve
from gilint.structure.tokens import Group

FORMATS = [table_format(n, v) for n in (3, 4) for v in (2019, 2021)]


def _groups(rng: random.Random, n: int, at: int) -> list[Group]:
    """A row of ``n`` cells as a reader leaves it when there is one way to read it: markup cells or separated
    values (a blank, a cell of several numbers among them), one digit a cell run together, a short row, or
    none."""
    shape = rng.choice(("cells", "spaced", "digits", "digits", "short", "none"))
    if shape == "none":
        return []
    if shape == "digits":
        text = "".join(rng.choice("0001234567") for _ in range(n))
        return [Group(text, text, at, at + n)]
    out = []
    for _ in range(n - 1 if shape == "short" else n):
        text = rng.choice(("0", "7", "12", "305", "", "/", "-3", "2.5", "0 0"))
        several = " " in text
        out.append(Group(text, text, at, at + len(text), cell=shape != "spaced" or several, several=several))
        at += len(text) + 1
    return out


def _judged(
    identity_left: tuple[CellRef, ...], identity_right: tuple[CellRef, ...], values: dict[CellRef, Value]
) -> tuple[str, Value, Value]:
    """An identity judged from scratch: unjudged when a member has no value, else its sides added in order."""
    members = [*identity_left, *identity_right]
    if any(values.get(r) is None for r in members):
        return "unjudged", None, None
    left: int | float = 0
    for r in identity_left:
        left += values[r]  # type: ignore[operator]
    right: int | float = 0
    for r in identity_right:
        right += values[r]  # type: ignore[operator]
    return ("holds" if left == right else "fails"), left, right


@pytest.mark.parametrize("seed", range(4))
def test_a_table_of_rows_read_one_way_is_judged_on_its_placed_cells(seed: int) -> None:
    rng = random.Random(seed)
    stream = Stream([])
    judged = 0
    for _ in range(150):
        fmt = rng.choice(FORMATS)
        rows = rng.sample(fmt.rows, rng.randrange(1, len(fmt.rows) + 1))
        segments = []
        for k, row in enumerate(rows):
            refs = tuple((row.id, c) for c in row.cols)
            segments.append(Segment(refs, _groups(rng, len(refs), 100 * k), 100 * k))
        if any(len(readings(s.groups, len(s.refs)) or ()) > 1 for s in segments):
            continue  # (a row of too few digits may read several ways: not this shortcut's)
        solution = solve(fmt, segments, stream)
        values: dict[CellRef, Value] = {}
        for seg, out in zip(segments, solution.segments, strict=True):
            assert len(out.cells) == len(seg.refs)
            assert not out.no_fit and not out.inferred
            values.update((r, c.value) for r, c in zip(seg.refs, out.cells, strict=True) if c.placed)
        assert [c.identity for c in solution.checks] == list(fmt.identities)
        for check in solution.checks:
            expected = _judged(check.identity.left, check.identity.right, values)
            assert (check.status, check.left, check.right, check.used) == (*expected, False), check.identity.id
            assert type(check.left) is type(expected[1])
            judged += check.status != "unjudged"
    assert judged > 100
