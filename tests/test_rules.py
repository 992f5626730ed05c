"""Every rule against a report that breaks it and one that keeps it, with exact codes and lines.

Reports come from ``gilint.testing.reports.make_report``: a correct 2023 report in which one thing is changed.
"""

from __future__ import annotations

import gilint_rules as rules
import pytest

from gilint.testing.reports import line_of, make_report
from tests.lintkit import findings, report_of_text

SIX = "六、其他需要报告的事项"


def codes(text: str) -> list[tuple[str, int | None]]:
    return findings(report_of_text(text))


def test_the_correct_report_is_clean() -> None:
    assert codes(make_report()) == []


# (rule code, what to change, a substring of the line the finding must point at, nth occurrence)
BREAKS = [
    ("GI101", {"headings": {1: None}}, "二、主动公开政府信息情况", 1),
    (
        "GI102",
        {"headings": {3: "四、政府信息公开行政复议、行政诉讼情况", 4: "三、收到和处理政府信息公开申请情况"}},
        "三、收到和处理政府信息公开申请情况",
        1,
    ),
    ("GI103", {"headings": {5: "5、存在的主要问题及改进情况"}}, "5、存在的主要问题", 1),
    ("GI104", {"headings": {6: "六、需要说明的其他事项"}}, "六、需要说明的其他事项", 1),
    ("GI106", {"headings": {5: None}}, "六、其他需要报告的事项", 1),
    ("GI105", {"body": {5: []}}, "五、存在的主要问题及改进情况", 1),
    ("GI201", {"period": "本报告由本局编制。"}, "青禾县自然资源局2023年", 1),
    ("GI202", {"period": "本报告所列数据的统计期限为2023年1月1日至2023年6月30日。"}, "统计期限", 1),
    ("GI203", {"period": "本报告所列数据的统计期限为2022年1月1日至2022年12月31日。"}, "统计期限", 1),
    ("GI204", {"signature": "2024年3月5日"}, "2024年3月5日", 1),
    ("GI301", {"omit_tables": (4,)}, "四、政府信息公开行政复议、行政诉讼情况", 1),
    ("GI303", {"t3": {"3.3.8": None}}, "1.本机关不掌握相关政府信息", 1),
    ("GI304", {"t3": {"3.3.4": [1, 0, 0, 0, 0, 0, "1 1"]}}, "4.保护第三方合法权益", 1),
    ("GI306", {"t3": {"3.4.2": [0, "/", 0, 0, 0, 0, 0]}}, "2.没有现成信息需要另行制作", 1),
    ("GI307", {"t3": {"3.3.1": [-1, 0, 0, 0, 0, 0, -1]}}, "1.属于国家秘密", 1),
    ("GI310", {"t3": {"4": [2, 1, 0, 0, 0, 0, 3]}}, "（七）总计", 1),
    ("GI311", {"t3": {"3.7": [11, 1, 0, 0, 1, 0, 13], "4": [0, 1, 0, 0, 0, 0, 1]}}, "（七）总计", 1),
    ("GI312", {"t3": {"3.2": [2, 0, 0, 0, 0, 0, 3]}}, "（二）部分公开", 1),
    ("GI313", {"t4": [2, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]}, "2 | 0 | 0 | 0 | 1 | 0 | 0 | 1 |", 1),
    ("GI401", {"body": {3: ["2023年，我局共收到政府信息公开申请15件。"]}}, "共收到政府信息公开申请15件", 1),
    ("GI402", {"body": {4: ["因政府信息公开工作被申请行政复议2件。"]}}, "被申请行政复议2件", 1),
    ("GI403", {"body": {2: ["全年制发行政规范性文件3件。"]}}, "制发行政规范性文件3件", 1),
    ("GI404", {"body": {3: ["全年共收到政府信息公开申请13件，其中网络申请8件，信函申请7件。"]}}, "网络申请8件", 1),
    ("GI405", {"body": {3: ["2023年，我局办结政府信息公开申请12件，其中予以公开6件，占60%。"]}}, "占60%", 1),
    ("GI501", {"body": {6: ["本年度无其他需要报告的事项。"]}}, SIX, 1),
    (
        "GI502",
        {"t3": {"3.6.2": [1, 0, 0, 0, 0, 0, 1], "3.1": [4, 1, 0, 0, 0, 0, 5], "1": [10, 2, 0, 0, 1, 0, 13]}},
        "未发出信息处理费收费通知",
        1,
    ),
    ("GI601", {"body": {1: ["我局认真贯彻落实《中华人民共和国政府政务公开条例》。"]}}, "政务公开条例", 1),
    ("GI602", {"body": {1: ["(一）主动公开情况", "2023年主动公开信息120条。"]}}, "(一）主动公开", 1),
    (
        "GI603",
        {"body": {1: ["依据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕年30号）编制。"]}},
        "〔2021〕年30号",
        1,
    ),
]


@pytest.mark.parametrize(("code", "change", "needle", "nth"), BREAKS, ids=[b[0] for b in BREAKS])
def test_rule_fires_on_a_report_that_breaks_it(code: str, change: dict, needle: str, nth: int) -> None:
    text = make_report(**change)
    got = codes(text)
    line = line_of(text, needle, nth)
    assert (code, line) in got, got
    assert {c for c, _ in got} <= {code, *EXTRA.get(code, ())}, got


# Codes a planted defect necessarily brings along (a row with a wrong value breaks two identities).
EXTRA = {
    "GI304": {"GI310", "GI311", "GI312"},
    "GI306": set(),
    "GI307": {"GI311", "GI310"},
    "GI310": {"GI312"},
    "GI311": {"GI310"},
    "GI312": {"GI311"},
    "GI203": {"GI202"},
}


def test_every_rule_has_a_breaking_case() -> None:
    from tests.test_rule_cases import CASES
    from tests.test_spelling_cases import NAMES, TERMS

    tested = {b[0] for b in BREAKS} | {code for _, _, found, _ in [*CASES, *TERMS] for code, _, _ in found}
    tested |= {code for *_, found, _ in NAMES for code, _, _ in found}
    # tested elsewhere: input (test_inputs, test_hostile, test_limits), seeds (GI302, GI305, GI604), the table
    # forms (GI308, GI309, GI314), cross-year files, readers (GI020-GI024: test_parsers_office, test_ocr),
    # drafts (GI801-GI806: test_parsers_docx_word) and the aggregate (GI704: test_series)
    others = {
        "GI001",
        "GI002",
        "GI003",
        "GI004",
        "GI302",
        "GI305",
        "GI308",
        "GI309",
        "GI314",
        "GI604",
        "GI701",
        "GI702",
        "GI703",
        "GI704",
        *(f"GI02{i}" for i in range(5)),
        *(f"GI80{i}" for i in range(1, 7)),
    }
    assert {r.code for r in rules.gilint_rules()} == tested | others


KEEPS = [
    ("GI104 accepts a known variant", {"headings": {5: "五、政府信息公开工作存在的主要问题及改进情况"}}),
    ("GI105 accepts 无", {"body": {6: ["无。本年度未收取信息处理费。"]}}),
    (
        "GI204 gives a government's own report until 31 March",
        {"title": "青禾县人民政府2023年政府信息公开工作年度报告", "signature": "2024年3月5日"},
    ),
    ("GI401 accepts new plus carried over", {"body": {3: ["2023年，我局共收到政府信息公开申请14件。"]}}),
    ("GI401 ignores a breakdown", {"body": {3: ["其中，下属中心收到申请5件。"]}}),
    ("GI402 ignores appeals not about disclosure", {"body": {1: ["2023年办理行政复议案件35件。"]}}),
    (
        "GI502 accepts 未收取 with （六）2 > 0",
        {
            "t3": {"3.6.2": [1, 0, 0, 0, 0, 0, 1], "3.1": [4, 1, 0, 0, 0, 0, 5]},
            "body": {6: ["2023年未收取信息处理费。"]},
        },
    ),
    ("GI601 accepts the short name", {"body": {1: ["依据《政府信息公开条例》做好公开工作。"]}}),
    ("GI501 is not required before 2021", {"year": 2020, "body": {6: ["无。"]}}),
]


@pytest.mark.parametrize(("why", "change"), KEEPS, ids=[k[0] for k in KEEPS])
def test_rule_keeps_a_correct_variant(why: str, change: dict) -> None:
    assert codes(make_report(**change)) == []


def test_gi604_names_a_misspelt_row_label_and_its_values_are_still_read() -> None:
    text = make_report(t3={"3.3.2": [1, 0, 0, 0, 0, 0, 1], "3.1": [4, 1, 0, 0, 0, 0, 5]}).replace(
        "2.其他法律行政法规禁止公开", "2.其他法律行政止公开"
    )
    report = report_of_text(text)
    assert codes(text) == [("GI604", line_of(text, "2.其他法律行政止公开"))]
    assert report.tables[3].value("3.3.2", "total") == 1
    assert [p.kind for p in report.tables[3].problems] == ["label-typo"]


def test_gi604_does_not_take_a_different_row_for_a_missing_one() -> None:
    text = make_report().replace("2.其他法律行政法规禁止公开 |", "")
    assert "GI604" not in {c for c, _ in codes(text)}
