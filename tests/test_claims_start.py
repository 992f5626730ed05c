"""claims.NUMBER_START names every character a NUMBER may start with (statements' count pattern looks for them
first and passes over every other character)."""

from __future__ import annotations

import re

from gilint import statements
from gilint.formats import claims as C


def test_every_character_a_number_starts_with_is_in_number_start() -> None:
    starts = re.compile(rf"[{C.NUMBER_START}]")
    number = re.compile(rf"(?:{C.NUMBER})")
    firsts = {ch for ch in map(chr, range(0x30000)) if number.match(ch + "0") or number.match(ch + "一")}
    assert firsts and all(starts.match(ch) for ch in firsts)
    assert {"7", "７", "十", "两", "〇"} <= firsts


def test_counts_found_as_without_the_lookahead() -> None:
    plain = re.compile(rf"(?P<num>{C.NUMBER})(?P<unit>[{C.UNITS}])|[为是](?P<zero>零|0)(?=[，；：、。\n]|$)")
    assert statements._COUNT.pattern.endswith(f"(?:{plain.pattern})")
    text = "共收到申请13件，其中1,234件、十三条为0，结转下年度两件；第3件不算？为零。二〇二三年"
    found = [(m.span(), m.groupdict()) for m in statements._COUNT.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]
    assert [m.group() for m in statements._COUNT.finditer(text)][:3] == ["13件", "1,234件", "十三条"]
