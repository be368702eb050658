"""The shape of kit/: no import cycle, no private imports, small modules, one public surface.

Every test walks whatever modules exist under ``kit/`` (nothing here lists
them), so the tests keep working while modules move into packages.
"""

from __future__ import annotations

import ast
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT

KIT = ROOT / "kit"
FACADE = "kit"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
LONG_MARK = "# long:"
NOTEBOOK_FOLDERS = ("lessons", "solutions", "assessments", "assessments/key")


# --- reading kit/ ---------------------------------------------------------------


def module_name(path: Path, root: Path = KIT) -> str:
    """``kit/dates/parse.py`` -> ``kit.dates.parse``; ``kit/dates/__init__.py`` -> ``kit.dates``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def kit_modules(root: Path = KIT) -> dict[str, Path]:
    """Every module of the package at ``root``: ``{dotted name: path}``."""
    return {module_name(p, root): p for p in sorted(root.rglob("*.py")) if "__pycache__" not in p.parts}


@dataclass(frozen=True)
class Import:
    """One import statement's target, as the importing module sees it."""

    line: int
    module: str  # the module imported (a package means its __init__)
    names: tuple[str, ...]  # the names taken from it (``from m import a, b``), or () for ``import m``


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk_runtime(tree: ast.AST):
    """Every node that can run: ``if TYPE_CHECKING:`` bodies are skipped (they never execute)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and _type_checking_only(node):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def resolve(current: str, is_package: bool, level: int, module: str | None) -> str:
    """The absolute name of a (possibly relative) ``from`` import inside module ``current``.

    >>> resolve("kit.dates.parse", False, 1, "cues"), resolve("kit.dates", True, 1, "cues")
    ('kit.dates.cues', 'kit.dates.cues')
    >>> resolve("kit.claims", False, 1, None), resolve("kit.core.case", False, 2, "quotes")
    ('kit', 'kit.quotes')
    """
    if level == 0:
        return module or ""
    base = current.split(".") if is_package else current.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def imports_of(name: str, path: Path, known: set[str]) -> list[Import]:
    """Every import in a module, those inside functions included.

    ``from pkg import name`` where ``pkg.name`` is a module counts as importing
    that submodule; otherwise as importing ``pkg`` (its ``__init__``).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: list[Import] = []
    for node in _walk_runtime(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(node.lineno, alias.name, ()))
        elif isinstance(node, ast.ImportFrom):
            base = resolve(name, is_package, node.level, node.module)
            plain = []
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in known:
                    found.append(Import(node.lineno, sub, ()))
                else:
                    plain.append(alias.name)
            if plain:
                found.append(Import(node.lineno, base, tuple(plain)))
    return found


def kit_graph(root: Path = KIT) -> dict[str, dict[str, int]]:
    """``{module: {kit module it imports: first line}}`` for every module under ``root``."""
    modules = kit_modules(root)
    known = set(modules)
    graph: dict[str, dict[str, int]] = {}
    for name, path in modules.items():
        edges: dict[str, int] = {}
        for imp in imports_of(name, path, known):
            if imp.module in known and imp.module != name:
                edges.setdefault(imp.module, imp.line)
        graph[name] = edges
    return graph


def find_cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Every elementary cycle found by a depth-first search, each once, as a closed path.

    >>> find_cycles({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}})
    [['a', 'b', 'c', 'a']]
    >>> find_cycles({"a": {"b": 1}, "b": {}})
    []
    """
    cycles: list[list[str]] = []
    seen: set[frozenset[str]] = set()
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, {})):
            if state.get(target) == 1:
                loop = path[path.index(target):]
                first = loop.index(min(loop))  # start at the smallest name, so a cycle reads the same every run
                loop = loop[first:] + loop[:first]
                if frozenset(loop) not in seen:
                    seen.add(frozenset(loop))
                    cycles.append(loop + [loop[0]])
            elif target not in state:
                visit(target, path)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return cycles


def _describe_cycle(cycle: list[str], graph: dict[str, dict[str, int]]) -> str:
    steps = [f"{a} (line {graph[a][b]}) -> {b}" for a, b in zip(cycle, cycle[1:])]
    return "  " + ";  ".join(steps)


def test_import_graph_reader_on_an_invented_package(tmp_path):
    pkg = tmp_path / "kit"
    (pkg / "dates").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .dates import parse\nfrom .other import thing\n")
    (pkg / "other.py").write_text("def thing():\n    from .dates.parse import f\n    return f\n")
    (pkg / "dates" / "__init__.py").write_text("from .parse import f\n")
    (pkg / "dates" / "parse.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..other import thing\n"
        "def f():\n    from .. import dates\n    return dates\n"
    )
    graph = kit_graph(pkg)
    assert graph["kit"] == {"kit.dates.parse": 1, "kit.other": 2}
    assert graph["kit.other"] == {"kit.dates.parse": 2}
    assert graph["kit.dates.parse"] == {"kit.dates": 5}  # the TYPE_CHECKING import never runs
    assert find_cycles(graph) == [["kit.dates", "kit.dates.parse", "kit.dates"]]


def test_no_import_cycle_in_kit():
    graph = kit_graph()
    cycles = find_cycles(graph)
    assert not cycles, "import cycles in kit/ (module (line of the import) -> module it imports):\n" + "\n".join(
        _describe_cycle(c, graph) for c in cycles
    )


def test_nothing_in_kit_imports_the_facade():
    modules = kit_modules()
    known = set(modules)
    offenders = [
        f"  {path.relative_to(ROOT)}:{imp.line} imports the facade 'kit'"
        + (f" (names {', '.join(imp.names)})" if imp.names else "")
        for name, path in modules.items()
        if name != FACADE
        for imp in imports_of(name, path, known)
        if imp.module == FACADE
    ]
    assert not offenders, (
        "kit/__init__.py imports everything, so a module of kit/ must import what it needs from the module "
        "that defines it:\n" + "\n".join(offenders)
    )


# --- private names -------------------------------------------------------------------


def is_private(name: str) -> bool:
    """A leading underscore, not a dunder.

    >>> is_private("_raw"), is_private("__version__"), is_private("raw")
    (True, False, False)
    """
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_private_name_is_imported_from_another_module():
    modules = kit_modules()
    known = set(modules)
    offenders = []
    for name, path in modules.items():
        for imp in imports_of(name, path, known):
            if imp.module == "__future__" or imp.module == name:
                continue
            for imported in imp.names:
                if is_private(imported):
                    offenders.append(f"  {path.relative_to(ROOT)}:{imp.line} imports {imported} from {imp.module}")
            if not imp.names and is_private(imp.module.rsplit(".", 1)[-1]) and imp.module.startswith("kit."):
                offenders.append(f"  {path.relative_to(ROOT)}:{imp.line} imports the private module {imp.module}")
    offenders.sort(key=lambda o: (o.split(":")[0], int(o.split(":")[1].split()[0])))
    assert not offenders, (
        "private names imported across modules; make the name public (no underscore, with a docstring) "
        "in the module that owns it:\n" + "\n".join(offenders)
    )


# --- size --------------------------------------------------------------------------------


def long_functions(path: Path, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int, int]]:
    """``(qualified name, line of def, number of lines)`` of every function over ``limit`` lines
    without a ``# long:`` comment on the line directly above it (or above its decorators)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines), filename=str(path))
    found = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qualified = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    size = child.end_lineno - child.lineno + 1
                    top = min([child.lineno] + [d.lineno for d in child.decorator_list])
                    above = lines[top - 2].strip() if top >= 2 else ""
                    if size > limit and not above.startswith(LONG_MARK):
                        found.append((qualified, child.lineno, size))
                visit(child, qualified + ".")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def test_long_function_detector_on_invented_code(tmp_path):
    body = "".join(f"    x{i} = {i}\n" for i in range(61))
    source = (
        f"def too_long():\n{body}\n"
        f"# long: a rule table read top to bottom\n@staticmethod\ndef excused():\n{body}\n"
        f"class Holder:\n    def method(self):\n{textwrap.indent(body, '    ')}\n"
        "def short():\n    return 1\n"
    )
    path = tmp_path / "m.py"
    path.write_text(source)
    assert [(name, size) for name, _, size in long_functions(path)] == [("too_long", 62), ("Holder.method", 62)]


def test_no_module_or_function_is_too_long():
    problems = []
    for path in kit_modules().values():
        rel = path.relative_to(ROOT)
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_MODULE_LINES:
            problems.append(f"  {rel}: module of {count} lines (limit {MAX_MODULE_LINES})")
        for name, line, size in long_functions(path):
            problems.append(f"  {rel}:{line} {name}(): {size} lines (limit {MAX_FUNCTION_LINES})")
    assert not problems, (
        f"{len(problems)} too long (split them by concern, or put '{LONG_MARK} <reason>' on the line above a "
        "function's def):\n" + "\n".join(problems)
    )


# --- one public surface for the notebooks ----------------------------------------------


def notebooks() -> list[Path]:
    """Every notebook students and teachers run: lessons, solutions, assessments and their keys."""
    return [p for folder in NOTEBOOK_FOLDERS for p in sorted((ROOT / folder).glob("*.ipynb"))]


def code_cells(path: Path) -> list[tuple[int, str]]:
    """``(cell index, source)`` of every code cell, with IPython magics and shell lines blanked."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    out = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
        out.append((index, "\n".join(lines)))
    return out


def surface_problems(source: str, exported: dict[str, set[str]]) -> list[str]:
    """What a cell uses beyond the facade. ``exported`` maps ``kit`` and each skill namespace
    (``kit.framing``) to the names it offers.

    >>> api = {"kit": {"load_case", "framing"}, "kit.framing": {"voices"}}
    >>> surface_problems("import kit\\nkit.load_case(); kit.charts.setup()", api)
    ['line 2: kit.charts is not in kit.__all__']
    >>> surface_problems("import kit.framing as fr\\nfr.voices(); fr._rows()", api)
    ['line 2: fr._rows is not in kit.framing.__all__']
    >>> surface_problems("from kit.verdict import claim_review", api)
    ['line 1: from kit.verdict import: kit.verdict is not a skill namespace in kit.__all__']
    """
    tree = ast.parse(source)
    aliases: dict[str, str] = {}  # local name -> "kit" or "kit.<skill>"
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] != FACADE:
                    continue
                if alias.name != FACADE and alias.name not in exported:
                    problems.append(f"line {node.lineno}: import {alias.name}: "
                                    f"{alias.name} is not a skill namespace in kit.__all__")
                elif alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    aliases[FACADE] = FACADE
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == FACADE:
            if node.module not in exported:
                problems.append(f"line {node.lineno}: from {node.module} import: "
                                f"{node.module} is not a skill namespace in kit.__all__")
                continue
            for alias in node.names:
                if alias.name not in exported[node.module]:
                    problems.append(f"line {node.lineno}: from {node.module} import {alias.name}: "
                                    f"not in {node.module}.__all__")
                elif f"{node.module}.{alias.name}" in exported:
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            space = aliases[node.value.id]
            if node.attr not in exported.get(space, set()):
                shown = f"{node.value.id}.{node.attr}"
                problems.append(f"line {node.lineno}: {shown} is not in {space}.__all__")
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
                and isinstance(node.value.value, ast.Name) and aliases.get(node.value.value.id) == FACADE):
            space = f"{FACADE}.{node.value.attr}"
            if space in exported and node.attr not in exported[space]:
                problems.append(f"line {node.lineno}: {node.value.value.id}.{node.value.attr}.{node.attr} "
                                f"is not in {space}.__all__")
    return sorted(set(problems), key=lambda p: (int(p.split(":")[0].split()[1]), p))


def public_api() -> dict[str, set[str]]:
    """``{"kit": kit.__all__, "kit.<skill>": its __all__ or public attributes}`` for each skill namespace."""
    import importlib
    import types

    import kit

    api = {FACADE: set(kit.__all__)}
    for name in kit.__all__:
        value = getattr(kit, name, None)
        if isinstance(value, types.ModuleType):
            names = getattr(value, "__all__", None)
            api[f"{FACADE}.{name}"] = set(names) if names is not None else {
                n for n in dir(value) if not n.startswith("_")}
    for space in list(api):
        if space != FACADE:
            importlib.import_module(space)
    return api


def test_notebooks_are_found():
    assert {p.parent.name for p in notebooks()} >= {"lessons", "solutions", "assessments", "key"}


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: str(p.relative_to(ROOT)))
def test_notebooks_use_only_the_facade(path):
    api = public_api()
    problems = [f"  cell {index}, {problem}" for index, source in code_cells(path)
                for problem in surface_problems(source, api)]
    assert not problems, (
        f"{path.relative_to(ROOT)} reaches past the facade; export the name from kit/__init__.py "
        "(or a skill namespace's __all__) or use one that is:\n" + "\n".join(problems)
    )
