"""Where "the rules" step of the corpus lint goes (issue 19): each rule's CPU time. Usage:

    python benchmarks/rule_costs.py [--repeat N] [--top N] [--before TREE [--rounds N]]

The files are those of benchmarks/floors.py (3): every non-PDF file of ../shared/corpus/real. Each pass reads
and structures them afresh (untimed: a report keeps nothing one check of it worked out for the next), then
checks each with ``check_report`` as ``check_file`` does, every rule's function timed (``time.process_time``,
its findings drawn to the end) and summed over the files. A rule's figure is the best of ``--repeat`` passes;
so is the engine's own time (``check_report`` less its rules), split into making the diagnostics
(``to_diagnostic``: the source line, the fix placed), locating them (``_located``: the section, table cell and
text a reader sees) and the rest (contexts, conditions, cascades, suppression comments). The timer's own cost
(inside a timed call and around it, measured first on rules that do nothing) is taken off. The last line is
floors.py (3)'s "the rules" step measured as it measures it (``check_report`` over reports built once, CPU time
of the process, best of ``--repeat``).

``--before TREE`` compares with another source tree of gilint (its ``gilint/`` and ``rules/``, e.g. a
``git archive`` of main): this script runs in child processes, ``--rounds`` times for each tree in turn so
that both see the same load, the other tree's put first on the path; each figure is the best of all its
passes, and the table has both columns and their ratio.

Nothing here is asserted; the table goes in the README's performance section.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"
ENGINE = ("engine: to_diagnostic", "engine: _located", "engine: the rest")
STEP = "floors.py (3) the rules"


def _cpu() -> float:
    """CPU seconds of this process so far (as floors.py counts them, children included)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(repeat: int) -> dict[str, Any]:
    """Best CPU seconds of each rule (by code), of the engine's parts and of floors.py's step, in this process;
    under ``"names"`` each rule's name and module, under ``"from"`` the tree gilint was imported from, under
    ``"timer"`` the timer's own cost taken off (seconds a timed call, inside it and around it)."""
    import gilint.engine as engine
    from gilint.config import Config
    from gilint.engine import check_file, check_report, load_plugins, read_file
    from gilint.structure import build_report

    texts = [p for p in sorted(REAL.iterdir()) if p.suffix in (".txt", ".md", ".html", ".htm")]
    plugins, config = load_plugins(), Config(ROOT)
    for p in texts:  # warm up: imports and patterns
        check_file(str(p), config, plugins)
    spent: dict[str, float] = {}
    calls: dict[str, int] = {}

    def timed(key: str, func: Callable[..., Any], drawn: bool = False) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            t0 = time.process_time()
            out = list(func(*args)) if drawn else func(*args)
            spent[key] = spent.get(key, 0.0) + time.process_time() - t0
            calls[key] = calls.get(key, 0) + 1
            return out

        return run

    def passes(rules: list[Any], fresh: bool) -> Iterator[tuple[float, dict[str, float], dict[str, int]]]:
        """``repeat`` times: the CPU seconds of checking every file with ``rules``, and what the timer counted."""
        reports = [build_report(read_file(str(p), plugins)) for p in texts]
        for _ in range(repeat):
            if fresh:
                reports = [build_report(read_file(str(p), plugins)) for p in texts]
            spent.clear()
            calls.clear()
            t0 = time.process_time()
            for report in reports:
                check_report(report, config, replace(plugins, rules=rules))
            yield time.process_time() - t0, dict(spent), dict(calls)

    # the timer's own cost, from rules that do nothing, timed and not: inside a timed call and around it
    nothing = [replace(r, func=lambda report, ctx: ()) for r in plugins.rules]
    bare = min(total for total, _, _ in passes(nothing, False))
    timed_nothing = [replace(r, func=timed(r.code, lambda report, ctx: (), True)) for r in plugins.rules]
    tried = [
        (sum(s.values()) / sum(c.values()), (t - sum(s.values()) - bare) / sum(c.values()))
        for t, s, c in passes(timed_nothing, False)
    ]
    inside, around = min(i for i, _ in tried), max(min(a for _, a in tried), 0.0)
    best: dict[str, float] = {}
    original = engine.to_diagnostic, engine._located
    engine.to_diagnostic = timed(ENGINE[0], engine.to_diagnostic)  # type: ignore[assignment]
    engine._located = timed(ENGINE[1], engine._located)  # type: ignore[assignment]
    try:
        rules = [replace(r, func=timed(r.code, r.func, drawn=True)) for r in plugins.rules]
        for total, found, counted in passes(rules, True):
            net = {key: max(seconds - counted[key] * inside, 0.0) for key, seconds in found.items()}
            net[ENGINE[2]] = max(total - sum(found.values()) - sum(counted.values()) * around, 0.0)
            for key, seconds in net.items():
                best[key] = min(best.get(key, seconds), seconds)
    finally:
        engine.to_diagnostic, engine._located = original
    step = []
    reports = [build_report(read_file(str(p), plugins)) for p in texts]
    for _ in range(repeat):  # floors.py (3): the same reports each time
        t0 = _cpu()
        for report in reports:
            check_report(report, config, plugins)
        step.append(_cpu() - t0)
    best[STEP] = min(step)
    names = {r.code: [r.name, r.func.__module__.rpartition(".")[2]] for r in plugins.rules}
    return {**best, "names": names, "from": str(Path(engine.__file__).resolve().parents[1]), "timer": [inside, around]}


def _tree_path(tree: Path, folder: Path) -> str:
    """A folder to put first on the path so that ``gilint`` and ``gilint_rules`` are imported from ``tree``."""
    (folder / "gilint").symlink_to(tree.resolve() / "gilint")
    (folder / "gilint_rules").symlink_to(tree.resolve() / "rules")
    return str(folder)


def _child(repeat: int, path: str | None) -> dict[str, Any]:
    env = dict(os.environ)
    if path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [path, env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, __file__, "--repeat", str(repeat), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout)


def _merge(into: dict[str, Any], found: dict[str, Any]) -> None:
    """Keep in ``into`` the best of its figures and ``found``'s."""
    into.setdefault("names", {}).update(found.pop("names"))
    into["from"], into["timer"] = found.pop("from"), found.pop("timer")
    for key, seconds in found.items():
        into[key] = min(into.get(key, seconds), seconds)


def table(after: dict[str, Any], before: dict[str, Any] | None, top: int) -> None:
    """The rules by cost (before's, when given), each module's, the engine's parts, the totals and floors.py's
    step."""
    names = {**(before or {}).get("names", {}), **after.get("names", {})}
    for label, figures_of in (("before", before), ("after", after)):
        if figures_of is not None and "from" in figures_of:
            inside, around = (f * 1e6 for f in figures_of["timer"])
            timer = f"timer's own cost taken off: {inside:.2f} + {around:.2f} µs a call"
            print(f"  {label}: gilint from {figures_of['from']} ({timer})")
    by = after if before is None else before
    rules = sorted(
        {*after, *(before or {})} - {*ENGINE, STEP, "names", "from", "timer"}, key=lambda k: (-by.get(k, 0.0), k)
    )

    def figures(keys: list[str]) -> str:
        a = sum(after.get(k, 0.0) for k in keys) * 1000
        if before is None:
            return f"{a:10.2f}"
        b = sum(before.get(k, 0.0) for k in keys) * 1000
        return f"{b:10.2f}{a:10.2f}{(a / b if b else 0):7.2f}"

    print(f"  {'':<48}" + (f"{'before ms':>10}{'after ms':>10}{'ratio':>7}" if before else f"{'ms':>10}"))
    for key in rules[:top] if top else rules:
        name, module = names.get(key, ("", "?"))
        print(f"  {f'{key} {name} ({module})':<48}{figures([key])}")
    modules: dict[str, list[str]] = {}
    for key in rules:
        modules.setdefault(names.get(key, ("", "?"))[1], []).append(key)
    for module, keys in sorted(modules.items(), key=lambda item: -sum(by.get(k, 0.0) for k in item[1])):
        print(f"  {f'rules/{module}.py ({len(keys)} rules)':<48}{figures(keys)}")
    for key in ENGINE:
        print(f"  {key:<48}{figures([key])}")
    print(f"  {'all rules':<48}{figures(rules)}")
    print(f"  {'rules + engine':<48}{figures([*rules, *ENGINE])}")
    print(f"  {STEP:<48}{figures([STEP])}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=7, help="passes over the files (in each child with --before)")
    ap.add_argument("--top", type=int, default=0, help="show only the N costliest rules (0: all)")
    ap.add_argument("--before", type=Path, help="another gilint source tree to compare with")
    ap.add_argument("--rounds", type=int, default=3, help="with --before: child processes for each tree")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # a child's answer
    args = ap.parse_args()
    if not REAL.is_dir():
        sys.exit(f"{REAL} is not there: nothing to measure")
    if args.json:
        print(json.dumps(measure(args.repeat)))
        return
    print(
        f"load {os.getloadavg()[0]:.2f}; CPU ms over the non-PDF files of corpus/real, best of "
        + (f"{args.rounds} x {args.repeat} passes" if args.before else f"{args.repeat} passes")
    )
    if args.before is None:
        table(measure(args.repeat), None, args.top)
        return
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = _tree_path(args.before, Path(tmp))
        for _ in range(args.rounds):
            _merge(before, _child(args.repeat, path))
            _merge(after, _child(args.repeat, None))
    table(after, before, args.top)


if __name__ == "__main__":
    main()
