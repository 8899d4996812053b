"""The math library (lmathlib.c of Lua 5.1.5).

Lua calls C's libm, which never raises: where Python's ``math`` raises
ValueError/OverflowError we return what glibc returns on x86-64, down to the
sign of the NaN (``tostring`` tells ``nan`` from ``-nan``).  An invalid
operation done by the SSE unit yields the "default NaN", which has its sign
bit set (``-nan``); glibc's own code returns a positive NaN in some places
(``log10``, ``asin``, ``acos``).  A NaN argument comes back as it went in.

``random`` reproduces glibc's ``rand()`` (the TYPE_3 additive feedback
generator), so that seeded sequences are the same numbers ``lua5.1`` gives;
its state is the Lua state's ``L.rng`` (set when the library opens), as C's
is the process's.
"""

from __future__ import annotations

import math as _m

from ..arith import c_pow
from .aux import ArgError, check_number, to_integer
from .work import paid

PI = 3.14159265358979323846
RADIANS_PER_DEGREE = PI / 180.0
INF = float("inf")
NAN = float("nan")  # positive on CPython; negate for the default NaN
DEFAULT_NAN = -abs(NAN)
POS_NAN = abs(NAN)
RAND_MAX = 2147483647


def _isnan(x: float) -> bool:
    return x != x


def wrap_int(v: int) -> int:
    """A lua_Integer converted to C int: keeps the low 32 bits."""
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v


def check_int(args: list, n: int) -> int:
    """luaL_checkint is ``(int)luaL_checkinteger``: a 64-bit truncation, then wrap."""
    return wrap_int(to_integer(check_number(args, n)))


def opt_int(args: list, n: int, default: int) -> int:
    if n > len(args) or args[n - 1] is None:
        return default
    return check_int(args, n)


# -- C libm semantics ------------------------------------------------------


def c_floor(x: float) -> float:
    if x != x or x in (INF, -INF) or x == 0.0:
        return x
    return float(_m.floor(x))


def c_ceil(x: float) -> float:
    if x != x or x in (INF, -INF) or x == 0.0:
        return x
    r = float(_m.ceil(x))
    # ceil(-0.5) is -0 in C
    return -0.0 if r == 0.0 and x < 0 else r


def c_fmod(x: float, y: float) -> float:
    if x != x:
        return x
    if y != y:
        return y
    if y == 0.0 or x in (INF, -INF):
        return DEFAULT_NAN
    if y in (INF, -INF):
        return x
    return _m.fmod(x, y)


def c_modf(x: float) -> tuple[float, float]:
    if x != x:
        return x, x
    if x in (INF, -INF):
        return x, _m.copysign(0.0, x)
    fp, ip = _m.modf(x)
    return ip, fp


def c_sqrt(x: float) -> float:
    if x != x:
        return x
    if x < 0:
        return DEFAULT_NAN
    return _m.sqrt(x)


def c_log(x: float) -> float:
    if x != x:
        return x
    if x == 0.0:
        return -INF
    if x < 0:
        return DEFAULT_NAN
    return _m.log(x)


def c_log10(x: float) -> float:
    if x != x:
        return x
    if x == 0.0:
        return -INF
    if x < 0:
        return POS_NAN
    return _m.log10(x)


def c_exp(x: float) -> float:
    if x != x:
        return x
    try:
        return _m.exp(x)
    except OverflowError:
        return INF


def _trig(f):
    def g(x: float) -> float:
        if x != x:
            return x
        if x in (INF, -INF):
            return DEFAULT_NAN
        return f(x)

    return g


c_sin = _trig(_m.sin)
c_cos = _trig(_m.cos)
c_tan = _trig(_m.tan)


def _arc(f):
    def g(x: float) -> float:
        if x != x:
            return x
        if not -1.0 <= x <= 1.0:
            return POS_NAN
        return f(x)

    return g


c_asin = _arc(_m.asin)
c_acos = _arc(_m.acos)


def c_atan(x: float) -> float:
    return x if x != x else _m.atan(x)


def c_atan2(y: float, x: float) -> float:
    # glibc returns x + y: the SSE add gives back its first NaN operand
    if x != x:
        return x
    if y != y:
        return y
    return _m.atan2(y, x)


def _hyp(f, odd: bool):
    def g(x: float) -> float:
        if x != x:
            return x
        try:
            return f(x)
        except OverflowError:
            return _m.copysign(INF, x) if odd else INF

    return g


c_sinh = _hyp(_m.sinh, True)
c_cosh = _hyp(_m.cosh, False)


def c_tanh(x: float) -> float:
    return x if x != x else _m.tanh(x)


def c_frexp(x: float) -> tuple[float, int]:
    if x != x or x in (INF, -INF):
        return x, 0
    return _m.frexp(x)


def c_ldexp(x: float, e: int) -> float:
    if x != x or x in (INF, -INF) or x == 0.0:
        return x
    try:
        return _m.ldexp(x, e)
    except OverflowError:
        return _m.copysign(INF, x)


# -- glibc rand() ----------------------------------------------------------


class GlibcRand:
    """glibc's random_r TYPE_3: x[i] = x[i-3] + x[i-31] (mod 2^32), output >> 1."""

    DEG = 31
    SEP = 3

    def __init__(self, seed: int = 1):
        self.seed(seed)

    def seed(self, seed: int) -> None:
        seed &= 0xFFFFFFFF
        if seed == 0:
            seed = 1
        # the recurrence works on a signed 32-bit word
        word = seed - (1 << 32) if seed & 0x80000000 else seed
        r = [word & 0xFFFFFFFF]
        for _ in range(1, self.DEG):
            hi = int(word / 127773)  # C division truncates toward zero
            lo = word - hi * 127773
            word = 16807 * lo - 2836 * hi
            if word < 0:
                word += 2147483647
            r.append(word & 0xFFFFFFFF)
        self.r = r
        self.f = self.SEP
        self.b = 0
        for _ in range(self.DEG * 10):
            self.rand()

    def rand(self) -> int:
        r = self.r
        f = self.f
        val = (r[f] + r[self.b]) & 0xFFFFFFFF
        r[f] = val
        self.f = (f + 1) % self.DEG
        self.b = (self.b + 1) % self.DEG
        return val >> 1


# -- the library -----------------------------------------------------------


def _f1(cf):
    def fn(L, args):
        return [cf(check_number(args, 1))]

    return fn


def math_abs(L, args):
    return [_m.fabs(check_number(args, 1))]


# lua5.1's two-argument functions pass luaL_checknumber(L, 1) and (L, 2)
# straight to C; gcc evaluates the second argument first, so with both bad
# the error names #2.


def math_fmod(L, args):
    y = check_number(args, 2)
    return [c_fmod(check_number(args, 1), y)]


def math_modf(L, args):
    ip, fp = c_modf(check_number(args, 1))
    return [ip, fp]


def math_pow(L, args):
    y = check_number(args, 2)
    return [c_pow(check_number(args, 1), y)]


def math_atan2(L, args):
    x = check_number(args, 2)
    return [c_atan2(check_number(args, 1), x)]


def math_deg(L, args):
    return [check_number(args, 1) / RADIANS_PER_DEGREE]


def math_rad(L, args):
    return [check_number(args, 1) * RADIANS_PER_DEGREE]


def math_frexp(L, args):
    m, e = c_frexp(check_number(args, 1))
    return [m, float(e)]


def math_ldexp(L, args):
    e = check_int(args, 2)
    return [c_ldexp(check_number(args, 1), e)]


def math_min(L, args):
    dmin = check_number(args, 1)
    for i in range(2, len(args) + 1):
        d = check_number(args, i)
        if d < dmin:
            dmin = d
    return paid([dmin], len(args))  # (up to LUAI_MAXCSTACK arguments: they pay)


def math_max(L, args):
    dmax = check_number(args, 1)
    for i in range(2, len(args) + 1):
        d = check_number(args, i)
        if d > dmax:
            dmax = d
    return paid([dmax], len(args))


def math_random(L, args):
    return scale_random(L, args, float(L.rng.rand() % RAND_MAX) / float(RAND_MAX))


def scale_random(L, args, r: float) -> list:
    """math.random's answer for r, a number in [0, 1) already drawn
    (Redis's math.random draws it from another generator)."""
    n = len(args)
    if n == 0:
        return [r]
    if n == 1:
        u = check_int(args, 1)
        if not 1 <= u:
            raise ArgError(1, "interval is empty")
        return [_m.floor(r * u) + 1.0]
    if n == 2:
        lo = check_int(args, 1)
        u = check_int(args, 2)
        if not lo <= u:
            raise ArgError(2, "interval is empty")
        return [float(_m.floor(r * wrap_int(u - lo + 1)) + lo)]
    raise L.error("wrong number of arguments")


def math_randomseed(L, args):
    L.rng.seed(check_int(args, 1))
    return []


FUNCS = [
    ("abs", math_abs),
    ("acos", _f1(c_acos)),
    ("asin", _f1(c_asin)),
    ("atan2", math_atan2),
    ("atan", _f1(c_atan)),
    ("ceil", _f1(c_ceil)),
    ("cosh", _f1(c_cosh)),
    ("cos", _f1(c_cos)),
    ("deg", math_deg),
    ("exp", _f1(c_exp)),
    ("floor", _f1(c_floor)),
    ("fmod", math_fmod),
    ("frexp", math_frexp),
    ("ldexp", math_ldexp),
    ("log10", _f1(c_log10)),
    ("log", _f1(c_log)),
    ("max", math_max),
    ("min", math_min),
    ("modf", math_modf),
    ("pow", math_pow),
    ("rad", math_rad),
    ("random", math_random),
    ("randomseed", math_randomseed),
    ("sinh", _f1(c_sinh)),
    ("sin", _f1(c_sin)),
    ("sqrt", _f1(c_sqrt)),
    ("tanh", _f1(c_tanh)),
    ("tan", _f1(c_tan)),
]


def open(L):
    from .package import register

    # C's rand() state belongs to the process; a Lua state is our process
    L.rng = GlibcRand(1)
    t = register(L, b"math", FUNCS)
    t.set(b"pi", PI)
    t.set(b"huge", INF)
    t.set(b"mod", t.get(b"fmod"))  # LUA_COMPAT_MOD
    return t
