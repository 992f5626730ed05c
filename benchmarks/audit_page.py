"""How large ``report.html`` is, how fast a browser shows it, and how much memory writing the ``--out``
files takes, for an office of many reports.

    python benchmarks/audit_page.py [--reports 20000] [--findings 6] [--agencies 2000] [--keep DIR]
                                    [--no-browser]

Builds an audit database as an audit would leave it (``--reports`` reports of ``--agencies`` agencies
over the years 2019–2025, ``--findings`` findings each, every third one converter damage, table 3 and 4
cells for the indicators, one submission per report), then writes the ``--out`` files from it in a
process of its own, as ``gilint audit --out`` does after checking (``load_results`` then
``write_outputs``), and prints that process's peak RSS (``ru_maxrss``) and time, the page's size, and
— with a ``chromium`` binary — the time headless Chromium takes from navigation to the page's script
having run (``data-ready-ms``), as opened, with an agency opened (its findings built from JSON),
filtered, and with the indicators view opened (a row per agency and year built from JSON).
``--no-xlsx`` leaves findings.xlsx empty (the time of the other files alone); ``--write DB OUT`` is the
child's own entry point.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gilint.audit.db import AuditDB  # noqa: E402
from gilint.model import Diagnostic, Span, Where  # noqa: E402

CODES = [
    ("GI401", "narrative", "error"),
    ("GI308", "tables", "warning"),
    ("GI610", "wording", "warning"),
    ("GI204", "period", "error"),
    ("GI603", "wording", "info"),
    ("GI305", "tables", "error"),
]


def cells(i: int) -> dict[str, float]:
    """Table 3 and 4 cells of report ``i`` (a few agencies with too few requests)."""
    got = 5 + i % 40
    return {
        "t3:1:total": got,
        "t3:3.1:total": got // 2,
        "t3:3.2:total": got // 5,
        "t3:3.4.1:total": got // 10,
        **{f"t3:3.5.{k}:total": float(k == 1) for k in range(1, 6)},
        "t3:3.7:total": got - 1,
        **{
            f"t4:{row}:{col}": n
            for row in ("review", "suit_direct", "suit_after_review")
            for col, n in (("corrected", 1), ("pending", 1), ("total", 4 + i % 9))
        },
    }


def build(path: Path, reports: int, findings: int, agencies: int) -> int:
    """A database of the given size; returns its run id."""
    db = AuditDB(path, batch=5000, every=60)
    run_id = db.start_run("bench", "bench", [], ["in"], 1)
    db.begin()
    subs = []
    for i in range(reports):
        agency, year = f"云溪市第{i % agencies}局", 2019 + (i // agencies) % 7
        name = f"in/{agency}/{year}.txt"
        diagnostics = []
        for k in range(findings):
            code, category, severity = CODES[k % len(CODES)]
            diagnostics.append(
                Diagnostic(
                    code,
                    category,
                    severity,
                    name,
                    Span(10 + k, 3, 10 + k, 8),
                    f"第{k}处：共收到申请13件，表三为15件",
                    "prose 13, table 15",
                    "应与表三一致",
                    None,
                    k % 3 == 2,
                    "2023年，我局共收到政府信息公开申请13件，上年结转1件。",
                    where=Where(section=3, paragraph=k + 1),
                )
            )
        summary = {
            "kind": "text",
            "agency": agency,
            "agency_source": "title",
            "year": year,
            "version": 2021,
            "title": f"{agency}{year}年政府信息公开工作年度报告",
            "published": f"{year + 1}-01-20",
            "published_source": "signature",
            "cells": cells(i),
        }
        report_id = db.save_report(run_id, f"/x/{name}", name, "0" * 64, 100, "k", "c", summary, "ok", 0.1, diagnostics)
        subs.append(
            (
                agency,
                "department",
                1,
                year,
                "on-time",
                1,
                f"{year + 1}-01-20",
                f"{year + 1}-01-31",
                json.dumps([report_id]),
            )
        )
        db.commit_if_due()
    db.save_submissions(run_id, subs)
    db.finish_run(run_id, "done", {"files": reports, "checked": reports})
    db.close()
    return run_id


def write(db_path: Path, out: Path, xlsx: bool = True) -> None:
    """The child: the --out files of the database's last run; prints peak RSS before and after."""
    from gilint.audit import workbook
    from gilint.audit.outputs import load_results, write_outputs
    from gilint.engine import load_plugins

    if not xlsx:
        workbook.write = lambda f, sheets: None  # an empty file: the time of the other outputs alone

    rules = load_plugins().rules
    db = AuditDB(db_path)
    run_id = db.conn.execute("SELECT max(id) FROM runs").fetchone()[0]
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    results = load_results(db, run_id, rules)
    write_outputs(results, out, "zh")
    elapsed = time.perf_counter() - started
    db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"base_kib": base, "peak_kib": peak, "seconds": elapsed}))


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
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-xlsx", action="store_true")
    parser.add_argument("--write", nargs=2, type=Path, metavar=("DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        write(*args.write, xlsx=not args.no_xlsx)
        return
    out = args.keep or Path(tempfile.mkdtemp(prefix="gilint-page-"))
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    build(out / "bench.db", args.reports, args.findings, args.agencies)
    print(
        f"{args.reports} reports, {args.findings} findings each, {args.agencies} agencies "
        f"(database built in {time.perf_counter() - started:.1f} s)"
    )
    child = subprocess.run(
        [sys.executable, __file__, "--write", str(out / "bench.db"), str(out / "out"), *(["--no-xlsx"] * args.no_xlsx)],
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(child.stdout.splitlines()[-1])
    page = out / "out" / "report.html"
    sheets = len(list((out / "out" / "feedback").glob("*.html")))
    print(
        f"--out files written in {got['seconds']:.2f} s; peak RSS {got['peak_kib'] / 1024:.0f} MiB "
        f"(after imports and rules {got['base_kib'] / 1024:.0f} MiB); page {page.stat().st_size / 1e6:.1f} MB; "
        f"{sheets} feedback sheets"
    )
    states = (
        ("", "as opened"),
        ("open=0", "an agency opened"),
        ("year=2023&q=" + "第7", "filtered"),
        ("ind=1", "the indicators view opened"),
    )
    for state, what in states:
        if args.no_browser:
            break
        ms = chromium_ms(page, state, out / "profile")
        print(f"chromium, {what}: " + ("no chromium" if ms is None else f"script done at {ms} ms"))
    if args.keep is None:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
