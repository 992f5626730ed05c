"""A long fuzz run over the readers, the structure pass and every built-in report rule (issue 7).

    python benchmarks/fuzz.py --cases 100000 --seed 1 [--workers 2] [--timeout 5] [--out fuzz-out]
    python benchmarks/fuzz.py --seed 1 --only 4711        # rerun one case, with its traceback

Each case is a file of one of .txt .md .html .docx .pdf, made from (seed, case number) alone: random
bytes, token soup of report fragments, report fragments mixed with HTML markup, HTML elements with
many, duplicated and malformed attributes and comments among them (tests/hostile.attribute_soup), a
random .docx body (tables with spans and merges, nested tables, content controls), a PDF object graph
mutated (tests/hostile.pdf_graph: reference cycles, self and dangling references, wrong types,
repeated, cyclic and deep page trees, lying counts and lengths, recursive forms, unknown and chained
filters, inflation, object streams, deep arrays, operator soup, many rules, /Prev loops, shifted or
missing cross-reference tables, byte flips), or a generated report (gilint.testing.reports) mutated before
or after rendering (byte flips, truncation, lines deleted, duplicated or swapped, "|" and digits and
markup inserted; for .docx also word/document.xml itself); now and then a large one. It goes through
read_document (the .docx and PDF readers in their time- and memory-bounded child process, the time
limit set below --timeout), build_report and all report-scope rules. A case that raises is a crash,
one that reports a "reader-crash" problem a reader crash, one whose reader the child process had to
stop at its time or memory limit a reader timeout or reader memory, one that runs past --timeout a
hang (a signal alarm inside the worker; the parent kills a worker stuck past twice that). Each
failing case is saved under --out as its file plus a .traceback file. Prints the counts, the time,
cases/s and the slowest case.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import signal
import sys
import time
import traceback
from collections import Counter
from multiprocessing.connection import Connection, wait
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import gilint_rules as rules  # noqa: E402

from gilint.parsers import limits, read_document  # noqa: E402
from gilint.structure import build_report  # noqa: E402
from gilint.testing import run_rule  # noqa: E402
from gilint.testing.reports import T3_DEFAULT, T4_DEFAULT, make_report  # noqa: E402
from tests import docxkit  # noqa: E402
from tests.hostile import (  # noqa: E402
    EXTENSIONS,
    OPS,
    VOCABULARY,
    Op,
    attribute_soup,
    docx_body,
    docx_xml,
    markup_soup,
    mutate,
    pdf_graph,
    render,
)

RULES = [r for r in rules.gilint_rules() if r.scope == "report"]
KINDS = (*EXTENSIONS, ".pdf")
WEIGHTS = (*(1.0 for _ in EXTENSIONS), 0.4)  # a PDF costs about ten text files
BUDGET = {"limit-time": "reader-timeout", "limit-memory": "reader-memory"}  # the child process stopped the reader


class Hang(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` in gilint swallows it."""


# ---------------------------------------------------------------- cases


def random_report(rng: random.Random) -> str:
    year = rng.choice([2019, 2020, 2021, 2022, 2023, 2024, rng.randint(1990, 2100)])
    t3 = {k: [rng.choice([0, 0, 1, 2, 10, 99, 1234]) for _ in v] for k, v in T3_DEFAULT.items() if rng.random() < 0.3}
    t4 = [rng.choice([0, 1, 3, 17]) for _ in T4_DEFAULT] if rng.random() < 0.3 else None
    headings = {n: None for n in range(1, 7) if rng.random() < 0.1}
    omit = tuple(n for n in (2, 3, 4) if rng.random() < 0.1)
    return make_report(year=year, t3=t3, t4=t4, headings=headings, omit_tables=omit)


def random_ops(rng: random.Random) -> list[Op]:
    return [(rng.choice(OPS), rng.randrange(1 << 30), rng.randrange(1 << 30)) for _ in range(rng.randint(1, 12))]


def soup(rng: random.Random) -> bytes:
    size = rng.randint(0, 30_000) if rng.random() < 0.03 else rng.randint(0, 600)
    return "".join(rng.choice(VOCABULARY) for _ in range(size)).encode()


def make_case(seed: int, number: int) -> tuple[str, bytes]:
    """The file name and bytes of case ``number``: the same for the same seed, on any machine."""
    rng = random.Random(f"{seed}:{number}")
    ext = rng.choices(KINDS, WEIGHTS)[0]
    roll = rng.random()
    if ext == ".pdf":
        data = pdf_graph(rng) if roll < 0.9 else b"%PDF-1.7\n" + rng.randbytes(rng.randint(0, 4096))
    elif ext == ".html" and roll < 0.25:
        data = attribute_soup(rng).encode()
    elif roll < 0.1:
        data = rng.randbytes(rng.choice([rng.randint(0, 64), rng.randint(0, 4096), rng.randint(0, 50_000)]))
    elif roll < 0.2:
        data = soup(rng)
        data = docxkit.docx_bytes(docxkit.para(data.decode())) if ext == ".docx" else data
    elif roll < 0.35:
        body = docx_body(rng) if ext == ".docx" else markup_soup(rng)
        data = docxkit.docx_bytes(body) if ext == ".docx" else body.encode()
    else:
        text, ops = random_report(rng), random_ops(rng)
        text *= rng.randint(2, 40) if rng.random() < 0.03 else 1  # now and then a large file
        stage = rng.choice(("text", "file", "xml") if ext == ".docx" else ("text", "file"))
        if stage == "text":
            data = render(mutate(text.encode(), ops).decode("utf-8", errors="replace"), ext)
        elif stage == "xml":
            data = docxkit.docx_bytes(document=mutate(docx_xml(text), ops))
        else:
            data = mutate(render(text, ext), ops)
    return f"case-{number}{ext}", data


# ---------------------------------------------------------------- running one case


def _alarm(signum: int, frame: object) -> None:
    raise Hang


def run_case(seed: int, number: int, timeout: float) -> tuple[int, str, str, float, str]:
    """(case number, outcome, detail, seconds, extension); outcome is ok, crash, reader-crash,
    reader-timeout, reader-memory or hang."""
    stage, name = "generate", ""
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        name, data = make_case(seed, number)
        stage = "read"
        doc = read_document(name, data)
        stage = "structure"
        report = build_report(doc)
        for r in RULES:
            stage = f"rule {r.code}"
            run_rule(r, report)
        crashed = [(p.kind, p.message_en) for p in doc.problems if p.kind == "reader-crash" or p.kind in BUDGET]
        outcome, detail = (BUDGET.get(crashed[0][0], "reader-crash"), crashed[0][1]) if crashed else ("ok", "")
    except Hang:
        outcome, detail = "hang", f"over {timeout} s in {stage}"
    except Exception:  # what the fuzzer is looking for
        outcome, detail = "crash", f"in {stage}\n{traceback.format_exc()}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return number, outcome, detail, time.perf_counter() - start, Path(name).suffix


def _worker(conn: Connection, seed: int, timeout: float) -> None:
    signal.signal(signal.SIGALRM, _alarm)
    limits.configure({"time": 0.6 * timeout})  # the reader's child process is stopped before the alarm
    while (number := conn.recv()) is not None:
        conn.send(run_case(seed, number, timeout))


# ---------------------------------------------------------------- the run


class _Worker:
    def __init__(self, seed: int, timeout: float) -> None:
        self.conn, child = mp.Pipe()
        self.proc = mp.Process(target=_worker, args=(child, seed, timeout), daemon=True)
        self.proc.start()
        self.case: int | None = None
        self.since = 0.0

    def give(self, number: int | None) -> None:
        self.case, self.since = number, time.perf_counter()
        self.conn.send(number)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join()


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    todo = iter(range(args.first, args.first + args.cases))
    pool = [_Worker(args.seed, args.timeout) for _ in range(args.workers)]
    counts: Counter[str] = Counter()
    sites: Counter[str] = Counter()
    slowest: dict[str, tuple[float, int]] = {}  # by extension
    started = time.perf_counter()
    for w in pool:
        w.give(next(todo, None))
    while busy := [w for w in pool if w.case is not None]:
        for conn in wait([w.conn for w in busy], timeout=1.0):
            w = next(w for w in busy if w.conn is conn)
            number, outcome, detail, seconds, ext = conn.recv()
            counts[outcome] += 1
            slowest[ext] = max(slowest.get(ext, (0.0, -1)), (seconds, number))
            if outcome != "ok":
                sites[_site(outcome, detail)] += 1
                _save(out, args.seed, number, outcome, detail, with_case=outcome != "hang")
            w.give(next(todo, None))
        for w in busy:
            if w.case is not None and time.perf_counter() - w.since > 2 * args.timeout + 5:
                counts["hang"] += 1
                sites["hang (worker killed)"] += 1
                _save(out, args.seed, w.case, "hang", f"worker stuck over {2 * args.timeout + 5} s: killed", False)
                w.kill()
                pool[pool.index(w)] = fresh = _Worker(args.seed, args.timeout)
                fresh.give(next(todo, None))
    for w in pool:  # each has been given None, its signal to stop
        w.proc.join()
    elapsed = time.perf_counter() - started
    done = sum(counts.values())
    print(f"{done} cases in {elapsed:.1f} s ({done / elapsed:.0f} cases/s, {args.workers} workers, seed {args.seed})")
    print(
        f"crashes {counts['crash']}, reader crashes {counts['reader-crash']}, hangs {counts['hang']}, "
        f"reader timeouts {counts['reader-timeout']}, reader memory {counts['reader-memory']}, ok {counts['ok']}; "
        f"slowest case {max(slowest.values())[1]} ({max(slowest.values())[0]:.2f} s)"
    )
    print("slowest by type: " + ", ".join(f"{ext} case {n} ({s:.2f} s)" for ext, (s, n) in sorted(slowest.items())))
    for site, n in sites.most_common():
        print(f"  {n:6d}  {site}")
    if sites:
        print(f"reproducers in {out}/")
    return 1 if sites else 0


def _site(outcome: str, detail: str) -> str:
    """Where a failure happened, to count failures by place: the last frame and the exception."""
    lines = [ln.strip() for ln in detail.splitlines() if ln.strip()]
    frames = [ln for ln in lines if ln.startswith("File ")]
    if not frames:
        return f"{outcome}: {lines[0] if lines else ''}"[:200]
    return f"{outcome}: {lines[-1].split(':')[0]} at {frames[-1]}"


def _save(out: Path, seed: int, number: int, outcome: str, detail: str, with_case: bool = True) -> None:
    """Save what happened, and the failing case's file unless making it again could itself hang."""
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"{outcome}-case-{number}"
    if with_case:
        try:
            name, data = make_case(seed, number)
        except Exception:  # a case that cannot even be made: its traceback says why
            name, data = "case.generate", b""
        stem.with_suffix(Path(name).suffix).write_bytes(data)
    stem.with_suffix(".traceback").write_text(
        f"seed {seed} case {number}: {outcome}\n{detail}\nrerun: python benchmarks/fuzz.py --seed {seed} "
        f"--only {number}\n",
        encoding="utf-8",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=0, help="number of the first case")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds before a case counts as a hang")
    parser.add_argument("--out", default="fuzz-out", help="where failing cases are saved")
    parser.add_argument("--only", type=int, help="run this one case here and print its outcome")
    args = parser.parse_args()
    if args.only is not None:
        signal.signal(signal.SIGALRM, _alarm)
        limits.configure({"time": 0.6 * args.timeout})
        number, outcome, detail, seconds, _ = run_case(args.seed, args.only, args.timeout)
        print(f"case {number}: {outcome} in {seconds:.2f} s\n{detail}")
        return outcome != "ok"
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
