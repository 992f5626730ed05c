"""Word 97-2003 .doc and WPS .wps: converted to .docx by LibreOffice, then read by the .docx reader.

LibreOffice runs headless (``soffice --headless --convert-to docx``) in a temporary folder with a
profile of its own (``-env:UserInstallation``), so it never touches the user's LibreOffice settings
and runs beside any other instance (``gilint audit`` converts in parallel); ``HOME`` points into the
same folder. It is given ``CONVERT_TIMEOUT`` seconds, then killed with every process it started.
Nothing it does needs the network. The program is ``$GILINT_SOFFICE`` when set, else ``soffice`` or
``libreoffice`` on the ``PATH``, else LibreOffice's usual install places.

A file that is really a .docx (a zip archive) is read as one, without LibreOffice. Without
LibreOffice the result is a "needs-libreoffice" problem saying how to install it; a conversion
that fails or runs out of time is "conversion-failed".
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from gilint.model import Document, Problem, Span

CONVERT_TIMEOUT = 120  # seconds for one conversion; a report takes 2-10 s, the first run with a new profile more
_PLACES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_NAMES = {"doc": "Word 97-2003（.doc）", "wps": "WPS（.wps）"}


def find_soffice() -> str | None:
    """The LibreOffice program to convert with, or None when it is not installed."""
    own = os.environ.get("GILINT_SOFFICE")
    if own:
        return own if Path(own).is_file() else None
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next((p for p in _PLACES if Path(p).is_file()), None)


def parse_office(data: bytes, path: str) -> Document:
    """Read a .doc or .wps file (its bytes ``data``) as the .docx LibreOffice converts it to."""
    from gilint.parsers.docx import parse_docx

    suffix = Path(path).suffix.lower().lstrip(".") or "doc"
    if data.startswith(b"PK\x03\x04"):  # a .docx saved under an old name: no conversion needed
        return parse_docx(data, path)
    soffice = find_soffice()
    if soffice is None:
        return _failed(
            path,
            "needs-libreoffice",
            f"读取{_NAMES.get(suffix, suffix)}文件需要 LibreOffice，但没有找到。请安装后重试："
            "Debian/Ubuntu 运行 sudo apt-get install libreoffice-writer-nogui，其他系统从 "
            "libreoffice.org 下载；或设置环境变量 GILINT_SOFFICE 指向 soffice 程序；或在 Word/WPS "
            "中另存为 .docx 后再检查",
            f"reading a .{suffix} file needs LibreOffice, which was not found. Install it "
            "(Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; elsewhere from "
            "libreoffice.org), or set GILINT_SOFFICE to the soffice program, or save the file as "
            ".docx in Word/WPS and check that",
        )
    converted = _convert(soffice, data, suffix, path)
    if isinstance(converted, Document):
        return converted
    doc = parse_docx(converted, path)
    doc.meta["converted-by"] = "LibreOffice"
    return doc


def _convert(soffice: str, data: bytes, suffix: str, path: str) -> bytes | Document:
    with tempfile.TemporaryDirectory(prefix="gilint-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"report.{suffix}"
        source.write_bytes(data)
        out = folder / "out"
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        env = {**os.environ, "HOME": tmp}
        try:
            proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=env,
                start_new_session=sys.platform != "win32",
            )
        except OSError as e:
            return _failed(
                path,
                "conversion-failed",
                f"无法启动 LibreOffice（{soffice}）：{e.strerror or e}",
                f"LibreOffice ({soffice}) could not be started: {e.strerror or e}",
            )
        try:
            _, err = proc.communicate(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill(proc)
            return _failed(
                path,
                "conversion-failed",
                f"LibreOffice 转换超过 {CONVERT_TIMEOUT} 秒未完成，已中止",
                f"LibreOffice did not finish converting within {CONVERT_TIMEOUT} s: stopped",
            )
        result = out / "report.docx"
        if proc.returncode != 0 or not result.is_file():
            why = " ".join(err.decode("utf-8", "replace").split())[:200] or f"exit status {proc.returncode}"
            return _failed(
                path,
                "conversion-failed",
                f"LibreOffice 无法把文件转换为 .docx（{why}）：文件可能已损坏，或不是 Word/WPS 文档",
                f"LibreOffice could not convert the file to .docx ({why}): "
                "it may be damaged, or not a Word/WPS document",
            )
        return result.read_bytes()


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Stop LibreOffice and whatever it started (its process group on POSIX)."""
    try:
        if sys.platform != "win32":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        pass  # it ended in the meantime
    proc.communicate()


def _failed(path: str, kind: str, zh: str, en: str) -> Document:
    return Document(path=path, kind="docx", problems=[Problem(kind, zh, en, Span())])
