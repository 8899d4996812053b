"""Issue 14, "page ready": the big assets travel compressed, and a repeat
visit takes them from the browser's cache.

The playground is served by scripts/serve.py's own handler, run in this
process so that every request that reaches it is seen.  A browser with a
fresh profile visits the page: the Python memory snapshot (31 MB, Python and
pylua started) comes once, brotli-compressed, and pylua's wheel is not even
asked for (pylua is in the snapshot).  Then a second visit in a new tab, and
one after the browser is closed and started again on the same profile: the
server is not asked for the snapshot, the wasm or Pyodide's scripts at all
(their URLs name their version: immutable), and what it sends (a few
revalidated pages, 304) is small.  No timing is asserted here: bench/page_ready.py
measures it."""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from e2e_helpers import report, status, tid, wait_status

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = "python-snapshot.bin"
BIG = (SNAPSHOT, "pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip")


def load_serve():
    spec = importlib.util.spec_from_file_location("pylua_serve", ROOT / "scripts" / "serve.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def logged_server(server):
    """scripts/serve.py in this process (after the session's build, which the
    `server` fixture made), with a log: (path, status, encoding, bytes sent)."""
    serve = load_serve()
    log: list[tuple[str, int, str, int]] = []
    lock = threading.Lock()

    class Handler(serve.Handler):
        def handle_one_request(self):
            self._status, self._encoding = 0, ""
            sent = self.wfile

            class Counting:
                n = 0

                def write(self, b):
                    Counting.n += len(b)
                    return sent.write(b)

                def __getattr__(self, name):
                    return getattr(sent, name)

            self.wfile = Counting()
            super().handle_one_request()
            self.wfile = sent
            if getattr(self, "path", None):
                with lock:
                    log.append((self.path, self._status, self._encoding, Counting.n))

        def send_response(self, code, message=None):
            self._status = code
            super().send_response(code, message)

        def send_header(self, key, value):
            if key.lower() == "content-encoding":
                self._encoding = value
            super().send_header(key, value)

        def log_message(self, *args):
            pass

    srv = serve.make_server("127.0.0.1", 0, handler=Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()

    def take():
        with lock:
            rows = list(log)
            log.clear()
        return rows

    yield f"http://127.0.0.1:{srv.server_address[1]}/", take
    srv.shutdown()
    srv.server_close()


def visit(context, url: str, outside: list[str]) -> dict:
    """Opens the playground in a new tab, waits until it is ready, steps once."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    wait_status(page, "ready", timeout=90_000)
    info = page.evaluate("window.__pylua.info")
    isolated = page.evaluate("self.crossOriginIsolated")
    page.click(tid("step"))
    wait_status(page, "paused")
    assert "paused" in status(page)
    page.close()
    assert not errors, errors
    assert not outside, f"requests left 127.0.0.1: {outside}"
    return {**info, "isolated": isolated}


def test_a_repeat_visit_is_served_from_the_cache(
    browser_type, browser_type_launch_args, logged_server, tmp_path
):
    url, take = logged_server
    profile = tmp_path / "profile"
    outside: list[str] = []

    def launch():
        ctx = browser_type.launch_persistent_context(
            str(profile), **browser_type_launch_args, viewport={"width": 1400, "height": 1000}
        )
        ctx.on("request", on_request)
        return ctx

    def on_request(request):
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if urlparse(request.url).hostname != "127.0.0.1":
            outside.append(request.url)

    raw = (ROOT / "web" / "dist" / "pyodide" / SNAPSHOT).stat().st_size
    ctx = launch()
    try:
        # a first visit: everything comes from the server, the big files compressed
        first = visit(ctx, url, outside)
        rows = take()
        assert first["fromSnapshot"] is True and first["isolated"] is True
        snap = [r for r in rows if r[0].endswith("/" + SNAPSHOT)]
        assert len(snap) == 1, rows
        path, code, encoding, sent = snap[0]
        assert (code, encoding) == (200, "br"), snap
        assert sent < raw / 3, (sent, raw)  # 31 MB of memory: ~6-7 MB of brotli
        assert [r for r in rows if r[0].endswith("pyodide.asm.wasm")][0][2] == "br"
        # pylua and the bridge are in the snapshot: neither is asked for
        assert not [r for r in rows if ".whl" in r[0] or r[0].endswith("bridge.py")], rows
        first_sent = sum(r[3] for r in rows)

        ctx.pages[0].wait_for_timeout(1000)  # (the cache's writes settle)
        # a repeat visit, in a new tab: the big files do not reach the server
        again = visit(ctx, url, outside)
        rows = take()
        assert again["fromSnapshot"] is True and again["isolated"] is True
        assert not [r for r in rows if r[0].rsplit("/", 1)[-1] in BIG], rows
        repeat_sent = sum(r[3] for r in rows)
        assert repeat_sent < 100_000, rows
        assert all(code in (200, 304) for _, code, _, _ in rows), rows
    finally:
        ctx.close()

    # after the browser restarts on the same profile: from its disk cache
    ctx = launch()
    try:
        restarted = visit(ctx, url, outside)
        rows = take()
        assert restarted["fromSnapshot"] is True and restarted["isolated"] is True
        assert not [r for r in rows if r[0].rsplit("/", 1)[-1] in BIG], rows
        restart_sent = sum(r[3] for r in rows)
        assert restart_sent < 100_000, rows
    finally:
        ctx.close()
    report(
        f"page cache: first visit {first_sent / 1e6:.2f} MB sent (snapshot {sent / 1e6:.2f} MB "
        f"of {raw / 1e6:.1f} MB, br), repeat visit {repeat_sent / 1e3:.1f} kB, "
        f"after a browser restart {restart_sent / 1e3:.1f} kB"
    )
