"""``--format github``: GitHub Actions workflow commands, one annotation per diagnostic.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message``; warnings become
``::warning``, info ``::notice``. A .docx/PDF location goes into the message (GitHub knows lines only).
No control character reaches the log: file names are written printable (``\\x1b``), messages cleaned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gilint.model import Diagnostic
from gilint.reporters import RenderContext, counted, path_text

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
# control characters but line breaks (escaped below), and bidirectional overrides
_CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _data(text: str) -> str:
    return _CONTROL.sub("\ufffd", text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, lang: str) -> str:
    s = d.span
    props = [f"file={_prop(path_text(d.path))}"]
    if s.column is not None or not s.logical:  # a .docx/PDF "line" is a node index, not a file line
        props += [
            f"{key}={value}"
            for key, value in (
                ("line", s.line),
                ("col", s.column),
                ("endLine", s.end_line),
                ("endColumn", s.end_column),
            )
            if value is not None
        ]
    props.append(f"title={_prop(f'{d.code} [{d.category}]')}")
    message = counted(d, lang)
    place = d.where.label(lang) if d.where is not None else ""
    if s.column is None and s.logical:  # .docx/PDF: the place as a reader names it ("第4页 表四 …")
        message = f"{place or s.logical}: {message}"
    elif place:
        message = f"{message} ({place})"
    hint = d.hint(lang)
    if hint:
        message += f"\n{'提示' if lang == 'zh' else 'hint'}: {hint}"
    return f"::{_LEVEL[d.severity]} {','.join(props)}::{_data(message)}"


def render(diagnostics: Sequence[Diagnostic], context: RenderContext) -> str:
    return "".join(annotation(d, context.lang) + "\n" for d in diagnostics)
