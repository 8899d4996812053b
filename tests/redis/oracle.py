"""The differential harness of Redis mode: runs the cases of tests/redis/cases/
against a real redis-server (the oracle) or against pylua's Server, and
records every raw reply plus a canonical dump of the final keyspace.

A case (see /docs/redis.md and the cases files)::

    {"name": "area/what", "resp": 2, "fresh": false,
     "setup": [["SET", "k", "v"]],
     "steps": [["EVAL", "return 1", "0"],
               {"conn": "b", "args": ["PING"]},
               {"send": ["EVAL", "while true do end", "0"], "conn": "a"},
               {"read": "a"}, {"sleep": 200}]}

Strings in args are latin-1 mapped: each character U+0000-U+00FF is one byte.
Replies are stored the same way (``reply.decode("latin-1")``).

Both back ends are driven by the same ``run_area`` loop: a back end gives
``reset(fresh)`` (between cases) and ``connect()`` (a fresh connection with
``command(args)``, ``send(args)`` and ``read()``, each reply as raw bytes).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
EXPECTED = HERE / "expected"
REDIS_SERVER = shutil.which("redis-server") or (
    "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None
)

# what runs between two cases (replies ignored); "fresh" restarts instead
RESET = [
    [b"FLUSHALL"],
    [b"SCRIPT", b"FLUSH"],
    [b"FUNCTION", b"FLUSH"],
    [b"CONFIG", b"SET", b"busy-reply-threshold", b"5000"],
]


VERSION = "7.0.15"  # the expected replies come from this redis-server


def redis_version(binary: str | None = None) -> str | None:
    """The version of ``redis-server`` (None when it is not installed)."""
    binary = binary or REDIS_SERVER
    if not binary:
        return None
    out = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
    for word in out.split():
        if word.startswith("v="):
            return word[2:]
    return None


def enc(s: str) -> bytes:
    return s.encode("latin-1")


def dec(b: bytes) -> str:
    return b.decode("latin-1")


# ---------------------------------------------------------------- RESP framing


class Incomplete(Exception):
    pass


def _line(buf: bytes, pos: int) -> tuple[bytes, int]:
    end = buf.find(b"\r\n", pos)
    if end < 0:
        raise Incomplete
    return buf[pos:end], end + 2


def reply_end(buf: bytes, pos: int = 0) -> int:
    """The offset just past the one RESP2/RESP3 reply that starts at ``pos``;
    raises Incomplete when ``buf`` does not hold all of it yet."""
    if pos >= len(buf):
        raise Incomplete
    kind = buf[pos : pos + 1]
    line, nxt = _line(buf, pos + 1)
    if kind in b"+-:_,#(":
        return nxt
    if kind in b"$!=":
        n = int(line)
        if n < 0:
            return nxt
        if len(buf) < nxt + n + 2:
            raise Incomplete
        return nxt + n + 2
    if kind in b"*~>%|":
        n = int(line)
        if n < 0:
            return nxt
        if kind in b"%|":
            n *= 2
        for _ in range(n):
            nxt = reply_end(buf, nxt)
        if kind == b"|":  # an attribute comes before the reply it describes
            nxt = reply_end(buf, nxt)
        return nxt
    raise ValueError(f"not a RESP reply at {pos}: {buf[pos:pos + 20]!r}")


def decode(buf: bytes, pos: int = 0):
    """(value, end): a small decoder for the keyspace dump (bulk -> bytes,
    status -> ("status", bytes), error -> ("error", bytes), arrays -> lists,
    maps -> lists of pairs)."""
    kind = buf[pos : pos + 1]
    line, nxt = _line(buf, pos + 1)
    if kind == b"+":
        return ("status", line), nxt
    if kind == b"-":
        return ("error", line), nxt
    if kind == b":":
        return int(line), nxt
    if kind == b"_":
        return None, nxt
    if kind in b",(":
        return line, nxt
    if kind == b"#":
        return line == b"t", nxt
    if kind in b"$!=":
        n = int(line)
        if n < 0:
            return None, nxt
        return buf[nxt : nxt + n], nxt + n + 2
    if kind in b"*~>%|":
        n = int(line)
        if n < 0:
            return None, nxt
        if kind in b"%|":
            n *= 2
        out = []
        for _ in range(n):
            v, nxt = decode(buf, nxt)
            out.append(v)
        if kind == b"|":
            return decode(buf, nxt)
        return out, nxt
    raise ValueError(f"not a RESP reply: {buf[pos:pos + 20]!r}")


def encode_command(args) -> bytes:
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        if isinstance(a, str):
            a = a.encode("utf-8")
        elif isinstance(a, int):
            a = str(a).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(out)


# ---------------------------------------------------------------- redis-server


def free_port() -> int:
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port != 6379:
            return port


class RawConn:
    """A client connection that returns each reply's exact bytes."""

    def __init__(self, port: int, timeout: float = 20.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buf = b""

    def send(self, args) -> None:
        self.sock.sendall(encode_command(args))

    def read(self) -> bytes:
        while True:
            try:
                end = reply_end(self.buf)
            except Incomplete:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise ConnectionError("redis-server closed the connection") from None
                self.buf += chunk
                continue
            reply, self.buf = self.buf[:end], self.buf[end:]
            return reply

    def command(self, args) -> bytes:
        self.send(args)
        return self.read()

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass


class RedisOracle:
    """A private redis-server on 127.0.0.1 (never 6379), in a temp dir, no
    persistence; ``reset(fresh=True)`` restarts it."""

    def __init__(self, binary: str | None = None):
        self.binary = binary or REDIS_SERVER
        if not self.binary:
            raise FileNotFoundError("redis-server is not installed")
        self.proc = None
        self.dir = tempfile.mkdtemp(prefix="pylua-redis-oracle-")
        self.conns: list[RawConn] = []
        self.start()

    def start(self) -> None:
        for _ in range(5):
            self.port = free_port()
            self.proc = subprocess.Popen(
                [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--dir", self.dir,
                 "--daemonize", "no", "--logfile", "", "--loglevel", "warning",
                 "--protected-mode", "yes"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    break  # port taken, most likely: try another
                try:
                    c = RawConn(self.port, timeout=2)
                    if c.command([b"PING"]) == b"+PONG\r\n":
                        c.close()
                        return
                    c.close()
                except OSError:
                    time.sleep(0.02)
            self.stop_process()
        raise RuntimeError("could not start redis-server")

    def stop_process(self) -> None:
        for c in self.conns:
            c.close()
        self.conns = []
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self.proc = None

    def close(self) -> None:
        self.stop_process()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def connect(self) -> RawConn:
        c = RawConn(self.port)
        self.conns.append(c)
        return c

    def reset(self, fresh: bool) -> None:
        for c in self.conns:
            c.close()
        self.conns = []
        if fresh:
            self.stop_process()
            self.start()
            return
        c = RawConn(self.port)
        for args in RESET:
            c.command(args)
        c.close()


# ---------------------------------------------------------------- pylua


class PyluaConn:
    def __init__(self, conn):
        self.c = conn

    def command(self, args) -> bytes:
        return self.c.command(*args)

    def send(self, args) -> None:
        self.c.send(*args)

    def read(self) -> bytes:
        return self.c.read()


class PyluaBackend:
    """The same protocol, on ``pylua.redis.Server`` (in process)."""

    def __init__(self):
        from pylua.redis import Server

        self.Server = Server
        self.srv = Server()

    def connect(self) -> PyluaConn:
        return PyluaConn(self.srv.connect())

    def reset(self, fresh: bool) -> None:
        if fresh:
            self.close()
            self.srv = self.Server()
            return
        for args in RESET:
            self.srv.command(*args)

    def close(self) -> None:
        close = getattr(self.srv, "close", None)
        if close:
            close()


# ---------------------------------------------------------------- the keyspace


def _ttl(pttl: int):
    """None when the key has no TTL, else its TTL rounded to whole seconds,
    so the few ms a case takes to run do not change it."""
    if pttl < 0:
        return None
    if pttl > 86_400_000:
        return "more than a day"  # an absolute expiry (EXAT 2100...): it shrinks as days go by
    return int((pttl + 500) // 1000)


def _stream_id(i: bytes) -> str:
    ms, _, seq = i.partition(b"-")
    # an ID made by "*" holds the clock (ms since 2020 or later): keep only
    # the entries' order, not their time, nor the sequence number (which
    # depends on whether two entries fell in the same millisecond)
    if int(ms) >= 1_577_836_800_000:
        return "<time>"
    return i.decode()


def dump_keyspace(command) -> dict:
    """The canonical keyspace, read with commands through ``command(args) ->
    bytes`` (a fresh RESP2 connection): {db: [{key, type, value, ttl}]} for
    each db that has keys, keys sorted."""

    def call(*args):
        v, _ = decode(command([a if isinstance(a, bytes) else enc(str(a)) for a in args]))
        return v

    out = {}
    for db in range(16):
        sel = call(b"SELECT", db)
        if sel != ("status", b"OK"):
            break
        keys = call(b"KEYS", b"*")
        if not isinstance(keys, list) or not keys:
            continue
        rows = []
        for k in sorted(keys):
            t = call(b"TYPE", k)
            t = t[1].decode() if isinstance(t, tuple) else repr(t)
            if t == "string":
                v = dec(call(b"GET", k) or b"")
            elif t == "hash":
                flat = call(b"HGETALL", k)
                v = sorted([dec(flat[i]), dec(flat[i + 1])] for i in range(0, len(flat), 2))
            elif t == "list":
                v = [dec(x) for x in call(b"LRANGE", k, 0, -1)]
            elif t == "set":
                v = sorted(dec(x) for x in call(b"SMEMBERS", k))
            elif t == "zset":
                flat = call(b"ZRANGE", k, 0, -1, b"WITHSCORES")
                v = [[dec(flat[i]), dec(flat[i + 1])] for i in range(0, len(flat), 2)]
            elif t == "stream":
                v = [
                    [_stream_id(e[0]), [dec(x) for x in e[1]]]
                    for e in call(b"XRANGE", k, b"-", b"+")
                ]
            else:
                v = None
            pttl = call(b"PTTL", k)
            rows.append({"key": dec(k), "type": t, "value": v,
                         "ttl": _ttl(pttl) if isinstance(pttl, int) else repr(pttl)})
        out[str(db)] = rows
    return out


# ---------------------------------------------------------------- running cases


def load_cases(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def areas() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.json"))


def _args(a) -> list[bytes]:
    return [enc(x) if isinstance(x, str) else enc(str(x)) for x in a]


def run_case(backend, case: dict) -> dict:
    """Runs one case on a back end already reset; returns the record
    {name, setup: [replies], replies: [replies], keyspace}."""
    conns = {}
    resp3 = case.get("resp", 2) == 3

    def conn(name):
        if name not in conns:
            c = backend.connect()
            if resp3:
                c.command([b"HELLO", b"3"])
            conns[name] = c
        return conns[name]

    setup_conn = backend.connect()
    setup = [dec(setup_conn.command(_args(a))) for a in case.get("setup", [])]
    replies = []
    for step in case["steps"]:
        try:
            if isinstance(step, list):
                replies.append(dec(conn("a").command(_args(step))))
            elif "sleep" in step:
                time.sleep(step["sleep"] / 1000)
            elif "read" in step:
                replies.append(dec(conn(step["read"]).read()))
            elif "send" in step:
                conn(step.get("conn", "a")).send(_args(step["send"]))
            elif "args" in step:
                replies.append(dec(conn(step.get("conn", "a")).command(_args(step["args"]))))
            else:
                raise ValueError(f"bad step {step!r}")
        except Exception as e:  # recorded, so one broken step does not hide the rest
            replies.append(f"<harness: {type(e).__name__}: {e}>")
            break
    dump_conn = backend.connect()
    try:
        keyspace = dump_keyspace(dump_conn.command)
    except Exception as e:
        keyspace = {"error": f"{type(e).__name__}: {e}"}
    return {"name": case["name"], "setup": setup, "replies": replies, "keyspace": keyspace}


def run_area(backend, cases: list[dict]) -> list[dict]:
    out = []
    first = True
    for case in cases:
        fresh = bool(case.get("fresh"))
        if not (first and not fresh):
            backend.reset(fresh)
        first = False
        out.append(run_case(backend, case))
    return out


def regenerate(out_dir: Path, names: list[str] | None = None, binary: str | None = None):
    """Runs the cases files (all, or the areas named) on a private
    redis-server and writes <out_dir>/<area>.json; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for area in names or areas():
        cases = load_cases(CASES / f"{area}.json")
        with RedisOracle(binary) as oracle:
            records = run_area(oracle, cases)
        path = out_dir / f"{area}.json"
        with open(path, "w", encoding="utf-8") as f:
            json.dump(records, f, indent=1, ensure_ascii=True)
            f.write("\n")
        written.append(path)
    return written
