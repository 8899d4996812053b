import json
import subprocess
import sys

from pylua import opcodes as op


def test_luac_order_and_count():
    assert op.NUM_OPCODES == 38
    assert op.OPNAMES[:4] == ("MOVE", "LOADK", "LOADBOOL", "LOADNIL")
    assert op.OPNAMES[-4:] == ("SETLIST", "CLOSE", "CLOSURE", "VARARG")
    assert op.OP_TFORLOOP == 33 and op.OP_JMP == 22


def test_encoding_roundtrip():
    i = op.create_ABC(op.OP_GETTABLE, 7, 300, op.RKASK(5))
    assert op.decode(i) == (op.OP_GETTABLE, 7, 300, 256 + 5)
    assert op.isK(op.getarg_C(i)) and op.indexK(op.getarg_C(i)) == 5
    j = op.create_AsBx(op.OP_JMP, 0, -3)
    assert op.getarg_sBx(j) == -3 and op.get_op(j) == op.OP_JMP
    k = op.create_ABx(op.OP_LOADK, 255, op.MAXARG_Bx)
    assert op.getarg_Bx(k) == 262143 and op.getarg_A(k) == 255
    assert op.setarg_B(i, 1) >> op.POS_B & op.MASK_B == 1


def test_modes_match_lopcodes_c():
    # spot checks of lopcodes.c's opmode table
    eq = op.OPCODES[op.OP_EQ]
    assert eq.t_mode and not eq.a_mode and eq.b_mode == op.OpArgK
    tfor = op.OPCODES[op.OP_TFORLOOP]
    assert tfor.t_mode and tfor.b_mode == op.OpArgN and tfor.c_mode == op.OpArgU
    assert op.OPCODES[op.OP_LOADK].mode == op.iABx
    assert op.OPCODES[op.OP_FORLOOP].mode == op.iAsBx


def test_json_export():
    out = subprocess.run([sys.executable, "-m", "pylua.opcodes"], capture_output=True, check=True)
    data = json.loads(out.stdout)
    assert [o["name"] for o in data["opcodes"]] == list(op.OPNAMES)
    assert data["opcodes"][op.OP_GETTABLE]["description"] == "R(A) := R(B)[RK(C)]"
