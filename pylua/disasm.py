"""The disassembler: print.c of Lua 5.1.5 (what ``luac5.1 -l`` prints).

Data apart from presentation, as CPython's ``dis``: ``instructions(proto)``
returns ``Instruction`` records (the web UI's bytecode panel reads them) and
``listing(proto, full)`` formats them exactly as ``luac5.1 -l`` (``full``:
``-l -l``) does.  The ``%p`` addresses are derived from ``id()``: stable for
a Proto's lifetime, and never meant to match C's.

Text is ``str``.  Where print.c writes a raw byte string with ``%s`` (global,
upvalue and local names, the chunk name), its bytes are decoded as latin-1,
so ``listing(...).encode("latin-1")`` gives luac's exact bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import opcodes as O
from .conv import cstr
from .numfmt import fmt_number
from .proto import Proto


@dataclass
class Instruction:
    pc: int  # 1-based, as luac prints it
    line: int  # source line; 0 when there is no line info (luac prints "[-]")
    opname: str  # "MOVE"
    op: int  # the opcode number
    mode: str  # iABC / iABx / iAsBx
    a: int
    b: int | None  # raw fields of the instruction word; None if not in its mode
    c: int | None
    bx: int | None
    sbx: int | None
    operands: str  # "0 -1", as print.c prints them (constants as -1-index)
    comment: str | None  # the text after "; ", or None when print.c prints none
    target: int | None  # for JMP/FORLOOP/FORPREP, the 1-based pc jumped to
    word: int  # the instruction as a 32-bit word

    def text(self) -> str:
        """This instruction's line of a listing, without the newline."""
        line = "[%d]" % self.line if self.line > 0 else "[-]"
        s = "\t%d\t%s\t%-9s\t%s" % (self.pc, line, self.opname, self.operands)
        if self.comment is not None:
            s += "\t; " + self.comment
        return s


def address(obj: object) -> str:
    """A stand-in for C's %p."""
    return "0x%08x" % id(obj)


def _cstr(b: bytes) -> str:
    """C's %s of a byte string: up to the first NUL, bytes as latin-1."""
    return cstr(b).decode("latin-1")


_ESCAPES = {
    ord('"'): '\\"',
    ord("\\"): "\\\\",
    7: "\\a",
    8: "\\b",
    12: "\\f",
    10: "\\n",
    13: "\\r",
    9: "\\t",
    11: "\\v",
}
# isprint() in the C locale, which is where luac runs
_STRCHARS = [_ESCAPES.get(c, chr(c) if 32 <= c < 127 else "\\%03d" % c) for c in range(256)]


def quote_string(s: bytes) -> str:
    """print.c's PrintString: a string constant, quoted and escaped."""
    chars = _STRCHARS
    return '"' + "".join([chars[c] for c in s]) + '"'


def constant_text(v) -> str:
    """print.c's PrintConstant."""
    if v is None:
        return "nil"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, bytes):
        return quote_string(v)
    return fmt_number(v).decode("ascii")


def _kconst(f: Proto, i: int) -> str:
    return constant_text(f.k[i]) if 0 <= i < len(f.k) else "?"


_ARITH_LIKE = frozenset(
    (O.OP_SETTABLE, O.OP_ADD, O.OP_SUB, O.OP_MUL, O.OP_DIV, O.OP_POW, O.OP_EQ, O.OP_LT, O.OP_LE)
)  # print.c leaves OP_MOD out of this list, and so do we


def _rk(x: int) -> int:
    return -1 - O.indexK(x) if O.isK(x) else x


_NONE4 = (None, None, None, None)


def instructions(f: Proto) -> list[Instruction]:
    """The records of print.c's PrintCode, one per listed instruction (the
    count word after a SETLIST with C == 0 is not listed, as in luac)."""
    code = f.code
    lineinfo = f.lineinfo
    n = len(code)
    out: list[Instruction] = []
    pc = 0
    while pc < n:
        i = code[pc]
        op = i & O.MASK_OP
        info = O.OPCODES[op] if op < O.NUM_OPCODES else None
        a = O.getarg_A(i)
        b = O.getarg_B(i)
        c = O.getarg_C(i)
        bx = O.getarg_Bx(i)
        sbx = O.getarg_sBx(i)
        line = lineinfo[pc] if lineinfo and pc < len(lineinfo) else 0
        if info is None:  # only a hostile Proto that skipped checkcode
            out.append(
                Instruction(pc + 1, line, "OP_%d" % op, op, "?", a, *_NONE4, "", None, None, i)
            )
            pc += 1
            continue
        mode = info.mode
        rb = rc = rbx = rsbx = None
        if mode == O.iABC:
            rb, rc = b, c
            operands = "%d" % a
            if info.b_mode != O.OpArgN:
                operands += " %d" % _rk(b)
            if info.c_mode != O.OpArgN:
                operands += " %d" % _rk(c)
        elif mode == O.iABx:
            rbx = bx
            operands = "%d %d" % (a, -1 - bx if info.b_mode == O.OpArgK else bx)
        else:
            rsbx = sbx
            operands = "%d" % sbx if op == O.OP_JMP else "%d %d" % (a, sbx)
        comment = None
        target = None
        this_pc = pc
        if op == O.OP_LOADK:
            comment = _kconst(f, bx)
        elif op == O.OP_GETUPVAL or op == O.OP_SETUPVAL:
            if f.upvalues:
                comment = _cstr(f.upvalues[b]) if b < len(f.upvalues) else "?"
            else:
                comment = "-"
        elif op == O.OP_GETGLOBAL or op == O.OP_SETGLOBAL:
            kv = f.k[bx] if bx < len(f.k) else None
            comment = _cstr(kv) if isinstance(kv, bytes) else "?"
        elif op == O.OP_GETTABLE or op == O.OP_SELF:
            if O.isK(c):
                comment = _kconst(f, O.indexK(c))
        elif op in _ARITH_LIKE:
            if O.isK(b) or O.isK(c):
                kb = _kconst(f, O.indexK(b)) if O.isK(b) else "-"
                kc = _kconst(f, O.indexK(c)) if O.isK(c) else "-"
                comment = kb + " " + kc
        elif op == O.OP_JMP or op == O.OP_FORLOOP or op == O.OP_FORPREP:
            target = sbx + pc + 2
            comment = "to %d" % target
        elif op == O.OP_CLOSURE:
            comment = address(f.p[bx]) if bx < len(f.p) else "(nil)"
        elif op == O.OP_SETLIST:
            if c == 0:
                pc += 1
                if pc < n:
                    w = code[pc]
                    comment = "%d" % (w - (1 << 32) if w & 0x80000000 else w)
                else:
                    comment = "?"
            else:
                comment = "%d" % c
        out.append(
            Instruction(
                this_pc + 1,
                line,
                info.name,
                op,
                mode,
                a,
                rb,
                rc,
                rbx,
                rsbx,
                operands,
                comment,
                target,
                i,
            )
        )
        pc += 1
    return out


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def header(f: Proto) -> str:
    """print.c's PrintHeader (two lines, preceded by an empty one)."""
    s = f.source
    if s[:1] in (b"@", b"="):
        name = _cstr(s[1:])
    elif s[:1] == b"\x1b":
        name = "(bstring)"
    else:
        name = "(string)"
    ncode = len(f.code)
    nloc, nk, np = len(f.locvars), len(f.k), len(f.p)
    return (
        "\n%s <%s:%d,%d> (%d instruction%s, %d bytes at %s)\n"
        "%d%s param%s, %d slot%s, %d upvalue%s, "
        "%d local%s, %d constant%s, %d function%s\n"
    ) % (
        "main" if f.linedefined == 0 else "function",
        name,
        f.linedefined,
        f.lastlinedefined,
        ncode,
        _s(ncode),
        ncode * 4,
        address(f),
        f.numparams,
        "+" if f.is_vararg else "",
        _s(f.numparams),
        f.maxstacksize,
        _s(f.maxstacksize),
        f.nups,
        _s(f.nups),
        nloc,
        _s(nloc),
        nk,
        _s(nk),
        np,
        _s(np),
    )


def _function(f: Proto, full: bool, out: list[str]) -> None:
    out.append(header(f))
    for ins in instructions(f):
        out.append(ins.text() + "\n")
    if full:
        addr = address(f)
        out.append("constants (%d) for %s:\n" % (len(f.k), addr))
        for i, v in enumerate(f.k):
            out.append("\t%d\t%s\n" % (i + 1, constant_text(v)))
        out.append("locals (%d) for %s:\n" % (len(f.locvars), addr))
        for i, var in enumerate(f.locvars):
            out.append(
                "\t%d\t%s\t%d\t%d\n" % (i, _cstr(var.varname), var.startpc + 1, var.endpc + 1)
            )
        out.append("upvalues (%d) for %s:\n" % (len(f.upvalues), addr))
        for i, name in enumerate(f.upvalues):
            out.append("\t%d\t%s\n" % (i, _cstr(name)))
    for p in f.p:
        _function(p, full, out)


def listing(f: Proto, full: bool = False) -> str:
    """print.c's PrintFunction: ``luac -l`` (full: ``luac -l -l``) output."""
    out: list[str] = []
    _function(f, full, out)
    return "".join(out)
