"""``findings.xlsx``: the workbook ``gilint audit --out`` writes (a sheet
each for reports, submissions, findings and indicators, read back with openpyxl; every part well-formed
XML), and that the output modules import one way (outputs uses the
page, the sheets and the workbook, none of them uses outputs)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from gilint.audit import workbook
from gilint.audit.db import AuditDB
from gilint.audit.outputs import load_results, write_outputs
from tests.test_audit import PLUGINS, ROOT, X1_MESSAGES, audit, two_agencies

openpyxl = pytest.importorskip("openpyxl")


def outputs(tmp_path: Path, lang: str = "zh") -> dict[str, Path]:
    files = two_agencies(tmp_path / "in")
    result = audit(tmp_path / "a.db", tmp_path / "in")
    store = AuditDB(tmp_path / "a.db")
    try:
        write_outputs(load_results(store, result.run_id, PLUGINS.rules), tmp_path / "out", lang)
    finally:
        store.close()
    return files


def values(sheet: object) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def test_the_workbook_has_a_sheet_per_table(tmp_path: Path) -> None:
    files = outputs(tmp_path)
    book = openpyxl.load_workbook(tmp_path / "out" / "findings.xlsx")
    assert book.sheetnames == ["报告", "提交情况", "诊断", "指标"]
    reports = values(book["报告"])
    assert reports[0] == ["机关", "年度", "文件", "格式版本", "错误", "警告", "提示", "状态", "主要问题"]
    jia = next(r for r in reports if r[2] == str(files["甲2023"]))
    assert jia == ["云溪市甲局", 2023, str(files["甲2023"]), 2021, 2, 0, 0, "已检查", "GI701×2"]  # numbers as numbers
    assert len(reports) == 1 + 4
    findings = values(book["诊断"])
    assert findings[0][:5] == ["机关", "年度", "文件", "级别", "规则"]
    x1 = [r for r in findings if r[4] == "GI701"]
    assert [(r[0], r[1], r[2], r[3], r[8], r[12]) for r in x1] == [
        ("云溪市甲局", 2023, str(files["甲2023"]), "错误", m, "是") for m in X1_MESSAGES
    ]
    assert len(findings) - 1 == sum(1 for _ in (tmp_path / "out" / "results.jsonl").open(encoding="utf-8"))
    subs = values(book["提交情况"])
    assert subs[0][:5] == ["机关", "级别", "在名单中", "年度", "提交情况"]
    assert sorted((r[0], r[3], r[4]) for r in subs[1:]) == [
        ("云溪市乙局", 2022, "按时提交"),
        ("云溪市乙局", 2023, "按时提交"),
        ("云溪市甲局", 2022, "按时提交"),
        ("云溪市甲局", 2023, "按时提交"),
    ]
    indicators = values(book["指标"])
    assert indicators[0][4] == "本年新收申请数 [t3:1:total]"
    requests = {"乙2022": 13, "乙2023": 12, "甲2022": 13, "甲2023": 13}  # table 3's row 1 (KEPT_2023: 12)
    assert [r[:5] for r in indicators[1:]] == [
        [f"云溪市{key[0]}局", "部门", int(key[1:]), str(files[key]), n] for key, n in requests.items()
    ]
    sheet = book["诊断"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:M{len(findings)}"
    assert sheet["A1"].font.b
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert "findings.xlsx" in manifest["files"]


def test_a_cell_that_looks_like_a_formula_stays_text() -> None:
    out = io.BytesIO()
    workbook.write(out, [("s", ["a", "b"], [['=HYPERLINK("http://x")', 3], ["控制\x07字符", None]])])
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue()))["s"]
    assert (sheet["A2"].value, sheet["A2"].data_type, sheet["B2"].value) == ('=HYPERLINK("http://x")', "s", 3)
    assert sheet["A3"].value == "控制\ufffd字符"


def test_the_workbook_is_well_formed_spreadsheetml() -> None:
    out = io.BytesIO()
    rows = [[" lead & <tag>", 1.5, True], ["surrogate \udcff here", "a\nb", "x" * 40000]]
    workbook.write(out, [("it's", ["a", "b", "c"], rows), ("二", ["x"], [])])
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z:
        for name in z.namelist():
            etree.fromstring(z.read(name))  # every part parses as XML
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    assert book.sheetnames == ["it's", "二"]
    assert values(book["it's"]) == [
        ["a", "b", "c"],
        [" lead & <tag>", 1.5, True],
        ["surrogate \ufffd here", "a b", "x" * workbook.CELL_MAX],
    ]
    assert values(book["二"]) == [["x"]] and book["二"].auto_filter.ref == "A1:A1"
    assert [workbook.column(n) for n in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_the_output_modules_import_one_way() -> None:
    modules = ["page", "feedback", "workbook", "results", "indicators"]
    imports = ", ".join("gilint.audit." + m for m in modules)
    code = f"import sys; import {imports}; print('gilint.audit.outputs' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
