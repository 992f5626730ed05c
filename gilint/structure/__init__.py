"""Recognise a report's structure in a ``Document``: title, year, agency, statistics period,
publication date, the six sections and the canonical tables 2, 3 and 4.

Everything is found by the official labels in the text stream (all nodes joined by newlines), so a
table reads the same whether it came as HTML cells, one cell per line, tab-separated rows or cells
run together by a scraper. One job per module: ``tokens`` (characters to value groups), ``solver``
(groups to cells with a status, identities judged), ``tables`` (tables 2-4 found and solved),
``labels`` (misspelt labels), ``sections``, ``meta`` (title, year, agency, period, dates). What cannot
be placed is recorded as a typed fact; nothing is guessed into a cell. This package judges nothing:
rules do.
"""

from __future__ import annotations

from gilint.model import Document, Report, Stream
from gilint.structure.meta import find_period, find_published, find_title, year_from_text
from gilint.structure.sections import find_sections
from gilint.structure.tables import find_tables


def build_report(doc: Document) -> Report:
    stream = Stream(doc.nodes)
    report = Report(doc=doc, stream=stream)
    report.tables = find_tables(stream, doc.kind)
    # table rows such as "一、本年新收…" and "四、结转下年度…" are never section headings
    label_ranges = [(t.start, t.end) for t in report.tables.values() if t.number != 4]
    report.sections, report.stray_headings = find_sections(stream, label_ranges)
    find_title(report)
    report.period = find_period(stream)
    if report.year is None:
        report.year = year_from_text(stream) or (
            report.period.start.year if report.period and report.period.start else None
        )
    report.published = find_published(report)
    return report
