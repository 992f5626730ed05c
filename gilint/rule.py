"""How a rule is declared. A rule pack is a module that decorates plain functions with ``@rule``
and returns them from its ``gilint_rules`` hook implementation (see ``hookspecs.py``).

A rule is a function ``(report: Report, options: Mapping[str, object]) -> Iterable[Finding]``.
A series rule (``scope="series"``, run by ``gilint audit``) is a function
``(reports: Sequence[Report], options) -> Iterable[tuple[Report, Finding]]`` over the reports of one
agency, oldest first.
Its docstring is its documentation (``gilint rule CODE`` prints it) and must have the sections
"检查什么 / What it checks", "为什么 / Why", "错误示例 / Bad", "正确示例 / Good".

A rule whose findings can carry a ``Fix`` declares it with ``fix="safe"`` (``gilint check --fix``
applies it) or ``fix="unsafe"`` (only with ``--unsafe-fixes``); every fix it returns has that
applicability. ``gilint rules`` and ``gilint rule CODE`` show it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from gilint.model import CATEGORIES, Applicability, Finding, Report, Severity

RuleFunc = Callable[[Report, Mapping[str, object]], Iterable[Finding]]
SeriesFunc = Callable[[Any, Mapping[str, object]], Iterable[tuple[Report, Finding]]]


@dataclass(frozen=True)
class Rule:
    """A rule: its stable code, name, category, severity, check and documentation."""

    code: str  # stable: "GI" + 3 digits; never reused
    name: str  # kebab-case, e.g. "t3-column-identity"
    category: str
    severity: Severity
    summary_zh: str
    summary_en: str
    func: RuleFunc | SeriesFunc = field(compare=False)
    options: Mapping[str, object] = field(default_factory=dict, compare=False)  # defaults
    scope: Literal["report", "series"] = "report"
    fix: Applicability | None = None  # the applicability of the fixes its findings may carry

    @property
    def doc(self) -> str:
        import inspect

        return inspect.cleandoc(self.func.__doc__ or "")


def rule(code: str, name: str, category: str, severity: Severity, summary_zh: str, summary_en: str,
         registry: list[Rule] | None = None, scope: Literal["report", "series"] = "report",
         fix: Applicability | None = None, **options: object) -> Callable[[Any], Any]:
    """Declare a rule; appends it to ``registry`` (a pack's module-level list) when given."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r} for {code}")
    if fix not in (None, "safe", "unsafe"):
        raise ValueError(f"fix must be 'safe' or 'unsafe' for {code}, not {fix!r}")

    def wrap(func: Any) -> Any:
        r = Rule(code, name, category, severity, summary_zh, summary_en, func, dict(options), scope, fix)
        if registry is not None:
            registry.append(r)
        func.rule = r  # type: ignore[attr-defined]
        return func

    return wrap
