"""``report.html``: one self-contained page (inline CSS and JavaScript, nothing fetched) for the office
that reads the audit: totals, a sortable table of agencies (worst first), one row per report, the
findings per rule, and each report's findings with the source line they point at.

Every text from a report (agency, path, message, excerpt) is untrusted: it is HTML-escaped and only
ever placed as text; the script never builds markup from data. A Content-Security-Policy admits the
page's own script only (by its hash), so even markup that slipped through could not run.

Sorting: click a column header (or press Enter on it); the order is kept in the address as
``#sort=TABLE:COLUMN:asc|desc`` (TABLE is ``agencies``, ``reports`` or ``rules``), and opening the page
with such an address sorts it on load. The page sets ``data-ready="1"`` on ``<html>`` when its script
has run, and ``data-js-error`` if a script error occurred.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from html import escape

from gilint.audit.outputs import STATUS_WORDS, Results, StoredDiagnostic
from gilint.model import Diagnostic
from gilint.reporters import SEVERITY_WORDS, clean

LABELS = {
    "zh": {"title": "政府信息公开工作年度报告审核结果", "run": "第 {} 次审核", "reports": "报告",
           "agencies": "机关", "rules": "按规则统计", "details": "各报告的问题", "agency": "机关", "year": "年度",
           "years": "年度", "file": "文件", "version": "格式", "status": "状态", "top": "主要问题",
           "count": "报告数", "code": "代码", "severity": "级别", "summary": "说明", "findings": "诊断数",
           "where": "位置", "message": "说明", "excerpt": "原文", "filter": "筛选报告（机关、文件、代码）",
           "unreadable": "无法检查", "none": "未发现问题", "generated": "生成于", "hint": "提示",
           "damage": "转换损坏", "cross": "跨年度", "nojs": "排序需要启用 JavaScript；表格内容不受影响。",
           "sort": "点击表头排序"},
    "en": {"title": "Audit of government information-disclosure annual reports", "run": "audit run {}",
           "reports": "Reports", "agencies": "Agencies", "rules": "Findings by rule", "details": "Findings per report",
           "agency": "agency", "year": "year", "years": "years", "file": "file", "version": "format",
           "status": "status", "top": "top codes", "count": "reports", "code": "code", "severity": "severity",
           "summary": "summary", "findings": "findings", "where": "where", "message": "message",
           "excerpt": "source", "filter": "Filter reports (agency, file, code)", "unreadable": "not checked",
           "none": "no problems found", "generated": "generated", "hint": "hint", "damage": "converter damage",
           "cross": "cross-year", "nojs": "Sorting needs JavaScript; the tables are complete without it.",
           "sort": "click a header to sort"},
}

_CSS = """
:root{--err:#b42318;--warn:#b54708;--info:#175cd3;--line:#d0d5dd;--bg:#f9fafb;--fg:#101828;--muted:#475467}
*{box-sizing:border-box}
body{margin:0;padding:1.5rem 2rem 4rem;font:14px/1.55 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",
"Noto Sans CJK SC",sans-serif;color:var(--fg);background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);
padding-bottom:.3rem}h3{font-size:1rem;margin:1.4rem 0 .4rem;word-break:break-all}
.meta{color:var(--muted);margin:0 0 1rem}
nav a{margin-right:1rem}
.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.card{border:1px solid var(--line);border-radius:8px;padding:.6rem 1rem;min-width:7.5rem;background:var(--bg)}
.card b{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:var(--bg);position:sticky;top:0}
th[data-key]{cursor:pointer;user-select:none}
th[data-key]:after{content:" \\2195";color:#98a2b3}
th[aria-sort=ascending]:after{content:" \\2191";color:var(--fg)}
th[aria-sort=descending]:after{content:" \\2193";color:var(--fg)}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.path{word-break:break-all}
tr.clean td{color:var(--muted)}
.sev-error{color:var(--err);font-weight:600}.sev-warning{color:var(--warn);font-weight:600}
.sev-info{color:var(--info)}
.tag{display:inline-block;border:1px solid var(--line);border-radius:4px;padding:0 .3rem;margin-left:.3rem;
font-size:.8em;color:var(--muted)}
pre{margin:0;white-space:pre-wrap;word-break:break-all;font:12.5px/1.5 ui-monospace,Menlo,Consolas,monospace}
mark{background:#fde68a;color:inherit}
.hint{color:var(--muted)}
table.findings td:nth-child(-n+3){white-space:nowrap}
table.findings td:nth-child(5){width:45%}
input[type=search]{width:min(32rem,100%);padding:.35rem .5rem;border:1px solid var(--line);border-radius:6px}
@media print{th{position:static}nav,input[type=search],.nojs{display:none}}
"""

_JS = """
(function () {
  "use strict";
  var root = document.documentElement;
  window.addEventListener("error", function (e) {
    root.setAttribute("data-js-error", String((e && e.message) || "error"));
  });
  var collator = new Intl.Collator(root.lang || undefined, {numeric: true});
  function value(row, i) {
    var cell = row.cells[i];
    var v = cell.getAttribute("data-v");
    return v === null ? cell.textContent : v;
  }
  function sortBy(table, key, desc) {
    var head = table.tHead.rows[0].cells, i = -1, j;
    for (j = 0; j < head.length; j++) {
      if (head[j].getAttribute("data-key") === key) { i = j; }
    }
    if (i < 0) { return; }
    var numeric = head[i].getAttribute("data-type") === "num";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, i), y = value(b, i);
      var r = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : collator.compare(x, y);
      return desc ? -r : r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (j = 0; j < head.length; j++) { head[j].removeAttribute("aria-sort"); }
    head[i].setAttribute("aria-sort", desc ? "descending" : "ascending");
  }
  function fromHash() {
    var m = /^#sort=([a-z]+):([a-z_]+)(?::(asc|desc))?$/.exec(window.location.hash);
    var table = m && document.getElementById(m[1] + "-table");
    if (table) { sortBy(table, m[2], m[3] === "desc"); }
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var key = th.getAttribute("data-key");
      if (!key) { return; }
      th.tabIndex = 0;
      function go() {
        var now = th.getAttribute("aria-sort");
        var desc = now ? now === "ascending" : th.getAttribute("data-type") === "num";
        sortBy(table, key, desc);
        var hash = "#sort=" + table.id.replace(/-table$/, "") + ":" + key + ":" + (desc ? "desc" : "asc");
        try { window.history.replaceState(null, "", hash); } catch (e) { /* a file: page may refuse */ }
      }
      th.addEventListener("click", go);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); }
      });
    });
  });
  var filter = document.getElementById("filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      Array.prototype.forEach.call(document.getElementById("reports-table").tBodies[0].rows, function (r) {
        r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".nojs"), function (el) { el.hidden = true; });
  window.addEventListener("hashchange", fromHash);
  fromHash();
  root.setAttribute("data-ready", "1");
})();
"""


def _e(text: object) -> str:
    """``text`` as safe HTML text or attribute value: control and bidi characters replaced, escaped."""
    return escape(clean(str(text)), quote=True)


def _th(label: str, key: str | None = None, numeric: bool = False) -> str:
    attrs = f' data-key="{key}"' if key else ""
    attrs += ' data-type="num"' if numeric else ""
    return f"<th{attrs}>{_e(label)}</th>"


def _num(n: int | None, css: str = "n") -> str:
    return f'<td class="{css}" data-v="{n if n is not None else ""}">{"" if n is None else n}</td>'


def _where(d: Diagnostic) -> str:
    s = d.span
    if s.column is None and s.logical:
        return s.logical
    where = "" if s.line is None else (f"{s.line}:{s.column}" if s.column is not None else str(s.line))
    return f"p.{s.page} {where}".strip() if s.page is not None else (where or "—")


def _excerpt(f: StoredDiagnostic) -> str:
    """The source line with the diagnostic's span marked (when it is known and on this line)."""
    d = f.diagnostic
    text = d.excerpt
    if text is None:
        return ""
    s = d.span
    if s.column is None:
        return f"<pre>{_e(text)}</pre>"
    start = max(0, min(len(text), s.column - 1 - f.excerpt_start))
    end = len(text) if s.end_column is None or (s.end_line not in (None, s.line)) else s.end_column - f.excerpt_start
    end = max(start + 1, min(len(text), end))
    return f"<pre>{_e(text[:start])}<mark>{_e(text[start:end])}</mark>{_e(text[end:])}</pre>"


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:"


def render_page(results: Results, lang: str) -> str:
    """The whole page, in Chinese (``lang="zh"``) or English."""
    t, sev, status = LABELS[lang], SEVERITY_WORDS[lang], STATUS_WORDS[lang]
    run = results.run
    agencies = results.agencies
    unreadable = sum(r.row.status != "ok" for r in results.reports)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_csp(_JS)}">\n'
        f"<title>{_e(t['title'])}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
        f"<header><h1>{_e(t['title'])}</h1>\n<p class=\"meta\">{_e(t['run'].format(run['id']))} · gilint "
        f"{_e(run['gilint_version'])} · {_e(t['generated'])} {_e(run['ended'] or run['started'])}</p>\n",
        f'<nav><a href="#agencies">{_e(t["agencies"])}</a><a href="#reports">{_e(t["reports"])}</a>'
        f'<a href="#rules">{_e(t["rules"])}</a><a href="#details">{_e(t["details"])}</a></nav></header>\n',
        '<section class="cards">',
        *(f'<div class="card"><b>{n}</b>{_e(label)}</div>' for n, label in (
            (len(results.reports), t["reports"]), (len(agencies), t["agencies"]),
            (results.total("error"), sev["error"]), (results.total("warning"), sev["warning"]),
            (results.total("info"), sev["info"]), (unreadable, t["unreadable"]))),
        "</section>\n",
        f'<p class="nojs hint">{_e(t["nojs"])}</p>\n',
        _agency_table(results, lang),
        _report_table(results, lang),
        _rule_table(results, lang),
        f'<h2 id="details">{_e(t["details"])}</h2>\n',
    ]
    shown = [r for r in results.reports if r.findings]
    if not shown:
        parts.append(f"<p>{_e(t['none'])}</p>\n")
    for r in shown:
        row = r.row
        word = status.get(row.status, row.status)
        parts.append(f'<section class="report" id="r{row.id}"><h3>{_e(row.agency)} · {_e(row.year or "")} · '
                     f'<span class="path">{_e(row.path)}</span> <span class="tag">{_e(word)}</span></h3>\n')
        parts.append(_findings_table(r.findings, lang))
        parts.append("</section>\n")
    parts.append(f"<script>{_JS}</script>\n</body>\n</html>\n")
    return "".join(parts)


def _agency_table(results: Results, lang: str) -> str:
    t, sev = LABELS[lang], SEVERITY_WORDS[lang]
    rows = []
    for a in results.agencies:
        first = a.reports[0].row.id
        rows.append(f'<tr><td data-v="{_e(a.name)}"><a href="#r{first}">{_e(a.name)}</a></td>'
                    f"{_num(len(a.reports))}<td>{_e(a.year_span())}</td>"
                    f"{''.join(_num(a.count(s)) for s in ('error', 'warning', 'info'))}</tr>")
    head = "".join([_th(t["agency"], "agency"), _th(t["count"], "reports", True), _th(t["years"], "years"),
                    _th(sev["error"], "errors", True), _th(sev["warning"], "warnings", True),
                    _th(sev["info"], "infos", True)])
    return (f'<h2 id="agencies">{_e(t["agencies"])}</h2>\n<p class="hint">{_e(t["sort"])}</p>\n'
            f'<table class="sortable" id="agencies-table"><thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>\n")


def _report_table(results: Results, lang: str) -> str:
    t, sev, status = LABELS[lang], SEVERITY_WORDS[lang], STATUS_WORDS[lang]
    rows = []
    for r in results.reports:
        row = r.row
        name = f'<a href="#r{row.id}">{_e(row.path)}</a>' if r.findings else _e(row.path)
        top = " ".join(f"{code}×{n}" for code, n in r.top_codes())
        css = "" if r.findings else ' class="clean"'
        rows.append(f'<tr{css}><td>{_e(row.agency)}</td>{_num(row.year)}<td class="path" data-v="{_e(row.path)}">'
                    f"{name}</td>{_num(row.version)}{_num(row.errors)}{_num(row.warnings)}{_num(row.infos)}"
                    f"<td>{_e(status.get(row.status, row.status))}</td><td>{_e(top)}</td></tr>")
    head = "".join([_th(t["agency"], "agency"), _th(t["year"], "year", True), _th(t["file"], "path"),
                    _th(t["version"], "version", True), _th(sev["error"], "errors", True),
                    _th(sev["warning"], "warnings", True), _th(sev["info"], "infos", True),
                    _th(t["status"], "status"), _th(t["top"])])
    return (f'<h2 id="reports">{_e(t["reports"])}</h2>\n<input id="filter" type="search" '
            f'placeholder="{_e(t["filter"])}" aria-label="{_e(t["filter"])}">\n'
            f'<table class="sortable" id="reports-table"><thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>\n")


def _rule_table(results: Results, lang: str) -> str:
    t, sev = LABELS[lang], SEVERITY_WORDS[lang]
    rows = []
    for code, severity, n, reports in results.by_rule():
        rule = results.rules.get(code)
        summary = "" if rule is None else (rule.summary_en if lang == "en" else rule.summary_zh)
        rows.append(f'<tr><td>{_e(code)}</td><td class="sev-{severity}">{_e(sev[severity])}</td>'
                    f"<td>{_e(summary)}</td>{_num(n)}{_num(reports)}</tr>")
    head = "".join([_th(t["code"], "code"), _th(t["severity"], "severity"), _th(t["summary"], "summary"),
                    _th(t["findings"], "findings", True), _th(t["count"], "reports", True)])
    return (f'<h2 id="rules">{_e(t["rules"])}</h2>\n'
            f'<table class="sortable" id="rules-table"><thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>\n")


def _findings_table(findings: Sequence[StoredDiagnostic], lang: str) -> str:
    t, sev = LABELS[lang], SEVERITY_WORDS[lang]
    rows = []
    for f in findings:
        d = f.diagnostic
        tags = "".join(f'<span class="tag">{_e(label)}</span>' for label, on in (
            (t["damage"], d.damage), (t["cross"], f.series is not None)) if on)
        hint = d.hint(lang)
        message = _e(d.message(lang)) + tags + (f'<div class="hint">{_e(t["hint"])}: {_e(hint)}</div>' if hint else "")
        rows.append(f"<tr><td>{_e(_where(d))}</td><td>{_e(d.code)}</td>"
                    f'<td class="sev-{d.severity}">{_e(sev[d.severity])}</td><td>{message}</td>'
                    f"<td>{_excerpt(f)}</td></tr>")
    head = "".join(f"<th>{_e(t[k])}</th>" for k in ("where", "code", "severity", "message", "excerpt"))
    return (f'<table class="findings"><thead><tr>{head}</tr></thead>\n<tbody>\n' + "\n".join(rows)
            + "\n</tbody></table>\n")
