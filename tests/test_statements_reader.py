"""The prose reader's bulk steps against small reference implementations of the steps they replaced (main
d04db5c's), on generated text: sentences and counts from ``str.split``/``str.find`` and one scan for the counts'
characters (where one scan found sentence ends, counts and negations together), a count's clause start looked
for in its window (where every clause mark of the sentence was found and bisected), a share matched only after a
character it may start with and up to the next count, the tables blanked by one join, the sentences that name
only the report's year passed over, a sentence's first scope matches kept by name."""

from __future__ import annotations

import bisect
import random
import re

from gilint import statements as S
from gilint.formats import claims as C
from gilint.model import Report


def _texts(pieces: list[str], count: int, seed: int, most: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, most))) for _ in range(count)]


_PIECES = [
    "共收到申请",
    "13件",
    "1,300件",
    "1,00件",
    "十三件",
    "两个",
    "０５条",
    "为0",
    "是零",
    "为零，",
    "为",
    "是",
    "件",
    "个",
    "，",
    "；",
    "：",
    "、",
    "。",
    "！",
    "？",
    "!",
    "?",
    "\n",
    "未",
    "没有",
    "无法提供",
    "其中",
    "（",
    "）",
    "（含3件）",
    "占33.9%",
    "（12.5%）",
    "，占比5%",
    "2023年",
    "2023",
    "2022年",
    "2024年",
    "年",
    "123年",
    "予以公开",
    "政府信息（文件）",
    "第1",
    "x",
]


# ---------------------------------------------------------------- the reference steps (main d04db5c)

_REF_ENDS = frozenset(C.SENTENCE_END)
_REF_END_CLASS = re.escape(C.SENTENCE_END)
_REF_CANDIDATE = re.compile(
    rf"[{_REF_END_CLASS}{C.UNITS}为是未没无]"
    rf"(?:(?<=[{_REF_END_CLASS}])|(?<=[{S._DIGITS}][{C.UNITS}])|(?<=[为是])(?=[零0])|(?<=[未没无]))"
)


def _ref_scan(text: str) -> tuple[list[tuple[int, int]], dict[int, list[tuple[int, int]]], set[int]]:
    """One scan for sentence ends, the characters a count needs and negations (match spans, not matches)."""
    sentences: list[tuple[int, int]] = []
    numbers: dict[int, list[tuple[int, int]]] = {}
    negated: set[int] = set()
    begin = 0
    for m in _REF_CANDIDATE.finditer(text):
        at, char = m.start(), m.group()
        if char in _REF_ENDS:
            if at > begin:
                sentences.append((begin, at))
            begin = at + 1
            continue
        if char in "未没无":
            negated.add(len(sentences))
            continue
        if char in "为是":
            found = S._COUNT.match(text, at)
        else:
            start = at - 1
            while start and text[start - 1] in S._NUMBER_CHARS:
                start -= 1
            found = S._COUNT.search(text, start, at + 1)
        if found is not None:
            numbers.setdefault(len(sentences), []).append(found.span())
    if len(text) > begin:
        sentences.append((begin, len(text)))
    return sentences, numbers, negated


def _ref_words_starts(sentence: str, hits: list[tuple[int, int, int]]) -> list[int]:
    """Each count's clause start: every ，；： and bracket mark of the sentence, bisected; then the window."""
    marks = [m.start() for m in re.finditer("[，；：]", sentence)]
    if "（" in sentence:
        numbers = [h[0] for h in hits]
        for m in re.finditer("（[^（）]*）?", sentence):
            i = bisect.bisect_right(numbers, m.start())
            if (i < len(numbers) and numbers[i] < m.end()) or not m.group().endswith("）"):
                marks.append(m.start())
                if m.group().endswith("）"):
                    marks.append(m.end() - 1)
        marks.sort()
    out, previous_end = [], 0
    for start, end, _ in hits:
        i = bisect.bisect_left(marks, start)
        out.append(max(previous_end, marks[i - 1] + 1 if i else 0, start - S._MAX_WORDS))
        previous_end = end
    return out


# ---------------------------------------------------------------- the comparisons


def test_the_scan_finds_what_one_scan_of_ends_counts_and_negations_found() -> None:
    texts = [*_texts(_PIECES, 3000, 41, 30), "", "。", "\n\n", "ab", "13件", "未。", "。为0"]
    for text in texts:
        sentences, numbers, negated = S._scan(text)
        expected = _ref_scan(text)
        assert (sentences, {k: [m.span() for m in v] for k, v in numbers.items()}, negated) == expected, text


def test_a_count_s_words_start_where_every_mark_of_the_sentence_put_them() -> None:
    """The window's rfind and the bracket marks give the clause start the sentence's marks gave, for sentences
    longer than the window too."""
    for sentence in _texts(_PIECES, 3000, 42, 40):
        hits = [(m.start(), m.end(), 1) for m in re.finditer(r"\d+件", sentence)]
        brackets = S._bracket_marks(sentence, hits) if "（" in sentence else []
        got, previous_end = [], 0
        for start, end, _ in hits:
            got.append(S._clause_start(sentence, start, previous_end, brackets))
            previous_end = end
        assert got == _ref_words_starts(sentence, hits), sentence


def test_a_share_is_the_match_right_after_its_unit_before_the_next_count() -> None:
    """Matched only after a character of ``_PERCENT_FIRST`` and up to the next count (endpos): the match the
    whole sentence gives from there when it ends by the next count, else none."""
    rng = random.Random(43)
    for tail in _texts(_PIECES, 3000, 43, 6):
        end, next_start = 0, rng.randint(0, len(tail))
        full = S._PERCENT.match(tail, end)
        expected = full if full and full.end() <= next_start else None
        got = S._PERCENT.match(tail, end, next_start) if tail[:1] in S._PERCENT_FIRST else None
        assert (got and got.group("pct")) == (expected and expected.group("pct")), (tail, next_start)


def test_a_sentence_naming_only_the_report_s_year_names_no_other() -> None:
    """The count of 年 against that of the report's year passes over just the sentences where every year-match
    is the report's."""
    for text in _texts(_PIECES, 3000, 44, 20):
        fast = S._other_year_at(2023, text, 0, len(text), [])
        years = [m.start() for m in S._YEAR.finditer(text) if int(m.group(1)) != 2023]
        assert fast == (years[0] if years else None), text


def test_tables_are_blanked_as_one_after_another_did() -> None:
    """One join makes the text every table replaced by spaces in turn made, for tables (within the text, as every
    table of a stream is) that overlap or lie within another too."""
    rng = random.Random(45)
    for _ in range(500):
        text = "".join(rng.choice("ab\n，") for _ in range(rng.randint(0, 40)))
        tables = {}
        for number in (2, 3, 4):
            start = rng.randint(0, len(text))
            tables[number] = _Span(start, rng.randint(max(0, start - 1), len(text)))  # within the text, maybe empty
        expected = text
        for t in sorted(tables.values(), key=lambda t: -t.start):
            if t.end > t.start:
                expected = expected[: t.start] + " " * (t.end - t.start) + expected[t.end :]
        assert S._blanked(_report(text, tables)) == expected, (text, tables)


def test_a_sentence_s_first_matches_are_those_of_a_search_from_its_start() -> None:
    text = "。".join(_texts(["分别", "全年", "申请", "共", "去年", "x", "，"], 300, 46, 12))
    sentences = S._scan(text)[0]
    marks = S._Marks(text, sentences)
    for s, e in sentences:
        at = S._Sentence(s, e, marks, None, (0, 0), False)
        for name, pattern in S._SCOPE_WORDS.items():
            for b in range(s, e + 1):
                m = pattern.search(text, s, e)
                assert at.before(name, b) == (m is not None and m.start() < b)
                assert at.has(name, s, b) == at.before(name, b)


class _Span:
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end

    def __repr__(self) -> str:
        return f"({self.start}, {self.end})"


class _Stream:
    def __init__(self, text: str) -> None:
        self.text = text


def _report(text: str, tables: dict[int, _Span]) -> Report:
    """A stand-in with what ``_blanked`` reads: the stream's text and the tables' offsets."""
    report = Report.__new__(Report)
    object.__setattr__(report, "stream", _Stream(text))
    object.__setattr__(report, "tables", tables)
    return report
