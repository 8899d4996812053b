"""Tests of the VM: behaviour against lua5.1, single-stepping anywhere,
limits, coroutines, budgets, and the Python API.

The ``CASES`` snippets carry what ``lua5.1 -`` printed for them (so they
check something without it); when lua5.1 is installed, ``test_case_lua51``
checks again that it still prints exactly that.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from pylua import Lua
from pylua.errors import LuaError
from pylua.runtime import ERROR, FINISHED, RUNNING, to_python
from pylua.values import CALL_META, CI_GEN, CI_LUA, Builtin, Call, LuaTable

LUA51 = shutil.which("lua5.1")

# name -> (Lua source, what lua5.1 printed for it with `lua5.1 -`)
CASES = {
    "arith": (
        r"""
print(1 + 2, 7 - 10, 6 * 7, 1 / 4, 7 % 3, -7 % 3, 7 % -3, 5.5 % 2, 2 ^ 10, -2 ^ 2)
print(1 / 0, -1 / 0, 0 / 0, -(0 / 0), 5 % math.huge, -5 % math.huge, 2 ^ 0.5)
print("10" + 1, "3" * "4", "0x10" + 0, " 5 " - 1, 10 .. 20, 1e100, 2^53 + 1, 0.1 + 0.2)
print(math.floor(-3.5), -0.0, 0 * -1, 8 % 3.5, -2 ^ -2)
""",
        "3\t-3\t42\t0.25\t1\t2\t-2\t1.5\t1024\t-4\ninf\t-inf\t-nan\tnan\t-nan\t-nan\t1.4142135623731\n11\t12\t16\t4\t1020\t1e+100\t9.007199254741e+15\t0.3\n-4\t0\t0\t1\t-0.25\n",
    ),
    "compare": (
        r"""
print(1 < 2, "a" < "b", "a\0b" < "a\0c", "Z" < "a", "" < "a", 2 <= 2, "10" < "9")
print(1 == 1.0, "1" == 1, nil == false, {} == {}, 0/0 == 0/0)
local t = {} print(t == t, rawequal(t, t), rawequal("a", "a"))
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} < {} end))
print(pcall(function() return "x" >= {} end))
print(pcall(function() return nil > 1 end))
""",
        "true\ttrue\ttrue\ttrue\ttrue\ttrue\ttrue\ntrue\tfalse\tfalse\tfalse\tfalse\ntrue\ttrue\ttrue\nfalse\tstdin:5: attempt to compare number with string\nfalse\tstdin:6: attempt to compare two table values\nfalse\tstdin:7: attempt to compare table with string\nfalse\tstdin:8: attempt to compare number with nil\n",
    ),
    "concat": (
        r"""
print("a" .. "b" .. 1 .. 2.5 .. -0.0)
local mt = {__concat = function(a, b)
  return (type(a) == "table" and "T" or a) .. "+" .. (type(b) == "table" and "T" or b) end}
local t = setmetatable({}, mt)
print("x" .. t, t .. "y", "a" .. "b" .. t .. "c" .. "d")
print(pcall(function() local u = {} return "a" .. u end))
""",
        "ab12.5-0\nx+T\tT+y\tabT+cd\nfalse\tstdin:7: attempt to concatenate local 'u' (a table value)\n",
    ),
    "tables": (
        r"""
local t = {1, 2, 3, nil, 5}
print(#t, #{1, 2, nil}, #{nil, nil, 3}, #{n = 1})
local u = {} for i = 1, 10 do u[i] = i end u[5] = nil print(#u)
local v = {} v[1] = 1 v[2] = 2 v[4] = 4 print(#v)
local w = {10, 20, 30} w[#w + 1] = 40 table.insert(w, 50) print(#w, w[5])
local keys = {} for k, v in pairs({a = 1, b = 2, [1] = "x", [true] = "t"}) do keys[#keys + 1] = tostring(k) end
table.sort(keys) print(table.concat(keys, ","))
local b = {} b[true] = 1 b[1] = 2 b[false] = 3 b[0] = 4 print(b[true], b[1], b[false], b[0], b[-0])
print(pcall(function() local x = {} x[nil] = 1 end))
print(pcall(function() local x = {} x[0/0] = 1 end))
print(rawget({}, 0/0), next({}), select("#", next({})))
local n = {} for i = 1, 100 do n[i] = i end for i = 1, 100 do n[i] = nil end print(next(n))
""",
        "5\t2\t3\t0\n10\n4\n5\t50\n1,a,b,true\n1\t2\t3\t4\t4\nfalse\tstdin:10: table index is nil\nfalse\tstdin:11: table index is NaN\nnil\tnil\t1\nnil\n",
    ),
    "metamethods": (
        r"""
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__sub = function(a, b) return "sub" end
V.__mul = function(a, b) return "mul" end
V.__div = function(a, b) return "div" end
V.__mod = function(a, b) return "mod" end
V.__pow = function(a, b) return "pow" end
V.__unm = function(a) return "unm" end
V.__eq = function(a, b) return a.x == b.x end
V.__lt = function(a, b) return a.x < b.x end
V.__le = function(a, b) return a.x <= b.x end
V.__call = function(self, y) return self.x + y end
V.__tostring = function(self) return "V(" .. self.x .. ")" end
V.__len = function() return 99 end
function V.get(self) return self.x end
local a, b = setmetatable({x = 1}, V), setmetatable({x = 2}, V)
print((a + b).x, a - b, a * 2, 2 / a, a % a, a ^ 2, -a)
print(a == b, a ~= b, a < b, a <= b, a > b, a >= b, a(10), tostring(a), #a, a:get())
local L = {__lt = function(x, y) return true end}
local p, q = setmetatable({}, L), setmetatable({}, L)
print(p <= q, p >= q)
local ni = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v * 2) end})
ni.a = 5 print(ni.a)
local chain = setmetatable({}, {__index = setmetatable({}, {__index = function(t, k) return k .. "!" end})})
print(chain.foo)
local ud = newproxy(true) getmetatable(ud).__len = function() return 7 end print(#ud)
print(getmetatable("").__index == string, ("x"):rep(3))
local prot = setmetatable({}, {__metatable = "locked"})
print(getmetatable(prot), pcall(setmetatable, prot, {}))
""",
        "3\tsub\tmul\tdiv\tmod\tpow\tunm\nfalse\ttrue\ttrue\ttrue\tfalse\tfalse\t11\tV(1)\t0\t1\nfalse\tfalse\n10\nfoo!\n7\ntrue\txxx\nlocked\tfalse\tcannot change a protected metatable\n",
    ),
    "closures": (
        r"""
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
local function counter() local c = 0 return function() c = c + 1 return c end end
local c1, c2 = counter(), counter()
print(c1(), c1(), c2())
local shared = {}
do local x = 0 shared.inc = function() x = x + 1 end shared.get = function() return x end end
shared.inc() shared.inc() print(shared.get())
local t = {}
local j = 1
while j <= 3 do local k = j t[j] = function() return k end j = j + 1 end
print(t[1](), t[3]())
""",
        "1\t2\t3\n1\t2\t1\n2\n1\t3\n",
    ),
    "varargs": (
        r"""
local function f(...) return select("#", ...), ... end
print(f(), f(nil), f(1, nil, 3))
local function g(...) return arg and arg.n, ... end
print(g(1, 2))
local function h(a, ...) local x, y = ... return a, x, y end
print(h(1), h(1, 2, 3))
print(select(-1, 1, 2, 3), select(2, "a", "b", "c"))
print(pcall(select, 0, 1))
print(unpack({1, 2, 3}), unpack({1, 2, 3}, 2, 3), unpack({}, 1, 2))
""",
        "0\t1\t3\t1\tnil\t3\nnil\t1\t2\n1\t1\t2\t3\n3\tb\tc\nfalse\tbad argument #1 to '?' (index out of range)\n1\t2\tnil\tnil\n",
    ),
    "errors": (
        r"""
local function e(f) local ok, m = pcall(f) print(m) end
e(function() local x; x.y = 1 end)
e(function() return undefinedglobal.field end)
e(function() local t = {} return t.a.b end)
e(function() local t = {} t.m() end)
e(function() local s = "x" return s + 1 end)
e(function() local t = {} return -t end)
e(function() return #nil end)
e(function() local up = {} return (function() return up .. "" end)() end)
e(function() local o = {} o:method() end)
e(function() error("plain") end)
e(function() error("level2", 2) end)
e(function() error(setmetatable({}, {__tostring = function() return "E" end})) end)
e(function() error() end)
e(function() error(42) end)
e(function() local a = nil; a() end)
e(function() string.rep() end)
e(function() ("x"):bad() end)
e(function() for i = 1, "x" do end end)
e(function() for i = 1, 10, {} do end end)
e(function() setmetatable({}, 1) end)
e(function() local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x end)
print(select(2, pcall(error)))
print(pcall(string.rep))
""",
        "stdin:3: attempt to index local 'x' (a nil value)\nstdin:4: attempt to index global 'undefinedglobal' (a nil value)\nstdin:5: attempt to index field 'a' (a nil value)\nstdin:6: attempt to call field 'm' (a nil value)\nstdin:7: attempt to perform arithmetic on local 's' (a string value)\nstdin:8: attempt to perform arithmetic on local 't' (a table value)\nstdin:9: attempt to get length of a nil value\nstdin:10: attempt to concatenate upvalue 'up' (a table value)\nstdin:11: attempt to call method 'method' (a nil value)\nstdin:12: plain\nlevel2\nE\nnil\nstdin:16: 42\nstdin:17: attempt to call local 'a' (a nil value)\nstdin:18: bad argument #1 to 'rep' (string expected, got no value)\nstdin:19: attempt to call method 'bad' (a nil value)\nstdin:20: 'for' limit must be a number\nstdin:21: 'for' step must be a number\nstdin:22: bad argument #2 to 'setmetatable' (nil or table expected)\nstdin:23: C stack overflow\nnil\nfalse\tbad argument #1 to '?' (string expected, got no value)\n",
    ),
    "xpcall": (
        r"""
print(xpcall(function() return 1, 2 end, print))
print(xpcall(function() error("boom") end, function(m) return "handled: " .. m end))
print(xpcall(function() error("x") end, function(m) error("again") end))
print(xpcall(function() local x = nil; return x.y end, debug.traceback))
print(pcall(xpcall, function() error("y") end))
""",
        "true\t1\t2\nfalse\thandled: stdin:3: boom\nfalse\terror in error handling\nfalse\tstdin:5: attempt to index local 'x' (a nil value)\nstack traceback:\n\tstdin:5: in function <stdin:5>\n\t[C]: in function 'xpcall'\n\tstdin:5: in main chunk\n\t[C]: ?\nfalse\tbad argument #2 to '?' (value expected)\n",
    ),
    "coroutines": (
        r"""
local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co), coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co), coroutine.resume(co))
print(coroutine.running())
local w = coroutine.wrap(function() coroutine.yield(1) error("inside") end)
print(w(), pcall(w))
print(pcall(coroutine.create, print))
print(coroutine.resume(coroutine.create(function() return pcall(coroutine.yield, 1) end)))
local outer = coroutine.create(function()
  local inner = coroutine.create(function() coroutine.yield("in") return "done" end)
  print(coroutine.resume(inner))
  print(coroutine.status(inner), coroutine.running() ~= nil)
  coroutine.yield("out")
  print(coroutine.resume(inner))
  return "end"
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer))
print(pcall(coroutine.resume, outer, 1))
local self
self = coroutine.create(function() return coroutine.resume(self) end)
print(coroutine.resume(self))
""",
        "true\t3\nsuspended\ttrue\t20\ntrue\t7\ndead\tfalse\tcannot resume dead coroutine\nnil\n1\tfalse\tstdin:12: inside\nfalse\tbad argument #1 to '?' (Lua function expected)\ntrue\tfalse\tattempt to yield across metamethod/C-call boundary\ntrue\tin\nsuspended\ttrue\ntrue\tout\ntrue\tdone\ntrue\tend\ntrue\tfalse\tcannot resume dead coroutine\ntrue\tfalse\tcannot resume running coroutine\n",
    ),
    "coroutine_pcall": (
        r"""
local co = coroutine.create(function()
  local ok, v = pcall(function()
    local inner = coroutine.wrap(function()
      local ok2, e = pcall(function()
        coroutine.yield("from inner")
      end)
      coroutine.yield(ok2, e)
      error("inner fails")
    end)
    local a = inner()
    local b, c = inner()
    return a, b, c, pcall(inner)
  end)
  coroutine.yield(ok)
  return "finished"
end)
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.resume(co))
""",
        "true\tfalse\ntrue\tfinished\nfalse\tcannot resume dead coroutine\n",
    ),
    "stack_overflow": (
        r"""
local function rec(n) return 1 + rec(n + 1) end
local ok, e = pcall(rec, 1)
print(ok, e)
local depth = 0
local function down(n) depth = depth + 1 if n == 0 then return 0 end return 1 + down(n - 1) end
print(pcall(down, 200000))
print(down(100), depth > 10000)
local function nest() return pcall(nest) end
local r = {nest()}
print(#r > 100, r[#r])
local t = setmetatable({}, {__index = function(t, k) return t[k] end})
print(pcall(function() return t.x end))
""",
        "false\tstdin:2: stack overflow\nfalse\tstdin:6: stack overflow\n100\ttrue\ntrue\tC stack overflow\nfalse\tstdin:12: C stack overflow\n",
    ),
    "tostring_tonumber": (
        r"""
print(tostring(nil), tostring(true), tostring(12), tostring(-0.0), tostring(1e15), tostring(0.1))
print(tonumber("10"), tonumber("0x1A"), tonumber("  7  "), tonumber("1e2"), tonumber("abc"), tonumber(""))
print(tonumber("ff", 16), tonumber("777", 8), tonumber("zz", 36), tonumber("8", 8), tonumber("1.5", 10))
print(tonumber("-ff", 16), tonumber(" 11 ", 2), tonumber("11", 2.9), pcall(tonumber, "1", 37))
print(tonumber(nil), pcall(tonumber))
print(type(print), type(nil), type({}), type("x"), type(2), type(true), type(coroutine.create(print ~= nil and function() end)))
""",
        "nil\ttrue\t12\t-0\t1e+15\t0.1\n10\t26\t7\t100\tnil\tnil\n255\t511\t1295\tnil\t1.5\n1.844674407371e+19\t3\t3\tfalse\tbad argument #2 to '?' (base out of range)\nnil\tfalse\tbad argument #1 to '?' (value expected)\nfunction\tnil\ttable\tstring\tnumber\tboolean\tthread\n",
    ),
    "env": (
        r"""
local function f() return x end
x = "global"
setfenv(f, {x = "env"})
print(f(), getfenv(f).x, getfenv(print) == _G, getfenv(0) == _G, getfenv(1) == _G)
print(pcall(setfenv, print, {}))
print(pcall(getfenv, 100))
local function g() setfenv(1, {print = print, y = 5}) print(y) end g()
print(_G.y, _VERSION)
""",
        "env\tenv\ttrue\ttrue\ttrue\nfalse\t'setfenv' cannot change environment of given object\nfalse\tbad argument #1 to '?' (invalid level)\n5\nnil\tLua 5.1\n",
    ),
    "forloops": (
        r"""
for i = 1, 3 do io.write(i, " ") end print()
for i = 3, 1, -1 do io.write(i, " ") end print()
for i = 1, 2, 0.5 do io.write(i, " ") end print()
for i = "1", "2" do io.write(i, " ") end print()
for i = 1, 0 do io.write("never") end print("empty")
for i = 1, 3 do local j = i * 2 i = 10 io.write(j, " ") end print()
local t = {} for k, v in ipairs({"a", "b", nil, "d"}) do t[#t + 1] = k .. v end print(table.concat(t, " "))
""",
        "1 2 3 \n3 2 1 \n1 1.5 2 \n1 2 \nempty\n2 4 6 \n1a 2b\n",
    ),
    "weak": (
        r"""
local wk = setmetatable({}, {__mode = "k"})
local wv = setmetatable({}, {__mode = "v"})
local keep = {}
wk[keep] = 1 wk[{}] = 2 wk["s"] = 3
wv.a = keep wv.b = {} wv.c = "str" wv.d = function() end
collectgarbage()
local nk, nv = 0, 0
for k in pairs(wk) do nk = nk + 1 end
for k in pairs(wv) do nv = nv + 1 end
print(nk, nv, wk[keep], wv.a == keep, wv.c)
print(type(collectgarbage("count")), collectgarbage("count") > 0, collectgarbage())
""",
        "2\t2\t1\ttrue\tstr\nnumber\ttrue\t0\n",
    ),
    "print_tostring": (
        r"""
local old = tostring
tostring = function(v) return "<" .. old(v) .. ">" end
print(1, "a", nil)
tostring = old
print("a\0b", 1)
print(pcall(print, setmetatable({}, {__tostring = function() return {} end})))
""",
        "<1>\t<a>\t<nil>\na\t1\nfalse\t'tostring' must return a string to 'print'\n",
    ),
}


def run(src: str, chunkname: str = "=stdin", **kw) -> bytes:
    out = io.BytesIO()
    L = Lua(stdout=out, **kw)
    L.execute(src, chunkname)
    return out.getvalue()


@pytest.mark.parametrize("name", list(CASES))
def test_case(name):
    src, expected = CASES[name]
    assert run(src).decode("latin-1") == expected


@pytest.mark.skipif(LUA51 is None, reason="lua5.1 not installed")
@pytest.mark.parametrize("name", list(CASES))
def test_case_lua51(name):
    src, expected = CASES[name]
    p = subprocess.run([LUA51, "-"], input=src.encode(), capture_output=True, timeout=60)
    assert p.stdout.decode("latin-1") == expected


# -- single-stepping inside builtins and metamethods --------------------------


def lua_frame_at(L, line: int):
    """The running coroutine's innermost frame, when it is a Lua function
    defined at line (the handler we want to stop in)."""
    ci = L.current.cis[-1]
    if ci.kind == CI_LUA and ci.cl.proto.linedefined == line:
        return ci
    return None


def step_until(L, pred, limit: int = 200000):
    for _ in range(limit):
        st = L.step()
        if st != RUNNING:
            return st
        hit = pred(L)
        if hit:
            return hit
    raise AssertionError("never reached")


def frames_below(L, ci):
    cis = L.current.cis
    return cis[: cis.index(ci)]


STEP_PROGRAMS = {
    # name: (source, line of the handler, what must hold when inside it)
    "pcall": (
        "local function f(x)\n  return x * 2\nend\nprint(pcall(f, 21))\n",
        1,
        lambda L, ci, below: below[-1].kind == CI_GEN and below[-1].cl.name == "pcall",
    ),
    "__add": (
        "local mt = {__add = function(a, b)\n  return 42\nend}\nprint(setmetatable({}, mt) + 1)\n",
        1,
        lambda L, ci, below: ci.callkind == CALL_META and below[-1].kind == CI_LUA,
    ),
    "__index": (
        "local t = setmetatable({}, {__index = function(t, k)\n  return k .. '!'\nend})\n"
        "print(t.hello)\n",
        1,
        lambda L, ci, below: ci.callkind == CALL_META,
    ),
    "__lt": (
        "local mt = {__lt = function(a, b)\n  return true\nend}\n"
        "local a, b = setmetatable({}, mt), setmetatable({}, mt)\nprint(a < b, a > b)\n",
        1,
        lambda L, ci, below: ci.callkind == CALL_META,
    ),
    "__concat": (
        "local mt = {__concat = function(a, b)\n  return 'joined'\nend}\n"
        "print('x' .. setmetatable({}, mt) .. 'y')\n",
        1,
        lambda L, ci, below: ci.callkind == CALL_META,
    ),
    "__call": (
        "local obj = setmetatable({}, {__call = function(self, a)\n  return a + 1\nend})\n"
        "print(obj(41))\n",
        1,
        lambda L, ci, below: below[-1].kind == CI_LUA,
    ),
    "sort": (
        "local t = {3, 1, 2}\ntable.sort(t, function(a, b)\n  return a > b\nend)\n"
        "print(t[1], t[2], t[3])\n",
        2,
        lambda L, ci, below: below[-1].kind == CI_GEN and below[-1].cl.name == "sort",
    ),
    "gsub": (
        "print((string.gsub('abc', '%w', function(c)\n  return c:upper()\nend)))\n",
        1,
        lambda L, ci, below: below[-1].kind == CI_GEN and below[-1].cl.name == "gsub",
    ),
}

STEP_OUTPUT = {
    "pcall": b"true\t42\n",
    "__add": b"42\n",
    "__index": b"hello!\n",
    "__lt": b"true\ttrue\n",
    "__concat": b"xjoined\n",
    "__call": b"42\n",
    "sort": b"3\t2\t1\n",
    "gsub": b"ABC\n",
}


@pytest.mark.parametrize("name", list(STEP_PROGRAMS))
def test_step_stops_inside(name):
    src, line, check = STEP_PROGRAMS[name]
    out = io.BytesIO()
    L = Lua(stdout=out)
    if (
        name in ("sort", "gsub")
        and L.globals.get(b"table" if name == "sort" else b"string") is None
    ):
        pytest.skip("library not there yet")
    L.start(L.load(src))
    ci = step_until(L, lambda L: lua_frame_at(L, line))
    assert ci not in (FINISHED, ERROR), "the handler never ran as a frame of its own"
    assert check(L, ci, frames_below(L, ci))
    # inside the handler, another step runs one of its instructions
    pc = ci.savedpc
    assert L.step() == RUNNING
    assert L.current.cis[-1] is not ci or ci.savedpc != pc
    while (st := L.step()) == RUNNING:
        pass
    assert st == FINISHED
    assert out.getvalue() == STEP_OUTPUT[name]


def test_step_is_one_instruction():
    L = Lua(stdout=io.BytesIO())
    L.start(L.load("local a = 1\nlocal b = 2\nreturn a + b\n"))
    # LOADK, LOADK, ADD, RETURN
    assert [L.step() for _ in range(4)] == [RUNNING, RUNNING, RUNNING, FINISHED]
    assert L.host_results == [3.0]


def test_debugger_hook_sees_every_instruction():
    L = Lua(stdout=io.BytesIO())
    seen = []
    L.hook = lambda vm, th, ci, pc: seen.append((ci.cl.proto.linedefined, pc))
    L.execute("local function f(n) return n + 1 end\nlocal x = f(1)\nx = f(x)\n")
    assert (1, 0) in seen and (1, 1) in seen  # inside f
    assert len(seen) == 13


def test_hook_can_pause():
    L = Lua(stdout=io.BytesIO())
    count = [0]

    def hook(vm, th, ci, pc):
        count[0] += 1
        return count[0] == 5  # pause before the 5th instruction

    L.hook = hook
    L.start(L.load("local s = 0\nfor i = 1, 10 do s = s + i end\nreturn s\n"))
    assert L.run() == "paused"
    L.hook = None
    assert L.run() == FINISHED
    assert L.host_results == [55.0]


# -- budgets --------------------------------------------------------------

INFINITE = [
    "while true do end",
    "repeat until false",
    "local i = 0 repeat i = i + 1 until i < 0",
    "for i = 1, math.huge do end",
    "local function f() return f() end f()",
    "while true do local t = {} end",
    "for k in function() return 1 end do end",
    "local co = coroutine.wrap(function() while true do coroutine.yield() end end)\n"
    "while true do co() end",
    "while true do pcall(tostring, 1) end",
]


@pytest.mark.parametrize("src", INFINITE)
def test_infinite_loop_stops_at_budget(src):
    L = Lua(stdout=io.BytesIO())
    L.start(L.load(src))
    for _ in range(3):
        assert L.run(5000) == RUNNING


def test_budget_run_resumes_where_it_stopped():
    L = Lua(stdout=io.BytesIO())
    L.start(L.load("local s = 0\nfor i = 1, 100000 do s = s + i end\nreturn s\n"))
    n = 0
    while (st := L.run(1000)) == RUNNING:
        n += 1
    assert st == FINISHED and n > 10
    assert L.host_results == [5000050000.0]


# -- limits ---------------------------------------------------------------


def test_deep_recursion_is_a_lua_error():
    out = run(
        "local function down(n) if n == 0 then return 0 end return 1 + down(n - 1) end\n"
        "print(pcall(down, 200000))\nprint(down(5000))\n"
    )
    assert out == b"false\tstdin:1: stack overflow\n5000\n"


def test_deep_recursion_in_budgets():
    L = Lua(stdout=io.BytesIO())
    L.start(L.load("local function r(n) return 1 + r(n + 1) end return pcall(r, 1)"))
    while (st := L.run(10000)) == RUNNING:
        pass
    assert st == FINISHED
    assert L.host_results == [False, b"input:1: stack overflow"]


def test_c_stack_overflow():
    out = run("local function nest() return pcall(nest) end\nlocal r = {nest()}\nprint(r[#r])\n")
    assert out == b"C stack overflow\n"


def test_uncaught_error_has_traceback():
    L = Lua(stdout=io.BytesIO())
    with pytest.raises(LuaError) as e:
        L.execute("local function f()\n  error('boom')\nend\nf()\n", "@file.lua")
    assert e.value.value == b"file.lua:2: boom"
    assert e.value.traceback == (
        b"stack traceback:\n\t[C]: in function 'error'\n\tfile.lua:2: in function 'f'\n"
        b"\tfile.lua:4: in main chunk\n\t[C]: ?"
    )


def test_error_values_of_any_type():
    L = Lua(stdout=io.BytesIO())
    t = LuaTable()
    L.set_global("t", t)
    with pytest.raises(LuaError) as e:
        L.execute("error(t)")
    assert e.value.value is t
    with pytest.raises(LuaError) as e:
        L.execute("error()")
    assert e.value.value is None


def test_python_exceptions_become_lua_errors():
    def bad(L, args):
        raise ValueError("no good")

    def exit_(L, args):
        raise KeyboardInterrupt

    L = Lua(stdout=io.BytesIO())
    L.register("bad", bad)
    L.register("interrupt", exit_)
    ok, msg = L.pcall_host(L.load("return pcall(bad)"))
    assert ok
    assert msg[0] is False and b"no good" in msg[1]
    with pytest.raises(KeyboardInterrupt):  # not Lua's: let through
        L.execute("pcall(interrupt)")
    assert L.execute("return 1 + 1") == [2.0]  # still usable


def test_memory_error_message():
    def oom(L, args):
        raise MemoryError

    L = Lua(stdout=io.BytesIO())
    L.register("oom", oom)
    assert L.execute("return pcall(oom)") == [False, b"not enough memory"]


# -- coroutines -----------------------------------------------------------


def test_yield_from_main_chunk():
    L = Lua(stdout=io.BytesIO())
    with pytest.raises(LuaError) as e:
        L.execute("coroutine.yield(1)")
    assert e.value.value == b"attempt to yield across metamethod/C-call boundary"


def test_coroutine_frames_are_their_own():
    L = Lua(stdout=io.BytesIO())
    L.start(
        L.load(
            "local co = coroutine.create(function(a)\n  local b = coroutine.yield(a + 1)\n"
            "  return b * 2\nend)\nlocal _, x = coroutine.resume(co, 1)\n"
            "local _, y = coroutine.resume(co, x)\nreturn x, y\n"
        )
    )
    seen = set()
    while (st := L.step()) == RUNNING:
        if L.current is not L.main:
            seen.add(len(L.current.cis))
            assert L.current.resumer is L.main
    assert st == FINISHED
    assert seen == {1}  # only the body: yield's frame waits while the coroutine is suspended
    assert L.host_results == [2.0, 4.0]


# -- tables ---------------------------------------------------------------


def test_table_array_part_grows_like_ltable():
    # lua5.1: t[1..8] then t[10] rehashes into a 16-slot array part (9 keys
    # of 16 > half), so #t is 10; with t[20] instead the array stays at 8
    t = LuaTable()
    for i in range(1, 9):
        t.set(float(i), True)
    assert len(t.arr) == 8 and not t.hash
    t.set(10.0, True)
    assert len(t.arr) == 16 and t.length() == 10
    u = LuaTable()
    for i in range(1, 9):
        u.set(float(i), True)
    u.set(20.0, True)
    assert len(u.arr) == 8 and u.length() == 8


def test_table_boolean_keys_apart_from_numbers():
    t = LuaTable()
    t.set(True, "t")
    t.set(1.0, "one")
    t.set(False, "f")
    t.set(0.0, "zero")
    assert (t.get(True), t.get(1.0), t.get(False), t.get(0.0), t.get(-0.0)) == (
        "t",
        "one",
        "f",
        "zero",
        "zero",
    )
    assert sorted(repr(k) for k, _ in t.items()) == ["0.0", "1.0", "False", "True"]


def test_weak_table_empties_without_collectgarbage():
    # as the official closure.lua waits for a weak entry to go
    out = run(
        "local x = setmetatable({[1] = {}}, {__mode = 'kv'})\nlocal A = 0\n"
        "while x[1] do local a = A .. A .. A .. A; A = A + 1 end\nprint(A > 0)\n"
    )
    assert out == b"true\n"


# -- the Python API ---------------------------------------------------------


def test_api_call_globals_conversions():
    L = Lua(stdout=io.BytesIO())
    L.set_global("data", {"a": [1, 2, 3], "b": "text"})
    (f,) = L.execute("return function(x, y) return #data.a + x, data.b .. y end")
    assert L.call(f, 10, "!") == [13.0, b"text!"]
    assert to_python(L.get_global("data")) == {"a": [1, 2, 3], "b": "text"}
    L.register("twice", lambda L, args: [args[0] * 2])
    assert L.execute("return twice(21)") == [42.0]
    ok, err = L.pcall_host(L.load("error('x', 0)"))
    assert (ok, err) == (False, b"x")


def test_pcall_host_handler_runs_at_the_error_point():
    L = Lua(stdout=io.BytesIO())
    seen = []

    def handler(L, args):
        seen.append(L.traceback(None, 1))
        return [b"handled " + args[0]]

    ok, err = L.pcall_host(
        L.load("local function f() error('e') end f()", "=t"), (), Builtin("h", handler)
    )
    assert (ok, err) == (False, b"handled t:1: e")
    assert seen[0].startswith(
        b"stack traceback:\n\t[C]: in function 'error'\n\tt:1: in function 'f'"
    )


def test_sandbox_has_no_host_access():
    L = Lua(sandbox=True, stdout=io.BytesIO())
    for name in (b"io", b"os", b"debug", b"package", b"require", b"dofile", b"loadfile", b"module"):
        assert L.globals.get(name) is None, name
    for name in (b"print", b"pcall", b"coroutine", b"string", b"table", b"math", b"loadstring"):
        assert L.globals.get(name) is not None, name


def test_stepping_runs_compiled_loops_instruction_by_instruction():
    L = Lua(stdout=io.BytesIO())
    n = [0]
    L.hook = lambda vm, th, ci, pc: n.__setitem__(0, n[0] + 1)
    assert L.execute("local s = 0\nfor i = 1, 10 do s = s + i end\nreturn s\n") == [55.0]
    # LOADK x4, FORPREP, FORLOOP, (ADD, FORLOOP) x10, RETURN
    assert n[0] == 27


def test_a_failing_hook_is_not_an_error_of_the_lua_program():
    """A Python exception in the debugger's hook ends the run as
    HookFailure: the program's pcall does not catch it (it used to become a
    Lua 'internal error' that pcall swallowed, the debugger going wrong
    silently)."""
    import pytest

    from pylua.errors import HookFailure

    L = Lua(stdout=io.BytesIO())
    n = [0]

    def hook(vm, th, ci, pc):
        n[0] += 1
        if n[0] == 6:
            raise ValueError("hook bug")

    L.hook = hook
    with pytest.raises(HookFailure) as info:
        L.execute("print(pcall(function() local a = 1; a = a + 1; return a end))\nprint('after')\n")
    assert isinstance(info.value.__cause__, ValueError)
    assert L.stdout.getvalue() == b""


def test_a_builtin_charges_the_budget_and_resumes_where_it_was():
    """A long builtin yields Charge(n): run(budget) returns RUNNING inside it
    and the next run goes on from the same point."""
    from pylua.values import Charge

    L = Lua(stdout=io.BytesIO())
    done = []

    def slow(L, args):
        for i in range(10):
            done.append(i)
            yield Charge(1000)
        return [float(len(done))]

    L.register("slow", slow)
    L.start(L.load("local n = slow() return n + 1"))
    seen = []
    while True:
        st = L.run(2500)
        seen.append((st, len(done)))
        if st != "running":
            break
    assert seen == [("running", 3), ("running", 6), ("running", 9), ("finished", 10)]
    assert L.host_results == [11.0]
    assert done == list(range(10))  # every piece of work exactly once


def _chunk(code, consts=(), maxstack=4):
    """A binary chunk of one function (no debug info) around code words."""
    import struct

    from pylua.chunk import HEADER

    def u32(n):
        return struct.pack("<I", n)

    out = HEADER + struct.pack("<Q", 9) + b"=crafted\0" + u32(0) + u32(0)
    out += bytes([0, 0, 2, maxstack]) + u32(len(code)) + b"".join(u32(w) for w in code)
    out += u32(len(consts))
    for kv in consts:
        out += b"\3" + struct.pack("<d", kv)
    return out + u32(0) + u32(0) + u32(0) + u32(0)


def test_a_backward_forprep_pays_the_budget():
    """A FORPREP that jumps backward (to itself) is a loop too: run(budget)
    returns (it never did: the budget was charged only at JMP/FORLOOP).
    shared/repros/hardening/02."""
    from pylua.opcodes import OP_FORPREP, OP_LOADK, OP_RETURN, create_ABC, create_ABx, create_AsBx

    code = [create_ABx(OP_LOADK, r, 0) for r in range(3)]
    code += [create_AsBx(OP_FORPREP, 0, -1), create_ABC(OP_RETURN, 0, 1, 0)]
    L = Lua(stdout=io.BytesIO())
    L.start(L.load(_chunk(code, consts=(1.0,)), "=crafted"))
    assert L.run(10_000) == "running"
    assert L.run(10_000) == "running"


def test_registered_functions_results_are_converted_to_lua_values():
    """L.register(name, fn): fn(L, args) sees Lua values and returns a list
    of results, each converted with to_lua (README, "From Python")."""
    L = Lua(stdout=io.BytesIO())
    L.register("getstr", lambda L, args: ["hello"])
    L.register("getint", lambda L, args: (3, True, None))
    L.register("getdict", lambda L, args: [{"a": [1, 2]}])
    L.register("nothing", lambda L, args: None)
    L.register("rawargs", lambda L, args: [len(args), args[0]])
    assert L.execute("return type(getstr()), getstr() .. 'x', #getstr()") == [
        b"string", b"hellox", 5.0,
    ]
    assert L.execute("local t = {} t[getint()] = 1 return t[3], getint()") == [1.0, 3.0, True, None]
    assert L.execute("return getdict().a[2], select('#', nothing())") == [2.0, 0.0]
    assert L.execute("return rawargs('s', 2)") == [2.0, b"s"]  # arguments as Lua sees them

    def gen(L, args):
        (n,) = yield Call(args[0], [20.0])  # requests carry Lua values
        return [int(n) + 1, "done"]

    L.register("gen", gen)
    assert L.execute("return gen(function(x) return x * 2 end)") == [41.0, b"done"]


def test_a_python_value_without_a_lua_value_never_reaches_lua():
    calls = []

    class Spy:
        def __hash__(self):
            calls.append("hash")
            return 1

        def __eq__(self, o):
            calls.append("eq")
            return False

    L = Lua(stdout=io.BytesIO())
    L.register("getspy", lambda L, args: [Spy()])
    L.register("notalist", lambda L, args: "abc")
    L.register("huge", lambda L, args: [10**400])
    for code in ("local t = {} t[getspy()] = 1", "return getspy() == getspy()"):
        ok, msg = L.pcall_host(L.load(code))
        assert not ok and msg == b"input:1: bad result from 'getspy' (no Lua value for Spy)"
    ok, msg = L.pcall_host(L.load("return notalist()"))
    assert (ok, msg) == (False, b"input:1: 'notalist' must return a list of results, not str")
    ok, msg = L.pcall_host(L.load("return huge()"))
    assert not ok and msg.startswith(b"input:1: bad result from 'huge' (")
    assert calls == []


def test_a_python_callable_given_to_lua_is_called_as_a_python_function():
    """L[name] = f (or any callable that to_lua converts): f(*args) with the
    arguments converted by to_python; None is no result, a tuple several."""
    L = Lua(stdout=io.BytesIO())
    seen = []
    L["pylen"] = len
    L["show"] = lambda *a: seen.append(a)
    L["divmod"] = divmod
    L["keys"] = lambda d: sorted(d)
    assert L.execute("return pylen('abc'), pylen({1, 2})") == [3.0, 2.0]
    assert L.execute("return select('#', show(1, 2.5, 'x', nil, {3}))") == [0.0]
    assert seen == [(1, 2.5, "x", None, [3])]
    assert L.execute("return divmod(7, 2)") == [3.0, 1.0]
    assert to_python(L.execute("return keys({b = 1, a = 2})")[0]) == ["a", "b"]
    L.set_global("api", {"twice": lambda x: 2 * x})
    assert L.execute("return api.twice(21)") == [42.0]
    ok, msg = L.pcall_host(L.load("return pylen(1)"))
    assert not ok and b"TypeError" in msg
