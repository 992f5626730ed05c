"""Small 2021-format reports in plain text for rule tests: a correct report by default (``make_report``),
any part replaced to plant one defect, or a snippet put at one place of it (``place``). The agency
(青禾县自然资源局) and the numbers are fictional; the numbers satisfy every identity."""

from __future__ import annotations

from gilint import formats as F
from gilint.formats.tables import table_format

T3_DEFAULT: dict[str, list[object] | None] = {
    "1": [10, 2, 0, 0, 1, 0, 13],
    "2": [1, 0, 0, 0, 0, 0, 1],
    "3.1": [5, 1, 0, 0, 0, 0, 6],
    "3.2": [2, 0, 0, 0, 1, 0, 3],
    "3.3.4": [1, 0, 0, 0, 0, 0, 1],
    "3.4.1": [2, 0, 0, 0, 0, 0, 2],
    "3.6.2": [0, 0, 0, 0, 0, 0, 0],
    "3.7": [10, 1, 0, 0, 1, 0, 12],
    "4": [1, 1, 0, 0, 0, 0, 2],
}
T4_DEFAULT: list[object] = [1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]
T2_DEFAULT: dict[str, list[object]] = {
    "rules": [0, 0, 0],
    "normative": [2, 1, 9],
    "licensing": [40],
    "penalty": [7],
    "coercion": [0],
    "fees": [1.25],
}


def t3_rows(values: dict[str, list[object] | None] | None = None) -> dict[str, list[object] | None]:
    """Table 3's rows: the defaults with ``values`` replacing some; a row given None is left out."""
    rows: dict[str, list[object] | None] = {r.id: [0] * 7 for r in table_format(3, 2021).rows}
    rows.update(T3_DEFAULT)
    rows.update(values or {})
    return rows


def make_report(
    *,
    year: int = 2023,
    title: str | None = None,
    period: str | None = None,
    headings: dict[int, str | None] | None = None,
    body: dict[int, list[str]] | None = None,
    t2: dict[str, list[object]] | None = None,
    t3: dict[str, list[object] | None] | None = None,
    t4: list[object] | None = None,
    signature: str | None = None,
    omit_tables: tuple[int, ...] = (),
) -> str:
    """The report as text; ``headings[n] = None`` drops heading n, a string replaces it."""
    title = title if title is not None else f"青禾县自然资源局{year}年政府信息公开工作年度报告"
    period = period if period is not None else (f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    heads: dict[int, str | None] = {n: f"{'一二三四五六'[n - 1]}、{t}" for n, t in F.SECTION_TITLES.items()}
    heads.update(headings or {})
    text = {
        1: [f"{year}年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，稳步推进政务公开工作。"],
        2: [],
        3: [f"{year}年，我局共收到政府信息公开申请13件，上年结转1件。"],
        4: ["因政府信息公开工作被申请行政复议1件，被提起行政诉讼1件。"],
        5: ["主要问题是政策解读形式不够丰富。下一步将加强培训，改进解读方式。"],
        6: [f"{year}年，本机关未发出信息处理费收费通知，未收取信息处理费。"],
    }
    for n, lines in (body or {}).items():
        text[n] = lines
    out = [title, f"根据{F.REGULATION}，编制本报告。{period}"]
    for n in range(1, 7):
        if heads.get(n) is not None:
            out.append(heads[n])  # type: ignore[arg-type]
        out.extend(text[n])
        if n == 2 and 2 not in omit_tables:
            out.extend(_table2(t2))
        if n == 3 and 3 not in omit_tables:
            out.extend(_table3(t3_rows(t3)))
        if n == 4 and 4 not in omit_tables:
            out.extend(_table4(t4 if t4 is not None else T4_DEFAULT))
    out.append("青禾县自然资源局")
    out.append(signature if signature is not None else f"{year + 1}年1月20日")
    return "\n".join(out) + "\n"


def _row(label: str, values: list[object]) -> str:
    return " | ".join([label, *(str(v) for v in values)]) + " |"


def _table2(values: dict[str, list[object]] | None) -> list[str]:
    rows = dict(T2_DEFAULT)
    rows.update(values or {})
    out = []
    block = ""
    for row in table_format(2, 2021).rows:
        if row.path[0] != block:
            block = row.path[0]
            out.append(f"{block} |")
            out.append(_row("信息内容", [table_format(2, 2021).col(c).label for c in row.cols]))
        if row.id in rows:
            out.append(_row(row.label, rows[row.id]))
    return out


def _table3(rows: dict[str, list[object] | None]) -> list[str]:
    out = [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |",
        "自然人 | 法人或其他组织 | 总计 |",
        "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |",
    ]
    group = ""
    for row in table_format(3, 2021).rows:
        values = rows.get(row.id)
        if values is None:
            continue
        if row.id == "3.1":
            out.append("三、本年度办理结果 |")
        if len(row.path) == 3 and row.path[1] != group:
            group = row.path[1]
            out.append(f"{group} |")
        out.append(_row(row.label, values))
    return out


def _table4(values: list[object]) -> list[str]:
    return [
        "行政复议 | 行政诉讼 |",
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |",
        " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + " |",
        " | ".join(str(v) for v in values) + " |",
    ]


WHERE = ("title", "preamble", "body", "heading5", "signature")


def place(snippet: str, where: str, year: int = 2023, report: str | None = None) -> tuple[str, int]:
    """The correct report of ``year`` (or the text ``report``, one of ``make_report``'s) with ``snippet``
    at ``where`` (one of ``WHERE``: the title, a line after the preamble, a paragraph of section 一, the
    heading of section 五, the signature date), and the line number of the snippet's first line."""
    if where not in WHERE:
        raise ValueError(f"where must be one of {', '.join(WHERE)}, not {where!r}")
    lines = (report if report is not None else make_report(year=year)).rstrip("\n").split("\n")
    new = snippet.split("\n")
    if where == "title":
        lines[0:1], at = new, 1
    elif where == "preamble":
        lines[2:2], at = new, 3
    elif where == "heading5":
        at = lines.index("五、存在的主要问题及改进情况") + 1
        lines[at - 1 : at] = new
    elif where == "body":
        at = lines.index("一、总体情况") + 3
        lines[at - 1 : at - 1] = new
    else:
        lines[-1:], at = new, len(lines)
    return "\n".join(lines) + "\n", at


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing ``needle``."""
    hits = [i for i, line in enumerate(text.split("\n"), 1) if needle in line]
    return hits[nth - 1]
