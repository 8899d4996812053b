"""Serve the playground from our own origin, cross-origin isolated.

COOP/COEP headers make SharedArrayBuffer available (the Stop interrupt);
plain ``python -m http.server`` cannot add them.  Serves ``web/`` at ``/``
and, at ``/pyodide/``, ``web/dist/pyodide`` (micropip's wheel, put there by
``scripts/build-web``) over ``node_modules/pyodide`` (the runtime), so the
two appear side by side.  ``--port 0`` picks a free port; the first line
printed is always the address.

    python3 scripts/serve.py [--port 8000] [--host 127.0.0.1]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import posixpath
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MOUNTS = {  # URL prefix -> folders searched in order
    "/pyodide/": (ROOT / "web" / "dist" / "pyodide", ROOT / "node_modules" / "pyodide"),
}
WEB = ROOT / "web"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".whl": "application/zip",
        ".json": "application/json",
        ".zip": "application/zip",
        ".lua": "text/plain; charset=utf-8",
        ".css": "text/css",
        ".html": "text/html; charset=utf-8",
        ".svg": "image/svg+xml",
    }

    def translate_path(self, path: str) -> str:
        clean = urllib.parse.unquote(path.split("?", 1)[0].split("#", 1)[0])
        for prefix, folders in MOUNTS.items():
            if clean.startswith(prefix):
                parts = [
                    p
                    for p in posixpath.normpath(clean[len(prefix) :]).split("/")
                    if p not in ("", ".", "..")
                ]
                for folder in folders:
                    candidate = folder.joinpath(*parts)
                    if candidate.exists():
                        return str(candidate)
                return str(folders[-1].joinpath(*parts))
        return super().translate_path(path)

    def end_headers(self) -> None:
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt: str, *args) -> None:  # quiet unless asked
        if os.environ.get("PYLUA_SERVE_LOG"):
            super().log_message(fmt, *args)


def make_server(host: str, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(Handler, directory=str(WEB))
    return http.server.ThreadingHTTPServer((host, port), handler)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    ns = ap.parse_args(argv)
    server = make_server(ns.host, ns.port)
    print(f"pylua playground: http://{ns.host}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
