"""Run the Lua benchmarks under ``lua5.1`` and under pylua, and compare.

Usage (from anywhere)::

    python bench/run.py                 # every benchmark, best of 3 runs each
    python bench/run.py --quick         # smaller sizes, 1 run each
    python bench/run.py --only fib --only nbody --repeat 5
    python bench/run.py --markdown      # the table as Markdown, for the README

Each program in ``bench/lua/`` reads a size from ``arg[1]`` and prints a
checksum. For each one this script runs ``lua5.1 prog.lua SIZE`` and
``python -m pylua prog.lua SIZE`` (with this script's own Python), keeps the
best wall time of ``--repeat`` runs of each, and checks that both printed
exactly the same bytes: a mismatch is reported loudly and the row is left out
of the geometric mean. Both times are whole processes, start-up included
(about 1 ms for lua5.1, some tens of ms for Python).

A column reads ``n/a`` when its interpreter is not there (no ``lua5.1`` on
PATH, or no ``pylua/__main__.py`` yet) and ``FAIL`` when it ran but exited
with an error or timed out; the error is printed above the table.

This is a benchmark, not a test: it asserts nothing about speed. It exits 1
when an interpreter failed or the outputs differ, 0 otherwise.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA_DIR = ROOT / "bench" / "lua"


@dataclass(frozen=True)
class Bench:
    name: str
    file: str
    size: int  # full run: roughly 0.05-0.3 s under lua5.1
    quick: int  # --quick: a fraction of that
    what: str


BENCHES = [
    Bench("fib", "fib.lua", 28, 22, "recursive Fibonacci (Lua calls)"),
    Bench("loops", "loops.lua", 2000, 600, "nested numeric for, arithmetic"),
    Bench("binary-trees", "binary_trees.lua", 12, 8, "allocate and walk small tables"),
    Bench("n-body", "nbody.lua", 30000, 3000, "float arithmetic, table fields"),
    Bench("spectral-norm", "spectral_norm.lua", 200, 50, "nested loops, calls"),
    Bench("fannkuch-redux", "fannkuch.lua", 8, 7, "permutations, array swaps"),
    Bench("strings", "strings.lua", 50000, 5000, "table.concat, '..', string.format"),
    Bench("sort", "sort.lua", 30000, 3000, "table.sort with and without comparator"),
    Bench("closures", "closures.lua", 200000, 20000, "create and call closures"),
    Bench("methods", "methods.lua", 400000, 40000, "method calls through __index"),
    Bench("coroutine-ring", "coroutine_ring.lua", 300000, 30000, "resume/yield around a ring"),
]


@dataclass
class Outcome:
    """One interpreter on one benchmark: best time, output, or why not."""

    seconds: float | None = None
    stdout: bytes | None = None
    status: str = "ok"  # "ok", "n/a", "FAIL"
    error: str = ""


@dataclass
class Row:
    bench: Bench
    size: int
    lua: Outcome = field(default_factory=Outcome)
    pylua: Outcome = field(default_factory=Outcome)
    mismatch: bool = False

    @property
    def ratio(self) -> float | None:
        if self.lua.seconds and self.pylua.seconds is not None and not self.mismatch:
            return self.pylua.seconds / self.lua.seconds
        return None


def run_best(cmd: list[str], repeat: int, timeout: float, env: dict | None = None) -> Outcome:
    """Best wall time of ``repeat`` runs; the output of the first run."""
    out = Outcome()
    for _ in range(repeat):
        t0 = time.perf_counter()
        try:
            p = subprocess.run(
                cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, env=env
            )
        except subprocess.TimeoutExpired:
            return Outcome(status="FAIL", error=f"timed out after {timeout:g} s")
        except OSError as e:
            return Outcome(status="FAIL", error=f"cannot run {cmd[0]}: {e}")
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            err = p.stderr.decode("utf-8", "replace").rstrip()
            lines = err.splitlines()
            if len(lines) > 20:
                err = "\n".join(["...", *lines[-20:]])
            return Outcome(status="FAIL", error=f"exit code {p.returncode}\n{err}")
        if out.stdout is None:
            out.stdout = p.stdout
        elif p.stdout != out.stdout:
            return Outcome(status="FAIL", error="output differs between two runs")
        out.seconds = dt if out.seconds is None else min(out.seconds, dt)
    return out


def first_difference(a: bytes, b: bytes) -> str:
    la, lb = a.splitlines(), b.splitlines()
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else b"<no line>"
        y = lb[i] if i < len(lb) else b"<no line>"
        if x != y:
            return f"  line {i + 1}:\n    lua5.1: {x!r}\n    pylua:  {y!r}"
    return "  (the same lines; they differ in line endings or a final newline)"


def geomean(xs: list[float]) -> float | None:
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def fmt_time(o: Outcome) -> str:
    return f"{o.seconds:.3f}" if o.status == "ok" and o.seconds is not None else o.status


def table(rows: list[Row], markdown: bool) -> str:
    header = ["benchmark", "size", "lua5.1 s", "pylua s", "ratio"]
    body = []
    for r in rows:
        ratio = f"{r.ratio:.1f}x" if r.ratio is not None else ("MISMATCH" if r.mismatch else "n/a")
        body.append([r.bench.name, str(r.size), fmt_time(r.lua), fmt_time(r.pylua), ratio])
    gm = geomean([r.ratio for r in rows if r.ratio is not None])
    counted = sum(1 for r in rows if r.ratio is not None)
    foot = ["geometric mean", "", "", "", f"{gm:.1f}x" if gm is not None else "n/a"]
    if markdown:
        lines = [
            "| " + " | ".join(header) + " |",
            "|" + "|".join(["---", "---:", "---:", "---:", "---:"]) + "|",
        ]
        lines += ["| " + " | ".join(c) + " |" for c in body]
        foot[0] = f"**geometric mean** ({counted} of {len(rows)})"
        lines.append("| " + " | ".join(foot) + " |")
        return "\n".join(lines)
    foot[1] = f"({counted}/{len(rows)})"
    allrows = [header, *body, foot]
    widths = [max(len(row[i]) for row in allrows) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep, *map(line, body), sep, line(foot)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="runs per interpreter, best kept (default 3; 1 with --quick)",
    )
    ap.add_argument("--quick", action="store_true", help="smaller sizes and 1 run each")
    ap.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this benchmark (may be repeated, or comma-separated)",
    )
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--lua", default="lua5.1", help="reference interpreter (default lua5.1)")
    ap.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        help="seconds before one run counts as failed (default 600)",
    )
    ap.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = ap.parse_args(argv)

    if args.list:
        for b in BENCHES:
            print(f"{b.name:16} {b.file:20} size {b.size:>7} (quick {b.quick:>6})  {b.what}")
        return 0

    repeat = args.repeat if args.repeat is not None else (1 if args.quick else 3)
    if repeat < 1:
        ap.error("--repeat must be at least 1")
    wanted = [n.strip() for o in args.only for n in o.split(",") if n.strip()]
    known = {b.name for b in BENCHES} | {b.file.removesuffix(".lua") for b in BENCHES}
    unknown = [n for n in wanted if n not in known]
    if unknown:
        ap.error(f"unknown benchmark(s): {', '.join(unknown)} (see --list)")
    benches = [
        b
        for b in BENCHES
        if not wanted or b.name in wanted or b.file.removesuffix(".lua") in wanted
    ]

    lua = shutil.which(args.lua)
    have_cli = (ROOT / "pylua" / "__main__.py").exists()
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (
        os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""
    )
    log = sys.stderr
    if lua is None:
        print(f"note: {args.lua} not found on PATH: its column is n/a", file=log)
    if not have_cli:
        print("note: pylua/__main__.py does not exist yet: the pylua column is n/a", file=log)

    rows: list[Row] = []
    problems = 0
    for b in benches:
        size = b.quick if args.quick else b.size
        path = str(LUA_DIR / b.file)
        row = Row(b, size)
        print(f"{b.name} ({size}) ...", end="", flush=True, file=log)
        if lua:
            row.lua = run_best([lua, path, str(size)], repeat, args.timeout)
        else:
            row.lua = Outcome(status="n/a")
        print(f" lua5.1 {fmt_time(row.lua)}", end="", flush=True, file=log)
        if have_cli:
            cmd = [sys.executable, "-m", "pylua", path, str(size)]
            row.pylua = run_best(cmd, repeat, args.timeout, env)
        else:
            row.pylua = Outcome(status="n/a")
        print(f"  pylua {fmt_time(row.pylua)}", file=log)
        for who, o in (("lua5.1", row.lua), ("pylua", row.pylua)):
            if o.status == "FAIL":
                problems += 1
                print(f"!! {b.name}: {who} FAILED: {o.error}", file=log)
        if (
            row.lua.status == "ok"
            and row.pylua.status == "ok"
            and row.lua.stdout != row.pylua.stdout
        ):
            row.mismatch = True
            problems += 1
            print(
                f"!! {b.name}: OUTPUT MISMATCH between lua5.1 and pylua\n"
                + first_difference(row.lua.stdout or b"", row.pylua.stdout or b""),
                file=log,
            )
        rows.append(row)

    print(file=log)
    if args.markdown:
        py = f"{platform.python_implementation()} {platform.python_version()}"
        mode = "quick sizes" if args.quick else "full sizes"
        print(f"pylua vs lua5.1, best of {repeat}, {mode}, {py} on {platform.machine()}:\n")
    print(table(rows, args.markdown))
    if problems:
        print(f"\n{problems} problem(s): see the messages marked !! above", file=log)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
