"""Wording rules: the Regulation's name, document numbers, brackets, the official table labels."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from gilint_rules._util import is_report, norm

from gilint import formats as F
from gilint.model import Edit, Finding, Fix, Report
from gilint.rule import Rule, rule

RULES: list[Rule] = []
_REG_NAME = re.compile(r"《[^《》<>\n]{0,20}?(?:政府|政务)[^《》<>\n]{0,6}?公\s*开\s*条\s*例\s*》")
_ACCEPTED = {norm(F.REGULATION), norm("《政府信息公开条例》")}


@rule("GI601", "regulation-name", "wording", "error", "条例名称不准确",
      "the Regulation is misnamed", registry=RULES, fix="safe")
def regulation_name(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    条例的名称是否准确写作《中华人民共和国政府信息公开条例》（简称《政府信息公开条例》或《条例》）。
    Whether the Regulation is named exactly.

    为什么 / Why
    年报依据该条例编制，名称写错（如“政府政务公开条例”）是明显的文字错误。The report rests on this
    Regulation; a wrong name is a plain error.

    错误示例 / Bad
    认真贯彻落实《中华人民共和国政府政务公开条例》

    正确示例 / Good
    认真贯彻落实《中华人民共和国政府信息公开条例》

    修复 / Fix
    安全：改为准确的名称（全称或简称，与原文一致；多余的空格删去）。书名号内另有地方名称等前缀的
    不修复。Safe: the exact name, full or short as written (stray spaces removed); a name with
    another prefix (a province's) is left alone.
    """
    if not is_report(report):
        return
    text = report.stream.text
    for m in _REG_NAME.finditer(text):
        shown = m.group()
        if norm(shown) not in _ACCEPTED or re.search(r"\s", shown):
            why = "书名号内有多余空格" if norm(shown) in _ACCEPTED else "名称不准确"
            fixed = _regulation(shown)
            fix = None if fixed is None else Fix(f"改为“{fixed}”", f"write “{fixed}”",
                                                 (Edit(m.start(), m.end(), fixed),))
            yield Finding(report.stream.span(m.start(), m.end()), f"条例名称写作“{shown}”，{why}",
                          f"the Regulation is written {shown!r}", f"应为“{F.REGULATION}”",
                          f"expected “{F.REGULATION}”", fix=fix)


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


_MIXED = re.compile(r"（\s*[一二三四五六七八九十]{1,3}\s*\)|\(\s*[一二三四五六七八九十]{1,3}\s*）")


@rule("GI602", "mixed-brackets", "wording", "warning", "编号括号全角半角混用",
      "full- and half-width brackets mixed in a number", registry=RULES, fix="safe")
def mixed_brackets(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    小标题编号的一对括号是否一半全角、一半半角，如“(一）”。Whether a heading number's brackets mix
    full and half width, as in "(一）".

    为什么 / Why
    公文排版要求括号成对一致；混用多为手工录入错误。Brackets come in matching pairs.

    错误示例 / Bad
    (一）主动公开情况

    正确示例 / Good
    （一）主动公开情况

    修复 / Fix
    安全：两边都改为全角括号。Safe: full-width brackets on both sides.
    """
    if not is_report(report):
        return
    for m in _MIXED.finditer(report.stream.text):
        fixed = m.group().replace("(", "（").replace(")", "）")
        yield Finding(report.stream.span(m.start(), m.end()), f"编号“{m.group()}”的括号全角半角混用",
                      f"the number {m.group()!r} mixes full- and half-width brackets",
                      "统一使用全角括号“（）”", "use full-width brackets （） on both sides",
                      fix=Fix(f"改为“{fixed}”", f"write “{fixed}”", (Edit(m.start(), m.end(), fixed),)))


_DOC_NO = re.compile(r"〔\s*(\d{4})\s*〕\s*年\s*(\d+)\s*号")
_UNBALANCED = re.compile(r"[<＜]([^<>《》\n]{2,40})》|《([^<>《》\n]{2,40})[>＞]")


@rule("GI603", "citation-typo", "wording", "warning", "文件名称或文号书写错误",
      "a cited title or document number is mistyped", registry=RULES, fix="safe")
def citation_typo(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    引用的文件名称书名号不成对（如“<中华人民共和国政府信息公开工作年度报告格式》”），或文号多了
    “年”字（如“国办公开办函〔2021〕年30号”）。A cited title whose book-title marks do not pair, or a
    document number with a stray 年.

    为什么 / Why
    引用格式文件时写错文号、书名号，是评估中常见的文字差错。Miswritten citations are common errors
    evaluators point out.

    错误示例 / Bad
    《国务院办公厅……关于印发<中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕年30号）

    正确示例 / Good
    《国务院办公厅……关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）

    修复 / Fix
    安全：文号删去“年”字（如“〔2021〕30号”）。书名号不成对的不修复（缺的文字需要人来补）。Safe:
    the stray 年 is removed from the number; unpaired marks are not fixed (what is missing needs a
    human).
    """
    if not is_report(report):
        return
    text = report.stream.text
    for m in _DOC_NO.finditer(text):
        fixed = f"〔{m.group(1)}〕{m.group(2)}号"
        yield Finding(report.stream.span(m.start(), m.end()), f"文号“{m.group()}”中多了“年”字",
                      f"the document number {m.group()!r} has a stray 年", f"应为“{fixed}”", f"expected {fixed}",
                      fix=Fix(f"改为“{fixed}”", f"write “{fixed}”", (Edit(m.start(), m.end(), fixed),)))
    for m in _UNBALANCED.finditer(text):
        yield Finding(report.stream.span(m.start(), m.end()), f"书名号不成对：“{m.group()}”",
                      f"unpaired book-title marks: {m.group()!r}", "内层书名号用〈〉，外层用《》",
                      "use 〈〉 inside 《》")


_OFFICIAL_NOTE = "（区分处理的，只计这一情形，不计其他情形）"
_NOTE = re.compile(r"[（(]\s*区\s*分\s*处\s*理[^）)]{0,20}[）)]")


@rule("GI604", "label-typo", "wording", "warning", "表格官方标签有错字",
      "an official table label is misspelt", registry=RULES)
def label_typo(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    表格的行标签是否照录格式原文：表三“（二）部分公开”后的说明“（区分处理的，只计这一情形，不计其他
    情形）”；表二“行政规范性文件”；编号相同、文字大体相同却有错漏字的行标签（如“2.其他法律行政止公开”）。
    Whether table labels are the format's exact wording: the note after 部分公开, 行政规范性文件 in
    table 2, and any row label with the right number but words missing or wrong.

    为什么 / Why
    标签是格式的一部分，改动（如“只记”）说明表格是手工重抄的，易出错。Labels are part of the
    format; a changed label shows the table was retyped by hand.

    错误示例 / Bad
    （二）部分公开（区分处理的，只记这一情形，不计其他情形）
    2.其他法律行政止公开

    正确示例 / Good
    （二）部分公开（区分处理的，只计这一情形，不计其他情形）
    2.其他法律行政法规禁止公开
    """
    if not is_report(report):
        return
    for table in report.tables.values():
        for p in table.problems:
            if p.kind == "label-typo" and not table.scrambled:
                yield Finding(p.span, p.message_zh, p.message_en, "应照录格式规定的行标签",
                              "expected the label exactly as the format prints it")
    t2 = report.tables.get(2)
    label = t2.row_labels.get("行政规范性文件", "") if t2 and t2.version == 2021 and not t2.scrambled else ""
    if label and "行" not in label:
        yield Finding(t2.row_spans["行政规范性文件"], f"表二行标签写作“{label}”，2021年格式为“行政规范性文件”",
                      f"table 2 row label {label!r}: the 2021 format says 行政规范性文件",
                      "应为“行政规范性文件”", "expected 行政规范性文件")
    t3 = report.tables.get(3)
    if t3 is None or "（二）" not in t3.row_spans:
        return
    m = _NOTE.search(report.stream.text, t3.start, t3.end)
    if m and norm(m.group()).replace("、", "，") != norm(_OFFICIAL_NOTE):
        yield Finding(report.stream.span(m.start(), m.end()), f"“部分公开”的说明写作“{m.group()}”",
                      f"the 部分公开 note reads {m.group()!r}", f"应为“{_OFFICIAL_NOTE}”",
                      f"expected “{_OFFICIAL_NOTE}”")
