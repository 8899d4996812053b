"""Serve the playground from our own origin, cross-origin isolated,
compressed and cacheable.

COOP/COEP headers make SharedArrayBuffer available (the Stop interrupt);
plain ``python -m http.server`` cannot add them.  Serves ``web/`` at ``/``
and, at ``/pyodide/``, ``web/dist/pyodide`` (the memory snapshot and the
compressed copies ``scripts/build-web`` makes) over
``node_modules/pyodide`` (the runtime), so the two appear side by side.
``--root dist`` serves the static build (``npm run build``) instead, as
docs/deploy.md asks a host to.  ``--port 0`` picks a free port; the first
line printed is always the address.

    python3 scripts/serve.py [--port 8000] [--host 127.0.0.1] [--root dist]

Compression: a file with a ``.br`` or ``.gz`` copy beside it (in any folder
of its mount: the build writes those of ``node_modules/pyodide`` into
``web/dist/pyodide``), not older than it, is sent as that copy with
``Content-Encoding`` when the request's ``Accept-Encoding`` allows it (br
first); other text under 4 MB is gzipped here, once per version of the file.
Either way with ``Vary: Accept-Encoding`` and the length of what is sent.

Caching: a URL that names its version is ``immutable`` for a year: a path
segment of 16 hex digits (``/pyodide/<hash>/...``: the manifest names the
Pyodide folder so; here it is the same folder whatever the hash), a file
name with a 10-digit hash (``main.<hash>.js``, the static build's), or a
``?v=`` query (the wheels).  Everything else is ``no-cache``: the browser
asks again each time, and gets 304 Not Modified (ETag, Last-Modified) when
nothing changed.
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import http.server
import os
import posixpath
import re
import sys
import threading
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MOUNTS = {  # URL prefix -> folders searched in order
    "/pyodide/": (ROOT / "web" / "dist" / "pyodide", ROOT / "node_modules" / "pyodide"),
}
WEB = ROOT / "web"

IMMUTABLE = "public, max-age=31536000, immutable"
_VERSION_SEGMENT = re.compile(r"^[0-9a-f]{16}$")
_HASHED_NAME = re.compile(r"\.[0-9a-f]{10}\.[A-Za-z0-9]+$")
# what is worth compressing (a zip or a wheel is compressed already)
_COMPRESSIBLE = re.compile(r"\.(html|css|js|mjs|json|map|wasm|bin|py|lua|svg|txt)$")
_ON_THE_FLY_MAX = 4 << 20  # bigger files are compressed by the build, or sent as they are
_ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(header: str | None) -> set[str]:
    """The codings an Accept-Encoding header allows (q > 0)."""
    ok: set[str] = set()
    refused: set[str] = set()
    for part in (header or "").split(","):
        coding, _, params = part.strip().partition(";")
        coding = coding.strip().lower()
        if not coding:
            continue
        q = 1.0
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k.strip().lower() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        (ok if q > 0 else refused).add(coding)
    if "*" in ok:
        ok |= {"br", "gzip"} - refused
    return ok - refused


def cache_control(url_path: str, query: str) -> str:
    parts = [p for p in url_path.split("/") if p]
    if (
        any(_VERSION_SEGMENT.match(p) for p in parts[:-1])
        or (parts and _HASHED_NAME.search(parts[-1]))
        or "v" in urllib.parse.parse_qs(query)
    ):
        return IMMUTABLE
    return "no-cache"


_gz_cache: dict = {}  # path -> ((mtime_ns, size), gzipped bytes)
_gz_lock = threading.Lock()


def _gzipped(path: str, st: os.stat_result) -> bytes:
    key = (st.st_mtime_ns, st.st_size)
    with _gz_lock:
        hit = _gz_cache.get(path)
    if hit is not None and hit[0] == key:
        return hit[1]
    with open(path, "rb") as f:
        body = gzip.compress(f.read(), 6, mtime=0)
    with _gz_lock:
        _gz_cache[path] = (key, body)
    return body


class _Body:
    """A response body held in memory (an on-the-fly gzip), file-like for copyfile."""

    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def read(self, n: int = -1) -> bytes:
        end = len(self.data) if n < 0 else self.pos + n
        chunk = self.data[self.pos : end]
        self.pos += len(chunk)
        return chunk

    def close(self) -> None:
        pass


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".whl": "application/zip",
        ".json": "application/json",
        ".map": "application/json",
        ".zip": "application/zip",
        ".bin": "application/octet-stream",
        ".py": "text/plain; charset=utf-8",
        ".lua": "text/plain; charset=utf-8",
        ".css": "text/css",
        ".html": "text/html; charset=utf-8",
        ".svg": "image/svg+xml",
    }
    mounts = MOUNTS  # none when serving a static build (--root)

    def _locate(self, path: str) -> tuple[str, tuple[Path, ...], list[str]]:
        """(the file, the folders where its compressed copies may be, the
        path's parts below the mount) of a URL path."""
        clean = urllib.parse.unquote(path.split("?", 1)[0].split("#", 1)[0])
        for prefix, folders in self.mounts.items():
            if clean.startswith(prefix):
                parts = [
                    p
                    for p in posixpath.normpath(clean[len(prefix) :]).split("/")
                    if p not in ("", ".", "..")
                ]
                if len(parts) > 1 and _VERSION_SEGMENT.match(parts[0]):
                    parts = parts[1:]  # /pyodide/<hash>/x is /pyodide/x
                for folder in folders:
                    candidate = folder.joinpath(*parts)
                    if candidate.exists():
                        return str(candidate), folders, parts
                return str(folders[-1].joinpath(*parts)), folders, parts
        return super().translate_path(path), (), []

    def translate_path(self, path: str) -> str:
        return self._locate(path)[0]

    def _variant(self, path: str, folders, parts, st) -> tuple[str, str] | None:
        """(coding, file) of the best compressed copy the request accepts, or None."""
        accepted = accepted_encodings(self.headers.get("Accept-Encoding"))
        for coding, ext in _ENCODINGS:
            if coding not in accepted:
                continue
            places = [path + ext] + [str(f.joinpath(*parts)) + ext for f in folders if parts]
            for p in places:
                try:
                    vst = os.stat(p)
                except OSError:
                    continue
                if vst.st_mtime_ns >= st.st_mtime_ns:  # (an older copy is stale)
                    return coding, p
        return None

    def send_head(self):
        path, folders, parts = self._locate(self.path)
        if os.path.isdir(path) and urllib.parse.urlsplit(self.path).path.endswith("/"):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()  # a folder without its "/" (a redirect), 404
        try:
            st = os.stat(path)
        except OSError:
            self.send_error(404, "File not found")
            return None
        split = urllib.parse.urlsplit(self.path)
        compressible = bool(_COMPRESSIBLE.search(path))
        coding, body, length = None, None, st.st_size
        variant = self._variant(path, folders, parts, st) if compressible else None
        if variant is not None:
            coding, vpath = variant
            length = os.stat(vpath).st_size
        elif (
            compressible
            and 1024 <= st.st_size <= _ON_THE_FLY_MAX
            and "gzip" in accepted_encodings(self.headers.get("Accept-Encoding"))
        ):
            coding = "gzip"
            body = _gzipped(path, st)
            length = len(body)
        etag = f'"{st.st_mtime_ns:x}-{st.st_size:x}{"-" + coding if coding else ""}"'
        if self._not_modified(etag, st):
            self.send_response(304)
            self._headers(etag, st, coding, compressible, split)
            self.end_headers()
            return None
        try:
            f = open(vpath if variant else path, "rb") if body is None else _Body(body)
        except OSError:
            self.send_error(404, "File not found")
            return None
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(length))
        self._headers(etag, st, coding, compressible, split)
        self.end_headers()
        return f

    def _headers(self, etag, st, coding, compressible, split) -> None:
        if coding:
            self.send_header("Content-Encoding", coding)
        if compressible:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", self.date_time_string(st.st_mtime))
        self.send_header("Cache-Control", cache_control(split.path, split.query))

    def _not_modified(self, etag: str, st) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
            return int(st.st_mtime) <= since
        return False

    def end_headers(self) -> None:
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        super().end_headers()

    def send_response(self, code, message=None):
        super().send_response(code, message)
        if code >= 300 and code != 304:
            self.send_header("Cache-Control", "no-cache")

    def log_message(self, fmt: str, *args) -> None:  # quiet unless asked
        if os.environ.get("PYLUA_SERVE_LOG"):
            super().log_message(fmt, *args)


def make_server(
    host: str, port: int, root: Path | str | None = None, handler=None
) -> http.server.ThreadingHTTPServer:
    """A server of web/ (with the Pyodide mount), or of the static build at root."""
    cls = handler or Handler
    if root is not None:
        cls = type(cls.__name__, (cls,), {"mounts": {}})
    bound = functools.partial(cls, directory=str(WEB if root is None else Path(root)))
    return http.server.ThreadingHTTPServer((host, port), bound)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    ap.add_argument("--root", help="serve this static build (npm run build: dist) instead of web/")
    ns = ap.parse_args(argv)
    server = make_server(ns.host, ns.port, root=ns.root)
    print(f"pylua playground: http://{ns.host}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
