"""Suppression comments, read from a document's source lines.

HTML and Markdown (an HTML comment anywhere on a line)::

    <!-- gilint-disable-next-line GI301 -- 本机关无行政复议职能 -->
    <!-- gilint-disable GI3 -->  …  <!-- gilint-enable GI3 -->
    <!-- gilint-disable-file GI602 -->

Plain text (a line of its own, also accepted in Markdown and HTML sources)::

    # gilint: disable-next-line GI301 -- reason

Codes are separated by spaces or commas and may be prefixes ("GI3"); no code means every code. What
follows `` -- `` is the reason, kept for the reader. ``disable`` lasts until an ``enable`` with the same
codes (an ``enable`` without codes ends every range) or the end of the file; ``disable-next-line``
covers the line after the comment; ``disable-file`` the whole file. A directive that suppressed
nothing is reported by the engine (GI902).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gilint import regex
from gilint.model import Diagnostic

KINDS = ("disable-next-line", "disable-file", "disable", "enable")
_KIND = "|".join(KINDS)
_HTML = regex.compile(rf"<!--\s*gilint-({_KIND})(?![\w-])(.*?)-->")
_TEXT = regex.compile(rf"^\s*#\s*gilint:\s*({_KIND})(?![\w-])(.*)$")
_REASON = regex.compile(r"(?:^|\s)--(?:\s|$)")


@dataclass
class Directive:
    """A suppression comment: its kind, the codes it names and where it stands."""

    kind: str  # one of KINDS
    codes: tuple[str, ...]  # upper-cased; empty = every code
    line: int
    column: int
    reason: str | None = None
    end: int | None = None  # a "disable" range: the line of its "enable" (None = end of file)
    closes: int = 0  # an "enable": how many ranges it ended
    used: bool = False

    def covers(self, code: str) -> bool:
        return not self.codes or any(code.startswith(c) for c in self.codes)

    def applies(self, d: Diagnostic) -> bool:
        """Whether this directive suppresses ``d``."""
        line = d.span.line
        if self.kind == "enable" or not self.covers(d.code):
            return False
        if self.kind == "disable-file":
            return True
        if line is None:
            return False
        if self.kind == "disable-next-line":
            return line == self.line + 1
        return self.line < line and (self.end is None or line < self.end)

    @property
    def text(self) -> str:
        return " ".join((f"gilint-{self.kind}", *self.codes))


def parse_directives(lines: Iterable[str]) -> list[Directive]:
    """Every directive in ``lines`` (1-based line numbers), with ranges closed by their ``enable``."""
    found = []
    for number, line in enumerate(lines, 1):
        if "gilint" not in line:
            continue
        matches = list(_HTML.finditer(line)) or [m for m in [_TEXT.match(line)] if m]
        for m in matches:
            body, *reason = _REASON.split(m.group(2), maxsplit=1)
            codes = tuple(c.upper() for c in re.findall(r"[^\s,]+", body))
            found.append(Directive(m.group(1), codes, number, m.start() + 1, reason[0].strip() if reason else None))
    _close_ranges(found)
    return found


def _close_ranges(directives: list[Directive]) -> None:
    open_ranges: list[Directive] = []
    for d in directives:
        if d.kind == "disable":
            open_ranges.append(d)
        elif d.kind == "enable":
            ended = [r for r in open_ranges if not d.codes or set(r.codes) == set(d.codes)]
            for r in ended:
                r.end = d.line
                open_ranges.remove(r)
            d.closes = len(ended)


def apply(diagnostics: list[Diagnostic], directives: list[Directive]) -> list[Diagnostic]:
    """The diagnostics no directive suppresses; every directive that suppressed one is marked used."""
    kept = []
    for d in diagnostics:
        hits = [x for x in directives if x.applies(d)]
        for x in hits:
            x.used = True
        if not hits:
            kept.append(d)
    return kept


def unused(
    directives: list[Directive], known: Callable[[str], bool], enabled: Callable[[str], bool]
) -> list[tuple[Directive, str, str]]:
    """(directive, message_zh, message_en) for each directive that did nothing.

    A directive whose codes name only rules that are switched off for this file is not reported: it
    may matter under another configuration. ``known(prefix)``/``enabled(prefix)`` tell whether some
    rule / some enabled rule has a code starting with ``prefix``.
    """
    out = []
    for d in directives:
        if d.kind == "enable":
            if not d.closes:
                out.append((d, f"“{d.text}”没有对应的 gilint-disable", f"{d.text!r} has no matching gilint-disable"))
            continue
        if d.used:
            continue
        unknown = [c for c in d.codes if not known(c)]
        if unknown:
            out.append(
                (
                    d,
                    f"“{d.text}”中的代码 {'、'.join(unknown)} 不对应任何规则",
                    f"{d.text!r}: {', '.join(unknown)} matches no rule",
                )
            )
        elif not d.codes or any(enabled(c) for c in d.codes):
            out.append((d, f"“{d.text}”没有抑制任何诊断，可以删除", f"{d.text!r} suppresses nothing: remove it"))
    return out
