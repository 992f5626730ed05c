"""The data every part of gilint shares: spans, the parsed Document, the structured Report, findings.

Flow: bytes -> ``Document`` (a parser's output: text nodes in reading order, each with its span)
-> ``Report`` (structure.py: title, year, period, sections, canonical tables) -> rules -> ``Diagnostic``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
CATEGORIES = ("sections", "period", "tables", "narrative", "fees", "wording", "input", "draft")


@dataclass(frozen=True, slots=True)
class Span:
    """Where something is in the source.

    ``line``/``column`` are 1-based and count Unicode code points in the decoded text. For .docx
    ``line`` is the 1-based paragraph-or-row number in reading order and ``logical`` names the
    paragraph/table/row/cell; for PDF ``page`` is set and ``line`` counts lines on that page.
    """

    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    logical: str | None = None

    def to_json(self) -> dict[str, object]:
        return {k: v for k, v in (
            ("line", self.line), ("column", self.column), ("end_line", self.end_line),
            ("end_column", self.end_column), ("page", self.page), ("logical", self.logical),
        ) if v is not None}


@dataclass(slots=True)
class Node:
    """One run of text in reading order: a line or paragraph (``text``) or a table cell (``cell``).

    ``span`` is where ``text[0]`` starts. When ``exact`` is true, ``text[i]`` sits at
    ``span.column + i`` on ``span.line`` (plain text, Markdown); otherwise offsets inside the node
    are not known and every character maps to the node's start (HTML cells, .docx runs).
    """

    text: str
    span: Span
    kind: Literal["text", "cell"] = "text"
    table: int | None = None
    row: int | None = None
    col: int | None = None
    exact: bool = True
    confidence: float | None = None  # OCR: the weakest character's recognition confidence (0-1); None when not OCR'd

    def span_at(self, start: int, end: int | None = None) -> Span:
        """The span of ``text[start:end]``."""
        s = self.span
        if not self.exact or s.column is None:
            return s
        end = len(self.text) if end is None else end
        return Span(s.line, s.column + start, s.line, s.column + max(end - 1, start), s.page, s.logical)


@dataclass(slots=True)
class Problem:
    """Something a reader or the structure pass could not place: recorded, never dropped.

    ``damage`` is true when the cause is most likely the tool that converted or scraped the report
    (cells run together, a lost label) rather than the report itself.
    """

    kind: str
    message_zh: str
    message_en: str
    span: Span
    damage: bool = False

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "message": self.message_zh, "message_en": self.message_en,
                "damage": self.damage, **self.span.to_json()}


@dataclass(slots=True)
class Mark:
    """Editing markup the reader saw in the source that does not change the text as published: a
    tracked change, a comment, hidden or highlighted text, an unfilled content control (.docx).

    ``kind`` is one of "insertion", "deletion", "move", "format-change", "comment", "hidden",
    "highlight", "shading", "colour", "placeholder"; ``text`` the text it covers (for a deletion, the
    deleted text; for a comment, the commented text); ``detail`` what else the source says (the
    comment, the colour); ``span`` the paragraph or cell it is in.
    """

    kind: str
    text: str
    span: Span
    detail: str = ""


@dataclass(slots=True)
class Document:
    """A parser's output: the nodes of one report in reading order, plus what the page declared."""

    path: str
    kind: str  # "text", "markdown", "html", "docx", "pdf"
    nodes: list[Node] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # source lines, for excerpts (1-based via line-1)
    meta: dict[str, str] = field(default_factory=dict)  # e.g. {"title": ..., "pubdate": ...}
    encoding: str | None = None
    problems: list[Problem] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)  # editing markup seen in the source (.docx)

    def source_line(self, span: Span) -> str | None:
        if span.line is None or not (1 <= span.line <= len(self.lines)):
            return None
        return self.lines[span.line - 1]


class Stream:
    """All node texts joined by newlines, so patterns can run across nodes and map back to spans."""

    __slots__ = ("nodes", "starts", "text")

    def __init__(self, nodes: list[Node]) -> None:
        self.nodes = nodes
        self.starts: list[int] = []
        pos = 0
        for node in nodes:
            self.starts.append(pos)
            pos += len(node.text) + 1
        self.text = "\n".join(n.text for n in nodes)

    def node_index(self, offset: int) -> int:
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def span(self, start: int, end: int | None = None) -> Span:
        """The span of ``text[start:end]`` (clipped to the node holding ``start``)."""
        if not self.nodes:
            return Span()
        i = self.node_index(start)
        base = self.starts[i]
        stop = len(self.nodes[i].text) if end is None else min(end - base, len(self.nodes[i].text))
        return self.nodes[i].span_at(start - base, max(stop, start - base + 1))


@dataclass(slots=True)
class Cell:
    """A canonical table cell: its value (int count, float for 万元, None for blank / "/" / "—")."""

    value: int | float | None
    raw: str
    span: Span
    inferred: bool = False  # split out of run-together digits using a table identity

    def to_json(self) -> dict[str, object]:
        d: dict[str, object] = {"value": self.value, "raw": self.raw, **self.span.to_json()}
        if self.inferred:
            d["inferred"] = True
        return d


@dataclass(slots=True)
class Table:
    """Canonical table 2, 3 or 4: ``cells[row_key][col_key]``, keys from ``formats``."""

    number: int
    version: int | None  # 2019 or 2021: which format's labels it matches
    span: Span
    start: int = 0  # stream offsets covered by the table
    end: int = 0
    cells: dict[str, dict[str, Cell]] = field(default_factory=dict)
    row_spans: dict[str, Span] = field(default_factory=dict)  # where each row label was found
    row_labels: dict[str, str] = field(default_factory=dict)  # each row label as written
    problems: list[Problem] = field(default_factory=list)
    evidence_2019: list[tuple[str, Span]] = field(default_factory=list)  # 2019-only labels seen
    split_by_columns: bool = False  # run-together cells were split using the column identities
    scrambled: bool = False  # so many rows do not fit that the converter must have mixed the grid up

    def value(self, row: str, col: str) -> int | float | None:
        cell = self.cells.get(row, {}).get(col)
        return None if cell is None else cell.value

    def cell(self, row: str, col: str) -> Cell | None:
        return self.cells.get(row, {}).get(col)


@dataclass(slots=True)
class Section:
    """One of the six top-level sections as found: its canonical number and how it was written."""

    number: int  # 1..6: which section this is by its title
    ordinal: str  # the numbering as written: "一", "1", "（一）", "" when none
    ordinal_value: int | None  # the numbering's value (一 -> 1), None when none
    title: str  # the title as written, without numbering
    span: Span
    start: int  # stream offset of the heading
    body_start: int  # stream offset just after the heading
    end: int = 0  # stream offset where the next section starts (or the end)


@dataclass(slots=True)
class Dated:
    date: dt.date
    raw: str
    span: Span
    source: str  # "signature", "meta", "header"


@dataclass(slots=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    raw: str
    span: Span


@dataclass(slots=True)
class Report:
    """A Document with its structure recognised: what rules receive."""

    doc: Document
    stream: Stream
    title: str | None = None
    title_span: Span | None = None
    year: int | None = None  # the report year, from the title (or period when no title)
    agency: str | None = None
    period: Period | None = None
    published: Dated | None = None
    sections: list[Section] = field(default_factory=list)
    stray_headings: list[Section] = field(default_factory=list)  # top-level headings of no section
    tables: dict[int, Table] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.doc.path

    def text_of(self, section: Section) -> str:
        return self.stream.text[section.body_start:section.end]

    def section(self, number: int) -> Section | None:
        for s in self.sections:
            if s.number == number:
                return s
        return None


@dataclass(slots=True)
class Finding:
    """What a rule returns: where, what it saw and what it expected, in Chinese and English."""

    span: Span
    message_zh: str
    message_en: str
    hint_zh: str | None = None
    hint_en: str | None = None
    damage: bool = False  # the defect is converter damage, not the report's


@dataclass(slots=True)
class Diagnostic:
    """A finding with its rule's identity attached: what reporters print."""

    code: str
    category: str
    severity: Severity
    path: str
    span: Span
    message_zh: str
    message_en: str
    hint_zh: str | None = None
    hint_en: str | None = None
    damage: bool = False
    excerpt: str | None = None

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def hint(self, lang: str = "zh") -> str | None:
        return self.hint_en if lang == "en" else self.hint_zh
