"""Spelling rules: an official term one character off (GI620), the agency's own name one character off
(GI621).

Who owns what, so that one slip is reported once: a table's labels are GI604's (both rules read only
the prose: tables 2–4 are blanked), a word written twice is GI605's (an added character that doubles
a particle is never read as a slip here), the Regulation's name in 《》 is GI601's, the report's name
in the title is GI610's. A section heading whose only fault is a term slip is GI620's, and GI104
leaves it alone (``heading_slips``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

from gilint_rules._util import is_report, norm
from gilint_rules.wording import _ACCEPTED, _REG_NAME, _masked

from gilint.formats import lexicon
from gilint.model import Edit, Finding, Fix, Report, Section, Stream
from gilint.rule import Rule, rule

RULES: list[Rule] = []

Kind = Literal["homophone", "lookalike", "own", "dropped", "added"]
Odd = Callable[[str, str], Kind | None]


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass(frozen=True, slots=True)
class Slip:
    """A window of the text one edit away from ``term``: ``text[start:end]`` as written, and the edit
    that mends it (``text[at:at + len(old)]`` becomes ``new``)."""

    start: int
    end: int
    term: str
    at: int
    old: str
    new: str
    kind: Kind


def _edit(written: str, term: str, odd: Odd, purpose: frozenset[str]) -> tuple[int, str, str, Kind] | None:
    """How ``written`` is one edit from ``term``: (offset in ``written``, old, new, kind), or None.
    ``odd(meant, written)`` says whether a substitution may be a slip (a homophone, a look-alike);
    an added or dropped character counts only inside the term (one added at an end leaves the term
    itself there) and only when it is not one of ``purpose``, written or left out on purpose (不予以公开,
    过程信息)."""
    n, m = len(written), len(term)
    i, most = 0, min(n, m)
    while i < most and written[i] == term[i]:
        i += 1
    if n == m:
        if i == n or written[i + 1 :] != term[i + 1 :] or not (is_cjk(written[i]) and is_cjk(term[i])):
            return None
        kind = odd(term[i], written[i])
        return (i, written[i], term[i], kind) if kind else None
    if n == m + 1:  # a character added
        if written[i + 1 :] != term[i:] or i in (0, n - 1) or not is_cjk(written[i]):
            return None
        return None if written[i] in purpose else (i, written[i], "", "added")
    if n == m - 1 and n >= 4:  # a character dropped
        if written[i:] != term[i + 1 :] or i in (0, m - 1) or term[i] in purpose:
            return None
        return (i, "", term[i], "dropped")
    return None


def _stands_apart(text: str, start: int, end: int, written: str, i: int, kind: Kind) -> bool:
    """Whether the edit at ``written[i]`` is trusted where it falls: an edit at the window's first or
    last character (a substitution), or one that leaves a single character on one side, is a slip
    only where the window stands apart on that side; otherwise that character may belong to the
    neighbouring word (财政信息公开 is not 政府信息公开 with 府 dropped)."""
    n = len(written)
    left, right = (i, n - i) if kind == "dropped" else (i, n - i - 1)
    glued_left = start > 0 and is_cjk(text[start - 1])
    glued_right = end < len(text) and is_cjk(text[end])
    if kind in ("homophone", "lookalike", "own"):
        return not ((left == 0 and glued_left) or (right == 0 and glued_right))
    return not ((left <= 1 and glued_left) or (right <= 1 and glued_right))


Side = dict[str, tuple[str, ...]]


@cache
def _index() -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, Side, Side], ...]]]:
    """Where a term may be written one edit off. A term keeps its first half at the start of what is
    written (when the edit falls in the second half, whose first or second character then follows)
    or its second half at the end (whose first half's last or second-last character then precedes).
    A pattern for the first two characters of every half, and for each such pair the halves with the
    terms each begins, by the characters that may follow, and ends, by those that may precede."""
    after: dict[str, dict[str, set[str]]] = {}
    before: dict[str, dict[str, set[str]]] = {}
    for term in lexicon.terms():
        k = len(term) // 2
        head, tail = term[:k], term[k:]
        for ch in tail[:2]:
            after.setdefault(head, {}).setdefault(ch, set()).add(term)
        for ch in head[-2:]:
            before.setdefault(tail, {}).setdefault(ch, set()).add(term)
    by_pair: dict[str, list[tuple[str, Side, Side]]] = {}
    for half in sorted({*after, *before}):
        sides = ({ch: tuple(sorted(ts)) for ch, ts in side.get(half, {}).items()} for side in (after, before))
        by_pair.setdefault(half[:2], []).append((half, *sides))
    firsts, seconds = ("".join(sorted({p[i] for p in by_pair})) for i in (0, 1))
    pattern = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")
    return pattern, {p: tuple(v) for p, v in by_pair.items()}


def _occurrences(text: str, words: frozenset[str]) -> list[tuple[int, int, str]]:
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word), word))
            at = text.find(word, at + 1)
    return found


def find_slips(text: str) -> list[Slip]:
    """Every place in ``text`` (a report's prose) where an official term is written one edit off, and
    not explained by a word that belongs there; where two terms are equally near, none."""
    exact: set[tuple[int, int, str]] = set()
    tried: set[tuple[str, int, bool]] = set()  # (term, where its half starts or ends, whether it begins it)
    pattern, pairs = _index()
    for m in pattern.finditer(text):
        pos = m.start()
        for half, after, before in pairs.get(text[pos : pos + 2], ()):
            if not text.startswith(half, pos):
                continue
            k = len(half)
            end = pos + k
            for ch in {text[end : end + 1], text[end + 1 : end + 2]}:
                for term in after.get(ch, ()):
                    tail = term[k:]
                    if text.startswith(term, pos):
                        exact.add((pos, pos + len(term), term))
                    elif tail[-1] in text[end + len(tail) - 2 : end + len(tail) + 1] or text.startswith(tail[:-1], end):
                        tried.add((term, pos, True))
            for ch in {text[pos - 1 : pos] if pos else "", text[pos - 2 : pos - 1] if pos > 1 else ""}:
                for term in before.get(ch, ()):
                    head = term[: len(term) - k]
                    start = pos - len(head)
                    if start >= 0 and text.startswith(head, start):
                        continue
                    if head[0] in text[max(start - 1, 0) : max(start + 2, 0)] or text.startswith(head[1:], start + 1):
                        tried.add((term, end, False))
    terms = set(lexicon.terms())
    candidates: list[Slip] = []
    for term, at, first in tried:
        size = len(term)
        for n in (size - 1, size, size + 1):
            a, b = (at, at + n) if first else (at - n, at)
            if a < 0 or b > len(text):
                continue
            written = text[a:b]
            if "\n" in written or written in terms:
                continue
            edit = _edit(written, term, lexicon.confusable, lexicon.FUNCTION_CHARS)
            if edit is not None and _stands_apart(text, a, b, written, edit[0], edit[3]):
                i, old, new, kind = edit
                candidates.append(Slip(a, b, term, a + i, old, new, kind))
    if not candidates:
        return []
    near = _occurrences(text, lexicon.NEAR_WORDS)
    ordered = sorted(exact)
    return _unambiguous([c for c in candidates if not _explained(c, ordered, near)])


def _explained(slip: Slip, exact: list[tuple[int, int, str]], near: list[tuple[int, int, str]]) -> bool:
    """Whether the window overlaps the term itself, another term that is no part of it (不予以公开 holds
    予以公开), or covers a legitimate near-neighbour at the edit (不再处理, 统计时限)."""
    for a, b, word in exact:
        if a >= slip.end:
            break
        if b > slip.start and (word == slip.term or (word not in slip.term and slip.term not in word)):
            return True
    return any(a <= slip.at <= b and a < slip.end and b > slip.start for a, b, _ in near)


def _unambiguous(candidates: list[Slip]) -> list[Slip]:
    """One slip per place: overlapping candidates that mend the same character become one (the
    shortest term names it); candidates that mend different characters cancel out."""
    out: list[Slip] = []
    group: list[Slip] = []
    for c in sorted(candidates, key=lambda c: (c.start, c.end)):
        if group and c.start >= max(g.end for g in group):
            out.extend(_one(group))
            group = []
        group.append(c)
    out.extend(_one(group))
    return out


def _one(group: list[Slip]) -> list[Slip]:
    if not group or len({(g.at, g.old, g.new) for g in group}) > 1:
        return []
    return [min(group, key=lambda g: (len(g.term), g.start))]


# ------------------------------------------------------------------ GI620 official terms

_WHY = {
    "homophone": ("“{w}”与“{m}”同音", "{w} for its homophone {m}"),
    "lookalike": ("“{w}”与“{m}”形近", "{w} for the look-alike {m}"),
    "own": ("把名称中的“{w}”写在了“{m}”的位置", "{w}, a character of the name, where {m} belongs"),
    "dropped": ("漏了“{m}”字", "{m} is missing"),
    "added": ("多了“{w}”字", "an extra {w}"),
}


def _why(slip: Slip) -> tuple[str, str]:
    zh, en = _WHY[slip.kind]
    return zh.format(w=slip.old, m=slip.new), en.format(w=slip.old, m=slip.new)


_LAST: list[tuple[Stream, list[Slip]]] = []  # the last report's slips: GI620 and GI104 both read them


def slips(report: Report) -> list[Slip]:
    """GI620's slips in the report's prose: what ``find_slips`` finds in the text the wording rules
    read, less what GI601 reports (a slip inside a misnamed Regulation)."""
    if _LAST and _LAST[0][0] is report.stream:
        return _LAST[0][1]
    text = _masked(report)
    found = find_slips(text)
    if found:
        misnamed = [m.span() for m in _REG_NAME.finditer(text) if norm(m.group()) not in _ACCEPTED]
        found = [s for s in found if not any(a < s.end and s.start < b for a, b in misnamed)]
    _LAST[:] = [(report.stream, found)]
    return found


def mended_title(report: Report, section: Section) -> str:
    """A section's title with GI620's slips in its heading mended (GI104 judges that one: a heading
    whose only fault is a misspelt term is GI620's)."""
    text = report.stream.text
    heading = text[section.start : section.body_start]
    at = heading.find(section.title)
    inside = [s for s in slips(report) if section.start + max(at, 0) <= s.start and s.end <= section.body_start]
    if at < 0 or not inside:
        return section.title
    title = section.title
    for s in sorted(inside, key=lambda s: -s.at):
        i = s.at - section.start - at
        title = title[:i] + s.new + title[i + len(s.old) :]
    return title


@rule(
    "GI620",
    "term-typo",
    "wording",
    "warning",
    "官方用语有错别字",
    "an official term is misspelt",
    registry=RULES,
    fix="safe",
)
def term_typo(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文、标题和小标题中，条例和格式规定的用语（表格的行列标签及其组成部分、六个部分的标题、表格名称，
    以及“政府信息公开”“依申请公开”“行政复议”“信息处理费”“勾稽关系”等）是否写错了一个字：同音字
    （“行政复义”“予已公开”“信息处理废”）、形近字（“现行有郊件数”）、多一个字（“行政法复议”）或漏
    一个字（“信息处费”）。只检查四个字以上的用语；换成的字须与原字同音或形近；多出或漏掉的是“的”
    “和”“及”“性”“不”“已”等虚词时不算（“政府信息的公开”“不予以公开”“过程信息”）；本身另有含义的近似
    说法不报告（“不再处理”“反复申请”“统计时限”“主动公布”等，见 ``gilint.formats.lexicon.NEAR_WORDS``）；
    两个用语同样接近、无法判断本意时不报告；错字在用语的第一个或最后一个字时，只在它与前后文字隔开
    （标点、换行、数字）时报告。表格内的标签由 GI604 检查，条例名称由 GI601 检查，重复的字词由 GI605
    检查；部分标题中唯一的问题是用语错字时由本规则报告，GI104 不再报告。
    Whether a term of the Regulation or the format (table labels and their parts, section titles,
    table names, 政府信息公开, 依申请公开, 行政复议, 信息处理费, 勾稽关系, …) is written one character
    off in the prose, the title or a heading: a homophone, a look-alike, a character added or one
    dropped. Terms of four characters or more only; a substituted character must sound or look like
    the right one; a particle or conjunction added or dropped is no slip (政府信息的公开, 不予以公开);
    legitimate near-neighbours (不再处理, 反复申请, 统计时限) and places where two terms are equally near
    are silent; a slip at a term's first or last character counts only where the term stands apart.
    Table labels are GI604's, the Regulation's name GI601's, doubled words GI605's; a heading whose
    only fault is such a slip is reported here, not by GI104.

    为什么 / Why
    年报按国务院办公厅统一格式编制（条例第五十条），格式的标签和条例的用语是法定概念，写错一字即
    用语不准确；2021 年格式将“发布内容不准确”列为追责情形，评估中逐字标出这类错字。The report follows
    the unified format (Article 50); its labels and the Regulation's terms are legal concepts, and the
    2021 format sanctions inaccurate content.

    错误示例 / Bad
    四、政府信息公开行政法复议、行政诉讼情况
    本年度被申请行政复义1件，未收取信息处理废。

    正确示例 / Good
    四、政府信息公开行政复议、行政诉讼情况
    本年度被申请行政复议1件，未收取信息处理费；行政机关不再处理其申请的，依法告知。

    修复 / Fix
    安全：改为规定的用语（只改那一个字：替换、删去或补上）。Safe: the term as the format writes it
    (only the one character replaced, deleted or added).
    """
    if not is_report(report):
        return
    text = report.stream.text
    for s in slips(report):
        written = text[s.start : s.end]
        why_zh, why_en = _why(s)
        yield Finding(
            report.stream.span(s.start, s.end),
            f"“{written}”应为“{s.term}”：{why_zh}",
            f"“{written}” should be “{s.term}”: {why_en}",
            f"格式和条例的用语是“{s.term}”",
            f"the format's and the Regulation's term is “{s.term}”",
            fix=Fix(f"改为“{s.term}”", f"write “{s.term}”", (Edit(s.at, s.at + len(s.old), s.new),)),
        )
