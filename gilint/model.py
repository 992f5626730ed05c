"""The data every part of gilint shares: spans, the parsed Document, the structured Report, findings.

Flow: bytes -> ``Document`` (a parser's output: text nodes in reading order, each with its span)
-> ``Report`` (``gilint.structure``: title, year, period, sections, canonical tables) -> rules -> ``Diagnostic``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from enum import Enum
from itertools import accumulate, count
from operator import add
from typing import Literal, NamedTuple

from gilint.formats.tables import CN_NUMBER, Identity, TableFormat, table_format

Severity = Literal["error", "warning", "info"]
Applicability = Literal["safe", "unsafe"]  # safe: ``--fix`` applies it; unsafe: only with ``--unsafe-fixes``
_tuple = tuple.__new__
CATEGORIES = ("sections", "period", "tables", "narrative", "fees", "wording", "input", "draft")


class Span(NamedTuple):
    """Where something is in the source.

    ``line``/``column`` are 1-based and count Unicode code points in the decoded text. For .docx
    ``line`` is the 1-based paragraph-or-row number in reading order and ``logical`` names the
    paragraph/table/row/cell; for PDF ``page`` is set and ``line`` counts lines on that page.
    (A named tuple: immutable and hashable like a frozen dataclass, and three times cheaper to make,
    which matters with a span for every cell.)
    """

    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    page: int | None = None
    logical: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            k: v
            for k, v in (
                ("line", self.line),
                ("column", self.column),
                ("end_line", self.end_line),
                ("end_column", self.end_column),
                ("page", self.page),
                ("logical", self.logical),
            )
            if v is not None
        }


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
        return {
            "kind": self.kind,
            "message": self.message_zh,
            "message_en": self.message_en,
            "damage": self.damage,
            **self.span.to_json(),
        }


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
        texts = [n.text for n in nodes]
        # each node starts after the ones before it, and a newline after each of those
        self.starts: list[int] = list(map(add, accumulate(map(len, texts[:-1]), initial=0), count())) if texts else []
        self.text = "\n".join(texts)

    def node_index(self, offset: int) -> int:
        return max(bisect_right(self.starts, offset) - 1, 0)

    def confidence_at(self, offset: int) -> float | None:
        """How sure the recogniser was of the text at ``offset``; None when it was not read by OCR."""
        return self.nodes[self.node_index(offset)].confidence if self.nodes else None

    def span(self, start: int, end: int | None = None) -> Span:
        """The span of ``text[start:end]`` (clipped to the node holding ``start``)."""
        nodes = self.nodes
        if not nodes:
            return Span()
        starts = self.starts
        i = bisect_right(starts, start) - 1
        if i < 0:  # before the first node: at it
            i = 0
        node = nodes[i]
        s = node.span
        column = s[1]  # (fields by position, min and max as comparisons: this runs for every cell)
        if column is None or not node.exact:
            return s
        base = starts[i]
        at = start - base  # Node.span_at(at, the end clipped to the node, at least at + 1), inline
        stop = len(node.text)
        if end is not None and end - base < stop:
            stop = end - base
        # (tuple.__new__ makes the named tuple without its __new__, a Python function)
        return _tuple(Span, (s[0], column + at, s[0], column + (stop - 1 if stop > at else at), s[4], s[5]))


CellStatus = Literal["read", "inferred", "unplaced"]
OCR_DOUBT = 0.5  # an OCR'd cell read with less confidence than this is doubtful (GI024's default)
# an OCR'd word read with less confidence than this may be the recogniser's misspelling, not the report's
# (on the corpus scans: a header the recogniser misread scored 0.986; a misspelt label printed in the report 0.996
# and 0.9998)
OCR_SURE = 0.99
CheckStatus = Literal["holds", "fails", "unjudged"]


@dataclass(slots=True)
class Cell:
    """A table cell by its id (``gilint.formats.tables``): its value and how it was obtained.

    ``value`` is an int count, a float for an amount, None for a blank ("", "/", "—") or an unplaced
    cell. ``status``: ``read`` (the printed characters give this value and no other), ``inferred``
    (several splits of run-together digits fit the characters; the identities leave only this one),
    ``unplaced`` (no reading places it: converter damage). ``how`` says which evidence decided:
    ``cell`` (a markup cell), ``separated`` (white space), ``digits`` (as many digits as cells),
    ``split`` (the only split without leading zeros), ``several`` (one cell holding several numbers),
    ``row-identity`` / ``identities`` / ``position`` (inferred: by an identity, or a lost label by position),
    ``ambiguous`` / ``no-reading`` / ``no-values`` (unplaced).
    """

    value: int | float | None
    raw: str
    stream: Stream = field(repr=False, compare=False)
    start: int  # stream offsets of its characters
    end: int
    status: CellStatus = "read"
    how: str = "cell"
    confidence: float | None = None  # OCR's for its characters (None: not OCR'd)

    @property
    def doubtful(self) -> bool:
        """OCR read it with a confidence under ``OCR_DOUBT``: an identity it breaks may be OCR's misreading."""
        return self.confidence is not None and self.confidence < OCR_DOUBT

    @property
    def span(self) -> Span:
        """Where its characters are (worked out when asked: most cells are never pointed at)."""
        return self.stream.span(self.start, max(self.end, self.start + 1))

    @property
    def placed(self) -> bool:
        return self.status != "unplaced"

    @property
    def blank(self) -> bool:
        """Printed blank, "/" or "—" where a number belongs."""
        return self.status == "read" and self.value is None and self.how != "several"


class TableIssue(str, Enum):
    """What the table reader found that a rule may report; the rule writes the sentence."""

    MISSING_ROW = "missing-row"  # no label of this row in the table
    LABEL_TYPO = "label-typo"  # a label one or two characters off the format's (``seen``)
    SHORT_ROW = "short-row"  # fewer values than cells where the markup separates them (``found``)
    EXTRA_VALUES = "extra-values"  # more values than cells (``found``)
    SEVERAL_VALUES = "several-values"  # one markup cell holds several numbers ("0 0")
    LOST_LABEL = "lost-label"  # a row's worth of values after a row, where the next row's label is missing
    UNPLACED = "unplaced"  # values the reader could not place: converter damage (``how``)
    RUN_TOGETHER = "run-together"  # values run together, read by their digits or inferred (``how``)
    NO_FIT = "no-fit"  # run-together digits that split several ways, every split breaking ``identity``


@dataclass(slots=True)
class TableProblem:
    """A typed fact about a table: where, which row (and column), what was seen."""

    kind: TableIssue
    span: Span
    row: str | None = None  # row id
    col: str | None = None  # column id
    raw: str = ""  # the characters concerned, as printed
    found: int | None = None  # how many values were found
    how: str = ""  # RUN_TOGETHER / UNPLACED: how the cells were read or why they were not
    seen: str = ""  # LABEL_TYPO: the label as printed; LOST_LABEL: the row the values belong to
    identity: str = ""  # NO_FIT: the identity every split breaks
    values: tuple[int | float | None, ...] = ()  # RUN_TOGETHER: the values read
    damage: bool = False  # caused by the converter or scraper, not by the report

    def to_json(self) -> dict[str, object]:
        d: dict[str, object] = {"kind": self.kind.value, "damage": self.damage}
        for key in ("row", "col", "raw", "found", "how", "seen", "identity"):
            value = getattr(self, key)
            if value not in (None, ""):
                d[key] = value
        if self.values:
            d["values"] = list(self.values)
        return {**d, **self.span.to_json()}


@dataclass(slots=True)
class Check:
    """One identity instance judged on a table's cells: ``holds``, ``fails`` (the report's own
    arithmetic) or ``unjudged`` (a member is blank or unplaced). ``used`` when the solver chose
    run-together cells by it, so it holds by construction and tests nothing."""

    identity: Identity
    status: CheckStatus
    left: int | float | None = None  # the sums, when judged
    right: int | float | None = None
    used: bool = False


_NO_CELLS: dict[str, Cell] = {}  # the row of a table that has not got it (never written to)


@dataclass(slots=True)
class Table:
    """Canonical table 2, 3 or 4: ``cells[row id][column id]``, ids from ``gilint.formats.tables``."""

    number: int
    version: int  # 2019 or 2021: which format's labels it matches
    span: Span
    start: int = 0  # stream offsets covered by the table
    end: int = 0
    cells: dict[str, dict[str, Cell]] = field(default_factory=dict)
    row_spans: dict[str, Span] = field(default_factory=dict)  # where each row label was found
    row_labels: dict[str, str] = field(default_factory=dict)  # each row label as written
    checks: list[Check] = field(default_factory=list)
    problems: list[TableProblem] = field(default_factory=list)
    evidence_2019: list[tuple[str, Span]] = field(default_factory=list)  # 2019-only labels seen

    @property
    def format(self) -> TableFormat:
        return table_format(self.number, self.version)

    def cell(self, row: str, col: str) -> Cell | None:
        return self.cells.get(row, _NO_CELLS).get(col)

    def value(self, row: str, col: str) -> int | float | None:
        """The value of a placed cell (None when blank, unplaced or absent)."""
        cell = self.cells.get(row, _NO_CELLS).get(col)
        return cell.value if cell is not None and cell.status != "unplaced" else None


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
    """A date the report states, where it stands and where it was found."""

    date: dt.date
    raw: str
    span: Span
    source: str  # "signature", "meta", "header"


@dataclass(slots=True)
class Period:
    """The statistics period the report states."""

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

    @property
    def path(self) -> str:
        return self.doc.path

    def text_of(self, section: Section) -> str:
        return self.stream.text[section.body_start : section.end]

    def section(self, number: int) -> Section | None:
        for s in self.sections:
            if s.number == number:
                return s
        return None


@dataclass(frozen=True, slots=True)
class Edit:
    """One change a fix makes: ``stream.text[start:end]`` becomes ``replacement`` (``start == end``
    inserts). Offsets are the report's stream offsets; an edit stays inside one node.

    The engine fills in ``old`` (the text replaced) and ``span``: where that text is in the source
    file, exactly (line and columns) for text, Markdown and HTML, the node's logical place for .docx,
    None when it cannot be located exactly (then the fix is never applied)."""

    start: int
    end: int
    replacement: str
    old: str = ""
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Fix:
    """How a finding is mended (see gilint/fix.py): edits to the text, and whether ``--fix`` may
    apply them on its own (``safe``) or only with ``--unsafe-fixes`` (a human should look)."""

    message_zh: str  # what the fix does: "删去重复的“的”"
    message_en: str
    edits: tuple[Edit, ...]
    applicability: Applicability = "safe"

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


class Related(NamedTuple):
    """Another place a finding is about (the table cell a sentence contradicts), with a short label."""

    span: Span
    label_zh: str
    label_en: str

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh


@dataclass(slots=True)
class Finding:
    """What a rule returns: where, what it saw and what it expected, in Chinese and English."""

    span: Span
    message_zh: str
    message_en: str
    hint_zh: str | None = None
    hint_en: str | None = None
    damage: bool = False  # the defect is converter damage, not the report's
    fix: Fix | None = None  # only from a rule that declares ``fix=`` (gilint.rule.rule)
    related: tuple[Related, ...] = ()  # the other places it concerns
    # findings of one rule with the same cause are one cascade: the engine reports the first, with the
    # count and the others' places as related (one numbering slip shifting five headings is one finding)
    cause: str | None = None
    count: int = 1


_SECTION_NUMBER = "一二三四五六"


@dataclass(frozen=True, slots=True)
class Where:
    """Where a finding is as a reader sees it (``gilint.locate``): the page (PDF), the section (1-6, and
    its title as written) and the paragraph in it counting from 1, or the table (2, 3, 4: its number in
    the format), the row and column ids of the table vocabulary and their labels; ``text`` the plain
    text there (a paragraph, or a cell with its row), cut to about 120 characters."""

    page: int | None = None
    title: bool = False  # the report's title
    section: int | None = None
    section_title: str | None = None
    paragraph: int | None = None
    table: int | None = None
    row: str | None = None
    col: str | None = None
    row_label: str | None = None
    col_label: str | None = None
    text: str | None = None

    def label(self, lang: str = "zh") -> str:
        """ "第3页 表三 “（三）不予公开 1.属于国家秘密”行 “自然人”列", "第二部分“主动公开政府信息情况” 第3段";
        "page 3, table 3, row “…”, column “…”", "section 2 “…”, paragraph 3"."""
        zh = lang != "en"
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页" if zh else f"page {self.page}")
        if self.title:
            parts.append("标题" if zh else "title")
        elif self.table is not None:
            parts.append(f"表{CN_NUMBER.get(self.table, self.table)}" if zh else f"table {self.table}")
            if self.row_label:
                parts.append(f"“{self.row_label}”行" if zh else f"row “{self.row_label}”")
            if self.col_label:
                parts.append(f"“{self.col_label}”列" if zh else f"column “{self.col_label}”")
        elif self.section is not None:
            name = f"第{_SECTION_NUMBER[self.section - 1]}部分" if zh else f"section {self.section}"
            title = (f"“{self.section_title}”" if zh else f" “{self.section_title}”") if self.section_title else ""
            parts.append(name + title)
            if self.paragraph is not None:
                parts.append(f"第{self.paragraph}段" if zh else f"paragraph {self.paragraph}")
        elif self.paragraph is not None:
            parts.append(f"正文开头第{self.paragraph}段" if zh else f"before section 1, paragraph {self.paragraph}")
        return (" " if zh else ", ").join(parts)

    def to_json(self) -> dict[str, object]:
        keys = (
            "page",
            "title",
            "section",
            "section_title",
            "paragraph",
            "table",
            "row",
            "col",
            "row_label",
            "col_label",
        )
        return {k: getattr(self, k) for k in keys if getattr(self, k) not in (None, False)}


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
    fix: Fix | None = None  # with each edit's ``old`` and ``span`` filled in
    related: tuple[Related, ...] = ()
    where: Where | None = None  # the human location (section and paragraph, or table, row and column)
    count: int = 1  # a cascade reported once: how many findings of the same root cause this one stands for

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def hint(self, lang: str = "zh") -> str | None:
        return self.hint_en if lang == "en" else self.hint_zh
