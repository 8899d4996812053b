"""Lua errors as Python exceptions, and how Lua names a chunk in messages.

``LuaError`` carries any Lua value (usually a ``bytes`` message that already
holds its ``chunk:line:`` prefix).  ``LuaSyntaxError`` is what the lexer,
parser and chunk loader raise; its value is the full message, e.g.
``b"input:3: '=' expected near 'x'"``.  The exceptions that cross layers
live here too, so that the VM needs no library to know them: ``ArgError``
(a builtin's bad argument, named by the VM) and ``LuaExit`` (os.exit).
"""

from __future__ import annotations

from .conv import cstr

LUA_IDSIZE = 60  # runtime messages (ldebug.c)
MAXSRC = 80  # syntax errors (llex.c)


class LuaError(Exception):
    """A Lua error: ``value`` is the Lua error object (any Lua value)."""

    def __init__(self, value, traceback: bytes | None = None):
        super().__init__(value)
        self.value = value
        self.traceback = traceback  # filled by the VM when it unwinds, if asked

    def __str__(self) -> str:
        v = self.value
        if isinstance(v, bytes):
            return v.decode("utf-8", "replace")
        return repr(v)


class LuaSyntaxError(LuaError):
    """A compile-time error (lexer, parser, limits) or a bad binary chunk."""


class ArgError(Exception):
    """luaL_argerror(narg, extramsg) raised by a builtin: the VM formats it
    (``bad argument #narg to 'name' (msg)``), as it knows the name."""

    def __init__(self, narg: int, msg: str | bytes):
        super().__init__(narg, msg)
        self.narg = narg
        self.msg = msg.encode() if isinstance(msg, str) else msg


class LuaExit(Exception):  # noqa: N818 - it is not an error: a request to end the process
    """os.exit(code): end the program with this exit status.

    Raised out of the VM untouched by pcall (it is not a LuaError); whoever
    runs the program flushes L.stdout/L.stderr and exits with ``code``."""

    def __init__(self, code: int = 0):
        super().__init__(code)
        self.code = code


class HookFailure(BaseException):  # noqa: N818 - not an error of the Lua program
    """A Python exception inside the host's instruction hook (the debugger's):
    a bug of the host, not an error of the Lua program, so no pcall of the
    program catches it; it ends the run and reaches whoever ran the VM.
    ``__cause__`` is the original exception."""


def chunkid(source: bytes, bufflen: int = LUA_IDSIZE) -> bytes:
    """luaO_chunkid: the chunk name as messages print it."""
    source = cstr(source)
    if source[:1] == b"=":
        return source[1:bufflen]
    if source[:1] == b"@":
        src = source[1:]
        bufflen -= len(" '...' ") + 1  # sizeof counts the NUL
        if len(src) > bufflen:
            return b"..." + src[len(src) - bufflen:]
        return src
    # [string "first line..."]: up to the first newline, within bufflen
    bufflen -= len(' [string "..."] ') + 1
    n = min(len(source), bufflen)
    for i, c in enumerate(source[:n]):
        if c in (10, 13):
            n = i
            break
    if n < len(source):
        return b'[string "' + source[:n] + b'..."]'
    return b'[string "' + source + b'"]'
