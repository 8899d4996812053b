"""Fast loops: an innermost numeric ``for`` loop compiled to a Python loop.

When the VM runs without a debugger (``run``, not ``step``), the FORLOOP of
a loop whose body is plain enough (arithmetic, table fields, comparisons
and forward jumps, calls of plain builtins) runs its iterations in a Python
function made for it, with the registers it uses held in Python locals.
Nothing else can run meanwhile, so the locals cannot go stale; every
instruction keeps its guards (operand types, tables without metatables...),
and when one fails the registers go back to the value stack and the
interpreter runs that instruction itself: the result is always the
interpreter's.  The budget is counted as the interpreter counts it (the
loop's length per iteration), and a call goes through the VM's own
machinery when the builtin needs it (a generator, a coroutine request).

``make_region(p, f)`` returns the function for the FORLOOP at pc f of
Proto p, or None when the loop is not one of these (``eligible`` tells
beforehand).  The function is ``region(stack, base, budget, ci, th, upvals,
env, vm) -> (pc, budget)``, entered at the first instruction of the body
after the FORLOOP decided to go on; it returns where the interpreter goes on
(``~pc``: a builtin left a frame to run, the interpreter reloads first).
"""

from __future__ import annotations

import math

from . import values as _values
from . import vcode as V
from .arith import num_mod
from .opcodes import effects
from .values import BIG_ALLOC, STRING_BYTES, Builtin, LuaTable, Userdata

_ARITH = V.ARITH_SYMBOLS
_COMPARE = {
    V.EQ_RR: ("==", "RR"), V.EQ_RK: ("==", "RK"),
    V.LT_RR: ("<", "RR"), V.LT_RK: ("<", "RK"), V.LT_KR: ("<", "KR"),
    V.LE_RR: ("<=", "RR"), V.LE_RK: ("<=", "RK"), V.LE_KR: ("<=", "KR"),
}  # fmt: skip
_SIMPLE = {
    V.MOVE, V.LOADK, V.LOADNIL, V.LOADBOOL, V.GETUPVAL, V.SETUPVAL, V.GETGLOBAL,
    V.SETGLOBAL, V.GETTABLE_S, V.GETTABLE_R, V.GETTABLE_K, V.SETTABLE_SR, V.SETTABLE_SK,
    V.SETTABLE_RR, V.NOT, V.UNM, V.LEN, V.CONCAT, V.NEWTABLE, V.TEST, V.TESTSET, V.JMP,
    V.CALL,
}  # fmt: skip
_TESTS = set(_COMPARE) | {V.TEST, V.TESTSET}

MAX_BODY = V.MAX_BODY  # code words: longer loops and functions are left to the interpreter


def eligible(p, f) -> bool:
    return _plan(p, f) is not None


def _plan(p, f):
    """(body start, registers read, registers written, labels) of the loop
    whose FORLOOP is at f, or None if it cannot be compiled.  The registers
    an instruction uses come from pylua/opcodes.py's effects table (read
    from p.code: p.vcode has one entry per code word, at the same pc)."""
    code = p.vcode
    op, a, s, _, _ = code[f]
    op = (p.vforloop or {}).get(f, op)
    if op not in (V.FORLOOP, V.FORLOOP_UP) or not (0 < s <= f) or f - s > MAX_BODY:
        return None
    if code[s - 1][0] != V.FORPREP:
        return None
    e = effects(p.code, f, p)
    used = set(e.reads + e.writes)
    written = set(e.cond_writes)  # the loop variable (compile_region writes R(A) back)
    labels = set()
    jumped_into = set()
    pc = s
    while pc < f:
        op, ia, ib, ic, nxt = code[pc]
        if op in _TESTS:
            if pc + 1 >= f or code[pc + 1][0] != V.JMP:
                return None
            target = code[pc + 1][3]
            if target <= pc:  # backward: a loop inside
                return None
            jumped_into.add(pc + 1)
            labels.add(target)
            nxt = pc + 2
        elif op in _ARITH:
            pass
        elif op not in _SIMPLE:
            return None
        elif op == V.JMP:
            if ic <= pc:  # backward: a loop inside (the inner one may be compiled)
                return None
            labels.add(ic)
        elif op == V.LOADBOOL and ic:  # it skips the next instruction
            return None
        e = effects(p.code, pc, p)
        if e.reads_top or e.sets_top:  # a call with open argument or result lists
            return None
        used.update(e.reads)
        used.update(e.writes)
        written.update(e.writes)
        pc = nxt
    if jumped_into & labels:
        return None  # a jump to the JMP of a test: not worth the trouble
    return s, used, written, labels


def _gen(code, start, end, labels, known, I, emit, K, bail, jump, writeback, on_return):
    """Python source for the instructions start..end-1: registers are
    locals r0, r1...; a jump pending over code skips it (tgt); bail(pc, ind)
    leaves for the interpreter at pc, jump(target, ind) goes forward."""

    def guard_float(regs_, pc, ind):
        conds = [f"r{r}.__class__ is not float" for r in regs_ if r not in known]
        if conds:
            emit(ind + "if " + " or ".join(conds) + ":")
            bail(pc, ind + "    ")

    pc = start
    skippable = False  # some jump may be pending over this code
    while pc < end:
        if pc in labels:
            emit(I[:-4] + f"    if tgt == {pc}:")
            emit(I[:-4] + "        tgt = -1")
            known = set()
        op, a, b, c, nxt = code[pc]
        ind = I
        if skippable:
            emit(I + "if tgt < 0:")
            ind = I + "    "
        if op in _ARITH:
            sym, kind = _ARITH[op]
            rb = f"r{b}" if kind != "KR" else K(b)
            rc = f"r{c}" if kind != "RK" else K(c)
            guard_float([x for x, k in ((b, kind != "KR"), (c, kind != "RK")) if k], pc, ind)
            if sym == "/":
                if kind != "RK" or not c:
                    emit(ind + f"if not {rc}:")
                    bail(pc, ind + "    ")
                emit(ind + f"r{a} = {rb} / {rc}")
            elif sym == "%+":  # by a positive whole constant: see OP MOD_RK in vm.py
                emit(ind + f"if 0.0 <= {rb} < 9007199254740992.0:")
                emit(ind + f"    r{a} = {rb} % {rc}")
                emit(ind + "else:")
                emit(ind + f"    r{a} = num_mod({rb}, {rc})")
            elif sym == "%":
                emit(ind + "try:")
                emit(ind + f"    r{a} = {rb} - floor({rb} / {rc}) * {rc} + 0.0")
                emit(ind + "except (ZeroDivisionError, OverflowError, ValueError):")
                emit(ind + f"    r{a} = num_mod({rb}, {rc})")
            else:
                emit(ind + f"r{a} = {rb} {sym} {rc}")
            known.add(a)
        elif op in _COMPARE:
            sym, kind = _COMPARE[op]
            rb = f"r{b}" if kind != "KR" else K(b)
            rc = f"r{c}" if kind != "RK" else K(c)
            target = code[pc + 1][3]
            if sym == "==":
                if kind == "RR":  # distinct tables or userdata may have __eq
                    emit(ind + f"if {rb}.__class__ is {rc}.__class__ and {rb} is not {rc} and"
                         f" ({rb}.__class__ is LuaTable or {rb}.__class__ is Userdata):")  # fmt: skip
                    bail(pc, ind + "    ")
                cond = f"({rb}.__class__ is {rc}.__class__ and {rb} == {rc})"
            else:
                if kind == "RR":
                    emit(ind + f"if not ({rb}.__class__ is {rc}.__class__ and"
                         f" ({rb}.__class__ is float or {rb}.__class__ is bytes)):")  # fmt: skip
                    bail(pc, ind + "    ")
                else:
                    guard_float([b if kind == "RK" else c], pc, ind)
                cond = f"({rb} {sym} {rc})"
            emit(ind + f"if {cond} == {bool(a)}:")
            jump(target, ind + "    ")
            if target <= end:
                skippable = True
            pc += 2
            continue
        elif op == V.TEST or op == V.TESTSET:
            target = code[pc + 1][3]
            r = a if op == V.TEST else b
            want = "not " if c else ""
            emit(ind + f"if {want}(r{r} is None or r{r} is False):")
            if op == V.TESTSET:
                emit(ind + f"    r{a} = r{b}")
                known.discard(a)
            jump(target, ind + "    ")
            if target <= end:
                skippable = True
            pc += 2
            continue
        elif op == V.JMP:
            jump(c, ind)
            skippable = True
        elif op == V.MOVE:
            emit(ind + f"r{a} = r{b}")
            if b in known:
                known.add(a)
            else:
                known.discard(a)
        elif op == V.LOADK:
            emit(ind + f"r{a} = {K(b)}")
            if b.__class__ is float:
                known.add(a)
            else:
                known.discard(a)
        elif op == V.LOADBOOL:
            emit(ind + f"r{a} = {b!r}")
            known.discard(a)
        elif op == V.LOADNIL:
            for r in range(a, b + 1):
                emit(ind + f"r{r} = None")
                known.discard(r)
        elif op == V.GETUPVAL:
            emit(ind + f"uv = upvals[{b}]")
            emit(ind + f"r{a} = uv.stack[uv.idx]")
            known.discard(a)
        elif op == V.SETUPVAL:
            emit(ind + f"uv = upvals[{b}]")
            emit(ind + f"uv.stack[uv.idx] = r{a}")
        elif op == V.GETGLOBAL:
            emit(ind + f"v = env.hash.get({K(b)})")
            emit(ind + "if v is None and env.meta is not None:")
            bail(pc, ind + "    ")
            emit(ind + f"r{a} = v")
            known.discard(a)
        elif op == V.SETGLOBAL:
            emit(ind + "h = env.hash")
            emit(ind + f"if env.meta is not None or {K(b)} not in h:")
            bail(pc, ind + "    ")
            emit(ind + f"h[{K(b)}] = r{a}")
        elif op in (V.GETTABLE_S, V.GETTABLE_K, V.GETTABLE_R):
            emit(ind + f"t = r{b}")
            emit(ind + "if t.__class__ is not LuaTable:")
            bail(pc, ind + "    ")
            if op == V.GETTABLE_S:
                emit(ind + f"v = t.hash.get({K(c)})")
            elif op == V.GETTABLE_K:
                emit(ind + f"v = t.get({K(c)})")
            else:
                emit(ind + f"key = r{c}")
                emit(ind + "if key.__class__ is float:")
                emit(ind + "    arr = t.arr")
                emit(ind + "    if 1.0 <= key <= len(arr) and key == (ik := int(key)):")
                emit(ind + "        v = arr[ik - 1]")
                emit(ind + "    else:")
                emit(ind + "        v = t.hash.get(key)")
                emit(ind + "elif key.__class__ is bytes:")
                emit(ind + "    v = t.hash.get(key)")
                emit(ind + "else:")
                emit(ind + "    v = t.get(key)")
            emit(ind + "if v is None and t.meta is not None:")
            bail(pc, ind + "    ")
            emit(ind + f"r{a} = v")
            known.discard(a)
        elif op in (V.SETTABLE_SR, V.SETTABLE_SK):
            val = f"r{c}" if op == V.SETTABLE_SR else K(c)
            emit(ind + f"t = r{a}")
            emit(ind + "if t.__class__ is not LuaTable or t.meta is not None:")
            bail(pc, ind + "    ")
            emit(ind + "h = t.hash")
            emit(ind + f"if {K(b)} in h:")
            emit(ind + f"    h[{K(b)}] = {val}")
            emit(ind + "else:")
            emit(ind + f"    t.newkey({K(b)}, {val})")
        elif op == V.SETTABLE_RR:
            emit(ind + f"t = r{a}")
            emit(ind + f"key = r{b}")
            emit(ind + "if t.__class__ is not LuaTable or t.meta is not None or key is None:")
            bail(pc, ind + "    ")
            emit(ind + "if key.__class__ is float:")
            emit(ind + "    arr = t.arr")
            emit(ind + "    if 1.0 <= key <= len(arr) and key == (ik := int(key)):")
            emit(ind + f"        arr[ik - 1] = r{c}")
            emit(ind + "    elif key != key:")
            bail(pc, ind + "        ")
            emit(ind + "    else:")
            emit(ind + f"        t.set(key, r{c})")
            emit(ind + "else:")
            emit(ind + f"    t.set(key, r{c})")
        elif op == V.NOT:
            emit(ind + f"r{a} = r{b} is None or r{b} is False")
            known.discard(a)
        elif op == V.UNM:
            guard_float([b], pc, ind)
            emit(ind + f"r{a} = -r{b}")
            known.add(a)
        elif op == V.LEN:
            emit(ind + f"v = r{b}")
            emit(ind + "if v.__class__ is LuaTable:")
            emit(ind + f"    r{a} = float(v.length())")
            emit(ind + "elif v.__class__ is bytes:")
            emit(ind + f"    r{a} = float(len(v))")
            emit(ind + "else:")
            bail(pc, ind + "    ")
            known.add(a)
        elif op == V.CONCAT:
            # strings only, counted before they are joined; a big one, or
            # one that reaches the collector's threshold, is the
            # interpreter's (the memory limit, the budget, the cycle)
            regs_ = [f"r{r}" for r in range(b, c + 1)]
            emit(ind + "try:")
            emit(ind + "    n = " + " + ".join(f"len({r})" for r in regs_))
            emit(ind + "except TypeError:")
            bail(pc, ind + "    ")
            emit(ind + "acct = _V.acct")
            emit(ind + f"if n > {BIG_ALLOC} or acct.total >= acct.threshold:")
            bail(pc, ind + "    ")
            emit(ind + f"acct.total += n + {STRING_BYTES}")
            if len(regs_) == 2:
                emit(ind + f"r{a} = {regs_[0]} + {regs_[1]}")
            else:
                emit(ind + f"r{a} = b''.join(({', '.join(regs_)}))")
            known.discard(a)
        elif op == V.NEWTABLE:
            emit(ind + "acct = _V.acct")
            emit(ind + "if acct.total >= acct.threshold:")  # the interpreter's cycle
            bail(pc, ind + "    ")
            emit(ind + f"r{a} = LuaTable({b}, {c})")
            known.discard(a)
        elif op == V.CALL:
            args = ", ".join(f"r{r}" for r in range(a + 1, a + b))
            emit(ind + f"fn = r{a}")
            emit(ind + "if fn.__class__ is not Builtin or fn.gen:")
            bail(pc, ind + "    ")
            for line in writeback(ind):  # a builtin may look at the stack
                emit(line)
            emit(ind + f"ci.savedpc = {nxt}")
            emit(ind + "th.cfunc = fn")
            emit(ind + f"args = [{args}]")
            emit(ind + "res = fn.fn(vm, args)")
            emit(ind + "th.cfunc = None")
            emit(ind + "if res.__class__ is not list and res.__class__ is not tuple:")
            emit(ind + "    if res is not None:  # it needs the VM: let the loop do the rest")
            emit(
                ind
                + f"        vm._builtin_request(th, fn, base + {a}, args, {c - 1}, 0, None, res)"
            )
            emit(ind + f"        return ~{nxt}, budget")
            emit(ind + "    res = ()")
            for j in range(c - 1):
                emit(ind + f"r{a + j} = res[{j}] if len(res) > {j} else None")
                known.discard(a + j)
        elif op == V.RETURN and on_return is not None:
            on_return(a, b, ind)
            skippable = True
        else:  # pragma: no cover - the plan let through what it should not
            raise AssertionError(op)
        pc = nxt


def compile_region(p, f):
    plan = _plan(p, f)
    if plan is None:
        return None
    s, used, written, labels = plan
    code = p.vcode
    fop, A, _, delta, _ = code[f]
    fop = p.vforloop.get(f, fop)
    consts = []

    def K(v):
        """A constant as Python source."""
        if v.__class__ is float:
            if v != v or v in (float("inf"), float("-inf")):
                consts.append(v)
                return f"K[{len(consts) - 1}]"
            return f"({v!r})"  # (-3.0).__class__, not -(3.0.__class__)
        if v is None or v.__class__ is bool:
            return repr(v)
        consts.append(v)
        return f"K[{len(consts) - 1}]"

    regs = sorted(used)
    wb = sorted(written | {A})

    def writeback(ind):
        return [ind + f"stack[base + {r}] = r{r}" for r in wb]

    out = []
    emit = out.append
    emit("def region(stack, base, budget, ci, th, upvals, env, vm):")
    for r in regs:
        emit(f"    r{r} = stack[base + {r}]")
    emit(f"    if r{A}.__class__ is not float or r{A + 1}.__class__ is not float"
         f" or r{A + 2}.__class__ is not float:")  # fmt: skip
    emit(f"        return {s}, budget")
    emit(f"    lim = r{A + 1}")
    emit(f"    step = r{A + 2}")
    emit("    while True:")
    if labels:
        emit("        tgt = -1")

    I = "        "

    def bail(pc, ind):
        for line in writeback(ind):
            emit(line)
        emit(ind + f"return {pc}, budget")

    def jump(target, ind):
        if target == f:
            emit(ind + f"tgt = {f}")
        elif target > f:  # out of the loop: a break
            bail(target, ind)
        else:
            emit(ind + f"tgt = {target}")

    _gen(code, s, f, labels, {A + 3}, I, emit, K, bail, jump, writeback, None)
    if f in labels:
        emit(I + f"if tgt == {f}:")
        emit(I + "    tgt = -1")
    # the FORLOOP itself
    emit(I + f"budget += {delta}")
    emit(I + f"nidx = r{A} + step")
    if fop == V.FORLOOP_UP:
        emit(I + "if nidx <= lim:")
    else:
        emit(I + "if (nidx <= lim) if step > 0 else (lim <= nidx):")
    emit(I + f"    r{A} = nidx")
    emit(I + f"    r{A + 3} = nidx")
    emit(I + "    if budget <= 0:")
    for line in writeback(I + "        "):
        emit(line)
    emit(I + f"        return {s}, budget")
    emit(I + "    continue")
    for line in writeback(I):
        emit(line)
    emit(I + f"return {f + 1}, budget")
    src = "\n".join(out)
    return src, consts


def make_region(p, f):
    """The compiled loop for the FORLOOP at f of p, or None."""
    r = compile_region(p, f)
    if r is None:
        return None
    src, consts = r
    ns = {
        "LuaTable": LuaTable,
        "Userdata": Userdata,
        "Builtin": Builtin,
        "floor": math.floor,
        "num_mod": num_mod,
        "K": consts,
        "_V": _values,
    }
    code_obj = compile(src, f"<loop at {f} of {p.source[:40]!r}>", "exec")
    exec(code_obj, ns)  # noqa: S102 - code we generated
    return ns["region"]


# -- whole functions ---------------------------------------------------------
#
# A function called often enough runs compiled in OP_CALL without a frame of
# its own (pylua.fastfunc: what it compiles, how it gives up).


def install_leaf(p) -> None:
    """Compile the function p (hot enough now, pylua.fastfunc): CALL runs it
    without a frame (None: it stays interpreted)."""
    from .fastfunc import OSR_ONLY, jit_for

    v = p.vcall
    if p.is_vararg:  # its loops may run compiled (VM._osr), a call of it not
        p.vcall = (*v[:5], OSR_ONLY)
    else:
        p.vcall = (*v[:5], jit_for(p))


def install_region(p, f):
    """Compile the loop whose FORLOOP (FORLOOP_R) is at f: the function, or
    None when it cannot be (remembered either way)."""
    r = p.vregion[f] = make_region(p, f)
    return r


def decode_at(p, pc: int) -> int:
    """What the loop's DECODE does (the first time it reaches pc): decode
    the stretch of code that starts there (vcode.decode_stretch) and mark
    its loops; returns how many words it decoded, which the loop charges
    to the budget."""
    n = V.decode_stretch(p, pc)
    mark_loops(p, pc, pc + n)
    return n


def mark_loops(p, lo: int = 0, hi: int | None = None) -> None:
    """FORLOOPs at pcs lo..hi-1 (just decoded) whose loop can be compiled
    become FORLOOP_R; the loop is compiled the first time it runs
    (install_region)."""
    code = p.vcode
    if p.vregion is None:
        p.vregion = {}
        p.vforloop = {}
    found = []
    for f in range(lo, len(code) if hi is None else hi):
        op = code[f][0]
        if (op == V.FORLOOP or op == V.FORLOOP_UP) and eligible(p, f):
            found.append(f)
    for f in found:
        p.vforloop[f] = code[f][0]
        p.vregion[f] = V.UNCOMPILED
        code[f] = (V.FORLOOP_R, *code[f][1:])
