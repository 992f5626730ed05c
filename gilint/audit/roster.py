"""Who submitted what: one ``Submission`` per agency and year the audit saw or expected.

For each agency and each audited year (the years of the reports the run saw): ``on-time`` (a readable
report dated by the deadline of its level), ``late`` (every dated readable report dated after it: the
earliest date counts, so a re-upload does not make a report late), ``undated`` (read, but no signature
or page date found), ``unreadable`` (every file submitted for it failed to be read), ``missing`` (an
agency on the list expected that year, with no file, its deadline past). ``copies`` counts the files
submitted for the agency and year (2 or more: submitted twice, a re-upload or the same report in two
formats). A report of an unknown agency is a submission of its own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from gilint.audit.agencies import Agency, AgencyList, deadline, guess_level
from gilint.audit.db import ReportRow

STATUSES = ("missing", "late", "unreadable", "undated", "on-time")  # worst first
STATUS_WORDS = {
    "zh": {
        "on-time": "按时提交",
        "late": "逾期提交",
        "undated": "已提交（未见日期）",
        "unreadable": "无法读取",
        "missing": "未提交",
    },
    "en": {
        "on-time": "on time",
        "late": "late",
        "undated": "submitted (no date found)",
        "unreadable": "unreadable",
        "missing": "not submitted",
    },
}


@dataclass
class Submission:
    """One agency's submission of one year."""

    agency: str  # "": unknown
    level: str
    listed: bool
    year: int
    status: str
    deadline: dt.date
    published: dt.date | None = None
    reports: list[int] = field(default_factory=list)  # report ids
    paths: list[str] = field(default_factory=list)

    @property
    def copies(self) -> int:
        """Files submitted for the agency and year."""
        return len(self.reports)

    def row(self) -> tuple[object, ...]:
        """The row of the database's ``submissions`` table (after ``run_id``)."""
        return (
            self.agency,
            self.level,
            int(self.listed),
            self.year,
            self.status,
            self.copies,
            self.published.isoformat() if self.published else None,
            self.deadline.isoformat(),
            json.dumps(self.reports),
        )


def roster(reports: Sequence[ReportRow], agencies: AgencyList | None, today: dt.date | None = None) -> list[Submission]:
    """The submissions of ``reports`` (the run's), and the missing ones of the listed agencies (a report
    whose deadline is after ``today`` is not missing yet)."""
    today = today or dt.date.today()
    years = sorted({r.year for r in reports if r.year is not None})
    listed = {a.name: a for a in agencies.agencies} if agencies else {}
    groups: dict[tuple[str, int], list[ReportRow]] = defaultdict(list)
    out = []
    for r in reports:
        if r.year is None:
            continue
        if r.agency:
            groups[(r.agency, r.year)].append(r)
        else:  # unknown: a submission of its own
            out.append(_submission("", r.year, [r], None))
    for (name, year), group in groups.items():
        out.append(_submission(name, year, group, listed.get(name)))
    for name, agency in listed.items():
        for year in years:
            if agency.expects(year) and (name, year) not in groups and deadline(agency.level, year) < today:
                out.append(Submission(name, agency.level, True, year, "missing", deadline(agency.level, year)))
    return sorted(out, key=lambda s: (s.agency == "", s.agency, s.year, s.paths))


def _submission(name: str, year: int, group: list[ReportRow], agency: Agency | None) -> Submission:
    level = agency.level if agency is not None else guess_level(name)
    due = deadline(level, year)
    readable = [r for r in group if r.status == "ok"]
    dates = sorted(dt.date.fromisoformat(r.published) for r in readable if r.published)
    if not readable:
        status = "unreadable"
    elif not dates:
        status = "undated"
    else:
        status = "late" if dates[0] > due else "on-time"
    return Submission(
        name,
        level,
        agency is not None,
        year,
        status,
        due,
        dates[0] if dates else None,
        [r.id for r in group],
        [r.path for r in group],
    )


def from_rows(rows: Sequence[tuple[object, ...]], paths: dict[int, str]) -> list[Submission]:
    """The submissions stored by ``AuditDB.submissions`` (``paths``: report id -> path)."""
    out = []
    for agency, level, listed, year, status, _copies, published, due, ids in rows:
        reports = [int(i) for i in json.loads(str(ids))]
        out.append(
            Submission(
                str(agency),
                str(level),
                bool(listed),
                int(year),  # type: ignore[call-overload]
                str(status),
                dt.date.fromisoformat(str(due)),
                dt.date.fromisoformat(str(published)) if published else None,
                reports,
                [paths.get(i, "") for i in reports],
            )
        )
    return out
