"""Build small 2021-format reports in plain text for rule tests: a correct report by default, and
any part replaced to plant one defect. Numbers are fictional and satisfy every identity."""

from __future__ import annotations

from gilint import formats as F

T3_DEFAULT = {
    "一": [10, 2, 0, 0, 1, 0, 13], "二": [1, 0, 0, 0, 0, 0, 1],
    "（一）": [5, 1, 0, 0, 0, 0, 6], "（二）": [2, 0, 0, 0, 1, 0, 3], "（三）4": [1, 0, 0, 0, 0, 0, 1],
    "（四）1": [2, 0, 0, 0, 0, 0, 2], "（六）2": [0, 0, 0, 0, 0, 0, 0], "（七）": [10, 1, 0, 0, 1, 0, 12],
    "四": [1, 1, 0, 0, 0, 0, 2],
}
T4_DEFAULT = [1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]
T2_DEFAULT = {"规章": [0, 0, 0], "行政规范性文件": [2, 1, 9], "行政许可": [40], "行政处罚": [7],
              "行政强制": [0], "行政事业性收费": [1.25]}


def t3_rows(values: dict[str, list[object]] | None = None) -> dict[str, list[object]]:
    rows: dict[str, list[object]] = {r.key: [0] * 7 for r in F.T3_ROWS_2021}
    rows.update(T3_DEFAULT)
    rows.update(values or {})
    return rows


def make_report(*, year: int = 2023, title: str | None = None, period: str | None = None,
                headings: dict[int, str | None] | None = None, body: dict[int, list[str]] | None = None,
                t2: dict[str, list[object]] | None = None, t3: dict[str, list[object]] | None = None,
                t4: list[object] | None = None, signature: str | None = None,
                omit_tables: tuple[int, ...] = ()) -> str:
    """The report as text; ``headings[n] = None`` drops heading n, a string replaces it."""
    title = title if title is not None else f"青禾县自然资源局{year}年政府信息公开工作年度报告"
    period = period if period is not None else (
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    heads = {n: f"{'一二三四五六'[n - 1]}、{t}" for n, t in F.SECTION_TITLES.items()}
    heads.update(headings or {})
    text = {
        1: [f"{year}年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，稳步推进政务公开工作。"],
        2: [], 3: [f"{year}年，我局共收到政府信息公开申请13件，上年结转1件。"],
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
    for spec in F.T2_ROWS_2021:
        header = "第二十条第（一）项" if spec.key == "规章" else None
        if spec.key in ("行政许可", "行政处罚", "行政事业性收费"):
            header = spec.block
        if header:
            out.append(f"{header} |")
            out.append(_row("信息内容", list(spec.cols)))
        if spec.key in rows:
            out.append(_row(spec.key, rows[spec.key]))
    return out


def _table3(rows: dict[str, list[object]]) -> list[str]:
    out = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |",
           "自然人 | 法人或其他组织 | 总计 |", "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |"]
    for spec in F.T3_ROWS_2021:
        if spec.key not in rows:
            continue
        label = spec.label.split("/")[-1]
        if spec.key == "（一）":
            out.append("三、本年度办理结果 |")
        for group, name in F.T3_GROUP_LABELS.items():
            if spec.key == f"{group}1":
                out.append(f"{group}{name} |")
        out.append(_row(label, rows[spec.key]))
    return out


def _table4(values: list[object]) -> list[str]:
    return ["行政复议 | 行政诉讼 |",
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |",
            " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + " |",
            " | ".join(str(v) for v in values) + " |"]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing ``needle``."""
    hits = [i for i, line in enumerate(text.split("\n"), 1) if needle in line]
    return hits[nth - 1]
