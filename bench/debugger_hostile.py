"""The debugger on hostile programs (issue [3/6], item 6's acceptance): what
a step costs and how big its snapshot is when the program holds a lot, and
how long goto and a budgeted slice take on a program with a big heap.

- ``stripped``: a hand-made binary chunk without line information, loaded
  at run time (every command inside it);
- ``coroutines``: 200 000 live coroutines;
- ``string``: a 200 MB string in five registers;
- ``output``: 1.5 GB written with io.write;
- ``livelock``: a 1.2-million-element table, then a 3-million-step loop:
  run to the end, then ``goto`` back and forth ten times, and
  ``continue_(budget=100_000, partial=True)`` slices (the playground's Run).

Acceptance: a step < 50 ms and its snapshot < 1 MB; each goto < 10 s; a
slice < 2 s.  Wall-clock seconds: run it on a quiet machine.

    python3 bench/debugger_hostile.py [--only NAME] [--quick]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pylua.chunk import dump as dump_chunk  # noqa: E402
from pylua.chunk import load as load_chunk  # noqa: E402
from pylua.debugger import Session  # noqa: E402

STRIPPED_BODY = b"""local s = 0
for i = 1, 200 do s = s + i % 7 end
local t = setmetatable({}, {__index = function(t, k) return k end})
return s + t[5]
"""


def stripped_source() -> str:
    chunk = dump_chunk(load_chunk(STRIPPED_BODY, b"=stripped"), strip=True)
    lit = '"' + "".join("\\%03d" % b for b in chunk) + '"'
    return "local f = assert(loadstring(%s))\nlocal x = 1\nprint(f())\nprint(f())\n" % lit


PROGRAMS = {
    "stripped": (stripped_source, 2),
    "coroutines": (lambda: """local keep = {}
for i = 1, 200000 do keep[i] = coroutine.create(function() end) end
local x = 1
x = x + 1
x = x + 1
print(x)
""", 3),
    "string": (lambda: """local s = ('x'):rep(2e8)
local a, b, c, d = s, s, s, s
local x = 1
local y = 2
""", 3),
    "output": (lambda: """local chunk = ('x'):rep(1e6)
for i = 1, 1500 do io.write(chunk) end
local x = 1
""", 3),
}

COMMANDS = ["step", "step", "step", "back", "back", "step_line", "step", "back_line", "step_over",
            "back", "step"]


def timed(fn, *a, **kw):
    t0 = time.perf_counter()
    r = fn(*a, **kw)
    return r, time.perf_counter() - t0


def hostile(name: str, quick: bool) -> dict:
    make, line = PROGRAMS[name]
    src = make()
    if quick:
        src = src.replace("200000", "20000").replace("2e8", "2e7").replace("1500", "150")
    s = Session(src, allow_bytecode=True, memory_limit=None)  # (what the debugger costs, whatever the program holds)
    s.breakpoints.add(line)
    snap, t_run = timed(s.continue_, budget=50_000_000)
    assert snap["reason"] == "breakpoint", snap["message"]
    s.breakpoints.clear()
    worst_t, worst_b, worst_cmd = 0.0, 0, None
    for cmd in COMMANDS:
        snap, dt = timed(getattr(s, cmd))
        size = len(json.dumps(snap))
        if dt > worst_t:
            worst_t, worst_cmd = dt, cmd
        worst_b = max(worst_b, size)
    return {"program": name, "run_to_breakpoint_s": round(t_run, 2), "worst_command": worst_cmd,
            "worst_command_ms": round(worst_t * 1000, 1), "largest_snapshot_bytes": worst_b}


LIVELOCK = """local t = {}
for i = 1, 1200000 do t[i] = i end
local s = 0
for i = 1, 3000000 do s = s + i % 3 end
print(s)
"""


def livelock(quick: bool) -> dict:
    src = LIVELOCK if not quick else LIVELOCK.replace("1200000", "120000").replace("3000000", "300000")
    s = Session(src, memory_limit=None)
    snap, t_run = timed(s.continue_, budget=100_000_000)
    end = snap["step"]
    rng = random.Random(21)
    gotos = []
    points = [100, end * 3 // 10]
    for _ in range(10):
        points += [rng.randrange(end // 10), rng.randrange(end // 2, end + 1)]  # back and forth
    for n in points:
        snap, dt = timed(s.goto, n)
        assert snap["step"] == n
        gotos.append(round(dt, 2))
    s.goto(100)
    slices = []
    snap = s.continue_(budget=100_000, partial=True)
    for _ in range(40):
        snap, dt = timed(s.resume, budget=100_000, partial=True)
        slices.append(dt)
        if snap["reason"] != "budget":
            break
    step_worst = 0.0
    size_worst = 0
    s.goto(end // 2)
    for cmd in COMMANDS:
        snap, dt = timed(getattr(s, cmd))
        step_worst = max(step_worst, dt)
        size_worst = max(size_worst, len(json.dumps(snap)))
    return {"program": "livelock", "end_step": end, "run_to_end_s": round(t_run, 1),
            "goto_s": gotos, "goto_max_s": max(gotos), "slice_max_s": round(max(slices), 2),
            "slices": len(slices), "checkpoints": len(s.checkpoints), "spacing": s.cks.spacing,
            "worst_command_ms": round(step_worst * 1000, 1), "largest_snapshot_bytes": size_worst}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default=None, help="comma-separated names")
    ap.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    args = ap.parse_args(argv)
    names = [*PROGRAMS, "livelock"]
    if args.only:
        names = [n for n in names if n in args.only.split(",")]
    for name in names:
        r = livelock(args.quick) if name == "livelock" else hostile(name, args.quick)
        r["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(json.dumps(r), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
