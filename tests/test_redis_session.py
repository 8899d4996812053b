"""RedisSession: a Redis script under the debugger (pylua/redis/session.py).
The replies themselves are compared with redis-server in test_redis_diff;
here: the keyspace at every step, back across redis.call, the trace, the
breakpoint, setup, and the reply of a script that fails or does not load."""

import pytest

pytest.importorskip("fakeredis")

from pylua.redis.session import RedisSession  # noqa: E402

LIMITER = """local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return current
"""


def keyspace(snap):
    return {k["key"]: (k["type"], k["value"], k["ttl"]) for k in snap["redis"]["keyspace"]}


def test_rate_limiter_runs_and_replies():
    s = RedisSession(LIMITER, keys=["rl:u1"], argv=["10"])
    snap = s.continue_()
    assert snap["status"] == "finished"
    assert snap["redis"]["reply"] == "(integer) 1"
    # the clock stands still at the session's start: the TTL is exact
    assert keyspace(snap) == {"rl:u1": ("string", "1", 10000)}
    assert "<redis> INCR rl:u1\n<reply> 1\n<redis> EXPIRE rl:u1 10\n<reply> 1\n" in snap["output"]


def test_back_across_incr_restores_the_keyspace():
    s = RedisSession(LIMITER, keys=["rl:u1"], argv=["10"], setup="SET rl:u1 41")
    before = keyspace(s.snapshot())
    assert before == {"rl:u1": ("string", "41", -1)}
    seen = []
    while True:
        snap = s.step()
        seen.append(keyspace(snap))
        if snap["status"] != "paused":
            break
    assert {"rl:u1": ("string", "42", -1)} in seen
    assert snap["redis"]["reply"] == "(integer) 42"
    # back to the start: every step on the way shows the keyspace it had
    for k in range(len(seen) - 2, -1, -1):
        snap = s.back()
        assert keyspace(snap) == seen[k]
    snap = s.back()
    assert keyspace(snap) == before
    assert snap["output"] == ""


def test_changed_keys_of_the_step():
    s = RedisSession("redis.call('SET', 'a', 1)\nredis.call('HSET', 'h', 'f', 'v')\nreturn 1")
    changed = []
    while True:
        snap = s.step()
        changed.append(snap["redis"]["changed"])
        if snap["status"] != "paused":
            break
    assert ["a"] in changed and ["h"] in changed
    assert changed.count(["a"]) == 1 and changed.count(["h"]) == 1


def test_setup_and_its_errors():
    s = RedisSession("return redis.call('GET', 'a')", setup='SET a "two words"\n# a comment\nNOSUCH x\nEXPIRE a 50')
    snap = s.continue_()
    assert snap["redis"]["reply"] == '"two words"'
    assert snap["redis"]["setup_error"].startswith("line 3: ERR unknown command 'NOSUCH'")
    assert keyspace(snap) == {"a": ("string", "two words", 50000)}


@pytest.mark.parametrize(
    "src, reply",
    [
        ("x = 1", "(error) ERR user_script:1: Attempt to modify a readonly table script: %s, on @user_script:1."),
        ("return redis.call('NOSUCH')", "(error) ERR Unknown Redis command called from script script: %s, on @user_script:1."),
        ("return 1 +", "(error) ERR Error compiling script (new function): user_script:1: unexpected symbol near '<eof>'"),
        ("#!lua flags=bogus\nreturn 1", "(error) ERR Unexpected flag in script shebang: bogus"),
        ("#!lua flags=no-writes\nreturn redis.call('SET', 'k', 1)",
         "(error) ERR Write commands are not allowed from read-only scripts. script: %s, on @user_script:2."),
    ],
)  # fmt: skip
def test_failing_scripts_reply_as_the_server(src, reply):
    from pylua.redis.scripting import sha1hex

    s = RedisSession(src)
    snap = s.continue_()
    if "%s" in reply:
        reply = reply % sha1hex(src.encode()).decode()
    assert snap["redis"]["reply"] == reply


def test_redis_breakpoint_pauses_a_continue():
    s = RedisSession("local a = 1\nredis.breakpoint()\nlocal b = 2\nreturn a + b")
    snap = s.continue_()
    assert snap["status"] == "paused" and snap["line"] == 3
    snap = s.continue_()
    assert snap["status"] == "finished" and snap["redis"]["reply"] == "(integer) 3"
    # back before it, and the breakpoint stops the next continue again
    s.goto(1)
    assert s.continue_()["line"] == 3


def test_redis_debug_writes_to_the_console():
    s = RedisSession("redis.debug('x', 1.5, {1, 2}, {a = true})\nreturn 1")
    out = s.continue_()["output"]
    assert '<debug> line 1: "x", 1.5, {1; 2}, {["a"]=true}\n' in out


def test_the_keyspace_is_bounded_like_the_lua_state():
    """Values written in a loop would fill the page's memory: past the
    session's limit a growing command fails with Redis's OOM error."""
    src = "local big = string.rep('x', 4e6)\nfor i = 1, 100 do redis.call('SET', 'k' .. i, big) end\nreturn 1"
    s = RedisSession(src, memory_limit=64 << 20)
    snap = s.continue_()
    assert snap["status"] == "error"  # (redis.call raised it)
    assert snap["redis"]["reply"].startswith("(error) OOM command not allowed when used memory > 'maxmemory'.")
    n = len(snap["redis"]["keyspace"])
    assert 10 < n < 20  # about 64 MB of 4 MB values
    # deleting makes room again
    s2 = RedisSession(
        "local big = string.rep('x', 4e6)\nfor i = 1, 100 do redis.call('SET', 'k', big) redis.call('DEL', 'k') end\nreturn 1",
        memory_limit=64 << 20,
    )
    assert s2.continue_()["redis"]["reply"] == "(integer) 1"
