"""FUNCTION and FCALL (functions.c, function_lua.c of Redis 7.0.15).

A library is loaded from a payload ``#!lua name=<lib>\\n<code>``: its code
runs once in the function engine's Lua state (scripting.function_state)
with only the library API visible (``redis.register_function``,
``redis.log``, the version fields), under a time limit (FUNCTION LOAD
timeout); the functions it registers are then called by FCALL/FCALL_RO with
the keys and arguments as their two arguments, through the server's
``_start`` (so BUSY and FUNCTION KILL work as for EVAL).

Orders: Redis keeps libraries and a library's functions in dicts whose
iteration order depends on a hash seed chosen at random when the server
starts, so FUNCTION LIST (and DUMP) list several libraries or functions in
an order that changes between runs of the same server; we use the order
they were created in.
"""

from __future__ import annotations

import time

from ..errors import LuaError
from ..values import Builtin, LuaTable
from .scripting import (
    FLAG_NO_WRITES,
    SCRIPT_FLAGS,
    RunCtx,
    _bulk,
    error_table,
    function_state,
)
from .scripting import (
    err_reply as _err,
)
from .sds import split_args

LOAD_TIMEOUT_MS = 500
LOAD_SLICE = 10_000  # instructions between looks at the clock during a load
ENGINE = b"LUA"

NAME_ERROR = b"Library names can only contain letters, numbers, or underscores(_) and must be at least one character long"
BUSY_EVAL = (
    b"-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n"
)
OK = b"+OK\r\n"




def verify_name(name: bytes) -> bool:
    """functionsVerifyName: letters, digits, '_', at least one."""
    if not name:
        return False
    for c in name:
        if not (97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c == 95):
            return False
    return True


class Function:
    """functionInfo."""

    __slots__ = ("name", "fn", "desc", "flags", "lib")

    def __init__(self, name: bytes, fn, desc, flags: int, lib):
        self.name = name
        self.fn = fn
        self.desc = desc
        self.flags = flags
        self.lib = lib


class Library:
    """functionLibInfo: the name, the whole payload, its functions (a
    case-sensitive dict, in the order they were registered)."""

    def __init__(self, name: bytes, code: bytes):
        self.name = name
        self.code = code
        self.functions: dict[bytes, Function] = {}

    # the object register_function reports to (L.redis_load)
    def add_function(self, name: bytes, fn, desc, flags: int):
        """functionLibCreateFunction: None, or the error message."""
        if not verify_name(name):
            return NAME_ERROR
        if name in self.functions:
            return b"Function already exists in the library"
        self.functions[name] = Function(name, fn, desc, flags, self)
        return None


def extract_metadata(payload: bytes):
    """functionExtractLibMetaData: (engine, name, code) or an error message."""
    if payload[:2] != b"#!":
        return b"Missing library metadata"
    end = payload.find(b"\n")
    # (a C string: strchr stops at a NUL byte too)
    nul = payload.find(b"\0")
    if end < 0 or (0 <= nul < end):
        return b"Invalid library metadata"
    parts = split_args(payload[:end])
    if not parts:
        return b"Invalid library metadata"
    engine = parts[0][2:]
    name = None
    for part in parts[1:]:
        if part[:5].lower() == b"name=":
            if name is not None:
                return b"Invalid metadata value, name argument was given multiple times"
            name = part[5:]
            continue
        return b"Invalid metadata value given: %s" % part
    if name is None:
        return b"Library name was not given"
    return engine, name, payload[end:]


def stringmatch(pattern: bytes, string: bytes, nocase: bool = True) -> bool:
    """stringmatchlen (util.c)."""
    skip = [False]
    return _match(pattern, 0, string, 0, nocase, skip)


def _low(c: int) -> int:
    return c + 32 if 65 <= c <= 90 else c


def _sc(c: int) -> int:
    """A char as x86's signed char."""
    return c - 256 if c >= 128 else c


def _match(p: bytes, pi: int, s: bytes, si: int, nocase: bool, skip: list) -> bool:
    pn, sn = len(p), len(s)

    def pat(i):
        return p[i] if i < pn else 0

    while pi < pn and si < sn:
        c = p[pi]
        if c == 42:  # '*'
            while pi < pn and pat(pi + 1) == 42:
                pi += 1
            if pn - pi == 1:
                return True
            while si < sn:
                if _match(p, pi + 1, s, si, nocase, skip):
                    return True
                if skip[0]:
                    return False
                si += 1
            skip[0] = True
            return False
        elif c == 63:  # '?'
            si += 1
        elif c == 91:  # '['
            pi += 1
            neg = pat(pi) == 94
            if neg:
                pi += 1
            match = False
            sc = s[si]
            while True:
                if pat(pi) == 92 and pn - pi >= 2:
                    pi += 1
                    if p[pi] == sc:
                        match = True
                elif pat(pi) == 93:
                    break
                elif pi >= pn:
                    pi -= 1
                    break
                elif pn - pi >= 3 and p[pi + 1] == 45:
                    start, end, ch = _sc(p[pi]), _sc(p[pi + 2]), _sc(sc)
                    if start > end:
                        start, end = end, start
                    if nocase:
                        start, end, ch = _low(start), _low(end), _low(ch)
                    pi += 2
                    if start <= ch <= end:
                        match = True
                else:
                    if nocase:
                        if _low(p[pi]) == _low(sc):
                            match = True
                    elif p[pi] == sc:
                        match = True
                pi += 1
            if neg:
                match = not match
            if not match:
                return False
            si += 1
        else:
            if c == 92 and pn - pi >= 2:  # '\\'
                pi += 1
                c = p[pi]
            if nocase:
                if _low(c) != _low(s[si]):
                    return False
            elif c != s[si]:
                return False
            si += 1
        pi += 1
        if si == sn:
            while pat(pi) == 42:
                pi += 1
            break
    return pi >= pn and si >= sn


class FunctionEngine:
    """The functions of a Server: its libraries, its functions (by name,
    case-insensitive), the Lua engine's state."""

    def __init__(self, server):
        self.server = server
        self.load_timeout_ms = LOAD_TIMEOUT_MS
        self.libraries: dict[bytes, Library] = {}
        self.functions: dict[bytes, Function] = {}
        self._new_state()

    def _new_state(self) -> None:
        srv = self.server
        self.L = function_state(srv, getattr(srv, "memory_limit", None))
        self.L.redis_load = None

    # -- the library dicts (libraryLink / libraryUnlink) ----------------------

    def _link(self, lib: Library) -> None:
        for fname, f in lib.functions.items():
            self.functions.setdefault(fname.lower(), f)
        self.libraries[lib.name] = lib

    def _unlink(self, lib: Library) -> None:
        for fname in lib.functions:
            f = self.functions.get(fname.lower())
            if f is not None and f.lib is lib:
                del self.functions[fname.lower()]
        del self.libraries[lib.name]

    # -- FUNCTION LOAD ------------------------------------------------------------

    def create(self, payload: bytes, replace: bool, timeout_ms: int):
        """functionsCreateWithLibraryCtx: (library name, None) or (None, error)."""
        md = extract_metadata(payload)
        if not isinstance(md, tuple):
            return None, md
        engine, name, code = md
        if not verify_name(name):
            return None, NAME_ERROR
        if engine.upper() != ENGINE:
            return None, b"Engine '%s' not found" % engine
        old = self.libraries.get(name)
        if old is not None and not replace:
            return None, b"Library '%s' already exists" % name
        if old is not None:
            self._unlink(old)
        lib = Library(name, payload)
        e = self._engine_create(lib, code, timeout_ms)
        if e is None and not lib.functions:
            e = b"No functions registered"
        if e is None:
            for fname in lib.functions:
                if fname.lower() in self.functions:
                    e = b"Function %s already exists" % fname
                    break
        if e is not None:
            if old is not None:
                self._link(old)
            return None, e
        self._link(lib)
        return name, None

    def _engine_create(self, lib: Library, code: bytes, timeout_ms: int):
        """luaEngineCreate: compile the code and run it with the library
        API as its globals; None, or the error message."""
        from ..runtime import ERROR, FINISHED

        L = self.L
        mt = L.redis_globals_meta
        self._set_index(mt, L.redis_library_api)
        try:
            try:
                fn = L.load(code, b"@user_function")
            except LuaError as e:  # LuaSyntaxError, or not enough memory
                return b"Error compiling function: %s" % _cstr(e.value)
            L.redis_load = lib
            L.start(fn, handler=None)
            start = time.monotonic()
            hooked = False
            while True:
                st = L.run(LOAD_SLICE)
                if st == FINISHED:
                    return None
                if st == ERROR:
                    return b"Error registering functions: %s" % _error_message(L.host_error.value)
                if (
                    not hooked
                    and timeout_ms > 0
                    and (time.monotonic() - start) * 1000.0 > timeout_ms
                ):
                    # luaEngineLoadHook: the error is raised from the hook,
                    # at once (and again on every line should it be caught)
                    L.sethook(L.main, Builtin("load_timeout", _timeout_hook), "l", 1)
                    hooked = True
        finally:
            L.redis_load = None
            L.sethook(L.main, None, "", 0)
            self._set_index(mt, L.redis_globals_api)

    def _set_index(self, mt: LuaTable, value) -> None:
        """The globals' metatable is read-only: open it for the change."""
        L = self.L
        L.set_readonly(mt, False)
        mt.set(b"__index", value)
        L.set_readonly(mt, True)

    # -- commands -------------------------------------------------------------------

    def command(self, client, argv) -> bytes:
        sub = argv[1].lower()
        h = getattr(self, "_cmd_" + sub.decode("latin-1"), None)
        if h is None:
            return _err(b"unknown subcommand '%s'. Try FUNCTION HELP." % argv[1])
        return h(client, argv)

    def _cmd_load(self, client, argv):
        replace = False
        pos = 2
        while pos < len(argv) - 1:
            a = argv[pos]
            pos += 1
            if a.lower() == b"replace":
                replace = True
                continue
            return _err(b"Unknown option given: %s" % a)
        if pos >= len(argv):
            return _err(b"Function code is missing")
        name, e = self.create(argv[pos], replace, self.load_timeout_ms)
        if name is None:
            return _err(e)
        return _bulk(name)

    def _cmd_delete(self, client, argv):
        lib = self.libraries.get(argv[2])
        if lib is None:
            return _err(b"Library not found")
        self._unlink(lib)
        return OK

    def _cmd_flush(self, client, argv):
        if len(argv) > 3:
            return _syntax_error(argv)
        if len(argv) == 3 and argv[2].lower() not in (b"sync", b"async"):
            return _err(b"FUNCTION FLUSH only supports SYNC|ASYNC option")
        self.flush()
        return OK

    def flush(self) -> None:
        """Every library deleted, and a new Lua state for the engine."""
        self.libraries = {}
        self.functions = {}
        self._new_state()

    def _cmd_kill(self, client, argv):
        return self.server.kill(False)

    def _cmd_stats(self, client, argv):
        run = self.server.running
        if run is not None and run.ctx.eval_mode:
            return BUSY_EVAL
        resp = client.resp
        out = [_map(2, resp), _bulk(b"running_script")]
        if run is None:
            out.append(b"_\r\n" if resp == 3 else b"$-1\r\n")
        else:
            cmd = getattr(run.ctx, "argv", None) or []
            out.append(_map(3, resp))
            out.append(_bulk(b"name") + _bulk(run.ctx.funcname))
            out.append(_bulk(b"command") + b"*%d\r\n" % len(cmd) + b"".join(_bulk(a) for a in cmd))
            out.append(_bulk(b"duration_ms") + b":%d\r\n" % int(run.elapsed_ms()))
        out.append(_bulk(b"engines") + _map(1, resp) + _bulk(ENGINE) + _map(2, resp))
        out.append(_bulk(b"libraries_count") + b":%d\r\n" % len(self.libraries))
        nfun = sum(len(lib.functions) for lib in self.libraries.values())
        out.append(_bulk(b"functions_count") + b":%d\r\n" % nfun)
        return b"".join(out)

    def _cmd_list(self, client, argv):
        with_code = False
        pattern = None
        i = 2
        while i < len(argv):
            a = argv[i]
            if not with_code and a.lower() == b"withcode":
                with_code = True
                i += 1
                continue
            if pattern is None and a.lower() == b"libraryname":
                if i >= len(argv) - 1:
                    return _err(b"library name argument was not given")
                pattern = argv[i + 1]
                i += 2
                continue
            return _err(b"Unknown argument %s" % a)
        resp = client.resp
        libs = [
            lib
            for lib in self.libraries.values()
            if pattern is None or stringmatch(pattern, lib.name, True)
        ]
        out = [b"*%d\r\n" % len(libs)]
        for lib in libs:
            out.append(_map(4 if with_code else 3, resp))
            out.append(_bulk(b"library_name") + _bulk(lib.name))
            out.append(_bulk(b"engine") + _bulk(ENGINE))
            out.append(_bulk(b"functions") + b"*%d\r\n" % len(lib.functions))
            for f in lib.functions.values():
                out.append(_map(3, resp))
                out.append(_bulk(b"name") + _bulk(f.name))
                out.append(_bulk(b"description"))
                if f.desc is not None:
                    out.append(_bulk(f.desc))
                else:
                    out.append(b"_\r\n" if resp == 3 else b"$-1\r\n")
                out.append(_bulk(b"flags"))
                names = [n for n, bit in SCRIPT_FLAGS if f.flags & bit]
                out.append((b"~%d\r\n" if resp == 3 else b"*%d\r\n") % len(names))
                out.extend(b"+%s\r\n" % n for n in names)
            if with_code:
                out.append(_bulk(b"library_code") + _bulk(lib.code))
        return b"".join(out)

    def _cmd_dump(self, client, argv):
        from . import rdb

        return _bulk(rdb.dump_functions([lib.code for lib in self.libraries.values()]))

    def _cmd_restore(self, client, argv):
        from . import rdb

        if len(argv) > 4:
            return _syntax_error(argv)
        policy = b"append"
        if len(argv) == 4:
            policy = argv[3].lower()
            if policy not in (b"append", b"replace", b"flush"):
                return _err(
                    b"Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE."
                )
        payloads, e = rdb.load_functions(argv[2])
        if e is not None and not payloads:
            return _err(e)
        return self.restore(payloads, policy, e)

    def restore(self, payloads: list, policy: bytes, read_error: bytes | None = None) -> bytes:
        """functionRestoreCommand after the payload is read: the libraries
        are created into an empty set first (each load without a time
        limit), then joined (libraryJoin) or swapped in (FLUSH)."""
        saved = self.libraries, self.functions
        self.libraries, self.functions = {}, {}
        new_libs = []
        for code in payloads:
            name, e = self.create(code, False, 0)
            if name is None:
                self.libraries, self.functions = saved
                return _err(e)
            new_libs.append(self.libraries[name])
        if read_error is not None:
            self.libraries, self.functions = saved
            return _err(read_error)
        new_funcs = self.functions
        self.libraries, self.functions = saved
        if policy == b"flush":
            self.libraries, self.functions = {}, {}
            for lib in new_libs:
                self._link(lib)
            return OK
        replaced = []
        for lib in new_libs:
            old = self.libraries.get(lib.name)
            if old is not None:
                if policy != b"replace":
                    self._relink(replaced)
                    return _err(b"Library %s already exists" % lib.name)
                self._unlink(old)
                replaced.append(old)
        for f in new_funcs.values():
            if f.name.lower() in self.functions:
                self._relink(replaced)
                return _err(b"Function %s already exists" % f.name)
        for lib in new_libs:
            self._link(lib)
        return OK

    def _relink(self, libs) -> None:
        for lib in libs:
            self._link(lib)

    def _cmd_help(self, client, argv):
        """addReplyHelp."""
        lines = [b"%s <subcommand> [<arg> [value] [opt] ...]. Subcommands are:" % argv[0].upper()]
        lines += FUNCTION_HELP
        lines += [b"HELP", b"    Prints this help."]
        return b"*%d\r\n" % len(lines) + b"".join(b"+%s\r\n" % x for x in lines)

    # -- FCALL / FCALL_RO ---------------------------------------------------------

    def fcall(self, client, argv, ro: bool):
        """fcallCommandGeneric: the reply, or None while the function runs on."""
        from .rdb import string2ll

        f = self.functions.get(argv[1].lower())
        if f is None:
            return _err(b"Function not found")
        numkeys = string2ll(argv[2])
        if numkeys is None:
            return _err(b"Bad number of keys provided")
        if numkeys > len(argv) - 3:
            return _err(b"Number of keys can't be greater than number of args")
        if numkeys < 0:
            return _err(b"Number of keys can't be negative")
        flags = f.flags
        if not flags & FLAG_NO_WRITES and ro:
            return _err(b"Can not execute a script with write flag using *_ro command.")
        read_only = ro or bool(flags & FLAG_NO_WRITES)
        ctx = RunCtx(self.server, f.name, False, read_only, client.db, client.resp, flags)
        ctx.argv = list(argv)
        keys = LuaTable()
        for j, k in enumerate(argv[3 : 3 + numkeys]):
            keys.set(float(j + 1), k)
        args = LuaTable()
        for j, a in enumerate(argv[3 + numkeys :]):
            args.set(float(j + 1), a)
        L = self.L
        # (a builtin as the callback: see function_state)
        handler = (
            L.redis_error_handler
            if f.fn.__class__ is not Builtin
            else L.redis_error_handler_builtin
        )
        return self.server._start(client, L, f.fn, (keys, args), ctx, handler)


def _timeout_hook(L, args):
    raise LuaError(error_table(b"FUNCTION LOAD timeout"))


def _error_message(v) -> bytes:
    """luaExtractErrorInformation's msg: "ERR <string>", or a table's err."""
    msg = None
    if v.__class__ in (bytes, float):
        msg = b"ERR " + _cstr(v)
    elif v.__class__ is LuaTable:
        e = v.get(b"err")
        if e.__class__ in (bytes, float):
            msg = _cstr(e)
    return b"(null)" if msg is None else msg


def _cstr(v) -> bytes:
    if v.__class__ is float:
        from ..numfmt import fmt_number

        return fmt_number(v)
    if v.__class__ is bytes:
        return v.split(b"\0")[0]
    return b"(null)"


def _map(n: int, resp: int) -> bytes:
    return b"%%%d\r\n" % n if resp == 3 else b"*%d\r\n" % (2 * n)


def _syntax_error(argv) -> bytes:
    return _err(
        b"unknown subcommand or wrong number of arguments for '%s'. Try %s HELP."
        % (argv[1][:128], argv[0].upper())
    )


FUNCTION_HELP = [
    b"LOAD [REPLACE] <FUNCTION CODE>",
    b"    Create a new library with the given library name and code.",
    b"DELETE <LIBRARY NAME>",
    b"    Delete the given library.",
    b"LIST [LIBRARYNAME PATTERN] [WITHCODE]",
    b"    Return general information on all the libraries:",
    b"    * Library name",
    b"    * The engine used to run the Library",
    b"    * Library description",
    b"    * Functions list",
    b"    * Library code (if WITHCODE is given)",
    b"    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
    b"STATS",
    b"    Return information about the current function running:",
    b"    * Function name",
    b"    * Command used to run the function",
    b"    * Duration in MS that the function is running",
    b"    If no function is running, return nil",
    b"    In addition, returns a list of available engines.",
    b"KILL",
    b"    Kill the current running function.",
    b"FLUSH [ASYNC|SYNC]",
    b"    Delete all the libraries.",
    b"    When called without the optional mode argument, the behavior is determined by the",
    b"    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
    b"    * ASYNC: Asynchronously flush the libraries.",
    b"    * SYNC: Synchronously flush the libraries.",
    b"DUMP",
    b"    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
    b"RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
    b"    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
    b"    control how to handle existing libraries (default APPEND):",
    b"    * FLUSH: delete all existing libraries.",
    b"    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
    b"    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
    b"      libraries with the new libraries (notice that even on this option there is a chance of failure",
    b"      in case of functions name collision with another library).",
]
