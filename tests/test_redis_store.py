"""The Redis mode keyspace (pylua/redis/store.py, resp.py): API, clock, copies, and the
differential comparison with redis-server 7.0.15 (tests/redis/store_expected.json)."""

from __future__ import annotations

import copy
import math
import time

import pytest

pytest.importorskip("fakeredis")

from pylua.redis import resp  # noqa: E402
from pylua.redis.store import Clock, Store, command_info  # noqa: E402

# ---------------------------------------------------------------- resp

@pytest.mark.parametrize("wire", [
    b"+OK\r\n", b"-ERR x\r\n", b":-12\r\n", b"$3\r\nabc\r\n", b"$0\r\n\r\n", b"$-1\r\n", b"*-1\r\n",
    b"*2\r\n$1\r\na\r\n:1\r\n", b"%1\r\n$1\r\nk\r\n,1.5\r\n", b"~2\r\n:1\r\n:2\r\n", b",inf\r\n",
    b",-inf\r\n", b"#t\r\n", b"#f\r\n", b"(12345678901234567890\r\n", b"=8\r\ntxt:abcd\r\n",
    b">2\r\n$1\r\na\r\n$1\r\nb\r\n", b"_\r\n", b"*0\r\n",
])
def test_resp_roundtrip(wire):
    r, end = resp.parse(wire)
    assert end == len(wire)
    proto = 3 if wire[:1] in b"%~,#(=>_" else 2
    assert resp.encode(r, proto) == wire


def test_resp_downgrade():
    m, _ = resp.parse(b"%1\r\n$1\r\nk\r\n,1.5\r\n")
    assert resp.encode(m, 2) == b"*2\r\n$1\r\nk\r\n$3\r\n1.5\r\n"
    assert resp.encode(resp.Reply("double", math.inf), 2) == b"$3\r\ninf\r\n"
    assert resp.encode(resp.Reply("double", 0.1), 3) == b",0.10000000000000001\r\n"
    assert resp.encode(resp.Reply("bool", True), 2) == b":1\r\n"
    assert resp.encode(resp.Reply("set", [resp.integer(1)]), 2) == b"*1\r\n:1\r\n"
    assert resp.encode(resp.Reply("nil"), 3) == b"_\r\n"
    assert resp.encode(resp.Reply("nilarray"), 2) == b"*-1\r\n"
    assert resp.encode(resp.Reply("bignum", b"123"), 2) == b"$3\r\n123\r\n"
    assert resp.encode(resp.Reply("verbatim", (b"txt", b"ab")), 2) == b"$2\r\nab\r\n"


def test_resp_incomplete_and_decode():
    with pytest.raises(resp.Incomplete):
        resp.parse(b"$3\r\nab")
    with pytest.raises(resp.Incomplete):
        resp.parse(b"*2\r\n:1\r\n")
    r, _ = resp.parse(b"*4\r\n+OK\r\n-ERR no\r\n%1\r\n$1\r\nk\r\n~1\r\n:1\r\n_\r\n")
    v = resp.decode(r)
    assert v[0] == b"OK" and isinstance(v[1], resp.ReplyError) and v[2] == {b"k": {1}} and v[3] is None
    # an attribute is kept on the reply it annotates
    r, _ = resp.parse(b"|1\r\n+a\r\n:1\r\n:5\r\n")
    assert r.kind == "int" and r.value == 5 and r.attribute


# ---------------------------------------------------------------- the store API

def test_call_and_types():
    s = Store()
    assert s.call([b"SET", b"k", b"v"]) == b"+OK\r\n"
    assert s.call(["GET", "k"]) == b"$1\r\nv\r\n"
    assert s.call(["GET", "nope"], resp=3) == b"_\r\n"
    assert s.call(["HSET", "h", "a", "1"]) == b":1\r\n"
    assert s.call(["HGETALL", "h"], resp=3) == b"%1\r\n$1\r\na\r\n$1\r\n1\r\n"
    assert s.call(["GET"]) == b"-ERR wrong number of arguments for 'get' command\r\n"
    assert s.call(["NOPE", "x"]).startswith(b"-ERR unknown command 'NOPE'")
    assert s.call(["LPUSH", "k", "x"]).startswith(b"-WRONGTYPE")


def test_dbs_and_select():
    s = Store()
    s.call(["SET", "k", "1"], db=3)
    assert s.call(["EXISTS", "k"]) == b":0\r\n"
    assert s.call(["EXISTS", "k"], db=3) == b":1\r\n"
    assert s.call(["SELECT", "5"], db=3) == b"+OK\r\n" and s.selected == 5
    assert s.call(["SELECT", "99"]).startswith(b"-ERR")


def test_last_changed():
    s = Store()
    s.call(["MSET", "a", "1", "b", "2"])
    assert sorted(s.last_changed) == [(0, b"a"), (0, b"b")]
    s.call(["GET", "a"])
    assert s.last_changed == []
    s.call(["SET", "a", "9", "NX"])
    assert s.last_changed == []
    s.call(["FLUSHDB"], db=2)
    assert s.last_flushed == [2]


def test_clock_drives_expiry_time_and_stream_ids():
    s = Store(Clock(1_700_000_000.0))
    s.call(["SET", "k", "v", "EX", "10"])
    assert s.call(["TTL", "k"]) == b":10\r\n"
    s.clock.advance(4.5)
    assert s.call(["PTTL", "k"]) == b":5500\r\n"
    assert s.keyspace()[0]["ttl"] == 5500
    s.clock.advance(6)
    assert s.call(["GET", "k"]) == b"$-1\r\n"
    assert s.call(["TIME"]) == b"*2\r\n$10\r\n1700000010\r\n$6\r\n500000\r\n"
    assert s.call(["XADD", "st", "*", "f", "v"]) == b"$15\r\n1700000010500-0\r\n"
    assert s.call(["XADD", "st", "*", "f", "v"]) == b"$15\r\n1700000010500-1\r\n"


def test_clock_wall_by_default():
    s = Store()
    assert abs(s.clock.now() - time.time()) < 1
    s.clock.advance(100)
    assert abs(s.clock.now() - time.time() - 100) < 1
    s.clock.follow_wall()
    assert not s.clock.frozen


def test_deepcopy_is_independent():
    s = Store(Clock(1000.0))
    s.call(["SET", "k", "v", "EX", "100"])
    s.call(["RPUSH", "l", "a", "b"])
    s.call(["ZADD", "z", "1", "m"])
    s.call(["HSET", "h", "f", "v"])
    s.call(["SADD", "s", "x"])
    s.call(["XADD", "x", "1-1", "f", "v"])
    c = copy.deepcopy(s)
    for cmd in (["RPUSH", "l", "c"], ["ZADD", "z", "2", "n"], ["HSET", "h", "g", "w"], ["SADD", "s", "y"],
                ["XADD", "x", "2-1", "f", "v"], ["SET", "k", "w"]):
        c.call(cmd)
    c.clock.advance(50)
    assert s.keyspace() != c.keyspace()
    assert s.call(["LRANGE", "l", "0", "-1"]) == b"*2\r\n$1\r\na\r\n$1\r\nb\r\n"
    assert s.call(["TTL", "k"]) == b":100\r\n"
    assert s.call(["XLEN", "x"]) == b":1\r\n"
    assert c.call(["TTL", "k"]) == b":-1\r\n"


def test_deepcopy_cost():
    s = Store()
    for i in range(250):
        s.call(["SET", f"s{i}", "v" * 20])
        s.call(["HSET", f"h{i}", "a", "1", "b", "2"])
        s.call(["RPUSH", f"l{i}", *"abcdef"])
        s.call(["ZADD", f"z{i}", "1", "a", "2", "b"])
    # the copy is built by Store.__deepcopy__ (the data and the expiry
    # times into a fresh fakeredis server), not by deepcopy walking
    # fakeredis's objects: their locks cannot be copied, and walking them
    # cost 20x more (a checkpoint copies the store each time)
    c = copy.deepcopy(s)
    assert c._server is not s._server and c._server.lock is not s._server.lock
    assert c.keyspace() == s.keyspace()
    c.call(["SET", "s0", "changed"])
    assert s.call(["GET", "s0"]) == b"$20\r\n" + b"v" * 20 + b"\r\n"


def test_keyspace_rendering():
    s = Store(Clock(0.0))
    s.call(["SET", "bin", b"\xff\x00a"])
    s.call(["SET", "txt", "héllo"])
    s.call(["HSET", "h", "b", "2", "a", "1"])
    s.call(["SADD", "s", "b", "a", "c"])
    s.call(["ZADD", "z", "2.5", "b", "1", "a", "inf", "c"])
    s.call(["RPUSH", "l", "x", "y"])
    s.call(["XADD", "x", "5-1", "f", "v"])
    ks = {e["key"]: e for e in s.keyspace()}
    assert [e["key"] for e in s.keyspace()] == sorted(ks)
    assert ks["bin"]["value"] == "\\xff\\x00a"
    assert ks["txt"]["value"] == "héllo"
    assert ks["h"] == {"key": "h", "type": "hash", "value": {"b": "2", "a": "1"}, "ttl": -1}
    assert ks["s"]["value"] == ["a", "b", "c"]
    assert ks["z"]["value"] == [["a", 1], ["b", 2.5], ["c", "inf"]]
    assert ks["l"]["value"] == ["x", "y"]
    assert ks["x"]["value"] == [["5-1", {"f": "v"}]] and ks["x"]["type"] == "stream"


def test_command_info():
    info = command_info("set")
    assert info["arity"] == -3 and "write" in info["flags"] and info["first_key"] == 1
    assert command_info(b"GET")["flags"] == ["fast", "readonly"]
    assert command_info("client", "setname")["arity"] == 3
    assert command_info("nosuch") is None


# ---------------------------------------------------------------- differential: Store vs redis-server 7.0.15

import json  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
import redis_store_cases as cases  # noqa: E402

_EXPECTED = json.loads(cases.EXPECTED.read_text()) if cases.EXPECTED.exists() else {}


def _normal(raw: bytes, unordered: bool):
    if not unordered:
        return raw
    r, _ = resp.parse(raw)

    def sort(x):
        if x.kind in ("array", "set"):
            items = [sort(i) for i in x.value]
            return (x.kind, sorted(items, key=repr))
        return (x.kind, x.value)
    return sort(r)


def run_store(cmds, proto):
    s = Store()
    return [s.call(cases.expand(cmd)[0], resp=proto) for cmd in cmds]


def mismatches(name, cmds, proto, expected):
    got = run_store(cmds, proto)
    bad = []
    for cmd, g, e in zip(cmds, got, expected, strict=True):
        e = e.encode("latin-1")
        un = cases.expand(cmd)[1]
        if _normal(g, un) != _normal(e, un):
            bad.append((" ".join(cmd), e, g))
    return bad


@pytest.mark.parametrize("proto", [2, 3])
@pytest.mark.parametrize("name,cmds", cases.CASES, ids=[n for n, _ in cases.CASES])
def test_store_matches_server(name, cmds, proto):
    expected = _EXPECTED[f"{name}/resp{proto}"]
    assert mismatches(name, cmds, proto, expected) == []


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed")
def test_expected_replies_are_the_servers():
    """The committed replies are what the installed redis-server answers today."""
    fresh = cases.regenerate()
    assert fresh.keys() == _EXPECTED.keys()
    for name, cmds in cases.CASES:
        for proto in (2, 3):
            key = f"{name}/resp{proto}"
            for cmd, a, b in zip(cmds, fresh[key], _EXPECTED[key], strict=True):
                un = cases.expand(cmd)[1]
                assert _normal(a.encode("latin-1"), un) == _normal(b.encode("latin-1"), un), (key, cmd)


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed")
def test_copy_from_live_server_reads_only():
    proc, port = cases.start_server()
    try:
        live = cases.RawClient("127.0.0.1", port)
        for cmd in (["SET", "u:1", "alice"], ["SET", "u:bin", "\xff\x00"], ["HSET", "u:h", "a", "1", "b", "2"],
                    ["RPUSH", "u:l", "x", "y", "x"], ["SADD", "u:s", "m", "n"],
                    ["ZADD", "u:z", "1.5", "a", "0.1", "b"], ["XADD", "u:x", "1-1", "f", "v"],
                    ["PEXPIRE", "u:1", "100000"], ["SET", "other", "no"]):
            live.command([cases._b(a) for a in cmd])
        def writes():  # the server counts every change to its data
            info = live.command([b"INFO", b"persistence"])
            return [ln for ln in info.split(b"\r\n") if ln.startswith(b"rdb_changes_since_last_save:")]

        before = writes()
        assert before and before != [b"rdb_changes_since_last_save:0"]
        s = Store()
        copied = s.copy_from(f"redis://127.0.0.1:{port}", "u:*")
        assert copied == sorted([b"u:1", b"u:bin", b"u:h", b"u:l", b"u:s", b"u:z", b"u:x"])
        assert writes() == before
        for key in (b"u:1", b"u:bin", b"u:h", b"u:l", b"u:s", b"u:z", b"u:x"):
            t = s.call([b"TYPE", key])
            assert t == live.command([b"TYPE", key])
            read = {b"+string\r\n": [b"GET"], b"+hash\r\n": [b"HGETALL"], b"+list\r\n": [b"LRANGE", None, b"0", b"-1"],
                    b"+zset\r\n": [b"ZRANGE", None, b"0", b"-1", b"WITHSCORES"],
                    b"+stream\r\n": [b"XRANGE", None, b"-", b"+"]}.get(t, [b"SCARD"])
            cmd = [read[0], key, *read[2:]]
            assert s.call(cmd) == live.command(cmd)
        assert s.call([b"EXISTS", b"other"]) == b":0\r\n"
        assert 99000 < int(s.call([b"PTTL", b"u:1"])[1:-2]) <= 100000
        live.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed")
def test_commands_json_is_the_servers():
    import subprocess

    root = Path(__file__).resolve().parent.parent
    r = subprocess.run([sys.executable, str(root / "scripts" / "redis-commands"), "--check"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
