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


def _problem(kind: str, zh: str, en: str) -> Problem:
    return Problem(kind, zh, en, Span(1, 1))


def decode_bytes(data: bytes, html: bool = False) -> Decoded:
    """Decode ``data``; the result's ``encoding`` is None when nothing fitted."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data[:4096]:
        return Decoded("", None, [_problem(
            "binary", "文件含有 NUL 字节，像是二进制文件而不是报告文本",
            "the file contains NUL bytes: it looks binary, not a report text")])
    if html:
        m = _META.search(data[:4096])
        declared = _norm(m.group(1).decode("ascii")) if m else None
        if declared:
            try:
                return Decoded(data.decode(declared), declared, [])
            except UnicodeDecodeError:
                pass  # the declaration lies; fall through to detection
    try:
        return Decoded(data.decode("utf-8"), "utf-8", [])
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and e.start >= len(data) - 3:
            return Decoded(data[: e.start].decode("utf-8"), "utf-8", [_problem(
                "truncated", "文件末尾的 UTF-8 字符不完整，文件可能被截断",
                "the file ends inside a UTF-8 character: it may be truncated")])
    try:
        return Decoded(data.decode("gb18030"), "gb18030", [])
    except UnicodeDecodeError:
        pass
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
