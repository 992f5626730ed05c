"""Numbers as reports write them: Arabic, full-width, Chinese numerals (十三, 二十一, 一百零五,
二〇二二), and the words that mean zero (未收到, 无, 零)."""

from __future__ import annotations

import re

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUMBER = "[〇零○一二两三四五六七八九十百千万]+"
NUMBER = rf"(?:[0-9０-９]+|{CN_NUMBER})"


def to_ascii(text: str) -> str:
    """Full-width digits, point and minus to ASCII."""
    return text.translate(_FULLWIDTH)


def parse_int(text: str) -> int | None:
    """``"13"``, ``"１３"``, ``"十三"``, ``"二十一"``, ``"一百零五"``, ``"二〇二二"`` -> int; else None."""
    text = to_ascii(text.strip())
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    if not any(ch in _UNITS for ch in text):  # digit by digit: 二〇二二
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + section + (digit or 0)


_DATE = re.compile(rf"({NUMBER})\s*年\s*({NUMBER})\s*月\s*({NUMBER})\s*日")


def parse_date_parts(text: str) -> tuple[int, int, int] | None:
    m = _DATE.search(text)
    if not m:
        return None
    parts = tuple(parse_int(g) for g in m.groups())
    if None in parts:
        return None
    return parts  # type: ignore[return-value]
