"""Random Lua programs from a small grammar.

Statements (locals, assignments, if, while, numeric and generic for,
repeat, functions, returns, calls, pcall, do blocks) and expressions
(literals, locals and globals, operators, tables, closures, calls of the
libraries, methods, varargs, metatables, coroutines), nested to a bounded
depth, over a few names so that they meet.  Programs are valid Lua (save
for the rare 'break' or vararg out of place, which compile to an error).
"""

from __future__ import annotations

import random

LITERALS = [
    "nil", "true", "false", "0", "-0", "1", "2", "-1", "3.5", "2^53", "1/0", "-1/0", "0/0",
    "1e308", "''", "'a'", "'10'", "'0x1F'", "'abc'", "'%d'", "'%s'", "'%'", "'[a-'", "'\\0'",
    "'x y z'", "math.huge", "-math.huge", "math.pi",
]  # fmt: skip
LIBCALLS = [
    "type", "tostring", "tonumber", "select", "unpack", "next", "rawget", "rawset", "rawequal",
    "ipairs", "pairs", "setmetatable", "getmetatable", "pcall", "xpcall", "error", "assert",
    "loadstring", "getfenv", "setfenv", "collectgarbage", "print",
    "string.byte", "string.char", "string.find", "string.format", "string.gmatch",
    "string.gsub", "string.len", "string.lower", "string.match", "string.rep",
    "string.reverse", "string.sub", "string.upper", "string.dump",
    "table.concat", "table.insert", "table.remove", "table.sort", "table.maxn",
    "table.getn", "table.foreach", "table.foreachi", "math.floor", "math.ceil", "math.fmod",
    "math.max", "math.min", "math.abs", "math.sqrt", "math.random", "math.frexp",
    "math.ldexp", "math.modf", "math.log", "math.exp", "math.pow", "coroutine.resume",
    "coroutine.wrap", "coroutine.status", "coroutine.yield", "coroutine.running",
    "coroutine.create",
]  # fmt: skip
BINOPS = ["+", "-", "*", "/", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=", "and", "or"]
METAMETHODS = ["__index", "__newindex", "__call", "__add", "__sub", "__mul", "__concat",
               "__eq", "__lt", "__le", "__unm", "__len", "__tostring", "__mode", "__gc",
               "__metatable"]  # fmt: skip
GLOBALS = ["g1", "g2", "t", "f"]


class _Program:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.lines: list[str] = []
        self.nlocals = 0
        self.vararg = [True]  # is the function being written vararg (the main chunk is)

    # -- expressions ------------------------------------------------------

    def name(self, scope: list[str]) -> str:
        rng = self.rng
        if scope and rng.random() < 0.7:
            return rng.choice(scope)
        return rng.choice(GLOBALS)

    def exp(self, scope: list[str], d: int = 0) -> str:
        rng = self.rng
        r = rng.random()
        if d > 3 or r < 0.25:
            return rng.choice(LITERALS) if rng.random() < 0.5 else self.name(scope)
        if r < 0.45:
            op = rng.choice(BINOPS)
            return f"({self.exp(scope, d + 1)} {op} {self.exp(scope, d + 1)})"
        if r < 0.5:
            return f"{rng.choice(['-', 'not', '#'])} {self.exp(scope, d + 1)}"
        if r < 0.62:
            return self.call(scope, d + 1)
        if r < 0.7:
            return self.table(scope, d + 1)
        if r < 0.76:
            return self.function(scope, d + 1)
        if r < 0.82:
            return self.name(scope) + rng.choice([".x", ".n", "[1]", "['k']", "[2^31]"])
        if r < 0.86:
            return "..." if self.vararg[-1] else "nil"
        if r < 0.92:
            mm = rng.choice(METAMETHODS)
            return f"setmetatable({self.table(scope, d + 1)}, {{{mm} = {self.exp(scope, d + 1)}}})"
        if r < 0.96:
            return f"coroutine.wrap({self.function(scope, d + 1)})"
        return f"select('#'{self.more_args(scope, d + 1)})"

    def args(self, scope: list[str], d: int) -> str:
        return ", ".join(self.exp(scope, d) for _ in range(self.rng.choice([0, 1, 1, 2, 3])))

    def more_args(self, scope: list[str], d: int) -> str:
        """Arguments after a first one: "" or ", a, b"."""
        a = self.args(scope, d)
        return ", " + a if a else ""

    def call(self, scope: list[str], d: int) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.6:
            return f"{rng.choice(LIBCALLS)}({self.args(scope, d)})"
        if r < 0.8:
            return f"{self.name(scope)}({self.args(scope, d)})"
        if r < 0.9:
            return f"({self.exp(scope, d)}):{rng.choice(['rep', 'sub', 'byte', 'len', 'x', 'upper'])}({self.args(scope, d)})"
        return f"pcall({self.name(scope)}{self.more_args(scope, d)})"

    def table(self, scope: list[str], d: int) -> str:
        rng = self.rng
        items = []
        for _ in range(rng.choice([0, 1, 2, 3, 5])):
            r = rng.random()
            if r < 0.5:
                items.append(self.exp(scope, d + 1))
            elif r < 0.8:
                items.append(f"{rng.choice(['x', 'n', 'a', 'b'])} = {self.exp(scope, d + 1)}")
            else:
                items.append(f"[{self.exp(scope, d + 1)}] = {self.exp(scope, d + 1)}")
        if rng.random() < 0.1:
            items.append(rng.choice(["...", "f()", "unpack({1, 2, 3})"] if self.vararg[-1] else
                                    ["f()", "unpack({1, 2, 3})"]))  # fmt: skip
        return "{" + ", ".join(items) + "}"

    def function(self, scope: list[str], d: int) -> str:
        rng = self.rng
        params = [f"p{self.fresh()}" for _ in range(rng.choice([0, 1, 2]))]
        if rng.random() < 0.3:
            params.append("...")
        inner = scope + [p for p in params if p != "..."]
        self.vararg.append(params[-1:] == ["..."])
        body = self.block(inner, d + 1, rng.randint(0, 3), in_function=True)
        self.vararg.pop()
        return f"function({', '.join(params)}) {body} end"

    def fresh(self) -> int:
        self.nlocals += 1
        return self.nlocals

    # -- statements -------------------------------------------------------

    def block(self, scope: list[str], d: int, n: int, in_function=False, in_loop=False) -> str:
        scope = list(scope)
        out = []
        for _ in range(n):
            out.append(self.stat(scope, d, in_loop))
        if in_function and self.rng.random() < 0.5:
            out.append(f"return {self.args(scope, d)}")
        return "; ".join(out)

    def stat(self, scope: list[str], d: int, in_loop: bool) -> str:
        rng = self.rng
        r = rng.random()
        if d > 3:
            r *= 0.35
        if r < 0.15:
            v = f"l{self.fresh()}"
            s = f"local {v} = {self.exp(scope, d)}"
            scope.append(v)
            return s
        if r < 0.27:
            target = self.name(scope)
            if rng.random() < 0.3:
                target += rng.choice([".x", "[1]", ".n"])
            return f"{target} = {self.exp(scope, d)}"
        if r < 0.35:
            return self.call(scope, d)
        if r < 0.45:
            return (f"if {self.exp(scope, d)} then {self.block(scope, d + 1, 2, in_loop=in_loop)}"
                    f" else {self.block(scope, d + 1, 1, in_loop=in_loop)} end")  # fmt: skip
        if r < 0.52:
            v = f"i{self.fresh()}"
            lo, hi = rng.choice(["1", "0", "-2", "'1'", "x"]), rng.choice(["3", "0", "10", "1/0"])
            step = rng.choice(["", ", 1", ", -1", ", 0.5", ", 0"])
            return f"for {v} = {lo}, {hi}{step} do {self.block(scope + [v], d + 1, 2, in_loop=True)} end"
        if r < 0.58:
            k, v = f"k{self.fresh()}", f"v{self.fresh()}"
            it = rng.choice(["pairs", "ipairs", "next,"])
            src = self.exp(scope, d + 1)
            head = f"next, {src}" if it == "next," else f"{it}({src})"
            return f"for {k}, {v} in {head} do {self.block(scope + [k, v], d + 1, 2, in_loop=True)} end"
        if r < 0.63:
            c = f"c{self.fresh()}"
            return (f"local {c} = 0 while {c} < {rng.randint(0, 5)} do {c} = {c} + 1; "
                    f"{self.block(scope + [c], d + 1, 2, in_loop=True)} end")  # fmt: skip
        if r < 0.67:
            c = f"c{self.fresh()}"
            return (f"local {c} = 0 repeat {c} = {c} + 1; {self.block(scope + [c], d + 1, 1, in_loop=True)}"
                    f" until {c} > {rng.randint(0, 4)} or {self.exp(scope, d + 1)}")  # fmt: skip
        if r < 0.77:
            name = rng.choice(GLOBALS)
            fn = self.function(scope, d + 1)
            if rng.random() < 0.5:
                v = f"lf{self.fresh()}"
                scope.append(v)
                return f"local {v}; {v} = {fn}"
            return f"{name} = {fn}"
        if r < 0.85:
            self.vararg.append(True)
            body = self.block(scope, d + 1, 2, in_function=True)
            self.vararg.pop()
            return f"print(pcall(function(...) {body} end{self.more_args(scope, d)}))"
        if r < 0.88 and in_loop:
            return "do break end"
        if r < 0.93:
            return f"do {self.block(scope, d + 1, 2, in_loop=in_loop)} end"
        return f"print({self.args(scope, d)})"


def program(rng: random.Random) -> bytes:
    """A random program of a few statements."""
    p = _Program(rng)
    lines = []
    for _ in range(rng.randint(1, 8)):
        s = p.stat([], 0, False)
        # most statements in a pcall of their own, so that one error does
        # not end the program
        lines.append(f"print(pcall(function(...) {s} end))" if rng.random() < 0.7 else s)
    return ";\n".join(lines).encode()


def grammar_case(rng: random.Random) -> bytes:
    return program(rng)


__all__ = ["grammar_case", "program"]
