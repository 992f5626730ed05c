"""Make scans for OCR tests and benchmarks: a PDF's pages rendered to images and rebuilt as an
image-only PDF (JPEG pages, as scanners write them), straight or turned with scanner noise."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any


def scan_pdf(source: bytes, dpi: int = 200, turn: float = 0.0, noise: bool = False, seed: int = 1) -> bytes:
    """``source`` rendered at ``dpi`` and rebuilt from the images; ``turn`` degrees anticlockwise;
    ``noise``: grey-level noise (sigma 12) and 0.2 % black and white specks, then JPEG at quality 85."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(source)
    out = pdfium.PdfDocument.new()
    rng = np.random.default_rng(seed)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            width, height = page.get_size()
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            if turn:
                image = image.rotate(turn, resample=Image.Resampling.BICUBIC, fillcolor=255)
            if noise:
                pixels = np.asarray(image).astype(np.int16) + rng.normal(0, 12, (image.height, image.width))
                specks = rng.random(pixels.shape)
                pixels[specks < 0.002] = 0
                pixels[specks > 0.998] = 255
                image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
            jpeg = io.BytesIO()
            image.save(jpeg, format="JPEG", quality=85)
            jpeg.seek(0)
            obj = pdfium.PdfImage.new(out)
            obj.load_jpeg(jpeg, inline=True)
            obj.set_matrix(pdfium.PdfMatrix().scale(width, height))
            new = out.new_page(width, height)
            new.insert_obj(obj)
            new.gen_content()
        buffer = io.BytesIO()
        out.save(buffer)
        return buffer.getvalue()
    finally:
        out.close()
        pdf.close()


def page_png(source: bytes, index: int = 0, dpi: int = 200) -> bytes:
    """Page ``index`` of ``source`` as a PNG image (with its DPI recorded)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(source)
    try:
        image = pdf[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


VARIANTS = {"straight": {}, "turned-noisy": {"turn": 1.0, "noise": True}}


def write_scans(source: Path, folder: Path) -> dict[str, Path]:
    """Both variants of ``source`` in ``folder``: variant name -> path."""
    out = {}
    for name, how in VARIANTS.items():
        path = folder / f"{source.stem}.{name}.pdf"
        path.write_bytes(scan_pdf(source.read_bytes(), **how))  # type: ignore[arg-type]
        out[name] = path
    return out


def printed_ink(text: str, font: str, size: float, dpi: int = 200) -> Any:
    """The ink (uint8, 255 where inked) of ``text`` printed alone in ``font`` at ``size`` pt, rendered at
    ``dpi`` by PDFium and cut to its ink box, as the OCR reader binarises a line (Otsu's threshold)."""
    import cv2
    import numpy as np
    import pypdfium2 as pdfium

    from tests.pdfgen import PdfBuilder

    pdf = pdfium.PdfDocument(PdfBuilder().text(40, 40, text, size=size, font=font).data())
    try:
        grey = np.array(pdf[0].render(scale=dpi / 72, grayscale=True).to_numpy())
    finally:
        pdf.close()
    grey = grey if grey.ndim == 2 else grey[:, :, 0]
    ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    rows, cols = ink.any(axis=1).nonzero()[0], ink.any(axis=0).nonzero()[0]
    return ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
