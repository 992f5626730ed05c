"""gilint's built-in rule pack, registered through the ``gilint.rules`` entry point exactly as a
third-party pack is (see pyproject.toml). One module per family; each exports ``RULES``."""

from __future__ import annotations

from gilint_rules import (
    aggregate,
    crossyear,
    draft,
    fees,
    inputs,
    narrative,
    period,
    readers,
    sections,
    spelling,
    tables,
    wording,
)

from gilint.hookspecs import hookimpl
from gilint.rule import Rule


@hookimpl
def gilint_rules() -> list[Rule]:
    return [
        *inputs.RULES,
        *readers.RULES,
        *sections.RULES,
        *period.RULES,
        *tables.RULES,
        *narrative.RULES,
        *fees.RULES,
        *wording.RULES,
        *spelling.RULES,
        *draft.RULES,
        *crossyear.RULES,
        *aggregate.RULES,
    ]
