"""Wording rules: the Regulation's name, document numbers, brackets, the official table labels."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterator
from functools import cache
from itertools import pairwise

from gilint_rules._util import norm, start_span

from gilint import formats as F
from gilint import regex
from gilint.applies import REPORT
from gilint.context import RuleContext
from gilint.formats.tables import CN_NUMBER, table_format
from gilint.model import OCR_SURE, Edit, Finding, Fix, Report, Stream, TableIssue
from gilint.numbers import parse_int, to_ascii, to_chinese
from gilint.rule import Rule, rule
from gilint.structure import agency

RULES: list[Rule] = []
_REG_NAME = regex.compile(r"《[^《》<>\n]{0,20}?(?:政府|政务)[^《》<>\n]{0,6}?公\s*开\s*条\s*例\s*》")
_ACCEPTED = {norm(F.REGULATION), norm("《政府信息公开条例》")}


@rule(
    "GI601",
    "regulation-name",
    "wording",
    "error",
    "条例名称不准确",
    "the Regulation is misnamed",
    registry=RULES,
    fix="safe",
    applies=REPORT,
)
def regulation_name(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    条例的名称是否准确写作《中华人民共和国政府信息公开条例》（简称《政府信息公开条例》或《条例》）。
    Whether the Regulation is named exactly.

    为什么 / Why
    年报依据《中华人民共和国政府信息公开条例》编制（条例第五十条规定其内容），名称写错（如“政府政务公开
    条例”）是明显的文字错误。The report rests on this Regulation (Article 50); a wrong name is a plain error.

    错误示例 / Bad
    认真贯彻落实《中华人民共和国政府政务公开条例》

    正确示例 / Good
    认真贯彻落实《中华人民共和国政府信息公开条例》

    修复 / Fix
    安全：改为准确的名称（全称或简称，与原文一致；多余的空格删去）。书名号内另有地方名称等前缀的
    不修复。Safe: the exact name, full or short as written (stray spaces removed); a name with
    another prefix (a province's) is left alone.
    """
    text = report.stream.text
    for m in _REG_NAME.finditer(text):
        shown = m.group()
        if norm(shown) not in _ACCEPTED or re.search(r"\s", shown):
            why = "书名号内有多余空格" if norm(shown) in _ACCEPTED else "名称不准确"
            fixed = _regulation(shown)
            fix = (
                None if fixed is None else Fix(f"改为“{fixed}”", f"write “{fixed}”", (Edit(m.start(), m.end(), fixed),))
            )
            yield Finding(
                report.stream.span(m.start(), m.end()),
                f"条例名称写作“{shown}”，{why}",
                f"the Regulation is written {shown!r}",
                f"应为“{F.REGULATION}”",
                f"expected “{F.REGULATION}”",
                fix=fix,
            )


def _regulation(shown: str) -> str | None:
    """The exact name for a misnamed one: the full name when it starts 《中华人民共和国, the short one
    when it starts with 政府/政务 at once; None for any other prefix."""
    compact = re.sub(r"\s", "", shown)
    if norm(compact) in _ACCEPTED:
        return compact
    prefix = re.match(r"《(.*?)(?:政府|政务)", compact)
    if prefix is None or prefix.group(1) not in ("", "中华人民共和国"):
        return None
    return F.REGULATION if prefix.group(1) else "《政府信息公开条例》"


_MIXED = regex.compile(r"（\s*[一二三四五六七八九十]{1,3}\s*\)|\(\s*[一二三四五六七八九十]{1,3}\s*）")


@rule(
    "GI602",
    "mixed-brackets",
    "wording",
    "warning",
    "编号括号全角半角混用",
    "full- and half-width brackets mixed in a number",
    registry=RULES,
    fix="safe",
    applies=REPORT,
)
def mixed_brackets(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    小标题编号的一对括号是否一半全角、一半半角，如“(一）”。Whether a heading number's brackets mix
    full and half width, as in "(一）".

    为什么 / Why
    括号是成对使用的标点（GB/T 15834—2011《标点符号用法》），公文排版要求成对一致；混用多为手工录入
    错误。Brackets come in matching pairs (GB/T 15834-2011).

    错误示例 / Bad
    (一）主动公开情况

    正确示例 / Good
    （一）主动公开情况

    修复 / Fix
    安全：两边都改为全角括号。Safe: full-width brackets on both sides.
    """
    text = report.stream.text
    for m in _MIXED.finditer(text) if "(" in text or ")" in text else ():  # the half-width bracket it needs
        fixed = m.group().replace("(", "（").replace(")", "）")
        yield Finding(
            report.stream.span(m.start(), m.end()),
            f"编号“{m.group()}”的括号全角半角混用",
            f"the number {m.group()!r} mixes full- and half-width brackets",
            "统一使用全角括号“（）”",
            "use full-width brackets （） on both sides",
            fix=Fix(f"改为“{fixed}”", f"write “{fixed}”", (Edit(m.start(), m.end(), fixed),)),
        )


_DOC_NO = regex.compile(r"〔\s*(\d{4})\s*〕\s*年\s*(\d+)\s*号")
_UNBALANCED = regex.compile(r"[<＜]([^<>《》\n]{2,40})》|《([^<>《》\n]{2,40})[>＞]")
_UNPAIRED_AT = (("<＜", 0), (">＞", 41))  # a match starts at its < or 41 at most before its > (``_places``)


def _unpaired(text: str) -> list[int]:
    """Where an unpaired mark (``_UNBALANCED``) may start: at those of its places (``_UNPAIRED_AT``) that hold the
    < or 《 a match starts with."""
    return [at for at in _places(text, *_UNPAIRED_AT) if text[at] in "<＜《"]


@rule(
    "GI603",
    "citation-typo",
    "wording",
    "warning",
    "文件名称或文号书写错误",
    "a cited title or document number is mistyped",
    registry=RULES,
    fix="safe",
    applies=REPORT,
)
def citation_typo(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    引用的文件名称书名号不成对（如“<中华人民共和国政府信息公开工作年度报告格式》”），或文号多了
    “年”字（如“国办公开办函〔2021〕年30号”）。A cited title whose book-title marks do not pair, or a
    document number with a stray 年.

    为什么 / Why
    发文字号的年份用六角括号括入、序号后加“号”（GB/T 9704—2012《党政机关公文格式》7.2.4）；引用格式文件
    时写错文号、书名号，是评估中常见的文字差错。GB/T 9704-2012 7.2.4 fixes the form of a document number;
    miswritten citations are common errors evaluators point out.

    错误示例 / Bad
    《国务院办公厅……关于印发<中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕年30号）

    正确示例 / Good
    《国务院办公厅……关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）

    修复 / Fix
    安全：文号删去“年”字（如“〔2021〕30号”）。书名号不成对的不修复（缺的文字需要人来补）。Safe:
    the stray 年 is removed from the number; unpaired marks are not fixed (what is missing needs a
    human).
    """
    text = report.stream.text
    for m in _DOC_NO.finditer(text):
        fixed = f"〔{m.group(1)}〕{m.group(2)}号"
        yield Finding(
            report.stream.span(m.start(), m.end()),
            f"文号“{m.group()}”中多了“年”字",
            f"the document number {m.group()!r} has a stray 年",
            f"应为“{fixed}”",
            f"expected {fixed}",
            fix=Fix(f"改为“{fixed}”", f"write “{fixed}”", (Edit(m.start(), m.end(), fixed),)),
        )
    for m in _near(_UNBALANCED, text, _unpaired(text)):
        yield Finding(
            report.stream.span(m.start(), m.end()),
            f"书名号不成对：“{m.group()}”",
            f"unpaired book-title marks: {m.group()!r}",
            "内层书名号用〈〉，外层用《》",
            "use 〈〉 inside 《》",
        )


_OFFICIAL_NOTE = "（区分处理的，只计这一情形，不计其他情形）"
_NOTE = regex.compile(r"[（(]\s*区\s*分\s*处\s*理[^）)]{0,20}[）)]")


@rule(
    "GI604",
    "label-typo",
    "wording",
    "warning",
    "表格官方标签有错字",
    "an official table label is misspelt",
    registry=RULES,
    applies=REPORT,
)
def label_typo(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    表格的行标签是否照录格式原文：表三“（二）部分公开”后的说明“（区分处理的，只计这一情形，不计其他
    情形）”；表二“行政规范性文件”；编号相同、文字大体相同却有错漏字的行标签（如“2.其他法律行政止公开”）。
    Whether table labels are the format's exact wording: the note after 部分公开, 行政规范性文件 in
    table 2, and any row label with the right number but words missing or wrong.

    为什么 / Why
    标签是格式（国办公开办函〔2021〕30号附件）的一部分，改动（如“只记”）说明表格是手工重抄的，易出错。
    Labels are part of the format (国办公开办函〔2021〕30号); a changed label shows the table was retyped by
    hand.

    错误示例 / Bad
    （二）部分公开（区分处理的，只记这一情形，不计其他情形）
    2.其他法律行政止公开

    正确示例 / Good
    （二）部分公开（区分处理的，只计这一情形，不计其他情形）
    2.其他法律行政法规禁止公开
    """
    for table in report.tables.values():
        for p in table.problems:
            if p.kind is TableIssue.LABEL_TYPO and not p.damage:
                n = CN_NUMBER[table.number]
                seen = p.seen.strip()
                if p.row:
                    name = table.format.row_name(p.row)
                    zh, en = f"表{n}“{name}”行的标签写作“{seen}”", f"the label of row “{name}” reads {seen!r}"
                else:
                    zh, en = f"表{n}表头“{p.raw}”写作“{seen}”", f"table {table.number} head {p.raw!r} reads {seen!r}"
                yield Finding(
                    p.span, zh, en, f"应照录格式规定的标签“{p.raw}”", f"expected the format's label {p.raw!r}"
                )
    t2 = report.tables.get(2)
    label = t2.row_labels.get("normative", "") if t2 and t2.version == 2021 else ""
    if label and "行" not in label:
        yield Finding(
            t2.row_spans["normative"],  # type: ignore[union-attr]
            f"表二行标签写作“{label}”，2021年格式为“行政规范性文件”",
            f"table 2 row label {label!r}: the 2021 format says 行政规范性文件",
            "应为“行政规范性文件”",
            "expected 行政规范性文件",
        )
    t3 = report.tables.get(3)
    if t3 is None or "3.2" not in t3.row_spans:
        return
    m = _NOTE.search(report.stream.text, t3.start, t3.end)
    read = report.stream.confidence_at(m.start()) if m else None
    if read is not None and read < OCR_SURE:
        return  # OCR'd, and not near certain: a mark dropped or a character misread is as likely the recogniser's
    if m and norm(m.group()).replace("、", "，") != norm(_OFFICIAL_NOTE):
        yield Finding(
            report.stream.span(m.start(), m.end()),
            f"“部分公开”的说明写作“{m.group()}”",
            f"the 部分公开 note reads {m.group()!r}",
            f"应为“{_OFFICIAL_NOTE}”",
            f"expected “{_OFFICIAL_NOTE}”",
        )


# ------------------------------------------------------------------ the text rules read

_CJK = "\u4e00-\u9fff"


def _body_start(report: Report) -> int:
    """Where the report proper starts in the stream: its title, when the title is written near the
    top (page chrome and breadcrumbs before it are not the report's words)."""
    if report.title:
        at = report.stream.text.find(report.title, 0, 5000)
        if at > 0:
            return at
    return 0


_LAST: list[tuple[Stream, str]] = []  # the last report's prose: the wording rules run one after another on it


def _masked(report: Report) -> str:
    """The stream text with tables 2–4 and the chrome before the title blanked (same length, line
    breaks kept): what the wording rules read as the report's prose."""
    if _LAST and _LAST[0][0] is report.stream:
        return _LAST[0][1]
    text = report.stream.text
    cuts = [(t.start, t.end) for t in report.tables.values() if t.end > t.start]
    cuts.append((0, _body_start(report)))
    for a, b in cuts:
        text = text[:a] + _blank(text[a:b]) + text[b:]
    _LAST[:] = [(report.stream, text)]
    return text


def _blank(text: str) -> str:
    """``text`` with every character but a line break made a space."""
    return "\n".join(" " * len(line) for line in text.split("\n"))


def _places(text: str, *anchors: tuple[str, int]) -> list[int]:
    """Where a match may start, in order, for a pattern each of whose matches holds one of the characters of an
    anchor at most its reach after the match's start (``("是", 3)``: 十二是): the anchors are found by ``str.find``
    (C speed, past the rest of the text at once), the places are those before each anchor within its reach (each
    once: however many anchors, never more places than characters). One anchor of reach 0 (a match starts at one
    of its characters): those characters' places themselves."""
    if len(anchors) == 1 and anchors[0][1] == 0:
        return _at(text, anchors[0][0])
    spans = sorted((max(at - reach, 0), at) for chars, reach in anchors for c in chars for at in _finds(text, c))
    places: list[int] = []
    last = -1
    for first, at in spans:
        if at > last:
            places.extend(range(max(first, last + 1), at + 1))
            last = at
    return places


def _at(text: str, chars: str) -> list[int]:
    """Each place one of ``chars`` is written in ``text``, in order."""
    return _finds(text, chars) if len(chars) == 1 else sorted(at for c in set(chars) for at in _finds(text, c))


def _finds(text: str, anchor: str) -> list[int]:
    """Each place ``anchor`` starts in ``text``, in order, found by ``str.find``."""
    found: list[int] = []
    at = text.find(anchor)
    while at >= 0:
        found.append(at)
        at = text.find(anchor, at + 1)
    return found


def _near(pattern: re.Pattern[str], text: str, places: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that matches no empty string and may match only at ``places``
    (``_places``): the same matches in the same order, the pattern tried at those places alone (one inside the
    last match is not tried, as ``finditer`` goes on after it), not at every character. When the places are
    everywhere (a text of anchors), ``finditer`` itself: the engine passes over them faster than Python would."""
    if _dense(places, text):
        yield from pattern.finditer(text)
        return
    end = 0
    for start in places:
        if start >= end and (m := pattern.match(text, start)):
            end = m.end()
            yield m


def _dense(places: Collection[int], text: str) -> bool:
    """Whether there are so many places (over a thousand, and one in eight characters) that trying a pattern at
    each would take longer than the engine's scan of the whole text."""
    return len(places) > 1000 and 8 * len(places) > len(text)


def _context(text: str, start: int, end: int, width: int = 6) -> str:
    """``text[start:end]`` with a few characters either side, on one line."""
    before = text[max(start - width, 0) : start].rsplit("\n", 1)[-1].lstrip()
    after = text[end : end + width].split("\n", 1)[0].rstrip()
    return f"{before}{text[start:end]}{after}"


# ------------------------------------------------------------------ GI605 doubled words

# AB AB that Chinese grammar makes on purpose: verbs "trying a little" (研究研究), ABAB adjectives
# (雪白雪白) and sound words (哗啦哗啦). Any other word written twice in a row is a slip.
_REDUPLICATED_WORDS = (
    "研究 讨论 商量 商议 考虑 思考 琢磨 学习 练习 复习 了解 熟悉 休息 放松 锻炼 活动 打听 收拾 打扫 整理 清理 "
    "准备 比较 比划 交流 沟通 联系 介绍 讲解 解释 说明 体验 尝试 调整 总结 反思 关心 帮助 照顾 表扬 提醒 检查 "
    "看望 溜达 考察 调查 分析 切磋 协调 核实 打量 雪白 通红 冰凉 滚烫 笔直 漆黑 碧绿 金黄 火红 湛蓝 蜡黄 煞白 "
    "喷香 哗啦 轰隆 叮当 滴答 嘀嗒 扑通 咕噜 噼啪 叽喳"
)
_REDUPLICATED = frozenset(_REDUPLICATED_WORDS.split())
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
# the tables' column labels and their two-character halves: a converter that breaks a header over two
# lines writes "结果结果其他尚未 / 维持纠正结果审结", which is no one's doubled word
_HEADER_WORDS = frozenset(
    {
        *(
            w
            for label in (
                *(c.label for n in (3, 4) for c in table_format(n, 2021).cols),
                *(r.label for r in table_format(4, 2021).rows),
            )
            for w in (label, *(label[i : i + 2] for i in range(0, len(label) - 1, 2)))
        )
    }
)
_DOUBLED_WORD = regex.compile(rf"([{_CJK}]{{2,4}})\1")
# single characters that Chinese never doubles, except where they meet a word beginning or ending with
# them (目的的, 的确; 为了了解, 不了了之; 关键是是否; 和谐; 与会) or stand in AABB (的的确确, 是是非非)
_DOUBLED_CHAR = regex.compile(r"([的了是和与])\1")
_WORD_BEFORE = {"的": "目标端", "了": "不"}
_WORD_AFTER = {"的": "确士哥", "了": "解结然却断得如之事", "是": "否非", "和": "谐平睦解美气顺善蔼衷", "与": "会其否日"}


# ``bytes.translate`` tables: a UTF-16 unit's high byte to 0xFF when the unit is in _CJK (U+4E00–U+9FFF), else to 0;
# that 0 to 1 and 0xFF to 0
_CJK_HIGH = bytes(0xFF if 0x4E <= b <= 0x9F else 0 for b in range(256))
_NOT_CJK = bytes(1 if b == 0 else 0 for b in range(256))


def _repeats(text: str) -> tuple[list[int], list[int]] | None:
    """Where a character of _CJK may be written again at once, and where two may be written again 2, 3 or 4
    characters on: all the places a doubled character (``_DOUBLED_CHAR``) or word (``_DOUBLED_WORD``) may start
    (``_places``), and a few more. Worked out for the whole text at once by Python's integers (C), not character by
    character: the characters' low bytes as one integer ``low`` (0 for a character outside _CJK), and ``other`` the
    same with 1 for those; a zero byte p of ``low ^ (other >> 8 * L)`` is a character of _CJK whose low byte is
    that of the character L on. None for a text with characters outside the BMP (not one UTF-16 unit each), or
    with such places everywhere (``_dense``)."""
    raw = text.encode("utf-16-le", "surrogatepass")
    if len(raw) != 2 * len(text):
        return None
    cjk = raw[1::2].translate(_CJK_HIGH)
    low = int.from_bytes(raw[0::2], "little") & int.from_bytes(cjk, "little")
    other = low | int.from_bytes(cjk.translate(_NOT_CJK), "little")
    found: list[list[int]] = []
    for distances in ((1,), (2, 3, 4)):
        places: set[int] = set()
        for d in distances:
            same = low ^ (other >> 8 * d)
            if d > 1:
                same |= same >> 8  # the next character's too: two characters written again
            zeros = same.to_bytes(len(text), "little")
            at = zeros.find(0)
            while at >= 0:
                places.add(at)
                if _dense(places, text):
                    return None  # characters written again everywhere: the patterns scan the text themselves
                at = zeros.find(0, at + 1)
        found.append(sorted(places))
    return found[0], found[1]


def _doubled(text: str) -> Iterator[tuple[int, str]]:
    """(offset, unit) of each unit written twice in a row that is not Chinese reduplication."""
    near = _repeats(text)
    for m in _DOUBLED_WORD.finditer(text) if near is None else _near(_DOUBLED_WORD, text, near[1]):
        unit = m.group(1)
        if (
            unit in _REDUPLICATED
            or unit in _HEADER_WORDS
            or unit[0] == "一"  # 一步一步: one at a time
            or len(set(unit)) == 1
            or set(unit) <= _NUMERALS
        ):
            continue
        yield m.start(), unit
    for m in _DOUBLED_CHAR.finditer(text) if near is None else _near(_DOUBLED_CHAR, text, near[0]):
        ch, s = m.group(1), m.start()
        before, after = text[s - 1 : s], text[s + 2 : s + 3]
        if before and before in _WORD_BEFORE.get(ch, ""):
            continue
        if after and after in _WORD_AFTER.get(ch, ""):
            continue
        if after != ch and text[s + 2 : s + 4] == after * 2 and after.strip():  # AABB: the A part
            continue
        if s >= 2 and text[s - 2] == text[s - 1] != ch and text[s - 1].strip():  # AABB: the B part
            continue
        yield s, ch


@rule(
    "GI605",
    "doubled-word",
    "wording",
    "warning",
    "字词重复",
    "a word is written twice",
    registry=RULES,
    fix="safe",
    applies=REPORT,
)
def doubled_word(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    同一个词（两到四个字）紧挨着写了两遍，如“规范审核审核发布机制”“资金资金分配”；或“的”“了”“是”
    “和”“与”连写两个，如“整体统一的的网站界面”。汉语正常的重叠不报告：叠字词（常常、渐渐、人人、
    个个、看看、一一）、AABB（家家户户、的的确确、是是非非）、“研究研究”一类动词重叠和“雪白雪白”一类
    形容词重叠、“一步一步”、数字，以及与相邻词语恰好相接的情形（目的的、为了了解、不了了之、是否、
    和谐、与会）。表格内的文字、转换时拆散的表头（“结果结果”）不检查。A word of two to four characters
    written twice in a row, or 的/了/是/和/与 doubled. Correct reduplication is not reported: AA words,
    AABB, verb and adjective ABAB reduplication, 一X一X, numerals, and a character meeting a word
    that starts or ends with it. Text in the tables, and table headers a converter broke up
    (结果结果), are not checked.

    为什么 / Why
    重复字词是评估中最常被手工标出的文字差错；国办公开办函〔2021〕30号将“发布内容不准确”列为追责情形。
    Doubled words are what reviewers mark by hand most often; the 2021 format (国办公开办函〔2021〕30号)
    sanctions inaccurate content.

    错误示例 / Bad
    打造整体统一的的网站界面；二是规范审核审核发布机制。

    正确示例 / Good
    打造整体统一的网站界面；二是规范审核发布机制。常常深入基层，家家户户都知晓。

    修复 / Fix
    安全：删去重复的那一遍。Safe: the second copy is deleted.
    """
    text = _masked(report)
    for start, unit in sorted(_doubled(text)):
        end = start + 2 * len(unit)
        seen = _context(text, start, end)
        fixed = _context(text[: start + len(unit)] + text[end:], start, start + len(unit))
        yield Finding(
            report.stream.span(start, end),
            f"“{unit}”连写了两遍：“{seen}”",
            f"“{unit}” is written twice: “{seen}”",
            f"应为“{fixed}”",
            f"expected “{fixed}”",
            fix=Fix(f"删去重复的“{unit}”", f"delete the repeated “{unit}”", (Edit(start + len(unit), end, ""),)),
        )


# ------------------------------------------------------------------ GI606 enumerations

_NUMERALS_CN = "一二三四五六七八九十"
_CN_NUMERAL = f"[{_NUMERALS_CN}]{{1,3}}"
# (level, style, pattern): an item marker resets the runs of the levels below it
_TITLE_START = rf"(?=\s*[{_CJK}《“\"‘「『【])"  # what an item's own words start with
# item markers, by style: a numbered heading or item where a line or sentence starts, and 一是 / 第一，
# inside running text; each pattern's named group is the number. No two of their matches overlap (each starts with
# a character none of the others holds there: a bracket, a digit, a numeral after none, 第), so apart they match
# what one alternation of them would. Those that begin with their literal (a full-width or a half-width bracket, 第)
# are scanned for by the engine; the others are tried only where an anchor allows (``_places``, ``_near``): the 、 or
# . after a number's digits, the 是 after a numeral
_BRACKETED = tuple(
    regex.compile(rf"{re.escape(b)}(?:(?P<paren>{_CN_NUMERAL})|(?P<paren_arabic>\d{{1,2}}))[）)][、.．]?{_TITLE_START}")
    for b in "（("
)
_ARABIC = regex.compile(rf"(?P<arabic>\d{{1,2}})[、.．](?!\d){_TITLE_START}")
_SHI = regex.compile(
    rf"(?P<shi>[一二三四五六七八九十](?<![{_CJK}A-Za-z0-9（(〔][一二三四五六七八九十])[一二三四五六七八九十]{{0,2}})是"
)
_DI = regex.compile(rf"第(?<![{_CJK}A-Za-z0-9（(〔]第)(?P<di>{_CN_NUMERAL})(?=[，,、：:])")
# the arabic marker's anchor, 1 or 2 after its start: 、, . or ． after a digit, each a pattern beginning with its
# literal (a class of the three is looked up at every character)
_NUMBERED = tuple(regex.compile(rf"{re.escape(c)}(?<=\d{re.escape(c)})") for c in "、.．")
_BREAK = frozenset("\n。；;：:！!？?）)”」")  # what a numbered heading or item comes after (spaces between)
_LEVEL = {"paren": 1, "arabic": 2, "paren_arabic": 3, "shi": 4, "di": 4}  # a marker resets the runs below it
_SHOWN = {"paren": "（{}）", "arabic": "{}.", "paren_arabic": "（{}）", "shi": "{}是", "di": "第{}"}
# table 3's row labels (their first words): prose that names the rows it has numbers for ("（一）予以公开
# 5件；（四）无法提供2件") skips the empty ones on purpose, so such items are no enumeration
_ROW_NUMBER = regex.compile(r"^[（(]?[一二三四五六七八九十\d]+[）)]?[、.．]?")
_ROW_WORDS = tuple(
    sorted(
        {
            w[:4]
            for r in (*table_format(3, 2021).rows, *table_format(3, 2019).rows)
            if len(w := _ROW_NUMBER.sub("", r.label)) >= 4
        }
        | {r.path[1][3:] for r in table_format(3, 2021).rows if len(r.path) == 3}
        | {"总计"}
    )
)
# a row's words after a marker, white space before them, within 12 characters of its end: what
# ``text[end : end + 12].lstrip().startswith(_ROW_WORDS)`` says, in one call (``\s`` is what str.isspace says)
_ROW_AFTER = regex.compile(rf"\s*(?:{'|'.join(map(re.escape, _ROW_WORDS))})")


@cache
def _value(numeral: str) -> int | None:
    """``parse_int(numeral)``, worked out once for each of the few numerals markers are written with."""
    return parse_int(numeral)


def _numbered(text: str) -> list[int]:
    """Where an arabic marker (``_ARABIC``) may start (``_places``): 1 or 2 before a 、, . or ． after a digit."""
    return sorted({at for p in _NUMBERED for m in p.finditer(text) for at in (m.start() - 2, m.start() - 1) if at >= 0})


def _items(text: str) -> list[int]:
    """Where 一是 may start (``_SHI``, ``_places``): at the first of the one to three numerals right before a 是 (a
    match may start at no other numeral of them, as its lookbehind refuses one after a numeral, and at none of a run
    of four)."""
    places = []
    for at in _finds(text, "是"):
        start = at
        while start and at - start < 4 and text[start - 1] in _NUMERALS_CN:
            start -= 1
        if 0 < at - start < 4:
            places.append(start)
    return places


def _marker_matches(text: str) -> list[re.Match[str]]:
    """The matches of the item markers' patterns in ``text``, each found by its literal or tried only where its
    anchor allows."""
    return [
        *(m for bracketed in _BRACKETED for m in bracketed.finditer(text)),  # （一）, （1）
        *_near(_ARABIC, text, _numbered(text)),  # 12、
        *_near(_SHI, text, _items(text)),  # 一是
        *_DI.finditer(text),  # 第一，
    ]


Marker = tuple[int, str, int, int, int]  # value, style, stream offset and end of the numeral, level


def _markers(report: Report, text: str) -> list[list[Marker]]:
    """The item markers of each top-level section (and of the preamble), in order; a section's own
    heading ("1、总体情况", GI103's) is not one."""
    headings = {s.start for s in report.sections}
    bounds = sorted({0, *(s.start for s in report.sections), len(text)})
    found: list[Marker] = []
    for m in _marker_matches(text):
        style = m.lastgroup or ""
        at, end, level = m.start(style), m.end(), _LEVEL[style]
        if at in headings or _ROW_AFTER.match(text, end, end + 12):
            continue
        before = text[max(m.start() - 8, 0) : m.start()].rstrip(" \t\u3000") if level < 4 else ""
        if before and before[-1] not in _BREAK:
            continue  # a number inside a sentence, not where a heading or an item starts
        value = _value(m.group(style))
        if value:
            found.append((value, style, at, m.end(style), level))
    found.sort(key=lambda x: x[2])
    offsets = [mk[2] for mk in found]  # in order: a section's markers are the run between its bounds
    return [found[bisect_left(offsets, a) : bisect_left(offsets, b)] for a, b in pairwise(bounds)]


def _runs(markers: list[Marker]) -> Iterator[list[Marker]]:
    """Each enumeration: markers of one style and level that start at 1, up to the next 1, the next
    marker of a level above, or the end of the section. One that does not start at 1 is not judged."""
    open_runs: dict[str, list[Marker]] = {}
    for mk in markers:
        value, style, _, _, level = mk
        if len(open_runs) > (style in open_runs):  # a run of another style is open: it may be of a level below
            for other in [s for s, run in open_runs.items() if run[0][4] > level]:
                yield open_runs.pop(other)
        run = open_runs.get(style)
        if value == 1:
            if run:
                yield run
            open_runs[style] = [mk]
        elif run is not None:
            run.append(mk)
    yield from open_runs.values()


@rule(
    "GI606",
    "enumeration-order",
    "wording",
    "warning",
    "序号不连续或重复",
    "an enumeration is out of sequence",
    registry=RULES,
    fix="unsafe",
    applies=REPORT,
)
def enumeration_order(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    同一部分里从“一是”（“（一）”“1.”“（1）”“第一，”）开始的一组序号是否依次递增：跳号（“一是……
    三是”“（一）……（三）”“1.……3.”“第一……第三”）或重号（“三是……三是”）都报告。再次从“一是”或
    “（一）”开始的是新的一组；上一级序号（“（二）”之于“1.”“一是”）和新的一部分开始时，下一级重新
    计数；不是从 1 开始的一组不判断。六个部分本身的编号（一、至六、）由 GI103 检查，表格中的行序号
    不检查。Whether each enumeration that starts at 一是 (（一）, 1., （1）, 第一，) goes on 二是, 三是, …
    without a gap or a repeat. A new 一是 starts a new enumeration; a marker of the level above and a
    new section restart the count; an enumeration that does not start at 1 is not judged. The six
    sections' own numbers are GI103's; table rows are not read.

    为什么 / Why
    序号跳号、重号多是增删条目后没有重新编号，是评估中常被标出的差错；国办公开办函〔2021〕30号将“发布内容
    不准确”列为追责情形。A gap or a repeat is left when an item is added or removed without renumbering;
    reviewers mark it, and the 2021 format (国办公开办函〔2021〕30号) sanctions inaccurate content.

    错误示例 / Bad
    一是部分单位信息发布属性界定不够精确；三是开拓创新不够有力；三是政策解读质量有待提高。

    正确示例 / Good
    一是部分单位信息发布属性界定不够精确；二是开拓创新不够有力；三是政策解读质量有待提高。

    修复 / Fix
    不安全：按出现顺序重新编号（一是、二是、三是）。是漏写了一条还是编错了号，需要人来判断。Unsafe:
    renumber in order; whether an item is missing or a number is wrong needs a human.
    """
    text = _masked(report)
    for section in _markers(report, text):
        for run in _runs(section):
            values = [mk[0] for mk in run]
            if values == list(range(1, len(values) + 1)):  # a run starts at 1 (``_runs``): in sequence
                continue
            style = run[0][1]
            bad = next(i for i in range(1, len(values)) if values[i] != values[i - 1] + 1)
            numeral = str if style in ("arabic", "paren_arabic") else to_chinese
            seen = "……".join(_SHOWN[style].format(text[mk[2] : mk[3]]) for mk in run[:12])
            want = "、".join(_SHOWN[style].format(numeral(i)) for i in range(1, min(len(run), 12) + 1))
            edits = tuple(Edit(mk[2], mk[3], numeral(i)) for i, mk in enumerate(run, 1) if mk[0] != i)
            yield Finding(
                report.stream.span(run[bad][2], run[bad][3]),
                f"序号“{seen}”不连续",
                f"the enumeration “{seen}” is out of sequence",
                f"应依次为“{want}”",
                f"expected “{want}”",
                fix=Fix(f"依次重新编号为“{want}”", f"renumber as “{want}”", edits, "unsafe"),
            )


# ------------------------------------------------------------------ GI607–GI609 document numbers

_OPEN, _CLOSE = "[〔\\[［(（【{｛]", "[〕\\]］)）】}｝]"
# 机关代字 + 〔year〕 + 序号 + 号: "国办发〔2020〕17号", written with other brackets or with 第
_DOC_NUMBER = regex.compile(  # regex.leading: a lookbehind first gives the engine no characters to scan for
    regex.leading(
        rf"(?<=[{_CJK}])(?P<open>{_OPEN})\s*(?P<year>(?:19|20)\d{{2}})\s*(?P<close>{_CLOSE})"
        r"\s*(?P<di>第?)\s*(?P<no>\d{1,4})\s*号"
    )
)

_DOC_ANCHOR = ("〔[［(（【{｛", 0)  # a match starts at its bracket (``_places``)


@rule(
    "GI607",
    "document-number-brackets",
    "wording",
    "warning",
    "文号的年份括号或序号写法不规范",
    "a document number is written with the wrong brackets or 第",
    registry=RULES,
    fix="safe",
    applies=REPORT,
)
def document_number_brackets(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    引用的发文字号是否写作“机关代字〔年份〕序号号”：年份用六角括号“〔〕”括入，序号前不加“第”。
    写成“国办发[2020]17号”“国办发（2020）17号”“国办公开办函〔2021〕第30号”的报告。Whether a cited
    document number is written 代字〔year〕N号: the year in 〔〕 (not [] or （）), no 第 before the number.

    为什么 / Why
    《党政机关公文格式》（GB/T 9704—2012）7.2.4 规定发文字号的年份“用六角括号‘〔〕’括入”，序号
    “不加‘第’字”；年报引用格式文件时写错文号是常见差错。GB/T 9704-2012 7.2.4 fixes the form.

    错误示例 / Bad
    《国务院办公厅关于印发2020年政务公开工作要点的通知》（国办发[2020]17号）

    正确示例 / Good
    《国务院办公厅关于印发2020年政务公开工作要点的通知》（国办发〔2020〕17号）

    修复 / Fix
    安全：括号改为“〔〕”，删去“第”。Safe: 〔〕 brackets, no 第.
    """
    text = _masked(report)
    for m in _near(_DOC_NUMBER, text, _places(text, _DOC_ANCHOR)):
        if m.group("open") == "〔" and m.group("close") == "〕" and not m.group("di"):
            continue
        fixed = f"〔{m.group('year')}〕{m.group('no')}号"
        shown = re.sub(r"\s+", "", m.group())
        yield Finding(
            report.stream.span(m.start(), m.end()),
            f"文号写作“{shown}”，年份应用六角括号“〔〕”、序号前不加“第”",
            f"the document number {shown!r}: the year goes in 〔〕 and no 第",
            f"应为“{fixed}”",
            f"expected “{fixed}”",
            fix=Fix(f"改为“{fixed}”", f"write “{fixed}”", (Edit(m.start(), m.end(), fixed),)),
        )


NOTICE_2021 = "国办公开办函〔2021〕30号"
_FORMAT_2021 = "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知"
# the 2021 format (or the notice issuing it) by its title, then the number it is cited with; the white space between
# the parts after the title is taken whole (``\s*+``: none of them is white space, so no match needs any given back,
# and a long run, as a blanked table leaves, is not split every way among them before a match fails)
_FORMAT_CITED = regex.compile(  # regex.leading: an optional part first gives the engine no characters to scan for
    regex.leading(
        rf"(?:关于印发\s*[〈<《＜]?\s*)?中华人民共和国政府信息公开工作年度报告格式(?!\s*[（(]\s*试行)"
        rf"\s*+[〉>》＞]?\s*+(?:的通知)?\s*+[》」”]?\s*+[（(]?\s*+(?P<no>[{_CJK}]{{2,8}}\s*{_OPEN}\s*\d{{4}}\s*{_CLOSE}"
        r"\s*第?\s*\d{1,4}\s*号)"
    )
)


_FORMAT_NAME = "中华人民共和国政府信息公开工作年度报告格式"


def _format_named(text: str) -> list[int]:
    """Where a citation of the 2021 format (``_FORMAT_CITED``) may start (``_places``): at each of its names, and
    at the 关于印发 before one (white space and a bracket between)."""
    places = set()
    for at in _finds(text, _FORMAT_NAME):
        places.add(at)
        while at and text[at - 1].isspace():  # ``\s``: what str.isspace says
            at -= 1
        if at and text[at - 1] in "〈<《＜":
            at -= 1
        while at and text[at - 1].isspace():
            at -= 1
        if at >= 4 and text[at - 4 : at] == "关于印发":
            places.add(at - 4)
    return sorted(places)


def _compact_number(number: str) -> str:
    return re.sub(rf"{_OPEN}", "〔", re.sub(rf"{_CLOSE}", "〕", re.sub(r"\s+|第", "", number)))


@rule(
    "GI608",
    "format-notice-number",
    "wording",
    "error",
    "2021年格式文件的文号写错",
    "the 2021 format notice is cited with the wrong number",
    registry=RULES,
    fix="safe",
    applies=REPORT,
)
def format_notice_number(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    以标题引用 2021 年格式（《中华人民共和国政府信息公开工作年度报告格式》或印发它的通知）时，随后
    的文号是否为“国办公开办函〔2021〕30号”（括号、“第”字的写法由 GI607 检查，多出的“年”字由 GI603
    检查）。Whether the 2021 format, cited by its title, is followed by its number 国办公开办函〔2021〕30号.

    为什么 / Why
    2021 年格式由《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度
    报告格式〉的通知》（国办公开办函〔2021〕30号）印发；年报以它为编制依据，文号写错即依据不准确。
    The 2021 format was issued by 国办公开办函〔2021〕30号; a wrong number misstates the basis.

    错误示例 / Bad
    《……关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开函〔2021〕3号）

    正确示例 / Good
    《……关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）

    修复 / Fix
    安全：文号改为“国办公开办函〔2021〕30号”。Safe: the number becomes 国办公开办函〔2021〕30号.
    """
    text = _masked(report)
    for m in _near(_FORMAT_CITED, text, _format_named(text)):
        shown = re.sub(r"\s+", "", m.group("no"))
        if _compact_number(m.group("no")) == NOTICE_2021:
            continue
        a, b = m.span("no")
        yield Finding(
            report.stream.span(a, b),
            f"2021年格式的文号写作“{shown}”",
            f"the 2021 format is cited as {shown!r}",
            f"应为“{NOTICE_2021}”",
            f"expected {NOTICE_2021}",
            fix=Fix(f"改为“{NOTICE_2021}”", f"write {NOTICE_2021}", (Edit(a, b, NOTICE_2021),)),
        )


_NOTICE_2019_NUMBER = regex.compile(rf"国\s*办\s*公\s*开\s*办\s*函\s*{_OPEN}\s*2019\s*{_CLOSE}\s*第?\s*60\s*号")
_NOTICE_2019_TITLE = regex.compile(r"关于政府信息公开工作年度报告有关事项的通知")
_ISSUER = regex.compile(r"国务院办公厅|政务公开办公室|国办")
# the 2021 notice by its number, or the format by its name (the 2019 one was "…格式（试行）"): two patterns, each
# beginning with its literal (one alternation of them would be tried at every 年)
_CITES_2021 = (
    regex.compile(rf"国\s*办\s*公\s*开\s*办\s*函\s*{_OPEN}\s*2021\s*{_CLOSE}"),
    regex.compile(r"年度报告格式\s*[〉>》＞]"),
)
_CITED_2019 = regex.compile(
    rf"(?P<title>关于政府信息公开工作年度报告有关事项的通知)\s*》\s*[（(]\s*"
    rf"(?P<no>国办公开办函{_OPEN}2019{_CLOSE}60号)"
)


@rule(
    "GI609",
    "format-notice-2019",
    "wording",
    "warning",
    "以2019年的通知为依据却使用2021年格式",
    "the 2019 notice is cited as the basis of a report in the 2021 format",
    registry=RULES,
    fix="unsafe",
    applies=REPORT,
)
def format_notice_2019(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    报告使用 2021 年格式的表格（表二或表三按 2021 年格式识别），却以 2019 年的通知
    （《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》，
    国办公开办函〔2019〕60号）为编制依据，而通篇没有引用 2021 年的格式文件（国办公开办函〔2021〕30号）。
    Whether a report in the 2021 tables cites the 2019 notice (60号) as its basis and never the 2021
    format notice (30号).

    为什么 / Why
    60号通知印发的是 2019 年试行格式，适用于 2019、2020 年度报告；自 2021 年度起按国办公开办函〔2021〕
    30号印发的格式编制（格式说明）。依据写成旧文件，说明前言是沿用旧稿。The 60号 notice issued the
    trial format of 2019 and 2020; reports from 2021 on follow the 30号 format.

    错误示例 / Bad
    根据……《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求，现将……（表格为2021年格式）

    正确示例 / Good
    根据……《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求……

    修复 / Fix
    不安全：书名号内的标题和文号都写全时（《……关于政府信息公开工作年度报告有关事项的通知》
    （国办公开办函〔2019〕60号）），改为 2021 年通知的标题和文号；是否还要保留对 60号通知的引用，需要
    人来判断。Unsafe: title and number are replaced by the 2021 notice's when both are written out.
    """
    if not any(t.version == 2021 for n, t in report.tables.items() if n in (2, 3)):
        return
    text = _masked(report)
    if any(cites.search(text) for cites in _CITES_2021):
        return
    seen: list[tuple[int, int]] = []
    for m in _NOTICE_2019_NUMBER.finditer(text):
        seen.append(m.span())
    for m in _NOTICE_2019_TITLE.finditer(text):
        if _ISSUER.search(text, max(m.start() - 40, 0), m.start()) and not any(
            a - 60 <= m.start() <= b for a, b in seen
        ):
            seen.append(m.span())
    fixes = {}
    for m in _CITED_2019.finditer(text):
        fixes[m.start("no")] = Fix(
            f"改为引用《{_FORMAT_2021}》（{NOTICE_2021}）",
            f"cite {_FORMAT_2021} ({NOTICE_2021}) instead",
            (Edit(*m.span("title"), _FORMAT_2021), Edit(*m.span("no"), NOTICE_2021)),
            "unsafe",
        )
    for a, b in sorted(seen):
        shown = re.sub(r"\s+", "", text[a:b])
        yield Finding(
            report.stream.span(a, b),
            f"报告使用2021年格式的表格，却以2019年的通知（{shown}）为依据",
            f"the report uses the 2021 tables but cites the 2019 notice ({shown}) as its basis",
            f"应依据《{_FORMAT_2021}》（{NOTICE_2021}）",
            f"expected the 2021 notice, {NOTICE_2021}",
            fix=fixes.get(a),
        )


# ------------------------------------------------------------------ GI610 the title

REPORT_NAME = "政府信息公开工作年度报告"
_NAME_AT_END = regex.compile(r"(?:政府)?(?:信息|政务)公开(?:工作)?(?:年度)?(?:报告|年报)$")
_NOT_A_TITLE = regex.compile(r"[>＞»]|当前位置|首页|^关于|的函$|的通知$")


def _agency_beside(report: Report, title: str) -> bool:
    """Whether a line next to the title names the agency (a layout that prints it apart), or the
    page's own title puts the agency before it."""
    meta = re.sub(r"\s+", "", report.doc.meta.get("title", ""))
    if meta.find(title) > 0:
        return True
    nodes = report.stream.nodes
    at = next((i for i, n in enumerate(nodes[:12]) if n.span == report.title_span), None)
    if at is None:
        return False
    near = [nodes[j].text.strip() for j in (at - 1, at + 1) if 0 <= j < len(nodes) and nodes[j].kind == "text"]
    return any(agency.plausible(t) for t in near)


@rule(
    "GI610",
    "report-title",
    "wording",
    "warning",
    "报告标题不规范",
    "the report's title is not the format's",
    registry=RULES,
    applies=REPORT,
)
def report_title(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    标题是否为格式规定的“机关名称＋年份＋政府信息公开工作年度报告”（年份在机关名称之前也可以，
    如“2024年上海市科委政府信息公开工作年度报告”；“2023年度”也可以）：报告名称少了“工作”或“年度”、
    写成“政务公开工作年度报告”“信息公开工作年度报告”“……年报”，或标题里没有机关名称（旁边一行也
    没有）。只检查 2019 年度起（统一格式施行后）、含有年份、以报告名称结尾的标题；报送函（“关于报送……
    的函”）、网页导航和没有统计表的“政务公开工作年度报告”（可能是另一种文件）不检查。
    Whether the title is agency + year + 政府信息公开工作年度报告 (the year may come first): the name
    without 工作 or 年度, 政务公开…, 信息公开…, …年报, or no agency in the title or on the line
    beside it. Only a title with a year that ends with the report's name is checked.

    为什么 / Why
    条例第五十条要求按国务院办公厅公布的统一格式编制年报；格式规定的名称是“政府信息公开工作年度报告”，
    标题不统一的报告难以检索和比对。Article 50 requires the unified format; its name is
    政府信息公开工作年度报告.

    错误示例 / Bad
    青禾县某某局2023年政府信息公开年度报告
    2023年政府信息公开工作年度报告（无机关名称）

    正确示例 / Good
    青禾县自然资源局2023年政府信息公开工作年度报告
    """
    if not report.title:
        return
    title = re.sub(r"\s+", "", report.title)
    year = re.search(r"\d{4}年度?", title)
    name = _NAME_AT_END.search(title)
    if year is None or name is None or _NOT_A_TITLE.search(title) or int(year.group()[:4]) < 2019:
        return  # the unified format, and its title, apply from the 2019 reports on (条例第五十条, 2019 revision)
    span = report.title_span or start_span(report)
    if name.group().startswith("政务") and not report.tables:
        return  # a 政务公开 report without the disclosure tables may be another document altogether
    if name.group() != REPORT_NAME:
        yield Finding(
            span,
            f"标题“{title}”中的报告名称为“{name.group()}”，格式规定为“{REPORT_NAME}”",
            f"the title {title!r} names the report {name.group()!r}; the format says {REPORT_NAME}",
            f"应为“{title[: name.start()]}{REPORT_NAME}”",
            f"expected “{title[: name.start()]}{REPORT_NAME}”",
        )
    elif not (title[: year.start()] + title[year.end() : name.start()]) and not _agency_beside(report, title):
        yield Finding(
            span,
            f"标题“{title}”中没有机关名称",
            f"the title {title!r} does not name the agency",
            f"应为“机关名称{title}”",
            f"expected “<agency>{title}”",
        )


# ------------------------------------------------------------------ GI611–GI613 addresses and numbers

# (pattern, its anchors and their reach (``_places``), what is wrong, how the matched text is written right); each
# pattern matches only a mistake
_HTTP = r"([Hh](?<![A-Za-z][Hh])[Tt]{2}[Pp][Ss]?)"  # http/https, not inside a word (the first letter anchors the scan)
# what every match of a slip holds, in either case (``(?i:c)`` matches nothing else): the h or t its scheme starts
# with, the first w of www, the c of the host's cn; and how far into the match it may be at most (``_places``)
_P, _W, _C = ("HhTt", 0), ("wW", 0), ("cC", 5)
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_LETTERS_DOT, _ALNUM = _LETTERS | {"."}, _LETTERS | set("0123456789")


def _url_places(text: str) -> dict[tuple[str, int], list[int]]:
    """Where the slips of each anchor may start (``_places``), kept only where the lookbehind of their first
    character lets them: a scheme's h or t after no letter, www's first w after no letter or dot, the comma or stop
    before a domain's gov.cn after a letter or digit."""
    return {
        _P: [at for at in _places(text, _P) if not (at and text[at - 1] in _LETTERS)],
        _W: [at for at in _places(text, _W) if not (at and text[at - 1] in _LETTERS_DOT)],
        _C: [at for at in _places(text, _C) if text[at] in "，。," and at and text[at - 1] in _ALNUM],
    }


_URL_SLIPS = (
    (
        regex.compile(rf"{_HTTP}//(?=[A-Za-z0-9])"),
        _P,
        "缺少冒号",
        "the colon is missing",
        lambda m: f"{m.group(1)}://",
    ),
    (
        regex.compile(rf"{_HTTP}:/(?=[A-Za-z0-9])"),
        _P,
        "只有一个斜杠",
        "one slash is missing",
        lambda m: f"{m.group(1)}://",
    ),
    (
        regex.compile(
            rf"{_HTTP}(?:：\s*[/／]{{2}}|:[／]{{2}}|:[\\＼]{{2}}|[:：][/／]?[\\＼][/／\\＼]?)(?=[A-Za-z0-9])"
        ),
        _P,
        "冒号或斜杠写成了全角字符或反斜杠",
        "the colon or slashes are full-width or backslashes",
        lambda m: f"{m.group(1)}://",
    ),
    (
        regex.compile(  # regex.leading: alternatives that start with a class give the engine nothing to scan for
            regex.leading(
                r"([Hh](?<![A-Za-z][Hh])(?i:tps?|tttps?|https?|ttpss|tpps?)|[Tt](?<![A-Za-z][Tt])(?i:tps?))://"
            )
        ),
        _P,
        "协议名拼写错误",
        "the scheme is misspelt",
        lambda m: "https://" if m.group(1).lower().endswith("s") else "http://",
    ),
    (
        regex.compile(r"([Ww](?<![A-Za-z.][Ww])[Ww]{2})[，。,](?=[A-Za-z0-9-]+\.[A-Za-z])"),
        _W,
        "“www”后面的点写成了逗号或句号",
        "the dot after www is a comma or full stop",
        lambda m: f"{m.group(1)}.",
    ),
    (
        regex.compile(r"[，。,](?<=[A-Za-z0-9][，。,])((?i:gov|com|org|net|edu))[.．]((?i:cn))(?![A-Za-z])"),
        _C,
        "域名中的点写成了逗号或句号",
        "a dot in the domain is a comma or full stop",
        lambda m: f".{m.group(1)}.{m.group(2)}",
    ),
)


_URL_TAIL = regex.compile(r"[A-Za-z0-9./:_%?&=#~+-]*")


@rule(
    "GI611",
    "malformed-url",
    "wording",
    "warning",
    "网址写错",
    "a web address is malformed",
    registry=RULES,
    fix="safe",
    applies=REPORT,
)
def malformed_url(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    网址的写法是否错到无法访问：“https//”（缺冒号）、“http:/www”（少一个斜杠）、“http：//”（全角冒号）、
    “http:\\\\”（反斜杠）、“htttp://”（协议名拼错）、“www，”或“，gov.cn”（点写成逗号、句号）。PDF 转换
    留下的空格不算。Whether a web address is broken: a missing colon or slash, a full-width colon,
    backslashes, a misspelt scheme, a comma or full stop for a dot. Spaces left by PDF conversion
    are not counted.

    为什么 / Why
    年报要写明公布报告的网站，供公众查阅（条例第四十九条要求年报向社会公布）；网址写错，读者无法按址
    查询。The report names where it is published; a broken address sends readers nowhere.

    错误示例 / Bad
    本报告通过门户网站（网址：https//www.example.gov.cn）公布。

    正确示例 / Good
    本报告通过门户网站（网址：https://www.example.gov.cn）公布。

    修复 / Fix
    安全：改为正确的写法（补上冒号、斜杠，点、冒号改为半角）。Safe: the address written right.
    """
    text = _masked(report)
    places = _url_places(text)
    for pattern, anchors, zh, en, right in _URL_SLIPS:
        for m in _near(pattern, text, places[anchors]):
            fixed = right(m)
            seen = text[m.start() : m.end()] + _URL_TAIL.match(text, m.end()).group()  # type: ignore[union-attr]  # matches ""
            yield Finding(
                report.stream.span(m.start(), m.end()),
                f"网址“{seen}”写错：{zh}",
                f"the web address “{seen}” is malformed: {en}",
                f"“{m.group()}”应为“{fixed}”",
                f"{m.group()!r} should be {fixed!r}",
                fix=Fix(f"改为“{fixed}”", f"write {fixed!r}", (Edit(m.start(), m.end(), fixed),)),
            )


_LOCAL = r"[A-Za-z0-9](?<![A-Za-z0-9._%+-][A-Za-z0-9])[A-Za-z0-9._%+-]*"  # not inside a longer token
_EMAIL_SLIPS = (
    (
        regex.compile(rf"{_LOCAL}(＠)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
        "“@”写成了全角“＠”",
        "the @ is a full-width ＠",
        "@",
    ),
    (
        regex.compile(rf"{_LOCAL}[@＠][A-Za-z0-9-]+([。．，,])(?:com|cn|net|org|gov)(?![A-Za-z])"),
        "域名中的点写成了句号或逗号",
        "a dot in the domain is a full stop or comma",
        ".",
    ),
    (
        regex.compile(rf"{_LOCAL}@(?:163|126|qq|sina|sohu|yeah|foxmail|aliyun)()com(?![A-Za-z])"),
        "域名少了点",
        "the domain has lost its dot",
        ".",
    ),
    (regex.compile(rf"{_LOCAL}(@@)[A-Za-z0-9-]+\.[A-Za-z]"), "“@”写了两个", "the @ is doubled", "@"),
)


_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")


def _addresses(text: str) -> list[int]:
    """Where an e-mail slip may start (``_places``): at the start of the run of ``_LOCAL``'s characters right
    before an @ or ＠, the only place its lookbehind lets a local part before that @ start."""
    places = set()
    for anchor in "@＠":
        at = text.find(anchor)
        while at >= 0:
            start = at
            while start and text[start - 1] in _LOCAL_CHARS:
                start -= 1
            places.add(start)
            at = text.find(anchor, at + 1)
    return sorted(places)


@rule(
    "GI612",
    "malformed-email",
    "wording",
    "warning",
    "电子邮箱地址写错",
    "an e-mail address is malformed",
    registry=RULES,
    fix="safe",
    applies=REPORT,
)
def malformed_email(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    电子邮箱地址是否有无法使用的写法：“＠”写成全角、域名中的点写成句号或逗号（“abc@163。com”）、常见
    邮箱域名少了点（“abc@163com”）、“@@”。Whether an e-mail address is unusable: a full-width ＠, a
    full stop or comma for a dot, a common mail domain without its dot, a doubled @.

    为什么 / Why
    年报写明联系方式供公众查询；邮箱写错，来信无法送达，国办公开办函〔2021〕30号将“发布内容不准确”列为
    追责情形。A broken address loses the mail; the 2021 format (国办公开办函〔2021〕30号) sanctions inaccurate
    content.

    错误示例 / Bad
    电子邮箱：example＠163.com

    正确示例 / Good
    电子邮箱：example@163.com

    修复 / Fix
    安全：改为半角“@”或“.”。Safe: a plain @ or dot.
    """
    text = _masked(report)
    if "@" not in text and "＠" not in text:
        return
    places = _addresses(text)
    for pattern, zh, en, right in _EMAIL_SLIPS:
        for m in _near(pattern, text, places):
            a, b = m.span(1)
            fixed = text[m.start() : a] + right + text[b : m.end()]
            yield Finding(
                report.stream.span(m.start(), m.end()),
                f"电子邮箱“{m.group()}”写错：{zh}",
                f"the e-mail address {m.group()!r} is malformed: {en}",
                f"应为“{fixed}”",
                f"expected {fixed!r}",
                fix=Fix(f"改为“{fixed}”", f"write {fixed!r}", (Edit(a, b, right),)),
            )


_PHONE = regex.compile(
    r"(?:电话|传真|手机|热线|座机)(?:号码)?(?:[/、](?:电话|传真))?[ \t]*[:：][ \t]*"
    r"(?P<number>[（(]?[0-9０-９][0-9０-９ \t\-—－–()（）]*[0-9０-９])"
)
_PHONE_ANCHOR = ("电传手热座", 0)  # a match starts with its label (``_places``)
_GROUPS = regex.compile(r"\d+")
_SERVICE = regex.compile(r"1\d{2,4}|9\d{4,5}")  # 110, 12345, 12315; 95598, 96123


def _phone_problem(number: str) -> tuple[str, str] | None:
    """Why a number given as a telephone number cannot be one (China's numbering plan), or None."""
    groups = _GROUPS.findall(to_ascii(number))
    digits = "".join(groups)
    if len(groups) >= 2 and groups[0].startswith("0") and len(groups[0]) in (3, 4):
        area, local = groups[0], groups[1]
        if set(area) == {"0"}:
            return None  # 0000-…: a number masked or made up on purpose, not a slip
        for more in groups[2:]:
            if len(local) >= 7:
                break  # what follows is an extension
            local += more
        if not re.fullmatch(r"010|02\d|0[3-9]\d\d", area):
            return f"区号“{area}”不存在", f"there is no area code {area}"
        want = (8,) if len(area) == 3 else (7, 8)
        if len(local) not in want and not _SERVICE.fullmatch(local):
            size = "8" if len(area) == 3 else "7或8"
            return (
                f"区号{area}后的号码有{len(local)}位（应为{size}位）",
                f"{len(local)} digits after area code {area} (expected {' or '.join(map(str, want))})",
            )
        return None
    if len(groups) != 1:
        return None
    if re.fullmatch(r"1[3-9]\d{8}|1[3-9]\d{10}", digits):
        return f"手机号码有{len(digits)}位（应为11位）", f"a mobile number of {len(digits)} digits (expected 11)"
    if digits.startswith("0"):
        ok = len(digits) == 11 if re.match(r"010|02", digits) else len(digits) in (11, 12)
        return None if ok else (f"带区号的号码有{len(digits)}位", f"{len(digits)} digits with the area code")
    if digits[0] in "2345678" and len(digits) not in (7, 8) and not re.fullmatch(r"[48]00\d{7}", digits):
        return f"号码有{len(digits)}位（应为7或8位）", f"{len(digits)} digits (expected 7 or 8)"
    return None


@rule(
    "GI613",
    "malformed-phone",
    "wording",
    "warning",
    "电话号码位数不对",
    "a telephone number cannot be one",
    registry=RULES,
    applies=REPORT,
)
def malformed_phone(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    “电话：”“传真：”“联系电话：”后的号码按我国电话号码编排是否可能存在：区号（010、02X 或 0 加三位）
    后应为 8 位（三位区号）或 7、8 位（四位区号）号码，手机号码为 11 位，不带区号的固定电话为 7 或 8 位；
    特服号码（110、12345、95598 等）和分机号不算错。跨行断开的号码、区号全为 0 的虚构号码不判断。
    Whether the number after 电话/传真 can exist under China's numbering plan: 8 digits after a
    three-digit area code, 7 or 8 after a four-digit one, 11 for a mobile, 7 or 8 without an area
    code; service numbers and extensions are fine. A number broken across lines, or made up with an
    area code of zeros, is not judged.

    为什么 / Why
    年报写明联系方式供公众查询；号码位数不对，打不通，国办公开办函〔2021〕30号将“发布内容不准确”列为
    追责情形。A number with the wrong length cannot be dialled; the 2021 format (国办公开办函〔2021〕30号)
    sanctions inaccurate content.

    错误示例 / Bad
    电话：0591-236516

    正确示例 / Good
    电话：0591-23651600
    """
    text = _masked(report)
    for m in _near(_PHONE, text, _places(text, _PHONE_ANCHOR)):
        a, b = m.span("number")
        if re.match(r"\n\s*\d|[年月日件次个条人余多]", text[b : b + 3]):  # goes on on the next line; a count
            continue
        problem = _phone_problem(m.group("number"))
        if problem:
            shown = m.group("number").strip()
            yield Finding(
                report.stream.span(a, b),
                f"电话号码“{shown}”{problem[0]}，不可能是有效号码",
                f"the telephone number {shown!r} cannot exist: {problem[1]}",
                "请核对号码",
                "check the number",
            )


# ------------------------------------------------------------------ GI614 template placeholders

_PLACEHOLDERS = regex.compile(
    r"[XＸ×](?<![A-Za-z][XＸ×])(?:[XＸ×]+(?![A-Za-z])"  # XX件, ××局, 20XX年, XXXX年XX月
    r"|(?<![0-9][XＸ×])(?=[年月日件条项个次人名号期批家篇]))"
)  # X件, X月X日
# an instruction's words, each a pattern beginning with its literal: whether a text holds any is whether one finds
# one (one alternation of them would be tried at every 请 of 申请)
_INSTRUCTION_SOURCES = ("文字描述", "此处(?:填写|填入|输入|填报|报告|说明|描述|补充)", "请(?:填写|输入|补充|在此)")
_INSTRUCTION_WORDS = tuple(regex.compile(source) for source in _INSTRUCTION_SOURCES)
_INSTRUCTIONS = regex.compile(  # （此处填写……）, （文字描述）
    rf"[（(【\[][^）)】\]\n]{{0,30}}?(?:{'|'.join(_INSTRUCTION_SOURCES)})[^）)】\]\n]{{0,30}}[）)】\]]"
)


# common surnames that are not also prepositions or common words (于, 向, 高, 金 … are left out)
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶"
    "程苏魏吕丁沈姚卢姜崔钟谭陆汪范廖贾夏韦付邹孟熊秦邱尹薛闫段雷侯史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤"
)


def _masked_name(before: str) -> bool:
    """Whether the X run follows a surname (申请人张××, 原告王XX): a name masked on purpose."""
    return (
        len(before) == 2 and before[1] in _SURNAMES and (not re.match(f"[{_CJK}]", before[0]) or before[0] in "人告某")
    )


@rule(
    "GI614",
    "template-placeholder",
    "wording",
    "error",
    "留有模板占位符",
    "a template placeholder is left in",
    registry=RULES,
    applies=REPORT,
)
def template_placeholder(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文或表格中是否留有模板的占位符：“XX件”“××局”“20XX年”“X月X日”，以及模板的填写说明
    “（文字描述）”“（此处填写……）”“（请填写……）”。网址中的字母（如“xxgk”）、有意遮盖的证件号码和姓名
    （“350102××××1234”“申请人张××”）不算。Whether a template placeholder is left: XX, ××, 20XX,
    X月X日, or a filling instruction such as （文字描述） or （此处填写……）. Letters inside web
    addresses (xxgk) and numbers or names masked on purpose (350102××××1234, 申请人张××) are not
    placeholders.

    为什么 / Why
    套用模板后没有填写的内容等于缺项；条例第五十条规定年报应当包括的内容不能以占位符代替，2021 年格式
    将“发布内容不准确不全面”列为追责情形。A placeholder is missing content the Regulation requires.

    错误示例 / Bad
    2023年，我局共收到政府信息公开申请XX件。
    六、其他需要报告的事项（文字描述，收取信息处理费情况在此处报告。）

    正确示例 / Good
    2023年，我局共收到政府信息公开申请13件。
    """
    text = report.stream.text[_body_start(report) :]
    base = len(report.stream.text) - len(text)
    found = [
        *(_PLACEHOLDERS.finditer(text) if any(c in text for c in "XＸ×") else ()),
        *(_INSTRUCTIONS.finditer(text) if any(words.search(text) for words in _INSTRUCTION_WORDS) else ()),
    ]
    for m in sorted(found, key=lambda m: m.start()):
        before, after = text[max(m.start() - 2, 0) : m.start()], text[m.end() : m.end() + 1]
        if (before[-1:].isdigit() and after.isdigit()) or _masked_name(before):
            continue  # 350102××××1234, 张××: masked on purpose, not left over
        seen = _context(text, m.start(), m.end(), 8)
        where = "" if seen == m.group() else f"：“{seen}”"
        yield Finding(
            report.stream.span(base + m.start(), base + m.end()),
            f"留有模板占位符“{m.group()}”{where}",
            f"a template placeholder {m.group()!r} is left in{where.replace('：', ': ')}",
            "应填写实际内容",
            "write the actual content",
        )
