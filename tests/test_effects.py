"""The effects table of pylua/opcodes.py (what each instruction reads,
writes, where it goes, what it closes) and the modules that read it: the
bytecode check and variable naming (pylua/symbexec.py), the VM's register
analysis (vcode._clear_count), the compiled loops (fastloop._plan) and the
collector (gc._stack_top).

``tests/fixtures/effects_answers.json`` holds what _clear_count and
fastloop._plan answered for every function of the corpus before they read
the table (see tests/effects_answers.py): they must answer the same.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from effects_answers import corpus_answers, sha1

from pylua import Lua, gc
from pylua import opcodes as O
from pylua.chunk import dump, undump
from pylua.errors import LuaSyntaxError
from pylua.opcodes import Effects, effects
from pylua.proto import Proto
from pylua.symbexec import NO_REG, checkcode, symbexec, verify
from pylua.values import CI_LUA

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "tests" / "fixtures" / "effects_answers.json"
LUA = shutil.which("lua5.1")
needs_lua = pytest.mark.skipif(LUA is None, reason="lua5.1 not installed")


def A(op, a=0, b=0, c=0):
    return O.create_ABC(op, a, b, c)


def X(op, a=0, bx=0):
    return O.create_ABx(op, a, bx)


def S(op, a=0, sbx=0):
    return O.create_AsBx(op, a, sbx)


RET = A(O.OP_RETURN, 0, 1)
K = O.RKASK

# -- the table, opcode by opcode ---------------------------------------------------

PC = 3  # where the instruction under test sits
NOTHING = dict(
    reads=(), writes=(), cond_writes=(), succ=(PC + 1,), jump=None, skips=False, ends=False,
    words=1, reads_top=False, sets_top=False, calls=None, closes_from=None, upvals_read=(),
    upvals_written=(), consts=(), globals=(), varargs=False,
)  # fmt: skip
SUB = Proto(nups=2)  # the function CLOSURE 1 0 makes: two upvalues

# (instruction, words after it, top, what differs from NOTHING)
CASES = [
    (A(O.OP_MOVE, 1, 2), [], None, dict(reads=(2,), writes=(1,))),
    (X(O.OP_LOADK, 1, 5), [], None, dict(writes=(1,), consts=(5,))),
    (A(O.OP_LOADBOOL, 1, 1, 0), [], None, dict(writes=(1,))),
    (A(O.OP_LOADBOOL, 1, 1, 1), [], None, dict(writes=(1,), succ=(PC + 2,), skips=True)),
    (A(O.OP_LOADNIL, 2, 5), [], None, dict(writes=(2, 3, 4, 5))),
    (A(O.OP_GETUPVAL, 1, 4), [], None, dict(writes=(1,), upvals_read=(4,))),
    (X(O.OP_GETGLOBAL, 1, 7), [], None, dict(writes=(1,), consts=(7,), globals=(7,))),
    (A(O.OP_GETTABLE, 1, 2, K(3)), [], None, dict(reads=(2,), writes=(1,), consts=(3,))),
    (A(O.OP_GETTABLE, 1, 2, 4), [], None, dict(reads=(2, 4), writes=(1,))),
    (X(O.OP_SETGLOBAL, 1, 7), [], None, dict(reads=(1,), consts=(7,), globals=(7,))),
    (A(O.OP_SETUPVAL, 1, 4), [], None, dict(reads=(1,), upvals_written=(4,))),
    (A(O.OP_SETTABLE, 1, K(2), 3), [], None, dict(reads=(1, 3), consts=(2,))),
    (A(O.OP_NEWTABLE, 1, 2, 3), [], None, dict(writes=(1,))),
    (A(O.OP_SELF, 1, 4, K(0)), [], None, dict(reads=(4,), writes=(1, 2), consts=(0,))),
    *[
        (A(op, 1, 2, 3), [], None, dict(reads=(2, 3), writes=(1,)))
        for op in (O.OP_ADD, O.OP_SUB, O.OP_MUL, O.OP_DIV, O.OP_MOD, O.OP_POW)
    ],
    (A(O.OP_ADD, 1, K(1), K(2)), [], None, dict(writes=(1,), consts=(1, 2))),
    (A(O.OP_POW, 1, K(1), 5), [], None, dict(reads=(5,), writes=(1,), consts=(1,))),
    *[(A(op, 1, 2), [], None, dict(reads=(2,), writes=(1,))) for op in (O.OP_UNM, O.OP_NOT, O.OP_LEN)],
    (A(O.OP_CONCAT, 1, 2, 5), [], None, dict(reads=(2, 3, 4, 5), writes=(1,))),
    (S(O.OP_JMP, 0, -2), [], None, dict(succ=(PC - 1,), jump=PC - 1)),
    (S(O.OP_JMP, 0, 4), [], None, dict(succ=(PC + 5,), jump=PC + 5)),
    *[
        (A(op, 1, 2, K(0)), [], None,
         dict(reads=(2,), consts=(0,), succ=(PC + 1, PC + 2), skips=True))
        for op in (O.OP_EQ, O.OP_LT, O.OP_LE)
    ],
    (A(O.OP_TEST, 1, 0, 1), [], None, dict(reads=(1,), succ=(PC + 1, PC + 2), skips=True)),
    (A(O.OP_TESTSET, 1, 2, 0), [], None,
     dict(reads=(2,), writes=(1,), cond_writes=(1,), succ=(PC + 1, PC + 2), skips=True)),
    # calls: fixed, open arguments (top unknown, then known), open results, no results
    (A(O.OP_CALL, 1, 3, 2), [], None, dict(reads=(1, 2, 3), writes=(1,), calls=1)),
    (A(O.OP_CALL, 1, 0, 0), [], None, dict(reads=(1,), reads_top=True, sets_top=True, calls=1)),
    (A(O.OP_CALL, 1, 0, 3), [], 5, dict(reads=(1, 2, 3, 4), writes=(1, 2), reads_top=True, calls=1)),
    (A(O.OP_CALL, 1, 1, 1), [], None, dict(reads=(1,), calls=1)),
    (A(O.OP_TAILCALL, 1, 2, 0), [], None,
     dict(reads=(1, 2), sets_top=True, calls=1, closes_from=0, ends=True)),
    (A(O.OP_TAILCALL, 1, 0, 0), [], 3,
     dict(reads=(1, 2), reads_top=True, sets_top=True, calls=1, closes_from=0, ends=True)),
    (A(O.OP_RETURN, 1, 3), [], None, dict(reads=(1, 2), succ=(), ends=True, closes_from=0)),
    (A(O.OP_RETURN, 0, 1), [], None, dict(succ=(), ends=True, closes_from=0)),
    (A(O.OP_RETURN, 1, 0), [], None, dict(reads=(1,), reads_top=True, succ=(), ends=True, closes_from=0)),
    (A(O.OP_RETURN, 1, 0), [], 4, dict(reads=(1, 2, 3), reads_top=True, succ=(), ends=True, closes_from=0)),
    (A(O.OP_RETURN, 1, 0), [], 1, dict(reads_top=True, succ=(), ends=True, closes_from=0)),
    (S(O.OP_FORLOOP, 1, -3), [], None,
     dict(reads=(1, 2, 3), writes=(1, 4), cond_writes=(4,), succ=(PC - 2, PC + 1), jump=PC - 2)),
    (S(O.OP_FORPREP, 1, 2), [], None, dict(reads=(1, 2, 3), writes=(1,), succ=(PC + 3,), jump=PC + 3)),
    (A(O.OP_TFORLOOP, 1, 0, 2), [], None,
     dict(reads=(1, 2, 3), writes=(3, 4, 5), cond_writes=(3,), succ=(PC + 1, PC + 2), skips=True,
          calls=4)),
    # SETLIST: B values after the table; B = 0: up to top; C = 0: a data word follows
    (A(O.OP_SETLIST, 1, 3, 1), [], None, dict(reads=(1, 2, 3, 4))),
    (A(O.OP_SETLIST, 1, 0, 1), [], None, dict(reads=(1,), reads_top=True)),
    (A(O.OP_SETLIST, 1, 0, 1), [], 4, dict(reads=(1, 2, 3), reads_top=True)),
    (A(O.OP_SETLIST, 1, 2, 0), [600], None, dict(reads=(1, 2, 3), words=2, succ=(PC + 2,))),
    (A(O.OP_CLOSE, 2), [], None, dict(closes_from=2)),
    # CLOSURE: one pseudo-instruction per upvalue of the new function
    (X(O.OP_CLOSURE, 1, 0), [A(O.OP_MOVE, 0, 5), A(O.OP_GETUPVAL, 0, 3)], None,
     dict(reads=(5,), writes=(1,), upvals_read=(3,), words=3, succ=(PC + 3,))),
    (A(O.OP_VARARG, 1, 3), [], None, dict(writes=(1, 2), varargs=True)),
    (A(O.OP_VARARG, 1, 0), [], None, dict(sets_top=True, varargs=True)),
]  # fmt: skip


def _at_pc(ins, after):
    code = [A(O.OP_MOVE, 0, 0)] * PC + [ins, *after, RET]
    return code, Proto(code=code, p=[SUB], maxstacksize=250)


@pytest.mark.parametrize(
    "ins, after, top, want",
    CASES,
    ids=[f"{O.OPNAMES[O.get_op(c[0])]}-{n}" for n, c in enumerate(CASES)],
)
def test_effects_of_each_opcode(ins, after, top, want):
    code, p = _at_pc(ins, after)
    got = effects(code, PC, p, top)
    assert got == Effects(**{**NOTHING, **want}), (O.OPNAMES[O.get_op(ins)], got)


def test_every_opcode_has_a_case_and_a_row():
    assert {O.get_op(c[0]) for c in CASES} == set(range(O.NUM_OPCODES))
    assert [r[0] for r in O._EFFECTS] == list(O.OPNAMES)


def test_the_same_word_at_another_pc():
    """Effects are cached per instruction word: the pcs still move with it."""
    jmp = S(O.OP_JMP, 0, 2)
    code = [jmp] * 8 + [RET]
    assert effects(code, 1).succ == (4,) and effects(code, 5).succ == (8,)
    assert effects(code, 5).jump == 8


def test_reads_top_is_what_may_follow_open_results():
    assert [O.OPNAMES[op] for op in range(O.NUM_OPCODES) if O.reads_top(A(op, 0, 0, 0))] == [
        "CALL", "TAILCALL", "RETURN", "SETLIST",
    ]  # fmt: skip
    assert not O.reads_top(A(O.OP_CALL, 0, 1, 0)) and not O.reads_top(63)


def test_the_json_export_carries_the_table():
    data = json.loads(O.to_json())
    call = data["opcodes"][O.OP_CALL]["effects"]
    assert call == {"reads": "R(A..A+B-1)", "writes": "R(A..A+C-2)", "succ": "next", "words": "",
                    "top": "B=0 reads, C=0 sets", "calls": "A", "closes": ""}  # fmt: skip


# -- symbexec: the bytecode check and getobjname's search -------------------------

# Chunks whose fate lua5.1 decides otherwise than the table would: ldebug.c
# checks a LOADBOOL's skip only for C == 1 and FORPREP's loop variable; it
# traces VARARG and FORLOOP through R(A) only.  (what lua5.1 5.1.5 says of
# each, from `loadfile` and `pcall` of the dumped chunk)
QUIRKS = {
    "loadbool_c2": (Proto(code=[A(O.OP_LOADBOOL, 0, 1, 2), RET]), "OK"),
    "loadbool_c1": (Proto(code=[A(O.OP_LOADBOOL, 0, 1, 1), RET]), "bad code"),
    "forprep_3": (Proto(maxstacksize=3, code=[S(O.OP_FORPREP, 0, 0), RET]), "bad code"),
    "forprep_4": (Proto(maxstacksize=4, code=[S(O.OP_FORPREP, 0, 0), RET]), "OK"),
    "vararg_a1": (
        Proto(is_vararg=2, maxstacksize=3, k=[b"x"],
              code=[X(O.OP_GETGLOBAL, 1, 0), A(O.OP_VARARG, 0, 3), A(O.OP_CALL, 1, 1, 1), RET]),
        "t:0: attempt to call global 'x' (a nil value)",
    ),
    "forloop_a3": (
        Proto(maxstacksize=4, k=[1.0, b"y"],
              code=[X(O.OP_LOADK, 0, 0), X(O.OP_LOADK, 1, 0), X(O.OP_LOADK, 2, 0),
                    X(O.OP_GETGLOBAL, 3, 1), S(O.OP_FORPREP, 0, 0), S(O.OP_FORLOOP, 0, -1),
                    A(O.OP_CALL, 3, 1, 1), RET]),
        "t:0: attempt to call global 'y' (a number value)",
    ),
}  # fmt: skip


def _pylua_fate(p: Proto) -> str:
    """What lua5.1's check (pylua's checkcode) makes of p, and when it
    passes and p has constants, the error running it gives."""
    try:
        undump(dump(p), b"=t", strict=False)
    except LuaSyntaxError as e:
        return (
            "bad code" if e.value.endswith(b"bad code in precompiled chunk") else e.value.decode()
        )
    if p.k:  # the ones that run
        L = Lua()
        L.start(L.load(dump(p), b"=t"))
        L.run()
        return L.host_error.value.decode()
    return "OK"


@pytest.mark.parametrize("name", sorted(QUIRKS))
def test_ldebug_quirks(name):
    p, want = QUIRKS[name]
    p.source = b"=t"
    assert _pylua_fate(p) == want


def test_quirks_the_verifier_rejects():
    """lua5.1's VM skips for any C of LOADBOOL: with C = 2 before the last
    instruction it runs past the end of the code; pylua's verifier
    (symbexec.verify) rejects that chunk, the others it lets through."""
    for name, (p, _) in QUIRKS.items():
        p.source = b"=t"
        if checkcode(p):
            assert (verify(p) is not None) == (name == "loadbool_c2"), name


@needs_lua
def test_ldebug_quirks_against_lua51(tmp_path):
    for name, (p, want) in sorted(QUIRKS.items()):
        p.source = b"=t"
        (tmp_path / "c.luac").write_bytes(dump(p))
        script = ("local f, e = loadfile('c.luac') if not f then print((e:gsub('^.-: ', ''))) "
                  "elseif %s then print(select(2, pcall(f))) else print('OK') end") % (
                      "true" if p.k else "false")  # fmt: skip
        out = subprocess.run([LUA, "-e", script], cwd=tmp_path, capture_output=True, check=True)
        assert out.stdout.decode().strip().replace(" in precompiled chunk", "") == want, name


def _traced(code, reg, lastpc=None, **kw):
    """The pc of the instruction symbexec finds, or None for the final RETURN."""
    kw.setdefault("maxstacksize", 10)
    p = Proto(code=code, **kw)
    assert checkcode(p)
    i = symbexec(p, len(code) - 1 if lastpc is None else lastpc, reg)
    found = [pc for pc in range(len(code) - 1) if code[pc] == i]
    return found[-1] if found else None


def test_what_changes_a_register():
    call = [X(O.OP_LOADK, 5, 0), A(O.OP_CALL, 2, 1, 2), A(O.OP_MOVE, 0, 0), RET]
    assert _traced(call, 5, k=[1.0]) == 1  # a call changes every register from its A up
    assert _traced(call, 1, k=[1.0]) is None
    tfor = [X(O.OP_LOADK, 3, 0), A(O.OP_TFORLOOP, 1, 0, 1), S(O.OP_JMP, 0, -2), RET]
    assert _traced(tfor, 3, k=[1.0]) == 1  # TFORLOOP: from A+2 up
    assert _traced(tfor, 4, k=[1.0]) == 1
    assert _traced(tfor, 2, k=[1.0]) is None
    nil = [A(O.OP_LOADNIL, 2, 4), A(O.OP_SELF, 6, 0, 1), RET]
    assert [_traced(nil, r) for r in range(8)] == [None, None, 0, 0, 0, None, 1, 1]


def test_tracing_follows_forward_jumps_and_skips_pseudo_instructions():
    code = [
        X(O.OP_LOADK, 0, 0),
        S(O.OP_JMP, 0, 1),  # over the next one, which does not count
        X(O.OP_LOADK, 0, 1),
        X(O.OP_CLOSURE, 1, 0),
        A(O.OP_MOVE, 0, 0),  # a pseudo-instruction: R0 is captured, not set
        A(O.OP_MOVE, 2, 0),
        RET,
    ]
    p = dict(k=[1.0, 2.0], p=[Proto(nups=1)])
    assert _traced(code, 0, **p) == 0
    assert _traced(code, 0, lastpc=3, **p) == 0
    assert _traced(code, 1, **p) == 3
    assert _traced(code, 2, **p) == 5
    # the check mode looks at the pseudo-instructions as instructions
    assert symbexec(Proto(code=code, maxstacksize=10, **p), len(code), NO_REG) == RET


# -- the users of the table give the answers they gave before -----------------------


def test_clear_count_and_loop_plans_are_what_they_were():
    want = json.loads(ANSWERS.read_text())
    checked = 0
    for name, w in sorted(want.items()):
        f = ROOT / name
        if not f.exists() or sha1(src := f.read_bytes()) != w["sha1"]:
            continue  # the program changed since: nothing to compare with
        assert corpus_answers(src) == {"clear": w["clear"], "plans": w["plans"]}, name
        checked += 1
    assert checked > 0.9 * len(want) > 450
    assert sum(x is not None for w in want.values() for x in w["plans"].values()) > 150


def test_stack_top_while_a_builtin_runs():
    """gc._stack_top: a builtin called by CALL/TAILCALL with fixed arguments
    sees the stack up to its last argument; otherwise up to the thread's top,
    at least R(A+3)."""
    from types import SimpleNamespace as NS

    def top(ins, th_top):
        p = Proto(code=[ins, RET], maxstacksize=20)
        ci = NS(kind=CI_LUA, cl=NS(proto=p), savedpc=1, base=10, top=40)
        return gc._stack_top(NS(cis=[ci], cfunc=object(), top=th_top))

    assert top(A(O.OP_CALL, 2, 3, 1), 99) == 10 + 2 + 3
    assert top(A(O.OP_TAILCALL, 2, 3, 0), 99) == 15
    assert top(A(O.OP_CALL, 2, 0, 1), 18) == 18  # arguments up to top
    assert top(A(O.OP_CALL, 2, 0, 1), 11) == 15
    assert top(A(O.OP_TFORLOOP, 2, 0, 1), 11) == 15  # its builtin is called with a copy
    assert top(A(O.OP_GETTABLE, 4, 0, 1), 30) == 30  # an __index builtin
