"""No correctness change (issue 19): the dumps and the findings of two gilint installations, file by file. Usage:

    python benchmarks/same_output.py --before /path/to/venv-base/bin/gilint [--after gilint] [--keep DIR]

For every file of ../shared (seeds/ and corpus/real/, MANIFEST.tsv left out) runs, with each of the two
``gilint`` executables, ``gilint dump --cells FILE`` (one JSON record per table cell) and ``gilint check
--format json FILE`` (the findings), each as its own process from the same folder, and compares standard
output and the exit code byte for byte. Prints one line per file and the count of files that differ; exits 1
when any does. ``--keep DIR`` leaves every output there (``before/`` and ``after/``) for a closer look.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
COMMANDS = {"dump": ["dump", "--cells"], "check": ["check", "--format", "json", "--lang", "en"]}


def files() -> list[Path]:
    """Every report file of ../shared's seeds and real corpus."""
    roots = [SHARED / "seeds", SHARED / "corpus" / "real"]
    return [p for r in roots if r.is_dir() for p in sorted(r.iterdir()) if p.is_file() and p.suffix != ".tsv"]


def run(gilint: str, command: str, path: Path) -> bytes:
    """Exit code and standard output of ``gilint COMMAND path``, as one byte string."""
    done = subprocess.run(
        [gilint, *COMMANDS[command], str(path)],
        capture_output=True,
        cwd=SHARED,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=600,
        check=False,
    )
    return b"exit %d\n" % done.returncode + done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, help="the gilint executable of the commit before")
    parser.add_argument("--after", default="gilint", help="the gilint executable of the commit after")
    parser.add_argument("--keep", type=Path, help="write every output under this folder")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    paths = files()
    if not paths:
        print(f"no files under {SHARED}", file=sys.stderr)
        return 2
    jobs = [
        (side, exe, command, p)
        for p in paths
        for command in COMMANDS
        for side, exe in (("before", args.before), ("after", args.after))
    ]
    with ThreadPoolExecutor(args.jobs) as pool:
        outputs = dict(zip([(s, c, p) for s, _, c, p in jobs], pool.map(lambda j: run(*j[1:]), jobs), strict=True))
    differ = 0
    for p in paths:
        verdicts = []
        for command in COMMANDS:
            before, after = outputs["before", command, p], outputs["after", command, p]
            verdicts.append(f"{command} {'same' if before == after else 'DIFFERS'} ({len(after)} B)")
            differ += before != after
            if args.keep:
                for side, out in (("before", before), ("after", after)):
                    (args.keep / side).mkdir(parents=True, exist_ok=True)
                    (args.keep / side / f"{p.name}.{command}").write_bytes(out)
        print(f"{p.relative_to(SHARED)}: {', '.join(verdicts)}")
    print(f"{len(paths)} files, {len(paths) * len(COMMANDS)} outputs compared: {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
