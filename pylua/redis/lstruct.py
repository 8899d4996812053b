"""The ``struct`` library Redis 7.0.15 ships (deps/lua/src/lua_struct.c,
Roberto's struct 0.2 with Redis's fixes: ``getnum`` refuses sizes that
overflow an int, ``unpack`` checks its offset and the data left without
overflowing).

Laid out for x86-64 Linux, where Redis runs: native little-endian, ``long``
and ``size_t`` of 8 bytes, ``int`` of 4, maximum alignment 8.  Integers
travel through C's 64-bit ``long``/``unsigned long``; the conversions of a
double that C leaves undefined are done as gcc's code does them on x86-64
(``cvttsd2si``: NaN and out of range give 0x8000000000000000).  The format
is a C string: it ends at its first NUL.
"""

from __future__ import annotations

import struct as _st

from ..conv import cstr, tonumber
from ..lib.aux import ArgError, check_number, check_string, opt_integer
from ..lib.work import BYTES_PER_STEP, paid
from ..values import BIG_ALLOC, STRING_BYTES

INT_MAX = 0x7FFFFFFF
MAXINTSIZE = 32
MAXALIGN = 8
LUAI_MAXCSTACK = 8000
BIG, LITTLE = 0, 1
NATIVE = LITTLE
M64 = (1 << 64) - 1
_TWO63 = 9223372036854775808.0

_SIZES = {
    ord("B"): 1, ord("b"): 1, ord("H"): 2, ord("h"): 2, ord("L"): 8, ord("l"): 8,
    ord("T"): 8, ord("f"): 4, ord("d"): 8, ord("x"): 1,
}  # fmt: skip
_INTS = frozenset(b"bBhHlLTiI")
_DIGITS = frozenset(b"0123456789")
_ALNUM = frozenset(b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def cvttsd2si(d: float) -> int:
    """(long)d on x86-64: truncation; NaN and out of range give INT64_MIN."""
    if d != d or d >= _TWO63 or d < -_TWO63:
        return -(1 << 63)
    return int(d)


def to_ulong(d: float) -> int:
    """(unsigned long)d as gcc compiles it on x86-64 (unsigned result)."""
    if d >= _TWO63:  # (false for NaN)
        return (cvttsd2si(d - _TWO63) ^ (1 << 63)) & M64
    return cvttsd2si(d) & M64


_DQ = _st.Struct("<Q")
_DD = _st.Struct("<d")
_FI = _st.Struct("<I")


def float32(d: float) -> bytes:
    """(float)d (cvtsd2ss), little-endian: rounded to nearest, too big
    becomes an infinity, a NaN keeps its sign and the top of its payload
    and comes out quiet (done by hand: Python's handling of NaNs in
    struct's 'f' is not the same in every version)."""
    if d != d:
        q = _DQ.unpack(_DD.pack(d))[0]
        return _FI.pack(((q >> 32) & 0x80000000) | 0x7FC00000 | ((q >> 29) & 0x3FFFFF))
    try:
        return _st.pack("<f", d)
    except OverflowError:
        return _st.pack("<f", float("inf") if d > 0 else float("-inf"))


def double_of_float32(b: bytes) -> float:
    """(double) of the float whose little-endian bytes are b (cvtss2sd: a
    NaN comes out quiet, with its payload)."""
    u = _FI.unpack(b)[0]
    if u & 0x7F800000 == 0x7F800000 and u & 0x7FFFFF:
        q = ((u & 0x80000000) << 32) | 0x7FF8000000000000 | ((u & 0x7FFFFF) << 29)
        return _DD.unpack(_DQ.pack(q))[0]
    return _st.unpack("<f", b)[0]


class _Fmt:
    """The format string and the reader's position (``const char **fmt``)."""

    __slots__ = ("s", "i")

    def __init__(self, s: bytes):
        self.s = s
        self.i = 0


def getnum(L, f: _Fmt, df: int) -> int:
    s = f.s
    if f.i >= len(s) or s[f.i] not in _DIGITS:
        return df
    a = 0
    while True:
        d = s[f.i] - 48
        if a > INT_MAX // 10 or a * 10 > INT_MAX - d:
            raise L.error(b"integral size overflow")
        a = a * 10 + d
        f.i += 1
        if f.i >= len(s) or s[f.i] not in _DIGITS:
            return a


def optsize(L, opt: int, f: _Fmt) -> int:
    sz = _SIZES.get(opt)
    if sz is not None:
        return sz
    if opt == 99:  # 'c'
        return getnum(L, f, 1)
    if opt == 105 or opt == 73:  # 'i', 'I'
        sz = getnum(L, f, 4)
        if sz > MAXINTSIZE:
            raise L.error(b"integral size %d is larger than limit of %d" % (sz, MAXINTSIZE))
        return sz
    return 0


def gettoalign(length: int, align: int, opt: int, size: int) -> int:
    if size == 0 or opt == 99:
        return 0
    if size > align:
        size = align
    return ((size - (length & (size - 1))) & (size - 1)) & M64


def controloptions(L, opt: int, f: _Fmt, h: list) -> None:
    """h: [endian, align]."""
    if opt == 32:  # ' '
        return
    if opt == 62:  # '>'
        h[0] = BIG
    elif opt == 60:  # '<'
        h[0] = LITTLE
    elif opt == 33:  # '!'
        a = getnum(L, f, MAXALIGN)
        if not (a > 0 and (a & (a - 1)) == 0):
            raise L.error(b"alignment %d is not a power of 2" % a)
        h[1] = a
    else:
        raise ArgError(1, b"invalid format option '" + bytes([opt]) + b"'")


def _stack(args: list, arg: int) -> list:
    """What luaL_check* sees at index arg: b_pack pushed a nil above its
    arguments (then its buffer's pieces, but past that nil no check goes),
    so the argument after the last one is nil, not none."""
    if arg <= len(args):
        return args
    return [*args, None]


def _putinteger(args: list, arg: int, endian: int, size: int) -> bytes:
    n = check_number(args, arg)
    value = (cvttsd2si(n) & M64) if n < 0 else to_ulong(n)
    if size <= 8:
        value &= (1 << (8 * size)) - 1
    return value.to_bytes(size, "little" if endian == LITTLE else "big")


def b_pack(L, args):
    fmt = _Fmt(cstr(check_string(args, 1)))
    s = fmt.s
    h = [NATIVE, 1]
    arg = 2
    out = bytearray()
    total = 0
    while fmt.i < len(s):
        opt = s[fmt.i]
        fmt.i += 1
        size = optsize(L, opt, fmt)
        toalign = gettoalign(total, h[1], opt, size)
        total += toalign
        if toalign:
            out += bytes(toalign)
        if opt in _INTS:
            out += _putinteger(_stack(args, arg), arg, h[0], size)
            arg += 1
        elif opt == 120:  # 'x'
            out.append(0)
        elif opt == 102:  # 'f'
            b = float32(check_number(_stack(args, arg), arg))
            arg += 1
            out += b if h[0] == LITTLE else b[::-1]
        elif opt == 100:  # 'd'
            b = _st.pack("<d", check_number(_stack(args, arg), arg))
            arg += 1
            out += b if h[0] == LITTLE else b[::-1]
        elif opt == 99 or opt == 115:  # 'c', 's'
            v = check_string(_stack(args, arg), arg)
            arg += 1
            if size == 0:
                size = len(v)
            if len(v) < size:
                raise ArgError(arg, "string too short")  # (arg already counted, as in C)
            if size > BIG_ALLOC:
                L.acct.alloc(size, len(out))
            out += v[:size] if size < len(v) else v
            if opt == 115:
                out.append(0)
                size += 1
        else:
            controloptions(L, opt, fmt, h)
        total += size
    n = len(out)
    if n > BIG_ALLOC:
        L.acct.alloc(STRING_BYTES + n, n)
    else:
        L.acct.total += STRING_BYTES + n
    return paid([bytes(out)], len(s) + n // BYTES_PER_STEP)


def _getinteger(data: bytes, pos: int, endian: int, signed: bool, size: int) -> float:
    chunk = data[pos : pos + size]
    if endian == BIG:
        v = int.from_bytes(chunk[-8:], "big") if size else 0
    else:
        v = int.from_bytes(chunk[:8], "little") if size else 0
    if not signed:
        return float(v)
    mask = (M64 << ((size * 8 - 1) & 63)) & M64  # (a shift by 64 or more: x86 takes it mod 64)
    if v & mask:
        v |= mask
    return float(v - (1 << 64) if v >> 63 else v)


def b_unpack(L, args):
    fmt = _Fmt(cstr(check_string(args, 1)))
    s = fmt.s
    data = check_string(args, 2)
    ld = len(data)
    pos = opt_integer(args, 3, 1) & M64
    if pos == 0:
        raise ArgError(3, "offset must be 1 or greater")
    pos -= 1
    h = [NATIVE, 1]
    res = []
    base = len(args)  # (the arguments stay on the stack below the results)
    while fmt.i < len(s):
        opt = s[fmt.i]
        fmt.i += 1
        size = optsize(L, opt, fmt)
        pos = (pos + gettoalign(pos, h[1], opt, size)) & M64
        if not (size <= ld and pos <= ld - size):
            raise ArgError(2, "data string too short")
        if base + len(res) + 2 > LUAI_MAXCSTACK:
            raise L.error(b"stack overflow (too many results)")
        if opt in _INTS:
            res.append(_getinteger(data, pos, h[0], opt >= 97, size))
        elif opt == 120:  # 'x'
            pass
        elif opt == 102:  # 'f'
            b = data[pos : pos + 4]
            res.append(double_of_float32(b if h[0] == LITTLE else b[::-1]))
        elif opt == 100:  # 'd'
            b = data[pos : pos + 8]
            res.append(_st.unpack("<d" if h[0] == LITTLE else ">d", b)[0])
        elif opt == 99:  # 'c'
            if size == 0:
                prev = tonumber(res[-1]) if res else None
                if prev is None:
                    raise L.error(b"format 'c0' needs a previous size")
                size = to_ulong(prev)
                res.pop()
                if not (size <= ld and pos <= ld - size):
                    raise ArgError(2, "data string too short")
            if size > BIG_ALLOC:
                L.acct.alloc(STRING_BYTES + size)
            else:
                L.acct.total += STRING_BYTES + size
            res.append(data[pos : pos + size])
        elif opt == 115:  # 's'
            e = data.find(b"\0", pos)
            if e < 0:
                raise L.error(b"unfinished string in data")
            size = e - pos + 1
            if size > BIG_ALLOC:
                L.acct.alloc(STRING_BYTES + size)
            else:
                L.acct.total += STRING_BYTES + size
            res.append(data[pos:e])
        else:
            controloptions(L, opt, fmt, h)
        pos = (pos + size) & M64
    nxt = (pos + 1) & M64
    res.append(float(nxt - (1 << 64) if nxt >> 63 else nxt))
    return paid(res, len(s) + len(res))


def b_size(L, args):
    fmt = _Fmt(cstr(check_string(args, 1)))
    s = fmt.s
    h = [NATIVE, 1]
    pos = 0
    while fmt.i < len(s):
        opt = s[fmt.i]
        fmt.i += 1
        size = optsize(L, opt, fmt)
        pos += gettoalign(pos, h[1], opt, size)
        if opt == 115:
            raise ArgError(1, "option 's' has no fixed size")
        if opt == 99 and size == 0:
            raise ArgError(1, "option 'c0' has no fixed size")
        if opt not in _ALNUM:
            controloptions(L, opt, fmt, h)
        pos += size
    pos &= M64
    return paid([float(pos - (1 << 64) if pos >> 63 else pos)], len(s))


FUNCS = [("pack", b_pack), ("unpack", b_unpack), ("size", b_size)]


def open(L):
    """luaopen_struct: luaL_register(L, "struct", ...)."""
    from ..lib.package import register

    return register(L, b"struct", FUNCS)
