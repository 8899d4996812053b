"""The coroutine library (the coroutine half of lbaselib.c, Lua 5.1.5).

A coroutine is a frame stack of its own (``pylua.values.Coroutine``);
``resume`` and ``yield`` are requests the VM performs by switching stacks.
"""

from __future__ import annotations

from ..errors import LuaError
from ..values import Builtin, Coroutine, LuaFunction, Resume, Yield
from .aux import ArgError, tostr


def _check_co(args):
    co = args[0] if args else None
    if co.__class__ is not Coroutine:
        raise ArgError(1, "coroutine expected")
    return co


def co_create(L, args):
    f = args[0] if args else None
    if f.__class__ is not LuaFunction:
        raise ArgError(1, "Lua function expected")
    return [L.new_coroutine(f)]


def co_resume(L, args):
    co = _check_co(args)
    ok, vals = yield Resume(co, args[1:])
    if ok:
        return [True, *vals]
    return [False, vals]


def _auxwrap(L, args, co):
    ok, vals = yield Resume(co, args)
    if ok:
        return vals
    s = tostr(vals)
    if s is not None:  # add the position of the wrap function's caller
        vals = L.where(1) + s
    raise LuaError(vals)


def co_wrap(L, args):
    (co,) = co_create(L, args)
    return [Builtin("wrap", lambda L, args: _auxwrap(L, args, co), [co])]


def co_yield(L, args):
    res = yield Yield(args)
    return res


def co_status(L, args):
    co = _check_co(args)
    if co is L.current:
        return [b"running"]
    return [co.status.encode()]


def co_running(L, args):
    co = L.current
    return [None if co is L.main else co]


FUNCS = [
    ("create", co_create),
    ("resume", co_resume),
    ("running", co_running),
    ("status", co_status),
    ("wrap", co_wrap),
    ("yield", co_yield),
]


def open(L):
    from .package import register

    return register(L, b"coroutine", FUNCS)
