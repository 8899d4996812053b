"""The code generator: lcode.c of Lua 5.1.5.

The parser describes each expression it has read with an ``expdesc`` and
asks this module to emit the instructions for it, as late as possible, so
that constants fold, results land in the register they are needed in, and
conditions become jumps.  Pending jumps are kept in lists threaded through
the sBx fields of the JMP instructions themselves, ended by ``NO_JUMP``.

``expdesc`` and ``FuncState`` live here rather than in the parser (as in
lparser.h) because this lower layer needs them and must not import the
parser.
"""

from __future__ import annotations

from .arith import ARITH
from .errors import LuaSyntaxError
from .opcodes import (
    BITRK,
    LFIELDS_PER_FLUSH,
    MASK_A,
    MASK_B,
    MAXARG_C,
    MAXINDEXRK,
    NO_REG,
    OP_ADD,
    OP_CONCAT,
    OP_DIV,
    OP_EQ,
    OP_GETGLOBAL,
    OP_GETTABLE,
    OP_GETUPVAL,
    OP_JMP,
    OP_LE,
    OP_LEN,
    OP_LOADBOOL,
    OP_LOADK,
    OP_LOADNIL,
    OP_LT,
    OP_MOD,
    OP_MOVE,
    OP_MUL,
    OP_NOT,
    OP_POW,
    OP_RETURN,
    OP_SELF,
    OP_SETGLOBAL,
    OP_SETLIST,
    OP_SETTABLE,
    OP_SETUPVAL,
    OP_SUB,
    OP_TEST,
    OP_TESTSET,
    OP_UNM,
    OPCODES,
    POS_A,
    POS_B,
    POS_C,
    MAXARG_Bx,
    MAXARG_sBx,
    POS_Bx,
    create_ABC,
    create_ABx,
    get_op,
    getarg_A,
    getarg_B,
    getarg_C,
    setarg_A,
    setarg_B,
    setarg_C,
    setarg_sBx,
)
from .proto import Proto

NO_JUMP = -1  # end of a patch list: an invalid address and an invalid link
LUA_MULTRET = -1
MAXSTACK = 250  # llimits.h
MAX_INT = 2**31 - 2

# expkind (lparser.h)
(
    VVOID,  # no value
    VNIL,
    VTRUE,
    VFALSE,
    VK,  # info = index of constant in 'k'
    VKNUM,  # nval = numerical value
    VLOCAL,  # info = local register
    VUPVAL,  # info = index of upvalue in 'upvalues'
    VGLOBAL,  # info = index of table; aux = index of global name in 'k'
    VINDEXED,  # info = table register; aux = index register (or 'k')
    VJMP,  # info = instruction pc
    VRELOCABLE,  # info = instruction pc
    VNONRELOC,  # info = result register
    VCALL,  # info = instruction pc
    VVARARG,  # info = instruction pc
) = range(15)

# BinOpr, UnOpr (lcode.h) -- ORDER OPR
(
    OPR_ADD, OPR_SUB, OPR_MUL, OPR_DIV, OPR_MOD, OPR_POW,
    OPR_CONCAT,
    OPR_NE, OPR_EQ,
    OPR_LT, OPR_LE, OPR_GT, OPR_GE,
    OPR_AND, OPR_OR,
    OPR_NOBINOPR,
) = range(16)  # fmt: skip
OPR_MINUS, OPR_NOT, OPR_LEN, OPR_NOUNOPR = range(4)

_TMODE = tuple(op.t_mode for op in OPCODES)
_MASK_OP = (1 << POS_A) - 1
_NOT_A = ~(MASK_A << POS_A)
_NOT_B = ~(MASK_B << POS_B)


class expdesc:
    """An expression as far as it has been compiled (lparser.h)."""

    __slots__ = ("k", "info", "aux", "nval", "t", "f")

    def __init__(self, k: int = VVOID, info: int = 0):
        self.k = k
        self.info = info
        self.aux = 0
        self.nval = 0.0
        self.t = NO_JUMP  # patch list of 'exit when true'
        self.f = NO_JUMP  # patch list of 'exit when false'

    def init(self, k: int, info: int) -> None:
        """init_exp."""
        self.f = self.t = NO_JUMP
        self.k = k
        self.info = info

    def copy_from(self, o: "expdesc") -> None:
        self.k = o.k
        self.info = o.info
        self.aux = o.aux
        self.nval = o.nval
        self.t = o.t
        self.f = o.f


class FuncState:
    """State needed to generate code for a given function (lparser.h)."""

    __slots__ = (
        "f", "h", "prev", "ls", "bl", "pc", "lasttarget", "jpc", "freereg",
        "nk", "np", "nlocvars", "nactvar", "upvalues", "actvar",
    )  # fmt: skip

    def __init__(self, ls, prev: "FuncState | None"):
        self.f = Proto()
        self.h = {}  # constant -> its index in k (the table 'h')
        self.prev = prev  # enclosing function
        self.ls = ls
        self.bl = None  # chain of current blocks
        self.pc = 0  # next position to code (equivalent to 'ncode')
        self.lasttarget = -1  # 'pc' of last 'jump target'
        self.jpc = NO_JUMP  # list of pending jumps to 'pc'
        self.freereg = 0  # first free register
        self.nk = 0
        self.np = 0
        self.nlocvars = 0
        self.nactvar = 0  # number of active local variables
        self.upvalues = []  # (k, info) of each upvalue: where to find it
        self.actvar = []  # declared-variable stack: indices into f.locvars


def isnumeral(e: expdesc) -> bool:
    return e.k == VKNUM and e.t == NO_JUMP and e.f == NO_JUMP


def hasjumps(e: expdesc) -> bool:
    return e.t != e.f


def luaK_nil(fs: FuncState, from_: int, n: int) -> None:
    if fs.pc > fs.lasttarget:  # no jumps to current position?
        if fs.pc == 0:  # function start?
            if from_ >= fs.nactvar:
                return  # positions are already clean
        else:
            code = fs.f.code
            previous = code[fs.pc - 1]
            if get_op(previous) == OP_LOADNIL:
                pfrom = getarg_A(previous)
                pto = getarg_B(previous)
                if pfrom <= from_ <= pto + 1:  # can connect both?
                    if from_ + n - 1 > pto:
                        code[fs.pc - 1] = setarg_B(previous, from_ + n - 1)
                    return
    luaK_codeABC(fs, OP_LOADNIL, from_, from_ + n - 1, 0)  # else no optimization


def luaK_jump(fs: FuncState) -> int:
    jpc = fs.jpc  # save list of jumps to here
    fs.jpc = NO_JUMP
    j = luaK_code(fs, create_ABx(OP_JMP, 0, NO_JUMP + MAXARG_sBx), fs.ls.lastline)
    if jpc != NO_JUMP:
        j = luaK_concat(fs, j, jpc)  # keep them on hold
    return j


def luaK_ret(fs: FuncState, first: int, nret: int) -> None:
    luaK_codeABC(fs, OP_RETURN, first, nret + 1, 0)


def condjump(fs: FuncState, op: int, A: int, B: int, C: int) -> int:
    luaK_codeABC(fs, op, A, B, C)
    return luaK_jump(fs)


def fixjump(fs: FuncState, pc: int, dest: int) -> None:
    offset = dest - (pc + 1)
    if abs(offset) > MAXARG_sBx:
        fs.ls.syntaxerror("control structure too long")
    code = fs.f.code
    code[pc] = setarg_sBx(code[pc], offset)


def luaK_getlabel(fs: FuncState) -> int:
    """Current pc, marked as a jump target.

    Marking it keeps luaK_nil from merging instructions that are not in the
    same basic block.
    """
    fs.lasttarget = fs.pc
    return fs.pc


def getjump(fs: FuncState, pc: int) -> int:
    offset = (fs.f.code[pc] >> POS_Bx) - MAXARG_sBx
    if offset == NO_JUMP:  # point to itself represents end of list
        return NO_JUMP
    return pc + 1 + offset  # turn offset into absolute position


def getjumpcontrol(fs: FuncState, pc: int) -> int:
    """Index of the instruction that controls the jump at pc (its test, if any)."""
    if pc >= 1 and _TMODE[fs.f.code[pc - 1] & _MASK_OP]:
        return pc - 1
    return pc


def need_value(fs: FuncState, lst: int) -> bool:
    """Does the list have a jump that produces no value (or an inverted one)?"""
    code = fs.f.code
    while lst != NO_JUMP:
        if code[getjumpcontrol(fs, lst)] & _MASK_OP != OP_TESTSET:
            return True
        lst = getjump(fs, lst)
    return False


def patchtestreg(fs: FuncState, node: int, reg: int) -> bool:
    code = fs.f.code
    idx = getjumpcontrol(fs, node)
    i = code[idx]
    if i & _MASK_OP != OP_TESTSET:
        return False  # cannot patch other instructions
    if reg != NO_REG and reg != getarg_B(i):
        code[idx] = setarg_A(i, reg)
    else:  # no register to put value or register already has the value
        code[idx] = create_ABC(OP_TEST, getarg_B(i), 0, getarg_C(i))
    return True


def removevalues(fs: FuncState, lst: int) -> None:
    while lst != NO_JUMP:
        patchtestreg(fs, lst, NO_REG)
        lst = getjump(fs, lst)


def patchlistaux(fs: FuncState, lst: int, vtarget: int, reg: int, dtarget: int) -> None:
    while lst != NO_JUMP:
        nxt = getjump(fs, lst)
        if patchtestreg(fs, lst, reg):
            fixjump(fs, lst, vtarget)
        else:
            fixjump(fs, lst, dtarget)  # jump to default target
        lst = nxt


def dischargejpc(fs: FuncState) -> None:
    patchlistaux(fs, fs.jpc, fs.pc, NO_REG, fs.pc)
    fs.jpc = NO_JUMP


def luaK_patchlist(fs: FuncState, lst: int, target: int) -> None:
    if target == fs.pc:
        luaK_patchtohere(fs, lst)
    else:
        patchlistaux(fs, lst, target, NO_REG, target)


def luaK_patchtohere(fs: FuncState, lst: int) -> None:
    fs.lasttarget = fs.pc  # luaK_getlabel
    fs.jpc = luaK_concat(fs, fs.jpc, lst)


def luaK_concat(fs: FuncState, l1: int, l2: int) -> int:
    """Append list l2 to list l1; return the new l1 (C passes l1 by pointer)."""
    if l2 == NO_JUMP:
        return l1
    if l1 == NO_JUMP:
        return l2
    lst = l1
    while True:  # find last element
        nxt = getjump(fs, lst)
        if nxt == NO_JUMP:
            break
        lst = nxt
    fixjump(fs, lst, l2)
    return l1


def luaK_checkstack(fs: FuncState, n: int) -> None:
    newstack = fs.freereg + n
    if newstack > fs.f.maxstacksize:
        if newstack >= MAXSTACK:
            fs.ls.syntaxerror("function or expression too complex")
        fs.f.maxstacksize = newstack


def luaK_reserveregs(fs: FuncState, n: int) -> None:
    newstack = fs.freereg + n
    if newstack > fs.f.maxstacksize:
        luaK_checkstack(fs, n)
    fs.freereg = newstack


def freereg(fs: FuncState, reg: int) -> None:
    if not (reg & BITRK) and reg >= fs.nactvar:
        fs.freereg -= 1


def freeexp(fs: FuncState, e: expdesc) -> None:
    if e.k == VNONRELOC:
        freereg(fs, e.info)


# -- constants --------------------------------------------------------------
# 'h' is a Lua table in C, keyed by the constant itself. A dict does the same
# for strings (bytes) and numbers (floats: 0 and -0 are one key, as in Lua),
# but True == 1.0 in Python: booleans and nil get keys of their own.

_NIL_KEY = ("nil",)
_TRUE_KEY = ("bool", True)
_FALSE_KEY = ("bool", False)


def addk(fs: FuncState, key, v) -> int:
    idx = fs.h.get(key)
    if idx is not None:
        return idx
    nk = fs.nk
    if nk >= MAXARG_Bx:  # luaM_growvector's limit
        raise_limit(fs, "constant table overflow")
    fs.h[key] = nk
    fs.f.k.append(v)
    fs.nk = nk + 1
    return nk


def raise_limit(fs: FuncState, msg: str):
    """luaM_growvector's error: a run-time error of the loader, with no position."""
    raise LuaSyntaxError(msg.encode())


def luaK_stringK(fs: FuncState, s: bytes) -> int:
    idx = fs.h.get(s)
    if idx is not None:
        return idx
    return addk(fs, s, s)


def luaK_numberK(fs: FuncState, r: float) -> int:
    idx = fs.h.get(r)
    if idx is not None:
        return idx
    return addk(fs, r, r)


def boolK(fs: FuncState, b: bool) -> int:
    return addk(fs, _TRUE_KEY if b else _FALSE_KEY, b)


def nilK(fs: FuncState) -> int:
    return addk(fs, _NIL_KEY, None)


# -- expressions --------------------------------------------------------------


def luaK_setreturns(fs: FuncState, e: expdesc, nresults: int) -> None:
    code = fs.f.code
    if e.k == VCALL:  # expression is an open function call?
        code[e.info] = setarg_C(code[e.info], nresults + 1)
    elif e.k == VVARARG:
        i = setarg_B(code[e.info], nresults + 1)
        code[e.info] = setarg_A(i, fs.freereg)
        luaK_reserveregs(fs, 1)


def luaK_setmultret(fs: FuncState, e: expdesc) -> None:
    luaK_setreturns(fs, e, LUA_MULTRET)


def luaK_setoneret(fs: FuncState, e: expdesc) -> None:
    if e.k == VCALL:  # expression is an open function call?
        e.k = VNONRELOC
        e.info = getarg_A(fs.f.code[e.info])
    elif e.k == VVARARG:
        code = fs.f.code
        code[e.info] = setarg_B(code[e.info], 2)
        e.k = VRELOCABLE  # can relocate its simple result


def luaK_dischargevars(fs: FuncState, e: expdesc) -> None:
    k = e.k
    if k == VLOCAL:
        e.k = VNONRELOC
    elif k == VUPVAL:
        e.info = luaK_codeABC(fs, OP_GETUPVAL, 0, e.info, 0)
        e.k = VRELOCABLE
    elif k == VGLOBAL:
        e.info = luaK_codeABx(fs, OP_GETGLOBAL, 0, e.info)
        e.k = VRELOCABLE
    elif k == VINDEXED:
        freereg(fs, e.aux)
        freereg(fs, e.info)
        e.info = luaK_codeABC(fs, OP_GETTABLE, 0, e.info, e.aux)
        e.k = VRELOCABLE
    elif k == VVARARG or k == VCALL:
        luaK_setoneret(fs, e)
    # else there is one value available (somewhere)


def code_label(fs: FuncState, A: int, b: int, jump: int) -> int:
    luaK_getlabel(fs)  # those instructions may be jump targets
    return luaK_codeABC(fs, OP_LOADBOOL, A, b, jump)


def discharge2reg(fs: FuncState, e: expdesc, reg: int) -> None:
    luaK_dischargevars(fs, e)
    k = e.k
    if k == VNIL:
        luaK_nil(fs, reg, 1)
    elif k == VFALSE or k == VTRUE:
        luaK_codeABC(fs, OP_LOADBOOL, reg, 1 if k == VTRUE else 0, 0)
    elif k == VK:
        luaK_codeABx(fs, OP_LOADK, reg, e.info)
    elif k == VKNUM:
        luaK_codeABx(fs, OP_LOADK, reg, luaK_numberK(fs, e.nval))
    elif k == VRELOCABLE:
        code = fs.f.code
        code[e.info] = (code[e.info] & _NOT_A) | (reg << POS_A)
    elif k == VNONRELOC:
        if reg != e.info:
            luaK_codeABC(fs, OP_MOVE, reg, e.info, 0)
    else:
        return  # VVOID or VJMP: nothing to do...
    e.info = reg
    e.k = VNONRELOC


def discharge2anyreg(fs: FuncState, e: expdesc) -> None:
    if e.k != VNONRELOC:
        luaK_reserveregs(fs, 1)
        discharge2reg(fs, e, fs.freereg - 1)


def exp2reg(fs: FuncState, e: expdesc, reg: int) -> None:
    discharge2reg(fs, e, reg)
    if e.k == VJMP:
        e.t = luaK_concat(fs, e.t, e.info)  # put this jump in 't' list
    if e.t != e.f:  # hasjumps
        p_f = NO_JUMP  # position of an eventual LOAD false
        p_t = NO_JUMP  # position of an eventual LOAD true
        if need_value(fs, e.t) or need_value(fs, e.f):
            fj = NO_JUMP if e.k == VJMP else luaK_jump(fs)
            p_f = code_label(fs, reg, 0, 1)
            p_t = code_label(fs, reg, 1, 0)
            luaK_patchtohere(fs, fj)
        final = luaK_getlabel(fs)  # position after whole expression
        patchlistaux(fs, e.f, final, reg, p_f)
        patchlistaux(fs, e.t, final, reg, p_t)
    e.f = e.t = NO_JUMP
    e.info = reg
    e.k = VNONRELOC


def luaK_exp2nextreg(fs: FuncState, e: expdesc) -> None:
    luaK_dischargevars(fs, e)
    if e.k == VNONRELOC:  # freeexp
        freereg(fs, e.info)
    luaK_reserveregs(fs, 1)
    exp2reg(fs, e, fs.freereg - 1)


def luaK_exp2anyreg(fs: FuncState, e: expdesc) -> int:
    luaK_dischargevars(fs, e)
    if e.k == VNONRELOC:
        if e.t == e.f:  # no jumps: exp is already in a register
            return e.info
        if e.info >= fs.nactvar:  # reg. is not a local?
            exp2reg(fs, e, e.info)  # put value on it
            return e.info
    luaK_exp2nextreg(fs, e)  # default
    return e.info


def luaK_exp2val(fs: FuncState, e: expdesc) -> None:
    if e.t != e.f:
        luaK_exp2anyreg(fs, e)
    else:
        luaK_dischargevars(fs, e)


def luaK_exp2RK(fs: FuncState, e: expdesc) -> int:
    luaK_exp2val(fs, e)
    k = e.k
    if k == VKNUM or k == VTRUE or k == VFALSE or k == VNIL:
        if fs.nk <= MAXINDEXRK:  # constant fit in RK operand?
            if k == VNIL:
                e.info = nilK(fs)
            elif k == VKNUM:
                e.info = luaK_numberK(fs, e.nval)
            else:
                e.info = boolK(fs, k == VTRUE)
            e.k = VK
            return e.info | BITRK
    elif k == VK:
        if e.info <= MAXINDEXRK:  # constant fit in argC?
            return e.info | BITRK
    # not a constant in the right range: put it in a register
    return luaK_exp2anyreg(fs, e)


def luaK_storevar(fs: FuncState, var: expdesc, ex: expdesc) -> None:
    k = var.k
    if k == VLOCAL:
        freeexp(fs, ex)
        exp2reg(fs, ex, var.info)
        return
    elif k == VUPVAL:
        e = luaK_exp2anyreg(fs, ex)
        luaK_codeABC(fs, OP_SETUPVAL, e, var.info, 0)
    elif k == VGLOBAL:
        e = luaK_exp2anyreg(fs, ex)
        luaK_codeABx(fs, OP_SETGLOBAL, e, var.info)
    elif k == VINDEXED:
        e = luaK_exp2RK(fs, ex)
        luaK_codeABC(fs, OP_SETTABLE, var.info, var.aux, e)
    else:
        raise AssertionError("invalid var kind to store")
    freeexp(fs, ex)


def luaK_self(fs: FuncState, e: expdesc, key: expdesc) -> None:
    luaK_exp2anyreg(fs, e)
    freeexp(fs, e)
    func = fs.freereg
    luaK_reserveregs(fs, 2)
    luaK_codeABC(fs, OP_SELF, func, e.info, luaK_exp2RK(fs, key))
    freeexp(fs, key)
    e.info = func
    e.k = VNONRELOC


def invertjump(fs: FuncState, e: expdesc) -> None:
    code = fs.f.code
    pc = getjumpcontrol(fs, e.info)
    i = code[pc]
    code[pc] = setarg_A(i, 0 if getarg_A(i) else 1)


def jumponcond(fs: FuncState, e: expdesc, cond: int) -> int:
    if e.k == VRELOCABLE:
        ie = fs.f.code[e.info]
        if get_op(ie) == OP_NOT:
            # remove previous OP_NOT
            fs.pc -= 1
            fs.f.code.pop()
            fs.f.lineinfo.pop()
            return condjump(fs, OP_TEST, getarg_B(ie), 0, 0 if cond else 1)
        # else go through
    discharge2anyreg(fs, e)
    freeexp(fs, e)
    return condjump(fs, OP_TESTSET, NO_REG, e.info, cond)


def luaK_goiftrue(fs: FuncState, e: expdesc) -> None:
    luaK_dischargevars(fs, e)
    k = e.k
    if k == VK or k == VKNUM or k == VTRUE:
        pc = NO_JUMP  # always true; do nothing
    elif k == VJMP:
        invertjump(fs, e)
        pc = e.info
    else:
        pc = jumponcond(fs, e, 0)
    e.f = luaK_concat(fs, e.f, pc)  # insert last jump in 'f' list
    luaK_patchtohere(fs, e.t)
    e.t = NO_JUMP


def luaK_goiffalse(fs: FuncState, e: expdesc) -> None:
    luaK_dischargevars(fs, e)
    k = e.k
    if k == VNIL or k == VFALSE:
        pc = NO_JUMP  # always false; do nothing
    elif k == VJMP:
        pc = e.info
    else:
        pc = jumponcond(fs, e, 1)
    e.t = luaK_concat(fs, e.t, pc)  # insert last jump in 't' list
    luaK_patchtohere(fs, e.f)
    e.f = NO_JUMP


def codenot(fs: FuncState, e: expdesc) -> None:
    luaK_dischargevars(fs, e)
    k = e.k
    if k == VNIL or k == VFALSE:
        e.k = VTRUE
    elif k == VK or k == VKNUM or k == VTRUE:
        e.k = VFALSE
    elif k == VJMP:
        invertjump(fs, e)
    elif k == VRELOCABLE or k == VNONRELOC:
        discharge2anyreg(fs, e)
        freeexp(fs, e)
        e.info = luaK_codeABC(fs, OP_NOT, 0, e.info, 0)
        e.k = VRELOCABLE
    else:
        raise AssertionError("cannot happen")
    # interchange true and false lists
    e.f, e.t = e.t, e.f
    removevalues(fs, e.f)
    removevalues(fs, e.t)


def luaK_indexed(fs: FuncState, t: expdesc, k: expdesc) -> None:
    t.aux = luaK_exp2RK(fs, k)
    t.k = VINDEXED


def constfolding(op: int, e1: expdesc, e2: expdesc) -> bool:
    if not isnumeral(e1) or not isnumeral(e2):
        return False
    v1 = e1.nval
    v2 = e2.nval
    if op == OP_LEN:
        return False  # no constant folding for 'len'
    if (op == OP_DIV or op == OP_MOD) and v2 == 0:
        return False  # do not attempt to divide by 0
    r = ARITH[op](v1, v2)  # luai_numadd ... luai_numunm, as the VM computes them
    if r != r:
        return False  # do not attempt to produce NaN
    e1.nval = r
    return True


def codearith(fs: FuncState, op: int, e1: expdesc, e2: expdesc) -> None:
    if constfolding(op, e1, e2):
        return
    o2 = luaK_exp2RK(fs, e2) if (op != OP_UNM and op != OP_LEN) else 0
    o1 = luaK_exp2RK(fs, e1)
    if o1 > o2:
        freeexp(fs, e1)
        freeexp(fs, e2)
    else:
        freeexp(fs, e2)
        freeexp(fs, e1)
    e1.info = luaK_codeABC(fs, op, 0, o1, o2)
    e1.k = VRELOCABLE


def codecomp(fs: FuncState, op: int, cond: int, e1: expdesc, e2: expdesc) -> None:
    o1 = luaK_exp2RK(fs, e1)
    o2 = luaK_exp2RK(fs, e2)
    freeexp(fs, e2)
    freeexp(fs, e1)
    if cond == 0 and op != OP_EQ:
        # exchange args to replace by '<' or '<='
        o1, o2 = o2, o1
        cond = 1
    e1.info = condjump(fs, op, cond, o1, o2)
    e1.k = VJMP


def luaK_prefix(fs: FuncState, op: int, e: expdesc) -> None:
    e2 = expdesc(VKNUM, 0)
    if op == OPR_MINUS:
        if not isnumeral(e):
            luaK_exp2anyreg(fs, e)  # cannot operate on non-numeric constants
        codearith(fs, OP_UNM, e, e2)
    elif op == OPR_NOT:
        codenot(fs, e)
    else:  # OPR_LEN
        luaK_exp2anyreg(fs, e)  # cannot operate on constants
        codearith(fs, OP_LEN, e, e2)


def luaK_infix(fs: FuncState, op: int, v: expdesc) -> None:
    if op == OPR_AND:
        luaK_goiftrue(fs, v)
    elif op == OPR_OR:
        luaK_goiffalse(fs, v)
    elif op == OPR_CONCAT:
        luaK_exp2nextreg(fs, v)  # operand must be on the 'stack'
    elif op <= OPR_POW:  # arithmetic
        if not isnumeral(v):
            luaK_exp2RK(fs, v)
    else:
        luaK_exp2RK(fs, v)


_ARITH = {
    OPR_ADD: OP_ADD, OPR_SUB: OP_SUB, OPR_MUL: OP_MUL,
    OPR_DIV: OP_DIV, OPR_MOD: OP_MOD, OPR_POW: OP_POW,
}  # fmt: skip
_COMP = {
    OPR_EQ: (OP_EQ, 1), OPR_NE: (OP_EQ, 0), OPR_LT: (OP_LT, 1),
    OPR_LE: (OP_LE, 1), OPR_GT: (OP_LT, 0), OPR_GE: (OP_LE, 0),
}  # fmt: skip


def luaK_posfix(fs: FuncState, op: int, e1: expdesc, e2: expdesc) -> None:
    if op == OPR_AND:
        luaK_dischargevars(fs, e2)
        e2.f = luaK_concat(fs, e2.f, e1.f)
        e1.copy_from(e2)
    elif op == OPR_OR:
        luaK_dischargevars(fs, e2)
        e2.t = luaK_concat(fs, e2.t, e1.t)
        e1.copy_from(e2)
    elif op == OPR_CONCAT:
        luaK_exp2val(fs, e2)
        code = fs.f.code
        if e2.k == VRELOCABLE and get_op(code[e2.info]) == OP_CONCAT:
            freeexp(fs, e1)
            code[e2.info] = setarg_B(code[e2.info], e1.info)
            e1.k = VRELOCABLE
            e1.info = e2.info
        else:
            luaK_exp2nextreg(fs, e2)  # operand must be on the 'stack'
            codearith(fs, OP_CONCAT, e1, e2)
    elif op in _ARITH:
        codearith(fs, _ARITH[op], e1, e2)
    else:
        o, cond = _COMP[op]
        codecomp(fs, o, cond, e1, e2)


def luaK_fixline(fs: FuncState, line: int) -> None:
    fs.f.lineinfo[fs.pc - 1] = line


def luaK_code(fs: FuncState, i: int, line: int) -> int:
    if fs.jpc != NO_JUMP:
        dischargejpc(fs)  # 'pc' will change
    f = fs.f
    f.code.append(i)
    f.lineinfo.append(line)
    pc = fs.pc
    fs.pc = pc + 1
    return pc


def luaK_codeABC(fs: FuncState, o: int, a: int, b: int, c: int) -> int:
    return luaK_code(fs, o | (a << POS_A) | (b << POS_B) | (c << POS_C), fs.ls.lastline)


def luaK_codeABx(fs: FuncState, o: int, a: int, bc: int) -> int:
    return luaK_code(fs, o | (a << POS_A) | (bc << POS_Bx), fs.ls.lastline)


def luaK_codeAsBx(fs: FuncState, o: int, a: int, sbx: int) -> int:
    return luaK_codeABx(fs, o, a, sbx + MAXARG_sBx)


def luaK_setlist(fs: FuncState, base: int, nelems: int, tostore: int) -> None:
    c = (nelems - 1) // LFIELDS_PER_FLUSH + 1
    b = 0 if tostore == LUA_MULTRET else tostore
    if c <= MAXARG_C:
        luaK_codeABC(fs, OP_SETLIST, base, b, c)
    else:
        luaK_codeABC(fs, OP_SETLIST, base, b, 0)
        luaK_code(fs, c, fs.ls.lastline)
    fs.freereg = base + 1  # free registers with list values


def int2fb(x: int) -> int:
    """luaO_int2fb: x as a 'floating point byte' (eeeeexxx)."""
    e = 0  # exponent
    while x >= 16:
        x = (x + 1) >> 1
        e += 1
    if x < 8:
        return x
    return ((e + 1) << 3) | (x - 8)
