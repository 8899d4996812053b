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


def fmt_number(x: float) -> bytes:
    """``string.format("%.14g", x)`` as lua5.1 on x86-64 Linux prints it."""
    if -_INT_LIMIT < x < _INT_LIMIT:
        i = int(x)
        # -0.0 == 0 but prints as "-0"
        if i == x and (i != 0 or copysign(1.0, x) > 0):
            return b"%d" % i
        return b"%.14g" % x
    if x != x:
        return b"-nan" if copysign(1.0, x) < 0 else b"nan"
    return b"%.14g" % x  # large values and +-inf ("inf", "-inf" as in C)


def fmt_number_str(x: float) -> str:
    """The same text as ``str``, for listings."""
    return fmt_number(x).decode("ascii")
