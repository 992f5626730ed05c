"""The six sections: headings found by their titles (strong), by a numbered short line whose words tell
the section (weak), or by a numbered phrase inside running text between two found sections (gap)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from gilint import formats as F
from gilint import regex
from gilint.model import Section, Stream
from gilint.numbers import parse_int

_TOP = r"(?P<ord>[一二三四五六七八九十]{1,2}|[0-9０-９]{1,2})\s*[、.．]\s*"
_TITLES = [(n, t) for n, t in F.SECTION_TITLES.items()] + [(n, v) for n, vs in F.SECTION_VARIANTS.items() for v in vs]
# compiled ``regex.leading`` (a numeral said first as the characters a match may start with: the same matches,
# but the engine passes over every other character at once)
_STRONG = regex.compile(
    regex.leading(_TOP + "(?P<title>" + "|".join(f"(?P<s{i}>{F.fuzzy(t)})" for i, (_, t) in enumerate(_TITLES)) + ")")
)
_TITLE_GROUPS = tuple(_STRONG.groupindex[f"s{i}"] for i in range(len(_TITLES)))  # each title's group, by number
# the 、 or . of a strong heading: followed by a title, it anchors the heading, whose numeral (one or two characters)
# ends where the white space before it starts. Looked for first, as there are fewer of them than of numerals
_BEFORE_TITLE = regex.compile(  # (a title's first characters said first: the others fail at once)
    r"[、.．](?=\s*" + regex.leading("(?:" + "|".join(F.fuzzy(t) for _, t in _TITLES) + ")") + ")"
)
_WEAK = regex.compile(_TOP + r"(?P<title>[^\s。；;，,]{2,30})$")


def _classify(title: str) -> int | None:
    hits = [n for n, groups in F.SECTION_KEYWORDS.items() if all(any(w in title for w in group) for group in groups)]
    return hits[0] if len(hits) == 1 else None


def find_sections(stream: Stream, skip: list[tuple[int, int]]) -> tuple[list[Section], list[Section]]:
    def skipped(pos: int) -> bool:
        return any(a <= pos < b for a, b in skip)

    text = stream.text
    strong: list[Section] = []
    for m in _strong(text):
        if skipped(m.start()):
            continue
        idx = next(i for i, group in enumerate(_TITLE_GROUPS) if m.start(group) >= 0)  # the title matched
        strong.append(_section(stream, m, _TITLES[idx][0]))
    weak: list[Section] = []
    strong_starts = {s.start for s in strong}
    for i, node in enumerate(stream.nodes):
        pos = stream.starts[i]
        if len(node.text) > 34 or node.kind != "text" or skipped(pos):
            continue
        if not _WEAK.match(node.text.strip()) or pos in strong_starts:
            continue
        heading = _WEAK.match(text, pos, pos + len(node.text))
        if heading:
            weak.append(_section(stream, heading, _classify(heading.group("title")) or 0))
    sections: dict[int, Section] = {s.number: s for s in reversed(strong)}
    stray = [s for s in strong if sections[s.number] is not s]
    for s in weak:
        if s.number and s.number not in sections:
            sections[s.number] = s
        else:
            stray.append(s)
    for n in range(1, 7):
        if n not in sections:
            found = _gap_heading(stream, n, sections, skipped)
            if found:
                sections[n] = found
    ordered = sorted(sections.values(), key=lambda s: s.start)
    for cur, nxt in zip(ordered, [*ordered[1:], None], strict=False):
        cur.end = nxt.start if nxt else len(text)
    return ordered, sorted(stray, key=lambda s: s.start)


def _strong(text: str) -> Iterator[re.Match[str]]:
    """``_STRONG.finditer(text)``, the pattern tried only at the one or two characters before the white space before
    a separator that a title follows (``_BEFORE_TITLE``), not at every numeral and digit: the same matches, in order
    (a place inside the last match is not tried, as ``finditer`` goes on after it)."""
    places: set[int] = set()
    for sep in _BEFORE_TITLE.finditer(text):
        at = sep.start()
        while at and text[at - 1].isspace():  # ``\s``: what str.isspace says
            at -= 1
        places.update(range(max(at - 2, 0), at))
    end = 0
    for start in sorted(places):
        if start >= end and (m := _STRONG.match(text, start)):
            end = m.end()
            yield m


_CN_ORD = "一二三四五六"
_SPACE = regex.compile(r"\s+")
_TITLE_END = regex.compile(r"情况|事项|[0-9０-９。；]")


@cache
def _gap_patterns(n: int) -> tuple[re.Pattern[str], ...]:
    """A heading numbered ``n`` inside running text, then one numbered otherwise (``_gap_heading``): compiled once
    each, as ``regex.compile`` makes a new pattern at every call."""
    return tuple(  # the numeral first, not after a bracket: the engine passes over every other character at once
        regex.compile(rf"(?P<ord>[{ordinals}])(?<![（(][{ordinals}])\s*[、.．]\s*(?P<title>[^\n]{{2,40}})")
        for ordinals in (f"{_CN_ORD[n - 1]}{n}", _CN_ORD)
    )


def _gap_heading(stream: Stream, n: int, found: dict[int, Section], skipped: Callable[[int], bool]) -> Section | None:
    """A heading for section ``n`` with a non-standard title, inside running text, between the
    sections found before and after it: numbered ``n``, else numbered otherwise (a misnumbered
    heading, which the numbering rule reports)."""
    lo = max((s.start for k, s in found.items() if k < n), default=0)
    hi = min((s.start for k, s in found.items() if k > n), default=len(stream.text))
    taken = {s.start for s in found.values()}
    for pat in _gap_patterns(n):
        pos = lo
        while m := pat.search(stream.text, pos, hi):
            pos = m.start() + 1
            if skipped(m.start()) or m.start() in taken:
                continue
            tail = m.group("title")
            end = _TITLE_END.search(tail)
            title = tail[: end.end() if end and end.group() in ("情况", "事项") else (end.start() if end else 25)]
            if _classify(title) == n:
                sec = _section(stream, m, n)
                sec.title = _SPACE.sub("", title)
                sec.body_start = m.start("title") + len(title)
                return sec
    return None


@cache
def _ordinal_value(ordinal: str) -> int | None:
    """``parse_int(ordinal)``, worked out once for each of the few numerals headings are written with."""
    return parse_int(ordinal)


def _section(stream: Stream, m: re.Match[str], number: int) -> Section:
    return Section(
        number=number,
        ordinal=m.group("ord"),
        ordinal_value=_ordinal_value(m.group("ord")),
        title=_SPACE.sub("", m.group("title")),
        span=stream.span(m.start(), m.end()),
        start=m.start(),
        body_start=m.end(),
    )
