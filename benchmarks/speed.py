"""Speed against the parse floor (issue 8). Usage:

    python benchmarks/speed.py [--repeat N] [--audit-files N]

Measures, on ../shared (seeds and corpus, when present) and fixtures/:

(a) the floor: read each file and parse it with lxml (HTML parser for .html/.htm/.txt/.md, the XML
    parser for a .docx's word/document.xml); PDFs are left out of (a) and (b), lxml cannot read them;
(b) gilint's full check of the same files in one process (read, decode, parse, structure, every
    rule), and its ratio to (a);
(c) the wall time of one ``gilint check`` process on one report, against ``python -c pass``;
(d) ``gilint audit`` reports per second with --jobs 1 and --jobs 2 over copies of the non-PDF files
    (each copy byte-distinct, so no cache helps), and an unchanged re-run.

Nothing here is asserted; the figures go in the README's performance section.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import lxml.etree as ET

from gilint.config import Config
from gilint.engine import check_file, load_plugins

sys.path.insert(0, str(Path(__file__).resolve().parent))
import audit as audit_bench  # benchmarks/audit.py: byte-distinct copies and the timed run

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXTS = (".txt", ".md", ".html", ".htm", ".docx")


def corpus() -> list[Path]:
    roots = [SHARED / "seeds", SHARED / "corpus" / "real", ROOT / "fixtures"]
    return [p for r in roots if r.is_dir() for p in sorted(r.rglob("*")) if p.suffix.lower() in EXTS]


def floor(path: Path) -> None:
    if path.suffix.lower() == ".docx":
        with zipfile.ZipFile(path) as z:
            ET.fromstring(z.read("word/document.xml"))
    else:
        ET.HTML(path.read_bytes())


def best_of(repeat: int, work: object) -> float:
    """The fastest of ``repeat`` runs of ``work()`` in seconds (the least disturbed one)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return min(times)


def wall(cmd: list[str], repeat: int) -> float:
    """Median wall time of running ``cmd`` (with byte-code caching on, as a user's machine has it)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def audit_rate(files: list[Path], count: int, jobs: int) -> tuple[int, float, float]:
    """(files, seconds for a first audit, seconds for an unchanged re-run) with ``--jobs``, on byte-distinct
    copies of ``files`` made by benchmarks/audit.py."""
    with tempfile.TemporaryDirectory() as tmp:
        n = audit_bench.build(Path(tmp, "in"), files, count)
        first, _ = audit_bench.audit(Path(tmp, "in"), Path(tmp, "audit.db"), jobs)
        again, _ = audit_bench.audit(Path(tmp, "in"), Path(tmp, "audit.db"), jobs)
        return n, first, again


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--audit-files", type=int, default=2500, help="files for (d); 0 skips it")
    args = ap.parse_args()
    files = [f for f in corpus() if f.suffix.lower() != ".docx" or zipfile.is_zipfile(f)]
    plugins = load_plugins()
    config = Config(ROOT)
    for f in files:  # warm up: imports, regex caches
        check_file(str(f), config, plugins)
    a = best_of(args.repeat, lambda: [floor(f) for f in files])
    b = best_of(args.repeat, lambda: [check_file(str(f), config, plugins) for f in files])
    print(f"files: {len(files)} (.txt .md .html .docx; PDFs excluded from (a)/(b))")
    print(f"(a) floor, read + lxml parse : {a * 1000:8.1f} ms  ({a / len(files) * 1000:.2f} ms/file)")
    print(
        f"(b) gilint full check        : {b * 1000:8.1f} ms  ({b / len(files) * 1000:.2f} ms/file)  "
        f"ratio (b)/(a) = {b / a:.1f}"
    )
    one = str(ROOT / "fixtures" / "clean" / "2023_xx-ju.txt")
    gilint = shutil.which("gilint") or "gilint"
    c = wall([gilint, "check", one], max(args.repeat, 7))
    p = wall([sys.executable, "-c", "pass"], max(args.repeat, 7))
    print(f"(c) gilint check one report  : {c * 1000:8.1f} ms median  (python -c pass: {p * 1000:.1f} ms)")
    if args.audit_files:
        for jobs in (1, 2):
            n, first, again = audit_rate(files, args.audit_files, jobs)
            print(
                f"(d) audit --jobs {jobs}: {n} files in {first:.1f} s = {n / first:.0f} reports/s; "
                f"unchanged re-run {again:.2f} s"
            )


if __name__ == "__main__":
    main()
