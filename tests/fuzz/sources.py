"""Lua source for the fuzzer: the corpus programs mutated token by token.

The corpus is tests/lua/**.lua and tests/luac/*.lua.  A program is split
into Lua tokens (names, numbers, strings, long brackets, comments,
operators, blanks) and a few of them are deleted, repeated, swapped,
replaced by another token (of the program or of Lua's vocabulary) or
joined by a new one.
"""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent

_TOKEN = re.compile(
    rb"""--\[(=*)\[.*?\]\1\]|--[^\n]*|\[(=*)\[.*?\]\2\]"""  # long comments, comments, long strings
    rb"""|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'"""  # quoted strings
    rb"""|0[xX][0-9a-fA-F]+|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?"""  # numbers
    rb"""|[A-Za-z_][A-Za-z0-9_]*|\.\.\.|\.\.|==|~=|<=|>=|\s+|.""",
    re.S,
)

VOCABULARY = [
    b" ", b"\n", b"(", b")", b"{", b"}", b"[", b"]", b"=", b"==", b"~=", b"..", b"...", b",",
    b";", b":", b".", b"#", b"-", b"+", b"*", b"/", b"%", b"^", b"<", b"<=", b">", b">=",
    b"and", b"or", b"not", b"nil", b"true", b"false", b"local", b"function", b"end", b"if",
    b"then", b"else", b"elseif", b"while", b"do", b"for", b"in", b"return", b"break",
    b"repeat", b"until", b"x", b"t", b"f", b"self", b"_G", b"0", b"1", b"-1", b"2^53",
    b"1e308", b"0/0", b"'s'", b'"\\0"', b"[[long]]", b"print", b"error", b"pcall",
    b"setmetatable", b"getmetatable", b"coroutine.wrap", b"coroutine.yield", b"string.rep",
    b"string.format", b"string.find", b"string.gsub", b"table.concat", b"table.sort",
    b"table.insert", b"unpack", b"select", b"select('#', ...)", b"tostring", b"tonumber",
    b"loadstring", b"next", b"pairs", b"ipairs", b"rawset", b"rawget", b"type", b"{}",
    b"function() end", b"setfenv", b"getfenv", b"collectgarbage", b"math.huge", b"string.dump",
]  # fmt: skip


KEYWORDS = {b"and", b"break", b"do", b"else", b"elseif", b"end", b"false", b"for",
            b"function", b"if", b"in", b"local", b"nil", b"not", b"or", b"repeat", b"return",
            b"then", b"true", b"until", b"while"}  # fmt: skip
NUMBERS = [b"0", b"1", b"-1", b"2", b"3.5", b"1e308", b"2^53", b"(0/0)", b"(1/0)", b"0x7fffffff",
           b"2^31", b"-2^63", b"1e-300", b"255", b"256", b"65536"]  # fmt: skip
STRINGS = [b"''", b"'a'", b"'10'", b"'0x10'", b"'%d'", b"'%s'", b"'%'", b"'[a-'", b"'(()'",
           b"'\\0'", b"'%a+'", b"'.-'", b"'x y'", b"('x'):rep(100)"]  # fmt: skip
BINARY = [b"+", b"-", b"*", b"/", b"%", b"^", b"..", b"==", b"~=", b"<", b"<=", b">", b">=",
          b"and", b"or"]  # fmt: skip


def _kind(tok: bytes) -> str:
    c = tok[:1]
    if tok in KEYWORDS:
        return "binary" if tok in (b"and", b"or") else "keyword"
    if c.isalpha() or c == b"_":
        return "name"
    if c.isdigit() or (c == b"." and tok[1:2].isdigit()):
        return "number"
    if c in (b"'", b'"') or tok.startswith(b"[["):
        return "string"
    if tok in BINARY:
        return "binary"
    return "other"


def _like(rng: random.Random, tok: bytes, toks: list[bytes]) -> bytes:
    """A token of the same kind: the program stays valid Lua more often."""
    kind = _kind(tok)
    if kind == "name":
        names = [t for t in toks if _kind(t) == "name"]
        return rng.choice(names + [b"print", b"x", b"t", b"self", b"_G", b"string", b"nil"])
    if kind == "number":
        return rng.choice(NUMBERS)
    if kind == "string":
        return rng.choice(STRINGS)
    if kind == "binary":
        return b" %s " % rng.choice(BINARY)
    return rng.choice(VOCABULARY)


@cache
def corpus() -> tuple[bytes, ...]:
    files = sorted((TESTS / "lua").rglob("*.lua")) + sorted((TESTS / "luac").glob("*.lua"))
    return tuple(p.read_bytes() for p in files)


def tokens(src: bytes) -> list[bytes]:
    return [m.group() for m in _TOKEN.finditer(src)]


def mutate_source(rng: random.Random, src: bytes) -> bytes:
    toks = tokens(src)
    if not toks:
        toks = [rng.choice(VOCABULARY)]
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        i = rng.randrange(len(toks))
        r = rng.random()
        if r < 0.75:  # a name, number, string or operator by another of its kind
            for _ in range(8):
                if _kind(toks[i]) in ("name", "number", "string", "binary"):
                    toks[i] = _like(rng, toks[i], toks)
                    break
                i = rng.randrange(len(toks))
            continue
        r = (r - 0.75) * 4
        if r < 0.2:
            del toks[i : i + rng.choice([1, 1, 1, 2, 4])]
        elif r < 0.35:
            toks[i:i] = toks[i : i + rng.choice([1, 1, 2, 6])]
        elif r < 0.5:
            j = rng.randrange(len(toks))
            toks[i], toks[j] = toks[j], toks[i]
        elif r < 0.7:
            toks[i] = rng.choice(toks)
        elif r < 0.9:
            toks[i] = rng.choice(VOCABULARY)
        else:
            toks[i:i] = [rng.choice(VOCABULARY), b" "]
        if not toks:
            toks = [rng.choice(VOCABULARY)]
    return b"".join(toks)


def source_case(rng: random.Random) -> bytes:
    """One program for the ``mutate`` kind."""
    return mutate_source(rng, rng.choice(corpus()))


__all__ = ["corpus", "mutate_source", "source_case", "tokens"]
