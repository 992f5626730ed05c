"""A kit for testing rules, built-in or from a pack, the way the built-in pack tests its own.

A **case file** (TOML) holds snippets that break a rule and snippets that keep it, each with the exact
findings expected::

    rule = "FJ001"                      # the rule these cases are about (only its findings count)

    [[cases]]
    name = "cites the provincial measure"
    where = "preamble"                  # title | preamble | body | heading5 | signature (see reports.WHERE)
    snippet = "根据《福建省政务公开办法》，编制本报告。"
    expect = []                         # none

    [[cases]]
    name = "a whole report of your own"
    text = "..."                        # instead of where/snippet: the whole report text
    options = { province = "福建省" }    # [rules.FJ001] for this case (validated as a configuration is)
    format-version = 2019               # the configuration's pinned format (ctx.format_version); default none
    expect = [["FJ001", 3, 1]]          # code, line (of the snippet: 1 is its first line), column

``load_cases(path)`` reads one; ``run_case(case)`` runs the rule on it through the engine (its options
validated, what it applies to checked, a ``RuleContext`` given, suppression comments honoured) and returns
the findings as ``(code, line, column)``; a pack's test is then::

    @pytest.mark.parametrize("case", load_cases(HERE / "FJ001.toml"), ids=lambda c: c.name)
    def test_fj001(case):
        assert run_case(case) == case.expect

A finding outside the snippet has line 0, so a snippet that upsets another part of the report shows.

``run_rule(rule, report)`` calls one rule as the engine does (only when the report meets what it applies
to, with its context) and returns its ``Finding``s as they are, for a test about one finding's details.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gilint.config import Config
from gilint.engine import Plugins, check_report, load_plugins, validate_config
from gilint.model import Finding, Report
from gilint.parsers.text import parse_text
from gilint.rule import Rule
from gilint.structure import build_report
from gilint.testing.reports import WHERE, place

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

Hit = tuple[str, int, int]
_KEYS = {"name", "where", "snippet", "text", "year", "options", "format-version", "expect"}


class CaseError(ValueError):
    """A case file that does not say what a case is."""


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    text: str  # the whole report
    at: int  # the line of the snippet's first line (1 for a whole text)
    lines: int  # how many lines the snippet has
    options: dict[str, object] = field(default_factory=dict)
    expect: list[Hit] = field(default_factory=list)
    format_version: int | None = None  # the pinned format the rule's context carries


def load_cases(path: str | Path) -> list[Case]:
    """The cases of the TOML file at ``path``; ``CaseError`` names the case and the key that is wrong."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise CaseError(f"{path}: not TOML: {e}") from None
    code = data.get("rule")
    if not isinstance(code, str) or not data.get("cases"):
        raise CaseError(f'{path}: needs rule = "CODE" and at least one [[cases]]')
    return [_case(path, code, i, raw) for i, raw in enumerate(data["cases"], 1)]


def _case(path: Path, code: str, number: int, raw: dict[str, object]) -> Case:
    name = str(raw.get("name", f"case {number}"))
    where = f"{path}: case {name!r}"
    unknown = set(raw) - _KEYS
    if unknown:
        raise CaseError(f"{where}: unknown key {sorted(unknown)[0]!r} (keys: {', '.join(sorted(_KEYS))})")
    if "text" in raw:
        text, at, lines = str(raw["text"]), 1, str(raw["text"]).count("\n") + 1
    elif isinstance(raw.get("snippet"), str) and raw.get("where") in WHERE:
        snippet = str(raw["snippet"])
        text, at = place(snippet, str(raw["where"]), int(raw.get("year", 2023)))  # type: ignore[call-overload]
        lines = snippet.count("\n") + 1
    else:
        raise CaseError(f"{where}: needs text, or snippet and where (one of {', '.join(WHERE)})")
    expect = raw.get("expect", [])
    if not isinstance(expect, list) or not all(
        isinstance(e, list) and len(e) == 3 and isinstance(e[0], str) for e in expect
    ):
        raise CaseError(f"{where}: expect is a list of [code, line, column]")
    options = raw.get("options", {})
    if not isinstance(options, dict):
        raise CaseError(f"{where}: options is a table")
    version = raw.get("format-version")
    if version not in (None, 2019, 2021):
        raise CaseError(f"{where}: format-version is 2019 or 2021, not {version!r}")
    hits = sorted((str(c), int(ln), int(col)) for c, ln, col in expect)
    return Case(code, name, text, at, lines, dict(options), hits, version if isinstance(version, int) else None)


def run_case(case: Case, plugins: Plugins | None = None) -> list[Hit]:
    """The findings of ``case.rule`` on the case's report: (code, line in the snippet or 0, column)."""
    plugins = plugins or load_plugins()
    config = Config(
        root=Path.cwd(),
        select=(case.rule,),
        rules={case.rule: case.options} if case.options else {},
        format_version=case.format_version,
    )
    validate_config(config, plugins)
    report = build_report(parse_text(case.text.encode("utf-8"), "case.txt"))
    out = []
    for d in check_report(report, config, plugins):
        line = d.span.line or 0
        inside = case.at <= line < case.at + case.lines
        out.append((d.code, line - case.at + 1 if inside else 0, d.span.column or 0))
    return sorted(out)


def run_rule(
    rule: Rule,
    report: Report,
    options: Mapping[str, object] | None = None,
    *,
    format_version: int | None = None,
    lang: str = "zh",
) -> list[Finding]:
    """The findings of the report rule ``rule`` on ``report``, called as the engine calls it: none when the
    report does not meet what the rule applies to, else with its context (its defaults updated by
    ``options``, not validated; ``format_version`` pinned; ``lang``). No cascades, fixes placed or
    suppressions: ``run_case`` runs the whole engine."""
    config = Config(root=Path.cwd(), format_version=format_version, rules={rule.code: options} if options else {})
    ctx = rule.context(config, lang, report)
    return list(rule.func(report, ctx)) if rule.applies_to(report, ctx) else []  # type: ignore[arg-type]
