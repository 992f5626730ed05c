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
import json
from collections.abc import Iterator, Sequence
from html import escape

from gilint.audit.agencies import LEVEL_WORDS
from gilint.audit.db import StoredDiagnostic
from gilint.audit.indicators import FORMULAS, MIN_SAMPLE, RATES, Indicator
from gilint.audit.indicators import Row as IndicatorRow
from gilint.audit.results import (
    STATUS_WORDS,
    AgencyResult,
    ReportResult,
    Results,
    agency_name,
    indicator_rows,
    where,
)
from gilint.audit.roster import STATUS_WORDS as SUBMISSION_WORDS
from gilint.audit.roster import Submission
from gilint.reporters import SEVERITY_WORDS, clean

LABELS = {
    "zh": {
        "title": "政府信息公开工作年度报告审核结果",
        "run": "第 {} 次审核",
        "reports": "报告",
        "agencies": "机关",
        "rules": "按规则统计",
        "details": "各报告的问题",
        "agency": "机关",
        "year": "年度",
        "years": "年度",
        "file": "文件",
        "version": "格式",
        "status": "状态",
        "top": "主要问题",
        "count": "报告数",
        "code": "代码",
        "severity": "级别",
        "summary": "说明",
        "findings": "诊断数",
        "where": "位置",
        "message": "说明",
        "excerpt": "原文",
        "filter": "机关名称",
        "unreadable": "无法检查",
        "none": "未发现问题",
        "generated": "生成于",
        "hint": "提示",
        "damage": "转换损坏",
        "cross": "跨年度",
        "nojs": "排序需要启用 JavaScript；表格内容不受影响。",
        "sort": "点击表头排序",
        "grid": "提交情况（机关 × 年度）",
        "glossary": "规则说明",
        "all": "全部",
        "category": "类别",
        "search": "搜索机关",
        "hide-damage": "隐藏转换损坏",
        "shown": "显示报告",
        "errors": "{} 个错误",
        "unlisted": "不在名单中",
        "open": "点击机关名称展开其各年度报告和问题",
        "submission": "提交情况",
        "date": "报告日期",
        "counts": "{} 个错误，{} 个警告，{} 个提示",
        "indicators": "指标",
        "level": "级别",
        "rank": "同级排名",
        "few": "样本不足",
        "few-note": "办结（或已审结）不足 {} 件的比率标为“样本不足”，不参加排名；"
        "排名在同一级别、同一年度的机关之间，比率高者在前。",
        "show-indicators": "显示各机关各年度的指标表（{} 行，点击表头排序）",
    },
    "en": {
        "title": "Audit of government information-disclosure annual reports",
        "run": "audit run {}",
        "reports": "Reports",
        "agencies": "Agencies",
        "rules": "Findings by rule",
        "details": "Findings per report",
        "agency": "agency",
        "year": "year",
        "years": "years",
        "file": "file",
        "version": "format",
        "status": "status",
        "top": "top codes",
        "count": "reports",
        "code": "code",
        "severity": "severity",
        "summary": "summary",
        "findings": "findings",
        "where": "where",
        "message": "message",
        "excerpt": "source",
        "filter": "agency name",
        "unreadable": "not checked",
        "none": "no problems found",
        "generated": "generated",
        "hint": "hint",
        "damage": "converter damage",
        "cross": "cross-year",
        "nojs": "Sorting needs JavaScript; the tables are complete without it.",
        "sort": "click a header to sort",
        "grid": "Submissions (agency × year)",
        "glossary": "Rule glossary",
        "all": "all",
        "category": "category",
        "search": "agency",
        "hide-damage": "hide converter damage",
        "shown": "reports shown",
        "errors": "{} errors",
        "unlisted": "not listed",
        "open": "open an agency to see its reports and findings",
        "submission": "submission",
        "date": "date",
        "counts": "{} errors, {} warnings, {} infos",
        "indicators": "Indicators",
        "level": "level",
        "rank": "rank",
        "few": "too few",
        "few-note": 'A rate over fewer than {} cases (processed requests, decided cases) is marked "too few" and '
        "not ranked; ranks compare the agencies of one level and year, highest rate first.",
        "show-indicators": "show the indicators of every agency and year ({} rows; click a header to sort)",
    },
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
@media print{th{position:static}nav,#controls,.nojs{display:none}.big{content-visibility:visible}}
#controls{display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;align-items:center;padding:.6rem .8rem;margin:1rem 0;
border:1px solid var(--line);border-radius:8px;background:var(--bg);position:sticky;top:0;z-index:2}
#controls label{white-space:nowrap}
td.g-on-time{background:#ecfdf3}td.g-late{background:#fef0c7}td.g-missing{background:#fee4e2}
td.g-unreadable,td.g-undated{background:#f2f4f7}
details.agency{border:1px solid var(--line);border-radius:8px;padding:.3rem .8rem;margin:.5rem 0}
details.agency summary{cursor:pointer;font-weight:600}
abbr{text-decoration:underline dotted}
.big{content-visibility:auto;contain-intrinsic-size:auto 3000px}
td.few{color:var(--muted);font-style:italic}
ul.formulas{margin:.3rem 0;padding-left:1.2rem}
"""

_JS = """
(function () {
  "use strict";
  var root = document.documentElement;
  window.addEventListener("error", function (e) {
    root.setAttribute("data-js-error", String((e && e.message) || "error"));
  });
  var collator = new Intl.Collator(root.lang || undefined, {numeric: true});
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  var $ = function (id) { return document.getElementById(id); };
  var words = JSON.parse($("page-words").textContent);
  var agencyData = null;
  var indicatorData = null;
  var state = {
    year: "", sev: ["error", "warning", "info"], cat: "", q: "", damage: "show", open: "", sort: "", ind: ""
  };

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

  // ------------------------------------------------------------ the address keeps the state
  function readHash() {
    var hash = window.location.hash.replace(/^#/, "");
    hash.split("&").forEach(function (part) {
      var at = part.indexOf("="), key = part.slice(0, at), v;
      if (at < 0 || !Object.prototype.hasOwnProperty.call(state, key)) { return; }
      try { v = decodeURIComponent(part.slice(at + 1)); } catch (e) { return; }
      state[key] = key === "sev" ? v.split(",").filter(Boolean) : v;
    });
  }
  function writeHash() {
    var parts = [];
    if (state.sort) { parts.push("sort=" + state.sort); }
    if (state.year) { parts.push("year=" + encodeURIComponent(state.year)); }
    if (state.sev.length !== 3) { parts.push("sev=" + state.sev.join(",")); }
    if (state.cat) { parts.push("cat=" + encodeURIComponent(state.cat)); }
    if (state.q) { parts.push("q=" + encodeURIComponent(state.q)); }
    if (state.damage === "hide") { parts.push("damage=hide"); }
    if (state.open) { parts.push("open=" + encodeURIComponent(state.open)); }
    if (state.ind) { parts.push("ind=1"); }
    var address = window.location.pathname + window.location.search + (parts.length ? "#" + parts.join("&") : "");
    try { window.history.replaceState(null, "", address); } catch (e) { /* a file: page may refuse */ }
  }

  // ------------------------------------------------------------ findings, rendered when an agency is opened
  function text(tag, content, css) {
    var el = document.createElement(tag);
    if (content !== undefined && content !== null) { el.textContent = String(content); }
    if (css) { el.className = css; }
    return el;
  }
  function excerpt(f) {
    var pre = document.createElement("pre"), t = f[8];
    if (t === null) { return pre; }
    if (f[9] === null) { pre.textContent = t; return pre; }
    pre.appendChild(document.createTextNode(t.slice(0, f[9])));
    pre.appendChild(text("mark", t.slice(f[9], f[10])));
    pre.appendChild(document.createTextNode(t.slice(f[10])));
    return pre;
  }
  function render(section) {
    if (section.getAttribute("data-rendered")) { return; }
    section.setAttribute("data-rendered", "1");
    if (!agencyData) { agencyData = JSON.parse($("agency-data").textContent); }
    var data = agencyData[Number(section.getAttribute("data-n"))];
    var box = section.querySelector(".findings-box");
    var history = document.createElement("table"), hrow = history.createTHead().insertRow(), hbody;
    history.className = "history";
    words.history.forEach(function (c) { hrow.appendChild(text("th", c)); });
    hbody = history.createTBody();
    data.forEach(function (report) {
      var tr = hbody.insertRow();
      tr.setAttribute("data-year", report.year);
      [report.year, report.submission, report.date].concat(report.counts, [report.status, report.path],
        report.indicators).forEach(function (v) { tr.appendChild(text("td", v)); });
    });
    box.appendChild(history);
    data.forEach(function (report) {
      var h = text("h4", report.year + " · " + report.path + " · " + report.status);
      h.setAttribute("data-year", report.year);
      box.appendChild(h);
      if (!report.findings.length) { return; }
      var table = document.createElement("table"), head = table.createTHead().insertRow();
      table.className = "findings";
      table.setAttribute("data-year", report.year);
      words.columns.forEach(function (c) { head.appendChild(text("th", c)); });
      var body = table.createTBody();
      report.findings.forEach(function (f) {
        // [where, code, severity, category, damage, series, message, hint, excerpt, mark start, mark end]
        var tr = body.insertRow();
        tr.setAttribute("data-sev", f[2]);
        tr.setAttribute("data-cat", f[3]);
        tr.setAttribute("data-damage", f[4] ? "1" : "0");
        tr.appendChild(text("td", f[0]));
        var code = text("td"), abbr = text("abbr", f[1]);
        abbr.title = (words.rules[f[1]] || "");
        code.appendChild(abbr);
        tr.appendChild(code);
        tr.appendChild(text("td", words.sev[f[2]], "sev-" + f[2]));
        var msg = text("td", f[6]);
        if (f[4]) { msg.appendChild(text("span", words.damage, "tag")); }
        if (f[5]) { msg.appendChild(text("span", words.cross, "tag")); }
        if (f[7]) { msg.appendChild(text("div", words.hint + ": " + f[7], "hint")); }
        tr.appendChild(msg);
        var src = document.createElement("td");
        src.appendChild(excerpt(f));
        tr.appendChild(src);
      });
      box.appendChild(table);
    });
  }

  // ------------------------------------------------------------ indicators, built when their view is opened
  function buildIndicators() {
    var view = $("indicators-view");
    view.open = true;
    if (view.getAttribute("data-rendered")) { return; }
    view.setAttribute("data-rendered", "1");
    if (!indicatorData) { indicatorData = JSON.parse($("indicator-data").textContent); }
    var table = document.createElement("table"), head = table.createTHead().insertRow(), body;
    table.id = "indicators-table";
    table.className = "sortable";
    words.indicators.forEach(function (c) {
      // [label, sort key, numeric, formula (hover)]
      var th = text("th", c[0]);
      th.setAttribute("data-key", c[1]);
      if (c[2]) { th.setAttribute("data-type", "num"); }
      if (c[3]) { th.title = c[3]; }
      head.appendChild(th);
    });
    body = table.createTBody();
    indicatorData.forEach(function (row) {
      // [agency, level, year, requests, [value, shown, numerator / denominator, rank, of] per rate]
      var tr = body.insertRow();
      tr.setAttribute("data-agency", row[0]);
      tr.setAttribute("data-years", String(row[2]));
      tr.appendChild(text("td", row[0]));
      tr.appendChild(text("td", row[1]));
      [row[2], row[3]].forEach(function (v) { tr.appendChild(text("td", v, "n")); });
      row.slice(4).forEach(function (rate) {
        var td = text("td", rate[1], rate[1] === words.few ? "n few" : "n");
        td.setAttribute("data-v", rate[0] === null ? "" : String(rate[0]));
        if (rate[2]) { td.title = rate[2]; }
        tr.appendChild(td);
        var rank = text("td", rate[3] ? rate[3] + "/" + rate[4] : "", "n");
        rank.setAttribute("data-v", rate[3] === null ? "" : String(rate[3]));
        tr.appendChild(rank);
      });
    });
    $("indicators-box").appendChild(table);
    sortable(table);
  }

  // ------------------------------------------------------------ filters
  function matches(el) {
    var q = state.q.trim().toLowerCase();
    var agency = (el.getAttribute("data-agency") || "").toLowerCase();
    return q === "" || agency.indexOf(q) >= 0;
  }
  function hasAny(el, attr, wanted) {
    var have = (el.getAttribute(attr) || "").split(" ");
    return wanted.some(function (w) { return have.indexOf(w) >= 0; });
  }
  function apply() {
    var year = state.year, allSev = state.sev.length === 3;
    each(document.querySelectorAll("#reports-table tbody tr"), function (r) {
      var ok = matches(r) && (!year || r.getAttribute("data-year") === year);
      if (ok && !allSev) { ok = hasAny(r, "data-sevs", state.sev); }
      if (ok && state.cat) { ok = hasAny(r, "data-cats", [state.cat]); }
      r.hidden = !ok;
    });
    each(document.querySelectorAll("#agencies-table tbody tr, #grid-table tbody tr, #indicators-table tbody tr"),
      function (r) {
        r.hidden = !matches(r) || (year !== "" && !hasAny(r, "data-years", [year]));
      });
    each(document.querySelectorAll("#grid-table [data-col]"), function (c) {
      c.hidden = year !== "" && c.getAttribute("data-col") !== year;
    });
    each(document.querySelectorAll("details.agency"), function (d) {
      d.hidden = !matches(d) || (year !== "" && !hasAny(d, "data-years", [year]));
      if (state.open && d.getAttribute("data-n") === state.open) { d.open = true; }
      if (d.open) { render(d); }
      each(d.querySelectorAll("[data-year]"), function (el) {
        el.hidden = year !== "" && el.getAttribute("data-year") !== year;
      });
      each(d.querySelectorAll("tr[data-sev]"), function (tr) {
        tr.hidden = state.sev.indexOf(tr.getAttribute("data-sev")) < 0 ||
          (state.cat !== "" && tr.getAttribute("data-cat") !== state.cat) ||
          (state.damage === "hide" && tr.getAttribute("data-damage") === "1");
      });
    });
    var shown = 0;
    each(document.querySelectorAll("#reports-table tbody tr"), function (r) { shown += r.hidden ? 0 : 1; });
    $("shown").textContent = String(shown);
  }
  var year = $("f-year"), cat = $("f-cat"), q = $("f-q"), damage = $("f-damage");
  function sync() {
    year.value = state.year;
    cat.value = state.cat;
    q.value = state.q;
    damage.checked = state.damage === "hide";
    each(document.querySelectorAll("input[name=sev]"), function (box) {
      box.checked = state.sev.indexOf(box.value) >= 0;
    });
  }
  function bind() {
    function changed() {
      state.year = year.value;
      state.cat = cat.value;
      state.q = q.value;
      state.damage = damage.checked ? "hide" : "show";
      state.sev = [];
      each(document.querySelectorAll("input[name=sev]"), function (box) {
        if (box.checked) { state.sev.push(box.value); }
      });
      apply();
      writeHash();
    }
    [year, cat, damage].forEach(function (el) { el.addEventListener("change", changed); });
    q.addEventListener("input", changed);
    each(document.querySelectorAll("input[name=sev]"), function (box) { box.addEventListener("change", changed); });
    each(document.querySelectorAll("details.agency"), function (d) {
      d.addEventListener("toggle", function () {
        if (d.open) { render(d); apply(); state.open = d.getAttribute("data-n"); writeHash(); }
      });
    });
    $("indicators-view").addEventListener("toggle", function () {
      var open = $("indicators-view").open;
      if (open === Boolean(state.ind)) { return; }
      state.ind = open ? "1" : "";
      if (open) { buildIndicators(); apply(); }
      writeHash();
    });
  }

  function sortable(table) {
    each(table.tHead.rows[0].cells, function (th) {
      var key = th.getAttribute("data-key");
      if (!key) { return; }
      th.tabIndex = 0;
      function go() {
        var now = th.getAttribute("aria-sort");
        var desc = now ? now === "ascending" : th.getAttribute("data-type") === "num";
        sortBy(table, key, desc);
        state.sort = table.id.replace(/-table$/, "") + ":" + key + ":" + (desc ? "desc" : "asc");
        writeHash();
      }
      th.addEventListener("click", go);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); }
      });
    });
  }
  each(document.querySelectorAll("table.sortable"), sortable);
  function fromHash() {
    readHash();
    var m = /^([a-z]+):([a-z_]+)(?::(asc|desc))?$/.exec(state.sort);
    if (state.ind || (m && m[1] === "indicators")) { state.ind = "1"; buildIndicators(); }
    var table = m && $(m[1] + "-table");
    if (table) { sortBy(table, m[2], m[3] === "desc"); }
    sync();
    apply();
  }
  each(document.querySelectorAll(".nojs"), function (el) { el.hidden = true; });
  $("controls").hidden = false;
  bind();
  window.addEventListener("hashchange", fromHash);
  fromHash();
  root.setAttribute("data-ready-ms", String(Math.round(window.performance.now())));
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


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:"


def page_parts(results: Results, lang: str, indicators: Sequence[IndicatorRow] | None = None) -> Iterator[str]:
    """The whole page, in Chinese (``lang="zh"``) or English, in chunks (the findings are read from the
    database one agency at a time); ``indicators`` are the run's (``indicator_rows``), when computed."""
    t, sev = LABELS[lang], SEVERITY_WORDS[lang]
    run = results.run
    agencies = results.agencies
    unreadable = sum(r.row.status != "ok" for r in results.reports)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_csp(_JS)}">\n'
        f"<title>{_e(t['title'])}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
        f'<header><h1>{_e(t["title"])}</h1>\n<p class="meta">{_e(t["run"].format(run["id"]))} · gilint '
        f"{_e(run['gilint_version'])} · {_e(t['generated'])} {_e(run['ended'] or run['started'])}</p>\n",
        f'<nav><a href="#grid">{_e(t["grid"])}</a><a href="#agencies">{_e(t["agencies"])}</a>'
        f'<a href="#reports">{_e(t["reports"])}</a><a href="#rules">{_e(t["rules"])}</a>'
        f'<a href="#details">{_e(t["details"])}</a><a href="#indicators">{_e(t["indicators"])}</a>'
        f'<a href="#glossary">{_e(t["glossary"])}</a></nav></header>\n',
        '<section class="cards">',
        *(
            f'<div class="card"><b>{n}</b>{_e(label)}</div>'
            for n, label in (
                (len(results.reports), t["reports"]),
                (len([a for a in agencies if a.name]), t["agencies"]),
                (results.total("error"), sev["error"]),
                (results.total("warning"), sev["warning"]),
                (results.total("info"), sev["info"]),
                (unreadable, t["unreadable"]),
            )
        ),
        "</section>\n",
        f'<p class="nojs hint">{_e(t["nojs"])}</p>\n',
        _controls(results, lang),
        _grid(results, lang),
        _agency_table(agencies, lang),
    ]
    yield "".join(parts)
    yield from _report_table(results, lang)
    yield _rule_table(results, lang)
    ranked = indicator_rows(results) if indicators is None else indicators
    yield from _details(agencies, results, lang, ranked)
    yield from _indicators(ranked, lang)
    yield _glossary(results, lang)
    yield f'<script type="application/json" id="page-words">{_json(_words(results, lang))}</script>\n'
    yield f"<script>{_JS}</script>\n</body>\n</html>\n"


def _json(data: object) -> str:
    """``data`` as JSON safe inside a ``<script type="application/json">`` (no ``<``, ``>``, ``&``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _words(results: Results, lang: str) -> dict[str, object]:
    """What the script shows besides the data: column heads, severity words, rule summaries (hover)."""
    t = LABELS[lang]
    sev = SEVERITY_WORDS[lang]
    return {
        "columns": [t[k] for k in ("where", "code", "severity", "message", "excerpt")],
        "history": [
            t["year"],
            t["submission"],
            t["date"],
            sev["error"],
            sev["warning"],
            sev["info"],
            t["status"],
            t["file"],
            *(_indicator_word(name, lang) for name in ("requests", *RATES)),
        ],
        "indicators": [
            [t["agency"], "agency", 0, ""],
            [t["level"], "level", 0, ""],
            [t["year"], "year", 1, ""],
            *(
                column
                for name in ("requests", *RATES)
                for column in (
                    [[_indicator_word(name, lang), name, 1, _formula(name, lang)]]
                    + ([] if name == "requests" else [[t["rank"], name + "_rank", 1, ""]])
                )
            ),
        ],
        "few": t["few"],
        "sev": SEVERITY_WORDS[lang],
        "damage": t["damage"],
        "cross": t["cross"],
        "hint": t["hint"],
        "rules": {code: _summary(results, code, lang) for code in sorted({c for c, *_ in results.rule_counts})},
    }


def _summary(results: Results, code: str, lang: str) -> str:
    rule = results.rules.get(code)
    return "" if rule is None else clean(rule.summary_en if lang == "en" else rule.summary_zh)


def _years(results: Results) -> list[int]:
    return sorted(
        {r.row.year for r in results.reports if r.row.year is not None} | {s.year for s in results.submissions}
    )


def _controls(results: Results, lang: str) -> str:
    t, sev = LABELS[lang], SEVERITY_WORDS[lang]
    years = "".join(f'<option value="{y}">{y}</option>' for y in _years(results))
    cats = "".join(f'<option value="{_e(c)}">{_e(c)}</option>' for c in results.categories())
    boxes = "".join(
        f'<label><input type="checkbox" name="sev" value="{s}" checked> {_e(sev[s])}</label>'
        for s in ("error", "warning", "info")
    )
    return (
        f'<section id="controls" hidden><label>{_e(t["year"])} <select id="f-year"><option value="">'
        f'{_e(t["all"])}</option>{years}</select></label>{boxes}<label>{_e(t["category"])} <select id="f-cat">'
        f'<option value="">{_e(t["all"])}</option>{cats}</select></label><label>{_e(t["search"])} '
        f'<input id="f-q" type="search" placeholder="{_e(t["filter"])}" aria-label="{_e(t["search"])}"></label>'
        f'<label><input type="checkbox" id="f-damage"> {_e(t["hide-damage"])}</label>'
        f'<span>{_e(t["shown"])} <b id="shown">{len(results.reports)}</b></span></section>\n'
    )


def _grid(results: Results, lang: str) -> str:
    """Agency × year: the submission's status and the report's errors."""
    t, words = LABELS[lang], SUBMISSION_WORDS[lang]
    years = _years(results)
    errors: dict[tuple[str, int], int] = {}
    for r in results.reports:
        if r.row.agency and r.row.year is not None:
            key = (r.row.agency, r.row.year)
            errors[key] = errors.get(key, 0) + r.row.errors
    by_agency: dict[str, dict[int, Submission]] = {}
    for s in results.submissions:
        if s.agency:
            by_agency.setdefault(s.agency, {})[s.year] = s
    head = "".join(f'<th data-col="{y}">{y}</th>' for y in years)
    rows = []
    for name in sorted(by_agency):
        cells = []
        for y in years:
            got = by_agency[name].get(y)
            if got is None:
                cells.append(f'<td data-col="{y}"></td>')
                continue
            n = errors.get((name, y), 0)
            extra = (f" · {t['errors'].format(n)}" if n else "") + (f" · ×{got.copies}" if got.copies > 1 else "")
            cells.append(
                f'<td data-col="{y}" class="g-{got.status}" data-status="{got.status}">'
                f"{_e(words[got.status])}{_e(extra)}</td>"
            )
        listed = (
            "" if _listed(by_agency[name]) or not results.listed else f' <span class="tag">{_e(t["unlisted"])}</span>'
        )
        years_of = " ".join(str(y) for y in sorted(by_agency[name]))
        rows.append(
            f'<tr data-agency="{_e(name)}" data-years="{years_of}"><td>{_e(name)}{listed}</td>{"".join(cells)}</tr>'
        )
    return (
        f'<h2 id="grid">{_e(t["grid"])}</h2>\n<table id="grid-table"><thead><tr><th>{_e(t["agency"])}</th>'
        f"{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n"
    )


def _listed(years: dict[int, Submission]) -> bool:
    """Whether the agency of these submissions is on the list."""
    return any(s.listed for s in years.values())


def _agency_table(agencies: list[AgencyResult], lang: str) -> str:
    t, sev = LABELS[lang], SEVERITY_WORDS[lang]
    rows = []
    for n, a in enumerate(agencies):
        name = agency_name(a.name, lang) + ("" if a.name else f" ({a.reports[0].row.path})")
        years = " ".join(str(y) for y in a.years)
        rows.append(
            f'<tr data-agency="{_e(a.name or a.reports[0].row.path)}" data-years="{years}">'
            f'<td data-v="{_e(name)}"><a href="#open={n}">{_e(name)}</a></td>'
            f"{_num(len(a.reports))}<td>{_e(a.year_span())}</td>"
            f"{''.join(_num(a.count(s)) for s in ('error', 'warning', 'info'))}</tr>"
        )
    head = "".join(
        [
            _th(t["agency"], "agency"),
            _th(t["count"], "reports", True),
            _th(t["years"], "years"),
            _th(sev["error"], "errors", True),
            _th(sev["warning"], "warnings", True),
            _th(sev["info"], "infos", True),
        ]
    )
    return (
        f'<h2 id="agencies">{_e(t["agencies"])}</h2>\n<p class="hint">{_e(t["sort"])}</p>\n'
        f'<table class="sortable" id="agencies-table"><thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>\n"
    )


def _report_table(results: Results, lang: str) -> Iterator[str]:
    t, sev, status = LABELS[lang], SEVERITY_WORDS[lang], STATUS_WORDS[lang]
    head = "".join(
        [
            _th(t["agency"], "agency"),
            _th(t["year"], "year", True),
            _th(t["file"], "path"),
            _th(t["version"], "version", True),
            _th(sev["error"], "errors", True),
            _th(sev["warning"], "warnings", True),
            _th(sev["info"], "infos", True),
            _th(t["status"], "status"),
            _th(t["top"]),
        ]
    )
    yield (
        f'<h2 id="reports">{_e(t["reports"])}</h2>\n<div class="big">'
        f'<table class="sortable" id="reports-table"><thead><tr>{head}</tr></thead>\n<tbody>\n'
    )
    for n, r in enumerate(results.reports):
        row = r.row
        top = " ".join(f"{code}×{k}" for code, k in r.top)
        css = "" if r.top else ' class="clean"'
        yield (
            f'{"" if n == 0 else chr(10)}<tr{css} data-agency="{_e(row.agency or row.path)}" '
            f'data-year="{row.year or ""}" data-sevs="{" ".join(r.severities)}" '
            f'data-cats="{_e(" ".join(r.categories))}">'
            f"<td>{_e(agency_name(row.agency, lang))}</td>"
            f'{_num(row.year)}<td class="path" data-v="{_e(row.path)}">{_e(row.path)}</td>{_num(row.version)}'
            f"{_num(row.errors)}{_num(row.warnings)}{_num(row.infos)}"
            f"<td>{_e(status.get(row.status, row.status))}</td><td>{_e(top)}</td></tr>"
        )
    yield "\n</tbody></table></div>\n"


def _rule_table(results: Results, lang: str) -> str:
    t, sev = LABELS[lang], SEVERITY_WORDS[lang]
    rows = []
    for code, severity, n, reports in results.by_rule():
        rows.append(
            f'<tr><td><a href="#rule-{_e(code)}">{_e(code)}</a></td><td class="sev-{severity}">'
            f"{_e(sev[severity])}</td><td>{_e(_summary(results, code, lang))}</td>{_num(n)}"
            f"{_num(reports)}</tr>"
        )
    head = "".join(
        [
            _th(t["code"], "code"),
            _th(t["severity"], "severity"),
            _th(t["summary"], "summary"),
            _th(t["findings"], "findings", True),
            _th(t["count"], "reports", True),
        ]
    )
    return (
        f'<h2 id="rules">{_e(t["rules"])}</h2>\n'
        f'<table class="sortable" id="rules-table"><thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>\n"
    )


def _details(
    agencies: list[AgencyResult], results: Results, lang: str, ranked: Sequence[IndicatorRow]
) -> Iterator[str]:
    """Per agency: its history across years and its findings, kept as JSON and shown
    when the agency is opened (so that a page of 20,000 reports builds only what is looked at)."""
    t = LABELS[lang]
    subs: dict[str, dict[int, Submission]] = {}
    for s in results.submissions:
        if s.agency:
            subs.setdefault(s.agency, {})[s.year] = s
    by_report: dict[tuple[str, int | None, str], IndicatorRow] = {
        (row.agency, row.year, row.path): row for row in ranked
    }
    yield f'<h2 id="details">{_e(t["details"])}</h2>\n<p class="hint">{_e(t["open"])}</p>\n<div class="big">'
    for n, a in enumerate(agencies):
        name = agency_name(a.name, lang) + ("" if a.name else f" ({a.reports[0].row.path})")
        years = " ".join(str(y) for y in a.years)
        counts = t["counts"].format(a.count("error"), a.count("warning"), a.count("info"))
        yield (
            f'<details class="agency" id="a{n}" data-n="{n}" '
            f'data-agency="{_e(a.name or a.reports[0].row.path)}" data-years="{years}"><summary>{_e(name)}'
            f' · {_e(a.year_span())} · {_e(counts)}</summary><div class="findings-box"></div></details>\n'
        )
    yield "</div>\n"
    # one block for all (a browser's parser pauses at each script element: one per agency costs seconds),
    # written an agency at a time
    yield '<script type="application/json" id="agency-data">['
    for n, a in enumerate(agencies):
        reports = sorted(a.reports, key=lambda r: (r.row.year or 0, r.row.path))
        found = results.findings(reports)
        data = [
            _report_data(
                r, found.get(r.row.id, []), subs.get(a.name, {}), by_report.get((a.name, r.row.year, r.row.path)), lang
            )
            for r in reports
        ]
        yield ("," if n else "") + _json(data)
    yield "]</script>\n"
    if not results.rule_counts:
        yield f"<p>{_e(t['none'])}</p>\n"


def _report_data(
    r: ReportResult,
    findings: Sequence[StoredDiagnostic],
    subs: dict[int, Submission],
    indicators: IndicatorRow | None,
    lang: str,
) -> dict[str, object]:
    """One report of an agency as the script shows it: its line in the history, then its findings."""
    row = r.row
    s = subs.get(row.year) if row.year is not None else None
    return {
        "year": row.year or "",
        "path": clean(row.path),
        "status": STATUS_WORDS[lang].get(row.status, row.status),
        "submission": SUBMISSION_WORDS[lang][s.status] if s else "",
        "date": row.published or "",
        "counts": [row.errors, row.warnings, row.infos],
        "findings": [_finding(f, lang) for f in findings],
        "indicators": [""] * (1 + len(RATES)) if indicators is None else _indicator_texts(indicators, lang),
    }


def _indicator_word(name: str, lang: str) -> str:
    """The indicator's short name: 公开率, "disclosure rate"."""
    _, zh, en = FORMULAS[name]
    return zh.split("＝")[0] if lang == "zh" else en.split(" = ")[0]


def _formula(name: str, lang: str) -> str:
    """The indicator's formula in words and over table cell ids."""
    formula, zh, en = FORMULAS[name]
    return f"{zh if lang == 'zh' else en} [{formula}]"


def _rate_text(i: Indicator, lang: str) -> str:
    """A rate as the page shows it: "62.5%", "too few", or "" when it cannot be computed."""
    return LABELS[lang]["few"] if i.few else "" if i.value is None else f"{i.value:.1%}"


def _indicator_texts(row: IndicatorRow, lang: str) -> list[str]:
    """One report's indicators in its agency's history: requests, then each rate with its rank."""
    requests = row.indicators["requests"].value
    out = ["" if requests is None else str(int(requests))]
    for name in RATES:
        i = row.indicators[name]
        out.append(_rate_text(i, lang) + (f" ({i.rank}/{i.of})" if i.rank else ""))
    return out


def _indicators(ranked: Sequence[IndicatorRow], lang: str) -> Iterator[str]:
    """The indicators view: each formula, the "too few" rule, and every agency and year's indicators as
    JSON, built into a sortable table when the view is opened (the JSON written a row at a time)."""
    t = LABELS[lang]
    formulas = "".join(f"<li>{_e(_formula(name, lang))}</li>" for name in ("requests", *RATES))
    yield (
        f'<h2 id="indicators">{_e(t["indicators"])}</h2>\n<ul class="formulas">{formulas}</ul>\n'
        f'<p class="hint">{_e(t["few-note"].format(MIN_SAMPLE))}</p>\n'
        f'<details id="indicators-view"><summary>{_e(t["show-indicators"].format(len(ranked)))}</summary>'
        '<div id="indicators-box"></div></details>\n<script type="application/json" id="indicator-data">['
    )
    for n, row in enumerate(ranked):
        requests = row.indicators["requests"].value
        line: list[object] = [
            row.agency,
            LEVEL_WORDS[lang].get(row.level, row.level),
            row.year,
            None if requests is None else int(requests),
        ]
        for name in RATES:
            i = row.indicators[name]
            value = None if i.value is None else round(i.value, 6)
            line.append([value, _rate_text(i, lang), i.shown(), i.rank, i.of])
        yield ("," if n else "") + _json(line)
    yield "]</script>\n"


def _finding(f: StoredDiagnostic, lang: str) -> list[object]:
    """[where, code, severity, category, damage, cross-year, message, hint, excerpt, mark start, mark end]."""
    d = f.diagnostic
    text = None if d.excerpt is None else clean(d.excerpt)
    start = end = None
    s = d.span
    if text is not None and s.column is not None:
        start = max(0, min(len(text), s.column - 1 - f.excerpt_start))
        stop = len(text) if s.end_column is None or s.end_line not in (None, s.line) else s.end_column - f.excerpt_start
        end = max(start + 1, min(len(text), stop))
    return [
        where(d, lang),
        d.code,
        d.severity,
        d.category,
        int(d.damage),
        int(f.series is not None),
        clean(d.message(lang)),
        clean(d.hint(lang) or ""),
        text,
        start,
        end,
    ]


def _glossary(results: Results, lang: str) -> str:
    """Every rule code the page shows, with its summary and the first paragraph of its documentation."""
    t, sev = LABELS[lang], SEVERITY_WORDS[lang]
    rows = []
    for code in sorted({c for c, *_ in results.rule_counts}):
        rule = results.rules.get(code)
        if rule is None:
            rows.append(f'<tr id="rule-{_e(code)}"><td>{_e(code)}</td><td></td><td></td><td></td></tr>')
            continue
        doc = rule.doc.split("\n\n")[0].replace("\n", " ")
        rows.append(
            f'<tr id="rule-{_e(code)}"><td>{_e(code)}</td><td>{_e(rule.category)}</td>'
            f'<td class="sev-{rule.severity}">{_e(sev[rule.severity])}</td>'
            f'<td><b>{_e(_summary(results, code, lang))}</b><div class="hint">{_e(doc)}</div></td></tr>'
        )
    head = "".join(f"<th>{_e(x)}</th>" for x in (t["code"], t["category"], t["severity"], t["summary"]))
    return (
        f'<h2 id="glossary">{_e(t["glossary"])}</h2>\n<table id="glossary-table"><thead><tr>{head}</tr></thead>'
        "\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n"
    )
