"""Labels written one or two characters off the format's: "7.属于行政执法案件", "先行有效件数", "钩稽关系".

Only called for a label the exact (punctuation-tolerant) search did not find, inside the stretch of
the table where it must stand, so a clean report pays nothing. Edits are counted on the label's words
with white space and punctuation removed.
"""

from __future__ import annotations

from functools import lru_cache

from gilint import regex

_NOISE = regex.compile(r"[\s\u3000|｜“”\"'‘’,，、。.．:：;；()（）]")
_WORDS = regex.compile(r"[^\d０-９|｜\n]{2,80}")
_LEAD = regex.compile(r"[\s.．、]*(?:[（(]\s*[一二三四五六七八九十]+\s*[）)])?\s*")  # numbering before the words
_ORDINAL_NUMBER = regex.compile(r"[\d一二三四五六七八九十]+")
_REACH = 2_000  # characters after the row before a missing one that may hold its label


def _plain(text: str) -> str:
    return _NOISE.sub("", text)


def distance(a: str, b: str, bound: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``bound + 1`` once it exceeds ``bound`` (a banded
    table: only cells within ``bound`` of the diagonal can stay within it; a prefix and a suffix the two
    share cost no edit and are left out of it)."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    if a == b:
        return 0
    over = bound + 1
    size = min(len(a), len(b))
    head = 0
    while head < size and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < size - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a, b = a[head : len(a) - tail], b[head : len(b) - tail]
    prev = {j: j for j in range(min(len(b), bound) + 1)}
    for i, ca in enumerate(a, 1):
        cur: dict[int, int] = {}
        for j in range(max(0, i - bound), min(len(b), i + bound) + 1):
            if j == 0:
                cur[j] = i
                continue
            cur[j] = min(prev.get(j, over) + 1, cur.get(j - 1, over) + 1, prev.get(j - 1, over) + (ca != b[j - 1]))
        if min(cur.values()) > bound:
            return over
        prev = cur
    return min(prev.get(len(b), over), over)


# the windows ``near`` compares are much the same from report to report (the format's own headers): each
# distance is worked out once
_distance = lru_cache(maxsize=4096)(distance)


def _allowed(words: str) -> int:
    """Edits a label of these words may carry and still be recognised: 1, or 2 from eight characters."""
    return 2 if len(words) >= 8 else 1


def _bounded(text: str, a: int, b: int) -> bool:
    """Nothing glued on either side: a dropped or added character is a typo only in a label that stands
    alone (glued to its neighbours, it is as likely the converter's cut: "商业企" + "科研机")."""
    return not (a > 0 and text[a - 1].isalpha()) and not (b < len(text) and text[b].isalpha())


def near(text: str, lo: int, hi: int, label: str) -> tuple[int, int] | None:
    """Where ``text[lo:hi]`` holds ``label`` with one edit (two for a long label), on one line: windows
    that start with its first two characters or end with its last two are compared. A changed length
    counts only for a label that stands alone."""
    target = _plain(label)
    if len(target) < 4:
        return None
    bound = _allowed(target)
    best: tuple[int, int, int] | None = None
    for anchor, at_start in ((target[:2], True), (target[-2:], False)):
        pos = text.find(anchor, lo, hi)
        while pos >= 0:
            for size in range(len(label) - bound, len(label) + bound + 1):
                a, b = (pos, pos + size) if at_start else (pos + 2 - size, pos + 2)
                if a < lo or b > hi or "\n" in text[a:b]:
                    continue
                seen = _plain(text[a:b])
                d = _distance(seen, target, bound)
                if (
                    0 < d <= bound
                    and (len(seen) == len(target) or _bounded(text, a, b))
                    and (best is None or d < best[0])
                ):
                    best = (d, a, b)
            pos = text.find(anchor, pos + 1, hi)
    return (best[1], best[2]) if best else None


def misspelt(text: str, lo: int, hi: int, label: str, ordinal: str) -> tuple[int, int] | None:
    """Where a row label stands misspelt in ``text[lo:hi]``: its words one or two edits off, or its own
    numbering with most of its words ("2.其他法律行政止公开" for 2.其他法律行政法规禁止公开). The
    numbering is looked for just before the words, where its digits may be glued to the last row's."""
    import difflib  # only for a report with a missing row

    words = _plain(label[len(ordinal) :])
    number = "".join(_ORDINAL_NUMBER.findall(ordinal))
    numbered = regex.compile(rf"(?:[（(]\s*{number}\s*[）)]|{number}\s*[.．、])\s*$") if number else None
    bound = _allowed(words)
    for m in _WORDS.finditer(text, lo, min(hi, lo + _REACH)):
        if text[m.end() : m.end() + 1] == "\n" and text[m.end() + 1 : m.end() + 2].isalpha():
            continue  # the label goes on on the next line: broken by a converter, not misspelt
        start = _LEAD.match(text, m.start(), m.end()).end()  # type: ignore[union-attr]
        seen = _plain(text[start : m.end()])
        own = numbered.search(text, max(lo, start - 8), start) if numbered else None
        best: tuple[int, int] | None = None  # (distance, size): the closest reading of the run
        for size in {len(seen), *range(len(words) - bound, len(words) + bound + 1)}:
            head = seen[:size]
            if not head or size > len(seen):
                continue
            d = distance(head, words, bound)
            if (
                d > bound
                and own
                and abs(len(head) - len(words)) <= 4
                and (difflib.SequenceMatcher(None, words, head).ratio() >= 0.6)
            ):
                d = bound + 1  # its own number and most of its words: worse than any edit within bound
            elif d > bound or d == 0:
                continue
            if best is None or (d, abs(size - len(words))) < (best[0], abs(best[1] - len(words))):
                best = (d, size)
        if best is not None:
            return (own.start() if own else start), start + _span_of(text[start : m.end()], best[1])
    return None


def _span_of(raw: str, plain_chars: int) -> int:
    """How many characters of ``raw`` hold its first ``plain_chars`` non-noise characters."""
    seen = 0
    for i, ch in enumerate(raw):
        if not _NOISE.match(ch):
            seen += 1
            if seen == plain_chars:
                return i + 1
    return len(raw)
