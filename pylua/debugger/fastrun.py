"""Running forward with no hook at all: the VM's fast paths (compiled
loops and functions), with an exact count of the instructions run.

``run_counted(L, steps)`` runs about ``steps`` instructions and leaves in
``L.steps_left`` the steps it did not take: ``steps`` less the exact number
of Lua instructions executed, the count ``run_stepping`` or ``run_sparse``
would have made.  It may run a few instructions past ``steps`` (at most
``max_overshoot(L)``: the rest of a basic block), so ``steps_left`` may be
negative; it never stops early unless the program ends, fails, or hooks are
switched (it returns FINISHED, ERROR, RUNNING or SWITCH, as ``run_sparse``
does).

The VM's own ``L.run_counted`` is used when it has one; else the sparse
loop with no instruction marked, which has none of the fast paths.  Either
way a builtin may ask how many instructions have run (the session's
os.clock): ``steps - L.steps_left + L.jit_ran`` (the loop stores its count
before it calls out; compiled code a builtin's request ran is in jit_ran
until the loop takes it back).
"""

from __future__ import annotations

import weakref

_ZEROS = weakref.WeakKeyDictionary()  # Lua state -> {Proto: its no-marks bytes}


class _NoMarks:
    """A sparse hook that marks no instruction: the loop never calls it."""

    __slots__ = ("dmk", "__weakref__")

    def __init__(self, dmk):
        self.dmk = dmk

    def __call__(self, vm, th, ci, pc, mode):  # (never called: nothing is marked)
        return None

    def dmarks(self, p):
        d = self.dmk[p] = bytes(len(p.code))
        return d


def _sparse_counted(L, steps: int):
    dmk = _ZEROS.get(L)
    if dmk is None:
        dmk = _ZEROS[L] = {}
    saved = L.hook
    L.hook = _NoMarks(dmk)
    try:
        return L.run_sparse(1 << 62, steps)
    finally:
        L.hook = saved


def native(L) -> bool:
    """Does the VM run counted itself (with its fast paths)?"""
    return getattr(L, "run_counted", None) is not None


def run_counted(L, steps: int):
    """Run with every fast path and no hook, counting exactly (see the
    module docstring)."""
    fn = getattr(L, "run_counted", None)
    if fn is not None:
        return fn(steps)
    return _sparse_counted(L, steps)


def max_overshoot(L, longest: int) -> int:
    """How many instructions past its steps run_counted may go: none for
    the sparse loop; for the VM's fast paths, the rest of a stretch between
    two of its checks (a loop's head, a function's entry), which lies in
    one function (longest: the most instructions a function of the
    program has)."""
    return longest + 1 if native(L) else 0


__all__ = ["max_overshoot", "native", "run_counted"]
