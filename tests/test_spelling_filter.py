"""GI620's filter (``_filters``, ``_suspects``): it must match wherever ``_edit`` may accept a window as a
term one edit off (an edit at the first character only where the window stands apart on the left, the
only place ``_stands_apart`` trusts it), so that searching only where it matches finds what searching
everywhere finds, and it rules out text that holds no such window (a term written right, a substitution
that is neither a homophone nor a look-alike, a near-neighbour left by a dropped character). GI621's search
passes over the name written right; what it finds beside it is the same. The filter is used only where
compiled patterns are kept (``regex.keeping``); the tests here use it, whatever this machine's cache, and
check that searching the whole text (no cache) finds the same."""

from __future__ import annotations

import pytest
from gilint_rules import spelling
from gilint_rules.spelling import (
    Slip,
    _edit,
    _filter_patterns,
    _match_starts,
    _starts,
    _suspects,
    find_name_slips,
    find_slips,
    is_cjk,
)

from gilint.formats import lexicon

FN = lexicon.FUNCTION_CHARS


@pytest.fixture(autouse=True)
def filtered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The filter on, as where compiled patterns are kept."""
    monkeypatch.setattr(spelling.regex, "keeping", lambda: True)


def _forms(term: str) -> list[str]:
    """The term one edit off: each character replaced by its first confusable characters, a function
    character, another CJK character or a copy of its neighbour put in at each place, each character left
    out."""
    out = []
    for j, ch in enumerate(term):
        like = sorted(c for c in lexicon.confusables(ch) if c != ch and is_cjk(c))[:3] if is_cjk(ch) else []
        out += [term[:j] + c + term[j + 1 :] for c in like]
        out += [term[:j] + c + term[j:] for c in ("的", "新", "某", term[j - 1] if j else ch)]
        out.append(term[:j] + term[j + 1 :])
    out += [term + "某", term + term[-1]]
    return out


def _matched(text: str) -> set[int]:
    return {at for f in _filter_patterns() for at in _match_starts(f, text)}


@pytest.mark.parametrize("term", sorted(lexicon.terms()))
def test_the_filter_matches_every_form_edit_accepts(term: str) -> None:
    accepted = 0
    for written in _forms(term):
        if written in lexicon.terms():
            continue
        edit = _edit(written, term, lexicon.confusable, FN, FN)
        if edit is None:
            continue
        accepted += 1
        if any(a <= edit[0] <= a + len(word) for word in lexicon.NEAR_WORDS for a in _starts(written, word)):
            # a near-neighbour written at the edit (申请情况): explained wherever it stands, so not looked for
            assert find_slips("，" + written + "，") == [], written
            continue
        # the window (standing apart) starts where the filter matches
        assert 1 in _matched("，" + written + "，"), (term, written, edit)
    assert accepted > 0


@pytest.mark.parametrize(
    "text",
    [
        "政府信息公开",  # the term written right
        "本年度被申请行政复议1件，依申请公开",
        "行政复杂",  # 杂 is neither a homophone nor a look-alike of 议
        "申请情况",  # 申请人情况 with 人 left out is the near-neighbour written on purpose
        "今天天气很好，我们去公园。",
        "",
    ],
)
def test_the_filter_rules_out_text_without_a_slip(text: str) -> None:
    assert _suspects(text) == []


@pytest.mark.parametrize(
    "text",
    ["行政复义", "予已公开", "信息处理废", "现行有郊件数", "行政法复议", "信息处费", "政府信息公公开"],
)
def test_the_filter_finds_the_slips_of_the_rule_docs(text: str) -> None:
    assert _suspects(text) and find_slips(text)


LONG = "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the window starts inside a long term written right (no part of it): that term's own text
        ("，" + LONG + "亻无正当理由逾期不补正。", []),
        ("，要求行政机关确认或重新出具已获取信息亍理费。", []),
        # the term written right is a part of the one misspelt: a slip, the term found from far before it
        (
            "，行政机关不再处理其政府信息公开申请亻无正当理由逾期不补正、行政机关不再处理其政府信息公开申请。",
            [Slip(16, 47, "申请人无正当理由逾期不补正、" + LONG[18:], 18, "亻", "人", "homophone")],
        ),
        # far into the text, among terms written right
        ("政府信息公开" * 40 + "，行政复义。", [Slip(241, 245, "行政复议", 244, "义", "议", "homophone")]),
        (
            "本年度被申请行政复议" * 30 + "，本年度被申请行政复义" + "，予以公开" * 20,
            [Slip(307, 311, "行政复议", 310, "义", "议", "homophone")],
        ),
    ],
)
def test_slips_among_terms_written_right(text: str, expected: list[Slip]) -> None:
    assert find_slips(text) == expected


def test_without_kept_patterns_the_whole_text_is_searched_and_finds_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        "，" + written + "，" + term + "。"
        for term in sorted(lexicon.terms())
        for written in _forms(term)
        if written not in lexicon.terms()
    ]
    filtered = [find_slips(t) for t in texts]
    monkeypatch.setattr(spelling.regex, "keeping", lambda: False)
    assert _suspects("行政复议") == [(0, 4)] and _suspects("") == []
    assert [find_slips(t) for t in texts] == filtered
    assert sum(map(bool, filtered)) > len(texts) // 4  # slips among them


def test_a_name_slip_among_the_name_written_right() -> None:
    text = "青禾县市场监督管理局" * 3 + "。" + "综合执法" * 20 + "，青禾县市场监管管理局。"
    assert find_name_slips(text, ["青禾县市场监督管理局"]) == [
        Slip(112, 122, "青禾县市场监督管理局", 118, "管", "督", "own")
    ]
    assert find_name_slips("青禾县市场监督管理局" * 5, ["青禾县市场监督管理局"]) == []


@pytest.mark.parametrize("meant", ["议", "费", "郊", "效", "府", "、", "a"])
def test_confusables_are_what_confusable_accepts(meant: str) -> None:
    accepted = {w for w in map(chr, range(0x3000, 0xA000)) if w != meant and lexicon.confusable(meant, w)}
    assert lexicon.confusables(meant) - {meant} == accepted


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # the window holds a part of the name written right (综合实验区): not blanked, the slip found
        (
            "平潭综合实验区财政金融局。平潭综合实验区。平谭综合实验区财政金融局",
            "平潭综合实验区财政金融局",
            [Slip(21, 33, "平潭综合实验区财政金融局", 22, "谭", "潭", "homophone")],
        ),
        (
            "平潭综合实验区。平潭综合实验区。平谭综合实验区",
            "平潭综合实验区",
            [Slip(16, 23, "平潭综合实验区", 17, "谭", "潭", "homophone")],
        ),
    ],
)
def test_a_name_slip_beside_a_part_of_it_written_right(text: str, name: str, expected: list[Slip]) -> None:
    assert find_name_slips(text, [name]) == expected
