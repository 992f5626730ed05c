"""Bytes to text. UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, and an HTML page's
declared ``<meta charset>``; charset-normalizer decides when nothing is declared and UTF-8 fails.
Undecodable input is reported as a ``Problem``, never raised.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from gilint.model import Problem, Span

_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,20})""", re.I)
_PROBE = b'<meta charset="x">+-\\u'  # ASCII as a page declaring its charset would start
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "utf8": "utf-8"}


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str | None
    problems: list[Problem]


def _norm(name: str) -> str | None:
    name = _ALIASES.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _declared(data: bytes) -> str | None:
    """The page's ``<meta charset>``, if it names a text encoding that reads ASCII as ASCII (so not
    UTF-16, EBCDIC, base64 or rot13: those cannot have declared themselves in ASCII)."""
    m = _META.search(data[:4096])
    declared = _norm(m.group(1).decode("ascii")) if m else None
    if declared is None:
        return None
    try:
        return declared if _PROBE.decode(declared) == _PROBE.decode("ascii") else None
    except (LookupError, UnicodeError):
        return None


def _problem(kind: str, zh: str, en: str) -> Problem:
    return Problem(kind, zh, en, Span(1, 1))


def decode_bytes(data: bytes, html: bool = False) -> Decoded:
    """Decode ``data``; the result's ``encoding`` is None when nothing fitted.

    NUL bytes at the start mean a binary file; further on (a damaged or padded file) they read as
    spaces, which keeps every column, and are reported."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data[:4096]:
        return Decoded("", None, [_problem(
            "binary", "文件含有 NUL 字节，像是二进制文件而不是报告文本",
            "the file contains NUL bytes: it looks binary, not a report text")])
    if b"\x00" not in data:
        return _detect(data, html)
    decoded = _detect(data.replace(b"\x00", b" "), html)
    line = data.count(b"\n", 0, data.index(b"\x00")) + 1
    decoded.problems.append(Problem(
        "nul-bytes", f"文件第 {line} 行起含有 NUL 字节（已按空格读取），文件可能已损坏",
        f"the file contains NUL bytes from line {line} on (read as spaces): it may be damaged", Span(line)))
    return decoded


def _detect(data: bytes, html: bool) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    declared = _declared(data) if html else None
    if declared:
        try:
            return Decoded(data.decode(declared), declared, [])
        except UnicodeError:
            pass  # the declaration lies; fall through to detection
    for encoding, reason in (("utf-8", "unexpected end of data"), ("gb18030", "incomplete multibyte sequence")):
        try:
            return Decoded(data.decode(encoding), encoding, [])
        except UnicodeDecodeError as e:
            if e.reason == reason and e.start >= len(data) - 3:
                return Decoded(data[: e.start].decode(encoding), encoding, [_problem(
                    "truncated", f"文件末尾的 {encoding.upper()} 字符不完整，文件可能被截断",
                    f"the file ends inside a {encoding.upper()} character: it may be truncated")])
    from charset_normalizer import from_bytes  # only for the rare file neither UTF-8 nor GB18030

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        return Decoded(text, best.encoding, [_problem(
            "encoding-guessed", f"编码无法确定，按 {best.encoding} 猜测解码，可能有乱码",
            f"encoding uncertain: decoded as {best.encoding} by guess; text may be garbled")])
    text = data.decode("utf-8", errors="replace")
    return Decoded(text, None, [_problem(
        "undecodable", "文件无法按 UTF-8、GB18030 或其他常见编码解码，无法可靠读取",
        "the file cannot be decoded as UTF-8, GB18030 or another common encoding")])


def _strict(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding, [])
    except UnicodeDecodeError as e:
        text = data.decode(encoding, errors="replace")
        return Decoded(text, encoding, [Problem(
            "undecodable", f"文件声明为 {encoding}，但第 {e.start} 字节起无法解码（文件可能被截断或损坏）",
            f"declared {encoding} but bytes from offset {e.start} do not decode (truncated or damaged?)",
            Span(1, 1))])
