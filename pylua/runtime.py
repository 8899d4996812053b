"""The public API: ``Lua``, a Lua state with its libraries.

    from pylua import Lua
    L = Lua()
    L.execute('print("hello")')          # runs to the end; LuaError on error
    f = L.load(b"return 1 + ...", b"=expr")
    L.call(f, 2.0)                        # [3.0]
    L.start(f, 2.0); L.run(1000)          # or step by step: L.step()

``Lua`` is also the ``L`` every builtin receives (docs/internals.md).
"""

from __future__ import annotations

import sys

from . import ldebug
from .errors import LuaError
from .gc import proto_bytes
from .values import (
    CALL_HOST,
    CI_GEN,
    COROUTINE_BYTES,
    Builtin,
    Call,
    Coroutine,
    LuaFunction,
    LuaTable,
    Resume,
    UpVal,
    Userdata,
    Yield,
    new_ci,
)
from .vcode import ERROR, FINISHED, HOST_TB, PAUSED, RUNNING, SWITCH  # noqa: F401 - re-exported
from .vm import VM, prepare

GC_SLICE = 1 << 17  # the most run(budget) runs before it looks whether its budget is spent
# run(None) runs in pieces of this many instructions: the loop and compiled
# code count a budget down at every step, and a count below 2**30 is one
# machine digit of a Python int (its arithmetic a third cheaper than 1 << 62's)
RUN_PIECE = 1 << 29


def _host_fn(L, args):  # never called: names the host frame ("[C]: ?")
    return []


HOST = Builtin("?", _host_fn)


class Lua(VM):
    """A Lua 5.1 state.  ``sandbox=True`` opens only base, coroutine, string,
    table and math: nothing in Lua can reach host files, the environment or
    Python objects; and it loads no binary chunks (``allow_bytecode=True``
    lets them in again).  ``stdout``/``stderr`` are binary writers,
    ``stdin`` a binary reader (defaults: the process's).  ``memory_limit``
    (bytes, as the collector counts them: docs/internals.md, "Memory")
    makes an allocation that would pass it fail with Lua's "not enough
    memory"."""

    # the tuples the VM decodes code into (vcode.decode_stretch) count as memory;
    # a debugger's states share their Protos with its checkpoints, where
    # what is decoded depends on the session's past, not on the state
    counts_decoding = True

    def __init__(
        self,
        sandbox: bool = False,
        stdout=None,
        stdin=None,
        stderr=None,
        openlibs: bool = True,
        memory_limit: int | None = None,
        allow_bytecode: bool | None = None,
    ):
        super().__init__(memory_limit)
        self.sandbox = sandbox
        # Crafted bytecode is the classic way out of a Lua sandbox (Redis,
        # CVE-2015-4335): the sandbox reads every chunk as source, as
        # Redis's Lua does, unless told otherwise.
        self.allow_bytecode = not sandbox if allow_bytecode is None else bool(allow_bytecode)
        self.stdout = stdout if stdout is not None else sys.stdout.buffer
        self.stderr = stderr if stderr is not None else sys.stderr.buffer
        self.stdin = stdin if stdin is not None else sys.stdin.buffer
        self.loaded = LuaTable()
        self.registry.set(b"_LOADED", self.loaded)
        self.status = FINISHED  # of the last run started: nothing runs yet
        self._compiled = None  # a Proto load_steps compiled, for load
        self.compiling = 0  # bytes of the code load_steps has built so far
        if openlibs:
            from . import fastfunc
            from .lib import compiled_code_builtins, open_libs

            if not fastfunc.PURE:
                fastfunc.configure(*compiled_code_builtins())

            open_libs(self, sandbox)

    # -- what builtins use (docs/internals.md) --------------------------------

    def where(self, level: int) -> bytes:
        """luaL_where: b"chunk:line: " of the function at level, or b""."""
        return ldebug.where(self.current, level)

    def error(self, msg) -> LuaError:
        """luaL_error: the message with the position of the builtin's caller."""
        if isinstance(msg, str):
            msg = msg.encode()
        return LuaError(self.where(1) + msg)

    def caller_function(self, level: int):
        """The function running at level (1: the caller of the builtin)."""
        ci = ldebug.getstack(self.current, level)
        if ci is None or ci is ldebug.TAILCALL:
            return None
        return ci.cl

    def traceback(self, msg: bytes | None = None, level: int = 1, co=None) -> bytes:
        return ldebug.traceback(co if co is not None else self.current, msg, level)

    def load(self, chunk, chunkname=b"=input", env=None) -> LuaFunction:
        """lua_load: compile source or undump a binary chunk (LuaSyntaxError).
        Without ``allow_bytecode`` a chunk is always source: one starting
        with ESC fails as the parser fails on it ("unexpected symbol near
        'char(27)'"), as in Redis."""
        from .chunk import load as load_chunk

        self.use_memory()
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8")
        if isinstance(chunkname, str):
            chunkname = chunkname.encode("utf-8")
        chunk = bytes(chunk)
        done = self._compiled
        if done is not None and done[0] is chunk and done[1] == chunkname:
            p = done[2]  # compiled in steps by load_steps
            self._compiled = None
        else:
            p = load_chunk(chunk, chunkname, self.current.nCcalls, binary=self.allow_bytecode)
        prepare(p)
        if env is None:
            env = self.current.globals
        return LuaFunction(p, [UpVal([None], 0) for _ in range(p.nups)], env)

    def load_steps(self, chunk: bytes, chunkname: bytes = b"=input", env=None):
        """``load`` of a source in steps: a generator that yields how many
        bytes it has compiled so far (each time it has read some more,
        parser.compile_steps) and returns the function (through ``load``,
        so a subclass sees every chunk).  A binary chunk loads at once.  The
        code it builds counts against the memory limit as it grows
        (``compiling``: "not enough memory" when it would pass it); the VM
        decodes it later, as it runs."""
        from .parser import compile_steps

        chunk = bytes(chunk)
        if chunk[:1] != b"\x1b":
            # (chunk.load compiles sources with the parser's own depth count)
            self._compiled = None
            steps = compile_steps(chunk, chunkname)
            size = _CodeSize()
            try:
                p = None
                while p is None:
                    try:
                        pos, protos = next(steps)
                    except StopIteration as stop:
                        p = stop.value
                        protos = [p]
                    n = size.of(protos)
                    if n > self.compiling:
                        self.acct.alloc(n - self.compiling)
                        self.compiling = n  # (gc.mark counts it as reachable)
                    if p is None:
                        yield pos
            finally:
                steps.close()
                self.compiling = 0
            self._compiled = (chunk, chunkname, p)
        return self.load(chunk, chunkname, env)

    def new_coroutine(self, fn) -> Coroutine:
        self.acct.alloc(COROUTINE_BYTES)
        co = Coroutine(fn, self.current.globals)
        if self.coroutines is not None:
            self.coroutines.add(co)
        return co

    # -- running ------------------------------------------------------------

    def start(self, fn, *args, handler=HOST_TB) -> None:
        """Prepare a call of fn on the running coroutine; run() or step()
        then execute it.  Results end up in ``host_results``, an uncaught
        error in ``host_error`` (a LuaError).  ``handler`` is the message
        handler (lua_pcall's errfunc): a Lua function run at the point of
        the error, None for none; by default the error gets a
        ``traceback`` attribute (the text lua.c's handler would add)."""
        self.use_memory()
        th = self.current
        cis = th.cis
        func = cis[-1].top + 1 if cis else 0
        ci = new_ci(CI_GEN, HOST, func, func + 1, func + 1, -1, CALL_HOST)
        ci.gen = self.host_call(fn, [to_lua(a) for a in args], handler)
        ci.args = []
        cis.append(ci)
        th.nCcalls += 1
        th.transfer = None
        self.host_results = None
        self.host_error = None
        self.status = RUNNING

    def host_call(self, fn, args, handler):
        """The generator of the host's frame that start() pushes: lua_pcall
        of fn from the host, its outcome in host_results / host_error."""
        try:
            res = yield Call(fn, args, protected=True, handler=handler)
        except LuaError as e:
            self.host_error = e
            return []
        self.host_results = list(res)
        return []

    def run(self, budget: int | None = None) -> str:
        """Execute at most about budget instructions (None: to the end).
        Returns FINISHED, ERROR, RUNNING (budget used up) or PAUSED."""
        if self.status not in (RUNNING, PAUSED):
            return self.status  # nothing started, or the run is over
        self.status = st = self._run(budget)
        return st

    def _run(self, budget):
        while True:
            piece = RUN_PIECE if budget is None else min(max(budget, 1), GC_SLICE)
            if self.hook is not None or self.nhooks:
                st = self.run_stepping(1 << 62, piece)
            else:
                st = self._loop(piece)
            if st == SWITCH:
                continue
            if st != RUNNING:
                return st
            if budget is not None:
                budget -= piece
                if budget <= 0:
                    return RUNNING

    def run_counted(self, steps: int) -> str:
        """Run about ``steps`` instructions with every fast path the CLI has
        (compiled functions, pylua.fastfunc), counting them exactly as the
        stepping loop counts them: ``self.steps_left`` is steps minus the
        instructions run.  It stops at the first instruction boundary the
        count has reached where compiled code checks it (a loop's head, a
        function's entry), so steps_left may end a little below 0.  Lua's
        own hooks (debug.sethook) run in the stepping loop; the host's hook
        (``self.hook``) is not called.  Returns like run()."""
        if self.status not in (RUNNING, PAUSED):
            self.steps_left = steps
            return self.status
        self.steps_left = steps
        while True:
            if self.nhooks:
                hook, self.hook = self.hook, None
                try:
                    st = self.run_stepping(1 << 62, self.steps_left)
                finally:
                    self.hook = hook
            else:
                st = self._loop_count(1 << 62, self.steps_left)
            if st != SWITCH:
                self.status = st
                return st

    def step(self) -> str:
        """Execute exactly one instruction (builtins run as part of the
        instruction that calls them or that they return to)."""
        if self.status not in (RUNNING, PAUSED):
            return self.status
        while True:
            st = self.run_stepping(1 << 62, 1)
            if st != SWITCH:
                self.status = st
                return st

    def pcall_host(self, fn, args=(), handler=None):
        """lua_pcall from Python, run to the end: (True, results) or
        (False, error value).  handler: as for start()."""
        saved = self.host_results, self.host_error, self.status
        self.start(fn, *args, handler=handler)
        try:
            st = self.run(None)
            while st == PAUSED:
                self.status = RUNNING
                st = self.run(None)
            if st == ERROR:
                return False, self.host_error.value
            return True, self.host_results
        finally:
            self.host_results, self.host_error, self.status = saved

    def call(self, fn, *args) -> list:
        """Call a Lua value from Python and run it to the end; returns its
        results, raises LuaError.  Usable while another run is paused."""
        saved = self.host_results, self.host_error, self.status
        self.start(fn, *args)
        try:
            st = self.run(None)
            while st == PAUSED:
                self.status = RUNNING
                st = self.run(None)
            if st == ERROR:
                raise self.host_error
            return self.host_results
        finally:
            self.host_results, self.host_error, self.status = saved

    def execute(self, source, chunkname="=input") -> list:
        """Compile and run a chunk to the end.  Returns its results; raises
        LuaSyntaxError or LuaError (the latter with ``.traceback``)."""
        return self.call(self.load(source, chunkname))

    # -- globals and conversions --------------------------------------------

    def get_global(self, name):
        if isinstance(name, str):
            name = name.encode("utf-8")
        return self.globals.get(name)

    def set_global(self, name, value) -> None:
        self.use_memory()
        if isinstance(name, str):
            name = name.encode("utf-8")
        self.globals.set(name, to_lua(value))

    def __getitem__(self, name):
        return self.get_global(name)

    def __setitem__(self, name, value) -> None:
        self.set_global(name, value)

    def register(self, name: str, fn) -> Builtin:
        """A global function written in Python the way the libraries are:
        ``fn(L, args)`` gets the Lua values (docs/internals.md) and returns
        a list or tuple of results (None: no results), each converted with
        ``to_lua``; fn may be a generator yielding requests (Call, Charge...),
        whose return value is converted the same way."""
        b = Builtin(name, _builtin_adapter(name, fn))
        self.set_global(name, b)
        return b

    # -- the collector -------------------------------------------------------

    def gc_count_kb(self) -> float:
        """collectgarbage("count"): the bytes counted now, in KB."""
        self.gc_observe()
        return self.acct.total / 1024.0


class _CodeSize:
    """The bytes of the Protos a compile has built so far, as the collector
    counts a Proto (gc.proto_bytes): a finished one (in the list of
    functions of one being built) is counted once, those being built again
    at each look."""

    def __init__(self):
        self.done = set()  # the ids of the finished ones counted
        self.seen = {}  # id of a Proto being built -> how many of its functions were looked at
        self.finished = 0  # their bytes

    def of(self, protos) -> int:
        n = 0
        for f in protos:  # (all alive while the compile runs: ids stay theirs)
            ps = f.p
            i = self.seen.get(id(f), 0)
            for q in ps[i:]:
                self._count(q)
            self.seen[id(f)] = len(ps)
            n += proto_bytes(f)
        return self.finished + n

    def _count(self, p) -> None:
        work = [p]
        while work:
            q = work.pop()
            if id(q) not in self.done:
                self.done.add(id(q))
                self.finished += proto_bytes(q)
                work.extend(q.p)


# -- Python functions seen from Lua ----------------------------------------------
#
# Two ways in (README, "From Python"):
# - L.register(name, fn): fn(L, args) with the Lua values, a list of results;
# - any other Python callable given to Lua (L[name] = f, set_global, a dict
#   value, an argument of L.call): a plain Python function, called as
#   f(*args) with each argument converted by to_python; it returns None (no
#   results), a tuple (several) or one value.
# Either way the results go through to_lua, so nothing but Lua values ever
# reaches Lua; a result with no Lua value is a Lua error at the call.


def _results(L, name: str, res) -> list:
    try:
        return [to_lua(v) for v in res]
    except (TypeError, OverflowError) as e:
        raise L.error(f"bad result from '{name}' ({e})") from None


def _builtin_adapter(name: str, fn):
    def builtin(L, args):
        res = fn(L, args)
        if res is None:
            return ()
        c = res.__class__
        if c is list or c is tuple:
            return _results(L, name, res)
        if hasattr(res, "send"):
            return _converted(L, name, res)
        if c is Resume or c is Yield:
            return res
        raise L.error(f"'{name}' must return a list of results, not {c.__name__}")

    return builtin


def _converted(L, name, gen):
    res = yield from gen
    if res is None:
        return ()
    if res.__class__ is not list and res.__class__ is not tuple:
        raise L.error(f"'{name}' must return a list of results, not {res.__class__.__name__}")
    return _results(L, name, res)


def _python_function(f) -> Builtin:
    name = getattr(f, "__name__", None) or "?"

    def call(L, args):
        res = f(*[to_python(a) for a in args])
        if res is None:
            return ()
        return _results(L, name, res if res.__class__ is tuple else (res,))

    return Builtin(name, call)


def to_lua(v):
    """A Python value as a Lua value: int -> float, str -> bytes, dict/list ->
    table, a callable -> a function calling it as a plain Python function
    (see above); Lua values pass through.  TypeError when there is none."""
    if v is None or v.__class__ in (bool, float, bytes):
        return v
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, int):
        return float(v)
    if isinstance(v, float):
        return float(v)
    if isinstance(v, str):
        return v.encode("utf-8")
    if isinstance(v, (bytearray, memoryview)):
        return bytes(v)
    if isinstance(v, (LuaTable, LuaFunction, Builtin, Coroutine, Userdata)):
        return v
    if isinstance(v, dict):
        t = LuaTable()
        for k, x in v.items():
            t.set(to_lua(k), to_lua(x))
        return t
    if isinstance(v, (list, tuple)):
        t = LuaTable(len(v), 0)
        for i, x in enumerate(v):
            t.seti(i + 1, to_lua(x))
        return t
    if callable(v):
        return _python_function(v)
    raise TypeError(f"no Lua value for {type(v).__name__}")


def to_python(v, _seen=None):
    """A Lua value as a Python value: integral floats -> int, bytes -> str
    (UTF-8, replacing), tables -> list (a sequence 1..n) or dict."""
    c = v.__class__
    if c is float:
        return int(v) if v.is_integer() else v
    if c is bytes:
        return v.decode("utf-8", "replace")
    if c is LuaTable:
        if _seen is None:
            _seen = {}
        if id(v) in _seen:
            return _seen[id(v)]
        n = v.length()
        items = list(v.items())
        if n and len(items) == n:
            out = []
            _seen[id(v)] = out
            out.extend(to_python(v.geti(i), _seen) for i in range(1, n + 1))
            return out
        d = {}
        _seen[id(v)] = d
        for k, x in items:
            d[to_python(k, _seen)] = to_python(x, _seen)
        return d
    return v
