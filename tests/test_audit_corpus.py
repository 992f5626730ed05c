"""`gilint audit` over the shared corpus and seeds: the cross-year rules run on every agency with two
or more years, and find exactly what reading the reports' tables by hand finds (skipped without
../shared).

Checked by hand, for each pair of consecutive years, last year's table 3 "四、结转下年度继续办理"
against this year's "二、上年结转" (column by column) and table 2's documents in force:

- 平潭综合实验区 2019–2025: carried forward 0, 0, 1 (自然人 1, 总计 1), 0, 0, 0, 6; carried over the
  next year 0, 0, 1 (自然人 1, 总计 1), 0, 0, 0: continuous, no GI701. Table 2 "行政规范性文件" is run
  together in every year ("693665", "8855698", …; GI308), so GI702 has no numbers to compare; 规章 is
  0 / 0 / 0 every year.
- 平潭综合实验区经济发展局 2022 → 2023: table 3 all 0 both years (no GI701); table 2 行政规范性文件
  "505" (制发 5, 废止 0, 现行有效 5) then "606" (制发 6, 废止 0, 现行有效 6): 5 + 6 − 0 = 11 ≠ 6, GI702.
- 平潭综合实验区公安局 2019 and 2024: not consecutive years, nothing to compare.
- 淮安市洪泽区人民政府 2023 → 2024 (PDFs; the 2023 title omits 淮安市): table 3 all 0; table 2
  行政规范性文件 "0 5 5" then "3 0 8": 5 + 3 − 0 = 8, continuous.
- 上海市人民政府办公厅 2019 and 2025; 苏平片区管理局 2020 and 2023 (the 2020 report is a 函 "关于报送…",
  its agency read without it); 综合执法与应急管理局 2019 and 2022: not consecutive.
- 交通与建设局 2021–2024: table 3 all 0 carried forward and over; 行政规范性文件 "0012" (0, 0, 12) then
  "4016" (4, 0, 16): 12 + 4 − 0 = 16, continuous; 2023 "5615" and 2024 "3123" split several ways (GI308),
  so GI702 has nothing to compare (of 5615's readings only 5, 6, 15 continues from 16: a cross-year
  reading the series rules do not make).
- 社会事业局 2022–2024: table 3 all 0; 规范性文件 "5730" and "2120" split several ways; no 规章 row.
- 金井片区管理局 2024 → 2025: 2024's 四 prints six digits for seven cells (GI308), 2025's 二 is 0;
  规范性文件 "001" both years: 1 + 0 − 0 = 1, continuous.
GI703 (copied text) finds nothing: consecutive reports share at most 6% of their 8-character shingles.
"""

from __future__ import annotations

from pathlib import Path

from gilint.audit.db import AuditDB
from gilint.audit.runner import AuditOptions, run_audit
from gilint.engine import load_plugins
from tests.conftest import shared_file

PT = "平潭综合实验区"


def test_series_over_the_shared_corpus(tmp_path: Path) -> None:
    corpus, seeds = shared_file("corpus", "real"), shared_file("seeds")
    db = AuditDB(tmp_path / "a.db")
    result = run_audit([str(corpus), str(seeds)], db, load_plugins(), options=AuditOptions(jobs=2))
    series = sorted(a for (a,) in db.conn.execute("SELECT agency FROM series"))
    assert series == [
        "上海市人民政府办公厅",
        PT,
        f"{PT}交通与建设局",
        f"{PT}公安局",
        f"{PT}社会事业局",
        f"{PT}经济发展局",
        f"{PT}综合执法与应急管理局",
        f"{PT}苏平片区管理局",
        f"{PT}金井片区管理局",
        "淮安市洪泽区人民政府",
    ]
    assert result.counts["series_run"] == 10
    years = {
        a: sorted(y for (y,) in db.conn.execute("SELECT year FROM reports WHERE agency = ?", (a,))) for a in series
    }
    assert years[PT] == list(range(2019, 2026))
    assert (years[f"{PT}经济发展局"], years[f"{PT}公安局"]) == ([2022, 2023], [2019, 2024])
    assert years[f"{PT}交通与建设局"] == [2021, 2022, 2023, 2024] and years[f"{PT}苏平片区管理局"] == [2020, 2023]
    found = [
        (Path(p).name, code, message)
        for p, code, message in db.conn.execute(
            "SELECT r.display, f.code, f.message_zh FROM findings f JOIN reports r ON r.id = f.report_id "
            "WHERE f.series IS NOT NULL ORDER BY r.display, f.id"
        )
    ]
    db.close()
    assert found == [
        (
            "019_pingtan-jingjifazhanju_2023.txt",
            "GI702",
            "2023年表二“行政规范性文件”现行有效件数为 6，按上年 5＋制发 6－废止 0 应为 11",
        )
    ]
