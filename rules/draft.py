"""Draft rules: Word markup showing a report is not final (tracked changes, comments, hidden,
highlighted or coloured text, unfilled content controls). They read ``Document.marks``, which the
.docx reader fills (and so do .doc and .wps files, read through LibreOffice as .docx)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from gilint.applies import REPORT
from gilint.context import RuleContext
from gilint.model import Finding, Mark, Report, Span
from gilint.rule import Rule, rule

RULES: list[Rule] = []
_MAX_PLACES = 20  # findings per rule and file; the rest are counted in the last one
_SHOWN = 3  # marked texts quoted per finding
_QUOTE = 30  # characters of one marked text quoted
_HIGHLIGHTS = {
    "yellow": "黄色",
    "green": "绿色",
    "cyan": "青色",
    "magenta": "洋红",
    "red": "红色",
    "blue": "蓝色",
    "darkYellow": "深黄色",
    "darkGreen": "深绿色",
    "darkCyan": "深青色",
    "darkMagenta": "深洋红",
    "darkRed": "深红色",
    "darkBlue": "深蓝色",
    "lightGray": "浅灰色",
    "darkGray": "深灰色",
    "black": "黑色",
    "white": "白色",
}


def _places(marks: Iterable[Mark]) -> list[tuple[Span, list[Mark]]]:
    """The marks grouped by the paragraph or cell they are in, in reading order."""
    out: dict[Span, list[Mark]] = {}
    for m in marks:
        out.setdefault(m.span, []).append(m)
    return list(out.items())


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE else text[:_QUOTE] + "…"


def _findings(
    places: list[tuple[Span, list[Mark]]],
    zh: str,
    en: str,
    hint_zh: str,
    hint_en: str,
    describe: tuple[Callable[[Mark], str], Callable[[Mark], str]],
) -> Iterator[Finding]:
    """One finding per place (at most ``_MAX_PLACES``; the last says how many more there are), each
    describing its marks in Chinese and English with the two functions of ``describe``."""
    zh_of, en_of = describe
    for i, (span, marks) in enumerate(places[:_MAX_PLACES]):
        more = len(places) - _MAX_PLACES if i == _MAX_PLACES - 1 and len(places) > _MAX_PLACES else 0
        shown = marks[:_SHOWN]
        what_zh = "，".join(zh_of(m) for m in shown) + ("等" if len(marks) > _SHOWN else "")
        what_en = "; ".join(en_of(m) for m in shown) + (", …" if len(marks) > _SHOWN else "")
        yield Finding(
            span,
            f"{zh}：{what_zh}" + (f"（另有 {more} 处未列出）" if more else ""),
            f"{en}: {what_en}" + (f" ({more} more places not listed)" if more else ""),
            hint_zh,
            hint_en,
        )


def _marks(report: Report, *kinds: str) -> list[Mark]:
    return [m for m in report.doc.marks if m.kind in kinds]


_REVISION_ZH = {"insertion": "插入", "deletion": "删除", "move": "移动", "format-change": "格式修改"}
_REVISION_EN = {"insertion": "inserted", "deletion": "deleted", "move": "moved", "format-change": "formatting changed"}


def _revision_zh(m: Mark) -> str:
    if m.text == "¶":
        return f"{_REVISION_ZH[m.kind]}段落标记"
    return f"{_REVISION_ZH[m.kind]}“{_quote(m.text)}”" if m.text.strip() else _REVISION_ZH[m.kind]


def _revision_en(m: Mark) -> str:
    if m.text == "¶":
        return f"paragraph mark {_REVISION_EN[m.kind]}"
    return f"{_REVISION_EN[m.kind]} {_quote(m.text)!r}" if m.text.strip() else _REVISION_EN[m.kind]


@rule(
    "GI801",
    "tracked-changes",
    "draft",
    "error",
    "文档中有未处理的修订",
    "the document holds tracked changes",
    registry=RULES,
    applies=REPORT,
)
def tracked_changes(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    Word（或 WPS）文档中是否还有未接受或拒绝的修订：插入、删除、移动、格式修改（``w:ins``、``w:del``、
    ``w:moveFrom``/``w:moveTo``、``w:rPrChange``/``w:pPrChange``）。gilint 按接受全部修订后的文字检查其余
    规则；本规则指出修订本身还在。Whether the Word (or WPS) file still holds tracked changes that were
    neither accepted nor rejected. The other rules read the text with every change accepted; this rule
    says the changes are still there.

    为什么 / Why
    年报以定稿向社会公布（条例第四十九条）。带修订的文件一旦发布，被删除的文字（如改动前的数字、内部意见）
    在 Word 中仍可看到；而且定稿文字尚未确定。A report is published as final (Article 49 of the Regulation); a
    file published with tracked changes still shows the deleted text (earlier figures, internal remarks), and its
    final wording is not settled.

    错误示例 / Bad
    本年度共收到申请~~5~~3件（“5”为删除修订，“3”为插入修订，均未接受）。

    正确示例 / Good
    审阅 → 接受所有修订后另存：本年度共收到申请3件。
    """
    places = _places(_marks(report, "insertion", "deletion", "move", "format-change"))
    yield from _findings(
        places,
        "有未处理的修订",
        "unresolved tracked changes",
        "定稿前在“审阅”中接受或拒绝全部修订，再发布",
        "accept or reject every tracked change (Review → Accept All) before publishing",
        (_revision_zh, _revision_en),
    )


@rule(
    "GI802",
    "comments-left",
    "draft",
    "error",
    "文档中留有批注",
    "comments are left in the document",
    registry=RULES,
    applies=REPORT,
)
def comments_left(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    文档中是否留有批注（``word/comments.xml`` 中的 ``w:comment``），定位到批注所在的段落或单元格。
    Whether comments (批注) are left in the document, located at the paragraph or cell they are on.

    为什么 / Why
    年报要向社会公布（条例第四十九条）；批注是起草、审核过程中的内部意见，随 Word 文件发布就会公开，常含
    未定的数字或待办事项。The report is published (Article 49 of the Regulation); comments are internal review
    remarks that become public with the file, often with unsettled figures or to-dos.

    错误示例 / Bad
    “本年度共收到申请13件” 上的批注：“请业务科室核实件数”。

    正确示例 / Good
    核实后删除所有批注（审阅 → 删除 → 删除文档中的所有批注）。
    """
    places = _places(_marks(report, "comment"))
    yield from _findings(
        places,
        "留有批注",
        "a comment is left",
        "核实后删除文档中的所有批注",
        "resolve and delete every comment before publishing",
        (lambda m: f"“{_quote(m.text)}”", lambda m: repr(_quote(m.text))),
    )


@rule(
    "GI803",
    "hidden-text",
    "draft",
    "warning",
    "文档中有隐藏文字",
    "the document holds hidden text",
    registry=RULES,
    applies=REPORT,
)
def hidden_text(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    是否有设为“隐藏”的文字（``w:vanish``）。gilint 不把隐藏文字当作正文读取（打印和转成 PDF 时它不出现），
    本规则指出它仍在文件中。Whether text is formatted hidden (``w:vanish``). gilint does not read it as
    text (it is neither printed nor in a PDF made from the file); this rule says it is still in the file.

    为什么 / Why
    年报要向社会公布（条例第四十九条）；隐藏文字在发布的 Word 文件中一点“显示/隐藏编辑标记”就能看到，
    往往是删掉不用的旧数字或内部说明，发布前应删除。The report is published (Article 49 of the Regulation), and
    anyone can show hidden text in the file; it is usually old figures or internal notes that should be deleted.

    错误示例 / Bad
    （隐藏）上年数据：收到申请21件

    正确示例 / Good
    删除不用的文字，而不是把它设为隐藏。
    """
    places = _places(_marks(report, "hidden"))
    yield from _findings(
        places,
        "有隐藏文字",
        "hidden text",
        "删除不需要的文字，不要用“隐藏”格式保留",
        "delete text that is not needed instead of hiding it",
        (lambda m: f"“{_quote(m.text)}”", lambda m: repr(_quote(m.text))),
    )


def _highlight_zh(m: Mark) -> str:
    how = f"突出显示（{_HIGHLIGHTS.get(m.detail, m.detail)}）" if m.kind == "highlight" else f"底纹（#{m.detail}）"
    return f"“{_quote(m.text)}”有{how}"


def _highlight_en(m: Mark) -> str:
    how = f"highlighted ({m.detail})" if m.kind == "highlight" else f"shaded (#{m.detail})"
    return f"{_quote(m.text)!r} {how}"


@rule(
    "GI804",
    "highlighted-text",
    "draft",
    "warning",
    "文档中有突出显示或加底纹的文字",
    "text is highlighted or shaded",
    registry=RULES,
    applies=REPORT,
)
def highlighted_text(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    文字是否带有突出显示（``w:highlight``，荧光笔）或文字底纹（``w:shd``，不含表格单元格底纹）。
    Whether runs are highlighted (``w:highlight``) or shaded (run-level ``w:shd``; table cell shading
    is layout and is not reported).

    为什么 / Why
    年报要向社会公布（条例第四十九条）；起草时常用荧光笔标出待填、待核的内容（如模板中的“XX件”），定稿后
    应逐一处理并清除标记，公文正文不使用突出显示。The report is published (Article 49 of the Regulation);
    drafters highlight what is still to be filled in or checked (a template's "XX件"), and the marks must be
    resolved and cleared before publishing.

    错误示例 / Bad
    本年度共收到申请【XX件】（黄色突出显示）

    正确示例 / Good
    本年度共收到申请13件（无突出显示）
    """
    places = _places(_marks(report, "highlight", "shading"))
    yield from _findings(
        places,
        "有突出显示的文字，可能是未处理的待填或待核内容",
        "highlighted text, possibly still to be filled in or checked",
        "核实内容后清除突出显示和底纹",
        "check the text, then clear the highlighting and shading",
        (_highlight_zh, _highlight_en),
    )


@rule(
    "GI805",
    "coloured-text",
    "draft",
    "warning",
    "正文中有彩色文字",
    "coloured text in the body",
    registry=RULES,
    applies=REPORT,
)
def coloured_text(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    标题之后的正文、表格中是否有彩色文字（``w:color`` 不是黑色、灰色或自动）。超链接，以及标题之前的
    内容（如红头）不报告。Whether text after the title is coloured (``w:color`` other than black, grey
    or automatic). Hyperlinks, and what comes before the title (a red letterhead), are not reported.

    为什么 / Why
    公文正文用黑色（GB/T 9704《党政机关公文格式》）；起草时常把待改、待核的内容标成红色或蓝色，
    定稿后忘了改回。Official documents are set in black (GB/T 9704); drafters colour what is still to
    be changed or checked, and forget to set it back.

    错误示例 / Bad
    全年共收到申请 13 件（“13”为红色，表示待核）

    正确示例 / Good
    全年共收到申请 13 件（黑色）
    """
    title = report.title_span.line if report.title_span and report.title_span.line else 0
    marks = [m for m in _marks(report, "colour") if (m.span.line or 0) > title]
    yield from _findings(
        _places(marks),
        "有彩色文字，可能是未处理的修改标记",
        "coloured text, possibly an unresolved editing mark",
        "核实后把正文文字改为黑色",
        "check the text, then set it in black",
        (
            lambda m: f"“{_quote(m.text)}”为彩色（#{m.detail}）",
            lambda m: f"{_quote(m.text)!r} is coloured (#{m.detail})",
        ),
    )


@rule(
    "GI806",
    "unfilled-content-control",
    "draft",
    "error",
    "内容控件未填写",
    "a content control is not filled in",
    registry=RULES,
    applies=REPORT,
)
def unfilled_content_control(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    模板中的内容控件（``w:sdt``）是否仍显示其提示文字（``w:showingPlcHdr``），如“单击或点击此处输入文字。”。
    Whether a template's content control still shows its placeholder prompt (``w:showingPlcHdr``).

    为什么 / Why
    提示文字会原样打印和发布（条例第四十九条：年报向社会公布），说明该处内容还没有填写；国办公开办函
    〔2021〕30号将“发布内容不准确不全面”列为追责情形。The prompt is published as it is (Article 49): that part
    of the report was never filled in, which the 2021 format sanctions as incomplete content.

    错误示例 / Bad
    统计期限自单击或点击此处输入日期。起至……

    正确示例 / Good
    统计期限自2024年1月1日起至2024年12月31日止。
    """
    places = _places(_marks(report, "placeholder"))
    yield from _findings(
        places,
        "内容控件仍显示提示文字，未填写",
        "a content control still shows its prompt",
        "在控件中填入实际内容",
        "fill in the content control",
        (lambda m: f"“{_quote(m.text)}”", lambda m: repr(_quote(m.text))),
    )
