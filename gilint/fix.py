"""Fixes: applying a finding's edits to the source file, and ``gilint check --fix``.

A rule attaches a ``Fix`` to a finding: edits to the report's stream text (``model.Edit``), each inside
one node. Rules say *what* to change; the engine places each edit in the source as it reports the finding
(``gilint.place``: where its characters are written), and this module changes only those characters:

- text, Markdown and HTML edits are applied where they were placed, each checked against the bytes
  (an HTML edit only where every character it touches is literal and contiguous in the source: no tag,
  entity or comment inside it);
- a .docx node is found among the ``w:p`` (paragraph) or ``w:tc`` (cell) elements of
  ``word/document.xml`` holding exactly its text, and the edit changes the ``w:t`` runs that hold
  the characters;
- a PDF is never changed.

An edit that cannot be placed exactly is not applied, and the fix says why; nothing is guessed.
Applying to text, Markdown and HTML splices the original bytes: everything outside the edited
characters stays byte for byte as it was, in the file's own encoding (a GBK page stays GBK). A .docx
is rewritten with only ``word/document.xml`` changed, every other member copied as it was.

``fix_file`` is ruff's loop: check, apply the non-overlapping fixes (by position, then code), check
the fixed bytes again, until nothing is left to apply or ``MAX_ROUNDS`` rounds have run. Fixing a
file twice changes nothing the second time. It runs the engine, so this module sits above it.
"""

from __future__ import annotations

import bisect
import codecs
import difflib
import html
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gilint.decode import decode_bytes
from gilint.engine import Plugins, check_file
from gilint.model import Diagnostic, Document, Edit

if TYPE_CHECKING:
    from lxml import etree

    from gilint.config import Config
    from gilint.model import Report
    from gilint.parsers.docx import DocxText

MAX_ROUNDS = 10  # check-and-fix rounds per file; a fix that keeps producing new fixes stops here
_WRITABLE = ("text", "markdown", "html", "docx")
_CHUNK = 4096  # characters per step of the table of byte offsets


class Unfixable(Exception):
    """A fix that cannot be applied exactly, with the reason in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


_NOT_PLACED = Unfixable(
    "无法在源文件中准确定位要修改的文字，未修复",
    "the text to change cannot be located exactly in the source: not fixed",
)


# ------------------------------------------------------------------ applying fixes


def applicable(d: Diagnostic, unsafe: bool = False) -> bool:
    """Whether ``gilint check --fix`` (with ``--unsafe-fixes`` when ``unsafe``) tries ``d``'s fix (one
    that could not be placed is tried too, so that its refusal is reported)."""
    return d.fix is not None and (d.fix.applicability == "safe" or unsafe)


def _clash(x: tuple[int, int], y: tuple[int, int]) -> bool:
    (a, b), (c, d) = x, y
    if a == b:  # an insertion clashes with an edit around it or at its point
        return c <= a <= d
    if c == d:
        return a <= c <= b
    return a < d and c < b


def non_overlapping(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The fixes one round applies: by the position of their first edit, then code; a fix touching
    an edit already taken waits for the next round (when it may no longer apply)."""
    chosen: list[Diagnostic] = []
    taken: list[tuple[int, int]] = []  # sorted and disjoint: only the neighbours of a range can clash with it
    for d in sorted(
        (d for d in diagnostics if d.fix and d.fix.edits),
        key=lambda d: (min(e.start for e in d.fix.edits), d.code, d.message_zh),  # type: ignore[union-attr]
    ):
        ranges = [(e.start, e.end) for e in d.fix.edits]  # type: ignore[union-attr]
        if not any(_clash(r, t) for r in ranges for t in _neighbours(taken, r)):
            chosen.append(d)
            for r in ranges:
                bisect.insort(taken, r)
    return chosen


def _neighbours(taken: list[tuple[int, int]], r: tuple[int, int]) -> list[tuple[int, int]]:
    i = bisect.bisect_left(taken, r)
    return taken[max(i - 1, 0) : i + 2]


@dataclass
class Refusal:
    """A fix that was not applied, and why."""

    diagnostic: Diagnostic
    reason_zh: str
    reason_en: str

    def reason(self, lang: str = "zh") -> str:
        return self.reason_en if lang == "en" else self.reason_zh


def apply_fixes(
    report: Report, data: bytes, diagnostics: Sequence[Diagnostic]
) -> tuple[bytes, list[Diagnostic], list[Refusal]]:
    """``data`` (the bytes ``report`` was read from) with the fixes of ``diagnostics`` (non-overlapping)
    applied: the new bytes, the diagnostics fixed, and the fixes refused."""
    kind = report.doc.kind
    done: list[Diagnostic] = []
    refused: list[Refusal] = []
    if kind not in _WRITABLE:
        reason = (
            ("PDF 文件不能自动修复", "a PDF file is not fixed")
            if kind == "pdf"
            else (f"“{kind}”类文件不能自动修复", f"a {kind} file is not fixed")
        )
        return data, done, [Refusal(d, *reason) for d in diagnostics]
    try:
        target: _Target = _Docx(report, data) if kind == "docx" else _Bytes(report.doc, data)
    except Unfixable as e:
        return data, done, [Refusal(d, e.zh, e.en) for d in diagnostics]
    for d in diagnostics:
        try:
            target.commit(target.plan(d.fix.edits))  # type: ignore[union-attr]
            done.append(d)
        except Unfixable as e:
            refused.append(Refusal(d, e.zh, e.en))
        except Exception as e:  # a bug here must not stop --fix on the other files: refuse, and say so
            refused.append(
                Refusal(
                    d,
                    f"修复时出现内部错误（{type(e).__name__}: {e}），未修复",
                    f"internal error while fixing ({type(e).__name__}: {e}): not fixed",
                )
            )
    if not done:
        return data, done, refused
    try:
        return target.result(), done, refused
    except Exception as e:  # a .docx member that cannot be read back (a damaged package): leave the file alone
        why = (
            f"无法写出修复后的文件（{type(e).__name__}: {e}），未修复",
            f"the fixed file cannot be written ({type(e).__name__}: {e}): not fixed",
        )
        return data, [], [*refused, *(Refusal(d, *why) for d in done)]


_CLASHES = Unfixable(
    "与同一轮的另一处修复改动了源文件中相同的字符，未修复",
    "another fix of the same round changes the same characters of the source: not fixed",
)


class _Target:
    """A file being fixed: ``plan`` checks one fix's edits against the file, ``commit`` takes a planned
    fix unless it touches what an earlier one changes (both raise Unfixable), ``result`` is the file
    with every committed fix applied."""

    def plan(self, edits: Sequence[Edit]) -> object:
        raise NotImplementedError

    def commit(self, plan: object) -> None:
        raise NotImplementedError

    def result(self) -> bytes:
        raise NotImplementedError


def _codec(data: bytes, encoding: str | None) -> tuple[int, str]:
    """(bytes of byte-order mark, a codec without one) for splicing the file's bytes."""
    if encoding is None:
        raise Unfixable("文件的编码无法确定，未修复", "the file's encoding is not known: not fixed")
    name = codecs.lookup(encoding).name
    if name == "utf-8":
        return (3 if data.startswith(codecs.BOM_UTF8) else 0), name
    if name == "utf-16":
        return 2, "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
    return 0, name


class _Bytes(_Target):
    """Text, Markdown or HTML: edits placed on source lines become byte ranges of the original file."""

    def __init__(self, doc: Document, data: bytes) -> None:
        self.data = data
        self.html = doc.kind == "html"
        decoded = decode_bytes(data, html=self.html)
        self.text = decoded.text
        self.encoding = decoded.encoding
        breaks = r"\r\n|\r|\n" if self.html else r"\n"  # how the reader numbered the lines
        self.line_starts = [0, *(m.end() for m in re.finditer(breaks, self.text))]
        self.splices: list[tuple[int, int, bytes]] = []  # byte ranges and what replaces them
        self.taken: list[tuple[int, int]] = []  # the same ranges, sorted
        self.chunks: list[int] | None = None  # bytes before every _CHUNK-th character, made when first needed

    def _offset(self, line: int, column: int) -> int:
        if not 1 <= line <= len(self.line_starts):
            raise _NOT_PLACED
        return self.line_starts[line - 1] + column - 1

    def _bytes_at(self, offset: int, prefix: int, codec: str) -> int:
        """The byte offset of character ``offset`` (a stateless codec: each character's bytes alone)."""
        if self.chunks is None:
            self.chunks = [prefix]
            for i in range(0, len(self.text), _CHUNK):
                self.chunks.append(
                    self.chunks[-1] + len(self.text[i : i + _CHUNK].encode(codec, errors="surrogatepass"))
                )
        k = offset // _CHUNK
        return self.chunks[k] + len(self.text[k * _CHUNK : offset].encode(codec, errors="surrogatepass"))

    def plan(self, edits: Sequence[Edit]) -> list[tuple[int, int, bytes]]:
        prefix, codec = _codec(self.data, self.encoding)
        out = []
        for e in edits:
            s = e.span
            if s is None or s.line is None or s.column is None or s.end_line is None or s.end_column is None:
                raise _NOT_PLACED
            start, end = self._offset(s.line, s.column), self._offset(s.end_line, s.end_column + 1)
            written = self.text[start:end]
            same = (
                " ".join(written.split()) == " ".join(e.old.split()) and not re.search("[<&]", written)
                if self.html
                else written == e.old
            )
            if not same:
                raise _NOT_PLACED
            a, b = self._bytes_at(start, prefix, codec), self._bytes_at(end, prefix, codec)
            if self.data[a:b] != written.encode(codec, errors="surrogatepass"):
                raise _NOT_PLACED
            new = html.escape(e.replacement, quote=False) if self.html else e.replacement
            try:
                out.append((a, b, new.encode(codec)))
            except UnicodeEncodeError:
                raise Unfixable(
                    f"修改后的文字无法用文件的编码（{self.encoding}）保存，未修复",
                    f"the new text cannot be written in the file's encoding ({self.encoding}): not fixed",
                ) from None
        return out

    def commit(self, plan: object) -> None:
        if any(_clash((a, b), t) for a, b, _ in plan for t in _neighbours(self.taken, (a, b))):  # type: ignore[attr-defined]
            raise _CLASHES
        for a, b, new in plan:  # type: ignore[attr-defined]
            self.splices.append((a, b, new))
            bisect.insort(self.taken, (a, b))

    def result(self) -> bytes:
        out, pos = bytearray(), 0
        for a, b, new in sorted(self.splices):
            out += self.data[pos:a] + new
            pos = b
        return bytes(out + self.data[pos:])


_DOCUMENT = "word/document.xml"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# a run's character: (w:t element, index in its text), or None for a tab, break or paragraph start
Unit = tuple["etree._Element", int] | None


class _Docx(_Target):
    """A .docx: each edit changes the ``w:t`` runs holding its characters in ``word/document.xml``."""

    def __init__(self, report: Report, data: bytes) -> None:
        from lxml import etree

        from gilint.parsers.docx import text_reader  # the reader's own definition of a paragraph's text

        self.data, self.stream = data, report.stream
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                xml = archive.read(_DOCUMENT)
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
            self.root = etree.fromstring(xml, parser)
            self.reader = text_reader(data, self.root, report.path)
        except Exception as e:  # it was read a moment ago; anything now is a reason not to touch it
            raise Unfixable(
                f"无法再次读取 {_DOCUMENT}（{e}），未修复", f"cannot read {_DOCUMENT} again ({e}): not fixed"
            ) from None
        ns = self.root.tag.rpartition("}")[0] + "}"
        self.containers = {"text": list(self.root.iter(f"{ns}p")), "cell": list(self.root.iter(f"{ns}tc"))}
        self.texts: dict[int, str] = {}
        self.changes: dict[etree._Element, tuple[set[int], dict[int, str]]] = {}  # w:t -> (deleted, inserted)

    def _read(self, el: etree._Element, sources: bool = False) -> DocxText:
        """The container's text as the reader reads it (with where each character comes from)."""
        from gilint.parsers.docx import DocxText

        out = DocxText(sources=[] if sources else None)
        if el.tag.endswith("}tc"):
            return self.reader.cell_text(el, out)
        return self.reader.read_paragraph(el, out)

    def _text(self, el: etree._Element) -> str:
        if id(el) not in self.texts:
            self.texts[id(el)] = self._read(el).text()
        return self.texts[id(el)]

    def _container(self, i: int) -> etree._Element:
        """The w:p or w:tc node ``i`` was read from: the k-th element holding exactly its text when the
        document has as many such elements as the report has such nodes; otherwise it is not certain."""
        node = self.stream.nodes[i]
        same = [j for j, n in enumerate(self.stream.nodes) if n.kind == node.kind and n.text == node.text]
        holders = [el for el in self.containers.get(node.kind, []) if self._text(el) == node.text]
        if len(holders) != len(same):
            raise Unfixable(
                f"“{node.text[:30]}”在文档中出现 {len(holders)} 次，无法确定是哪一处，未修复",
                f"{node.text[:30]!r} occurs {len(holders)} times in the document; which one is "
                "meant is not certain: not fixed",
            )
        return holders[same.index(i)]

    def _units(self, el: etree._Element) -> list[list[Unit]]:
        """The container's text as read (white space collapsed, trimmed): for each character, the run
        characters it stands for (several for collapsed white space)."""
        out: list[list[Unit]] = []
        content = self._read(el, sources=True)
        for unit in content.sources or ():  # None: a tab, a break, a numbering label (nothing to edit there)
            if not _is_space(unit):
                out.append([unit])
            elif out and _is_space(out[-1][0]):
                out[-1].append(unit)
            else:
                out.append([unit])
        while out and _is_space(out[0][0]):
            out.pop(0)
        while out and _is_space(out[-1][0]):
            out.pop()
        return out

    def plan(self, edits: Sequence[Edit]) -> list[tuple[list[Unit], Unit, str]]:
        out: list[tuple[list[Unit], Unit, str]] = []
        for e in edits:
            i = self.stream.node_index(e.start)
            base = self.stream.starts[i]
            a, b = e.start - base, e.end - base
            units = self._units(self._container(i))
            if "".join(" " if _is_space(u[0]) else _char(u[0]) for u in units) != self.stream.nodes[i].text:
                raise _NOT_PLACED
            touched = units[a:b]
            if any(len(u) != 1 or u[0] is None for u in touched):  # a tab, a break, collapsed spaces
                raise Unfixable(
                    "要修改的文字中含有制表符、换行或多个空格，未修复",
                    "the text to change holds a tab, a break or several spaces: not fixed",
                )
            at: Unit = None
            if a < b:
                at = touched[0][0]
            elif a > 0 and len(units[a - 1]) == 1 and (before := units[a - 1][0]) is not None:
                t, k = before
                at = (t, k + 1)
            elif a < len(units) and len(units[a]) == 1:
                at = units[a][0]
            if at is None:
                raise _NOT_PLACED
            out.append(([u[0] for u in touched], at, e.replacement))
        return out

    def commit(self, plan: object) -> None:
        for deleted, (t, k), _ in plan:  # type: ignore[attr-defined]
            gone, added = self.changes.get(t, (set(), {}))
            if k in added or k in gone or any(i in self.changes.get(r, (set(), {}))[0] for r, i in deleted):
                raise _CLASHES
        for deleted, (t, k), new in plan:  # type: ignore[attr-defined]
            for run, index in deleted:
                self.changes.setdefault(run, (set(), {}))[0].add(index)
            inserted = self.changes.setdefault(t, (set(), {}))[1]
            inserted[k] = inserted.get(k, "") + new

    def result(self) -> bytes:
        from lxml import etree

        for t, (deleted, inserted) in self.changes.items():
            old = t.text or ""
            new = "".join(inserted.get(k, "") + ("" if k in deleted else ch) for k, ch in enumerate(old))
            new += inserted.get(len(old), "")
            t.text = new
            if new != new.strip() or "  " in new:
                t.set(_XML_SPACE, "preserve")
        xml = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(self.data)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                dst.writestr(info, xml if info.filename == _DOCUMENT else src.read(info))
        return out.getvalue()


def _char(unit: Unit) -> str:
    return "" if unit is None else (unit[0].text or "")[unit[1]]


def _is_space(unit: Unit) -> bool:
    """Whether a run character is white space (a tab, a break, a paragraph start, a space)."""
    return unit is None or _char(unit).isspace()


# ------------------------------------------------------------------ the --fix loop


@dataclass
class FixResult:
    """What ``gilint check --fix`` did to one file."""

    path: str
    kind: str  # the Document kind: "text", "markdown", "html", "docx", "pdf", …
    before: bytes
    after: bytes
    fixed: list[Diagnostic] = field(default_factory=list)  # in the order applied
    refused: list[Refusal] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)  # the diagnostics of the fixed file

    @property
    def changed(self) -> bool:
        return self.after != self.before


def _key(d: Diagnostic) -> tuple[object, ...]:
    return d.code, d.message_zh, tuple((e.old, e.replacement) for e in d.fix.edits) if d.fix else ()


def fix_file(path: str, config: Config, plugins: Plugins, unsafe: bool = False, data: bytes | None = None) -> FixResult:
    """Check ``path`` (or ``data``, its bytes) and apply its fixes round by round; nothing is written."""
    before = Path(path).read_bytes() if data is None else data
    result = FixResult(path, "", before, before)
    refused: set[tuple[object, ...]] = set()
    for _ in range(MAX_ROUNDS):
        checked = check_file(path, config, plugins, result.after)
        result.remaining = checked.diagnostics
        if checked.report is None:
            return result
        result.kind = checked.report.doc.kind
        todo = [d for d in checked.diagnostics if applicable(d, unsafe) and _key(d) not in refused]
        if not todo:
            return result
        after, done, refusals = apply_fixes(checked.report, result.after, non_overlapping(todo))
        for r in refusals:
            refused.add(_key(r.diagnostic))
            result.refused.append(r)
        result.fixed += done
        if after == result.after:
            return result
        result.after = after
    result.remaining = check_file(path, config, plugins, result.after).diagnostics
    return result


def diff(result: FixResult) -> str:
    """A unified diff of what fixing changed (for a .docx, of its paragraphs' and cells' text)."""
    if not result.changed:
        return ""
    if result.kind == "docx":
        from gilint.parsers import read_document

        old = read_document(result.path, result.before).lines
        new = read_document(result.path, result.after).lines
    else:
        html_ = result.kind == "html"
        old = decode_bytes(result.before, html=html_).text.splitlines()
        new = decode_bytes(result.after, html=html_).text.splitlines()
    name = Path(result.path).as_posix()
    return "".join(f"{line}\n" for line in difflib.unified_diff(old, new, name, name, lineterm=""))
