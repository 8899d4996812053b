"""The real runtime: Pyodide from our own origin, micropip and pylua's wheel
installed in the worker, driving the debugger."""

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
        f"{' started from its memory snapshot' if info['fromSnapshot'] else ' started without its snapshot'}, "
        + ", ".join(f"{k} {v / 1000:.2f} s" for k, v in info["phases"].items())
        + ")"
    )
    assert "ready" in status(page)
    assert info["python"].startswith("3.14")
    # Python was restored from the snapshot scripts/build-web made; then
    # micropip and pylua's wheel were installed in it as usual
    assert info["fromSnapshot"] is True
    # cross-origin isolated: SharedArrayBuffer is there for Stop
    assert page.evaluate("self.crossOriginIsolated") is True
    # Pyodide and both wheels came from our own origin (the guard checks the rest)
    urls = page.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")
    assert any(u.endswith("/dist/main.js") for u in urls)
    assert page.locator(tid("run")).is_enabled()
    app.shot("runtime-ready")
