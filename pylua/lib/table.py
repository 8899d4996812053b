"""The table library (ltablib.c of Lua 5.1.5).

Everything uses raw access, as ltablib.c does (lua_rawgeti/lua_rawseti), and
``#t`` is the raw border (luaL_getn is lua_objlen in 5.1 without
LUA_COMPAT_GETN, and luaL_setn does nothing).

``sort`` is auxsort itself, step by step: the same reads, writes and
comparisons in the same order, so a comparator with side effects, an
inconsistent comparator ("invalid order function for sorting") or a table
changed during the sort behave as in 5.1.  Values the C code keeps on its
stack are Python locals here, read when the C code reads them.
"""

from __future__ import annotations

import math

from ..values import STRING_BYTES, Call, Charge, truth
from .aux import (
    check_int,
    check_table,
    check_type,
    is_none_or_nil,
    opt_int,
    opt_string,
    tostr,
    typename,
)
from .work import BYTES_PER_STEP, SLICE, STEPS_PER_UNIT, paid


def aux_getn(args: list, n: int) -> int:
    return check_table(args, n).length()


def foreachi(L, args):
    from ..values import Call

    n = aux_getn(args, 1)
    t = args[0]
    f = check_type(args, 2, "function")
    for i in range(1, n + 1):
        res = yield Call(f, [float(i), t.geti(i)])
        if res and res[0] is not None:
            return [res[0]]
    return []


def foreach(L, args):
    from ..values import Call

    t = check_table(args, 1)
    f = check_type(args, 2, "function")
    k = None
    while (kv := t.next(k)) is not None:
        k, v = kv
        res = yield Call(f, [k, v])
        if res and res[0] is not None:
            return [res[0]]
    return []


def maxn(L, args):
    """The largest positive number key (lua_next over every key, as
    ltablib.c does, read here from the two parts at once); it pays for
    the keys it looks at."""
    t = check_table(args, 1)
    mx = 0.0
    arr = t.arr
    i = len(arr)
    # the last value of the array part (its free slots skipped at C speed)
    while i >= 256 and arr[i - 1] is None and arr[i - 256 : i].count(None) == 256:
        i -= 256
    while i > 0 and arr[i - 1] is None:
        i -= 1
    if i:
        mx = float(i)
    for k, v in t.hash.items():
        if v is not None and k.__class__ is float and k > mx:
            mx = k
    return paid([mx], (len(arr) - i) // 16 + 2 * len(t.hash))


def getn(L, args):
    return [float(aux_getn(args, 1))]


def setn(L, args):
    check_table(args, 1)
    raise L.error("'setn' is obsolete")


# Shifting is ltablib's loop of lua_rawgeti/lua_rawseti, one slot after
# the other; where both slots of every move lie in the array part (where a
# write never rehashes) the moves are one slice assignment.  The rest (a
# position far outside the table: table.insert(t, -2^31, v) moves 2^31
# slots in lua5.1 too) goes SLICE moves at a time, then the builtin pays and
# may be stopped (pylua/lib/work.py).
_SLOTS_PER_STEP = 64  # slots a slice assignment moves in the time of one step


def _shift_up(t, i: int, pos: int, steps: int):
    """for (; i > pos; i--) t[i] = t[i-1], at most steps moves one by one:
    (where it stopped, steps used)."""
    used = 0
    while i > pos:
        arr = t.arr
        if 1 < i <= len(arr):
            lo = pos + 1 if pos > 0 else 2
            arr[lo - 1 : i] = arr[lo - 2 : i - 1]
            used += (i - lo) // _SLOTS_PER_STEP
            i = lo - 1
            continue
        if used >= steps:
            break
        t.seti(i, t.geti(i - 1))
        i -= 1
        used += 1
    return i, used


def _shift_down(t, pos: int, e: int, steps: int):
    """for (; pos < e; pos++) t[pos] = t[pos+1], as _shift_up."""
    used = 0
    while pos < e:
        arr = t.arr
        if 1 <= pos < len(arr):
            hi = e if e <= len(arr) else len(arr)
            if pos < hi:
                arr[pos - 1 : hi - 1] = arr[pos:hi]
                used += (hi - pos) // _SLOTS_PER_STEP
                pos = hi
                continue
        if used >= steps:
            break
        t.seti(pos, t.geti(pos + 1))
        pos += 1
        used += 1
    return pos, used


def tinsert(L, args):
    t = check_table(args, 1)
    e = t.length() + 1  # first empty element
    n = len(args)
    if n == 2:
        pos = e
    elif n == 3:
        pos = check_int(args, 2)
        if pos > e:
            e = pos  # 'grow' array if necessary
        if L.readonly is not None:
            L.check_writable(t)  # (lua_rawseti, the first write)
        i, used = _shift_up(t, e, pos, SLICE)
        if i > pos:
            return _tinsert_rest(t, i, pos, args[-1], used)
        t.seti(pos, args[-1])
        return paid((), used)
    else:
        raise L.error("wrong number of arguments to 'insert'")
    if L.readonly is not None:
        L.check_writable(t)
    t.seti(pos, args[-1])
    return []


def _tinsert_rest(t, i: int, pos: int, v, used: int):
    while i > pos:
        yield Charge(used // STEPS_PER_UNIT)
        i, used = _shift_up(t, i, pos, SLICE)
    t.seti(pos, v)
    yield Charge(used // STEPS_PER_UNIT)
    return []


def tremove(L, args):
    t = check_table(args, 1)
    e = t.length()
    pos = opt_int(args, 2, e)
    if not (1 <= pos <= e):
        return []  # nothing to remove: no result at all
    if L.readonly is not None:
        L.check_writable(t)  # (lua_rawseti, the first write)
    res = t.geti(pos)
    pos, used = _shift_down(t, pos, e, SLICE)
    if pos < e:
        return _tremove_rest(t, pos, e, res, used)
    t.seti(e, None)
    return paid([res], used)


def _tremove_rest(t, pos: int, e: int, res, used: int):
    while pos < e:
        yield Charge(used // STEPS_PER_UNIT)
        pos, used = _shift_down(t, pos, e, SLICE)
    t.seti(e, None)
    yield Charge(used // STEPS_PER_UNIT)
    return [res]


def tconcat(L, args):
    sep = opt_string(args, 2, b"")
    t = check_table(args, 1)
    i = opt_int(args, 3, 1)
    last = t.length() if is_none_or_nil(args, 4) else check_int(args, 4)
    if last - i >= SLICE:
        return _tconcat_long(L, t, sep, i, last)
    parts = []
    while i < last:
        parts.append(_field(L, t, i))
        parts.append(sep)
        i += 1
    if i == last:  # add last value (if interval was not empty)
        parts.append(_field(L, t, i))
    L.acct.alloc(STRING_BYTES + sum(map(len, parts)))  # (the limit may refuse it)
    r = b"".join(parts)
    return paid([r], 2 * len(parts) + len(r) // BYTES_PER_STEP)


def _field(L, t, i: int) -> bytes:
    v = t.geti(i)
    s = tostr(v)
    if s is None:
        raise L.error(f"invalid value ({typename(v)}) at index {i} in table for 'concat'")
    return s


def _tconcat_long(L, t, sep: bytes, i: int, last: int):
    """table.concat of many fields: SLICE fields, then the builtin pays."""
    parts = []
    while i <= last:
        stop = i + SLICE if last - i > SLICE else last + 1
        while i < stop:
            parts.append(_field(L, t, i))
            i += 1
        yield Charge(SLICE // STEPS_PER_UNIT)
    L.acct.alloc(STRING_BYTES + sum(map(len, parts)) + len(sep) * (len(parts) - 1))
    r = sep.join(parts)
    yield Charge((len(r) // BYTES_PER_STEP) // STEPS_PER_UNIT)
    return [r]


# -- sort ------------------------------------------------------------------


def auxsort(L, t, lo: int, up: int, lt):
    """ltablib.c's auxsort, its recursion on the smaller half a stack of
    ranges (the same comparisons in the same order).  ``lt(a, b)`` is
    a < b, or a Call to yield (a Lua comparator: a < b is the truth of its
    first result), or a generator to yield from (returning a < b)."""
    todo = []  # the larger halves, sorted after the smaller one (the C recursion)
    while True:
        while lo < up:  # for tail recursion
            # sort elements a[lo], a[(lo+up)/2] and a[up]
            a_l = t.geti(lo)
            a_u = t.geti(up)
            c = lt(a_u, a_l)  # a[up] < a[lo]?
            if c.__class__ is not bool:
                c = truth((yield c)) if c.__class__ is Call else (yield from c)
            if c:
                t.seti(lo, a_u)
                t.seti(up, a_l)
            if up - lo == 1:
                break  # only 2 elements
            i = (lo + up) // 2
            a_i = t.geti(i)
            a_l = t.geti(lo)
            c = lt(a_i, a_l)  # a[i] < a[lo]?
            if c.__class__ is not bool:
                c = truth((yield c)) if c.__class__ is Call else (yield from c)
            if c:
                t.seti(i, a_l)
                t.seti(lo, a_i)
            else:
                a_u = t.geti(up)
                c = lt(a_u, a_i)  # a[up] < a[i]?
                if c.__class__ is not bool:
                    c = truth((yield c)) if c.__class__ is Call else (yield from c)
                if c:
                    t.seti(i, a_u)
                    t.seti(up, a_i)
            if up - lo == 2:
                break  # only 3 elements
            p = t.geti(i)  # pivot
            a_u1 = t.geti(up - 1)
            t.seti(i, a_u1)
            t.seti(up - 1, p)
            # a[lo] <= P == a[up-1] <= a[up], only need to sort from lo+1 to up-2
            i = lo
            j = up - 1
            while True:  # invariant: a[lo..i] <= P <= a[j..up]
                # repeat ++i until a[i] >= P
                while True:
                    i += 1
                    a_i = t.geti(i)
                    c = lt(a_i, p)
                    if c.__class__ is not bool:
                        c = truth((yield c)) if c.__class__ is Call else (yield from c)
                    if not c:
                        break
                    if i > up:
                        raise L.error("invalid order function for sorting")
                # repeat --j until a[j] <= P
                while True:
                    j -= 1
                    a_j = t.geti(j)
                    c = lt(p, a_j)
                    if c.__class__ is not bool:
                        c = truth((yield c)) if c.__class__ is Call else (yield from c)
                    if not c:
                        break
                    if j < lo:
                        raise L.error("invalid order function for sorting")
                if j < i:
                    break
                t.seti(i, a_j)
                t.seti(j, a_i)
            a_u1 = t.geti(up - 1)
            a_i = t.geti(i)
            t.seti(up - 1, a_i)  # swap pivot (a[up-1]) with a[i]
            t.seti(i, a_u1)
            # a[lo..i-1] <= a[i] == P <= a[i+1..up]
            # adjust so that smaller half is in [j..i] and larger one in [lo..up]
            if i - lo < up - i:
                j = lo
                i = i - 1
                lo = i + 2
            else:
                j = i + 1
                i = up
                up = j - 2
            todo.append((lo, up))  # the larger one: after the smaller one
            lo, up = j, i  # "call recursively the smaller one"
        if not todo:
            return
        lo, up = todo.pop()  # repeat the routine for the larger one


def _charged(lessthan, a, b):
    yield Charge(SLICE // STEPS_PER_UNIT)
    return (yield from lessthan(a, b))


def sort(L, args):
    t = check_table(args, 1)
    n = t.length()
    lessthan = L.lessthan
    if not is_none_or_nil(args, 2):
        check_type(args, 2, "function")
        f = args[1]

        def lt(a, b):
            return Call(f, [a, b])

    else:
        # no Lua code runs (unless an __lt does): the comparisons of a
        # sort of 64 or more pay, a slice at a time
        count = SLICE if n >= 64 else math.inf

        def lt(a, b):
            nonlocal count
            count -= 1
            if count <= 0:
                count = SLICE
                return _charged(lessthan, a, b)
            ca = a.__class__
            if ca is b.__class__ and (ca is float or ca is bytes):
                return a < b
            return lessthan(a, b)

    if L.readonly is not None and L.is_readonly(t):
        t = _ReadOnlyRows(L, t)
    yield from auxsort(L, t, 1, n, lt)
    return []


class _ReadOnlyRows:
    """A read-only table as auxsort sees it: the first write fails, as
    lua_rawseti does (a sorted one is never written)."""

    __slots__ = ("L", "t")

    def __init__(self, L, t):
        self.L = L
        self.t = t

    def geti(self, i: int):
        return self.t.geti(i)

    def seti(self, i: int, v) -> None:
        self.L.check_writable(self.t)


FUNCS = [
    ("concat", tconcat),
    ("foreach", foreach),
    ("foreachi", foreachi),
    ("getn", getn),
    ("maxn", maxn),
    ("insert", tinsert),
    ("remove", tremove),
    ("setn", setn),
    ("sort", sort),
]


def open(L):
    from .package import register

    return register(L, b"table", FUNCS)
