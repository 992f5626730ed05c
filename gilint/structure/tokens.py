"""Characters to value groups: what stands after a row label, with where each piece is.

A *group* is a run of characters with no separator the reader can see: a markup cell, or a run of
digits in text between white space. A group may hold several run-together values ("5000005"); the
solver decides how it splits. Reading stops where prose begins: a non-value word after the values,
an ordinal ("1." before text), a number glued to a unit ("2022年", "13件"). A run of digits glued to
a year ("…继续办理20000022025年") gives its last four digits to the prose.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from gilint import regex
from gilint.model import Node, Stream
from gilint.numbers import to_ascii

BLANKS = frozenset({"", "/", "／", "-", "—", "－", "——", "–", "\\", "、"})
_VALUE = regex.compile(r"[+\-−－]?\d+(?:\.\d+)?(?:万元|元)?")
# white space is no piece: no alternative begins with it, so ``finditer`` steps over it
_PIECE = regex.compile(r"[+\-−－]?[0-9０-９]+(?:[.．][0-9０-９]+)?(?:万元|元)?|[^0-9０-９\s]+")
_SEVERAL = regex.compile(r"[0-9０-９.．/／—-]+(?:\s+[0-9０-９.．/／—-]+)+")
_UNITS = frozenset("年月日件个条项次余多份宗起人户家")  # a number glued to one of these is prose
_ORDINAL_MARK = frozenset(".．、")
_TEXT_BLANKS = frozenset({"/", "／", "—", "——", "–"})  # blanks among values in text
_STOPS = _UNITS | _ORDINAL_MARK  # what may make prose of the value before it
_SIGNS = frozenset("+-−－")
_GOES_ON = _SIGNS | frozenset("元万")  # after digits: a value piece goes on ("5元"), or another begins ("5-3")
_ASCII_DIGITS = frozenset("0123456789")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_DIGIT = regex.compile(r"\d")  # a digit of any script
_YEAR = regex.compile(r"(?:19|20)\d\d$")
_BODY = regex.compile(r"([+-]?)(\d+)")
_DRESSED = regex.compile(r"([0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+)\s*[件个项条]?")
_PAGE = regex.compile(
    r"[-—－–]\s*[0-9０-９]{1,3}\s*[-—－–]|第\s*[0-9０-９]{1,3}\s*页(?:\s*[/，,]?\s*共\s*[0-9０-９]{1,3}\s*页)?"
)
_PAGE_FIRST = frozenset("-—－–第")  # what a page number begins with: the cheap test before the pattern

RowKey = tuple[int | None, int] | None  # (markup table, markup row) of a label in a markup cell
ANY_ROW = "any"  # values may come from any markup row (table 4's data row under its header)


@dataclass(slots=True)
class Group:
    """Characters that hold one or more values. ``text`` is ASCII ("5000005", "-3", "12.5", "/").

    Never changed once built (``dataclasses.replace`` makes a new one), yet not frozen: a frozen
    dataclass sets each field through ``object.__setattr__``, which made building the groups of the
    corpus's tables over twice as dear, for a guarantee no caller needs (none hashes a group)."""

    text: str
    raw: str
    start: int  # stream offsets
    end: int
    cell: bool = False  # a whole markup cell: its boundaries are certain
    several: bool = False  # one markup cell holding several numbers ("0 0")
    confidence: float | None = None  # OCR's for the characters (None: not OCR'd)

    @property
    def body(self) -> tuple[int, int]:
        """Where its run of digits is in ``text``: after a sign, before a fraction or unit ("-18538" ->
        (1, 6), "3802895.90元" -> (0, 7)); cuts between values fall inside it."""
        text = self.text
        if self.several:
            return (0, 0)
        if text.isdigit() and text.isascii():  # digits only (most groups): all of it, no pattern needed
            return (0, len(text))
        m = _BODY.match(text)
        return (m.start(2), m.end(2)) if m else (0, 0)


def is_value(text: str) -> bool:
    return text in BLANKS or bool(_VALUE.fullmatch(to_ascii(text)))


def parse_value(text: str) -> int | float | None:
    if text.isascii() and text.isdigit():
        return int(text)
    t = to_ascii(text).replace("−", "-").replace("－", "-").replace("万元", "").replace("元", "")
    if t in BLANKS:
        return None
    return float(t) if "." in t else int(t)


def _normal(text: str) -> str:
    return to_ascii(text).replace("−", "-").replace("－", "-")


def row_key(node: Node) -> RowKey:
    """The markup row a cell node sits in (None for text, and for cells a text reader found)."""
    return (node.table, node.row) if node.kind == "cell" and node.row is not None else None


def glued_to_prose(stream: Stream, end: int) -> bool:
    """A number ending at ``end`` in running text is glued to a unit: "2022年", "13件"."""
    return stream.text[end : end + 1] in _UNITS


def groups_after(
    stream: Stream, start: int, end: int, key: RowKey | str, limit: int, adopt: bool = False
) -> list[Group]:
    """The value groups in ``stream.text[start:end]`` after a row label, at most ``limit`` of them.

    ``key`` is the markup row of the label: only cells of that row are its values (a row of values
    with no label of its own belongs to no label). A label in text takes the text and unmarked cells
    that follow it, up to the first cell of a markup row; with ``adopt``, a markup row of values with no
    label of its own right after it is its row (a converter wrote the label as text and the values as a
    table). ``ANY_ROW`` takes cells of any row.
    """
    i = stream.node_index(start)
    if key is None and i < len(stream.nodes):
        node, base = stream.nodes[i], stream.starts[i]
        stop = base + len(node.text)
        if node.kind == "text" and node.confidence is None and end <= stop and (start > base or end < stop):
            # inside one text node, not all of it (most rows of a text report): what ``_node_groups`` does there
            out: list[Group] = []
            _text_groups(stream, stream.text[start:end], start, out, limit)
            return out
    return _node_groups(stream, i, start, end, key, limit, adopt)


def _node_groups(
    stream: Stream, i: int, start: int, end: int, key: RowKey | str, limit: int, adopt: bool
) -> list[Group]:
    """``groups_after`` node by node, from node ``i`` (the one ``start`` is in)."""
    out: list[Group] = []
    nodes, starts = stream.nodes, stream.starts
    count = len(nodes)
    while i < count and starts[i] < end and len(out) < limit:
        node, base = nodes[i], starts[i]
        cell = node.kind == "cell"
        here = (node.table, node.row) if cell and node.row is not None else None  # ``row_key(node)``
        if here != key and key != ANY_ROW and (key is not None or here is not None):
            orphan = here is not None and (i == 0 or row_key(nodes[i - 1]) != here) and is_value(node.text.strip())
            if not (key is None and adopt and not out and orphan):
                break  # left the label's markup row, or a labelless markup row begins
            key = here
        text = node.text
        stop = base + len(text)
        before = len(out)
        if start <= base and stop <= end:  # the whole node
            if cell:
                reading = _cell_reading(text)
                if reading is None:
                    if out:
                        break  # a word cell after the values ("备注")
                else:
                    out.append(Group(reading[0], reading[1], base, stop, True, reading[2]))
                more = True
            elif text.lstrip()[:1] in _PAGE_FIRST and _PAGE.fullmatch(text.strip()):
                i += 1  # a page number a converter left between a label and its values ("— 5 —")
                continue
            else:
                more = _text_groups(stream, text, base, out, limit)
        else:
            more = _text_groups(stream, stream.text[max(start, base) : min(end, stop)], max(start, base), out, limit)
        if node.confidence is not None:  # read by OCR: its groups carry how sure it was
            out[before:] = [replace(g, confidence=node.confidence) for g in out[before:]]
        if not more:
            break
        i += 1
    return out


@lru_cache(maxsize=1024)
def _cell_reading(text: str) -> tuple[str, str, bool] | None:
    """What a whole markup cell holding ``text`` reads as: its group's text (ASCII), its raw text and
    whether it holds several numbers; None for a word cell. Cells repeat ("0", "", "1"): each distinct
    text is read once."""
    t = text.strip()
    if t.isascii() and t.isdigit():
        return t, t, False
    if is_value(t):
        return _normal(t), t, False
    m = _DRESSED.fullmatch(t)
    if m:  # "1,234", "5件": a count written with a thousands separator or its unit
        return _normal(m.group(1).replace(",", "").replace("，", "")), t, False
    if _SEVERAL.fullmatch(t):
        return _normal(t), t, True
    return None


def _text_groups(stream: Stream, piece: str, lo: int, out: list[Group], limit: int) -> bool:
    """Append the value groups of a text piece; False where prose begins after values."""
    text = stream.text
    if piece.isdigit() and piece.isascii():  # one run of digits (most rows of a flattened table): one value piece
        b = lo + len(piece)
        if text[b : b + 1] in _STOPS:  # an ordinal mark or a unit follows: ``_add`` decides
            return _add(text, piece, piece, lo, b, out, limit)
        out.append(Group(piece, piece, lo, b))
        return len(out) < limit
    if not piece:  # (the end of a label's cell)
        return True
    read = _plain_groups(text, piece, lo, out, limit)
    return _scan(text, piece, lo, out, limit) if read is None else read


def _plain_groups(text: str, piece: str, lo: int, out: list[Group], limit: int) -> bool | None:
    """What ``_scan`` reads in a piece whose values are runs of ASCII digits (most rows of a text report),
    by string methods on its words (a match object for each piece costs more than all the rest), or None,
    with ``out`` as it was, where a word needs ``_scan``: a sign, a point before a digit, a unit of money,
    a full-width digit or a digit of another script."""
    first = len(out)
    pos = 0
    if not first:  # before the values all but a digit is the rest of the label
        pos = len(piece) - len(piece.lstrip())
        if piece[pos : pos + 1] not in _ASCII_DIGITS:
            m = _DIGIT.search(piece, pos)
            if m is None:
                return True
            pos = m.start()
            if pos and piece[pos - 1] in _SIGNS:
                return None
    for word in piece[pos:].split():
        pos = piece.find(word, pos)
        a = lo + pos
        pos += len(word)
        tail = word.lstrip("0123456789")  # what follows its leading digits
        if tail:
            c = tail[0]
            if c in _GOES_ON or c.isdecimal() or (c in _ORDINAL_MARK and tail[1:2] in _DIGITS):
                del out[first:]
                return None
            if len(tail) == len(word):  # a word after the values (a word before them starts no word here)
                if word in _TEXT_BLANKS and text[a - 1 : a].isspace() and text[lo + pos : lo + pos + 1].isspace():
                    out.append(Group(word, word, a, lo + pos))  # "0 / 0": a blank between values
                    continue
                return False  # prose after the values
            word = word[: len(word) - len(tail)]
        b = a + len(word)
        if text[b : b + 1] in _STOPS:  # an ordinal mark or a unit follows: ``_add`` decides
            if not _add(text, word, word, a, b, out, limit):
                return False
        else:
            out.append(Group(word, word, a, b))
            if len(out) >= limit:
                return False
        if tail:
            return False  # a word glued to the value: prose
    return True


def _scan(text: str, piece: str, lo: int, out: list[Group], limit: int) -> bool:
    """``_text_groups`` piece by piece of ``_PIECE``."""
    for m in _PIECE.finditer(piece):
        tok = m.group()
        a = lo + m.start()
        b = a + len(tok)
        plain = tok.isascii() and tok.isdigit()  # the common case: no sign, point or full-width digit to map
        ascii_ = tok if plain else to_ascii(tok)
        if not plain and not _VALUE.fullmatch(ascii_):
            if out and tok in _TEXT_BLANKS and text[a - 1 : a].isspace() and text[b : b + 1].isspace():
                out.append(Group(tok, tok, a, b))  # "0 / 0": a blank between values
                continue
            if out:
                return False  # prose after the values
            continue  # the rest of the label ("（区分处理的，…）")
        if not _add(text, tok, tok if plain else ascii_.replace("−", "-").replace("－", "-"), a, b, out, limit):
            return False
    return True


def _add(text: str, tok: str, value: str, a: int, b: int, out: list[Group], limit: int) -> bool:
    """Append the group of value piece ``tok`` (``value`` in ASCII) at ``text[a:b]``, unless what follows
    makes it prose; False where prose begins or ``limit`` groups are read."""
    nxt = text[b : b + 1]
    if nxt in _ORDINAL_MARK and (after := text[b + 1 : b + 2]) and not after.isdigit() and not after.isspace():
        return False  # "1.加强…": an ordinal of the prose
    if nxt in _UNITS:
        head = _peel_year(tok, nxt)
        if head:
            out.append(Group(_normal(head), head, a, a + len(head)))
        return False  # "2025年", "13件": prose
    out.append(Group(value, tok, a, b))
    return len(out) < limit


def _peel_year(tok: str, unit: str) -> str:
    """The values in front of a year glued to the next paragraph ("20000022025" + 年 -> "2000002")."""
    digits = to_ascii(tok)
    if unit == "年" and digits.isdigit() and len(digits) > 4 and _YEAR.search(digits):
        return tok[:-4]
    return ""
