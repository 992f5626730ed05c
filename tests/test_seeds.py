"""The five seed reports: every real defect found, nothing correct flagged, cells read exactly.

What is wrong in each seed (read by hand):
- 000 (区人社局 2021): the scraper dropped the label of table 3 row （六）3 (converter damage).
- 001 (市人社局 2023): no statistics period; section 四 titled "…行政复议和行政诉讼情况".
- 002 (前进区人社局 2022): Arabic 1、/5、 numbering; 2019 tables in a 2022 report; no period; the
  Regulation's name with a stray space; "(一）" mixed brackets; "只记这一情形".
- 003 (县民政局 2021): 2019 tables in a 2021 report; table 2 lost its 规章 row; a cell "0 0";
  three non-standard section titles; no fee statement; 《中华人民共和国政府政务公开条例》.
- 004 (鼓西街道 2021): no "一、总体情况" heading; no fee statement; "〔2021〕年30号" and an unpaired
  "<…》" in the citation of the format.

Narrative rules (GI401-GI405): no finding. Every count the seeds state about their tables agrees with
its cell: 000 上年结转0条 and 新收到…申请0份 (table 3 rows 一, 二 are 0; 历年累计4份 is not this year's),
001 共接收政府信息公开申请13件 twice (row 一 is 13), 制发1件/废止2件/现行有效6件 (table 2), 被申请行政复议
0件、被提起行政诉讼0件 (table 4); 004 未收到政府信息公开申请 (row 一 is 0); 002 and 003 state no count.
"""

from __future__ import annotations

import pytest

from gilint.model import TableIssue
from tests.conftest import shared_file
from tests.lintkit import findings, report_of

SEED = {
    "000": "000_e2a899f88e9f02e1.txt",
    "001": "001_1f64db8d20d31304.txt",
    "002": "002_4095ec7c00299beb.txt",
    "003": "003_d954dc0dac9f162f.txt",
    "004": "004_31bf4249452c17df.txt",
}

EXPECTED = {
    "000": [("GI305", 272)],
    "001": [("GI104", 299), ("GI201", 1)],
    "002": [
        ("GI103", 5),
        ("GI103", 395),
        ("GI201", 2),
        ("GI302", 19),
        ("GI302", 321),
        ("GI601", 4),
        ("GI602", 6),
        ("GI604", 135),
    ],
    "003": [
        ("GI104", 8),
        ("GI104", 108),
        ("GI104", 115),
        ("GI302", 15),
        ("GI302", 85),
        ("GI303", 17),
        ("GI304", 79),
        ("GI501", 115),
        ("GI601", 1),
    ],
    "004": [("GI101", 28), ("GI501", 353), ("GI603", 1), ("GI603", 1)],
}


@pytest.mark.parametrize("seed", sorted(SEED))
def test_seed_findings_are_exactly_the_real_defects(seed: str) -> None:
    report = report_of(shared_file("seeds", SEED[seed]))
    assert findings(report) == EXPECTED[seed]


def test_seed_000_structure() -> None:
    r = report_of(shared_file("seeds", SEED["000"]))
    assert r.year == 2021 and r.title is None
    assert (r.period.start.isoformat(), r.period.end.isoformat()) == ("2021-01-01", "2021-12-31")
    assert [(s.number, s.ordinal, s.span.line) for s in r.sections] == [
        (1, "一", 3),
        (2, "二", 14),
        (3, "三", 55),
        (4, "四", 298),
        (5, "五", 336),
        (6, "六", 341),
    ]
    assert r.sections[5].title == "其他需要报告的事项"  # heading broken over lines 341-342
    t2, t3, t4 = r.tables[2], r.tables[3], r.tables[4]
    assert (t2.version, t3.version) == (2021, 2021)
    assert t2.value("licensing", "decisions") == 112
    assert t2.value("penalty", "decisions") == 3
    # the label of （六）3 was lost: its values are read by position, as inferred, and said so
    assert {(c.value, c.status, c.how) for c in t3.cells["3.6.3"].values()} == {(0, "inferred", "position")}
    lost = [p for p in t3.problems if p.kind is TableIssue.LOST_LABEL]
    assert len(lost) == 1 and lost[0].damage and lost[0].span.line == 272 and lost[0].seen == "3.6.3"
    assert t3.value("3.7", "total") == 0 and t3.cell("3.7", "total").span.line == 288
    assert [c.value for row in t4.cells.values() for c in row.values()] == [0] * 15


def test_seed_001_cells() -> None:
    r = report_of(shared_file("seeds", SEED["001"]))
    t3 = r.tables[3]
    assert r.year == 2023 and r.period is None
    assert [t3.value("1", c) for c in ("natural", "legal.commercial", "total")] == [13, 0, 13]
    assert t3.value("3.1", "total") == 9 and t3.value("3.3.1", "total") == 3
    assert t3.value("3.4.1", "total") == 1 and t3.value("3.7", "total") == 13
    cell = t3.cell("3.7", "total")
    assert (cell.raw, cell.span.line, cell.span.column) == ("13", 289, 1)
    assert r.tables[2].value("normative", "in_force") == 6


def test_seed_002_tab_separated_2019_tables() -> None:
    r = report_of(shared_file("seeds", SEED["002"]))
    assert r.title == "前进区人力资源和社会保障局2022年政府信息公开工作年度报告"
    assert r.agency == "前进区人力资源和社会保障局" and r.year == 2022
    assert r.tables[2].version == 2019 and r.tables[3].version == 2019
    assert len(r.tables[3].cells) == 23 and "3.6" in r.tables[3].cells
    assert r.tables[2].value("procurement", "total_amount") == 0
    assert [s.ordinal for s in r.sections] == ["1", "二", "三", "四", "5", "六"]


def test_seed_003_two_values_in_one_cell() -> None:
    r = report_of(shared_file("seeds", SEED["003"]))
    t3 = r.tables[3]
    cell = t3.cell("3.5.1", "total")
    assert (cell.value, cell.raw, cell.span.line) == (None, "0 0", 79)
    assert "rules" not in r.tables[2].cells
    assert t3.value("4", "total") == 0


def test_seed_004_signature_and_missing_heading() -> None:
    r = report_of(shared_file("seeds", SEED["004"]))
    assert r.published.date.isoformat() == "2022-01-17" and r.published.source == "signature"
    assert [s.number for s in r.sections] == [2, 3, 4, 5, 6]
    assert r.tables[3].value("3.7", "total") == 0
