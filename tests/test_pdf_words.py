"""The PDF reader's word extractor gives the words pdfplumber's ``extract_words`` gives with its defaults."""

from __future__ import annotations

import random

from pdfplumber.utils import extract_words

from gilint.parsers.pdf import _words


def chars(rng: random.Random) -> list[dict[str, object]]:
    """Characters of random place, size, orientation and text: spaces, empty text, a ligature, CJK."""
    out: list[dict[str, object]] = []
    for _ in range(rng.randint(0, 40)):
        x, top = rng.uniform(0, 120), rng.choice([rng.uniform(0, 60), 10.0, 12.5])
        out.append({"text": rng.choice(["a", "中", " ", "", "ﬁ", "1", "\u3000", "。"]), "x0": x,
                    "x1": x + rng.uniform(0.5, 9), "top": top, "bottom": top + rng.uniform(4, 14),
                    "doctop": top + 841.89 * rng.randint(0, 3), "upright": rng.random() < 0.8, "size": 10.5})
    return out


def test_the_same_words_as_pdfplumber() -> None:
    rng = random.Random(19)
    for _ in range(2000):
        given = chars(rng)
        assert _words(given) == extract_words(given, return_chars=True)


def test_a_line_in_order_of_left_edges_cut_at_spaces_and_gaps() -> None:
    line = [{"text": t, "x0": x, "x1": x + 5, "top": 10.0, "bottom": 20.0, "doctop": 10.0, "upright": True}
            for t, x in [("共", 0), ("收", 5), (" ", 10), ("到", 15), ("1", 29), ("3", 34), ("件", 30)]]
    assert [w["text"] for w in _words(line)] == ["共收", "到", "1件3"]
