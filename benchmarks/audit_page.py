"""How large ``report.html`` is and how fast a browser shows it for an office of many reports.

    python benchmarks/audit_page.py [--reports 20000] [--findings 6] [--agencies 2000] [--keep DIR]

Builds ``Results`` as an audit's database would give them (``--reports`` reports of ``--agencies``
agencies over the years 2019–2025, ``--findings`` findings each, every third one converter damage),
renders the page and its feedback sheets, and prints the time to render, the page's size, and — with a
``chromium`` binary — the time headless Chromium takes from navigation to the page's script having run
(``data-ready-ms``), first as opened and then with an agency opened (its findings built from JSON).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gilint.audit.db import ReportRow, StoredDiagnostic  # noqa: E402
from gilint.audit.feedback import write_sheets  # noqa: E402
from gilint.audit.outputs import ReportResult, Results  # noqa: E402
from gilint.audit.page import render_page  # noqa: E402
from gilint.audit.roster import Submission  # noqa: E402
from gilint.engine import load_plugins  # noqa: E402
from gilint.model import Diagnostic, Span  # noqa: E402

CODES = [
    ("GI401", "narrative", "error"),
    ("GI308", "tables", "warning"),
    ("GI610", "wording", "warning"),
    ("GI204", "period", "error"),
    ("GI603", "wording", "info"),
    ("GI305", "tables", "error"),
]


def results(reports: int, findings: int, agencies: int) -> Results:
    """Synthetic results of the given size."""
    rows, subs = [], []
    for i in range(reports):
        agency, year = f"云溪市第{i % agencies}局", 2019 + (i // agencies) % 7
        diagnostics = []
        for k in range(findings):
            code, category, severity = CODES[k % len(CODES)]
            d = Diagnostic(
                code,
                category,
                severity,
                f"in/{agency}/{year}.txt",
                Span(10 + k, 3, 10 + k, 8),
                f"第{k}处：共收到申请13件，表三为15件",
                "prose 13, table 15",
                "应与表三一致",
                None,
                k % 3 == 2,
                "2023年，我局共收到政府信息公开申请13件，上年结转1件。",
            )
            diagnostics.append(StoredDiagnostic(i, d, 0, None))
        n = [sum(1 for f in diagnostics if f.diagnostic.severity == s) for s in ("error", "warning", "info")]
        rows.append(
            ReportResult(
                ReportRow(
                    i,
                    f"in/{agency}/{year}.txt",
                    agency,
                    "title",
                    year,
                    2021,
                    "text",
                    None,
                    "ok",
                    *n,
                    "list",
                    f"{year + 1}-01-20",
                ),
                diagnostics,
            )
        )
        subs.append(
            Submission(
                agency,
                "department",
                True,
                year,
                "on-time",
                dt.date(year + 1, 1, 31),
                dt.date(year + 1, 1, 20),
                [i],
                [rows[-1].row.path],
            )
        )
    plugins = load_plugins()
    counts = [(code, severity, reports, reports) for code, _, severity in CODES[:findings]]
    return Results(
        {"id": 1, "gilint_version": "bench", "started": "", "ended": ""},
        rows,
        {r.code: r for r in plugins.rules},
        counts,
        subs,
        True,
    )


def chromium_ms(page: Path, state: str, profile: Path) -> int | None:
    browser = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
    if browser is None:
        return None
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=60000",
            "--dump-dom",
            f"{page.as_uri()}#{state}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    m = re.search(r'data-ready-ms="(\d+)"', done.stdout)
    return int(m.group(1)) if m else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=20000)
    parser.add_argument("--findings", type=int, default=6)
    parser.add_argument("--agencies", type=int, default=2000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    out = args.keep or Path(tempfile.mkdtemp(prefix="gilint-page-"))
    out.mkdir(parents=True, exist_ok=True)
    data = results(args.reports, args.findings, args.agencies)
    started = time.perf_counter()
    html = render_page(data, "zh")
    rendered = time.perf_counter() - started
    page = out / "report.html"
    page.write_text(html, encoding="utf-8")
    started = time.perf_counter()
    sheets = len(write_sheets(data, out, "zh")) // 2
    sheet_time = time.perf_counter() - started
    print(f"{args.reports} reports, {args.findings} findings each, {args.agencies} agencies")
    print(
        f"render: {rendered:.2f} s, page {page.stat().st_size / 1e6:.1f} MB; {sheets} feedback sheets: "
        f"{sheet_time:.2f} s"
    )
    for state, what in (("", "as opened"), ("open=0", "an agency opened"), ("year=2023&q=" + "第7", "filtered")):
        ms = chromium_ms(page, state, out / "profile")
        print(f"chromium, {what}: " + ("no chromium" if ms is None else f"script done at {ms} ms"))
    if args.keep is None:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
