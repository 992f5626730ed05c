"""``--format concise``: one line per diagnostic, then the summary."""

from __future__ import annotations

from collections.abc import Sequence

from gilint.model import Diagnostic
from gilint.reporters import RenderContext, headline, summary


def render(diagnostics: Sequence[Diagnostic], context: RenderContext) -> str:
    lines = [headline(d, context.lang, context.unsafe_fixes) for d in diagnostics]
    if not context.quiet:
        lines.append(summary(diagnostics, context.lang, context.unsafe_fixes))
    return "".join(line + "\n" for line in lines)
