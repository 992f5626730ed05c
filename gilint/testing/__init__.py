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
validated, suppression comments honoured) and returns the findings as ``(code, line, column)``; a pack's
test is then::

    @pytest.mark.parametrize("case", load_cases(HERE / "FJ001.toml"), ids=lambda c: c.name)
    def test_fj001(case):
        assert run_case(case) == case.expect

A finding outside the snippet has line 0, so a snippet that upsets another part of the report shows.

``run_rule(rule, report)`` calls one rule as the engine does (only when the report meets what it applies
to, with its context) and returns its ``Finding``s as they are, for a test about one finding's details.

Inputs a snippet cannot hold have a compact form of their own (``docs/writing-rules.md``, "Case forms"):

- ``report = { t3 = { "3.1" = [5, 1, 0, 0, 0, 0, 7] }, omit_tables = [4], headings = { "5" = false } }``
  builds the report with ``reports.make_report`` (its keyword arguments; ``false`` leaves a row, heading
  or part out); a snippet and ``where`` then go into that report, and without one the whole report is
  the case (lines count from its first line);
- ``replace = [["3.其他 |", ""]]``: each (old, new) replaced once in the report, for what its arguments do
  not reach (a row label lost, a table-2 header of the 2019 format, digits run together);
- a line in ``expect`` may be a string instead of a number: the first line of the report holding it
  (``["GI310", "（七）总计", 50]``), counted like a number (0 outside the snippet);
- ``file = "case.md"`` reads the text as that file (``.md``, ``.html``, ``.docx``: its extension picks the
  reader, as for a real file; ``case.txt`` by default). For ``.docx`` each line is a paragraph and a line
  starting with ``<`` is WordprocessingML put in the body as it is (a ``<w:p>`` with run properties);
  ``parts = { comments = "<w:comment …>…</w:comment>" }`` adds a related part (``word/comments.xml``);
- ``series = [{ year = 2022 }, { year = 2023, t3 = {…} }]``: for a series rule, the reports of one agency
  (each a ``report`` table, or a ``[[cases.series]]`` table), oldest first; the case's findings are those
  on the last one (a finding on another has line 0);
- ``limits = { "file-size" = 100 }``: reading limits (``--limit``) while the case is read.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from gilint.config import Config
from gilint.engine import Plugins, check_report, check_series, load_plugins, read_file, validate_config
from gilint.model import Finding, Report
from gilint.parsers import limits as reading
from gilint.rule import Rule
from gilint.structure import build_report
from gilint.testing.docx import docx_of
from gilint.testing.reports import WHERE, line_of, make_report, place

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

Hit = tuple[str, int, int]
_KEYS = {"name", "where", "snippet", "text", "year", "options", "format-version", "expect"}
_KEYS |= {"report", "replace", "file", "parts", "series", "limits"}  # the compact forms
_REPORT_KEYS = {"year", "title", "period", "headings", "body", "t2", "t3", "t4", "signature", "omit_tables"}


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
    file: str = "case.txt"  # the name the text is read as: its extension picks the reader
    parts: dict[str, str] = field(default_factory=dict)  # .docx: related parts ({"comments": xml})
    series: tuple[str, ...] = ()  # a series rule's earlier reports, oldest first (the case's text is the last)
    limits: dict[str, float] = field(default_factory=dict)  # reading limits while the case is read
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
    series: list[str] = []
    base: str | None = None
    reports = raw.get("series")
    if isinstance(reports, list) and reports:
        texts = [_report(where, r) for r in reports]
        series, base = texts[:-1], texts[-1]
    elif "report" in raw:
        base = _report(where, raw["report"])
    if "text" in raw:
        text, at, lines = str(raw["text"]), 1, str(raw["text"]).count("\n") + 1
    elif isinstance(raw.get("snippet"), str) and raw.get("where") in WHERE:
        snippet = str(raw["snippet"])
        text, at = place(snippet, str(raw["where"]), int(raw.get("year", 2023)), base)  # type: ignore[call-overload]
        lines = snippet.count("\n") + 1
    elif base is not None and "snippet" not in raw and "where" not in raw:
        text, at, lines = base, 1, base.count("\n") + 1
    else:
        raise CaseError(f"{where}: needs text, or snippet and where (one of {', '.join(WHERE)}), or report or series")
    for pair in raw.get("replace", []):  # type: ignore[attr-defined]
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and pair[0] in text):
            raise CaseError(f"{where}: replace is a list of [old, new], each old in the report: {pair!r}")
        text = text.replace(pair[0], str(pair[1]), 1)
    expect = raw.get("expect", [])
    if not isinstance(expect, list) or not all(
        isinstance(e, list) and len(e) == 3 and isinstance(e[0], str) and isinstance(e[1], (int, str)) for e in expect
    ):
        raise CaseError(f"{where}: expect is a list of [code, line, column]")
    options = raw.get("options", {})
    if not isinstance(options, dict):
        raise CaseError(f"{where}: options is a table")
    version = raw.get("format-version")
    if version not in (None, 2019, 2021):
        raise CaseError(f"{where}: format-version is 2019 or 2021, not {version!r}")
    hits = sorted((str(c), _line(where, text, at, lines, ln), int(col)) for c, ln, col in expect)
    extra = {k: raw[k] for k in ("parts", "limits") if k in raw}
    if not all(isinstance(v, dict) for v in extra.values()):
        raise CaseError(f"{where}: parts and limits are tables")
    return Case(
        code,
        name,
        text,
        at,
        lines,
        dict(options),
        hits,
        str(raw.get("file", "case.txt")),
        {str(k): str(v) for k, v in extra.get("parts", {}).items()},  # type: ignore[attr-defined]
        tuple(series),
        {str(k): float(v) for k, v in extra.get("limits", {}).items()},  # type: ignore[attr-defined]
        version if isinstance(version, int) else None,
    )


def _report(where: str, raw: object) -> str:
    """The text of ``make_report(**raw)``: TOML's string keys of headings, body and t3 made what it takes,
    and ``false`` None (left out)."""
    if not isinstance(raw, dict) or set(raw) - _REPORT_KEYS:
        raise CaseError(f"{where}: a report is a table of {', '.join(sorted(_REPORT_KEYS))}")
    kw: dict[str, object] = {}
    for key, value in raw.items():
        if key in ("headings", "body"):
            value = {int(n): (None if v is False else v) for n, v in value.items()}
        elif key == "t3":
            value = {row: (None if v is False else v) for row, v in value.items()}
        elif key == "omit_tables":
            value = tuple(value)
        kw[key] = value
    return make_report(**kw)  # type: ignore[arg-type]


def _line(where: str, text: str, at: int, lines: int, line: int | str) -> int:
    """An expected line as ``run_case`` gives it: a number as it is; a string the first report line
    holding it, counted from the snippet's first line (0 outside the snippet)."""
    if isinstance(line, int):
        return line
    try:
        found = line_of(text, line)
    except IndexError:
        raise CaseError(f"{where}: no line of the report holds {line!r}") from None
    return found - at + 1 if at <= found < at + lines else 0


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
    with _limits(case.limits):
        report = _read(case, case.text, plugins)
        if case.series:
            found = _series(case, [*(_read(case, t, plugins) for t in case.series), report], config, plugins)
        else:
            found = [(d.code, d.span.line or 0, d.span.column or 0) for d in check_report(report, config, plugins)]
    out = []
    for code, line, column in found:
        inside = case.at <= line < case.at + case.lines
        out.append((code, line - case.at + 1 if inside else 0, column))
    return sorted(out)


def _read(case: Case, text: str, plugins: Plugins) -> Report:
    """``text`` read as the file ``case.file`` is, through the reader of its extension."""
    data = docx_of(text, case.parts) if case.file.endswith(".docx") else text.encode("utf-8")
    return build_report(read_file(case.file, plugins, data))


def _series(case: Case, reports: list[Report], config: Config, plugins: Plugins) -> list[Hit]:
    """The findings of the series rule ``case.rule`` on the last of ``reports`` (line 0 on another)."""
    r = plugins.rule(case.rule)
    if r is None or r.scope != "series":
        raise CaseError(f"case {case.name!r}: series is for a series rule, and {case.rule} is not one")
    found = check_series(reports, [(case.file, config)] * len(reports), plugins)
    return [
        (d.code, (d.span.line or 0) if on == len(reports) - 1 else 0, d.span.column or 0)
        for on, diagnostics in enumerate(found)
        for d in diagnostics
    ]


@contextmanager
def _limits(values: dict[str, float]) -> Iterator[None]:
    """The reading limits ``values`` while the case is read, the process's own again after."""
    before = reading.current()
    reading.configure({**before, **values})
    try:
        yield
    finally:
        reading.configure(before)


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
