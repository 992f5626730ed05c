"""The project's own example reports (``fixtures/``): clean ones give no finding and dump exactly as
recorded; each planted defect gives exactly the findings ``defects/MANIFEST.tsv`` lists.

Golden dumps live in ``tests/golden/``, one JSON file per clean fixture, compared by syrupy (``GoldenDump``): a
run never writes them, so a dump that changed fails with its diff. After a deliberate change to the model,
``python -m pytest tests/test_fixtures.py --snapshot-update`` rewrites them (and deletes those no fixture
makes any more); the change is then reviewed in ``git diff tests/golden`` before it is committed.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode
from syrupy.location import PyTestLocation
from syrupy.types import SerializableData

from gilint.config import Config
from gilint.dump import report_to_json
from gilint.engine import check_file, load_plugins
from tests.fixture_builders import build_docx, build_gbk

ROOT = Path(__file__).resolve().parent.parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
PLUGINS = load_plugins()
CLEAN = ["2023_xx-ju.txt", "2023_xx-ju.md", "2022_xx-zhen.html", "2020_xx-ju_2019format.txt", "2024_xx-wei.docx"]


def clean_file(name: str, tmp_path: Path) -> Path:
    """The clean fixture ``name``; the .docx is built from its JSON description."""
    if name.endswith(".docx"):
        return build_docx(ROOT / "clean" / f"{name}.json", tmp_path / name)
    return ROOT / "clean" / name


def diagnostics(path: Path) -> list[tuple[str, str, int | None]]:
    result = check_file(str(path), Config(ROOT), PLUGINS)
    return sorted((d.code, d.category, d.span.line) for d in result.diagnostics)


@pytest.mark.parametrize("name", CLEAN)
def test_clean_fixture_has_no_finding(name: str, tmp_path: Path) -> None:
    assert diagnostics(clean_file(name, tmp_path)) == []


def test_gbk_copy_of_a_clean_text_report_has_no_finding(tmp_path: Path) -> None:
    path = build_gbk(ROOT / "clean" / "2023_xx-ju.txt", tmp_path / "gbk.txt")
    assert diagnostics(path) == []


def _manifest() -> dict[str, list[tuple[str, str, int]]]:
    rows: dict[str, list[tuple[str, str, int]]] = {}
    with open(ROOT / "defects" / "MANIFEST.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            rows.setdefault(row["file"], []).append((row["code"], row["category"], int(row["line"])))
    return rows


MANIFEST = _manifest()


def test_every_defect_fixture_is_in_the_manifest() -> None:
    on_disk = {p.name for p in (ROOT / "defects").iterdir() if p.name != "MANIFEST.tsv"}
    assert on_disk == set(MANIFEST)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_defect_fixture_gives_exactly_the_manifest_findings(name: str) -> None:
    assert diagnostics(ROOT / "defects" / name) == sorted(MANIFEST[name])


def _dump(path: Path) -> dict[str, object]:
    result = check_file(str(path), Config(ROOT), PLUGINS)
    assert result.report is not None
    data = report_to_json(result.report)
    data["path"] = path.name  # the .docx is built in a temporary folder
    return data


class GoldenDump(SingleFileSnapshotExtension):
    """A fixture's dump as ``tests/golden/<fixture>.json``: JSON with one value a line, so a change reads as a
    diff of the values that changed (here and in the repository), in the files ``test_dump`` validates."""

    file_extension = "json"
    _write_mode = WriteMode.TEXT

    def serialize(self, data: SerializableData, **kwargs: object) -> str:
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def dirname(cls, *, test_location: PyTestLocation) -> str:
        return str(GOLDEN)

    @classmethod
    def get_snapshot_name(cls, *, test_location: PyTestLocation, index: object = 0) -> str:
        return test_location.testname.partition("[")[2].rstrip("]")  # the fixture's name: the test's parameter


@pytest.fixture
def golden(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(GoldenDump)


@pytest.mark.parametrize("name", CLEAN)
def test_clean_fixture_dumps_as_recorded(name: str, tmp_path: Path, golden: SnapshotAssertion) -> None:
    assert _dump(clean_file(name, tmp_path)) == golden


# What each clean fixture prints in table 3's 总计 column (rows 一, 二, （七）, 四) and its period,
# written down from the fixture itself, so a golden file regenerated wrongly is still caught.
PRINTED = {
    "2023_xx-ju.txt": ((2023, 2021), (15, 2, 16, 1), "青禾县自然资源局"),
    "2023_xx-ju.md": ((2023, 2021), (30, 4, 31, 3), "云溪市望江区市场监督管理局"),
    "2022_xx-zhen.html": ((2022, 2021), (5, 0, 4, 1), "禾川县柳湾镇人民政府"),
    "2020_xx-ju_2019format.txt": ((2020, 2019), (11, 1, 11, 1), "青禾县农业农村局"),
    "2024_xx-wei.docx": ((2024, 2021), (14, 2, 15, 1), "云溪市卫生健康委员会"),
}


@pytest.mark.parametrize("name", CLEAN)
def test_clean_fixture_key_cells(name: str, tmp_path: Path) -> None:
    result = check_file(str(clean_file(name, tmp_path)), Config(ROOT), PLUGINS)
    report = result.report
    assert report is not None
    (year, version), totals, agency = PRINTED[name]
    assert (report.year, report.tables[3].version, report.agency) == (year, version, agency)
    assert report.period is not None
    assert (report.period.start.isoformat(), report.period.end.isoformat()) == (f"{year}-01-01", f"{year}-12-31")
    assert tuple(report.tables[3].value(row, "total") for row in ("1", "2", "3.7", "4")) == totals
