"""The wording rules' anchors (issue 19): a pattern tried only where an anchor allows (``_places``, ``_near``,
``_addresses``, ``_repeats``) finds what ``finditer`` over the whole text finds, match for match.

Each pattern is compared with its own ``finditer`` on texts built for it: the forms an anchor must keep (a scheme
in any case, htttps, a numeral two characters before 是, a local part of any length before the @), forms beside
them that no pattern matches, and random texts drawn from the characters the pattern is made of (a fixed seed:
the same texts on every run).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import gilint_rules.wording as W
import pytest


def spans(matches: Iterator[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


def random_texts(alphabet: list[str], seed: str, count: int = 3000, most: int = 24) -> list[str]:
    """``count`` texts of up to ``most`` pieces of ``alphabet`` (characters or short strings)."""
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, most))) for _ in range(count)]


URL_TEXTS = [
    "网址：https//www.example.gov.cn）",
    "HTTP//A.CN HtTpS//b.cn xhttp//c.cn",
    "http:/www.a.cn https:/1.cn http://ok.cn",
    "http：//a.cn http：  ／／b.cn http:／／c http:\\\\d http：\\e http:/\\f",
    "htttp://a htps://b hhttps://c httpss://d htpps://e ttp://f tps://g Htttps://h TPS://i",
    "www，example.gov.cn WWW。a-b.cn wWw,ab.com xwww，a.cn .www，a.cn",
    "a，gov.cn 9,EDU.CN abc。Com.Cn x,org．cn 中，gov.cn a，gov.cnx",
    "没有网址的一段文字。",
    "1http//d.cn xtps://j wwww，a.cn -，gov.cn",
]
URL_ALPHABET = [*"hHtTpPsSwWcCnN:/／：\\＼.．，。,a1-_ 中", "http", "https", "www", "gov", "cn", "://", "，gov.cn"]


@pytest.mark.parametrize("slip", range(len(W._URL_SLIPS)))
def test_url_slips_at_their_anchors_are_finditer(slip: int) -> None:
    pattern, anchors, *_ = W._URL_SLIPS[slip]
    for text in [*URL_TEXTS, *random_texts(URL_ALPHABET, f"url{slip}")]:
        assert spans(W._near(pattern, text, W._url_places(text)[anchors])) == spans(pattern.finditer(text)), text


def test_url_places_keep_fewer_than_the_anchors() -> None:
    """Of each anchor's places, only those its slips' first character may start at: a scheme's h or t after no
    letter, www's first w after no letter or dot, the comma or stop before gov.cn after a letter or digit."""
    text = "网址：http://www.example.gov.cn，https://a.gov.cn"
    kept = W._url_places(text)
    assert kept[W._P] == [3, 29] and kept[W._W] == [10] and kept[W._C] == []


def test_every_url_slip_is_found_in_any_case() -> None:
    """The forms of GI611's examples, each in upper and mixed case, are found (the anchors are both cases)."""
    for text in URL_TEXTS[:7]:
        for written in (text, text.upper(), text.swapcase()):
            found = [
                m
                for pattern, anchors, *_ in W._URL_SLIPS
                for m in W._near(pattern, written, W._places(written, anchors))
            ]
            assert found, written


EMAIL_TEXTS = [
    "电子邮箱：example＠163.com，a.b_c%d+e-f@163。com；x@qqcom；y@@b.cn",
    "1234567890123456789012345@163com .x@163。com _a@@b.cn a@b@@c.cn",
    "邮箱abc＠163.com和ABC@SINA。com",
]
EMAIL_ALPHABET = [*"aZ9._%+-@＠。．，,中 ", "163", "qq", "com", "cn", "@@"]


@pytest.mark.parametrize("slip", range(len(W._EMAIL_SLIPS)))
def test_email_slips_at_their_addresses_are_finditer(slip: int) -> None:
    pattern = W._EMAIL_SLIPS[slip][0]
    for text in [*EMAIL_TEXTS, *random_texts(EMAIL_ALPHABET, f"email{slip}")]:
        assert spans(W._near(pattern, text, W._addresses(text))) == spans(pattern.finditer(text)), text


PHONE_TEXTS = ["电话：0591-236516，传真：12345678901；手机号码：138 0000 0000；热线：12345；座机：010-1234567；电视"]


def test_phone_numbers_at_their_labels_are_finditer() -> None:
    alphabet = [
        "电话",
        "传真",
        "手机",
        "热线",
        "座机",
        "号码",
        "电",
        "：",
        ":",
        " ",
        "0",
        "9",
        "-",
        "（",
        "）",
        "/",
        "、",
    ]
    for text in [*PHONE_TEXTS, *random_texts(alphabet, "phone")]:
        assert spans(W._near(W._PHONE, text, W._places(text, W._PHONE_ANCHOR))) == spans(W._PHONE.finditer(text))


def test_document_numbers_at_their_brackets_are_finditer() -> None:
    alphabet = [*"〔〕[]［］()（）【】{}｛｝第号 \n国办发", "2020", "1999", "17", "3"]
    every = "".join(f"国办发{o}2020{c}第17号，" for o, c in zip("〔[［(（【{｛", "〕]］)）】}｝", strict=True))
    assert len(W._DOC_NUMBER.findall(every)) == 8  # each bracket
    for text in ["国办发〔2020〕17号，发 〔 2021 〕 第 3 号", every, *random_texts(alphabet, "doc")]:
        found = W._near(W._DOC_NUMBER, text, W._places(text, W._DOC_ANCHOR))
        assert spans(found) == spans(W._DOC_NUMBER.finditer(text)), text


MARKER_TEXTS = [
    "一是加强；二是规范；三是提高。十二是另一条，二十三是再一条，一二三四是不算。第一，第二、第三：第十一，",
    "（一）主动公开\n（二）依申请公开\n(三)监督\n（1）工作\n（12）工作\n1、工作\n12.工作\n 3．工作\n123、不算\n1.5万",
    "本年度（一）不是标题，1、也不是；\n2、是\n",
]
MARKER_ALPHABET = [*"一二三十是第（）()、.．，：\n 1２9工作“", "一是", "（一）", "1、", "12."]


def test_markers_at_their_anchors_are_finditer() -> None:
    """The marker patterns, each found by its literal or at its anchors, find what ``finditer`` of one alternation
    of them finds: no two of them overlap."""
    full, half = W._BRACKETED
    assert full.pattern[0] == "（" and half.pattern[:2] == "\\(" and full.pattern[1:] == half.pattern[2:]
    bracketed = f"[（(]{full.pattern[1:]}"  # the two, told apart by their literal alone
    together = re.compile("|".join(f"(?:{p})" for p in (bracketed, W._ARABIC.pattern, W._SHI.pattern, W._DI.pattern)))
    for text in [*MARKER_TEXTS, *random_texts(MARKER_ALPHABET, "markers")]:
        found = sorted((m.span(), m.groupdict()) for m in W._marker_matches(text))
        expected = sorted((m.span(), m.groupdict()) for m in together.finditer(text))
        assert [(span, {k: v for k, v in groups.items() if v}) for span, groups in found] == [
            (span, {k: v for k, v in groups.items() if v}) for span, groups in expected
        ], text


DOUBLED_TEXTS = [
    "规范审核审核发布机制，打造整体统一的的网站界面，资金资金分配，政府信息公开政府信息公开",
    "哈哈哈哈哈哈，常常常常，的的确确，为了了解，一一，家家户户，研究研究，一二一二",
    "表格     结果结果\n\n\n      ",
    "丁丁一一丁一丁一",  # characters whose low byte is 0 (U+4E00, U+4E01)
    "鿿鿿 ䷿䷿ ꀀꀀ",  # the edges of _CJK and what is just outside it
]
DOUBLED_ALPHABET = [*"的了是和与审核一丁二 \n，a1鿿䷿ꀀ", "审核", "政府信息"]


def test_doubled_words_and_characters_at_their_repeats_are_finditer() -> None:
    for text in [*DOUBLED_TEXTS, *random_texts(DOUBLED_ALPHABET, "doubled", 5000, 30)]:
        near = W._repeats(text)
        assert near is not None
        chars, words = near
        assert spans(W._near(W._DOUBLED_WORD, text, words)) == spans(W._DOUBLED_WORD.finditer(text)), text
        assert spans(W._near(W._DOUBLED_CHAR, text, chars)) == spans(W._DOUBLED_CHAR.finditer(text)), text


def test_doubled_outside_the_bmp_reads_the_whole_text() -> None:
    """A character outside the BMP (two UTF-16 units) leaves no repeats: ``_doubled`` scans the text as it is."""
    text = "𠀀审核审核的的"
    assert W._repeats(text) is None
    assert sorted(W._doubled(text)) == [(1, "审核"), (5, "的")]


def test_places_cover_the_reach_before_each_anchor() -> None:
    assert W._places("ab是cd是", ("是", 2)) == [0, 1, 2, 3, 4, 5]
    assert W._places("是x第", ("是", 3), ("第", 0)) == [0, 2]
    assert W._places("没有", ("是", 3)) == []


def test_format_citations_at_their_names_are_finditer() -> None:
    """GI608's citation starts at the format's name or at the 关于印发 before it, white space and a bracket between."""
    name = W._FORMAT_NAME
    texts = [
        f"关于印发〈{name}〉的通知》（国办公开办函〔2021〕3号），",
        f"关于印发 \n < {name}> 的通知（国办公开函〔2021〕30号）",
        f"{name}》（国办公开办函[2021]第30号）关于印发{name}（国办函〔2019〕60号）于印发{name}（国办函〔2019〕6号）",
        f"{name}（试行）（国办公开办函〔2019〕60号）",
    ]
    alphabet = [
        "关于印发",
        "于印发",
        name,
        *" \n〈<《＜〉>》＞（）(",
        "的通知",
        "国办公开办函",
        "〔2021〕",
        "30号",
        "第",
    ]
    for text in [*texts, *random_texts(alphabet, "format", 2000, 12)]:
        found = W._near(W._FORMAT_CITED, text, W._format_named(text))
        assert spans(found) == spans(W._FORMAT_CITED.finditer(text)), text


def test_format_citation_takes_the_white_space_whole() -> None:
    """The possessive runs match what the greedy ones did (each part between them holds no white space)."""
    assert "\\s*+" in W._FORMAT_CITED.pattern
    former = re.compile(W._FORMAT_CITED.pattern.replace("\\s*+", "\\s*"))
    name = W._FORMAT_NAME
    alphabet = [
        name,
        "关于印发",
        *" \n\u3000〈<《＜〉>》＞（）(”」",
        "的通知",
        "国办公开办函",
        "〔2021〕",
        "30号",
        "第",
        "试行",
        "  ",
    ]
    for text in random_texts(alphabet, "format", 4000, 14):
        found = W._near(W._FORMAT_CITED, text, W._format_named(text))
        assert spans(found) == spans(former.finditer(text)), text


def test_unpaired_marks_at_their_anchors_are_finditer() -> None:
    """GI603's unpaired marks: a match starts at its < or ＜, or 3 to 41 before its > or ＞, and only at a < or 《."""
    texts = [
        "关于印发<中华人民共和国政府信息公开工作年度报告格式》的通知",
        "《" + "字" * 40 + ">《" + "字" * 41 + ">",
        "《ab＜c＞d》",
    ]
    for text in [*texts, *random_texts([*"<＜>＞《》\n字a", "字字字字字字字字"], "unpaired", 4000, 20)]:
        found = W._near(W._UNBALANCED, text, W._unpaired(text))
        assert spans(found) == spans(W._UNBALANCED.finditer(text)), text


def test_a_text_of_anchors_is_scanned_as_a_whole() -> None:
    """Places everywhere (a text of > or of 一, whose low byte is 0) leave the scan to ``finditer``: the same
    matches, and no more places than characters."""
    text = "《条例>" + ">" * 5000 + "《" + "字" * 10 + ">"
    places = W._places(text, *W._UNPAIRED_AT)
    assert places == list(range(len(text))) and W._dense(places, text)
    assert spans(W._near(W._UNBALANCED, text, places)) == spans(W._UNBALANCED.finditer(text))
    text = "一" * 20000 + "，的的审核审核"
    assert W._repeats(text) is None
    assert sorted(W._doubled(text)) == [(20001, "的"), (20003, "审核")]
