"""The Lua state of a session: the sandbox profile plus ``io`` over the
session's own output buffer and stdin text, and an ``os`` whose clock and
time answer the same on every run (os.time() is the session's creation
time, os.clock() counts a microsecond per instruction), so that the
program is deterministic and can be replayed.

Everything the program can change lives in this object (the RNG of
math.random is ``L.rng``), so a deep copy of it is a checkpoint
(pylua/checkpoint.py); the session's tracker (``dbg``) and hook are not
part of the copy.
"""

from __future__ import annotations

import copy

from .. import checkpoint as ckpt
from ..gc import mark
from ..lib import io as lio
from ..lib import os as los
from ..lib.aux import is_none_or_nil
from ..runtime import Lua
from ..snapshot import addr_text
from ..values import Builtin, LuaTable
from .replay import recording

CLOCK_TICK = 1e-6  # os.clock(): seconds per instruction
PRUNE_COS = 64  # coroutines listed before new_coroutine first looks for unreachable ones


# -- the session's streams ----------------------------------------------------


OUT_KEEP = 1 << 16  # bytes of output kept: the tail a snapshot shows


class OutBuf:
    """Standard output (and error) of the session.  It keeps only the tail
    a snapshot shows (at least the last OUT_KEEP bytes, all of them when
    fewer) and the count of bytes written, ``n``: 1.5 GB of io.write costs
    what 64 KB does.  ``view()`` is that tail as an immutable (n, bytes)
    pair, which snapshots and checkpoints share; a copy of the buffer (in
    a checkpoint) holds only its view, so going back restores the tail
    exactly, and a replay from there appends what the program writes
    again (the same bytes: it is deterministic)."""

    __slots__ = ("buf", "n", "muted", "last")

    def __init__(self):
        self.buf = bytearray()  # the last bytes written (None in a copy: see last)
        self.n = 0  # bytes written in all
        self.muted = False
        self.last = None  # view(), until the next write

    def write(self, b) -> int:
        k = len(b)
        if self.muted or not k:
            return k
        self.n += k
        buf = self.buf
        if buf is None:
            buf = self.buf = bytearray(self.last[1])
        if k >= OUT_KEEP:
            buf[:] = b[k - OUT_KEEP :]
        else:
            buf += b
            if len(buf) > 2 * OUT_KEEP:  # (trimmed now and then: amortized)
                del buf[: len(buf) - OUT_KEEP]
        self.last = None
        return k

    def flush(self) -> None:
        pass

    def view(self) -> tuple:
        """(n, the last min(n, OUT_KEEP) bytes written)."""
        v = self.last
        if v is None:
            buf = self.buf
            v = self.last = (self.n, bytes(buf[len(buf) - OUT_KEEP :] if len(buf) > OUT_KEEP else buf))
        return v

    def getvalue(self) -> bytes:
        """The tail kept (all the output when it is short)."""
        return self.view()[1]

    def __deepcopy__(self, memo):
        o = OutBuf.__new__(OutBuf)
        memo[id(self)] = o
        v = o.last = self.view()
        o.n = v[0]
        o.buf = None  # made from the view at the copy's first write
        o.muted = False
        ckpt.weigh(memo, len(v[1]))
        return o


class InBuf:
    """Standard input of the session: the stdin text and a position."""

    __slots__ = ("data", "pos")

    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def read(self, n: int = -1) -> bytes:
        p = self.pos
        if n is None or n < 0:
            self.pos = len(self.data)
            return self.data[p:]
        self.pos = min(len(self.data), p + n)
        return self.data[p : self.pos]

    def readline(self, n: int = -1) -> bytes:
        p = self.pos
        e = self.data.find(b"\n", p)
        e = len(self.data) if e < 0 else e + 1
        if n is not None and n >= 0:
            e = min(e, p + n)
        self.pos = e
        return self.data[p:e]

    def __deepcopy__(self, memo):
        o = InBuf.__new__(InBuf)
        memo[id(self)] = o
        o.data = self.data
        o.pos = self.pos
        return o


# -- the libraries' replacements ------------------------------------------------


def error_handler(L, args):
    """lua.c's message handler, for the session (debug.traceback does not
    exist in the sandbox, so the message stays intact); it runs at the
    point of the error, where the session looks at the frames."""
    L.dbg.on_error(L)
    return [args[0] if args else None]


ERROR_HANDLER = Builtin("traceback", error_handler)


def no_files(L, name):
    raise L.error("file access is not available here ('io.%s' with a file name)" % name)


def io_guard(orig, name):
    def guarded(L, args):
        if args and args[0] is not None and args[0].__class__ in (bytes, float):
            no_files(L, name)
        return orig.fn(L, args)

    return Builtin(name, guarded)


def os_time(L, args):
    if is_none_or_nil(args, 1):
        return [float(L.dbg_time)]
    return los.os_time(L, args)


def os_date(L, args):
    if is_none_or_nil(args, 2):
        args = [args[0] if args else None, float(L.dbg_time)]
    return los.os_date(L, args)


def os_clock(L, args):
    return [L.dbg.instructions() * CLOCK_TICK]


def os_difftime(L, args):
    return los.os_difftime(L, args)


class DebugLua(Lua):
    """The runtime of a session: the sandbox profile plus io over the
    session's buffers and a deterministic os.time/clock/date/difftime."""

    counts_decoding = False  # (its Protos are shared with its checkpoints)

    def __init__(
        self,
        out: OutBuf,
        inp: InBuf,
        now: int,
        memory_limit: int | None = None,
        allow_bytecode: bool = False,
        openlibs: bool = True,
    ):
        super().__init__(
            sandbox=True,
            stdout=out,
            stdin=inp,
            stderr=out,
            memory_limit=memory_limit,
            allow_bytecode=allow_bytecode,
            openlibs=openlibs,
        )
        self.dbg = None  # the session's Tracker (not part of the copied state)
        self.dbg_cos = []  # every coroutine made (and not yet collected)
        self.dbg_cos_prune = PRUNE_COS  # len(dbg_cos) at which new_coroutine prunes it
        self.dbg_time = now
        self.dbg_chunks = 0  # chunks loaded by the program (load, loadstring)
        # how many objects of each kind the program made (values.serials):
        # its own count, copied with the state, so that a replay numbers
        # (names, and orders as table keys) what it makes as the first run did
        self.serials = (0, 0, 0, 0)
        if openlibs:  # (else the session's caller opens its own: Redis mode)
            self._open_io_os()

    def _open_io_os(self) -> None:
        lio.open(self)
        io = self.globals.get(b"io")
        for name in (b"open", b"popen", b"tmpfile"):
            io.set(name, None)
        for name in ("lines", "input", "output"):
            io.set(name.encode(), io_guard(io.get(name.encode()), name))
        os = LuaTable(0, 4)
        for name, fn in (("clock", os_clock), ("date", os_date), ("difftime", os_difftime),
                         ("time", os_time)):
            os.set(name.encode(), Builtin(name, fn))
        self.globals.set(b"os", os)
        self.loaded.set(b"os", os)

    # stable, replayable addresses for tostring
    def addr(self, obj) -> str:
        return addr_text(self.dbg.stamp(obj))

    def new_coroutine(self, fn):
        if len(self.dbg_cos) >= self.dbg_cos_prune:
            # a program that makes many coroutines and drops them: forget
            # the unreachable ones now and then (and at every collection),
            # at points that depend on the program only, so that a replay
            # lists the same coroutines
            self.prune_coroutines()
        co = super().new_coroutine(fn)  # (counted: the memory limit may refuse it)
        self.dbg_cos.append(co)
        return co

    def load(self, chunk, chunkname=b"=input", env=None):
        f = super().load(chunk, chunkname, env)
        if self.dbg is not None:
            self.dbg.loaded_chunk(self, f)
        return f

    def collect(self):
        found = super().collect()
        self.prune_coroutines()
        return found

    def prune_coroutines(self) -> None:
        marked = mark(self)[0]
        self.dbg_cos = [c for c in self.dbg_cos if c in marked]
        self.dbg_cos_prune = max(PRUNE_COS, 2 * len(self.dbg_cos))

    wraps_generators = True

    def frame_generator(self, fn, gen, args):
        """A replayable builtin's generator is recorded (replay.recording),
        so that a checkpoint can hold its frame."""
        return recording(self, fn, gen, args)

    def __deepcopy__(self, memo):
        new = object.__new__(type(self))
        memo[id(self)] = new
        nd = new.__dict__
        for k, v in self.__dict__.items():
            if k == "hook" or k == "dbg":
                nd[k] = None
            else:
                nd[k] = copy.deepcopy(v, memo)
        return new


__all__ = ["ERROR_HANDLER", "DebugLua", "InBuf", "OutBuf"]
