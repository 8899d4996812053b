"""The ``bit`` library Redis 7.0.15 ships (deps/lua/src/lua_bit.c: LuaBitOp 1.0.2).

Every argument goes through ``barg``: ``lua_tonumber`` (a string that reads
as a number is one; anything else is 0, an error only when the bits come
out 0), then the 2^52+2^51 trick: adding 6755399441055744.0 in double
arithmetic rounds the number to an integer (ties to even) and leaves it,
modulo 2^32, in the low word of the double.  Numbers out of range wrap
there as the C code makes them wrap; NaN and the infinities give 0.
Results are signed 32-bit integers (``(lua_Number)(SBits)b``).
"""

from __future__ import annotations

import struct

from ..conv import tonumber
from ..lib.aux import type_error

_MAGIC = 6755399441055744.0  # 2^52 + 2^51
_D = struct.Struct("<d")
_Q = struct.Struct("<Q")


def _bits(n: float) -> int:
    """The low 32 bits of n + 2^52+2^51 (a double), unsigned."""
    if -2147483648.0 <= n <= 4294967295.0 and n == int(n):
        return int(n) & 0xFFFFFFFF  # (an integer in range: exactly its bits)
    return _Q.unpack(_D.pack(n + _MAGIC))[0] & 0xFFFFFFFF


def barg(args: list, i: int) -> int:
    """Argument i (1-based) as an unsigned 32-bit integer."""
    v = args[i - 1] if i <= len(args) else None
    if v.__class__ is float:
        return _bits(v)
    n = tonumber(v) if v is not None else None
    b = _bits(n if n is not None else 0.0)
    if b == 0 and n is None:
        raise type_error(args, i, "number")  # luaL_typerror
    return b


def _ret(b: int) -> list:
    b &= 0xFFFFFFFF
    return [float(b - 0x100000000 if b & 0x80000000 else b)]


def bit_tobit(L, args):
    return _ret(barg(args, 1))


def bit_bnot(L, args):
    return _ret(~barg(args, 1))


def _fold(op):
    def fn(L, args):
        b = barg(args, 1)
        for i in range(len(args), 1, -1):  # (the last argument first, as the C loop goes)
            b = op(b, barg(args, i))
        return _ret(b)

    return fn


bit_band = _fold(lambda a, b: a & b)
bit_bor = _fold(lambda a, b: a | b)
bit_bxor = _fold(lambda a, b: a ^ b)


def _shift(op):
    def fn(L, args):
        b = barg(args, 1)
        n = barg(args, 2) & 31
        return _ret(op(b, n))

    return fn


def _sar(b: int, n: int) -> int:
    return (b - 0x100000000 if b & 0x80000000 else b) >> n


bit_lshift = _shift(lambda b, n: b << n)
bit_rshift = _shift(lambda b, n: b >> n)
bit_arshift = _shift(_sar)
bit_rol = _shift(lambda b, n: (b << n) | (b >> (32 - n)))
bit_ror = _shift(lambda b, n: (b << (32 - n)) | (b >> n))


def bit_bswap(L, args):
    b = barg(args, 1)
    return _ret((b >> 24) | ((b >> 8) & 0xFF00) | ((b & 0xFF00) << 8) | (b << 24))


def bit_tohex(L, args):
    b = barg(args, 1)
    if len(args) < 2:  # lua_isnone
        n = 8
    else:
        n = barg(args, 2)
        n = n - 0x100000000 if n & 0x80000000 else n
    digits = b"0123456789abcdef"
    if n < 0:
        # (-INT_MIN overflows in C and the loop then writes out of bounds;
        # we give 8 upper-case digits there)
        n = min(-n, 8)
        digits = b"0123456789ABCDEF"
    if n > 8:
        n = 8
    out = bytearray(n)
    for i in range(n - 1, -1, -1):
        out[i] = digits[b & 15]
        b >>= 4
    return [bytes(out)]


FUNCS = [
    ("tobit", bit_tobit),
    ("bnot", bit_bnot),
    ("band", bit_band),
    ("bor", bit_bor),
    ("bxor", bit_bxor),
    ("lshift", bit_lshift),
    ("rshift", bit_rshift),
    ("arshift", bit_arshift),
    ("rol", bit_rol),
    ("ror", bit_ror),
    ("bswap", bit_bswap),
    ("tohex", bit_tohex),
]


def open(L):
    """luaopen_bit: luaL_register(L, "bit", ...): package.loaded.bit and the global."""
    from ..lib.package import register

    return register(L, b"bit", FUNCS)
