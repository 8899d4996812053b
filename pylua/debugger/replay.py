"""Going back is replaying: the session's checkpoints, and the recording
of builtins' generators that lets a checkpoint hold their frames.

Checkpoints are deep copies of the session's whole Lua state
(pylua/checkpoint.py), taken every few thousand instructions, spaced so
that copying costs about a tenth of running, and thinned when they take
too much memory (recent ones kept dense, old ones sparse).  Going to step
n restores the last checkpoint at or before n and runs forward to n.

A frame of a builtin waiting on Lua code (pcall, print calling a
__tostring...) holds a Python generator, which cannot be copied.  When
such a frame is made, the state's ``frame_generator`` (docs/internals.md)
hands the generator to ``recording``: for the builtins listed in
REPLAYABLE it is wrapped in a ``checkpoint.RecGen``, which records what it
is sent and how to make it again (a function and its arguments, known from
the builtin and the arguments it was called with).  A copy of the frame is
rebuilt by making the generator again and replaying what it was sent.  A
frame of any other generator (mid-sort...) makes the state not
checkpointable until it returns.
"""

from __future__ import annotations

import copy
import gc
import time

from .. import checkpoint as ckpt
from ..lib import base, string
from ..runtime import Lua
from ..values import CI_GEN, Builtin, LuaFunction

ckpt.install()

COPY_SHARE = 0.03  # copying may cost about this share of running time...
MAX_COPY_SHARE = 0.5  # ...and never more than this one, however heavy the state
MIN_SPACING = 1_000
MAX_SPACING = 1_000_000  # (unless copying costs more than MAX_COPY_SHARE at this spacing)
RETRY = 200  # instructions to wait when a checkpoint is not possible yet (then twice as many...)
MAX_WEIGHT = 160 << 20  # bytes the checkpoints may take together (checkpoint.weigh's estimate)
MAX_ONE = MAX_WEIGHT // 4  # bytes one checkpoint may take: a heavier state is not copied
MAX_REPLAY = 0.5  # seconds: checkpoints at most this much running apart (if copying is cheap)
SETTLE_MIN = 0.05  # seconds of replay worth a checkpoint where a command stops (Checkpoints.settle)


# -- the generators a checkpoint can hold ------------------------------------


class Recipe:
    """How to make a builtin's generator again: ``make(L, args)`` with the
    arguments the builtin was called with; only ``when(args)`` holds, if
    given; ``mute``: its replay writes output (muted while rebuilding)."""

    __slots__ = ("make", "when", "mute")

    def __init__(self, make, when=None, mute=False):
        self.make = make
        self.when = when
        self.mute = mute


def _repl_is_function(args) -> bool:
    # gsub with a table looks keys up again: the table may have changed
    return len(args) >= 3 and args[2].__class__ in (LuaFunction, Builtin)


# a builtin's Python function -> the Recipe of its generator.  A generator
# function is called again; a builtin that returns a generator is called
# again, which looks up again what it decided with (tostring's
# __tostring), or its generator function is named (print's); a rebuilt
# generator that asks for something else than the original did is refused
# (checkpoint.rebuild), so the state may only have changed harmlessly.
REPLAYABLE = {
    base.lua_pcall: Recipe(base.lua_pcall),
    base.lua_xpcall: Recipe(base.lua_xpcall),
    base.lua_print: Recipe(base.print_gen, mute=True),
    base.lua_tostring: Recipe(base.lua_tostring),
    string.str_gsub: Recipe(string.str_gsub, when=_repl_is_function),
}


def recording(L, fn, gen, args):
    """The generator the frame of builtin fn (called with args) drives: a
    RecGen around gen when the frame can be rebuilt in a copy, else gen."""
    r = REPLAYABLE.get(fn.fn)
    if r is None or (r.when is not None and not r.when(args)):
        return gen
    return ckpt.RecGen(gen, r.make, [L, args], r.mute)


def record_host(L, fn, handler) -> None:
    """The host's frame of a run just started with L.start(fn, handler=...)
    (the outermost frame of every state): recorded like a builtin's."""
    host = L.current.cis[-1]
    host.gen = ckpt.RecGen(host.gen, Lua.host_call, [L, fn, [], handler])


def rebuild_frames(L, gens) -> None:
    """Make the generators of the copied frames gens again (in the
    coroutine that holds each, with output muted where it must be)."""
    if not gens:
        return
    owner = {}
    for th in [L.main, *L.dbg_cos]:
        for ci in th.cis:
            if ci.kind == CI_GEN and ci.gen is not None:
                owner[id(ci.gen)] = th
    cur = L.current
    out = L.stdout
    try:
        for rg in gens:
            L.current = owner.get(id(rg), cur)
            if rg.mute:
                out.muted = True
            try:
                ckpt.rebuild(rg)
            finally:
                out.muted = False
    finally:
        L.current = cur


# -- checkpoints -----------------------------------------------------------------


class no_gc:
    """Python's cycle collector off while a checkpoint is copied: the copy
    makes many objects at once, and none of them is garbage."""

    def __enter__(self):
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        if self.was:
            gc.enable()


class Checkpoint:
    __slots__ = ("step", "bundle", "ids", "weight")

    def __init__(self, step, bundle, ids, weight):
        self.step = step
        self.bundle = bundle
        self.ids = ids
        self.weight = weight


class Checkpoints:
    """A session's checkpoints (``at``: step -> Checkpoint) and when to
    take the next one (``next``), with what it measures on the way: the
    instructions run per second (``rate``, kept by the session) and what
    a restore costs.

    The spacing between checkpoints follows what copying costs: about
    COPY_SHARE of the running time, never more than MAX_COPY_SHARE however
    heavy the heap (the spacing then grows past MAX_SPACING), never less
    than MIN_SPACING instructions, and the next checkpoint is always asked
    for a spacing after the last attempt, whether the attempt was kept,
    thinned away at once or failed: the session never copies at every
    step.  A state heavier than MAX_ONE is not copied at all (the copy
    stops there), so no single copy costs more than copying MAX_ONE bytes."""

    def __init__(self, tr):
        self.tr = tr
        self.at = {}
        self.spacing = MIN_SPACING * 4
        self.rate = 1e6  # instructions per second, measured as it runs
        self.next = 0  # the step at which to try the next checkpoint
        self.restore_cost = 0.001  # seconds to restore a checkpoint, measured
        self.retry = RETRY  # instructions to wait before trying again a state that could not be copied
        self.failed = 0  # attempts that could not copy the state (too heavy, no memory)
        self.failed_at = None  # the step of the last of them
        self.copy_cost = 0.001  # seconds the last copy took
        self.run_since = 0.0  # seconds run since the live state left a checkpoint (kept by the session)

    def last(self, n: int, default=None) -> int:
        """The step of the last checkpoint at or before n."""
        return max((s for s in self.at if s <= n), default=default)

    def _space(self, cost: float) -> None:
        """The spacing after a copy (or an attempt) that took cost seconds."""
        self.copy_cost = cost
        rate = self.rate
        ideal = cost * rate / COPY_SHARE
        floor = cost * rate / MAX_COPY_SHARE
        self.spacing = int(max(MIN_SPACING, floor, min(ideal, MAX_SPACING, rate * MAX_REPLAY)))

    def take(self, L, limit=None) -> bool:
        """A checkpoint of the live state at the current step (unless
        thinning drops it at once).  False when the state cannot be
        copied: heavier than limit (MAX_ONE bytes), or out of memory.
        Raises checkpoint.RebuildError when a frame of it cannot be copied."""
        tr = self.tr
        t0 = time.perf_counter()
        if limit is None:
            limit = MAX_ONE
        memo = {ckpt.WEIGHT: ckpt.Weight(limit)}
        bundle = {"L": L, "lastci": tr.lastci, "lastpc": tr.lastpc, "lastmarks": tr.lastmarks,
                  "next": tr.next, "count": tr.count}
        try:
            with no_gc():
                bundle = copy.deepcopy(bundle, memo)
        except (ckpt.TooHeavy, MemoryError):
            memo = bundle = None
            self.failed += 1
            self.failed_at = tr.count
            self._space(time.perf_counter() - t0)
            return False
        except ckpt.RebuildError:
            self._space(time.perf_counter() - t0)
            raise
        live = {}
        ids = {}
        for k, e in tr.ids.items():
            c = memo.get(k)
            if c is None and e[0].__class__ is Builtin:
                # a builtin the copy did not reach may still be alive, out
                # of the program's reach for now (ipairs's iterator, a
                # library's function): it keeps its id
                c = e[0]
            if c is not None:
                live[k] = e
                ids[id(c)] = (c, e[1], e[2])
        tr.ids = live  # what the copy did not reach is garbage: forget it
        w = memo[ckpt.WEIGHT].n + ckpt.B_OBJECT * len(ids)
        if w > limit:  # (with the ids it keeps)
            self.failed += 1
            self.failed_at = tr.count
            self._space(time.perf_counter() - t0)
            return False
        step = tr.count
        self.at[step] = Checkpoint(step, bundle, ids, w)
        self.run_since = 0.0
        self._space(time.perf_counter() - t0)
        self.thin()
        return True

    def due(self, L) -> None:
        """The live state has reached ``next``: take a checkpoint if it can
        be taken, else try again later (a little later when only a frame
        in progress forbids it)."""
        step = self.tr.count
        if step in self.at:
            self.schedule()
            return
        if not ckpt.checkpointable(L):
            # (a long builtin frame, table.sort's: each stretch stops here,
            # and a run in the fast paths pays for every stop)
            self.next = step + self.retry
            self.retry = min(2 * self.retry, max(self.spacing, RETRY))
            return
        self.retry = RETRY
        try:
            self.take(L)
        except ckpt.RebuildError:
            pass
        self.schedule(floor=step + self.spacing)

    def settle(self, L) -> None:
        """A command stopped here after running (at a breakpoint, its
        target, the program's end, a goto): the next commands are likely
        to go back and forth around here, and each one that cannot be
        answered from kept snapshots replays from the last checkpoint
        before it.  A checkpoint here when that replay would cost more
        than twice a copy (by the instructions since that checkpoint, or
        by the time run since the live state left a checkpoint: one
        instruction may take long, a string.rep of 200 MB), and no copy
        failed within a spacing."""
        cur = self.tr.count
        if cur in self.at:
            return
        replay = max((cur - self.last(cur, default=0)) / self.rate, self.run_since)
        if replay < max(2 * self.copy_cost, SETTLE_MIN):
            return
        if self.failed_at is not None and abs(cur - self.failed_at) < self.spacing:
            return
        self.due(L)

    def schedule(self, floor: int | None = None) -> None:
        """When to try the next checkpoint: a spacing after the last one
        behind us, unless one we already have lies about there; never
        before floor (by default, the next step)."""
        cur = self.tr.count
        steps = sorted(self.at)
        prev = max((s for s in steps if s <= cur), default=0)
        target = prev + self.spacing
        for s in steps:
            if s > cur:
                if s <= target + self.spacing // 2:
                    prev = s
                    target = s + self.spacing
                else:
                    break
        self.next = max(target, cur + 1 if floor is None else floor)

    def thin(self) -> None:
        """Drop checkpoints while they weigh too much: first where they are
        densest compared with how far back they are (step 0 always stays)."""
        cks = self.at
        total = sum(c.weight for c in cks.values())
        if total <= MAX_WEIGHT or len(cks) <= 2:
            return
        cur = self.tr.count
        while total > MAX_WEIGHT and len(cks) > 2:
            steps = sorted(cks)
            best = None
            for j in range(1, len(steps) - 1):
                gap = steps[j + 1] - steps[j - 1]
                age = cur - steps[j]
                score = gap / (1.0 + abs(age) / max(self.spacing, 1))
                if best is None or score < best[0]:
                    best = (score, steps[j])
            if best is None:
                break
            total -= cks.pop(best[1]).weight

    def restore(self, target: int):
        """The Lua state of the last usable checkpoint at or before target
        (a copy: the checkpoint stays), with the tracker set back to it."""
        t0 = time.perf_counter()
        while True:
            step = self.last(target)
            ck = self.at[step]
            memo = {}
            with no_gc():
                b = copy.deepcopy(ck.bundle, memo)
            L = b["L"]
            try:
                rebuild_frames(L, memo.get(ckpt.GENS, ()))
            except ckpt.RebuildError:
                if step == 0:
                    raise
                del self.at[step]
                continue
            break
        tr = self.tr
        ids = {}
        for k, (o, lab, n) in ck.ids.items():
            c = memo.get(k)
            if c is None and o.__class__ is Builtin:
                c = o  # (see take)
            if c is not None:
                ids[id(c)] = (c, lab, n)
        tr.ids = ids
        tr.next = b["next"]
        tr.count = b["count"]
        tr.lastci = b["lastci"]
        tr.lastpc = b["lastpc"]
        tr.lastmarks = b["lastmarks"]
        L.dbg = tr
        self.run_since = 0.0
        self.schedule()
        self.restore_cost = 0.5 * self.restore_cost + 0.5 * (time.perf_counter() - t0)
        return L


__all__ = ["REPLAYABLE", "Checkpoint", "Checkpoints", "Recipe", "rebuild_frames", "record_host",
           "recording"]
