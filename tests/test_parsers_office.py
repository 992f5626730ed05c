""".doc and .wps through LibreOffice: a .doc LibreOffice makes from a fixture reads as the fixture does;
without LibreOffice, or when it fails or hangs, an input finding (GI020, GI021) and never a traceback."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gilint.config import Config
from gilint.engine import check_file, load_plugins
from gilint.model import Document
from gilint.parsers import office, read_document
from tests.docxkit import docx_bytes, para, related_docx, run
from tests.fixture_builders import build_docx

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "clean" / "2024_xx-wei.docx.json"
PLUGINS = load_plugins()


def shape(doc: Document) -> list[tuple[str, str, int | None, int | None]]:
    """What the reading holds: each node's text, kind, table and row (LibreOffice may renumber grid columns)."""
    return [(n.text, n.kind, n.table, n.row) for n in doc.nodes]


def codes(path: Path) -> list[tuple[str, str, str, str]]:
    result = check_file(str(path), Config(path.parent), PLUGINS)
    return [(d.code, d.category, d.severity, d.message_zh) for d in result.diagnostics]


def soffice() -> str:
    found = office.find_soffice()
    if found is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    return found


def to_doc(source: Path, folder: Path) -> Path:
    """``source`` converted to Word 97-2003 .doc by LibreOffice itself."""
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={"PATH": "/usr/bin:/bin", "HOME": str(folder)},
    )
    return folder / (source.stem + ".doc")


def test_a_doc_made_by_libreoffice_reads_as_the_fixture(tmp_path: Path) -> None:
    fixture = build_docx(FIXTURE, tmp_path / "report.docx")
    doc_file = to_doc(fixture, tmp_path)
    wps_file = tmp_path / "report.wps"  # WPS writes its .wps in the Word 97 binary format
    shutil.copy(doc_file, wps_file)
    original = read_document(str(fixture))
    assert len(original.nodes) > 250
    for converted in (doc_file, wps_file):
        doc = read_document(str(converted))
        assert doc.kind == "docx" and doc.problems == []
        assert doc.meta["converted-by"] == "LibreOffice"
        assert shape(doc) == shape(original)
        assert codes(converted) == codes(fixture) == []


def test_draft_markup_survives_the_doc_format(tmp_path: Path) -> None:
    body = (
        para("某局2023年政府信息公开工作年度报告")
        + para("一、总体情况")
        + '<w:p><w:r><w:t>本年度共收到申请</w:t></w:r><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:delText>5</w:delText></w:r></w:del><w:ins w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z">'
        "<w:r><w:t>3</w:t></w:r></w:ins><w:r><w:t>件，</w:t></w:r>"
        + run("XX", '<w:highlight w:val="yellow"/>')
        + "<w:r><w:t>件已办结。</w:t></w:r></w:p>"
    )
    source = tmp_path / "draft.docx"
    source.write_bytes(related_docx(body, {}))
    doc = read_document(str(to_doc(source, tmp_path)))
    assert [n.text for n in doc.nodes] == [
        "某局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度共收到申请3件，XX件已办结。",
    ]
    assert [(m.kind, m.text) for m in doc.marks] == [("deletion", "5"), ("insertion", "3"), ("highlight", "XX")]


def test_without_libreoffice_gi020_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GILINT_SOFFICE", str(tmp_path / "no-such-soffice"))
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    doc = read_document(str(path))
    assert [p.kind for p in doc.problems] == ["needs-libreoffice"]
    found = codes(path)
    assert [(c, cat, sev) for c, cat, sev, _ in found] == [("GI020", "input", "error")]
    assert "apt-get install libreoffice-writer-nogui" in found[0][3]
    monkeypatch.delenv("GILINT_SOFFICE")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(office, "_PLACES", ())
    assert office.find_soffice() is None


def fake_soffice(folder: Path, script: str) -> Path:
    path = folder / "soffice"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(0o755)
    return path


@pytest.mark.skipif(not Path("/bin/sh").exists(), reason="needs a POSIX shell")
def test_a_failing_or_hanging_converter_is_gi021(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    monkeypatch.setenv(
        "GILINT_SOFFICE", str(fake_soffice(tmp_path, "echo 'source file could not be loaded' >&2\nexit 1"))
    )
    doc = read_document(str(path))
    assert [p.kind for p in doc.problems] == ["conversion-failed"]
    assert "source file could not be loaded" in doc.problems[0].message_zh
    assert [c for c, *_ in codes(path)] == ["GI021"]
    pidfile = tmp_path / "child.pid"
    monkeypatch.setenv("GILINT_SOFFICE", str(fake_soffice(tmp_path, f"sleep 60 & echo $! > {pidfile}\nwait")))
    monkeypatch.setattr(office, "CONVERT_TIMEOUT", 1)
    doc = read_document(str(path))
    assert [p.kind for p in doc.problems] == ["conversion-failed"]
    assert "1 秒" in doc.problems[0].message_zh
    assert not running(int(pidfile.read_text()))  # killed with the converter's process group


def running(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return False
    state = next(line for line in status.read_text().splitlines() if line.startswith("State:"))
    return state.split()[1] not in ("Z", "X")


def test_a_docx_saved_as_doc_is_read_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GILINT_SOFFICE", str(tmp_path / "no-such-soffice"))
    path = tmp_path / "report.doc"
    path.write_bytes(docx_bytes(para("一、总体情况")))
    doc = read_document(str(path))
    assert ([n.text for n in doc.nodes], doc.problems) == (["一、总体情况"], [])
