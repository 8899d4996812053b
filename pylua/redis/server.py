"""A Redis server in one process: the keyspace is a Store (fakeredis), the
scripts run on pylua.

    srv = Server()
    srv.command("SET", "k", "1")                  # b"+OK\\r\\n", the raw reply
    srv.execute("EVAL", "return redis.call('INCR', KEYS[1])", 1, "k")   # 2
    c = srv.connect()                              # a second client
    c.send("EVAL", "while true do end", 0)         # returns at once
    c2 = srv.connect(); c2.command("PING")         # BUSY after the busy threshold
    c2.command("SCRIPT", "KILL"); c.read()         # the killed script's error

There are no threads: whoever waits for a reply drives the server.  A
script runs in slices of instructions; after ``busy_reply_threshold`` ms
it is "timed out", and commands of other clients are answered (BUSY, or
SCRIPT KILL / FUNCTION KILL, which may end it) while its own client's
reply waits, as Redis answers other clients from inside the script's
hook (processEventsWhileBlocked).
"""

from __future__ import annotations

import collections
import time

from ..errors import LuaError, LuaSyntaxError
from ..values import Builtin, LuaTable
from . import resp as _resp
from .host import Host
from .host import lookup as _lookup
from .scripting import (
    FLAG_EVAL_COMPAT_MODE,
    FLAG_NO_WRITES,
    SCRIPT_FLAGS,
    RunCtx,
    _bulk,
    error_table,
    eval_state,
    run_reply,
    sha1hex,
)
from .scripting import (
    err_reply as err,
)
from .sds import split_args
from .store import COMMANDS, Store

SLICE = 20_000  # instructions between looks at the clock
DEFAULT_MEMORY_LIMIT = 256 << 20

NOSCRIPT = b"-NOSCRIPT No matching script. Please use EVAL.\r\n"
BUSY_EVAL = b"-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n"
BUSY_FUNCTION = b"-BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.\r\n"
OK = b"+OK\r\n"


def _a(x) -> bytes:
    if isinstance(x, bytes):
        return x
    if isinstance(x, (bytearray, memoryview)):
        return bytes(x)
    if isinstance(x, str):
        return x.encode("utf-8")
    if isinstance(x, bool):
        raise TypeError("a command argument is bytes, str, int or float, not bool")
    if isinstance(x, int):
        return b"%d" % x
    if isinstance(x, float):
        return repr(x).encode()
    raise TypeError("a command argument is bytes, str, int or float, not %s" % type(x).__name__)




class Script:
    """luaScript: a body in the EVAL cache."""

    __slots__ = ("body", "flags", "fn")

    def __init__(self, body: bytes, flags: int, fn):
        self.body = body
        self.flags = flags
        self.fn = fn


def extract_shebang(body: bytes):
    """evalExtractShebangFlags: (flags, shebang length) or an error message."""
    if body[:2] != b"#!":
        return FLAG_EVAL_COMPAT_MODE, 0
    end = body.find(b"\n")
    if end < 0:
        return b"Invalid script shebang"
    parts = split_args(body[:end])
    if not parts:
        return b"Invalid engine in script shebang"
    if parts[0] != b"#!lua":
        return b"Unexpected engine in script shebang: %s" % parts[0]
    flags = 0
    for p in parts[1:]:
        if p[:6] == b"flags=":
            for f in p[6:].split(b",") if p[6:] else ():  # (sdssplitlen of "": nothing)
                for name, bit in SCRIPT_FLAGS:
                    if f == name:
                        flags |= bit
                        break
                else:
                    return b"Unexpected flag in script shebang: %s" % f
        else:
            return b"Unknown lua shebang option: %s" % p
    return flags, end


class Client:
    """A connection: its protocol (HELLO), database (SELECT) and the
    replies it has not read yet."""

    def __init__(self, server: Server, cid: int):
        self.server = server
        self.id = cid
        self.resp = 2
        self.db = 0
        self.replies = collections.deque()  # bytes, or None for the one a script owes
        self.name = None
        self.multi = None  # the commands queued since MULTI (a list), or None
        self.multi_error = False  # a command queued since MULTI was refused

    def send(self, *args) -> None:
        """Send a command without waiting for its reply (pipelining)."""
        self.server.submit(self, [_a(a) for a in args])

    def read(self) -> bytes:
        """The next reply (waits, driving the server, until it is there)."""
        return self.server.wait(self)

    def command(self, *args) -> bytes:
        self.send(*args)
        return self.read()

    def execute(self, *args):
        return decode_reply(self.command(*args))


def decode_reply(data: bytes):
    r, _ = _resp.parse(data)
    return _resp.decode(r)


class Run:
    """A script or function running (curr_run_ctx)."""

    def __init__(self, server, client, L, fn, args, ctx, handler):
        self.server = server
        self.client = client
        self.L = L
        self.ctx = ctx
        self.start = time.monotonic()
        self.done = False
        self.reply = None
        self.killing = False
        L.redis_ctx = ctx
        L.start(fn, *args, handler=handler)

    def elapsed_ms(self) -> float:
        return (time.monotonic() - self.start) * 1000.0

    def advance(self, until: float | None = None) -> bool:
        """Run until the script ends (True), or it has just timed out, or
        the time ``until`` (monotonic) has passed (False)."""
        from ..runtime import ERROR, FINISHED

        L = self.L
        ctx = self.ctx
        threshold = self.server.busy_reply_threshold
        while True:
            if ctx.killed and not self.killing:
                self.killing = True
                L.sethook(L.main, Builtin("kill", _kill_hook), "l", 0)
            st = L.run(SLICE)
            if st in (FINISHED, ERROR):
                self._finish(st == FINISHED)
                return True
            if not ctx.timedout and threshold > 0 and self.elapsed_ms() >= threshold:
                ctx.timedout = True
                return False
            if until is not None and time.monotonic() >= until:
                return False

    def _finish(self, ok: bool) -> None:
        L = self.L
        ctx = self.ctx
        if ok:
            res = L.host_results
            value = res[0] if res else None
        else:
            value = L.host_error.value
        L.redis_ctx = None
        if self.killing:
            L.sethook(L.main, None, "", 0)
        self.reply = run_reply(L, ok, value, ctx)
        self.done = True


def _kill_hook(L, args):
    raise LuaError(error_table(b"Script killed by user with SCRIPT KILL..."))


class Server(Host):
    """A Redis 7.0 server in process; see the module doc."""

    def __init__(self, store: Store | None = None, memory_limit: int | None = DEFAULT_MEMORY_LIMIT):
        Host.__init__(self, store if store is not None else Store())
        self.busy_reply_threshold = 5000  # ms (lua-time-limit)
        self.memory_limit = memory_limit
        self.clients = []
        self.queue = collections.deque()  # (client, argv) not yet processed
        self.running: Run | None = None
        self._next_id = 1
        self._reset_eval()
        from .functions import FunctionEngine

        self.functions = FunctionEngine(self)
        self.default = self.connect()

    def close(self) -> None:
        """Stop: a script still running is abandoned (its client gets an
        error), queued commands are dropped."""
        run = self.running
        if run is not None:
            self.running = None
            run.L.redis_ctx = None
            self._deliver(run.client, b"-ERR server closed while the script was running\r\n")
        for client, _argv in self.queue:
            self._deliver(client, b"-ERR server closed\r\n")
        self.queue.clear()

    # -- clients ---------------------------------------------------------------

    def connect(self) -> Client:
        c = Client(self, self._next_id)
        self._next_id += 1
        self.clients.append(c)
        return c

    def command(self, *args) -> bytes:
        """One command on the default connection: its raw RESP reply."""
        return self.default.command(*args)

    def execute(self, *args):
        """The same, decoded as redis-py decodes it (errors are returned
        as pylua.redis.resp.ReplyError values)."""
        return decode_reply(self.command(*args))

    def submit(self, client: Client, argv: list) -> None:
        self.queue.append((client, argv))
        client.replies.append(None)
        self._pump(None)

    def wait(self, client: Client) -> bytes:
        while True:
            if client.replies and client.replies[0] is not None:
                return client.replies.popleft()
            if not client.replies:
                raise RuntimeError("no reply pending on this connection")
            self._pump(client)

    def _pump(self, waiting: Client | None) -> None:
        """Process queued commands.  A running script is driven until it
        ends or times out; once timed out, other clients are answered
        (_serve_busy) and, if ``waiting`` needs it, the script goes on."""
        while True:
            run = self.running
            if run is not None:
                if not run.ctx.timedout and run.advance():
                    self._end_run(run)
                    continue
                self._serve_busy()
                if waiting is None or self._answered(waiting):
                    return
                if run.advance(time.monotonic() + 0.05):
                    self._end_run(run)
                continue
            if not self.queue:
                return
            client, argv = self.queue.popleft()
            reply = self._process(client, argv)
            if reply is not None:
                self._deliver(client, reply)

    def _answered(self, client) -> bool:
        return bool(client.replies) and client.replies[0] is not None

    def _deliver(self, client: Client, reply: bytes) -> None:
        r = client.replies
        for i, v in enumerate(r):
            if v is None:
                r[i] = reply
                return
        raise RuntimeError("a reply nobody asked for")

    def _end_run(self, run: Run) -> None:
        self.running = None
        self._deliver(run.client, run.reply)

    def _serve_busy(self) -> None:
        """processEventsWhileBlocked: other clients' commands get BUSY
        unless they may run now (allow-busy: SCRIPT KILL, FUNCTION KILL...)."""
        run = self.running
        keep = collections.deque()
        while self.queue:
            client, argv = self.queue.popleft()
            if client is run.client:
                keep.append((client, argv))
                continue
            name = argv[0].lower() if argv else b""
            info = _lookup(argv)
            if info is not None and "allow_busy" in info.get("flags", ()):
                reply = self._process(client, argv)
            elif name in (b"script", b"function") and len(argv) > 1 and argv[1].lower() == b"kill":
                reply = self._process(client, argv)
            else:
                reply = BUSY_EVAL if run.ctx.eval_mode else BUSY_FUNCTION
            self._deliver(client, reply)
        self.queue = keep

    def poll(self, deadline: float) -> bool:
        """For an event loop (pylua.redis.net): drive the running script
        until it ends or the time ``deadline`` (time.monotonic()) has
        passed, answering other clients' queued commands (BUSY, SCRIPT
        KILL) on the way, then process what is queued.  Never waits for a
        client.  True while a script is still running."""
        while True:
            run = self.running
            if run is not None:
                if run.advance(deadline):
                    self._end_run(run)
                    continue
                if run.ctx.timedout:
                    self._serve_busy()
                if time.monotonic() >= deadline:
                    return True
                continue
            if not self.queue:
                return False
            self._pump(None)

    # -- processing ------------------------------------------------------------

    def _process(self, client: Client, argv: list) -> bytes | None:
        """processCommand + call: the reply, or None when a script started."""
        if not argv:
            return b""  # (an empty line: redis ignores it)
        name = argv[0].lower().decode("latin-1")
        info = COMMANDS.get(name)
        if info is None:
            from .store import _unknown_command

            if client.multi is not None:
                client.multi_error = True
            return b"-" + _unknown_command(argv) + b"\r\n"
        if client.multi is not None and name not in ("exec", "discard", "multi", "watch", "quit", "reset"):
            e = self._check(name, info, argv)
            if e is not None:
                client.multi_error = True
                return e
            client.multi.append(argv)
            return b"+QUEUED\r\n"
        e = self._check(name, info, argv)
        if e is not None:
            return e
        h = getattr(self, "cmd_" + name.replace("-", "_"), None)
        if h is not None:
            return h(client, argv)
        return self.store.call(argv, client.resp, client.db)

    def _check(self, name, info, argv):
        """processCommand's checks: an unknown subcommand, the arity."""
        if "subcommands" in info and len(argv) >= 2:
            sub = info["subcommands"].get(argv[1].decode("latin-1").lower())
            if sub is None:
                return err(b"unknown subcommand '%s'. Try %s HELP." % (argv[1][:128], name.upper().encode()))
            info = sub
        arity = info["arity"]
        if (arity > 0 and len(argv) != arity) or (arity < 0 and len(argv) < -arity):
            return err(b"wrong number of arguments for '%s' command" % info["name"].encode())
        return None

    # transactions (multi.c; WATCH is not kept)

    def cmd_multi(self, client, argv):
        if client.multi is not None:
            return err(b"MULTI calls can not be nested")
        client.multi = []
        client.multi_error = False
        return OK

    def cmd_discard(self, client, argv):
        if client.multi is None:
            return err(b"DISCARD without MULTI")
        client.multi = None
        return OK

    def cmd_exec(self, client, argv):
        if client.multi is None:
            return err(b"EXEC without MULTI")
        queued, client.multi = client.multi, None
        if client.multi_error:
            return b"-EXECABORT Transaction discarded because of previous errors.\r\n"
        out = [b"*%d\r\n" % len(queued)]
        for a in queued:
            reply = self._process(client, a)
            if reply is None:  # a script: it runs to its end inside EXEC
                run = self.running
                while not run.advance():
                    pass
                self.running = None
                reply = run.reply
            out.append(reply)
        return b"".join(out)

    def cmd_watch(self, client, argv):
        if client.multi is not None:
            return err(b"WATCH inside MULTI is not allowed")
        return err(b"WATCH is not supported here (transactions run without it)")

    # connection commands

    def cmd_hello(self, client, argv):
        ver = client.resp
        if len(argv) >= 2:
            try:
                ver = int(argv[1])
            except ValueError:
                return err(b"Protocol version is not an integer or out of range")
            if ver < 2 or ver > 3:
                return b"-NOPROTO unsupported protocol version\r\n"
        i = 2
        while i < len(argv):
            opt = argv[i].lower()
            if opt == b"setname" and i + 1 < len(argv):
                client.name = argv[i + 1]
                i += 2
            elif opt == b"auth" and i + 2 < len(argv):
                i += 3
            else:
                return err(b"Syntax error in HELLO option '%s'" % argv[i])
        client.resp = ver
        fields = [
            (b"server", _bulk(b"redis")),
            (b"version", _bulk(b"7.0.15")),
            (b"proto", b":%d\r\n" % ver),
            (b"id", b":%d\r\n" % client.id),
            (b"mode", _bulk(b"standalone")),
            (b"role", _bulk(b"master")),
            (b"modules", b"*0\r\n"),
        ]
        head = b"%%%d\r\n" % len(fields) if ver == 3 else b"*%d\r\n" % (2 * len(fields))
        return head + b"".join(_bulk(k) + v for k, v in fields)

    def cmd_select(self, client, argv):
        try:
            db = int(argv[1])
        except ValueError:
            return err(b"value is not an integer or out of range")
        if db < 0 or db >= Store.NUM_DBS:
            return err(b"DB index is out of range")
        client.db = db
        return OK

    def cmd_quit(self, client, argv):
        return OK

    def cmd_reset(self, client, argv):
        client.resp = 2
        client.db = 0
        return b"+RESET\r\n"

    def cmd_client(self, client, argv):
        sub = argv[1].lower()
        if sub == b"id":
            return b":%d\r\n" % client.id
        if sub == b"setname":
            client.name = argv[2]
            return OK
        if sub == b"getname":
            return _bulk(client.name) if client.name is not None else _null(client)
        return err(b"CLIENT %s is not supported here" % argv[1])

    def cmd_config(self, client, argv):
        sub = argv[1].lower()
        params = {
            b"busy-reply-threshold": "busy_reply_threshold",
            b"lua-time-limit": "busy_reply_threshold",
        }
        if sub == b"set":
            if len(argv) % 2:
                return err(b"wrong number of arguments for 'config|set' command")
            for i in range(2, len(argv), 2):
                attr = params.get(argv[i].lower())
                if attr is None:
                    return err(b"Unknown option or number of arguments for CONFIG SET - '%s'" % argv[i])
                try:
                    setattr(self, attr, int(argv[i + 1]))
                except ValueError:
                    return err(
                        b"CONFIG SET failed (possibly related to argument '%s') - argument couldn't be parsed into an integer"
                        % argv[i]
                    )
            return OK
        if sub == b"get":
            out = []
            for p in argv[2:]:
                attr = params.get(p.lower())
                if attr is not None:
                    out.append((p.lower(), b"%d" % getattr(self, attr)))
            if client.resp == 3:
                return b"%%%d\r\n" % len(out) + b"".join(_bulk(k) + _bulk(v) for k, v in out)
            return b"*%d\r\n" % (2 * len(out)) + b"".join(_bulk(k) + _bulk(v) for k, v in out)
        return err(b"CONFIG %s is not supported here" % argv[1])

    # -- EVAL --------------------------------------------------------------------

    def _reset_eval(self) -> None:
        """scriptingInit / scriptingReset (SCRIPT FLUSH)."""
        self.scripts = {}
        self.eval_L = eval_state(self, self.memory_limit)

    def create_function(self, body: bytes):
        """luaCreateFunction: (sha, None) or (None, error reply)."""
        sha = sha1hex(body)
        if sha in self.scripts:
            return sha, None
        fl = extract_shebang(body)
        if not isinstance(fl, tuple):
            return None, err(fl)
        flags, shebang_len = fl
        try:
            fn = self.eval_L.load(body[shebang_len:], b"@user_script")
        except LuaSyntaxError as e:
            return None, err(b"Error compiling script (new function): %s" % _c(e.value))
        except LuaError as e:  # not enough memory
            return None, err(b"Error compiling script (new function): %s" % _c(e.value))
        self.scripts[sha] = Script(body, flags, fn)
        return sha, None

    def _eval(self, client, argv, evalsha: bool, ro: bool):
        try:
            numkeys = _parse_ll(argv[2])
        except ValueError:
            return err(b"value is not an integer or out of range")
        if numkeys > len(argv) - 3:
            return err(b"Number of keys can't be greater than number of args")
        if numkeys < 0:
            return err(b"Number of keys can't be negative")
        if evalsha:
            if len(argv[1]) != 40:
                return NOSCRIPT
            sha = argv[1].lower()
            if sha not in self.scripts:
                return NOSCRIPT
        else:
            sha, e = self.create_function(argv[1])
            if sha is None:
                return e
        script = self.scripts[sha]
        flags = script.flags
        compat = bool(flags & FLAG_EVAL_COMPAT_MODE)
        if not compat and not flags & FLAG_NO_WRITES and ro:
            return err(b"Can not execute a script with write flag using *_ro command.")
        read_only = ro or (not compat and bool(flags & FLAG_NO_WRITES))
        ctx = RunCtx(self, sha, True, read_only, client.db, client.resp, flags)
        L = self.eval_L
        g = L.globals
        keys = LuaTable()
        for j, k in enumerate(argv[3 : 3 + numkeys]):
            keys.set(float(j + 1), k)
        L.set_readonly(g, False)
        g.set(b"KEYS", keys)
        L.set_readonly(g, True)
        args = LuaTable()
        for j, a in enumerate(argv[3 + numkeys :]):
            args.set(float(j + 1), a)
        L.set_readonly(g, False)
        g.set(b"ARGV", args)
        L.set_readonly(g, True)
        handler = g.get(b"__redis__err__handler")
        return self._start(client, L, script.fn, (), ctx, handler)

    def _start(self, client, L, fn, args, ctx, handler):
        run = Run(self, client, L, fn, args, ctx, handler)
        self.running = run
        if run.advance():
            self.running = None
            return run.reply
        return None  # the script goes on: _pump drives it

    def cmd_eval(self, client, argv):
        return self._eval(client, argv, False, False)

    def cmd_evalsha(self, client, argv):
        return self._eval(client, argv, True, False)

    def cmd_eval_ro(self, client, argv):
        return self._eval(client, argv, False, True)

    def cmd_evalsha_ro(self, client, argv):
        return self._eval(client, argv, True, True)

    def cmd_script(self, client, argv):
        sub = argv[1].lower()
        if sub == b"load":
            sha, e = self.create_function(argv[2])
            return e if sha is None else _bulk(sha)
        if sub == b"exists":
            return b"*%d\r\n" % (len(argv) - 2) + b"".join(
                b":1\r\n" if a.lower() in self.scripts else b":0\r\n" for a in argv[2:]
            )
        if sub == b"flush":
            if len(argv) == 3 and argv[2].lower() not in (b"sync", b"async"):
                return err(b"SCRIPT FLUSH only support SYNC|ASYNC option")
            if len(argv) > 3:
                return err(b"SCRIPT FLUSH only support SYNC|ASYNC option")
            self._reset_eval()
            return OK
        if sub == b"kill":
            return self.kill(True)
        if sub == b"help":
            return _help(b"SCRIPT", SCRIPT_HELP, client)
        if sub == b"debug":
            return err(b"SCRIPT DEBUG is not supported here: use the playground's debugger")
        return err(b"unknown subcommand '%s'. Try SCRIPT HELP." % argv[1])

    def kill(self, is_eval: bool) -> bytes:
        run = self.running
        if run is None:
            return err(b"-NOTBUSY No scripts in execution right now.")
        if run.ctx.write_dirty:
            return err(
                b"-UNKILLABLE Sorry the script already executed write commands against the dataset. "
                b"You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command."
            )
        if is_eval and not run.ctx.eval_mode:
            return BUSY_FUNCTION
        if not is_eval and run.ctx.eval_mode:
            return BUSY_EVAL
        run.ctx.killed = True
        return OK

    # -- FUNCTION / FCALL ----------------------------------------------------------

    def cmd_function(self, client, argv):
        return self.functions.command(client, argv)

    def cmd_fcall(self, client, argv):
        return self.functions.fcall(client, argv, False)

    def cmd_fcall_ro(self, client, argv):
        return self.functions.fcall(client, argv, True)

def _parse_ll(b: bytes) -> int:
    """string2ll: an optional '-', digits, no spaces or '+', in range."""
    if not b or len(b) > 20:
        raise ValueError
    s = b[1:] if b[:1] == b"-" else b
    if not s.isdigit() or (len(s) > 1 and s[:1] == b"0") or (b == b"-0"):
        raise ValueError
    v = int(b)
    if not -(1 << 63) <= v < (1 << 63):
        raise ValueError
    return v


def _c(v) -> bytes:
    if isinstance(v, bytes):
        return v.split(b"\0")[0]
    if isinstance(v, float):
        from ..numfmt import fmt_number

        return fmt_number(v)
    return b"?"


def _null(client) -> bytes:
    return b"_\r\n" if client.resp == 3 else b"$-1\r\n"


SCRIPT_HELP = [
    b"DEBUG (YES|SYNC|NO)",
    b"    Set the debug mode for subsequent scripts executed.",
    b"EXISTS <sha1> [<sha1> ...]",
    b"    Return information about the existence of the scripts in the script cache.",
    b"FLUSH [ASYNC|SYNC]",
    b"    Flush the Lua scripts cache. Very dangerous on replicas.",
    b"    When called without the optional mode argument, the behavior is determined by the",
    b"    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
    b"    * ASYNC: Asynchronously flush the scripts cache.",
    b"    * SYNC: Synchronously flush the scripts cache.",
    b"KILL",
    b"    Kill the currently executing Lua script.",
    b"LOAD <script>",
    b"    Load a script into the scripts cache without executing it.",
]


def _help(cmd: bytes, lines, client) -> bytes:
    """addReplyHelp: a header line, the lines, HELP's own."""
    out = [b"%s <subcommand> [<arg> [value] [opt] ...]. Subcommands are:" % cmd]
    out += lines
    out += [b"HELP", b"    Prints this help."]
    return b"*%d\r\n" % len(out) + b"".join(b"+%s\r\n" % x for x in out)
