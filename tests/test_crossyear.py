"""Cross-year rules over one agency's consecutive reports."""

from __future__ import annotations

from gilint_rules.crossyear import carry_over_continuity, copied_narrative, in_force_continuity

from gilint.testing.reports import line_of, make_report
from tests.lintkit import report_of_text

Y2022 = {"4": [1, 1, 0, 0, 0, 0, 2]}


def series(t3_2023: dict | None = None, t2_2023: dict | None = None, body_2023: dict | None = None):
    last = make_report(year=2022, t3=Y2022, body={5: ["二〇二二年的问题是回应关切不够及时。"]})
    t3 = {"2": [1, 1, 0, 0, 0, 0, 2], "1": [10, 1, 0, 0, 1, 0, 12], **(t3_2023 or {})}
    body = body_2023 or {5: ["今年发现依申请公开答复文书格式不统一，将制定模板。"]}
    this = make_report(year=2023, t3=t3, t2=t2_2023, body=body)
    return this, [report_of_text(last, "2022.txt"), report_of_text(this, "2023.txt")]


def test_x1_keeps_continuous_carry_over() -> None:
    _, reports = series()
    assert list(carry_over_continuity(reports, {})) == []


def test_x1_flags_a_break_at_this_year_cell() -> None:
    text, reports = series(t3_2023={"2": [1, 0, 0, 0, 0, 0, 1], "1": [10, 2, 0, 0, 1, 0, 13]})
    got = [(r.year, f.span.line, f.message_zh) for r, f in carry_over_continuity(reports, {})]
    line = line_of(text, "二、上年结转")
    assert got == [
        (2023, line, "2023年表三“二、上年结转”“法人或其他组织/商业企业”为 0，2022年报告“四、结转下年度继续办理”为 1"),
        (2023, line, "2023年表三“二、上年结转”“总计”为 1，2022年报告“四、结转下年度继续办理”为 2"),
    ]


def test_x2_in_force_continues() -> None:
    _, reports = series(t2_2023={"normative": [2, 1, 10]})  # 9 + 2 - 1
    assert list(in_force_continuity(reports, {})) == []
    text, reports = series(t2_2023={"normative": [2, 1, 12]})
    got = [(f.span.line, f.hint_zh) for _, f in in_force_continuity(reports, {})]
    assert got == [(line_of(text, "行政规范性文件 | 2 | 1 | 12"), "应为 10")]


def test_x3_copied_narrative() -> None:
    _, reports = series()
    assert list(copied_narrative(reports, {"threshold": 0.8})) == []
    last = make_report(year=2022, body={5: ["政策解读形式不够丰富，基层公开标准化有待提升。" * 8]})
    this = make_report(year=2023, body={5: ["政策解读形式不够丰富，基层公开标准化有待提升。" * 8]})
    got = list(copied_narrative([report_of_text(last), report_of_text(this)], {"threshold": 0.8}))
    assert len(got) == 1 and got[0][0].year == 2023 and "相似度为 100%" in got[0][1].message_zh
