"""Labels written one or two characters off the format's: "7.属于行政执法案件", "先行有效件数", "钩稽关系".

Only called for a label the exact (punctuation-tolerant) search did not find, inside the stretch of
the table where it must stand, so a clean report pays nothing. Edits are counted on the label's words
with white space and punctuation removed.
"""

from __future__ import annotations

import re

_NOISE = re.compile(r"[\s\u3000|｜“”\"'‘’,，、。.．:：;；()（）]")
_CANDIDATE = re.compile(
    r"(?P<ord>\d{1,2}\s*[.．、]|[（(]\s*[一二三四五六七八九十]+\s*[）)])?\s*(?P<words>[^\d０-９|｜\n]{2,80})"
)
_ORDINAL_NUMBER = re.compile(r"[\d一二三四五六七八九十]+")
_REACH = 2_000  # characters after the row before a missing one that may hold its label


def _plain(text: str) -> str:
    return _NOISE.sub("", text)


def distance(a: str, b: str, bound: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``bound + 1`` once it exceeds ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > bound:
            return bound + 1
        prev = cur
    return prev[-1]


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
                d = distance(seen, target, bound)
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
    numbering with most of its words ("2.其他法律行政止公开" for 2.其他法律行政法规禁止公开)."""
    import difflib  # only for a report with a missing row

    words = _plain(label[len(ordinal) :])
    number = "".join(_ORDINAL_NUMBER.findall(ordinal))
    for m in _CANDIDATE.finditer(text, lo, min(hi, lo + _REACH)):
        if text[m.end() : m.end() + 1] == "\n" and text[m.end() + 1 : m.end() + 2].isalpha():
            continue  # the label goes on on the next line: broken by a converter, not misspelt
        seen = _plain(m.group("words"))
        if not seen:
            continue
        own = bool(number) and m.group("ord") is not None and "".join(_ORDINAL_NUMBER.findall(m.group("ord"))) == number
        for size in {len(seen), *range(len(words) - 2, len(words) + 3)}:
            head = seen[:size]
            if not head or size > len(seen):
                continue
            d = distance(head, words, _allowed(words))
            close = 0 < d <= _allowed(words) or (
                own and difflib.SequenceMatcher(None, words, head).ratio() >= 0.6 and abs(len(head) - len(words)) <= 4
            )
            if close:
                return m.start(), m.start("words") + _span_of(m.group("words"), len(head))
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
