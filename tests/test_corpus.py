"""The real published reports in ../shared/corpus/real: every finding of error or warning
severity is a real defect (verified by reading each report; see the closing notes of issue 4), and
the converter-damage findings (GI308/GI309) are excluded here and tested in test_damage.

Verdicts, in short:
- 005 平潭 2020: the outcome rows add up to 27 (总计 column) but （七）总计 prints 21 (T3-B).
- 007 平潭 2022: section 四 is titled "政府信息公开行政法复议、行政诉讼情况" (typo).
- 017 平潭公安局 2024: section 五 titled "存在的主要问题及明年工作计划".
- 019 平潭经发局 2023: 3 new requests, but no outcome and nothing carried forward (T3-A); section
  六 says only "无" (no fee statement); section 四 titled "…行政复议与行政诉讼情况".
- 020 平潭公安局 2019: no statistics period.
- 021 平潭经发局 2022: section 四 titled "…行政复议与行政诉讼情况".
- 022 平潭投促局 2025: published 2026-04-17, after the 31 January deadline of a department; "（二)".
- 011 上海科委 2024 (Markdown converted from PDF): sub-topics of 总体情况 numbered 二、三、五 collide
  with the statutory sections, which are shifted by one (一、主动公开… 五、其他需要报告的事项).
  Its tables and the missing 四 heading are converter damage (GI308, GI106), not findings.
- 012 上海市府办公厅 2025 (Markdown): only converter damage.
- 014 上海市府办公厅 2019 (HTML): zero cells left blank in tables 3 and 4.
- 015 沭阳县发改局 2023 (HTML): 五 titled "存在的主要问题及整改措施"; zero cells blank in table 3;
  table 2 keeps the 2019 row label 规范性文件.
- 001 洪泽区 2023 (PDF): table 3 keeps the single 2019 row （六）其他处理; row （三）2 printed as
  "2.其他法律行政止公开" (seen on the rendered page, not a text-layer loss); table 4 prints 总计 0
  for 行政复议 (10＋1) and 复议后起诉 (5).
- 002 洪泽区 2024 (PDF): the same single （六） row and the same misprinted label.
- 003 淮安市 2024 (PDF): correct.

Issue 16's rules (wording GI605–GI614, period GI205–GI206), read by hand on every file in ../shared:
- 006 平潭 2021: "二是规范审核审核发布机制" (GI605).
- 007 平潭 2022: "打造整体统一的的网站界面" (GI605).
- 008 平潭 2023: section 五's problems numbered "一是…三是…三是" (GI606).
- 011 上海科委 2024: "2023 年上海市科技计划资金资金分配结果信息" (GI605; the only "AA" in the
  report's own words: the table-4 header words run together, "结果结果", lie inside table 4).
- 015 沭阳县发改局 2023: titled "…2023年政府信息公开年度报告", without 工作 (GI610).
- 017 平潭公安局 2024: "网址：https//www.pingtan.gov.cn" (GI611).
- 021 平潭经发局 2022: "jfjzhc＠163.com" with a full-width ＠ (GI612).
- 022 平潭投促局 2025, 023 平潭国资局 2021, 024 平潭交建局 2021: 2021-format tables, but the preamble
  cites only the 2019 notice 国办公开办函〔2019〕60号 (024: by its title) (GI609).
- the official blank template: its three "（文字描述…）" placeholders (GI614), as a template should.
Nothing else: no false alarm on the 43 files (37 reports, 5 seeds, the template). Missed by design:
028's "电话：0591-8177878" (7 digits after 0591, which has 8-digit numbers, but 7 is valid for many
four-digit area codes, so GI613 cannot be sure).
"""

from __future__ import annotations

import pytest

from tests.conftest import shared_file
from tests.lintkit import findings, report_of

DAMAGE = {"GI106", "GI308", "GI309"}
EXPECTED = {
    "001_huaian-hongzequ_2023.pdf": [("GI302", 244), ("GI313", 292), ("GI313", 302), ("GI604", 122)],
    "002_huaian-hongzequ_2024.pdf": [("GI302", 245), ("GI604", 123)],
    "003_huaianshi_2024.pdf": [],
    "004_pingtan_2019.txt": [],
    "005_pingtan_2020.txt": [("GI311", 10), ("GI311", 10)],
    "006_pingtan_2021.txt": [("GI605", 10)],
    "007_pingtan_2022.txt": [("GI104", 10), ("GI605", 10)],
    "008_pingtan_2023.txt": [("GI606", 10)],
    "009_pingtan_2024.txt": [],
    "010_pingtan_2025.txt": [],
    "013_suqian-shuyangxian_2025.txt": [],
    "016_pingtan-caizhengjinrongju_2023.txt": [],
    "017_pingtan-gonganju_2024.txt": [("GI104", 10), ("GI611", 10)],
    "018_pingtan-xingzhengshenpiju_2022.txt": [],
    "019_pingtan-jingjifazhanju_2023.txt": [("GI104", 10), ("GI310", 10), ("GI310", 10), ("GI501", 10)],
    "020_pingtan-gonganju_2019.txt": [("GI201", 10)],
    "021_pingtan-jingjifazhanju_2022.txt": [("GI104", 10), ("GI612", 10)],
    "022_pingtan-touzicujinju_2025.txt": [("GI204", 1), ("GI602", 10), ("GI609", 10)],
    "023_pingtan-guoziju_2021.txt": [("GI609", 10)],
    "011_shanghai-kewei_2024.md": [("GI103", 23), ("GI103", 30), ("GI103", 48), ("GI103", 73), ("GI103", 91),
                                   ("GI103", 180), ("GI103", 205), ("GI605", 34)],
    "012_shanghai-shifubangongting_2025.md": [],
    "014_shanghai-shifubangongting_2019.html": [("GI306", 1), ("GI306", 1)],
    "015_suqian-shuyang-fagaiju_2023.html": [("GI104", 1197), ("GI306", 420), ("GI604", 281), ("GI610", 20)],
}
ISSUE_16 = {"GI205", "GI206", *(f"GI6{n:02d}" for n in range(5, 15))}
ISSUE_16_FOUND = {
    "006_pingtan_2021.txt": [("GI605", 10)],
    "007_pingtan_2022.txt": [("GI605", 10)],
    "008_pingtan_2023.txt": [("GI606", 10)],
    "011_shanghai-kewei_2024.md": [("GI605", 34)],
    "015_suqian-shuyang-fagaiju_2023.html": [("GI610", 20)],
    "017_pingtan-gonganju_2024.txt": [("GI611", 10)],
    "021_pingtan-jingjifazhanju_2022.txt": [("GI612", 10)],
    "022_pingtan-touzicujinju_2025.txt": [("GI609", 10)],
    "023_pingtan-guoziju_2021.txt": [("GI609", 10)],
    "024_pingtan-jiaotongjianshe_2021.txt": [("GI609", 10)],
    "official-2021-template.docx": [("GI614", 3), ("GI614", 287), ("GI614", 289)],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_findings_are_real_defects(name: str) -> None:
    report = report_of(shared_file("corpus", "real", name))
    assert [f for f in findings(report) if f[0] not in DAMAGE] == EXPECTED[name]


def test_issue_16_rules_on_every_file_in_shared() -> None:
    """Every report, seed and the template: the new rules find exactly the defects read by hand."""
    files = [p for folder in (("corpus", "real"), ("seeds",), ("corpus", "template"))
             for p in sorted(shared_file(*folder).iterdir()) if p.suffix != ".tsv"]
    assert len(files) == 43
    found = {p.name: [f for f in findings(report_of(p)) if f[0] in ISSUE_16] for p in files}
    assert {name: hits for name, hits in found.items() if hits} == ISSUE_16_FOUND


def test_run_together_cells_split_by_identities() -> None:
    """平潭 2023 prints table 3 with every row's cells run together ("801000081"): the row identity
    splits most rows uniquely; 予以公开 and 部分公开 need the column identities too."""
    t3 = report_of(shared_file("corpus", "real", "008_pingtan_2023.txt")).tables[3]
    assert [t3.value("一", c) for c in ("自然人", "商业企业", "总计")] == [80, 1, 81]
    assert [t3.value("（二）", c) for c in ("自然人", "商业企业", "总计")] == [19, 1, 20]
    assert t3.value("（四）1", "总计") == 31 and t3.value("（七）", "总计") == 81
    assert t3.split_by_columns and all(c.inferred for c in t3.cells["一"].values())
    t4 = report_of(shared_file("corpus", "real", "008_pingtan_2023.txt")).tables[4]
    assert [c.value for c in t4.cells["表四"].values()] == [1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]


def test_table2_run_together_is_not_guessed() -> None:
    t2 = report_of(shared_file("corpus", "real", "008_pingtan_2023.txt")).tables[2]
    assert t2.cells["行政规范性文件"] == {}
    amb = [p for p in t2.problems if p.kind == "run-together-ambiguous"]
    assert len(amb) == 1 and amb[0].damage and "77132470" in amb[0].message_zh
    assert t2.value("行政事业性收费", "本年收费金额（单位：万元）") == 5949.088667


# Table 3 总计 column (rows 一, 二, （七）, 四) and table 4 (15 cells) as each report prints them, read
# by hand from the report; None where the report leaves the cell blank or a scraper lost it (see
# GI308). 011's 四/总计 is in a table a converter scrambled.
PRINTED = {
    "004_pingtan_2019.txt": ((23, 0, 23, 0), [0] * 15),
    "005_pingtan_2020.txt": ((21, 0, 21, 0), [0] * 15),
    "006_pingtan_2021.txt": ((70, 0, 69, 1), [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]),
    "007_pingtan_2022.txt": ((74, 1, 75, 0), [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]),
    "008_pingtan_2023.txt": ((81, 0, 81, 0), [1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]),
    "009_pingtan_2024.txt": ((218, 0, 218, 0), [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]),
    "010_pingtan_2025.txt": ((154, 0, 148, 6), [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]),
    "011_shanghai-kewei_2024.md": ((34, 2, 35, None), [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    "012_shanghai-shifubangongting_2025.md": ((1295, 189, 1191, 293),
                                              [40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22]),
    "013_suqian-shuyangxian_2025.txt": ((713, 36, 718, 31), [27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10]),
    "014_shanghai-shifubangongting_2019.html": ((859, 18, 805, 72),
                                                [5, None, None, 2, 7, 8, None, None, 1, 9, *[None] * 5]),
    "015_suqian-shuyang-fagaiju_2023.html": ((26, 0, 26, 0), [0, 0, 0, 1, 1, *[0] * 10]),
    "016_pingtan-caizhengjinrongju_2023.txt": ((0, 0, 0, 0), [0] * 15),
    "017_pingtan-gonganju_2024.txt": ((8, 0, 8, 0), [0] * 15),
    "018_pingtan-xingzhengshenpiju_2022.txt": ((4, 0, 4, 0), [0] * 15),
    "019_pingtan-jingjifazhanju_2023.txt": ((3, 0, 0, 0), [0] * 15),
    "020_pingtan-gonganju_2019.txt": ((None, 0, 0, 0), [0] * 15),  # 一 prints "0 00000": a cell lost
    "021_pingtan-jingjifazhanju_2022.txt": ((3, 0, 3, 0), [0] * 15),
    "022_pingtan-touzicujinju_2025.txt": ((0, 0, 0, 0), [0] * 15),
    "023_pingtan-guoziju_2021.txt": ((0, 0, 0, 0), [0] * 15),
    "001_huaian-hongzequ_2023.pdf": ((21, 0, 21, 0), [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]),
    "002_huaian-hongzequ_2024.pdf": ((95, 0, 95, 0), [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]),
    "003_huaianshi_2024.pdf": ((3119, 34, 3050, 103), [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]),
}


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_corpus_tables_read_as_printed(name: str) -> None:
    report = report_of(shared_file("corpus", "real", name))
    totals, t4 = PRINTED[name]
    t3 = report.tables[3]
    assert tuple(t3.value(row, "总计") for row in ("一", "二", "（七）", "四")) == totals
    assert [c.value for c in report.tables[4].cells["表四"].values()] == t4


def test_the_official_blank_template_has_every_label_and_no_value() -> None:
    """The State Council's blank 2021 Word template: six sections, every row of tables 2, 3 and 4
    recognised by its official label, every cell blank; only what a blank form lacks is reported."""
    path = shared_file("corpus", "template", "official-2021-template.docx")
    report = report_of(path)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    t2, t3, t4 = report.tables[2], report.tables[3], report.tables[4]
    assert (t2.version, t3.version) == (2021, 2021)
    assert (t2.problems, t3.problems, t4.problems) == ([], [], [])
    assert (len(t2.cells), sum(map(len, t2.cells.values()))) == (6, 10)
    assert (len(t3.cells), sum(map(len, t3.cells.values()))) == (25, 175)
    assert len(t4.cells["表四"]) == 15
    values = [c.value for t in (t2, t3, t4) for row in t.cells.values() for c in row.values()]
    assert set(values) == {None}
    # lines in reading order; its "（文字描述）" placeholders are what a blank form holds (GI614)
    assert findings(report) == [("GI201", 1), ("GI306", 47), ("GI306", 271), ("GI614", 3), ("GI614", 287),
                                ("GI614", 289)]


@pytest.mark.parametrize(("name", "title"), [
    ("011_shanghai-kewei_2024.md", "2024 年上海市科委政府信息公开工作年度报告"),  # broken over two lines after "正文"
    ("012_shanghai-shifubangongting_2025.md", "2025 年上海市人民政府办公厅政府信息公开工作年度报告"),
])
def test_a_title_broken_over_lines_is_joined(name: str, title: str) -> None:
    assert report_of(shared_file("corpus", "real", name)).title == title
