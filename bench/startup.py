"""Start-up time of ``python -m pylua -e ""`` against ``lua5.1 -e ""``.

Usage (from anywhere)::

    python bench/startup.py                 # best of 20 runs of each, a table
    python bench/startup.py --repeat 50
    python bench/startup.py --markdown      # the table as Markdown, for the README
    python bench/startup.py --python python3.11

Each row is a whole process, timed from ``subprocess`` (fork, exec, the
interpreter's own start, the run, exit), and the runs of all rows are
interleaved so that a busy machine slows them alike; "CPU ms" is the
least user+system time the process took (``wait4``: what the wall time
would be on an idle machine, about), "vs lua5.1" the best wall times' ratio:

- ``lua5.1 -e ""``: the reference (``n/a`` when it is not on PATH);
- ``python -c pass``: the floor, Python's own start (``site`` included);
- ``python -m pylua -e ""`` *warm*: pylua's bytecode (``__pycache__``) is
  there, as after any run that could write it;
- ``python -m pylua -e ""`` *cold*: no bytecode of pylua and
  ``PYTHONDONTWRITEBYTECODE=1`` (as on a machine that sets it, or a
  read-only checkout): Python compiles every pylua module it imports, on
  every start;
- ``-e 'print("hi")'``, cold and warm, a start that prints.

The two pylua states are two copies of this checkout's ``pylua/`` in a
temporary folder (the checkout's own ``__pycache__`` is neither used nor
touched); the standard library's bytecode is the installation's, as always.
The warm copy is run once first to write its bytecode.

A benchmark, not a test: it asserts nothing about speed.  It exits 1 when a
run fails.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_package(dest: Path) -> None:
    shutil.copytree(
        ROOT / "pylua", dest / "pylua", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20, help="runs of each row (best is kept)")
    ap.add_argument("--python", default=sys.executable, help="the Python to run pylua with")
    ap.add_argument("--lua", default="lua5.1")
    ap.add_argument("--markdown", action="store_true")
    ns = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="pylua-startup-"))
    try:
        return _run(ns, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run(ns, tmp: Path) -> int:
    warm, cold = tmp / "warm", tmp / "cold"
    copy_package(warm)
    copy_package(cold)
    base = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env_warm = {**base}
    env_cold = {**base, "PYTHONDONTWRITEBYTECODE": "1"}
    py = ns.python
    lua = shutil.which(ns.lua)

    rows: list[tuple[str, list[str], dict, Path]] = []  # label, argv, env, cwd
    if lua:
        rows.append((f'{ns.lua} -e ""', [lua, "-e", ""], base, tmp))
    rows.append(("python -c pass", [py, "-c", "pass"], env_cold, tmp))
    rows.append(('python -m pylua -e "" (warm)', [py, "-m", "pylua", "-e", ""], env_warm, warm))
    rows.append(('python -m pylua -e "" (cold)', [py, "-m", "pylua", "-e", ""], env_cold, cold))
    hello = 'print("hi")'
    if lua:
        rows.append((f"{ns.lua} -e '{hello}'", [lua, "-e", hello], base, tmp))
    rows.append(
        (f"python -m pylua -e '{hello}' (warm)", [py, "-m", "pylua", "-e", hello], env_warm, warm)
    )
    rows.append(
        (f"python -m pylua -e '{hello}' (cold)", [py, "-m", "pylua", "-e", hello], env_cold, cold)
    )

    # the warm copy writes its bytecode once; check that each copy is the one imported
    for cwd, env in ((warm, env_warm), (cold, env_cold)):
        out = subprocess.run(
            [py, "-c", "import pylua.__main__, pylua.runtime; print(pylua.__file__)"],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
        )
        if out.returncode or not out.stdout.strip().startswith(str(cwd)):
            print(
                f"startup: pylua is not imported from {cwd}: {out.stdout}{out.stderr}",
                file=sys.stderr,
            )
            return 1
        subprocess.run([py, "-m", "pylua", "-e", hello], cwd=cwd, env=env, capture_output=True)
    if not (warm / "pylua" / "__pycache__").is_dir() or (cold / "pylua" / "__pycache__").exists():
        print("startup: the warm/cold copies are not as intended", file=sys.stderr)
        return 1

    times: dict[str, list[float]] = {label: [] for label, *_ in rows}
    cpu: dict[str, list[float]] = {label: [] for label, *_ in rows}
    failed = False
    for _ in range(ns.repeat):
        for label, argv, env, cwd in rows:
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            err = proc.stderr.read()
            _, status, usage = os.wait4(proc.pid, 0)
            dt = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
            proc.stderr.close()
            if proc.returncode != 0:
                print(f"startup: {label} failed:\n{err.decode(errors='replace')}", file=sys.stderr)
                failed = True
            times[label].append(dt)
            cpu[label].append(usage.ru_utime + usage.ru_stime)

    lua_best = min(times[rows[0][0]]) if lua else None
    pyver = subprocess.run(
        [
            py,
            "-c",
            "import platform; print(platform.python_implementation(), platform.python_version())",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(
        f"{pyver} on {platform.machine()}, {os.cpu_count()} cores, best and median of {ns.repeat} runs each"
    )
    head = ("command", "best ms", "median ms", "CPU ms", "vs lua5.1")
    table = []
    for label, *_ in rows:
        best, med = min(times[label]) * 1000, statistics.median(times[label]) * 1000
        ratio = f"{best / 1000 / lua_best:.0f}x" if lua_best and "pylua" in label else ""
        table.append((label, f"{best:.1f}", f"{med:.1f}", f"{min(cpu[label]) * 1000:.0f}", ratio))
    if ns.markdown:
        print("| " + " | ".join(head) + " |")
        print("|---|---:|---:|---:|---:|")
        for r in table:
            print("| " + " | ".join(r) + " |")
    else:
        w = max(len(r[0]) for r in table)
        print(f"{head[0]:<{w}}  " + "  ".join(f"{h:>9}" for h in head[1:]))
        for r in table:
            print(f"{r[0]:<{w}}  " + "  ".join(f"{c:>9}" for c in r[1:]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
