"""The six sections: headings found by their titles (strong), by a numbered short line whose words tell
the section (weak), or by a numbered phrase inside running text between two found sections (gap)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache

from gilint import formats as F
from gilint import regex
from gilint.model import Section, Stream
from gilint.numbers import parse_int

_ORDINAL = r"[一二三四五六七八九十]{1,2}|[0-9０-９]{1,2}"  # a heading's numeral
_TOP = rf"(?P<ord>{_ORDINAL})\s*[、.．]\s*"
_TITLES = [(n, t) for n, t in F.SECTION_TITLES.items()] + [(n, v) for n, vs in F.SECTION_VARIANTS.items() for v in vs]
# compiled ``regex.leading`` (a numeral said first as the characters a match may start with: the same matches,
# but the engine passes over every other character at once). Each title is its own group and the last one a
# match closes, so ``lastindex`` names the title matched
_STRONG = regex.compile(
    regex.leading(_TOP + "(?:" + "|".join(f"(?P<s{i}>{F.fuzzy(t)})" for i, (_, t) in enumerate(_TITLES)) + ")")
)
_NUMBERS = {_STRONG.groupindex[f"s{i}"]: n for i, (n, _) in enumerate(_TITLES)}  # each title's group: its section
# the 、 or . of a strong heading: followed by a title, it anchors the heading, whose numeral (one or two characters)
# ends where the white space before it starts. Looked for first, as there are fewer of them than of numerals; for
# each separator on its own, as the engine passes over the characters before a literal at once (a class it tries
# at each); and the title's first characters said first, so that the others fail at once
_AFTER_SEPARATOR = r"(?=\s*" + regex.leading("(?:" + "|".join(F.fuzzy(t) for _, t in _TITLES) + ")") + ")"
_BEFORE_TITLE = tuple(regex.compile(re.escape(sep) + _AFTER_SEPARATOR) for sep in "、.．")
_WEAK = regex.compile(_TOP + r"(?P<title>[^\s。；;，,]{2,30})$")
# a node starting with ``_TOP``'s numeral and separator, as the newline before it (the stream's first node aside):
# where a weak heading may be
_NUMBERED = rf"(?:{_ORDINAL})\s*[、.．]"
_NUMBERED_NODE, _NUMBERED_FIRST = regex.compile(rf"\n(?={_NUMBERED})"), regex.compile(_NUMBERED)


def _classify(title: str) -> int | None:
    hits = [n for n, groups in F.SECTION_KEYWORDS.items() if all(any(w in title for w in group) for group in groups)]
    return hits[0] if len(hits) == 1 else None


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of ``ranges`` (start, end)."""
    for a, b in ranges:  # noqa: SIM110 (a loop: any() of a generator costs more than the few ranges)
        if a <= pos < b:
            return True
    return False


def find_sections(stream: Stream, skip: list[tuple[int, int]]) -> tuple[list[Section], list[Section]]:
    text = stream.text
    strong = [_strong_section(stream, m) for m in _strong(text) if not _inside(m.start(), skip)]
    weak = _weak(stream, skip, {s.start for s in strong})
    sections: dict[int, Section] = {s.number: s for s in reversed(strong)}
    stray = [s for s in strong if sections[s.number] is not s]
    for s in weak:
        if s.number and s.number not in sections:
            sections[s.number] = s
        else:
            stray.append(s)
    for n in range(1, 7):
        if n not in sections:
            found = _gap_heading(stream, n, sections, skip)
            if found:
                sections[n] = found
    ordered = sorted(sections.values(), key=lambda s: s.start)
    for cur, nxt in zip(ordered, [*ordered[1:], None], strict=False):
        cur.end = nxt.start if nxt else len(text)
    return ordered, sorted(stray, key=lambda s: s.start)


def _weak(stream: Stream, skip: list[tuple[int, int]], strong: set[int]) -> list[Section]:
    """The weak headings, in order: each a short text node (none at a strong heading's start ``strong``, none in
    ``skip``) that is a numbered line whose words may tell the section. Only the nodes that start with a numeral and
    a separator are looked at, found by one scan of the stream (``_NUMBERED_NODE``: the newline before them)."""
    text, starts, nodes = stream.text, stream.starts, stream.nodes
    weak = []
    numbered = [m.end() for m in _NUMBERED_NODE.finditer(text)]
    for pos in [0, *numbered] if _NUMBERED_FIRST.match(text) else numbered:
        i = bisect_right(starts, pos) - 1
        node = nodes[i]
        if starts[i] != pos or len(node.text) > 34 or node.kind != "text" or _inside(pos, skip) or pos in strong:
            continue  # (a line inside a node, or a node no weak heading is)
        heading = _WEAK.match(text, pos, pos + len(node.text))
        if heading:
            weak.append(_section(stream, heading, _classify(heading.group("title")) or 0))
    return weak


def _strong(text: str) -> Iterator[re.Match[str]]:
    """``_STRONG.finditer(text)``, the pattern tried only at the one or two characters before the white space before
    a separator that a title follows (``_BEFORE_TITLE``), not at every numeral and digit: the same matches, in order
    (a place inside the last match is not tried, as ``finditer`` goes on after it). Where the white space before
    a separator starts grows from one separator to the next (a separator is not white space), so the places come
    in order: ``tried`` is the first place not yet tried."""
    end = tried = 0
    for sep in sorted(m.start() for pattern in _BEFORE_TITLE for m in pattern.finditer(text)):
        at = sep
        while at and text[at - 1].isspace():  # ``\s``: what str.isspace says
            at -= 1
        for start in range(max(at - 2, tried), at):
            if start >= end and (m := _STRONG.match(text, start)):
                end = m.end()
                yield m
        tried = at


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


def _gap_heading(stream: Stream, n: int, found: dict[int, Section], skip: list[tuple[int, int]]) -> Section | None:
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
            if _inside(m.start(), skip) or m.start() in taken:
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


def _strong_section(stream: Stream, m: re.Match[str]) -> Section:
    """The section of strong heading ``m``: the title group it matched (the last group it closed) tells which."""
    group = m.lastindex or 0  # (never None: a strong heading has a title)
    return _section(stream, m, _NUMBERS[group], group)


def _section(stream: Stream, m: re.Match[str], number: int, title: int | str = "title") -> Section:
    """The section of heading ``m``, whose group ``title`` is its title."""
    ordinal = m.group("ord")
    start, end = m.span()
    return Section(
        number, ordinal, _ordinal_value(ordinal), _SPACE.sub("", m.group(title)), stream.span(start, end), start, end
    )
