"""Time and peak memory of ``gilint check`` and ``gilint audit`` on each hostile class of issue 18, at the
size the issue measured (a 4 GB inflation bomb, a million pages, a million segments, 200,000 attributes,
a million comments, a FIFO and a link to /dev/zero among submissions, ...).

    python benchmarks/hostile.py [--only NAME ...] [--keep DIR]

Each file is built in a temporary folder (tests/hostile.py makes them; the million-page PDF takes a minute
or two) and checked in a fresh process, as ``/usr/bin/time`` sees it: wall time and the peak resident
memory of the process and of the child process it reads a .docx or PDF in. Prints one line per class:
its name, seconds, peak MiB, exit status and the first line gilint printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gilint.testing.reports import make_report  # noqa: E402
from tests import hostile as H  # noqa: E402

GBK_NAME = "淮安市2023年报告.txt".encode("gbk")


def _report(folder: Path, name: str = "report.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(make_report(), encoding="utf-8")
    return folder / name


def check_cases(scratch: Path) -> dict[str, tuple[Callable[[], bytes], str]]:
    """name -> (the file's bytes, its extension), for ``gilint check``."""
    from tests.hostile import BILLION_LAUGHS, docx_with, docx_xml

    text = make_report()
    data = text.encode()
    at = data.index("一、总体情况".encode())
    return {
        "pdf-reference-cycle": (H.cycle_pdf, ".pdf"),
        "pdf-inflate-4GB": (lambda: H.inflate_bomb_pdf(4 << 30), ".pdf"),
        "pdf-1M-pages-objstm": (lambda: H.paged_pdf(1_000_000), ".pdf"),
        "pdf-1M-segments": (lambda: H.segments_pdf(1_000_000), ".pdf"),
        "pdf-broken-xref": (H.broken_xref_pdf, ".pdf"),
        "html-200k-attributes": (lambda: H.attributes_html(200_000), ".html"),
        "html-1M-comments": (lambda: H.comments_html(1_000_000), ".html"),
        "docx-cut-in-half": (lambda: H.half_docx(docx_xml(text)), ".docx"),
        "docx-billion-laughs": (lambda: docx_with(BILLION_LAUGHS), ".docx"),
        "txt-stray-0xFF": (lambda: data[:at] + b"\xff" + data[at:], ".txt"),
        "txt-utf16-no-bom": (lambda: text.encode("utf-16-le"), ".txt"),
    }


def timed(argv: list[str], cwd: Path, timeout: float = 600) -> tuple[float, float, int, str]:
    """(seconds, peak MiB, exit status, the line that tells) of ``python -m gilint ARGV``: the first finding
    or error, for an audit the first GI9xx row of its summary or its last line."""
    report = cwd / ".time"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-o", str(report), "-f", "%M", sys.executable, "-m", "gilint", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
    )
    elapsed = time.perf_counter() - started
    peak = int(report.read_text().split()[-1]) / 1024
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip() and not ln.startswith("Command")]
    if argv[0] == "audit" and proc.returncode != 2:
        rows = [" ".join(ln.split()) for ln in proc.stdout.splitlines() if " GI90" in ln]
        lines = rows or proc.stdout.splitlines()[-1:]
    return elapsed, peak, proc.returncode, (lines[0] if lines else "")[:150]


def audit_cases(scratch: Path) -> dict[str, Callable[[Path], list[str]]]:
    """name -> a function that lays out a submissions folder under the path it is given and returns the
    ``gilint audit`` arguments."""

    def fifo_and_zero(base: Path) -> list[str]:
        _report(base / "in")
        os.mkfifo(base / "in" / "pipe.txt")
        (base / "in" / "zero.txt").symlink_to("/dev/zero")
        return ["audit", "in", "--db", "a.db", "--jobs", "1", "--timeout", "5"]

    def gbk_names(base: Path) -> list[str]:
        _report(base / "in")
        with open(os.path.join(os.fsencode(base / "in"), GBK_NAME), "wb") as f:
            f.write(make_report().encode())
        subprocess.run(
            [sys.executable, "-m", "gilint", "audit", "in", "--db", "a.db"],
            cwd=base,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        return ["audit", "in", "--db", "a.db", "--out", "out"]  # the re-run that crashed

    def link_out(base: Path) -> list[str]:
        (base / "secret.txt").write_text("TOP-SECRET\n", encoding="utf-8")
        _report(base / "in")
        (base / "in" / "notes.txt").symlink_to(base / "secret.txt")
        return ["audit", "in", "--db", "a.db", "--out", "out"]

    def submission_config(base: Path) -> list[str]:
        _report(base / "in" / "a")
        (base / "in" / "a" / "gilint.toml").write_text('ignore = ["GI"]\nexclude = ["*"]\n')
        _report(base / "in" / "b")
        (base / "in" / "b" / "gilint.toml").write_text("ignore = [\n")
        return ["audit", "in", "--db", "a.db"]

    def damaged_db(base: Path) -> list[str]:
        _report(base / "in")
        subprocess.run(
            [sys.executable, "-m", "gilint", "audit", "in", "--db", "a.db"],
            cwd=base,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        data = bytearray((base / "a.db").read_bytes())
        data[len(data) // 2 : len(data) // 2 + 512] = os.urandom(512)
        (base / "a.db").write_bytes(bytes(data))
        return ["audit", "in", "--db", "a.db"]

    def half_migrated(base: Path) -> list[str]:
        _report(base / "in")
        with sqlite3.connect(base / "a.db") as conn:
            conn.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY)")
            conn.execute("PRAGMA user_version = 2")
        return ["audit", "in", "--db", "a.db"]

    def unwritable_out(base: Path) -> list[str]:
        _report(base / "in")
        return ["audit", "in", "--db", "a.db", "--out", "/proc/gilint-out"]

    def jobs_500(base: Path) -> list[str]:
        for i in range(40):
            _report(base / "in", f"r{i}.txt")
        return ["audit", "in", "--db", "a.db", "--jobs", "500"]

    return {
        "audit-fifo-and-dev-zero": fifo_and_zero,
        "audit-gbk-names-rerun": gbk_names,
        "audit-link-out-of-submission": link_out,
        "audit-submission-gilint-toml": submission_config,
        "audit-damaged-db": damaged_db,
        "audit-half-migrated-db": half_migrated,
        "audit-unwritable-out": unwritable_out,
        "audit-jobs-500": jobs_500,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", default=[], help="run only these classes")
    parser.add_argument("--keep", type=Path, help="build the files here and keep them")
    args = parser.parse_args()
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="gilint-hostile-"))
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        print(f"{'class':32} {'s':>7} {'MiB':>7} {'exit':>4}  first line")
        for name, (build, ext) in check_cases(scratch).items():
            if args.only and name not in args.only:
                continue
            path = scratch / f"{name}{ext}"
            if not path.exists():
                path.write_bytes(build())
            seconds, peak, code, line = timed(["check", "--format", "concise", "--lang", "en", path.name], scratch)
            print(f"{name:32} {seconds:7.2f} {peak:7.0f} {code:4}  {line}", flush=True)
        for name, layout in audit_cases(scratch).items():
            if args.only and name not in args.only:
                continue
            base = scratch / name
            shutil.rmtree(base, ignore_errors=True)
            base.mkdir()
            seconds, peak, code, line = timed([*layout(base), "--lang", "en"], base)
            print(f"{name:32} {seconds:7.2f} {peak:7.0f} {code:4}  {line}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
