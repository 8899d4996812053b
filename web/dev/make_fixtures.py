"""Writes web/dev/fixtures/*.json: recorded sessions for the playground's
fixture mode (``index.html?fixture=closure``), which draws the panels without
Pyodide.  The e2e UI tests (e2e/test_ui_fixtures.py) and UI work use them.

Each file is ``{source, listing, snapshots, load_error}``, recorded from the
real debugger, ``pylua.debugger.Session`` (docs/snapshot.md): ``listing`` is
``Session.listing()``, ``snapshots`` are ``Session.snapshot()`` at step 0 and
what ``Session.step()`` returns after it (with ``did``, as the bridge adds
it: docs/snapshot.md), and ``load_error`` is what
web/src/bridge.py's ``load()`` reports for a chunk that does not compile (then
``listing`` is null and the one snapshot is the session's error snapshot).

- ``closure``: every step, from 0 to the end of the program;
- ``panels``: three chosen snapshots: step 0, the first step inside the
  function that ``pcall`` runs (call stack: main chunk, pcall, the function),
  and the runtime error that ends the program;
- ``syntax``: a chunk that does not compile;
- ``tables``: two snapshots of a program laying out tables: step 0, and
  the step before its pairs loop, with a 10 000-slot array part (more than
  a snapshot shows) and a node vector with a collision chain and a dead key.

    python3 web/dev/make_fixtures.py

tests/test_web_fixtures.py checks that the committed files are what this
writes (the output is the same bytes on every run).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pylua.debugger import Session  # noqa: E402
from pylua.debugger.explain import did  # noqa: E402

OUT = Path(__file__).resolve().parent / "fixtures"
CHUNKNAME = "=input"  # as web/src/bridge.py loads the editor's program
LIMIT = 2000  # steps: these programs end long before

# --- the programs -------------------------------------------------------------

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

# tables, a metatable, aliasing, a suspended coroutine, pcall, a runtime error
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

SYNTAX_SRC = "local x = 1\nprint(x\nprint(2)\n"

# an array part bigger than a snapshot shows; a collision chain ("age" found
# "name" in its main position, node 2) and a dead key ("age" assigned nil)
TABLES_SRC = """\
local big = {}
for i = 1, 10000 do big[i] = i end
local t = {}
t.name = 1
t.age = 2
t.id = 3
t.red = 4
t.age = nil
for k, v in pairs(t) do print(k, v) end
"""


# --- recording ----------------------------------------------------------------


def record_session(source: str, limit: int = LIMIT) -> dict:
    """The whole session on source: every snapshot from step 0 to the end."""
    s = Session(source, chunkname=CHUNKNAME)
    snaps = [s.snapshot()]
    while snaps[-1]["status"] in ("ready", "paused"):
        if len(snaps) > limit:
            raise RuntimeError(f"the program did not end in {limit} steps")
        snaps.append(s.step())
    for prev, snap in zip([None, *snaps], snaps, strict=False):  # as web/src/bridge.py sends them
        snap["did"] = did(prev, snap)
    listing = s.listing()
    load_error = None
    if listing is None and snaps[0]["status"] == "error":  # as bridge.load() says it
        load_error = snaps[0]["error"]
    return {"source": source, "listing": listing, "snapshots": snaps, "load_error": load_error}


def _first(snaps: list, what: str, predicate) -> dict:
    found = next((s for s in snaps if predicate(s)), None)
    if found is None:
        raise RuntimeError(f"no snapshot {what}")
    return found


def _inside_pcall(snap: dict) -> bool:
    """The call stack is [main chunk, pcall (builtin), a Lua function]."""
    shape = [(f["kind"], f["name"]) for f in snap["frames"]]
    return (
        len(shape) == 3
        and shape[0] == ("lua", "main chunk")
        and shape[1] == ("builtin", "pcall")
        and shape[2][0] == "lua"
    )


def closure_fixture() -> dict:
    data = record_session(CLOSURE_SRC)
    assert data["snapshots"][-1]["status"] == "finished", data["snapshots"][-1]
    return data


def panels_fixture() -> dict:
    data = record_session(PANELS_SRC)
    snaps = data["snapshots"]
    end = snaps[-1]
    assert end["status"] == "error" and end["error"] == "input:12: boom", end
    data["snapshots"] = [
        snaps[0],
        _first(snaps, "inside the function pcall runs", _inside_pcall),
        end,
    ]
    return data


def syntax_fixture() -> dict:
    data = record_session(SYNTAX_SRC)
    assert data["load_error"] is not None and data["listing"] is None, data
    return data


def tables_fixture() -> dict:
    s = Session(TABLES_SRC, chunkname=CHUNKNAME)
    first = s.snapshot()
    s.breakpoints.add(9)
    at_loop = s.continue_()
    assert at_loop["line"] == 9 and at_loop["reason"] == "breakpoint", at_loop["message"]
    return {"source": TABLES_SRC, "listing": s.listing(), "snapshots": [first, at_loop], "load_error": None}


FIXTURES = {"closure": closure_fixture, "panels": panels_fixture, "syntax": syntax_fixture,
            "tables": tables_fixture}


def render(data: dict) -> str:
    """The file's text: the snapshot's own field order, one space a level."""
    return json.dumps(data, indent=1) + "\n"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in FIXTURES.items():
        path = OUT / f"{name}.json"
        path.write_text(render(make()), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
