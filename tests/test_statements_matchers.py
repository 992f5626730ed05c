"""The prose's fast paths against the general ones, on generated input: the vocabulary's words searched only
when a form may end with their last character (``regex.last``), sentences found by splitting at their ends,
first characters looked up in a set, nothing after a unit matched by no form."""

from __future__ import annotations

import random
import re
import sys

import pytest

from gilint import regex
from gilint import statements as S
from gilint.formats import claims as C


def _texts(alphabet: str, count: int, seed: int, most: int = 30) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, most))) for _ in range(count)]


@pytest.mark.parametrize(
    "pattern",
    [
        "abc",
        "(?:收到|接收)(?:到|了)?",
        "申请(?!人|表)",
        r"\d{2}年度?",
        "a|^b",
        "(?:a|bc)+?c*",
        "(?>ab|c)(?=d)",
        C.GOI_REQUEST,
        dict(C.GUARDS)["office"],
    ],
)
def test_last_matches_the_character_wherever_a_match_of_the_pattern_ends(pattern: str) -> None:
    last, plain = regex.last(pattern), re.compile(pattern)
    assert last is not None
    alphabet = "".join(dict.fromkeys(ch for ch in pattern if ch not in "()?:|*+{}[]\\^$!=<>")) + "1x"
    for text in _texts(alphabet, 400, len(pattern)):
        for i in range(len(text) + 1):
            for j in range(i + 1, len(text) + 1):
                if plain.fullmatch(text, i, j):
                    assert last.fullmatch(text[j - 1]), (text[i:j], last.pattern)


def test_last_is_refused_where_a_match_may_end_with_anything_or_be_empty() -> None:
    assert regex.last("abc").pattern == "[c]"
    assert regex.last("(?:收到|接收)(?:到|了)?").pattern == "[到了收]"
    for pattern in ("a*", "x[^y]", "(?:a|b*)", "a.", r"(a)\1", "(?i)a"):
        assert regex.last(pattern) is None, pattern


def test_words_whose_last_character_no_form_ends_with_match_no_form() -> None:
    """The vocabulary's words are searched only when their last character may end a form: elsewhere no form
    matches (a match ends where the words end)."""
    for year in (2023, 2019, None):
        vocabulary = S._compiled(year)
        ends = vocabulary.ends
        assert ends is not None  # every form's last character can be told
        alphabet = "".join(dict.fromkeys(re.sub(r"[\x00-\x7f]", "", vocabulary.words.pattern))) + "2023年0"
        texts = _texts(alphabet, 3000, 31, 12)
        rng = random.Random(32)  # and words that end as a form does: a form's words after random ones
        tails = ("收到政府信息公开申请", "共受理", "依申请公开", "结转下年度", "行政复议", "其中")
        texts += [rng.choice(texts) + tail + rng.choice(alphabet) for tail in tails for _ in range(100)]
        skipped = 0
        for words in texts:
            if not ends.match(words[-1:]):
                skipped += 1
                m = vocabulary.words.search(words)
                assert m is None or m.lastgroup is None, words
        assert skipped > 100  # the check passes over some words


def test_sentences_are_the_text_between_two_sentence_ends() -> None:
    for text in _texts("。！？!?\n共收到申请13件为0未", 2000, 33, 40):
        ends = [i for i, ch in enumerate(text) if ch in C.SENTENCE_END]
        between = zip([0, *(e + 1 for e in ends)], [*ends, len(text)], strict=True)
        assert S._scan(text)[0] == [(s, e) for s, e in between if e > s], text


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [(S._LEAD, S._LEAD_FIRST), (S._NOT_A_COUNT, S._NOT_A_COUNT_FIRST), (S._PERCENT, S._PERCENT_FIRST)],
)
def test_first_characters_are_those_of_the_class(pattern: re.Pattern[str], chars: frozenset[str]) -> None:
    """The set of a pattern's first characters holds every character ``regex.first``'s class matches, and no
    other."""
    start = regex.first(pattern.pattern)
    assert {chr(i) for i in range(sys.maxunicode + 1) if start.match(chr(i))} == chars
    assert "" not in chars


def test_a_clause_char_after_the_unit_is_where_the_clause_ends() -> None:
    """The characters looked up after a unit are those ``_CLAUSE`` matches: there its search ends the clause."""
    assert {chr(i) for i in range(sys.maxunicode + 1) if S._CLAUSE.match(chr(i))} == S._CLAUSE_CHARS


@pytest.mark.parametrize("year", [2023, 2019, None])
def test_nothing_after_the_unit_matches_no_after_form_unless_said(year: int | None) -> None:
    vocabulary = S._compiled(year)
    assert vocabulary.after_empty == any(after.match("") for *_, after in vocabulary.after)
    term, form, at = S._classify(vocabulary, "", "")
    assert (term, form, at) == (None, None, 0)
