"""GI620's filter against the search of the whole text, on generated prose: a term written one edit off
(a character replaced, dropped, doubled, put in or two swapped), at the text's start, after punctuation or
glued to the characters around it, among terms written right. Whatever the filter rules out, searching
every place (as without kept patterns, ``regex.keeping``) finds nothing more there; in particular a term's
first character replaced, which the filter looks for only where the window stands apart on the left
(``_first_replaced``), is found wherever ``find_slips`` reports it."""

from __future__ import annotations

import random

import pytest
from gilint_rules import spelling
from gilint_rules.spelling import _like, _suspects, find_slips

from gilint.formats import lexicon

TERMS = sorted(lexicon.terms())
FILLER = "本机关年度工作情况良好我们依法及时办理群众的各项事务"
BREAKS = ["，", "。", "\n", " ", "1", "（", "“", "、"]


def _lookalikes(ch: str) -> list[str]:
    return sorted({c for group in lexicon.LOOKALIKES if ch in group for c in group} - {ch})


def _one_off(rng: random.Random, term: str) -> str:
    """``term`` with one edit: the first character replaced by a confusable one half the time, else any
    character replaced (by a look-alike half the time there is one), dropped, doubled, put in, or swapped
    with the next."""
    like = sorted(_like(term[0]))
    if like and rng.random() < 0.5:
        return rng.choice(like) + term[1:]
    j = rng.randrange(len(term))
    kind = rng.randrange(5)
    if kind == 0:
        others = _lookalikes(term[j]) if rng.random() < 0.5 else []
        return term[:j] + rng.choice(others or sorted(_like(term[j])) or list(FILLER)) + term[j + 1 :]
    if kind == 1:
        return term[:j] + term[j + 1 :]
    if kind == 2:
        return term[:j] + term[j] + term[j:]
    if kind == 3 and j + 1 < len(term):
        return term[:j] + term[j + 1] + term[j] + term[j + 2 :]
    return term[:j] + rng.choice(FILLER + "的和新") + term[j:]


def _text(rng: random.Random) -> str:
    """A few pieces of prose: filler, terms written right and terms one edit off, each joined to the next
    by a break or glued to it."""
    pieces = []
    for _ in range(rng.randint(1, 6)):
        pick = rng.random()
        if pick < 0.4:
            pieces.append(_one_off(rng, rng.choice(TERMS)))
        elif pick < 0.7:
            pieces.append(rng.choice(TERMS))
        else:
            a = rng.randrange(len(FILLER))
            pieces.append(FILLER[a : a + rng.randint(1, 6)])
        if rng.random() < 0.5:
            pieces.append(rng.choice(BREAKS))
    return "".join(pieces)


TEXTS = [_text(random.Random(seed)) for seed in range(600)]


def _slips(monkeypatch: pytest.MonkeyPatch, keeping: bool) -> list[list[spelling.Slip]]:
    monkeypatch.setattr(spelling.regex, "keeping", lambda: keeping)
    return [find_slips(t) for t in TEXTS]


def test_the_filter_finds_what_searching_every_place_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    filtered = _slips(monkeypatch, True)
    assert _slips(monkeypatch, False) == filtered
    found = [s for slips in filtered for s in slips]
    assert len(found) > len(TEXTS) // 3  # slips among them, of every kind, the first character replaced too
    assert {s.kind for s in found} >= {"homophone", "lookalike", "added", "dropped"}
    assert any(s.at == s.start and s.kind in ("homophone", "lookalike") for s in found)


FIRST = [t for t in TERMS if _like(t[0])]
BEFORE = ("", "，", "\n", "1", "我")


def test_a_first_character_replaced_is_looked_for_where_the_window_stands_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cases = [(before, like + term[1:]) for term in FIRST for like in sorted(_like(term[0]))[:2] for before in BEFORE]
    texts = [before + written + "。" for before, written in cases]
    monkeypatch.setattr(spelling.regex, "keeping", lambda: True)
    filtered = [find_slips(t) for t in texts]
    for (before, _), text, slips in zip(cases, texts, filtered, strict=True):
        if before == "我":  # glued on the left: no edit at the window's first character is trusted
            assert not [s for s in slips if s.at == 1], text
        else:  # standing apart: the filter looks from the window's start
            assert _suspects(text)[0][0] == len(before), text
    assert sum(bool(s) for s in filtered) > len(texts) // 2
    monkeypatch.setattr(spelling.regex, "keeping", lambda: False)
    assert [find_slips(t) for t in texts] == filtered
