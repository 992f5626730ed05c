"""The plugin contract: every hook gilint calls, declared once (pluggy project name ``"gilint"``).

A rule pack is a module (or object) with hook implementations, found through the entry-point group
``gilint.rules``; the built-in pack ``rules/`` is registered there exactly as a third-party pack is::

    # pyproject.toml of a pack
    [project.entry-points."gilint.rules"]
    mypack = "mypack"

    # mypack.py
    from gilint.hookspecs import hookimpl

    @hookimpl
    def gilint_rules():
        return RULES

The engine (``engine.load_plugins``) imports every entry point of the group, registers it with a
``pluggy.PluginManager("gilint")`` and calls each hook once per process, implementation by
implementation, so that a pack that fails to import, raises or returns something else than declared
is reported (a warning on stderr, a line in ``gilint rules``) and the other packs still run.
Every hook is optional for a pack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from gilint.model import Diagnostic, Document
    from gilint.rule import Rule

hookspec = pluggy.HookspecMarker("gilint")
hookimpl = pluggy.HookimplMarker("gilint")


@hookspec
def gilint_rules() -> list[Rule]:
    """The pack's rules (``gilint.rule.Rule``, made with ``@gilint.rule.rule``).

    Called once when the plugins are loaded, before any file is read. Codes must be unique across
    all packs (a duplicate is reported and dropped); GI900–GI999 belong to the engine. Rules with
    ``scope="report"`` run on every checked file; ``scope="series"`` rules run only in ``gilint audit``.
    """


@hookspec
def gilint_reporters() -> dict[str, Callable[[Sequence[Diagnostic], Any], str]]:
    """Extra output formats for ``--format NAME``: name -> ``render(diagnostics, context) -> str``
    (a ``gilint.reporters.Reporter``).

    Called once when the plugins are loaded. ``render`` receives every diagnostic of the run (sorted
    by path, line, column, code) and a ``gilint.reporters.RenderContext`` (language, colour, the files
    checked, the rules) and returns the whole text to print on stdout. A built-in format's name
    cannot be taken. (The context is typed ``Any`` here: this contract sits below the reporters.)
    """


@hookspec
def gilint_readers() -> dict[str, Callable[[bytes, str], Document]]:
    """Extra readers: file extension (``".rpt"``) -> ``read(data, path) -> Document``.

    Called once when the plugins are loaded. ``gilint check`` then reads files with that extension
    through the pack's reader (and walks them in folders); everything after reading — structure,
    rules, suppression — is the same as for the built-in readers. A reader that raises yields a GI901
    diagnostic for that file.
    """
