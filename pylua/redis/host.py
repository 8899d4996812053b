"""What a running script's redis.* functions ask of their server: run a
command (scriptCall's checks, then the Store), log, the random state."""

from __future__ import annotations

from .rand import Rand48
from .scripting import LL_NOTICE
from .store import Store, command_info

OK = b"+OK\r\n"
OOM = b"-OOM command not allowed when used memory > 'maxmemory'."  # shared.oomerr


def lookup(argv):
    """lookupCommand: the command (or subcommand) table entry, or None."""
    if not argv:
        return None
    info = command_info(argv[0].decode("latin-1").lower())
    if info is None:
        return None
    if "subcommands" in info and len(argv) >= 2:
        return info["subcommands"].get(argv[1].decode("latin-1").lower())
    return info


def arity_ok(info, argc: int) -> bool:
    a = info["arity"]
    return not ((a > 0 and a != argc) or argc < -a)


class Host:
    """A script's server: its Store, redis.log's sink, redisLrand48's state.
    ``trace(kind, data)``, if set, sees each command ("call", argv), its
    reply ("reply", raw bytes) and each log line ("log", (level, msg))."""

    def __init__(self, store: Store):
        self.store = store
        self.rand = Rand48()
        self.verbosity = LL_NOTICE
        self.logs = []  # (level, message) of redis.log
        self.trace = None
        self.calls = 0  # commands scripts asked for
        self.change_log = []  # (db, key) each command changed, in order
        # maxmemory (bytes, None: none): a command that may grow the keyspace
        # (denyoom) fails with Redis's OOM error once it holds about that
        self.maxmemory = None
        self._used = 0  # the keyspace's size when last measured
        self._grown = 0  # the arguments of denyoom commands since

    def lookup_command(self, argv) -> bool:
        return lookup(argv) is not None

    def script_call(self, ctx, argv: list):
        """scriptCall: (error, None) when the command is refused, else
        (None, the raw reply in the script client's protocol)."""
        self.calls += 1
        if self.trace is not None:
            self.trace("call", argv)
        info = lookup(argv)
        if info is None or not arity_ok(info, len(argv)):
            if info is None:
                return self._refused(b"Unknown Redis command called from script")
            return self._refused(b"Wrong number of args calling Redis command from script")
        flags = info.get("flags", ())
        if "noscript" in flags:
            return self._refused(b"This Redis command is not allowed from script")
        if ctx.read_only and ("write" in flags or "may_replicate" in flags):
            return self._refused(b"Write commands are not allowed from read-only scripts.")
        if self.maxmemory is not None and "denyoom" in flags and self._oom(argv):
            return self._refused(OOM)
        if "write" in flags:
            ctx.write_dirty = True
        if argv[0].lower() == b"select":
            reply = self._select(ctx, argv[1])
        else:
            store = self.store
            reply = store.call(argv, ctx.resp, ctx.db)
            ctx.changed.extend(store.last_changed)
            self.change_log.extend(store.last_changed)
        if self.trace is not None:
            self.trace("reply", reply)
        return None, reply

    def _oom(self, argv) -> bool:
        """Would this command pass maxmemory?  The keyspace is measured
        again when the arguments of such commands since the last look add
        up to an eighth of the limit (deleting keys is seen then)."""
        self._grown += sum(len(a) for a in argv)
        if self._used + self._grown > self.maxmemory or self._grown > self.maxmemory >> 3:
            self._used = self.store.used_bytes()
            self._grown = 0
        return self._used > self.maxmemory

    def _select(self, ctx, arg: bytes) -> bytes:
        try:
            db = int(arg)
        except ValueError:
            return b"-ERR value is not an integer or out of range\r\n"
        if 0 <= db < Store.NUM_DBS:
            ctx.db = db
            return OK
        return b"-ERR DB index is out of range\r\n"

    def _refused(self, e: bytes):
        if self.trace is not None:
            self.trace("reply", b"-ERR " + e + b"\r\n")
        return e, None

    def log(self, level: int, msg: bytes) -> None:
        self.logs.append((level, msg))
        if self.trace is not None:
            self.trace("log", (level, msg))
