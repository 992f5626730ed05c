"""`gilint audit`: the database, the cache, the cross-year stage, the outputs, interruption, hostile
files, dying and hanging workers, and the command line's exit status."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gilint.audit import runner, worker
from gilint.audit.agency import agency_key, file_agency, merge_names
from gilint.audit.db import AuditDB, DBError
from gilint.audit.outputs import CSV_HEADER, load_results, write_outputs
from gilint.audit.page import page_parts
from gilint.audit.runner import AuditOptions, AuditResult, run_audit
from gilint.cli import main
from gilint.config import Config
from gilint.engine import FileResult, Plugins, load_plugins
from gilint.model import Diagnostic, Span
from gilint.reporters.json import to_json
from gilint.testing.reports import T3_DEFAULT, line_of, make_report
from tests.hostile import BILLION_LAUGHS, docx_with, docx_xml, half_docx
from tests.pdfgen import PdfBuilder

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = load_plugins()
CARRIED_2022 = {"4": [1, 1, 0, 0, 0, 0, 2]}  # carried forward into 2023: 1 + 1 = 2
KEPT_2023 = {"2": [1, 1, 0, 0, 0, 0, 2], "1": [10, 1, 0, 0, 1, 0, 12]}  # T3-A still holds
BROKEN_2023 = {"2": [1, 0, 0, 0, 0, 0, 1], "1": [10, 2, 0, 0, 1, 0, 13]}
X1_MESSAGES = [
    "2023年表三“二、上年结转”“法人或其他组织/商业企业”为 0，2022年报告“四、结转下年度继续办理”为 1",
    "2023年表三“二、上年结转”“总计”为 1，2022年报告“四、结转下年度继续办理”为 2",
]


def title(agency: str, year: int) -> str:
    return f"{agency}{year}年政府信息公开工作年度报告"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def report(agency: str, year: int, t3: dict[str, list[object]] | None = None, **kwargs: object) -> str:
    """A clean report of ``agency`` whose section 五 is its own (no GI703 between two years)."""
    problems = {
        2022: "二〇二二年的问题是回应关切不够及时，将建立舆情研判机制。",
        2023: "今年发现依申请公开答复文书格式不统一，将制定模板并组织培训。",
    }
    t2 = {"normative": [2, 1, 10]} if year == 2023 else None  # 9 in force in 2022, + 2 − 1
    rows = {**T3_DEFAULT, **(t3 or {})}
    body = {
        3: [f"{year}年，我局共收到政府信息公开申请{rows['1'][-1]}件，上年结转{rows['2'][-1]}件。"],
        5: [problems.get(year, "无。")],
    }
    return make_report(year=year, title=title(agency, year), t3=t3, t2=t2, body=body, **kwargs)  # type: ignore[arg-type]


def two_agencies(folder: Path) -> dict[str, Path]:
    """Agency 甲 breaks carry-over continuity from 2022 to 2023; agency 乙 keeps it."""
    return {
        "甲2022": write(folder / "jia" / "2022.txt", report("云溪市甲局", 2022, CARRIED_2022)),
        "甲2023": write(folder / "jia" / "2023.txt", report("云溪市甲局", 2023, BROKEN_2023)),
        "乙2022": write(folder / "yi" / "2022.txt", report("云溪市乙局", 2022, CARRIED_2022)),
        "乙2023": write(folder / "yi" / "2023.txt", report("云溪市乙局", 2023, KEPT_2023)),
    }


def audit(db: Path, *paths: Path, jobs: int = 1, plugins: Plugins = PLUGINS, **options: object) -> AuditResult:
    store = AuditDB(db)
    try:
        return run_audit([str(p) for p in paths], store, plugins, options=AuditOptions(jobs=jobs, **options))
    finally:
        store.close()


def query(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def consistent(db: Path) -> bool:
    """Every report's counts are those of its findings, and every finding has its report."""
    orphans = query(db, "SELECT count(*) FROM findings WHERE report_id NOT IN (SELECT id FROM reports)")[0][0]
    wrong = query(
        db,
        "SELECT count(*) FROM reports r WHERE errors + warnings + infos != "
        "(SELECT count(*) FROM findings f WHERE f.report_id = r.id)",
    )[0][0]
    return orphans == 0 and wrong == 0


def series_findings(db: Path) -> list[tuple[object, ...]]:
    return query(
        db,
        "SELECT r.display, f.code, f.line, f.message_zh FROM findings f JOIN reports r "
        "ON r.id = f.report_id WHERE f.series IS NOT NULL ORDER BY r.display, f.id",
    )


def calls_of(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """The names of the files the worker's function ``name`` is called on from now (in-process runs: --jobs 1)."""
    calls: list[str] = []
    real = getattr(worker, name)

    def counting(path: str, *args: object) -> object:
        calls.append(Path(path).name)
        return real(path, *args)

    monkeypatch.setattr(worker, name, counting)
    return calls


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files ``engine.check_file`` is called on (in-process runs: --jobs 1)."""
    return calls_of(monkeypatch, "check_file")


# ---------------------------------------------------------------- database and cache


def test_rows_counts_and_the_run(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "fixtures" / "clean", tmp_path / "in" / "clean")
    shutil.copy(ROOT / "fixtures" / "defects" / "GI401_prose-13.txt", tmp_path / "in")
    db = tmp_path / "a.db"
    result = audit(db, tmp_path / "in")
    assert result.status == "done"
    assert result.counts == {"files": 5, "skipped": 0, "removed": 0, "checked": 5, "series_run": 0, "series_kept": 0}
    rows = {
        Path(str(p)).name: rest
        for p, *rest in query(
            db, "SELECT display, agency, agency_source, year, version, status, errors, warnings, infos FROM reports"
        )
    }
    assert rows["GI401_prose-13.txt"] == ["青禾县自然资源局", "title", 2023, 2021, "ok", 1, 0, 0]
    assert rows["2020_xx-ju_2019format.txt"] == ["青禾县农业农村局", "title", 2020, 2019, "ok", 0, 0, 0]
    assert rows["2022_xx-zhen.html"][:4] == ["禾川县柳湾镇人民政府", "title", 2022, 2021]
    assert query(
        db,
        "SELECT r.display, f.code, f.line, f.category, f.severity FROM findings f JOIN reports r ON r.id = f.report_id",
    ) == [
        (str(tmp_path / "in" / "GI401_prose-13.txt"), "GI401", 10, "narrative", "error")
    ]  # as fixtures/defects/MANIFEST.tsv says
    run = query(db, "SELECT status, files, checked, skipped, jobs, gilint_version, paths, rules FROM runs")[0]
    assert run[:6] == ("done", 5, 5, 0, 1, importlib.metadata.version("gilint"))
    assert json.loads(str(run[6])) == [str(tmp_path / "in")]
    assert ["GI701", "builtin"] in json.loads(str(run[7])) and ["GI903", "engine"] in json.loads(str(run[7]))
    assert consistent(db)


def test_an_unchanged_folder_is_hashed_not_parsed_and_a_changed_file_replaced(
    tmp_path: Path, parses: list[str]
) -> None:
    files = two_agencies(tmp_path / "in")
    db = tmp_path / "a.db"
    first = audit(db, tmp_path / "in")
    assert (first.counts["checked"], len(parses)) == (4, 4)
    parses.clear()
    second = audit(db, tmp_path / "in")
    assert parses == []  # nothing read or parsed
    assert second.counts == {"files": 4, "skipped": 4, "removed": 0, "checked": 0, "series_run": 0, "series_kept": 2}
    assert query(db, "SELECT count(*) FROM reports WHERE seen_run = ?", second.run_id) == [(4,)]
    before = query(db, "SELECT id, errors FROM reports WHERE path = ?", str(files["甲2023"]))[0]
    write(
        files["甲2023"],
        report("云溪市甲局", 2023, KEPT_2023).replace("共收到政府信息公开申请12件", "共收到政府信息公开申请15件"),
    )  # X1 fixed, prose now contradicts table 3
    third = audit(db, tmp_path / "in")
    assert parses == ["2023.txt"] and (third.counts["checked"], third.counts["skipped"]) == (1, 3)
    after = query(db, "SELECT id, errors FROM reports WHERE path = ?", str(files["甲2023"]))[0]
    assert after[0] == before[0]  # the same row, its results replaced
    assert query(db, "SELECT f.code FROM findings f WHERE f.report_id = ?", after[0]) == [("GI401",)]
    assert consistent(db)


def test_a_file_gone_from_disk_is_removed(tmp_path: Path) -> None:
    files = two_agencies(tmp_path / "in")
    db = tmp_path / "a.db"
    audit(db, tmp_path / "in")
    files["甲2022"].unlink()
    result = audit(db, tmp_path / "in")
    assert result.counts["removed"] == 1
    assert str(files["甲2022"]) not in [p for (p,) in query(db, "SELECT path FROM reports")]
    assert series_findings(db) == []  # 甲 has one year left: its cross-year findings went with it
    assert query(db, "SELECT agency FROM series") == [("云溪市乙局",)]
    assert consistent(db)


def test_changed_rules_or_configuration_check_again(tmp_path: Path, parses: list[str]) -> None:
    write(tmp_path / "in" / "r.txt", make_report())
    db = tmp_path / "a.db"
    audit(db, tmp_path / "in")
    write(tmp_path / "in" / "gilint.toml", 'ignore = ["GI6"]\n')
    parses.clear()
    assert audit(db, tmp_path / "in").counts["checked"] == 1 and parses == ["r.txt"]
    assert audit(db, tmp_path / "in", force=True).counts["checked"] == 1


def test_a_database_of_something_else_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.db").write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(DBError):
        AuditDB(tmp_path / "x.db")
    with sqlite3.connect(tmp_path / "y.db") as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(DBError, match="not an audit database"):
        AuditDB(tmp_path / "y.db")


def test_the_database_folder_is_created(tmp_path: Path) -> None:
    AuditDB(tmp_path / "new" / "folder" / "a.db").close()
    assert (tmp_path / "new" / "folder" / "a.db").is_file()


# ---------------------------------------------------------------- series


def test_series_rules_run_per_agency_and_attach_to_the_later_report(tmp_path: Path) -> None:
    files = two_agencies(tmp_path / "in")
    db = tmp_path / "a.db"
    result = audit(db, tmp_path / "in")
    assert (result.counts["series_run"], result.counts["series_kept"]) == (2, 0)
    line = line_of(files["甲2023"].read_text(encoding="utf-8"), "二、上年结转")
    assert series_findings(db) == [(str(files["甲2023"]), "GI701", line, m) for m in X1_MESSAGES]
    assert query(db, "SELECT DISTINCT series FROM findings WHERE series IS NOT NULL") == [("云溪市甲局",)]
    assert query(db, "SELECT errors FROM reports WHERE path = ?", str(files["甲2023"])) == [(2,)]
    assert consistent(db)


def test_series_are_checked_again_when_a_member_changes(tmp_path: Path) -> None:
    files = two_agencies(tmp_path / "in")
    db = tmp_path / "a.db"
    audit(db, tmp_path / "in")
    # 乙's 2022 report now carries forward 3: its unchanged 2023 report no longer continues it
    write(files["乙2022"], report("云溪市乙局", 2022, {"4": [2, 1, 0, 0, 0, 0, 3]}))
    result = audit(db, tmp_path / "in")
    assert (result.counts["checked"], result.counts["series_run"], result.counts["series_kept"]) == (1, 1, 1)
    got = [(Path(str(p)).parent.name, code) for p, code, *_ in series_findings(db)]
    assert got == [("jia", "GI701"), ("jia", "GI701"), ("yi", "GI701"), ("yi", "GI701")]
    assert consistent(db)


def test_series_respect_the_configuration(tmp_path: Path) -> None:
    two_agencies(tmp_path / "in")
    write(tmp_path / "in" / "gilint.toml", 'severity = { GI701 = "warning" }\n')
    audit(tmp_path / "a.db", tmp_path / "in")
    assert query(tmp_path / "a.db", "SELECT DISTINCT severity FROM findings WHERE series IS NOT NULL") == [("warning",)]
    write(tmp_path / "in" / "gilint.toml", 'ignore = ["GI7"]\n')
    audit(tmp_path / "a.db", tmp_path / "in")
    assert series_findings(tmp_path / "a.db") == []


@pytest.fixture
def rereads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the series stage reads again (in-process runs: --jobs 1)."""
    return calls_of(monkeypatch, "read_file")


def test_series_load_the_reports_kept_when_they_were_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rereads: list[str]
) -> None:
    areas: list[str] = []
    real_area = runner._work_area
    monkeypatch.setattr(runner, "_work_area", lambda: areas.append(real_area()) or areas[-1])
    files = two_agencies(tmp_path / "in")
    audit(tmp_path / "plain.db", tmp_path / "in")  # text is cheap to read again: not kept
    assert sorted(rereads) == ["2022.txt", "2022.txt", "2023.txt", "2023.txt"]
    rereads.clear()
    monkeypatch.setattr(worker, "KEPT_KINDS", ("text",))  # keep text too, as a PDF is kept
    audit(tmp_path / "kept.db", tmp_path / "in")
    assert rereads == []
    line = line_of(files["甲2023"].read_text(encoding="utf-8"), "二、上年结转")
    assert series_findings(tmp_path / "kept.db") == [(str(files["甲2023"]), "GI701", line, m) for m in X1_MESSAGES]
    assert series_findings(tmp_path / "kept.db") == series_findings(tmp_path / "plain.db")
    assert len(areas) == 2 and not any(os.path.exists(a) for a in areas)  # removed when the run ended


def test_past_the_budget_the_series_read_the_files_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rereads: list[str]
) -> None:
    two_agencies(tmp_path / "in")
    monkeypatch.setattr(worker, "KEPT_KINDS", ("text",))
    monkeypatch.setattr(runner, "KEEP_BYTES", 1)  # the first report kept fills it
    audit(tmp_path / "a.db", tmp_path / "in")
    assert len(rereads) == 3
    assert [code for _, code, *_ in series_findings(tmp_path / "a.db")] == ["GI701", "GI701"]


def test_a_kept_report_stands_only_for_the_bytes_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rereads: list[str]
) -> None:
    path = write(tmp_path / "2023.txt", report("云溪市甲局", 2023))
    data, config, kept = path.read_bytes(), Config(tmp_path), tmp_path / "kept"
    outcome = worker.check_task((str(path), config, data, str(kept)))
    assert outcome.kept == 0 and not kept.exists()  # text: not kept
    monkeypatch.setattr(worker, "KEPT_KINDS", ("text",))
    outcome = worker.check_task((str(path), config, data, str(kept)))
    assert outcome.kept == kept.stat().st_size > 0
    member = worker.Member(str(path), "2023.txt", hashlib.sha256(data).hexdigest(), config, kept=str(kept))
    loaded = worker._load(member, PLUGINS)
    assert loaded is not None and loaded.year == 2023 and loaded.path == str(path) and rereads == []
    kept.write_bytes(b"damaged")
    loaded = worker._load(member, PLUGINS)
    assert loaded is not None and loaded.year == 2023 and rereads == ["2023.txt"]  # read again
    path.write_bytes(data + b"\n")
    assert worker._load(member, PLUGINS) is None  # no longer the bytes checked, kept copy or not


def test_a_series_rule_that_raises_gives_gi900(tmp_path: Path) -> None:
    two_agencies(tmp_path / "in")

    def boom(reports: object, options: object) -> list[object]:
        raise RuntimeError("bad series rule")

    rules = [dataclasses.replace(r, func=boom) if r.code == "GI701" else r for r in PLUGINS.rules]
    audit(tmp_path / "a.db", tmp_path / "in", plugins=dataclasses.replace(PLUGINS, rules=rules))
    got = [(Path(str(p)).parent.name, code, m) for p, code, _, m in series_findings(tmp_path / "a.db")]
    assert got == [
        (
            agency,
            "GI900",
            f"跨年度规则 GI701（carry-over-continuity）运行出错：RuntimeError: bad series "
            f"rule；该规则对“云溪市{name}局”的结果未计入",
        )
        for agency, name in (("jia", "甲"), ("yi", "乙"))
    ]


def test_agency_names() -> None:
    hongze = "淮安市洪泽区人民政府"
    assert merge_names(["洪泽区人民政府", hongze, "区人社局"]) == {
        "洪泽区人民政府": hongze,
        hongze: hongze,
        "区人社局": "区人社局",
    }
    # two cities could own a 城关镇: no merge
    town = "城关镇人民政府"
    assert merge_names([town, "甲市" + town, "乙市" + town])[town] == town
    assert agency_key("上海市 科委（办公室）") == "上海市科委(办公室)"
    assert file_agency("reports/007_沭阳县发展和改革局2023年政府信息公开年度报告.html") == "沭阳县发展和改革局"
    assert file_agency("004_pingtan_2019.txt") == "pingtan"


# ---------------------------------------------------------------- outputs


def test_outputs_csv_jsonl_html(tmp_path: Path) -> None:
    files = two_agencies(tmp_path / "in")
    write(
        tmp_path / "in" / "hostile.txt",
        make_report(
            title="<script>document.title=1</script>青禾县自然资源局2023年政府信息公开工作年度报告",
            body={1: ['（二)部分公开<script>document.documentElement.setAttribute("data-pwned","1")</script>']},
        ),
    )
    db = tmp_path / "a.db"
    result = audit(db, tmp_path / "in")
    store = AuditDB(db)
    results = load_results(store, result.run_id, PLUGINS.rules)
    written = write_outputs(results, tmp_path / "out", "zh")
    n_findings = sum(len(found) for found in results.findings(results.reports).values())
    store.close()
    assert [p.name for p in written] == [
        "results.jsonl",
        "summary.csv",
        "submissions.csv",
        "indicators.csv",
        "report.html",
        "findings.xlsx",
        "manifest.json",
    ]
    assert sorted(os.listdir(tmp_path / "out")) == [
        "feedback",
        "findings.xlsx",
        "indicators.csv",
        "manifest.json",
        "report.html",
        "results.jsonl",
        "submissions.csv",
        "summary.csv",
    ]  # no temp left
    assert sorted(os.listdir(tmp_path / "out" / "feedback")) == [
        f"{name}.{ext}"
        for name in ("_script_document.title=1_script_青禾县自然资源局", "云溪市乙局", "云溪市甲局")
        for ext in ("csv", "html")
    ]  # a hostile name makes a file name without / < > and the like
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["id"], manifest["status"]) == (result.run_id, "done")
    assert manifest["files"] == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in written[:6]}

    raw = (tmp_path / "out" / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["机关", "年度", "文件", "格式版本", "错误", "警告", "提示", "状态", "主要问题"]
    assert len(rows) == 1 + 5
    jia = next(r for r in rows if r[2] == str(files["甲2023"]))
    assert jia == ["云溪市甲局", "2023", str(files["甲2023"]), "2021", "2", "0", "0", "已检查", "GI701×2"]
    assert ",".join(CSV_HEADER["en"]) == "agency,year,path,version,errors,warnings,infos,status,top codes"

    lines = (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    objs = [json.loads(line) for line in lines]
    assert len(objs) == n_findings == 3
    keys = [*to_json(Diagnostic("GI1", "input", "info", "p", Span(1, 1), "m", "m")), "agency", "year"]
    assert all(list(o)[: len(keys)] == keys for o in objs)
    x1 = [o for o in objs if o["code"] == "GI701"]
    assert [(o["path"], o["agency"], o["year"], o["message"]) for o in x1] == [
        (str(files["甲2023"]), "云溪市甲局", 2023, m) for m in X1_MESSAGES
    ]
    assert x1[0]["excerpt"].startswith("二、上年结转")

    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    # the page's own script only; the findings are JSON data (not run), with no "<" in them
    assert page.count("<script>") == 1 and page.count("<script") == page.count('<script type="application/json"') + 1
    assert "&lt;script&gt;document.title=1&lt;/script&gt;青禾县自然资源局" in page  # the agency, as text
    assert '\\u003cscript\\u003edocument.documentElement.setAttribute(\\"data-pwned\\",\\"1\\")' in page
    assert 'data-pwned="1"' not in page
    assert 'id="reports-table"' in page and page.count('<tr class="clean" ') == 3
    # each agency's details named by its place on the page, not by a database row (which follows the order the
    # workers finished in)
    agencies = re.findall(r'<details class="agency" id="([^"]*)" data-n="(\d+)"', page)
    assert agencies == [(f"a{n}", str(n)) for n in range(len(agencies))] and len(agencies) >= 3


def test_the_page_escapes_a_hostile_message(tmp_path: Path) -> None:
    write(tmp_path / "in" / "r.txt", make_report().replace("共收到政府信息公开申请13件", "共收到政府信息公开申请15件"))
    db = tmp_path / "a.db"
    result = audit(db, tmp_path / "in")
    store = AuditDB(db)
    store.begin()
    evil = "</td></tr></table><script>alert(1)</script><img src=x onerror=alert(2)>\u202e"
    store.add_findings(
        1,
        None,
        [Diagnostic("GI401", "narrative", "error", "r.txt", Span(1, 1, 1, 3), evil, evil, evil, evil, False, evil)],
    )
    store.commit()
    page = "".join(page_parts(load_results(store, result.run_id, PLUGINS.rules), "en"))
    store.close()
    assert page.count("<script>") == 1 and page.count("<script") == page.count('<script type="application/json"') + 1
    assert "<img" not in page and "\u202e" not in page and "</td></tr></table>" not in page.split("<body>")[1]
    assert "\\u003c/td\\u003e\\u003c/tr\\u003e\\u003c/table\\u003e\\u003cscript\\u003ealert(1)" in page
    assert "Content-Security-Policy" in page and "script-src 'sha256-" in page


# ---------------------------------------------------------------- interruption, hostile files, workers


def test_an_interrupted_audit_keeps_what_finished(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(6):
        write(tmp_path / "in" / f"r{i}.txt", make_report(year=2023, title=title(f"云溪市第{i}局", 2023)))
    real = worker.check_task
    calls: list[str] = []

    def interrupting(task: tuple[str, object]) -> worker.Outcome:
        calls.append(task[0])
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(task)  # type: ignore[arg-type]

    monkeypatch.setattr(worker, "check_task", interrupting)
    db = tmp_path / "a.db"
    with pytest.raises(KeyboardInterrupt):
        audit(db, tmp_path / "in")
    assert query(db, "SELECT status, checked FROM runs") == [("interrupted", 3)]
    assert query(db, "SELECT count(*) FROM reports") == [(3,)]
    assert consistent(db)
    monkeypatch.setattr(worker, "check_task", real)
    result = audit(db, tmp_path / "in")
    assert (result.counts["checked"], result.counts["skipped"]) == (3, 3)


# The audit in a process of its own whose workers (forked from it) wait, on the smallest file (checked last),
# for a gate the test never opens: the audit cannot finish before Ctrl-C, however loaded the machine is.
GATED_AUDIT = """
import os, sys, time
from gilint.audit import worker
real = worker.check_file
def gated(path, *args):
    while os.path.basename(path) == "gate.txt" and not os.path.exists(sys.argv[1]):
        time.sleep(0.05)
    return real(path, *args)
worker.check_file = gated
from gilint.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_ctrl_c_stops_a_parallel_audit_with_status_130(tmp_path: Path) -> None:
    files = 200
    for i in range(files - 1):
        write(tmp_path / "in" / f"r{i:03}.txt", make_report(year=2023, title=title(f"云溪市第{i}局", 2023)))
    write(tmp_path / "in" / "gate.txt", "x")
    db = tmp_path / "a.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            GATED_AUDIT,
            str(tmp_path / "open"),
            "audit",
            str(tmp_path / "in"),
            "--db",
            str(db),
            "--jobs",
            "2",
            "--timeout",
            "600",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 300  # a guard against a hang only: the loop ends when reports are stored
    stored = False
    while not stored and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            stored = db.exists() and query(db, "SELECT count(*) FROM reports")[0][0] > 0
        except sqlite3.OperationalError:  # locked or not yet created
            continue
    # the other reports are committed while a worker is still at the gated file, not only as more arrive
    assert stored
    assert proc.poll() is None  # still running: the gate is shut
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()
    ((status, checked),) = query(db, "SELECT status, checked FROM runs")
    assert status == "interrupted" and 0 < checked < files  # type: ignore[operator]
    assert query(db, "SELECT count(*) FROM reports") == [(checked,)]
    assert consistent(db)


def test_hostile_files_become_input_findings(tmp_path: Path) -> None:
    write(tmp_path / "in" / "good.txt", make_report())
    (tmp_path / "in" / "binary.docx").write_bytes(bytes(range(256)) * 64)
    pdf = PdfBuilder().text(72, 72, title("云溪市甲局", 2023)).data()
    (tmp_path / "in" / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (tmp_path / "in" / "empty.html").write_bytes(b"")
    (tmp_path / "in" / "<img src=x onerror=alert(1)>.txt").write_bytes(b"\x00\xff" * 100)
    (tmp_path / "in" / "half.docx").write_bytes(half_docx(docx_xml(make_report())))
    (tmp_path / "in" / "laughs.docx").write_bytes(docx_with(BILLION_LAUGHS))
    db = tmp_path / "a.db"
    result = audit(db, tmp_path / "in", jobs=2)
    assert result.status == "done" and result.counts["checked"] == 7
    rows = {
        Path(str(p)).name: (status, codes)
        for p, status, codes in query(
            db,
            "SELECT r.display, r.status, group_concat(f.code) FROM reports r LEFT JOIN findings f "
            "ON f.report_id = r.id GROUP BY r.id",
        )
    }
    assert rows["good.txt"] == ("ok", None)
    for name in (
        "binary.docx",
        "truncated.pdf",
        "empty.html",
        "<img src=x onerror=alert(1)>.txt",
        "half.docx",
        "laughs.docx",
    ):
        assert rows[name][0] == "input-error", name
        assert "GI001" in str(rows[name][1]), name


def aborted(db: Path, name: str) -> list[tuple[object, ...]]:
    return query(
        db,
        "SELECT r.status, f.code, f.message_en FROM reports r JOIN findings f ON f.report_id = r.id "
        "WHERE r.display LIKE ?",
        f"%{name}",
    )


def _dies_on(name: str, action: Callable[[], None]) -> Callable[..., FileResult]:
    real = worker.check_file

    def check(path: str, *args: object) -> FileResult:
        if Path(path).name == name:
            action()
        return real(path, *args)  # type: ignore[arg-type]

    return check


@pytest.mark.parametrize("jobs", [2, 1])
def test_a_hanging_file_times_out_and_the_audit_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    two_agencies(tmp_path / "in")
    write(tmp_path / "in" / "slow.txt", make_report())
    monkeypatch.setattr(worker, "check_file", _dies_on("slow.txt", lambda: time.sleep(30)))
    started = time.monotonic()
    result = audit(tmp_path / "a.db", tmp_path / "in", jobs=jobs, timeout=1.0)
    assert time.monotonic() - started < 20
    assert result.counts["checked"] == 5
    ((status, code, message),) = aborted(tmp_path / "a.db", "slow.txt")
    assert (status, code) == ("timeout", "GI903") and "time limit (1 s)" in str(message)
    assert len(series_findings(tmp_path / "a.db")) == 2  # the other files were checked as usual


def test_a_dying_worker_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    two_agencies(tmp_path / "in")
    write(tmp_path / "in" / "boom.txt", make_report())
    monkeypatch.setattr(worker, "check_file", _dies_on("boom.txt", lambda: os._exit(3)))
    result = audit(tmp_path / "a.db", tmp_path / "in", jobs=2)
    assert result.status == "done" and result.counts["checked"] == 5
    ((status, code, message),) = aborted(tmp_path / "a.db", "boom.txt")
    assert (status, code) == ("worker-died", "GI903") and "died (exit status 3)" in str(message)
    assert len(series_findings(tmp_path / "a.db")) == 2


def test_two_jobs_give_the_results_of_one(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "fixtures", tmp_path / "in")
    two_agencies(tmp_path / "in" / "series")
    outputs = []
    for jobs in (1, 2):
        db = tmp_path / f"{jobs}.db"
        result = audit(db, tmp_path / "in", jobs=jobs)
        store = AuditDB(db)
        results = load_results(store, result.run_id, PLUGINS.rules)
        write_outputs(results, tmp_path / f"out{jobs}", "zh")
        store.close()
        outputs.append([(tmp_path / f"out{jobs}" / name).read_bytes() for name in ("results.jsonl", "summary.csv")])
    assert outputs[0] == outputs[1]
    assert len(outputs[0][0].splitlines()) > 30


# ---------------------------------------------------------------- command line


def test_exit_status_and_outputs_of_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "clean" / "r.txt", make_report())
    assert main(["audit", "clean", "--jobs", "1"]) == 0
    out, err = capsys.readouterr()
    assert (tmp_path / "gilint-audit.db").exists()
    assert "共 1 份报告、1 个机关：未发现问题" in out
    assert err.startswith("gilint audit：1 个文件，检查 1 个，未变跳过 0 个")
    two_agencies(tmp_path / "series")
    assert main(["audit", "series", "--db", "s.db", "--out", "out", "--lang", "en", "--jobs", "2"]) == 1
    out, err = capsys.readouterr()
    assert "GI701" in out and "4 reports, 2 agencies: 2 errors, 0 warnings, 0 infos" in out
    assert "written: out/report.html" in err and (tmp_path / "out" / "summary.csv").exists()
    assert main(["audit", "series", "--db", "s.db", "--ignore", "GI701"]) == 0
    assert main(["audit", "missing-folder"]) == 2
    assert main(["audit", "clean", "--jobs", "0"]) == 2
    (tmp_path / "bad.db").write_bytes(b"x" * 2000)
    assert main(["audit", "clean", "--db", "bad.db"]) == 2
    with pytest.raises(SystemExit) as e:
        main(["audit"])
    assert e.value.code == 2


def test_gilint_check_does_not_import_the_audit() -> None:
    code = "import sys, gilint.cli; print(any(m.startswith('gilint.audit') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_rule_counts_without_loading_findings_match_the_findings(tmp_path: Path) -> None:
    """The terminal summary counts per rule in SQL (memory stays flat); the counts are those of the findings."""
    two_agencies(tmp_path / "in")
    result = audit(tmp_path / "a.db", tmp_path / "in")
    store = AuditDB(tmp_path / "a.db")
    counts = load_results(store, result.run_id, PLUGINS.rules, findings=False)
    full = load_results(store, result.run_id, PLUGINS.rules)
    by_hand: dict[tuple[str, str], tuple[int, set[int]]] = {}
    for r, f in full.each_finding(batch=1):
        n, ids = by_hand.get((f.diagnostic.code, f.diagnostic.severity), (0, set()))
        by_hand[(f.diagnostic.code, f.diagnostic.severity)] = (n + 1, ids | {r.row.id})
    store.close()
    assert all(r.top == () for r in counts.reports) and any(r.top for r in full.reports)
    assert {c for r in full.reports for c, _ in r.top} == {c for c, _ in by_hand}
    assert by_hand
    assert sorted(counts.by_rule()) == sorted((c, s, n, len(ids)) for (c, s), (n, ids) in by_hand.items())
