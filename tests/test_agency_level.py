"""An agency's level from its name (``gilint.structure.agency.level``), the one recogniser GI204's deadline
and the audit's level without an agency list both use; every name fictional."""

from __future__ import annotations

from pathlib import Path

import pytest

from gilint.audit.agencies import deadline, guess_level
from gilint.structure import agency
from gilint.testing.reports import make_report
from tests.lintkit import findings, report_of_text

LEVELS = [
    # a government is of the place before 人民政府 / 政府
    ("青禾县人民政府", "county"),
    ("云溪市青禾区人民政府", "county"),
    ("青禾县政府", "county"),
    ("云溪市人民政府", "city"),
    ("云溪市政府", "city"),
    ("青禾自治州人民政府", "city"),
    ("某省人民政府", "province"),
    ("某某壮族自治区人民政府", "province"),  # 自治区, not 区
    ("上海市人民政府", "province"),  # a municipality under the State Council
    ("青禾县城关镇人民政府", "town"),
    ("城关镇人民政府", "town"),
    ("青禾县石门乡人民政府", "town"),
    # a government's office is one of its departments
    ("云溪市人民政府办公室", "department"),
    ("云溪市人民政府办公厅", "department"),
    ("青禾县政府办", "department"),
    # a zone's 管委会 governs the zone; its own office and bureaus are departments
    ("青禾经济开发区管委会", "county"),
    ("青禾经济开发区管理委员会", "county"),
    ("青禾综合实验区管委会", "county"),
    ("青禾高新区管委会办公室", "department"),
    ("青禾综合实验区财政金融局", "department"),
    ("云溪市城市管理委员会", "department"),  # a city's commission, no zone
    # departments and towns by their own words
    ("青禾县自然资源局", "department"),
    ("云溪市卫生健康委员会", "department"),
    ("云溪市科委", "department"),
    ("青禾县政务服务中心", "department"),
    ("云溪市教育厅", "department"),
    ("青禾县鼓西街道办事处", "town"),
    ("青禾县东街街道", "town"),
    ("城关镇", "town"),
    # a bare place is its government; a note of the province after the name is no part of it
    ("青禾县", "county"),
    ("青禾综合实验区", "county"),
    ("云溪市", "city"),
    ("云溪市人民政府（某省）", "city"),
    ("云溪市 人民政府", "city"),
    # no level
    ("政府", None),
    ("区政府", None),
    ("青禾县某某", None),
    ("", None),
]


@pytest.mark.parametrize(("name", "level"), LEVELS, ids=[n or "empty" for n, _ in LEVELS])
def test_the_level_a_name_tells(name: str, level: str | None) -> None:
    assert agency.level(name) == level
    assert guess_level(name) == (level or "department")  # the audit's level without an agency list


@pytest.mark.parametrize(
    ("name", "due"),
    [
        ("青禾县自然资源局", (1, 31)),
        ("云溪市人民政府办公室", (1, 31)),
        ("青禾县城关镇人民政府", (3, 31)),
        ("青禾县某某", (1, 31)),
        (None, (1, 31)),
        ("青禾县人民政府", (3, 31)),
        ("青禾经济开发区管委会", (3, 31)),
        ("某省人民政府", (3, 31)),
    ],
)
def test_the_deadline_of_a_name(name: str | None, due: tuple[int, int]) -> None:
    assert agency.deadline(name) == due


def test_the_audit_and_gi204_share_the_deadline_of_each_level() -> None:
    for level in agency.LEVELS:
        assert deadline(level, 2023).timetuple()[1:3] == agency.DEADLINES[level]
    assert [lv for lv in agency.LEVELS if agency.DEADLINES[lv] == (3, 31)] == ["town", *agency.GOVERNMENTS]


def gi204(text: str) -> list[tuple[str, int | None]]:
    return [f for f in findings(report_of_text(text)) if f[0] == "GI204"]


def named_report(name: str, signed: str, *, in_title: bool = True) -> str:
    title = f"{name}2023年政府信息公开工作年度报告" if in_title else "2023年政府信息公开工作年度报告"
    return make_report(title=title, signature=signed).replace("青禾县自然资源局\n", name + "\n")


@pytest.mark.parametrize(
    ("name", "signed", "late"),
    [
        ("青禾县自然资源局", "2024年3月5日", True),
        ("云溪市人民政府办公室", "2024年3月5日", True),
        ("青禾县城关镇人民政府", "2024年3月5日", False),
        ("青禾县城关镇人民政府", "2024年4月1日", True),
        ("青禾县人民政府", "2024年3月5日", False),
        ("青禾经济开发区管委会", "2024年3月5日", False),
        ("青禾县人民政府", "2024年4月1日", True),
        ("青禾县自然资源局", "2024年1月31日", False),
    ],
)
def test_gi204_a_department_by_january_a_government_by_march(name: str, signed: str, late: bool) -> None:
    text = named_report(name, signed)
    line = text.splitlines().index(signed) + 1
    assert gi204(text) == ([("GI204", line)] if late else [])


def test_gi204_knows_a_government_by_its_signature_when_the_title_names_none() -> None:
    assert gi204(named_report("青禾县人民政府", "2024年3月5日", in_title=False)) == []
    text = named_report("青禾县自然资源局", "2024年3月5日", in_title=False)
    assert gi204(text) == [("GI204", text.splitlines().index("2024年3月5日") + 1)]


def test_audit_without_a_list_gives_a_zone_until_march(tmp_path: Path) -> None:
    from tests.test_audit_agencies import audit, named, submissions, write

    base = tmp_path / "in"
    write(base / "a.txt", named("青禾经济开发区管委会", 2023, "2024年3月5日"))
    write(base / "b.txt", named("青禾县城关镇人民政府", 2023, "2024年3月5日"))
    _, db = audit(tmp_path, base)
    assert submissions(db) == [
        ("青禾县城关镇人民政府", 2023, "on-time", 1, "2024-03-05", "2024-03-31"),
        ("青禾经济开发区管委会", 2023, "on-time", 1, "2024-03-05", "2024-03-31"),
    ]


def test_a_name_with_a_level_reads_as_an_agency_name() -> None:
    """``plausible`` ends names with the same words ``level`` reads."""
    for name, level in LEVELS:
        if level is not None and " " not in name and "（" not in name:
            assert agency.plausible(name), name
    assert not agency.plausible("青禾县统计工作") and agency.level("青禾县统计工作") is None


def test_the_place_before_a_name() -> None:
    assert agency.is_upper("云溪市") and agency.is_upper("某省云溪市") and agency.is_upper("青禾自治州")
    assert not agency.is_upper("青禾区") and not agency.is_upper("城关镇")
    assert (
        agency.has_place("青禾区民政局") and agency.has_place("城关镇人民政府") and agency.has_place("云溪市人民政府")
    )
    assert not agency.has_place("民政局")
