"""How often each of the loop's instructions runs over the benchmarks.

    python bench/opfreq.py            # the table, most frequent first
    python bench/opfreq.py --vcode    # as pylua/vcode.py's LOOP_OPS

Each benchmark (bench/lua/, at a small size) runs in the stepping loop with
compiled loops off, counting the instruction each step dispatches; each
benchmark weighs the same.  pylua/vcode.py's LOOP_OPS keeps these weights
(per 10 000 instructions): the order numbers the loop's instructions and
pylua/genloop.py builds the dispatch tree with the fewest expected tests
from the weights.  Run it again when handlers or benchmarks change much.
"""

from __future__ import annotations

import collections
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pylua import Lua  # noqa: E402
from pylua.vcode import LOOP_OPS  # noqa: E402

SIZES = {"fib": 20, "loops": 200, "binary_trees": 8, "nbody": 2000, "spectral_norm": 40,
         "fannkuch": 7, "strings": 5000, "sort": 3000, "closures": 20000, "methods": 40000,
         "coroutine_ring": 30000}  # fmt: skip


def measure() -> dict:
    share = collections.Counter()
    for name, size in SIZES.items():
        L = Lua(stdout=io.BytesIO())
        L.fast_loops = False
        counts = collections.Counter()

        def hook(vm, th, ci, pc, counts=counts):
            counts[ci.cl.proto.vcode[pc][0]] += 1

        L.hook = hook
        L.set_global("arg", {1: size})
        path = ROOT / "bench" / "lua" / f"{name}.lua"
        L.call(L.load(path.read_bytes(), "@" + path.name))
        n = sum(counts.values())
        for op, c in counts.items():
            share[LOOP_OPS[op]] += c / n / len(SIZES)
    return {name: round(share.get(name, 0.0) * 10000) for name in LOOP_OPS}


def main(argv) -> int:
    freq = measure()
    order = sorted(freq, key=lambda name: -freq[name])  # (stable: ties keep their order)
    if "--vcode" in argv:
        for name in order:
            print(f'    ("{name}", {freq[name]}),')
    else:
        for name in order:
            print(f"{name:12} {freq[name]:6}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
