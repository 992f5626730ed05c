"""The table vocabulary: every cell of tables 2, 3 and 4 and every identity (勾稽关系) over them, as data.

A cell is addressed by ``(row id, column id)`` inside its table; its full id is ``t3:3.3.1:natural``.
Ids are ASCII, follow the printed outline (table 3 row ``3.3.1`` is 三、（三）1.) and keep their meaning
in every format year they exist in: table 3 row ``3.6`` is the 2019 format's single （六）其他处理 row,
``3.6.1``–``3.6.3`` are its three 2021 rows; table 2 column ``decisions`` is 处理决定数量 (2019) and
本年处理决定数量 (2021). Each identity is declared once as a family over ids (per column, per row) and
expanded for each format; the solver, the rules and the dump use these instances and nothing else.

This module holds data and lookups only; ``gilint labels`` prints it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from gilint.formats import fuzzy

CellRef = tuple[str, str]  # (row id, column id)
VERSIONS = (2019, 2021)
TABLE_NAMES = {2: "主动公开政府信息情况", 3: "收到和处理政府信息公开申请情况", 4: "政府信息公开行政复议、行政诉讼情况"}
CN_NUMBER = {2: "二", 3: "三", 4: "四"}


@dataclass(frozen=True, slots=True)
class Col:
    """A column of a statistics table: its id, printed header and header path."""

    id: str  # "legal.commercial"
    label: str  # the printed header: "商业企业"
    path: tuple[str, ...]  # the header path: ("申请人情况", "法人或其他组织", "商业企业")
    years: tuple[int, ...] = (2019, 2021)  # the format versions that print it so

    @property
    def name(self) -> str:
        """How a message names the column: "自然人", "法人或其他组织/商业企业", "结果维持"."""
        return "/".join(self.path[1:]) if len(self.path) > 1 else self.label


@dataclass(frozen=True, slots=True)
class Row:
    """A row of a statistics table: its id, printed label, label path and columns."""

    id: str  # "3.3.1"
    label: str  # the printed label: "1.属于国家秘密"
    path: tuple[str, ...]  # the label path: ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")
    cols: tuple[str, ...]  # the ids of its columns, in printed order
    pattern: str  # regex source that finds the label in text
    years: tuple[int, ...]  # the format versions it belongs to
    ordinal: str = ""  # the printed numbering: "一、", "（一）", "1."; "" when none
    short: str = ""  # the label without its printed note, when it has one

    @property
    def name(self) -> str:
        """How a message names the row: its label (without a note), after its group's where numbers
        repeat by group ("（三）不予公开 1.属于国家秘密")."""
        label = self.short or self.label
        return f"{self.path[-2]} {label}" if len(self.path) == 3 else label


@dataclass(frozen=True, slots=True)
class Identity:
    """One equation ``sum(left) == sum(right)`` over cells, an instance of a family."""

    id: str  # "T3-A/natural", "T3-C/3.3.1", "T4-A/review"
    family: str  # "T3-A"
    over: str  # the row or column id it is instantiated for
    left: tuple[CellRef, ...]
    right: tuple[CellRef, ...]

    @property
    def members(self) -> tuple[CellRef, ...]:
        return self.left + self.right


@dataclass(frozen=True, slots=True)
class Family:
    """An identity as the format states it, for each column or each row of a table."""

    id: str
    table: int
    each: Literal["col", "row"]
    left: tuple[str, ...]  # row ids (each col) or column ids (each row)
    right: tuple[str, ...] | Literal["outcomes"]
    zh: str
    en: str
    source: str  # where the format says so (or that it is derived)


@dataclass(frozen=True)
class TableFormat:
    """One table in one format version: its rows, columns and identities."""

    number: int
    version: int
    rows: tuple[Row, ...]
    cols: tuple[Col, ...]
    identities: tuple[Identity, ...]

    def row(self, row_id: str) -> Row | None:
        return next((r for r in self.rows if r.id == row_id), None)

    def col(self, col_id: str) -> Col:
        return next(c for c in self.cols if c.id == col_id)

    def cells(self) -> list[CellRef]:
        return [(r.id, c) for r in self.rows for c in r.cols]

    def row_name(self, row_id: str) -> str:
        row = self.row(row_id)
        return row.name if row else row_id


def _pattern(ordinal: str, core: str, need_ordinal: bool = False) -> str:
    """A label: its numbering (optional unless ``need_ordinal``; 1. / 1、 / 1． alike), then its words."""
    if not ordinal:
        return fuzzy(core)
    number = re.escape(ordinal.strip("（()）.、"))
    shape = rf"[（(]\s*{number}\s*[)）]" if ordinal.startswith("（") else rf"{number}\s*[.．、]"
    words = fuzzy(core)
    if need_ordinal:
        return rf"{shape}\s*{words}"
    # "(?:numbering)?words" as an alternation: the same matches, tried in the same order, but as each
    # branch starts with a character the engine skips to where one can begin (an optional group first
    # leaves it trying the group at every character: a search of a report's text took four times as long)
    return rf"(?:{shape}\s*{words}|{words})"


# ---------------------------------------------------------------- table 3

T3_COLS = (
    Col("natural", "自然人", ("申请人情况", "自然人")),
    *(
        Col(f"legal.{cid}", label, ("申请人情况", "法人或其他组织", label))
        for cid, label in (
            ("commercial", "商业企业"),
            ("research", "科研机构"),
            ("public_interest", "社会公益组织"),
            ("legal_service", "法律服务机构"),
            ("other", "其他"),
        )
    ),
    Col("total", "总计", ("申请人情况", "总计")),
)
_T3C = tuple(c.id for c in T3_COLS)
_RESULTS = "三、本年度办理结果"


def _t3(
    rid: str,
    ordinal: str,
    words: str,
    group: str | None = None,
    core: str | None = None,
    need_ordinal: bool = False,
    years: tuple[int, ...] = VERSIONS,
    short: str = "",
) -> Row:
    label = f"{ordinal}{words}"
    path = ((_RESULTS, group, label) if group else (_RESULTS, label)) if rid.startswith("3.") else (label,)
    return Row(rid, label, path, _T3C, _pattern(ordinal, core or words, need_ordinal), years, ordinal, short)


def _t3_group(n: int, group: str, items: tuple[str, ...], years: tuple[int, ...] = VERSIONS) -> list[Row]:
    return [_t3(f"3.{n}.{i}", f"{i}.", words, group, years=years) for i, words in enumerate(items, 1)]


_T3_ROWS = (
    _t3("1", "一、", "本年新收政府信息公开申请数量"),
    _t3("2", "二、", "上年结转政府信息公开申请数量"),
    _t3("3.1", "（一）", "予以公开"),
    _t3("3.2", "（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）", core="部分公开", short="（二）部分公开"),
    *_t3_group(
        3,
        "（三）不予公开",
        (
            "属于国家秘密",
            "其他法律行政法规禁止公开",
            "危及“三安全一稳定”",
            "保护第三方合法权益",
            "属于三类内部事务信息",
            "属于四类过程性信息",
            "属于行政执法案卷",
            "属于行政查询事项",
        ),
    ),
    *_t3_group(4, "（四）无法提供", ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确")),
    *_t3_group(
        5,
        "（五）不予处理",
        (
            "信访举报投诉类申请",
            "重复申请",
            "要求提供公开出版物",
            "无正当理由大量反复申请",
            "要求行政机关确认或重新出具已获取信息",
        ),
    ),
    _t3("3.6", "（六）", "其他处理", need_ordinal=True, years=(2019,)),
    _t3(
        "3.6.1",
        "1.",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
        core="申请人无正当理由逾期不补正",
        years=(2021,),
        short="1.申请人无正当理由逾期不补正",
    ),
    _t3(
        "3.6.2",
        "2.",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
        core="申请人逾期未按收费通知要求缴纳费用",
        years=(2021,),
        short="2.申请人逾期未按收费通知要求缴纳费用",
    ),
    _t3("3.6.3", "3.", "其他", "（六）其他处理", need_ordinal=True, years=(2021,)),
    _t3("3.7", "（七）", "总计", need_ordinal=True),
    _t3("4", "四、", "结转下年度继续办理"),
)

# ---------------------------------------------------------------- table 4

T4_COLS = tuple(
    Col(cid, label, (label,))
    for cid, label in (
        ("upheld", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
        ("pending", "尚未审结"),
        ("total", "总计"),
    )
)
_T4C = tuple(c.id for c in T4_COLS)
_T4_ROWS = (
    Row("review", "行政复议", ("行政复议",), _T4C, r"行\s*政\s*复\s*议(?!\s*后)", VERSIONS),
    Row("suit_direct", "未经复议直接起诉", ("行政诉讼", "未经复议直接起诉"), _T4C, fuzzy("未经复议直接起诉"), VERSIONS),
    Row("suit_after_review", "复议后起诉", ("行政诉讼", "复议后起诉"), _T4C, fuzzy("复议后起诉"), VERSIONS),
)

# ---------------------------------------------------------------- table 2

T2_COLS = tuple(
    Col(cid, label, (label,), years)
    for cid, label, years in (
        ("issued", "本年制发件数", (2021,)),
        ("repealed", "本年废止件数", (2021,)),
        ("in_force", "现行有效件数", (2021,)),
        ("decisions", "本年处理决定数量", (2021,)),
        ("amount", "本年收费金额（单位：万元）", (2021,)),
        ("made", "本年新制作数量", (2019,)),
        ("published", "本年新公开数量", (2019,)),
        ("public_total", "对外公开总数量", (2019,)),
        ("prior_items", "上一年项目数量", (2019,)),
        ("change", "本年增/减", (2019,)),
        ("decisions", "处理决定数量", (2019,)),  # the same cell as 2021's 本年处理决定数量
        ("items", "采购项目数量", (2019,)),
        ("total_amount", "采购总金额", (2019,)),
    )
)
BLOCKS = {n: f"第二十条第（{n}）项" for n in "一五六八九"}


def _t2(
    rid: str, block: str, label: str, cols: tuple[str, ...], years: tuple[int, ...], pattern: str | None = None
) -> Row:
    return Row(rid, label, (BLOCKS[block], label), cols, pattern or fuzzy(label), years)


_DOCS_2021 = ("issued", "repealed", "in_force")
_DOCS_2019 = ("made", "published", "public_total")
_ITEMS_2019 = ("prior_items", "change", "decisions")
_T2_ROWS = (
    _t2("rules", "一", "规章", _DOCS_2021, (2021,)),
    _t2("rules", "一", "规章", _DOCS_2019, (2019,)),
    # 规范性文件 (the 2019 wording) is still this row in a 2021 table: the wording rule says so.
    _t2("normative", "一", "行政规范性文件", _DOCS_2021, (2021,), r"(?:行\s*政\s*)?规\s*范\s*性\s*文\s*件"),
    _t2("normative", "一", "规范性文件", _DOCS_2019, (2019,), r"(?<!行政)规\s*范\s*性\s*文\s*件"),
    _t2("licensing", "五", "行政许可", ("decisions",), (2021,)),
    _t2("licensing", "五", "行政许可", _ITEMS_2019, (2019,)),
    _t2("other_services", "五", "其他对外管理服务事项", _ITEMS_2019, (2019,)),
    _t2("penalty", "六", "行政处罚", ("decisions",), (2021,)),
    _t2("penalty", "六", "行政处罚", _ITEMS_2019, (2019,)),
    _t2("coercion", "六", "行政强制", ("decisions",), (2021,)),
    _t2("coercion", "六", "行政强制", _ITEMS_2019, (2019,)),
    _t2("fees", "八", "行政事业性收费", ("amount",), (2021,)),
    _t2("fees", "八", "行政事业性收费", ("prior_items", "change"), (2019,)),
    _t2("procurement", "九", "政府集中采购", ("items", "total_amount"), (2019,)),
)
# Cells whose value is an amount (a decimal) or a signed change, not a count.
NOT_COUNTS = frozenset(
    {
        ("fees", "amount"),
        ("procurement", "total_amount"),
        ("licensing", "change"),
        ("other_services", "change"),
        ("penalty", "change"),
        ("coercion", "change"),
        ("fees", "change"),
    }
)

# ---------------------------------------------------------------- identities

_APPLICANTS = _T3C[:6]
FAMILIES = (
    Family(
        "T3-A",
        3,
        "col",
        ("1", "2"),
        ("3.7", "4"),
        "一＋二＝（七）总计＋四",
        "new + carried over = total handled + carried forward",
        "格式表头：本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
    ),
    Family(
        "T3-B",
        3,
        "col",
        ("3.7",),
        "outcomes",
        "（七）总计＝各办理结果之和",
        "total handled = sum of the outcome rows",
        "由“部分公开”注“只计这一情形，不计其他情形”：每件申请只计一次（推导）",
    ),
    Family(
        "T3-C",
        3,
        "row",
        ("total",),
        _APPLICANTS,
        "总计＝各类申请人之和",
        "总计 = sum of the applicant columns",
        "总计列即各类申请人之和（推导）",
    ),
    Family(
        "T4-A",
        4,
        "row",
        ("total",),
        ("upheld", "corrected", "other", "pending"),
        "总计＝结果维持＋结果纠正＋其他结果＋尚未审结",
        "总计 = upheld + corrected + other + pending",
        "每件案件恰有一种结果或尚未审结（推导）",
    ),
)


def _expand(family: Family, rows: tuple[Row, ...], cols: tuple[Col, ...]) -> list[Identity]:
    row_ids = [r.id for r in rows]
    if family.each == "col":
        right = (
            [r for r in row_ids if r.startswith("3.") and r != "3.7"]
            if family.right == "outcomes"
            else list(family.right)
        )
        return [
            Identity(
                f"{family.id}/{c.id}",
                family.id,
                c.id,
                tuple((r, c.id) for r in family.left),
                tuple((r, c.id) for r in right),
            )
            for c in cols
        ]
    assert family.right != "outcomes"
    return [
        Identity(
            f"{family.id}/{r.id}",
            family.id,
            r.id,
            tuple((r.id, c) for c in family.left),
            tuple((r.id, c) for c in family.right),
        )
        for r in rows
    ]


@cache
def table_format(number: int, version: int) -> TableFormat:
    """Table ``number`` (2, 3 or 4) as the ``version`` (2019 or 2021) format prints it."""
    rows, cols = {2: (_T2_ROWS, T2_COLS), 3: (_T3_ROWS, T3_COLS), 4: (_T4_ROWS, T4_COLS)}[number]
    mine = tuple(r for r in rows if version in r.years)
    used = {c for r in mine for c in r.cols}
    mine_cols = tuple(c for c in cols if c.id in used and version in c.years)
    identities = tuple(i for f in FAMILIES if f.table == number for i in _expand(f, mine, mine_cols))
    return TableFormat(number, version, mine, mine_cols, identities)


def family(family_id: str) -> Family:
    return next(f for f in FAMILIES if f.id == family_id)


def cell_id(number: int, ref: CellRef) -> str:
    """The full id of a cell: ``t3:3.3.1:natural``."""
    return f"t{number}:{ref[0]}:{ref[1]}"
