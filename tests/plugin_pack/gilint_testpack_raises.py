"""A pack whose gilint_rules hook raises."""

from gilint.hookspecs import hookimpl


@hookimpl
def gilint_rules() -> list[object]:
    raise RuntimeError("the rules hook fails on purpose")
