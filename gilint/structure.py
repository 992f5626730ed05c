"""Recognise a report's structure in a ``Document``: title, year, agency, statistics period,
publication date, the six sections and the canonical tables 2, 3 and 4.

Everything is found by the official labels in the text stream (all nodes joined by newlines), so a
table reads the same whether it came as HTML cells, one cell per line, tab-separated rows or cells
run together by a scraper. What cannot be placed becomes a ``Problem``; nothing is guessed into a
cell. This module judges nothing: rules do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from itertools import combinations, product
from math import comb, prod

from gilint import formats as F
from gilint.model import Cell, Dated, Document, Period, Problem, Report, Section, Span, Stream, Table
from gilint.numbers import CN_NUMBER, parse_date_parts, parse_int, to_ascii

_VALUE = re.compile(r"[+\-−－]?\d+(?:\.\d+)?(?:万元|元)?")
_BLANKS = frozenset({"", "/", "／", "-", "—", "－", "——", "–", "\\", "、"})
_TOKEN = re.compile(r"[+\-−－]?[0-9０-９]+(?:[.．][0-9０-９]+)?(?:万元|元)?|[^0-9０-９\s]+")

_UNITS = frozenset("年月日件个条项次余多")  # a number glued to one of these is prose
Token = tuple[str, int, int, bool]  # text, start, end, is-cell-node
_CN = {2: "二", 3: "三", 4: "四"}


# ---------------------------------------------------------------- tokens and values

def _tokens(stream: Stream, start: int, end: int) -> Iterator[Token]:
    """Tokens of ``stream.text[start:end]``: a cell node's text is one token; text nodes are split
    into digit runs and other runs (a scraper that ran cells together left no separator)."""
    i = stream.node_index(start)
    while i < len(stream.nodes) and stream.starts[i] < end:
        node, base = stream.nodes[i], stream.starts[i]
        lo, hi = max(start, base), min(end, base + len(node.text))
        piece = stream.text[lo:hi]
        whole = lo == base and hi == base + len(node.text)
        if node.kind == "cell" and (whole or (piece.strip() and _is_value(piece.strip()))):
            yield piece.strip(), lo, hi, True
        else:
            for m in _TOKEN.finditer(piece):
                yield m.group(), lo + m.start(), lo + m.end(), False
        i += 1


def _is_value(tok: str) -> bool:
    return tok in _BLANKS or bool(_VALUE.fullmatch(to_ascii(tok)))


def _in_prose(stream: Stream, tok: Token) -> bool:
    """A number glued to a unit in running text ("2022年", "13件"), not a table cell."""
    return not tok[3] and stream.text[tok[2]:tok[2] + 1] in _UNITS


def _parse_value(tok: str) -> int | float | None:
    t = to_ascii(tok).replace("−", "-").replace("万元", "").replace("元", "")
    if t in _BLANKS:
        return None
    return float(t) if "." in t else int(t)


def _splits(groups: list[str], n: int, ok: Callable[[list[int]], bool], limit: int = 6) -> list[list[int]]:
    """Ways to cut digit runs into ``n`` numbers (no leading zeros) that satisfy ``ok``.

    ``groups`` are runs a scraper left separated (by a space); cuts fall inside runs only."""
    digits = "".join(groups)
    bounds, pos = set(), 0
    for g in groups[:-1]:
        pos += len(g)
        bounds.add(pos)
    inner = [i for i in range(1, len(digits)) if i not in bounds]
    need = n - len(groups)
    found: list[list[int]] = []
    if need < 0 or need > len(inner) or comb(len(inner), need) > 20_000:
        return found  # too many ways to cut: the caller records the row as ambiguous
    for extra in combinations(inner, need):
        cuts = sorted((*bounds, *extra))
        parts = [digits[a:b] for a, b in zip((0, *cuts), (*cuts, len(digits)), strict=True)]
        if any(len(p) > 1 and p[0] == "0" for p in parts):
            continue
        values = [int(p) for p in parts]
        if ok(values):
            found.append(values)
            if len(found) >= limit:
                break
    return found


def _t3_ok(v: list[int]) -> bool:
    return sum(v[:6]) == v[6]


def _t4_ok(v: list[int]) -> bool:
    return all(sum(v[g:g + 4]) == v[g + 4] for g in (0, 5, 10))


class _RowReader:
    """Reads the values that follow a row label into cells, recording what does not fit."""

    def __init__(self, stream: Stream, table: Table) -> None:
        self.stream, self.table = stream, table
        self.last = 0  # stream offset just after the last value read
        self.key = ""  # the row being read
        # rows whose run-together values split several ways: key -> (label, candidates, raw, a, b)
        self.ambiguous: dict[str, tuple[str, list[list[int]], str, int, int]] = {}

    def problem(self, kind: str, zh: str, en: str, start: int, end: int | None = None,
                damage: bool = False) -> None:
        self.table.problems.append(Problem(kind, zh, en, self.stream.span(start, end), damage))

    def read(self, label: str, cols: tuple[str, ...], start: int, end: int,
             ok: Callable[[list[int]], bool] | None) -> tuple[dict[str, Cell], list[Token]]:
        """Cells for ``cols`` from ``stream.text[start:end]``; returns (cells, surplus values)."""
        values: list[Token] = []
        surplus: list[Token] = []
        for tok in _tokens(self.stream, start, end):
            text, _, _, is_cell = tok
            if _in_prose(self.stream, tok):
                break  # "2022年", "13件": a number in the prose after the table, not a cell
            if _is_value(text) and (text or is_cell):
                if len(surplus) > 2 * len(cols):
                    break  # enough to tell a lost label from extra cells; the rest is not read
                (values if len(values) < len(cols) else surplus).append(tok)
            elif is_cell and re.fullmatch(r"[0-9０-９.．\s/／—-]+", text) and re.search(r"\d", text):
                values.append(tok)  # "0 0": one cell holding several numbers
            elif values:
                break
        self.last = max(self.last, *(t[2] for t in values + surplus), start)
        if (0 < len(values) < len(cols) and not surplus
                and all(t[0].isdigit() and not t[3] for t in values)
                and sum(len(t[0]) for t in values) >= len(cols)):
            return self._run_together(label, cols, values, ok), surplus
        cells: dict[str, Cell] = {}
        run_on = len(values) < len(cols) and bool(values) and not any(t[3] for t in values)
        for col, (text, a, b, _) in zip(cols, [] if run_on else values, strict=False):
            if _is_value(text):
                cells[col] = Cell(_parse_value(text), text, self.stream.span(a, b))
            else:
                cells[col] = Cell(None, text, self.stream.span(a, b))
                self.problem("two-values", f"{label}「{col}」一格中有多个数值「{text}」",
                             f"{label} / {col}: one cell holds several numbers {text!r}", a, b)
        if len(values) < len(cols):
            at = values[-1][2] if values else start
            self.problem("short-row", f"{label}应有 {len(cols)} 个数值，只找到 {len(values)} 个"
                         + ("（数值连写，可能是转换损坏）" if run_on else ""),
                         f"{label}: expected {len(cols)} values, found {len(values)}"
                         + (" (values run together: probably converter damage)" if run_on else ""),
                         max(at - 1, 0), damage=run_on)
        return cells, surplus

    def _run_together(self, label: str, cols: tuple[str, ...], toks: list[Token],
                      ok: Callable[[list[int]], bool] | None) -> dict[str, Cell]:
        a, b = toks[0][1], toks[-1][2]
        raw = self.stream.text[a:b]
        found = _splits([t[0] for t in toks], len(cols), ok or (lambda v: True))
        span = self.stream.span(a, b)
        if len(found) == 1:
            how = ("已按本行勾稽关系唯一拆分为 ", "the row identity splits them") if ok else (
                "只有一种拆法（不含前导零）：", "they split only one way (no leading zeros)")
            self.problem("run-together", f"{label}的数值连在一起「{raw}」，{how[0]}" + "、".join(map(str, found[0])),
                         f"{label}: values run together {raw!r}; {how[1]} into {found[0]}", a, b, damage=True)
            return {c: Cell(v, raw, span, inferred=True) for c, v in zip(cols, found[0], strict=True)}
        if found and ok is not None:
            self.ambiguous[self.key] = (label, found, raw, a, b)
            return {}
        self.problem("run-together-ambiguous",
                     f"{label}的数值连在一起「{raw}」，无法唯一拆分为 {len(cols)} 格",
                     f"{label}: values run together {raw!r} cannot be split into {len(cols)} "
                     "cells unambiguously", a, b, damage=True)
        return {}


# ---------------------------------------------------------------- tables

def _find_table3(stream: Stream, start: int) -> Table | None:
    text = stream.text
    first = re.compile(F.T3_ROWS_2021[0].core).search(text, start)
    if not first:
        return None
    t4 = re.compile(r"行\s*政\s*复\s*议\s*行\s*政\s*诉\s*讼").search(text, first.end())
    limit = t4.start() if t4 else len(text)
    head = re.compile(r"[（(]\s*本\s*列\s*数\s*据|申\s*请\s*人\s*情\s*况").search(
        text, max(0, first.start() - 400), first.start())
    begin = head.start() if head else first.start()
    six = re.compile(F.T3_ROWS_2021[-5].core).search(text, first.end(), limit)
    version = 2021 if six else (2019 if re.search(F.T3_ROWS_2019[-3].core, text[first.end():limit])
                                else 2021)
    rows = F.T3_ROWS_2021 if version == 2021 else F.T3_ROWS_2019
    table = Table(3, version, stream.span(begin), start=begin)
    reader = _read_rows(stream, table, [(r.key, r.label, r.core) for r in rows], F.T3_COLS,
                        first.start(), limit, _t3_ok)
    if reader.ambiguous:
        _resolve_by_columns(table, reader)
    return table


def _resolve_by_columns(table: Table, reader: _RowReader) -> None:
    """Rows that split several ways: keep the one combination under which every column's
    identities (T3-A, T3-B) hold; otherwise record each row as ambiguous."""
    keys = list(reader.ambiguous)
    outcomes = F.T3_OUTCOMES[table.version or 2021]
    choices = [reader.ambiguous[k][1] for k in keys]
    fits = []
    if prod(len(c) for c in choices) <= 4096:
        for combo in product(*choices):
            trial = {k: dict(zip(F.T3_COLS, v, strict=True)) for k, v in zip(keys, combo, strict=True)}
            if _columns_hold(table, trial, outcomes):
                fits.append(combo)
                if len(fits) > 1:
                    break
    for i, key in enumerate(keys):
        label, _, raw, a, b = reader.ambiguous[key]
        span = reader.stream.span(a, b)
        if len(fits) == 1:
            table.cells[key] = {c: Cell(v, raw, span, inferred=True)
                                for c, v in zip(F.T3_COLS, fits[0][i], strict=True)}
            table.split_by_columns = True
            reader.problem("run-together", f"{label}的数值连在一起「{raw}」，按行、列勾稽关系唯一拆分为 "
                           + "、".join(map(str, fits[0][i])),
                           f"{label}: values run together {raw!r}; row and column identities split "
                           f"them uniquely into {list(fits[0][i])}", a, b, damage=True)
        else:
            reader.problem("run-together-ambiguous",
                           f"{label}的数值连在一起「{raw}」，无法唯一拆分为 7 格",
                           f"{label}: values run together {raw!r} cannot be split into 7 cells "
                           "unambiguously", a, b, damage=True)


def _columns_hold(table: Table, trial: dict[str, dict[str, int]], outcomes: list[str]) -> bool:
    def val(row: str, col: str) -> int | float | None:
        if row in trial:
            return trial[row][col]
        return table.value(row, col)

    for col in F.T3_COLS:
        parts = [val(r, col) for r in outcomes]
        total = val("（七）", col)
        if None not in parts and total is not None and sum(parts) != total:  # type: ignore[arg-type]
            return False
        a = [val(r, col) for r in ("一", "二", "（七）", "四")]
        if None not in a and a[0] + a[1] != a[2] + a[3]:  # type: ignore[operator]
            return False
    return True


def _read_rows(stream: Stream, table: Table, rows: list[tuple[str, str, str]], cols: tuple[str, ...] |
               dict[str, tuple[str, ...]], start: int, limit: int,
               ok: Callable[[list[int]], bool] | None) -> _RowReader:
    """Find each row label in order, then read the values between it and the next label."""
    text = stream.text
    found: list[tuple[str, str, re.Match[str]]] = []
    pos = start
    for key, label, core in rows:
        m = re.compile(core).search(text, pos, limit)
        if m:
            found.append((key, label, m))
            pos = m.end()
    reader = _RowReader(stream, table)
    _find_misspelt(stream, rows, found, limit, reader)
    keys = [r[0] for r in rows]
    matched = {k for k, _, _ in found}
    for i, (key, label, m) in enumerate(found):
        row_cols = cols[key] if isinstance(cols, dict) else cols
        end = found[i + 1][2].start() if i + 1 < len(found) else limit
        table.row_spans[key] = stream.span(m.start(), m.end())
        table.row_labels[key] = m.group()
        short = label.split("/")[-1]
        reader.key = key
        cells, surplus = reader.read(short, row_cols, m.end(), end, ok)
        table.cells[key] = cells
        if surplus:
            _surplus(reader, keys, matched, key, short, surplus, len(row_cols))
    table.end = reader.last
    for key, label, _ in rows:
        if key not in matched and not any(p.kind == "lost-label" and key in p.message_zh
                                          for p in table.problems):
            reader.problem("missing-row", f"表{_CN[table.number]}缺少“{label.split('/')[-1]}”行",
                           f"table {table.number} has no row “{label.split('/')[-1]}”", start)
    return reader


_ORDINAL = re.compile(r"^\s*(\d+\s*[.．、]|[（(][一二三四五六七八九十]+[）)])")


def _find_misspelt(stream: Stream, rows: list[tuple[str, str, str]], found: list[tuple[str, str, re.Match[str]]],
                   limit: int, reader: _RowReader) -> None:
    """A row whose label was not found, between two rows that were: a line there with the same
    ordinal and most of the label's words ("2.其他法律行政止公开") is that row, its label misspelt.
    It joins ``found`` in order and is recorded as a ``label-typo`` problem."""
    at = {k: i for i, (k, _, _) in enumerate(found)}
    order = [r[0] for r in rows]
    for key, label, _ in rows:
        short = label.split("/")[-1]
        own = _ORDINAL.match(short)
        if key in at or not own:
            continue
        import difflib  # only for a report with a missing row
        before = [at[k] for k in order[:order.index(key)] if k in at]
        after = [at[k] for k in order[order.index(key) + 1:] if k in at]
        lo = found[before[-1]][2].end() if before else 0
        hi = found[after[0]][2].start() if after else limit
        i = stream.node_index(lo)
        while i < len(stream.nodes) and stream.starts[i] < hi:
            text = stream.nodes[i].text
            theirs = _ORDINAL.match(text)
            words = re.sub(r"[\s|0-9０-９]+$", "", text[theirs.end():]) if theirs else ""
            if (theirs and re.sub(r"\D", "", theirs.group()) == re.sub(r"\D", "", own.group())
                    and difflib.SequenceMatcher(None, short[own.end():], words).ratio() >= 0.6):
                start = stream.starts[i] + theirs.start()
                m = re.compile(re.escape(text[theirs.start():theirs.end() + len(words)])).match(stream.text, start)
                if m:
                    found.insert(after[0] if after else len(found), (key, label, m))
                    at = {k: j for j, (k, _, _) in enumerate(found)}
                    reader.problem("label-typo", f"“{short}”行的标签写作“{m.group().strip()}”",
                                   f"the label of row “{short}” reads {m.group().strip()!r}", m.start(), m.end())
                    break
            i += 1


def _surplus(reader: _RowReader, keys: list[str], matched: set[str], key: str, label: str,
             surplus: list[Token], width: int) -> None:
    """Values beyond a row's width: a row whose label was lost, or extra cells."""
    a, b = surplus[0][1], surplus[-1][2]
    shown = " ".join(t[0] for t in surplus)
    gap = []
    for k in keys[keys.index(key) + 1:]:
        if k in matched:
            break
        gap.append(k)
    if width <= len(surplus) <= width + 1 and len(gap) == 1:
        reader.problem("lost-label", f"“{label}”之后有 {len(surplus)} 个数值没有行标签（{shown}），"
                       f"按位置应为“{gap[0]}”行：转换时丢失了标签",
                       f"{len(surplus)} values after “{label}” have no row label ({shown}); by "
                       f"position it is row {gap[0]}: the converter lost its label", a, b, damage=True)
    else:
        reader.problem("extra-values", f"“{label}”行多出 {len(surplus)} 个数值（{shown}）",
                       f"row “{label}” has {len(surplus)} extra values ({shown})", a, b)


def _find_table4(stream: Stream, start: int) -> Table | None:
    text = stream.text
    head = re.compile(r"行\s*政\s*复\s*议\s*行\s*政\s*诉\s*讼").search(text, start)
    if not head:
        return _find_table4_groups(stream, start)
    table = Table(4, None, stream.span(head.start()), start=head.start())
    nxt = re.compile(r"(?:五|5)\s*[、.．]\s*\S").search(text, head.end())
    limit = nxt.start() if nxt else len(text)
    reader = _RowReader(stream, table)
    cells, surplus = reader.read("表四", F.T4_KEYS, head.end(), limit, _t4_ok)
    table.cells["表四"] = cells
    table.row_spans["表四"] = stream.span(head.start(), head.end())
    if surplus:
        reader.problem("extra-values", f"表四多出 {len(surplus)} 个数值",
                       f"table 4 has {len(surplus)} extra values", surplus[0][1], surplus[-1][2])
    table.end = limit
    return table


_T4_GROUP = [re.compile(r"行\s*政\s*复\s*议(?!\s*后)"), re.compile(r"未\s*经\s*复\s*议\s*直\s*接\s*起\s*诉"),
             re.compile(r"复\s*议\s*后\s*起\s*诉")]


def _find_table4_groups(stream: Stream, start: int) -> Table | None:
    """Table 4 split into one small table per group (行政复议 / 未经复议直接起诉 / 复议后起诉), as
    some converters write it: each group label followed by its five values."""
    text = stream.text
    found = []
    pos = start
    for pat in _T4_GROUP:
        m = pat.search(text, pos)
        if not m:
            return None
        found.append(m)
        pos = m.end()
    if found[-1].start() - found[0].start() > 600:
        return None
    for m in found:  # a group label in prose ("被申请行政复议1件") is not a table
        first = next((t for t in _tokens(stream, m.end(), len(text)) if t[0] and _is_value(t[0])), None)
        if first is None or _in_prose(stream, first):
            return None
    table = Table(4, None, stream.span(found[0].start()), start=found[0].start())
    reader = _RowReader(stream, table)
    cells: dict[str, Cell] = {}
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else min(len(text), m.end() + 400)
        group = F.T4_GROUPS[i]
        got, _ = reader.read(f"表四“{group}”", tuple(f"{group}/{p}" for p in F.T4_PARTS), m.end(), end,
                             None)
        cells.update(got)
    table.cells["表四"] = cells
    table.row_spans["表四"] = table.span
    table.end = reader.last
    return table


def _find_table2(stream: Stream, start: int, limit: int) -> Table | None:
    text = stream.text
    head = re.compile(F.fuzzy("第二十条第（一）项")).search(text, start, limit)
    if not head:
        return None
    region = text[head.start():limit]
    evidence = [(label, m.start() + head.start()) for label in F.LABELS_2019_ONLY
                for m in [re.search(F.fuzzy(label), region)] if m]
    version = 2019 if evidence else 2021
    rows = F.T2_ROWS_2019 if version == 2019 else F.T2_ROWS_2021
    table = Table(2, version, stream.span(head.start()), start=head.start())
    table.evidence_2019 = [(label, stream.span(pos)) for label, pos in evidence]
    _read_rows(stream, table, [(r.key, r.key, r.core) for r in rows], {r.key: r.cols for r in rows},
               head.start(), limit, None)
    return table


# ---------------------------------------------------------------- sections

_TOP = r"(?P<ord>[一二三四五六七八九十]{1,2}|[0-9０-９]{1,2})\s*[、.．]\s*"
_TITLES = [(n, t) for n, t in F.SECTION_TITLES.items()] + [
    (n, v) for n, vs in F.SECTION_VARIANTS.items() for v in vs]
_STRONG = re.compile(_TOP + "(?P<title>" + "|".join(
    f"(?P<s{i}>{F.fuzzy(t)})" for i, (_, t) in enumerate(_TITLES)) + ")")
_WEAK = re.compile(_TOP + r"(?P<title>[^\s。；;，,]{2,30})$")


def _classify(title: str) -> int | None:
    hits = [n for n, groups in F.SECTION_KEYWORDS.items()
            if all(any(w in title for w in group) for group in groups)]
    return hits[0] if len(hits) == 1 else None


def _find_sections(stream: Stream, skip: list[tuple[int, int]]) -> tuple[list[Section], list[Section]]:
    def skipped(pos: int) -> bool:
        return any(a <= pos < b for a, b in skip)

    text = stream.text
    strong: list[Section] = []
    for m in _STRONG.finditer(text):
        if skipped(m.start()):
            continue
        idx = next(i for i in range(len(_TITLES)) if m.group(f"s{i}") is not None)
        strong.append(_section(stream, m, _TITLES[idx][0]))
    weak: list[Section] = []
    strong_starts = {s.start for s in strong}
    for i, node in enumerate(stream.nodes):
        pos = stream.starts[i]
        if node.kind != "text" or skipped(pos) or len(node.text) > 34:
            continue
        m = _WEAK.match(node.text.strip())
        if not m or pos in strong_starts:
            continue
        m = _WEAK.match(text, pos, pos + len(node.text))
        if m:
            weak.append(_section(stream, m, _classify(m.group("title")) or 0))
    sections: dict[int, Section] = {s.number: s for s in reversed(strong)}
    stray = [s for s in strong if sections[s.number] is not s]
    for s in weak:
        if s.number and s.number not in sections:
            sections[s.number] = s
        else:
            stray.append(s)
    for n in range(1, 7):
        if n not in sections:
            found = _gap_heading(stream, n, sections, skipped)
            if found:
                sections[n] = found
    ordered = sorted(sections.values(), key=lambda s: s.start)
    for cur, nxt in zip(ordered, [*ordered[1:], None], strict=False):
        cur.end = nxt.start if nxt else len(text)
    return ordered, sorted(stray, key=lambda s: s.start)


_CN_ORD = "一二三四五六"
_TITLE_END = re.compile(r"情况|事项|[0-9０-９。；]")


def _gap_heading(stream: Stream, n: int, found: dict[int, Section],
                 skipped: Callable[[int], bool]) -> Section | None:
    """A heading numbered ``n`` with a non-standard title, inside running text, between the
    sections found before and after it."""
    lo = max((s.start for k, s in found.items() if k < n), default=0)
    hi = min((s.start for k, s in found.items() if k > n), default=len(stream.text))
    pat = re.compile(rf"(?<![（(])(?P<ord>{_CN_ORD[n - 1]}|{n})\s*[、.．]\s*(?P<title>[^\n]{{2,40}})")
    pos = lo
    while m := pat.search(stream.text, pos, hi):
        pos = m.start() + 1
        if skipped(m.start()):
            continue
        tail = m.group("title")
        end = _TITLE_END.search(tail)
        title = tail[: end.end() if end and end.group() in ("情况", "事项") else (end.start() if end else 25)]
        if _classify(title) == n:
            sec = _section(stream, m, n)
            sec.title = re.sub(r"\s+", "", title)
            sec.body_start = m.start("title") + len(title)
            return sec
    return None


def _section(stream: Stream, m: re.Match[str], number: int) -> Section:
    return Section(number=number, ordinal=m.group("ord"), ordinal_value=parse_int(m.group("ord")),
                   title=re.sub(r"\s+", "", m.group("title")), span=stream.span(m.start(), m.end()),
                   start=m.start(), body_start=m.end())


# ---------------------------------------------------------------- title, year, period, dates

_PERIOD = re.compile(
    r"统\s*计\s*(?:期\s*限|时\s*限|期\s*间|时\s*间|周\s*期|区\s*间|范\s*围)?[^。；;]{0,24}?"
    rf"(?P<y1>\d{{4}}|{CN_NUMBER})\s*年\s*(?P<m1>\d{{1,2}}|{CN_NUMBER})\s*月\s*(?P<d1>\d{{1,2}}|{CN_NUMBER})\s*日"
    r"\s*(?:起\s*)?(?:至|到|—{1,2}|－|-|~|～|－)\s*"
    rf"(?:(?P<y2>\d{{4}}|{CN_NUMBER})\s*年\s*)?(?P<m2>\d{{1,2}}|{CN_NUMBER})\s*月\s*"
    rf"(?P<d2>\d{{1,2}}|{CN_NUMBER})\s*日")
_REPORT_TITLE = re.compile(r"(?:政府)?信息公开.{0,8}年度?报告|政务公开.{0,6}年度报告|年度报告")
_TITLE_YEAR = re.compile(r"(\d{4})\s*年")
_DATE_LINE = re.compile(rf"^[（(]?\s*(?:\d{{4}}|{CN_NUMBER})\s*年\s*(?:\d{{1,2}}|{CN_NUMBER})\s*月\s*"
                        rf"(?:\d{{1,2}}|{CN_NUMBER})\s*日\s*[)）]?$")
_ISO_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_DEBRIS = re.compile(r"扫一扫|网站地图|主办单位|技术支持|版权所有|ICP备|关闭窗口|打印本页|【|分享到")


def _date(y: int | None, m: int | None, d: int | None) -> dt.date | None:
    try:
        return dt.date(y, m, d) if y and m and d else None
    except ValueError:
        return None


def _find_period(stream: Stream) -> Period | None:
    m = _PERIOD.search(stream.text)
    if not m:
        return None
    y1 = parse_int(m.group("y1"))
    y2 = parse_int(m.group("y2")) if m.group("y2") else y1
    start = _date(y1, parse_int(m.group("m1")), parse_int(m.group("d1")))
    end = _date(y2, parse_int(m.group("m2")), parse_int(m.group("d2")))
    raw = m.group()
    return Period(start, end, raw, stream.span(m.start(), m.end()))


def _find_title(report: Report) -> None:
    stream, doc = report.stream, report.doc
    for i, node in enumerate(stream.nodes[:8]):
        t = node.text.strip()
        if node.kind == "text" and len(t) <= 70 and _REPORT_TITLE.search(t) and "。" not in t:
            report.title = _title_lines(stream, i)
            report.title_span = node.span
            break
    else:
        meta = doc.meta.get("title", "")
        if _REPORT_TITLE.search(meta):
            report.title = meta
    if report.title:
        report.title = re.sub(r"^(?:标题|题目)[:：]\s*", "", report.title)
        report.title = re.sub(r"(年度?报告)\s*[-—_|｜].{1,20}$", r"\1", report.title)
        m = _TITLE_YEAR.search(report.title)
        if m:
            report.year = int(m.group(1))
            agency = re.sub(r"\s+", "", report.title[: m.start()]).strip("《》“”\"")
            if not agency:  # "2019年上海市人民政府办公厅政府信息公开工作年度报告"
                after = re.match(r"度?(.{2,30}?)(?:政府信息公开|政务公开|信息公开)", report.title[m.end():])
                agency = after.group(1) if after else ""
            report.agency = agency or None


_NOT_TITLE = re.compile(r"[。，,：:>＞]|^正文$|当前位置")


def _title_lines(stream: Stream, i: int) -> str:
    """The title ending at node ``i``, with the lines it was broken from: lines before it are
    joined while the year is still missing ("2024 年上海市科委政府信息公开工作" / "年度报告"), and one
    agency line is put before a title that starts with the year ("青禾县自然资源局" / "2023年…");
    site names and breadcrumbs before a complete title stay out."""
    def line(j: int) -> str | None:
        if j < 0 or stream.nodes[j].kind != "text":
            return None
        t = stream.nodes[j].text.strip().lstrip("#").strip()
        return t if t and len(t) <= 40 and not _NOT_TITLE.search(t) else None

    title, j = line(i) or stream.nodes[i].text.strip().lstrip("#").strip(), i - 1
    while not _TITLE_YEAR.search(title) and j >= i - 2 and (prev := line(j)):
        title, j = prev + title, j - 1
    if re.match(r"\d{4}\s*年", title) and (prev := line(j)) and not re.search(r"\d", prev):
        title = prev + title
    return title


def _year_from_text(stream: Stream) -> int | None:
    """The year the opening text speaks of: "…2021年政府信息公开工作年度报告", else the most
    frequent year in the first 1,500 characters ("2023年，我局…")."""
    m = re.search(r"(\d{4})\s*年\s*度?\s*政\s*府\s*信\s*息\s*公\s*开\s*工\s*作\s*年\s*度\s*报\s*告",
                  stream.text[:4000])
    if m:
        return int(m.group(1))
    years = [int(y) for y in re.findall(r"(20\d\d)\s*年", stream.text[:1500])]
    return max(set(years), key=years.count) if years else None


def _find_published(report: Report) -> Dated | None:
    stream, doc = report.stream, report.doc
    tail = [n for n in stream.nodes[-12:] if n.kind == "text" and not _DEBRIS.search(n.text)]
    for node in reversed(tail[-6:]):
        if _DATE_LINE.match(node.text.strip()):
            d = _date(*parse_date_parts(node.text) or (None, None, None))
            if d:
                return Dated(d, node.text.strip(), node.span, "signature")
    for node in stream.nodes[:6]:
        t = node.text.strip()
        if _DATE_LINE.match(t) or re.match(r"^(发布日期|发布时间|成文日期)[:：]", t):
            parts = parse_date_parts(t)
            m = _ISO_DATE.search(t)
            d = _date(*parts) if parts else (_date(*map(int, m.groups())) if m else None)
            if d:
                return Dated(d, t, node.span, "header")
    raw = doc.meta.get("pubdate", "")
    m = _ISO_DATE.search(raw)
    if m and (d := _date(*map(int, m.groups()))):
        return Dated(d, raw, Span(1, 1), "meta")
    return None


# ---------------------------------------------------------------- the whole report

_MISFITS = frozenset({"missing-row", "short-row", "extra-values", "lost-label", "two-values"})


def _check_scrambled(table: Table, kind: str) -> None:
    """A flattened table (text, Markdown, PDF) where three or more rows do not fit has had its grid
    scrambled by the converter: its cells are not trusted for identities."""
    misfits = [p for p in table.problems if p.kind in _MISFITS]
    if kind in ("text", "markdown", "pdf") and len(misfits) >= 3:
        table.scrambled = True
        table.problems.append(Problem(
            "scrambled", f"表{_CN[table.number]}有 {len(misfits)} 处行与数值对不上，表格在转换中被打乱，"
            "未核对其勾稽关系；请对照原件", f"table {table.number}: {len(misfits)} rows do not fit their "
            "values; the converter scrambled the grid, so its identities were not checked", table.span, True))


def build_report(doc: Document) -> Report:
    stream = Stream(doc.nodes)
    report = Report(doc=doc, stream=stream)
    t3 = _find_table3(stream, 0)
    t2 = _find_table2(stream, 0, t3.start if t3 else len(stream.text))
    t4 = _find_table4(stream, t3.end if t3 else (t2.end if t2 else 0))
    for table in (t2, t3, t4):
        if table:
            _check_scrambled(table, doc.kind)
            report.tables[table.number] = table
    # table rows such as "一、本年新收…" and "四、结转下年度…" are never section headings
    label_ranges = [(t.start, t.end) for t in report.tables.values() if t.number != 4]
    report.sections, report.stray_headings = _find_sections(stream, label_ranges)
    _find_title(report)
    report.period = _find_period(stream)
    if report.year is None:
        report.year = _year_from_text(stream) or (report.period.start.year if report.period and
                                                   report.period.start else None)
    report.published = _find_published(report)
    return report


def report_to_json(report: Report) -> dict[str, object]:
    """The model as JSON (``gilint dump``): tables keyed by the official labels."""
    def tab(t: Table) -> dict[str, object]:
        rows: dict[str, object] = {}
        if t.number == 3:
            specs = F.T3_ROWS_2021 if t.version == 2021 else F.T3_ROWS_2019
            for r in specs:
                if r.key in t.cells:
                    rows[r.label] = {F.T3_COL_LABELS[c]: cell.to_json() for c, cell in t.cells[r.key].items()}
        elif t.number == 4:
            rows = {k: c.to_json() for k, c in t.cells.get("表四", {}).items()}
        else:
            rows = {k: {c: cell.to_json() for c, cell in v.items()} for k, v in t.cells.items()}
        return {"version": t.version, **t.span.to_json(), "rows": rows,
                "problems": [p.to_json() for p in t.problems]}

    def sec(s: Section) -> dict[str, object]:
        return {"number": s.number, "ordinal": s.ordinal, "title": s.title, **s.span.to_json()}

    r = report
    return {
        "path": r.path, "kind": r.doc.kind, "encoding": r.doc.encoding,
        "title": r.title, "year": r.year, "agency": r.agency,
        "period": None if not r.period else {
            "start": r.period.start and r.period.start.isoformat(),
            "end": r.period.end and r.period.end.isoformat(), "raw": r.period.raw, **r.period.span.to_json()},
        "published": None if not r.published else {
            "date": r.published.date.isoformat(), "source": r.published.source, "raw": r.published.raw,
            **r.published.span.to_json()},
        "sections": [sec(s) for s in r.sections],
        "stray_headings": [sec(s) for s in r.stray_headings],
        "tables": {f"表{_CN[n]}": tab(t) for n, t in sorted(r.tables.items())},
        "problems": [p.to_json() for p in (*r.doc.problems, *r.problems)],
    }
