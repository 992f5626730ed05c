"""gilint.statements' own workings: the compact prose and the scope marks, against what they must equal."""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest

from gilint import statements as S
from gilint.formats import claims as C

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
    sentences = S._sentences(text)
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
