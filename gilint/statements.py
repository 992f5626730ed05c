"""What the prose says about the tables: every count it states, the term it is about, its enumeration
and whether it speaks for the agency's whole year. The vocabulary is ``gilint.formats.claims``; the
narrative rules compare what this finds with the table cells.

The prose is the report's text without tables 2-4, read without white space (a PDF's line breaks and
"21 件" are nothing), quotes dropped, ASCII punctuation made full-width. A line break is kept as the end
of a sentence only where a paragraph ends: after 。！？；：, before a blank line or a numbered heading.

In a sentence, each count ("13件") has its words (before it, back to the last ，；：, a bracket holding a
count, or the count before) and the words after its unit. A total (received, answered, reconsiderations)
heads the counts after it: they are its parts, and after 其中/含/包括 a total is a part too (a sub-total,
never the agency's). A sentence that opens with 其中 continues the previous one's head. A count's
``scope`` says why it is not the agency's year total ("" when it is): a guard of the vocabulary in its
words, another year in its sentence, no word for the whole year, a head that is not one.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from gilint import regex
from gilint.formats import claims as C
from gilint.model import Report
from gilint.numbers import parse_count

_CLOSING = frozenset("。！？!?；;：:")  # a line that ends with one of these ends its paragraph,
_DROPPED = " \t\u3000\r“”‘’\"'「」『』"  # white space and quotes after it or not
_QUOTES = "“”‘’\"'「」『』"  # dropped from the prose, as white space is
_BREAK = "\ue000"  # a paragraph's end while the text is made compact (a private-use character)
_SEPARATOR = regex.compile(r"(?<=[0-9])，(?=[0-9])")  # a comma of 1,300 (matched where the text has ",")
_WIDE = dict(zip("(),;:０１２３４５６７８９％", "（），；：0123456789%", strict=True))
_HEADING_CHARS = 40  # a numbered line this short without 。 is a heading
_INDENT_CHARS = " \t\u3000"
_INDENT = regex.compile(rf"[{_INDENT_CHARS}]*")
# A heading's number, after its indent; it never starts with white space, so that it is matched where the
# indent ends (where else the engine would try it at each place of a long run of spaces, going back).
_NUMBER_MARK = regex.compile(
    r"#+|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、．.]|\d{1,2}[、．.](?!\d)|[-*|>]"
)
_MARK_START = regex.first(_NUMBER_MARK.pattern)  # a character a match of it starts with
_SHORT_HEADING = regex.compile(rf"(?:{_NUMBER_MARK.pattern})[^\n]{{0,{_HEADING_CHARS}}}\n")  # to the line's end
_BLANK_LINE = regex.compile(r"[ \t\u3000\r]*(?:\n|\Z)")
# The patterns searched at every place of the prose are compiled ``regex.leading``: the characters a match may
# start with said first, so that the engine passes over the others at once (a third of the time; the same matches).
# A count. No match holds a sentence end, whose character is not a digit; its zero's lookahead sees the character
# after it (a sentence end at the latest).
_COUNT = regex.compile(
    regex.leading(
        rf"(?P<num>{C.NUMBER})(?P<unit>[{C.UNITS}])|[为是](?P<zero>零|0)(?=[，；：、{re.escape(C.SENTENCE_END)}]|$)"
    )
)


def _first_chars(pattern: re.Pattern[str]) -> frozenset[str]:
    """The characters a match of ``pattern`` (an alternation of words) may start with, as ``regex.first`` tells
    them, each written in the pattern: a set to look the character at a place up in, where matching a pattern
    there costs a call of the engine."""
    first = regex.first(pattern.pattern)
    return frozenset(ch for ch in pattern.pattern if first.match(ch))


_NOT_A_COUNT = regex.compile("工作日|自然日|日|天|月|小时|周|年|季度|百分点|倍|人次|批次|性|余|多")
_NOT_A_COUNT_FIRST = _first_chars(_NOT_A_COUNT)
_NOT_BEFORE = frozenset("0123456789.,第每逐单统唯进同之")
_PERCENT = regex.compile(
    r"[，（]?(?:占(?:比|总数|全部|办结总数|总量|申请总数|申请总量)?(?:的|为|约)?)?"
    r"(?P<pct>[0-9]+(?:\.[0-9]+)?)%"
)
_PERCENT_FIRST = frozenset("，（占0123456789")  # what a match of it starts with
_YEAR = regex.compile(r"((?:19|20)\d\d)年")
_LEAD = regex.compile(r"(?:[、，]|以及|及|和|与|并且|并|且|另外)+")
_LEAD_FIRST = _first_chars(_LEAD)
_CONTEXT = 150  # characters before a sentence that may say what it is about
_MAX_WORDS = 60  # characters of words before a count that are read


@dataclass(slots=True)
class Count:
    """One count the prose states: "共收到政府信息公开申请13件" (value 13, term received)."""

    value: int
    term: C.Term | None
    start: int  # stream offsets: from where its term's words start to the end of the unit
    end: int
    words: str  # the words before the number, as read (compact)
    text: str  # what a message quotes: the words of its term, the number and the unit
    sentence: int  # index into ``Prose.sentences``
    at: int  # compact offsets: where its number starts,
    begin: int  # and where the words of its term start
    head: Count | None = None  # the total it is a part of
    scope: str = ""  # why it is not the agency's year total; "" when it is
    percent: tuple[float, int] | None = None  # (value, decimals) of a share stated right after it
    negation: bool = False  # a statement that there was none (未收到…申请)
    bare: bool = False  # its words name no request (共办结148件): it counts what ``follows`` counts
    goi: bool = False  # it says 申请 alone: a disclosure request only where the text is about them
    follows: Count | None = None  # the head before it in its sentence, when it is a total
    parts: list[Count] = field(default_factory=list)  # for a head: its parts, in order


@dataclass(slots=True)
class Prose:
    """The report's prose in compact form, its sentences and the counts they state."""

    text: str  # the compact text
    sentences: list[tuple[int, int]]  # compact (start, end) of each sentence
    counts: list[Count]


_last: tuple[Report, Prose] | None = None


def prose_counts(report: Report) -> Prose:
    """The counts of ``report``'s prose (worked out once per report: every narrative rule asks)."""
    global _last
    if _last is None or _last[0] is not report:
        _last = (report, _read(report))
    return _last[1]


def _blanked(report: Report) -> str:
    """The stream's text with tables 2-4 made white space (of the same length), joined once."""
    text = report.stream.text
    pieces: list[str] = []
    last = 0
    for t in sorted(report.tables.values(), key=lambda t: t.start):
        start = max(t.start, last)  # a table within one before it is blank already
        if t.end > start:
            pieces += (text[last:start], " " * (t.end - start))
            last = t.end
    pieces.append(text[last:])
    return "".join(pieces)


class _Offsets:
    """The stream offset of each compact character, kept as runs (a run of the text without white
    space is a run of the compact text): ``offsets[i]``."""

    def __init__(self, starts: list[int], origins: list[int]) -> None:
        self.starts = starts  # compact offset where each run starts
        self.origins = origins  # its stream offset

    def __getitem__(self, i: int) -> int:
        j = bisect.bisect_right(self.starts, i) - 1
        return self.origins[j] + i - self.starts[j]


def _paragraph_ends(text: str) -> list[int]:
    """Where a line break ends a paragraph: after 。！？；： (and white space, quotes), after a numbered line of
    at most ``_HEADING_CHARS`` characters (a short heading), before a blank line or a numbered line.

    Line by line, with ``str`` methods and patterns matched at a line's start: a line is some tens of
    characters or more, and a pattern searched at every place of the text (``re`` tries each) cost several
    times more (found so, the breaks are the same: each of those patterns ended at a line break)."""
    out = []
    start, end = 0, text.find("\n")
    mark = _indented(text, 0)  # where the number of a heading on the line would be
    while end >= 0:
        next_mark = _indented(text, end + 1)
        if (
            _closes(text, start, end)
            or (_marked(text, mark) and _SHORT_HEADING.match(text, mark))
            or (_marked(text, next_mark) and _NUMBER_MARK.match(text, next_mark))
            or (text[end + 1 : end + 2] in " \t\u3000\r\n" and _BLANK_LINE.match(text, end + 1))  # "" at the end
        ):
            out.append(end)
        start, end, mark = end + 1, text.find("\n", end + 1), next_mark
    return out


def _closes(text: str, start: int, end: int) -> bool:
    """Whether the line [start, end) ends with one of ``_CLOSING`` (and white space, quotes): its last character
    looked at first, the line copied and stripped only when that is one of ``_DROPPED`` (a line of a blanked
    table is thousands of spaces)."""
    last = text[end - 1 : end] if end > start else ""
    if last and last not in _DROPPED:
        return last in _CLOSING
    return text[start:end].rstrip(_DROPPED)[-1:] in _CLOSING


def _marked(text: str, at: int) -> bool:
    """Whether a heading's number (``_NUMBER_MARK``) may start at ``at``: the character there, checked before the
    pattern is matched (most lines start with none)."""
    return _MARK_START.match(text, at) is not None


def _indented(text: str, at: int) -> int:
    """Where the indent of the line starting at ``at`` ends."""
    if text[at : at + 1] not in _INDENT_CHARS:  # most lines have none ("" at the end is in every str)
        return at
    indent = _INDENT.match(text, at)  # it always matches, if only the empty string
    return indent.end() if indent else at


def _compact(text: str) -> tuple[str, _Offsets]:
    """The text without white space and quotes, punctuation full-width (1,300 keeps its comma), a line
    break kept only where a paragraph ends; and the stream offset of each character. Done with ``str``
    methods over the whole text (and a loop over its lines), so that the time is linear whatever its lines
    look like: a quote or a narrow sign is replaced by one of the same length (white space, its wide form),
    so that until the text is split into runs of what is kept, an offset in it is one in ``text``."""
    pieces, last = [], 0
    for i in _paragraph_ends(text):
        pieces.append(text[last:i])
        pieces.append(_BREAK)
        last = i + 1
    pieces.append(text[last:])
    marked = "".join(pieces)
    for narrow, wide in _WIDE.items():  # no wide form is a narrow one: replaced one after another, as at once
        marked = marked.replace(narrow, wide)
    for quote in _QUOTES:
        marked = marked.replace(quote, " ")
    runs = marked.split()  # str's white space is re's \s: the characters str.isspace() says are
    origins, at = [], 0
    for run in runs:  # a run starts at the first character after the last one that is not white space
        at = marked.find(run[0], at)  # only white space before it: its first character's next place
        origins.append(at)
        at += len(run)
    starts = list(itertools.accumulate(map(len, runs), initial=0))[:-1]
    out = "".join(runs).replace(_BREAK, "\n")
    pos = _Offsets(starts, origins)
    separators = [c for c in _compact_offsets(text, ",", origins, starts) if _SEPARATOR.match(out, c)]
    if separators:
        chars = list(out)
        for c in separators:
            chars[c] = ","
        out = "".join(chars)
    return out, pos


def _compact_offsets(text: str, char: str, origins: list[int], starts: list[int]) -> Iterator[int]:
    """The compact offset of each ``char`` of ``text`` (which is not white space or a quote, so is kept): the
    run it is in starts at or before it (``origins``: their stream offsets, ``starts``: their compact ones)."""
    at = text.find(char)
    while at >= 0:
        j = bisect.bisect_right(origins, at) - 1
        yield starts[j] + at - origins[j]
        at = text.find(char, at + 1)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The vocabulary's forms compiled for one report year ({prev} and {next} filled in): those that
    need only the words before the number as one alternation (its leftmost match is the earliest form,
    the first listed at that place), the others one by one."""

    words: re.Pattern[str]  # (?:…)$(?P<f0>)|(?:…)$(?P<f1>)|…
    forms: tuple[tuple[int, C.Term, C.Form], ...]  # by alternative: (order, term, form)
    ends: re.Pattern[str] | None  # a character a match of ``words`` may end with (None: any, or it may be empty)
    after: tuple[tuple[int, C.Term, C.Form, re.Pattern[str] | None, re.Pattern[str]], ...]
    any_after: re.Pattern[str]  # (?:…)|(?:…)|…: matches at the start of words after a unit where one of ``after`` does
    after_empty: bool  # whether ``any_after`` matches nothing after the unit (most counts have nothing there)
    negations: tuple[tuple[re.Pattern[str], tuple[C.Term, ...]], ...]
    any_negation: re.Pattern[str]  # (?:…)|(?:…)|…: matches in a sentence where one of ``negations`` does
    guards: tuple[tuple[str, re.Pattern[str]], ...]
    any_guard: re.Pattern[str]  # matches in a count's words where one of ``guards`` may (see ``_loosened``)


# A pattern that opens with a run of characters before what it is about ("[\u4e00-\u9fa5]{1,10}?(?:科|…)", the
# office guard): searched for, it tries that run at every place; without it, only where its core can be.
_LOOSE_START = regex.compile(r"\(\?!\[(?:[^\]\\]|\\.)*\]\)\[(?:[^\]\\]|\\.)*\]\{\d+,\d+\}\?")


def _loosened(pattern: str) -> str:
    """A pattern that matches somewhere in every string ``pattern`` matches in: ``pattern`` without its opening
    run (see ``_LOOSE_START``), or ``pattern`` itself. What follows the run starts a match of it later on."""
    run = _LOOSE_START.match(pattern)
    if run is None or "|" in pattern[: run.end()] or not pattern.startswith("(?:", run.end()):
        return pattern
    return pattern[run.end() :]


@cache
def _compiled(year: int | None) -> _Vocabulary:
    prev = str(year - 1) if year else "(?!)"
    nxt = str(year + 1) if year else "(?!)"

    def sub(source: str) -> str:
        return source.replace("{prev}", prev).replace("{next}", nxt)

    listed = [(order, t, f) for order, (t, f) in enumerate((t, f) for t in C.TERMS for f in t.forms)]
    plain = tuple(x for x in listed if not x[2].after)
    # Each form's group is an empty one after it, the last group a match of it closes (``lastgroup``, as a
    # group around it would be): the engine passes over a form that cannot start at a place by its first
    # character (it does for an alternative that starts with a character or a class), where a group
    # around each form had it enter every form at every place (twice the time).
    sources = [sub(f.before) for _, _, f in plain]
    words = regex.compile(regex.leading("|".join(f"(?:{source})$(?P<f{i}>)" for i, source in enumerate(sources))))
    after = tuple(
        (
            order,
            t,
            f,
            regex.compile(regex.leading(f"(?:{sub(f.before)})$")) if f.before else None,
            regex.compile(sub(f.after)),
        )
        for order, t, f in listed
        if f.after
    )
    any_after = regex.compile("|".join(f"(?:{sub(f.after)})" for _, _, f, _, _ in after))
    by_id = {t.id: t for t in C.TERMS}
    negations = tuple((regex.compile(regex.leading(sub(p))), tuple(by_id[i] for i in ids)) for p, ids in C.NEGATIONS)
    # One scan tells the many sentences with 无 (无法提供) that state no negation, where each pattern took one.
    any_negation = regex.compile(regex.leading("|".join(f"(?:{sub(p)})" for p, _ in C.NEGATIONS)))
    guards = tuple((name, regex.compile(regex.leading(p))) for name, p in C.GUARDS)
    # One scan tells the many counts whose words hold no guard, where each guard took one.
    any_guard = regex.compile(regex.leading("|".join(f"(?:{_loosened(p)})" for _, p in C.GUARDS)))
    ends = regex.last("|".join(f"(?:{source})" for source in sources))
    empty = any_after.match("") is not None
    return _Vocabulary(words, plain, ends, after, any_after, empty, negations, any_negation, guards, any_guard)


_SCOPE_WORDS = {
    "whole": regex.compile(regex.leading(C.WHOLE)),
    "respectively": regex.compile(C.RESPECTIVELY),
    "not-the-year": regex.compile(C.NOT_THE_YEAR),
    "requests": regex.compile(C.REQUESTS_IN_VIEW),
    "request": regex.compile(regex.leading(C.REQUEST)),
    "goi": regex.compile(C.GOI),
    "part": regex.compile(C.PART_OF),
}
_BRACKET = regex.compile("（[^（）]*）?")
_DIGITS = "0123456789０１２３４５６７８９〇零一二两三四五六七八九十百千万"  # what a number (C.NUMBER) ends with
_NUMBER_CHARS = frozenset(_DIGITS + ",")  # what one is made of
_NEGATION_CHARS = "未没无"
_FIRST_END, _OTHER_ENDS = C.SENTENCE_END[0], C.SENTENCE_END[1:]  # each a sentence end of one character
# What a count (``_COUNT``) needs: a unit after a digit or numeral, 为/是 before a zero. One character, the
# conditions looked back at: a pattern that opens with a class is scanned by the engine's fast loop over the
# characters of the class (one opening with a lookahead, as ``regex.leading`` makes, at twice the time: the matcher
# is entered at every place).
_CANDIDATE = regex.compile(rf"[{C.UNITS}为是](?:(?<=[{_DIGITS}][{C.UNITS}])|(?<=[为是])(?=[零0]))")
_CLAUSE_CHARS = frozenset("，；：（）、")  # what ends the words after a unit
_CLAUSE = regex.compile(f"[{''.join(sorted(_CLAUSE_CHARS))}]")
_WHOLE = regex.compile(C.WHOLE)
_PART_OF = regex.compile(C.PART_OF)
_AGGREGATE = regex.compile(C.AGGREGATE)
_ALL_KINDS = regex.compile(C.ALL_KINDS)
_CHANNELS = [regex.compile(w) for w in C.CHANNEL_WORDS.values()]
_APPLICANTS = [regex.compile(w) for w in C.APPLICANT_WORDS.values()]
# One scan tells the many words that name no channel or applicant type, where each class took one.
_ANY_KIND = regex.compile(
    regex.leading("|".join(f"(?:{w})" for w in (*C.CHANNEL_WORDS.values(), *C.APPLICANT_WORDS.values())))
)


class _Marks:
    """Where the scope patterns match in the compact text, so that asking "is there one between a and
    b" costs a bisection, whatever the length of a sentence; found sentence by sentence, as they are
    asked about (those with a count and the context before them: a fifth of the text, where a scan of
    the whole text for each pattern took a sixth of reading the prose).

    The same as one scan of the whole text: no scope word holds or looks at a sentence's end (。！？!?
    and a line break: tests/test_statements.py checks the vocabulary), so no match spans one; the
    text's scan reaches each sentence's start between two matches, and finds in it what a scan from its
    start to its end finds (a lookbehind still sees the text before it, a lookahead at its end sees no
    more than the sentence end would let it)."""

    def __init__(self, text: str, sentences: list[tuple[int, int]]) -> None:
        self.text = text
        self.sentences = sentences
        self.ends = [e for _, e in sentences]
        self.at: dict[tuple[str, int], list[int]] = {}  # (name, sentence) -> starts of its matches there

    def between(self, name: str, a: int, b: int) -> int | None:
        """The first match of ``name`` starting in [a, b), or None."""
        k = bisect.bisect_right(self.ends, a)  # the first sentence that ends after a
        while k < len(self.sentences) and self.sentences[k][0] < b:
            positions = self.at.get((name, k))
            if positions is None:
                s, e = self.sentences[k]
                positions = self.at[name, k] = [m.start() for m in _SCOPE_WORDS[name].finditer(self.text, s, e)]
            i = bisect.bisect_left(positions, a)
            if i < len(positions):
                return positions[i] if positions[i] < b else None
            k += 1
        return None


def _read(report: Report) -> Prose:
    text, offsets = _compact(_blanked(report))
    sentences, numbers, negated = _scan(text)
    marks = _Marks(text, sentences)
    counts: list[Count] = []
    four = report.section(4)
    section_four = (four.body_start, four.end) if four else (0, 0)
    vocabulary = _compiled(report.year)
    head: Count | None = None
    whole = False  # the sentence before, in the same paragraph, stated a year total of the tables
    previous_end = 0
    done = 0  # the sentences before this one are read
    for index in sorted(numbers.keys() | negated):
        if index > done:  # those between state nothing: a head goes on only into one opening with 其中
            for s, e in itertools.islice(sentences, done, index):
                if head is None:
                    break
                head = head if text.find("\n", previous_end, s) < 0 and _PART_OF.match(text, s) else None
                previous_end = e
            whole, previous_end = False, sentences[index - 1][1]
        done = index + 1
        s, e = sentences[index]
        found = _sentence_counts(vocabulary, text, offsets, index, s, e, numbers.get(index, []), index in negated)
        same_paragraph = text.find("\n", previous_end, s) < 0
        if not found:  # nothing to judge; a head goes on only into a sentence opening with 其中
            head = head if head is not None and same_paragraph and _PART_OF.match(text, s) else None
            whole, previous_end = False, e
            continue
        head = _link(text, s, found, head if same_paragraph and _continues(text, s, found) else None)
        context = _Sentence(
            s, e, marks, _other_year_at(report.year, text, s, e, found), section_four, whole and same_paragraph
        )
        for c in found:
            _judge_scope(report, vocabulary, context, c)
        whole = any(not c.scope and c.term and c.term.role == "total" and c.term.table for c in found)
        counts.extend(found)
        previous_end = e
    return Prose(text, sentences, counts)


def _scan(text: str) -> tuple[list[tuple[int, int]], dict[int, list[re.Match[str]]], set[int]]:
    """The (start, end) of each sentence: the text between two sentence ends (one character each); the matches
    of ``_COUNT`` in each sentence (by index), and the sentences with a word of negation (未没无).

    The sentences come from ``str.split`` at the sentence ends (made one character first), the negations from
    ``str.find``, the counts from one scan of the text for the character each needs: a unit after a digit or
    numeral, 为/是 before a zero. The count a unit ends is matched from where the run of digits and numerals
    before it starts, the zero at its 为/是: what a scan of the whole text finds there (that scan tried every digit
    and numeral). No match starts in such a run, nor at 为/是, where another one ends; a run starts after a
    character that is not a digit, which the lookbehinds see as the text's scan does; the unit ends the only match
    of its run, whose place in the run (after a comma of "1,00件") ``_COUNT`` finds as that scan does."""
    one = text
    for end in _OTHER_ENDS:
        one = one.replace(end, _FIRST_END)
    lengths = [len(piece) for piece in one.split(_FIRST_END)]
    begins = itertools.accumulate([n + 1 for n in lengths[:-1]], initial=0)  # each piece's start
    sentences = [(s, s + n) for s, n in zip(begins, lengths, strict=True) if n]
    starts = [s for s, _ in sentences]
    numbers: dict[int, list[re.Match[str]]] = {}
    for m in _CANDIDATE.finditer(text):
        at = m.start()
        if text[at] in "为是":
            found = _COUNT.match(text, at)
        else:
            start = at - 1
            while start and text[start - 1] in _NUMBER_CHARS:
                start -= 1
            found = _COUNT.search(text, start, at + 1)
        if found is not None:
            numbers.setdefault(bisect.bisect_right(starts, at) - 1, []).append(found)
    negated: set[int] = set()
    for char in _NEGATION_CHARS:
        at = text.find(char)
        while at >= 0:
            negated.add(bisect.bisect_right(starts, at) - 1)
            at = text.find(char, at + 1)
    return sentences, numbers, negated


def _continues(text: str, s: int, counts: list[Count]) -> bool:
    """Whether a sentence goes on breaking down the previous one's total: it opens with 其中, or its
    first count is a part (an outcome, a case result) before any total of its own."""
    if _PART_OF.match(text, s):
        return True
    for c in counts:
        if c.term is not None:
            return c.term.dimension in ("outcome", "result")
    return False


def _sentence_counts(
    vocabulary: _Vocabulary,
    text: str,
    offsets: _Offsets,
    index: int,
    s: int,
    e: int,
    numbers: list[re.Match[str]],
    negated: bool,
) -> list[Count]:
    """The counts of the sentence [s, e): ``numbers`` are the matches of ``_COUNT`` in it (in the whole text),
    ``negated`` whether it has a word of negation (未没无)."""
    sentence = text[s:e]
    hits: list[tuple[int, int, int]] = []
    for m in numbers:
        num = m.group("num")
        if num is None:
            num, start = m.group("zero"), m.start("zero") - s
        else:
            start = m.start("num") - s
        end = m.end() - s
        if start and sentence[start - 1] in _NOT_BEFORE:
            continue
        if sentence[end : end + 1] in _NOT_A_COUNT_FIRST and _NOT_A_COUNT.match(sentence, end):  # 20个工作日, 一次性
            continue
        value = int(num) if num.isascii() and num.isdigit() else parse_count(num)  # parse_count's, for 13 too
        if value is not None:
            hits.append((start, end, value))
    if not hits:
        return _negations(vocabulary, text, offsets, index, s, e, []) if negated else []
    brackets = _bracket_marks(sentence, hits) if "（" in sentence else []  # most sentences have no bracket
    shares = "%" in sentence  # a share needs one
    out: list[Count] = []
    previous_end = 0
    last = len(hits) - 1
    for k, (start, end, value) in enumerate(hits):
        words_start = _clause_start(sentence, start, previous_end, brackets)
        if sentence[words_start : words_start + 1] in _LEAD_FIRST:
            lead = _LEAD.match(sentence, words_start)
            if lead and lead.end() <= start:
                words_start = lead.end()
        words = sentence[words_start:start]
        next_start = hits[k + 1][0] if k < last else len(sentence)
        if sentence[end : end + 1] in _CLAUSE_CHARS:  # most counts end their clause: nothing after the unit
            after = ""
        else:
            clause = _CLAUSE.search(sentence, end, next_start)  # the clause's end
            after = sentence[end : clause.start() if clause else next_start]
        term, form, at = _classify(vocabulary, words, after)
        begin = min(words_start + at, start)
        c = Count(
            value,
            term,
            offsets[s + begin],
            offsets[s + end - 1] + 1,
            words,
            sentence[begin:end],
            index,
            s + start,
            s + begin,
        )
        if form is not None:
            c.bare, c.goi = form.bare, form.goi
        if shares and sentence[end : end + 1] in _PERCENT_FIRST and (pct := _PERCENT.match(sentence, end, next_start)):
            digits = pct.group("pct")
            c.percent = (float(digits), len(digits.partition(".")[2]))
        out.append(c)
        previous_end = end
    if negated:
        out.extend(_negations(vocabulary, text, offsets, index, s, e, out))
        out.sort(key=lambda c: c.at)
    return out


def _clause_start(sentence: str, start: int, previous_end: int, brackets: list[int]) -> int:
    """Where the words of the count whose number starts at ``start`` may start: after the count before (it ended
    at ``previous_end``), at most ``_MAX_WORDS`` characters back, and after the last ，；： or bracket mark
    (``_bracket_marks``) before it, whichever is nearest. The marks are looked for in that window only."""
    lo = max(previous_end, start - _MAX_WORDS)
    at = lo + max(map(sentence[lo:start].rfind, "，；：")) + 1  # lo when the window has none
    if brackets and (i := bisect.bisect_left(brackets, start)) and brackets[i - 1] >= at:
        return brackets[i - 1] + 1
    return at


def _bracket_marks(sentence: str, hits: list[tuple[int, int, int]]) -> list[int]:
    """Where a bracket starts a count's clause: at a bracket that holds a count or is not closed, and after
    its closing one (a bracket of words, "政府信息（文件）", is part of the words); in order."""
    numbers = [h[0] for h in hits]
    marks = []
    for m in _BRACKET.finditer(sentence):
        i = bisect.bisect_right(numbers, m.start())
        closed = m.group().endswith("）")
        if (i < len(numbers) and numbers[i] < m.end()) or not closed:
            marks.append(m.start())
            if closed:
                marks.append(m.end() - 1)
    return marks


def _classify(vocabulary: _Vocabulary, words: str, after: str) -> tuple[C.Term | None, C.Form | None, int]:
    """The term whose form fits the words (and the words after the unit): the earliest match, then the
    first listed; the form; and where its words start."""
    best: tuple[int, int] | None = None
    found: tuple[C.Term | None, C.Form | None] = (None, None)
    # A form's match ends where the words do: none when no form may end with their last character (a quarter).
    ends = vocabulary.ends
    m = vocabulary.words.search(words) if ends is None or ends.match(words[-1:]) else None
    if m is not None and m.lastgroup:
        order, term, form = vocabulary.forms[int(m.lastgroup[1:])]
        best, found = (m.start(), order), (term, form)
    looked = after or vocabulary.after_empty  # an empty ``after`` is matched only when ``any_after`` may match it
    for order, term, form, before, after_re in vocabulary.after if looked and vocabulary.any_after.match(after) else ():
        if not after_re.match(after):
            continue
        if before is None:  # the words after the unit say it all: "1件结转下年度"
            key = (len(words), order)
        elif (mb := before.search(words)) is not None:
            key = (mb.start(), order)
        else:
            continue
        if best is None or key < best:
            best, found = key, (term, form)
    return found[0], found[1], (best[0] if best else len(words))


def _negations(
    vocabulary: _Vocabulary, text: str, offsets: _Offsets, index: int, s: int, e: int, counts: list[Count]
) -> list[Count]:
    """Statements that a count is zero: 未收到政府信息公开申请, 没有行政复议及行政诉讼情况 (in a sentence that
    has a word of negation)."""
    sentence = text[s:e]
    if not vocabulary.any_negation.search(sentence):
        return []
    taken = [(c.begin - s, c.at - s) for c in counts]
    out: list[Count] = []
    for pattern, terms in vocabulary.negations:
        for m in pattern.finditer(sentence):
            if any(m.start() < y and x < m.end() for x, y in taken):
                continue
            taken.append((m.start(), m.end()))
            clause = max(sentence.rfind(ch, 0, m.start()) for ch in "，；：")
            words = sentence[clause + 1 : m.end()]
            a, b = offsets[s + m.start()], offsets[s + m.end() - 1] + 1
            out.extend(
                Count(0, t, a, b, words, m.group(), index, s + m.start(), s + m.start(), negation=True) for t in terms
            )
    return out


def _link(text: str, s: int, counts: list[Count], carry: Count | None) -> Count | None:
    """Give each count the total it is a part of; return the head the sentence ends with.

    A total heads what follows, unless it comes after 其中 (then it is a sub-total). A count of
    something else (information, an unknown thing) heads what follows when it opens the sentence or a
    clause after ；, or speaks for the whole year itself; else it is one more part of the head."""
    head = carry
    part_mode = carry is not None
    previous = s
    for c in counts:  # the gap before each, text[previous : c.at], searched in place (_PART_OF looks at no more)
        semicolon = text.find("；", previous, c.at) >= 0
        if semicolon:
            part_mode = False
        if _PART_OF.search(text, previous, c.at):
            part_mode = True
        role = c.term.role if c.term else "other"
        if role == "total" and not c.negation:
            c.follows = head
            if part_mode and (_PART_OF.search(c.words) or not _AGGREGATE.search(c.words)):
                c.head, c.scope = head, "part"
            else:
                head, part_mode = c, False
        elif role == "other" and not part_mode and (head is None or semicolon or _WHOLE.search(c.words)):
            head = c
        elif not c.negation or part_mode:
            c.head = head
        if c.head is not None:
            c.head.parts.append(c)
        previous = max(previous, c.at)
    return head


@dataclass(slots=True)
class _Sentence:
    """What the scope of a sentence's counts is judged with."""

    s: int  # compact offsets of the sentence
    e: int
    marks: _Marks
    other_year: int | None  # where another year is first named, outside the counts' words
    section_four: tuple[int, int]  # stream offsets of section 四's body
    whole_before: bool  # the sentence before, in the same paragraph, stated a year total
    first: dict[str, int] = field(default_factory=dict)  # name -> where its first match starts (e: none)
    later: dict[tuple[str, int], int | None] = field(default_factory=dict)  # (name, a) -> first match in [a, e)

    def before(self, name: str, b: int) -> bool:
        """Whether a match of ``name`` starts in [s, b) (b at most the sentence's end): the sentence's first match,
        worked out once for all its counts (one search, which stops there, where ``_Marks`` found every match of
        the sentence)."""
        found = self.first.get(name)
        if found is None:
            m = _SCOPE_WORDS[name].search(self.marks.text, self.s, self.e)
            found = self.first[name] = m.start() if m else self.e
        return found < b

    def has(self, name: str, a: int, b: int) -> bool:
        """Whether a match of ``name`` starts in [a, b) (b at most the sentence's end): the first match from ``a``
        to the end is worked out once for all the sentence's counts, and is one when it starts before ``b``."""
        if a == self.s:
            return self.before(name, b)
        key = (name, a)
        if key in self.later:
            found = self.later[key]
        else:
            found = self.later[key] = self.marks.between(name, a, self.e)
        return found is not None and found < b


def _judge_scope(report: Report, vocabulary: _Vocabulary, at: _Sentence, c: Count) -> None:
    term = c.term
    if term is None or c.scope:
        return
    own = c.words
    for name, guard in vocabulary.guards if vocabulary.any_guard.search(own) else ():
        m = guard.search(own)
        if (
            m
            and not (name == "topic" and term.table is None)
            and not (name == "delegated" and _is_agency(report, own[: m.start()]))
        ):
            c.scope = name
            return
    if term.beside and _compiled_beside(term.beside).search(at.marks.text[at.s : at.e]):
        c.scope = "beside"
    elif at.before("respectively", c.at):
        c.scope = "respectively"
    elif at.before("not-the-year", c.at):
        c.scope = "not-the-year"
    elif term.role == "total" and _ANY_KIND.search(own) and (_one_kind(own, _CHANNELS) or _one_kind(own, _APPLICANTS)):
        c.scope = "one-kind"
    elif _other_year(report.year, term, c, at):
        c.scope = "year"
    else:
        c.scope = _head_scope(c, term) or _context_scope(at, c, term)


@cache
def _compiled_beside(pattern: str) -> re.Pattern[str]:
    return regex.compile(pattern)


_NAME_END = regex.compile(r"[\u4e00-\u9fa5]{3,}$")


def _is_agency(report: Report, words: str) -> bool:
    """Whether ``words`` end with the name of the agency whose report this is (市政府办公厅代表市政府:
    the report of 上海市人民政府办公厅 speaks for itself, not for one of its offices)."""
    name = _NAME_END.search(words)
    agency = (report.agency or "").replace("人民政府", "政府")
    return bool(name and agency and agency.endswith(name.group().replace("人民政府", "政府")))


def _head_scope(c: Count, term: C.Term) -> str:
    follows = c.follows
    if c.bare and follows is not None and not (follows.term and follows.term.table == 3 and not follows.scope):
        return "head:unknown"  # 受理诉求2840件，已办理2840件: it counts what its head counts
    head = c.head
    if head is None or head is c:
        return "no-head" if term.dimension == "result" else ""
    if head.scope:
        return "head:" + head.scope
    if head.term is None or head.term.role == "other":
        return "head:unknown" if term.role == "part" and term.table is not None else ""
    if term.dimension == "result" and head.term.table != 4:
        return "head:not-a-case-count"
    return ""


def _context_scope(at: _Sentence, c: Count, term: C.Term) -> str:
    inherit = at.whole_before and term.id in ("answered", "handled")
    if term.whole and (c.head is None or c.head is c) and not inherit and not at.before("whole", c.at):
        return "not-whole"
    if c.bare and c.follows is None and not at.before("request", c.at):
        return "not-requests"
    if term.request and not (at.before("requests", at.e) or at.has("requests", max(0, at.s - _CONTEXT), at.e)):
        return "not-requests"
    if (term.goi or c.goi) and not _about_disclosure(at, c, term.goi):
        return "not-disclosure"
    return ""


def _about_disclosure(at: _Sentence, c: Count, four: bool) -> bool:
    """Whether the count is about disclosure work: said before it or in its words (因政府信息公开…行政复议),
    within the sentence or, for 申请 alone, just before it; or (``four``) it stands in section 四. Never
    when its sentence goes on to the disclosure part of it (其中涉及政府信息公开的…)."""
    part = at.marks.between("part", c.at, at.e)
    if part is not None and at.marks.between("goi", part, at.e) is not None:
        return False
    before = at.s if four else max(0, at.s - _CONTEXT)
    in_four = at.section_four[0] <= c.start < at.section_four[1]
    return at.has("goi", before, c.at) or (four and in_four)


def _one_kind(words: str, classes: list[re.Pattern[str]]) -> bool:
    """One channel (or one applicant type) named and nothing saying all of them."""
    named = sum(1 for k in classes if k.search(words))
    return named == 1 and not _ALL_KINDS.search(words)


def _other_year_at(year: int | None, text: str, s: int, e: int, counts: list[Count]) -> int | None:
    """Where the sentence first names a year other than the report's, outside its counts' words
    ("结转至2024年2件，办结11件": the 2024 belongs to the first count)."""
    if not year or text.count("年", s, e) == text.count(f"{year}年", s, e):  # most name only the report's year
        return None
    words: list[tuple[int, int]] | None = None  # the counts' words, sorted: made when another year is seen
    for m in _YEAR.finditer(text, s, e):
        if int(m.group(1)) == year:  # most are the report's own
            continue
        if words is None:
            words = sorted((c.begin, c.at) for c in counts if c.at > c.begin)
        i = bisect.bisect_right(words, (m.start(), math.inf)) - 1  # the last words starting at or before it
        if not (i >= 0 and words[i][0] <= m.start() < words[i][1]):
            return m.start()
    return None


def _other_year(year: int | None, term: C.Term, c: Count, at: _Sentence) -> bool:
    """Another year named before the count in its sentence, outside other counts' words, or in its own
    words (except the year before for 上年结转, the year after for 结转下年)."""
    if not year:
        return False
    if "年" not in c.words:  # most words name no year
        return at.other_year is not None and at.other_year < c.begin
    allowed = {year}
    if term.id == "carried_over":
        allowed.add(year - 1)
    elif term.id == "carried_forward":
        allowed.add(year + 1)
    own = {int(y) for y in _YEAR.findall(c.words)}
    return bool(own - allowed) or (at.other_year is not None and at.other_year < c.begin)
