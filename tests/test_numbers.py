"""gilint.numbers against cn2an (the oracle, in the dev extra): every number cn2an writes reads back,
the short forms (一千二, 二百五, 一万二) mean what cn2an says, and every Chinese numeral gilint accepts
has cn2an's value; what is no number (十十, 一百零五十, 百) is None."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gilint.numbers import parse_count, parse_int, to_chinese

cn2an = pytest.importorskip("cn2an")
warnings.filterwarnings("ignore", module="cn2an")


def oracle(text: str) -> int | None:
    try:
        return int(cn2an.cn2an(text.replace("〇", "零"), "normal"))
    except Exception:  # cn2an raises ValueError (and others) for what is no number
        return None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("13", 13),
        ("１３", 13),
        ("1,234", 1234),
        ("十三", 13),
        ("二十一", 21),
        ("一千二百三十", 1230),
        ("两", 2),
        ("〇", 0),
        ("零", 0),
        ("一百零五", 105),
        ("一千二", 1200),
        ("二百五", 250),
        ("一万二", 12000),
        ("两万两千", 22000),
        ("一万零五百", 10500),
        ("三万零五", 30005),
        ("一百十三", 113),
        ("一千零十三", 1013),
        ("十万", 100000),
        ("二〇二二", 2022),
        ("一百零", 100),
    ],
)
def test_numbers_reports_write(text: str, value: int) -> None:
    assert parse_int(text) == value
    if not text.isascii() and text not in ("１３", "二〇二二"):
        assert oracle(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "十十",
        "一百零五十",
        "百",
        "千",
        "万",
        "十一十",
        "一千零零五",
        "十零五",
        "十零",
        "一万十",
        "三千六万",
        "12,34",
        "",
        "十三a",
    ],
)
def test_what_is_no_number(text: str) -> None:
    assert parse_int(text) is None


def test_a_count_is_not_written_digit_by_digit() -> None:
    assert (parse_count("二〇二二"), parse_count("一二"), parse_count("两"), parse_count("零")) == (None, None, 2, 0)
    assert parse_count("二十一") == 21 and parse_count("21") == 21


@settings(max_examples=1000, deadline=None)
@given(st.integers(0, 99_999_999))
def test_every_number_cn2an_writes_reads_back(n: int) -> None:
    text = cn2an.an2cn(n)
    assert parse_int(text) == n
    assert parse_int(text.replace("二", "两")) in (n, None)  # 两 where cn2an writes 二: the same or refused


@settings(max_examples=1000, deadline=None)
@given(st.integers(1, 99_999))
def test_short_forms_mean_what_cn2an_says(n: int) -> None:
    text = cn2an.an2cn(n)
    if len(text) >= 3 and text[-1] in "十百千" and text[-2] not in "零十百千万":
        assert parse_int(text[:-1]) == oracle(text[:-1])


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="〇零一二两三四五六七八九十百千万", min_size=1, max_size=8))
def test_every_numeral_accepted_has_cn2ans_value(text: str) -> None:
    value = parse_int(text)
    if value is not None and not all(ch in "〇零一二两三四五六七八九" for ch in text):
        assert value == oracle(text)


def test_writing_chinese_numerals_as_cn2an_does() -> None:
    """The one writer of Chinese numerals (section numbers, enumerations, a .docx list's chineseCounting):
    cn2an's "low" writing, which every number it writes reads back."""
    for n in range(1, 10000):
        written = to_chinese(n)
        assert written == cn2an.an2cn(n, "low"), n
        assert parse_int(written) == n
    assert [to_chinese(n) for n in (1, 10, 11, 20, 105, 1010)] == ["一", "十", "十一", "二十", "一百零五", "一千零一十"]
    assert to_chinese(2024, "零壹贰叁肆伍陆柒捌玖", "拾佰仟") == "贰仟零贰拾肆"
    assert (to_chinese(0), to_chinese(10000)) == ("0", "10000")
