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
    CALLINFO_BYTES,
    CI_LUA,
    CLOSURE_BYTES,
    COROUTINE_BYTES,
    NODE_BYTES,
    SLOT_BYTES,
    STRING_BYTES,
    TABLE_BYTES,
    UPVAL_BYTES,
    USERDATA_BYTES,
    Builtin,
    Coroutine,
    LuaFunction,
    LuaTable,
    UpVal,
    Userdata,
)
from .vcode import VCODE_BYTES

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
    live = th.stack[: _stack_top(th)]
    if len(live) > 4096:
        # a big stack (deep recursion, huge varargs): its distinct values,
        # found at C speed (every Lua value hashes; equal strings count once)
        live = set(live)
    for v in live:
        push(v)
    for uv in th.openupval.values():
        push(uv.stack[uv.idx])
    if th.pygen is not None and th.pygen.gi_frame is not None:
        # a body compiled as a generator (pylua.fastfunc): its registers
        for v in list(th.pygen.gi_frame.f_locals.values()):
            if v is not None and v.__class__ not in (float, bool, bytes, str, int):
                push(v)
    if th.fn is not None:
        push(th.fn)
    if th.transfer is not None:
        val = th.transfer[1]
        if isinstance(val, (list, tuple)):
            for v in val:
                push(v)


class Marked:
    """What a mark reached: ``obj in marked`` (objects, not ids).  Each
    collectable object keeps the number of the last mark that reached it
    (its ``gcmark`` slot), so marking needs no set as big as the heap."""

    __slots__ = ("epoch",)

    def __init__(self, epoch: int):
        self.epoch = epoch

    def __contains__(self, o) -> bool:
        return o.gcmark == self.epoch


_EPOCH = [0]


def mark(L):
    """What is reachable (a Marked), the weak tables met on the way as
    (table, weakkeys, weakvalues), how many bytes the reachable objects
    and strings take (values.py's sizes), and the work it took, in the
    steps of pylua/lib/work.py (about 0.1 us each)."""
    _EPOCH[0] += 1
    epoch = _EPOCH[0]
    weak = []
    work = []
    strings = set()
    live = [0]

    def push(v):
        c = v.__class__
        if c in _COLLECTABLE_SET:
            if v.gcmark != epoch:
                v.gcmark = epoch
                work.append(v)
        elif c is bytes and id(v) not in strings:
            strings.add(id(v))
            live[0] += STRING_BYTES + len(v)

    push(L.registry)
    push(L.globals)
    for mt in L.typemeta.values():
        push(mt)
    th = L.current
    while th is not None:  # the running coroutine and the ones that resumed it
        push(th)
        th = th.resumer
    push(L.main)
    size = 0
    sbytes = 0  # the strings met inline below
    nobj = 0
    narr = 0  # array slots (and stack slots) read
    nhash = 0  # hash entries read
    protos = set()
    decoding = getattr(L, "counts_decoding", True)
    while work:
        o = work.pop()
        nobj += 1
        c = o.__class__
        if c is LuaTable:
            arr = o.arr
            h = o.hash
            size += TABLE_BYTES + len(arr) * SLOT_BYTES + o.nodecap * NODE_BYTES
            narr += len(arr)
            nhash += len(h)
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
                # (push inlined: the loops most marking time goes to)
                if len(arr) > 1024 and arr[-1] is None:
                    arr = filter(None, arr)  # (a big part not full: C skips its nils)
                for v in arr:
                    vc = v.__class__
                    if vc in _COLLECTABLE_SET:
                        if v.gcmark != epoch:
                            v.gcmark = epoch
                            work.append(v)
                    elif vc is bytes:
                        i = id(v)
                        if i not in strings:
                            strings.add(i)
                            sbytes += STRING_BYTES + len(v)
            if not (wk or wv):
                for k, v in h.items():
                    if v is None:
                        continue
                    kc = k.__class__
                    if kc is bytes:
                        i = id(k)
                        if i not in strings:
                            strings.add(i)
                            sbytes += STRING_BYTES + len(k)
                    elif kc is not float:
                        push(k)
                    vc = v.__class__
                    if vc in _COLLECTABLE_SET:
                        if v.gcmark != epoch:
                            v.gcmark = epoch
                            work.append(v)
                    elif vc is bytes:
                        i = id(v)
                        if i not in strings:
                            strings.add(i)
                            sbytes += STRING_BYTES + len(v)
                continue
            for k, v in h.items():
                if v is None:
                    continue
                if not wk and k.__class__ is not float:
                    push(k)
                if not wv:
                    push(v)
        elif c is LuaFunction:
            size += CLOSURE_BYTES + UPVAL_BYTES * len(o.upvals)
            p = o.proto
            if id(p) not in protos:
                protos.add(id(p))
                size += proto_bytes(p)
                if decoding:  # and what the VM decoded of its code
                    size += VCODE_BYTES * p.vdecoded
            push(o.env)
            for uv in o.upvals:
                push(uv.stack[uv.idx])
        elif c is Builtin:
            size += CLOSURE_BYTES
            if o.upvals:
                for v in o.upvals:
                    push(v)
        elif c is Coroutine:
            size += COROUTINE_BYTES + len(o.stack) * SLOT_BYTES + len(o.cis) * CALLINFO_BYTES
            narr += len(o.stack) + 8 * len(o.cis)
            _thread_roots(o, push)
        elif c is Userdata:
            size += USERDATA_BYTES
            push(o.meta)
            push(o.env)
    # (measured: an object, a hash entry, a string ~0.4 us; an array slot ~0.05 us)
    steps = 4 * nobj + narr // 2 + 3 * nhash + 3 * len(strings)
    # and the code of a chunk being compiled in steps (runtime.load_steps):
    # its loadstring's frame holds it
    return Marked(epoch), weak, size + live[0] + sbytes + getattr(L, "compiling", 0), steps


def proto_bytes(p) -> int:
    """A function prototype's code, constants and debug information (what
    the VM decoded of its code: VCODE_BYTES per decoded word, in mark)."""
    return 120 + 8 * (len(p.code) + len(p.k) + len(p.lineinfo)) + 40 * len(p.locvars)


_COLLECTABLE_SET = frozenset(_COLLECTABLE)


def _cleared(v, marked) -> bool:
    return v.__class__ in _COLLECTABLE_SET and v.gcmark != marked.epoch


def collect(L) -> list:
    """Mark, resurrect unreachable userdata with __gc, clear weak entries.
    Returns the userdata whose __gc is due (lgc.c calls them after the cycle)."""
    marked, weak, live, steps = mark(L)
    due = []
    keep = []
    for u in L.udata_gc:
        if u in marked:
            keep.append(u)
        elif u.meta is not None and u.meta.hash.get(b"__gc") is not None:
            due.append(u)  # (without __gc now, it is just garbage)
    if due:
        # finalizable userdata and what they refer to stay alive for __gc
        extra = LuaTable()
        for i, u in enumerate(due):
            extra.seti(i + 1, u)
        L.registry.set(b"_PYLUA_TMU", extra)
        marked, weak, live, more = mark(L)
        steps += more
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
    L.gc_live = live
    L.gc_marked = steps
    # newest first, as lgc.c's tmudata list gives them to GCTM
    return [u for u in reversed(due) if u.meta is not None and u.meta.hash.get(b"__gc") is not None]


def measure(L) -> int:
    """The bytes reachable now (a mark that clears and finalizes nothing:
    safe in the middle of an instruction)."""
    return mark(L)[2]


__all__ = ["collect", "mark", "measure", "proto_bytes", "UpVal"]
