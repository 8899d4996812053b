"""Lua's standard libraries, one module each, and the profiles that open them."""

from __future__ import annotations

import importlib

ALWAYS = ("base", "coroutine", "package", "table", "io", "os", "string", "math", "debug")
SANDBOX = ("base", "coroutine", "table", "string", "math")


def open_libs(L, sandbox: bool = False) -> None:
    """luaL_openlibs.  The sandbox profile opens base, coroutine, string,
    table and math only: no io, os, debug or package, so nothing in Lua can
    reach host files, the environment or Python objects."""
    for name in SANDBOX if sandbox else ALWAYS:
        importlib.import_module(f"{__name__}.{name}").open(L)


def compiled_code_builtins():
    """(the Python functions of the builtins compiled Lua code may call
    itself, the iterators its generic for may run): see pylua/fastfunc.py.
    Each raises before it changes anything, asks the VM for nothing, and
    looks at no frame."""
    from . import base, coroutine, string, table
    from . import math as lmath

    names = {
        base: {"assert", "error", "getmetatable", "ipairs", "next", "pairs", "rawequal",
               "rawget", "rawset", "select", "setmetatable", "tonumber", "tostring", "type",
               "unpack", "print"},  # (print writes once, after deciding it needs no Lua code)
        coroutine: {"create", "wrap", "status"},
        lmath: {n for n, _ in lmath.FUNCS} - {"random", "randomseed"},
        string: {"byte", "char", "find", "format", "len", "lower", "match", "rep",
                 "reverse", "sub", "upper", "gmatch", "gsub"},
        table: {"concat", "insert", "remove", "getn", "maxn"},
    }  # fmt: skip
    fns = {base.lua_next, base.ipairsaux}
    for mod, allowed in names.items():
        fns.update(fn for n, fn in mod.FUNCS if n in allowed)
    from .coroutine import WRAP_CODE, co_resume, co_yield

    return fns, (base.NEXT, base.PAIRS_NEXT, base.IPAIRSAUX), co_yield, co_resume, WRAP_CODE
