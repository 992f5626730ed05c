"""``--format junit``: JUnit XML, a testsuite per checked file, a failing testcase per diagnostic and
one passing testcase for a file without any."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from gilint.model import Diagnostic
from gilint.reporters import RenderContext, clean, headline, location


def render(diagnostics: Sequence[Diagnostic], context: RenderContext) -> str:
    by_file: dict[str, list[Diagnostic]] = {path: [] for path in context.files}
    for d in diagnostics:
        by_file.setdefault(d.path, []).append(d)
    root = ET.Element("testsuites", name="gilint", tests=str(sum(max(len(ds), 1) for ds in by_file.values())),
                      failures=str(len(diagnostics)))
    for path, found in by_file.items():
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(max(len(found), 1)),
                              failures=str(len(found)), errors="0", skipped="0")
        if not found:
            ET.SubElement(suite, "testcase", name="gilint", classname=path)
        for d in found:
            case = ET.SubElement(suite, "testcase", name=f"{d.code} {location(d)}", classname=path)
            failure = ET.SubElement(case, "failure", message=clean(d.message(context.lang)), type=d.code)
            parts = (headline(d, context.lang), d.hint(context.lang), d.excerpt)
            failure.text = "\n".join(clean(x) for x in parts if x)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
