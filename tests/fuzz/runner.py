"""Running one fuzz case, and running many in worker processes.

A case is a program (Lua source or a binary chunk, as bytes).  It runs in
``Lua(sandbox=True, allow_bytecode=True, memory_limit=MEMORY_LIMIT)`` (the
playground's profile, 256 MB) for ``budget`` instructions
(``run(budget)``), under a wall-clock guard, in a worker process whose
address space is capped above that (so a MemoryError means the limit let
an allocation through).  What may happen (``Outcome.status``):

- ``rejected``: the load failed with a Lua error (a syntax error, a bad
  binary chunk);
- ``finished``, ``error`` (a Lua error with its message), ``running`` (the
  budget ran out): all fine;
- ``python``: a Python exception, escaped or turned into a Lua error by
  the VM (``internal error: ...``); ``memory``: the same for MemoryError
  (the worker's address space is capped); ``hang``: ``run(budget)`` did
  not return within the wall-clock limit; ``crash``: the worker died.
  These are findings.

``Pool`` keeps worker processes (restarted after a hang or a crash) and
hands them cases; ``run_case`` is what a worker does with one, and can be
called in-process too (the guard is then a SIGALRM timer).
"""

from __future__ import annotations

import io
import multiprocessing as mp
import os
import resource
import signal
import time
import traceback
from dataclasses import dataclass

from pylua import Lua
from pylua.errors import ArgError, LuaError, LuaSyntaxError
from pylua.vcode import ERROR, FINISHED, PAUSED, RUNNING, SWITCH

FINDINGS = ("python", "memory", "hang", "crash")
BUDGET = 20_000  # instructions per case
WALL = 5.0  # seconds a case may take (load and run)
MEMORY_LIMIT = 256 << 20  # the Lua state's memory limit (the playground's default)
MEMORY = 2 << 30  # bytes of address space a worker may map


@dataclass
class Outcome:
    status: str
    detail: str = ""
    seconds: float = 0.0

    @property
    def finding(self) -> bool:
        return self.status in FINDINGS


class Hang(BaseException):
    """The wall-clock guard went off (a BaseException: the VM converts only
    Exceptions into Lua errors)."""


class CappedWriter(io.RawIOBase):
    """stdout/stderr of a case: keeps the first bytes, counts the rest."""

    LIMIT = 1 << 16

    def __init__(self):
        self.buf = bytearray()
        self.total = 0

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        n = len(b)
        self.total += n
        room = self.LIMIT - len(self.buf)
        if room > 0:
            self.buf += bytes(b[:room])
        return n


class FuzzLua(Lua):
    """The sandbox profile, noting every Python exception that the VM turns
    into a Lua error (an escaped bug shows only as a message otherwise)."""

    def __init__(self):
        self.python_errors: list[str] = []
        out = CappedWriter()
        super().__init__(sandbox=True, allow_bytecode=True, stdout=out, stderr=out,
                         stdin=io.BytesIO(b""), memory_limit=MEMORY_LIMIT)  # fmt: skip

    def _to_luaerror(self, th, e):
        if not isinstance(e, (LuaError, ArgError)):
            self.python_errors.append(
                "".join(traceback.format_exception(type(e), e, e.__traceback__, limit=-8))
            )
        return super()._to_luaerror(th, e)


def _alarm(signum, frame):
    raise Hang()


def run_case(data: bytes, budget: int = BUDGET, wall: float = WALL) -> Outcome:
    """Load and run one program; never raises (but for KeyboardInterrupt)."""
    t0 = time.perf_counter()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, wall)
    try:
        out = _run(data, budget)
    except Hang:  # where it was when the time ran out tells why
        out = Outcome("hang", f"over {wall} s\n" + traceback.format_exc(limit=-6))
    except MemoryError:
        out = Outcome("memory", traceback.format_exc(limit=-8))
    except Exception:
        out = Outcome("python", traceback.format_exc(limit=-8))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    out.seconds = time.perf_counter() - t0
    return out


def _run(data: bytes, budget: int) -> Outcome:
    L = FuzzLua()
    try:
        fn = L.load(data, b"=fuzz")
    except LuaSyntaxError as e:
        return _checked(L, Outcome("rejected", _text(e.value)))
    except LuaError as e:  # not a syntax error: something else went wrong
        return Outcome("python", "load raised %r" % e)
    L.start(fn)
    st = L.run(budget)
    for _ in range(100):  # hooks switched: the loop said so, run again
        if st not in (PAUSED, SWITCH):
            break
        st = L.run(budget)
    if st == FINISHED:
        out = Outcome("finished")
    elif st == RUNNING:
        out = Outcome("running")
    elif st == ERROR:
        e = L.host_error
        if not isinstance(e, LuaError):
            return Outcome("python", "host_error is %r" % (e,))
        out = Outcome("error", _text(e.value))
    else:
        return Outcome("python", f"run returned {st!r}")
    return _checked(L, out)


def _checked(L: FuzzLua, out: Outcome) -> Outcome:
    if L.python_errors:
        tb = L.python_errors[0]
        kind = "memory" if "MemoryError" in tb.rsplit("\n", 2)[-2] else "python"
        return Outcome(kind, tb)
    return out


def _text(v) -> str:
    return v.decode("latin-1") if isinstance(v, bytes) else repr(v)


# -- worker processes ------------------------------------------------------------


def _worker(conn, memory: int) -> None:
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        data, budget, wall = job
        out = run_case(data, budget, wall)
        conn.send((out.status, out.detail[:20000], out.seconds))


class Worker:
    def __init__(self, memory: int = MEMORY):
        ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, memory), daemon=True)
        self.proc.start()
        child.close()

    def run(self, data: bytes, budget: int, wall: float) -> Outcome:
        """The outcome of a case; after a hang or a crash the worker is dead
        (``alive`` false) and must be replaced."""
        t0 = time.perf_counter()
        try:
            self.conn.send((data, budget, wall))
            # the case's own guard fires at `wall`; past that, Python code is
            # stuck where a signal cannot reach it
            if self.conn.poll(wall + 10):
                status, detail, secs = self.conn.recv()
                return Outcome(status, detail, secs)
        except (EOFError, BrokenPipeError, ConnectionResetError):
            self.proc.join(1)
            return Outcome("crash", f"worker died: exit code {self.proc.exitcode}",
                           time.perf_counter() - t0)  # fmt: skip
        self.kill()
        return Outcome("hang", f"no answer after {wall + 10} s", time.perf_counter() - t0)

    @property
    def alive(self) -> bool:
        return self.proc.is_alive()

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)

    def close(self) -> None:
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.proc.join(5)
        self.kill()


class Pool:
    """``jobs`` workers; ``map`` runs cases in order of completion."""

    def __init__(self, jobs: int = 1, memory: int = MEMORY):
        self.memory = memory
        self.workers = [Worker(memory) for _ in range(jobs)]

    def map(self, cases, budget: int = BUDGET, wall: float = WALL):
        """Yield (case, Outcome) for each case (any object with .data)."""
        import threading
        from queue import Queue

        results: Queue = Queue()
        todo = iter(cases)
        lock = threading.Lock()

        def drive(i):
            while True:
                with lock:
                    try:
                        case = next(todo, None)
                    except Exception as e:  # a bug of a generator: say so, and stop
                        results.put(e)
                        case = None
                if case is None:
                    results.put(None)
                    return
                w = self.workers[i]
                out = w.run(case.data, budget, wall)
                if not w.alive:
                    w.kill()
                    self.workers[i] = Worker(self.memory)
                results.put((case, out))

        threads = [threading.Thread(target=drive, args=(i,), daemon=True)
                   for i in range(len(self.workers))]  # fmt: skip
        for t in threads:
            t.start()
        done = 0
        while done < len(threads):
            item = results.get()
            if item is None:
                done += 1
            elif isinstance(item, Exception):
                raise item
            else:
                yield item

    def close(self) -> None:
        for w in self.workers:
            w.close()


__all__ = ["BUDGET", "FINDINGS", "MEMORY", "MEMORY_LIMIT", "WALL", "FuzzLua", "Outcome", "Pool", "Worker",
           "run_case"]  # fmt: skip
