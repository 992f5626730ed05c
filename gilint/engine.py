"""The rule engine: load the rule packs, read each file, run the enabled rules, apply suppressions.

The engine knows no rule by name: rules, extra readers and extra output formats come from the packs
registered under the entry-point group ``gilint.rules`` (see ``hookspecs.py``). Nothing a pack or a
file does stops a run: a pack that fails is reported in ``Plugins.errors``, a rule that raises gives
GI900, a file that cannot be read or structured gives GI901, a suppression that does nothing GI902.

    plugins = load_plugins()
    diagnostics = check_paths(["reports/"], plugins)    # every file, each with its nearest config
    for path, config in plan(["reports/"], plugins).files:
        result = check_file(path, config, plugins)     # .diagnostics, and .report (the structured Report)
"""

from __future__ import annotations

import importlib
import json
import operator
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from gilint import hookspecs, regex
from gilint.applies import Applies
from gilint.config import ALL, Config, ConfigError, Overrides, Resolver
from gilint.context import RuleContext
from gilint.locate import Locator
from gilint.model import Diagnostic, Document, Finding, Related, Report, Span
from gilint.rule import Rule, rule
from gilint.suppress import Directive, apply, parse_directives, unused

if TYPE_CHECKING:
    from gilint.place import Placer

ENTRY_POINT_GROUP = "gilint.rules"
_ANSWERS = 8  # entry-point answers cached: for as many interpreters and paths
EXTENSIONS = (".html", ".htm", ".txt", ".md", ".docx", ".doc", ".wps", ".pdf")  # images only when named
_CODE = regex.compile(r"[A-Z]+[0-9]+")
_ENGINE_CODES = regex.compile(r"GI9\d\d")
_SUPPRESSIBLE = ("text", "markdown", "html")
_ALWAYS = ("GI900", "GI901", "GI904", "GI905")  # reported even under --select, unless ignored by name or prefix
HONOURED = {  # what became of a submission's request (GI905), by Config.submission
    "report": (
        "未被采纳（采纳请用 --honour-submission-config）",
        "not honoured (--honour-submission-config honours it)",
    ),
    "honour": ("已按 --honour-submission-config 采纳", "honoured (--honour-submission-config)"),
}

Reader = Callable[[bytes, str], Document]
Format = Callable[[Sequence[Diagnostic], Any], str]  # a pack's output format (typed by gilint.reporters.Reporter)


# ------------------------------------------------------------------ the engine's own codes

ENGINE_RULES: list[Rule] = []


@rule("GI900", "rule-crashed", "input", "error", "规则运行出错", "a rule raised an exception", registry=ENGINE_RULES)
def rule_crashed(report: Report, options: Mapping[str, object]) -> Iterable[Finding]:
    """检查什么 / What it checks
    由引擎发出：某条规则在检查这个文件时抛出了异常。诊断写明规则代码、异常及出错位置；该规则对此
    文件的结果全部作废，其他规则照常运行。即使 select 没有选中 GI900 也会报告，只有 ignore 能关闭。
    Emitted by the engine when a rule raises on a file: the diagnostic names the rule, the exception
    and where it was raised; that rule's findings for the file are dropped and every other rule still
    runs. It is reported even when ``select`` does not name it; only ``ignore`` switches it off.

    为什么 / Why
    规则包（包括第三方规则包）中的缺陷不能让整次检查中断，也不能被静默吞掉：没有结果的规则看起来
    就像“没有问题”。A bug in a rule pack must neither stop the run nor pass silently: a rule that
    produced nothing would look like a clean result.

    错误示例 / Bad
    规则在表格缺列时按下标取值，抛出 IndexError。A rule indexing a missing column raises IndexError.

    正确示例 / Good
    规则先判断数据是否存在，缺失时返回相应的诊断。The rule checks that the data is there first.
    """
    return ()


@rule(
    "GI901",
    "file-unprocessable",
    "input",
    "error",
    "文件无法读取或解析",
    "the file cannot be read or parsed",
    registry=ENGINE_RULES,
)
def file_unprocessable(report: Report, options: Mapping[str, object]) -> Iterable[Finding]:
    """检查什么 / What it checks
    由引擎发出：读取或结构识别这个文件时出现了内部错误（读取器本应把坏输入记为问题而不是抛出异常），
    因此没有任何规则检查过它。与 GI900 一样，只有 ignore 能关闭。Emitted by the engine when reading
    or structuring the file raised (a reader should record bad input as a problem instead): no rule
    checked the file. Like GI900, only ``ignore`` switches it off.

    为什么 / Why
    一个文件出错不能中断对其他文件的检查，也不能让这个文件悄悄通过。One file must not stop the run,
    nor pass unchecked without a word.

    错误示例 / Bad
    第三方读取器遇到损坏的文件时抛出异常。A pack's reader raises on a damaged file.

    正确示例 / Good
    读取器把无法读取的内容记录为 Document.problems（由 GI001/GI002 报告）。The reader records it as
    a problem, reported by GI001/GI002.
    """
    return ()


@rule(
    "GI902",
    "unused-suppression",
    "input",
    "warning",
    "抑制注释没有起作用",
    "a suppression comment suppresses nothing",
    registry=ENGINE_RULES,
)
def unused_suppression(report: Report, options: Mapping[str, object]) -> Iterable[Finding]:
    """检查什么 / What it checks
    由引擎发出：``gilint-disable…`` 抑制注释没有抑制任何诊断（问题已改正、行号移动、代码写错），或
    ``gilint-enable`` 没有对应的 ``gilint-disable``。只列出已被配置关闭的规则的注释不报告。Emitted by
    the engine when a ``gilint-disable…`` comment suppressed nothing (the defect was fixed, the line
    moved, the code is mistyped), or a ``gilint-enable`` closes no range. A comment naming only rules
    switched off by the configuration is not reported.

    为什么 / Why
    失效的抑制注释会在以后悄悄掩盖新的问题，写错的代码则让人误以为问题已被处理。A stale suppression
    will later hide a new defect on that line; a mistyped code looks handled when it is not.

    错误示例 / Bad
    <!-- gilint-disable-next-line GI310 -->  下一行并没有 GI310 诊断。Nothing on the next line is GI310.

    正确示例 / Good
    删除失效的注释，或改正其中的代码。Remove the stale comment, or correct its code.
    """
    return ()


@rule(
    "GI903", "check-aborted", "input", "error", "文件检查中止", "checking the file was aborted", registry=ENGINE_RULES
)
def check_aborted(report: Report, options: Mapping[str, object]) -> Iterable[Finding]:
    """检查什么 / What it checks
    由 ``gilint audit`` 发出：检查这个文件（或一个机关的跨年度检查）的工作进程意外退出（崩溃、内存
    耗尽被系统终止），或超过了单个文件的时间上限（``--timeout``），因此文件没有检查完。该进程被换成
    新的进程，其他文件照常检查。与 GI900 一样，只有 ignore 能关闭。Emitted by ``gilint audit`` when
    the worker process checking the file (or one agency's cross-year checks) died (a crash, killed for
    running out of memory) or ran past the per-file time limit (``--timeout``): the file was not fully
    checked. The worker is replaced and every other file is still checked. Like GI900, only ``ignore``
    switches it off.

    为什么 / Why
    成百上千份报告的批量审核不能被一个病态文件拖垮或卡住，也不能让这个文件悄悄通过。A bulk audit of
    hundreds of reports must be neither stopped nor hung by one pathological file, and that file must
    not pass unchecked without a word.

    错误示例 / Bad
    一个构造异常的文件让解析器耗尽内存或长时间运行。A crafted file makes a reader run out of memory
    or run for minutes.

    正确示例 / Good
    提交可正常打开的原始文件；确属正常文件时，可用更大的 ``--timeout`` 重新审核。Submit the original
    file; if the file is sound, audit it again with a larger ``--timeout``.
    """
    return ()


@rule(
    "GI904",
    "file-skipped",
    "input",
    "error",
    "文件未审核（链接出了审核目录，或不是普通文件）",
    "the file was not audited (a link out of the audited folders, or not a regular file)",
    registry=ENGINE_RULES,
)
def file_skipped(report: Report, options: Mapping[str, object]) -> Iterable[Finding]:
    """检查什么 / What it checks
    由 ``gilint audit`` 发出：提交的文件没有被读取，因为它是指向审核目录之外的符号链接（例如
    ``notes.txt -> /etc/passwd``），或者不是普通文件（命名管道、设备、套接字）。与 GI900 一样，只有
    ignore 能关闭。Emitted by ``gilint audit`` when a submitted file was not read because it is a
    symbolic link leading out of the audited folders (``notes.txt -> /etc/passwd``) or not a regular
    file (a named pipe, a device, a socket). Like GI900, only ``ignore`` switches it off.

    为什么 / Why
    审核只读取提交的内容：跟随链接会读取并在结果中泄露审核机器上的其他文件；读取管道或设备（如
    ``/dev/zero``）会让审核永远等待。The audit reads what was submitted and nothing else: following
    the link would read, and print in the results, another file of the office's machine; reading a
    pipe or a device (``/dev/zero``) would make the audit wait for ever.

    错误示例 / Bad
    提交的文件夹中有 ``report.txt -> /home/office/secret.txt``。A submitted folder holds a link to a
    file elsewhere.

    正确示例 / Good
    提交报告文件本身，而不是链接。Submit the report file itself, not a link to it.
    """
    return ()


@rule(
    "GI905",
    "submission-config",
    "input",
    "warning",
    "提交的文件要求关闭检查",
    "the submission asks to switch checks off",
    registry=ENGINE_RULES,
)
def submission_config(report: Report, options: Mapping[str, object]) -> Iterable[Finding]:
    """检查什么 / What it checks
    由 ``gilint audit`` 发出：提交的文件夹中有 gilint 配置（``gilint.toml``，或带 ``[tool.gilint]`` 的
    ``pyproject.toml``），或者报告中有抑制注释（``gilint-disable…``），要求关闭规则、跳过文件或改变
    级别。审核的配置只来自审核方（``--config`` 或审核目录本身及其上级），这些要求只被列出，不被采纳；
    加 ``--honour-submission-config`` 时采纳（格式错误的配置仍被忽略）。与 GI900 一样，只有 ignore 能
    关闭。Emitted by ``gilint audit`` when a submitted folder holds a gilint configuration
    (``gilint.toml``, or a ``pyproject.toml`` with ``[tool.gilint]``), or a report holds suppression
    comments (``gilint-disable…``), asking to switch rules off, skip files or change severities. An
    audit's configuration comes from the office only (``--config``, or the audited folder and those
    above it): such requests are listed, not honoured; with ``--honour-submission-config`` they are
    (a malformed configuration is still ignored). Like GI900, only ``ignore`` switches it off.

    为什么 / Why
    被审核方不能决定怎样审核自己：一行 ``ignore = ["GI"]`` 或 ``exclude = ["*"]`` 就会让报告的问题
    在审核中消失，格式错误的配置还会中止整个审核。Whoever is audited must not decide how: a line
    ``ignore = ["GI"]`` or ``exclude = ["*"]`` would make the report's defects vanish from the audit,
    and a malformed configuration would stop the whole audit.

    错误示例 / Bad
    提交的文件夹中有 ``gilint.toml``，内容为 ``ignore = ["GI3"]``。A submitted folder holds a
    gilint.toml with ``ignore = ["GI3"]``.

    正确示例 / Good
    只提交报告本身；需要说明的情况写在报告正文中。Submit the report alone; explain in its text what
    needs explaining.
    """
    return ()


# ------------------------------------------------------------------ plugins


@dataclass
class PluginError:
    """A rule pack that failed to load or returned something unusable."""

    pack: str  # the entry point's name
    message: str


@dataclass
class Plugins:
    """What the packs provide, with the engine's own rules first, and what went wrong loading them."""

    rules: list[Rule] = field(default_factory=list)
    packs: dict[str, str] = field(default_factory=dict)  # rule code -> pack name
    reporters: dict[str, Format] = field(default_factory=dict)  # a pack's output formats: the command line wires them
    readers: dict[str, Reader] = field(default_factory=dict)  # ".ext" -> reader
    errors: list[PluginError] = field(default_factory=list)

    def rule(self, code: str) -> Rule | None:
        return next((r for r in self.rules if r.code == code), None)

    def known(self, prefix: str) -> bool:
        return any(r.code.startswith(prefix) for r in self.rules)


def load_plugins(group: str = ENTRY_POINT_GROUP, builtin_formats: Iterable[str] = ()) -> Plugins:
    """Import every pack of the entry-point ``group`` and collect its rules, reporters and readers."""
    pm = pluggy.PluginManager("gilint")
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(rules=list(ENGINE_RULES), packs={r.code: "engine" for r in ENGINE_RULES})
    for name, value in sorted(entry_points(group), key=lambda ep: (ep[0] != "builtin", ep[0])):
        if pm.has_plugin(name):
            continue
        try:
            pm.register(_load(value), name=name)
        except Exception as e:  # a broken pack is reported, never fatal
            plugins.errors.append(PluginError(name, f"cannot load {value!r}: {_describe(e)}"))
    for pack, result in _call(pm, "gilint_rules", plugins):
        _add_rules(plugins, pack, result)
    for pack, result in _call(pm, "gilint_reporters", plugins):
        _add_named(plugins, pack, result, plugins.reporters, "gilint_reporters", set(builtin_formats))
    for pack, result in _call(pm, "gilint_readers", plugins):
        _add_named(plugins, pack, _dotted(result), plugins.readers, "gilint_readers", set())
    return plugins


def entry_points(group: str = ENTRY_POINT_GROUP) -> list[tuple[str, str]]:
    """The (name, value) of each entry point of ``group``, as ``importlib.metadata`` finds them. Finding them
    reads the metadata of every installed distribution (importing ``importlib.metadata`` alone costs more than
    the interpreter's start), so the answer is cached (``regex.cache_dir()``, ``entry-points.json``) under the
    installed distributions: each ``*.dist-info`` and ``*.egg-info`` on ``sys.path`` with the time its
    entry_points.txt changed, and each path entry that is a file (a zip); the answers for the last few such
    keys are kept. Installing, upgrading or removing a distribution finds them again."""
    key = [group, *_distributions()]
    folder = regex.cache_dir()
    path = folder / "entry-points.json" if folder is not None else None
    try:
        cached = json.loads(path.read_text(encoding="utf-8")) if path is not None else None
    except (OSError, ValueError):
        cached = None
    answers = [a for a in cached if isinstance(a, dict)] if isinstance(cached, list) else []
    for answer in answers:
        if answer.get("key") == key:
            return [(str(n), str(v)) for n, v in answer["points"]]
    import importlib.metadata

    found = [(ep.name, ep.value) for ep in importlib.metadata.entry_points(group=group)]
    if path is not None:  # the newest first: one for each of the last few interpreters and paths
        answers = [{"key": key, "points": found}, *answers][:_ANSWERS]
        _write(path, json.dumps(answers, ensure_ascii=False))
    return found


def _distributions() -> list[str]:
    """What the entry points depend on: every distribution's metadata folder on ``sys.path`` with the time
    (ns) of its entry_points.txt (0: none), and every path entry that is a file, with its time."""
    found = []
    for entry in sys.path:
        folder = entry or "."
        try:
            if os.path.isfile(folder):
                found.append(f"{folder}:{os.stat(folder).st_mtime_ns}")
                continue
            with os.scandir(folder) as items:
                names = sorted(i.name for i in items if i.name.endswith((".dist-info", ".egg-info")))
        except OSError:  # a path entry that is not there
            continue
        for name in names:
            try:
                changed = os.stat(os.path.join(folder, name, "entry_points.txt")).st_mtime_ns
            except OSError:
                changed = 0
            found.append(f"{os.path.join(folder, name)}:{changed}")
    return found


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically; a cache that cannot be written is left alone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        return


def _load(value: str) -> object:
    """The object an entry point's value names ("module", "module:attr.attr"), as ``EntryPoint.load``."""
    module, _, attrs = value.partition("[")[0].partition(":")
    found: object = importlib.import_module(module.strip())
    for attr in filter(None, attrs.strip().split(".")):
        found = getattr(found, attr)
    return found


def _call(pm: pluggy.PluginManager, hook: str, plugins: Plugins) -> Iterator[tuple[str, object]]:
    """Each implementation's result, one at a time, so that one raising does not hide the others."""
    for impl in getattr(pm.hook, hook).get_hookimpls():  # in registration order: the built-in pack first
        try:
            yield impl.plugin_name, impl.function()
        except Exception as e:
            plugins.errors.append(PluginError(impl.plugin_name, f"{hook}() raised {_describe(e)}"))


def _dotted(readers: object) -> object:
    """A readers mapping keyed ".ext" (lower case) whether the pack wrote "rpt", ".rpt" or ".RPT"."""
    if not isinstance(readers, dict) or not all(isinstance(k, str) for k in readers):
        return readers
    return {f".{k.lstrip('.')}".lower(): v for k, v in readers.items()}


def _add_rules(plugins: Plugins, pack: str, result: object) -> None:
    if not isinstance(result, (list, tuple)):
        plugins.errors.append(PluginError(pack, f"gilint_rules() returned {type(result).__name__}, not a list"))
        return
    for r in result:
        problem = _rule_problem(plugins, r)
        if problem:
            plugins.errors.append(PluginError(pack, problem))
            continue
        plugins.rules.append(r)
        plugins.packs[r.code] = pack


def _rule_problem(plugins: Plugins, r: object) -> str | None:
    if not isinstance(r, Rule):
        return f"gilint_rules() returned {r!r}, not a gilint.rule.Rule"
    if not _CODE.fullmatch(r.code):
        return f"rule code {r.code!r} is not letters followed by digits"
    if r.code in plugins.packs:
        return f"rule code {r.code} is already defined by pack {plugins.packs[r.code]!r}"
    if _ENGINE_CODES.fullmatch(r.code):
        return f"rule code {r.code} is reserved for the engine (GI900–GI999)"
    return None


def _add_named(plugins: Plugins, pack: str, result: object, into: dict[str, Any], hook: str, taken: set[str]) -> None:
    if not isinstance(result, dict) or not all(isinstance(k, str) and callable(v) for k, v in result.items()):
        plugins.errors.append(PluginError(pack, f"{hook}() must return a dict of name -> callable"))
        return
    for name, func in result.items():
        if name in taken or name in into:
            plugins.errors.append(PluginError(pack, f"{hook}(): {name!r} is already taken"))
        else:
            into[name] = func


def _describe(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}"


# ------------------------------------------------------------------ checking


@dataclass
class FileResult:
    """One file checked: its diagnostics and the report they were found in."""

    path: str
    diagnostics: list[Diagnostic]
    report: Report | None = None  # None when the file could not be read or structured (GI901)


class MissingPath(FileNotFoundError):
    """A path given to check that does not exist (``args[0]``: the path)."""


def collect_files(paths: Sequence[str], resolver: Resolver, extensions: Iterable[str] = EXTENSIONS) -> list[str]:
    """The files to check: each file named, and the report files found walking each folder (sorted,
    hidden folders and ``exclude`` patterns skipped). A missing path raises ``MissingPath``."""
    exts = tuple(e.lower() for e in extensions)
    files: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            files.extend(f for f in _walk(path, exts) if not resolver.for_path(f).excluded(f))
        elif os.path.exists(path):
            files.append(path)
        else:
            raise MissingPath(path)
    return list(dict.fromkeys(files))


def _walk(folder: str, exts: tuple[str, ...]) -> Iterator[str]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.lower().endswith(exts) and not name.startswith("."):
                yield os.path.join(root, name)


@dataclass
class Plan:
    """The files to check, each with its configuration, and the configuration's warnings."""

    files: list[tuple[str, Config]]  # each file to check with its configuration
    warnings: list[str]  # configuration entries that match no rule


def plan(
    paths: Sequence[str], plugins: Plugins, overrides: Overrides | None = None, resolver: Resolver | None = None
) -> Plan:
    """The files under ``paths``, each with its nearest configuration (or ``overrides.config``; or what
    ``resolver`` gives, such as an office's configuration for an audit).

    Raises ``ConfigError`` for an unusable configuration (including an option a rule does not have)
    and ``MissingPath`` for a missing path, before any file is checked."""
    resolver = resolver or Resolver(overrides)
    files = collect_files(paths, resolver, (*EXTENSIONS, *plugins.readers))
    pairs = [(f, resolver.for_path(f)) for f in files]
    warnings = [w for config in resolver.loaded() for w in validate_config(config, plugins)]
    return Plan(pairs, list(dict.fromkeys(warnings)))


def validate_config(config: Config, plugins: Plugins) -> list[str]:
    """Raise ``ConfigError`` for an option a rule does not have or a value its declaration does not allow;
    warn about codes that match no rule (a pack may be missing, so that is not fatal)."""
    where = config.path or "command line"
    for code, options in config.rules.items():
        r = plugins.rule(code)
        if r is None:
            continue
        unknown = [k for k in options if k not in r.specs]
        if unknown:
            known = ", ".join(r.specs) or "none"
            raise ConfigError(f"{where}: rules.{code}: unknown option {unknown[0]!r} (options of {code}: {known})")
        for key, value in options.items():
            problem = r.specs[key].problem(value) if key in r.specs else None
            if problem:
                raise ConfigError(
                    f"{where}: rules.{code}.{key} = {value!r}: {problem} (allowed: {r.specs[key].describe()})"
                )
    return [
        f"{where}: {key}: {code!r} matches no rule"
        for key, codes in config.selectors().items()
        for code in codes
        if code != ALL and not plugins.known(code)
    ]


def check_paths(paths: Sequence[str], plugins: Plugins, overrides: Overrides | None = None) -> list[Diagnostic]:
    """Every diagnostic for the files under ``paths`` (see ``plan``), sorted by file."""
    return [
        d
        for path, config in plan(paths, plugins, overrides).files
        for d in check_file(path, config, plugins).diagnostics
    ]


def check_file(path: str, config: Config, plugins: Plugins, data: bytes | None = None, lang: str = "zh") -> FileResult:
    """Read, structure and check one file (or ``data``, its bytes as they would be: ``--fix``
    checks its fixed copy before writing it) for a reader of ``lang``; never raises for anything the
    file holds."""
    from gilint.structure import build_report

    try:
        doc = read_file(path, plugins, data)
        report = build_report(doc)
    except Exception as e:
        return FileResult(
            path,
            _engine_diagnostics(
                path,
                config,
                [
                    (
                        "GI901",
                        Span(),
                        f"无法读取或解析文件（{_describe(e)}），文件未检查",
                        f"the file could not be read or parsed ({_describe(e)}): not checked",
                        _where(e),
                    )
                ],
            ),
        )
    return FileResult(path, check_report(report, config, plugins, lang), report)


def read_file(path: str, plugins: Plugins, data: bytes | None = None) -> Document:
    """The Document of ``path`` (whose bytes are ``data`` when given): through a pack's reader for its
    extension, else ``read_document``. A pack's reader gets at most the ``file-size`` limit of bytes of a
    regular file."""
    from gilint.parsers import read_bytes, read_document
    from gilint.parsers.limits import value

    reader = plugins.readers.get(Path(path).suffix.lower())
    if reader is None:
        return read_document(path, data)
    if data is None:
        data = read_bytes(path, value("file-size"))
    if data is None:  # over the limit: read_document says so without reading it
        return read_document(path)
    return reader(data, path)


def check_report(report: Report, config: Config, plugins: Plugins, lang: str = "zh") -> list[Diagnostic]:
    """Run the enabled report rules on ``report``, apply its suppression comments, sorted.

    Each rule is called with its context (``Rule.context``: its options, the pinned format version,
    ``lang``) when the report meets every condition it declares (``Rule.applies``; each condition
    worked out once). A finding's fix is kept only when its rule declares fixes of that applicability,
    and is placed in the source (``gilint.place.Placer``)."""
    from gilint.place import Placer

    path, doc = report.path, report.doc
    placer = Placer(doc, report.stream)
    diagnostics: list[Diagnostic] = []
    engine: list[tuple[str, Span, str, str, str | None]] = []
    runs, groups = _runs(config, plugins.rules)
    holds: dict[Applies, bool] = {}  # each condition on this report, under this configuration
    # whether each rule's whole tuple of conditions holds (by its number in ``groups``: most rules share theirs)
    held: list[bool | None] = [None] * len(groups)
    held[0] = True  # (no conditions)
    per_file = bool(config.per_file_ignores)
    version, made = config.format_version, RuleContext.made
    for r, code, group, options, severity in runs:
        if per_file and not config.enabled(code, path):
            continue
        try:
            known = held[group]
            if known is False and options is not None:  # (a context the rule makes may raise: GI900)
                continue
            # (the context as r.context makes it, from the options worked out once for the configuration)
            ctx = made(options, code, version, lang, report) if options is not None else r.context(config, lang, report)
            if known is None:
                known = held[group] = _all_hold(groups[group], report, ctx, holds)
            if not known:
                continue
            findings: list[Finding] = list(r.func(report, ctx))  # type: ignore[arg-type]
        except Exception as e:
            engine.append(
                (
                    "GI900",
                    Span(),
                    f"规则 {code}（{r.name}）运行出错：{_describe(e)}；该规则对此文件的结果未计入",
                    f"rule {code} ({r.name}) raised {_describe(e)}: its findings for this file are lost",
                    _where(e),
                )
            )
            continue
        if not findings:  # most rules on most reports
            continue
        for f in cascades(findings):
            if f.fix is not None and f.fix.applicability != r.fix:
                f.fix = None
            diagnostics.append(to_diagnostic(code, r.category, severity, path, f, doc, placer))
    if doc.kind in _SUPPRESSIBLE:
        # (a file naming no directive has none: one scan of its text instead of a look at each line)
        directives = parse_directives(doc.lines) if "gilint" in "\n".join(doc.lines) else []
        if config.submission:  # a submission asks to silence checks: the office sees it
            engine.extend(_asked(d, config.submission) for d in directives if d.kind != "enable")
        if config.submission != "report":
            diagnostics = apply(diagnostics, directives)
            engine.extend(
                ("GI902", Span(d.line, d.column), zh, en, None)
                for d, zh, en in unused(
                    directives,
                    plugins.known,
                    lambda prefix: any(
                        r.code.startswith(prefix) and config.enabled(r.code, path) for r in plugins.rules
                    ),
                )
            )
    diagnostics += _engine_diagnostics(path, config, engine, doc)
    return _located(report, diagnostics)


def _located(report: Report, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` on ``report``, each told where it is as a reader of the report sees it, sorted."""
    locator = Locator(report)
    for d in diagnostics:
        d.where = locator.where(d.span)
        if report.doc.kind == "html":  # its source line is markup: the plain text is in d.where.text
            d.excerpt = None
    return sort_diagnostics(diagnostics)


_Run = tuple[Rule, str, int, dict[str, object] | None, str]  # rule, code, conditions' number, options, severity
_Runs = tuple[list[_Run], list[tuple[Applies, ...]]]  # the runs, and each distinct tuple of conditions (first: ())
_RUNS: dict[int, tuple[Config, tuple[Rule, ...], _Runs]] = {}
_MOST_RUNS = 16  # configurations whose runs are kept (an audit has one for each configured folder)


def _runs(config: Config, rules: list[Rule]) -> _Runs:
    """The report rules of ``rules`` that ``config`` enables (per-file-ignores aside), in order, each with its
    code, the number of its tuple of conditions in the list of distinct ones (0: none), its options under
    ``config`` (None: the rule makes its own context) and its severity: what every report checked under
    ``config`` shares, worked out once (kept for the last few configurations; ``config`` is frozen, and the
    runs are kept while the same rule objects are given, in the same order). The contexts of a rule on every
    report share its options dict, which a context never hands out to be changed."""
    kept = _RUNS.get(id(config))
    if kept is not None and kept[0] is config and len(kept[1]) == len(rules) and all(map(operator.is_, kept[1], rules)):
        return kept[2]
    own = {e.code for e in ENGINE_RULES}  # the engine's codes, reserved: no pack's rule has one
    runs: list[_Run] = []
    numbers: dict[tuple[Applies, ...], int] = {(): 0}
    for r in rules:
        if r.scope != "report" or r.code in own or not config.enabled(r.code):
            continue
        options: dict[str, object] | None = None
        if type(r).context is Rule.context:
            try:
                options = config.options_for(r.code, r.options)
            except Exception:  # raised again by r.context, inside the engine's guard: GI900
                options = None
        group = numbers.setdefault(r.applies, len(numbers))
        runs.append((r, r.code, group, options, config.severity_of(r.code, r.severity)))
    if len(_RUNS) >= _MOST_RUNS:
        _RUNS.pop(next(iter(_RUNS)))
    found = runs, list(numbers)
    _RUNS[id(config)] = (config, tuple(rules), found)
    return found


def _all_hold(conditions: tuple[Applies, ...], report: Report, ctx: RuleContext, known: dict[Applies, bool]) -> bool:
    """Whether every one of ``conditions`` holds for ``report`` (in order, up to the first that does not),
    each worked out once for all the rules declaring it."""
    for condition in conditions:
        if condition not in known:
            known[condition] = condition(report, ctx)
        if not known[condition]:
            return False
    return True


def cascades(findings: list[Finding]) -> list[Finding]:
    """``findings`` with each group of the same ``cause`` reported once: its first finding, counting
    the group, the others' places and messages as related places."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        if f.cause is not None:
            groups.setdefault(f.cause, []).append(f)
    out = []
    for f in findings:
        group = groups.get(f.cause) if f.cause is not None else None
        if group is None or len(group) == 1:
            out.append(f)
        elif group[0] is f:
            others = tuple(Related(g.span, g.message_zh, g.message_en) for g in group[1:])
            out.append(replace(f, related=(*f.related, *others), count=len(group), fix=None))
    return out


def _asked(d: Directive, submission: str) -> tuple[str, Span, str, str, str | None]:
    """GI905 for a suppression comment in a submission."""
    zh_done, en_done = HONOURED[submission]
    codes_zh, codes_en = ("、".join(d.codes), ", ".join(d.codes)) if d.codes else ("所有规则", "every rule")
    reason_zh, reason_en = (f"（理由：{d.reason}）", f" (reason: {d.reason})") if d.reason else ("", "")
    return (
        "GI905",
        Span(d.line, d.column),
        f"报告中的注释“{d.text}”要求关闭 {codes_zh}{reason_zh}，{zh_done}",
        f"the comment {d.text!r} asks to silence {codes_en}{reason_en}: {en_done}",
        None,
    )


def _engine_diagnostics(
    path: str, config: Config, items: list[tuple[str, Span, str, str, str | None]], doc: Document | None = None
) -> list[Diagnostic]:
    """Diagnostics for the engine's own codes (config decides whether they show and how severe)."""
    out = []
    for code, span, zh, en, where in items:
        r = next(r for r in ENGINE_RULES if r.code == code)
        if config.enabled(code, path, always=code in _ALWAYS):
            finding = Finding(span, zh, en, where, where)
            out.append(to_diagnostic(code, r.category, config.severity_of(code, r.severity), path, finding, doc))
    return out


def _where(e: BaseException) -> str | None:
    """Where ``e`` was raised ("rules/tables.py:123 in t3_a"), for the hint line."""
    import traceback

    frames = traceback.extract_tb(e.__traceback__)
    if not frames:
        return None
    last = frames[-1]
    return f"{last.filename}:{last.lineno} in {last.name}"


def to_diagnostic(
    code: str,
    category: str,
    severity: str,
    path: str,
    finding: Finding,
    doc: Document | None,
    placer: Placer | None = None,
) -> Diagnostic:
    """A rule's finding with the rule's identity and the source line it points at; its fix placed
    in the source by ``placer`` (without one, the fix is dropped)."""
    excerpt = doc.source_line(finding.span) if doc is not None else None
    fix = placer.place(finding.fix) if placer is not None and finding.fix is not None else None
    return Diagnostic(
        code,
        category,
        severity,  # type: ignore[arg-type]
        path,
        finding.span,
        finding.message_zh,
        finding.message_en,
        finding.hint_zh,
        finding.hint_en,
        finding.damage,
        None if excerpt is None else excerpt.rstrip("\r"),
        fix,
        finding.related,
        count=finding.count,
    )


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.path, d.span.line or 0, d.span.column or 0, d.code))


# ------------------------------------------------------------------ series


def check_series(
    reports: Sequence[Report], places: Sequence[tuple[str, Config]], plugins: Plugins
) -> list[list[Diagnostic]]:
    """Run the enabled series rules (``scope="series"``) over ``reports``, one series (``gilint.series``:
    a ``Series``, or a plain sequence, taken as one agency's years, oldest first); ``places[i]`` is the path
    the i-th report's diagnostics carry and its configuration. Returns each report's diagnostics, sorted.

    A rule runs when it is enabled for any member, with the options of the series' head (``Series.head``:
    the newest report, a government's); each finding is kept when its rule is enabled for the report it
    names, and dropped when that report is not one of the series'. A rule that raises gives GI900 on the
    head, and its findings are dropped."""
    from gilint.series import KIND_WORDS, as_series

    series = as_series(reports)
    if len(places) != len(series):
        raise ValueError(f"{len(series)} reports but {len(places)} places")
    if not series:
        return []
    out: list[list[Diagnostic]] = [[] for _ in series]
    index = {id(report): i for i, report in enumerate(series)}
    head = series.head
    head_path, head_config = places[head]
    crashed: list[tuple[str, Span, str, str, str | None]] = []
    for r in plugins.rules:
        if r.scope != "series" or not any(config.enabled(r.code, path) for path, config in places):
            continue
        try:
            found: list[tuple[Report, Finding]] = list(r.func(series, r.context(head_config)))  # type: ignore[arg-type,call-overload]
        except Exception as e:
            zh, en = KIND_WORDS.get(series.kind, KIND_WORDS["years"])
            crashed.append(
                (
                    "GI900",
                    Span(),
                    f"{zh} {r.code}（{r.name}）运行出错：{_describe(e)}；该规则对“{series.key}”的结果未计入",
                    f"{en} {r.code} ({r.name}) raised {_describe(e)}: its findings for {series.key!r} are lost",
                    _where(e),
                )
            )
            continue
        for report, finding in found:
            at = index.get(id(report))
            if at is None:  # not one of the reports it was given
                continue
            path, config = places[at]
            if config.enabled(r.code, path):
                severity = config.severity_of(r.code, r.severity)
                out[at].append(to_diagnostic(r.code, r.category, severity, path, finding, report.doc))
    out[head] += _engine_diagnostics(head_path, head_config, crashed, series[head].doc)
    return [_located(report, found) for report, found in zip(series, out, strict=True)]
