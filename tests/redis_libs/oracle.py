"""A private redis-server for the tests (when one is installed): started on
a free port of 127.0.0.1, no persistence, stopped by the caller; and a
minimal RESP2/RESP3 client that returns a reply's raw bytes."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Oracle:
    def __init__(self):
        exe = shutil.which("redis-server")
        if exe is None:
            raise RuntimeError("redis-server is not installed")
        self.port = free_port()
        self.proc = subprocess.Popen(
            [
                exe,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
                break
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.close()
                    raise
                time.sleep(0.05)
        self.buf = b""

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.sock.close()
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()

    def _need(self, n: int) -> None:
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise ConnectionError("redis-server closed the connection")
            self.buf += chunk

    def _line(self, pos: int) -> int:
        while True:
            i = self.buf.find(b"\r\n", pos)
            if i >= 0:
                return i
            self._need(len(self.buf) + 1)

    def _reply_end(self, pos: int) -> int:
        end = self._line(pos)
        kind = self.buf[pos : pos + 1]
        if kind in (b"+", b"-", b":", b"_", b"#", b",", b"("):
            return end + 2
        n = int(self.buf[pos + 1 : end])
        if kind in (b"$", b"=", b"!"):
            if n < 0:
                return end + 2
            self._need(end + 2 + n + 2)
            return end + 2 + n + 2
        if kind in (b"*", b"~", b">", b"%", b"|"):
            pos = end + 2
            for _ in range(max(n, 0) * (2 if kind in (b"%", b"|") else 1)):
                pos = self._reply_end(pos)
            return pos
        raise ValueError(f"unexpected reply {self.buf[pos:end]!r}")

    def command(self, *args) -> bytes:
        """One command (str args are latin-1), its reply's raw bytes."""
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            b = a.encode("latin-1") if isinstance(a, str) else a
            out.append(b"$%d\r\n%s\r\n" % (len(b), b))
        self.sock.sendall(b"".join(out))
        end = self._reply_end(0)
        reply, self.buf = self.buf[:end], self.buf[end:]
        return reply
