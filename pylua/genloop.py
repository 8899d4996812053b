"""Writes the VM's three loops from pylua/handlers.py: pylua/_loops.py (the
fast loop, which every run uses) and pylua/_loops_hooked.py (the stepping
and sparse loops, which call a hook: imported the first time one runs, so
that a plain run does not pay for compiling or loading them).

    python -m pylua.genloop           # rewrite both files
    python -m pylua.genloop --check   # exit 1 if they are not what handlers.py makes

Each loop is ``handlers.LOOP`` with its ``DISPATCH`` statement replaced by
a tree of ``if op < N`` / ``if op == N`` tests over the loop's instruction
numbers (``vcode.LOOP_OPS``, most frequent first; the tree is the one with
the fewest expected tests, ``_plan``) whose leaves are the handlers' bodies.  The steps, all on the syntax tree (``ast``), never on text:

1. a family's placeholders become its variant's expressions;
2. ``x = y`` at a handler's top level, where x and y are plain names (or y
   a constant) neither of which is assigned elsewhere in the body, is
   dropped and x replaced by y (``rc = c`` in a variant with a constant);
3. ``return`` becomes ``continue``, ``return RELOAD`` ``break``,
   ``return stop(X)`` ``return X``;
4. ``STEPPING``, ``SPARSE``, ``FAST`` and ``COUNT`` become the loop's constants, and
   what they decide is folded away (``if``, ``and``/``or``, ``not``,
   conditional expressions; a ``try`` left with an empty ``finally``);
5. in the sparse loop, ``self.steps_left = steps`` follows each
   ``ci.savedpc = pc`` and ``dm = dmk.get(p) or dmarks(p)`` each
   assignment to ``code`` (see handlers.py); in the counting loop, the
   first of the two (a builtin may ask how many instructions ran).

The output is deterministic; tests/test_loops.py checks that the committed
files are what this module makes and that every loop dispatches every
instruction exactly once.
"""

from __future__ import annotations

import ast
import copy
import sys
from pathlib import Path

from . import handlers as H
from .vcode import LOOP_FREQUENCY, LOOP_OPS

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "handlers.py"
TARGET = HERE / "_loops.py"
# file -> the loops it holds
TARGETS = {
    TARGET: ("loop_fast",),
    HERE / "_loops_hooked.py": ("loop_step", "loop_sparse", "loop_count", "loop_sparse_count"),
}

# name -> (STEPPING, SPARSE, FAST, COUNT)
LOOPS = {
    "loop_fast": (False, False, True, False),
    "loop_step": (True, False, False, False),
    "loop_sparse": (True, True, False, False),
    "loop_count": (True, False, False, True),
    "loop_sparse_count": (True, True, False, True),
}

_LABEL = "@@label@@ "


class GenError(Exception):
    pass


# -- reading handlers.py -----------------------------------------------------------


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def _body(fn: ast.FunctionDef) -> list[ast.stmt]:
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        if isinstance(body[0].value.value, str):
            body = body[1:]  # the docstring
    return copy.deepcopy(body)


def _docline(fn: ast.FunctionDef) -> str:
    return (ast.get_docstring(fn) or "").split("\n")[0]


# -- the transformations -------------------------------------------------------------


class _Substitute(ast.NodeTransformer):
    def __init__(self, subs: dict[str, ast.expr]):
        self.subs = subs

    def visit_Name(self, node: ast.Name):
        if isinstance(node.ctx, ast.Load) and node.id in self.subs:
            return copy.deepcopy(self.subs[node.id])
        return node


def _assigned(nodes) -> set[str]:
    """Every name a statement list binds (assignments, walrus, for, with...)."""
    out = set()
    for n in nodes:
        for sub in ast.walk(n):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)):
                out.add(sub.id)
    return out


def _propagate_copies(body: list[ast.stmt], loop_locals: set[str]) -> list[ast.stmt]:
    while True:
        for i, st in enumerate(body):
            if not (
                isinstance(st, ast.Assign)
                and len(st.targets) == 1
                and isinstance(st.targets[0], ast.Name)
                and isinstance(st.value, (ast.Name, ast.Constant))
            ):
                continue
            x = st.targets[0].id
            if x in loop_locals:  # (pc = b: the loop's state, not a temporary)
                continue
            before, after = body[:i], body[i + 1 :]
            stores = _assigned(before + after)
            if x in stores or (isinstance(st.value, ast.Name) and st.value.id in stores):
                continue
            if any(isinstance(n, ast.Name) and n.id == x for s in before for n in ast.walk(s)):
                continue
            body = before + [_Substitute({x: st.value}).visit(s) for s in after]
            break
        else:
            return body


def _is_name(node, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


class _Returns(ast.NodeTransformer):
    """A handler's ways out, as the loop spells them."""

    def visit_Return(self, node: ast.Return):
        v = node.value
        if v is None:
            return ast.copy_location(ast.Continue(), node)
        if _is_name(v, "RELOAD"):
            return ast.copy_location(ast.Break(), node)
        if isinstance(v, ast.Call) and _is_name(v.func, "stop") and len(v.args) == 1:
            return ast.copy_location(ast.Return(v.args[0]), node)
        raise GenError(f"line {node.lineno}: a handler returns nothing, RELOAD or stop(X)")

    def visit_FunctionDef(self, node):
        raise GenError(f"line {node.lineno}: no functions inside a handler")

    visit_Lambda = visit_FunctionDef


def _const(node):
    """(True, value) for a constant expression, else (False, None)."""
    if isinstance(node, ast.Constant):
        return True, node.value
    return False, None


class _Fold(ast.NodeTransformer):
    """Fold what the loop's constants decide."""

    def visit_BoolOp(self, node: ast.BoolOp):
        self.generic_visit(node)
        is_and = isinstance(node.op, ast.And)
        values = []
        for v in node.values:
            known, val = _const(v)
            if known:
                if bool(val) != is_and:  # False in an `and`, True in an `or`: decided
                    return ast.Constant(bool(val))
                continue  # True in an `and`, False in an `or`: no effect
            values.append(v)
        if not values:
            return ast.Constant(is_and)
        if len(values) == 1:
            return values[0]
        node.values = values
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp):
        self.generic_visit(node)
        known, val = _const(node.operand)
        if known and isinstance(node.op, ast.Not):
            return ast.Constant(not val)
        return node

    def visit_IfExp(self, node: ast.IfExp):
        self.generic_visit(node)
        known, val = _const(node.test)
        if known:
            return node.body if val else node.orelse
        return node

    def visit_If(self, node: ast.If):
        self.generic_visit(node)
        known, val = _const(node.test)
        if known:
            return (node.body if val else node.orelse) or None
        if not node.body:
            node.body = [ast.Pass()]
        return node

    def visit_Try(self, node: ast.Try):
        self.generic_visit(node)
        if not node.handlers and not node.finalbody and not node.orelse:
            return node.body
        return node

    def generic_visit(self, node):
        super().generic_visit(node)
        for field in ("body", "orelse", "finalbody"):
            stmts = getattr(node, field, None)
            if (
                isinstance(stmts, list)
                and field == "body"
                and not stmts
                and not isinstance(node, ast.Module)
            ):
                stmts.append(ast.Pass())
        return node


def _sparse_rules(stmts: list[ast.stmt], marks: bool = True) -> list[ast.stmt]:
    """The sparse loop's two additions (see the module docstring); the
    counting loop's first one (marks False)."""
    out = []
    for st in stmts:
        for field in ("body", "orelse", "finalbody"):
            sub = getattr(st, field, None)
            if isinstance(sub, list) and sub and isinstance(sub[0], ast.stmt):
                setattr(st, field, _sparse_rules(sub, marks))
        if isinstance(st, ast.Try):
            for h in st.handlers:
                h.body = _sparse_rules(h.body, marks)
        out.append(st)
        if isinstance(st, ast.Assign):
            t = st.targets[0]
            if (
                isinstance(t, ast.Attribute)
                and _is_name(t.value, "ci")
                and t.attr == "savedpc"
                and _is_name(st.value, "pc")
            ):
                out.append(ast.parse("self.steps_left = steps").body[0])
            names = {n.id for n in ast.walk(t) if isinstance(n, ast.Name)}
            if marks and "code" in names:
                out.append(ast.parse("dm = dmk.get(p) or dmarks(p)").body[0])
    return out


# -- one loop --------------------------------------------------------------------


def _flags(stepping: bool, sparse: bool, fast: bool, count: bool) -> dict[str, ast.expr]:
    return {
        "STEPPING": ast.Constant(stepping),
        "SPARSE": ast.Constant(sparse),
        "FAST": ast.Constant(fast),
        "COUNT": ast.Constant(count),
    }


def _as_list(r) -> list:
    return r if isinstance(r, list) else [r]


class _Macros(ast.NodeTransformer):
    """A statement ``NAME(args)``, NAME a macro of handlers.py (H.MACROS),
    becomes the macro's body with its parameters replaced by args."""

    def __init__(self, fns: dict):
        self.fns = fns

    def visit_Expr(self, node):
        call = node.value
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id in H.MACROS
        ):
            mac = self.fns[call.func.id]
            params = [a.arg for a in mac.args.args]
            subs = dict(zip(params, call.args, strict=True))
            return [_Substitute(subs).visit(st) for st in _body(mac)]
        return node


def _handler_body(name: str, fns: dict, flags: dict, loop_locals: set) -> list[ast.stmt]:
    fn, subs = H.HANDLERS[name]
    node = fns[fn.__name__]
    body = _body(node)
    body = [r for st in body for r in _as_list(_Macros(fns).visit(st))]
    exprs = {k: ast.parse(v, mode="eval").body for k, v in subs.items()}
    body = [_Substitute(exprs).visit(st) for st in body]
    body = _propagate_copies(body, loop_locals)
    body = [_Returns().visit(st) for st in body]
    body = [_Substitute(flags).visit(st) for st in body]
    folded = []
    for st in body:
        r = _Fold().visit(st)
        if r is None:
            continue
        folded.extend(r if isinstance(r, list) else [r])
    # a trailing `continue` is what the end of the branch does anyway
    while folded and isinstance(folded[-1], ast.Continue):
        folded.pop()
    doc = _docline(fns[fn.__name__]) if not subs else ""
    label = ast.Expr(ast.Constant(f"{_LABEL}{name}" + (f": {doc}" if doc else "")))
    return [label, *folded] if folded else [label, ast.Pass()]


def _plan(weights) -> dict:
    """The dispatch tree with the fewest expected tests for instructions
    0..n-1 run as often as weights say (vcode.LOOP_FREQUENCY): {(lo, hi):
    ("eq", None) or ("lt", m)}, found by dynamic programming over the ranges
    (an optimal alphabetic tree whose tests are `op < m`, or `op == lo`
    taking the range's first one out)."""
    n = len(weights)
    w = [x + 10 for x in weights]  # (what never ran in the benchmarks still may)
    pre = [0.0]
    for x in w:
        pre.append(pre[-1] + x)
    cost: dict = {}
    how: dict = {}
    for i in range(n):
        cost[(i, i + 1)] = 0.0
    for size in range(2, n + 1):
        for lo in range(0, n - size + 1):
            hi = lo + size
            total = pre[hi] - pre[lo]
            best = (total + cost[(lo + 1, hi)], ("eq", None))
            for m in range(lo + 1, hi):
                c = total + cost[(lo, m)] + cost[(m, hi)]
                if c < best[0] - 1e-12:
                    best = (c, ("lt", m))
            cost[(lo, hi)], how[(lo, hi)] = best
    return how


def _tree(lo: int, hi: int, leaves: list, how: dict) -> list[ast.stmt]:
    """Tests that find op in [lo, hi) (op is known to be there)."""
    if hi - lo == 1:
        return leaves[lo]
    kind, m = how[(lo, hi)]
    op = ast.Name("op", ast.Load())
    if kind == "eq":
        test = ast.Compare(op, [ast.Eq()], [ast.Constant(lo)])
        return [ast.If(test, leaves[lo], _tree(lo + 1, hi, leaves, how))]
    test = ast.Compare(op, [ast.Lt()], [ast.Constant(m)])
    return [ast.If(test, _tree(lo, m, leaves, how), _tree(m, hi, leaves, how))]


def _dispatch(leaves: list) -> list[ast.stmt]:
    return _tree(0, len(leaves), leaves, _plan([f for _, f in LOOP_FREQUENCY]))


class _Splice(ast.NodeTransformer):
    def __init__(self, stmts):
        self.stmts = stmts
        self.done = 0

    def visit_Expr(self, node: ast.Expr):
        if _is_name(node.value, "DISPATCH"):
            self.done += 1
            return self.stmts
        return node


def make_loop(name: str, tree: ast.Module) -> ast.FunctionDef:
    stepping, sparse, fast, count = LOOPS[name]
    flags = _flags(stepping, sparse, fast, count)
    fns = _functions(tree)
    missing = set(LOOP_OPS) - set(H.HANDLERS)
    extra = set(H.HANDLERS) - set(LOOP_OPS)
    if missing or extra:
        raise GenError(f"no handler for {sorted(missing)}; no number for {sorted(extra)}")
    loop_locals = _assigned([fns["LOOP"]]) | {a.arg for a in fns["LOOP"].args.args}
    leaves = [_handler_body(op, fns, flags, loop_locals) for op in LOOP_OPS]
    loop = copy.deepcopy(fns["LOOP"])
    loop.name = name
    loop.decorator_list = []
    splice = _Splice(_dispatch(leaves))
    loop = splice.visit(loop)
    if splice.done != 1:
        raise GenError("LOOP must have exactly one DISPATCH statement")
    loop = _Substitute(flags).visit(loop)
    loop = _Fold().visit(loop)
    if sparse or count:
        loop.body = _sparse_rules(loop.body, marks=sparse)
    return ast.fix_missing_locations(loop)


# -- the module ---------------------------------------------------------------------


HEADER = '''"""{what}: generated by pylua/genloop.py from pylua/handlers.py.

Do not edit: change pylua/handlers.py and run ``python -m pylua.genloop``.
Read pylua/handlers.py to see what an instruction does.
"""

# fmt: off
'''
WHAT = {
    TARGET: "The VM's fast loop (a run without hooks)",
    HERE / "_loops_hooked.py": (
        "The VM's loops that count every step: stepping and sparse (they call a hook)"
        " and counted (the debugger's Run)"
    ),
}


def generate() -> dict[Path, str]:
    """{file: its text}, for each file of TARGETS."""
    source = SOURCE.read_text()
    tree = ast.parse(source)
    imports = [
        n
        for n in tree.body
        if isinstance(n, (ast.Import, ast.ImportFrom))
        and not (isinstance(n, ast.ImportFrom) and n.module == "__future__")
    ]
    out = {}
    for target, names in TARGETS.items():
        parts = [HEADER.format(what=WHAT[target]), "from __future__ import annotations\n"]
        parts += [ast.unparse(n) + "\n" for n in imports]
        for name in names:
            text = ast.unparse(make_loop(name, tree))
            lines = []
            for line in text.split("\n"):
                st = line.strip()
                if st.startswith(("'" + _LABEL, '"' + _LABEL)):
                    indent = line[: len(line) - len(line.lstrip())]
                    line = indent + "# " + ast.literal_eval(st)[len(_LABEL) :]
                lines.append(line)
            parts.append("\n\n" + "\n".join(lines) + "\n")
        out[target] = "".join(parts)
    return out


def loop_source(name: str) -> str:
    """The committed text of the file that holds loop ``name``."""
    return next(t for t, names in TARGETS.items() if name in names).read_text()


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    texts = generate()
    if "--check" in argv:
        stale = [t for t, text in texts.items() if not t.exists() or t.read_text() != text]
        for t in stale:
            print(f"{t} is not what {SOURCE.name} makes: run python -m pylua.genloop")
        return 1 if stale else 0
    for target, text in texts.items():
        target.write_text(text)
        print(f"wrote {target} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
