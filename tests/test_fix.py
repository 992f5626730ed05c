"""``gilint check --fix``: every fix of the case table in every format gilint writes, byte for byte;
the HTML and .docx placement of edits through markup and runs; what is refused and why; overlapping
fixes; the command line (--fix, --diff, --unsafe-fixes) and the fix in JSON, SARIF and the full output;
the five seeds fixed, then checked again (skipped without ../shared).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gilint.cli import main
from gilint.config import Config
from gilint.engine import check_file, load_plugins
from gilint.fix import MAX_ROUNDS, fix_file, non_overlapping
from gilint.model import Diagnostic, Edit, Fix, Span
from gilint.parsers import read_document
from gilint.testing.reports import make_report
from tests.conftest import shared_file
from tests.docxkit import docx_bytes, para
from tests.hostile import OPS, Op, mutate
from tests.reportformats import FORMATS, build, html
from tests.test_rule_cases import FIXES, UNSAFE, place

PLUGINS = load_plugins()


def fixed(path: Path, unsafe: bool = False, data: bytes | None = None):  # type: ignore[no-untyped-def]
    return fix_file(str(path), Config(root=path.parent), PLUGINS, unsafe, data)


def docx_text(data: bytes, name: str = "r.docx") -> list[str]:
    return read_document(name, data).lines


# ------------------------------------------------------------------ every fix, every format


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("where", "snippet", "expected", "after"), FIXES, ids=[f"{c[2][0][0]}:{c[1].splitlines()[0][:10]}" for c in FIXES]
)
def test_every_fix_in_every_format(
    fmt: str, where: str, snippet: str, expected: list[tuple[str, int, int]], after: str, tmp_path: Path
) -> None:
    path = tmp_path / f"r.{fmt}"
    before = build(fmt, place(snippet, where)[0])
    path.write_bytes(before)
    want = build(fmt, place(after, where)[0])
    result = fixed(path, unsafe=expected[0][0] in UNSAFE)
    assert [d.code for d in result.fixed] == [c for c, _, _ in expected] and not result.refused
    assert result.remaining == []
    if fmt == "docx":  # the runs are edited; the rest of the package is copied as it was
        assert docx_text(result.after) == docx_text(want)
        with zipfile.ZipFile(io.BytesIO(before)) as old, zipfile.ZipFile(io.BytesIO(result.after)) as new:
            assert old.namelist() == new.namelist()
            assert all(old.read(n) == new.read(n) for n in old.namelist() if n != "word/document.xml")
    else:
        assert result.after == want  # every byte outside the edited characters as it was
    assert not fixed(path, unsafe=True, data=result.after).changed  # fixing twice changes nothing


@pytest.mark.parametrize(("encoding", "bom"), [("gbk", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")])
@pytest.mark.parametrize("ext", ["txt", "md"])
def test_text_and_markdown_keep_their_encoding_bom_and_crlf(
    encoding: str, bom: bytes, ext: str, tmp_path: Path
) -> None:
    def encoded(snippet: str) -> bytes:
        text = build(ext, place(snippet, "body")[0]).decode("utf-8").replace("\n", "\r\n")
        return bom + text.encode(encoding)

    path = tmp_path / f"r.{ext}"
    path.write_bytes(encoded("打造整体统一的的网站界面。网址：https//www.example.gov.cn"))
    result = fixed(path)
    assert sorted(d.code for d in result.fixed) == ["GI605", "GI611"]
    assert result.after == encoded("打造整体统一的网站界面。网址：https://www.example.gov.cn")


# ------------------------------------------------------------------ HTML: through the markup


def test_html_fix_steps_over_tags_comments_and_entities_and_keeps_gbk_and_crlf(tmp_path: Path) -> None:
    text = make_report().replace("稳步推进政务公开工作。", "稳步推进政务公开工作。打造整体统一的的网站界面。")
    page = html(text, "gbk", "\r\n").replace(
        "打造整体统一的的网站界面".encode("gbk"),
        '打造<b>整体</b>统一<!-- 注 -->的<span class="x">的</span>网站&nbsp;界面'.encode("gbk"),
    )
    path = tmp_path / "r.html"
    path.write_bytes(page)
    result = fixed(path)
    assert [d.code for d in result.fixed] == ["GI605"]
    want = page.replace('<span class="x">的</span>'.encode("gbk"), b'<span class="x"></span>')
    assert result.after == want  # one GBK character gone; CRLFs, tags, comment and entity untouched
    assert not fixed(path, data=result.after).changed


def test_an_html_edit_touching_an_entity_is_refused_and_said_so(tmp_path: Path) -> None:
    text = make_report().replace("稳步推进政务公开工作。", "稳步推进政务公开工作。网址：https//www.example.gov.cn")
    page = html(text).replace(b"https//", b"https&#47;/")  # the slash written as an entity
    path = tmp_path / "r.html"
    path.write_bytes(page)
    result = fixed(path)
    assert not result.changed and result.fixed == []
    assert [(r.diagnostic.code, r.reason_en) for r in result.refused] == [
        ("GI611", "the text to change cannot be located exactly in the source: not fixed")
    ]
    assert [d.code for d in result.remaining] == ["GI611"]


# ------------------------------------------------------------------ .docx: the runs


def _docx_with(paragraph_xml: str) -> bytes:
    body = "".join(para(line) for line in make_report().rstrip("\n").split("\n") if " |" not in line)
    return docx_bytes(body.replace(para("青禾县自然资源局"), paragraph_xml + para("青禾县自然资源局"), 1))


def test_docx_fix_edits_the_runs_holding_the_characters(tmp_path: Path) -> None:
    runs = (
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>二是规范审</w:t></w:r><w:r><w:t>核审</w:t></w:r>"
        '<w:r><w:t xml:space="preserve">核发布机制。 </w:t></w:r></w:p>'
    )
    path = tmp_path / "r.docx"
    path.write_bytes(_docx_with(runs))
    result = fixed(path)
    assert [d.code for d in result.fixed] == ["GI605"]
    xml = zipfile.ZipFile(io.BytesIO(result.after)).read("word/document.xml").decode()
    assert "<w:t>二是规范审</w:t>" in xml and "<w:t>核</w:t>" in xml  # "审核" deleted across two runs
    assert '<w:t xml:space="preserve">发布机制。 </w:t>' in xml and "<w:b/>" in xml
    assert "二是规范审核发布机制。" in docx_text(result.after)


def test_a_fixed_docx_opens_in_python_docx_and_libreoffice(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx", reason="python-docx is in the dev extra")
    path = tmp_path / "r.docx"
    path.write_bytes(build("docx", place("打造整体统一的的网站界面。", "body")[0]))
    path.write_bytes(fixed(path).after)
    assert "打造整体统一的网站界面。" in [p.text for p in docx.Document(str(path)).paragraphs]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path / "out"),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert "打造整体统一的网站界面。" in (tmp_path / "out" / "r.txt").read_text(encoding="utf-8-sig")


def test_a_docx_text_held_by_more_paragraphs_than_nodes_is_refused(tmp_path: Path) -> None:
    # the same text as a paragraph and in a table cell: two w:p hold it, one paragraph node reads it, so
    # which w:p is that node is not certain (the cell, one w:tc for one cell node, is)
    text = "打造整体统一的的网站界面。"
    table = f"<w:tbl><w:tr><w:tc>{para(text)}</w:tc><w:tc>{para('其他')}</w:tc></w:tr></w:tbl>"
    path = tmp_path / "r.docx"
    path.write_bytes(_docx_with(para(text) + table))
    result = fixed(path)
    assert [d.span.logical for d in result.fixed] == ["表格 1 行 1 列 1"]
    assert [(r.diagnostic.span.logical, r.reason_en) for r in result.refused] == [
        ("段落 14", f"{text!r} occurs 2 times in the document; which one is meant is not certain: not fixed")
    ]
    assert docx_text(result.after).count(text) == 1


# ------------------------------------------------------------------ what is never changed, overlaps, the bound


def test_a_pdf_is_never_changed(tmp_path: Path) -> None:
    pdf = shared_file("corpus", "real", "003_huaianshi_2024.pdf")
    result = fixed(pdf)
    assert result.kind == "pdf" and not result.changed  # nothing to fix there; and never written
    report = check_file(str(pdf), Config(root=tmp_path), PLUGINS).report
    fake = Diagnostic(
        "GI605", "wording", "warning", str(pdf), Span(1, 1), "x", "x", fix=Fix("x", "x", (Edit(0, 1, ""),))
    )
    from gilint.fix import apply_fixes

    data, done, refused = apply_fixes(report, pdf.read_bytes(), [fake])  # type: ignore[arg-type]
    assert (data, done, [r.reason_en for r in refused]) == (pdf.read_bytes(), [], ["a PDF file is not fixed"])


def _diagnostic(code: str, *ranges: tuple[int, int]) -> Diagnostic:
    return Diagnostic(
        code,
        "wording",
        "warning",
        "r.txt",
        Span(1, 1),
        code,
        code,
        fix=Fix(code, code, tuple(Edit(a, b, "") for a, b in ranges)),
    )


def test_overlapping_fixes_are_taken_by_position_then_code_and_the_rest_wait() -> None:
    a, b, c, d, e = (
        _diagnostic("GI607", (10, 20)),
        _diagnostic("GI608", (5, 12)),
        _diagnostic("GI605", (20, 22)),
        _diagnostic("GI606", (30, 30)),
        _diagnostic("GI605", (30, 31)),
    )
    assert [x.code for x in non_overlapping([a, b, c, d, e])] == ["GI608", "GI605", "GI605"]
    assert [x.fix.edits[0].start for x in non_overlapping([a, b, c, d, e])] == [5, 20, 30]  # type: ignore[union-attr]


def test_fixes_that_make_new_fixes_stop_at_the_bound(tmp_path: Path) -> None:
    # "的的的…" of 2 ** 12 characters: each round halves it; the loop stops after MAX_ROUNDS rounds
    text, _ = place("打造整体统一" + "的" * 2**12 + "网站界面。", "body")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    result = fixed(path)
    assert result.changed and len(result.fixed) == sum(2**11 // 2**k for k in range(MAX_ROUNDS))
    assert [d.code for d in result.remaining] == ["GI605", "GI605"]  # 2 ** 12 / 2 ** 10 = 4 left


# ------------------------------------------------------------------ the command line and the outputs


@pytest.fixture
def two_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(place("打造整体统一的的网站界面。", "body")[0], encoding="utf-8")
    (tmp_path / "b.txt").write_text(place("现将2022年政府信息公开工作情况报告如下：", "preamble")[0], encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_shows_fix_writes_unsafe_fixes_must_be_asked_for(
    two_files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = (two_files / "a.txt").read_bytes(), (two_files / "b.txt").read_bytes()
    code, out, err = run(capsys, "check", "--diff", "a.txt", "b.txt")
    assert code == 1 and (two_files / "a.txt").read_bytes() == a
    assert out.splitlines()[:2] == ["--- a.txt", "+++ a.txt"]
    assert "-打造整体统一的的网站界面。" in out.splitlines() and "+打造整体统一的网站界面。" in out.splitlines()
    assert "b.txt" not in out  # its only fix is unsafe
    assert err.splitlines() == ["可修复 1 处（1 个文件）", "另有 1 处不安全修复，可用 --unsafe-fixes 启用"]
    code, out, err = run(capsys, "check", "--fix", "--format", "concise", "a.txt", "b.txt")
    assert (two_files / "a.txt").read_bytes() == a.replace("的的".encode(), "的".encode())
    assert (two_files / "b.txt").read_bytes() == b
    assert (code, out.splitlines()[0].split(" [")[0]) == (1, "b.txt:3:3: GI205")
    assert err.splitlines()[0] == "已修复 1 处（1 个文件）"
    code, out, err = run(capsys, "check", "--fix", "--unsafe-fixes", "b.txt", "--lang", "en")
    assert (code, out, err.splitlines()[0]) == (0, "No problems found\n", "fixed 1 issues in 1 files")
    assert (two_files / "b.txt").read_bytes() == b.replace(b"2022", b"2023", 1)
    assert run(capsys, "check", "--diff", "a.txt", "b.txt")[:2] == (0, "")  # nothing left to change


def test_diff_of_a_docx_shows_its_paragraphs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    data = build("docx", place("打造整体统一的的网站界面。", "body")[0])
    (tmp_path / "r.docx").write_bytes(data)
    code, out, _ = run(capsys, "check", "--diff", "r.docx")
    assert code == 1 and (tmp_path / "r.docx").read_bytes() == data
    assert [line for line in out.splitlines() if line[:1] in "+-"] == [
        "--- r.docx",
        "+++ r.docx",
        "-打造整体统一的的网站界面。",
        "+打造整体统一的网站界面。",
    ]


def test_a_refused_fix_is_reported_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    text = make_report().replace("稳步推进政务公开工作。", "稳步推进政务公开工作。网址：https//www.example.gov.cn")
    (tmp_path / "r.html").write_bytes(html(text).replace(b"https//", b"https&#47;/"))
    code, out, err = run(capsys, "check", "--fix", "--format", "concise", "r.html")
    assert code == 0 and "GI611" in out and err.splitlines()[0].startswith("gilint: 警告: r.html:")
    assert "GI611 的修复未应用：无法在源文件中准确定位要修改的文字，未修复" in err.splitlines()[0]


def test_full_output_marks_fixable_findings_and_counts_them(
    two_files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, "check", "a.txt", "b.txt")[1].splitlines()
    assert out[0].startswith("a.txt:5:7: GI605 [*] [wording] 警告: “的”连写了两遍")
    assert "  = 修复: 删去重复的“的”" in out
    assert any(line.startswith("b.txt:3:3: GI205 [period]") for line in out)  # unsafe: no [*]
    assert "  = 不安全修复: 改为2023" in out
    assert out[-2:] == [
        "共 1 个错误，1 个警告",
        "[*] 其中 1 个可用 --fix 自动修复；另有 1 个不安全修复可用 --unsafe-fixes 启用",
    ]
    en = run(capsys, "check", "a.txt", "b.txt", "--unsafe-fixes", "--lang", "en", "--format", "concise")[1]
    assert en.splitlines()[-1] == "[*] 2 fixable with the --fix --unsafe-fixes option"


def test_json_and_sarif_carry_the_fix(two_files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [d] = json.loads(run(capsys, "check", "a.txt", "--format", "json")[1])
    assert d["fix"] == {
        "applicability": "safe",
        "message": "删去重复的“的”",
        "edits": [{"old": "的", "new": "", "line": 5, "column": 8, "end_line": 5, "end_column": 8}],
    }
    log = json.loads(run(capsys, "check", "a.txt", "b.txt", "--format", "sarif")[1])
    first, second = log["runs"][0]["results"]
    assert first["fixes"] == [
        {
            "description": {"text": "删去重复的“的”"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "a.txt"},
                    "replacements": [
                        {
                            "deletedRegion": {"startLine": 5, "startColumn": 8, "endLine": 5, "endColumn": 9},
                            "insertedContent": {"text": ""},
                        }
                    ],
                }
            ],
            "properties": {"applicability": "safe"},
        }
    ]
    assert second["fixes"][0]["properties"] == {"applicability": "unsafe"}
    import jsonschema

    from tests.test_reporters_machine import sarif_schema

    jsonschema.Draft4Validator(sarif_schema()).validate(log)


def test_json_of_a_docx_fix_names_its_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.docx").write_bytes(build("docx", place("打造整体统一的的网站界面。", "body")[0]))
    [d] = json.loads(run(capsys, "check", "r.docx", "--format", "json")[1])
    assert d["fix"]["edits"] == [
        {
            "old": "的",
            "new": "",
            "line": None,
            "column": None,
            "end_line": None,
            "end_column": None,
            "logical": "段落 5",
        }
    ]
    assert "fixes" not in json.loads(run(capsys, "check", "r.docx", "--format", "sarif")[1])["runs"][0]["results"][0]


# ------------------------------------------------------------------ the seeds


def test_the_seeds_fixed_then_checked_again_show_only_what_no_fix_mends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = shared_file("seeds")
    copies = tmp_path / "seeds"
    shutil.copytree(seeds, copies)
    names = sorted(p.name for p in copies.iterdir())
    before = json.loads(run(capsys, "check", str(copies), "--format", "json")[1])
    fixable = [d for d in before if d["fix"] and d["fix"]["applicability"] == "safe"]
    assert sorted({(Path(d["path"]).name[:3], d["code"]) for d in fixable}) == [
        ("002", "GI103"),
        ("002", "GI601"),
        ("002", "GI602"),
        ("003", "GI601"),
        ("004", "GI603"),
    ]
    code, _, err = run(capsys, "check", "--fix", str(copies), "--format", "json")
    assert (code, err.splitlines()[0]) == (1, "已修复 6 处（3 个文件）")  # errors no fix mends are left
    after = json.loads(run(capsys, "check", str(copies), "--format", "json")[1])
    assert [d for d in after if d["fix"]] == []
    key = lambda d: (Path(d["path"]).name, d["code"], d["message"])  # noqa: E731
    assert sorted(map(key, after)) == sorted(map(key, [d for d in before if not d["fix"]]))
    assert sorted(p.name for p in copies.iterdir()) == names
    changed = [n for n in names if (copies / n).read_bytes() != (seeds / n).read_bytes()]
    assert changed == ["002_4095ec7c00299beb.txt", "003_d954dc0dac9f162f.txt", "004_31bf4249452c17df.txt"]
    again = run(capsys, "check", "--fix", str(copies), "--format", "json")[2]
    assert again.splitlines()[0] == "已修复 0 处（0 个文件）"


# ------------------------------------------------------------------ whatever the bytes


DEFECTS = (
    "打造整体统一的的网站界面。二是规范审核审核发布机制。(一）主动公开情况 网址：https//www.example.gov.cn "
    "依据《中华人民共和国政府政务公开条例》（国办发[2020]17号）"
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    ext=st.sampled_from(FORMATS),
    ops=st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 1 << 20), st.integers(0, 1 << 20)), max_size=6),
)
def test_fixing_a_mutated_report_never_raises_and_a_second_run_changes_nothing(
    ext: str, ops: list[Op], tmp_path: Path
) -> None:
    path = tmp_path / f"r.{ext}"
    data = mutate(build(ext, place(DEFECTS, "body")[0]), ops)
    result = fix_file(str(path), Config(root=tmp_path), PLUGINS, unsafe=True, data=data)
    assert all(r.reason_zh and r.reason_en for r in result.refused)
    if result.changed:
        again = fix_file(str(path), Config(root=tmp_path), PLUGINS, unsafe=True, data=result.after)
        assert not again.changed


def test_a_docx_whose_other_members_cannot_be_read_back_is_left_alone(tmp_path: Path) -> None:
    data = mutate(build("docx", place("打造整体统一的的网站界面。", "body")[0]), [("flip", 0, 0)])  # the first header
    result = fix_file(str(tmp_path / "r.docx"), Config(root=tmp_path), PLUGINS, data=data)
    assert not result.changed and result.fixed == []
    assert [r.reason_en.split(" (")[0] for r in result.refused] == ["the fixed file cannot be written"]
