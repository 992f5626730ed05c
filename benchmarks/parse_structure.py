"""Time parse + structure per report (issue: reader). Usage:

    python benchmarks/parse_structure.py [FILES or FOLDERS ...]

Defaults to ../shared/seeds, ../shared/corpus/real and fixtures/. Prints, per report, the best of
five runs in CPU milliseconds (process time, so that other work on the machine does not count),
then the median and the slowest report.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from gilint.parsers import read_document
from gilint.structure import build_report

ROOT = Path(__file__).resolve().parents[1]
EXTS = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


def files(args: list[str]) -> list[Path]:
    roots = [Path(a) for a in args] or [
        ROOT.parent / "shared" / "seeds",
        ROOT.parent / "shared" / "corpus" / "real",
        ROOT / "fixtures",
    ]
    out: list[Path] = []
    for r in roots:
        if r.is_file():
            out.append(r)
        elif r.is_dir():
            out.extend(p for p in sorted(r.rglob("*")) if p.suffix.lower() in EXTS)
    return out


def main() -> None:
    paths = files(sys.argv[1:])
    rows = []
    for path in paths:
        data = path.read_bytes()
        times = []
        for _ in range(5):
            t0 = time.process_time()
            build_report(read_document(str(path), data))
            times.append((time.process_time() - t0) * 1000)
        rows.append((min(times), path))
    for ms, path in sorted(rows, reverse=True):
        print(f"{ms:8.1f} ms  {path.name}")
    text = [ms for ms, p in rows if p.suffix != ".pdf"]
    if text:
        print(f"\n{len(text)} non-PDF reports: median {statistics.median(text):.1f} ms, max {max(text):.1f} ms")
    pdf = [ms for ms, p in rows if p.suffix == ".pdf"]
    if pdf:
        print(f"{len(pdf)} PDF reports: median {statistics.median(pdf):.1f} ms, max {max(pdf):.1f} ms")


if __name__ == "__main__":
    main()
