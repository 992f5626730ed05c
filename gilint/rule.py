r"""How a rule is declared. A rule pack is a module that decorates plain functions with ``@rule``
and returns them from its ``gilint_rules`` hook implementation (see ``hookspecs.py``).

A rule is a function ``(report: Report, ctx: RuleContext) -> Iterable[Finding]``. ``ctx``
(``gilint.context``) is a read-only mapping of the rule's options (``ctx["deadline"]``), so a rule written
as ``(report, options: Mapping[str, object])`` runs unchanged; it also carries the configuration's pinned
format version (``ctx.format_version``: no option), the language and helpers that make related places.
A series rule (``scope="series"``, run by ``gilint audit``) is a function
``(reports: Sequence[Report], ctx: RuleContext) -> Iterable[tuple[Report, Finding]]`` over the reports
of one agency, oldest first (its ``ctx.report`` is None).

What a rule applies to is declared on it: ``@rule(..., applies=REPORT)`` or ``applies=(REPORT,
table(3))`` (conditions of ``gilint.applies``). The engine calls it only on a report every condition
holds for; ``gilint rule CODE`` shows them. A series rule declares none: it gets every report.
Its docstring is its documentation (``gilint rule CODE`` prints it) and must have the sections
"检查什么 / What it checks", "为什么 / Why", "错误示例 / Bad", "正确示例 / Good".

A rule's options are declared on it, each an ``Option`` with its default, what it means and what it
allows: ``@rule(..., options={"deadline": Option(None, "…", pattern=r"\d{2}-\d{2}", check=...)})``.
The configuration (``[rules.GI204] deadline = "03-31"``) is validated against them when it is loaded:
a value of the wrong type, outside the bounds or refused by ``check`` is a configuration error (exit 2)
naming the key, the value and what is allowed. ``gilint rule CODE`` lists them under "Options".
(Options given as plain keyword arguments, ``threshold=0.8``, are declared by their default's type.)

A rule whose findings can carry a ``Fix`` declares it with ``fix="safe"`` (``gilint check --fix``
applies it) or ``fix="unsafe"`` (only with ``--unsafe-fixes``); every fix it returns has that
applicability. ``gilint rules`` and ``gilint rule CODE`` show it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from gilint.applies import Applies
from gilint.context import RuleContext
from gilint.model import CATEGORIES, Applicability, Finding, Report, Severity

if TYPE_CHECKING:
    from gilint.config import Config

RuleFunc = Callable[[Report, RuleContext], Iterable[Finding]]
SeriesFunc = Callable[[Any, RuleContext], Iterable[tuple[Report, Finding]]]


@dataclass(frozen=True)
class Option:
    """One option of a rule: its default, what it does (Chinese / English), and what a value must be.

    ``kind`` is the type a value must have (from the default when not given; an int is a float's too);
    ``pattern`` a string value must match whole; ``minimum``/``maximum`` bound a number; ``check``
    returns why a value that passed those is refused, or None; ``allowed`` says what is allowed."""

    default: object
    doc: str = ""
    kind: type | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    check: Callable[[Any], str | None] | None = field(default=None, compare=False)
    allowed: str = ""

    @property
    def value_type(self) -> type:
        return self.kind or (type(self.default) if self.default is not None else str)

    def problem(self, value: object) -> str | None:
        """Why ``value`` is not allowed; None when it is."""
        want = self.value_type
        number = want in (int, float) and isinstance(value, (int, float)) and not isinstance(value, bool)
        if not (isinstance(value, want) and not (want is int and isinstance(value, bool))) and not (
            want is float and number
        ):
            return f"must be {_TYPE_WORDS.get(want, want.__name__)}, not {type(value).__name__}"
        if self.pattern is not None and not re.fullmatch(self.pattern, str(value)):
            return f"must match {self.pattern}"
        if self.minimum is not None and value < self.minimum:  # type: ignore[operator]
            return f"must be at least {self.minimum:g}"
        if self.maximum is not None and value > self.maximum:  # type: ignore[operator]
            return f"must be at most {self.maximum:g}"
        return self.check(value) if self.check else None

    def describe(self) -> str:
        """What is allowed, for error messages and ``gilint rule CODE``."""
        if self.allowed:
            return self.allowed
        low, high = self.minimum, self.maximum
        bounds = [
            f"from {low:g} to {high:g}"
            if low is not None and high is not None
            else f"at least {low:g}"
            if low is not None
            else f"at most {high:g}"
            if high is not None
            else "",
            f"matching {self.pattern}" if self.pattern else "",
        ]
        return " ".join([_TYPE_WORDS.get(self.value_type, self.value_type.__name__), *filter(None, bounds)])


_TYPE_WORDS = {str: "a string", int: "an integer", float: "a number", bool: "true or false", list: "a list"}


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
    specs: Mapping[str, Option] = field(default_factory=dict, compare=False)  # each option declared
    applies: tuple[Applies, ...] = ()  # what it applies to (every condition); () for every file

    @property
    def doc(self) -> str:
        import inspect

        return inspect.cleandoc(self.func.__doc__ or "")

    def context(self, config: Config, lang: str = "zh", report: Report | None = None) -> RuleContext:
        """The context the rule runs in under ``config``: its options (defaults, then ``[rules.CODE]``),
        the pinned format version, ``lang``, and ``report`` (None for a series rule)."""
        return RuleContext.made(
            config.options_for(self.code, self.options), self.code, config.format_version, lang, report
        )

    def applies_to(self, report: Report, ctx: RuleContext) -> bool:
        """Whether every condition the rule declares holds for ``report``."""
        return all(condition(report, ctx) for condition in self.applies)


def rule(
    code: str,
    name: str,
    category: str,
    severity: Severity,
    summary_zh: str,
    summary_en: str,
    registry: list[Rule] | None = None,
    scope: Literal["report", "series"] = "report",
    fix: Applicability | None = None,
    options: Mapping[str, Option] | None = None,
    applies: Applies | Sequence[Applies] = (),
    **plain: object,
) -> Callable[[Any], Any]:
    """Declare a rule; appends it to ``registry`` (a pack's module-level list) when given. ``options``
    declares its options; ``plain`` keyword arguments are options declared by their default alone;
    ``applies`` the conditions (``gilint.applies``) a report must meet for the rule to run on it."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r} for {code}")
    if fix not in (None, "safe", "unsafe"):
        raise ValueError(f"fix must be 'safe' or 'unsafe' for {code}, not {fix!r}")
    conditions = (applies,) if isinstance(applies, Applies) else tuple(applies)
    if not all(isinstance(c, Applies) for c in conditions):
        raise ValueError(f"applies must be gilint.applies conditions for {code}, not {applies!r}")
    if conditions and scope == "series":
        raise ValueError(f"a series rule gets every report of the series: {code} cannot declare applies")

    specs = {**{key: Option(default) for key, default in plain.items()}, **(options or {})}
    defaults = {key: spec.default for key, spec in specs.items()}

    def wrap(func: Any) -> Any:
        r = Rule(code, name, category, severity, summary_zh, summary_en, func, defaults, scope, fix, specs, conditions)
        if registry is not None:
            registry.append(r)
        func.rule = r  # type: ignore[attr-defined]
        return func

    return wrap
