"""The claims vocabulary: how a report's prose states a count of tables 2, 3 and 4, as data.

A **term** is one thing a count can be about ("received", "withheld", "review"), the cells of the table
vocabulary it means (``gilint.formats.tables``: ids only) and the phrasings that say it. The prose is
read with white space removed, quotes dropped and ASCII punctuation made full-width, one sentence at a
time; a count is a number and a unit (件 条 个 份 宗 起 次). Its **words** are what stands before the
number in its clause (back to the last ，；：, bracket or count); a term's ``before`` pattern must end
where the words end, its ``after`` pattern (when given) must start right after the unit ("共收到70件
申请", "1件结转下年度"). When several terms fit, the one whose match starts first wins ("不予公开答复" is
withheld, not answered), then the first listed (so a term lists its forms that name the request
before its ``bare`` one: "共收到70件申请" names it after the unit).

**Readings**: what a term's count may mean, a tuple of readings; a count agrees with the table when it
equals any reading, and is judged only when every reading can be worked out ("共受理" is new requests,
or new and carried over: two readings). A reading is a tuple of equivalent sums of cells, the first
that can be worked out giving its value (new plus carried over, or else handled plus carried forward:
equal by T3-A). A row id the format does not have stands for its sub-rows (``3.3`` is （三）1–8; ``3.6``
is （六）其他处理 in 2019 and its three rows in 2021); row ``*`` is the rows of the enumeration's head
(``结果维持`` after ``行政诉讼`` is the 结果维持 of both litigation rows).

**Roles**: ``total`` a count for the whole year that later counts of the sentence break down (received,
answered, reconsiderations); ``part`` one item of such a breakdown (an outcome, an applicant type, a
channel, a case result); ``single`` a count that stands alone (carried over, table 2); ``other`` a count of
something no table holds (information published, documents), whose breakdown is never compared.
``dimension`` groups parts that partition their head (outcomes and carried forward; applicants; channels;
case results), for the breakdown sum.

The scope guards (``GUARDS``) mark a count that is not the agency's year total: a part of something
(其中 …), one office, one channel, one applicant type, one topic, another year, a running total.
``{prev}`` and ``{next}`` in a pattern are the years before and after the report's.

Data only; ``gilint.statements`` reads the prose with it and the narrative rules compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Ref = tuple[str, str]  # (row id, column id)
Reading = tuple[tuple[Ref, ...], ...]  # equivalent sums of cells: the first that can be worked out
Role = Literal["total", "part", "single", "other"]

UNITS = "件条个份宗起次"
# A number the prose states: Arabic (1,234), full-width, or Chinese numerals (十三, 一千二百三十, 两).
NUMBER = (  # a number starts where its run of digits (or numerals) starts: linear on any run
    r"(?<![0-9０-９])[0-9０-９](?:[0-9０-９]{0,2}(?:,[0-9]{3})+|[0-9０-９]*)"
    r"|(?<![〇零一二两三四五六七八九十百千万])[〇零一二两三四五六七八九十百千万]+"
)
# What may close a count's words: the next sentence starts after these.
SENTENCE_END = "。！？!?\n"
CLAUSE_END = "，；：、（）"  # 、 closes a clause only right after a count: "自然人72件、商业企业3件"


@dataclass(frozen=True, slots=True)
class Form:
    """One way the prose words a count: the words before and after the number."""

    before: str  # regex over the words before the number, matched at their end
    after: str = ""  # regex over the words after the unit, matched at their start ("" = anything)
    bare: bool = False  # names no request ("共办结148件"): it counts what the total before it counts
    goi: bool = False  # says 申请 alone: only where the text before it is about disclosure requests


@dataclass(frozen=True, slots=True)
class Term:
    """A count the prose can state: the cells it reads and the forms it takes."""

    id: str
    table: int | None  # 2, 3, 4; None: no table holds it (an applicant type, a channel, information)
    role: Role
    readings: tuple[Reading, ...]
    forms: tuple[Form, ...]
    zh: str  # how a message names the cells
    en: str
    alt_zh: tuple[str, ...] = ()  # how it names each alternative after the first (hints)
    alt_en: tuple[str, ...] = ()
    dimension: str = ""  # "outcome", "forward", "applicant", "channel", "result"
    whole: bool = True  # needs a word for the whole year or agency in its sentence (全年, 共, 我局 …)
    request: bool = True  # needs requests in view (申请, 依申请公开 …) in or before its sentence
    goi: bool = False  # needs the sentence to be about disclosure work (table 4: 信息公开 …)
    beside: str = ""  # words that, in the same sentence, make a count only part of its cells


def _r(*alternatives: tuple[str, ...]) -> Reading:
    """A reading of table-3 总计 cells: each equivalent sum a tuple of row ids."""
    return tuple(tuple((row, "total") for row in alt) for alt in alternatives)


def _cells(*refs: Ref) -> tuple[Reading]:
    """One reading: these cells summed."""
    return ((refs,),)


# ---------------------------------------------------------------- words the forms are made of

# A disclosure request named as such: 政府信息公开申请, 公开政府信息的申请, 依申请公开(信息), 依申请信息公开.
GOI_REQUEST = (
    r"(?:(?:政府信息公开|信息公开|政务公开|公开政府信息|依申请公开)(?:的)?申请(?!人|表|书|单)"
    r"|依申请(?:信息)?公开(?:的)?(?:政府)?(?:信息)?(?:申请)?(?:事项|事宜)?)"
)
# Any request; 申请 alone is a disclosure request only where the text is about them (``Form.goi``).
REQUEST = rf"(?:{GOI_REQUEST}|申请(?!人|表|书|单))"
# What may stand between a verb and 申请 alone: "收到公民、法人和其他组织提出的申请".
_NEUTRAL = r"(?:的|各类|各种|群众|公众|公民|法人|和|及|或|、|其他组织|提出|提交|书面|有效|相关|社会|任何)*"
# Between a verb and its request noun ("收到群众通过邮寄、网络提交的各类政府信息公开申请"), never the
# words of another kind of application or of an outcome.
_GAP = (
    r"(?:(?!申请|收到|受理|接收|办理|办结|答复|重复|信访|举报|投诉|出版物|反复|确认|补正|逾期|复议|诉讼|收费|不予|无法|部分|予以|许可|审批|"
    r"补贴|救助|低保|备案|人大|政协|建议|提案|留言|来信|咨询)[^，；：。\d])*?"
)
# After the noun and before the number: 数量, 共计, 为 ….
_TAIL = r"(?:件数|数量|总数|总量)?(?:共计|合计|总计|累计|一共|共|计|为|是|达|有)*"
_RECEIVE = r"(?:收到|接收|受理|收悉|接到|登记)(?:到|了|过)?"
_HANDLE = r"(?:受理(?:并)?办结|受理(?:并)?办理|办理)(?:了)?"
_ANSWER = r"(?:办结|答复|办复|回复|处理完毕|完成答复)(?:了)?"
# An outcome may be followed by what the answer was: "不予公开答复", "因无法提供相关信息答复".
_OUTCOME_TAIL = r"(?:相关(?:政府)?信息)?(?:的)?(?:答复|告知|决定|处理)?(?:书)?(?:的)?(?:有|共|为|计|共计)*"
_FORWARD = r"(?:结转|顺延|转入|转|延续)(?:至|到|入)?(?:下一?年度?|{next}年度?)(?:继续)?(?:办理|答复|处理){0,2}"
_RESULT_TAIL = r"(?:的)?(?:案件)?(?:有|共|为|计)*"

RECEIVED = Term(
    "received",
    3,
    "total",
    (_r(("1",)), _r(("1", "2"), ("3.7", "4"))),
    (
        Form(rf"{_RECEIVE}{_GAP}{GOI_REQUEST}{_TAIL}"),
        Form(rf"{_RECEIVE}{_NEUTRAL}申请{_TAIL}", goi=True),
        Form(rf"(?:{_RECEIVE}|共有|计有)", rf"(?:的)?{GOI_REQUEST}"),  # 共收到70件政府信息公开申请
        Form(rf"(?:{_RECEIVE}|共有|计有)", r"(?:的)?申请(?!人|表|书|单)", goi=True),
        Form(rf"{GOI_REQUEST}{_TAIL[:-1]}+"),  # 政府信息公开申请共计8件
        Form(rf"(?:全年|本年度?|今年|\d{{4}}年度?)(?:的)?{GOI_REQUEST}"),  # 2023年度政府信息公开申请13件
        Form(rf"{_RECEIVE}{_TAIL}", bare=True, goi=True),  # 依申请公开方面，全年共收到15件
    ),
    "表三“一、本年新收政府信息公开申请数量”总计",
    "table 3 row 一 (new requests), 总计",
    ("新收加上年结转",),
    ("new plus carried over",),
)
NEW = Term(
    "new",
    3,
    "total",
    (_r(("1",)),),
    (
        Form(rf"新收(?:到)?{_GAP}{GOI_REQUEST}{_TAIL}"),
        Form(rf"新收(?:到)?{_NEUTRAL}申请{_TAIL}", goi=True),
        Form(rf"新收(?:到)?{_TAIL}", bare=True, goi=True),
    ),
    "表三“一、本年新收政府信息公开申请数量”总计",
    "table 3 row 一 (new requests), 总计",
)
HANDLED = Term(
    "handled",
    3,
    "total",
    (_r(("1",)), _r(("1", "2"), ("3.7", "4")), _r(("3.7",))),
    (
        Form(rf"{_HANDLE}{_GAP}{GOI_REQUEST}{_TAIL}"),
        Form(rf"{_HANDLE}{_NEUTRAL}申请{_TAIL}", goi=True),
        Form(rf"{_HANDLE}", rf"(?:的)?{GOI_REQUEST}"),
        Form(rf"{_HANDLE}{_TAIL}", bare=True),
    ),
    "表三“一、本年新收政府信息公开申请数量”总计",
    "table 3 row 一 (new requests), 总计",
    ("新收加上年结转", "“（七）总计”"),
    ("new plus carried over", "（七） total handled"),
)
ANSWERED = Term(
    "answered",
    3,
    "total",
    (_r(("3.7",)),),
    (
        Form(rf"{_ANSWER}{_GAP}{GOI_REQUEST}{_TAIL}"),
        Form(rf"{_ANSWER}{_NEUTRAL}申请{_TAIL}", goi=True),
        Form(rf"{_ANSWER}", rf"(?:的)?{GOI_REQUEST}"),
        Form(rf"{_ANSWER}{_TAIL}", bare=True),
    ),
    "表三“三、本年度办理结果（七）总计”总计",
    "table 3 row （七） (total handled), 总计",
)
CARRIED_OVER = Term(
    "carried_over",
    3,
    "single",
    (_r(("2",)),),
    (
        Form(
            rf"(?:上一?年度?|去年|{{prev}}年度?)(?:度)?(?:结转|转入|延续)(?:的|至本年度?|到本年度?)?(?:政府信息公开|信息公开)?"
            rf"(?:{REQUEST})?{_TAIL}"
        ),
        Form(rf"结转上一?年度?(?:的)?(?:政府信息公开|信息公开)?(?:{REQUEST})?{_TAIL}"),
    ),
    "表三“二、上年结转政府信息公开申请数量”总计",
    "table 3 row 二 (carried over), 总计",
    whole=False,
)
CARRIED_FORWARD = Term(
    "carried_forward",
    3,
    "part",
    (_r(("4",)),),
    (
        Form(rf"{_FORWARD}(?:的)?(?:{REQUEST})?{_TAIL}"),
        Form("", rf"(?:{REQUEST})?(?:需|需要|将|已|均)?{_FORWARD}"),  # 1件结转下年度, 另有2件顺延…
    ),
    "表三“四、结转下年度继续办理”总计",
    "table 3 row 四 (carried forward), 总计",
    dimension="forward",
    whole=False,
)
_OUTCOME_WORDS = {
    "disclosed_or_partial": r"(?:予以|同意|全部)公开(?:及|和|与|、|或|以及)(?:部分|区分处理后?(?:予以)?)公开",
    "disclosed": r"(?:予以|同意|全部|准予)公开",  # 不予以公开 is withheld: it starts first
    "partial": r"(?:部分|区分处理后?(?:予以)?)公开|区分处理",
    "withheld": r"不予(?:以)?公开|不同意公开",
    "unavailable": r"无法提供",
    "not_held": r"(?:本机关|本单位|我局|我单位)不掌握|不掌握",
    "not_processed": r"不予(?:以)?处理",
    "other_processing": r"其[他它]处理",
}
_OUTCOMES = {  # id: (readings, zh, en)
    "disclosed_or_partial": (
        (_r(("3.1", "3.2")),),
        "表三“（一）予以公开”与“（二）部分公开”总计之和",
        "table 3 rows （一）+（二）, 总计",
    ),
    "disclosed": ((_r(("3.1",)),), "表三“（一）予以公开”总计", "table 3 row （一）, 总计"),
    "partial": ((_r(("3.2",)),), "表三“（二）部分公开”总计", "table 3 row （二）, 总计"),
    "withheld": ((_r(("3.3",)),), "表三“（三）不予公开”各项总计之和", "table 3 （三） rows, 总计"),
    "unavailable": ((_r(("3.4",)),), "表三“（四）无法提供”各项总计之和", "table 3 （四） rows, 总计"),
    "not_held": (
        (_r(("3.4.1",)), _r(("3.4",))),
        "表三“（四）无法提供 1.本机关不掌握相关政府信息”总计",
        "table 3 row （四）1, 总计",
    ),
    "not_processed": ((_r(("3.5",)),), "表三“（五）不予处理”各项总计之和", "table 3 （五） rows, 总计"),
    "other_processing": ((_r(("3.6",)),), "表三“（六）其他处理”各项总计之和", "table 3 （六） rows, 总计"),
}
# 已主动公开 listed beside 同意公开 (the old statistics) means 同意公开 is only part of （一）予以公开.
_BESIDE = {"disclosed": r"已(?:经)?主动公开|属于主动公开"}
OUTCOMES = tuple(
    Term(
        oid,
        3,
        "part",
        readings,
        (Form(rf"(?:{words}){_OUTCOME_TAIL}"),),
        zh,
        en,
        dimension="outcome",
        beside=_BESIDE.get(oid, ""),
    )
    for oid, words in _OUTCOME_WORDS.items()
    for readings, zh, en in [_OUTCOMES[oid]]
)

# Parts no table cell holds: compared with nothing, summed with their siblings.
APPLICANT_WORDS = {"natural": r"自然人|公民|个人", "legal": r"法人|企业|其他组织|科研机构|社会公益组织|法律服务机构"}
CHANNEL_WORDS = {
    "online": r"网络|网上|在线|互联网|网站|平台|电子邮件|邮件|邮箱|微信|客户端",
    "mail": r"信函|邮寄|来信|邮政",
    "person": r"当面|现场|窗口|当场|口头",
    "fax": r"传真",
    "phone": r"电话",
}
APPLICANTS = tuple(
    Term(
        f"applicant.{kind}",
        None,
        "part",
        (),
        (Form(rf"(?:{words})(?:提出的?|提交的?)?(?:{REQUEST})?(?:数)?{_TAIL}"),),
        "",
        "",
        dimension="applicant",
    )
    for kind, words in APPLICANT_WORDS.items()
)
CHANNELS = tuple(
    Term(
        f"channel.{kind}",
        None,
        "part",
        (),
        (Form(rf"(?:{words})(?:方式|形式|渠道)?(?:提出|提交|申请)?(?:的)?(?:{REQUEST})?(?:数)?{_TAIL}"),),
        "",
        "",
        dimension="channel",
    )
    for kind, words in CHANNEL_WORDS.items()
)
# A count of information or documents: its breakdown (主动公开…条、不予公开…条) is not of requests.
INFORMATION = Term(
    "information",
    None,
    "other",
    (),
    (
        Form(r"(?:政府信息|信息)(?:总数|数量|数)?(?:共计|合计|共|为)*"),
        Form(r"(?:公文|文件|政府信息)(?:（[^）]*）)?(?:类)?(?:信息)?(?:总数|数量|数)?(?:共计|合计|共|为)*"),
        Form(r"信息数(?:为)?"),
    ),
    "",
    "",
)

# ---------------------------------------------------------------- table 4

_GOI4: dict[str, Any] = {"goi": True, "whole": False, "request": False}
REVIEW = Term(
    "review",
    4,
    "total",
    _cells(("review", "total")),
    (Form(r"(?:被申请|申请|提起|收到|办理|发生|引发的?|引起的?|行)政复议(?:案件|申请|案)?(?:共|为|计|共计|有)*"),),
    "表四“行政复议”总计",
    "table 4 行政复议 总计",
    **_GOI4,
)
SUIT = Term(
    "suit",
    4,
    "total",
    _cells(("suit_direct", "total"), ("suit_after_review", "total")),
    (Form(r"(?:行政|提起|被起诉|应诉)诉讼(?:案件|案)?(?:共|为|计|共计|有)*|^诉讼(?:案件|案)?(?:共|为|计|共计|有)*"),),
    "表四“行政诉讼”两组总计之和",
    "table 4 行政诉讼 totals",
    **_GOI4,
)
_RESULT_WORDS = {
    "upheld": (r"(?:结果维持|维持)(?:原)?(?:决定|判决|原行政行为)?", "结果维持"),
    "corrected": (r"结果纠正|纠正|纠错|被撤销|撤销|败诉", "结果纠正"),
    "other": (r"其[他它]结果", "其他结果"),
    "pending": (r"尚未审结|未审结|审理中|正在审理", "尚未审结"),
}
RESULTS = tuple(
    Term(
        f"result.{col}",
        4,
        "part",
        _cells(("*", col)),
        (Form(rf"(?:{words}){_RESULT_TAIL}"),),
        f"表四“{label}”",
        f"table 4 {label}",
        dimension="result",
        **_GOI4,
    )
    for col, (words, label) in _RESULT_WORDS.items()
)
REVIEW_CORRECTED = Term(
    "review_corrected",
    4,
    "single",
    _cells(("review", "corrected")),
    (Form(r"(?:被行|行)政复议(?:决定)?(?:被)?(?:纠错|纠正|撤销)(?:的)?(?:案件)?(?:有|共|为)*"),),
    "表四“行政复议”结果纠正",
    "table 4 行政复议 结果纠正",
    **_GOI4,
)
SUIT_LOST = Term(
    "suit_lost",
    4,
    "single",
    _cells(("suit_direct", "corrected"), ("suit_after_review", "corrected")),
    (Form(r"(?:行政诉|诉)讼(?:被)?(?:败诉|纠错|纠正)(?:的)?(?:案件)?(?:有|共|为)*"),),
    "表四“行政诉讼”两组结果纠正之和",
    "table 4 行政诉讼 结果纠正",
    **_GOI4,
)

# ---------------------------------------------------------------- table 2

_T2: dict[str, Any] = {"request": False}
_DOC = r"(?:了)?(?:的)?(?:各类)?"


def _t2(tid: str, ref: Ref, before: str, zh: str, en: str) -> Term:
    return Term(tid, 2, "single", _cells(ref), (Form(before + r"(?:共|为|有)*"),), zh, en, **_T2)


TABLE2 = (
    _t2(
        "normative.issued",
        ("normative", "issued"),
        rf"(?:制发|印发|出台|制定|新制定){_DOC}(?:行政)?规范性文件",
        "表二“行政规范性文件”本年制发件数",
        "table 2 行政规范性文件 issued",
    ),
    _t2(
        "normative.repealed",
        ("normative", "repealed"),
        rf"废止{_DOC}(?:行政)?规范性文件",
        "表二“行政规范性文件”本年废止件数",
        "table 2 行政规范性文件 repealed",
    ),
    _t2(
        "normative.in_force",
        ("normative", "in_force"),
        r"现行有效(?:的)?(?:行政)?规范性文件",
        "表二“行政规范性文件”现行有效件数",
        "table 2 行政规范性文件 in force",
    ),
    _t2(
        "rules.issued",
        ("rules", "issued"),
        rf"(?:制发|印发|出台|制定|新制定){_DOC}(?:政府)?规章",
        "表二“规章”本年制发件数",
        "table 2 规章 issued",
    ),
    _t2(
        "rules.repealed",
        ("rules", "repealed"),
        rf"废止{_DOC}(?:政府)?规章",
        "表二“规章”本年废止件数",
        "table 2 规章 repealed",
    ),
    _t2(
        "rules.in_force",
        ("rules", "in_force"),
        r"现行有效(?:的)?(?:政府)?规章",
        "表二“规章”现行有效件数",
        "table 2 规章 in force",
    ),
    _t2(
        "licensing.decisions",
        ("licensing", "decisions"),
        r"(?:作出|办理|办结)(?:了)?(?:各类)?行政许可(?:决定|事项)?",
        "表二“行政许可”本年处理决定数量",
        "table 2 行政许可 decisions",
    ),
    _t2(
        "penalty.decisions",
        ("penalty", "decisions"),
        r"作出(?:了)?(?:各类)?行政处罚(?:决定)?",
        "表二“行政处罚”本年处理决定数量",
        "table 2 行政处罚 decisions",
    ),
    _t2(
        "coercion.decisions",
        ("coercion", "decisions"),
        r"作出(?:了)?(?:各类)?行政强制(?:决定|措施)?",
        "表二“行政强制”本年处理决定数量",
        "table 2 行政强制 decisions",
    ),
)

TERMS: tuple[Term, ...] = (
    RECEIVED,
    NEW,
    HANDLED,
    ANSWERED,
    CARRIED_OVER,
    CARRIED_FORWARD,
    *OUTCOMES,
    *APPLICANTS,
    *CHANNELS,
    INFORMATION,
    REVIEW,
    SUIT,
    *RESULTS,
    REVIEW_CORRECTED,
    SUIT_LOST,
    *TABLE2,
)

# ---------------------------------------------------------------- negations: a statement that a count is zero

_NOT = r"(?:未|没有|无|暂无|未曾|尚未|未有|并未)"
NEGATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (  # (pattern, the terms it says are 0)
    (
        rf"{_NOT}(?:发生|出现|产生)?[^，；。]{{0,20}}?行政复议(?:决定)?(?:被)?(?:纠错|纠正|撤销)"
        rf"(?:(?:[、和及与或]|以及)(?:行政)?诉讼(?:被)?(?:败诉|纠错|纠正))?",
        ("review_corrected", "suit_lost"),
    ),
    (rf"{_NOT}(?:发生|出现|产生)?[^，；。]{{0,20}}?(?:行政)?诉讼(?:被)?(?:败诉|纠错|纠正)", ("suit_lost",)),
    (
        rf"{_NOT}(?:收到|发生|出现|产生|涉及|办理)?[^，；。]{{0,20}}?行政复议(?:[、和及与或]|以及)(?:被)?(?:提起)?行政诉讼(?!败诉)",
        ("review", "suit"),
    ),
    (
        rf"{_NOT}(?:收到|发生|出现|产生|涉及|办理|被申请)?[^，；。复议]{{0,20}}?行政复议(?![、和及与或]|以及|决定|被|纠)",
        ("review",),
    ),
    (rf"{_NOT}(?:被提起|收到|发生|出现|产生|涉及|办理)?[^，；。诉讼]{{0,20}}?行政诉讼(?!败诉)", ("suit",)),
    (rf"{_NOT}(?:收到|接收|受理|收悉|接到)(?:到|过|任何)?{_GAP}{GOI_REQUEST}", ("received",)),
    (rf"{_NOT}(?:收到|接收|受理|收悉|接到)(?:到|过|任何)?申请(?!人|表|书|单)", ("received",)),
    (rf"(?:无|没有|暂无)(?:任何)?(?:政府信息公开|信息公开|依申请公开){REQUEST}", ("received",)),
    (rf"{_NOT}(?:上一?年度?|{{prev}}年度?)结转", ("carried_over",)),
    (rf"{_NOT}(?:需要?)?{_FORWARD}", ("carried_forward",)),
)

# ---------------------------------------------------------------- scope

# A word for the whole year or the whole agency: a total needs one before it in its sentence.
WHOLE = (
    r"全年|本年|今年|年度|\d{4}年|共|合计|累计|总计|全部|所有|一年来|本(?:机关|单位|部门|局|委|办)"
    r"|我(?:局|委|办|区|县|市|镇|乡|街道|单位|厅|院|部|司|中心|署|会|馆|站|所|队|处)"
    r"|全(?:区|县|市|省|镇|乡|局|委|办|街道|委|厅|系统)|[市区县镇乡]政府"
)
# Requests in view: a count of table 3 needs one in its sentence or just before it.
REQUESTS_IN_VIEW = r"申请|答复|办结"
GOI = r"信息公开|依申请|公开申请|政务公开"  # table 4: the sentence is about disclosure work
PART_OF = r"其中|含|包括|包含"  # what follows is a part of the count before it
AGGREGATE = r"共|合计|总计|全年|全部|所有"  # a total after 其中 that adds up again: 其中…，共办结11件
RESPECTIVELY = r"分别|各自|依次"
# Guards on a count's own words (its clause): any of these and it is not the agency's year total.
GUARDS: tuple[tuple[str, str], ...] = (  # (name, pattern)
    ("respectively", RESPECTIVELY),
    ("each", r"各(?:乡|镇|街道|部门|单位|科室|处室|站所|县|区|市|地)"),
    ("delegated", r"代表"),
    ("subordinate", r"下属|所属|直属|二级单位|派出机构|本级|[省市县区]直"),
    (
        "office",
        r"(?![我本全该])[\u4e00-\u9fa5]{1,10}?(?:科|股|室|站|所|队|分局|中心|处)"
        r"(?=共|全年|本年|今年|收到|受理|接收|办结|办理|答复)",
    ),
    ("topic", r"涉及|关于|有关|针对|反映|围绕|聚焦"),
    ("compared", r"往年|同比|较|比(?:去|上)年|去年(?!结转)|上一?年(?!度?结转)(?!度?转入)"),
    ("approximate", r"[近约逾]$|大约$|超过$|不足$|不到$"),
)
# A running total or part of the year: anywhere before the count in its sentence (截至2023年底，累计…).
NOT_THE_YEAR = r"历年|以来|截至|截止|至今|迄今|累计至|上半年|下半年|季度"
# One channel or one applicant type named (of the classes above) means a part, unless these say all.
ALL_KINDS = r"各类|各种|各项|所有|全部|多种|等"

# What else a share (占33.9%) of an outcome may be of, besides the total its sentence states: the
# year's requests handled, received, or received with those carried over.
SHARE_BASES: tuple[Reading, ...] = (_r(("3.7",), ("1",), ("1", "2")),)
