"""The engine's run of the rules (issue 19) against the general form, on generated rule sets (a fixed seed: the same
inputs on every run): each distinct tuple of conditions numbered once per configuration and kept on a report in a
list, against every rule's conditions looked up by the tuple; the rules that run, and the conditions worked out and
in what order, are the same."""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path

from gilint.applies import Applies
from gilint.config import Config
from gilint.context import RuleContext
from gilint.engine import Plugins, check_report
from gilint.model import Finding, Report, Span
from gilint.parsers.text import parse_text
from gilint.rule import Rule, rule
from gilint.structure import build_report


def _condition(name: str, holds: bool, calls: list[str]) -> Applies:
    def test(report: Report, ctx: RuleContext) -> bool:
        calls.append(name)
        return holds

    return Applies(name, name, name, test)


def _rule(code: str, applies: tuple[Applies, ...], ran: list[str]) -> Rule:
    @rule(code, f"r-{code.lower()}", "wording", "warning", "标记", "mark", applies=applies)
    def mark(report: Report, ctx: Mapping[str, object]) -> list[Finding]:
        """Marks the report."""
        ran.append(code)
        return [Finding(Span(1, 1), code, code)]

    return mark.rule  # type: ignore[attr-defined,no-any-return]


def _expected(rules: list[Rule], truth: dict[str, bool]) -> tuple[list[str], list[str]]:
    """The rules that run and the conditions worked out, in order, as the engine first did it: each rule's tuple
    looked up by the tuple itself, each condition worked out once, up to the first that fails."""
    held: dict[tuple[Applies, ...], bool] = {}
    holds: dict[Applies, bool] = {}
    ran, calls = [], []
    for r in rules:
        if r.applies not in held:
            result = True
            for condition in r.applies:
                if condition not in holds:
                    calls.append(condition.name)
                    holds[condition] = truth[condition.name]
                if not holds[condition]:
                    result = False
                    break
            held[r.applies] = result
        if held[r.applies]:
            ran.append(r.code)
    return ran, calls


def test_the_rules_that_run_and_the_conditions_worked_out_are_the_general_forms() -> None:
    rng = random.Random("engine")
    report = build_report(parse_text("一、总体情况\n正文。\n".encode(), "r.txt"))
    config = Config(root=Path.cwd())
    for _ in range(300):
        calls: list[str] = []
        ran: list[str] = []
        truth = {f"c{k}": rng.random() < 0.7 for k in range(5)}
        pool = [_condition(name, holds, calls) for name, holds in truth.items()]
        tuples = [tuple(rng.sample(pool, rng.randint(0, 3))) for _ in range(4)]
        rules = [_rule(f"XP{n:03d}", rng.choice(tuples), ran) for n in range(rng.randint(1, 12))]
        found = check_report(report, config, Plugins(rules=rules))
        expected_ran, expected_calls = _expected(rules, truth)
        assert ran == expected_ran and calls == expected_calls
        assert sorted(d.code for d in found) == expected_ran
