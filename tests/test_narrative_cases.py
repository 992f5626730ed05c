"""The narrative rules (GI401-GI405) on a case table of phrasings in the shapes real reports use, each
with the exact findings expected (none for a true or out-of-scope statement), and the related places
a finding carries into JSON and SARIF.

Each case is a correct 2023 report (``gilint.testing.reports``: table 3 has 13 new requests, 1 carried
over, 予以公开 6, 部分公开 3, 不予公开 1, 无法提供 2 (all 本机关不掌握), （七） 12, 结转 2; table 4 one
reconsideration upheld and one direct lawsuit; table 2 行政规范性文件 2/1/9, 许可 40, 处罚 7, 强制 0)
whose section text is replaced by the case's lines, and sometimes a table changed.
"""

from __future__ import annotations

import json
from typing import Any

import gilint_rules as rules
import pytest

from gilint.engine import to_diagnostic
from gilint.reporters import RenderContext
from gilint.reporters import json as json_reporter
from gilint.reporters import sarif as sarif_reporter
from gilint.testing import run_rule
from gilint.testing.reports import line_of, make_report
from tests.lintkit import findings, report_of_text

DAMAGE = {"GI106", "GI308", "GI309", "GI314"}
ZERO = {row: [0] * 7 for row in ("1", "2", "3.1", "3.2", "3.3.4", "3.4.1", "3.7", "4")}
T4_ZERO = [0] * 15
BREAKDOWN_T3 = {  # 21 new, 0 carried over; 予以公开 1, 部分公开 11, 不予公开 3, 无法提供 0, 其他处理 4; 结转 2
    "1": [21, 0, 0, 0, 0, 0, 21],
    "2": [0] * 7,
    "3.1": [1, 0, 0, 0, 0, 0, 1],
    "3.2": [11, 0, 0, 0, 0, 0, 11],
    "3.3.4": [3, 0, 0, 0, 0, 0, 3],
    "3.4.1": [0] * 7,
    "3.6.3": [4, 0, 0, 0, 0, 0, 4],
    "3.7": [19, 0, 0, 0, 0, 0, 19],
    "4": [2, 0, 0, 0, 0, 0, 2],
}


def case(lines: str | list[str], *expected: tuple[str, str], section: int = 3, **change: Any) -> tuple[Any, ...]:
    """A case: the lines of one section, the findings expected (code, a substring of the line)."""
    return ([lines] if isinstance(lines, str) else lines, section, change, list(expected))


CASES = {
    # ---- true statements and counts that are not the agency's year total: no finding
    "received": case("2023年，我局共收到政府信息公开申请13件。"),
    "accepted-new-plus-carried": case("全年共受理政府信息公开申请14件。"),
    "spaces-around-number": case("全年共受理政府信息公开申请 13 件。"),
    "chinese-numeral": case("2023年共接收政府信息公开申请十三件。"),
    "full-width-digits": case("本年度我局新收政府信息公开申请１３件。"),
    "applicants-all-kinds": case("2023年，本机关收到公民、法人和其他组织提出的政府信息公开申请共计13件。"),
    "number-before-noun": case("全年共收到13件申请，办结12件，2件结转下年度继续办理。"),
    "noun-first": case("2023年政府信息公开申请共计13件，上年结转1件。"),
    "answered-with-bracket": case(
        "全年共受理政府信息公开申请13件，答复12件（含上年结转申请1件，另有2件顺延到下年度答复）。"
    ),
    "handled-is-handled": case("全年办理政府信息公开申请12件。"),
    "handled-is-new": case("全年办理政府信息公开申请13件。"),
    "依申请公开-as-noun": case("2023年共收到依申请公开13件，均已按期答复。"),
    "sub-office": case("其中，下属中心收到申请5件。"),
    "one-channel-after-其中": case("全年共收到申请13件，其中通过网络收到申请8件，信函5件。"),
    "last-year": case("2022年，我局共收到政府信息公开申请20件。"),
    "compared-with-last-year": case("与2022年相比，全年收到申请数量增加5件。"),
    "other-things-counted": case("全年主动公开政府信息120条，回复网民留言35件。"),
    "proposals": case("全年收到人大代表建议15件、政协提案8件。"),
    "other-applications": case("全年受理行政许可申请400件。"),
    "delegated-office": case("2023年，区教育局代表区政府受理政府信息公开申请5件。"),
    "one-channel": case("全年通过网络收到政府信息公开申请9件。"),
    "one-topic": case("其中，涉及征地拆迁的申请10件。"),
    "one-applicant-type": case("全年收到自然人提出的政府信息公开申请10件。"),
    "running-total": case("截至2023年底，累计收到政府信息公开申请150件。"),
    "all-years": case("历年累计受理申请4份。"),
    "outcomes-standalone": case("全年予以公开6件，部分公开3件，不予公开1件，无法提供2件。"),
    "shares": case(
        "全年办结申请12件，其中予以公开6件，占50%；部分公开3件，占25%；不予公开1件，占8.33%；无法提供2件，占16.67%。"
    ),
    "shares-rounded": case(
        "全年办结申请12件，其中予以公开及部分公开9件，占75%；不予公开1件，占8.3%；无法提供2件，占16.7%。"
    ),
    "shares-next-sentence": case(
        ["全年办结申请12件。其中，予以公开及部分公开9件（75.00%），不予公开1件（8.33%），无法提供2件（16.67%）。"]
    ),
    "information-breakdown": case("全年共制发政府信息300条，其中主动公开280条、依申请公开12条、不予公开8条。"),
    "information-counts": case(
        "全年印发公文类政府信息共510条，其中主动公开信息数169条，依申请公开信息数317条，不予公开24条。"
    ),
    "appeals": case("因政府信息公开工作被申请行政复议1件，被提起行政诉讼1件。", section=4),
    "appeals-not-disclosure": case("2023年办理行政复议案件35件。", section=1),
    "no-correction": case("2023年，未发生因政府信息公开引起的行政复议纠错情形。", section=4),
    "table-2": case("全年制发行政规范性文件2件，废止行政规范性文件1件，现行有效行政规范性文件9件。", section=2),
    "table-2-decisions": case("全年作出行政许可决定40件，作出行政处罚决定7件。", section=2),
    "carried-over": case("2023年，上年结转政府信息公开申请1件。"),
    "respectively": case("全年收到申请13件，分别为网络申请8件、信函申请5件。"),
    "change-not-count": case("2023年，我局共收到政府信息公开申请13件，较上年增加3件。"),
    "change-percent": case("全年收到政府信息公开申请13件，申请数量较去年增长12.3%。"),
    "long-subject": case("2023年，我局收到群众通过邮寄、网络提交的各类政府信息公开申请共计13件。"),
    "new-and-carried-stated": case(
        "2023年度，本机关上年结转政府信息公开申请数量1件，新收到要求公开政府信息的申请13份。"
    ),
    "completion-rate": case("全年回复留言120件，办结率100%。"),
    "all-offices": case("2023年，全区各级行政机关共受理政府信息公开申请14件。"),
    "received-and-handled": case("全年共受理办结13件依申请公开信息。"),
    "fees-of-one-office": case("全县行政机关在办理2023年度信息公开申请中收取信息处理费共计380元，其中民政局1件。"),
    "other-requests-handled": case("全年受理群众诉求2840件，已办理2840件。"),
    "topics-of-requests": case(
        "全年共收到政府信息公开申请13件，申请事项涉及政策法规信息1件、机构设置信息2件、小区备案信息10件。"
    ),
    "carried-over-in-bracket": case("2023年，我局共收到政府信息公开申请13件（上年结转1件）。"),
    "applicants-add-up": case("全年共收到政府信息公开申请13件，其中来自自然人12件、商业企业1件。"),
    "zero-outcomes": case("全年不予处理0件，其他处理0件。"),
    "share-of-a-total": case("2023年共收到政府信息公开申请13件，占全市申请总数的5%。"),
    "none-received-and-none-in-table": case("2023年，未收到政府信息公开申请。", t3=ZERO),
    "no-appeals-and-none-in-table": case("2023年，没有政府信息公开行政复议及行政诉讼情况。", section=4, t4=T4_ZERO),
    "breakdown-adds-up": case(
        "2023年，共受理政府信息公开申请21件，经分类处置后，给予同意公开答复1件，不予公开答复3件，"
        "区分处理后公开11件，其他处理4件，结转下年度继续办理2件。",
        t3=BREAKDOWN_T3,
    ),
    "damaged-row-not-compared": case("全年共收到政府信息公开申请13件，予以公开6件，部分公开4件。", t3={"3.2": []}),
    "other-applications-first": case("全年共收到各类申请120件，其中政府信息公开申请13件。"),
    "other-applications-unnamed": case("全年受理公租房申请50件。"),
    "appeals-of-all-kinds": case("全年办理行政复议案件35件，其中涉及政府信息公开的1件。", section=4),
    "own-level-only": case("县本级共收到政府信息公开申请5件。"),
    "half-year": case("2023年上半年共收到政府信息公开申请6件。"),
    "own-office-after-其中": case("2023年，我局共收到政府信息公开申请13件，其中本机关收到8件，下属单位收到5件。"),
    "verb-alone": case("依申请公开方面，全年共收到13件，均已按时答复。"),
    "verb-alone-other-things": case("全年共收到13件群众来信，均已按时答复。"),
    "days-not-a-count": case("2023年，我局对收到的申请20个工作日内均予答复。"),
    "zero-word-and-none-in-table": case("2023年，本机关政府信息公开申请数量为零。", t3=ZERO),
    "already-public-beside": case("全年办结申请12件，其中属于已主动公开的2件，同意公开4件，部分公开3件。"),
    # ---- false statements: the findings
    "zero-word-wrong": case("2023年，本机关政府信息公开申请数量为零。", ("GI401", "数量为零")),
    "verb-alone-wrong": case("依申请公开方面，全年共收到15件，均已按时答复。", ("GI401", "共收到15件")),
    "year-and-noun": case("2023年度政府信息公开申请15件。", ("GI401", "2023年度政府信息公开申请15件")),
    "共有": case("全年共有15件政府信息公开申请。", ("GI401", "共有15件")),
    "received-wrong": case("2023年，我局共收到政府信息公开申请15件。", ("GI401", "共收到政府信息公开申请15件")),
    "受理": case("全年共受理政府信息公开申请749件。", ("GI401", "749件")),
    "long-subject-wrong": case(
        "2023年，我局收到群众通过邮寄、网络提交的各类政府信息公开申请共计8件。", ("GI401", "共计8件")
    ),
    "damaged-table": case("全年收到政府信息公开申请 34 件。", ("GI401", "34 件"), t3={"3.2": []}),
    "unit-条": case("2023年，共收到政府信息公开申请0条。", ("GI401", "申请0条")),
    "breakdown-wrong-items": case(
        "2023年，共受理政府信息公开申请21件，经分类处置后，给予同意公开答复1件，不予公开答复3件，区分处理后公开11件，"
        "因无法提供相关信息答复2件，其他处理2件，结转下年度继续办理2件。",
        ("GI401", "因无法提供"),
        ("GI401", "因无法提供"),
        t3=BREAKDOWN_T3,
    ),
    "chinese-numeral-wrong": case("全年共收到政府信息公开申请十五件。", ("GI401", "十五件")),
    "chinese-numeral-一十五": case("2023年，我局共收到政府信息公开申请一十五件。", ("GI401", "一十五件")),
    "两": case("2023年共收到政府信息公开申请两件。", ("GI401", "两件")),
    "thousands": case("全年共受理政府信息公开申请1,300件。", ("GI401", "1,300件")),
    "new-only": case("全年新收政府信息公开申请14件。", ("GI401", "新收政府信息公开申请14件")),
    "carried-over-wrong": case("2023年，上年结转政府信息公开申请3件。", ("GI401", "上年结转")),
    "answered-wrong": case("全年共收到申请13件，办结11件，2件结转下年度继续办理。", ("GI401", "办结11件")),
    "forward-wrong": case("全年共收到申请13件，办结12件，3件结转下年度继续办理。", ("GI401", "3件结转")),
    "forward-to-next-year-wrong": case(
        "2023年共收到政府信息公开申请13件，结转至2024年3件。", ("GI401", "结转至2024年3件")
    ),
    "carried-over-in-bracket-wrong": case(
        "2023年，全年受理政府信息公开申请13件，答复12件（含上年结转申请2件）。", ("GI401", "上年结转申请2件")
    ),
    "disclosed-wrong": case("全年予以公开5件。", ("GI401", "予以公开5件")),
    "partial-wrong": case("全年部分公开4件。", ("GI401", "部分公开4件")),
    "withheld-wrong": case("全年办结申请12件，其中不予公开2件。", ("GI401", "不予公开2件")),
    "not-held-wrong": case("全年因本机关不掌握相关信息答复3件。", ("GI401", "不掌握")),
    "damaged-row-other-compared": case(
        "全年共收到政府信息公开申请13件，予以公开6件，部分公开4件，不予公开2件。",
        ("GI401", "不予公开2件"),
        t3={"3.2": []},
    ),
    "none-received-wrong": case("2023年，我局未收到政府信息公开申请。", ("GI401", "未收到")),
    "没有收到": case("本年度没有收到政府信息公开申请。", ("GI401", "没有收到")),
    "无申请": case("全年无政府信息公开申请。", ("GI401", "无政府信息公开申请")),
    "pdf-line-break": case(["2023 年，我局共收到政府信息公开", "申请 15 件，均按时答复。"], ("GI401", "我局共收到")),
    "received-and-sum-wrong": case(
        "全年共受理政府信息公开申请21件，同意公开答复6件，不予公开答复1件，区分处理后公开3件，无法提供2件，其他处理0件，"
        "结转下年度继续办理2件。",
        ("GI401", "21件"),
        ("GI404", "21件"),
    ),
    "outcome-and-sum-wrong": case(
        "全年受理政府信息公开申请13件，予以公开6件，部分公开3件，不予公开1件，无法提供2件，不予处理3件，其他处理0件，"
        "结转下年度继续办理2件。",
        ("GI401", "不予处理3件"),
        ("GI404", "不予处理3件"),
    ),
    "answered-items-exceed": case(
        "全年办结申请12件，其中予以公开6件，部分公开3件，不予公开1件，无法提供2件，不予处理1件。",
        ("GI401", "不予处理1件"),
        ("GI404", "不予处理1件"),
    ),
    "channels-exceed": case("全年共收到政府信息公开申请13件，其中网络申请8件，信函申请7件。", ("GI404", "信函申请7件")),
    "applicants-short": case(
        "全年共受理政府信息公开申请13件，其中自然人申请10件，法人或其他组织申请2件。",
        ("GI404", "法人或其他组织申请2件"),
    ),
    "applicants-of-new-only": case(
        "全年共受理政府信息公开申请14件，其中自然人申请11件，法人或其他组织申请2件。",
        ("GI404", "法人或其他组织申请2件"),
    ),
    "share-wrong": case("全年办结申请12件，其中予以公开6件，占60%。", ("GI405", "占60%")),
    "count-wrong-share-of-text": case(
        "全年收到政府信息公开申请13件，其中予以公开7件，占53.8%。", ("GI401", "予以公开7件")
    ),
    "review-wrong": case(
        "因政府信息公开工作被申请行政复议2件，被提起行政诉讼1件。", ("GI402", "行政复议2件"), section=4
    ),
    "suit-wrong": case("因政府信息公开工作被申请行政复议1件，被提起行政诉讼3件。", ("GI402", "行政诉讼3件"), section=4),
    "results-wrong": case(
        "2023年，政府信息公开行政复议1件，其中结果维持0件，结果纠正1件。",
        ("GI402", "结果纠正1件"),
        ("GI402", "结果纠正1件"),
        section=4,
    ),
    "corrected-wrong": case("2023年，因政府信息公开被行政复议纠错1件。", ("GI402", "纠错1件"), section=4),
    "suit-only": case("2023年，因政府信息公开被提起行政诉讼2件。", ("GI402", "行政诉讼2件"), section=4),
    "no-appeals-wrong": case(
        "我局未收到因政府信息公开提出的行政复议、行政诉讼的申请。", ("GI402", "未收到"), ("GI402", "未收到"), section=4
    ),
    "no-appeals-没有": case(
        "2023年，没有政府信息公开行政复议及行政诉讼情况。",
        ("GI402", "没有政府信息公开"),
        ("GI402", "没有政府信息公开"),
        section=4,
    ),
    "issued-wrong": case("全年制发行政规范性文件3件。", ("GI403", "制发行政规范性文件3件"), section=2),
    "in-force-wrong": case("全年现行有效行政规范性文件10件。", ("GI403", "现行有效"), section=2),
    "penalty-wrong": case("全年作出行政处罚决定8件。", ("GI403", "行政处罚决定8件"), section=2),
}


@pytest.mark.parametrize("name", list(CASES))
def test_narrative_case(name: str) -> None:
    lines, section, change, expected = CASES[name]
    text = make_report(body={section: lines}, **change)
    got = findings(report_of_text(text))
    assert [f for f in got if f[0].startswith("GI4")] == sorted(
        (code, line_of(text, needle)) for code, needle in expected
    )
    assert {code for code, _ in got if not code.startswith("GI4")} <= DAMAGE


def test_the_case_table_has_sixty_phrasings_true_and_false() -> None:
    true = [n for n, c in CASES.items() if not c[3]]
    false = [n for n, c in CASES.items() if c[3]]
    assert len(CASES) >= 60 and len(true) >= 30 and len(false) >= 30


def _finding(text: str, code: str) -> Any:
    report = report_of_text(text)
    rule = next(r for r in rules.gilint_rules() if r.code == code)
    found = run_rule(rule, report)
    assert len(found) == 1
    return report, rule, found[0]


def test_the_message_names_both_numbers_and_both_places() -> None:
    text = make_report(body={3: ["2023年，我局共收到政府信息公开申请15件。"]})
    _, _, f = _finding(text, "GI401")
    line, cell_line = line_of(text, "申请15件"), line_of(text, "一、本年新收")
    assert f.message_zh == (
        f"正文为 15（第 {line} 行“收到政府信息公开申请15件”），表三“一、本年新收政府信息公开申请数量”"
        f"总计为 13（第 {cell_line} 行）"
    )
    assert f.message_en == (
        f"the text says 15 (line {line} '收到政府信息公开申请15件') but table 3 row 一 (new requests), "
        f"总计 is 13 (line {cell_line})"
    )
    assert f.hint_zh == "正文数字也不等于新收加上年结转（14）；两处应一致"
    assert [(r.span.line, r.label_zh) for r in f.related] == [(cell_line, "表三“一、本年新收政府信息公开申请数量”总计")]


def test_a_group_of_rows_is_named_and_each_nonzero_cell_is_related() -> None:
    t3 = {
        "3.3.1": [1, 0, 0, 0, 0, 0, 1],
        "3.3.4": [1, 0, 0, 0, 0, 0, 1],
        "3.1": [5, 1, 0, 0, 0, 0, 6],
        "3.7": [10, 1, 0, 0, 1, 0, 12],
        "3.2": [1, 0, 0, 0, 1, 0, 2],
    }
    text = make_report(body={3: ["全年不予公开3件。"]}, t3=t3)
    _, _, f = _finding(text, "GI401")
    lines = (line_of(text, "1.属于国家秘密"), line_of(text, "4.保护第三方合法权益"))
    assert f.message_zh.endswith(f"表三“（三）不予公开”各项总计之和为 2（第 {lines[0]}、{lines[1]} 行）")
    assert [r.label_zh for r in f.related] == [
        "表三“（三）不予公开 1.属于国家秘密”总计",
        "表三“（三）不予公开 4.保护第三方合法权益”总计",
    ]


def test_json_and_sarif_carry_the_related_places() -> None:
    text = make_report(body={3: ["2023年，我局共收到政府信息公开申请15件。"]})
    report, rule, f = _finding(text, "GI401")
    d = to_diagnostic(rule.code, rule.category, rule.severity, "bad.txt", f, report.doc)
    cell_line = line_of(text, "一、本年新收")
    obj = json.loads(json_reporter.render([d], RenderContext()))[0]
    assert obj["related"] == [
        {
            "label": "表三“一、本年新收政府信息公开申请数量”总计",
            "line": cell_line,
            "column": f.related[0].span.column,
            "end_line": cell_line,
            "end_column": f.related[0].span.end_column,
        }
    ]
    en = json.loads(json_reporter.render([d], RenderContext(lang="en")))[0]
    assert en["related"][0]["label"] == "table 3 row 1 column total"
    run = json.loads(sarif_reporter.render([d], RenderContext(files=["bad.txt"], rules=[rule])))["runs"][0]
    related = run["results"][0]["relatedLocations"]
    assert [(r["id"], r["message"]["text"], r["physicalLocation"]["region"]["startLine"]) for r in related] == [
        (0, "表三“一、本年新收政府信息公开申请数量”总计", cell_line)
    ]
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.txt"


def test_sarif_with_related_places_is_valid_against_the_official_schema() -> None:
    import jsonschema

    from tests.test_reporters_machine import sarif_schema

    schema = sarif_schema()
    text = make_report(body={3: ["全年不予公开3件。"]}, t3={"3.3.1": [1, 0, 0, 0, 0, 0, 1]})
    report, rule, f = _finding(text, "GI401")
    d = to_diagnostic(rule.code, rule.category, rule.severity, "bad.txt", f, report.doc)
    log = json.loads(sarif_reporter.render([d], RenderContext(files=["bad.txt"], rules=[rule])))
    assert len(log["runs"][0]["results"][0]["relatedLocations"]) == 2
    jsonschema.Draft4Validator(schema).validate(log)


def test_a_finding_without_related_places_has_no_related_key() -> None:
    text = make_report(body={1: ["我局认真贯彻落实《中华人民共和国政府政务公开条例》。"]})
    report, rule, f = _finding(text, "GI601")
    d = to_diagnostic(rule.code, rule.category, rule.severity, "bad.txt", f, report.doc)
    assert "related" not in json.loads(json_reporter.render([d], RenderContext()))[0]
    assert "relatedLocations" not in json.loads(sarif_reporter.render([d], RenderContext()))["runs"][0]["results"][0]
