"""The full (default) and concise formats: exact text, carets measured in display cells."""

from __future__ import annotations

from gilint.model import Diagnostic, Span
from gilint.reporters import RenderContext, summary
from gilint.reporters.concise import render as concise
from gilint.reporters.full import render as full


def diag(span: Span, excerpt: str | None, code: str = "GI401", severity: str = "error", **kw: object) -> Diagnostic:
    return Diagnostic(
        code,
        "narrative",
        severity,
        "r.txt",
        span,
        "正文与表格不符",
        "prose contradicts the table",  # type: ignore[arg-type]
        excerpt=excerpt,
        **kw,
    )  # type: ignore[arg-type]


def lines_of(d: Diagnostic, lang: str = "zh") -> list[str]:
    return full([d], RenderContext(lang=lang)).split("\n")


def test_full_shape_exactly() -> None:
    d = diag(
        Span(12, 9, 12, 10),
        "本年度共收到申请13件，办结12件。",
        hint_zh="表三“一、本年新收…”总计为 15",
        hint_en="table 3 says 15",
    )
    assert full([d], RenderContext()) == (
        "r.txt:12:9: GI401 [narrative] 错误: 正文与表格不符\n"
        "   |\n"
        "12 | 本年度共收到申请13件，办结12件。\n"
        "   |                 ^^\n"
        "   |\n"
        "   = 提示: 表三“一、本年新收…”总计为 15\n"
        "\n"
        "共 1 个错误\n"
    )
    assert full([d], RenderContext(lang="en")) == (
        "r.txt:12:9: GI401 [narrative] error: prose contradicts the table\n"
        "   |\n"
        "12 | 本年度共收到申请13件，办结12件。\n"
        "   |                 ^^\n"
        "   |\n"
        "   = hint: table 3 says 15\n"
        "\n"
        "Found 1 error\n"
    )


def test_caret_under_chinese_characters_is_two_cells_per_character() -> None:
    # "总体" (columns 3-4) follows "一、": 2 + 2 cells in, 4 cells wide
    assert lines_of(diag(Span(4, 3, 4, 4), "一、总体情况"))[2:4] == ["4 | 一、总体情况", "  |     ^^^^"]
    # full-width digits and signs are two cells too
    assert lines_of(diag(Span(7, 4, 7, 5), "一＋二＝１３"))[2:4] == ["7 | 一＋二＝１３", "  |       ^^^^"]
    # a span without an end is one character wide: here one Chinese character, two cells
    assert lines_of(diag(Span(7, 3), "一＋二＝１３"))[3] == "  |     ^^"


def test_tabs_expand_to_the_next_multiple_of_four() -> None:
    assert lines_of(diag(Span(3, 5, 3, 6), "\t表三\t12"))[2:4] == ["3 |     表三    12", "  |             ^^"]


def test_a_span_running_past_the_line_is_underlined_to_its_end() -> None:
    assert lines_of(diag(Span(3, 3, 5, 2), "一、总体情况"))[3] == "  |     ^^^^^^^^"


def test_a_long_line_is_cut_around_the_span_to_fit_the_width() -> None:
    line = "x" * 300 + "错误" + "y" * 300
    out = lines_of(diag(Span(1, 301, 1, 302), line))  # 100 cells: 94 for the text, the span a quarter in
    assert out[2] == "1 | …" + "x" * 23 + "错误" + "y" * 67 + "…"
    assert out[3] == "  | " + " " * 24 + "^^^^"
    wide = full([diag(Span(1, 301, 1, 302), line)], RenderContext(width=200)).split("\n")
    assert wide[2] == "1 | …" + "x" * 48 + "错误" + "y" * 142 + "…"
    chinese = "表" * 100 + "错" + "表" * 100  # two cells a character: 47 characters fit in 94 cells
    out = lines_of(diag(Span(1, 101), chinese))
    assert out[2:4] == ["1 | …" + "表" * 11 + "错" + "表" * 35 + "…", "  | " + " " * 23 + "^^"]


def test_control_characters_never_reach_the_terminal() -> None:
    out = lines_of(diag(Span(1, 3, 1, 4), "a\x1b[31mb\u202ec"))
    assert out[2] == "1 | a\ufffd[31mb\ufffdc"
    assert "\x1b" not in "".join(out) and "\u202e" not in "".join(out)


def test_docx_and_pdf_findings_show_the_logical_location_and_the_node_text() -> None:
    d = diag(Span(40, logical="表格 2 行 5 列 3"), "15", hint_zh="应为 13")
    d.path = "r.docx"
    assert lines_of(d) == [
        "r.docx:表格 2 行 5 列 3: GI401 [narrative] 错误: 正文与表格不符",
        "  |",
        "  | 15",
        "  |",
        "  = 提示: 应为 13",
        "",
        "共 1 个错误",
        "",
    ]


def test_whole_file_findings_and_converter_damage() -> None:
    d = diag(Span(), None, code="GI308", severity="warning", damage=True, hint_zh="对照原件")
    assert lines_of(d)[:3] == ["r.txt: GI308 [narrative] 警告: 正文与表格不符 (转换损坏)", "  = 提示: 对照原件", ""]
    assert lines_of(d, "en")[0] == "r.txt: GI308 [narrative] warning: prose contradicts the table (converter damage)"


def test_colour_only_when_asked() -> None:
    d = diag(Span(1, 1, 1, 1), "一")
    assert "\x1b[" not in full([d], RenderContext(color=False))
    coloured = full([d], RenderContext(color=True))
    assert "\x1b[1;31mGI401\x1b[0m" in coloured and "\x1b[1;31m^^\x1b[0m" in coloured


def test_summary_counts_by_severity() -> None:
    ds = [diag(Span(), None, severity=s) for s in ("error", "error", "error", "warning", "info", "info")]
    assert summary(ds, "zh") == "共 3 个错误，1 个警告，2 个提示"
    assert summary(ds, "en") == "Found 3 errors, 1 warning, 2 info"
    assert summary(ds[3:4], "en") == "Found 1 warning"
    assert (summary([], "zh"), summary([], "en")) == ("未发现问题", "No problems found")


def test_concise_is_one_line_per_diagnostic() -> None:
    ds = [diag(Span(12, 9, 12, 10), "x"), diag(Span(40, logical="第3页 表格1 行2 列4"), "15", severity="info")]
    assert concise(ds, RenderContext()) == (
        "r.txt:12:9: GI401 [narrative] 错误: 正文与表格不符\n"
        "r.txt:第3页 表格1 行2 列4: GI401 [narrative] 提示: 正文与表格不符\n"
        "共 1 个错误，1 个提示\n"
    )
