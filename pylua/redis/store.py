"""The keyspace of Redis mode: fakeredis behind a thin adapter.

`Store().call(args, resp, db)` runs ONE data command and returns the reply bytes
redis-server 7.0.15 would write for it. fakeredis (pinned) implements the
commands; this module only

- validates the command name and arity against the server's own command table
  (commands.json, captured from redis-server by scripts/redis-commands);
- runs the command through fakeredis's command layer (FakeSocket._run_command),
  keeping the reply's Python types, and writes it with `resp.encode`;
- makes fakeredis read time from the store's `Clock` (a seam: the `time` module
  fakeredis's helpers, streams and TIME use is replaced by a proxy that asks the
  clock of the store running the command);
- corrects, in small named patches (`_patch_*`, listed in docs/redis.md under
  "Where the store differs from fakeredis"), the replies where fakeredis answers
  differently from the server.

It knows nothing of Lua.
"""

from __future__ import annotations

import contextvars
import copy
import json
import math
import re
import time as _time
from fractions import Fraction
from pathlib import Path
from typing import Any

import redis
from fakeredis import FakeServer
from fakeredis._core._database import Item
from fakeredis._helpers import SimpleError, SimpleString
from fakeredis._socket import FakeSocket
from fakeredis._socket._resp import extract_command
from fakeredis.model import Hash, XStream, ZSet

from . import resp
from .resp import Reply

__all__ = ["Store", "Clock", "command_info", "COMMANDS"]

# ---------------------------------------------------------------- command table

_TABLE = json.loads((Path(__file__).with_name("commands.json")).read_text())
COMMANDS: dict[str, dict] = _TABLE["commands"]
REDIS_VERSION: str = _TABLE["redis_version"]


def command_info(name, sub=None) -> dict | None:
    """The server's COMMAND INFO entry for `name` (and subcommand `sub`), or None."""
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    info = COMMANDS.get(name.lower())
    if info is None or sub is None:
        return info
    if isinstance(sub, bytes):
        sub = sub.decode("latin-1")
    return info.get("subcommands", {}).get(sub.lower())


# ---------------------------------------------------------------- the clock

class Clock:
    """The store's time. Follows wall time until `set` freezes it; `advance` moves it either way."""

    __slots__ = ("_frozen", "_offset")

    def __init__(self, t: float | None = None):
        self._frozen = None if t is None else float(t)
        self._offset = 0.0

    def now(self) -> float:
        if self._frozen is not None:
            return self._frozen
        return _time.time() + self._offset

    def set(self, t: float) -> None:
        """Freeze the clock at `t` (seconds since the epoch)."""
        self._frozen = float(t)

    def advance(self, dt: float) -> None:
        if self._frozen is not None:
            self._frozen += dt
        else:
            self._offset += dt

    def follow_wall(self) -> None:
        """Back to wall time."""
        self._frozen = None
        self._offset = 0.0

    @property
    def frozen(self) -> bool:
        return self._frozen is not None

    def __repr__(self) -> str:
        return f"Clock({'frozen at ' if self.frozen else 'wall '}{self.now():.3f})"


_ACTIVE_CLOCK: contextvars.ContextVar[Clock | None] = contextvars.ContextVar("store_clock", default=None)


class _ClockTime:
    """Stands in for the `time` module inside fakeredis: time() asks the active store's clock."""

    def time(self) -> float:
        clock = _ACTIVE_CLOCK.get()
        return clock.now() if clock is not None else _time.time()

    def __getattr__(self, name):
        return getattr(_time, name)


_PATCHED = False


def _install_clock_seam() -> None:
    global _PATCHED
    if _PATCHED:
        return
    import fakeredis._helpers as helpers
    import fakeredis._socket._base as sockbase
    import fakeredis.commands_mixins.server_mixin as server_mixin
    import fakeredis.model._stream as stream

    proxy = _ClockTime()
    for mod in (helpers, stream, server_mixin, sockbase):
        mod.time = proxy
    _PATCHED = True


# ---------------------------------------------------------------- the store

# commands a data store does not run: the connection, scripting and server layers (the integrator's)
_NOT_HERE = {
    "eval", "evalsha", "eval_ro", "evalsha_ro", "script", "function", "fcall", "fcall_ro",
    "multi", "exec", "discard", "watch", "unwatch", "hello", "auth", "client", "subscribe",
    "unsubscribe", "psubscribe", "punsubscribe", "ssubscribe", "sunsubscribe", "publish",
    "spublish", "pubsub", "monitor", "quit", "reset", "shutdown", "sync", "psync", "replicaof",
    "slaveof", "debug", "config", "acl", "module", "save", "bgsave", "bgrewriteaof", "failover",
    "wait", "cluster", "readonly", "readwrite", "asking", "latency", "memory", "slowlog",
    "object", "info", "lastsave", "role", "command", "migrate", "restore-asking",
}

# key-changing commands whose keys are not one-per-CommandItem
_FLUSHING = {"flushdb", "flushall", "swapdb"}


def _a(x) -> bytes:
    if isinstance(x, bytes):
        return x
    if isinstance(x, str):
        return x.encode("utf-8")
    if isinstance(x, (bytearray, memoryview)):
        return bytes(x)
    if isinstance(x, bool):
        raise TypeError("a bool is not a command argument")
    if isinstance(x, int):
        return b"%d" % x
    if isinstance(x, float):
        return repr(x).encode()
    raise TypeError(f"cannot send {type(x).__name__} as a command argument")


class StoreError(Exception):
    pass


class Store:
    """An empty keyspace (16 databases) on fakeredis; see the module doc."""

    NUM_DBS = 16

    def __init__(self, clock: Clock | None = None):
        _install_clock_seam()
        self.clock = clock if clock is not None else Clock()
        self._server = FakeServer(version=(7, 0))
        self._sock = self._make_socket()
        self.last_changed: list[tuple[int, bytes]] = []   # (db, key) written by the last call
        self.last_flushed: list[int] = []                  # dbs emptied/swapped by the last call
        self.selected: int | None = None                  # the db a successful SELECT chose

    def _make_socket(self):
        sock = _RecordingSocket(self._server, 0, None, redis.Redis)
        sock._script_resp = 2
        return sock

    # ------------------------------------------------------------ running a command

    def call(self, args, resp: int = 2, db: int = 0) -> bytes:
        """The raw reply of one data command, as redis-server 7.0.15 writes it in protocol `resp`."""
        return resp_encode(self.call_reply(args, resp, db), resp)

    def call_reply(self, args, resp: int = 2, db: int = 0) -> Reply:
        """Like `call`, the reply as a resp.Reply tree."""
        args = [_a(x) for x in args]
        self.last_changed = []
        self.last_flushed = []
        self.selected = None
        if not args:
            return Reply("error", b"ERR empty command")
        name = args[0].decode("latin-1").lower()
        info = COMMANDS.get(name)
        if info is None or name in _NOT_HERE:
            if info is None:
                return Reply("error", _unknown_command(args))
            return Reply("error", b"ERR the store does not run '%s'" % name.encode())
        sub = None
        if "subcommands" in info:
            if len(args) < 2:
                return _arity_error(name)
            sub = info["subcommands"].get(args[1].decode("latin-1").lower())
            if sub is None:
                return Reply("error", b"ERR unknown subcommand '%s'. Try %s HELP." % (
                    _sanitize(args[1]), name.upper().encode()))
            info = sub
        arity = info["arity"]
        if (arity > 0 and len(args) != arity) or (arity < 0 and len(args) < -arity):
            return _arity_error(info["name"])
        pre = _PRE.get(name)
        if pre is not None:
            early = pre(self, args, resp, db)
            if early is not None:
                return early
        return self._run(args, resp, db, name)

    def _run(self, args, resp_version, db, name) -> Reply:
        sock = self._sock
        sock._db = self._server.dbs[db]
        sock._db_num = db
        sock._script_resp = resp_version
        sock.changed = []
        token = _ACTIVE_CLOCK.set(self.clock)
        try:
            # the server's clock has millisecond resolution (mstime): keys expire, and TTLs count, in whole ms
            now = math.floor(self.clock.now() * 1000) / 1000
            for d in self._server.dbs.values():
                d.time = now
            cmd, cmd_args = extract_command(args)
            try:
                func, sig = sock._name_to_func(cmd)
                sig.check_arity(cmd_args, sock.version)
            except SimpleError as exc:
                return _fix_error_text(Reply("error", exc.value.encode()), name)
            with self._server.lock:
                result = sock._run_command(func, sig, cmd_args, False)
        finally:
            _ACTIVE_CLOCK.reset(token)
        if name == "select" and not isinstance(result, SimpleError):
            self.selected = int(args[1])
            sock._db, sock._db_num = self._server.dbs[db], db
        self.last_changed = [(db, k) for k in sock.changed]
        if name in _FLUSHING and not isinstance(result, SimpleError):
            if name == "flushdb":
                self.last_flushed = [db]
            elif name == "flushall":
                self.last_flushed = list(range(self.NUM_DBS))
            else:
                self.last_flushed = [int(args[1]), int(args[2])]
        reply = _to_reply(result)
        if reply.kind == "error":
            reply = _fix_error_text(reply, name)
        post = _POST.get(name)
        if post is not None:
            reply = post(self, args, resp_version, reply)
        return reply

    # ------------------------------------------------------------ copies

    def __deepcopy__(self, memo):
        new = Store.__new__(Store)
        memo[id(self)] = new
        new.clock = copy.copy(self.clock)
        new._server = FakeServer(version=(7, 0))
        new._sock = new._make_socket()
        new.last_changed = list(self.last_changed)
        new.last_flushed = list(self.last_flushed)
        new.selected = self.selected
        for n, d in self._server.dbs.items():
            if not d._dict:
                continue
            nd = new._server.dbs[n]
            nd._dict = _copy_items(d._dict)
            nd._expiry_heap = list(d._expiry_heap)
            nd.time = d.time
        return new

    def __getstate__(self):
        raise TypeError("a Store is copied with copy.deepcopy, not pickled")

    # ------------------------------------------------------------ looking at the keyspace

    def _db(self, db: int):
        d = self._server.dbs[db]
        d.time = math.floor(self.clock.now() * 1000) / 1000
        return d

    def keys(self, db: int = 0) -> list[bytes]:
        return sorted(self._db(db))

    def dbsize(self, db: int = 0) -> int:
        return len(self._db(db))

    def keyspace(self, db: int = 0) -> list[dict]:
        """Each live key of `db`, sorted: {"key", "type", "value", "ttl"} (ttl in ms, -1 without one).

        Values are JSON-able: strings as str (utf-8, else with \\xNN escapes), hash a dict, list a list,
        set a sorted list, zset [[member, score], ...] in rank order, stream [[id, {field: value}], ...]."""
        d = self._db(db)
        now = d.time
        out = []
        for key in sorted(d):
            item = d._dict[key]
            ttl = -1 if item.expireat is None else max(0, int(round((item.expireat - now) * 1000)))
            typ, value = _render(item.value)
            out.append({"key": _text(key), "type": typ, "value": value, "ttl": ttl})
        return out

    def used_bytes(self) -> int:
        """About what the keyspace holds, in bytes (every db): the keys,
        the values' strings and a few words for each element."""
        total = 0
        for d in self._server.dbs.values():
            for k, item in d._dict.items():
                total += 64 + len(k) + _size(item.value)
        return total

    def dump_db(self, db: int = 0) -> dict:
        """{key bytes: (type, raw python value, expireat seconds or None)}: for tests and comparisons."""
        d = self._db(db)
        return {k: (_render(d._dict[k].value)[0], d._dict[k].value, d._dict[k].expireat) for k in sorted(d)}

    # ------------------------------------------------------------ copying from a live server

    def copy_from(self, url: str, pattern: str | bytes = "*", db: int | None = None,
                  count: int = 1000, limit: int | None = None) -> list[bytes]:
        """Copy the keys matching `pattern` (type, value, TTL) from the live server at `url`
        (redis://HOST:PORT[/DB]) into database `db` (default: the url's). Only reads the live server
        (SCAN, TYPE, PTTL and each type's read commands). Returns the keys copied."""
        client = redis.Redis.from_url(url, protocol=2, decode_responses=False)
        target = client.connection_pool.connection_kwargs.get("db", 0) if db is None else db
        copied = []
        try:
            for key in client.scan_iter(match=pattern, count=count):
                if limit is not None and len(copied) >= limit:
                    break
                if self._copy_key(client, key, target):
                    copied.append(key)
        finally:
            client.close()
        return sorted(copied)

    def _copy_key(self, client, key: bytes, db: int) -> bool:
        typ = client.type(key)
        typ = typ.decode() if isinstance(typ, bytes) else typ
        pttl = client.pttl(key)
        if typ == "none" or pttl == -2:
            return False
        cmds: list[list[bytes]] = []
        if typ == "string":
            v = client.get(key)
            if v is None:
                return False
            cmds.append([b"SET", key, v])
        elif typ == "hash":
            h = client.hgetall(key)
            if not h:
                return False
            flat = [x for kv in h.items() for x in kv]
            cmds.append([b"HSET", key, *flat])
        elif typ == "list":
            items = client.lrange(key, 0, -1)
            if not items:
                return False
            cmds.append([b"RPUSH", key, *items])
        elif typ == "set":
            members = sorted(client.smembers(key))
            if not members:
                return False
            cmds.append([b"SADD", key, *members])
        elif typ == "zset":
            pairs = client.zrange(key, 0, -1, withscores=True, score_cast_func=bytes)
            if not pairs:
                return False
            flat = [x for m, s in pairs for x in (s, m)]
            cmds.append([b"ZADD", key, *flat])
        elif typ == "stream":
            entries = client.xrange(key)
            for eid, fields in entries:
                cmds.append([b"XADD", key, eid, *[x for kv in fields.items() for x in kv]])
            if not entries:
                info = client.xinfo_stream(key)
                last = info.get("last-generated-id") or info.get(b"last-generated-id")
                cmds.append([b"XADD", key, b"MAXLEN", b"0", last or b"0-1", b"f", b"v"])
        else:
            return False
        self.call([b"DEL", key], db=db)
        for c in cmds:
            r = self.call_reply(c, db=db)
            if r.kind == "error":
                raise StoreError(f"copying {key!r}: {r.value.decode()}")
        if pttl is not None and pttl > 0:
            self.call([b"PEXPIRE", key, b"%d" % pttl], db=db)
        return True


def resp_encode(reply: Reply, proto: int) -> bytes:
    return resp.encode(reply, proto)


# ---------------------------------------------------------------- fakeredis results → Reply

def _to_reply(v) -> Reply:
    if v is None:
        return Reply("nil")
    t = type(v)
    if t is bytes:
        return Reply("bulk", v)
    if t is int:
        return Reply("int", v)
    if t is bool:
        return Reply("bool", v)
    if t is float:
        return Reply("double", v)
    if t in (list, tuple):
        return Reply("array", [_to_reply(x) for x in v])
    if isinstance(v, SimpleString):
        return Reply("status", v.value)
    if isinstance(v, SimpleError):
        return Reply("error", v.value.encode("utf-8", "surrogateescape"))
    if isinstance(v, dict):
        return Reply("map", [(_to_reply(a), _to_reply(b)) for a, b in v.items()])
    if isinstance(v, (set, frozenset)):
        return Reply("set", [_to_reply(x) for x in v])
    if isinstance(v, str):
        return Reply("bulk", v.encode())
    if isinstance(v, int):
        return Reply("int", int(v))
    if isinstance(v, float):
        return Reply("double", float(v))
    if isinstance(v, (list, tuple)):
        return Reply("array", [_to_reply(x) for x in v])
    raise TypeError(f"cannot encode a {type(v).__name__} reply")


class _RecordingSocket(FakeSocket):
    """A FakeSocket that remembers which keys the command it ran changed."""

    changed: list = []

    def _keyspace_notifications(self, command_items, name):
        self.changed = [ci.key for ci in command_items if ci.is_modified]
        return super()._keyspace_notifications(command_items, name)

    def __deepcopy__(self, memo):
        raise TypeError("copy the Store, not its socket")


# ---------------------------------------------------------------- copying the data

def _size(v) -> int:
    """used_bytes' measure of one value."""
    if isinstance(v, (bytes, bytearray)):
        return len(v)
    if isinstance(v, ZSet):
        return sum(32 + len(m) for m in v._bylex)
    if isinstance(v, XStream):
        return sum(32 + sum(len(x) for x in fields) for _id, fields in v._values)
    if isinstance(v, dict):
        return sum(16 + len(a) + _size(b) for a, b in v.items())
    if isinstance(v, (list, set, tuple)):
        return sum(16 + _size(x) for x in v)
    return 16


def _copy_items(items: dict) -> dict:
    out = {}
    memo: dict = {}
    for k, item in items.items():
        n = Item.__new__(Item)
        v = item.value
        n.value = v if type(v) is bytes else copy.deepcopy(v, memo)
        n.expireat = item.expireat
        out[k] = n
    return out


# ---------------------------------------------------------------- rendering values

def _text(b: bytes) -> str:
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(chr(c) if 32 <= c < 127 and c != 0x5C else f"\\x{c:02x}" for c in b)


def _score(s: float):
    if math.isinf(s):
        return "inf" if s > 0 else "-inf"
    return int(s) if s == int(s) and abs(s) < 2**53 else s


def _render(v) -> tuple[str, Any]:
    if isinstance(v, bytes):
        return "string", _text(v)
    if isinstance(v, Hash):
        return "hash", {_text(k): _text(x) for k, x in v.items()}
    if isinstance(v, list):
        return "list", [_text(x) for x in v]
    if isinstance(v, ZSet):
        return "zset", [[_text(m), _score(s)] for s, m in v._byscore]
    if isinstance(v, XStream):
        out = []
        for entry in v._ids:
            key = entry
            fields = v._values_dict[key]
            out.append([key.encode().decode(),
                        {_text(fields[i]): _text(fields[i + 1]) for i in range(0, len(fields), 2)}])
        return "stream", out
    if isinstance(v, (set, frozenset)) or hasattr(v, "__iter__"):
        try:
            return "set", sorted(_text(x) for x in v)
        except TypeError:
            pass
    return type(v).__name__.lower(), repr(v)


# ---------------------------------------------------------------- errors

def _sanitize(b: bytes) -> bytes:
    return b.replace(b"\r", b" ").replace(b"\n", b" ")


def _unknown_command(args) -> bytes:
    # server.c processCommand: "unknown command '%.128s', with args beginning with: " + "'%.*s' " per arg (128 chars)
    name = args[0][:128]
    rest = b""
    for a in args[1:]:
        if len(rest) >= 128:
            break
        room = 128 - len(rest)
        rest += b"'" + a[:room - 3] + b"' " if room > 3 else b""
    return _sanitize(b"ERR unknown command '%s', with args beginning with: %s" % (name, rest))


def _arity_error(name: str) -> Reply:
    return Reply("error", b"ERR wrong number of arguments for '%s' command" % name.encode())


# ---------------------------------------------------------------- long double arithmetic (INCRBYFLOAT)

_LD_MANT = 64  # x87 80-bit long double: a 64-bit significand


def _ld_round(x: Fraction) -> Fraction:
    """`x` rounded to the nearest x87 long double (round half to even)."""
    if x == 0:
        return x
    sign = -1 if x < 0 else 1
    a = abs(x)
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if Fraction(2) ** e > a:
        e -= 1
    # a in [2**e, 2**(e+1)); keep _LD_MANT bits
    scale = Fraction(2) ** (e - _LD_MANT + 1)
    q = a / scale
    n, r = divmod(q.numerator, q.denominator)
    twice = 2 * r
    if twice > q.denominator or (twice == q.denominator and n % 2 == 1):
        n += 1
    return sign * n * scale


def _parse_ld(s: bytes) -> Fraction | None:
    """strtold on a string Redis already checked (no spaces, not empty); None when not a number."""
    try:
        text = s.decode("ascii")
    except UnicodeDecodeError:
        return None
    t = text.lower()
    if t in ("inf", "+inf", "infinity", "+infinity", "-inf", "-infinity") or "nan" in t:
        return None
    try:
        if t.startswith(("0x", "-0x", "+0x")):
            return _ld_round(Fraction(float.fromhex(text)))
        return _ld_round(Fraction(text))
    except (ValueError, ZeroDivisionError):
        return None


def _format_ld_human(x: Fraction) -> bytes:
    """ld2string(LD_STR_HUMAN): "%.17Lf", then trailing zeros (and a trailing '.') removed."""
    neg = x < 0
    a = abs(x)
    scaled = a * 10**17
    n, r = divmod(scaled.numerator, scaled.denominator)
    if 2 * r > scaled.denominator or (2 * r == scaled.denominator and n % 2 == 1):
        n += 1
    digits = str(n).rjust(18, "0")
    text = digits[:-17] + "." + digits[-17:]
    text = text.rstrip("0").rstrip(".")
    if text == "0":
        neg = False  # "-0" becomes "0" in ld2string's human mode
    return (("-" if neg else "") + text).encode()


# ---------------------------------------------------------------- patches (see docs/redis.md)

_PRE: dict = {}
_POST: dict = {}


def _pre(*names):
    def deco(fn):
        for n in names:
            _PRE[n] = fn
        return fn
    return deco


def _post(*names):
    def deco(fn):
        for n in names:
            _POST[n] = fn
        return fn
    return deco


def _err(msg: bytes) -> Reply:
    return Reply("error", msg)


# -- error texts: fakeredis words a few errors differently from redis-server 7.0.15
_ERROR_TEXTS = [
    # "invalid expire time in set" -> "invalid expire time in 'set' command" (t_string.c)
    (re.compile(rb"^ERR invalid expire time in (\S+)$"), rb"ERR invalid expire time in '\1' command"),
    # ZRANGEBYLEX & co (t_zset.c: "min or max not valid string range item")
    (re.compile(rb"^ERR min or max not a valid string range item$"), rb"ERR min or max not valid string range item"),
    # LPOS RANK 0: fakeredis sends it without the ERR code
    (re.compile(rb"^(RANK can't be zero.*)$"), rb"ERR \1"),
]


def _fix_error_text(reply: Reply, name: str) -> Reply:
    if reply.value == b"ERR Wrong number of args calling Redis command from script":
        # MSET a 1 b & co: addReplyErrorArity (fakeredis words it as from a script)
        return _arity_error(name)
    for pat, rep in _ERROR_TEXTS:
        if pat.match(reply.value):
            return Reply("error", pat.sub(rep, reply.value))
    return reply


# -- replies the server sends as a null ARRAY (*-1 in RESP2), where fakeredis's None becomes $-1
@_post("blpop", "brpop", "blmove", "brpoplpush", "bzpopmin", "bzpopmax", "blmpop", "bzmpop",
       "lmpop", "zmpop", "xread", "xreadgroup")
def _patch_null_array(store, args, proto, reply):
    if reply.kind == "nil" or (args[0].lower() in (b"xread", b"xreadgroup") and reply.kind in ("array", "map")
                               and not reply.value):
        return Reply("nilarray")
    return reply


@_post("lpop", "rpop")
def _patch_pop_count_null(store, args, proto, reply):
    # LPOP key count on a missing key: a null array (t_list.c popGenericCommand)
    if len(args) == 3 and reply.kind == "nil":
        return Reply("nilarray")
    return reply


# -- sets: RESP3 set replies (~), and the order of the server's intset encoding
_INTSET_MAX = 512  # set-max-intset-entries


def _is_ll(b: bytes) -> bool:
    # string2ll: canonical decimal in the signed 64-bit range
    if not b or len(b) > 20:
        return False
    try:
        n = int(b)
    except ValueError:
        return False
    return b == b"%d" % n and -(2**63) <= n < 2**63


def _set_order(items: list) -> list:
    """All-integer sets are intsets on the server and come back sorted by value; the order of the
    others comes from the server's (randomly seeded) hash table, and we answer sorted bytewise."""
    values = [r.value for r in items]
    if len(values) <= _INTSET_MAX and all(type(v) is bytes and _is_ll(v) for v in values):
        return sorted(items, key=lambda r: int(r.value))
    return sorted(items, key=lambda r: r.value if type(r.value) is bytes else b"")


@_post("smembers", "sinter", "sunion", "sdiff", "spop")
def _patch_set_reply(store, args, proto, reply):
    if reply.kind not in ("array", "set"):
        return reply
    if args[0].lower() == b"spop" and len(args) < 3:
        return reply
    return Reply("set", _set_order(reply.value))


@_post("sscan")
def _patch_sscan_order(store, args, proto, reply):
    if reply.kind == "array" and len(reply.value) == 2 and reply.value[1].kind == "array":
        return Reply("array", [reply.value[0], Reply("array", _set_order(reply.value[1].value))])
    return reply


# -- random replies with a definite shape
@_post("hrandfield")
def _patch_hrandfield_missing(store, args, proto, reply):
    # HRANDFIELD missing count: an empty array, not nil (t_hash.c hrandfieldWithCountCommand)
    if len(args) >= 3 and reply.kind == "nil":
        return Reply("array", [])
    return reply


@_post("zrandmember")
def _patch_zrandmember_single(store, args, proto, reply):
    # ZRANDMEMBER key (no count): one bulk string, or nil on a missing key
    if len(args) == 2 and reply.kind == "array":
        return reply.value[0] if reply.value else Reply("nil")
    return reply


# -- argument checks fakeredis does differently
@_pre("zrange")
def _patch_zrange_options(store, args, proto, db):
    withscores = limit = False
    rangetype = direction = None
    j, n = 4, len(args)
    while j < n:
        w = args[j].lower()
        if w == b"withscores":
            withscores = True
        elif w == b"limit" and n - j - 1 >= 2:
            if not (_is_ll(args[j + 1]) and _is_ll(args[j + 2])):
                return None
            limit = True
            j += 2
        elif w == b"rev" and direction is None:
            direction = "rev"
        elif w in (b"bylex", b"byscore") and rangetype is None:
            rangetype = w
        else:
            return _err(b"ERR syntax error")
        j += 1
    if limit and rangetype is None:
        return _err(b"ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX")
    if withscores and rangetype == b"bylex":
        return _err(b"ERR syntax error, WITHSCORES not supported in combination with BYLEX")
    return None


@_pre("expire", "pexpire", "expireat", "pexpireat")
def _patch_expire_flags(store, args, proto, db):
    flags = {a.lower() for a in args[3:]}
    if flags - {b"nx", b"xx", b"gt", b"lt"}:
        return None
    nx, xx, gt, lt = (f in flags for f in (b"nx", b"xx", b"gt", b"lt"))
    if (nx and xx) or (nx and gt) or (nx and lt):
        return None  # fakeredis has the server's text for these
    if gt and lt:
        return _err(b"ERR GT and LT options at the same time are not compatible")
    return None


@_pre("scan", "sscan", "hscan", "zscan")
def _patch_scan_cursor(store, args, proto, db):
    # the cursor is parsed first (db.c parseScanCursorOrReply: strtoul, the whole string)
    cur = args[2] if args[0].lower() != b"scan" else args[1]
    if not cur.isdigit() or int(cur) >= 2**64:
        return _err(b"ERR invalid cursor")
    return None


@_pre("select")
def _patch_select_index(store, args, proto, db):
    if not _is_ll(args[1]):
        return _err(b"ERR value is not an integer or out of range")
    return None


# -- commands fakeredis does not have
@_pre("touch")
def _patch_touch(store, args, proto, db):
    d = store._db(db)
    return Reply("int", sum(1 for k in args[1:] if k in d))


# -- INCRBYFLOAT / HINCRBYFLOAT: the server adds in long double and prints "%.17Lf" trimmed
_LDBL_MAX = Fraction((2**64 - 1) * 2**(16383 - 63))
_FLOAT_TEXT = re.compile(rb"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def _strtold(b: bytes) -> Fraction | None:
    if not _FLOAT_TEXT.match(b):
        return None
    return _ld_round(Fraction(b.decode("ascii")))


def _ld_add(cur: bytes | None, incr: bytes) -> bytes | None:
    """The new value as the server writes it, or None to leave the case (errors, inf) to fakeredis."""
    a = Fraction(0) if cur is None else _strtold(cur)
    b = _strtold(incr)
    if a is None or b is None:
        return None
    total = _ld_round(a + b)
    if abs(total) > _LDBL_MAX:
        return None
    return _format_ld_human(total)


@_pre("incrbyfloat")
def _patch_incrbyfloat(store, args, proto, db):
    item = store._db(db).get(args[1])
    if item is not None and type(item.value) is not bytes:
        return None
    out = _ld_add(None if item is None else item.value, args[2])
    if out is None:
        return None
    r = store._run([b"SET", args[1], out, b"KEEPTTL"], proto, db, "set")
    return Reply("bulk", out) if r.kind == "status" else r


@_pre("hincrbyfloat")
def _patch_hincrbyfloat(store, args, proto, db):
    item = store._db(db).get(args[1])
    if item is not None and not isinstance(item.value, Hash):
        return None
    cur = None if item is None else item.value.get(args[2])
    if cur is not None and _strtold(cur) is None:
        if _strtold(args[3]) is None:
            return None
        return _err(b"ERR hash value is not a float")
    out = _ld_add(cur, args[3])
    if out is None:
        return None
    r = store._run([b"HSET", args[1], args[2], out], proto, db, "hset")
    return Reply("bulk", out) if r.kind == "int" else r


@_pre("decrby")
def _patch_decrby_llong_min(store, args, proto, db):
    # t_string.c decrbyCommand: negating LLONG_MIN would overflow, refused before the key is read
    if _is_ll(args[2]) and int(args[2]) == -(2**63):
        return _err(b"ERR decrement would overflow")
    return None


@_post("xrange", "xrevrange")
def _patch_xrange_count_zero(store, args, proto, reply):
    # t_stream.c xrangeGenericCommand: COUNT 0 on an existing stream is a null array
    if reply.kind == "array" and not reply.value and len(args) == 6 and args[4].lower() == b"count" \
            and _is_ll(args[5]) and int(args[5]) == 0 and store._db(store._sock._db_num).get(args[1]) is not None:
        return Reply("nilarray")
    return reply


# -- SETEX / PSETEX / GETEX: fakeredis truncates the expiry time to whole seconds
def _set_expiry(store, key: bytes, when: float | None) -> None:
    d = store._server.dbs[store._sock._db_num]
    item = d._dict.get(key)
    if item is not None:
        item.expireat = when
        d.schedule_expiry(key, when)


@_post("setex", "psetex")
def _patch_setex_precision(store, args, proto, reply):
    if reply.kind == "status":
        now = store._server.dbs[store._sock._db_num].time
        n = int(args[2])
        _set_expiry(store, args[1], now + (n if args[0].lower() == b"setex" else n / 1000.0))
    return reply


@_post("getex")
def _patch_getex_precision(store, args, proto, reply):
    if reply.kind != "bulk" or len(args) != 4:
        return reply
    now = store._server.dbs[store._sock._db_num].time
    opt, n = args[2].lower(), int(args[3])
    when = {b"ex": now + n, b"px": now + n / 1000.0, b"exat": float(n), b"pxat": n / 1000.0}.get(opt)
    if when is not None:
        _set_expiry(store, args[1], when)
    return reply


@_post("expire", "pexpire", "expireat", "pexpireat")
def _patch_expire_now_deletes(store, args, proto, reply):
    # expire.c expireGenericCommand: a time not after now (checkAlreadyExpired: when <= now) deletes the
    # key at once; fakeredis keeps it until the clock moves past it
    if reply.kind == "int" and reply.value == 1:
        d = store._server.dbs[store._sock._db_num]
        item = d._dict.get(args[1])
        if item is not None and item.expireat is not None and item.expireat <= d.time:
            del d._dict[args[1]]
    return reply
