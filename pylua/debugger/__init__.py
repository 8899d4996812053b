"""A debugging session over the VM: step forward and backward, breakpoints,
and the whole machine as a JSON snapshot (docs/snapshot.md).

    from pylua.debugger import Session
    s = Session(source, chunkname="=input", stdin="")  # compiled; step 0
    # (memory_limit=256 << 20 by default: bytes as the collector counts them)
    s.step(); s.step_line(); s.step_over(); s.step_out()
    s.continue_(budget=1_000_000)      # to a breakpoint, the end or the budget
    s.back(); s.back_line(); s.goto(n)
    s.breakpoints.add(4)
    s.snapshot(); s.listing()

How it works, one module each:

- ``session``: the Session and its commands.  The program runs in the
  VM's stepping loops (``L.run_stepping``, which calls ``L.hook`` before
  every instruction, and ``L.run_sparse``, which calls it only where the
  hook asks: docs/internals.md).
- ``tracker``: the hooks.  They count instructions, decide where stepping
  stops (line changes, frames returning, breakpoints) and give heap
  objects their ids as they are made (NEWTABLE, CLOSURE, the results of
  builtins), so that an object's id is fixed by the program's run,
  whatever was looked at.
- ``state``: the session's Lua state, a sandbox (no host files or
  environment) plus ``io`` over the session's own output buffer and stdin
  text, and an ``os`` whose clock and time answer the same on every run:
  os.time() is the session's creation time, os.clock() counts a
  microsecond per instruction.  So the program is deterministic and can
  be replayed.
- ``replay``: going back is replaying.  Checkpoints (deep copies of the
  whole state, pylua/checkpoint.py) are taken every few thousand
  instructions, spaced so that copying costs about a tenth of running, and
  thinned when they take too much memory (recent ones kept dense, old ones
  sparse).  ``goto(n)`` restores the last checkpoint at or before n and
  runs forward to n.  The frames of builtins waiting on Lua code (pcall,
  print's __tostring calls, gsub's callbacks) are recorded so that a
  checkpoint can hold them.

The snapshot itself is built by pylua/snapshot.py.
"""

from __future__ import annotations

from .session import DEFAULT_BUDGET, DEFAULT_MEMORY_LIMIT, Session

__all__ = ["DEFAULT_BUDGET", "DEFAULT_MEMORY_LIMIT", "Session"]
