"""FUNCTION / FCALL (pylua/redis/functions.py, rdb.py): what the
differential cases (tests/redis/cases/functions.json) cannot show."""

from __future__ import annotations

import os
import random
import time

from pylua.redis import Server
from pylua.redis.functions import split_args, stringmatch
from pylua.redis.rdb import crc64, dump_functions, load_functions, lzf_compress, lzf_decompress

HELLO = "#!lua name=mylib\nredis.register_function('hello', function(keys, args) return 'hello ' .. (args[1] or 'world') end)"
TIMEOUT = b"-ERR Error registering functions: ERR FUNCTION LOAD timeout\r\n"


def test_load_timeout_ends_an_infinite_loop():
    srv = Server()
    t = time.monotonic()
    assert srv.command("FUNCTION", "LOAD", "#!lua name=x\nwhile true do end") == TIMEOUT
    assert 0.45 < time.monotonic() - t < 5
    assert srv.command("FUNCTION", "LIST") == b"*0\r\n"


def test_load_timeout_again_and_again():
    """The timeout's error comes from a hook: hooks must run again after it
    (and the globals be the real ones again)."""
    srv = Server()
    srv.functions.load_timeout_ms = 30
    for body in ("while true do end", "local function f() return f() end f()", "repeat until false"):
        assert srv.command("FUNCTION", "LOAD", "#!lua name=x\n" + body) == TIMEOUT
    assert srv.command("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('f', function() return string.rep('a', 3) end)") == b"$1\r\nx\r\n"
    assert srv.command("FCALL", "f", "0") == b"$3\r\naaa\r\n"


def test_globals_restored_after_failed_loads():
    srv = Server()
    for body in ("error", "return +", "redis.register_function('f', 1)", "x = 1"):
        assert srv.command("FUNCTION", "LOAD", "#!lua name=x\n" + body)[:1] == b"-"
    L = srv.functions.L
    assert L.redis_globals_meta.get(b"__index") is L.redis_globals_api
    assert L.redis_load is None
    srv.command("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('f', function() return {type(string), type(redis.call), type(redis.register_function)} end)")
    assert srv.execute("FCALL", "f", "0") == [b"table", b"function", b"nil"]


def test_flush_makes_a_new_state():
    srv = Server()
    lib = "#!lua name=x\nlocal n = 0\nredis.register_function('f', function() n = n + 1 return n end)"
    srv.command("FUNCTION", "LOAD", lib)
    L = srv.functions.L
    assert [srv.execute("FCALL", "f", "0") for _ in range(3)] == [1, 2, 3]
    assert srv.command("FUNCTION", "FLUSH") == b"+OK\r\n"
    assert srv.functions.L is not L
    assert srv.functions.libraries == {} and srv.functions.functions == {}
    assert srv.command("FCALL", "f", "0") == b"-ERR Function not found\r\n"
    srv.command("FUNCTION", "LOAD", lib)
    assert srv.execute("FCALL", "f", "0") == 1


def test_delete_and_replace_keep_the_state():
    srv = Server()
    srv.command("FUNCTION", "LOAD", HELLO)
    L = srv.functions.L
    srv.command("FUNCTION", "LOAD", "REPLACE", HELLO)
    srv.command("FUNCTION", "DELETE", "mylib")
    assert srv.functions.L is L


def _busy(srv):
    srv.command("CONFIG", "SET", "busy-reply-threshold", "50")
    a, b = srv.connect(), srv.connect()
    return a, b


def test_stats_while_a_function_runs():
    srv = Server()
    a, b = _busy(srv)
    srv.command("FUNCTION", "LOAD", "#!lua name=loop\nredis.register_function('spin', function() while true do end end)")
    a.send("FCALL", "spin", "0", "arg")
    time.sleep(0.1)
    stats = b.execute("FUNCTION", "STATS")
    running = dict(zip(stats[1][::2], stats[1][1::2], strict=True))
    assert running[b"name"] == b"spin"
    assert running[b"command"] == [b"FCALL", b"spin", b"0", b"arg"]
    assert running[b"duration_ms"] >= 50
    assert b.command("FUNCTION", "KILL") == b"+OK\r\n"
    assert a.read() == b"-ERR Script killed by user with SCRIPT KILL... script: spin, on @user_function:2.\r\n"
    assert b.command("PING") == b"+PONG\r\n"


def test_kill_twice():
    """SCRIPT KILL / FUNCTION KILL raise from a hook: a second kill must work."""
    srv = Server()
    a, b = _busy(srv)
    for _ in range(2):
        a.send("EVAL", "while true do end", "0")
        time.sleep(0.1)
        assert b.command("SCRIPT", "KILL") == b"+OK\r\n"
        assert a.read().startswith(b"-ERR Script killed by user with SCRIPT KILL...")
    srv.command("FUNCTION", "LOAD", "#!lua name=loop\nredis.register_function('spin', function() while true do end end)")
    for _ in range(2):
        a.send("FCALL", "spin", "0")
        time.sleep(0.1)
        assert b.command("FUNCTION", "KILL") == b"+OK\r\n"
        assert a.read().startswith(b"-ERR Script killed by user with SCRIPT KILL...")


def test_hooks_run_again_after_a_hook_error():
    """lua_pcall restores allowhook when an error from a hook unwinds to it."""
    from pylua.runtime import Lua

    L = Lua()
    out = L.execute(
        b"local n = 0\n"
        b"for i = 1, 3 do\n"
        b"  pcall(function()\n"
        b"    debug.sethook(function() n = n + 1 debug.sethook() error('h') end, 'l')\n"
        b"    local x = 1\n"
        b"  end)\n"
        b"end\n"
        b"return n"
    )
    assert out == [3.0]


def test_builtin_callback_error_has_no_position():
    srv = Server()
    srv.command("FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('f', redis.log)")
    assert srv.command("FCALL", "f", "0") == b"-ERR First argument must be a number (log level).\r\n"


def test_dump_restore_round_trip():
    srv = Server()
    libs = [HELLO] + [
        "#!lua name=l%d\nredis.register_function('f%d', function() return %d end)\n-- %s" % (i, i, i, "x" * i * 37)
        for i in range(5)
    ]
    for lib in libs:
        srv.command("FUNCTION", "LOAD", lib)
    payload = srv.execute("FUNCTION", "DUMP")
    other = Server()
    assert other.command("FUNCTION", "RESTORE", payload) == b"+OK\r\n"
    assert other.command("FUNCTION", "LIST", "WITHCODE") == srv.command("FUNCTION", "LIST", "WITHCODE")
    assert other.execute("FCALL", "f3", "0") == 3
    assert other.command("FUNCTION", "RESTORE", payload) == b"-ERR Library mylib already exists\r\n"
    assert other.command("FUNCTION", "RESTORE", payload, "REPLACE") == b"+OK\r\n"


def test_rdb_pieces():
    assert crc64(b"123456789") == 0xE9C6D914C4B8D9CA
    rnd = random.Random(5)
    for n in (21, 50, 300, 5000, 70000):
        for data in (os.urandom(n), bytes(rnd.choice(b"ab c\n") for _ in range(n)), b"x" * n):
            c = lzf_compress(data, n - 4)
            if c is not None:
                assert len(c) <= n - 4
                assert lzf_decompress(c, n) == data
    payload = dump_functions([b"#!lua name=a\n" + b"z" * 100, b"#!lua name=b\nreturn"])
    assert load_functions(payload) == ([b"#!lua name=a\n" + b"z" * 100, b"#!lua name=b\nreturn"], None)
    bad = payload[:-1] + bytes([payload[-1] ^ 1])
    assert load_functions(bad)[1] == b"DUMP payload version or checksum are wrong"


def test_split_args_as_sdssplitargs():
    assert split_args(b'#!lua name="x"') == [b"#!lua", b"name=x"]
    assert split_args(b"#!lua 'na me=y'") == [b"#!lua", b"na me=y"]
    assert split_args(b'#!lua "a"b') is None
    assert split_args(b'#!lua "unterminated') is None
    assert split_args(b'"\\x41\\n"') == [b"A\n"]
    assert split_args(b"  ") == []
    assert split_args(b"a\0b c") == [b"a"]


def test_stringmatch():
    assert stringmatch(b"a*", b"abc")
    assert stringmatch(b"A?C", b"abc")
    assert stringmatch(b"[a-b]bc", b"abc")
    assert not stringmatch(b"[^a]bc", b"abc")
    assert stringmatch(b"ab\\c", b"abc")
    assert not stringmatch(b"abcd", b"abc")
    assert not stringmatch(b"*", b"")  # (stringmatchlen: an empty string matches nothing)
    assert not stringmatch(b"abc", b"ABC", nocase=False)
