"""Narrative rules: every count the prose states about tables 2-4 against the cells it is about.

``gilint.statements`` reads the prose (the vocabulary is ``gilint.formats.claims``): each count, the
term it is about, its enumeration and whether it speaks for the agency's whole year. These rules
compare: a count with its cells whenever they are placed (read, or inferred by the identities), even
in a table other rows of which a converter damaged; the items of a breakdown with the total their
sentence states; a share (占33.9%) with the ratio the table gives. A count the vocabulary reads two
ways (共受理 = new requests, or new and carried over) agrees when it equals either.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from gilint.applies import REPORT
from gilint.context import RuleContext
from gilint.formats import claims as C
from gilint.formats.tables import NOT_COUNTS, table_format
from gilint.model import Cell, Finding, Related, Report, Span
from gilint.rule import Rule, rule
from gilint.statements import Count, prose_counts

RULES: list[Rule] = []


@dataclass(frozen=True, slots=True)
class Known:
    """One alternative of a reading, worked out: its value and the cells it sums."""

    value: int
    cells: tuple[tuple[int, str, str, Cell], ...]  # (table, row id, column id, cell)


@cache
def _row_ids(number: int, version: int) -> frozenset[str]:
    """The ids of the rows of table ``number`` in format ``version`` (``Table.format``'s)."""
    return frozenset(r.id for r in table_format(number, version).rows)


def _refs(report: Report, table: int, alternative: tuple[C.Ref, ...], head: Count | None) -> list[C.Ref] | None:
    """The cells an alternative names in this report's format: a row the format does not have is its
    sub-rows, row ``*`` the rows of the head's cells."""
    t = report.tables.get(table)
    if t is None:
        return None
    rows = _row_ids(t.number, t.version)
    out: list[C.Ref] = []
    for row, col in alternative:
        if row == "*":
            if head is None or head.term is None or not head.term.readings:
                return None
            out.extend((r, col) for r, _ in head.term.readings[0][0])
        elif row in rows:
            out.append((row, col))
        else:
            subs = [r.id for r in t.format.rows if r.id.startswith(row + ".")]
            if not subs:
                return None
            out.extend((r, col) for r in subs)
    return out


def _known(report: Report, table: int, alternative: tuple[C.Ref, ...], head: Count | None) -> Known | None:
    """The alternative's value when every cell it sums is placed and holds a count (a blank is 0 when
    another cell of the sum is printed); None when it cannot be worked out."""
    refs = _refs(report, table, alternative, head)
    t = report.tables.get(table)
    if refs is None or t is None:
        return None
    cells = []
    for row, col in refs:
        cell = t.cell(row, col)
        if cell is None or not cell.placed or cell.how == "several" or (table == 2 and (row, col) in NOT_COUNTS):
            return None
        if isinstance(cell.value, float) and not cell.value.is_integer():
            return None
        cells.append((table, row, col, cell))
    if all(c.value is None for *_, c in cells):
        return None
    return Known(sum(int(c.value or 0) for *_, c in cells), tuple(cells))


def _readings(report: Report, count: Count, readings: Sequence[C.Reading] | None = None) -> list[Known] | None:
    """Each reading worked out (by the first of its sums that can be); None when one cannot be."""
    term = count.term
    if term is None or term.table is None:
        return None
    out = []
    for reading in readings if readings is not None else term.readings:
        known = next((k for alt in reading if (k := _known(report, term.table, alt, count.head)) is not None), None)
        if known is None:
            return None
        out.append(known)
    return out or None


def _place(span: Span, lang: str) -> str:
    """Where a span is, for a message: 第 12 行, 第 3 页第 12 行, 表格 2 行 5 列 3."""
    if span.column is None and span.logical:
        return span.logical
    if span.line is None:
        return ""
    if span.page is not None:
        return f"第 {span.page} 页第 {span.line} 行" if lang == "zh" else f"page {span.page} line {span.line}"
    return f"第 {span.line} 行" if lang == "zh" else f"line {span.line}"


def _cells_place(known: Known, lang: str) -> str:
    spans = [c.span for *_, c in known.cells if c.value] or [known.cells[0][3].span]
    if spans[0].column is None and spans[0].logical:
        return spans[0].logical
    lines = sorted({s.line for s in spans if s.line is not None})
    if not lines:
        return ""
    page = (
        f"第 {spans[0].page} 页"
        if spans[0].page is not None and lang == "zh"
        else (f"page {spans[0].page} " if spans[0].page is not None else "")
    )
    if lang == "zh":
        shown = "、".join(map(str, lines)) if len(lines) <= 3 else f"{lines[0]}–{lines[-1]}"
        return f"{page}第 {shown} 行"
    shown = ", ".join(map(str, lines)) if len(lines) <= 3 else f"{lines[0]}-{lines[-1]}"
    return f"{page}line{'s' if len(lines) > 1 else ''} {shown}"


def _related(ctx: RuleContext, known: Known) -> tuple[Related, ...]:
    """The cells the alternative sums that hold a count (else its first), as related places."""
    cells = [k for k in known.cells if k[3].value] or [known.cells[0]]
    return tuple(place for table, row, col, _ in cells if (place := ctx.cell(table, row, col)) is not None)


_HEADS = {"review": ("行政复议", "行政复议", ""), "suit": ("行政诉讼", "行政诉讼", "两组")}


def _names(count: Count) -> tuple[str, str]:
    """How the message names the cells: the term's words; a case result by its head (行政诉讼 结果维持)."""
    term = count.term
    assert term is not None
    head = count.head
    if term.dimension == "result" and head is not None and head.term is not None and head.term.id in _HEADS:
        zh, en, both = _HEADS[head.term.id]
        label = term.zh.removeprefix("表四“").removesuffix("”")
        return (f"表四“{zh}”{both}{label}{'之和' if both else ''}", f"table 4 {en} {term.en.removeprefix('table 4 ')}")
    return term.zh, term.en


def _contradiction(report: Report, ctx: RuleContext, count: Count) -> Finding | None:
    """A finding when the count agrees with no alternative of its readings (all worked out)."""
    readings = _readings(report, count)
    if readings is None or any(count.value == k.value for k in readings):
        return None
    term = count.term
    assert term is not None
    primary = readings[0]
    span = report.stream.span(count.start, count.end)
    name_zh, name_en = _names(count)
    others = [
        (zh, en, k.value)
        for zh, en, k in zip(term.alt_zh, term.alt_en, readings[1:], strict=False)
        if k.value != primary.value
    ]
    inferred = any(c.status == "inferred" for k in readings for *_, c in k.cells)
    hint_zh = "".join(f"正文数字也不等于{zh}（{v}）；" for zh, _, v in others) + "两处应一致"
    hint_en = "".join(f"nor {en} ({v}); " for _, en, v in others) + "the two must agree"
    if inferred:
        hint_zh += "（表中数值由勾稽关系推定）"
        hint_en += " (the table value is inferred from the identities)"
    return Finding(
        span,
        f"正文为 {count.value}（{_place(span, 'zh')}“{count.text}”），{name_zh}为 {primary.value}"
        f"（{_cells_place(primary, 'zh')}）",
        f"the text says {count.value} ({_place(span, 'en')} {count.text!r}) but {name_en} is {primary.value} "
        f"({_cells_place(primary, 'en')})",
        hint_zh,
        hint_en,
        related=_related(ctx, primary),
    )


def _contradictions(report: Report, ctx: RuleContext, table: int) -> Iterator[Finding]:
    for count in prose_counts(report).counts:
        if count.scope or count.term is None or count.term.table != table:
            continue
        finding = _contradiction(report, ctx, count)
        if finding is not None:
            yield finding


@rule(
    "GI401",
    "narrative-requests",
    "narrative",
    "error",
    "正文申请件数与表三不一致",
    "request counts in the text differ from table 3",
    registry=RULES,
    applies=REPORT,
)
def narrative_requests(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文所述本年度的申请件数，与表三对应格是否一致：收到（受理、接收、新收、申请共计）、上年结转、各办理
    结果（予以公开、部分公开、不予公开、无法提供、不予处理、其他处理）、结转下年度、办结（答复）；“未收到
    申请”即为 0。表中其他行被转换损坏时，只要该格已读出（或由成立的勾稽关系推定）仍然比较。“共受理X件”
    等于新收加上年结转时视为一致。只比较代表本机关全年的数字：其中、分别、某科室、某一渠道、某一类申请
    人、涉及某事项、往年的数字不比较。
    The year's request counts the text states, against their table-3 cells (总计): received (收到,
    受理, 接收, 新收, 申请共计), carried over, each outcome, carried forward, answered (办结/答复); "no request
    received" is 0. A cell is compared whenever it was read or inferred, even when other rows are
    damaged. A count equal to new plus carried over is accepted for 共受理. Only counts for the whole
    agency and year are compared: never a part (其中, 分别), one office, one channel, one applicant type,
    one topic, or another year.

    为什么 / Why
    条例第五十条要求年度报告报告收到和处理政府信息公开申请的情况，格式以表三统计；同一数字在正文和
    表三各写一次，正文与表格“打架”是评估中最常见的数据差错之一。Article 50 of the Regulation requires
    the report to state the requests received and handled, which the format tabulates in table 3; the
    text and the table contradicting each other is among the commonest errors evaluators find.

    错误示例 / Bad
    正文“全年共受理政府信息公开申请21件，……因无法提供相关信息答复2件，其他处理2件”，表三“（四）无法提供”
    各项为 0，“（六）其他处理”各项之和为 4。

    正确示例 / Good
    正文“全年共受理政府信息公开申请21件，……其他处理4件”，与表三一致。
    """
    yield from _contradictions(report, ctx, 3)


@rule(
    "GI402",
    "narrative-appeals",
    "narrative",
    "error",
    "正文行政复议、诉讼件数与表四不一致",
    "reconsideration / litigation counts in the text differ from table 4",
    registry=RULES,
    applies=REPORT,
)
def narrative_appeals(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文中因政府信息公开被申请行政复议、被提起行政诉讼的件数（及其中结果维持、结果纠正、其他结果、尚未
    审结的件数，“未发生被纠错”等），是否与表四“行政复议”总计、两组“行政诉讼”总计之和及对应结果列一致；
    “未收到行政复议、行政诉讼”即为 0。只看讲政府信息公开工作的句子（或第四部分），机关的其他复议、诉讼
    工作不比较。Counts of disclosure-related reconsiderations and lawsuits in the text (and their
    results, "none corrected") against table 4; "none" is 0. Only sentences about disclosure work (or
    section 四), so an agency's other appeal work is never compared.

    为什么 / Why
    条例第五十条第（三）项要求报告因政府信息公开工作被申请行政复议、提起行政诉讼的情况；正文与表四
    不一致说明至少一处填错。Article 50 (3) of the Regulation; when the text and table 4 disagree, one of
    them is wrong.

    错误示例 / Bad
    因政府信息公开工作被申请行政复议2件（表四行政复议总计为 1）

    正确示例 / Good
    因政府信息公开工作被申请行政复议1件
    """
    yield from _contradictions(report, ctx, 4)


@rule(
    "GI403",
    "narrative-disclosure",
    "narrative",
    "error",
    "正文规范性文件或处理决定件数与表二不一致",
    "document / decision counts in the text differ from table 2",
    registry=RULES,
    applies=REPORT,
)
def narrative_disclosure(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文中“制发（印发、制定）规范性文件（规章）X件”“废止……X件”“现行有效……X件”“作出行政许可（处罚、强制）
    决定X件”，是否与表二对应格一致。Issued / repealed / in-force normative documents and rules, and
    licence / penalty / enforcement decisions in the text, against table 2.

    为什么 / Why
    条例第二十条第（一）（五）（六）项的主动公开情况由表二统计；同一数字在正文和表二各写一次，容易只改
    一处。Table 2 tabulates the proactive disclosure of Article 20 (1), (5), (6); the same number written
    twice is easily changed once.

    错误示例 / Bad
    全年制发行政规范性文件3件（表二本年制发件数为 2）

    正确示例 / Good
    全年制发行政规范性文件2件
    """
    yield from _contradictions(report, ctx, 2)


# ---------------------------------------------------------------- breakdowns

_GROUPS = {  # an outcome's group (（一）…（六）); 予以公开及部分公开 stands for two
    "disclosed": {"3.1"},
    "partial": {"3.2"},
    "disclosed_or_partial": {"3.1", "3.2"},
    "withheld": {"3.3"},
    "unavailable": {"3.4"},
    "not_held": {"3.4"},
    "not_processed": {"3.5"},
    "other_processing": {"3.6"},
}
_RECEIVED = ("received", "new")


def _sum_finding(report: Report, head: Count, items: list[Count], total: int, what_zh: str, what_en: str) -> Finding:
    span = report.stream.span(head.start, head.end)
    listed = "，".join(f"“{c.text}”" for c in items)
    return Finding(
        span,
        f"正文{what_zh}之和为 {total}（{listed}），与所述总数 {head.value}（{_place(span, 'zh')}“{head.text}”）不一致",
        f"the text's {what_en} add up to {total} ({', '.join(repr(c.text) for c in items)}) but it states a "
        f"total of {head.value} ({_place(span, 'en')} {head.text!r})",
        "核对总数和各分项",
        "check the total and each item",
        related=tuple(
            Related(report.stream.span(c.start, c.end), f"分项“{c.text}”", f"item {c.text!r}") for c in items
        ),
    )


def _carried(report: Report, head: Count) -> int | None:
    """Requests carried over from last year: the table's, else the text's in the same sentence."""
    t3 = report.tables.get(3)
    cell = t3.cell("2", "total") if t3 else None
    if cell is not None and cell.placed and isinstance(cell.value, int):
        return cell.value
    said = [
        c.value
        for c in prose_counts(report).counts
        if c.sentence == head.sentence and c.term is C.CARRIED_OVER and not c.scope
    ]
    return said[0] if said else None


def _judge_sum(report: Report, head: Count, dimension: str, items: list[Count]) -> Finding | None:
    """Whether the items of one enumeration can add up to their head (see GI404)."""
    total = sum(c.value for c in items)
    ids = {c.term.id for c in items if c.term}
    htid = head.term.id if head.term else ""
    if dimension == "outcome":
        groups = set().union(*(_GROUPS.get(i, set()) for i in ids))
        exhaustive = "other_processing" in ids or groups >= {"3.1", "3.2", "3.3", "3.4", "3.5", "3.6"}
        if htid == "answered":
            wrong = total > head.value or (exhaustive and total < head.value)
        elif htid in _RECEIVED and "carried_forward" in ids:
            carried = _carried(report, head)
            if carried is None:
                wrong = exhaustive and total < head.value
            else:
                wrong = total not in (head.value, head.value + carried) and (exhaustive or total > head.value + carried)
        else:
            return None
        return _sum_finding(report, head, items, total, "各办理结果", "outcomes") if wrong else None
    if dimension == "applicant":
        exhaustive = ids >= {"applicant.natural", "applicant.legal"}
        what = ("各类申请人件数", "applicant counts")
    elif dimension == "result":
        exhaustive = "result.other" in ids or len(ids) == 4
        what = ("各结果件数", "case results")
    else:
        exhaustive = False
        what = ("各渠道件数", "channel counts")
    if total > head.value or (exhaustive and total < head.value):
        return _sum_finding(report, head, items, total, *what)
    return None


@rule(
    "GI404",
    "narrative-breakdown-sum",
    "narrative",
    "error",
    "正文分项之和与所述总数不一致",
    "the items of a breakdown in the text do not add up to its total",
    registry=RULES,
    applies=REPORT,
)
def narrative_breakdown_sum(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    同一句先说总数、再逐项列出（“共受理申请21件，予以公开1件，……结转下年度2件”“行政复议351件，其中结果
    维持72件，……”“其中自然人741件，法人或其他组织8件”“其中网络申请2件，信函申请3件”），各项之和是否
    与所述总数相符：各项之和不能超过总数；列全了的（列到“其他处理”“其他结果”，或自然人与法人都列了）
    应等于总数。按办理结果分项的，对“共受理”可以等于新收或新收加上年结转。Within one sentence that
    states a total and then its items (outcomes with carried forward, case results, applicant types,
    channels), whether the items can add up to the total: never more than it, and equal to it when the
    list is complete (it reaches 其他处理 / 其他结果, or names both natural persons and organisations).

    为什么 / Why
    格式表三、表四（国办公开办函〔2021〕30号附件）的勾稽关系（一＋二＝（七）＋四，总计＝各结果之和）在
    正文中同样成立；分项之和对不上总数，说明正文至少有一个数字写错，即使表格被转换损坏无法比对也能发现。The
    identities of the format's tables 3 and 4 hold for the text too; items that do not add up mean a wrong number
    in the text, found even when the table is too damaged to compare with.

    错误示例 / Bad
    共收到政府信息公开申请11件，其中网络申请5件，信函申请7件。

    正确示例 / Good
    共收到政府信息公开申请11件，其中网络申请5件，信函申请6件。
    """
    for head in prose_counts(report).counts:
        if head.scope or head.negation or head.term is None or head.term.role != "total":
            continue
        groups: dict[str, list[Count]] = {}
        for part in head.parts:
            if not part.scope and part.term is not None and part.term.dimension:
                dim = "outcome" if part.term.dimension == "forward" else part.term.dimension
                groups.setdefault(dim, []).append(part)
        for dimension, items in groups.items():
            if dimension == "outcome" and not any(c.term and c.term.dimension == "outcome" for c in items):
                continue
            if len(items) >= 2:
                finding = _judge_sum(report, head, dimension, items)
                if finding is not None:
                    yield finding


# ---------------------------------------------------------------- shares


def _share_fits(percent: float, decimals: int, ratio: float) -> bool:
    """Whether a share printed with ``decimals`` places is ``ratio`` (in %) rounded or cut."""
    step = 10.0**-decimals
    return abs(percent - ratio) <= step / 2 + 1e-9 or 0 <= ratio - percent < step


@rule(
    "GI405",
    "narrative-share",
    "narrative",
    "warning",
    "正文百分比与表三比例不一致",
    "a share stated in the text differs from the ratio in table 3",
    registry=RULES,
    applies=REPORT,
)
def narrative_share(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    正文在某项办理结果后写的占比（“予以公开及部分公开42件，占51.85%”“不予处理80件（6.72%）”），是否等于
    表三中该项与所述总数（办结、受理）之比，按所写的小数位四舍五入或截断；等于正文自己两个数之比也
    视为一致（那时件数的错由 GI401 报告）。A share printed after an outcome against the ratio table 3
    gives (the outcome over the total the sentence states: answered, received), rounded or cut to the
    printed decimals; the ratio of the text's own two numbers is accepted too (a wrong count is GI401's).

    为什么 / Why
    条例第五十条第（二）项要求报告收到和处理申请的情况，占比由表三的件数算出；件数改了而占比没改（或反之）
    是常见的疏漏。Shares are computed from the counts of table 3 (Article 50 (2)); a count changed without its
    share (or the other way round) is a common slip.

    错误示例 / Bad
    办结申请81件，其中不予公开5件，占7.17%（表三为 5/81 = 6.17%）。

    正确示例 / Good
    办结申请81件，其中不予公开5件，占6.17%。
    """
    for count in prose_counts(report).counts:
        term = count.term
        if count.percent is None or count.scope or term is None or term.table != 3 or term.role != "part":
            continue
        head = count.head if count.head is not None and count.head.term and count.head.term.table == 3 else None
        items = _readings(report, count)
        # of the total the sentence states, or of the year's requests handled or received
        bases = [
            *(_readings(report, head) or [] if head is not None else []),
            *(k for reading in C.SHARE_BASES for k in _readings(report, count, (reading,)) or []),
        ]
        if items is None or not bases:
            continue
        percent, decimals = count.percent
        ratios = [100 * i.value / b.value for i in items for b in bases if b.value]
        if head is not None and head.value:
            said = 100 * count.value / head.value
            if _share_fits(percent, decimals, said):
                continue
        if not ratios or any(_share_fits(percent, decimals, r) for r in ratios):
            continue
        item = items[0]
        base = next(b for b in bases if b.value)
        span = report.stream.span(count.start, count.end)
        yield Finding(
            span,
            f"正文“{count.text}”占 {percent:.{decimals}f}%，按表三为 {item.value}/{base.value} = "
            f"{100 * item.value / base.value:.{decimals}f}%（{_cells_place(item, 'zh')}）",
            f"the text gives {count.text!r} as {percent:.{decimals}f}% but table 3 gives {item.value}/{base.value} "
            f"= {100 * item.value / base.value:.{decimals}f}% ({_cells_place(item, 'en')})",
            "按表三重新计算占比",
            "recompute the share from table 3",
            related=_related(ctx, item) + _related(ctx, base),
        )
