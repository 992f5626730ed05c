"""Every built-in rule's case file (``tests/cases/<CODE>.toml``, run through ``gilint.testing`` as a pack's
would be), and the rules of issue 16 (and the fixes of GI601–GI603, GI103) as a table of cases, read like
the spec.

A new rule needs a case file with a case that breaks it and one that keeps it, or CI fails
(``test_every_built_in_rule_has_a_case_file_with_both_kinds``).

Each case puts a snippet into a correct 2023 report (``gilint.testing.reports.make_report``) at one place — the
title, a line of the preamble, a paragraph of section 一, the signature — and lists every finding
*all* the rules give: (code, line within the snippet, column). A case with a fix gives the snippet
as the fix must leave it; ``test_fix_*`` applies it to the text file and checks the bytes.
"""

from __future__ import annotations

from pathlib import Path

import gilint_rules as rules
import pytest

from gilint import formats as F
from gilint.config import Config
from gilint.engine import ENGINE_RULES, Plugins, load_plugins
from gilint.fix import fix_file
from gilint.parsers import limits
from gilint.testing import Case, CaseError, load_cases, run_case, run_rule
from gilint.testing.reports import make_report, place
from tests.lintkit import report_of_text

Hit = tuple[str, int, int]
CASE_FILES = sorted((Path(__file__).resolve().parent / "cases").glob("*.toml"))
FILE_CASES = [(path.stem, case) for path in CASE_FILES for case in load_cases(path)]
# built-in codes no case form can give, and where they are tested instead
NO_CASE_FILE = {
    "GI020": "LibreOffice absent from the machine (test_parsers_office)",
    "GI021": "LibreOffice failing on a .doc (test_parsers_office)",
    "GI022": "the OCR extra not installed (test_ocr)",
    "GI023": "a scan or page image read by OCR (test_ocr, test_ocr_corpus)",
    "GI024": "a scan OCR reads with low confidence (test_ocr, test_ocr_corpus)",
    "GI704": "a government and its departments grouped by an agency list in an audit (test_series)",
    "GI900": "a rule that raises (test_engine_check, test_engine_plugins)",
    "GI901": "a reader that raises (test_engine_check)",
    "GI903": "an audit worker that dies or hangs (test_audit, test_engine_check)",
    "GI904": "a path that is a symbolic link or not a regular file, found when paths are walked (test_audit_inputs)",
    "GI905": "a submitted report's own configuration, Config.submission (test_audit_inputs, test_engine_check)",
}


@pytest.fixture(scope="module")
def plugins() -> Plugins:
    return load_plugins()


@pytest.mark.parametrize(("code", "case"), FILE_CASES, ids=[f"{code}:{case.name}" for code, case in FILE_CASES])
def test_case_file(code: str, case: Case, plugins: Plugins) -> None:
    assert case.rule == code  # the file is named after its rule
    assert run_case(case, plugins) == case.expect


def test_every_built_in_rule_has_a_case_file_with_both_kinds(plugins: Plugins) -> None:
    """Each rule of the built-in pack and each engine code: a case that breaks it (its own code expected)
    and one that keeps it (nothing expected), unless ``NO_CASE_FILE`` says why no case can."""
    built_in = [r.code for r in [*ENGINE_RULES, *rules.gilint_rules()]]
    kinds: dict[str, set[str]] = {}
    for code, case in FILE_CASES:
        found = kinds.setdefault(code, set())
        if any(c == code for c, _, _ in case.expect):
            found.add("breaks")
        if not case.expect:
            found.add("keeps")
    missing = {code: sorted({"breaks", "keeps"} - kinds.get(code, set())) for code in built_in}
    assert {code: lack for code, lack in missing.items() if lack and code not in NO_CASE_FILE} == {}
    assert {code for code in NO_CASE_FILE if kinds.get(code)} == set()  # a case file now: drop the excuse
    assert set(NO_CASE_FILE) <= set(built_in) and {path.stem for path in CASE_FILES} <= set(built_in)


def hits(text: str, at: int, count: int) -> list[Hit]:
    """Every finding of every report rule, lines counted from the snippet's first line (0 outside it)."""
    report = report_of_text(text)
    out = []
    for r in rules.gilint_rules():
        if r.scope == "report":
            for f in run_rule(r, report):
                line = f.span.line or 0
                out.append((r.code, line - at + 1 if at <= line < at + count else 0, f.span.column or 0))
    return sorted(out)


# (where, snippet, every finding, the snippet fixed or None)
CASES: list[tuple[str, str, list[Hit], str | None]] = [
    # GI605: a word written twice
    ("body", "打造整体统一的的网站界面。", [("GI605", 1, 7)], "打造整体统一的网站界面。"),
    ("body", "二是规范审核审核发布机制。", [("GI605", 1, 5)], "二是规范审核发布机制。"),
    ("body", "公开科技计划资金资金分配结果。", [("GI605", 1, 7)], "公开科技计划资金分配结果。"),
    ("body", "加强政府信息政府信息管理。", [("GI605", 1, 3)], "加强政府信息管理。"),
    ("body", "工作已完成了了。", [("GI605", 1, 6)], "工作已完成了。"),
    ("body", "这是是我们的职责。", [("GI605", 1, 2)], "这是我们的职责。"),
    ("body", "加强培训和和宣传。", [("GI605", 1, 5)], "加强培训和宣传。"),
    # ... and correct reduplication, words meeting a word, numbers: silent
    ("body", "我们常常深入基层，渐渐形成人人参与、家家户户知晓的局面。", [], None),
    ("body", "逐一核对，一一答复，个个落实，看看效果。", [], None),
    ("body", "领导要求研究研究，讨论讨论，再一步一步推进，雪白雪白的墙面。", [], None),
    ("body", "做到明明白白、清清楚楚、的的确确、是是非非分明。", [], None),
    (
        "body",
        "为了了解实际情况，实现目的的手段，关键是是否落实，杜绝不了了之，维护稳定和和谐，与与会代表交流。",
        [],
        None,
    ),
    ("body", "文件编号1.1、1.2，日期2023年1月1日，十一十一为序号。", [], None),
    ("body", "结果结果其他尚未", [], None),  # a table-4 header broken over lines by a converter
    # GI606: an enumeration out of sequence (the unsafe fix renumbers)
    (
        "body",
        "一是加强领导；三是完善制度；三是强化监督。",
        [("GI606", 1, 8)],
        "一是加强领导；二是完善制度；三是强化监督。",
    ),
    (
        "body",
        "一是加强领导；二是完善制度；二是强化监督。",
        [("GI606", 1, 15)],
        "一是加强领导；二是完善制度；三是强化监督。",
    ),
    (
        "body",
        "（一）主动公开情况\n主动公开信息120条。\n（三）政府信息管理\n制度健全。",
        [("GI606", 3, 2)],
        "（一）主动公开情况\n主动公开信息120条。\n（二）政府信息管理\n制度健全。",
    ),
    ("body", "1.主动公开\n2.依申请公开\n4.政府信息管理", [("GI606", 3, 1)], "1.主动公开\n2.依申请公开\n3.政府信息管理"),
    (
        "body",
        "（1）制度建设；（2）平台建设；（2）队伍建设。",
        [("GI606", 1, 18)],
        "（1）制度建设；（2）平台建设；（3）队伍建设。",
    ),
    (
        "body",
        "第一，加强学习；第二，完善制度；第四，强化考核。",
        [("GI606", 1, 18)],
        "第一，加强学习；第二，完善制度；第三，强化考核。",
    ),
    # ... a new enumeration in a new paragraph, a level above restarting the count, one not from 1
    ("body", "一是加强领导；二是完善制度。\n一是强化监督；二是加强培训；三是狠抓落实。", [], None),
    ("body", "（一）主动公开\n1.制度建设\n2.平台建设\n（二）依申请公开\n1.受理\n2.答复", [], None),
    ("body", "二是加强领导；四是完善制度。", [], None),
    # an item whose words start with 《, or whose number is followed by 、
    ("body", "（一）组织建设情况。\n（二）《指南》的更新情况。\n（三）、制度建设情况。", [], None),
    (
        "body",
        "（一）组织建设情况。\n（二）《指南》的更新情况。\n（四）、制度建设情况。",
        [("GI606", 3, 2)],
        "（一）组织建设情况。\n（二）《指南》的更新情况。\n（三）、制度建设情况。",
    ),
    ("body", "统一是基础，其一是原则，保护第三方合法权益，第一时间回应。", [], None),
    ("body", "按照“一是一、二是二”的要求，实事求是。", [], None),
    ("body", "办理结果：（一）予以公开5件；（四）无法提供2件；（七）总计7件。", [], None),  # names table rows
    # GI607: a document number with the wrong brackets or 第
    (
        "body",
        "依据《国务院办公厅关于印发2020年政务公开工作要点的通知》（国办发[2020]17号）执行。",
        [("GI607", 1, 35)],
        "依据《国务院办公厅关于印发2020年政务公开工作要点的通知》（国办发〔2020〕17号）执行。",
    ),
    (
        "body",
        "依据《通知》（国办发（2020）17号）执行。",
        [("GI607", 1, 11)],
        "依据《通知》（国办发〔2020〕17号）执行。",
    ),
    (
        "body",
        "依据《通知》（榕政办〔2021〕第53号）执行。",
        [("GI607", 1, 11)],
        "依据《通知》（榕政办〔2021〕53号）执行。",
    ),
    ("body", "依据《通知》（国办发〔2020〕17号）执行。", [], None),
    ("body", "判决书（2021）闽01行初123号已生效。共办理2020年17号文件。", [], None),
    # GI608: the 2021 format notice with a wrong number
    (
        "preamble",
        "依据《国务院办公厅政府信息与政务公开办公室关于印发〈"
        "中华人民共和国政府信息公开工作年度报告格式〉的通知》"
        "（国办公开函〔2021〕3号）编制。",
        [("GI608", 1, 54)],
        "依据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
        "（国办公开办函〔2021〕30号）编制。",
    ),
    (
        "preamble",
        "依据《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2019〕60号）编制。",
        [("GI608", 1, 36)],
        "依据《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制。",
    ),
    ("preamble", "依据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。", [], None),
    ("preamble", "依据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30 号）编制。", [], None),
    # GI603 (the stray 年) owns this one, and fixes it
    (
        "preamble",
        "依据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕年30号）编制。",
        [("GI603", 1, 33)],
        "依据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。",
    ),
    # GI609: the 2019 notice as the basis of a report in the 2021 tables (the unsafe fix cites the 2021 one)
    (
        "preamble",
        "根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
        "（国办公开办函〔2019〕60号）要求编制。",
        [("GI609", 1, 45)],
        "根据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
        "（国办公开办函〔2021〕30号）要求编制。",
    ),
    (
        "preamble",
        "根据国务院办公厅公开办《关于政府信息公开工作年度报告有关事项的通知》要求编制。",
        [("GI609", 1, 13)],
        None,
    ),
    (
        "preamble",
        "依据《中华人民共和国政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）编制。",
        [("GI609", 1, 31)],
        None,
    ),
    (
        "preamble",
        "根据《关于政府信息公开工作年度报告有关事项的通知》（国办"
        "公开办函〔2019〕60号）和《关于印发〈中华人民共和国"
        "政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制。",
        [],
        None,
    ),
    (
        "preamble",
        "根据《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）和《中华人民共和国政府"
        "信息公开工作年度报告格式》编制。",
        [],
        None,
    ),  # the 2021 format named, without its number
    (
        "preamble",
        "根据《福建省人民政府办公厅关于编制公布2022年政府信息公开工作年度报告有关事项的通知》要求编制。",
        [],
        None,
    ),
    # GI610: the title
    ("title", "青禾县自然资源局2023年政府信息公开年度报告", [("GI610", 1, 1)], None),
    ("title", "青禾县自然资源局2023年政务公开工作年度报告", [("GI610", 1, 1)], None),
    ("title", "2023年政府信息公开工作年度报告", [("GI610", 1, 1)], None),
    ("title", "2023年青禾县自然资源局政府信息公开工作年度报告", [], None),
    ("title", "青禾县自然资源局2023年度政府信息公开工作年度报告", [], None),
    ("title", "青禾县自然资源局\n2023年政府信息公开工作年度报告", [], None),
    ("title", "2023年政府信息公开工作年度报告\n青禾县自然资源局", [], None),
    ("title", "青禾县自然资源局关于报送2023年度政府信息公开工作年度报告的函", [], None),
    # GI611: web addresses
    (
        "body",
        "本报告通过门户网站（网址：https//www.example.gov.cn）公布。",
        [("GI611", 1, 14)],
        "本报告通过门户网站（网址：https://www.example.gov.cn）公布。",
    ),
    ("body", "网址：http:/www.example.gov.cn", [("GI611", 1, 4)], "网址：http://www.example.gov.cn"),
    ("body", "网址：http：//www.example.gov.cn", [("GI611", 1, 4)], "网址：http://www.example.gov.cn"),
    ("body", "网址：http:\\\\www.example.gov.cn", [("GI611", 1, 4)], "网址：http://www.example.gov.cn"),
    ("body", "网址：htttp://www.example.gov.cn", [("GI611", 1, 4)], "网址：http://www.example.gov.cn"),
    ("body", "网址：www，example.gov.cn", [("GI611", 1, 4)], "网址：www.example.gov.cn"),
    ("body", "网址：www.example，gov.cn", [("GI611", 1, 15)], "网址：www.example.gov.cn"),
    (
        "body",
        "详见https://www.example.gov.cn/zfxxgk/xxgknb/和http://www.example.gov.cn，ftp://files.example.cn。",
        [],
        None,
    ),
    # GI612: e-mail addresses
    ("body", "电子邮箱：example＠163.com。", [("GI612", 1, 6)], "电子邮箱：example@163.com。"),
    ("body", "电子邮箱：example@163。com", [("GI612", 1, 6)], "电子邮箱：example@163.com"),
    ("body", "电子邮箱：example@163com。", [("GI612", 1, 6)], "电子邮箱：example@163.com。"),
    ("body", "电子邮箱：example@@163.com。", [("GI612", 1, 6)], "电子邮箱：example@163.com。"),
    ("body", "电子邮箱：example@163.com，电话：0591-23165250。", [], None),
    # GI613: telephone numbers that cannot exist
    ("body", "联系电话：0591-236516。", [("GI613", 1, 6)], None),
    ("body", "电话：0591—123456789。", [("GI613", 1, 4)], None),
    ("body", "手机：1380013800。", [("GI613", 1, 4)], None),
    ("body", "电话：021-1234567。", [("GI613", 1, 4)], None),
    ("body", "电话：059-23165250。", [("GI613", 1, 4)], None),
    ("body", "电话：236516。", [("GI613", 1, 4)], None),
    (
        "body",
        "电话：0591-23165250，传真：0591-23165251；电话：0943—3221083；电话：83718382；热线电话：12345。",
        [],
        None,
    ),
    ("body", "电话：0591-12345；手机：13800138000；电话：400-123-4567；电话：0591-23165250转8001。", [], None),
    ("body", "电话：0591-2316-5250；电话：（0591）23165250；电话：0517-8722\n2589。", [], None),
    ("body", "热线电话：2023年共接听来电1200次。", [], None),  # a year, not a number
    # GI614: template placeholders
    ("body", "2023年，我局共收到政府信息公开申请XX件。", [("GI614", 1, 20)], None),
    ("body", "××局负责本项工作。", [("GI614", 1, 1)], None),
    ("body", "本年度为20XX年，共办理X件。", [("GI614", 1, 7), ("GI614", 1, 14)], None),
    ("body", "（此处填写本年度工作要点落实情况）", [("GI614", 1, 1)], None),
    ("body", "（文字描述）", [("GI614", 1, 1)], None),
    ("body", "申请人张××申请公开，原告王XX起诉，身份证号350102××××××1234。", [], None),  # masked on purpose
    (
        "body",
        "详见http://www.example.gov.cn/zfxxgk/xxgknb/栏目，3×4的表格，X光机一台，（以上数据由各单位填报）。",
        [],
        None,
    ),
    # GI205: the year the preamble says the report covers (the unsafe fix writes the title's)
    (
        "preamble",
        "现编制完成2022年度政府信息公开工作年度报告。",
        [("GI205", 1, 6)],
        "现编制完成2023年度政府信息公开工作年度报告。",
    ),
    (
        "preamble",
        "现将2022年政府信息公开工作情况报告如下：",
        [("GI205", 1, 3)],
        "现将2023年政府信息公开工作情况报告如下：",
    ),
    (
        "preamble",
        "特向社会公布青禾县自然资源局2022年政府信息公开工作年度报告。",
        [("GI205", 1, 15)],
        "特向社会公布青禾县自然资源局2023年政府信息公开工作年度报告。",
    ),
    ("preamble", "现编制完成2023年度政府信息公开工作年度报告。", [], None),
    (
        "preamble",
        "根据《某省人民政府办公厅关于做好2022年政府信息公开工作年度报告编制工作的通知》要求，现编制完成本报告。",
        [],
        None,
    ),
    ("preamble", "根据市政府办公室关于编制2022年政府信息公开工作年度报告的要求，现编制完成本报告。", [], None),
    ("body", "针对2022年度政府信息公开工作年度报告中提到的问题，逐项整改。", [], None),
    ("preamble", "在总结已公布的2022年度政府信息公开工作年度报告的基础上，现编制完成本报告。", [], None),
    # GI206: published before the report year is over
    ("signature", "2023年1月20日", [("GI206", 1, 1)], None),
    ("signature", "2023年12月31日", [("GI206", 1, 1)], None),
    ("signature", "2024年1月20日", [], None),
    # fixes of the older rules: GI103's Arabic numbering, GI601–GI603
    ("heading5", "5、存在的主要问题及改进情况", [("GI103", 1, 1)], "五、存在的主要问题及改进情况"),
    ("heading5", "5.存在的主要问题及改进情况", [("GI103", 1, 1)], "五、存在的主要问题及改进情况"),
    ("heading5", "四、存在的主要问题及改进情况", [("GI103", 1, 1)], None),  # a wrong number: reported, not fixed
    (
        "body",
        "认真贯彻落实《中华人民共和国政府政务公开条例》。",
        [("GI601", 1, 7)],
        "认真贯彻落实《中华人民共和国政府信息公开条例》。",
    ),
    ("body", "认真贯彻落实《政府政务公开条例》。", [("GI601", 1, 7)], "认真贯彻落实《政府信息公开条例》。"),
    (
        "body",
        "认真贯彻落实《中华人民共和国政府信息公开条例 》。",
        [("GI601", 1, 7)],
        "认真贯彻落实《中华人民共和国政府信息公开条例》。",
    ),
    ("body", "认真贯彻落实《某省政府政务公开条例》。", [("GI601", 1, 7)], None),  # a local name: reported, not fixed
    ("body", "(一）主动公开情况", [("GI602", 1, 1)], "（一）主动公开情况"),
    (
        "body",
        "依据《通知》（国办公开办函〔2021〕年30号）编制。",
        [("GI603", 1, 14)],
        "依据《通知》（国办公开办函〔2021〕30号）编制。",
    ),
]


def _id(case: tuple[str, str, list[Hit], str | None]) -> str:
    _, snippet, found, _ = case
    return f"{','.join(sorted({c for c, _, _ in found})) or 'silent'}:{snippet.splitlines()[0][:14]}"


@pytest.mark.parametrize(("where", "snippet", "expected", "fixed"), CASES, ids=[_id(c) for c in CASES])
def test_case(where: str, snippet: str, expected: list[Hit], fixed: str | None) -> None:
    text, at = place(snippet, where)
    assert hits(text, at, snippet.count("\n") + 1) == sorted(expected)


FIXES = [c for c in CASES if c[3] is not None]
UNSAFE = {r.code for r in rules.gilint_rules() if r.fix == "unsafe"}


@pytest.mark.parametrize(("where", "snippet", "expected", "fixed"), FIXES, ids=[_id(c) for c in FIXES])
def test_fix_changes_exactly_the_snippet_and_a_second_run_nothing(
    where: str, snippet: str, expected: list[Hit], fixed: str, tmp_path: Path, plugins
) -> None:  # type: ignore[no-untyped-def]
    text, _ = place(snippet, where)
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode("utf-8"))
    unsafe = any(code in UNSAFE for code, _, _ in expected)
    result = fix_file(str(path), Config(root=tmp_path), plugins, unsafe=unsafe)
    assert result.after == place(fixed, where)[0].encode("utf-8")  # every byte outside the fix as it was
    assert [d.code for d in result.fixed] == [code for code, _, _ in expected] and not result.refused
    assert [d.code for d in result.remaining] == []
    again = fix_file(str(path), Config(root=tmp_path), plugins, unsafe=unsafe, data=result.after)
    assert not again.changed and again.fixed == []


@pytest.mark.parametrize(("where", "snippet", "expected", "fixed"), [c for c in FIXES if c[2][0][0] in UNSAFE])
def test_an_unsafe_fix_waits_for_unsafe_fixes(
    where: str, snippet: str, expected: list[Hit], fixed: str, tmp_path: Path, plugins
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.txt"
    path.write_text(place(snippet, where)[0], encoding="utf-8")
    result = fix_file(str(path), Config(root=tmp_path), plugins)
    assert not result.changed and [d.code for d in result.remaining] == [expected[0][0]]


def test_gi606_leaves_the_six_sections_numbering_to_gi103() -> None:
    heads = {n: f"{n}、{t}" for n, t in F.SECTION_TITLES.items()}
    heads[5] = None  # headings 1、 2、 3、 4、 6、: GI103's (and GI106's), not an enumeration for GI606
    codes = {code for code, _, _ in hits(make_report(headings=heads), 1, 0)}
    assert "GI103" in codes and "GI606" not in codes


def test_gi609_is_silent_when_the_tables_are_the_2019_format() -> None:
    text, _ = place("根据《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）编制。", "preamble")
    report = report_of_text(text)
    rule = next(r for r in rules.gilint_rules() if r.code == "GI609")
    assert len(list(rule.func(report, {}))) == 1
    for table in report.tables.values():
        table.version = 2019
    assert list(rule.func(report, {})) == []


def test_gi610_leaves_titles_before_the_unified_format_alone() -> None:
    title = "青禾县自然资源局{}年政府信息公开年度报告"
    assert "GI610" not in {c for c, _, _ in hits(make_report(year=2018, title=title.format(2018)), 1, 1)}
    assert ("GI610", 1, 1) in hits(make_report(year=2019, title=title.format(2019)), 1, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('rule = "GI101"\n[[cases]]\nreport = { colour = "red" }\n', "a report is a table of body, headings"),
        ('rule = "GI101"\n[[cases]]\nreport = {}\nreplace = [["不在报告里", ""]]\n', "each old in the report"),
        ('rule = "GI101"\n[[cases]]\nreport = {}\nexpect = [["GI101", "不在报告里", 1]]\n', "no line of the report"),
        ('rule = "GI101"\n[[cases]]\nreport = {}\nwhere = "body"\n', "needs text, or snippet and where"),
        ('rule = "GI101"\n[[cases]]\nreport = {}\nlimits = 5\n', "parts and limits are tables"),
    ],
)
def test_a_compact_form_that_does_not_say_what_a_case_is(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "GI101.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError) as err:
        load_cases(path)
    assert str(err.value).startswith(str(path)) and message in str(err.value)


def test_series_is_for_a_series_rule(tmp_path: Path, plugins: Plugins) -> None:
    path = tmp_path / "GI101.toml"
    path.write_text('rule = "GI101"\n[[cases]]\nseries = [{ year = 2022 }, { year = 2023 }]\n', encoding="utf-8")
    with pytest.raises(CaseError, match="GI101 is not one"):
        run_case(load_cases(path)[0], plugins)


def test_an_expected_line_given_as_its_text_counts_like_a_number(tmp_path: Path) -> None:
    path = tmp_path / "GI605.toml"
    path.write_text(
        'rule = "GI605"\n[[cases]]\nwhere = "body"\nsnippet = "甲\\n规范审核审核发布。"\n'
        'expect = [["GI605", "审核审核", 5], ["GI605", "一、总体情况", 1]]\n',
        encoding="utf-8",
    )
    assert load_cases(path)[0].expect == [("GI605", 0, 1), ("GI605", 2, 5)]  # a line outside the snippet is 0


def test_the_limits_of_a_case_are_the_process_own_again_after_it(plugins: Plugins) -> None:
    before = limits.current()
    case = next(c for code, c in FILE_CASES if code == "GI004" and c.limits)
    assert run_case(case, plugins) == case.expect
    assert limits.current() == before
