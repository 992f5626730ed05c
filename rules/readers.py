"""Input rules for the readers that need a program or an extra: .doc/.wps through LibreOffice, scans
and page images through OCR (``gilint[ocr]``). What they could not do, and how far an OCR reading is
to be trusted."""

from __future__ import annotations

from collections.abc import Iterator

from gilint.applies import REPORT
from gilint.context import RuleContext
from gilint.model import OCR_DOUBT, Finding, Report
from gilint.rule import Option, Rule, rule

RULES: list[Rule] = []
_CN = {2: "二", 3: "三", 4: "四"}
_SHOWN = 5  # uncertain cells quoted per table


def _problems(report: Report, kind: str) -> Iterator[Finding]:
    for p in report.doc.problems:
        if p.kind == kind:
            yield Finding(p.span, p.message_zh, p.message_en)


@rule(
    "GI020",
    "libreoffice-missing",
    "input",
    "error",
    "读取 .doc/.wps 需要 LibreOffice",
    "reading .doc/.wps needs LibreOffice",
    registry=RULES,
)
def libreoffice_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    Word 97-2003（.doc）和 WPS（.wps）文件由 LibreOffice 转换为 .docx 后读取；本机没有安装 LibreOffice 时，
    文件未被检查，诊断说明如何安装。.doc and .wps files are read after LibreOffice converts them to
    .docx; without LibreOffice the file is not checked, and the diagnostic says how to install it.

    为什么 / Why
    许多单位仍用 .doc 或 WPS 格式起草年报；不能读取时必须明确告知，而不是静默跳过。Many agencies
    still draft in .doc or WPS; a file that cannot be read must be said so, never skipped silently.

    错误示例 / Bad
    在没有 LibreOffice 的电脑上检查 报告.doc。Checking report.doc where LibreOffice is not installed.

    正确示例 / Good
    sudo apt-get install libreoffice-writer-nogui 后再检查，或在 Word/WPS 中另存为 .docx。
    """
    return _problems(report, "needs-libreoffice")


@rule(
    "GI021", "conversion-failed", "input", "error", ".doc/.wps 转换失败", "converting .doc/.wps failed", registry=RULES
)
def conversion_failed(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    LibreOffice 无法把 .doc/.wps 文件转换为 .docx（文件损坏、不是 Word/WPS 文档），或转换超时。
    LibreOffice could not convert the .doc/.wps file (damaged, not a Word/WPS document) or ran out of time.

    为什么 / Why
    转换失败的文件没有被检查。A file that did not convert was not checked.

    错误示例 / Bad
    扩展名为 .doc 的损坏文件或其他格式的文件。A damaged file, or another format named .doc.

    正确示例 / Good
    能在 Word/WPS 中正常打开的 .doc/.wps 文件；或另存为 .docx。
    """
    return _problems(report, "conversion-failed")


@rule("GI022", "ocr-missing", "input", "error", "扫描件需要 OCR 扩展", "a scan needs the OCR extra", registry=RULES)
def ocr_missing(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    PDF 的页面只有图像没有文字层（扫描件），或要检查的是页面图片（.png/.jpg），而没有安装 gilint 的 OCR
    扩展；这些页面未被读取。诊断给出安装命令 ``pip install 'gilint[ocr]'``。Pages that are images only
    (a scan) or a page image, with gilint's OCR extra not installed: those pages were not read. The
    diagnostic gives the command to install it.

    为什么 / Why
    许多单位发布盖章后扫描的 PDF；不识别就无法检查。Many agencies publish a stamped, scanned PDF.

    错误示例 / Bad
    未安装 OCR 扩展时检查扫描版年报。

    正确示例 / Good
    pip install 'gilint[ocr]' 后再检查（模型随软件包安装，运行时不联网下载）。
    """
    return _problems(report, "needs-ocr")


@rule("GI023", "ocr-read", "input", "info", "页面由 OCR 识别", "pages were read by OCR", registry=RULES)
def ocr_read(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    说明哪些页面没有文字层、由 OCR 识别读取，以及识别置信度最低的文字。Says which pages had no text
    layer and were read by OCR, and the weakest recognition confidence.

    为什么 / Why
    OCR 可能认错字；依据 OCR 结果得出的结论应对照原件核对。OCR can misread; conclusions drawn from
    it should be checked against the original.

    错误示例 / Bad
    扫描件（提示信息，不是错误）。A scan (a notice, not a defect).

    正确示例 / Good
    带文字层的 PDF 或 Word 文件不需要 OCR。
    """
    return _problems(report, "ocr")


@rule(
    "GI024",
    "ocr-uncertain",
    "input",
    "warning",
    "OCR 识别存疑的表格数值",
    "table values OCR read uncertainly",
    registry=RULES,
    options={
        "min-confidence": Option(
            OCR_DOUBT,
            "低于此识别置信度的数值列出 / list values read with a confidence under this",
            minimum=0.0,
            maximum=1.0,
        )
    },
    applies=REPORT,
)
def ocr_uncertain(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """检查什么 / What it checks
    表二、表三、表四中 OCR 识别置信度低于 ``min-confidence``（默认 0.5）的数值，每张表一条，列出各格的位置、
    读出的值和置信度；扫描件中识别为空白的格置信度为 0。经过置信度低于 0.5 的格的勾稽关系不成立时，可能是
    OCR 认错，而不是报告本身填错：这里列出这些勾稽关系，GI310–GI313 不再把它们当作报告的错误。Values of tables
    2-4 that OCR read with a confidence under ``min-confidence`` (0.5 by default), one finding per table
    with each cell's place, value and confidence; a cell of a scan OCR read as blank has confidence 0.
    An identity that fails through a cell read with a confidence under 0.5 may be OCR's misreading
    rather than the report's error: it is listed here, and GI310–GI313 do not report it as the report's.

    为什么 / Why
    扫描件中的“0”“6”“8”等常被认错；只有把识别存疑的格标出来，审核者才知道哪些结论要对照原件。
    Scans make 0, 6 and 8 easy to misread; marking the doubtful cells tells a reviewer which
    conclusions to check against the original.

    错误示例 / Bad
    表三“（一）予以公开”总计一格印得模糊，OCR 以 0.55 的置信度读作“8”。

    正确示例 / Good
    清晰的扫描件（300 dpi、端正），或带文字层的 PDF。
    """
    floor = float(ctx["min-confidence"])  # type: ignore[arg-type]
    for n, table in sorted(report.tables.items()):
        doubtful = [
            (cell, cell.confidence)
            for row in table.cells.values()
            for cell in row.values()
            if cell.confidence is not None and cell.confidence < floor
        ]
        if not doubtful:
            continue
        through = [
            c.identity.id
            for c in table.checks
            if c.status == "fails"
            and any((cell := table.cell(*r)) is not None and cell.doubtful for r in c.identity.members)
        ]
        shown = doubtful[:_SHOWN]
        zh = "，".join(f"{c.span.logical or ''}“{c.raw}”（{conf:.2f}）" for c, conf in shown)
        en = "; ".join(f"{c.span.logical or ''} {c.raw!r} ({conf:.2f})" for c, conf in shown)
        more_zh = f"等 {len(doubtful)} 格" if len(doubtful) > _SHOWN else ""
        more_en = f", {len(doubtful)} cells in all" if len(doubtful) > _SHOWN else ""
        fails_zh = f"；经过这些格的勾稽关系 {'、'.join(through)} 不成立，可能是识别错误" if through else ""
        fails_en = f"; the identities {', '.join(through)} through them fail, maybe a misreading" if through else ""
        yield Finding(
            doubtful[0][0].span,
            f"表{_CN[n]}有 OCR 识别置信度低于 {floor:g} 的数值：{zh}{more_zh}{fails_zh}",
            f"table {n} holds values OCR read with a confidence under {floor:g}: {en}{more_en}{fails_en}",
            "请对照原件核对这些数值；涉及它们的勾稽关系不成立时，可能是识别错误",
            "check these values against the original; an identity involving them that fails may be a misreading",
        )
