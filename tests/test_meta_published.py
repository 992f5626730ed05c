"""The structure's fast paths (issue 19) against the general forms they replace, on generated reports (a fixed seed:
the same inputs on every run): the signature date found with the site chrome looked for only where it decides which
six nodes are looked at, against every one of the last twelve looked at first."""

from __future__ import annotations

import random

from gilint.model import Dated, Document, Node, Report, Span, Stream
from gilint.numbers import parse_date_parts
from gilint.structure import meta


def _signed(report: Report) -> Dated | None:
    """``find_published``'s signature date as first written: the chrome filtered out of the last twelve nodes."""
    tail = [n for n in report.stream.nodes[-12:] if n.kind == "text" and not meta._DEBRIS.search(n.text)]
    for node in reversed(tail[-6:]):
        if meta._DATE_LINE.match(node.text.strip()):
            d = meta._date(*parse_date_parts(node.text) or (None, None, None))
            if d:
                return Dated(d, node.text.strip(), node.span, "signature")
    return None


PIECES = [
    "2023年3月5日",
    " 二〇二三年一月三十日 ",
    "（2022年12月31日）",
    "2023年2月30日",  # no such day
    "2023年13月1日",
    "云溪市青禾县人民政府办公室",
    "扫一扫在手机打开当前页",
    "网站地图 | 联系我们",
    "【打印本页】【关闭窗口】",
    "版权所有：青禾县人民政府 2023年1月1日",
    "本报告电子版可在青禾县人民政府门户网站下载。",
    "ICP备12345号",
    "",
]


def test_the_signature_date_is_the_one_every_node_looked_at_found() -> None:
    rng = random.Random("published")
    found = 0
    for _ in range(6000):
        nodes = []
        for line in range(1, rng.randint(1, 20)):
            kind = "cell" if rng.random() < 0.15 else "text"
            nodes.append(Node(rng.choice(PIECES), Span(line, 1), kind=kind))  # type: ignore[arg-type]
        report = Report(Document("x.txt", "text", nodes), Stream(nodes))
        expected = _signed(report)
        published = meta.find_published(report)
        if expected is not None:
            assert published == expected, nodes
            found += 1
        else:
            assert published is None or published.source != "signature", nodes
    assert 1000 < found < 5500  # dates found, and not
