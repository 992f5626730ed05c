"""``--format github``: GitHub Actions workflow commands, one annotation per diagnostic.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message``; warnings become
``::warning``, info ``::notice``. A .docx/PDF location goes into the message (GitHub knows lines only).
"""

from __future__ import annotations

from collections.abc import Sequence

from gilint.model import Diagnostic
from gilint.reporters import RenderContext

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, lang: str) -> str:
    s = d.span
    props = [f"file={_prop(d.path)}"]
    if s.column is not None or not s.logical:  # a .docx/PDF "line" is a node index, not a file line
        props += [f"{key}={value}" for key, value in (("line", s.line), ("col", s.column), ("endLine", s.end_line),
                                                      ("endColumn", s.end_column)) if value is not None]
    props.append(f"title={_prop(f'{d.code} [{d.category}]')}")
    message = d.message(lang)
    if s.column is None and s.logical:
        message = f"{s.logical}: {message}"
    hint = d.hint(lang)
    if hint:
        message += f"\n{'提示' if lang == 'zh' else 'hint'}: {hint}"
    return f"::{_LEVEL[d.severity]} {','.join(props)}::{_data(message)}"


def render(diagnostics: Sequence[Diagnostic], context: RenderContext) -> str:
    return "".join(annotation(d, context.lang) + "\n" for d in diagnostics)
