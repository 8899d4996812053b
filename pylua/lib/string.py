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

from ..conv import cstr
from ..numfmt import fmt_number
from ..values import BIG_ALLOC, STRING_BYTES
from .aux import (
    ArgError,
    check_int,
    check_integer,
    check_string,
    check_type,
    opt_int,
    opt_integer,
    posrelat,
    typename,
)
from .work import BYTES_PER_STEP, PAY_MIN, SLICE, STEPS_PER_UNIT, SUSPENDED, finish, paid, settle

try:
    from ..values import Builtin, Call, Charge, LuaFunction
except ImportError:  # the pure parts (and their tests) work without the VM
    Builtin = Call = Charge = LuaFunction = None

# The matcher (lstrpattern) and the formatter (lstrformat) are imported the
# first time a builtin needs them: without them in the way a start of
# ``python -m pylua`` compiles (when it has no bytecode) a sixth less.
GsubState = PatternError = compile_pattern = gmatch_stepper = gsub_string = None
push_captures = push_onecapture = re_bounded = split_anchor = str_find_aux = None
FormatError = str_format = None


def _load_matcher() -> None:
    global GsubState, PatternError, compile_pattern, gmatch_stepper, gsub_string
    global push_captures, push_onecapture, re_bounded, split_anchor, str_find_aux
    from .lstrpattern import (
        GsubState,
        PatternError,
        compile_pattern,
        gmatch_stepper,
        gsub_string,
        push_captures,
        push_onecapture,
        re_bounded,
        split_anchor,
        str_find_aux,
    )


def _load_formatter() -> None:
    global FormatError, str_format
    from .lstrformat import FormatError, str_format


# lua_checkstack's limit: a C function may not hold more than LUAI_MAXCSTACK slots
LUAI_MAXCSTACK = 8000


# The hot builtins read their usual arguments (strings, floats with integral
# values) inline and leave everything else to the lauxlib checks.
_INT_RANGE = 9.2e18


def _int_arg(args: list, n: int, default: int) -> int:
    """luaL_optinteger(n, default), inline for a float argument."""
    if n > len(args):
        return default
    v = args[n - 1]
    if v.__class__ is float and -_INT_RANGE < v < _INT_RANGE:
        return int(v)
    return opt_integer(args, n, default)


def str_len(L, args):
    s = args[0] if args and args[0].__class__ is bytes else check_string(args, 1)
    return [float(len(s))]


def _made(L, n: int) -> None:
    """Count a new string of n bytes (small: after the fact; the memory
    limit is checked once the count passes the collector's threshold)."""
    a = L.acct
    a.total += STRING_BYTES + n
    if a.total >= a.threshold:
        a.alloc(0)


def _big(L, r: bytes, work: int = 0):
    """The results of a builtin that made the big string r (counted
    before), paying for its bytes and for work steps."""
    return paid([r], len(r) // BYTES_PER_STEP + work)


def str_sub(L, args):
    s = args[0] if args and args[0].__class__ is bytes else check_string(args, 1)
    ls = len(s)
    v = args[1] if len(args) > 1 else None
    if v.__class__ is float and -_INT_RANGE < v < _INT_RANGE:
        start = int(v)
    else:
        start = check_integer(args, 2)
    end = _int_arg(args, 3, -1)
    # posrelat
    if start < 0:
        start += ls + 1
    if end < 0:
        end += ls + 1
    if start < 1:
        start = 1
    if end > ls:
        end = ls
    if start <= end:
        n = end - start + 1
        if n > BIG_ALLOC:
            L.acct.alloc(STRING_BYTES + n)  # (before the copy: the limit may refuse it)
            return _big(L, s[start - 1 : end])
        a = L.acct
        a.total += STRING_BYTES + n
        if a.total >= a.threshold:
            a.alloc(0)
        return [s[start - 1 : end]]
    return [b""]


def _same_size(L, args, op):
    """upper, lower, reverse: a new string as long as the argument."""
    s = check_string(args, 1)
    if len(s) > BIG_ALLOC:
        L.acct.alloc(STRING_BYTES + len(s))
        return _big(L, op(s))
    _made(L, len(s))
    return [op(s)]


def str_reverse(L, args):
    return _same_size(L, args, _reverse)


def _reverse(s: bytes) -> bytes:
    return s[::-1]


def str_lower(L, args):
    # bytes.lower is ASCII-only: C's tolower in the "C" locale
    return _same_size(L, args, bytes.lower)


def str_upper(L, args):
    return _same_size(L, args, bytes.upper)


def str_rep(L, args):
    s = check_string(args, 1)
    n = check_int(args, 2)
    if n <= 0:
        return [b""]
    L.acct.alloc(STRING_BYTES + len(s) * n)  # (before: the memory limit may refuse it)
    r = s * n
    return [r] if len(r) < 1 << 16 else paid([r], len(r) // BYTES_PER_STEP)


def str_byte(L, args):
    s = args[0] if args and args[0].__class__ is bytes else check_string(args, 1)
    ls = len(s)
    posi = posrelat(_int_arg(args, 2, 1), ls)
    pose = posrelat(_int_arg(args, 3, posi), ls)
    if posi <= 0:
        posi = 1
    if pose > ls:
        pose = ls
    if posi > pose:
        return []
    if posi == pose:
        return [float(s[posi - 1])]
    n = pose - posi + 1
    if len(args) + n > LUAI_MAXCSTACK:  # luaL_checkstack
        raise L.error(b"stack overflow (string slice too long)")
    return paid([float(c) for c in s[posi - 1 : pose]], n // 2)


def str_char(L, args):
    out = bytearray()
    for i in range(1, len(args) + 1):
        c = check_int(args, i)
        if not 0 <= c <= 255:
            raise ArgError(i, "invalid value")
        out.append(c)
    _made(L, len(out))  # (at most LUAI_MAXCSTACK arguments: small, but they pay)
    return paid([bytes(out)], 2 * len(out))


def str_dump(L, args):
    from ..chunk import dump

    f = check_type(args, 1, "function")
    if not isinstance(f, LuaFunction):
        raise L.error(b"unable to dump given function")
    return [dump(f.proto, strip=False)]


def str_find(L, args):
    if str_find_aux is None:
        _load_matcher()
    n = len(args)
    s = args[0] if n and args[0].__class__ is bytes else check_string(args, 1)
    p = args[1] if n > 1 and args[1].__class__ is bytes else check_string(args, 2)
    init = _int_arg(args, 3, 1)
    plain = n >= 4 and args[3] is not None and args[3] is not False
    box = _FUEL
    box[0] = SLICE
    try:
        r = str_find_aux(s, p, init, plain, True, box)
    except PatternError as e:
        raise L.error(e.msg) from None
    if box[0] > _FREE:
        return r
    return _settle(L, r, box)


def str_match(L, args):
    if str_find_aux is None:
        _load_matcher()
    n = len(args)
    s = args[0] if n and args[0].__class__ is bytes else check_string(args, 1)
    p = args[1] if n > 1 and args[1].__class__ is bytes else check_string(args, 2)
    init = _int_arg(args, 3, 1)
    box = _FUEL
    box[0] = SLICE
    try:
        r = str_find_aux(s, p, init, False, False, box)
    except PatternError as e:
        raise L.error(e.msg) from None
    if box[0] > _FREE:
        return r
    return _settle(L, r, box)


# The fuel box of the plain calls (a matcher call never runs Lua code, so
# one box serves them all); a call that goes on as a generator takes a
# copy: other calls may run while it waits.
_FUEL = [SLICE, None]
_FREE = SLICE - PAY_MIN


def _settle(L, r, box):
    """work.settle for the matcher: a long match pays, slice by slice, and
    its errors are luaL_errors of the builtin."""
    own = [box[0], box[1]]
    box[1] = None  # (the shared box keeps nothing alive)
    if r.__class__ is list or r.__class__ is tuple:
        return settle(r, own)
    return _finish(L, r, own)


def _finish(L, go, box):
    try:
        return (yield from finish(go, box))
    except PatternError as e:
        raise L.error(e.msg) from None


def gmatch(L, args):
    if str_find_aux is None:
        _load_matcher()
    s = check_string(args, 1)
    p = check_string(args, 2)
    # gmatch_aux does not treat '^' as an anchor: the whole pattern is matched
    step = gmatch_stepper(s, compile_pattern(cstr(p)))

    def gmatch_aux(L, args):
        box = _FUEL
        box[0] = SLICE
        try:
            r = step(box)
        except PatternError as e:
            raise L.error(e.msg) from None
        if box[0] > _FREE:
            return r
        return _settle(L, r, box)

    return [Builtin("gmatch_aux", gmatch_aux)]


def _replacement(L, v, s: bytes, st: int, e: int) -> bytes:
    """add_value's check of a function's or table's result."""
    if v is None or v is False:
        return s[st:e]  # keep the original text
    if v.__class__ is bytes:
        return v
    if v.__class__ is float:
        return fmt_number(v)
    raise L.error(b"invalid replacement value (a %s)" % typename(v).encode())


def str_gsub(L, args):
    if str_find_aux is None:
        _load_matcher()
    n = len(args)
    src = args[0] if n and args[0].__class__ is bytes else check_string(args, 1)
    p = args[1] if n > 1 and args[1].__class__ is bytes else check_string(args, 2)
    tr = args[2] if n >= 3 else None
    max_s = opt_int(args, 4, len(src) + 1)
    cls = tr.__class__
    if cls is bytes or cls is float:
        repl = tr if cls is bytes else check_string(args, 3)
        box = _FUEL
        box[0] = SLICE
        try:
            r = gsub_string(src, p, repl, max_s, box, L.acct)
        except PatternError as e:
            raise L.error(e.msg) from None
        if r.__class__ is tuple:
            r = [r[0], float(r[1])]
            if box[0] > _FREE:
                return r
            return settle(r, box)
        own = [box[0], box[1]]
        box[1] = None
        return _gsub_finish(L, r, own)
    tname = typename(tr) if n >= 3 else "no value"
    if tname != "function" and tname != "table":
        raise ArgError(3, "string/function/table expected")
    # a function or a table runs Lua code: the VM drives the returned generator
    return _gsub_lua(L, src, p, tr, tname == "function", max_s)


def _gsub_finish(L, go, box):
    res, count = yield from _finish(L, go, box)
    return [res, float(count)]


def _gsub_lua(L, src: bytes, p: bytes, tr, isfunc: bool, max_s: int):
    """str_gsub with a function or a table: a generator, made again by the
    debugger to rebuild a copy of its frame (pylua/debugger/replay.py), so
    what it asks for depends on its arguments alone: its charges come from
    the matches' positions when re may search this subject (whether it
    does, or _run, depends on what ran before), and from _run's steps only
    where re never does, which no history changes."""
    try:
        body, anchor = split_anchor(p)
        pat = compile_pattern(body)
        level = pat.level
        ls = len(src)
        bounded = re_bounded(pat, src, 0, anchor)
        out = GsubState(L.acct)  # (the output, counted as it grows)
        n = 0
        pos = 0
        due = 0  # steps not paid yet
        box = [1 << 62 if bounded else SLICE, None]
        while n < max_s:
            r = pat.search(src, pos, anchor, box, None, bounded)
            while r is SUSPENDED:
                yield Charge((SLICE - box[0]) // STEPS_PER_UNIT)
                box[0] = SLICE
                r = pat.search(src, pos, anchor, box, box[1], False)
            if r is None:
                break
            st, e, caps = r
            if st > pos:
                out.add(src[pos:st] if st - pos < BIG_ALLOC else memoryview(src)[pos:st])
            n += 1
            if bounded:
                due += 1 + (st - pos) // BYTES_PER_STEP
            else:
                due += SLICE - box[0]
                box[0] = SLICE
            if due >= SLICE:
                yield Charge(due // STEPS_PER_UNIT)
                due = 0
            if isfunc:
                res = yield Call(tr, push_captures(caps, level, src, st, e, True))
                v = res[0] if res else None
            else:
                k = push_onecapture(0, caps, level, src, st, e)
                v = yield from L.index(tr, k)
            out.add(v if v.__class__ is bytes else _replacement(L, v, src, st, e))
            if e > st:
                pos = e
            elif st < ls:
                out.add(src[st : st + 1])
                pos = st + 1
            else:
                pos = st
                break
            if anchor:
                break
        out.add(src[pos:] if ls - pos < BIG_ALLOC else memoryview(src)[pos:])
        return [out.result(), float(n)]
    except PatternError as e:
        raise L.error(e.msg) from None


def str_format_builtin(L, args):
    if str_format is None:
        _load_formatter()
    try:
        r = str_format(args, L.acct)
    except FormatError as e:
        raise L.error(e.msg) from None
    return paid([r], 3 * len(args) + len(r) // BYTES_PER_STEP)


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
