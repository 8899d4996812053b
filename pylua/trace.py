"""python -m pylua.trace FILE [--max-steps N] [--stdin TEXT]

Runs FILE in a debugging session one instruction at a time and prints one
snapshot (docs/snapshot.md) per executed instruction as a JSON line: the
state after it.  The last line is the final state: finished, error, or
paused with a message when --max-steps instructions have run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from .debugger import Session


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pylua.trace", description=__doc__.split("\n\n")[1])
    ap.add_argument("file", help="a Lua source file ('-' for standard input)")
    ap.add_argument("--max-steps", type=int, default=100_000, metavar="N",
                    help="stop after N instructions (default 100000)")
    ap.add_argument("--stdin", default="", metavar="TEXT", help="what io.read reads")
    args = ap.parse_args(argv)
    if args.file == "-":
        source = sys.stdin.buffer.read()
        chunkname = "=stdin"
    else:
        try:
            with open(args.file, "rb") as f:
                source = f.read()
        except OSError as e:
            print(f"pylua.trace: cannot open {args.file}: {e.strerror}", file=sys.stderr)
            return 1
        chunkname = "@" + os.fsdecode(args.file)
    s = Session(source, chunkname=chunkname, stdin=args.stdin)
    out = sys.stdout
    snap = s.snapshot()
    n = 0
    while snap["status"] in ("ready", "paused") and n < args.max_steps:
        snap = s.step()
        n += 1
        if snap["status"] == "paused" and n == args.max_steps:
            snap["message"] = "instruction budget reached (%d)" % args.max_steps
        out.write(json.dumps(snap, ensure_ascii=False) + "\n")
    if n == 0:  # nothing ran (a syntax error): the state is the final one
        out.write(json.dumps(snap, ensure_ascii=False) + "\n")
    out.flush()
    return 1 if snap["status"] == "error" else 0


if __name__ == "__main__":
    sys.exit(main())
