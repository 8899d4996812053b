"""redis.debug()'s values as Redis's Lua debugger writes them
(ldbCatStackValueRec, eval.c).  The command and reply lines are
pylua.redis.cli's ldb_command / ldb_human / ldb_trim."""

from __future__ import annotations

from ..values import LuaTable
from .cli import _log_line, ldb_trim, repr_bytes

MAX_DEPTH = 10  # LDB_MAX_VALUES_DEPTH (LUA_MINSTACK/2)


def value(v, level: int = 0) -> str:
    """ldbCatStackValueRec: a Lua value as redis.debug() writes it."""
    if level == MAX_DEPTH:
        return "<max recursion level reached! Nested table?>"
    level += 1
    c = v.__class__
    if c is bytes:
        return repr_bytes(v)
    if c is bool:
        return "true" if v else "false"
    if c is float:
        return _g(v)
    if v is None:
        return "nil"
    if c is LuaTable:
        expected = 1
        is_array = True
        r1 = []
        r2 = []
        k = v.next(None)
        while k is not None:
            key, val = k
            if is_array and not (key.__class__ is float and key == expected):
                is_array = False
            r1.append(value(val, level))
            r2.append("[" + value(key, level) + "]=" + value(val, level))
            expected += 1
            k = v.next(key)
        return "{" + "; ".join(r1 if is_array else r2) + "}"
    kind = getattr(v, "lua_type", "unknown")
    return '"%s@0x%x"' % (kind, id(v) & 0xFFFFFFFFFFFF)


def _g(d: float) -> str:
    """printf's %g (glibc spells NaN with its sign)."""
    if d != d:
        return "-nan" if str(d).startswith("-") else "nan"
    return "%g" % d


def debug_line(line: int, values) -> str:
    """redis.debug(...): "<debug> line N: v1, v2" (trimmed as LDB trims)."""
    return _log_line(ldb_trim("<debug> line %d: " % line + ", ".join(value(v) for v in values))[0])
