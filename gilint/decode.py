"""Bytes to text. UTF-8 (with or without BOM), UTF-16 and UTF-32 (with a BOM, or without one when the
zero bytes fall as in text), GB18030/GBK, and an HTML page's declared ``<meta charset>``;
charset-normalizer decides when nothing is declared and neither UTF-8 nor GB18030 fits.

A handful of bytes that do not decode in a file that otherwise does (a stray 0xFF) are replaced by
U+FFFD and reported with their places ("bad-bytes"); the rest of the text reads as usual.
Undecodable input is reported as a ``Problem``, never raised.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from gilint import regex
from gilint.model import Problem, Span

_META = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,20})""", re.I)
_PROBE = b'<meta charset="x">+-\\u'  # ASCII as a page declaring its charset would start
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "utf8": "utf-8"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)  # UTF-32's little-endian BOM starts like UTF-16's: it is tried first
_REPLACEMENT = {"utf-8": b"\xef\xbf\xbd", "gb18030": b"\x84\x31\xa4\x37"}  # U+FFFD in each (no codec loaded)
_SHOWN = 5  # places of bad bytes named in the message
# what a report's text is made of: ASCII, general punctuation, CJK punctuation and characters, full-width forms
# (a pattern compiled when first needed: compiling its ranges takes milliseconds, at every start-up)
_TEXTY = "[\t\n\r\x20-\x7e\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"


@dataclass(slots=True)
class Decoded:
    """Text decoded from bytes: the text, the encoding used and what went wrong."""

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
    bom = next((encoding for mark, encoding in _BOMS if data.startswith(mark)), None)
    if bom:
        return _strict(data, bom)
    if b"\x00" in data[:4096]:
        wide = _wide(data)
        if wide is not None:
            return Decoded(wide[0], wide[1], [])
        return Decoded(
            "",
            None,
            [
                _problem(
                    "binary",
                    "文件含有 NUL 字节，像是二进制文件而不是报告文本",
                    "the file contains NUL bytes: it looks binary, not a report text",
                )
            ],
        )
    if b"\x00" not in data:
        return _detect(data, html)
    decoded = _detect(data.replace(b"\x00", b" "), html)
    line = data.count(b"\n", 0, data.index(b"\x00")) + 1
    decoded.problems.append(
        Problem(
            "nul-bytes",
            f"文件第 {line} 行起含有 NUL 字节（已按空格读取），文件可能已损坏",
            f"the file contains NUL bytes from line {line} on (read as spaces): it may be damaged",
            Span(line),
        )
    )
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
                return Decoded(
                    data[: e.start].decode(encoding),
                    encoding,
                    [
                        _problem(
                            "truncated",
                            f"文件末尾的 {encoding.upper()} 字符不完整，文件可能被截断",
                            f"the file ends inside a {encoding.upper()} character: it may be truncated",
                        )
                    ],
                )
    tolerant = _tolerant(data)
    if tolerant is not None:
        return tolerant
    from charset_normalizer import from_bytes  # only for the rare file neither UTF-8 nor GB18030

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        return Decoded(
            text,
            best.encoding,
            [
                _problem(
                    "encoding-guessed",
                    f"编码无法确定，按 {best.encoding} 猜测解码，可能有乱码",
                    f"encoding uncertain: decoded as {best.encoding} by guess; text may be garbled",
                )
            ],
        )
    text = data.decode("utf-8", errors="replace")
    return Decoded(
        text,
        None,
        [
            _problem(
                "undecodable",
                "文件无法按 UTF-8、GB18030 或其他常见编码解码，无法可靠读取",
                "the file cannot be decoded as UTF-8, GB18030 or another common encoding",
            )
        ],
    )


def _strict(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding, [])
    except UnicodeDecodeError as e:
        tolerant = _tolerant(data, (encoding,))
        if tolerant is not None:
            return tolerant
        text = data.decode(encoding, errors="replace")
        return Decoded(
            text,
            encoding,
            [
                Problem(
                    "undecodable",
                    f"文件声明为 {encoding}，但第 {e.start} 字节起无法解码（文件可能被截断或损坏）",
                    f"declared {encoding} but bytes from offset {e.start} do not decode (truncated or damaged?)",
                    Span(1, 1),
                )
            ],
        )


def _tolerant(data: bytes, encodings: tuple[str, ...] = ("utf-8", "gb18030")) -> Decoded | None:
    """``data`` in the encoding of ``encodings`` that leaves the fewest bad byte sequences, when those are
    a handful (at most one in a thousand bytes, or 4), replaced by U+FFFD and reported with their places."""
    best: tuple[int, str, str] | None = None
    for encoding in encodings:
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd") - data.count(_REPLACEMENT.get(encoding, b"\xff\xfd"))
        if best is None or bad < best[0]:
            best = bad, encoding, text
    assert best is not None
    bad, encoding, text = best
    if not 0 < bad <= max(4, len(data) // 1000):
        return None
    places = _places(text)
    zh = "、".join(f"第 {line} 行第 {col} 列" for line, col in places[:_SHOWN]) + ("等" if bad > _SHOWN else "")
    en = ", ".join(f"line {line} column {col}" for line, col in places[:_SHOWN]) + (", …" if bad > _SHOWN else "")
    name = encoding.upper()
    return Decoded(
        text,
        encoding,
        [
            Problem(
                "bad-bytes",
                f"文件有 {bad} 处字节无法按 {name} 解码（{zh}），已替换为“\ufffd”，其余文字照常检查",
                f"{bad} byte sequence(s) do not decode as {name} ({en}): replaced by U+FFFD, "
                "the rest was checked as usual",
                Span(*places[0]) if places else Span(1, 1),
            )
        ],
    )


def _places(text: str) -> list[tuple[int, int]]:
    """(line, column) of the first U+FFFD characters of ``text``, 1-based."""
    out: list[tuple[int, int]] = []
    at = text.find("\ufffd")
    while at >= 0 and len(out) < _SHOWN:
        start = text.rfind("\n", 0, at) + 1
        out.append((text.count("\n", 0, at) + 1, at - start + 1))
        at = text.find("\ufffd", at + 1)
    return out


def _wide(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of UTF-32 or UTF-16 without a BOM: its zero bytes fall where text in that
    encoding has them, and it decodes to text made of what a report is made of (ASCII, CJK characters
    and punctuation, full-width forms)."""
    head = data[:4096]
    candidates: list[str] = []
    if len(data) < 16:  # too little to tell
        return None
    if len(data) % 4 == 0:
        if not any(head[3::4]) and max(head[2::4], default=0) <= 0x10:
            candidates.append("utf-32-le")
        if not any(head[0::4]) and max(head[1::4], default=0) <= 0x10:
            candidates.append("utf-32-be")
    if len(data) % 2 == 0:
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if odd >= 4 and odd > 3 * even:
            candidates.append("utf-16-le")
        elif even >= 4 and even > 3 * odd:
            candidates.append("utf-16-be")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:4096]
        if len(re.findall(_TEXTY, sample)) >= 0.9 * len(sample):
            return text, encoding.removesuffix("-le").removesuffix("-be")
    return None
