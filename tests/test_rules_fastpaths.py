"""The rules' fast paths (issue 19) against the general forms they stand for, on generated texts (a fixed seed:
the same texts on every run): ``norm`` is its former regex and table, ``_places`` of one anchor of reach 0 is the
union of every anchor's reach, and patterns searched for one by one (GI501's fee statements, GI609's citations,
GI614's instructions) find something wherever their one alternation does.
"""

from __future__ import annotations

import random
import re

import gilint_rules._util as U
import gilint_rules.fees as fees
import gilint_rules.wording as W

ANCHORS = [
    (("（(", 0),),
    (("〔[［(（【{｛", 0),),
    (("电传手热座", 0),),
    (("是", 0),),
    (("是是", 0),),  # a character given twice is one anchor
    (("pP", 4),),
    (("cC", 5),),
    (("<＜", 0), (">＞", 41)),
    (("是", 3), ("第", 0)),
]
ALPHABET = [*"（(〔[［【{｛电传手热座是第pPcC<＜>＞ab 中\n", "是是", "（（"]


def union(text: str, *anchors: tuple[str, int]) -> list[int]:
    """Every place within its reach before a character of an anchor, in order, each once."""
    places = set()
    for chars, reach in anchors:
        for i, c in enumerate(text):
            if c in chars:
                places.update(range(max(i - reach, 0), i + 1))
    return sorted(places)


def texts(seed: str, count: int = 3000, most: int = 60) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, most))) for _ in range(count)]


def test_places_are_the_union_of_every_anchors_reach() -> None:
    for text in ["", "是", "（一）(二)〔2020〕", *texts("places")]:
        for anchors in ANCHORS:
            assert W._places(text, *anchors) == union(text, *anchors), (text, anchors)


def test_finds_every_start_of_a_word_overlapping_too() -> None:
    assert W._finds("是是是x是是", "是是") == [0, 1, 4]
    assert W._finds("没有", "是") == []


FEE_PARTS = [*"处理费收通知信息公开依申请未没有无不发生产生存在取用。；;\n 的年", "处理费", "收费", "收取费用"]


def test_the_fee_patterns_one_by_one_find_what_their_alternation_finds() -> None:
    """Whether any of GI501's patterns finds a statement is whether the alternation of them (its former pattern) does,
    on texts made of their own words and characters."""
    together = re.compile("|".join(p.pattern for p in fees._FEES))
    rng = random.Random("fees")
    samples = ["本年度未收取信息处理费。", "未发出收费通知", "没有产生收费", "无其他需要报告的事项。"]
    samples += ["".join(rng.choice(FEE_PARTS) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    hits = 0
    for text in samples:
        found = any(p.search(text) for p in fees._FEES)
        assert found == bool(together.search(text)), text
        hits += found
    assert 0 < hits < len(samples)  # both answers are tried


SPLIT = {
    "GI609 cites 2021": (
        W._CITES_2021,
        [*"国办公开函〔〕[]（）年度报告格式〉>》＞ 2021", "2021", "国办公开办函", "年度报告格式"],
    ),
    "GI614 instructions": (
        W._INSTRUCTION_WORDS,
        [*"文字描述此处填写入输报告说明补充请在申 （）", "文字描述", "此处", "请填写", "申请"],
    ),
}


def test_the_wording_patterns_one_by_one_find_what_their_alternation_finds() -> None:
    """Whether any of GI609's and GI614's patterns finds something is whether the alternation of them (the former
    pattern) does."""
    for name, (patterns, parts) in SPLIT.items():
        together = re.compile("|".join(p.pattern for p in patterns))
        rng = random.Random(name)
        samples = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
        found = [any(p.search(text) for p in patterns) for text in samples]
        assert found == [bool(together.search(text)) for text in samples], name
        assert 0 < sum(found) < len(samples), name


SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]


def test_norm_is_white_space_removed_and_punctuation_made_full_width() -> None:
    """``norm`` is what its former form, ``re.sub(r"\\s+", "")`` then a ``str.translate`` table, gives: on every white
    space character Python knows and on generated texts of them and of the characters it changes."""
    table = str.maketrans("(),:;", "（），：；")
    assert len(SPACES) > 20 and all(re.fullmatch(r"\s", c) for c in SPACES)
    rng = random.Random("norm")
    parts = [*SPACES, *"(),:;（），：；政府a1、", "条例"]
    for text in [
        "",
        " ".join(SPACES),
        *("".join(rng.choice(parts) for _ in range(rng.randint(0, 20))) for _ in range(5000)),
    ]:
        assert U.norm(text) == re.sub(r"\s+", "", text).translate(table), repr(text)


def test_the_numbered_anchors_one_by_one_are_the_class_of_them() -> None:
    """GI606's anchors of an arabic marker (、, . or ． after a digit), a pattern for each, start where the one
    pattern of their class (the former) matches, with digits of other scripts too."""
    together = re.compile(r"[、.．](?<=\d[、.．])")
    rng = random.Random("numbered")
    parts = [*"、.．1９٣a一 \n", "12、", "3."]
    for text in ["".join(rng.choice(parts) for _ in range(rng.randint(0, 30))) for _ in range(5000)]:
        found = sorted(m.start() for p in W._NUMBERED for m in p.finditer(text))
        assert found == [m.start() for m in together.finditer(text)], text
