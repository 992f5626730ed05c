"""The HTML reader's data tables read at once give what its walk gives, on generated pages.

A data table of only rows of cells, with nothing but white space between them, is read without the walk's events
(``_Walker.plain`` and ``at_once``); its start tags are found by one scan where they are the next ones in turn
(``_Locator.run``, also compared with ``find`` one by one on generated texts); a data cell of plain blocks is read
by joining their texts (``_Walker.read``). Each is compared with the walk element by element on pages of Word-like
tables and their damaged forms: stray text, comments, line breaks, implied rows, names in capitals, start tags
inside attribute values, letters that fold apart, limits.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from gilint.parsers import html
from gilint.parsers.html import parse_html
from tests.hostile import limited

WORDS = ["一、总体情况", "12", "0", "3,456", "合计", "　", " ", "\n", "\xa0", "&nbsp;", "&amp;", "x y", "", "长" * 120]
RARE = ["x", "<br>", "<!-- c -->", "<", "<p", "<td"]
SPACE = ["", "", " ", "\n", "\n  ", "\r\n", "\t", "\u3000", "\xa0"]


def _space(r: random.Random, rare: float = 0.01) -> str:
    return r.choice(RARE) if r.random() < rare else r.choice(SPACE)


def _attrs(r: random.Random) -> str:
    if r.random() < 0.6:
        return ""
    name = r.choice(["colspan", "rowspan", "class", "title", "width"])
    value = r.choice(["2", "3", "0", "", "x", "a>b"]) if r.random() < 0.95 else r.choice(["<p>", "<td x"])
    return f' {name}="{value}"'


def _inline(r: random.Random, depth: int = 0) -> str:
    k = r.random()
    if depth > 2 or k < 0.45:
        return r.choice(WORDS) if r.random() < 0.98 else r.choice(RARE)
    if k < 0.455:
        return r.choice(["<br>", "<BR/>", "<!-- c -->", "<?pi?>", "<script>x<p></script>", "<img src=x>"])
    tag = r.choice(["span", "span", "font", "o:p", "b", "SPAN"])
    return f"<{tag}{_attrs(r)}>" + "".join(_inline(r, depth + 1) for _ in range(r.randint(0, 3))) + f"</{tag}>"


def _cell(r: random.Random, depth: int) -> str:
    k = r.random()
    if k < 0.25:
        inner = r.choice(WORDS)
    elif k < 0.75:  # Word's one paragraph of spans
        tag = r.choice(["p", "p", "div", "P", "h3", "li", "center", "pre"])
        inner = f"{_space(r)}<{tag}{_attrs(r)}>{''.join(_inline(r) for _ in range(r.randint(0, 3)))}</{tag}>{_space(r)}"
    elif k < 0.9:  # several blocks, some the walk must go through
        inner = ""
        for _ in range(r.randint(2, 4)):
            tag = r.choice(["p", "div", "p", "p", "ul", "p", "p", "p", "p", "div", "header", "article", "nav"])
            text = "".join(_inline(r) for _ in range(r.randint(0, 2)))
            text = f"<li>{text}</li>" if tag == "ul" else text
            inner += f"{_space(r)}<{tag}>{text}</{tag}>" + (r.choice(WORDS) if r.random() < 0.2 else _space(r))
    elif k < 0.92 and depth < 1:
        inner = _table(r, depth + 1)
    else:
        inner = "".join(_inline(r) for _ in range(r.randint(0, 3)))
    tag = r.choice(["td", "td", "th", "TD"])
    return f"<{tag}{_attrs(r)}>{inner}" + (f"</{tag}>" if r.random() < 0.98 else "") + _space(r, 0.015)


def _table(r: random.Random, depth: int = 0) -> str:
    rows = [
        ("<tr>" if r.random() < 0.99 else "")
        + _space(r)
        + "".join(_cell(r, depth) for _ in range(r.randint(1, 5)))
        + ("</tr>" if r.random() < 0.97 else "")
        + _space(r)
        for _ in range(r.randint(1, 5))
    ]
    body = "".join(rows)
    k = r.random()
    if k < 0.5:
        body = f"<tbody>{_space(r)}{body}</tbody>{_space(r)}"
    elif k < 0.6:
        body = f"<thead>{rows[0]}</thead>{_space(r)}<tbody>{''.join(rows[1:])}</tbody><tfoot>{rows[0]}</tfoot>"
    before = r.choice(["", "", "", "", "", "<caption>表一</caption>", "<colgroup><col></colgroup>", "x", "<p>p</p>"])
    tag = r.choice(["table", "table", "TABLE"])
    return f"<{tag}{_attrs(r)}>{_space(r)}{before}{body}</{tag}>{_space(r)}"


def pages(seed: int, count: int) -> list[bytes]:
    r = random.Random(seed)
    out = []
    for _ in range(count):
        parts = []
        for _ in range(r.randint(1, 4)):
            k = r.random()
            if k < 0.6:
                parts.append(_table(r))
            elif k < 0.85:
                parts.append(f"<p>{''.join(_inline(r) for _ in range(r.randint(0, 3)))}</p>{_space(r)}")
            else:
                parts.append(r.choice(["<script>'<table><tr><td>1</td></tr></table>'</script>", "<!-- <td>c -->"]))
        body = "".join(parts)
        body = body.replace("\n", "") if r.random() < 0.5 else body  # one line, as many pages are
        body += r.choice(["", "", "", "", "", "İ", "ſ"])  # (they fold apart from lower case: searched by tag)
        out.append((r.choice(["", "<!DOCTYPE html>\n", "\ufeff"]) + body).encode(r.choice(["utf-8", "gbk"]), "ignore"))
    return out


def read(data: bytes) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    doc = parse_html(data, "r.html")
    return (
        [(n.text, tuple(n.span), n.kind, n.table, n.row, n.col, n.exact) for n in doc.nodes],
        [(p.kind, p.message_en, tuple(p.span)) for p in doc.problems],
    )


def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often the shortcuts are taken (plain tables, tags found by one scan, cells read by read)."""
    seen: Counter[str] = Counter()
    plain, run = html._Walker.plain, html._Locator.run

    def plain_counted(self: html._Walker, *args: object) -> object:
        found = plain(self, *args)  # type: ignore[arg-type]
        seen["plain"] += found is not None
        return found

    def run_counted(self: html._Locator, elements: list[object]) -> object:
        found = run(self, elements)  # type: ignore[arg-type]
        seen["run"] += found is not None
        seen["run failed"] += found is None
        return found

    monkeypatch.setattr(html._Walker, "plain", plain_counted)
    monkeypatch.setattr(html._Locator, "run", run_counted)
    return seen


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("limit", [{}, {"nodes": 9, "node-chars": 12}])
def test_a_table_read_at_once_reads_as_walked(
    seed: int, limit: dict[str, float], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = pages(seed, 300)
    with limited(**limit), monkeypatch.context() as m:
        seen = counted(m)
        fast = [read(d) for d in data]
    assert seen["plain"] > 20 and seen["run"] > 5 and seen["run failed"] > 5
    monkeypatch.setattr(html._Walker, "plain", lambda self, table, found: None)
    monkeypatch.setattr(html._Walker, "quick", lambda self, cell: False)  # every cell gone through by the walk
    with limited(**limit):
        assert [read(d) for d in data] == fast
    if limit:
        assert sum(any(p[0] == "too-many-nodes" for p in problems) for _, problems in fast) > 20


def test_tags_found_by_one_scan_are_found_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    data = pages(5, 200)
    fast = [read(d) for d in data]
    monkeypatch.setattr(html._Locator, "run", lambda self, elements: None)
    assert [read(d) for d in data] == fast


class Element:
    """What the locator reads of an element: its name and the line libxml2 gives it."""

    def __init__(self, tag: str, sourceline: int | None) -> None:
        self.tag, self.sourceline, self.text = tag, sourceline, None


@pytest.mark.parametrize("seed", range(3))
def test_a_run_of_start_tags_is_where_they_are_found_one_by_one(seed: int) -> None:
    r = random.Random(seed)
    names = ["p", "td", "tr", "tbody", "pre", "div"]
    runs = 0
    for _ in range(2000):
        text, elements = "", []
        for _ in range(r.randint(0, 8)):  # each element's start tag, mostly where it is and on the line given
            name = r.choice(names)
            text += r.choice(["", " ", "x", "\n", "</p>", "<", "<P", "<d", "<pr"]) * r.randint(0, 2)
            line: int | None = text.count("\n") + 1
            if r.random() < 0.9:
                text += "<" + name + r.choice([">", " ", "/", "\t", "\n"])
                line = text.count("\n") + 1 if r.random() < 0.95 else r.choice([None, 1])
            elements.append(Element(name, line))
        lines = text.split("\n")
        start = r.choice([0, 0, 0, r.randint(0, len(text))])
        fast, slow = html._Locator(text, lines), html._Locator(text, lines)
        fast.cursor = slow.cursor = start
        found = fast.run(elements)  # type: ignore[arg-type]
        if found is None:
            assert fast.cursor == start
            continue
        runs += 1
        assert found == [slow.find(el, el.tag) for el in elements]  # type: ignore[arg-type]
        assert fast.cursor == slow.cursor
    assert runs > 500


def test_a_cell_of_blocks_reads_as_walked(monkeypatch: pytest.MonkeyPatch) -> None:
    data = pages(7, 200)
    monkeypatch.setattr(html._Walker, "plain", lambda self, table, found: None)
    quick = [read(d) for d in data]
    monkeypatch.setattr(html._Walker, "quick", lambda self, cell: False)
    assert [read(d) for d in data] == quick


def test_what_a_table_read_at_once_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = counted(monkeypatch)
    page = (
        "<table>\n<tbody>\n<tr>\n <td rowspan=2><p class=MsoNormal><span>本年</span><br>新收</p></td>\n"
        " <td><p>1</p>\n<p>2</p></td><td>x<div>y</div>z</td></tr>\n"
        "<tr><td>3</td><td>  </td><td>4</td></tr></tbody></table>"
    )
    doc = parse_html(page.encode(), "r.html")
    assert [(n.text, n.span.line, n.span.column, n.table, n.row, n.col) for n in doc.nodes] == [
        ("本年 新收", 4, 2, 0, 0, 0),
        ("1 2", 5, 2, 0, 0, 1),
        ("x y z", 6, 14, 0, 0, 2),
        ("3", 7, 5, 0, 1, 1),
        ("", 7, 15, 0, 1, 2),
        ("4", 7, 26, 0, 1, 3),
    ]
    assert seen["plain"] == 1 and seen["run"] == 1
    small = parse_html(page.replace("<td>4</td>", "").encode(), "r.html")  # five cells: walked
    assert [(n.text, tuple(n.span), n.row, n.col) for n in small.nodes] == [
        (n.text, tuple(n.span), n.row, n.col) for n in doc.nodes[:-1]
    ]
    assert seen["plain"] == 1
