"""A stand-in for pylua.redis.session.RedisSession, for UI work until the
real one lands: the same constructor and snapshot["redis"] (the contract
in /work/shared-redis-contract.md), but a rough redis.call (fakeredis
through redis-py, replies converted loosely) and no Redis globals beyond
KEYS, ARGV, redis.call/pcall/debug/breakpoint.  bridge.py uses it only
when pylua.redis.session cannot be imported.  Going back works: the
keyspace lives in the Lua state (L.redis_stub), and a copy of it (a
checkpoint) replays the commands into a new fakeredis server.
"""

from __future__ import annotations

import json
import shlex

import fakeredis

from pylua.debugger import Session
from pylua.lib.package import register
from pylua.numfmt import fmt_number
from pylua.runtime import to_lua, to_python
from pylua.values import LuaTable

MUTATING = None  # (every command: the keyspace is compared before and after)


class StubStore:
    def __init__(self):
        self.log = []
        self.changed_at = {}
        self.server = fakeredis.FakeServer()
        self.r = fakeredis.FakeStrictRedis(server=self.server)

    def __deepcopy__(self, memo):
        c = StubStore()
        for args in self.log:
            try:
                c.r.execute_command(*args)
            except Exception:
                pass
        c.log = list(self.log)
        c.changed_at = dict(self.changed_at)
        return c

    def call(self, args, step):
        before = self.keyspace()
        self.log.append(args)
        try:
            reply = self.r.execute_command(*args)
        finally:
            after = self.keyspace()
            b = {e["key"]: e for e in before}
            a = {e["key"]: e for e in after}
            for k in set(a) | set(b):
                if a.get(k, {}).get("value") != b.get(k, {}).get("value") or (k in a) != (k in b):
                    self.changed_at[k] = step
        return reply

    def keyspace(self):
        out = []
        r = self.r
        for k in sorted(r.keys()):
            t = r.type(k).decode()
            d = lambda x: x.decode("utf-8", "replace") if isinstance(x, bytes) else x  # noqa: E731
            if t == "string":
                v = d(r.get(k))
            elif t == "hash":
                v = {d(f): d(x) for f, x in r.hgetall(k).items()}
            elif t == "list":
                v = [d(x) for x in r.lrange(k, 0, -1)]
            elif t == "set":
                v = sorted(d(x) for x in r.smembers(k))
            elif t == "zset":
                v = [[d(m), s] for m, s in r.zrange(k, 0, -1, withscores=True)]
            else:
                v = None
            out.append({"key": d(k), "type": t, "value": v, "ttl": r.pttl(k)})
        return out


def _arg(v):
    if isinstance(v, bytes):
        return v
    if isinstance(v, float):
        return fmt_number(v) if not v.is_integer() else str(int(v)).encode()
    raise TypeError("Lua redis lib command arguments must be strings or integers")


def _to_lua(x):
    if isinstance(x, bool):
        t = LuaTable()
        t.set(b"ok", b"OK")
        return t if x else False
    if isinstance(x, int):
        return float(x)
    if isinstance(x, float):
        return str(x).encode()
    if isinstance(x, bytes):
        return x
    if isinstance(x, str):
        return x.encode()
    if x is None:
        return False
    if isinstance(x, (list, tuple, set)):
        t = LuaTable()
        for i, e in enumerate(x):
            t.seti(i + 1, _to_lua(e))
        return t
    if isinstance(x, dict):
        t = LuaTable()
        i = 1
        for k, v in x.items():
            t.seti(i, _to_lua(k))
            t.seti(i + 1, _to_lua(v))
            i += 2
        return t
    return str(x).encode()


def _show(x) -> str:
    if isinstance(x, LuaTable):
        return "[table]"
    if isinstance(x, bytes):
        return x.decode("utf-8", "replace")
    if isinstance(x, float):
        return fmt_number(x).decode()
    return repr(x)


def _cli(v, indent=0) -> str:
    """The reply of a Lua value, as redis-cli prints it (roughly)."""
    if v is None or v is False:
        return "(nil)"
    if v is True:
        return "(integer) 1"
    if isinstance(v, float):
        return "(integer) %d" % int(v)
    if isinstance(v, bytes):
        return '"%s"' % v.decode("utf-8", "replace")
    if isinstance(v, LuaTable):
        ok = v.get(b"ok")
        if isinstance(ok, bytes):
            return ok.decode()
        err = v.get(b"err")
        if isinstance(err, bytes):
            return "(error) " + err.decode()
        items = []
        i = 1
        while True:
            e = v.get(float(i))
            if e is None:
                break
            items.append(e)
            i += 1
        if not items:
            return "(empty array)"
        w = len(str(len(items)))
        lines = []
        for j, e in enumerate(items):
            pre = f"{j + 1:>{w}}) "
            sub = _cli(e, indent + len(pre)).split("\n")
            lines.append((" " * indent if j else "") + pre + sub[0])
            lines.extend(sub[1:])
        return "\n".join(lines)
    return str(v)


class RedisSession(Session):
    def __init__(self, source, keys=(), argv=(), setup="", chunkname="=user_script", **kw):
        self._keys = list(keys)
        self._argv = list(argv)
        self._setup = setup
        self._setup_error = None
        super().__init__(source, chunkname=chunkname, **kw)

    def _start(self, L, source, chunkname):
        store = L.redis_stub = StubStore()
        for n, line in enumerate(self._setup.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                store.call(shlex.split(line), 0)
            except Exception as e:
                if self._setup_error is None:
                    self._setup_error = f"line {n}: {e}"
        store.changed_at.clear()
        L["KEYS"] = [k.encode() for k in self._keys]
        L["ARGV"] = [a.encode() for a in self._argv]

        def call(L, args, protected=False):
            if not args:
                raise L.error("Please specify at least one argument for this redis lib call")
            cmd = [_arg(a) for a in args]
            L.stdout.write(b"<redis> " + b" ".join(cmd) + b"\n")
            try:
                reply = L.redis_stub.call(cmd, L.dbg.count)
            except Exception as e:
                msg = str(e).encode()
                L.stdout.write(b"<reply> (error) " + msg + b"\n")
                if protected:
                    t = LuaTable()
                    t.set(b"err", msg)
                    return [t]
                raise L.error(msg) from None
            v = _to_lua(reply)
            L.stdout.write(b"<reply> " + _cli(v).replace("\n", " ").encode() + b"\n")
            return [v]

        def pcall(L, args):
            return call(L, args, True)

        def debug(L, args):
            L.stdout.write(b"<debug> line ?: " + b", ".join(_show(a).encode() for a in args) + b"\n")
            return []

        def breakpoint(L, args):
            return [False]

        def reply_table(field):
            def fn(L, args):
                t = LuaTable()
                t.set(field, args[0] if args else b"")
                return [t]
            return fn

        register(L, b"redis", [("call", call), ("pcall", pcall), ("debug", debug),
                               ("breakpoint", breakpoint), ("error_reply", reply_table(b"err")),
                               ("status_reply", reply_table(b"ok"))])

        def decode(L, args):
            return [to_lua(json.loads(args[0].decode()))]

        def encode(L, args):
            return [json.dumps(to_python(args[0]), separators=(",", ":")).encode()]

        register(L, b"cjson", [("decode", decode), ("encode", encode)])
        super()._start(L, source, chunkname)

    def _build(self):
        snap = super()._build()
        L = getattr(self, "L", None)
        store = getattr(L, "redis_stub", None) if L is not None else None
        step = snap["step"]
        reply = None
        if snap["status"] == "finished":
            res = L.host_results or []
            reply = _cli(res[0] if res else None)
        elif snap["status"] == "error":
            reply = "(error) " + str(self.error)
        snap["redis"] = {
            "keyspace": store.keyspace() if store else [],
            "changed": sorted(k for k, s in (store.changed_at.items() if store else ()) if s == step - 1),
            "reply": reply,
            "setup_error": self._setup_error,
        }
        return snap
