"""Redis 7.0's Lua scripting environment on pylua (src/script_lua.c,
eval.c and function_lua.c of Redis 7.0.15).

- ``new_state`` builds the Lua state of the EVAL engine (scriptingInit) or
  of the function engine (luaEngineInitEngine): the libraries Redis loads,
  only the globals on its allow lists, its ``pcall``, the ``redis`` table,
  ``math.random`` on redisLrand48, the error handler, and every table
  reachable from the globals made read-only.
- ``RunCtx`` is a script's run (scriptRunCtx): its caller's protocol and
  database, the script client's protocol (``redis.setresp``), read-only
  mode, whether it wrote.  ``redis.call`` asks the run's ``host`` to run a
  command (``host.script_call(ctx, argv) -> (error or None, reply bytes)``).
- ``reply_to_lua`` and ``lua_to_reply`` are the conversions
  (redisProtocolToLuaType and luaReplyToRedisReply).

The VM knows nothing of this: what Redis needs of it is a read-only flag on
tables (``VM.set_readonly``), a general feature.
"""

from __future__ import annotations

import hashlib
import math

from ..errors import LuaError
from ..lib.aux import check_number
from ..lib.math import check_int, scale_random
from ..values import Builtin, Call, LuaFunction, LuaTable
from . import resp as _resp
from .rand import Rand48

REDIS_VERSION = b"7.0.15"
REDIS_VERSION_NUM = 0x0007000F

# script_lua.c's allow lists: the globals a script may see
ALLOWED_GLOBALS = frozenset(
    [b"string", b"cjson", b"bit", b"cmsgpack", b"math", b"table", b"struct"]
    + [b"redis", b"__redis__err__handler"]
    + [
        b"xpcall", b"tostring", b"setmetatable", b"next", b"assert",
        b"tonumber", b"rawequal", b"collectgarbage", b"getmetatable", b"rawset",
        b"pcall", b"coroutine", b"type", b"_G", b"select", b"unpack", b"gcinfo",
        b"pairs", b"rawget", b"loadstring", b"ipairs", b"_VERSION",
        b"load", b"error",
    ]
    + [b"debug"]
)  # fmt: skip
# (7.0.15's allow lists also have getfenv, setfenv and newproxy; the server
# we compare with, Debian's redis-server 7.0.15, has none of the three:
# its security fixes took them out, so we do too.)

LL_DEBUG, LL_VERBOSE, LL_NOTICE, LL_WARNING = 0, 1, 2, 3
PROPAGATE_AOF, PROPAGATE_REPL = 1, 2

# the message handler (eval.c, function_lua.c), in the same words: the
# function is a global in the EVAL engine, the chunk's result in the other
_ERR_HANDLER = b"""(err)
  local i = dbg.getinfo(2,'nSl')
  if i and i.what == 'C' then
    i = dbg.getinfo(3,'nSl')
  end
  if type(err) ~= 'table' then
    err = {err='ERR ' .. tostring(err)}  end  if i then
    err['source'] = i.source
    err['line'] = i.currentline
  end  return err
end
"""
ERR_HANDLER_EVAL = b"local dbg = debug\ndebug = nil\nfunction __redis__err__handler" + _ERR_HANDLER
ERR_HANDLER_FUNCTION = (
    b"local dbg = debug\ndebug = nil\nlocal error_handler = function " + _ERR_HANDLER + b"return error_handler"
)

# script flags (script.h), as the shebang and register_function spell them
FLAG_NO_WRITES = 1 << 0
FLAG_ALLOW_OOM = 1 << 1
FLAG_ALLOW_STALE = 1 << 2
FLAG_NO_CLUSTER = 1 << 3
FLAG_EVAL_COMPAT_MODE = 1 << 4
FLAG_ALLOW_CROSS_SLOT = 1 << 5
SCRIPT_FLAGS = [
    (b"no-writes", FLAG_NO_WRITES),
    (b"allow-oom", FLAG_ALLOW_OOM),
    (b"allow-stale", FLAG_ALLOW_STALE),
    (b"no-cluster", FLAG_NO_CLUSTER),
    (b"allow-cross-slot-keys", FLAG_ALLOW_CROSS_SLOT),
]


def sha1hex(data: bytes) -> bytes:
    return hashlib.sha1(data).hexdigest().encode()


class RunCtx:
    """scriptRunCtx: one run of a script or function."""

    def __init__(self, host, funcname: bytes, eval_mode: bool, read_only: bool, db: int, caller_resp: int, flags: int = 0):
        self.host = host
        self.funcname = funcname
        self.eval_mode = eval_mode
        self.read_only = read_only
        self.allow_oom = bool(flags & FLAG_ALLOW_OOM) and not flags & FLAG_EVAL_COMPAT_MODE
        self.db = db
        self.caller_resp = caller_resp
        self.resp = 2  # the script client's protocol (redis.setresp)
        self.write_dirty = False
        self.repl = PROPAGATE_AOF | PROPAGATE_REPL
        self.killed = False
        self.timedout = False
        self.changed = []  # (db, key) the run's commands wrote, in order


# -- the error table (luaPushErrorBuff) ----------------------------------------


def error_table(err: bytes, ignore_stats: bool = False) -> LuaTable:
    """luaPushErrorBuff: "-CODE msg" or "msg" (then code ERR) as {err="CODE msg"}."""
    if err[:1] == b"-":
        sp = err.find(b" ")
        if sp < 0:
            code, msg = b"ERR", err[1:]
        else:
            code, msg = err[1:sp], err[sp + 1 :]
    else:
        code, msg = b"ERR", err
    msg = msg.strip(b"\r\n")
    t = LuaTable()
    t.set(b"err", code + b" " + msg)
    if ignore_stats:
        t.set(b"ignore_error_stats_update", True)
    return t


def _raise(t) -> None:
    raise LuaError(t)


# -- RESP -> Lua (redisProtocolToLuaType) ------------------------------------


def reply_to_lua(r, resp: int):
    """A parsed reply (pylua.redis.resp.Reply) as redis.call returns it;
    ``resp`` the protocol it was written in (a null is false in RESP2, nil in RESP3)."""
    k = r.kind
    if k == "bulk":
        return r.value
    if k == "int":
        return float(r.value)
    if k == "status":
        t = LuaTable()
        t.set(b"ok", r.value)
        return t
    if k == "error":
        return error_table(b"-" + r.value, True)
    if k == "nil":
        return False if resp == 2 else None
    if k == "nilarray":
        return False
    if k in ("array", "push"):
        t = LuaTable()
        for j, item in enumerate(r.value):
            v = reply_to_lua(item, resp)
            if v is not None:
                t.set(float(j + 1), v)
        return t
    if k == "map":
        t = LuaTable()
        inner = LuaTable()
        t.set(b"map", inner)
        for a, b in r.value:
            key = reply_to_lua(a, resp)
            val = reply_to_lua(b, resp)
            if key is not None and not (key.__class__ is float and key != key):
                inner.set(key, val)
        return t
    if k == "set":
        t = LuaTable()
        inner = LuaTable()
        t.set(b"set", inner)
        for a in r.value:
            key = reply_to_lua(a, resp)
            if key is not None and not (key.__class__ is float and key != key):
                inner.set(key, True)
        return t
    if k == "double":
        t = LuaTable()
        t.set(b"double", float(r.value))
        return t
    if k == "bool":
        return bool(r.value)
    if k == "bignum":
        t = LuaTable()
        t.set(b"big_number", r.value)
        return t
    if k == "verbatim":
        fmt, data = r.value
        t = LuaTable()
        inner = LuaTable()
        t.set(b"verbatim_string", inner)
        inner.set(b"string", data)
        inner.set(b"format", fmt)
        return t
    raise ValueError("unknown reply kind %r" % k)


# -- Lua -> RESP (luaReplyToRedisReply) --------------------------------------


def _ll(d: float) -> int:
    """(long long)d as x86-64 converts it: out of range (and NaN) is LLONG_MIN."""
    if d != d or d >= 9.2233720368547758e18 or d < -9.2233720368547758e18:
        return -(1 << 63)
    return int(d)


def _bulk(b: bytes) -> bytes:
    """A bulk string reply."""
    return b"$%d\r\n%s\r\n" % (len(b), b)


def err_reply(msg: bytes) -> bytes:
    """addReplyError: "-ERR msg" unless msg has its own code ("-CODE ...")."""
    msg = error_line(msg)
    if msg[:1] == b"-":
        return msg + b"\r\n"
    return b"-ERR " + msg + b"\r\n"


def _null(resp: int) -> bytes:
    return b"_\r\n" if resp == 3 else b"$-1\r\n"


def _double(d: float, resp: int) -> bytes:
    if d in (math.inf, -math.inf):
        if resp == 2:
            return _bulk(b"inf" if d > 0 else b"-inf")
        return b",inf\r\n" if d > 0 else b",-inf\r\n"
    text = _g17(d)
    return _bulk(text) if resp == 2 else b",%s\r\n" % text


def _g17(d: float) -> bytes:
    if d != d:
        return b"-nan" if math.copysign(1.0, d) < 0 else b"nan"
    return b"%.17g" % d


def error_line(msg: bytes) -> bytes:
    """addReplyErrorFormat's cleaning: CR/LF trimmed at both ends, and
    none left inside the error line."""
    msg = msg.strip(b"\r\n")
    return msg.replace(b"\r", b" ").replace(b"\n", b" ")


def lua_to_reply(v, caller_resp: int, script_resp: int, out: list) -> None:
    """Append the reply for Lua value v to out (a list of bytes)."""
    c = v.__class__
    if c is bytes:
        out.append(_bulk(v))
    elif c is bool:
        if script_resp == 2:
            out.append(b":1\r\n" if v else _null(caller_resp))
        elif caller_resp == 3:
            out.append(b"#t\r\n" if v else b"#f\r\n")
        else:
            out.append(b":1\r\n" if v else b":0\r\n")
    elif c is float:
        out.append(b":%d\r\n" % _ll(v))
    elif c is LuaTable:
        e = v.get(b"err")
        if e.__class__ is bytes:
            # addReplyErrorFormatEx(c, "-%s", msg): a C string, cleaned
            out.append(error_line(b"-" + e.split(b"\0")[0]) + b"\r\n")
            return
        ok = v.get(b"ok")
        if ok.__class__ is bytes:
            out.append(b"+%s\r\n" % ok.replace(b"\r", b" ").replace(b"\n", b" "))
            return
        d = v.get(b"double")
        if d.__class__ is float:
            out.append(_double(d, caller_resp))
            return
        big = v.get(b"big_number")
        if big.__class__ is bytes:
            big = big.replace(b"\r", b" ").replace(b"\n", b" ")
            out.append(b"(%s\r\n" % big if caller_resp == 3 else _bulk(big))
            return
        vs = v.get(b"verbatim_string")
        if vs.__class__ is LuaTable:
            fmt = vs.get(b"format")
            s = vs.get(b"string")
            if fmt.__class__ in (bytes, float) and s.__class__ in (bytes, float):
                fmt = _tostr(fmt)
                s = _tostr(s)
                if caller_resp == 3:
                    out.append(b"=%d\r\n%s:%s\r\n" % (len(s) + 4, fmt[:3], s))
                else:
                    out.append(_bulk(s))
                return
        m = v.get(b"map")
        if m.__class__ is LuaTable:
            at = len(out)
            out.append(b"")
            n = 0
            k = m.next(None)
            while k is not None:
                lua_to_reply(k[0], caller_resp, script_resp, out)
                lua_to_reply(k[1], caller_resp, script_resp, out)
                n += 1
                k = m.next(k[0])
            out[at] = b"%%%d\r\n" % n if caller_resp == 3 else b"*%d\r\n" % (2 * n)
            return
        s = v.get(b"set")
        if s.__class__ is LuaTable:
            at = len(out)
            out.append(b"")
            n = 0
            k = s.next(None)
            while k is not None:
                lua_to_reply(k[0], caller_resp, script_resp, out)
                n += 1
                k = s.next(k[0])
            out[at] = b"~%d\r\n" % n if caller_resp == 3 else b"*%d\r\n" % n
            return
        at = len(out)
        out.append(b"")
        j = 1
        while True:
            item = v.get(float(j))
            if item is None:
                break
            lua_to_reply(item, caller_resp, script_resp, out)
            j += 1
        out[at] = b"*%d\r\n" % (j - 1)
    else:
        out.append(_null(caller_resp))


def _tostr(v) -> bytes:
    if v.__class__ is float:
        from ..numfmt import fmt_number

        return fmt_number(v)
    return v


def run_reply(L, ok: bool, value, ctx) -> bytes:
    """What luaCallFunction writes for a finished run: the converted
    result, or the error of a failed one."""
    if ok:
        out = []
        lua_to_reply(value, ctx.caller_resp, ctx.resp, out)
        return b"".join(out)
    if value.__class__ is not LuaTable:
        msg = b"execution failure"
        if value.__class__ in (bytes, float):
            msg = _tostr(value).split(b"\0")[0]
        return error_line(b"-ERR Error running script %s, %s" % (ctx.funcname, msg[:100])) + b"\r\n"
    e = value.get(b"err")
    msg = _tostr(e) if e.__class__ in (bytes, float) else b"(null)"
    src = value.get(b"source")
    line = value.get(b"line")
    final = b"-" + msg
    if src.__class__ in (bytes, float) and line.__class__ in (bytes, float):
        final += b" script: %s, on %s:%s." % (ctx.funcname, _tostr(src), _tostr(line))
    # addReplyErrorLength: "-ERR " unless it starts with '-' (it does)
    return final + b"\r\n"


# -- the redis table -----------------------------------------------------------


def _ctx(L, what: bytes):
    ctx = L.redis_ctx
    if ctx is None:
        _raise(error_table(what + b" can only be called inside a script invocation"))
    return ctx


def _argv(args) -> list | LuaTable:
    """luaArgsToRedisArgv: the arguments as bytes, or the error table."""
    if not args:
        return error_table(b"Please specify at least one argument for this redis lib call")
    argv = []
    for v in args:
        if v.__class__ is float:
            argv.append(_g17(v))  # not tostring's %.14g: snprintf("%.17g")
        elif v.__class__ is bytes:
            argv.append(v)
        else:
            return error_table(b"Lua redis lib command arguments must be strings or integers")
    return argv


def _generic(L, args, raise_error: bool):
    ctx = L.redis_ctx
    if ctx is None:
        _raise(error_table(b"redis.call/pcall can only be called inside a script invocation"))
    argv = _argv(args)
    if argv.__class__ is LuaTable:
        if raise_error:
            _raise(argv)
        return [argv]
    err, reply = ctx.host.script_call(ctx, argv)
    if err is not None:
        t = error_table(err, True)
        if raise_error:
            _raise(t)
        return [t]
    r, _ = _resp.parse(reply)
    v = reply_to_lua(r, ctx.resp)
    if raise_error and reply[:1] == b"-":
        _raise(v)
    return [v]


def redis_call(L, args):
    return _generic(L, args, True)


def redis_pcall(L, args):
    return _generic(L, args, False)


def lua_redis_pcall(L, args):
    """Redis's pcall: an error table with a string err becomes that string."""
    try:
        res = yield Call(args[0] if args else None, args[1:], protected=True, at=0)
    except LuaError as e:
        err = e.value
        if err.__class__ is LuaTable:
            m = err.get(b"err")
            if m.__class__ in (bytes, float):
                err = m
        return [False, err]
    return [True, *res]


def redis_sha1hex(L, args):
    if len(args) != 1:
        _raise(error_table(b"wrong number of arguments"))
    s = args[0]
    if s.__class__ is float:
        s = _tostr(s)
    elif s.__class__ is not bytes:
        s = b""  # lua_tolstring gives NULL: sha1 of nothing
    return [sha1hex(s)]


def redis_error_reply(L, args):
    if len(args) != 1 or args[0].__class__ is not bytes:
        return [error_table(b"wrong number or type of arguments")]
    err = args[0]
    if err[:1] != b"-":
        err = b"-" + err
    return [error_table(err)]


def redis_status_reply(L, args):
    if len(args) != 1 or args[0].__class__ is not bytes:
        return [error_table(b"wrong number or type of arguments")]
    t = LuaTable()
    t.set(b"ok", args[0])
    return [t]


def redis_set_repl(L, args):
    ctx = _ctx(L, b"redis.set_repl")
    if len(args) != 1:
        _raise(error_table(b"redis.set_repl() requires two arguments."))
    flags = _c_int(_tonumber(args[-1]))
    if flags & ~(PROPAGATE_AOF | PROPAGATE_REPL):
        _raise(error_table(b"Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE."))
    ctx.repl = flags
    return []


def redis_setresp(L, args):
    ctx = _ctx(L, b"redis.setresp")
    if len(args) != 1:
        _raise(error_table(b"redis.setresp() requires one argument."))
    r = _c_int(_tonumber(args[0]))
    if r not in (2, 3):
        _raise(error_table(b"RESP version must be 2 or 3."))
    ctx.resp = r
    return []


def redis_acl_check_cmd(L, args):
    ctx = _ctx(L, b"redis.acl_check_cmd")
    argv = _argv(args)
    if argv.__class__ is LuaTable:
        _raise(argv)
    if not ctx.host.lookup_command(argv):
        _raise(error_table(b"Invalid command passed to redis.acl_check_cmd()"))
    return [True]  # the default user may run every command


def redis_log(L, args):
    argc = len(args)
    if argc < 2:
        _raise(error_table(b"redis.log() requires two arguments or more."))
    level = _tonumber(args[0])
    if level is None:
        _raise(error_table(b"First argument must be a number (log level)."))
    level = _c_int(level)
    if level < LL_DEBUG or level > LL_WARNING:
        _raise(error_table(b"Invalid debug level."))
    host = getattr(L, "redis_host", None)
    if host is None or level < host.verbosity:
        return []
    parts = [_tostr(a) for a in args[1:] if a.__class__ in (bytes, float)]
    host.log(level, b" ".join(parts))
    return []


def redis_breakpoint(L, args):
    dbg = getattr(L, "redis_debugger", None)
    if dbg is None:
        return [False]
    dbg.breakpoint(L)
    return [True]


def redis_debug(L, args):
    dbg = getattr(L, "redis_debugger", None)
    if dbg is None:
        return []
    dbg.debug_values(L, args)
    return []


def redis_replicate_commands(L, args):
    return [True]


def _tonumber(v):
    from ..conv import tonumber

    return tonumber(v)


def _c_int(d) -> int:
    """(int)lua_Number: truncation, then the low 32 bits."""
    if d is None:
        return 0
    n = _ll(d) & 0xFFFFFFFF
    return n - (1 << 32) if n & 0x80000000 else n


# -- math.random on redisLrand48 ----------------------------------------------

LRAND48_MAX = 2147483647


def redis_math_random(L, args):
    if L.redis_ctx is None:
        raise L.error("math.random can only be called inside a script invocation")
    r = float(L.redis_rand.lrand48() % LRAND48_MAX) / float(LRAND48_MAX)
    return scale_random(L, args, r)


def redis_math_randomseed(L, args):
    if L.redis_ctx is None:
        raise L.error("math.randomseed can only be called inside a script invocation")
    L.redis_rand.seed(check_int(args, 1))
    return []


def protected_table_error(L, args):
    """luaProtectedTableError: the __index of the globals."""
    if len(args) != 2:
        raise L.error("Wrong number of arguments to luaProtectedTableError")
    name = args[-1]
    if name.__class__ is float:
        name = _tostr(name)
    elif name.__class__ is not bytes:
        raise L.error("Second argument to luaProtectedTableError must be a string or number")
    raise L.error(b"Script attempted to access nonexistent global variable '%s'" % name.split(b"\0")[0])


# -- building the state ----------------------------------------------------------

REDIS_FUNCS = [
    (b"call", redis_call),
    (b"pcall", redis_pcall),
    (b"log", redis_log),
    (b"setresp", redis_setresp),
    (b"sha1hex", redis_sha1hex),
    (b"error_reply", redis_error_reply),
    (b"status_reply", redis_status_reply),
    (b"set_repl", redis_set_repl),
    (b"acl_check_cmd", redis_acl_check_cmd),
]


def _set(t: LuaTable, name: bytes, fn) -> None:
    t.set(name, Builtin(name.decode(), fn))


def _register_log(t: LuaTable) -> None:
    _set(t, b"log", redis_log)
    t.set(b"LOG_DEBUG", float(LL_DEBUG))
    t.set(b"LOG_VERBOSE", float(LL_VERBOSE))
    t.set(b"LOG_NOTICE", float(LL_NOTICE))
    t.set(b"LOG_WARNING", float(LL_WARNING))


def _register_version(t: LuaTable) -> None:
    t.set(b"REDIS_VERSION_NUM", float(REDIS_VERSION_NUM))
    t.set(b"REDIS_VERSION", REDIS_VERSION)


def _open_redis_libs(L) -> None:
    """luaLoadLibraries, then the allow list's filter (luaNewIndexAllowList
    drops a global that is on no list: print, dofile, loadfile...)."""
    import importlib

    for name in ("base", "coroutine", "table", "string", "math", "debug"):
        importlib.import_module("pylua.lib." + name).open(L)
    for name in ("cjson", "lstruct", "cmsgpack", "bit"):
        try:
            mod = importlib.import_module("pylua.redis." + name)
        except ModuleNotFoundError:  # pragma: no cover - while the libraries are being written
            continue
        mod.open(L)
    g = L.globals
    k = g.next(None)
    drop = []
    while k is not None:
        if k[0] not in ALLOWED_GLOBALS:
            drop.append(k[0])
        k = g.next(k[0])
    for name in drop:
        g.set(name, None)


def _register_redis_api(L) -> LuaTable:
    """luaRegisterRedisAPI: libraries, pcall, the redis table, math.random."""
    _open_redis_libs(L)
    g = L.globals
    g.set(b"pcall", Builtin("pcall", lua_redis_pcall))
    r = LuaTable()
    _set(r, b"call", redis_call)
    _set(r, b"pcall", redis_pcall)
    _register_log(r)
    _register_version(r)
    _set(r, b"setresp", redis_setresp)
    _set(r, b"sha1hex", redis_sha1hex)
    _set(r, b"error_reply", redis_error_reply)
    _set(r, b"status_reply", redis_status_reply)
    _set(r, b"set_repl", redis_set_repl)
    r.set(b"REPL_NONE", 0.0)
    r.set(b"REPL_AOF", float(PROPAGATE_AOF))
    r.set(b"REPL_SLAVE", float(PROPAGATE_REPL))
    r.set(b"REPL_REPLICA", float(PROPAGATE_REPL))
    r.set(b"REPL_ALL", float(PROPAGATE_AOF | PROPAGATE_REPL))
    _set(r, b"acl_check_cmd", redis_acl_check_cmd)
    g.set(b"redis", r)
    m = g.get(b"math")
    _set(m, b"random", redis_math_random)
    _set(m, b"randomseed", redis_math_randomseed)
    return r


def _error_metatable(L, t: LuaTable) -> None:
    """luaSetErrorMetatable."""
    mt = LuaTable()
    mt.set(b"__index", Builtin("__index", protected_table_error))
    L.setmetatable(t, mt)


def protect(L, t: LuaTable) -> None:
    """luaSetTableProtectionRecursively."""
    todo = [t]
    while todo:
        t = todo.pop()
        if L.is_readonly(t):
            continue
        L.set_readonly(t, True)
        kids = []
        k = t.next(None)
        while k is not None:
            if k[1].__class__ is LuaTable:
                kids.append(k[1])
            k = t.next(k[0])
        mt = L.getmetatable(t)
        if mt is not None:
            kids.append(mt)
        todo.extend(reversed(kids))


def _new_lua(host, memory_limit, stdout):
    from ..runtime import Lua

    return _prepare(Lua(sandbox=True, openlibs=False, memory_limit=memory_limit, stdout=stdout), host)


def _prepare(L, host):
    L.hash_all = True  # Redis's Lua hashes every byte of a string (its commit 7f88923b4)
    L.use_memory()
    L.redis_ctx = None
    L.redis_host = host
    L.redis_debugger = None
    L.redis_rand = host.rand if host is not None else Rand48()
    return L


def eval_state(host=None, memory_limit=None, stdout=None):
    """scriptingInit: the EVAL engine's state."""
    return setup_eval(_new_lua(host, memory_limit, stdout), host)


def setup_eval(L, host):
    """scriptingInit on L, a state with no library open yet."""
    _prepare(L, host)
    r = _register_redis_api(L)
    _set(r, b"breakpoint", redis_breakpoint)
    _set(r, b"debug", redis_debug)
    _set(r, b"replicate_commands", redis_replicate_commands)
    L.execute(ERR_HANDLER_EVAL, "@err_handler_def")
    g = L.globals
    _error_metatable(L, g)
    protect(L, g)
    return L


def function_state(host=None, memory_limit=None, stdout=None):
    """luaEngineInitEngine: the function engine's state.  Returns L; the
    library API globals are L.redis_library_api, the real globals
    L.redis_globals_api, the error handler L.redis_error_handler."""
    L = _new_lua(host, memory_limit, stdout)
    _register_redis_api(L)
    api = LuaTable()  # load library globals
    r = LuaTable()  # the load library's redis table
    _set(r, b"register_function", register_function)
    _register_log(r)
    _register_version(r)
    _error_metatable(L, r)
    api.set(b"redis", r)
    _error_metatable(L, api)
    protect(L, api)
    L.redis_library_api = api
    g = L.globals
    dbg = g.get(b"debug")
    L.redis_error_handler = L.execute(ERR_HANDLER_FUNCTION, "@err_handler_def")[0]
    # The same handler for a callback that is a builtin: in Redis the
    # callback is then the bottom of the Lua stack (lua_pcall from the
    # server), getinfo(3) finds nothing and the error gets no position;
    # pylua has the host's frame there ("=[C]", line -1).
    g.set(b"debug", dbg)
    L.redis_error_handler_builtin = L.execute(
        ERR_HANDLER_FUNCTION.replace(b"i = dbg.getinfo(3,'nSl')", b"i = nil"), "@err_handler_def"
    )[0]
    # (the server we compare with has no getfenv: see ALLOWED_GLOBALS)
    g.set(b"getfenv", None)
    _error_metatable(L, g)
    protect(L, g)
    L.redis_globals_api = g
    new_g = LuaTable()
    mt = LuaTable()
    mt.set(b"__index", g)
    L.set_readonly(mt, True)
    L.setmetatable(new_g, mt)
    L.set_readonly(new_g, True)
    L.globals = new_g
    L.main.globals = new_g
    L.redis_globals_meta = mt
    return L


# -- FUNCTION LOAD's register_function ----------------------------------------


def _read_flags(t: LuaTable):
    flags = 0
    j = 1
    while True:
        v = t.get(float(j))
        j += 1
        if v is None:
            return flags
        if v.__class__ not in (bytes, float):
            return None
        s = _tostr(v).lower()
        for name, bit in SCRIPT_FLAGS:
            if s == name:
                flags |= bit
                break
        else:
            return None


def register_function(L, args):
    load = getattr(L, "redis_load", None)
    if load is None:
        _raise(error_table(b"redis.register_function can only be called on FUNCTION LOAD command"))
    argc = len(args)
    if argc < 1 or argc > 2:
        _raise(error_table(b"wrong number of arguments to redis.register_function"))
    desc = None
    flags = 0
    if argc == 1:
        t = args[0]
        if t.__class__ is not LuaTable:
            _raise(
                error_table(
                    b"calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments)."
                )
            )
        name = None
        fn = None
        k = t.next(None)
        while k is not None:
            key, val = k
            if key.__class__ not in (bytes, float):
                _raise(error_table(b"named argument key given to redis.register_function is not a string"))
            lk = _tostr(key).lower()
            if lk == b"function_name":
                if val.__class__ not in (bytes, float):
                    _raise(error_table(b"function_name argument given to redis.register_function must be a string"))
                name = _tostr(val)
            elif lk == b"description":
                if val.__class__ not in (bytes, float):
                    _raise(error_table(b"description argument given to redis.register_function must be a string"))
                desc = _tostr(val)
            elif lk == b"callback":
                if val.__class__ not in (LuaFunction, Builtin):
                    _raise(error_table(b"callback argument given to redis.register_function must be a function"))
                fn = val
            elif lk == b"flags":
                if val.__class__ is not LuaTable:
                    _raise(
                        error_table(
                            b"flags argument to redis.register_function must be a table representing function flags"
                        )
                    )
                flags = _read_flags(val)
                if flags is None:
                    _raise(error_table(b"unknown flag given"))
            else:
                _raise(error_table(b"unknown argument given to redis.register_function"))
            k = t.next(key)
        if name is None:
            _raise(error_table(b"redis.register_function must get a function name argument"))
        if fn is None:
            _raise(error_table(b"redis.register_function must get a callback argument"))
    else:
        name = args[0]
        if name.__class__ not in (bytes, float):
            _raise(error_table(b"first argument to redis.register_function must be a string"))
        name = _tostr(name)
        fn = args[1]
        if fn.__class__ not in (LuaFunction, Builtin):
            _raise(error_table(b"second argument to redis.register_function must be a function"))
    err = load.add_function(name, fn, desc, flags)
    if err is not None:
        _raise(error_table(err))
    return []


__all__ = [
    "RunCtx",
    "eval_state",
    "function_state",
    "lua_to_reply",
    "reply_to_lua",
    "run_reply",
    "error_table",
    "sha1hex",
    "check_number",
]
