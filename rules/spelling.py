"""Spelling rules: an official term one character off (GI620), the agency's own name one character off
(GI621).

Who owns what, so that one slip is reported once: a table's labels are GI604's (both rules read only
the prose: tables 2–4 are blanked), a word written twice is GI605's (an added character that doubles
a particle is never read as a slip here), the Regulation's name in 《》 is GI601's, the report's name
in the title is GI610's. A section heading whose only fault is a term slip is GI620's, and GI104
leaves it alone (``mended_title``). A misspelt term inside the agency's name is GI620's, not GI621's.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal, TypeVar

from gilint_rules._util import norm, ocr_read
from gilint_rules.wording import _ACCEPTED, _REG_NAME, _masked

from gilint import regex
from gilint.applies import REPORT
from gilint.context import RuleContext
from gilint.formats import lexicon
from gilint.model import Edit, Finding, Fix, Report, Section, Stream
from gilint.rule import Rule, rule
from gilint.structure.labels import distance

RULES: list[Rule] = []

Kind = Literal["homophone", "lookalike", "own", "dropped", "added"]
Odd = Callable[[str, str], Kind | None]


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


Edit1 = tuple[int, str, str, Kind, int]  # where, old, new, kind, where to judge its place (``_stands_apart``)


def _edit(written: str, term: str, odd: Odd, added: frozenset[str], dropped: frozenset[str]) -> Edit1 | None:
    """How ``written`` is one edit from ``term``: the offset in ``written`` where ``old`` becomes
    ``new``, the kind, and the offset whose place is judged; or None. ``odd(meant, written)`` says
    whether a substitution may be a slip (a homophone, a look-alike); an added or dropped character
    counts only inside the term (one added at an end leaves the term itself there) and only when it
    is not one of ``added`` or ``dropped``, written or left out on purpose (不予以公开, 过程信息). A doubled character
    added or dropped is edited at its first copy (one place for every term that finds it) and judged
    at the copy nearest the middle (主动公公开 adds a 公 inside the term)."""
    n, m = len(written), len(term)
    i, most = 0, min(n, m)
    while i < most and written[i] == term[i]:
        i += 1
    if n == m:
        if i == n or written[i + 1 :] != term[i + 1 :] or not (is_cjk(written[i]) and is_cjk(term[i])):
            return None
        kind = odd(term[i], written[i])
        return (i, written[i], term[i], kind, i) if kind else None
    if n == m + 1:  # a character added
        if written[i + 1 :] != term[i:] or not is_cjk(written[i]) or written[i] in added:
            return None
        first, middle = _run(written, i, n - 1)
        return None if middle in (0, n - 1) else (first, written[i], "", "added", middle)
    if n == m - 1 and n >= 4:  # a character dropped
        if written[i:] != term[i + 1 :] or term[i] in dropped:
            return None
        first, middle = _run(term, i, m - 1)
        return None if middle in (0, m - 1) else (first, "", term[i], "dropped", middle)
    return None


def _run(word: str, i: int, last: int) -> tuple[int, int]:
    """The run of one character in ``word`` that ends at ``i``: where it starts, and its place nearest
    the middle of ``word[0:last + 1]``."""
    first = best = i
    while first > 0 and word[first - 1] == word[i]:
        first -= 1
        if min(first, last - first) > min(best, last - best):
            best = first
    return first, best


def _stands_apart(text: str, start: int, end: int, written: str, i: int, kind: Kind) -> bool:
    """Whether the edit at ``written[i]`` is trusted where it falls: an edit at the window's first or
    last character (a substitution), or one that leaves a single character on one side, is a slip
    only where the window stands apart on that side; otherwise that character may belong to the
    neighbouring word (财政信息公开 is not 政府信息公开 with 府 dropped)."""
    n = len(written)
    left, right = (i, n - i) if kind == "dropped" else (i, n - i - 1)
    glued_left = start > 0 and is_cjk(text[start - 1])
    glued_right = end < len(text) and is_cjk(text[end])
    if kind in ("homophone", "lookalike", "own"):
        return not ((left == 0 and glued_left) or (right == 0 and glued_right))
    return not ((left <= 1 and glued_left) or (right <= 1 and glued_right))


# Where the characters next to a half found may hold the term's other half, exactly or with one edit:
# the other half ``r`` is looked up by two characters at offsets 0–1, 1–2 or 0 and 2 from where it would
# start ("01", "12", "02"), or, when it has two characters only, by one at offset 0 or 1.
_TAGS = ("01", "12", "02", "0", "1")
# (the characters that may stand at offset 0, at offset 1; (tag, key -> terms) for the tags used)
Keyed = tuple[frozenset[str], frozenset[str], tuple[tuple[str, dict[str, tuple[str, ...]]], ...]]


def _keys(rest: str) -> set[tuple[str, str]]:
    """The keys of ``rest`` written exactly or with one edit (a, b, c its first characters): as
    written, with a or b replaced, with a character put before a or b, with a or b left out."""
    a, b = rest[0], rest[1]
    if len(rest) >= 3:
        c = rest[2]
        return {("01", a + b), ("12", b + c), ("02", a + c), ("12", a + b), ("02", a + b), ("01", b + c), ("01", a + c)}
    return {("01", a + b), ("1", b), ("0", a), ("12", a + b), ("02", a + b), ("0", b)}


_NO_TERMS: Keyed = (frozenset(), frozenset(), ())


def _keyed(entries: dict[str, set[tuple[str, str]]]) -> Keyed:
    """The terms by tag and key, each tag's table only when it has any (``_lookup``'s order)."""
    if not entries:
        return _NO_TERMS
    by_tag: dict[str, dict[str, set[str]]] = {}
    for term, keys in entries.items():
        for tag, key in keys:
            by_tag.setdefault(tag, {}).setdefault(key, set()).add(term)
    tables = tuple((tag, {k: tuple(sorted(v)) for k, v in by_tag[tag].items()}) for tag in _TAGS if tag in by_tag)
    at0 = frozenset(k[0] for tag in ("01", "02", "0") for k in by_tag.get(tag, ()))
    at1 = frozenset(k[0] for tag in ("12", "1") for k in by_tag.get(tag, ()))
    return at0, at1, tables


# what each tag's key is cut from: two characters at offsets 0–1, 1–2 or 0 and 2, one at offset 0 or 1
_CUTS = {"01": slice(0, 2), "12": slice(1, 3), "02": slice(0, 3, 2), "0": slice(0, 1), "1": slice(1, 2)}


def _lookup(keyed: Keyed, beside: str) -> set[str]:
    """The terms whose other part may be ``beside`` a half: the three characters after a half that begins
    terms, or the three before one that ends them read backwards (fewer at the text's edge); none unless its
    first character is one of those at offset 0 or its second one of those at offset 1."""
    found: set[str] = set()
    if beside[:1] not in keyed[0] and beside[1:2] not in keyed[1]:
        return found
    for tag, table in keyed[2]:
        terms = table.get(beside[_CUTS[tag]])
        if terms:
            found.update(terms)
    return found


def _split(term: str) -> int:
    """Where to cut a term in two for the index. Any cut leaving two characters or more either side
    finds every one-edit variant; the cut chosen is the one nearest the middle that falls inside no
    other term written in it (政府信息公开工作 | 年度报告, not 政府信息 | 公开工作年度报告), because the
    inside of a term found written exactly is not searched again (``find_slips``)."""
    terms = _term_set()
    inner = [
        (at, end) for at in range(len(term)) for end in range(at + 1, len(term) + (at > 0)) if term[at:end] in terms
    ]
    cuts = [k for k in range(2, len(term) - 1) if not any(a < k < b for a, b in inner)]
    return min(cuts, key=lambda k: (abs(2 * k - len(term)), k), default=len(term) // 2)


@cache
def _term_set() -> frozenset[str]:
    return frozenset(lexicon.terms())


Trie = dict[str, "Trie"]


def _trie(words: Iterable[Sequence[str]]) -> Trie:
    """The words (or sequences of pattern tokens) as a trie; "" marks where one ends."""
    root: Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def _source(node: Trie) -> str:
    """A regular expression for the words of a trie, one branch per character, the longest first."""
    branches = [re.escape(ch) + _source(child) for ch, child in sorted(node.items()) if ch]
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})" if branches else ""
    return f"(?:{body})?" if "" in node and body else body


Pairs = dict[str, tuple[tuple[str, Keyed, Keyed], ...]]


@cache
def _exact() -> re.Pattern[str]:
    """Every term written exactly, the longest where several start at one place (a trie of the terms:
    the regular-expression engine tries one branch per character)."""
    return regex.compile(_built()[0])


@cache
def _index() -> tuple[re.Pattern[str], Pairs]:
    """Where a term may be written one edit off (``_build``): the pattern, and the halves by pair."""
    _, pattern, pairs = _built()
    return regex.compile(pattern), pairs


@cache
def _filter_patterns() -> tuple[re.Pattern[str], ...]:
    """The patterns that find where a term may be written one edit off (``_filter_sources``)."""
    return tuple(regex.compile(source) for source in _kept("spelling-filter", _filter_sources))


def _filters() -> tuple[re.Pattern[str], ...] | None:
    """``_filter_patterns``; None when compiled patterns are not kept from one process to the next
    (``regex.keeping``): making and compiling them (some 0.5 s: 350 classes of CJK characters) costs a
    process more than they save it, and the whole text is searched."""
    return _filter_patterns() if regex.keeping() else None


@cache
def _built() -> tuple[str, str, Pairs]:
    return _kept("spelling-index", _build)


T = TypeVar("T")


def _kept(name: str, build: Callable[[], T]) -> T:
    """``build()``, kept from one process to the next (``regex.kept``) under what it is made of: the terms,
    and the code of this module and of the lexicon's (the time each changed and its size, as Python keys its
    compiled modules): the function characters, the readings and the look-alikes are the lexicon's."""
    try:
        data = os.path.join(os.path.dirname(lexicon.__file__), "homophones.py")  # imported at first use only
        stats = [os.stat(path) for path in (__file__, lexicon.__file__, data)]
    except (OSError, TypeError):  # no source to key by
        return build()
    return regex.kept(name, (lexicon.terms(), *((st.st_mtime_ns, st.st_size) for st in stats)), build)


def _build() -> tuple[str, str, Pairs]:
    """The patterns' sources and the halves by pair. Every term written exactly: a trie of the terms (the
    regular-expression engine tries one branch per character). Where a term may be written one edit off:
    a term keeps its first part at the start of what is written (when the edit falls in the second part)
    or its second part at its end (``_split``); a pattern for the first two characters of every half; for
    each such pair the halves, each with the terms it begins (keyed by what may follow it) and the terms
    it ends (keyed by what may precede it, read backwards)."""
    begins: dict[str, dict[str, set[tuple[str, str]]]] = {}
    ends: dict[str, dict[str, set[tuple[str, str]]]] = {}
    for term in lexicon.terms():
        k = _split(term)
        begins.setdefault(term[:k], {})[term] = _keys(term[k:])
        ends.setdefault(term[k:], {})[term] = _keys(term[:k][::-1])
    by_pair: dict[str, list[tuple[str, Keyed, Keyed]]] = {}
    for half in sorted({*begins, *ends}):
        by_pair.setdefault(half[:2], []).append((half, _keyed(begins.get(half, {})), _keyed(ends.get(half, {}))))
    # where a part may start: its first character, then (looked ahead) its next two
    starts = _trie(half[:3] for half in {*begins, *ends})
    pattern = "|".join(f"{re.escape(ch)}(?={_source(rest)})" for ch, rest in sorted(starts.items()))
    return _source(_trie(lexicon.terms())), pattern, {p: tuple(v) for p, v in by_pair.items()}


# ------------------------------------------------------------------ the filter: where a slip may be

_NEAR_LONGEST = max(map(len, lexicon.NEAR_WORDS))
# the characters of the most terms, each first character of a variant among them searched for by a pattern of
# its own: the engine finds a pattern's one first character fast, while a pattern of many first characters
# tries each of them wherever any one stands (and a report is written in these characters most)
_OWN_PATTERN = 8


def _class(chars: Iterable[str]) -> str:
    """A character class of ``chars``, each run of code points as a range."""
    points = sorted(set(map(ord, chars)))
    out, i = [], 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        first, last = re.escape(chr(points[i])), re.escape(chr(points[j]))
        out.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return f"[{''.join(out)}]"


def _variants(term: str) -> Iterator[tuple[str, ...]]:
    """Every way ``_edit`` may accept a window as ``term`` one edit off with the term's first character
    kept, as a sequence of pattern tokens (a character of the term, or a class for the one written in its
    place): a character from the second on replaced by one ``lexicon.confusables`` gives; any (CJK)
    character put inside the term (put at its end, only a copy of its last character is an added one: that
    is a copy put before it); a character left out as ``_edit`` accepts it, unless a near-neighbour is then
    written at the edit. More than ``_edit`` accepts (any word character put in, a function character
    too): the filter only rules out where no slip can be, ``find_slips`` judges the rest. The first
    character replaced is ``_first_replaced``'s."""
    lit = [re.escape(ch) for ch in term]
    m = len(term)
    for j, ch in enumerate(term[1:], 1):
        like = _like(ch)
        if like:
            yield (*lit[:j], _class(like), *lit[j + 1 :])
    for j in range(1, m):  # any word character (a class of the CJK block costs ``re`` a loop over it to compile)
        yield (*lit[:j], r"\w", *lit[j:])
    for j in range(1, m - 1):  # the last left out leaves the term's start, unless a copy of it is left
        written = term[:j] + term[j + 1 :]
        edit = _edit(written, term, lexicon.confusable, lexicon.FUNCTION_CHARS, lexicon.FUNCTION_CHARS)
        if edit is not None and not any(
            a <= edit[0] <= a + len(word) for word in lexicon.NEAR_WORDS for a in _starts(written, word)
        ):  # a near-neighbour written at the edit explains it wherever it stands (申请情况)
            yield (*lit[:j], *lit[j + 1 :])


def _like(ch: str) -> list[str]:
    """The CJK characters ``_edit`` may accept written for ``ch`` (``lexicon.confusables``), none but for a
    CJK character."""
    return [c for c in lexicon.confusables(ch) if c != ch and is_cjk(c)] if is_cjk(ch) else []


# after a window's first two characters: the one before them is no CJK character (or there is none)
_APART = r"(?<![\u4e00-\u9fff]..)"


def _first_replaced() -> str:
    """A pattern for where a term may be written with its first character replaced (by one
    ``lexicon.confusables`` gives), matching at the window's start. ``find_slips`` trusts an edit there only
    where the window stands apart on the left (``_stands_apart``), so the pattern asks for that first: a
    character that may be written first, one that may follow it (a term's second), nothing CJK before
    them; then the rest of a term (from its third character on, the first two looked behind). Found from
    the term's second character as the other variants are found from their first, these windows were tried
    at every place a term's second character is written, and a report's prose is written in those
    characters most."""
    rests = [
        (re.escape(term[2]), f"(?<={_class(_like(term[0]))}{re.escape(term[1])}.)", *map(re.escape, term[3:]))
        for term in lexicon.terms()
        if _like(term[0])
    ]
    firsts = {c for term in lexicon.terms() for c in _like(term[0])}
    seconds = {term[1] for term in lexicon.terms() if _like(term[0])}
    return f"{_class(firsts)}{_class(seconds)}{_APART}{_tokens(_trie(rests))}"


def _tokens(node: Trie) -> str:
    """A pattern for the token sequences of a trie: where one ends, what came before suffices."""
    if "" in node:
        return ""
    branches = [token + _tokens(child) for token, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _filter_sources() -> tuple[str, ...]:
    """Patterns that match wherever a term may be written one edit off, at the window's start (each place
    tried: ``_match_starts``): for the variants that keep the term's first character
    (``_variants``), one for those that begin with each of the ``_OWN_PATTERN`` characters in the most
    terms and one for the rest; and one for a first character replaced (``_first_replaced``)."""
    root = _trie(v for term in lexicon.terms() for v in _variants(term))
    terms = Counter(re.escape(ch) for term in lexicon.terms() for ch in set(term))
    own = sorted(root, key=lambda first: (-terms[first], first))[:_OWN_PATTERN]
    rest = "|".join(f"{first}{_tokens(root[first])}" for first in sorted(root) if first not in own)
    return (
        *(f"{first}{_tokens(root[first])}" for first in sorted(own)),
        *([rest] if rest else []),
        _first_replaced(),
    )


@cache
def _longest() -> int:
    return max(map(len, lexicon.terms()))


@cache
def _term_chars() -> frozenset[str]:
    return frozenset("".join(lexicon.terms()))


def _suspects(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` where a window one edit from a term may start or end, found by the filter
    (``_filters``: a window starts where it matches): from each place it matches to the end of the longest
    term after it, the overlapping merged; without the filter, the whole text."""
    filters = _filters()
    if filters is None:
        return [(0, len(text))] if text else []
    reach = _longest() + 1
    out: list[tuple[int, int]] = []
    for at in sorted(at for f in filters for at in _match_starts(f, text)):
        lo, hi = at, min(at + reach, len(text))
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _match_starts(pattern: re.Pattern[str], text: str) -> Iterator[int]:
    """Every place where ``pattern`` matches in ``text``, each tried (its matches may overlap)."""
    m = pattern.search(text)
    while m is not None:
        yield m.start()
        m = pattern.search(text, m.start() + 1)


def _occurrences(text: str, words: frozenset[str], lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str]]:
    """Where each of ``words`` is written in ``text[lo:hi]``."""
    found = []
    for word in words:
        at = text.find(word, lo, hi)
        while at >= 0:
            found.append((at, at + len(word), word))
            at = text.find(word, at + 1, hi)
    return found


def _hidden(text: str, lo: int, hi: int, found: list[tuple[int, int, str]]) -> str:
    """``text[lo:hi]`` with each term ``found`` written exactly (in order, apart) kept to its first three
    characters, the rest NULs (the same length)."""
    parts: list[str] = []
    last = lo
    for a, b, _ in found:
        x, y = max(a + 3, lo), min(b, hi)
        if x < y:
            parts += (text[last:x], "\0" * (y - x))
            last = y
    parts.append(text[last:hi])
    return "".join(parts)


# how far back to look for a character that is no term's, where the terms found after it are those found from
# the text's start; past that, the terms of the whole text are found once
_WALK = 64


def _search(
    text: str,
    lo: int,
    hi: int,
    exact: set[tuple[int, int, str]],
    tried: set[tuple[str, int, bool]],
    whole: list[list[tuple[int, int, str]]],
) -> None:
    """Add to ``exact`` the terms written exactly, and to ``tried`` the terms whose half is found, at the places
    ``lo:hi`` of ``text`` as a search of the whole text finds them there. The terms written exactly are found at
    once; their insides are not searched again (a window that starts or ends inside one is that term's own
    text, not a slip): the text searched keeps their first three characters only (what ``_index`` looks for).
    No term holds a character that is no term's, so the terms found from just after one are those a search
    from the text's start finds there; where there is none close before ``lo``, the terms of the whole text
    (``whole``, found at the first such place)."""
    pattern, pairs = _index()
    chars = _term_chars()
    start, floor = lo, max(lo - _WALK, 0)
    while start > floor and text[start - 1] in chars:
        start -= 1
    stop = min(hi + 3, len(text))  # what the index looks at from the places before hi
    if start > 0 and text[start - 1] in chars:
        if not whole:
            whole.append([(m.start(), m.end(), m.group()) for m in _exact().finditer(text)])
        every = whole[0]
        at = bisect.bisect_left(every, (stop,))
        found = every[bisect.bisect_left(every, (max(lo - _longest(), 0),), 0, at) : at]
    else:  # a term starting before stop ends within the longest term of it: the search need go no further
        found = []
        for m in _exact().finditer(text, start, stop + _longest()):
            if m.start() >= stop:
                break
            found.append((m.start(), m.end(), m.group()))
    exact.update(t for t in found if t[1] > lo)
    limit = max(stop, found[-1][1]) if found else stop  # the last term found whole
    searched = _hidden(text, lo, limit, found)
    for m in pattern.finditer(searched):
        pos = m.start() + lo
        if pos >= hi:
            break
        for half, begins, ends in pairs.get(text[pos : pos + 2], ()):
            if not text.startswith(half, pos):
                continue
            end = pos + len(half)
            if begins[2]:
                for term in _lookup(begins, text[end : end + 3]):
                    if text.startswith(term, pos):
                        exact.add((pos, pos + len(term), term))
                    else:
                        tried.add((term, pos, True))
            if ends[2]:
                for term in _lookup(ends, text[max(pos - 3, 0) : pos][::-1]):  # the three before, read backwards
                    if not text.startswith(term, end - len(term)):
                        tried.add((term, end, False))


def find_slips(text: str) -> list[Slip]:
    """Every place in ``text`` (a report's prose) where an official term is written one edit off, and
    not explained by a word that belongs there; where two terms are equally near, none. Only the
    stretches the filter finds (``_suspects``) are searched: elsewhere no window is one edit from a term."""
    exact: set[tuple[int, int, str]] = set()
    tried: set[tuple[str, int, bool]] = set()  # (term, where its half starts or ends, whether it begins it)
    whole: list[list[tuple[int, int, str]]] = []  # the terms of the whole text, once found (``_search``)
    spans = _suspects(text)
    for lo, hi in spans:
        _search(text, lo, hi, exact, tried, whole)
    terms = _term_set()
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
            edit = _edit(written, term, lexicon.confusable, lexicon.FUNCTION_CHARS, lexicon.FUNCTION_CHARS)
            if edit is not None and _stands_apart(text, a, b, written, edit[4], edit[3]):
                i, old, new, kind, _ = edit
                candidates.append(Slip(a, b, term, a + i, old, new, kind))
    if not candidates:
        return []
    # Each window lies in the stretch it was found in; a term written exactly that overlaps it starts at most
    # a term's length before (searched for where it may start), a near-neighbour a word's length (looked for).
    starts = [lo for lo, _ in spans]
    near: list[tuple[int, int, str]] = []
    for lo, hi in sorted({spans[bisect.bisect_right(starts, c.start) - 1] for c in candidates}):
        _search(text, max(lo - _longest(), 0), lo, exact, set(), whole)
        near += _occurrences(text, lexicon.NEAR_WORDS, max(lo - _NEAR_LONGEST, 0), hi + _NEAR_LONGEST)
    ordered = sorted(exact)
    return _unambiguous([c for c in candidates if not _explained(c, ordered, near)])


def _explained(slip: Slip, exact: list[tuple[int, int, str]], near: list[tuple[int, int, str]]) -> bool:
    """Whether the window overlaps the term itself or another term that is no part of it (不予以公开
    holds 予以公开; a longer term written right is its own text), or covers a legitimate near-neighbour
    at the edit (不再处理, 反复申请)."""
    for a, b, word in exact:
        if a >= slip.end:
            break
        if b > slip.start and (word == slip.term or word not in slip.term):
            return True
    return any(a <= slip.at <= b and a < slip.end and b > slip.start for a, b, _ in near)


def _unambiguous(candidates: list[Slip], longest: bool = False) -> list[Slip]:
    """One slip per place: overlapping candidates that mend the same character become one (the
    shortest term names it, or the longest); candidates that mend different characters cancel out."""
    out: list[Slip] = []
    group: list[Slip] = []
    for c in sorted(candidates, key=lambda c: (c.start, c.end)):
        if group and c.start >= max(g.end for g in group):
            out.extend(_one(group, longest))
            group = []
        group.append(c)
    out.extend(_one(group, longest))
    return out


def _one(group: list[Slip], longest: bool) -> list[Slip]:
    if not group or len({(g.at, g.old, g.new) for g in group}) > 1:
        return []
    return [min(group, key=lambda g: (-len(g.term) if longest else len(g.term), g.start, g.term))]


# ------------------------------------------------------------------ GI620 official terms

_WHY = {
    "homophone": ("“{w}”与“{m}”同音", "{w} for its homophone {m}"),
    "lookalike": ("“{w}”与“{m}”形近", "{w} for the look-alike {m}"),
    "own": ("把名称中的“{w}”写在了“{m}”的位置", "{w}, a character of the name, where {m} belongs"),
    "dropped": ("漏了“{m}”字", "{m} is missing"),
    "added": ("多了“{w}”字", "an extra {w}"),
}


def _why(slip: Slip) -> tuple[str, str]:
    zh, en = _WHY[slip.kind]
    return zh.format(w=slip.old, m=slip.new), en.format(w=slip.old, m=slip.new)


_LAST: list[tuple[Stream, list[Slip]]] = []  # the last report's slips: GI620 and GI104 both read them


def slips(report: Report) -> list[Slip]:
    """GI620's slips in the report's prose: what ``find_slips`` finds in the text the wording rules
    read, less what GI601 reports (a slip inside a misnamed Regulation)."""
    if _LAST and _LAST[0][0] is report.stream:
        return _LAST[0][1]
    text = _masked(report)
    found = find_slips(text)
    if found:
        misnamed = [m.span() for m in _REG_NAME.finditer(text) if norm(m.group()) not in _ACCEPTED]
        found = [s for s in found if not any(a < s.end and s.start < b for a, b in misnamed)]
    _LAST[:] = [(report.stream, found)]
    return found


def mended_title(report: Report, section: Section) -> str:
    """A section's title with GI620's slips in its heading mended (GI104 judges that one: a heading
    whose only fault is a misspelt term is GI620's)."""
    text = report.stream.text
    heading = text[section.start : section.body_start]
    at = heading.find(section.title)
    inside = [s for s in slips(report) if section.start + max(at, 0) <= s.start and s.end <= section.body_start]
    if at < 0 or not inside:
        return section.title
    title = section.title
    for s in sorted(inside, key=lambda s: -s.at):
        i = s.at - section.start - at
        title = title[:i] + s.new + title[i + len(s.old) :]
    return title


@rule(
    "GI620",
    "term-typo",
    "wording",
    "warning",
    "官方用语有错别字",
    "an official term is misspelt",
    registry=RULES,
    fix="safe",
    applies=REPORT,
)
def term_typo(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文、标题和小标题中，条例和格式规定的用语（表格的行列标签及其组成部分、六个部分的标题、表格名称，
    以及“政府信息公开”“依申请公开”“行政复议”“信息处理费”“勾稽关系”等）是否写错了一个字：同音字
    （“行政复义”“予已公开”“信息处理废”）、形近字（“现行有郊件数”）、多一个字（“行政法复议”）或漏
    一个字（“信息处费”）。只检查四个字以上的用语；换成的字须与原字同音或形近；多出或漏掉的是“的”
    “和”“及”“性”“不”“已”等虚词时不算（“政府信息的公开”“不予以公开”“过程信息”）；本身另有含义的近似
    说法不报告（“不再处理”“反复申请”“统计时限”“主动公布”等，见 ``gilint.formats.lexicon.NEAR_WORDS``）；
    两个用语同样接近、无法判断本意时不报告；错字在用语的第一个或最后一个字时，只在它与前后文字隔开
    （标点、换行、数字）时报告。表格内的标签由 GI604 检查，条例名称由 GI601 检查，重复的字词由 GI605
    检查；部分标题中唯一的问题是用语错字时由本规则报告，GI104 不再报告。
    Whether a term of the Regulation or the format (table labels and their parts, section titles,
    table names, 政府信息公开, 依申请公开, 行政复议, 信息处理费, 勾稽关系, …) is written one character
    off in the prose, the title or a heading: a homophone, a look-alike, a character added or one
    dropped. Terms of four characters or more only; a substituted character must sound or look like
    the right one; a particle or conjunction added or dropped is no slip (政府信息的公开, 不予以公开);
    legitimate near-neighbours (不再处理, 反复申请, 统计时限) and places where two terms are equally near
    are silent; a slip at a term's first or last character counts only where the term stands apart.
    Table labels are GI604's, the Regulation's name GI601's, doubled words GI605's; a heading whose
    only fault is such a slip is reported here, not by GI104.

    为什么 / Why
    年报按国务院办公厅统一格式编制（条例第五十条），格式的标签和条例的用语是法定概念，写错一字即
    用语不准确；2021 年格式将“发布内容不准确”列为追责情形，评估中逐字标出这类错字。The report follows
    the unified format (Article 50); its labels and the Regulation's terms are legal concepts, and the
    2021 format sanctions inaccurate content.

    错误示例 / Bad
    四、政府信息公开行政法复议、行政诉讼情况
    本年度被申请行政复义1件，未收取信息处理废。

    正确示例 / Good
    四、政府信息公开行政复议、行政诉讼情况
    本年度被申请行政复议1件，未收取信息处理费；行政机关不再处理其申请的，依法告知。

    修复 / Fix
    安全：改为规定的用语（只改那一个字：替换、删去或补上）。Safe: the term as the format writes it
    (only the one character replaced, deleted or added).
    """
    text = report.stream.text
    for s in slips(report):
        if ocr_read(report, s.start):
            continue
        written = text[s.start : s.end]
        why_zh, why_en = _why(s)
        yield Finding(
            report.stream.span(s.start, s.end),
            f"“{written}”应为“{s.term}”：{why_zh}",
            f"“{written}” should be “{s.term}”: {why_en}",
            f"格式和条例的用语是“{s.term}”",
            f"the format's and the Regulation's term is “{s.term}”",
            fix=Fix(f"改为“{s.term}”", f"write “{s.term}”", (Edit(s.at, s.at + len(s.old), s.new),)),
        )


# ------------------------------------------------------------------ GI621 the agency's own name

# Where a name splits into its parts: after each region word (青禾综合实验区 | 财政金融局, 某某县 |
# 市场监督管理局, 云溪市 | 青禾区 | 人民政府).
_REGION = regex.compile(
    r"综合实验区|经济技术开发区|高新技术产业开发区|开发区|实验区|新区|片区|自治县|自治州|自治区|街道|[省市县区镇乡旗盟州]"
)
# left out of a name on purpose (发展改革局, 交通建设局); a particle put in is no slip either (青禾县的市场
# 监督管理局), but a dropped 新 is (青禾区管委会 for 青禾新区管委会)
_NAME_PURPOSE = frozenset("和与及、")
_LEVELS = frozenset(
    "省市县区镇乡村旗盟州"
)  # another level's agency, not a slip  # left out of a name on purpose: 发展改革局, 交通建设局
_AGENCY = regex.compile(
    r"[\u4e00-\u9fff]{4,30}(?:局|委|委员会|办|办公室|办公厅|厅|署|中心|院|所|站|队|处|部|社|馆|政府|街道|办事处|镇|乡|管委会)"
)


def components(name: str) -> list[str]:
    """The name and its parts of four characters or more: its pieces split after each region word, and
    a region's words after its two-character place name (青禾综合实验区 → 综合实验区)."""
    pieces, last = [], 0
    for m in _REGION.finditer(name):
        if m.end() - last >= 2:
            pieces.append(name[last : m.end()])
            last = m.end()
    pieces.append(name[last:])
    parts = [name, *pieces, *(p[2:] for p in pieces if _REGION.fullmatch(p[2:]))]
    return sorted({p for p in parts if len(p) >= 4}, key=lambda p: (-len(p), p))


def _own_names(report: Report) -> list[str]:
    """The agency's name as the title gives it, and as the signature (the line above the date at the
    end) does when that is not the title's name one character off."""
    names = [report.agency] if report.agency and len(report.agency) >= 4 else []
    published = report.published
    if published is not None and published.source == "signature":
        nodes = report.stream.nodes
        at = next((i for i in range(len(nodes) - 1, 0, -1) if nodes[i].span == published.span), 0)
        signed = re.sub(r"\s+", "", nodes[at - 1].text) if at else ""
        if _AGENCY.fullmatch(signed) and not any(distance(signed, n, 1) <= 1 for n in names):
            names.append(signed)
    return names


def _name_odd(name: str) -> Odd:
    """A substitution that may be a slip in ``name``: a homophone, a look-alike, or a character of the
    name itself in the wrong place (市场监管管理局 for 市场监督管理局)."""

    def odd(meant: str, written: str) -> Kind | None:
        if meant in _LEVELS or written in _LEVELS:
            return None  # 青禾市市场监督管理局 is the city's bureau, not the county's misspelt
        return lexicon.confusable(meant, written) or ("own" if written in name else None)

    return odd


def find_name_slips(text: str, names: list[str]) -> list[Slip]:
    """Where ``text`` writes one of ``names`` or of their components one edit off (``Slip.term`` is the
    name as meant), the report writing that name at least as often as the slip; where two parts of
    the name are equally near, none."""
    refs = _refs(tuple(names))
    exact = [(a, a + len(r), r) for r in refs for a in _starts(text, r)]
    present = {r for _, _, r in exact}
    candidates = []
    added = lexicon.FUNCTION_CHARS | _NAME_PURPOSE
    for ref in refs:
        odd = _name_odd(ref)
        k = len(ref) // 2
        # A window that overlaps the name written right, or another name that is no part of it, is none
        # (below): the halves are looked for in the text with those blanked.
        searched = text
        for r in refs:
            if r in present and (r == ref or r not in ref):
                searched = searched.replace(r, "\0" * len(r))
        for half, first in ((ref[:k], True), (ref[k:], False)):
            # an edit at the name's first or last character, or a character put before or after it, makes
            # no slip (``_other_word``, ``_edit``): what is written keeps the end the half does not hold
            keep = ref[-1] if first else ref[0]
            for pos in _starts(searched, half):
                at = pos if first else pos + len(half) - len(ref)
                if at >= 0 and text.startswith(ref, at):
                    continue  # the half of the name written right there: every window below holds it
                for n in (len(ref) - 1, len(ref), len(ref) + 1):
                    a, b = (pos, pos + n) if first else (pos + len(half) - n, pos + len(half))
                    if a < 0 or b > len(text) or text[b - 1 if first else a] != keep:
                        continue
                    written = text[a:b]
                    if "\n" in written:
                        continue
                    edit = _edit(written, ref, odd, added, _NAME_PURPOSE)
                    if edit is None or _other_word(edit, len(written), len(ref)):
                        continue
                    if any(x < b and a < y and (r == ref or r not in ref) for x, y, r in exact):
                        continue  # the name written right there
                    i, old, new, kind, where = edit
                    if _stands_apart(text, a, b, written, where, kind) and text.count(ref) >= text.count(written):
                        candidates.append(Slip(a, b, ref, a + i, old, new, kind))
    return _unambiguous(candidates, longest=True)


@lru_cache(maxsize=256)
def _refs(names: tuple[str, ...]) -> tuple[str, ...]:
    """The names and their components (``components``), the longest first (a report's agency is often
    another's too)."""
    return tuple(sorted({c for n in names for c in components(n)}, key=lambda c: (-len(c), c)))


def _other_word(edit: Edit1, n: int, size: int) -> bool:
    """Whether the edit makes another word of the name rather than a slip: its first or last character
    changed (上海科技 for 上海市科委, 公安机关), or a character put before its last (公安分局, 管理分局)."""
    where, kind = edit[4], edit[3]
    return (n == size and where in (0, n - 1)) or (kind == "added" and where == n - 2)


def _starts(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


@rule(
    "GI621",
    "own-name-typo",
    "wording",
    "warning",
    "本机关名称写错",
    "the agency misspells its own name",
    registry=RULES,
    fix="unsafe",
    applies=REPORT,
)
def own_name_typo(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文和落款中本机关的名称（取自标题，标题没有时取自落款）或其组成部分（如“青禾综合实验区”“综合
    实验区”“财政金融局”）是否写错了一个字：同音字、形近字、把名称中的字写错了位置（“市场监管管理局”
    之于“市场监督管理局”）、漏一个字（“青禾区管委会”之于“青禾新区管委会”）或多一个字。只在报告他处
    写对的次数不少于写错的次数时报告；名称的首字或末字不同的（“上海科技”“公安机关”“管理局”之于
    “管理处”）是另一个词，不报告；名称末字前多一个字的（“公安分局”）是另一个机关，不报告；省去“和”“与”
    “及”的简称（“发展改革局”“交通建设局”）、多写了“的”等虚词的不报告；把“县”“市”“区”等行政层级字换成
    另一级的（“青禾市市场监督管理局”）是上级或下级机关，不报告；
    四个字以下的组成部分不检查。官方用语的错字由 GI620 报告。
    Whether the agency's own name (from the title, else the signature) or one of its parts is
    written one character off in the body or the signature: a homophone, a look-alike, a character
    of the name in the wrong place, one dropped or one added. Reported only where the report writes
    the name right at least as often; a different first or last character makes another word, a
    character put before the last another agency (公安分局), another level character (市 for 县) a
    superior's name, and a short form without 和/与/及 or a particle put in is no slip; parts under four
    characters are not checked.

    为什么 / Why
    年报以本机关名义向社会公布（条例第四十九条），标题、正文与落款的机关名称应当一致；名称写错是评估中
    常见的文字差错。The report is published in the agency's name (Article 49); the name must agree
    throughout.

    错误示例 / Bad
    标题：青禾县市场监督管理局2023年政府信息公开工作年度报告 …… 落款：青禾县市场监管管理局

    正确示例 / Good
    标题：青禾县市场监督管理局2023年政府信息公开工作年度报告 …… 落款：青禾县市场监督管理局

    修复 / Fix
    不安全：改为报告他处使用的名称。写错的也可能是标题，需要人来核对。Unsafe: the name as the report
    writes it elsewhere; it may be the title that is wrong, so a human should look.
    """
    names = _own_names(report)
    if not names:
        return
    text = _masked(report)
    terms = slips(report)
    for s in find_name_slips(text, names):
        if any(t.start < s.end and s.start < t.end for t in terms) or ocr_read(report, s.start):
            continue  # an official term misspelt: GI620's; or a reading of OCR's
        written, times = text[s.start : s.end], text.count(s.term)
        why_zh, why_en = _why(s)
        yield Finding(
            report.stream.span(s.start, s.end),
            f"本机关名称写作“{written}”，报告他处写作“{s.term}”（{times}处）：{why_zh}",
            f"the agency's name is written “{written}”; elsewhere the report writes “{s.term}” "
            f"({times} times): {why_en}",
            f"应为“{s.term}”",
            f"expected “{s.term}”",
            fix=Fix(f"改为“{s.term}”", f"write “{s.term}”", (Edit(s.at, s.at + len(s.old), s.new),), "unsafe"),
        )
