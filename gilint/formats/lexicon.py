"""The official terms a report must spell right, as data beside the format: every table label and its
parts, the section titles and the table names (derived from ``gilint.formats`` and
``gilint.formats.tables``), and the Regulation's and the format's own words (勾稽关系, 信息处理费,
依申请公开, …) listed here.

With them, what tells a slip from a word that belongs there (GI620): which characters are homophones
(``gilint.formats.homophones``, generated from pypinyin) or look alike (``LOOKALIKES``), which
characters are inserted or dropped on purpose (``FUNCTION_CHARS``), and the legitimate near-neighbours
seen in real reports (``NEAR_WORDS``).
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from gilint import formats as F
from gilint import regex
from gilint.formats.tables import TABLE_NAMES, table_format

# The Regulation's and the format's words that are not (whole) table labels or titles.
_WORDS = (
    "政府信息公开 政务公开 政府信息公开申请 政府信息公开工作 政府信息公开指南 政府信息公开目录 "
    "政府信息公开工作年度报告 主动公开 依申请公开 予以公开 部分公开 不予公开 无法提供 不予处理 其他处理 "
    "行政复议 行政诉讼 勾稽关系 信息处理费 收费通知 国家秘密 三安全一稳定 第三方合法权益 内部事务信息 "
    "过程性信息 行政执法案卷 行政查询事项 公开出版物 信访举报投诉 重复申请 本年度办理结果 结转下年度继续办理"
)


_NUMBERING = regex.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")
_PIECE_BREAK = regex.compile(r"[（）()“”、，,：:/]")
_NOT_A_TERM = regex.compile(r"[\d第（）()“”/]")


def _parts(label: str) -> list[str]:
    """A label's words without its numbering, and its pieces between punctuation."""
    words = _NUMBERING.sub("", label)
    pieces = [p for p in _PIECE_BREAK.split(words) if p]
    return [words, *pieces]


@cache
def terms() -> tuple[str, ...]:
    """Every official term of four characters or more, longest first."""
    found: set[str] = set(_WORDS.split())
    found.update(F.SECTION_TITLES.values())
    for variants in F.SECTION_VARIANTS.values():
        found.update(variants)
    found.update(TABLE_NAMES.values())
    found.update(F.LABELS_2019_ONLY)
    for phrase in F.OFFICIAL_PHRASES:
        found.update(_parts(phrase))
    for number in (2, 3, 4):
        for version in (2019, 2021):
            table = table_format(number, version)
            for row in table.rows:
                for label in (row.label, *row.path):
                    found.update(_parts(label))
            for col in table.cols:
                for label in (col.label, *col.path):
                    found.update(_parts(label))
    kept = {t for t in found if len(t) >= 4 and not _NOT_A_TERM.search(t)}
    return tuple(sorted(kept, key=lambda t: (-len(t), t)))


# Characters that look alike, each group written as one string (a slip of the eye or of a
# handwriting or shape input method): 现行有郊件数 for 现行有效件数.
LOOKALIKES = (
    "效郊",
    "己已巳",
    "未末",
    "开幵",
    "申甲由",
    "侯候",
    "拨拔",
    "即既",
    "治冶",
    "折拆",
    "免兔",
    "土士",
    "干千于",
    "天夭",
    "日曰",
    "设没",
    "贷货",
    "盲肓",
    "幕暮墓慕募",
    "徒徙",
    "壁璧",
    "衷哀衰",
    "狠狼",
    "项顷",
    "理埋",
    "办为",
    "复夏",
    "讼松",
    "诉拆",
    "查杳",
    "析折",
    "稽嵇",
    "勾句",
    "审宙",
    "密蜜",
    "务各",
    "秘祕",
    "裁栽载",
    "辨辩辫",
    "戊戌戍",
    "汩汨",
    "崇祟",
    "刺剌",
    "赢嬴羸",
    "籍藉",
    "沭沐",
)

# Characters written into or left out of a term on purpose: particles, adverbs and conjunctions
# (不予以公开, 政府信息均公开, 过程信息, 行政复议和行政诉讼 are words, not slips).
FUNCTION_CHARS = frozenset(
    "不已均全都未新再予依被的地得和及与或并也还仍将要可应须需皆即既所等之其性类化是在对向从于为由把给以、"
)

# Strings one edit away from a term that real reports write on purpose: another word, or the term
# with a word put in. (Seen in published reports; each is silent.)
NEAR_WORDS = frozenset(
    {
        "不再处理",  # 行政机关不再处理其申请 (the 2021 label itself), not 不予处理
        "反复申请",  # 无正当理由大量反复申请, not 重复申请
        "回复申请",
        "政务信息公开",  # a synonym, not 政府信息公开
        "政策公开",
        "政府公开",
        "主动公布",
        "不断公开",
        "政府信息公开新条例",  # the new Regulation
        "过程信息",
        "申请情况",  # 收到和处理政府信息公开申请情况 broken over lines; 依申请情况
        "本年新公开",  # the 2019 labels, GI3's
        "本年新制作",
        "上年度结转",
        "行政执法案件",  # cases in prose; a typo only in the table-3 label 属于行政执法案卷 (GI604's)
    }
)


@cache
def _reading() -> dict[str, str]:
    """Each common character → the toneless pinyin of its commonest reading."""
    from gilint.formats.homophones import READINGS

    out: dict[str, str] = {}
    for reading, chars in READINGS.items():  # a later reading of a character wins, as it is listed
        out.update(dict.fromkeys(chars, reading))
    return out


@cache
def _lookalike() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for group in LOOKALIKES:
        for ch in group:
            out.setdefault(ch, set()).update(set(group) - {ch})
    return {ch: frozenset(v) for ch, v in out.items()}


@cache
def confusables(meant: str) -> frozenset[str]:
    """Every character ``written`` for which ``confusable(meant, written)`` is not None (``meant`` too, when
    it has a reading)."""
    same = _reading().get(meant)
    homophones = _by_reading().get(same, frozenset()) if same is not None else frozenset()
    return homophones | _lookalike().get(meant, frozenset())


@cache
def _by_reading() -> dict[str, frozenset[str]]:
    """Each reading → the characters ``_reading`` gives it."""
    out: dict[str, set[str]] = {}
    for ch, reading in _reading().items():
        out.setdefault(reading, set()).add(ch)
    return {reading: frozenset(chars) for reading, chars in out.items()}


def confusable(meant: str, written: str) -> Literal["homophone", "lookalike"] | None:
    """Why ``written`` may be a slip for ``meant``: "homophone", "lookalike", or None."""
    reading = _reading()
    if meant in reading and reading[meant] == reading.get(written):
        return "homophone"
    if written in _lookalike().get(meant, ()):
        return "lookalike"
    return None
