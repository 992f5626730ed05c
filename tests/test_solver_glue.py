"""The table reader's cheaper steps give what the plain ones give: an identity's sums as its members add up
in order (None for a member without a value), and the problem of a run-together row with every field it had.
Small generated snippets, no ../shared."""

from __future__ import annotations

import random

from gilint.formats.tables import Identity, table_format
from gilint.model import TableIssue
from gilint.parsers import read_document
from gilint.structure import build_report
from gilint.structure.solver import Value, _sums

FORMATS = [table_format(n, v) for n in (3, 4) for v in (2019, 2021)]


def _plain_sums(identity: Identity, values: dict[tuple[str, str], Value]) -> tuple[Value, Value] | None:
    """Each side added member by member from 0; None when any member of either side has no value."""
    if any(values.get(r) is None for r in identity.members):
        return None
    left: int | float = 0
    for r in identity.left:
        left += values[r]  # type: ignore[operator]
    right: int | float = 0
    for r in identity.right:
        right += values[r]  # type: ignore[operator]
    return left, right


def test_an_identitys_sums_add_its_members_in_order_and_none_for_one_without_a_value() -> None:
    rng = random.Random(3)
    for _ in range(300):
        fmt = rng.choice(FORMATS)
        values: dict[tuple[str, str], Value] = {}
        for ref in fmt.cells():
            roll = rng.random()
            if roll < 0.05:
                continue  # a cell of a missing row
            values[ref] = None if roll < 0.1 else (rng.randrange(0, 40) if roll < 0.9 else rng.randrange(0, 400) / 10)
        for idn in fmt.identities:
            got, expected = _sums(idn, values), _plain_sums(idn, values)
            assert got == expected, (idn.id, got, expected)
            if got is not None:  # an int sum stays an int, a float one a float
                assert [type(s) for s in got] == [type(s) for s in expected]  # type: ignore[union-attr]


def test_a_run_together_row_is_a_problem_of_damage_with_its_values_and_place() -> None:
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量　３０００００３\n"
        "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
    )
    report = build_report(read_document("r.txt", text.encode("utf-8")))
    t = report.tables[3]
    runs = [p for p in t.problems if p.kind == TableIssue.RUN_TOGETHER]
    assert len(runs) == 1
    p = runs[0]
    column = text.split("\n")[1].index("３") + 1
    assert (p.row, p.raw, p.how, p.values, p.damage) == ("1", "３０００００３", "digits", (3, 0, 0, 0, 0, 0, 3), True)
    assert (p.span.line, p.span.column, p.span.end_column) == (2, column, column + 6)
    assert not [p for p in t.problems if p.row == "2" and p.kind == TableIssue.RUN_TOGETHER]
    missing = [p for p in t.problems if p.kind == TableIssue.MISSING_ROW]
    assert missing and not any(p.damage for p in missing)  # rows deleted from a table nothing damaged
