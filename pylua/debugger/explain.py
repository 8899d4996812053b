"""The current instruction in words, with its real operands and values
(the snapshot's ``instruction.explain``), and what the last step did (the
playground's ``did``): docs/snapshot.md.

``explain`` reads the frame dict the snapshot already built (register
names and values as shown) and the live stack only to work out a result
(an arithmetic, a comparison, a loop test): it costs a few string
formats, whatever the program holds.
"""

from __future__ import annotations

import math
import re

from ..numfmt import fmt_number
from ..opcodes import BITRK, LFIELDS_PER_FLUSH, get_op, getarg_B, getarg_sBx
from ..snapshot import constant, proto_label, quote
from ..values import Builtin, LuaFunction, fb2int

_ARITH = {"ADD": "+", "SUB": "-", "MUL": "*", "DIV": "/", "MOD": "%", "POW": "^"}
_CMP = {"EQ": "==", "LT": "<", "LE": "<="}
_MOVE = 0  # OP_MOVE
_SKIPS = ("LOADBOOL", "EQ", "LT", "LE", "TEST", "TESTSET", "TFORLOOP")


def _short(v: dict) -> str:
    """A Value as the explanation shows it: a heap object by its address
    (what print shows, as the registers panel shows it)."""
    return v["value"]


def _num(x: float) -> str:
    return fmt_number(x).decode()


def _arith(op: str, a, b):
    """The result of a number op (None when not two numbers, or an error)."""
    if a.__class__ is not float or b.__class__ is not float:
        return None
    try:
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            if b == 0:
                return math.nan if a == 0 or a != a else math.copysign(math.inf, a) * math.copysign(1, b)
            return a / b
        if op == "%":
            if b == 0:
                return math.nan
            return a - math.floor(a / b) * b
        r = a**b
        return r if r.__class__ is float else None
    except (OverflowError, ValueError, ZeroDivisionError):
        return None


class _Ctx:
    """The frame an instruction runs in: its registers as shown, its live
    stack, its proto's constants."""

    def __init__(self, frame: dict, p, stack, base: int):
        self.regs = frame.get("registers") or []
        self.frame = frame
        self.p = p
        self.stack = stack
        self.base = base

    def name(self, i: int, near: int | None = None) -> str:
        """R2 (s): a register by its local's name; a temporary by the local
        that lives there at 0-based pc ``near``, or last lived there (a
        loop's variable before its scope, `i` at the CLOSE after it)."""
        regs = self.regs
        n = regs[i]["name"] if 0 <= i < len(regs) else None
        if not n and near is not None:
            n = _local_near(self.p, i, near)
        if not n:
            return "R%d" % i
        return "R%d %s" % (i, n) if n.startswith("(") else "R%d (%s)" % (i, n)

    def val(self, i: int) -> str:
        regs = self.regs
        if 0 <= i < len(regs):
            return _short(regs[i])
        return _plain(self.live(i))  # above the window (what VARARG pushed)

    def reg(self, i: int) -> str:
        """R2 (s) 10: a register read, with its value."""
        return "%s %s" % (self.name(i), self.val(i))

    def live(self, i: int):
        s = self.stack
        j = self.base + i
        return s[j] if s is not None and 0 <= j < len(s) else None

    def k(self, x: int) -> str:
        ks = self.p.k
        return _short(constant(ks[x])) if 0 <= x < len(ks) else "?"

    def rk(self, x: int) -> str:
        """RK(x) read: a register with its value, or a constant."""
        if x & BITRK:
            return "K%d %s" % (x & ~BITRK, self.k(x & ~BITRK))
        return self.reg(x)

    def rk_live(self, x: int):
        if x & BITRK:
            ks = self.p.k
            i = x & ~BITRK
            return ks[i] if i < len(ks) else None
        return self.live(x)

    def gname(self, bx: int) -> str:
        ks = self.p.k
        k = ks[bx] if 0 <= bx < len(ks) else None
        return k.decode("utf-8", "replace") if k.__class__ is bytes else "?"

    def up(self, b: int) -> str:
        ups = self.frame.get("upvalues") or []
        if 0 <= b < len(ups):
            u = ups[b]
            return "upvalue %d '%s' (%s) %s" % (b, u["name"], u["state"], _short(u))
        return "upvalue %d" % b

    def span(self, lo: int, hi: int) -> str:
        """R(lo)..R(hi), by name; "none" when hi < lo."""
        if hi < lo:
            return "none"
        if hi == lo:
            return self.name(lo)
        return "%s..%s" % (self.name(lo), self.name(hi))

    def values(self, lo: int, hi: int, most: int = 6) -> str:
        vs = [self.val(i) for i in range(lo, min(hi, lo + most - 1) + 1)]
        if hi - lo + 1 > most:
            vs.append("… %d more" % (hi - lo + 1 - most))
        return ", ".join(vs)


def _plain(v) -> str:
    """A value above the frame's window (not in the snapshot): its text,
    or its type for a heap object."""
    if v is None:
        return "nil"
    if v is True or v is False:
        return "true" if v else "false"
    if v.__class__ is float:
        return _num(v)
    if v.__class__ is bytes:
        return quote(v)
    return "a %s" % getattr(v, "lua_type", "value")


def _fname(v) -> str:
    if v.__class__ is Builtin:
        return "builtin %s" % v.name
    if v.__class__ is LuaFunction:
        return proto_label(v.proto)
    return "a %s value (its __call metamethod, if any)" % getattr(v, "lua_type", "non-function")


def explain(ins: dict, frame: dict, ci, stack, top) -> str:
    """The instruction ``ins`` (a snapshot Instruction) of Lua frame
    ``frame`` in words, with its operands' names and values.  ``ci`` is the
    frame's CallInfo, ``stack`` its coroutine's live stack,
    ``top`` the first register above the values an open call left (None
    when not known)."""
    try:
        c = _Ctx(frame, ci.cl.proto, stack, ci.base)
        c.func = ci.func
        return _explain(ins, c, top)
    except Exception as e:  # noqa: BLE001 - words must never break a snapshot
        return "%s %s (%s)" % (ins.get("opcode"), ins.get("operands"), type(e).__name__)


def _explain(ins: dict, c: _Ctx, top) -> str:
    op = ins["opcode"]
    a = ins["a"]
    b = ins["b"]
    cc = ins["c"]
    bx = ins["bx"]
    sbx = ins["sbx"]
    pc = ins["pc"]
    if op == "MOVE":
        return "%s := %s" % (c.name(a), c.reg(b))
    if op == "LOADK":
        return "%s := constant K%d %s" % (c.name(a), bx, c.k(bx))
    if op == "LOADBOOL":
        s = "%s := %s" % (c.name(a), "true" if b else "false")
        return s + ("; then skip the next instruction (to pc %d)" % (pc + 2) if cc else "")
    if op == "LOADNIL":
        return "%s := nil" % c.span(a, b)
    if op == "GETUPVAL":
        return "%s := %s" % (c.name(a), c.up(b))
    if op == "GETGLOBAL":
        return "%s := global '%s' (_G[\"%s\"])" % (c.name(a), c.gname(bx), c.gname(bx))
    if op == "SETGLOBAL":
        return "global '%s' := %s" % (c.gname(bx), c.reg(a))
    if op == "SETUPVAL":
        return "%s := %s" % (c.up(b), c.reg(a))
    if op == "GETTABLE":
        return "%s := %s[%s]" % (c.name(a), c.reg(b), c.rk(cc))
    if op == "SETTABLE":
        return "%s[%s] := %s" % (c.reg(a), c.rk(b), c.rk(cc))
    if op == "NEWTABLE":
        return "%s := a new table {} (room for %d array items, %d hash items)" % (
            c.name(a), _fb2int(b), _fb2int(cc))
    if op == "SELF":
        return "%s := %s (the object, self); %s := its method %s[%s]" % (
            c.name(a + 1), c.reg(b), c.name(a), c.val(b), c.rk(cc))
    if op in _ARITH:
        sym = _ARITH[op]
        r = _arith(sym, c.rk_live(b), c.rk_live(cc))
        tail = " → %s" % _num(r) if r is not None else " (not two numbers: coerced from strings or a metamethod)"
        return "%s := %s %s %s%s" % (c.name(a), c.rk(b), sym, c.rk(cc), tail)
    if op == "UNM":
        v = c.live(b)
        tail = " → %s" % _num(-v) if v.__class__ is float else ""
        return "%s := -%s%s" % (c.name(a), c.reg(b), tail)
    if op == "NOT":
        v = c.live(b)
        return "%s := not %s → %s" % (c.name(a), c.reg(b), "true" if v is None or v is False else "false")
    if op == "LEN":
        v = c.live(b)
        tail = " → %d" % len(v) if v.__class__ is bytes else ""
        return "%s := #%s (length)%s" % (c.name(a), c.reg(b), tail)
    if op == "CONCAT":
        return "%s := %s joined with .. (%s)" % (c.name(a), c.span(b, cc), c.values(b, cc))
    if op == "JMP":
        return "jump to pc %d (pc + 1 %+d)" % (pc + 1 + sbx, sbx)
    if op in _CMP:
        sym = _CMP[op]
        x, y = c.rk_live(b), c.rk_live(cc)
        res = _compare(op, x, y)
        want = "true" if a else "false"
        head = "compare %s %s %s" % (c.rk(b), sym, c.rk(cc))
        if res is None:
            return "%s (a metamethod decides): if it is not %s, skip the next instruction (pc %d)" % (
                head, want, pc + 1)
        if res == bool(a):
            return "%s → %s: goes on to the next instruction (pc %d, the jump)" % (
                head, "true" if res else "false", pc + 1)
        return "%s → %s (not %s): skips the next instruction, to pc %d" % (
            head, "true" if res else "false", want, pc + 2)
    if op == "TEST":
        v = c.live(a)
        truth = not (v is None or v is False)
        goes = truth == bool(cc)
        return "test %s is %s: %s" % (
            c.reg(a), "truthy" if truth else "false or nil",
            "goes on to the jump at pc %d" % (pc + 1) if goes else "skips the jump, to pc %d" % (pc + 2))
    if op == "TESTSET":
        v = c.live(b)
        truth = not (v is None or v is False)
        if truth == bool(cc):
            return "test %s is %s: %s := %s, then the jump at pc %d" % (
                c.reg(b), "truthy" if truth else "false or nil", c.name(a), c.val(b), pc + 1)
        return "test %s is %s: %s unchanged, skips the jump, to pc %d" % (
            c.reg(b), "truthy" if truth else "false or nil", c.name(a), pc + 2)
    if op in ("CALL", "TAILCALL"):
        return _call(op, a, b, cc, c, top)
    if op == "RETURN":
        if b == 0:
            hi = top - 1 if top is not None else None
            vals = "%s (%s): up to the top" % (c.span(a, hi), c.values(a, hi)) if hi is not None else \
                "%s and all after it up to the top" % c.name(a)
        elif b == 1:
            vals = "no values"
        else:
            vals = "%d value%s, %s (%s)" % (b - 1, "" if b == 2 else "s", c.span(a, a + b - 2),
                                            c.values(a, a + b - 2))
        return "return %s to the caller: they go to the caller's slots from %d on (where the function was); " \
            "this frame's registers are given up%s" % (
                vals, c.func, ", its open upvalues closed" if ins.get("closes") else "")
    if op == "FORPREP":
        return "prepare the numeric for loop: %s := %s - %s (step) → %s; the limit is %s, the step %s " \
            "(hidden registers); then jump to the FORLOOP at pc %d" % (
                c.name(a), c.val(a), c.val(a + 2), _sub_text(c, a), c.reg(a + 1), c.reg(a + 2),
                pc + 1 + sbx)
    if op == "FORLOOP":
        i, lim, st = c.live(a), c.live(a + 1), c.live(a + 2)
        head = "%s := %s + %s (step)" % (c.name(a), c.val(a), c.reg(a + 2))
        if all(x.__class__ is float for x in (i, lim, st)):
            n = i + st
            goes = n <= lim if st > 0 else lim <= n
            if goes:
                return "%s → %s; %s %s %s (limit): loop again: %s := %s, jump back to pc %d" % (
                    head, _num(n), _num(n), "<=" if st > 0 else ">=", c.reg(a + 1), c.name(a + 3, pc + sbx),
                    _num(n), pc + 1 + sbx)
            return "%s → %s is past %s (limit): the loop ends (%s is left as it is), go on to pc %d" % (
                head, _num(n), c.reg(a + 1), c.name(a), pc + 1)
        return "%s; if within %s (limit): %s := it and jump back to pc %d" % (
            head, c.reg(a + 1), c.name(a + 3, pc + sbx), pc + 1 + sbx)
    if op == "TFORLOOP":
        return "call the generator %s with the state %s and the control %s; its %d result%s go to %s; " \
            "if %s is not nil, %s := it and the jump at pc %d loops, else skip it (the loop ends)" % (
                c.reg(a), c.reg(a + 1), c.reg(a + 2), cc, "" if cc == 1 else "s",
                c.span(a + 3, a + 2 + cc), c.name(a + 3, _jump_target(c, pc)), c.name(a + 2), pc + 1)
    if op == "SETLIST":
        batch = cc if cc else _next_word(c, pc)
        first = (batch - 1) * LFIELDS_PER_FLUSH + 1
        if b == 0:
            hi = top - 1 if top is not None else None
            n = hi - a if hi is not None else None
        else:
            n = b
            hi = a + b
        if n is None:
            items = "%s and all after it up to the top" % c.name(a + 1)
            where = "from %d on" % first
        else:
            items = "%s (%s)" % (c.span(a + 1, hi), c.values(a + 1, hi))
            where = "%d..%d" % (first, first + n - 1) if n > 1 else str(first)
        return "store %s into the table %s at [%s]" % (items, c.reg(a), where)
    if op == "CLOSE":
        return "close the open upvalues at or above %s: closures sharing %s keep their values%s" % (
            c.name(a), _closed_names(c, ins), "")
    if op == "CLOSURE":
        return _closure(a, bx, pc, c)
    if op == "VARARG":
        nv = _nvar(c)
        varargs = c.frame.get("varargs") or []
        vs = ", ".join(_short(v) for v in varargs[:6]) + (", …" if len(varargs) > 6 else "")
        if b == 0:
            return "%s := all %d extra argument%s (...)%s; sets the top" % (
                c.span(a, a + nv - 1) if nv else "R%d" % a, nv, "" if nv == 1 else "s",
                " = " + vs if nv else "")
        return "%s := the first %d extra argument%s (...) of %d%s%s" % (
            c.span(a, a + b - 2), b - 1, "" if b == 2 else "s", nv, " = " + vs if nv else "",
            ", nil for the missing" if b - 1 > nv else "")
    return "%s %s" % (op, ins.get("operands", ""))


_REGS: dict = {}  # id(Proto) -> (proto, [(register, startpc, endpc, name)])


def _local_regs(p) -> list:
    """The register of each local of p: the k-th local active at its
    startpc is register k (as lparser.c allocates them)."""
    got = _REGS.get(id(p))
    if got is not None and got[0] is p:
        return got[1]
    out = []
    lv = p.locvars
    for j, v in enumerate(lv):
        reg = sum(1 for w in lv[:j] if w.startpc <= v.startpc < w.endpc)
        out.append((reg, v.startpc, v.endpc, v.varname.decode("utf-8", "replace")))
    if len(_REGS) > 4096:
        _REGS.clear()
    _REGS[id(p)] = (p, out)
    return out


def _local_near(p, reg: int, pc0: int):
    """The local in register reg active at 0-based pc0, or else the one
    there whose scope starts or ended nearest to it."""
    best = None
    for r, start, end, name in _local_regs(p):
        if r != reg:
            continue
        d = 0 if start <= pc0 < end else (start - pc0 if start > pc0 else pc0 - end + 1)
        if best is None or d < best[0]:
            best = (d, name)
    return best[1] if best is not None and best[0] <= 2 else None


_fb2int = fb2int  # a NEWTABLE size operand: lobject.c's "floating point byte"


def _nvar(c: _Ctx) -> int:
    """The extra arguments of the frame (below its base)."""
    return len(c.frame.get("varargs") or []) + (c.frame.get("varargs_omitted") or 0)


def _sub_text(c: _Ctx, a: int) -> str:
    i, st = c.live(a), c.live(a + 2)
    if i.__class__ is float and st.__class__ is float:
        return _num(i - st)
    return "?"


def _jump_target(c: _Ctx, pc: int) -> int:
    """The 0-based target of the JMP after the instruction at 1-based pc."""
    code = c.p.code
    return pc + 1 + getarg_sBx(code[pc]) if pc < len(code) else pc


def _next_word(c: _Ctx, pc: int) -> int:
    code = c.p.code
    return code[pc] if pc < len(code) else 0  # pc is 1-based: code[pc] is the word after


def _compare(op: str, x, y):
    if op == "EQ":
        if x.__class__ is y.__class__ and x.__class__ in (float, bytes, bool) or x is None or y is None:
            return x == y if x.__class__ is y.__class__ else False
        if x is y:
            return True
        if x.__class__ is not y.__class__:
            return False
        return None  # two tables or userdata: __eq may decide
    if x.__class__ is y.__class__ and x.__class__ in (float, bytes):
        return x < y if op == "LT" else x <= y
    return None


def _call(op: str, a: int, b: int, cc: int, c: _Ctx, top) -> str:
    f = c.live(a)
    fn = c.reg(a)
    if b == 0:
        hi = top - 1 if top is not None else None
        args = "the arguments %s (%s), up to the top" % (c.span(a + 1, hi), c.values(a + 1, hi)) \
            if hi is not None else "the arguments from %s up to the top" % c.name(a + 1)
    elif b == 1:
        args = "no arguments"
    else:
        args = "%d argument%s %s (%s)" % (b - 1, "" if b == 2 else "s", c.span(a + 1, a + b - 1),
                                         c.values(a + 1, a + b - 1))
    what = _fname(f)
    if f.__class__ is LuaFunction:
        window = "; its registers start at slot %d: %s becomes its R0 (the windows overlap)" % (
            c.base + a + 1, c.name(a + 1))
    else:
        window = ""
    if op == "TAILCALL":
        return "tail call %s (%s) with %s: it replaces this frame%s; its results are this function's" % (
            fn, what, args, window)
    if cc == 0:
        res = "all its results go to %s on (sets the top)" % c.name(a)
    elif cc == 1:
        res = "its results are dropped (none kept)"
    else:
        res = "%d result%s go%s to %s" % (cc - 1, "" if cc == 2 else "s", "es" if cc == 2 else "",
                                       c.span(a, a + cc - 2))
    return "call %s (%s) with %s%s; %s" % (fn, what, args, window, res)


def _closure(a: int, bx: int, pc: int, c: _Ctx) -> str:
    p = c.p
    child = p.p[bx] if 0 <= bx < len(p.p) else None
    if child is None:
        return "%s := a new closure of function %d" % (c.name(a), bx)
    names = [u.decode("utf-8", "replace") for u in child.upvalues]
    caps = []
    code = p.code
    for j in range(child.nups):
        w = code[pc + j] if pc + j < len(code) else None
        if w is None:
            break
        un = names[j] if j < len(names) else "?"
        if get_op(w) == _MOVE:
            caps.append("'%s' from %s (shared while this frame lives)" % (un, c.reg(getarg_B(w))))
        else:
            ub = getarg_B(w)
            ups = c.frame.get("upvalues") or []
            src = "'%s'" % ups[ub]["name"] if ub < len(ups) else str(ub)
            caps.append("'%s' from this function's upvalue %d %s" % (un, ub, src))
    cap = "; it captures " + ", ".join(caps) if caps else "; it captures nothing"
    return "%s := a new closure of %s%s" % (c.name(a), proto_label(child), cap)


def _closed_names(c: _Ctx, ins: dict) -> str:
    slots = set(ins.get("closes") or ())
    out = []
    pc0 = ins["pc"] - 1
    for r in c.regs:
        if r["slot"] in slots:
            out.append("%s %s" % (c.name(r["index"], pc0), _short(r)))
    return ", ".join(out) if out else "them"




def did(prev: dict | None, snap: dict) -> str | None:
    """What the instruction of snapshot ``prev`` did, when ``snap`` is the
    state one step after it: the registers it wrote with their new values,
    and where control went (a jump, a skip, a call entered, a return)."""
    if not prev or not snap or prev.get("step") != snap.get("step", 0) - 1:
        return None
    ins = prev.get("instruction")
    if not ins or "opcode" not in ins:
        return None
    slots = {}
    for f in snap.get("frames") or ():
        for r in f.get("registers") or ():
            slots[r["slot"]] = (r, f)
    pf, nf = prev.get("frames") or [], snap.get("frames") or []
    op = ins["opcode"]
    nxt = snap.get("instruction") or {}
    same = len(nf) == len(pf) and nf and pf and nf[-1].get("proto") == pf[-1].get("proto")
    pc = nxt.get("pc") if same else None
    ended_loop = op == "FORLOOP" and pc == ins["pc"] + 1
    writes = ins.get("writes") or ()
    if len(nf) > len(pf) or ended_loop:  # a call entered: its results come at its RETURN
        writes = ()
    out = []
    for slot in writes:
        got = slots.get(slot)
        if got is not None:
            r, f = got
            n = r["name"]
            out.append("R%d%s = %s" % (r["index"], " (%s)" % n if n and not n.startswith("(") else
                                        " " + n if n else "", r["value"]))
    head = "%s (pc %d) did: " % (op, ins["pc"])
    tail = ""
    if snap.get("status") == "finished":
        tail = "the program finished"
    elif snap.get("status") == "error":
        tail = "it failed: %s" % (snap.get("error") or "")
    elif len(nf) > len(pf):
        tail = "entered %s" % nf[-1]["name"]
    elif len(nf) < len(pf):
        tail = "returned to %s" % (nf[-1]["name"] if nf else "the host")
    elif ended_loop:
        tail = "the loop ended (the next value was past the limit)"
    elif pc is not None and op not in ("CLOSURE", "SETLIST"):
        if op in _SKIPS and pc == ins["pc"] + 2:
            tail = "skipped pc %d" % (ins["pc"] + 1)
        elif pc != ins["pc"] + 1:
            tail = "jumped to pc %d" % pc
    parts = ", ".join(out)
    if ins.get("closes"):
        parts = (parts + "; " if parts else "") + "closed %d upvalue%s" % (
            len(ins["closes"]), "" if len(ins["closes"]) == 1 else "s")
    if tail:
        parts = (parts + "; " if parts else "") + tail
    return head + (parts or "nothing visible changed")




# -- the listing's words: operands by name, without values --------------------

_STATIC = re.compile(r"RK\((B|C)\)|R\(([ABC0-9+\-]+)\)|Gbl\[Kst\(Bx\)\]|Kst\(Bx\)|UpValue\[B\]|"
                     r"pc\+=sBx|KPROTO\[Bx\]|\(Bool\)B")


def static_text(ins: dict, p) -> str:
    """The instruction ``ins`` (a listing row) of Proto ``p`` in words
    without values: its description with the operands put in, registers
    named by the locals active there, constants and globals by value
    (`R2 (s) := R2 (s) + R6 (i)`): what the bytecode panel shows on hover."""
    try:
        return _static(ins, p)
    except Exception:  # noqa: BLE001
        return ins.get("description") or ""


def _static(ins: dict, p) -> str:
    desc = ins.get("description") or ""
    a, b, cc = ins["a"], ins["b"] or 0, ins["c"] or 0
    bx, sbx, pc = ins["bx"], ins["sbx"], ins["pc"]
    pc0 = pc - 1
    ks = p.k
    active = [(r, n) for r, s, e, n in _local_regs(p) if s <= pc0 < e]
    names = dict(active)

    def reg(i: int) -> str:
        n = names.get(i)
        if n is None:
            return "R%d" % i
        return "R%d %s" % (i, n) if n.startswith("(") else "R%d (%s)" % (i, n)

    def kst(i: int) -> str:
        return "K%d %s" % (i, _short(constant(ks[i]))) if 0 <= i < len(ks) else "K%d" % i

    def sub(m) -> str:
        t = m.group(0)
        if t.startswith("RK("):
            x = b if m.group(1) == "B" else cc
            return kst(x & ~BITRK) if x & BITRK else reg(x)
        if t.startswith("R("):
            expr = m.group(2)
            if not re.fullmatch(r"[ABC](?:[+\-](?:[ABC]|\d+))*", expr):
                return t
            v = {"A": a, "B": b, "C": cc}
            total = 0
            for sign, term in re.findall(r"([+\-]?)([ABC]|\d+)", expr):
                n = v[term] if term in v else int(term)
                total += -n if sign == "-" else n
            return reg(total)
        if t == "Gbl[Kst(Bx)]":
            k = ks[bx] if bx is not None and 0 <= bx < len(ks) else None
            return "global '%s'" % (k.decode("utf-8", "replace") if k.__class__ is bytes else "?")
        if t == "Kst(Bx)":
            return kst(bx)
        if t == "UpValue[B]":
            ups = p.upvalues
            return "upvalue %d '%s'" % (b, ups[b].decode("utf-8", "replace")) if b < len(ups) else t
        if t == "pc+=sBx":
            return "jump to pc %d" % (pc + 1 + sbx)
        if t == "KPROTO[Bx]":
            return proto_label(p.p[bx]) if bx is not None and bx < len(p.p) else t
        if t == "(Bool)B":
            return "true" if b else "false"
        return t

    def span(lo: int, hi: int) -> str:
        if hi < lo:
            return "none"
        return reg(lo) if hi == lo else "%s..%s" % (reg(lo), reg(hi))

    def rk(x: int) -> str:
        return kst(x & ~BITRK) if x & BITRK else reg(x)

    def plural(n: int, word: str) -> str:
        return "%d %s%s" % (n, word, "" if n == 1 else "s")

    op = ins["opcode"]
    if op in ("CALL", "TAILCALL"):
        if b == 0:
            args = "the arguments from %s up to the top" % reg(a + 1)
        elif b == 1:
            args = "no arguments"
        else:
            args = "%s %s" % (plural(b - 1, "argument"), span(a + 1, a + b - 1))
        if op == "TAILCALL":
            return "tail call %s with %s: it replaces this frame, its results are this function's" % (reg(a), args)
        if cc == 0:
            res = "all its results go to %s on (sets the top)" % reg(a)
        elif cc == 1:
            res = "its results are dropped"
        else:
            res = "%s go%s to %s" % (plural(cc - 1, "result"), "es" if cc == 2 else "", span(a, a + cc - 2))
        return "call %s with %s; %s" % (reg(a), args, res)
    if op == "RETURN":
        if b == 0:
            return "return %s and all above it up to the top" % reg(a)
        return "return no values" if b == 1 else "return %s" % span(a, a + b - 2)
    if op == "CONCAT":
        return "%s := %s joined with .." % (reg(a), span(b, cc))
    if op == "LOADNIL":
        return "%s := nil" % span(a, b)
    if op == "NEWTABLE":
        return "%s := a new table {} (room for %d array items, %d hash items)" % (reg(a), _fb2int(b), _fb2int(cc))
    if op == "SETLIST":
        code = p.code
        batch = cc if cc else (code[pc] if pc < len(code) else 0)
        first = (batch - 1) * LFIELDS_PER_FLUSH + 1
        items = "%s and all above it up to the top" % reg(a + 1) if b == 0 else span(a + 1, a + b)
        return "store %s into the table %s from [%d] on" % (items, reg(a), first)
    if op == "VARARG":
        if b == 0:
            return "all the extra arguments (...) go to %s on (sets the top)" % reg(a)
        return "%s := the first %s (...)" % (span(a, a + b - 2), plural(b - 1, "extra argument"))
    if op == "CLOSURE":
        child = p.p[bx] if bx is not None and bx < len(p.p) else None
        if child is None:
            return desc
        caps = []
        unames = [u.decode("utf-8", "replace") for u in child.upvalues]
        for j in range(child.nups):
            if pc + j >= len(p.code):
                break
            w = p.code[pc + j]
            un = unames[j] if j < len(unames) else "?"
            if get_op(w) == _MOVE:
                caps.append("'%s' from %s" % (un, reg(getarg_B(w))))
            else:
                ups = p.upvalues
                ub = getarg_B(w)
                caps.append("'%s' from upvalue %d '%s'" % (
                    un, ub, ups[ub].decode("utf-8", "replace") if ub < len(ups) else "?"))
        return "%s := a new closure of %s; it captures %s" % (
            reg(a), proto_label(child), ", ".join(caps) if caps else "nothing")
    if op == "FORPREP":
        return "prepare the loop: %s -= %s; jump to the FORLOOP at pc %d" % (reg(a), reg(a + 2), pc + 1 + sbx)
    if op == "FORLOOP":
        lv = _local_near(p, a + 3, pc + sbx)
        return "%s += %s; if it is within %s: %s := it, jump back to pc %d; else the loop ends" % (
            reg(a), reg(a + 2), reg(a + 1), "R%d (%s)" % (a + 3, lv) if lv else "R%d" % (a + 3), pc + 1 + sbx)
    if op == "TFORLOOP":
        return "call %s with %s, %s; %s go to %s; if %s is not nil, %s := it and loop, else skip the jump" % (
            reg(a), reg(a + 1), reg(a + 2), plural(cc, "result"), span(a + 3, a + 2 + cc), "R%d" % (a + 3),
            reg(a + 2))
    if op in _CMP:
        return "compare %s %s %s: if it is not %s, skip the next instruction (to pc %d)" % (
            rk(b), _CMP[op], rk(cc), "true" if a else "false", pc + 2)
    if op == "TEST":
        return "if %s is %s, skip the jump (to pc %d)" % (reg(a), "false or nil" if cc else "truthy", pc + 2)
    if op == "TESTSET":
        return "if %s is %s: %s := it, else skip the jump (to pc %d)" % (
            reg(b), "truthy" if cc else "false or nil", reg(a), pc + 2)
    if op == "LOADBOOL":
        return "%s := %s%s" % (reg(a), "true" if b else "false", "; skip the next instruction" if cc else "")
    if op == "CLOSE":
        return "close the open upvalues at or above %s (closures keep their values)" % reg(a)
    return _STATIC.sub(sub, desc)
__all__ = ["did", "explain", "static_text"]
