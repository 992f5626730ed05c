"""`report.html` driven in headless Chromium the way an office uses it: the year selector, the severity,
category and "hide converter damage" filters and the agency search (their state is in the address, so
each test opens the page at one), the agency × year grid and an agency opened to show its findings,
built from the page's JSON data (skipped without a ``chromium`` binary)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from gilint.audit.agencies import load
from gilint.audit.db import AuditDB
from gilint.audit.outputs import load_results, write_outputs
from gilint.audit.runner import AuditOptions, run_audit
from gilint.engine import load_plugins
from gilint.model import Diagnostic, Span
from gilint.testing.reports import make_report
from tests.test_audit_page import BROWSER, browse, console

pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium binary (apt-get install chromium)")


# of 12 requests processed, 6 disclosed and 5 not held (by default 6 + 3 partly disclosed and 2 not held)
LESS_DISCLOSED: dict[str, list[object]] = {"3.2": [0, 0, 0, 0, 0, 0, 0], "3.4.1": [4, 0, 0, 0, 1, 0, 5]}


def named(
    agency: str, year: int, signed: str | None = None, prose: int = 13, t3: dict[str, list[object]] | None = None
) -> str:
    text = make_report(year=year, title=f"{agency}{year}年政府信息公开工作年度报告", signature=signed, t3=t3)
    return text.replace("青禾县自然资源局\n", agency + "\n").replace(
        "共收到政府信息公开申请13件", f"共收到政府信息公开申请{prose}件"
    )


class _Visible(HTMLParser):
    """Per table id, its body rows as (hidden, [cell texts], attributes); the ``details`` elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[tuple[bool, list[str], dict[str, str | None]]]] = {}
        self.details: list[dict[str, str | None]] = []
        self.findings: list[dict[str, str | None]] = []
        self.current: str | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and a.get("id"):
            self.current = str(a["id"])
            self.tables[self.current] = []
        elif tag == "tr" and "data-sev" in a:
            self.findings.append(a)
        elif tag == "tr" and self.current and ("data-agency" in a or "data-year" in a or "id" in a):
            self.tables[self.current].append(("hidden" in a, [], a))
        elif tag in ("td", "th") and self.current and self.tables[self.current]:
            self.cell = []
            hidden = "hidden" in a
            if hidden:
                self.cell.append("\0hidden")
        elif tag == "details":
            self.details.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.current = None
        elif tag in ("td", "th") and self.cell is not None and self.current and self.tables[self.current]:
            self.tables[self.current][-1][1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def shown(dom: str) -> _Visible:
    parser = _Visible()
    parser.feed(dom)
    return parser


def visible(parser: _Visible, table: str, column: int = 0) -> list[str]:
    return [cells[column] for hidden, cells, _ in parser.tables[table] if not hidden]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("filters")
    files = {
        "甲/2022.txt": named("云溪市甲局", 2022),
        "甲/2023.txt": named("云溪市甲局", 2023, prose=15),  # GI401: the prose says 15, the table 13
        "乙/2023.txt": named("云溪市乙局", 2023, "2024年2月10日"),  # late: GI204
        "丙/2022.txt": named("云溪市丙局", 2022, t3=LESS_DISCLOSED),
    }
    for name, text in files.items():
        (base / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        (base / "in" / name).write_text(text, encoding="utf-8")
    listed = "名称,级别\n云溪市甲局,部门\n云溪市乙局,部门\n云溪市丙局,部门\n云溪市人民政府,市级政府\n"
    (base / "agencies.csv").write_text(listed, encoding="utf-8")
    db = AuditDB(base / "a.db")
    plugins = load_plugins()
    result = run_audit(
        [str(base / "in")], db, plugins, options=AuditOptions(jobs=1, agencies=load(base / "agencies.csv"))
    )
    jia = db.conn.execute("SELECT id, display FROM reports WHERE display LIKE '%甲/2023.txt'").fetchone()
    db.begin()  # a converter's damage on 甲 2023 (as a scraper running two cells together leaves it)
    db.add_findings(
        jia[0],
        None,
        [
            Diagnostic(
                "GI308",
                "tables",
                "warning",
                jia[1],
                Span(30, 1),
                "两格数字连在一起",
                "cells run together",
                None,
                None,
                True,
                "5000005",
            )
        ],
    )
    db.recount([jia[0]])
    db.commit()
    results = load_results(db, result.run_id, plugins.rules)
    write_outputs(results, base / "out", "zh")
    db.close()
    return base / "out" / "report.html"


def open_at(tmp_path: Path, page: Path, state: str) -> _Visible:
    dom, log = browse(tmp_path, f"{page.as_uri()}#{state}", "--dump-dom")
    assert console(log) == []
    html_tag = dom[dom.index("<html") : dom.index(">", dom.index("<html"))]
    assert 'data-ready="1"' in html_tag and "data-js-error" not in html_tag
    return shown(dom)


def test_everything_shows_first_with_the_grid_and_glossary(tmp_path: Path, page: Path) -> None:
    v = open_at(tmp_path, page, "")
    assert sorted(visible(v, "reports-table", 2)) == sorted(
        str(page.parents[1] / "in" / n) for n in ("甲/2022.txt", "甲/2023.txt", "乙/2023.txt", "丙/2022.txt")
    )
    grid = {cells[0]: cells[1:] for _, cells, _ in v.tables["grid-table"]}
    # 2022 and 2023 columns; the government is due 31 March 2024 and missing in both years
    assert grid["云溪市乙局"] == ["未提交", "逾期提交 · 1 个错误"]
    assert grid["云溪市丙局"] == ["按时提交", "未提交"]
    assert grid["云溪市甲局"] == ["按时提交", "按时提交 · 3 个错误"]  # GI401, and GI701 ×2 from 2022 to 2023
    assert grid["云溪市人民政府"] == ["未提交", "未提交"]
    glossary = {cells[0]: cells[3] for _, cells, _ in v.tables["glossary-table"]}
    assert sorted(glossary) == ["GI204", "GI308", "GI401", "GI701", "GI702", "GI703"]
    assert glossary["GI204"].startswith("发布日期晚于法定期限")
    assert v.findings == []  # nothing built until an agency is opened


def test_the_year_selector(tmp_path: Path, page: Path) -> None:
    v = open_at(tmp_path, page, "year=2022")
    assert sorted(Path(p).parent.name for p in visible(v, "reports-table", 2)) == ["丙", "甲"]
    grid = [(hidden, cells) for hidden, cells, _ in v.tables["grid-table"]]
    assert [c[0] for h, c in grid if not h] == ["云溪市丙局", "云溪市乙局", "云溪市人民政府", "云溪市甲局"]
    assert all(c[2] == "\0hidden" + c[2].replace("\0hidden", "") for _, c in grid)  # the 2023 column hidden
    # 乙 is missing in 2022 (its grid row shows it) but has no report of 2022 to open
    agencies = [d for d in v.details if d.get("class") == "agency"]  # (the indicators view is one too)
    assert [d.get("data-agency") for d in agencies if "hidden" not in d] == ["云溪市甲局", "云溪市丙局"]


def test_the_agency_search(tmp_path: Path, page: Path) -> None:
    v = open_at(tmp_path, page, "q=" + quote("乙"))
    assert [Path(p).parent.name for p in visible(v, "reports-table", 2)] == ["乙"]
    assert visible(v, "agencies-table") == ["云溪市乙局"] and visible(v, "grid-table") == ["云溪市乙局"]


def test_the_severity_and_category_filters(tmp_path: Path, page: Path) -> None:
    v = open_at(tmp_path, page, "sev=error")
    assert sorted(Path(p).parent.name + Path(p).stem for p in visible(v, "reports-table", 2)) == ["乙2023", "甲2023"]
    v = open_at(tmp_path, page, "cat=tables")
    assert [Path(p).parent.name + Path(p).stem for p in visible(v, "reports-table", 2)] == ["甲2023"]


def test_an_opened_agency_shows_its_findings_and_hides_damage(tmp_path: Path, page: Path) -> None:
    first = open_at(tmp_path, page, "")
    n = next(d["data-n"] for d in first.details if d.get("data-agency") == "云溪市甲局")
    v = open_at(tmp_path, page, f"open={n}")
    # GI401 and the cross-year GI701 ×2, GI702, GI703 (2022 → 2023), and the converter's GI308
    assert sorted((f["data-sev"], f["data-cat"], f["data-damage"], "hidden" in f) for f in v.findings) == [
        ("error", "narrative", "0", False),
        ("error", "tables", "0", False),
        ("error", "tables", "0", False),
        ("warning", "narrative", "0", False),
        ("warning", "tables", "0", False),
        ("warning", "tables", "1", False),
    ]
    v = open_at(tmp_path, page, f"open={n}&damage=hide")
    assert [f["data-damage"] for f in v.findings if "hidden" in f] == ["1"]
    v = open_at(tmp_path, page, f"open={n}&sev=warning")
    assert sorted({(f["data-sev"], "hidden" in f) for f in v.findings}) == [("error", True), ("warning", False)]
    dom, _ = browse(tmp_path, f"{page.as_uri()}#open={n}", "--dump-dom")
    section = dom[dom.index(f'data-n="{n}"') :]
    section = section[: section.index("</details>")]
    words = re.sub(r"<[^>]+>", "", section)  # the text shown (the excerpt's span is marked)
    assert "两格数字连在一起" in words and "5000005" in words and "共收到政府信息公开申请15件" in words
    history = words.replace(" ", "")  # a row a year: year, submission, date, errors, warnings, infos, status, file
    assert "2022按时提交2023-01-20000已检查" in history and "2023按时提交2024-01-20330已检查" in history
    assert re.search(r"<abbr title=\"[^\"]+\">GI401</abbr>", section)  # the code explained on hover
    dom, _ = browse(tmp_path, f"{page.as_uri()}#open={n}&year=2022", "--dump-dom")
    assert re.search(r'<table class="findings" data-year="2023" hidden=""', dom)  # the other year's findings
    assert re.search(r'<tr data-year="2022">', dom) and re.search(r'<tr data-year="2023" hidden="">', dom)


def test_the_indicators_view_ranks_within_level_and_year(tmp_path: Path, page: Path) -> None:
    v = open_at(tmp_path, page, "ind=1")
    # agency, level, year, requests, then each rate and its rank: disclosure, not held, not processed, corrected
    assert [cells for hidden, cells, _ in v.tables["indicators-table"] if not hidden] == [
        ["云溪市丙局", "部门", "2022", "13", "50.0%", "2/2", "41.7%", "1/2", "0.0%", "1/2", "样本不足", ""],
        ["云溪市乙局", "部门", "2023", "13", "75.0%", "1/2", "16.7%", "1/2", "0.0%", "1/2", "样本不足", ""],
        ["云溪市甲局", "部门", "2022", "13", "75.0%", "1/2", "16.7%", "2/2", "0.0%", "1/2", "样本不足", ""],
        ["云溪市甲局", "部门", "2023", "13", "75.0%", "1/2", "16.7%", "1/2", "0.0%", "1/2", "样本不足", ""],
    ]  # equal rates share a rank; a rate over fewer than 10 decided cases is never ranked
    dom, _ = browse(tmp_path, f"{page.as_uri()}#ind=1", "--dump-dom")
    assert "公开率＝（予以公开＋部分公开）÷办结 [(t3:3.1:total + t3:3.2:total) / t3:3.7:total]" in dom  # the formula
    assert re.search(r'<th data-key="disclosure" data-type="num" title="公开率＝[^"]+"[^>]*>公开率</th>', dom)
    assert re.search(r'<td class="n few" data-v="" title="0 / 2">样本不足</td>', dom)  # 2 decided cases: too few
    assert re.search(r'<td class="n" data-v="0.5" title="6 / 12">50.0%</td>', dom)  # its numbers on hover


def test_the_indicators_view_sorts_and_follows_the_filters(tmp_path: Path, page: Path) -> None:
    v = open_at(tmp_path, page, "sort=indicators:not_held:desc")  # sorting opens the view
    assert [(c[0], c[2], c[6]) for _, c, _ in v.tables["indicators-table"]][:2] == [
        ("云溪市丙局", "2022", "41.7%"),
        ("云溪市乙局", "2023", "16.7%"),
    ]
    v = open_at(tmp_path, page, "ind=1&year=2023")
    assert [(c[0], c[2]) for hidden, c, _ in v.tables["indicators-table"] if not hidden] == [
        ("云溪市乙局", "2023"),
        ("云溪市甲局", "2023"),
    ]
    v = open_at(tmp_path, page, "ind=1&q=" + quote("丙"))
    assert visible(v, "indicators-table") == ["云溪市丙局"]


def test_an_agency_history_shows_its_indicators(tmp_path: Path, page: Path) -> None:
    first = open_at(tmp_path, page, "")
    n = next(d["data-n"] for d in first.details if d.get("data-agency") == "云溪市丙局")
    dom, log = browse(tmp_path, f"{page.as_uri()}#open={n}", "--dump-dom")
    assert console(log) == []
    history = dom[dom.index('<table class="history">') :]
    rows = [
        re.findall(r"<td>(.*?)</td>", row)
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", history[: history.index("</table>")])
    ]
    # year, submission, date, errors, warnings, infos, status, file, then the indicators with their ranks
    assert [r[:3] + r[8:] for r in rows if r] == [
        ["2022", "按时提交", "2023-01-20", "13", "50.0% (2/2)", "41.7% (1/2)", "0.0% (1/2)", "样本不足"]
    ]
