"""Output formats. A reporter is ``render(diagnostics, context) -> str``: the whole text for stdout.

The built-in formats are imported only when chosen (``full`` needs rich, the others only the
standard library); packs add formats through the ``gilint_reporters`` hook.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from gilint import regex
from gilint.model import Diagnostic, Report
from gilint.rule import Rule
from gilint.text import path_text, window  # in gilint.text for the audit database; the formats import them here

BUILTIN = {
    "full": "gilint.reporters.full",
    "concise": "gilint.reporters.concise",
    "json": "gilint.reporters.json",
    "sarif": "gilint.reporters.sarif",
    "github": "gilint.reporters.github",
    "junit": "gilint.reporters.junit",
    "html": "gilint.reporters.html",
}
SEVERITY_WORDS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
# control characters (terminal escapes) and bidirectional overrides must not reach a terminal
_UNSAFE = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# lone surrogates are no text: JSON can carry them only as escapes
_SURROGATE = r"[\ud800-\udfff]"


@dataclass
class RenderContext:
    lang: str = "zh"  # "zh" or "en": which message and hint to print
    color: bool = False
    files: list[str] = field(default_factory=list)  # every file checked, in order (clean ones too)
    rules: list[Rule] = field(default_factory=list)  # every rule known to the run
    width: int | None = None  # the terminal's width in cells, when printing to one
    unsafe_fixes: bool = False  # --unsafe-fixes: unsafe fixes count as applicable
    quiet: bool = False  # -q: the findings only, no summary line
    help_uri: str | None = None  # --help-uri: a rule's documentation address, "{code}" replaced (SARIF helpUri)
    reports: dict[str, Report] = field(default_factory=dict)  # each checked file's structured report (html)


Reporter = Callable[[Sequence[Diagnostic], RenderContext], str]


def builtin(name: str) -> Reporter:
    return importlib.import_module(BUILTIN[name]).render  # type: ignore[no-any-return]


def find(name: str, packs: Mapping[str, Reporter]) -> Reporter | None:
    """The output format ``name``: a built-in one, else one of the packs' (``packs``, name -> render, as the
    engine collected them); None when there is none of that name."""
    return builtin(name) if name in BUILTIN else packs.get(name)


def clean(text: str) -> str:
    """``text`` safe for one output line: control characters and bidi overrides replaced by U+FFFD."""
    return _UNSAFE.sub("\ufffd", text.replace("\r\n", " ").replace("\n", " "))


def json_text(text: str) -> str:
    """JSON made with ``ensure_ascii=False`` and valid whatever its strings held: a lone surrogate (a byte
    of a file name that is not UTF-8) written as its ``\\uDCxx`` escape, which reads back to the same
    string."""
    return re.sub(_SURROGATE, lambda m: f"\\u{ord(m.group()):04x}", text) if not text.isascii() else text


def location(d: Diagnostic, lang: str = "zh") -> str:
    """``path:line:col`` (or, for .docx/PDF, ``path:`` and the page, table, row and column as a reader
    names them, "第3页 表三 “…”行 “…”列"; ``path`` for the whole file), printable."""
    s, path = d.span, path_text(d.path)
    if s.column is None and s.logical:
        label = d.where.label(lang) if d.where is not None else ""
        return f"{path}:{label or s.logical}"
    if s.line is None:
        return path
    return f"{path}:{s.line}:{s.column}" if s.column is not None else f"{path}:{s.line}"


def damage_tag(d: Diagnostic, lang: str) -> str:
    """ " (转换损坏)" / " (converter damage)" for converter damage, unless the message says so already."""
    if not d.damage:
        return ""
    said = "转换损坏" in d.message_zh if lang == "zh" else "damage" in d.message_en.lower()
    return "" if said else " (转换损坏)" if lang == "zh" else " (converter damage)"


def counted(d: Diagnostic, lang: str) -> str:
    """The message, with how many findings of one root cause it stands for (a cascade reported once)."""
    if d.count <= 1:
        return d.message(lang)
    return (
        f"{d.message_zh}（同一原因共 {d.count} 处）"
        if lang == "zh"
        else f"{d.message_en} ({d.count} findings of one cause)"
    )


def where_text(d: Diagnostic, lang: str) -> str | None:
    """The reader's location of ``d`` when the source location does not already say it (a text
    location: section and paragraph, or table, row and column); None when there is none."""
    if d.where is None or (d.span.column is None and d.span.logical):
        return None
    return d.where.label(lang) or None


def short_excerpt(d: Diagnostic, most: int = 120) -> str | None:
    """A plain-text excerpt of at most ``most`` characters: the reader's text there, else the source
    line around the column."""
    text = d.where.text if d.where is not None and d.where.text else None
    if text is None and d.excerpt is not None:
        text, _ = window(d.excerpt, d.span.column)
    if text is None:
        return None
    return text if len(text) <= most else text[:most] + "…"


def placed(d: Diagnostic) -> bool:
    """Whether ``d`` has a fix whose every edit was located in the source (else it is never applied)."""
    return d.fix is not None and all(e.span is not None for e in d.fix.edits)


def fixable(d: Diagnostic, unsafe: bool = False) -> bool:
    """Whether ``gilint check --fix`` (with ``--unsafe-fixes`` when ``unsafe``) would apply ``d``'s fix."""
    return placed(d) and (d.fix.applicability == "safe" or unsafe)  # type: ignore[union-attr]


def headline(d: Diagnostic, lang: str, unsafe: bool = False) -> str:
    """``path:line:col: CODE [*] [category] 错误: message (转换损坏)`` (the concise format's line);
    ``[*]`` marks a finding ``--fix`` would mend."""
    mark = " [*]" if fixable(d, unsafe) else ""
    return clean(
        f"{location(d, lang)}: {d.code}{mark} [{d.category}] {SEVERITY_WORDS[lang][d.severity]}: "
        f"{counted(d, lang)}{damage_tag(d, lang)}"
    )


def summary(diagnostics: Sequence[Diagnostic], lang: str, unsafe: bool = False) -> str:
    """ "共 3 个错误，1 个警告" / "Found 3 errors, 1 warning"; "未发现问题" / "No problems found"; then,
    when some can be fixed, a line saying how many ``--fix`` (and ``--unsafe-fixes``) would mend."""
    counts = {s: sum(d.severity == s for d in diagnostics) for s in ("error", "warning", "info")}
    if not diagnostics:
        return "未发现问题" if lang == "zh" else "No problems found"
    if lang == "zh":
        line = "共 " + "，".join(f"{n} 个{SEVERITY_WORDS['zh'][s]}" for s, n in counts.items() if n)
    else:
        line = "Found " + ", ".join(f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items() if n)
    safe = sum(fixable(d, unsafe) for d in diagnostics)
    hidden = sum(fixable(d, True) for d in diagnostics) - safe
    option = "--fix --unsafe-fixes" if unsafe else "--fix"
    notes = []
    if safe:
        notes.append(
            f"其中 {safe} 个可用 {option} 自动修复" if lang == "zh" else f"{safe} fixable with the {option} option"
        )
    if hidden:
        notes.append(
            f"另有 {hidden} 个不安全修复可用 --unsafe-fixes 启用"
            if lang == "zh"
            else f"{hidden} hidden fixes can be enabled with the --unsafe-fixes option"
        )
    if notes:
        line += "\n[*] " + ("；" if lang == "zh" else "; ").join(notes)
    return line
