"""GI620/GI621 on ../shared: what they cost per report, and every candidate a naive scan finds with
the reason the rule stays silent on it (issue 20). Usage:

    python benchmarks/spelling.py [--repeat N]

The naive scan takes every window of the prose one edit from a lexicon term (any substitution, any
character added or dropped inside it) that does not overlap the term written exactly; each is then
put through GI620's tests in order and the first that silences it is printed. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import gilint_rules as rules
from gilint_rules import spelling as S
from gilint_rules.wording import _masked

from gilint.formats import lexicon
from gilint.parsers import read_document
from gilint.structure import build_report
from gilint.testing import run_rule

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def files() -> list[Path]:
    folders = (SHARED / "corpus" / "real", SHARED / "seeds", SHARED / "corpus" / "template")
    return [p for f in folders if f.is_dir() for p in sorted(f.iterdir()) if p.suffix != ".tsv"]


def naive(written: str, term: str) -> tuple[int, str] | None:
    """Any one edit: (offset, "sub"/"added"/"dropped")."""
    n, m = len(written), len(term)
    i = 0
    while i < min(n, m) and written[i] == term[i]:
        i += 1
    if n == m and i < n and written[i + 1 :] == term[i + 1 :]:
        return i, "sub"
    if n == m + 1 and written[i + 1 :] == term[i:] and 0 < i < n - 1:
        return i, "added"
    if n == m - 1 and written[i:] == term[i + 1 :] and 0 < i < m - 1:
        return i, "dropped"
    return None


def reason(text: str, a: int, b: int, term: str, kept: set[tuple[int, int]]) -> str:
    """Why GI620 says nothing about ``text[a:b]`` (or "REPORTED")."""
    written = text[a:b]
    if "\n" in written:
        return "across a line or cell"
    if written in lexicon.terms():
        return "another term"
    edit = S._edit(written, term, lexicon.confusable, lexicon.FUNCTION_CHARS, lexicon.FUNCTION_CHARS)
    if edit is None:
        kind = naive(written, term)
        if kind and kind[1] == "sub":
            return "not a homophone or look-alike"
        return "a particle or conjunction added or dropped" if kind else "at the term's end"
    if not S._stands_apart(text, a, b, written, edit[4], edit[3]):
        return "an end of the term glued to the next word"
    if (a, b) in kept:
        return "REPORTED"
    slip = S.Slip(a, b, term, a + edit[0], edit[1], edit[2], edit[3])
    exact = sorted((m.start(), m.end(), m.group()) for t in lexicon.terms() for m in _finditer(text, t))
    near = S._occurrences(text, lexicon.NEAR_WORDS)
    if S._explained(slip, exact, near):
        return "a near-neighbour (NEAR_WORDS) or another term written there"
    return "ambiguous, inside an exact term, or named by a shorter term"


def _finditer(text: str, word: str):  # type: ignore[no-untyped-def]
    import re

    return re.finditer(re.escape(word), text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    reports = [build_report(read_document(str(p))) for p in files()]
    if not reports:
        raise SystemExit("../shared is not beside the project")
    mine = [r for r in rules.gilint_rules() if r.code in ("GI620", "GI621")]
    others = [r for r in rules.gilint_rules() if r.scope == "report" and r not in mine]

    def run(selected: list) -> float:  # type: ignore[type-arg]
        best = float("inf")
        for _ in range(args.repeat):
            start = time.process_time()
            for report in reports:
                for r in selected:
                    run_rule(r, report)
            best = min(best, (time.process_time() - start) / len(reports))
        return best * 1000

    rest, both = run(others), run(others + mine)
    print(
        f"{len(reports)} files: the other report rules {rest:.2f} ms a report, GI620 and GI621 add {both - rest:.2f} ms"
    )
    reasons: Counter[str] = Counter()
    for path, report in zip(files(), reports, strict=True):
        text = _masked(report)
        kept = {(s.start, s.end) for s in S.slips(report)}
        seen = set()
        for term in lexicon.terms():
            size = len(term)
            exact = [(m.start(), m.end()) for m in _finditer(text, term)]
            starts = [m.start() for m in _finditer(text, term[0])]
            ends = [m.end() for m in _finditer(text, term[-1])]
            windows = {(a, a + n) for a in starts for n in (size - 1, size, size + 1)}
            windows |= {(b - n, b) for b in ends for n in (size - 1, size, size + 1)}
            for a, b in sorted(windows):
                if a < 0 or b > len(text) or (a, b, term) in seen or any(x < b and a < y for x, y in exact):
                    continue
                if naive(text[a:b], term) is None:
                    continue
                seen.add((a, b, term))
                why = reason(text, a, b, term, kept)
                reasons[why] += 1
                print(f"{path.name}\t{term}\t{text[a:b]!r}\t{why}")
    for why, count in reasons.most_common():
        print(f"{count:5d}  {why}")


if __name__ == "__main__":
    main()
