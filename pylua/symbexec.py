"""ldebug.c's ``symbexec``: one symbolic execution of a function's bytecode
that serves both the bytecode check of a loaded binary chunk
(``checkcode``, luaG_checkcode) and the search of ``getobjname`` for the
instruction that last changed a register before a pc (``symbexec`` with a
register), which names variables in error messages.

What each instruction reads, writes and where it goes comes from the
effects table of pylua/opcodes.py; the operand modes from its opcode table
(lopcodes.c's, as ldebug.c reads them).  The few shapes the table does not
express are checked here as ldebug.c checks them, quirks included (a
LOADBOOL with C > 1 is not checked for what it skips; FORPREP checks its
loop variable's register).  The answers are lua5.1's: which chunks load
("bad code in precompiled chunk") and which instruction names a register.

``verify`` is pylua's own check, which a loaded chunk must pass too: what
the VM assumes of the code beyond lua5.1's check (a flow analysis; see its
docstring and docs/internals.md, "Binary chunks").
"""

from __future__ import annotations

from .opcodes import (
    BITRK,
    LFIELDS_PER_FLUSH,
    NO_REG,
    NUM_OPCODES,
    OP_CLOSE,
    OP_CLOSURE,
    OP_CONCAT,
    OP_FORLOOP,
    OP_FORPREP,
    OP_GETUPVAL,
    OP_JMP,
    OP_LOADBOOL,
    OP_LOADNIL,
    OP_MOVE,
    OP_NEWTABLE,
    OP_RETURN,
    OP_SELF,
    OP_SETLIST,
    OP_TAILCALL,
    OP_TFORLOOP,
    OP_VARARG,
    OPCODES,
    OpArgK,
    OpArgN,
    OpArgR,
    effects,
    get_op,
    getarg_A,
    getarg_B,
    getarg_Bx,
    getarg_C,
    getarg_sBx,
    iABC,
    iABx,
    reads_top,
)
from .proto import VARARG_HASARG, VARARG_ISVARARG, VARARG_NEEDSARG, Proto

MAXSTACK = 250  # llimits.h

__all__ = ["MAX_SETLIST_BATCH", "MAXSTACK", "NO_REG", "checkcode", "symbexec", "verify"]


def _precheck(pt: Proto) -> bool:
    return (
        pt.maxstacksize <= MAXSTACK
        and pt.numparams + (pt.is_vararg & VARARG_HASARG) <= pt.maxstacksize
        and (not (pt.is_vararg & VARARG_NEEDSARG) or bool(pt.is_vararg & VARARG_HASARG))
        and len(pt.upvalues) <= pt.nups
        and (len(pt.lineinfo) == len(pt.code) or len(pt.lineinfo) == 0)
        and len(pt.code) > 0
        and get_op(pt.code[-1]) == OP_RETURN
    )


def _arg_ok(pt: Proto, r: int, mode: str) -> bool:
    """checkArgMode: an operand as its mode (lopcodes.c) says it is used."""
    if mode == OpArgN:
        return r == 0
    if mode == OpArgR:
        return r < pt.maxstacksize
    if mode == OpArgK:
        return (r & ~BITRK) < len(pt.k) if r & BITRK else r < pt.maxstacksize
    return True


def _data_word(i: int) -> bool:
    """Is i a SETLIST followed by a data word (its batch number, C = 0)?"""
    return get_op(i) == OP_SETLIST and getarg_C(i) == 0


def _after_data_word(code: list, dest: int) -> bool:
    """Is code[dest] the data word of a SETLIST?  A run of words that look
    like "SETLIST with C = 0" is ambiguous (a data word may look like one),
    so ldebug.c counts the whole run before dest: an odd length means the
    word before dest really is such a SETLIST."""
    j = 0
    while j < dest and _data_word(code[dest - 1 - j]):
        j += 1
    return bool(j & 1)


def symbexec(pt: Proto, lastpc: int, reg: int) -> int:
    """0 if the code of pt is invalid; else the instruction that last changed
    register ``reg`` before ``lastpc`` (the final RETURN, a "neutral"
    instruction, if none did).  With ``reg == NO_REG`` it only checks: every
    instruction then, pseudo-instructions included; with a register, the
    instructions before lastpc, following the forward jumps that stay
    before it."""
    code = pt.code
    size = len(code)
    maxstack = pt.maxstacksize
    tracing = reg != NO_REG
    last = size - 1
    if not _precheck(pt):
        return 0
    pc = 0
    while pc < lastpc:
        i = code[pc]
        op = get_op(i)
        a = getarg_A(i)
        if op >= NUM_OPCODES or a >= maxstack:
            return 0
        info = OPCODES[op]
        # the operands, as their modes say (the table below relies on these)
        if info.mode == iABC:
            b = getarg_B(i)
            c = getarg_C(i)
            if not (_arg_ok(pt, b, info.b_mode) and _arg_ok(pt, c, info.c_mode)):
                return 0
        else:
            b = getarg_Bx(i)
            c = 0
            if info.mode == iABx and info.b_mode == OpArgK and b >= len(pt.k):
                return 0
        # shapes the effects table needs before it can be read, and the
        # ones it does not say
        if op == OP_CLOSURE:
            if b >= len(pt.p):
                return 0
            nup = pt.p[b].nups
            if pc + nup >= size:
                return 0
            for j in range(pc + 1, pc + 1 + nup):
                if get_op(code[j]) not in (OP_GETUPVAL, OP_MOVE):
                    return 0
        elif op == OP_TFORLOOP:
            if c < 1:  # at least one result: the control variable
                return 0
        elif op == OP_FORPREP:
            if a + 3 >= maxstack:  # ldebug.c checks the loop variable here too
                return 0
        elif op == OP_VARARG:
            if not (pt.is_vararg & VARARG_ISVARARG) or pt.is_vararg & VARARG_NEEDSARG:
                return 0
        elif op == OP_CONCAT:
            if b >= c:  # at least two operands
                return 0
        (reads, writes, _, succ, jump, skips, _, words, _, sets_top, calls, _,
         upr, upw, _, globs, _) = effects(code, pc, pt)  # fmt: skip
        # everything it names is there (registers come in ascending order)
        if (reads and reads[-1] >= maxstack) or (writes and writes[-1] >= maxstack):
            return 0
        for u in upr + upw:
            if u >= pt.nups:
                return 0
        for x in globs:
            if x >= len(pt.k) or pt.k[x].__class__ is not bytes:
                return 0
        if sets_top and not reads_top(code[pc + 1]):
            return 0  # open results go to an instruction that reads them
        if info.t_mode and not (pc + 2 < size and get_op(code[pc + 1]) == OP_JMP):
            return 0  # a test's next instruction is its jump
        # where it goes is code, and not a SETLIST's data word
        nxt = pc + 1 if op == OP_CLOSURE and not tracing else pc + words
        # (ldebug.c checks a LOADBOOL's skip only for C == 1; lvm.c skips for any C)
        if not (op == OP_LOADBOOL and c > 1):
            for q in succ:
                if not 0 <= q < size:
                    return 0
            if skips and _data_word(code[pc + 1]):
                return 0
        if jump is not None:
            if jump > 0 and _after_data_word(code, jump):
                return 0
            if tracing and pc < jump <= lastpc:
                nxt = jump  # follow a forward jump that stays before lastpc
        # ldebug.c's "changed register reg": register A of an opcode with
        # the A mode, what LOADNIL and SELF write, and for a call every
        # register from the lowest it writes up (the callee's frame lies
        # there).  Not VARARG's or FORLOOP's other registers: lua5.1 names
        # what this finds.
        if tracing and (
            (info.a_mode and a == reg)
            or ((op == OP_LOADNIL or op == OP_SELF) and reg in writes)
            or (calls is not None and reg >= min((calls, *writes)))
        ):
            last = pc
        pc = nxt
    return code[last]


def checkcode(pt: Proto) -> bool:
    """luaG_checkcode: is this function's bytecode safe to run?"""
    return symbexec(pt, len(pt.code), NO_REG) != 0


# -- pylua's own check: what the VM assumes ---------------------------------------

# The largest batch number a SETLIST's data word may hold: luac writes one
# only for batches past MAXARG_C, and lvm.c computes (C-1)*FPF + B in a C
# int, which overflows past this (its result then is undefined).
MAX_SETLIST_BATCH = (2**31 - 1 - LFIELDS_PER_FLUSH) // LFIELDS_PER_FLUSH + 1
_ALL = (1 << 256) - 1  # every register a frame may have (maxstacksize <= 250)
_NO_TOP = -1


def verify(pt: Proto) -> str | None:
    """None when the VM can run pt's code (which passed ``checkcode``), else
    why not.  luaG_checkcode looks at one instruction at a time; the VM
    assumes more, which this flow analysis over the reachable code checks
    (the nested functions are checked on their own):

    - control goes only to instructions: a jump, a skip or a fall-through
      never lands past the end, on a SETLIST's data word or on CLOSURE's
      pseudo-instructions (which the VM skips);
    - ``top`` is read (CALL/TAILCALL with B = 0, RETURN with B = 0,
      SETLIST with B = 0) only right after the instruction that sets it
      (an open CALL, TAILCALL or VARARG) and never below the range read;
      lua5.1 checks only the other direction (an open call is followed by
      such an instruction), so a function starting with RETURN 0 0 returned
      a stale top;
    - a FORLOOP closes the loop its FORPREP opened: the FORPREP just before
      the FORLOOP's target, with the same A, jumping to it, and reaching it
      with nothing else having written R(A)..R(A+2) (which hold numbers
      only then);
    - a SETLIST's R(A) is the table a NEWTABLE made, not written since;
    - a register captured by a closure (an open upvalue, which other
      functions may change) is never trusted to hold either; nor is any
      register at or above a call's function (the callee's frame lies
      there) or an operand of CONCAT (which works in place);
    - LOADNIL's range is not empty (B >= A); a SETLIST's data word is a
      batch number between 1 and MAX_SETLIST_BATCH.

    Everything luac5.1 writes passes: its code has exactly these shapes."""
    code = pt.code
    size = len(code)
    # which words are instructions: the VM's own walk (vcode.decode), which
    # steps over a SETLIST's data word and CLOSURE's pseudo-instructions
    insn = bytearray(size)
    pc = 0
    while pc < size:
        insn[pc] = 1
        i = code[pc]
        op = get_op(i)
        if op == OP_CLOSURE:
            pc += 1 + pt.p[getarg_Bx(i)].nups
            continue
        if op == OP_SETLIST and getarg_C(i) == 0:
            if not 1 <= code[pc + 1] <= MAX_SETLIST_BATCH:
                return f"SETLIST at {pc}: batch number {code[pc + 1]} out of range"
            pc += 2
            continue
        if op == OP_LOADNIL and getarg_B(i) < getarg_A(i):
            return f"LOADNIL at {pc}: empty range"
        if op == OP_FORLOOP:
            a = getarg_A(i)
            t = pc + 1 + getarg_sBx(i)
            prep = code[t - 1] if 1 <= t <= pc else None
            if (
                prep is None
                or not insn[t - 1]
                or get_op(prep) != OP_FORPREP
                or getarg_A(prep) != a
                or t + getarg_sBx(prep) != pc
            ):
                return f"FORLOOP at {pc}: not the end of a loop a FORPREP opened"
        pc += 1
    # the flow analysis: at each reachable pc, what holds whichever way
    # control got there: (top, loops, tables, captured)
    #   top      the register an open CALL/TAILCALL/VARARG just before it
    #            left its results from (top >= base + it), or _NO_TOP
    #   loops    the for loops open: (A, pc of their FORPREP)
    #   tables   a bit per register holding a NEWTABLE's table
    #   captured a bit per register an open upvalue may point to
    states: list = [None] * size
    states[0] = (_NO_TOP, frozenset(), 0, 0)
    work = [0]
    while work:
        pc = work.pop()
        top, loops, tables, captured = states[pc]
        i = code[pc]
        op = get_op(i)
        a = getarg_A(i)
        e = effects(code, pc, pt)
        if e.reads_top:
            need = a if op == OP_RETURN else a + 1
            if top == _NO_TOP or top < need:
                return f"{OPCODES[op].name} at {pc}: reads a top no instruction set"
        if op == OP_SETLIST and not tables >> a & 1:
            return f"SETLIST at {pc}: R({a}) is not a new table"
        kill = 0  # the registers it may change
        for r in e.writes:
            kill |= 1 << r
        if e.calls is not None:
            kill |= _ALL ^ ((1 << e.calls) - 1)
        if e.sets_top:
            kill |= _ALL ^ ((1 << a) - 1)
        if op == OP_CONCAT:
            kill |= ((1 << (getarg_C(i) + 1)) - 1) ^ ((1 << getarg_B(i)) - 1)
        elif op == OP_FORPREP:
            kill |= 7 << a
        elif op == OP_CLOSURE:
            for j in range(pc + 1, pc + 1 + pt.p[getarg_Bx(i)].nups):
                if get_op(code[j]) == OP_MOVE:
                    captured |= 1 << getarg_B(code[j])
        elif op == OP_CLOSE:
            captured &= (1 << a) - 1
        out_top = a if e.sets_top or op == OP_TAILCALL else _NO_TOP
        if op == OP_FORLOOP:
            prep = pc + getarg_sBx(i)
            if (a, prep) not in loops:
                return f"FORLOOP at {pc}: its loop's registers changed since its FORPREP"
            # going on writes R(A), the loop's own, and R(A+3); leaving writes nothing
            others = frozenset(x for x in loops if x[0] != a)
            body = _after(others, tables, captured, kill)
            edges = ((e.jump, (body[0] | {(a, prep)}, body[1], captured)),
                     (pc + 1, (loops, tables, captured)))  # fmt: skip
        else:
            new_loops, new_tables = _after(loops, tables, captured, kill)
            if op == OP_NEWTABLE and not captured >> a & 1:
                new_tables |= 1 << a
            elif op == OP_FORPREP and not captured & (7 << a):
                new_loops = new_loops | {(a, pc)}
            after = (new_loops, new_tables, captured)
            edges = [(q, after) for q in e.succ]
        for q, (lp, tb, cp) in edges:
            if not (0 <= q < size and insn[q]):
                return f"{OPCODES[op].name} at {pc}: goes to {q}, not an instruction"
            t = out_top if q == pc + e.words else _NO_TOP
            old = states[q]
            if old is None:
                new = (t, lp, tb, cp)
            else:
                new = (t if old[0] == t else _NO_TOP, old[1] & lp, old[2] & tb, old[3] | cp)
                if new == old:
                    continue
            states[q] = new
            work.append(q)
    return None


def _after(loops: frozenset, tables: int, captured: int, kill: int) -> tuple:
    """The loops and tables that still hold after an instruction changed
    the registers in kill (and those open upvalues point to, which may
    change whenever Lua code runs)."""
    kill |= captured
    if loops:
        loops = frozenset(x for x in loops if not (7 << x[0]) & kill)
    return loops, tables & ~kill
