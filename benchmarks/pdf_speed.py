"""Speed of the PDF reader. Usage:

    python benchmarks/pdf_speed.py [--repeat N] [FILES ...]

Defaults to the PDFs in ../shared/corpus/real. For each PDF, the median of N parses (``parse_pdf``)
(a) as gilint reads it: PDFium gives each page's characters and paths, pdfminer only opens the file;
(b) with PDFium turned off, every page through pdfminer's content-stream interpreter: the reader
    before PDFium (the layout and table logic are the same code);
and how many pages (a) read with PDFium (the others go to pdfminer: scans, damage, and what PDFium
reads differently). Then, in fresh processes, import times: the module alone (no PDF library may be
imported with it) and the PDF libraries imported on the first PDF read.

Nothing here is asserted; the figures go in the README's performance section.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gilint.parsers.pdf as pdf
from gilint.parsers import pdfium

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"


def median_ms(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def pdfium_pages(data: bytes) -> tuple[int, int]:
    """(pages read by PDFium, pages) for one parse of ``data``."""
    counts = [0, 0]
    page = pdfium.Pdfium.page

    def counting(self: Any, p: Any) -> Any:
        drawing = page(self, p)
        counts[0] += drawing is not None
        counts[1] += 1
        return drawing

    pdfium.Pdfium.page = counting  # type: ignore[method-assign]
    try:
        pdf.parse_pdf(data, "x.pdf")
    finally:
        pdfium.Pdfium.page = page  # type: ignore[method-assign]
    return counts[0], counts[1]


def without_pdfium(data: bytes) -> None:
    opener = pdfium.Pdfium.open
    pdfium.Pdfium.open = lambda data, pages: None  # type: ignore[method-assign, assignment]
    try:
        pdf.parse_pdf(data, "x.pdf")
    finally:
        pdfium.Pdfium.open = opener  # type: ignore[method-assign]


def fresh(code: str, repeat: int) -> tuple[float, str]:
    """Median milliseconds ``code`` (which sets ``t``, the seconds it took, and ``out``) took in fresh processes."""
    probe = f"import sys, time\n{code}\nprint(t, out)"
    cmd = [sys.executable, "-c", probe]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # byte-code cached, as for a user
    subprocess.run(cmd, capture_output=True, check=True, env=env)  # writes the byte-code cache
    runs = [
        subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout.split(" ", 1)
        for _ in range(repeat)
    ]
    return statistics.median(float(t) for t, _ in runs) * 1000, runs[0][1].strip()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    files = args.files or sorted(REAL.glob("*.pdf"))
    if not files:
        sys.exit("no PDFs: pass some, or put the corpus in ../shared/corpus/real")
    print(f"{'file':36} {'pages':>9} {'(a) PDFium':>11} {'(b) pdfminer':>13} {'(b)/(a)':>8}")
    totals = [0.0, 0.0]
    for f in files:
        data = f.read_bytes()
        pdf.parse_pdf(data, str(f))  # warm up: imports, fonts, caches
        a = median_ms(args.repeat, lambda data=data: pdf.parse_pdf(data, "x.pdf"))
        b = median_ms(args.repeat, lambda data=data: without_pdfium(data))
        read, pages = pdfium_pages(data)
        totals[0] += a
        totals[1] += b
        print(f"{f.name:36} {read:>4}/{pages:<4} {a:8.1f} ms {b:10.1f} ms {b / a:7.1f}x")
    n = len(files)
    print(
        f"{'mean per file':36} {'':9} {totals[0] / n:8.1f} ms {totals[1] / n:10.1f} ms "
        f"{totals[1] / totals[0]:7.1f}x   ({1000 * n / totals[0]:.1f} vs {1000 * n / totals[1]:.1f} files/s a core)"
    )
    repeat = max(3, args.repeat // 2)
    libraries = "'pdfplumber', 'pdfminer', 'pypdfium2'"
    module, loaded = fresh(
        "t0 = time.perf_counter(); import gilint.parsers.pdf; t = time.perf_counter() - t0\n"
        f"out = [m for m in ({libraries}) if m in sys.modules]",
        repeat,
    )
    first, _ = fresh(
        f"import gilint.parsers.pdf as pdf; data = open({str(files[0])!r}, 'rb').read()\n"
        "t0 = time.perf_counter(); pdf.parse_pdf(data, 'x.pdf'); t = time.perf_counter() - t0; out = ''",
        repeat,
    )
    imports, _ = fresh(
        "import gilint.parsers.pdf\nt0 = time.perf_counter(); import pdfplumber, pypdfium2.raw\n"
        "t = time.perf_counter() - t0; out = ''",
        repeat,
    )
    print(f"import gilint.parsers.pdf: {module:.1f} ms, PDF libraries loaded with it: {loaded}")
    print(
        f"first PDF read in a process: {first:.0f} ms, of which importing pdfplumber + pypdfium2 {imports:.0f} ms "
        f"(pypdfium2 alone is cheap, but pdfplumber imports it anyway)"
    )


if __name__ == "__main__":
    main()
