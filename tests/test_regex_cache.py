"""gilint.regex: patterns compiled from the on-disk cache behave as ``re.compile`` made them."""

from __future__ import annotations

import dataclasses
import re
import types
from pathlib import Path

import pytest

from gilint import regex

PATTERNS = [
    (r"(?P<year>\d{4})年(?:度)?", 0),
    (r"[一-龥]+(?=局|委)", 0),
    (r"gov\.cn", re.I),
    (rb"\s*<(?:!doctype\s+html|html)[\s>]", re.I | re.S),
]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of its own in ``tmp_path``, not loaded yet."""
    monkeypatch.setenv("GILINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regex, "_store", None)
    monkeypatch.setattr(regex, "_added", True)  # no exit handler: the test saves by hand
    return tmp_path


def test_a_pattern_from_the_cache_matches_as_re_compile_does(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for pattern, flags in PATTERNS:
        regex.compile(pattern, flags)
    regex._save()
    assert list(fresh.glob("patterns-*.marshal"))
    monkeypatch.setattr(regex, "_store", None)
    texts = ["2023年度报告", "青禾县市场监督管理局和卫健委", "WWW.GOV.CN", b"  <!DOCTYPE html>", b"<p>"]
    for pattern, flags in PATTERNS:
        cached, plain = regex.compile(pattern, flags), re.compile(pattern, flags)
        assert (cached.pattern, cached.flags, cached.groupindex) == (plain.pattern, plain.flags, plain.groupindex)
        for text in texts:
            if isinstance(text, type(pattern)):
                m, n = cached.search(text), plain.search(text)
                assert (m and (m.span(), m.groups())) == (n and (n.span(), n.groups()))
    assert len(regex._store or {}) == len(PATTERNS)


def test_a_damaged_cache_or_entry_is_compiled_again(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regex.compile(r"\d+件", 0)
    regex._save()
    path = next(fresh.glob("patterns-*.marshal"))
    path.write_bytes(b"\x00not marshal")
    monkeypatch.setattr(regex, "_store", None)
    assert regex.compile(r"\d+件").fullmatch("12件")
    store = regex._store
    assert store is not None
    store[(r"(\d)件", 0)] = (32, [1, 2, 3], 0, {}, (None,))  # a program the engine refuses
    assert regex.compile(r"(\d)件").fullmatch("1件").group(1) == "1"


def test_no_cache_when_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GILINT_CACHE_DIR", "")
    monkeypatch.setattr(regex, "_store", None)
    assert regex.compile(r"a+").fullmatch("aaa")
    assert regex._store is None


def test_dataclass_methods_from_the_code_cache_behave_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GILINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regex, "_codes", None)
    monkeypatch.setattr(regex, "_codes_added", True)  # no exit handler: the test saves by hand
    assert dataclasses.exec is regex._exec  # type: ignore[attr-defined]

    def make() -> type:
        @dataclasses.dataclass(frozen=True)
        class Cell:
            """A cell."""

            value: int
            raw: str = ""
            notes: list[str] = dataclasses.field(default_factory=list, compare=False)

        return Cell

    first = make()
    regex._write(regex._code_file(), regex._codes)
    assert list(tmp_path.glob("code-*.marshal"))
    monkeypatch.setattr(regex, "_codes", None)
    compiled: list[str] = []
    spy = types.SimpleNamespace(exec=exec, compile=lambda *a, **k: compiled.append(a[0]) or compile(*a, **k))
    monkeypatch.setattr(regex, "builtins", spy)
    second = make()
    assert compiled == []  # every method came from the cache
    a, b = first(1, "1"), second(1, "1")
    assert (repr(a), a == first(1, "1"), a != first(2), hash(a) == hash(first(1, "1"))) == (
        repr(b).replace(second.__qualname__, first.__qualname__),
        b == second(1, "1"),
        b != second(2),
        hash(b) == hash(second(1, "1")),
    )
    assert b.notes == [] and b.notes is not second(1).notes
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.value = 2  # type: ignore[misc]


def test_no_code_cache_when_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GILINT_CACHE_DIR", "")
    monkeypatch.setattr(regex, "_codes", None)

    @dataclasses.dataclass
    class Plain:
        """A record."""

        n: int

    assert Plain(3) == Plain(3)
    assert regex._codes is None


@pytest.fixture
def kept_fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``regex.kept``'s values in ``tmp_path``, none loaded yet, saved by hand."""
    monkeypatch.setenv("GILINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regex, "_kept", {})
    monkeypatch.setattr(regex, "_kept_added", {"registered"})  # no exit handler: the test saves by hand
    return tmp_path


def test_a_kept_value_is_read_back_in_a_later_process(kept_fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []

    def build() -> dict[str, object]:
        built.append(1)
        return {"select": ["GI3"], "rules": {"GI204": {"deadline": "03-31"}}, "pairs": (frozenset("ab"), 2.5)}

    first = regex.kept("test", (b"select", 1), build)
    regex._save_kept()
    assert list(kept_fresh.glob("test-*.marshal"))
    monkeypatch.setattr(regex, "_kept", {})  # as a new process
    again = regex.kept("test", (b"select", 1), build)
    assert built == [1] and again == first
    again["select"].append("GI4")  # type: ignore[attr-defined]
    assert regex.kept("test", (b"select", 1), build) == first  # each caller has a value of its own
    assert regex.kept("test", (b"select", 2), build) == first and built == [1, 1]  # another key: built


def test_a_value_marshal_cannot_write_or_a_damaged_file_is_built(
    kept_fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime

    built: list[int] = []

    def dated() -> dict[str, object]:
        built.append(1)
        return {"day": datetime.date(2024, 1, 31)}

    assert (
        regex.kept("test", "dated", dated) == regex.kept("test", "dated", dated) == {"day": datetime.date(2024, 1, 31)}
    )
    assert built == [1, 1]
    regex.kept("test", "plain", lambda: [1, 2])
    regex._save_kept()
    next(kept_fresh.glob("test-*.marshal")).write_bytes(b"\x00not marshal")
    monkeypatch.setattr(regex, "_kept", {})
    assert regex.kept("test", "plain", lambda: [3]) == [3]


def test_nothing_kept_when_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GILINT_CACHE_DIR", "")
    monkeypatch.setattr(regex, "_kept", {})
    assert regex.kept("test", "k", lambda: 1) == 1 and regex._kept == {}


LEADING = [
    r"(?P<num>(?<![0-9０-９])[0-9０-９]+|(?<![一二三])[一二三十]+)(?P<unit>[件条])|[为是](?P<zero>零|0)(?=[，。]|$)",
    r"全年|本年|\d{4}年|共|本(?:机关|局)|[市区县]政府",
    r"(?P<f0>(?:收到|受理)(?:了)?申请(?!人))$|(?P<f1>(?:办结|答复)(?:的)?(?:申请)?)$",
    r"(?:a|b?)c+",
    r"x*?y{2,3}|\s[^z]",
    r"(a)\1|b",
]
TEXTS = [
    "",
    "共收到申请13件，其中一件为零。",
    "2023年全年共办结十二件",
    "市政府本局受理申请人申请",
    "aabcc yyy xyy  z",
    "abaab",
]


@pytest.mark.parametrize("pattern", LEADING)
def test_a_leading_pattern_matches_as_the_pattern_does(pattern: str) -> None:
    led = re.compile(regex.leading(pattern))
    plain = re.compile(pattern)
    assert led.groupindex == plain.groupindex and led.groups == plain.groups
    for text in TEXTS:
        for pos in range(len(text) + 1):
            m, n = led.search(text, pos), plain.search(text, pos)
            assert (m and (m.span(), m.groups(), m.lastgroup)) == (n and (n.span(), n.groups(), n.lastgroup))


def test_leading_says_first_what_a_match_starts_with_or_leaves_the_pattern() -> None:
    assert regex.leading(r"\d{4}年|共") == r"(?=[\d共])(?:\d{4}年|共)"
    assert regex.leading(r"(?:a|b?)c") == r"(?=[abc])(?:(?:a|b?)c)"  # b? may be empty: c starts it too
    assert regex.leading(r"(?<!x)[0-9]+") == r"(?=[0-9])(?:(?<!x)[0-9]+)"
    for pattern in (r"a*", r".x", r"[^a]b", r"(?i)abc", r"(?:a|)", r"\1(a)", "(?x) a b"):
        assert regex.leading(pattern) == pattern


@pytest.mark.parametrize("pattern", [p for p in LEADING if regex.leading(p) != p])
def test_first_matches_a_character_wherever_a_match_of_the_pattern_starts(pattern: str) -> None:
    first, plain = regex.first(pattern), re.compile(pattern)
    for text in TEXTS:
        for pos in range(len(text)):
            if plain.match(text, pos):
                assert first.match(text, pos), (text, pos)


def test_first_is_one_character_of_those_a_match_starts_with_or_refused() -> None:
    first = regex.first(r"(?:[、，]|以及|和)+")
    assert [ch for ch in "、，以及和与x" if first.fullmatch(ch)] == ["、", "，", "以", "和"]
    for pattern in (r"a*", r".x", r"(?:a|)"):
        with pytest.raises(ValueError, match="no first characters"):
            regex.first(pattern)
