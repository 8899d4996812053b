"""Checkpoints of a whole Lua state, for the debugger's back-stepping.

A checkpoint is ``copy.deepcopy`` of the runtime (every coroutine's value
stack and CallInfos, upvalues, tables, closures, the registry, the output
buffer, the RNG...), taught here how to copy the VM's objects quickly and
correctly:

- immutable things are shared: ``Proto``, the boolean table keys, builtins
  whose ``fn`` is a plain function;
- a builtin whose ``fn`` keeps state in a Python closure or a bound method
  (``string.gmatch``'s iterator position, ``coroutine.wrap``'s coroutine,
  ``newproxy``'s table, the io library's closures over its environment) is
  copied together with a copy of that state, so a copy never reaches back
  into the state it was copied from;
- a value stack is copied once, so open upvalues of the copy still alias
  the copied stack;
- Python generators (the frames of builtins waiting for Lua code: pcall,
  print's __tostring calls, gsub's callbacks...) cannot be copied.  A
  generator of a *replayable* builtin is wrapped in ``RecGen`` when its
  frame is made (which builtins, and how to make their generators again:
  pylua/debugger/replay.py): it records a function and the arguments that
  make the generator again, every value sent or thrown into it and every
  request it answered.  The copy of such a frame is rebuilt by calling the
  function again and replaying what it was sent, checking that it asks
  for the same requests (``rebuild``).  A frame of any other generator
  (mid-sort, table.foreach...) makes the state not checkpointable for the
  moment (``checkpointable``).

Nothing here changes how the VM runs: the copy methods are only used by
``copy.deepcopy``, which only the debugger calls.
"""

from __future__ import annotations

import copy
import types

from .errors import LuaError
from .proto import Proto
from .values import (
    CI_GEN,
    TRUE_KEY,
    Builtin,
    Call,
    CallInfo,
    Coroutine,
    LuaFunction,
    LuaTable,
    UpVal,
    Userdata,
)

_deepcopy = copy.deepcopy
_BoolKey = TRUE_KEY.__class__  # how a table stores a boolean key (values.TRUE_KEY/FALSE_KEY)
_PLAIN = frozenset({type(None), bool, float, bytes, int, str})
_KEYPLAIN = _PLAIN | {_BoolKey}

GENS = "@gens"  # memo key: RecGen copies waiting to be rebuilt
WEIGHT = "@weight"  # memo key: a Weight, the size of what was copied

# what a copy costs in memory, roughly (bytes, CPython 3.11, 64 bits): a
# list is a header and a pointer per slot (the values themselves are
# shared: numbers and strings are immutable); a table, its object, its
# two parts and, per hash entry, the dict's and the node vector's share
B_LIST, B_SLOT = 56, 8
B_TABLE, B_ENTRY = 400, 72
B_OBJECT = 112  # a closure, an upvalue, a coroutine's or a frame's record...


class RebuildError(Exception):
    """A generator frame could not be rebuilt exactly in a copy."""


class TooHeavy(Exception):  # noqa: N818 - a limit reached, not a fault
    """A copy grew past the weight it was allowed (Weight.limit)."""


class Weight:
    """The memo's tally of a copy (``memo[WEIGHT]``): ``n`` bytes, roughly;
    the copy stops with TooHeavy when it passes ``limit``."""

    __slots__ = ("n", "limit")

    def __init__(self, limit: float = float("inf")):
        self.n = 0
        self.limit = limit


def weigh(memo, n: int) -> None:
    """Count n more bytes in the copy memo is making (see Weight)."""
    w = memo.get(WEIGHT)
    if w is not None:
        w.n += n
        if w.n > w.limit:
            raise TooHeavy("the copy passed %d bytes" % w.limit)


# -- slots and attributes ---------------------------------------------------

_SLOTS: dict = {}


def _slot_names(cls) -> tuple:
    names = _SLOTS.get(cls)
    if names is None:
        seen = []
        for k in reversed(cls.__mro__):
            for s in k.__dict__.get("__slots__", ()):
                if s not in ("__weakref__", "__dict__") and s not in seen:
                    seen.append(s)
        names = _SLOTS[cls] = tuple(seen)
    return names


def _copy_fields(obj, new, memo, skip=()) -> None:
    """Every slot and instance attribute of obj, deep-copied into new."""
    for name in _slot_names(obj.__class__):
        if name in skip:
            continue
        try:
            v = getattr(obj, name)
        except AttributeError:
            continue
        setattr(new, name, v if v.__class__ in _PLAIN else _deepcopy(v, memo))
    d = getattr(obj, "__dict__", None)
    if d:
        nd = new.__dict__
        for k, v in d.items():
            if k not in skip:
                nd[k] = v if v.__class__ in _PLAIN else _deepcopy(v, memo)


def copy_values(lst: list, memo) -> list:
    """A list of Lua values (a value stack, a closed upvalue's cell), copied
    once per checkpoint: every alias of it in the copy is the same list."""
    d = id(lst)
    y = memo.get(d)
    if y is not None:
        return y
    y = []
    memo[d] = y  # before the elements: an element may lead back here
    get = memo.get
    weigh(memo, B_LIST + B_SLOT * len(lst))
    y.extend([v if v.__class__ in _PLAIN else (get(id(v)) or _copy_value(v, memo)) for v in lst])
    return y


# -- the value classes ------------------------------------------------------


def _share(self, memo):
    memo[id(self)] = self  # seen: the debugger's id maps follow it through the copy
    return self


TODO = "@todo"  # memo key: objects copied as empty shells, to be filled


def _deferred(obj, new, fill, memo):
    """Fill new (obj's copy) now, or later when a fill is already under way
    further up: nested tables and closures are filled from a work list, not
    by recursion (a 100 000-long linked list must copy)."""
    todo = memo.get(TODO)
    if todo is not None:
        todo.append((fill, obj, new))
        return new
    todo = memo[TODO] = [(fill, obj, new)]
    try:
        while todo:
            f, o, n = todo.pop()
            f(o, n, memo)
    finally:
        del memo[TODO]
    return new


def _copy_table(self, memo):
    t = LuaTable.__new__(LuaTable)
    memo[id(self)] = t
    return _deferred(self, t, _fill_table, memo)


def _fill_table(self, t, memo):
    get = memo.get
    arr = self.arr
    h = self.hash
    w = get(WEIGHT)
    if w is not None:  # (weighed first: a copy too heavy stops before copying)
        w.n += B_TABLE + B_SLOT * len(arr) + B_ENTRY * len(h)
        if w.n > w.limit:
            raise TooHeavy("the copy passed %d bytes" % w.limit)
    if arr:
        t.arr = [
            v if v.__class__ in _PLAIN else (get(id(v)) or _copy_value(v, memo)) for v in arr
        ]
    else:
        t.arr = []
    if h:
        t.hash = {
            (k if k.__class__ in _KEYPLAIN else (get(id(k)) or _copy_value(k, memo))): (
                v if v.__class__ in _PLAIN else (get(id(v)) or _copy_value(v, memo))
            )
            for k, v in h.items()
        }
    else:
        t.hash = {}
    m = self.meta
    t.meta = None if m is None else (get(id(m)) or _copy_value(m, memo))
    nkeys = self.nkeys
    if nkeys is not None:
        # the node vector's keys are the hash's keys: the same copies
        t.nkeys = [
            k if k is None or k.__class__ in _KEYPLAIN else (get(id(k)) or _copy_value(k, memo))
            for k in nkeys
        ]
        t.nnext = self.nnext[:]
    else:
        t.nkeys = t.nnext = None
    t.nodecap = self.nodecap
    t.lastfree = self.lastfree
    t.npos = None  # a cache of the nodes' positions, rebuilt on demand
    t.gcmark = self.gcmark
    try:
        t.serial = self.serial
    except AttributeError:
        pass
    assert _TABLE_SLOTS_KNOWN, "LuaTable's slots changed: copy them here"


def _copy_value(v, memo):
    """A Lua value not yet copied (the caller looked in memo)."""
    if v.__class__ is LuaTable:  # _copy_table inline: the most common case by far
        t = _new_table(LuaTable)
        memo[id(v)] = t
        todo = memo.get(TODO)
        if todo is not None:
            todo.append((_fill_table, v, t))
            return t
        return _deferred(v, t, _fill_table, memo)
    f = _FAST.get(v.__class__)
    if f is not None:
        return f(v, memo)
    return _deepcopy(v, memo)


def _copy_upval(self, memo):
    u = UpVal.__new__(UpVal)
    memo[id(self)] = u
    u.stack = copy_values(self.stack, memo)
    _copy_fields(self, u, memo, ("stack",))
    weigh(memo, B_OBJECT)
    return u


def _copy_coroutine(self, memo):
    co = Coroutine.__new__(Coroutine)
    memo[id(self)] = co
    return _deferred(self, co, _fill_coroutine, memo)


def _fill_coroutine(self, co, memo):
    co.stack = copy_values(self.stack, memo)
    # its frames and open upvalues inline (200 000 coroutines copy in a
    # third of the time the generic way takes)
    get = memo.get
    cis = self.cis
    co.cis = memo[id(cis)] = [get(id(ci)) or _copy_callinfo(ci, memo) for ci in cis]
    ou = self.openupval
    co.openupval = memo[id(ou)] = {k: get(id(u)) or _copy_upval(u, memo) for k, u in ou.items()}
    _copy_fields(self, co, memo, ("stack", "cis", "openupval"))
    weigh(memo, 2 * B_OBJECT)


def _copy_function(self, memo):
    f = LuaFunction.__new__(LuaFunction)
    memo[id(self)] = f
    weigh(memo, B_OBJECT + B_SLOT * len(self.upvals))
    return _deferred(self, f, _copy_fields, memo)


def _copy_callinfo(self, memo):
    ci = CallInfo.__new__(CallInfo)
    memo[id(self)] = ci
    _copy_fields(self, ci, memo, ("gen",))
    if getattr(self, "kind", None) == CI_GEN:
        g = getattr(self, "gen", None)
        if g is not None and g.__class__ is not RecGen:
            raise RebuildError(f"frame of builtin '{getattr(self.cl, 'name', '?')}' cannot be copied")
        ci.gen = None if g is None else _deepcopy(g, memo)
    elif "gen" in _slot_names(CallInfo):
        ci.gen = None
    weigh(memo, B_OBJECT)
    return ci


def _has_state(fn) -> bool:
    """Does this Python callable keep state of its own (closure cells, a
    bound object)?"""
    if fn.__class__ is types.FunctionType:
        return bool(fn.__closure__)
    return True


def copy_function(fn, memo):
    """A closure with copies of its cells (so a copy of gmatch's iterator
    has its own position); a bound method with a copy of its object."""
    c = fn.__class__
    if c is types.FunctionType:
        if not fn.__closure__:
            return fn
        y = memo.get(id(fn))
        if y is not None:
            return y
        cells = []
        for cell in fn.__closure__:
            nc = memo.get(id(cell))
            if nc is None:
                nc = types.CellType()
                memo[id(cell)] = nc
                try:
                    v = cell.cell_contents
                except ValueError:  # an empty cell
                    pass
                else:
                    nc.cell_contents = _copy_any(v, memo)
            cells.append(nc)
        y = types.FunctionType(fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__, tuple(cells))
        y.__kwdefaults__ = fn.__kwdefaults__
        y.__qualname__ = fn.__qualname__
        if fn.__dict__:
            y.__dict__.update(fn.__dict__)
        memo[id(fn)] = y
        return y
    if c is types.MethodType:
        return types.MethodType(copy_function(fn.__func__, memo), _copy_any(fn.__self__, memo))
    return _deepcopy(fn, memo)


def _copy_any(v, memo):
    if v.__class__ in _PLAIN:
        return v
    if v.__class__ is types.FunctionType or v.__class__ is types.MethodType:
        return copy_function(v, memo)
    return _deepcopy(v, memo)


def _copy_builtin(self, memo):
    if not _has_state(self.fn):
        memo[id(self)] = self
        return self
    b = Builtin.__new__(Builtin)
    memo[id(self)] = b
    _copy_fields(self, b, memo, ("fn",))
    b.fn = copy_function(self.fn, memo)
    return b


def _copy_generic(self, memo):
    cls = self.__class__
    new = cls.__new__(cls)
    memo[id(self)] = new
    _copy_fields(self, new, memo)
    return new


def _copy_luaerror(self, memo):
    cls = self.__class__
    e = cls.__new__(cls)
    memo[id(self)] = e
    e.args = _deepcopy(self.args, memo)
    for k, v in self.__dict__.items():
        setattr(e, k, _deepcopy(v, memo))
    return e


# -- generator frames ---------------------------------------------------------


class RecGen:
    """A builtin's generator that records what it is sent, so that a copy
    of its frame can be rebuilt (see the module docstring).  The VM sees a
    generator: send, throw, close."""

    __slots__ = ("g", "func", "args", "log", "reqs", "mute")

    def __init__(self, g, func, args, mute=False):
        self.g = g
        self.func = func  # func(*args) makes the generator again (rebuild())
        self.args = args  # (L first)
        self.log = []  # (0, value) sent, (1, exception) thrown
        self.reqs = []  # what each of them answered
        self.mute = mute  # rebuilding replays output writes: mute them

    def send(self, v):
        self.log.append((0, v))
        r = self.g.send(v)
        self.reqs.append(r)
        return r

    def throw(self, e):
        self.log.append((1, e))
        r = self.g.throw(e)
        self.reqs.append(r)
        return r

    def close(self):
        if self.g is not None:
            self.g.close()

    def __deepcopy__(self, memo):
        r = RecGen.__new__(RecGen)
        memo[id(self)] = r
        r.g = None
        r.func = self.func
        r.args = _deepcopy(self.args, memo)
        r.log = _deepcopy(self.log, memo)
        r.reqs = _deepcopy(self.reqs, memo)
        r.mute = self.mute
        memo.setdefault(GENS, []).append(r)
        weigh(memo, B_OBJECT + B_OBJECT * len(self.log))
        return r


def _same_value(a, b) -> bool:
    if a is b:
        return True
    return a.__class__ is b.__class__ and a.__class__ in _PLAIN and a == b


def _same_request(a, b) -> bool:
    if a.__class__ is not b.__class__:
        return False
    for name in _slot_names(a.__class__):
        x = getattr(a, name, None)
        y = getattr(b, name, None)
        if x.__class__ is list:
            if y.__class__ is not list or len(x) != len(y):
                return False
            if not all(_same_value(p, q) for p, q in zip(x, y, strict=True)):
                return False
        elif not _same_value(x, y):
            return False
    return True


def rebuild(rg: RecGen) -> None:
    """Recreate the generator of a copied frame: call its function with the
    copied arguments and send it what the original was sent; each request
    must be the one the original made.  (The function may be a builtin
    that returns the generator: looking again at the copied state, it may
    decide otherwise, or fail; then the frame cannot be rebuilt.)"""
    try:
        g = rg.func(*rg.args)
        if not hasattr(g, "send"):
            raise RebuildError("not a generator")
        for (kind, v), want in zip(rg.log, rg.reqs, strict=False):  # (unequal: checked below)
            got = g.send(v) if kind == 0 else g.throw(v)
            if not _same_request(got, want):
                raise RebuildError("the rebuilt generator asked for something else")
    except RebuildError:
        raise
    except Exception as e:  # noqa: BLE001 - ended early (StopIteration, LuaError) or failed
        raise RebuildError(f"the rebuilt generator ended early ({type(e).__name__})") from None
    if len(rg.reqs) != len(rg.log):
        raise RebuildError("unbalanced generator log")
    rg.g = g


def checkpointable(L) -> bool:
    """Can every generator frame of the running coroutine chain be rebuilt?
    (Suspended coroutines hold no generator frames: nothing yields across
    a builtin.)"""
    th = L.current
    while th is not None:
        for ci in th.cis:
            if ci.kind == CI_GEN and ci.gen.__class__ is not RecGen:
                return False
        th = th.resumer
    return True


_installed = False
_FAST: dict = {}
_new_table = LuaTable.__new__
_TABLE_SLOTS_KNOWN = _slot_names(LuaTable) == (
    "arr", "hash", "meta", "nodecap", "nkeys", "nnext", "lastfree", "npos", "serial", "gcmark"
)


def install() -> None:
    """Teach copy.deepcopy the VM's objects (idempotent)."""
    global _installed
    if _installed:
        return
    Proto.__deepcopy__ = _share
    _BoolKey.__deepcopy__ = _share
    LuaTable.__deepcopy__ = _copy_table
    UpVal.__deepcopy__ = _copy_upval
    LuaFunction.__deepcopy__ = _copy_function
    Coroutine.__deepcopy__ = _copy_coroutine
    CallInfo.__deepcopy__ = _copy_callinfo
    Builtin.__deepcopy__ = _copy_builtin
    Userdata.__deepcopy__ = _copy_generic
    LuaError.__deepcopy__ = _copy_luaerror
    for req in (Call,):
        req.__deepcopy__ = _copy_generic
    _FAST.update({LuaTable: _copy_table, LuaFunction: _copy_function, UpVal: _copy_upval,
                  Coroutine: _copy_coroutine, Builtin: _copy_builtin})
    _installed = True


__all__ = ["GENS", "WEIGHT", "RebuildError", "RecGen", "TooHeavy", "Weight", "checkpointable",
           "copy_function", "copy_values", "install", "rebuild", "weigh"]
