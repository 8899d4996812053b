"""The worker's Python side: drives ``pylua.debugger.Session`` for the page.

Loaded by worker.js into Pyodide after pylua's wheel is installed.  Every
function returns a JSON string (one copy across the JS boundary).  The page
draws nothing a snapshot does not give it.
"""

from __future__ import annotations

import codecs
import itertools
import json
import time

from pylua.debugger import DEFAULT_MEMORY_LIMIT, Session
from pylua.debugger.explain import did as _did

CHUNKNAME = "=input"
MB = 1 << 20
_session = None
_last = None  # the last whole snapshot sent: what `did` speaks of (docs/snapshot.md)


def first_session() -> str:
    """Runs a first session before the page says ready: it compiles the
    VM's stepping loops, which the page's first step would pay for."""
    s = Session("local t = {1}\nfor i = 1, 2 do t[i] = i end\nprint(#t)\n", chunkname=CHUNKNAME)
    s.step()
    s.breakpoints.add(3)
    _dumps(s.continue_())
    s.listing()
    return "null"


def load(source: str, breakpoints_json: str, memory_limit_mb=None) -> str:
    """A new Session on source: {listing, snapshot, load_error,
    memory_limit} (a chunk that does not compile: no listing, the
    compiler's message as load_error, and no session to run).
    memory_limit_mb: the page's setting, in MB (None: the Session's
    default, 256 MB); memory_limit in the answer is the session's, in bytes."""
    global _session
    _session = None
    s = Session(source, chunkname=CHUNKNAME, memory_limit=_limit(memory_limit_mb))
    return _opened(s, breakpoints_json)


def _limit(memory_limit_mb):
    return DEFAULT_MEMORY_LIMIT if memory_limit_mb is None else int(float(memory_limit_mb) * MB)


def _opened(s, breakpoints_json: str) -> str:
    """The answer of load and load_redis for the new session s."""
    global _session
    s.breakpoints.clear()
    s.breakpoints.update(json.loads(breakpoints_json))
    _session = s
    snap = _with_did(s.snapshot())
    listing = s.listing()
    load_error = None
    if listing is None:
        load_error = snap["error"]
        _session = None
    return _dumps({"listing": listing, "snapshot": snap, "load_error": load_error,
                   "memory_limit": s.memory_limit})


# -- Redis mode ------------------------------------------------------------------
# The worker installs fakeredis and its dependencies (wheels served from our
# origin) when Redis mode is first chosen, then calls redis_ready().

REDIS_CHUNKNAME = "=user_script"  # as Redis names a script's chunk


def _redis_session_class():
    from pylua.redis.session import RedisSession

    return RedisSession


def redis_ready() -> str:
    """Imports Redis mode's modules and runs a first script (what the
    first step would pay for): {python, fakeredis}."""
    import fakeredis

    cls = _redis_session_class()
    s = cls("local v = redis.call('INCR', KEYS[1])\nreturn v\n", keys=["k"], argv=[],
            setup="SET a 1", chunkname=REDIS_CHUNKNAME)
    s.step()
    _dumps(s.continue_())
    return _dumps({"fakeredis": getattr(fakeredis, "__version__", "?")})


def load_redis(source: str, keys_json: str, argv_json: str, setup: str, breakpoints_json: str,
               memory_limit_mb=None) -> str:
    """A new RedisSession: the script with KEYS and ARGV (JSON lists of
    strings), the keyspace seeded by setup (one Redis command a line);
    the answer as load's (snapshot["redis"]: docs/snapshot.md)."""
    global _session
    _session = None
    cls = _redis_session_class()
    s = cls(source, keys=json.loads(keys_json), argv=json.loads(argv_json), setup=setup,
            chunkname=REDIS_CHUNKNAME, memory_limit=_limit(memory_limit_mb))
    return _opened(s, breakpoints_json)


def _text(obj):
    if isinstance(obj, (bytes, bytearray)):
        return bytes(obj).decode("utf-8", "replace")
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    return str(obj)


def _dumps(obj) -> str:
    """JSON, tolerating a stray bytes value (shown as UTF-8 text)."""
    return json.dumps(obj, default=_text)


def _with_did(snap: dict) -> dict:
    """snap with `did`: what the instruction of the last snapshot sent did,
    when snap is one step after it (else null)."""
    global _last
    if "frames" in snap:
        snap["did"] = _did(_last, snap)
        _last = snap
    return snap


def set_breakpoints(lines_json: str) -> str:
    if _session is not None:
        _session.breakpoints.clear()
        _session.breakpoints.update(json.loads(lines_json))
    return "null"


COMMANDS = {"step", "step_line", "step_over", "step_out", "back", "back_line", "goto", "snapshot"}


def command(name: str, arg) -> str:
    if _session is None:
        raise RuntimeError("no program is loaded")
    if name not in COMMANDS:
        raise ValueError(f"unknown command {name!r}")
    t0 = time.perf_counter()
    fn = getattr(_session, name)
    snap = _with_did(_with_returns(fn(int(arg)) if name == "goto" else fn()))
    return _dumps({"snapshot": snap, "ms": (time.perf_counter() - t0) * 1000})


# the commands that can run for long: run by the worker in budgets
BUDGETED = {"continue": "continue_", "step_line": "step_line", "step_over": "step_over",
            "step_out": "step_out"}


# what the page has of the output of the command running: [bytes, decoder]
_stream = None


def run_command(name: str, budget: int, first: bool) -> str:
    """Runs command `name` (continue, step_line, step_over, step_out) for
    about `budget` instructions: the first call starts it, the next ones
    resume it.  {snapshot, done}: while only the budget stopped it (done is
    false) the snapshot is the session's cheap progress() (step, status),
    its output as what was written since the last call (output_new, text;
    output_reset: more was written than the session keeps, output_new is
    the tail it keeps), and the worker checks for Stop before calling
    again."""
    global _stream
    if _session is None:
        raise RuntimeError("no program is loaded")
    if name not in BUDGETED:
        raise ValueError(f"unknown command {name!r}")
    t0 = time.perf_counter()
    if first:
        _stream = [_session.output_after(0)[0], codecs.getincrementaldecoder("utf-8")("replace")]
        snap = getattr(_session, BUDGETED[name])(budget=int(budget), partial=True)
    else:
        snap = _session.resume(budget=int(budget), partial=True)
    done = snap.get("reason") != "budget"
    if done:
        _stream = None
        snap = _with_did(_with_returns(snap))
    else:
        snap.pop("output", None)
        snap.pop("output_omitted", None)
        snap["output_new"], snap["output_reset"] = _output_new()
    return _dumps({"snapshot": snap, "done": done, "ms": (time.perf_counter() - t0) * 1000})


def _output_new() -> tuple:
    """(the text written since the last call, whether some was lost)."""
    n, data, gap = _session.output_after(_stream[0])
    _stream[0] = n
    dec = _stream[1]
    if gap:
        dec.reset()
        k = 0
        while k < 3 and k < len(data) and 0x80 <= data[k] < 0xC0:
            k += 1  # (the tail kept may start inside a character)
        data = data[k:]
    return dec.decode(data), gap


def _with_returns(snap: dict) -> dict:
    """A finished Lua session's snapshot with the main chunk's return
    values as text (snap["returns"]: strings quoted as Lua source writes
    them, other values as tostring shows them); Redis mode shows its
    reply instead (snap["redis"]["reply"])."""
    if snap.get("status") != "finished" or "redis" in snap or _session is None:
        return snap
    L = getattr(_session, "L", None)
    res = getattr(L, "host_results", None)
    if res is None:
        return snap
    snap["returns"] = [_lua_text(L, v) for v in res[:50]]
    return snap


def _lua_text(L, v) -> str:
    if isinstance(v, bytes):
        text = v[:200].decode("utf-8", "replace")
        return json.dumps(text, ensure_ascii=False) + ("…" if len(v) > 200 else "")
    return L.tostring_raw(v).decode("utf-8", "replace")


def table_entries(ref: str, part: str, offset, count) -> str:
    """A page of a table at the current step: Session.table_entries
    (docs/snapshot.md, "Table page"), for the tables panel's "show more"."""
    if _session is None:
        raise RuntimeError("no program is loaded")
    return _dumps(_session.table_entries(ref, part, int(offset), int(count)))


def snapshot() -> str:
    if _session is None:
        raise RuntimeError("no program is loaded")
    return _dumps({"snapshot": _session.snapshot()})


def bench_plain(source: str) -> str:
    """The program run by the VM alone, as `python -m pylua` runs it (no
    debugger, its output dropped): {seconds, output_tail}, for
    bench/page_run.py's Pyodide/CPython ratio."""
    from pylua import Lua

    class Sink:
        n = 0
        tail = b""

        def write(self, b):
            self.n += len(b)
            self.tail = (self.tail + bytes(b))[-200:]
            return len(b)

        def flush(self):
            pass

    out = Sink()
    t0 = time.perf_counter()
    L = Lua(sandbox=True, stdout=out)
    L.execute(source.encode("utf-8"), b"=input")
    return _dumps({"seconds": time.perf_counter() - t0, "output_tail": out.tail.decode("utf-8", "replace")})


# -- warming up ---------------------------------------------------------------
# Pyodide compiles the interpreter's WebAssembly function by function, the
# first time each runs: the first step through a metatable or a coroutine
# took 60-80 ms where the next took 1 ms.  While the page is idle the worker
# steps through the examples in sessions of their own, a few steps a tick.

_warm = None


def warm_up_start(sources_json: str) -> str:
    global _warm
    _warm = _warm_steps(json.loads(sources_json))
    return "null"


def warm_up_redis_start(examples_json: str) -> str:
    """Redis mode's examples ([source, keys, argv, setup] each) warm up
    next, after what is left of the Lua ones."""
    global _warm
    rest = _warm
    cls = _redis_session_class()
    examples = json.loads(examples_json)

    def make(ex):
        return cls(ex[0], keys=ex[1], argv=ex[2], setup=ex[3], chunkname=REDIS_CHUNKNAME)

    redis = _warm_steps(examples, make)
    _warm = itertools.chain(rest, redis) if rest is not None else redis
    return "null"


def _warm_steps(sources, make=None):
    for src in sources:
        s = make(src) if make else Session(src, chunkname=CHUNKNAME)
        for i in range(60):
            snap = s.step()
            _dumps(snap)
            if snap["status"] != "paused":
                break
            if i % 2 == 1:
                yield
        s.listing()
        yield
        s.back()
        s.back_line()
        yield


def warm_up_tick(ms: float) -> str:
    """Warms up for about ms milliseconds; "true" while there is more."""
    global _warm
    if _warm is None:
        return "false"
    end = time.perf_counter() + ms / 1000
    try:
        while time.perf_counter() < end:
            next(_warm)
    except StopIteration:
        _warm = None
    except Exception:  # a warm-up that fails only warms less
        _warm = None
    return "true" if _warm is not None else "false"

