"""Numbers as reports write them: Arabic (``1,234`` too), full-width, Chinese numerals (十三, 二十一,
一百零五, 一千二 = 1200, 二百五 = 250, 两万两千) and digit by digit (二〇二二).

Chinese numerals are read as cn2an reads them in its "normal" mode (the tests use it as the oracle):
units must fall (千 before 百 before 十), a 零 stands for skipped units, a digit after the last unit
without a 零 is one unit lower (一千二 is 1200), and anything else (十十, 一百零五十, 百) is no number.
"""

from __future__ import annotations

from gilint import regex

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
CN_DIGITS = "〇一二三四五六七八九"  # the digits 0-9, as a date or a code writes them one by one (二〇二二)
_DIGITS = {**{ch: i for i, ch in enumerate(CN_DIGITS)}, "零": 0, "○": 0, "Ｏ": 0, "两": 2}
_ZEROS = frozenset("〇零○Ｏ")
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMBER = "[〇零○一二两三四五六七八九十百千万]+"
NUMBER = rf"(?:[0-9０-９]+|{CN_NUMBER})"
_GROUPED = regex.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")


def to_chinese(n: int, digits: str = "零一二三四五六七八九", units: str = "十百千") -> str:
    """``n`` in Chinese counting (1 一, 10 十, 11 十一, 20 二十, 105 一百零五), for 0 < n < 10000 (else in
    Arabic digits); ``digits`` and ``units`` for another set (the financial 零壹贰… 拾佰仟)."""
    if n <= 0 or n >= 10000:
        return str(n)
    out = ""
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d:
            if zero and out:
                out += digits[0]
            out += ("" if (d == 1 and unit == units[0] and not out) else digits[d]) + unit
            zero = False
        elif out:
            zero = True
    return out


def to_ascii(text: str) -> str:
    """Full-width digits, point and minus to ASCII."""
    return text.translate(_FULLWIDTH)


def _section(text: str, above: int, *, leading_ten: bool, leading_zero: bool = False, short: bool = True) -> int | None:
    """A number below ``above`` written with 千百十: 一千二百三十, 一千二 (1200, ``short``), 二百五 (250),
    十三, 一百零五, 一百十三; ``leading_zero`` for the part after 万 (一万零五百)."""
    value, last, digit, zero = 0, above, None, False
    for i, ch in enumerate(text):
        if ch in _ZEROS:
            if zero or digit is not None or (i == 0 and not leading_zero):
                return None  # 零零, a digit before 零
            zero = True
        elif ch in _DIGITS:
            if digit is not None:
                return None  # two digits in a row: 一二百
            digit = _DIGITS[ch]
        else:
            unit = _UNITS[ch]
            if unit >= last or (zero and unit * 10 >= last):
                return None  # units must fall; a 零 must stand for a skipped unit
            if digit is None:
                if not (unit == 10 and ((i == 0 and leading_ten) or last == 100 or zero)):
                    return None  # only 十 may stand alone: 十三, 一百十三, 一千零十三
                digit = 1
            value += digit * unit
            last, digit, zero = unit, None, False
    if digit is not None:
        if zero:
            if last < 100:
                return None  # 十零五: no unit skipped
            value += digit
        else:
            if 10 < last < above and not short:
                return None  # before 万 no digit stands for a lower unit: not 三千六万
            value += digit * (last // 10 if 10 < last < above else 1)  # 一千二 = 1200, 二百五 = 250
    elif zero and (last < 100 or not short):
        return None  # 十零: no unit skipped
    return value


def _chinese(text: str) -> int | None:
    if all(ch in _DIGITS for ch in text):  # digit by digit: 二〇二二, or one digit
        return int("".join(str(_DIGITS[ch]) for ch in text))
    if any(ch not in _DIGITS and ch not in _UNITS and ch != "万" for ch in text):
        return None
    high, sep, low = text.partition("万")
    if not sep:
        return _section(text, 10000, leading_ten=True)
    top = _section(high, 10000, leading_ten=True, short=False) if high else None
    if not top or "万" in low:
        return None
    if not low:
        return top * 10000
    if len(low) == 1 and low not in _ZEROS:
        return top * 10000 + _DIGITS[low] * 1000 if low in _DIGITS else None  # 一万二 = 12000
    rest = _section(low, 10000, leading_ten=False, leading_zero=True)
    if rest is None or (low[0] not in _ZEROS and rest < 1000):
        return None  # after 万 a number starts with 千 or 零: 一万二千, 一万零五百
    return top * 10000 + rest


def parse_int(text: str) -> int | None:
    """``"13"``, ``"１３"``, ``"1,234"``, ``"十三"``, ``"一千二"`` (1200), ``"二〇二二"`` -> int; else None."""
    text = to_ascii(text.strip())
    if text.isascii() and (text.isdigit() or _GROUPED.fullmatch(text)):
        return int(text.replace(",", ""))
    if not text:
        return None
    return _chinese(text)


def parse_count(text: str) -> int | None:
    """A count in prose: as ``parse_int``, but Chinese digits written one by one (二〇二二, 一二) are a
    year or a code, not a count; a single Chinese digit (两, 零) is one."""
    stripped = to_ascii(text.strip())
    if len(stripped) > 1 and all(ch in _DIGITS for ch in stripped):
        return None
    return parse_int(stripped)


_DATE = regex.compile(rf"({NUMBER})\s*年\s*({NUMBER})\s*月\s*({NUMBER})\s*日")


def parse_date_parts(text: str) -> tuple[int, int, int] | None:
    m = _DATE.search(text)
    if not m:
        return None
    parts = tuple(parse_int(g) for g in m.groups())
    if None in parts:
        return None
    return parts  # type: ignore[return-value]
