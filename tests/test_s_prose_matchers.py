"""The prose's fast paths against the general ones, on generated input: the vocabulary's words matched only by
the forms that may end with their last character (``regex.last``), sentences found as runs, clause bounds
found by bisection."""

from __future__ import annotations

import random
import re

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


def test_words_of_one_last_character_match_as_the_whole_vocabulary() -> None:
    """Matched by the forms that may end with its last character, words give the same form at the same place."""
    for year in (2023, 2019, None):
        vocabulary = S._compiled(year)
        assert all(end is not None for end in vocabulary.ends)  # every form's last character can be told
        alphabet = "".join(dict.fromkeys(re.sub(r"[\x00-\x7f]", "", "".join(vocabulary.sources)))) + "2023年0"
        texts = _texts(alphabet, 3000, 31, 12)
        rng = random.Random(32)  # and words that end as a form does: a form's words after random ones
        ends = ("收到政府信息公开申请", "共受理", "依申请公开", "结转下年度", "行政复议")
        texts += [rng.choice(texts) + w for w in ends for _ in range(50)]
        for words in texts:
            full = vocabulary.words.search(words)
            ending = S._ending(vocabulary, words[-1]) if words else vocabulary.words
            fast = ending.search(words) if ending is not None else None
            assert (full and (full.start(), full.lastgroup)) == (fast and (fast.start(), fast.lastgroup)), words


def test_sentences_are_the_text_between_two_sentence_ends() -> None:
    for text in _texts("。！？!?\n共收到申请13件", 2000, 33, 40):
        ends = [i for i, ch in enumerate(text) if ch in C.SENTENCE_END]
        between = zip([0, *(e + 1 for e in ends)], [*ends, len(text)], strict=True)
        assert S._sentences(text) == [(s, e) for s, e in between if e > s], text


def test_a_clause_starts_after_the_last_mark_before_its_count() -> None:
    """Without a bracket, each count's clause starts after the last ，；： before it (0 when none)."""
    for sentence in _texts("，；：共收到申请13件、", 2000, 34, 40):
        hits = [(m.start(), m.end(), 1) for m in re.finditer(r"\d+件", sentence)]
        expected = [max(sentence.rfind(mark, 0, start) for mark in "，；：") + 1 for start, _, _ in hits]
        assert S._clause_bounds(sentence, hits) == expected, sentence
