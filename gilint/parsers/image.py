"""Page images (.png/.jpg): each read as a one-page PDF holding the image, which the PDF reader then
recognises through OCR (``ocr.py``) as it does a scanned page. Kept apart from ``ocr.py``, which the PDF
reader imports, so that neither imports the other."""

from __future__ import annotations

import io

from gilint.model import Document, Problem, Span


def parse_image(data: bytes, path: str) -> Document:
    """A .png/.jpg page image, read as a one-page PDF holding the image (A4 wide unless it says its DPI)."""
    from gilint.parsers.pdf import parse_pdf

    try:
        pdf = _image_pdf(data)
    except _TooLarge as e:
        return Document(path=path, kind="pdf", problems=[e.problem])
    except Exception as e:  # Pillow raises many kinds on a damaged or unknown image
        return Document(
            path=path,
            kind="pdf",
            problems=[Problem("unreadable", f"无法读取图片：{e}", f"the image cannot be read: {e}", Span())],
        )
    doc = parse_pdf(pdf, path)
    doc.meta["source"] = "image"
    return doc


class _TooLarge(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message_en)
        self.problem = problem


def _image_pdf(data: bytes) -> bytes:
    import pypdfium2
    from PIL import Image

    from gilint.parsers.limits import exceeded, value

    with Image.open(io.BytesIO(data)) as image:
        pixels = image.size[0] * image.size[1]  # from the header: nothing is decoded yet
        if pixels > value("ocr-pixels"):
            raise _TooLarge(
                exceeded(
                    "ocr-pixels",
                    f"图片有 {pixels} 像素（{image.size[0]}×{image.size[1]}）",
                    f"the image has {pixels} pixels ({image.size[0]}x{image.size[1]})",
                    "图片未读取",
                    "the image was not read",
                )
            )
        image.load()
        dpi = image.info.get("dpi", (0, 0))[0]
        grey = image.convert("L")
    width, height = grey.size
    if not 100 <= float(dpi or 0) <= 1200:
        dpi = width / ((595.0 if width <= height else 842.0) / 72)  # A4, portrait or landscape
    w_pt, h_pt = width * 72 / float(dpi), height * 72 / float(dpi)
    pdf = pypdfium2.PdfDocument.new()
    try:
        obj = pypdfium2.PdfImage.new(pdf)
        obj.set_bitmap(pypdfium2.PdfBitmap.from_pil(grey.convert("RGB")))
        obj.set_matrix(pypdfium2.PdfMatrix().scale(w_pt, h_pt))
        page = pdf.new_page(w_pt, h_pt)
        page.insert_obj(obj)
        page.gen_content()
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
    finally:
        pdf.close()
