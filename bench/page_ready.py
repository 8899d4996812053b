"""How long the playground takes to be ready, on a first and a repeat visit,
and how many bytes the server sends for it.

Usage (from anywhere)::

    python bench/page_ready.py                # build, then best of 3 rounds
    python bench/page_ready.py --repeat 5
    python bench/page_ready.py --no-build     # web/dist is already built
    python bench/page_ready.py --site dist    # the static build (npm run build) instead
    python bench/page_ready.py --markdown     # the table as Markdown, for the README

Each round drives Debian's Chromium (``/usr/bin/chromium``, headless, with
Playwright) against the playground served on 127.0.0.1 by
``scripts/serve.py``'s own handler, run in this process so that every byte
it sends is counted:

- *first visit*: a fresh browser profile (nothing cached);
- *repeat visit*: the same browser, a new tab, a second or so later;
- *after a browser restart*: the browser closed and started again on the
  same profile (its disk cache, no memory cache).

"ready" is the moment the page says so (``window.__pylua.readyAt``, from
the start of the navigation): Python restored in the worker, pylua
installed and a first session loaded.  "sent" counts what the server
wrote (headers and bodies) from the navigation to that moment; "snapshot"
is what it sent of the Python memory snapshot (``python-snapshot.bin``,
31 MB before compression).  Rows give the best and the median over the
rounds; the byte counts are the last round's.

``--site dist`` serves ``dist/`` (``npm run build``) as docs/deploy.md asks
a host to (scripts/serve.py ``--root dist``).  A benchmark, not a test: it
asserts nothing about speed; it exits 1 when the page did not become ready.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "e2e"))
from e2e_helpers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - the e2e tests' browser

SNAPSHOT = "python-snapshot.bin"


def load_serve():
    spec = importlib.util.spec_from_file_location("pylua_serve", ROOT / "scripts" / "serve.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Log:
    """What the server sent: (path, status, bytes, content-encoding) per request."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rows: list[tuple[str, int, int, str]] = []

    def add(self, row) -> None:
        with self.lock:
            self.rows.append(row)

    def take(self) -> list[tuple[str, int, int, str]]:
        with self.lock:
            rows, self.rows = self.rows, []
        return rows


class _Counting:
    def __init__(self, f):
        self.f = f
        self.n = 0

    def write(self, b):
        self.n += len(b)
        return self.f.write(b)

    def __getattr__(self, name):
        return getattr(self.f, name)


def start_server(serve, log: Log, site: Path | None):
    class Handler(serve.Handler):
        def handle_one_request(self):
            if not isinstance(self.wfile, _Counting):
                self.wfile = _Counting(self.wfile)
            before = self.wfile.n
            self._status, self._encoding = 0, ""
            super().handle_one_request()
            path = getattr(self, "path", "")
            if path:
                log.add((path, self._status, self.wfile.n - before, self._encoding))

        def send_response(self, code, message=None):
            self._status = code
            super().send_response(code, message)

        def send_header(self, key, value):
            if key.lower() == "content-encoding":
                self._encoding = value
            super().send_header(key, value)

        def log_message(self, *args):
            pass

    if site is not None:
        server = serve.make_server("127.0.0.1", 0, root=site, handler=Handler)
    else:
        server = serve.make_server("127.0.0.1", 0, handler=Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def visit(context, url: str, timeout_ms: int) -> tuple[float, dict, bool]:
    """(seconds from the navigation to ready, the worker's info, cross-origin isolated)"""
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("window.__pylua && window.__pylua.ready === true", timeout=timeout_ms)
    ready = page.evaluate("window.__pylua.readyAt")
    info = page.evaluate("window.__pylua.info")
    isolated = page.evaluate("self.crossOriginIsolated")
    page.close()
    return ready / 1000, info, isolated


def size(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e5 else f"{n / 1e3:.1f} kB"


def summarize(rows):
    sent = sum(r[2] for r in rows)
    snap = sum(r[2] for r in rows if SNAPSHOT in r[0])
    big = [r for r in rows if r[2] > 100_000]
    return {"requests": len(rows), "sent": sent, "snapshot": snap, "big": big}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="rounds (each with a fresh profile)")
    ap.add_argument("--no-build", action="store_true", help="do not run the build first")
    ap.add_argument("--site", help="serve this static build (npm run build: dist) instead of web/")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--timeout", type=float, default=120, help="seconds to wait for ready")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the requests of each visit")
    ns = ap.parse_args(argv)

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("page_ready: Playwright is not installed (pip install -e '.[test]')", file=sys.stderr)
        return 1
    if not Path(CHROMIUM).exists():
        print(f"page_ready: no Chromium at {CHROMIUM}", file=sys.stderr)
        return 1

    site = (ROOT / ns.site).resolve() if ns.site else None
    if not ns.no_build:
        env = {**os.environ, "PYTHON": sys.executable}
        if site is not None:
            subprocess.run(
                ["node", str(ROOT / "scripts" / "build-site.mjs")], cwd=ROOT, env=env, check=True
            )
        else:
            subprocess.run(
                ["bash", str(ROOT / "scripts" / "build-web")], cwd=ROOT, env=env, check=True
            )

    serve = load_serve()
    log = Log()
    server, url = start_server(serve, log, site)
    kinds = ("first visit", "repeat visit", "after a browser restart")
    times: dict[str, list[float]] = {k: [] for k in kinds}
    last: dict[str, dict] = {}
    info = None
    isolated = True
    try:
        with sync_playwright() as p:
            for _ in range(ns.repeat):
                profile = tempfile.mkdtemp(prefix="pylua-profile-")
                try:
                    launch = functools.partial(
                        p.chromium.launch_persistent_context,
                        profile,
                        executable_path=CHROMIUM,
                        headless=True,
                        args=CHROMIUM_ARGS,
                        viewport={"width": 1400, "height": 1000},
                    )
                    ctx = launch()
                    for kind in kinds:
                        if kind == "after a browser restart":
                            ctx.close()
                            ctx = launch()
                        elif kind == "repeat visit":
                            time.sleep(1.0)  # (the first visit's cache writes settle)
                        log.take()
                        t, info, iso = visit(ctx, url, int(ns.timeout * 1000))
                        isolated = isolated and iso
                        times[kind].append(t)
                        last[kind] = summarize(log.take())
                        last[kind]["phases"] = info.get("phases", {})
                    ctx.close()
                finally:
                    shutil.rmtree(profile, ignore_errors=True)
    finally:
        server.shutdown()

    where = f"{ns.site}/ (static build)" if site else "web/ (scripts/serve.py)"
    print(
        f"Chromium headless, {os.cpu_count()} cores, {where}, best and median of {ns.repeat} rounds; "
        f"cross-origin isolated: {'yes' if isolated else 'NO'}; Python {info and info.get('python')}"
    )
    head = ("visit", "ready best s", "ready median s", "requests", "sent", "snapshot sent")
    table = []
    for kind in kinds:
        s = last[kind]
        table.append(
            (
                kind,
                f"{min(times[kind]):.2f}",
                f"{statistics.median(times[kind]):.2f}",
                str(s["requests"]),
                size(s["sent"]),
                size(s["snapshot"]),
            )
        )
    if ns.markdown:
        print("| " + " | ".join(head) + " |")
        print("|---|---:|---:|---:|---:|---:|")
        for r in table:
            print("| " + " | ".join(r) + " |")
    else:
        w = max(len(r[0]) for r in table)
        print(f"{head[0]:<{w}}  " + "  ".join(f"{h:>14}" for h in head[1:]))
        for r in table:
            print(f"{r[0]:<{w}}  " + "  ".join(f"{c:>14}" for c in r[1:]))
    if ns.verbose:
        for kind in kinds:
            phases = ", ".join(f"{k} {v / 1000:.2f} s" for k, v in last[kind]["phases"].items())
            print(f"\n{kind}: the worker's phases: {phases}; the responses over 100 kB:")
            for path, status, n, enc in last[kind]["big"]:
                print(f"  {status} {n / 1e6:7.2f} MB {enc or '-':>5} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
