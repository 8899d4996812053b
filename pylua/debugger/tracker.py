"""What a session follows while the program runs: the instruction count
and the last instruction executed; and how it names heap objects.

Names: what exists before the program runs is named by where it is
(``Tracker.name``: print, string.format, _G...); what the program makes is
named by its serial number (pylua/values.py: every table, function,
coroutine and userdata is numbered per kind when it is made), counted from
the program's start: ``t1`` is the first table the program made, ``f1``
its main function.  The VM gives serials whether a hook watches or not, so
a run in the VM's fast paths (no hook at all) names everything as a run
instruction by instruction does, and going back and forth gives the same
names, whatever was looked at.

The hooks here are the VM's (docs/internals.md): ``hook(vm, th, ci, pc)``
before every instruction in ``L.run_stepping``, or, in ``L.run_sparse``,
``hook(vm, th, ci, pc, mode)`` only before the instructions whose byte in
``hook.dmarks(proto)`` is set (kept by the loop in ``hook.dmk``): every
instruction of a function with a breakpoint line, none elsewhere.

What the hooks need to know about a function is computed once per
``Proto`` from its bytecode and kept in the tracker's own side table
(``Tracker.info``), not on the Proto.
"""

from __future__ import annotations

from ..opcodes import OP_RETURN, OP_TAILCALL, effects, get_op, getarg_A
from ..snapshot import closure_names, proto_ids
from ..values import CI_LUA, Builtin, Coroutine, LuaFunction, LuaTable, Userdata, serial_kind
from ..vcode import PAUSED

KIND = {LuaTable: "t", LuaFunction: "f", Builtin: "f", Coroutine: "c", Userdata: "u"}
KIND_LETTERS = "tfcu"  # by the kind of a serial (values.serial_kind)

# ProtoInfo.marks: a TAILCALL (the frame it reuses counts as a new one)
M_TAIL = 4
# what the sparse hook does before an instruction (sparse_marks)
D_BP = 1
STRAY = 1 << 27  # numbers of objects made before the program and not named by where they are


class ProtoInfo:
    """What the hooks need to know about a function, from its bytecode.

    - ``marks``: per instruction, M_TAIL (a TAILCALL) or 0;
    - ``lines``: per instruction, its line: ``p.lineinfo``, or 0 where a
      chunk has no line information (``luac -s``, ``string.dump(f, true)``
      -style chunks: Lua 5.1's getline gives 0 then, so its line hook
      sees a new line only entering a function or jumping back);
    - caches for the session's view: ``locals`` (pc -> names of the active
      locals), ``rows`` (its Instructions by 1-based pc)."""

    __slots__ = ("marks", "lines", "locals", "rows", "p", "_live")

    def __init__(self, p):
        code = p.code
        n = len(code)
        self.marks = bytes(M_TAIL if get_op(i) == OP_TAILCALL else 0 for i in code)
        li = p.lineinfo
        self.lines = li if len(li) == n else [*li[:n], *[0] * (n - len(li))]
        self.locals = {}
        self.rows = None
        self.p = p
        self._live = None

    @property
    def live(self) -> list:
        """Per instruction, the registers that may be read before they are
        written from there on (a bit each: backward liveness over the
        function's flow, through opcodes.effects; a range read up to top
        counts as read to the end of the frame, and the instruction before
        it, which sets that top, as writing from its A to the end).  A register outside it
        holds what an earlier instruction left there, which no instruction
        reads: a snapshot shows it as nil."""
        if self._live is None:
            self._live = liveness(self.p)
        return self._live


def liveness(p) -> list:
    """ProtoInfo.live of p (0 for a data word)."""
    code = p.code
    n = len(code)
    full = (1 << max(p.maxstacksize, 1)) - 1
    gen = [0] * n
    kill = [0] * n
    succ = [()] * n
    starts = []
    pc = 0
    while pc < n:
        try:
            e = effects(code, pc, p)
        except Exception:  # (a chunk the verifier let through oddly: all live from here)
            gen[pc] = full
            starts.append(pc)
            break
        g = 0
        for r in e.reads:
            g |= 1 << r
        if e.reads_top and e.reads:
            g |= full & ~((1 << min(e.reads)) - 1)
        k = 0
        cond = set(e.cond_writes)
        for r in e.writes:
            if r not in cond:
                k |= 1 << r
        c = 0
        for r in cond:
            c |= 1 << r
        if e.sets_top:
            # it writes from A up to the top it sets, and what follows reads
            # only up to that top: nothing above A is read before written
            k |= full & ~((1 << getarg_A(code[pc])) - 1)
        gen[pc] = g
        kill[pc] = k & ~g
        # (what it writes only on the way to succ[0] is dead only that way)
        succ[pc] = tuple((s, c if j == 0 else 0) for j, s in enumerate(e.succ) if 0 <= s < n)
        starts.append(pc)
        pc += max(e.words, 1)
    live = [0] * n
    changed = True
    while changed:  # (to a fixed point: loops carry liveness back)
        changed = False
        for pc in reversed(starts):
            out = 0
            for s, c in succ[pc]:
                out |= live[s] & ~c
            v = gen[pc] | (out & ~kill[pc])
            if v != live[pc]:
                live[pc] = v
                changed = True
    return live


def sparse_marks(p, marked: bool) -> bytes:
    """Where the sparse loop calls the hook in p: before every instruction
    when p is marked (it has a breakpoint line, a step may stop in it),
    nowhere else."""
    n = len(p.code)
    if marked:
        return bytes([D_BP]) * n
    return bytes(n)


def no_breakpoints(p) -> bytes:
    return bytes(len(p.code))


class Tracker:
    """What the session follows while the program runs: the instruction
    count, the last instruction executed, and the names of heap objects."""

    def __init__(self, session):
        self.session = session
        # id(obj) -> (obj, label, number): objects named by where they are
        # (before the program runs; label None: made before the program,
        # met later, numbered by tostring)
        self.ids = {}
        self.next = 1  # the next number given by name() (then by stamp(): STRAY on)
        self.base = (0, 0, 0, 0)  # values.serials() when the program started
        self.first = 1  # the number of the program's first object
        self.count = 0  # instructions executed
        self.lastci = None  # the frame and pc of the last instruction executed
        self.lastpc = 0
        self.lastmarks = b""  # lastci's function's marks when it ran (a tail call reuses frames)
        self.live = None  # while a hook runs: its state() function
        self.protos = {}  # id(Proto) -> its id ("0.1", "2.0"...)
        self.proto_refs = []  # keeps loaded Protos alive (their ids stay unique)
        self.fnames = {}  # id(Proto) -> the name its closure is stored under
        self.infos = {}  # Proto -> its ProtoInfo (Protos are shared by every copy of the state)
        self.longest = 0  # the most instructions a function of the program has
        self.arm = None  # while compiled code runs beside breakpoints: what keeps it out of a new chunk's marked functions

    def info(self, p) -> ProtoInfo:
        t = self.infos.get(p)
        if t is None:
            t = self.infos[p] = ProtoInfo(p)
        return t

    def lines(self, p):
        """The line of each instruction of p (0 without line information)."""
        return self.info(p).lines

    # names
    def name(self, o, label: str) -> None:
        """A name for something that exists before the program runs."""
        n = self.next
        self.next = n + 1
        self.ids[id(o)] = (o, label, n)

    def started(self, base: tuple) -> None:
        """The program starts: what it makes from now on (the serials after
        base, values.serials()) is named by its serial."""
        self.base = base
        self.first = self.next
        self.next = STRAY

    def _made(self, o):
        """(kind, n): o is the program's n-th object of its kind (n >= 1),
        or None (made before the program)."""
        try:
            k, n = serial_kind(o.serial)
        except AttributeError:
            return None
        n -= self.base[k]
        return (k, n) if n > 0 else None

    def label(self, o):
        """o's heap id: t3, f1, c2, u1 for what the program made, the name
        of where it was for what existed before (None: no name)."""
        e = self.ids.get(id(o))
        if e is not None:
            return e[1]
        m = self._made(o)
        return None if m is None else KIND_LETTERS[m[0]] + str(m[1])

    def number(self, o):
        """o's number (its address: snapshot.addr_text), or None."""
        e = self.ids.get(id(o))
        if e is not None:
            return e[2]
        m = self._made(o)
        return None if m is None else self.first + 4 * (m[1] - 1) + m[0]

    def stamp(self, o) -> int:
        """o's number, given now to an object made before the program that
        has none (tostring asks: the program's own order, so a replay
        gives the same numbers)."""
        n = self.number(o)
        if n is None:
            n = self.next
            self.next = n + 1
            self.ids[id(o)] = (o, None, n)
        return n

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
        if self.arm is not None:
            self.arm(f.proto)

    def register_protos(self, main, prefix: str) -> None:
        self.protos.update(proto_ids(main, prefix))
        self.proto_refs.append(main)

        def walk(p):
            self.fnames.update(closure_names(p))
            self.longest = max(self.longest, len(p.code))
            for c in p.p:
                walk(c)

        walk(main)

    # hooks: one closure per run, its state in fast local cells.  The
    # common case (the same frame as the last instruction) costs a few
    # local operations; a new frame (a call, a return) finds what it needs
    # about its function in one dict lookup.  A frame reused by a tail call
    # counts as a new frame.
    def _proto_info(self, bpmarks=None):
        """proto -> (marks, lineinfo, breakpoint marks)."""
        info = {}
        pinfo = self.info

        def get(p):
            t = info.get(p)
            if t is None:
                pi = pinfo(p)
                t = info[p] = (pi.marks, pi.lines, bpmarks(p) if bpmarks is not None else None)
            return t

        return info, get

    def run_hook(self, changes=None):
        """Counts, stops nowhere.  changes: a list to append the count (the
        step) of every instruction that starts a line to."""
        count = self.count
        lastci = self.lastci
        lastpc = self.lastpc
        marks = self.lastmarks
        li = self.lines(lastci.cl.proto) if lastci is not None else ()
        info, get = self._proto_info()

        if changes is None:

            def hook(vm, th, ci, pc):
                nonlocal count, lastci, lastpc, marks
                if ci is not lastci or marks[lastpc]:
                    p = ci.cl.proto
                    marks = (info.get(p) or get(p))[0]
                    lastci = ci
                count += 1
                lastpc = pc
                return None

        else:

            def hook(vm, th, ci, pc):
                nonlocal count, lastci, lastpc, marks, li
                if ci is lastci and not marks[lastpc]:
                    if pc <= lastpc or li[pc] != li[lastpc]:
                        changes.append(count)
                    count += 1
                    lastpc = pc
                    return None
                p = ci.cl.proto
                t = info.get(p) or get(p)
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
        info, get = self._proto_info(bpmarks)

        def hook(vm, th, ci, pc):
            nonlocal count, lastci, lastpc, marks, li, bpm
            if ci is lastci and not marks[lastpc]:
                if bpm[pc] and (pc <= lastpc or li[pc] != li[lastpc]):
                    return PAUSED
                count += 1
                lastpc = pc
                return None
            p = ci.cl.proto
            t = info.get(p) or get(p)
            if t[2][pc] and (pc == 0 or t[1][pc] != t[1][pc - 1]):
                return PAUSED  # (nothing changed: a rerun finds the same)
            marks, li, bpm = t
            lastci = ci
            count += 1
            lastpc = pc
            return None

        def state():
            return count, lastci, lastpc, marks

        return hook, state

    def sparse_bp_hook(self, bpmarks, L):
        """bp_hook for the sparse loop (L.run_sparse), which calls it only
        where sparse_marks() says: before every instruction of a function
        with a breakpoint line, nowhere else.  The instruction count is the
        loop's: hook.begin(before + chunk) - L.steps_left."""
        lastci = self.lastci
        lastpc = self.lastpc
        marks = self.lastmarks
        li = self.lines(lastci.cl.proto) if lastci is not None else ()
        bpm = bpmarks(lastci.cl.proto) if lastci is not None else b""
        info, get = self._proto_info(bpmarks)

        def marked(p):
            return any(bpmarks(p))

        if not self._last_known(L, marked):
            lastci = None

        def hook(vm, th, ci, pc, mode):
            nonlocal lastci, lastpc, marks, li, bpm
            if ci is lastci and not marks[lastpc]:
                if bpm[pc] and (pc <= lastpc or li[pc] != li[lastpc]):
                    return PAUSED
                lastpc = pc
                return None
            p = ci.cl.proto
            t = info.get(p) or get(p)
            if t[2][pc] and (pc == 0 or t[1][pc] != t[1][pc - 1]):
                return PAUSED
            marks, li, bpm = t
            lastci = ci
            lastpc = pc
            return None

        state = self._sparse(hook, marked, L, lambda: (lastci, lastpc, marks), lambda: self.bp_hook(bpmarks))
        return hook, state

    def _last_known(self, L, marked) -> bool:
        """Does a sparse hook starting now know the last instruction run?
        Only if the next one calls it (its function is marked)."""
        th = L.current
        cur = th.cis[-1] if th.cis else None
        return cur is not None and cur.kind == CI_LUA and marked(cur.cl.proto)

    def _sparse(self, hook, marked, L, where, full):
        """What the sparse loops need of a hook called before every
        instruction of the functions marked(p) says and nowhere else:
        hook.dmarks (and its cache dmk), marked (what compiled code keeps
        out of: Session._fast_sparse), begin(target) (the count is then the
        loop's: target - L.steps_left, with jit_ran), finish, full (the hook
        for a stretch's last instruction).  Returns state(); where() gives
        the hook's last frame, pc and marks."""
        tgt = [0]
        dcache = {}

        def dmarks(p):
            d = dcache[p] = sparse_marks(p, marked(p))
            return d

        def state():
            # (a frame the loop ran without the hook: the next hook call sees a
            # new frame; compiled code a builtin's request ran: in jit_ran)
            return (tgt[0] - L.steps_left + L.jit_ran, *where())

        def begin(target):
            tgt[0] = target
            L.steps_left = target - self.count

        hook.dmarks = dmarks
        hook.dmk = dcache
        hook.marked = marked
        hook.begin = begin
        hook.finish = lambda: None
        hook.full = full
        return state

    def sparse_step_hook(self, stop, marked, L, sci, handed):
        """step_hook for the sparse loop (L.run_sparse_count: compiled code
        elsewhere), which calls it before every instruction of a function
        marked(p) says, nowhere else: the caller marks every function the
        command may stop in before the frame sci returns (sci's, those of
        the frames under it and of the coroutines that resumed its, those
        with a breakpoint line).  Before sci returns or makes a tail call,
        it hands over (returns PAUSED with handed[0] set: the command goes
        on with step_hook, which sees where the return lands)."""
        lastci = self.lastci
        lastpc = self.lastpc
        marks = self.lastmarks
        li = self.lines(lastci.cl.proto) if lastci is not None else ()
        info, get = self._proto_info()
        if not self._last_known(L, marked):
            lastci = None
        leaves = {OP_RETURN, OP_TAILCALL}

        def hook(vm, th, ci, pc, mode):
            nonlocal lastci, lastpc, marks, li
            if ci is lastci and not marks[lastpc]:
                if (pc <= lastpc or li[pc] != li[lastpc]) and stop(th, ci, pc, True, True):
                    return PAUSED
                if ci is sci and get_op(ci.cl.proto.code[pc]) in leaves:
                    handed[0] = True
                    return PAUSED  # (not a stop: the session goes on with step_hook)
                lastpc = pc
                return None
            p = ci.cl.proto
            t = info.get(p) or get(p)
            li2 = t[1]
            if stop(th, ci, pc, False, pc == 0 or li2[pc] != li2[pc - 1]):
                return PAUSED
            if ci is sci and get_op(ci.cl.proto.code[pc]) in leaves:
                handed[0] = True
                return PAUSED
            marks, li = t[0], li2
            lastci = ci
            lastpc = pc
            return None

        state = self._sparse(hook, marked, L, lambda: (lastci, lastpc, marks), lambda: self.step_hook(stop))
        hook.handed = handed  # (Session._chunk: a PAUSED with handed[0] is no stop)
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
        info, get = self._proto_info()

        def hook(vm, th, ci, pc):
            nonlocal count, lastci, lastpc, marks, li
            if ci is lastci and not marks[lastpc]:
                if (pc <= lastpc or li[pc] != li[lastpc]) and stop(th, ci, pc, True, True):
                    return PAUSED
                count += 1
                lastpc = pc
                return None
            p = ci.cl.proto
            t = info.get(p) or get(p)
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


__all__ = ["D_BP", "KIND", "M_TAIL", "ProtoInfo", "Tracker", "no_breakpoints", "sparse_marks"]
