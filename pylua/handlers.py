"""The VM's instructions, one handler each, by name; and the loop around them.

This file is the source of ``pylua/_loops.py`` and ``pylua/_loops_hooked.py``:
``python -m pylua.genloop`` reads it and writes the three loops the VM runs,

- ``loop_fast``: no hook, compiled fast paths allowed (``VM._loop``);
- ``loop_step``: a hook before every instruction, exact step counts
  (``VM.run_stepping``: ``step()``, debug.sethook, the debugger);
- ``loop_sparse``: exact step counts, the hook only before the
  instructions its ``dmarks(proto)`` bytes mark (``VM.run_sparse``: the
  debugger running to a breakpoint);
- ``loop_count``: exact step counts, no hook, compiled functions
  (``Lua.run_counted``: the debugger's Run);
- ``loop_sparse_count``: both (``VM.run_sparse_count``: the debugger's
  Continue to a breakpoint, compiled code where there is none).

The handlers are never called: each function's body is inlined into the
dispatch of every loop, so a handler reads like the loop's code (it is).
The instruction a handler runs is named by the function: a Lua 5.1 opcode
(``GETTABLE``: any operands) or a variant that ``pylua.vcode.decode`` chose
for its operands (``GETTABLE_S``: the key is a string constant).  What
``a``, ``b``, ``c`` hold is decode's choice too (its docstring, and each
handler's).

In a handler's body these names are the loop's locals: ``self`` (the VM),
``th`` (the running coroutine), ``cis``/``ci`` (its CallInfos, the running
one), ``cl``/``p``/``code``/``k``/``upvals`` (the closure, its Proto, the
decoded code, constants, upvalues), ``stack``/``base``/``top`` (the value
stack, the frame's base, the top after an open call), ``pc`` (already the
*next* instruction's index), ``a``/``b``/``c`` (the operands), ``budget``
and ``steps`` (instructions left before the loop returns RUNNING),
``depth``/``maxci``/``slimit`` (CallInfo depth and its limit, the stack
size less its slack), ``openupval``/``uvtop`` (open upvalues, the highest
slot of one), ``regions`` (compiled loops allowed), and the class aliases
``LuaTable_``, ``float_``, ... set up by ``LOOP``.

How a handler ends:

- at its end, or with ``return``: the next instruction;
- ``return RELOAD``: the frames changed (a call, a metamethod's frame, a
  return to a builtin, an error handled): the loop reloads its locals
  from the running coroutine's top frame;
- ``return stop(X)``: the loop returns the status X.

Before calling out (a builtin, a metamethod, an error) a handler stores
``ci.savedpc = pc``; in the sparse loop the generator adds
``self.steps_left = steps`` after each such store (in the counting loops
too: a builtin may ask how many instructions ran, pylua/debugger/fastrun.py), and
``dm = dmk.get(p) or dmarks(p)`` after each load of ``code``.

``STEPPING``, ``SPARSE`` and ``FAST`` are constants in each generated loop
(``loop_step``: STEPPING; ``loop_sparse``: STEPPING and SPARSE;
``loop_fast``: FAST): the blocks they guard vanish where they are false.

``@family`` writes several variants with one body: each variant replaces
the placeholder names (in capitals) of the body by its expressions.
"""

# ruff: noqa: F821, F841, B018 - the handlers' names are the loop's locals (see above), DISPATCH a marker

from __future__ import annotations

from math import floor as _floor

from . import ldebug
from .arith import num_mod, num_pow  # noqa: F401 - num_pow: in @family expressions
from .errors import HookFailure, LuaError
from .fastfunc import DEPTH as JIT_DEPTH
from .fastfunc import Deopt
from .fastloop import decode_at, install_leaf, install_region
from .opcodes import (  # noqa: F401 - some only in @family's expressions
    OP_ADD,
    OP_DIV,
    OP_LE,
    OP_LT,
    OP_MOD,
    OP_MUL,
    OP_POW,
    OP_SUB,
    OP_UNM,
)
from .values import (
    BIG_ALLOC,
    BYTES_PER_UNIT,
    C_CALLKINDS,
    CALL_LUA,
    CALL_META,
    CI_GEN,
    CI_LUA,
    CLOSURE_BYTES,
    STRING_BYTES,
    UPVAL_BYTES,
    Builtin,
    CallInfo,
    LuaFunction,
    LuaTable,
    UpVal,
    Userdata,
)
from .vcode import DECODE as NOT_YET  # (DECODE: the handler's name)
from .vcode import (
    EXTRA_STACK,
    LFIELDS_PER_FLUSH,
    NILS,
    PAUSED,
    RUNNING,
    SWITCH,
    UNCOMPILED,
    Hot,
)

# -- what the generator reads ------------------------------------------------

HANDLERS: dict = {}  # loop instruction name -> (function, {placeholder: expression})
RELOAD = "reload"
STEPPING = SPARSE = FAST = COUNT = False


def stop(status):
    """(In a handler: leave the loop with this status.)"""
    return status


def _register(name: str, fn, subs: dict) -> None:
    if name in HANDLERS:
        raise ValueError(f"two handlers for {name}")
    HANDLERS[name] = (fn, subs)


MACROS: dict = {}  # name -> function: a statement NAME(args) is its body, args put in


def macro(fn):
    """Statements several handlers share: a call of it as a statement is
    replaced by its body, its parameters by the call's arguments."""
    MACROS[fn.__name__] = fn
    return fn


def handler(fn):
    """A handler for the instruction its name names."""
    _register(fn.__name__, fn, {})
    return fn


def family(variants: dict):
    """One body for several instructions: {name: {PLACEHOLDER: expression}}."""

    def register(fn):
        for name, subs in variants.items():
            _register(name, fn, subs)
        return fn

    return register


# -- the loop ------------------------------------------------------------------


def LOOP(self, budget, steps=0):
    """Run instructions until the budget (or, stepping, the steps) is spent
    (RUNNING), the host call ends (FINISHED/ERROR), the hook pauses
    (PAUSED) or hooks are switched on or off (SWITCH).  luaV_execute and
    ldo.c together: calls and returns between Lua functions only switch
    the locals; builtins and metamethods leave frames that the top of the
    loop drives."""
    LuaTable_ = LuaTable
    LuaFunction_ = LuaFunction
    Builtin_ = Builtin
    CallInfo_ = CallInfo
    float_ = float
    bytes_ = bytes
    NILS_ = NILS
    floor = _floor
    regions = self.fast_loops if FAST else False
    jit = self.fast_loops if (FAST or COUNT) else False  # compiled functions (pylua.fastfunc)
    acct = self.acct  # memory: tables count themselves there, the loop the rest
    if FAST or COUNT:
        # builtins' requests may call compiled functions (VM._request); a
        # coroutine's body may run as a generator in the fast loop only
        self.jitting = (1 if FAST else 2) if jit else False
    self.use_memory()
    if STEPPING and not SPARSE and not COUNT:
        hook = self.__class__._hook_entry if (self.hook is not None or self.nhooks) else None
        if hook is not None and not self.nhooks and getattr(self.hook, "direct", False):
            hook = self.hook  # a hook returning None or PAUSED itself: one call less
    if SPARSE:
        hook = self.hook
        dmarks = hook.dmarks
        dmk = hook.dmk
        dm = b""
    try:
        while True:
            if self.loop_switch:
                self.loop_switch = False
                return SWITCH
            th = self.current
            cis = th.cis
            ci = cis[-1]
            if ci.kind != CI_LUA:
                try:
                    if ci.kind == CI_GEN:
                        if SPARSE or COUNT:
                            self.steps_left = steps
                        if FAST or COUNT:  # what compiled callbacks may run (VM._request)
                            self.jit_allow = steps if COUNT else budget
                        st = self._drive(th, ci)
                        if (FAST or COUNT) and self.jit_ran:
                            if COUNT:
                                steps -= self.jit_ran
                            else:
                                budget -= self.jit_ran
                            self.jit_ran = 0
                    else:
                        raise AssertionError("no Lua frame to run")
                except BaseException as e:  # noqa: B036 - _error re-raises what is not Lua's
                    st = self._error(e)
                if st is not None:
                    if st.__class__ is not int:
                        return st
                    budget -= st  # a Charge: the builtin's work
                budget -= 1  # (so that a loop of builtin requests stops too)
                if budget <= 0:
                    return RUNNING
                continue
            stack = th.stack
            openupval = th.openupval
            uvtop = th.uvtop
            cl = ci.cl
            p = cl.proto
            code = p.vcode
            k = p.k
            upvals = cl.upvals
            base = ci.base
            pc = ci.savedpc
            top = th.top
            maxci = th.size_ci - 1  # growCI when the CallInfo array (with base_ci) is full
            depth = len(cis)
            slimit = len(stack) - EXTRA_STACK
            try:
                while True:
                    if STEPPING:
                        if steps <= 0:
                            ci.savedpc = pc
                            th.top = top
                            return RUNNING
                    if STEPPING and not SPARSE and not COUNT and hook is not None:
                        if code[pc][0] == NOT_YET:  # (the hook sees the code decoded)
                            decode_at(p, pc)
                        ci.savedpc = pc
                        th.top = top
                        try:
                            r = hook(self, th, ci, pc)
                        except LuaError:
                            raise
                        except Exception as e:  # a bug of the hook, not Lua's error
                            raise HookFailure(f"the instruction hook failed: {e!r}") from e
                        if r is not None:
                            if r == PAUSED:
                                return PAUSED
                            break
                    if SPARSE and dm[pc]:
                        if code[pc][0] == NOT_YET:
                            decode_at(p, pc)
                        ci.savedpc = pc
                        th.top = top
                        try:
                            r = hook(self, th, ci, pc, dm[pc])
                        except LuaError:
                            raise
                        except Exception as e:  # a bug of the hook, not Lua's error
                            raise HookFailure(f"the instruction hook failed: {e!r}") from e
                        if r is not None:
                            if r == PAUSED:
                                return PAUSED
                            break
                    if STEPPING:
                        steps -= 1
                    op, a, b, c, pc = code[pc]
                    DISPATCH
            except BaseException as e:  # noqa: B036 - _error re-raises what is not Lua's
                if th.cfunc is None and cis and cis[-1] is ci:
                    ci.savedpc = pc
                th.top = top
                st = self._error(e)
                if st is not None:
                    return st
            if (FAST or COUNT) and self.jit_ran:  # compiled code a builtin's request ran
                if COUNT:
                    steps -= self.jit_ran
                else:
                    budget -= self.jit_ran
                self.jit_ran = 0
            # a frame change the fast paths do not do themselves (metamethods,
            # generator builtins, coroutines, errors) counts as an instruction,
            # so that loops made of them stop at the budget too
            budget -= 1
            if budget <= 0:
                return RUNNING
    finally:
        if STEPPING:
            self.steps_left = steps
        if FAST or COUNT:
            self.jitting = False


# -- shared statements ----------------------------------------------------------


@macro
def HOT_LOOP(HEAD, RAN):
    """A loop's head (HEAD) in a function that may run compiled
    (pylua.fastfunc): VM._hot_loop counts it towards compiling the
    function, or runs the rest of this call compiled from there (OSR).
    RAN: loop_count's count of what ran before HEAD's instruction."""
    if (FAST or COUNT) and jit:
        lf = p.vcall[5]
        if lf is not None:
            ci.savedpc = HEAD
            th.top = top
            r = self._hot_loop(th, ci, lf, HEAD, RAN if COUNT else budget)
            if r is not None:
                if COUNT:
                    steps = r[0]
                else:
                    budget = r[0]
                if r[1] is not None:  # (it returned to a builtin or the host)
                    st = self._poscall(th, *r[1])
                    if st is not None:
                        return stop(st)
                return RELOAD


@macro
def PLACE_RESULTS():
    """A call's results (res, a list or tuple) to R(A)...: C - 1 of them,
    or all (C = 0: top after them)."""
    if c == 2:
        stack[ra] = res[0] if res else None
    elif c == 0:
        n = len(res)
        if ra + n + EXTRA_STACK > len(stack):
            self._ensure(stack, ra + n + EXTRA_STACK)
        stack[ra : ra + n] = res
        top = ra + n
    elif c != 1:
        n = len(res)
        c -= 1
        if n >= c:
            stack[ra : ra + c] = res[:c]
        else:
            stack[ra : ra + n] = res
            stack[ra + n : ra + c] = NILS_[c - n]


# -- moves and loads -----------------------------------------------------------


@handler
def MOVE():
    """R(A) := R(B)"""
    stack[base + a] = stack[base + b]


@handler
def LOADK():
    """R(A) := Kst(Bx): b is the constant itself."""
    stack[base + a] = b


@handler
def LOADBOOL():
    """R(A) := (Bool)B; if (C) pc++: b is the boolean."""
    stack[base + a] = b
    if c:
        pc += 1


@handler
def LOADNIL():
    """R(A) := ... := R(B) := nil"""
    stack[base + a : base + b + 1] = NILS_[b - a + 1]


@handler
def GETUPVAL():
    """R(A) := UpValue[B]"""
    uv = upvals[b]
    stack[base + a] = uv.stack[uv.idx]


@handler
def SETUPVAL():
    """UpValue[B] := R(A)"""
    uv = upvals[b]
    uv.stack[uv.idx] = stack[base + a]


@handler
def GETGLOBAL():
    """R(A) := Gbl[Kst(Bx)]: b is the name."""
    env = cl.env
    v = env.hash.get(b)
    if v is not None or env.meta is None:
        stack[base + a] = v
    else:
        ci.savedpc = pc
        if self._gettable(th, ci, env, b, None, base + a):
            return RELOAD


@handler
def SETGLOBAL():
    """Gbl[Kst(Bx)] := R(A): b is the name."""
    env = cl.env
    h = env.hash
    if env.meta is None and b in h:
        h[b] = stack[base + a]
    else:
        ci.savedpc = pc
        if self._settable(th, ci, env, b, stack[base + a], None):
            return RELOAD


# -- tables --------------------------------------------------------------------


@family({"GETTABLE_S": {"IS_SELF": "False"}, "SELF_S": {"IS_SELF": "True"}})
def GETTABLE_S():
    """R(A) := R(B)[K], K a string constant in c (SELF_S: R(A+1) := R(B)
    first).  A missing key follows one __index table without a call."""
    t = stack[base + b]
    if IS_SELF:
        stack[base + a + 1] = t
    if t.__class__ is LuaTable_:
        v = t.hash.get(c)
        if v is None and t.meta is not None:
            tm = t.meta.hash.get(b"__index")
            if tm.__class__ is LuaTable_:
                v = tm.hash.get(c)
                if v is None and tm.meta is not None:
                    ci.savedpc = pc
                    if self._gettable(th, ci, tm, c, None, base + a):
                        return RELOAD
                    return
            elif tm is not None:
                ci.savedpc = pc
                if self._gettable(th, ci, t, c, b, base + a):
                    return RELOAD
                return
        stack[base + a] = v
    else:
        ci.savedpc = pc
        if self._gettable(th, ci, t, c, b, base + a):
            return RELOAD


@handler
def GETTABLE_R():
    """R(A) := R(B)[R(C)]"""
    t = stack[base + b]
    key = stack[base + c]
    if t.__class__ is LuaTable_:
        if key.__class__ is float_:
            arr = t.arr
            if 1.0 <= key <= len(arr) and key == (ik := int(key)):
                v = arr[ik - 1]
            else:
                v = t.hash.get(key)
        elif key.__class__ is bytes_:
            v = t.hash.get(key)
        else:
            v = t.get(key)
        if v is not None or t.meta is None:
            stack[base + a] = v
            return
    ci.savedpc = pc
    if self._gettable(th, ci, t, key, b, base + a):
        return RELOAD


@handler
def GETTABLE_K():
    """R(A) := R(B)[K], K a constant (not a string) in c."""
    t = stack[base + b]
    if t.__class__ is LuaTable_:
        v = t.get(c)
        if v is not None or t.meta is None:
            stack[base + a] = v
            return
    ci.savedpc = pc
    if self._gettable(th, ci, t, c, b, base + a):
        return RELOAD


@family({"GETTABLE": {"IS_SELF": "False"}, "SELF": {"IS_SELF": "True"}})
def GETTABLE():
    """R(A) := R(B)[RK(C)] (SELF: R(A+1) := R(B) first), any operands."""
    t = stack[base + b]
    if IS_SELF:
        stack[base + a + 1] = t
    ci.savedpc = pc
    if self._gettable(th, ci, t, k[c - 256] if c > 255 else stack[base + c], b, base + a):
        return RELOAD


@family(
    {
        "SETTABLE_SR": {"VALUE": "stack[base + c]"},
        "SETTABLE_SK": {"VALUE": "c"},
    }
)
def SETTABLE_SR():
    """R(A)[K] := R(C) (SETTABLE_SK: := K): the key a string constant in b,
    the value's constant in c."""
    t = stack[base + a]
    if t.__class__ is LuaTable_ and t.meta is None:
        h = t.hash
        if b in h:
            h[b] = VALUE
        else:
            t.newkey(b, VALUE)
    else:
        ci.savedpc = pc
        if self._settable(th, ci, t, b, VALUE, a):
            return RELOAD


@handler
def SETTABLE_RR():
    """R(A)[R(B)] := R(C)"""
    t = stack[base + a]
    key = stack[base + b]
    if t.__class__ is LuaTable_ and t.meta is None:
        if key.__class__ is float_:
            arr = t.arr
            if 1.0 <= key <= len(arr) and key == (ik := int(key)):
                arr[ik - 1] = stack[base + c]
                return
        elif key.__class__ is bytes_:
            h = t.hash
            if key in h:
                h[key] = stack[base + c]
            else:
                t.newkey(key, stack[base + c])
            return
        ci.savedpc = pc
        self._rawset(t, key, stack[base + c])
    else:
        ci.savedpc = pc
        if self._settable(th, ci, t, key, stack[base + c], a):
            return RELOAD


@handler
def SETTABLE():
    """R(A)[RK(B)] := RK(C), any operands."""
    ci.savedpc = pc
    if self._settable(
        th,
        ci,
        stack[base + a],
        k[b - 256] if b > 255 else stack[base + b],
        k[c - 256] if c > 255 else stack[base + c],
        a,
    ):
        return RELOAD


@handler
def NEWTABLE():
    """R(A) := {} (size = B,C): b and c are the sizes.  Then, as lvm.c's
    luaC_checkGC, a collector's cycle if the count reached its threshold."""
    stack[base + a] = LuaTable_(b, c)
    if acct.total >= acct.threshold:
        ci.savedpc = pc
        th.top = top
        if self.gc_step(th, ci):
            return RELOAD


@family({"SETLIST": {"EXTRA_WORD": "False"}, "SETLIST_X": {"EXTRA_WORD": "True"}})
def SETLIST():
    """R(A)[(C-1)*FPF+i] := R(A+i), 1 <= i <= B (B = 0: up to top).
    SETLIST_X: C did not fit, it is the next code word (data, skipped);
    decode put it in c."""
    ra = base + a
    n = b if b else top - ra - 1
    if EXTRA_WORD:
        pc += 1
    t = stack[ra]
    off = (c - 1) * LFIELDS_PER_FLUSH
    if off + n > len(t.arr):
        t.resize_array(off + n)
    t.arr[off : off + n] = stack[ra + 1 : ra + 1 + n]


# -- arithmetic ----------------------------------------------------------------

# How a variant finds its operands: RB/RC the values, NB/NC whether each
# must be checked to be a number (a number constant need not), REGB/REGC
# the registers an error message names (None: a constant).
_SHAPES = {
    "RR": {"RB": "stack[base + b]", "RC": "stack[base + c]", "NB": "rb.__class__ is float_",
           "NC": "rc.__class__ is float_", "REGB": "b", "REGC": "c"},
    "RK": {"RB": "stack[base + b]", "RC": "c", "NB": "rb.__class__ is float_", "NC": "True",
           "REGB": "b", "REGC": "None"},
    "KR": {"RB": "b", "RC": "stack[base + c]", "NB": "True", "NC": "rc.__class__ is float_",
           "REGB": "None", "REGC": "c"},
    # the general instruction: RK operands of any kind
    "": {"RB": "k[b - 256] if b > 255 else stack[base + b]",
         "RC": "k[c - 256] if c > 255 else stack[base + c]", "NB": "rb.__class__ is float_",
         "NC": "rc.__class__ is float_", "REGB": "b if b < 256 else None",
         "REGC": "c if c < 256 else None"},
}  # fmt: skip

# VALUE: the result for two numbers; GUARD: when VALUE may be used
_ARITH = {
    "ADD": {"VALUE": "rb + rc", "GUARD": "True", "EVENT": "OP_ADD"},
    "SUB": {"VALUE": "rb - rc", "GUARD": "True", "EVENT": "OP_SUB"},
    "MUL": {"VALUE": "rb * rc", "GUARD": "True", "EVENT": "OP_MUL"},
    "DIV": {"VALUE": "rb / rc", "GUARD": "rc", "EVENT": "OP_DIV"},
    "MOD": {"VALUE": "num_mod(rb, rc)", "GUARD": "True", "EVENT": "OP_MOD"},
    "POW": {"VALUE": "num_pow(rb, rc)", "GUARD": "True", "EVENT": "OP_POW"},
}


def _variants(ops: dict, shapes, op_only=()) -> dict:
    """{OP_SHAPE: substitutions} for each op and shape ('' -> OP alone)."""
    out = {}
    for op, subs in ops.items():
        for shape in [""] if op in op_only else shapes:
            out[op + ("_" + shape if shape else "")] = {**_SHAPES[shape], **subs}
    return out


@family(_variants({o: _ARITH[o] for o in ("ADD", "SUB", "MUL", "DIV")}, ("RR", "RK", "KR", "")))
@family(_variants({o: _ARITH[o] for o in ("MOD", "POW")}, ("",)))
def ARITH():
    """R(A) := RK(B) op RK(C): two numbers here, anything else (strings
    that convert, metamethods, errors) in VM._arith."""
    rb = RB
    rc = RC
    if NB and NC and GUARD:
        stack[base + a] = VALUE
    else:
        ci.savedpc = pc
        if self._arith(th, ci, EVENT, rb, rc, REGB, REGC, base + a):
            return RELOAD


@handler
def MOD_RR():
    """R(A) := R(B) % R(C): a - floor(a/b)*b as C computes it."""
    rb = stack[base + b]
    rc = stack[base + c]
    if rb.__class__ is float_ and rc.__class__ is float_:
        try:
            stack[base + a] = rb - floor(rb / rc) * rc + 0.0
        except (ZeroDivisionError, OverflowError, ValueError):
            stack[base + a] = num_mod(rb, rc)
    else:
        ci.savedpc = pc
        if self._arith(th, ci, OP_MOD, rb, rc, b, c, base + a):
            return RELOAD


@handler
def MOD_RK():
    """R(A) := R(B) % K, K a positive whole number constant in c."""
    rb = stack[base + b]
    if rb.__class__ is float_:
        if 0.0 <= rb < 9007199254740992.0:
            # Python's % is exact here, and so is C's a - floor(a/b)*b
            stack[base + a] = rb % c
        else:
            stack[base + a] = num_mod(rb, c)
    else:
        ci.savedpc = pc
        if self._arith(th, ci, OP_MOD, rb, c, b, None, base + a):
            return RELOAD


@handler
def MOD_RKG():
    """R(A) := R(B) % K, K any number constant in c."""
    rb = stack[base + b]
    if rb.__class__ is float_:
        stack[base + a] = num_mod(rb, c)
    else:
        ci.savedpc = pc
        if self._arith(th, ci, OP_MOD, rb, c, b, None, base + a):
            return RELOAD


@handler
def UNM():
    """R(A) := -R(B)"""
    rb = stack[base + b]
    if rb.__class__ is float_:
        stack[base + a] = -rb
    else:
        ci.savedpc = pc
        if self._arith(th, ci, OP_UNM, rb, rb, b, b, base + a):
            return RELOAD


@handler
def NOT():
    """R(A) := not R(B)"""
    v = stack[base + b]
    stack[base + a] = v is None or v is False


@handler
def LEN():
    """R(A) := length of R(B)"""
    v = stack[base + b]
    if v.__class__ is LuaTable_:
        stack[base + a] = float_(v.length())
    elif v.__class__ is bytes_:
        stack[base + a] = float_(len(v))
    else:
        ci.savedpc = pc
        tm = self.gettm(v, b"__len")
        if tm is None:
            raise ldebug.typeerror(ci, b, v, "get length of")
        self._metacall(th, ci, tm, [v, None], 1)
        return RELOAD


@handler
def CONCAT():
    """R(A) := R(B).. ... ..R(C): strings joined here (their size counted
    first: the memory limit may refuse it, and a big one pays the budget
    by its bytes, as the library's copies do), the rest in VM._concat
    (numbers, __concat).  Then a collector's cycle if one is due."""
    x = stack[base + b]
    y = stack[base + c]
    if c == b + 1 and x.__class__ is bytes_ and y.__class__ is bytes_:
        n = STRING_BYTES + len(x) + len(y)
        if n > BIG_ALLOC:
            ci.savedpc = pc
            acct.alloc(n)
            budget -= n // BYTES_PER_UNIT
        else:
            acct.total += n
        stack[base + a] = x + y
    else:
        parts = stack[base + b : base + c + 1]
        n = STRING_BYTES
        try:
            for x in parts:
                n += len(x)  # (a TypeError for any value that is not a string)
        except TypeError:
            ci.savedpc = pc
            self._concat(th, ci, b, c)
            if cis[-1] is not ci:
                return RELOAD
            x = stack[base + a]
            if x.__class__ is bytes_ and len(x) > BIG_ALLOC:
                budget -= len(x) // BYTES_PER_UNIT
        else:
            if n > BIG_ALLOC:
                ci.savedpc = pc
                acct.alloc(n)
                budget -= n // BYTES_PER_UNIT
            else:
                acct.total += n
            stack[base + a] = b"".join(parts)
    if acct.total >= acct.threshold:
        ci.savedpc = pc
        th.top = top
        if self.gc_step(th, ci):
            return RELOAD


# -- jumps and tests -----------------------------------------------------------
# A test is followed by a JMP; decode put that JMP's target in its b, so
# a test that jumps goes straight there: pc = code[pc][2].


@handler
def JMP():
    """pc += sBx: c is the target; a is minus the loop's length when the
    jump goes backward (the budget it costs), else 0."""
    pc = c
    if a:
        budget += a
        if budget <= 0:
            ci.savedpc = pc
            th.top = top
            return stop(RUNNING)
        HOT_LOOP(pc, steps)


@handler
def EQ_RR():
    """if ((R(B) == R(C)) ~= A) then pc++"""
    rb = stack[base + b]
    rc = stack[base + c]
    cb = rb.__class__
    if cb is not rc.__class__:
        eq = False
    elif rb is rc:
        eq = cb is not float_ or rb == rb
    elif cb is LuaTable_ or cb is Userdata:
        ci.savedpc = pc
        if self._eq_tm(th, ci, rb, rc):
            return RELOAD
        eq = False
    else:
        eq = rb == rc
    if eq == a:
        pc = code[pc][2]
    else:
        pc += 1


@handler
def EQ_RK():
    """if ((R(B) == K) ~= A) then pc++: K in c (a constant has no __eq)."""
    rb = stack[base + b]
    if (rb.__class__ is c.__class__ and rb == c) == a:
        pc = code[pc][2]
    else:
        pc += 1


@handler
def EQ():
    """if ((RK(B) == RK(C)) ~= A) then pc++, any operands."""
    rb = k[b - 256] if b > 255 else stack[base + b]
    rc = k[c - 256] if c > 255 else stack[base + c]
    cb = rb.__class__
    if cb is not rc.__class__:
        eq = False
    elif rb is rc:
        eq = cb is not float_ or rb == rb
    elif cb is LuaTable_ or cb is Userdata:
        ci.savedpc = pc
        if self._eq_tm(th, ci, rb, rc):
            return RELOAD
        eq = False
    else:
        eq = rb == rc
    if eq == a:
        pc = code[pc][2]
    else:
        pc += 1


# LT and LE: two numbers or two strings here, the rest in VM._order
_ORDER = {
    "LT": {"HOLDS": "rb < rc", "EVENT": "OP_LT"},
    "LE": {"HOLDS": "rb <= rc", "EVENT": "OP_LE"},
}
# what may be compared here: for a register pair, same classes and numbers
# or strings; with a number constant, a number
_ORDER_SHAPES = {
    "RR": {"ORDERED": "(cb := rb.__class__) is rc.__class__ and (cb is float_ or cb is bytes_)"},
    "RK": {"ORDERED": "rb.__class__ is float_"},
    "KR": {"ORDERED": "rc.__class__ is float_"},
    "": {"ORDERED": "(cb := rb.__class__) is rc.__class__ and (cb is float_ or cb is bytes_)"},
}


@family(
    {
        name + ("_" + shape if shape else ""): {**_SHAPES[shape], **_ORDER_SHAPES[shape], **subs}
        for name, subs in _ORDER.items()
        for shape in _ORDER_SHAPES
    }
)
def ORDER():
    """if ((RK(B) < RK(C)) ~= A) then pc++ (LE: <=)."""
    rb = RB
    rc = RC
    if ORDERED:
        if (HOLDS) == a:
            pc = code[pc][2]
        else:
            pc += 1
    else:
        ci.savedpc = pc
        self._order(th, ci, EVENT, rb, rc)
        return RELOAD


@handler
def TEST():
    """if not (R(A) <=> C) then pc++"""
    v = stack[base + a]
    if (v is None or v is False) != c:
        pc = code[pc][2]
    else:
        pc += 1


@handler
def TESTSET():
    """if (R(B) <=> C) then R(A) := R(B) else pc++"""
    v = stack[base + b]
    if (v is None or v is False) != c:
        stack[base + a] = v
        pc = code[pc][2]
    else:
        pc += 1


# -- calls and returns ---------------------------------------------------------


@handler
def CALL():
    """R(A), ... ,R(A+C-2) := R(A)(R(A+1), ... ,R(A+B-1)).  A Lua function
    gets its frame here (ldo.c's luaD_precall for a fixed-parameter
    function) and the loop goes on in it; a plain builtin runs here;
    anything else (varargs, __call, generator builtins) goes through
    VM._precall."""
    ra = base + a
    fn = stack[ra]
    if fn.__class__ is LuaFunction_:
        p = fn.proto
        code, k, size, np, n, leaf = p.vcall
        if (FAST or COUNT) and leaf is not None and jit and depth < maxci and size is not None:
            if leaf.__class__ is Hot:
                leaf.n -= 1
                if leaf.n <= 0:
                    install_leaf(p)
            else:  # compiled (pylua.fastfunc): no frame unless it deopts
                jx = self.jx
                jx.n = steps if COUNT else budget
                jx.th = th
                jx.stack = stack
                try:
                    res = leaf(jx, fn, min(maxci - depth - 1, JIT_DEPTH), ra + 1, *stack[ra + 1 : ra + b if b else top])
                except Deopt as e:
                    if COUNT:
                        steps = jx.n
                    else:
                        budget = jx.n
                    ci.savedpc = pc
                    th.top = top
                    self._deopt(th, e, ra, c - 1)
                    return RELOAD
                if COUNT:
                    steps = jx.n
                else:
                    budget = jx.n
                PLACE_RESULTS()
                if FAST:
                    budget -= 1
                    if budget <= 0:
                        ci.savedpc = pc
                        th.top = top
                        return stop(RUNNING)
                p = cl.proto
                code = p.vcode
                k = p.k
                return
        if size is None or depth >= maxci:  # vararg, or too deep
            ci.savedpc = pc
            th.top = top
            self._precall(th, ra, b - 1 if b else top - ra - 1, c - 1, CALL_LUA)
            return RELOAD
        base = ra + 1
        if base + size > slimit:
            self._ensure(stack, base + size + EXTRA_STACK)
            slimit = len(stack) - EXTRA_STACK
        if b:
            if b <= np:  # missing arguments are nil
                stack[ra + b : base + np] = NILS_[np + 1 - b]
        elif top - ra - 1 < np:
            stack[top : base + np] = NILS_[base + np - top]
        if n:  # registers read before written (see vcode._clear_count)
            stack[base + np : base + np + n] = NILS_[n]
        if STEPPING:  # a debugger shows every register nil, as luaD_precall leaves them
            stack[base + np : base + size] = NILS_[size - np]
        ci.savedpc = pc
        ci = CallInfo_()
        ci.cl = fn
        ci.func = ra
        ci.base = base
        ci.ret = c - 1
        cis.append(ci)
        depth += 1
        cl = fn
        upvals = fn.upvals
        pc = 0
        budget -= 1
        if budget <= 0:
            th.top = top
            return stop(RUNNING)
    elif fn.__class__ is Builtin_ and not fn.gen:
        ci.savedpc = pc
        th.cfunc = fn
        res = fn.fn(self, stack[ra + 1 : ra + b] if b else stack[ra + 1 : top])
        th.cfunc = None
        if res.__class__ is list or res.__class__ is tuple:
            PLACE_RESULTS()
        elif res is None:
            if c == 0:
                top = ra
            elif c != 1:
                stack[ra : ra + c - 1] = NILS_[c - 1]
        else:  # a plain builtin that needs Lua code run after all
            th.top = top
            if FAST or COUNT:  # what a compiled coroutine body may run (VM._gen_resume)
                self.jit_allow = steps if COUNT else budget
            self._builtin_request(
                th,
                fn,
                ra,
                stack[ra + 1 : ra + b] if b else stack[ra + 1 : top],
                c - 1,
                CALL_LUA,
                None,
                res,
            )
            return RELOAD
    else:
        ci.savedpc = pc
        th.top = top
        self._precall(th, ra, b - 1 if b else top - ra - 1, c - 1, CALL_LUA)
        return RELOAD


@handler
def TAILCALL():
    """return R(A)(R(A+1), ... ,R(A+B-1)): a Lua function reuses the frame,
    as ldo.c does (a vararg one gets a new frame in its place)."""
    ra = base + a
    fn = stack[ra]
    nargs = b - 1 if b else top - ra - 1
    if fn.__class__ is LuaFunction_:
        if uvtop >= base:
            self.close_upvals(th, base)
            uvtop = th.uvtop
        func = ci.func
        stack[func : func + nargs + 1] = stack[ra : ra + nargs + 1]
        p = fn.proto
        code, k, size, np, n, _ = p.vcall
        if size is None:  # vararg: ldo.c's adjust_varargs
            ci.savedpc = pc
            cis.pop()
            nci = self._lua_frame(th, fn, func, nargs, ci.wanted, ci.callkind)
            if ci.callkind in C_CALLKINDS:
                th.nCcalls -= 1
            if ci.protected:
                nci.protected = True
                nci.handler = ci.handler
                nci.saved_ncc = ci.saved_ncc
            nci.tailcalls = ci.tailcalls + 1
            ci = nci
            base = ci.base
        else:  # the frame is reused, as ldo.c does
            base = func + 1
            if base + size > slimit:
                self._ensure(stack, base + size + EXTRA_STACK)
                slimit = len(stack) - EXTRA_STACK
            if nargs < np:
                stack[base + nargs : base + np] = NILS_[np - nargs]
            if n:
                stack[base + np : base + np + n] = NILS_[n]
            if STEPPING:
                stack[base + np : base + size] = NILS_[size - np]
            ci.cl = fn
            ci.base = base
            ci.tailcalls += 1
            if ci.hookpc is not None:
                ci.hookpc = None
        cl = fn
        upvals = fn.upvals
        pc = 0
        budget -= 1
        if budget <= 0:
            ci.savedpc = 0
            th.top = top
            return stop(RUNNING)
    elif fn.__class__ is Builtin_ and not fn.gen:
        ci.savedpc = pc
        th.cfunc = fn
        res = fn.fn(self, stack[ra + 1 : ra + 1 + nargs])
        th.cfunc = None
        if res is None:
            res = ()
        elif res.__class__ is not list and res.__class__ is not tuple:
            th.top = top
            if FAST or COUNT:  # what a compiled coroutine body may run (VM._gen_resume)
                self.jit_allow = steps if COUNT else budget
            self._builtin_request(
                th, fn, ra, stack[ra + 1 : ra + 1 + nargs], -1, CALL_LUA, None, res
            )
            return RELOAD
        n = len(res)
        if ra + n + EXTRA_STACK > len(stack):
            self._ensure(stack, ra + n + EXTRA_STACK)
        stack[ra : ra + n] = res
        top = ra + n
    else:
        ci.savedpc = pc
        th.top = top
        self._precall(th, ra, nargs, -1, CALL_LUA)
        return RELOAD


@handler
def RETURN():
    """return R(A), ... ,R(A+B-2): back to a calling Lua frame here, with
    its wanted results; to a builtin or the host through VM._poscall."""
    ra = base + a
    if uvtop >= base:
        self.close_upvals(th, base)
        uvtop = th.uvtop
    cis.pop()
    wanted = ci.ret
    if wanted is not None:  # back to the Lua frame that called
        func = ci.func
        if wanted == 1:
            stack[func] = stack[ra] if b != 1 and (b or top > ra) else None
        else:
            n = b - 1 if b else top - ra
            if wanted < 0:
                stack[func : func + n] = stack[ra : ra + n]
                top = func + n
            elif wanted:
                if n >= wanted:
                    stack[func : func + wanted] = stack[ra : ra + wanted]
                else:
                    stack[func : func + n] = stack[ra : ra + n]
                    stack[func + n : func + wanted] = NILS_[wanted - n]
        depth -= 1
        ci = cis[-1]
        cl = ci.cl
        p = cl.proto
        code = p.vcode
        k = p.k
        upvals = cl.upvals
        base = ci.base
        pc = ci.savedpc
    else:
        st = self._poscall(th, ci, stack[ra : ra + b - 1] if b else stack[ra:top])
        if st is not None:
            return stop(st)
        return RELOAD


@handler
def VARARG():
    """R(A), R(A+1), ..., R(A+B-1) = vararg (B = 0: all, setting top)."""
    ra = base + a
    nv = base - ci.func - 1 - p.numparams
    if b == 0:
        if ra + nv + EXTRA_STACK > len(stack):
            self._ensure(stack, ra + nv + EXTRA_STACK)
        stack[ra : ra + nv] = stack[base - nv : base]
        top = ra + nv
    else:
        want = b - 1
        if nv >= want:
            stack[ra : ra + want] = stack[base - nv : base - nv + want]
        else:
            stack[ra : ra + nv] = stack[base - nv : base]
            stack[ra + nv : ra + want] = NILS_[want - nv]


# -- loops ---------------------------------------------------------------------
# FORLOOP: b is the loop body's first pc, c minus the loop's length (the
# budget an iteration costs)


@handler
def FORPREP():
    """R(A) -= R(A+2); pc += sBx (b: the target; c: minus the jump's length
    when it goes backward, else 0), numbers coerced first."""
    ra = base + a
    init = stack[ra]
    limit = stack[ra + 1]
    step = stack[ra + 2]
    if (
        init.__class__ is not float_
        or limit.__class__ is not float_
        or step.__class__ is not float_
    ):
        ci.savedpc = pc
        init, limit, step = self._forprep(ci, init, limit, step)
        stack[ra + 1] = limit
        stack[ra + 2] = step
    stack[ra] = init - step
    pc = b
    if c:  # a backward FORPREP (crafted): a loop, which pays like any other
        budget += c
        if budget <= 0:
            ci.savedpc = pc
            th.top = top
            return stop(RUNNING)


@family(
    {
        "FORLOOP": {
            "POSITIVE": "False",
            "GOES_ON": "(idx <= stack[ra + 1]) if step > 0 else (stack[ra + 1] <= idx)",
        },
        "FORLOOP_UP": {"POSITIVE": "True", "GOES_ON": "idx <= stack[ra + 1]"},
    }
)
def FORLOOP():
    """R(A) += R(A+2); if R(A) <?= R(A+1) then { pc = b; R(A+3) = R(A) }.
    FORLOOP_UP: the step is a positive constant."""
    HOT_LOOP(pc - 1, steps + 1)  # (the count: what ran before this instruction)
    ra = base + a
    if POSITIVE:
        idx = stack[ra] + stack[ra + 2]
    else:
        step = stack[ra + 2]
        idx = stack[ra] + step
    if GOES_ON:
        pc = b
        stack[ra] = idx
        stack[ra + 3] = idx
        budget += c
        if budget <= 0:
            ci.savedpc = pc
            th.top = top
            return stop(RUNNING)


@handler
def FORLOOP_R():
    """FORLOOP whose loop pylua.fastloop may compile: after the first
    iteration, the fast loop runs the rest compiled (until a guard fails)."""
    HOT_LOOP(pc - 1, steps + 1)  # (the count: what ran before this instruction)
    ra = base + a
    step = stack[ra + 2]
    idx = stack[ra] + step
    if (idx <= stack[ra + 1]) if step > 0 else (stack[ra + 1] <= idx):
        stack[ra] = idx
        stack[ra + 3] = idx
        budget += c
        if budget <= 0:
            ci.savedpc = b
            th.top = top
            return stop(RUNNING)
        if FAST and regions and (p.vcall[5] is None or p.vosr is not None and p.vosr.get(pc - 1) is False):
            # (compiled functions run it faster: HOT_LOOP's, unless this
            # loop cannot be, or its function is interpreted for good)
            rg = p.vregion[pc - 1]
            if rg is UNCOMPILED:
                rg = install_region(p, pc - 1)
            if rg is not None:
                pc, budget = rg(stack, base, budget, ci, th, upvals, cl.env, self)
                if pc < 0:  # a builtin left a frame to run
                    ci.savedpc = ~pc
                    return RELOAD
                if budget <= 0:
                    ci.savedpc = pc
                    th.top = top
                    return stop(RUNNING)
                return
        pc = b


@handler
def TFORLOOP():
    """R(A+3), ... ,R(A+2+C) := R(A)(R(A+1), R(A+2));
    if R(A+3) ~= nil then R(A+2) = R(A+3) else pc++.  A plain builtin
    iterator (next) runs here; a Lua one gets a frame (VM._metacall)."""
    HOT_LOOP(pc - 1, steps + 1)  # (the count: what ran before this instruction)
    ra = base + a
    f = stack[ra]
    if f.__class__ is Builtin_ and not f.gen:
        ci.savedpc = pc
        th.cfunc = f
        res = f.fn(self, [stack[ra + 1], stack[ra + 2]])
        th.cfunc = None
        if res is None:
            res = ()
        elif res.__class__ is not list and res.__class__ is not tuple:
            th.top = top
            stack[ra + 3] = f
            self._cstack_check(th, ci)
            if FAST or COUNT:  # what a compiled coroutine body may run (VM._gen_resume)
                self.jit_allow = steps if COUNT else budget
            self._builtin_request(
                th, f, ra + 3, [stack[ra + 1], stack[ra + 2]], c, CALL_META, None, res
            )
            return RELOAD
        n = len(res)
        cb = ra + 3
        if n >= c:
            stack[cb : cb + c] = res[:c]
        else:
            stack[cb : cb + n] = res
            stack[cb + n : cb + c] = NILS_[c - n]
        v = stack[cb]
        if v is not None:
            stack[ra + 2] = v
            jmp = code[pc]
            pc = jmp[3]
            budget += jmp[1]
            if budget <= 0:
                ci.savedpc = pc
                th.top = top
                return stop(RUNNING)
        else:
            pc += 1
    else:
        ci.savedpc = pc
        th.top = top
        self._metacall(th, ci, f, [stack[ra + 1], stack[ra + 2]], c, CALL_META, ra + 3)
        return RELOAD


# -- closures ------------------------------------------------------------------


@handler
def CLOSURE():
    """R(A) := closure(KPROTO[Bx], R(A), ... ,R(A+n)): b is the Proto, c
    its upvalues' sources ((True, register) for a MOVE, (False, upvalue
    index) for a GETUPVAL pseudo-instruction), which are skipped."""
    nups = []
    for ismove, idx in c:
        if ismove:
            si = base + idx
            uv = openupval.get(si)
            if uv is None:
                uv = openupval[si] = UpVal(stack, si)
                if si > uvtop:
                    uvtop = th.uvtop = si
            nups.append(uv)
        else:
            nups.append(upvals[idx])
    stack[base + a] = LuaFunction_(b, nups, cl.env)
    acct.total += CLOSURE_BYTES + UPVAL_BYTES * len(c)
    pc += len(c)
    if acct.total >= acct.threshold:
        ci.savedpc = pc
        th.top = top
        if self.gc_step(th, ci):
            return RELOAD


@handler
def CLOSE():
    """close all variables in the stack up to (>=) R(A)"""
    if uvtop >= base + a:
        self.close_upvals(th, base + a)
        uvtop = th.uvtop


# -- code not decoded yet --------------------------------------------------------


@handler
def DECODE():
    """Not an instruction: pc is reached for the first time and its code is
    not decoded yet (pylua.vcode.prepare).  Decode the stretch that starts
    there, paying a unit of the budget per word, then run pc again, now its
    instruction (a hook before it saw it decoded already: the loop decodes
    first where it calls one)."""
    budget -= decode_at(p, pc)  # (so the first run of long straight code stops too)
    if STEPPING:
        steps += 1  # (the instruction counts when it runs)
    if budget <= 0:
        ci.savedpc = pc
        th.top = top
        return stop(RUNNING)
