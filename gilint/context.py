"""What a rule is given besides the report: its ``RuleContext``.

A rule is called as ``func(report, ctx)``. The context is a read-only mapping of the rule's options,
validated when the configuration loaded and with the declared defaults filled in (``ctx["deadline"]``),
so a pack written as ``(report, options)`` runs unchanged. Besides the options it carries

- ``format_version``: the table format the configuration pins (``format-version = 2021``), or None when
  the configuration leaves it to each report's year. It is not an option: ``"format-version"`` is never
  a key of the mapping;
- ``lang``: the language the user reads (``--lang``, "zh" or "en"). A finding carries both languages
  whatever it is; a rule has no need of it unless it must choose one;
- ``code``: the rule's code; ``report``: the report being checked (None for a series rule, which gets
  several);
- ``related(span, zh, en)`` and ``cell(table, row, column)``: the other places a finding is about
  (``Finding.related``), the second labelled with the cell's row and column as the format names them.

The engine makes one for each rule and report (``Rule.context``); a series rule gets one with
``report`` None.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from gilint.formats.tables import CN_NUMBER
from gilint.model import Related, Report, Span

_new = object.__new__


class RuleContext(Mapping[str, object]):
    """A rule's options (read only, as a mapping) with the pinned format version, the language and
    helpers that make related places."""

    __slots__ = ("_options", "code", "format_version", "lang", "report")

    def __init__(
        self,
        options: Mapping[str, object] | None = None,
        *,
        code: str = "",
        format_version: int | None = None,
        lang: str = "zh",
        report: Report | None = None,
    ) -> None:
        self._options = dict(options or {})
        self.code = code
        self.format_version = format_version
        self.lang = lang
        self.report = report

    @classmethod
    def made(
        cls, options: dict[str, object], code: str, format_version: int | None, lang: str, report: Report | None
    ) -> RuleContext:
        """The context ``RuleContext(options, code=…, …)`` is, keeping ``options`` itself instead of a copy: for a
        dict no one changes (the engine hands one to the contexts of a rule on every report under one
        configuration; the context only reads it). (``object.__new__`` itself and one store a slot: the engine makes
        one for every rule on every report, and a third of what this costs is looking up ``cls.__new__`` and packing
        the five in a tuple.)"""
        ctx = _new(cls)
        ctx._options = options
        ctx.code = code
        ctx.format_version = format_version
        ctx.lang = lang
        ctx.report = report
        return ctx

    def __getitem__(self, key: str) -> object:
        return self._options[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._options)

    def __len__(self) -> int:
        return len(self._options)

    def __repr__(self) -> str:
        return (
            f"RuleContext({self._options!r}, code={self.code!r}, format_version={self.format_version!r}, "
            f"lang={self.lang!r})"
        )

    def related(self, span: Span, zh: str, en: str | None = None) -> Related:
        """Another place a finding is about, labelled in Chinese and English (``en`` defaults to ``zh``)."""
        return Related(span, zh, zh if en is None else en)

    def cell(self, table: int, row: str, col: str, report: Report | None = None) -> Related | None:
        """The place of cell ``(row, col)`` of table ``table`` (ids of ``gilint labels``) in ``report``
        (default: the context's), labelled 表三“（三）不予公开 1.属于国家秘密”自然人 / table 3 row 3.3.1
        column natural; None when the report has no such table or cell."""
        report = report or self.report
        t = report.tables.get(table) if report is not None else None
        found = t.cell(row, col) if t is not None else None
        if t is None or found is None:
            return None
        fmt = t.format
        return Related(
            found.span,
            f"表{CN_NUMBER[table]}“{fmt.row_name(row)}”{fmt.col(col).name}",
            f"table {table} row {row} column {col}",
        )
