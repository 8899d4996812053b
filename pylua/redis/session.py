"""A Redis script under the debugger: ``RedisSession`` is a
``pylua.debugger.Session`` whose program is an EVAL script.

    s = RedisSession(source, keys=["rl:u1"], argv=["10"], setup="SET a 1\\nEXPIRE a 100")
    s.step(); s.back(); s.continue_()
    s.snapshot()["redis"]   # {"keyspace": [...], "changed": [...], "reply": "(integer) 1", ...}

The script runs as EVAL runs it (the same globals, ``redis.*``, read-only
tables, KEYS and ARGV, Redis's error handler and replies), against a
Store of its own whose clock stands still at the session's start, so that
a replay sees the same TTLs and TIME.  The Store is part of the Lua state
(``L.redis_host.store``): a checkpoint copies it, so stepping back across
a ``redis.call`` restores the keyspace exactly.  The console shows the
commands and replies as Redis's debugger logs them (``<redis> INCR k``,
``<reply> 1``) and ``redis.debug()``'s values; ``redis.breakpoint()``
stops a continue at the next line.
"""

from __future__ import annotations

from .. import ldebug
from ..debugger import DEFAULT_BUDGET, DEFAULT_MEMORY_LIMIT, Session
from ..debugger.session import guarded
from ..debugger.state import DebugLua
from ..values import Builtin, LuaTable
from . import ldb
from .cli import _log_line, ldb_command, ldb_human, ldb_trim
from .host import Host
from .scripting import FLAG_EVAL_COMPAT_MODE, FLAG_NO_WRITES, RunCtx, run_reply, setup_eval, sha1hex
from .sds import split_args
from .server import extract_shebang
from .store import Clock, Store

CHUNKNAME = b"@user_script"


def _b(x) -> bytes:
    return x if isinstance(x, bytes) else str(x).encode("utf-8")


class SessionHost(Host):
    """The Host of a session: commands and their replies go to the
    console (the state's output), as LDB logs them."""

    def __init__(self, store: Store, out):
        super().__init__(store)
        self.out = out
        self.breakpoints = 0  # redis.breakpoint() calls so far
        self.hinted = False  # LDB's one "<hint> The above reply was trimmed" so far

    def _say(self, line: str) -> None:
        self.out.write(_log_line(line).encode("utf-8", "surrogateescape") + b"\n")

    def script_call(self, ctx, argv):
        self._say(ldb_command(argv))
        err, reply = super().script_call(ctx, argv)
        # luaPushErrorBuff logs "<error> " and what it was given: a refused
        # command's message, or an error reply (then the reply follows)
        if err is not None:
            self._say("<error> " + err.decode("utf-8", "surrogateescape"))
        else:
            if reply[:1] == b"-":
                self._say("<error> " + reply.rstrip(b"\r\n").decode("utf-8", "surrogateescape"))
            line, trimmed = ldb_trim("<reply> " + ldb_human(reply))
            self._say(line)
            if trimmed and not self.hinted:
                self.hinted = True
                self._say("<hint> The above reply was trimmed. Use 'maxlen 0' to disable trimming.")
        return err, reply

    def log(self, level: int, msg: bytes) -> None:
        super().log(level, msg)
        self._say("<log> " + msg.decode("utf-8", "surrogateescape"))

    # redis.breakpoint() and redis.debug() (L.redis_debugger)

    def breakpoint(self, L) -> None:
        self.breakpoints += 1

    def debug_values(self, L, args) -> None:
        ci = ldebug.getstack(L.current, 1)
        line = ldebug.currentline(ci) if ci is not None and ci is not ldebug.TAILCALL else -1
        self._say(ldb.debug_line(line, args))


def _error_handler(L, args):
    """The session's message handler: the debugger keeps the frames, then
    Redis's __redis__err__handler's work, done here (level 1 is the
    function that raised the error; a C one gives way to its caller)."""
    L.dbg.on_error(L)
    err = args[0] if args else None
    th = L.current
    ci = ldebug.getstack(th, 1)
    if ci is not None and ci is not ldebug.TAILCALL and ci.cl.__class__ is Builtin:
        ci = ldebug.getstack(th, 2)
    if err.__class__ is not LuaTable:
        t = LuaTable()
        t.set(b"err", b"ERR " + L.tostring_raw(err))
        err = t
    if ci is not None and ci is not ldebug.TAILCALL and ci.cl.__class__ is not Builtin:
        err.set(b"source", ci.cl.proto.source)
        err.set(b"line", float(ldebug.currentline(ci)))
    return [err]


ERROR_HANDLER = Builtin("__redis__err__handler", _error_handler)


class RedisSession(Session):
    """A Redis script being debugged; see the module docstring."""

    def __init__(
        self,
        source,
        keys=(),
        argv=(),
        setup: str | bytes = "",
        chunkname=CHUNKNAME,
        now: int | None = None,
        memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
        resp: int = 2,
    ):
        if isinstance(source, str):
            source = source.encode("utf-8")
        self.redis_keys = [_b(k) for k in keys]
        self.redis_argv = [_b(a) for a in argv]
        self.setup = setup.encode("utf-8") if isinstance(setup, str) else bytes(setup)
        self.setup_error = None
        self.caller_resp = resp
        self._prev_calls = 0
        self.sha = sha1hex(source)
        fl = extract_shebang(source)
        if isinstance(fl, tuple):
            self.flags, n = fl
            self._shebang_error = None
        else:
            self.flags, n = FLAG_EVAL_COMPAT_MODE, 0
            self._shebang_error = fl.decode("utf-8", "replace")
        # (the shebang line is skipped, its line feed kept: lines stay where they are)
        super().__init__(source[n:], chunkname=CHUNKNAME, now=now, memory_limit=memory_limit)
        if self._shebang_error is not None:
            self._no_program("ERR " + self._shebang_error)

    @property
    def handler(self):
        return ERROR_HANDLER

    def _make_state(self, out, inp, now, memory_limit, allow_bytecode):
        L = DebugLua(out, inp, now, memory_limit, False, openlibs=False)
        store = Store(Clock(float(now)))
        store.clock.set(float(now))  # (stands still: replays see the same time)
        self.setup_error = run_setup(store, self.setup)
        host = SessionHost(store, out)
        host.maxmemory = memory_limit  # (the keyspace is bounded as the Lua state is)
        setup_eval(L, host)
        L.redis_debugger = host
        flags = self.flags
        compat = bool(flags & FLAG_EVAL_COMPAT_MODE)
        read_only = not compat and bool(flags & FLAG_NO_WRITES)
        ctx = RunCtx(host, self.sha, True, read_only, 0, self.caller_resp, flags)
        L.redis_ctx = ctx
        g = L.globals
        for name, values in ((b"KEYS", self.redis_keys), (b"ARGV", self.redis_argv)):
            t = LuaTable()
            for j, v in enumerate(values):
                t.set(float(j + 1), v)
            L.set_readonly(g, False)
            g.set(name, t)
            L.set_readonly(g, True)
        return L

    # -- redis.breakpoint() ----------------------------------------------------

    @guarded
    def continue_(self, budget: int = DEFAULT_BUDGET, partial: bool = False) -> dict:
        """Until a breakpoint line, a line after redis.breakpoint(), the end,
        or budget instructions."""
        if self._main is None or b"breakpoint" not in self._source_text:
            return Session.continue_.__wrapped__(self, budget, partial)
        self._command("continue")
        if self._at_end():
            return self._done("step")
        self._materialize()
        host = self.L.redis_host
        start = host.breakpoints
        bps = self.breakpoints
        lines = self.tr.lines

        def stop(th, ci, pc, same, event):
            if self.L.redis_host.breakpoints > start:
                self._stop_reason = "redis.breakpoint()"
                return True
            if event and lines(ci.cl.proto)[pc] in bps:
                return self._bp_hit(ci, pc)
            return False

        return self._stepping(stop, budget, partial, ahead=True)

    def _start(self, L, source: bytes, chunkname: bytes) -> None:
        self._source_text = source
        super()._start(L, source, chunkname)

    # -- the snapshot ------------------------------------------------------------

    def _build(self) -> dict:
        snap = super()._build()
        snap["redis"] = self._redis_view(snap)
        return snap

    def _redis_view(self, snap) -> dict:
        view = {"keyspace": [], "changed": [], "reply": None, "setup_error": self.setup_error,
                "calls": 0, "last_changed": []}  # fmt: skip
        if self._main is None:  # the server's answer to a script that does not load
            from .cli import render

            if self._shebang_error is not None:
                msg = self._shebang_error
            else:
                msg = "Error compiling script (new function): %s" % (self.error or "")
            view["reply"] = render(b"-ERR " + msg.encode("utf-8").replace(b"\n", b" ") + b"\r\n").rstrip("\n")
            return view
        L = self.L
        host = L.redis_host
        ctx = L.redis_ctx
        view["keyspace"] = host.store.keyspace(ctx.db)
        view["calls"] = host.calls
        view["db"] = ctx.db
        last = host.store.last_changed
        view["last_changed"] = [k.decode("utf-8", "replace") for db, k in last if db == ctx.db]
        status = snap.get("status")
        if status in ("finished", "error"):
            view["reply"] = self._reply_text(L, status == "finished")
        return view

    def _reply_text(self, L, ok: bool) -> str | None:
        from .cli import render

        if ok:
            res = L.host_results
            if res is None:
                return None
            value = res[0] if res else None
        else:
            e = L.host_error
            if e is None:
                return None
            value = e.value
        return render(run_reply(L, ok, value, L.redis_ctx)).rstrip("\n")

    def snapshot(self) -> dict:
        snap = super().snapshot()
        r = snap.get("redis")
        if r is not None:
            r = dict(r)
            calls = r.get("calls", 0)
            r["changed"] = list(r.get("last_changed", ())) if calls > self._prev_calls else []
            self._prev_calls = calls
            snap["redis"] = r
        return snap


def run_setup(store: Store, text: bytes) -> str | None:
    """The setup box: one command per line (quoted as redis-cli reads
    them, '#' starts a comment line), run in order; the first error as
    "line N: ERR ..." (the lines after it still run)."""
    first = None
    db = 0
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s[:1] == b"#":
            continue
        argv = split_args(s)
        if argv is None:
            first = first or "line %d: Invalid argument(s)" % n
            continue
        if not argv:
            continue
        if argv[0].lower() == b"select" and len(argv) == 2 and argv[1].isdigit():
            db = int(argv[1])
            continue
        reply = store.call(argv, 2, db)
        if reply[:1] == b"-" and first is None:
            first = "line %d: %s" % (n, reply[1:].rstrip(b"\r\n").decode("utf-8", "replace"))
    return first


__all__ = ["RedisSession", "run_setup"]
