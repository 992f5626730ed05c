"""The agency a report names itself (``gilint.structure.agency``): title, signature, preamble, none; and what
reads as an agency's name. Fictional agencies (青禾县, 云溪市)."""

from __future__ import annotations

import pytest

from gilint.model import Report
from gilint.parsers import read_document
from gilint.structure import build_report
from gilint.structure.agency import clean, plausible, recognise
from gilint.testing.reports import make_report


def report_of(text: str) -> Report:
    return build_report(read_document("r.txt", text.encode()))


def nameless(signed_by: str, **kwargs: object) -> str:
    text = make_report(title="2023年政府信息公开工作年度报告", **kwargs)
    return text.replace("青禾县自然资源局\n", signed_by)


@pytest.mark.parametrize(
    ("title", "agency"),
    [
        ("青禾县发展和改革局2023年政府信息公开工作年度报告", "青禾县发展和改革局"),
        ("《云溪市 人力资源和社会保障局》2023年度政府信息公开工作年度报告", "云溪市人力资源和社会保障局"),
        ("青禾县民政局关于报送2023年度政府信息公开工作年度报告的函", "青禾县民政局"),
        ("2023年云溪市人民政府办公室政府信息公开工作年度报告", "云溪市人民政府办公室"),
    ],
)
def test_the_title_names_the_agency(title: str, agency: str) -> None:
    report = report_of(make_report(title=title))
    assert (report.agency, recognise(report)) == (agency, (agency, "title"))


def test_the_signature_then_the_preamble_then_none() -> None:
    assert recognise(report_of(nameless("云溪市青禾区城关镇人民政府\n"))) == ("云溪市青禾区城关镇人民政府", "signature")
    preamble = nameless("", body={1: ["现将青禾县统计局2023年政府信息公开工作年度报告公布如下。"]})
    assert recognise(report_of(preamble)) == ("青禾县统计局", "preamble")
    # a line above the date that is no agency's name, and a preamble naming none
    assert recognise(report_of(nameless("以上是本年度的情况。\n"))) is None


def test_what_reads_as_a_name() -> None:
    assert clean(" “青禾县 统计局”： ") == "青禾县统计局"
    assert plausible("青禾县统计局") and plausible("云溪市青禾区城关镇人民政府")
    assert plausible("统计局")  # three characters ending in 局 are a name
    assert not plausible("2023年报") and not plausible("政府") and not plausible("青禾县统计工作")
