"""Issue 13, item 17: `npm run build` (scripts/build-site.mjs) writes a
self-contained static site to dist/: hashed assets, .gz/.br beside the big
files.  Served by a plain static server that sends no COOP/COEP headers the
page is not cross-origin isolated (no SharedArrayBuffer) and still works:
Stop ends a loop between two budgets, and a builtin that never returns by
restarting Python.  Served with the headers of docs/deploy.md (and the .br
files as Content-Encoding: br) it is isolated."""

from __future__ import annotations

import functools
import http.server
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from e2e_helpers import SHOTS, report, status, tid, wait_status

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "dist"
LOAD_TIMEOUT = 90_000

TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".py": "text/plain; charset=utf-8",
    ".bin": "application/octet-stream",
    ".map": "application/json",
}


@pytest.fixture(scope="session")
def site():
    env = {**os.environ, "PYTHON": sys.executable}
    subprocess.run(
        ["node", str(ROOT / "scripts" / "build-site.mjs")], cwd=ROOT, env=env, check=True
    )
    return SITE


def make_handler(isolated: bool):
    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
        served_br: list[str] = []

        def send_head(self):
            # the .br beside a file, as nginx's brotli_static or Caddy's precompressed serve it
            path = self.translate_path(self.path)
            if (
                isolated
                and "br" in self.headers.get("Accept-Encoding", "")
                and os.path.isfile(path + ".br")
            ):
                with open(path + ".br", "rb") as f:
                    body = f.read()
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", "br")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                Handler.served_br.append(self.path)
                return io.BytesIO(body)
            return super().send_head()

        def end_headers(self):
            if isolated:
                self.send_header("Cross-Origin-Opener-Policy", "same-origin")
                self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
            super().end_headers()

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture(scope="session")
def serve_site(site):
    servers = []

    def start(isolated: bool):
        handler = make_handler(isolated)
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", handler

    yield start
    for s in servers:
        s.shutdown()


def test_the_build_is_self_contained_with_hashed_and_precompressed_assets(site):
    index = (site / "index.html").read_text()
    main = re.search(r'src="dist/(main\.[0-9a-f]{10}\.js)"', index)
    css = re.search(r'href="(styles\.[0-9a-f]{10}\.css)"', index)
    assert main and css, index[:600]
    assert (site / "dist" / main[1]).is_file() and (site / css[1]).is_file()
    assert re.search(r'"worker\.[0-9a-f]{10}\.js"', (site / "dist" / main[1]).read_text())
    assert re.search(r'src="dist/main\.[0-9a-f]{10}\.js"', (site / "embed.html").read_text())
    # what the worker loads is in folders named by their version (immutable)
    manifest = json.loads((site / "dist" / "manifest.json").read_text())
    assert re.fullmatch(r"pyodide/[0-9a-f]{16}/", manifest["pyodide"]), manifest
    for rel in [manifest["pylua"], manifest["pyluaRedis"], *manifest["redis"]]:
        assert re.fullmatch(r"wheels/[0-9a-f]{16}/.+", rel), rel
        assert (site / "dist" / rel).is_file(), rel
    pyodide = manifest["pyodide"]
    for big in (
        f"{pyodide}pyodide.asm.wasm",
        f"{pyodide}python-snapshot.bin",
        f"{pyodide}pyodide.asm.mjs",
        f"dist/{main[1]}",
    ):
        f = site / big
        for ext in (".gz", ".br"):
            c = Path(str(f) + ext)
            assert c.is_file() and c.stat().st_size < f.stat().st_size, c
    # nothing points outside the site: no symlinks, no absolute URLs to other hosts
    assert not [p for p in site.rglob("*") if p.is_symlink()]
    assert "http://" not in index and "https://" not in index


def test_a_plain_static_server_without_isolation_still_runs_and_stops(app, serve_site):
    url, _ = serve_site(isolated=False)
    page = app.page
    page.goto(url + "/")
    wait_status(page, "ready", timeout=LOAD_TIMEOUT)
    assert page.evaluate("self.crossOriginIsolated") is False
    assert page.evaluate("typeof SharedArrayBuffer") == "undefined"
    page.evaluate(
        "(s) => window.__pylua.editor.setSource(s)", "local n = 0\nwhile true do n = n + 1 end\n"
    )
    page.wait_for_function("window.__pylua.loadedSource === window.__pylua.editor.getSource()")
    page.click(tid("run"))
    wait_status(page, "running")
    page.wait_for_timeout(500)
    t0 = time.monotonic()
    page.click(tid("stop"))
    wait_status(page, "paused", timeout=5_000)
    ms = (time.monotonic() - t0) * 1000
    report(f"Stop without cross-origin isolation (a loop): {ms:.0f} ms")
    assert ms < 1000
    page.click(tid("step"))
    wait_status(page, "paused")
    # a builtin that never returns (a backtracking pattern): no budget ends,
    # no interrupt buffer: Stop restarts Python, and the page goes on
    page.evaluate(
        "(s) => window.__pylua.editor.setSource(s)",
        'local s = string.rep("a", 3000)\nprint(string.find(s, ".-.-.-.-.-b"))\n',
    )
    page.wait_for_function("window.__pylua.loadedSource === window.__pylua.editor.getSource()")
    page.click(tid("run"))
    wait_status(page, "running")
    page.wait_for_timeout(500)
    assert "running" in status(page)
    page.click(tid("stop"))
    wait_status(page, "restarting", "ready", timeout=5_000)
    wait_status(page, "ready", timeout=LOAD_TIMEOUT)
    assert "Python was restarted" in page.text_content(tid("console"))
    page.evaluate("(s) => window.__pylua.editor.setSource(s)", "print('after')\n")
    page.click(tid("run"))
    wait_status(page, "finished", timeout=LOAD_TIMEOUT)
    assert "after" in page.text_content(tid("console"))
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "deploy-no-isolation.png"))


def test_with_the_headers_it_is_isolated_and_served_precompressed(app, serve_site):
    url, handler = serve_site(isolated=True)
    page = app.page
    page.goto(url + "/")
    wait_status(page, "ready", timeout=LOAD_TIMEOUT)
    assert page.evaluate("self.crossOriginIsolated") is True
    assert any("pyodide.asm.wasm" in p for p in handler.served_br), handler.served_br
    page.click(tid("step"))
    wait_status(page, "paused")
    page.goto(url + "/embed.html")
    wait_status(page, "ready", timeout=LOAD_TIMEOUT)
