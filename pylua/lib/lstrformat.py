"""string.format of Lua 5.1 (str_format of lstrlib.c), with glibc's printf.

lstrlib.c hands each item to sprintf with the C conversion of the argument
and appends ``strlen(buff)`` bytes, so:

- ``%d``/``%i`` print ``(long)x`` and ``%o %u %x %X`` print
  ``(unsigned long)x``: x86-64 truncation, with its out-of-range results;
- ``%c`` prints ``(int)x`` as a byte, and a NUL ends the item (``%c`` of 0 is
  empty, ``%3c`` of 0 is two spaces);
- ``%s`` reads a C string (it stops at a NUL) unless there is no precision and
  the string has 100 bytes or more, which is appended whole, unpadded;
- inf and NaN print as glibc does (``inf``, ``-nan``, padded with spaces even
  with the ``0`` flag).

The format string is scanned once into a list of items and cached; errors
stay where str_format raises them (an item's "no value" check comes before
its spec is read).
"""

from __future__ import annotations

from math import copysign

from ..conv import cstr
from ..values import STRING_BYTES as _STRING_BYTES
from .aux import ArgError, check_number, check_string, to_int32, to_integer
from .aux import PatternError as FormatError

__all__ = ["str_format", "addquoted", "FormatError"]

FLAGS = b"-+ #0"
_DIGITS = b"0123456789"

_LIT = 0
_ERR = 1
_D = 2  # %d %i without precision or '#': Python's %d is C's
_INT = 3
_UINT = 4
_FLOAT = 5
_S = 6  # %s without width or precision
_SFMT = 7
_Q = 8
_C = 9


_SMALL = 4096  # a longer format is not cached, and its literal text not copied


def _scan(fmt: bytes, nconv: int = -1) -> list:
    """The items of a format string: (_LIT, text), (_ERR, message), or a
    conversion made by ``_spec``.  With nconv >= 0 the scan stops before
    conversion nconv + 1, which has no argument: (_ERR, b"") stands for it
    (str_format raises "no value" before it reads its spec), so a long
    format given few arguments costs what lua5.1 reads of it.  The text of
    a long format is kept as memoryviews of it."""
    n = len(fmt)
    src = fmt if n <= _SMALL else memoryview(fmt)
    items = []
    lit = []  # literal pieces since the last conversion
    i = 0
    while i < n:
        j = fmt.find(b"%", i)
        if j < 0:
            lit.append(src[i:])
            break
        if j > i:
            lit.append(src[i:j])
        if fmt[j + 1 : j + 2] == b"%":
            lit.append(b"%")
            i = j + 2
            continue
        if lit:
            _flush(items, lit, src is fmt)
            lit = []
        if nconv == 0:
            items.append((_ERR, b""))
            return items
        nconv -= 1
        # scanformat, in a window of the spec: a run of 6 flags or more is
        # an error however long it is, and the rest has fixed lengths
        F = fmt[j + 1 : j + 17] + b"\0"  # (it may read the C string's terminator)
        p = 0
        while F[p] != 0 and F[p] in FLAGS:
            p += 1
        flags = F[:p]
        if p >= len(FLAGS) + 1:  # sizeof(FLAGS) counts the NUL
            items.append((_ERR, b"invalid format (repeated flags)"))
            return items
        w0 = p
        if F[p] in _DIGITS:
            p += 1
        if F[p] in _DIGITS:
            p += 1
        width = int(F[w0:p]) if p > w0 else 0
        prec = None
        if F[p] == 46:  # '.'
            p += 1
            p0 = p
            if F[p] in _DIGITS:
                p += 1
            if F[p] in _DIGITS:
                p += 1
            prec = int(F[p0:p]) if p > p0 else 0
        if F[p] in _DIGITS:
            items.append((_ERR, b"invalid format (width or precision too long)"))
            return items
        conv = F[p]
        i = j + 1 + p + 1
        if conv not in b"cdiouxXeEfgGqs" or conv == 0:
            # luaO_pushfstring's %c of a NUL adds nothing
            items.append(
                (_ERR, b"invalid option '%" + bytes([conv]).rstrip(b"\0") + b"' to 'format'")
            )
            return items
        items.append(_spec(flags, width, prec, conv))
    if lit:
        _flush(items, lit, src is fmt)
    return items


def _flush(items: list, lit: list, small: bool) -> None:
    if not small:
        items.extend((_LIT, x) for x in lit)  # (no copy of a long format's text)
    elif len(lit) == 1:
        items.append((_LIT, lit[0]))
    else:
        items.append((_LIT, b"".join(lit)))


def _spec(flags: bytes, width: int, prec: int | None, conv: int) -> tuple:
    """A format item, with a ready Python %-format where Python's printf agrees with C's."""
    left = 45 in flags
    if conv == 100 or conv == 105:  # d i
        if prec is None and 35 not in flags:
            return (_D, _pyspec(flags, width, None, 100))
        return (_INT, flags, width, prec, conv)
    if conv in b"ouxX":
        return (_UINT, flags, width, prec, conv)
    if conv in b"eEfgG":
        return (_FLOAT, _pyspec(flags, width, prec, conv), flags, width, conv)
    if conv == 115:  # s
        if not width and prec is None:
            return (_S,)
        return (_SFMT, width, prec, left)
    if conv == 113:
        return (_Q,)
    return (_C, width, left)


def _pyspec(flags: bytes, width: int, prec: int | None, conv: int) -> bytes:
    spec = b"%" + bytes(sorted(set(flags))) + (b"%d" % width if width else b"")
    if prec is not None:
        spec += b".%d" % prec
    return spec + bytes([conv])


_cache: dict = {}


def _pad(body: bytes, width: int, left: bool) -> bytes:
    if len(body) >= width:
        return body
    if left:
        return body + b" " * (width - len(body))
    return b" " * (width - len(body)) + body


_UINT64 = (1 << 64) - 1
_TWO63 = 9223372036854775808.0


def to_uint64(d: float) -> int:
    """(unsigned long)d as gcc compiles it on x86-64: below 2^63 (and NaN) a
    signed conversion, else a conversion of d - 2^63 with the top bit flipped;
    out-of-range conversions give 0x8000000000000000."""
    if d != d or d < _TWO63:
        return to_integer(d) & _UINT64
    return (to_integer(d - _TWO63) ^ (1 << 63)) & _UINT64


def fmt_integer(flags: bytes, width: int, prec: int | None, conv: int, v: int) -> bytes:
    """printf's %d %i %o %u %x %X of a (signed or unsigned 64-bit) integer."""
    sign = b""
    if conv == 100 or conv == 105:  # d, i
        if v < 0:
            sign = b"-"
            v = -v
        elif 43 in flags:  # '+'
            sign = b"+"
        elif 32 in flags:  # ' '
            sign = b" "
        digits = b"%d" % v
    elif conv == 117:
        digits = b"%d" % v
    elif conv == 111:
        digits = b"%o" % v
    elif conv == 120:
        digits = b"%x" % v
    else:
        digits = b"%X" % v
    if prec is not None:
        if prec == 0 and v == 0:
            digits = b""
        elif len(digits) < prec:
            digits = b"0" * (prec - len(digits)) + digits
    prefix = b""
    if 35 in flags:  # '#'
        if conv == 111:
            if not digits.startswith(b"0"):
                digits = b"0" + digits
        elif (conv == 120 or conv == 88) and v != 0:
            prefix = b"0x" if conv == 120 else b"0X"
    body = sign + prefix + digits
    if len(body) < width:
        if 45 in flags:  # '-'
            body += b" " * (width - len(body))
        elif 48 in flags and prec is None:  # '0', ignored with a precision
            body = sign + prefix + b"0" * (width - len(body)) + digits
        else:
            body = b" " * (width - len(body)) + body
    return body


def fmt_float(flags: bytes, width: int, prec: int | None, conv: int, x: float) -> bytes:
    """printf's %e %E %f %g %G of a double."""
    if x - x == 0.0:  # finite
        return _float_finite(_pyspec(flags, width, prec, conv), x)
    return _float_special(flags, width, conv, x)


def _float_finite(pyspec: bytes, x: float) -> bytes:
    # Python's %-formatting of finite floats is C's (correctly rounded, like glibc)
    return pyspec % x


def _float_special(flags: bytes, width: int, conv: int, x: float) -> bytes:
    """inf and NaN as glibc prints them: a sign, no zero padding."""
    if copysign(1.0, x) < 0:
        body = b"-"
    elif 43 in flags:
        body = b"+"
    elif 32 in flags:
        body = b" "
    else:
        body = b""
    if conv in b"efg":
        body += b"nan" if x != x else b"inf"
    else:
        body += b"NAN" if x != x else b"INF"
    return _pad(body, width, 45 in flags)


def addquoted(s: bytes) -> bytes:
    """%q: only '"', '\\\\', newline, '\\r' and NUL are escaped in 5.1."""
    if not any(c in s for c in b'"\\\n\r\0'):
        return b'"' + s + b'"'
    return (
        b'"'
        + s.replace(b"\\", b"\\\\")
        .replace(b'"', b'\\"')
        .replace(b"\n", b"\\\n")
        .replace(b"\r", b"\\r")
        .replace(b"\0", b"\\000")
        + b'"'
    )


def str_format(args: list, acct=None) -> bytes:
    """string.format(...): raises ArgError for argument errors and
    FormatError for luaL_error messages (the builtin adds the position).
    With ``acct`` (a values.Acct) the result is counted, and a big one
    checked against the memory limit before it is made."""
    fmt = args[0] if args and args[0].__class__ is bytes else check_string(args, 1)
    items = _cache.get(fmt)
    if items is None:
        if len(fmt) > _SMALL:
            items = _scan(fmt, len(args) - 1)
        else:
            if len(_cache) >= 256:
                _cache.clear()
            items = _cache[fmt] = _scan(fmt)
    top = len(args)
    arg = 1
    out = []
    big = 0  # the bytes of the pieces that may be long (strings)
    held = 0  # the bytes of those made here (%q)
    for it in items:
        kind = it[0]
        if kind == _LIT:
            out.append(it[1])
            continue
        if arg >= top:
            raise ArgError(arg + 1, "no value")
        v = args[arg]
        arg += 1
        if kind == _D:
            if v.__class__ is not float:
                v = check_number(args, arg)
            # (long)x; small integral doubles are the common case
            out.append(it[1] % (int(v) if -1e18 < v < 1e18 else to_integer(v)))
        elif kind == _S:
            if v.__class__ is not bytes:
                v = check_string(args, arg)
            if len(v) < 100 and b"\0" in v:
                v = v[: v.index(b"\0")]  # sprintf reads a C string
            big += len(v)
            out.append(v)
        elif kind == _FLOAT:
            if v.__class__ is not float:
                v = check_number(args, arg)
            if v - v == 0.0:
                out.append(it[1] % v)
            else:
                out.append(_float_special(it[2], it[3], it[4], v))
        elif kind == _SFMT:
            if v.__class__ is not bytes:
                v = check_string(args, arg)
            _, width, prec, left = it
            if prec is None and len(v) >= 100:
                big += len(v)
                out.append(v)  # too long to be formatted: added whole
                continue
            v = cstr(v)
            if prec is not None:
                v = v[:prec]
            out.append(_pad(v, width, left))
        elif kind == _INT:
            out.append(fmt_integer(it[1], it[2], it[3], it[4], to_integer(check_number(args, arg))))
        elif kind == _UINT:
            out.append(fmt_integer(it[1], it[2], it[3], it[4], to_uint64(check_number(args, arg))))
        elif kind == _Q:
            v = check_string(args, arg)
            if acct is not None and len(v) > _SMALL:
                # its size first (the escapes' count), twice: a copy is
                # made for each kind of escape
                acct.alloc(2 * quoted_size(v), held)
            v = addquoted(v)
            big += len(v)
            held += len(v)
            out.append(v)
        elif kind == _C:
            out.append(cstr(_pad(bytes([to_int32(check_number(args, arg)) & 0xFF]), it[1], it[2])))
        else:  # _ERR
            raise FormatError(it[1])
    if acct is None:
        return b"".join(out)
    if big > _SMALL or len(fmt) > _SMALL:
        acct.alloc(_STRING_BYTES + sum(map(len, out)), held)  # (before: the limit may refuse it)
        return b"".join(out)
    r = b"".join(out)  # (short pieces: a short result, counted after)
    acct.total += _STRING_BYTES + len(r)
    if acct.total >= acct.threshold:
        acct.alloc(0)
    return r


def quoted_size(s: bytes) -> int:
    """len(addquoted(s)), without making it."""
    return (
        len(s)
        + 2
        + s.count(b"\\")
        + s.count(b'"')
        + s.count(b"\n")
        + s.count(b"\r")
        + 3 * s.count(b"\0")
    )
