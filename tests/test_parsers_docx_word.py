"""The .docx reader on what Word and WPS write: automatic numbering, tracked changes, comments, text
boxes, fields, content controls, merged cells in any combination, hidden and highlighted text; and the
draft rules (GI801-GI806) on the markup it records."""

from __future__ import annotations

import io
from pathlib import Path

import gilint_rules as rules
import pytest

from gilint import formats as F
from gilint.model import Document, Mark, Span
from gilint.numbers import to_chinese
from gilint.parsers.docx import _format, parse_docx
from gilint.structure import build_report
from gilint.testing import run_rule
from gilint.testing.reports import make_report
from tests.docxkit import (
    cell,
    docx_bytes,
    numbered,
    numbering_xml,
    para,
    part_xml,
    related_docx,
    run,
    table,
)
from tests.lintkit import findings

MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS_NS = (
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)
# a chinese list: 一、 / （一） / 1.
CN_LIST = {1: [("chineseCounting", "%1、", 1), ("chineseCounting", "（%2）", 1), ("decimal", "%3.", 1)]}


def texts(doc: Document) -> list[str]:
    return [n.text for n in doc.nodes]


def marks(doc: Document) -> list[tuple[str, str, str, str | None]]:
    return [(m.kind, m.text, m.detail, m.span.logical) for m in doc.marks]


def rule_findings(code: str, data: bytes) -> list[tuple[str | None, str, str]]:
    report = build_report(parse_docx(data, "r.docx"))
    rule = next(r for r in rules.gilint_rules() if r.code == code)
    return [(f.span.logical, f.message_zh, f.message_en) for f in run_rule(rule, report)]


def report_docx(
    lines: list[str], extra: str = "", parts: dict[str, bytes] | None = None, replace: dict[str, str] | None = None
) -> bytes:
    """make_report()'s lines as paragraphs (``replace`` swaps a line for XML), ``extra`` at the end."""
    body = "".join((replace or {}).get(line, para(line)) for line in lines) + extra
    return related_docx(body, parts or {})


# ---------------------------------------------------------------- numbering


def test_chinese_counting_and_other_formats() -> None:
    assert [to_chinese(n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 105, 110, 1000, 1001)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
        "一百",
        "一百零五",
        "一百一十",
        "一千",
        "一千零一",
    ]
    assert [
        _format(3, f)
        for f in (
            "decimal",
            "chineseCountingThousand",
            "ideographTraditional",
            "decimalEnclosedCircle",
            "lowerLetter",
            "upperRoman",
            "decimalFullWidth",
            "chineseLegalSimplified",
            "decimalZero",
            "none",
        )
    ] == ["3", "三", "丙", "③", "c", "III", "３", "叁", "03", ""]


def test_automatic_numbering_is_read_as_the_page_shows_it() -> None:
    body = "".join(
        [
            numbered("总体情况", 1),
            numbered("主动公开", 1, 1),
            numbered("依申请公开", 1, 1),
            numbered("细项", 1, 2),
            numbered("细项二", 1, 2),
            numbered("主动公开政府信息情况", 1),
            numbered("重新编号", 1, 1),
            numbered("标题样式编号", 0, style="Heading1"),
            numbered("不编号", 0),
            numbered("另一列表", 2),
            numbered("接着编号", 2),
            numbered("项目符号", 3),
            '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' + run("样式编号") + "</w:p>",
        ]
    )
    styles = part_xml(
        "styles",
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>',
    )
    numbering = numbering_xml(
        {**CN_LIST, 2: [("decimal", "%1.", 1)], 3: [("bullet", "●", 1)]}, {1: 1, 2: 2, 3: 3}, overrides={2: {0: 5}}
    )
    doc = parse_docx(related_docx(body, {"styles": styles, "numbering": numbering}), "r.docx")
    assert texts(doc) == [
        "一、总体情况",
        "（一）主动公开",
        "（二）依申请公开",
        "1.细项",
        "2.细项二",
        "二、主动公开政府信息情况",
        "（一）重新编号",
        "标题样式编号",
        "不编号",
        "5.另一列表",
        "6.接着编号",
        "项目符号",
        "三、样式编号",
    ]
    assert doc.problems == []


def test_multilevel_legal_numbering_and_the_default_tab_separator() -> None:
    numbering = numbering_xml({1: [("decimal", "%1.", 1), ("decimal", "%1.%2", 1)]}, {1: 1}).replace(
        b'<w:suff w:val="nothing"/>', b""
    )
    body = numbered("第一", 1) + numbered("第一之一", 1, 1) + numbered("第一之二", 1, 1) + numbered("第二", 1)
    doc = parse_docx(related_docx(body, {"numbering": numbering}), "r.docx")
    assert texts(doc) == ["1. 第一", "1.1 第一之一", "1.2 第一之二", "2. 第二"]


def test_a_report_with_numbered_headings_reads_as_a_typed_one() -> None:
    """The headings typed without their numbers, numbered by Word: the same text, sections and findings."""
    lines = make_report().rstrip("\n").split("\n")
    headings = [f"{'一二三四五六'[n - 1]}、{title}" for n, title in F.SECTION_TITLES.items()]
    assert all(h in lines for h in headings)
    data = report_docx(
        lines, parts={"numbering": numbering_xml(CN_LIST, {1: 1})}, replace={h: numbered(h[2:], 1) for h in headings}
    )
    report = build_report(parse_docx(data, "r.docx"))
    typed = build_report(parse_docx(report_docx(lines), "r.docx"))
    assert [(s.number, s.ordinal, s.title) for s in report.sections] == [
        (n, "一二三四五六"[n - 1], h[2:]) for n, h in enumerate(headings, start=1)
    ]
    assert [n.text for n in report.doc.nodes] == [n.text for n in typed.doc.nodes]
    assert findings(report) == findings(typed)
    assert not [c for c, _ in findings(report) if c.startswith("GI1")]


# ---------------------------------------------------------------- tracked changes


REVISED = (
    para("标题")
    + '<w:p><w:r><w:t>本年度共收到申请</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>5</w:delText></w:r>'
    '</w:del><w:ins w:id="2" w:author="a"><w:r><w:t>3</w:t></w:r></w:ins><w:r><w:t>件。</w:t></w:r></w:p>'
    '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr><w:r><w:t>前半句，</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>后半句。</w:t></w:r><w:moveFrom w:id="4" w:author="a"><w:r><w:t>挪走</w:t></w:r></w:moveFrom>'
    '<w:moveTo w:id="5" w:author="a"><w:r><w:t>挪来</w:t></w:r></w:moveTo></w:p>'
    '<w:p><w:r><w:rPr><w:b/><w:rPrChange w:id="6" w:author="a"><w:rPr/></w:rPrChange></w:rPr>'
    "<w:t>加粗</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"
    '<w:tr><w:trPr><w:del w:id="7" w:author="a"/></w:trPr><w:tc><w:p><w:r><w:t>删行</w:t></w:r></w:p></w:tc>'
    "<w:tc><w:p><w:r><w:t>9</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>"
    "</w:tbl>"
)


def test_tracked_changes_are_read_accepted_and_recorded() -> None:
    doc = parse_docx(docx_bytes(REVISED), "r.docx")
    assert [(n.text, n.row, n.col) for n in doc.nodes] == [
        ("标题", None, None),
        ("本年度共收到申请3件。", None, None),
        ("前半句，后半句。挪来", None, None),
        ("加粗", None, None),
        ("a", 0, 0),
        ("1", 0, 1),
        ("b", 1, 0),
        ("2", 1, 1),
    ]
    assert marks(doc) == [
        ("deletion", "5", "", "段落 2"),
        ("insertion", "3", "", "段落 2"),
        ("deletion", "¶", "", "段落 3"),
        ("move", "挪走", "", "段落 4"),
        ("move", "挪来", "", "段落 4"),
        ("format-change", "加粗", "", "段落 5"),
    ]
    assert doc.marks[0].span == Span(line=2, logical="段落 2")


def test_gi801_reports_each_revised_paragraph() -> None:
    assert rule_findings("GI801", report_docx(["某局2023年政府信息公开工作年度报告"], REVISED)) == [
        ("段落 3", "有未处理的修订：删除“5”，插入“3”", "unresolved tracked changes: deleted '5'; inserted '3'"),
        ("段落 4", "有未处理的修订：删除段落标记", "unresolved tracked changes: paragraph mark deleted"),
        ("段落 5", "有未处理的修订：移动“挪走”，移动“挪来”", "unresolved tracked changes: moved '挪走'; moved '挪来'"),
        ("段落 6", "有未处理的修订：格式修改“加粗”", "unresolved tracked changes: formatting changed '加粗'"),
    ]


def test_draft_rules_say_nothing_on_a_final_document_or_a_non_report() -> None:
    final = report_docx(make_report().rstrip("\n").split("\n"))
    report = build_report(parse_docx(final, "r.docx"))
    assert report.doc.marks == []
    assert [c for c, _ in findings(report) if c.startswith("GI8")] == []
    assert rule_findings("GI801", docx_bytes(REVISED)) == []  # "标题" alone is no report: GI003 says so


# ---------------------------------------------------------------- comments


def test_comments_are_not_text_and_gi802_points_at_their_paragraph() -> None:
    body = (
        para("某局2023年政府信息公开工作年度报告")
        + '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>本年度共收到申请13件。</w:t></w:r>'
        '<w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r></w:p>'
    )
    comments = part_xml(
        "comments",
        '<w:comment w:id="0" w:author="审核人"><w:p><w:r><w:t>请业务科室核实件数</w:t>'
        '</w:r></w:p></w:comment><w:comment w:id="9"><w:p><w:r><w:t>无处安放</w:t></w:r></w:p>'
        "</w:comment>",
    )
    data = related_docx(body, {"comments": comments})
    doc = parse_docx(data, "r.docx")
    assert texts(doc) == ["某局2023年政府信息公开工作年度报告", "本年度共收到申请13件。"]
    assert marks(doc) == [("comment", "请业务科室核实件数", "", "段落 2"), ("comment", "无处安放", "", "批注")]
    assert rule_findings("GI802", data) == [
        ("段落 2", "留有批注：“请业务科室核实件数”", "a comment is left: '请业务科室核实件数'"),
        ("批注", "留有批注：“无处安放”", "a comment is left: '无处安放'"),
    ]


def test_python_docx_comments_and_list_numbering() -> None:
    """A file as python-docx writes it from its Word template: numbering through the List Number style."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("某局2023年政府信息公开工作年度报告")
    first = document.add_paragraph("第一项", style="List Number")
    document.add_paragraph("第二项", style="List Number")
    document.add_comment(first.runs, text="这里要改", author="审核人")
    out = io.BytesIO()
    document.save(out)
    doc = parse_docx(out.getvalue(), "r.docx")
    assert texts(doc) == ["某局2023年政府信息公开工作年度报告", "1. 第一项", "2. 第二项"]
    assert marks(doc) == [("comment", "这里要改", "", "段落 2")]


# ---------------------------------------------------------------- text boxes, fields, content controls


def test_text_boxes_are_read_after_their_anchor_once() -> None:
    drawing = (
        f'<w:p {MC} {WPS_NS}><w:r><w:t>锚定段落</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        "<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
        + para("一、总体情况")
        + table([["规章", "0"], ["行政规范性文件", "2"]])
        + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        + para("一、总体情况")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    vml = (
        f"<w:p {WPS_NS}><w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
        + para("WPS 文本框")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    doc = parse_docx(docx_bytes(drawing + vml + para("其后")), "r.docx")
    assert [(n.kind, n.text, n.span.logical) for n in doc.nodes] == [
        ("text", "锚定段落", "段落 1"),
        ("text", "一、总体情况", "段落 2"),
        ("cell", "规章", "表格 1 行 1 列 1"),
        ("cell", "0", "表格 1 行 1 列 2"),
        ("cell", "行政规范性文件", "表格 1 行 2 列 1"),
        ("cell", "2", "表格 1 行 2 列 2"),
        ("text", "WPS 文本框", "段落 4"),
        ("text", "其后", "段落 5"),
    ]


def test_field_results_are_text_codes_are_not_and_a_table_of_contents_is_skipped() -> None:
    body = (
        '<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple><w:r><w:t>页</w:t></w:r></w:p>'
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \\@ "yyyy年M月d日" </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2024年1月20日</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、总体情况 1</w:t></w:r></w:p>'
        + para("二、主动公开政府信息情况 2")
        + "<w:p><w:r><w:t>三、收到和处理政府信息公开申请情况 3</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
        "<w:sdtContent>" + para("目录 一、总体情况 1") + "</w:sdtContent></w:sdt>" + para("一、总体情况")
    )
    assert texts(parse_docx(docx_bytes(body), "r.docx")) == ["3页", "2024年1月20日", "一、总体情况"]


def test_content_controls_at_every_level_and_placeholders() -> None:
    row_sdt = (
        "<w:sdt><w:sdtContent><w:tr>"
        + cell("行控件")
        + "<w:sdt><w:sdtContent>"
        + cell("1")
        + "</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>"
    )
    body = (
        para("某局2023年政府信息公开工作年度报告")
        + "<w:sdt><w:sdtContent>"
        + para("块控件")
        + "</w:sdtContent></w:sdt>"
        "<w:tbl>" + row_sdt + "<w:tr>" + cell("普通行") + cell("2") + "</w:tr></w:tbl>"
        "<w:p><w:r><w:t>统计期限自</w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        "<w:r><w:t>单击或点击此处输入日期。</w:t></w:r></w:sdtContent></w:sdt>"
        "<w:sdt><w:sdtContent><w:r><w:t>起</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    )
    data = docx_bytes(body)
    doc = parse_docx(data, "r.docx")
    assert [(n.text, n.row, n.col) for n in doc.nodes] == [
        ("某局2023年政府信息公开工作年度报告", None, None),
        ("块控件", None, None),
        ("行控件", 0, 0),
        ("1", 0, 1),
        ("普通行", 1, 0),
        ("2", 1, 1),
        ("统计期限自单击或点击此处输入日期。起", None, None),
    ]
    assert rule_findings("GI806", data) == [
        (
            "段落 3",
            "内容控件仍显示提示文字，未填写：“单击或点击此处输入日期。”",
            "a content control still shows its prompt: '单击或点击此处输入日期。'",
        )
    ]


# ---------------------------------------------------------------- merged cells


def test_grid_span_and_vertical_merges_in_any_combination() -> None:
    body = (
        "<w:tbl>"
        "<w:tr>" + cell("左上", span=2, vmerge="restart") + cell("右", vmerge="restart") + cell("单") + "</w:tr>"
        "<w:tr>" + cell(span=2, vmerge="continue") + cell(vmerge="continue") + cell("5") + "</w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>' + cell("中", span=2) + "</w:tr>"
        "<w:tr>" + cell("甲") + '<w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr>' + para("横并") + "</w:tc>"
        "<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>" + cell("7") + "</w:tr>"
        "<w:tr>" + cell("末", vmerge="restart") + cell("8", span=3, vmerge="restart") + "</w:tr>"
        "<w:tr>"
        + '<w:tc><w:tcPr><w:vMerge w:val="continue"/></w:tcPr><w:p/></w:tc>'
        + cell(span=3, vmerge="continue")
        + "</w:tr>"
        "</w:tbl>"
    )
    doc = parse_docx(docx_bytes(body), "r.docx")
    assert [(n.text, n.row, n.col) for n in doc.nodes] == [
        ("左上", 0, 0),
        ("右", 0, 2),
        ("单", 0, 3),
        ("5", 1, 3),
        ("中", 2, 1),
        ("甲", 3, 0),
        ("横并", 3, 1),
        ("7", 3, 3),
        ("末", 4, 0),
        ("8", 4, 1),
    ]


# ---------------------------------------------------------------- hidden, highlighted, coloured


def test_hidden_text_is_not_read_and_gi803_reports_it() -> None:
    body = (
        para("某局2023年政府信息公开工作年度报告")
        + "<w:p>"
        + run("收到申请13件")
        + run("（上年21件）", "<w:vanish/>")
        + run("。")
        + "</w:p>"
        "<w:p>" + run("不隐藏", '<w:vanish w:val="false"/>') + "</w:p>"
    )
    data = docx_bytes(body)
    doc = parse_docx(data, "r.docx")
    assert texts(doc) == ["某局2023年政府信息公开工作年度报告", "收到申请13件。", "不隐藏"]
    assert rule_findings("GI803", data) == [("段落 2", "有隐藏文字：“（上年21件）”", "hidden text: '（上年21件）'")]


def test_highlighted_shaded_and_coloured_runs() -> None:
    red_header = "<w:p>" + run("某某县人民政府办公室", '<w:color w:val="FF0000"/>') + "</w:p>"
    body = (
        red_header
        + para("某局2023年政府信息公开工作年度报告")
        + "<w:p>"
        + run("共收到申请")
        + run("XX", '<w:highlight w:val="yellow"/>')
        + run("件", '<w:highlight w:val="yellow"/>')
        + run("，办结")
        + run("12", '<w:shd w:val="clear" w:fill="FFFF00"/>')
        + run("件", '<w:shd w:val="clear" w:fill="auto"/>')
        + "</w:p>"
        "<w:p>"
        + run("待核", '<w:color w:val="C00000"/>')
        + run("灰字", '<w:color w:val="7F7F7F"/>')
        + run("自动", '<w:color w:val="auto"/>')
        + '<w:hyperlink r:id="x" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        + run("链接", '<w:color w:val="0563C1"/>')
        + "</w:hyperlink>"
        + run("样式链接", '<w:rStyle w:val="Hyperlink"/><w:color w:val="0000FF"/>')
        + "</w:p>"
        + table(
            [
                [cell("表头"), cell("3")],
                [
                    '<w:tc><w:tcPr><w:shd w:val="clear" w:fill="D9D9D9"/></w:tcPr>' + para("底纹格") + "</w:tc>",
                    "<w:tc>" + "<w:p>" + run("5", '<w:highlight w:val="green"/>') + "</w:p></w:tc>",
                ],
            ]
        )
    )
    data = docx_bytes(body)
    doc = parse_docx(data, "r.docx")
    assert [m for m in marks(doc) if m[0] != "colour" or m[1] != "某某县人民政府办公室"] == [
        ("highlight", "XX件", "yellow", "段落 3"),
        ("shading", "12", "FFFF00", "段落 3"),
        ("colour", "待核", "C00000", "段落 4"),
        ("highlight", "5", "green", "表格 1 行 2 列 2"),
    ]
    assert rule_findings("GI804", data) == [
        (
            "段落 3",
            "有突出显示的文字，可能是未处理的待填或待核内容：“XX件”有突出显示（黄色），“12”有底纹（#FFFF00）",
            "highlighted text, possibly still to be filled in or checked: 'XX件' highlighted (yellow); "
            "'12' shaded (#FFFF00)",
        ),
        (
            "表格 1 行 2 列 2",
            "有突出显示的文字，可能是未处理的待填或待核内容：“5”有突出显示（绿色）",
            "highlighted text, possibly still to be filled in or checked: '5' highlighted (green)",
        ),
    ]
    assert rule_findings("GI805", data) == [  # the red letterhead before the title is not reported
        (
            "段落 4",
            "有彩色文字，可能是未处理的修改标记：“待核”为彩色（#C00000）",
            "coloured text, possibly an unresolved editing mark: '待核' is coloured (#C00000)",
        )
    ]


def test_many_places_are_capped_with_a_count() -> None:
    body = para("某局2023年政府信息公开工作年度报告") + "".join(
        "<w:p>" + run(f"第{i}处", '<w:highlight w:val="yellow"/>') + "</w:p>" for i in range(25)
    )
    found = rule_findings("GI804", docx_bytes(body))
    assert len(found) == 20
    assert found[-1][1].endswith("（另有 5 处未列出）")
    assert found[-1][2].endswith("(5 more places not listed)")


# ---------------------------------------------------------------- WPS


WPS_BODY = (
    f'<w:p {WPS_NS}><w:pPr><w:pStyle w:val="2"/><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:pPr>'
    '<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>总体情况</w:t></w:r></w:p>'
    + para("2023年，本局共收到申请3件。")
    + f'<w:p {WPS_NS}><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>主动公开政府信息情况</w:t></w:r></w:p>'
    "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr>" + cell("信息内容", vmerge="restart") + cell("本年制发件数") + "</w:tr>"
    '<w:tr><w:tc><w:tcPr><w:vMerge w:val="continue"/></w:tcPr><w:p/></w:tc>' + cell("2") + "</w:tr></w:tbl>"
    f"<w:p {WPS_NS}><w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
    + para("（盖章）")
    + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
)


def wps_file() -> bytes:
    """A file as WPS Office saves it: its namespaces, a style numbered 一、 by numId in a style with a
    numeric id, VML text boxes, explicit vMerge continuations, the Kingsoft application name."""
    styles = part_xml(
        "styles",
        '<w:style w:type="paragraph" w:default="1" w:styleId="1"><w:name w:val="Normal"/>'
        '</w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'
        "</w:pPr></w:style>",
        WPS_NS,
    )
    numbering = numbering_xml({0: [("chineseCounting", "%1、", 1)]}, {3: 0})
    return related_docx(
        WPS_BODY, {"styles": styles, "numbering": numbering}, app="WPS Office_12.1.0.17827", prefixes=WPS_NS
    )


def test_a_file_saved_by_wps() -> None:
    doc = parse_docx(wps_file(), "r.docx")
    assert doc.meta == {"application": "WPS Office_12.1.0.17827"}
    assert [(n.text, n.row, n.col) for n in doc.nodes] == [
        ("一、总体情况", None, None),
        ("2023年，本局共收到申请3件。", None, None),
        ("二、主动公开政府信息情况", None, None),
        ("信息内容", 0, 0),
        ("本年制发件数", 0, 1),
        ("2", 1, 1),
        ("（盖章）", None, None),
    ]
    assert doc.problems == [] and doc.marks == []


def test_the_main_part_is_found_through_the_package_relationship(tmp_path: Path) -> None:
    data = related_docx(para("另名的正文"), {}, main="word/document2.xml")
    assert texts(parse_docx(data, "r.docx")) == ["另名的正文"]


def test_damaged_helper_parts_do_not_stop_the_reading() -> None:
    data = related_docx(
        numbered("总体情况", 1), {"numbering": b"<w:numbering", "styles": b"\xff\xfe", "comments": b"<x/>"}
    )
    doc = parse_docx(data, "r.docx")
    assert (texts(doc), doc.problems, doc.marks) == (["总体情况"], [], [])


def test_marks_are_plain_data() -> None:
    assert Mark("comment", "x", Span(logical="批注")).detail == ""
