"""Run in the page against the command line, in one run.

For each program: the playground's Run in headless Chromium (the real
worker, the page served on 127.0.0.1 by scripts/serve.py), from the click
to the finished snapshot drawn; `lua5.1 prog.lua`; `python -m pylua
prog.lua` under CPython (this Python), whole processes; the VM alone under
CPython (load and run timed inside the process: `python -m pylua` without
its start-up, "CPython VM"), and the same in the page's worker (no
debugger: "Pyodide VM", the Pyodide/CPython ratio of the interpreter
itself).  Two ratios for "the page within 2x of CPython": page Run
against `python -m pylua` (the command a user runs, what the issue names),
and against the CPython VM alone (stricter: no start-up on the CPython
side; bounded below by Pyodide VM / CPython VM).  Best of --repeat runs
each; every run's output is checked against lua5.1's.  It prints a
Markdown table (the one in README.md and bench/README.md).  Then a program that
prints 100 000 lines: how long the console took to draw (each frame's
batch, and the final snapshot) and the long tasks of the page while it ran.

    python bench/page_run.py                 # build the playground, all programs, best of 3
    python bench/page_run.py --no-build --repeat 1 --only fib,loop

Needs Playwright (pip install -e '.[test]'), Chromium at /usr/bin/chromium
($PYLUA_CHROMIUM), npm (the build) and lua5.1 (its column says n/a
without it).  A benchmark, not a test: nothing in pytest runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "e2e"))
from e2e_helpers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - the e2e tests' browser

PROGRAMS = {
    "fib": (
        "fib(24)",
        "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end\n"
        "print(fib(24))\n",
    ),
    "loop": (
        "numeric loop 3e6",
        "local s = 0 for i = 1, 3e6 do s = s + i % 7 end\nprint(s)\n",
    ),
    "strings": (
        "string builder 100 000",
        "local t = {}\nfor i = 1, 100000 do t[#t + 1] = 'item' .. i end\n"
        "local s = table.concat(t, ',')\nprint(#s, s:sub(-12))\n",
    ),
    "sort": (
        "table.sort 30 000 (<, then a Lua comparator)",
        "local seed = 42\nlocal function rand()\n  seed = (seed * 1103515245 + 12345) % 2147483648\n"
        "  return seed\nend\nlocal a = {}\nfor i = 1, 30000 do a[i] = rand() % 100000 end\n"
        "table.sort(a)\nlocal b = {}\nfor i = 1, 30000 do b[i] = a[i] end\n"
        "table.sort(b, function(x, y) return x > y end)\nprint(a[1], a[30000], b[1], b[30000])\n",
    ),
}
PRINTS = "for i = 1, 100000 do print(i, 'a line of output') end\n"

# Runs the program in the page: restart (a fresh session at step 0), then
# Run; ms from the click to the finished snapshot drawn (the status says
# "finished"), and the last output line
PAGE_RUN = """async (source) => {
  const app = window.__pylua;
  if (app.editor.getSource() !== source) app.editor.setSource(source);
  const status = document.querySelector('[data-testid="status"]');
  const until = (pred) => new Promise((resolve) => {
    const check = () => (pred() ? resolve() : setTimeout(check, 5));
    check();
  });
  document.querySelector('[data-testid="restart"]').click();
  await until(() => app.loadedSource === source && app.snapshot && app.snapshot.step === 0 && !app.running);
  await new Promise((r) => setTimeout(r, 50));
  app.consoleTimes.length = 0;
  window.__longTasks = [];
  const t0 = performance.now();
  document.querySelector('[data-testid="run"]').click();
  await until(() => !app.running && app.snapshot && ["finished", "error"].includes(app.snapshot.status)
                    && /finished|error/.test(status.textContent));
  const ms = performance.now() - t0;
  const out = app.snapshot.output.trimEnd().split("\\n");
  return {ms, status: app.snapshot.status, steps: app.snapshot.step, last: out[out.length - 1],
          console: [...app.consoleTimes], longTasks: [...window.__longTasks], error: app.snapshot.error};
}"""

LONG_TASKS = """() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
  }).observe({ type: "longtask" });
}"""


def best_wall(cmd, repeat, expect=None):
    """The best wall time of cmd (None if it fails), and its last output line."""
    best = None
    last = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            print(f"  FAIL {' '.join(map(str, cmd))}: {p.stderr.strip()[:300]}", file=sys.stderr)
            return None, None
        last = p.stdout.rstrip("\n").split("\n")[-1]
        if expect is not None and last != expect:
            print(f"  MISMATCH {cmd[0]}: {last!r} != {expect!r}", file=sys.stderr)
        best = dt if best is None else min(best, dt)
    return best, last


# The program under CPython, timed inside the process as the worker times
# its run (the VM alone: load and run, no start-up): {seconds, last}
CPYTHON_RUN = """
import json, sys, time
from pylua import Lua
class Sink:
    tail = b""
    def write(self, b):
        self.tail = (self.tail + bytes(b))[-200:]
        return len(b)
    def flush(self):
        pass
src = open(sys.argv[1], "rb").read()
out = Sink()
t0 = time.perf_counter()
L = Lua(stdout=out)
L.execute(src, b"=input")
dt = time.perf_counter() - t0
print(json.dumps({"seconds": dt, "last": out.tail.decode().rstrip("\\n").split("\\n")[-1]}))
"""


def cpython_run(f, repeat, expect):
    """The best in-process time of the VM alone under this Python."""
    best = None
    for _ in range(repeat):
        p = subprocess.run([sys.executable, "-c", CPYTHON_RUN, str(f)], capture_output=True,
                           text=True, cwd=ROOT)
        if p.returncode != 0:
            print(f"  FAIL CPython {f}: {p.stderr.strip()[:300]}", file=sys.stderr)
            return None
        r = json.loads(p.stdout)
        if expect is not None and r["last"] != expect:
            print(f"  MISMATCH CPython: {r['last']!r} != {expect!r}", file=sys.stderr)
        best = r["seconds"] if best is None else min(best, r["seconds"])
    return best


def serve():
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py"), "--host", "127.0.0.1", "--port", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().strip().split()[-1]
    assert url.startswith("http://127.0.0.1:"), url
    return proc, url.rstrip("/")


def fmt(x, digits=3):
    return "n/a" if x is None else f"{x:.{digits}f}"


def ratio(a, b):
    return "n/a" if a is None or b is None or b <= 0 else f"{a / b:.2f}x"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated: " + ",".join(PROGRAMS))
    ap.add_argument("--no-build", action="store_true", help="serve web/dist as it is")
    ap.add_argument("--no-prints", action="store_true", help="skip the 100 000 lines")
    args = ap.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or list(PROGRAMS)
    from playwright.sync_api import sync_playwright

    if not args.no_build:
        subprocess.run(["bash", str(ROOT / "scripts" / "build-web")], cwd=ROOT, check=True,
                       env={**os.environ, "PYTHON": sys.executable})
    lua = shutil.which("lua5.1")
    tmp = Path(tempfile.mkdtemp(prefix="pylua-page-bench-"))
    rows = []
    proc, url = serve()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.route("**/*", lambda r: r.continue_() if "//127.0.0.1:" in r.request.url
                       else r.abort())
            page.goto(url + "/")
            page.wait_for_function("window.__pylua && window.__pylua.ready", timeout=120_000)
            info = page.evaluate("window.__pylua.info")
            page.evaluate(LONG_TASKS)
            startup, _ = best_wall([sys.executable, "-m", "pylua", "-e", ""], args.repeat)
            for name in names:
                title, src = PROGRAMS[name]
                f = tmp / f"{name}.lua"
                f.write_text(src)
                ref = None
                t_lua = None
                if lua:
                    t_lua, ref = best_wall([lua, str(f)], args.repeat)
                t_py, out = best_wall([sys.executable, "-m", "pylua", str(f)], args.repeat, ref)
                ref = ref if ref is not None else out
                t_cpy = cpython_run(f, args.repeat, ref)
                t_plain = t_page = None
                steps = None
                for _ in range(args.repeat):
                    r = page.evaluate("(s) => window.__pylua.client.benchPlain(s)", src)
                    t_plain = r["seconds"] if t_plain is None else min(t_plain, r["seconds"])
                    run = page.evaluate(PAGE_RUN, src)
                    if run["status"] != "finished" or run["last"] != ref:
                        print(f"  MISMATCH page {name}: {run['status']} {run['last']!r} != {ref!r}"
                              f" {run['error'] or ''}", file=sys.stderr)
                    t = run["ms"] / 1000
                    t_page = t if t_page is None else min(t_page, t)
                    steps = run["steps"]
                rows.append((name, title, steps, t_lua, t_py, t_cpy, t_plain, t_page))
                print(f"{name:8} lua5.1 {fmt(t_lua)}  CPython VM {fmt(t_cpy)}  Pyodide VM {fmt(t_plain)}"
                      f"  page Run {fmt(t_page)}  page/python -m pylua {ratio(t_page, t_py)}"
                      f"  page/CPython VM {ratio(t_page, t_cpy)}"
                      f"  Pyodide/CPython {ratio(t_plain, t_cpy)}", file=sys.stderr)
            prints = None
            if not args.no_prints:
                run = page.evaluate(PAGE_RUN, PRINTS)
                prints = run
            browser.close()
    finally:
        proc.terminate()
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"Python in the page: {info.get('python')} (Pyodide); CPython here: "
          f"{sys.version.split()[0]}; `python -m pylua -e ''` takes {fmt(startup)} s")
    head = ("| program | steps | lua5.1 s | python -m pylua s | CPython VM s | Pyodide VM s "
            "| page Run s | page / python -m pylua | page / CPython VM | Pyodide VM / CPython VM "
            "| page / Pyodide VM |")
    print(head)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for _name, title, steps, t_lua, t_py, t_cpy, t_plain, t_page in rows:
        print(f"| {title} | {steps:,} | {fmt(t_lua)} | {fmt(t_py)} | {fmt(t_cpy)} | {fmt(t_plain)} "
              f"| {fmt(t_page)} | {ratio(t_page, t_py)} | {ratio(t_page, t_cpy)} | {ratio(t_plain, t_cpy)} "
              f"| {ratio(t_page, t_plain)} |")
    if prints is not None:
        draws = prints["console"]
        lt = prints["longTasks"]
        print()
        print(f"100 000 printed lines: Run {prints['ms'] / 1000:.2f} s ({prints['steps']:,} steps), "
              f"the console drawn {len(draws)} times, at most {max(draws, default=0):.0f} ms "
              f"(median {sorted(draws)[len(draws) // 2] if draws else 0:.0f} ms); "
              f"long tasks of the page while it ran: {len(lt)}"
              + (f", the longest {max(lt)} ms" if lt else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
