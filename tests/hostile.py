"""A hostile corpus, built on the fly: every kind of bad input a linter meets in a hook or an
audit. Each entry is (file name, bytes, the input-problem kinds any one of which must be reported).

Also what the fuzzers share (tests/test_fuzz_props.py, benchmarks/fuzz.py): ``render`` a generated
report text as a .txt, .md, .html or .docx file, ``mutate`` bytes by a list of operations, and a
``VOCABULARY`` of report fragments to build token soup from.
"""

from __future__ import annotations

import html
import io
import random
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from gilint import formats as F
from gilint.formats.tables import table_format
from gilint.parsers import limits
from tests import docxkit

EXTENSIONS = (".txt", ".md", ".html", ".docx")
OPS = ("flip", "truncate", "delete-line", "duplicate-line", "swap-lines", "insert", "delete-range")
Op = tuple[str, int, int]  # (operation, where, what): both ints are taken modulo what fits
INSERTS = (
    b"|",
    b" | ",
    b"\t",
    b"0",
    b"7",
    b"12",
    b"999999",
    b"1.5",
    b"-3",
    b"\n",
    b"\r\n",
    b"\n\n",
    b"/",
    "一、".encode(),
    "（一）".encode(),
    "总计".encode(),
    "万元".encode(),
    "年".encode(),
    "—".encode(),
    "\u3000".encode(),
    "｜".encode(),
    "２０２３".encode(),
    b"<td>",
    b"</td>",
    b"<tr>",
    b"<table>",
    b"</table>",
    b"<!--",
    b"-->",
    b"<p>",
    b"<br>",
    b"&amp;",
    b"&#",
    b"<w:t>",
    b"</w:p>",
    b"<w:tc>",
    b"\x00",
    b"\xe4",
    b"\xff",
    b"#",
    b"---",
    b"**",
    b"[bookmark: x]",
)
VOCABULARY = (
    *(f"{'一二三四五六'[n - 1]}、{title}" for n, title in F.SECTION_TITLES.items()),
    *(r.label for n in (2, 3, 4) for r in table_format(n, 2021).rows),
    *(c.label for n in (2, 3, 4) for c in table_format(n, 2021).cols),
    "申请人情况",
    "信息内容",
    "本年度办理结果",
    "第二十条第（一）项",
    "政府信息公开工作年度报告",
    "2023年",
    "2019年",
    "1月1日",
    "12月31日",
    "统计期限自",
    "起至",
    "止",
    "信息处理费",
    "收费",
    "0",
    "1",
    "12",
    "305",
    "1.25",
    "/",
    "—",
    "|",
    " | ",
    "\t",
    "\n",
    "\n",
    "\n",
    " ",
    "（",
    "）",
    "。",
    "，",
    "件",
    "万元",
)

HTML_MARKUP = (
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "</th>",
    '<td rowspan="3">',
    '<td colspan="2">',
    '<td rowspan="0">',
    '<td colspan="x">',
    '<td rowspan="99999999">',
    "<tbody>",
    "<thead>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<span>",
    "</span>",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<style>",
    "<article>",
    "</article>",
    "<header>",
    "</header>",
    "<nav>",
    '<meta name="PubDate" content="2024-01-20">',
    "<title>",
    "</title>",
    "<h1>",
    "</h1>",
    "<li>",
    "<pre>",
    "<![CDATA[",
    "]]>",
    "<?x ?>",
    "</ x>",
    "<!x>",
    "&nbsp;",
    "&#12345;",
    "&#x0;",
    "&lt;",
    "<textarea>",
    "<svg>",
    "<template>",
    "<html>",
    "<body>",
    "<head>",
    "<b>",
    "<i>",
)


@contextmanager
def limited(**values: int) -> Iterator[None]:
    """The reading limits ``values`` (by name: ``**{"node-chars": 10}``) set for the block, then restored."""
    before = limits.current()
    limits.configure({**before, **values})
    try:
        yield
    finally:
        limits.configure(before)


def markup_soup(rng: random.Random) -> str:
    """Report fragments mixed with HTML tags, in no particular order."""
    return "".join(
        rng.choice(HTML_MARKUP) if rng.random() < 0.4 else rng.choice(VOCABULARY) for _ in range(rng.randint(0, 800))
    )


def docx_body(rng: random.Random, size: int = 300) -> str:
    """A random well-formed .docx body of about ``size`` paragraphs and cells: report fragments,
    tables with spans and merges, content controls, tables in cells."""
    return _DocxSoup(rng, size).body(0)


class _DocxSoup:
    def __init__(self, rng: random.Random, size: int) -> None:
        self.rng, self.left = rng, size

    def body(self, depth: int) -> str:
        out = []
        while self.left > 0 and self.rng.random() < 0.95:
            self.left -= 1
            roll = self.rng.random()
            if roll < 0.6 or depth > 3:
                out.append(self.para())
            elif roll < 0.9:
                out.append(
                    docxkit.table(
                        [
                            [self.cell(depth) for _ in range(self.rng.randint(0, 9))]
                            for _ in range(self.rng.randint(0, 12))
                        ]
                    )
                )
            else:
                out.append(f"<w:sdt><w:sdtContent>{self.body(depth + 1)}</w:sdtContent></w:sdt>")
        return "".join(out)

    def para(self) -> str:
        runs = []
        for _ in range(self.rng.randint(0, 5)):
            text = "".join(self.rng.choice(VOCABULARY) for _ in range(self.rng.randint(0, 6)))
            text = html.escape(text, quote=False)
            runs.append(
                self.rng.choice(
                    (
                        f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>',
                        "<w:r><w:tab/></w:r>",
                        "<w:r><w:br/></w:r>",
                        f"<w:del><w:r><w:delText>{text}</w:delText></w:r></w:del>",
                        f"<w:moveFrom><w:r><w:t>{text}</w:t></w:r></w:moveFrom>",
                        f"<w:ins><w:r><w:t>{text}</w:t></w:r></w:ins>",
                    )
                )
            )
        return f"<w:p>{''.join(runs)}</w:p>"

    def cell(self, depth: int) -> str:
        self.left -= 1
        props = self.rng.choice(
            (
                "",
                '<w:gridSpan w:val="2"/>',
                '<w:gridSpan w:val="-1"/>',
                '<w:gridSpan w:val="x"/>',
                '<w:vMerge w:val="restart"/>',
                "<w:vMerge/>",
                '<w:hMerge w:val="continue"/>',
            )
        )
        content = self.body(depth + 1) if self.rng.random() < 0.1 else self.para()
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def render(text: str, ext: str) -> bytes:
    """A report text (gilint.testing.reports) as a file of type ``ext``: lines holding "|" are table rows."""
    if ext == ".txt":
        return text.encode()
    if ext == ".md":
        return "\n".join(f"| {' | '.join(b)} |" if isinstance(b, list) else b for b in _rows_apart(text)).encode()
    if ext == ".html":
        return _html(text)
    return docxkit.docx_bytes(document=docx_xml(text))


def docx_xml(text: str) -> bytes:
    """``word/document.xml`` of the .docx ``render`` makes: paragraphs, and a table per run of rows."""
    body = []
    for rows in _grouped(text):
        if isinstance(rows, str):
            body.append(docxkit.para(rows))
        else:
            body.append(docxkit.table([[docxkit.cell(docxkit.para(c)) for c in row] for row in rows]))
    return docxkit.document_xml("".join(body))


def _html(text: str) -> bytes:
    out = ['<html><head><meta charset="utf-8"><title>年度报告</title></head><body>']
    for rows in _grouped(text):
        if isinstance(rows, str):
            out.append(f"<p>{html.escape(rows)}</p>")
        else:
            trs = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>\n" for row in rows)
            out.append(f"<table>\n{trs}</table>")
    out.append("</body></html>")
    return "\n".join(out).encode()


def _rows_apart(text: str) -> list[str | list[str]]:
    """Each line: a table row (its cells) when it holds "|", else the line."""
    out: list[str | list[str]] = []
    for line in text.rstrip("\n").split("\n"):
        cells = [c.strip() for c in line.split("|")]
        out.append(cells[:-1] + ([cells[-1]] if cells[-1] else []) if "|" in line else line)
    return out


def _grouped(text: str) -> list[str | list[list[str]]]:
    """Lines, with each run of consecutive rows gathered into one table."""
    out: list[str | list[list[str]]] = []
    for item in _rows_apart(text):
        if isinstance(item, str):
            out.append(item)
        elif out and isinstance(out[-1], list):
            out[-1].append(item)
        else:
            out.append([item])
    return out


def mutate(data: bytes, ops: Sequence[Op]) -> bytes:
    """``data`` changed by each operation in turn (see ``OPS``)."""
    for op, where, what in ops:
        data = _apply(data, op, where, what)
    return data


def _apply(data: bytes, op: str, where: int, what: int) -> bytes:
    if op in ("delete-line", "duplicate-line", "swap-lines"):
        lines = data.split(b"\n")
        i, j = where % len(lines), what % len(lines)
        if op == "delete-line":
            del lines[i]
        elif op == "duplicate-line":
            lines.insert(i, lines[i])
        else:
            lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    at = where % (len(data) + 1)
    if op == "flip":
        return data[:at] + bytes([data[at] ^ (what % 255 + 1)]) + data[at + 1 :] if at < len(data) else data
    if op == "truncate":
        return data[:at]
    if op == "insert":
        return data[:at] + INSERTS[what % len(INSERTS)] + data[at:]
    return data[:at] + data[at + what % 64 :]  # delete-range


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
    return (
        f"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret_path}">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"""
    ).encode()


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


def zip_version_raised(data: bytes) -> bytes:
    """The archive with its first central-directory entry needing zip version 11.5 to extract."""
    out = bytearray(data)
    out[out.find(b"PK\x01\x02") + 6] = 115
    return bytes(out)


def deflate_damaged(data: bytes, member: bytes = b"word/document.xml") -> bytes:
    """The archive with the first 40 bytes of ``member``'s compressed data overwritten."""
    start = data.find(member) + len(member)
    return data[:start] + b"\xff" * 40 + data[start + 40 :]


FORMAT_TITLE_BEFORE_TABLE = (
    "一、总体情况\n本机关依照中华人民共和国政府信息公开工作年度报告格式\n"
    "第二十条第（一）项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 10 | 20 | 130 |\n"
    "行政规范性文件 | 11 | 21 | 131 |\n第二十条第（五）项 |\n信息内容 | 本年处理决定数量 |\n行政许可 | 1234 |\n"
    "第二十条第（六）项 |\n信息内容 | 本年处理决定数量 |\n行政处罚 | 345 |\n行政强制 | 12 |\n"
    "第二十条第（八）项 |\n信息内容 | 本年收费金额（单位：万元） |\n行政事业性收费 | 12.5 |\n"
    "第二十条第（九）项 |\n信息内容 | 采购项目数量 | 采购总金额 |\n政府集中采购 | 23 | 4567.89 |\n"
)


def hostile_corpus() -> list[tuple[str, bytes, set[str]]]:
    report = "一、总体情况\n本年度共收到申请3件。\n".encode()
    docx = docxkit.docx_bytes(docxkit.para("一、总体情况"))
    return [
        ("truncated-gbk.txt", report.decode().encode("gbk") + "报".encode("gbk")[:1], {"truncated"}),
        ("nul-inside.md", report * 300 + b"\x00\x00", {"nul-bytes"}),
        ("utf16-odd-length.txt", b"\xff\xfe" + "一".encode("utf-16-le") + b"a", {"bad-bytes"}),
        ("lying-charset.html", b'<meta charset="base64"><p>' + report + b"</p>", set()),
        ("zip-version.docx", zip_version_raised(docx), {"not-docx"}),
        ("bad-deflate.docx", deflate_damaged(docx), {"not-docx"}),
        ("empty-body.docx", docxkit.docx_bytes(""), {"empty"}),
        ("only-script.html", b"<html><body><script>var a = 1;</script></body></html>", {"empty"}),
        ("comments-then-html.txt", b"<!---->" * 500 + b"<html><body><p>x</p></body></html>", {"html-as-text"}),
        ("deep-tables.html", b"<table><tr><td>" * 100 + "一、总体情况".encode(), set()),
        ("gigantic-cell.md", b"| " + b"1" * 300_000 + b" |", {"line-too-long"}),
        ("empty.txt", b"", {"empty"}),
        ("binary.txt", bytes(range(256)) * 40, {"binary"}),
        ("nul.md", b"# \xe4\xb8\x80\x00\x00abc", {"binary"}),
        ("truncated-utf8.txt", report + "报".encode()[:2], {"truncated"}),
        ("latin.html", b"<html><body><p>\xff\xfe\xfa caf\xe9</p></body></html>", set()),
        ("html-as-text.txt", b"<!DOCTYPE html><html><body><p>\xe4\xb8\x80</p></body></html>", {"html-as-text"}),
        ("not-a-zip.docx", b"PK this is not really a zip", {"not-docx"}),
        (
            "no-document.docx",
            docx_with(b"<x/>", None).replace(b"word/document.xml", b"word/other___.xml"),
            {"not-docx"},
        ),
        ("laughs.docx", docx_with(BILLION_LAUGHS), set()),
        ("bomb.docx", zip_bomb(), {"docx-limits"}),
        ("not-a-pdf.pdf", b"hello, I am not a PDF", {"pdf-broken"}),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", {"pdf-broken", "pdf-no-text"}),
        ("nested.html", b"<html><body>" + b"<div>" * 100_000 + "一、总体情况".encode() + b"</body></html>", set()),
        ("long-line.txt", ("一、总体情况" + "公开" * 500_000).encode(), set()),
        # the 2021 format's title cited just before table 2, which the rules' text has blanked: a pattern of several
        # \s* in a row split the blank run every way before failing (GI608 once took many minutes on this short report)
        ("format-title-before-table.txt", FORMAT_TITLE_BEFORE_TABLE.encode(), set()),
        (
            "many-cells.txt",
            ("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 |\n" + "0 |\n" * 200_000).encode(),
            set(),
        ),
        ("digits.txt", ("一、本年新收政府信息公开申请数量" + "0" * 5000).encode(), set()),
        ("unknown.xyz", b"whatever", {"unknown-type"}),
    ]


# ---------------------------------------------------------------- PDF object graphs and HTML attributes (fuzzing)

PDF_MUTATIONS = (
    "ref-cycle",
    "self-ref",
    "dangling",
    "wrong-type",
    "kids-repeated",
    "kids-cycle",
    "deep-tree",
    "count-lie",
    "form-recursion",
    "contents-array",
    "filter",
    "length-lie",
    "inflate",
    "objstm",
    "nested-arrays",
    "huge-number",
    "operators",
    "segments",
    "prev-loop",
    "bytes",
)
_FILTERS = ("LZWDecode", "RunLengthDecode", "ASCIIHexDecode", "ASCII85Decode", "DCTDecode", "Crypt", "NoSuchDecode")
_OPERATORS = (
    b"q ",
    b"Q ",
    b"BT ",
    b"ET ",
    b"/F1 12 Tf ",
    b"/F1 1e30 Tf ",
    b"(x) Tj ",
    b"[(a) -50 (b)] TJ ",
    b"72 700 Td ",
    b"0 0 m 500 0 l S ",
    b"10 10 100 100 re f ",
    b"1 0 0 1 0 0 cm ",
    b"/X1 Do ",
    b"/F9 12 Tf ",
    b"<> Tj ",
    b"T* ",
    b"( Tj ",
    b"[[[[ ",
    b"]]]] ",
    b"9999999999999 0 Td ",
    b"-0 Tz ",
    b"/P <</MCID 0>> BDC ",
    b"EMC ",
    b"BI /W 1 /H 1 ID x EI ",
)


def pdf_graph(rng: random.Random) -> bytes:
    """A PDF made from a small object graph (pages of text, rules and a form) with ``PDF_MUTATIONS``
    applied to the graph, its streams and its cross-reference table."""
    from tests import pdfkit as K

    words = [w for w in VOCABULARY if w.isascii() and w.strip()] or ["0"]
    pages = [
        K.flate(
            K.text_ops(
                *(" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(1, 12)))
            )
            + b" 72 500 m 500 500 l S 72 480 m 500 480 l S 72 460 300 40 re S /X1 Do"
        )
        for _ in range(rng.randint(1, 4))
    ]
    objects = K.page_tree([K.Stream({}, p.data) if rng.random() < 0.2 else p for p in pages])
    form = K.flate(
        K.text_ops("form text"),
        {
            "Type": K.Name("XObject"),
            "Subtype": K.Name("Form"),
            "BBox": [0, 0, 595, 842],
            "Resources": {"Font": {"F1": K.Ref(3)}},
        },
    )
    objects[4] = form
    for n in range(10, 10 + len(pages)):
        objects[n]["Resources"]["XObject"] = {"X1": K.Ref(4)}  # type: ignore[index]
    options: dict[str, object] = {"xref": rng.choice(("table", "table", "stream", "none"))}
    for _ in range(rng.randint(1, 6)):
        _pdf_mutation(rng, rng.choice(PDF_MUTATIONS), objects, options)
    if options["xref"] == "none":
        options.pop("objstm", None)
    mutations = options.pop("bytes", [])
    loop = options.pop("prev-loop", False)
    data = K.build(objects, **options).data  # type: ignore[arg-type]
    if loop:
        start = len(data)
        data += (
            b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R /Prev %d >>\n"
            b"startxref\n%d\n%%%%EOF\n" % (start, start)
        )
    return mutate(data, mutations)  # type: ignore[arg-type]


def _pdf_mutation(rng: random.Random, kind: str, objects: dict[int, object], options: dict[str, object]) -> None:
    from tests import pdfkit as K

    dicts = [(n, o if isinstance(o, dict) else o.attrs) for n, o in objects.items() if isinstance(o, (dict, K.Stream))]
    n, target = rng.choice(dicts)
    key = rng.choice(list(target) or ["Type"])
    free = max(objects) + 1
    if kind == "ref-cycle":
        length = rng.randint(1, 4)
        for i in range(length):
            objects[free + i] = K.Ref(free + (i + 1) % length)
        target[key] = K.Ref(free)
    elif kind == "self-ref":
        target[key] = K.Ref(n)
    elif kind == "dangling":
        target[key] = K.Ref(rng.choice((free + 50, 0, 2**31 - 1)))
    elif kind == "wrong-type":
        target[key] = rng.choice((0, -1, 1.5, K.Name("Page"), b"text", [], {}, None, True, [K.Ref(1)] * 3))
    elif kind == "kids-repeated":
        objects[2]["Kids"] = [K.Ref(10)] * rng.choice((2, 50, 2000))  # type: ignore[index]
    elif kind == "kids-cycle":
        objects[2]["Kids"] = [*_list(objects[2].get("Kids")), K.Ref(2)]  # type: ignore[index, union-attr]
    elif kind == "deep-tree":
        depth = rng.choice((10, 300, 1500))
        for i in range(depth):
            objects[free + i] = {
                "Type": K.Name("Pages"),
                "Kids": [K.Ref(free + i + 1) if i + 1 < depth else K.Ref(10)],
                "Count": 1,
            }
        objects[2]["Kids"] = [K.Ref(free)]  # type: ignore[index]
    elif kind == "count-lie":
        objects[2]["Count"] = rng.choice((0, -5, 10**9, 2**63))  # type: ignore[index]
    elif kind == "form-recursion":
        form = objects[4]
        assert isinstance(form, K.Stream)
        form.attrs["Resources"] = {"XObject": {"X1": K.Ref(4)}, "Font": {"F1": K.Ref(3)}}
        form.data = zlib.compress(K.text_ops("again") + b" /X1 Do")
    elif kind == "contents-array":
        objects[10]["Contents"] = [K.Ref(100)] * rng.choice((2, 30, 500))  # type: ignore[index]
    elif kind == "filter":
        stream = rng.choice([o for o in objects.values() if isinstance(o, K.Stream)])
        stream.attrs["Filter"] = rng.choice(
            [
                K.Name(rng.choice(_FILTERS)),
                [K.Name("FlateDecode")] * 3,
                [K.Name("ASCIIHexDecode"), K.Name("FlateDecode")],
            ]
        )
        if rng.random() < 0.5:
            stream.attrs["DecodeParms"] = {
                "Predictor": rng.choice((2, 12, 15, 99)),
                "Columns": rng.choice((0, 1, 10**6)),
            }
    elif kind == "length-lie":
        stream = rng.choice([o for o in objects.values() if isinstance(o, K.Stream)])
        stream.attrs["Length"] = rng.choice((0, 1, 10**9, -3, K.Ref(n), K.Ref(free + 9)))
    elif kind == "inflate":
        objects[100 + rng.randrange(1)] = K.Stream(
            {"Filter": K.Name("FlateDecode")}, zlib.compress(b" " * rng.choice((1 << 20, 4 << 20, 80 << 20)), 9)
        )
    elif kind == "objstm" and options["xref"] != "none":
        options["xref"] = "stream"
        options["objstm"] = frozenset(
            k for k, o in objects.items() if not isinstance(o, K.Stream) and rng.random() < 0.7
        )
    elif kind == "nested-arrays":
        target[key] = K.Raw(b"[" * rng.choice((100, 5000, 100_000)))
    elif kind == "huge-number":
        objects[10]["MediaBox"] = [0, 0, rng.choice((1e308, 10**40, -1, 0)), 842]  # type: ignore[index]
    elif kind == "operators":
        ops = b"".join(rng.choice(_OPERATORS) for _ in range(rng.choice((20, 2000, 20_000))))
        objects[100] = K.flate(ops)
    elif kind == "segments":
        count = rng.choice((1000, 30_000))
        objects[100] = K.flate(
            K.text_ops("rules")
            + b"".join(b"%d %d m %d %d l S " % (i % 500, i % 700, i % 500 + 50, i % 700) for i in range(count))
        )
    elif kind == "prev-loop":
        options["prev-loop"] = True
    elif kind == "bytes":
        options["bytes"] = [
            (rng.choice(OPS), rng.randrange(1 << 30), rng.randrange(1 << 30)) for _ in range(rng.randint(1, 4))
        ]


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


_ATTRIBUTES = (
    'colspan="2"',
    'rowspan="3"',
    'colspan="99999999"',
    "rowspan=0",
    'rowspan="-1"',
    'class="x"',
    'style="a>b"',
    "title='<td>'",
    'data-x="',
    "=x",
    "a",
    "a=",
    'a=""',
    "a=b=c",
    'charset="gbk"',
    'content="2024-01-20"',
    'name="PubDate"',
    "x" * 300,
    '"',
    "'",
    "/",
    "a=\n'b'",
    "\u4e00=\u4e00",
)
_ELEMENTS = ("td", "th", "tr", "table", "p", "div", "meta", "span", "br", "img", "a", "td\u4e00")


def attribute_soup(rng: random.Random) -> str:
    """Report fragments and elements carrying many, duplicated and malformed attributes, comments among them."""
    out = ["<html><body>"]
    for _ in range(rng.randint(1, 60)):
        roll = rng.random()
        if roll < 0.5:
            count = rng.choice((0, 1, 3, 10, 200, 1500))
            attributes = " ".join(rng.choice(_ATTRIBUTES) if rng.random() < 0.7 else f"a{i}=v{i}" for i in range(count))
            close = rng.choice((">", "/>", "", " >"))
            out.append(f"<{rng.choice(_ELEMENTS)} {attributes}{close}")
        elif roll < 0.6:
            comment = rng.choice(("<!---->", "<!-- x -->", "<!x>", "<?x?>", "</ x>", "<!--"))
            out.append(comment * rng.choice((1, 50, 3000)))
        else:
            out.append(rng.choice(VOCABULARY))
    return "".join(out)


# ---------------------------------------------------------------- one file of each hostile class (issue 18)
# Each takes its size, so that a test builds a small one against a lowered limit and benchmarks/hostile.py
# the full-size one the issue measured.


def cycle_pdf() -> bytes:
    """A page whose /Contents is 100 0 R, object 100 being ``5 0 R`` and object 5 ``100 0 R``."""
    from tests import pdfkit as K

    objects = K.page_tree([K.Ref(5)])
    objects[5] = K.Ref(100)
    objects[100] = K.Ref(5)
    return K.build(objects).data


def inflate_bomb_pdf(inflated: int) -> bytes:
    """One page whose content stream inflates to ``inflated`` bytes of spaces (4 GB: a 4 MB file)."""
    from tests import pdfkit as K

    chunk, deflate, parts = b" " * min(inflated, 1 << 24), zlib.compressobj(9), []
    for _ in range(max(inflated // len(chunk), 1)):
        parts.append(deflate.compress(chunk))
    parts.append(deflate.flush())
    return K.build(K.page_tree([K.Stream({"Filter": K.Name("FlateDecode")}, b"".join(parts))])).data


def paged_pdf(pages: int, objstm: bool = True) -> bytes:
    """A PDF of ``pages`` text pages sharing one content stream, the page objects in object streams (1M
    pages: about 10 MB), under a tree of Pages nodes of a hundred kids each."""
    from tests import pdfkit as K

    objects: dict[int, object] = {
        1: {"Type": K.Name("Catalog"), "Pages": K.Ref(2)},
        3: K.FONT,
        4: K.flate(K.text_ops("Annual report")),
    }
    first, nodes = 10, -(-pages // 100)
    objects[2] = {"Type": K.Name("Pages"), "Kids": [K.Ref(first + pages + i) for i in range(nodes)], "Count": pages}
    for i in range(nodes):
        kids = range(first + 100 * i, first + min(100 * (i + 1), pages))
        objects[first + pages + i] = {
            "Type": K.Name("Pages"),
            "Parent": K.Ref(2),
            "Count": len(kids),
            "Kids": [K.Ref(k) for k in kids],
        }
        for k in kids:
            objects[k] = {
                "Type": K.Name("Page"),
                "Parent": K.Ref(first + pages + i),
                "MediaBox": [0, 0, 595, 842],
                "Resources": {"Font": {"F1": K.Ref(3)}},
                "Contents": K.Ref(4),
            }
    packed = frozenset(n for n, o in objects.items() if isinstance(o, dict)) if objstm else frozenset()
    return K.build(objects, xref="stream" if objstm else "table", objstm=packed).data


def segments_pdf(segments: int) -> bytes:
    """One page drawing a line of text and ``segments`` line segments (1M: 15 s and 1.3 GiB before)."""
    from tests import pdfkit as K

    lines = b"".join(b"%d %d m %d %d l S\n" % (i % 500, i % 800, i % 500 + 1, i % 800 + 1) for i in range(segments))
    return K.build(K.page_tree([K.flate(K.text_ops("Annual report") + b"\n" + lines)])).data


def broken_xref_pdf(lines: tuple[str, ...] = ("Annual report 2023", "Section one")) -> bytes:
    """A text PDF whose cross-reference table puts every object 7 bytes off (PDFium repairs it)."""
    from tests import pdfkit as K

    return K.build(K.page_tree([K.flate(K.text_ops(*lines))]), shift=7).data


def attributes_html(count: int) -> bytes:
    """A report paragraph on an element carrying ``count`` attributes (200,000: 94 s in libxml2 before)."""
    attributes = " ".join(f"a{i}=x" for i in range(count))
    return f"<html><body><p {attributes}>一、总体情况</p><p>二、主动公开政府信息情况</p></body></html>".encode()


def comments_html(count: int) -> bytes:
    """A paragraph, ``count`` comments, another paragraph (1M comments: 29 s before)."""
    body = "<p>一、总体情况</p>" + "<!---->" * count + "<p>二、主动公开政府信息情况</p>"
    return f"<html><body>{body}</body></html>".encode()


def half_docx(document_xml: bytes) -> bytes:
    """A .docx whose word/document.xml is cut in half."""
    return docx_with(document_xml[: len(document_xml) // 2])
