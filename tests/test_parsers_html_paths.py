"""The HTML reader's shortcuts give what its general walk gives, on generated pages.

Each shortcut is compared with the path it stands for: a tree the walk cannot exhaust is read without counting
its nodes (the walk counting them reads it alike); a text without a capital letter in a name after "<" is
searched as it is (searched in lower case, alike); the elements known to hold something the walk goes through
are those found by going through every descendant.
"""

from __future__ import annotations

import math
import random

import pytest
from lxml import etree

from gilint.parsers import html, limits
from gilint.parsers.html import parse_html

WORDS = [
    "一、总体情况",
    "申请",
    "12",
    "0",
    "　",
    "全角　空格",
    "a b",
    "&amp;",
    "&nbsp;",
    "&lt;p&gt;",
    "&#12354;",
    "&x;",
]
WORDS += ["ſ", "\xa0"]
INLINE = ["span", "b", "font", "o:p", "a", "img", "SPAN"]
BLOCKS = ["p", "div", "li", "h3", "P", "article", "header", "footer", "section"]


def _inline(r: random.Random, depth: int) -> str:
    k = r.random()
    if depth > 2 or k < 0.45:
        return r.choice(WORDS)
    if k < 0.55:
        return r.choice(["<br>", "<!-- c -->", "<!x>", "<?pi?>", "</ x>"])
    tag = r.choice(INLINE)
    return f"<{tag}>" + "".join(_inline(r, depth + 1) for _ in range(r.randint(0, 3))) + f"</{tag}>"


def _cell(r: random.Random, depth: int) -> str:
    tag = r.choice(["td", "th", "TD"])
    attrs = r.choice(["", ' colspan="2"', " rowspan=2", ' rowspan="0"', " colspan=x"])
    k = r.random()
    if k < 0.35:
        inner = r.choice(WORDS)
    elif k < 0.6:
        inner = r.choice(["", " ", "\r\n"]) + f"<p>{_inline(r, 1)}</p>" + r.choice(["", "\n", "x"])
    elif k < 0.7 and depth < 2:
        inner = _table(r, depth + 1)
    else:
        inner = "".join(_inline(r, 1) if r.random() < 0.7 else _block(r, depth + 1) for _ in range(r.randint(0, 3)))
    return f"<{tag}{attrs}>{inner}" + r.choice([f"</{tag}>", ""])


def _table(r: random.Random, depth: int) -> str:
    rows = "".join(
        "<tr>" + "".join(_cell(r, depth) for _ in range(r.randint(0, 4))) + r.choice(["</tr>\n", "\r\n"])
        for _ in range(r.randint(0, 4))
    )
    return "<table>" + (f"<tbody>{rows}</tbody>" if r.random() < 0.3 else rows) + "</table>"


def _block(r: random.Random, depth: int) -> str:
    k = r.random()
    if depth > 2 or k < 0.2:
        return _inline(r, 1)
    if k < 0.35:
        return _table(r, depth)
    if k < 0.42:
        return r.choice(
            ["<script>'<p>x</p>'</script>", "<style>p{}</style>", "<nav><p>n</p></nav>", "<title>t</title>"]
        )
    tag = r.choice(BLOCKS)
    inner = "".join(_inline(r, 1) if r.random() < 0.6 else _block(r, depth + 1) for _ in range(r.randint(0, 4)))
    return f"<{tag}>{inner}" + r.choice([f"</{tag}>", ""]) + r.choice(["\n", "\r\n", ""])


def pages(seed: int, count: int) -> list[bytes]:
    r = random.Random(seed)
    out = []
    for _ in range(count):
        body = "".join(_block(r, 0) for _ in range(r.randint(1, 8)))
        page = r.choice(["", "\ufeff", "<!DOCTYPE html>\n"]) + r.choice([f"<html><body>{body}</body></html>", body])
        out.append(page.encode(r.choice(["utf-8", "utf-8", "gbk"]), errors="ignore"))
    return out


def read(data: bytes) -> tuple[object, ...]:
    doc = parse_html(data, "r.html")
    return (
        [(n.text, tuple(n.span), n.kind, n.table, n.row, n.col) for n in doc.nodes],
        [(p.kind, p.message_en, tuple(p.span)) for p in doc.problems],
        doc.meta,
    )


@pytest.mark.parametrize("seed", range(4))
def test_a_tree_read_without_counting_reads_as_counted(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = pages(seed, 150)
    fast = [read(d) for d in data]
    monkeypatch.setattr(html, "_NODES", lambda root: math.inf)  # every tree counted, as one too big is
    assert [read(d) for d in data] == fast
    assert sum(kind == "cell" for nodes, _, _ in fast for *_, kind, _t, _r, _c in nodes) > 100


@pytest.mark.parametrize("seed", range(2))
def test_a_text_without_capital_names_is_searched_as_in_lower_case(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = [d.replace(b"TD", b"td").replace(b"SPAN", b"span").replace(b"<P", b"<p") for d in pages(seed, 150)]
    fast = [read(d) for d in data]
    monkeypatch.setattr(html, "_CAPITAL_TAG", html.re.compile(r"<"))  # every text searched in lower case
    assert [read(d) for d in data] == fast


def test_the_tree_never_holds_more_nodes_than_counted() -> None:
    for data in [*pages(7, 100), b'<!DOCTYPE html [<!ENTITY x "y">]><p>a&x;b<?pi?></p><!--c-->']:
        root = etree.fromstring(data, etree.HTMLParser())
        if root is not None:
            assert html._NODES(root) >= sum(1 for _ in etree.iterwalk(root, events=("start", "comment", "pi")))


def test_the_parents_are_the_elements_holding_what_the_walk_goes_through() -> None:
    for data in pages(11, 100):
        root = etree.fromstring(data, etree.HTMLParser())
        if root is None:
            continue
        special = set(html._SPECIAL)
        seen = {
            el
            for el in root.iter()
            if any(d.tag in special or not isinstance(d.tag, str) for d in el.iterdescendants())
        }
        assert html._parents(root, 10**6) == seen


def test_the_parents_past_where_the_walk_stops_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    before = limits.current()
    limits.configure({**before, "html-elements": 20})
    try:
        data = pages(3, 150)
        cut = [read(d) for d in data]
        every = html._parents
        monkeypatch.setattr(html, "_parents", lambda root, most: every(root, 10**9))
        assert [read(d) for d in data] == cut
        assert sum(any("html-elements" in p[1] for p in problems) for _, problems, _ in cut) > 20
    finally:
        limits.configure(before)
