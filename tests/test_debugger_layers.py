"""The debugger observes the VM through its public surface (DESIGN.md: the
debugger uses a small hook surface; docs/internals.md lists it): its
modules reach no private name of another module or of the Lua state, read
no Python frame's locals, and decode instructions only through
pylua/opcodes.py."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted((ROOT / "pylua" / "debugger").glob("*.py")) + [
    ROOT / "pylua" / "checkpoint.py",
    ROOT / "pylua" / "snapshot.py",
]
FRAME_INTERNALS = {"f_locals", "gi_frame", "f_back", "f_globals", "gi_code", "cr_frame"}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_uses(source: str) -> list[str]:
    """What a module reaches that is not its own: a private name imported
    from another module, a private attribute of anything but ``self`` (the
    module's own classes), a private name passed to getattr/setattr/hasattr,
    a Python frame's internals."""
    found = []
    for node in ast.walk(ast.parse(source)):
        where = getattr(node, "lineno", "?")
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            mod = "." * node.level + (node.module or "")
            found += [f"{where}: from {mod} import {a.name}" for a in node.names if _private(a.name)]
        elif isinstance(node, ast.Attribute):
            if node.attr in FRAME_INTERNALS:
                found.append(f"{where}: .{node.attr}")
            elif _private(node.attr) and not (isinstance(node.value, ast.Name) and node.value.id == "self"):
                found.append(f"{where}: {ast.unparse(node)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) >= 2:
                arg = node.args[1]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    if _private(arg.value) or arg.value in FRAME_INTERNALS:
                        found.append(f"{where}: {ast.unparse(node)}")
    return found


def raw_decoding(source: str) -> list[str]:
    """Instruction fields taken apart by hand: a right shift, or a mask
    with a number (opcodes.get_op, getarg_A... do that, in one place)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.RShift):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
            elif isinstance(node.op, ast.BitAnd) and any(
                isinstance(x, ast.Constant) and isinstance(x.value, int) for x in (node.left, node.right)
            ):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_private_names_of_other_modules(path):
    assert private_uses(path.read_text()) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_instructions_are_decoded_by_opcodes_only(path):
    assert raw_decoding(path.read_text()) == []


def test_the_scans_find_what_they_look_for():
    bad = """from .lib import math as lmath
from .lib.base import _print_gen
from . import vm
rng = lmath._rngs.get(L)
st = L._loop_step(1, 0)
loc = gen.gi_frame.f_locals
fn = getattr(base, "_print_gen", None)
ok = self._cursor  # the module's own
i = code[pc]
a = (i >> 6) & 0xFF
op = i & 0x3F
flag = p.is_vararg & VARARG_NEEDSARG
"""
    assert sorted(private_uses(bad)) == [
        "2: from .lib.base import _print_gen",
        "4: lmath._rngs",
        "5: L._loop_step",
        "6: .f_locals",
        "6: .gi_frame",
        "7: getattr(base, '_print_gen', None)",
    ]
    assert sorted(raw_decoding(bad)) == ["10: i >> 6", "10: i >> 6 & 255", "11: i & 63"]


def test_the_modules_exist():
    names = {p.name for p in MODULES}
    assert {"__init__.py", "session.py", "tracker.py", "state.py", "replay.py"} <= names
