"""The VM's loops are generated from one handler per instruction.

pylua/handlers.py holds the handlers, pylua/genloop.py makes pylua/_loops.py
(the fast loop) and pylua/_loops_hooked.py (the stepping and sparse loops,
imported only when one first runs) from them.  These tests pin the contract: every Lua opcode and every loop
instruction has exactly one handler, every generated loop dispatches every
loop instruction number to exactly one branch, the committed file is what
the generator makes, and the stepping loops really step.
"""

from __future__ import annotations

import ast
import io

import pytest

from pylua import Lua, _loops, genloop, handlers
from pylua.opcodes import OPCODES
from pylua.vcode import LOOP_OPS, NUM_LOOP_OPS


def test_generated_loops_are_current():
    texts = genloop.generate()
    assert sorted(texts) == sorted(genloop.TARGETS)
    for target, text in texts.items():
        assert target.read_text() == text, f"{target} is stale: run python -m pylua.genloop"


def test_every_lua_opcode_has_its_handler_by_name():
    for op in OPCODES:
        assert op.name in handlers.HANDLERS, op.name
        assert op.name in LOOP_OPS, op.name


def test_every_loop_instruction_has_exactly_one_handler():
    assert sorted(handlers.HANDLERS) == sorted(LOOP_OPS)
    assert len(set(LOOP_OPS)) == len(LOOP_OPS)
    # a second handler for a name is refused
    with pytest.raises(ValueError, match="two handlers for MOVE"):
        handlers._register("MOVE", handlers.MOVE, {})


def _leaves(stmts, cands: frozenset, found: list):
    """Walk the dispatch tree (tests on `op`), recording which instruction
    numbers can reach each leaf: exactly one must."""
    if len(stmts) == 1 and isinstance(stmts[0], ast.If):
        test = stmts[0].test
        if (
            isinstance(test, ast.Compare)
            and isinstance(test.left, ast.Name)
            and test.left.id == "op"
            and isinstance(test.comparators[0], ast.Constant)
        ):
            n = test.comparators[0].value
            if isinstance(test.ops[0], ast.Lt):
                yes = frozenset(x for x in cands if x < n)
            else:
                assert isinstance(test.ops[0], ast.Eq)
                yes = frozenset(x for x in cands if x == n)
            _leaves(stmts[0].body, yes, found)
            _leaves(stmts[0].orelse, cands - yes, found)
            return
    assert len(cands) == 1, f"a branch reached by {sorted(cands)}"
    found.append(next(iter(cands)))


def _dispatch_of(fn: ast.FunctionDef):
    for node in ast.walk(fn):
        if isinstance(node, ast.While):
            body = node.body
            for i, st in enumerate(body):
                if (
                    isinstance(st, ast.Assign)
                    and isinstance(st.targets[0], ast.Tuple)
                    and [getattr(e, "id", None) for e in st.targets[0].elts]
                    == ["op", "a", "b", "c", "pc"]
                ):
                    return body[i + 1 :]
    raise AssertionError("no dispatch found")


@pytest.mark.parametrize("name", list(genloop.LOOPS))
def test_each_loop_dispatches_every_instruction_once(name):
    tree = ast.parse(genloop.loop_source(name))
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    found = []
    _leaves(_dispatch_of(fn), frozenset(range(NUM_LOOP_OPS)), found)
    assert sorted(found) == list(range(NUM_LOOP_OPS))


def _names(src: str, fn: str) -> set[str]:
    tree = next(n for n in ast.parse(src).body if getattr(n, "name", "") == fn)
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)
    }


def test_flags_are_folded_away():
    for flag in ("STEPPING", "SPARSE", "FAST", "COUNT", "DISPATCH", "RELOAD", "stop"):
        for fn in genloop.LOOPS:
            assert flag not in _names(genloop.loop_source(fn), fn), (flag, fn)
    fast = _names(genloop.loop_source("loop_fast"), "loop_fast")
    assert "hook" not in fast and "steps_left" not in fast and "install_region" in fast
    assert "_hot_loop" in fast and "Deopt" in fast
    step = _names(genloop.loop_source("loop_step"), "loop_step")
    assert "hook" in step and "install_region" not in step and "_hot_loop" not in step
    count = _names(genloop.loop_source("loop_count"), "loop_count")  # fast paths, exact steps
    assert "hook" not in count and "install_region" not in count
    assert {"_hot_loop", "Deopt", "steps_left"} <= count
    sparse = _names(genloop.loop_source("loop_sparse"), "loop_sparse")
    assert {"dmarks", "steps_left"} <= sparse and "install_leaf" not in sparse
    src = genloop.loop_source("loop_sparse")
    tree = next(n for n in ast.parse(src).body if getattr(n, "name", "") == "loop_sparse")
    assert (
        ast.unparse(tree).count("dm = dmk.get(p) or dmarks(p)") >= 4
    )  # entry, CALL, TAILCALL, RETURN


def test_vm_runs_the_generated_loops():
    assert Lua._loop is _loops.loop_fast
    L = Lua(stdout=io.BytesIO())
    L.start(L.load("return 1"))
    assert L.run_stepping(1 << 62, 1) == "running"  # the first call imports the hooked loops
    from pylua import _loops_hooked

    assert Lua.run_stepping is _loops_hooked.loop_step
    assert Lua.run_sparse is _loops_hooked.loop_sparse


def test_a_plain_run_does_not_load_the_hooked_loops():
    """`python -m pylua` compiles (or loads) only the fast loop: the hooked
    ones are a third of the start-up's compiling when there is no bytecode."""
    import subprocess
    import sys

    code = (
        "import sys, io; from pylua import Lua; L = Lua(stdout=io.BytesIO()); "
        "L.execute('local s = 0 for i = 1, 10 do s = s + i end print(s)'); "
        "print('pylua._loops_hooked' in sys.modules, L.stdout.getvalue())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False b'55\\n'"


PROGRAM = """
local t = {}
for i = 1, 5 do t[#t + 1] = i * 2 end          -- FORLOOP_UP, LEN, MUL_RK, SETTABLE_RR
local s = 0
for i = 5, 1, -1 do s = s + t[i] % 3 end        -- FORLOOP, GETTABLE_R, MOD_RK, ADD_RR
local mt = {__index = function(_, k) return k .. "!" end}
local o = setmetatable({}, mt)
local function f(...) return select("#", ...), ... end
local n, a, b = f(1, nil, 3)                    -- VARARG, CALL
return s, o.x, n, a, b, 2 ^ 10, "a" < "b", 3 <= 2
"""


def test_the_three_loops_agree():
    want = [6.0, b"x!", 3.0, 1.0, None, 1024.0, True, False]
    L = Lua(stdout=io.BytesIO())
    assert L.execute(PROGRAM) == want

    L = Lua(stdout=io.BytesIO())
    count = [0]

    def hook(vm, th, ci, pc):
        count[0] += 1

    L.hook = hook
    assert L.execute(PROGRAM) == want
    stepped = count[0]
    assert stepped > 50

    # the sparse loop: a hook asked for only before RETURNs
    from pylua.opcodes import OP_RETURN, get_op

    class Sparse:
        dmk: dict = {}
        calls = 0

        def dmarks(self, p):
            m = Sparse.dmk[p] = bytes(1 if get_op(i) == OP_RETURN else 0 for i in p.code)
            return m

        def __call__(self, vm, th, ci, pc, mark):
            Sparse.calls += 1

    L = Lua(stdout=io.BytesIO())
    f = L.load(PROGRAM)
    L.start(f)
    L.hook = Sparse()
    st = L.run_sparse(1 << 62, 10**9)
    assert st == "finished"
    assert L.host_results == want
    assert Sparse.calls == 3  # the RETURNs run: the __index function's, f's, the chunk's
    assert L.steps_left == 10**9 - stepped


def _big_program() -> str:
    """A function of about 7 000 code words (several stretches of lazy
    decoding): a loop around them, branches and a closure across stretch
    boundaries, a block first reached on the last iteration."""
    a = "n = n + 1 " * 1500
    b = "n = n + (n % 7 < 3 and 2 or 1) " * 700
    return (
        "local n = 0\n"
        "for r = 1, 3 do\n"
        f"  {a}\n"
        f"  if r == 3 then {b} else n = n - 1 end\n"
        "  local function g() return n end\n"
        "  for i = 1, 3 do n = n + i end\n"
        "  n = n + g() % 5\n"
        "end\n"
        "while n > 1000 do n = n - 1000 end\n"
        "return n\n"
    )


def test_lazy_decoding_is_invisible_to_the_loops():
    """A big function decoded a stretch at a time as it runs: each loop
    gives the same results, and a stepping hook is called once before
    every instruction, which it sees decoded (DECODE never runs as one)."""
    from pylua.vcode import DECODE, STRETCH

    src = _big_program()
    L = Lua(stdout=io.BytesIO())
    want = L.execute(src)
    f = L.load(src)
    assert len(f.proto.code) > 3 * STRETCH
    counts = []

    def hook(vm, th, ci, pc):
        assert ci.cl.proto.vcode[pc][0] != DECODE
        counts[-1] += 1

    for _ in range(2):  # decoding as it goes, then all decoded
        counts.append(0)
        L.hook = hook
        assert L.call(f) == want
        L.hook = None
    assert counts[0] == counts[1] > 5000

    L = Lua(stdout=io.BytesIO())
    f = L.load(src)
    L.start(f)
    n = 0
    while (st := L.step()) == "running":  # the stepping loop without a hook
        n += 1
    assert st == "finished" and L.host_results == want
    assert n + 1 == counts[0]  # one instruction a step (the last one finishes)

    class Sparse:
        dmk: dict = {}

        def dmarks(self, p):
            m = Sparse.dmk[p] = bytes([1]) * len(p.code)  # a hook everywhere
            return m

        def __call__(self, vm, th, ci, pc, mark):
            assert ci.cl.proto.vcode[pc][0] != DECODE

    L = Lua(stdout=io.BytesIO())
    f = L.load(src)
    L.start(f)
    L.hook = Sparse()
    assert L.run_sparse(1 << 62, 10**9) == "finished"
    assert L.host_results == want
    assert L.steps_left == 10**9 - counts[0]
