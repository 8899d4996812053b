"""The compiler (lexer, parser, code generator) against luac5.1.

The oracle is ``luac5.1 -o``: for each program we serialise our Proto in
luac's binary format and compare the bytes, which covers instructions,
constants, line info, local variable ranges, upvalue names and every
header field at once.  For broken programs we compare the error message
with what ``luac5.1 -p`` prints.  A few checks do not need luac at all.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from pylua.chunk import loadfile
from pylua.errors import LuaSyntaxError
from pylua.parser import compile, compile_steps

LUAC = shutil.which("luac5.1")
needs_luac = pytest.mark.skipif(LUAC is None, reason="luac5.1 not installed")
SUITE = Path("/work/lua51-tests/test/PUC-Rio-Lua-5.1-tests")

_HEADER = bytes([0x1B, 0x4C, 0x75, 0x61, 0x51, 0x00, 0x01, 0x04, 0x08, 0x04, 0x08, 0x00])


def ldump(f) -> bytes:
    """ldump.c for x86_64 luac, kept here so the test checks the compiler alone."""
    out = bytearray(_HEADER)

    def dint(x):
        out.extend(struct.pack("<i", x))

    def dstr(s):
        if s is None:
            out.extend(struct.pack("<Q", 0))
        else:
            out.extend(struct.pack("<Q", len(s) + 1) + s + b"\0")

    def dfunc(f, parent_source):
        dstr(None if f.source == parent_source else f.source)
        dint(f.linedefined)
        dint(f.lastlinedefined)
        out.extend(bytes([f.nups, f.numparams, f.is_vararg, f.maxstacksize]))
        dint(len(f.code))
        out.extend(struct.pack("<%dI" % len(f.code), *f.code))
        dint(len(f.k))
        for k in f.k:
            if k is None:
                out.append(0)
            elif isinstance(k, bool):
                out.extend((1, int(k)))
            elif isinstance(k, float):
                out.append(3)
                out.extend(struct.pack("<d", k))
            else:
                assert isinstance(k, bytes), repr(k)
                out.append(4)
                dstr(k)
        dint(len(f.p))
        for p in f.p:
            dfunc(p, f.source)
        dint(len(f.lineinfo))
        out.extend(struct.pack("<%di" % len(f.lineinfo), *f.lineinfo))
        dint(len(f.locvars))
        for lv in f.locvars:
            dstr(lv.varname)
            dint(lv.startpc)
            dint(lv.endpc)
        dint(len(f.upvalues))
        for u in f.upvalues:
            dstr(u)

    dfunc(f, None)
    return bytes(out)


def luac_result(directory: Path, name: str) -> tuple[bytes | None, str | None]:
    """(binary chunk, None) or (None, error message) from luac5.1 run in directory."""
    r = subprocess.run(
        [LUAC, "-o", "/dev/stdout", name],
        cwd=directory,
        capture_output=True,
    )
    if r.returncode:
        return None, r.stderr.decode("latin-1").strip().removeprefix(LUAC + ": ")
    return r.stdout, None


def our_result(directory: Path, name: str) -> tuple[bytes | None, str | None]:
    try:
        with contextlib.chdir(directory):  # luaL_loadfile, as luac reads it
            proto = loadfile(name, compile)
    except LuaSyntaxError as e:
        # luac prints the message with %s: it stops at a NUL byte
        return None, e.value.split(b"\0")[0].decode("latin-1")
    return ldump(proto), None


def assert_same_as_luac(tmp_path: Path, source: bytes | str, name: str = "t.lua") -> None:
    if isinstance(source, str):
        source = source.encode()
    (tmp_path / name).write_bytes(source)
    theirs = luac_result(tmp_path, name)
    ours = our_result(tmp_path, name)
    if theirs[1] is not None or ours[1] is not None:
        assert ours[1] == theirs[1], "error messages differ"
    assert ours[0] == theirs[0], "binary chunks differ"


# -- programs that compile --------------------------------------------------------

PROGRAMS = {
    "locals": "local a, b = 1, 2\nlocal c\nlocal d, e = f()\nlocal g, h, i = 1",
    "globals": "x = y\ny = z.w\nz.w = x\nlocal a = x.y.z.w",
    "nil_merge": "local a, b, c\nlocal d = nil\nlocal e, f = nil, nil\na, b = nil\nlocal g; local h\nx = nil; local i = nil",
    "arith": "local a, b\nlocal c = a + b * (a - b) / (a % b) ^ -a\nlocal d = -a + #b\nlocal e = (a + 1) * (b + 2)",
    "precedence": "x = 1 + 2 * 3 ^ 2 ^ 2 .. 'a' .. 'b' == 4 and not y or z < -w",
    "fold": "local a = 1/0, -1/0, 0/0, 5%0, 2^0.5, (-2)^0.5, -2^0.5, 5%-3, -5%3, -0, 0*-1, "
    "1e308*10, 2^1024, 0^-1, (-0)^-1, (-8)^(1/3), 10%3.5, -(-0), 1e308 % 1e-308",
    # one function per fold: each result gets a constant table of its own,
    # where a -0 cannot hide behind an earlier 0
    "fold_pairs": "\n".join(
        "f = function() return %s %s %s end" % (a, op, b)
        for a in ("0", "-0", "1", "-1", "0.5", "-0.5", "3", "1e308", "1e309", "-1e309", "4.9e-324")
        for b in ("0", "-0", "1", "-1", "0.5", "-0.5", "3", "1e308", "1e309", "-1e309", "4.9e-324")
        for op in ("+", "-", "*", "/", "%", "^")
    ),
    "fold_no_len": "local a = #'abc', -'2', - -3, not 1, not nil",
    "zero_slots": "print(-0, 0)\nprint(0, -0)\nlocal x = 1 - 1",
    "const_kinds": "local a, b, c, d = 1, true, 1.0, 'x'\nlocal t = {true, 1, [true] = 1, [1] = true, [false] = 0}\nt[nil] = nil",
    "numerals": "local a = {0x1F, 0x1p4, 1e10, 1E+5, .5, 5., 08, 1e400, 0xffffffffffffffffffff, "
    "0X7fffffff, 0x1P-2, 3e-2, 4294967296, 9007199254740993, 4.9e-324, 0xABCDEFabcdef}",
    "strings": r"""local s = {"a\tb\n", 'q\'q', "\65\066\0677", "\x", "\?", "\0", "\255", "a\
b", [==[x]]y]=]z]==], [[
first newline skipped]], [[

two]], "\9\99"}""",
    "long_string_newlines": "local s = [[a\r\nb\n\rc\r\rd\n\ne]]\nlocal t = 1",
    "crlf": "local a = 1\r\nlocal b = 2\r\n\r\nlocal c\n\rreturn a\r\r",
    "comments": "--[==[ long\ncomment ]==] x = 1 -- short\n--[ not long\n--[=x not long\n--[[x]] y = 2\n--",
    "rk_overflow": "local t = {}\n"
    + "".join("t[%d] = %d\n" % (i, i + 1000) for i in range(300))
    + "t.x = t.y + 1\nlocal a = t[1] == 5 or t.q < 300\nlocal b = t.z + 1.5, nil, true",
    "setlist": "local t = {" + ", ".join(str(i) for i in range(120)) + "}\n"
    "local u = {" + ", ".join(str(i) for i in range(100)) + ", f()}\n"
    "local v = {1, 2, ...}\nlocal w = {f(), g()}",
    "setlist_c_overflow": "local t = {" + ", ".join(str(i % 7) for i in range(26000)) + "}",
    "newtable_sizes": "\n".join(
        "local t%d = {%s}" % (n, ", ".join(["1"] * n + ["x=1"] * (n // 2)))
        for n in (0, 1, 7, 8, 15, 16, 17, 31, 33, 100, 255, 1000)
    ),
    "constructor_mix": "local t = {1, a = 2, [3] = 4; 'x', b = {c = {}}, f(), [g()] = h(),}",
    "logic": "local a, b, c\nlocal x = a and b or c\nlocal y = (a or b) and (c or a)\n"
    "local z = not (a and b)\nif a and (b or c) and not (a == b) then x = 1 "
    "elseif a ~= b or c <= a then x = 2 end\nlocal w = a == 1 and 2 or 3\n"
    "local v = (a > b) == (b >= c)\nreturn a or b, (a and b), not a",
    "logic_consts": "local a = x or true\nlocal b = x and nil\nlocal c = nil and x\nlocal d = false or x\n"
    "local e = 1 and x or false\nf = not not x\nif not x then end\nif nil then end\n"
    "if true then end\nwhile false do end\nrepeat until nil\nrepeat until 1",
    "compare_consts": "if x == nil then end\nif nil == x then end\nif 1 == x then end\n"
    "if 'a' < x then end\nif x > 1 then end\nif x >= 2 then end\nif 1 < 2 then end",
    "concat": "local a = b .. c .. d .. (e .. f) .. g\nlocal h = 1 .. 2\nlocal i = a .. b .. 'c' .. 1",
    "loops": "for i = 1, 3 do local function f() return i end end\n"
    "for k, v in pairs(t) do local g = function() return k end break end\n"
    "while true do local x; local f = function() return x end; if x then break end end\n"
    "repeat local y = 1; local f = function() return y end until y\n"
    "for i = 10, 1, -1 do end\nfor i = a, b do for j = i, 3 do end end\n"
    "for a, b, c, d in next, t do end",
    "break_close": "while x do local a; f = function() return a end; do local b; "
    "g = function() return b end; break end end",
    "closures": "local a = 1\nlocal function f()\n local b = 2\n"
    " return function() a = a + b; return function() return a, b end end\nend\nreturn f",
    "upvalues_60": "local "
    + ", ".join("u%d" % i for i in range(60))
    + "\nfunction f() return "
    + ", ".join("u%d" % i for i in range(60))
    + " end",
    "methods": "local o = {}\nfunction o:m(a) return self, a end\no:m(1):m(2).x:y 'z' {1}\n"
    "local s = ('x'):rep(3)\na.b.c:d(1, 2, ...)\nfunction a.b.c:e() end",
    "calls_and_tails": "return f(x)",
    "returns": "function f() return (g(x)) end\nfunction h() return g(x), 1 end\n"
    "function k(...) return ... end\nfunction l() return g(x) end\nfunction m() return end\n"
    "function n() return; end\nfunction o(a, b) return a, b end",
    "varargs": "function f(...) return arg end\nfunction g(...) return ... end\n"
    "function h(a, ...) local x = select('#', ...) end\nfunction k(...) local arg = 1 end\n"
    "local a, b = ...\nlocal t = {...}\nf(...)",
    "assign_conflicts": "local a, b = {}, 1\na[b], b = 1, 2\nb, a[b] = 3, 4\na.x, a = 1, 2\n"
    "local t; t, t[1], t[2] = 1, 2, 3",
    "assign_adjust": "a, b, c = f()\na, b = 1, 2, 3\na, b, c = 1\nlocal x, y = f(), g()\na.b, c[d] = ...",
    "locals_200": "local " + ", ".join("v%d" % i for i in range(200)),
    "registers_247": "f(" + ", ".join("x" for _ in range(247)) + ")",
    "depth_ok": "x = " + "(" * 197 + "1" + ")" * 197 + "\n" + "do " * 198 + "end " * 198,
    "deep_binary": "x = " + " + ".join(["a"] * 1000),
    "empty": "",
    "semicolons": "local a = 1; local b = 2; f();",
    "ambiguous_ok": "local f = print\nf(1);\n(f)(2)",
    "shebang": "#!/usr/bin/lua\nprint(1)",
    "nul_as_dot": "x = a.\0b",
    "funcline": "local function f(\na,\nb)\nreturn\na\nend\nfunction\ng\n.\nh\n(\n)\nend",
}


@needs_luac
@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_program_matches_luac(tmp_path, name):
    assert_same_as_luac(tmp_path, PROGRAMS[name])


# -- programs that do not ----------------------------------------------------------

ERRORS = {
    "eq_expected": b"x y",
    "unexpected": b"x = = 1",
    "ambiguous": b"local f = print\nf\n(1)",
    "no_loop": b"do break end",
    "vararg_outside": b"function f(a, ...) local function g() return ... end end",
    "close_function": b"function f()\n\nreturn 1",
    "close_if_same_line": b"if x then",
    "name_expected": b"local 1 = 2",
    "funcargs": b"local a = b:c d",
    "for_eq_or_in": b"for i do end",
    "parlist": b"function f(a, 1) end",
    "assign_to_call": b"f() = 1",
    "assign_to_paren": b"(a) = 1",
    "unfinished_string_eof": b'x = "abc',
    "unfinished_string_newline": b'x = "abc\ny"',
    "unfinished_string_escape": b'x = "abc\\',
    "escape_too_large": b'x = "ab\\256"',
    "unfinished_long_string": b"x = [[abc\n\n",
    "unfinished_long_comment": b"--[==[ comment\n\n",
    "nesting": b"x = [[ a\n [[ b ]]",
    "nesting_in_comment": b"--[[ a\n [[ b ]]",
    "invalid_delimiter": b"x = [==x",
    "malformed_dots": b"x = 3..2",
    "malformed_hex": b"x = 0x",
    "malformed_exp": b"x = 1e+",
    "malformed_suffix": b"x = 3in",
    "malformed_hex_float": b"x = 0x1.8",
    "control_char": b"x = \x01",
    "high_byte": b"x = \xe9",
    "nul_byte": b"x = \x00",
    "tilde": b"x = a ~ b",
    "eof": b"local function",
    "double_semicolon": b"x = 1;;",
    "after_return": b"return 1 x = 2",
    "string_near": b"x 'a\\0b' 1",
    "long_string_near": b"x [==[a\nb]==] 1",
    "long_string_near_first_newline": b"x = a.[=[\nkey]=]",
    "number_near": b"x 1.5e3",
    "close_paren_other_line": b"x = (1\n\n+ 2",
    "close_brace": b"x = {1, 2\n\n",
    "elseif_after_else": b"if a then else elseif b then end",
    "method_field": b"function a.b:c.d() end",
    "crlf_lines": b"x = 1\r\ny = 2\r\n\r\nz = = 3",
    "lfcr_lines": b"x = 1\n\ry = 2\n\r\n\rz = = 3",
    "cr_lines": b"x = 1\ry = 2\r\rz = = 3",
    "string_newlines": b"x = 'a\\\nb\\\r\nc' = 3",
    "long_string_lines": b"x = [[\na\r\nb\n\rc\r\rd]] = 3",
    "shebang_lines": b"#!/usr/bin/lua\nprint(1) x = = 2",
    "locals_201": ("local " + ", ".join("v%d" % i for i in range(201))).encode(),
    "locals_201_in_function": (
        "function f()\n local " + ", ".join("v%d" % i for i in range(201)) + "\nend"
    ).encode(),
    "upvalues_61": (
        "local "
        + ", ".join("u%d" % i for i in range(100))
        + "\nlocal function g()\nfunction f() return "
        + ", ".join("u%d" % i for i in range(61))
        + " end end"
    ).encode(),
    "too_complex": ("local t = {f(" + ", ".join("x" for _ in range(249)) + ")}").encode(),
    "levels_paren": ("x = " + "(" * 198 + "1" + ")" * 198).encode(),
    "levels_do": ("do " * 199 + "end " * 199).encode(),
    "levels_function": ("f = function() " * 100 + "end " * 100).encode(),
    "levels_concat": ("x = " + " .. ".join(["a"] * 199)).encode(),
    "levels_unary": ("x = " + "not " * 250 + "1").encode(),
    "levels_deep": ("x = " + "{" * 5000 + "}" * 5000).encode(),
    "assign_variables": (", ".join("a%d" % i for i in range(200)) + " = 1").encode(),
    "assign_variables_fn": (
        "function f() " + ", ".join("a%d" % i for i in range(199)) + " = 1 end"
    ).encode(),
}


@needs_luac
@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_matches_luac(tmp_path, name):
    (tmp_path / "e.lua").write_bytes(ERRORS[name])
    theirs = luac_result(tmp_path, "e.lua")
    assert theirs[1] is not None, "the snippet should not compile"
    assert our_result(tmp_path, "e.lua")[1] == theirs[1]


# -- random programs -------------------------------------------------------------


class RandomProgram:
    """Small random Lua programs: every statement form, nested expressions."""

    BINOPS = ["+", "-", "*", "/", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=", "and", "or"]
    ATOMS = ["0", "1", "-1", "0.5", "1e300", "255", "-0", "'s'", "nil", "true", "false"]

    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.depth = 0

    def expr(self, scope, d=0):
        r = self.r.random()
        if d > 3 or r < 0.35:
            if self.r.random() < 0.5 and scope:
                return self.r.choice(scope)
            return self.r.choice(self.ATOMS + ["g", "t.x"])
        if r < 0.65:
            return "%s %s %s" % (
                self.expr(scope, d + 1),
                self.r.choice(self.BINOPS),
                self.expr(scope, d + 1),
            )
        if r < 0.72:
            return self.r.choice(["-", "not ", "#"]) + self.expr(scope, d + 1)
        if r < 0.8:
            return "(%s)" % self.expr(scope, d + 1)
        if r < 0.9:
            args = ", ".join(self.expr(scope, d + 1) for _ in range(self.r.randint(0, 3)))
            return self.r.choice(["f", "t.m", "t:m", "g[1]"]) + "(%s)" % args
        items = ", ".join(
            self.r.choice(["%s", "k = %s", "[%s] = 1"]) % self.expr(scope, d + 1)
            for _ in range(self.r.randint(0, 4))
        )
        return "{%s}" % items

    def block(self, scope, inloop=False):
        self.depth += 1
        scope = list(scope)
        out = []
        for _ in range(self.r.randint(0, 4) if self.depth < 5 else 0):
            r = self.r.random()
            e = self.expr(scope)
            if r < 0.15:
                names = ["l%d" % self.r.randint(0, 5) for _ in range(self.r.randint(1, 3))]
                out.append("local %s = %s" % (", ".join(names), e))
                scope += names
            elif r < 0.3:
                lhs = self.r.choice(scope + ["g", "t.x", "t[g]"])
                out.append("%s, t[1] = %s, %s" % (lhs, e, self.expr(scope)))
            elif r < 0.4:
                out.append(
                    "if %s then %s elseif %s then %s else %s end"
                    % (
                        e,
                        self.block(scope, inloop),
                        self.expr(scope),
                        self.block(scope, inloop),
                        self.block(scope, inloop),
                    )
                )
            elif r < 0.5:
                out.append("while %s do %s end" % (e, self.block(scope, True)))
            elif r < 0.58:
                out.append("repeat local r = 1 %s until %s" % (self.block(scope + ["r"], True), e))
            elif r < 0.66:
                out.append("for i = %s, 2 do %s end" % (e, self.block(scope + ["i"], True)))
            elif r < 0.74:
                out.append("for k, v in %s do %s end" % (e, self.block(scope + ["k", "v"], True)))
            elif r < 0.82:
                out.append("local function lf(p, ...) %s end" % self.block(scope + ["p", "lf"]))
                scope.append("lf")
            elif r < 0.88 and inloop:
                out.append("break")
                break
            else:
                out.append("f(%s)" % e)
        self.depth -= 1
        return "\n".join(out)


@needs_luac
@pytest.mark.parametrize("seed", range(40))
def test_random_program_matches_luac(tmp_path, seed):
    assert_same_as_luac(tmp_path, RandomProgram(seed).block([]) + "\n")


# -- the official test suite ----------------------------------------------------

SUITE_FILES = sorted(p.name for p in SUITE.glob("*.lua")) if SUITE.is_dir() else []


@needs_luac
@pytest.mark.skipif(not SUITE_FILES, reason="Lua 5.1 test suite not present")
@pytest.mark.parametrize("name", SUITE_FILES)
def test_suite_file_matches_luac(name):
    theirs = luac_result(SUITE, name)
    assert theirs[1] is None
    assert our_result(SUITE, name) == theirs


# -- without luac -------------------------------------------------------------------


def test_constants_are_floats_bytes_and_bools():
    # True == 1.0 in Python, yet they are two constants in Lua
    f = compile(b"local t = {}\nt[1] = true\nt[true] = 1\nt.x = 1", b"=t")
    assert f.k == [1.0, True, b"x"]
    assert type(f.k[0]) is float and f.k[1] is True and type(f.k[2]) is bytes


def test_zero_and_minus_zero_share_a_slot():
    f = compile(b"print(-0, 0)", b"=t")
    nums = [k for k in f.k if isinstance(k, float)]
    assert len(nums) == 1 and str(nums[0]) == "-0.0"


def test_no_nan_constant_is_folded():
    f = compile(b"local a = 0/0, (-2)^0.5, 5%0", b"=t")
    assert all(k == k for k in f.k)


def test_chunk_names_in_messages():
    with pytest.raises(LuaSyntaxError) as e:
        compile(b"x = = 1", b"x = = 1")
    assert e.value.value == b"[string \"x = = 1\"]:1: unexpected symbol near '='"
    with pytest.raises(LuaSyntaxError) as e:
        compile(b"local x\nx = = 1", b"local x\nx = = 1")
    assert e.value.value == b"[string \"local x...\"]:2: unexpected symbol near '='"
    with pytest.raises(LuaSyntaxError) as e:
        compile(b"x = 'abc", b"=stdin")
    assert e.value.value == b"stdin:1: unfinished string near '<eof>'"


def test_deep_nesting_is_a_lua_error_not_a_python_one():
    old = sys.getrecursionlimit()
    for src in (
        b"x = " + b"(" * 100000,
        b"x = " + b"{" * 100000,
        b"do " * 100000,
        b"x = " + b"- " * 100000 + b"1",
        b"f = function() " * 100000,
    ):
        with pytest.raises(LuaSyntaxError) as e:
            compile(src, b"=t")
        assert e.value.value == b"t:1: chunk has too many syntax levels"
    assert sys.getrecursionlimit() == old


def test_starting_depth_is_that_of_the_caller():
    # loadstring called from a main chunk parses one C level deeper than luac
    src = b"x = " + b"(" * 197 + b"1" + b")" * 197
    compile(src, b"=t")
    with pytest.raises(LuaSyntaxError):
        compile(src, b"=t", nCcalls=2)


def test_loadfile_skips_a_first_line_with_hash_keeping_line_numbers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def read(text: bytes):
        (tmp_path / "f.lua").write_bytes(text)
        return loadfile("f.lua", lambda data, chunkname: (data, chunkname))

    assert read(b"#!/bin/lua\nx = 1") == (b"\nx = 1", b"@f.lua")
    assert read(b"#") == (b"\n", b"@f.lua")
    assert read(b"x = 1\n#") == (b"x = 1\n#", b"@f.lua")
    assert read(b"\n#!x") == (b"\n#!x", b"@f.lua")
    (tmp_path / "f.lua").write_bytes(b"# comment\nx = = 1")
    with pytest.raises(LuaSyntaxError) as e:
        loadfile("f.lua", compile)
    assert e.value.value == b"f.lua:2: unexpected symbol near '='"


def test_line_info_and_locals():
    f = compile(b"local a = 1\n\nlocal b = a + g\nreturn b", b"=t")
    assert list(f.lineinfo) == [1, 3, 3, 4, 4]
    assert [(v.varname, v.startpc, v.endpc) for v in f.locvars] == [(b"a", 1, 4), (b"b", 3, 4)]
    assert (f.numparams, f.is_vararg, f.maxstacksize) == (0, 2, 2)


if __name__ == "__main__":
    sys.exit(pytest.main([os.path.abspath(__file__), "-q"]))


# -- compiling in steps -----------------------------------------------------------


def _compiled(run) -> tuple[bytes | None, bytes | None]:
    try:
        return ldump(run()), None
    except LuaSyntaxError as e:
        return None, e.value


def _in_steps(src: bytes, step: int = 1, name: bytes = b"=t") -> tuple:
    """compile_steps driven to the end: (its Proto, how many times it paused)."""
    steps = compile_steps(src, name, step=step)
    n = 0
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value, n
        n += 1


def _sources():
    for text in (*PROGRAMS.values(), *ERRORS.values()):
        yield text.encode() if isinstance(text, str) else text
    for seed in range(20):
        yield (RandomProgram(seed).block([]) + "\n").encode()
    yield from (b"x = " + b"(" * 100000, b"x = " + b"{" * 100000, b"do " * 100000)
    yield from (b"x = " + b"- " * 100000 + b"1", b"f = function() " * 100000)
    for path in sorted(Path(__file__).parent.glob("luac/**/*.lua")):
        yield path.read_bytes()
    for name in SUITE_FILES:
        yield (SUITE / name).read_bytes()


def test_compiling_in_steps_gives_what_compile_gives():
    """compile_steps runs the parser's functions as generators (paused here
    at every statement, field, operator and suffix): the same bytes, the
    same errors, at any depth."""
    old = sys.getrecursionlimit()
    n = 0
    for src in _sources():
        want = _compiled(lambda: compile(src, b"=t"))  # noqa: B023
        assert _compiled(lambda: _in_steps(src)[0]) == want, src[:200]  # noqa: B023
        n += 1
    assert n > 300 and sys.getrecursionlimit() == old


@pytest.mark.parametrize(
    "src",
    [
        b"return function() " + b"a = 1; " * 5000 + b"end",
        b"local t = {" + b"1, x = 2, [3] = 4, " * 3000 + b"}",
        b"x = 1" + b" + a * 2" * 5000,
        b"x = a" + b".b[1]:c()" * 3000,
        b"function a" + b".b" * 10000 + b"() end",
        b"if a then " + b"elseif a then " * 5000 + b"end",
    ],
)
def test_compiling_in_steps_pauses_inside_a_statement(src):
    """One statement of a big chunk (a function, a table constructor, a
    long expression...) is no longer one step."""
    p, n = _in_steps(src, 1 << 12)
    assert n >= len(src) >> 13
    assert ldump(p) == ldump(compile(src, b"=t"))
