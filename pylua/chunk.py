"""Binary chunks: ldump.c (``dump``) and lundump.c (``undump``) of Lua 5.1.5;
the bytecode check a loaded function must pass is ldebug.c's, in
pylua/symbexec.py (``checkcode``).

The format is the one ``luac5.1`` writes on x86-64 Linux: little endian,
int 4 bytes, size_t 8, Instruction 4, lua_Number an 8-byte double.  Our
output is byte for byte what ``luac5.1``/``string.dump`` produce, and we
load what they write.

``undump`` never trusts its input: whatever the bytes, it returns a Proto
that passes ``checkcode`` (lua5.1's check) and ``verify`` (what pylua's VM
assumes besides: pylua/symbexec.py) or raises ``LuaSyntaxError`` with
lundump.c's message (``"name: why in precompiled chunk"``; "bad code" for
both checks).  Where C would try to
allocate a huge declared size and fail with "not enough memory", we compare
the size with what is left of the input first and report "unexpected end",
which is what C reports whenever the allocation succeeds.
"""

from __future__ import annotations

import os
import struct
import sys

from .conv import cstr
from .errors import LuaError, LuaSyntaxError
from .proto import LocVar, Proto

# (symbexec, the bytecode check, is imported by the first binary chunk
# loaded: a run of source code never needs it.)

LUA_SIGNATURE = b"\x1bLua"
LUAC_VERSION = 0x51
LUAC_FORMAT = 0
# signature, version, format, little endian, sizeof int/size_t/Instruction/
# lua_Number, lua_Number is not integral
HEADER = LUA_SIGNATURE + bytes([LUAC_VERSION, LUAC_FORMAT, 1, 4, 8, 4, 8, 0])
LUAC_HEADERSIZE = len(HEADER)  # 12

# lua.h type tags, as they appear in the constant table of a chunk
LUA_TNIL = 0
LUA_TBOOLEAN = 1
LUA_TNUMBER = 3
LUA_TSTRING = 4

LUAI_MAXCCALLS = 200

# luac's pmain runs inside lua_cpcall (one C call deep) when it loads a file,
# and so does lua.c's for a script file: LoadFunction's ++nCcalls starts from
# 1 there.  (loadstring called from a main chunk runs one level deeper.)
BASE_CCALLS = 1

_int = struct.Struct("<i")
_size_t = struct.Struct("<Q")
_number = struct.Struct("<d")


# -- dump (ldump.c) ---------------------------------------------------------------


def dump(proto: Proto, strip: bool = False) -> bytes:
    """luaU_dump: the binary chunk of ``proto`` (and its nested functions)."""
    out: list[bytes] = [HEADER]
    _dump_function(proto, None, strip, out)
    return b"".join(out)


def _dump_string(s: bytes | None, out: list[bytes]) -> None:
    if s is None:
        out.append(b"\0" * 8)
    else:
        out.append(_size_t.pack(len(s) + 1))  # the size counts C's trailing NUL
        out.append(s)
        out.append(b"\0")


def _dump_function(f: Proto, parent_source: bytes | None, strip: bool, out: list[bytes]) -> None:
    # A nested function that shares its parent's source (always, for
    # compiled code) saves the string and inherits it on load.
    _dump_string(None if strip or f.source == parent_source else f.source, out)
    out.append(_int.pack(f.linedefined))
    out.append(_int.pack(f.lastlinedefined))
    out.append(
        bytes([f.nups & 0xFF, f.numparams & 0xFF, f.is_vararg & 0xFF, f.maxstacksize & 0xFF])
    )
    code = f.code
    out.append(_int.pack(len(code)))
    out.append(struct.pack("<%dI" % len(code), *code))
    # constants
    out.append(_int.pack(len(f.k)))
    for v in f.k:
        if v is None:
            out.append(bytes([LUA_TNIL]))
        elif v is True or v is False:
            out.append(bytes([LUA_TBOOLEAN, 1 if v else 0]))
        elif isinstance(v, bytes):
            out.append(bytes([LUA_TSTRING]))
            _dump_string(v, out)
        else:
            out.append(bytes([LUA_TNUMBER]))
            out.append(_number.pack(v))
    out.append(_int.pack(len(f.p)))
    for p in f.p:
        _dump_function(p, f.source, strip, out)
    # debug information
    lineinfo = () if strip else f.lineinfo
    out.append(_int.pack(len(lineinfo)))
    out.append(struct.pack("<%di" % len(lineinfo), *lineinfo))
    locvars = () if strip else f.locvars
    out.append(_int.pack(len(locvars)))
    for var in locvars:
        _dump_string(var.varname, out)
        out.append(_int.pack(var.startpc))
        out.append(_int.pack(var.endpc))
    upvalues = () if strip else f.upvalues
    out.append(_int.pack(len(upvalues)))
    for name in upvalues:
        _dump_string(name, out)


# -- undump (lundump.c) -------------------------------------------------------------


def loader_name(chunkname: bytes) -> bytes:
    """The name lundump.c puts in its messages."""
    if chunkname[:1] in (b"@", b"="):
        return cstr(chunkname[1:])
    if chunkname[:1] == LUA_SIGNATURE[:1]:
        return b"binary string"
    return cstr(chunkname)


class _LoadState:
    __slots__ = ("data", "pos", "name", "nccalls", "strict")

    def __init__(self, data: bytes, name: bytes, nccalls: int):
        self.data = data
        self.pos = 0
        self.name = name
        self.nccalls = nccalls
        self.strict = True

    def error(self, why: str):
        raise LuaSyntaxError(b"%s: %s in precompiled chunk" % (self.name, why.encode()))

    def block(self, size: int) -> bytes:
        pos = self.pos
        if size > len(self.data) - pos:
            self.error("unexpected end")
        self.pos = pos + size
        return self.data[pos : pos + size]

    def char(self) -> int:
        """LoadChar: a C char, signed on x86."""
        c = self.block(1)[0]
        return c - 256 if c > 127 else c

    def byte(self) -> int:
        return self.block(1)[0]

    def int(self) -> int:
        (x,) = _int.unpack(self.block(4))
        if x < 0:
            self.error("bad integer")
        return x

    def number(self) -> float:
        return _number.unpack(self.block(8))[0]

    def string(self) -> bytes | None:
        (size,) = _size_t.unpack(self.block(8))
        if size == 0:
            return None
        return self.block(size)[:-1]  # drop C's trailing NUL, whatever byte it is

    def function(self, parent_source: bytes) -> Proto:
        self.nccalls += 1
        if self.nccalls > LUAI_MAXCCALLS:
            self.error("code too deep")
        f = Proto()
        source = self.string()
        f.source = parent_source if source is None else source
        f.linedefined = self.int()
        f.lastlinedefined = self.int()
        f.nups = self.byte()
        f.numparams = self.byte()
        f.is_vararg = self.byte()
        f.maxstacksize = self.byte()
        n = self.int()
        f.code = list(struct.unpack("<%dI" % n, self.block(4 * n)))
        # constants; each takes at least one byte, so a huge declared count
        # runs into the end of the input rather than into memory
        n = self.int()
        k = f.k
        for _ in range(n):
            t = self.char()
            if t == LUA_TNIL:
                k.append(None)
            elif t == LUA_TBOOLEAN:
                k.append(self.char() != 0)
            elif t == LUA_TNUMBER:
                k.append(self.number())
            elif t == LUA_TSTRING:
                s = self.string()
                # C keeps a string constant with a NULL TString; nothing
                # sensible can use it, the empty string is the safe stand-in
                k.append(b"" if s is None else s)
            else:
                self.error("bad constant")
        n = self.int()
        for _ in range(n):
            f.p.append(self.function(f.source))
        # debug information
        n = self.int()
        f.lineinfo = list(struct.unpack("<%di" % n, self.block(4 * n)))
        n = self.int()
        for _ in range(n):
            varname = self.string()
            startpc = self.int()
            endpc = self.int()
            f.locvars.append(LocVar(b"" if varname is None else varname, startpc, endpc))
        n = self.int()
        for _ in range(n):
            name = self.string()
            f.upvalues.append(b"" if name is None else name)
        from .symbexec import checkcode, verify

        if not checkcode(f) or (self.strict and verify(f) is not None):
            self.error("bad code")
        self.nccalls -= 1
        return f


def undump(data: bytes, chunkname: bytes, nccalls: int = BASE_CCALLS, strict: bool = True) -> Proto:
    """luaU_undump: load a binary chunk or raise LuaSyntaxError.

    ``nccalls`` is lua5.1's C call depth at the load, which decides where
    "code too deep" starts: a chain of 199 nested functions loads at the
    default depth, 200 do not.  ``strict`` false checks the code as lua5.1
    does (``checkcode``) and not for what pylua's VM assumes besides
    (``verify``): such a Proto must not run.
    """
    S = _LoadState(bytes(data), loader_name(chunkname), nccalls)
    S.strict = strict
    if S.block(LUAC_HEADERSIZE) != HEADER:
        S.error("bad header")
    return S.function(b"=?")


# -- lua_load and luaL_loadfile -------------------------------------------------------


def load(data: bytes, chunkname: bytes, nccalls: int = BASE_CCALLS, binary: bool = True) -> Proto:
    """lua_load's choice: a chunk starting with ESC is binary, else source.
    With ``binary`` false every chunk is source (Redis's f_parser, which
    never undumps: a binary chunk is then a syntax error).

    Raises LuaSyntaxError (from the compiler or ``undump``).
    """
    if binary and data[:1] == LUA_SIGNATURE[:1]:
        return undump(data, chunkname, nccalls)
    from .parser import compile  # binary chunks load without the compiler

    return compile(data, chunkname)


def loadfile(filename: str | bytes | None, load=load, stdin=None):
    """luaL_loadfile: read a chunk from a file and return ``load(data,
    chunkname)`` (by default this module's ``load``: a Proto; the runtime
    passes its own, which makes a function of it).

    ``filename`` None reads ``stdin`` (a binary reader, ``sys.stdin.buffer``
    by default) as ``=stdin``; otherwise the chunk is ``@filename`` (C sees
    the name up to its first NUL).  A first line starting with '#' (a Unix
    executable) is skipped, its newline kept so that line numbers stay
    right; when the character after it is ESC, a file (not stdin) is
    binary after all: lauxlib reopens it and reads from its first ESC,
    wherever that is.  A file that cannot be read raises LuaError with
    lauxlib's message: "cannot open f: No such file or directory", "cannot
    read d: Is a directory" (C's fopen opens a directory, its first read
    fails).  ``load``'s own errors (LuaSyntaxError) go through.
    """
    if filename is None:
        chunkname = b"=stdin"
        reader = sys.stdin.buffer if stdin is None else stdin
        try:
            parts = []
            while part := reader.read(65536):
                parts.append(part)
        except OSError as e:
            raise LuaError(_errfile(b"read", b"stdin", e)) from None
        raw = b"".join(parts)
    else:
        name = cstr(os.fsencode(filename))
        chunkname = b"@" + name
        what = b"open"
        try:
            with open(name, "rb") as fh:
                what = b"read"
                raw = fh.read()
        except IsADirectoryError as e:
            raise LuaError(_errfile(b"read", name, e)) from None
        except OSError as e:
            raise LuaError(_errfile(what, name, e)) from None
    data = raw
    if raw[:1] == b"#":  # Unix exec. file: skip the first line, keep its newline
        nl = raw.find(b"\n")
        rest = raw[nl + 1 :] if nl >= 0 else b""
        if rest[:1] == LUA_SIGNATURE[:1] and filename is not None:
            data = raw[raw.find(LUA_SIGNATURE[:1]) :]  # reopened, read from its first ESC
        else:
            data = b"\n" + rest
    return load(data, chunkname)


def _errfile(what: bytes, name: bytes, e: OSError) -> bytes:
    err = os.strerror(e.errno) if e.errno else str(e)
    return b"cannot %s %s: %s" % (what, name, err.encode())


def __getattr__(name: str):
    if name in ("checkcode", "verify"):  # symbexec's, imported when first asked for
        from . import symbexec

        return getattr(symbexec, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["HEADER", "dump", "load", "loadfile", "loader_name", "undump"]
