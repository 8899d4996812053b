"""String <-> number conversions as Lua 5.1 does them (lobject.c, lvm.c).

``tonumber`` and ``tostr`` are luaV_tonumber and luaV_tostring (what
lua_tonumber and lua_tolstring do without metamethods): the VM's coercions
and lauxlib's checks are the same functions.

``str2number`` is ``luaO_str2d``: C's ``strtod`` (which accepts leading
space, a sign, decimal and hexadecimal forms, ``inf``, ``nan``), falling back
to ``strtoul(s, 16)`` for hex, and allowing only trailing white space;
``str2number_base`` is ``tonumber(s, base)``'s strtoul.  C
sees a string up to its first NUL, so ``"1\\0"`` converts to 1.
"""

from __future__ import annotations

import re

from .numfmt import fmt_number

_SPACE = b" \t\n\v\f\r"
_HEX = b"0123456789abcdefABCDEF"
_DIG = b"0123456789"
ULONG_MAX = (1 << 64) - 1


def cstr(s: bytes) -> bytes:
    """What C sees of a Lua string passed as a char*: up to its first NUL."""
    z = s.find(b"\0")
    return s if z < 0 else s[:z]


def strtod(s: bytes, i: int) -> tuple[float, int]:
    """glibc strtod from s[i:]: (value, end index); end == i when nothing parsed."""
    n = len(s)
    start = i
    while i < n and s[i] in _SPACE:
        i += 1
    neg = False
    if i < n and s[i] in b"+-":
        neg = s[i] == 45
        i += 1
    low = s[i : i + 8].lower()
    if low.startswith(b"inf"):
        end = i + (8 if low.startswith(b"infinity") else 3)
        return (float("-inf") if neg else float("inf")), end
    if low.startswith(b"nan"):
        end = i + 3
        if end < n and s[end] == 40:  # nan(chars)
            j = end + 1
            while j < n and (chr(s[j]).isalnum() or s[j] == 95):
                j += 1
            if j < n and s[j] == 41:
                end = j + 1
        # glibc gives a NaN with the sign bit of the text
        v = float("nan")
        return (-v if neg else v), end
    if low[:2] == b"0x":
        j = i + 2
        k = j
        while k < n and s[k] in _HEX:
            k += 1
        intpart = s[j:k]
        frac = b""
        if k < n and s[k] == 46:
            m = k + 1
            while m < n and s[m] in _HEX:
                m += 1
            frac = s[k + 1 : m]
            if intpart or frac:
                k = m
        if not intpart and not frac:
            # "0x" with no digits: strtod reads the "0" only
            return (-0.0 if neg else 0.0), i + 1
        exp = 0
        if k < n and s[k] in b"pP":
            m = k + 1
            if m < n and s[m] in b"+-":
                m += 1
            e0 = m
            while m < n and s[m] in _DIG:
                m += 1
            if m > e0:
                exp = int(s[k + 1 : m])
                k = m
        mant = int((intpart + frac) or b"0", 16)
        try:
            v = float.fromhex("0x%xp%d" % (mant, exp - 4 * len(frac)))
        except OverflowError:
            v = float("inf")
        return (-v if neg else v), k
    # decimal
    j = i
    while j < n and s[j] in _DIG:
        j += 1
    k = j
    if k < n and s[k] == 46:
        k += 1
        while k < n and s[k] in _DIG:
            k += 1
    if k == i or (k == i + 1 and s[i] == 46):
        return 0.0, start  # no digits at all
    if k < n and s[k] in b"eE":
        m = k + 1
        if m < n and s[m] in b"+-":
            m += 1
        e0 = m
        while m < n and s[m] in _DIG:
            m += 1
        if m > e0:
            k = m
    v = float(s[i:k])
    return (-v if neg else v), k


def _digit(c: int) -> int:
    """The value of a digit character in bases up to 36; 99 for others."""
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 122:
        return c - 87
    if 65 <= c <= 90:
        return c - 55
    return 99


_DIGITS_RE: dict = {}


def _digits_re(base: int):
    """The digits of a base (2..36), as strtoul takes them, in either case."""
    rx = _DIGITS_RE.get(base)
    if rx is None:
        if base <= 10:
            cls = b"0-%d" % (base - 1)
        else:
            last = 96 + base - 10  # 'a' is 10
            cls = b"0-9a-%cA-%c" % (last, last - 32)
        rx = _DIGITS_RE[base] = re.compile(b"[" + cls + b"]*")
    return rx


def strtoul(s: bytes, base: int) -> tuple[int, int]:
    """C's strtoul (2 <= base <= 36): (value, end index); end 0 when no
    digit was read.  A '-' negates modulo 2^64; too big a value is ULONG_MAX."""
    n = len(s)
    i = 0
    while i < n and s[i] in _SPACE:
        i += 1
    neg = False
    if i < n and s[i] in b"+-":
        neg = s[i] == 45
        i += 1
    if base == 16 and s[i : i + 2].lower() == b"0x" and i + 2 < n and _digit(s[i + 2]) < 16:
        i += 2
    if n - i <= 32:
        j = i
        v = 0
        while j < n:
            d = _digit(s[j])
            if d >= base:
                break
            v = v * base + d
            j += 1
    else:  # a long one at C speed: linear in the digits, not quadratic
        j = _digits_re(base).match(s, i).end()
        digits = s[i:j].lstrip(b"0")
        # past 64 significant digits even base 2 is over ULONG_MAX
        if not digits:
            v = 0
        elif len(digits) <= 64:
            v = int(digits, base)
        else:
            v = ULONG_MAX + 1
    if j == i:
        return 0, 0
    if v > ULONG_MAX:
        v = ULONG_MAX
    elif neg:
        v = (-v) & ULONG_MAX
    return v, j


def _only_space_after(s: bytes, end: int) -> bool:
    n = len(s)
    while end < n and s[end] in _SPACE:
        end += 1
    return end == n


def str2number(s: bytes) -> float | None:
    """luaO_str2d: the number a Lua string converts to, or None."""
    s = cstr(s)
    v, end = strtod(s, 0)
    if end == 0:
        return None
    if end < len(s) and s[end] in b"xX":
        u, end = strtoul(s, 16)
        v = float(u)
    return v if _only_space_after(s, end) else None


def str2number_base(s: bytes, base: int) -> float | None:
    """tonumber(s, base) for a base other than 10 (lbaselib's strtoul, then
    nothing but white space), or None.  C sees s up to its first NUL."""
    s = cstr(s)
    u, end = strtoul(s, base)
    return float(u) if end and _only_space_after(s, end) else None


def tonumber(v) -> float | None:
    """luaV_tonumber: a number, or a string that converts; else None."""
    c = v.__class__
    if c is float:
        return v
    if c is bytes:
        return str2number(v)
    return None


def tostr(v) -> bytes | None:
    """luaV_tostring: strings, and numbers as %.14g; else None."""
    c = v.__class__
    if c is bytes:
        return v
    if c is float:
        return fmt_number(v)
    return None
