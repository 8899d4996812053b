"""The parser: lparser.c of Lua 5.1.5.

A single pass: each grammar rule reads its tokens and has ``code`` emit the
instructions at once, so the result is the same ``Proto`` that ``luac5.1``
builds, instruction for instruction.  The one entry point is ``compile``.
"""

from __future__ import annotations

import sys
from array import array
from builtins import compile as compile_py

from . import code as K
from .code import (
    LUA_MULTRET,
    MAX_INT,
    NO_JUMP,
    OPR_ADD,
    OPR_AND,
    OPR_CONCAT,
    OPR_DIV,
    OPR_EQ,
    OPR_GE,
    OPR_GT,
    OPR_LE,
    OPR_LEN,
    OPR_LT,
    OPR_MINUS,
    OPR_MOD,
    OPR_MUL,
    OPR_NE,
    OPR_NOBINOPR,
    OPR_NOT,
    OPR_NOUNOPR,
    OPR_OR,
    OPR_POW,
    OPR_SUB,
    VCALL,
    VFALSE,
    VGLOBAL,
    VINDEXED,
    VK,
    VKNUM,
    VLOCAL,
    VNIL,
    VNONRELOC,
    VRELOCABLE,
    VTRUE,
    VUPVAL,
    VVARARG,
    VVOID,
    FuncState,
    expdesc,
    luaK_checkstack,
    luaK_codeABC,
    luaK_codeABx,
    luaK_codeAsBx,
    luaK_concat,
    luaK_exp2anyreg,
    luaK_exp2nextreg,
    luaK_exp2RK,
    luaK_exp2val,
    luaK_fixline,
    luaK_getlabel,
    luaK_indexed,
    luaK_infix,
    luaK_jump,
    luaK_nil,
    luaK_numberK,
    luaK_patchlist,
    luaK_patchtohere,
    luaK_posfix,
    luaK_prefix,
    luaK_reserveregs,
    luaK_ret,
    luaK_self,
    luaK_setlist,
    luaK_setmultret,
    luaK_setoneret,
    luaK_setreturns,
    luaK_storevar,
    luaK_stringK,
)
from .errors import LuaSyntaxError
from .lexer import (
    TK_AND,
    TK_BREAK,
    TK_CONCAT,
    TK_DO,
    TK_DOTS,
    TK_ELSE,
    TK_ELSEIF,
    TK_END,
    TK_EOS,
    TK_EQ,
    TK_FALSE,
    TK_FOR,
    TK_FUNCTION,
    TK_GE,
    TK_IF,
    TK_IN,
    TK_LE,
    TK_LOCAL,
    TK_NAME,
    TK_NE,
    TK_NIL,
    TK_NOT,
    TK_NUMBER,
    TK_OR,
    TK_REPEAT,
    TK_RETURN,
    TK_STRING,
    TK_THEN,
    TK_TRUE,
    TK_UNTIL,
    TK_WHILE,
    LexState,
    luaX_token2str,
)
from .opcodes import (
    LFIELDS_PER_FLUSH,
    OP_CALL,
    OP_CLOSE,
    OP_CLOSURE,
    OP_FORLOOP,
    OP_FORPREP,
    OP_GETUPVAL,
    OP_LOADK,
    OP_MOVE,
    OP_NEWTABLE,
    OP_SETTABLE,
    OP_TAILCALL,
    OP_TFORLOOP,
    OP_VARARG,
    MAXARG_Bx,
    set_op,
    setarg_B,
    setarg_C,
)
from .proto import VARARG_HASARG, VARARG_ISVARARG, VARARG_NEEDSARG, LocVar, Proto

__all__ = ["compile", "LuaSyntaxError"]

LUAI_MAXCCALLS = 200  # luaconf.h: nesting of syntactic levels (shared with C calls)
LUAI_MAXVARS = 200  # local variables per function
LUAI_MAXUPVALUES = 60  # upvalues per function
SHRT_MAX = 32767  # limit of f->locvars

# Python frames per Lua syntax level stay below this; compile() makes room.
_RECURSION_NEEDED = 8 * LUAI_MAXCCALLS + 1000


class BlockCnt:
    """A node of the list of active blocks."""

    __slots__ = ("previous", "breaklist", "nactvar", "upval", "isbreakable")

    def __init__(self):
        self.previous = None  # chain
        self.breaklist = NO_JUMP  # list of jumps out of this loop
        self.nactvar = 0  # number of active locals outside the breakable structure
        self.upval = False  # true if some variable in the block is an upvalue
        self.isbreakable = False  # true if 'block' is a loop


def hasmultret(k: int) -> bool:
    return k == VCALL or k == VVARARG


def getlocvar(fs: FuncState, i: int) -> LocVar:
    return fs.f.locvars[fs.actvar[i]]


def error_expected(ls: LexState, token: int):
    ls.syntaxerror(b"'%s' expected" % luaX_token2str(token))


def errorlimit(fs: FuncState, limit: int, what: str):
    if fs.f.linedefined == 0:
        msg = "main function has more than %d %s" % (limit, what)
    else:
        msg = "function at line %d has more than %d %s" % (fs.f.linedefined, limit, what)
    fs.ls.lexerror(msg, 0)


def checklimit(fs: FuncState, v: int, limit: int, what: str) -> None:
    if v > limit:
        errorlimit(fs, limit, what)


def testnext(ls: LexState, c: int) -> bool:
    if ls.t == c:
        ls.next()
        return True
    return False


def check(ls: LexState, c: int) -> None:
    if ls.t != c:
        error_expected(ls, c)


def checknext(ls: LexState, c: int) -> None:
    if ls.t != c:
        error_expected(ls, c)
    ls.next()


def check_condition(ls: LexState, c, msg: str) -> None:
    if not c:
        ls.syntaxerror(msg)


def check_match(ls: LexState, what: int, who: int, where: int) -> None:
    if ls.t == what:
        ls.next()
        return
    if where == ls.linenumber:
        error_expected(ls, what)
    else:
        ls.syntaxerror(
            b"'%s' expected (to close '%s' at line %d)"
            % (luaX_token2str(what), luaX_token2str(who), where)
        )


def str_checkname(ls: LexState) -> bytes:
    if ls.t != TK_NAME:
        error_expected(ls, TK_NAME)
    ts = ls.seminfo
    ls.next()
    return ts


def codestring(ls: LexState, e: expdesc, s: bytes) -> None:
    e.init(VK, luaK_stringK(ls.fs, s))


def checkname(ls: LexState, e: expdesc) -> None:
    codestring(ls, e, str_checkname(ls))


def registerlocalvar(ls: LexState, varname: bytes) -> int:
    fs = ls.fs
    if fs.nlocvars >= SHRT_MAX:  # luaM_growvector's limit
        K.raise_limit(fs, "too many local variables")
    fs.f.locvars.append(LocVar(varname, 0, 0))
    fs.nlocvars += 1
    return fs.nlocvars - 1


def new_localvar(ls: LexState, name: bytes, n: int) -> None:
    fs = ls.fs
    checklimit(fs, fs.nactvar + n + 1, LUAI_MAXVARS, "local variables")
    fs.actvar[fs.nactvar + n] = registerlocalvar(ls, name)


def adjustlocalvars(ls: LexState, nvars: int) -> None:
    fs = ls.fs
    fs.nactvar += nvars
    locvars = fs.f.locvars
    actvar = fs.actvar
    pc = fs.pc
    for i in range(fs.nactvar - nvars, fs.nactvar):
        locvars[actvar[i]].startpc = pc


def removevars(ls: LexState, tolevel: int) -> None:
    fs = ls.fs
    while fs.nactvar > tolevel:
        fs.nactvar -= 1
        getlocvar(fs, fs.nactvar).endpc = fs.pc


def indexupvalue(fs: FuncState, name: bytes, v: expdesc) -> int:
    f = fs.f
    key = (v.k, v.info)
    upvalues = fs.upvalues
    for i in range(f.nups):
        if upvalues[i] == key:
            return i
    # new one
    checklimit(fs, f.nups + 1, LUAI_MAXUPVALUES, "upvalues")
    f.upvalues.append(name)
    upvalues.append(key)
    f.nups += 1
    return f.nups - 1


def searchvar(fs: FuncState, n: bytes) -> int:
    locvars = fs.f.locvars
    actvar = fs.actvar
    for i in range(fs.nactvar - 1, -1, -1):
        if n == locvars[actvar[i]].varname:
            return i
    return -1  # not found


def markupval(fs: FuncState, level: int) -> None:
    bl = fs.bl
    while bl is not None and bl.nactvar > level:
        bl = bl.previous
    if bl is not None:
        bl.upval = True


def singlevaraux(fs: FuncState | None, n: bytes, var: expdesc, base: int) -> int:
    if fs is None:  # no more levels?
        var.init(VGLOBAL, K.NO_REG)  # default is global variable
        return VGLOBAL
    v = searchvar(fs, n)  # look up at current level
    if v >= 0:
        var.init(VLOCAL, v)
        if not base:
            markupval(fs, v)  # local will be used as an upval
        return VLOCAL
    # not found at current level; try upper one
    if singlevaraux(fs.prev, n, var, 0) == VGLOBAL:
        return VGLOBAL
    var.info = indexupvalue(fs, n, var)  # else was LOCAL or UPVAL
    var.k = VUPVAL  # upvalue in this level
    return VUPVAL


def singlevar(ls: LexState, var: expdesc) -> None:
    varname = str_checkname(ls)
    fs = ls.fs
    if singlevaraux(fs, varname, var, 1) == VGLOBAL:
        var.info = luaK_stringK(fs, varname)  # info points to global name


def adjust_assign(ls: LexState, nvars: int, nexps: int, e: expdesc) -> None:
    fs = ls.fs
    extra = nvars - nexps
    if hasmultret(e.k):
        extra += 1  # includes call itself
        if extra < 0:
            extra = 0
        luaK_setreturns(fs, e, extra)  # last exp. provides the difference
        if extra > 1:
            luaK_reserveregs(fs, extra - 1)
    else:
        if e.k != VVOID:
            luaK_exp2nextreg(fs, e)  # close last expression
        if extra > 0:
            reg = fs.freereg
            luaK_reserveregs(fs, extra)
            luaK_nil(fs, reg, extra)


def enterlevel(ls: LexState) -> None:
    ls.nCcalls += 1
    if ls.nCcalls > LUAI_MAXCCALLS:
        ls.lexerror("chunk has too many syntax levels", 0)


def enterblock(fs: FuncState, bl: BlockCnt, isbreakable: bool) -> None:
    bl.breaklist = NO_JUMP
    bl.isbreakable = isbreakable
    bl.nactvar = fs.nactvar
    bl.upval = False
    bl.previous = fs.bl
    fs.bl = bl


def leaveblock(fs: FuncState) -> None:
    bl = fs.bl
    fs.bl = bl.previous
    removevars(fs.ls, bl.nactvar)
    if bl.upval:
        luaK_codeABC(fs, OP_CLOSE, bl.nactvar, 0, 0)
    # a block either controls scope or breaks (never both)
    fs.freereg = fs.nactvar  # free registers
    luaK_patchtohere(fs, bl.breaklist)


def pushclosure(ls: LexState, func: FuncState, v: expdesc) -> None:
    fs = ls.fs
    f = fs.f
    if fs.np >= MAXARG_Bx:  # luaM_growvector's limit
        K.raise_limit(fs, "constant table overflow")
    f.p.append(func.f)
    fs.np += 1
    v.init(VRELOCABLE, luaK_codeABx(fs, OP_CLOSURE, 0, fs.np - 1))
    for k, info in func.upvalues:
        o = OP_MOVE if k == VLOCAL else OP_GETUPVAL
        luaK_codeABC(fs, o, 0, info, 0)


def open_func(ls: LexState) -> FuncState:
    fs = FuncState(ls, ls.fs)
    fs.actvar = [0] * LUAI_MAXVARS
    ls.fs = fs
    # code words and lines as C keeps them, 4 bytes each (a big chunk's
    # function has millions)
    fs.f.code = array("I")
    fs.f.lineinfo = array("i")
    fs.f.source = ls.source
    fs.f.maxstacksize = 2  # registers 0/1 are always valid
    return fs


def close_func(ls: LexState) -> None:
    fs = ls.fs
    removevars(ls, 0)
    luaK_ret(fs, 0, 0)  # final return
    ls.fs = fs.prev


def parse(ls: LexState) -> Proto:
    """luaY_parser, once the lexer is set up."""
    fs = open_func(ls)
    fs.f.is_vararg = VARARG_ISVARARG  # main func. is always vararg
    ls.next()  # read first token
    chunk(ls)
    check(ls, TK_EOS)
    close_func(ls)
    return fs.f


# ============================================================
# GRAMMAR RULES
# ============================================================


def field(ls: LexState, v: expdesc) -> None:
    # field -> ['.' | ':'] NAME
    fs = ls.fs
    key = expdesc()
    luaK_exp2anyreg(fs, v)
    ls.next()  # skip the dot or colon
    checkname(ls, key)
    luaK_indexed(fs, v, key)


def yindex(ls: LexState, v: expdesc) -> None:
    # index -> '[' expr ']'
    ls.next()  # skip the '['
    expr(ls, v)
    luaK_exp2val(ls.fs, v)
    checknext(ls, 93)  # ']'


# -- Rules for Constructors ---------------------------------------------------


class ConsControl:
    __slots__ = ("v", "t", "nh", "na", "tostore")

    def __init__(self, t: expdesc):
        self.v = expdesc()  # last list item read
        self.t = t  # table descriptor
        self.nh = 0  # total number of 'record' elements
        self.na = 0  # total number of array elements
        self.tostore = 0  # number of array elements pending to be stored


def recfield(ls: LexState, cc: ConsControl) -> None:
    # recfield -> (NAME | '['exp1']') = exp1
    fs = ls.fs
    reg = fs.freereg
    key = expdesc()
    val = expdesc()
    if ls.t == TK_NAME:
        checklimit(fs, cc.nh, MAX_INT, "items in a constructor")
        checkname(ls, key)
    else:  # ls.t == '['
        yindex(ls, key)
    cc.nh += 1
    checknext(ls, 61)  # '='
    rkkey = luaK_exp2RK(fs, key)
    expr(ls, val)
    luaK_codeABC(fs, OP_SETTABLE, cc.t.info, rkkey, luaK_exp2RK(fs, val))
    fs.freereg = reg  # free registers


def closelistfield(fs: FuncState, cc: ConsControl) -> None:
    if cc.v.k == VVOID:
        return  # there is no list item
    luaK_exp2nextreg(fs, cc.v)
    cc.v.k = VVOID
    if cc.tostore == LFIELDS_PER_FLUSH:
        luaK_setlist(fs, cc.t.info, cc.na, cc.tostore)  # flush
        cc.tostore = 0  # no more items pending


def lastlistfield(fs: FuncState, cc: ConsControl) -> None:
    if cc.tostore == 0:
        return
    if hasmultret(cc.v.k):
        luaK_setmultret(fs, cc.v)
        luaK_setlist(fs, cc.t.info, cc.na, LUA_MULTRET)
        cc.na -= 1  # do not count last expression (unknown number of elements)
    else:
        if cc.v.k != VVOID:
            luaK_exp2nextreg(fs, cc.v)
        luaK_setlist(fs, cc.t.info, cc.na, cc.tostore)


def listfield(ls: LexState, cc: ConsControl) -> None:
    expr(ls, cc.v)
    checklimit(ls.fs, cc.na, MAX_INT, "items in a constructor")
    cc.na += 1
    cc.tostore += 1


def constructor(ls: LexState, t: expdesc) -> None:
    # constructor -> '{' [ field { fieldsep field } [ fieldsep ] ] '}'
    # field -> recfield | listfield ; fieldsep -> ',' | ';'
    fs = ls.fs
    line = ls.linenumber
    pc = luaK_codeABC(fs, OP_NEWTABLE, 0, 0, 0)
    cc = ConsControl(t)
    t.init(VRELOCABLE, pc)
    luaK_exp2nextreg(fs, t)  # fix it at stack top (for gc)
    checknext(ls, 123)  # '{'
    while True:
        if ls.t == 125:  # '}'
            break
        closelistfield(fs, cc)
        tok = ls.t
        if tok == TK_NAME:  # may be listfields or recfields
            ls.look_ahead()
            if ls.lookahead != 61:  # expression?
                listfield(ls, cc)
            else:
                recfield(ls, cc)
        elif tok == 91:  # '[': constructor_item -> recfield
            recfield(ls, cc)
        else:  # constructor_part -> listfield
            listfield(ls, cc)
        if not (testnext(ls, 44) or testnext(ls, 59)):  # ',' or ';'
            break
    check_match(ls, 125, 123, line)
    lastlistfield(fs, cc)
    code = fs.f.code
    code[pc] = setarg_B(code[pc], K.int2fb(cc.na))  # set initial array size
    code[pc] = setarg_C(code[pc], K.int2fb(cc.nh))  # set initial table size


# -----------------------------------------------------------------------------


def parlist(ls: LexState) -> None:
    # parlist -> [ param { ',' param } ]
    fs = ls.fs
    f = fs.f
    nparams = 0
    f.is_vararg = 0
    if ls.t != 41:  # is 'parlist' not empty?
        while True:
            if ls.t == TK_NAME:  # param -> NAME
                new_localvar(ls, str_checkname(ls), nparams)
                nparams += 1
            elif ls.t == TK_DOTS:  # param -> '...'
                ls.next()
                # LUA_COMPAT_VARARG: use 'arg' as default name
                new_localvar(ls, b"arg", nparams)
                nparams += 1
                f.is_vararg = VARARG_HASARG | VARARG_NEEDSARG
                f.is_vararg |= VARARG_ISVARARG
            else:
                ls.syntaxerror("<name> or '...' expected")
            if f.is_vararg or not testnext(ls, 44):
                break
    adjustlocalvars(ls, nparams)
    f.numparams = fs.nactvar - (f.is_vararg & VARARG_HASARG)
    luaK_reserveregs(fs, fs.nactvar)  # reserve register for parameters


def body(ls: LexState, e: expdesc, needself: bool, line: int) -> None:
    # body ->  '(' parlist ')' chunk END
    new_fs = open_func(ls)
    new_fs.f.linedefined = line
    checknext(ls, 40)  # '('
    if needself:
        new_localvar(ls, b"self", 0)
        adjustlocalvars(ls, 1)
    parlist(ls)
    checknext(ls, 41)  # ')'
    chunk(ls)
    new_fs.f.lastlinedefined = ls.linenumber
    check_match(ls, TK_END, TK_FUNCTION, line)
    close_func(ls)
    pushclosure(ls, new_fs, e)


def explist1(ls: LexState, v: expdesc) -> int:
    # explist1 -> expr { ',' expr }
    n = 1  # at least one expression
    expr(ls, v)
    while ls.t == 44:  # ','
        ls.next()
        luaK_exp2nextreg(ls.fs, v)
        expr(ls, v)
        n += 1
    return n


def funcargs(ls: LexState, f: expdesc) -> None:
    fs = ls.fs
    args = expdesc()
    line = ls.linenumber
    tok = ls.t
    if tok == 40:  # funcargs -> '(' [ explist1 ] ')'
        if line != ls.lastline:
            ls.syntaxerror("ambiguous syntax (function call x new statement)")
        ls.next()
        if ls.t == 41:  # arg list is empty?
            args.k = VVOID
        else:
            explist1(ls, args)
            luaK_setmultret(fs, args)
        check_match(ls, 41, 40, line)
    elif tok == 123:  # funcargs -> constructor
        constructor(ls, args)
    elif tok == TK_STRING:  # funcargs -> STRING
        codestring(ls, args, ls.seminfo)
        ls.next()  # must use 'seminfo' before 'next'
    else:
        ls.syntaxerror("function arguments expected")
    base = f.info  # base register for call
    if hasmultret(args.k):
        nparams = LUA_MULTRET  # open call
    else:
        if args.k != VVOID:
            luaK_exp2nextreg(fs, args)  # close last argument
        nparams = fs.freereg - (base + 1)
    f.init(VCALL, luaK_codeABC(fs, OP_CALL, base, nparams + 1, 2))
    luaK_fixline(fs, line)
    # call removes function and arguments and leaves (unless changed) one result
    fs.freereg = base + 1


# -- Expression parsing ---------------------------------------------------------


def prefixexp(ls: LexState, v: expdesc) -> None:
    # prefixexp -> NAME | '(' expr ')'
    tok = ls.t
    if tok == TK_NAME:
        singlevar(ls, v)
    elif tok == 40:  # '('
        line = ls.linenumber
        ls.next()
        expr(ls, v)
        check_match(ls, 41, 40, line)
        K.luaK_dischargevars(ls.fs, v)
    else:
        ls.syntaxerror("unexpected symbol")


def primaryexp(ls: LexState, v: expdesc) -> None:
    # primaryexp ->
    #    prefixexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs }
    fs = ls.fs
    prefixexp(ls, v)
    while True:
        tok = ls.t
        if tok == 46:  # '.': field
            field(ls, v)
        elif tok == 91:  # '[' exp1 ']'
            key = expdesc()
            luaK_exp2anyreg(fs, v)
            yindex(ls, key)
            luaK_indexed(fs, v, key)
        elif tok == 58:  # ':' NAME funcargs
            key = expdesc()
            ls.next()
            checkname(ls, key)
            luaK_self(fs, v, key)
            funcargs(ls, v)
        elif tok == 40 or tok == TK_STRING or tok == 123:  # funcargs
            luaK_exp2nextreg(fs, v)
            funcargs(ls, v)
        else:
            return


def simpleexp(ls: LexState, v: expdesc) -> None:
    # simpleexp -> NUMBER | STRING | NIL | true | false | ... |
    #              constructor | FUNCTION body | primaryexp
    tok = ls.t
    if tok == TK_NUMBER:
        v.init(VKNUM, 0)
        v.nval = ls.seminfo
    elif tok == TK_STRING:
        codestring(ls, v, ls.seminfo)
    elif tok == TK_NIL:
        v.init(VNIL, 0)
    elif tok == TK_TRUE:
        v.init(VTRUE, 0)
    elif tok == TK_FALSE:
        v.init(VFALSE, 0)
    elif tok == TK_DOTS:  # vararg
        fs = ls.fs
        check_condition(ls, fs.f.is_vararg, "cannot use '...' outside a vararg function")
        fs.f.is_vararg &= ~VARARG_NEEDSARG  # don't need 'arg'
        v.init(VVARARG, luaK_codeABC(fs, OP_VARARG, 0, 1, 0))
    elif tok == 123:  # constructor
        constructor(ls, v)
        return
    elif tok == TK_FUNCTION:
        ls.next()
        body(ls, v, False, ls.linenumber)
        return
    else:
        primaryexp(ls, v)
        return
    ls.next()


_UNOPR = {TK_NOT: OPR_NOT, 45: OPR_MINUS, 35: OPR_LEN}

_BINOPR = {
    43: OPR_ADD, 45: OPR_SUB, 42: OPR_MUL, 47: OPR_DIV, 37: OPR_MOD, 94: OPR_POW,
    TK_CONCAT: OPR_CONCAT, TK_NE: OPR_NE, TK_EQ: OPR_EQ,
    60: OPR_LT, TK_LE: OPR_LE, 62: OPR_GT, TK_GE: OPR_GE,
    TK_AND: OPR_AND, TK_OR: OPR_OR,
}  # fmt: skip

# left and right priority of each binary operator, ORDER OPR
_LEFT = (6, 6, 7, 7, 7, 10, 5, 3, 3, 3, 3, 3, 3, 2, 1)
_RIGHT = (6, 6, 7, 7, 7, 9, 4, 3, 3, 3, 3, 3, 3, 2, 1)
UNARY_PRIORITY = 8  # priority for unary operators


def subexpr(ls: LexState, v: expdesc, limit: int) -> int:
    # subexpr -> (simpleexp | unop subexpr) { binop subexpr }
    # where 'binop' is any binary operator with a priority higher than 'limit'
    ls.nCcalls += 1  # enterlevel
    if ls.nCcalls > LUAI_MAXCCALLS:
        ls.lexerror("chunk has too many syntax levels", 0)
    uop = _UNOPR.get(ls.t, OPR_NOUNOPR)
    if uop != OPR_NOUNOPR:
        ls.next()
        subexpr(ls, v, UNARY_PRIORITY)
        luaK_prefix(ls.fs, uop, v)
    else:
        simpleexp(ls, v)
    # expand while operators have priorities higher than 'limit'
    op = _BINOPR.get(ls.t, OPR_NOBINOPR)
    while op != OPR_NOBINOPR and _LEFT[op] > limit:
        v2 = expdesc()
        ls.next()
        luaK_infix(ls.fs, op, v)
        # read sub-expression with higher priority
        nextop = subexpr(ls, v2, _RIGHT[op])
        luaK_posfix(ls.fs, op, v, v2)
        op = nextop
    ls.nCcalls -= 1  # leavelevel
    return op  # return first untreated operator


def expr(ls: LexState, v: expdesc) -> None:
    subexpr(ls, v, 0)


# -- Rules for Statements -------------------------------------------------------

_BLOCK_FOLLOW = frozenset((TK_ELSE, TK_ELSEIF, TK_END, TK_UNTIL, TK_EOS))


def block(ls: LexState) -> None:
    # block -> chunk
    fs = ls.fs
    bl = BlockCnt()
    enterblock(fs, bl, False)
    chunk(ls)
    leaveblock(fs)


class LHS_assign:
    """A variable on the left-hand side of an assignment, chained to the previous ones."""

    __slots__ = ("prev", "v")

    def __init__(self, prev):
        self.prev = prev
        self.v = expdesc()  # variable (global, local, upvalue, or indexed)


def check_conflict(ls: LexState, lh: LHS_assign | None, v: expdesc) -> None:
    """Protect a local assigned to in a multiple assignment that a previous
    table index in the same assignment still needs: use a copy there."""
    fs = ls.fs
    extra = fs.freereg  # eventual position to save local variable
    conflict = False
    while lh is not None:
        lv = lh.v
        if lv.k == VINDEXED:
            if lv.info == v.info:  # conflict?
                conflict = True
                lv.info = extra  # previous assignment will use safe copy
            if lv.aux == v.info:  # conflict?
                conflict = True
                lv.aux = extra  # previous assignment will use safe copy
        lh = lh.prev
    if conflict:
        luaK_codeABC(fs, OP_MOVE, fs.freereg, v.info, 0)  # make copy
        luaK_reserveregs(fs, 1)


def assignment(ls: LexState, lh: LHS_assign, nvars: int) -> None:
    e = expdesc()
    check_condition(ls, VLOCAL <= lh.v.k <= VINDEXED, "syntax error")
    if testnext(ls, 44):  # assignment -> ',' primaryexp assignment
        nv = LHS_assign(lh)
        primaryexp(ls, nv.v)
        if nv.v.k == VLOCAL:
            check_conflict(ls, lh, nv.v)
        checklimit(ls.fs, nvars, LUAI_MAXCCALLS - ls.nCcalls, "variables in assignment")
        assignment(ls, nv, nvars + 1)
    else:  # assignment -> '=' explist1
        checknext(ls, 61)
        nexps = explist1(ls, e)
        if nexps != nvars:
            adjust_assign(ls, nvars, nexps, e)
            if nexps > nvars:
                ls.fs.freereg -= nexps - nvars  # remove extra values
        else:
            luaK_setoneret(ls.fs, e)  # close last expression
            luaK_storevar(ls.fs, lh.v, e)
            return  # avoid default
    e.init(VNONRELOC, ls.fs.freereg - 1)  # default assignment
    luaK_storevar(ls.fs, lh.v, e)


def cond(ls: LexState) -> int:
    # cond -> exp
    v = expdesc()
    expr(ls, v)  # read condition
    if v.k == VNIL:
        v.k = VFALSE  # 'falses' are all equal here
    K.luaK_goiftrue(ls.fs, v)
    return v.f


def breakstat(ls: LexState) -> None:
    fs = ls.fs
    bl = fs.bl
    upval = False
    while bl is not None and not bl.isbreakable:
        upval = upval or bl.upval
        bl = bl.previous
    if bl is None:
        ls.syntaxerror("no loop to break")
    if upval:
        luaK_codeABC(fs, OP_CLOSE, bl.nactvar, 0, 0)
    bl.breaklist = luaK_concat(fs, bl.breaklist, luaK_jump(fs))


def whilestat(ls: LexState, line: int) -> None:
    # whilestat -> WHILE cond DO block END
    fs = ls.fs
    bl = BlockCnt()
    ls.next()  # skip WHILE
    whileinit = luaK_getlabel(fs)
    condexit = cond(ls)
    enterblock(fs, bl, True)
    checknext(ls, TK_DO)
    block(ls)
    luaK_patchlist(fs, luaK_jump(fs), whileinit)
    check_match(ls, TK_END, TK_WHILE, line)
    leaveblock(fs)
    luaK_patchtohere(fs, condexit)  # false conditions finish the loop


def repeatstat(ls: LexState, line: int) -> None:
    # repeatstat -> REPEAT block UNTIL cond
    fs = ls.fs
    repeat_init = luaK_getlabel(fs)
    bl1 = BlockCnt()
    bl2 = BlockCnt()
    enterblock(fs, bl1, True)  # loop block
    enterblock(fs, bl2, False)  # scope block
    ls.next()  # skip REPEAT
    chunk(ls)
    check_match(ls, TK_UNTIL, TK_REPEAT, line)
    condexit = cond(ls)  # read condition (inside scope block)
    if not bl2.upval:  # no upvalues?
        leaveblock(fs)  # finish scope
        luaK_patchlist(ls.fs, condexit, repeat_init)  # close the loop
    else:  # complete semantics when there are upvalues
        breakstat(ls)  # if condition then break
        luaK_patchtohere(ls.fs, condexit)  # else...
        leaveblock(fs)  # finish scope...
        luaK_patchlist(ls.fs, luaK_jump(fs), repeat_init)  # and repeat
    leaveblock(fs)  # finish loop


def exp1(ls: LexState) -> int:
    e = expdesc()
    expr(ls, e)
    k = e.k
    luaK_exp2nextreg(ls.fs, e)
    return k


def forbody(ls: LexState, base: int, line: int, nvars: int, isnum: bool) -> None:
    # forbody -> DO block
    bl = BlockCnt()
    fs = ls.fs
    adjustlocalvars(ls, 3)  # control variables
    checknext(ls, TK_DO)
    prep = luaK_codeAsBx(fs, OP_FORPREP, base, NO_JUMP) if isnum else luaK_jump(fs)
    enterblock(fs, bl, False)  # scope for declared variables
    adjustlocalvars(ls, nvars)
    luaK_reserveregs(fs, nvars)
    block(ls)
    leaveblock(fs)  # end of scope for declared variables
    luaK_patchtohere(fs, prep)
    if isnum:
        endfor = luaK_codeAsBx(fs, OP_FORLOOP, base, NO_JUMP)
    else:
        endfor = luaK_codeABC(fs, OP_TFORLOOP, base, 0, nvars)
    luaK_fixline(fs, line)  # pretend that 'OP_FOR' starts the loop
    luaK_patchlist(fs, endfor if isnum else luaK_jump(fs), prep + 1)


def fornum(ls: LexState, varname: bytes, line: int) -> None:
    # fornum -> NAME = exp1,exp1[,exp1] forbody
    fs = ls.fs
    base = fs.freereg
    new_localvar(ls, b"(for index)", 0)
    new_localvar(ls, b"(for limit)", 1)
    new_localvar(ls, b"(for step)", 2)
    new_localvar(ls, varname, 3)
    checknext(ls, 61)  # '='
    exp1(ls)  # initial value
    checknext(ls, 44)  # ','
    exp1(ls)  # limit
    if testnext(ls, 44):
        exp1(ls)  # optional step
    else:  # default step = 1
        luaK_codeABx(fs, OP_LOADK, fs.freereg, luaK_numberK(fs, 1.0))
        luaK_reserveregs(fs, 1)
    forbody(ls, base, line, 1, True)


def forlist(ls: LexState, indexname: bytes) -> None:
    # forlist -> NAME {,NAME} IN explist1 forbody
    fs = ls.fs
    e = expdesc()
    base = fs.freereg
    # create control variables
    new_localvar(ls, b"(for generator)", 0)
    new_localvar(ls, b"(for state)", 1)
    new_localvar(ls, b"(for control)", 2)
    # create declared variables
    new_localvar(ls, indexname, 3)
    nvars = 4
    while testnext(ls, 44):
        new_localvar(ls, str_checkname(ls), nvars)
        nvars += 1
    checknext(ls, TK_IN)
    line = ls.linenumber
    adjust_assign(ls, 3, explist1(ls, e), e)
    luaK_checkstack(fs, 3)  # extra space to call generator
    forbody(ls, base, line, nvars - 3, False)


def forstat(ls: LexState, line: int) -> None:
    # forstat -> FOR (fornum | forlist) END
    fs = ls.fs
    bl = BlockCnt()
    enterblock(fs, bl, True)  # scope for loop and control variables
    ls.next()  # skip 'for'
    varname = str_checkname(ls)  # first variable name
    tok = ls.t
    if tok == 61:  # '='
        fornum(ls, varname, line)
    elif tok == 44 or tok == TK_IN:
        forlist(ls, varname)
    else:
        ls.syntaxerror("'=' or 'in' expected")
    check_match(ls, TK_END, TK_FOR, line)
    leaveblock(fs)  # loop scope ('break' jumps to this point)


def test_then_block(ls: LexState) -> int:
    # test_then_block -> [IF | ELSEIF] cond THEN block
    ls.next()  # skip IF or ELSEIF
    condexit = cond(ls)
    checknext(ls, TK_THEN)
    block(ls)  # 'then' part
    return condexit


def ifstat(ls: LexState, line: int) -> None:
    # ifstat -> IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END
    fs = ls.fs
    escapelist = NO_JUMP
    flist = test_then_block(ls)  # IF cond THEN block
    while ls.t == TK_ELSEIF:
        escapelist = luaK_concat(fs, escapelist, luaK_jump(fs))
        luaK_patchtohere(fs, flist)
        flist = test_then_block(ls)  # ELSEIF cond THEN block
    if ls.t == TK_ELSE:
        escapelist = luaK_concat(fs, escapelist, luaK_jump(fs))
        luaK_patchtohere(fs, flist)
        ls.next()  # skip ELSE (after patch, for correct line info)
        block(ls)  # 'else' part
    else:
        escapelist = luaK_concat(fs, escapelist, flist)
    luaK_patchtohere(fs, escapelist)
    check_match(ls, TK_END, TK_IF, line)


def localfunc(ls: LexState) -> None:
    v = expdesc()
    b = expdesc()
    fs = ls.fs
    new_localvar(ls, str_checkname(ls), 0)
    v.init(VLOCAL, fs.freereg)
    luaK_reserveregs(fs, 1)
    adjustlocalvars(ls, 1)
    body(ls, b, False, ls.linenumber)
    luaK_storevar(fs, v, b)
    # debug information will only see the variable after this point!
    getlocvar(fs, fs.nactvar - 1).startpc = fs.pc


def localstat(ls: LexState) -> None:
    # stat -> LOCAL NAME {',' NAME} ['=' explist1]
    nvars = 0
    e = expdesc()
    while True:
        new_localvar(ls, str_checkname(ls), nvars)
        nvars += 1
        if not testnext(ls, 44):
            break
    if testnext(ls, 61):
        nexps = explist1(ls, e)
    else:
        e.k = VVOID
        nexps = 0
    adjust_assign(ls, nvars, nexps, e)
    adjustlocalvars(ls, nvars)


def funcname(ls: LexState, v: expdesc) -> bool:
    # funcname -> NAME {field} [':' NAME]
    needself = False
    singlevar(ls, v)
    while ls.t == 46:  # '.'
        field(ls, v)
    if ls.t == 58:  # ':'
        needself = True
        field(ls, v)
    return needself


def funcstat(ls: LexState, line: int) -> None:
    # funcstat -> FUNCTION funcname body
    v = expdesc()
    b = expdesc()
    ls.next()  # skip FUNCTION
    needself = funcname(ls, v)
    body(ls, b, needself, line)
    luaK_storevar(ls.fs, v, b)
    luaK_fixline(ls.fs, line)  # definition 'happens' in the first line


def exprstat(ls: LexState) -> None:
    # stat -> func | assignment
    fs = ls.fs
    v = LHS_assign(None)
    primaryexp(ls, v.v)
    if v.v.k == VCALL:  # stat -> func
        code = fs.f.code
        code[v.v.info] = setarg_C(code[v.v.info], 1)  # call statement uses no results
    else:  # stat -> assignment
        assignment(ls, v, 1)


def retstat(ls: LexState) -> None:
    # stat -> RETURN explist
    fs = ls.fs
    e = expdesc()
    ls.next()  # skip RETURN
    if ls.t in _BLOCK_FOLLOW or ls.t == 59:  # ';'
        first = nret = 0  # return no values
    else:
        nret = explist1(ls, e)  # optional return values
        if hasmultret(e.k):
            luaK_setmultret(fs, e)
            if e.k == VCALL and nret == 1:  # tail call?
                code = fs.f.code
                code[e.info] = set_op(code[e.info], OP_TAILCALL)
            first = fs.nactvar
            nret = LUA_MULTRET  # return all values
        elif nret == 1:  # only one single value?
            first = luaK_exp2anyreg(fs, e)
        else:
            luaK_exp2nextreg(fs, e)  # values must go to the 'stack'
            first = fs.nactvar  # return all 'active' values
    luaK_ret(fs, first, nret)


def statement(ls: LexState) -> bool:
    line = ls.linenumber  # may be needed for error messages
    tok = ls.t
    if tok == TK_IF:  # stat -> ifstat
        ifstat(ls, line)
    elif tok == TK_WHILE:  # stat -> whilestat
        whilestat(ls, line)
    elif tok == TK_DO:  # stat -> DO block END
        ls.next()  # skip DO
        block(ls)
        check_match(ls, TK_END, TK_DO, line)
    elif tok == TK_FOR:  # stat -> forstat
        forstat(ls, line)
    elif tok == TK_REPEAT:  # stat -> repeatstat
        repeatstat(ls, line)
    elif tok == TK_FUNCTION:  # stat -> funcstat
        funcstat(ls, line)
    elif tok == TK_LOCAL:  # stat -> localstat
        ls.next()  # skip LOCAL
        if testnext(ls, TK_FUNCTION):  # local function?
            localfunc(ls)
        else:
            localstat(ls)
    elif tok == TK_RETURN:  # stat -> retstat
        retstat(ls)
        return True  # must be last statement
    elif tok == TK_BREAK:  # stat -> breakstat
        ls.next()  # skip BREAK
        breakstat(ls)
        return True  # must be last statement
    else:
        exprstat(ls)
    return False


def chunk(ls: LexState) -> None:
    # chunk -> { stat [';'] }
    enterlevel(ls)
    islast = False
    while not islast and ls.t not in _BLOCK_FOLLOW:
        islast = statement(ls)
        if ls.t == 59:  # ';'
            ls.next()
        fs = ls.fs
        fs.freereg = fs.nactvar  # free registers
    ls.nCcalls -= 1  # leavelevel


def compile_steps(source: bytes, chunkname: bytes, nCcalls: int = 1, step: int = 1 << 14):
    """``compile`` in steps: a generator that yields each time it has read
    ``step`` bytes more (at the next statement, table field, binary operator
    or suffix of an expression, at any depth: the only things of which a
    chunk may have millions), and returns the Proto.  It yields (how many
    bytes it read, the Protos being built: the main function's and those of
    the functions open in it there, innermost first; their code and the
    functions they hold show what was built).  The same work in the same
    order as ``compile`` (the same functions, made generators: _stepping),
    so a budgeted loadstring of a big chunk can be stopped anywhere and
    gives exactly what ``compile`` gives."""
    chunk_ = _stepping()["chunk"]
    ls = LexState(bytes(source), bytes(chunkname), nCcalls)
    old = sys.getrecursionlimit()
    try:
        try:
            sys.setrecursionlimit(old + _RECURSION_NEEDED)
            # parse(), its chunk() a generator
            fs = open_func(ls)
            fs.f.is_vararg = VARARG_ISVARARG  # main func. is always vararg
            ls.next()  # read first token
            run = chunk_(ls)
            while True:
                ls.stop = ls.pos + step
                try:
                    run.send(None)
                except StopIteration:
                    break
                sys.setrecursionlimit(old)
                open_ = []
                f = ls.fs
                while f is not None:
                    open_.append(f.f)
                    f = f.prev
                yield ls.pos, open_
                sys.setrecursionlimit(old + _RECURSION_NEEDED)
            check(ls, TK_EOS)
            close_func(ls)
            return fs.f
        except RecursionError:
            pass  # cannot happen within LUAI_MAXCCALLS levels, but never let it escape
        finally:
            sys.setrecursionlimit(old)
        ls.lexerror("chunk has too many syntax levels", 0)
    except LuaSyntaxError as e:
        e.pos = ls.pos  # where the lexer was (what load's early errors need: lib/base.py)
        raise


# The parser as generators, for compile_steps: each function below that may
# meet a loop of unbounded length (directly or through the functions it
# calls) made a generator, each call of one a ``yield from``, and each
# such loop made to yield where ls.pos has reached ls.stop.  Made from this
# module's own syntax tree the first time a big chunk is compiled (keeping
# its line numbers), so the two parsers cannot differ; about 10% slower
# than the plain one.
_LOOPS = ("chunk", "constructor", "subexpr", "primaryexp", "funcname")
_NOT_STEPPED = ("parse", "compile", "compile_steps", "_stepping")
_stepped = None


def _stepping() -> dict:
    global _stepped
    if _stepped is None:
        _stepped = _make_stepping()
    return _stepped


def _make_stepping() -> dict:
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(sys.modules[__name__]))
    fns = {
        n.name: n
        for n in tree.body
        if isinstance(n, ast.FunctionDef) and n.name not in _NOT_STEPPED
    }
    calls = {
        name: {
            c.func.id
            for c in ast.walk(fn)
            if isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id in fns
        }
        for name, fn in fns.items()
    }
    gens = set(_LOOPS)
    while True:
        more = {name for name, called in calls.items() if called & gens} - gens
        if not more:
            break
        gens |= more

    class Steps(ast.NodeTransformer):
        def visit_Call(self, node):
            self.generic_visit(node)
            if isinstance(node.func, ast.Name) and node.func.id in gens:
                return ast.copy_location(ast.YieldFrom(node), node)
            return node

    for name in gens:
        fn = fns[name]
        Steps().visit(fn)
        if name in _LOOPS:
            for loop in [n for n in ast.walk(fn) if isinstance(n, ast.While)]:
                pause = ast.parse("if ls.pos >= ls.stop:\n    yield ls.pos").body[0]
                loop.body.insert(0, ast.copy_location(pause, loop.body[0]))
    tree.body = [
        n for n in tree.body if not (isinstance(n, ast.FunctionDef) and n.name in _NOT_STEPPED)
    ]
    ast.fix_missing_locations(tree)
    ns = {"__name__": __name__, "__package__": __package__, "__file__": __file__}
    exec(compile_py(tree, __file__, "exec"), ns)  # noqa: S102 - this module's own code
    return ns


def compile(source: bytes, chunkname: bytes, *, nCcalls: int = 1) -> Proto:
    """Compile a Lua 5.1 chunk to its main function's Proto, as luac5.1 does.

    ``chunkname`` is Lua's chunk name: ``b"@file.lua"``, ``b"=stdin"`` or
    the source text itself.  Raises ``LuaSyntaxError`` with luac's message.
    ``nCcalls`` is the C-call depth the parser starts at: 1 under luac and
    ``lua file.lua``, more when loadstring runs inside Lua code; it decides
    where "chunk has too many syntax levels" strikes.
    """
    ls = LexState(bytes(source), bytes(chunkname), nCcalls)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(old + _RECURSION_NEEDED)
    try:
        return parse(ls)
    except RecursionError:
        pass  # cannot happen within LUAI_MAXCCALLS levels, but never let it escape
    finally:
        sys.setrecursionlimit(old)
    ls.lexerror("chunk has too many syntax levels", 0)
