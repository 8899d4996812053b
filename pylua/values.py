"""Lua values that are not Python primitives: tables, closures, upvalues,
builtins, coroutines, userdata, and the requests builtins yield to the VM.

See docs/internals.md for the mapping (nil = None, booleans, numbers are
floats, strings are bytes).  ``LuaTable`` follows ``ltable.c``: an array part
and a hash part whose sizes change only when a new key finds the hash part
full, so ``#t`` (``luaH_getn``), ``next`` over the array part and
``table.insert`` behave as in Lua 5.1.
"""

from __future__ import annotations

import struct
from functools import partial
from itertools import count as _count

from .errors import LuaError

MAXBITS = 26  # ltable.c: the array part holds at most 2^MAXBITS entries
MAXASIZE = 1 << MAXBITS


class _BoolKey:
    """A boolean stored as a table key: in Python True == 1.0 and
    hash(True) == hash(1.0), so booleans would collide with the number keys."""

    __slots__ = ("value",)

    def __init__(self, value: bool):
        self.value = value

    def __repr__(self) -> str:
        return f"<key {self.value}>"


TRUE_KEY = _BoolKey(True)
FALSE_KEY = _BoolKey(False)


def _ceillog2(x: int) -> int:
    return (x - 1).bit_length()


class BadKeyError(LuaError):
    """luaH_set's 'table index is nil/NaN' (the VM gives it the position of
    the instruction that assigned)."""


def _bad_key(key) -> LuaError:
    if key is None:
        return BadKeyError(b"table index is nil")
    return BadKeyError(b"table index is NaN")


# -- memory, as the collector counts it ------------------------------------------

# What an object costs, in bytes: about what CPython spends on ours, so
# that a memory limit bounds the process (Lua's own sizes are smaller; the
# counts rise and drop as lgc.c's do, at their own scale).
TABLE_BYTES = 256  # a LuaTable with its empty list and dict
SLOT_BYTES = 8  # an array slot
NODE_BYTES = 120  # a node: its dict entry, its key and next, and the spare ones
STRING_BYTES = 33  # a string's header, plus its length
CLOSURE_BYTES = 72  # a LuaFunction, plus UPVAL_BYTES per upvalue made
UPVAL_BYTES = 56
COROUTINE_BYTES = 1200  # a Coroutine with its first stack and CallInfos
CALLINFO_BYTES = 320  # a CallInfo (its attribute dict), counted as growCI grows the array
USERDATA_BYTES = 96
MAX_ALLOC = 1 << 32  # one allocation larger than this fails, limit or not
BIG_ALLOC = 1 << 16  # an allocation this large is checked against the limit first
# The instruction budget's price of bytes copied at C speed (a big CONCAT,
# a library's big result): about what one instruction costs in time.
BYTES_PER_UNIT = 512


class Acct:
    """The bytes a Lua state has allocated and not yet collected (lgc.c's
    totalbytes), its collector's threshold and its memory limit.  The
    running state's is ``values.acct``: tables count themselves there
    (LuaTable's constructor and resize); the VM counts closures, strings
    made by CONCAT, coroutines, and runs the collector at the threshold."""

    __slots__ = ("total", "threshold", "limit", "owner")

    def __init__(self, owner=None, limit: int | None = None):
        self.total = 0
        self.threshold = 1 << 62  # (the VM sets it)
        self.limit = limit
        self.owner = owner  # the VM, asked to collect when the limit is near

    def alloc(self, n: int, held: int = 0) -> None:
        """Count n bytes about to be allocated; LuaError "not enough memory"
        (LUA_ERRMEM) when they would pass the limit even after a collection,
        or when one allocation asks for more than MAX_ALLOC (a chunk's
        NEWTABLE size hint, string.rep(s, 1e12)...) without a limit.
        ``held``: bytes the caller holds that no Lua value refers to (a
        builtin's buffer so far, counted already): a collection cannot
        see them, so they are added to what it finds reachable."""
        total = self.total + n
        if (self.limit is not None and total > self.limit) or n > MAX_ALLOC:
            if self.owner is None or n > MAX_ALLOC:
                raise LuaError(b"not enough memory")
            self.owner.gc_out_of_memory(n + held)  # raises, or collects and counts n
            return
        self.total = total


acct = Acct()  # the state running now (VM.use_memory makes it its own)


# -- serial numbers: an object's stand-in for its address ----------------------
#
# Every table, function, coroutine and userdata gets a serial number when it
# is made, counted per kind: the n-th object of kind k (0 table, 1 function,
# 2 thread, 3 userdata) has serial 32 * n + 8 * k.  It is what ltable.c's
# hashpointer would hash (the main position of such a key), and a debugger
# names objects by it: the order objects are made in is the program's, so a
# run with or without a debugger watching gives every object the same number.
# The counters are the running program's: a debugger saves them with a state
# (serials) and sets them back before running it again (set_serials).

SERIAL_KINDS = 4


def _counters(made=(0, 0, 0, 0)):
    return [_count(32 * (n + 1) + 8 * k, 32) for k, n in enumerate(made)]


_t_serial, _f_serial, _c_serial, _u_serial = _counters()


def serials() -> tuple:
    """How many objects of each kind were made (tables, functions, threads,
    userdata): what set_serials takes to go on from here."""
    global _t_serial, _f_serial, _c_serial, _u_serial
    made = tuple((next(c) >> 5) - 1 for c in (_t_serial, _f_serial, _c_serial, _u_serial))
    _t_serial, _f_serial, _c_serial, _u_serial = _counters(made)
    return made


def set_serials(made: tuple) -> None:
    """The next objects are numbered after made (a tuple serials() gave)."""
    global _t_serial, _f_serial, _c_serial, _u_serial
    _t_serial, _f_serial, _c_serial, _u_serial = _counters(made)


def serial_kind(s: int) -> tuple:
    """(kind, n) of serial s: the n-th object made of that kind."""
    return (s >> 3) & 3, s >> 5


class LuaTable:
    """A Lua table, laid out as ``ltable.c`` lays it out.

    ``arr`` is the array part (``arr[i-1]`` holds key ``i``).  The hash part
    is a node vector of ``nodecap`` nodes (a power of 2; 0 for the dummy
    node): ``nkeys[i]`` is node i's key (None: never used), ``nnext[i]`` the
    next node of its collision chain (-1: none), ``lastfree`` the free
    pointer that walks down the vector.  A key goes to its main position
    (``mainposition``: luaS_hash for strings, the sum of a number's two
    32-bit halves modulo an odd size, booleans as themselves); collisions
    are placed from the free pointer down, moving a colliding key that is
    not in its own main position (luaH_newkey); when no free node is left
    the table is rehashed (numusearray, computesizes, luaH_resize, which
    reinserts from the last node down).  So ``next`` walks the array part
    then the nodes in index order, exactly as Lua 5.1 does.

    ``hash`` maps every key in the node vector to its value, for lookups: a
    removed key stays there with the value None (a dead node, kept until
    the next rehash, as ltable.c keeps it), so ``next`` after assigning nil
    goes on as in Lua.  Keys that C hashes by address (tables, functions,
    threads, userdata) hash by the serial number each got when it was
    made (``serial``), so their order is stable.
    """

    __slots__ = ("arr", "hash", "meta", "nodecap", "nkeys", "nnext", "lastfree", "npos", "serial", "gcmark")
    lua_type = "table"

    def __init__(self, narray: int = 0, nhash: int = 0):
        if narray or nhash:  # a size hint (NEWTABLE, a library): check it first
            acct.alloc(
                TABLE_BYTES
                + narray * SLOT_BYTES
                + (NODE_BYTES << _ceillog2(nhash) if nhash > 0 else 0)
            )
        else:
            acct.total += TABLE_BYTES
        self.arr = [None] * narray if narray else []
        self.hash = {}
        self.meta = None
        self.gcmark = 0  # the collector's cycle that last reached it
        self.serial = next(_t_serial)
        self.npos = None  # {key: node index} while next() walks the nodes
        if nhash > 0:
            size = 1 << _ceillog2(nhash)
            self.nodecap = size
            self.nkeys = [None] * size
            self.nnext = [-1] * size
            self.lastfree = size
        else:
            self.nodecap = 0
            self.nkeys = self.nnext = None
            self.lastfree = 0

    def __repr__(self) -> str:
        return f"<LuaTable 0x{id(self):x}>"

    # -- raw access ---------------------------------------------------------

    def get(self, key):
        """luaH_get: the raw value at key (None when absent)."""
        if key.__class__ is float:
            arr = self.arr
            if 1.0 <= key <= len(arr):
                i = int(key)
                if i == key:
                    return arr[i - 1]
            return self.hash.get(key)
        if key.__class__ is bool:
            key = TRUE_KEY if key else FALSE_KEY
        return self.hash.get(key)

    def geti(self, i: int):
        arr = self.arr
        if 0 < i <= len(arr):
            return arr[i - 1]
        return self.hash.get(float(i))

    def getstr(self, key: bytes):
        return self.hash.get(key)

    def set(self, key, value) -> None:
        """luaH_set + store: a raw assignment (value None removes)."""
        kc = key.__class__
        if kc is float:
            arr = self.arr
            if 1.0 <= key <= len(arr):
                i = int(key)
                if i == key:
                    arr[i - 1] = value
                    return
            elif key != key:
                raise _bad_key(key)
        elif kc is bool:
            key = TRUE_KEY if key else FALSE_KEY
        elif key is None:
            raise _bad_key(key)
        h = self.hash
        if key in h:
            h[key] = value
        else:  # (a nil value too: luaH_set makes the node, as in C)
            self.newkey(key, value)

    def seti(self, i: int, value) -> None:
        arr = self.arr
        if 0 < i <= len(arr):
            arr[i - 1] = value
            return
        key = float(i)
        h = self.hash
        if key in h:
            h[key] = value
        else:  # (a nil value too: luaH_set makes the node, as in C)
            self.newkey(key, value)

    def newkey(self, key, value) -> None:
        """luaH_newkey for a key known to be absent and already normalised
        (a float that is not in the array part, bytes, a _BoolKey, an
        object), then the value stored: a free node, or a rehash when there
        is none."""
        size = self.nodecap
        if size:
            nkeys = self.nkeys
            mp = mainposition(key, size)
            other = nkeys[mp]
            h = self.hash
            if other is not None and h[other] is not None:
                # the main position is taken: getfreepos
                lf = self.lastfree
                while lf > 0:
                    lf -= 1
                    if nkeys[lf] is None:
                        break
                else:
                    lf = -1
                self.lastfree = lf if lf > 0 else 0
                if lf < 0:
                    self._rehash_and_set(key, value)
                    return
                nnext = self.nnext
                othern = mainposition(other, size)
                if othern != mp:
                    # the colliding key is out of its main position: it moves
                    # to the free node, the new key takes its place
                    while nnext[othern] != mp:
                        othern = nnext[othern]
                    nnext[othern] = lf
                    nkeys[lf] = other
                    nnext[lf] = nnext[mp]
                    nnext[mp] = -1
                else:  # the new key goes to the free node, chained after mp
                    nnext[lf] = nnext[mp]
                    nnext[mp] = lf
                    mp = lf
            elif other is not None:  # a dead key: its node is reused
                del h[other]
            nkeys[mp] = key
            h[key] = value
            self.npos = None
            return
        self._rehash_and_set(key, value)

    def _rehash_and_set(self, key, value) -> None:
        self._rehash(key)
        # the key may now belong to the array part
        if key.__class__ is float:
            arr = self.arr
            if 1.0 <= key <= len(arr):
                i = int(key)
                if i == key:
                    arr[i - 1] = value
                    return
        self.newkey(key, value)

    # -- sizes (ltable.c's rehash) -----------------------------------------

    def _rehash(self, extra_key) -> None:
        nums = [0] * (MAXBITS + 1)
        nasize = _numusearray(self.arr, nums)
        totaluse = nasize
        for k, v in self.hash.items():
            if v is not None:
                totaluse += 1
                if k.__class__ is float:
                    nasize += _countint(k, nums)
        if extra_key.__class__ is float:
            nasize += _countint(extra_key, nums)
        totaluse += 1
        na, nasize = _computesizes(nums, nasize)
        self.resize(nasize, totaluse - na)

    def resize(self, nasize: int, nhsize: int) -> None:
        """luaH_resize: array part of exactly nasize, node vector for nhsize
        keys; the array's vanishing slice, then the old nodes from the last
        one down, are inserted again."""
        arr = self.arr
        oldasize = len(arr)
        oldkeys = self.nkeys
        oldhash = self.hash
        size = 1 << _ceillog2(nhsize) if nhsize > 0 else 0
        if size > MAXASIZE:
            raise LuaError(b"table overflow")
        grow = (nasize - oldasize) * SLOT_BYTES + (size - self.nodecap) * NODE_BYTES
        if grow > 0:
            acct.alloc(grow)  # (before allocating: the limit may refuse it)
        else:
            acct.total += grow
        if nasize > oldasize:
            arr.extend([None] * (nasize - oldasize))
        self.hash = {}
        self.npos = None
        if nhsize > 0:
            self.nodecap = size
            self.nkeys = [None] * size
            self.nnext = [-1] * size
            self.lastfree = size
        else:
            self.nodecap = 0
            self.nkeys = self.nnext = None
            self.lastfree = 0
        if nasize < oldasize:
            vanishing = arr[nasize:]
            del arr[nasize:]
            for j, v in enumerate(vanishing):
                if v is not None:
                    self.newkey(float(nasize + j + 1), v)
        if oldkeys is not None:
            for k in reversed(oldkeys):
                if k is None:
                    continue
                v = oldhash[k]
                if v is None:
                    continue
                if k.__class__ is float and 1.0 <= k <= nasize:
                    i = int(k)
                    if i == k:
                        arr[i - 1] = v
                        continue
                self.newkey(k, v)

    def resize_array(self, nasize: int) -> None:
        """luaH_resizearray (SETLIST): keep the node vector's size."""
        self.resize(nasize, self.nodecap)

    # -- length and traversal ----------------------------------------------

    def length(self) -> int:
        """luaH_getn: a border of the table, found as 5.1 finds it."""
        arr = self.arr
        j = len(arr)
        if j > 0 and arr[j - 1] is None:
            i = 0
            while j - i > 1:
                m = (i + j) // 2
                if arr[m - 1] is None:
                    j = m
                else:
                    i = m
            return i
        if self.nodecap == 0:
            return j
        return self._unbound_search(j)

    def _unbound_search(self, j: int) -> int:
        h = self.hash
        i = j
        j += 1
        while h.get(float(j)) is not None:
            i = j
            j *= 2
            if j > 2147483647:
                i = 1
                while self.geti(i) is not None:
                    i += 1
                return i - 1
        while j - i > 1:
            m = (i + j) // 2
            if self.geti(m) is None:
                j = m
            else:
                i = m
        return i

    def next(self, key):
        """lua_next: the entry after key, (key, value) or None at the end."""
        arr = self.arr
        n = len(arr)
        if key is None:
            i = 0
        else:
            i = -1
            if key.__class__ is float and 1.0 <= key <= n:
                i = int(key)
                if i != key:
                    i = -1
            if i < 0:
                return self._next_hash(key)
        while i < n:
            v = arr[i]
            i += 1
            if v is not None:
                return float(i), v
        return self._hash_from(0)

    def _next_hash(self, key):
        if key.__class__ is bool:
            key = TRUE_KEY if key else FALSE_KEY
        npos = self.npos
        if npos is None:
            nkeys = self.nkeys or ()
            npos = self.npos = {k: i for i, k in enumerate(nkeys) if k is not None}
        pos = npos.get(key)
        if pos is None:
            raise LuaError(b"invalid key to 'next'")
        return self._hash_from(pos + 1)

    def _hash_from(self, pos: int):
        nkeys = self.nkeys
        if nkeys is None:
            return None
        h = self.hash
        n = len(nkeys)
        while pos < n:
            k = nkeys[pos]
            if k is not None:
                v = h[k]
                if v is not None:
                    if k.__class__ is _BoolKey:
                        k = k.value
                    return k, v
            pos += 1
        return None

    def items(self):
        """Every (key, value) with a non-nil value, in next's order (Python use)."""
        for i, v in enumerate(self.arr):
            if v is not None:
                yield float(i + 1), v
        if self.nkeys is not None:
            h = self.hash
            for k in list(self.nkeys):
                if k is not None:
                    v = h.get(k)
                    if v is not None:
                        yield (k.value if k.__class__ is _BoolKey else k), v

    def nodes(self):
        """The node vector as (key, value, next) per node (None key: free),
        for a debugger's picture of the layout."""
        if self.nkeys is None:
            return []
        h = self.hash
        return [
            (None, None, -1) if k is None else (k.value if k.__class__ is _BoolKey else k, h[k], nx)
            for k, nx in zip(self.nkeys, self.nnext, strict=True)
        ]


# -- main positions (ltable.c's mainposition) -----------------------------------

_SHASH: dict = {}  # luaS_hash of the strings used as keys (cleared when large)
_pack_d = struct.Struct("<d").pack
_unpack_ii = struct.Struct("<II").unpack


_SHASH_ALL: dict = {}  # the same with every byte hashed
hash_all = False  # set by VM.use_memory: the running state's string hash


def luaS_hash(s: bytes) -> int:
    """lstring.c's hash: the length, then at most 32 of the bytes, from the
    end (every byte in Redis's Lua: ``hash_all``, its commit 7f88923b4)."""
    if hash_all:
        return _luaS_hash_all(s)
    h = _SHASH.get(s)
    if h is None:
        n = len(s)
        h = n
        step = (n >> 5) + 1
        for i in range(n, step - 1, -step):
            h ^= ((h << 5) + (h >> 2) + s[i - 1]) & 0xFFFFFFFF
        if len(_SHASH) > 100_000:
            _SHASH.clear()
        _SHASH[s] = h
    return h


def _luaS_hash_all(s: bytes) -> int:
    h = _SHASH_ALL.get(s)
    if h is None:
        n = len(s)
        h = n
        for i in range(n, 0, -1):
            h ^= ((h << 5) + (h >> 2) + s[i - 1]) & 0xFFFFFFFF
        if len(_SHASH_ALL) > 100_000:
            _SHASH_ALL.clear()
        _SHASH_ALL[s] = h
    return h


def mainposition(key, size: int) -> int:
    """The node a key belongs in, in a node vector of size nodes."""
    c = key.__class__
    if c is bytes:
        return luaS_hash(key) & (size - 1)
    if c is float:
        if key == 0.0:  # (-0 too)
            return 0
        lo, hi = _unpack_ii(_pack_d(key))
        return ((lo + hi) & 0xFFFFFFFF) % ((size - 1) | 1)
    if c is _BoolKey:
        return key.value & (size - 1)
    return key.serial % ((size - 1) | 1)


def serial(o) -> int:
    """An object's stand-in for its address, given when it was made."""
    return o.serial


def _numusearray(arr: list, nums: list) -> int:
    """ltable.c numusearray: count non-nil array entries per slice (2^(lg-1), 2^lg]."""
    size = len(arr)
    ause = 0
    lo = 0  # 0-based start of the slice
    lg = 0
    ttlg = 1
    while lg <= MAXBITS:
        lim = ttlg
        if lim > size:
            lim = size
            if lo >= lim:
                break
        chunk = lim - lo
        if chunk > 0:
            lc = chunk - arr[lo:lim].count(None)
            nums[lg] += lc
            ause += lc
        lo = lim
        lg += 1
        ttlg *= 2
    return ause


def _countint(key: float, nums: list) -> int:
    if 1.0 <= key <= MAXASIZE:
        k = int(key)
        if k == key:
            nums[_ceillog2(k)] += 1
            return 1
    return 0


def _computesizes(nums: list, narray: int) -> tuple[int, int]:
    """ltable.c computesizes: (keys going to the array part, array size)."""
    a = 0
    na = 0
    n = 0
    i = 0
    twotoi = 1
    while twotoi // 2 < narray:
        if nums[i] > 0:
            a += nums[i]
            if a > twotoi // 2:
                n = twotoi
                na = a
        if a == narray:
            break
        i += 1
        twotoi *= 2
    return na, n


def fb2int(x: int) -> int:
    """luaO_fb2int: NEWTABLE's 'floating point byte' sizes."""
    e = (x >> 3) & 31
    if e == 0:
        return x
    return ((x & 7) + 8) << (e - 1)


# -- functions -------------------------------------------------------------


class UpVal:
    """An upvalue: ``stack[idx]`` is its value.  While open, ``stack`` is the
    value stack of the coroutine whose frame owns the variable; closing it
    points it at a one-element list of its own, so reads and writes never
    need to ask which state it is in."""

    __slots__ = ("stack", "idx")

    def __init__(self, stack: list, idx: int):
        self.stack = stack
        self.idx = idx

    def get(self):
        return self.stack[self.idx]

    def set(self, value) -> None:
        self.stack[self.idx] = value

    def close(self) -> None:
        self.stack = [self.stack[self.idx]]
        self.idx = 0

    @property
    def is_open(self) -> bool:
        # value stacks are never a single slot long; a closed upvalue's list is
        return len(self.stack) != 1


class LuaFunction:
    """A Lua closure: a Proto, its upvalues and its environment table."""

    __slots__ = ("proto", "upvals", "env", "serial", "gcmark")
    lua_type = "function"

    def __init__(self, proto, upvals: list, env):
        self.proto = proto
        self.upvals = upvals
        self.env = env
        self.gcmark = 0
        self.serial = next(_f_serial)

    def __repr__(self) -> str:
        return f"<LuaFunction {self.proto.source[:20]!r}:{self.proto.linedefined} 0x{id(self):x}>"


def is_generator_function(fn) -> bool:
    """``inspect.isgeneratorfunction``, without importing inspect (which
    costs every start of ``python -m pylua`` some ms): a function, or a
    method or ``functools.partial`` of one, whose code makes a generator."""
    while True:
        if hasattr(fn, "__func__"):  # a bound method
            fn = fn.__func__
        elif isinstance(fn, partial):
            fn = fn.func
        else:
            break
    code = getattr(fn, "__code__", None)
    return code is not None and bool(code.co_flags & 0x20)  # CO_GENERATOR


class Builtin:
    """A function written in Python: ``fn(L, args) -> list | None``, or a
    generator function that yields requests (``Call``) to the VM.

    ``upvals`` lists the Lua values the function keeps (coroutine.wrap's
    coroutine, ...) so that the collector can see them."""

    __slots__ = ("name", "fn", "gen", "upvals", "serial", "gcmark")
    lua_type = "function"

    def __init__(self, name: str, fn, upvals=None):
        self.name = name
        self.fn = fn
        self.gen = is_generator_function(fn)
        self.upvals = upvals
        self.gcmark = 0
        self.serial = next(_f_serial)

    def __repr__(self) -> str:
        return f"<Builtin {self.name}>"


class Userdata:
    """A full userdata: ``value`` is whatever Python object it wraps."""

    __slots__ = ("value", "meta", "env", "gc_listed", "serial", "gcmark")
    lua_type = "userdata"

    def __init__(self, value=None, meta=None):
        self.value = value
        self.meta = meta
        self.gcmark = 0
        self.serial = next(_u_serial)
        self.env = None
        self.gc_listed = False  # in VM.udata_gc (once a metatable was set)


class LightUserdata:
    """A light userdata: a bare C pointer, not collectable, compared by value,
    its metatable the one of its type (typemeta["userdata"]).  Only the NULL
    pointer exists (``LIGHT_NULL``: Redis's ``cjson.null``, what
    ``cjson.decode`` gives for ``null``); ``tostring`` prints it as glibc's
    ``%p`` prints NULL: ``userdata: (nil)``.  A singleton, so ``==`` and table
    keys work by identity; copies (checkpoints, pickles) keep it."""

    __slots__ = ()
    lua_type = "userdata"
    serial = 0  # hashpointer(NULL): main position 0

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self

    def __reduce__(self):
        return "LIGHT_NULL"

    def __repr__(self) -> str:
        return "userdata: (nil)"


LIGHT_NULL = LightUserdata()


class Coroutine:
    """A Lua thread: its own value stack and CallInfo list.

    ``status`` is ``suspended``, ``running``, ``normal`` or ``dead``;
    ``resumer`` the coroutine that resumed it while it runs.  ``nCcalls`` and
    ``baseCcalls`` count nested C calls as ldo.c does (for "C stack overflow"
    and "attempt to yield across metamethod/C-call boundary")."""

    __slots__ = (
        "serial",
        "gcmark",
        "stack",
        "cis",
        "openupval",
        "uvtop",
        "status",
        "resumer",
        "fn",
        "globals",
        "nCcalls",
        "baseCcalls",
        "top",
        "cfunc",
        "size_ci",
        "transfer",
        "error",
        "hook",
        "allowhook",
        "pygen",
        "__weakref__",
    )
    lua_type = "thread"

    def __init__(self, fn, globals_):
        self.gcmark = 0
        self.serial = next(_c_serial)
        self.stack = [None] * 64
        self.cis = []
        self.openupval = {}  # stack slot -> its open UpVal
        self.uvtop = -1  # the highest slot with an open upvalue (-1: none)
        self.status = "suspended"
        self.resumer = None
        self.fn = fn  # the body until first resumed
        self.globals = globals_
        self.nCcalls = 0
        self.baseCcalls = 0
        self.top = 0  # first free slot after a multiple-results call/vararg
        self.cfunc = None  # a builtin running without a frame of its own
        self.size_ci = 8  # emulates ldo.c's CallInfo array size (growCI)
        self.transfer = None  # values waiting to be sent into the top generator frame
        self.error = None  # error value of a coroutine that died by error
        self.hook = None  # debug.sethook's state (pylua.vm.HookState) for this thread
        self.allowhook = True  # false while a hook runs (no hooks inside hooks)
        self.pygen = None  # its body compiled as a Python generator (pylua.fastfunc), if so

    def __repr__(self) -> str:
        return f"<Coroutine {self.status} 0x{id(self):x}>"


# -- requests a builtin generator yields ---------------------------------


class Call:
    """``results = yield Call(fn, args)``: call any callable Lua value.

    ``protected=True`` makes the call a protected one (lua_pcall): an error
    is thrown into the generator at the ``yield`` after the frames above it
    are unwound, and ``handler`` (xpcall's message handler) runs first, at
    the point of the error."""

    __slots__ = ("fn", "args", "protected", "handler", "at")

    def __init__(self, fn, args, protected: bool = False, handler=None, at=None):
        self.fn = fn
        self.args = list(args)
        self.protected = protected or handler is not None
        self.handler = handler
        # at=k: fn and args are the builtin's own arguments from its k-th
        # (0-based) on, called where they lie, as lua_pcall calls what is on
        # the C stack (the callee's registers are the caller's arguments);
        # None: above the builtin's arguments
        self.at = at


def truth(res) -> bool:
    """The truth of a Call's first result (a comparison's metamethod, a
    sort comparator): false for none, nil or false."""
    return bool(res) and res[0] is not None and res[0] is not False


class Resume:
    """``ok, values = yield Resume(co, args)``: lua_resume.  ``ok`` False
    means the coroutine died by an error (``values`` is the error value) or
    could not be resumed (``values`` is the message).  A plain builtin may
    also return a Resume: its results are then (true, values...) or
    (false, error) as coroutine.resume's, or with ``wrap`` the values
    themselves, an error being raised as coroutine.wrap raises it."""

    __slots__ = ("co", "args", "wrap")

    def __init__(self, co, args, wrap: bool = False):
        self.co = co
        self.args = list(args)
        self.wrap = wrap


class Yield:
    """``args = yield Yield(values)``: lua_yield from coroutine.yield (a
    plain builtin may return it too: its results are the resume's arguments)."""

    __slots__ = ("values",)

    def __init__(self, values):
        self.values = list(values)


class Charge:
    """``yield Charge(n)``: a builtin doing long work (a pattern match, a
    big concatenation) pays n units of the instruction budget.  The VM
    goes on with the builtin at once if the budget lasts, else returns
    RUNNING with the builtin's frame waiting: the next run resumes it
    where it was (so run(budget) and Stop reach into long builtins)."""

    __slots__ = ("n",)

    def __init__(self, n: int):
        self.n = n


def raw_equal(a, b) -> bool:
    """luaO_rawequalObj: equal without metamethods (1 == 1.0 but not true)."""
    if a.__class__ is not b.__class__:
        return False
    if a.__class__ in (float, bytes, bool) or a is None:
        return a == b
    return a is b


def lua_typename(v) -> str:
    if v is None:
        return "nil"
    c = v.__class__
    if c is float:
        return "number"
    if c is bytes:
        return "string"
    if c is bool:
        return "boolean"
    return v.lua_type


# -- call frames -----------------------------------------------------------

# CallInfo.kind
CI_LUA = 0  # a Lua function: base, top, savedpc are meaningful
CI_C = 1  # a builtin shown at the point of an error (it has ended)
CI_GEN = 2  # a generator builtin waiting for the result of a request
CI_HOST = 3  # the Python code that started the VM (lua.c's C frame: "[C]: ?")

# CallInfo.callkind: how the caller wants the results
CALL_LUA = 0  # OP_CALL/OP_TAILCALL of a Lua frame: results at func, caller goes on
CALL_META = 1  # a metamethod or TFORLOOP's iterator: the caller's instruction finishes
CALL_META_NOT = 2  # __lt standing in for __le: the result is negated
CALL_GEN = 3  # a request of the generator frame below: results are sent into it
CALL_HOST = 4  # called from Python (a run, a coroutine body): the run ends
CALL_HANDLER = 5  # xpcall's message handler running at the point of an error
CALL_CO = 6  # the body of a coroutine: its return ends the coroutine
CALL_HOOK = 7  # a debug.sethook function: results dropped, the instruction then runs
CALL_GC = 8  # the finalizers of a cycle run at an instruction's end: results dropped
# the calls that count as C calls (nCcalls: 'C stack overflow')
C_CALLKINDS = (CALL_META, CALL_META_NOT, CALL_GEN, CALL_HOST, CALL_HANDLER, CALL_HOOK, CALL_GC)


class CallInfo:
    """One frame of a coroutine's call stack (lstate.h's CallInfo).

    ``func`` is the stack slot of the function, ``base`` its first register,
    ``top`` the first slot past its registers, ``savedpc`` the index of the
    next instruction (Lua frames), ``tailcalls`` how many frames tail calls
    removed below it.  ``cl`` is the LuaFunction or Builtin running.
    ``protected``/``handler`` mark the frame called by a protected call (the
    boundary an error unwinds to, and xpcall's message handler);
    ``saved_ncc`` is the coroutine's nCcalls to restore there.

    The class attributes are the defaults: a Lua call sets only what
    differs (creating the frame is the price of every call).
    """

    kind = CI_LUA
    callkind = CALL_LUA
    nresults = -1
    ret = None  # a Lua frame called by OP_CALL: the results its caller wants
    savedpc = 0
    tailcalls = 0
    gen = None  # the generator of a CI_GEN frame
    args = None  # a builtin's arguments
    aux = None  # CONCAT's progress while __concat runs; a waiting coroutine request
    protected = False
    handler = None
    saved_ncc = 0
    hookpc = None  # the last instruction a line hook saw here
    hookcall = False  # a builtin's frame pushed for its call hook only
    inhook = False  # a debug.sethook hook runs before this frame's next instruction
    hookret = None  # a builtin it called, whose return event is due
    _top = 0

    @property
    def top(self) -> int:
        """First slot past the frame: a Lua frame's registers end at
        base + maxstacksize (not stored: one store less per call)."""
        if self.kind == CI_LUA:
            return self.base + self.cl.proto.maxstacksize
        return self._top

    @top.setter
    def top(self, value: int) -> None:
        self._top = value

    @property
    def wanted(self) -> int:
        """How many results the caller wants (-1: all)."""
        return self.ret if self.ret is not None else self.nresults

    def __repr__(self) -> str:
        kinds = ("lua", "C", "gen", "host")
        return f"<CallInfo {kinds[self.kind]} {self.cl!r} func={self.func} base={self.base} pc={self.savedpc}>"


def new_ci(kind, cl, func, base, top, nresults, callkind) -> CallInfo:
    ci = CallInfo()
    ci.kind = kind
    ci.cl = cl
    ci.func = func
    ci.base = base
    ci._top = top
    ci.nresults = nresults
    ci.callkind = callkind
    if callkind == CALL_LUA and kind == CI_LUA:
        ci.ret = nresults
    return ci
