"""The coroutine library (the coroutine half of lbaselib.c, Lua 5.1.5).

A coroutine is a frame stack of its own (``pylua.values.Coroutine``);
``resume``, ``wrap``'s function and ``yield`` return requests the VM
performs by switching stacks.
"""

from __future__ import annotations

from ..values import Builtin, Coroutine, LuaFunction, Resume, Yield
from .aux import ArgError


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
    if not args or args[0].__class__ is not Coroutine:
        raise ArgError(1, "coroutine expected")
    return Resume(args[0], args[1:])


def _wrapper(co):
    def wrap(L, args):
        # auxwrap: the VM adds the position of the caller to an error message
        return Resume(co, args, wrap=True)

    return wrap


# the code of every wrap function: compiled code knows one by it (its
# Builtin's upvals[0] is the coroutine) and resumes it itself
WRAP_CODE = _wrapper(None).__code__


def co_wrap(L, args):
    (co,) = co_create(L, args)
    return [Builtin("wrap", _wrapper(co), [co])]


def co_yield(L, args):
    return Yield(args)


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
