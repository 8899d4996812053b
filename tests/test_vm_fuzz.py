"""No Python exception escapes the VM, whatever the input.

A seeded generator makes a few thousand programs: mutations of the corpus
programs (bytes deleted, duplicated, swapped, replaced by Lua tokens) and
random programs that throw every kind of value at operators and library
functions.  Each must end in one of three ways: it finishes, it raises a Lua
error (``LuaError``, syntax errors included), or it is still running when
its instruction budget is used up.  Anything else is a bug in pylua.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from pylua import Lua
from pylua.errors import LuaError
from pylua.vcode import ERROR, FINISHED, PAUSED, RUNNING

HERE = Path(__file__).parent
CORPUS = sorted((HERE / "lua").rglob("*.lua")) + sorted((HERE / "luac").glob("*.lua"))
BUDGET = 20_000
TOKENS = [
    b" ", b"\n", b"(", b")", b"{", b"}", b"[", b"]", b"=", b"==", b"~=", b"..", b"...", b",",
    b";", b":", b".", b"#", b"-", b"+", b"*", b"/", b"%", b"^", b"<", b"<=", b">", b"and",
    b"or", b"not", b"nil", b"true", b"false", b"local", b"function", b"end", b"if", b"then",
    b"else", b"while", b"do", b"for", b"in", b"return", b"break", b"repeat", b"until", b"x",
    b"t", b"f", b"1", b"0", b"-1", b"1e308", b"0/0", b"'s'", b'"\\0"', b"[[long]]", b"...",
    b"print", b"error", b"pcall", b"setmetatable", b"coroutine.yield", b"string.rep",
    b"table.concat", b"select('#')", b"getmetatable('')",
]
VALUES = [
    "nil", "true", "false", "0", "-0", "1", "-1", "2^53", "1/0", "-1/0", "0/0", "1e308",
    "'10'", "'0x10'", "''", "'abc'", "'%'", "'%d'", "'%s'", "'[a-'", "'('", "string.rep('x', 300)",
    "{}", "{1, 2, 3}", "{n = 1}", "setmetatable({}, {__index = function() return 1 end})",
    "setmetatable({}, {__add = function() error('meta') end})",
    "setmetatable({}, {__call = function(...) return ... end})",
    "setmetatable({}, {__lt = function() return true end, __le = 1})",
    "setmetatable({}, {__concat = function(a, b) return 'c' end, __eq = error})",
    "setmetatable({}, {__index = {}})", "setmetatable({}, {__metatable = false})",
    "print", "error", "tostring", "function(...) return ... end", "coroutine.create(print)",
    "coroutine.create(function(...) coroutine.yield(...) end)", "newproxy(true)",
    "string.gmatch('a b', '%a')", "math.huge", "-math.huge",
]
FUNCS = [
    "type", "tostring", "tonumber", "select", "unpack", "next", "rawget", "rawset", "rawequal",
    "rawlen", "ipairs", "pairs", "setmetatable", "getmetatable", "pcall", "xpcall", "error",
    "assert", "loadstring", "getfenv", "setfenv", "collectgarbage",
    "string.byte", "string.char", "string.find", "string.format", "string.gmatch",
    "string.gsub", "string.len", "string.lower", "string.match", "string.rep",
    "string.reverse", "string.sub", "string.upper", "string.dump",
    "table.concat", "table.insert", "table.remove", "table.sort", "table.maxn",
    "table.getn", "table.foreach", "math.floor", "math.fmod", "math.max", "math.min",
    "math.random", "math.frexp", "math.ldexp", "math.modf", "coroutine.resume",
    "coroutine.wrap", "coroutine.status", "coroutine.yield", "coroutine.running",
]
OPS = ["+", "-", "*", "/", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=", "and", "or"]


def mutate(src: bytes, rng: random.Random) -> bytes:
    b = bytearray(src[:4000])
    for _ in range(rng.randint(1, 4)):
        if not b:
            b += rng.choice(TOKENS)
            continue
        i = rng.randrange(len(b))
        kind = rng.randrange(5)
        if kind == 0:
            del b[i : i + rng.randint(1, 8)]
        elif kind == 1:
            b[i:i] = rng.choice(TOKENS)
        elif kind == 2:
            j = rng.randrange(len(b))
            b[i], b[j] = b[j], b[i]
        elif kind == 3:
            b[i] = rng.randrange(256)
        else:
            k = rng.randrange(len(b))
            b[i:i] = b[k : k + rng.randint(1, 20)]
    return bytes(b)


def random_program(rng: random.Random) -> bytes:
    lines = []
    for _ in range(rng.randint(1, 8)):
        v = [rng.choice(VALUES) for _ in range(3)]
        kind = rng.randrange(6)
        if kind == 0:
            lines.append(f"local a, b = {v[0]}, {v[1]}; print(pcall(function() return a {rng.choice(OPS)} b end))")
        elif kind == 1:
            args = "".join(", " + x for x in v[: rng.randint(0, 3)])
            lines.append(f"print(pcall({rng.choice(FUNCS)}{args}))")
        elif kind == 2:
            args = ", ".join(v[: rng.randint(0, 3)])
            lines.append(f"pcall(function() {rng.choice(FUNCS)}({args}) end)")
        elif kind == 3:
            lines.append(f"local t = {v[0]}; t[{v[1]}] = {v[2]}; print(#t, t[{v[1]}])")
        elif kind == 4:
            lines.append(f"for k, x in pairs({v[0]}) do print(k, x) end")
        else:
            lines.append(f"print(({v[0]}):rep(2), -({v[1]}), #({v[2]}), ({v[0]})({v[1]}))")
    return "\n".join(lines).encode()


def run_one(src: bytes) -> str:
    out = io.BytesIO()
    L = Lua(sandbox=True, stdout=out, stderr=out, stdin=io.BytesIO(b""))
    try:
        fn = L.load(src, b"=fuzz")
    except LuaError:
        return "syntax"
    L.start(fn)
    st = L.run(BUDGET)
    if st == PAUSED:
        st = L.run(BUDGET)
    assert st in (FINISHED, ERROR, RUNNING), st
    if st == ERROR:
        assert isinstance(L.host_error, LuaError)
    return st


def cases(seed: int, n: int):
    rng = random.Random(seed)
    corpus = [p.read_bytes() for p in CORPUS]
    for i in range(n):
        if i % 2 == 0 and corpus:
            yield mutate(rng.choice(corpus), rng)
        else:
            yield random_program(rng)


@pytest.mark.parametrize("seed", range(8))
def test_no_python_exception_escapes(seed):
    seen = {"syntax": 0, FINISHED: 0, ERROR: 0, RUNNING: 0}
    for src in cases(seed, 400):
        try:
            seen[run_one(src)] += 1
        except LuaError:
            raise
        except Exception as e:  # pragma: no cover - a failure explains itself
            pytest.fail(f"{type(e).__name__}: {e}\n--- program ---\n{src.decode('latin-1')}")
    # the generator really exercises all three endings
    assert seen["syntax"] and seen[FINISHED] and seen[ERROR], seen
