"""The Markdown reader: headings, prose and pipe tables as nodes at their exact source columns."""

from __future__ import annotations

import pytest

from gilint.model import Node, Span
from gilint.parsers.markdown import parse_markdown
from tests.conftest import SHARED


def parse(text: str) -> list[Node]:
    return parse_markdown(text.encode(), "r.md").nodes


def at(
    text: str,
    line: int,
    col: int,
    kind: str = "text",
    table: int | None = None,
    row: int | None = None,
    column: int | None = None,
) -> Node:
    return Node(text, Span(line, col, line, col + max(len(text), 1) - 1), kind, table, row, column)


REPORT = """# 某局2023年政府信息公开工作年度报告

## 一、总体情况 ##
  本年度共收到申请3件。
<!-- 编辑注释：不是正文 -->
### 表三

| 申请人情况 | 自然人 | 总计 |
|:---|---:|---|
| 一、本年新收政府信息公开申请数量 | 3 |  |
|二、上年结转|0|0|
不在表中的一行
"""


def test_headings_prose_and_a_pipe_table() -> None:
    doc = parse_markdown(REPORT.encode(), "r.md")
    assert doc.kind == "markdown"
    assert doc.nodes == [
        at("某局2023年政府信息公开工作年度报告", 1, 3),
        at("一、总体情况", 3, 4),
        at("本年度共收到申请3件。", 4, 3),
        at("表三", 6, 5),
        at("申请人情况", 8, 3, "cell", 0, 0, 0),
        at("自然人", 8, 11, "cell", 0, 0, 1),
        at("总计", 8, 17, "cell", 0, 0, 2),
        at("一、本年新收政府信息公开申请数量", 10, 3, "cell", 0, 1, 0),
        at("3", 10, 22, "cell", 0, 1, 1),
        at("", 10, 25, "cell", 0, 1, 2),
        at("二、上年结转", 11, 2, "cell", 0, 2, 0),
        at("0", 11, 9, "cell", 0, 2, 1),
        at("0", 11, 11, "cell", 0, 2, 2),
        at("不在表中的一行", 12, 1),
    ]
    assert doc.lines[4] == "<!-- 编辑注释：不是正文 -->"
    for n in doc.nodes:
        if n.text:
            assert doc.lines[n.span.line - 1][n.span.column - 1 : n.span.end_column] == n.text


def test_tables_are_counted_and_separators_skipped_anywhere() -> None:
    nodes = parse("| a | b |\n|---|---|\n\n## 表二\n| c |\n|---|\n| d |\n|---|\n| - | — |\n")
    assert [(n.text, n.table, n.row, n.col) for n in nodes if n.kind == "cell"] == [
        ("a", 0, 0, 0),
        ("b", 0, 0, 1),
        ("c", 1, 0, 0),
        ("d", 1, 1, 0),
        ("-", 1, 2, 0),
        ("—", 1, 2, 1),
    ]
    assert [n.text for n in nodes if n.kind == "text"] == ["表二"]


def test_table_rows_without_outer_pipes() -> None:
    nodes = parse("信息内容 | 本年制发件数\n--- | ---\n规章 | 5\n说明 a|b 不是表格\n\n无表格的 | 一行")
    assert [(n.kind, n.text, n.row, n.col) for n in nodes] == [
        ("cell", "信息内容", 0, 0),
        ("cell", "本年制发件数", 0, 1),
        ("cell", "规章", 1, 0),
        ("cell", "5", 1, 1),
        ("cell", "说明 a", 2, 0),
        ("cell", "b 不是表格", 2, 1),
        ("text", "无表格的 | 一行", None, None),
    ]


def test_escaped_pipe_stays_in_its_cell() -> None:
    assert [n.text for n in parse(r"| a \| b | c |")] == [r"a \| b", "c"]


def test_comments_spanning_lines_and_inside_lines() -> None:
    nodes = parse("前<!-- x -->后\n<!-- 开始\n| 1 | 2 |\n结束 -->\n正文")
    assert [(n.text, n.span.line, n.span.column) for n in nodes] == [("前", 1, 1), ("后", 1, 12), ("正文", 5, 1)]


def test_markers_trimmed_from_the_ends_only() -> None:
    nodes = parse("**一、总体情况**\n> 引用的段落\n- 项目 **加粗** 文字\n---\n#无空格标题\n*a* 和 *b*\n1.属于国家秘密")
    assert [(n.text, n.span.line, n.span.column) for n in nodes] == [
        ("一、总体情况", 1, 3),
        ("引用的段落", 2, 3),
        ("项目 **加粗** 文字", 3, 3),
        ("无空格标题", 5, 2),
        ("*a* 和 *b*", 6, 1),
        ("1.属于国家秘密", 7, 1),
    ]


def test_real_markdown_table_rows() -> None:
    matches = sorted((SHARED / "corpus" / "real").glob("011_*.md"))
    if not matches:
        pytest.skip("../shared is not beside the project")
    doc = parse_markdown(matches[0].read_bytes(), "011.md")
    row = [n.text for n in doc.nodes if n.kind == "cell" and n.span.line == 102]
    assert row == ["一、本年新收政府信息公开申请数量", "32", "2", "0", "0", "0", "0", "34", ""]
    assert any(n.kind == "text" and n.text == "表三：收到和处理政府信息公开申请情况" for n in doc.nodes)
