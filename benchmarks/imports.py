"""The import graph of gilint and the built-in pack (issue 17: "layers you can see"). Usage:

    python benchmarks/imports.py [--edges]

Reads every module of ``gilint/`` and ``rules/`` (the pack installs as ``gilint_rules``) with ``ast``, nothing
imported, and prints:

- the import cycles (each strongly connected component of the import graph, one shortest cycle through it
  shown), counting every import as import-linter does (``if TYPE_CHECKING:`` ones too), then only those made
  at run time (at module level or in a function), then only those made as a module loads;
- every import, at any level, that goes up the layers the code is meant to keep (the ``layers`` contract of
  pyproject's ``[tool.importlinter]``: a module imports only from its own layer or those below), which kind
  it is (module, function, typing), and the modules that are in no layer.

``--edges`` prints the whole graph as well, one ``importer -> imported (kind)`` a line. The same layers are
checked in CI by import-linter (pyproject's ``[tool.importlinter]``); this script is what shows the graph
itself, before and after a change. Nothing here is asserted: it exits 0 whatever it finds.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # a dependency of gilint before 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"gilint": ROOT / "gilint", "gilint_rules": ROOT / "rules"}  # import name -> folder


def layers() -> list[list[str]]:
    """The modules of each layer, top first, as pyproject's import-linter ``layers`` contract lists them
    (``a : b`` and ``a | b`` are one layer; ``(a)`` an optional one)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    return [[m.strip().strip("()") for m in re.split(r"[|:]", layer)] for layer in contract["layers"]]


# which imports make each graph whose cycles are shown: import-linter (grimp) counts every import, wherever it is
CYCLE_KINDS = [
    ("every import, under TYPE_CHECKING too (the graph lint-imports checks)", {"module", "function", "typing"}),
    ("imports made at run time (at module level and in functions)", {"module", "function"}),
    ("imports made as a module loads (at module level)", {"module"}),
]


def modules() -> dict[str, Path]:
    """Every module's dotted name and its file."""
    found = {}
    for name, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = [name, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, kind: str = "module") -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    """Each import statement under ``tree`` with its kind: "module" (made when the module loads),
    "function" (inside a function body), "typing" (under ``if TYPE_CHECKING:``)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, kind
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            yield from _imports(node, "function" if kind == "module" else kind)
        elif isinstance(node, ast.If) and _type_checking(node.test):
            for child in node.body:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), "typing")
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), kind)
        else:
            yield from _imports(node, kind)


def _target(name: str, known: dict[str, Path]) -> str | None:
    """The longest known module ``name`` is or lies in."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def edges(known: dict[str, Path]) -> dict[tuple[str, str], str]:
    """(importer, imported) -> the strongest kind of import between them (module > function > typing)."""
    rank = {"module": 0, "function": 1, "typing": 2}
    graph: dict[tuple[str, str], str] = {}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node, kind in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, *([base] if base else [])])
                # "from pkg import sub" imports the submodule pkg.sub when there is one
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
            for t in targets:
                found = _target(t, known)
                if found is None or found == name:
                    continue
                old = graph.get((name, found))
                if old is None or rank[kind] < rank[old]:
                    graph[(name, found)] = kind
    return graph


def layer(name: str, stack: list[list[str]]) -> int | None:
    """How high ``name``'s layer is (0 the lowest), by the longest layer module it is or lies in; None when
    it is in no layer."""
    best, found = -1, None
    for i, modules in enumerate(reversed(stack)):
        for m in modules:
            if (name == m or name.startswith(m + ".")) and len(m) > best:
                best, found = len(m), i
    return found


def components(nodes: list[str], graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in nodes:
        if v not in index:
            visit(v)
    return sorted(found)


def shortest_cycle(start: str, within: set[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest path from ``start`` back to itself inside one component (breadth first)."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for v in frontier:
            for w in sorted(graph.get(v, set()) & within):
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start] if v != start else [start, start]
                if w not in previous:
                    previous[w] = v
                    following.append(w)
        frontier = following
    return [start]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edges", action="store_true", help="print every import as well")
    args = parser.parse_args()
    known = modules()
    graph = edges(known)
    print(f"{len(known)} modules, {len(graph)} imports ({sum(k == 'module' for k in graph.values())} module-level)")
    for title, kinds in CYCLE_KINDS:
        among: dict[str, set[str]] = defaultdict(set)
        for (a, b), kind in graph.items():
            if kind in kinds:
                among[a].add(b)
        cycles = components(sorted(known), among)
        print(f"\nimport cycles, {title}: {len(cycles)}")
        for part in cycles:
            print(f"  {len(part)} modules: {' '.join(part)}")
            print(f"    e.g. {' -> '.join(shortest_cycle(part[0], set(part), among))}")
    stack = layers()
    height = {name: layer(name, stack) for name in known}
    unplaced = sorted(name for name, h in height.items() if h is None and name not in PACKAGES)
    print(f"\nmodules in no layer: {len(unplaced)}{''.join(f'{chr(10)}  {name}' for name in unplaced)}")
    upward = sorted(
        (a, b, k) for (a, b), k in graph.items() if None not in (height[a], height[b]) and height[b] > height[a]
    )
    print(f"\nimports up the layers (pyproject's layers contract, 0 the lowest): {len(upward)}")
    for a, b, kind in upward:
        print(f"  {a} (layer {height[a]}) -> {b} (layer {height[b]}) [{kind}]")
    if args.edges:
        print("\nevery import:")
        for (a, b), kind in sorted(graph.items()):
            print(f"  {a} -> {b} ({kind})")


if __name__ == "__main__":
    main()
