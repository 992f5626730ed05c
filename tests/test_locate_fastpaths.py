"""The locator's fast paths (issue 19) against the general forms they replace, on generated reports (a fixed seed: the
same inputs on every run): the nodes of a line found by ``bisect`` in the list of the nodes' lines (when they are in
order and on no page) against every node put under its (page, line); the section of an offset by one loop against
``max`` over those before it."""

from __future__ import annotations

import bisect
import random

from gilint.locate import Locator
from gilint.model import Document, Node, Report, Section, Span, Stream


def _node_of(nodes: list[Node], stream: Stream, span: Span) -> tuple[int, int] | None:
    """``Locator.node_of`` as first written: every node indexed under its (page, line), min and max."""
    index: dict[tuple[int | None, int], list[tuple[int, int]]] = {}
    for i, node in enumerate(nodes):
        s = node.span
        if s.line is not None:
            index.setdefault((s.page, s.line), []).append((s.column or 0, i))
    if span.line is None:
        return None
    on_line = index.get((span.page, span.line))
    if not on_line:
        return None
    k = max(bisect.bisect_right(on_line, (span.column or 0, len(nodes))) - 1, 0)
    _, i = on_line[k]
    node, offset = nodes[i], stream.starts[i]
    if node.exact and node.span.column is not None and span.column is not None:
        offset += min(max(span.column - node.span.column, 0), max(len(node.text) - 1, 0))
    return i, offset


def _nodes(rng: random.Random) -> list[Node]:
    """Nodes whose lines are in order and on no page (most reports), or not (a PDF's pages, a line missing, a line
    before the one before it), several often on one line, in columns out of order too."""
    ordered, paged = rng.random() < 0.6, rng.random() < 0.2
    nodes, line = [], 1
    for _ in range(rng.randint(0, 12)):
        line += rng.choice([0, 0, 1, 2]) if ordered else rng.randint(-3, 3)
        page = rng.choice([None, 1, 2]) if paged else None
        column = rng.choice([None, 1, rng.randint(1, 30)])
        text = "".join(rng.choice("ab 一") for _ in range(rng.randint(0, 8)))
        span = Span(line if rng.random() < 0.95 or ordered else None, column, None, None, page)
        nodes.append(Node(text, span, exact=rng.random() < 0.8))
    return nodes


def test_a_span_finds_the_node_it_did_when_every_node_was_indexed() -> None:
    rng = random.Random("locate")
    fast = 0
    for _ in range(3000):
        nodes = _nodes(rng)
        report = Report(Document("x.txt", "text", nodes), Stream(nodes))
        locator = Locator(report)
        for _ in range(6):
            line = rng.choice([None, rng.randint(-2, 20), *(n.span.line for n in nodes[:3])])
            span = Span(line, rng.choice([None, 0, rng.randint(1, 40)]), None, None, rng.choice([None, None, 1]))
            assert locator.node_of(span) == _node_of(nodes, report.stream, span), (nodes, span)
        fast += locator._ordered is not None
    assert 1000 < fast < 2900  # both paths taken


def test_the_section_of_an_offset_is_the_first_starting_last_before_it() -> None:
    rng = random.Random("sections")
    for _ in range(2000):
        starts = [rng.randint(0, 30) for _ in range(rng.randint(0, 6))]
        sections = [
            Section(n % 6 + 1, "", None, f"t{n}", Span(), a, a + rng.randint(0, 3)) for n, a in enumerate(starts)
        ]
        nodes = [Node("x" * 40, Span(1, 1))]
        report = Report(Document("x.txt", "text", nodes), Stream(nodes), sections=sections)
        offset = rng.randint(0, 35)
        before = [s for s in sections if s.start <= offset]
        expected = max(before, key=lambda s: s.start) if before else None
        number, title, _ = Locator(report)._in_text(offset)
        assert (number, title) == ((expected.number, expected.title) if expected else (None, None))
