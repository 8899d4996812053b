"""What the debugger costs (CPU seconds of this process: time.process_time,
so that other work on the machine counts less) (issue 4's budget), on programs of about a million
instructions:

- ``goto``: ``Session.goto(1_000_000)`` then 100 ``back()`` calls: seconds,
  and the peak memory of the session (tracemalloc, a separate run);
- ``continue``: ``continue_()`` with a breakpoint set (on a line never
  reached, so it runs to the end) against a plain ``Lua.run`` of the same
  program in the sandbox profile: the speed ratio (must be >= 1/3);
- the VM itself pays nothing: the debugger only adds a hook to the
  stepping copy of the loop and ``__deepcopy__`` methods; a run without a
  session never executes any of it.  ``--vm`` times ``Lua.run`` with and
  without ``pylua.debugger`` imported, to show it.

    python3 bench/debugger_bench.py [--quick] [--only NAME] [--no-memory] [--vm]
"""

from __future__ import annotations

import argparse
import gc
import io
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Each program runs at least 1 000 000 instructions.
PROGRAMS = {
    # Lua-to-Lua calls only: a small heap, a deep-ish stack
    "fib": """
local function fib(k)
  if k < 2 then return k end
  return fib(k - 1) + fib(k - 2)
end
print(fib(25))
""",
    # a growing heap: 20 000 tables, strings
    "tables": """
local items = {}
for i = 1, 20000 do
  items[i] = { id = i, name = "item" .. i, tags = { i % 7, i % 11 } }
end
local sum = 0
for round = 1, 4 do
  for i = 1, #items do
    local it = items[i]
    sum = sum + it.tags[1] * it.tags[2] + #it.name
  end
end
print(sum)
""",
    # closures and upvalues, metatables and __index/__add
    "objects": """
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({ x = a.x + b.x, y = a.y + b.y }, V) end
function V.new(x, y) return setmetatable({ x = x, y = y }, V) end
function V:len2() return self.x * self.x + self.y * self.y end
local acc = V.new(0, 0)
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c = counter()
for i = 1, 40000 do
  acc = acc + V.new(c() % 3, 1)
  if acc:len2() > 1e12 then acc = V.new(0, 0) end
end
print(acc.x, acc.y)
""",
    # coroutines and pcall frames live most of the time
    "coroutines": """
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
local total = 0
for round = 1, 60 do
  local ok, err = pcall(function()
    for v in gen(2000) do total = total + v end
  end)
end
print(total)
""",
    # table.sort with a Lua comparator: no checkpoint can be taken mid-sort
    "sort": """
local seed = 42
local function rand()
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed
end
for round = 1, 8 do
  local a = {}
  for i = 1, 3000 do a[i] = rand() % 100000 end
  table.sort(a, function(x, y) return x > y end)
end
print(seed)
""",
}

TARGET = 1_000_000
BACKS = 100


def session(src):
    from pylua.debugger import Session

    return Session(src, chunkname="=bench", now=0)


def bench_goto(name, src, memory: bool):
    s = session(src)
    t0 = time.process_time()
    snap = s.goto(TARGET)
    t1 = time.process_time()
    for _ in range(BACKS):
        snap = s.back()
    t2 = time.process_time()
    assert snap["step"] == TARGET - BACKS, snap["step"]
    res = {
        "goto_s": t1 - t0,
        "backs_s": t2 - t1,
        "total_s": t2 - t0,
        "checkpoints": len(s.checkpoints),
        "spacing": s.cks.spacing,
    }
    del s
    gc.collect()
    if memory:
        tracemalloc.start()
        s = session(src)
        s.goto(TARGET)
        for _ in range(BACKS):
            s.back()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        res["peak_mb"] = peak / 1e6
        del s
        gc.collect()
    return res


def plain_run(src) -> float:
    from pylua.runtime import Lua

    L = Lua(sandbox=True, stdout=io.BytesIO())
    f = L.load(src, "=bench")
    t0 = time.process_time()
    L.call(f)
    return time.process_time() - t0


def bench_continue(name, src):
    plain = min(plain_run(src) for _ in range(2))
    best = None
    for _ in range(2):
        s = session(src)
        s.breakpoints.add(10_000)  # never reached: the breakpoint check runs at every line
        t0 = time.process_time()
        snap = s.continue_(budget=50_000_000)
        dt = time.process_time() - t0
        assert snap["status"] == "finished", snap["status"]
        best = dt if best is None else min(best, dt)
    return {"plain_s": plain, "continue_s": best, "speed": plain / best, "steps": snap["step"]}


def bench_vm():
    """Lua.run's time before and after importing the debugger."""
    import subprocess

    code = (
        "import sys, time, io; sys.path.insert(0, %r)\n"
        "%s"
        "from pylua.runtime import Lua\n"
        "src = open(%r).read().replace('or 28', 'or 24')\n"
        "best = 9e9\n"
        "for _ in range(5):\n"
        "    L = Lua(stdout=io.BytesIO()); f = L.load(src, '=fib')\n"
        "    t = time.process_time(); L.call(f); best = min(best, time.process_time() - t)\n"
        "print(best)\n"
    )
    root = str(Path(__file__).resolve().parent.parent)
    fib = str(Path(__file__).resolve().parent / "lua" / "fib.lua")
    out = {}
    for label, imp in (("without", ""), ("with", "import pylua.debugger\n")):
        r = subprocess.run([sys.executable, "-c", code % (root, imp, fib)], capture_output=True,
                           text=True, check=True)
        out[label] = float(r.stdout.strip())
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="one program")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    ap.add_argument("--quick", action="store_true", help="goto benchmark of fib only")
    ap.add_argument("--vm", action="store_true", help="also time Lua.run with/without the debugger imported")
    args = ap.parse_args(argv)
    names = [args.only] if args.only else list(PROGRAMS)
    if args.quick:
        names = ["fib"]
    print(f"Python {sys.version.split()[0]}")
    print("goto(1_000_000) + 100 back()   (budget: < 3 s, < 300 MB)")
    for name in names:
        r = bench_goto(name, PROGRAMS[name], not args.no_memory)
        mem = f"{r['peak_mb']:7.1f} MB" if "peak_mb" in r else ""
        print(
            f"  {name:<11} goto {r['goto_s']:5.2f} s  backs {r['backs_s']:5.2f} s  "
            f"total {r['total_s']:5.2f} s  {mem}  ({r['checkpoints']} checkpoints, spacing {r['spacing']})"
        )
    if not args.quick:
        print("continue_() with a breakpoint vs Lua.run   (budget: speed >= 0.33)")
        for name in names:
            r = bench_continue(name, PROGRAMS[name])
            print(
                f"  {name:<11} plain {r['plain_s']:5.2f} s  continue {r['continue_s']:5.2f} s  "
                f"speed {r['speed']:.2f}  ({r['steps']} instructions)"
            )
    if args.vm:
        r = bench_vm()
        print(f"Lua.run fib(24): {r['without']:.3f} s without the debugger imported, "
              f"{r['with']:.3f} s with ({(r['with'] / r['without'] - 1) * 100:+.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
