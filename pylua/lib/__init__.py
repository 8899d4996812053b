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
