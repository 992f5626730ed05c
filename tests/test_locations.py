"""Locations a reader can use: each diagnostic names the section and paragraph, or the table by its
number in the format with its row and column labels, the page of a PDF, and the plain text there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gilint.config import Config
from gilint.engine import check_file, load_plugins
from gilint.model import Where
from gilint.reporters import location
from gilint.reporters.json import to_json
from gilint.testing.reports import make_report
from tests.conftest import shared_file
from tests.reportformats import docx, html

WRONG = ("共收到政府信息公开申请13件", "共收到政府信息公开申请15件")  # GI401 in section 3, its 2nd paragraph
T3_ROW = {"3.1": [5, 0, 0, 0, 0, 0, 9]}  # the row total 9 is not 5: GI312 at 表三 （一）予以公开 / 总计
PLUGINS = load_plugins()


def check(tmp_path: Path, name: str, data: bytes) -> list:  # type: ignore[type-arg]
    (tmp_path / name).write_bytes(data)
    return check_file(str(tmp_path / name), Config(root=tmp_path), PLUGINS).diagnostics


BUILD = {"r.txt": lambda t: t.encode(), "r.html": html, "r.docx": docx}


@pytest.mark.parametrize("name", list(BUILD))
def test_a_paragraph_is_named_by_its_section(tmp_path: Path, name: str) -> None:
    [d] = check(tmp_path, name, BUILD[name](make_report().replace(*WRONG)))
    assert d.code == "GI401"
    assert d.where == Where(
        section=3,
        section_title="收到和处理政府信息公开申请情况",
        paragraph=2,
        text="2023年，我局共收到政府信息公开申请15件，上年结转1件。",
    )
    assert d.where.label("zh") == "第三部分“收到和处理政府信息公开申请情况” 第2段"
    assert d.where.label("en") == "section 3 “收到和处理政府信息公开申请情况”, paragraph 2"


@pytest.mark.parametrize("name", list(BUILD))
def test_a_cell_is_named_by_its_table_row_and_column(tmp_path: Path, name: str) -> None:
    found = [d for d in check(tmp_path, name, BUILD[name](make_report(t3=T3_ROW))) if d.code == "GI312"]
    [d] = found
    assert (d.where.table, d.where.row, d.where.col) == (3, "3.1", "total")
    assert d.where.label() == "表三 “（一）予以公开”行 “总计”列"
    assert d.where.label("en") == "table 3, row “（一）予以公开”, column “总计”"
    assert d.where.text.replace(" |", "").split() == ["（一）予以公开", "5", "0", "0", "0", "0", "0", "9"]


def test_html_excerpts_are_text_never_markup(tmp_path: Path) -> None:
    for d in check(tmp_path, "r.html", html(make_report(t3=T3_ROW).replace(*WRONG))):
        record = to_json(d)
        assert d.excerpt is None and "<" not in record["excerpt"] and "<" not in record["where"]["text"]
        assert record["line"] is not None and record["column"] is not None  # the source place is kept


def test_docx_locations_name_the_table_by_its_number_in_the_format(tmp_path: Path) -> None:
    [d] = [d for d in check(tmp_path, "r.docx", docx(make_report(t3=T3_ROW))) if d.code == "GI312"]
    assert d.span.logical.startswith("表格 ")  # the reader's own place: the n-th table in the file
    assert location(d) == f"{tmp_path / 'r.docx'}:表三 “（一）予以公开”行 “总计”列"
    assert location(d, "en") == f"{tmp_path / 'r.docx'}:table 3, row “（一）予以公开”, column “总计”"


def test_json_keeps_line_and_column_and_adds_where(tmp_path: Path) -> None:
    [d] = [d for d in check(tmp_path, "r.txt", make_report(t3=T3_ROW).encode()) if d.code == "GI312"]
    record = json.loads(json.dumps(to_json(d)))
    assert (record["line"], record["column"]) == (d.span.line, d.span.column)
    assert record["where"] == {
        "label": "表三 “（一）予以公开”行 “总计”列",
        "table": 3,
        "row": "3.1",
        "col": "total",
        "row_label": "（一）予以公开",
        "col_label": "总计",
        "text": d.where.text,
    }
    assert record["count"] == 1


def test_the_title_and_a_whole_file_finding(tmp_path: Path) -> None:
    text = make_report(title="青禾县自然资源局2023年政府信息公开年度报告")
    titled = [d for d in check(tmp_path, "r.txt", text.encode()) if d.where is not None and d.where.title]
    assert titled and all(d.where.label() == "标题" for d in titled)
    [empty] = check(tmp_path, "e.txt", b" \n")
    assert empty.where is None


def test_real_pdf_locations_name_page_and_table() -> None:
    path = shared_file("corpus", "real", "001_huaian-hongzequ_2023.pdf")
    ds = check_file(str(path), Config(root=path.parent), PLUGINS).diagnostics
    places = {d.code: location(d).split(":", 1)[1] for d in ds}
    assert places["GI604"] == "第3页 表三 “（三）不予公开 2.其他法律行政法规禁止公开”行"
    assert "表格" not in " ".join(location(d) for d in ds)
    [t4] = [d for d in ds if d.code == "GI313" and "行政复议" in d.message_zh]
    assert (t4.where.page, t4.where.table, t4.where.row, t4.where.col) == (4, 4, "review", "total")
    assert location(t4).endswith(":第4页 表四 “行政复议”行 “总计”列")


def test_json_excerpt_is_the_source_line_window_for_text_and_the_reader_text_for_html(tmp_path: Path) -> None:
    one_line = make_report().replace(*WRONG).replace("\n", " ")  # a scraper's single line
    [d] = [d for d in check(tmp_path, "r.txt", one_line.encode()) if d.code == "GI401"]
    record = to_json(d)
    assert len(record["excerpt"]) == 200 and record["excerpt"] in one_line
    assert "收到政府信息公开申请15件" in record["excerpt"]
    [h] = check(tmp_path, "r.html", html(make_report().replace(*WRONG)))
    assert to_json(h)["excerpt"] == h.where.text == "2023年，我局共收到政府信息公开申请15件，上年结转1件。"
