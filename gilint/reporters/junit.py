"""``--format junit``: JUnit XML, a testsuite per checked file, a failing testcase per diagnostic and
one passing testcase for a file without any. A failure holds the finding's line, where it is as a reader
names it, the hint and a short plain-text excerpt (at most 120 characters, never the whole source line).

XML 1.0 admits no control character but tab and line breaks, no lone surrogate and not U+FFFE/U+FFFF:
file names are written printable (``\\x1b``, ``\\xc4``), and any such character in a message, hint or
excerpt becomes U+FFFD, so the file parses whatever the reports held."""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from gilint.model import Diagnostic
from gilint.reporters import RenderContext, clean, headline, location, path_text, short_excerpt, where_text

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(diagnostics: Sequence[Diagnostic], context: RenderContext) -> str:
    by_file: dict[str, list[Diagnostic]] = {path: [] for path in context.files}
    for d in diagnostics:
        by_file.setdefault(d.path, []).append(d)
    root = ET.Element(
        "testsuites",
        name="gilint",
        tests=str(sum(max(len(ds), 1) for ds in by_file.values())),
        failures=str(len(diagnostics)),
    )
    for path, found in by_file.items():
        name = path_text(path)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=name,
            tests=str(max(len(found), 1)),
            failures=str(len(found)),
            errors="0",
            skipped="0",
        )
        if not found:
            ET.SubElement(suite, "testcase", name="gilint", classname=name)
        for d in found:
            case = ET.SubElement(suite, "testcase", name=f"{d.code} {location(d, context.lang)}", classname=name)
            failure = ET.SubElement(case, "failure", message=_xml(clean(d.message(context.lang))), type=d.code)
            parts = (headline(d, context.lang), where_text(d, context.lang), d.hint(context.lang), short_excerpt(d))
            failure.text = "\n".join(_xml(clean(x)) for x in parts if x)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
