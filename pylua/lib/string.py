"""The string library (lstrlib.c of Lua 5.1.5).

The matcher lives in ``lstrpattern`` and the formatter in ``lstrformat``;
both are plain functions over ``bytes``.  Here are the builtins: argument
checks in lstrlib.c's order, and the conversion of the engine's errors into
luaL_error messages (with the caller's position).

Integers are C casts: ``luaL_checkinteger`` truncates to 64 bits and
``luaL_checkint`` is ``(int)luaL_checkinteger`` (a 32-bit wrap), so
``string.rep("x", 2^32 + 1)`` is ``"x"``.
"""

from __future__ import annotations

from .aux import (
    ArgError,
    check_integer,
    check_string,
    check_type,
    opt_integer,
    typename,
)
from .lstrformat import str_format
from .lstrpattern import (
    PatternError,
    compile_pattern,
    cstr,
    gmatch_step,
    gsub_iter,
    gsub_string,
    posrelat,
    push_captures,
    push_onecapture,
    split_anchor,
    str_find_aux,
)
from .math import check_int, opt_int

# lua_checkstack's limit: a C function may not hold more than LUAI_MAXCSTACK slots
LUAI_MAXCSTACK = 8000


def str_len(L, args):
    return [float(len(check_string(args, 1)))]


def str_sub(L, args):
    s = check_string(args, 1)
    ls = len(s)
    start = posrelat(check_integer(args, 2), ls)
    end = posrelat(opt_integer(args, 3, -1), ls)
    if start < 1:
        start = 1
    if end > ls:
        end = ls
    if start <= end:
        return [s[start - 1 : end]]
    return [b""]


def str_reverse(L, args):
    return [check_string(args, 1)[::-1]]


def str_lower(L, args):
    # bytes.lower is ASCII-only: C's tolower in the "C" locale
    return [check_string(args, 1).lower()]


def str_upper(L, args):
    return [check_string(args, 1).upper()]


def str_rep(L, args):
    s = check_string(args, 1)
    n = check_int(args, 2)
    return [s * n if n > 0 else b""]


def str_byte(L, args):
    s = check_string(args, 1)
    ls = len(s)
    posi = posrelat(opt_integer(args, 2, 1), ls)
    pose = posrelat(opt_integer(args, 3, posi), ls)
    if posi <= 0:
        posi = 1
    if pose > ls:
        pose = ls
    if posi > pose:
        return []
    n = pose - posi + 1
    if len(args) + n > LUAI_MAXCSTACK:  # luaL_checkstack
        raise L.error(b"stack overflow (string slice too long)")
    return [float(c) for c in s[posi - 1 : pose]]


def str_char(L, args):
    out = bytearray()
    for i in range(1, len(args) + 1):
        c = check_int(args, i)
        if not 0 <= c <= 255:
            raise ArgError(i, "invalid value")
        out.append(c)
    return [bytes(out)]


def str_dump(L, args):
    from ..chunk import dump
    from ..values import LuaFunction

    f = check_type(args, 1, "function")
    if not isinstance(f, LuaFunction):
        raise L.error(b"unable to dump given function")
    return [dump(f.proto, strip=False)]


def str_find(L, args):
    s = check_string(args, 1)
    p = check_string(args, 2)
    init = opt_integer(args, 3, 1)
    plain = len(args) >= 4 and args[3] is not None and args[3] is not False
    try:
        return str_find_aux(s, p, init, plain, True)
    except PatternError as e:
        raise L.error(e.msg) from None


def str_match(L, args):
    s = check_string(args, 1)
    p = check_string(args, 2)
    init = opt_integer(args, 3, 1)
    try:
        return str_find_aux(s, p, init, False, False)
    except PatternError as e:
        raise L.error(e.msg) from None


def gmatch(L, args):
    from ..values import Builtin

    s = check_string(args, 1)
    p = check_string(args, 2)
    # gmatch_aux does not treat '^' as an anchor: the whole pattern is matched
    pat = compile_pattern(cstr(p))
    pos = 0

    def gmatch_aux(L, args):
        nonlocal pos
        try:
            r = gmatch_step(s, pat, pos)
        except PatternError as e:
            raise L.error(e.msg) from None
        if r is None:
            return []
        pos, caps = r
        return caps

    return [Builtin("gmatch_aux", gmatch_aux)]


def _replacement(L, v, s: bytes, st: int, e: int) -> bytes:
    """add_value's check of a function's or table's result."""
    if v is None or v is False:
        return s[st:e]  # keep the original text
    if v.__class__ is bytes:
        return v
    if v.__class__ is float:
        from ..numfmt import fmt_number

        return fmt_number(v)
    raise L.error(b"invalid replacement value (a %s)" % typename(v).encode())


def str_gsub(L, args):
    """A generator: a function or table replacement runs Lua code."""
    from ..values import Call

    src = check_string(args, 1)
    p = check_string(args, 2)
    tr = args[2] if len(args) >= 3 else None
    max_s = opt_int(args, 4, len(src) + 1)
    cls = tr.__class__
    tname = typename(tr) if len(args) >= 3 else "no value"
    if tname not in ("number", "string", "function", "table"):
        raise ArgError(3, "string/function/table expected")
    try:
        if cls is bytes or cls is float:
            repl = tr if cls is bytes else check_string(args, 3)
            res, n = gsub_string(src, p, repl, max_s)
            return [res, float(n)]
        body, anchor = split_anchor(p)
        pat = compile_pattern(body)
        level = pat.level
        out = []
        n = 0
        it = gsub_iter(src, pat, anchor, max_s)
        while True:
            try:
                before, st, e, caps = next(it)
            except StopIteration as stop:
                out.append(stop.value)
                break
            if before is None:
                out.append(src[st:e])
                continue
            if before:
                out.append(before)
            n += 1
            if tname == "function":
                res = yield Call(tr, push_captures(caps, level, src, st, e, True))
                v = res[0] if res else None
            else:
                k = push_onecapture(0, caps, level, src, st, e)
                v = yield from L.index(tr, k)
            out.append(_replacement(L, v, src, st, e))
        return [b"".join(out), float(n)]
    except PatternError as e:
        raise L.error(e.msg) from None


def str_format_builtin(L, args):
    from .lstrformat import FormatError

    try:
        return [str_format(args)]
    except FormatError as e:
        raise L.error(e.msg) from None


FUNCS = [
    ("byte", str_byte),
    ("char", str_char),
    ("dump", str_dump),
    ("find", str_find),
    ("format", str_format_builtin),
    ("gfind", None),  # LUA_COMPAT_GFIND: set to gmatch below
    ("gmatch", gmatch),
    ("gsub", str_gsub),
    ("len", str_len),
    ("lower", str_lower),
    ("match", str_match),
    ("rep", str_rep),
    ("reverse", str_reverse),
    ("sub", str_sub),
    ("upper", str_upper),
]


def open(L):  # noqa: A001 - every library module has an open(L)
    from ..values import LuaTable
    from .package import register

    # luaL_register sets gfind_nodef first; with LUA_COMPAT_GFIND it becomes gmatch
    t = register(L, b"string", [(name, fn or _gfind_nodef) for name, fn in FUNCS])
    t.set(b"gfind", t.get(b"gmatch"))
    # createmetatable: strings index the string table
    meta = LuaTable(0, 1)
    meta.set(b"__index", t)
    L.string_meta = meta
    return t


def _gfind_nodef(L, args):
    raise L.error(b"'string.gfind' was renamed to 'string.gmatch'")
