"""The debugger's memory limit: ``Session(..., memory_limit=bytes)`` (256 MB
by default, None for none) is the limit of its Lua state (values.Acct), so
a program that allocates past it ends with Lua's "not enough memory", which
``pcall`` catches; going back and forth around that point gives the states
a fresh session gives, with the same limit and the same count.  The
collector runs in a session when it runs in a plain run (from allocations),
never more often."""

from __future__ import annotations

import io
import json

import pytest

from pylua import Lua
from pylua.debugger import DEFAULT_MEMORY_LIMIT, Session

LIMIT = 1 << 20  # small: the bombs below end after about 20 000 steps
BOMB = "local t = {} while true do t[#t+1] = {} end\n"
CAUGHT = """\
local ok, e = pcall(function()
  local t = {}
  while true do t[#t+1] = {} end
end)
print(ok, e)
local u = {}
for i = 1, 100 do u[i] = {i} end
print(#u, u[100][1])
"""


@pytest.fixture(autouse=True)
def strict(monkeypatch):
    monkeypatch.setattr(Session, "strict", True)


def session(src, sparse=True, **kw):
    kw.setdefault("memory_limit", LIMIT)
    s = Session(src, now=1_000_000_000, **kw)
    s.sparse = sparse
    return s


def dump(snap) -> str:
    """The machine's state in a snapshot (reason and end_step speak of the
    session: how it got there, how far it has seen)."""
    return json.dumps(
        {k: v for k, v in snap.items() if k not in ("reason", "end_step")}, sort_keys=True
    )


def test_the_default_is_256_mb():
    assert DEFAULT_MEMORY_LIMIT == 256 << 20
    s = Session("local x = 1")
    assert s.memory_limit == 256 << 20
    assert s.L.acct.limit == 256 << 20
    assert Session("local x = 1", memory_limit=None).memory_limit is None
    assert Session("local x = 1", memory_limit=LIMIT).memory_limit == LIMIT
    # a source that does not compile has its limit too (nothing runs)
    assert Session("local = 1", memory_limit=LIMIT).memory_limit == LIMIT
    with pytest.raises(ValueError):
        Session("local x = 1", memory_limit=-1)


def test_a_memory_bomb_ends_with_not_enough_memory():
    s = session(BOMB)
    end = s.continue_(budget=10_000_000)
    assert end["status"] == "error" and end["reason"] == "error"
    assert end["error"] == "not enough memory"
    assert end["line"] == 1
    # about as many tables as the limit holds (values.TABLE_BYTES each, and
    # the slots of t): five instructions a table
    assert 3_000 < end["step"] / 5 <= (LIMIT >> 8) + 1
    # the same end whatever the budgets and the hook: run in pieces, with
    # the full hook at every instruction
    other = session(BOMB, sparse=False)
    snap = other.continue_(budget=3_000)
    while snap["reason"] == "budget":
        snap = other.resume(budget=3_000)
    assert snap["step"] == end["step"] and snap["error"] == end["error"]


def test_a_bigger_limit_lets_the_program_go_further():
    steps = [
        session(BOMB, memory_limit=m).continue_(budget=10_000_000)["step"]
        for m in (LIMIT, 2 * LIMIT)
    ]
    assert 1.8 < steps[1] / steps[0] < 2.2


def test_without_a_limit_the_program_allocates_on():
    s = session(BOMB, memory_limit=None)
    snap = s.continue_(budget=200_000)  # ~50 000 tables: past 1 MB, far under 256
    assert snap["status"] == "paused" and snap["reason"] == "budget"
    assert s.L.acct.total > 4 * LIMIT


def test_pcall_catches_it_and_the_program_goes_on():
    s = session(CAUGHT)
    end = s.continue_(budget=10_000_000)
    assert end["status"] == "finished", end["error"]
    assert end["output"] == "false\tnot enough memory\n100\t100\n"
    # as a plain state with the same limit prints it
    out = io.BytesIO()
    L = Lua(sandbox=True, stdout=out, memory_limit=LIMIT)
    L.execute(CAUGHT)
    assert out.getvalue().decode() == end["output"]


@pytest.mark.parametrize("src", [BOMB, CAUGHT], ids=["uncaught", "caught"])
def test_back_and_goto_around_the_error(src):
    s = session(src)
    end = s.continue_(budget=10_000_000)
    n = end["step"]
    # the step where the allocation failed: the end, or (caught) the
    # first one whose output shows what pcall returned, a few steps after
    if end["status"] == "error":
        fail = n
    else:
        lo, hi = 0, n
        while lo < hi:
            mid = (lo + hi) // 2
            if "not enough memory" in s.goto(mid)["output"]:
                hi = mid
            else:
                lo = mid + 1
        fail = lo
    fresh = {}

    def fresh_at(k):
        if k not in fresh:
            fresh[k] = session(src, sparse=False).goto(k)
        return fresh[k]

    # back, one instruction at a time, over the failing allocation, and
    # forward again
    top = min(fail + 2, n)
    assert dump(s.goto(top)) == dump(fresh_at(top))
    for k in range(top - 1, fail - 9, -1):
        snap = s.back()
        assert snap["step"] == k
        assert dump(snap) == dump(fresh_at(k)), k
    for k in range(fail - 7, top + 1):
        assert dump(s.step()) == dump(fresh_at(k)), k
    again = s.continue_(budget=10_000_000)
    assert again["step"] == n and dump(again) == dump(end)
    # goto far back restores a checkpoint: the live state there has the
    # session's limit and the count a fresh run has at that step, and
    # running on fails at the same step
    for k in (n // 3, 1, fail - 1):
        got = s.goto(k)
        assert dump(got) == dump(fresh_at(k)), k
        if k != fail - 1:  # (near the end: answered from the snapshots kept)
            assert s.tr.count == k  # the live state is there
            other = session(src)
            other.goto(k)
            assert s.L.acct.total == other.L.acct.total, k
            assert s.L.acct.limit == LIMIT
        assert dump(s.continue_(budget=10_000_000)) == dump(end), k


def test_the_collector_runs_as_in_a_plain_run():
    """A weak table keeps an entry nothing else refers to until a cycle
    runs, and cycles come from allocations: a long loop that allocates
    nothing runs none, in a session as in a plain run (the session no
    longer collects every few million instructions of its own accord)."""
    src = (
        "local weak = setmetatable({}, {__mode = 'k'})\n"
        "weak[{}] = true\n"
        "for i = 1, 4.3e6 do end\n"
        "local n = 0 for _ in pairs(weak) do n = n + 1 end\n"
        "print(n)\n"
        "for i = 1, 20000 do local t = {i} end\n"  # (enough allocation for a cycle)
        "n = 0 for _ in pairs(weak) do n = n + 1 end\n"
        "print(n)\n"
    )
    out = io.BytesIO()
    Lua(sandbox=True, stdout=out).execute(src)
    assert out.getvalue() == b"1\n0\n"
    end = session(src, memory_limit=DEFAULT_MEMORY_LIMIT).continue_(budget=10_000_000)
    assert end["status"] == "finished"
    assert end["output"] == out.getvalue().decode()


def test_coroutines_are_counted_and_forgotten_when_unreachable():
    src = (
        "collectgarbage('stop') local before = collectgarbage('count')\n"
        "local kept = {}\n"
        "for i = 1, 300 do\n"
        "  local co = coroutine.create(function() coroutine.yield() end)\n"
        "  coroutine.resume(co)\n"
        "  if i % 100 == 0 then kept[#kept + 1] = co end\n"
        "end\n"
        "print(collectgarbage('count') - before >= 300 * 1200 / 1024)\n"  # (values.COROUTINE_BYTES)
    )
    out = io.BytesIO()
    Lua(sandbox=True, stdout=out).execute(src)
    s = session(src)
    end = s.continue_(budget=10_000_000)
    assert end["output"] == out.getvalue().decode() == "true\n"
    # the coroutines listed: the three kept, and the last ones made since
    # the list was last pruned (when it doubled; no cycle ran)
    assert len(s.L.dbg_cos) < 200
    ids = [c["id"] for c in end["coroutines"]]
    assert {"c100", "c200", "c300"} <= set(ids)
    for k in (end["step"] // 2, end["step"] - 1):
        assert dump(s.goto(k)) == dump(session(src, sparse=False).goto(k))
