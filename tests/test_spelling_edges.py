"""GI620's and GI621's scans at the edges of the text: a slip at its first or last character, and one right
beside the term or name written exactly (where the scans look up the characters beside a half, and pass
over the halves of the name written right)."""

from __future__ import annotations

import pytest
from gilint_rules.spelling import Slip, find_name_slips, find_slips

NAME = ["青禾县市场监督管理局"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("行政复义", [Slip(0, 4, "行政复议", 3, "义", "议", "homophone")]),
        ("予已公开", [Slip(0, 4, "予以公开", 1, "已", "以", "homophone")]),
        ("信息处理废", [Slip(0, 5, "信息处理费", 4, "废", "费", "homophone")]),
        ("本年度被申请行政复义", [Slip(6, 10, "行政复议", 9, "义", "议", "homophone")]),
        ("行政复议行政复义", [Slip(4, 8, "行政复议", 7, "义", "议", "homophone")]),  # right after the term
        ("政复议申请", []),  # the term cut at the start: no window one edit off
    ],
)
def test_term_slips_at_the_edges(text: str, expected: list[Slip]) -> None:
    assert find_slips(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "市场监督管里局负责。青禾县市场监督管理局。青禾县市场监督管理局。",
            [Slip(0, 7, "市场监督管理局", 5, "里", "理", "homophone")],
        ),
        (
            "青禾县市场监督管理局。由青禾县市场监督管里局",
            [Slip(12, 22, "青禾县市场监督管理局", 20, "里", "理", "homophone")],
        ),
        ("管里局。青禾县市场监督管理局", []),  # neither half of a part of the name in what is written
    ],
)
def test_name_slips_at_the_edges(text: str, expected: list[Slip]) -> None:
    assert find_name_slips(text, NAME) == expected
