"""Speed against its floors (issue 19), side by side in one run. Usage:

    python benchmarks/floors.py [--repeat N] [--audit-copies N] [--importtime FILE]

Every figure is CPU time (user + system, of the process and of the children it waited for: a PDF is read in
a child process, and its CPU time is counted), the best of ``--repeat`` runs and their median, so that the
other work of a loaded machine counts as little as it can. Byte code is compiled first and cached, as on a
user's machine (``PYTHONDONTWRITEBYTECODE`` is dropped for the processes started here).

(1) start-up: ``gilint check`` of one report (fixtures/clean/2023_xx-ju.txt) as a whole process, against the
    same interpreter doing nothing (``python -c pass``, and ``python -S -c pass``: without site, whose .pth
    hooks an editable install adds to every start); ``python -X importtime`` of the same check is written to
    ``--importtime`` (benchmarks/importtime.txt), the modules by cumulative time.
(2) PDF: each PDF of ../shared/corpus/real parsed in-process (``parse_pdf``, no OCR) and as ``gilint dump``
    processes (reader child included), against the PDFium floor: what the reader reads from PDFium, read in the
    cheapest way (``pdfium_floor``; benchmarks/pdf_speed.py compares it with cheaper and dearer floors).
    Then ``gilint audit --jobs 1`` over byte-distinct copies of those PDFs: PDFs per CPU second (per core).
(3) corpus lint: every non-PDF file of ../shared/corpus/real checked in one process (read, parse, structure,
    every rule; packs loaded before), against reading each file and parsing it with ``lxml.html``; then the
    same three steps timed one by one (reading and parsing, structure, the rules), to show where it goes.

Nothing here is asserted; the figures go in the README's performance section.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"
ONE = ROOT / "fixtures" / "clean" / "2023_xx-ju.txt"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
GILINT = shutil.which("gilint", path=str(Path(sys.executable).parent)) or "gilint"


def _cpu() -> float:
    """CPU seconds of this process and of its waited-for children so far."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """(best, median) CPU seconds of ``repeat`` runs of ``work()``."""
    times = []
    for _ in range(repeat):
        t0 = _cpu()
        work()
        times.append(_cpu() - t0)
    return min(times), statistics.median(times)


def process(cmd: list[str]) -> Callable[[], object]:
    return lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False)


def row(name: str, figures: tuple[float, float], floor: tuple[float, float] | None = None, per: int = 1) -> None:
    best, median = (f * 1000 / per for f in figures)
    ratio = f"  {figures[0] / floor[0]:5.1f}x (median {figures[1] / floor[1]:.1f}x)" if floor else ""
    print(f"  {name:<44} best {best:8.1f} ms  median {median:8.1f} ms{ratio}")


def importtime(out: Path, runs: int = 3) -> None:
    """``python -X importtime`` of the one-report check, modules sorted by cumulative microseconds: of
    ``runs`` runs the one whose imports took least (it counts wall time: a run the machine paused is left out)."""
    tried = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "gilint", "check", str(ONE)],
            capture_output=True,
            text=True,
            env=ENV,
            check=False,
        )
        found = []
        for line in done.stderr.splitlines():
            if line.startswith("import time:") and "|" in line and "self [us]" not in line:
                own, cumulative, name = line.removeprefix("import time:").split("|")
                found.append((int(cumulative), int(own), name.rstrip()))
        tried.append(found)
    rows = sorted(min(tried, key=lambda found: sum(own for _, own, _ in found)), reverse=True)
    lines = [
        f"# python -X importtime -m gilint check {ONE.relative_to(ROOT)} ({platform.python_version()})",
        "# cumulative us | self us | module",
        *(f"{c:>10} | {s:>8} | {n}" for c, s, n in rows),
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    print(f"  importtime: {len(rows)} modules, written to {shown}; the largest (cumulative):")
    for c, _, n in rows[:12]:
        print(f"    {c / 1000:7.1f} ms {n}")


def pdfium_floor(data: bytes) -> int:
    """Read from PDFium what the PDF reader needs, in the cheapest way from Python: through the binding's own
    declarations of PDFium's functions (``gilint.parsers.pdfium.library``: plain types, a call costs a third
    less than through pypdfium2's declared pointer types), on every page its text in one call, and for every
    character the values the reader boxes it by (a mapping error, its text object and origin; whether PDFium
    generated it for a space or line break); a text object's matrix, font and size once; every object's type
    (form objects opened), a text object's marks, a path's matrix, draw mode and every segment's type, point and
    closing flag. Nothing is made of them."""
    from gilint.parsers.pdfium import library

    lib = library()
    buffer = ctypes.create_string_buffer(data, len(data))
    doc = lib.FPDF_LoadMemDocument64(buffer, len(data), None)
    m = lib.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    fx, fy = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    at_m, at_x, at_y, at_fx, at_fy = (ctypes.addressof(v) for v in (m, x, y, fx, fy))
    at_fill, at_stroke = ctypes.addressof(fill), ctypes.addressof(stroke)
    generated = frozenset(map(ord, " \r\n"))
    total = 0

    def walk(count: int, get: Callable[[int], int]) -> None:
        for i in range(count):
            obj = get(i)
            kind = lib.FPDFPageObj_GetType(obj)
            if kind == lib.FPDF_PAGEOBJ_TEXT:
                lib.FPDFPageObj_CountMarks(obj)
            elif kind == lib.FPDF_PAGEOBJ_FORM:
                lib.FPDFPageObj_GetMatrix(obj, at_m)
                walk(lib.FPDFFormObj_CountObjects(obj), lambda j, form=obj: lib.FPDFFormObj_GetObject(form, j))
            elif kind == lib.FPDF_PAGEOBJ_PATH:
                lib.FPDFPageObj_GetMatrix(obj, at_m)
                lib.FPDFPath_GetDrawMode(obj, at_fill, at_stroke)
                for s in range(lib.FPDFPath_CountSegments(obj)):
                    segment = lib.FPDFPath_GetPathSegment(obj, s)
                    lib.FPDFPathSegment_GetType(segment)
                    lib.FPDFPathSegment_GetPoint(segment, at_fx, at_fy)
                    lib.FPDFPathSegment_GetClose(segment)

    try:
        for number in range(lib.FPDF_GetPageCount(doc)):
            page = lib.FPDF_LoadPage(doc, number)
            text = lib.FPDFText_LoadPage(page)
            n = lib.FPDFText_CountChars(text)
            chars = ctypes.create_string_buffer(2 * n + 2)
            units = lib.FPDFText_GetText(text, 0, n, chars)
            total += units
            codes = chars.raw[: 2 * max(units - 1, 0)].decode("utf-16-le", "surrogatepass")
            if len(codes) != n:  # the reader asks every character then
                codes = " " * n
            objects = set()
            for i in range(n):
                if ord(codes[i]) in generated and lib.FPDFText_IsGenerated(text, i):
                    continue
                lib.FPDFText_HasUnicodeMapError(text, i)
                obj = lib.FPDFText_GetTextObject(text, i)
                lib.FPDFText_GetCharOrigin(text, i, at_x, at_y)
                if obj not in objects:
                    objects.add(obj)
                    lib.FPDFText_GetMatrix(text, i, at_m)
                    lib.FPDFText_GetFontSize(text, i)
                    lib.FPDFTextObj_GetFont(obj)
            walk(lib.FPDFPage_CountObjects(page), lambda i, page=page: lib.FPDFPage_GetObject(page, i))
            lib.FPDFText_ClosePage(text)
            lib.FPDF_ClosePage(page)
    finally:
        lib.FPDF_CloseDocument(doc)
    return total


def audit_rate(pdfs: list[Path], copies: int) -> tuple[int, float, float]:
    """(PDFs, CPU seconds, wall seconds) of one ``gilint audit --jobs 1`` over ``copies`` copies of each PDF."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "in")
        n = 0
        for c in range(copies):
            (folder / f"copy-{c:03}").mkdir(parents=True)
            for p in pdfs:
                (folder / f"copy-{c:03}" / p.name).write_bytes(p.read_bytes() + f"\n% copy {c}\n".encode())
                n += 1
        t0, w0 = _cpu(), time.perf_counter()
        process([GILINT, "audit", str(folder), "--db", str(Path(tmp, "a.db")), "--jobs", "1", "--lang", "en"])()
        return n, _cpu() - t0, time.perf_counter() - w0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--audit-copies", type=int, default=10, help="copies of each PDF for the audit; 0 skips it")
    ap.add_argument("--importtime", type=Path, default=ROOT / "benchmarks" / "importtime.txt")
    args = ap.parse_args()
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "gilint"), str(ROOT / "rules")],
        env=ENV,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; "
        f"Python {platform.python_version()}; CPU time, best and median of {args.repeat}"
    )

    print("(1) start-up, whole processes")
    bare = measure(args.repeat, process([sys.executable, "-c", "pass"]))
    nosite = measure(args.repeat, process([sys.executable, "-S", "-c", "pass"]))
    one = measure(args.repeat, process([GILINT, "check", str(ONE)]))
    row("python -c pass", bare)
    row("python -S -c pass", nosite)
    row(f"gilint check {ONE.name} / python -c pass", one, bare)
    row(f"gilint check {ONE.name} / python -S -c pass", one, nosite)
    importtime(args.importtime)

    pdfs = sorted(REAL.glob("*.pdf")) if REAL.is_dir() else []
    if pdfs:
        from gilint.parsers.pdf import parse_pdf

        print("(2) PDF, per report")
        for p in pdfs:
            data = p.read_bytes()
            parse_pdf(data, str(p), False)  # warm up: the PDF libraries' imports
            floor = measure(args.repeat, lambda data=data: pdfium_floor(data))
            row(f"{p.name}: PDFium floor", floor)
            parsed = measure(args.repeat, lambda d=data, p=p: parse_pdf(d, str(p), False))
            row(f"{p.name}: parse_pdf in-process", parsed, floor)
            row(f"{p.name}: gilint dump process", measure(args.repeat, process([GILINT, "dump", str(p)])), floor)
        if args.audit_copies:
            n, cpu, wall = audit_rate(pdfs, args.audit_copies)
            print(
                f"  gilint audit --jobs 1: {n} PDFs in {cpu:.1f} CPU s ({wall:.1f} s wall): "
                f"{n / cpu:.1f} PDFs per CPU second (per core)"
            )

    texts = [p for p in sorted(REAL.iterdir()) if p.suffix in (".txt", ".md", ".html", ".htm")] if REAL.is_dir() else []
    if texts:
        import lxml.html

        from gilint.config import Config
        from gilint.engine import check_file, check_report, load_plugins, read_file
        from gilint.structure import build_report

        plugins, config = load_plugins(), Config(ROOT)
        for p in texts:  # warm up: imports and patterns
            check_file(str(p), config, plugins)
        print(f"(3) corpus lint, {len(texts)} non-PDF files of corpus/real in one process")
        floor = measure(args.repeat, lambda: [lxml.html.document_fromstring(p.read_bytes()) for p in texts])
        row("read + lxml.html parse", floor)
        row(
            "gilint check_file",
            measure(args.repeat, lambda: [check_file(str(p), config, plugins) for p in texts]),
            floor,
        )
        # where it goes: the same files read, structured and checked one step at a time
        docs = [read_file(str(p), plugins) for p in texts]
        reports = [build_report(d) for d in docs]
        row("  of it: read and parse", measure(args.repeat, lambda: [read_file(str(p), plugins) for p in texts]), floor)
        row(
            "  of it: structure (sections, tables)",
            measure(args.repeat, lambda: [build_report(d) for d in docs]),
            floor,
        )
        row(
            "  of it: the rules",
            measure(args.repeat, lambda: [check_report(r, config, plugins) for r in reports]),
            floor,
        )


if __name__ == "__main__":
    main()
