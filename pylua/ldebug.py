"""ldebug.c: stack levels, current lines, variable names for error messages
(found by pylua/symbexec.py's symbolic execution of the bytecode), and the
5.1 traceback text.

A *level* is what ``lua_getstack`` counts: 0 is the function running now.
The VM's frames are ``Coroutine.cis`` (outermost first); a builtin that runs
without a frame of its own (the VM's fast path for plain builtins) is
``Coroutine.cfunc`` and counts as level 0 while it runs.
"""

from __future__ import annotations

from .conv import cstr, tonumber
from .errors import LuaError, chunkid
from .opcodes import (
    OP_GETGLOBAL,
    OP_GETTABLE,
    OP_GETUPVAL,
    OP_MOVE,
    OP_SELF,
    effects,
    get_op,
    getarg_A,
    getarg_B,
    getarg_Bx,
    getarg_C,
    indexK,
    isK,
)
from .values import CI_C, CI_LUA, CallInfo, LuaFunction, lua_typename, new_ci

TAILCALL = "tail"  # a level lost to tail calls

LEVELS1 = 12  # ldblib.c: first part of a long traceback
LEVELS2 = 10  # and its last part


# -- levels ----------------------------------------------------------------


def call_frame(th, ci, pc: int, fn) -> CallInfo:
    """The frame luaD_precall gives builtin fn called by instruction pc of
    Lua frame ci: its function sits in the register the instruction calls
    (CALL, TAILCALL; TFORLOOP's copy of its iterator), its arguments above
    it: the rest of what the instruction reads (the top the arguments run
    to, if open, is the thread's)."""
    p = ci.cl.proto
    e = effects(p.code, pc, p)
    if e.calls is None:
        return new_ci(CI_C, fn, ci.top, ci.top + 1, ci.top + 1, -1, 0)
    if e.reads_top:
        e = effects(p.code, pc, p, th.top - ci.base)
    func = ci.base + e.calls
    nargs = max(len(e.reads) - 1, 0)
    return new_ci(CI_C, fn, func, func + 1, func + 1 + nargs, -1, 0)


def _virtual_ci(th) -> CallInfo:
    """The frame of the builtin running without one (th.cfunc)."""
    top = th.cis[-1] if th.cis else None
    if top is not None and top.kind == CI_LUA and top.savedpc > 0:
        return call_frame(th, top, top.savedpc - 1, th.cfunc)
    func = top.top if top is not None else 0
    return new_ci(CI_C, th.cfunc, func, func + 1, func + 1, -1, 0)


def frames(th) -> list:
    """Every frame of th, innermost first, the running builtin included."""
    out = list(reversed(th.cis))
    if th.cfunc is not None:
        out.insert(0, _virtual_ci(th))
    return out


def getstack(th, level: int):
    """lua_getstack: the CallInfo at level, TAILCALL, or None."""
    cis = th.cis
    j = len(cis) - 1
    if th.cfunc is not None:
        if level == 0:
            return _virtual_ci(th)
        level -= 1
    while level > 0 and j >= 0:
        level -= 1
        ci = cis[j]
        if ci.kind == CI_LUA:
            level -= ci.tailcalls
        j -= 1
    if level == 0 and j >= 0:
        return cis[j]
    if level < 0:
        return TAILCALL
    return None


def levels(th) -> list:
    """Every level from 0 on: CallInfos, with TAILCALL for lost tail calls."""
    out = []
    if th.cfunc is not None:
        out.append(_virtual_ci(th))
    for ci in reversed(th.cis):
        out.append(ci)
        if ci.kind == CI_LUA and ci.tailcalls:
            out.extend([TAILCALL] * ci.tailcalls)
    return out


def caller_of(th, ci):
    """The frame below ci (the one that called it), or None."""
    cis = th.cis
    if (
        th.cfunc is not None
        and ci.kind == CI_C
        and ci.cl is th.cfunc
        and (not cis or cis[-1] is not ci)
    ):
        return cis[-1] if cis else None
    for j in range(len(cis) - 1, 0, -1):
        if cis[j] is ci:
            return cis[j - 1]
    return None


def currentpc(ci) -> int:
    if ci.kind != CI_LUA:
        return -1
    return ci.savedpc - 1


def currentline(ci) -> int:
    if ci.kind != CI_LUA:
        return -1
    p = ci.cl.proto
    pc = ci.savedpc - 1
    if not p.lineinfo:
        return 0
    if pc < 0:
        pc = 0
    return p.lineinfo[pc]


def short_src(fn) -> bytes:
    if fn.__class__ is LuaFunction:
        return chunkid(fn.proto.source)
    return b"[C]"


def where(th, level: int) -> bytes:
    """luaL_where: b"chunk:line: " of the function at level, or b""."""
    ci = getstack(th, level)
    if ci is None or ci is TAILCALL or ci.kind != CI_LUA:
        return b""
    line = currentline(ci)
    if line > 0:
        return b"%s:%d: " % (chunkid(ci.cl.proto.source), line)
    return b""


def addinfo(ci, msg: bytes) -> bytes:
    """luaG_runerror's prefix: the position when the running frame is Lua code."""
    if ci is not None and ci.kind == CI_LUA:
        return b"%s:%d: %s" % (chunkid(ci.cl.proto.source), currentline(ci), msg)
    return msg


def runerror(th, msg: bytes | str) -> LuaError:
    """luaG_runerror for the frame running now (a builtin, if one runs)."""
    if isinstance(msg, str):
        msg = msg.encode()
    ci = None if th.cfunc is not None else (th.cis[-1] if th.cis else None)
    return LuaError(addinfo(ci, msg))


# -- variable names (getobjname) --------------------------------------------


def _kname(p, c: int) -> bytes:
    if isK(c):
        k = p.k[indexK(c)]
        if k.__class__ is bytes:
            return k
    return b"?"


def getobjname(p, pc: int, reg: int):
    """(kind, name) of the value in register reg at pc, or None."""
    while True:
        name = p.getlocalname(reg + 1, pc)
        if name is not None:
            return "local", name
        from .symbexec import symbexec  # (only an error message needs it: not imported at start)

        i = symbexec(p, pc, reg)
        op = get_op(i)
        if op == OP_GETGLOBAL:
            return "global", p.k[getarg_Bx(i)]
        if op == OP_MOVE:
            b = getarg_B(i)
            if b < getarg_A(i):
                reg = b
                continue
            return None
        if op == OP_GETTABLE:
            return "field", _kname(p, getarg_C(i))
        if op == OP_GETUPVAL:
            b = getarg_B(i)
            return "upvalue", (p.upvalues[b] if p.upvalues else b"?")
        if op == OP_SELF:
            return "method", _kname(p, getarg_C(i))
        return None


def getfuncname(ci, caller):
    """(namewhat, name) of the function running in ci, from the instruction
    of its caller that called it; None when that cannot be known."""
    if ci is None or ci is TAILCALL:
        return None
    if (ci.kind == CI_LUA and ci.tailcalls > 0) or caller is None or caller.kind != CI_LUA:
        return None
    p = caller.cl.proto
    pc = caller.savedpc - 1
    if effects(p.code, pc, p).calls is not None:  # CALL, TAILCALL, TFORLOOP
        return getobjname(p, pc, getarg_A(p.code[pc]))  # (TFORLOOP's iterator)
    return None


# -- error messages -------------------------------------------------------


def _q(name: bytes) -> bytes:
    # luaO_pushvfstring's %s stops at a NUL, as C strings do
    return cstr(name)


def typeerror(ci, reg, value, op: str) -> LuaError:
    """luaG_typeerror: reg is the register holding value (None when the value
    is not in the frame's stack: a constant, a metatable field...)."""
    t = lua_typename(value)
    named = None
    if reg is not None and ci is not None and ci.kind == CI_LUA:
        named = getobjname(ci.cl.proto, ci.savedpc - 1, reg)
    if named is not None:
        kind, name = named
        msg = b"attempt to %s %s '%s' (a %s value)" % (
            op.encode(),
            kind.encode(),
            _q(name),
            t.encode(),
        )
    else:
        msg = b"attempt to %s a %s value" % (op.encode(), t.encode())
    return LuaError(addinfo(ci, msg))


def concaterror(ci, reg1, v1, reg2, v2) -> LuaError:
    c = v1.__class__
    if c is bytes or c is float:
        return typeerror(ci, reg2, v2, "concatenate")
    return typeerror(ci, reg1, v1, "concatenate")


def aritherror(ci, reg1, v1, reg2, v2) -> LuaError:
    if tonumber(v1) is not None:
        return typeerror(ci, reg2, v2, "perform arithmetic on")
    return typeerror(ci, reg1, v1, "perform arithmetic on")


def ordererror(ci, v1, v2) -> LuaError:
    t1 = lua_typename(v1)
    t2 = lua_typename(v2)
    if t1[2] == t2[2]:
        msg = b"attempt to compare two %s values" % t1.encode()
    else:
        msg = b"attempt to compare %s with %s" % (t1.encode(), t2.encode())
    return LuaError(addinfo(ci, msg))


# -- lua_getinfo ---------------------------------------------------------


def funcinfo(fn) -> dict:
    """lua_getinfo's 'S' fields of a function."""
    if fn.__class__ is LuaFunction:
        p = fn.proto
        return {
            "source": p.source,
            "short_src": chunkid(p.source),
            "linedefined": p.linedefined,
            "lastlinedefined": p.lastlinedefined,
            "what": "main" if p.linedefined == 0 else "Lua",
        }
    return {
        "source": b"=[C]",
        "short_src": b"[C]",
        "linedefined": -1,
        "lastlinedefined": -1,
        "what": "C",
    }


def getinfo(th, ci, what: str = "Slnuf", caller=None) -> dict:
    """lua_getinfo for a level (a CallInfo from getstack, or TAILCALL)."""
    if ci is TAILCALL:
        return {
            "source": b"=(tail call)",
            "short_src": b"(tail call)",
            "linedefined": -1,
            "lastlinedefined": -1,
            "what": "tail",
            "currentline": -1,
            "name": b"",
            "namewhat": "",
            "nups": 0,
            "func": None,
        }
    fn = ci.cl
    info = {}
    if "S" in what:
        info.update(funcinfo(fn))
    if "l" in what:
        info["currentline"] = currentline(ci)
    if "u" in what:
        info["nups"] = _nups(fn)
    if "n" in what:
        if caller is None:
            caller = caller_of(th, ci)
        r = getfuncname(ci, caller)
        if r is None:
            info["namewhat"] = ""
            info["name"] = None
        else:
            info["namewhat"], info["name"] = r
    if "f" in what:
        info["func"] = fn
    return info


def _nups(fn) -> int:
    if fn.__class__ is LuaFunction:
        return len(fn.upvals)
    ups = getattr(fn, "upvals", None)
    return len(ups) if ups else 0


def traceback(th, msg: bytes | None = None, level: int = 1) -> bytes:
    """debug.traceback's text (ldblib.c db_errorfb) for th from level on."""
    parts = [b"" if msg is None else msg + b"\n", b"stack traceback:"]
    lv = levels(th)
    # the caller of each level, for function names
    callers = {}
    real = [x for x in lv if x is not TAILCALL]
    for idx, ci in enumerate(real):
        callers[id(ci)] = real[idx + 1] if idx + 1 < len(real) else None
    n = len(lv)
    firstpart = True
    while level < n:
        if level >= LEVELS1 and firstpart:
            # more than LEVELS2 levels left: skip to the last LEVELS2
            if level + 1 + LEVELS2 < n:
                parts.append(b"\n\t...")
                level = n - LEVELS2
            firstpart = False
            continue
        ci = lv[level]
        level += 1
        if ci is TAILCALL:
            parts.append(b"\n\t(tail call): ?")
            continue
        info = getinfo(th, ci, "Sln", callers.get(id(ci)))
        s = b"\n\t" + info["short_src"] + b":"
        if info["currentline"] > 0:
            s += b"%d:" % info["currentline"]
        if info["namewhat"]:
            s += b" in function '" + _q(info["name"]) + b"'"
        elif info["what"] == "main":
            s += b" in main chunk"
        elif info["what"] in ("C", "tail"):
            s += b" ?"
        else:
            s += b" in function <%s:%d>" % (info["short_src"], info["linedefined"])
        parts.append(s)
    return b"".join(parts)
