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
"""

from __future__ import annotations

from .opcodes import (
    BITRK,
    NO_REG,
    NUM_OPCODES,
    OP_CLOSURE,
    OP_CONCAT,
    OP_FORPREP,
    OP_GETUPVAL,
    OP_JMP,
    OP_LOADBOOL,
    OP_LOADNIL,
    OP_MOVE,
    OP_RETURN,
    OP_SELF,
    OP_SETLIST,
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
    iABC,
    iABx,
    reads_top,
)
from .proto import VARARG_HASARG, VARARG_ISVARARG, VARARG_NEEDSARG, Proto

MAXSTACK = 250  # llimits.h

__all__ = ["MAXSTACK", "NO_REG", "checkcode", "symbexec"]


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
