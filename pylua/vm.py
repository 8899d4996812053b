"""The Lua 5.1 virtual machine: one loop over all frames of all coroutines.

``VM._loop`` is ``luaV_execute`` and ``ldo.c`` together.  Frames
(``CallInfo``) of a coroutine live in ``Coroutine.cis``; its registers in the
value stack ``Coroutine.stack`` (a Python list), a callee's registers
starting where its caller put the arguments.  Lua-to-Lua calls and returns
never enter a new Python frame: the loop just switches its locals.

Builtins never call the VM.  A builtin that needs Lua code run is a
generator yielding requests (``Call``, ``Resume``, ``Yield``); its frame
waits on the same CallInfo list while the VM runs the callee, and the VM
sends the results back in.  Metamethods called by an instruction push a frame
whose results finish that instruction afterwards (``_finishop``, as Lua 5.2's
luaV_finishOp).  So the machine can stop after any instruction, anywhere:
``run(budget)`` and ``step()``.

The loops themselves (``VM._loop``, ``VM.run_stepping``, ``VM.run_sparse``)
are generated: pylua/handlers.py has one handler per instruction, by name,
and pylua/genloop.py writes them into pylua/_loops.py (the fast loop) and
pylua/_loops_hooked.py (the two that call hooks), so an instruction is
written once.  Each Proto's code is decoded once into tuples (``vcode``,
pylua/vcode.py); the loops keep their state in locals and dispatch with an
if/elif tree ordered by how often instructions run.  The instruction budget
is counted only at calls and backward jumps.  The stepping loops count every
instruction and call the debugger's hook; the fast loop pays nothing for it.
"""

from __future__ import annotations

import math

from . import _loops, fastfunc, ldebug, values
from .arith import ARITH as _ARITH
from .arith import EVENT as _EVENT
from .conv import tonumber, tostr
from .errors import ArgError, LuaError, LuaExit
from .fastfunc import DEPTH as JIT_DEPTH
from .fastfunc import JIT_SLICE, MAX_DEOPTS, Deopt, JitState, gen_for, osr_for
from .fastloop import install_leaf
from .gc import collect, measure
from .numfmt import fmt_number
from .opcodes import (
    OP_CALL,
    OP_CONCAT,
    OP_EQ,
    OP_LE,
    OP_LT,
    OP_RETURN,
    OP_SETGLOBAL,
    OP_SETTABLE,
    OP_TAILCALL,
    OP_TFORLOOP,
    get_op,
    getarg_A,
    getarg_sBx,
)
from .opcodes import (
    decode as decode_abc,
)
from .proto import VARARG_NEEDSARG
from .values import (
    BIG_ALLOC,
    C_CALLKINDS,
    CALL_CO,
    CALL_GC,
    CALL_GEN,
    CALL_HANDLER,
    CALL_HOOK,
    CALL_HOST,
    CALL_LUA,
    CALL_META,
    CALL_META_NOT,
    CALLINFO_BYTES,
    CI_C,
    CI_GEN,
    CI_LUA,
    SLOT_BYTES,
    STRING_BYTES,
    Acct,
    BadKeyError,
    Builtin,
    Call,
    CallInfo,
    Charge,
    Coroutine,
    LightUserdata,
    LuaFunction,
    LuaTable,
    Resume,
    Userdata,
    Yield,
    lua_typename,
    new_ci,
    raw_equal,
    truth,
)
from .vcode import (
    DECODE,
    ERROR,
    EXTRA_STACK,
    FINISHED,
    HOST_TB,
    HOST_TB_INLINE,
    LUAI_MAXCALLS,
    LUAI_MAXCCALLS,
    MAXTAGLOOP,
    NILS,
    NOT_DECODED,
    PAUSED,
    Hot,
)
from .vcode import prepare as prepare_code

READONLY_MSG = b"Attempt to modify a readonly table"  # Redis's lvm.c/lapi.c
_THROW = "throw"
_SEND = "send"


_floor = math.floor


class LuaErrErr(LuaError):
    """LUA_ERRERR: an error while handling an error; no handler runs for it."""

    def __init__(self):
        super().__init__(b"error in error handling")
        self.handled = True


class TableIndexError(LuaError):
    """luaH_set's 'table index is nil/NaN': positioned when the VM raised it."""


def is_callable_fn(v) -> bool:
    c = v.__class__
    return c is LuaFunction or c is Builtin


def prepare(p) -> None:
    """Make p ready to run (vcode.prepare): its code is decoded when the
    loop first reaches it, a nested function's when the CLOSURE that makes
    it is decoded."""
    if p.vcall is None:
        prepare_code(p)


# -- the machine ---------------------------------------------------------


class VM:
    """The machine: coroutines, the current one, metatables of the basic
    types, and the loop.  ``pylua.runtime.Lua`` builds on it."""

    def __init__(self, memory_limit: int | None = None):
        # memory, as lgc.c counts it (docs/internals.md, "Memory"): this
        # state's tables count themselves from now on
        self.acct = Acct(self, memory_limit)
        self.hash_all = False  # Redis's Lua hashes every byte of a string
        self.use_memory()
        self.gc_pause = 200  # collectgarbage("setpause")
        self.gc_stepmul = 200  # collectgarbage("setstepmul")
        self.gc_stopped = False  # collectgarbage("stop")
        self.gc_observed = False  # the program looks at memory or at weak tables, __gc
        self.gc_live = 0  # bytes reachable after the last cycle
        self.gc_work = 0  # collectgarbage("step")'s work into the current cycle
        self.gc_dept = 0  # lgc.c's gcdept: the steps owed
        self.gc_due = []  # the finalizers a step's cycle made due
        self.gc_marked = 0  # the last cycle's work, in lib/work.py's steps
        self.gc_set_threshold()  # (with a limit: cycles before it is near)
        self.globals = LuaTable()
        self.registry = LuaTable()
        self.typemeta = {}  # metatables of non-table, non-userdata types by type name
        self.main = Coroutine(None, self.globals)
        self.main.status = "running"
        self.current = self.main
        self.hook = None  # debugger: hook(vm, th, ci, pc) before each instruction in step()
        self.host_results = None
        self.host_error = None
        self.traceback_on_error = True
        self.coroutines = None  # weak set of every coroutine, for a debugger
        self.weak_tables = False  # some table has a metatable with __mode
        self.table_metas = False  # some table got a metatable (it may get a __mode later)
        self.udata_gc = []  # userdata that got a metatable, not yet collected
        self.fast_loops = True  # run plain numeric for loops compiled (pylua.fastloop)
        self.jx = JitState(self)  # what compiled functions share (pylua.fastfunc)
        self.jitting = False  # a loop that may run compiled functions is running
        self.jit_ran = 0  # instructions compiled functions ran for a builtin's request
        self.jit_allow = 0  # how many they may run (the loop's budget or steps left)
        self.nhooks = 0  # coroutines with a debug.sethook hook
        self.loop_switch = False  # set when hooks change: the loop returns SWITCH
        self.steps_left = 0  # run_sparse: the steps it had not taken when it returned
        # Read-only tables (Redis's patch to Lua 5.1: lua_enablereadonlytable).
        # None until a table is made read-only; a read-only table without a
        # metatable gets ro_meta, an empty one nobody sees, so that the
        # loops' fast paths (taken only by tables without a metatable) leave
        # every write to it to the slow path, which checks.
        self.readonly = None
        self.ro_meta = None

    # -- metatables --------------------------------------------------------

    @property
    def string_meta(self):
        return self.typemeta.get("string")

    @string_meta.setter
    def string_meta(self, mt) -> None:
        self.typemeta["string"] = mt

    def getmetatable(self, v):
        c = v.__class__
        if c is LuaTable or c is Userdata:
            mt = v.meta
            return None if mt is not None and mt is self.ro_meta else mt
        return self.typemeta.get(lua_typename(v))

    # -- read-only tables (Redis: lua_enablereadonlytable) -----------------

    def set_readonly(self, t, enabled: bool = True) -> None:
        """lua_enablereadonlytable: writing to t (a store, rawset,
        setmetatable, the table library) then fails with "Attempt to modify
        a readonly table"; reading is as before."""
        ro = self.readonly
        if enabled:
            if ro is None:
                ro = self.readonly = set()
                self.ro_meta = LuaTable()
            ro.add(t)
            if t.meta is None:
                t.meta = self.ro_meta
        elif ro is not None and t in ro:
            ro.discard(t)
            if t.meta is self.ro_meta:
                t.meta = None

    def is_readonly(self, t) -> bool:
        """lua_isreadonlytable."""
        ro = self.readonly
        return ro is not None and t in ro

    def check_writable(self, t) -> None:
        """What lua_rawset, lua_rawseti and lua_setmetatable check: the
        error has no position (it is raised in a C function)."""
        ro = self.readonly
        if ro is not None and t in ro:
            raise LuaError(READONLY_MSG)

    def gettm(self, v, event: bytes):
        """luaT_gettmbyobj: the raw metafield event of v, or None."""
        c = v.__class__
        if c is LuaTable or c is Userdata:
            mt = v.meta
        else:
            mt = self.typemeta.get(lua_typename(v))
        if mt is None:
            return None
        return mt.hash.get(event)

    def metafield(self, v, event: bytes):
        return self.gettm(v, event)

    def setmetatable(self, v, mt) -> None:
        """lua_setmetatable for any value (debug.setmetatable)."""
        c = v.__class__
        if c is LuaTable or c is Userdata:
            if c is LuaTable and self.readonly is not None:
                self.check_writable(v)
            v.meta = mt
            if mt is not None:
                self.table_metas = True
                if mt.hash.get(b"__mode") is not None:
                    self.weak_tables = True
                    self.gc_observe()
                if c is Userdata and not v.gc_listed:
                    # (lgc.c looks __gc up when the userdata is collected)
                    v.gc_listed = True
                    self.udata_gc.append(v)
        elif mt is None:
            self.typemeta.pop(lua_typename(v), None)
        else:
            self.typemeta[lua_typename(v)] = mt

    # -- compiled functions (pylua.fastfunc) ---------------------------------

    def _deopt(self, th, e, func: int, ret, reuse=None, callkind=None) -> None:
        """The frames compiled functions would have had when one of them gave
        up (Deopt e), made now: the outermost one's function at stack slot
        func, wanting ret results (reuse: its frame, which exists: an OSR
        function's; callkind: it was called for a builtin's request,
        CALL_GEN); the interpreter goes on in the innermost."""
        frames = e.frames
        frames.reverse()
        stack = th.stack
        cis = th.cis
        ci = None
        tails = 0
        regs = ()
        for cl, pc, regs, a, c, *ck in frames:
            if c == -1:  # it made a tail call: its callee's frame takes its place
                tails += 1
                continue
            base = func + 1 if reuse is None else reuse.base  # (a vararg frame's is higher)
            size = max(cl.proto.maxstacksize, len(regs))
            if base + size + EXTRA_STACK > len(stack):
                self._ensure(stack, base + size + EXTRA_STACK)
            stack[func] = cl
            stack[base : base + len(regs)] = regs
            if reuse is not None:
                ci = reuse
                reuse = None
                ci.cl = cl
            else:
                ci = CallInfo()
                ci.cl = cl
                ci.func = func
                ci.base = base
                if callkind is not None:  # (the outermost one's, or a TFORLOOP's iterator)
                    ci.callkind = callkind
                    ci.nresults = -1 if ret is None else ret
                    if callkind in C_CALLKINDS:
                        th.nCcalls += 1
                    callkind = None
                else:
                    ci.ret = ret
                if len(cis) + 1 >= th.size_ci:
                    self._growci(th)
                cis.append(ci)
            ci.savedpc = pc
            _entered(cl.proto, pc)  # (compiled code ran what the interpreter never reached)
            if tails:
                ci.tailcalls += tails
                tails = 0
            if a is not None:
                func = base + a
                ret = c - 1
                if ck:  # (the call at pc is a C call: TFORLOOP's, VM._finishop finishes it)
                    callkind = ck[0]
        th.top = ci.base + (len(regs) if e.open_top else ci.cl.proto.maxstacksize)
        if e.resume is not None:
            # the coroutine.resume the innermost frame made goes on as the
            # interpreter's: its frame waits on top, the coroutine runs
            co, args, req, ce = e.resume
            rf = _request_frame(stack[func], func, args, ret, req)
            if callkind is not None:  # (TFORLOOP's: its request frame is a C call's)
                rf.callkind = callkind
                if callkind in C_CALLKINDS:
                    th.nCcalls += 1
            cis.append(rf)
            self._deopt(co, ce, 0, None, callkind=CALL_CO)
        if not e.budget:
            p = ci.cl.proto
            p.vdeopts += 1
            if p.vdeopts > MAX_DEOPTS:  # it meets what it cannot do too often
                p.vjit = False
                if p.vcall is not None:
                    p.vcall = (*p.vcall[:5], None)
        if e.gc:
            self.gc_step(th, ci)

    def _hot_loop(self, th, ci, lf, head: int, budget: int):
        """A loop's head, in a function that may run compiled (lf: its
        compiled function, or the Hot count of what it ran): the count
        goes down (the function is compiled when it reaches 0), or the rest
        of this call runs compiled (_osr)."""
        if lf.__class__ is Hot:
            lf.n -= 1
            if lf.n <= 0:
                install_leaf(ci.cl.proto)
            return None
        return self._osr(th, ci, head, budget)

    def _osr(self, th, ci, head: int, budget: int):
        """On-stack replacement: the interpreted Lua frame ci (the top one)
        is at the head of a loop of a function that is compiled: run the
        rest of it compiled.  Returns None (it cannot be), or (the budget
        left, None or (ci, results)) once it returned or deopted: results
        for the caller's _poscall (which may raise: the loop takes the
        budget left first)."""
        cl = ci.cl
        p = cl.proto
        f = osr_for(p, head, th.stack, ci.base)
        if f is None:
            return None
        jx = self.jx
        jx.n = budget
        jx.th = th
        jx.stack = stack = th.stack
        base = ci.base
        regs = stack[base : base + p.maxstacksize]
        if p.is_vararg:  # its varargs: below base (_adjust_varargs)
            regs.insert(0, tuple(stack[ci.func + 1 + p.numparams : base]))
        try:
            res = f(jx, cl, min(th.size_ci - 1 - len(th.cis), JIT_DEPTH), base, *regs)
        except Deopt as e:
            self._deopt(th, e, ci.func, ci.ret, reuse=ci)
            return jx.n, None
        # what RETURN does
        if th.uvtop >= base:
            self.close_upvals(th, base)
        th.cis.pop()
        wanted = ci.ret
        if wanted is None:
            return jx.n, (ci, res)
        self._place(th, ci.func, res, wanted)
        return jx.n, None

    # -- stack helpers -----------------------------------------------------

    @staticmethod
    def _ensure(stack: list, n: int) -> None:
        if n > len(stack):
            grow = n - len(stack) + 2 * EXTRA_STACK
            values.acct.alloc(grow * SLOT_BYTES)
            stack.extend([None] * grow)

    def _place(self, th, func: int, res, wanted: int) -> None:
        """Results at func..: all of them (wanted -1, sets th.top) or wanted."""
        stack = th.stack
        n = len(res)
        if wanted < 0:
            if func + n + EXTRA_STACK > len(stack):
                self._ensure(stack, func + n + EXTRA_STACK)
            stack[func : func + n] = res
            th.top = func + n
        elif wanted == 1:
            stack[func] = res[0] if n else None
        else:
            if func + wanted + EXTRA_STACK > len(stack):
                self._ensure(stack, func + wanted + EXTRA_STACK)
            if n >= wanted:
                stack[func : func + wanted] = res[:wanted]
            else:
                stack[func : func + n] = res
                stack[func + n : func + wanted] = NILS[wanted - n]

    @staticmethod
    def close_upvals(th, level: int) -> None:
        """luaF_close: every open upvalue at or above stack slot level."""
        if th.uvtop < level:
            return
        openupval = th.openupval
        stack = th.stack
        for idx in [i for i in openupval if i >= level]:
            uv = openupval.pop(idx)
            uv.stack = [stack[idx]]
            uv.idx = 0
        th.uvtop = max(openupval) if openupval else -1

    def _growci(self, th) -> None:
        """ldo.c growCI, reached when the CallInfo array is full."""
        if th.size_ci > LUAI_MAXCALLS:
            raise LuaErrErr()
        # the frames to come are counted now (a coroutine's deep stack is
        # what bounds how many such coroutines the memory limit allows)
        self.acct.alloc(th.size_ci * CALLINFO_BYTES)
        th.size_ci *= 2
        if th.size_ci > LUAI_MAXCALLS:
            raise ldebug.runerror(th, b"stack overflow")

    # -- calls ---------------------------------------------------------------

    def _lua_frame(
        self, th, fn, func: int, nargs: int, nresults: int, callkind: int, prot=None
    ) -> CallInfo:
        """luaD_precall for a Lua function at stack[func] with nargs arguments."""
        cis = th.cis
        if len(cis) + 1 >= th.size_ci:
            self._growci(th)
        p = fn.proto
        stack = th.stack
        np = p.numparams
        if not p.is_vararg:
            base = func + 1
            top = base + p.maxstacksize
            self._ensure(stack, top + EXTRA_STACK)
            lo = base + (nargs if nargs < np else np)
            stack[lo:top] = NILS[top - lo]
        else:
            base = self._adjust_varargs(th, p, func, nargs)
            top = base + p.maxstacksize
            self._ensure(stack, top + EXTRA_STACK)
            lo = base + np + (1 if p.is_vararg & VARARG_NEEDSARG else 0)
            if top > lo:
                stack[lo:top] = NILS[top - lo]
        ci = new_ci(CI_LUA, fn, func, base, top, nresults, callkind)
        if prot is not None:
            ci.protected = True
            ci.handler, ci.saved_ncc = prot
        cis.append(ci)
        if callkind in C_CALLKINDS:
            th.nCcalls += 1
        return ci

    def _adjust_varargs(self, th, p, func: int, nargs: int) -> int:
        stack = th.stack
        np = p.numparams
        self._ensure(stack, func + 1 + max(nargs, np) + np + 2 + EXTRA_STACK)
        first = func + 1
        if nargs < np:
            stack[first + nargs : first + np] = NILS[np - nargs]
            nargs = np
        htab = None
        if p.is_vararg & VARARG_NEEDSARG:
            nvar = nargs - np
            htab = LuaTable(nvar, 1)
            if nvar:
                htab.arr[:nvar] = stack[first + np : first + nargs]
            htab.set(b"n", float(nvar))
        base = first + nargs
        self._ensure(stack, base + np + 1 + EXTRA_STACK)
        for i in range(np):
            stack[base + i] = stack[first + i]
            stack[first + i] = None
        if htab is not None:
            stack[base + np] = htab
        return base

    def _precall(self, th, func: int, nargs: int, nresults: int, callkind: int, prot=None):
        """Call stack[func] with nargs arguments above it, however it is
        callable.  A Lua function gets a frame (run by the loop next); a
        plain builtin runs now and its results are delivered; a generator
        builtin gets a frame and is started by the loop."""
        stack = th.stack
        fn = stack[func]
        fc = fn.__class__
        if fc is not LuaFunction and fc is not Builtin:
            tm = self.gettm(fn, b"__call")
            if tm is None or not is_callable_fn(tm):
                ci = th.cis[-1] if th.cis else None
                reg = None
                if ci is not None and ci.kind == CI_LUA and ci.base <= func < ci.top:
                    reg = func - ci.base
                raise ldebug.typeerror(ci, reg, fn, "call")
            self._ensure(stack, func + nargs + 2 + EXTRA_STACK)
            stack[func + 1 : func + nargs + 2] = stack[func : func + nargs + 1]
            stack[func] = tm
            nargs += 1
            fn = tm
            fc = fn.__class__
        if fc is LuaFunction:
            self._lua_frame(th, fn, func, nargs, nresults, callkind, prot)
            return None
        args = stack[func + 1 : func + 1 + nargs]
        if not fn.gen:
            if callkind == CALL_LUA:
                th.cfunc = fn
                res = fn.fn(self, args)
                th.cfunc = None
                if res is None:
                    res = ()
                elif res.__class__ is not list and res.__class__ is not tuple:
                    return self._builtin_request(th, fn, func, args, nresults, callkind, prot, res)
                self._place(th, func, res, nresults)
                return None
            ci = new_ci(CI_C, fn, func, func + 1, func + 1 + nargs, nresults, callkind)
            ci.args = args
            if prot is not None:
                ci.protected = True
                ci.handler, ci.saved_ncc = prot
            if len(th.cis) + 1 >= th.size_ci:
                self._growci(th)
            th.cis.append(ci)
            th.nCcalls += 1
            res = fn.fn(self, args)
            if res is None:
                res = ()
            elif res.__class__ is not list and res.__class__ is not tuple:
                th.cis.pop()
                th.nCcalls -= 1
                return self._builtin_request(th, fn, func, args, nresults, callkind, prot, res)
            th.cis.pop()
            return self._poscall(th, ci, res)
        self._start_gen(th, fn, fn.fn(self, args), func, args, nresults, callkind, prot)
        return None

    # A debugger that must copy builtins' frames sets this and overrides
    # frame_generator (pylua/debugger/state.py, docs/internals.md).
    wraps_generators = False

    def frame_generator(self, fn, gen, args):
        """The generator that the frame of builtin fn, called with args,
        drives: gen itself.  A subclass (with wraps_generators set) may put in
        its place anything with send, throw and close that behaves as gen."""
        return gen

    def _start_gen(self, th, fn, gen, func, args, nresults, callkind, prot=None):
        if self.wraps_generators:
            gen = self.frame_generator(fn, gen, args)
        if len(th.cis) + 1 >= th.size_ci:
            self._growci(th)
        ci = new_ci(CI_GEN, fn, func, func + 1, func + 1 + len(args), nresults, callkind)
        if prot is not None:
            ci.protected = True
            ci.handler, ci.saved_ncc = prot
        ci.gen = gen
        ci.args = args
        th.cis.append(ci)
        if callkind in C_CALLKINDS:
            th.nCcalls += 1
        th.transfer = None  # the loop starts it
        return ci

    def _poscall(self, th, ci, res):
        """The frame ci (already removed) returned res: deliver them as its
        caller asked.  Returns a run status when the run ends."""
        ck = ci.callkind
        if ck == CALL_LUA:
            self._place(th, ci.func, res, ci.nresults)
            return None
        if ck == CALL_GEN:
            th.nCcalls -= 1
            th.transfer = (_SEND, list(res))
            return None
        if ck == CALL_META or ck == CALL_META_NOT:
            th.nCcalls -= 1
            self._place(th, ci.func, res, ci.nresults)
            return self._finishop(th, th.cis[-1], ci.func, ck)
        if ck == CALL_HOST:
            th.nCcalls -= 1
            return ERROR if self.host_error is not None else FINISHED
        if ck == CALL_CO:
            return self._co_return(th, True, list(res))
        if ck == CALL_HOOK:
            th.nCcalls -= 1
            th.allowhook = True
            cis = th.cis
            if cis and cis[-1].hookcall:  # the frame a builtin's call hook saw
                cis.pop()
            if cis and cis[-1].inhook:  # back to the instruction the hook came before
                hooked = cis[-1]
                hooked.inhook = False
                hooked.savedpc = hooked.hookpc
            return None
        if ck == CALL_GC:
            th.nCcalls -= 1
            return None
        if ck == CALL_HANDLER:
            th.nCcalls -= 1
            err = LuaError(res[0] if res else None)
            err.handled = True
            raise err
        raise AssertionError(f"bad callkind {ck}")

    def _call_value(self, th, func: int, fn, args, nresults: int, callkind: int, prot=None):
        """Put fn and args at stack[func] and call it."""
        stack = th.stack
        n = len(args)
        self._ensure(stack, func + n + 1 + EXTRA_STACK)
        stack[func] = fn
        stack[func + 1 : func + 1 + n] = args
        return self._precall(th, func, n, nresults, callkind, prot)

    def _cstack_check(self, th, ci) -> None:
        """luaD_call's nCcalls check, before a call made by C (counted by the
        frame the call pushes)."""
        n = th.nCcalls + 1
        if n >= LUAI_MAXCCALLS:
            if n == LUAI_MAXCCALLS:
                th.nCcalls += 1  # as luaD_call, which incremented before raising
                raise LuaError(ldebug.addinfo(ci, b"C stack overflow"))
            if n >= LUAI_MAXCCALLS + (LUAI_MAXCCALLS >> 3):
                raise LuaErrErr()

    def _metacall(self, th, ci, tm, args, nresults: int, callkind: int = CALL_META, func=None):
        """callTMres/callTM from the instruction running in Lua frame ci."""
        self._cstack_check(th, ci)
        if func is None:
            func = ci.top
        return self._call_value(th, func, tm, args, nresults, callkind)

    # -- requests of generator builtins ------------------------------------

    def _drive(self, th, ci):
        """Run the generator frame ci (the top frame) until its next request
        (compiled functions it calls are answered here, a slice of them);
        what _request returns."""
        gen = ci.gen
        jx = self.jx
        tr = th.transfer
        th.transfer = None
        try:
            if tr is None:
                req = gen.send(None)
            elif tr[0] is _THROW:
                req = gen.throw(tr[1])
            else:
                req = gen.send(tr[1])
            # the common case (a sort comparator, a gsub callback): a
            # compiled Lua function, called here (no frame unless it
            # deopts), its results sent at once, a slice of them
            if (
                req.__class__ is Call
                and self.jitting
                and th.nCcalls + 1 < LUAI_MAXCCALLS
                and len(th.cis) + 1 < th.size_ci
            ):
                depth = min(th.size_ci - 2 - len(th.cis), JIT_DEPTH)
                cap = min(JIT_SLICE, self.jit_allow)
                while req.__class__ is Call:
                    fn = req.fn
                    if fn.__class__ is not LuaFunction or req.protected:
                        break
                    vc = fn.proto.vcall
                    lf = vc[5]
                    if lf is None or lf.__class__ is Hot or vc[2] is None:  # (vc[2] None: vararg)
                        break
                    jx.n = cap - self.jit_ran
                    jx.th = th
                    jx.stack = th.stack
                    func = ci._top if req.at is None else ci.base + req.at
                    try:
                        res = lf(jx, fn, depth, func + 1, *req.args)
                    except Deopt as e:
                        self.jit_ran = cap - jx.n
                        self._deopt(th, e, func, None, callkind=CALL_GEN)
                        return None
                    self.jit_ran = ran = cap - jx.n
                    if ran >= cap:
                        th.transfer = (_SEND, list(res))
                        return None
                    req = gen.send(list(res))
        except StopIteration as e:
            th.cis.pop()
            res = e.value
            if res is None:
                res = ()
            return self._poscall(th, ci, res)
        return self._request(th, ci, req)

    def _request(self, th, ci, req):
        rc = req.__class__
        if rc is Call:
            fn = req.fn
            if (
                fn.__class__ is LuaFunction
                and not req.protected
                and th.nCcalls + 1 < LUAI_MAXCCALLS
                and len(th.cis) + 1 < th.size_ci
            ):
                # the common case (a sort comparator, a gsub callback): push its frame
                p = fn.proto
                _, _, size, np, n, lf = p.vcall
                if size is not None:
                    args = req.args
                    nargs = len(args)
                    stack = th.stack
                    func = ci._top if req.at is None else ci.base + req.at
                    base = func + 1
                    if lf.__class__ is Hot and self.jitting:
                        lf.n -= 1
                        if lf.n <= 0:
                            install_leaf(p)
                    self._ensure(stack, base + max(nargs, size) + EXTRA_STACK)
                    stack[func] = fn
                    stack[base : base + nargs] = args
                    if nargs < np:
                        stack[base + nargs : base + np] = NILS[np - nargs]
                    stack[base + np : base + size] = NILS[size - np]
                    nci = CallInfo()
                    nci.cl = fn
                    nci.func = func
                    nci.base = base
                    nci.nresults = -1
                    nci.callkind = CALL_GEN
                    th.cis.append(nci)
                    th.nCcalls += 1
                    return None
            try:
                self._cstack_check(th, ci)
                fn = req.fn
                if not is_callable_fn(fn):
                    tm = self.gettm(fn, b"__call")
                    if tm is None or not is_callable_fn(tm):
                        raise ldebug.typeerror(ci, None, fn, "call")
            except LuaError as e:
                th.transfer = (_THROW, e)
                return None
            prot = (req.handler, th.nCcalls) if req.protected else None
            func = ci.top if req.at is None else ci.base + req.at
            return self._call_value(th, func, fn, req.args, -1, CALL_GEN, prot)
        if rc is Charge:
            return req.n  # (the loop takes it from its budget)
        if rc is Resume:
            ci.aux = req
            return self._resume(th, req.co, req.args)
        if rc is Yield:
            ci.aux = req
            return self._yield(th, req.values)
        th.transfer = (_THROW, LuaError(b"bad request from builtin '%s'" % ci.cl.name.encode()))
        return None

    # -- coroutines -------------------------------------------------------
    #
    # coroutine.resume/wrap/yield are plain builtins returning a Resume or
    # Yield request; their frame (a CI_C frame holding the request in
    # ci.aux) waits on the stack while another coroutine runs, and the
    # results are delivered into it.  Generator builtins may yield the same
    # requests (their frame is CI_GEN).

    def _builtin_request(self, th, fn, func, args, nresults, callkind, prot, res):
        """A builtin returned something else than results: a generator
        (start it as a frame) or a coroutine request (perform it)."""
        rc = res.__class__
        if rc is Resume or rc is Yield:
            if len(th.cis) + 1 >= th.size_ci:
                self._growci(th)
            ci = _request_frame(fn, func, args, nresults, res)
            if callkind:
                ci.callkind = callkind
            if prot is not None:
                ci.protected = True
                ci.handler, ci.saved_ncc = prot
            th.cis.append(ci)
            if callkind in C_CALLKINDS:
                th.nCcalls += 1
            if rc is Resume:
                return self._resume(th, res.co, res.args)
            return self._yield(th, res.values)
        if not hasattr(res, "send"):
            raise TypeError(f"builtin '{fn.name}' returned {type(res).__name__}")
        self._start_gen(th, fn, res, func, args, nresults, callkind, prot)
        return None

    def _resume(self, th, co, args):
        """lua_resume (auxresume) from the frame waiting at the top of th."""
        if co.__class__ is not Coroutine:
            return self._co_deliver(th, False, b"cannot resume non-suspended coroutine")
        status = "running" if co is th else co.status
        if status != "suspended":
            return self._co_deliver(th, False, b"cannot resume %s coroutine" % status.encode())
        if th.nCcalls >= LUAI_MAXCCALLS:
            return self._co_deliver(th, False, b"C stack overflow")
        co.nCcalls = co.baseCcalls = th.nCcalls + 1
        th.status = "normal"
        co.status = "running"
        co.resumer = th
        self.current = co
        if co.pygen is not None:  # its body is a generator, suspended in its yield
            if self.jitting == 1:
                return self._gen_resume(th, co, list(args))
            self.materialize_co(co)  # (hooks, the debugger: the interpreter runs it)
        if co.fn is None:  # suspended in a yield: its results are our arguments
            return self._co_deliver(co, True, list(args))
        fn = co.fn  # first resume: call the body
        if self.jitting == 1 and (g := gen_for(fn.proto)) is not None:
            co.fn = None
            co.pygen = g(self.jx, fn, min(co.size_ci - 3, JIT_DEPTH), 1, *args)
            return self._gen_resume(th, co, None)
        co.fn = None
        co.top = 0
        stack = co.stack
        n = len(args)
        self._ensure(stack, n + 1 + EXTRA_STACK)
        stack[0] = fn
        stack[1 : 1 + n] = args
        try:
            self._lua_frame(co, fn, 0, n, -1, CALL_CO)
        except LuaError as e:
            return self._co_error(co, e)
        return None

    def _gen_resume(self, th, co, values):
        """Run co's body, a generator (pylua.fastfunc.gen_for), to its next
        yield (delivered to th as the resume's results), its return, or a
        deopt: then co gets the frames it would have had and the loop runs
        it from there."""
        jx = self.jx
        allow = min(JIT_SLICE, max(self.jit_allow, 0))
        jx.n = allow
        jth, jstack = jx.th, jx.stack
        jx.th = co
        jx.stack = co.stack
        try:
            vals = co.pygen.send(values)
        except StopIteration as e:  # it returned: co is dead
            co.pygen = None
            self.jit_ran += allow - jx.n
            res = e.value
            return self._co_return(co, True, list(res) if res else [])
        except Deopt as e:
            co.pygen = None
            self.jit_ran += allow - jx.n
            self._deopt(co, e, 0, None, callkind=CALL_CO)
            return None
        finally:
            jx.th, jx.stack = jth, jstack
        self.jit_ran += allow - jx.n
        co.resumer = None  # (what _yield does)
        co.status = "suspended"
        th.status = "running"
        self.current = th
        return self._co_deliver(th, True, vals)

    def materialize_co(self, co) -> None:
        """A coroutine whose body runs as a generator, suspended in its
        yield, gets the frames the interpreter would have given it (its
        body's after the yield's CALL, yield's own on top), for whoever
        looks at them (the debug library); its generator is dropped."""
        g = co.pygen
        if g is None or g.gi_frame is None:
            return
        fr = g.gi_frame
        nxt, a, b, c = fr.f_globals["YIELDS"][fr.f_lineno]
        loc = fr.f_locals
        cl = loc["cl"]
        p = cl.proto
        regs = [loc.get(f"r{i}") for i in range(p.maxstacksize)]
        co.pygen = None
        g.close()
        stack = co.stack
        self._ensure(stack, 1 + p.maxstacksize + EXTRA_STACK)
        stack[0] = cl
        stack[1 : 1 + len(regs)] = regs
        ci = CallInfo()
        ci.cl = cl
        ci.func = 0
        ci.base = 1
        ci.savedpc = nxt
        ci.callkind = CALL_CO
        ci.nresults = -1
        _entered(p, nxt)
        co.cis.append(ci)
        args = regs[a + 1 : a + b]
        yci = _request_frame(regs[a], 1 + a, args, c - 1, Yield(args))
        co.cis.append(yci)
        co.top = yci._top

    def _resume_fast(self, th, fn, args):
        """coroutine.resume(co, ...) (fn: coroutine.resume), or a
        coroutine.wrap function fn called with args, by compiled code: when
        co's body is (or can be) a generator, run it to its next yield here
        and return resume's results (wrap's: the values); None when it
        cannot (nothing was done: the interpreter makes the call).  A deopt
        inside the body raises a Deopt whose ``resume`` the interpreter
        finishes (VM._deopt)."""
        if fn.fn is fastfunc.RESUME:
            co = args[0] if args else None
            vals = args[1:]
            wrap = False
        else:
            co = fn.upvals[0]
            vals = args
            wrap = True
        if (
            co.__class__ is not Coroutine
            or co.status != "suspended"
            or th.nCcalls >= LUAI_MAXCCALLS
            or self.jitting != 1  # (the debugger's run copies states: no generators)
        ):
            return None
        g = co.pygen
        if g is None:
            body = co.fn
            if body is None or (mk := gen_for(body.proto)) is None:
                return None
        co.nCcalls = co.baseCcalls = th.nCcalls + 1
        th.status = "normal"
        co.status = "running"
        co.resumer = th
        self.current = co
        jx = self.jx
        if g is None:
            co.fn = None
            g = co.pygen = mk(jx, body, min(co.size_ci - 3, JIT_DEPTH), 1, *vals)
            send = None
        else:
            send = vals
        jx.th = co
        jx.stack = co.stack
        try:
            res = g.send(send)
        except StopIteration as e:  # it returned: co is dead
            co.pygen = None
            co.status = "dead"
            co.resumer = None
            th.status = "running"
            self.current = th
            return list(e.value or ()) if wrap else [True, *(e.value or ())]
        except Deopt as e:
            co.pygen = None
            d = Deopt(None, 0, ())
            d.resume = (co, args, Resume(co, vals, wrap), e)
            raise d from None
        finally:
            jx.th = th
            jx.stack = th.stack
        co.resumer = None
        co.status = "suspended"
        th.status = "running"
        self.current = th
        return list(res) if wrap else [True, *res]

    def _yield(self, th, values):
        """lua_yield from the frame at the top of th."""
        if th.nCcalls > th.baseCcalls or th.resumer is None:
            raise LuaError(b"attempt to yield across metamethod/C-call boundary")
        r = th.resumer
        th.resumer = None
        th.status = "suspended"
        r.status = "running"
        self.current = r
        return self._co_deliver(r, True, list(values))

    def _co_deliver(self, th, ok: bool, values):
        """The request waiting at the top of th is answered: a resume gets
        (ok, values), a wrap its values (or raises), a yield the values."""
        ci = th.cis[-1]
        req = ci.aux
        if req.__class__ is Yield:
            res = values
        elif req.wrap:
            if not ok:
                s = tostr(values)
                if s is not None:  # the position of the caller of the wrap function
                    values = ldebug.where(th, 1) + s
                raise LuaError(values)
            res = values
        elif ci.kind == CI_GEN:
            res = (ok, values)
        else:
            res = [True, *values] if ok else [False, values]
        if ci.kind == CI_GEN:
            ci.aux = None
            th.transfer = (_SEND, res)
            return None
        th.cis.pop()
        if ci.callkind == CALL_LUA:
            self._place(th, ci.func, res, ci.nresults)
            return None
        return self._poscall(th, ci, res)

    def _co_return(self, co, ok: bool, values):
        co.status = "dead"
        r = co.resumer
        co.resumer = None
        r.status = "running"
        self.current = r
        return self._co_deliver(r, ok, values)

    def _co_error(self, co, err):
        """The coroutine died by an error: its frames stay for debug.traceback."""
        co.cfunc = None
        co.error = err.value
        return self._co_return(co, False, err.value)

    # -- errors ---------------------------------------------------------------

    def _to_luaerror(self, th, e) -> LuaError:
        """Any exception raised at the current point becomes a LuaError; a
        builtin that ran without a frame gets one (the error point)."""
        cis = th.cis
        if th.cfunc is not None:
            # its frame where the calling instruction put it, with its arguments
            ci = ldebug._virtual_ci(th)
            ci.args = th.stack[ci.base : ci.top]
            th.cfunc = None
            cis.append(ci)
        if isinstance(e, LuaError):
            if e.__class__ is TableIndexError and cis and cis[-1].kind == CI_LUA:
                e = LuaError(ldebug.addinfo(cis[-1], e.value))
            return e
        inbuiltin = bool(cis) and cis[-1].kind in (CI_C, CI_GEN)
        if isinstance(e, ArgError):
            if inbuiltin:
                return LuaError(self._argerror_msg(th, e))
            return LuaError(b"bad argument #%d (%s)" % (e.narg, e.msg))
        if isinstance(e, MemoryError):
            return LuaError(b"not enough memory")
        if isinstance(e, RecursionError):
            msg = b"stack overflow"
        elif isinstance(e, OverflowError):
            msg = (
                b"number has no integer representation"
                if "integer" in str(e)
                else b"numeric overflow"
            )
        else:
            msg = ("%s: %s" % (type(e).__name__, e)).encode("utf-8", "replace")
            if not inbuiltin:
                msg = b"internal error: " + msg
        if inbuiltin:
            return LuaError(ldebug.where(th, 1) + msg)
        return LuaError(ldebug.addinfo(cis[-1] if cis else None, msg))

    def _argerror_msg(self, th, e: ArgError) -> bytes:
        """luaL_argerror: the builtin at level 0, named from its caller."""
        cis = th.cis
        ci = cis[-1]
        caller = cis[-2] if len(cis) > 1 else None
        narg = e.narg
        named = ldebug.getfuncname(ci, caller)
        if named is not None and named[0] == "method":
            narg -= 1
            if narg == 0:
                return ldebug.where(th, 1) + b"calling '%s' on bad self (%s)" % (
                    ldebug._q(named[1]),
                    e.msg,
                )
        name = ldebug._q(named[1]) if named is not None else b"?"
        return ldebug.where(th, 1) + b"bad argument #%d to '%s' (%s)" % (narg, name, e.msg)

    def _error(self, e):
        """An exception escaped an instruction or a builtin: handle it as
        luaD_throw does.  Returns a run status when the run ends."""
        if not isinstance(e, Exception) or isinstance(e, LuaExit):
            raise e
        th = self.current
        err = self._to_luaerror(th, e)
        return self._throw(th, err)

    def _throw(self, th, err):
        while True:
            cis = th.cis
            j = len(cis) - 1
            while j >= 0 and not cis[j].protected:
                j -= 1
            if j < 0:
                if th.resumer is None:
                    raise err
                try:
                    return self._co_error(th, err)
                except LuaError as e2:  # coroutine.wrap re-raises in the resumer
                    th = self.current
                    err = e2
                    continue
            pci = cis[j]
            h = pci.handler
            if h is not None and not getattr(err, "handled", False):
                if h is HOST_TB:
                    # lua.c's traceback message handler, at the point of the error
                    if err.traceback is None:
                        err.traceback = ldebug.traceback(th, None, 0)
                elif h is HOST_TB_INLINE:
                    s = tostr(err.value)
                    if s is not None:
                        err = LuaError(s + b"\n" + ldebug.traceback(th, None, 0))
                        err.handled = True
                else:
                    try:
                        return self._call_handler(th, h, err)
                    except LuaError as e2:
                        err = e2
                        continue
            ck = pci.callkind
            self._unwind(th, j)
            if ck == CALL_GEN:
                th.transfer = (_THROW, err)
                return None
            raise AssertionError(f"protected frame with callkind {ck}")

    def errfunc(self):
        """The message handler errors would run now (L->errfunc)."""
        for ci in reversed(self.current.cis):
            if ci.protected:
                return ci.handler
        return None

    def _call_handler(self, th, h, err):
        """luaG_errormsg: xpcall's handler runs on top of the erroring frames."""
        cis = th.cis
        top = cis[-1]
        th.nCcalls += 1
        n = th.nCcalls
        if n >= LUAI_MAXCCALLS:
            if n >= LUAI_MAXCCALLS + (LUAI_MAXCCALLS >> 3):
                raise LuaErrErr()
            if n == LUAI_MAXCCALLS:
                raise LuaError(ldebug.addinfo(top, b"C stack overflow"))
        th.nCcalls -= 1  # the frame pushed below counts itself
        if not is_callable_fn(h):
            raise LuaErrErr()
        func = top.top if top.kind == CI_LUA else top.top + EXTRA_STACK
        self._call_value(th, func, h, [err.value], 1, CALL_HANDLER)
        return None

    def _unwind(self, th, j: int) -> None:
        """Remove frames j.. (an error unwinding to protected frame j)."""
        cis = th.cis
        pci = cis[j]
        for ci in cis[j:]:
            if ci.callkind == CALL_HOOK:
                # luaD_pcall restores allowhook: an error out of a hook caught
                # below it leaves hooks on (a hook cannot run inside a hook,
                # so a pcall above this one saw them off and one below on)
                th.allowhook = True
            if ci.kind == CI_GEN and ci.gen is not None:
                try:
                    ci.gen.close()
                except Exception:  # a generator that refuses to close is simply dropped
                    pass
        del cis[j:]
        th.cfunc = None
        if th.openupval:
            self.close_upvals(th, pci.func)
        th.nCcalls = pci.saved_ncc
        # ldo.c restore_stack_limit
        if th.size_ci > LUAI_MAXCALLS and len(cis) + 1 < LUAI_MAXCALLS:
            th.size_ci = LUAI_MAXCALLS

    # -- memory and the collector (docs/internals.md, "Memory") ---------------
    #
    # Tables count their bytes in values.acct, the VM counts closures,
    # strings made by CONCAT, coroutines and stack growth.  When the count
    # reaches the threshold, at an instruction's end (NEWTABLE, CONCAT,
    # CLOSURE, as lvm.c's luaC_checkGC) or between run slices, a cycle
    # runs: lgc.c's incremental cycle done at once (mark; weak entries
    # cleared; the __gc of unreachable userdata called in a frame of its
    # own), after which the count is what is reachable and the threshold
    # that times the pause.  A state nobody watches (no weak table, no __gc,
    # no look at the count) needs no cycle to behave as Lua: it runs one
    # only when a memory limit comes near.

    def use_memory(self) -> None:
        """Make this state the one whose allocations are counted (and whose
        string hash lays out tables: ``hash_all`` for Redis's Lua)."""
        values.acct = self.acct
        values.hash_all = self.hash_all

    def gc_observe(self) -> None:
        """The program can now see the collector's work (a weak table, a
        finalizer, a look at the count): from now on cycles come when Lua's
        would; the first look measures what is reachable."""
        if not self.gc_observed:
            self.gc_observed = True
            self.gc_live = measure(self)
            self.acct.total = self.gc_live
            self.gc_set_threshold()

    def gc_set_threshold(self) -> None:
        a = self.acct
        if self.gc_stopped:
            a.threshold = 1 << 62
            return
        live = self.gc_live
        t = live // 100 * self.gc_pause  # lgc.c's setthreshold
        if not self.gc_observed:
            t = max(t, a.limit // 4) if a.limit is not None else 1 << 62
        if a.limit is not None:
            # nearer the limit, cycles come sooner: never more than half the room
            t = min(t, live + (a.limit - live) // 2)
        a.threshold = t

    def collect(self) -> list:
        """A whole cycle (collectgarbage("collect"), or the threshold
        reached): weak tables lose the entries whose keys or values are
        unreachable, the count becomes what is reachable; returns the
        unreachable userdata whose __gc is due (the caller runs them)."""
        due = collect(self)  # (sets gc_live)
        self.acct.total = self.gc_live
        self.gc_work = 0
        self.gc_dept = 0
        self.gc_set_threshold()
        return due

    def gc_steps(self, kb: int) -> bool:
        """collectgarbage("step", kb): lgc.c's luaC_step as lua_gc's
        LUA_GCSTEP repeats it, each step doing 10 * stepmul units of work
        (a cycle's work: the bytes counted); True when a cycle ended (its
        finalizers are then in self.gc_due)."""
        a = self.acct
        d = kb << 10
        a.threshold = a.total - d if d <= a.total else 0
        self.gc_due = []
        while a.threshold <= a.total:
            self.gc_dept += a.total - a.threshold
            self.gc_work += (1024 // 100) * self.gc_stepmul or (1 << 62)
            if self.gc_work >= max(a.total, 1024):
                self.gc_due = self.collect()
                return True
            if self.gc_dept < 1024:
                a.threshold = a.total + 1024
            else:
                self.gc_dept -= 1024
                a.threshold = a.total
        if self.gc_stopped:
            self.gc_set_threshold()
        return False

    def gc_step(self, th, ci) -> bool:
        """The count reached the threshold at the end of ci's instruction:
        a cycle, then the finalizers due in a frame of their own (True: the
        loop goes on in that frame, then back in ci)."""
        if self.gc_stopped:
            self.gc_set_threshold()
            return False
        due = self.collect()
        a = self.acct
        if a.limit is not None and a.limit - self.gc_live < a.limit // 64:
            # what is reachable fills the limit: the allocations that got
            # here were the last (cycles would now come at every one)
            raise LuaError(b"not enough memory")
        if not due:
            return False
        self._call_value(th, ci.top, _FINALIZERS, due, 0, CALL_GC)
        return True

    def gc_out_of_memory(self, n: int) -> None:
        """An allocation of n bytes would pass the memory limit: measure
        what is reachable (no clearing: this may be the middle of an
        instruction) and fail with LUA_ERRMEM if it still would.  If not,
        half the room left is counted as taken, so that a program filling
        memory to the limit is measured a few times, not at every
        allocation (what it frees makes room again at the next measure)."""
        live = measure(self)
        a = self.acct
        room = a.limit - live - n
        if room < 0:
            a.total = live
            raise LuaError(b"not enough memory")
        a.total = live + n + room // 2

    # -- finishing instructions interrupted by a metamethod call -----------

    def _finishop(self, th, ci, func: int, ck: int):
        stack = th.stack
        p = ci.cl.proto
        pc = ci.savedpc - 1
        op, a, b, _ = decode_abc(p.code[pc])
        if op == OP_EQ or op == OP_LT or op == OP_LE:
            v = stack[func]
            res = v is not None and v is not False
            if ck == CALL_META_NOT:
                res = not res
            if res == bool(a):
                ci.savedpc += 1 + getarg_sBx(p.code[ci.savedpc])  # (its JMP)
            else:
                ci.savedpc += 1
            _entered(p, ci.savedpc)
        elif op == OP_CONCAT:
            last = ci.aux
            ci.aux = None
            stack[ci.base + last - 1] = stack[func]
            return self._concat(th, ci, b, last - 1)
        elif op == OP_TFORLOOP:
            v = stack[func]
            if v is not None:
                stack[func - 1] = v
                ci.savedpc += 1 + getarg_sBx(p.code[ci.savedpc])  # (the JMP back after it)
            else:
                ci.savedpc += 1
            _entered(p, ci.savedpc)
        elif op == OP_SETTABLE or op == OP_SETGLOBAL:
            pass
        else:  # GETTABLE, GETGLOBAL, SELF, arithmetic, UNM, LEN
            stack[ci.base + a] = stack[func]
        return None

    def _concat(self, th, ci, b: int, last: int):
        """luaV_concat over R(b)..R(last) of frame ci; calls __concat as
        needed (then returns after pushing its frame).  Stores R(A) at the end."""
        stack = th.stack
        base = ci.base
        while last > b:
            top = base + last + 1
            v1 = stack[top - 2]
            v2 = stack[top - 1]
            c1 = v1.__class__
            s2 = tostr(v2)
            if (c1 is not bytes and c1 is not float) or s2 is None:
                tm = self.gettm(v1, b"__concat")
                if tm is None:
                    tm = self.gettm(v2, b"__concat")
                if tm is None:
                    raise ldebug.concaterror(ci, top - 2 - base, v1, top - 1 - base, v2)
                ci.aux = last
                return self._metacall(th, ci, tm, [v1, v2], 1)
            if not s2:
                s = tostr(v1)
                self.acct.total += STRING_BYTES + len(s)
                stack[top - 2] = s
                n = 2
            else:
                total = last - b + 1
                parts = [s2]
                n = 1
                while n < total:
                    s = tostr(stack[top - n - 1])
                    if s is None:
                        break
                    parts.append(s)
                    n += 1
                parts.reverse()
                size = STRING_BYTES + sum(map(len, parts))
                if size > BIG_ALLOC:
                    self.acct.alloc(size)  # (before: the limit may refuse it)
                else:
                    self.acct.total += size
                stack[top - n] = b"".join(parts)
            last -= n - 1
        stack[base + getarg_A(ci.cl.proto.code[ci.savedpc - 1])] = stack[base + b]
        return None

    # -- slow paths of table access ------------------------------------------

    def _gettable(self, th, ci, t, key, reg, dest: int):
        """luaV_gettable; dest is the stack slot of the result.  Returns True
        when a metamethod frame was pushed (the caller reloads)."""
        for _ in range(MAXTAGLOOP):
            if t.__class__ is LuaTable:
                v = t.get(key)
                if v is not None:
                    th.stack[dest] = v
                    return False
                mt = t.meta
                tm = None if mt is None else mt.hash.get(b"__index")
                if tm is None:
                    th.stack[dest] = None
                    return False
            else:
                tm = self.gettm(t, b"__index")
                if tm is None:
                    raise ldebug.typeerror(ci, reg, t, "index")
            if tm.__class__ is LuaFunction or tm.__class__ is Builtin:
                self._metacall(th, ci, tm, [t, key], 1)
                return True
            t = tm
            reg = None
        raise LuaError(ldebug.addinfo(ci, b"loop in gettable"))

    def _settable(self, th, ci, t, key, val, reg) -> bool:
        """luaV_settable.  True when a __newindex frame was pushed."""
        for _ in range(MAXTAGLOOP):
            if t.__class__ is LuaTable:
                if self.readonly is not None and t in self.readonly:
                    raise LuaError(ldebug.addinfo(ci, READONLY_MSG))
                old = t.get(key)
                if old is not None:
                    t.set(key, val)
                    return False
                mt = t.meta
                tm = None if mt is None else mt.hash.get(b"__newindex")
                if tm is None:
                    self._rawset(t, key, val)
                    return False
                # luaH_set made the key's node before the metamethod is tried
                self._rawset(t, key, None)
            else:
                tm = self.gettm(t, b"__newindex")
                if tm is None:
                    raise ldebug.typeerror(ci, reg, t, "index")
            if tm.__class__ is LuaFunction or tm.__class__ is Builtin:
                self._metacall(th, ci, tm, [t, key, val], 0)
                return True
            t = tm
            reg = None
        raise LuaError(ldebug.addinfo(ci, b"loop in settable"))

    @staticmethod
    def _rawset(t, key, val) -> None:
        try:
            t.set(key, val)
        except BadKeyError as e:  # (not "not enough memory": that has no position)
            raise TableIndexError(e.value) from None

    # -- slow paths of arithmetic and comparison -----------------------------

    def _arith(self, th, ci, op: int, rb, rc, regb, regc, dest: int) -> bool:
        """Arith(): coercion, then the metamethod.  True when a frame was pushed."""
        nb = tonumber(rb)
        nc = tonumber(rc)
        if nb is not None and nc is not None:
            th.stack[dest] = _ARITH[op](nb, nc)
            return False
        ev = _EVENT[op]
        tm = self.gettm(rb, ev)
        if tm is None:
            tm = self.gettm(rc, ev)
        if tm is None:
            raise ldebug.aritherror(ci, regb, rb, regc, rc)
        self._metacall(th, ci, tm, [rb, rc], 1)
        return True

    def _eq_tm(self, th, ci, a, b):
        """luaV_equalval for two distinct tables or userdata: None (no
        __eq), or True after pushing the metamethod's frame."""
        mt1 = a.meta
        mt2 = b.meta
        tm1 = None if mt1 is None else mt1.hash.get(b"__eq")
        if tm1 is None:
            return None
        if mt1 is not mt2:
            tm2 = None if mt2 is None else mt2.hash.get(b"__eq")
            if tm2 is None or not raw_equal(tm1, tm2):
                return None
        self._metacall(th, ci, tm1, [a, b], 1)
        return True

    def _order(self, th, ci, op: int, l, r):
        """luaV_lessthan / lessequal for non-number, non-string operands:
        pushes the metamethod's frame (returns True) or raises."""
        if lua_typename(l) == lua_typename(r):
            ev = b"__lt" if op == OP_LT else b"__le"
            tm1 = self.gettm(l, ev)
            if tm1 is not None and raw_equal(tm1, self.gettm(r, ev)):
                self._metacall(th, ci, tm1, [l, r], 1)
                return True
            if op == OP_LE:
                tm1 = self.gettm(r, b"__lt")
                if tm1 is not None and raw_equal(tm1, self.gettm(l, b"__lt")):
                    self._metacall(th, ci, tm1, [r, l], 1, CALL_META_NOT)
                    return True
        raise ldebug.ordererror(ci, l, r)

    # -- helpers for builtins (generators: use with `yield from`) ----------

    def index(self, o, k):
        """lua_gettable: o[k] with __index."""
        for _ in range(MAXTAGLOOP):
            if o.__class__ is LuaTable:
                v = o.get(k)
                if v is not None:
                    return v
                mt = o.meta
                tm = None if mt is None else mt.hash.get(b"__index")
                if tm is None:
                    return None
            else:
                tm = self.gettm(o, b"__index")
                if tm is None:
                    raise ldebug.typeerror(None, None, o, "index")
            if is_callable_fn(tm):
                res = yield Call(tm, [o, k])
                return res[0] if res else None
            o = tm
        raise LuaError(b"loop in gettable")

    def setindex(self, o, k, v):
        """lua_settable: o[k] = v with __newindex."""
        for _ in range(MAXTAGLOOP):
            if o.__class__ is LuaTable:
                if o.get(k) is not None:
                    o.set(k, v)
                    return
                mt = o.meta
                tm = None if mt is None else mt.hash.get(b"__newindex")
                if tm is None:
                    o.set(k, v)
                    return
                o.set(k, None)
            else:
                tm = self.gettm(o, b"__newindex")
                if tm is None:
                    raise ldebug.typeerror(None, None, o, "index")
            if is_callable_fn(tm):
                yield Call(tm, [o, k, v])
                return
            o = tm
        raise LuaError(b"loop in settable")

    def equal(self, a, b):
        """lua_equal: a == b with __eq."""
        if a.__class__ is not b.__class__:
            return False
        c = a.__class__
        if a is b:
            return a == a if c is float else True
        if c is LuaTable or c is Userdata:
            mt1, mt2 = a.meta, b.meta
            tm1 = None if mt1 is None else mt1.hash.get(b"__eq")
            if tm1 is None:
                return False
            if mt1 is not mt2:
                tm2 = None if mt2 is None else mt2.hash.get(b"__eq")
                if tm2 is None or not raw_equal(tm1, tm2):
                    return False
            res = yield Call(tm1, [a, b])
            return truth(res)
        return a == b

    def lessthan(self, a, b):
        """lua_lessthan: a < b with __lt (and 5.1's errors)."""
        ca = a.__class__
        if ca is b.__class__ and (ca is float or ca is bytes):
            return a < b
        if lua_typename(a) == lua_typename(b):
            tm1 = self.gettm(a, b"__lt")
            if tm1 is not None and raw_equal(tm1, self.gettm(b, b"__lt")):
                res = yield Call(tm1, [a, b])
                return truth(res)
        raise ldebug.ordererror(None, a, b)

    def tostring(self, v):
        """luaL_tolstring as tostring does it: __tostring, then the default text."""
        tm = self.gettm(v, b"__tostring")
        if tm is not None:
            res = yield Call(tm, [v])
            r = res[0] if res else None
            s = tostr(r)
            if s is None:
                raise LuaError(b"'__tostring' must return a string")
            return r if r.__class__ is bytes else s
        return self.tostring_raw(v)

    def tostring_raw(self, v) -> bytes:
        c = v.__class__
        if c is bytes:
            return v
        if c is float:
            return fmt_number(v)
        if v is None:
            return b"nil"
        if c is bool:
            return b"true" if v else b"false"
        if c is LightUserdata:  # (only NULL exists: glibc's %p of it)
            return b"userdata: (nil)"
        return b"%s: %s" % (v.lua_type.encode(), self.addr(v).encode())

    @staticmethod
    def addr(obj) -> str:
        return "0x%08x" % id(obj)

    # -- the loop -------------------------------------------------------------

    def _hook_entry(self, th, ci, pc):
        """Before an instruction under hooks: the debugger's hook, then the
        Lua hook of debug.sethook (traceexec), which runs as a frame of its
        own.  Returns None (go on), PAUSED, or "frame" (a hook frame pushed)."""
        h = self.hook
        if h is not None and h(self, th, ci, pc):
            return PAUSED
        hs = th.hook
        if hs is None or not th.allowhook:
            return None
        pend = hs.pending
        if pend is not None and pend[0] is ci and pend[1] == pc:
            events = pend[2]
        else:
            events = []
            # a builtin returned since the last instruction (luaD_poscall's
            # return hook: its frame as it was, before this instruction's events)
            # (the call was the instruction before)
            ret = ci.hookret or hs.retpending
            if ret is not None:
                ci.hookret = hs.retpending = None
                if "r" in hs.mask:
                    events.append((b"return", None, pc - 1, ret))
            p = ci.cl.proto
            oldpc = getattr(ci, "hookpc", None)
            if oldpc is None and pc == 0 and "c" in hs.mask:
                events.append((b"call", None))
            if hs.count:
                hs.counter -= 1
                if hs.counter <= 0:
                    hs.counter = hs.count
                    events.append((b"count", None))
            if "l" in hs.mask and p.lineinfo:
                if oldpc is None:
                    oldpc = pc - 1
                newline = p.lineinfo[pc]
                if pc == 0 or pc <= oldpc or newline != p.lineinfo[oldpc]:
                    events.append((b"line", float(newline)))
            ci.hookpc = pc
            i = p.code[pc]
            op = get_op(i)
            if op == OP_CALL or op == OP_TAILCALL:
                fn = th.stack[ci.base + getarg_A(i)]
                if fn.__class__ is Builtin:
                    # a builtin's call event (a Lua function's comes at its
                    # first instruction); its return event at the next one
                    if "c" in hs.mask:
                        events.append((b"call", None, pc, fn))
                    if "r" in hs.mask:
                        ci.hookret = fn
            if "r" in hs.mask and op == OP_RETURN:
                events.append((b"return", None))
                # callrethooks: one more for each frame a tail call replaced
                events.extend([(b"tail return", None)] * ci.tailcalls)
        if not events:
            hs.pending = None
            return None
        ev, line, *where = events[0]
        hs.pending = (ci, pc, events[1:])
        th.allowhook = False
        self._cstack_check(th, ci)
        top = ci.top
        # while the hook runs, the frame's savedpc is past the instruction, as
        # in C's traceexec: debug.getinfo/getlocal see that instruction as
        # the current one (a function's parameters are active at its first)
        # (a builtin's return comes before: its caller is still at the call)
        ci.savedpc = pc if ev == b"return" and where else pc + 1
        ci.inhook = True
        if where:
            # the builtin's frame, as luaD_precall has pushed it when the hook
            # runs (debug.getinfo(2) in the hook is the builtin); popped when
            # the hook returns, then the instruction calls the builtin
            at, fn = where
            vci = ldebug.call_frame(th, ci, at, fn)
            if ev == b"return":
                vci.top = vci.base  # its results, not its arguments, are there now
            vci.args = th.stack[vci.base : vci.top]
            vci.hookcall = True
            th.cis.append(vci)
        self._call_value(th, top, hs.fn, [ev, line], 0, CALL_HOOK)
        return "frame"

    def sethook(self, th, fn, mask: str, count: int) -> None:
        """lua_sethook for thread th (fn None turns hooks off)."""
        had = th.hook is not None
        if fn is None or (not mask and count <= 0):
            th.hook = None
        else:
            th.hook = HookState(fn, mask, count)
            if th.cfunc is not None and th.allowhook and th.cis:
                # debug.sethook's own return is the first event the hook sees
                th.hook.retpending = th.cfunc
        self.nhooks += (th.hook is not None) - had
        self.loop_switch = True

    def _forprep(self, ci, init, limit, step):
        i = tonumber(init)
        if i is None:
            raise LuaError(ldebug.addinfo(ci, b"'for' initial value must be a number"))
        lim = tonumber(limit)
        if lim is None:
            raise LuaError(ldebug.addinfo(ci, b"'for' limit must be a number"))
        s = tonumber(step)
        if s is None:
            raise LuaError(ldebug.addinfo(ci, b"'for' step must be a number"))
        return i, lim, s


def _entered(p, pc: int) -> None:
    """The interpreter goes on at pc of p, which compiled code may have
    run instead (never decoded): the loop decodes from there."""
    vc = p.vcode
    if vc[pc] is NOT_DECODED:
        vc[pc] = (DECODE, 0, 0, 0, pc)


def _request_frame(fn, func: int, args, nresults: int, req) -> CallInfo:
    """The frame of a builtin at stack slot func waiting on its coroutine
    request req (Resume, Yield): what _co_deliver answers."""
    ci = CallInfo()
    ci.kind = CI_C
    ci.cl = fn
    ci.func = func
    ci.base = func + 1
    ci._top = func + 1 + len(args)
    ci.nresults = nresults
    ci.args = args
    ci.aux = req
    return ci


class HookState:
    """debug.sethook's hook of one coroutine."""

    __slots__ = ("fn", "mask", "count", "counter", "pending", "retpending")

    def __init__(self, fn, mask: str, count: int):
        self.fn = fn
        self.mask = mask
        self.count = count if count > 0 else 0
        self.counter = self.count
        self.pending = None  # (ci, pc, events not yet delivered) for the instruction waiting
        self.retpending = None  # debug.sethook itself: its return event is due


def _run_finalizers(L, due):
    """The frame in which a cycle's finalizers run (lgc.c's GCTM, one per
    unreachable userdata with __gc, newest first): an error in one goes
    on up, as in 5.1."""
    for u in due:
        gc = u.meta.hash.get(b"__gc") if u.meta is not None else None
        if gc is not None:
            yield Call(gc, [u])
    return []


_FINALIZERS = Builtin("__gc", _run_finalizers)


# The loops, generated from pylua/handlers.py by pylua/genloop.py.
# run_stepping(budget, steps) runs exactly `steps` instructions (fewer when
# the program ends, errs or the hook pauses), calling ``self.hook`` before
# each; run_sparse(budget, steps) calls the hook only where its
# ``dmarks(proto)`` bytes say, and leaves the steps not taken in
# ``self.steps_left``; run_sparse_count(budget, steps) too, with compiled
# functions where nothing is marked (their Protos' vcall and vjit must say
# no compiled code for a Proto with a mark: the caller's part), counting
# exactly but maybe past ``steps``, as _loop_count does.  They all, like
# _loop(budget), return FINISHED, ERROR, RUNNING, PAUSED or SWITCH (hooks
# were turned on or off: call again).  The hooked loops
# (pylua/_loops_hooked.py, four times the fast loop's code) are imported the
# first time one runs: a plain run never compiles or loads them; the first
# call puts each loop itself in its place.
VM._loop = _loops.loop_fast
_HOOKED = {  # VM attribute -> its loop in pylua/_loops_hooked.py
    "run_stepping": "loop_step",
    "run_sparse": "loop_sparse",
    "_loop_count": "loop_count",
    "run_sparse_count": "loop_sparse_count",
}


def _hooked(name: str):
    def first_call(self, budget, steps=0):
        from . import _loops_hooked

        for attr, loop in _HOOKED.items():
            setattr(VM, attr, getattr(_loops_hooked, loop))
        return getattr(_loops_hooked, name)(self, budget, steps)

    first_call.__name__ = first_call.__qualname__ = name
    return first_call


for _attr, _name in _HOOKED.items():
    setattr(VM, _attr, _hooked(_name))
del _attr, _name
