"""`report.html` in a real browser: headless Chromium loads it without a console message or script
error, the script runs (``data-ready``), the report table has one row per report and sorts by the
``#sort=`` address, hostile report text stays text, and a screenshot is taken (skipped without a
``chromium`` binary; .ci/run installs Debian's)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gilint.audit.db import AuditDB
from gilint.audit.outputs import load_results, write_outputs
from gilint.audit.runner import AuditOptions, run_audit
from gilint.engine import load_plugins
from gilint.testing.reports import make_report

ROOT = Path(__file__).resolve().parents[1]
BROWSER = next(
    (path for name in ("chromium", "chromium-browser", "google-chrome") if (path := shutil.which(name))), None
)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium binary (apt-get install chromium)")
HOSTILE_TITLE = "<script>document.title=1</script>青禾县自然资源局2023年政府信息公开工作年度报告"
HOSTILE_LINE = '（二)部分公开<script>document.documentElement.setAttribute("data-pwned","1")</script>'


class _Rows(HTMLParser):
    """The body rows of one table (by id) as lists of cell values (``data-v``, else the text)."""

    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id, self.inside, self.in_body = table_id, False, False
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.value: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and a.get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append([])
        elif self.in_body and tag == "td":
            self.cell, self.value = [], a.get("data-v")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.cell is not None:
            self.rows[-1].append(self.value if self.value is not None else "".join(self.cell).strip())
            self.cell = None
        elif tag == "table" and self.inside:
            self.inside = self.in_body = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def rows(dom: str, table: str) -> list[list[str]]:
    parser = _Rows(f"{table}-table")
    parser.feed(dom)
    return parser.rows


def browse(tmp_path: Path, url: str, *flags: str) -> tuple[str, str]:
    """Chromium's DOM after load (or its screenshot output) and its log."""
    done = subprocess.run(
        [
            str(BROWSER),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
            *flags,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr


def console(log: str) -> list[str]:
    return [line for line in log.splitlines() if "CONSOLE" in line or "Uncaught" in line]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """report.html of an audit of the fixtures plus a report with hostile text; and the report count."""
    base = tmp_path_factory.mktemp("page")
    shutil.copytree(ROOT / "fixtures", base / "in")
    (base / "in" / "hostile.txt").write_text(
        make_report(title=HOSTILE_TITLE, body={1: [HOSTILE_LINE]}), encoding="utf-8"
    )
    db = AuditDB(base / "a.db")
    plugins = load_plugins()
    result = run_audit([str(base / "in")], db, plugins, options=AuditOptions(jobs=2))
    results = load_results(db, result.run_id, plugins.rules)
    write_outputs(results, base / "out", "zh")
    db.close()
    return base / "out" / "report.html", len(results.reports)


def test_the_console_check_sees_script_errors(tmp_path: Path) -> None:
    """The log this test reads does show a failing script (so a clean log means something)."""
    (tmp_path / "bad.html").write_text("<!DOCTYPE html><p>x</p><script>undefinedFunction();</script>")
    _, log = browse(tmp_path, (tmp_path / "bad.html").as_uri(), "--dump-dom")
    assert any("Uncaught ReferenceError" in line for line in console(log))


def test_the_page_loads_cleanly_with_a_row_per_report(tmp_path: Path, page: tuple[Path, int]) -> None:
    path, count = page
    dom, log = browse(tmp_path, path.as_uri(), "--dump-dom")
    assert console(log) == []
    html_tag = dom[dom.index("<html") : dom.index(">", dom.index("<html"))]
    assert 'data-ready="1"' in html_tag and "data-js-error" not in html_tag
    assert len(rows(dom, "reports")) == count > 30
    assert 'data-pwned="1"' not in dom and "document.title=1" in dom  # the hostile text shows, as text
    assert "<title>政府信息公开工作年度报告审核结果</title>" in dom


@pytest.mark.parametrize(
    ("key", "column", "numeric", "desc"),
    [("errors", 4, True, True), ("path", 2, False, False), ("year", 1, True, False)],
)
def test_the_address_sorts_the_report_table(
    tmp_path: Path, page: tuple[Path, int], key: str, column: int, numeric: bool, desc: bool
) -> None:
    path, _ = page
    dom, log = browse(tmp_path, f"{path.as_uri()}#sort=reports:{key}:{'desc' if desc else 'asc'}", "--dump-dom")
    assert console(log) == []

    def order(table: list[list[str]]) -> list[object]:
        return [float(r[column] or 0) if numeric else r[column] for r in table]

    before, after = order(rows(path.read_text(encoding="utf-8"), "reports")), order(rows(dom, "reports"))
    assert before != sorted(before, reverse=desc)  # as written, the page lists by agency, year and path
    assert after == sorted(before, reverse=desc)  # type: ignore[type-var]
    direction = "descending" if desc else "ascending"
    assert re.search(f'<th data-key="{key}"[^>]* aria-sort="{direction}"', dom)  # the header shows the order


def test_a_screenshot(tmp_path: Path, page: tuple[Path, int]) -> None:
    path, _ = page
    shot = tmp_path / "audit.png"
    _, log = browse(
        tmp_path,
        f"{path.as_uri()}#sort=agencies:errors:desc",
        f"--screenshot={shot}",
        "--window-size=1400,1800",
        "--hide-scrollbars",
    )
    assert console(log) == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    print(f"screenshot: {shot}")
