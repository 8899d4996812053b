"""Tables in snapshots as ltable.c lays them out (docs/snapshot.md, HeapObject,
Node, Table page): the array part's size and use, the node vector in index
order with main positions and chains, and Session.table_entries paging
through what a snapshot leaves out."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pylua.debugger import Session
from pylua.snapshot import MAX_ENTRIES, MAX_PAGE

LUA51 = shutil.which("lua5.1")


def at_line(src: str, line: int) -> Session:
    s = Session(src, now=0)
    s.breakpoints.add(line)
    snap = s.continue_(budget=10**8)
    assert snap["line"] == line and snap["status"] == "paused", snap["status"]
    return s


def table(snap: dict, name: str) -> tuple[str, dict]:
    """(ref, HeapObject) of the table in the innermost frame's local `name`."""
    reg = next(r for r in snap["frames"][-1]["registers"] if r["name"] == name)
    return reg["ref"], snap["heap"][reg["ref"]]


def all_nodes(s: Session, ref: str) -> list:
    nodes, offset = [], 0
    while True:
        page = s.table_entries(ref, "hash", offset, 50)
        if not page["entries"]:
            return nodes
        nodes += page["entries"]
        offset += len(page["entries"])


def pairs_order_shown(s: Session, ref: str, t: dict) -> list[str]:
    """The keys as the snapshot lays them out: the array slots holding a
    value, then the live nodes in index order (what next/pairs walks)."""
    arr = s.table_entries(ref, "array", 0, MAX_PAGE)["entries"]
    keys = [str(i + 1) for i, v in enumerate(arr) if v["type"] != "nil"]
    for n in all_nodes(s, ref):
        if n["state"] == "live":
            k = n["key"]
            keys.append(k["value"][1:-1] if k["type"] == "string" else k["value"])
    return keys


COLLISION = """\
local t = {}
t.name = 1
t.age = 2
t.id = 3
t.red = 4
local order = {}
for k in pairs(t) do order[#order + 1] = k end
print(table.concat(order, " "))
"""


def test_a_collision_chain_in_node_order():
    s = at_line(COLLISION, 6)
    snap = s.snapshot()
    ref, t = table(snap, "t")
    assert (t["array_size"], t["array_used"], t["array"]) == (0, 0, [])
    assert (t["node_count"], t["node_live"], t["node_dead"], t["node_free"]) == (4, 4, 0, 0)
    # "age" found "name" in its main position 2: "name" came from node 3
    # (the free pointer went 4 -> 3) and moved on to the next free node, 1
    assert t["lastfree"] == 1
    shown = [
        (n["index"], n["key"]["value"], n["value"]["value"], n["main"], n["next"])
        for n in t["hash"]
    ]
    assert shown == [
        (0, '"id"', "3", 0, None),
        (1, '"name"', "1", 2, None),
        (2, '"age"', "2", 2, 1),
        (3, '"red"', "4", 3, None),
    ]
    # lua5.1's pairs gives the keys in node order
    out = s.continue_()["output"]
    assert out == "id name age red\n"
    if LUA51:
        assert (
            subprocess.run([LUA51, "-"], input=COLLISION, capture_output=True, text=True).stdout
            == out
        )


def test_a_dead_key_stays_in_its_node_and_chain_until_a_rehash():
    src = COLLISION.replace("local order", "t.age = nil\nt.age = nil\nlocal order", 1)
    s = at_line(src, 8)
    ref, t = table(s.snapshot(), "t")
    assert (t["node_live"], t["node_dead"], t["node_free"]) == (3, 1, 0)
    age = t["hash"][2]
    assert age["state"] == "dead" and age["key"]["value"] == '"age"'
    assert age["value"] == {"value": "nil", "type": "nil", "ref": None}
    assert age["next"] == 1  # the chain from node 2 still leads to "name"
    assert s.continue_()["output"] == "id name red\n"
    # "blue" hashes to node 2 too: it takes the dead key's node (and its chain)
    src = COLLISION.replace("local order", "t.age = nil\nt.blue = 5\nlocal order", 1)
    s = at_line(src, 8)
    _, t = table(s.snapshot(), "t")
    assert (t["node_count"], t["node_live"], t["node_dead"], t["node_free"]) == (4, 4, 0, 0)
    assert (t["hash"][2]["key"]["value"], t["hash"][2]["main"], t["hash"][2]["next"]) == (
        '"blue"',
        2,
        1,
    )
    # "green" (main position 3) finds no free node below the free pointer:
    # the rehash counts the live keys only (4 with green): the dead key is
    # gone, the node vector is made again for 4 keys
    src = COLLISION.replace("local order", "t.age = nil\nt.green = 5\nlocal order", 1)
    s = at_line(src, 8)
    _, t = table(s.snapshot(), "t")
    assert (t["node_count"], t["node_live"], t["node_dead"], t["node_free"]) == (4, 4, 0, 0)
    assert sorted(n["key"]["value"] for n in t["hash"]) == ['"green"', '"id"', '"name"', '"red"']
    assert t["lastfree"] < 4  # (a new vector: the free pointer started again at 4)


ORDERS = [
    # string keys, some removed
    "local t = {}\nfor i = 1, 40 do t['k' .. i] = i end\nfor i = 1, 40, 3 do t['k' .. i] = nil end\n",
    # numbers that are not array keys, booleans, an array part (no table as a
    # key: C hashes it by its address, which pylua does not have)
    "local t = {1, 2, 3, [0] = 0, [-1] = 1, [2.5] = 2, [1e10] = 3, [true] = 4, [false] = 5}\n"
    "t.x, t.y = 7, 8\n",
    # a sparse array that rehashes into the hash part
    "local t = {}\nfor i = 1, 64, 5 do t[i] = i end\nt[200] = 1\nt[3] = nil\n",
]


@pytest.mark.parametrize("src", ORDERS)
def test_nodes_are_in_the_order_pairs_goes(src):
    program = src + (
        "local o = {}\nfor k in pairs(t) do o[#o + 1] = type(k) == 'table' and 'T' or tostring(k) end\n"
        "print(table.concat(o, ' '))\n"
    )
    line = src.count("\n") + 1
    s = at_line(program, line)
    ref, t = table(s.snapshot(), "t")
    shown = pairs_order_shown(s, ref, t)
    out = s.continue_()["output"].split()
    shown = ["T" if k.startswith("table: ") else k for k in shown]
    assert shown == out
    if LUA51:
        lua = subprocess.run([LUA51, "-"], input=program, capture_output=True, text=True).stdout
        assert lua.split() == out


def test_every_key_is_in_the_chain_of_its_main_position():
    src = "local t = {}\nfor i = 1, 300 do t['key' .. i] = i; t[i * 0.5] = i end\nfor i = 1, 300, 7 do t['key' .. i] = nil end\nprint(1)\n"
    s = at_line(src, 4)
    ref, t = table(s.snapshot(), "t")
    nodes = all_nodes(s, ref)
    assert [n["index"] for n in nodes] == list(range(t["node_count"]))
    # keys 1..128 in the array part; 300 strings, 150 halves and 129..150 in nodes
    assert t["array_size"] == 128 and t["node_count"] == 512 and len(t["hash"]) == MAX_ENTRIES
    assert nodes[:MAX_ENTRIES] == t["hash"]
    states = [n["state"] for n in nodes]
    assert (states.count("live"), states.count("dead"), states.count("free")) == (
        t["node_live"], t["node_dead"], t["node_free"])  # fmt: skip
    assert (t["node_live"], t["node_dead"], t["node_free"]) == (300 - 43 + 150 + 22, 43, 40)
    collided = 0
    for n in nodes:
        if n["state"] == "free":
            assert n["key"] is None and n["next"] is None
            continue
        collided += n["main"] != n["index"]
        i, seen = n["main"], set()
        while i != n["index"]:  # following the chain from the main position reaches it
            assert i is not None and i not in seen, n
            seen.add(i)
            i = nodes[i]["next"]
    assert collided > 50
    # nothing after the free pointer is free
    assert all(n["state"] != "free" for n in nodes[t["lastfree"] :])


def test_a_big_array_part_is_shown_in_part_and_paged():
    src = "local t = {}\nfor i = 1, 10000 do t[i] = i * 2 end\nprint(#t)\n"
    s = at_line(src, 3)
    snap = s.snapshot()
    ref, t = table(snap, "t")
    assert (t["array_size"], t["array_used"]) == (16384, 10000)
    assert (t["node_count"], t["hash"]) == (0, [])
    assert [v["value"] for v in t["array"]] == [str(2 * i) for i in range(1, MAX_ENTRIES + 1)]
    page = s.table_entries(ref, "array", 100, 100)
    assert (page["ref"], page["part"], page["offset"], page["total"]) == (ref, "array", 100, 16384)
    assert page["step"] == snap["step"]
    assert [v["value"] for v in page["entries"]] == [str(2 * i) for i in range(101, 201)]
    page = s.table_entries(ref, "array", 9990, 20)
    assert [v["value"] for v in page["entries"]] == [str(2 * i) for i in range(9991, 10001)] + [
        "nil"
    ] * 10
    assert s.table_entries(ref, "array", 16384, 10)["entries"] == []
    assert len(s.table_entries(ref, "array", 0, 10**6)["entries"]) == MAX_PAGE
    assert s.table_entries(ref, "hash", 0, 10)["entries"] == []


def test_pages_are_read_at_the_current_step():
    src = "local t = {}\nfor i = 1, 500 do t[i] = i end\nprint(#t)\n"
    s = at_line(src, 3)
    ref, t = table(s.snapshot(), "t")
    end = s.step_count
    assert s.table_entries(ref, "array", 200, 3)["entries"][0]["value"] == "201"
    # back in the middle of the loop: slot 201 is not written yet
    snap = s.goto(end // 3)
    ref2, t = table(snap, "t")
    assert ref2 == ref and t["array_used"] < 200
    page = s.table_entries(ref, "array", 200, 3)
    assert page["step"] == end // 3 and page["entries"][0]["value"] == "nil"
    # stepping back one at a time (answered from snapshots kept from a
    # replay, the live state elsewhere): before the last FORLOOP t[500] is
    # written, before the last SETTABLE it is not
    s.goto(end)
    s.back()
    assert s.table_entries(ref, "array", 499, 1)["entries"][0]["value"] == "500"
    s.back()
    assert s.table_entries(ref, "array", 499, 1)["entries"][0]["value"] == "nil"
    s.step()
    assert s.table_entries(ref, "array", 499, 1)["entries"][0]["value"] == "500"


def test_keys_of_every_type_and_references():
    src = "local inner = {}\nlocal t = {[true] = inner, [false] = 0}\nt[inner] = 'x'\nprint(1)\n"
    s = at_line(src, 4)
    snap = s.snapshot()
    _, t = table(snap, "t")
    inner, _ = table(snap, "inner")
    live = [n for n in t["hash"] if n["state"] == "live"]
    by_key = {n["key"]["value"]: n for n in live}
    assert by_key["true"]["key"]["type"] == "boolean" and by_key["true"]["value"]["ref"] == inner
    assert by_key["false"]["value"]["value"] == "0"
    tkey = next(n for n in live if n["key"]["type"] == "table")
    assert tkey["key"]["ref"] == inner and tkey["value"]["value"] == '"x"'


def test_bad_requests():
    s = at_line("local t = {1}\nlocal f = print\nprint(1)\n", 3)
    with pytest.raises(LookupError):
        s.table_entries("t99", "array", 0, 10)
    with pytest.raises(LookupError):  # not a table
        s.table_entries("print", "array", 0, 10)
    with pytest.raises(ValueError):
        s.table_entries("t1", "nodes", 0, 10)
    assert s.table_entries("t1", "array", -5, 10)["offset"] == 0
    assert Session("local = 1").listing() is None
    with pytest.raises(LookupError):
        Session("local = 1").table_entries("t1", "array")
