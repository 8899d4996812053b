"""The real runtime: Pyodide from our own origin, Python and pylua restored
from a memory snapshot in the worker, driving the debugger."""

from __future__ import annotations

from e2e_helpers import report, status, tid


def test_page_becomes_ready(app):
    page = app.page
    seconds = app.goto("/", timeout=90_000)
    ready_ms = page.evaluate("window.__pylua.readyMs")
    info = page.evaluate("window.__pylua.info")
    report(
        f"page ready in {ready_ms / 1000:.2f} s after scripts start "
        f"({seconds:.2f} s from navigation; Python {info['python']}"
        f"{' and pylua restored from their memory snapshot' if info['fromSnapshot'] else ' started without its snapshot'}, "
        + ", ".join(f"{k} {v / 1000:.2f} s" for k, v in info["phases"].items())
        + ")"
    )
    assert "ready" in status(page)
    assert info["python"].startswith("3.14")
    # Python was restored from the snapshot scripts/build-web made, with
    # pylua and the bridge already imported in it: nothing was installed
    # (e2e/test_page_cache.py checks that the wheel was not even asked for)
    assert info["fromSnapshot"] is True
    # cross-origin isolated: SharedArrayBuffer is there for Stop
    assert page.evaluate("self.crossOriginIsolated") is True
    # Pyodide and both wheels came from our own origin (the guard checks the rest)
    urls = page.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")
    assert any(u.endswith("/dist/main.js") for u in urls)
    assert page.locator(tid("run")).is_enabled()
    app.shot("runtime-ready")
