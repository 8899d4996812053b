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

from ..values import STRING_BYTES
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
    t = check_table(args, 1)
    mx = 0.0
    k = None
    while (kv := t.next(k)) is not None:
        k = kv[0]
        if k.__class__ is float and k > mx:
            mx = k
    return [mx]


def getn(L, args):
    return [float(aux_getn(args, 1))]


def setn(L, args):
    check_table(args, 1)
    raise L.error("'setn' is obsolete")


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
        for i in range(e, pos, -1):
            t.seti(i, t.geti(i - 1))
    else:
        raise L.error("wrong number of arguments to 'insert'")
    t.seti(pos, args[-1])
    return []


def tremove(L, args):
    t = check_table(args, 1)
    e = t.length()
    pos = opt_int(args, 2, e)
    if not (1 <= pos <= e):
        return []  # nothing to remove: no result at all
    res = t.geti(pos)
    while pos < e:
        t.seti(pos, t.geti(pos + 1))
        pos += 1
    t.seti(e, None)
    return [res]


def tconcat(L, args):
    sep = opt_string(args, 2, b"")
    t = check_table(args, 1)
    i = opt_int(args, 3, 1)
    last = t.length() if is_none_or_nil(args, 4) else check_int(args, 4)
    parts = []

    def field(i):
        v = t.geti(i)
        s = tostr(v)
        if s is None:
            raise L.error(f"invalid value ({typename(v)}) at index {i} in table for 'concat'")
        parts.append(s)

    while i < last:
        field(i)
        parts.append(sep)
        i += 1
    if i == last:  # add last value (if interval was not empty)
        field(i)
    L.acct.alloc(STRING_BYTES + sum(map(len, parts)))  # (the limit may refuse it)
    return [b"".join(parts)]


# -- sort ------------------------------------------------------------------


def auxsort(L, t, lo: int, up: int, lt):
    """ltablib.c's auxsort; ``lt(a, b)`` is a generator returning a < b."""
    while lo < up:  # for tail recursion
        # sort elements a[lo], a[(lo+up)/2] and a[up]
        a_l = t.geti(lo)
        a_u = t.geti(up)
        if (yield from lt(a_u, a_l)):  # a[up] < a[lo]?
            t.seti(lo, a_u)
            t.seti(up, a_l)
        if up - lo == 1:
            break  # only 2 elements
        i = (lo + up) // 2
        a_i = t.geti(i)
        a_l = t.geti(lo)
        if (yield from lt(a_i, a_l)):  # a[i] < a[lo]?
            t.seti(i, a_l)
            t.seti(lo, a_i)
        else:
            a_u = t.geti(up)
            if (yield from lt(a_u, a_i)):  # a[up] < a[i]?
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
                if not (yield from lt(a_i, p)):
                    break
                if i > up:
                    raise L.error("invalid order function for sorting")
            # repeat --j until a[j] <= P
            while True:
                j -= 1
                a_j = t.geti(j)
                if not (yield from lt(p, a_j)):
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
        yield from auxsort(L, t, j, i, lt)  # call recursively the smaller one
    # repeat the routine for the larger one


def sort(L, args):
    t = check_table(args, 1)
    n = t.length()
    if not is_none_or_nil(args, 2):
        check_type(args, 2, "function")
        f = args[1]
        from ..values import Call

        def lt(a, b):
            res = yield Call(f, [a, b])
            return bool(res) and res[0] is not None and res[0] is not False

    else:

        def lt(a, b):
            return (yield from L.lessthan(a, b))

    yield from auxsort(L, t, 1, n, lt)
    return []


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
