"""lauxlib for pylua's builtins: argument checks and conversions.

A builtin is ``fn(L, args) -> list`` (or a generator, see docs/internals.md).
``args`` is the list of actual arguments; a missing argument is *none*
(index past the end), which Lua tells apart from an explicit nil.

Argument errors are raised as ``ArgError(narg, msg)``; the VM turns them into
``bad argument #narg to 'name' (msg)`` with the caller's position, naming the
function the way luaL_argerror does (from the calling instruction, ``?`` if
the caller is not Lua code, ``calling 'm' on bad self`` for methods).
"""

from __future__ import annotations

import os

from ..conv import tonumber, tostr  # noqa: F401 - lauxlib's conversions, for the libraries
from ..errors import ArgError, LuaError
from ..values import lua_typename as typename  # lua_typename(lua_type(v))

INT64_MIN = -(1 << 63)


class PatternError(Exception):
    """A luaL_error raised by the matcher (lstrpattern) or the formatter
    (lstrformat), whose builtin adds the position.  Here, so that the
    formatter does not import the matcher."""

    def __init__(self, msg: bytes):
        super().__init__(msg)
        self.msg = msg


def posrelat(pos: int, length: int) -> int:
    """lstrlib.c's posrelat: a negative position counts from the end."""
    if pos < 0:
        pos += length + 1
    return pos if pos >= 0 else 0


def arg_typename(args: list, n: int) -> str:
    """luaL_typename: 'no value' for a missing argument."""
    return "no value" if n > len(args) else typename(args[n - 1])


def type_error(args: list, n: int, expected: str) -> ArgError:
    return ArgError(n, f"{expected} expected, got {arg_typename(args, n)}")


def to_integer(d: float) -> int:
    """lua_Integer cast of a double on x86-64: truncation; NaN/out of range give INT64_MIN."""
    if d != d or d >= 9.2233720368547758e18 or d < -9.2233720368547758e18:
        return INT64_MIN
    return int(d)


def wrap_int(v: int) -> int:
    """An integer converted to C int: its low 32 bits, signed."""
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v


def to_int32(d: float) -> int:
    """luaL_checkint's ``(int)luaL_checkinteger``: the 64-bit cast, then its low 32 bits."""
    return wrap_int(to_integer(d))


def check_any(args: list, n: int):
    if n > len(args):
        raise ArgError(n, "value expected")
    return args[n - 1]


def check_number(args: list, n: int) -> float:
    v = args[n - 1] if n <= len(args) else None
    if v.__class__ is float:
        return v
    d = tonumber(v) if n <= len(args) else None
    if d is None:
        raise type_error(args, n, "number")
    return d


def check_integer(args: list, n: int) -> int:
    return to_integer(check_number(args, n))


def check_int(args: list, n: int) -> int:
    """luaL_checkint: a C int."""
    return to_int32(check_number(args, n))


def check_string(args: list, n: int) -> bytes:
    v = args[n - 1] if n <= len(args) else None
    if v.__class__ is bytes:
        return v
    s = tostr(v) if n <= len(args) else None
    if s is None:
        raise type_error(args, n, "string")
    return s


def check_table(args: list, n: int):
    v = args[n - 1] if n <= len(args) else None
    if getattr(v, "lua_type", None) != "table":
        raise type_error(args, n, "table")
    return v


def check_type(args: list, n: int, tname: str):
    """luaL_checktype: the argument must be of Lua type tname ('table', 'function'...)."""
    if n > len(args) or typename(args[n - 1]) != tname:
        raise type_error(args, n, tname)
    return args[n - 1]


def is_none_or_nil(args: list, n: int) -> bool:
    return n > len(args) or args[n - 1] is None


def opt_number(args: list, n: int, default: float) -> float:
    return default if is_none_or_nil(args, n) else check_number(args, n)


def opt_integer(args: list, n: int, default: int) -> int:
    return default if is_none_or_nil(args, n) else check_integer(args, n)


def opt_int(args: list, n: int, default: int) -> int:
    return default if is_none_or_nil(args, n) else check_int(args, n)


def opt_string(args: list, n: int, default: bytes | None) -> bytes | None:
    return default if is_none_or_nil(args, n) else check_string(args, n)


def check_option(args: list, n: int, default: bytes | None, options: list[bytes]) -> int:
    name = opt_string(args, n, default) if default is not None else check_string(args, n)
    try:
        return options.index(name)
    except ValueError:
        raise ArgError(n, b"invalid option '" + name + b"'") from None


def arg_check(cond: bool, n: int, msg: str) -> None:
    if not cond:
        raise ArgError(n, msg)


def lua_error(msg: str | bytes) -> LuaError:
    """An error with no position (what lua_error gives a C function's message)."""
    return LuaError(msg.encode() if isinstance(msg, str) else msg)


def pushresult(ok: bool, filename: bytes | None = None, err: OSError | None = None, en=None):
    """liolib's and loslib's pushresult: true, or nil, "[filename: ]strerror(errno)", errno."""
    if ok:
        return [True]
    if en is None:
        en = (err.errno if err is not None else 0) or 0
    msg = os.strerror(en).encode() if en else (str(err).encode() if err else b"Success")
    if filename is not None:
        msg = filename + b": " + msg
    return [None, msg, float(en)]
