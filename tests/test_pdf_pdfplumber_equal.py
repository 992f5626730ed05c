"""The PDF reader's words and table cells are the ones pdfplumber's extract_words and intersections_to_cells give."""

from __future__ import annotations

import random

from pdfplumber.table import edges_to_intersections, intersections_to_cells
from pdfplumber.utils import extract_words

from gilint.parsers import pdflayout


def chars(rng: random.Random) -> list[dict[str, object]]:
    """Characters of random place, size, orientation and text: spaces, empty text, a ligature, CJK."""
    out: list[dict[str, object]] = []
    for _ in range(rng.randint(0, 40)):
        x, top = rng.uniform(0, 120), rng.choice([rng.uniform(0, 60), 10.0, 12.5])
        out.append(
            {
                "text": rng.choice(["a", "中", " ", "", "ﬁ", "1", "\u3000", "。"]),
                "x0": x,
                "x1": x + rng.uniform(0.5, 9),
                "top": top,
                "bottom": top + rng.uniform(4, 14),
                "doctop": top + 841.89 * rng.randint(0, 3),
                "upright": rng.random() < 0.8,
                "size": 10.5,
            }
        )
    return out


def test_the_same_words_as_pdfplumber() -> None:
    rng = random.Random(19)
    for _ in range(2000):
        given = chars(rng)
        assert pdflayout.extract_words(given) == extract_words(given, return_chars=True)


def test_a_line_in_order_of_left_edges_cut_at_spaces_and_gaps() -> None:
    line = [
        {"text": t, "x0": x, "x1": x + 5, "top": 10.0, "bottom": 20.0, "doctop": 10.0, "upright": True}
        for t, x in [("共", 0), ("收", 5), (" ", 10), ("到", 15), ("1", 29), ("3", 34), ("件", 30)]
    ]
    assert [w["text"] for w in pdflayout.extract_words(line)] == ["共收", "到", "1件3"]


edge = pdflayout._edge  # an edge as pdfplumber's table finder and pdflayout both take it


def test_the_same_cells_as_pdfplumber() -> None:
    """Ruled grids with rules left out, cut short and added: the cells pdfplumber's intersections_to_cells finds."""
    rng = random.Random(19)
    for _ in range(300):
        xs = sorted(rng.sample(range(0, 300, 10), rng.randint(2, 8)))
        ys = sorted(rng.sample(range(0, 300, 10), rng.randint(2, 8)))
        v = [edge("v", x, x, rng.choice(ys[:2]), rng.choice(ys[-2:])) for x in xs if rng.random() < 0.9]
        h = [edge("h", rng.choice(xs[:2]), rng.choice(xs[-2:]), y, y) for y in ys if rng.random() < 0.9]
        v.append(edge("v", xs[0] + 5, xs[0] + 5, ys[0], ys[0] + 20))
        crossings = edges_to_intersections(v + h, 3, 3)
        assert pdflayout.intersections_to_cells(crossings) == intersections_to_cells(crossings)
