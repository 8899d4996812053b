"""The ``cmsgpack`` library Redis 7.0.15 ships (deps/lua/src/lua_cmsgpack.c,
lua-cmsgpack 0.4.0), as it behaves built for x86-64 Linux with Lua 5.1.

Packing: a number whose ``(int64_t)`` cast gives it back is an integer (the
smallest of positive/negative fixnum, uint/int 8, 16, 32, 64); any other
number is a float 32 when ``(float)`` keeps it, else a float 64.  Strings
are fixstr, str8, str16 or str32 (the header 0xd9/0xda/0xdb); a table whose
keys are exactly the integers 1..N is an array (an empty one too), any other
a map, its pairs in ``next`` order; past 16 levels of tables a table packs
as nil (so cycles end), and so do functions, userdata and threads.
Unpacking knows what 0.4.0 knows: no bin, ext or fixext (those are "Bad data
format in input."); uint 64 wraps to a negative lua_Integer as in C.

Lua's C stack of LUAI_MAXCSTACK slots bounds the results (and the depth of
the data): the ``luaL_checkstack`` calls of the C code are made at the same
points with the same messages.

Builtins never call back into the VM: no metamethod is ever needed (an
array is read at keys it is known to have).  Long work pays the budget and
can stop between two values (a generator that keeps its place); what is
built is counted against the memory limit as it grows.
"""

from __future__ import annotations

import struct as _st

from ..lib.aux import ArgError, check_integer, check_string, opt_integer, wrap_int
from ..lib.work import BYTES_PER_STEP, SUSPENDED, fuel, settle
from ..values import BIG_ALLOC, NODE_BYTES, STRING_BYTES, TABLE_BYTES, LuaTable
from .lstruct import double_of_float32, float32

NAME = b"cmsgpack"
VERSION = b"lua-cmsgpack 0.4.0"
COPYRIGHT = b"Copyright (C) 2012, Salvatore Sanfilippo"
DESCRIPTION = b"MessagePack C implementation for Lua"

MAX_NESTING = 16  # LUACMSGPACK_MAX_NESTING
LUAI_MAXCSTACK = 8000
INT_MAX = 0x7FFFFFFF
_TWO63 = 9223372036854775808.0
_INF = float("inf")

_D = _st.Struct(">d")
_H = _st.Struct(">H")
_I = _st.Struct(">I")
_h = _st.Struct(">h")
_i = _st.Struct(">i")
_Q = _st.Struct(">Q")
_q = _st.Struct(">q")


# -- encoding ------------------------------------------------------------------


def _int64(d: float) -> int | None:
    """(int64_t)d when IS_INT64_EQUIVALENT(d) (cvttsd2si gives d back), else None."""
    if d != d or d >= _TWO63 or d < -_TWO63:
        return None  # (NaN, the infinities, out of range: INT64_MIN, which is not d)
    i = int(d)
    return i if i == d else None


def encode_int(buf: bytearray, n: int) -> None:
    if n >= 0:
        if n <= 127:
            buf.append(n)
        elif n <= 0xFF:
            buf += b"\xcc" + bytes((n,))
        elif n <= 0xFFFF:
            buf += b"\xcd" + _H.pack(n)
        elif n <= 0xFFFFFFFF:
            buf += b"\xce" + _I.pack(n)
        else:
            buf += b"\xcf" + _Q.pack(n)
    elif n >= -32:
        buf.append(n & 0xFF)
    elif n >= -128:
        buf += b"\xd0" + bytes((n & 0xFF,))
    elif n >= -32768:
        buf += b"\xd1" + _h.pack(n)
    elif n >= -2147483648:
        buf += b"\xd2" + _i.pack(n)
    else:
        buf += b"\xd3" + _q.pack(n)


def encode_number(buf: bytearray, d: float) -> None:
    i = _int64(d)
    if i is not None:
        encode_int(buf, i)
        return
    f = float32(d)  # (NaN: never equal; too big: an infinity, never d)
    if double_of_float32(f) == d:
        buf += b"\xca" + f[::-1]
    else:
        buf += b"\xcb" + _D.pack(d)


def encode_bytes(buf: bytearray, s: bytes) -> None:
    n = len(s)
    if n < 32:
        buf.append(0xA0 | n)
    elif n <= 0xFF:
        buf += b"\xd9" + bytes((n,))
    elif n <= 0xFFFF:
        buf += b"\xda" + _H.pack(n)
    else:
        buf += b"\xdb" + _I.pack(n & 0xFFFFFFFF)
    buf += s


def _header(buf: bytearray, n: int, fix: int, b16: bytes, b32: bytes) -> None:
    if n <= 15:
        buf.append(fix | n)
    elif n <= 65535:
        buf += b16 + _H.pack(n)
    else:
        buf += b32 + _I.pack(n & 0xFFFFFFFF)


class _Packer:
    """mp_pack's buffer and its walk over the values (a generator: it
    yields when the fuel in box[0] is spent, and goes on when resumed)."""

    __slots__ = ("L", "box", "buf", "counted")

    def __init__(self, L, box: list):
        self.L = L
        self.box = box
        self.buf = bytearray()
        self.counted = 0  # bytes of buf counted against the memory limit

    def _grow(self) -> None:
        n = len(self.buf)
        if n - self.counted > BIG_ALLOC:
            self.L.acct.alloc(n - self.counted, self.counted)
            self.counted = n

    def scalar(self, v) -> bool:
        """Encode v unless it is a table to walk (then False)."""
        c = v.__class__
        buf = self.buf
        if c is bytes:
            if len(v) > BIG_ALLOC:
                self.L.acct.alloc(len(v), len(buf))
                self.box[0] -= len(v) // BYTES_PER_STEP
            encode_bytes(buf, v)
        elif c is float:
            encode_number(buf, v)
        elif c is bool:
            buf.append(0xC3 if v else 0xC2)
        elif c is LuaTable:
            return False
        else:
            buf.append(0xC0)
        return True

    def value(self, v, level: int, top: int):
        """mp_encode_lua_type of v, which sits at stack height top."""
        if self.scalar(v):
            return
        if level == MAX_NESTING:
            self.buf.append(0xC0)
            return
        yield from self.table(v, level, top)

    def table(self, t: LuaTable, level: int, top: int):
        L = self.L
        box = self.box
        buf = self.buf
        # table_is_an_array
        if top + 2 > LUAI_MAXCSTACK:
            raise L.error(b"stack overflow (in function table_is_an_array)")
        count = 0
        mx = 0
        array = True
        k = None
        while (kv := t.next(k)) is not None:
            k = kv[0]
            box[0] -= 1
            if box[0] <= 0:
                yield
            if k.__class__ is not float or not (0 < k < 2147483648.0) or k != int(k):
                array = False  # (not a number, <= 0, or not an int: C's (int) cast)
                break
            if k > mx:
                mx = int(k)
            count += 1
        if array and mx == count:
            n = t.length()  # lua_objlen: count, as the keys are 1..count
            if top + 1 > LUAI_MAXCSTACK:
                raise L.error(b"stack overflow (in function mp_encode_lua_table_as_array)")
            _header(buf, n, 0x90, b"\xdc", b"\xdd")
            for j in range(1, n + 1):
                box[0] -= 1
                if box[0] <= 0:
                    self._grow()
                    yield
                v = t.geti(j)
                if not self.scalar(v):
                    if level + 1 == MAX_NESTING:
                        buf.append(0xC0)
                    else:
                        yield from self.table(v, level + 1, top + 1)
            return
        if top + 3 > LUAI_MAXCSTACK:
            raise L.error(b"stack overflow (in function mp_encode_lua_table_as_map)")
        n = 0
        k = None
        while (kv := t.next(k)) is not None:
            k = kv[0]
            n += 1
            box[0] -= 1
            if box[0] <= 0:
                yield
        _header(buf, n, 0x80, b"\xde", b"\xdf")
        k = None
        while (kv := t.next(k)) is not None:
            k, v = kv
            box[0] -= 2
            if box[0] <= 0:
                self._grow()
                yield
            if not self.scalar(k):
                if level + 1 == MAX_NESTING:
                    buf.append(0xC0)
                else:
                    yield from self.table(k, level + 1, top + 3)
            if not self.scalar(v):
                if level + 1 == MAX_NESTING:
                    buf.append(0xC0)
                else:
                    yield from self.table(v, level + 1, top + 2)

    def run(self, args: list):
        nargs = len(args)
        box = self.box
        for i, v in enumerate(args):
            box[0] -= 1
            if box[0] <= 0:
                self._grow()
                yield
            # the value is pushed above the arguments and the strings made so far
            yield from self.value(v, 0, nargs + i + 1)
        buf = self.buf
        n = len(buf)
        L = self.L
        if n > BIG_ALLOC:
            L.acct.alloc(STRING_BYTES + n, n)
            box[0] -= n // BYTES_PER_STEP
        else:
            L.acct.total += STRING_BYTES + n
        return [bytes(buf)]


def _drive(gen, box: list):
    """Run the generator gen against the fuel in box: its results now, or
    (work.settle) a generator that pays slice after slice until it ends."""

    def go(box):
        try:
            next(gen)
        except StopIteration as e:
            return e.value
        return SUSPENDED

    r = go(box)
    return settle(go if r is SUSPENDED else r, box)


def mp_pack(L, args):
    nargs = len(args)
    if nargs == 0:
        raise ArgError(0, "MessagePack pack needs input.")
    if nargs + nargs > LUAI_MAXCSTACK:  # lua_checkstack(L, nargs)
        raise ArgError(0, "Too many arguments for MessagePack pack.")
    box = fuel()
    return _drive(_Packer(L, box).run(args), box)


# -- decoding ------------------------------------------------------------------

_EOF = 1
_BADFMT = 2
_TOO_MANY = (
    b"stack overflow (too many return values at once; use unpack_one or unpack_limit instead.)"
)


class _DecodeError(Exception):
    pass


def _decode(L, s: bytes, pos: int, limit: int, base: int, box: list):
    """mp_unpack_full's loop from pos: a generator (yields when the fuel is
    spent) returning (values, pos after them).  base: the stack height
    below the first result.  The data is walked without recursion: frames
    hold the tables being filled (arrays: [0, table, left, next index,
    height]; maps: [1, table, left, key, height, has key])."""
    n = len(s)
    acct = L.acct
    out = []
    made = 0  # bytes of what is built and not yet reachable from Lua
    frames = []
    cnt = 0
    while pos < n and cnt < limit:
        slot = base + cnt  # stack height below the value decoded next
        while True:
            # -- mp_decode_to_lua_type at height slot
            if pos >= n:
                return _EOF
            if slot + 1 > LUAI_MAXCSTACK:
                raise L.error(_TOO_MANY)
            box[0] -= 1
            if box[0] <= 0:
                if acct.total >= acct.threshold:
                    acct.alloc(0, made)
                yield
            b = s[pos]
            left = n - pos
            v = None
            tlen = -1  # >= 0: a table header (array or map) of tlen items
            if b <= 0x7F:
                v = float(b)
                pos += 1
            elif b >= 0xE0:
                v = float(b - 256)
                pos += 1
            elif 0xA0 <= b <= 0xBF or 0xD9 <= b <= 0xDB:
                if b <= 0xBF:
                    hl, ln = 1, b & 0x1F
                elif b == 0xD9:
                    if left < 2:
                        return _EOF
                    hl, ln = 2, s[pos + 1]
                elif b == 0xDA:
                    if left < 3:
                        return _EOF
                    hl, ln = 3, _H.unpack_from(s, pos + 1)[0]
                else:
                    if left < 5:
                        return _EOF
                    hl, ln = 5, _I.unpack_from(s, pos + 1)[0]
                if left < hl + ln:
                    return _EOF
                if ln > BIG_ALLOC:
                    acct.alloc(STRING_BYTES + ln, made)
                    box[0] -= ln // BYTES_PER_STEP
                else:
                    acct.total += STRING_BYTES + ln
                made += STRING_BYTES + ln
                v = s[pos + hl : pos + hl + ln]
                pos += hl + ln
            elif b <= 0x8F:
                tlen = b & 0x0F
                array = False
                pos += 1
            elif b <= 0x9F:
                tlen = b & 0x0F
                array = True
                pos += 1
            elif b == 0xC0:
                pos += 1
            elif b == 0xC2 or b == 0xC3:
                v = b == 0xC3
                pos += 1
            else:
                need = _FIXED.get(b)
                if need is None:
                    return _BADFMT
                if left < need:
                    return _EOF
                if b >= 0xDC:
                    tlen = (_H if need == 3 else _I).unpack_from(s, pos + 1)[0]
                    array = b <= 0xDD
                else:
                    v = _SCALAR[b](s, pos + 1)
                pos += need
            if tlen >= 0:
                t = LuaTable()
                made += TABLE_BYTES
                if array:
                    if slot + 2 > LUAI_MAXCSTACK:
                        raise L.error(b"stack overflow (in function mp_decode_to_lua_array)")
                    if tlen:
                        frames.append([0, t, tlen, 1, slot])
                        slot += 2
                        continue
                elif tlen:
                    frames.append([1, t, tlen, None, slot, False])
                    slot += 1
                    continue
                v = t
            # -- v is complete: give it to the table being filled
            while frames:
                f = frames[-1]
                if f[0] == 0:
                    f[1].seti(f[3], v)
                    made += NODE_BYTES
                    f[3] += 1
                    f[2] -= 1
                    if f[2]:
                        slot = f[4] + 2
                        break
                elif not f[5]:
                    f[3] = v
                    f[5] = True
                    slot = f[4] + 2
                    break
                else:
                    # lua_settable: "table index is nil" / "is NaN" as it gives them
                    f[1].set(f[3], v)
                    made += NODE_BYTES
                    f[3] = None
                    f[5] = False
                    f[2] -= 1
                    if f[2]:
                        slot = f[4] + 1
                        break
                frames.pop()
                v = f[1]
            else:
                out.append(v)
                break
        cnt += 1
    return out, pos


def _u8(s, p):
    return float(s[p])


def _i8(s, p):
    b = s[p]
    return float(b - 256 if b & 0x80 else b)


def _u64(s, p):
    v = _Q.unpack_from(s, p)[0]  # (lua_pushinteger: a lua_Integer, wrapped)
    return float(v - (1 << 64) if v >> 63 else v)


_SCALAR = {
    0xCC: _u8,
    0xD0: _i8,
    0xCD: lambda s, p: float(_H.unpack_from(s, p)[0]),
    0xD1: lambda s, p: float(_h.unpack_from(s, p)[0]),
    0xCE: lambda s, p: float(_I.unpack_from(s, p)[0]),
    0xD2: lambda s, p: float(_i.unpack_from(s, p)[0]),
    0xCF: _u64,
    0xD3: lambda s, p: float(_q.unpack_from(s, p)[0]),
    0xCA: lambda s, p: double_of_float32(s[p : p + 4][::-1]),
    0xCB: lambda s, p: _D.unpack_from(s, p)[0],
}
# bytes a value of a fixed-size type needs, header included (tables: their header)
_FIXED = {
    0xCC: 2, 0xD0: 2, 0xCD: 3, 0xD1: 3, 0xCE: 5, 0xD2: 5, 0xCF: 9, 0xD3: 9,
    0xCA: 5, 0xCB: 9, 0xDC: 3, 0xDD: 5, 0xDE: 3, 0xDF: 5,
}  # fmt: skip


def _unpack_full(L, s: bytes, limit: int, offset: int, base: int):
    n = len(s)
    decode_all = not limit and not offset
    if offset < 0 or limit < 0:
        raise L.error(
            b"Invalid request to unpack with offset of %d and limit of %d."
            % (wrap_int(offset), wrap_int(n))  # (the length, as the C code says)
        )
    if offset > n:
        raise L.error(
            b"Start offset %d greater than input length %d." % (wrap_int(offset), wrap_int(n))
        )
    if decode_all:
        limit = INT_MAX
    box = fuel()
    gen = _decode(L, s, offset, limit, base, box)

    def go(box):
        try:
            next(gen)
        except StopIteration as e:
            r = e.value
        else:
            return SUSPENDED
        if r == _EOF:
            raise L.error(b"Missing bytes in input.")
        if r == _BADFMT:
            raise L.error(b"Bad data format in input.")
        vals, end = r
        if decode_all:
            return vals
        if base + len(vals) + 1 > LUAI_MAXCSTACK:
            raise L.error(b"stack overflow (in function mp_unpack_full)")
        return [-1.0 if end == n else float(end), *vals]

    r = go(box)
    return settle(go if r is SUSPENDED else r, box)


def mp_unpack(L, args):
    s = check_string(args, 1)
    return _unpack_full(L, s, 0, 0, len(args))


def mp_unpack_one(L, args):
    offset = opt_integer(args, 2, 0)
    s = check_string(args[:1], 1)
    return _unpack_full(L, s, 1, offset, 1)


def mp_unpack_limit(L, args):
    limit = check_integer(args, 2)
    offset = opt_integer(args, 3, 0)
    s = check_string(args[:1], 1)
    return _unpack_full(L, s, limit, offset, 1)


FUNCS = [
    ("pack", mp_pack),
    ("unpack", mp_unpack),
    ("unpack_one", mp_unpack_one),
    ("unpack_limit", mp_unpack_limit),
]


def open(L):
    """luaopen_cmsgpack: a new table (not in package.loaded) set as the global cmsgpack."""
    from ..values import Builtin

    t = LuaTable()
    for name, fn in FUNCS:
        t.set(name.encode(), Builtin(name, fn))
    t.set(b"_NAME", NAME)
    t.set(b"_VERSION", VERSION)
    t.set(b"_COPYRIGHT", COPYRIGHT)
    t.set(b"_DESCRIPTION", DESCRIPTION)
    L.globals.set(NAME, t)
    return t
