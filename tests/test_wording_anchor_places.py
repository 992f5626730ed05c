"""The wording rules' places narrowed by a match's first character (issue 19), against ``finditer`` over the whole
text, on generated texts: GI611's slips (a scheme's h or t after no letter, www's first w after no letter or dot,
the comma before gov.cn after a letter or digit) and GI603's unpaired marks (a < or 《); and GI608's citation, whose
white space after the title is taken whole (``\\s*+``), against the pattern as it was (``\\s*``)."""

from __future__ import annotations

import random
import re

import gilint_rules.wording as W
import pytest


def spans(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


def random_texts(alphabet: list[str], seed: str, count: int = 4000, most: int = 24) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, most))) for _ in range(count)]


URL_TEXTS = [
    "网址：https//www.example.gov.cn）HTTP//A.CN HtTpS//b.cn xhttp//c.cn 1http//d.cn",
    "http:/www.a.cn https:/1.cn http://ok.cn http：//a.cn http:／／c http:\\\\d http：\\e http:/\\f",
    "htttp://a htps://b hhttps://c httpss://d htpps://e ttp://f tps://g Htttps://h TPS://i xtps://j",
    "www，example.gov.cn WWW。a-b.cn wWw,ab.com xwww，a.cn .www，a.cn wwww，a.cn",
    "a，gov.cn 9,EDU.CN abc。Com.Cn x,org．cn 中，gov.cn a，gov.cnx -，gov.cn",
]
URL_ALPHABET = [*"hHtTpPsSwWcCnN:/／：\\＼.．，。,a1-_ 中", "http", "https", "www", "gov", "cn", "://", "，gov.cn"]


@pytest.mark.parametrize("slip", range(len(W._URL_SLIPS)))
def test_url_slips_at_their_first_characters_are_finditer(slip: int) -> None:
    pattern, anchors, *_ = W._URL_SLIPS[slip]
    for text in [*URL_TEXTS, *random_texts(URL_ALPHABET, f"url{slip}")]:
        assert spans(W._near(pattern, text, W._url_places(text)[anchors])) == spans(pattern.finditer(text)), text


def test_url_places_keep_fewer_than_the_anchors() -> None:
    text = "网址：http://www.example.gov.cn，https://a.gov.cn"
    kept = W._url_places(text)
    assert kept[W._P] == [3, 29] and kept[W._W] == [10] and kept[W._C] == []


def test_unpaired_marks_at_their_first_characters_are_finditer() -> None:
    texts = [
        "关于印发<中华人民共和国政府信息公开工作年度报告格式》的通知",
        "《" + "字" * 40 + ">《" + "字" * 41 + ">",
        "《ab＜c＞d》",
    ]
    for text in [*texts, *random_texts([*"<＜>＞《》\n字a", "字字字字字字字字"], "unpaired", 4000, 20)]:
        assert spans(W._near(W._UNBALANCED, text, W._unpaired(text))) == spans(W._UNBALANCED.finditer(text)), text


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
