"""find_sections' anchors (issue 19): a strong heading tried only before a separator that a title follows
(``_strong``) and the gap patterns with their numeral first find what the patterns as first written find.

Compared on texts built for them — numbered titles with white space of every kind between numeral, separator and
title, numerals of one and two characters, separators inside a title, numbers that are no heading — and on random
texts drawn from their pieces (a fixed seed: the same texts on every run).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

from gilint import formats as F
from gilint.structure import sections as S

HEADINGS = [
    "一、总体情况\n二、主动公开政府信息情况\n三 、收到和处理政府信息公开申请情况\n",
    "四．政府信息公开行政复议、行政诉讼情况\n五.\n存在的主要问题及改进情况\n六 \t、 其他需要报告的事项",
    "十一、总体情况 1、总体情况 12.总体情况 123、总体情况 ６、其他需要报告的事项 （一）总体情况",
    "一、二、总体情况，一、 \u3000 总 体 情 况，二\n\n、\n主动公开政府信息情况",
    "本年度共12、3件，一、二、三项工作。",
]
PIECES = [
    *"一二三四五六十0１9 \n\t\u3000、.．，（",
    *(t for _, t in S._TITLES[:8]),
    "总体",
    "情况",
    "行政复议、行政诉讼",
]


def random_texts(seed: str, count: int = 3000, most: int = 16) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, most))) for _ in range(count)]


def matches(found: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in found]


def test_strong_headings_before_their_separators_are_finditer() -> None:
    for text in [*HEADINGS, *random_texts("strong")]:
        assert matches(S._strong(text)) == matches(S._STRONG.finditer(text)), text


def test_strong_finds_each_title_whatever_the_white_space() -> None:
    """Every official title and variant, numbered with white space before and after the separator, is found."""
    for n, title in S._TITLES:
        for ws in ("", " ", "\n", " \t\u3000"):
            text = f"前文。{n}{ws}、{ws}{title}"
            found = list(S._strong(text))
            assert [m.start() for m in found] == [3], text


def test_gap_patterns_are_the_lookbehind_first_ones() -> None:
    """The gap patterns (numeral first, its bracket looked behind) match as ``(?<![（(])`` before the numeral did."""
    for n in range(1, 7):
        first = [
            re.compile(rf"(?<![（(])(?P<ord>{ordinals})\s*[、.．]\s*(?P<title>[^\n]{{2,40}})")
            for ordinals in (f"{S._CN_ORD[n - 1]}|{n}", f"[{S._CN_ORD}]")
        ]
        for text in [*HEADINGS, "（一）总体情况(二)主动公开 一、 总体情况", *random_texts(f"gap{n}", 500)]:
            for old, new in zip(first, S._gap_patterns(n), strict=True):
                for pos in range(0, len(text), 7):
                    assert matches(filter(None, [new.search(text, pos)])) == matches(
                        filter(None, [old.search(text, pos)])
                    ), text


def test_titles_are_what_the_anchor_looks_for() -> None:
    """The separator's lookahead knows every title: a heading found by _STRONG has its separator found too."""
    text = "\n".join(f"{n}、{F.SECTION_TITLES[n]}" for n in range(1, 7))
    assert sum(len(list(pattern.finditer(text))) for pattern in S._BEFORE_TITLE) == 6
    assert [m.group("ord") for m in S._strong(text)] == ["1", "2", "3", "4", "5", "6"]
