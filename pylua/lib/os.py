"""The os library (loslib.c of Lua 5.1.5).

``os.date`` formats with our own port of glibc's ``strftime`` in the C
locale (conversion by conversion, including what glibc does with an invalid
specifier), so the text does not depend on Python's locale or platform.
Broken-down times come from ``time.localtime``/``time.gmtime`` (C's
``localtime``/``gmtime``); ``os.time{...}`` uses ``time.mktime`` (C's
``mktime``, which normalises out-of-range fields).

``os.exit`` raises ``pylua.errors.LuaExit``: the runtime's caller (the CLI) flushes the
standard streams and exits with its code (see docs/internals.md, "Exiting").
"""

from __future__ import annotations

import os
import time
import weakref

from ..conv import cstr, tonumber
from ..errors import LuaExit
from .aux import (
    check_number,
    check_option,
    check_string,
    check_table,
    is_none_or_nil,
    opt_int,
    opt_number,
    opt_string,
    pushresult,
    to_integer,
    wrap_int,
)


def _path(s: bytes) -> str:
    return os.fsdecode(cstr(s))


# -- strftime (glibc, C locale) --------------------------------------------

_ABDAY = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
_DAY = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
_ABMON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MON = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


class TM:
    """struct tm, with glibc's tm_gmtoff and tm_zone."""

    __slots__ = (
        "sec",
        "min",
        "hour",
        "mday",
        "mon",
        "year",
        "wday",
        "yday",
        "isdst",
        "gmtoff",
        "zone",
    )

    def __init__(self, st: time.struct_time, utc: bool):
        self.sec = st.tm_sec
        self.min = st.tm_min
        self.hour = st.tm_hour
        self.mday = st.tm_mday
        self.mon = st.tm_mon - 1
        self.year = st.tm_year - 1900
        self.wday = (st.tm_wday + 1) % 7  # Python counts from Monday
        self.yday = st.tm_yday - 1
        self.isdst = st.tm_isdst
        if utc:
            self.gmtoff, self.zone = 0, "GMT"  # what glibc's gmtime sets
        else:
            self.gmtoff = st.tm_gmtoff or 0
            self.zone = st.tm_zone or ""


def _c_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _c_mod(a: int, b: int) -> int:
    return a - b * _c_div(a, b)


def _num(digits: int, v: int, pad: str = "0") -> str:
    s = str(abs(v)).rjust(digits, pad)
    return "-" + s if v < 0 else s


def _isleap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _iso_week_days(yday: int, wday: int) -> int:
    # days since the Monday of ISO week 1 of tm's year (glibc's iso_week_days)
    big_enough_multiple_of_7 = (-366 // 7 + 2) * 7
    return yday - (yday - wday + 4 + big_enough_multiple_of_7) % 7 + 3


def _year(tm: TM) -> int:
    return wrap_int(tm.year + 1900)  # an int sum in C: it wraps


def _iso(tm: TM) -> tuple[int, int]:
    """(ISO year, ISO week) as glibc computes them for %G/%g/%V."""
    year = _year(tm)
    days = _iso_week_days(tm.yday, tm.wday)
    if days < 0:
        year -= 1
        days = _iso_week_days(tm.yday + (365 + _isleap(year)), tm.wday)
    else:
        d = _iso_week_days(tm.yday - (365 + _isleap(year)), tm.wday)
        if d >= 0:
            year += 1
            days = d
    return year, days // 7 + 1


def _mktime_of(tm: TM) -> int | None:
    return mktime(tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec, tm.isdst, True)


def strftime1(c: str, tm: TM) -> str:
    """strftime of "%c" for one conversion character, glibc in the C locale."""
    if c == "a":
        return _ABDAY[tm.wday] if 0 <= tm.wday <= 6 else "?"
    if c == "A":
        return _DAY[tm.wday] if 0 <= tm.wday <= 6 else "?"
    if c in "bh":
        return _ABMON[tm.mon] if 0 <= tm.mon <= 11 else "?"
    if c == "B":
        return _MON[tm.mon] if 0 <= tm.mon <= 11 else "?"
    if c == "c":
        return "".join(strftime1(x, tm) if x.isalpha() else x for x in "a b e H:M:S Y")
    if c == "C":
        # glibc 2.36: floor division of the year, no padding
        return str(_year(tm) // 100)
    if c == "d":
        return _num(2, tm.mday)
    if c in "Dx":
        return f"{strftime1('m', tm)}/{strftime1('d', tm)}/{strftime1('y', tm)}"
    if c == "e":
        return _num(2, tm.mday, " ")
    if c == "F":
        return f"{strftime1('Y', tm)}-{strftime1('m', tm)}-{strftime1('d', tm)}"
    if c in "gGV":
        year, week = _iso(tm)
        if c == "G":
            return str(year)
        if c == "V":
            return _num(2, week)
        yy = year % 100  # Python's % is already non-negative
        return _num(2, yy)
    if c == "H":
        return _num(2, tm.hour)
    if c == "I":
        return _num(2, (tm.hour % 12) or 12)
    if c == "j":
        return _num(3, tm.yday + 1)
    if c == "k":
        return _num(2, tm.hour, " ")
    if c == "l":
        return _num(2, (tm.hour % 12) or 12, " ")
    if c == "m":
        return _num(2, tm.mon + 1)
    if c == "M":
        return _num(2, tm.min)
    if c == "n":
        return "\n"
    if c == "p":
        return "PM" if tm.hour > 11 else "AM"
    if c == "P":
        return "pm" if tm.hour > 11 else "am"
    if c == "r":
        return (
            f"{strftime1('I', tm)}:{strftime1('M', tm)}:{strftime1('S', tm)} {strftime1('p', tm)}"
        )
    if c == "R":
        return f"{strftime1('H', tm)}:{strftime1('M', tm)}"
    if c == "s":
        t = _mktime_of(tm)
        return "-1" if t is None else str(t)
    if c == "S":
        return _num(2, tm.sec)
    if c == "t":
        return "\t"
    if c in "TX":
        return f"{strftime1('H', tm)}:{strftime1('M', tm)}:{strftime1('S', tm)}"
    if c == "u":
        return str((tm.wday - 1 + 7) % 7 + 1)
    if c == "U":
        return _num(2, _c_div(tm.yday - tm.wday + 7, 7))
    if c == "w":
        return str(tm.wday)
    if c == "W":
        return _num(2, _c_div(tm.yday - (tm.wday - 1 + 7) % 7 + 7, 7))
    if c == "y":
        return _num(2, tm.year % 100)
    if c == "Y":
        return str(_year(tm))
    if c == "z":
        diff = tm.gmtoff
        sign = "-" if diff < 0 else "+"
        diff = abs(diff) // 60
        return sign + _num(4, (diff // 60) * 100 + diff % 60)
    if c == "Z":
        return tm.zone
    if c == "%":
        return "%"
    if "3" <= c <= "9":
        # a field width with no conversion: glibc copies the spec, padded
        return ("%" + c).rjust(int(c))
    # E/O modifiers, flags and unknown conversions: copied as they are
    return "%" + c


def _gettm(t: int, utc: bool) -> TM | None:
    try:
        st = time.gmtime(t) if utc else time.localtime(t)
    except (OverflowError, ValueError, OSError):
        return None
    return TM(st, utc)


def os_date(L, args):
    s = cstr(opt_string(args, 1, b"%c"))
    t = to_integer(check_number(args, 2)) if not is_none_or_nil(args, 2) else int(time.time())
    utc = s[:1] == b"!"
    if utc:
        s = s[1:]
    tm = _gettm(t, utc)
    if tm is None:
        return [None]
    if s == b"*t":
        from ..values import LuaTable

        r = LuaTable(0, 9)
        r.set(b"sec", float(tm.sec))
        r.set(b"min", float(tm.min))
        r.set(b"hour", float(tm.hour))
        r.set(b"day", float(tm.mday))
        r.set(b"month", float(tm.mon + 1))
        r.set(b"year", float(tm.year + 1900))
        r.set(b"wday", float(tm.wday + 1))
        r.set(b"yday", float(tm.yday + 1))
        if tm.isdst >= 0:
            r.set(b"isdst", bool(tm.isdst))
        return [r]
    out = []
    i = 0
    n = len(s)
    while i < n:
        ch = s[i]
        if ch != 37 or i + 1 == n:  # no conversion specifier?
            out.append(s[i : i + 1])
        else:
            i += 1
            out.append(strftime1(chr(s[i]), tm).encode("latin-1"))
        i += 1
    return [b"".join(out)]


def _getfield_mm(L, t, key: bytes, d: int):
    v = yield from L.index(t, key)
    n = tonumber(v) if v is not None else None
    if n is not None:
        return wrap_int(to_integer(n))
    if d < 0:
        raise L.error(b"field '" + key + b"' missing in date table")
    return d


def os_time(L, args):
    if is_none_or_nil(args, 1):
        return [float(int(time.time()))]
    t = check_table(args, 1)
    sec = yield from _getfield_mm(L, t, b"sec", 0)
    mn = yield from _getfield_mm(L, t, b"min", 0)
    hour = yield from _getfield_mm(L, t, b"hour", 12)
    day = yield from _getfield_mm(L, t, b"day", -1)
    month = (yield from _getfield_mm(L, t, b"month", -1)) - 1
    year = (yield from _getfield_mm(L, t, b"year", -1)) - 1900
    v = yield from L.index(t, b"isdst")
    isdst = -1 if v is None else (0 if v is False else 1)
    r = mktime(year, month, day, hour, mn, sec, isdst)
    return [None if r is None else float(r)]


def _days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (m in 1..12)."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _timegm(year: int, mon: int, mday: int, hour: int, mn: int, sec: int) -> int:
    """The UTC time of a struct tm's fields, normalised as mktime does."""
    year += mon // 12
    mon %= 12
    days = _days_from_civil(year + 1900, mon + 1, 1) + mday - 1
    return days * 86400 + hour * 3600 + mn * 60 + sec


def mktime(
    year: int, mon: int, mday: int, hour: int, mn: int, sec: int, isdst: int, keep_m1=False
) -> int | None:
    """C mktime on a struct tm (year counted from 1900, mon from 0).

    None when it fails, and (as os.time sees it) when the result is -1."""
    r = None
    try:
        r = time.mktime((year + 1900, mon + 1, mday, hour, mn, sec, 0, 1, isdst))
    except (OverflowError, ValueError, OSError):
        pass
    if r is not None and abs(r) < 2.0**53:
        r = int(r)
    else:
        # beyond Python's C-int arguments or a double's precision: the exact
        # integer, with the local offset in force at that time
        t0 = _timegm(year, mon, mday, hour, mn, sec)
        try:
            t = t0 - time.localtime(t0).tm_gmtoff
            t = t0 - time.localtime(t).tm_gmtoff
        except (OverflowError, ValueError, OSError):
            return None
        r = t
    if not -(2**63) <= r < 2**63:
        return None
    if r == -1 and not keep_m1:
        return None
    return r


def os_clock(L, args):
    return [time.process_time()]


def os_difftime(L, args):
    t1 = to_integer(check_number(args, 1))
    t2 = to_integer(opt_number(args, 2, 0.0))
    return [float(t1) - float(t2)]


def os_getenv(L, args):
    name = cstr(check_string(args, 1))
    env = getattr(os, "environb", None)
    if env is not None:
        return [env.get(name)]
    v = os.environ.get(name.decode("utf-8", "surrogateescape"))
    return [None if v is None else v.encode("utf-8", "surrogateescape")]


def os_remove(L, args):
    filename = check_string(args, 1)
    path = _path(filename)
    try:
        # C's remove(): unlink, or rmdir for a directory
        if os.path.isdir(path) and not os.path.islink(path):
            os.rmdir(path)
        else:
            os.unlink(path)
    except OSError as e:
        return pushresult(False, cstr(filename), e)
    return [True]


def os_rename(L, args):
    fromname = check_string(args, 1)
    toname = check_string(args, 2)
    try:
        os.rename(_path(fromname), _path(toname))
    except OSError as e:
        return pushresult(False, cstr(fromname), e)
    return [True]


_TMPCHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def os_tmpname(L, args):
    # mkstemp("/tmp/lua_XXXXXX"), then close: the file stays, as in 5.1
    import random

    rnd = random.SystemRandom()
    for _ in range(62**3):
        name = "/tmp/lua_" + "".join(rnd.choice(_TMPCHARS) for _ in range(6))
        try:
            fd = os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError:
            break
        os.close(fd)
        return [name.encode()]
    raise L.error("unable to generate a unique filename")


_LOCALE_CATS = [b"all", b"collate", b"ctype", b"monetary", b"numeric", b"time"]
# glibc's categories, in the order of its composite names
_GLIBC_CATS = [
    b"LC_CTYPE", b"LC_NUMERIC", b"LC_TIME", b"LC_COLLATE", b"LC_MONETARY", b"LC_MESSAGES",
    b"LC_PAPER", b"LC_NAME", b"LC_ADDRESS", b"LC_TELEPHONE", b"LC_MEASUREMENT",
    b"LC_IDENTIFICATION",
]  # fmt: skip
_LUA_CAT = {b"collate": 3, b"ctype": 0, b"monetary": 4, b"numeric": 1, b"time": 2}
_locales: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _valid_locale(name: bytes) -> bytes | None:
    """The name setlocale would answer for a locale we can run in, or None.

    pylua only has the C locale; glibc's C.UTF-8 behaves as C for every
    single-byte operation Lua makes, so it is accepted too (under the name
    it was asked by, as glibc does)."""
    if name in (b"C", b"POSIX"):
        return b"C"
    if name[:2] == b"C." and name[2:].lower().replace(b"-", b"") == b"utf8":
        return name
    return None


def _env_locale(cat: bytes) -> bytes:
    env = getattr(os, "environb", {})
    skip = None
    if (
        cat == b"LC_CTYPE"
        and not env.get(b"LC_ALL")
        and env.get(b"LANG", b"C") in (b"", b"C", b"POSIX")
        and env.get(b"LC_CTYPE") in (b"C.UTF-8", b"C.utf8", b"UTF-8")
    ):
        skip = b"LC_CTYPE"  # set by Python itself (PEP 538), not by the user
    for var in (b"LC_ALL", cat, b"LANG"):
        if var == skip:
            continue
        v = env.get(var)
        if v:
            return v
    return b"C"


def os_setlocale(L, args):
    loc = opt_string(args, 1, None)
    cat = check_option(args, 2, b"all", _LOCALE_CATS)
    try:
        cur = _locales.setdefault(L, [b"C"] * len(_GLIBC_CATS))
    except TypeError:  # a runtime that cannot be weakly referenced
        cur = [b"C"] * len(_GLIBC_CATS)
    cats = range(len(_GLIBC_CATS)) if cat == 0 else [_LUA_CAT[_LOCALE_CATS[cat]]]
    if loc is not None:
        loc = cstr(loc)
        new = {}
        parts = loc.split(b";") if cat == 0 and b"=" in loc else None
        if parts is not None:  # a composite name, as setlocale(LC_ALL) gives
            for part in parts:
                k, _, v = part.partition(b"=")
                if k not in _GLIBC_CATS or _valid_locale(v) is None:
                    return [None]
                new[_GLIBC_CATS.index(k)] = _valid_locale(v)
            if len(new) != len(_GLIBC_CATS):
                return [None]
        else:
            for i in cats:
                name = _valid_locale(_env_locale(_GLIBC_CATS[i]) if loc == b"" else loc)
                if name is None:
                    return [None]
                new[i] = name
        for i, name in new.items():
            cur[i] = name
    if cat != 0:
        return [cur[cats[0]]]
    if all(x == cur[0] for x in cur):
        return [cur[0]]
    return [b";".join(k + b"=" + v for k, v in zip(_GLIBC_CATS, cur, strict=True))]


def os_execute(L, args):
    cmd = opt_string(args, 1, None)
    try:
        import subprocess
    except ImportError:  # a host without processes (Pyodide): no shell
        return [0.0 if cmd is None else -1.0]
    if cmd is None:
        return [1.0]  # system(NULL): a shell is available

    # system() flushes nothing: with a buffered stdout, the command's output
    # comes first, as in C
    try:
        p = subprocess.run(["/bin/sh", "-c", os.fsdecode(cstr(cmd))])
    except OSError:
        return [float(127 << 8)]
    rc = p.returncode
    # system() returns a wait status: exit code << 8, or the signal number
    return [float(-rc if rc < 0 else (rc & 0xFF) << 8)]


def os_exit(L, args):
    code = opt_int(args, 1, 0)
    raise LuaExit(code)


FUNCS = [
    ("clock", os_clock),
    ("date", os_date),
    ("difftime", os_difftime),
    ("execute", os_execute),
    ("exit", os_exit),
    ("getenv", os_getenv),
    ("remove", os_remove),
    ("rename", os_rename),
    ("setlocale", os_setlocale),
    ("time", os_time),
    ("tmpname", os_tmpname),
]


def open(L):
    from .package import register

    return register(L, b"os", FUNCS)
