"""Where a finding is, as a reader of the report sees it: the section and paragraph, or the table
(by its number in the format: 表二/表三/表四), its row and column labels from the table vocabulary,
the page of a PDF, and the text there in plain words (an HTML cell's text and its row's, never markup).

``Locator(report).where(span)`` works from the finding's span alone: the node the span starts in
(by page, line and column), its offset in the report's stream, then the table cell, the table row
or the section holding that offset. Built once per report and only asked for the findings it has.
"""

from __future__ import annotations

import bisect
from operator import le
from typing import cast

from gilint.formats.tables import table_format
from gilint.model import Node, Report, Span, Where

EXCERPT = 120  # characters of plain text around the place, at most


class Locator:
    """Finds the human location of spans in one report."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.nodes = report.stream.nodes
        self._lines: dict[tuple[int | None, int], list[tuple[int, int]]] | None = None  # see _on_line
        self._ordered: list[int] | None = None  # each node's line, when they are in order (see _on_line)
        self._rows: dict[tuple[int, int], list[Node]] | None = None
        self._plain: dict[tuple[str, str | None], str] = {}  # see _around

    def _on_line(self, page: int | None, line: int) -> list[tuple[int, int]] | None:
        """(column or 0, node index) of each node whose span starts on ``line`` of ``page``, in reading order.
        When no node is on a page (a PDF's are), every node has a line and the lines never go back (text,
        Markdown, HTML), the nodes of a line are the run of them ``bisect`` finds in the list of their lines:
        worked out for the lines asked about only (a report has many nodes and few findings). Else every
        node is put under its (page, line) at once."""
        if self._lines is None:
            self._lines = {}
            lines = [n.span[0] for n in self.nodes]
            if None not in lines and all(n.span[4] is None for n in self.nodes):
                known = cast("list[int]", lines)  # (no None in it)
                self._ordered = known if all(map(le, known, known[1:])) else None
            if self._ordered is None:
                for i, node in enumerate(self.nodes):
                    s = node.span
                    if s.line is not None:
                        self._lines.setdefault((s.page, s.line), []).append((s.column or 0, i))
        ordered = self._ordered
        if ordered is None or page is not None:
            return self._lines.get((page, line))
        found = self._lines.get((None, line))
        if found is None:
            lo = bisect.bisect_left(ordered, line)
            hi = bisect.bisect_right(ordered, line, lo)
            found = self._lines[None, line] = [(self.nodes[j].span.column or 0, j) for j in range(lo, hi)]
        return found

    def node_of(self, span: Span) -> tuple[int, int] | None:
        """(node index, stream offset) of where ``span`` starts; None when it names no node."""
        if span.line is None:
            return None
        on_line = self._on_line(span.page, span.line)
        if not on_line:
            return None
        column = span.column or 0
        k = max(bisect.bisect_right(on_line, (column, len(self.nodes))) - 1, 0)
        _, i = on_line[k]
        node = self.nodes[i]
        offset = self.report.stream.starts[i]
        if node.exact and node.span.column is not None and span.column is not None:
            offset += min(max(span.column - node.span.column, 0), max(len(node.text) - 1, 0))
        return i, offset

    def where(self, span: Span) -> Where | None:
        """The human location of ``span``, or None for a finding about the whole file."""
        found = self.node_of(span)
        if found is None:
            return Where(page=span.page) if span.page is not None else None
        i, offset = found
        node = self.nodes[i]
        if span == self.report.title_span:
            return Where(page=span.page, title=True, text=self._around(node.text, 0))
        for table in self.report.tables.values():
            if span == table.span:  # about the table as a whole
                return Where(page=span.page, table=table.number)
            if table.start <= offset < max(table.end, table.start + 1):
                return self._in_table(table.number, i, offset, span)
        section, title, paragraph = self._in_text(offset)
        return Where(
            page=span.page,
            section=section,
            section_title=title,
            paragraph=paragraph,
            text=self._around(node.text, offset - self.report.stream.starts[i]),
        )

    def _in_table(self, number: int, i: int, offset: int, span: Span) -> Where:
        table = self.report.tables[number]
        row_id, col_id = self._cell_at(number, offset)
        if row_id is None:  # a row label, or what lies between the cells
            node_span = self.nodes[i].span
            best = -1
            for rid, s in table.row_spans.items():
                if (
                    (s.page, s.line) == (node_span.page, node_span.line)
                    and (s.column or 0) <= (span.column or 0)
                    and (s.column or 0) > best
                ):
                    row_id, best = rid, s.column or 0
        col_id, row_label, col_label = _labels(number, table.version, row_id, col_id)
        return Where(
            page=span.page,
            table=number,
            row=row_id,
            col=col_id,
            row_label=row_label,
            col_label=col_label,
            text=self._row_text(i, offset),
        )

    def _cell_at(self, number: int, offset: int) -> tuple[str, str] | tuple[None, None]:
        """(row id, column id) of the first cell of table ``number`` (in the table's order) whose characters
        hold stream offset ``offset`` (an empty cell: the one at its start); (None, None) when none does."""
        for rid, cells in self.report.tables[number].cells.items():
            for cid, cell in cells.items():
                start = cell.start
                if start <= offset and (offset < cell.end or offset == start):
                    return rid, cid
        return None, None

    def _row_text(self, i: int, offset: int) -> str:
        """The cell's text and its row's: the file's table row when the reader saw one (HTML, .docx, PDF
        cells), else the text around the place (a row of a text report is one line)."""
        node = self.nodes[i]
        if node.table is not None and node.row is not None:
            if self._rows is None:
                self._rows = {}
                for n in self.nodes:
                    if n.table is not None and n.row is not None:
                        self._rows.setdefault((n.table, n.row), []).append(n)
            row = " | ".join(n.text.strip() for n in self._rows[node.table, node.row] if n.text.strip())
            return _cut(row, EXCERPT)
        line = self.report.doc.source_line(node.span) if node.kind == "cell" else None
        if line is not None and node.span.column is not None:  # a text report's row: its line, without markup
            return self._around(line, node.span.column - 1, " |\t")
        return self._around(node.text, offset - self.report.stream.starts[i])

    def _in_text(self, offset: int) -> tuple[int | None, str | None, int | None]:
        """(section number, its title as written, paragraph in it counting from 1) of a stream offset."""
        section = None  # the first of those starting last at or before it
        for s in self.report.sections:
            if s.start <= offset and (section is None or s.start > section.start):
                section = s
        start = section.body_start if section is not None else 0
        if section is not None and offset < section.body_start:
            return section.number, section.title, None  # the heading itself
        stream = self.report.stream
        first, last = stream.node_index(start), stream.node_index(offset)
        paragraph = sum(1 for n in self.nodes[first : last + 1] if n.kind == "text" and n.text.strip())
        if section is None:
            return None, None, paragraph or None
        return section.number, section.title, paragraph or None

    def _around(self, text: str, at: int, strip: str | None = None) -> str:
        """At most ``EXCERPT`` characters of ``text`` (``strip`` stripped from its ends) around position ``at``,
        its white space runs made one space, "…" where cut. ``text`` is a node's or a source line's, often the
        same for several findings (a text report scraped onto one line is all one node): the text with its
        white space made single is worked out once for each, a pure function of it."""
        plain = self._plain.get((text, strip))
        if plain is None:
            plain = self._plain[text, strip] = " ".join(text.strip(strip).split())
        return _window(plain, at)


_LABELS: dict[tuple[int, int, str | None, str | None], tuple[str | None, str | None, str | None]] = {}


def _labels(number: int, version: int, row_id: str | None, col_id: str | None) -> tuple[str | None, ...]:
    """(column id, row label, column label) of a place in table ``number`` of format ``version``: the column
    only when the row has it, the labels only of what the format has; worked out once for each (the formats
    never change, and they have a few hundred cells)."""
    key = (number, version, row_id, col_id)
    found = _LABELS.get(key)
    if found is None:
        fmt = table_format(number, version)
        row = fmt.row(row_id) if row_id is not None else None
        col = fmt.col(col_id) if row is not None and col_id is not None and col_id in row.cols else None
        found = _LABELS[key] = (
            col_id if col is not None else None,
            row.name if row is not None else None,
            col.name if col is not None else None,
        )
    return found


def _window(text: str, at: int) -> str:
    """At most ``EXCERPT`` characters of ``text`` around position ``at``, "…" where cut."""
    if len(text) <= EXCERPT:
        return text
    start = max(0, min(at - EXCERPT // 3, len(text) - EXCERPT))
    return ("…" if start else "") + text[start : start + EXCERPT] + ("…" if start + EXCERPT < len(text) else "")


def _cut(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most] + "…"
