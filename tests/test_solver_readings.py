"""solver.readings: every way to cut run-together digits into a row's cells, in the order the cuts are
tried, never before a leading zero, and None past the cap."""

from __future__ import annotations

import itertools
import random

from gilint.structure.solver import MAX_READINGS, _run_cuts, _walk, readings
from gilint.structure.tokens import Group


def _cuts(digits: str, n: int) -> list[tuple[int, ...]]:
    """Every split of ``digits`` into ``n`` values with no leading zero (a lone "0" is a value), by the
    positions of the cuts in lexicographic order."""
    out = []
    for cuts in itertools.combinations(range(1, len(digits)), n - 1):
        ends = (0, *cuts, len(digits))
        pieces = [digits[a:b] for a, b in itertools.pairwise(ends)]
        if all(p == "0" or not p.startswith("0") for p in pieces):
            out.append(tuple(int(p) for p in pieces))
    return out


def _values(found: list[tuple[tuple[object, ...], ...]]) -> list[tuple[object, ...]]:
    return [tuple(part[0] for part in reading) for reading in found]


def test_a_run_of_digits_is_cut_every_way_without_a_leading_zero_in_order() -> None:
    rng = random.Random(19)
    for _ in range(400):
        digits = "".join(rng.choice("0012345") for _ in range(rng.randrange(2, 12)))
        n = rng.randrange(2, min(len(digits), 8) + 1)
        found = readings([Group(digits, digits, 100, 100 + len(digits))], n)
        assert found is not None
        assert _values(found) == _cuts(digits, n), (digits, n)
        for reading in found:  # each value points at its own digits, one after the other
            assert "".join(str(part[3]) for part in reading) == digits
            ends = [100] + [part[2] for part in reading]
            assert [part[1] for part in reading] == ends[:-1]
            assert all(part[2] - part[1] == len(str(part[3])) for part in reading)


def test_more_ways_than_the_cap_is_none_and_as_many_is_every_way() -> None:
    digits = "123456789"
    ways = len(_cuts(digits, 4))  # 56
    group = [Group(digits, digits, 0, len(digits))]
    assert readings(group, 4, cap=ways - 1) is None
    found = readings(group, 4, cap=ways)
    assert found is not None and len(found) == ways


def test_cuts_stay_inside_each_group_and_keep_a_sign_and_a_fraction() -> None:
    groups = [Group("-12", "-12", 0, 3), Group("34.5", "34.5", 4, 8)]
    found = readings(groups, 3)
    assert found is not None
    assert _values(found) == [(-1, 2, 34.5), (-12, 3, 4.5)]
    assert [(p[1], p[2], p[3]) for p in found[1]] == [(0, 3, "-12"), (4, 5, "3"), (5, 8, "4.5")]
    assert readings(groups, 6) == []  # more values than digits
    assert readings(groups, 1) == []  # fewer values than groups


def test_one_run_of_digits_is_cut_as_the_general_walk_cuts_it() -> None:
    """The walk over one run's digit offsets (``_run_cuts``) gives what the general walk over groups gives,
    in the same order, and stops past the same cap."""
    rng = random.Random(25)
    for _ in range(600):
        digits = "".join(rng.choice("00123456789") for _ in range(rng.randrange(3, 14)))
        n = rng.randrange(2, len(digits))
        cap = rng.choice((3, 40, MAX_READINGS))
        group = Group(digits, digits, 7, 7 + len(digits), cell=rng.random() < 0.3)
        general = _walk([group], n, cap, [(0, len(digits))], [len(digits), 0])
        assert _run_cuts(group, n, cap) == general, (digits, n, cap)
        assert readings([group], n, cap) == general
