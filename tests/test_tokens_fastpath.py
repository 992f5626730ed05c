"""The string-method reading of a text piece (``tokens._plain_groups``) against the general scan
(``tokens._scan``) on generated pieces: the same groups and the same answer wherever it answers, and
``out`` untouched where it leaves the piece to the scan."""

from __future__ import annotations

import random

import pytest

from gilint.model import Node, Span, Stream
from gilint.structure.tokens import Group, _plain_groups, _scan, _text_groups

# what a row's text is made of: digit runs, full-width digits, Chinese numerals, separators, signs,
# points, units of money and count, blanks, words, digits of other scripts, white space
_WORDS = [
    "0",
    "0000000",
    "12",
    "１２",
    "1２",
    "十三",
    "-5",
    "－5",
    "+3",
    "−2",
    "5-3",
    "2.5",
    "2．5",
    "5.",
    "5.x",
    "1.加强",
    "2、",
    "5元",
    "3万元",
    "3万",
    "2022年",
    "13件",
    "20000022025年",
    "/",
    "／",
    "—",
    "——",
    "–",
    "-",
    "、",
    "（区分处理的，只计这一情形，不计其他情形）",
    "三、本年度办理结果",
    "0000000三、本年度办理结果",
    "申请0000000",
    "abc",
    "٣",
    "5٣",
    "①",
    "²",
    "",
]
_SPACES = ["", " ", "  ", "\u3000", "\t", "\xa0", "\n"]


def _piece(rnd: random.Random) -> str:
    return "".join(rnd.choice(_WORDS) + rnd.choice(_SPACES) for _ in range(rnd.randint(0, 6)))


def _fields(groups: list[Group]) -> list[tuple[object, ...]]:
    return [(g.text, g.raw, g.start, g.end, g.cell, g.several, g.confidence) for g in groups]


@pytest.mark.parametrize("seed", range(4))
def test_plain_reading_is_the_scans(seed: int) -> None:
    rnd = random.Random(seed)
    answered = 0
    for _ in range(3000):
        before, piece, after = _piece(rnd), _piece(rnd), _piece(rnd)
        text, lo = before + piece + after, len(before)
        limit = rnd.choice([1, 2, 3, 8, 16])
        head = [Group("7", "7", 0, 0)] if rnd.random() < 0.3 else []  # values read from a node before
        plain, scanned = list(head), list(head)
        read = _plain_groups(text, piece, lo, plain, limit)
        expected = _scan(text, piece, lo, scanned, limit)
        if read is None:
            assert plain == head, (text, lo, piece)
            continue
        answered += 1
        assert read == expected, (text, lo, piece)
        assert _fields(plain) == _fields(scanned), (text, lo, piece)
    assert answered > 1500  # the string methods answer most pieces, not only the trivial ones


def test_plain_reading_hands_over_what_it_cannot_tell() -> None:
    for piece in ("2.5", "5元", "3万元", "-5", "5-3", "１２", "1２", "5٣", "٣"):
        out: list[Group] = []
        assert _plain_groups(piece, piece, 0, out, 16) is None and out == [], piece
    out = [Group("7", "7", 0, 0)]
    assert _plain_groups("7 0 0 -5", "0 0 -5", 2, out, 16) is None and _fields(out) == [
        ("7", "7", 0, 0, False, False, None)
    ]


def test_text_groups_of_common_rows() -> None:
    cases = {
        " 0000000": [("0000000", 1, 8)],
        "0000000三、本年度办理结果": [("0000000", 0, 7)],
        "（区分处理的，只计这一情形，不计其他情形）1000001（三）不予公开": [("1000001", 21, 28)],
        " 0 / 0 ": [("0", 1, 2), ("/", 3, 4), ("0", 5, 6)],
        "13件": [],
        "20000022025年": [("2000002", 0, 7)],
        "5 1.加强": [("5", 0, 1)],
        "2.5": [("2.5", 0, 3)],
    }
    for piece, expected in cases.items():
        out: list[Group] = []
        _text_groups(Stream([Node(piece, Span(1, 1))]), piece, 0, out, 16)
        assert [(g.text, g.start, g.end) for g in out] == expected, piece
