"""Input rules: what the readers could not read. Everything else depends on reading exactly."""

from __future__ import annotations

from collections.abc import Iterator

from gilint_rules._util import READER_NOTES, start_span

from gilint.applies import HARD_INPUT, TOOL_MISSING, is_report
from gilint.context import RuleContext
from gilint.model import Finding, Report
from gilint.parsers.limits import LIMIT_KINDS
from gilint.rule import Rule, rule

RULES: list[Rule] = []


@rule("GI001", "unreadable-input", "input", "error", "文件无法读取", "the file cannot be read", registry=RULES)
def unreadable_input(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    文件是否能被完整读取：二进制文件、无法解码的字节、不是 zip 的 .docx、正文 XML 残缺或带 DTD
    （被截断、实体炸弹）的 .docx、已损坏或没有文字层的 PDF、空文件。A file gilint cannot read:
    binary, undecodable, a .docx that is not a zip or whose word/document.xml is not well-formed or
    declares a DTD (cut off, an entity bomb), a damaged PDF or one without a text layer, an empty file.
    A file over a reading limit is GI004.

    为什么 / Why
    读不出的报告无法检查；静默跳过会让审核者以为它没有问题。An unreadable report cannot be
    checked, and skipping it silently would pass it.

    错误示例 / Bad
    把扫描版 PDF 或损坏的 Word 文件作为年报提交。A scanned PDF, a damaged .docx.

    正确示例 / Good
    带文字层的 PDF、可打开的 .docx、UTF-8 或 GBK 编码的 HTML/文本。
    """
    for p in report.doc.problems:
        if p.kind in HARD_INPUT and p.kind not in LIMIT_KINDS:
            yield Finding(p.span, p.message_zh, p.message_en)


@rule("GI002", "doubtful-input", "input", "warning", "文件读取存疑", "the file was read with doubts", registry=RULES)
def doubtful_input(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    文件能读，但读法有疑问：编码靠猜测、末尾被截断、个别字节无法解码（已替换，其余照常检查）、HTML
    保存成了 .txt、PDF 的交叉引用表损坏（已重建）。The file was read, but with doubt: the encoding
    was guessed, the file is truncated, a few bytes do not decode (replaced; the rest is checked),
    HTML was saved as .txt, a PDF's cross-reference table is damaged (rebuilt).

    为什么 / Why
    这些情况下后续结论可能建立在乱码或残缺文本上。Later findings may rest on garbled text.

    错误示例 / Bad
    以 .txt 后缀保存的网页源码；中途截断的文件。

    正确示例 / Good
    扩展名与内容一致、完整的文件。
    """
    for p in report.doc.problems:
        if p.kind not in HARD_INPUT and p.kind not in LIMIT_KINDS and p.kind not in READER_NOTES:
            yield Finding(p.span, p.message_zh, p.message_en)


@rule(
    "GI004",
    "reading-limit",
    "input",
    "error",
    "文件超出安全读取上限",
    "the file is over a reading limit",
    registry=RULES,
)
def reading_limit(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    读取文件时触到了安全上限，文件没有（或只有一部分）被读取：文件大小、读取时间（``--timeout``）与内存
    （``--max-memory``）、PDF 的页数、对象数、数据流和每页绘制指令的大小、每页的对象和字符数、HTML
    元素的属性数和注释数、段落和单元格的数量、.docx 的压缩比等。诊断写明是哪一个上限（名称和数值）、
    有多少内容没有读取，以及怎样调高（``--limit 名称=数值``）。A reading limit was reached, so the
    file was not read, or only in part: the file size, the time (``--timeout``) and memory
    (``--max-memory``) to read it, a PDF's pages, objects, stream and page-content sizes, objects
    and characters per page, an HTML element's attributes and the comments, paragraphs and cells, a
    .docx's compression ratio. The finding names the limit (name and value), says what was left
    unread and how to raise it (``--limit NAME=N``).

    为什么 / Why
    构造异常的文件（压缩炸弹、对象循环、上百万页、数十万个属性）不能让检查无限运行或耗尽内存；
    超出上限的部分没有检查过，不能当作没有问题。A crafted file (a zip bomb, an object cycle, a
    million pages, hundreds of thousands of attributes) must not make a check run for ever or exhaust
    memory, and what was left unread was not checked, so it must not pass as clean.

    错误示例 / Bad
    一个 4 MB 的 PDF，其内容流解压后达 4 GB。A 4 MB PDF whose content stream inflates to 4 GB.

    正确示例 / Good
    正常导出的报告远低于各项上限；确属正常的大文件，可用 ``--limit`` 调高相应上限后再检查。A report
    exported as usual is far below every limit; for a sound large file, raise the limit named and
    check again.
    """
    for p in report.doc.problems:
        if p.kind in LIMIT_KINDS:
            yield Finding(p.span, p.message_zh, p.message_en)


@rule(
    "GI003",
    "not-a-report",
    "input",
    "warning",
    "不像政府信息公开工作年度报告",
    "does not look like an annual report",
    registry=RULES,
)
def not_a_report(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    文件读出来了，但既没有年报标题，也找不到规定的部分标题或统计表。The file was read but has no
    annual-report title, no section headings of the format and none of its tables.

    为什么 / Why
    其余规则只对年度报告有意义；对 README 之类的文件逐条报错只会制造噪音。The other rules only
    make sense on a report; on a README they would only make noise, so they stay silent.

    错误示例 / Bad
    仓库里的说明文档被当作年报检查。

    正确示例 / Good
    含“××××年政府信息公开工作年度报告”标题及六个部分的文件。
    """
    if (
        report.doc.nodes
        and not any(p.kind in HARD_INPUT or p.kind in TOOL_MISSING for p in report.doc.problems)
        and not is_report(report)
    ):
        yield Finding(
            start_span(report),
            "未识别出年报标题、六个部分或统计表，其余检查已跳过",
            "no report title, format sections or tables found: other checks skipped",
        )
