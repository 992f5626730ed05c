"""Raw PDFs from an object graph, for hostile-input tests and the fuzzer: any object may refer to any other
(cycles, dangling references, wrong types), streams may be compressed or lie about themselves, and the
cross-reference table may be a table, a stream, shifted or missing.

    objects = {1: {"Type": Name("Catalog"), "Pages": Ref(2)}, ...}
    data = build(objects)
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field


class Ref(int):
    """``n 0 R``."""


class Name(str):
    """``/Name``."""


@dataclass
class Stream:
    attrs: dict[str, object]
    data: bytes  # as stored (already compressed when ``attrs`` says so)


@dataclass
class Raw:
    """Bytes written as they are (a broken object, an object stream's body)."""

    data: bytes


@dataclass
class Built:
    data: bytes
    offsets: dict[int, int] = field(default_factory=dict)


def serialize(obj: object) -> bytes:
    if isinstance(obj, Ref):
        return b"%d 0 R" % obj
    if isinstance(obj, Name):
        return b"/" + obj.encode()
    if isinstance(obj, bool):
        return b"true" if obj else b"false"
    if isinstance(obj, (int, float)):
        return str(obj).encode()
    if obj is None:
        return b"null"
    if isinstance(obj, bytes):
        return b"(" + obj.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
    if isinstance(obj, str):
        return b"<FEFF" + obj.encode("utf-16-be").hex().upper().encode() + b">"
    if isinstance(obj, list):
        return b"[" + b" ".join(serialize(x) for x in obj) + b"]"
    if isinstance(obj, dict):
        return b"<<" + b"".join(b"/" + k.encode() + b" " + serialize(v) + b" " for k, v in obj.items()) + b">>"
    if isinstance(obj, Stream):
        attrs = {**obj.attrs, "Length": len(obj.data)} if "Length" not in obj.attrs else obj.attrs
        return serialize(attrs) + b"\nstream\n" + obj.data + b"\nendstream"
    if isinstance(obj, Raw):
        return obj.data
    raise TypeError(type(obj))


def flate(data: bytes, attrs: Mapping[str, object] | None = None) -> Stream:
    return Stream({**(attrs or {}), "Filter": Name("FlateDecode")}, zlib.compress(data))


def build(
    objects: Mapping[int, object],
    root: int = 1,
    xref: str = "table",
    objstm: frozenset[int] = frozenset(),
    shift: int = 0,
    per_stream: int = 200,
) -> Built:
    """The PDF of ``objects`` with its trailer naming ``root``: ``xref`` "table", "stream" or "none"; the
    objects in ``objstm`` (not streams) packed in object streams of ``per_stream`` (needs "stream"); every
    offset in the table moved by ``shift`` bytes (a damaged table)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    packed: dict[int, tuple[int, int]] = {}
    size = max(objects, default=0) + 1
    order = sorted(objstm)
    streams: dict[int, object] = {}
    for first in range(0, len(order), per_stream):
        number = size
        size += 1
        header, body = b"", b""
        for index, n in enumerate(order[first : first + per_stream]):
            header += b"%d %d " % (n, len(body))
            body += serialize(objects[n]) + b"\n"
            packed[n] = (number, index)
        streams[number] = flate(header + body, {"Type": Name("ObjStm"), "N": len(packed) - first, "First": len(header)})
    if objstm:
        objects = {**{k: v for k, v in objects.items() if k not in objstm}, **streams}
    for n, obj in sorted(objects.items()):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + serialize(obj) + b"\nendobj\n"
    start = len(out)
    trailer: dict[str, object] = {"Size": size + (xref == "stream"), "Root": Ref(root)}
    if xref == "table":
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        for n in range(1, size):
            out += b"%010d 00000 n \n" % (offsets[n] + shift) if n in offsets else b"0000000000 65535 f \n"
        out += b"trailer\n" + serialize(trailer) + b"\n"
    elif xref == "stream":
        offsets[size] = start
        rows = b"".join(
            struct.pack(">BIH", 2, *packed[n])
            if n in packed
            else struct.pack(">BIH", 1, offsets[n] + shift, 0)
            if n in offsets
            else struct.pack(">BIH", 0, 0, 65535)
            for n in range(size + 1)
        )
        out += (
            b"%d 0 obj\n" % size
            + serialize(flate(rows, {**trailer, "Type": Name("XRef"), "W": [1, 4, 2]}))
            + b"\nendobj\n"
        )
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return Built(bytes(out), offsets)


FONT = {"Type": Name("Font"), "Subtype": Name("Type1"), "BaseFont": Name("Helvetica")}


def page_tree(contents: list[object], extra: Mapping[int, object] | None = None) -> dict[int, object]:
    """Catalog 1, Pages 2, one page per content stream (objects 10, 11, ...; contents 100, 101, ...),
    Helvetica as /F1 (object 3)."""
    objects: dict[int, object] = {1: {"Type": Name("Catalog"), "Pages": Ref(2)}, 3: FONT}
    kids = []
    for i, content in enumerate(contents):
        page, stream = 10 + i, 100 + i
        kids.append(Ref(page))
        objects[page] = {
            "Type": Name("Page"),
            "Parent": Ref(2),
            "MediaBox": [0, 0, 595, 842],
            "Resources": {"Font": {"F1": Ref(3)}},
            "Contents": Ref(stream),
        }
        objects[stream] = content
    objects[2] = {"Type": Name("Pages"), "Kids": kids, "Count": len(kids)}
    objects.update(extra or {})
    return objects


def text_ops(*lines: str) -> bytes:
    """Content drawing ASCII ``lines`` top to bottom in Helvetica 12."""
    body = b"".join(b"(%s) Tj 0 -16 Td " % line.encode("latin-1") for line in lines)
    return b"BT /F1 12 Tf 72 760 Td " + body + b"ET"
