"""``python -m pylua.redis serve``: the in-process Server on a TCP port, for
redis-cli, redis-py or any other Redis client.

One thread, one ``selectors`` loop.  Each TCP connection is a
``Server.connect()`` client.  Commands are read as RESP multibulk or as
inline (telnet style) lines, as redis-server reads them, and handed to the
Server in order (pipelining).  A script runs inside the loop: until the
busy threshold nothing else is served (as in Redis); after it, the loop
drives the script in short slices (``Server.poll``) and reads the other
connections in between, so they get ``BUSY`` and may ``SCRIPT KILL`` it.
QUIT answers +OK and closes the connection; SHUTDOWN stops the server.
"""

from __future__ import annotations

import selectors
import socket
import sys
import time

from .sds import split_args
from .server import Server

SLICE_S = 0.02  # how long a timed-out script runs between two looks at the sockets
MAX_INLINE = 64 * 1024
MAX_BULK = 512 * 1024 * 1024


class ProtocolError(Exception):
    pass


def parse_requests(buf: bytearray):
    """processInputBuffer: the complete commands at the head of ``buf``
    (removed from it), each an argv list; an empty list for an empty
    inline line (ignored).  Raises ProtocolError as redis-server does
    (the message is the error reply's text)."""
    out = []
    pos = 0
    n = len(buf)
    while pos < n:
        if buf[pos] == 0x2A:  # '*'
            eol = buf.find(b"\r\n", pos)
            if eol < 0:
                if n - pos > MAX_INLINE:
                    raise ProtocolError("Protocol error: too big mbulk count string")
                break
            try:
                count = int(buf[pos + 1 : eol])
            except ValueError:
                raise ProtocolError("Protocol error: invalid multibulk length") from None
            if count > 1024 * 1024:
                raise ProtocolError("Protocol error: invalid multibulk length")
            p = eol + 2
            argv = []
            complete = True
            for _ in range(max(count, 0)):
                if p >= n:
                    complete = False
                    break
                if buf[p] != 0x24:  # '$'
                    raise ProtocolError(
                        "Protocol error: expected '$', got '%s'" % chr(buf[p])
                    )
                eol = buf.find(b"\r\n", p)
                if eol < 0:
                    complete = False
                    break
                try:
                    blen = int(buf[p + 1 : eol])
                except ValueError:
                    raise ProtocolError("Protocol error: invalid bulk length") from None
                if blen < 0 or blen > MAX_BULK:
                    raise ProtocolError("Protocol error: invalid bulk length")
                start = eol + 2
                if n < start + blen + 2:
                    complete = False
                    break
                argv.append(bytes(buf[start : start + blen]))
                p = start + blen + 2
            if not complete:
                break
            pos = p
            if argv:
                out.append(argv)
        else:
            eol = buf.find(b"\n", pos)
            if eol < 0:
                if n - pos > MAX_INLINE:
                    raise ProtocolError("Protocol error: too big inline request")
                break
            line = bytes(buf[pos:eol])
            if line.endswith(b"\r"):
                line = line[:-1]
            pos = eol + 1
            argv = split_args(line)
            if argv is None:
                raise ProtocolError("Protocol error: unbalanced quotes in request")
            if argv:
                out.append(argv)
    del buf[:pos]
    return out


class Conn:
    def __init__(self, sock: socket.socket, client):
        self.sock = sock
        self.client = client
        self.inbuf = bytearray()
        self.outbuf = bytearray()
        self.pending = []  # per command sent, in order: "quit" / "shutdown" / None
        self.closing = False  # no more reading; close once outbuf is written


class NetServer:
    """The Server behind a listening socket; ``serve_forever()`` runs it."""

    def __init__(self, host: str = "127.0.0.1", port: int = 6379, server: Server | None = None):
        self.server = server if server is not None else Server()
        self.sel = selectors.DefaultSelector()
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((host, port))
        self.listener.listen(128)
        self.listener.setblocking(False)
        self.address = self.listener.getsockname()
        self.sel.register(self.listener, selectors.EVENT_READ, None)
        self.conns: dict[int, Conn] = {}
        self.stopping = False

    # ------------------------------------------------------------ the loop

    def serve_forever(self) -> None:
        try:
            while not self.stopping:
                self.step(None)
        finally:
            self.close()

    def step(self, timeout: float | None) -> None:
        """One turn: wait for sockets (not at all while a script runs),
        read and submit commands, drive a running script, write replies."""
        srv = self.server
        if srv.running is not None:
            timeout = 0
        for key, mask in self.sel.select(timeout):
            if key.data is None:
                self._accept()
                continue
            conn = key.data
            if mask & selectors.EVENT_READ:
                self._read(conn)
            if mask & selectors.EVENT_WRITE and conn.sock.fileno() >= 0:
                self._write(conn)
        if srv.running is not None:
            srv.poll(time.monotonic() + SLICE_S)
        self._flush_all()

    def _accept(self) -> None:
        try:
            sock, _ = self.listener.accept()
        except (BlockingIOError, InterruptedError):
            return
        sock.setblocking(False)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn = Conn(sock, self.server.connect())
        self.conns[sock.fileno()] = conn
        self.sel.register(sock, selectors.EVENT_READ, conn)

    def _read(self, conn: Conn) -> None:
        if conn.closing:
            return
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._drop(conn)
            return
        conn.inbuf += data
        try:
            cmds = parse_requests(conn.inbuf)
        except ProtocolError as e:
            cmds = None
            err = e
        for argv in cmds or ():
            if conn.closing:
                break
            self._submit(conn, argv)
        if cmds is None:
            conn.outbuf += b"-ERR %s\r\n" % str(err).encode()
            conn.closing = True
            conn.inbuf.clear()
        self._flush(conn)

    def _submit(self, conn: Conn, argv: list) -> None:
        name = argv[0].lower()
        if name == b"shutdown":
            # the reply of what is before it, then stop (Redis closes without a reply)
            self._flush(conn)
            self.stopping = True
            conn.closing = True
            return
        conn.pending.append("quit" if name == b"quit" else None)
        conn.client.send(*argv)
        if name == b"quit":
            conn.closing = True  # read nothing more; close after +OK

    def _flush_all(self) -> None:
        for conn in list(self.conns.values()):
            self._flush(conn)

    def _flush(self, conn: Conn) -> None:
        """Move the replies that are ready to the socket."""
        r = conn.client.replies
        quit_seen = False
        while r and r[0] is not None:
            conn.outbuf += r.popleft()
            if conn.pending and conn.pending.pop(0) == "quit":
                quit_seen = True
        if quit_seen:
            r.clear()
        self._write(conn)

    def _write(self, conn: Conn) -> None:
        if conn.sock.fileno() < 0:
            return
        if conn.outbuf:
            try:
                sent = conn.sock.send(conn.outbuf)
            except (BlockingIOError, InterruptedError):
                sent = 0
            except OSError:
                self._drop(conn)
                return
            del conn.outbuf[:sent]
        want = selectors.EVENT_READ | (selectors.EVENT_WRITE if conn.outbuf else 0)
        if conn.closing and not conn.outbuf and not conn.client.replies:
            self._drop(conn)
            return
        try:
            self.sel.modify(conn.sock, want, conn)
        except (KeyError, ValueError):
            pass

    def _drop(self, conn: Conn) -> None:
        fd = conn.sock.fileno()
        if fd < 0:
            return
        try:
            self.sel.unregister(conn.sock)
        except (KeyError, ValueError):
            pass
        self.conns.pop(fd, None)
        conn.sock.close()
        try:
            self.server.clients.remove(conn.client)
        except ValueError:
            pass

    def close(self) -> None:
        for conn in list(self.conns.values()):
            self._drop(conn)
        try:
            self.sel.unregister(self.listener)
        except (KeyError, ValueError):
            pass
        self.listener.close()
        self.sel.close()


def serve(host: str = "127.0.0.1", port: int = 6379, out=None) -> int:
    out = out or sys.stdout
    try:
        ns = NetServer(host, port)
    except OSError as e:
        sys.stderr.write("pylua redis server: cannot listen on %s:%d: %s\n" % (host, port, e.strerror))
        return 1
    h, p = ns.address[:2]
    out.write("pylua redis server listening on %s:%d\n" % (h, p))
    out.flush()
    try:
        ns.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0
