"""scripts/serve.py, the playground's server (issue 14, "page ready"): the
compressed copies sent with Content-Encoding as Accept-Encoding allows, with
Vary and the length of what is sent; gzip on the fly for other text; URLs
that name their version immutable, the rest revalidated (304); COOP/COEP on
every answer; the Pyodide mount at /pyodide/<hash>/; the static build
(--root) served the same way."""

from __future__ import annotations

import gzip
import http.client
import importlib.util
import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def serve():
    spec = importlib.util.spec_from_file_location("pylua_serve", ROOT / "scripts" / "serve.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


JS = b"// a script\n" + b"console.log('pylua');\n" * 400
BR = b"not really brotli, but what the server must send as it is"
GZ = gzip.compress(JS, mtime=0)


def write(path: Path, data: bytes, mtime: float | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


@pytest.fixture
def site(tmp_path):
    """A static build: a script with both compressed copies, one whose .br is
    stale, a text file with none, a zip, a hashed name, a versioned folder."""
    t = 1_700_000_000
    write(tmp_path / "index.html", b"<!doctype html><title>x</title>" + b" " * 2000, t)
    write(tmp_path / "dist" / "main.js", JS, t)
    write(tmp_path / "dist" / "main.js.br", BR, t + 1)
    write(tmp_path / "dist" / "main.js.gz", GZ, t + 1)
    write(tmp_path / "dist" / "stale.js", JS, t + 10)
    write(tmp_path / "dist" / "stale.js.br", BR, t)  # older than the file: not used
    write(tmp_path / "styles.css", b"body { color: black; }\n" * 200, t)
    write(tmp_path / "wheel.whl", os.urandom(5000), t)
    write(tmp_path / "main.0123456789.js", JS, t)
    write(tmp_path / "pyodide" / "0123456789abcdef" / "pyodide.asm.wasm", JS, t)
    return tmp_path


@pytest.fixture
def get(serve):
    servers = []

    def start(**kw):
        server = serve.make_server("127.0.0.1", 0, **kw)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        port = server.server_address[1]

        def request(path, method="GET", **headers):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request(method, path, headers=headers)
            r = conn.getresponse()
            body = r.read()
            conn.close()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, body

        return request

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


def test_the_compressed_copy_the_request_accepts(site, get):
    req = get(root=site)
    status, h, body = req("/dist/main.js", **{"Accept-Encoding": "gzip, deflate, br"})
    assert (status, h["content-encoding"], body) == (200, "br", BR)
    assert h["content-length"] == str(len(BR))
    assert h["content-type"] == "text/javascript"
    assert h["vary"] == "Accept-Encoding"
    status, h, body = req("/dist/main.js", **{"Accept-Encoding": "gzip"})
    assert (h["content-encoding"], body) == ("gzip", GZ)
    assert gzip.decompress(body) == JS and h["content-length"] == str(len(GZ))
    # br refused by its q-value; nothing accepted: the file itself
    _, h, body = req("/dist/main.js", **{"Accept-Encoding": "br;q=0, gzip;q=0.5"})
    assert (h["content-encoding"], body) == ("gzip", GZ)
    _, h, body = req("/dist/main.js")
    assert "content-encoding" not in h and body == JS and h["content-length"] == str(len(JS))
    assert h["vary"] == "Accept-Encoding"
    # HEAD: the same headers, no body
    status, h, body = req("/dist/main.js", method="HEAD", **{"Accept-Encoding": "br"})
    assert (status, h["content-encoding"], h["content-length"], body) == (
        200,
        "br",
        str(len(BR)),
        b"",
    )


def test_a_stale_copy_is_not_sent_and_other_text_is_gzipped_here(site, get):
    req = get(root=site)
    _, h, body = req("/dist/stale.js", **{"Accept-Encoding": "br, gzip"})
    assert h["content-encoding"] == "gzip" and gzip.decompress(body) == JS  # not the old .br
    _, h, body = req("/styles.css", **{"Accept-Encoding": "br, gzip"})
    assert h["content-encoding"] == "gzip" and h["content-length"] == str(len(body))
    assert gzip.decompress(body) == (site / "styles.css").read_bytes()
    # a zip (a wheel) is compressed already: sent as it is, without Vary
    _, h, body = req("/wheel.whl", **{"Accept-Encoding": "br, gzip"})
    assert "content-encoding" not in h and "vary" not in h
    assert body == (site / "wheel.whl").read_bytes()


def test_versioned_urls_are_immutable_the_rest_revalidated(site, get):
    req = get(root=site)
    immutable = "public, max-age=31536000, immutable"
    for path in (
        "/main.0123456789.js",
        "/pyodide/0123456789abcdef/pyodide.asm.wasm",
        "/wheel.whl?v=1a2b",
    ):
        status, h, _ = req(path)
        assert (status, h["cache-control"]) == (200, immutable), path
    for path in ("/", "/index.html", "/dist/main.js", "/wheel.whl"):
        status, h, _ = req(path)
        assert (status, h["cache-control"]) == (200, "no-cache"), path
    # revalidation: 304 without a body, for the representation asked for
    _, h, _ = req("/dist/main.js", **{"Accept-Encoding": "br"})
    status, h304, body = req(
        "/dist/main.js", **{"Accept-Encoding": "br", "If-None-Match": h["etag"]}
    )
    assert (status, body) == (304, b"")
    assert h304["etag"] == h["etag"] and h304["cache-control"] == "no-cache"
    status, _, _ = req("/dist/main.js", **{"If-None-Match": h["etag"]})  # another coding
    assert status == 200
    status, _, _ = req("/dist/main.js", **{"If-Modified-Since": h["last-modified"]})
    assert status == 304


def test_cross_origin_isolation_headers_on_every_answer(site, get):
    req = get(root=site)
    _, h, _ = req("/dist/main.js")
    for status_want, path, headers in (
        (200, "/", {}),
        (304, "/dist/main.js", {"If-None-Match": h["etag"]}),
        (404, "/nothing.js", {}),
    ):
        status, h2, _ = req(path, **headers)
        assert status == status_want
        assert h2["cross-origin-opener-policy"] == "same-origin"
        assert h2["cross-origin-embedder-policy"] == "require-corp"


def test_the_pyodide_mount_with_its_version_in_the_url(tmp_path, get, serve, monkeypatch):
    ours, runtime = tmp_path / "dist-pyodide", tmp_path / "node_modules-pyodide"
    write(runtime / "pyodide.asm.wasm", JS)
    write(ours / "python-snapshot.bin", JS)
    write(ours / "pyodide.asm.wasm.br", BR)  # the build's copy of node_modules' file
    write(ours / "python-snapshot.bin.gz", GZ)
    write(tmp_path / "web" / "index.html", b"<!doctype html>")
    monkeypatch.setattr(serve.Handler, "mounts", {"/pyodide/": (ours, runtime)})
    monkeypatch.setattr(serve, "WEB", tmp_path / "web")
    req = get()
    status, h, body = req("/pyodide/0123456789abcdef/pyodide.asm.wasm", **{"Accept-Encoding": "br"})
    assert (status, h["content-encoding"], body) == (200, "br", BR)
    assert h["content-type"] == "application/wasm"
    assert h["cache-control"] == "public, max-age=31536000, immutable"
    status, h, body = req(
        "/pyodide/0123456789abcdef/python-snapshot.bin", **{"Accept-Encoding": "gzip"}
    )
    assert (status, h["content-encoding"], body) == (200, "gzip", GZ)
    # the same files without a version: revalidated
    status, h, body = req("/pyodide/pyodide.asm.wasm")
    assert (status, h["cache-control"], body) == (200, "no-cache", JS)
    assert req("/pyodide/0123456789abcdef/missing.js")[0] == 404


@pytest.mark.parametrize(
    "header, want",
    [
        ("gzip, deflate, br", {"gzip", "deflate", "br"}),
        ("br;q=0, gzip", {"gzip"}),
        ("*", {"*", "br", "gzip"}),
        ("*, br;q=0", {"*", "gzip"}),
        ("identity", {"identity"}),
        ("", set()),
        (None, set()),
        ("gzip;q=bad", set()),
    ],
)
def test_accept_encoding(serve, header, want):
    assert serve.accepted_encodings(header) == want
