"""GI620 (an official term one character off) and GI621 (the agency's own name one character off) as
tables of cases, in the style of test_rule_cases: a snippet put into a correct 2023 report, every
finding of every rule listed, and the snippet as the fix must leave it.

The silent cases are the point: the near-neighbours real reports write on purpose (不再处理, 反复申请,
政务信息公开, 主动公布, 不予以公开, 过程信息, …), words a converter broke up, doubled words (GI605's),
other agencies' names and the agency's own short forms.
"""

from __future__ import annotations

from pathlib import Path

import gilint_rules as rules
import pytest

from gilint.config import Config
from gilint.engine import load_plugins
from gilint.fix import fix_file
from gilint.testing import run_rule
from gilint.testing.reports import make_report
from tests.lintkit import report_of_text
from tests.test_rule_cases import Hit, hits, place

HEADING4 = "四、政府信息公开行政复议、行政诉讼情况"

# (where, snippet, every finding, the snippet fixed or None); where: body, title, heading4, heading5
TERMS: list[tuple[str, str, list[Hit], str | None]] = [
    # homophones
    ("body", "本年度被申请行政复义1件。", [("GI620", 1, 7)], "本年度被申请行政复议1件。"),
    ("body", "本机关予已公开5件。", [("GI620", 1, 4)], "本机关予以公开5件。"),
    ("body", "未收取信息处理废。", [("GI620", 1, 4)], "未收取信息处理费。"),
    ("body", "被提起行政诉颂1件。", [("GI620", 1, 4)], "被提起行政诉讼1件。"),
    ("body", "部份公开3件。", [("GI620", 1, 1)], "部分公开3件。"),
    ("body", "本列数据的勾机关系正确。", [("GI620", 1, 6)], "本列数据的勾稽关系正确。"),
    ("body", "钩稽关系：第一项加第二项之和。", [("GI620", 1, 1)], "勾稽关系：第一项加第二项之和。"),
    ("body", "收到政府信息公开申情12件。", [("GI620", 1, 3)], "收到政府信息公开申请12件。"),
    ("body", "无法提共2件。", [("GI620", 1, 1)], "无法提供2件。"),
    ("body", "不予处里1件。", [("GI620", 1, 1)], "不予处理1件。"),
    ("body", "其中重复申情1件。", [("GI620", 1, 3)], "其中重复申请1件。"),
    ("body", "要求提供公开出版勿。", [("GI620", 1, 5)], "要求提供公开出版物。"),
    ("body", "属于四类过程行信息的，不予公开。", [("GI620", 1, 5)], "属于四类过程性信息的，不予公开。"),
    ("body", "主动工开政府信息120条。", [("GI620", 1, 1)], "主动公开政府信息120条。"),
    ("body", "规范依申请工开工作。", [("GI620", 1, 3)], "规范依申请公开工作。"),
    ("body", "结转下年度继续办里。", [("GI620", 1, 1)], "结转下年度继续办理。"),
    ("body", "法人中商业企叶2件。", [("GI620", 1, 4)], "法人中商业企业2件。"),
    ("body", "科研机购1件。", [("GI620", 1, 1)], "科研机构1件。"),
    ("body", "作出行政处伐7件。", [("GI620", 1, 3)], "作出行政处罚7件。"),
    ("body", "本年制法件数为2件。", [("GI620", 1, 1)], "本年制发件数为2件。"),
    ("body", "社会公义组织申请1件。", [("GI620", 1, 1)], "社会公益组织申请1件。"),
    ("body", "法律服物机构申请1件。", [("GI620", 1, 1)], "法律服务机构申请1件。"),
    ("body", "危及“三安全一稳订”的不予公开。", [("GI620", 1, 4)], "危及“三安全一稳定”的不予公开。"),
    (
        "body",
        "认真贯彻落实《中华人民共和国政府信息工开条例》。",
        [("GI620", 1, 15)],
        "认真贯彻落实《中华人民共和国政府信息公开条例》。",
    ),  # 工开条例 is no Regulation name GI601 sees
    # look-alikes
    ("body", "现行有郊件数9件。", [("GI620", 1, 1)], "现行有效件数9件。"),
    ("body", "对5件申请不予公幵。", [("GI620", 1, 6)], "对5件申请不予公开。"),
    # a character added or dropped
    ("body", "申请行政复议1件，行政法复议。", [("GI620", 1, 10)], "申请行政复议1件，行政复议。"),
    ("body", "主动公公开政府信息。", [("GI620", 1, 1)], "主动公开政府信息。"),
    ("body", "信息处费0元。", [("GI620", 1, 1)], "信息处理费0元。"),
    ("body", "未收取信息理费。", [("GI620", 1, 4)], "未收取信息处理费。"),
    ("body", "依请公开工作规范有序。", [("GI620", 1, 1)], "依申请公开工作规范有序。"),
    ("body", "做好政府信公开工作。", [("GI620", 1, 3)], "做好政府信息公开工作。"),
    # headings (GI104 leaves them to GI620) and the title
    ("heading4", "四、政府信息公开行政法复议、行政诉讼情况", [("GI620", 1, 9)], HEADING4),
    ("heading4", "四、政府信息公开行政复义、行政诉讼情况", [("GI620", 1, 9)], HEADING4),
    ("heading5", "五、存再的主要问题及改进情况", [("GI620", 1, 3)], "五、存在的主要问题及改进情况"),
    (
        "title",
        "青禾县自然资源局2023年政府信息工开工作年度报告",
        [("GI620", 1, 14)],
        "青禾县自然资源局2023年政府信息公开工作年度报告",
    ),
    # ... a heading that is wrong for another reason as well stays GI104's
    ("heading4", "四、政府信息公开行政法复议情况", [("GI104", 1, 1), ("GI620", 1, 9)], None),
    # silent: words one edit from a term that belong where they stand
    ("body", "申请人逾期不补正的，行政机关不再处理其政府信息公开申请。", [], None),
    ("body", "对无正当理由大量反复申请的，不予处理；对回复申请人的意见及时答复。", [], None),
    ("body", "推进政务信息公开工作，做好政策公开、政府公开。", [], None),
    ("body", "本报告所列数据统计时限为2023年1月1日至12月31日。", [], None),
    ("body", "主动公布政府信息120条，不断公开重点领域信息。", [], None),
    ("body", "认真学习政府信息公开新条例。", [], None),
    ("body", "属于过程信息的，依法不予公开。", [], None),
    ("body", "上年度结转申请1件。本年新公开信息5条，本年新制作文件3件。", [], None),
    ("body", "办理行政执法案件35件。", [], None),  # cases in prose; 属于行政执法案卷 is the table label
    ("body", "对涉密信息不予以公开，对政府信息的公开严格审查，政府信息均公开到位。", [], None),
    ("body", "本年度予以公布，不予公布，免予公开。", [], None),
    ("body", "开展活动公开、推动公开，主要公开政策文件。", [], None),
    ("body", "对拟公开的政府信息在公开内容表述上严格把关。", [], None),
    ("body", "财税金融等政策及解读共2条，政策性解读文件14条。", [], None),
    ("body", "做好财政信息公开，落实执行机关责任，保持政务媒体活跃度。", [], None),
    ("body", "商贸企业申请2件，其中结果为维持。", [], None),
    ("body", "行政复议和行政诉讼情况；行政复议与行政诉讼情况；行政复议及行政诉讼情况。", [], None),
    ("body", "法人和其他组织申请3件。", [], None),
    ("body", "存在的主要问题和改进情况如下。", [], None),
    ("body", "坚持以公开为常态、不公开为例外，关于以公开促落实的要求。", [], None),
    ("body", "依申请情况良好，收到和处理政府信息公开申请情况见下表。", [], None),
    ("body", "区分处理后予以公开。", [], None),
    ("body", "属于国家秘密的不予公开，涉及商业秘密、个人隐私的依法处理。", [], None),
    ("body", "行政机关收到政府信息公开申请后依法答复，复议后起诉1件。", [], None),
    ("body", "不予公开5件，予以公开8件，部分公开2件，无法提供1件，不予处理1件。", [], None),
    ("body", "科研 机构、商业 企业的申请，法律服务\n机构的申请。", [], None),  # header words a converter broke
    ("body", "信息处理费0元，信息处理工作及时，信息处理能力提升。", [], None),
    ("body", "未收取费用；属于四类过程性信息；结果维持1件，结果纠正0件，尚未审结0件。", [], None),
    ("body", "依法依规公开，主动公开工作扎实，依申请公开答复规范。", [], None),
    ("body", "政府信息公开指南和政府信息公开目录已更新。", [], None),
    ("body", "行政复议1件、行政诉讼2件，均已办结。", [], None),
    ("body", "行政法规和规章、行政规范性文件均已公开。", [], None),
    ("body", "勾稽关系正确，本列数据的勾稽关系为第一项加第二项之和。", [], None),
    ("body", "不予公开的理由充分，予以公开的及时公开，部分公开的依法区分处理。", [], None),
    ("body", "无法提供的说明理由，重复申请的告知申请人。", [], None),
    ("body", "被申请行政复议的案件、提起行政诉讼的案件均已审结。", [], None),
    ("body", "严格执行收费通知制度，信息处理费按件收取。", [], None),
    ("body", "本年度办理结果如下，结转下年度继续办理2件。", [], None),
    ("body", "政府信息公开工作年度报告按时发布，政府信息公开申请渠道畅通。", [], None),
    # doubled words are GI605's, and reduplication stays silent
    ("body", "加强政府信息公开公开工作。", [("GI605", 1, 7)], "加强政府信息公开工作。"),
    ("body", "完善依申请公开的的办理机制。", [("GI605", 1, 8)], "完善依申请公开的办理机制。"),
    ("body", "我们常常深入基层，家家户户知晓主动公开内容。", [], None),
    # the Regulation's name is GI601's
    (
        "body",
        "认真贯彻落实《中华人民共和国政府政务公开条例》。",
        [("GI601", 1, 7)],
        "认真贯彻落实《中华人民共和国政府信息公开条例》。",
    ),
]


def _place(snippet: str, where: str) -> tuple[str, int]:
    if where != "heading4":
        return place(snippet, where)
    lines = make_report().rstrip("\n").split("\n")
    at = lines.index(HEADING4) + 1
    lines[at - 1 : at] = snippet.split("\n")
    return "\n".join(lines) + "\n", at


def _id(case: tuple[str, str, list[Hit], str | None]) -> str:
    _, snippet, found, _ = case
    return f"{','.join(sorted({c for c, _, _ in found})) or 'silent'}:{snippet.splitlines()[0][:14]}"


@pytest.mark.parametrize(("where", "snippet", "expected", "fixed"), TERMS, ids=[_id(c) for c in TERMS])
def test_term_case(where: str, snippet: str, expected: list[Hit], fixed: str | None) -> None:
    text, at = _place(snippet, where)
    assert hits(text, at, snippet.count("\n") + 1) == sorted(expected)


# ---------------------------------------------------------------- GI621 the agency's own name


def named(agency: str, body: str, signed: str | None = None) -> tuple[str, int, int]:
    """A report titled for ``agency``, ``body`` in section 一, signed ``signed`` (default the agency):
    the text, the body's first line and the signature line."""
    lines = make_report(title=f"{agency}2023年政府信息公开工作年度报告").rstrip("\n").split("\n")
    assert lines[-2] == "青禾县自然资源局"
    lines[-2] = agency if signed is None else signed
    at = lines.index("一、总体情况") + 2
    lines[at - 1 : at - 1] = body.split("\n")
    return "\n".join(lines) + "\n", at, len(lines) - 1


MARKET = "青禾县市场监督管理局"
ZONE = "青禾综合实验区财政金融局"
NEW = "青禾新区管委会"

# (agency, body, signature or None, every finding: (code, "body"/"signed", column), the body fixed or None)
NAMES: list[tuple[str, str, str | None, list[tuple[str, str, int]], str | None]] = [
    # the signature one character off the title
    (MARKET, "我局认真落实各项要求。", "青禾县市场监管管理局", [("GI621", "signed", 1)], None),
    (MARKET, "我局认真落实各项要求。", "青禾县市场监督管里局", [("GI621", "signed", 1)], None),
    (MARKET, "我局认真落实各项要求。", "青禾县市场监督管局", [("GI621", "signed", 1)], None),
    (MARKET, "我局认真落实各项要求。", "青禾县市场监督督管理局", [("GI621", "signed", 1)], None),
    (NEW, "本委认真落实各项要求。", "青禾区管委会", [("GI621", "signed", 1)], None),
    # a mention in the body
    (NEW, "青禾区管委会高度重视政务公开工作。", None, [("GI621", "body", 1)], "青禾新区管委会高度重视政务公开工作。"),
    (MARKET, "青禾县市场监管管理局高度重视。", None, [("GI621", "body", 1)], "青禾县市场监督管理局高度重视。"),
    (MARKET, "由青禾县市场监督管里局负责。", None, [("GI621", "body", 2)], "由青禾县市场监督管理局负责。"),
    (MARKET, "由青禾县市场监督管局，统一负责。", None, [("GI621", "body", 2)], "由青禾县市场监督管理局，统一负责。"),
    (MARKET, "由青禾县市场监督管局负责。", None, [], None),  # one character left on its side, glued: not sure
    (MARKET, "由青禾县市场监督督管理局负责。", None, [("GI621", "body", 2)], "由青禾县市场监督管理局负责。"),
    (MARKET, "全县市场监督管里局系统。", None, [("GI621", "body", 3)], "全县市场监督管理局系统。"),
    (MARKET, "由青禾县场监督管理局负责。", None, [("GI621", "body", 2)], "由青禾县市场监督管理局负责。"),
    (MARKET, "由青禾县市厂监督管理局负责。", None, [("GI621", "body", 2)], "由青禾县市场监督管理局负责。"),
    (
        MARKET,
        "由青禾县市场监督管理局和青禾县市场监督管里局负责。",
        None,
        [("GI621", "body", 13)],
        "由青禾县市场监督管理局和青禾县市场监督管理局负责。",
    ),
    (ZONE, "青禾综合试验区财政金融局认真落实。", None, [("GI621", "body", 1)], "青禾综合实验区财政金融局认真落实。"),
    (ZONE, "全力建设青禾综合试验区。", None, [("GI621", "body", 5)], "全力建设青禾综合实验区。"),
    (ZONE, "本局即综合试验区的财政部门。", None, [("GI621", "body", 4)], "本局即综合实验区的财政部门。"),
    (ZONE, "由财政金容局负责。", None, [("GI621", "body", 2)], "由财政金融局负责。"),
    (ZONE, "由财正金融局负责。", None, [("GI621", "body", 2)], "由财政金融局负责。"),
    (ZONE, "由青禾综合实验区财政金触融局负责。", None, [("GI621", "body", 2)], "由青禾综合实验区财政金融局负责。"),
    (ZONE, "由青禾综合实验财政金融局负责。", None, [("GI621", "body", 2)], "由青禾综合实验区财政金融局负责。"),
    ("青禾县发展和改革局", "青禾县发展和改格局牵头。", None, [("GI621", "body", 1)], "青禾县发展和改革局牵头。"),
    (
        "青禾县人力资源和社会保障局",
        "青禾县人力资源和社会保章局牵头。",
        None,
        [("GI621", "body", 1)],
        "青禾县人力资源和社会保障局牵头。",
    ),
    (
        "宿迁市沭阳县发展和改革局",
        "宿迁市沐阳县发展和改革局牵头。",
        None,
        [("GI621", "body", 1)],
        "宿迁市沭阳县发展和改革局牵头。",
    ),
    ("沭阳县发展和改革局", "沐阳县发展和改革局牵头。", None, [], None),  # a first character: another place as likely
    ("沭阳县发展和改革局", "沭阳县发展和该革局牵头。", None, [("GI621", "body", 1)], "沭阳县发展和改革局牵头。"),
    # silent: other agencies, short forms, the name followed by another word, parts too short
    (MARKET, "青禾市市场监督管理局、青禾县市场监督管理所、青禾县市场监管局指导。", None, [], None),
    (MARKET, "县市场监督管理局、省市场监督管理局、市场监督管理部门。", None, [], None),
    (MARKET, "青禾县市场监督管理局局长、青禾县市场监督管理局机关。", None, [], None),
    (MARKET, "青禾县人民政府、青禾县发展和改革局、青禾县司法局。", None, [], None),
    (MARKET, "县市场监管局的市场监管工作，市场监督工作。", None, [], None),
    (NEW, "青禾新区管委会办公室、青禾新区党工委、青禾县管委会。", None, [], None),
    (NEW, "本委认真落实各项要求。", "青禾新区管理委员会", [], None),
    (ZONE, "青禾综合实验区管委会、青禾综合实验区财政局、青禾实验区。", None, [], None),
    (ZONE, "财政金融工作、财政金融实际、财政金融监管局。", None, [], None),
    (ZONE, "全区财政、金融工作；青禾综合实验区党工委。", None, [], None),
    ("青禾县发展和改革局", "青禾县发展改革局、县发展和改革委员会、市发展和改革委。", None, [], None),
    ("青禾县交通与建设局", "青禾县交通建设局、交通与建设工作、交通和建设局。", None, [], None),
    ("青禾县公安局", "县公安厅、公安机关、公安工作、青禾县公安分局。", None, [], None),
    ("上海市科委", "上海市科技计划、上海科技网站、上海市科学技术委员会。", None, [], None),
    ("青禾区人民政府", "青禾区人民法院、区人民政协、青禾区人民政府办公室。", None, [], None),
    ("青禾县人力资源和社会保障局", "青禾县社会保险中心、人力资源市场。", None, [], None),
    (MARKET, "青禾县市场监督管理局执法大队、青禾县市场监督管理局稽查局。", None, [], None),
    (MARKET, "市场监督管理总局、省市场监督管理厅、青禾县市场监督管理分局。", None, [], None),
    (MARKET, "青禾县的市场监督管理局，全县的市场监督管理局。", None, [], None),  # a particle put in
    (MARKET, "县市场监督和管理局、市场监督及管理工作。", None, [], None),  # a conjunction put in
    (NEW, "青禾新区党工委管委会、新区管委会、青禾新区发展。", None, [], None),
    (NEW, "青禾新城管委会、青禾老区管委会。", None, [], None),  # 城, 老: other words, not slips
    (ZONE, "青禾综合保税区、青禾自由贸易试验区、青禾综合实验区内。", None, [], None),
    (ZONE, "财政金融局、财政和金融局、财政与金融工作。", None, [], None),
    (ZONE, "青禾综合实验区经济发展局、青禾综合实验区公安局。", None, [], None),  # other bureaus of the zone
    ("青禾县人民政府办公室", "青禾县人民政府、县政府办公室、青禾县人民政府研究室。", None, [], None),
    ("青禾县人民政府办公室", "青禾县人民政府办公厅指导。", None, [], None),  # the last character
    ("青禾县自然资源和规划局", "青禾县自然资源规划局、自然资源部。", None, [], None),
    ("青禾县卫生健康委员会", "青禾县卫生健康委、县卫健委、卫生健康工作。", None, [], None),
    # the title may be the slip: when the report writes the other form more often, nothing is said
    (MARKET, "青禾县市场监管管理局高度重视，青禾县市场监管管理局负责落实。", "青禾县市场监管管理局", [], None),
    # a misspelt official term inside the name is GI620's
    ("青禾县政务公开办公室", "青禾县政务工开办公室负责。", None, [("GI620", "body", 4)], None),
]


def _name_id(case: tuple[str, str, str | None, list[tuple[str, str, int]], str | None]) -> str:
    _, body, signed, found, _ = case
    return f"{','.join(sorted({c for c, _, _ in found})) or 'silent'}:{(signed or body)[:12]}"


def _name_hits(text: str, body_line: int, signed_line: int) -> list[tuple[str, str, int]]:
    report = report_of_text(text)
    out = []
    for r in rules.gilint_rules():
        if r.scope != "report":
            continue
        for f in run_rule(r, report):
            where = {body_line: "body", signed_line: "signed"}.get(f.span.line or 0)
            if where:
                out.append((r.code, where, f.span.column or 0))
            else:
                out.append((r.code, f"line {f.span.line}", f.span.column or 0))
    return sorted(out)


@pytest.mark.parametrize(("agency", "body", "signed", "expected", "fixed"), NAMES, ids=[_name_id(c) for c in NAMES])
def test_name_case(
    agency: str, body: str, signed: str | None, expected: list[tuple[str, str, int]], fixed: str | None
) -> None:
    text, body_line, signed_line = named(agency, body, signed)
    assert _name_hits(text, body_line, signed_line) == sorted(expected)


# ---------------------------------------------------------------- the fixes, byte-exact and idempotent


@pytest.fixture(scope="module")
def plugins():  # type: ignore[no-untyped-def]
    return load_plugins()


def _fix(text: str, tmp_path: Path, plugins, unsafe: bool) -> tuple[bytes, list[str]]:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode("utf-8"))
    result = fix_file(str(path), Config(root=tmp_path), plugins, unsafe=unsafe)
    assert not result.refused
    again = fix_file(str(path), Config(root=tmp_path), plugins, unsafe=unsafe, data=result.after)
    assert not again.changed and again.fixed == []
    return result.after, [d.code for d in result.fixed]


TERM_FIXES = [c for c in TERMS if c[3] is not None]


@pytest.mark.parametrize(("where", "snippet", "expected", "fixed"), TERM_FIXES, ids=[_id(c) for c in TERM_FIXES])
def test_term_fix_is_exact_and_idempotent(
    where: str, snippet: str, expected: list[Hit], fixed: str, tmp_path: Path, plugins
) -> None:  # type: ignore[no-untyped-def]
    after, codes = _fix(_place(snippet, where)[0], tmp_path, plugins, unsafe=False)
    assert after == _place(fixed, where)[0].encode("utf-8")
    assert codes == [code for code, _, _ in expected]


NAME_FIXES = [c for c in NAMES if c[4] is not None]


@pytest.mark.parametrize(
    ("agency", "body", "signed", "expected", "fixed"), NAME_FIXES, ids=[_name_id(c) for c in NAME_FIXES]
)
def test_name_fix_is_unsafe_exact_and_idempotent(
    agency: str,
    body: str,
    signed: str | None,
    expected: list[tuple[str, str, int]],
    fixed: str,
    tmp_path: Path,
    plugins,
) -> None:  # type: ignore[no-untyped-def]
    text = named(agency, body, signed)[0]
    assert _fix(text, tmp_path, plugins, unsafe=False) == (text.encode("utf-8"), [])  # waits for --unsafe-fixes
    after, codes = _fix(text, tmp_path, plugins, unsafe=True)
    assert after == named(agency, fixed, signed)[0].encode("utf-8") and codes == ["GI621"]


def test_a_signature_one_character_off_is_fixed_to_the_title_s_name(tmp_path: Path, plugins) -> None:  # type: ignore[no-untyped-def]
    after, codes = _fix(
        named(MARKET, "我局认真落实各项要求。", "青禾县市场监管管理局")[0], tmp_path, plugins, unsafe=True
    )
    assert after == named(MARKET, "我局认真落实各项要求。")[0].encode("utf-8") and codes == ["GI621"]


def test_messages_say_what_was_written_and_what_was_meant() -> None:
    text, _ = place("本年度被申请行政复义1件。", "body")
    rule = next(r for r in rules.gilint_rules() if r.code == "GI620")
    (f,) = run_rule(rule, report_of_text(text))
    assert f.message_zh == "“行政复义”应为“行政复议”：“义”与“议”同音"
    assert f.message_en == "“行政复义” should be “行政复议”: 义 for its homophone 议"
    assert f.fix is not None and f.fix.applicability == "safe"
    rule = next(r for r in rules.gilint_rules() if r.code == "GI621")
    (f,) = run_rule(rule, report_of_text(named(NEW, "青禾区管委会高度重视。")[0]))
    assert f.message_zh == "本机关名称写作“青禾区管委会”，报告他处写作“青禾新区管委会”（2处）：漏了“新”字"
    assert f.fix is not None and f.fix.applicability == "unsafe"
