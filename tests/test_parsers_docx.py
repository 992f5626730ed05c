"""The .docx reader: body order, merged cells, logical spans, and refusing hostile archives."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from gilint.model import Span
from gilint.parsers.docx import parse_docx
from tests.docxkit import cell, document_xml, docx_bytes, para, table


def kinds(data: bytes) -> list[str]:
    return [p.kind for p in parse_docx(data, "r.docx").problems]


BODY = "".join(
    [
        para("某局2023年政府信息公开工作年度报告"),
        para(""),
        para("一、总体情况\t（摘要）\n第二行"),
        table(
            [
                [cell("（本列数据的勾稽关系）", span=2, vmerge="restart"), cell("申请人情况", span=2)],
                [cell(span=2, vmerge="continue"), "自然人", "总计"],
                [cell("三、本年度办理结果", vmerge="restart"), "（一）予以公开", "3", ""],
                [cell(vmerge="continue"), "（二）部分公开", "1", "1"],
            ]
        ),
        para("四、结转下年度继续办理"),
    ]
)


def test_paragraphs_and_merged_cells_in_reading_order() -> None:
    doc = parse_docx(docx_bytes(BODY), "r.docx")
    assert doc.kind == "docx"
    assert doc.problems == []
    assert [(n.kind, n.text, n.table, n.row, n.col) for n in doc.nodes] == [
        ("text", "某局2023年政府信息公开工作年度报告", None, None, None),
        ("text", "一、总体情况 （摘要） 第二行", None, None, None),
        ("cell", "（本列数据的勾稽关系）", 0, 0, 0),
        ("cell", "申请人情况", 0, 0, 2),
        ("cell", "自然人", 0, 1, 2),
        ("cell", "总计", 0, 1, 3),
        ("cell", "三、本年度办理结果", 0, 2, 0),
        ("cell", "（一）予以公开", 0, 2, 1),
        ("cell", "3", 0, 2, 2),
        ("cell", "", 0, 2, 3),
        ("cell", "（二）部分公开", 0, 3, 1),
        ("cell", "1", 0, 3, 2),
        ("cell", "1", 0, 3, 3),
        ("text", "四、结转下年度继续办理", None, None, None),
    ]
    assert [n.span for n in doc.nodes[:4]] == [
        Span(line=1, logical="段落 1"),
        Span(line=2, logical="段落 3"),
        Span(line=3, logical="表格 1 行 1 列 1"),
        Span(line=4, logical="表格 1 行 1 列 3"),
    ]
    assert doc.nodes[-1].span == Span(line=14, logical="段落 4")
    assert doc.lines == [n.text for n in doc.nodes]
    assert not any(n.exact for n in doc.nodes)


def test_tracked_deletions_field_codes_and_fallbacks_are_not_text() -> None:
    p = (
        '<w:p xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<w:r><w:t>收到申请</w:t></w:r><w:del><w:r><w:delText>5</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>3</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r>"
        "<w:moveFrom><w:r><w:t>旧</w:t></w:r></w:moveFrom>"
        "<mc:AlternateContent><mc:Choice><w:r><w:t>件</w:t></w:r></mc:Choice>"
        "<mc:Fallback><w:r><w:t>件</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"
    )
    doc = parse_docx(docx_bytes(p), "r.docx")
    assert [n.text for n in doc.nodes] == ["收到申请3件"]


def test_grid_before_and_content_controls() -> None:
    body = (
        "<w:sdt><w:sdtContent>" + para("控件中的段落") + "</w:sdtContent></w:sdt>"
        '<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + cell("a") + cell("b") + "</w:tr>"
        "<w:tr>" + cell("c") + cell("d", span=2) + "</w:tr></w:tbl>"
    )
    doc = parse_docx(docx_bytes(body), "r.docx")
    assert [(n.text, n.row, n.col) for n in doc.nodes] == [
        ("控件中的段落", None, None),
        ("a", 0, 1),
        ("b", 0, 2),
        ("c", 1, 0),
        ("d", 1, 1),
    ]


def test_layout_tables_are_containers_and_nested_tables_are_read() -> None:
    inner = table([["规章", "0"], ["行政规范性文件", "2"]])
    body = (
        table([[cell(para("二、主动公开政府信息情况") + inner), "旁注"]])
        + table([["只有一个单元格"]])
        + table([["长" * 201, "x"]])
    )
    doc = parse_docx(docx_bytes(body), "r.docx")
    assert [(n.kind, n.text, n.table, n.row, n.col, n.span.logical) for n in doc.nodes] == [
        ("text", "二、主动公开政府信息情况", None, None, None, "段落 1"),
        ("cell", "规章", 0, 0, 0, "表格 1 行 1 列 1"),
        ("cell", "0", 0, 0, 1, "表格 1 行 1 列 2"),
        ("cell", "行政规范性文件", 0, 1, 0, "表格 1 行 2 列 1"),
        ("cell", "2", 0, 1, 1, "表格 1 行 2 列 2"),
        ("text", "旁注", None, None, None, "段落 2"),
        ("text", "只有一个单元格", None, None, None, "段落 3"),
        ("text", "长" * 201, None, None, None, "段落 4"),
        ("text", "x", None, None, None, "段落 5"),
    ]


def test_strict_ooxml_namespace() -> None:
    xml = (
        '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>'
        "<w:p><w:r><w:t>严格格式</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    assert [n.text for n in parse_docx(docx_bytes(document=xml), "r.docx").nodes] == ["严格格式"]


def test_xxe_entity_is_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FROM-DISK")
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY inner "INNER-TEXT">]>'
    xml = document_xml(para("开头") + "<w:p><w:r><w:t>前&xxe;后&inner;</w:t></w:r></w:p>", prolog)
    doc = parse_docx(docx_bytes(document=xml), "r.docx")
    text = "\n".join(n.text for n in doc.nodes) + "\n".join(doc.lines)
    assert "SECRET-FROM-DISK" not in text
    assert "INNER-TEXT" not in text
    assert [n.text for n in doc.nodes] == ["开头", "前后"]
    assert [p.kind for p in doc.problems] == ["docx-dtd"]
    assert doc.problems[0].message_zh and doc.problems[0].message_en


def test_billion_laughs_is_refused() -> None:
    defs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = document_xml("<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>", f'<!DOCTYPE d [<!ENTITY l0 "lol">{defs}]>')
    doc = parse_docx(docx_bytes(document=xml), "r.docx")
    assert doc.nodes == []
    assert [p.kind for p in doc.problems] == ["docx-xml"]


def test_high_compression_ratio_is_refused() -> None:
    xml = document_xml(para("x") + " " * 2_000_000)
    assert kinds(docx_bytes(document=xml)) == ["docx-limits"]


def test_too_many_members_is_refused() -> None:
    extra = {f"word/media/{i}.bin": b"" for i in range(2001)}
    assert kinds(docx_bytes(para("x"), extra=extra)) == ["docx-limits"]


def test_not_a_zip_or_missing_document_or_old_word() -> None:
    assert kinds(b"PK\x03\x04 not really a zip") == ["not-docx"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/other.xml", "<x/>")
    assert kinds(out.getvalue()) == ["not-docx"]
    old = parse_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "r.docx").problems
    assert [p.kind for p in old] == ["not-docx"]
    assert ".doc" in old[0].message_zh


def test_malformed_xml_is_reported() -> None:
    doc = parse_docx(docx_bytes(document=b"<w:document><w:body><w:p>"), "r.docx")
    assert [p.kind for p in doc.problems] == ["docx-xml"]
    assert doc.nodes == []


def test_document_without_the_word_namespace_is_not_docx() -> None:
    xml = b"<document><body><p><r><t>x</t></r></p></body></document>"
    assert kinds(docx_bytes(document=xml)) == ["not-docx"]
