"""docs/snapshot.md and the snapshots pylua.debugger emits agree: every
object has exactly the documented fields, in the documented order, and the
example is what the code gives."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pylua.debugger import Session

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "snapshot.md"


def doc_tables() -> dict:
    """heading -> list of tables, each a list of the field names of its rows."""
    out: dict = {}
    heading = None
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
            out[heading] = []
            current = None
            continue
        m = re.match(r"^\|\s*`([a-z_]+)`\s*\|", line)
        if m and heading is not None:
            if current is None:
                current = []
                out[heading].append(current)
            current.append(m.group(1))
        elif not line.startswith("|"):
            current = None
    return out


TABLES = doc_tables()


def fields(heading, i=0):
    return TABLES[heading][i]


PROGRAMS = [
    p.read_text() for p in sorted((ROOT / "tests" / "lua" / "stepping").glob("*.lua"))
] + [
    """local co = coroutine.wrap(function(...)
  local a, b = ...
  local t = setmetatable({1, 2, x = {}}, {__index = function(t, k) return k end})
  local u = newproxy(true)
  coroutine.yield(t.zz, u)
  return a
end)
print(co(1, 2))
local function f(...) local n = select('#', ...) return function() return n end end
print(f(1, 2, 3)())
error("the end")
""",
    # a hash part with a collision chain, a dead key and free nodes; a big array part
    """local t = {}
t.name, t.age, t.id = 1, 2, 3
t.age = nil
local u = {}
for i = 1, 300 do u[i] = i end
t[true] = u
""",
]


def snapshots():
    for src in PROGRAMS:
        s = Session(src, now=0)
        snap = s.snapshot()
        yield snap
        while snap["status"] in ("ready", "paused"):
            snap = s.step()
            yield snap


def check(obj, names, where):
    assert list(obj) == names, (where, list(obj), names)


def test_the_doc_has_every_table():
    for h in ("Top level", "Frame", "Register", "Upvalue", "Value", "Instruction", "HeapObject",
              "Node", "Table page", "Coroutine", "Listing"):
        assert TABLES.get(h), h
    assert len(TABLES["HeapObject"]) == 4
    assert len(TABLES["Instruction"]) == 2  # the listing's rows; what the snapshot's adds


def test_emitted_snapshots_have_the_documented_fields():
    kinds = {"table": 0, "function": 1, "coroutine": 2, "userdata": 3}
    seen_kinds = set()
    seen = {"open": False, "closed": False, "builtin": False, "error": False, "varargs": False,
            "closes": False, "sets_top": False, "upvalue written": False, "node live": False,
            "node dead": False, "node free": False, "collision": False, "chain": False,
            "left out": False}  # fmt: skip
    n = 0
    for snap in snapshots():
        n += 1
        check(snap, fields("Top level"), "snapshot")
        json.dumps(snap)
        seen["error"] |= snap["status"] == "error"
        frames = list(snap["frames"])
        for c in snap["coroutines"]:
            check(c, fields("Coroutine"), "coroutine")
            frames += c["frames"]
        for f in frames:
            check(f, fields("Frame"), "frame")
            seen["builtin"] |= f["kind"] == "builtin"
            seen["varargs"] |= bool(f["varargs"])
            for r in f["registers"]:
                check(r, fields("Register"), "register")
            for v in f["varargs"]:
                check(v, fields("Value"), "vararg")
            for u in f["upvalues"]:
                check(u, fields("Upvalue"), "upvalue")
                seen[u["state"]] = True
        ins = snap["instruction"]
        if ins is not None:
            check(ins, fields("Instruction") + fields("Instruction", 1), "instruction")
            seen["closes"] |= bool(ins["closes"])
            seen["sets_top"] |= ins["sets_top"]
            seen["upvalue written"] |= bool(ins["upvals_written"])
        for o in snap["heap"].values():
            seen_kinds.add(o["kind"])
            check(o, fields("HeapObject", kinds[o["kind"]]), o["kind"])
            if o["kind"] == "table":
                for v in o["array"]:
                    check(v, fields("Value"), "array value")
                for node in o["hash"]:
                    check_node(node)
                    seen["node " + node["state"]] = True
                    seen["collision"] |= node["main"] is not None and node["main"] != node["index"]
                    seen["chain"] |= node["next"] is not None
                seen["left out"] |= len(o["array"]) < o["array_size"]
    assert n > 500
    assert seen_kinds == set(kinds)
    assert all(seen.values()), seen


def check_node(node):
    check(node, fields("Node"), "node")
    if node["state"] == "free":
        assert node["key"] is None and node["value"] is None and node["main"] is None
    else:
        check(node["key"], fields("Value"), "node key")
        check(node["value"], fields("Value"), "node value")
        assert (node["state"] == "dead") == (node["value"]["type"] == "nil")


def test_table_pages_have_the_documented_fields():
    s = Session(PROGRAMS[-1])
    s.continue_()
    for ref, o in s.snapshot()["heap"].items():
        if o["kind"] != "table":
            continue
        for part in ("array", "hash"):
            page = s.table_entries(ref, part, 0, 500)
            check(page, fields("Table page"), "table page")
            total = o["array_size"] if part == "array" else o["node_count"]
            assert page["total"] == total and len(page["entries"]) == min(total, 500)
            assert page["entries"][: len(o[part])] == o[part]  # the snapshot's first entries
            for e in page["entries"]:
                if part == "hash":
                    check_node(e)
                else:
                    check(e, fields("Value"), "slot")


def test_listing_has_the_documented_fields():
    s = Session(PROGRAMS[-1])
    for p in s.listing()["protos"]:
        check(p, fields("Listing"), "proto")
        for ins in p["instructions"]:
            check(ins, fields("Instruction"), "listing instruction")
        for k in p["constants"]:
            check(k, fields("Value"), "constant")


def test_the_example_is_what_the_code_gives():
    text = DOC.read_text(encoding="utf-8")
    m = re.search(r"## Example\n\n`([^`]*)` after two steps:\n\n```json\n(.*?)```", text, re.S)
    assert m, "the Example section"
    src = m.group(1).encode().decode("unicode_escape")
    s = Session(src)
    s.step()
    assert s.step() == json.loads(m.group(2))


@pytest.mark.parametrize("field", ["Top level", "Frame", "Register", "Upvalue", "Instruction"])
def test_doc_tables_have_no_duplicates(field):
    names = [n for table in TABLES[field] for n in table]
    assert len(names) == len(set(names))
