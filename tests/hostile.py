"""A hostile corpus, built on the fly: every kind of bad input a linter meets in a hook or an
audit. Each entry is (file name, bytes, the input-problem kinds any one of which must be reported)."""

from __future__ import annotations

import io
import zipfile

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>
<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def xxe_document(secret_path: str) -> bytes:
    return (f"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret_path}">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>""").encode()


def docx_with(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def zip_bomb() -> bytes:
    return docx_with(b"<w:document xmlns:w='x'>" + b" " * 60_000_000 + b"</w:document>")


def hostile_corpus() -> list[tuple[str, bytes, set[str]]]:
    report = "一、总体情况\n本年度共收到申请3件。\n".encode()
    return [
        ("empty.txt", b"", {"empty"}),
        ("binary.txt", bytes(range(256)) * 40, {"binary"}),
        ("nul.md", b"# \xe4\xb8\x80\x00\x00abc", {"binary"}),
        ("truncated-utf8.txt", report + "报".encode()[:2], {"truncated"}),
        ("latin.html", b"<html><body><p>\xff\xfe\xfa caf\xe9</p></body></html>", set()),
        ("html-as-text.txt", b"<!DOCTYPE html><html><body><p>\xe4\xb8\x80</p></body></html>", {"html-as-text"}),
        ("not-a-zip.docx", b"PK this is not really a zip", {"not-docx"}),
        ("no-document.docx", docx_with(b"<x/>", None).replace(b"word/document.xml", b"word/other___.xml"),
         {"not-docx"}),
        ("laughs.docx", docx_with(BILLION_LAUGHS), set()),
        ("bomb.docx", zip_bomb(), {"docx-limits"}),
        ("not-a-pdf.pdf", b"hello, I am not a PDF", {"pdf-broken"}),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", {"pdf-broken", "pdf-no-text"}),
        ("nested.html", b"<html><body>" + b"<div>" * 100_000 + "一、总体情况".encode() + b"</body></html>",
         set()),
        ("long-line.txt", ("一、总体情况" + "公开" * 500_000).encode(), set()),
        ("many-cells.txt", ("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 |\n"
                            + "0 |\n" * 200_000).encode(), set()),
        ("digits.txt", ("一、本年新收政府信息公开申请数量" + "0" * 5000).encode(), set()),
        ("unknown.xyz", b"whatever", {"unknown-type"}),
    ]
