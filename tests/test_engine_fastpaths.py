"""The engine's and the structure's fast paths (issue 19) against the general forms they replace, on generated input
(a fixed seed: the same inputs on every run): ``Stream.span`` against ``Node.span_at``; find_sections' weak headings
(only the nodes a scan finds numbered) against a look at every node; a strong heading's section by the group
``lastindex`` names against the one title group that took part; the engine's conditions worked out once for each
rule's whole tuple of them, each distinct tuple numbered once per configuration and kept on a report in a list
(the rules that run, and the conditions worked out and in what order, as when each was looked up by the tuple)."""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from pathlib import Path

from gilint import formats as F
from gilint.applies import Applies
from gilint.config import Config
from gilint.context import RuleContext
from gilint.engine import Plugins, check_report
from gilint.model import Finding, Node, Report, Section, Span, Stream
from gilint.parsers.html import parse_html
from gilint.parsers.markdown import parse_markdown
from gilint.parsers.text import parse_text
from gilint.rule import Rule, rule
from gilint.structure import build_report
from gilint.structure import sections as S


def _nodes(rng: random.Random) -> list[Node]:
    nodes = []
    for _ in range(rng.randint(1, 8)):
        text = "".join(rng.choice("ab 一、\t") for _ in range(rng.randint(0, 6)))
        column = rng.choice([None, 1, rng.randint(1, 40)])
        span = Span(rng.randint(1, 9), column, None, None, rng.choice([None, 2]), rng.choice([None, "p3"]))
        nodes.append(Node(text, span, exact=rng.random() < 0.8))
    return nodes


def _span_at(stream: Stream, start: int, end: int | None) -> Span:
    """What ``Stream.span`` is: the node holding ``start`` (the first for an offset before it), ``Node.span_at`` of
    the part of ``text[start:end]`` in it."""
    if not stream.nodes:
        return Span()
    i = max(bisect_right(stream.starts, start) - 1, 0)
    node, base = stream.nodes[i], stream.starts[i]
    stop = len(node.text) if end is None else min(end - base, len(node.text))
    return node.span_at(start - base, stop)


def test_stream_span_is_the_span_at_of_its_node() -> None:
    rng = random.Random("span")
    assert Stream([]).span(0, 3) == Span()
    for _ in range(3000):
        stream = Stream(_nodes(rng))
        size = len(stream.text)
        start = rng.randint(-2, size + 2)
        end = rng.choice([None, start + rng.randint(-3, 9)])
        found = stream.span(start, end)
        assert found == _span_at(stream, start, end) and type(found) is Span, (stream.text, start, end)


def _weak_everywhere(stream: Stream, skip: list[tuple[int, int]], strong: set[int]) -> list[Section]:
    """The weak headings as first found: every node looked at."""
    weak = []
    for i, node in enumerate(stream.nodes):
        pos = stream.starts[i]
        if len(node.text) > 34 or node.kind != "text" or any(a <= pos < b for a, b in skip):
            continue
        if not S._WEAK.match(node.text.strip()) or pos in strong:
            continue
        heading = S._WEAK.match(stream.text, pos, pos + len(node.text))
        if heading:
            weak.append(S._section(stream, heading, S._classify(heading.group("title")) or 0))
    return weak


TITLES = [t for _, t in S._TITLES]
ORDINALS = [*"一二三四五六七八九十", "十一", "七八", "1", "9", "10", "１", "６", "１０", "（一）", " 二", "\u3000三"]
SEPARATORS = ["、", ".", "．", " 、", "、 ", " \t. ", "", "，"]
WORDS = [
    "本机关认真落实条例，",
    "1.属于国家秘密",
    "总计 12 3",
    "问题及改进措施",
    "主动公开",
    "其他事项",
    "申请办理",
    "　",
    "",
]


def _line(rng: random.Random) -> str:
    title = rng.choice([*TITLES, "主动公开", "申请办理情况", "问题和整改", "其他需要说明的事项", "总体情况概述"])
    if rng.random() < 0.3:  # a misspelt or cut title
        k = rng.randrange(len(title))
        title = title[:k] + rng.choice(["", "的", " ", "（", "情"]) + title[k + 1 :]
    heading = rng.choice(ORDINALS) + rng.choice(SEPARATORS) + title + rng.choice(["", "。", "：", " 如下", "情况"])
    return rng.choice([heading, heading, rng.choice(WORDS) + heading, "".join(rng.sample(WORDS, 3))])


def _documents(seed: str, count: int) -> Iterator[Report]:
    rng = random.Random(seed)
    for k in range(count):
        lines = [_line(rng) for _ in range(rng.randint(1, 30))]
        kind = rng.choice(["text", "markdown", "html"])
        if kind == "text":
            yield build_report(parse_text("\n".join(lines).encode(), f"g{k}.txt"))
        elif kind == "markdown":
            text = "\n".join(rng.choice(["", "# ", "| "]) + line for line in lines)
            yield build_report(parse_markdown(text.encode(), f"g{k}.md"))
        else:
            cells = "".join(rng.choice(["<p>{}</p>", "<td>{}</td>", "{}<br>", "<h2>{}</h2>"]).format(x) for x in lines)
            yield build_report(
                parse_html(f"<html><body><table><tr>{cells}</tr></table></body></html>".encode(), "g.html")
            )


def test_weak_headings_are_those_of_every_node() -> None:
    rng = random.Random("skip")
    for report in _documents("weak", 600):
        stream = report.stream
        size = len(stream.text) + 1
        for skip in ([], [(a, a + rng.randint(0, 80)) for a in rng.sample(range(size), min(2, size))]):
            strong = {s.start for s in report.sections if rng.random() < 0.5}
            assert S._weak(stream, skip, strong) == _weak_everywhere(stream, skip, strong), stream.text


def test_a_strong_headings_last_group_is_its_title() -> None:
    """``lastindex`` is the one title group that took part in the match, whose title gives the section."""
    rng = random.Random("strong")
    texts = [f"前文。{n}、{title}" for n, title in S._TITLES]
    texts += ["".join(rng.choice([*TITLES, *ORDINALS, *SEPARATORS, "\n"]) for _ in range(12)) for _ in range(2000)]
    found = 0
    for text in texts:
        for m in S._STRONG.finditer(text):
            took_part = [g for g in S._NUMBERS if m.start(g) >= 0]
            assert took_part == [m.lastindex], text
            found += 1
    assert found > 300
    for n, title in S._TITLES:
        (m,) = S._strong(f"前文。{n}、{title}")
        assert S._NUMBERS[m.lastindex] == n and m.group(m.lastindex) == title
    assert sorted(set(S._NUMBERS.values())) == sorted(F.SECTION_TITLES)


def _applies(name: str, holds: bool, calls: list[str]) -> Applies:
    def test(report: Report, ctx: RuleContext) -> bool:
        calls.append(name)
        return holds

    return Applies(name, name, name, test)


def _marking(code: str, applies: tuple[Applies, ...], ran: list[str]) -> Rule:
    @rule(code, f"r-{code.lower()}", "wording", "warning", "标记", "mark", applies=applies)
    def mark(report: Report, ctx: Mapping[str, object]) -> list[Finding]:
        """Marks the report."""
        ran.append(code)
        return [Finding(Span(1, 1), code, code)]

    return mark.rule  # type: ignore[attr-defined,no-any-return]


def test_conditions_are_worked_out_once_for_every_rule_sharing_them() -> None:
    calls: list[str] = []
    ran: list[str] = []
    yes, no, also = _applies("yes", True, calls), _applies("no", False, calls), _applies("also", True, calls)
    rules = [
        _marking("XS001", (yes,), ran),
        _marking("XS002", (yes, no), ran),
        _marking("XS003", (yes,), ran),
        _marking("XS004", (no, also), ran),
        _marking("XS005", (yes, no), ran),
        _marking("XS006", (also, yes), ran),
        _marking("XS007", (), ran),
    ]
    report = build_report(parse_text("一、总体情况\n正文。\n".encode(), "r.txt"))
    for _ in range(2):  # twice: each report works its conditions out anew
        ran.clear()
        calls.clear()
        found = check_report(report, Config(root=Path.cwd()), Plugins(rules=rules))
        assert ran == ["XS001", "XS003", "XS006", "XS007"]
        assert sorted(d.code for d in found) == ran
        assert calls == ["yes", "no", "also"]


def test_a_rule_whose_own_context_raises_gives_gi900_even_where_its_conditions_fail() -> None:
    """A rule that makes its own context (a subclass of Rule) makes it before its conditions are looked at, as ever:
    its error is reported though a rule before it found the same conditions failing."""
    calls: list[str] = []
    no = _applies("no", False, calls)

    class Raising(Rule):
        def context(self, config: Config, lang: str = "zh", report: Report | None = None) -> RuleContext:
            raise RuntimeError("no context")

    plain = _marking("XS011", (no,), [])
    raising = Raising(**{**plain.__dict__, "code": "XS012"})
    found = check_report(
        build_report(parse_text("正文。\n".encode(), "r.txt")), Config(root=Path.cwd()), Plugins(rules=[plain, raising])
    )
    assert [d.code for d in found] == ["GI900"] and "XS012" in found[0].message_en
    assert calls == ["no"]


def _expected(rules: list[Rule], truth: dict[str, bool]) -> tuple[list[str], list[str]]:
    """The rules that run and the conditions worked out, in order, as the engine first did it: each rule's tuple
    looked up by the tuple itself, each condition worked out once, up to the first that fails."""
    held: dict[tuple[Applies, ...], bool] = {}
    holds: dict[Applies, bool] = {}
    ran, calls = [], []
    for r in rules:
        if r.applies not in held:
            result = True
            for condition in r.applies:
                if condition not in holds:
                    calls.append(condition.name)
                    holds[condition] = truth[condition.name]
                if not holds[condition]:
                    result = False
                    break
            held[r.applies] = result
        if held[r.applies]:
            ran.append(r.code)
    return ran, calls


def test_the_rules_that_run_and_the_conditions_worked_out_are_the_general_forms() -> None:
    rng = random.Random("engine")
    report = build_report(parse_text("一、总体情况\n正文。\n".encode(), "r.txt"))
    config = Config(root=Path.cwd())
    for _ in range(300):
        calls: list[str] = []
        ran: list[str] = []
        truth = {f"c{k}": rng.random() < 0.7 for k in range(5)}
        pool = [_applies(name, holds, calls) for name, holds in truth.items()]
        tuples = [tuple(rng.sample(pool, rng.randint(0, 3))) for _ in range(4)]
        rules = [_marking(f"XP{n:03d}", rng.choice(tuples), ran) for n in range(rng.randint(1, 12))]
        found = check_report(report, config, Plugins(rules=rules))
        expected_ran, expected_calls = _expected(rules, truth)
        assert ran == expected_ran and calls == expected_calls
        assert sorted(d.code for d in found) == expected_ran
