"""Lua 5.1 pattern matching (the matcher of lstrlib.c), over ``bytes``.

A pattern is compiled once (and cached) into a list of *items*, one per step
``match()`` of lstrlib.c takes: a single-character class with its quantifier,
a capture opening or closing, ``%b``, ``%f``, a back-reference, the end of the
pattern.  The class of a single item is a 256-entry table, so matching one
character is one index.

lstrlib.c reports a malformed pattern only when ``match()`` *reaches* the bad
item (``string.find("abc", "x%")`` is nil, ``string.find("xbc", "x%")`` is an
error), so a malformed item compiles to an ``ERROR`` item that raises when
reached.  Which captures are open or closed at a given item does not depend
on the subject (there is no alternation, and quantifiers apply to single
characters only), so every capture error except "unfinished capture" (which
is raised when the captures are pushed) is known at compile time too.

Two engines run a compiled pattern:

- ``_run``: lstrlib.c's ``match()`` with its recursion turned into an explicit
  stack of choice points, so a long pattern cannot hit Python's recursion
  limit.  Captures need no undoing on backtrack: items run in pattern order,
  so a successful path rewrites every capture slot it reads.
- Python's ``re``, when the pattern translates exactly.  Lua's matcher is a
  depth-first backtracker whose quantifiers apply to single characters, which
  is what ``re`` does with the same greedy (``*`` ``+`` ``?``) and lazy
  (``-`` as ``*?``) quantifiers; the first match found at a position is the
  same.  Classes are written as explicit byte sets, ``$`` as ``\\Z``, ``%f`` as
  lookarounds.  ``%b``, errors and unfinished captures stay with ``_run``.

5.1.5's lstrlib.c has no MAXCCALLS limit (that is 5.2): a long pattern just
works, so there is no "pattern too complex" error here either.
"""

from __future__ import annotations

import re
from itertools import islice

from ..conv import cstr
from ..numfmt import fmt_number
from ..values import BIG_ALLOC, MAX_ALLOC
from ..values import STRING_BYTES as _STRING_BYTES
from .aux import PatternError, posrelat  # noqa: F401 - the matcher's, shared with the formatter
from .work import BYTES_PER_STEP, SUSPENDED

LUA_MAXCAPTURES = 32
SPECIALS = b"^$*+?.([%-"


# -- C-locale ctype, as lua5.1 runs (lua.c never calls setlocale) -----------


def _ctype(pred) -> tuple:
    return tuple(bool(pred(c)) for c in range(256))


_ISALPHA = _ctype(lambda c: 65 <= c <= 90 or 97 <= c <= 122)
_ISDIGIT = _ctype(lambda c: 48 <= c <= 57)
_ISLOWER = _ctype(lambda c: 97 <= c <= 122)
_ISUPPER = _ctype(lambda c: 65 <= c <= 90)
_ISSPACE = _ctype(lambda c: 9 <= c <= 13 or c == 32)
_ISCNTRL = _ctype(lambda c: c < 32 or c == 127)
_ISPUNCT = _ctype(lambda c: 33 <= c <= 126 and not (_ISALPHA[c] or _ISDIGIT[c]))
_ISALNUM = _ctype(lambda c: _ISALPHA[c] or _ISDIGIT[c])
_ISXDIGIT = _ctype(lambda c: _ISDIGIT[c] or 97 <= c <= 102 or 65 <= c <= 70)
_ISZERO = _ctype(lambda c: c == 0)

_CLASSES = {
    ord("a"): _ISALPHA,
    ord("c"): _ISCNTRL,
    ord("d"): _ISDIGIT,
    ord("l"): _ISLOWER,
    ord("p"): _ISPUNCT,
    ord("s"): _ISSPACE,
    ord("u"): _ISUPPER,
    ord("w"): _ISALNUM,
    ord("x"): _ISXDIGIT,
    ord("z"): _ISZERO,
}

ANY = (True,) * 256
# Tables are built on first use (building all 512 at import costs ~15ms).
_literals: dict = {}
_class_tables: dict = {}


def _literal(x: int) -> tuple:
    t = _literals.get(x)
    if t is None:
        t = _literals[x] = tuple(c == x for c in range(256))
    return t


def _class(cl: int) -> tuple:
    t = _class_tables.get(cl)
    if t is None:
        t = _class_tables[cl] = _class_table(cl)
    return t


def _class_table(cl: int) -> tuple:
    """match_class(c, cl) for every c: ``%a`` and friends, ``%A`` their complement."""
    t = _CLASSES.get(cl | 0x20 if _ISUPPER[cl] else cl)
    if t is None:
        return _literal(cl)  # default: cl == c ('%.' is '.', '%g' is 'g')
    if _ISLOWER[cl]:
        return t
    return tuple(not x for x in t)


def _set_table(P: bytes, p: int, ec: int) -> tuple:
    """matchbracketclass(c, p, ec) for every c; P[p] is '[', P[ec] its ']'."""
    sig = True
    if P[p + 1] == 94:  # '^'
        sig = False
        p += 1
    hit = [False] * 256
    p += 1
    while p < ec:
        c = P[p]
        if c == 37:  # '%'
            p += 1
            t = _class(P[p])
            for i in range(256):
                if t[i]:
                    hit[i] = True
        elif P[p + 1] == 45 and p + 2 < ec:  # a range 'x-y'
            for i in range(c, P[p + 2] + 1):
                hit[i] = True
            p += 2
        else:
            hit[c] = True
        p += 1
    if sig:
        return tuple(hit)
    return tuple(not x for x in hit)


def _classend(P: bytes, p: int) -> int:
    """lstrlib's classend: the index after the single-char class at p (P ends in NUL)."""
    c = P[p]
    p += 1
    if c == 37:  # '%'
        if P[p] == 0:
            raise PatternError(b"malformed pattern (ends with '%')")
        return p + 1
    if c == 91:  # '['
        if P[p] == 94:
            p += 1
        while True:  # look for a ']'
            if P[p] == 0:
                raise PatternError(b"malformed pattern (missing ']')")
            c = P[p]
            p += 1
            if c == 37 and P[p] != 0:
                p += 1  # skip escapes (e.g. '%]')
            if P[p] == 93:
                return p + 1
    return p


# -- compiled patterns -----------------------------------------------------

# item opcodes
CHAR = 0  # (CHAR, table)            exactly one
OPT = 1  # (OPT, table)             '?'
STAR = 2  # (STAR, table)           '*'
PLUS = 3  # (PLUS, table)           '+'
MIN = 4  # (MIN, table)             '-'
OPEN = 5  # (OPEN, level)
POSCAP = 6  # (POSCAP, level)
CLOSE = 7  # (CLOSE, level)
BALANCE = 8  # (BALANCE, b, e)
FRONTIER = 9  # (FRONTIER, table)
BACKREF = 10  # (BACKREF, level)
END = 11  # (END,)
ENDANCHOR = 12  # (ENDANCHOR,)  '$' at the end
ERROR = 13  # (ERROR, message)

_QUANT = {63: OPT, 42: STAR, 43: PLUS, 45: MIN}

CAP_UNFINISHED = -1
CAP_POSITION = -2


class _Unfinished:
    """Marks a capture still open when the match ended ("unfinished capture" if pushed)."""

    __slots__ = ()


UNFINISHED = _Unfinished()


def _compile_items(pat: bytes):
    """The items of a NUL-free pattern (its anchor '^' already removed);
    returns (items, level at the end, kinds of captures)."""
    P = pat + b"\0"
    items = []
    kinds = []  # per capture: CAP_UNFINISHED, CAP_POSITION or 0 (closed)
    p = 0
    try:
        while True:
            c = P[p]
            if c == 40:  # '('
                if len(kinds) >= LUA_MAXCAPTURES:
                    raise PatternError(b"too many captures")
                if P[p + 1] == 41:
                    items.append((POSCAP, len(kinds)))
                    kinds.append(CAP_POSITION)
                    p += 2
                else:
                    items.append((OPEN, len(kinds)))
                    kinds.append(CAP_UNFINISHED)
                    p += 1
                continue
            if c == 41:  # ')'
                for l in range(len(kinds) - 1, -1, -1):
                    if kinds[l] == CAP_UNFINISHED:
                        break
                else:
                    raise PatternError(b"invalid pattern capture")
                items.append((CLOSE, l))
                kinds[l] = 0
                p += 1
                continue
            if c == 0:
                items.append((END,))
                break
            if c == 36 and P[p + 1] == 0:  # '$' as the last character
                items.append((ENDANCHOR,))
                break
            if c == 37:  # '%'
                d = P[p + 1]
                if d == 98:  # 'b'
                    if P[p + 2] == 0 or P[p + 3] == 0:
                        raise PatternError(b"unbalanced pattern")
                    items.append((BALANCE, P[p + 2], P[p + 3]))
                    p += 4
                    continue
                if d == 102:  # 'f'
                    p += 2
                    if P[p] != 91:
                        raise PatternError(b"missing '[' after '%f' in pattern")
                    ep = _classend(P, p)
                    items.append((FRONTIER, _set_table(P, p, ep - 1)))
                    p = ep
                    continue
                if _ISDIGIT[d]:
                    l = d - 49
                    if l < 0 or l >= len(kinds) or kinds[l] == CAP_UNFINISHED:
                        raise PatternError(b"invalid capture index")
                    items.append((BACKREF, l))
                    p += 2
                    continue
            ep = _classend(P, p)
            if c == 46:  # '.'
                t = ANY
            elif c == 37:
                t = _class(P[p + 1])
            elif c == 91:
                t = _set_table(P, p, ep - 1)
            else:
                t = _literal(c)
            op = _QUANT.get(P[ep])
            if op is None:
                items.append((CHAR, t))
                p = ep
            else:
                items.append((op, t))
                p = ep + 1
    except PatternError as e:
        items.append((ERROR, e.msg))
    return items, kinds


# The matcher counts its work in *steps*: an item run, a choice point
# resumed, a stretch of a long run scanned at C speed.  A search is given
# fuel (``box[0]``, steps); when it runs out the search stops at the next
# failure and says SUSPENDED, with what it needs to go on in ``box[1]``:
# the builtins (string.py) then become generators that charge the budget
# and resume the search exactly there (pylua/lib/work.py).
_SUSP = -2  # _run's SUSPENDED
UNLIMITED = 1 << 62  # fuel for callers that do not charge (tests, ...)
# The item _run resumes a suspended match at: the failure that stopped it.
FAIL = 14
_FAIL_ITEM = (FAIL,)

# a run longer than this is measured at C speed (re), not byte by byte
_SCAN = 32
_span_cache: dict = {}


def _span(t: tuple, s: bytes, j: int) -> int:
    """The end of the run of bytes of class t at j (a long one)."""
    rx = _span_cache.get(id(t))
    if rx is None or rx[0] is not t:
        if len(_span_cache) >= 256:
            _span_cache.clear()
        rx = _span_cache[id(t)] = (t, re.compile(_set_re(t) + b"*"))
    return rx[1].match(s, j).end()


def _run(items, s: bytes, n: int, i: int, init: list, length: list, box: list, stack=None) -> int:
    """lstrlib's match(ms, s+i, p): the end of the match at i, -1, or
    SUSPENDED (the fuel ``box[0]`` ran out: the choice points are in
    ``box[1]``, and ``_run(..., box, box[1])`` goes on from there).

    ``init``/``length`` receive the captures.  A choice point is a tuple
    (kind, item to resume at, position, extra): kind 0 is max_expand (extra:
    the next end to try, down to position), 1 min_expand (extra: the item's
    table), 2 the '?' alternative without the character, 3 a ``%b`` scan
    cut short by the fuel (extra: where it was, how deep).  The fuel is
    paid at each failure and at the end, for the items run since the path
    last resumed (k - kr + 1), so the common path counts nothing."""
    fuel = box[0]
    if stack is None:
        stack = []
        k = 0
    else:
        k = len(items) - 1  # the FAIL item: fail at once, resuming a choice point
    kr = k
    bal = None
    while True:
        it = items[k]
        op = it[0]
        if op == CHAR:
            if i < n and it[1][s[i]]:
                i += 1
                k += 1
                continue
        elif op == STAR:
            t = it[1]
            j = i
            lim = i + _SCAN
            if lim > n:
                lim = n
            while j < lim and t[s[j]]:
                j += 1
            if j == lim and j < n and t[s[j]]:
                j = _span(t, s, j)
                fuel -= (j - i) // BYTES_PER_STEP
            k += 1
            if j > i:
                stack.append((0, k, i, j - 1))
                i = j
            continue
        elif op == PLUS:
            t = it[1]
            if i < n and t[s[i]]:
                i += 1
                j = i
                lim = i + _SCAN
                if lim > n:
                    lim = n
                while j < lim and t[s[j]]:
                    j += 1
                if j == lim and j < n and t[s[j]]:
                    j = _span(t, s, j)
                    fuel -= (j - i) // BYTES_PER_STEP
                k += 1
                if j > i:
                    stack.append((0, k, i, j - 1))
                    i = j
                continue
        elif op == MIN:
            k += 1
            stack.append((1, k, i, it[1]))
            continue
        elif op == OPT:
            k += 1
            if i < n and it[1][s[i]]:
                stack.append((2, k, i, None))
                i += 1
            continue
        elif op == OPEN:
            init[it[1]] = i
            length[it[1]] = CAP_UNFINISHED
            k += 1
            continue
        elif op == CLOSE:
            length[it[1]] = i - init[it[1]]
            k += 1
            continue
        elif op == POSCAP:
            init[it[1]] = i
            length[it[1]] = CAP_POSITION
            k += 1
            continue
        elif op == END:
            box[0] = fuel - (k - kr + 1)
            return i
        elif op == ENDANCHOR:
            if i == n:
                box[0] = fuel - (k - kr + 1)
                return i
        elif op == BACKREF:
            l = it[1]
            ln = length[l]
            # a position capture has len CAP_POSITION, which as a size_t never fits
            if ln >= 0 and n - i >= ln:
                st = init[l]
                if s[st : st + ln] == s[i : i + ln]:
                    i += ln
                    k += 1
                    continue
        elif op == BALANCE:
            if bal is not None:
                j, cont = bal  # a scan cut short by the fuel goes on
                bal = None
            elif i < n and s[i] == it[1]:
                j = i + 1
                cont = 1
            else:
                cont = 0
            if cont:
                b = it[1]
                e = it[2]
                # matchbalance byte by byte, but from one b or e to the next
                while True:
                    ne = s.find(e, j)
                    # (the scans are at C speed, but they are paid for too)
                    fuel -= 1 + ((ne if ne >= 0 else n) - j) // BYTES_PER_STEP
                    if ne < 0:
                        break
                    nb = s.find(b, j, ne) if b != e else -1
                    if nb < 0:
                        j = ne + 1
                        cont -= 1
                        if cont == 0:
                            break
                    else:
                        j = nb + 1
                        cont += 1
                    if fuel <= 0:
                        stack.append((3, k, i, (j, cont)))
                        box[0] = fuel
                        box[1] = stack
                        return _SUSP
                if cont == 0:
                    i = j
                    k += 1
                    continue
        elif op == FRONTIER:
            t = it[1]
            # the subject is NUL-terminated in C: before the start and at the end is '\0'
            if not t[s[i - 1] if i > 0 else 0] and t[s[i] if i < n else 0]:
                k += 1
                continue
        elif op == ERROR:
            raise PatternError(it[1])
        # the current item failed (or FAIL): resume the latest choice point
        fuel -= k - kr + 1
        if fuel <= 0 and stack:
            box[0] = fuel
            box[1] = stack
            return _SUSP
        while True:
            if not stack:
                box[0] = fuel
                return -1
            kind, k, i, x = stack.pop()
            if kind == 0:
                if x > i:
                    stack.append((0, k, i, x - 1))
                i = x
                break
            if kind == 1:
                if i < n and x[s[i]]:
                    i += 1
                    stack.append((1, k, i, x))
                    break
                fuel -= 1
                continue
            if kind == 3:
                bal = x
            break
        kr = k


# -- translation to Python's re --------------------------------------------


def _ranges(t: tuple) -> list:
    out = []
    c = 0
    while c < 256:
        if t[c]:
            lo = c
            while c < 255 and t[c + 1]:
                c += 1
            out.append((lo, c))
        c += 1
    return out


_set_re_cache: dict = {}


def _set_re(t: tuple) -> bytes:
    """A byte set as an re set; always spelled with \\xHH so nothing is special."""
    r = _set_re_cache.get(t)
    if r is None:
        if len(_set_re_cache) >= 1024:
            _set_re_cache.clear()
        r = _set_re_cache[t] = _set_re_uncached(t)
    return r


def _set_re_uncached(t: tuple) -> bytes:
    rs = _ranges(t)
    if not rs:
        return rb"[^\x00-\xff]"
    if len(rs) == 1 and rs[0][0] == rs[0][1]:
        return rb"\x%02x" % rs[0][0]
    return (
        b"["
        + b"".join(rb"\x%02x" % lo if lo == hi else rb"\x%02x-\x%02x" % (lo, hi) for lo, hi in rs)
        + b"]"
    )


_RE_QUANT = {CHAR: b"", OPT: b"?", STAR: b"*", PLUS: b"+", MIN: b"*?"}


def _translate(items, kinds) -> bytes | None:
    """An re pattern that matches exactly as ``_run`` does, or None."""
    if CAP_UNFINISHED in kinds:
        return None  # "unfinished capture" must be raised when pushed
    out = []
    for it in items:
        op = it[0]
        if op <= MIN:
            out.append(_set_re(it[1]) + _RE_QUANT[op])
        elif op == OPEN:
            out.append(b"(")
        elif op == CLOSE:
            out.append(b")")
        elif op == POSCAP:
            out.append(b"()")
        elif op == BACKREF:
            if kinds[it[1]] == CAP_POSITION:
                out.append(b"(?!)")  # never matches, as in match_capture
            else:
                out.append(rb"(?:\%d)" % (it[1] + 1))
        elif op == FRONTIER:
            t = it[1]
            # previous char (NUL before the start) must not be in the set
            if t[0]:
                out.append(b"(?<=" + _set_re(tuple(not x for x in t)) + b")")
            else:
                out.append(b"(?<!" + _set_re(t) + b")")
            # current char (NUL at the end) must be in the set
            if t[0]:
                out.append(b"(?=" + _set_re(t) + rb"|\Z)")
            else:
                out.append(b"(?=" + _set_re(t) + b")")
        elif op == END or op == FAIL:
            pass
        elif op == ENDANCHOR:
            out.append(rb"\Z")
        else:  # BALANCE, ERROR
            return None
    return b"".join(out)


def _translatable(items, kinds) -> bool:
    if CAP_UNFINISHED in kinds:
        return False
    return all(it[0] != BALANCE and it[0] != ERROR for it in items)


# re's backtracking cannot be stopped, so a pattern goes to re only where
# its work is bounded; elsewhere _run matches, paying for each step, and a
# budgeted run can stop it.  ('a*'):rep(30) .. 'b' never ends, in lua5.1
# too; ('%a+%d') over a long run of letters is quadratic (every start scans
# the rest of the run).  What a search of n bytes may cost in re:
#
# - linear shapes, any n: no item of variable length (* + - %1); one,
#   with nothing after it that can fail ('%s+', '(%w+)', 'k=(.*)'); at
#   most one when anchored;
# - else, per start, the product over the items whose backtracking can
#   lead somewhere (the rest after them can start with a byte of their
#   class) of (longest run of their class + 1), times the pattern's size
#   plus the runs of the others (their backtracking fails at once: each
#   costs its run), times 2 per '?'; times n + 1 starts when not
#   anchored.  Runs count as n; when that is too much, the subject is
#   checked (one C pass per class, remembered for the subject) for a
#   longest run small enough: English text gives '(%w+)=(%w+)' runs of a
#   word, a long run of letters sends it to _run.
#
# "Too much" is RE_WORK steps, or RE_PER_BYTE per byte of the subject
# (re's own linear cost), but never over RE_MAX_WORK.
RE_WORK = 2_000_000
RE_PER_BYTE = 64
RE_MAX_WORK = 30_000_000
_ZERO_WIDTH_TAIL = frozenset((OPEN, CLOSE, POSCAP, END, FAIL))
_TRANSPARENT = frozenset((OPEN, CLOSE, POSCAP))
_NO_LIMIT = 1 << 62


def _rests(items) -> list:
    """For each index i, what follows items[i-1]: (always, first),
    ``always`` when the rest matches at any position, ``first`` the bytes
    it can start with when it consumes one (a 256-bit int; None: not
    known).  One pass from the end (a pattern of thousands of items costs
    thousands of steps, not millions)."""
    n = len(items)
    out = [None] * (n + 1)
    # what the rest from i ends on (END, ENDANCHOR or anything else), the
    # bytes it may start with, and whether a '.*' / '.-' comes before that
    term, first, anyn = FAIL, None, False
    out[n] = (False, None)
    bits = {}
    for i in range(n - 1, -1, -1):
        it = items[i]
        op = it[0]
        if op in _TRANSPARENT:
            pass
        elif op == END or op == ENDANCHOR:
            term, first, anyn = op, 0, False
        elif op == STAR or op == MIN or op == OPT:
            if first is not None:
                first |= _bits(it[1], bits)
            anyn = anyn or (it[1] is ANY and op != OPT)
        elif op == CHAR or op == PLUS:
            term, first, anyn = FAIL, _bits(it[1], bits), False
        elif op == BALANCE:
            term, first, anyn = FAIL, 1 << it[1], False
        else:  # FRONTIER, BACKREF, ERROR, FAIL
            term, first, anyn = FAIL, None, False
        # '.-$', '.*$': the '.' can take everything up to the end
        out[i] = (True if term == END else anyn if term == ENDANCHOR else False, first)
    return out


def _bits(t: tuple, memo: dict) -> int:
    b = memo.get(id(t))
    if b is None:
        b = memo[id(t)] = sum(1 << c for c in range(256) if t[c])
    return b


class _Cost:
    """A pattern's cost in re (see above): ``mult`` and ``add``, the
    tables of the items that multiply and add (None: a run of the whole
    subject), ``size`` (2 per '?' times the items), ``linear``."""

    __slots__ = ("mult", "add", "size", "linear", "linear_anchored", "classes")

    def __init__(self, items):
        q = o = 0
        var = -1
        mult = []
        add = []
        rests = _rests(items)
        bits = {}
        for idx, it in enumerate(items):
            op = it[0]
            if op == OPT:
                o += 1
            elif op == STAR or op == PLUS or op == MIN or op == BACKREF:
                q += 1
                if var < 0:
                    var = idx
                if op == BACKREF:
                    mult.append(None)
                    continue
                t = it[1]
                always, first = rests[idx + 1]
                tt = None if t is ANY else t
                if always or (first is not None and not (first & _bits(t, bits))):
                    add.append(tt)
                else:
                    mult.append(tt)
        self.mult = mult
        self.add = add
        self.size = len(items) << min(o, 62)
        self.linear = o <= 8 and (
            q == 0
            or (
                q == 1
                and items[var][0] != BACKREF
                and all(it[0] in _ZERO_WIDTH_TAIL for it in items[var + 1 :])
            )
        )
        self.linear_anchored = o <= 8 and q <= 1
        self.classes = list({id(t): t for t in mult + add if t is not None}.values())

    def work(self, n: int, run: int, anchor: bool) -> int:
        """Steps of a search over n bytes whose runs are at most run long
        (or any number over RE_MAX_WORK when that is more)."""
        w = 1
        for t in self.mult:
            w *= (n if t is None else run) + 1
            if w > RE_MAX_WORK:  # too much already (every factor is >= 1)
                return w
        w *= self.size + sum((n if t is None else run) + 1 for t in self.add)
        return w if anchor else w * (n + 1)


def _allowed(n: int) -> int:
    return min(max(RE_WORK, RE_PER_BYTE * (n + 1)), RE_MAX_WORK)


def _longest_ok(cost: _Cost, anchor: bool) -> int:
    """The longest subject re may search whatever its runs."""
    if cost.linear or (anchor and cost.linear_anchored):
        return _NO_LIMIT
    lo, hi = -1, 1 << 40
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if cost.work(mid, mid, anchor) <= _allowed(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


_run_rx: dict = {}


def _runs_at_most(pat, s: bytes, run: int) -> bool:
    """Has s no run longer than run of the classes of pat's items?
    (Remembered for the last subject: a loop of finds over one string
    checks it once.)"""
    if pat.runs_s is not s:
        pat.runs_s = s
        pat.runs_ok = {}
    ok = pat.runs_ok.get(run)
    if ok is None:
        ok = True
        for t in pat.cost.classes:
            key = (id(t), run)
            rx = _run_rx.get(key)
            if rx is None or rx[0] is not t:
                if len(_run_rx) >= 256:
                    _run_rx.clear()
                rx = _run_rx[key] = (t, re.compile(_set_re(t) + b"{%d}" % (run + 1)))
            if rx[1].search(s) is not None:
                ok = False
                break
        pat.runs_ok[run] = ok
    return ok


def re_bounded(pat, s: bytes, pos: int, anchor: bool) -> bool:
    """May re search s from pos (see above)?"""
    n = len(s) - pos
    if n <= (pat.re_anchored if anchor else pat.re_search):
        return True
    cost = pat.cost
    if cost is None or not cost.classes:
        return False
    allowed = _allowed(n)
    run = 1
    while run * 2 <= n and cost.work(n, run * 2, anchor) <= allowed:
        run *= 2
    if cost.work(n, run, anchor) > allowed:
        return False
    return _runs_at_most(pat, s, run)


# a subject shorter than this is scanned at C speed for free
_BIG = 1 << 14


def rx_for(pat, s: bytes, pos: int = 0, anchor: bool = False):
    """The pattern's re for a search of s from pos: None when re's work
    there is not bounded (see above), or while the pattern has not been
    worth compiling (RX_THRESHOLD)."""
    n = len(s) - pos
    if n > (pat.re_anchored if anchor else pat.re_search) and not re_bounded(pat, s, pos, anchor):
        return None
    rx = pat.rx
    if rx is None:
        if not pat.translatable:
            return None
        w = pat.work = pat.work + n + 32
        if w < RX_THRESHOLD:
            return None
        pat.translatable = False
        rx = pat.rx = re.compile(_translate(pat.items, pat.kinds))
    return rx


def _minlen(items) -> int:
    m = 0
    for it in items:
        op = it[0]
        if op == CHAR or op == PLUS:
            m += 1
        elif op == BALANCE:
            m += 2
    return m


# Tests turn USE_RE off to run every pattern through ``_run``, or set
# RX_THRESHOLD to 0 to translate every pattern at once.
USE_RE = True
# Compiling with re costs 50-400us (sre's compiler is Python code), a search
# with _run a few us on a short subject: a pattern moves to re once it has
# scanned this many bytes (plus a little per call) with _run.
RX_THRESHOLD = 1024


class Pattern:
    """A compiled pattern body (without the anchor '^', which callers handle)."""

    __slots__ = (
        "items", "kinds", "level", "rx", "translatable", "work", "minlen", "first",
        "simple_caps", "re_search", "re_anchored", "lazy", "cost", "runs_s", "runs_ok",
    )  # fmt: skip

    def __init__(self, body: bytes):
        items, kinds = _compile_items(body)
        items.append(_FAIL_ITEM)
        self.items = items
        self.kinds = kinds
        self.level = len(kinds)
        self.minlen = _minlen(items)
        self.rx = None
        self.translatable = USE_RE and _translatable(items, kinds)
        if self.translatable:
            self.cost = cost = _Cost(items)
            self.re_search = _longest_ok(cost, False)
            self.re_anchored = _longest_ok(cost, True)
        else:
            self.cost = None
            self.re_search = self.re_anchored = -1
        self.runs_s = None
        self.runs_ok = None
        self.lazy = any(it[0] == MIN for it in items)
        self.work = 0
        self.simple_caps = CAP_POSITION not in kinds
        # a byte every match must start with, to skip positions with bytes.find
        first = None
        it = items[0]
        if it[0] == CHAR or it[0] == PLUS:
            rs = _ranges(it[1])
            if len(rs) == 1 and rs[0][0] == rs[0][1]:
                first = bytes([rs[0][0]])
        elif it[0] == BALANCE:
            first = bytes([it[1]])
        self.first = first

    def search(self, s: bytes, pos: int, anchor: bool, box=None, resume=None, use_re=True):
        """The first match starting at pos or later (only at pos when anchored):
        (start, end, captures), None, or SUSPENDED when the fuel in ``box``
        ran out: ``search(s, pos, anchor, box, box[1])`` (box[0] filled
        again) goes on where it stopped.  Captures are Lua values (bytes, or
        a float for a position capture), UNFINISHED for an open capture.
        ``use_re`` False: _run only."""
        if box is None:
            box = [UNLIMITED, None]
        n = len(s)
        if resume is None:
            if pos > n:
                return None  # gmatch past an empty match at the end; re would clamp pos
            rx = None
            if use_re:
                rx = self.rx
                if rx is None or n - pos > self.re_search:
                    rx = rx_for(self, s, pos, anchor)
            if rx is not None:
                m = rx.match(s, pos) if anchor else rx.search(s, pos)
                if n - pos > _BIG:
                    box[0] -= ((m.end() if m is not None else n) - pos) // BYTES_PER_STEP
                if m is None:
                    return None
                if not self.level:
                    return m.start(), m.end(), ()
                if self.simple_caps:
                    return m.start(), m.end(), m.groups()
                kinds = self.kinds
                caps = [
                    float(m.start(l + 1) + 1) if kinds[l] == CAP_POSITION else m.group(l + 1)
                    for l in range(self.level)
                ]
                return m.start(), m.end(), caps
            init = [0] * self.level
            length = [0] * self.level
            st = pos
            stack = None
        else:
            st, stack, init, length = resume
        items = self.items
        first = self.first
        while True:
            if stack is None:
                if first is not None and not anchor:
                    j = s.find(first, st)
                    box[0] -= ((j if j >= 0 else n) - st) // BYTES_PER_STEP
                    if j < 0:
                        return None
                    st = j
                e = _run(items, s, n, st, init, length, box)
            else:
                e = _run(items, s, n, st, init, length, box, stack)
                stack = None
            if e >= 0:
                break
            if e == _SUSP:
                box[1] = (st, box[1], init, length)
                return SUSPENDED
            if anchor or st >= n:
                return None
            st += 1
            if box[0] <= 0:
                box[1] = (st, None, init, length)
                return SUSPENDED
        caps = []
        for l in range(self.level):
            ln = length[l]
            if ln == CAP_UNFINISHED:
                caps.append(UNFINISHED)
            elif ln == CAP_POSITION:
                caps.append(float(init[l] + 1))
            else:
                caps.append(s[init[l] : init[l] + ln])
        return st, e, caps


_cache: dict = {}


def compile_pattern(body: bytes) -> Pattern:
    pat = _cache.get(body)
    if pat is None:
        if len(_cache) >= 512:
            _cache.clear()
        pat = _cache[body] = Pattern(body)
    return pat


def split_anchor(p: bytes):
    """(body, anchor) for find/match/gsub, where a leading '^' anchors."""
    p = cstr(p)
    if p[:1] == b"^":
        return p[1:], True
    return p, False


# -- pushing captures ------------------------------------------------------


def push_captures(caps, level: int, s: bytes, st: int, e: int, whole: bool) -> list:
    """push_captures: every capture; the whole match when there are none and
    ``whole`` (match, gmatch, gsub's function), nothing for find."""
    if level == 0:
        return [s[st:e]] if whole else []
    for v in caps:
        if v is UNFINISHED:
            raise PatternError(b"unfinished capture")
    return list(caps)


def push_onecapture(i: int, caps, level: int, s: bytes, st: int, e: int):
    if i >= level:
        if i == 0:
            return s[st:e]
        raise PatternError(b"invalid capture index")
    v = caps[i]
    if v is UNFINISHED:
        raise PatternError(b"unfinished capture")
    return v


# -- the operations --------------------------------------------------------
#
# Each takes the caller's fuel box (None: unlimited) and returns its
# results, or, when the fuel ran out, a function ``go(box)`` that goes on
# with the fuel box[0] and returns the results or SUSPENDED again.


_find_cache: dict = {}


def _find_entry(p: bytes) -> list:
    """What str_find_aux needs to know about a pattern argument, cached:
    [no special characters, anchored, body, compiled body or None]."""
    e = _find_cache.get(p)
    if e is None:
        if len(_find_cache) >= 512:
            _find_cache.clear()
        c = cstr(p)
        anchor = c[:1] == b"^"
        # strpbrk(p, SPECIALS) only sees up to the first NUL
        e = _find_cache[p] = [
            not any(ch in SPECIALS for ch in c),
            anchor,
            c[1:] if anchor else c,
            None,
        ]
    return e


def re_captures(pat: Pattern, m) -> list:
    if pat.simple_caps:
        return list(m.groups())
    kinds = pat.kinds
    return [
        float(m.start(l + 1) + 1) if kinds[l] == CAP_POSITION else m.group(l + 1)
        for l in range(pat.level)
    ]


def _pending(search, finish):
    """go(box) for a suspended search: search(box, state) -> match or
    SUSPENDED; finish(match) -> the results."""

    def go(box):
        r = search(box, box[1])
        if r is SUSPENDED:
            return SUSPENDED
        return finish(r)

    return go


def str_find_aux(s: bytes, p: bytes, init: int, plain: bool, find: bool, box=None):
    """string.find (find=True) / string.match; init is the raw lua_Integer
    argument.  A list of results, or go(box) (see above)."""
    ls = len(s)
    # posrelat(init) - 1, clamped to [0, ls]
    if init > 0:
        init -= 1
        if init > ls:
            init = ls
    elif init < 0:
        init += ls
        if init < 0:
            init = 0
    ent = _find_cache.get(p) or _find_entry(p)
    if find and (plain or ent[0]):
        # plain search of the whole pattern, NULs included (lmemfind)
        j = s.find(p, init)
        if ls - init > _BIG and box is not None:
            box[0] -= ((j if j >= 0 else ls) - init) // BYTES_PER_STEP
        if j >= 0:
            return [float(j + 1), float(j + len(p))]
        return [None]
    pat = ent[3]
    if pat is None:
        pat = ent[3] = compile_pattern(ent[2])
    anchor = ent[1]
    rx = pat.rx
    if rx is None or ls - init > pat.re_search:
        rx = rx_for(pat, s, init, anchor)
    if rx is not None:
        m = rx.match(s, init) if anchor else rx.search(s, init)
        if ls - init > _BIG and box is not None:
            box[0] -= ((m.end() if m is not None else ls) - init) // BYTES_PER_STEP
        if m is None:
            return [None]
        if find:
            r = [float(m.start() + 1), float(m.end())]
            if pat.level:
                r += re_captures(pat, m)
            return r
        if not pat.level:
            return [m.group()]
        return re_captures(pat, m)
    r = pat.search(s, init, anchor, box)
    if r is SUSPENDED:
        return _find_pending(s, pat, init, anchor, find)
    return _find_results(r, pat, s, find)


def _find_pending(s, pat, init, anchor, find):
    # (a function of its own: closures would make str_find_aux's locals cells)
    return _pending(
        lambda box, state: pat.search(s, init, anchor, box, state),
        lambda r: _find_results(r, pat, s, find),
    )


def _find_results(r, pat, s, find) -> list:
    if r is None:
        return [None]
    st, e, caps = r
    if find:
        return [float(st + 1), float(e)] + push_captures(caps, pat.level, s, st, e, False)
    return push_captures(caps, pat.level, s, st, e, True)


def gmatch_step(s: bytes, pat: Pattern, pos: int):
    """gmatch_aux: (new start, captures) or None.  The anchor '^' is not special."""
    r = pat.search(s, pos, False)
    if r is None:
        return None
    st, e, caps = r
    return (e + 1 if e == st else e), push_captures(caps, pat.level, s, st, e, True)


def gmatch_stepper(s: bytes, pat: Pattern):
    """A function step(box) giving gmatch's successive captures (a list,
    [] at the end), or go(box) when the fuel ran out (see above)."""
    pos = 0
    level = pat.level
    ls = len(s)
    rx = pat.rx if ls <= pat.re_search else None
    if rx is None:
        rx = rx_for(pat, s)
    if rx is not None:
        # re may search the whole subject, so any rest of it
        search = rx.search

        def step_re(box=None):
            nonlocal pos
            if pos > ls:
                return []
            m = search(s, pos)
            if m is None:
                if box is not None:
                    box[0] -= (ls - pos) // BYTES_PER_STEP
                pos = ls + 1  # every later call fails as well
                return []
            st, e = m.span()
            if box is not None:
                box[0] -= (e - pos) // BYTES_PER_STEP
            pos = e + 1 if e == st else e
            if not level:
                return [m.group()]
            return re_captures(pat, m)

        return step_re

    def finish(r):
        nonlocal pos
        if r is None:
            pos = len(s) + 1  # every later call fails as well
            return []
        st, e, caps = r
        pos = e + 1 if e == st else e
        return push_captures(caps, level, s, st, e, True)

    def step(box=None):
        r = pat.search(s, pos, False, box)
        if r is SUSPENDED:
            start = pos
            return _pending(lambda box, state: pat.search(s, start, False, box, state), finish)
        return finish(r)

    return step


def compile_repl(repl: bytes):
    """add_s's reading of a replacement string: a list of bytes and capture
    numbers (0 for '%0', the whole match; k for '%k', push_onecapture(k-1))."""
    if b"%" not in repl:
        return [repl]
    parts = []
    lit = bytearray()
    i = 0
    n = len(repl)
    while i < n:
        c = repl[i]
        if c != 37:
            lit.append(c)
        else:
            i += 1
            d = repl[i] if i < n else 0  # the C string's terminating NUL
            if not _ISDIGIT[d]:
                lit.append(d)
            else:
                if lit:
                    parts.append(bytes(lit))
                    lit = bytearray()
                parts.append(d - 48)
        i += 1
    if lit:
        parts.append(bytes(lit))
    return parts


def expand_repl(parts, caps, level: int, s: bytes, st: int, e: int, acct=None) -> bytes:
    """add_s: the replacement of one match (a long one counted first: a
    capture lies inside the match, a position is a short number)."""
    if acct is not None and (e - st + 32) * len(parts) >= _BIG_PIECE:
        acct.alloc(sum(len(x) if x.__class__ is bytes else e - st + 32 for x in parts))
    out = []
    for x in parts:
        if x.__class__ is bytes:
            out.append(x)
        elif x == 0:
            out.append(s[st:e] if e - st < _BIG_PIECE else memoryview(s)[st:e])
        else:
            v = push_onecapture(x - 1, caps, level, s, st, e)
            if v.__class__ is float:
                v = fmt_number(v)
            out.append(v)
    return b"".join(out)


def _re_template(parts, pat: Pattern) -> bytes | None:
    """The replacement as an re template, when every reference is valid."""
    out = []
    for x in parts:
        if x.__class__ is bytes:
            out.append(x.replace(b"\\", b"\\\\"))
        elif x == 0:
            out.append(rb"\g<0>")
        else:
            i = x - 1
            if i >= pat.level:
                if i != 0:
                    return None  # "invalid capture index", raised at the first match
                out.append(rb"\g<0>")
            elif pat.kinds[i] == CAP_POSITION:
                return None
            else:
                out.append(rb"\g<%d>" % x)
    return b"".join(out)


class GsubState:
    """str_gsub's loop between two pieces of work: the output so far (the
    pieces since the last join in ``out``, ``pend`` bytes, the rest in
    ``buf``), where the next search starts, how many matches, and a
    suspended search.  With ``acct`` (a values.Acct) the output is counted
    as it grows, before each join: the memory limit stops a result that
    would pass it, however it grows."""

    __slots__ = ("out", "buf", "pos", "count", "search", "pend", "acct")

    def __init__(self, acct=None):
        self.out = []
        self.buf = None
        self.pos = 0
        self.count = 0
        self.search = None
        self.pend = 0
        self.acct = acct

    def add(self, piece) -> None:
        out = self.out
        out.append(piece)
        self.pend += len(piece)
        if len(out) >= 4096 or self.pend > _JOIN_BYTES:
            self._join()

    def _join(self) -> None:
        # a join now and then: memory stays the output's size
        if self.buf is None:
            self.buf = bytearray()
        if self.acct is not None:
            self.acct.alloc(self.pend, len(self.buf))  # (the limit may refuse it)
        self.buf += b"".join(self.out)
        self.out.clear()
        self.pend = 0

    def result(self) -> bytes:
        acct = self.acct
        if self.buf is None:
            if acct is not None:
                acct.total += _STRING_BYTES + self.pend  # (short pieces: counted after)
            return b"".join(self.out)
        self._join()
        if acct is not None:
            acct.alloc(_STRING_BYTES + len(self.buf), len(self.buf))  # the copy
        return bytes(self.buf)


_JOIN_BYTES = 1 << 20  # output bytes between two joins (and two counts)
_BIG_PIECE = 1 << 16  # a longer piece of the subject goes in as a view, not a copy


def _room(acct) -> int:
    """How many bytes acct lets one allocate now without a look at the heap."""
    if acct.limit is None:
        return MAX_ALLOC
    return min(MAX_ALLOC, acct.limit - acct.total)


def gsub_string(s: bytes, p: bytes, repl: bytes, max_s: int, box=None, acct=None):
    """string.gsub with a string (or number) replacement: (result, count),
    or go(box) (see above).  With ``acct`` (a values.Acct) the result is
    counted, and checked against the memory limit before it is made."""
    ent = _find_cache.get(p) or _find_entry(p)
    pat = ent[3]
    if pat is None:
        pat = ent[3] = compile_pattern(ent[2])
    anchor = ent[1]
    if max_s <= 0:
        return s, 0
    parts = _repl_cache.get(repl)
    if parts is None:
        if len(_repl_cache) >= 256:
            _repl_cache.clear()
        parts = _repl_cache[repl] = compile_repl(repl)
    ls = len(s)
    if pat.items[0][0] == END and not anchor:
        # the empty pattern matches before every byte and at the end
        r = _gsub_empty(s, expand_repl(parts, (), 0, s, 0, 0), max_s, acct)
        if box is not None:
            box[0] -= len(r[0]) // BYTES_PER_STEP
        return r
    if not anchor and (pat.minlen > 0 or not pat.lazy):
        rx = pat.rx
        if rx is None or ls > pat.re_search:
            rx = rx_for(pat, s)
        if rx is not None:
            # re's subn scans as str_gsub's loop does: after an empty match
            # at i it tries i + 1, and after a match ending at e it tries e
            # (an empty match there too, as Python >= 3.7 does); it could
            # differ only where the first match at i is empty and a longer
            # one exists, which a pattern without '-' cannot have (its
            # choices are tried longest first, the empty path last)
            tmpl = _re_template(parts, pat)
            if tmpl is not None:
                r = _gsub_re(s, pat, rx, tmpl, parts, max_s, box, acct)
                if r is not None:
                    return r
    return _gsub_run(s, pat, anchor, parts, max_s, box, GsubState(acct))


# re's subn keeps about 90 bytes per match until it ends: a subject with
# more matches than this goes through it in stretches of matches
SUBN_MATCHES = 1 << 16
_STRETCH_BYTES = 4 << 20  # the output a stretch may make (the stretches' size)


def _gsub_re(s: bytes, pat, rx, tmpl: bytes, parts, max_s: int, box, acct):
    """gsub at re's speed: (result, count) of one subn when that is small
    (a bound of its result fits the memory limit), else the stretches of
    _gsub_stretches; None when the pattern's re looks around its match
    (a frontier, '$'): stretches of the subject would change its matches."""
    ls = len(s)
    lit = 0
    refs = 0
    for x in parts:
        if x.__class__ is bytes:
            lit += len(x)
        else:
            refs += 1  # (a capture lies inside its match)
    nmatch = min(max_s, ls // pat.minlen if pat.minlen > 0 else ls + 1)
    bound = ls * (1 + refs) + nmatch * lit
    if nmatch <= SUBN_MATCHES and (acct is None or bound <= BIG_ALLOC or bound <= _room(acct)):
        r = rx.subn(tmpl, s, count=max_s)
        if acct is not None:
            acct.total += _STRING_BYTES + len(r[0])
        if box is not None:
            # (re's work per match: ~0.2 us, ~1 us more when the
            # replacement refers to captures, expanded by Python code)
            box[0] -= (ls + len(r[0])) // BYTES_PER_STEP + r[1] * (10 if refs else 2)
        return r
    if any(it[0] == FRONTIER or it[0] == ENDANCHOR for it in pat.items):
        return None
    k = max(1, min(SUBN_MATCHES >> (2 if refs else 0), _STRETCH_BYTES // max(lit, 1)))
    box = box or [UNLIMITED, None]
    return _gsub_stretches(s, rx, tmpl, k, refs, lit, max_s, box, GsubState(acct))


def _gsub_stretches(s, rx, tmpl, k: int, refs: int, lit: int, max_s: int, box, g):
    """re's subn over stretches of k matches of s from g.pos, each ending
    at the end of a non-empty match: re's matches there are the whole
    subject's when the pattern looks neither behind nor past its match
    (an empty match at a stretch's start is allowed after a non-empty one,
    as re's scan allows it).  Each stretch's output is counted before it is
    made; the work is paid per stretch, and a budgeted run may stop
    between two (go(box), as _gsub_run)."""
    ls = len(s)
    acct = g.acct
    while g.count < max_s:
        a = g.pos
        want = min(k, max_s - g.count)
        it = rx.finditer(s, a)
        m = next(islice(it, want - 1, None), None)
        j = want  # the matches in the stretch
        while m is not None and m.end() == m.start():
            m = next(it, None)  # (the stretch ends after a non-empty match)
            j += 1
        if m is None:
            stop = ls
            j = max_s - g.count
        else:
            stop = m.end()
        if acct is not None:
            need = (stop - a) * (1 + refs) + want * lit
            if need > BIG_ALLOC:
                acct.alloc(need, len(g.buf) if g.buf is not None else 0)
                acct.total -= need  # (g counts what subn makes)
        # (count: no empty match at the stretch's end, where the subject goes on)
        r, n = rx.subn(tmpl, s[a:stop], count=min(j, max_s - g.count))
        g.add(r)
        g.count += n
        g.pos = stop
        box[0] -= (2 * (stop - a) + len(r)) // BYTES_PER_STEP + n * (12 if refs else 4)
        if m is None:
            break
        if box[0] <= 0:
            return _stretches_pending(s, rx, tmpl, k, refs, lit, max_s, g)
    if g.pos < ls:
        g.add(s[g.pos :] if ls - g.pos < _BIG_PIECE else memoryview(s)[g.pos :])
    return g.result(), g.count


def _stretches_pending(s, rx, tmpl, k, refs, lit, max_s, g):
    def go(box):
        r = _gsub_stretches(s, rx, tmpl, k, refs, lit, max_s, box, g)
        return SUSPENDED if r.__class__ is not tuple else r

    return go


def _gsub_empty(s: bytes, r: bytes, max_s: int, acct=None):
    """gsub(s, "", r, max_s): r before each of the first max_s bytes (and
    at the end when max_s passes it), laid out at C speed (its size, and
    the copy's, counted first)."""
    n = len(s)
    k = min(max_s, n + 1)  # matches
    m = min(k, n)  # bytes that get an r before them
    step = len(r) + 1
    size = step * m + (len(r) if k > n else 0) + (n - m)
    if acct is not None:
        acct.alloc(size)
        acct.alloc(_STRING_BYTES + size, size)
    out = bytearray(size)
    if m:
        out[len(r) : step * m : step] = s[:m]
        for j in range(len(r)):
            out[j : step * m : step] = r[j : j + 1] * m
    if k > n:
        out[step * m : step * m + len(r)] = r
    elif m < n:
        out[step * m :] = memoryview(s)[m:]
    return bytes(out), k


def _gsub_run(s, pat, anchor, parts, max_s, box, g: GsubState):
    if box is None:
        box = [UNLIMITED, None]
    level = pat.level
    ls = len(s)
    pos = g.pos
    while g.count < max_s:
        sr = g.search
        if sr is None:
            r = pat.search(s, pos, anchor, box)
        else:
            g.search = None
            r = pat.search(s, pos, anchor, box, sr)
        if r is SUSPENDED:
            g.search = box[1]
            return _gsub_pending(s, pat, anchor, parts, max_s, g)
        if r is None:
            break
        st, e, caps = r
        g.count += 1
        if st > pos:
            g.add(s[pos:st] if st - pos < _BIG_PIECE else memoryview(s)[pos:st])
        g.add(expand_repl(parts, caps, level, s, st, e, g.acct))
        if e > st:
            pos = e
        elif st < ls:
            g.add(s[st : st + 1])
            pos = st + 1
        else:
            pos = st
            break
        if anchor:
            break
        g.pos = pos
        box[0] -= 1 + (e - st) // BYTES_PER_STEP
        if box[0] <= 0:
            return _gsub_pending(s, pat, anchor, parts, max_s, g)
    g.add(s[pos:] if ls - pos < _BIG_PIECE else memoryview(s)[pos:])
    return g.result(), g.count


def _gsub_pending(s, pat, anchor, parts, max_s, g):
    def go(box):
        r = _gsub_run(s, pat, anchor, parts, max_s, box, g)
        return SUSPENDED if r.__class__ is not tuple else r

    return go


_repl_cache: dict = {}
