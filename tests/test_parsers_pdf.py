"""The PDF reader: reading order, ruled and borderless tables as cells, spans, and refusing bad PDFs."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from functools import cache

import pytest

import gilint.parsers.pdfium as pdfium_module
from gilint.model import Document, Span
from gilint.parsers import read_document
from gilint.parsers.pdf import parse_pdf
from tests.conftest import shared_file
from tests.hostile import limited
from tests.pdfgen import Grid, PdfBuilder

Row = tuple[str, str, int | None, int | None, int | None]


def rows(doc: Document) -> list[Row]:
    return [(n.kind, n.text, n.table, n.row, n.col) for n in doc.nodes]


def kinds(doc: Document) -> list[str]:
    return [p.kind for p in doc.problems]


def cells(table: int, row: int, *texts: tuple[int, str]) -> list[Row]:
    return [("cell", text, table, row, col) for col, text in texts]


TABLE3 = Grid(
    x=60,
    top=100,
    widths=[40, 150, 60, 60],
    heights=[20, 20, 40, 40, 20],
    rows=[
        ["（本列数据的勾稽关系）", None, "申请人情况", None],
        [None, None, "自然人", "总计"],
        ["三\n、\n办\n理", "（一）予以公开", "3", "3"],
        [None, "（二）部分公开", "1", ""],
        ["四、结转", "", "0", "0"],
    ],
    spans={(0, 0): (2, 2), (0, 2): (1, 2), (2, 0): (2, 1)},
)


def report_pdf() -> bytes:
    b = PdfBuilder().text(60, 40, "某局2023年政府信息公开工作年度报告", 16)
    b.text(60, 70, "三、收到和处理政府信息公开申请情况").grid(TABLE3)
    b.text(60, 290, "四、政府信息公开行政复议、行政诉讼情况")
    return b.text(280, 800, "- 1 -").data()


def test_prose_and_a_ruled_table_in_reading_order() -> None:
    doc = parse_pdf(report_pdf(), "r.pdf")
    assert (doc.kind, doc.path, doc.problems) == ("pdf", "r.pdf", [])
    assert rows(doc) == [
        ("text", "某局2023年政府信息公开工作年度报告", None, None, None),
        ("text", "三、收到和处理政府信息公开申请情况", None, None, None),
        *cells(0, 0, (0, "（本列数据的勾稽关系）"), (2, "申请人情况")),
        *cells(0, 1, (2, "自然人"), (3, "总计")),
        *cells(0, 2, (0, "三、办理"), (1, "（一）予以公开"), (2, "3"), (3, "3")),
        *cells(0, 3, (1, "（二）部分公开"), (2, "1"), (3, "")),  # a blank among numbers stays: a blank value
        *cells(0, 4, (0, "四、结转"), (2, "0"), (3, "0")),  # an empty label cell does not
        ("text", "四、政府信息公开行政复议、行政诉讼情况", None, None, None),
    ]


def test_spans_name_page_line_and_cell() -> None:
    doc = parse_pdf(report_pdf(), "r.pdf")
    assert doc.lines == [n.text for n in doc.nodes]
    assert [n.span.line for n in doc.nodes] == list(range(1, len(doc.nodes) + 1))
    assert not any(n.exact for n in doc.nodes)
    assert doc.nodes[1].span == Span(line=2, page=1, logical="第1页 第2行")
    assert doc.nodes[9].span == Span(line=10, page=1, logical="第1页 表格1 行3 列4")
    assert doc.nodes[-1].span == Span(line=17, page=1, logical="第1页 第3行")
    assert doc.source_line(doc.nodes[9].span) == "3"


def test_a_table_running_on_over_a_page_break_keeps_its_number() -> None:
    b = PdfBuilder().text(60, 60, "表格之前的一行")
    b.grid(Grid(60, 700, [150, 60], [30, 30], [["一、本年新收", "21"], ["二、上年结转", "4"]], open_bottom=True))
    b.page().grid(Grid(60, 60, [150, 60], [30], [["四、结转下年度继续办理", "7"]]))
    doc = parse_pdf(b.data(), "r.pdf")
    assert rows(doc)[1:] == [
        *cells(0, 0, (0, "一、本年新收"), (1, "21")),
        *cells(0, 1, (0, "二、上年结转"), (1, "4")),
        *cells(0, 2, (0, "四、结转下年度继续办理"), (1, "7")),
    ]
    assert doc.nodes[-1].span == Span(line=7, page=2, logical="第2页 表格1 行3 列2")


def test_a_table_after_text_or_with_other_columns_is_a_new_table() -> None:
    b = PdfBuilder().grid(Grid(60, 700, [150, 60], [30], [["行政许可", "550"]]))
    b.page().grid(Grid(60, 60, [100, 60, 60], [30], [["规章", "0", "1"]]))
    b.text(60, 120, "其间的一行").grid(Grid(60, 150, [100, 60, 60], [30], [["行政处罚", "2", "3"]]))
    b.grid(Grid(60, 200, [100, 60, 60], [30], [["行政强制", "4", "5"]]))  # same columns, same page
    assert [(n.text, n.table, n.row) for n in parse_pdf(b.data(), "r.pdf").nodes] == [
        ("行政许可", 0, 0),
        ("550", 0, 0),
        ("规章", 1, 0),
        ("0", 1, 0),
        ("1", 1, 0),
        ("其间的一行", None, None),
        ("行政处罚", 2, 0),
        ("2", 2, 0),
        ("3", 2, 0),
        ("行政强制", 3, 0),
        ("4", 3, 0),
        ("5", 3, 0),
    ]


def test_backgrounds_and_boxes_around_text_are_not_tables() -> None:
    b = PdfBuilder()
    for i, line in enumerate(["本报告由某局编制，", "统计期限自 2023 年 1 月 1 日起"]):
        b.rect(60, 100 + 27 * i, 440, 27, fill=True, stroke=False).text(62, 106 + 27 * i, line)
    b.rect(60, 200, 440, 30).text(64, 208, "一个方框里的说明 12 件")
    assert rows(parse_pdf(b.data(), "r.pdf")) == [
        ("text", "本报告由某局编制，", None, None, None),
        ("text", "统计期限自 2023 年 1 月 1 日起", None, None, None),
        ("text", "一个方框里的说明 12 件", None, None, None),
    ]


def test_a_ruling_drawn_as_a_thin_filled_rectangle_counts() -> None:
    b = PdfBuilder()
    for top in (100, 130):
        b.rect(60, top, 220, 0.8, fill=True, stroke=False)
    for x in (60, 200, 280):
        b.rect(x, 100, 0.8, 30, fill=True, stroke=False)
    b.text(64, 108, "行政许可").text(204, 108, "550")
    assert rows(parse_pdf(b.data(), "r.pdf")) == cells(0, 0, (0, "行政许可"), (1, "550"))


def test_borderless_rows_split_into_cells_and_prose_does_not() -> None:
    b = PdfBuilder().text(60, 100, "一、本年新收政府信息公开申请数量", 10)
    for x, value in ((300, "21"), (340, "0"), (380, "21")):
        b.text(x, 100, value, 10)
    b.text(60, 120, "（七）总计 21", 10).text(340, 120, "0 3", 10)
    b.text(60, 140, "政府信息公开行政复议", 10).text(400, 140, "351", 10)
    b.text(60, 160, "二、上年结转", 10).text(300, 160, "0", 10).text(340, 160, "—", 10)
    b.text(60, 180, "- 2 -  2023 2024", 10)  # numbers, but no wide gap: prose
    doc = parse_pdf(b.data(), "r.pdf")
    assert rows(doc) == [
        *cells(0, 0, (0, "一、本年新收政府信息公开申请数量"), (1, "21"), (2, "0"), (3, "21")),
        *cells(0, 1, (0, "（七）总计"), (1, "21"), (2, "0"), (3, "3")),
        ("text", "政府信息公开行政复议 351", None, None, None),
        *cells(1, 0, (0, "二、上年结转"), (1, "0"), (2, "—")),
        ("text", "- 2 - 2023 2024", None, None, None),
    ]
    assert doc.nodes[4].span.logical == "第1页 表格1 行2 列1"


def test_page_numbers_in_the_margins_are_dropped() -> None:
    b = PdfBuilder().text(280, 20, "第 2 页").text(60, 100, "正文")
    b.text(60, 420, "2024").text(560, 790, "3/5").text(280, 810, "— 3 —")
    assert [n.text for n in parse_pdf(b.data(), "r.pdf").nodes] == ["正文", "2024"]


def test_text_drawn_twice_for_bold_reads_once() -> None:
    b = PdfBuilder().text(60, 100, "一、总体情况").text(60.3, 100, "一、总体情况")
    assert [n.text for n in parse_pdf(b.data(), "r.pdf").nodes] == ["一、总体情况"]


def test_a_pdf_without_text_needs_ocr() -> None:
    for data in (PdfBuilder().rect(100, 100, 200, 100).data(), PdfBuilder().image(50, 50, 500, 700).data()):
        doc = parse_pdf(data, "scan.pdf")
        assert (doc.nodes, doc.lines, kinds(doc)) == ([], [], ["pdf-no-text"])
        assert doc.problems[0].message_zh == "PDF 没有文字层（可能是扫描件），需要先 OCR"
        assert doc.problems[0].message_en == "the PDF has no text layer (a scan?): OCR it first"


def test_scanned_pages_among_text_pages_are_named() -> None:
    b = PdfBuilder().text(60, 100, "一、总体情况").page().image(50, 50, 500, 700).page().rect(60, 60, 10, 10)
    doc = parse_pdf(b.page().image(50, 50, 500, 700).data(), "r.pdf")
    assert ([n.text for n in doc.nodes], kinds(doc)) == (["一、总体情况"], ["pdf-no-text"])
    assert (doc.problems[0].span, doc.problems[0].message_zh) == (
        Span(page=2),
        "第 2、4 页只有图像、没有文字层（可能是扫描页），未被读取，需要先 OCR",
    )


def test_encrypted_pdfs() -> None:
    assert kinds(parse_pdf(PdfBuilder(password="secret").text(60, 100, "正文").data(), "r.pdf")) == ["pdf-encrypted"]
    owner_only = PdfBuilder(password="").text(60, 100, "Annual report 2023", font="Helvetica").data()
    readable = parse_pdf(owner_only, "r.pdf")  # restrictions only: opens without a password
    assert ([n.text for n in readable.nodes], readable.problems) == (["Annual report 2023"], [])


@pytest.mark.parametrize("data", [b"", b"hello, not a pdf", b"PK\x03\x04" + b"\0" * 100, b"%PDF-1.7\n% junk\n"])
def test_not_a_pdf_is_broken(data: bytes) -> None:
    doc = parse_pdf(data, "r.pdf")
    assert (doc.nodes, kinds(doc)) == ([], ["pdf-broken"])
    assert doc.problems[0].message_zh and doc.problems[0].message_en


def test_a_truncated_pdf_is_broken() -> None:
    data = report_pdf()
    for cut in (len(data) // 2, len(data) - 100, 200):
        assert kinds(parse_pdf(data[:cut], "r.pdf")) == ["pdf-broken"]


def test_a_page_that_fails_is_reported_and_the_others_read() -> None:
    data = PdfBuilder().text(60, 100, "一").page().text(60, 100, "二").page().text(60, 100, "三").data()
    second = data.index(b"/FlateDecode", data.index(b"/FlateDecode") + 1)  # page 2's content stream
    doc = parse_pdf(data[:second] + b"/FlatXDecode" + data[second + 12 :], "r.pdf")
    assert ([n.text for n in doc.nodes], kinds(doc)) == (["一", "三"], ["pdf-broken"])
    assert (doc.problems[0].span, doc.problems[0].message_en) == (
        Span(page=2),
        "page 2 is damaged and was not read (Unsupported filter: /'FlatXDecode')",
    )
    unreadable = parse_pdf(data.replace(b"/FlateDecode", b"/FlatXDecode"), "r.pdf")
    assert kinds(unreadable) == ["pdf-broken"] * 3  # damaged, not a scan: no "pdf-no-text"


def test_page_and_character_caps() -> None:
    data = PdfBuilder().text(60, 100, "一").page().text(60, 100, "第二页的字比较多").page().text(60, 100, "三").data()
    with limited(**{"pdf-pages": 2, "pdf-page-chars": 5}):
        doc = parse_pdf(data, "r.pdf")
    assert ([n.text for n in doc.nodes], kinds(doc)) == (["一"], ["pdf-page-too-dense", "pdf-too-many-pages"])
    assert [p.span.page for p in doc.problems] == [2, 3]
    assert [p.message_en for p in doc.problems] == [
        "page 2 holds 8 characters, over the safety limit (the number of characters on one PDF page: 5): the page "
        "was not read; if the file is sound, raise it with --limit pdf-page-chars=N",
        "the PDF has 3 pages, over the safety limit (the number of PDF pages: 2 pages): pages from 3 on were not "
        "read; if the file is sound, raise it with --limit pdf-pages=N",
    ]
    assert doc.problems[1].message_zh == (
        "PDF 有 3 页，超出安全上限（PDF 的页数 2 页），第 3 页起未读取；如确属正常文件，可用 --limit pdf-pages=N 调高"
    )


def test_too_many_table_rules_read_as_text() -> None:
    b = PdfBuilder().grid(Grid(60, 100, [150, 60], [30, 30], [["规章", "0"], ["行政许可", "550"]]))
    with limited(**{"pdf-page-crossings": 8}):  # the grid below has 3 x 3 rule crossings
        doc = parse_pdf(b.page().grid(Grid(60, 100, [150, 60], [30], [["行政处罚", "1"]])).data(), "r.pdf")
    assert (rows(doc), kinds(doc)) == (
        [
            ("text", "规章 0", None, None, None),
            ("text", "行政许可 550", None, None, None),
            *cells(0, 0, (0, "行政处罚"), (1, "1")),
        ],
        ["pdf-page-too-dense"],
    )
    assert (doc.problems[0].span, doc.problems[0].message_en) == (
        Span(page=1),
        "page 1's table rules cross 9 times, over the safety limit (the number of crossings of table "
        "rules on one PDF page: 8): its tables were read as text; if the file is sound, raise it with "
        "--limit pdf-page-crossings=N",
    )


def test_the_node_limit_stops_reading() -> None:
    with limited(nodes=3):
        doc = parse_pdf(report_pdf(), "r.pdf")
    assert ([n.text for n in doc.nodes], kinds(doc)) == (
        ["某局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系）"],
        ["too-many-nodes"],
    )
    assert doc.problems[0].span == Span(line=4, page=1, logical="第1页 表格1 行1 列3")


def test_read_document_reads_pdfs() -> None:
    doc = read_document("r.pdf", report_pdf())
    assert (doc.kind, doc.nodes[0].text, doc.problems) == ("pdf", "某局2023年政府信息公开工作年度报告", [])
    assert kinds(read_document("scan.pdf", PdfBuilder().rect(10, 10, 50, 50).data())) == ["pdf-no-text"]


def test_pdfplumber_is_imported_only_when_a_pdf_is_read() -> None:
    code = (
        "import sys, gilint.parsers.pdf; "
        "print('pdfplumber' in sys.modules, 'pdfminer' in sys.modules, 'pypdfium2' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]


def test_pdfium_reads_text_pages_and_pdfminer_the_rest() -> None:
    import pdfplumber

    data = PdfBuilder().text(60, 100, "一、总体情况").page().image(50, 50, 500, 700).data()
    pages = pdfplumber.open(io.BytesIO(data)).pages
    pdfium = pdfium_module.Pdfium.open(data, len(pages))
    assert pdfium is not None
    assert [pdfium.page(page) is not None for page in pages] == [True, False]  # the scan: pdfminer finds its image
    pdfium.close()


def test_a_page_pdfium_reads_differently_is_read_by_pdfminer() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    word, space = stringWidth("Report", "Helvetica", 10), stringWidth(" ", "Helvetica", 10)
    b = PdfBuilder().text(60, 100, "Report", 10, font="Helvetica").text(60 + word, 100, " ", 10, font="Helvetica")
    data = b.text(60 + word + space, 100, "2023", 10, font="Helvetica").data()  # PDFium skips a blank text object
    assert [n.text for n in parse_pdf(data, "r.pdf").nodes] == ["Report 2023"]


# ---------------------------------------------------------------- the three real 淮安 PDFs in ../shared


@cache
def real(name: str) -> Document:
    path = shared_file("corpus", "real", name)
    return parse_pdf(path.read_bytes(), str(path))


HZ2023, HZ2024, HA2024 = "001_huaian-hongzequ_2023.pdf", "002_huaian-hongzequ_2024.pdf", "003_huaianshi_2024.pdf"


def after(doc: Document, label: str, n: int) -> list[str]:
    """The texts of the ``n`` nodes after the first node reading ``label``."""
    i = next(i for i, node in enumerate(doc.nodes) if node.text == label)
    return [node.text for node in doc.nodes[i + 1 : i + 1 + n]]


def table4_values(doc: Document) -> list[str]:
    head = next(n for n in doc.nodes if n.text == "行政复议" and n.kind == "cell")
    table = [n for n in doc.nodes if n.table == head.table]
    last = max(n.row for n in table if n.row is not None)
    return [n.text for n in table if n.row == last]


@pytest.mark.parametrize(
    ("name", "label", "values"),
    [
        (HZ2023, "一、本年新收政府信息公开申请数量", "21 0 0 0 0 0 21"),
        (HZ2023, "1.本机关不掌握相关政府信息", "10 0 0 0 0 0 10"),
        (HZ2023, "（七）总计", "21 0 0 0 0 0 21"),
        (HZ2023, "行政规范性文件", "0 5 5"),
        (HZ2023, "行政事业性收费", "7730.28"),
        (HZ2024, "一、本年新收政府信息公开申请数量", "95 0 0 0 0 0 95"),
        (HZ2024, "（一）予以公开", "50 0 0 0 0 0 50"),
        (HZ2024, "（七）总计", "95 0 0 0 0 0 95"),
        (HA2024, "一、本年新收政府信息公开申请数量", "3001 53 0 0 61 4 3119"),
        (HA2024, "二、上年结转政府信息公开申请数量", "34 0 0 0 0 0 34"),
        (HA2024, "3、其他", "108 2 0 0 0 0 110"),
        (HA2024, "（七）总计", "2932 53 0 0 61 4 3050"),
        (HA2024, "四、结转下年度继续办理", "103 0 0 0 0 0 103"),
        (HA2024, "行政处罚", "3985758"),
    ],
)
def test_real_rows_read_as_printed(name: str, label: str, values: str) -> None:
    assert after(real(name), label, len(values.split())) == values.split()


@pytest.mark.parametrize(
    ("name", "values"),
    [
        (HZ2023, "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0"),  # printed totals 0 that do not add up: kept as printed
        (HZ2024, "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3"),
        (HA2024, "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20"),
    ],
)
def test_real_table4_reads_as_printed(name: str, values: str) -> None:
    assert table4_values(real(name)) == values.split()


@pytest.mark.parametrize(("name", "count"), [(HZ2023, 23 * 7 + 15), (HZ2024, 23 * 7 + 15), (HA2024, 25 * 7 + 15)])
def test_real_pdfs_read_whole(name: str, count: int) -> None:
    doc = real(name)
    texts = [n.text for n in doc.nodes]
    assert doc.problems == []
    headings = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert [texts.index(h) for h in headings] == sorted(texts.index(h) for h in headings)
    assert all(n.kind == "text" for n in doc.nodes if n.text in headings)
    assert not any(t.startswith("- ") for t in texts)  # the "- 1 -" page numbers
    start, end = texts.index(headings[2]), texts.index(headings[4])
    values = [n.text for n in doc.nodes[start:end] if n.kind == "cell" and re.fullmatch(r"[\d\s]+", n.text)]
    assert (len(values), all(v.isdigit() for v in values)) == (count, True)  # one number per cell, never "0 0"
    tables = {n.table for n in doc.nodes[start:end] if n.kind == "cell"}
    assert len(tables) == 2  # table 3 runs on over a page break as one table, then table 4


def test_real_spans() -> None:
    doc = real(HZ2023)
    total = next(n for n in doc.nodes if n.span.logical == "第4页 表格4 行4 列5")
    assert (total.text, total.kind, total.span.page) == ("0", "cell", 4)
    assert doc.source_line(total.span) == "0"
    label = doc.nodes[doc.lines.index("三、本年度办理结果")]  # printed one character per line
    assert label.span.logical == "第3页 表格3 行6 列1"
    assert doc.nodes[0].span == Span(line=1, page=1, logical="第1页 第1行")
    assert doc.nodes[0].text == "洪泽区人民政府"


def test_a_pypdfium2_without_a_symbol_the_binding_uses_is_reported_and_pdfminer_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pypdfium2_raw

    data = report_pdf()
    expected = rows(parse_pdf(data, "r.pdf"))
    monkeypatch.delattr(pypdfium2_raw, "FPDFText_GetCharOrigin")
    pdfium_module._binding.cache_clear()
    try:
        doc = parse_pdf(data, "r.pdf")
    finally:
        monkeypatch.undo()
        pdfium_module._binding.cache_clear()
    assert rows(doc) == expected
    assert kinds(doc) == ["pdfium-incompatible"]
    assert "FPDFText_GetCharOrigin" in doc.problems[0].message_en
    assert pdfium_module.incompatible() is None
