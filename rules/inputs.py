"""Input rules: what the readers could not read. Everything else depends on reading exactly."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from gilint_rules._util import HARD_INPUT, READER_NOTES, TOOL_MISSING, is_report, start_span

from gilint.model import Finding, Report
from gilint.rule import Rule, rule

RULES: list[Rule] = []


@rule("GI001", "unreadable-input", "input", "error", "文件无法读取", "the file cannot be read",
      registry=RULES)
def unreadable_input(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    文件是否能被完整读取：二进制文件、无法解码的字节、不是 zip 的 .docx、没有文字层的 PDF、
    超过大小上限的文件、空文件。A file gilint cannot read: binary, undecodable, a .docx that is not a
    zip, a PDF without a text layer, a file over the size cap, an empty file.

    为什么 / Why
    读不出的报告无法检查；静默跳过会让审核者以为它没有问题。An unreadable report cannot be
    checked, and skipping it silently would pass it.

    错误示例 / Bad
    把扫描版 PDF 或损坏的 Word 文件作为年报提交。A scanned PDF, a damaged .docx.

    正确示例 / Good
    带文字层的 PDF、可打开的 .docx、UTF-8 或 GBK 编码的 HTML/文本。
    """
    for p in report.doc.problems:
        if p.kind in HARD_INPUT:
            yield Finding(p.span, p.message_zh, p.message_en)


@rule("GI002", "doubtful-input", "input", "warning", "文件读取存疑", "the file was read with doubts",
      registry=RULES)
def doubtful_input(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
    """检查什么 / What it checks
    文件能读，但读法有疑问：编码靠猜测、末尾被截断、HTML 保存成了 .txt。The file was read, but with
    doubt: the encoding was guessed, the file is truncated, HTML was saved as .txt.

    为什么 / Why
    这些情况下后续结论可能建立在乱码或残缺文本上。Later findings may rest on garbled text.

    错误示例 / Bad
    以 .txt 后缀保存的网页源码；中途截断的文件。

    正确示例 / Good
    扩展名与内容一致、完整的文件。
    """
    for p in report.doc.problems:
        if p.kind not in HARD_INPUT and p.kind not in READER_NOTES:
            yield Finding(p.span, p.message_zh, p.message_en)


@rule("GI003", "not-a-report", "input", "warning", "不像政府信息公开工作年度报告",
      "does not look like an annual report", registry=RULES)
def not_a_report(report: Report, options: Mapping[str, object]) -> Iterator[Finding]:
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
    if report.doc.nodes and not any(p.kind in HARD_INPUT or p.kind in TOOL_MISSING for p in report.doc.problems) \
            and not is_report(report):
        yield Finding(start_span(report), "未识别出年报标题、六个部分或统计表，其余检查已跳过",
                      "no report title, format sections or tables found: other checks skipped")
