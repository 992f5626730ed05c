"""Table rules: tables 2, 3 and 4 present, in the right format version, complete, and adding up."""

from __future__ import annotations

from collections.abc import Iterator

from gilint_rules._util import start_span

from gilint.applies import FORMAT_2021, REPORT
from gilint.context import RuleContext
from gilint.formats.tables import CN_NUMBER as _CN
from gilint.formats.tables import NOT_COUNTS, family
from gilint.formats.tables import TABLE_NAMES as _NAMES
from gilint.model import Check, Finding, Report, Table, TableIssue, TableProblem
from gilint.rule import Rule, rule

RULES: list[Rule] = []


@rule(
    "GI301",
    "table-missing",
    "tables",
    "error",
    "缺少统计表",
    "a statistics table is missing",
    registry=RULES,
    applies=REPORT,
)
def table_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    表二（主动公开）、表三（依申请公开）、表四（行政复议、行政诉讼）是否都在，按官方行、列标签识别。
    Whether tables 2, 3 and 4 are present, recognised by their official labels.

    为什么 / Why
    条例第五十条第（一）至（三）项要求报告主动公开、依申请公开和行政复议、行政诉讼的情况，国办公开办函
    〔2021〕30号印发的格式以表二、表三、表四统计，并要求报告内容“不能遗漏”；缺表即遗漏报告事项。Article 50 (1)-(3)
    of the Regulation, tabulated by the 2021 format's tables 2-4, which allows no omission.

    错误示例 / Bad
    第四部分只写“本年度未发生行政复议、行政诉讼”，没有表四。

    正确示例 / Good
    第四部分保留完整的表四，数字为 0 时填 0。
    """
    for n in (2, 3, 4):
        if n not in report.tables:
            section = report.section(n)
            span = section.span if section else start_span(report)
            yield Finding(
                span,
                f"未找到表{_CN[n]}（{_NAMES[n]}）",
                f"table {n} ({_NAMES[n]}) not found",
                "按格式保留该表，并使用官方行列标签",
                "keep the table with its official labels",
            )


@rule(
    "GI302",
    "obsolete-format",
    "tables",
    "error",
    "2021年以后的报告使用了2019年格式的表格",
    "a 2021+ report uses the 2019 table format",
    registry=RULES,
    applies=(REPORT, FORMAT_2021),
)
def obsolete_format(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    2021 年及以后年度的报告是否仍使用 2019 年格式的表格：表二出现“本年新制作数量”“上一年项目数量”
    “第二十条第（九）项”等，表三“（六）其他处理”只有一行。Whether a report for 2021 or later still
    uses the 2019 tables.

    为什么 / Why
    国办公开办函〔2021〕30号自2021年度报告起施行新格式。The 2021 format applies from the 2021 report on.

    错误示例 / Bad
    2022年报告的表二：第二十条第（一）项 | 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量

    正确示例 / Good
    第二十条第（一）项 | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
    """
    t2, t3 = report.tables.get(2), report.tables.get(3)
    if t2 and t2.version == 2019:
        labels = "、".join(f"“{label}”" for label, _ in t2.evidence_2019[:3])
        span = t2.evidence_2019[0][1] if t2.evidence_2019 else t2.span
        yield Finding(
            span,
            f"{report.year}年度报告的表二使用了2019年格式的标签：{labels}",
            f"the {report.year} report's table 2 uses 2019-format labels: {labels}",
            "改用2021年格式：本年制发件数、本年废止件数、现行有效件数等",
            "use the 2021 labels (本年制发件数, 本年废止件数, 现行有效件数, …)",
        )
    if t3 and t3.version == 2019:
        span = t3.row_spans.get("3.6", t3.span)
        yield Finding(
            span,
            f"{report.year}年度报告的表三“（六）其他处理”只有一行（2019年格式）",
            f"the {report.year} report's table 3 has a single-row （六）其他处理 (2019 format)",
            "2021年格式分为1.逾期不补正、2.逾期未缴费、3.其他三行",
            "the 2021 format splits it into three rows",
        )


def _issues(report: Report, *kinds: TableIssue, damage: bool | None = None) -> Iterator[tuple[Table, TableProblem]]:
    """The table reader's facts of the given kinds (report defects, converter damage, or both)."""
    for t in report.tables.values():
        for p in t.problems:
            if p.kind in kinds and (damage is None or p.damage == damage):
                yield t, p


def _row(t: Table, row: str | None) -> str:
    return t.format.row_name(row) if row else f"表{_CN[t.number]}"


@rule(
    "GI303",
    "row-incomplete",
    "tables",
    "error",
    "表格缺行或缺格",
    "a table row or cell is missing",
    registry=RULES,
    applies=REPORT,
)
def row_incomplete(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    表格是否缺少格式规定的行，某行的数值是否少于或多于列数（按报告自己的表格：HTML、Word 中的单元格；
    抓取或转换造成的缺格由 GI308 报告）。Whether a table lacks a row of the format, or a row of the
    report's own table (HTML, Word cells) has fewer or more values than columns; cells a converter lost
    are GI308's.

    为什么 / Why
    格式（国办公开办函〔2021〕30号附件）规定了每一行、每一列，并要求报告内容“不能遗漏”；缺行缺格就无法
    核对勾稽关系。The 2021 format fixes every row and column and allows no omission; without them the
    identities cannot be checked.

    错误示例 / Bad
    表二第二十条第（一）项下没有“规章”行；表三某行只有 6 个数。

    正确示例 / Good
    每行 7 个数（自然人、五类法人或其他组织、总计），为 0 时填 0。
    """
    for t, p in _issues(report, TableIssue.MISSING_ROW, TableIssue.SHORT_ROW, TableIssue.EXTRA_VALUES, damage=False):
        name, n = _row(t, p.row), _CN[t.number]
        row = t.format.row(p.row) if p.row else None
        width = len(row.cols) if row is not None else 15
        if p.kind is TableIssue.MISSING_ROW:
            yield Finding(
                p.span,
                f"表{n}缺少“{name}”行",
                f"table {t.number} has no row “{name}”",
                "按格式保留该行，数值为 0 时填 0",
                "keep the row of the format; write 0 for zero",
            )
        elif p.kind is TableIssue.SHORT_ROW:
            yield Finding(
                p.span,
                f"表{n}“{name}”行应有 {width} 个数值，只有 {p.found} 个",
                f"table {t.number} row “{name}”: expected {width} values, found {p.found}",
                f"每列填一个数（共 {width} 个）",
                f"one number per column ({width})",
            )
        else:
            yield Finding(
                p.span,
                f"表{n}“{name}”行多出 {p.found} 个数值（{p.raw}）",
                f"table {t.number} row “{name}” has {p.found} extra values ({p.raw})",
                f"每行 {width} 个数值",
                f"{width} values per row",
            )


@rule(
    "GI304",
    "cell-multiple-values",
    "tables",
    "error",
    "一个单元格里有多个数值",
    "a cell holds several values",
    registry=RULES,
    applies=REPORT,
)
def cell_multiple_values(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    一个单元格里是否写了两个数，如“0 0”。Whether one cell holds two numbers, such as "0 0".

    为什么 / Why
    格式（国办公开办函〔2021〕30号附件）每格只有一个数；这样的格无法确定取值，也常意味着相邻格错位。
    The format (国办公开办函〔2021〕30号) has one number per cell; such a cell has no single value and usually
    means the cells around it shifted.

    错误示例 / Bad
    | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 0 |

    正确示例 / Good
    | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    """
    for t, p in _issues(report, TableIssue.SEVERAL_VALUES):
        yield Finding(
            p.span,
            f"表{_CN[t.number]}“{_row(t, p.row)}”一格中有多个数值“{p.raw}”",
            f"table {t.number} row “{_row(t, p.row)}”: one cell holds several numbers {p.raw!r}",
            "每格只填一个数",
            "one number per cell",
        )


@rule(
    "GI305",
    "row-lost-label",
    "tables",
    "warning",
    "一行数值没有行标签（转换损坏）",
    "a row of values lost its label (converter damage)",
    registry=RULES,
    applies=REPORT,
)
def row_lost_label(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    表中一行的数值之后紧跟着一整行没有标签的数值，而格式中下一行的标签恰好不见了（多为转换或抓取时丢失）。
    gilint 按位置把它们读作缺标签的那一行，并在此说明。A row's worth of values with no label after a
    row, where the next row of the format is missing: read as that row by position, and said so.

    为什么 / Why
    格式（国办公开办函〔2021〕30号附件）规定了行的顺序，按位置读取是唯一可能的读法；但标签丢失是转换
    损坏，需要对照原件确认。The format fixes the order of the rows, so position decides; the lost
    label is converter damage, to be checked against the original.

    错误示例 / Bad
    2.申请人逾期未按收费通知要求缴纳费用… | 0 … 0 | （下一行缺“3.其他”标签）0 | 0 | …

    正确示例 / Good
    每行都以官方行标签开头。
    """
    for t, p in _issues(report, TableIssue.LOST_LABEL):
        lost = _row(t, p.seen)
        yield Finding(
            p.span,
            f"“{_row(t, p.row)}”之后有 {p.found} 个数值没有行标签（{p.raw}），按位置应为"
            f"“{lost}”行：转换时丢失了标签，已按位置读取",
            f"{p.found} values after “{_row(t, p.row)}” have no row label ({p.raw}); by position "
            f"they are row “{lost}”: the converter lost its label",
            damage=True,
        )


def _broken_by_blank_zeros(t: Table, blanks: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The cells through an identity through one of ``blanks`` (the table's blank cells) that reading every
    blank as 0 breaks: a blank among them does not stand for a zero (a lost non-zero value is not a "blank
    zero"). Reading the blanks as 0 is the same for every blank, so each identity is judged once, and only one
    through a blank: a blank fits when it is in none that breaks."""

    value = {  # each placed cell's value with the blanks read as 0 (an absent or unplaced cell has none)
        (rid, cid): 0 if c.blank else c.value for rid, row in t.cells.items() for cid, c in row.items() if c.placed
    }
    broken: set[tuple[str, str]] = set()
    for check in t.checks:
        if blanks.isdisjoint(check.identity.left) and blanks.isdisjoint(check.identity.right):
            continue
        left = [value.get(r) for r in check.identity.left]
        right = [value.get(r) for r in check.identity.right]
        if None not in left + right and sum(left) != sum(right):  # type: ignore[arg-type]
            broken.update(check.identity.left, check.identity.right)
    return broken


@rule(
    "GI306",
    "blank-cell",
    "tables",
    "warning",
    "应填 0 的单元格为空或为“/”",
    "blank or '/' where 0 belongs",
    registry=RULES,
    applies=REPORT,
)
def blank_cell(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    表三、表四中应为 0 的单元格是否空白或填“/”“—”（读作 0 时勾稽关系仍成立的空格；读作 0 会破坏勾稽关系
    的空格不是“空着的 0”，不在此报告）。Whether cells of tables 3 and 4 that stand for a zero are
    blank or hold "/" or "—" (a blank that cannot be a zero without breaking an identity is not one).

    为什么 / Why
    格式表格（国办公开办函〔2021〕30号附件）每格都是数字；空白格无法区分“0”与“漏填”，表三表头写明的
    勾稽关系也无法核对，评估中常被指出。A blank cannot be told from a forgotten value, and the identities the
    format (国办公开办函〔2021〕30号) prints cannot be checked.

    错误示例 / Bad
    | （一）予以公开 | 12 |  |  | / |  |  | 12 |

    正确示例 / Good
    | （一）予以公开 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |
    """
    for n in (3, 4):
        t = report.tables.get(n)
        if t is None:
            continue
        found = [  # a blank has no value: most cells are passed by the first test
            ((rid, cid), c) for rid, row in t.cells.items() for cid, c in row.items() if c.value is None and c.blank
        ]
        broken = _broken_by_blank_zeros(t, {ref for ref, _ in found}) if found else set()
        blanks = [c for ref, c in found if ref not in broken]
        if blanks:
            yield Finding(
                blanks[0].span,
                f"表{_CN[n]}有 {len(blanks)} 个单元格空白或为“/”“—”",
                f"table {n} has {len(blanks)} blank or '/' cells",
                "数值为零时应填 0",
                "write 0 for zero",
            )


@rule(
    "GI307",
    "invalid-count",
    "tables",
    "error",
    "件数为负数或小数",
    "a negative or fractional count",
    registry=RULES,
    applies=REPORT,
)
def invalid_count(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    表三、表四和表二的件数是否为非负整数（表二“本年收费金额（单位：万元）”“采购总金额”可为小数，2019年
    格式的“本年增/减”可为负数）。Whether counts are non-negative integers (table 2's amounts may be
    decimals and the 2019 format's 本年增/减 may be negative).

    为什么 / Why
    格式（国办公开办函〔2021〕30号附件）表三、表四统计申请和案件的件数，表二统计文件件数和处理决定数量，
    都只能是非负整数；出现负数或小数说明填错或错位。The format's tables count requests, cases, documents and
    decisions: a count is a non-negative integer.

    错误示例 / Bad
    | （一）予以公开 | -2 | … |

    正确示例 / Good
    | （一）予以公开 | 2 | … |
    """
    for n, t in sorted(report.tables.items()):
        for rid, cells in t.cells.items():
            for cid, cell in cells.items():
                v = cell.value
                if v is None or (type(v) is int and v >= 0):  # most cells: nothing to say (whether placed or not)
                    continue
                if not cell.placed or (n == 2 and (rid, cid) in NOT_COUNTS and (cid != "change" or isinstance(v, int))):
                    continue
                if v < 0 or isinstance(v, float):
                    col = t.format.col(cid).name
                    yield Finding(
                        cell.span,
                        f"表{_CN[n]}“{_row(t, rid)}”“{col}”为 {cell.raw}，件数应为非负整数",
                        f"table {n} {rid} / {cid} is {cell.raw}: counts are non-negative integers",
                    )


_UNPLACED_ZH = {
    "ambiguous": "连在一起，可以拆成多种读法，无法唯一确定",
    "no-reading": "不够填满各格（抓取时可能丢了空格或数字）",
    "no-values": "与标签分离，行标签后面没有数值",
    "too-many": "连在一起，拆法过多，无法确定",
}
_UNPLACED_EN = {
    "ambiguous": "run together and split several ways",
    "no-reading": "too few to fill the cells",
    "no-values": "separated from the label: none follows it",
    "too-many": "run together with too many splits",
}


@rule(
    "GI308",
    "cells-unreadable",
    "tables",
    "warning",
    "表格数值无法读取（转换损坏）",
    "table values could not be read (converter damage)",
    registry=RULES,
    applies=REPORT,
)
def cells_unreadable(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    抓取或转换损坏了表格，某行数值无法确定：单元格之间的分隔丢失，数字连成一串且有多种拆法（如
    “5615”填 3 格），数字不够填满各格，数值与行标签分离，或行标签在转换中被拆散。Rows whose values a
    scraper or converter damaged so that no single reading places them: digits run together that split
    several ways, too few digits for the cells, values separated from their label, a label broken up.

    为什么 / Why
    格式（国办公开办函〔2021〕30号附件）规定了每行的格数和次序，连写的数字只能按它分配到各格；有几种分法
    时无法确定，这是转换工具造成的损坏，不是报告本身的错误。这些格无法核对，涉及它们的勾稽关系不作判断，需要对照
    原文。The format fixes each row's cells; digits that split several ways are the converter's damage, not the
    report's defect, and no identity through them is judged.

    错误示例 / Bad
    行政规范性文件5615（制发、废止、现行有效三格连写：5、6、15？5、61、5？56、1、5？）

    正确示例 / Good
    行政规范性文件 | 5 | 6 | 15
    """
    for t, p in _issues(
        report, TableIssue.UNPLACED, TableIssue.MISSING_ROW, TableIssue.SHORT_ROW, TableIssue.EXTRA_VALUES, damage=True
    ):
        name, n = _row(t, p.row), _CN[t.number]
        if p.kind is TableIssue.UNPLACED:
            zh = f"表{n}“{name}”的数值「{p.raw}」{_UNPLACED_ZH.get(p.how, '无法读取')}"
            en = f"table {t.number} row “{name}”: values {p.raw!r} {_UNPLACED_EN.get(p.how, 'unreadable')}"
        elif p.kind is TableIssue.MISSING_ROW:
            zh = f"表{n}未找到“{name}”行：表格在转换中损坏，标签可能被拆散"
            en = f"table {t.number}: row “{name}” not found in a table the converter damaged"
        else:
            zh = f"表{n}“{name}”行的数值个数不对（{p.raw}）：抓取或转换所致"
            en = f"table {t.number} row “{name}”: the wrong number of values ({p.raw}), left by the converter"
        yield Finding(p.span, zh, en, "请对照原件核对该行", "check the row against the original", damage=True)


@rule(
    "GI309",
    "cells-split",
    "tables",
    "info",
    "连写的数值已拆分读取（转换损坏）",
    "run-together values were split (converter damage)",
    registry=RULES,
    applies=REPORT,
)
def cells_split(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    抓取时连在一起的数字串（如“5000005”“801000081”），按位数（数字个数等于格数）、唯一的拆法（不含前导
    零）或勾稽关系只有一种读法，gilint 已按该读法读取，并在此说明。Digits a scraper ran together that
    read one way only: as many digits as cells, the only split without leading zeros, or the only split
    the identities allow.

    为什么 / Why
    格式（国办公开办函〔2021〕30号附件）规定了每行的格数和次序，连写的数字按它只有一种分法时才这样读取；
    让读者知道这些格是拆分得到的（转换损坏，不是报告的错误）。按勾稽关系推算的格满足用来拆分的等式，因此这些等式
    不再能检验它们。The format fixes each row's cells, so a run that splits one way only is read so; cells split
    by an identity satisfy it, so it tests them no more.

    错误示例 / Bad
    一、本年新收政府信息公开申请数量801000081

    正确示例 / Good
    一、本年新收政府信息公开申请数量 | 80 | 1 | 0 | 0 | 0 | 0 | 81
    """
    for t in report.tables.values():
        split = [p for p in t.problems if p.kind is TableIssue.RUN_TOGETHER]
        if split:
            inferred = sum(p.how == "inferred" for p in split)
            yield Finding(
                split[0].span,
                f"表{_CN[t.number]}有 {len(split)} 行数值连在一起（转换损坏），已按位数"
                + (f"或勾稽关系拆分（其中 {inferred} 行按勾稽关系）" if inferred else "拆分"),
                f"table {t.number}: {len(split)} rows had values run together (converter damage), "
                f"split by their digits" + (f" or the identities ({inferred} rows)" if inferred else ""),
                damage=True,
            )


def _fmt(v: float | None) -> str:
    return "?" if v is None else str(int(v)) if float(v).is_integer() else str(v)


def _failures(report: Report, family_id: str) -> Iterator[tuple[Table, Check, str, str]]:
    """Failed checks of an identity family, with a note when run-together digits were split to read them."""
    for t in report.tables.values():
        for check in t.checks:
            if check.identity.family == family_id and check.status == "fails":
                cells = [t.cell(*r) for r in check.identity.members]
                if any(c is not None and c.doubtful for c in cells):
                    continue  # through a cell OCR read unsurely: GI024's (maybe a misreading)
                split = any(c is not None and c.how not in ("cell", "separated") for c in cells)
                yield (
                    t,
                    check,
                    "（数值连写，已按唯一读法拆分）" if split else "",
                    (" (values run together, split the only way they read)" if split else ""),
                )


def _v(t: Table, row: str, col: str) -> int | float | None:
    return t.value(row, col)


@rule(
    "GI310",
    "t3-a",
    "tables",
    "error",
    "表三：一＋二 ≠ 三（七）总计＋四",
    "table 3: 一 + 二 ≠ （七） + 四",
    registry=RULES,
    applies=REPORT,
)
def t3_a(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    表三每一列：一、本年新收 ＋ 二、上年结转 ＝ 三、（七）总计 ＋ 四、结转下年度继续办理（表头注明的
    勾稽关系）。For each column of table 3: new + carried over = total handled + carried forward.

    为什么 / Why
    格式（国办公开办函〔2021〕30号附件表三）在表头写明“第一项加第二项之和，等于第三项加第四项之和”。
    The format prints this identity in the table's head.

    错误示例 / Bad
    总计列：新收 15，上年结转 2，（七）总计 14，结转下年度 1（15＋2 ≠ 14＋1）

    正确示例 / Good
    新收 15，上年结转 2，（七）总计 16，结转下年度 1
    """
    for t, check, note_zh, note_en in _failures(report, "T3-A"):
        col = check.identity.over
        a, b, c, d = (_v(t, r, col) for r in ("1", "2", "3.7", "4"))
        label = t.format.col(col).name
        yield Finding(
            t.cell("3.7", col).span,  # type: ignore[union-attr]
            f"表三“{label}”列：一（{_fmt(a)}）＋二（{_fmt(b)}）＝{_fmt(check.left)}，"
            f"但（七）总计（{_fmt(c)}）＋四（{_fmt(d)}）＝{_fmt(check.right)}{note_zh}",
            f"table 3 column {col}: 一 ({_fmt(a)}) + 二 ({_fmt(b)}) = {_fmt(check.left)} but "
            f"（七） ({_fmt(c)}) + 四 ({_fmt(d)}) = {_fmt(check.right)}{note_en}",
            f"第一项加第二项之和应等于第三项加第四项之和（{_fmt(check.left)}）",
            f"expected 一 + 二 = （七） + 四 ({_fmt(check.left)})",
        )


@rule(
    "GI311",
    "t3-b",
    "tables",
    "error",
    "表三：（七）总计 ≠ 各办理结果之和",
    "table 3: （七） ≠ sum of outcomes",
    registry=RULES,
    applies=REPORT,
)
def t3_b(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    表三每一列：（七）总计 ＝（一）＋（二）＋（三）1–8 ＋（四）1–3 ＋（五）1–5 ＋（六）1–3（2019年格式为
    （六）一行）。For each column: the total handled equals the sum of all outcome rows.

    为什么 / Why
    格式表三（国办公开办函〔2021〕30号附件）“（二）部分公开”注明“区分处理的，只计这一情形，不计其他情形”
    （区分处理见条例第三十七条），每件申请只计一次，所以各结果之和就是（七）总计。The format counts each request
    once (its note on 部分公开), so the outcomes add up to the total.

    错误示例 / Bad
    予以公开 9，不予公开 3，无法提供 1，（七）总计 12

    正确示例 / Good
    （七）总计 13
    """
    for t, check, note_zh, note_en in _failures(report, "T3-B"):
        col = check.identity.over
        total = t.cell("3.7", col)
        parts = [(r, _v(t, r, c)) for r, c in check.identity.right]
        nonzero = "＋".join(f"{t.format.row_name(r)}（{_fmt(v)}）" for r, v in parts if v)
        label = t.format.col(col).name
        yield Finding(
            total.span,  # type: ignore[union-attr]
            f"表三“{label}”列：（七）总计为 {_fmt(check.left)}，各办理结果之和为 {_fmt(check.right)}"
            + (f"（{nonzero}）" if nonzero else "")
            + note_zh,
            f"table 3 column {col}: （七） is {_fmt(check.left)} but the outcomes add up to "
            f"{_fmt(check.right)}{note_en}",
            f"应为 {_fmt(check.right)}",
            f"expected {_fmt(check.right)}",
        )


@rule(
    "GI312",
    "t3-c",
    "tables",
    "error",
    "表三：总计 ≠ 各类申请人之和",
    "table 3: 总计 ≠ sum of applicants",
    registry=RULES,
    applies=REPORT,
)
def t3_c(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    表三每一行：总计 ＝ 自然人 ＋ 商业企业 ＋ 科研机构 ＋ 社会公益组织 ＋ 法律服务机构 ＋ 其他。For each
    row: 总计 equals the sum of the six applicant columns.

    为什么 / Why
    格式表三（国办公开办函〔2021〕30号附件）按申请人情况分为自然人和五类法人或其他组织，“总计”列就是
    各类申请人之和。The format's total column is the sum of its applicant columns.

    错误示例 / Bad
    | 一、本年新收政府信息公开申请数量 | 13 | 1 | 0 | 0 | 0 | 0 | 13 |

    正确示例 / Good
    | 一、本年新收政府信息公开申请数量 | 13 | 1 | 0 | 0 | 0 | 0 | 14 |
    """
    for t, check, note_zh, note_en in _failures(report, "T3-C"):
        row = check.identity.over
        name = t.format.row_name(row)
        yield Finding(
            t.cell(row, "total").span,  # type: ignore[union-attr]
            f"表三“{name}”行：总计为 {_fmt(check.left)}，各类申请人之和为 {_fmt(check.right)}{note_zh}",
            f"table 3 row “{name}”: 总计 is {_fmt(check.left)} but the applicants add up to "
            f"{_fmt(check.right)}{note_en}",
            f"应为 {_fmt(check.right)}",
            f"expected {_fmt(check.right)}",
        )


@rule(
    "GI313",
    "t4-a",
    "tables",
    "error",
    "表四：总计 ≠ 维持＋纠正＋其他＋尚未审结",
    "table 4: 总计 ≠ sum of results",
    registry=RULES,
    applies=REPORT,
)
def t4_a(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    表四的行政复议、未经复议直接起诉、复议后起诉三组，每组：总计 ＝ 结果维持 ＋ 结果纠正 ＋ 其他结果 ＋
    尚未审结。For each of the three groups of table 4: 总计 equals the sum of the four results.

    为什么 / Why
    格式表四（国办公开办函〔2021〕30号附件）每组列出结果维持、结果纠正、其他结果、尚未审结和总计；每件
    案件恰有一种结果或尚未审结，所以总计是四项之和。In the format's table 4 each case has exactly one result or is
    pending.

    错误示例 / Bad
    行政复议：维持 1，纠正 1，其他 0，尚未审结 0，总计 3

    正确示例 / Good
    总计 2
    """
    for t, check, note_zh, note_en in _failures(report, "T4-A"):
        group = check.identity.over
        parts = "＋".join(_fmt(_v(t, r, c)) for r, c in check.identity.right)
        name = t.format.row_name(group)
        yield Finding(
            t.cell(group, "total").span,  # type: ignore[union-attr]
            f"表四“{name}”：总计为 {_fmt(check.left)}，维持＋纠正＋其他＋尚未审结＝{parts}＝"
            f"{_fmt(check.right)}{note_zh}",
            f"table 4 {name}: 总计 is {_fmt(check.left)} but the results add up to {parts} = "
            f"{_fmt(check.right)}{note_en}",
            f"应为 {_fmt(check.right)}",
            f"expected {_fmt(check.right)}",
        )


@rule(
    "GI314",
    "no-consistent-split",
    "tables",
    "warning",
    "连写的数值无论怎样拆分都不满足勾稽关系",
    "run-together values break an identity however they split",
    registry=RULES,
    applies=REPORT,
)
def no_consistent_split(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    抓取时连在一起的一串数字（如表四“00202000001324015”填 15 格）可以拆成几种读法，但每一种都使本行的
    勾稽关系（表三“总计＝各类申请人之和”、表四各组“总计＝各结果之和”）不成立。Digits run together that
    split several ways, every way breaking the row's identity.

    为什么 / Why
    数字本身都在，只是分隔丢了：无论按格式（国办公开办函〔2021〕30号附件）的格数怎样拆分，报告自己的数
    都对不上本行的勾稽关系，所以这不是转换损坏能解释的；但哪一格错了无法确定，故为警告，请对照原表核对。The digits
    are all there, only the separators are lost, so under every split into the format's cells the report's own
    numbers disagree; which cell is wrong cannot be told.

    错误示例 / Bad
    复议后起诉 1324015（13、2、4、0、15？13＋2＋4＋0 ≠ 15）

    正确示例 / Good
    复议后起诉 | 9 | 2 | 4 | 0 | 15
    """
    for t, p in _issues(report, TableIssue.NO_FIT):
        fam = family(p.identity)
        where = f"表{_CN[t.number]}“{_row(t, p.row)}”" if p.row else f"表{_CN[t.number]}"
        yield Finding(
            p.span,
            f"{where}的数值连写为「{p.raw}」，无论怎样拆分，“{fam.zh}”都不成立",
            f"table {t.number} row “{_row(t, p.row)}”: the run-together "
            f"values {p.raw!r} break “{fam.en}” however they split",
            "请对照原表核对该行",
            "check the row against the original table",
        )
