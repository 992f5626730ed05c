"""How fast ``gilint audit`` is on a large folder, with one and two worker processes, and how fast an
unchanged re-run is.

    python benchmarks/audit.py [--files 2000] [--pdf-files 120] [--jobs 1 2] [--keep DIR]

Builds two folders of byte-distinct copies (so that no hash cache can help) of the shared corpus
(../shared/corpus/real and ../shared/seeds, when there) and the project's fixtures (text, Markdown,
HTML, and the .docx fixture built): one of at least ``--files`` reports without PDFs, and one of
``--pdf-files`` PDFs (a PDF takes ~0.3–0.8 s to read, a text report a few ms). Each copy differs by
trailing newlines (text), a trailing comment (HTML), the zip comment (.docx) or bytes after ``%%EOF``
(PDF). Then, for each folder, it runs ``python -m gilint audit`` with a fresh database for every
``--jobs`` value, and once more unchanged (hashing only) on the last database, and prints files,
wall time, reports/s, CPU time (user + system of the audit and every process it waited for: workers,
PDF readers), reports per CPU second and the peak resident memory of the largest process (the audit or
a worker).
"""

from __future__ import annotations

import argparse
import io
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from tests.fixture_builders import build_docx  # noqa: E402

TEXT = (".txt", ".md")


def sources(scratch: Path) -> tuple[list[Path], list[Path]]:
    """The reports to copy: (not PDF, PDF)."""
    found = [
        *sorted((ROOT / "fixtures").rglob("*")),
        *sorted((SHARED / "corpus" / "real").glob("*")),
        *sorted((SHARED / "seeds").glob("*")),
    ]
    docx = build_docx(ROOT / "fixtures" / "clean" / "2024_xx-wei.docx.json", scratch / "2024_xx-wei.docx")
    reports = [p for p in found if p.suffix.lower() in (*TEXT, ".html", ".htm", ".pdf") and p.name != "README.md"]
    return [p for p in reports if p.suffix != ".pdf"] + [docx], [p for p in reports if p.suffix == ".pdf"]


def variant(data: bytes, suffix: str, n: int) -> bytes:
    """``data`` made byte-distinct by copy number ``n``, read the same."""
    if suffix in TEXT:
        return data + b"\n" * (n + 1)
    if suffix in (".html", ".htm"):
        return data + f"\n<!-- copy {n} -->\n".encode()
    if suffix == ".docx":
        buffer = io.BytesIO(data)
        with zipfile.ZipFile(buffer, "a") as z:
            z.comment = f"copy {n}".encode()
        return buffer.getvalue()
    return data + f"\n% copy {n}\n".encode()  # PDF: after %%EOF


def build(folder: Path, files: Sequence[Path], count: int) -> int:
    """At least ``count`` copies of ``files`` in ``folder``/copy-NNNN/; how many were written."""
    copies = math.ceil(count / len(files))
    written = 0
    for n in range(copies):
        target = folder / f"copy-{n:04}"
        target.mkdir(parents=True)
        for src in files:
            (target / src.name).write_bytes(variant(src.read_bytes(), src.suffix.lower(), n))
            written += 1
    return written


def audit(folder: Path, db: Path, jobs: int) -> tuple[float, float, int]:
    """Wall time, CPU time (seconds, with its workers') and peak RSS (KiB, the largest of the audit and its
    workers) of one ``gilint audit``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gilint", "audit", str(folder), "--db", str(db), "--jobs", str(jobs), "--lang", "en"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"gilint audit failed ({proc.returncode}):\n{err.decode(errors='replace')}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def measure(name: str, folder: Path, files: int, jobs: Sequence[int], dbs: Path) -> list[tuple[str, ...]]:
    rows = []
    db = dbs / f"{name}.db"
    for n in jobs:
        db.unlink(missing_ok=True)
        elapsed, cpu, rss = audit(folder, db, n)
        rows.append(
            (
                name,
                f"--jobs {n}",
                str(files),
                f"{elapsed:.1f}",
                f"{files / elapsed:.0f}",
                f"{cpu:.1f}",
                f"{files / cpu:.1f}",
                f"{rss / 1024:.0f}",
            )
        )
    elapsed, cpu, rss = audit(folder, db, jobs[-1])
    rows.append(
        (
            name,
            f"unchanged, --jobs {jobs[-1]}",
            str(files),
            f"{elapsed:.2f}",
            f"{files / elapsed:.0f}",
            f"{cpu:.2f}",
            f"{files / cpu:.0f}",
            f"{rss / 1024:.0f}",
        )
    )
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=2000, help="reports without PDFs (default: 2000)")
    parser.add_argument("--pdf-files", type=int, default=120, help="PDF reports (default: 120; 0: none)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts to compare")
    parser.add_argument("--keep", type=Path, help="build the folders here and keep them (default: a temp folder)")
    args = parser.parse_args(argv)
    base = args.keep or Path(tempfile.mkdtemp(prefix="gilint-audit-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        plain, pdfs = sources(base)
        rows = []
        n = build(base / "no-pdf", plain, args.files)
        print(f"{n} reports without PDFs ({len(plain)} sources), in {base / 'no-pdf'}", file=sys.stderr)
        rows += measure("no PDF", base / "no-pdf", n, args.jobs, base)
        if args.pdf_files and pdfs:
            n = build(base / "pdf", pdfs, args.pdf_files)
            print(f"{n} PDF reports ({len(pdfs)} sources), in {base / 'pdf'}", file=sys.stderr)
            rows += measure("PDF", base / "pdf", n, args.jobs, base)
        header = ("set", "run", "files", "wall s", "reports/s", "CPU s", "reports/CPU s", "peak RSS MiB")
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print(
                "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
            )
        print(f"(cores: {os.cpu_count()}; wall time includes starting Python and printing the summary)")
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
