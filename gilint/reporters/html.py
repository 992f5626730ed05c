"""``--format html``: one self-contained page for a report's author, who writes in Word and never sees a
terminal. Each checked report is shown as a reader sees it — its paragraphs and its tables, rendered
simply — with every finding marked where it is (the paragraph's words, or the table cell, numbered) and
explained beside it: what was seen, what was expected, the hint, where it is in reader's words.

No script, no external file: the page is HTML and CSS only, and every text from a report is escaped.
It needs the structured reports (``RenderContext.reports``, which ``gilint check`` fills); a file
whose report is missing (it could not be read) shows its findings only.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from gilint.locate import Locator
from gilint.model import Diagnostic, Node, Report
from gilint.reporters import SEVERITY_WORDS, RenderContext, counted, damage_tag, path_text, summary, where_text

_WORDS = {
    "zh": {
        "title": "政府信息公开工作年度报告检查结果",
        "file": "文件级问题",
        "hint": "提示",
        "where": "位置",
        "fix": "可自动修复",
        "none": "未发现问题",
        "same": "同一原因的其他位置",
        "intro": "左侧是报告正文（按读者看到的样子显示），有问题的地方已标出编号；右侧逐条说明看到了什么、应当是什么。",
    },
    "en": {
        "title": "Annual report check results",
        "file": "about the whole file",
        "hint": "hint",
        "where": "where",
        "fix": "can be fixed automatically",
        "none": "No problems found",
        "same": "other places of the same cause",
        "intro": "On the left, the report as a reader sees it, each problem marked with its number; on the right, "
        "what was seen and what was expected.",
    },
}

_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;margin:0;background:#f4f4f2;
color:#222;line-height:1.6}
header.run{background:#1f3a5f;color:#fff;padding:12px 24px}header.run h1{font-size:20px;margin:0}
header.run p{margin:4px 0 0;font-size:13px;opacity:.9}
section.report{background:#fff;margin:18px 24px;border:1px solid #ccc;border-radius:4px}
section.report>h2{font-size:16px;margin:0;padding:10px 16px;background:#e9edf2;border-bottom:1px solid #ccc}
section.report>h2 small{font-weight:normal;color:#555;margin-left:12px}
.block{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);border-bottom:1px solid #f0f0f0}
.doc{padding:2px 16px}.notes{padding:2px 12px;background:#fafafa;border-left:1px solid #eee}
.doc p{margin:4px 0}.doc p.heading{font-weight:bold;margin-top:10px}
table.t{border-collapse:collapse;margin:6px 0;font-size:13px}table.t td{border:1px solid #999;padding:2px 6px}
mark{background:#ffe08a;padding:0 1px}mark.error,td.error{background:#ffc9c9}mark.warning,td.warning{background:#ffe08a}
mark.info,td.info{background:#cfe3ff}
.badge{text-decoration:none;display:inline-block;min-width:18px;border-radius:9px;background:#c92a2a;color:#fff;font-size:11px;
text-align:center;margin:0 2px;padding:0 4px;vertical-align:super;line-height:16px}
.badge.warning{background:#e67700}.badge.info{background:#1c7ed6}
.note{margin:6px 0;padding:6px 8px;border-left:4px solid #c92a2a;background:#fff;font-size:13px}
.note.warning{border-color:#e67700}.note.info{border-color:#1c7ed6}
.note b.code{font-family:monospace}.note .meta{color:#555}.note ul{margin:2px 0 0 18px;padding:0}
.filewide{padding:4px 16px;background:#fff8e6}.doc p.page{text-align:center;color:#888;font-size:12px}
"""


def _badge(n: int, d: Diagnostic) -> str:
    """The number marking finding ``n`` where it is, linking to its explanation."""
    return f'<a class="badge {d.severity}" id="f{n}" href="#n{n}">{n}</a>'


def _note(n: int, d: Diagnostic, lang: str) -> str:
    """The explanation of finding ``n``: code, severity, message, hint, place, fix, a cascade's places."""
    words = _WORDS[lang]
    parts = [
        f'<div class="note {d.severity}" id="n{n}"><a class="badge {d.severity}" href="#f{n}">{n}</a> '
        f'<b class="code">{escape(d.code)}</b> '
        f'<span class="meta">[{escape(d.category)}] {SEVERITY_WORDS[lang][d.severity]}</span><br>'
        f"{escape(counted(d, lang) + damage_tag(d, lang))}"
    ]
    hint = d.hint(lang)
    if hint:
        parts.append(f"<br><i>{words['hint']}</i>: {escape(hint)}")
    place = d.where.label(lang) if d.where is not None else where_text(d, lang)
    if place:
        parts.append(f"<br><i>{words['where']}</i>: {escape(place)}")
    if d.fix is not None:
        parts.append(f"<br><i>{words['fix']}</i>: {escape(d.fix.message(lang))}")
    if d.count > 1 and d.related:
        items = "".join(f"<li>{escape(r.label(lang))}</li>" for r in d.related)
        parts.append(f"<br><i>{words['same']}</i>:<ul>{items}</ul>")
    return "".join(parts) + "</div>"


def _marked(node: Node, found: list[tuple[int, Diagnostic]]) -> str:
    """A text node's words, each finding's characters marked when its span says which (text, Markdown),
    else the whole paragraph; each finding's number after its mark."""
    text = node.text
    ranges = []
    for n, d in found:
        s, base = d.span, node.span.column
        exact = node.exact and base is not None and s.column is not None and s.line == node.span.line
        if exact and s.end_column is not None and (s.end_line in (None, s.line)):
            start, end = s.column - base, s.end_column - base + 1  # type: ignore[operator]
        else:
            start, end = 0, len(text)
        ranges.append((max(start, 0), min(max(end, start + 1), len(text)), n, d))
    out, at = [], 0
    for start, end, n, d in sorted(ranges, key=lambda r: (r[0], r[2])):
        if start < at:  # overlaps the mark before: its number only
            out.append(_badge(n, d))
            continue
        out.append(escape(text[at:start]))
        out.append(f'<mark class="{d.severity}">{escape(text[start:end])}</mark>{_badge(n, d)}')
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def _blocks(report: Report, marks: dict[int, list[tuple[int, Diagnostic]]]) -> list[tuple[str, list[int]]]:
    """The report as (HTML of a paragraph or a table, the node indexes it shows), in reading order. The
    cells of one file table (or of one source line of a text report) make a row; consecutive rows a table."""
    nodes = report.stream.nodes
    heads = {report.stream.node_index(s.start) for s in (*report.sections, *report.stray_headings)}
    out: list[tuple[str, list[int]]] = []
    i, page = 0, None
    while i < len(nodes):
        node = nodes[i]
        if node.span.page is not None and node.span.page != page:  # a PDF's page begins
            page = node.span.page
            out.append((f'<p class="page">— {page} —</p>', []))
        if node.kind != "cell":
            cls = ' class="heading"' if i in heads else ""
            out.append((f"<p{cls}>{_marked(node, marks.get(i, []))}</p>", [i]))
            i += 1
            continue
        rows: list[list[int]] = []
        while i < len(nodes) and nodes[i].kind == "cell" and nodes[i].span.page == node.span.page:
            key = _row_key(nodes[i])
            if rows and _row_key(nodes[rows[-1][-1]]) == key:
                rows[-1].append(i)
            else:
                rows.append([i])
            i += 1
        html_rows = []
        for row in rows:
            cells = []
            for k in row:
                found = marks.get(k, [])
                cls = f' class="{found[0][1].severity}"' if found else ""
                badges = "".join(_badge(n, d) for n, d in found)
                cells.append(f"<td{cls}>{escape(nodes[k].text)}{badges}</td>")
            html_rows.append(f"<tr>{''.join(cells)}</tr>")
        out.append((f'<table class="t">{"".join(html_rows)}</table>', [k for row in rows for k in row]))
    return out


def _row_key(node: Node) -> tuple[object, ...]:
    if node.table is not None:
        return ("table", node.table, node.row)
    return ("line", node.span.page, node.span.line)


def _report_section(path: str, found: list[Diagnostic], report: Report | None, lang: str, first: int) -> str:
    words = _WORDS[lang]
    title = escape(path_text(path))
    counts = escape(summary(found, lang).split("\n")[0])
    parts = [f'<section class="report"><h2>{title}<small>{counts}</small></h2>']
    numbered = list(enumerate(found, first))
    marks: dict[int, list[tuple[int, Diagnostic]]] = {}
    filewide: list[tuple[int, Diagnostic]] = []
    if report is not None:
        locator = Locator(report)
        for n, d in numbered:
            at = locator.node_of(d.span)
            if at is None:
                filewide.append((n, d))
            else:
                marks.setdefault(at[0], []).append((n, d))
    else:
        filewide = numbered
    if filewide:
        notes = "".join(_note(n, d, lang) for n, d in filewide)
        parts.append(
            f'<div class="block"><div class="doc filewide">{words["file"]}</div><div class="notes">{notes}</div></div>'
        )
    if report is not None:
        for html, shown in _blocks(report, marks):
            notes = "".join(_note(n, d, lang) for k in shown for n, d in marks.get(k, []))
            parts.append(f'<div class="block"><div class="doc">{html}</div><div class="notes">{notes}</div></div>')
    return "".join(parts) + "</section>"


def render(diagnostics: Sequence[Diagnostic], context: RenderContext) -> str:
    lang = context.lang
    words = _WORDS[lang]
    by_file: dict[str, list[Diagnostic]] = {path: [] for path in context.files}
    for d in diagnostics:
        by_file.setdefault(d.path, []).append(d)
    sections, first = [], 1
    for path, found in by_file.items():
        sections.append(_report_section(path, found, context.reports.get(path), lang, first))
        first += len(found)
    total = escape(summary(diagnostics, lang).split("\n")[0])
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{words['title']}</title><style>{_CSS}</style></head><body>"
        f'<header class="run"><h1>{words["title"]}</h1><p>{total}</p><p>{words["intro"]}</p></header>'
        f"{''.join(sections)}</body></html>\n"
    )
