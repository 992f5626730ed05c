"""The table reader's shortcuts give what its general paths give: a segment placed at once (one value per
group, or one per digit) as the readings and their placement place it, a row inside one text node as the
node-by-node reading reads it, a run of digits glued to prose as the piece pattern reads it, and the label
distance as a plain Levenshtein table counts it. Small generated snippets, no ../shared."""

from __future__ import annotations

import random

import pytest

from gilint.formats.tables import table_format
from gilint.model import Cell, Node, Span, Stream
from gilint.structure import solver
from gilint.structure.labels import distance
from gilint.structure.solver import Segment, solve
from gilint.structure.tokens import Group, _node_groups, groups_after

T3 = table_format(3, 2021)
REFS = {row.id: tuple((row.id, c) for c in row.cols) for row in T3.rows}


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_the_label_distance_is_levenshtein_up_to_its_bound() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        a = "".join(rng.choice("结果维持纠正") for _ in range(rng.randrange(0, 9)))
        b = "".join(rng.choice("结果维持纠正") for _ in range(rng.randrange(0, 9)))
        bound = rng.choice((1, 2))
        assert distance(a, b, bound) == min(_levenshtein(a, b), bound + 1), (a, b, bound)


def _groups(rng: random.Random, n: int, at: int) -> list[Group]:
    """The values of a row of ``n`` cells as a reader may leave them: markup cells, separated values,
    digits run together (some printed full-width: the group's text ASCII, its raw as printed), a blank, a cell
    of several numbers, too few or too many."""
    shape = rng.choice(("cells", "spaced", "run", "runs", "short", "long"))
    out: list[Group] = []
    if shape in ("cells", "spaced"):
        for _ in range(n):
            text = rng.choice(("0", "7", "12", "305", "/", "-3", "2.5", "0 0"))
            several = " " in text
            out.append(Group(text, text, at, at + len(text), cell=shape == "cells" or several, several=several))
            at += len(text) + 1
        return out
    runs = 1 if shape == "run" else rng.randrange(2, 4)
    digits = n + {"run": 0, "runs": 0, "short": -1, "long": rng.randrange(1, 4)}[shape]
    cuts = sorted(rng.sample(range(1, digits), runs - 1)) if runs > 1 and digits > runs else []
    for a, b in zip([0, *cuts], [*cuts, digits], strict=True):
        text = "".join(rng.choice("0001234567") for _ in range(b - a))
        raw = "".join(chr(ord(d) + 0xFEE0) for d in text) if rng.random() < 0.3 else text
        out.append(Group(text, raw, at, at + len(text)))
        at += len(text) + 1
    return out


def _facts(cells: list[Cell]) -> list[tuple[object, ...]]:
    return [(c.value, type(c.value), c.raw, c.start, c.end, c.status, c.how, c.confidence) for c in cells]


@pytest.mark.parametrize("seed", range(6))
def test_segments_placed_at_once_read_as_the_readings_place_them(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole tables of generated rows solved twice, the second time with every segment left to the general
    readings: the same cells, outcomes and checks."""
    rng = random.Random(seed)
    stream = Stream([])
    for _ in range(40):
        rows = rng.sample(list(REFS), rng.randrange(1, len(REFS) + 1))
        segments = [Segment(REFS[r], _groups(rng, len(REFS[r]), 100 * k), 100 * k) for k, r in enumerate(rows)]
        fast = solve(T3, segments, stream)
        with monkeypatch.context() as m:
            m.setattr(solver, "_at_once", lambda seg, out, stream: False)
            general = solve(T3, segments, stream)
        for a, b in zip(fast.segments, general.segments, strict=True):
            assert _facts(a.cells) == _facts(b.cells)
            assert (a.cut, a.no_fit, a.unplaced, a.inferred) == (b.cut, b.no_fit, b.unplaced, b.inferred)
        assert [(c.identity.id, c.status, c.left, c.right, c.used) for c in fast.checks] == [
            (c.identity.id, c.status, c.left, c.right, c.used) for c in general.checks
        ]


def test_a_row_inside_one_text_node_reads_as_node_by_node() -> None:
    rng = random.Random(11)
    pieces = ["0000000", "640020470", "5 0 12", "（区分处理的）", "500000 5", "3.5", "—", " / ", "2025年", "13件"]
    pieces += ["1.加强", "1. 5", "第2页", "-3", "１２", "三、", "\t", "0"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 6)))
        stream = Stream([Node("标题", Span(1, 1)), Node(text, Span(2, 1)), Node("五、结尾", Span(3, 1))])
        base = stream.starts[1]
        start = base + rng.randrange(0, len(text) + 1)
        end = rng.randrange(start, base + len(text) + 1)
        limit = rng.randrange(1, 8)
        expected = _node_groups(stream, stream.node_index(start), start, end, None, limit, False)
        found = groups_after(stream, start, end, None, limit)
        assert [(g.text, g.raw, g.start, g.end) for g in found] == [
            (g.text, g.raw, g.start, g.end) for g in expected
        ], (text, start - base, end - base, limit)


@pytest.mark.parametrize(
    ("digits", "after", "read"),
    [
        ("0000000", "", ["0000000"]),
        ("0000000", "三、本年度办理结果", ["0000000"]),
        ("00002025", "年", ["0000"]),  # a year glued to the prose keeps its four digits
        ("0000000", "件", []),  # a count glued to its unit is prose
        ("0000000", ".加强", []),  # an ordinal of the prose
        ("0000000", ". 5", ["0000000"]),
    ],
)
def test_a_run_of_digits_read_by_what_follows_it(digits: str, after: str, read: list[str]) -> None:
    stream = Stream([Node("数量" + digits + after, Span(1, 1))])
    assert [g.text for g in groups_after(stream, 2, 2 + len(digits), None, 16)] == read
