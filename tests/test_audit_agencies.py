"""`gilint audit` as an office files its submissions: one folder per agency, one folder per year, a flat
folder of files named by agency, mixed formats, a re-upload; the office's agency list (CSV and TOML)
naming who is expected, with a missing and a late agency; unknown agencies never merged nor named by a
hash; the database beside the outputs, and the schema-2 database migrated."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from gilint.audit.agencies import AgencyListError, deadline, guess_level, load
from gilint.audit.agency import Found, identify
from gilint.audit.db import AuditDB
from gilint.audit.runner import AuditOptions, AuditResult, run_audit
from gilint.cli import main
from gilint.engine import load_plugins
from gilint.testing.reports import make_report
from tests.reportformats import html

PLUGINS = load_plugins()


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def nameless(year: int, signed: str | None = None) -> str:
    """A report that names no agency: a bare title, no signature line above the date."""
    text = make_report(year=year, title=f"{year}年政府信息公开工作年度报告", signature=signed)
    return text.replace("青禾县自然资源局\n", "")


def named(agency: str, year: int, signed: str | None = None) -> str:
    text = make_report(year=year, title=f"{agency}{year}年政府信息公开工作年度报告", signature=signed)
    return text.replace("青禾县自然资源局\n", agency + "\n")


def audit(tmp_path: Path, *paths: Path, agencies: Path | None = None) -> tuple[AuditResult, Path]:
    db = tmp_path / "a.db"
    store = AuditDB(db)
    try:
        listed = load(agencies) if agencies else None
        return run_audit([str(p) for p in paths], store, PLUGINS, options=AuditOptions(jobs=1, agencies=listed)), db
    finally:
        store.close()


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def agencies_of(db: Path, base: Path) -> dict[str, tuple[object, object]]:
    return {
        str(Path(str(p)).relative_to(base)): (a, i)
        for p, a, i in rows(db, "SELECT path, agency, identity FROM reports")
    }


def submissions(db: Path) -> list[tuple[object, ...]]:
    return rows(db, "SELECT agency, year, status, copies, published, deadline FROM submissions ORDER BY agency, year")


# ---------------------------------------------------------------- layouts


def test_one_folder_per_agency_keeps_two_agencies_apart(tmp_path: Path) -> None:
    base = tmp_path / "in"
    write(base / "鄂州市人社局" / "2022年报.txt", nameless(2022))
    write(base / "鄂州市人社局" / "2023年报.txt", nameless(2023))
    write(base / "某县民政局" / "2023年报.txt", nameless(2023))
    result, db = audit(tmp_path, base)
    assert agencies_of(db, base) == {
        "鄂州市人社局/2022年报.txt": ("鄂州市人社局", "folder"),
        "鄂州市人社局/2023年报.txt": ("鄂州市人社局", "folder"),
        "某县民政局/2023年报.txt": ("某县民政局", "folder"),
    }
    assert [a for (a,) in rows(db, "SELECT agency FROM series")] == ["鄂州市人社局"]  # 民政局 has one year
    assert submissions(db) == [
        ("某县民政局", 2023, "on-time", 1, "2024-01-20", "2024-01-31"),
        ("鄂州市人社局", 2022, "on-time", 1, "2023-01-20", "2023-01-31"),
        ("鄂州市人社局", 2023, "on-time", 1, "2024-01-20", "2024-01-31"),
    ]
    assert result.status == "done"


def test_one_folder_per_year_names_agencies_by_their_reports(tmp_path: Path) -> None:
    base = tmp_path / "in"
    write(base / "2022" / "a.txt", named("云溪市甲局", 2022))
    write(base / "2023" / "a.txt", named("云溪市甲局", 2023))
    write(base / "2023" / "b.txt", named("云溪市乙局", 2023, "2024年3月2日"))
    write(base / "2023年" / "云溪市丙局.pdf", b"%PDF-1.4 cut off")  # unreadable: its folder gives the year
    _, db = audit(tmp_path, base)
    assert agencies_of(db, base) == {
        "2022/a.txt": ("云溪市甲局", "title"),
        "2023/a.txt": ("云溪市甲局", "title"),
        "2023/b.txt": ("云溪市乙局", "title"),
        "2023年/云溪市丙局.pdf": ("云溪市丙局", "file"),
    }
    assert submissions(db) == [
        ("云溪市丙局", 2023, "unreadable", 1, None, "2024-01-31"),
        ("云溪市乙局", 2023, "late", 1, "2024-03-02", "2024-01-31"),
        ("云溪市甲局", 2022, "on-time", 1, "2023-01-20", "2023-01-31"),
        ("云溪市甲局", 2023, "on-time", 1, "2024-01-20", "2024-01-31"),
    ]


def test_a_folder_of_several_agencies_is_no_agency(tmp_path: Path) -> None:
    """ "云溪市" is a plausible agency name, but the reports in it name two agencies: it is a container."""
    base = tmp_path / "云溪市"
    write(base / "1.txt", named("云溪市甲局", 2023))
    write(base / "2.txt", named("云溪市乙局", 2023))
    _, db = audit(tmp_path, base)
    assert sorted(agencies_of(db, base).values()) == [("云溪市乙局", "title"), ("云溪市甲局", "title")]


def test_unknown_agencies_are_never_merged_nor_named_by_a_hash(tmp_path: Path) -> None:
    base = tmp_path / "in"
    write(base / "0a1b2c3d4e5f.txt", nameless(2023))
    write(base / "9f8e7d6c5b4a.txt", nameless(2023))
    _, db = audit(tmp_path, base)
    assert agencies_of(db, base) == {"0a1b2c3d4e5f.txt": ("", "unknown"), "9f8e7d6c5b4a.txt": ("", "unknown")}
    assert submissions(db) == [("", 2023, "on-time", 1, "2024-01-20", "2024-01-31")] * 2  # one each
    assert rows(db, "SELECT count(*) FROM series") == [(0,)]


def test_flat_files_named_by_agency_mixed_formats_and_a_reupload(tmp_path: Path) -> None:
    base = tmp_path / "in"
    write(base / "01_鄂州市人力资源和社会保障局_2023.txt", nameless(2023, "2024年2月3日"))
    write(base / "02_鄂州市人力资源和社会保障局_2023（重新上传）.txt", nameless(2023, "2024年1月25日"))
    write(base / "03_某县民政局2023年报.html", html(nameless(2023)))
    write(base / "mz-2023.md", nameless(2023))  # the pattern of the list names it
    listed = write(
        tmp_path / "agencies.csv",
        "名称,别名,级别,起始年度,文件\n鄂州市人社局,鄂州市人力资源和社会保障局,部门,2020,\n某县民政局,,部门,,mz-*.md\n",
    )
    _, db = audit(tmp_path, base, agencies=listed)
    found = agencies_of(db, base)
    assert found == {
        "01_鄂州市人力资源和社会保障局_2023.txt": ("鄂州市人社局", "list"),
        "02_鄂州市人力资源和社会保障局_2023（重新上传）.txt": ("鄂州市人社局", "list"),
        "03_某县民政局2023年报.html": ("某县民政局", "list"),
        "mz-2023.md": ("某县民政局", "list"),
    }
    # the re-upload: two copies, the earlier date counts (on time); HTML and Markdown: two copies
    assert submissions(db) == [
        ("某县民政局", 2023, "on-time", 2, "2024-01-20", "2024-01-31"),
        ("鄂州市人社局", 2023, "on-time", 2, "2024-01-25", "2024-01-31"),
    ]


# ---------------------------------------------------------------- the agency list


LIST_TOML = """
[[agency]]
name = "云溪市甲局"
level = "department"

[[agency]]
name = "云溪市乙局"
aliases = ["云溪乙局"]

[[agency]]
name = "云溪市人民政府"
level = "city"
from = 2023

[[agency]]
name = "云溪市丁局"
from = 2024
parent = "云溪市人民政府"
"""


@pytest.mark.parametrize("form", ["toml", "csv"])
def test_a_list_with_a_missing_and_a_late_agency(tmp_path: Path, form: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "in"
    write(base / "甲" / "2023.txt", named("云溪市甲局", 2023))
    write(base / "乙" / "2023.txt", named("云溪乙局", 2023, "2024年2月10日"))  # by its alias, late
    write(base / "其他" / "2023.txt", named("云溪市戊局", 2023))  # not on the list
    if form == "toml":
        listed = write(tmp_path / "agencies.toml", LIST_TOML)
    else:
        listed = write(
            tmp_path / "agencies.csv",
            "name,aliases,level,from,parent\n云溪市甲局,,department,,\n"
            "云溪市乙局,云溪乙局,,,\n云溪市人民政府,,city,2023,\n云溪市丁局,,,2024,云溪市人民政府\n",
        )
    out = tmp_path / "out"
    assert (
        main(["audit", str(base), "--agencies", str(listed), "--out", str(out), "--jobs", "1", "--ignore", "GI204"])
        == 0
    )
    # 丁局 is expected from 2024 only; the government's report (due 31 March) is missing
    assert submissions(out / "gilint-audit.db") == [
        ("云溪市乙局", 2023, "late", 1, "2024-02-10", "2024-01-31"),
        ("云溪市人民政府", 2023, "missing", 0, None, "2024-03-31"),
        ("云溪市戊局", 2023, "on-time", 1, "2024-01-20", "2024-01-31"),
        ("云溪市甲局", 2023, "on-time", 1, "2024-01-20", "2024-01-31"),
    ]
    printed = capsys.readouterr().out
    table = printed[printed.index("未按时提交或有问题的提交") :]
    assert table.index("云溪市人民政府") < table.index("云溪市乙局")  # missing first, then late
    assert "未提交" in table and "逾期提交" in table and "2024-03-31" in table and "云溪市甲局" not in table
    with open(out / "submissions.csv", encoding="utf-8-sig", newline="") as f:
        found = list(csv.reader(f))
    assert found[0] == ["机关", "级别", "在名单中", "年度", "提交情况", "报告日期", "截止日期", "文件数", "文件"]
    assert found[1:3] == [
        [
            "云溪市乙局",
            "部门",
            "是",
            "2023",
            "逾期提交",
            "2024-02-10",
            "2024-01-31",
            "1",
            str(base / "乙" / "2023.txt"),
        ],
        ["云溪市人民政府", "市级政府", "是", "2023", "未提交", "", "2024-03-31", "0", ""],
    ]
    assert found[3][:3] == ["云溪市戊局", "部门", "否"]
    assert (out / "submissions.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("name,level\n云溪市甲局,ministry\n", r"agencies.csv:2: level 'ministry' of 云溪市甲局 is not one of"),
        ("level\ndepartment\n", r"agencies.csv:1: the header has no name column"),
        ("name,aliases\n云溪市甲局,甲局\n云溪市乙局,甲局\n", "“甲局” names both 云溪市甲局 and 云溪市乙局"),
        ("name,parent\n云溪市甲局,云溪市政府\n", "the parent of 云溪市甲局, 云溪市政府, is not on the list"),
        ("name,from\n云溪市甲局,去年\n", "the first year of 云溪市甲局, '去年', is not a year"),
        ("name,colour\n云溪市甲局,red\n", "unknown key colour"),
    ],
)
def test_an_unusable_list_is_refused_with_its_line(
    tmp_path: Path, text: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = write(tmp_path / "agencies.csv", text)
    with pytest.raises(AgencyListError, match=reason):
        load(listed)
    write(tmp_path / "in" / "r.txt", make_report())
    assert main(["audit", str(tmp_path / "in"), "--agencies", str(listed), "--db", str(tmp_path / "a.db")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "agencies.csv" in err
    assert not (tmp_path / "a.db").exists()  # refused before the audit


def test_gbk_list_and_levels() -> None:
    assert deadline("department", 2023).isoformat() == "2024-01-31"
    assert deadline("town", 2023).isoformat() == "2024-03-31"
    assert deadline("county", 2023).isoformat() == "2024-03-31"
    assert guess_level("沭阳县人民政府") == "county" and guess_level("沭阳县发展和改革局") == "department"
    assert guess_level("城关镇人民政府") == "town"  # due in January, as a department is


def test_listed_name_with_or_without_its_city(tmp_path: Path) -> None:
    gbk = "名称,级别\n淮安市洪泽区人民政府,县级政府\n洪泽区民政局,部门\n".encode("gbk")
    listed = load(write(tmp_path / "a.csv", gbk))
    assert listed.named("洪泽区人民政府").name == "淮安市洪泽区人民政府"  # type: ignore[union-attr]
    assert listed.named("淮安市洪泽区民政局").name == "洪泽区民政局"  # type: ignore[union-attr]
    assert listed.named("洪泽区财政局") is None
    found = identify(
        [Found(1, "/x/in/r.txt", "洪泽区人民政府", "title"), Found(2, "/x/in/s.txt", "别的局名字", "title")],
        ["/x/in"],
        listed,
    )
    assert found == {1: ("淮安市洪泽区人民政府", "list"), 2: ("别的局名字", "title")}


# ---------------------------------------------------------------- the database


def test_the_database_defaults_to_the_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "in" / "r.txt", make_report())
    assert main(["audit", "in", "--out", "out", "--jobs", "1"]) == 0
    assert (tmp_path / "out" / "gilint-audit.db").is_file() and not (tmp_path / "gilint-audit.db").exists()


def test_a_schema_2_database_is_migrated_and_a_newer_one_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "in" / "r.txt", make_report(signature="2024年2月1日"))
    audit(tmp_path, tmp_path / "in")
    db = tmp_path / "a.db"
    with sqlite3.connect(db) as conn:  # what schema 2 held
        for column in ("identity", "published", "published_source", "cells"):
            conn.execute(f"ALTER TABLE reports DROP COLUMN {column}")
        conn.execute("ALTER TABLE findings DROP COLUMN place")
        conn.execute("DROP TABLE submissions")
        conn.execute("PRAGMA user_version = 2")
    result, _ = audit(tmp_path, tmp_path / "in")
    assert result.counts["checked"] == 1  # read again, for its date
    assert rows(db, "PRAGMA user_version") == [(3,)]
    assert submissions(db) == [("青禾县自然资源局", 2023, "late", 1, "2024-02-01", "2024-01-31")]
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 4")
    assert main(["audit", str(tmp_path / "in"), "--db", str(db), "--lang", "en"]) == 2
    assert "not an audit database of this gilint (schema 4, expected 3)" in capsys.readouterr().err


# ---------------------------------------------------------------- feedback sheets


def test_feedback_sheets_per_agency(tmp_path: Path) -> None:
    base = tmp_path / "in"
    broken = (
        make_report(year=2023, title="云溪市乙局2023年政府信息公开工作年度报告")
        .replace("共收到政府信息公开申请13件", "共收到政府信息公开申请15件")
        .replace("青禾县自然资源局\n", "云溪市乙局\n")
    )
    write(base / "乙" / "2023.txt", broken.replace("2024年1月20日", "2024年2月10日"))
    write(base / "甲" / "2023.txt", named("云溪市甲局", 2023))
    listed = write(tmp_path / "agencies.toml", LIST_TOML)
    out = tmp_path / "out"
    assert main(["audit", str(base), "--agencies", str(listed), "--out", str(out), "--jobs", "1"]) == 1
    sheets = sorted(p.name for p in (out / "feedback").iterdir())
    assert sheets == [f"{n}.{e}" for n in ("云溪市乙局", "云溪市人民政府", "云溪市甲局") for e in ("csv", "html")]
    with open(out / "feedback" / "云溪市乙局.csv", encoding="utf-8-sig", newline="") as f:
        found = list(csv.reader(f))
    assert found[0] == [
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
    ]
    assert found[1][8] == "2023年度报告逾期：报告日期 2024-02-10，截止 2024-01-31"
    codes = {r[5]: r for r in found[2:]}
    assert sorted(codes) == ["GI204", "GI401"]
    prose = codes["GI401"]
    assert prose[:6] == ["云溪市乙局", "2023", str(base / "乙" / "2023.txt"), "1", "错误", "GI401"]  # in reading order
    assert "15" in prose[8] and "13" in prose[8] and "共收到政府信息公开申请15件" in prose[10] and prose[11] == ""
    assert prose[7] == "第三部分“收到和处理政府信息公开申请情况” 第2段"  # as a reader finds it (gilint.locate)
    page = (out / "feedback" / "云溪市乙局.html").read_text(encoding="utf-8")
    assert "<script" not in page and "@media print" in page and "云溪市乙局政府信息公开工作年度报告审核意见" in page
    assert "逾期提交" in page and "GI401" in page
    missing = (out / "feedback" / "云溪市人民政府.csv").read_text(encoding="utf-8-sig").splitlines()
    assert missing[1].endswith("未提交2023年度报告（截止 2024-03-31）,,,")
    clean = (out / "feedback" / "云溪市甲局.html").read_text(encoding="utf-8")
    assert "未发现问题" in clean and "按时提交" in clean
    # an agency gone from the audit loses its sheet
    (base / "甲" / "2023.txt").unlink()
    main(["audit", str(base), "--agencies", str(listed), "--out", str(out), "--jobs", "1"])
    assert "云溪市甲局.html" in {p.name for p in (out / "feedback").iterdir()}  # still listed: now missing
    assert "未提交2023年度报告" in (out / "feedback" / "云溪市甲局.html").read_text(encoding="utf-8")


def test_a_report_not_yet_due_is_not_missing() -> None:
    import datetime as dt

    from gilint.audit.agencies import Agency, AgencyList
    from gilint.audit.db import ReportRow
    from gilint.audit.roster import roster

    listed = AgencyList([Agency("云溪市甲局"), Agency("云溪市人民政府", "city")])
    seen = [ReportRow(1, "a.txt", "云溪市甲局", "title", 2023, 2021, "text", None, "ok", 0, 0, 0, "list", "2024-01-05")]
    found = {(s.agency, s.status) for s in roster(seen, listed, today=dt.date(2024, 2, 1))}
    assert found == {("云溪市甲局", "on-time")}  # the government's report is due by 31 March
    found = {(s.agency, s.status) for s in roster(seen, listed, today=dt.date(2024, 4, 1))}
    assert found == {("云溪市甲局", "on-time"), ("云溪市人民政府", "missing")}


# ---------------------------------------------------------------- indicators


def test_indicators_with_their_formulas_a_minimum_sample_and_ranks(tmp_path: Path) -> None:
    from gilint.audit.indicators import compute

    base = tmp_path / "in"
    write(base / "甲.txt", named("云溪市甲局", 2023))  # t3 of reportgen: 新收 13, 予以公开 6, 部分公开 3, 办结 12
    big = {
        "1": [20, 0, 0, 0, 0, 0, 20],
        "3.1": [18, 0, 0, 0, 0, 0, 18],
        "3.2": [0] * 7,
        "3.4.1": [0] * 7,
        "3.3.4": [0] * 7,
        "3.7": [20, 0, 0, 0, 0, 0, 20],
        "4": [1, 0, 0, 0, 0, 0, 1],
        "2": [1, 0, 0, 0, 0, 0, 1],
    }
    write(base / "乙.txt", make_report(year=2023, title="云溪市乙局2023年政府信息公开工作年度报告", t3=big))
    write(
        base / "丙.txt",
        make_report(
            year=2023,
            title="云溪市丙局2023年政府信息公开工作年度报告",
            t3={
                "1": [3, 0, 0, 0, 0, 0, 3],
                "3.1": [1, 0, 0, 0, 0, 0, 1],
                "3.2": [0] * 7,
                "3.4.1": [0] * 7,
                "3.3.4": [0] * 7,
                "3.7": [1, 0, 0, 0, 0, 0, 1],
                "2": [0] * 7,
                "4": [2, 0, 0, 0, 0, 0, 2],
            },
        ),
    )
    out = tmp_path / "out"
    main(["audit", str(base), "--out", str(out), "--jobs", "1"])
    with open(out / "indicators.csv", encoding="utf-8-sig", newline="") as f:
        found = list(csv.reader(f))
    assert found[0][5] == "公开率＝（予以公开＋部分公开）÷办结 [(t3:3.1:total + t3:3.2:total) / t3:3.7:total]"
    rows = {r[0]: r for r in found[1:]}
    assert rows["云溪市甲局"][4:8] == ["13", "75.0%", "9 / 12", "2/2"]
    assert rows["云溪市乙局"][4:8] == ["20", "90.0%", "18 / 20", "1/2"]
    assert rows["云溪市丙局"][4:8] == ["3", "样本不足", "1 / 1", ""]  # 1 case: marked, never ranked
    assert rows["云溪市甲局"][8:11] == ["16.7%", "2 / 12", "1/2"]  # 本机关不掌握 2 of 12
    assert rows["云溪市甲局"][14:] == ["样本不足", "0 / 2", ""]  # 2 cases decided in 复议 and 诉讼
    # a cell not read leaves its rates out, never guessed
    partial = compute({"t3:3.1:total": 5.0, "t3:3.7:total": 20.0})
    assert partial["disclosure"].value is None and partial["not_held"].value is None


def test_only_a_reports_own_folder_names_it(tmp_path: Path) -> None:
    """A folder further up (the government's, holding a folder of its departments' files) is never the
    agency of a report below; a year's folder is looked through."""
    base = tmp_path / "in"
    write(base / "鄂州市人民政府" / "其他" / "a.txt", named("鄂州市人社局", 2023))
    write(base / "鄂州市人民政府" / "其他" / "b.txt", nameless(2023))
    write(base / "鄂州市民政局" / "2023" / "c.txt", nameless(2023))
    listed = write(tmp_path / "agencies.csv", "名称,级别\n鄂州市人民政府,市级政府\n鄂州市民政局,部门\n")
    for agencies, how in ((None, "folder"), (listed, "list")):
        _, db = audit(tmp_path, base, agencies=agencies)
        found = agencies_of(db, base)
        assert found["鄂州市人民政府/其他/a.txt"] == ("鄂州市人社局", "title")
        assert found["鄂州市人民政府/其他/b.txt"] == ("", "unknown")
        assert found["鄂州市民政局/2023/c.txt"] == ("鄂州市民政局", how)
        (tmp_path / "a.db").unlink()
