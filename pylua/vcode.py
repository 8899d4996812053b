"""The loop's instruction set: how the VM runs a Proto's code.

Each Proto's code is decoded once into tuples ``(op, a, b, c, next pc)``
whose ``op`` is one of the loop's own instructions: a Lua 5.1 opcode, or a
variant of one with its RK operands resolved (``ADD_RK``: B a register, C a
number constant carried in the tuple).  The loops in ``pylua/_loops*.py``
dispatch on these numbers; ``pylua.fastloop`` compiles some of them.  The
VM decodes lazily (``prepare``, ``decode_stretch``): a stretch of code the first
time the loop reaches it, so that loading a big chunk costs no more than
its code words, and code that never runs is never decoded.  Also here: the
constants the loops share with the VM.
"""

from __future__ import annotations

from . import values
from .opcodes import (
    OP_ADD,
    OP_CLOSURE,
    OP_DIV,
    OP_EQ,
    OP_FORLOOP,
    OP_FORPREP,
    OP_GETGLOBAL,
    OP_GETTABLE,
    OP_JMP,
    OP_LE,
    OP_LOADBOOL,
    OP_LOADK,
    OP_LT,
    OP_MOD,
    OP_MOVE,
    OP_MUL,
    OP_NEWTABLE,
    OP_SELF,
    OP_SETGLOBAL,
    OP_SETLIST,
    OP_SETTABLE,
    OP_SUB,
    OP_TEST,
    OP_TESTSET,
    OP_TFORLOOP,
    OPCODES,
    get_op,
    getarg_A,
    getarg_B,
    getarg_Bx,
    getarg_sBx,
    indexK,
    isK,
)
from .opcodes import (
    decode as decode_abc,
)
from .proto import VARARG_NEEDSARG
from .values import fb2int

LUAI_MAXCALLS = 20000  # CallInfos per coroutine
LUAI_MAXCCALLS = 200  # nested C calls (metamethods, pcall, sort comparators...)
LUAI_MAXCSTACK = 8000  # slots a builtin may push (unpack, string.byte...)
MAXTAGLOOP = 100  # __index/__newindex chains
LFIELDS_PER_FLUSH = 50
EXTRA_STACK = 25  # slack above a frame: metamethod calls, builtin results

# status returned by run() / step()
FINISHED = "finished"  # the function started by start() returned
ERROR = "error"  # it raised an error nobody caught (host_error holds it)
RUNNING = "running"  # the budget ran out: call run() again
PAUSED = "paused"  # the debugger hook asked to stop
SWITCH = "switch"  # hooks were turned on or off: run() picks the other loop

# message handlers of the host's protected call (runtime.start), told apart
# from Lua functions by identity
HOST_TB = object()  # record lua.c's traceback in the error (its ``traceback``)
HOST_TB_INLINE = object()  # the same handler inherited by load's reader: traceback in the message

NILS = [(None,) * n for n in range(260)]


# -- the loop's instructions ----------------------------------------------

# The loop's own instructions, numbered in the order they run most often,
# with how often (per 10 000 instructions over the benchmarks, measured by
# bench/opfreq.py): pylua/genloop.py builds the dispatch tree with the
# fewest expected tests from these weights.  Each is a handler of
# pylua/handlers.py: a Lua 5.1 opcode (its general form, by its name) or a
# variant whose operands decode() resolved (R: a register, K: the constant
# itself in the tuple; S: a string constant).
LOOP_FREQUENCY = (
    ("ADD_RR", 929),
    ("GETTABLE_S", 845),
    ("CALL", 785),
    ("GETUPVAL", 660),
    ("RETURN", 638),
    ("MOVE", 614),
    ("MUL_RR", 463),
    ("SUB_RK", 354),
    ("FORLOOP_R", 330),  # a FORLOOP whose loop may run compiled (pylua.fastloop)
    ("MOD_RK", 329),
    ("MUL_RK", 327),
    ("GETTABLE_R", 327),
    ("LOADK", 307),
    ("SUB_RR", 284),
    ("ADD_RK", 251),
    ("SETTABLE_SR", 214),
    ("SETTABLE_RR", 198),
    ("LT_RK", 165),
    ("GETTABLE_K", 156),
    ("SELF_S", 148),
    ("FORLOOP_UP", 146),
    ("GETGLOBAL", 142),
    ("JMP", 136),
    ("LT_RR", 134),
    ("TEST", 132),
    ("LOADBOOL", 122),
    ("DIV_RK", 90),
    ("EQ_RR", 87),
    ("EQ_RK", 72),
    ("SETUPVAL", 72),
    ("NEWTABLE", 70),
    ("LT_KR", 63),
    ("DIV_KR", 56),
    ("MOD_RR", 41),
    ("TAILCALL", 37),
    ("ADD_KR", 33),
    ("SETLIST", 31),
    ("FORPREP", 28),
    ("LE_KR", 27),
    ("LE_RR", 24),
    ("CONCAT", 21),
    ("CLOSURE", 21),
    ("LEN", 20),
    ("SETTABLE", 19),
    ("TFORLOOP", 17),
    ("DIV_RR", 17),
    ("MOD_RKG", 16),  # MOD by a constant that is not a positive whole number
    ("CLOSE", 2),
    ("FORLOOP", 1),
    ("POW", 1),
    ("TESTSET", 0),
    ("SETGLOBAL", 0),
    ("SETTABLE_SK", 0),
    ("SUB_KR", 0),
    ("MUL_KR", 0),
    ("LE_RK", 0),
    ("NOT", 0),
    ("UNM", 0),
    ("LOADNIL", 0),
    ("VARARG", 0),
    ("SETLIST_X", 0),  # SETLIST whose C is the next code word
    ("GETTABLE", 0),
    ("SELF", 0),
    ("ADD", 0),
    ("SUB", 0),
    ("MUL", 0),
    ("DIV", 0),
    ("MOD", 0),
    ("EQ", 0),
    ("LT", 0),
    ("LE", 0),
    ("DECODE", 0),  # not decoded yet: fastloop.decode_at, then the instruction
)
LOOP_OPS = tuple(name for name, _ in LOOP_FREQUENCY)
NUM_LOOP_OPS = len(LOOP_OPS)
LOOP_OP = {name: i for i, name in enumerate(LOOP_OPS)}
globals().update(LOOP_OP)  # ADD_RR, GETTABLE_S, ... as module constants

# Spelled out for readers and linters: the ones this module uses.
ADD_RR = LOOP_OP["ADD_RR"]
ADD_RK = LOOP_OP["ADD_RK"]
ADD_KR = LOOP_OP["ADD_KR"]
SUB_RR = LOOP_OP["SUB_RR"]
SUB_RK = LOOP_OP["SUB_RK"]
SUB_KR = LOOP_OP["SUB_KR"]
MUL_RR = LOOP_OP["MUL_RR"]
MUL_RK = LOOP_OP["MUL_RK"]
MUL_KR = LOOP_OP["MUL_KR"]
DIV_RR = LOOP_OP["DIV_RR"]
DIV_RK = LOOP_OP["DIV_RK"]
DIV_KR = LOOP_OP["DIV_KR"]
MOD_RR = LOOP_OP["MOD_RR"]
MOD_RK = LOOP_OP["MOD_RK"]
MOD_RKG = LOOP_OP["MOD_RKG"]
LT_RR = LOOP_OP["LT_RR"]
LT_RK = LOOP_OP["LT_RK"]
LT_KR = LOOP_OP["LT_KR"]
LE_RR = LOOP_OP["LE_RR"]
LE_RK = LOOP_OP["LE_RK"]
LE_KR = LOOP_OP["LE_KR"]
EQ_RR = LOOP_OP["EQ_RR"]
EQ_RK = LOOP_OP["EQ_RK"]
GETTABLE_S = LOOP_OP["GETTABLE_S"]
GETTABLE_R = LOOP_OP["GETTABLE_R"]
GETTABLE_K = LOOP_OP["GETTABLE_K"]
SELF_S = LOOP_OP["SELF_S"]
SETTABLE_SR = LOOP_OP["SETTABLE_SR"]
SETTABLE_SK = LOOP_OP["SETTABLE_SK"]
SETTABLE_RR = LOOP_OP["SETTABLE_RR"]
SETLIST_X = LOOP_OP["SETLIST_X"]
FORLOOP_UP = LOOP_OP["FORLOOP_UP"]
FORLOOP_R = LOOP_OP["FORLOOP_R"]
JMP = LOOP_OP["JMP"]
FORLOOP = LOOP_OP["FORLOOP"]
FORPREP = LOOP_OP["FORPREP"]
CLOSURE = LOOP_OP["CLOSURE"]
NEWTABLE = LOOP_OP["NEWTABLE"]
LOADBOOL = LOOP_OP["LOADBOOL"]
DECODE = LOOP_OP["DECODE"]

# the loop instruction of each Lua opcode's general form: the same name
GENERAL = tuple(LOOP_OP[op.name] for op in OPCODES)

# op -> (RR, RK, KR) variants; None where the general instruction serves
_ARITH_VARIANTS = {
    OP_ADD: (ADD_RR, ADD_RK, ADD_KR),
    OP_SUB: (SUB_RR, SUB_RK, SUB_KR),
    OP_MUL: (MUL_RR, MUL_RK, MUL_KR),
    OP_DIV: (DIV_RR, DIV_RK, DIV_KR),
    OP_MOD: (MOD_RR, MOD_RK, None),
    OP_LT: (LT_RR, LT_RK, LT_KR),
    OP_LE: (LE_RR, LE_RK, LE_KR),
}

# fast paths compiled on first use (pylua.fastloop)
UNCOMPILED = object()  # p.vregion[pc]: a loop not compiled yet
LEAF_HOT = 20  # calls of a leaf function before it is compiled


class Hot:
    """A leaf function not compiled yet: how many calls until it is."""

    __slots__ = ("n",)

    def __init__(self):
        self.n = LEAF_HOT


def decode(p) -> list:
    """Each instruction as a tuple (op, a, b, c, next pc), ``op`` a loop
    instruction (LOOP_OPS), the operands pre-decoded: Bx in b, jump targets
    absolute (see JMP); LOADK/GETGLOBAL/SETGLOBAL carry their constant,
    LOADBOOL a bool, NEWTABLE its sizes, CLOSURE the Proto and its upvalue
    sources, SETLIST with C=0 its real C (the next word, which is data).
    Common instructions whose RK operands are known to be registers or
    constants of the right type become variants (ADD_RK...).  The list has
    one entry per code word (index = pc); ldebug still reads p.code.  The
    VM decodes the same tuples a stretch at a time (``prepare``)."""
    return _decode(p, 0, None)[0]


# -- lazy decoding --------------------------------------------------------------
#
# A Proto's vcode starts as NOT_DECODED in every slot but where control may
# enter: there a DECODE entry, a tuple of its own whose next pc is its own
# pc.  At first pc 0 only; each time a stretch is decoded, every place
# outside it where it may go (a jump's target, the word after its end) gets
# one.  The loop runs a DECODE entry by decoding the stretch that starts
# there (fastloop.decode_at), then runs the same pc again.  A stretch never ends
# between words the loop reads together (a test or TFORLOOP and its JMP,
# CLOSURE and its pseudo-instructions, SETLIST and its data word) nor inside
# a numeric for loop short enough for pylua.fastloop to compile (it reads
# the loop's code at once); it ends where a decoded stretch begins.

STRETCH = 1 << 11  # code words a stretch has at least (when the code goes on)
MAX_CODE = 1500  # code words: bigger functions are not compiled whole (pylua.fastfunc)
MAX_BODY = 400  # code words: longer loops and functions pylua.fastloop leaves to the interpreter
LOOP_SPAN = MAX_BODY + 2  # a for loop this long (FORPREP to FORLOOP) stays in one stretch
NOT_DECODED = (DECODE, 0, 0, 0, -1)  # never run: control enters at DECODE entries only
CLEAR_MAX = 1 << 13  # bigger functions clear all their registers at a call (_clear_count)
VCODE_BYTES = 104  # a decoded word: its tuple, its next pc (the memory count, gc.proto_bytes)
# the instructions whose next word is read with them, or skipped: the
# stretch goes on past it
_HOLD = frozenset({OP_EQ, OP_LT, OP_LE, OP_TEST, OP_TESTSET, OP_TFORLOOP})


def prepare(p) -> None:
    """Make p ready to run (the loop reads p.vcode and p.vcall), without
    decoding anything: its code is decoded a stretch at a time when the loop
    first reaches it (decode_stretch), and the functions it makes closures of
    when the CLOSURE instruction is decoded.  A call clears all the
    registers of p above its parameters until its first run has counted
    how many need it (_clear_count)."""
    n = len(p.code)
    vc = [NOT_DECODED] * n
    if n:
        vc[0] = (DECODE, 0, 0, 0, 0)
    p.vregion = {}
    p.vforloop = {}
    p.vcode = vc
    size = None if p.is_vararg else p.maxstacksize
    np = p.numparams
    p.vclear = 0 if size is None else size - np
    # size None sends varargs to _precall; a small function may become a leaf
    leaf = Hot() if n <= MAX_CODE else None  # (a vararg function: for its loops only)
    p.vcall = (vc, p.k, size, p.numparams, p.vclear, leaf)


def decode_stretch(p, pc: int) -> int:
    """Decode the stretch of p's code that starts at pc, a DECODE entry:
    the loop reached pc for the first time (through fastloop.decode_at,
    which then marks the stretch's loops).  Returns how many words it
    decoded.  The tuples count against the memory limit (LuaError "not
    enough memory"), unless the state says not to
    (runtime.Lua.counts_decoding)."""
    vc = p.vcode
    if not 0 <= pc < len(vc) or vc[pc][0] != DECODE:
        raise AssertionError(f"no code to decode at {pc}")
    out, end = _decode(p, pc, vc)
    acct = values.acct
    if getattr(acct.owner, "counts_decoding", True):
        acct.alloc(VCODE_BYTES * len(out))
    vc[pc:end] = out
    p.vdecoded += len(out)
    n = len(vc)
    for q, t in enumerate(out, pc):
        op = t[0]
        if op == JMP:
            to = t[3]
        elif op == FORPREP or op == FORLOOP or op == FORLOOP_UP:
            to = t[2]
        elif op == LOADBOOL and t[3]:
            to = q + 2
        elif op == CLOSURE:
            sub = t[2]
            if sub.vcall is None:
                prepare(sub)
            to = q + 1 + len(t[3])
        else:
            continue
        if not pc <= to < end and 0 <= to < n and vc[to] is NOT_DECODED:
            vc[to] = (DECODE, 0, 0, 0, to)
    if end < n and vc[end] is NOT_DECODED:
        vc[end] = (DECODE, 0, 0, 0, end)
    v = p.vcall
    if pc == 0 and v[2] is not None and n <= CLEAR_MAX:
        # the first run: from now on a call clears what must be
        p.vclear = _clear_count(p)
        p.vcall = (*v[:4], p.vclear, v[5])
    return len(out)


def _decode(p, pc: int, vc) -> tuple:
    """(the tuples, the pc after them) of p's code from pc on: to the end
    (vc None), or a stretch (vc: p's vcode, decoding lazily)."""
    code = p.code
    k = p.k
    nk = len(k)
    out = []
    n = len(code)
    first = pc
    limit = pc + STRETCH
    hold = pc  # the stretch goes on at least past this pc
    while pc < n:
        if vc is not None and pc > first and (vc[pc][0] != DECODE or (pc >= limit and pc > hold)):
            break
        i = code[pc]
        op, a, b, c = decode_abc(i)
        bx = getarg_Bx(i)
        sbx = getarg_sBx(i)
        bk = isK(b)
        ck = isK(c)
        # (meaningful for the iABC instructions only: elsewhere b and c are parts of Bx)
        kb = k[indexK(b)] if bk and indexK(b) < nk else None
        kc = k[indexK(c)] if ck and indexK(c) < nk else None
        t = None
        if op in _HOLD:
            hold = pc + 1
        if op == OP_LOADK or op == OP_GETGLOBAL or op == OP_SETGLOBAL:
            t = (GENERAL[op], a, k[bx], 0)
        elif op == OP_JMP:
            # b: where a test instruction before it jumps (the JMP itself
            # when it goes backward, so that the JMP counts the budget);
            # c: the target; a: the budget a backward jump costs
            target = pc + 1 + sbx
            if sbx < 0:
                t = (JMP, sbx, pc, target)
            else:
                t = (JMP, 0, target, target)
        elif op == OP_FORPREP:
            # c: the budget a backward jump costs (a crafted chunk's; luac's go forward)
            t = (FORPREP, a, pc + 1 + sbx, min(sbx, 0))
            if 0 <= sbx < LOOP_SPAN:
                hold = max(hold, pc + 1 + sbx)
        elif op == OP_FORLOOP:
            # c: the budget an iteration costs (the loop's length); a forward
            # FORLOOP (only in a crafted chunk) is not a loop of its own
            t = (
                FORLOOP_UP if _positive_step(code, k, pc + sbx, a) else FORLOOP,
                a,
                pc + 1 + sbx,
                min(sbx, 0),
            )
        elif op == OP_LOADBOOL:
            t = (LOADBOOL, a, bool(b), c)
            if c:
                hold = pc + 1
        elif op == OP_NEWTABLE:
            t = (NEWTABLE, a, fb2int(b), fb2int(c))
        elif op == OP_CLOSURE:
            sub = p.p[bx]
            ups = []
            for j in range(sub.nups):
                pi = code[pc + 1 + j] if pc + 1 + j < n else 0
                ups.append((get_op(pi) == OP_MOVE, getarg_B(pi)))
            t = (CLOSURE, a, sub, tuple(ups))
            hold = max(hold, pc + sub.nups)
        elif op == OP_SETLIST and c == 0:
            out.append((SETLIST_X, a, b, code[pc + 1] if pc + 1 < n else 0, pc + 1))
            # the next word is SETLIST's C, not an instruction: never run
            # (SETLIST_X skips it), it gets a jump to where it would go
            pc += 2
            out.append((JMP, 0, pc, pc, pc))
            continue
        elif op in _ARITH_VARIANTS:
            rr, rk, kr = _ARITH_VARIANTS[op]
            if not bk and not ck:
                t = (rr, a, b, c)
            elif not bk and kc.__class__ is float:
                if rk == MOD_RK and not (1.0 <= kc <= 2147483647.0 and kc == int(kc)):
                    rk = MOD_RKG
                t = (rk, a, b, kc)
            elif not ck and kb.__class__ is float and kr is not None:
                t = (kr, a, kb, c)
        elif op == OP_EQ:
            if not bk and not ck:
                t = (EQ_RR, a, b, c)
            elif not bk:
                t = (EQ_RK, a, b, kc)
            elif not ck:  # equality is symmetric for constants (they have no __eq)
                t = (EQ_RK, a, c, kb)
        elif op == OP_GETTABLE:
            if ck and kc.__class__ is bytes:
                t = (GETTABLE_S, a, b, kc)
            elif not ck:
                t = (GETTABLE_R, a, b, c)
            elif kc is not None:
                t = (GETTABLE_K, a, b, kc)
        elif op == OP_SETTABLE:
            if bk and kb.__class__ is bytes:
                t = (SETTABLE_SK, a, kb, kc) if ck else (SETTABLE_SR, a, kb, c)
            elif not bk and not ck:
                t = (SETTABLE_RR, a, b, c)
        elif op == OP_SELF:
            if ck and kc.__class__ is bytes:
                t = (SELF_S, a, b, kc)
        if t is None:
            t = (GENERAL[op], a, b, c)
        pc += 1
        out.append((*t, pc))  # the fifth field: the next pc
    return out, pc


def _positive_step(code, k, prep: int, a: int) -> bool:
    """Is the step of the loop whose FORPREP is at prep a positive constant
    (the LOADK just before the FORPREP)?"""
    if prep < 1 or prep >= len(code):
        return False
    fp = code[prep]
    if get_op(fp) != OP_FORPREP or getarg_A(fp) != a:
        return False
    ld = code[prep - 1]
    if get_op(ld) != OP_LOADK or getarg_A(ld) != a + 2:
        return False
    v = k[getarg_Bx(ld)]
    return v.__class__ is float and v > 0


def _clear_count(p) -> int:
    """How many registers above the parameters a call must set to nil.

    luaD_precall sets them all; what a program can see of that is the
    registers some instruction reads before any writes them, which happens
    because luaK_nil emits no LOADNIL at pc 0 (`local a; if c then a = 1
    end; return a`, or a temporary: `N = nil` as the first statement).  A
    forward "definitely written" analysis over the code finds them; the
    count covers the highest one.  What each instruction reads, writes and
    where it goes is pylua/opcodes.py's effects table, reads over- and
    writes under-estimated: a range read up to top counts as its first
    register, results of open calls as unwritten, and a write made only on
    the way to one successor counts on that edge when it is a jump
    (FORLOOP's R(A+3) when it loops) and not at all otherwise (TESTSET's
    R(A), TFORLOOP's R(A+2)).  Counting those too would clear fewer
    registers in some programs; tests/test_effects.py pins the answers."""
    from .opcodes import effects  # (the import list above is decode's)

    code = p.code
    n = len(code)
    np = p.numparams
    size = p.maxstacksize
    start = set(range(np + (1 if p.is_vararg & VARARG_NEEDSARG else 0)))
    state = {0: frozenset(start)}  # pc -> registers surely written on entry
    work = [0]
    need = set()
    while work:
        pc = work.pop()
        written = state[pc]
        e = effects(code, pc, p)
        for r in e.reads:
            if r not in written and np <= r < size:
                need.add(r)
        out = out_first = written.union(e.writes)
        if e.cond_writes:
            out = out.difference(e.cond_writes).union(written)
            if e.jump != e.succ[0]:
                out_first = out
        for j, q in enumerate(e.succ):
            if q >= n:
                continue
            w = out_first if j == 0 else out
            old = state.get(q)
            new = w if old is None else old & w
            if old is None or new != old:
                state[q] = new
                work.append(q)
    return max(need) + 1 - np if need else 0
