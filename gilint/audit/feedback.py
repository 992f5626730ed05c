"""What each agency must fix: one feedback sheet per agency in ``--out/feedback/`` — what an office sends
back with its 整改 instructions.

``NAME.html`` is a printable page (A4; no script, nothing fetched): the agency, its level and deadline,
its submissions (on time, late, missing…), then per report each finding in plain words — where it is
(the diagnostic's location as the reader finds it), what was found, what is expected (the rule's hint),
the rule and the source text — with the damage a converter did listed apart, as not the report's own.
``NAME.csv`` (UTF-8 with BOM, for WPS and Excel) has the same rows, one per finding or submission
problem. A report of an unknown agency gets a sheet of its own (``未识别-ID``). Sheets of agencies no
longer in the audit are removed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from html import escape
from pathlib import Path

from gilint.audit.agencies import LEVEL_WORDS, guess_level
from gilint.audit.db import StoredDiagnostic
from gilint.audit.results import (
    STATUS_WORDS,
    AgencyResult,
    ReportResult,
    Results,
    agency_name,
    cell,
    where,
    write_atomic,
)
from gilint.audit.roster import STATUS_WORDS as SUBMISSION_WORDS
from gilint.audit.roster import Submission
from gilint.reporters import SEVERITY_WORDS, clean

FOLDER = "feedback"
TEXT = {
    "zh": {
        "title": "{}政府信息公开工作年度报告审核意见",
        "level": "机关级别",
        "run": "审核时间",
        "submissions": "提交情况",
        "year": "年度",
        "status": "状态",
        "date": "报告日期",
        "deadline": "截止日期",
        "file": "文件",
        "report": "{}年度报告",
        "none": "未发现问题。",
        "no": "序号",
        "where": "位置",
        "problem": "发现的问题",
        "expected": "整改要求",
        "rule": "规则",
        "severity": "级别",
        "source": "原文",
        "damage": "以下问题由文件转换（网页抓取、PDF 提取）造成，不是报告本身的问题，仅供核对：",
        "missing": "未提交{}年度报告（截止 {}）",
        "late": "{}年度报告逾期：报告日期 {}，截止 {}",
        "unreadable": "{}年度报告的文件无法读取，请重新提交可读的文件",
        "copies": "{}年度报告提交了 {} 份文件，请确认以哪一份为准",
        "undated": "{}年度报告未见落款日期，无法判断是否按时",
        "unlisted": "该机关不在审核名单中",
        "csv": (
            "机关",
            "年度",
            "文件",
            "序号",
            "级别",
            "规则",
            "规则说明",
            "位置",
            "问题",
            "整改要求",
            "原文",
            "转换损坏",
        ),
        "yes": "是",
        "no-damage": "",
    },
    "en": {
        "title": "Audit feedback: {}",
        "level": "level",
        "run": "audited",
        "submissions": "Submissions",
        "year": "year",
        "status": "status",
        "date": "date",
        "deadline": "deadline",
        "file": "file",
        "report": "report of {}",
        "none": "no problems found.",
        "no": "no.",
        "where": "where",
        "problem": "finding",
        "expected": "what is expected",
        "rule": "rule",
        "severity": "severity",
        "source": "source",
        "damage": "Damage done by a converter (scraper, PDF extraction), not the report's own:",
        "missing": "the report of {} was not submitted (due {})",
        "late": "the report of {} is late: dated {}, due {}",
        "unreadable": "the file of the report of {} cannot be read: submit a readable one",
        "copies": "the report of {} was submitted as {} files: say which one stands",
        "undated": "the report of {} bears no date: whether it was on time cannot be told",
        "unlisted": "the agency is not on the audit's list",
        "csv": (
            "agency",
            "year",
            "path",
            "no.",
            "severity",
            "rule",
            "rule summary",
            "where",
            "finding",
            "expected",
            "source",
            "converter damage",
        ),
        "yes": "yes",
        "no-damage": "",
    },
}
_CSS = """
body{font:13px/1.6 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:1.5rem;color:#111}
h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.6rem;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #999;padding:.25rem .4rem;
text-align:left;vertical-align:top}th{background:#eee}.src{color:#555;font-size:.92em;white-space:pre-wrap}
.note{margin:.6rem 0}.bad{color:#a00}
@media print{@page{size:A4;margin:15mm}body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}
"""
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def write_sheets(results: Results, out: Path, lang: str) -> list[Path]:
    """Write every agency's sheet into ``out/feedback`` (each file atomically) and remove the stale ones."""
    folder = out / FOLDER
    folder.mkdir(exist_ok=True)
    written: list[Path] = []
    for stem, page, table in sheets(results, lang):
        for suffix, data in ((".html", page.encode()), (".csv", table.encode("utf-8-sig"))):
            written.append(folder / (stem + suffix))
            write_atomic(written[-1], data)
    keep = set(written)
    for old in folder.iterdir():
        if old.suffix in (".html", ".csv") and old not in keep and not old.name.startswith("."):
            old.unlink()
    return written


def sheets(results: Results, lang: str) -> Iterator[tuple[str, str, str]]:
    """``(file stem, HTML, CSV)`` per agency: those with reports, then the listed ones that submitted none
    (the findings read from the database one agency at a time)."""
    by_agency: dict[str, list[Submission]] = {}
    for s in results.submissions:
        if s.agency:
            by_agency.setdefault(s.agency, []).append(s)
    used: set[str] = set()
    for a in results.agencies:
        subs = (
            by_agency.pop(a.name, [])
            if a.name
            else [s for s in results.submissions if not s.agency and set(s.reports) & {r.row.id for r in a.reports}]
        )
        yield _stem(a, used), *_sheet(a.name, a.reports, subs, results, lang)
    for name, subs in sorted(by_agency.items()):  # listed, nothing submitted
        yield _stem(AgencyResult(name, []), used), *_sheet(name, [], subs, results, lang)


def _stem(a: AgencyResult, used: set[str]) -> str:
    base = _UNSAFE.sub("_", a.name).strip(" .")[:80] if a.name else f"未识别-{a.reports[0].row.id}"
    stem, n = base or "_", 2
    while stem in used:
        stem, n = f"{base}-{n}", n + 1
    used.add(stem)
    return stem


def _problems(subs: list[Submission], results: Results, lang: str) -> list[str]:
    """The submission problems of the agency in words."""
    t: dict[str, str] = TEXT[lang]  # type: ignore[assignment]  # the csv header aside, every entry is a str
    out = []
    for s in subs:
        if s.status == "missing":
            out.append(t["missing"].format(s.year, s.deadline.isoformat()))
        elif s.status == "late":
            out.append(t["late"].format(s.year, s.published.isoformat() if s.published else "", s.deadline.isoformat()))
        elif s.status in ("unreadable", "undated"):
            out.append(t[s.status].format(s.year))
        if s.copies > 1:
            out.append(t["copies"].format(s.year, s.copies))
    if results.listed and subs and not subs[0].listed and subs[0].agency:
        out.append(t["unlisted"])
    return out


def _sheet(
    name: str, reports: list[ReportResult], subs: list[Submission], results: Results, lang: str
) -> tuple[str, str]:
    t: dict[str, str] = TEXT[lang]  # type: ignore[assignment]  # the csv header aside, every entry is a str
    sev = SEVERITY_WORDS[lang]
    shown = agency_name(name, lang) + (f"（{reports[0].row.path}）" if not name and reports else "")
    level = subs[0].level if subs else guess_level(name)
    page = [
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{_e(t['title'].format(shown))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(t['title'].format(shown))}</h1>",
        f"<p>{_e(t['level'])}：{_e(LEVEL_WORDS[lang].get(level, level))} · {_e(t['run'])}："
        f"{_e(results.run.get('ended') or results.run.get('started'))}</p>",
    ]
    rows: list[list[object]] = []
    problems = _problems(subs, results, lang)
    if subs:
        page.append(
            f"<h2>{_e(t['submissions'])}</h2><table><tr>"
            + "".join(f"<th>{_e(t[k])}</th>" for k in ("year", "status", "date", "deadline", "file"))
            + "</tr>"
        )
        for s in subs:
            page.append(
                f"<tr><td>{s.year}</td><td>{_e(SUBMISSION_WORDS[lang][s.status])}</td>"
                f"<td>{_e(s.published.isoformat() if s.published else '')}</td><td>{s.deadline.isoformat()}"
                f"</td><td>{'<br>'.join(_e(p) for p in s.paths)}</td></tr>"
            )
        page.append("</table>")
    for p in problems:
        page.append(f'<p class="note bad">{_e(p)}</p>')
        rows.append([shown, "", "", "", "", "", "", "", p, "", "", ""])
    found: dict[int, list[StoredDiagnostic]] = results.findings(reports)
    for r in sorted(reports, key=lambda r: (r.row.year or 0, r.row.path)):
        row = r.row
        findings: Sequence[StoredDiagnostic] = found.get(row.id, [])
        page.append(
            f"<h2>{_e(t['report'].format(row.year or '?'))}：{_e(row.path)}"
            f"（{_e(STATUS_WORDS[lang].get(row.status, row.status))}）</h2>"
        )
        own = [f for f in findings if not f.diagnostic.damage]
        damage = [f for f in findings if f.diagnostic.damage]
        if not findings:
            page.append(f"<p>{_e(t['none'])}</p>")
        for group, note in ((own, None), (damage, t["damage"])):
            if not group:
                continue
            if note:
                page.append(f'<p class="note">{_e(note)}</p>')
            page.append(
                "<table><tr>"
                + "".join(f"<th>{_e(t[k])}</th>" for k in ("no", "where", "problem", "expected", "rule", "severity"))
                + "</tr>"
            )
            for n, f in enumerate(group, start=1):
                d = f.diagnostic
                rule = results.rules.get(d.code)
                summary = "" if rule is None else (rule.summary_en if lang == "en" else rule.summary_zh)
                hint = d.hint(lang) or ""
                source = f'<div class="src">{_e(t["source"])}：{_e(d.excerpt)}</div>' if d.excerpt else ""
                page.append(
                    f"<tr><td>{n}</td><td>{_e(where(d, lang))}</td><td>{_e(d.message(lang))}{source}</td>"
                    f"<td>{_e(hint)}</td><td>{_e(d.code)} {_e(summary)}</td>"
                    f"<td>{_e(sev[d.severity])}</td></tr>"
                )
                rows.append(
                    [
                        shown,
                        row.year or "",
                        row.path,
                        n,
                        sev[d.severity],
                        d.code,
                        summary,
                        where(d, lang),
                        d.message(lang),
                        hint,
                        d.excerpt or "",
                        t["yes"] if d.damage else t["no-damage"],
                    ]
                )
            page.append("</table>")
    page.append("</body></html>\n")
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\r\n")
    writer.writerow(t["csv"])
    writer.writerows([[cell(clean(str(v))) for v in r] for r in rows])
    return "".join(page), table.getvalue()


def _e(text: object) -> str:
    return escape(clean(str(text)), quote=True)
