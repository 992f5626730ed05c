"""Text helpers below everything that shows or stores a finding: a file name made printable, and a long
source line cut to the window around a column. The reporters print with them (``gilint.reporters``
re-exports both) and the audit database stores what they give, so that the two always agree.
"""

from __future__ import annotations

import re

EXCERPT_CHARS = 200  # a longer source line (minified HTML) is cut to this many characters around the span
# what a file name may hold that must not be printed as it is: control characters (terminal escapes),
# bidirectional overrides, line breaks, and the bytes of a name that is not UTF-8 (kept by Python as lone
# surrogates U+DC80-U+DCFF); compiled when first used
_UNPRINTABLE = r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def path_text(path: str) -> str:
    """A file name as printable text: a byte of a name that is not UTF-8 as ``\\xNN``, a control
    character or bidirectional override as ``\\xNN`` / ``\\uNNNN`` (``clean`` would lose which)."""
    return path if path.isprintable() else re.sub(_UNPRINTABLE, _escaped, path)


def _escaped(m: re.Match[str]) -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # Python's surrogate escape of the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def window(excerpt: str, column: int | None) -> tuple[str, int]:
    """A long ``excerpt`` cut to ``EXCERPT_CHARS`` around ``column`` (1-based), and how many characters
    were cut off at the start (so that the column still finds its character)."""
    if len(excerpt) <= EXCERPT_CHARS:
        return excerpt, 0
    start = max(0, min((column or 1) - 1 - EXCERPT_CHARS // 4, len(excerpt) - EXCERPT_CHARS))
    return excerpt[start : start + EXCERPT_CHARS], start
