"""Numbers as Lua 5.1 prints them: ``LUAI_NUMFFORMAT`` is ``"%.14g"``.

Shared by ``tostring``/``print``/``..`` in the VM and by the disassembler's
constant column, so it must agree with C's printf (glibc) for every double.
Python's ``%g`` is correctly rounded like glibc's; the differences are the
sign of NaN (glibc prints ``-nan`` when the sign bit is set, which is what
x86's default NaN from ``0/0`` has) and speed for the common integral case.
"""

from __future__ import annotations

from math import copysign

# %.14g switches to exponent notation from 1e14 on: below it an integral
# value prints as its digits.
_INT_LIMIT = 1e14

# Small integral values (loop counters, lengths, indices) are most of what a
# program prints: their text is kept once made (made as printed, not all at
# import: that cost every start 1-2 ms).  Zero stays out: -0.0 would find
# 0.0's entry.
_SMALL: dict = {}


def fmt_number(x: float) -> bytes:
    """``string.format("%.14g", x)`` as lua5.1 on x86-64 Linux prints it."""
    r = _SMALL.get(x)
    if r is not None:
        return r
    if -_INT_LIMIT < x < _INT_LIMIT:
        i = int(x)
        if i == x:
            if i:
                r = b"%d" % i
                if -256 <= i < 4096:
                    _SMALL[x] = r
                return r
            return b"-0" if copysign(1.0, x) < 0 else b"0"
        return b"%.14g" % x
    if x != x:
        return b"-nan" if copysign(1.0, x) < 0 else b"nan"
    return b"%.14g" % x  # large values and +-inf ("inf", "-inf" as in C)


def fmt_number_str(x: float) -> str:
    """The same text as ``str``, for listings."""
    return fmt_number(x).decode("ascii")
