"""What a session shows: its snapshots (docs/snapshot.md), the pages of a
table, the listing, and what a command answers when the debugger itself
failed.  ``Views`` is a part of ``session.Session`` (a mixin: it reads the
session's state and its live Lua state, and changes neither but for the
caches of what it built).
"""

from __future__ import annotations

import functools
import re

from ..numfmt import fmt_number
from ..snapshot import MAX_CO_FRAMES, MAX_COROUTINES, MAX_PAGE, Builder, listing
from ..values import Builtin, Coroutine, LuaFunction, LuaTable, Userdata
from .explain import explain, static_text
from .state import OUT_KEEP


def guarded(method):
    """A command of the session never raises: should the debugger itself
    fail (a bug: a Python exception out of its hooks, its snapshots or
    its checkpoints), the command answers the state it started from, with
    reason "internal" and a message saying what failed, and the session
    goes on (docs/snapshot.md).  ``Session.strict``: raise instead (the
    tests and the fuzzer want to see the bug)."""

    @functools.wraps(method)
    def command(self, *args, **kw):
        if self._busy:  # called by another command: that one answers for both
            return method(self, *args, **kw)
        self._busy = True
        try:
            return method(self, *args, **kw)
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as e:  # (HookFailure is a BaseException)
            if self.strict:
                raise
            return self._internal_error(e)
        finally:
            self._busy = False

    return command


_WALK = (LuaTable, LuaFunction, Builtin, Coroutine, Userdata)


class Views:
    """The snapshots of a Session (see the module docstring)."""

    # -- when the debugger fails ---------------------------------------------

    def _internal_error(self, e) -> dict:
        """What a command answers when the debugger failed inside it (see
        guarded): the state at the cursor, which the command did not
        change; the live state, which it may have left anywhere, is
        brought back there from a checkpoint."""
        self._pending = None
        self.message = "internal error in the debugger: %s: %s" % (type(e).__name__, str(e)[:200])
        self.reason = "internal"
        n = self._cursor
        try:
            if self._main is not None:
                self.L.hook = None
                self._restore(n)
                if self.tr.count < n:
                    self._exec(n - self.tr.count, self._forward())
            snap = self.snapshot()
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException:  # noqa: BLE001 - nothing more to try: the bare facts
            snap = self._bare_snapshot()
        snap["message"] = self.message
        snap["reason"] = self.reason
        return snap

    def _bare_snapshot(self) -> dict:
        """A snapshot with what the session knows without looking at the
        state: the step, the status, the error, the output."""
        n = self._cursor
        status = self._status_at(n)
        try:
            out = self._output(
                self._snaps[n]["output_view"] if n in self._snaps else self._out_view()
            )
        except Exception:  # noqa: BLE001
            out = ("", 0)
        snap = self._empty(n, status)
        snap["output"], snap["output_omitted"] = out
        snap["message"] = self.message
        snap["reason"] = self.reason
        snap["end_step"] = self.end_step
        return snap

    def _empty(self, step: int, status: str) -> dict:
        """A snapshot's fields before anything of the state is looked at."""
        return {
            "step": step,
            "status": status,
            "error": self.error if status == "error" else None,
            "line": None,
            "chunkname": self.chunkname,
            "coroutine": "main",
            "frames": [],
            "frames_omitted": 0,
            "instruction": None,
            "heap": {},
            "heap_omitted": 0,
            "coroutines": [],
            "coroutines_omitted": 0,
        }

    # -- looking -------------------------------------------------------------

    def capture_error(self, L) -> None:
        """At the point of the final error (in the message handler): keep
        what the frames looked like before they unwind."""
        b = Builder(self)
        th = L.current
        frames = b.frames(th, innermost_next=False)
        omitted = b.omitted
        line, ins = self._where(b, frames)
        cos, cos_omitted = self._coroutines(b, L, th, ended=False)
        heap = b.heap()
        self._error_view = {
            "frames": frames,
            "frames_omitted": omitted,
            "coroutines": cos,
            "coroutines_omitted": cos_omitted,
            "heap": heap,
            "heap_omitted": b.heap_omitted,
            "coroutine": self.label(th) or "main",
            "line": line,
            "instruction": ins,
        }

    def _coroutines(self, b, L, running, ended: bool):
        """The Coroutines a snapshot lists, and how many it leaves out: at
        most MAX_COROUTINES, main first, then in the order they were made:
        the running one and those that resumed it, and the most recent
        others; their frames, MAX_CO_FRAMES in all.  (What it costs does
        not grow with the number of coroutines.)"""
        cos = L.dbg_cos
        if len(cos) < MAX_COROUTINES:
            chosen = cos
        else:
            chain = []  # the running coroutine and its resumers (innermost first)
            th = running
            while th is not None and len(chain) < MAX_COROUTINES - 1:
                if th is not L.main:
                    chain.append(th)
                th = th.resumer
            seen = {id(c) for c in chain}
            j = len(cos)
            while len(chain) < MAX_COROUTINES - 1 and j > 0:
                j -= 1
                if id(cos[j]) not in seen:
                    chain.append(cos[j])
            number = self.number
            chosen = sorted(chain, key=lambda c: number(c) or 0)
        out = []
        room = MAX_CO_FRAMES
        for co in (L.main, *chosen):
            if co is L.main and ended:
                st = "dead"
            elif co is running:
                st = "running"
            else:
                st = co.status
            frames = []
            omitted = 0
            if co is not running and st != "dead" and co.fn is None:
                frames = b.frames(co, innermost_next=False, limit=room)
                omitted = b.omitted
                room -= len(frames)
            out.append(
                {
                    "id": self.label(co) or b.ref(co),
                    "status": st,
                    "frames": frames,
                    "frames_omitted": omitted,
                }
            )
        return out, 1 + len(cos) - len(out)

    def co_status(self, co) -> str:
        """A coroutine's status in the live state."""
        L = self.L
        ended = self.end_step is not None and self.tr.count == self.end_step
        if co is L.main and ended:
            return "dead"
        if co is L.current and not ended:
            return "running"
        return co.status

    @guarded
    def snapshot(self) -> dict:
        """The state at the cursor as a JSON-serialisable dict (docs/snapshot.md)."""
        n = self._cursor
        snap = self._snaps.get(n)
        if snap is None:
            self._materialize()
            snap = self._build()
            if self._main is not None:
                self._keep(n)
        out = {}
        for k, v in snap.items():
            if k == "output_view":
                out["output"], out["output_omitted"] = self._output(v)
            else:
                out[k] = v
        out["message"] = self.message
        out["reason"] = self.reason
        out["end_step"] = self.end_step
        return out

    def _out_view(self):
        return self.L.stdout.view() if self._main is not None else (0, b"")

    def output_after(self, pos: int) -> tuple:
        """What the program wrote after its first pos bytes, at the cursor:
        (the bytes written in all, those written after pos, gap): gap is
        true when more was written since pos than the tail kept (OUT_KEEP
        bytes), which is then what it gives.  A client streaming the
        output of a long command asks after each budget."""
        n, tail = (
            self._snaps[self._cursor]["output_view"]
            if self._cursor in self._snaps
            else self._out_view()
        )
        new = n - max(0, int(pos))
        if new <= 0:
            return n, b"", False
        if new > len(tail):
            return n, tail, True
        return n, tail[len(tail) - new :], False

    def _output(self, view) -> tuple:
        """(the text a snapshot shows, the bytes written before it) of an
        output view (state.OutBuf.view(): how much was written, its tail).
        The output at a given length is always the same (the program is
        deterministic): the text is decoded once per length."""
        n, tail = view
        c = self._out_text
        if c[0] != n:
            omitted = n - len(tail)
            if omitted:
                # the tail starts mid-stream: not in the middle of a character
                k = 0
                while k < 3 and k < len(tail) and 0x80 <= tail[k] < 0xC0:
                    k += 1
                omitted += k
                text = "…" + tail[k:].decode("utf-8", "replace")
            else:
                text = tail.decode("utf-8", "replace")
            c = self._out_text = (n, text, omitted)
        return c[1], c[2]

    def _build(self) -> dict:
        """The snapshot of the live state (without message; its output as
        output_view, the output buffer's view)."""
        tr = self.tr
        step = tr.count if self._main is not None else 0
        status = self._status_at(step)
        snap = self._empty(step, status)
        snap["output_view"] = self._out_view()
        snap["message"] = None
        if self._main is None:  # did not compile
            snap["line"] = self._syntax_line
            return snap
        L = self.L
        if status == "error":
            view = self._error_view
            if view is not None:
                for k in (
                    "frames",
                    "frames_omitted",
                    "coroutines",
                    "coroutines_omitted",
                    "heap",
                    "heap_omitted",
                    "coroutine",
                    "line",
                    "instruction",
                ):
                    snap[k] = view[k]
            if snap["line"] is None and tr.lastci is not None:
                li = tr.lastci.cl.proto.lineinfo
                snap["line"] = li[tr.lastpc] if tr.lastpc < len(li) else None
            return snap
        b = Builder(self)
        if status == "finished":
            snap["coroutines"], snap["coroutines_omitted"] = self._coroutines(
                b, L, None, ended=True
            )
            snap["heap"] = b.heap()
            snap["heap_omitted"] = b.heap_omitted
            return snap
        th = L.current
        frames = b.frames(th)
        snap["frames_omitted"] = b.omitted
        snap["line"], snap["instruction"] = self._where(b, frames)
        snap["coroutine"] = self.label(th) or b.ref(th)
        snap["frames"] = frames
        snap["coroutines"], snap["coroutines_omitted"] = self._coroutines(b, L, th, ended=False)
        snap["heap"] = b.heap()
        snap["heap_omitted"] = b.heap_omitted
        return snap

    def _where(self, b, frames):
        """The line and Instruction of the innermost Lua frame of frames
        (which Builder b made), with what the instruction touches."""
        protos = b.frame_protos[: len(frames)]
        for f, p in zip(reversed(frames), reversed(protos), strict=False):
            if f["kind"] == "lua":
                ins = b.instruction(self._instruction(p, f["pc"]), f)
                if ins is not None:  # the instruction in words (debugger/explain.py)
                    th, ci, inner = b.lua_frame(f)
                    ins["explain"] = explain(
                        ins, f, ci, th.stack, th.top - ci.base if inner else None
                    )
                return f["line"], ins
        return None, None

    def table_entries(self, ref: str, part: str, offset: int = 0, count: int = MAX_PAGE) -> dict:
        """A page of the table with heap id ref as it is at the current step,
        beyond what a snapshot shows of it (docs/snapshot.md, "Table pages"):
        part "array" gives the Values of the array slots offset+1 on, part
        "hash" the Nodes from node index offset on; at most count (and
        MAX_PAGE) of them.  Raises LookupError when no table has that id
        (a temporary id x1... cannot be paged), ValueError for another part."""
        if part not in ("array", "hash"):
            raise ValueError("part is 'array' or 'hash', not %r" % (part,))
        offset = max(0, int(offset))
        count = max(0, min(int(count), MAX_PAGE))
        t = None
        if self._main is not None:
            self._materialize()
            t = self._find(ref)
        if t is None or t.__class__ is not LuaTable:
            raise LookupError("no table %s at step %d" % (ref, self._cursor))
        b = Builder(self)
        if part == "array":
            total = len(t.arr)
            entries = b.table_array(t, offset, count)
        else:
            total = t.nodecap
            entries = b.table_nodes(t, offset, count)
        return {
            "ref": ref,
            "step": self._cursor,
            "part": part,
            "offset": offset,
            "total": total,
            "entries": entries,
        }

    def _find(self, ref: str):
        """The object with heap id ref in the live state, or None: a walk
        of what the program can reach (only "Show more" asks)."""
        label = self.label
        L = self.L
        todo = [L.registry, L.globals, *L.typemeta.values(), L.main, *L.dbg_cos]
        th = L.current
        while th is not None:
            todo.append(th)
            th = th.resumer
        seen = set()
        while todo:
            o = todo.pop()
            c = o.__class__
            if c not in _WALK or id(o) in seen:
                continue
            seen.add(id(o))
            if label(o) == ref:
                return o
            if c is LuaTable:
                todo += o.arr
                for k, v in o.hash.items():
                    todo.append(k)
                    todo.append(v)
                todo.append(o.meta)
            elif c is LuaFunction:
                todo.append(o.env)
                todo += [uv.stack[uv.idx] for uv in o.upvals]
            elif c is Builtin:
                todo += o.upvals or ()
            elif c is Coroutine:
                todo += o.stack
                todo.append(o.fn)
            else:  # Userdata
                todo.append(o.meta)
                todo.append(o.env)
        return None

    @guarded
    def listing(self):
        """The bytecode of every function of the program (docs/snapshot.md),
        or None when it did not compile."""
        if self._main is None:
            return None
        if self._listing is None:
            self._listing = listing(self._main, self.tr.protos, static_text)
        return self._listing


def error_text(v) -> str:
    """What lua5.1 prints for an uncaught error value (a message longer
    than OUT_KEEP bytes: its beginning, then ``…``)."""
    if v is None:
        return "nil"
    if v.__class__ is bytes:
        if len(v) > OUT_KEEP:
            return v[:OUT_KEEP].decode("utf-8", "replace") + "…"
        return v.decode("utf-8", "replace")
    if v.__class__ is float:
        return fmt_number(v).decode()
    return "(error object is not a string)"


def message_line(msg: str, chunk: str):
    """The line of a compiler message (chunk:line: ...)."""
    m = re.match(r"^.*?:(\d+): ", msg)
    return int(m.group(1)) if m else None


__all__ = ["Views"]
