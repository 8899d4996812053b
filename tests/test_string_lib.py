"""Tests of the string library (pylua/lib/string.py, lstrpattern.py, lstrformat.py).

- ``CASES``: calls of the string functions with what lua5.1 returned for them
  (generated with lua5.1 5.1.5 on x86-64 and hard-coded, so they run without
  it), checked through the builtins with a minimal runtime, and the pattern
  functions through both engines (``re`` translation and the lstrlib port).
- Differential tests that run lua5.1 when it is installed: random patterns
  and subjects (both engines), and a grid of format specifications.
- End-to-end tests running Lua snippets through ``python -m pylua`` once the
  VM exists, compared with lua5.1's output.
"""

from __future__ import annotations

import math
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pylua.errors import LuaError
from pylua.lib import lstrformat, lstrpattern
from pylua.lib import string as lstring
from pylua.lib.aux import ArgError
from pylua.values import Acct

ROOT = Path(__file__).resolve().parent.parent
LUA51 = shutil.which("lua5.1")
needs_lua51 = pytest.mark.skipif(LUA51 is None, reason="lua5.1 is not installed")

nan = -abs(float("nan"))  # Lua's 0/0: the sign bit is set ("-nan")
inf = float("inf")


class _Print:
    """Stands for a C function (``print``) where a function argument is needed."""

    lua_type = "function"


PRINT = _Print()


class FakeL:
    """Just enough runtime for the string builtins: luaL_error without a
    position, and ``index`` honouring ``__index`` tables and functions."""

    acct = Acct()  # memory counted as a state counts it (no limit)

    string_meta = None

    def error(self, msg):
        return LuaError(msg if isinstance(msg, bytes) else msg.encode())

    def index(self, t, k):
        v = t.get(k)
        if v is None and getattr(t, "meta", None) is not None:
            h = t.meta.get(b"__index")
            if getattr(h, "lua_type", None) == "table":
                v = yield from self.index(h, k)
            elif h is not None:
                from pylua.values import Call

                res = yield Call(h, [t, k])
                v = res[0] if res else None
        return v


def drive(L, fn, args):
    """Call a builtin as the VM does: a generator function, or a result that
    is not a list (a generator), is driven; its Call requests run Builtins'
    Python code."""
    g = fn(L, list(args))
    if g is None or isinstance(g, (list, tuple)):
        return g
    send = None
    try:
        while True:
            req = g.send(send)
            send = list(drive(L, req.fn.fn, req.args) or [])
    except StopIteration as e:
        return e.value


FUNCS = dict((name, fn) for name, fn in lstring.FUNCS if fn is not None)


def call(name: str, args):
    """What pcall(string.<name>, ...) gives, as the generated cases spell it."""
    L = FakeL()
    try:
        if name == "gmatch":
            it = drive(L, FUNCS["gmatch"], args)[0]
            out = []
            while True:
                r = it.fn(L, [])
                if not r:
                    return ("iter", out)
                out.append(tuple((list(r) + [None, None, None])[:3]))
        return list(drive(L, FUNCS[name], args) or [])
    except ArgError as e:
        return ("error", b"bad argument #%d to '?' (%s)" % (e.narg, e.msg))
    except LuaError as e:
        return ("error", e.value)


def same(a, b) -> bool:
    """Equality where NaN equals NaN of the same sign and -0 differs from 0."""
    if isinstance(a, float) and isinstance(b, float):
        if a != a or b != b:
            return a != a and b != b and math.copysign(1, a) == math.copysign(1, b)
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


# (function, arguments, results) from lua5.1; ('error', message) for an
# error, ('iter', [captures...]) for what a gmatch loop saw (3 captures each).
CASES = [
    ("find", (b"hello world", b"o"), [5.0, 5.0]),
    ("find", (b"hello world", b"o", 6.0), [8.0, 8.0]),
    ("find", (b"hello world", b"o", -3.0), [None]),
    ("find", (b"hello", b"l+"), [3.0, 4.0]),
    ("find", (b"hello", b"xyz"), [None]),
    ("find", (b"hello", b""), [1.0, 0.0]),
    ("find", (b"hello", b"", 10.0), [6.0, 5.0]),
    ("find", (b"hello", b"", 6.0), [6.0, 5.0]),
    ("find", (b"hello", b"", -100.0), [1.0, 0.0]),
    ("find", (b"a.b", b".", 1.0, True), [2.0, 2.0]),
    ("find", (b"a.b", b"%."), [2.0, 2.0]),
    ("find", (b"a+b", b"+", 1.0, True), [2.0, 2.0]),
    ("find", (b"abc", b"a)"), [None]),
    ("find", (b"abc(", b"("), ("error", b"unfinished capture")),
    ("find", (b"x]y", b"]"), [2.0, 2.0]),
    ("find", (b"a\x00b\x00c", b"\x00c"), [4.0, 5.0]),
    ("find", (b"a\x00b", b"b", 1.0, 1.0), [3.0, 3.0]),
    ("find", (b"key = value", b"(%w+)%s*=%s*(%w+)"), [1.0, 11.0, b"key", b"value"]),
    ("find", (b"hello", b"()ll()"), [3.0, 4.0, 3.0, 5.0]),
    ("find", (b"hello", b"^h"), [1.0, 1.0]),
    ("find", (b"hello", b"^e"), [None]),
    ("find", (b"hello", b"o$"), [5.0, 5.0]),
    ("find", (b"hello$", b"o$"), [None]),
    ("find", (b"a$b", b"$b"), [2.0, 3.0]),
    ("find", (b"aaa", b"a-b"), [None]),
    ("find", (b"aaab", b"a-b"), [1.0, 4.0]),
    ("find", (b"", b"^$"), [1.0, 0.0]),
    ("find", (b"x", b"^$"), [None]),
    ("find", (12345.0, 34.0), [3.0, 4.0]),
    ("find", (b"f(a(b)c)d", b"%b()"), [2.0, 8.0]),
    ("find", (b"THE (quick) fox", b"%f[%a]%a+", 5.0), [6.0, 10.0]),
    ("find", (b"^abc", b"^^a"), [1.0, 2.0]),
    ("find", (b"abc", b"[a-"), ("error", b"malformed pattern (missing ']')")),
    ("find", (b"abc", b"[^"), ("error", b"malformed pattern (missing ']')")),
    ("find", (b"ab", b"%"), ("error", b"malformed pattern (ends with '%')")),
    ("find", (b"abc", b"b%"), ("error", b"malformed pattern (ends with '%')")),
    ("find", (b"xbc", b"x%"), ("error", b"malformed pattern (ends with '%')")),
    ("match", (b"hello world", b"%w+"), [b"hello"]),
    ("match", (b"hello world", b"(%w+) (%w+)"), [b"hello", b"world"]),
    ("match", (b"  trim  ", b"^%s*(.-)%s*$"), [b"trim"]),
    ("match", (b"2024-01-15", b"(%d+)-(%d+)-(%d+)"), [b"2024", b"01", b"15"]),
    ("match", (b"hello", b"()ll()"), [3.0, 5.0]),
    ("match", (b"hello", b".-"), [b""]),
    ("match", (b"hello", b".*"), [b"hello"]),
    ("match", (b"hello", b"l*"), [b""]),
    ("match", (b"hello", b"l+"), [b"ll"]),
    ("match", (b"hello", b"x?h"), [b"h"]),
    ("match", (b"[[long]]", b"%[(=*)%["), [b""]),
    ("match", (b"abcabc", b"(abc)%1"), [b"abc"]),
    ("match", (b"abcab", b"(abc)%1"), [None]),
    ("match", (b'say "hi" ok', b"([\"'])(.-)%1"), [b'"', b"hi"]),
    ("match", (b"abc", b"(a)(b)(c)"), [b"a", b"b", b"c"]),
    ("match", (b"abc", b"((a)(b))"), [b"ab", b"a", b"b"]),
    ("match", (b"abc", b"()"), [1.0]),
    ("match", (b"abc", b"()", 4.0), [4.0]),
    ("match", (b"abc", b"()", 10.0), [4.0]),
    ("match", (b"x = 10", b"(%a+)%s*=%s*(%d+)"), [b"x", b"10"]),
    ("match", (b"THE (quick) fox", b"%f[%a]%a+"), [b"THE"]),
    ("match", (b"hello.world", b"%.(.*)"), [b"world"]),
    ("match", (b"A1b2", b"%u%d%l%d"), [b"A1b2"]),
    ("match", (b"a\tb", b"%c"), [b"\t"]),
    ("match", (b"x!y", b"%p"), [b"!"]),
    ("match", (b"ff", b"%x+"), [b"ff"]),
    ("match", (b"z\x00z", b"%z"), [b"\x00"]),
    ("match", (b"abc", b"%Z+"), [b"abc"]),
    ("match", (b"a1 b2", b"%W"), [b" "]),
    ("match", (b"abc123", b"%D+"), [b"abc"]),
    ("match", (b"abc", b"[%a]+"), [b"abc"]),
    ("match", (b"a-b", b"[a%-]+"), [b"a-"]),
    ("match", (b"a]b", b"[]]"), [b"]"]),
    ("match", (b"a]b", b"[^]]+"), [b"a"]),
    ("match", (b"a^b", b"[%^]"), [b"^"]),
    ("match", (b"a^b", b"[b^]+"), [b"^b"]),
    ("match", (b"abc", b"[c-a]"), [None]),
    ("match", (b"\xe9t\xe9", b"%a+"), [b"t"]),
    ("match", (b"\xe9t\xe9", b"[\xe0-\xff]+"), [b"\xe9"]),
    ("match", (b"x", b"%g"), [None]),
    ("match", (b"G", b"%G"), [b"G"]),
    ("match", (b"hello", b"(h)(e)(l)(l)(o)"), [b"h", b"e", b"l", b"l", b"o"]),
    ("match", (b"aaa", b"(a*(.)%w(%s*))"), [b"aaa", b"a", b""]),
    ("match", (b"abc", b"(a"), ("error", b"unfinished capture")),
    ("match", (b"abc", b"a)"), ("error", b"invalid pattern capture")),
    ("match", (b"abc", b"%1"), ("error", b"invalid capture index")),
    ("match", (b"abc", b"(a%1)"), ("error", b"invalid capture index")),
    ("match", (b"abc", b"%0"), ("error", b"invalid capture index")),
    ("match", (b"abc", b"()%1"), [None]),
    ("match", (b"abc", b"%b"), ("error", b"unbalanced pattern")),
    ("match", (b"abc", b"%ba"), ("error", b"unbalanced pattern")),
    ("match", (b"abc", b"%f"), ("error", b"missing '[' after '%f' in pattern")),
    ("match", (b"abc", b"%fa"), ("error", b"missing '[' after '%f' in pattern")),
    ("match", (b"abc", b"[a"), ("error", b"malformed pattern (missing ']')")),
    ("match", (b"abc", b"[]"), ("error", b"malformed pattern (missing ']')")),
    ("match", (b"abc", b"[%"), ("error", b"malformed pattern (missing ']')")),
    ("match", (b"abc", b"(()"), ("error", b"unfinished capture")),
    ("match", (b"a", b"^a$"), [b"a"]),
    ("match", (b"a\n", b"^a$"), [None]),
    ("match", (b"end", b"%f[%z]"), [b""]),
    ("match", (b"x", b"%f[^%z]"), [b""]),
    ("match", (b"THE END", b"%f[%u]%u+$"), [b"END"]),
    ("match", (b"ab", b"a\x00b"), [b"a"]),
    ("match", (b"a\x00b", b"a%z"), [b"a\x00"]),
    ("match", (b"a(b(c)d)e", b"%b()"), [b"(b(c)d)"]),
    ("match", (b"((a)", b"%b()"), [b"(a)"]),
    ("match", (b"xyz", b"%bxz"), [b"xyz"]),
    ("match", (b"xx", b"%bxx"), [b"xx"]),
    ("gsub", (b"hello world", b"o", b"0"), [b"hell0 w0rld", 2.0]),
    ("gsub", (b"hello world", b"o", b"0", 1.0), [b"hell0 world", 1.0]),
    ("gsub", (b"hello world", b"o", b"0", 0.0), [b"hello world", 0.0]),
    ("gsub", (b"hello world", b"o", b"0", -1.0), [b"hello world", 0.0]),
    ("gsub", (b"hello world", b"(%w+)", b"<%1>"), [b"<hello> <world>", 2.0]),
    ("gsub", (b"hello world", b"%w+", b"%0 %0"), [b"hello hello world world", 2.0]),
    ("gsub", (b"hello", b"", b"-"), [b"-h-e-l-l-o-", 6.0]),
    ("gsub", (b"hello", b"x*", b"-"), [b"-h-e-l-l-o-", 6.0]),
    ("gsub", (b"abc", b"%w", b"%"), [b"\x00\x00\x00", 3.0]),
    ("gsub", (b"abc", b"%w", b"%%"), [b"%%%", 3.0]),
    ("gsub", (b"abc", b"%w", b"%a"), [b"aaa", 3.0]),
    ("gsub", (b"abc", b"%w", b"%2"), ("error", b"invalid capture index")),
    ("gsub", (b"abc", b"(%w)", b"%2"), ("error", b"invalid capture index")),
    ("gsub", (b"abc", b"%w", b"%1"), [b"abc", 3.0]),
    ("gsub", (b"abc", b"()", b"%1"), [b"1a2b3c4", 4.0]),
    ("gsub", (b"abc", b"(a", b"x"), [b"xbc", 1.0]),
    ("gsub", (b"abc", b"^a", b"x"), [b"xbc", 1.0]),
    ("gsub", (b"aaa", b"^a", b"x"), [b"xaa", 1.0]),
    ("gsub", (b"abc", b"^", b">"), [b">abc", 1.0]),
    ("gsub", (b"abc", b"$", b"<"), [b"abc<", 1.0]),
    ("gsub", (b"hello world", b"(o)", b"[%1]", 1.0), [b"hell[o] world", 1.0]),
    ("gsub", (b"a.b.c", b"%.", b"/"), [b"a/b/c", 2.0]),
    ("gsub", (b"a,b,,c", b",", b";"), [b"a;b;;c", 3.0]),
    ("gsub", (12.5, b"%.", b","), [b"12,5", 1.0]),
    ("gsub", (b"x", b"x", 1.5), [b"1.5", 1.0]),
    ("gsub", (b"abc", b"b", b"\\"), [b"a\\c", 1.0]),
    ("gsub", (b"abc", b"b", b"\\1"), [b"a\\1c", 1.0]),
    ("gsub", (b"abc", b"b*", b"X"), [b"XaXXcX", 4.0]),
    ("gsub", (b"abc", b"b-", b"X"), [b"XaXbXcX", 4.0]),
    ("gsub", (b"a b c", b"%s", b""), [b"abc", 2.0]),
    ("gsub", (b"abc", b".", b"%0%0", 2.0), [b"aabbc", 2.0]),
    ("gsub", (b"abc", b"%f[%w]", b"|"), [b"|abc", 1.0]),
    ("gsub", (b"THE (quick) (brown) fox", b"%b()", b"[]"), [b"THE [] [] fox", 2.0]),
    ("gsub", (b"abc", b"", b""), [b"abc", 4.0]),
    ("gsub", (b"", b"", b"x"), [b"x", 1.0]),
    ("gsub", (b"abc", b"x%", b"y"), [b"abc", 0.0]),
    ("gsub", (b"xbc", b"x%", b"y"), ("error", b"malformed pattern (ends with '%')")),
    ("gsub", (b"abc", b".", b"x", 2.5), [b"xxc", 2.0]),
    ("gsub", (b"abc", b".", b"x", 4294967297.0), [b"xbc", 1.0]),
    ("gsub", (b"hello", b"(l)(l)", b"%2%1"), [b"hello", 1.0]),
    ("gsub", (b"hello", b"l", b"%0\x00"), [b"hel\x00l\x00o", 2.0]),
    ("gsub", (b"a\x00b", b"%z", b"Z"), [b"aZb", 1.0]),
    ("gsub", (b"abc", b"a\x00", b"Z"), [b"Zbc", 1.0]),
    (
        "gmatch",
        (b"one two three", b"%a+"),
        ("iter", [(b"one", None, None), (b"two", None, None), (b"three", None, None)]),
    ),
    (
        "gmatch",
        (b"k1=v1, k2=v2", b"(%w+)=(%w+)"),
        ("iter", [(b"k1", b"v1", None), (b"k2", b"v2", None)]),
    ),
    (
        "gmatch",
        (b"abc", b""),
        ("iter", [(b"", None, None), (b"", None, None), (b"", None, None), (b"", None, None)]),
    ),
    (
        "gmatch",
        (b"abc", b"x*"),
        ("iter", [(b"", None, None), (b"", None, None), (b"", None, None), (b"", None, None)]),
    ),
    ("gmatch", (b"^a^a", b"^a"), ("iter", [(b"^a", None, None), (b"^a", None, None)])),
    ("gmatch", (b"hello", b"()l"), ("iter", [(3.0, None, None), (4.0, None, None)])),
    (
        "gmatch",
        (b"abc", b".-"),
        ("iter", [(b"", None, None), (b"", None, None), (b"", None, None), (b"", None, None)]),
    ),
    (
        "gmatch",
        (b"a,b,,c", b"([^,]*)"),
        (
            "iter",
            [
                (b"a", None, None),
                (b"", None, None),
                (b"b", None, None),
                (b"", None, None),
                (b"", None, None),
                (b"c", None, None),
                (b"", None, None),
            ],
        ),
    ),
    ("gmatch", (b"abc", b"%"), ("error", b"malformed pattern (ends with '%')")),
    ("gmatch", (b"xyz", b"a%"), ("iter", [])),
    ("gmatch", (b"f(a)(b(c))", b"%b()"), ("iter", [(b"(a)", None, None), (b"(b(c))", None, None)])),
    ("format", (b"%d", 3.0), [b"3"]),
    ("format", (b"%d", 3.99), [b"3"]),
    ("format", (b"%d", -3.99), [b"-3"]),
    ("format", (b"%d", 9.223372036854776e18), [b"-9223372036854775808"]),
    ("format", (b"%d", -9.223372036854776e18), [b"-9223372036854775808"]),
    ("format", (b"%d", nan), [b"-9223372036854775808"]),
    (
        "format",
        (b"%5d|%-5d|%05d|%+d|% d", 42.0, 42.0, 42.0, 42.0, 42.0),
        [b"   42|42   |00042|+42| 42"],
    ),
    (
        "format",
        (b"%.3d|%.0d|%#o|%#x|%#X|%#.0o", 7.0, 0.0, 8.0, 255.0, 255.0, 0.0),
        [b"007||010|0xff|0XFF|0"],
    ),
    (
        "format",
        (b"%x|%X|%o|%u", -1.0, 3735928559.0, 8.0, -1.0),
        [b"ffffffffffffffff|DEADBEEF|10|18446744073709551615"],
    ),
    ("format", (b"%x", 1.8446744073709552e19), [b"0"]),
    ("format", (b"%x", 1e300), [b"0"]),
    ("format", (b"%x", -1e300), [b"8000000000000000"]),
    ("format", (b"%x", inf), [b"0"]),
    ("format", (b"%x", -inf), [b"8000000000000000"]),
    ("format", (b"%u", 9.223372036854778e18), [b"9223372036854777856"]),
    ("format", (b"%c%c%c", 76.0, 117.0, 97.0), [b"Lua"]),
    ("format", (b"%c", 0.0), [b""]),
    ("format", (b"[%3c]", 0.0), [b"[  ]"]),
    ("format", (b"[%-3c]", 65.0), [b"[A  ]"]),
    ("format", (b"%c", 321.0), [b"A"]),
    ("format", (b"%c", -191.0), [b"A"]),
    ("format", (b"%c", 3000000000.0), [b""]),
    (
        "format",
        (b"%e|%E|%.3e", 12345.678, 12345.678, 0.0),
        [b"1.234568e+04|1.234568E+04|0.000e+00"],
    ),
    (
        "format",
        (b"%f|%.2f|%10.3f|%-10.1f|", 3.14159, 3.14159, 3.14159, 3.14159),
        [b"3.141590|3.14|     3.142|3.1       |"],
    ),
    (
        "format",
        (b"%g|%g|%g|%g|%G", 1e20, 1e-05, 100000.0, 1000000.0, 1e-20),
        [b"1e+20|1e-05|100000|1e+06|1E-20"],
    ),
    ("format", (b"%#g|%#.3g|%#x", 1.0, 1.0, 0.0), [b"1.00000|1.00|0"]),
    (
        "format",
        (b"%.14g|%.17g|%.20f", 0.1, 0.1, 0.1),
        [b"0.1|0.10000000000000001|0.10000000000000000555"],
    ),
    ("format", (b"%f|%e|%g", inf, -inf, nan), [b"inf|-inf|-nan"]),
    ("format", (b"%05f|%-6g|%+f|% G", inf, -inf, inf, nan), [b"  inf|-inf  |+inf|-NAN"]),
    (
        "format",
        (b"%5.1f|%05.1f|%+.0f|%.0f|%.0f", -2.25, 2.25, 2.5, 0.5, 1.5),
        [b" -2.2|002.2|+2|0|2"],
    ),
    (
        "format",
        (b"%99.99f", -1e308),
        [
            b"-100000000000000001097906362944045541740492309677311846336810682903157585404911491537163328978494688899061249669721172515611590283743140088328307009198146046031271664502933027185697489699588559043338384466165001178426897626212945177628091195786707458122783970171784415105291802893207873272974885715430223118336.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        ],
    ),
    (
        "format",
        (b"%.99f", 5e-324),
        [
            b"0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        ],
    ),
    ("format", (b"%s|%s|%s", b"x", 1.0, 1.5), [b"x|1|1.5"]),
    ("format", (b"%s", 1e100), [b"1e+100"]),
    ("format", (b"%s", -0.0), [b"-0"]),
    ("format", (b"%s", nan), [b"-nan"]),
    (
        "format",
        (b"[%5s][%-5s][%.2s][%5.1s][%.0s]", b"abc", b"abc", b"abc", b"abc", b"abc"),
        [b"[  abc][abc  ][ab][    a][]"],
    ),
    ("format", (b"[%s]", b"a\x00b"), [b"[a]"]),
    ("format", (b"[%5s]", b"a\x00b"), [b"[    a]"]),
    (
        "format",
        (
            b"[%s]",
            b"a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00",
        ),
        [
            b"[a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00]"
        ],
    ),
    (
        "format",
        (
            b"[%.200s]",
            b"a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00a\x00",
        ),
        ("error", b"invalid format (width or precision too long)"),
    ),
    (
        "format",
        (
            b"[%200s]",
            b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ),
        ("error", b"invalid format (width or precision too long)"),
    ),
    (
        "format",
        (
            b"[%3s]",
            b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ),
        [
            b"[xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx]"
        ],
    ),
    ("format", (b"%q", b'a\nb\rc\x00d"e\\f\x01\t\xad'), [b'"a\\\nb\\rc\\000d\\"e\\\\f\x01\t\xad"']),
    ("format", (b"%q", 0.3333333333333333), [b'"0.33333333333333"']),
    ("format", (b"%q", b""), [b'""']),
    ("format", (b"%q%q", b"x", b"y"), [b'"x""y"']),
    ("format", (b"%%|%5%|%",), ("error", b"bad argument #2 to '?' (no value)")),
    ("format", (b"100%%",), [b"100%"]),
    ("format", (b"no args",), [b"no args"]),
    ("format", (b"a\x00b%sc", b"X"), [b"a\x00bXc"]),
    ("format", (b"%",), ("error", b"bad argument #2 to '?' (no value)")),
    ("format", (b"%", 1.0), ("error", b"invalid option '%' to 'format'")),
    ("format", (b"abc%",), ("error", b"bad argument #2 to '?' (no value)")),
    ("format", (b"abc%", 1.0), ("error", b"invalid option '%' to 'format'")),
    ("format", (b"%y", 1.0), ("error", b"invalid option '%y' to 'format'")),
    ("format", (b"%y",), ("error", b"bad argument #2 to '?' (no value)")),
    ("format", (b"%F", 1.0), ("error", b"invalid option '%F' to 'format'")),
    ("format", (b"%i", 5.0), [b"5"]),
    ("format", (b"%ld", 5.0), ("error", b"invalid option '%l' to 'format'")),
    ("format", (b"%-----d", 5.0), [b"5"]),
    ("format", (b"%------d", 5.0), ("error", b"invalid format (repeated flags)")),
    ("format", (b"%100d", 5.0), ("error", b"invalid format (width or precision too long)")),
    ("format", (b"%.100f", 5.0), ("error", b"invalid format (width or precision too long)")),
    ("format", (b"%1.1.1f", 5.0), ("error", b"invalid option '%.' to 'format'")),
    ("format", (b"%5\x00d", 5.0), ("error", b"invalid option '%' to 'format'")),
    ("format", (b"%d %d", 1.0), ("error", b"bad argument #3 to '?' (no value)")),
    ("format", (b"%d", b"x"), ("error", b"bad argument #2 to '?' (number expected, got string)")),
    ("format", (b"%d", b"10"), [b"10"]),
    ("format", (b"%d", b" 0x10 "), [b"16"]),
    ("format", (b"%s", True), ("error", b"bad argument #2 to '?' (string expected, got boolean)")),
    ("format", (b"%q", None), ("error", b"bad argument #2 to '?' (string expected, got nil)")),
    ("format", (b"%d", None), ("error", b"bad argument #2 to '?' (number expected, got nil)")),
    ("format", (b"%s %s", b"a"), ("error", b"bad argument #3 to '?' (no value)")),
    ("format", (), ("error", b"bad argument #1 to '?' (string expected, got no value)")),
    ("format", (12.0,), [b"12"]),
    ("format", (b"%5.2s|", b"abc"), [b"   ab|"]),
    ("byte", (b"ABC",), [65.0]),
    ("byte", (b"ABC", 2.0), [66.0]),
    ("byte", (b"ABC", 1.0, -1.0), [65.0, 66.0, 67.0]),
    ("byte", (b"ABC", -1.0), [67.0]),
    ("byte", (b"ABC", 10.0), []),
    ("byte", (b"ABC", 0.0), []),
    ("byte", (b"ABC", -10.0, 10.0), [65.0, 66.0, 67.0]),
    ("byte", (b"ABC", 3.0, 1.0), []),
    ("byte", (b"",), []),
    ("byte", (b"ABC", 1.9), [65.0]),
    ("byte", (b"ABC", nan), []),
    ("byte", (b"ABC", 1.0, 9.223372036854776e18), []),
    ("byte", (123.0, 1.0, -1.0), [49.0, 50.0, 51.0]),
    ("byte", (b"\xad\x00",), [173.0]),
    ("char", (72.0, 105.0), [b"Hi"]),
    ("char", (), [b""]),
    ("char", (0.0, 255.0), [b"\x00\xff"]),
    ("char", (256.0,), ("error", b"bad argument #1 to '?' (invalid value)")),
    ("char", (-1.0,), ("error", b"bad argument #1 to '?' (invalid value)")),
    ("char", (65.9,), [b"A"]),
    ("char", (b"65",), [b"A"]),
    ("char", (b"x",), ("error", b"bad argument #1 to '?' (number expected, got string)")),
    ("char", (65.0, None), ("error", b"bad argument #2 to '?' (number expected, got nil)")),
    ("char", (4294967361.0,), [b"A"]),
    ("sub", (b"hello", 2.0), [b"ello"]),
    ("sub", (b"hello", 2.0, 3.0), [b"el"]),
    ("sub", (b"hello", -3.0), [b"llo"]),
    ("sub", (b"hello", -3.0, -2.0), [b"ll"]),
    ("sub", (b"hello", 0.0), [b"hello"]),
    ("sub", (b"hello", 10.0), [b""]),
    ("sub", (b"hello", 3.0, 2.0), [b""]),
    ("sub", (b"hello", -100.0, 100.0), [b"hello"]),
    ("sub", (b"hello", 9.223372036854776e18), [b"hello"]),
    ("sub", (b"hello", -9.223372036854776e18), [b"hello"]),
    ("sub", (b"hello", nan), [b"hello"]),
    ("sub", (b"hello",), ("error", b"bad argument #2 to '?' (number expected, got no value)")),
    ("sub", (b"hello", 2.7, 3.2), [b"el"]),
    ("sub", (b"hello", b"2"), [b"ello"]),
    ("sub", (b"hello", b"x"), ("error", b"bad argument #2 to '?' (number expected, got string)")),
    ("rep", (b"ab", 3.0), [b"ababab"]),
    ("rep", (b"ab", 0.0), [b""]),
    ("rep", (b"ab", -1.0), [b""]),
    ("rep", (b"", 5.0), [b""]),
    ("rep", (b"x", 2.9), [b"xx"]),
    ("rep", (b"x", 4294967298.0), [b"xx"]),
    ("rep", (b"x", nan), [b""]),
    ("rep", (b"x", 4294967299.0), [b"xxx"]),
    ("rep", (b"x",), ("error", b"bad argument #2 to '?' (number expected, got no value)")),
    ("rep", (5.0, 2.0), [b"55"]),
    ("len", (b"abc",), [3.0]),
    ("len", (b"",), [0.0]),
    ("len", (b"a\x00b",), [3.0]),
    ("len", (1000000000000000.0,), [5.0]),
    ("len", (10.0,), [2.0]),
    ("len", (None,), ("error", b"bad argument #1 to '?' (string expected, got nil)")),
    ("len", (True,), ("error", b"bad argument #1 to '?' (string expected, got boolean)")),
    ("lower", (b"HeLLo \x80\xc9",), [b"hello \x80\xc9"]),
    ("upper", (b"HeLLo \x80\xe9",), [b"HELLO \x80\xe9"]),
    ("upper", (1.5,), [b"1.5"]),
    ("reverse", (b"abc",), [b"cba"]),
    ("reverse", (b"",), [b""]),
    ("reverse", (b"a\x00b",), [b"b\x00a"]),
    ("dump", (None,), ("error", b"bad argument #1 to '?' (function expected, got nil)")),
    ("dump", (b"x",), ("error", b"bad argument #1 to '?' (function expected, got string)")),
    ("dump", (), ("error", b"bad argument #1 to '?' (function expected, got no value)")),
    ("dump", (PRINT,), ("error", b"unable to dump given function")),
    ("char", (65.0, None), ("error", b"bad argument #2 to '?' (number expected, got nil)")),
    ("sub", (b"hello", 2.0, None), [b"ello"]),
    ("find", (b"abc", b"b", None, None), [2.0, 2.0]),
]


def _needs_values(name, args):
    return name in ("gmatch", "gsub") or name == "dump"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_case(case):
    name, args, want = case
    if _needs_values(name, args):
        pytest.importorskip("pylua.values")
    got = call(name, args)
    assert same(got, want), (name, args, want, got)


PATTERN_CASES = [c for c in CASES if c[0] in ("find", "match", "gsub", "gmatch")]


@pytest.fixture(params=[True, False], ids=["re", "port"])
def engine(request, monkeypatch):
    """Run the pattern functions with the re translation, then without it."""
    monkeypatch.setattr(lstrpattern, "USE_RE", request.param)
    monkeypatch.setattr(lstrpattern, "RX_THRESHOLD", 0)
    monkeypatch.setattr(lstrpattern, "_cache", {})
    return request.param


def pure_call(name, args):
    """The pattern functions through lstrpattern alone (no runtime at all)."""
    s = args[0] if isinstance(args[0], bytes) else lstring_tostr(args[0])
    p = args[1] if isinstance(args[1], bytes) else lstring_tostr(args[1])
    try:
        if name in ("find", "match"):
            init = int(args[2]) if len(args) > 2 and args[2] is not None else 1
            plain = len(args) > 3 and args[3] not in (None, False)
            return lstrpattern.str_find_aux(s, p, init, plain, name == "find")
        if name == "gsub":
            repl = args[2] if isinstance(args[2], bytes) else lstring_tostr(args[2])
            mx = lstring_checkint(args[3]) if len(args) > 3 else len(s) + 1
            r, n = lstrpattern.gsub_string(s, p, repl, mx)
            return [r, float(n)]
        pat = lstrpattern.compile_pattern(lstrpattern.cstr(p))
        out = []
        pos = 0
        while (r := lstrpattern.gmatch_step(s, pat, pos)) is not None:
            pos, caps = r
            out.append(tuple((caps + [None, None, None])[:3]))
        return ("iter", out)
    except lstrpattern.PatternError as e:
        return ("error", e.msg)


def lstring_tostr(v):
    from pylua.lib.aux import tostr

    return tostr(v)


def lstring_checkint(v):
    from pylua.lib.math import check_int

    return check_int([v], 1)


@pytest.mark.parametrize("case", PATTERN_CASES, ids=lambda c: c[0])
def test_pattern_engines(case, engine):
    name, args, want = case
    got = pure_call(name, args)
    assert same(got, want), (name, args, want, got)


# -- the engines ------------------------------------------------------------


def test_translation_used_for_common_patterns():
    for p in [b"%a+", b"(%w+)=(%w+)", b"^%s*(.-)%s*$", b"%f[%w]%w+", b"()x()", b"(a)%1", b"[^,]*"]:
        assert lstrpattern.Pattern(p).translatable, p
    for p in [b"%b()", b"(a", b"x%", b"[a", b"%1"]:
        assert not lstrpattern.Pattern(p).translatable, p


def test_malformed_pattern_only_fails_when_reached(engine):
    # lstrlib reports a bad item when match() reaches it
    assert lstrpattern.str_find_aux(b"abc", b"x%", 1, False, True) == [None]
    with pytest.raises(lstrpattern.PatternError, match="ends with"):
        lstrpattern.str_find_aux(b"xbc", b"x%", 1, False, True)
    assert lstrpattern.str_find_aux(b"abc", b"x[a", 1, False, True) == [None]
    assert lstrpattern.gsub_string(b"abc", b"(a", b"x", 10) == (b"xbc", 1)


def test_long_patterns_do_not_recurse(engine):
    # 5.1.5 has no MAXCCALLS: a pattern as long as this works (C recursion),
    # and must not hit Python's recursion limit either
    n = 3000
    s = b"a" * n
    assert lstrpattern.str_find_aux(s, b"a?" * n + b"$", 1, False, True) == [1.0, float(n)]
    assert lstrpattern.str_find_aux(s, b"a-" * n + b"$", 1, False, True) == [1.0, float(n)]
    p = b"(" * 32 + b"a*" * 200 + b")" * 32 + b"$"
    assert lstrpattern.str_find_aux(s, p, 1, False, True)[:2] == [1.0, float(n)]
    assert len(lstrpattern.str_find_aux(s, p, 1, False, False)) == 32
    p = b"%b()" + b".?" * 2000
    assert lstrpattern.str_find_aux(b"(" * 2000 + b")" * 2000, p, 1, False, True) == [1.0, 4000.0]


def test_many_captures(engine):
    s = b"a" * 40
    assert len(lstrpattern.str_find_aux(s, b"(a)" * 32, 1, False, False)) == 32
    with pytest.raises(lstrpattern.PatternError, match="too many captures"):
        lstrpattern.str_find_aux(s, b"(a)" * 33, 1, False, False)
    # the 33rd capture is never reached: no error
    assert lstrpattern.str_find_aux(s, b"(b)" + b"(a)" * 32, 1, False, False) == [None]


def test_backtracking_heavy(engine):
    s = b"a" * 25
    assert lstrpattern.str_find_aux(s, b"a*a*a*b", 1, False, True) == [None]
    assert lstrpattern.str_find_aux(s + b"b", b"a-a-a-b", 1, False, True) == [1.0, 26.0]


def test_frontier_sees_text_before_init(engine):
    # the previous character of %f is s[init-1], not a NUL
    assert lstrpattern.str_find_aux(b"ab", b"%f[%a]", 2, False, True) == [None]
    assert lstrpattern.str_find_aux(b"ab", b"%f[%z]", 2, False, True) == [3.0, 2.0]
    assert lstrpattern.str_find_aux(b" b", b"%f[%a]", 2, False, True) == [2.0, 1.0]


def test_gsub_repl_compile():
    assert lstrpattern.compile_repl(b"a%1b%%c%") == [b"a", 1, b"b%c\0"]
    assert lstrpattern.compile_repl(b"plain") == [b"plain"]


# -- builtins that run Lua code --------------------------------------------


@pytest.fixture
def values():
    return pytest.importorskip("pylua.values")


def _fn(values, f):
    return values.Builtin("f", lambda L, args: f(*args))


def test_gsub_function(values, engine):
    L = FakeL()
    seen = []

    def f(*caps):
        seen.append(caps)
        return [caps[0].upper()] if caps[0] != b"b" else [False]

    r = drive(L, lstring.str_gsub, [b"a b c", b"%a", _fn(values, f)])
    assert r == [b"A b C", 3.0]
    assert seen == [(b"a",), (b"b",), (b"c",)]
    r = drive(L, lstring.str_gsub, [b"k=v, x=y", b"(%w)=(%w)", _fn(values, lambda a, b: [b + a])])
    assert r == [b"vk, yx", 2.0]
    r = drive(L, lstring.str_gsub, [b"abc", b"()", _fn(values, lambda p: [p * 2])])
    assert r == [b"2a4b6c8", 4.0]
    r = drive(L, lstring.str_gsub, [b"abc", b"%w", _fn(values, lambda c: [])])
    assert r == [b"abc", 3.0]
    r = drive(L, lstring.str_gsub, [b"abc", b"b", _fn(values, lambda c: [1e15, 2.0])])
    assert r == [b"a1e+15c", 1.0]
    with pytest.raises(LuaError) as e:
        drive(L, lstring.str_gsub, [b"abc", b"b", _fn(values, lambda c: [values.LuaTable()])])
    assert e.value.value == b"invalid replacement value (a table)"
    with pytest.raises(LuaError) as e:
        drive(L, lstring.str_gsub, [b"abc", b"b", _fn(values, lambda c: [True])])
    assert e.value.value == b"invalid replacement value (a boolean)"
    with pytest.raises(LuaError) as e:
        drive(L, lstring.str_gsub, [b"abc", b"(b", _fn(values, lambda c: [c])])
    assert e.value.value == b"unfinished capture"


def test_gsub_table(values, engine):
    L = FakeL()
    t = values.LuaTable()
    t.set(b"name", b"Lua")
    t.set(b"n", 5.1)
    t.set(2.0, b"two")
    r = drive(L, lstring.str_gsub, [b"$name $n $x", b"%$(%w+)", t])
    assert r == [b"Lua 5.1 $x", 3.0]
    r = drive(L, lstring.str_gsub, [b"abc", b"()b", t])
    assert r == [b"atwoc", 1.0]
    # lua_gettable honours __index
    base = values.LuaTable()
    base.set(b"x", b"X")
    meta = values.LuaTable()
    meta.set(b"__index", base)
    t.meta = meta
    r = drive(L, lstring.str_gsub, [b"$x", b"%$(%w+)", t])
    assert r == [b"X", 1.0]
    meta.set(b"__index", _fn(values, lambda tt, k: [k + b"!"]))
    r = drive(L, lstring.str_gsub, [b"$y", b"%$(%w+)", t])
    assert r == [b"y!", 1.0]


def test_gsub_argument_order(values):
    L = FakeL()
    with pytest.raises(ArgError) as e:
        drive(L, lstring.str_gsub, [b"x", b"x"])
    assert (e.value.narg, e.value.msg) == (3, b"string/function/table expected")
    with pytest.raises(ArgError) as e:  # max_n is read before the replacement is checked
        drive(L, lstring.str_gsub, [b"x", b"x", None, b"bad"])
    assert e.value.narg == 4
    with pytest.raises(ArgError) as e:
        drive(L, lstring.str_gsub, [b"x", b"x", True])
    assert e.value.narg == 3


def test_gmatch_iterator(values):
    L = FakeL()
    it = lstring.gmatch(L, [b"a1b2", b"(%a)(%d)"])[0]
    assert isinstance(it, values.Builtin)
    assert it.fn(L, []) == [b"a", b"1"]
    assert it.fn(L, [b"ignored"]) == [b"b", b"2"]
    assert it.fn(L, []) == []
    assert it.fn(L, []) == []


def test_open_registers_library(values):
    class RL(FakeL):
        def __init__(self):
            self.globals = values.LuaTable()
            self.loaded = values.LuaTable()
            self.string_meta = None

    L = RL()
    t = lstring.open(L)
    assert L.globals.get(b"string") is t
    assert L.loaded.get(b"string") is t
    assert t.get(b"gfind") is t.get(b"gmatch")
    assert L.string_meta.get(b"__index") is t
    names = []
    k = None
    while (kv := t.next(k)) is not None:
        k = kv[0]
        names.append(k)
    assert sorted(names) == sorted(
        n.encode()
        for n in "byte char dump find format gfind gmatch gsub len lower match rep reverse sub upper".split()
    )


# -- differential tests against lua5.1 ---------------------------------------

_LUA_SER = r"""
local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end
local function ser(...)
  local t = {}
  for i = 1, select('#', ...) do
    local v = select(i, ...)
    if v == nil then t[#t+1] = 'nil'
    elseif type(v) == 'number' then t[#t+1] = string.format('n:%.17g', v)
    elseif type(v) == 'string' then t[#t+1] = 's:' .. hex(v)
    else t[#t+1] = tostring(v) end
  end
  return table.concat(t, ' ')
end
local function pack(...) return {n = select('#', ...), ...} end
local function run(f, ...)
  local r = pack(pcall(f, ...))
  if r[1] then io.write(ser(unpack(r, 2, r.n)), '\n')
  else io.write('E:', (string.gsub(r[2], '^[^:]*:%d+: ', '')), '\n') end
end
local function cb(a, b)
  if a == "a" then return nil elseif a == "b" then return false end
  return "<" .. tostring(a) .. "," .. tostring(b) .. ">"
end
local function gm(s, p)
  local t = {}
  for a, b, c in string.gmatch(s, p) do t[#t+1] = '{' .. ser(a, b, c) .. '}' end
  return table.concat(t)
end
"""


def _lq(b: bytes) -> str:
    return '"' + "".join("\\%03d" % c for c in b) + '"'


def _ser(vals) -> str:
    out = []
    for v in vals:
        if v is None:
            out.append("nil")
        elif isinstance(v, float):
            out.append("n:%.17g" % v)
        else:
            out.append("s:" + v.hex())
    return " ".join(out)


def _run_lua(lines: list[str]) -> list[str]:
    proc = subprocess.run(
        [LUA51, "-"], input="\n".join(lines).encode(), capture_output=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.decode("latin-1").split("\n")


_TOKENS = [
    "a", "b", "c", ".", "%a", "%d", "%s", "%w", "%A", "%S", "%p", "[ab]", "[^a]", "[a-c]", "[%d%s]",
    "[]a]", "[^]]", "%b()", "%bab", "%f[%w]", "%f[^a]", "%f[%z]", "%f[^%z]", "(", ")", "()", "%1",
    "%2", "%0", "%z", "%(", "%)", "%.", " ", "1", "\0", "$", "^", "-", "*",
]  # fmt: skip
_QUANTS = ["", "", "", "*", "+", "-", "?"]


def _gen_pattern(rng) -> bytes:
    s = "^" if rng.random() < 0.2 else ""
    for _ in range(rng.randint(0, 6)):
        t = rng.choice(_TOKENS)
        s += t
        if not t.startswith(("(", ")", "%b", "%f", "%1", "%2", "%0")) and rng.random() < 0.5:
            s += rng.choice(_QUANTS)
    r = rng.random()
    s += "$" if r < 0.1 else "%" if r < 0.13 else "[a" if r < 0.16 else ""
    return s.encode("latin-1")


def _gen_subject(rng) -> bytes:
    return "".join(rng.choice("aabbc() 1\0a.") for _ in range(rng.randint(0, 12))).encode("latin-1")


def _py_callback(L, args):
    from pylua.lib.aux import tostr

    a = args[0] if args else None
    b = args[1] if len(args) > 1 else None
    if a == b"a":
        return [None]
    if a == b"b":
        return [False]

    def show(v):
        return b"nil" if v is None else tostr(v)

    return [b"<" + show(a) + b"," + show(b) + b">"]


def _pure_gmatch(s, p):
    pat = lstrpattern.compile_pattern(lstrpattern.cstr(p))
    out = []
    pos = 0
    while (r := lstrpattern.gmatch_step(s, pat, pos)) is not None:
        pos, caps = r
        out.append("{" + _ser((caps + [None, None, None])[:3]) + "}")
    return ["".join(out).encode("latin-1")]


@needs_lua51
@pytest.mark.parametrize("use_re", [True, False], ids=["re", "port"])
def test_patterns_against_lua51(use_re, monkeypatch):
    values = pytest.importorskip("pylua.values")
    monkeypatch.setattr(lstrpattern, "USE_RE", use_re)
    monkeypatch.setattr(lstrpattern, "RX_THRESHOLD", 0)
    monkeypatch.setattr(lstrpattern, "_cache", {})
    rng = random.Random(5151)
    cases, lines = [], [_LUA_SER]
    for _ in range(600):
        s, p = _gen_subject(rng), _gen_pattern(rng)
        init = rng.choice([1, 1, 1, 2, -2, 0, 20, -20])
        repl = rng.choice([b"<%0>", b"%1", b"x", b"%2%1", b"%", b"", b"%%"])
        mx = rng.choice([None, None, 1, 2, 0, -1])
        for kind in ("find", "match"):
            cases.append((kind, s, p, init))
            lines.append(f"run(string.{kind}, {_lq(s)}, {_lq(p)}, {init})")
        cases.append(("gsub", s, p, repl, mx))
        extra = "" if mx is None else f", {mx}"
        lines.append(f"run(string.gsub, {_lq(s)}, {_lq(p)}, {_lq(repl)}{extra})")
        cases.append(("gmatch", s, p))
        lines.append(f"run(gm, {_lq(s)}, {_lq(p)})")
        cases.append(("gsubf", s, p, mx))
        lines.append(f"run(string.gsub, {_lq(s)}, {_lq(p)}, cb{extra})")
    want = _run_lua(lines)
    bad = []
    for c, w in zip(cases, want, strict=False):
        try:
            if c[0] == "gmatch":
                got = _ser(_pure_gmatch(c[1], c[2]))
            elif c[0] == "gsubf":
                args = [c[1], c[2], values.Builtin("cb", _py_callback)]
                if c[3] is not None:
                    args.append(float(c[3]))
                try:
                    got = _ser(drive(FakeL(), lstring.str_gsub, args))
                except LuaError as e:
                    got = "E:" + e.value.decode("latin-1")
            elif c[0] == "gsub":
                mx = len(c[1]) + 1 if c[4] is None else c[4]
                r, n = lstrpattern.gsub_string(c[1], c[2], c[3], mx)
                got = _ser([r, float(n)])
            else:
                got = _ser(lstrpattern.str_find_aux(c[1], c[2], c[3], False, c[0] == "find"))
        except lstrpattern.PatternError as e:
            got = "E:" + e.msg.decode("latin-1")
        if got != w:
            bad.append((c, w, got))
    assert not bad, bad[:10]


def _lua_num(x: float) -> str:
    if x != x:
        return "(0/0)" if math.copysign(1, x) < 0 else "(-(0/0))"
    if math.isinf(x):
        return "(1/0)" if x > 0 else "(-1/0)"
    if x == 0 and math.copysign(1, x) < 0:
        return "(-Z)"
    return repr(x)


@needs_lua51
def test_format_against_lua51():
    rng = random.Random(51)
    flagsets = ["", "-", "+", " ", "#", "0", "-0", "+0", " 0", "#0", "-#", "+ ", "-+ #0", "--"]
    widths = ["", "1", "5", "12", "30"]
    precs = ["", ".", ".0", ".1", ".3", ".10", ".25"]
    values = [
        0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 123.456, 1e-5, 1e15, 1e16, 2.0**53, 1e300,
        -1e-300, 5e-324, math.pi, 1 / 3, 99.5, 0.00001234, 1e22, 123456789012.0, inf, -inf, nan,
        -nan, 2.0**63, -(2.0**63), 2.0**64, 255.0, 65.7, -65.7,
    ]  # fmt: skip
    cases = []
    for conv in "cdiouxXeEfgG":
        for _ in range(150):
            spec = "%" + rng.choice(flagsets) + rng.choice(widths) + rng.choice(precs) + conv
            v = (
                rng.choice([65.0, 0.0, 255.0, 322.0, -1.0, 97.9])
                if conv == "c"
                else rng.choice(values)
            )
            cases.append((spec.encode(), v))
    for s in [b"abc", b"a\0b", b"", b"x" * 120, b"y" * 99, b'a"b\\c\nd\re\0f\1\t\xff']:
        for fl in ["", "-", "0"]:
            for w in ["", "5", "99"]:
                for pr in ["", ".", ".0", ".2", ".99"]:
                    cases.append((f"%{fl}{w}{pr}s".encode(), s))
        cases.append((b"%q", s))
    lines = ["Z = 0", _LUA_SER]
    for f, v in cases:
        a = _lq(v) if isinstance(v, bytes) else _lua_num(v)
        lines.append(f"run(string.format, {_lq(f)}, {a})")
    want = _run_lua(lines)
    bad = []
    for (f, v), w in zip(cases, want, strict=False):
        got = _ser([lstrformat.str_format([f, v])])
        if got != w:
            bad.append((f, v, w, got))
    assert not bad, bad[:10]


# -- end to end ---------------------------------------------------------------

E2E = [
    'print(("hello"):upper(), ("%d"):format(42), #("abc"):rep(3, nil))',
    'local s = "x" print(s:len(), type(s.len), string.len == s.len)',
    'for k, v in string.gmatch("a=1, b=2", "(%w+)=(%w+)") do io.write(k, v, ";") end print()',
    'print(string.gsub("hello world", "%w+", function(w) return w:reverse() end))',
    'print(string.gsub("$a $b", "%$(%w+)", setmetatable({}, {__index = function(t, k) return k:upper() end})))',
    'print(pcall(string.gsub, "abc", "b", function() return {} end))',
    "print(pcall(string.rep))",
    'local function f() return string.find("a", "(") end print(pcall(f))',
    'print(string.format("%q", "a\\0b\\n"), string.format("%5.2f|%-5d|%x", math.pi, 7, 255))',
    'print(string.find("abc", "b", 1, true), string.match("key = val", "(%w+)%s*=%s*(%w+)"))',
    "print(tostring(string.gfind == string.gmatch), pcall(string.dump, print))",
    "print(loadstring(string.dump(function(a) return a * 2 end))(21))",
    'local n = 0 for w in ("one two three"):gmatch("%a+") do n = n + #w end print(n)',
    'print(("x"):rep(3, ","))',
    'print(string.format("%s %s", 1, 1.5), string.format("%d", "10"), ("5"):rep(2))',
    'print(pcall(string.format, "%d", {}))',
    'print(string.byte("hello", 1, -1))',
    'print(pcall(("x").bad))',
    'co = coroutine.wrap(function() string.gsub("a", "a", coroutine.yield) end) print(pcall(co))',
]


def _run_pylua(code: str):
    proc = subprocess.run(
        [sys.executable, "-m", "pylua", "-"],
        input=code.encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    return proc.stdout, proc.returncode


@needs_lua51
@pytest.mark.skipif(not (ROOT / "pylua" / "vm.py").exists(), reason="the VM has not landed yet")
@pytest.mark.parametrize("code", E2E)
def test_end_to_end(code):
    want = subprocess.run([LUA51, "-"], input=code.encode(), capture_output=True, timeout=60)
    got, rc = _run_pylua(code)
    assert (got, rc) == (want.stdout, want.returncode)
