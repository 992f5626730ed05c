"""``--format full`` (the default): ruff's "full" shape, drawn with rich::

    fixtures/defects/GI103_arabic.txt:4:1: GI103 [sections] 错误: 部分编号写作“1、”，应为“一、”
      |
    4 | 1、总体情况
      | ^^^^
      |
      = 提示: 改为“一、总体情况”

The caret line is measured in display cells (a Chinese or full-width character is two cells wide,
tabs go to the next multiple of four), so it sits under the span in any terminal. A .docx/PDF
finding shows its logical location in the first line and the paragraph or cell text without a caret.
No colour unless the context asks for it (the CLI does when stdout is a terminal and NO_COLOR is unset);
each printed line is a list of (text, style) segments, drawn by rich in colour or joined as plain text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from gilint.model import Diagnostic
from gilint.reporters import (
    SEVERITY_WORDS,
    RenderContext,
    clean,
    counted,
    damage_tag,
    fixable,
    location,
    placed,
    summary,
    where_text,
    window,
)

TAB = 4
WIDTH = 100  # display cells for a source line when the terminal's width is not known
_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold blue"}
_GUTTER = "bold blue"
Line = list[tuple[str, str]]  # (text, rich style) segments


def _cells(text: str) -> int:
    """Display cells of ``text``, by rich's table of widths (imported only when a finding is drawn)."""
    from rich.cells import cell_len

    return cell_len(text)


def display(text: str) -> tuple[str, list[int]]:
    """``text`` as printed (tabs expanded, unsafe characters replaced) and the display cell at which
    each character starts (one more entry: where the text ends)."""
    out, cells = [], [0]
    for ch in text:
        shown = " " * (TAB - cells[-1] % TAB) if ch == "\t" else clean(ch)
        out.append(shown)
        cells.append(cells[-1] + _cells(shown))
    return "".join(out), cells


def caret(d: Diagnostic, cells: list[int], offset: int) -> tuple[int, int]:
    """(indent, width) in cells of the caret under ``d``'s span, ``offset`` characters having been cut
    from the start of the line."""
    s = d.span
    first = min(max((s.column or 1) - 1 - offset, 0), len(cells) - 1)
    if s.end_column is not None and (s.end_line is None or s.end_line == s.line):
        last = min(max(s.end_column - offset, first + 1), len(cells) - 1)
    elif s.end_line is not None and s.end_line > (s.line or 0):
        last = len(cells) - 1  # the span goes on past this line: underline to its end
    else:
        last = min(first + 1, len(cells) - 1)
    return cells[first], max(cells[last] - cells[first], 1)


def fit(line: str, column: int | None, budget: int) -> tuple[str, int]:
    """The part of ``line`` to show, at most ``budget`` cells wide with ``column`` about a quarter in,
    and how many characters were cut from its start."""
    excerpt, offset = window(line, column)
    _, cells = display(excerpt)
    if cells[-1] <= budget:
        return excerpt, offset
    first = min(max((column or 1) - 1 - offset, 0), len(excerpt))
    start = first
    while start > 0 and cells[first] - cells[start - 1] <= budget // 4:
        start -= 1
    end = start
    while end < len(excerpt) and cells[end + 1] - cells[start] <= budget:
        end += 1
    return excerpt[start:end], offset + start


def _source(d: Diagnostic, line: str, width: int) -> list[Line]:
    """The gutter, the source ``line`` and the caret line (or the node text of a .docx/PDF finding),
    the line cut to fit ``width`` cells."""
    s = d.span
    logical = s.column is None and s.logical
    pad = " " * (1 if logical else len(str(s.line)))
    excerpt, offset = fit(line, s.column, max(width - len(pad) - 5, 20))  # the gutter and two "…"
    text, cells = display(excerpt)
    lead = "…" if offset else ""
    tail = "…" if offset + len(excerpt) < len(line) else ""
    number = "" if logical else str(s.line)
    lines = [[(f"{pad} |", _GUTTER)], [(f"{number or pad} | ", _GUTTER), (lead + text + tail, "")]]
    if s.column is not None:
        indent, width = caret(d, cells, offset)
        lines.append([(f"{pad} | ", _GUTTER), (" " * (indent + _cells(lead)), ""), ("^" * width, _STYLE[d.severity])])
    return lines


def block(d: Diagnostic, lang: str, width: int = WIDTH, unsafe: bool = False) -> list[Line]:
    """Every line printed for one diagnostic."""
    style = _STYLE[d.severity]
    mark = [(" [*]", "bold cyan")] if fixable(d, unsafe) else []
    head = [
        (location(d, lang), "bold"),
        (": ", ""),
        (d.code, style),
        *mark,
        (f" [{d.category}] ", ""),
        (SEVERITY_WORDS[lang][d.severity], style),
        (": ", ""),
        (clean(counted(d, lang)), ""),
    ]
    if damage_tag(d, lang):
        head.append((damage_tag(d, lang), "magenta"))
    lines = [head]
    if d.excerpt is not None:
        lines += _source(d, d.excerpt, width)
    elif d.where is not None and d.where.text:  # an HTML finding: the text a reader sees there, not the markup
        lines += [[("  |", _GUTTER)], [("  | ", _GUTTER), (clean(d.where.text), "")]]
    hint = d.hint(lang)
    if hint:
        pad = " " * (len(str(d.span.line)) if d.excerpt is not None and d.span.column is not None else 1)
        if d.excerpt is not None:
            lines.append([(f"{pad} |", _GUTTER)])
        lines.append(
            [(f"{pad} = ", _GUTTER), ("提示" if lang == "zh" else "hint", "bold cyan"), (": ", ""), (clean(hint), "")]
        )
    if d.fix is not None:
        pad = " " * (len(str(d.span.line)) if d.excerpt is not None and d.span.column is not None else 1)
        kind = {"zh": {"safe": "修复", "unsafe": "不安全修复"}, "en": {"safe": "fix", "unsafe": "unsafe fix"}}
        lost = (
            ""
            if placed(d)
            else (
                "（无法在源文件中准确定位，不会自动应用）"
                if lang == "zh"
                else " (cannot be located exactly in the source: never applied)"
            )
        )
        lines.append(
            [
                (f"{pad} = ", _GUTTER),
                (kind[lang][d.fix.applicability], "bold cyan"),
                (": ", ""),
                (clean(d.fix.message(lang) + lost), ""),
            ]
        )
    place = where_text(d, lang)
    if place:
        pad = " " * (len(str(d.span.line)) if d.excerpt is not None and d.span.column is not None else 1)
        lines.append(
            [(f"{pad} = ", _GUTTER), ("位置" if lang == "zh" else "where", "bold cyan"), (": ", ""), (clean(place), "")]
        )
    for r in d.related if d.count > 1 else ():  # the other findings of a cascade
        pad = " " * (len(str(d.span.line)) if d.excerpt is not None and d.span.column is not None else 1)
        at = f"{r.span.line}:{r.span.column}" if r.span.column is not None else (r.span.logical or "")
        lines.append(
            [
                (f"{pad} = ", _GUTTER),
                ("同因" if lang == "zh" else "same cause", "bold cyan"),
                (": ", ""),
                (clean(f"{at} {r.label(lang)}"), ""),
            ]
        )
    return lines


def render(diagnostics: Sequence[Diagnostic], context: RenderContext) -> str:
    lines: list[Line] = []
    for d in diagnostics:
        lines += [*block(d, context.lang, context.width or WIDTH, context.unsafe_fixes), []]
    if not context.quiet:
        lines += [[(line, "bold")] for line in summary(diagnostics, context.lang, context.unsafe_fixes).split("\n")]
    elif lines:
        lines.pop()  # the blank line after the last finding
    return _coloured(lines) if context.color else "".join("".join(t for t, _ in line) + "\n" for line in lines)


def _coloured(lines: list[Line]) -> str:
    from rich.console import Console
    from rich.text import Text

    out = io.StringIO()
    console = Console(
        file=out,
        force_terminal=True,
        color_system="standard",
        soft_wrap=True,
        highlight=False,
        markup=False,
        emoji=False,
    )
    for line in lines:
        console.print(Text.assemble(*line))
    return out.getvalue()
