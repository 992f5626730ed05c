"""Indicators an office ranks agencies by, each with its formula over table cell ids
(``gilint.formats.tables``; 2021 format):

``requests``        requests received: t3:1:total
``disclosure``      (予以公开 + 部分公开) / 办结 = (t3:3.1:total + t3:3.2:total) / t3:3.7:total
``not_held``        本机关不掌握 / 办结 = t3:3.4.1:total / t3:3.7:total
``not_processed``   不予处理 / 办结 = (t3:3.5.1 + … + t3:3.5.5):total / t3:3.7:total
``corrected``       结果纠正 / 已审结 of 行政复议 and 行政诉讼 = Σ t4:*:corrected / Σ (t4:*:total − t4:*:pending)

A rate is computed only when every cell it uses was read (placed, not left unplaced by damage) and its
denominator is at least ``MIN_SAMPLE``; an agency below it is marked "too few" and never ranked. The
ranks compare agencies of the same level and year, highest rate first; equal rates share a rank.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from gilint.audit.agencies import LEVEL_WORDS
from gilint.model import Report

MIN_SAMPLE = 10  # a rate over fewer cases (办结 requests, 审结 cases) is not ranked
_T3 = ["1", "3.1", "3.2", "3.4.1", "3.5.1", "3.5.2", "3.5.3", "3.5.4", "3.5.5", "3.7"]
_T4_ROWS = ["review", "suit_direct", "suit_after_review"]
CELLS = [f"t3:{row}:total" for row in _T3] + [
    f"t4:{row}:{col}" for row in _T4_ROWS for col in ("corrected", "pending", "total")
]
FORMULAS = {
    "requests": ("t3:1:total", "本年新收申请数", "requests received"),
    "disclosure": (
        "(t3:3.1:total + t3:3.2:total) / t3:3.7:total",
        "公开率＝（予以公开＋部分公开）÷办结",
        "disclosure rate = (disclosed + partly disclosed) / processed",
    ),
    "not_held": ("t3:3.4.1:total / t3:3.7:total", "不掌握占比＝本机关不掌握÷办结", "not held = not held / processed"),
    "not_processed": (
        "(t3:3.5.1 + t3:3.5.2 + t3:3.5.3 + t3:3.5.4 + t3:3.5.5):total / t3:3.7:total",
        "不予处理占比＝不予处理÷办结",
        "not processed = not processed / processed",
    ),
    "corrected": (
        "Σ t4:*:corrected / Σ (t4:*:total − t4:*:pending)",
        "纠错率＝结果纠正÷已审结（复议＋诉讼）",
        "correction rate = corrected / decided (review + lawsuits)",
    ),
}
RATES = ("disclosure", "not_held", "not_processed", "corrected")


def indicator_cells(report: Report) -> dict[str, float] | None:
    """The read values of ``CELLS`` (2021 format tables only; a cell not read is left out)."""
    out: dict[str, float] = {}
    for number in (3, 4):
        table = report.tables.get(number)
        if table is None or table.version != 2021:
            continue
        for key in CELLS:
            t, row, col = key.split(":")
            if t == f"t{number}" and (value := table.value(row, col)) is not None:
                out[key] = float(value)
    return out or None


@dataclass(slots=True)
class Indicator:
    """One rate of one report: its value (None: not computable), numerator, denominator and rank."""

    value: float | None
    numerator: float | None
    denominator: float | None
    few: bool = False  # the denominator is below MIN_SAMPLE
    rank: int | None = None
    of: int = 0  # agencies ranked with it

    def shown(self) -> str:
        """ "numerator / denominator", or "" when either is unknown."""
        if self.numerator is None or self.denominator is None:
            return ""
        return f"{self.numerator:g} / {self.denominator:g}"


def compute(cells: dict[str, float]) -> dict[str, Indicator]:
    """Every indicator of one report's cells."""

    def total(keys: Sequence[str]) -> float | None:
        values = [cells.get(k) for k in keys]
        return None if any(v is None for v in values) else float(sum(values))  # type: ignore[arg-type]

    done = cells.get("t3:3.7:total")
    parts = {
        "disclosure": total(["t3:3.1:total", "t3:3.2:total"]),
        "not_held": cells.get("t3:3.4.1:total"),
        "not_processed": total([f"t3:3.5.{i}:total" for i in range(1, 6)]),
    }
    out = {"requests": Indicator(cells.get("t3:1:total"), cells.get("t3:1:total"), None)}
    for name, numerator in parts.items():
        out[name] = _rate(numerator, done)
    corrected = total([f"t4:{row}:corrected" for row in _T4_ROWS])
    decided = total([f"t4:{row}:total" for row in _T4_ROWS])
    pending = total([f"t4:{row}:pending" for row in _T4_ROWS])
    out["corrected"] = _rate(corrected, None if decided is None or pending is None else decided - pending)
    return out


def _rate(numerator: float | None, denominator: float | None) -> Indicator:
    if numerator is None or denominator is None:
        return Indicator(None, numerator, denominator)
    if denominator < MIN_SAMPLE:
        return Indicator(None, numerator, denominator, few=True)
    return Indicator(numerator / denominator, numerator, denominator)


@dataclass(slots=True)
class Row:
    agency: str
    level: str
    year: int
    path: str
    indicators: dict[str, Indicator]


def table(reports: Iterable[tuple[str, str, int | None, str, str | None]]) -> list[Row]:
    """Rows of ``(agency, level, year, path, cells JSON)`` with their indicators, ranked within level and
    year (one report per agency and year: the first)."""
    rows: list[Row] = []
    seen: set[tuple[str, int]] = set()
    for agency, level, year, path, cells in reports:
        if not agency or year is None or not cells or (agency, year) in seen:
            continue
        seen.add((agency, year))
        rows.append(Row(agency, level, year, path, compute(json.loads(cells))))
    groups: dict[tuple[str, int, str], list[Row]] = defaultdict(list)
    for row in rows:
        for name in RATES:
            if row.indicators[name].value is not None:
                groups[(row.level, row.year, name)].append(row)
    for (_, _, name), members in groups.items():
        values = sorted((v for r in members if (v := r.indicators[name].value) is not None), reverse=True)
        first: dict[float, int] = {}
        for place, v in enumerate(values, start=1):
            first.setdefault(v, place)  # equal rates share a rank: 1, 1, 3
        for row in members:
            i = row.indicators[name]
            i.rank, i.of = (None if i.value is None else first[i.value]), len(members)
    return sorted(rows, key=lambda r: (r.agency, r.year))


def header(lang: str) -> list[str]:
    """The columns of ``indicators.csv``: each indicator with its formula, and its numbers and rank."""
    zh = lang == "zh"
    head = ["机关" if zh else "agency", "级别" if zh else "level", "年度" if zh else "year", "文件" if zh else "path"]
    for name in ("requests", *RATES):
        formula, word_zh, word_en = FORMULAS[name]
        head.append(f"{word_zh if zh else word_en} [{formula}]")
        if name != "requests":
            head += ["计算" if zh else "computed", "同级排名" if zh else "rank in level"]
    return head


def lines(rows: Sequence[Row], lang: str) -> Iterator[list[object]]:
    """One line per agency and year under ``header``: the rate (or "too few"), its numbers, its rank."""
    few = "样本不足" if lang == "zh" else "too few"
    for row in rows:
        line: list[object] = [row.agency, LEVEL_WORDS[lang].get(row.level, row.level), row.year, row.path]
        requests = row.indicators["requests"].value
        line.append("" if requests is None else int(requests))
        for name in RATES:
            i = row.indicators[name]
            line += [
                few if i.few else "" if i.value is None else f"{i.value:.1%}",
                i.shown(),
                f"{i.rank}/{i.of}" if i.rank else "",
            ]
        yield line
