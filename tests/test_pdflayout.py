"""The PDF page geometry (gilint/parsers/pdflayout.py) on characters and rules written here: no PDF file, no PDFium."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

from gilint.parsers import pdflayout as L

Obj = dict[str, object]


def char(text: str, x0: float, top: float, width: float = 10.0, height: float = 10.0, **extra: object) -> Obj:
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + width,
        "top": top,
        "bottom": top + height,
        "doctop": top,
        "upright": True,
        "fontname": "SimSun",
        "size": height,
        **extra,
    }


def word(text: str, x0: float, x1: float, top: float = 100.0, height: float = 10.0) -> Obj:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + height}


def hline(x0: float, x1: float, y: float) -> Obj:
    return {"pts": [(x0, y), (x1, y)], "stroke": True}


def vline(x: float, top: float, bottom: float) -> Obj:
    return {"pts": [(x, top), (x, bottom)], "stroke": True}


def grid_drawing(xs: list[float], ys: list[float], chars: list[Obj] | None = None) -> L.Drawing:
    """A ruled grid with vertical rules at ``xs`` and horizontal rules at ``ys``."""
    lines = [hline(xs[0], xs[-1], y) for y in ys] + [vline(x, ys[0], ys[-1]) for x in xs]
    return L.Drawing(chars or [], lines, [], [])


def test_the_module_imports_no_pdf_library() -> None:
    code = (
        "import sys, gilint.parsers.pdflayout; "
        "print([m for m in ('pypdfium2', 'pdfplumber', 'pdfminer') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_line_splits_into_segments_at_gaps_of_a_character_height() -> None:
    words = [word("行政复议", 0, 40), word("总计", 43, 63), word("21", 80, 90), word("0", 95, 100)]
    assert L.line_segments(words) == ["行政复议 总计", "21 0"]  # 3 < 10 joins, 17 >= 10 splits, 5 joins


def test_numbers_in_a_segment_are_counted_only_when_it_holds_nothing_else() -> None:
    assert [L.count_numbers(s) for s in ("21 0", "1,234 5.5% —", "总计 21", "/")] == [2, 3, 0, 1]
    assert list(L.split_numbers("总计 21 0")) == ["总计", "21", "0"]
    assert list(L.split_numbers("其中 12 件 3")) == ["其中", "12", "件", "3"]


def test_a_page_number_is_one_in_the_margin() -> None:
    def line(text: str, top: float) -> L.Line:
        return L.Line([word(text, 280, 320, top)], top, top + 10)

    assert [L.is_page_number(line(t, 800), 842) for t in ("- 3 -", "第 2 页 共 5 页", "1/5", "—12—")] == [True] * 4
    assert L.is_page_number(line("3", 20), 842)  # the top margin
    assert not L.is_page_number(line("- 3 -", 400), 842)  # mid-page: a value
    assert not L.is_page_number(line("第三页", 800), 842)


def test_rulings_from_lines_thin_rectangles_and_stroked_boxes_not_backgrounds() -> None:
    rect = {"x0": 0.0, "x1": 100.0, "top": 50.0, "bottom": 51.0, "width": 100.0, "height": 1.0, "stroke": False}
    box = {"x0": 0.0, "x1": 100.0, "top": 60.0, "bottom": 80.0, "width": 100.0, "height": 20.0, "stroke": True}
    shade = {**box, "top": 90.0, "bottom": 110.0, "stroke": False}  # a filled background
    unstroked = {"pts": [(0, 5), (100, 5)], "stroke": False}
    h, v = L.rulings(L.Drawing([], [hline(0, 100, 10), unstroked], [], [rect, box, shade]))
    assert sorted((e["x0"], e["x1"], e["top"]) for e in h) == [(0, 100, 10), (0, 100, 50.5), (0, 100, 60), (0, 100, 80)]
    assert sorted((e["x0"], e["top"], e["bottom"]) for e in v) == [(0, 60, 80), (100, 60, 80)]
    assert all(e["orientation"] == "v" and e["width"] == 0 for e in v)


def test_a_ruled_grid_is_found_with_its_cells_row_by_row() -> None:
    h, v = L.rulings(grid_drawing([0, 50, 120], [0, 20, 40]))
    [grid] = L.find_grids(h, v)
    assert grid.bbox == (0, 0, 120, 40)
    assert grid.rows == [[(0, 0, 50, 20), (50, 0, 120, 20)], [(0, 20, 50, 40), (50, 20, 120, 40)]]
    assert grid.columns == [0, 50]


def test_a_box_of_one_column_is_no_table_and_an_open_bottom_is_closed() -> None:
    assert L.find_grids(*L.rulings(grid_drawing([0, 120], [0, 20, 40]))) == []
    # a table running on over the page break: vertical rules, no rule at its bottom
    drawing = L.Drawing([], [hline(0, 120, 0), vline(0, 0, 40), vline(50, 0, 40), vline(120, 0, 40)], [], [])
    [grid] = L.find_grids(*L.rulings(drawing))
    assert grid.rows == [[(0, 0, 50, 40), (50, 0, 120, 40)]]


def test_characters_go_to_the_cell_holding_their_centre() -> None:
    [grid] = L.find_grids(*L.rulings(grid_drawing([0, 50, 120], [0, 20, 40])))
    inside, outside = char("件", 55, 25), char("注", 10, 60)
    assert (L.place_char(inside, [grid]), L.place_char(outside, [grid])) == (True, False)
    assert grid.chars == {(1, 1): [inside]}


def test_a_cells_lines_join_without_a_space_between_cjk_characters() -> None:
    assert L.cell_text([char("行", 0, 0), char("政", 0, 12), char("复", 0, 24)]) == "行政复"
    latin = [char("a", 0, 0, 5), char("b", 5, 0, 5), char("c", 0, 12, 5)]
    assert L.cell_text(latin) == "ab c"
    assert L.cell_text([char("1", 0, 0, 5), char("件", 0, 12)]) == "1件"


def test_a_character_drawn_twice_for_fake_bold_is_read_once() -> None:
    first, again, other = char("总", 0, 0), char("总", 0.5, 0.3), char("总", 30, 0)
    assert L.dedupe([first, again, other]) == [first, other]
    assert L.dedupe([again, first]) == [first]  # the top-left one stays


def test_the_weakest_confidence_is_of_ocr_characters_only() -> None:
    chars = [char("a", 0, 0), char("b", 5, 0, confidence=0.7), char("c", 9, 0, confidence=0.9)]
    assert L.weakest_confidence(chars) == 0.7
    assert L.weakest_confidence([char("a", 0, 0)]) is None


def page(rotate: int = 0) -> SimpleNamespace:
    obj = SimpleNamespace(mediabox=(0, 0, 600, 800), rotate=rotate, resources={})
    return SimpleNamespace(page_obj=obj, mediabox=(0, 0), height=800 if rotate % 180 == 0 else 600, initial_doctop=0)


def test_a_character_is_boxed_as_pdfminer_boxes_it() -> None:
    c = L.Placement(page()).char("年", (1, 0, 0, 1, 100, 700), 12, 12, -1.5, 0, "SimSun")
    assert (c["x0"], c["x1"], c["top"], c["bottom"], c["upright"], c["size"]) == (100, 112, 89.5, 101.5, True, 12)
    turned = L.Placement(page(90)).char("年", (1, 0, 0, 1, 100, 700), 12, 12, -1.5, 0, "SimSun")
    assert (turned["x0"], turned["x1"], turned["top"], turned["bottom"], turned["upright"]) == (
        698.5,
        710.5,
        100,
        112,
        False,
    )


def test_subpaths_are_classified_as_pdfminer_does() -> None:
    drawing = L.Drawing([], [], [], [])
    place = L.Placement(page())
    place.path("ml", [(0, 800), (100, 800)], True, drawing)
    place.path("mlllh", [(0, 700), (100, 700), (100, 680), (0, 680), (0, 700)], False, drawing)
    place.path("mlll", [(0, 0), (10, 5), (20, 0), (30, 5)], True, drawing)
    assert drawing.lines == [{"pts": [(0, 0), (100, 0)], "stroke": True}]
    rects = [(r["x0"], r["top"], r["x1"], r["bottom"], r["stroke"]) for r in drawing.rects]
    assert rects == [(0, 100, 100, 120, False)]
    assert len(drawing.curves) == 1


def test_matrices_compose_first_then_second() -> None:
    scale, shift = (2, 0, 0, 2, 0, 0), (1, 0, 0, 1, 10, 5)
    assert L.transform(L.multiply(scale, shift), 1, 1) == (12, 7)
    assert L.transform(L.multiply(shift, scale), 1, 1) == (22, 12)
