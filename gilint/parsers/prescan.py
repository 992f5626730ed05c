"""What an HTML page may hand libxml2: a linear pre-scan before the parser sees the text.

libxml2 takes time quadratic in the attributes of one element (200,000 attributes: 94 s), and lxml's
walk takes time quadratic in comments (1M comments: 29 s). ``guard`` blanks, with spaces, every
attribute of an element past ``html-attributes`` and every comment (or what libxml2 reads as one:
``<!x>``, ``<?x>``, ``</ x>``) past ``html-comments``, keeping every other character and every line
break where it was, so spans still point into the source; each limit reached is recorded once.
"""

from __future__ import annotations

import re
from itertools import islice

from gilint import regex
from gilint.model import Document, Span
from gilint.parsers.limits import exceeded, value

# a start tag: its name and attributes, quoted values taken whole (a ">" inside quotes does not end it)
_TAG = regex.compile(r"""<[A-Za-z][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*""")
# the tag name, then each attribute: a name, and maybe "=" and a value
_ATTRIBUTE = regex.compile(r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"?|'[^']*'?|[^\s"'<>]*))?""")
# a comment to its end, or to the end of the text when it is not closed (libxml2 reads it so)
_COMMENT = regex.compile(r"<!--.*?(?:-->|\Z)|(?:<!|<\?|</(?![A-Za-z]))[^>]*>?", re.S)
_NOT_NEWLINE = regex.compile(r"[^\n]")
_GROUP = re.Match.group


def guard(text: str, doc: Document) -> str:
    """``text`` with what is over the attribute and comment limits blanked (see the module)."""
    return _comments(_attributes(text, doc), doc)


def _attributes(text: str, doc: Document) -> str:
    most = value("html-attributes")
    if len(text) < 2 * most:  # each attribute takes at least two characters
        return text
    # only a tag of 2 x most characters may hold more: measured in one C-level pass (map over the matches,
    # one at a time), and most pages have none
    if max(map(len, map(_GROUP, _TAG.finditer(text))), default=0) < 2 * most:
        return text
    cuts: list[tuple[int, int]] = []
    for tag in _TAG.finditer(text):
        if tag.end() - tag.start() < 2 * most:
            continue
        attributes = _ATTRIBUTE.finditer(text, tag.start() + 1, tag.end())
        counted = 0
        first = None
        for counted, attribute in enumerate(attributes):  # the first match is the tag name
            if counted == most + 1:
                first = attribute.start()
        if first is not None:
            if not cuts:
                line = text.count("\n", 0, tag.start()) + 1
                doc.problems.append(
                    exceeded(
                        "html-attributes",
                        f"第 {line} 行的一个元素有 {counted} 个属性",
                        f"an element on line {line} has {counted} attributes",
                        "其余属性未被读取",
                        "the others were not read",
                        Span(line),
                    )
                )
            cuts.append((first, tag.end()))
    return _blank(text, cuts)


def _comments(text: str, doc: Document) -> str:
    most = value("html-comments")
    # a quick bound on what may be comments: each starts with "<" (one count, faster than those of two characters)
    if text.count("<") <= most or text.count("<!") + text.count("<?") + text.count("</") <= most:
        return text
    over = next(islice(_COMMENT.finditer(text), most, None), None)
    if over is None:
        return text
    line = text.count("\n", 0, over.start()) + 1
    doc.problems.append(
        exceeded(
            "html-comments",
            "文件的 HTML 注释过多",
            "the file holds too many HTML comments",
            f"第 {line} 行起的注释未被读取",
            f"the comments from line {line} on were not read",
            Span(line),
        )
    )
    return text[: over.start()] + _COMMENT.sub(_spaces, text[over.start() :])


def _spaces(m: re.Match[str]) -> str:
    found = m.group()
    return _NOT_NEWLINE.sub(" ", found) if "\n" in found else " " * len(found)


def _blank(text: str, cuts: list[tuple[int, int]]) -> str:
    """``text`` with each ``(start, end)`` range replaced by spaces (line breaks kept)."""
    if not cuts:
        return text
    out, pos = [], 0
    for start, end in cuts:
        out += [text[pos:start], _NOT_NEWLINE.sub(" ", text[start:end])]
        pos = end
    out.append(text[pos:])
    return "".join(out)
