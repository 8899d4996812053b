"""web/src/bridge.py, the worker's Python side, run here in CPython: what
the playground's worker asks of it, and the JSON it answers."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BRIDGE = Path(__file__).resolve().parent.parent / "web" / "src" / "bridge.py"


@pytest.fixture
def bridge():
    spec = importlib.util.spec_from_file_location("pylua_bridge_test", BRIDGE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load(bridge, source, breakpoints=()):
    return json.loads(bridge.load(source, json.dumps(list(breakpoints))))


def run(bridge, name, budget):
    """Runs a command the way worker.js does: budget by budget, to its end."""
    first, pieces, progress = True, 0, []
    while True:
        res = json.loads(bridge.run_command(name, budget, first))
        first = False
        pieces += 1
        if res["done"]:
            return res["snapshot"], pieces, progress
        progress.append(res["snapshot"])


def test_load_gives_listing_and_first_snapshot(bridge):
    res = load(bridge, "print('hi')\n")
    assert res["load_error"] is None
    assert res["snapshot"]["step"] == 0 and res["snapshot"]["status"] == "ready"
    assert res["listing"]["protos"][0]["instructions"][0]["opcode"] == "GETGLOBAL"


def test_a_syntax_error_is_a_load_error_with_its_line(bridge):
    res = load(bridge, "local x = 1\nlocal = 2\n")
    assert res["listing"] is None
    assert res["load_error"].startswith("input:2:")
    assert res["snapshot"]["status"] == "error" and res["snapshot"]["line"] == 2


def test_run_in_budgets_ends_where_one_run_ends(bridge):
    src = "local s = 0\nfor i = 1, 3000 do s = s + i end\nprint(s)\n"
    load(bridge, src)
    snap, pieces, progress = run(bridge, "continue", 500)
    assert snap["status"] == "finished" and snap["output"] == "4501500\n"
    assert pieces > 10
    # in between: cheap progress, no frames
    assert all("frames" not in p and p["reason"] == "budget" for p in progress)
    assert [p["step"] for p in progress] == sorted(p["step"] for p in progress)
    load(bridge, src)
    whole, pieces, _ = run(bridge, "continue", 10**7)
    assert pieces == 1 and whole["step"] == snap["step"]


def test_the_output_streams_in_pieces_while_running(bridge):
    """While a command runs, each budget's progress carries the text
    written since the last one (output_new, no whole output): together,
    what the program printed; a piece longer than the session keeps says
    so (output_reset) and carries the tail kept."""
    src = "local s = 'é'\nfor i = 1, 300 do io.write(i, s, '\\n') end\nio.write(('x'):rep(70000), '\\n')\nprint('end')\n"
    load(bridge, src)
    snap, pieces, progress = run(bridge, "continue", 97)
    assert snap["status"] == "finished"
    assert all("output" not in p for p in progress)
    resets = [j for j, p in enumerate(progress) if p["output_reset"]]
    assert len(resets) <= 1 and all(len(p["output_new"]) <= 65536 for p in progress)
    before = progress[: resets[0]] if resets else progress
    text = "".join(p["output_new"] for p in before)
    expected = "".join(f"{i}é\n" for i in range(1, 301))
    assert expected.startswith(text) and len(text) > 1000
    assert snap["output"].endswith("x\nend\n")


def test_step_over_a_long_call_in_budgets_and_a_breakpoint(bridge):
    src = "local function f()\n  local n = 0\n  for i = 1, 2000 do n = n + i end\n  return n\nend\nprint(f())\nprint('b')\n"
    load(bridge, src)
    json.loads(bridge.command("step_line", None))  # to line 6
    assert json.loads(bridge.snapshot())["snapshot"]["line"] == 6
    snap, pieces, _ = run(bridge, "step_over", 300)
    assert pieces > 5
    assert snap["line"] == 7 and snap["output"] == "2001000\n" and snap["reason"] == "step"
    load(bridge, src, breakpoints=[4])
    snap, _, _ = run(bridge, "continue", 300)
    assert snap["line"] == 4 and snap["reason"] == "breakpoint"
    snap, _, _ = run(bridge, "step_out", 300)
    assert snap["line"] == 6 and len(snap["frames"]) == 1  # back in the main chunk


def test_stop_between_budgets_leaves_a_paused_session(bridge):
    load(bridge, "local function f() while true do end end\nf()\n")
    json.loads(bridge.command("step_line", None))
    res = json.loads(bridge.run_command("step_over", 1000, True))
    assert not res["done"]
    snap = json.loads(bridge.snapshot())["snapshot"]  # what the worker shows after Stop
    assert snap["status"] == "paused" and snap["line"] == 1 and len(snap["frames"]) == 2
    assert json.loads(bridge.command("step", None))["snapshot"]["step"] == snap["step"] + 1


def test_unknown_commands_are_refused(bridge):
    load(bridge, "print(1)\n")
    with pytest.raises(ValueError):
        bridge.command("exec", None)
    with pytest.raises(ValueError):
        bridge.run_command("goto", 10, True)


def test_warming_up_leaves_the_loaded_session_alone(bridge):
    load(bridge, "local a = 1\nlocal b = 2\nprint(a + b)\n")
    json.loads(bridge.command("step", None))
    bridge.warm_up_start(json.dumps(["for i = 1, 100 do local t = setmetatable({}, {}) end", "print(1)"]))
    ticks = 0
    while bridge.warm_up_tick(1.0) == "true":
        ticks += 1
    assert ticks > 5
    assert bridge.warm_up_tick(1.0) == "false"
    snap = json.loads(bridge.snapshot())["snapshot"]
    assert snap["step"] == 1 and snap["output"] == ""
    snap, _, _ = run(bridge, "continue", 1000)
    assert snap["output"] == "3\n"


def test_a_first_session(bridge):
    assert bridge.first_session() == "null"
    load(bridge, "print(1)\n")  # the first session leaves nothing behind
    assert json.loads(bridge.snapshot())["snapshot"]["step"] == 0


def test_table_entries_page_through_a_big_table(bridge):
    load(bridge, "local t = {}\nfor i = 1, 10000 do t[i] = -i end\nprint(#t)\n", breakpoints=[3])
    snap, _, _ = run(bridge, "continue", 10**7)
    t = snap["heap"]["t1"]
    assert (t["array_size"], t["array_used"], len(t["array"])) == (16384, 10000, 100)
    page = json.loads(bridge.table_entries("t1", "array", 100, 100))
    assert page["step"] == snap["step"] and page["total"] == 16384
    assert [v["value"] for v in page["entries"]] == [str(-i) for i in range(101, 201)]
    with pytest.raises(LookupError):
        bridge.table_entries("t7", "array", 0, 10)


def test_the_memory_limit_of_the_settings(bridge):
    # the page passes its setting in MB; the answer says the session's, in bytes
    assert load(bridge, "print(1)\n")["memory_limit"] == 256 << 20  # (no setting: the default)
    assert json.loads(bridge.load("print(1)\n", "[]", 64))["memory_limit"] == 64 << 20
    # a memory bomb under a small limit ends with Lua's error, run in budgets
    bomb = "local t = {}\nwhile true do t[#t + 1] = {} end\n"
    assert json.loads(bridge.load(bomb, "[]", 1))["memory_limit"] == 1 << 20
    snap, pieces, _ = run(bridge, "continue", 5000)
    assert snap["status"] == "error" and snap["error"] == "not enough memory"
    assert pieces > 2
    # and the session goes on: back one step, then to the end again
    back = json.loads(bridge.command("back", None))["snapshot"]
    assert back["step"] == snap["step"] - 1 and back["status"] == "paused"
    again, _, _ = run(bridge, "continue", 5000)
    assert again["step"] == snap["step"] and again["error"] == "not enough memory"


# -- Redis mode ------------------------------------------------------------------
# load_redis drives pylua.redis.session.RedisSession

RATE_LIMITER = """\
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return current
"""


@pytest.fixture
def rbridge(bridge, monkeypatch):
    pytest.importorskip("fakeredis")
    return bridge


def load_redis(bridge, source, keys, argv, setup="", breakpoints=()):
    return json.loads(
        bridge.load_redis(source, json.dumps(keys), json.dumps(argv), setup, json.dumps(list(breakpoints)))
    )


def keyspace(snap):
    return {e["key"]: e for e in snap["redis"]["keyspace"]}


def test_redis_rate_limiter_runs_with_keys_and_argv(rbridge):
    res = load_redis(rbridge, RATE_LIMITER, ["rl:u1"], ["10"], setup="SET other 1")
    assert res["load_error"] is None and res["snapshot"]["status"] == "ready"
    r = res["snapshot"]["redis"]
    assert r["reply"] is None and r["setup_error"] is None
    assert set(keyspace(res["snapshot"])) == {"other"}
    snap, _, _ = run(rbridge, "continue", 1000)
    assert snap["status"] == "finished", snap.get("error")
    assert snap["redis"]["reply"] == "(integer) 1"
    k = keyspace(snap)["rl:u1"]
    # (the session's clock stands still: the TTL is exact)
    assert k["type"] == "string" and k["value"] == "1" and k["ttl"] == 10000
    assert "<redis> INCR rl:u1\n<reply> 1\n<redis> EXPIRE rl:u1 10\n<reply> 1\n" in snap["output"]


def test_redis_back_across_incr_restores_the_keyspace(rbridge):
    load_redis(rbridge, RATE_LIMITER, ["rl:u1"], ["10"], setup="SET rl:u1 41")
    snaps = [json.loads(rbridge.command("step", None))["snapshot"]]
    while keyspace(snaps[-1])["rl:u1"]["value"] == "41":
        snaps.append(json.loads(rbridge.command("step", None))["snapshot"])
        assert snaps[-1]["status"] == "paused"
    assert keyspace(snaps[-1])["rl:u1"]["value"] == "42"
    back = json.loads(rbridge.command("back", None))["snapshot"]
    assert back["step"] == snaps[-2]["step"]
    assert keyspace(back)["rl:u1"]["value"] == "41"
    forward = json.loads(rbridge.command("step", None))["snapshot"]
    assert keyspace(forward)["rl:u1"]["value"] == "42"


def test_redis_setup_error_and_a_script_error(rbridge):
    res = load_redis(rbridge, "return 1\n", [], [], setup="SET a 1\nNOSUCHCOMMAND x")
    assert res["snapshot"]["redis"]["setup_error"].startswith("line 2: ")
    assert set(keyspace(res["snapshot"])) == {"a"}
    load_redis(rbridge, "return redis.call('INCR', 'a', 'b')\n", [], [])
    snap, _, _ = run(rbridge, "continue", 1000)
    assert snap["status"] == "error"
    assert snap["redis"]["reply"].startswith("(error) ")
    # a syntax error names the chunk as Redis does
    res = load_redis(rbridge, "return +\n", [], [])
    assert res["listing"] is None and res["load_error"].startswith("user_script:1:")


def test_redis_warm_up_and_first_redis_session(rbridge):
    assert "fakeredis" in json.loads(rbridge.redis_ready())
    load_redis(rbridge, RATE_LIMITER, ["k"], ["5"])
    rbridge.warm_up_redis_start(json.dumps([[RATE_LIMITER, ["w"], ["1"], "SET w 3"]]))
    while rbridge.warm_up_tick(1.0) == "true":
        pass
    snap, _, _ = run(rbridge, "continue", 1000)
    assert snap["redis"]["reply"] == "(integer) 1" and set(keyspace(snap)) == {"k"}


def test_bench_plain_runs_the_vm_alone(bridge):
    """bench/page_run.py's Pyodide column: the program in a plain Lua state."""
    res = json.loads(bridge.bench_plain("local s = 0 for i = 1, 1000 do s = s + i end print(s)\n"))
    assert res["output_tail"] == "500500\n" and res["seconds"] > 0
