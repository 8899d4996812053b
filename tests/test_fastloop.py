"""Fast loops (pylua.fastloop) give exactly what the interpreter gives.

Each program runs twice, with compiled loops and without, and prints the
same bytes (and the same error); hand-written cases aim at every way out of
a compiled loop (a guard failing half-way, break, an error, a builtin that
needs the VM, the budget running out), random ones at the rest.  With
lua5.1 installed, the hand-written cases are checked against it too.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess

import pytest

from pylua import Lua
from pylua.errors import LuaError
from pylua.runtime import FINISHED, RUNNING

LUA51 = shutil.which("lua5.1")

CASES = [
    # arithmetic, with a value that stops being a number half-way
    """local s, t = 0, {}
for i = 1, 10 do t[i] = i end
t[6] = "6"
for i = 1, 10 do s = s + t[i] * 2 - i % 3 + i / 4 end
print(s)""",
    # a table that gets a metatable in the middle of the loop
    """local t, log = {}, {}
for i = 1, 6 do
  if i == 3 then setmetatable(t, {__newindex = function(t, k, v) log[#log + 1] = k rawset(t, k, v) end}) end
  t["k" .. i] = i
end
print(#log, t.k1, t.k6)""",
    # break, conditions, and/or, not
    """local t = {}
for i = 1, 100 do
  if i % 7 == 0 and i > 20 then break end
  t[#t + 1] = (i % 2 == 0) and "e" or "o"
  if not (i < 5) then t[#t] = t[#t] .. "!" end
end
print(#t, table.concat(t))""",
    # an error inside a compiled loop: same message and line
    """local t = {1, 2, 3}
local s = 0
for i = 1, 5 do
  s = s + t[i]
end
print(s)""",
    # division by zero, NaN, infinities, modulo edge cases
    """local r = {}
for i = -3, 3 do r[#r + 1] = tostring(1 / i) .. "," .. tostring(i % -2) .. "," .. tostring(5.5 % i) end
print(table.concat(r, " "))""",
    # builtins inside: plain ones, one that needs the VM (__tostring), one that errors
    """local mt = {__tostring = function(s) return "obj" end}
local o = setmetatable({}, mt)
local out = {}
for i = 1, 4 do out[#out + 1] = tostring(i) .. math.floor(i / 2) .. tostring(o) end
print(table.concat(out, ";"))
print(pcall(function() for i = 1, 3 do local x = math.floor("x" .. i) end end))""",
    # globals, upvalues, strings, lengths, concatenation
    """G = 0
local up = 10
local function f()
  for i = 1, 5 do G = G + i; up = up - 1 end
  local s = ""
  for i = 1, 5 do s = s .. i .. "-" .. #s end
  return s
end
print(f(), G, up)""",
    # negative and fractional steps, loops that do not run, the loop variable
    """local n = 0
for i = 10, 1, -2.5 do n = n + i end
for i = 1, 0 do n = n + 1000 end
for i = 1, 3 do local j = i; i = i * 10; n = n + i + j end
print(n)""",
    # comparisons of mixed types inside a loop: an error, and __lt
    """local mt = {__lt = function(a, b) return true end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
local c = 0
for i = 1, 3 do if a < b then c = c + 1 end end
print(c, pcall(function() for i = 1, 3 do if i < "2" then end end end))""",
    # equality with __eq, NaN, and tables
    """local e = {__eq = function() return true end}
local x, y = setmetatable({}, e), setmetatable({}, e)
local n = 0
local nan = 0 / 0
for i = 1, 4 do
  if x == y then n = n + 1 end
  if nan == nan then n = n + 100 end
  if i == 2 then n = n + 10 end
end
print(n)""",
    # leaf functions (compiled after some calls): results, missing and extra
    # arguments, upvalues, globals, and guards failing in the middle
    """local k = 0
local function leaf(a, b) k = k + 1 if a == nil then return "nil" end return a + (b or 0), k end
local out = {}
for i = 1, 40 do out[#out + 1] = tostring((leaf(i))) end
print(table.concat(out, ","))
print(leaf("1", 2), leaf(nil), leaf(1, 2, 3), select("#", leaf(1)), k)
print(pcall(leaf, {}, 1))
G2 = 0
local function setg(v) G2 = G2 + v; return end
for i = 1, 30 do setg(i) end
print(G2, select("#", setg(1)))""",
    # an error deep in a compiled leaf: the same message, line and traceback
    """local function bad(t) local x = t.x return x.y end
for i = 1, 40 do bad({x = {y = i}}) end
print(xpcall(function() return bad({}) end, debug.traceback))
print(xpcall(function() return bad({x = 1}) end, debug.traceback))""",
    # a coroutine yielding from inside a loop body through a plain builtin call
    """local co = coroutine.wrap(function()
  local s = 0
  for i = 1, 5 do s = s + i; coroutine.yield(s) end
  return "end"
end)
print(co(), co(), co(), co(), co(), co())""",
]


def run(src: str, fast: bool) -> tuple[bytes, bytes | None]:
    out = io.BytesIO()
    L = Lua(stdout=out)
    L.fast_loops = fast
    try:
        L.execute(src, "=stdin")
        err = None
    except LuaError as e:
        err = e.value
    return out.getvalue(), err


@pytest.mark.parametrize("src", CASES)
def test_same_as_interpreter(src):
    assert run(src, True) == run(src, False)


@pytest.mark.skipif(LUA51 is None, reason="lua5.1 not installed")
@pytest.mark.parametrize("src", CASES)
def test_same_as_lua51(src):
    out, err = run(src, True)
    p = subprocess.run([LUA51, "-"], input=src.encode(), capture_output=True, timeout=60)
    assert out == p.stdout
    if err is None:
        assert p.returncode == 0
    else:
        assert p.stderr.split(b"\n")[0].split(b": ", 1)[1] == err


def test_budget_stops_inside_a_compiled_loop():
    L = Lua(stdout=io.BytesIO())
    L.start(L.load("local s = 0\nfor i = 1, 1e6 do s = s + i % 3 end\nreturn s\n"))
    runs = 0
    while (st := L.run(20000)) == RUNNING:
        runs += 1
    assert st == FINISHED and runs > 10
    assert L.host_results == [float(sum(i % 3 for i in range(1, 10**6 + 1)))]


OPS = ["+", "-", "*", "/", "%", ".."]
ATOMS = ["i", "a", "b", "t[i]", "t[j]", "1", "2.5", "-3", "'4'", "x.f", "#t", "(a or 1)"]


def random_program(rng: random.Random) -> str:
    lines = [
        "local t = {}",
        "for i = 1, 12 do t[i] = i * 1.5 end",
        "local a, b, x, out = 1, 2, {f = 3}, {}",
    ]
    body = []
    for _ in range(rng.randint(1, 6)):
        e = rng.choice(ATOMS)
        for _ in range(rng.randint(0, 3)):
            e = f"({e} {rng.choice(OPS)} {rng.choice(ATOMS)})"
        target = rng.choice(["a", "b", "x.f", "t[j]", "out[#out + 1]"])
        stmt = f"{target} = {e}"
        r = rng.random()
        if r < 0.2:
            stmt = f"if {rng.choice(ATOMS)} {rng.choice(['<', '<=', '==', '~='])} {rng.choice(ATOMS)} then {stmt} end"
        elif r < 0.3:
            stmt = f"if a > 1e6 then break end {stmt}"
        body.append(stmt)
    lines.append("for i = 1, 10 do local j = i % 5 + 1")
    lines += ["  " + s for s in body]
    lines.append("end")
    lines.append("print(a, b, x.f, #out, table.concat(out, ','), t[1], t[5])")
    return "\n".join(lines)


def random_leaf_program(rng: random.Random) -> str:
    body = []
    for _ in range(rng.randint(1, 5)):
        e = rng.choice(ATOMS + ["p", "q"])
        for _ in range(rng.randint(0, 3)):
            e = f"({e} {rng.choice(OPS)} {rng.choice(ATOMS + ['p', 'q'])})"
        r = rng.random()
        if r < 0.3:
            body.append(
                f"if {rng.choice(['p', 'q', 'a'])} {rng.choice(['<', '==', '~='])} {e} then return {e} end"
            )
        elif r < 0.5:
            body.append(f"a = {e}")
        else:
            body.append(f"local v{len(body)} = {e}")
    body.append(f"return {rng.choice(['p', 'q', 'a', 'p + 1', 'p, q', ''])}")
    args = [rng.choice(["i", "i * 0.5", "'x'", "nil", "t", "i % 3", "t[i]"]) for _ in range(2)]
    return "\n".join(
        [
            "local t = {}",
            "for i = 1, 12 do t[i] = i * 1.5 end",
            "local a, b, x, out = 1, 2, {f = 3}, {}",
            "local function leaf(p, q)",
            *["  " + line for line in body],
            "end",
            "local j = 1",
            f"for i = 1, 40 do local ok, r = pcall(function() local r = leaf({args[0]}, {args[1]}) return r end) "
            "out[#out + 1] = tostring(ok) .. ':' .. tostring(r) end",
            "print(a, table.concat(out, ','))",
        ]
    )


@pytest.mark.parametrize("seed", range(40))
def test_random_leaves(seed):
    src = random_leaf_program(random.Random(seed))
    norm = re.compile(rb"0x[0-9a-f]+")
    fast, slow = run(src, True), run(src, False)
    assert norm.sub(b"", fast[0]) == norm.sub(b"", slow[0]) and fast[1] == slow[1], src


@pytest.mark.parametrize("seed", range(60))
def test_random_loops(seed):
    src = random_program(random.Random(seed))
    assert run(src, True) == run(src, False), src
