"""gilint.statements' own workings: the compact prose and the scope marks, against what they must equal."""

from __future__ import annotations

import random
import re
import sys
from typing import Any

import pytest

from gilint import statements as S
from gilint.formats import claims as C
from tests.lintkit import report_of_text

if sys.version_info >= (3, 11):
    from re import _parser
else:  # pragma: no cover - Python 3.10
    import sre_parse as _parser  # type: ignore[no-redef]

_ENDS = frozenset(C.SENTENCE_END)


def _confined(items: Any) -> bool:
    """Whether a parsed pattern matches no sentence end (not even in a lookaround) and uses no anchor."""
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            if chr(av) in _ENDS:
                return False
        elif name == "IN":
            for kind, value in av:
                kind = str(kind)
                if kind == "LITERAL" and chr(value) in _ENDS:
                    return False
                if kind == "RANGE" and any(value[0] <= ord(ch) <= value[1] for ch in _ENDS):
                    return False
                if kind == "NEGATE" or (kind == "CATEGORY" and str(value) != "CATEGORY_DIGIT"):
                    return False
        elif name == "BRANCH":
            if not all(_confined(alternative) for alternative in av[1]):
                return False
        elif name == "SUBPATTERN":
            if not _confined(av[3]):
                return False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            if not _confined(av[2]):
                return False
        elif name in ("ASSERT", "ASSERT_NOT"):
            if not _confined(av[1]):
                return False
        elif name == "ATOMIC_GROUP":
            if not _confined(av):
                return False
        else:  # any character, an anchor, a back-reference
            return False
    return True


@pytest.mark.parametrize("name", sorted(S._SCOPE_WORDS))
def test_scope_words_stay_within_a_sentence(name: str) -> None:
    """_Marks scans sentence by sentence: exact only while no scope word can match or look at a sentence end."""
    parsed = _parser.parse(S._SCOPE_WORDS[name].pattern)
    assert parsed.getwidth()[0] > 0
    assert _confined(parsed)


def test_confined_tells_a_pattern_that_crosses_a_sentence_end() -> None:
    for pattern in ("全年.", "全年[^，]", "全年\\s", "全年$", "共(?=。)", "本年|\n"):
        assert not _confined(_parser.parse(pattern)), pattern
    assert _confined(_parser.parse("全年|\\d{4}年|申请(?!人|表)"))


def test_marks_are_those_of_one_scan_of_the_whole_text() -> None:
    # 全年度: the text's scan takes 全年, so 年度 (at 1) is no match; a sentence's scan agrees
    text = "全年度收到申请3件。本年办结\n截至年底累计20件！分别为1件、2件？全年全年度"
    sentences = S._scan(text)[0]
    marks = S._Marks(text, sentences)
    for name, pattern in S._SCOPE_WORDS.items():
        starts = [m.start() for m in pattern.finditer(text)]
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1):
                expected = next((p for p in starts if a <= p < b), None)
                assert marks.between(name, a, b) == expected, (name, a, b)
    assert 1 not in [m.start() for m in S._SCOPE_WORDS["whole"].finditer(text)]


@pytest.mark.parametrize(
    ("text", "compact"),
    [
        ("收到 申请 1,300 件，办结 21 件。", "收到申请1,300件，办结21件。"),  # a thousands comma stays
        ("第1, 2件", "第1,2件"),  # a comma between numbers written apart too
        ("共（3）件;“其中” ２件：", "共（3）件；其中2件："),  # narrow signs wide, quotes dropped
        ("一、总体情况\n本年收到申请\n3件。\n\n下一段", "一、总体情况\n本年收到申请3件。\n下一段"),
        ("  （二）主动公开情况\n正文", "（二）主动公开情况\n正文"),  # a short heading, indented
        ("1." + "很长的编号行" * 7 + "\n续", "1." + "很长的编号行" * 7 + "续"),  # longer than a heading
        ("本年收到申请。”  \n继续", "本年收到申请。\n继续"),  # 。, a quote and spaces: the paragraph ends
        ("本年收到\n# 标题", "本年收到\n#标题"),  # before a numbered line
    ],
)
def test_compact(text: str, compact: str) -> None:
    out, offsets = S._compact(text)
    assert out == compact
    kept = [i for i, ch in enumerate(out) if ch != "\n"]
    for i in kept:  # each character comes from where the offset says (as it was, or its wide form)
        original = text[offsets[i]]
        assert original == out[i] or S._WIDE.get(original) == out[i]
    assert re.search(r"\s", out.replace("\n", "")) is None


# ---------------------------------------------------------------- what is read, and what is passed over


def _random_texts(alphabet: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(count)]


def test_counts_are_those_of_one_scan_of_the_whole_text() -> None:
    """_scan matches _COUNT only at what a count needs (a unit after a digit, 为/是 before a zero): it finds
    what one scan of the whole text finds, sentence by sentence; and the sentences with a word of negation."""
    text = "共收到申请13件。一是加强培训，二是2023年。结果为零，办结。未收到行政复议。两件事\n第1,00件"
    _, numbers, negated = S._scan(text)
    # 一是…2023年 holds no unit after a number: never matched; 1,00件 is 00件 (no thousands comma)
    assert {k: [m.group() for m in v] for k, v in numbers.items()} == {
        0: ["13件"],
        2: ["为零"],
        4: ["两件"],
        5: ["00件"],
    }
    assert negated == {3}
    for text in _random_texts("13０二十两零0,件个次为是未没无年月日。\n，；申请共收到其中", 400, 19):
        sentences, numbers, negated = S._scan(text)
        for k, (s, e) in enumerate(sentences):
            whole = [m.span() for m in S._COUNT.finditer(text) if s <= m.start() < e]
            assert [m.span() for m in numbers.get(k, [])] == whole, text
            assert (k in negated) == any(ch in text[s:e] for ch in "未没无"), text


def test_digits_are_what_a_number_ends_with_and_is_made_of() -> None:
    number = re.compile(f"(?:{C.NUMBER})")
    for code in range(0x10000):
        ch = chr(code)
        if any(number.fullmatch(x + ch) for x in ("", "1", "一", "1,00")):
            assert ch in S._DIGITS, ch
        if any(number.fullmatch(x) for x in (ch + "1", "1" + ch + "000", ch + "一", "1" + ch + "1")):
            assert ch in S._NUMBER_CHARS, ch


@pytest.mark.parametrize(
    ("pattern", "chars", "text"),
    [
        (S._LEAD, S._LEAD_FIRST, "、以及和与并且另外，"),
        (S._NOT_A_COUNT, S._NOT_A_COUNT_FIRST, "工作日自然日小时人次性余多"),
    ],
)
def test_a_pattern_is_matched_only_where_its_first_character_may_start_it(
    pattern: re.Pattern[str], chars: frozenset[str], text: str
) -> None:
    """The character at a place is checked before the pattern is matched there at all."""
    for at in range(len(text)):
        assert (text[at] in chars) >= bool(pattern.match(text, at)), text[at:]
    assert "1" not in chars and "" not in chars


def test_loosened_guard_matches_wherever_the_guard_does() -> None:
    office = dict(C.GUARDS)["office"]
    assert S._loosened(office) == office[office.index("(?:科") :]
    assert all(S._loosened(p) == p for name, p in C.GUARDS if name != "office")
    vocabulary = S._compiled(2023)
    alphabet = "分别各乡代表下属办公室科共收到涉及同比去年结转约不足我本全"
    for words in _random_texts(alphabet, 3000, 25):
        if any(guard.search(words) for _, guard in vocabulary.guards):
            assert vocabulary.any_guard.search(words), words


def test_any_after_and_any_kind_match_where_one_does() -> None:
    vocabulary = S._compiled(2023)
    for after in _random_texts("的政府信息公开申请人需将已均结转下年度继续办理至2024", 3000, 26):
        if any(a.match(after) for *_, a in vocabulary.after):
            assert vocabulary.any_after.match(after), after
    for words in _random_texts("网络信函当面传真电话自然人法人企业其他组织各类申请共", 2000, 27):
        if any(k.search(words) for k in (*S._CHANNELS, *S._APPLICANTS)):
            assert S._ANY_KIND.search(words), words


def test_a_guarded_count_is_still_judged() -> None:
    """The prefilters pass over words that hold no guard, never one that does."""
    text = (
        "2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "2023年，我局共收到政府信息公开申请13件。办公室共收到政府信息公开申请5件。"
        "其中，网络申请13件。涉及征地共收到政府信息公开申请4件。\n"
    )
    prose = S.prose_counts(report_of_text(text))
    scopes = [(c.value, c.term.id if c.term else None, c.scope) for c in prose.counts]
    assert scopes == [
        (13, "received", ""),
        (5, "received", "office"),
        (13, "channel.online", "head:office"),
        (4, "received", "topic"),
    ]


def test_sentences_are_the_text_between_sentence_ends() -> None:
    assert S._scan("。a。。bc\n！d")[0] == [(1, 2), (4, 6), (8, 9)]
    assert S._scan("")[0] == [] and S._scan("。\n")[0] == [] and S._scan("ab")[0] == [(0, 2)]


def test_a_line_is_looked_at_as_the_patterns_would() -> None:
    """_paragraph_ends checks a line's first and last characters before matching or stripping it."""
    tails = ["", "、", "）", "1）", "1、", "、x", ".x"]
    for code in range(0x10000):
        ch = chr(code)
        if any(S._NUMBER_MARK.match(ch + tail) for tail in tails):
            assert S._marked(ch, 0), ch
        if S._INDENT.match(ch).end():
            assert ch in S._INDENT_CHARS, ch
    for line in _random_texts("ab。：” \u3000\t\r'", 3000, 28):
        text = "x\n" + line + "\ny"
        assert S._closes(text, 2, 2 + len(line)) == (line.rstrip(S._DROPPED)[-1:] in S._CLOSING), line


def test_part_of_is_searched_in_place() -> None:
    """_link searches the gap before a count in the text (pos, endpos): the same as in a copy of it while the
    pattern has no lookaround or anchor."""
    assert not any(str(op) in ("ASSERT", "ASSERT_NOT", "AT") for op, _ in _walk(_parser.parse(C.PART_OF)))


def _walk(items: Any) -> Any:
    for op, av in items:
        yield op, av
        if str(op) == "BRANCH":
            for alternative in av[1]:
                yield from _walk(alternative)
        elif str(op) == "SUBPATTERN":
            yield from _walk(av[3])
        elif str(op) in ("MAX_REPEAT", "MIN_REPEAT"):
            yield from _walk(av[2])


def test_a_clause_starts_after_the_last_mark_in_its_window() -> None:
    """A count's words start after the count before, at most _MAX_WORDS characters back, and after the last ，；：
    or bracket mark before it: what a look at every mark of the sentence finds (the marks are looked for in that
    window only). A bracket that holds a count is a mark, and so is its closing bracket."""
    rng = random.Random(29)
    for _ in range(2000):
        sentence = "".join(
            rng.choice(["收到申请", "13件", "，", "；", "：", "、", "其中", "政府信息"]) for _ in range(40)
        )
        hits = [(m.start(), m.end(), 0) for m in re.finditer("13", sentence)]
        marks = [m.start() for m in re.finditer("[，；：]", sentence)]
        previous = 0
        for start, end, _ in hits:
            last = max([m + 1 for m in marks if m < start], default=0)
            assert S._clause_start(sentence, start, previous, []) == max(previous, start - S._MAX_WORDS, last)
            previous = end
    sentence = "共（含3件）5件"
    hits = [(3, 5, 3), (6, 8, 5)]
    assert S._bracket_marks(sentence, hits) == [1, 5]
    assert [S._clause_start(sentence, 3, 0, [1, 5]), S._clause_start(sentence, 6, 5, [1, 5])] == [2, 6]
    assert S._bracket_marks("政府信息（文件）13件", [(9, 12, 13)]) == []  # a bracket of words is part of them
    assert S._bracket_marks("共（含3件", [(3, 5, 3)]) == [1]  # one not closed
