"""Spelling rules: an official term one character off (GI620), the agency's own name one character off
(GI621).

Who owns what, so that one slip is reported once: a table's labels are GI604's (both rules read only
the prose: tables 2–4 are blanked), a word written twice is GI605's (an added character that doubles
a particle is never read as a slip here), the Regulation's name in 《》 is GI601's, the report's name
in the title is GI610's. A section heading whose only fault is a term slip is GI620's, and GI104
leaves it alone (``heading_slips``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

from gilint_rules._util import is_report
from gilint_rules.wording import _ACCEPTED, _REG_NAME, _masked

from gilint.formats import lexicon
from gilint.model import Edit, Finding, Fix, Report, Section, Stream
from gilint.rule import Rule, rule

RULES: list[Rule] = []

Kind = Literal["homophone", "lookalike", "dropped", "added"]


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass(frozen=True, slots=True)
class Slip:
    """A window of the text one edit away from ``term``: ``text[start:end]`` as written, and the edit
    that mends it (``text[at:at + len(old)]`` becomes ``new``)."""

    start: int
    end: int
    term: str
    at: int
    old: str
    new: str
    kind: Kind


def _edit(written: str, term: str) -> tuple[int, str, str, Kind] | None:
    """How ``written`` is one edit from ``term``: (offset in ``written``, old, new, kind), or None.
    Substitutions count only between homophones or look-alikes; an added or dropped character only
    inside the term (an added one at the ends is the term itself, present) and only when it is not a
    particle or conjunction written on purpose (不予以公开, 过程信息)."""
    n, m = len(written), len(term)
    i, most = 0, min(n, m)
    while i < most and written[i] == term[i]:
        i += 1
    if n == m:
        if i == n or written[i + 1 :] != term[i + 1 :] or not (is_cjk(written[i]) and is_cjk(term[i])):
            return None
        kind = lexicon.confusable(term[i], written[i])
        return (i, written[i], term[i], kind) if kind else None
    if n == m + 1:  # a character added
        if written[i + 1 :] != term[i:] or i in (0, n - 1) or not is_cjk(written[i]):
            return None
        return None if written[i] in lexicon.FUNCTION_CHARS else (i, written[i], "", "added")
    if n == m - 1 and n >= 4:  # a character dropped
        if written[i:] != term[i + 1 :] or i in (0, m - 1) or term[i] in lexicon.FUNCTION_CHARS:
            return None
        return (i, "", term[i], "dropped")
    return None


def _stands_apart(text: str, start: int, end: int, written: str, i: int, kind: Kind) -> bool:
    """Whether the edit at ``written[i]`` is trusted where it falls: an edit at the window's first or
    last character (a substitution), or one that leaves a single character on one side, is a slip
    only where the window stands apart on that side; otherwise that character may belong to the
    neighbouring word (财政信息公开 is not 政府信息公开 with 府 dropped)."""
    n = len(written)
    left, right = (i, n - i - 1) if kind in ("homophone", "lookalike", "added") else (i, n - i)
    glued_left = start > 0 and is_cjk(text[start - 1])
    glued_right = end < len(text) and is_cjk(text[end])
    if kind in ("homophone", "lookalike"):
        return not ((left == 0 and glued_left) or (right == 0 and glued_right))
    return not ((left <= 1 and glued_left) or (right <= 1 and glued_right))


Side = dict[str, tuple[str, ...]]


@cache
def _index() -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, Side, Side], ...]]]:
    """Where a term may be written one edit off. A term keeps its first half at the start of what is
    written (when the edit falls in the second half, whose first or second character then follows)
    or its second half at the end (whose first half's last or second-last character then precedes).
    A pattern for the first two characters of every half, and for each such pair the halves with the
    terms each begins, by the characters that may follow, and ends, by those that may precede."""
    after: dict[str, dict[str, set[str]]] = {}
    before: dict[str, dict[str, set[str]]] = {}
    for term in lexicon.terms():
        k = len(term) // 2
        head, tail = term[:k], term[k:]
        for ch in tail[:2]:
            after.setdefault(head, {}).setdefault(ch, set()).add(term)
        for ch in head[-2:]:
            before.setdefault(tail, {}).setdefault(ch, set()).add(term)
    by_pair: dict[str, list[tuple[str, Side, Side]]] = {}
    for half in sorted({*after, *before}):
        sides = ({ch: tuple(sorted(ts)) for ch, ts in side.get(half, {}).items()} for side in (after, before))
        by_pair.setdefault(half[:2], []).append((half, *sides))
    firsts, seconds = ("".join(sorted({p[i] for p in by_pair})) for i in (0, 1))
    pattern = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")
    return pattern, {p: tuple(v) for p, v in by_pair.items()}


def _occurrences(text: str, words: frozenset[str]) -> list[tuple[int, int, str]]:
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word), word))
            at = text.find(word, at + 1)
    return found


def find_slips(text: str) -> list[Slip]:
    """Every place in ``text`` (a report's prose) where an official term is written one edit off, and
    not explained by a word that belongs there; where two terms are equally near, none."""
    exact: set[tuple[int, int, str]] = set()
    tried: set[tuple[str, int, bool]] = set()  # (term, where its half starts or ends, whether it begins it)
    pattern, pairs = _index()
    for m in pattern.finditer(text):
        pos = m.start()
        for half, after, before in pairs.get(text[pos : pos + 2], ()):
            if not text.startswith(half, pos):
                continue
            k = len(half)
            end = pos + k
            for ch in {text[end : end + 1], text[end + 1 : end + 2]}:
                for term in after.get(ch, ()):
                    tail = term[k:]
                    if text.startswith(term, pos):
                        exact.add((pos, pos + len(term), term))
                    elif tail[-1] in text[end + len(tail) - 2 : end + len(tail) + 1] or text.startswith(tail[:-1], end):
                        tried.add((term, pos, True))
            for ch in {text[pos - 1 : pos] if pos else "", text[pos - 2 : pos - 1] if pos > 1 else ""}:
                for term in before.get(ch, ()):
                    head = term[: len(term) - k]
                    start = pos - len(head)
                    if start >= 0 and text.startswith(head, start):
                        continue
                    if head[0] in text[max(start - 1, 0) : max(start + 2, 0)] or text.startswith(head[1:], start + 1):
                        tried.add((term, end, False))
    terms = set(lexicon.terms())
    candidates: list[Slip] = []
    for term, at, first in tried:
        size = len(term)
        for n in (size - 1, size, size + 1):
            a, b = (at, at + n) if first else (at - n, at)
            if a < 0 or b > len(text):
                continue
            written = text[a:b]
            if "\n" in written or written in terms:
                continue
            edit = _edit(written, term)
            if edit is not None and _stands_apart(text, a, b, written, edit[0], edit[3]):
                i, old, new, kind = edit
                candidates.append(Slip(a, b, term, a + i, old, new, kind))
    if not candidates:
        return []
    near = _occurrences(text, lexicon.NEAR_WORDS)
    ordered = sorted(exact)
    return _unambiguous([c for c in candidates if not _explained(c, ordered, near)])


def _explained(slip: Slip, exact: list[tuple[int, int, str]], near: list[tuple[int, int, str]]) -> bool:
    """Whether the window overlaps the term itself, another term that is no part of it (不予以公开 holds
    予以公开), or covers a legitimate near-neighbour at the edit (不再处理, 统计时限)."""
    for a, b, word in exact:
        if a >= slip.end:
            break
        if b > slip.start and (word == slip.term or (word not in slip.term and slip.term not in word)):
            return True
    return any(a <= slip.at <= b and a < slip.end and b > slip.start for a, b, _ in near)


def _unambiguous(candidates: list[Slip]) -> list[Slip]:
    """One slip per place: overlapping candidates that mend the same character become one (the
    shortest term names it); candidates that mend different characters cancel out."""
    out: list[Slip] = []
    group: list[Slip] = []
    for c in sorted(candidates, key=lambda c: (c.start, c.end)):
        if group and c.start >= max(g.end for g in group):
            out.extend(_one(group))
            group = []
        group.append(c)
    out.extend(_one(group))
    return out


def _one(group: list[Slip]) -> list[Slip]:
    if not group or len({(g.at, g.old, g.new) for g in group}) > 1:
        return []
    return [min(group, key=lambda g: (len(g.term), g.start))]
