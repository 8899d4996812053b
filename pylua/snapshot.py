"""The debugger's JSON view of a paused machine (docs/snapshot.md).

Everything here only reads the state: building a snapshot never runs Lua
code (no __tostring, no __index), never changes a value and never gives a
heap object its id (the session does that while the program runs, so that
ids do not depend on what was looked at).  Objects the session has not
named yet (made by a builtin in a way the session does not watch) get a
temporary id ``x1``, ``x2``... in the order this snapshot meets them.
"""

from __future__ import annotations

from bisect import bisect_right
from operator import countOf

from . import ldebug
from .disasm import instructions
from .errors import chunkid
from .numfmt import fmt_number
from .opcodes import (
    BY_NAME,
    OP_CALL,
    OP_CLOSURE,
    OP_RETURN,
    OP_SETGLOBAL,
    OP_SETLIST,
    OP_SETTABLE,
    OP_TAILCALL,
    OPCODES,
    effects,
    get_op,
    getarg_A,
    getarg_B,
    getarg_Bx,
    getarg_C,
    indexK,
    isK,
)
from .values import (
    CALL_HANDLER,
    CALL_HOST,
    CALL_META,
    CALL_META_NOT,
    CI_LUA,
    FALSE_KEY,
    TRUE_KEY,
    Builtin,
    Coroutine,
    LuaFunction,
    LuaTable,
    Userdata,
    mainposition,
)

MAX_ENTRIES = 100  # table entries shown per part (array slots, hash nodes)
MAX_PAGE = 1000  # entries per Session.table_entries answer
MAX_HEAP = 400  # heap objects per snapshot (nearest to the frames first)
MAX_STRING = 200  # characters of a string value shown
MAX_FRAMES = 100  # frames shown per stack: the outermost KEEP_OUTER and the innermost rest
KEEP_OUTER = 10
MAX_COROUTINES = 100  # coroutines listed per snapshot
MAX_CO_FRAMES = 100  # frames shown in all the listed coroutines together
MAX_ARGS = 250  # a builtin's arguments shown, and a frame's varargs (a Lua frame has <= 250 registers)
MAX_SLOTS = 256  # stack slots an Instruction lists as read or written
_QUOTE_BYTES = 4 * (MAX_STRING + 1)  # the bytes quote() decodes at most
_TOP_CAP = 256 + MAX_SLOTS  # a range read to top: computed this far (A < 256)

_HEAP_CLASSES = (LuaTable, LuaFunction, Builtin, Coroutine, Userdata)
_KIND = {LuaTable: "t", LuaFunction: "f", Builtin: "f", Coroutine: "c", Userdata: "u"}

# the metamethod an instruction calls, for naming a metamethod's frame
_EVENTS = {
    "GETTABLE": "__index", "SELF": "__index", "GETGLOBAL": "__index",
    "SETTABLE": "__newindex", "SETGLOBAL": "__newindex",
    "ADD": "__add", "SUB": "__sub", "MUL": "__mul", "DIV": "__div", "MOD": "__mod",
    "POW": "__pow", "UNM": "__unm", "LEN": "__len", "CONCAT": "__concat",
    "EQ": "__eq", "LT": "__lt", "LE": "__le",
}

_OPEN_READS = (OP_CALL, OP_TAILCALL, OP_RETURN, OP_SETLIST)  # with B 0: R(A+1)... up to the top


# -- values ----------------------------------------------------------------


def quote(s: bytes) -> str:
    """A Lua string as the snapshot shows it: in double quotes, UTF-8 text
    as it is, other bytes and control characters as Lua escapes; strings
    longer than MAX_STRING characters are cut, with ``…`` after the quote.
    Only the bytes that can be shown are decoded (a character takes at most
    4 bytes): a 200 MB string costs what a short one does."""
    if len(s) > _QUOTE_BYTES:
        s = s[:_QUOTE_BYTES]  # at least MAX_STRING + 1 characters: cut
    text = s.decode("utf-8", "surrogateescape")
    cut = len(text) > MAX_STRING
    if cut:
        text = text[:MAX_STRING]
    out = ['"']
    for ch in text:
        o = ord(ch)
        if 32 <= o < 127:
            out.append("\\" + ch if ch in '"\\' else ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif 0xDC80 <= o <= 0xDCFF:  # a byte that is not UTF-8
            out.append("\\%d" % (o - 0xDC00))
        elif o < 32 or o == 127:
            out.append("\\%d" % o)
        else:
            out.append(ch)
    out.append('"')
    if cut:
        out.append("…")
    return "".join(out)


def addr_text(n: int) -> str:
    """The address tostring shows for the object with id number n."""
    return "0x%08x" % (0x10000 + 0x20 * n)


def proto_label(p) -> str:
    if p.linedefined == 0:
        return "main chunk"
    return "function <%s:%d>" % (chunkid(p.source).decode("utf-8", "replace"), p.linedefined)


# -- the listing -------------------------------------------------------------


def constant(k) -> dict:
    if k is None:
        return {"value": "nil", "type": "nil", "ref": None}
    if k is True or k is False:
        return {"value": "true" if k else "false", "type": "boolean", "ref": None}
    if k.__class__ is bytes:
        return {"value": quote(k), "type": "string", "ref": None}
    return {"value": fmt_number(k).decode(), "type": "number", "ref": None}


def instruction_rows(p, ids: dict, words=None) -> list:
    """The disassembler's records of p as snapshot Instructions; with
    ``words(row, p)``, each row's ``explain`` is what it answers
    (pylua/debugger/explain.py's static_text)."""
    rows = []
    for ins in instructions(p):
        comment = ins.comment
        if ins.opname == "CLOSURE" and ins.bx is not None and ins.bx < len(p.p):
            child = p.p[ins.bx]
            comment = "%s %s" % (ids.get(id(child), "?"), proto_label(child))
        rows.append(
            {
                "pc": ins.pc,
                "line": ins.line,
                "opcode": ins.opname,
                "mode": ins.mode,
                "a": ins.a,
                "b": ins.b,
                "c": ins.c,
                "bx": ins.bx,
                "sbx": ins.sbx,
                "operands": ins.operands,
                "comment": comment,
                "description": BY_NAME[ins.opname].description if ins.opname in BY_NAME else None,
            }
        )
        if words is not None:
            rows[-1]["explain"] = words(rows[-1], p)
    return rows


def proto_ids(main, prefix: str = "0") -> dict:
    """id(Proto) -> its id: "0" for the main chunk, "0.1" for its second child..."""
    out = {}

    def walk(p, pid):
        out[id(p)] = pid
        for i, c in enumerate(p.p):
            walk(c, "%s.%d" % (pid, i))

    walk(main, prefix)
    return out


def listing(main, ids: dict, words=None) -> dict:
    protos = []

    def walk(p, label):
        pid = ids[id(p)]
        protos.append(
            {
                "id": pid,
                "name": proto_label(p),
                "label": label,
                "linedefined": p.linedefined,
                "lastlinedefined": p.lastlinedefined,
                "numparams": p.numparams,
                "is_vararg": bool(p.is_vararg),
                "maxstacksize": p.maxstacksize,
                "instructions": instruction_rows(p, ids, words),
                "constants": [constant(k) for k in p.k],
                "locals": [
                    {"name": v.varname.decode("utf-8", "replace"), "startpc": v.startpc, "endpc": v.endpc}
                    for v in p.locvars
                ],
                "upvalues": [u.decode("utf-8", "replace") for u in p.upvalues],
                "children": [ids[id(c)] for c in p.p],
            }
        )
        names = closure_names(p)
        for c in p.p:
            n = names.get(id(c))
            walk(c, "%s (line %d)" % (n, c.linedefined) if n else proto_label(c))

    walk(main, "main chunk")
    return {"protos": protos}


# -- static names of functions ------------------------------------------------


def closure_names(p) -> dict:
    """id(child Proto) -> the name its closure is stored under where the
    parent makes it: a local, a global, or a field with a constant key."""
    names = {}
    code = p.code
    n = len(code)
    for pc, i in enumerate(code):
        if get_op(i) != OP_CLOSURE:
            continue
        a = getarg_A(i)
        bx = getarg_Bx(i)
        if bx >= len(p.p):
            continue
        child = p.p[bx]
        nxt = pc + 1 + child.nups
        name = None
        if nxt < n:
            j = code[nxt]
            op = get_op(j)
            if op == OP_SETGLOBAL and getarg_A(j) == a:
                k = p.k[getarg_Bx(j)]
                if k.__class__ is bytes:
                    name = k
            elif op == OP_SETTABLE and getarg_C(j) == a:
                b = getarg_B(j)
                if isK(b) and p.k[indexK(b)].__class__ is bytes:
                    name = p.k[indexK(b)]
        if name is None:
            name = p.getlocalname(a + 1, nxt)
        if name is not None:
            names[id(child)] = name.decode("utf-8", "replace")
    return names


# -- snapshots ----------------------------------------------------------------


NIL_VALUE = {"value": "nil", "type": "nil", "ref": None}


class Builder:
    """One snapshot's worth of reading: values, frames, the heap."""

    def __init__(self, view):
        # view: the session's naming service (labels, proto ids, listing caches)
        self.view = view
        self.temp = {}  # id -> (obj, temporary id) for objects without a label
        self.order = []  # heap objects met, in order
        self.seen = set()
        self.frame_protos = []  # the Proto of each frame built (None for builtins), in order
        self._lua = {}  # id(a Lua frame's dict) -> (coroutine, CallInfo, about to run?)

    # values
    def ref(self, o) -> str:
        lab = self.view.label(o)
        if lab is None:
            t = self.temp.get(id(o))
            if t is None:
                t = self.temp[id(o)] = (o, "x%d" % (len(self.temp) + 1))
            lab = t[1]
        if id(o) not in self.seen:
            self.seen.add(id(o))
            self.order.append(o)
        return lab

    def value(self, v) -> dict:
        c = v.__class__
        if v is None:
            return {"value": "nil", "type": "nil", "ref": None}
        if c is bool:
            return {"value": "true" if v else "false", "type": "boolean", "ref": None}
        if c is float:
            return {"value": fmt_number(v).decode(), "type": "number", "ref": None}
        if c is bytes:
            return {"value": quote(v), "type": "string", "ref": None}
        if c in _KIND:
            r = self.ref(v)
            return {"value": "%s: %s" % (v.lua_type, self.address(v)), "type": v.lua_type, "ref": r}
        return {"value": repr(v), "type": "userdata", "ref": None}

    def address(self, o) -> str:
        n = self.view.number(o)
        if n is None:
            t = self.temp.get(id(o))
            k = int(t[1][1:]) if t is not None else 0
            return "0x%08x" % (0xF0000000 + 0x20 * k)
        return addr_text(n)

    # frames
    def frames(self, th, innermost_next: bool = True, limit: int = MAX_FRAMES) -> list:
        """The frames of coroutine th, outermost first (the host's frame and
        the session's error handler are not shown).  A stack deeper than
        limit (MAX_FRAMES) shows its outermost frames (KEEP_OUTER of
        MAX_FRAMES) and its innermost ones; self.omitted says how many were
        left out between them."""
        cis = [ci for ci in th.cis if ci.callkind != CALL_HOST and ci.cl is not self.view.handler]
        n = len(cis)
        if n > limit:
            outer = min(KEEP_OUTER, limit * KEEP_OUTER // MAX_FRAMES)
            shown = list(range(outer)) + list(range(n - (limit - outer), n))
        else:
            shown = list(range(n))
        self.omitted = n - len(shown)
        # who owns an open upvalue's slot: the innermost Lua frame whose
        # window holds it (bases grow with depth: a bisection)
        owners = [j for j, ci in enumerate(cis) if ci.kind == CI_LUA]
        self._owner_bases = [cis[j].base for j in owners]
        self._owners = owners
        self._cis = cis
        self._pos = {j: k for k, j in enumerate(shown)}
        return [self.frame(th, cis, j, innermost_next and j == n - 1, shown) for j in shown]

    def owner(self, slot: int):
        """(index in the shown frames, register) of the frame that owns an
        open upvalue's stack slot, or (None, None)."""
        k = bisect_right(self._owner_bases, slot) - 1
        while k >= 0:  # (the first one tried is the owner but in odd cases)
            j = self._owners[k]
            ci = self._cis[j]
            if slot < ci.top:
                pos = self._pos.get(j)
                return (None, None) if pos is None else (pos, slot - ci.base)
            k -= 1
        return None, None

    def frame(self, th, cis, j, inner, shown) -> dict:
        ci = cis[j]
        stack = th.stack
        caller = cis[j - 1] if j > 0 else None
        if ci.kind != CI_LUA:
            self.frame_protos.append(None)
            args = ci.args or []
            regs = []
            for i, v in enumerate(args[:MAX_ARGS]):
                d = self.value(v)
                regs.append({"index": i, "slot": ci.func + 1 + i, "name": None, **d, "captured": False})
            return {
                "kind": "builtin",
                "name": ci.cl.name,
                "line": None,
                "pc": None,
                "proto": None,
                "base": ci.func + 1,
                "func": self.ref(ci.cl),
                "registers": regs,
                "registers_omitted": len(args) - len(regs),
                "varargs": [],
                "varargs_omitted": 0,
                "upvalues": [],
                "level": j,
            }
        cl = ci.cl
        p = cl.proto
        self.frame_protos.append(p)
        ncode = len(p.code)
        pc = ci.savedpc if inner else ci.savedpc - 1  # 0-based: next / in progress
        if pc >= ncode:
            pc = ncode - 1
        if pc < 0:
            pc = 0
        line = p.lineinfo[pc] if pc < len(p.lineinfo) else None
        base = ci.base
        names = self.view.local_names(p, pc)
        regs = []
        n = len(stack)
        captured = th.openupval  # stack slot -> the open upvalue that refers to it
        # (a slot from the callee's function on is the callee's, not this frame's)
        mine = cis[j + 1].func if j + 1 < len(cis) else len(stack)
        # past what the call passed (a Lua callee's parameters, a builtin's
        # arguments), the callee's own registers: not this frame's values
        passed = len(stack)
        if j + 1 < len(cis):
            callee = cis[j + 1]
            passed = callee.base + callee.cl.proto.numparams if callee.kind == CI_LUA else callee.top
        elif inner and pc < ncode:
            # the next instruction reads up to the top (B 0: the open results
            # of the call before it): nothing from the top on is read
            i = p.code[pc]
            if getarg_B(i) == 0 and get_op(i) in _OPEN_READS:
                passed = th.top
        # a temporary no instruction reads before writing it holds what an
        # earlier one left, which depends on how the VM got here (compiled
        # code leaves other leftovers than the interpreter): shown as nil
        # (a frame waiting on a call: what the call reads, and what is read
        # after it that it does not write)
        live = self.view.live_registers(p, pc) if hasattr(self.view, "live_registers") else -1
        for i in range(p.maxstacksize):
            slot = base + i
            name = names[i] if i < len(names) else None
            cap = slot < mine and slot in captured
            if name is None and not cap and (not live & (1 << i) or slot >= passed):
                d = NIL_VALUE
            else:
                d = self.value(stack[slot] if slot < n else None)
            regs.append({"index": i, "slot": slot, "name": name, **d, "captured": cap})
        varargs = []
        nv = 0
        if p.is_vararg:
            nv = max(base - ci.func - 1 - p.numparams, 0)
            if nv > 0:
                varargs = [self.value(v) for v in stack[base - nv : base - nv + min(nv, MAX_ARGS)]]
        ups = []
        upnames = p.upvalues
        for i, uv in enumerate(cl.upvals):
            d = self.value(uv.stack[uv.idx])
            u = {"index": i, "name": upnames[i].decode("utf-8", "replace") if i < len(upnames) else "?",
                 "state": "closed", **d, "frame": None, "register": None, "slot": None}
            if len(uv.stack) != 1:  # open: a register of a live frame
                u["state"] = "open"
                u["slot"] = uv.idx
                if uv.stack is stack:
                    u["frame"], u["register"] = self.owner(uv.idx)
            ups.append(u)
        d = {
            "kind": "lua",
            "name": self.frame_name(ci, caller),
            "line": line,
            "pc": pc + 1,
            "proto": self.view.proto_id(p),
            "base": base,
            "func": self.ref(cl),
            "registers": regs,
            "registers_omitted": 0,
            "varargs": varargs,
            "varargs_omitted": nv - len(varargs),
            "upvalues": ups,
            "level": j,
        }
        self._lua[id(d)] = (th, ci, inner)
        return d

    def lua_frame(self, frame) -> tuple:
        """(coroutine, CallInfo, about to run?) of a Lua frame dict this
        Builder made."""
        return self._lua[id(frame)]

    def instruction(self, row, frame):
        """The snapshot's Instruction: ``row``, the listing's record of the
        instruction of Lua frame ``frame`` (a dict this Builder made), with
        what it touches: stack slots read and written, the open upvalues it
        closes, the upvalues and constants it uses (docs/snapshot.md)."""
        if row is None:
            return None
        th, ci, inner = self._lua[id(frame)]
        p = ci.cl.proto
        pc = frame["pc"] - 1
        base = ci.base
        # top is the paused state's when the frame is about to run this
        # instruction; in progress (under a builtin's frame) or failed, not
        top = th.top - base if inner else None
        beyond = 0  # slots of a range read to top past those computed
        if top is not None and top > _TOP_CAP:
            beyond = top - _TOP_CAP
            top = _TOP_CAP
        e = effects(p.code, pc, p, top)
        reads = e.reads
        writes = e.writes
        nreads = len(reads) + (beyond if e.reads_top else 0)
        nwrites = len(writes)
        reads = [base + r for r in reads[:MAX_SLOTS]]
        writes = [base + r for r in writes[:MAX_SLOTS]]
        if e.varargs:  # the extra arguments lie below base
            nv = max(base - ci.func - 1 - p.numparams, 0)
            nreads = nv
            reads = list(range(base - nv, base - nv + min(nv, MAX_SLOTS)))
            if e.sets_top:
                a = base + getarg_A(p.code[pc])
                nwrites = nv
                writes = list(range(a, a + min(nv, MAX_SLOTS)))
        closes = []
        if e.closes_from is not None:
            # TAILCALL replaces the frame (and closes) when it calls a Lua
            # function; a builtin's results go to the RETURN after it
            if get_op(p.code[pc]) != OP_TAILCALL or isinstance(
                th.stack[base + getarg_A(p.code[pc])], LuaFunction
            ):
                lim = base + e.closes_from
                closes = sorted(slot for slot in th.openupval if slot >= lim)
        return {
            **row,
            "reads": reads,
            "reads_omitted": nreads - len(reads),
            "writes": writes,
            "writes_omitted": nwrites - len(writes),
            "sets_top": e.sets_top,
            "closes": closes,
            "upvals_read": list(e.upvals_read),
            "upvals_written": list(e.upvals_written),
            "consts": list(e.consts),
        }

    def frame_name(self, ci, caller) -> str:
        p = ci.cl.proto
        if p.linedefined == 0:
            return "main chunk"
        ck = ci.callkind
        if (ck == CALL_META or ck == CALL_META_NOT) and caller is not None and caller.kind == CI_LUA:
            o = get_op(caller.cl.proto.code[caller.savedpc - 1])
            op = OPCODES[o].name if o < len(OPCODES) else "?"
            if op in _EVENTS:
                return "__lt" if ck == CALL_META_NOT else _EVENTS[op]
        if ck != CALL_HANDLER:
            try:
                r = ldebug.getfuncname(ci, caller)
            except Exception:  # noqa: BLE001 - a name is only decoration
                r = None
            if r is not None:
                what, name = r
                name = name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)
                return "function '%s'" % name if what == "global" else "%s '%s'" % (what, name)
        return proto_label(p)

    # tables
    def table_array(self, t, offset: int, count: int) -> list:
        """Slots offset+1 .. offset+count of t's array part, as Values."""
        return [self.value(v) for v in t.arr[offset : offset + count]]

    def table_nodes(self, t, offset: int, count: int) -> list:
        """Nodes offset .. offset+count-1 of t's node vector, as Nodes: the
        key, its value, its main position and the next node of its chain
        (docs/snapshot.md)."""
        nkeys = t.nkeys
        if nkeys is None:  # the dummy node
            return []
        size = t.nodecap
        h = t.hash
        nnext = t.nnext
        out = []
        for i in range(offset, min(offset + count, size)):
            k = nkeys[i]
            nx = nnext[i]
            nx = None if nx < 0 else nx
            if k is None:
                out.append({"index": i, "state": "free", "key": None, "value": None, "main": None,
                            "next": nx})
                continue
            v = h[k]
            key = True if k is TRUE_KEY else False if k is FALSE_KEY else k
            out.append({"index": i, "state": "dead" if v is None else "live", "key": self.value(key),
                        "value": self.value(v), "main": mainposition(k, size), "next": nx})
        return out

    # heap
    def heap(self) -> dict:
        """The heap objects met, nearest first, at most MAX_HEAP;
        self.heap_omitted says how many met were left out."""
        out = {}
        i = 0
        while i < len(self.order) and len(out) < MAX_HEAP:
            o = self.order[i]
            i += 1
            out[self.ref(o)] = self.heap_object(o)
        self.heap_omitted = len(self.order) - i
        return out

    def heap_object(self, o) -> dict:
        c = o.__class__
        if c is LuaTable:
            arr = o.arr
            h = o.hash
            size = o.nodecap
            used = len(h)  # every key in the node vector, dead ones too
            dead = countOf(h.values(), None) if used else 0
            return {
                "kind": "table",
                "array_size": len(arr),
                "array_used": len(arr) - arr.count(None),
                "array": self.table_array(o, 0, MAX_ENTRIES),
                "node_count": size,
                "node_live": used - dead,
                "node_dead": dead,
                "node_free": size - used,
                "lastfree": o.lastfree,
                "hash": self.table_nodes(o, 0, MAX_ENTRIES),
                "meta": None if o.meta is None else self.ref(o.meta),
            }
        if c is LuaFunction:
            return {
                "kind": "function",
                "name": self.view.function_name(o.proto),
                "builtin": False,
                "proto": self.view.proto_id(o.proto),
                "upvalues": [self.value(uv.stack[uv.idx]) for uv in o.upvals],
            }
        if c is Builtin:
            return {
                "kind": "function",
                "name": o.name,
                "builtin": True,
                "proto": None,
                "upvalues": [self.value(v) for v in (o.upvals or ())],
            }
        if c is Coroutine:
            return {"kind": "coroutine", "status": self.view.co_status(o)}
        return {"kind": "userdata", "meta": None if o.meta is None else self.ref(o.meta)}


__all__ = ["Builder", "closure_names", "constant", "instruction_rows", "listing", "proto_ids",
           "proto_label", "quote"]
