"""Build small PDFs for reader tests with reportlab: text, ruled tables, backgrounds, images.

Coordinates are in points from the top-left corner of an A4 page (595 x 842), as pdfplumber reports
them. Chinese text uses reportlab's built-in CID font STSong-Light (nothing embedded, nothing to
install); pdfminer maps it back to Unicode through the Adobe-GB1 CMap.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pytest

WIDTH, HEIGHT = 595.0, 842.0
FONT = "STSong-Light"


@dataclass
class Grid:
    """A ruled table: ``rows`` of cell texts ("\\n" breaks a cell's lines; ``None`` where a merged cell
    spans); ``spans`` maps (row, col) of a merged cell to its (rows, cols)."""

    x: float
    top: float
    widths: list[float]
    heights: list[float]
    rows: list[list[str | None]]
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    open_bottom: bool = False  # no rule under the last row (the table runs on to the next page)
    size: float = 9


class PdfBuilder:
    """Pages drawn one call at a time; ``data()`` returns the finished PDF's bytes."""

    def __init__(self, password: str | None = None) -> None:
        pytest.importorskip("reportlab")
        from reportlab.lib import pdfencrypt
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        encrypt = None if password is None else pdfencrypt.StandardEncryption(password, "owner", strength=128)
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=(WIDTH, HEIGHT), encrypt=encrypt)

    def text(self, x: float, top: float, s: str, size: float = 12, font: str = FONT) -> PdfBuilder:
        """``s`` with its glyphs' top near ``top``."""
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, HEIGHT - top - size * 0.88, s)
        return self

    def line(self, x0: float, top0: float, x1: float, top1: float) -> PdfBuilder:
        self.canvas.line(x0, HEIGHT - top0, x1, HEIGHT - top1)
        return self

    def rect(self, x: float, top: float, w: float, h: float, fill: bool = False, stroke: bool = True) -> PdfBuilder:
        self.canvas.setFillColorRGB(1, 1, 1)
        self.canvas.rect(x, HEIGHT - top - h, w, h, stroke=int(stroke), fill=int(fill))
        self.canvas.setFillColorRGB(0, 0, 0)
        return self

    def image(self, x: float, top: float, w: float, h: float) -> PdfBuilder:
        """A grey bitmap, as a scanned page holds."""
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        self.canvas.drawImage(ImageReader(Image.new("L", (40, 40), 128)), x, HEIGHT - top - h, w, h)
        return self

    def grid(self, g: Grid) -> PdfBuilder:
        """Each cell's borders drawn as lines, its text lines from its top-left corner."""
        xs = [g.x + sum(g.widths[:i]) for i in range(len(g.widths) + 1)]
        ys = [g.top + sum(g.heights[:i]) for i in range(len(g.heights) + 1)]
        last = len(g.heights)
        for r, row in enumerate(g.rows):
            for c, text in enumerate(row):
                if text is None:
                    continue
                rows, cols = g.spans.get((r, c), (1, 1))
                x0, x1, y0, y1 = xs[c], xs[c + cols], ys[r], ys[r + rows]
                self.line(x0, y0, x1, y0).line(x0, y0, x0, y1).line(x1, y0, x1, y1)
                if not (g.open_bottom and r + rows == last):
                    self.line(x0, y1, x1, y1)
                for i, part in enumerate(text.split("\n")):
                    self.text(x0 + 3, y0 + 3 + i * (g.size + 2), part, g.size)
        return self

    def page(self) -> PdfBuilder:
        """End this page and start the next."""
        self.canvas.showPage()
        return self

    def data(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()
