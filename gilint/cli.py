"""The command line: ``gilint check | audit | rules | rule CODE | dump FILE`` (also ``python -m gilint``).

Exit status: 0 no error-severity finding (with ``--strict``: no warning either; with ``--exit-zero``:
always), 1 findings, 2 usage error (an unknown rule code or prefix among them), unusable
configuration or internal failure. Only the chosen output goes to stdout (or ``--output-file``);
warnings (a rule pack that failed to load) go to stderr. ``--lang`` and ``--config`` may be given
before or after the command.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from gilint.applies import applies_lines
from gilint.config import Config, ConfigError, Overrides, Resolver, check_selectors
from gilint.engine import MissingPath, Plugins, check_file, plan, read_file
from gilint.model import Diagnostic
from gilint.parsers import limits
from gilint.reporters import BUILTIN, SEVERITY_WORDS, RenderContext, find, fixable, location
from gilint.session import load_packs, say, set_limits, unknown_message, unknown_selectors

_HEADER = {
    "zh": ("代码", "类别", "级别", "规则包", "修复", "说明"),
    "en": ("code", "category", "severity", "pack", "fix", "summary"),
}  # of `gilint rules`
_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "missing": "路径不存在：{}",
        "no-files": "没有找到可检查的文件",
        "format": "未知的输出格式 “{}”（可用：{}）",
        "rule": "没有规则 {}",
        "broken": "加载失败的规则包：",
        "internal": "内部错误：{}",
        "safe": "安全修复",
        "unsafe": "不安全修复",
        "refused": "{}: {} 的修复未应用：{}",
        "fixed": "已修复 {} 处（{} 个文件）",
        "hidden": "另有 {} 处不安全修复，可用 --unsafe-fixes 启用",
        "would": "可修复 {} 处（{} 个文件）",
        "one-dump": "dump 一次只输出一个文件；多个文件请用 --cells",
        "stdin": "“-”（从标准输入读取）不能与其他路径或 --fix/--diff 同用",
    },
    "en": {
        "missing": "no such file or folder: {}",
        "no-files": "no files to check",
        "format": "unknown output format {!r} (available: {})",
        "rule": "no rule {}",
        "broken": "rule packs that failed to load:",
        "internal": "internal error: {}",
        "safe": "safe fix",
        "unsafe": "unsafe fix",
        "refused": "{}: the fix of {} was not applied: {}",
        "fixed": "fixed {} issues in {} files",
        "hidden": "{} more unsafe fixes can be applied with --unsafe-fixes",
        "would": "{} fixes would be applied in {} files",
        "one-dump": "dump prints one file; use --cells for several",
        "stdin": "'-' (read standard input) cannot be combined with other paths or with --fix/--diff",
    },
}


def _limit(value: str) -> tuple[str, float]:
    try:
        return limits.parse_setting(value)
    except limits.LimitError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


def _positive(kind: type[int] | type[float]) -> Callable[[str], float]:
    def parse(value: str) -> float:
        try:
            number = kind(value)
        except ValueError:
            number = 0
        if not number > 0:
            raise argparse.ArgumentTypeError(f"{value!r} is not a number above 0")
        return number

    return parse


def _selectors(value: str) -> list[str]:
    try:
        return list(check_selectors([v.strip() for v in value.split(",") if v.strip()], "selector"))
    except ConfigError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked (``importlib.metadata`` costs a
    third of a start-up)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"gilint {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gilint")
    except PackageNotFoundError:  # run from a checkout that is not installed
        return "unknown"


def _global_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    """``--lang`` and ``--config``, on the top-level parser (with their defaults) and on every command
    (without, so that ``gilint --lang en check`` keeps what was given before the command)."""
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh" if defaults else argparse.SUPPRESS,
        help="message language (default: zh)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        default=None if defaults else argparse.SUPPRESS,
        help="use this gilint.toml / pyproject.toml only",
    )


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, defaults=False)
    parser = argparse.ArgumentParser(
        prog="gilint",
        description="政府信息公开工作年度报告检查工具 / a linter for government information-disclosure annual reports",
        epilog="exit status: 0 no error (with --strict: no warning either), 1 findings, 2 usage or configuration error",
    )
    _global_options(parser, defaults=True)
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", parents=[common], help="check report files and folders")
    check.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files, and folders to walk for .html .htm .txt .md .docx .doc .wps .pdf (default: .); "
        "- reads standard input",
    )
    check.add_argument("--format", default="full", help=f"output format: {', '.join(BUILTIN)} (default: full)")
    check.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="with -: the file name standard input stands for (its type and configuration; default: stdin.txt)",
    )
    check.add_argument("-o", "--output-file", type=Path, metavar="FILE", help="write the output here, not to stdout")
    check.add_argument("-q", "--quiet", action="store_true", help="print the findings only, no summary line")
    check.add_argument("--statistics", action="store_true", help="print how many findings each rule gave instead")
    check.add_argument(
        "--help-uri",
        metavar="TEMPLATE",
        help="each rule's documentation address for SARIF's helpUri, {code} replaced by the code "
        "(e.g. https://example.org/gilint/rules/{code})",
    )
    _rule_options(check)
    _limit_options(check)
    check.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--fix", action="store_true", help="apply the safe fixes to the files, then report what is left")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: the unsafe fixes too")
    check.add_argument(
        "--diff",
        action="store_true",
        help="print what --fix would change as a unified diff and change nothing (exit 1 if any)",
    )
    check.set_defaults(run=cmd_check)

    audit = sub.add_parser(
        "audit",
        parents=[common],
        help="audit many reports: in parallel, kept in a SQLite "
        "database, with cross-year checks and HTML/CSV/JSONL outputs (docs/audit.md)",
    )
    audit.add_argument("paths", nargs="+", metavar="PATH", help="files, and folders to walk")
    audit.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: one per core; 1: no pool)")
    audit.add_argument(
        "--db",
        type=Path,
        metavar="FILE",
        help="the audit database (default: gilint-audit.db in --out, else in the current folder)",
    )
    audit.add_argument(
        "--agencies",
        type=Path,
        metavar="FILE",
        help="the agencies expected to submit (CSV or TOML: name, aliases, level, from, pattern, "
        "parent): names the agency of each report, lists who is missing or late",
    )
    audit.add_argument("--out", type=Path, metavar="DIR", help="write results.jsonl, summary.csv, report.html here")
    audit.add_argument("--force", action="store_true", help="check every file again, even if unchanged")
    audit.add_argument(
        "--honour-submission-config",
        action="store_true",
        help="honour gilint.toml files and suppression comments found inside the submissions "
        "(default: report them, GI905, and use the office's configuration only)",
    )
    _rule_options(audit)
    _limit_options(audit)
    audit.set_defaults(run=cmd_audit)

    rules = sub.add_parser("rules", parents=[common], help="list every rule")
    rules.set_defaults(run=cmd_rules)
    rule = sub.add_parser("rule", parents=[common], help="print one rule's documentation")
    rule.add_argument("code")
    rule.set_defaults(run=cmd_rule)
    dump = sub.add_parser("dump", parents=[common], help="print the structured model as JSON (docs/dump.md)")
    dump.add_argument("files", nargs="+", metavar="FILE")
    dump.add_argument(
        "--cells",
        action="store_true",
        help="JSON Lines, one record per table cell of every FILE, instead of one document",
    )
    dump.set_defaults(run=cmd_dump)
    labels = sub.add_parser(
        "labels", parents=[common], help="print the table vocabulary: every cell id, label and identity"
    )
    labels.add_argument("--json", action="store_true", help="as JSON")
    labels.set_defaults(run=cmd_labels)
    return parser


def _rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--select",
        type=_selectors,
        metavar="CODES",
        help="comma-separated codes or prefixes to run (replaces the configuration's select)",
    )
    parser.add_argument("--extend-select", type=_selectors, action="extend", default=[], metavar="CODES")
    parser.add_argument("--ignore", type=_selectors, action="extend", default=[], metavar="CODES")


def _limit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=_positive(float),
        metavar="SECONDS",
        help="time limit to read one file (default: 60); the audit's limit per file",
    )
    parser.add_argument(
        "--max-memory",
        type=_positive(int),
        metavar="MIB",
        help="memory limit to read one .docx or PDF, in MiB (default: 1024)",
    )
    parser.add_argument(
        "--limit",
        type=_limit,
        action="append",
        default=[],
        metavar="NAME=N",
        help="raise or lower a reading limit, e.g. pdf-pages=500 (docs/engine.md lists them)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a non-UTF-8 terminal still gets every line
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `gilint check … | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as e:
        import traceback

        say(args.lang, "error", _TEXT[args.lang]["internal"].format(f"{type(e).__name__}: {e}"))
        traceback.print_exc()
        return 2


def exit_code(diagnostics: Sequence[Diagnostic], strict: bool = False, exit_zero: bool = False) -> int:
    failing = ("error", "warning") if strict else ("error",)
    return 0 if exit_zero or not any(d.severity in failing for d in diagnostics) else 1


def statistics(diagnostics: Sequence[Diagnostic], plugins: Plugins, lang: str) -> str:
    """``--statistics``: how many findings each rule gave, most first (ruff's shape: count, code,
    ``[*]`` when ``--fix`` mends some, summary)."""
    counts: dict[str, int] = {}
    mendable: set[str] = set()
    for d in diagnostics:
        counts[d.code] = counts.get(d.code, 0) + 1
        if fixable(d):
            mendable.add(d.code)
    rows = []
    for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        found = plugins.rule(code)
        summary = "" if found is None else found.summary_en if lang == "en" else found.summary_zh
        rows.append((str(n), code, "[*]" if code in mendable else "   ", summary))
    width = max((len(r[0]) for r in rows), default=1)
    return "".join(f"{n:>{width}}\t{code}\t{mark} {summary}\n" for n, code, mark, summary in rows)


def cmd_check(args: argparse.Namespace) -> int:
    lang, text = args.lang, _TEXT[args.lang]
    set_limits(args)
    plugins = load_packs(lang)
    reporter = find(args.format, plugins.reporters)
    if reporter is None:
        say(lang, "error", text["format"].format(args.format, ", ".join([*BUILTIN, *plugins.reporters])))
        return 2
    stdin = "-" in args.paths
    if stdin and (len(args.paths) > 1 or args.fix or args.diff):
        say(lang, "error", text["stdin"])
        return 2
    overrides = Overrides(
        config=args.config,
        select=None if args.select is None else tuple(args.select),
        extend_select=tuple(args.extend_select),
        ignore=tuple(args.ignore),
    )
    resolver = Resolver(overrides)
    try:
        if stdin:
            name = args.stdin_filename or "stdin.txt"
            todo_files, warnings = [(name, resolver.for_path(name))], []
        else:
            todo = plan(args.paths, plugins, overrides, resolver)
            todo_files, warnings = todo.files, todo.warnings
    except ConfigError as e:
        say(lang, "error", str(e))
        return 2
    except MissingPath as e:
        say(lang, "error", text["missing"].format(e.args[0]))
        return 2
    unknown = unknown_selectors(resolver.loaded(), plugins)
    for where, value, near in unknown:
        say(lang, "error", unknown_message(lang, where, value, near))
    if unknown:
        return 2
    for warning in warnings:
        if "matches no rule" not in warning:  # those are the errors above
            say(lang, "warning", warning)
    if not todo_files:
        say(lang, "warning", text["no-files"])
    reports = {}
    if args.fix or args.diff:
        diagnostics, changed = _fix(args, todo_files, plugins)
        if args.diff:
            return 1 if changed else 0
    else:
        diagnostics = []
        for path, config in todo_files:
            result = check_file(path, config, plugins, _read_stdin() if stdin else None, lang)
            diagnostics += result.diagnostics
            if result.report is not None and args.format == "html":  # the page shows each report
                reports[path] = result.report
    tty = args.output_file is None and sys.stdout.isatty()
    context = RenderContext(
        lang,
        tty and not os.environ.get("NO_COLOR"),
        [path for path, _ in todo_files],
        plugins.rules,
        shutil.get_terminal_size().columns if tty else None,
        args.unsafe_fixes,
        quiet=args.quiet,
        help_uri=args.help_uri,
        reports=reports,
    )
    output = statistics(diagnostics, plugins, lang) if args.statistics else reporter(diagnostics, context)
    if args.output_file is not None:
        args.output_file.write_text(output, encoding="utf-8", errors="surrogateescape")
    else:
        sys.stdout.write(output)
        sys.stdout.flush()
    return exit_code(diagnostics, args.strict, args.exit_zero)


def _read_stdin() -> bytes:
    """Standard input's bytes, at most the ``file-size`` reading limit and one byte (so that a larger
    input is still seen as over the limit, GI004)."""
    from gilint.parsers.limits import value

    return sys.stdin.buffer.read(int(value("file-size")) + 1)


def _fix(
    args: argparse.Namespace, files: Sequence[tuple[str, Config]], plugins: Plugins
) -> tuple[list[Diagnostic], bool]:
    """``--fix`` (write each fixed file) or ``--diff`` (print the diffs): the diagnostics left, and
    whether anything changed (or would). Refused fixes and a summary go to stderr."""
    from gilint.fix import diff, fix_file

    lang, text = args.lang, _TEXT[args.lang]
    left: list[Diagnostic] = []
    fixed = files_changed = 0
    for path, config in files:
        result = fix_file(path, config, plugins, args.unsafe_fixes)
        for r in result.refused:
            say(lang, "warning", text["refused"].format(location(r.diagnostic), r.diagnostic.code, r.reason(lang)))
        if result.changed:
            files_changed += 1
            fixed += len(result.fixed)
            if args.diff:
                sys.stdout.write(diff(result))
            else:
                Path(path).write_bytes(result.after)
        left += result.remaining
    print(text["would" if args.diff else "fixed"].format(fixed, files_changed), file=sys.stderr)
    hidden = sum(fixable(d, True) and not fixable(d) for d in left) if not args.unsafe_fixes else 0
    if hidden:
        print(text["hidden"].format(hidden), file=sys.stderr)
    return left, files_changed > 0


def cmd_audit(args: argparse.Namespace) -> int:
    from gilint.audit.command import run  # imported here: `gilint check` starts without it

    return run(args)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def rules_table(plugins: Plugins, lang: str) -> str:
    """``gilint rules``: code, category, default severity, pack, fix (safe/unsafe), summary; then the
    packs that failed."""
    text = _TEXT[lang]
    rows = [
        _HEADER[lang],
        *[
            (
                r.code,
                r.category,
                SEVERITY_WORDS[lang][r.severity],
                plugins.packs[r.code],
                text[r.fix] if r.fix else "",
                r.summary_en if lang == "en" else r.summary_zh,
            )
            for r in sorted(plugins.rules, key=lambda r: r.code)
        ],
    ]
    widths = [max(_width(row[i]) for row in rows) for i in range(5)]
    lines = [
        "  ".join([*(c + " " * (w - _width(c)) for c, w in zip(row[:5], widths, strict=True)), row[5]]) for row in rows
    ]
    if plugins.errors:
        lines += ["", _TEXT[lang]["broken"], *(f"  {e.pack}: {e.message}" for e in plugins.errors)]
    return "\n".join(lines) + "\n"


def cmd_rules(args: argparse.Namespace) -> int:
    sys.stdout.write(rules_table(load_packs(args.lang), args.lang))
    return 0


def cmd_rule(args: argparse.Namespace) -> int:
    import json

    found = load_packs(args.lang).rule(args.code.upper())
    if found is None:
        say(args.lang, "error", _TEXT[args.lang]["rule"].format(args.code))
        return 2
    summary = found.summary_en if args.lang == "en" else found.summary_zh
    fix = f", {_TEXT[args.lang][found.fix]}" if found.fix else ""
    severity = SEVERITY_WORDS[args.lang][found.severity]
    print(f"{found.code} {found.name}: {summary} [{found.category}, {severity}{fix}]\n")
    print(found.doc)
    print("\n适用于" if args.lang == "zh" else "\nApplies to")
    print("\n".join(f"  {line}" for line in applies_lines(found.applies, args.lang, found.scope == "series")))
    if found.specs:
        print("\n选项" if args.lang == "zh" else "\nOptions")
        for key, spec in found.specs.items():
            zh, _, en = spec.doc.partition(" / ")
            default = (
                "（不设）"
                if spec.default is None and args.lang == "zh"
                else ("(unset)" if spec.default is None else json.dumps(spec.default, ensure_ascii=False))
            )
            print(f"  {key} = {default}  [{spec.describe()}]  {(en or zh) if args.lang == 'en' else zh}".rstrip())
    return 0


def cmd_dump(args: argparse.Namespace) -> int:
    import json

    from gilint.dump import cell_records, report_to_json
    from gilint.structure import build_report

    missing = [f for f in args.files if not os.path.exists(f)]
    if missing:
        say(args.lang, "error", _TEXT[args.lang]["missing"].format(missing[0]))
        return 2
    if not args.cells and len(args.files) > 1:
        say(args.lang, "error", _TEXT[args.lang]["one-dump"])
        return 2
    plugins = load_packs(args.lang)
    for path in args.files:
        report = build_report(read_file(path, plugins))
        if args.cells:
            for record in cell_records(report):
                print(json.dumps(record, ensure_ascii=False))
        else:
            print(json.dumps(report_to_json(report), ensure_ascii=False, indent=2))
    return 0


def cmd_labels(args: argparse.Namespace) -> int:
    from gilint.dump import labels_text, labels_to_json

    if args.json:
        import json

        print(json.dumps(labels_to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(labels_text(args.lang)))
    return 0
