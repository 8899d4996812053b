"""The fuzzer's command line: ``python -m tests.fuzz`` or
``python tests/fuzz/run.py``.  ``--help`` says what it takes."""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

from .cases import KINDS, cases, make_case, save_finding, signature
from .runner import BUDGET, FINDINGS, MEMORY, WALL, Pool


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m tests.fuzz",
        description="Throw generated and mutated programs and binary chunks at pylua's VM; "
        "report (and with --save keep) the cases that end in a Python exception, a hang "
        "or a crash.",
    )
    ap.add_argument("--kind", choices=[*KINDS, "all"], default="all")
    ap.add_argument("--count", type=int, default=1000, help="cases of each kind")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--start", type=int, default=0, help="index of the first case")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes")
    ap.add_argument("--budget", type=int, default=BUDGET, help="instructions per case")
    ap.add_argument("--wall", type=float, default=WALL, help="seconds per case")
    ap.add_argument(
        "--memory", type=int, default=MEMORY >> 20, help="MB of address space per worker"
    )
    ap.add_argument(
        "--save", action="store_true", help="save new findings under tests/fuzz/findings/"
    )
    ap.add_argument("--show", metavar="KIND:SEED:INDEX", help="print one case's program and exit")
    ap.add_argument("--replay", nargs="*", metavar="FILE", help="run these program files instead")
    ap.add_argument("--progress", type=int, default=0, help="print a line every N cases")
    args = ap.parse_args(argv)

    if args.show:
        kind, seed, index = args.show.split(":")
        sys.stdout.buffer.write(make_case(kind, int(seed), int(index)).data)
        return 0
    kinds = list(KINDS) if args.kind == "all" else [args.kind]
    pool = Pool(args.jobs, args.memory << 20)
    stats = collections.Counter()
    sigs: dict[str, list] = {}
    t0 = time.time()
    try:
        if args.replay is not None:
            from .cases import Case

            todo = [Case("replay", 0, i, Path(f).read_bytes()) for i, f in enumerate(args.replay)]
        else:
            todo = (c for kind in kinds for c in cases(kind, args.seed, args.count, args.start))
        n = 0
        for case, out in pool.map(todo, args.budget, args.wall):
            n += 1
            stats[case.kind, out.status] += 1
            if out.finding:
                sig = signature(out.status, out.detail)
                first = sig not in sigs
                sigs.setdefault(sig, []).append(case.name)
                if first:
                    print(f"NEW {out.status}: {case.name} ({out.seconds:.1f} s)")
                    print("    " + out.detail.strip().replace("\n", "\n    "))
                    if args.save:
                        print("    saved as", save_finding(case))
            if args.progress and n % args.progress == 0:
                print(f"... {n} cases, {time.time() - t0:.0f} s", flush=True)
    except KeyboardInterrupt:
        print("interrupted")
    finally:
        pool.close()
    secs = time.time() - t0
    print(f"\n{sum(stats.values())} cases in {secs:.1f} s "
          f"(budget {args.budget}, wall {args.wall} s, seed {args.seed}, {args.jobs} jobs)")  # fmt: skip
    for kind in sorted({k for k, _ in stats}):
        row = {s: c for (k, s), c in stats.items() if k == kind}
        print(f"  {kind:8} " + ", ".join(f"{s} {c}" for s, c in sorted(row.items())))
    nfind = sum(c for (_, s), c in stats.items() if s in FINDINGS)
    print(f"findings: {nfind} cases, {len(sigs)} distinct")
    for sig, names in sigs.items():
        print(f"  {len(names):6} x {sig}  (first: {names[0]})")
    return 1 if sigs else 0


if __name__ == "__main__":
    sys.exit(main())
