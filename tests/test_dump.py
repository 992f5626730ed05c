"""The dump is a contract: every golden dump and every corpus report validates against
docs/dump.schema.json; ``gilint dump --cells`` gives one record per cell with ids that ``gilint labels``
declares; the vocabulary itself is consistent (unique ids, identities over cells that exist)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from gilint.dump import SCHEMA, cell_records, labels_to_json, report_to_json
from gilint.formats.tables import FAMILIES, VERSIONS, cell_id, table_format
from tests.conftest import SHARED
from tests.lintkit import report_of

ROOT = Path(__file__).resolve().parents[1]
VALIDATOR = jsonschema.Draft202012Validator(json.loads((ROOT / "docs" / "dump.schema.json").read_text("utf-8")))
GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.json"))


@pytest.mark.parametrize("path", GOLDEN, ids=[p.name for p in GOLDEN])
def test_every_golden_dump_follows_the_schema(path: Path) -> None:
    dump = json.loads(path.read_text("utf-8"))
    assert dump["schema"] == SCHEMA
    VALIDATOR.validate(dump)


def test_every_real_report_dumps_by_the_schema() -> None:
    reports = sorted((SHARED / "corpus" / "real").glob("0*")) + sorted((SHARED / "seeds").glob("*.txt"))
    if not reports:
        pytest.skip("../shared is not beside the project")
    for path in reports:
        VALIDATOR.validate(report_to_json(report_of(path)))


def test_a_bad_dump_is_rejected_by_the_schema() -> None:
    dump = json.loads(GOLDEN[0].read_text("utf-8"))
    dump["tables"]["3"]["rows"]["1"]["cells"]["natural"]["status"] = "guessed"
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(dump)


def test_cell_records_carry_ids_the_vocabulary_declares() -> None:
    report = report_of(ROOT / "fixtures" / "clean" / "2023_xx-ju.txt")
    records = list(cell_records(report))
    declared = {cell_id(n, ref) for n in (2, 3, 4) for v in VERSIONS for ref in table_format(n, v).cells()}
    assert len(records) == 10 + 175 + 15
    assert {r["id"] for r in records} <= declared
    first = next(r for r in records if r["id"] == "t3:1:natural")
    assert (first["value"], first["status"], first["row_label"], first["col_label"], first["line"]) == (
        11,
        "read",
        "一、本年新收政府信息公开申请数量",
        "自然人",
        73,
    )


def test_gilint_dump_cells_prints_json_lines_for_several_files() -> None:
    files = [ROOT / "fixtures" / "clean" / name for name in ("2023_xx-ju.txt", "2023_xx-ju.md")]
    out = subprocess.run(
        [sys.executable, "-m", "gilint", "dump", "--cells", *map(str, files)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 2 * 200
    assert {Path(str(r["path"])).name for r in records} == {"2023_xx-ju.txt", "2023_xx-ju.md"}


def test_gilint_dump_of_several_files_without_cells_is_a_usage_error() -> None:
    files = [str(ROOT / "fixtures" / "clean" / n) for n in ("2023_xx-ju.txt", "2023_xx-ju.md")]
    done = subprocess.run(
        [sys.executable, "-m", "gilint", "dump", "--lang", "en", *files],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 2 and "use --cells" in done.stderr


def test_the_vocabulary_is_consistent() -> None:
    labels = labels_to_json()
    for table in labels["tables"]:  # type: ignore[union-attr]
        rows = [r["id"] for r in table["rows"]]
        assert len(rows) == len(set(rows)), table["number"]
        cells = {cell_id(table["number"], (r["id"], c)) for r in table["rows"] for c in r["cols"]}
        for identity in table["identities"]:
            assert set(identity["left"]) | set(identity["right"]) <= cells, identity["id"]
    t3 = {v: table_format(3, v) for v in VERSIONS}
    assert [r.id for r in t3[2021].rows if r.id.startswith("3.6")] == ["3.6.1", "3.6.2", "3.6.3"]
    assert [r.id for r in t3[2019].rows if r.id.startswith("3.6")] == ["3.6"]
    assert len(t3[2021].cells()) == 175 and len(t3[2019].cells()) == 161
    outcomes = next(i for i in t3[2021].identities if i.id == "T3-B/total").right
    assert len(outcomes) == 21 and ("3.7", "total") not in outcomes  # group 三 has 22 rows with （七）
    assert {f.id for f in FAMILIES} == {"T3-A", "T3-B", "T3-C", "T4-A"}
    assert table_format(2, 2019).row("normative").label == "规范性文件"  # type: ignore[union-attr]
    assert table_format(2, 2021).row("normative").label == "行政规范性文件"  # type: ignore[union-attr]


def test_gilint_labels_lists_every_row_and_identity() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "gilint", "labels"], capture_output=True, text=True, encoding="utf-8", check=True
    ).stdout
    assert "3.3.1" in out and "（三）不予公开 / 1.属于国家秘密" in out and "T3-A  一＋二＝（七）总计＋四" in out
    data = json.loads(
        subprocess.run(
            [sys.executable, "-m", "gilint", "labels", "--json"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        ).stdout
    )
    assert data["schema"] == "gilint.labels/1" and len(data["tables"]) == 6
