"""The layering of pylua/ (DESIGN.md): no import cycles, and lower layers
never import higher ones.

Every ``import`` of every module under pylua/ is read with ``ast``: the
top-level ones and those inside functions (a function-level import is a
dependency too, only a later one), relative and absolute.  An import of a
name that is not a module (``from .vm import VM``) is an edge to the module
that defines it; a package's ``__init__`` run by importing one of its
modules is not counted (``pylua/__init__.py`` imports the runtime lazily,
for ``from pylua import Lua`` only).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pylua

ROOT = Path(pylua.__file__).resolve().parent

# lparser/lcode, the chunk loader and the listing: they know no VM
COMPILER = {"lexer", "parser", "code", "opcodes", "proto", "chunk", "disasm", "symbexec"}
# what every layer may use: errors, and conversions and arithmetic as C does them
SHARED = {"errors", "conv", "numfmt", "arith"}
# the machine (runtime.py, the Lua state with its libraries, is above lib/)
VM = {
    "vm", "vcode", "fastloop", "fastfunc", "values", "ldebug", "gc", "handlers", "_loops",
    "_loops_hooked",
}  # fmt: skip
# what observes the VM: nothing below the command lines imports it
DEBUGGER = {"debugger", "snapshot", "checkpoint", "trace"}
# the libraries, the Lua state that opens them, the command lines
TOP = {"lib", "runtime", "__main__", "luac", "genloop", "redis"}  # redis: Redis mode (issue 12)


def _name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package at root, by dotted name."""
    return {_name(p, root): p for p in sorted(root.rglob("*.py"))}


def imports_of(name: str, source: str, known: set[str], is_package: bool = False):
    """The modules of ``known`` that module ``name`` imports anywhere in its
    source: a list of (imported module, line)."""
    pkg = name.split(".") if is_package else name.split(".")[:-1]
    out = []

    def add(target: str, line: int) -> None:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name:
            out.append((target, line))

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg[: len(pkg) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            for alias in node.names:
                sub = f"{mod}.{alias.name}"
                add(sub if sub in known else mod, node.lineno)
    return out


def import_graph(root: Path = ROOT) -> dict[str, dict[str, str]]:
    """module -> {imported module: where it is first imported ("vm.py:37")}."""
    mods = modules(root)
    known = set(mods)
    graph = {}
    for name, path in mods.items():
        edges: dict[str, str] = {}
        where = path.relative_to(root).as_posix()
        for target, line in imports_of(name, path.read_text(), known, path.name == "__init__.py"):
            edges.setdefault(target, f"{where}:{line}")
        graph[name] = edges
    return graph


def find_cycles(graph: dict[str, dict]) -> list[list[str]]:
    """One cycle (a list of modules, the first repeated at the end) in each
    strongly connected component that has one (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    sccs: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph.get(v, ()):
                sccs.append(comp)

    for v in sorted(graph):
        if v not in index:
            connect(v)
    cycles = []
    for comp in sccs:
        members = set(comp)
        start = min(comp)
        # breadth first from start back to start, inside the component
        prev: dict[str, str] = {}
        todo = [start]
        found = None
        while todo and found is None:
            nxt = []
            for v in todo:
                for w in sorted(graph.get(v, ())):
                    if w == start:
                        found = v
                        break
                    if w in members and w not in prev:
                        prev[w] = v
                        nxt.append(w)
                if found is not None:
                    break
            todo = nxt
        path = [start]
        v = found
        while v != start:
            path.append(v)
            v = prev[v]
        path.append(start)
        path = [path[0]] + path[1:-1][::-1] + [start]
        cycles.append(path)
    return cycles


def _describe(cycle: list[str], graph) -> str:
    steps = zip(cycle, cycle[1:], strict=False)
    return " -> ".join(f"{a} ({graph[a][b]})" for a, b in steps) + f" -> {cycle[-1]}"


def _short(name: str) -> str:
    return name.removeprefix("pylua.")


def _violations(graph, importer, forbidden) -> list[str]:
    out = []
    for name, edges in sorted(graph.items()):
        if not importer(_short(name)):
            continue
        for target, where in sorted(edges.items()):
            why = forbidden(_short(target))
            if why:
                out.append(f"{where}: {name} imports {target}: {why}")
    return out


def _is_lib(m: str) -> bool:
    return m == "lib" or m.startswith("lib.")


# -- the rules ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph():
    return import_graph()


def test_no_import_cycles(graph):
    cycles = find_cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join(_describe(c, graph) for c in cycles)


def collapse(graph, package: str):
    """The graph with every module of package (pylua.lib) made one node."""

    def node(m):
        return package if m.startswith(package + ".") else m

    out: dict[str, dict[str, str]] = {}
    for name, edges in sorted(graph.items()):
        mine = out.setdefault(node(name), {})
        for target, where in sorted(edges.items()):
            if node(target) != node(name):
                mine.setdefault(node(target), where)
    return out


def test_no_cycles_through_the_libraries(graph):
    """lib/ is one layer: no module imports a library that imports it back,
    even through another library (vm -> lib.aux, lib.base -> vm was one)."""
    g = collapse(graph, "pylua.lib")
    cycles = find_cycles(g)
    assert not cycles, "import cycles:\n" + "\n".join(_describe(c, g) for c in cycles)


def test_compiler_knows_no_vm(graph):
    """The compiler imports only itself and the shared helpers."""

    def forbidden(m):
        if m not in COMPILER and m not in SHARED:
            return "the compiler knows no VM, library or debugger"
        return None

    bad = _violations(graph, lambda m: m in COMPILER, forbidden)
    assert not bad, "\n".join(bad)


def test_vm_and_lib_know_no_debugger(graph):
    def forbidden(m):
        return "the VM and lib/ know no debugger" if m in DEBUGGER else None

    bad = _violations(graph, lambda m: m in VM or _is_lib(m) or m == "runtime", forbidden)
    assert not bad, "\n".join(bad)


def test_vm_imports_no_library(graph):
    def forbidden(m):
        return "the VM knows no library (errors live in pylua/errors.py)" if _is_lib(m) else None

    bad = _violations(graph, lambda m: m in VM, forbidden)
    assert not bad, "\n".join(bad)


def test_libraries_do_not_import_the_loop(graph):
    """Libraries ask the VM through L; what they need of it (markers,
    constants, raw equality) lives in lower modules."""

    def forbidden(m):
        if m in ("vm", "fastloop", "runtime"):
            return "a library reaches the machine through L, not by importing it"
        return None

    bad = _violations(graph, _is_lib, forbidden)
    assert not bad, "\n".join(bad)


def test_every_module_is_placed(graph):
    """A new top-level module says which layer it belongs to, so that the
    rules above see it: add it to COMPILER, SHARED, VM, DEBUGGER or TOP."""
    placed = COMPILER | SHARED | VM | DEBUGGER | TOP
    unplaced = [m for m in graph if m != "pylua" and _short(m).split(".")[0] not in placed]
    assert not unplaced, f"not placed in tests/test_imports.py: {unplaced}"


# -- the checker itself can fail --------------------------------------------------


def test_reader_sees_every_kind_of_import():
    known = {"pkg", "pkg.a", "pkg.b", "pkg.c", "pkg.sub", "pkg.sub.d", "pkg.e"}
    src = (
        "import os\n"
        "from .. import a\n"
        "from ..b import thing\n"
        "def f():\n"
        "    from . import d\n"
        "    import pkg.c\n"
        "class K:\n"
        "    def m(self):\n"
        "        from pkg import e as _e\n"
    )
    got = imports_of("pkg.sub.x", src, known)
    assert sorted(got) == [("pkg.a", 2), ("pkg.b", 3), ("pkg.c", 6), ("pkg.e", 9), ("pkg.sub.d", 5)]
    init = "from .a import y\nfrom . import sub\n"
    assert imports_of("pkg", init, known, is_package=True) == [("pkg.a", 1), ("pkg.sub", 2)]


def test_cycle_finder_names_the_cycle():
    g = {
        "a": {"b": "a:1"},
        "b": {"c": "b:4"},
        "c": {"a": "c:9", "d": "c:2"},
        "d": {},
        "e": {"e": "e:3"},
    }
    cycles = sorted(find_cycles(g))
    assert cycles == [["a", "b", "c", "a"], ["e", "e"]]
    assert _describe(cycles[0], g) == "a (a:1) -> b (b:4) -> c (c:9) -> a"
    assert find_cycles({"a": {"b": "a:1"}, "b": {}}) == []


def test_rules_catch_a_function_level_import(tmp_path):
    pkg = tmp_path / "pylua"
    (pkg / "lib").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "lib" / "__init__.py").write_text("")
    (pkg / "vm.py").write_text("def f():\n    from .lib.os import LuaExit\n")
    (pkg / "lib" / "os.py").write_text("from ..vm import f\n")
    (pkg / "parser.py").write_text("from .vm import f\n")
    g = import_graph(pkg)
    assert find_cycles(g) == [["pylua.lib.os", "pylua.vm", "pylua.lib.os"]]
    assert _violations(g, lambda m: m in VM, lambda m: _is_lib(m) and "lib") == [
        "vm.py:2: pylua.vm imports pylua.lib.os: lib"
    ]
    assert _violations(g, lambda m: m in COMPILER, lambda m: m not in COMPILER and "no") == [
        "parser.py:1: pylua.parser imports pylua.vm: no"
    ]
    # lib/ as one node: the VM imports one library, another imports the VM
    (pkg / "lib" / "os.py").write_text("LuaExit = None\n")
    (pkg / "lib" / "base.py").write_text("from ..vm import f\n")
    g = import_graph(pkg)
    assert find_cycles(g) == []
    assert find_cycles(collapse(g, "pylua.lib")) == [["pylua.lib", "pylua.vm", "pylua.lib"]]
