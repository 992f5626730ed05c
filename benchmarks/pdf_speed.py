"""Speed of the PDF reader. Usage:

    python benchmarks/pdf_speed.py [--repeat N] [FILES ...]

Defaults to the PDFs in ../shared/corpus/real. For each PDF, the median of N parses (``parse_pdf``)
(a) as gilint reads it: PDFium gives each page's characters and paths, pdfminer only opens the file;
(b) with PDFium turned off, every page through pdfminer's content-stream interpreter: the reader
    before PDFium (the layout and table logic are the same code);
and how many pages (a) read with PDFium (the others go to pdfminer: scans, damage, and what PDFium
reads differently). Then, in fresh processes, import times: the module alone (no PDF library may be
imported with it) and the PDF libraries imported on the first PDF read.

Then (``--floors``) the PDFium floors, CPU time, best of N: (c) what floors.py measures, the reader's reads in the
cheapest way (``floors.pdfium_floor``), (d) the floor issue 19 first named: text, every character's box
(``FPDFText_GetCharBox``) and every path's segments through pypdfium2's objects, and (e) the least any reader
of character boxes pays: the text in one call and one ``FPDFText_GetCharBox`` a character; against (a) and the
part of (a) spent in the binding (``Pdfium.page``: PDFium's calls and boxing each character).

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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from floors import pdfium_floor  # benchmarks/ is not a package

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


def best_cpu_ms(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        work()
        times.append(time.process_time() - t0)
    return min(times) * 1000


def boxes_floor(data: bytes) -> None:
    """(d): text, every character's box and every path object's segments through pypdfium2's objects."""
    import ctypes

    import pypdfium2 as pdfium_objects
    import pypdfium2.raw as raw

    doc = pdfium_objects.PdfDocument(data)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    x, y = ctypes.c_float(), ctypes.c_float()
    try:
        for page in doc:
            text = page.get_textpage()
            text.get_text_range()
            for i in range(text.count_chars()):
                raw.FPDFText_GetCharBox(text.raw, i, left, right, bottom, top)
            for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,)):
                for s in range(raw.FPDFPath_CountSegments(obj.raw)):
                    raw.FPDFPathSegment_GetPoint(raw.FPDFPath_GetPathSegment(obj.raw, s), x, y)
            text.close()
            page.close()
    finally:
        doc.close()


def least_floor(data: bytes) -> None:
    """(e): the text in one call and one ``FPDFText_GetCharBox`` a character, through the binding's declarations."""
    import ctypes

    import pypdfium2.raw as raw

    lib = pdfium.library()
    buffer = ctypes.create_string_buffer(data, len(data))
    doc = lib.FPDF_LoadMemDocument64(buffer, len(data), None)
    box = [ctypes.c_double() for _ in range(4)]
    at = [ctypes.addressof(v) for v in box]
    get_box = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, *[ctypes.c_void_p] * 4)(
        ctypes.cast(raw.FPDFText_GetCharBox, ctypes.c_void_p).value
    )
    try:
        for number in range(lib.FPDF_GetPageCount(doc)):
            page = lib.FPDF_LoadPage(doc, number)
            text = lib.FPDFText_LoadPage(page)
            n = lib.FPDFText_CountChars(text)
            chars = ctypes.create_string_buffer(2 * n + 2)
            lib.FPDFText_GetText(text, 0, n, chars)
            for i in range(n):
                get_box(text, i, *at)
            lib.FPDFText_ClosePage(text)
            lib.FPDF_ClosePage(page)
    finally:
        lib.FPDF_CloseDocument(doc)


def binding_ms(repeat: int, data: bytes) -> tuple[float, float]:
    """(best CPU ms of a parse, of it in ``Pdfium.page``)."""
    spent = [0.0]
    page = pdfium.Pdfium.page

    def timed(self: Any, p: Any) -> Any:
        t0 = time.process_time()
        try:
            return page(self, p)
        finally:
            spent[0] += time.process_time() - t0

    pdfium.Pdfium.page = timed  # type: ignore[method-assign]
    best = (float("inf"), 0.0)
    try:
        for _ in range(repeat):
            spent[0] = 0.0
            t0 = time.process_time()
            pdf.parse_pdf(data, "x.pdf", False)
            best = min(best, ((time.process_time() - t0) * 1000, spent[0] * 1000))
    finally:
        pdfium.Pdfium.page = page  # type: ignore[method-assign]
    return best


def floors(repeat: int, files: list[Path]) -> None:
    print(
        f"{'CPU ms, best of ' + str(repeat):36} {'(a) parse':>10} {'binding':>8} {'(c) floor':>10} {'(d) boxes':>10} "
        f"{'(e) least':>10} {'(a)/(c)':>8} {'(a)/(d)':>8}"
    )
    for f in files:
        data = f.read_bytes()
        a, binding = binding_ms(repeat, data)
        c = best_cpu_ms(repeat, lambda data=data: pdfium_floor(data))
        d = best_cpu_ms(repeat, lambda data=data: boxes_floor(data))
        e = best_cpu_ms(repeat, lambda data=data: least_floor(data))
        print(f"{f.name:36} {a:10.1f} {binding:8.1f} {c:10.1f} {d:10.1f} {e:10.1f} {a / c:7.1f}x {a / d:7.1f}x")


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
    ap.add_argument("--floors", action="store_true", help="only the floors, against the reader (see the module)")
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    files = args.files or sorted(REAL.glob("*.pdf"))
    if not files:
        sys.exit("no PDFs: pass some, or put the corpus in ../shared/corpus/real")
    if args.floors:
        floors(args.repeat, files)
        return
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
        "import gilint.parsers.pdf\nt0 = time.perf_counter(); import pdfplumber, pypdfium2_raw\n"
        "t = time.perf_counter() - t0; out = ''",
        repeat,
    )
    print(f"import gilint.parsers.pdf: {module:.1f} ms, PDF libraries loaded with it: {loaded}")
    print(
        f"first PDF read in a process: {first:.0f} ms, of which importing pdfplumber (with pdfminer) and "
        f"pypdfium2_raw (PDFium's bindings, without the rest of pypdfium2) {imports:.0f} ms"
    )


if __name__ == "__main__":
    main()
