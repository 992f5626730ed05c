"""What every command (``gilint check``, ``gilint audit``, ``gilint rules`` …) does as it starts, shared by
``gilint.cli`` and ``gilint.audit.command``: say a warning or an error on stderr, set the reading limits the
command line gives, load the rule packs (a pack that failed to load is a warning), and refuse a rule code or
prefix that selects nothing.

It sits below both commands (neither imports the other at the top) and above the engine and the reporters,
whose pack loading and output format names it wires together.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from gilint.config import ALL, Config
from gilint.engine import Plugins, load_plugins
from gilint.parsers import limits
from gilint.reporters import BUILTIN

_TEXT = {
    "zh": {
        "warning": "警告",
        "error": "错误",
        "pack": "规则包 “{}” 未能加载：{}",
        "unknown": "{}：“{}”不是任何规则的代码或前缀{}",
        "nearest": "（最接近的：{}）",
    },
    "en": {
        "warning": "warning",
        "error": "error",
        "pack": "rule pack {!r} failed to load: {}",
        "unknown": "{}: {!r} is no rule's code or prefix{}",
        "nearest": " (nearest: {})",
    },
}


def say(lang: str, level: str, message: str) -> None:
    """A warning or error (``level``) on stderr, in ``lang``."""
    print(f"gilint: {_TEXT[lang][level]}: {message}", file=sys.stderr)


def set_limits(args: argparse.Namespace) -> None:
    """The reading limits the command line sets (``--limit``, ``--timeout``, ``--max-memory``)."""
    settings = dict(args.limit)
    if args.timeout is not None:
        settings["time"] = args.timeout
    if args.max_memory is not None:
        settings["memory"] = args.max_memory
    limits.configure(settings)


def load_packs(lang: str) -> Plugins:
    """The rule packs, with a warning on stderr for each pack that failed to load (a pack's output format
    may not take a built-in one's name)."""
    plugins = load_plugins(builtin_formats=BUILTIN)
    for e in plugins.errors:
        say(lang, "warning", _TEXT[lang]["pack"].format(e.pack, e.message))
    return plugins


def unknown_selectors(configs: Sequence[Config], plugins: Plugins) -> list[tuple[str, str, list[str]]]:
    """(where, the value, the nearest valid codes and prefixes) for each code or prefix ``configs`` name
    that matches no rule: such a selector would silently select or ignore nothing."""
    codes = sorted(r.code for r in plugins.rules)
    prefixes = sorted({c[:n] for c in codes for n in range(3, len(c) + 1)})
    out: dict[tuple[str, str], list[str]] = {}
    for config in configs:
        where = str(config.path) if config.path else "command line"
        for key, selectors in config.selectors().items():
            for value in selectors:
                if value == ALL or plugins.known(value):
                    continue
                import difflib  # only for a selector that matches no rule

                near = difflib.get_close_matches(value, prefixes, n=3, cutoff=0.6)
                known = next((value[:n] for n in range(len(value) - 1, 2, -1) if plugins.known(value[:n])), "")
                if known:  # "GI41": the codes under "GI4" are nearer than any look-alike
                    near = [*[c for c in codes if c.startswith(known)][:3], known, *near]
                out[f"{where}: {key}", value] = list(dict.fromkeys(near))[:5]
    return [(where, value, near) for (where, value), near in out.items()]


def unknown_message(lang: str, where: str, value: str, near: list[str]) -> str:
    """The error for a selector ``value`` (found at ``where``) that matches no rule, with the ``near`` ones."""
    text = _TEXT[lang]
    return text["unknown"].format(where, value, text["nearest"].format(", ".join(near)) if near else "")
