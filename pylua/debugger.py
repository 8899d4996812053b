"""A debugging session over the VM: step forward and backward, breakpoints,
and the whole machine as a JSON snapshot (docs/snapshot.md).

    from pylua.debugger import Session
    s = Session(source, chunkname="=input", stdin="")  # compiled; step 0
    s.step(); s.step_line(); s.step_over(); s.step_out()
    s.continue_(budget=1_000_000)      # to a breakpoint, the end or the budget
    s.back(); s.back_line(); s.goto(n)
    s.breakpoints.add(4)
    s.snapshot(); s.listing()

How it works:

- The program runs in the VM's stepping loop (``VM._loop_step``), which
  calls ``L.hook`` before every instruction.  The hooks here count
  instructions, decide where stepping stops (line changes, frames
  returning, breakpoints) and give heap objects their ids as they are made
  (NEWTABLE, CLOSURE, the results of builtins), so that an object's id is
  fixed by the program's run, whatever was looked at.
- The runtime is a sandbox (no host files or environment) plus ``io``
  over the session's own output buffer and stdin text, and an ``os`` whose
  clock and time answer the same on every run: os.time() is the session's
  creation time, os.clock() counts a microsecond per instruction.  So the
  program is deterministic and can be replayed.
- Going back is replaying: checkpoints (deep copies of the whole runtime,
  pylua/checkpoint.py) are taken every few thousand instructions, spaced so
  that copying costs about a tenth of running, and thinned when they take
  too much memory (recent ones kept dense, old ones sparse).  ``goto(n)``
  restores the last checkpoint at or before n and runs forward to n.
"""

from __future__ import annotations

import time

from . import checkpoint as ckpt
from .errors import LuaError, LuaSyntaxError, chunkid
from .lib.aux import is_none_or_nil
from .numfmt import fmt_number
from .opcodes import OP_CALL, OP_CLOSURE, OP_NEWTABLE, OP_TAILCALL
from .proto import VARARG_NEEDSARG
from .runtime import Lua
from .snapshot import (
    MAX_OUTPUT,
    Builder,
    addr_text,
    closure_names,
    instruction_rows,
    listing,
    proto_ids,
    proto_label,
)
from .values import CI_GEN, CI_LUA, Builtin, Coroutine, LuaFunction, LuaTable, Userdata
from .vcode import ERROR, FINISHED, PAUSED, SWITCH

ckpt.install()

DEFAULT_BUDGET = 1_000_000
GC_SLICE = 1 << 22  # instructions between runs of the weak-table collector (Lua.run: ~1M ticks)
CLOCK_TICK = 1e-6  # os.clock(): seconds per instruction

# checkpoints
COPY_SHARE = 0.10  # copying may cost about this share of running time
MIN_SPACING = 1_000
MAX_SPACING = 1_000_000
RETRY = 200  # instructions to wait when a checkpoint is not possible yet
MAX_WEIGHT = 3_000_000  # total size of the checkpoints (copied slots), ~ 150 MB
MAX_REPLAY = 0.5  # seconds: checkpoints at most this much running apart

# going back one step at a time: snapshots kept from one replay
MIN_WINDOW = 16
MAX_WINDOW = 256
SNAPSHOT_CACHE = 512

_HEAP = (LuaTable, LuaFunction, Builtin, Coroutine, Userdata)
_KIND = {LuaTable: "t", LuaFunction: "f", Builtin: "f", Coroutine: "c", Userdata: "u"}

M_NEWTABLE, M_CLOSURE, M_CALL, M_TAIL = 1, 2, 3, 4


# -- the session's streams ----------------------------------------------------


class OutBuf:
    """Standard output (and error) of the session: an append-only buffer.
    Its copy in a checkpoint shares the bytes and keeps only the length, so
    checkpoints cost nothing for output.  The bytes are the longest history
    written: going back only moves the length, and a replay writes the
    same bytes again (were they different, the rest would be cut)."""

    __slots__ = ("data", "n", "muted")

    def __init__(self):
        self.data = bytearray()
        self.n = 0
        self.muted = False

    def write(self, b) -> int:
        if self.muted:
            return len(b)
        data = self.data
        n = self.n
        e = n + len(b)
        if len(data) != n:
            # written before (we went back): a replay writes the same bytes,
            # which later checkpoints still count on; anything else cuts
            if data[n:e] == b:
                self.n = e
                return len(b)
            del data[n:]
        data += b
        self.n = e
        return len(b)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return bytes(self.data[: self.n])

    def __deepcopy__(self, memo):
        o = OutBuf.__new__(OutBuf)
        memo[id(self)] = o
        o.data = self.data
        o.n = self.n
        o.muted = False
        return o


class InBuf:
    """Standard input of the session: the stdin text and a position."""

    __slots__ = ("data", "pos")

    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def read(self, n: int = -1) -> bytes:
        p = self.pos
        if n is None or n < 0:
            self.pos = len(self.data)
            return self.data[p:]
        self.pos = min(len(self.data), p + n)
        return self.data[p : self.pos]

    def readline(self, n: int = -1) -> bytes:
        p = self.pos
        e = self.data.find(b"\n", p)
        e = len(self.data) if e < 0 else e + 1
        if n is not None and n >= 0:
            e = min(e, p + n)
        self.pos = e
        return self.data[p:e]

    def __deepcopy__(self, memo):
        o = InBuf.__new__(InBuf)
        memo[id(self)] = o
        o.data = self.data
        o.pos = self.pos
        return o


# -- the runtime ------------------------------------------------------------


def _error_handler(L, args):
    """lua.c's message handler, for the session (debug.traceback does not
    exist in the sandbox, so the message stays intact); it runs at the
    point of the error, where the session looks at the frames."""
    L.dbg.on_error(L)
    return [args[0] if args else None]


ERROR_HANDLER = Builtin("traceback", _error_handler)


def _no_files(L, name):
    raise L.error("file access is not available here ('io.%s' with a file name)" % name)


def _io_guard(orig, name):
    def guarded(L, args):
        if args and args[0] is not None and args[0].__class__ in (bytes, float):
            _no_files(L, name)
        return orig.fn(L, args)

    return Builtin(name, guarded)


def _os_time(L, args):
    if is_none_or_nil(args, 1):
        return [float(L.dbg_time)]
    from .lib import os as los

    return los.os_time(L, args)


def _os_date(L, args):
    from .lib import os as los

    if is_none_or_nil(args, 2):
        args = [args[0] if args else None, float(L.dbg_time)]
    return los.os_date(L, args)


def _os_clock(L, args):
    return [L.dbg.instructions() * CLOCK_TICK]


def _os_difftime(L, args):
    from .lib import os as los

    return los.os_difftime(L, args)


class DebugLua(Lua):
    """The runtime of a session: the sandbox profile plus io over the
    session's buffers and a deterministic os.time/clock/date/difftime."""

    def __init__(self, out: OutBuf, inp: InBuf, now: int):
        super().__init__(sandbox=True, stdout=out, stdin=inp, stderr=out)
        self.dbg = None  # the session's Tracker (not part of the copied state)
        self.dbg_cos = []  # every coroutine made (and not yet collected)
        self.dbg_time = now
        self.dbg_chunks = 0  # chunks loaded by the program (load, loadstring)
        from .lib import io as lio

        lio.open(self)
        io = self.globals.get(b"io")
        for name in (b"open", b"popen", b"tmpfile"):
            io.set(name, None)
        for name in ("lines", "input", "output"):
            io.set(name.encode(), _io_guard(io.get(name.encode()), name))
        os = LuaTable(0, 4)
        for name, fn in (("clock", _os_clock), ("date", _os_date), ("difftime", _os_difftime),
                         ("time", _os_time)):
            os.set(name.encode(), Builtin(name, fn))
        self.globals.set(b"os", os)
        self.loaded.set(b"os", os)

    # stable, replayable addresses for tostring
    def addr(self, obj) -> str:
        return addr_text(self.dbg.stamp(obj))

    def new_coroutine(self, fn):
        co = Coroutine(fn, self.current.globals)
        self.dbg_cos.append(co)
        self.dbg.stamp(co)
        return co

    def load(self, chunk, chunkname=b"=input", env=None):
        f = super().load(chunk, chunkname, env)
        if self.dbg is not None:
            self.dbg.loaded_chunk(self, f)
        return f

    def collect(self):
        found = super().collect()
        self.prune_coroutines()
        return found

    def prune_coroutines(self) -> None:
        from .gc import mark

        marked, _ = mark(self)
        self.dbg_cos = [c for c in self.dbg_cos if id(c) in marked]

    def _start_gen(self, th, fn, gen, func, args, nresults, callkind, prot=None):
        rec = _recording(gen)
        return super()._start_gen(th, fn, gen if rec is None else rec, func, args, nresults,
                                  callkind, prot)

    def __deepcopy__(self, memo):
        import copy

        new = object.__new__(type(self))
        memo[id(self)] = new
        nd = new.__dict__
        for k, v in self.__dict__.items():
            if k == "hook" or k == "dbg":
                nd[k] = None
            else:
                nd[k] = copy.deepcopy(v, memo)
        try:  # math.random's state belongs to the runtime
            from .lib import math as lmath

            rng = lmath._rngs.get(self)
            if rng is not None:
                lmath._rngs[new] = copy.deepcopy(rng, memo)
        except (ImportError, AttributeError, TypeError):
            pass
        return new


# the generators whose frames can be rebuilt in a copy: code -> (function,
# condition on the arguments, replayed output must be muted)
_REPLAYABLE: dict = {}


def _replayable():
    if _REPLAYABLE:
        return _REPLAYABLE
    from .lib import base, coroutine, string

    def add(fn, cond=None, mute=False):
        if fn is not None and getattr(fn, "__code__", None) is not None:
            _REPLAYABLE[fn.__code__] = (fn, cond, mute)

    add(Lua._host)
    for name in ("lua_pcall", "lua_xpcall", "_callmeta", "_dofile_gen"):
        add(getattr(base, name, None))
    add(getattr(base, "_print_gen", None), mute=True)
    add(getattr(string, "_gsub_lua", None), cond=lambda a: a.get("isfunc") is True)
    for name in ("co_resume", "co_yield", "_auxwrap"):
        add(getattr(coroutine, name, None))
    return _REPLAYABLE


def _recording(gen):
    """A RecGen around gen when its frame can be rebuilt in a copy, else None."""
    code = getattr(gen, "gi_code", None)
    if code is None:
        return None
    entry = _replayable().get(code)
    if entry is None:
        return None
    fn, cond, mute = entry
    frame = gen.gi_frame
    if frame is None:
        return None
    loc = frame.f_locals
    if cond is not None and not cond(loc):
        return None
    try:
        args = [loc[n] for n in code.co_varnames[: code.co_argcount]]
    except KeyError:
        return None
    return ckpt.RecGen(gen, fn, args, mute)


def _marks(p) -> bytes:
    """Per instruction of p: what it makes that needs an id afterwards."""
    m = p.__dict__.get("dbg_marks")
    if m is None:
        b = bytearray(len(p.code))
        for pc, i in enumerate(p.code):
            op = i & 0x3F
            if op == OP_NEWTABLE:
                b[pc] = M_NEWTABLE
            elif op == OP_CLOSURE:
                b[pc] = M_CLOSURE
            elif op == OP_CALL and (i >> 14) & 0x1FF != 1:
                b[pc] = M_CALL
            elif op == OP_TAILCALL:
                b[pc] = M_TAIL
        m = p.dbg_marks = bytes(b)
    return m


def _no_breakpoints(p) -> bytes:
    return bytes(len(p.code))


D_BP, D_ARG, D_CALL, D_SLOT = 1, 2, 3, 4  # _dmarks: what the sparse hook does there


def _follow(p) -> bytes:
    """Per instruction of p: D_CALL, D_SLOT + k when the instruction before
    it (k + 1 before it) made something to name, D_ARG at the first one of
    a function that makes an 'arg' table (_dmarks without breakpoints)."""
    f = p.__dict__.get("dbg_follow")
    if f is None:
        f = p.dbg_follow = _dmarks(p, b"")
    return f


def _dmarks(p, bpm) -> bytes:
    """Where the sparse loop calls sparse_bp_hook in p, and what for:
    D_BP everywhere when p has a breakpoint line; else D_CALL after a CALL
    with results, D_SLOT + k after NEWTABLE (k = 0) or CLOSURE (k = its
    upvalues, which follow it as pseudo-instructions), D_ARG at the first
    instruction of a function that makes an 'arg' table."""
    n = len(p.code)
    if any(bpm):
        return bytes([D_BP]) * n
    d = bytearray(n)
    if n and p.is_vararg & VARARG_NEEDSARG:
        d[0] = D_ARG
    for pc, m in enumerate(_marks(p)):
        if m == M_CALL:
            if pc + 1 < n:
                d[pc + 1] = D_CALL
        elif m == M_NEWTABLE:
            if pc + 1 < n:
                d[pc + 1] = D_SLOT
        elif m == M_CLOSURE:
            k = p.p[(p.code[pc] >> 14) & 0x3FFFF].nups
            if pc + 1 + k < n:
                d[pc + 1 + k] = D_SLOT + k
    return bytes(d)


# -- the tracker: ids and the hooks ------------------------------------------


class Tracker:
    """What the session follows while the program runs: the instruction
    count, the last instruction executed, and the ids of heap objects."""

    def __init__(self, session):
        self.session = session
        self.ids = {}  # id(obj) -> (obj, id, number): ids given while running
        self.next = 1  # the next number (tostring's address)
        self.kinds = {}  # "t"/"f"/"c"/"u" -> how many ids of that kind were given
        self.count = 0  # instructions executed
        self.lastci = None  # the frame and pc of the last instruction executed
        self.lastpc = 0
        self.lastmarks = b""  # _marks() of lastci's function when it ran (a tail call may reuse the frame)
        self.live = None  # while a hook runs: its state() function
        self.protos = {}  # id(Proto) -> its id ("0.1", "2.0"...)
        self.proto_refs = []  # keeps loaded Protos alive (their ids stay unique)
        self.fnames = {}  # id(Proto) -> the name its closure is stored under

    # ids
    def stamp(self, o) -> int:
        """The id number of o, given now if it has none (in the order the
        program makes things, so replaying gives the same numbers)."""
        e = self.ids.get(id(o))
        if e is not None:
            return e[2]
        n = self.next
        self.next = n + 1
        c = o.__class__
        k = _KIND.get(c, "o")
        kinds = self.kinds
        m = kinds.get(k, 0) + 1
        kinds[k] = m
        self.ids[id(o)] = (o, k + str(m), n)
        if c is LuaTable or c is Userdata:
            mt = o.meta
            if mt is not None and id(mt) not in self.ids:
                self.stamp(mt)
        elif c is Builtin and o.upvals:
            for v in o.upvals:
                if v.__class__ in _KIND and id(v) not in self.ids:
                    self.stamp(v)
        return n

    def name(self, o, label: str) -> None:
        """An id for something that exists before the program runs."""
        n = self.next
        self.next = n + 1
        self.ids[id(o)] = (o, label, n)

    def stamp_slots(self, stack, lo: int, hi: int) -> None:
        ids = self.ids
        for v in stack[lo:hi]:
            if v.__class__ in _KIND and id(v) not in ids:
                self.stamp(v)

    def marked(self, th, ci, pc: int, m: int) -> None:
        """The instruction at pc of frame ci made something: name it."""
        i = ci.cl.proto.code[pc]
        lo = ci.base + ((i >> 6) & 0xFF)
        if m != M_CALL:
            self.stamp_slots(th.stack, lo, lo + 1)
            return
        c = (i >> 14) & 0x1FF
        self.stamp_slots(th.stack, lo, lo + c - 1 if c else max(th.top, lo))

    def entered(self, th, ci, pc: int, marks: bytes = b"") -> None:
        """The running frame changed to ci at pc, or what ran last is not
        known: a call returned into it (name the call's results), it has
        just been called (its arg table), or the instruction before pc made
        something (see _follow)."""
        if pc:
            f = _follow(ci.cl.proto)[pc]
            if f == D_CALL:
                self.marked(th, ci, pc - 1, M_CALL)
            elif f >= D_SLOT:
                self.marked(th, ci, pc - (f - D_SLOT) - 1, M_NEWTABLE)
        else:
            p = ci.cl.proto
            if p.is_vararg & VARARG_NEEDSARG:
                self.stamp_slots(th.stack, ci.base + p.numparams, ci.base + p.numparams + 1)

    def settle(self, L) -> None:
        """At a stop: name what the last instruction made, as the next hook
        call would (so that a snapshot here sees it named)."""
        th = L.current
        if not th.cis:
            return
        ci = th.cis[-1]
        if ci.kind != CI_LUA:
            return
        m = self.lastmarks[self.lastpc] if ci is self.lastci else M_TAIL
        if m != M_TAIL:
            if m:
                self.marked(th, ci, self.lastpc, m)
        else:
            self.entered(th, ci, ci.savedpc, _marks(ci.cl.proto))

    def instructions(self) -> int:
        if self.live is not None:
            return self.live()[0]
        return self.count

    def on_error(self, L) -> None:
        self.session._capture_error(L)

    def loaded_chunk(self, L, f) -> None:
        """A chunk loaded by the program: its protos get ids "1", "1.0"..."""
        L.dbg_chunks += 1
        self._register_protos(f.proto, str(L.dbg_chunks))

    def _register_protos(self, main, prefix: str) -> None:
        self.protos.update(proto_ids(main, prefix))
        self.proto_refs.append(main)

        def walk(p):
            self.fnames.update(closure_names(p))
            for c in p.p:
                walk(c)

        walk(main)

    # hooks: one closure per run, its state in fast local cells.  The
    # common case (the same frame as the last instruction, which made
    # nothing) costs a few local operations; a new frame (a call, a return)
    # finds what it needs about its function in one dict lookup.  A frame
    # reused by a tail call counts as a new frame.
    def _proto_info(self, bpmarks=None):
        """proto -> (marks, lineinfo, code, breakpoint marks, makes 'arg',
        _follow)."""
        info = {}

        def get(p):
            t = info.get(p)
            if t is None:
                t = info[p] = (_marks(p), p.lineinfo, p.code,
                               bpmarks(p) if bpmarks is not None else None,
                               bool(p.is_vararg & VARARG_NEEDSARG), _follow(p))
            return t

        return info, get

    def _entered_inline(self):
        """entered(), with the common case (a call returning one value or
        none) done without further calls."""
        ids = self.ids
        stamp = self.stamp
        marked = self.marked
        entered = self.entered

        def enter(th, ci, pc, t):
            if pc:
                f = t[5][pc]
                if f == D_CALL:
                    i = t[2][pc - 1]
                    if (i >> 14) & 0x1FF == 2:
                        v = th.stack[ci.base + ((i >> 6) & 0xFF)]
                        if v.__class__ in _KIND and id(v) not in ids:
                            stamp(v)
                    else:
                        marked(th, ci, pc - 1, M_CALL)
                elif f >= D_SLOT:
                    i = t[2][pc - (f - D_SLOT) - 1]
                    v = th.stack[ci.base + ((i >> 6) & 0xFF)]
                    if v.__class__ in _KIND and id(v) not in ids:
                        stamp(v)
            elif t[4]:
                entered(th, ci, pc, t[0])

        return enter

    def run_hook(self, changes=None):
        """Counts and names, stops nowhere.  changes: a list to append the
        count (the step) of every instruction that starts a line to."""
        count = self.count
        lastci = self.lastci
        lastpc = self.lastpc
        marks = self.lastmarks
        li = lastci.cl.proto.lineinfo if lastci is not None else ()
        marked = self.marked
        info, get = self._proto_info()
        enter = self._entered_inline()

        if changes is None:

            def hook(vm, th, ci, pc):
                nonlocal count, lastci, lastpc, marks
                if ci is lastci:
                    m = marks[lastpc]
                    if not m:
                        count += 1
                        lastpc = pc
                        return None
                    if m != M_TAIL:
                        marked(th, ci, lastpc, m)
                        count += 1
                        lastpc = pc
                        return None
                p = ci.cl.proto
                t = info.get(p) or get(p)
                enter(th, ci, pc, t)
                marks = t[0]
                lastci = ci
                count += 1
                lastpc = pc
                return None

        else:

            def hook(vm, th, ci, pc):
                nonlocal count, lastci, lastpc, marks, li
                if ci is lastci:
                    m = marks[lastpc]
                    if m != M_TAIL:
                        if m:
                            marked(th, ci, lastpc, m)
                        if pc <= lastpc or li[pc] != li[lastpc]:
                            changes.append(count)
                        count += 1
                        lastpc = pc
                        return None
                p = ci.cl.proto
                t = info.get(p) or get(p)
                enter(th, ci, pc, t)
                marks = t[0]
                li = t[1]
                lastci = ci
                changes.append(count)
                count += 1
                lastpc = pc
                return None

        def state():
            return count, lastci, lastpc, marks

        return hook, state

    def bp_hook(self, bpmarks):
        """Stops before an instruction that enters a breakpoint line (Lua
        5.1's line event: a new function, a jump back, a new line)."""
        count = self.count
        lastci = self.lastci
        lastpc = self.lastpc
        marks = self.lastmarks
        li = lastci.cl.proto.lineinfo if lastci is not None else ()
        bpm = bpmarks(lastci.cl.proto) if lastci is not None else b""
        marked = self.marked
        info, get = self._proto_info(bpmarks)
        enter = self._entered_inline()

        def hook(vm, th, ci, pc):
            nonlocal count, lastci, lastpc, marks, li, bpm
            if ci is lastci:
                m = marks[lastpc]
                if not m:
                    if bpm[pc] and (pc <= lastpc or li[pc] != li[lastpc]):
                        return PAUSED
                    count += 1
                    lastpc = pc
                    return None
                if m != M_TAIL:
                    marked(th, ci, lastpc, m)
                    if bpm[pc] and (pc <= lastpc or li[pc] != li[lastpc]):
                        return PAUSED
                    count += 1
                    lastpc = pc
                    return None
            p = ci.cl.proto
            t = info.get(p) or get(p)
            enter(th, ci, pc, t)
            if t[3][pc] and (pc == 0 or t[1][pc] != t[1][pc - 1]):
                return PAUSED  # (nothing changed: a rerun finds the same)
            marks, li, bpm = t[0], t[1], t[3]
            lastci = ci
            count += 1
            lastpc = pc
            return None

        def state():
            return count, lastci, lastpc, marks

        return hook, state

    def sparse_bp_hook(self, bpmarks, L):
        """bp_hook for the sparse loop (VM._loop_sparse), which calls it
        only where _dmarks() says, with the mode found there: in a function
        with a breakpoint line before every instruction (mode 1: bp_hook's
        logic), elsewhere only where something made needs its id (the
        instruction after NEWTABLE, CLOSURE, a CALL with results; the first
        one of a function making an 'arg' table).  The instruction count
        is the loop's: hook.begin(before + chunk) - steps left."""
        lastci = self.lastci
        lastpc = self.lastpc
        marks = self.lastmarks
        li = lastci.cl.proto.lineinfo if lastci is not None else ()
        bpm = bpmarks(lastci.cl.proto) if lastci is not None else b""
        marked = self.marked
        entered = self.entered
        info, get = self._proto_info(bpmarks)
        enter = self._entered_inline()
        ids = self.ids
        stamp = self.stamp
        KIND = _KIND
        tgt = [0]
        # the last instruction is known if the next one calls the hook
        th = L.current
        cur = th.cis[-1] if th.cis else None
        if cur is None or cur.kind != CI_LUA or not any(bpmarks(cur.cl.proto)):
            lastci = None

        def hook(vm, th, ci, pc, mode):
            nonlocal lastci, lastpc, marks, li, bpm
            if mode != 1:
                lastci = None  # (the next mode-1 call sees a new frame)
                if mode >= D_SLOT:  # NEWTABLE, CLOSURE: one value
                    i = ci.cl.proto.code[pc - (mode - D_SLOT) - 1]
                    v = th.stack[ci.base + ((i >> 6) & 0xFF)]
                    if v.__class__ in KIND and id(v) not in ids:
                        stamp(v)
                elif mode == D_CALL:
                    i = ci.cl.proto.code[pc - 1]
                    if (i >> 14) & 0x1FF == 2:  # one result: the common case, inline
                        v = th.stack[ci.base + ((i >> 6) & 0xFF)]
                        if v.__class__ in KIND and id(v) not in ids:
                            stamp(v)
                    else:
                        marked(th, ci, pc - 1, M_CALL)
                else:  # D_ARG
                    entered(th, ci, 0, b"")
                return None
            if ci is lastci:
                m = marks[lastpc]
                if m != M_TAIL:
                    if m:
                        marked(th, ci, lastpc, m)
                    if bpm[pc] and (pc <= lastpc or li[pc] != li[lastpc]):
                        return PAUSED
                    lastpc = pc
                    return None
            p = ci.cl.proto
            t = info.get(p) or get(p)
            enter(th, ci, pc, t)
            if t[3][pc] and (pc == 0 or t[1][pc] != t[1][pc - 1]):
                return PAUSED
            marks, li, bpm = t[0], t[1], t[3]
            lastci = ci
            lastpc = pc
            return None

        dcache = {}

        def dmarks(p):
            d = dcache[p] = _dmarks(p, bpmarks(p))
            return d

        def state():
            return tgt[0] - L.steps_left, lastci, lastpc, marks

        def begin(target):
            tgt[0] = target
            L.steps_left = target - self.count

        hook.dmarks = dmarks
        hook.dmk = dcache
        hook.begin = begin
        hook.finish = lambda: None
        hook.full = lambda: self.bp_hook(bpmarks)
        return hook, state

    def step_hook(self, stop):
        """Asks stop(th, ci, pc, same_frame, line_event) at every
        instruction that starts a line (a new frame, a jump back, a new
        line); stops when it says so."""
        count = self.count
        lastci = self.lastci
        lastpc = self.lastpc
        marks = self.lastmarks
        li = lastci.cl.proto.lineinfo if lastci is not None else ()
        marked = self.marked
        info, get = self._proto_info()
        enter = self._entered_inline()

        def hook(vm, th, ci, pc):
            nonlocal count, lastci, lastpc, marks, li
            if ci is lastci:
                m = marks[lastpc]
                if m != M_TAIL:
                    if m:
                        marked(th, ci, lastpc, m)
                    if (pc <= lastpc or li[pc] != li[lastpc]) and stop(th, ci, pc, True, True):
                        return PAUSED
                    count += 1
                    lastpc = pc
                    return None
            p = ci.cl.proto
            t = info.get(p) or get(p)
            enter(th, ci, pc, t)
            li2 = t[1]
            if stop(th, ci, pc, False, pc == 0 or li2[pc] != li2[pc - 1]):
                return PAUSED
            marks, li = t[0], li2
            lastci = ci
            count += 1
            lastpc = pc
            return None

        def state():
            return count, lastci, lastpc, marks

        return hook, state


class Checkpoint:
    __slots__ = ("step", "bundle", "ids", "weight")

    def __init__(self, step, bundle, ids, weight):
        self.step = step
        self.bundle = bundle
        self.ids = ids
        self.weight = weight


# -- the session ---------------------------------------------------------------


class Session:
    """A program being debugged; see the module docstring."""

    def __init__(self, source, chunkname: str = "=input", stdin="", now: int | None = None):
        if isinstance(source, str):
            source = source.encode("utf-8")
        if isinstance(stdin, str):
            stdin = stdin.encode("utf-8")
        if isinstance(chunkname, str):
            chunkname = chunkname.encode("utf-8")
        self.chunkname = chunkid(chunkname).decode("utf-8", "replace")
        self.breakpoints = set()
        self.message = None
        self.reason = None  # why the last command stopped (docs/snapshot.md)
        self._pending = None  # the command a budget interrupted: resume() goes on with it
        self.error = None
        self._cursor = 0
        self._snaps = {}  # step -> its snapshot, kept from replays (see "moving")
        self._last = None  # the last command
        self._window = MIN_WINDOW
        self._snap_cost = 0.002  # seconds to build a snapshot, measured
        self._restore_cost = 0.001  # seconds to restore a checkpoint, measured
        self._stop_reason = None
        self.end_step = None  # where the program ends, once known
        self.end_status = None
        self._error_view = None  # the frames at the point of the final error
        self._main = None
        self._listing = None
        self.checkpoints = {}
        self._bp_cache = (None, {})
        self.sparse = True  # run forward in the sparse loop (VM._loop_sparse)
        self.tr = tr = Tracker(self)
        out = OutBuf()
        self._out_data = out.data  # every copy of the output buffer shares these bytes
        self._out_text = (0, "")
        self.L = L = DebugLua(out, InBuf(bytes(stdin)), int(time.time()) if now is None else now)
        L.dbg = tr
        try:
            fn = L.load(bytes(source), chunkname)
        except LuaSyntaxError as e:
            self.end_status = "error"
            self.end_step = 0
            self.error = _error_text(e.value)
            self._syntax_line = _message_line(self.error, self.chunkname)
            return
        self._main = fn.proto
        tr.protos.clear()
        tr.proto_refs.clear()
        L.dbg_chunks = 0
        tr._register_protos(fn.proto, "0")
        self._name_initial(L, fn)
        L.start(fn, handler=ERROR_HANDLER)
        host = L.current.cis[-1]
        host.gen = ckpt.RecGen(host.gen, Lua._host, [L, fn, [], ERROR_HANDLER])
        L.hook = None
        st = L._loop_step(1 << 62, 0)  # to the first instruction, without running it
        if st in (FINISHED, ERROR):  # nothing to run at all
            self._ended(st)
        self.checkpoints = {}
        self._spacing = MIN_SPACING * 4
        self._rate = 1e6  # instructions per second, measured as it runs
        self._take_checkpoint()
        self._schedule()

    # -- naming ------------------------------------------------------------

    def _name_initial(self, L, fn) -> None:
        """Ids for what exists before the program runs: the main function is
        f1; the libraries' objects are named by where they are (print,
        string.format, _G, registry...), in a fixed order."""
        tr = self.tr
        tr.stamp(fn)
        tr.name(L.main, "main")
        todo = [("_G", L.globals), ("registry", L.registry)]
        todo += [("meta(%s)" % k, mt) for k, mt in L.typemeta.items()]
        i = 0
        while i < len(todo):
            path, o = todo[i]
            i += 1
            if o is None or o.__class__ not in _KIND or id(o) in tr.ids:
                continue
            tr.name(o, path)
            c = o.__class__
            if c is LuaTable:
                todo.append(("meta(%s)" % path, o.meta))
                for k, v in o.items():
                    if k.__class__ is bytes:
                        ks = k.decode("utf-8", "replace")
                        sub = ks if path == "_G" else "%s.%s" % (path, ks)
                    else:
                        sub = "%s[%s]" % (path, fmt_number(k).decode() if k.__class__ is float else k)
                        todo.append((sub + "(key)", k))
                    todo.append((sub, v))
            elif c is Builtin:
                todo += [("%s.up%d" % (path, j + 1), v) for j, v in enumerate(o.upvals or ())]
            elif c is Userdata:
                todo.append(("meta(%s)" % path, o.meta))
                todo.append(("env(%s)" % path, o.env))

    def label(self, o):
        e = self.tr.ids.get(id(o))
        return None if e is None else e[1]

    def number(self, o):
        e = self.tr.ids.get(id(o))
        return None if e is None else e[2]

    def proto_id(self, p):
        return self.tr.protos.get(id(p))

    def function_name(self, p) -> str:
        n = self.tr.fnames.get(id(p))
        return n if n is not None else proto_label(p)

    def local_names(self, p, pc: int) -> list:
        cache = p.__dict__.get("dbg_locals")
        if cache is None:
            cache = p.dbg_locals = {}
        names = cache.get(pc)
        if names is None:
            names = cache[pc] = [
                v.varname.decode("utf-8", "replace") for v in p.locvars if v.startpc <= pc < v.endpc
            ]
        return names

    @property
    def handler(self):
        return ERROR_HANDLER

    def _instruction(self, p, pc1: int):
        rows = p.__dict__.get("dbg_rows")
        if rows is None:
            rows = p.dbg_rows = {r["pc"]: r for r in instruction_rows(p, self.tr.protos)}
        return rows.get(pc1)

    # -- running -----------------------------------------------------------

    def _forward(self):
        """The hook to run forward with, stopping nowhere: the sparse one
        (see Tracker.sparse_bp_hook), or run_hook when self.sparse is off
        (the tests compare the two)."""
        if self.sparse:
            return self.tr.sparse_bp_hook(_no_breakpoints, self.L)
        return self.tr.run_hook()

    def _bpmarks(self):
        """Per proto: which instructions are on a breakpoint line."""
        key = frozenset(self.breakpoints)
        if self._bp_cache[0] != key:
            self._bp_cache = (key, {})
        cache = self._bp_cache[1]

        def bpmarks(p):
            m = cache.get(id(p))
            if m is None:
                m = cache[id(p)] = bytes(1 if line in key else 0 for line in p.lineinfo)
                if not m:
                    m = cache[id(p)] = bytes(len(p.code))
            return m

        return bpmarks

    def _exec(self, n: int, make_hook):
        """Run at most n instructions with the hook make_hook() gives,
        taking checkpoints and collecting weak tables on the way.  Returns
        "done", "paused" (the hook stopped it) or "end"."""
        tr = self.tr
        L = self.L
        while n > 0:
            chunk = n
            if self._ck_next - tr.count < chunk:
                chunk = max(1, self._ck_next - tr.count)
            g = GC_SLICE - tr.count % GC_SLICE
            if g < chunk:
                chunk = g
            hook, state = make_hook()
            sparse = getattr(hook, "dmarks", None) is not None
            if sparse:
                # the last instruction of a chunk with the full hook: the
                # tracker then knows the last instruction run exactly
                if chunk > 1:
                    chunk -= 1
                else:
                    hook, state = hook.full()
                    sparse = False
            hook.direct = True  # it returns None or PAUSED: the VM may call it directly
            before = tr.count
            L.hook = hook
            tr.live = state
            t0 = time.perf_counter()
            try:
                if sparse:
                    hook.begin(before + chunk)
                    st = L._loop_sparse(1 << 62, chunk)
                    while st == SWITCH:
                        st = L._loop_sparse(1 << 62, L.steps_left)
                else:
                    st = L._loop_step(1 << 62, chunk)
                    while st == SWITCH:
                        st = L._loop_step(1 << 62, chunk - (state()[0] - before))
            finally:
                L.hook = None
                tr.live = None
                if sparse:
                    hook.finish()
                tr.count, tr.lastci, tr.lastpc, tr.lastmarks = state()
            ran = tr.count - before
            dt = time.perf_counter() - t0
            if ran >= 2000 and dt > 0:
                self._rate = 0.7 * self._rate + 0.3 * (ran / dt)
            n -= ran
            if st == FINISHED or st == ERROR:
                self._ended(st)
                return "end"
            if st == PAUSED:
                tr.settle(L)
                return "paused"
            if tr.count % GC_SLICE == 0:
                if L.weak_tables:
                    L.collect()
                elif len(L.dbg_cos) > 64:
                    L.prune_coroutines()
            if tr.count >= self._ck_next:
                self._maybe_checkpoint()
        tr.settle(L)
        return "done"

    def _ended(self, st) -> None:
        L = self.L
        self.end_step = self.tr.count
        if st == FINISHED:
            self.end_status = "finished"
        else:
            self.end_status = "error"
            err = L.host_error
            self.error = _error_text(err.value if err is not None else None)

    # -- checkpoints -------------------------------------------------------

    def _bundle(self) -> dict:
        tr = self.tr
        return {"L": self.L, "lastci": tr.lastci, "lastpc": tr.lastpc, "lastmarks": tr.lastmarks,
                "next": tr.next, "kinds": tr.kinds, "count": tr.count}

    def _take_checkpoint(self) -> None:
        import copy

        t0 = time.perf_counter()
        memo = {ckpt.WEIGHT: [0]}
        with _no_gc():
            bundle = copy.deepcopy(self._bundle(), memo)
        live = {}
        ids = {}
        for k, e in self.tr.ids.items():
            c = memo.get(k)
            if c is None and e[0].__class__ is Builtin:
                # a builtin the copy did not reach may still be alive, out
                # of the program's reach for now (ipairs's iterator, a
                # library's function): it keeps its id
                c = e[0]
            if c is not None:
                live[k] = e
                ids[id(c)] = (c, e[1], e[2])
        self.tr.ids = live  # what the copy did not reach is garbage: forget it
        w = memo[ckpt.WEIGHT][0] + len(ids)
        step = self.tr.count
        self.checkpoints[step] = Checkpoint(step, bundle, ids, w)
        cost = time.perf_counter() - t0
        # space them so that copying costs about COPY_SHARE of running
        s = int(cost * self._rate / COPY_SHARE)
        self._spacing = max(MIN_SPACING, min(s, MAX_SPACING, int(self._rate * MAX_REPLAY)))
        self._thin()

    def _maybe_checkpoint(self) -> None:
        step = self.tr.count
        if step in self.checkpoints:
            self._schedule()
            return
        if ckpt.checkpointable(self.L):
            try:
                self._take_checkpoint()
            except ckpt.RebuildError:
                self._ck_next = step + RETRY
                return
            self._schedule()
        else:
            self._ck_next = step + RETRY

    def _schedule(self) -> None:
        """When to try the next checkpoint: a spacing after the last one
        behind us, unless one we already have lies about there."""
        cur = self.tr.count
        steps = sorted(self.checkpoints)
        prev = max((s for s in steps if s <= cur), default=0)
        target = prev + self._spacing
        for s in steps:
            if s > cur:
                if s <= target + self._spacing // 2:
                    prev = s
                    target = s + self._spacing
                else:
                    break
        self._ck_next = max(target, cur + 1)

    def _thin(self) -> None:
        """Drop checkpoints while they weigh too much: first where they are
        densest compared with how far back they are (step 0 always stays)."""
        cks = self.checkpoints
        total = sum(c.weight for c in cks.values())
        if total <= MAX_WEIGHT or len(cks) <= 2:
            return
        cur = self.tr.count
        while total > MAX_WEIGHT and len(cks) > 2:
            steps = sorted(cks)
            best = None
            for j in range(1, len(steps) - 1):
                gap = steps[j + 1] - steps[j - 1]
                age = cur - steps[j]
                score = gap / (1.0 + abs(age) / max(self._spacing, 1))
                if best is None or score < best[0]:
                    best = (score, steps[j])
            if best is None:
                break
            total -= cks.pop(best[1]).weight

    def _restore(self, target: int) -> None:
        """The state of the last usable checkpoint at or before target."""
        import copy

        t0 = time.perf_counter()
        while True:
            step = max(s for s in self.checkpoints if s <= target)
            ck = self.checkpoints[step]
            memo = {}
            with _no_gc():
                b = copy.deepcopy(ck.bundle, memo)
            L = b["L"]
            try:
                self._rebuild(L, memo.get(ckpt.GENS, ()))
            except ckpt.RebuildError:
                if step == 0:
                    raise
                del self.checkpoints[step]
                continue
            break
        tr = self.tr
        ids = {}
        for k, (o, lab, n) in ck.ids.items():
            c = memo.get(k)
            if c is None and o.__class__ is Builtin:
                c = o  # (see _take_checkpoint)
            if c is not None:
                ids[id(c)] = (c, lab, n)
        tr.ids = ids
        tr.next = b["next"]
        tr.kinds = dict(b["kinds"])
        tr.count = b["count"]
        tr.lastci = b["lastci"]
        tr.lastpc = b["lastpc"]
        tr.lastmarks = b["lastmarks"]
        L.dbg = tr
        self.L = L
        self._error_view = None
        self._schedule()
        self._restore_cost = 0.5 * self._restore_cost + 0.5 * (time.perf_counter() - t0)

    @staticmethod
    def _rebuild(L, gens) -> None:
        if not gens:
            return
        owner = {}
        for th in [L.main, *L.dbg_cos]:
            for ci in th.cis:
                if ci.kind == CI_GEN and ci.gen is not None:
                    owner[id(ci.gen)] = th
        cur = L.current
        out = L.stdout
        try:
            for rg in gens:
                L.current = owner.get(id(rg), cur)
                if rg.mute:
                    out.muted = True
                try:
                    ckpt.rebuild(rg)
                finally:
                    out.muted = False
        finally:
            L.current = cur

    # -- moving --------------------------------------------------------------
    #
    # The session has a cursor (step_count, what the commands and snapshot()
    # speak of) and a live state (tr.count: where the runtime is).  They
    # are the same except after going back over snapshots kept from a
    # replay: going back one step at a time replays once for a window of
    # steps and answers the next backs (and steps forward) from those
    # snapshots; the live state follows the cursor when a command needs it.

    @property
    def step_count(self) -> int:
        return self._cursor

    @property
    def status(self) -> str:
        return self._status_at(self._cursor)

    def _status_at(self, n: int) -> str:
        if self.end_step is not None and n == self.end_step:
            return self.end_status
        return "ready" if n == 0 else "paused"

    def _at_end(self) -> bool:
        return self.end_step is not None and self._cursor >= self.end_step

    def _materialize(self) -> None:
        """Bring the live state to the cursor."""
        if self.tr.count != self._cursor:
            self._live_to(self._cursor)

    def _live_to(self, n: int, window: int = 0) -> None:
        """Move the live state to step n (not past the end); with window,
        keep the snapshots of the last window steps before n on the way."""
        cur = self.tr.count
        best = max((s for s in self.checkpoints if s <= n), default=0)
        # going back, or far enough forward that a checkpoint beats running
        if n < cur or (best > cur and (best - cur) > self._spacing // 4):
            self._restore(n)
        tr = self.tr
        if window:
            lo = n - window
            if lo > tr.count:
                self._exec(lo - tr.count, self._forward)
            while tr.count < n:
                self._keep(tr.count)
                if self._exec(1, tr.run_hook) == "end":
                    break
        elif n > tr.count:
            self._exec(n - tr.count, self._forward)

    def _keep(self, n: int) -> None:
        """Keep the snapshot of the live state (at step n) for later."""
        if n not in self._snaps:
            t0 = time.perf_counter()
            self._snaps[n] = self._build()
            self._snap_cost = 0.8 * self._snap_cost + 0.2 * (time.perf_counter() - t0)
            while len(self._snaps) > SNAPSHOT_CACHE:
                del self._snaps[next(iter(self._snaps))]

    def _command(self, name: str) -> None:
        self.message = None
        self._stop_reason = None
        self._pending = None
        self.reason = None
        self._last = name

    def _done(self, reason: str) -> dict:
        """The snapshot after a command that stopped for reason (the end of
        the program, when the cursor is there, says so instead)."""
        if self._at_end() or self._main is None:
            reason = self.end_status
        self.reason = reason
        return self.snapshot()

    def goto(self, n: int) -> dict:
        """The state after exactly n instructions (the end, if it comes first)."""
        self._command("goto")
        n = max(0, int(n))
        if self.end_step is not None and n > self.end_step:
            n = self.end_step
        if n not in self._snaps:
            self._live_to(n)
            n = self.tr.count  # (the end came first)
        self._cursor = n
        return self._done("goto")

    def step(self) -> dict:
        """One VM instruction."""
        self._command("step")
        if not self._at_end():
            n = self._cursor + 1
            if n not in self._snaps:
                self._materialize()
                self._exec(1, self.tr.run_hook)
                n = self.tr.count
            self._cursor = n
        return self._done("step")

    def back(self) -> dict:
        """One instruction back."""
        again = self._last == "back"
        self._command("back")
        n = self._cursor - 1
        if n < 0:
            return self._done("step")
        if n not in self._snaps:
            # replay once for a window of steps, as long as the replay
            # costs about as much as building its snapshots; longer each time
            best = max(s for s in self.checkpoints if s <= n)
            replay = self._restore_cost + (n - best) / self._rate
            w = max(MIN_WINDOW, int(replay / max(self._snap_cost, 1e-4)))
            self._window = min(max(w, self._window * 2 if again else 0), MAX_WINDOW)
            self._live_to(n, window=min(self._window, n))
        self._cursor = n
        return self._done("step")

    def _run(self, first, rest, budget, resumed: bool = False) -> str:
        """The first instruction with first(), at most budget - 1 more with
        rest(): stopping where we are would be no step.  (Resumed after a
        budget: every instruction with rest(); none has been asked yet.)
        Sets reason; when the budget ran out, resume() can go on."""
        self._materialize()
        budget = max(1, int(budget))
        if resumed:
            r = self._exec(budget, rest)
        else:
            r = self._exec(1, first)
            if r == "done" and budget > 1:
                r = self._exec(budget - 1, rest)
        self._cursor = self.tr.count
        self.reason = "step"
        if r == "done":
            self.message = "instruction budget reached (%d)" % budget
            self.reason = "budget"
            self._pending = (self._last, rest)
        elif r == "paused" and self._stop_reason:
            self.message = self._stop_reason
            self.reason = "breakpoint"
        elif r == "end":
            self.reason = self.end_status
        return r

    def resume(self, budget: int = DEFAULT_BUDGET, partial: bool = False) -> dict:
        """Go on with the command that stopped because its budget ran out
        (reason "budget": continue_, step_line, step_over, step_out), toward
        the same target, for at most budget more instructions.  Anything
        else in between (a step, back, goto) drops it; with nothing to go
        on with, this changes nothing."""
        pending = self._pending
        if pending is None or self._at_end():
            return self.snapshot()
        name, rest = pending
        self.message = None
        self._stop_reason = None
        self._pending = None
        self._last = name
        self._run(None, rest, budget, resumed=True)
        if name == "continue" and self.reason == "step":  # paused by the breakpoint hook
            self._continue_paused()
        return self._result(partial)

    def _continue_paused(self) -> None:
        ci = self.L.current.cis[-1]
        self.message = "breakpoint at line %d" % ci.cl.proto.lineinfo[ci.savedpc]
        self.reason = "breakpoint"

    def _result(self, partial: bool) -> dict:
        """What a command that can run out of budget returns."""
        if partial and self.reason == "budget":
            return self.progress()
        return self.snapshot()

    def progress(self) -> dict:
        """Where a command is, cheaply: a snapshot's step, status, reason,
        message, end_step and output, without frames or heap."""
        n = self._cursor
        snap = self._snaps.get(n)
        out_n = snap["output_n"] if snap is not None else self.L.stdout.n if self._main is not None else 0
        return {"step": n, "status": self._status_at(n), "message": self.message,
                "reason": self.reason, "end_step": self.end_step, "output": self._output(out_n)}

    def _stepping(self, stop, budget, partial=False) -> dict:
        """Run until stop() says so (asked at the start of every line), the
        end, or budget instructions."""
        if not self._at_end():
            tr = self.tr
            self._run(tr.run_hook, lambda: tr.step_hook(stop), budget)
            return self._result(partial)
        return self._done("step")

    def _bp_hit(self, ci, pc) -> bool:
        line = ci.cl.proto.lineinfo[pc]
        if line in self.breakpoints:
            self._stop_reason = "breakpoint at line %d" % line
            return True
        return False

    def step_line(self, budget: int = DEFAULT_BUDGET, partial: bool = False) -> dict:
        """Until the current line changes (entering calls)."""
        self._command("step_line")
        bps = self.breakpoints

        def stop(th, ci, pc, same, event):
            if event and ci.cl.proto.lineinfo[pc] in bps:
                self._bp_hit(ci, pc)
            return True

        return self._stepping(stop, budget, partial)

    def _start_frame(self):
        self._materialize()
        th = self.L.current
        return th, th.cis[-1], len(th.cis)

    @staticmethod
    def _gone(sth, sci, depth, th) -> bool:
        """Has the frame sci (at depth in coroutine sth) returned, or its
        coroutine yielded or ended?"""
        if th is not sth:
            return sth.status in ("suspended", "dead")
        cis = th.cis
        return len(cis) < depth or cis[depth - 1] is not sci

    def step_over(self, budget: int = DEFAULT_BUDGET, partial: bool = False) -> dict:
        """Until the next line in this frame or a shallower one (stopping at
        breakpoints inside calls)."""
        self._command("step_over")
        if self._at_end():
            return self._done("step")
        sth, sci, depth = self._start_frame()
        bps = self.breakpoints
        gone = self._gone

        def stop(th, ci, pc, same, event):
            if event and ci.cl.proto.lineinfo[pc] in bps:
                return self._bp_hit(ci, pc)
            if ci is sci:
                return event
            return not same and gone(sth, sci, depth, th)

        return self._stepping(stop, budget, partial)

    def step_out(self, budget: int = DEFAULT_BUDGET, partial: bool = False) -> dict:
        """Until the current frame returns (or a breakpoint)."""
        self._command("step_out")
        if self._at_end():
            return self._done("step")
        sth, sci, depth = self._start_frame()
        bps = self.breakpoints
        gone = self._gone

        def stop(th, ci, pc, same, event):
            if event and ci.cl.proto.lineinfo[pc] in bps:
                return self._bp_hit(ci, pc)
            return not same and gone(sth, sci, depth, th)

        return self._stepping(stop, budget, partial)

    def continue_(self, budget: int = DEFAULT_BUDGET, partial: bool = False) -> dict:
        """Until a breakpoint line is reached, the program ends, or budget
        instructions have run."""
        self._command("continue")
        if self._at_end():
            return self._done("step")
        tr = self.tr
        if self.breakpoints:
            bpmarks = self._bpmarks()
            r = self._run(tr.run_hook, lambda: tr.sparse_bp_hook(bpmarks, self.L), budget)
        else:
            r = self._run(tr.run_hook, self._forward, budget)
        if r == "paused":
            self._continue_paused()
        return self._result(partial)

    def back_line(self) -> dict:
        """One line back: to the last state before this one whose next
        instruction starts a line (a new frame, a jump back, a new line):
        the inverse of step_line."""
        self._command("back_line")
        hi = self._cursor
        if hi == 0:
            return self._done("step")
        tr = self.tr
        while True:
            lo = max(s for s in self.checkpoints if s < hi)
            if not (lo <= tr.count < hi):
                self._restore(lo)
            lo = tr.count
            changes = []
            if hi - 1 > tr.count:
                self._exec(hi - 1 - tr.count, lambda changes=changes: tr.run_hook(changes))
            found = None
            if tr.count == hi - 1 and self._starts_line():
                found = hi - 1
            elif changes:
                found = changes[-1]
            if found is not None or lo == 0:
                self._live_to(found or 0)
                self._cursor = tr.count
                return self._done("step")
            hi = lo

    def _starts_line(self) -> bool:
        """Does the instruction about to run start a line?"""
        tr = self.tr
        th = self.L.current
        if not th.cis:
            return False
        ci = th.cis[-1]
        if ci is not tr.lastci or tr.lastmarks[tr.lastpc] == M_TAIL:
            return True
        li = ci.cl.proto.lineinfo
        pc = ci.savedpc
        return pc <= tr.lastpc or li[pc] != li[tr.lastpc]

    # -- looking -------------------------------------------------------------

    def _capture_error(self, L) -> None:
        """At the point of the final error (in the message handler): keep
        what the frames looked like before they unwind."""
        b = Builder(self)
        th = L.current
        frames = b.frames(th, innermost_next=False)
        omitted = b.omitted
        line, ins = self._where(frames, b.frame_protos)
        cos = self._coroutines(b, L, th, ended=False)
        self._error_view = {"frames": frames, "frames_omitted": omitted, "coroutines": cos,
                            "heap": b.heap(),
                            "coroutine": self.label(th) or "main", "line": line,
                            "instruction": ins}

    def _coroutines(self, b, L, running, ended: bool) -> list:
        out = []
        for co in [L.main, *L.dbg_cos]:
            if co is L.main and ended:
                st = "dead"
            elif co is running:
                st = "running"
            else:
                st = co.status
            frames = []
            omitted = 0
            if co is not running and st != "dead" and co.fn is None:
                frames = b.frames(co, innermost_next=False)
                omitted = b.omitted
            out.append({"id": self.label(co) or b.ref(co), "status": st, "frames": frames,
                        "frames_omitted": omitted})
        return out

    def co_status(self, co) -> str:
        """A coroutine's status in the live state."""
        L = self.L
        ended = self.end_step is not None and self.tr.count == self.end_step
        if co is L.main and ended:
            return "dead"
        if co is L.current and not ended:
            return "running"
        return co.status

    def snapshot(self) -> dict:
        """The state at the cursor as a JSON-serialisable dict (docs/snapshot.md)."""
        n = self._cursor
        snap = self._snaps.get(n)
        if snap is None:
            self._materialize()
            snap = self._build()
            if self._main is not None:
                self._keep(n)
        out = {}
        for k, v in snap.items():
            if k == "output_n":
                out["output"] = self._output(v)
            else:
                out[k] = v
        out["message"] = self.message
        out["reason"] = self.reason
        out["end_step"] = self.end_step
        return out

    def _output(self, n: int) -> str:
        c = self._out_text
        if c[0] != n:
            text = bytes(self._out_data[:n]).decode("utf-8", "replace")
            if len(text) > MAX_OUTPUT:
                text = "…" + text[-MAX_OUTPUT:]
            c = self._out_text = (n, text)
        return c[1]

    def _build(self) -> dict:
        """The snapshot of the live state (without message; its output as
        output_n, a length of the output buffer)."""
        tr = self.tr
        step = tr.count if self._main is not None else 0
        status = self._status_at(step)
        snap = {
            "step": step,
            "status": status,
            "error": self.error if status == "error" else None,
            "line": None,
            "chunkname": self.chunkname,
            "coroutine": "main",
            "frames": [],
            "frames_omitted": 0,
            "instruction": None,
            "heap": {},
            "coroutines": [],
            "output_n": self.L.stdout.n if self._main is not None else 0,
            "message": None,
        }
        if self._main is None:  # did not compile
            snap["line"] = self._syntax_line
            return snap
        L = self.L
        if status == "error":
            view = self._error_view
            if view is not None:
                for k in ("frames", "frames_omitted", "coroutines", "heap", "coroutine", "line",
                          "instruction"):
                    snap[k] = view[k]
            if snap["line"] is None and tr.lastci is not None:
                snap["line"] = tr.lastci.cl.proto.lineinfo[tr.lastpc]
            return snap
        b = Builder(self)
        if status == "finished":
            snap["coroutines"] = self._coroutines(b, L, None, ended=True)
            snap["heap"] = b.heap()
            return snap
        th = L.current
        frames = b.frames(th)
        snap["frames_omitted"] = b.omitted
        snap["line"], snap["instruction"] = self._where(frames, b.frame_protos)
        snap["coroutine"] = self.label(th) or b.ref(th)
        snap["frames"] = frames
        snap["coroutines"] = self._coroutines(b, L, th, ended=False)
        snap["heap"] = b.heap()
        return snap

    def _where(self, frames, protos):
        """The line and Instruction of the innermost Lua frame of frames."""
        for f, p in zip(reversed(frames), reversed(protos[: len(frames)]), strict=False):
            if f["kind"] == "lua":
                return f["line"], self._instruction(p, f["pc"])
        return None, None

    def listing(self):
        """The bytecode of every function of the program (docs/snapshot.md),
        or None when it did not compile."""
        if self._main is None:
            return None
        if self._listing is None:
            self._listing = listing(self._main, self.tr.protos)
        return self._listing


class _no_gc:
    """Python's cycle collector off while a checkpoint is copied: the copy
    makes many objects at once, and none of them is garbage."""

    def __enter__(self):
        import gc

        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        import gc

        if self.was:
            gc.enable()


def _error_text(v) -> str:
    """What lua5.1 prints for an uncaught error value."""
    if v is None:
        return "nil"
    if v.__class__ is bytes:
        return v.decode("utf-8", "replace")
    if v.__class__ is float:
        return fmt_number(v).decode()
    return "(error object is not a string)"


def _message_line(msg: str, chunk: str):
    """The line of a compiler message (chunk:line: ...)."""
    import re

    m = re.match(r"^.*?:(\d+): ", msg)
    return int(m.group(1)) if m else None


__all__ = ["DEFAULT_BUDGET", "Session"]

del LuaError
