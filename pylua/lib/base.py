"""The base library (lbaselib.c of Lua 5.1.5, less the coroutine part).

Builtins that may need Lua code run (print's tostring, __tostring, pcall,
the load reader...) return a generator only when they do, so the common
case stays a plain call.
"""

from __future__ import annotations

from .. import ldebug
from ..conv import cstr, str2number_base
from ..errors import LuaError
from ..values import (
    BIG_ALLOC,
    STRING_BYTES,
    USERDATA_BYTES,
    Builtin,
    Call,
    Charge,
    LuaFunction,
    LuaTable,
    Userdata,
    lua_typename,
    raw_equal,
)
from ..vcode import HOST_TB, HOST_TB_INLINE, LUAI_MAXCSTACK
from .aux import (
    ArgError,
    arg_check,
    check_any,
    check_int,
    check_option,
    check_string,
    check_table,
    check_type,
    is_none_or_nil,
    opt_int,
    opt_string,
    tonumber,
    tostr,
    wrap_int,
)
from .package import loadfile
from .work import BYTES_PER_STEP, PAY_MIN, STEPS_PER_UNIT, paid


def _is_function(v) -> bool:
    return v.__class__ is LuaFunction or v.__class__ is Builtin


# -- print, tostring -------------------------------------------------------


def lua_print(L, args):
    tostring = L.current.globals.get(b"tostring")
    if tostring is TOSTRING and L.current.globals.meta is None and len(args) <= _PRINT_ARGS:
        parts = []
        n = 0
        for v in args:
            c = v.__class__
            if c is bytes:
                v = cstr(v)
            elif L.gettm(v, b"__tostring") is not None:
                return print_gen(L, args)
            else:
                v = cstr(L.tostring_raw(v))
            parts.append(v)
            n += len(v)
        if n > BIG_ALLOC:
            return print_gen(L, args)
        _fputs(L.stdout, b"\t".join(parts) + b"\n")
        return []
    return print_gen(L, args)


# print's fast path takes this many arguments: more (unpack's thousands)
# go through print_gen, one tostring call each, which the budget counts
_PRINT_ARGS = 64


def _fputs(out, s: bytes) -> None:
    """print writes with fputs and never looks at its result: a write error
    (a full device, a closed pipe's EPIPE) is ignored."""
    try:
        out.write(s)
    except OSError:
        pass


def print_gen(L, args):
    """print when it must call Lua code (a __tostring, or a tostring other
    than the library's): a generator, made from print's arguments alone
    (the debugger makes it again to rebuild a copy of its frame)."""
    tostring = yield from L.index(L.current.globals, b"tostring")
    out = L.stdout
    for i, v in enumerate(args):
        res = yield Call(tostring, [v])
        s = tostr(res[0]) if res else None
        if s is None:
            raise L.error("'tostring' must return a string to 'print'")
        if i:
            _fputs(out, b"\t")
        if len(s) > BIG_ALLOC:
            yield Charge(len(s) // BYTES_PER_STEP // STEPS_PER_UNIT)  # (its bytes are paid)
        _fputs(out, cstr(s))
    _fputs(out, b"\n")
    return []


def lua_tostring(L, args):
    v = check_any(args, 1)
    tm = L.gettm(v, b"__tostring")
    if tm is not None:
        return _callmeta(tm, v)
    return [L.tostring_raw(v)]


def _callmeta(tm, v):
    res = yield Call(tm, [v])
    return [res[0] if res else None]


# -- numbers ---------------------------------------------------------------


def lua_tonumber(L, args):
    base = opt_int(args, 2, 10)
    if base == 10:
        v = check_any(args, 1)
        return [tonumber(v)]
    s = check_string(args, 1)
    arg_check(2 <= base <= 36, 2, "base out of range")
    r = [str2number_base(s, base)]
    # (linear, at C speed: a long string pays for its scan)
    return r if len(s) < 1 << 16 else paid(r, len(s) // BYTES_PER_STEP)


# -- errors ----------------------------------------------------------------


def lua_error(L, args):
    level = opt_int(args, 2, 1)
    v = args[0] if args else None
    if (v.__class__ is bytes or v.__class__ is float) and level > 0:
        w = L.where(level)
        s = tostr(v)
        if w and len(s) > BIG_ALLOC:
            return _raise_copy(L, w, s)
        v = w + s
    raise LuaError(v)


def _raise_copy(L, where: bytes, msg: bytes):
    """An error whose message is a copy of a big string, with its
    position: the copy is counted first and paid before it is raised."""
    L.acct.alloc(STRING_BYTES + len(where) + len(msg))
    e = LuaError(where + msg)
    yield Charge(len(msg) // BYTES_PER_STEP // STEPS_PER_UNIT)
    raise e


def lua_assert(L, args):
    v = check_any(args, 1)
    if v is None or v is False:
        msg = opt_string(args, 2, b"assertion failed!")
        if len(msg) > BIG_ALLOC:
            return _raise_copy(L, L.where(1), cstr(msg))
        raise L.error(cstr(msg))
    return args


def lua_pcall(L, args):
    check_any(args, 1)
    try:
        # called in place, as luaB_pcall's lua_pcall: f's registers are pcall's arguments
        res = yield Call(args[0], args[1:], protected=True, at=0)
    except LuaError as e:
        return [False, e.value]
    return [True, *res]


def lua_xpcall(L, args):
    check_any(args, 2)
    h = args[1]
    try:
        # a nil handler is still a handler: it fails, "error in error handling"
        res = yield Call(args[0], [], protected=True, handler=h if h is not None else False)
    except LuaError as e:
        return [False, e.value]
    return [True, *res]


# -- metatables and environments --------------------------------------------


def lua_getmetatable(L, args):
    v = check_any(args, 1)
    mt = L.getmetatable(v)
    if mt is None:
        return [None]
    protected = mt.hash.get(b"__metatable")
    return [mt if protected is None else protected]


def lua_setmetatable(L, args):
    t = check_type(args, 1, "table")
    mt = args[1] if len(args) > 1 else None
    if len(args) < 2 or (mt is not None and mt.__class__ is not LuaTable):
        raise ArgError(2, "nil or table expected")
    if t.meta is not None and t.meta.hash.get(b"__metatable") is not None:
        raise L.error("cannot change a protected metatable")
    L.setmetatable(t, mt)
    return [t]


def _getfunc(L, args, opt: bool):
    v = args[0] if args else None
    if _is_function(v):
        return v
    level = opt_int(args, 1, 1) if opt else check_int(args, 1)
    arg_check(level >= 0, 1, "level must be non-negative")
    ci = ldebug.getstack(L.current, level)
    if ci is None:
        raise ArgError(1, "invalid level")
    if ci is ldebug.TAILCALL:
        raise L.error(f"no function environment for tail call at level {level}")
    return ci.cl


def lua_getfenv(L, args):
    f = _getfunc(L, args, True)
    if f.__class__ is not LuaFunction:
        return [L.current.globals]
    return [f.env]


def lua_setfenv(L, args):
    t = check_type(args, 2, "table")
    f = _getfunc(L, args, False)
    if tonumber(args[0]) == 0:
        L.current.globals = t
        return []
    if f.__class__ is not LuaFunction:
        raise L.error("'setfenv' cannot change environment of given object")
    f.env = t
    return [f]


# -- raw access, iteration -----------------------------------------------


def lua_rawequal(L, args):
    check_any(args, 1)
    check_any(args, 2)
    return [raw_equal(args[0], args[1])]


def lua_rawget(L, args):
    t = check_table(args, 1)
    k = check_any(args, 2)
    return [t.get(k)]


def lua_rawset(L, args):
    t = check_table(args, 1)
    check_any(args, 2)
    check_any(args, 3)
    if L.readonly is not None:
        L.check_writable(t)
    t.set(args[1], args[2])
    return [t]


def lua_next(L, args):
    t = check_table(args, 1)
    r = t.next(args[1] if len(args) > 1 else None)
    return [None] if r is None else r


def lua_pairs(L, args):
    t = check_table(args, 1)
    return [PAIRS_NEXT, t, None]


def ipairsaux(L, args):
    i = check_int(args, 2) + 1
    t = check_table(args, 1)
    v = t.geti(i)
    return [] if v is None else [float(i), v]


def lua_ipairs(L, args):
    t = check_table(args, 1)
    return [IPAIRSAUX, t, 0.0]


def lua_unpack(L, args):
    t = check_table(args, 1)
    i = opt_int(args, 2, 1)
    e = t.length() if is_none_or_nil(args, 3) else check_int(args, 3)
    if i > e:
        return []
    n = wrap_int(e - i + 1)
    if n <= 0 or n > LUAI_MAXCSTACK - len(args):
        raise L.error("too many results to unpack")
    arr = t.arr
    if i >= 1 and e <= len(arr):
        return paid(arr[i - 1 : e], n // 2)
    return paid([t.geti(j) for j in range(i, e + 1)], 2 * n)


def lua_select(L, args):
    n = len(args)
    v = args[0] if args else None
    if v.__class__ is bytes and v[:1] == b"#":
        return [float(n - 1)]
    i = check_int(args, 1)
    if i < 0:
        i = n + i
    elif i > n:
        i = n
    arg_check(1 <= i, 1, "index out of range")
    return args[i:]


def lua_type(L, args):
    return [lua_typename(check_any(args, 1)).encode()]


# -- loading ------------------------------------------------------------------


# Compiling pays for its work by the size of the source (pylua/lib/work.py);
# a big source compiles in steps (runtime.load_steps: a stretch of the main
# function's statements at a time), so a budgeted run stops between them.
COMPILE_STEPS_PER_BYTE = 32
BIG_SOURCE = 1 << 16


def lua_loadstring(L, args):
    s = check_string(args, 1)
    chunkname = opt_string(args, 2, s)
    if len(s) >= BIG_SOURCE and s[:1] != b"\x1b":
        return _load_steps(L, s, chunkname)
    try:
        f = L.load(s, chunkname)
    except LuaError as e:
        return [None, e.value]
    return paid([f], len(s) * COMPILE_STEPS_PER_BYTE)


def _load_steps(L, s: bytes, chunkname: bytes):
    """[function] or [nil, message], compiling s a stretch at a time."""
    steps = L.load_steps(s, chunkname)
    done = 0
    try:
        while True:
            try:
                pos = next(steps)
            except StopIteration as stop:
                f = stop.value
                break
            yield Charge((pos - done) * COMPILE_STEPS_PER_BYTE // STEPS_PER_UNIT)
            done = pos
    except LuaError as e:
        return [None, e.value]
    # the rest of the source, and the VM's preparation of the code
    yield Charge((2 * len(s) - done) * COMPILE_STEPS_PER_BYTE // STEPS_PER_UNIT)
    return [f]


def lua_load(L, args):
    cname = opt_string(args, 2, b"=(load)")
    f = check_type(args, 1, "function")
    # lua_load's protected parser keeps the current message handler
    h = L.errfunc()
    if h is HOST_TB:
        h = HOST_TB_INLINE
    pieces = []
    size = tried = 0
    while True:
        try:
            res = yield Call(f, [], protected=True, handler=h)
        except LuaError as e:
            return [None, e.value]
        v = res[0] if res else None
        if v is None:
            break
        s = tostr(v)
        if s is None:
            msg = L.where(1) + b"reader function must return a string"
            if h is HOST_TB_INLINE:
                msg += b"\n" + L.traceback(None, 0)
            elif h is not None and h is not False:
                r = yield Call(h, [msg])
                msg = r[0] if r else None
            return [None, msg]
        if not s:
            break
        pieces.append(s)
        size += len(s)
        if size <= 512 or size >= 2 * tried:
            tried = size
            if size >= BIG_SOURCE:
                early = yield from _early_error_steps(L, pieces, cname)
            else:
                early = _early_error(L, pieces, cname)
            if early is not None:
                return [None, early]
    chunk = b"".join(pieces)
    if len(chunk) >= BIG_SOURCE and chunk[:1] != b"\x1b":
        return (yield from _load_steps(L, chunk, cname))
    try:
        f = L.load(chunk, cname)
    except LuaError as e:
        return [None, e.value]
    if len(chunk) * COMPILE_STEPS_PER_BYTE >= PAY_MIN:
        yield Charge(len(chunk) * COMPILE_STEPS_PER_BYTE // STEPS_PER_UNIT)
    return [f]


# Errors the lexer raises inside a token, where how far it read is not known.
_LEXER_ERRORS = (b"unfinished", b"malformed number", b"escape sequence", b"long string",
                 b"nesting of", b"<eof>", b"syntax levels", b"too many lines")


def _early_error(L, pieces, cname):
    """The syntax error lua_load's parser meets before it asks the reader for
    more, or None.  C's lexer reads one character past each token, so an
    error in the text read so far stands if the parser stopped before its
    last byte; otherwise the reader must be called again (calls.lua counts
    the calls)."""
    text = b"".join(pieces)
    if text[:1] == b"\x1b" and L.allow_bytecode:
        return None  # a binary chunk: undump reads on
    from ..lexer import LexState
    from ..parser import parse

    ls = LexState(text, cname, L.current.nCcalls)
    try:
        parse(ls)
    except LuaError as e:
        msg = e.value
        if ls.pos < len(text) and not any(w in msg for w in _LEXER_ERRORS):
            return msg
    except RecursionError:
        pass
    return None


def _early_error_steps(L, pieces, cname):
    """_early_error of a big text, parsed in steps that pay for their work
    (parser.compile_steps), so that a budgeted run can stop it."""
    text = b"".join(pieces)
    if text[:1] == b"\x1b" and L.allow_bytecode:
        return None
    from ..parser import compile_steps

    done = 0
    try:
        for pos, _ in compile_steps(text, cname, L.current.nCcalls):
            yield Charge((pos - done) * COMPILE_STEPS_PER_BYTE // STEPS_PER_UNIT)
            done = pos
    except LuaError as e:
        msg = e.value
        if e.pos < len(text) and not any(w in msg for w in _LEXER_ERRORS):
            return msg
    return None


def lua_loadfile(L, args):
    fn, msg = loadfile(L, opt_string(args, 1, None))
    return [fn] if fn is not None else [None, msg]


def lua_dofile(L, args):
    fn, msg = loadfile(L, opt_string(args, 1, None))
    if fn is None:
        raise LuaError(msg)
    return _dofile_gen(fn)


def _dofile_gen(fn):
    res = yield Call(fn, [])
    return res


# -- the collector -------------------------------------------------------------

_GCOPTS = [b"stop", b"restart", b"collect", b"count", b"step", b"setpause", b"setstepmul"]


def lua_collectgarbage(L, args):
    o = _GCOPTS[check_option(args, 1, b"collect", _GCOPTS)]
    ex = opt_int(args, 2, 0)
    if o == b"count":
        return [L.gc_count_kb()]
    if o == b"setpause":
        prev = L.gc_pause
        L.gc_pause = ex
        L.gc_set_threshold()
        return [float(prev)]
    if o == b"setstepmul":
        prev = L.gc_stepmul
        L.gc_stepmul = ex
        return [float(prev)]
    if o == b"stop":
        L.gc_stopped = True
        L.gc_set_threshold()
        return [0.0]
    if o == b"restart":
        L.gc_stopped = False
        L.acct.threshold = L.acct.total  # (lua_gc: a cycle at the next allocation)
        return [0.0]
    if o == b"collect":
        if not (L.gc_observed or L.table_metas or L.udata_gc):
            # nothing a cycle does can be seen (no table with a metatable,
            # that may be weak, no __gc, no look at the count: a look
            # measures then), and Python frees
            # the garbage: a cycle would only cost (the limit, when near,
            # measures what is reachable itself)
            return [0.0]
        due = L.collect()
        # a cycle's work grows with the heap: it pays the budget for it
        return _finalize(due, [0.0], L.gc_marked)
    # step
    L.gc_observe()
    done = L.gc_steps(ex)
    due = L.gc_due
    L.gc_due = []
    result = [bool(done)]
    if done or due:
        return _finalize(due, result, L.gc_marked if done else 0)
    return result


def _finalize(due, result, steps):
    """A cycle's work (steps, paid however small: a loop of cycles is a
    loop of work), then the finalizers it made due."""
    yield Charge(steps // STEPS_PER_UNIT)
    for u in due:
        gc = u.meta.hash.get(b"__gc") if u.meta is not None else None
        if gc is not None:
            yield Call(gc, [u])
    return result


def lua_gcinfo(L, args):
    return [float(int(L.gc_count_kb()))]


def lua_newproxy(L, args, proxies):
    v = args[0] if args else None
    L.acct.alloc(USERDATA_BYTES)
    u = Userdata()
    if v is None or v is False:
        return [u]
    L.gc_observe()  # a finalizer may come: cycles must come when Lua's would
    if v is True:
        mt = LuaTable()
        proxies.set(mt, True)
        L.setmetatable(u, mt)
        return [u]
    mt = L.getmetatable(v)
    valid = mt is not None and proxies.get(mt) not in (None, False)
    arg_check(valid, 1, "boolean or proxy expected")
    L.setmetatable(u, mt)
    return [u]


FUNCS = [
    ("assert", lua_assert),
    ("collectgarbage", lua_collectgarbage),
    ("dofile", lua_dofile),
    ("error", lua_error),
    ("gcinfo", lua_gcinfo),
    ("getfenv", lua_getfenv),
    ("getmetatable", lua_getmetatable),
    ("loadfile", lua_loadfile),
    ("load", lua_load),
    ("loadstring", lua_loadstring),
    ("next", lua_next),
    ("pcall", lua_pcall),
    ("print", lua_print),
    ("rawequal", lua_rawequal),
    ("rawget", lua_rawget),
    ("rawset", lua_rawset),
    ("select", lua_select),
    ("setfenv", lua_setfenv),
    ("setmetatable", lua_setmetatable),
    ("tonumber", lua_tonumber),
    ("tostring", lua_tostring),
    ("type", lua_type),
    ("unpack", lua_unpack),
    ("xpcall", lua_xpcall),
]

SANDBOXED_OUT = {"dofile", "loadfile"}  # they read host files

NEXT = Builtin("next", lua_next)
PAIRS_NEXT = Builtin("next", lua_next)  # pairs' own copy: in 5.1 it is not the global next
IPAIRSAUX = Builtin("ipairs_aux", ipairsaux)
TOSTRING = Builtin("tostring", lua_tostring)


def open(L):
    g = L.globals
    g.set(b"_G", g)
    L.loaded.set(b"_G", g)
    shared = {"next": NEXT, "tostring": TOSTRING}
    for name, fn in FUNCS:
        if L.sandbox and name in SANDBOXED_OUT:
            continue
        g.set(name.encode(), shared.get(name) or Builtin(name, fn))
    g.set(b"_VERSION", b"Lua 5.1")
    g.set(b"ipairs", Builtin("ipairs", lua_ipairs, [IPAIRSAUX]))
    g.set(b"pairs", Builtin("pairs", lua_pairs, [PAIRS_NEXT]))
    # newproxy's table of valid metatables is weak (mode "kv"), its own metatable
    # (set directly: a weak table of the library's own is no sign that the
    # program watches the collector, newproxy is: see VM.gc_observe)
    w = LuaTable(0, 1)
    w.set(b"__mode", b"kv")
    w.meta = w
    g.set(b"newproxy", Builtin("newproxy", lambda L, args: lua_newproxy(L, args, w), [w]))
    return g
