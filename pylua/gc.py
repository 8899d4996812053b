"""What Lua's collector does that a program can see: weak tables.

Python frees our objects by itself; what it cannot do is make a weak table
(``__mode`` "k", "v" or "kv") forget an entry whose key or value nothing else
in the Lua state refers to.  ``collect`` marks every object reachable from
the roots (registry, globals, metatables of the basic types, every live
coroutine's stack, frames and open upvalues), as lgc.c's mark phase does,
then clears the weak entries whose collectable key or value was not marked
(strings and numbers are values, never cleared: lgc.c's iscleared).

Values held only by Python code (inside a builtin's generator) are invisible
here; the builtins keep their arguments on the value stack, which is seen.
"""

from __future__ import annotations

from .opcodes import effects, getarg_A
from .values import (
    CI_LUA,
    Builtin,
    Coroutine,
    LuaFunction,
    LuaTable,
    UpVal,
    Userdata,
)

_COLLECTABLE = (LuaTable, LuaFunction, Builtin, Coroutine, Userdata)


def _stack_top(th) -> int:
    """lgc.c marks a thread's stack up to its top: for a builtin running
    now, the end of its arguments; for a Lua frame, its whole register window."""
    cis = th.cis
    if not cis:
        return th.top
    ci = cis[-1]
    if ci.kind != CI_LUA:
        return ci.func + 1 + len(ci.args or ())
    if th.cfunc is not None:
        # the builtin was called by the instruction in progress: a call
        # whose function and arguments are what it reads (CALL, TAILCALL;
        # not TFORLOOP, which calls a copy), their number fixed, ends there
        p = ci.cl.proto
        pc = ci.savedpc - 1
        e = effects(p.code, pc, p)
        if e.calls is not None and e.reads[0] == e.calls and not e.reads_top:
            return ci.base + e.reads[-1] + 1
        return max(th.top, ci.base + getarg_A(p.code[pc]) + 3)
    return ci.top


def _thread_roots(th, push) -> None:
    push(th.globals)
    for ci in th.cis:
        push(ci.cl)
        if ci.args:
            for v in ci.args:
                push(v)
    for v in th.stack[: _stack_top(th)]:
        push(v)
    for uv in th.openupval.values():
        push(uv.stack[uv.idx])
    if th.fn is not None:
        push(th.fn)
    if th.transfer is not None:
        val = th.transfer[1]
        if isinstance(val, (list, tuple)):
            for v in val:
                push(v)


def mark(L):
    """The set of ids of every reachable collectable object, and the weak
    tables met on the way as (table, weakkeys, weakvalues)."""
    marked = set()
    weak = []
    work = []

    def push(v):
        if v is not None and v.__class__ in _COLLECTABLE_SET and id(v) not in marked:
            marked.add(id(v))
            work.append(v)

    push(L.registry)
    push(L.globals)
    for mt in L.typemeta.values():
        push(mt)
    th = L.current
    while th is not None:  # the running coroutine and the ones that resumed it
        push(th)
        th = th.resumer
    push(L.main)
    while work:
        o = work.pop()
        c = o.__class__
        if c is LuaTable:
            mt = o.meta
            wk = wv = False
            if mt is not None:
                push(mt)
                mode = mt.hash.get(b"__mode")
                if mode.__class__ is bytes:
                    wk = b"k" in mode
                    wv = b"v" in mode
            if wk or wv:
                weak.append((o, wk, wv))
            if not wv:
                for v in o.arr:
                    if v is not None and v.__class__ in _COLLECTABLE_SET:
                        push(v)
            for k, v in o.hash.items():
                if v is None:
                    continue
                if not wk:
                    push(k)
                if not wv:
                    push(v)
        elif c is LuaFunction:
            push(o.env)
            for uv in o.upvals:
                push(uv.stack[uv.idx])
        elif c is Builtin:
            if o.upvals:
                for v in o.upvals:
                    push(v)
        elif c is Coroutine:
            _thread_roots(o, push)
        elif c is Userdata:
            push(o.meta)
            push(o.env)
    return marked, weak


_COLLECTABLE_SET = frozenset(_COLLECTABLE)


def _cleared(v, marked) -> bool:
    return v.__class__ in _COLLECTABLE_SET and id(v) not in marked


def collect(L) -> list:
    """Mark, resurrect unreachable userdata with __gc, clear weak entries.
    Returns the userdata whose __gc is due (lgc.c calls them after the cycle)."""
    marked, weak = mark(L)
    due = []
    keep = []
    for u in L.udata_gc:
        if id(u) in marked:
            keep.append(u)
        elif u.meta is not None and u.meta.hash.get(b"__gc") is not None:
            due.append(u)  # (without __gc now, it is just garbage)
    if due:
        # finalizable userdata and what they refer to stay alive for __gc
        extra = LuaTable()
        for i, u in enumerate(due):
            extra.seti(i + 1, u)
        L.registry.set(b"_PYLUA_TMU", extra)
        marked, weak = mark(L)
        L.registry.set(b"_PYLUA_TMU", None)
    L.udata_gc = keep
    dead_udata = {id(u) for u in due}
    for t, wk, wv in weak:
        if wv:
            arr = t.arr
            for i, v in enumerate(arr):
                if v is not None and (_cleared(v, marked) or id(v) in dead_udata):
                    arr[i] = None
        h = t.hash
        for k, v in list(h.items()):
            if v is None:
                continue
            if (wk and _cleared(k, marked)) or (
                wv and (_cleared(v, marked) or id(v) in dead_udata)
            ):
                h[k] = None
    return [u for u in due if u.meta is not None and u.meta.hash.get(b"__gc") is not None]


def estimate_kb(L) -> float:
    """collectgarbage("count"): a plausible size of what is reachable, in KB."""
    marked, _ = mark(L)
    return (len(marked) * 64 + 20000) / 1024.0


__all__ = ["collect", "mark", "estimate_kb", "UpVal"]
