"""Writes web/dev/fixtures/*.json: recorded sessions for the playground's
fixture mode (``index.html?fixture=closure``), which draws the panels without
Pyodide.  The e2e UI tests and UI work use them.

Each file is ``{source, listing, snapshots, load_error}`` in the format of
docs/snapshot.md.  The listing comes from pylua's real compiler (the
``Session.listing()`` shape); the snapshots are written by hand, step by step,
from what Lua 5.1 does on these programs.

    python3 web/dev/make_fixtures.py
    python3 web/dev/make_fixtures.py --session   # also record real sessions

``--session`` records the same programs with the real ``pylua.debugger``
(every step, up to 2000) into ``fixtures/session-NAME.json``: open them with
``?fixture=session-closure`` to compare the real snapshots with these.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pylua import opcodes as O  # noqa: E402
from pylua.disasm import instructions  # noqa: E402
from pylua.parser import compile as lua_compile  # noqa: E402

OUT = Path(__file__).resolve().parent / "fixtures"
CHUNK = "input"


def listing(source: str) -> tuple[dict, dict]:
    """Session.listing() of docs/snapshot.md, and an index proto id -> {pc: Instruction}."""
    main = lua_compile(source.encode(), b"=" + CHUNK.encode())
    protos = []
    index = {}

    def walk(p, pid):
        rows = []
        for ins in instructions(p):
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
                    # luac prints the child's address: made stable here
                    "comment": "0x%08x" % (0x55800000 + 0x100 * len(index) + ins.bx)
                    if ins.opname == "CLOSURE"
                    else ins.comment,
                    "description": O.BY_NAME[ins.opname].description,
                }
            )
        index[pid] = {r["pc"]: r for r in rows}
        kids = [f"{pid}.{i}" for i in range(len(p.p))]
        protos.append(
            {
                "id": pid,
                "name": "main chunk" if pid == "0" else f"function <{CHUNK}:{p.linedefined}>",
                "linedefined": p.linedefined,
                "lastlinedefined": p.lastlinedefined,
                "numparams": p.numparams,
                "is_vararg": bool(p.is_vararg),
                "maxstacksize": p.maxstacksize,
                "instructions": rows,
                "constants": [_const(k) for k in p.k],
                "locals": [
                    {"name": v.varname.decode(), "startpc": v.startpc, "endpc": v.endpc}
                    for v in p.locvars
                ],
                "upvalues": [u.decode() for u in p.upvalues],
                "children": kids,
            }
        )
        for i, child in enumerate(p.p):
            walk(child, kids[i])

    walk(main, "0")
    return {"protos": protos}, index


def _const(k):
    if k is None:
        return {"value": "nil", "type": "nil", "ref": None}
    if isinstance(k, bool):
        return {"value": "true" if k else "false", "type": "boolean", "ref": None}
    if isinstance(k, bytes):
        return {"value": json.dumps(k.decode()), "type": "string", "ref": None}
    return {"value": "%.14g" % k, "type": "number", "ref": None}


# --- values -----------------------------------------------------------------

NIL = ("nil", "nil", None)


def num(n):
    return ("%.14g" % n, "number", None)


def s(text):
    return (json.dumps(text), "string", None)


def fn(ref, addr):
    return (f"function: {addr}", "function", ref)


def tbl(ref, addr):
    return (f"table: {addr}", "table", ref)


def builtin(name, addr):
    return (f"function: {addr}", "function", "b_" + name)


def val(v):
    return {"value": v[0], "type": v[1], "ref": v[2]}


def reg(base, index, name, v):
    return {"index": index, "slot": base + index, "name": name, **val(v)}


def lua_frame(name, proto, pc, base, func, regs, upvalues=(), varargs=()):
    """regs: list of (name, value) for R(0).. R(maxstacksize-1)."""
    ins = INDEX[proto][pc]
    return {
        "kind": "lua",
        "name": name,
        "line": ins["line"],
        "pc": pc,
        "proto": proto,
        "base": base,
        "func": func,
        "registers": [reg(base, i, n, v) for i, (n, v) in enumerate(regs)],
        "varargs": [val(v) for v in varargs],
        "upvalues": list(upvalues),
    }


def builtin_frame(name, base, func, args):
    return {
        "kind": "builtin",
        "name": name,
        "line": None,
        "pc": None,
        "proto": None,
        "base": base,
        "func": func,
        "registers": [reg(base, i, None, v) for i, v in enumerate(args)],
        "varargs": [],
        "upvalues": [],
    }


def upv(index, name, v, state, frame=None, register=None, slot=None):
    d = {
        "index": index,
        "name": name,
        "state": state,
        **val(v),
        "frame": frame,
        "register": register,
    }
    if slot is not None:
        d["slot"] = slot
    return d


def snap(
    step,
    frames,
    heap,
    output="",
    status="paused",
    error=None,
    message=None,
    coroutines=None,
    coroutine="main",
):
    inner = next((f for f in reversed(frames) if f["kind"] == "lua"), None)
    ins = INDEX[inner["proto"]][inner["pc"]] if inner and status != "finished" else None
    return {
        "step": step,
        "status": status,
        "error": error,
        "message": message,
        "output": output,
        "line": inner["line"] if inner and status != "finished" else None,
        "chunkname": CHUNK,
        "coroutine": coroutine,
        "frames": frames if status != "finished" else [],
        "instruction": ins,
        "heap": heap,
        "coroutines": coroutines
        or [{"id": "main", "status": "running" if status != "finished" else "dead", "frames": []}],
    }


INDEX: dict = {}

# --- closure counter --------------------------------------------------------

CLOSURE_SRC = """\
-- A closure keeps its upvalue alive after the function that made it returns.
local function counter()
  local n = 0
  local function inc()
    n = n + 1
    return n
  end
  inc()            -- n is still a register of counter: the upvalue is open
  return inc       -- RETURN closes it: inc keeps n on its own
end

local c = counter()
print(c())
print(c())
"""


def closure_fixture():
    lst, idx = listing(CLOSURE_SRC)
    INDEX.clear()
    INDEX.update(idx)
    MAIN, COUNTER, INC = "0", "0.0", "0.0.0"
    fcounter = fn("f2", "0x5581c0")
    finc = fn("f3", "0x5581e0")
    fprint = builtin("print", "0x557f00")
    heap_base = {
        "f1": {
            "kind": "function",
            "name": "main chunk",
            "builtin": False,
            "proto": MAIN,
            "upvalues": [],
        },
    }

    def heap(*extra):
        h = dict(heap_base)
        for k in extra:
            h.update(k)
        return h

    H_COUNTER = {
        "f2": {
            "kind": "function",
            "name": "counter",
            "builtin": False,
            "proto": COUNTER,
            "upvalues": [],
        }
    }

    def h_inc(nval):
        return {
            "f3": {
                "kind": "function",
                "name": "inc",
                "builtin": False,
                "proto": INC,
                "upvalues": [val(nval)],
            }
        }

    H_PRINT = {
        "b_print": {
            "kind": "function",
            "name": "print",
            "builtin": True,
            "proto": None,
            "upvalues": [],
        }
    }

    def main(pc, r0=NIL, r1=NIL, r2=NIL, r3=NIL, names=None):
        ins_pc = pc
        # active locals at this pc: counter from pc 2, c from pc 4 (luac's startpc, 0-based)
        n0 = "counter" if ins_pc - 1 >= 1 else None
        n1 = "c" if ins_pc - 1 >= 3 else None
        return lua_frame(
            "main chunk", MAIN, pc, 1, "f1", [(n0, r0), (n1, r1), (None, r2), (None, r3)]
        )

    def counter(pc, r0=NIL, r1=NIL, r2=NIL):
        n0 = "n" if pc - 1 >= 1 else None
        n1 = "inc" if pc - 1 >= 3 else None
        return lua_frame("local 'counter'", COUNTER, pc, 3, "f2", [(n0, r0), (n1, r1), (None, r2)])

    def inc(pc, base, name, nval, state, r0=NIL, r1=NIL, owner=None):
        up = upv(0, "n", nval, state, frame=owner, register=0 if owner is not None else None)
        return lua_frame(name, INC, pc, base, "f3", [(None, r0), (None, r1)], upvalues=[up])

    snaps = []
    S = snaps.append
    S(snap(0, [main(1)], heap(), status="ready"))
    S(snap(1, [main(2, r0=fcounter)], heap(H_COUNTER)))
    S(snap(2, [main(3, r0=fcounter, r1=fcounter)], heap(H_COUNTER)))
    # CALL 1 1 2: counter's base is slot 3 = main's R(2)
    S(snap(3, [main(3, r0=fcounter, r1=fcounter), counter(1)], heap(H_COUNTER)))
    S(snap(4, [main(3, r0=fcounter, r1=fcounter), counter(2, r0=num(0))], heap(H_COUNTER)))
    # CLOSURE consumes the MOVE after it: next pc is 4
    S(
        snap(
            5,
            [main(3, r0=fcounter, r1=fcounter), counter(4, r0=num(0), r1=finc)],
            heap(H_COUNTER, h_inc(num(0))),
        )
    )
    S(
        snap(
            6,
            [main(3, r0=fcounter, r1=fcounter), counter(5, r0=num(0), r1=finc, r2=finc)],
            heap(H_COUNTER, h_inc(num(0))),
        )
    )
    # inside inc: its upvalue n is counter's R(0), still open
    fr = [main(3, r0=fcounter, r1=fcounter), counter(5, r0=num(0), r1=finc, r2=finc)]
    S(
        snap(
            7,
            fr + [inc(1, 6, "local 'inc'", num(0), "open", owner=1)],
            heap(H_COUNTER, h_inc(num(0))),
        )
    )
    S(
        snap(
            8,
            fr + [inc(2, 6, "local 'inc'", num(0), "open", r0=num(0), owner=1)],
            heap(H_COUNTER, h_inc(num(0))),
        )
    )
    S(
        snap(
            9,
            fr + [inc(3, 6, "local 'inc'", num(0), "open", r0=num(1), owner=1)],
            heap(H_COUNTER, h_inc(num(0))),
        )
    )
    fr1 = [main(3, r0=fcounter, r1=fcounter), counter(5, r0=num(1), r1=finc, r2=finc)]
    S(
        snap(
            10,
            fr1 + [inc(4, 6, "local 'inc'", num(1), "open", r0=num(1), owner=1)],
            heap(H_COUNTER, h_inc(num(1))),
        )
    )
    S(
        snap(
            11,
            fr1 + [inc(5, 6, "local 'inc'", num(1), "open", r0=num(1), owner=1)],
            heap(H_COUNTER, h_inc(num(1))),
        )
    )
    S(
        snap(
            12,
            [main(3, r0=fcounter, r1=fcounter), counter(6, r0=num(1), r1=finc, r2=num(1))],
            heap(H_COUNTER, h_inc(num(1))),
        )
    )
    # counter returned: n closed inside inc; c = inc
    S(snap(13, [main(4, r0=fcounter, r1=finc, r2=NIL)], heap(H_COUNTER, h_inc(num(1)))))
    S(snap(14, [main(5, r0=fcounter, r1=finc, r2=fprint)], heap(H_COUNTER, h_inc(num(1)), H_PRINT)))
    S(
        snap(
            15,
            [main(6, r0=fcounter, r1=finc, r2=fprint, r3=finc)],
            heap(H_COUNTER, h_inc(num(1)), H_PRINT),
        )
    )
    m6 = main(6, r0=fcounter, r1=finc, r2=fprint, r3=finc)
    # CALL 3 1 0: inc's base is slot 5 = main's R(4), one past main's window
    S(
        snap(
            16,
            [m6, inc(1, 5, "local 'c'", num(1), "closed")],
            heap(H_COUNTER, h_inc(num(1)), H_PRINT),
        )
    )
    S(
        snap(
            17,
            [m6, inc(2, 5, "local 'c'", num(1), "closed", r0=num(1))],
            heap(H_COUNTER, h_inc(num(1)), H_PRINT),
        )
    )
    S(
        snap(
            18,
            [m6, inc(3, 5, "local 'c'", num(1), "closed", r0=num(2))],
            heap(H_COUNTER, h_inc(num(1)), H_PRINT),
        )
    )
    S(
        snap(
            19,
            [m6, inc(4, 5, "local 'c'", num(2), "closed", r0=num(2))],
            heap(H_COUNTER, h_inc(num(2)), H_PRINT),
        )
    )
    S(
        snap(
            20,
            [m6, inc(5, 5, "local 'c'", num(2), "closed", r0=num(2))],
            heap(H_COUNTER, h_inc(num(2)), H_PRINT),
        )
    )
    S(
        snap(
            21,
            [main(7, r0=fcounter, r1=finc, r2=fprint, r3=num(2))],
            heap(H_COUNTER, h_inc(num(2)), H_PRINT),
        )
    )
    # CALL 2 0 1: print runs as a builtin frame over main's R(3)
    S(
        snap(
            22,
            [
                main(7, r0=fcounter, r1=finc, r2=fprint, r3=num(2)),
                builtin_frame("print", 4, "b_print", [num(2)]),
            ],
            heap(H_COUNTER, h_inc(num(2)), H_PRINT),
        )
    )
    S(
        snap(
            23,
            [main(8, r0=fcounter, r1=finc, r2=NIL, r3=num(2))],
            heap(H_COUNTER, h_inc(num(2))),
            output="2\n",
        )
    )
    S(
        snap(
            24,
            [main(9, r0=fcounter, r1=finc, r2=fprint, r3=num(2))],
            heap(H_COUNTER, h_inc(num(2)), H_PRINT),
            output="2\n",
        )
    )
    S(snap(40, [], heap(), output="2\n3\n", status="finished"))
    return {"source": CLOSURE_SRC, "listing": lst, "snapshots": snaps, "load_error": None}


# --- tables, metatables, coroutines, pcall, a runtime error -----------------

PANELS_SRC = """\
local base = {greet = "hi"}
local obj = setmetatable({1, 2, 3, name = "obj"}, {__index = base})
local alias = obj
local gen = coroutine.create(function(n)
  for i = 1, n do coroutine.yield(i) end
end)
coroutine.resume(gen, 3)
local ok, err = pcall(function()
  local t = alias.missing.field
end)
print(ok, err)
error("boom")
"""


def panels_fixture():
    lst, idx = listing(PANELS_SRC)
    INDEX.clear()
    INDEX.update(idx)
    MAIN = "0"
    PCALLED = "0.1"
    tbase = tbl("t1", "0x55a010")
    tobj = tbl("t2", "0x55a040")
    co = ("thread: 0x55a0d0", "thread", "c1")
    fpc = fn("f3", "0x55a100")
    fpcall = builtin("pcall", "0x557f40")
    heap = {
        "f1": {
            "kind": "function",
            "name": "main chunk",
            "builtin": False,
            "proto": MAIN,
            "upvalues": [],
        },
        "t1": {
            "kind": "table",
            "array": [],
            "hash": [[val(s("greet")), val(s("hi"))]],
            "hash_count": 1,
            "array_count": 0,
            "meta": None,
        },
        "t2": {
            "kind": "table",
            "array": [val(num(1)), val(num(2)), val(num(3))],
            "hash": [[val(s("name")), val(s("obj"))]],
            "hash_count": 1,
            "array_count": 3,
            "meta": "t3",
        },
        "t3": {
            "kind": "table",
            "array": [],
            "hash": [[val(s("__index")), val(tbase)]],
            "hash_count": 1,
            "array_count": 0,
            "meta": None,
        },
        "f2": {
            "kind": "function",
            "name": "function <input:4>",
            "builtin": False,
            "proto": "0.0",
            "upvalues": [],
        },
        "c1": {"kind": "coroutine", "status": "suspended"},
        "f3": {
            "kind": "function",
            "name": "function <input:8>",
            "builtin": False,
            "proto": PCALLED,
            "upvalues": [val(tobj)],
        },
        "b_pcall": {
            "kind": "function",
            "name": "pcall",
            "builtin": True,
            "proto": None,
            "upvalues": [],
        },
    }
    names = ["base", "obj", "alias", "gen"]
    mregs = [(names[i], v) for i, v in enumerate([tbase, tobj, tobj, co])]

    def main(pc, extra):
        regs = mregs + extra
        ms = next(p for p in lst["protos"] if p["id"] == MAIN)["maxstacksize"]
        regs = regs + [(None, NIL)] * (ms - len(regs))
        return lua_frame("main chunk", MAIN, pc, 1, "f1", regs[:ms])

    call_pc = next(
        r["pc"]
        for r in lst["protos"][0]["instructions"]
        if r["opcode"] == "CALL" and r["line"] == 8
    )
    inner_pc = next(r["pc"] for r in lst["protos"][-1]["instructions"] if r["line"] == 9)
    mframe = main(call_pc, [(None, fpcall), (None, fpc)])
    pframe = builtin_frame("pcall", 6, "b_pcall", [fpc])
    inner = lua_frame(
        "function <input:8>",
        PCALLED,
        inner_pc,
        7,
        "f3",
        [("t", NIL), (None, NIL)],
        upvalues=[upv(0, "alias", tobj, "open", frame=0, register=2)],
    )
    coroutines = [
        {"id": "main", "status": "running", "frames": []},
        {
            "id": "c1",
            "status": "suspended",
            "frames": [
                lua_frame(
                    "function <input:4>",
                    "0.0",
                    9,
                    1,
                    "f2",
                    [
                        ("n", num(3)),
                        ("(for index)", num(1)),
                        ("(for limit)", num(3)),
                        ("(for step)", num(1)),
                        ("i", num(1)),
                        (None, NIL),
                        (None, NIL),
                    ],
                ),
            ],
        },
    ]
    snaps = [
        snap(0, [main(1, [])], {"f1": heap["f1"]}, status="ready"),
        snap(31, [mframe, pframe, inner], heap, coroutines=coroutines),
    ]
    err_pc = lst["protos"][0]["instructions"][-2]["pc"]
    snaps.append(
        snap(
            45,
            [main(err_pc, [(None, num(0))])],
            heap,
            output="false\tinput:9: attempt to index field 'missing' (a nil value)\n",
            status="error",
            error="input:12: boom",
            coroutines=coroutines,
        )
    )
    return {"source": PANELS_SRC, "listing": lst, "snapshots": snaps, "load_error": None}


def syntax_fixture():
    src = "local x = 1\nprint(x\nprint(2)\n"
    return {
        "source": src,
        "listing": None,
        "snapshots": [],
        "load_error": "input:3: ')' expected (to close '(' at line 2) near 'print'",
    }


def record_session(source: str, limit: int = 2000) -> dict:
    from pylua.debugger import Session

    s = Session(source, chunkname="=" + CHUNK)
    snaps = [s.snapshot()]
    while snaps[-1]["status"] in ("ready", "paused") and len(snaps) < limit:
        snaps.append(s.step())
    return {"source": source, "listing": s.listing(), "snapshots": snaps, "load_error": None}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    if "--session" in sys.argv:
        for name, src in (("closure", CLOSURE_SRC), ("panels", PANELS_SRC)):
            path = OUT / f"session-{name}.json"
            path.write_text(json.dumps(record_session(src), indent=1) + "\n")
            print(f"wrote {path}")
    for name, make in (
        ("closure", closure_fixture),
        ("panels", panels_fixture),
        ("syntax", syntax_fixture),
    ):
        data = make()
        (OUT / f"{name}.json").write_text(json.dumps(data, indent=1) + "\n")
        print(f"wrote {OUT / name}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
