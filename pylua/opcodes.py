"""The Lua 5.1 instruction set: the one table every other module reads.

Mirrors ``lopcodes.h``/``lopcodes.c`` of Lua 5.1.5.  An instruction is an
unsigned 32-bit integer::

    iABC:   C(9) | B(9) | A(8) | OP(6)
    iABx:       Bx(18)  | A(8) | OP(6)
    iAsBx:     sBx(18)  | A(8) | OP(6)   (sBx = Bx - MAXARG_sBx)

Nothing outside this module spells an opcode number: use the ``OP_*``
names, ``OPCODES`` (the records, indexed by number) or ``BY_NAME``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

# -- encoding -----------------------------------------------------------------

SIZE_C = 9
SIZE_B = 9
SIZE_Bx = SIZE_C + SIZE_B
SIZE_A = 8
SIZE_OP = 6

POS_OP = 0
POS_A = POS_OP + SIZE_OP
POS_C = POS_A + SIZE_A
POS_B = POS_C + SIZE_C
POS_Bx = POS_C

MAXARG_A = (1 << SIZE_A) - 1
MAXARG_B = (1 << SIZE_B) - 1
MAXARG_C = (1 << SIZE_C) - 1
MAXARG_Bx = (1 << SIZE_Bx) - 1
MAXARG_sBx = MAXARG_Bx >> 1  # 131071: the bias of sBx

MASK_OP = (1 << SIZE_OP) - 1
MASK_A = MAXARG_A
MASK_B = MAXARG_B
MASK_C = MAXARG_C
MASK_Bx = MAXARG_Bx

# RK(x): a B or C operand with this bit set names constant x & ~BITRK.
BITRK = 1 << (SIZE_B - 1)  # 256
MAXINDEXRK = BITRK - 1

NO_REG = MAXARG_A  # "no register" marker used by the code generator
LFIELDS_PER_FLUSH = 50  # SETLIST batch size (FPF)

# -- instruction formats and operand kinds --------------------------------------

iABC, iABx, iAsBx = "iABC", "iABx", "iAsBx"

# OpArgMask of lopcodes.h, with the words the issue uses for them.
OpArgN = "unused"  # argument is not used
OpArgU = "used"  # argument is used (a count, a flag, an index...)
OpArgR = "register"  # a register or a jump offset
OpArgK = "rk"  # a constant or a register


@dataclass(frozen=True)
class OpInfo:
    number: int
    name: str  # "MOVE", as luac prints it
    mode: str  # iABC / iABx / iAsBx
    a_mode: bool  # lopcodes.c 'A' flag: instruction sets register A
    t_mode: bool  # lopcodes.c 'T' flag: a test; the next instruction is a jump
    b_mode: str  # OpArgN / OpArgU / OpArgR / OpArgK
    c_mode: str
    operands: str  # "A B C", "A Bx", "A sBx", "sBx", "A C"...
    description: str  # in lopcodes.h notation


# name, mode, T, A, B, C, operands, description -- in luac's order.
_TABLE = [
    ("MOVE", iABC, 0, 1, OpArgR, OpArgN, "A B", "R(A) := R(B)"),
    ("LOADK", iABx, 0, 1, OpArgK, OpArgN, "A Bx", "R(A) := Kst(Bx)"),
    ("LOADBOOL", iABC, 0, 1, OpArgU, OpArgU, "A B C", "R(A) := (Bool)B; if (C) pc++"),
    ("LOADNIL", iABC, 0, 1, OpArgR, OpArgN, "A B", "R(A) := ... := R(B) := nil"),
    ("GETUPVAL", iABC, 0, 1, OpArgU, OpArgN, "A B", "R(A) := UpValue[B]"),
    ("GETGLOBAL", iABx, 0, 1, OpArgK, OpArgN, "A Bx", "R(A) := Gbl[Kst(Bx)]"),
    ("GETTABLE", iABC, 0, 1, OpArgR, OpArgK, "A B C", "R(A) := R(B)[RK(C)]"),
    ("SETGLOBAL", iABx, 0, 0, OpArgK, OpArgN, "A Bx", "Gbl[Kst(Bx)] := R(A)"),
    ("SETUPVAL", iABC, 0, 0, OpArgU, OpArgN, "A B", "UpValue[B] := R(A)"),
    ("SETTABLE", iABC, 0, 0, OpArgK, OpArgK, "A B C", "R(A)[RK(B)] := RK(C)"),
    ("NEWTABLE", iABC, 0, 1, OpArgU, OpArgU, "A B C", "R(A) := {} (size = B,C)"),
    ("SELF", iABC, 0, 1, OpArgR, OpArgK, "A B C", "R(A+1) := R(B); R(A) := R(B)[RK(C)]"),
    ("ADD", iABC, 0, 1, OpArgK, OpArgK, "A B C", "R(A) := RK(B) + RK(C)"),
    ("SUB", iABC, 0, 1, OpArgK, OpArgK, "A B C", "R(A) := RK(B) - RK(C)"),
    ("MUL", iABC, 0, 1, OpArgK, OpArgK, "A B C", "R(A) := RK(B) * RK(C)"),
    ("DIV", iABC, 0, 1, OpArgK, OpArgK, "A B C", "R(A) := RK(B) / RK(C)"),
    ("MOD", iABC, 0, 1, OpArgK, OpArgK, "A B C", "R(A) := RK(B) % RK(C)"),
    ("POW", iABC, 0, 1, OpArgK, OpArgK, "A B C", "R(A) := RK(B) ^ RK(C)"),
    ("UNM", iABC, 0, 1, OpArgR, OpArgN, "A B", "R(A) := -R(B)"),
    ("NOT", iABC, 0, 1, OpArgR, OpArgN, "A B", "R(A) := not R(B)"),
    ("LEN", iABC, 0, 1, OpArgR, OpArgN, "A B", "R(A) := length of R(B)"),
    ("CONCAT", iABC, 0, 1, OpArgR, OpArgR, "A B C", "R(A) := R(B).. ... ..R(C)"),
    ("JMP", iAsBx, 0, 0, OpArgR, OpArgN, "sBx", "pc+=sBx"),
    ("EQ", iABC, 1, 0, OpArgK, OpArgK, "A B C", "if ((RK(B) == RK(C)) ~= A) then pc++"),
    ("LT", iABC, 1, 0, OpArgK, OpArgK, "A B C", "if ((RK(B) <  RK(C)) ~= A) then pc++"),
    ("LE", iABC, 1, 0, OpArgK, OpArgK, "A B C", "if ((RK(B) <= RK(C)) ~= A) then pc++"),
    ("TEST", iABC, 1, 1, OpArgR, OpArgU, "A C", "if not (R(A) <=> C) then pc++"),
    ("TESTSET", iABC, 1, 1, OpArgR, OpArgU, "A B C", "if (R(B) <=> C) then R(A) := R(B) else pc++"),
    ("CALL", iABC, 0, 1, OpArgU, OpArgU, "A B C", "R(A), ... ,R(A+C-2) := R(A)(R(A+1), ... ,R(A+B-1))"),
    ("TAILCALL", iABC, 0, 1, OpArgU, OpArgU, "A B C", "return R(A)(R(A+1), ... ,R(A+B-1))"),
    ("RETURN", iABC, 0, 0, OpArgU, OpArgN, "A B", "return R(A), ... ,R(A+B-2)"),
    ("FORLOOP", iAsBx, 0, 1, OpArgR, OpArgN, "A sBx", "R(A)+=R(A+2); if R(A) <?= R(A+1) then { pc+=sBx; R(A+3)=R(A) }"),
    ("FORPREP", iAsBx, 0, 1, OpArgR, OpArgN, "A sBx", "R(A)-=R(A+2); pc+=sBx"),
    ("TFORLOOP", iABC, 1, 0, OpArgN, OpArgU, "A C", "R(A+3), ... ,R(A+2+C) := R(A)(R(A+1), R(A+2)); if R(A+3) ~= nil then R(A+2)=R(A+3) else pc++"),
    ("SETLIST", iABC, 0, 0, OpArgU, OpArgU, "A B C", "R(A)[(C-1)*FPF+i] := R(A+i), 1 <= i <= B"),
    ("CLOSE", iABC, 0, 0, OpArgN, OpArgN, "A", "close all variables in the stack up to (>=) R(A)"),
    ("CLOSURE", iABx, 0, 1, OpArgU, OpArgN, "A Bx", "R(A) := closure(KPROTO[Bx], R(A), ... ,R(A+n))"),
    ("VARARG", iABC, 0, 1, OpArgU, OpArgN, "A B", "R(A), R(A+1), ..., R(A+B-1) = vararg"),
]

OPCODES: tuple[OpInfo, ...] = tuple(
    OpInfo(i, name, mode, bool(a), bool(t), b, c, operands, desc)
    for i, (name, mode, t, a, b, c, operands, desc) in enumerate(_TABLE)
)
NUM_OPCODES = len(OPCODES)
BY_NAME: dict[str, OpInfo] = {op.name: op for op in OPCODES}
OPNAMES: tuple[str, ...] = tuple(op.name for op in OPCODES)

# OP_MOVE, OP_LOADK, ... as module constants, generated from the table.
for _op in OPCODES:
    globals()["OP_" + _op.name] = _op.number
del _op

# Spelled out for readers and linters; checked against the table below.
OP_MOVE: int
OP_LOADK: int
OP_LOADBOOL: int
OP_LOADNIL: int
OP_GETUPVAL: int
OP_GETGLOBAL: int
OP_GETTABLE: int
OP_SETGLOBAL: int
OP_SETUPVAL: int
OP_SETTABLE: int
OP_NEWTABLE: int
OP_SELF: int
OP_ADD: int
OP_SUB: int
OP_MUL: int
OP_DIV: int
OP_MOD: int
OP_POW: int
OP_UNM: int
OP_NOT: int
OP_LEN: int
OP_CONCAT: int
OP_JMP: int
OP_EQ: int
OP_LT: int
OP_LE: int
OP_TEST: int
OP_TESTSET: int
OP_CALL: int
OP_TAILCALL: int
OP_RETURN: int
OP_FORLOOP: int
OP_FORPREP: int
OP_TFORLOOP: int
OP_SETLIST: int
OP_CLOSE: int
OP_CLOSURE: int
OP_VARARG: int

# -- encode / decode ------------------------------------------------------------


def get_op(i: int) -> int:
    return i & MASK_OP


def getarg_A(i: int) -> int:
    return (i >> POS_A) & MASK_A


def getarg_B(i: int) -> int:
    return (i >> POS_B) & MASK_B


def getarg_C(i: int) -> int:
    return (i >> POS_C) & MASK_C


def getarg_Bx(i: int) -> int:
    return (i >> POS_Bx) & MASK_Bx


def getarg_sBx(i: int) -> int:
    return ((i >> POS_Bx) & MASK_Bx) - MAXARG_sBx


def set_op(i: int, op: int) -> int:
    return (i & ~(MASK_OP << POS_OP)) | (op << POS_OP)


def setarg_A(i: int, v: int) -> int:
    return (i & ~(MASK_A << POS_A)) | ((v & MASK_A) << POS_A)


def setarg_B(i: int, v: int) -> int:
    return (i & ~(MASK_B << POS_B)) | ((v & MASK_B) << POS_B)


def setarg_C(i: int, v: int) -> int:
    return (i & ~(MASK_C << POS_C)) | ((v & MASK_C) << POS_C)


def setarg_Bx(i: int, v: int) -> int:
    return (i & ~(MASK_Bx << POS_Bx)) | ((v & MASK_Bx) << POS_Bx)


def setarg_sBx(i: int, v: int) -> int:
    return setarg_Bx(i, v + MAXARG_sBx)


def create_ABC(op: int, a: int, b: int, c: int) -> int:
    return (op << POS_OP) | (a << POS_A) | (b << POS_B) | (c << POS_C)


def create_ABx(op: int, a: int, bx: int) -> int:
    return (op << POS_OP) | (a << POS_A) | (bx << POS_Bx)


def create_AsBx(op: int, a: int, sbx: int) -> int:
    return create_ABx(op, a, sbx + MAXARG_sBx)


def isK(x: int) -> bool:
    return bool(x & BITRK)


def indexK(x: int) -> int:
    return x & ~BITRK


def RKASK(x: int) -> int:
    return x | BITRK


def decode(i: int) -> tuple[int, int, int, int]:
    """(op, A, B, C) of an iABC word; for iABx/iAsBx use getarg_Bx/sBx."""
    return i & MASK_OP, (i >> POS_A) & MASK_A, (i >> POS_B) & MASK_B, (i >> POS_C) & MASK_C


def to_json() -> str:
    """The table as JSON, for the web UI's tooltips and bytecode panel."""
    return json.dumps(
        {
            "encoding": {
                "SIZE_OP": SIZE_OP, "SIZE_A": SIZE_A, "SIZE_B": SIZE_B,
                "SIZE_C": SIZE_C, "SIZE_Bx": SIZE_Bx, "MAXARG_sBx": MAXARG_sBx,
                "BITRK": BITRK, "LFIELDS_PER_FLUSH": LFIELDS_PER_FLUSH,
            },
            "opcodes": [asdict(op) for op in OPCODES],
        },
        indent=1,
    )


assert NUM_OPCODES == 38
assert OP_VARARG == 37 and OP_MOVE == 0  # noqa: F821 (generated above)

if __name__ == "__main__":
    print(to_json())
