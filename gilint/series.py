"""What a series rule (``scope="series"``) is given: the reports of one series and each one's part in it.

A ``Series`` is a sequence of Reports, so a rule that only needs the reports iterates it as a list. There
are two kinds, and a rule looks at the kind it is written for:

``"years"``      one agency's reports of several years, oldest first (``gilint audit`` groups them by
                 agency; the cross-year rules compare consecutive years). Every member's role is "".
``"aggregate"``  one year's report of a government and the reports of the agencies its report
                 aggregates (its departments and towns), as the office's agency list names them
                 (``gilint audit --agencies FILE``, the ``parent`` column): the government's role is
                 ``"government"``, each other member's ``"part"``; ``expected`` names every agency the
                 list expects a report of that year from, so that a rule can tell a complete group.

``head`` is the index of the report a series speaks for: the newest of one agency's years, the government of
an aggregate. Its configuration gives the rules' options, and a rule that raises is reported on it (GI900).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, overload

from gilint.model import Report

Kind = Literal["years", "aggregate"]
Role = Literal["", "government", "part"]
KIND_WORDS: dict[str, tuple[str, str]] = {  # how a message names a rule run over a series of each kind
    "years": ("跨年度规则", "series rule"),
    "aggregate": ("汇总规则", "aggregate rule"),
}


@dataclass(frozen=True)
class Member:
    """One report of a series, with the agency it is of, its role and its level (``agencies.LEVELS``: "" when
    not known)."""

    report: Report
    agency: str = ""
    role: Role = ""
    level: str = ""


class Series(Sequence[Report]):
    """The reports of one series (see the module), in order, with their members and what the series is of."""

    def __init__(
        self, members: Iterable[Member | Report], kind: Kind = "years", key: str = "", expected: Iterable[str] = ()
    ) -> None:
        self.members = tuple(m if isinstance(m, Member) else Member(m) for m in members)
        self.kind = kind
        self.key = key  # what the series is of: the agency; for an aggregate, the government and the year
        self.expected = tuple(expected)  # aggregate: every agency the list expects a report of this year from

    @overload
    def __getitem__(self, index: int) -> Report: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Report]: ...

    def __getitem__(self, index: int | slice) -> Report | Sequence[Report]:
        if isinstance(index, slice):
            return [m.report for m in self.members[index]]
        return self.members[index].report

    def __len__(self) -> int:
        return len(self.members)

    def __iter__(self) -> Iterator[Report]:
        return (m.report for m in self.members)

    @property
    def head(self) -> int:
        """The index of the report the series speaks for: the government of an aggregate, else the last."""
        if self.kind == "aggregate":
            return next((i for i, m in enumerate(self.members) if m.role == "government"), len(self.members) - 1)
        return len(self.members) - 1

    def of_role(self, role: Role) -> list[Member]:
        """The members of ``role``, in order."""
        return [m for m in self.members if m.role == role]


def as_series(reports: Sequence[Report]) -> Series:
    """``reports`` as a series: itself when it is one, else one agency's years."""
    return reports if isinstance(reports, Series) else Series(reports)
