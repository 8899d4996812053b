#!/usr/bin/env python3
"""Regenerate the behaviour corpus' expected outputs with the reference lua5.1.

Usage (from anywhere):

    python tests/regen_behaviour.py                 # every tests/lua/*/*.lua
    python tests/regen_behaviour.py tests/lua/strings/003_sub.lua ...
    python tests/regen_behaviour.py --area patterns # one folder
    python tests/regen_behaviour.py --check         # compare only, write nothing
    python tests/regen_behaviour.py --show FILE     # print what lua5.1 gives

Each X.lua gets X.lua.expected (format: tests/lua/README.md), produced by
running `lua5.1 X.lua` with cwd = X's folder, stdin from /dev/null and the
fixed environment of tests/behaviour_harness.py. A program is run twice and
must print the same thing both times (the corpus must be deterministic).
Needs `lua5.1` (Debian package lua5.1, version 5.1.5) on PATH.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import behaviour_harness as bh  # noqa: E402

ADDRESS = re.compile(rb"((table|function|thread|userdata|builtin): |file \()(0x)?[0-9a-fA-F]{6,}")


def problems(path: Path, result) -> list[str]:
    """Reasons why a reference result is unfit for a golden file."""
    out = []
    if ADDRESS.search(result[0]):
        out.append("stdout shows an address (table: 0x...): not deterministic")
    again = bh.run_lua51(path)
    if again != result:
        out.append("two runs of lua5.1 printed different things")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--area", action="append", default=[])
    ap.add_argument("--check", action="store_true", help="compare, do not write")
    ap.add_argument("--show", action="store_true", help="print the results, do not write")
    args = ap.parse_args(argv)
    if shutil.which(bh.LUA51) is None:
        print(f"{bh.LUA51} not found on PATH", file=sys.stderr)
        return 2
    files = [f.resolve() for f in args.files]
    for area in args.area:
        files += sorted((bh.CORPUS / area).glob("*.lua"))
    if not files:
        files = bh.programs()
    bad = changed = 0
    for path in files:
        result = bh.run_lua51(path)
        if args.show:
            out, code, err = result
            sys.stdout.write(f"== {bh.program_id(path)}  exit={code}  stderr_first={err!r}\n")
            sys.stdout.flush()
            sys.stdout.buffer.write(out)
            continue
        why = problems(path, result)
        if why:
            bad += 1
            for reason in why:
                print(f"{bh.program_id(path)}: {reason}", file=sys.stderr)
            continue
        text = bh.encode_expected(*result)
        exp = bh.expected_path(path)
        old = exp.read_text(encoding="ascii") if exp.exists() else None
        if old != text:
            changed += 1
            if args.check:
                print(f"{bh.program_id(path)}: expected file is stale", file=sys.stderr)
            else:
                exp.write_text(text, encoding="ascii")
    if not args.show:
        verb = "stale" if args.check else "written"
        print(f"{len(files)} programs, {changed} {verb}, {bad} unfit", file=sys.stderr)
    return 1 if bad or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
