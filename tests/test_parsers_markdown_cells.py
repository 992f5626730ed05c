"""Markdown table cells point at their text, on generated rows (leading, trailing and escaped pipes, blank
cells, full-width spaces)."""

from __future__ import annotations

import random

from gilint.parsers.markdown import parse_markdown

PIECES = ["a", " 12 ", "　三　", "", " ", "x \\| y", "一、总体情况", "\t0\t"]


def test_every_cell_span_holds_its_text() -> None:
    r = random.Random(5)
    for _ in range(400):
        cells = [r.choice(PIECES) for _ in range(r.randint(1, 6))]
        line = r.choice(["|", "", " |"]) + "|".join(cells) + r.choice(["|", "", "| "])
        page = f"{line}\n|---|---|\n{line}\n"
        doc = parse_markdown(page.encode(), "r.md")
        lines = page.split("\n")
        for node in doc.nodes:
            if node.kind != "cell":  # (a line of one cell, no pipe around it, is no row)
                continue
            span = node.span
            assert span.line == span.end_line
            source = lines[span.line - 1]
            if node.text:
                assert source[span.column - 1 : span.end_column] == node.text
            else:
                assert span.end_column == span.column
        columns = [n.col for n in doc.nodes if n.row == 0]
        assert columns == list(range(len(columns)))
