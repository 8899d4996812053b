"""Lua 5.1's arithmetic on numbers as C computes it (luai_num* of
luaconf.h on x86-64 with glibc): the VM's slow paths, the fast loops and
the library share these."""

from __future__ import annotations

import math

from .opcodes import OP_ADD, OP_DIV, OP_MOD, OP_MUL, OP_POW, OP_SUB, OP_UNM

INF = float("inf")
NAN = float("nan")
DEFAULT_NAN = -abs(NAN)  # what 0/0 gives on x86 (prints as -nan)

_floor = math.floor
_mpow = math.pow
_m = math

def num_div(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        if a != a or a == 0.0:
            return DEFAULT_NAN if a == a else a
        return math.copysign(INF, a) * math.copysign(1.0, b)


def num_mod(a: float, b: float) -> float:
    """luai_nummod: a - floor(a/b)*b, with C's inf and nan."""
    try:
        # + 0.0: C's floor keeps the sign of -0.0 (-0 % 2 is 0), Python's int floor loses it
        return a - _floor(a / b) * b + 0.0
    except (ZeroDivisionError, OverflowError, ValueError):
        q = num_div(a, b)
        if q != q or q in (INF, -INF):
            f = q
        else:
            f = float(_floor(q))
        return a - f * b + 0.0


def num_pow(a: float, b: float) -> float:
    if a == a:
        try:
            return _mpow(a, b)
        except (ValueError, OverflowError):
            pass
    return c_pow(a, b)


ARITH = {  # the operation of each arithmetic opcode
    OP_ADD: lambda a, b: a + b,
    OP_SUB: lambda a, b: a - b,
    OP_MUL: lambda a, b: a * b,
    OP_DIV: num_div,
    OP_MOD: num_mod,
    OP_POW: num_pow,
    OP_UNM: lambda a, b: -a,
}
EVENT = {  # its metamethod
    OP_ADD: b"__add",
    OP_SUB: b"__sub",
    OP_MUL: b"__mul",
    OP_DIV: b"__div",
    OP_MOD: b"__mod",
    OP_POW: b"__pow",
    OP_UNM: b"__unm",
}


def _is_odd_integer(y: float) -> bool:
    return y == y and y not in (INF, -INF) and y == _m.floor(y) and _m.fmod(y, 2.0) != 0.0


def c_pow(x: float, y: float) -> float:
    if y == 0.0 or x == 1.0:
        return 1.0
    if y != y:
        return y if x == x else x
    if x != x:
        # glibc squares a NaN x, and negates it for an odd integer y
        if _m.copysign(1.0, x) < 0 and _is_odd_integer(y):
            return -x
        return x
    try:
        return _m.pow(x, y)
    except ValueError:
        if x == 0.0:  # pow(±0, negative): a pole
            if _is_odd_integer(y):
                return _m.copysign(INF, x)
            return INF
        return DEFAULT_NAN  # negative base, non-integer exponent
    except OverflowError:
        if x < 0 and _is_odd_integer(y):
            return -INF
        return INF
