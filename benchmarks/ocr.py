"""OCR: speed and accuracy on the real text-layer PDFs rebuilt as scans. Usage:

    python benchmarks/ocr.py [--variants straight,turned-noisy] [FILES ...]

Defaults to the PDFs in ../shared/corpus/real. Each PDF is rendered at 200 dpi and rebuilt as an
image-only PDF (tests/scankit.py): once straight, once turned by 1 degree with scanner noise. For
each scan: how many cells of tables 3 and 4 read as in the original, whether the findings are the
same (the OCR notices GI023/GI024 left out), the cells GI024 marks uncertain, and the seconds per
page of reading it (OCR included), wall clock and CPU (all threads; on a busy machine the wall clock
shows the other load, the CPU time does not); at the end, OCR pages per second over everything. The scans are
written to a temporary folder and removed.

Nothing here is asserted; the figures go in the README's performance section.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"
sys.path.insert(0, str(ROOT))

from gilint.config import Config  # noqa: E402
from gilint.engine import check_file, load_plugins  # noqa: E402
from gilint.model import Report  # noqa: E402
from tests.scankit import VARIANTS, scan_pdf  # noqa: E402

NOTICES = ("GI023", "GI024")  # what only an OCR reading says


def cells(report: Report) -> dict[tuple[int, str, str], object]:
    return {
        (n, row, col): cell.value
        for n in (3, 4)
        if n in report.tables
        for row, cols in report.tables[n].cells.items()
        for col, cell in cols.items()
    }


def findings(path: Path, plugins: object) -> tuple[Report | None, list[tuple[str, int | None, str]]]:
    result = check_file(str(path), Config(path.parent), plugins)  # type: ignore[arg-type]
    return result.report, [(d.code, d.span.page, d.message_zh) for d in result.diagnostics if d.code not in NOTICES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    files = args.files or sorted(REAL.glob("*.pdf"))
    plugins = load_plugins()
    pages_done, seconds, cpu_seconds = 0, 0.0, 0.0
    print(
        "| file | scan | cells of tables 3-4 as the original | same findings | uncertain cells | s/page | CPU s/page |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for source in files:
            original, expected = findings(source, plugins)
            want = cells(original) if original else {}
            for variant in args.variants.split(","):
                path = Path(tmp) / f"{source.stem}.{variant}.pdf"
                path.write_bytes(scan_pdf(source.read_bytes(), **VARIANTS[variant]))  # type: ignore[arg-type]
                t0, c0 = time.perf_counter(), time.process_time()
                report, got = findings(path, plugins)
                took, cpu = time.perf_counter() - t0, time.process_time() - c0
                pages = max((n.span.page or 0 for n in report.doc.nodes), default=0) if report else 0
                have = cells(report) if report else {}
                same = sum(1 for k, v in want.items() if k in have and have[k] == v)
                doubtful = sum(
                    1
                    for n in (report.doc.nodes if report else [])
                    if n.kind == "cell" and n.confidence is not None and n.confidence < 0.5
                )
                wrong = [f"{k[1]}/{k[2]}: {v!r} read {have.get(k, '—')!r}" for k, v in want.items() if have.get(k) != v]
                print(
                    f"| {source.name} | {variant} | {same}/{len(want)} | {'yes' if got == expected else 'no'} "
                    f"| {doubtful} | {took / max(pages, 1):.1f} | {cpu / max(pages, 1):.1f} |"
                )
                for line in wrong[:10]:
                    print(f"|  |  | {line} |  |  |  |  |")
                for extra in sorted(set(got) - set(expected))[:5]:
                    print(f"|  |  | + {extra[0]} p{extra[1]}: {extra[2][:60]} |  |  |  |  |")
                for lost in sorted(set(expected) - set(got))[:5]:
                    print(f"|  |  | - {lost[0]} p{lost[1]}: {lost[2][:60]} |  |  |  |  |")
                pages_done += pages
                seconds += took
                cpu_seconds += cpu
                sys.stdout.flush()
    print(
        f"\nOCR: {pages_done} pages in {seconds:.0f} s, {pages_done / seconds:.3f} pages/s "
        f"({seconds / max(pages_done, 1):.1f} s/page; CPU {cpu_seconds / max(pages_done, 1):.1f} s/page)"
    )


if __name__ == "__main__":
    main()
