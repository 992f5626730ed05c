"""Table rules: tables 2, 3 and 4 present, in the right format version, complete, and adding up."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from gilint_rules._util import is_report, start_span

from gilint import formats as F
from gilint.model import Cell, Finding, Problem, Report, Table
from gilint.rule import Rule, rule

RULES: list[Rule] = []
_CN = {2: "二", 3: "三", 4: "四"}
_NAMES = {2: "主动公开政府信息情况", 3: "收到和处理政府信息公开申请情况", 4: "政府信息公开行政复议、行政诉讼情况"}


@rule("GI301", "table-missing", "tables", "error", "缺少统计表", "a statistics table is missing",
      registry=RULES)
def table_missing(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    表二（主动公开）、表三（依申请公开）、表四（行政复议、行政诉讼）是否都在，按官方行、列标签识别。
    Whether tables 2, 3 and 4 are present, recognised by their official labels.

    为什么 / Why
    三张表是年报格式的核心，缺表即“擅自删减报告事项”。The three tables are the core of the format.

    错误示例 / Bad
    第四部分只写“本年度未发生行政复议、行政诉讼”，没有表四。

    正确示例 / Good
    第四部分保留完整的表四，数字为 0 时填 0。
    """
    if not is_report(report):
        return
    for n in (2, 3, 4):
        if n not in report.tables:
            section = report.section(n)
            span = section.span if section else start_span(report)
            yield Finding(span, f"未找到表{_CN[n]}（{_NAMES[n]}）", f"table {n} ({_NAMES[n]}) not found",
                          "按格式保留该表，并使用官方行列标签", "keep the table with its official labels")


@rule("GI302", "obsolete-format", "tables", "error", "2021年以后的报告使用了2019年格式的表格",
      "a 2021+ report uses the 2019 table format", registry=RULES)
def obsolete_format(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
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
    year = int(options["format-version"]) if options.get("format-version") else report.year
    if not is_report(report) or year is None or year < 2021:
        return
    t2, t3 = report.tables.get(2), report.tables.get(3)
    if t2 and t2.version == 2019:
        labels = "、".join(f"“{label}”" for label, _ in t2.evidence_2019[:3])
        span = t2.evidence_2019[0][1] if t2.evidence_2019 else t2.span
        yield Finding(span, f"{report.year}年度报告的表二使用了2019年格式的标签：{labels}",
                      f"the {report.year} report's table 2 uses 2019-format labels: {labels}",
                      "改用2021年格式：本年制发件数、本年废止件数、现行有效件数等",
                      "use the 2021 labels (本年制发件数, 本年废止件数, 现行有效件数, …)")
    if t3 and t3.version == 2019:
        span = t3.row_spans.get("（六）", t3.span)
        yield Finding(span, f"{report.year}年度报告的表三“（六）其他处理”只有一行（2019年格式）",
                      f"the {report.year} report's table 3 has a single-row （六）其他处理 (2019 format)",
                      "2021年格式分为1.逾期不补正、2.逾期未缴费、3.其他三行",
                      "the 2021 format splits it into three rows")


def _problems(report: Report, *kinds: str, damage: bool | None = None) -> Iterator[tuple[Table, Problem]]:
    """Problems of the given kinds; a scrambled table yields only its "scrambled" problem."""
    for t in report.tables.values():
        for p in t.problems:
            if p.kind in kinds and (damage is None or p.damage == damage) \
                    and (not t.scrambled or p.kind == "scrambled"):
                yield t, p


def _checked(report: Report, number: int) -> Table | None:
    """Table ``number`` when its cells can be trusted for checks (present and not scrambled)."""
    t = report.tables.get(number)
    return t if t is not None and not t.scrambled and is_report(report) else None


@rule("GI303", "row-incomplete", "tables", "error", "表格缺行或缺格", "a table row or cell is missing",
      registry=RULES)
def row_incomplete(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    表格是否缺少规定的行，某行的数值是否少于或多于列数。Whether a table lacks a row of the format,
    or a row has fewer or more values than columns.

    为什么 / Why
    格式规定了每一行、每一列；缺行缺格就无法核对勾稽关系。The format fixes every row and column.

    错误示例 / Bad
    表二第二十条第（一）项下没有“规章”行；表三某行只有 6 个数。

    正确示例 / Good
    每行 7 个数（自然人、五类法人或其他组织、总计），为 0 时填 0。
    """
    if not is_report(report):
        return
    for _, p in _problems(report, "missing-row", "short-row", "extra-values", damage=False):
        yield Finding(p.span, p.message_zh, p.message_en)


@rule("GI304", "cell-multiple-values", "tables", "error", "一个单元格里有多个数值",
      "a cell holds several values", registry=RULES)
def cell_multiple_values(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    一个单元格里是否写了两个数，如“0 0”。Whether one cell holds two numbers, such as "0 0".

    为什么 / Why
    这样的格无法确定取值，也常意味着相邻格错位。Such a cell has no single value and usually means
    the cells around it shifted.

    错误示例 / Bad
    | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 0 |

    正确示例 / Good
    | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    """
    if not is_report(report):
        return
    for _, p in _problems(report, "two-values"):
        yield Finding(p.span, p.message_zh, p.message_en, "每格只填一个数", "one number per cell")


@rule("GI305", "row-lost-label", "tables", "warning", "一行数值没有行标签",
      "a row of values lost its label", registry=RULES)
def row_lost_label(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    表中是否有一串数值前面没有行标签（多为转换或抓取时丢失）。Whether a run of values has no row label,
    usually lost by the tool that converted the report.

    为什么 / Why
    无标签的数不能归位，依赖它的勾稽关系也无法核对；gilint 不会猜测它属于哪一行。Values without a
    label cannot be placed, and gilint does not guess.

    错误示例 / Bad
    2.申请人逾期未按收费通知要求缴纳费用… | 0 … 0 | （下一行缺“3.其他”标签）0 | 0 | …

    正确示例 / Good
    每行都以官方行标签开头。
    """
    if not is_report(report):
        return
    for _, p in _problems(report, "lost-label"):
        yield Finding(p.span, p.message_zh, p.message_en, damage=p.damage)


@rule("GI306", "blank-cell", "tables", "warning", "应填 0 的单元格为空或为“/”",
      "blank or '/' where 0 belongs", registry=RULES)
def blank_cell(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    表三、表四中应为数字的单元格是否空白或填“/”“—”。Whether cells of tables 3 and 4 are blank or
    hold "/" or "—" instead of a number.

    为什么 / Why
    空白格无法区分“0”与“漏填”，勾稽关系也无法核对；评估中常被指出。A blank cannot be told from a
    forgotten value, and the identities cannot be checked.

    错误示例 / Bad
    | （一）予以公开 | 12 |  |  | / |  |  | 12 |

    正确示例 / Good
    | （一）予以公开 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |
    """
    if not is_report(report):
        return
    for n in (3, 4):
        t = _checked(report, n)
        if not t:
            continue
        blanks = [c for row in t.cells.values() for c in row.values() if c.value is None
                  and c.raw.strip() in ("", "/", "／", "-", "—", "－", "——", "–", "\\")]
        if blanks:
            yield Finding(blanks[0].span, f"表{_CN[n]}有 {len(blanks)} 个单元格空白或为“/”“—”",
                          f"table {n} has {len(blanks)} blank or '/' cells",
                          "数值为零时应填 0", "write 0 for zero")


@rule("GI307", "invalid-count", "tables", "error", "件数为负数或小数", "a negative or fractional count",
      registry=RULES)
def invalid_count(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    表三、表四和表二的件数是否为非负整数（表二“本年收费金额（单位：万元）”可为小数，2019年格式的
    “本年增/减”可为负数）。Whether counts are non-negative integers.

    为什么 / Why
    件数只能是非负整数；出现负数或小数说明填错或错位。A count is a non-negative integer.

    错误示例 / Bad
    | （一）予以公开 | -2 | … |

    正确示例 / Good
    | （一）予以公开 | 2 | … |
    """
    if not is_report(report):
        return
    for n, t in sorted(report.tables.items()):
        if t.scrambled:
            continue
        for row, cells in t.cells.items():
            for col, cell in cells.items():
                v = cell.value
                if v is None or (n == 2 and (col.startswith("本年收费金额") or col == "采购总金额"
                                              or (col == "本年增/减" and isinstance(v, int)))):
                    continue
                if v < 0 or isinstance(v, float):
                    yield Finding(cell.span, f"表{_CN[n]}“{row}”“{col}”为 {cell.raw}，件数应为非负整数",
                                  f"table {n} {row} / {col} is {cell.raw}: counts are non-negative integers")


@rule("GI308", "cells-run-together", "tables", "warning", "数值连在一起，无法拆分（转换损坏）",
      "values run together and cannot be split (converter damage)", registry=RULES)
def cells_run_together(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    抓取或转换时单元格之间的分隔丢失，数字连成一串（如“77132470”），且无法唯一拆分；或一行数值因此
    不足。Cells whose separators a scraper lost, so their digits run together and cannot be split
    uniquely, or a row comes up short for that reason.

    为什么 / Why
    这是转换工具造成的损坏，不是报告本身的错误；但这些格无法核对，需要对照原文。行与数值大量对不上
    （3 处以上）的表格视为被转换打乱，不再核对其勾稽关系和缺行。This is damage done by the converter,
    not a defect of the report, but those cells cannot be checked. A table where three or more rows
    do not fit is taken as scrambled by the converter, and neither its identities nor its rows are
    checked.

    错误示例 / Bad
    行政规范性文件77132470（制发、废止、现行有效三格连写）

    正确示例 / Good
    行政规范性文件 | 77 | 13 | 2470
    """
    if not is_report(report):
        return
    for _, p in _problems(report, "run-together-ambiguous", "short-row", "extra-values", "scrambled",
                          damage=True):
        yield Finding(p.span, p.message_zh, p.message_en, damage=True)


@rule("GI309", "cells-split", "tables", "info", "连写的数值已按勾稽关系拆分（转换损坏）",
      "run-together values were split by the identities (converter damage)", registry=RULES)
def cells_split(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    抓取时连在一起的数字串（如“801000081”），在表三行、列或表四组的勾稽关系下只有一种拆法，gilint
    已按该拆法读取，并在此说明。Digits a scraper ran together that the identities split one way only.

    为什么 / Why
    让读者知道这些格是推算的：它们满足用来拆分的等式，因此这些等式不再能检验它们。Inferred cells
    satisfy the identities used to split them, so those identities no longer test them.

    错误示例 / Bad
    一、本年新收政府信息公开申请数量801000081

    正确示例 / Good
    一、本年新收政府信息公开申请数量 | 80 | 1 | 0 | 0 | 0 | 0 | 81
    """
    if not is_report(report):
        return
    for t in report.tables.values():
        split = [p for p in t.problems if p.kind == "run-together"]
        if split:
            yield Finding(split[0].span, f"表{_CN[t.number]}有 {len(split)} 行数值连在一起（转换损坏），"
                          "已按勾稽关系唯一拆分；这些格未再用同一等式检验",
                          f"table {t.number}: {len(split)} rows had values run together (converter "
                          "damage), split uniquely by the identities", damage=True)


def _known(cells: list[Cell | None]) -> list[Cell] | None:
    """The cells when all are present with a number, else None."""
    if any(c is None or c.value is None for c in cells):
        return None
    return [c for c in cells if c is not None]


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def _column(t: Table, rows: list[str], col: str) -> list[Cell | None]:
    return [t.cell(r, col) for r in rows]


@rule("GI310", "t3-a", "tables", "error", "表三：一＋二 ≠ 三（七）总计＋四", "table 3: 一 + 二 ≠ （七） + 四",
      registry=RULES)
def t3_a(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    表三每一列：一、本年新收 ＋ 二、上年结转 ＝ 三、（七）总计 ＋ 四、结转下年度继续办理（表头注明的
    勾稽关系）。For each column of table 3: new + carried over = total handled + carried forward.

    为什么 / Why
    格式在表头写明“第一项加第二项之和，等于第三项加第四项之和”。The format prints this identity.

    错误示例 / Bad
    总计列：新收 15，上年结转 2，（七）总计 14，结转下年度 1（15＋2 ≠ 14＋1）

    正确示例 / Good
    新收 15，上年结转 2，（七）总计 16，结转下年度 1
    """
    t = _checked(report, 3)
    if t is None or t.split_by_columns:
        return
    for col in F.T3_COLS:
        cells = _known(_column(t, ["一", "二", "（七）", "四"], col))
        if not cells:
            continue
        a, b, c, d = (x.value for x in cells)
        if a + b != c + d:  # type: ignore[operator]
            label = F.T3_COL_LABELS[col]
            yield Finding(cells[2].span,
                          f"表三“{label}”列：一（{_fmt(a)}）＋二（{_fmt(b)}）＝{_fmt(a + b)}，"  # type: ignore[operator]
                          f"但（七）总计（{_fmt(c)}）＋四（{_fmt(d)}）＝{_fmt(c + d)}",  # type: ignore[operator]
                          f"table 3 column {col}: 一 ({_fmt(a)}) + 二 ({_fmt(b)}) = {_fmt(a + b)} but "  # type: ignore[operator]
                          f"（七） ({_fmt(c)}) + 四 ({_fmt(d)}) = {_fmt(c + d)}",  # type: ignore[operator]
                          f"第一项加第二项之和应等于第三项加第四项之和（{_fmt(a + b)}）",  # type: ignore[operator]
                          f"expected 一 + 二 = （七） + 四 ({_fmt(a + b)})")  # type: ignore[operator]


@rule("GI311", "t3-b", "tables", "error", "表三：（七）总计 ≠ 各办理结果之和",
      "table 3: （七） ≠ sum of outcomes", registry=RULES)
def t3_b(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    表三每一列：（七）总计 ＝（一）＋（二）＋（三）1–8 ＋（四）1–3 ＋（五）1–5 ＋（六）1–3。For each
    column: the total handled equals the sum of all outcome rows.

    为什么 / Why
    “部分公开”注明“只计这一情形，不计其他情形”，每件申请只计一次，所以各结果之和就是总计。Each
    request is counted once, so the outcomes add up to the total.

    错误示例 / Bad
    予以公开 9，不予公开 3，无法提供 1，（七）总计 12

    正确示例 / Good
    （七）总计 13
    """
    t = _checked(report, 3)
    if t is None or t.split_by_columns:
        return
    rows = F.T3_OUTCOMES[t.version or 2021]
    for col in F.T3_COLS:
        parts = _known(_column(t, rows, col))
        total = t.cell("（七）", col)
        if not parts or total is None or total.value is None:
            continue
        s = sum(c.value for c in parts)  # type: ignore[misc]
        if s != total.value:
            nonzero = "＋".join(f"{k}（{_fmt(c.value)}）" for k, c in zip(rows, parts, strict=True)  # type: ignore[arg-type]
                               if c.value)
            label = F.T3_COL_LABELS[col]
            yield Finding(total.span, f"表三“{label}”列：（七）总计为 {_fmt(total.value)}，"
                          f"各办理结果之和为 {_fmt(s)}" + (f"（{nonzero}）" if nonzero else ""),
                          f"table 3 column {col}: （七） is {_fmt(total.value)} but the outcomes add up to "
                          f"{_fmt(s)}", f"应为 {_fmt(s)}", f"expected {_fmt(s)}")


@rule("GI312", "t3-c", "tables", "error", "表三：总计 ≠ 各类申请人之和", "table 3: 总计 ≠ sum of applicants",
      registry=RULES)
def t3_c(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    表三每一行：总计 ＝ 自然人 ＋ 商业企业 ＋ 科研机构 ＋ 社会公益组织 ＋ 法律服务机构 ＋ 其他。For each
    row: 总计 equals the sum of the six applicant columns.

    为什么 / Why
    总计列就是各类申请人之和。The total column is the sum of the applicant columns.

    错误示例 / Bad
    | 一、本年新收政府信息公开申请数量 | 13 | 1 | 0 | 0 | 0 | 0 | 13 |

    正确示例 / Good
    | 一、本年新收政府信息公开申请数量 | 13 | 1 | 0 | 0 | 0 | 0 | 14 |
    """
    t = _checked(report, 3)
    if t is None:
        return
    specs = F.T3_ROWS_2021 if t.version == 2021 else F.T3_ROWS_2019
    for spec in specs:
        cells = _known([t.cell(spec.key, c) for c in F.T3_COLS])
        if not cells or any(c.inferred for c in cells):
            continue
        s = sum(c.value for c in cells[:6])  # type: ignore[misc]
        if s != cells[6].value:
            name = spec.label.split("/")[-1]
            yield Finding(cells[6].span, f"表三“{name}”行：总计为 {_fmt(cells[6].value)}，"  # type: ignore[arg-type]
                          f"各类申请人之和为 {_fmt(s)}",
                          f"table 3 row {spec.key}: 总计 is {_fmt(cells[6].value)} but the applicants "  # type: ignore[arg-type]
                          f"add up to {_fmt(s)}", f"应为 {_fmt(s)}", f"expected {_fmt(s)}")


@rule("GI313", "t4-a", "tables", "error", "表四：总计 ≠ 维持＋纠正＋其他＋尚未审结",
      "table 4: 总计 ≠ sum of results", registry=RULES)
def t4_a(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    表四的行政复议、未经复议直接起诉、复议后起诉三组，每组：总计 ＝ 结果维持 ＋ 结果纠正 ＋ 其他结果 ＋
    尚未审结。For each of the three groups of table 4: 总计 equals the sum of the four results.

    为什么 / Why
    每件案件恰有一种结果或尚未审结。Each case has exactly one result or is pending.

    错误示例 / Bad
    行政复议：维持 1，纠正 1，其他 0，尚未审结 0，总计 3

    正确示例 / Good
    总计 2
    """
    t = _checked(report, 4)
    if t is None:
        return
    for group in F.T4_GROUPS:
        cells = _known([t.cell("表四", f"{group}/{p}") for p in F.T4_PARTS])
        if not cells or any(c.inferred for c in cells):
            continue
        s = sum(c.value for c in cells[:4])  # type: ignore[misc]
        if s != cells[4].value:
            parts = "＋".join(_fmt(c.value) for c in cells[:4])  # type: ignore[arg-type]
            yield Finding(cells[4].span, f"表四“{group}”：总计为 {_fmt(cells[4].value)}，"  # type: ignore[arg-type]
                          f"维持＋纠正＋其他＋尚未审结＝{parts}＝{_fmt(s)}",
                          f"table 4 {group}: 总计 is {_fmt(cells[4].value)} but the results add up to "  # type: ignore[arg-type]
                          f"{parts} = {_fmt(s)}", f"应为 {_fmt(s)}", f"expected {_fmt(s)}")
