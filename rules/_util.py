"""Small helpers shared by the built-in rules."""

from __future__ import annotations

from gilint.applies import TOOL_MISSING
from gilint.model import Report, Span

# what an external reader needs or could not do, and the OCR note: reported by rules/readers.py (GI020-GI024)
READER_NOTES = TOOL_MISSING | {"ocr"}


def start_span(report: Report) -> Span:
    """Where a finding about the whole document points: the title, else the first node."""
    if report.title_span:
        return report.title_span
    return report.doc.nodes[0].span if report.doc.nodes else Span(1, 1)


_FULL_WIDTH = (("(", "（"), (")", "）"), (",", "，"), (":", "："), (";", "；"))


def norm(text: str) -> str:
    """Text with white space removed and brackets/punctuation made full-width, for comparing. ``str.split`` cuts
    at what ``\\s`` matches (``str.isspace``); ``str.replace`` passes over the characters it leaves alone at C
    speed, where ``str.translate`` with a table looks each up and, for one that is not there, raises and catches
    an error (some 1.5 µs a CJK character)."""
    text = "".join(text.split())
    for half, full in _FULL_WIDTH:
        text = text.replace(half, full)
    return text


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
    return report.stream.confidence_at(offset) is not None
