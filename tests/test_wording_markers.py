"""GI606's item markers found in bulk (issue 19) against the general forms they replace, on generated texts.

- The markers' patterns, each found by its literal (a bracket, 第) or at its anchors (the 、 or . after digits, the
  first numeral of a run before 是), find what the former two patterns' ``finditer`` found: (bracketed or arabic)
  and (一是 or 第一).
- A row's words after a marker (``_ROW_AFTER``, one match) are what ``lstrip().startswith`` of the next 12
  characters said.
- The runs (``_runs``, which looks for runs of a level below only when one of another style is open) are those of
  the former loop, which looked at every marker.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import gilint_rules.wording as W

NUMERAL, CJK = W._CN_NUMERAL, W._CJK
TITLE = W._TITLE_START
FORMER = (  # the patterns before issue 19's round 27, as they were written
    re.compile(
        rf"(?:[（(](?:(?P<paren>{NUMERAL})|(?P<paren_arabic>\d{{1,2}}))[）)][、.．]?{TITLE})"
        rf"|(?:(?P<arabic>\d{{1,2}})[、.．](?!\d){TITLE})"
    ),
    re.compile(
        rf"(?P<shi>[一二三四五六七八九十](?<![{CJK}A-Za-z0-9（(〔][一二三四五六七八九十])[一二三四五六七八九十]{{0,2}})是"
        rf"|第(?<![{CJK}A-Za-z0-9（(〔]第)(?P<di>{NUMERAL})(?=[，,、：:])"
    ),
)
ALPHABET = [
    *"一二三四十是第（）()、.．，：；\n 　\t1２9工作“a中〔",
    "一是",
    "十二是",
    "二十三是",
    "（一）",
    "1、",
    "12.",
    "第一，",
]


def texts(seed: str, count: int = 4000, most: int = 30) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, most)))


def groups(m: re.Match[str]) -> tuple[tuple[int, int], str | None, tuple[int, int]]:
    return m.span(), m.lastgroup, m.span(m.lastgroup or 0)


def test_marker_matches_are_the_former_patterns() -> None:
    for text in [
        "一是；二是；十二是；一二三四是；第一，第二：（一）工作\n(2)工作\n12、工作\n123、不",
        *texts("matches"),
    ]:
        found = sorted(groups(m) for m in W._marker_matches(text))
        assert found == sorted(groups(m) for pattern in FORMER for m in pattern.finditer(text)), text


def test_row_words_after_a_marker_are_lstrip_startswith() -> None:
    rng = random.Random("rows")
    pieces = [*W._ROW_WORDS, *"  \t\n\u3000\u2028x（一）", W._ROW_WORDS[0][:3]]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for end in range(len(text) + 1):
            expected = text[end : end + 12].lstrip().startswith(W._ROW_WORDS)
            assert bool(W._ROW_AFTER.match(text, end, end + 12)) == expected, (text, end)


def former_runs(markers: list[W.Marker]) -> Iterator[list[W.Marker]]:
    open_runs: dict[str, list[W.Marker]] = {}
    for mk in markers:
        value, style, _, _, level = mk
        for other in [s for s, run in open_runs.items() if run[0][4] > level]:
            yield open_runs.pop(other)
        run = open_runs.get(style)
        if value == 1:
            if run:
                yield run
            open_runs[style] = [mk]
        elif run is not None:
            run.append(mk)
    yield from open_runs.values()


def test_runs_are_the_former_loops() -> None:
    rng = random.Random("runs")
    styles = list(W._LEVEL)
    for _ in range(5000):
        markers = []
        for at in range(rng.randint(0, 14)):
            style = rng.choice(styles[: rng.randint(1, len(styles))])
            markers.append((rng.choice((1, 1, 2, 3, 4)), style, at, at + 1, W._LEVEL[style]))
        assert list(W._runs(markers)) == list(former_runs(markers)), markers
