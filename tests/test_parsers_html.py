"""The HTML reader: reading order, table grids, spans, page chrome, declared metadata, bad markup."""

from __future__ import annotations

import pytest

from gilint.model import Node
from gilint.parsers.html import parse_html
from tests.conftest import SHARED


def rows(nodes: list[Node]) -> list[tuple[str, str, int | None, int | None, int | None]]:
    return [(n.kind, n.text, n.table, n.row, n.col) for n in nodes]


def places(nodes: list[Node]) -> list[tuple[str, int | None, int | None]]:
    return [(n.text, n.span.line, n.span.column) for n in nodes]


GBK_PAGE = """<!DOCTYPE html>
<html><head><meta charset="gbk">
<title>某区2023年政府信息公开工作年度报告</title>
<meta name="PubDate" content="2024-01-20 09:30">
</head><body>
<p>一、总体情况</p>
<p>本年度共收到申请3件。</p>
</body></html>
"""


def test_gbk_page_with_declared_charset() -> None:
    doc = parse_html(GBK_PAGE.encode("gbk"), "r.html")
    assert doc.kind == "html"
    assert doc.encoding == "gb18030"
    assert doc.problems == []
    assert rows(doc.nodes) == [
        ("text", "一、总体情况", None, None, None),
        ("text", "本年度共收到申请3件。", None, None, None),
    ]
    assert places(doc.nodes) == [("一、总体情况", 6, 1), ("本年度共收到申请3件。", 7, 1)]
    assert all(not n.exact for n in doc.nodes)
    assert doc.meta == {"title": "某区2023年政府信息公开工作年度报告", "pubdate": "2024-01-20 09:30"}
    assert doc.lines[5] == "<p>一、总体情况</p>"


def test_article_title_meta_wins_over_title_and_other_pubdate_names() -> None:
    page = (
        '<html><head><title>网站 - 首页</title><meta name="articletitle" content=" 某局  年报 ">'
        '<meta name="firstpublishedtime" content="2024-01-05"></head><body><p>x</p></body></html>'
    )
    doc = parse_html(page.encode(), "r.html")
    assert doc.meta == {"title": "某局 年报", "pubdate": "2024-01-05"}


TABLE = """<p>三、收到和处理政府信息公开申请情况</p>
<table>
<tr><td colspan="2" rowspan="2">（本列数据的勾稽关系）</td><td colspan="2">申请人情况</td></tr>
<tr><td>自然人</td><td>总&nbsp;计</td></tr>
<tr><td rowspan="2">三、本年度<br>办理结果</td><td>（一）予以公开</td><td> 3 </td><td></td></tr>
<tr><td>（二）部分公开</td><td>1</td><td><p>1</p><p>件</p></td></tr>
</table>
"""


def test_table_cells_in_row_major_order_with_grid_columns() -> None:
    doc = parse_html(TABLE.encode(), "r.html")
    assert rows(doc.nodes) == [
        ("text", "三、收到和处理政府信息公开申请情况", None, None, None),
        ("cell", "（本列数据的勾稽关系）", 0, 0, 0),
        ("cell", "申请人情况", 0, 0, 2),
        ("cell", "自然人", 0, 1, 2),
        ("cell", "总 计", 0, 1, 3),
        ("cell", "三、本年度 办理结果", 0, 2, 0),
        ("cell", "（一）予以公开", 0, 2, 1),
        ("cell", "3", 0, 2, 2),
        ("cell", "", 0, 2, 3),
        ("cell", "（二）部分公开", 0, 3, 1),
        ("cell", "1", 0, 3, 2),
        ("cell", "1 件", 0, 3, 3),
    ]
    assert places(doc.nodes)[:3] == [
        ("三、收到和处理政府信息公开申请情况", 1, 1),
        ("（本列数据的勾稽关系）", 3, 5),
        ("申请人情况", 3, 49),
    ]
    assert places(doc.nodes)[-1] == ("1 件", 6, 31)


def test_rowspan_zero_and_bad_span_values() -> None:
    page = (
        '<table><tr><td rowspan="0">a</td><td colspan="x">b</td><td>c</td></tr>'
        '<tr><td>d</td><td colspan="2;">e</td></tr><tr><td>f</td></tr></table>'
    )
    doc = parse_html(page.encode(), "r.html")
    assert [(n.text, n.row, n.col) for n in doc.nodes] == [
        ("a", 0, 0),
        ("b", 0, 1),
        ("c", 0, 2),
        ("d", 1, 1),
        ("e", 1, 2),
        ("f", 2, 1),
    ]


def test_page_chrome_is_dropped_and_article_header_kept() -> None:
    page = """<html><head><style>p{color:red}</style><script>var a = "<p>no</p>";</script></head>
<body><header><p>网站首页</p></header><nav><p>导航</p></nav>
<script>document.write("<p>脚本</p>")</script><noscript>请启用脚本</noscript>
<article><header><h1>某局2023年政府信息公开工作年度报告</h1></header>
<div class="share">分享到：<a href="#">微信</a><button>打印</button></div>
<p>一、总体情况</p></article>
<footer><p>主办单位：某局</p></footer></body></html>"""
    doc = parse_html(page.encode(), "r.html")
    assert places(doc.nodes) == [
        ("某局2023年政府信息公开工作年度报告", 4, 18),
        ("分享到：微信", 5, 1),
        ("一、总体情况", 6, 1),
    ]


def test_layout_table_is_a_container() -> None:
    long_text = "本年度报告" * 45
    page = f"""<table><tr><td>导航</td><td>
<p>二、主动公开政府信息情况</p>
<table><tr><td>规章</td><td>0</td></tr></table>
</td></tr></table>
<table><tr><td>{long_text}</td><td>x</td></tr></table>
<table><tr><td>只有一个单元格</td></tr></table>
<table><tr><td>a</td><td>b</td></tr></table>"""
    doc = parse_html(page.encode(), "r.html")
    assert rows(doc.nodes) == [
        ("text", "导航", None, None, None),
        ("text", "二、主动公开政府信息情况", None, None, None),
        ("cell", "规章", 0, 0, 0),
        ("cell", "0", 0, 0, 1),
        ("text", long_text, None, None, None),
        ("text", "x", None, None, None),
        ("text", "只有一个单元格", None, None, None),
        ("cell", "a", 1, 0, 0),
        ("cell", "b", 1, 0, 1),
    ]


def test_br_and_inline_markup_stay_in_one_node() -> None:
    page = "<div>一、<b>总体</b>情况<br>\n（一）主动公开<br/><span>方面</span></div><p>下一段</p>tail"
    doc = parse_html(page.encode(), "r.html")
    assert places(doc.nodes) == [("一、总体情况 （一）主动公开 方面", 1, 1), ("下一段", 2, 34), ("tail", 2, 34)]


def test_comments_do_not_shift_columns() -> None:
    page = "<p>a</p><!-- <p>old</p> --><p>b</p><!--x--><p>c</p>"
    doc = parse_html(page.encode(), "r.html")
    assert places(doc.nodes) == [("a", 1, 1), ("b", 1, 28), ("c", 1, 44)]


def test_broken_markup_does_not_raise() -> None:
    page = b"<html><body><p>a<td>b</p><table><tr><td>1<td>2</table>c</span></div><p"
    doc = parse_html(page, "r.html")
    assert rows(doc.nodes) == [
        ("text", "a", None, None, None),
        ("text", "b", None, None, None),
        ("cell", "1", 0, 0, 0),
        ("cell", "2", 0, 0, 1),
        ("text", "c", None, None, None),
    ]


@pytest.mark.parametrize("page", [b"", b"   ", b"<!-- only a comment -->", b"<html></html>"])
def test_no_content(page: bytes) -> None:
    doc = parse_html(page, "r.html")
    assert doc.nodes == []
    assert doc.problems == []


def test_deep_nesting_is_bounded_and_reported() -> None:
    page = b"<p>before</p>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000
    doc = parse_html(page, "r.html")
    assert [n.text for n in doc.nodes] == ["before"]
    assert [p.kind for p in doc.problems] == ["html-too-deep"]


def _real(name: str) -> bytes:
    matches = sorted((SHARED / "corpus" / "real").glob(name))
    if not matches:
        pytest.skip(f"{name} not available (../shared is not beside the project)")
    return matches[0].read_bytes()


def _table_row(nodes: list[Node], table: int, row: int) -> list[str]:
    return [n.text for n in nodes if n.kind == "cell" and n.table == table and n.row == row]


def test_real_fragment_without_line_breaks() -> None:
    doc = parse_html(_real("014_*.html"), "014.html")
    assert doc.nodes[0].text == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert doc.nodes[1].text == "发布日期：2020-01-31"
    assert len(doc.lines) == 1
    assert max(n.table or 0 for n in doc.nodes) == 2
    assert _table_row(doc.nodes, 1, 3) == ["一、本年新收政府信息公开申请数量", "821", "35", "", "", "2", "1", "859"]
    assert _table_row(doc.nodes, 1, 24) == ["（七）总计", "767", "35", "", "", "2", "1", "805"]
    assert [n.col for n in doc.nodes if n.table == 1 and n.row == 24] == [1, 3, 4, 5, 6, 7, 8, 9]
    assert _table_row(doc.nodes, 2, 3) == ["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""]
    first = next(n for n in doc.nodes if n.table == 1)
    assert (first.span.line, first.span.column) == (1, 8880)
    assert doc.lines[0][8879:8882] == "<td"


def test_real_cms_page_with_nested_layout() -> None:
    doc = parse_html(_real("015_*.html"), "015.html")
    assert doc.meta["title"] == "沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局"
    assert {n.table for n in doc.nodes if n.kind == "cell"} == {0, 1, 2, 3}
    assert _table_row(doc.nodes, 0, 1) == ["索引号", "014314799/2024-00002", "分类", "信息公开年报 其他 报告"]
    assert _table_row(doc.nodes, 1, 3) == ["规范性文件", "8", "0", "18"]
    assert _table_row(doc.nodes, 2, 2) == ["商业 企业", "科研 机构", "社会公益组织", "法律服务机构", "其他"]
    assert _table_row(doc.nodes, 2, 3) == ["一、本年新收政府信息公开申请数量", "26", "", "", "", "", "", "26"]
    assert _table_row(doc.nodes, 2, 26) == ["（七）总计", "26", "", "", "", "", "", "26"]
    assert _table_row(doc.nodes, 3, 3) == ["0", "0", "0", "1", "1"] + ["0"] * 10
    texts = [n.text for n in doc.nodes]
    order = [texts.index(t) for t in ("一、总体情况", "三、收到和处理政府信息公开申请情况", "六、其他需要报告的事项")]
    assert order == sorted(order)
    assert texts[-1] == "2024年1月17日"
    assert "沭阳县人民政府" not in texts  # the <title> inside the page body is not content


def test_line_numbers_past_libxml2_limit() -> None:
    doc = parse_html(b"\n" * 70_000 + b"<p>x</p>\n  <p>y</p>", "r.html")
    assert places(doc.nodes) == [("x", 70_001, 1), ("y", 70_002, 3)]


def test_hostile_rowspans_stay_linear() -> None:
    page = b"<table>" + b'<tr><td rowspan="3000">a</td><td>b</td></tr>' * 3000 + b"</table>"
    doc = parse_html(page, "r.html")
    assert len(doc.nodes) == 6000
    assert [(n.text, n.row, n.col) for n in doc.nodes[:6]] == [
        ("a", 0, 0),
        ("b", 0, 1),
        ("a", 1, 1),
        ("b", 1, 2),
        ("a", 2, 2),
        ("b", 2, 3),
    ]


def test_cell_text_joined_as_the_walk_joins_it() -> None:
    # a cell holding one block with only white space beside it reads as that block's text; two blocks, a <br>,
    # text beside the block or a comment are a space apart, as the walk puts them
    page = (
        "<table><tr><td> <p>总<span>计</span></p> </td><td><p>a</p><p>b</p></td><td>x<p>y</p></td></tr>"
        "<tr><td><span>1</span><b>2</b></td><td>3<br>4</td><td>5<!-- c -->6</td></tr></table>"
    )
    doc = parse_html(page.encode(), "r.html")
    assert [(n.text, n.span.column, n.row, n.col) for n in doc.nodes] == [
        ("总计", 12, 0, 0),
        ("a b", 45, 0, 1),
        ("x y", 70, 0, 2),
        ("12", 97, 1, 0),
        ("3 4", 128, 1, 1),
        ("56", 143, 1, 2),
    ]


def test_block_of_inline_text_and_the_blocks_after_it_keep_their_places() -> None:
    page = "<p>a<span>b<b>c</b></span>d</p>\n  <p>e<br>f</p><div><p>g</p>h</div>"
    doc = parse_html(page.encode(), "r.html")
    assert places(doc.nodes) == [("abcd", 1, 1), ("e f", 2, 3), ("g", 2, 21), ("h", 2, 21)]


@pytest.mark.parametrize("letter", ["", "ſ", "İ", "K"])
def test_start_tags_found_in_any_case(letter: str) -> None:
    # a page holding a letter that Python's case folding tells apart from str.lower is searched ignoring case
    page = f"<P>{letter}a</P><Table><TR><Td>1</Td><TD>2</TD></TR></Table><p>b</p>"
    doc = parse_html(page.encode(), "r.html")
    n = len(letter)
    assert places(doc.nodes) == [(f"{letter}a", 1, 1), ("1", 1, 20 + n), ("2", 1, 30 + n), ("b", 1, 53 + n)]
