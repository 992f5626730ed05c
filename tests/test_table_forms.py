"""The table reader on every form real reports give it, as small snippets written here (no ../shared).

Each class of input is a case: flattened digit runs (as many digits as cells, the only split without
leading zeros, splits the identities decide, splits nothing decides, too few digits), spaced cells,
a row glued to the next paragraph's year, labels misspelt by one character, a row whose label was
lost, the report's own arithmetic on digits read the only way, and the HTML a government CMS writes
(Word export, TRS editor, spans, &nbsp;, merged headers, a group label broken by <br>). Each case
states the cells it must read and the findings (codes) it must and must not give.
"""

from __future__ import annotations

import pytest

from gilint.formats.tables import table_format
from gilint.model import Report, Table, TableIssue
from gilint.parsers import read_document
from gilint.structure import build_report
from tests.lintkit import findings

T3 = table_format(3, 2021)
T3_ROWS = [r.id for r in T3.rows]
ZERO = [0] * 7
HEAD = (
    "2023年青禾县某局政府信息公开工作年度报告\n"
    "三、收到和处理政府信息公开申请情况\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计"
    "商业企业科研机构社会公益组织法律服务机构其他"
)


def flat(rows: dict[str, str], tail: str = "四、政府信息公开行政复议、行政诉讼情况") -> str:
    """Table 3 as a scraper flattens it: every label followed by what ``rows`` gives it (default
    seven zeros run together), all on one line."""
    parts = [HEAD]
    for row in T3.rows:
        if row.id == "3.1":
            parts.append("三、本年度办理结果")
        if len(row.path) == 3 and row.label.startswith("1."):
            parts.append(row.path[1])
        parts.append(row.label + rows.get(row.id, "0000000"))
    return "".join(parts) + tail


def read(text: str, name: str = "r.txt") -> Report:
    return build_report(read_document(name, text.encode("utf-8")))


def values(t: Table, row: str) -> list[object]:
    return [(c.value if c.placed else "?") for c in t.cells[row].values()]


def statuses(t: Table, row: str) -> set[tuple[str, str]]:
    return {(c.status, c.how) for c in t.cells[row].values()}


def codes(report: Report) -> set[str]:
    return {c for c, _ in findings(report)}


# ---------------------------------------------------------------- flattened digit runs


def test_as_many_digits_as_cells_is_read_digit_by_digit() -> None:
    t = read(flat({"1": "3000003", "3.1": "3000003", "3.7": "3000003"})).tables[3]
    assert values(t, "1") == [3, 0, 0, 0, 0, 0, 3]
    assert statuses(t, "1") == {("read", "digits")}
    assert all(c.status == "holds" for c in t.checks)
    assert [p.kind for p in t.problems if p.row == "1"] == [TableIssue.RUN_TOGETHER]


def test_digits_equal_to_cells_breaking_an_identity_is_the_reports_arithmetic() -> None:
    """一、本年新收 "3000000": 3 requests from 自然人 but 总计 0 — no reading gives anything else,
    so T3-C fails as the report's own error (GI312), and T3-A with it; nothing is damage."""
    report = read(flat({"1": "3000000", "3.1": "3000003", "3.7": "3000003"}))
    t = report.tables[3]
    assert values(t, "1") == [3, 0, 0, 0, 0, 0, 0]
    assert {c.identity.id for c in t.checks if c.status == "fails"} == {"T3-C/1", "T3-A/total"}
    got = findings(report)
    assert ("GI312", 3) in got and ("GI310", 3) in got
    assert not {"GI308", "GI314"} & {c for c, _ in got}


def test_a_total_under_zero_rows_is_the_reports_error_not_damage() -> None:
    report = read(flat({"3.7": "1000000"}))
    t = report.tables[3]
    assert values(t, "3.7") == [1, 0, 0, 0, 0, 0, 0]
    failing = {c.identity.id for c in t.checks if c.status == "fails"}
    assert failing == {"T3-C/3.7", "T3-B/natural", "T3-A/natural"}
    assert {"GI310", "GI311", "GI312"} <= codes(report) and "GI308" not in codes(report)


def test_the_only_split_without_leading_zeros_is_read() -> None:
    text = (
        "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件0012" + T2_REST + flat({})
    )
    t2 = read(text).tables[2]
    assert values(t2, "rules") == [0, 0, 0] and statuses(t2, "rules") == {("read", "digits")}
    assert values(t2, "normative") == [0, 0, 12] and statuses(t2, "normative") == {("read", "split")}


T2_REST = (
    "第二十条第（五）项信息内容本年处理决定数量行政许可0第二十条第（六）项信息内容本年处理决定数量行政处罚0"
    "行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0"
)


def test_a_run_that_splits_several_ways_is_not_guessed() -> None:
    text = (
        "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件5615" + T2_REST + flat({})
    )
    report = read(text)
    t2 = report.tables[2]
    assert values(t2, "normative") == ["?"] * 3
    assert [(p.kind, p.how, p.raw, p.damage) for p in t2.problems if p.row == "normative"] == [
        (TableIssue.UNPLACED, "ambiguous", "5615", True)
    ]
    assert "GI308" in codes(report) and "GI303" not in codes(report)


def test_the_row_identity_decides_a_run_of_spaced_groups() -> None:
    """ "1400000 14" into seven cells: 14,0,0,0,0,0,14 is the only reading whose 总计 adds up."""
    t = read(flat({"1": "1400000 14", "3.1": "14000000 14", "3.7": "1400000 14"})).tables[3]
    assert values(t, "1") == [14, 0, 0, 0, 0, 0, 14]
    assert statuses(t, "1") >= {("inferred", "row-identity")}


def test_the_column_identities_decide_what_the_row_identity_leaves_open() -> None:
    """予以公开 "110000011" reads 11,0,…,11 or 1,10,0,…,11 (both add up); only the first lets the
    自然人 and 商业企业 columns add up to （七）."""
    rows = {"1": "11 0 0 0 0 0 11", "3.1": "110000011", "3.7": "11 0 0 0 0 0 11"}
    t = read(flat(rows)).tables[3]
    assert values(t, "3.1") == [11, 0, 0, 0, 0, 0, 11]
    assert [c.how for c in t.cells["3.1"].values()][:2] == ["identities", "identities"]
    assert statuses(t, "3.1") >= {("inferred", "row-identity")}  # cells T3-C alone settles ("110" is not 11)
    used = {c.identity.id for c in t.checks if c.used}
    assert {"T3-B/natural", "T3-B/legal.commercial", "T3-C/3.1"} <= used
    assert {c.status for c in t.checks if c.used} == {"holds"}


def test_spaced_cells_with_irregular_spaces_and_u3000() -> None:
    """ "100 0 0 00" has seven digits for seven cells (1,0,0,0,0,0,0); "00\u30000 0 00 0" the same: each
    separator is certain, the rest are cut by the digit count."""
    report = read(flat({"2": "100 0 0 00", "4": "00\u30000 0 00 0"}))
    t = report.tables[3]
    assert values(t, "2") == [1, 0, 0, 0, 0, 0, 0] and values(t, "4") == ZERO
    assert "GI312" in codes(report)  # 总计 0 for 1 carried over: the report's own sum


def test_the_last_row_glued_to_the_next_paragraphs_year() -> None:
    text = flat({"1": "2000002", "3.1": "2000002", "3.7": "2000002"}, tail="") + ""
    text = text[: text.rindex("四、结转下年度继续办理")] + "四、结转下年度继续办理20000022025年，我局将继续…"
    t = read(text).tables[3]
    assert values(t, "4") == [2, 0, 0, 0, 0, 0, 2]


def test_too_few_digits_for_the_cells_is_damage() -> None:
    report = read(flat({"1": "0 00000"}))
    t = report.tables[3]
    assert values(t, "1") == ["?"] * 7
    assert [(p.kind, p.how, p.damage) for p in t.problems if p.row == "1"] == [
        (TableIssue.UNPLACED, "no-reading", True)
    ]
    assert {c.status for c in t.checks if "1" in {r for r, _ in c.identity.members}} == {"unjudged"}
    assert "GI308" in codes(report) and not {"GI303", "GI310", "GI312"} & codes(report)


def test_a_run_every_split_of_which_breaks_the_row_identity() -> None:
    """Table 4's fifteen cells from seventeen digits, 复议后起诉 unable to add up however it splits: the
    groups that add up are inferred, the rest unplaced, and GI314 says the report's numbers disagree."""
    text = (
        flat({}) + "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
        "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计00202000001324015五、存在的主要问题及改进情况"
    )
    report = read(text)
    t4 = report.tables[4]
    assert values(t4, "review") == [0, 0, 2, 0, 2] and values(t4, "suit_direct") == [0] * 5
    assert values(t4, "suit_after_review") == ["?"] * 5
    assert [(p.kind, p.identity, p.damage) for p in t4.problems] == [(TableIssue.NO_FIT, "T4-A", False)]
    assert "GI314" in codes(report) and "GI313" not in codes(report)


def test_table4_fifteen_digits_in_a_row() -> None:
    text = flat({}) + "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计000010000000000五、存在"
    report = read(text)
    t4 = report.tables[4]
    assert values(t4, "review") == [0, 0, 0, 0, 1]  # 总计 1 over four results of 0: the report's arithmetic
    assert [c.identity.id for c in t4.checks if c.status == "fails"] == ["T4-A/review"]
    assert "GI313" in codes(report)


# ---------------------------------------------------------------- labels


@pytest.mark.parametrize(
    ("row", "written"),
    [
        ("3.3.7", "7.属于行政执法案件"),  # a homophone for 案卷
        ("3.4.1", "1.本机关不掌握相关政府信"),  # a character dropped
        ("3.5.2", "2.重复申清"),  # a look-alike
    ],
)
def test_a_row_label_one_character_off_is_that_row_with_a_typo(row: str, written: str) -> None:
    label = T3.row(row).label  # type: ignore[union-attr]
    text = flat({row: "1000001", "3.7": "1000001", "1": "1000001"}).replace(label, written)
    report = read(text)
    t = report.tables[3]
    assert values(t, row) == [1, 0, 0, 0, 0, 0, 1]
    typos = [(p.row, p.seen, p.damage) for p in t.problems if p.kind is TableIssue.LABEL_TYPO]
    assert typos == [(row, written, False)]
    assert "GI604" in codes(report) and "GI303" not in codes(report)


def test_a_misspelt_column_label_and_note() -> None:
    text = (
        "第二十条第（一）项信息内容本年制发件数本年废止件数先行有效件数规章000行政规范性文件000"
        + T2_REST
        + flat({}).replace("勾稽关系", "钩稽关系")
    )
    report = read(text)
    seen = sorted(p.seen for t in report.tables.values() for p in t.problems if p.kind is TableIssue.LABEL_TYPO)
    assert seen == ["先行有效件数", "本列数据的钩稽关系为：第一项加第二项之和，等于第三项加第四项之和"]
    assert [c for c, _ in findings(report)].count("GI604") == 2


def test_a_label_broken_over_lines_by_a_converter_is_not_a_typo() -> None:
    text = flat({}).replace("2.没有现成信息需要另行制作", "2.没有现成信息需要另\n法提供行制作\n")
    report = read(text)
    assert not [p for t in report.tables.values() for p in t.problems if p.kind is TableIssue.LABEL_TYPO]


def test_a_missing_row_is_the_reports_when_the_table_is_clean() -> None:
    text = flat({}).replace("8.属于行政查询事项0000000", "")
    report = read(text)
    missing = [(p.row, p.damage) for p in report.tables[3].problems if p.kind is TableIssue.MISSING_ROW]
    assert missing == [("3.3.8", False)]
    assert ("GI303", 3) in findings(report)


def test_values_whose_label_was_lost_are_read_by_position() -> None:
    text = "\n".join([HEAD, *(f"{r.label} | {' | '.join('0' * 7)} |" for r in T3.rows if r.id != "3.6.3")])
    text = text.replace("（七）总计", "0 | 0 | 0 | 0 | 0 | 0 | 0 |\n（七）总计")
    t = read(text).tables[3]
    assert statuses(t, "3.6.3") == {("inferred", "position")}
    lost = [(p.row, p.seen, p.damage) for p in t.problems if p.kind is TableIssue.LOST_LABEL]
    assert lost == [("3.6.2", "3.6.3", True)]


# ---------------------------------------------------------------- markup: whose cells they are


def html_table3(rows: dict[str, list[str]] | None = None, style: str = "plain") -> str:
    """Table 3 as a CMS page writes it; ``style`` picks the markup habits of one editor."""
    rows = rows or {}

    def cell(text: str) -> str:
        if style == "word":
            return (
                f"<td class=MsoNormal style='mso-border-alt:solid windowtext .5pt'><p class=MsoNormal "
                f"align=center><span lang=EN-US style='font-size:10.5pt;mso-bidi-font-family:宋体'>{text}"
                f"<o:p></o:p></span></p></td>"
            )
        if style == "spans" and len(text) > 1:
            return (
                "<td>"
                + "".join(
                    f'<span style="font-family:{f}">{ch}</span>'
                    for ch, f in zip(text, ("宋体", "Times New Roman") * 9, strict=False)
                )
                + "</td>"
            )
        if style == "nbsp":
            return f"<td>&nbsp;{text}&nbsp;&nbsp;</td>"
        return f"<td>{text}</td>"

    def label(text: str, span: str = "") -> str:
        if style == "word":
            return (
                f"<td{span}><p class=MsoNormal>"
                + "<br>".join(text[i : i + 8] for i in range(0, len(text), 8))
                + "</p></td>"
            )
        if style == "nbsp":
            return f"<td{span}>&nbsp;&nbsp;{text}&nbsp;</td>"
        return f"<td{span}>{text}</td>"

    head = (
        "<tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
        "<td colspan=7>申请人情况</td></tr>"
    )
    if style == "colspan":  # 自然人 spanning two columns, an empty header cell left over
        head += (
            "<tr><td colspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr><tr><td></td>"
        )
    elif style == "word":  # header text one character per <p>
        head += (
            "<tr><td rowspan=2>"
            + "".join(f"<p class=MsoNormal>{ch}</p>" for ch in "自然人")
            + "</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr><tr>"
        )
    else:
        head += "<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr><tr>"
    head += "".join(f"<td>{c}</td>" for c in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")) + "</tr>"
    body = []
    for row in T3.rows:
        vals = rows.get(row.id, ["0"] * 7)
        first = ""
        if row.id == "3.1":
            first = (
                "<td rowspan=22>三、本<br>年度办<br>理结果</td>"
                if style in ("word", "trs")
                else "<td rowspan=22>三、本年度办理结果</td>"
            )
        if len(row.path) == 3 and row.label.startswith("1."):
            size = sum(1 for r in T3.rows if len(r.path) == 3 and r.path[1] == row.path[1])
            first += f"<td rowspan={size}>{row.path[1]}</td>"
        span = "" if len(row.path) == 3 else (" colspan=2" if row.id.startswith("3.") else " colspan=3")
        body.append(f"<tr>{first}{label(row.label, span)}{''.join(cell(v) for v in vals)}</tr>")
    table = f"<table border=1>{head}{''.join(body)}</table>"
    if style == "trs":
        table = f"<div class=TRS_Editor><div class=Custom_UnionStyle>{table}</div></div>"
    return (
        f"<html><body><p>2023年青禾县某局政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p>"
        f"{table}<p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>"
    )


@pytest.mark.parametrize("style", ["plain", "word", "trs", "spans", "nbsp", "colspan"])
def test_cms_html_reads_every_cell_of_every_row(style: str) -> None:
    rows = {
        "1": ["12", "1", "0", "0", "0", "0", "13"],
        "3.1": ["12", "1", "0", "0", "0", "0", "13"],
        "3.7": ["12", "1", "0", "0", "0", "0", "13"],
    }
    report = read(html_table3(rows, style), "r.html")
    t = report.tables[3]
    assert len(t.cells) == 25 and all(statuses(t, r) == {("read", "cell")} for r in T3_ROWS)
    assert values(t, "1") == [12, 1, 0, 0, 0, 0, 13] and values(t, "3.6.2") == ZERO
    assert t.problems == []
    assert all(c.status == "holds" for c in t.checks)


def test_an_html_row_short_of_cells_is_the_reports_own() -> None:
    rows = {"3.6.2": ["0"] * 6}
    report = read(html_table3(rows), "r.html")
    short = [(p.kind, p.row, p.found, p.damage) for p in report.tables[3].problems]
    assert short == [(TableIssue.SHORT_ROW, "3.6.2", 6, False)]
    assert "GI303" in codes(report) and "GI308" not in codes(report)


def test_a_text_row_short_of_separated_cells_in_a_clean_table_is_the_reports_own() -> None:
    text = "\n".join([HEAD, *(f"{r.label} | {' | '.join('0' * (6 if r.id == '3.2' else 7))} |" for r in T3.rows)])
    t = read(text).tables[3]
    assert [(p.kind, p.row, p.found, p.damage) for p in t.problems] == [(TableIssue.SHORT_ROW, "3.2", 6, False)]


def test_a_short_row_in_a_document_the_converter_damaged_is_damage() -> None:
    text = "\n".join(
        [
            HEAD,
            *(f"{r.label} | {' | '.join('0' * (6 if r.id == '3.2' else 7))} |" for r in T3.rows if r.id != "3.4.2"),
            "2.没有现成信息需要另行制作",
        ]
    )
    text = text.replace("3.补正后申请内容仍不明确 |", "3.补正后申请内容仍不明确\n2.没有现成信息需要另行制作\n|")
    t = read(text).tables[3]
    kinds = {(p.kind, p.damage) for p in t.problems}
    assert (TableIssue.SHORT_ROW, False) not in kinds


def test_a_labelless_markdown_row_right_after_a_label_in_text_is_that_rows() -> None:
    """A PDF converter wrote the label as text and its values as a table row of their own."""
    lines = [HEAD]
    for r in T3.rows:
        if r.id == "3.2":
            lines += [
                "（二）部分公开（区分处理的，只计这一情",
                "形，不计其他情形）",
                "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
                "|---|---|---|---|---|---|---|",
            ]
        else:
            lines.append(f"| {r.label} | {' | '.join('0' * 7)} |")
    t = read("\n".join(lines), "r.md").tables[3]
    assert values(t, "3.2") == [2, 0, 0, 0, 0, 0, 2]


def test_a_labelless_row_between_two_labels_without_values_is_nobodys() -> None:
    lines = [HEAD]
    for r in T3.rows:
        if r.id in ("3.3.5", "3.3.6"):
            lines.append(r.label)
            if r.id == "3.3.6":
                lines.append("| 1 | 0 | 0 | 0 | 0 | 0 | 1 |")
        else:
            lines.append(f"| {r.label} | {' | '.join('0' * 7)} |")
    t = read("\n".join(lines), "r.md").tables[3]
    assert values(t, "3.3.5") == ["?"] * 7 and values(t, "3.3.6") == ["?"] * 7


def test_a_page_number_between_a_label_and_its_values_is_not_a_value() -> None:
    lines = [HEAD]
    for r in T3.rows:
        lines.append(r.label)
        if r.id == "3.4.1":
            lines.append("— 5 —")
        lines.append(" ".join("1000001" if r.id in ("1", "3.4.1", "3.7") else "0000000"))
    t = read("\n".join(lines)).tables[3]
    assert values(t, "3.4.1") == [1, 0, 0, 0, 0, 0, 1] and t.problems == []
    assert all(c.status == "holds" for c in t.checks)


def test_markup_cells_with_a_thousands_separator_or_a_unit() -> None:
    rows = {r: ["1,234", "1", "0", "0", "0", "0", "1,235"] for r in ("1", "3.1", "3.7")}
    rows["3.3.1"] = ["0件", "0件", "0件", "0件", "0件", "0件", "0件"]
    t = read(html_table3(rows), "r.html").tables[3]
    assert values(t, "1") == [1234, 1, 0, 0, 0, 0, 1235] and values(t, "3.3.1") == ZERO
    assert t.problems == [] and all(c.status == "holds" for c in t.checks)


def test_prose_citing_article_20_before_table_2_is_not_the_table() -> None:
    from gilint.testing.reports import make_report

    text = make_report(body={1: ["我局按照条例第二十条第（一）项的要求公开规章和规范性文件。"]})
    report = read(text)
    assert report.tables[2].span.line == 6 and [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert findings(report) == []
