"""Debugger fuzzing: random command sequences on random programs.

Each program (from the behaviour corpus, tests/lua/**/*.lua, the
``stepping`` and ``programs`` areas first, in variants: as it is, loaded
with loadstring at run time, as a stripped binary chunk loaded at run
time, run inside a coroutine or a metamethod, cut short into a syntax
error; and a set of small hostile programs) gets a session and a random
sequence of commands: step, back, goto, step_line, step_over, step_out,
back_line, continue_ and resume with small budgets (partial or whole
results), breakpoints set and cleared.  Every answer is checked:

- no Python exception comes out of a command;
- a snapshot is the one a fresh session gives going straight to the same
  step (``Session(src).goto(n)``), but for ``reason``, ``end_step`` and
  ``message``, which speak of how the session got there; a partial result
  (``progress()``) has the step, status and output of that snapshot;
- the step the answer gives is the session's ``step_count``.

A finding (an exception or a mismatch) is reported with the program, the
seed and the commands that led to it; ``--save DIR`` writes each as a
JSON reproducer (``replay_finding`` runs one again).

    python tests/fuzz/debugger_fuzz.py --minutes 30 --seed 1 --save /tmp/findings
    python tests/fuzz/debugger_fuzz.py --sessions 200 --commands 40

tests/test_debugger_fuzz.py runs a short, fixed-seed round of it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from pylua.chunk import dump as dump_chunk  # noqa: E402
from pylua.chunk import load as load_chunk  # noqa: E402
from pylua.debugger import Session  # noqa: E402
from pylua.errors import LuaSyntaxError  # noqa: E402

CORPUS = ROOT / "tests" / "lua"
FIRST_AREAS = ("stepping", "programs")
NOW = 1_000_000_000  # os.time() of every session: the reference must agree
INPUT = b"=input"  # the session's chunk name
PROBE_BUDGET = 300_000  # steps a program may take to be fuzzed whole (longer: its first part)
CHECK_LIMIT = 400_000  # steps a reference session goes to at most

# small programs that make the debugger's life hard: errors in metamethods
# and callbacks, coroutines that die, odd error values, deep stacks, code
# loaded at run time (source, syntax errors, binary chunks), big values
HOSTILE = {
    "index_error": """local t = setmetatable({}, {__index = function(t, k) error("no " .. k) end})
local ok, e = pcall(function() return t.x end)
print(ok, e)
print(t.y)
""",
    "lt_error_in_sort": """local mt = {__lt = function(a, b) if a.v == 3 then error({code = a.v}) end return a.v < b.v end}
local t = {}
for i = 1, 6 do t[i] = setmetatable({v = 7 - i}, mt) end
local ok, e = pcall(table.sort, t)
print(ok, type(e), e.code)
table.sort(t)
""",
    "coroutine_dies": """local co = coroutine.create(function(a)
  local b = coroutine.yield(a + 1)
  error("died with " .. b)
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, 2))
print(coroutine.resume(co, 3))
print(coroutine.status(co))
local w = coroutine.wrap(function() coroutine.yield(1) end)
w() w()
print(pcall(w))
""",
    "error_values": """print(pcall(error, nil))
print(pcall(error, {1, 2}))
print(pcall(error, 42))
print(select('#', pcall(error)))
error(setmetatable({}, {__tostring = function() return "custom" end}))
""",
    "deep_recursion": """local function f(n) return n == 0 and 0 or 1 + f(n - 1) end
print(f(300))
local function g(n) return g(n + 1) + 1 end
print(pcall(g, 1))
""",
    "loaded_at_run_time": """local f = assert(loadstring("local a, b = ...\\nfor i = 1, 3 do a = a + b end\\nreturn a", "=chunk"))
print(f(1, 2))
print(loadstring("x = = 1"))
local g = loadstring(string.dump(function(x) return x * 2 end))
print(g(21))
local h = loadstring("return function(...) return select('#', ...) end")()
print(h(unpack({1, 2, 3, nil, 5}, 1, 5)))
""",
    "gsub_callback_error": """print(pcall(string.gsub, "abc", "%w", function(c) if c == "b" then error("at b") end return c:upper() end))
print(("hello world"):gsub("o", {o = "0"}))
print(string.gsub("abc", "", "-"))
""",
    "tostring_and_concat": """local mt = {__tostring = function(t) return "T" .. t.n end, __concat = function(a, b)
  return tostring(a) .. "|" .. tostring(b) end}
local a, b = setmetatable({n = 1}, mt), setmetatable({n = 2}, mt)
print(a, b, a .. b, a .. "s")
print(pcall(function() return {} .. {} end))
""",
    "many_values": """local t = {}
for i = 1, 600 do t[i] = i end
local function count(...) return select('#', ...) end
print(count(unpack(t)))
print(select(599, unpack(t)))
local s = ("x"):rep(5000)
print(#s, s:sub(1, 3))
""",
    "out_of_memory_like": """print(pcall(string.rep, "x", -1))
print(pcall(function() return ("x"):rep(100) .. nil end))
print(pcall(setmetatable, 1, {}))
print(pcall(function() local t = nil; t.x = 1 end))
""",
    "xpcall_handler": """local function handler(e) return "handled: " .. tostring(e) end
print(xpcall(function() error("boom") end, handler))
print(xpcall(function() local x = nil; return x.y end, function(e) error("again") end))
""",
    "tail_calls": """local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + n) end
print(loop(200, 0))
local function a(n) if n > 0 then return (function(m) return a(m) end)(n - 1) end return "done" end
print(a(20))
""",
    "stripped_runtime": None,  # made by hostile_programs(): a stripped chunk in a string
}


def lua_string(data: bytes) -> str:
    return '"' + "".join("\\%03d" % b for b in data) + '"'


def stripped(src: bytes, name: bytes = b"=stripped") -> bytes | None:
    """src compiled and dumped without line information, or None."""
    try:
        return dump_chunk(load_chunk(src, name), strip=True)
    except (LuaSyntaxError, Exception):  # noqa: BLE001 - a program that does not compile has no chunk
        return None


def hostile_programs() -> list:
    out = []
    for name, src in HOSTILE.items():
        if src is None:
            chunk = stripped(HOSTILE["tail_calls"].encode() + HOSTILE["coroutine_dies"].encode())
            src = "local f = assert(loadstring(%s))\nprint(pcall(f))\nreturn f()\n" % lua_string(chunk)
        out.append(("hostile/" + name, src.encode()))
    return out


def corpus_programs() -> list:
    """(name, source) of the corpus, the first areas first."""
    paths = sorted(CORPUS.glob("*/*.lua"))
    first = [p for p in paths if p.parent.name in FIRST_AREAS]
    rest = [p for p in paths if p.parent.name not in FIRST_AREAS]
    return [("%s/%s" % (p.parent.name, p.name), p.read_bytes()) for p in first + rest]


def variant(name: str, src: bytes, kind: str, rng: random.Random):
    """The program in one of its variants (None when it has none); what
    it loads at run time is named as the session names its source
    ("=input"), so that its messages are the plain program's."""
    if kind == "plain":
        return src
    if kind == "loaded":  # compiled at run time
        return ("local f = assert(loadstring(%s, %s))\nreturn f(...)\n"
                % (lua_string(src), lua_string(INPUT))).encode()
    if kind == "stripped":
        chunk = stripped(src, INPUT)
        if chunk is None:
            return None
        return ("local f = assert(loadstring(%s))\nreturn f(...)\n" % lua_string(chunk)).encode()
    if kind == "coroutine":  # the whole program in a coroutine (an error kills it)
        return ("local f = assert(loadstring(%s, %s))\nlocal co = coroutine.create(f)\n"
                "local r = {coroutine.resume(co)}\nprint(r[1], coroutine.status(co))\nif not r[1] then error(r[2], 0) end\n"
                % (lua_string(src), lua_string(INPUT))).encode()
    if kind == "metamethod":  # the whole program inside __index
        return ("local f = assert(loadstring(%s, %s))\n"
                "local t = setmetatable({}, {__index = function(t, k) return f() end})\n"
                "return t.run\n" % (lua_string(src), lua_string(INPUT))).encode()
    if kind == "cut":  # most likely a syntax error
        if len(src) < 10:
            return None
        return src[: rng.randrange(1, len(src))]
    raise ValueError(kind)


KINDS = ["plain", "plain", "loaded", "stripped", "coroutine", "metamethod", "cut"]


def dump(snap) -> str:
    return json.dumps({k: v for k, v in snap.items() if k not in ("reason", "end_step", "message")},
                      sort_keys=True)


class Finding(Exception):
    pass


class Fuzzer:
    """Runs sessions and keeps the figures (``stats``) and the findings."""

    def __init__(self, seed: int = 0, commands: int = 30, save: Path | None = None, log=None):
        self.seed = seed
        self.commands = commands
        self.save = save
        self.log = log
        self.findings = []
        self.stats = {"sessions": 0, "commands": 0, "checked": 0, "partial": 0, "exceptions": 0,
                      "mismatches": 0, "max_command_s": 0.0, "max_snapshot_bytes": 0}

    # -- the reference ------------------------------------------------------

    def reference(self, src: bytes, n: int, cache: dict) -> dict:
        snap = cache.get(n)
        if snap is None:
            fresh = Session(src, now=NOW, allow_bytecode=True)
            fresh.strict = True
            snap = cache[n] = fresh.goto(n)
            if len(cache) > 64:
                del cache[next(iter(cache))]
        return snap

    # -- one session ----------------------------------------------------------

    def lines(self, s: Session) -> list:
        listing = s.listing()
        if not listing:
            return [1, 2, 3]
        return sorted({r["line"] for p in listing["protos"] for r in p["instructions"]}) or [1]

    def pick(self, rng: random.Random, s: Session, horizon: int, lines: list):
        """A random command: (name, argument)."""
        r = rng.random()
        budget = rng.choice([1, 2, 7, 50, 300, 2_000, 20_000])
        partial = rng.random() < 0.5
        if r < 0.20:
            return ("step", None)
        if r < 0.33:
            return ("back", None)
        if r < 0.43:
            return ("goto", rng.randrange(horizon + 1))
        if r < 0.51:
            return ("step_line", (budget, partial))
        if r < 0.59:
            return ("step_over", (budget, partial))
        if r < 0.64:
            return ("step_out", (budget, partial))
        if r < 0.71:
            return ("back_line", None)
        if r < 0.80:
            return ("continue_", (budget, partial))
        if r < 0.86:
            return ("resume", (budget, partial))
        if r < 0.95:
            line = rng.choice(lines)
            return ("toggle", line)
        return ("snapshot", None)

    def apply(self, s: Session, cmd):
        name, arg = cmd
        if name == "toggle":
            s.breakpoints.symmetric_difference_update({arg})
            return None
        if name == "goto":
            return s.goto(arg)
        if name in ("step", "back", "back_line", "snapshot"):
            return getattr(s, name)()
        budget, partial = arg
        return getattr(s, name)(budget=budget, partial=partial)

    def session(self, name: str, src: bytes, rng: random.Random) -> None:
        self.stats["sessions"] += 1
        probe = Session(src, now=NOW, allow_bytecode=True)
        probe.strict = True
        end = probe.continue_(budget=PROBE_BUDGET)["step"]
        horizon = min(end + 5, CHECK_LIMIT)
        s = Session(src, now=NOW, allow_bytecode=True)
        s.strict = True
        lines = self.lines(s)
        cache = {}
        done = []
        for _ in range(self.commands):
            cmd = self.pick(rng, s, horizon, lines)
            done.append(cmd)
            self.stats["commands"] += 1
            t0 = time.perf_counter()
            try:
                res = self.apply(s, cmd)
            except Exception as e:  # noqa: BLE001 - what the fuzzer is looking for
                self.found(name, src, done, "exception", traceback.format_exception(e))
                return
            except BaseException as e:  # HookFailure and the like (not KeyboardInterrupt)
                if isinstance(e, KeyboardInterrupt):
                    raise
                self.found(name, src, done, "exception", traceback.format_exception(e))
                return
            dt = time.perf_counter() - t0
            self.stats["max_command_s"] = max(self.stats["max_command_s"], dt)
            if res is None:
                continue
            try:
                self.check(s, src, res, cache)
            except Finding as f:
                self.found(name, src, done, "mismatch", str(f))
                return

    def check(self, s: Session, src: bytes, res: dict, cache: dict) -> None:
        n = res["step"]
        if n != s.step_count:
            raise Finding("the answer's step %d is not step_count %d" % (n, s.step_count))
        if n > CHECK_LIMIT:
            return
        ref = self.reference(src, n, cache)
        if "frames" not in res:  # a partial result
            self.stats["partial"] += 1
            got = (res["step"], res["status"], res["output"], res["output_omitted"])
            want = (ref["step"], ref["status"], ref["output"], ref["output_omitted"])
            if got != want:
                raise Finding("progress %r is not the reference's %r" % (got[:2], want[:2]))
            return
        text = dump(res)
        self.stats["checked"] += 1
        self.stats["max_snapshot_bytes"] = max(self.stats["max_snapshot_bytes"], len(text))
        if text != dump(ref):
            raise Finding("snapshot at step %d differs from a fresh session's: %s"
                          % (n, first_difference(res, ref)))

    def found(self, name, src, done, kind, detail) -> None:
        self.stats["exceptions" if kind == "exception" else "mismatches"] += 1
        rec = {"program": name, "source": src.decode("latin-1"), "seed": self.seed, "kind": kind,
               "commands": done, "detail": detail if isinstance(detail, str) else "".join(detail)}
        self.findings.append(rec)
        if self.log:
            self.log("FINDING %s in %s after %d commands: %s" % (kind, name, len(done),
                     rec["detail"].strip().splitlines()[-1][:300]))
        if self.save is not None:
            self.save.mkdir(parents=True, exist_ok=True)
            path = self.save / ("finding-%d-%d.json" % (self.seed, len(self.findings)))
            path.write_text(json.dumps(rec, indent=1))

    # -- a round ---------------------------------------------------------------

    def programs(self, rng: random.Random, corpus: list):
        """An endless stream of (name, source): the hostile programs, then
        corpus programs in random variants, the first areas more often."""
        yield from hostile_programs()
        first = [p for p in corpus if p[0].split("/")[0] in FIRST_AREAS]
        while True:
            name, src = rng.choice(first if rng.random() < 0.5 else corpus)
            kind = rng.choice(KINDS)
            prog = variant(name, src, kind, rng)
            if prog is not None:
                yield "%s[%s]" % (name, kind), prog

    def run(self, sessions: int | None = None, seconds: float | None = None) -> dict:
        rng = random.Random(self.seed)
        corpus = corpus_programs()
        t0 = time.perf_counter()
        for count, (name, src) in enumerate(self.programs(rng, corpus)):
            if sessions is not None and count >= sessions:
                break
            if seconds is not None and time.perf_counter() - t0 > seconds:
                break
            self.session(name, src, random.Random(rng.random()))
        self.stats["seconds"] = round(time.perf_counter() - t0, 1)
        return self.stats


def first_difference(a, b, path="") -> str:
    """Where two JSON values first differ (for the report)."""
    if type(a) is not type(b):
        return "%s: %r vs %r" % (path or "/", a, b)
    if isinstance(a, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k in ("reason", "end_step", "message") and not path:
                continue
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), "%s/%s" % (path, k))
        return path or "/"
    if isinstance(a, list):
        if len(a) != len(b):
            return "%s: %d vs %d items" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, "%s[%d]" % (path, i))
        return path
    return "%s: %r vs %r" % (path, str(a)[:200], str(b)[:200])


def replay_finding(rec: dict) -> None:
    """Run a saved finding's commands again (raises what it raised)."""
    f = Fuzzer(rec["seed"], commands=0)
    src = rec["source"].encode("latin-1")
    s = Session(src, now=NOW, allow_bytecode=True)
    s.strict = True
    cache = {}
    for cmd in rec["commands"]:
        res = f.apply(s, tuple(cmd))
        if res is not None:
            f.check(s, src, res, cache)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sessions", type=int, default=None, help="sessions to run (default: until --minutes)")
    ap.add_argument("--minutes", type=float, default=None)
    ap.add_argument("--commands", type=int, default=40, help="commands per session")
    ap.add_argument("--save", type=Path, default=None, help="write findings here as JSON")
    ap.add_argument("--replay", type=Path, default=None, help="run a saved finding again")
    args = ap.parse_args(argv)
    if args.replay:
        replay_finding(json.loads(args.replay.read_text()))
        print("the finding's commands ran without a finding")
        return 0
    if args.sessions is None and args.minutes is None:
        args.sessions = 100
    f = Fuzzer(args.seed, args.commands, args.save, log=lambda m: print(m, flush=True))
    stats = f.run(args.sessions, None if args.minutes is None else args.minutes * 60)
    print(json.dumps(stats))
    return 1 if f.findings else 0


if __name__ == "__main__":
    sys.exit(main())
