"""The session: a program being debugged, its commands (step, step_line,
step_over, step_out, continue_, resume, back, back_line, goto) and its
snapshots (docs/snapshot.md).

The program runs in the session's own Lua state (state.DebugLua): forward
to no particular instruction (Run, Continue with no breakpoint in the way,
replays) in the VM's fast paths with no hook (fastrun.py), counted
exactly; otherwise under the tracker's hooks (tracker.py), which count
instructions and decide where stepping stops.  Heap objects are named by
the serial numbers the VM gives them as they are made.  Going back
restores a checkpoint and runs forward again (replay.py).
"""

from __future__ import annotations

import time

from ..errors import LuaSyntaxError, chunkid
from ..numfmt import fmt_number
from ..snapshot import (
    instruction_rows,
    proto_label,
)
from ..values import CI_LUA, Builtin, LuaTable, Userdata, serials, set_serials
from ..vcode import ERROR, FINISHED, PAUSED, RUNNING, SWITCH
from ..vm import prepare
from .explain import static_text
from .fastrun import max_overshoot, native, run_counted
from .replay import Checkpoints, record_host
from .state import ERROR_HANDLER, DebugLua, InBuf, OutBuf
from .tracker import KIND, M_TAIL, Tracker
from .views import Views, error_text, guarded, message_line

DEFAULT_BUDGET = 1_000_000
DEFAULT_MEMORY_LIMIT = 256 << 20  # bytes, as the collector counts them (values.Acct)
SHORT_RUN = 64  # runs shorter than this (a step, a window's steps) take no checkpoint
BACK_LINE_WINDOW = 256  # steps back_line first looks through for the start of a line

# going back one step at a time: snapshots kept from one replay
MIN_WINDOW = 16
MAX_WINDOW = 256
SNAPSHOT_CACHE = 512


class _Overshot(Exception):  # noqa: N818 - not an error: the stretch runs again
    """The fast paths ran past an exact stop (Session._chunk)."""


class Session(Views):
    """A program being debugged; see the module docstring."""

    strict = False  # let the debugger's own failures raise (see guarded)

    def __init__(
        self,
        source,
        chunkname: str = "=input",
        stdin="",
        now: int | None = None,
        allow_bytecode: bool = False,
        memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    ):
        if isinstance(source, str):
            source = source.encode("utf-8")
        if isinstance(stdin, str):
            stdin = stdin.encode("utf-8")
        if isinstance(chunkname, str):
            chunkname = chunkname.encode("utf-8")
        self.chunkname = chunkid(chunkname).decode("utf-8", "replace")
        self._busy = False  # a command is running (guarded)
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
        self._stop_reason = None
        self.end_step = None  # where the program ends, once known
        self.end_status = None
        self._error_view = None  # the frames at the point of the final error
        self._main = None
        self._listing = None
        self._bp_cache = (None, {})
        self.sparse = True  # run forward in the sparse loop (L.run_sparse)
        self.tr = tr = Tracker(self)
        self.cks = Checkpoints(tr)
        out = OutBuf()
        self._out_text = (0, "", 0)  # _output()'s last answer
        if memory_limit is not None:
            memory_limit = int(memory_limit)
            if memory_limit < 0:
                raise ValueError("memory_limit is a number of bytes or None, not %d" % memory_limit)
        now = int(time.time()) if now is None else now
        outer = serials()
        set_serials((0, 0, 0, 0))  # (every session numbers its objects from the start)
        try:
            self.L = L = self._make_state(
                out, InBuf(bytes(stdin)), now, memory_limit, allow_bytecode
            )
            L.dbg = tr
            try:
                self._start(L, source, chunkname)
            except LuaSyntaxError as e:
                self._no_program(error_text(e.value))
            except (KeyboardInterrupt, SystemExit, GeneratorExit):
                raise
            except BaseException as e:  # a bug of the debugger: see guarded
                if self.strict:
                    raise
                self._no_program(
                    "internal error in the debugger: %s: %s" % (type(e).__name__, str(e)[:200])
                )
        finally:
            if self.__dict__.get("L") is not None:
                self.L.serials = serials()
            set_serials(outer)

    def _make_state(self, out, inp, now, memory_limit, allow_bytecode):
        """The Lua state the program runs in (Redis mode makes its own)."""
        return DebugLua(out, inp, now, memory_limit, allow_bytecode)

    def _no_program(self, error: str) -> None:
        """The session of a source that did not compile (or could not start)."""
        self._main = None
        self.end_status = "error"
        self.end_step = 0
        self.error = error
        self._syntax_line = message_line(error, self.chunkname)

    def _start(self, L, source: bytes, chunkname: bytes) -> None:
        tr = self.tr
        base = serials()
        fn = L.load(bytes(source), chunkname)  # (the program's first object: f1)
        self._main = fn.proto
        tr.protos.clear()
        tr.proto_refs.clear()
        L.dbg_chunks = 0
        tr.register_protos(fn.proto, "0")
        self._name_initial(L)
        tr.started(base)
        h = self.handler
        L.start(fn, handler=h)
        record_host(L, fn, h)
        L.hook = None
        st = L.run_stepping(1 << 62, 0)  # to the first instruction, without running it
        if st in (FINISHED, ERROR):  # nothing to run at all
            self._ended(st)
        L.serials = serials()  # (the checkpoint's count: what a replay goes on from)
        self.cks.take(L, limit=float("inf"))  # (step 0 is always there to go back to)
        self.cks.schedule()

    @property
    def memory_limit(self) -> int | None:
        """The memory limit in bytes (None: none), as the Session was made
        with it: the program's allocations past it fail with "not enough
        memory"."""
        return self.L.acct.limit

    @property
    def checkpoints(self) -> dict:
        """step -> Checkpoint: the states going back starts from."""
        return self.cks.at

    # -- naming ------------------------------------------------------------

    def _name_initial(self, L) -> None:
        """Ids for what exists before the program runs: the libraries'
        objects are named by where they are (print, string.format, _G,
        registry...), in a fixed order."""
        tr = self.tr
        tr.name(L.main, "main")
        todo = [("_G", L.globals), ("registry", L.registry)]
        todo += [("meta(%s)" % k, mt) for k, mt in L.typemeta.items()]
        i = 0
        while i < len(todo):
            path, o = todo[i]
            i += 1
            if o is None or o.__class__ not in KIND or id(o) in tr.ids:
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
                        sub = "%s[%s]" % (
                            path,
                            fmt_number(k).decode() if k.__class__ is float else k,
                        )
                        todo.append((sub + "(key)", k))
                    todo.append((sub, v))
            elif c is Builtin:
                todo += [("%s.up%d" % (path, j + 1), v) for j, v in enumerate(o.upvals or ())]
            elif c is Userdata:
                todo.append(("meta(%s)" % path, o.meta))
                todo.append(("env(%s)" % path, o.env))

    def label(self, o):
        return self.tr.label(o)

    def number(self, o):
        return self.tr.number(o)

    def proto_id(self, p):
        return self.tr.protos.get(id(p))

    def function_name(self, p) -> str:
        n = self.tr.fnames.get(id(p))
        return n if n is not None else proto_label(p)

    def local_names(self, p, pc: int) -> list:
        cache = self.tr.info(p).locals
        names = cache.get(pc)
        if names is None:
            names = cache[pc] = [
                v.varname.decode("utf-8", "replace") for v in p.locvars if v.startpc <= pc < v.endpc
            ]
        return names

    def live_registers(self, p, pc: int) -> int:
        """The registers of p that may be read before they are written,
        from instruction pc on (a bit each: Tracker's ProtoInfo.live)."""
        live = self.tr.info(p).live
        return live[pc] if 0 <= pc < len(live) else -1

    @property
    def handler(self):
        return ERROR_HANDLER

    def _instruction(self, p, pc1: int):
        info = self.tr.info(p)
        rows = info.rows
        if rows is None:
            rows = info.rows = {r["pc"]: r for r in instruction_rows(p, self.tr.protos, static_text)}
        return rows.get(pc1)

    # -- running -----------------------------------------------------------

    def _forward(self):
        """What runs forward stopping nowhere: None, the VM's fast paths with
        no hook (fastrun.run_counted), or, when self.sparse is off, the
        stepping run_hook (the tests compare the two)."""
        return None if self.sparse else self.tr.run_hook

    def _bpmarks(self):
        """Per proto: which instructions are on a breakpoint line."""
        key = frozenset(self.breakpoints)
        if self._bp_cache[0] != key:
            self._bp_cache = (key, {})
        cache = self._bp_cache[1]

        def bpmarks(p):
            m = cache.get(id(p))
            if m is None:
                m = cache[id(p)] = bytes(1 if line in key else 0 for line in self.tr.lines(p))
            return m

        return bpmarks

    def _exec(self, n: int, make_hook, exact: bool = True):
        """Run n instructions with the hook make_hook() gives, or with none
        (make_hook or what it gives None: the VM's fast paths), taking checkpoints (unless
        the run is short: a step costs the same whatever the heap).  Stops
        after exactly n unless the hook, the end or (exact False, no hook)
        the VM's fast paths stop it elsewhere: the fast paths may go a few
        instructions past n.  Returns "done", "paused" (the hook stopped it)
        or "end".  (The collector runs inside the VM, when its count of
        allocations reaches its threshold, as in a plain run.)"""
        tr = self.tr
        cks = self.cks
        checkpoints = n >= SHORT_RUN
        end = tr.count + n
        overshot = 0  # stretches the fast paths ran past an exact stop (_Overshot)
        while tr.count < end:
            L = self.L
            chunk = end - tr.count
            if checkpoints and cks.next - tr.count < chunk:
                chunk = max(1, cks.next - tr.count)
            before = tr.count
            t0 = time.perf_counter()
            outer = serials()
            set_serials(L.serials)  # this program's objects get this program's serials
            try:
                st = self._chunk(L, chunk, make_hook, exact, fast=overshot < 2)
            except _Overshot:
                overshot += 1  # (twice: the rest of this run without the fast paths)
                set_serials(outer)
                self._restore(before)
                continue
            finally:
                L.serials = serials()
                set_serials(outer)
            ran = tr.count - before
            dt = time.perf_counter() - t0
            cks.run_since += dt
            if ran >= 2000 and dt > 0:
                cks.rate = 0.7 * cks.rate + 0.3 * (ran / dt)
            if st == FINISHED or st == ERROR:
                self._ended(st)
                return "end"
            if st == PAUSED:
                return "paused"
            if checkpoints and tr.count >= cks.next:
                cks.due(L)
        return "done"

    def _chunk(self, L, chunk: int, make_hook, exact: bool, fast: bool = True):
        """One stretch of _exec: at most chunk instructions (a few more
        when not exact and no hook), the tracker's count and last
        instruction kept."""
        tr = self.tr
        start = tr.count
        made = None if make_hook is None else make_hook()
        if made is None:
            # the fast paths, then the last instructions with run_hook: the
            # tracker then knows the last instruction run, and an exact run
            # stops where it must whatever the fast paths overran
            slack = max_overshoot(L, tr.longest) if exact else 0
            if fast and chunk - 1 - slack > 0:
                st = self._counted(L, chunk - 1 - slack)
                if exact and tr.count > start + chunk - 1:
                    # past the stop: a chunk the program loaded on the way has a
                    # longer function than the slack allowed for (tr.longest
                    # knows it now): _exec runs this stretch again
                    raise _Overshot
                if st != RUNNING:
                    return st
            chunk = max(1, chunk - (tr.count - start))
            made = tr.run_hook()
        hook, state = made
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
        try:
            if sparse:
                hook.begin(before + chunk)
                st = RUNNING
                # compiled code in the functions the hook marks nothing in,
                # when the stretch may end a little late (not exact: the
                # commands that stop on the way, Continue, step over and out)
                marked = getattr(hook, "marked", None)
                if fast and not exact and marked is not None and native(L):
                    st = self._fast_sparse(L, marked, chunk)
                if st == RUNNING and L.steps_left > 0:
                    st = L.run_sparse(1 << 62, L.steps_left)
                while st == SWITCH:
                    st = L.run_sparse(1 << 62, L.steps_left)
            else:
                st = L.run_stepping(1 << 62, chunk)
                while st == SWITCH:
                    st = L.run_stepping(1 << 62, chunk - (state()[0] - before))
        finally:
            L.hook = None
            tr.live = None
            if sparse:
                hook.finish()
            tr.count, tr.lastci, tr.lastpc, tr.lastmarks = state()
        handed = getattr(hook, "handed", None)
        if st == PAUSED and handed is not None and handed[0]:
            return RUNNING  # (a sparse step hook handed over: the step goes on, with step_hook)
        return st

    def _fast_sparse(self, L, marked, k: int):
        """k instructions (or a few more) in the sparse loop with compiled
        code where the hook marks nothing: the functions it marks (marked:
        a breakpoint line, a frame a step may stop in) get no compiled
        code while it runs (their vcall and vjit say so; a chunk the
        program loads meanwhile too)."""
        saved = []

        def arm(p):
            if marked(p):
                prepare(p)  # (its vcall: made now, not when its CLOSURE is decoded)
                saved.append((p, p.vcall[5], p.vjit))
                p.vcall = (*p.vcall[:5], None)
                p.vjit = False
            for c in p.p:
                arm(c)

        tr = self.tr
        for root in tr.proto_refs:
            arm(root)
        tr.arm = arm
        try:
            st = L.run_sparse_count(1 << 62, k)
            while st == SWITCH and L.steps_left > 0:
                st = L.run_sparse_count(1 << 62, L.steps_left)
        finally:
            tr.arm = None
            for p, leaf, vjit in saved:  # (the rest of vcall as the loop left it)
                p.vcall = (*p.vcall[:5], leaf)
                p.vjit = vjit
        return RUNNING if st == SWITCH else st

    def _counted(self, L, k: int):
        """k instructions (or a few more) in the VM's fast paths, no hook."""
        tr = self.tr
        target = tr.count + k
        L.hook = None
        L.steps_left = k
        # (a builtin may ask the count: the loop stores steps_left before it
        # calls out, compiled code a builtin's request ran is in jit_ran)
        tr.live = lambda: (target - L.steps_left + L.jit_ran, None, 0, b"")
        try:
            st = run_counted(L, k)
            while st == SWITCH and L.steps_left > 0:
                st = run_counted(L, L.steps_left)
        finally:
            tr.live = None
            tr.count = target - L.steps_left
            tr.lastci = None  # (not known: the next hook sees a new frame)
            tr.lastpc = 0
            tr.lastmarks = b""
        return RUNNING if st == SWITCH else st

    def _ended(self, st) -> None:
        L = self.L
        self.end_step = self.tr.count
        if st == FINISHED:
            self.end_status = "finished"
        else:
            self.end_status = "error"
            err = L.host_error
            self.error = error_text(err.value if err is not None else None)

    def _restore(self, target: int) -> None:
        """The live state of the last usable checkpoint at or before target."""
        self.L = self.cks.restore(target)
        self._error_view = None

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
        best = self.cks.last(n, default=0)
        # going back, or far enough forward that a checkpoint beats running
        if n < cur or (best > cur and (best - cur) > self.cks.spacing // 4):
            self._restore(n)
        tr = self.tr
        if window:
            lo = n - window
            if lo > tr.count:
                self._exec(lo - tr.count, self._forward())
                self.cks.settle(self.L)  # (the next windows, and forward again, start here)
            while tr.count < n:
                self._keep(tr.count)
                if self._exec(1, tr.run_hook) == "end":
                    break
        elif n > tr.count:
            self._exec(n - tr.count, self._forward())

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

    @guarded
    def goto(self, n: int) -> dict:
        """The state after exactly n instructions (the end, if it comes first)."""
        self._command("goto")
        n = max(0, int(n))
        if self.end_step is not None and n > self.end_step:
            n = self.end_step
        if n not in self._snaps:
            self._live_to(n)
            n = self.tr.count  # (the end came first)
            self.cks.settle(self.L)
        self._cursor = n
        return self._done("goto")

    @guarded
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

    @guarded
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
            cks = self.cks
            best = cks.last(n)
            replay = cks.restore_cost + (n - best) / cks.rate
            w = max(MIN_WINDOW, int(replay / max(self._snap_cost, 1e-4)))
            self._window = min(max(w, self._window * 2 if again else 0), MAX_WINDOW)
            self._live_to(n, window=min(self._window, n))
        self._cursor = n
        return self._done("step")

    def _run(self, first, rest, budget, resumed: bool = False, ahead: bool = False) -> str:
        """The first instruction with first(), about budget - 1 more with
        rest() (None: the fast paths, which may overrun the budget by a few
        instructions): stopping where we are would be no step.  (Resumed after a
        budget: every instruction with rest(); none has been asked yet.)
        Sets reason; when the budget ran out, resume() can go on.  ahead:
        the command needs nothing of the state at the cursor but its first
        instruction, so a live state one instruction ahead of the cursor
        (a back answered from kept snapshots) is taken as that instruction
        run, rather than replayed."""
        budget = max(1, int(budget))
        tr = self.tr
        if ahead and not resumed and tr.count == self._cursor + 1:
            r = "end" if tr.count == self.end_step else "done"
            if r == "done" and budget > 1:
                r = self._exec(budget - 1, rest, exact=False)
        elif resumed:
            self._materialize()
            r = self._exec(budget, rest, exact=False)
        else:
            self._materialize()
            r = self._exec(1, first)
            if r == "done" and budget > 1:
                r = self._exec(budget - 1, rest, exact=False)
        self._cursor = self.tr.count
        if r != "done":
            self.cks.settle(self.L)
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

    @guarded
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
        self.message = "breakpoint at line %d" % self.tr.lines(ci.cl.proto)[ci.savedpc]
        self.reason = "breakpoint"

    def _result(self, partial: bool) -> dict:
        """What a command that can run out of budget returns."""
        if partial and self.reason == "budget":
            return self.progress()
        return self.snapshot()

    @guarded
    def progress(self) -> dict:
        """Where a command is, cheaply: a snapshot's step, status, reason,
        message, end_step and output, without frames or heap."""
        n = self._cursor
        snap = self._snaps.get(n)
        out = self._output(snap["output_view"] if snap is not None else self._out_view())
        return {
            "step": n,
            "status": self._status_at(n),
            "message": self.message,
            "reason": self.reason,
            "end_step": self.end_step,
            "output": out[0],
            "output_omitted": out[1],
        }

    def _stepping(self, stop, budget, partial=False, ahead=False, frame=None) -> dict:
        """Run until stop() says so (asked at the start of every line), the
        end, or budget instructions.  frame: (coroutine, frame) of a step
        that stops nowhere until that frame returns but in the functions
        of the frames under it (and of the coroutines that resumed its) and
        at breakpoints: until then, the sparse loop with compiled code
        elsewhere (tracker.sparse_step_hook), then step_hook."""
        if not self._at_end():
            tr = self.tr
            rest = lambda: tr.step_hook(stop)  # noqa: E731
            if frame is not None and self.sparse:
                rest = self._sparse_step(stop, *frame)
            self._run(tr.run_hook, rest, budget, ahead=ahead)
            return self._result(partial)
        return self._done("step")

    def _sparse_step(self, stop, sth, sci, depth):
        """The hooks of a step over or out of the frame sci (see _stepping)."""
        tr = self.tr
        p0 = sci.cl.proto
        protos = set()
        th = sth
        while th is not None:
            protos.update(ci.cl.proto for ci in th.cis if ci.kind == CI_LUA)
            th = th.resumer
        bpm = self._bpmarks() if self.breakpoints else None

        def marked(p):
            return p in protos or (bpm is not None and any(bpm(p)))

        handed = [False]

        def make():
            # (the first instruction, run before, may have been sci's return
            # or tail call)
            if handed[0] or sci.cl.proto is not p0 or self._gone(sth, sci, depth, self.L.current):
                handed[0] = True
                return tr.step_hook(stop)
            return tr.sparse_step_hook(stop, marked, self.L, sci, handed)

        return make

    def _bp_hit(self, ci, pc) -> bool:
        line = self.tr.lines(ci.cl.proto)[pc]
        if line in self.breakpoints:
            self._stop_reason = "breakpoint at line %d" % line
            return True
        return False

    @guarded
    def step_line(self, budget: int = DEFAULT_BUDGET, partial: bool = False) -> dict:
        """Until the current line changes (entering calls)."""
        self._command("step_line")
        bps = self.breakpoints
        lines = self.tr.lines

        def stop(th, ci, pc, same, event):
            if event and lines(ci.cl.proto)[pc] in bps:
                self._bp_hit(ci, pc)
            return True

        return self._stepping(stop, budget, partial, ahead=True)

    def _start_frame(self):
        """(coroutine, frame, depth) of the innermost frame at the cursor,
        and whether they were found in a live state one instruction ahead
        (see _run's ahead): the frame that ran that instruction
        (tr.lastci), still in the running coroutine (not after a return
        or a switch of coroutines); else the live state is brought to the
        cursor."""
        tr = self.tr
        if tr.count == self._cursor + 1 and tr.lastci is not None:
            th = self.L.current
            cis = th.cis
            for j in range(len(cis) - 1, -1, -1):
                if cis[j] is tr.lastci:
                    return th, cis[j], j + 1, True
        self._materialize()
        th = self.L.current
        return th, th.cis[-1], len(th.cis), False

    @staticmethod
    def _gone(sth, sci, depth, th) -> bool:
        """Has the frame sci (at depth in coroutine sth) returned, or its
        coroutine yielded or ended?"""
        if th is not sth:
            return sth.status in ("suspended", "dead")
        cis = th.cis
        return len(cis) < depth or cis[depth - 1] is not sci

    @guarded
    def step_over(self, budget: int = DEFAULT_BUDGET, partial: bool = False) -> dict:
        """Until the next line in this frame or a shallower one (stopping at
        breakpoints inside calls)."""
        self._command("step_over")
        if self._at_end():
            return self._done("step")
        sth, sci, depth, ahead = self._start_frame()
        bps = self.breakpoints
        lines = self.tr.lines
        gone = self._gone

        def stop(th, ci, pc, same, event):
            if event and lines(ci.cl.proto)[pc] in bps:
                return self._bp_hit(ci, pc)
            if ci is sci:
                return event
            return not same and gone(sth, sci, depth, th)

        return self._stepping(stop, budget, partial, ahead=ahead, frame=(sth, sci, depth))

    @guarded
    def step_out(self, budget: int = DEFAULT_BUDGET, partial: bool = False) -> dict:
        """Until the current frame returns (or a breakpoint)."""
        self._command("step_out")
        if self._at_end():
            return self._done("step")
        sth, sci, depth, ahead = self._start_frame()
        bps = self.breakpoints
        lines = self.tr.lines
        gone = self._gone

        def stop(th, ci, pc, same, event):
            if event and lines(ci.cl.proto)[pc] in bps:
                return self._bp_hit(ci, pc)
            return not same and gone(sth, sci, depth, th)

        return self._stepping(stop, budget, partial, ahead=ahead, frame=(sth, sci, depth))

    @guarded
    def continue_(self, budget: int = DEFAULT_BUDGET, partial: bool = False) -> dict:
        """Until a breakpoint line is reached, the program ends, or budget
        instructions have run."""
        self._command("continue")
        if self._at_end():
            return self._done("step")
        r = self._run(self.tr.run_hook, self._continue_hook, budget, ahead=True)
        if r == "paused":
            self._continue_paused()
        return self._result(partial)

    def _continue_hook(self):
        """What Continue runs each stretch with (asked again after every
        budget, so that a breakpoint set while it runs counts): no hook
        (the fast paths) while no breakpoint is set, else the sparse hook,
        which stops at breakpoint lines and costs only in their functions
        (the stepping bp_hook when self.sparse is off)."""
        tr = self.tr
        if self.breakpoints:
            if self.sparse:
                return tr.sparse_bp_hook(self._bpmarks(), self.L)
            return tr.bp_hook(self._bpmarks())
        return None if self.sparse else tr.run_hook()

    @guarded
    def back_line(self) -> dict:
        """One line back: to the last state before this one whose next
        instruction starts a line (a new frame, a jump back, a new line):
        the inverse of step_line."""
        self._command("back_line")
        hi = self._cursor
        if hi == 0:
            return self._done("step")
        tr = self.tr
        w = BACK_LINE_WINDOW
        while True:
            # the last window of steps before hi under run_hook (which
            # sees where lines start), what comes before it in the fast
            # paths; a wider window when no line starts in it
            lo = self.cks.last(hi - 1)
            start = max(lo, hi - 1 - w)
            if not (lo <= tr.count <= start):
                self._restore(lo)
            if start > tr.count:
                self._exec(start - tr.count, self._forward())
            start = tr.count
            changes = []
            if hi - 1 > tr.count:
                self._exec(hi - 1 - tr.count, lambda changes=changes: tr.run_hook(changes))
            found = None
            if tr.count == hi - 1 and self._starts_line():
                found = hi - 1
            elif changes:
                found = changes[-1]
            if found is not None or start == 0:
                self._live_to(found or 0)
                self._cursor = tr.count
                return self._done("step")
            hi = start
            w *= 4

    def _starts_line(self) -> bool:
        """Does the instruction about to run start a line?"""
        tr = self.tr
        th = self.L.current
        if not th.cis:
            return False
        ci = th.cis[-1]
        if ci is not tr.lastci or tr.lastmarks[tr.lastpc] == M_TAIL:
            return True
        li = tr.lines(ci.cl.proto)
        pc = ci.savedpc
        return pc <= tr.lastpc or li[pc] != li[tr.lastpc]


__all__ = ["DEFAULT_BUDGET", "DEFAULT_MEMORY_LIMIT", "Session"]
