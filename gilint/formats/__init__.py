"""The 2019 and 2021 report formats as data: section titles and wording here, the tables in
``gilint.formats.tables`` (every cell's id and labels, and the identities over them).

Labels are matched with ``fuzzy()``: full-/half-width brackets and punctuation, quotes and white
space are interchangeable, because scrapers and word processors change them freely.
"""

from __future__ import annotations

import re
from functools import cache

from gilint import regex  # noqa: F401  # first: it gives dataclasses its code cache before gilint's are made

REGULATION = "《中华人民共和国政府信息公开条例》"

SECTION_TITLES = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}
# Variants seen in the wild that evaluators accept (spec/format.md §2.1, §3.2).
SECTION_VARIANTS = {
    4: ("因政府信息公开工作被申请行政复议、提起行政诉讼情况",),
    5: ("政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况"),
}
# Words that tell which section a non-standard heading stands for.
SECTION_KEYWORDS: dict[int, tuple[tuple[str, ...], ...]] = {
    1: (("总体情况",),),
    2: (("主动公开",),),
    3: (("申请",), ("收到", "处理", "办理")),
    4: (("复议", "诉讼"),),
    5: (("问题",), ("改进", "整改", "措施", "计划")),
    6: (("其他", "其它"), ("事项", "报告", "说明")),
}

_CLASSES = {
    "（": "[（(]",
    "(": "[（(]",
    "）": "[）)]",
    ")": "[）)]",
    "、": "[、，,.．]",
    "，": "[、，,]",
    "：": "[：:]",
    "“": "[“”\"']?",
    "”": "[“”\"']?",
    ".": "[.．、]",
    "/": "[/／]",
}


@cache
def fuzzy(label: str) -> str:
    """A regex source matching ``label`` with interchangeable punctuation and optional spaces."""
    parts = []
    for ch in label:
        if ch.isspace():
            continue
        parts.append(_CLASSES.get(ch, re.escape(ch)))
    return r"\s*".join(parts)


# Labels that exist only in the 2019 format (an error in a 2021-or-later report).
LABELS_2019_ONLY = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "第二十条第（九）项",
    "其他对外管理服务事项",
    "政府集中采购",
)
# Official label texts whose exact wording is checked (wording of the printed format).
OFFICIAL_PHRASES = (
    "（区分处理的，只计这一情形，不计其他情形）",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
)
