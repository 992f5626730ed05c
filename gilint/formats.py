"""The 2019 and 2021 report formats as data: section titles, table labels, identities' members.

Labels are matched with ``fuzzy()``: full-/half-width brackets and punctuation, quotes and white
space are interchangeable, because scrapers and word processors change them freely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}

_CLASSES = {
    "（": "[（(]", "(": "[（(]", "）": "[）)]", ")": "[）)]", "、": "[、，,.．]", "，": "[、，,]",
    "：": "[：:]", "“": "[“”\"']?", "”": "[“”\"']?", ".": "[.．、]", "/": "[/／]",
}


def fuzzy(label: str) -> str:
    """A regex source matching ``label`` with interchangeable punctuation and optional spaces."""
    parts = []
    for ch in label:
        if ch.isspace():
            continue
        parts.append(_CLASSES.get(ch, re.escape(ch)))
    return r"\s*".join(parts)


@dataclass(frozen=True)
class RowSpec:
    key: str  # stable short key: "一", "（三）1", "（七）", "四"
    label: str  # the official label
    core: str  # the part matched in text (regex source built by fuzzy / by hand)


def _row(key: str, label: str, core: str | None = None) -> RowSpec:
    return RowSpec(key, label, core or fuzzy(label))


def _sub(group: str, n: int, text: str) -> RowSpec:
    return RowSpec(f"{group}{n}", f"{n}.{text}", rf"(?:{n}\s*[.．、]\s*)?" + fuzzy(text))


T3_COLS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T3_COL_LABELS = {c: (f"法人或其他组织/{c}" if c in T3_COLS[1:6] else c) for c in T3_COLS}

_T3_HEAD = [
    _row("一", "一、本年新收政府信息公开申请数量", fuzzy("本年新收政府信息公开申请数量")),
    _row("二", "二、上年结转政府信息公开申请数量", fuzzy("上年结转政府信息公开申请数量")),
    _row("（一）", "三、本年度办理结果/（一）予以公开", r"(?:[（(]\s*一\s*[)）]\s*)?予\s*以\s*公\s*开"),
    _row("（二）", "三、本年度办理结果/（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
         r"(?:[（(]\s*二\s*[)）]\s*)?部\s*分\s*公\s*开"),
    *(_sub("（三）", i, t) for i, t in enumerate(
        ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
         "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"), 1)),
    *(_sub("（四）", i, t) for i, t in enumerate(
        ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"), 1)),
    *(_sub("（五）", i, t) for i, t in enumerate(
        ("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
         "要求行政机关确认或重新出具已获取信息"), 1)),
]
_T3_TAIL = [
    _row("（七）", "三、本年度办理结果/（七）总计", r"[（(]\s*七\s*[)）]\s*总\s*计"),
    _row("四", "四、结转下年度继续办理", fuzzy("结转下年度继续办理")),
]
T3_ROWS_2021 = [
    *_T3_HEAD,
    RowSpec("（六）1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            r"(?:1\s*[.．、]\s*)?申\s*请\s*人\s*无\s*正\s*当\s*理\s*由\s*逾\s*期\s*不\s*补\s*正"),
    RowSpec("（六）2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            r"(?:2\s*[.．、]\s*)?" + fuzzy("申请人逾期未按收费通知要求缴纳费用")),
    RowSpec("（六）3", "3.其他", r"3\s*[.．、]\s*其\s*他"),
    *_T3_TAIL,
]
T3_ROWS_2019 = [*_T3_HEAD, _row("（六）", "三、本年度办理结果/（六）其他处理",
                                  r"[（(]\s*六\s*[)）]\s*其\s*他\s*处\s*理"), *_T3_TAIL]
# Rows whose sum is （七）总计 (T3-B), per version.
T3_OUTCOMES = {
    2021: [r.key for r in T3_ROWS_2021[2:-2]],
    2019: [r.key for r in T3_ROWS_2019[2:-2]],
}
T3_GROUP_LABELS = {"（三）": "不予公开", "（四）": "无法提供", "（五）": "不予处理", "（六）": "其他处理"}

T4_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
T4_PARTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
T4_KEYS = tuple(f"{g}/{p}" for g in T4_GROUPS for p in T4_PARTS)


@dataclass(frozen=True)
class T2Row:
    key: str  # the row label: "规章", "行政规范性文件", …
    block: str  # "第二十条第（一）项"
    core: str
    cols: tuple[str, ...]


_B1, _B5, _B6, _B8, _B9 = (f"第二十条第（{n}）项" for n in "一五六八九")
T2_ROWS_2021 = [
    T2Row("规章", _B1, r"规\s*章", ("本年制发件数", "本年废止件数", "现行有效件数")),
    T2Row("行政规范性文件", _B1, r"(?:行\s*政\s*)?规\s*范\s*性\s*文\s*件",
          ("本年制发件数", "本年废止件数", "现行有效件数")),
    T2Row("行政许可", _B5, r"行\s*政\s*许\s*可", ("本年处理决定数量",)),
    T2Row("行政处罚", _B6, r"行\s*政\s*处\s*罚", ("本年处理决定数量",)),
    T2Row("行政强制", _B6, r"行\s*政\s*强\s*制", ("本年处理决定数量",)),
    T2Row("行政事业性收费", _B8, r"行\s*政\s*事\s*业\s*性\s*收\s*费", ("本年收费金额（单位：万元）",)),
]
_OLD = ("上一年项目数量", "本年增/减", "处理决定数量")
T2_ROWS_2019 = [
    T2Row("规章", _B1, r"规\s*章", ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
    T2Row("规范性文件", _B1, r"(?<!行政)规\s*范\s*性\s*文\s*件",
          ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
    T2Row("行政许可", _B5, r"行\s*政\s*许\s*可", _OLD),
    T2Row("其他对外管理服务事项", _B5, fuzzy("其他对外管理服务事项"), _OLD),
    T2Row("行政处罚", _B6, r"行\s*政\s*处\s*罚", _OLD),
    T2Row("行政强制", _B6, r"行\s*政\s*强\s*制", _OLD),
    T2Row("行政事业性收费", _B8, r"行\s*政\s*事\s*业\s*性\s*收\s*费", _OLD[:2]),
    T2Row("政府集中采购", _B9, fuzzy("政府集中采购"), ("采购项目数量", "采购总金额")),
]
# Labels that exist only in the 2019 format (an error in a 2021-or-later report).
LABELS_2019_ONLY = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量",
                    "第二十条第（九）项", "其他对外管理服务事项", "政府集中采购")
# Official label texts whose exact wording is checked (wording of the printed format).
OFFICIAL_PHRASES = (
    "（区分处理的，只计这一情形，不计其他情形）",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
)
