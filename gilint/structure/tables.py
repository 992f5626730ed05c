"""Find tables 2, 3 and 4 in the stream by their labels and hand what stands after each label to the solver.

A table reads the same whether it came as markup cells, one cell per line, tab-separated rows or
cells run together by a scraper: its rows are found by the labels of ``formats.tables`` in printed
order (then anywhere in the table, for a converter that shuffled them; then one or two characters
off, for a label its author misspelt), and a row's values are the value groups between its label
and the next (for a label in a markup cell, the cells of that markup row only).

Whether a row with too few or too many cells is the report's defect depends on whose markup it is:
in HTML and Word the cells are the author's; in text, Markdown and PDF they are a converter's or a
scraper's reading, and a misfit there is damage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter, itemgetter

from gilint import regex
from gilint.formats import LABELS_2019_ONLY, OFFICIAL_PHRASES, fuzzy
from gilint.formats.tables import CellRef, Row, TableFormat, table_format
from gilint.model import OCR_SURE, Stream, Table, TableIssue, TableProblem
from gilint.structure import labels
from gilint.structure.solver import Outcome, Segment, solve
from gilint.structure.tokens import ANY_ROW, Group, groups_after, row_key

_T4_HEAD = regex.compile(r"行\s*政\s*复\s*议\s*行\s*政\s*诉\s*讼")
_T3_HEAD = regex.compile(r"[（(]\s*本\s*列\s*数\s*据|申\s*请\s*人\s*情\s*况")
_NEXT_SECTION = regex.compile(r"(?:五|5)\s*[、.．]\s*\S")
_LOST = frozenset({"no-values", "no-reading"})  # unplaced because values are missing, not ambiguous
# (a tuple: its members are found by identity, where a set would hash each kind by a Python call)
_LOSSES = (TableIssue.UNPLACED, TableIssue.MISSING_ROW, TableIssue.SHORT_ROW)
_COL = itemgetter(1)  # a cell ref's column id
_RUN = TableIssue.RUN_TOGETHER
_VALUE = attrgetter("value")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return regex.compile(pattern)


@cache
def _row_refs(number: int, version: int) -> dict[str, tuple[CellRef, ...]]:
    """Each row's cells in printed order, by row id: built once per format, not for every row read."""
    return {row.id: tuple((row.id, c) for c in row.cols) for row in table_format(number, version).rows}


@dataclass(frozen=True, slots=True)
class _Read:
    """How a document was read."""

    authored: bool  # its markup is the author's (HTML, Word)
    ocr: bool  # some of it was read by OCR


@dataclass(slots=True)
class _Anchor:
    """A row label found in the text: the row, where it stands, how it was printed."""

    row: Row
    start: int
    end: int
    typo: str = ""  # the label as printed, when it is misspelt
    moved: bool = False  # found out of printed order


def find_tables(stream: Stream, kind: str) -> dict[int, Table]:
    """Tables 2, 3 and 4 of a Document of reader ``kind``, each read by the solver."""
    # how the document was read: its markup the author's (HTML, Word), some of it by OCR
    read = _Read(kind in ("html", "docx"), any(node.confidence is not None for node in stream.nodes))
    t3 = _table3(stream, read)
    t2 = _table2(stream, t3.start if t3 else len(stream.text), read)
    t4 = _table4(stream, t3.end if t3 else (t2.end if t2 else 0), t3.version if t3 else 2021, read)
    tables = {t.number: t for t in (t2, t3, t4) if t is not None}
    if not read.authored and any(p.damage and p.kind in _LOSSES for t in tables.values() for p in t.problems):
        # the converter lost values somewhere in this document: a row of too few or too many cells
        # elsewhere in it is as likely its doing (a blank cell it dropped)
        for t in tables.values():
            for p in t.problems:
                if p.kind in (TableIssue.SHORT_ROW, TableIssue.EXTRA_VALUES):
                    p.damage = True
    return tables


def _table3(stream: Stream, read: _Read) -> Table | None:
    text = stream.text
    first = _compiled(table_format(3, 2021).rows[0].pattern).search(text)
    if not first:
        return None
    t4 = _T4_HEAD.search(text, first.end())
    limit = t4.start() if t4 else len(text)
    head = _T3_HEAD.search(text, max(0, first.start() - 400), first.start())
    begin = head.start() if head else first.start()
    split_six = _compiled(_pattern(3, 2021, "3.6.1")).search(text, first.end(), limit)
    one_six = _compiled(_pattern(3, 2019, "3.6")).search(text, first.end(), limit)
    table = Table(3, 2019 if one_six and not split_six else 2021, stream.span(begin), start=begin)
    reader = _Reader(stream, table, read.authored, ocr_read=read.ocr)
    reader.rows(first.start(), limit)
    reader.header_typos(begin, first.start(), (OFFICIAL_PHRASES[1],))
    return table


def _pattern(number: int, version: int, row_id: str) -> str:
    row = table_format(number, version).row(row_id)
    assert row is not None
    return row.pattern


_T2_FOLLOWS = regex.compile(r"信\s*息\s*内\s*容|规\s*章|(?:行\s*政\s*)?规\s*范\s*性\s*文\s*件")
_BLANK = regex.compile(r"[\s|｜]*")


def _table2(stream: Stream, limit: int, read: _Read) -> Table | None:
    text = stream.text
    # the block header that heads a table (its column header or first row follows), not the prose
    # that cites the article ("按照条例第二十条第（一）项的要求…")
    heads = list(_compiled(fuzzy("第二十条第（一）项")).finditer(text, 0, limit))
    head = next(
        (m for m in heads if _T2_FOLLOWS.match(text, _BLANK.match(text, m.end()).end())),  # type: ignore[union-attr]
        heads[-1] if heads else None,
    )
    if not head:
        return None
    region = text[head.start() : limit]
    evidence = [
        (label, m.start() + head.start())
        for label in LABELS_2019_ONLY
        for m in [_compiled(fuzzy(label)).search(region)]
        if m
    ]
    table = Table(2, 2019 if evidence else 2021, stream.span(head.start()), start=head.start())
    table.evidence_2019 = [(label, stream.span(pos)) for label, pos in evidence]
    reader = _Reader(stream, table, read.authored, ocr_read=read.ocr)
    reader.rows(head.start(), limit)
    reader.header_typos(head.start(), table.end, ())  # each block of table 2 has its own header
    return table


def _table4(stream: Stream, start: int, version: int, read: _Read) -> Table | None:
    text = stream.text
    head = _T4_HEAD.search(text, start)
    if not head:
        return _table4_groups(stream, start, version, read)
    nxt = _NEXT_SECTION.search(text, head.end())
    limit = nxt.start() if nxt else len(text)
    table = Table(4, version, stream.span(head.start()), start=head.start())
    reader = _Reader(stream, table, read.authored, ocr_read=read.ocr)
    refs = tuple((row.id, c) for row in table.format.rows for c in row.cols)
    groups = reader.own(groups_after(stream, head.end(), limit, ANY_ROW, 2 * len(refs) + 2), len(refs), None, [])
    for row in table.format.rows:
        table.row_spans[row.id] = stream.span(head.start(), head.end())
    reader.solve([Segment(refs, groups, head.end())], set())
    table.end = groups[-1].end if groups else limit
    reader.header_typos(head.end(), groups[0].start if groups else limit, ())
    return table


def _table4_groups(stream: Stream, start: int, version: int, read: _Read) -> Table | None:
    """Table 4 written as one small table per group (行政复议 / 未经复议直接起诉 / 复议后起诉): each
    group label followed by its five values."""
    text = stream.text
    fmt = table_format(4, version)
    found: list[re.Match[str]] = []
    pos = start
    for row in fmt.rows:
        m = _compiled(row.pattern).search(text, pos)
        if not m:
            return None
        found.append(m)
        pos = m.end()
    if found[-1].start() - found[0].start() > 600:
        return None
    segments = []
    for i, (row, m) in enumerate(zip(fmt.rows, found, strict=True)):
        end = found[i + 1].start() if i + 1 < len(found) else min(len(text), m.end() + 400)
        groups = groups_after(stream, m.end(), end, row_key(stream.nodes[stream.node_index(m.start())]), 12)
        if not groups:
            return None  # a group label in prose ("被申请行政复议1件") is not a table
        segments.append(Segment(tuple((row.id, c) for c in row.cols), groups[: len(row.cols)], m.end()))
    table = Table(4, version, stream.span(found[0].start()), start=found[0].start())
    for row, m in zip(fmt.rows, found, strict=True):
        table.row_spans[row.id] = stream.span(m.start(), m.end())
        table.row_labels[row.id] = m.group()
    _Reader(stream, table, read.authored, ocr_read=read.ocr).solve(segments, set())
    table.end = max(g.end for s in segments for g in s.groups)
    return table


@dataclass
class _Reader:
    """One table being read."""

    stream: Stream
    table: Table
    authored: bool  # its markup is the author's (HTML, Word): a misfit row is the report's own
    damaged: bool = False  # the converter lost values or shuffled labels: near-miss labels may be its doing
    ocr_read: bool = False  # some of the document was read by OCR (its groups may carry a confidence)
    extras: list[tuple[int, int, str | None, str, int, bool]] = field(default_factory=list)  # surplus values

    def problem(
        self, kind: TableIssue, a: int, b: int | None = None, damage: bool | None = None, **fields: object
    ) -> None:
        """Record a problem of ``kind`` at ``stream.text[a:b]`` (``damage`` by default for the kinds a converter
        causes)."""
        if damage is None:
            damage = kind in (TableIssue.UNPLACED, TableIssue.RUN_TOGETHER, TableIssue.LOST_LABEL)
        self.table.problems.append(TableProblem(kind, self.stream.span(a, b), damage=damage, **fields))  # type: ignore[arg-type]

    def rows(self, start: int, limit: int) -> None:
        """Find every row between ``start`` and ``limit``, read its values and solve."""
        stream, table = self.stream, self.table
        anchors = _anchors(stream, table.format, start, limit)
        ordered = sorted(anchors.values(), key=lambda a: a.start)
        order = [r.id for r in table.format.rows]
        index = {r: i for i, r in enumerate(order)}
        refs = _row_refs(table.number, table.version)
        segments: list[Segment] = []
        lost: set[str] = set()
        in_cells: set[str] = set()  # rows whose label sits in a markup cell
        # a labelless markup row right after a label in text is that label's row, when no other label may
        # claim it: the label before it is the previous row of the format, and it had values of its own
        pending = False
        nodes, text = stream.nodes, stream.text
        for k, a in enumerate(ordered):
            end = ordered[k + 1].start if k + 1 < len(ordered) else limit
            key = row_key(nodes[stream.node_index(a.start)])
            if key is not None:
                in_cells.add(a.row.id)
            rid = a.row.id
            n = len(a.row.cols)
            i = index[rid]
            adopt = not pending and (k == i == 0 or (k > 0 and i > 0 and ordered[k - 1].row.id == order[i - 1]))
            groups = groups_after(stream, a.end, end, key, 2 * n + 2, adopt=adopt)
            pending = not groups
            if len(groups) > n:
                gap = _gap(order, i, anchors)
                segments.append(Segment(refs[rid], self.own(groups, n, rid, gap, lost), a.end))
                if gap and gap[0] in lost:
                    segments.append(self.by_position(gap[0], groups[n:]))
            else:
                segments.append(Segment(refs[rid], groups, a.end))
            table.row_spans[rid] = stream.span(a.start, a.end)
            table.row_labels[rid] = text[a.start : a.end]
        self.solve(segments, in_cells)
        for rid in lost:
            for cell in table.cells.get(rid, {}).values():
                if cell.placed:
                    cell.status, cell.how = "inferred", "position"
        # a table the converter damaged (values lost, labels shuffled) cannot tell a deleted or misspelt
        # row from a mangled one
        self.damaged = self.damaged or any(a.moved for a in ordered)
        for a in ordered:
            if a.typo:
                self.problem(
                    TableIssue.LABEL_TYPO,
                    a.start,
                    a.end,
                    row=a.row.id,
                    raw=a.row.label,
                    seen=a.typo,
                    damage=self.damaged or self.ocr(a.start),
                )
        for i, row in enumerate(table.format.rows):
            if row.id not in anchors and row.id not in lost:
                # where the row should be: before the next row found, else after the last one before it
                nxt = next((anchors[r].start for r in order[i + 1 :] if r in anchors), None)
                at = nxt if nxt is not None else max((anchors[r].end for r in order[:i] if r in anchors), default=start)
                self.problem(TableIssue.MISSING_ROW, at, row=row.id, damage=self.damaged)
        table.end = max([start, *(g.end for s in segments for g in s.groups), *(a.end for a in ordered)])

    def own(
        self, groups: list[Group], n: int, row: str | None, gap: list[str], lost: set[str] | None = None
    ) -> list[Group]:
        """The groups that are the row's own: the first ``n`` when there are more than ``n`` separate
        values. The rest is a row whose label was lost (as many values as the next, missing, row has
        cells), blank markup cells (dropped) or extra values (recorded)."""
        if len(groups) <= n:
            return groups
        own, rest = groups[:n], groups[n:]
        if all(g.cell and not g.text for g in rest):
            return own
        a, b, raw = rest[0].start, rest[-1].end, " ".join(g.raw for g in rest)
        if len(gap) == 1 and lost is not None:
            width = len(self.table.format.row(gap[0]).cols)  # type: ignore[union-attr]
            if width <= len(rest) <= width + 1:
                lost.add(gap[0])
                self.problem(TableIssue.LOST_LABEL, a, b, row=row, raw=raw, found=len(rest), seen=gap[0])
                return own
        self.extras.append((a, b, row, raw, len(rest), all(g.cell for g in groups)))
        return own

    def ocr(self, offset: int, sure: float = OCR_SURE) -> bool:
        """The characters at ``offset`` were read by OCR with a confidence under ``sure``: a label misspelt
        there is as likely the recogniser's misreading as the report's."""
        confidence = self.stream.confidence_at(offset)
        return confidence is not None and confidence < sure

    def by_position(self, row_id: str, rest: list[Group]) -> Segment:
        """The values of a row whose label was lost, placed by position when that is unambiguous: as many
        as its cells, or one more where dropping the first or the last gives the same values."""
        row = self.table.format.row(row_id)
        assert row is not None
        refs = tuple((row_id, c) for c in row.cols)
        width = len(refs)
        ways = {tuple(g.text for g in rest[k : k + width]) for k in ((0,) if len(rest) == width else (0, 1))}
        return Segment(refs, rest[:width] if len(ways) == 1 else [], rest[0].start)

    def header_typos(self, lo: int, hi: int, extra: tuple[str, ...]) -> None:
        """Column labels and notes of the table head written one or two characters off the format's
        (not looked for in a table the converter damaged)."""
        if self.damaged:
            return
        text, hi = self.stream.text, min(hi, lo + 1_000)
        for label in [c.label for c in self.table.format.cols] + list(extra):
            if _compiled(fuzzy(label)).search(text, lo, hi):
                continue
            hit = labels.near(text, lo, hi, label)
            if hit:
                self.problem(
                    TableIssue.LABEL_TYPO,
                    hit[0],
                    hit[1],
                    raw=label,
                    seen=text[hit[0] : hit[1]],
                    # a header wraps over lines in its narrow cell, and the recogniser reads a character at
                    # the wrap twice or drops it ("社会公益益组织", "科研机 机构") however sure it is
                    damage=self.ocr(hit[0], sure=float("inf")),
                )

    def solve(self, segments: list[Segment], in_cells: set[str]) -> None:
        table = self.table
        solution = solve(table.format, segments, self.stream)
        outcomes = solution.segments
        rows: list[str | None] = []  # each segment's row (None for table 4's row of 15)
        short: list[bool] = []
        lost = False  # some segment's values were lost between characters (not too short as written)
        for seg, out in zip(segments, outcomes, strict=True):
            ocr = [g for g in seg.groups if g.confidence is not None] if self.ocr_read else None
            if ocr:
                for cell in out.cells:
                    cell.confidence = min(
                        (
                            g.confidence
                            for g in ocr
                            if g.start < max(cell.end, cell.start + 1)  # type: ignore[type-var]
                            and cell.start < g.end
                        ),
                        default=None,
                    )
            refs = seg.refs
            row = refs[0][0] if refs[0][0] == refs[-1][0] else None  # a segment of one row (all but table 4's)
            rows.append(row)
            if out.unplaced in _LOST:
                s = _short(seg, row in in_cells)  # too short as written (only where values were lost)
                lost = lost or not s
                short.append(s)
            else:
                short.append(False)
            if row is not None:
                row_cells = table.cells.get(row)
                if row_cells is None:
                    table.cells[row] = dict(zip(map(_COL, refs), out.cells, strict=True))
                else:
                    row_cells.update(zip(map(_COL, refs), out.cells, strict=True))
                continue
            row_id, row_cells = None, {}
            for (rid, cid), cell in zip(refs, out.cells, strict=True):
                if rid != row_id:  # a segment's cells come row by row
                    row_id, row_cells = rid, table.cells.setdefault(rid, {})
                row_cells[cid] = cell
        table.checks = solution.checks
        self.damaged = self.damaged or lost
        own = self.authored or not self.damaged  # separate cells too few or too many: the report's own
        for seg, out, row, s in zip(segments, outcomes, rows, short, strict=True):
            for g in seg.groups:
                if g.several:
                    self.problem(TableIssue.SEVERAL_VALUES, g.start, g.end, row=row, raw=g.raw)
            if out.cut or out.no_fit or out.unplaced or s:  # (a row read as printed, most rows: nothing to say)
                self.segment_problems(seg, out, row, s and own)
        for a, b, row, raw, found, separated in self.extras:
            self.problem(TableIssue.EXTRA_VALUES, a, b, row=row, raw=raw, found=found, damage=not (separated and own))

    def segment_problems(self, seg: Segment, out: Outcome, row: str | None, short: bool) -> None:
        """What a segment's reading that is not as printed leaves to say: whether its values break an identity
        under every reading, are too few as written, could not be placed or ran together."""
        groups = seg.groups
        a, b = (groups[0].start, groups[-1].end) if groups else (seg.at, None)
        raw = groups[0].raw if len(groups) == 1 else " ".join([g.raw for g in groups])
        if out.no_fit:
            self.problem(TableIssue.NO_FIT, a, b, row=row, raw=raw, identity=out.no_fit, damage=False)
        elif short:
            self.problem(TableIssue.SHORT_ROW, a, b, row=row, raw=raw, found=len(groups))
        elif out.unplaced:
            self.problem(TableIssue.UNPLACED, a, b, row=row, raw=raw, found=len(groups), how=out.unplaced)
        elif out.cut:  # (most problems of a scraped table: made here, not through ``problem``)
            how = "inferred" if out.inferred else out.cells[0].how
            values = tuple(map(_VALUE, out.cells))
            span = self.stream.span(a, b)
            self.table.problems.append(TableProblem(_RUN, span, row=row, raw=raw, how=how, values=values, damage=True))


def _gap(order: list[str], i: int, anchors: dict[str, _Anchor]) -> list[str]:
    """The rows after row ``order[i]`` whose labels were not found, up to the next one that was."""
    gap = []
    for r in order[i + 1 :]:
        if r in anchors:
            break
        gap.append(r)
    return gap


def _short(seg: Segment, label_in_cell: bool) -> bool:
    """A row whose values were lost (cells unplaced for want of values) is too short as written when it is a
    row of separate cells (or a labelled markup row with none): nothing was lost between characters."""
    return seg.markup or (not seg.groups and label_in_cell)


def _anchors(stream: Stream, fmt: TableFormat, start: int, limit: int) -> dict[str, _Anchor]:
    """Each row's label: in printed order, then anywhere in the table, then misspelt."""
    text = stream.text
    found: dict[str, _Anchor] = {}
    pos = start
    for row in fmt.rows:
        m = _compiled(row.pattern).search(text, pos, limit)
        if m:
            found[row.id] = _Anchor(row, m.start(), m.end())
            pos = m.end()
    for row in fmt.rows:
        if row.id in found:
            continue
        for m in _compiled(row.pattern).finditer(text, start, limit):
            if not any(a.start < m.end() and m.start() < a.end for a in found.values()):
                found[row.id] = _Anchor(row, m.start(), m.end(), moved=True)
                break
    order = [r.id for r in fmt.rows]
    for row in fmt.rows:
        if row.id in found:
            continue
        i = order.index(row.id)
        before = [found[r].end for r in order[:i] if r in found]
        after = [found[r].start for r in order[i + 1 :] if r in found]
        lo = max(before) if before else start
        hi = min(after) if after else limit
        hit = labels.misspelt(text, lo, max(lo, hi), row.label, row.ordinal)
        if hit:
            found[row.id] = _Anchor(row, hit[0], hit[1], text[hit[0] : hit[1]])
    return found
