"""The bytecode verifier (pylua/symbexec.py ``verify``): what a binary chunk
must be for pylua's VM to run it, beyond what lua5.1's luaG_checkcode
checks; and the sandbox's refusal of binary chunks.

Each rule has a chunk it rejects and one it accepts; where the rule keeps
a Python exception out of the VM, the test also runs the rejected code
without the check and sees that exception (so the rule is needed).
Everything luac5.1 writes must still load: the corpus, and the official
test suite when ``LUA51_TESTS`` names its folder.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fuzz.chunks import corpus, walk
from fuzz.runner import FuzzLua

from pylua import Lua
from pylua import opcodes as O
from pylua.chunk import dump, undump
from pylua.errors import LuaSyntaxError
from pylua.proto import VARARG_ISVARARG, Proto
from pylua.symbexec import MAX_SETLIST_BATCH, checkcode, verify
from pylua.values import LuaFunction, UpVal
from pylua.vcode import ERROR, FINISHED, RUNNING
from pylua.vm import prepare

HERE = Path(__file__).parent
LUA = shutil.which("lua5.1")
LUAC = shutil.which("luac5.1")


def ABC(op, a=0, b=0, c=0):
    return O.create_ABC(op, a, b, c)


def ABx(op, a, bx):
    return O.create_ABx(op, a, bx)


def AsBx(op, a, sbx):
    return O.create_AsBx(op, a, sbx)


RET = ABC(O.OP_RETURN, 0, 1)


def fn(code, k=(), p=(), **kw) -> Proto:
    kw.setdefault("source", b"=t")
    kw.setdefault("maxstacksize", 10)
    kw.setdefault("is_vararg", VARARG_ISVARARG)
    return Proto(code=list(code), k=list(k), p=list(p), **kw)


def rejected(p: Proto) -> str:
    """Why verify rejects p (which lua5.1's check accepts), and the loader
    says "bad code" for it."""
    assert checkcode(p), "lua5.1 rejects this one too"
    why = verify(p)
    assert why is not None
    with pytest.raises(LuaSyntaxError) as e:
        undump(dump(p), b"=t")
    assert e.value.value == b"t: bad code in precompiled chunk"
    return why


def accepted(p: Proto) -> None:
    assert checkcode(p) and verify(p) is None, verify(p)
    undump(dump(p), b"=t")


def unverified_python_error(p: Proto, budget: int = 10_000) -> str | None:
    """Run p without any check: the Python exception the VM turned into a
    Lua error, if one was."""
    L = FuzzLua()
    L.fast_loops = False  # the interpreter's own instructions
    prepare(p)
    L.start(LuaFunction(p, [UpVal([None], 0) for _ in range(p.nups)], L.globals))
    st = L.run(budget)
    assert st in (FINISHED, ERROR, RUNNING)
    return L.python_errors[0] if L.python_errors else None


# -- top: read only where the instruction before set it -----------------------------


def test_return_of_a_stale_top():
    # hardening finding 04: a function starting with RETURN 0 0
    inner = fn([ABC(O.OP_RETURN, 0, 0)], maxstacksize=2)
    assert "top" in rejected(inner)
    main = fn(
        [ABx(O.OP_CLOSURE, 5, 0), ABx(O.OP_GETGLOBAL, 4, 0), ABC(O.OP_CALL, 5, 1, 0),
         ABC(O.OP_CALL, 4, 0, 1), ABx(O.OP_LOADK, 10, 1), RET],
        k=[b"print", 1.0], p=[inner], maxstacksize=20,
    )  # fmt: skip
    assert "IndexError" in unverified_python_error(main)
    # lua5.1's own check accepts both: its top is always consistent
    assert checkcode(main) and checkcode(inner)


@pytest.mark.parametrize(
    "code, ok",
    [
        ([ABC(O.OP_CALL, 0, 1, 0), ABC(O.OP_RETURN, 0, 0), RET], True),
        ([ABC(O.OP_CALL, 1, 1, 0), ABC(O.OP_RETURN, 0, 0), RET], True),  # top >= R(1) > R(0)
        ([ABC(O.OP_CALL, 0, 1, 0), ABC(O.OP_RETURN, 1, 0), RET], False),  # top may be R(0)
        ([ABC(O.OP_VARARG, 1, 0), ABC(O.OP_CALL, 0, 0, 1), RET], True),
        ([ABC(O.OP_VARARG, 0, 0), ABC(O.OP_CALL, 0, 0, 1), RET], False),  # no room for args
        (
            [ABC(O.OP_CALL, 1, 1, 0), ABC(O.OP_TAILCALL, 0, 0, 0), ABC(O.OP_RETURN, 0, 0), RET],
            True,
        ),  # fmt: skip
        ([ABC(O.OP_CALL, 0, 0, 1), RET], False),  # nothing set top
        ([ABC(O.OP_NEWTABLE, 0), ABC(O.OP_SETLIST, 0, 0, 1), RET], False),
        ([ABC(O.OP_NEWTABLE, 0), ABC(O.OP_VARARG, 1, 0), ABC(O.OP_SETLIST, 0, 0, 1), RET], True),
        # the consumer is also a jump target: top is stale on that path
        ([AsBx(O.OP_JMP, 0, 1), ABC(O.OP_CALL, 1, 1, 0), ABC(O.OP_RETURN, 0, 0), RET], False),
        # a TAILCALL to a builtin leaves its results up to top for the RETURN after it
        ([ABC(O.OP_TAILCALL, 0, 1, 2), ABC(O.OP_RETURN, 0, 0), RET], True),
    ],
)
def test_top(code, ok):
    p = fn(code)
    if ok:
        accepted(p)
    else:
        assert "top" in rejected(p)


# -- loops and constructors: the registers the VM trusts ------------------------------


def forloop(body, a=0, k=(1.0,)):
    """LOADK A..A+2; FORPREP; body; FORLOOP back to the body."""
    n = len(body)
    return (
        [ABx(O.OP_LOADK, a, 0), ABx(O.OP_LOADK, a + 1, 0), ABx(O.OP_LOADK, a + 2, 0),
         AsBx(O.OP_FORPREP, a, n), *body, AsBx(O.OP_FORLOOP, a, -n - 1), RET]
    )  # fmt: skip


def test_forloop_without_forprep():
    # hardening finding 03: FORLOOP's registers hold a table, or a string
    p = fn([ABC(O.OP_NEWTABLE, 0), ABx(O.OP_LOADK, 1, 0), ABx(O.OP_LOADK, 2, 0),
            AsBx(O.OP_FORLOOP, 0, -1), RET], k=[1.0])  # fmt: skip
    assert "FORPREP" in rejected(p)
    assert "TypeError" in unverified_python_error(p)


@pytest.mark.parametrize(
    "code, ok",
    [
        (forloop([]), True),
        (forloop([ABx(O.OP_LOADK, 3, 0)]), True),  # the loop variable is the body's
        (forloop([ABC(O.OP_MOVE, 3, 0)]), True),
        (forloop([ABx(O.OP_LOADK, 1, 0)]), False),  # the limit changed
        (forloop([ABC(O.OP_MOVE, 0, 5)]), False),  # the index changed
        (forloop([ABC(O.OP_CALL, 2, 1, 1)]), False),  # a call's frame covers the step
        (forloop([ABC(O.OP_CALL, 3, 1, 1)]), True),
        (forloop([ABC(O.OP_CONCAT, 4, 2, 3)]), False),  # CONCAT works in place
        (forloop([ABx(O.OP_CLOSURE, 4, 0), ABC(O.OP_MOVE, 0, 1)]), False),  # captured
        (forloop([ABx(O.OP_CLOSURE, 4, 0), ABC(O.OP_MOVE, 0, 3), ABC(O.OP_CLOSE, 3)]), True),
        (forloop([ABC(O.OP_LOADNIL, 3, 5)]), True),
        (forloop([ABC(O.OP_LOADNIL, 2, 5)]), False),
        # a FORLOOP whose FORPREP has another A, or jumps elsewhere
        ([ABx(O.OP_LOADK, 0, 0), ABx(O.OP_LOADK, 1, 0), ABx(O.OP_LOADK, 2, 0),
          ABx(O.OP_LOADK, 3, 0), AsBx(O.OP_FORPREP, 1, 0), AsBx(O.OP_FORLOOP, 0, -1), RET], False),
        ([ABx(O.OP_LOADK, 0, 0), ABx(O.OP_LOADK, 1, 0), ABx(O.OP_LOADK, 2, 0),
          AsBx(O.OP_FORPREP, 0, 1), AsBx(O.OP_FORLOOP, 0, -1), RET, RET], False),
        # a jump into the body from before the FORPREP
        ([AsBx(O.OP_JMP, 0, 4), ABx(O.OP_LOADK, 0, 0), ABx(O.OP_LOADK, 1, 0),
          ABx(O.OP_LOADK, 2, 0), AsBx(O.OP_FORPREP, 0, 1), ABC(O.OP_MOVE, 5, 5),
          AsBx(O.OP_FORLOOP, 0, -2), RET], False),
        # two loops one after the other in the same registers
        (forloop([]) [:-1] + forloop([ABC(O.OP_MOVE, 3, 3)]), True),
        # nested loops
        (forloop(forloop([ABC(O.OP_MOVE, 8, 4)], a=4)[:-1]), True),
    ],
)  # fmt: skip
def test_forloop(code, ok):
    p = fn(code, k=[1.0], p=[fn([RET], nups=1)])
    if ok:
        accepted(p)
    else:
        rejected(p)


def test_forloop_registers_changed_break_the_vm():
    p = fn(forloop([ABx(O.OP_LOADK, 2, 1)]), k=[2.0, b"s"])  # a string step
    rejected(p)
    assert "TypeError" in unverified_python_error(p)


def test_setlist_on_a_non_table():
    # hardening finding 03 (lua5.1 itself crashes on this one)
    p = fn([ABx(O.OP_LOADK, 0, 0), ABx(O.OP_LOADK, 1, 0), ABC(O.OP_SETLIST, 0, 1, 1), RET],
           k=[1.0])  # fmt: skip
    assert "table" in rejected(p)
    assert "AttributeError" in unverified_python_error(p)


def setlist(between, a=0):
    return [ABC(O.OP_NEWTABLE, a), *between, ABx(O.OP_LOADK, a + 1, 0),
            ABC(O.OP_SETLIST, a, 1, 1), RET]  # fmt: skip


@pytest.mark.parametrize(
    "code, ok",
    [
        (setlist([]), True),
        (setlist([ABC(O.OP_NEWTABLE, 2), ABC(O.OP_SETLIST, 2, 0, 1)]), False),  # no top
        (setlist([ABC(O.OP_NEWTABLE, 2), ABx(O.OP_LOADK, 3, 0), ABC(O.OP_SETLIST, 2, 1, 1)]), True),
        (setlist([ABC(O.OP_MOVE, 0, 3)]), False),
        (setlist([ABC(O.OP_CALL, 1, 1, 2)]), True),
        (setlist([ABC(O.OP_CALL, 0, 1, 2)]), False),
        (setlist([ABx(O.OP_GETGLOBAL, 1, 1), ABC(O.OP_GETTABLE, 1, 1, 0)]), True),
        (setlist([ABC(O.OP_TESTSET, 0, 3, 1), AsBx(O.OP_JMP, 0, 0)]), False),
        (setlist([ABx(O.OP_CLOSURE, 4, 0), ABC(O.OP_MOVE, 0, 0)]), False),
        # a table made on one path only
        ([ABC(O.OP_TEST, 5, 0, 0), AsBx(O.OP_JMP, 0, 1), ABC(O.OP_NEWTABLE, 0),
          ABx(O.OP_LOADK, 1, 0), ABC(O.OP_SETLIST, 0, 1, 1), RET], False),
        # on both
        ([ABC(O.OP_TEST, 5, 0, 0), AsBx(O.OP_JMP, 0, 2), ABC(O.OP_NEWTABLE, 0, 1),
          AsBx(O.OP_JMP, 0, 1), ABC(O.OP_NEWTABLE, 0), ABx(O.OP_LOADK, 1, 0),
          ABC(O.OP_SETLIST, 0, 1, 1), RET], True),
    ],
)  # fmt: skip
def test_setlist(code, ok):
    p = fn(code, k=[1.0, b"x"], p=[fn([RET], nups=1)])
    if ok:
        accepted(p)
    else:
        rejected(p)


# -- code words: control goes to instructions only ---------------------------------


def test_loadbool_skips_past_the_end():
    # lua5.1 checks LOADBOOL's skip only when C is 1; its VM skips for any C
    p = fn([ABC(O.OP_LOADBOOL, 0, 1, 2), RET])
    rejected(p)
    assert "IndexError" in unverified_python_error(p)
    accepted(fn([ABC(O.OP_LOADBOOL, 0, 1, 2), RET, RET]))


def test_setlist_data_word():
    # hardening finding 01: a batch number of 1 reads as LOADK 0 0, which
    # has no constant: lua5.1 loads and runs it (prints "table true")
    code = [ABC(O.OP_NEWTABLE, 0), ABC(O.OP_LOADBOOL, 1, 1), ABC(O.OP_SETLIST, 0, 1, 0), 1,
            ABC(O.OP_RETURN, 0, 2)]  # fmt: skip
    p = fn(code, maxstacksize=4)
    accepted(p)
    L = Lua(sandbox=True, allow_bytecode=True)
    t = L.call(L.load(dump(p), b"=crafted"))[0]
    assert t.get(1.0) is True
    # a batch number of 0 would write R(A+i) at index i - 50
    code[3] = 0
    assert "batch" in rejected(fn(code, maxstacksize=4))
    code[3] = MAX_SETLIST_BATCH
    accepted(fn(code, maxstacksize=4))
    code[3] = MAX_SETLIST_BATCH + 1  # (C-1)*50 overflows lua5.1's int
    rejected(fn(code, maxstacksize=4))
    # a skip onto the data word
    code[3] = 600
    rejected(fn([ABC(O.OP_LOADBOOL, 0, 1, 2), *code], maxstacksize=4))


def test_jump_into_closure_pseudo_instructions():
    inner = fn([RET], nups=1)
    code = [AsBx(O.OP_JMP, 0, 1), ABx(O.OP_CLOSURE, 1, 0), ABC(O.OP_MOVE, 0, 2), RET]
    rejected(fn(code, p=[inner]))
    code[0] = AsBx(O.OP_JMP, 0, 2)
    accepted(fn(code, p=[inner]))


def test_loadnil_empty_range():
    # the VM's slice assignment would insert 259 nils into the stack
    rejected(fn([ABC(O.OP_LOADNIL, 3, 2), RET]))
    accepted(fn([ABC(O.OP_LOADNIL, 2, 2), RET]))


# -- what luac5.1 writes loads -----------------------------------------------------


def test_corpus_verifies():
    """luac5.1's chunks of tests/luac and pylua's dumps of tests/lua (the
    same bytes as luac5.1's), every function in them."""
    n = 0
    for data in corpus():
        for p in walk(undump(data, b"=c")):
            assert verify(p) is None
            n += 1
    assert n > 2000


@pytest.mark.skipif(not os.environ.get("LUA51_TESTS") or LUAC is None,
                    reason="LUA51_TESTS (the official suite's folder) not set, or no luac5.1")  # fmt: skip
def test_official_suite_verifies(tmp_path):
    for src in sorted(Path(os.environ["LUA51_TESTS"]).glob("*.lua")):
        out = tmp_path / (src.stem + ".luac")
        if subprocess.run([LUAC, "-o", out, src], capture_output=True).returncode:
            continue  # luac5.1 rejects it too
        for p in walk(undump(out.read_bytes(), b"=c")):
            assert verify(p) is None, (src.name, verify(p))


# -- the sandbox refuses binary chunks ----------------------------------------------

SANDBOX_PROGRAM = rb"""
local s = string.dump(function(a) return a + 1 end)
print(loadstring(s))
print(loadstring(s, "=name"))
local i = 0
print(load(function() i = i + 1; if i == 1 then return s:sub(1, 5) elseif i == 2 then return s:sub(6) end end))
print(i)
"""


def run(src: bytes, **kw) -> str:
    out = io.BytesIO()
    L = Lua(stdout=out, **kw)
    L.execute(src)
    return out.getvalue().decode("latin-1")


def test_sandbox_refuses_binary_chunks():
    # as Redis's Lua since CVE-2015-4335: every chunk is source, and ESC is
    # no token (the load with a reader stops at its first piece)
    assert run(SANDBOX_PROGRAM, sandbox=True) == (
        "nil\t[string \"\x1bLuaQ\"]:1: unexpected symbol near 'char(27)'\n"
        "nil\tname:1: unexpected symbol near 'char(27)'\n"
        "nil\t(load):1: unexpected symbol near 'char(27)'\n"
        "1\n"
    )
    L = Lua(sandbox=True)
    with pytest.raises(LuaSyntaxError):
        L.load(dump(fn([RET])), b"=host")


def test_allow_bytecode():
    out = run(SANDBOX_PROGRAM, sandbox=True, allow_bytecode=True).splitlines()
    assert [line.split(":")[0] for line in out] == ["function", "function", "function", "3"]
    assert run(SANDBOX_PROGRAM).splitlines()[3] == "3"  # the full profile loads them
    out = run(SANDBOX_PROGRAM, allow_bytecode=False).splitlines()
    assert out[0].startswith("nil")


def test_cli_runs_luac_output(tmp_path):
    """python -m pylua file.luac runs what luac5.1 wrote (verified)."""
    import sys

    src = HERE / "luac" / "001_locals.lua"
    res = subprocess.run([sys.executable, "-m", "pylua", HERE / "luac" / "001_locals.luac"],
                         capture_output=True, cwd=HERE.parent)  # fmt: skip
    ref = subprocess.run([sys.executable, "-m", "pylua", src], capture_output=True, cwd=HERE.parent)
    assert res.returncode == 0 and res.stdout == ref.stdout and res.stdout
    bad = tmp_path / "bad.luac"
    bad.write_bytes(dump(fn([ABC(O.OP_RETURN, 0, 0)])))
    res = subprocess.run([sys.executable, "-m", "pylua", bad], capture_output=True)
    assert res.returncode == 1
    assert res.stderr.startswith(b"pylua: %s: bad code in precompiled chunk" % str(bad).encode())
