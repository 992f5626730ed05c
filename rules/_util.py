"""Small helpers shared by the built-in rules."""

from __future__ import annotations

import re

from gilint import regex
from gilint.model import Report, Span

# what leaves nothing (or nothing trustworthy) to check: no rule but the input rules runs
HARD_INPUT = frozenset(
    {
        "binary",
        "undecodable",
        "unreadable",
        "not-docx",
        "docx-limits",
        "docx-xml",
        "docx-dtd",
        "pdf-no-text",
        "pdf-broken",
        "pdf-encrypted",
        "too-large",
        "empty",
        "reader-crash",
        "unknown-type",
        "limit-time",
        "limit-memory",
        "limit-pdf-objects",
        "limit-pdf-object-size",
        "limit-pdf-structure",
        "limit-pdf-stream-size",
    }
)
# what an external reader needs or could not do: reported by rules/readers.py (GI020-GI024), not GI001/GI002
TOOL_MISSING = frozenset({"needs-libreoffice", "conversion-failed", "needs-ocr"})  # the file (or pages) not read
READER_NOTES = TOOL_MISSING | {"ocr"}
_REPORTISH = regex.compile(r"年度报告|年报|政府信息公开")


def is_report(report: Report) -> bool:
    """True when the document was read and looks like an annual report: rules other than the
    input rules say nothing about files that are unreadable or not reports at all."""
    if any(p.kind in HARD_INPUT or p.kind in TOOL_MISSING for p in report.doc.problems) or not report.doc.nodes:
        return False
    return bool(
        report.tables
        or len(report.sections) >= 2
        or _REPORTISH.search(report.title or report.doc.meta.get("title", ""))
    )


def start_span(report: Report) -> Span:
    """Where a finding about the whole document points: the title, else the first node."""
    if report.title_span:
        return report.title_span
    return report.doc.nodes[0].span if report.doc.nodes else Span(1, 1)


def norm(text: str) -> str:
    """Text with white space removed and brackets/punctuation made full-width, for comparing."""
    text = re.sub(r"\s+", "", text)
    return text.translate(str.maketrans("(),:;", "（），：；"))


def prose(report: Report) -> str:
    """The stream text with tables 2 and 3 blanked out (same length, so offsets still map)."""
    text = report.stream.text
    for t in sorted(report.tables.values(), key=lambda t: -t.start):
        if t.number in (2, 3) and t.end > t.start:
            text = text[: t.start] + " " * (t.end - t.start) + text[t.end :]
    return text


def ocr_read(report: Report, offset: int) -> bool:
    """The text at ``offset`` was read by OCR: a misspelt character there is as likely the recogniser's
    (GI023/GI024 say so) as the report's, so the spelling rules leave it alone."""
    nodes = report.stream.nodes
    return bool(nodes) and nodes[report.stream.node_index(offset)].confidence is not None
