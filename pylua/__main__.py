"""``python -m pylua``: the stand-alone interpreter, a port of ``lua.c`` (5.1.5).

    python -m pylua [options] [script [args]]

    -e stat  execute string 'stat'
    -l name  require library 'name'
    -i       enter interactive mode after executing 'script'
    -v       show version information
    --       stop handling options
    -        execute stdin and stop handling options

It behaves as ``lua5.1`` does, with ``pylua`` where ``lua5.1`` prints its own
name: ``LUA_INIT`` (``@file`` or code) runs first; options run in order; the
global ``arg`` holds the script name at 0, the interpreter and its options at
negative indices and the script's arguments at 1..n, which the script also
gets as ``...``; uncaught errors go to stderr as ``pylua: msg`` followed by
``debug.traceback``'s stack traceback (lua.c's ``docall`` uses it as the
message handler), and the exit status is 1. With no arguments it reads a
script from stdin, or starts the REPL (prompts ``> `` and ``>> ``, the
``=expr`` shortcut, continuation of incomplete statements) when stdin is a
terminal. ``os.exit(n)`` ends the process with status ``n``.

Two things lua5.1 gets from C that we emulate:

- Debian's ``lua5.1`` reads REPL lines with GNU readline, which, when stdin
  is not a terminal, writes the prompt and then echoes the line it read to
  stdout. ``-i`` with piped input therefore prints ``> line`` for each line,
  and so do we. On a terminal we use Python's ``readline`` (or plain
  ``input``).
- C's stdout is line-buffered on a terminal: a message on stderr comes after
  the output printed before it. Our stdout is flushed before anything is
  written to stderr when it is a terminal.

Nothing that goes wrong shows a Python traceback: an exception that is not a
Lua error is reported as ``pylua: internal error: ...`` (set
``PYLUA_TRACEBACK=1`` to see the Python traceback as well).
"""

from __future__ import annotations

import os
import sys

from pylua.conv import cstr, tostr  # small: no VM, so -v stays cheap

PROGNAME = "pylua"
LUA_RELEASE = b"Lua 5.1.5"
LUA_COPYRIGHT = b"Copyright (C) 1994-2012 Lua.org, PUC-Rio"
LUA_PROMPT = b"> "
LUA_PROMPT2 = b">> "
EOF_MARK = b"'<eof>'"  # incomplete(): a syntax error that ends here wants more lines

USAGE = (
    "usage: %s [options] [script [args]].\n"
    "Available options are:\n"
    "  -e stat  execute string 'stat'\n"
    "  -l name  require library 'name'\n"
    "  -i       enter interactive mode after executing 'script'\n"
    "  -v       show version information\n"
    "  --       stop handling options\n"
    "  -        execute stdin and stop handling options\n"
)


class _Failed(Exception):
    """A step of pmain failed and reported its error: stop with status 1."""


def collectargs(argv: list[str]) -> tuple[int, bool, bool, bool]:
    """lua.c's collectargs: (index of the script or 0, -1 for bad usage; has_i, has_v, has_e).

    ``argv[0]`` is the program name, as in C."""
    has_i = has_v = has_e = False
    i = 1
    n = len(argv)
    while i < n:
        a = argv[i]
        if a[:1] != "-":  # not an option?
            return i, has_i, has_v, has_e
        opt = a[1:2]
        if opt == "-":
            if len(a) != 2:
                return -1, has_i, has_v, has_e
            return (i + 1 if i + 1 < n else 0), has_i, has_v, has_e
        if opt == "":
            return i, has_i, has_v, has_e
        if opt in ("i", "v"):
            if len(a) != 2:
                return -1, has_i, has_v, has_e
            if opt == "i":
                has_i = True
            has_v = True  # -i shows the version too (C's fall-through)
        elif opt in ("e", "l"):
            if opt == "e":
                has_e = True
            if len(a) == 2:
                i += 1
                if i >= n:
                    return -1, has_i, has_v, has_e
        else:
            return -1, has_i, has_v, has_e
        i += 1
    return 0, has_i, has_v, has_e


class Interpreter:
    """One run of lua.c's ``pmain``. The Lua runtime is made on first use,
    so that ``-v`` and usage errors do not pay for importing the VM."""

    def __init__(self, progname: str | None = PROGNAME):
        self.progname = progname
        self._L = None
        self._stdout_tty: bool | None = None

    # -- the runtime ---------------------------------------------------------

    @property
    def L(self):
        if self._L is None:
            from pylua import Lua

            stdout = _std("stdout")
            if self._stdout_is_tty():
                stdout = _LineBuffered(stdout)
            self._L = Lua(stdout=stdout, stderr=_std("stderr"), stdin=_std("stdin"))
        return self._L

    def flush(self) -> None:
        """What C's exit() does: flush stdout, stderr and every open FILE*."""
        L = self._L
        if L is not None:
            for s in (L.stdout, L.stderr):
                try:
                    s.flush()
                except (OSError, ValueError):
                    _drop_unwritable(s)
        if "pylua.lib.io" in sys.modules:
            try:
                sys.modules["pylua.lib.io"].flush_open_files()
            except (OSError, ValueError):
                pass
        for s in (sys.stdout, sys.stderr):
            try:
                if s is not None:
                    s.flush()
            except (OSError, ValueError):
                _drop_unwritable(s)

    def close_state(self) -> None:
        """lua_close: every userdata with a ``__gc`` metamethod is finalized,
        newest first; errors in a finalizer are ignored. (os.exit skips this:
        C's exit() never reaches lua_close.)"""
        L = self._L
        if L is None:
            return
        pending = getattr(L, "udata_gc", None) or []
        L.udata_gc = []
        for u in reversed(pending):
            meta = u.meta
            gc = meta.hash.get(b"__gc") if meta is not None else None
            if gc is not None:
                _sigint(True)
                try:
                    L.pcall_host(gc, [u])
                except KeyboardInterrupt:
                    break
                finally:
                    _sigint(False)

    # -- output --------------------------------------------------------------

    def _stdout(self):
        return self._L.stdout if self._L is not None else _std("stdout")

    def _stderr(self):
        return self._L.stderr if self._L is not None else _std("stderr")

    def _stdout_is_tty(self) -> bool:
        if self._stdout_tty is None:
            try:
                self._stdout_tty = os.isatty(1)
            except OSError:
                self._stdout_tty = False
        return self._stdout_tty

    def l_message(self, pname: str | None, msg: bytes) -> None:
        if self._stdout_is_tty():  # C's stdout is line-buffered there
            try:
                self._stdout().flush()
            except (OSError, ValueError):
                pass
        err = self._stderr()
        if pname:
            err.write(os.fsencode(pname) + b": ")
        err.write(msg + b"\n")
        err.flush()

    def report(self, ok: bool, err=None) -> bool:
        """lua.c's report: print a failed call's error value (a nil one says nothing)."""
        if not ok and err is not None:
            msg = tostr(err)
            if msg is None:
                msg = b"(error object is not a string)"
            self.l_message(self.progname, msg)
        return ok

    def print_version(self) -> None:
        self.l_message(None, LUA_RELEASE + b"  " + LUA_COPYRIGHT)

    def print_usage(self) -> None:
        err = self._stderr()
        err.write((USAGE % (self.progname or PROGNAME)).encode())
        err.flush()

    # -- calling Lua ---------------------------------------------------------

    def load(self, data: bytes, chunkname: bytes):
        """luaL_loadbuffer: (True, function) or (False, error message)."""
        from pylua.errors import LuaError

        try:
            return True, self.L.load(data, chunkname)
        except LuaError as e:
            return False, e.value

    def loadfile(self, filename: str | None):
        """luaL_loadfile: ``None`` reads stdin as ``=stdin``. (ok, function | message)."""
        from pylua.chunk import loadfile
        from pylua.errors import LuaError

        L = self.L
        try:
            return True, loadfile(filename, L.load, L.stdin)
        except LuaError as e:
            return False, e.value

    def docall(self, fn, args: list, clear: bool = True):
        """lua.c's docall: a protected call with ``traceback`` as the message
        handler. Returns (True, results) or (False, error value).

        A SIGINT while it runs is lua.c's "interrupted!" error (lua.c turns
        it into a hook that raises the error); anywhere else it kills the
        process, as the C default action does."""
        L = self.L
        th = L.current
        depth, nccalls = len(th.cis), th.nCcalls
        handler = self._traceback_handler()
        _sigint(True)
        try:
            return L.pcall_host(fn, args, handler=handler)
        except KeyboardInterrupt:
            return False, self._interrupted(th, depth, nccalls)
        finally:
            _sigint(False)

    def _interrupted(self, main, depth: int, nccalls: int) -> bytes:
        """The error lua.c's lstop raises, then the VM put back to where the
        interrupted call started (the REPL goes on with the same state)."""
        from pylua import ldebug

        L = self.L
        th = L.current  # a coroutine, if one was running
        msg = ldebug.where(th, 1) + b"interrupted!"
        if self._debug_traceback() is not None:
            # the handler would run on top of the interrupted frame
            msg = ldebug.traceback(th, msg, 0)
        # abandon the frames of the interrupted call, coroutines included
        co = th
        while co is not None and co is not main:
            nxt = co.resumer
            if co.cis:
                L._unwind(co, 0)
            co.status = "dead"
            co.resumer = None
            co = nxt
        L.current = main
        main.status = "running"
        if len(main.cis) > depth:
            L._unwind(main, depth)
        main.nCcalls = nccalls
        main.transfer = None
        return msg

    def _debug_traceback(self):
        """The global debug.traceback if it is a function (what lua.c's
        traceback() looks for), else None."""
        from pylua.values import LuaTable

        dbg = self.L.globals.get(b"debug")
        if not isinstance(dbg, LuaTable):
            return None
        tb = dbg.get(b"traceback")
        if getattr(tb, "lua_type", None) != "function":
            return None
        return tb

    def _traceback_handler(self):
        """lua.c's traceback(): debug.traceback(msg, 2) when msg is a string
        (or number) and debug.traceback a function; else msg intact."""
        from pylua.values import Builtin, Call

        def traceback(L, args):
            msg = args[0] if args else None
            if msg.__class__ not in (bytes, float):
                return [msg]
            tb = self._debug_traceback()
            if tb is None:
                return [msg]
            res = yield Call(tb, [msg, 2.0])
            return [res[0] if res else None]

        return Builtin("traceback", traceback)

    # -- lua.c's steps -------------------------------------------------------

    def dochunk(self, loaded) -> bool:
        ok, fn = loaded
        if ok:
            ok, fn = self.docall(fn, [])
        return self.report(ok, fn)

    def dofile(self, name: str | None) -> bool:
        return self.dochunk(self.loadfile(name))

    def dostring(self, s: bytes, name: bytes) -> bool:
        return self.dochunk(self.load(cstr(s), name))  # luaL_loadbuffer(L, s, strlen(s), name)

    def dolibrary(self, name: bytes) -> bool:
        require = self.L.globals.get(b"require")
        ok, res = self.docall(require, [name])
        return self.report(ok, res)

    def handle_luainit(self) -> bool:
        init = os.environb.get(b"LUA_INIT") if os.name != "nt" else None
        if init is None:
            init_s = os.environ.get("LUA_INIT")
            if init_s is None:
                return True
            init = init_s.encode("utf-8", "surrogateescape")
        if init[:1] == b"@":
            return self.dofile(os.fsdecode(init[1:]))
        return self.dostring(init, b"=LUA_INIT")

    def runargs(self, argv: list[str], n: int) -> bool:
        i = 1
        while i < n:
            a = argv[i]
            opt = a[1:2]
            if opt in ("e", "l"):
                value = a[2:]
                if value == "":
                    i += 1
                    value = argv[i]
                v = os.fsencode(value)
                if opt == "e":
                    if not self.dostring(v, b"=(command line)"):
                        return False
                elif not self.dolibrary(v):
                    return False
            i += 1
        return True

    def handle_script(self, argv: list[str], n: int) -> bool:
        from pylua.values import LuaTable

        L = self.L
        bargs = [os.fsencode(a) for a in argv]
        narg = len(argv) - (n + 1)
        t = LuaTable(narg, n + 1)
        for i, a in enumerate(bargs):
            t.set(float(i - n), a)
        L.globals.set(b"arg", t)
        fname: str | None = argv[n]
        if fname == "-" and argv[n - 1] != "--":
            fname = None  # stdin
        ok, fn = self.loadfile(fname)
        if ok:
            ok, fn = self.docall(fn, bargs[n + 1 :])
        return self.report(ok, fn)

    def pmain(self, argv: list[str]) -> bool:
        if not self.handle_luainit():
            return False
        script, has_i, has_v, has_e = collectargs(argv)
        if script < 0:
            self.print_usage()
            return False
        if has_v:
            self.print_version()
        if not self.runargs(argv, script if script > 0 else len(argv)):
            return False
        if script and not self.handle_script(argv, script):
            return False
        if has_i:
            self.dotty()
        elif script == 0 and not has_e and not has_v:
            if _stdin_is_tty():
                self.print_version()
                self.dotty()
            else:
                self.dofile(None)  # executes stdin as a file (its status is ignored)
        return True

    # -- the REPL --------------------------------------------------------------

    def get_prompt(self, firstline: bool) -> bytes:
        p = tostr(self.L.globals.get(b"_PROMPT" if firstline else b"_PROMPT2"))
        if p is None:
            p = LUA_PROMPT if firstline else LUA_PROMPT2
        return p

    def pushline(self, firstline: bool) -> bytes | None:
        line = self.reader.readline(self.get_prompt(firstline))
        if line is None:
            return None
        if line.endswith(b"\n"):
            line = line[:-1]
        line = cstr(line)  # lua_pushstring: C sees the line up to a NUL
        if firstline and line[:1] == b"=":
            return b"return " + line[1:]
        return line

    def loadline(self):
        """(ok, function | message), or None at the end of input."""
        line = self.pushline(True)
        if line is None:
            return None
        while True:
            loaded = self.load(line, b"=stdin")
            if not self.incomplete(loaded):
                break
            more = self.pushline(False)
            if more is None:
                return None
            line = line + b"\n" + more
        self.reader.saveline(line)
        return loaded

    @staticmethod
    def incomplete(loaded) -> bool:
        from pylua.errors import LuaSyntaxError  # noqa: F401 - documents what load raises

        ok, msg = loaded
        return not ok and isinstance(msg, bytes) and msg.endswith(EOF_MARK)

    def dotty(self) -> None:
        oldprogname = self.progname
        self.progname = None
        self.reader = _LineReader(self)
        while (loaded := self.loadline()) is not None:
            ok, res = loaded
            if ok:
                ok, res = self.docall(res, [], clear=False)
            self.report(ok, res)
            if ok and res:  # any result to print?
                self._print_results(res)
        out = self._stdout()
        out.write(b"\n")
        out.flush()
        self.progname = oldprogname

    def _print_results(self, results: list) -> None:
        fn = self.L.globals.get(b"print")
        ok, err = self.L.pcall_host(fn, list(results))
        if not ok:
            msg = tostr(err)
            self.l_message(
                self.progname,
                b"error calling 'print' (" + (msg if msg is not None else b"(null)") + b")",
            )


class _Closed:
    """A standard stream the process was started without (``>&-``): C's
    writes fail quietly and reads see end of file."""

    def write(self, b) -> int:
        return len(b)

    def flush(self) -> None:
        pass

    def read(self, n=-1) -> bytes:
        raise OSError(9, "Bad file descriptor")

    def readline(self, n=-1) -> bytes:
        raise OSError(9, "Bad file descriptor")

    def seekable(self) -> bool:
        return False


def _drop_unwritable(stream) -> None:
    """C's exit() ignores a stream it cannot flush (a full device): what is
    left in Python's buffer goes to /dev/null, so that Python's own flush
    at shutdown neither fails again nor turns the exit status into 120."""
    try:
        fd = stream.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, fd)
        finally:
            os.close(null)
        stream.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _std(name: str):
    """The binary stream under sys.stdin/stdout/stderr, if there is one."""
    s = getattr(sys, name, None)
    b = getattr(s, "buffer", None)
    return b if b is not None else _Closed()


def _sigint(in_call: bool) -> None:
    """lua.c: signal(SIGINT, laction) around each docall, SIG_DFL after.
    Python's handler (KeyboardInterrupt) stands for laction; it is set even
    when SIGINT was ignored at start-up, which Python would otherwise keep."""
    import signal

    try:
        signal.signal(signal.SIGINT, signal.default_int_handler if in_call else signal.SIG_DFL)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no signals
        pass


class _LineBuffered:
    """C's stdout on a terminal: flushed at each newline (Python's binary
    stdout is block-buffered even there)."""

    def __init__(self, f):
        self.f = f

    def write(self, b) -> int:
        n = self.f.write(b)
        if b"\n" in b:
            self.f.flush()
        return n

    def flush(self) -> None:
        self.f.flush()

    def __getattr__(self, name):
        return getattr(self.f, name)


def _stdin_is_tty() -> bool:
    try:
        return os.isatty(0)
    except OSError:
        return False


class _LineReader:
    """lua_readline. On a terminal: Python's input() with readline when it is
    there. Otherwise GNU readline's behaviour on a pipe: prompt, then the
    line read echoed to stdout."""

    def __init__(self, interp: Interpreter):
        self.interp = interp
        self.tty = _stdin_is_tty()
        self.readline_mod = None
        if self.tty:
            try:
                import readline

                readline.set_auto_history(False)  # lua_saveline adds whole statements
                self.readline_mod = readline
            except (ImportError, AttributeError):
                pass

    def readline(self, prompt: bytes) -> bytes | None:
        L = self.interp.L
        out = L.stdout
        if self.tty:
            out.flush()
            try:
                s = input(prompt.decode("utf-8", "replace"))
            except (EOFError, OSError):
                return None
            except UnicodeDecodeError:  # bytes the terminal's encoding rejects
                return b""
            except KeyboardInterrupt:
                _die_by_sigint(self.interp)
            return s.encode(sys.stdin.encoding or "utf-8", "surrogateescape")
        out.write(prompt)
        out.flush()
        try:
            line = L.stdin.readline()
        except OSError:  # readline() sees no input: end of the session
            line = b""
        if not line:
            return None
        if line.endswith(b"\n"):
            line = line[:-1]
        if b"\0" in line:
            line = line.replace(b"\0", b"")  # readline drops NUL bytes
        out.write(line + b"\n")  # readline echoes what it read when not on a terminal
        return line

    def saveline(self, line: bytes) -> None:
        """lua_saveline: the statement as loaded (``=x`` as ``return x``)."""
        if self.readline_mod is not None and line:
            self.readline_mod.add_history(
                line.decode(sys.stdin.encoding or "utf-8", "surrogateescape")
            )


def _die_by_sigint(interp: Interpreter):
    """A SIGINT at lua.c's prompt is not caught: the process dies of it."""
    import signal

    interp.flush()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)
    raise SystemExit(130)


def main(argv: list[str] | None = None) -> int:
    """Run as lua5.1 would with these arguments (``sys.argv[1:]`` by default,
    and then the process dies of SIGPIPE as lua5.1 does); returns the
    process exit status."""
    if argv is None:  # the process is ours (python -m pylua, the pylua script)
        argv = sys.argv[1:]
        try:
            import signal

            # C dies quietly of SIGPIPE when stdout's reader goes away (not
            # when main(argv) is called in a process of someone else's)
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        except (ImportError, AttributeError, ValueError, OSError):
            pass
    argv = [PROGNAME, *argv]
    interp = Interpreter()
    status = 1
    try:
        status = 0 if interp.pmain(argv) else 1
        interp.close_state()
    except KeyboardInterrupt:  # not in a Lua call: C's default action, death by SIGINT
        _die_by_sigint(interp)
    except SystemExit:
        raise
    except BaseException as e:  # noqa: BLE001 - nothing may escape as a Python traceback
        code = _exit_code(e)
        if code is not None:
            status = code
        else:
            status = _internal_error(interp, e)
    interp.flush()
    return status


def _exit_code(e: BaseException) -> int | None:
    """os.exit's LuaExit, if this is one: its status."""
    from pylua.errors import LuaExit

    if isinstance(e, LuaExit):
        return int(e.code) & 0xFF
    return None


def _internal_error(interp: Interpreter, e: BaseException) -> int:
    if isinstance(e, MemoryError):
        msg = b"not enough memory"
    elif isinstance(e, RecursionError):
        msg = b"stack overflow (Python recursion limit)"
    else:
        msg = ("internal error: %s: %s" % (type(e).__name__, e)).encode("utf-8", "replace")
    try:
        interp.l_message(PROGNAME, msg)
        if os.environ.get("PYLUA_TRACEBACK"):
            import traceback

            traceback.print_exception(e)
    except BaseException:  # noqa: BLE001 - stderr itself is gone
        pass
    return 1


if __name__ == "__main__":
    sys.exit(main())
