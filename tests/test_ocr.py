"""Scanned PDFs and page images: without the OCR extra an input finding naming it (GI022); with it,
pages without a text layer read through the same layout and table reader as a text layer, every value
with its confidence (GI023, GI024). The real reports rebuilt as scans are in test_ocr_corpus.py."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import gilint_rules as rules
import pytest

from gilint.model import OCR_DOUBT, Document, Span
from gilint.parsers import limits, ocr, read_document
from gilint.parsers.pdf import parse_pdf
from gilint.parsers.text import parse_text
from gilint.structure import build_report
from gilint.testing.reports import make_report
from tests.pdfgen import Grid, PdfBuilder
from tests.scankit import page_png, printed_ink, scan_pdf

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the OCR extra (gilint[ocr]) is not installed")
TABLE = Grid(
    60,
    160,
    [200, 90, 90, 90],
    [26, 26, 26],
    [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "3", "12"],
        ["行政规范性文件", "28", "5", "407"],
    ],
    size=11,
)


def page() -> PdfBuilder:
    """A page of text and a ruled table; PDFium draws its Chinese (a CID font the PDF does not embed)
    with a CJK font of the system, so tests that scan it skip without one (.ci/run installs one)."""
    return (
        PdfBuilder()
        .text(60, 60, "某局2023年政府信息公开工作年度报告", size=16)
        .text(60, 110, "二、主动公开政府信息情况", size=14)
        .grid(TABLE)
        .text(60, 280, "全年共收到政府信息公开申请13件。", size=14)
    )


def shape(doc: Document) -> list[tuple[str, str, int | None, int | None, int | None]]:
    return [(n.kind, n.text, n.table, n.row, n.col) for n in doc.nodes]


def run_rule(code: str, doc: Document) -> list[tuple[Span, str, str]]:
    rule = next(r for r in rules.gilint_rules() if r.code == code)
    report = build_report(doc)
    return [(f.span, f.message_zh, f.message_en) for f in rule.func(report, dict(rule.options))]


# ---------------------------------------------------------------- without the extra


def test_without_the_extra_a_scan_names_the_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    doc = parse_pdf(PdfBuilder().image(50, 50, 500, 700).page().image(50, 50, 500, 700).data(), "scan.pdf")
    assert [(p.kind, p.span.page) for p in doc.problems] == [("needs-ocr", 1)]
    assert "pip install 'gilint[ocr]'" in doc.problems[0].message_zh
    assert "pip install 'gilint[ocr]'" in doc.problems[0].message_en
    assert [m for _, m, _ in run_rule("GI022", doc)] == [doc.problems[0].message_zh]
    assert run_rule("GI001", doc) == [] and run_rule("GI002", doc) == []


def test_without_the_extra_scanned_pages_among_text_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    data = PdfBuilder().text(60, 100, "一、总体情况").page().image(50, 50, 500, 700).data()
    doc = parse_pdf(data, "r.pdf")
    assert ([n.text for n in doc.nodes], [(p.kind, p.span.page) for p in doc.problems]) == (
        ["一、总体情况"],
        [("needs-ocr", 2)],
    )


def test_a_page_image_without_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    path = tmp_path / "page.png"
    path.write_bytes(page_png(page().data()))
    doc = read_document(str(path))
    assert (doc.kind, doc.meta, [p.kind for p in doc.problems]) == ("pdf", {"source": "image"}, ["needs-ocr"])


def test_a_damaged_image_is_an_input_problem(tmp_path: Path) -> None:
    path = tmp_path / "page.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    assert [p.kind for p in read_document(str(path)).problems] == ["unreadable"]


def test_gi024_lists_the_table_values_read_with_low_confidence() -> None:
    """A report whose table 3 "（一）予以公开" row was read by OCR, its 总计 with confidence 0.41."""
    text = parse_text(make_report().encode(), "r.pdf")
    nodes = []
    for i, n in enumerate(text.nodes):
        span = Span(line=i + 1, page=1, logical=f"第1页 第{i + 1}行")
        nodes.append(dataclasses.replace(n, span=span, exact=False, confidence=0.99))
    row = next(i for i, n in enumerate(nodes) if n.text.startswith("（一）予以公开"))
    total = nodes[row + 7]
    assert total.text == "6"
    total.confidence = 0.41
    doc = Document("r.pdf", "pdf", nodes, [n.text for n in nodes])
    assert run_rule("GI024", doc) == [
        (
            total.span,
            f"表三有 OCR 识别置信度低于 0.5 的数值：{total.span.logical}“6”（0.41）",
            f"table 3 holds values OCR read with a confidence under 0.5: {total.span.logical} '6' (0.41)",
        )
    ]
    for n in nodes:
        n.confidence = None  # a text layer: nothing to doubt
    assert run_rule("GI024", doc) == []


# ---------------------------------------------------------------- with the extra


def cjk_page() -> bytes:
    import numpy as np
    import pypdfium2 as pdfium

    data = page().data()
    pdf = pdfium.PdfDocument(data)
    title = np.array(pdf[0].render(scale=1, crop=(60, 760, 300, 60), grayscale=True).to_numpy())
    pdf.close()
    if title.min() > 128:
        pytest.skip("no CJK font for PDFium to draw the test page's Chinese (apt-get install fonts-wqy-zenhei)")
    return data


@needs_ocr
def test_a_scanned_page_reads_as_its_text_layer() -> None:
    original = cjk_page()
    text_layer = parse_pdf(original, "r.pdf")
    scanned = parse_pdf(scan_pdf(original), "scan.pdf")
    assert shape(scanned) == shape(text_layer)
    assert all(n.confidence is not None and 0 <= n.confidence <= 1 for n in scanned.nodes)
    assert all(n.confidence is None for n in text_layer.nodes)
    assert [p.kind for p in scanned.problems] == ["ocr"]
    assert run_rule("GI023", scanned)[0][1].startswith("第 1 页没有文字层（扫描件），已由 OCR 识别")


@needs_ocr
def test_a_turned_noisy_scan_and_a_page_image_read_the_same(tmp_path: Path) -> None:
    original = cjk_page()
    expected = shape(parse_pdf(original, "r.pdf"))
    assert shape(parse_pdf(scan_pdf(original, turn=1.0, noise=True), "scan.pdf")) == expected
    assert shape(parse_pdf(scan_pdf(original, turn=-2.0), "scan.pdf")) == expected
    path = tmp_path / "page.png"
    path.write_bytes(page_png(original))
    doc = read_document(str(path))
    assert (shape(doc), doc.meta) == (expected, {"source": "image"})


@needs_ocr
def test_ruling_lines_come_from_the_image() -> None:
    import numpy as np
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(scan_pdf(cjk_page()))
    grey = np.array(pdf[0].render(scale=ocr.DPI / 72, grayscale=True).to_numpy())
    pdf.close()
    grey = grey if grey.ndim == 2 else grey[:, :, 0]
    found = ocr.recognise(grey, 72 / ocr.DPI)
    rows = sorted({round(line["pts"][0][1]) for line in found.lines if line["pts"][0][1] == line["pts"][1][1]})
    cols = sorted({round(line["pts"][0][0]) for line in found.lines if line["pts"][0][0] == line["pts"][1][0]})
    assert rows == pytest.approx([160, 186, 212, 238], abs=1.5)
    assert cols == pytest.approx([60, 260, 350, 440, 530], abs=1.5)
    assert found.skew == 0.0


@needs_ocr
def test_an_image_page_with_nothing_to_read_is_no_text() -> None:
    doc = parse_pdf(PdfBuilder().image(50, 50, 500, 700).data(), "scan.pdf")
    assert (doc.nodes, [p.kind for p in doc.problems]) == ([], ["pdf-no-text"])


def test_ocr_is_not_imported_with_the_pdf_reader() -> None:
    import subprocess
    import sys

    code = (
        "import sys, gilint.parsers.pdf, gilint.parsers.ocr; "
        "print(sorted(m for m in ('cv2', 'numpy', 'rapidocr_onnxruntime', 'onnxruntime') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@needs_ocr
def test_ocr_stops_at_its_page_limit() -> None:
    import io

    import pypdfium2 as pdfium

    scanned = scan_pdf(cjk_page())
    pdf = pdfium.PdfDocument(scanned)
    pdf.import_pages(pdfium.PdfDocument(scanned))
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    limits.configure({"ocr-pages": 1})
    try:
        doc = parse_pdf(out.getvalue(), "scan.pdf")
    finally:
        limits.configure({})
    assert [(p.kind, p.span.page) for p in doc.problems] == [("ocr-too-many-pages", 2), ("ocr", 1)]
    assert "--limit ocr-pages=N" in doc.problems[0].message_en
    assert {n.span.page for n in doc.nodes} == {1}


@needs_ocr
def test_a_page_image_over_the_pixel_limit_is_not_decoded(tmp_path: Path) -> None:
    path = tmp_path / "page.png"
    path.write_bytes(page_png(page().data(), dpi=72))  # 595 x 842 pixels
    limits.configure({"ocr-pixels": 100_000})
    try:
        doc = read_document(str(path))
    finally:
        limits.configure({})
    assert [p.kind for p in doc.problems] == ["limit-ocr-pixels"]
    assert doc.problems[0].message_en.startswith("the image has 500990 pixels (595x842), over the safety limit")
    assert "--limit ocr-pixels=N" in doc.problems[0].message_en and doc.nodes == []


@needs_ocr
def test_a_huge_page_is_rendered_within_the_pixel_limit() -> None:
    assert ocr.render_scale(595, 842) == ocr.DPI / 72  # A4 at 200 dpi: 1653 x 2339 pixels
    scale = ocr.render_scale(14_400, 14_400)  # the largest page PDF allows, 200 inches square
    assert (14_400 * scale) ** 2 <= limits.value("ocr-pixels") * 1.0001


@needs_ocr
def test_ink_left_unread_is_told_from_blank_between_cells() -> None:
    import numpy as np

    def line(*blobs: tuple[int, int]) -> np.ndarray:  # ink 28 px high, each blob from x0 to x1
        ink = np.zeros((28, 400), dtype=np.uint8)
        for x0, x1 in blobs:
            ink[:, x0:x1] = 255
        return ink

    digits = line((0, 16), (19, 35), (38, 54))  # "640" printed, "6" read: characters lost
    assert ocr._unread_ink(digits, (0, 0, 54, 28), False, "6")
    assert not ocr._unread_ink(digits, (0, 0, 54, 28), False, "640")
    cells = line((0, 16), (19, 35), (100, 116), (200, 216), (300, 316), (330, 346))  # "10  1  0  0 0"
    assert not ocr._unread_ink(cells, (0, 0, 346, 28), False, "10100")
    assert ocr._unread_ink(cells, (0, 0, 346, 28), False, "10")  # the gaps left out, digits are still missing
    assert not ocr._unread_ink(line((0, 17)), (0, 0, 17, 28), False, "0")  # one digit, taller than wide


def evenly(text: str) -> list[tuple[float, float]]:
    """Each character's span across its box when the characters share it evenly."""
    return [(i / len(text), (i + 1) / len(text)) for i in range(len(text))]


def overread(ink: object, text: str, spans: list[tuple[float, float]] | None = None) -> list[bool]:
    height, width = ink.shape  # type: ignore[attr-defined]
    return ocr._overread(ink, (0, 0, width, height), (0, 0, width, height), False, text, spans or evenly(text))


def printed(text: str, font: str, size: float) -> object:
    pytest.importorskip("cv2")
    ink = printed_ink(text, font, size)
    if font == "STSong-Light" and "年" in text and ink.shape[1] < len(text) * size:
        pytest.skip("no CJK font for PDFium to draw the test's Chinese (apt-get install fonts-wqy-zenhei)")
    return ink


FONTS = [(font, size) for font in ("STSong-Light", "Times-Roman", "Helvetica") for size in (9, 12, 16)]


@pytest.mark.parametrize(("font", "size"), FONTS)
@pytest.mark.parametrize(("shown", "read"), [("64", "664"), ("64", "644"), ("7", "77"), ("30", "300")])
def test_a_number_read_with_a_digit_too_many_is_longer_than_its_ink(
    shown: str, read: str, font: str, size: float
) -> None:
    assert overread(printed(shown, font, size), read) == [True] * len(read)


CLEAN = [
    "7",
    "1",
    "0",
    "64",
    "11",
    "13",
    "310",
    "1288",
    "3985758",
    "0.5",
    "100%",
    "（一）",
    "2024年1月1日",
    "共收到申请13件",
]


@pytest.mark.parametrize(("font", "size"), [*FONTS, ("Courier", 9), ("Courier", 12)])
@pytest.mark.parametrize("text", CLEAN)
def test_a_text_read_right_is_not_longer_than_its_ink(text: str, font: str, size: float) -> None:
    assert overread(printed(text, font, size), text) == [False] * len(text)


def test_a_digit_read_from_a_sliver_at_the_box_edge_is_longer_than_its_ink() -> None:
    """One detected line across two cells, "72 | 64", its box ending a few pixels into the 6: the
    recogniser reads "726" (the 2024 city scan's "664" cell). The 6 is doubtful, the 72 is not; when
    the detector's box round "64" covers the sliver, the 6 is that box's to read and is dropped here."""
    import numpy as np

    seventy_two, six = printed("72", "Times-Roman", 12), printed("6", "Times-Roman", 12)
    height = max(seventy_two.shape[0], six.shape[0])
    line = np.zeros((height, seventy_two.shape[1] + 60 + 5), np.uint8)
    line[: seventy_two.shape[0], : seventy_two.shape[1]] = seventy_two
    line[: six.shape[0], -5:] = six[:, :5]
    spans = [(0.05, 0.1), (0.2, 0.25), (0.96, 1.0)]
    assert overread(line, "726", spans) == [False, False, True]
    assert overread(line, "72", spans[:2]) == [False, False]
    height, width = line.shape
    box = (0, 0, width, height)
    short = ocr._short(line, box, box, False, "726", spans)
    assert [inside for _, _, inside in short] == [[2]]
    next_cell = (width - 5, 0, width + 40, height)  # the box the detector drew round "64"
    assert ocr._elsewhere(short, box, 0, [box, next_cell], False) == ({2}, (0, 0, width - 5, height))
    assert ocr._elsewhere(short, box, 0, [box], False) == (set(), box)  # nobody else reads it: doubtful, kept


def test_a_speck_does_not_make_a_number_taller() -> None:
    """A dot of noise under "64" read right: the digits' height is measured without it."""
    import numpy as np

    ink = printed("64", "Times-Roman", 10.5)
    tall = np.zeros((ink.shape[0] * 2, ink.shape[1]), np.uint8)
    tall[: ink.shape[0]] = ink
    tall[-2:, 3:5] = 255
    assert overread(tall, "64") == [False, False]
    assert overread(tall, "664") == [True, True, True]


def unspaced(ink: object, text: str, spans: list[tuple[float, float]] | None = None) -> str:
    height, width = ink.shape  # type: ignore[attr-defined]
    spans = spans or evenly(text)
    box = (0, 0, width, height)
    return ocr._unspace(ink, box, box, False, (text, spans, [0.9] * len(text)))[0]


def test_a_space_read_in_a_full_width_marks_own_blank_is_dropped() -> None:
    """ "（二）" read "（二 ）" (the turned 2024 city scan: the heading's number then is no marker);
    a space beside a mark across a wide gap (a line over two table cells) and a space between
    ideographs stay."""
    import numpy as np

    assert unspaced(printed("（二）", "STSong-Light", 12), "（二 ）") == "（二）"
    assert unspaced(printed("（二）", "STSong-Light", 12), "（ 二）") == "（二）"
    words = printed("结果结果", "STSong-Light", 12)
    assert unspaced(words, "结果 结果") == "结果 结果"
    label, six = printed("情形）", "STSong-Light", 12), printed("6", "STSong-Light", 12)
    line = np.zeros((max(label.shape[0], six.shape[0]), label.shape[1] + 100 + six.shape[1]), np.uint8)
    line[: label.shape[0], : label.shape[1]] = label
    line[: six.shape[0], -six.shape[1] :] = six
    width = line.shape[1]
    spans = [(i * label.shape[1] / 3 / width, (i + 1) * label.shape[1] / 3 / width) for i in range(3)]
    spans += [(0.6, 0.62), (0.97, 1.0)]
    assert unspaced(line, "情形） 6", spans) == "情形） 6"


@pytest.mark.parametrize(("confidence", "found"), [(0.95, False), (0.999, True), (None, True)])
def test_the_partial_note_misread_by_ocr_is_the_recognisers_unless_near_certain(
    confidence: float | None, found: bool
) -> None:
    """The 部分公开 note with its comma dropped (只计这一情形不计其他情形): the report's from a text
    layer or when OCR was near certain (OCR_SURE), the recogniser's otherwise, as a row label is."""
    text = make_report().replace("只计这一情形，不计其他情形", "只计这一情形不计其他情形")
    parsed = parse_text(text.encode(), "r.pdf")
    nodes = [
        dataclasses.replace(n, span=Span(line=i + 1, page=1), exact=False, confidence=confidence)
        for i, n in enumerate(parsed.nodes)
    ]
    found_notes = [
        m for _, m, _ in run_rule("GI604", Document("r.pdf", "pdf", nodes, [n.text for n in nodes])) if "说明" in m
    ]
    assert found_notes == (["“部分公开”的说明写作“（区分处理的，只计这一情形不计其他情形）”"] if found else [])


@needs_ocr
def test_a_cell_read_with_a_digit_too_many_is_doubtful(monkeypatch: pytest.MonkeyPatch) -> None:
    """The recogniser reads the printed 28 as "288" with high confidence: that cell's value is doubtful
    (below OCR_DOUBT, so an identity it breaks is OCR's), every other cell keeps its confidence."""
    read = ocr._read

    def twice(*args: object) -> object:
        out = []
        for text, spans, confs, digits in read(*args):  # type: ignore[arg-type]
            if text == "28":
                (a, b), (c, d) = spans
                text, spans, confs = "288", [(a, b), ((a + d) / 2, (b + d) / 2), (c, d)], [*confs, confs[1]]
                digits = (text, spans, confs)
            out.append((text, spans, confs, digits))
        return out

    monkeypatch.setattr(ocr, "_read", twice)
    doc = parse_pdf(scan_pdf(cjk_page()), "scan.pdf")
    values = {n.text: n.confidence for n in doc.nodes if n.kind == "cell" and n.text.isdigit()}
    assert sorted(values) == ["0", "12", "288", "3", "407", "5"]
    assert values.pop("288") < OCR_DOUBT  # type: ignore[operator]
    assert all(c is not None and c >= OCR_DOUBT for c in values.values())


@pytest.mark.parametrize(
    ("confidence", "row_typo", "header_typo"),
    [(0.999, True, False), (0.95, False, False), (None, True, True)],
    ids=["near-certain", "unsure", "text-layer"],
)
def test_a_label_misspelt_in_ocr_text_is_the_reports_only_when_the_recogniser_was_near_certain(
    confidence: float | None, row_typo: bool, header_typo: bool
) -> None:
    """A row label misspelt (行政止公开) and a header misread (科研机购):
    OCR'd, the row label is the report's at 0.999 and the recogniser's at 0.95; a header, always the
    recogniser's. From a text layer both are the report's."""
    text = make_report().replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开").replace("科研机构", "科研机购")
    parsed = parse_text(text.encode(), "r.pdf")
    nodes = [
        dataclasses.replace(n, span=Span(line=i + 1, page=1), exact=False, confidence=confidence)
        for i, n in enumerate(parsed.nodes)
    ]
    found = run_rule("GI604", Document("r.pdf", "pdf", nodes, [n.text for n in nodes]))
    assert [m for _, m, _ in found] == [
        *(["表三“（三）不予公开 2.其他法律行政法规禁止公开”行的标签写作“2.其他法律行政止公开”"] if row_typo else []),
        *(["表三表头“科研机构”写作“科研机购”"] if header_typo else []),
    ]
