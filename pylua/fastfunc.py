"""Whole Lua functions compiled to Python functions (the fast run mode).

When the VM runs without a debugger hook (``loop_fast``, ``run_counted``), a
Lua function called often enough runs as a Python function made from its
bytecode: registers are Python locals, jumps are Python ``if``/``while``
(the structure luac gives the code, recovered here), and a call of another
compiled Lua function is a Python call.  No frame (CallInfo) exists for a
compiled function while it runs; nothing can look for one, because
whatever could (an error, a metamethod, a hook, a coroutine switch, a
builtin that is not plain, the budget running out) is met *before* the
instruction runs, by a guard.  A guard that fails raises ``Deopt``: on its
way out, every compiled function between there and the interpreter adds
its frame's registers, and the interpreter makes the frames they would
have had (``VM._deopt``) and runs the instruction itself.  The results are
the interpreter's by construction.

Every instruction is counted exactly as the stepping loop counts it
(``loop_step``: a test whose forward jump is taken does not run the JMP; a
backward jump is an instruction), in ``X.n`` (``JitState``): the budget of
``loop_fast``, the steps of ``run_counted``.  The count is checked where
control can loop (a function's entry, a loop's top).

A compiled function is ``f(X, cl, d, *args) -> tuple`` (its results): X
the VM's JitState, cl the closure, d how many frames may still be made
below it (the CallInfo limit, kept exactly).

What is compiled: functions with fixed parameters, at most ``MAX_CODE``
words, whose jumps have luac's structure (``Unstructured`` otherwise), and
that make no closure over their own locals (their registers would have to
live on the stack).  Instructions without a fast path here compile to an
unconditional deopt: the function still runs compiled until one is met.
A function that deopts too often (``MAX_DEOPTS``) goes back to the
interpreter for good.
"""

from __future__ import annotations

import math
import sys

from . import values as _values
from . import vcode as V
from .arith import num_mod, num_pow
from .opcodes import effects
from .values import (
    BIG_ALLOC,
    CALL_META,
    CLOSURE_BYTES,
    STRING_BYTES,
    UPVAL_BYTES,
    Builtin,
    LuaFunction,
    LuaTable,
    UpVal,
    Userdata,
)

MAX_CODE = V.MAX_CODE
JIT_SLICE = 100_000  # instructions a compiled call for a builtin may run before it deopts
MAX_DEOPTS = 40  # deopts (not the budget's) before a function is interpreted for good
MAXTAGLOOP = V.MAXTAGLOOP

# A compiled call is a Python call.  CPython >= 3.11 makes it without C
# stack, so the CallInfo limit (d) is reached first; Pyodide's WebAssembly
# stack holds fewer (a fatal error past some 10 000): there compiled calls
# nest DEPTH deep at most, and a deeper call is the interpreter's.
if sys.platform == "emscripten":
    DEPTH = 2500
    _LIMIT = 6000
else:
    DEPTH = V.LUAI_MAXCALLS
    _LIMIT = V.LUAI_MAXCALLS + 5000
if sys.getrecursionlimit() < _LIMIT:
    sys.setrecursionlimit(_LIMIT)


class Deopt(Exception):  # noqa: N818 - not an error: a request to the interpreter
    """A compiled function gives up at an instruction.  ``frames``: one
    (closure, pc, registers, a, c) per compiled frame, the innermost first
    (its pc the instruction to run; the others' pc after their CALL at a,
    with c as its C); ``gc``: a collector's cycle is due first (the
    instruction before pc made something); ``budget``: the count ran out
    (not the function's fault); ``open_top``: the innermost registers end
    with the open results of a call, which its pc uses (the top is after
    them).  A frame with C -1 made a tail call: its callee's frame takes
    its place."""

    resume = None  # (co, its Deopt): a compiled coroutine.resume was under way

    def __init__(self, cl, pc, regs, gc=False, budget=False, open_top=False):
        super().__init__()
        self.frames = [(cl, pc, regs, None, None)] if cl is not None else []
        self.gc = gc
        self.open_top = open_top
        self.budget = budget


class JitState:
    """What compiled code shares: the count (``n``), the VM, the running
    coroutine and its value stack (set where the interpreter enters
    compiled code: compiled code never switches coroutines)."""

    __slots__ = ("n", "vm", "th", "stack")

    def __init__(self, vm):
        self.n = 0
        self.vm = vm
        self.th = None
        self.stack = None


def upval_at(th, stack, si):
    """The open upvalue of stack slot si (made if there is none): CLOSURE's."""
    ou = th.openupval
    uv = ou.get(si)
    if uv is None:
        uv = ou[si] = UpVal(stack, si)
        if si > th.uvtop:
            th.uvtop = si
    return uv


class Unstructured(Exception):  # noqa: N818
    """The code has jumps that Python's if/while cannot say."""


# The builtins compiled code may call itself: no frame to see, no request on
# the way, and nothing done before an error, so that an error is met again
# by the interpreter running the same CALL (it makes the message: where,
# names).  And the iterators a generic for runs here (next, ipairs').  The
# Lua state says which (runtime.py, configure): the VM knows no library.
PURE: frozenset = frozenset()
ITERATORS: tuple = (None, None, None)
YIELD = None  # coroutine.yield's Python function: a coroutine body compiled as a generator yields
RESUME = None  # coroutine.resume's: of such a body, compiled code resumes it itself (VM._resume_fast)
WRAP = None  # the code of coroutine.wrap's functions (a Builtin with upvals: its fn is a Python function)


def configure(pure, iterators, co_yield=None, co_resume=None, wrap_code=None) -> None:
    global PURE, ITERATORS, YIELD, RESUME, WRAP
    PURE = frozenset(pure)
    ITERATORS = tuple(iterators)
    YIELD = co_yield
    RESUME = co_resume
    WRAP = wrap_code


# -- the functions the generated code calls -------------------------------------

MISS = object()  # an __index that is not a table: the interpreter's


def index_chain(t, key):
    """t[key] for a table t with a metatable, key missing from t: the value
    through __index tables, or MISS (a function, a loop, a non-table)."""
    for _ in range(MAXTAGLOOP):
        m = t.meta
        if m is None:
            return None
        tm = m.hash.get(b"__index")
        if tm is None:
            return None
        if tm.__class__ is not LuaTable:
            return MISS
        v = tm.get(key)
        if v is not None:
            return v
        t = tm
    return MISS


def string_index(vm, key):
    """s[key] for a string s (s:method()): through the string metatable's
    __index table, or MISS."""
    mt = vm.typemeta.get("string")
    if mt is None:
        return MISS
    tm = mt.hash.get(b"__index")
    if tm.__class__ is not LuaTable:
        return MISS
    v = tm.hash.get(key)
    if v is None and tm.meta is not None:
        return index_chain(tm, key)
    return v


# -- structure -------------------------------------------------------------------

_TESTS = {
    V.EQ_RR, V.EQ_RK, V.EQ, V.LT_RR, V.LT_RK, V.LT_KR, V.LT, V.LE_RR, V.LE_RK, V.LE_KR, V.LE,
    V.TEST, V.TESTSET,
}  # fmt: skip
_ARITH = V.ARITH_SYMBOLS
_GENERAL_ARITH = {V.ADD: "+", V.SUB: "-", V.MUL: "*", V.DIV: "/", V.MOD: "%"}
_ORDER = {
    V.LT_RR: ("<", "RR"), V.LT_RK: ("<", "RK"), V.LT_KR: ("<", "KR"),
    V.LE_RR: ("<=", "RR"), V.LE_RK: ("<=", "RK"), V.LE_KR: ("<=", "KR"),
}  # fmt: skip


class _Loop:
    """The innermost Lua loop being generated: jumps to ``cont`` pcs are a
    Python ``continue`` (with the instructions they run on the way: the
    back JMP of a while loop), a jump to ``exit`` a ``break``."""

    def __init__(self, cont: dict, exit_: int):
        self.cont = cont
        self.exit = exit_


class _Gen:
    def __init__(self, p, code, gen=False, floats=()):
        self.gen = gen  # a coroutine's body, compiled as a generator: yield is Python's
        self.floats = frozenset(floats)  # an OSR function's: the registers holding numbers when it was made
        self.yields = []  # (pc after, a, b, c) of each yield made
        self.p = p
        self.code = code
        self.out = []
        self.ind = "    "
        self.consts = []
        self.kmap = {}
        self.pend = 0  # instructions run since the count was last brought up to date
        self.known = set()
        self.invariant = set()
        self.ranges = {}
        self.size = p.maxstacksize
        self.uses_vm = False
        self.uses_env = False
        self.uses_upvals = False
        self.uses_acct = False
        self.open = None  # (pc, a): the instruction at pc gets a call's open results from R(a) on
        self.cur_open = None  # a, while that instruction is made
        self.entry = None  # an OSR function's entry: a loop's head
        self.entered = False
        self.spans = {}  # (construct pc, its block's end) -> the pc after it (the first pass's)
        # registers closures capture: they live on the value stack too (an
        # open upvalue is a stack slot), written there before anything that
        # may read them through an upvalue runs, read back after
        self.captured = sorted(
            {idx for ins in code if ins[0] == V.CLOSURE for ismove, idx in ins[3] if ismove}
        )
        backs = {}
        for pc, ins in enumerate(code):
            op = ins[0]
            if op == V.JMP and ins[3] <= pc:
                backs.setdefault(ins[3], []).append(pc)
        self.backs = backs

    # -- emitting

    def emit(self, s: str) -> None:
        self.out.append(self.ind + s)

    def K(self, v) -> str:
        if v.__class__ is float:
            if v != v or v in (math.inf, -math.inf):
                return self._const(v)
            return f"({v!r})"
        if v is None or v.__class__ is bool:
            return repr(v)
        return self._const(v)

    def _const(self, v) -> str:
        key = (v.__class__, v) if v.__class__ is not float else (float, repr(v))
        i = self.kmap.get(key)
        if i is None:
            i = self.kmap[key] = len(self.consts)
            self.consts.append(v)
        return f"K{i}"

    def sync_out(self, below: int | None = None) -> None:
        """Captured registers (below `below`) to the stack."""
        for r in self.captured:
            if below is None or r < below:
                self.emit(f"stack[base + {r}] = r{r}")

    def sync_in(self, below: int) -> None:
        """Captured registers below `below` from the stack (a call may have
        set them through an upvalue)."""
        for r in self.captured:
            if r < below:
                self.emit(f"r{r} = stack[base + {r}]")

    def close_from(self, level: str) -> None:
        """Close the open upvalues from stack slot level up (RETURN, CLOSE)."""
        if self.captured:
            self.sync_out()
            self.uses_vm = True
            self.emit(f"if th.uvtop >= {level}:")
            self.emit(f"    vm.close_upvals(th, {level})")

    def rk(self, x: int) -> str:
        """An RK operand as Python: a register or the constant itself."""
        return self.K(self.p.k[x - 256]) if x > 255 else f"r{x}"

    def flush(self, extra: int = 0) -> None:
        n = self.pend + extra
        if n:
            self.emit(f"n -= {n}")
        self.pend = 0

    def regs(self, upto: int | None = None) -> str:
        m = self.size if upto is None else upto
        return "(" + "".join(f"r{i}, " for i in range(m)) + ")"

    def regs_expr(self) -> str:
        """The registers a Deopt gives: with the open results of a call
        after them when the instruction uses those."""
        if self.cur_open is None:
            return self.regs()
        return self.regs(self.cur_open)[:-1] + "*ov, )"

    def open_flag(self) -> str:
        return "" if self.cur_open is None else ", open_top=True"

    def bail(self, pc: int, deeper: int = 0) -> None:
        """Deopt before the instruction at pc (the count: what ran since
        the last flush), `deeper` indentations in."""
        ran = self.pend
        ind = "    " * deeper
        self.emit(ind + (f"X.n = n - {ran}" if ran else "X.n = n"))
        self.emit(ind + f"raise Deopt(cl, {pc}, {self.regs_expr()}{self.open_flag()})")

    def gc_due(self, nxt: int) -> None:
        """After the instruction that made something (pc before nxt): a
        collector's cycle due is the interpreter's, from nxt on."""
        self.emit("if acct.total >= acct.threshold:")
        self.emit(f"    X.n = n - {self.pend + 1}")
        self.emit(f"    raise Deopt(cl, {nxt}, {self.regs()}, gc=True)")

    def memguard(self, pc: int) -> None:
        """Before what may allocate: near the memory limit, the interpreter
        (a collection there must see every register)."""
        self.uses_acct = True
        self.guard("acct.limit is not None and acct.total * 3 > acct.limit", pc)

    def guard(self, cond: str, pc: int) -> None:
        self.emit(f"if {cond}:")
        self.bail(pc, 1)

    # -- structure

    def function(self, entry: int | None = None) -> str:
        """The function's source; with entry, the OSR function that goes
        on from the loop head at entry with the registers as parameters."""
        p = self.p
        np = p.numparams
        self.out = []
        self.pend = 0
        self.uses_vm = self.uses_env = self.uses_upvals = self.uses_acct = False
        self.entry = entry
        self.entered = False
        self.known = set()  # registers surely holding a number here
        self.invariant = set()  # registers holding a number throughout the loops being made
        self.ranges = {}  # a for loop's index -> the flag that says it is in 0 .. 2**53
        if entry is None:
            params = "".join(f", r{i}=None" for i in range(np))
        else:
            params = ", va" if p.is_vararg else ""
            params += "".join(f", r{i}" for i in range(self.size))
        body_start = len(self.out)
        self.emit("n = X.n")
        if entry is None:
            if self.size > np:
                self.emit(" = ".join(f"r{i}" for i in range(np, self.size)) + " = None")
            self.emit("if n <= 0:")
            self.emit(f"    raise Deopt(cl, 0, {self.regs()}, budget=True)")
        if self.captured:
            self.emit("stack = X.stack")
            self.emit("th = X.th")
            self.emit(f"if base + {self.size + V.EXTRA_STACK} > len(stack):")
            self.emit(f"    raise Deopt(cl, {entry or 0}, {self.regs()}, budget=True)")
        if entry is not None:
            self.emit("ent = True")
        self.block(0, len(self.code), None)
        head = []
        if self.uses_vm:
            head.append("    vm = X.vm")
        if self.uses_env:
            head.append("    env = cl.env")
        if self.uses_upvals:
            head.append("    upvals = cl.upvals")
        if self.uses_acct:
            head.append("    acct = _V.acct")
        self.out[body_start:body_start] = head
        return f"def f(X, cl, d, base{params}, *_):\n" + "\n".join(self.out)

    def jump_to(self, target: int, loop: _Loop | None, is_jmp: bool, backward: bool) -> bool:
        """Code for a jump to target out of the current structure (continue
        or break of the innermost loop); False if it is not one."""
        if loop is None:
            return False
        cost = 1 if (is_jmp or backward) else 0
        if target in loop.cont:
            self.flush(cost + loop.cont[target])
            self.emit("continue")
            return True
        if target == loop.exit:
            self.flush(cost)
            self.emit("break")
            return True
        return False

    def entering(self, lo: int, hi: int) -> bool:
        """Is the entry (of an OSR function) inside lo..hi-1, not reached yet?"""
        e = self.entry
        return e is not None and not self.entered and lo <= e < hi

    def block(self, lo: int, hi: int, loop: _Loop | None) -> None:
        pc = lo
        start_len = len(self.out)
        if self.entering(lo, hi):
            # what comes before the construct with the entry is not run on entry
            pc0 = lo
            while not (pc0 <= self.entry < self.spans[pc0, hi]):
                pc0 = self.spans[pc0, hi]
            if pc0 > lo:
                self.flush()
                self.emit("if not ent:")
                self.sub(lo, pc0, loop)
            pc = pc0
        while pc < hi:
            new = self.construct(pc, hi, loop)
            self.spans[pc, hi] = new
            pc = new
        if len(self.out) == start_len and self.pend == 0:
            self.emit("pass")

    def construct(self, pc: int, hi: int, loop: _Loop | None) -> int:
        """Code for the construct (an instruction, a loop, an if) at pc;
        returns the pc after it."""
        code = self.code
        # a while or repeat loop whose head is here
        js = [j for j in self.backs.get(pc, ()) if j < hi]
        if js:
            self.known = set(self.invariant)
            r = self.loop(pc, max(js), loop)
            self.known = set(self.invariant)
            return r
        op, a, b, c, nxt = code[pc]
        if op in _TESTS:
            r = self.test(pc, hi, loop)
            self.known = set(self.invariant)
            return r
        if op == V.JMP:
            target = c
            if target > pc and code[target][0] == V.TFORLOOP and target + 1 < len(code):
                back = code[target + 1]
                if back[0] == V.JMP and back[3] == pc + 1:
                    self.known = set(self.invariant)
                    r = self.generic_for(pc, target)
                    self.known = set(self.invariant)
                    return r
            if self.jump_to(target, loop, True, target <= pc):
                return nxt  # (what follows in this block is dead code)
            if target == hi and nxt == hi:
                self.pend += 1
                return nxt
            raise Unstructured(pc)
        if op == V.FORPREP:
            r = self.numeric_for(pc)
            self.known = set(self.invariant)
            return r
        if op == V.LOADBOOL and c:
            raise Unstructured(pc)  # (only in the pattern test() knows)
        # the open results of the call just before, for this instruction only
        self.cur_open = self.open[1] if self.open is not None and self.open[0] == pc else None
        self.open = None
        if op == V.RETURN:
            self.ret(pc, a, b)
        else:
            self.instr(pc)
        self.cur_open = None
        if op == V.SETLIST_X:
            return nxt + 1  # (its C is the next word: SETLIST_X skips it)
        if op == V.CLOSURE:
            return nxt + len(c)  # (its upvalues' pseudo-instructions, skipped)
        return nxt

    def enter_here(self) -> None:
        """The entry: from here on the code runs as it always does."""
        self.emit("ent = False")
        self.entered = True

    def loop_top(self, head: int, inside: bool, counted: bool = False) -> bool:
        """``while True:`` of a for loop whose top runs the instruction at
        head (FORLOOP, TFORLOOP) and its budget check; inside: the entry of
        an OSR function is in the loop; counted: the head's own step was
        taken before the top (n counts it already).  Returns whether the
        top is skipped on entry (an ``if not ent:`` the caller closes)."""
        if inside and self.entry == head:
            self.enter_here()
            inside = False
        self.emit("while True:")
        self.ind += "    "
        if inside:
            self.emit("if not ent:")
            self.ind += "    "
        self.budget_check(head, False, counted)
        return inside

    def budget_check(self, pc: int, skip_on_entry: bool, counted: bool = False) -> None:
        """The budget spent: the interpreter goes on before pc (counted:
        the instruction at pc is in n already, and is given back)."""
        if counted:
            self.emit("if n < 0:")
            self.emit("    X.n = n + 1")
        else:
            self.emit("if n <= 0 and not ent:" if skip_on_entry else "if n <= 0:")
            self.emit("    X.n = n")
        self.emit(f"    raise Deopt(cl, {pc}, {self.regs()}, budget=True)")

    def sub(self, lo: int, hi: int, loop: _Loop | None) -> None:
        """A block one indentation deeper (the count starts from zero there)."""
        saved = self.pend
        self.pend = 0
        self.ind += "    "
        n = len(self.out)
        if self.entering(lo, hi):
            self.known = set(self.invariant)  # (on entry, what came before did not run)
        else:
            self.known = set(self.known)
        self.block(lo, hi, loop)
        self.flush()
        if len(self.out) == n:
            self.emit("pass")
        self.ind = self.ind[:-4]
        self.pend = saved

    def loop(self, head: int, j: int, outer: _Loop | None) -> int:
        """A while loop (JMP back at j) or a repeat loop (a test before j)."""
        code = self.code
        self.flush()
        conditional = j > head and code[j - 1][0] in _TESTS and code[j - 1][4] == j
        if conditional and code[j - 1][0] == V.TESTSET:
            raise Unstructured(j - 1)
        inside = self.entering(head, j + 1)
        if inside and self.entry == head:
            self.enter_here()
            inside = False
        self.emit("while True:")
        self.ind += "    "
        self.budget_check(head, inside)
        inner = _Loop({head: 0}, j + 1)
        if not conditional:
            inner.cont[j] = 1  # reaching the back JMP runs it
            self.block(head, j, inner)
            self.flush(1)
            self.emit("continue")
        else:
            self.block(head, j - 1, inner)
            cond = self.condition(j - 1)
            self.pend += 1
            self.flush()
            self.emit(f"if {cond}:")
            self.emit("    n -= 1")  # the backward JMP runs
            self.emit("    continue")
            self.emit("break")
        self.ind = self.ind[:-4]
        return j + 1

    def numeric_for(self, prep: int) -> int:
        code = self.code
        _, a, f, _, _ = code[prep]
        fop, fa, body, _, _ = code[f]
        if fop not in (V.FORLOOP, V.FORLOOP_UP, V.FORLOOP_R) or fa != a or body != prep + 1:
            raise Unstructured(prep)
        A0, A1, A2, A3 = (f"r{a + i}" for i in range(4))
        inside = self.entering(prep, f + 1)
        at_head = inside and self.entry == f
        if inside:
            self.flush()
            self.emit("if not ent:")
            self.ind += "    "
        unsure = [f"r{r}.__class__ is not float" for r in (a, a + 1, a + 2) if r not in self.known]
        if unsure:
            self.guard(" or ".join(unsure), prep)
        self.emit(f"{A0} = {A0} - {A2}")
        # FORPREP, and the FORLOOP it jumps to: the FORLOOP's step is taken
        # before the top of the loop (the end of the body takes the next
        # one's), so an iteration subtracts once
        self.pend += 1 if at_head else 2
        self.flush()
        if inside:
            self.ind = self.ind[:-4]
        # registers the body only ever makes numbers of, numbers on the way
        # in: numbers at every iteration (no guard in the body)
        stay = self.numbers_kept(prep + 1, f, a)
        if at_head:
            stay &= self.floats
            if stay:  # (an OSR entry: they were numbers when it was made)
                self.guard(" or ".join(f"r{r}.__class__ is not float" for r in sorted(stay)), f)
        elif not inside:
            stay &= self.known
        else:
            stay = set()
        if at_head:  # (entered at the FORLOOP, or come from the FORPREP)
            self.emit("n -= 1")
        saved = self.invariant
        self.invariant = saved | stay
        # the index, when the body leaves it alone, counting up from 0 or
        # more to below 2**53: the flag says so (MOD then needs no range check)
        saved_ranges = dict(self.ranges)
        if self.written(prep + 1, f, a + 3):
            self.ranges.pop(a + 3, None)
        else:
            # (an OSR entry inside the body: the index is the current one, A0)
            first = A0 if inside and not at_head else f"{A0} + {A2}"
            self.emit(f"up{a} = {A2} > 0.0 and {first} >= 0.0 and {A1} < 9007199254740992.0")
            self.ranges[a + 3] = f"up{a}"
        inside = self.loop_top(f, inside, counted=True)
        self.emit(f"idx = {A0} + {A2}")
        if fop == V.FORLOOP_UP:
            self.emit(f"if not (idx <= {A1}):")
        else:
            self.emit(f"if not ((idx <= {A1}) if {A2} > 0 else ({A1} <= idx)):")
        self.emit("    break")
        self.emit(f"{A0} = {A3} = idx")
        if inside:
            self.ind = self.ind[:-4]
        self.known = {a, a + 1, a + 2, a + 3} | self.invariant  # (made numbers by FORPREP, kept by FORLOOP)
        self.block(prep + 1, f, _Loop({f: 1}, f + 1))
        self.flush(1)
        self.invariant = saved
        self.ranges = saved_ranges
        self.ind = self.ind[:-4]
        return f + 1

    def numbers_kept(self, lo: int, hi: int, a: int, every: bool = False) -> set:
        """The registers (below a numeric for's at a, not captured) that
        the instructions lo..hi-1 write only numbers to: arithmetic, which
        compiled code makes only of numbers, and number constants (every:
        write nothing to)."""
        code = self.code
        out = set(range(a)) - set(self.captured)
        pc = lo
        while pc < hi and out:
            op, ra, b, c, nxt = code[pc]
            if op in (V.CALL, V.TAILCALL, V.VARARG, V.LOADNIL, V.TFORLOOP):
                out.difference_update([r for r in out if r >= ra])
            else:
                w = effects(self.p.code, pc, self.p)
                number = not every and (
                    op in _ARITH or op in _GENERAL_ARITH or op in (V.UNM, V.POW) or (op == V.LOADK and b.__class__ is float)
                )
                for r in (*w.writes, *w.cond_writes):
                    if not (number and r == ra):
                        out.discard(r)
            if op == V.SETLIST_X:
                pc += 1
            elif op == V.CLOSURE:
                pc += len(c)
            pc += 1
        return out

    def written(self, lo: int, hi: int, r: int) -> bool:
        """Do the instructions lo..hi-1 write register r?"""
        return r not in self.numbers_kept(lo, hi, r + 1, every=True)

    def generic_for(self, jmp: int, t: int) -> int:
        """JMP to TFORLOOP at t, the body from jmp+1, a JMP back after t."""
        _, a, _, c, _ = self.code[t]
        inside = self.entering(jmp, t + 2)
        if inside:
            self.flush()
            self.emit("if not ent:")
            self.emit("    n -= 1")  # the JMP
        else:
            self.pend += 1  # the JMP
            self.flush()
        inside = self.loop_top(t, inside)
        self.iterate(t, a, c)
        for i in range(c):
            self.emit(f"r{a + 3 + i} = res[{i}] if len(res) > {i} else None")
        self.emit(f"if r{a + 3} is None:")
        self.emit("    break")
        self.emit(f"r{a + 2} = r{a + 3}")
        if inside:
            self.ind = self.ind[:-4]
        self.block(jmp + 1, t, _Loop({t: 0}, t + 2))
        self.flush()
        self.ind = self.ind[:-4]
        return t + 2

    def iterate(self, t: int, a: int, c: int) -> None:
        """TFORLOOP's call R(A)(R(A+1), R(A+2)) (its results in res): next,
        pairs' and ipairs' iterators called here, a Lua function compiled
        (a C call, as luaD_call makes it: counted in nCcalls, and its frame
        on a deopt is CALL_META's, which TFORLOOP finishes), a
        coroutine.wrap function's coroutine resumed here; anything else
        the interpreter's."""
        emit = self.emit
        self.uses_vm = True
        call_args = f"r{a + 1}, r{a + 2}"
        caller = f"(cl, {t + 1}, {self.regs(a + 3)[:-1]}fn, ), {a + 3}, {c + 1}, CALL_META)"
        emit(f"fn = r{a}")
        emit("if fn is NEXT or fn is PNEXT or fn is IPAIRS:")
        emit("    try:")
        emit(f"        res = fn.fn(vm, [{call_args}])")
        emit("    except Exception:")
        self.bail(t, 2)
        emit("    n -= 1")
        emit("elif fn.__class__ is LuaFunction:")
        self.ind += "    "
        emit("jf = fn.proto.vjit")
        emit("if not jf:")
        emit("    jf = jit_for(fn.proto)")
        self.c_call(t, a, "jf is None or d <= 0 or ", f"jf(X, fn, d - 1, base + {a + 4}, {call_args})", caller)
        self.ind = self.ind[:-4]
        emit("elif fn.__class__ is Builtin and fn.upvals is not None and fn.fn.__code__ is WRAP:")
        self.ind += "    "
        self.c_call(t, a, "", f"vm._resume_fast(th, fn, [{call_args}])", caller)
        self.ind = self.ind[:-4]
        emit("else:")
        self.bail(t, 1)

    def c_call(self, t: int, a: int, cannot: str, call: str, caller: str) -> None:
        """TFORLOOP's call (at t, its registers from a) as a C call: counted
        in nCcalls while it runs, a deopt inside giving the frame the
        tuple caller; the interpreter's when `cannot` (a condition and
        " or "), the C stack is full, or the call gives None (nothing done)."""
        emit = self.emit
        emit("th = X.th")
        self.guard(f"{cannot}th.nCcalls >= MAXCCALLS", t)
        emit("n -= 1")
        self.sync_out(a)
        emit("X.n = n")
        emit("th.nCcalls += 1")
        emit("try:")
        emit(f"    res = {call}")
        emit("except Deopt as e:")
        emit("    th.nCcalls -= 1")
        self.ind += "    "
        self.sync_in(a)
        self.ind = self.ind[:-4]
        emit(f"    e.frames.append({caller})")
        emit("    raise")
        emit("except RecursionError:")
        emit("    th.nCcalls -= 1")
        emit("    X.n = n + 1")
        emit(f"    raise Deopt(cl, {t}, {self.regs()}) from None")
        emit("th.nCcalls -= 1")
        emit("if res is None:")  # (a wrap's coroutine that cannot run here: the interpreter resumes it)
        emit("    X.n = n + 1")
        emit(f"    raise Deopt(cl, {t}, {self.regs()})")
        emit("n = X.n")
        self.sync_in(a)

    def condition(self, pc: int) -> str:
        """The Python condition under which the test at pc jumps (its guards
        emitted first); TESTSET's assignment is made by the caller."""
        op, a, b, c, _ = self.code[pc]
        if op == V.TEST:
            return f"{'not ' if c else ''}(r{a} is None or r{a} is False)"
        if op == V.TESTSET:
            return f"{'not ' if c else ''}(r{b} is None or r{b} is False)"
        want = "" if a else "not "
        if op == V.EQ_RK:
            kc = self.K(c)
            return f"{want}(r{b}.__class__ is {kc}.__class__ and r{b} == {kc})"
        if op == V.EQ_RR:
            rb, rc = f"r{b}", f"r{c}"
            self.guard(
                f"{rb}.__class__ is {rc}.__class__ and {rb} is not {rc} and"
                f" ({rb}.__class__ is LuaTable or {rb}.__class__ is Userdata)",
                pc,
            )
            return f"{want}({rb}.__class__ is {rc}.__class__ and {rb} == {rc})"
        if op in _ORDER:
            sym, kind = _ORDER[op]
            rb = self.K(b) if kind == "KR" else f"r{b}"
            rc = self.K(c) if kind == "RK" else f"r{c}"
            if kind == "RR":
                if not (b in self.known and c in self.known):
                    self.guard(
                        f"not ({rb}.__class__ is {rc}.__class__ and"
                        f" ({rb}.__class__ is float or {rb}.__class__ is bytes))",
                        pc,
                    )
            elif (b if kind == "RK" else c) not in self.known:
                r = rb if kind == "RK" else rc
                self.guard(f"{r}.__class__ is not float", pc)
            return f"{want}({rb} {sym} {rc})"
        if op == V.EQ:
            rb, rc = self.rk(b), self.rk(c)
            if b < 256 and c < 256:
                self.guard(
                    f"{rb}.__class__ is {rc}.__class__ and {rb} is not {rc} and"
                    f" ({rb}.__class__ is LuaTable or {rb}.__class__ is Userdata)",
                    pc,
                )
            return f"{want}({rb}.__class__ is {rc}.__class__ and {rb} == {rc})"
        if op == V.LT or op == V.LE:
            rb, rc = self.rk(b), self.rk(c)
            self.guard(
                f"not ({rb}.__class__ is {rc}.__class__ and"
                f" ({rb}.__class__ is float or {rb}.__class__ is bytes))",
                pc,
            )
            return f"{want}({rb} {'<' if op == V.LT else '<='} {rc})"
        self.bail(pc)
        return "False"

    def test(self, pc: int, hi: int, loop: _Loop | None) -> int:
        """A test and its JMP at pc+1; returns where the code goes on."""
        code = self.code
        if pc + 1 >= len(code) or code[pc + 1][0] != V.JMP:
            raise Unstructured(pc)
        op, a, b, c, _ = code[pc]
        target = code[pc + 1][3]
        backward = target <= pc + 1
        end = self.spans.get((pc, hi), pc + 2)
        inside = self.entering(pc, end)  # the entry is in the then or the else part
        if inside:
            self.flush()
            self.emit("if not ent:")
            self.ind += "    "
            n0 = len(self.out)
        cond = self.condition(pc)
        self.pend += 1
        self.flush()
        if inside:
            if len(self.out) == n0:
                self.emit("pass")
            self.ind = self.ind[:-4]
            then_in = self.entering(pc + 2, target)
            enter = "ent or " if then_in else "not ent and "
        else:
            enter = ""
        setter = f"r{a} = r{b}" if op == V.TESTSET else None
        # the jump out of the structure: continue / break
        if loop is not None and (target in loop.cont or target == loop.exit):
            self.emit(f"if {cond}:")
            self.ind += "    "
            if setter:
                self.emit(setter)
            self.jump_to(target, loop, False, backward)
            self.ind = self.ind[:-4]
            return pc + 2
        if backward or target > hi:
            raise Unstructured(pc)
        fall = pc + 2
        e = target
        # if/else: the then part ends with a JMP over the else part
        if e - 1 >= fall and code[e - 1][0] == V.JMP and code[e - 2][0] not in _TESTS:
            y = code[e - 1][3]
            if e < y <= hi:
                self.emit(f"if {enter}not ({cond}):")
                self.sub_then(fall, e - 1, loop, jmp_cost=1)
                self.emit("else:")
                self.ind += "    "
                if setter:
                    self.emit(setter)
                self.ind = self.ind[:-4]
                self.sub(e, y, loop)
                return y
        # a boolean: LOADBOOL r false skip; LOADBOOL r true
        if e - 1 >= fall and code[e - 1][0] == V.LOADBOOL and code[e - 1][3] and e < hi:
            self.emit(f"if not ({cond}):")
            self.sub_then(fall, e, loop, jmp_cost=0)
            self.emit("else:")
            self.ind += "    "
            if setter:
                self.emit(setter)
            self.ind = self.ind[:-4]
            self.sub(e, e + 1, loop)
            return e + 1
        self.emit(f"if {enter}not ({cond}):")
        self.sub(fall, e, loop)
        if setter:
            self.emit("else:")
            self.emit("    " + setter)
        return e

    def sub_then(self, lo: int, hi: int, loop, jmp_cost: int) -> None:
        """The then part of an if/else: lo..hi-1, then the JMP (or the
        skipping LOADBOOL) at hi-... that goes over the else part."""
        saved = self.pend
        self.pend = 0
        self.ind += "    "
        if jmp_cost:
            self.block(lo, hi, loop)
            self.pend += 1  # the JMP
        else:  # hi - 1 is the LOADBOOL that skips
            self.block(lo, hi - 1, loop)
            op, a, b, c, _ = self.code[hi - 1]
            self.emit(f"r{a} = {b!r}")
            self.pend += 1
        self.flush()
        self.ind = self.ind[:-4]
        self.pend = saved

    # -- instructions

    def ret(self, pc: int, a: int, b: int) -> None:
        if b == 0:  # all the open results of the call before
            if self.cur_open is None:
                self.bail(pc)
                return
            vals = "".join(f"r{r}, " for r in range(a, self.cur_open)) + "*ov, "
        else:
            vals = "".join(f"r{r}, " for r in range(a, a + b - 1))
        self.pend += 1
        self.flush()
        self.close_from("base")
        self.emit("X.n = n")
        self.emit(f"return ({vals})")

    def call(self, pc, a, b, c, nxt, tail=False):
        """CALL, or TAILCALL (a Lua function's frame is replaced by its
        callee's: Deopt's frame with C -1).  b 0: the arguments end with
        the open results of the call just before (ov); c 0: this call's
        results stay open (ov) for the next instruction."""
        if b == 0:
            if self.cur_open is None:
                self.bail(pc)
                return
            args = "".join(f"r{r}, " for r in range(a + 1, self.cur_open)) + "*ov"
        else:
            args = ", ".join(f"r{r}" for r in range(a + 1, a + b))
        ran = self.pend
        self.uses_vm = True
        emit = self.emit
        emit(f"fn = r{a}")
        emit("if fn.__class__ is LuaFunction:")
        self.ind += "    "
        emit("jf = fn.proto.vjit")
        emit("if not jf:")
        emit("    jf = jit_for(fn.proto)")
        self.guard("jf is None or d <= 0", pc)
        emit(f"n -= {ran + 1}")
        if tail:
            self.close_from("base")
        else:
            self.sync_out(a)
        emit("X.n = n")
        emit("try:")
        if tail:
            emit(f"    return jf(X, fn, d - 1, base{', ' if args else ''}{args})")
        else:
            emit(f"    res = jf(X, fn, d - 1, base + {a + 1}{', ' if args else ''}{args})")
        emit("except Deopt as e:")
        if tail:
            emit("    e.frames.append((cl, 0, (), 0, -1))")
        else:
            self.ind += "    "
            self.sync_in(a)  # (the callee may have set them through an upvalue)
            self.ind = self.ind[:-4]
            emit(f"    e.frames.append((cl, {nxt}, {self.regs(a)[:-1]}fn, ), {a}, {c}))")
        emit("    raise")
        emit("except RecursionError:")
        emit("    X.n = n + 1")
        emit(f"    raise Deopt(cl, {pc}, {self.regs_expr()}{self.open_flag()}) from None")
        if not tail:
            emit("n = X.n")
            self.sync_in(a)
        self.ind = self.ind[:-4]
        emit("elif fn.__class__ is Builtin and fn.fn in PURE:")
        self.ind += "    "
        emit("try:")
        emit(f"    res = fn.fn(vm, [{args}])")
        emit("except Exception:")
        self.ind += "    "
        self.bail(pc)  # the interpreter meets the error again, with its frame
        self.ind = self.ind[:-4]
        emit("if res.__class__ is not list and res.__class__ is not tuple:")
        emit("    if res is not None:")  # it needs the VM: the interpreter calls it again
        self.bail(pc, 2)
        emit("    res = ()")
        emit(f"n -= {ran + 1}")
        if tail:  # and the RETURN after it
            emit("n -= 1")
            self.close_from("base")
            emit("X.n = n")
            emit("return tuple(res)")
        self.ind = self.ind[:-4]
        if not tail:
            # coroutine.resume of a body compiled as a generator, or a
            # coroutine.wrap function's: resumed here
            emit("elif fn.__class__ is Builtin and (fn.fn is RESUME or fn.upvals is not None and fn.fn.__code__ is WRAP):")
            self.ind += "    "
            emit(f"n -= {ran + 1}")
            self.sync_out(a)
            emit("X.n = n")
            emit("try:")
            emit(f"    res = vm._resume_fast(X.th, fn, [{args}])")
            emit("except Deopt as e:")
            self.ind += "    "
            self.sync_in(a)
            self.ind = self.ind[:-4]
            emit(f"    e.frames.append((cl, {nxt}, {self.regs(a)[:-1]}fn, ), {a}, {c}))")
            emit("    raise")
            emit("if res is None:")
            emit("    X.n = n + 1")  # (the CALL did not run: the interpreter's)
            emit(f"    raise Deopt(cl, {pc}, {self.regs_expr()}{self.open_flag()})")
            emit("n = X.n")
            self.sync_in(a)
            self.ind = self.ind[:-4]
        if self.gen and not tail:
            # coroutine.yield in the body itself: the generator yields; the
            # values it is resumed with are the call's results
            emit("elif fn.__class__ is Builtin and fn.fn is YIELD:")
            self.ind += "    "
            emit(f"n -= {ran + 1}")
            self.sync_out()
            emit("X.n = n")
            self.yields.append((nxt, a, b, c))  # (its line: VM.materialize_co)
            emit(f"res = yield [{args}]  # YIELD {len(self.yields) - 1}")
            emit("n = X.n")
            self.sync_in(self.size)
            self.ind = self.ind[:-4]
        emit("else:")
        self.bail(pc, 1)
        self.pend = 0
        if tail:
            return
        if c == 0:
            emit("ov = res")
            self.open = (nxt, a)
        elif c == 2:
            emit(f"r{a} = res[0] if res else None")
        elif c > 2:
            emit("m = len(res)")
            for j in range(c - 1):
                emit(f"r{a + j} = res[{j}] if m > {j} else None")

    def settable(self, pc: int, a: int, key: str, val: str) -> None:
        """R(A)[key] := val, R(A) a table without a metatable (the others,
        and nil or NaN keys, the interpreter's)."""
        emit = self.emit
        emit(f"t = r{a}")
        emit(f"key = {key}")
        self.guard("t.__class__ is not LuaTable or t.meta is not None", pc)
        self.memguard(pc)
        emit("if key.__class__ is float:")
        emit("    arr = t.arr")
        emit("    if 1.0 <= key <= len(arr) and key == (ik := int(key)):")
        emit(f"        arr[ik - 1] = {val}")
        emit("    elif key != key:")
        self.bail(pc, 2)
        emit("    else:")
        emit(f"        t.set(key, {val})")
        emit("elif key.__class__ is bytes:")
        emit("    h = t.hash")
        emit("    if key in h:")
        emit(f"        h[key] = {val}")
        emit("    else:")
        emit(f"        t.newkey(key, {val})")
        emit("elif key is None:")
        self.bail(pc, 1)
        emit("else:")
        emit(f"    t.set(key, {val})")

    def instr(self, pc: int) -> None:
        op, a, b, c, nxt = self.code[pc]
        emit = self.emit
        known = self.known
        wrote = effects(self.p.code, pc, self.p)
        if op in _ARITH:
            sym, kind = _ARITH[op]
            rb = self.K(b) if kind == "KR" else f"r{b}"
            rc = self.K(c) if kind == "RK" else f"r{c}"
            checks = [
                f"{r}.__class__ is not float"
                for r, x, k in ((rb, b, kind != "KR"), (rc, c, kind != "RK"))
                if k and x not in known
            ]
            if checks:
                self.guard(" or ".join(checks), pc)
            if sym == "/":
                if kind != "RK" or not c:
                    self.guard(f"not {rc}", pc)
                emit(f"r{a} = {rb} / {rc}")
            elif sym == "%+":
                up = self.ranges.get(b) if kind != "KR" else None
                emit(f"if {up + ' or ' if up else ''}0.0 <= {rb} < 9007199254740992.0:")
                emit(f"    r{a} = {rb} % {rc}")
                emit("else:")
                emit(f"    r{a} = num_mod({rb}, {rc})")
            elif sym == "%":
                if kind == "RR":
                    emit("try:")
                    emit(f"    r{a} = {rb} - floor({rb} / {rc}) * {rc} + 0.0")
                    emit("except (ZeroDivisionError, OverflowError, ValueError):")
                    emit(f"    r{a} = num_mod({rb}, {rc})")
                else:
                    emit(f"r{a} = num_mod({rb}, {rc})")
            else:
                emit(f"r{a} = {rb} {sym} {rc}")
        elif op == V.POW:
            if b > 255 or c > 255:
                rb = self.K(self.p.k[b - 256]) if b > 255 else f"r{b}"
                rc = self.K(self.p.k[c - 256]) if c > 255 else f"r{c}"
            else:
                rb, rc = f"r{b}", f"r{c}"
            self.guard(f"{rb}.__class__ is not float or {rc}.__class__ is not float", pc)
            emit(f"r{a} = num_pow({rb}, {rc})")
        elif op == V.MOVE:
            emit(f"r{a} = r{b}")
        elif op == V.LOADK:
            emit(f"r{a} = {self.K(b)}")
        elif op == V.LOADBOOL:
            emit(f"r{a} = {b!r}")
        elif op == V.LOADNIL:
            emit(" = ".join(f"r{r}" for r in range(a, b + 1)) + " = None")
        elif op == V.GETUPVAL:
            self.uses_upvals = True
            emit(f"uv = upvals[{b}]")
            emit(f"r{a} = uv.stack[uv.idx]")
        elif op == V.SETUPVAL:
            self.uses_upvals = True
            emit(f"uv = upvals[{b}]")
            emit(f"uv.stack[uv.idx] = r{a}")
        elif op == V.GETGLOBAL:
            self.uses_env = True
            emit(f"v = env.hash.get({self.K(b)})")
            self.guard("v is None and env.meta is not None", pc)
            emit(f"r{a} = v")
        elif op == V.SETGLOBAL:
            self.uses_env = True
            emit("h = env.hash")
            self.guard(f"env.meta is not None or {self.K(b)} not in h", pc)
            emit(f"h[{self.K(b)}] = r{a}")
        elif op in (V.GETTABLE_S, V.SELF_S, V.GETTABLE_K):
            emit(f"t = r{b}")
            if op == V.SELF_S:
                emit(f"r{a + 1} = t")
            key = self.K(c)
            emit("if t.__class__ is LuaTable:")
            emit(f"    v = t.hash.get({key})" if op != V.GETTABLE_K else f"    v = t.get({key})")
            emit("    if v is None and t.meta is not None:")
            emit(f"        v = index_chain(t, {key})")
            if op == V.SELF_S:  # s:method(): the string metatable's __index
                self.uses_vm = True
                emit("elif t.__class__ is bytes:")
                emit(f"    v = string_index(vm, {key})")
            emit("else:")
            emit("    v = MISS")
            emit("if v is MISS:")
            self.bail(pc, 1)
            emit(f"r{a} = v")
        elif op == V.GETTABLE_R:
            emit(f"t = r{b}")
            emit(f"key = r{c}")
            self.guard("t.__class__ is not LuaTable", pc)
            emit("if key.__class__ is float:")
            emit("    arr = t.arr")
            emit("    if 1.0 <= key <= len(arr) and key == (ik := int(key)):")
            emit("        v = arr[ik - 1]")
            emit("    else:")
            emit("        v = t.hash.get(key)")
            emit("elif key.__class__ is bytes:")
            emit("    v = t.hash.get(key)")
            emit("else:")
            emit("    v = t.get(key)")
            emit("if v is None and t.meta is not None:")
            emit("    v = index_chain(t, key)")
            emit("    if v is MISS:")
            self.bail(pc, 2)
            emit(f"r{a} = v")
        elif op in (V.SETTABLE_SR, V.SETTABLE_SK):
            val = f"r{c}" if op == V.SETTABLE_SR else self.K(c)
            key = self.K(b)
            emit(f"t = r{a}")
            self.guard("t.__class__ is not LuaTable", pc)
            self.memguard(pc)
            emit("h = t.hash")
            emit("if t.meta is None:")
            emit(f"    if {key} in h:")
            emit(f"        h[{key}] = {val}")
            emit("    else:")
            emit(f"        t.newkey({key}, {val})")
            self.uses_vm = True
            emit(f"elif h.get({key}) is not None and vm.readonly is None:")
            emit(f"    h[{key}] = {val}")
            emit("else:")
            self.bail(pc, 1)
        elif op == V.SETTABLE_RR:
            self.settable(pc, a, f"r{b}", f"r{c}")
        elif op == V.NEWTABLE:
            self.memguard(pc)
            emit(f"r{a} = LuaTable({b}, {c})")
            self.gc_due(nxt)
        elif op in (V.SETLIST, V.SETLIST_X) and b == 0 and self.cur_open is not None:
            off = (c - 1) * V.LFIELDS_PER_FLUSH
            self.memguard(pc)
            emit(f"t = r{a}")
            emit("vals = (" + "".join(f"r{r}, " for r in range(a + 1, self.cur_open)) + "*ov, )")
            emit("m = len(vals)")
            emit(f"if {off} + m > len(t.arr):")
            emit(f"    t.resize_array({off} + m)")
            emit(f"t.arr[{off}:{off} + m] = vals")
        elif op in (V.SETLIST, V.SETLIST_X):
            if b == 0 or (op == V.SETLIST and c == 0):
                self.bail(pc)
            else:
                off = (c - 1) * V.LFIELDS_PER_FLUSH
                self.memguard(pc)
                emit(f"t = r{a}")
                emit(f"if {off + b} > len(t.arr):")
                emit(f"    t.resize_array({off + b})")
                vals = ", ".join(f"r{a + i}" for i in range(1, b + 1))
                emit(f"t.arr[{off}:{off + b}] = ({vals},)")
        elif op == V.UNM:
            if b not in known:
                self.guard(f"r{b}.__class__ is not float", pc)
            emit(f"r{a} = -r{b}")
        elif op == V.NOT:
            emit(f"r{a} = r{b} is None or r{b} is False")
        elif op == V.LEN:
            emit(f"v = r{b}")
            emit("if v.__class__ is LuaTable:")
            emit(f"    r{a} = float(v.length())")
            emit("elif v.__class__ is bytes:")
            emit(f"    r{a} = float(len(v))")
            emit("else:")
            self.bail(pc, 1)
        elif op == V.CONCAT:
            parts = [f"r{r}" for r in range(b, c + 1)]
            emit("try:")
            emit("    m = " + " + ".join(f"len({r})" for r in parts) + f" + {STRING_BYTES}")
            emit("except TypeError:")
            self.bail(pc, 1)
            emit("for v in (" + ", ".join(parts) + ",):")
            emit("    if v.__class__ is not bytes:")
            self.bail(pc, 2)
            self.memguard(pc)
            self.guard(f"m > {BIG_ALLOC}", pc)
            emit("acct.total += m")
            if len(parts) == 2:
                emit(f"r{a} = {parts[0]} + {parts[1]}")
            else:
                emit(f"r{a} = b''.join((" + ", ".join(parts) + ",))")
            self.gc_due(nxt)
        elif op == V.CLOSURE:
            sub, ups = b, c
            if sub.vcall is None:
                V.prepare(sub)
            self.uses_upvals = True
            self.uses_env = True
            subk = self._const(sub)
            self.memguard(pc)
            if any(ismove for ismove, _ in ups):
                self.sync_out()
            srcs = "".join(
                f"upval_at(th, stack, base + {i}), " if ismove else f"upvals[{i}], "
                for ismove, i in ups
            )
            emit(f"r{a} = LuaFunction({subk}, [{srcs}], env)")
            emit(f"acct.total += {CLOSURE_BYTES + UPVAL_BYTES * len(ups)}")
            self.gc_due(nxt)
        elif op == V.CLOSE:
            self.close_from(f"base + {a}")
        elif op == V.VARARG and self.entry is not None:  # (an OSR function's: va)
            if b == 0:
                emit("ov = va")
                self.open = (nxt, a)
            else:
                emit("m = len(va)")
                for j in range(b - 1):
                    emit(f"r{a + j} = va[{j}] if m > {j} else None")
        elif op == V.CALL:
            self.call(pc, a, b, c, nxt)
            return  # (call() counted it)
        elif op == V.TAILCALL:
            self.call(pc, a, b, c, nxt, tail=True)
            return
        elif op in _GENERAL_ARITH:
            sym = _GENERAL_ARITH[op]
            rb, rc = self.rk(b), self.rk(c)
            self.guard(f"{rb}.__class__ is not float or {rc}.__class__ is not float", pc)
            if sym == "/":
                self.guard(f"not {rc}", pc)
                emit(f"r{a} = {rb} / {rc}")
            elif sym == "%":
                emit(f"r{a} = num_mod({rb}, {rc})")
            else:
                emit(f"r{a} = {rb} {sym} {rc}")
        elif op == V.GETTABLE or op == V.SELF:
            key = self.rk(c)
            emit(f"t = r{b}")
            self.guard("t.__class__ is not LuaTable", pc)
            if op == V.SELF:
                emit(f"r{a + 1} = t")
            emit(f"v = t.get({key})")
            emit("if v is None and t.meta is not None:")
            emit(f"    v = index_chain(t, {key})")
            emit("    if v is MISS:")
            self.bail(pc, 2)
            emit(f"r{a} = v")
        elif op == V.SETTABLE:
            self.settable(pc, a, self.rk(b), self.rk(c))
        else:  # VARARG...: the interpreter's
            self.bail(pc)
        self.pend += 1
        # what is known to be a number from here on
        if op in (V.CALL, V.TAILCALL, V.VARARG, V.LOADNIL, V.TFORLOOP):
            known.difference_update([r for r in known if r >= a])
            if op != V.LOADNIL:  # (a callee may have set them through an upvalue)
                known.difference_update(self.captured)
        else:
            known.difference_update(wrote.writes)
            known.difference_update(wrote.cond_writes)
        if op in _ARITH or op in _GENERAL_ARITH or op in (V.UNM, V.LEN, V.POW):
            known.add(a)
        elif op == V.MOVE and b in known or op == V.LOADK and b.__class__ is float:
            known.add(a)


_YIELD_AT: list = []
OSR_ONLY = object()  # p.vcall's compiled function for a vararg p: only its loops are (VM._osr)


def _eligible(p, entry) -> bool:
    if (p.is_vararg and entry is None) or not p.code or len(p.code) > MAX_CODE:
        return False
    return True


def compile_proto(p, entry: int | None = None, gen: bool = False, floats=()):
    """The Python source and constants of p's compiled function (entry: of
    its OSR function for the loop whose head is there, floats: the
    registers holding numbers on entry; gen: as a coroutine's body, a
    generator), or None."""
    if not _eligible(p, entry):
        return None
    code = V.decode(p)
    g = _Gen(p, code, gen, floats if entry is not None else ())
    try:
        src = g.function()
        if entry is not None:
            src = g.function(entry)
            if not g.entered:
                return None  # not a loop's head
    except Unstructured:
        return None
    return src, g.consts, g.yields


def make(p, entry: int | None = None, gen: bool = False, floats=()):
    r = compile_proto(p, entry, gen, floats)
    if r is None:
        return None
    src, consts, yields = r
    global _YIELD_AT
    _YIELD_AT = yields
    ns = {
        "Deopt": Deopt,
        "LuaTable": LuaTable,
        "LuaFunction": LuaFunction,
        "Userdata": Userdata,
        "Builtin": Builtin,
        "floor": math.floor,
        "num_mod": num_mod,
        "num_pow": num_pow,
        "index_chain": index_chain,
        "string_index": string_index,
        "upval_at": upval_at,
        "MISS": MISS,
        "PURE": PURE,
        "YIELD": YIELD,
        "RESUME": RESUME,
        "WRAP": WRAP,
        "CALL_META": CALL_META,
        "MAXCCALLS": V.LUAI_MAXCCALLS - 1,
        "jit_for": jit_for,
        "_V": _values,
    }
    ns["NEXT"], ns["PNEXT"], ns["IPAIRS"] = ITERATORS
    for i, v in enumerate(consts):
        ns[f"K{i}"] = v
    where = f"<Lua function at line {p.linedefined} of {bytes(p.source[:40])!r}>"
    if entry is not None:
        where = where[:-1] + f" from pc {entry}>"
    if gen:
        where = where[:-1] + " as a coroutine>"
    if gen:  # line -> the yield made there
        ns["YIELDS"] = {
            i: _YIELD_AT[int(line.rsplit("# YIELD ", 1)[1])]
            for i, line in enumerate(src.split("\n"), 1)
            if "# YIELD " in line
        }
    exec(compile(src, where, "exec"), ns)  # noqa: S102 - code we generated
    f = ns["f"]
    if gen and not f.__code__.co_flags & 0x20:  # (CO_GENERATOR: it has a yield to make)
        return None
    return f


def gen_for(p):
    """p compiled as a coroutine's body (a Python generator function), or
    None: only when its code has a yield of its own to make."""
    f = p.vgen
    if f is None:
        f = False
        if YIELD is not None and not p.is_vararg:
            f = make(p, gen=True) or False
        p.vgen = f
    return f or None


def osr_for(p, head: int, stack=None, base: int = 0):
    """The function that runs p on from the loop head at pc head (on-stack
    replacement: an interpreted call of p that loops), or None.  Made the
    first time, for p's registers as they are then (stack[base:]: those
    holding numbers are taken to hold numbers at every entry, and guarded)."""
    vo = p.vosr
    if vo is None:
        vo = p.vosr = {}
    f = vo.get(head)
    if f is None:
        floats = () if stack is None else [
            i for i, v in enumerate(stack[base : base + p.maxstacksize]) if v.__class__ is float
        ]
        f = vo[head] = make(p, head, floats=floats) or False
    return f or None


def jit_for(p):
    """p's compiled function (made now if it was not tried yet), or None."""
    f = p.vjit
    if f is None:
        f = make(p)
        p.vjit = f if f is not None else False
    return f or None
