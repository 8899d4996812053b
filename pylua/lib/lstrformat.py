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

from math import copysign, isinf

from .aux import ArgError, check_number, check_string, to_int32, to_integer
from .lstrpattern import PatternError as FormatError

__all__ = ["str_format", "addquoted", "FormatError"]

FLAGS = b"-+ #0"
_DIGITS = b"0123456789"

_LIT = 0
_SPEC = 1
_ERR = 2


def _scan(fmt: bytes) -> list:
    """The items of a format string: (_LIT, bytes), (_SPEC, flags, width,
    precision, conversion, has_dot), (_ERR, message)."""
    F = fmt + b"\0"  # scanformat may read the C string's terminator
    n = len(fmt)
    items = []
    lit = bytearray()
    i = 0
    while i < n:
        c = F[i]
        if c != 37:
            lit.append(c)
            i += 1
            continue
        i += 1
        if F[i] == 37:
            lit.append(37)
            i += 1
            continue
        if lit:
            items.append((_LIT, bytes(lit)))
            lit = bytearray()
        # scanformat
        p = i
        while F[p] != 0 and F[p] in FLAGS:
            p += 1
        flags = F[i:p]
        if p - i >= len(FLAGS) + 1:  # sizeof(FLAGS) counts the NUL
            items.append((_ERR, b"invalid format (repeated flags)"))
            break
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
            break
        conv = F[p]
        i = p + 1
        if conv not in b"cdiouxXeEfgGqs" or conv == 0:
            # luaO_pushfstring's %c of a NUL adds nothing
            items.append(
                (_ERR, b"invalid option '%" + bytes([conv]).rstrip(b"\0") + b"' to 'format'")
            )
            break
        items.append((_SPEC, flags, width, prec, conv, prec is not None))
    if lit:
        items.append((_LIT, bytes(lit)))
    return items


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
    if x != x or isinf(x):
        if copysign(1.0, x) < 0:
            body = b"-"
        elif 43 in flags:
            body = b"+"
        elif 32 in flags:
            body = b" "
        else:
            body = b""
        body += (b"nan" if x != x else b"inf") if conv in b"efg" else (b"NAN" if x != x else b"INF")
        return _pad(body, width, 45 in flags)
    # Python's %-formatting of floats is C's (correctly rounded, like glibc)
    spec = b"%" + bytes(sorted(set(flags))) + (b"%d" % width if width else b"")
    if prec is not None:
        spec += b".%d" % prec
    return (spec + bytes([conv])) % x


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


def str_format(args: list) -> bytes:
    """string.format(...): raises ArgError for argument errors and
    FormatError for luaL_error messages (the builtin adds the position)."""
    fmt = check_string(args, 1)
    items = _cache.get(fmt)
    if items is None:
        if len(_cache) >= 256:
            _cache.clear()
        items = _cache[fmt] = _scan(fmt)
    top = len(args)
    arg = 1
    out = []
    for it in items:
        kind = it[0]
        if kind == _LIT:
            out.append(it[1])
            continue
        arg += 1
        if arg > top:
            raise ArgError(arg, "no value")
        if kind == _ERR:
            raise FormatError(it[1])
        _, flags, width, prec, conv, has_dot = it
        if conv == 100 or conv == 105:  # d i
            v = to_integer(check_number(args, arg))
            if not flags and not width and prec is None:
                out.append(b"%d" % v)
            else:
                out.append(fmt_integer(flags, width, prec, conv, v))
        elif conv == 115:  # s
            s = check_string(args, arg)
            if not has_dot and len(s) >= 100:
                out.append(s)  # too long to be formatted: added whole
                continue
            z = s.find(b"\0")
            if z >= 0:
                s = s[:z]
            if prec is not None:
                s = s[:prec]
            out.append(_pad(s, width, 45 in flags))
        elif conv in b"eEfgG":
            out.append(fmt_float(flags, width, prec, conv, check_number(args, arg)))
        elif conv == 113:  # q
            out.append(addquoted(check_string(args, arg)))
        elif conv == 99:  # c
            body = _pad(bytes([to_int32(check_number(args, arg)) & 0xFF]), width, 45 in flags)
            z = body.find(b"\0")
            out.append(body if z < 0 else body[:z])
        else:  # o u x X
            out.append(fmt_integer(flags, width, prec, conv, to_uint64(check_number(args, arg))))
    return b"".join(out)
