"""What a session follows while the program runs: the instruction count,
the last instruction executed, and the ids of heap objects, given in the
order the program makes them (so that going back and forth gives the same
ids, whatever was looked at).

The hooks here are the VM's (docs/internals.md): ``hook(vm, th, ci, pc)``
before every instruction in ``L.run_stepping``, or, in ``L.run_sparse``,
``hook(vm, th, ci, pc, mode)`` only before the instructions whose byte in
``hook.dmarks(proto)`` is set (kept by the loop in ``hook.dmk``).

What the hooks need to know about a function (which instructions make
something to name, which register they write) is computed once per
``Proto`` from its bytecode, through ``pylua/opcodes.py``, and kept in the
tracker's own side table (``Tracker.info``), not on the Proto.
"""

from __future__ import annotations

from ..opcodes import (
    OP_CALL,
    OP_CLOSURE,
    OP_NEWTABLE,
    OP_TAILCALL,
    get_op,
    getarg_A,
    getarg_Bx,
    getarg_C,
)
from ..proto import VARARG_NEEDSARG
from ..snapshot import closure_names, proto_ids
from ..values import CI_LUA, Builtin, Coroutine, LuaFunction, LuaTable, Userdata
from ..vcode import PAUSED

KIND = {LuaTable: "t", LuaFunction: "f", Builtin: "f", Coroutine: "c", Userdata: "u"}

# what an instruction makes that needs an id afterwards (ProtoInfo.marks)
M_NEWTABLE, M_CLOSURE, M_CALL, M_TAIL = 1, 2, 3, 4
# what the sparse hook does before an instruction (sparse_marks)
D_BP, D_ARG, D_CALL, D_SLOT = 1, 2, 3, 4


class ProtoInfo:
    """What the hooks need to know about a function, from its bytecode.

    - ``marks``: per instruction, M_NEWTABLE, M_CLOSURE, M_CALL (a CALL
      with results), M_TAIL (a TAILCALL) or 0;
    - ``follow``: per instruction, D_CALL or D_SLOT + k when the
      instruction before it (k + 1 before it: a CLOSURE's upvalues follow
      it as pseudo-instructions) made something to name, D_ARG at the first
      one of a function that makes an 'arg' table (``sparse_marks``
      without breakpoints);
    - ``ra``: per instruction, its register A; ``one``: per instruction,
      1 for a CALL that gives exactly one result (the common case, named
      inline by the hooks);
    - ``needs_arg``: the function makes an 'arg' table (VARARG_NEEDSARG);
    - ``lines``: per instruction, its line: ``p.lineinfo``, or 0 where a
      chunk has no line information (``luac -s``, ``string.dump(f, true)``
      -style chunks: Lua 5.1's getline gives 0 then, so its line hook
      sees a new line only entering a function or jumping back);
    - caches for the session's view: ``locals`` (pc -> names of the active
      locals), ``rows`` (its Instructions by 1-based pc)."""

    __slots__ = ("marks", "follow", "ra", "one", "needs_arg", "lines", "locals", "rows")

    def __init__(self, p):
        code = p.code
        n = len(code)
        marks = bytearray(n)
        ra = [0] * n
        one = bytearray(n)
        for pc, i in enumerate(code):
            op = get_op(i)
            ra[pc] = getarg_A(i)
            if op == OP_NEWTABLE:
                marks[pc] = M_NEWTABLE
            elif op == OP_CLOSURE:
                marks[pc] = M_CLOSURE
            elif op == OP_CALL:
                c = getarg_C(i)
                if c != 1:
                    marks[pc] = M_CALL
                if c == 2:
                    one[pc] = 1
            elif op == OP_TAILCALL:
                marks[pc] = M_TAIL
        self.marks = bytes(marks)
        self.ra = ra
        self.one = bytes(one)
        self.needs_arg = bool(p.is_vararg & VARARG_NEEDSARG)
        li = p.lineinfo
        self.lines = li if len(li) == n else [*li[:n], *[0] * (n - len(li))]
        self.follow = sparse_marks(p, self, b"")
        self.locals = {}
        self.rows = None


def sparse_marks(p, info: ProtoInfo, bpm) -> bytes:
    """Where the sparse loop calls the hook in p, and what for: D_BP
    everywhere when p has a breakpoint line (bpm: a byte per instruction);
    else D_CALL after a CALL with results, D_SLOT + k after NEWTABLE
    (k = 0) or CLOSURE (k = its upvalues, which follow it as
    pseudo-instructions), D_ARG at the first instruction of a function
    that makes an 'arg' table."""
    n = len(p.code)
    if any(bpm):
        return bytes([D_BP]) * n
    d = bytearray(n)
    if n and info.needs_arg:
        d[0] = D_ARG
    for pc, m in enumerate(info.marks):
        if m == M_CALL:
            if pc + 1 < n:
                d[pc + 1] = D_CALL
        elif m == M_NEWTABLE:
            if pc + 1 < n:
                d[pc + 1] = D_SLOT
        elif m == M_CLOSURE:
            k = p.p[getarg_Bx(p.code[pc])].nups
            if pc + 1 + k < n:
                d[pc + 1 + k] = D_SLOT + k
    return bytes(d)


def no_breakpoints(p) -> bytes:
    return bytes(len(p.code))


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
        self.lastmarks = b""  # marks of lastci's function when it ran (a tail call may reuse the frame)
        self.live = None  # while a hook runs: its state() function
        self.protos = {}  # id(Proto) -> its id ("0.1", "2.0"...)
        self.proto_refs = []  # keeps loaded Protos alive (their ids stay unique)
        self.fnames = {}  # id(Proto) -> the name its closure is stored under
        self.infos = {}  # Proto -> its ProtoInfo (Protos are shared by every copy of the state)

    def info(self, p) -> ProtoInfo:
        t = self.infos.get(p)
        if t is None:
            t = self.infos[p] = ProtoInfo(p)
        return t

    def lines(self, p):
        """The line of each instruction of p (0 without line information)."""
        return self.info(p).lines

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
        k = KIND.get(c, "o")
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
                if v.__class__ in KIND and id(v) not in self.ids:
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
            if v.__class__ in KIND and id(v) not in ids:
                self.stamp(v)

    def marked(self, th, ci, pc: int, m: int) -> None:
        """The instruction at pc of frame ci made something: name it."""
        p = ci.cl.proto
        lo = ci.base + self.info(p).ra[pc]
        if m != M_CALL:
            self.stamp_slots(th.stack, lo, lo + 1)
            return
        c = getarg_C(p.code[pc])
        self.stamp_slots(th.stack, lo, lo + c - 1 if c else max(th.top, lo))

    def entered(self, th, ci, pc: int) -> None:
        """The running frame changed to ci at pc, or what ran last is not
        known: a call returned into it (name the call's results), it has
        just been called (its arg table), or the instruction before pc made
        something (see ProtoInfo.follow)."""
        p = ci.cl.proto
        if pc:
            f = self.info(p).follow[pc]
            if f == D_CALL:
                self.marked(th, ci, pc - 1, M_CALL)
            elif f >= D_SLOT:
                self.marked(th, ci, pc - (f - D_SLOT) - 1, M_NEWTABLE)
        elif p.is_vararg & VARARG_NEEDSARG:
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
            self.entered(th, ci, ci.savedpc)

    def instructions(self) -> int:
        if self.live is not None:
            return self.live()[0]
        return self.count

    def on_error(self, L) -> None:
        self.session.capture_error(L)

    def loaded_chunk(self, L, f) -> None:
        """A chunk loaded by the program: its protos get ids "1", "1.0"..."""
        L.dbg_chunks += 1
        self.register_protos(f.proto, str(L.dbg_chunks))

    def register_protos(self, main, prefix: str) -> None:
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
        follow, ra, one)."""
        info = {}
        pinfo = self.info

        def get(p):
            t = info.get(p)
            if t is None:
                pi = pinfo(p)
                t = info[p] = (pi.marks, pi.lines, p.code,
                               bpmarks(p) if bpmarks is not None else None,
                               pi.needs_arg, pi.follow, pi.ra, pi.one)
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
                    if t[7][pc - 1]:
                        v = th.stack[ci.base + t[6][pc - 1]]
                        if v.__class__ in KIND and id(v) not in ids:
                            stamp(v)
                    else:
                        marked(th, ci, pc - 1, M_CALL)
                elif f >= D_SLOT:
                    v = th.stack[ci.base + t[6][pc - (f - D_SLOT) - 1]]
                    if v.__class__ in KIND and id(v) not in ids:
                        stamp(v)
            elif t[4]:
                entered(th, ci, pc)

        return enter

    def run_hook(self, changes=None):
        """Counts and names, stops nowhere.  changes: a list to append the
        count (the step) of every instruction that starts a line to."""
        count = self.count
        lastci = self.lastci
        lastpc = self.lastpc
        marks = self.lastmarks
        li = self.lines(lastci.cl.proto) if lastci is not None else ()
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
        li = self.lines(lastci.cl.proto) if lastci is not None else ()
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
        """bp_hook for the sparse loop (L.run_sparse), which calls it only
        where sparse_marks() says, with the mode found there: in a function with
        a breakpoint line before every instruction (mode D_BP: bp_hook's
        logic), elsewhere only where something made needs its id (the
        instruction after NEWTABLE, CLOSURE, a CALL with results; the first
        one of a function making an 'arg' table).  The instruction count
        is the loop's: hook.begin(before + chunk) - L.steps_left."""
        lastci = self.lastci
        lastpc = self.lastpc
        marks = self.lastmarks
        li = self.lines(lastci.cl.proto) if lastci is not None else ()
        bpm = bpmarks(lastci.cl.proto) if lastci is not None else b""
        marked = self.marked
        entered = self.entered
        pinfo = self.info
        info, get = self._proto_info(bpmarks)
        enter = self._entered_inline()
        ids = self.ids
        stamp = self.stamp
        tgt = [0]
        # the last instruction is known if the next one calls the hook
        th = L.current
        cur = th.cis[-1] if th.cis else None
        if cur is None or cur.kind != CI_LUA or not any(bpmarks(cur.cl.proto)):
            lastci = None

        def hook(vm, th, ci, pc, mode):
            nonlocal lastci, lastpc, marks, li, bpm
            if mode != D_BP:
                lastci = None  # (the next D_BP call sees a new frame)
                if mode >= D_SLOT:  # NEWTABLE, CLOSURE: one value
                    t = info.get(ci.cl.proto) or get(ci.cl.proto)
                    v = th.stack[ci.base + t[6][pc - (mode - D_SLOT) - 1]]
                    if v.__class__ in KIND and id(v) not in ids:
                        stamp(v)
                elif mode == D_CALL:
                    t = info.get(ci.cl.proto) or get(ci.cl.proto)
                    if t[7][pc - 1]:  # one result: the common case, inline
                        v = th.stack[ci.base + t[6][pc - 1]]
                        if v.__class__ in KIND and id(v) not in ids:
                            stamp(v)
                    else:
                        marked(th, ci, pc - 1, M_CALL)
                else:  # D_ARG
                    entered(th, ci, 0)
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
            d = dcache[p] = sparse_marks(p, pinfo(p), bpmarks(p))
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
        li = self.lines(lastci.cl.proto) if lastci is not None else ()
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


__all__ = ["D_ARG", "D_BP", "D_CALL", "D_SLOT", "KIND", "M_CALL", "M_CLOSURE", "M_NEWTABLE",
           "M_TAIL", "ProtoInfo", "Tracker", "no_breakpoints", "sparse_marks"]
