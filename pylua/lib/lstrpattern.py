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

from ..conv import cstr
from ..numfmt import fmt_number

LUA_MAXCAPTURES = 32
SPECIALS = b"^$*+?.([%-"


class PatternError(Exception):
    """A luaL_error raised by the matcher; the builtin adds the position."""

    def __init__(self, msg: bytes):
        super().__init__(msg)
        self.msg = msg


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


def _run(items, s: bytes, n: int, i: int, init: list, length: list) -> int:
    """lstrlib's match(ms, s+i, p): the end of the match at i, or -1.

    ``init``/``length`` receive the captures.  A choice point is a tuple
    (kind, item to resume at, position, extra): kind 0 is max_expand (extra:
    the next end to try, down to position), 1 min_expand (extra: the item's
    table), 2 the '?' alternative without the character."""
    stack = []
    k = 0
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
            while j < n and t[s[j]]:
                j += 1
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
                while j < n and t[s[j]]:
                    j += 1
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
            return i
        elif op == ENDANCHOR:
            if i == n:
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
            if i < n and s[i] == it[1]:
                b = it[1]
                e = it[2]
                cont = 1
                j = i + 1
                while j < n:
                    c = s[j]
                    if c == e:
                        cont -= 1
                        if cont == 0:
                            break
                    elif c == b:
                        cont += 1
                    j += 1
                if j < n:
                    i = j + 1
                    k += 1
                    continue
        elif op == FRONTIER:
            t = it[1]
            # the subject is NUL-terminated in C: before the start and at the end is '\0'
            if not t[s[i - 1] if i > 0 else 0] and t[s[i] if i < n else 0]:
                k += 1
                continue
        else:  # ERROR
            raise PatternError(it[1])
        # the current item failed: resume the latest choice point
        while True:
            if not stack:
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
                continue
            break


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
        elif op == END:
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


def rx_for(pat, n: int):
    """The pattern's re, compiled once it has been worth it; None meanwhile
    (and always for a pattern that does not translate)."""
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
        "items", "kinds", "level", "rx", "translatable", "work", "minlen", "first", "simple_caps",
    )  # fmt: skip

    def __init__(self, body: bytes):
        items, kinds = _compile_items(body)
        self.items = items
        self.kinds = kinds
        self.level = len(kinds)
        self.minlen = _minlen(items)
        self.rx = None
        self.translatable = USE_RE and _translatable(items, kinds)
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

    def search(self, s: bytes, pos: int, anchor: bool):
        """The first match starting at pos or later (only at pos when anchored):
        (start, end, captures) or None.  Captures are Lua values (bytes, or a
        float for a position capture), UNFINISHED for an open capture."""
        if pos > len(s):
            return None  # gmatch past an empty match at the end; re would clamp pos
        rx = self.rx
        if rx is None:
            rx = rx_for(self, len(s) - pos)
        if rx is not None:
            m = rx.match(s, pos) if anchor else rx.search(s, pos)
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
        items = self.items
        n = len(s)
        init = [0] * self.level
        length = [0] * self.level
        if anchor:
            e = _run(items, s, n, pos, init, length)
            st = pos
        else:
            first = self.first
            st = pos
            while True:
                if first is not None:
                    st = s.find(first, st)
                    if st < 0:
                        return None
                e = _run(items, s, n, st, init, length)
                if e >= 0 or st >= n:
                    break
                st += 1
        if e < 0:
            return None
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


def posrelat(pos: int, length: int) -> int:
    if pos < 0:
        pos += length + 1
    return pos if pos >= 0 else 0


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


def str_find_aux(s: bytes, p: bytes, init: int, plain: bool, find: bool) -> list:
    """string.find (find=True) / string.match; init is the raw lua_Integer argument."""
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
        if j >= 0:
            return [float(j + 1), float(j + len(p))]
        return [None]
    pat = ent[3]
    if pat is None:
        pat = ent[3] = compile_pattern(ent[2])
    rx = pat.rx
    if rx is None:
        rx = rx_for(pat, ls - init)
    if rx is not None:
        m = rx.match(s, init) if ent[1] else rx.search(s, init)
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
    r = pat.search(s, init, ent[1])
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
    """A function giving gmatch's successive captures (a list, [] at the end)."""
    ls = len(s)
    rx = pat.rx or rx_for(pat, ls)
    pos = 0
    if rx is not None:
        search = rx.search
        level = pat.level

        def step():
            nonlocal pos
            if pos > ls:
                return []
            m = search(s, pos)
            if m is None:
                pos = ls + 1  # every later call fails as well
                return []
            st, e = m.span()
            pos = e + 1 if e == st else e
            if not level:
                return [m.group()]
            return re_captures(pat, m)

        return step

    def step_port():
        nonlocal pos
        r = gmatch_step(s, pat, pos)
        if r is None:
            return []
        pos, caps = r
        return caps

    return step_port


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


def expand_repl(parts, caps, level: int, s: bytes, st: int, e: int) -> bytes:
    out = []
    for x in parts:
        if x.__class__ is bytes:
            out.append(x)
        elif x == 0:
            out.append(s[st:e])
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


def gsub_iter(s: bytes, pat: Pattern, anchor: bool, max_s: int):
    """str_gsub's loop: yields (text kept before the match, start, end,
    captures) for each match; returns (via StopIteration) the tail to append."""
    n = 0
    pos = 0
    ls = len(s)
    while n < max_s:
        r = pat.search(s, pos, anchor)
        if r is None:
            break
        st, e, caps = r
        n += 1
        if e > st:
            yield s[pos:st], st, e, caps
            pos = e
        elif st < ls:
            # empty match: keep the character after it and move on
            yield s[pos:st], st, e, caps
            yield None, st, st + 1, None
            pos = st + 1
        else:
            yield s[pos:st], st, e, caps
            pos = st
            break
        if anchor:
            break
    return s[pos:]


_repl_cache: dict = {}


def gsub_string(s: bytes, p: bytes, repl: bytes, max_s: int):
    """string.gsub with a string (or number) replacement: (result, count)."""
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
    rx = pat.rx or rx_for(pat, len(s))
    if rx is not None and not anchor and pat.minlen > 0:
        # no empty matches: re's subn scans exactly as the gsub loop does
        tmpl = _re_template(parts, pat)
        if tmpl is not None:
            return rx.subn(tmpl, s, count=max_s)
    out = []
    count = 0
    level = pat.level
    it = gsub_iter(s, pat, anchor, max_s)
    try:
        while True:
            before, st, e, caps = next(it)
            if before is None:
                out.append(s[st:e])
                continue
            if before:
                out.append(before)
            count += 1
            out.append(expand_repl(parts, caps, level, s, st, e))
    except StopIteration as stop:
        out.append(stop.value)
    return b"".join(out), count
