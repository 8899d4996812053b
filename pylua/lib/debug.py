"""The debug library (ldblib.c of Lua 5.1.5) over pylua.ldebug and the VM.

Levels count as lua_getstack does (0 is the running function: the debug
builtin itself when called from Lua).  Hooks set by ``sethook`` run as Lua
frames before instructions; while one is set the VM runs its stepping loop.
"""

from __future__ import annotations

from .. import ldebug
from ..errors import LuaError
from ..values import Builtin, Call, Coroutine, LuaFunction, LuaTable, Userdata
from .aux import (
    ArgError,
    check_any,
    check_int,
    check_string,
    check_type,
    is_none_or_nil,
    opt_int,
    opt_string,
    to_integer,
    tonumber,
    tostr,
)


def _getthread(L, args):
    """(thread, index of the first argument after it)."""
    if args and args[0].__class__ is Coroutine:
        if args[0].pygen is not None:  # its body runs compiled: it gets its frames
            L.materialize_co(args[0])
        return args[0], 1
    return L.current, 0


def _arg(args, i):
    return args[i] if i < len(args) else None


def db_getregistry(L, args):
    return [L.registry]


def db_getmetatable(L, args):
    v = check_any(args, 1)
    return [L.getmetatable(v)]


def db_setmetatable(L, args):
    mt = _arg(args, 1)
    if len(args) < 2 or (mt is not None and mt.__class__ is not LuaTable):
        raise ArgError(2, "nil or table expected")
    L.setmetatable(args[0], mt)
    return [True]


def db_getfenv(L, args):
    o = check_any(args, 1)
    c = o.__class__
    if c is LuaFunction:
        return [o.env]
    if c is Builtin:
        return [L.globals]
    if c is Coroutine:
        return [o.globals]
    if c is Userdata:
        return [o.env if o.env is not None else L.globals]
    return [None]


def db_setfenv(L, args):
    t = check_type(args, 2, "table")
    o = args[0]
    c = o.__class__
    if c is LuaFunction:
        o.env = t
    elif c is Coroutine:
        o.globals = t
    elif c is Userdata:
        o.env = t
    elif c is not Builtin:
        raise L.error("'setfenv' cannot change environment of given object")
    return [o]


def db_getinfo(L, args):
    th, arg = _getthread(L, args)
    options = opt_string(args, arg + 2, b"flnSu").decode("latin-1")
    target = _arg(args, arg)
    ci = None
    fn = None
    lvl = tonumber(target) if arg < len(args) else None
    if lvl is not None:
        ci = ldebug.getstack(th, to_integer(lvl))
        if ci is None:
            return [None]
    elif target.__class__ is LuaFunction or target.__class__ is Builtin:
        fn = target
    else:
        raise ArgError(arg + 1, "function or level expected")
    if any(ch not in "SlnufL" for ch in options):
        raise ArgError(arg + 2, "invalid option")
    t = LuaTable(0, 2)
    if ci is ldebug.TAILCALL:
        info = ldebug.getinfo(th, ci, options)
        func = None
    elif ci is not None:
        info = ldebug.getinfo(th, ci, options)
        func = ci.cl
    else:
        info = ldebug.funcinfo(fn)
        info["currentline"] = -1
        info["namewhat"] = ""
        info["name"] = None
        info["nups"] = ldebug._nups(fn)
        func = fn
    if "S" in options:
        t.set(b"source", info["source"])
        t.set(b"short_src", info["short_src"])
        t.set(b"linedefined", float(info["linedefined"]))
        t.set(b"lastlinedefined", float(info["lastlinedefined"]))
        t.set(b"what", info["what"].encode())
    if "l" in options:
        t.set(b"currentline", float(info["currentline"]))
    if "u" in options:
        t.set(b"nups", float(info["nups"]))
    if "n" in options:
        t.set(b"name", info.get("name"))
        t.set(b"namewhat", info.get("namewhat", "").encode())
    if "L" in options:
        if func.__class__ is LuaFunction:
            lines = LuaTable()
            for line in func.proto.lineinfo:
                lines.set(float(line), True)
            t.set(b"activelines", lines)
    if "f" in options:
        t.set(b"func", func)
    return [t]


def _findlocal(th, ci, n: int):
    """ldebug.c findlocal: (name, stack slot) or None."""
    if ci.kind == ldebug.CI_LUA:
        name = ci.cl.proto.getlocalname(n, ci.savedpc - 1)
        if name is not None:
            return name, ci.base + n - 1
    lv = ldebug.levels(th)
    limit = None
    real = [x for x in lv if x is not ldebug.TAILCALL]
    for i, x in enumerate(real):
        if x is ci:
            limit = real[i - 1].func if i > 0 else th.top
            break
    if limit is None:
        limit = ci.top
    if n > 0 and limit - ci.base >= n:
        return b"(*temporary)", ci.base + n - 1
    return None


# _TAILCALL_LOCALS: a level that is a lost tail call (a negative level too:
# lua_getstack finds it "in a tail call") is base_ci in C, whose stack slice
# is empty once anything runs: getlocal and setlocal give nil.  (On a
# coroutine never resumed, C's base_ci still holds the body, which
# getlocal(co, -1, 1) shows as "(*temporary)"; not emulated.)


def db_getlocal(L, args):
    th, arg = _getthread(L, args)
    level = check_int(args, arg + 1)
    ci = ldebug.getstack(th, level)
    if ci is None:
        raise ArgError(arg + 1, "level out of range")
    n = check_int(args, arg + 2)
    if ci is ldebug.TAILCALL:
        return [None]  # see _TAILCALL_LOCALS
    r = _findlocal(th, ci, n)
    if r is None:
        return [None]
    name, slot = r
    v = th.stack[slot] if slot < len(th.stack) else None
    return [name, v]


def db_setlocal(L, args):
    th, arg = _getthread(L, args)
    level = check_int(args, arg + 1)
    ci = ldebug.getstack(th, level)
    if ci is None:
        raise ArgError(arg + 1, "level out of range")
    check_any(args, arg + 3)
    n = check_int(args, arg + 2)
    if ci is ldebug.TAILCALL:
        return [None]  # see _TAILCALL_LOCALS
    r = _findlocal(th, ci, n)
    if r is None:
        return [None]
    name, slot = r
    th.stack[slot] = args[arg + 2]
    return [name]


def _auxupvalue(L, args, get: bool):
    n = check_int(args, 2)
    f = check_type(args, 1, "function")
    if f.__class__ is not LuaFunction:
        return []
    names = f.proto.upvalues
    if not (1 <= n <= len(names)) or n > len(f.upvals):
        return []
    uv = f.upvals[n - 1]
    if get:
        return [names[n - 1], uv.stack[uv.idx]]
    uv.stack[uv.idx] = args[2]
    return [names[n - 1]]


def db_getupvalue(L, args):
    return _auxupvalue(L, args, True)


def db_setupvalue(L, args):
    check_any(args, 3)
    return _auxupvalue(L, args, False)


def _switch():
    """A builtin that changes hooks ends its instruction through the VM's
    outer loop, which then changes loops."""
    return []
    yield  # noqa: B901 - makes this a generator


def db_sethook(L, args):
    th, arg = _getthread(L, args)
    if is_none_or_nil(args, arg + 1):
        L.sethook(th, None, "", 0)
    else:
        smask = check_string(args, arg + 2).decode("latin-1")
        f = check_type(args, arg + 1, "function")
        count = opt_int(args, arg + 3, 0)
        mask = "".join(ch for ch in "crl" if ch in smask)
        L.sethook(th, f, mask, count)
    return _switch()


def db_gethook(L, args):
    th, arg = _getthread(L, args)
    hs = th.hook
    if hs is None:
        return [None, b"", 0.0]
    return [hs.fn, hs.mask.encode(), float(hs.count)]


def db_traceback(L, args):
    th, arg = _getthread(L, args)
    n = tonumber(args[arg + 1]) if len(args) > arg + 1 else None
    if n is not None:
        level = to_integer(n)
        args = args[: arg + 1]
    else:
        level = 1 if th is L.current else 0
    if len(args) <= arg:
        msg = None
    else:
        msg = tostr(args[arg])
        if msg is None:
            return [args[arg]]
    if level < 0:
        # lua_getstack finds every negative level, as a lost tail call:
        # db_errorfb prints one "(tail call): ?" line for each, then the
        # frames from level 0 on (the cut after LEVELS1 counts from 0)
        text = ldebug.traceback(th, msg, 0)
        head = (b"" if msg is None else msg + b"\n") + b"stack traceback:"
        return [head + b"\n\t(tail call): ?" * -level + text[len(head) :]]
    return [ldebug.traceback(th, msg, level)]


def db_debug(L, args):
    while True:
        L.stderr.write(b"lua_debug> ")
        L.stderr.flush()
        line = L.stdin.readline(250 - 1)
        if not line or line == b"cont\n":
            return []
        try:
            fn = L.load(line, b"=(debug command)")
        except LuaError as e:
            _debug_report(L, e.value)
            continue
        try:
            yield Call(fn, [], protected=True)
        except LuaError as e:
            _debug_report(L, e.value)


def _debug_report(L, v) -> None:
    s = tostr(v)
    L.stderr.write((s if s is not None else b"(null)") + b"\n")
    L.stderr.flush()


FUNCS = [
    ("debug", db_debug),
    ("getfenv", db_getfenv),
    ("gethook", db_gethook),
    ("getinfo", db_getinfo),
    ("getlocal", db_getlocal),
    ("getregistry", db_getregistry),
    ("getmetatable", db_getmetatable),
    ("getupvalue", db_getupvalue),
    ("setfenv", db_setfenv),
    ("sethook", db_sethook),
    ("setlocal", db_setlocal),
    ("setmetatable", db_setmetatable),
    ("setupvalue", db_setupvalue),
    ("traceback", db_traceback),
]


def open(L):
    from .package import register

    return register(L, b"debug", FUNCS)
