"""``gilint check --format html``: one self-contained page showing each report as a reader sees it, every
finding marked where it is and explained beside it; loaded in headless Chromium, with a screenshot."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gilint.cli import main
from gilint.testing.reports import make_report

BROWSER = next(
    (path for name in ("chromium", "chromium-browser", "google-chrome") if (path := shutil.which(name))), None
)
WRONG = ("共收到政府信息公开申请13件", "共收到政府信息公开申请15件")  # GI401
HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>"


def page(tmp_path: Path, capsys: pytest.CaptureFixture[str], *names: str) -> tuple[int, str]:
    code = main(["check", *names, "--format", "html", "--output-file", str(tmp_path / "page.html")])
    capsys.readouterr()
    return code, (tmp_path / "page.html").read_text(encoding="utf-8")


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.txt").write_text(
        make_report(t3={"3.1": [5, 0, 0, 0, 0, 0, 9]}, body={1: [HOSTILE]}).replace(*WRONG), encoding="utf-8"
    )
    (tmp_path / "clean.txt").write_text(make_report(), encoding="utf-8")
    return tmp_path


def test_the_page_marks_each_finding_where_it_is_and_explains_it(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, html = page(reports, capsys, "bad.txt", "clean.txt")
    assert code == 1
    assert re.findall(r"<(script|link|img|iframe)\b", html) == []  # self-contained, and the hostile text is text
    assert "&lt;script&gt;document.title=" in html
    assert sorted(re.findall(r'<b class="code">(\w+)</b>', html)) == ["GI311", "GI311", "GI312", "GI401"]
    marked = re.findall(r'<mark class="error">([^<]*)</mark><a class="badge error" id="f(\d+)"', html)
    assert [text for text, _ in marked] == ["收到政府信息公开申请15件"]  # the sentence's words, not the paragraph
    cells = re.findall(r'<td class="error">([^<]*)<a class="badge', html)
    assert cells == ["9", "1", "12"]  # the row total of （一）, and two totals of （七）
    numbers = re.findall(r'<a class="badge \w+" id="f(\d+)" href="#n\1">', html)
    assert sorted(map(int, numbers)) == [1, 2, 3, 4]  # each finding's number once where it is,
    assert sorted(map(int, re.findall(r'<div class="note \w+" id="n(\d+)">', html))) == [1, 2, 3, 4]  # and beside
    assert html.count('<section class="report">') == 2 and "未发现问题" in html  # the clean report is shown too
    assert "表三 “（一）予以公开”行 “总计”列" in html and "第三部分“收到和处理政府信息公开申请情况” 第2段" in html
    assert html.count("<table") >= 3  # tables 2, 3, 4 rendered as tables


def test_a_file_that_cannot_be_read_shows_its_findings(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (reports / "empty.txt").write_text(" \n")
    code, html = page(reports, capsys, "empty.txt")
    assert code == 1 and "GI00" in html and "文件级问题" in html


@pytest.mark.skipif(BROWSER is None, reason="no chromium binary (apt-get install chromium)")
def test_chromium_renders_the_page(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page(reports, capsys, "bad.txt")
    flags = [
        str(BROWSER),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={reports / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=3000",
    ]
    uri = (reports / "page.html").as_uri()
    dom = subprocess.run([*flags, "--dump-dom", uri], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0
    assert "<title>政府信息公开工作年度报告检查结果</title>" in dom.stdout
    assert "pwned" not in dom.stdout.split("<body")[0]  # the hostile text never ran
    assert [line for line in dom.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line] == []
    shot = reports / "page.png"
    done = subprocess.run(
        [*flags, f"--screenshot={shot}", "--window-size=1400,1800", "--hide-scrollbars", uri],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    print(f"screenshot: {shot}")
