"""The io library (liolib.c of Lua 5.1.5).

A Lua file handle is a userdata whose metatable is ``registry["FILE*"]``;
its value is a ``CFile`` (our FILE*), or None once closed.  ``CFile`` gives
the few stdio operations liolib.c uses, with C's semantics where Lua can see
them: ``fopen`` mode strings as glibc parses them, ``fgets`` lines of at most
LUAL_BUFFERSIZE-1 bytes cut at a NUL by ``strlen``, ``fscanf("%lf")`` with
one character of push-back, errors reported as ``nil, strerror, errno``.

The standard files wrap the runtime's ``L.stdin``/``L.stdout``/``L.stderr``.
How a handle closes (fclose, pclose, or "cannot close standard file") is
liolib's per-handle environment ``__close``; here it is ``CFile.kind``.
"""

from __future__ import annotations

import builtins
import errno as _errno
import os
import re
import weakref

from ..conv import cstr, strtod
from .aux import (
    ArgError,
    check_option,
    check_string,
    opt_integer,
    opt_string,
    pushresult,
    tostr,
    typename,
)

LUAL_BUFFERSIZE = 8192  # BUFSIZ on glibc
FILEHANDLE = b"FILE*"
EOF = -1
_SPACE = b" \t\n\v\f\r"


# every CFile still open: C's exit() flushes all streams, so must our caller
_open_files: weakref.WeakSet = weakref.WeakSet()


def flush_open_files() -> None:
    """fflush(NULL): what C's exit() does before the process ends."""
    for cf in list(_open_files):
        cf.flush()


def _err(en: int) -> OSError:
    return OSError(en, os.strerror(en))


class CFile:
    """A C FILE* over a Python binary stream."""

    def __init__(self, f, kind: str = "file", readable=True, writable=True, proc=None):
        self.f = f
        self.kind = kind  # "file", "std" (io_noclose) or "popen"
        self.readable = readable
        self.writable = writable
        self.proc = proc
        self.pushback = b""  # ungetc'd bytes
        self.eof = False
        self.error = 0  # errno of the last failed operation (ferror)
        self.vbuf = "full"
        _open_files.add(self)

    # -- reading
    def _read(self, n: int) -> bytes:
        if not self.readable:
            self.error = _errno.EBADF
            return b""
        try:
            data = self.f.read(n)
        except OSError as e:
            self.error = e.errno or _errno.EIO
            return b""
        except (ValueError, AttributeError):
            self.error = _errno.EBADF
            return b""
        if data is None:  # a non-blocking stream with nothing to give
            data = b""
        if len(data) < n:
            self.eof = True
        return data

    def read(self, n: int) -> bytes:
        """fread: up to n bytes (n may be huge: "read everything")."""
        out = b""
        if self.pushback:
            out = self.pushback[:n]
            self.pushback = self.pushback[n:]
            n -= len(out)
        if n <= 0:
            return out
        if n <= 1 << 20:
            return out + self._read(n)
        # a huge count: read in chunks, as read_chars does, never asking
        # Python for a buffer of n bytes up front
        parts = [out]
        while n > 0:
            want = min(n, 1 << 16)
            chunk = self._read(want)
            parts.append(chunk)
            n -= len(chunk)
            if len(chunk) < want:
                break
        return b"".join(parts)

    def getc(self) -> int:
        if self.pushback:
            c = self.pushback[0]
            self.pushback = self.pushback[1:]
            return c
        b = self._read(1)
        return b[0] if b else EOF

    def ungetc(self, c: int) -> None:
        if c != EOF:
            self.pushback = bytes([c]) + self.pushback

    def fgets(self, size: int) -> bytes | None:
        """fgets(p, size): up to size-1 bytes, through a newline; None at EOF."""
        limit = size - 1
        out = b""
        if self.pushback:
            nl = self.pushback.find(b"\n", 0, limit)
            if nl >= 0:
                out = self.pushback[: nl + 1]
                self.pushback = self.pushback[nl + 1 :]
                return out
            out = self.pushback[:limit]
            self.pushback = self.pushback[limit:]
            if len(out) == limit:
                return out
        if self.readable:
            try:
                rl = self.f.readline
                try:
                    line = rl(limit - len(out))
                except TypeError:  # a reader whose readline takes no size
                    line = rl()
                    if len(line) > limit - len(out):
                        self.pushback = line[limit - len(out) :] + self.pushback
                        line = line[: limit - len(out)]
            except OSError as e:
                self.error = e.errno or _errno.EIO
                line = b""
            except (ValueError, AttributeError):
                self.error = _errno.EBADF
                line = b""
        else:
            self.error = _errno.EBADF
            line = b""
        if line is None:
            line = b""
        out += line
        if not line:
            self.eof = True
        return out if out else None

    # -- writing
    def write(self, data: bytes) -> bool:
        if not self.writable:
            self.error = _errno.EBADF
            return False
        try:
            if self.pushback:
                self._drop_pushback()
            self.f.write(data)
            if self.vbuf == "no" or (self.vbuf == "line" and b"\n" in data):
                self.f.flush()
        except OSError as e:
            self.error = e.errno or _errno.EIO
            return False
        except (ValueError, AttributeError):
            self.error = _errno.EBADF
            return False
        return True

    def flush(self) -> OSError | None:
        try:
            if self.writable:
                self.f.flush()
        except OSError as e:
            return e
        except (ValueError, AttributeError):
            return _err(_errno.EBADF)
        return None

    # -- positioning
    def _drop_pushback(self):
        n = len(self.pushback)
        self.pushback = b""
        try:
            self.f.seek(-n, 1)
        except (OSError, ValueError, AttributeError):
            pass

    def seek(self, offset: int, whence: int) -> int:
        """fseek + ftell; raises OSError like they fail."""
        f = self.f
        seekable = getattr(f, "seekable", None)
        try:
            ok = seekable() if seekable is not None else hasattr(f, "seek")
        except (ValueError, OSError):
            ok = False
        if not ok:
            raise _err(_errno.ESPIPE)
        if whence == 1:
            offset -= len(self.pushback)
        try:
            if whence == 0 and offset < 0:
                raise _err(_errno.EINVAL)
            if whence != 0:
                cur = f.tell() if whence == 1 else f.seek(0, 2)
                if cur + offset < 0:
                    raise _err(_errno.EINVAL)
            if self.writable:
                f.flush()
            pos = f.seek(offset, whence)
        except OSError:
            raise
        except ValueError:
            raise _err(_errno.EBADF) from None
        self.pushback = b""
        self.eof = False
        return pos

    def setvbuf(self, mode: str) -> bool:
        self.vbuf = mode
        if mode != "full":
            self.flush()
        return True

    # -- closing
    def close(self) -> OSError | None:
        err = None
        try:
            self.f.close()
        except OSError as e:
            err = e
        if self.proc is not None:
            try:
                self.proc.wait()
            except OSError as e:  # pragma: no cover - pclose failing
                err = err or e
        return err


class _DirStream:
    """What fopen(dir, "r") gives on Linux: opens, then every read fails."""

    def read(self, n=-1):
        raise _err(_errno.EISDIR)

    def readline(self, n=-1):
        raise _err(_errno.EISDIR)

    def seekable(self):
        return True

    def seek(self, offset, whence=0):
        return 0

    def tell(self):
        return 0

    def flush(self):
        pass

    def close(self):
        pass


def fopen(filename: bytes, mode: bytes) -> CFile:
    """glibc fopen: the first mode character picks r/w/a, '+' and 'x' count
    among the next six, anything else is ignored; raises OSError."""
    mode = cstr(mode)
    c = mode[:1]
    if c == b"r":
        flags, rd, wr = os.O_RDONLY, True, False
    elif c == b"w":
        flags, rd, wr = os.O_WRONLY | os.O_CREAT | os.O_TRUNC, False, True
    elif c == b"a":
        flags, rd, wr = os.O_WRONLY | os.O_CREAT | os.O_APPEND, False, True
    else:
        raise _err(_errno.EINVAL)
    for ch in mode[1:7]:
        if ch == 43:  # '+'
            flags = (flags & ~(os.O_RDONLY | os.O_WRONLY)) | os.O_RDWR
            rd = wr = True
        elif ch == 120:  # 'x'
            flags |= os.O_EXCL
    path = os.fsdecode(cstr(filename))
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o666)
    pymode = "r+b" if rd and wr else ("rb" if rd else "wb")
    try:
        f = builtins.open(fd, pymode, closefd=True)  # noqa: SIM115
    except IsADirectoryError:
        if wr:
            os.close(fd)
            raise
        os.close(fd)
        return CFile(_DirStream(), readable=True, writable=False)
    except BaseException:
        os.close(fd)
        raise
    return CFile(f, readable=rd, writable=wr)


class _StdStream:
    """The runtime's standard stream as a FILE*: not seekable unless it says so."""

    def __init__(self, s):
        self.s = s

    def read(self, n=-1):
        return self.s.read(n)

    def readline(self, n=-1):
        try:
            return self.s.readline(n)
        except TypeError:
            return self.s.readline()

    def write(self, b):
        return self.s.write(b)

    def flush(self):
        fl = getattr(self.s, "flush", None)
        if fl is not None:
            fl()

    def seekable(self):
        sk = getattr(self.s, "seekable", None)
        try:
            return bool(sk()) if sk is not None else False
        except (OSError, ValueError):
            return False

    def seek(self, offset, whence=0):
        return self.s.seek(offset, whence)

    def tell(self):
        return self.s.tell()

    def close(self):
        pass


# -- fscanf("%lf") -----------------------------------------------------------


# a plain decimal numeral, and what may follow it without the scanner
# consuming more (the fast path of read_number)
_FAST_NUM = re.compile(
    rb"[ \t\n\v\f\r]*([+-]?(?:[1-9][0-9]*|0(?![xX]))(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)"
)
_NOT_AFTER = frozenset(b"0123456789.eExXpP+-")


def read_number(f: CFile) -> float | None:
    """glibc's vfscanf for %lf: what it consumes, and the number or None."""
    if not f.pushback and f.readable:
        peek = getattr(f.f, "peek", None)
        if peek is not None:
            try:
                data = peek(64)
            except (OSError, ValueError):
                data = b""
            m = _FAST_NUM.match(data)
            if m is not None and m.end() < len(data) and data[m.end()] not in _NOT_AFTER:
                f.f.read(m.end())
                return float(m.group(1))
    return _scan_number(f)


def _scan_number(f: CFile) -> float | None:
    c = f.getc()
    while c != EOF and c in _SPACE:
        c = f.getc()
    if c == EOF:
        return None  # input failure
    buf = bytearray()
    got_sign = 0
    if c in (43, 45):  # sign
        got_sign = 1
        buf.append(c)
        c = f.getc()
        if c == EOF:
            return None

    def lower(ch):
        return ch | 0x20 if 65 <= ch <= 90 else ch

    def expect(ch):
        nonlocal c
        buf.append(c)
        c = f.getc()
        # a mismatch is a conversion error: the character stays consumed
        return c != EOF and lower(c) == ch

    if lower(c) == 110:  # 'n': maybe "nan"
        if not expect(97) or not expect(110):
            return None
        buf.append(c)
        return _convert(buf)
    if lower(c) == 105:  # 'i': maybe "inf" or "infinity"
        if not expect(110) or not expect(102):
            return None
        buf.append(c)
        c = f.getc()
        if c != EOF and lower(c) == 105:
            for ch in b"nity":
                if not expect(ch):
                    return None
            buf.append(c)
        else:
            f.ungetc(c)
        return _convert(buf)
    exp_char = 101  # 'e'
    hexa = False
    got_digit = got_dot = got_e = False
    if c == 48:  # '0'
        buf.append(c)
        c = f.getc()
        if c != EOF and lower(c) == 120:  # 'x'
            buf.append(c)
            hexa = True
            exp_char = 112  # 'p'
            c = f.getc()
        else:
            got_digit = True
    while c != EOF:
        if 48 <= c <= 57:
            buf.append(c)
            got_digit = True
        elif not got_e and hexa and (97 <= lower(c) <= 102):
            buf.append(c)
            got_digit = True
        elif got_e and buf[-1] == exp_char and c in (43, 45):
            buf.append(c)
        elif got_digit and not got_e and lower(c) == exp_char:
            buf.append(exp_char)
            got_e = got_dot = True
        elif not got_dot and c == 46:  # '.'
            buf.append(c)
            got_dot = True
        else:
            # the last read character is not part of the number anymore
            f.ungetc(c)
            break
        c = f.getc()
    if len(buf) == got_sign or (hexa and len(buf) == 2 + got_sign):
        return None
    return _convert(buf)


def _convert(buf: bytearray) -> float | None:
    v, end = strtod(bytes(buf), 0)
    return None if end == 0 else v


# -- the library -------------------------------------------------------------


def open(L):  # noqa: C901 - one closure per liolib function, as luaopen_io
    from ..numfmt import fmt_number
    from ..values import Builtin, LuaTable, Userdata

    registry = L.registry
    # liolib's LUA_ENVIRONINDEX: [1] the default input, [2] the default output,
    # and __close; a new userdata gets its creator's environment, which is
    # what decides how the file closes (here CFile.kind decides, the tables
    # are what debug.getfenv shows)
    env = LuaTable(2, 1)
    IO_INPUT, IO_OUTPUT = 1, 2
    fnames = {IO_INPUT: "input", IO_OUTPUT: "output"}

    def newfile(cf: CFile | None, fenv=None):
        u = Userdata(cf, registry.get(FILEHANDLE))
        u.env = env if fenv is None else fenv
        return u

    def is_file_udata(v) -> bool:
        return getattr(v, "lua_type", None) == "userdata" and v.meta is registry.get(FILEHANDLE)

    def tofilep(args):
        """luaL_checkudata(L, 1, "FILE*")."""
        v = args[0] if args else None
        if not args or not is_file_udata(v):
            raise ArgError(1, f"FILE* expected, got {typename(v) if args else 'no value'}")
        return v

    def tofile(args) -> CFile:
        u = tofilep(args)
        if u.value is None:
            raise L.error("attempt to use a closed file")
        return u.value

    def aux_close(u):
        cf: CFile = u.value
        if cf.kind == "std":
            return [None, b"cannot close standard file"]
        u.value = None
        err = cf.close()
        return pushresult(err is None, None, err)

    def io_close(L, args):
        if not args:
            args = [env.geti(IO_OUTPUT)]
        tofile(args)
        return aux_close(args[0])

    def io_gc(L, args):
        u = tofilep(args)
        if u.value is not None:
            aux_close(u)
        return []

    def io_tostring(L, args):
        u = tofilep(args)
        if u.value is None:
            return [b"file (closed)"]
        return [b"file (" + L.addr(u.value).encode() + b")"]

    def io_type(L, args):
        if not args:
            raise ArgError(1, "value expected")
        u = args[0]
        if not is_file_udata(u):
            return [None]
        return [b"closed file" if u.value is None else b"file"]

    def io_open(L, args):
        filename = check_string(args, 1)
        mode = opt_string(args, 2, b"r")
        try:
            cf = fopen(filename, mode)
        except OSError as e:
            return pushresult(False, cstr(filename), e)
        return [newfile(cf)]

    def flush_all():
        # lua_popen runs fflush(NULL) before starting the command
        for u in (env.geti(IO_OUTPUT), stdout_u, stderr_u):
            if u is not None and u.value is not None:
                u.value.flush()

    def io_popen(L, args):
        cmd = check_string(args, 1)
        mode = cstr(opt_string(args, 2, b"r"))
        try:
            import subprocess
        except ImportError:  # a host without processes (Pyodide)
            raise L.error("'popen' not supported") from None
        if mode[:1] not in (b"r", b"w") or any(ch not in b"e" for ch in mode[1:]):
            return pushresult(False, cstr(cmd), en=_errno.EINVAL)
        flush_all()
        reading = mode[:1] == b"r"
        try:
            p = subprocess.Popen(
                os.fsdecode(cstr(cmd)),
                shell=True,
                stdout=subprocess.PIPE if reading else None,
                stdin=None if reading else subprocess.PIPE,
            )
        except OSError as e:
            return pushresult(False, cstr(cmd), e)
        f = p.stdout if reading else p.stdin
        cf = CFile(f, "popen", readable=reading, writable=not reading, proc=p)
        return [newfile(cf, popen_env)]

    def io_tmpfile(L, args):
        import tempfile

        try:
            f = tempfile.TemporaryFile("w+b")
        except OSError as e:
            return pushresult(False, None, e)
        return [newfile(CFile(f))]

    def getiofile(findex: int) -> CFile:
        cf = env.geti(findex).value
        if cf is None:
            raise L.error(f"standard {fnames[findex]} file is closed")
        return cf

    def g_iofile(args, key: int, mode: bytes):
        if args and args[0] is not None:
            filename = tostr(args[0])
            if filename is not None:
                try:
                    u = newfile(fopen(filename, mode))
                except OSError as e:
                    raise ArgError(
                        1, cstr(filename) + b": " + os.strerror(e.errno).encode()
                    ) from None
            else:
                tofile(args)
                u = args[0]
            env.seti(key, u)
        return [env.geti(key)]

    def io_input(L, args):
        return g_iofile(args, IO_INPUT, b"r")

    def io_output(L, args):
        return g_iofile(args, IO_OUTPUT, b"w")

    def make_readline(u, toclose: bool):
        def io_readline(L, args):
            cf = u.value
            if cf is None:  # file is already closed?
                raise L.error("file is already closed")
            cf.error = 0
            ok, line = read_line(cf)
            if cf.error:
                raise L.error(os.strerror(cf.error))
            if ok:
                return [line]
            if toclose:  # generator created file?
                aux_close(u)
            return []

        return Builtin("readline", io_readline, [u, toclose])

    def f_lines(L, args):
        tofile(args)
        return [make_readline(args[0], False)]

    def io_lines(L, args):
        if not args or args[0] is None:  # no arguments? iterate over default input
            return f_lines(L, [env.geti(IO_INPUT)])
        filename = check_string(args, 1)
        try:
            u = newfile(fopen(filename, b"r"))
        except OSError as e:
            raise ArgError(1, cstr(filename) + b": " + os.strerror(e.errno).encode()) from None
        return [make_readline(u, True)]

    def g_read(cf: CFile, args: list, first: int):
        """args: the whole argument list; formats start at index first (1-based)."""
        cf.error = 0
        results = []
        nargs = len(args) - (first - 1)
        if nargs == 0:
            ok, line = read_line(cf)
            results.append(line)
            success = ok
        else:
            success = True
            n = first
            while nargs and success:
                nargs -= 1
                fmt = args[n - 1]
                if fmt.__class__ is float:
                    size = _size_t(fmt)
                    if size == 0:
                        c = cf.getc()
                        cf.ungetc(c)
                        results.append(b"")
                        success = c != EOF
                    else:
                        s = cf.read(size)
                        results.append(s)
                        success = len(s) > 0
                else:
                    p = fmt if fmt.__class__ is bytes else None
                    if p is None or p[:1] != b"*":
                        raise ArgError(n, "invalid option")
                    k = p[1:2]
                    if k == b"n":
                        v = read_number(cf)
                        results.append(v)
                        success = v is not None
                    elif k == b"l":
                        ok, line = read_line(cf)
                        results.append(line)
                        success = ok
                    elif k == b"a":
                        results.append(cf.read(1 << 63))
                        success = True
                    else:
                        raise ArgError(n, "invalid format")
                n += 1
        if cf.error:
            return pushresult(False, en=cf.error)
        if not success:
            results[-1] = None
        return results

    def io_read(L, args):
        return g_read(getiofile(IO_INPUT), args, 1)

    def f_read(L, args):
        return g_read(tofile(args), args, 2)

    def g_write(cf: CFile, args: list, first: int):
        status = True
        for i in range(first, len(args) + 1):
            v = args[i - 1]
            if v.__class__ is float:
                status = status and cf.write(fmt_number(v))
            else:
                s = check_string(args, i)
                status = status and cf.write(s)
        return pushresult(status, en=cf.error) if not status else [True]

    def io_write(L, args):
        return g_write(getiofile(IO_OUTPUT), args, 1)

    def f_write(L, args):
        return g_write(tofile(args), args, 2)

    def f_seek(L, args):
        cf = tofile(args)
        op = check_option(args, 2, b"cur", [b"set", b"cur", b"end"])
        offset = opt_integer(args, 3, 0)
        try:
            pos = cf.seek(offset, op)
        except OSError as e:
            return pushresult(False, None, e)
        return [float(pos)]

    def f_setvbuf(L, args):
        cf = tofile(args)
        op = check_option(args, 2, None, [b"no", b"full", b"line"])
        opt_integer(args, 3, LUAL_BUFFERSIZE)
        return pushresult(cf.setvbuf(("no", "full", "line")[op]))

    def io_flush(L, args):
        err = getiofile(IO_OUTPUT).flush()
        return pushresult(err is None, None, err)

    def f_flush(L, args):
        err = tofile(args).flush()
        return pushresult(err is None, None, err)

    # createmeta
    meta = LuaTable(0, 0)
    registry.set(FILEHANDLE, meta)
    meta.set(b"__index", meta)
    from .package import register

    register(
        L,
        None,
        [
            ("close", io_close),
            ("flush", f_flush),
            ("lines", f_lines),
            ("read", f_read),
            ("seek", f_seek),
            ("setvbuf", f_setvbuf),
            ("write", f_write),
            ("__gc", io_gc),
            ("__tostring", io_tostring),
        ],
        meta,
    )
    iolib = register(
        L,
        b"io",
        [
            ("close", io_close),
            ("flush", io_flush),
            ("input", io_input),
            ("lines", io_lines),
            ("open", io_open),
            ("output", io_output),
            ("popen", io_popen),
            ("read", io_read),
            ("tmpfile", io_tmpfile),
            ("type", io_type),
            ("write", io_write),
        ],
    )

    def io_fclose(L, args):
        return aux_close(tofilep(args))

    def io_noclose(L, args):
        return [None, b"cannot close standard file"]

    def io_pclose(L, args):
        return aux_close(tofilep(args))

    env.set(b"__close", Builtin("io_fclose", io_fclose))
    std_env = LuaTable(0, 1)
    std_env.set(b"__close", Builtin("io_noclose", io_noclose))
    popen_env = LuaTable(0, 1)
    popen_env.set(b"__close", Builtin("io_pclose", io_pclose))

    def stdfile(stream, readable: bool):
        return newfile(CFile(_StdStream(stream), "std", readable, not readable), std_env)

    stdin_u = stdfile(L.stdin, True)
    stdout_u = stdfile(L.stdout, False)
    stderr_u = stdfile(L.stderr, False)
    stderr_u.value.vbuf = "no"  # stderr is unbuffered in C
    env.seti(IO_INPUT, stdin_u)
    env.seti(IO_OUTPUT, stdout_u)
    iolib.set(b"stdin", stdin_u)
    iolib.set(b"stdout", stdout_u)
    iolib.set(b"stderr", stderr_u)
    return iolib


def _size_t(d: float) -> int:
    """(size_t)lua_tointeger: a negative count is a huge size_t."""
    from .aux import to_integer

    return to_integer(d) & 0xFFFFFFFFFFFFFFFF


def read_line(cf: CFile) -> tuple[bool, bytes]:
    """liolib's read_line over fgets: C's strlen cuts each chunk at a NUL."""
    parts = []
    while True:
        p = cf.fgets(LUAL_BUFFERSIZE)
        if p is None:  # eof?
            s = b"".join(parts)
            return len(s) > 0, s
        z = p.find(b"\0")
        n = len(p) if z < 0 else z
        if n == 0 or p[n - 1] != 10:
            parts.append(p[:n])
        else:
            parts.append(p[: n - 1])  # do not include `eol'
            return True, b"".join(parts)
