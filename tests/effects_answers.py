"""What vcode._clear_count and fastloop._plan answer for every function of
the corpus, for tests/test_effects.py: the fixture
tests/fixtures/effects_answers.json was written by this script run on the
code before those two read pylua/opcodes.py's effects table (commit
fc72d44, where each had its own register bookkeeping)::

    PYTHONPATH=/path/to/checkout/of/fc72d44 python tests/effects_answers.py \\
        tests/fixtures/effects_answers.json

Each program is listed with a hash of its text: a program changed since
is not compared.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _protos(p):
    yield p
    for c in p.p:
        yield from _protos(c)


def corpus_answers(src: bytes) -> dict:
    """_clear_count of each function of src (in preorder) and _plan of each
    of its FORLOOPs ("function:pc" -> [body start, used, written, labels] or
    None), from the pylua on sys.path."""
    from pylua import fastloop, vcode
    from pylua.opcodes import OP_FORLOOP, get_op
    from pylua.parser import compile as compile_

    clears = []
    plans = {}
    for j, p in enumerate(_protos(compile_(src, b"@x"))):
        clears.append(vcode._clear_count(p))
        p.vcode = vcode.decode(p)
        for pc, i in enumerate(p.code):
            if get_op(i) == OP_FORLOOP:
                r = fastloop._plan(p, pc)
                plans[f"{j}:{pc}"] = None if r is None else [r[0], *map(sorted, r[1:])]
    return {"clear": clears, "plans": plans}


def corpus():
    for d in ("tests", "bench", "examples"):
        yield from sorted((ROOT / d).rglob("*.lua"))


def sha1(src: bytes) -> str:
    return hashlib.sha1(src).hexdigest()


def main(path: str) -> int:
    from pylua.errors import LuaError

    out = {}
    for f in corpus():
        src = f.read_bytes()
        try:
            a = corpus_answers(src)
        except LuaError:  # (the programs that do not compile)
            continue
        out[str(f.relative_to(ROOT))] = {"sha1": sha1(src), **a}
    Path(path).write_text(json.dumps(out, sort_keys=True, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
