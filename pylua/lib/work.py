"""Builtins pay for their work (docs/internals.md, "Long builtins").

``run(budget)`` counts instructions; a builtin that works long (a pattern
match, a table shift, a sort, a big concatenation) pays for it in the same
units with ``yield Charge(n)``, and is stopped there when the budget is
spent: the next run resumes it where it was.  So that short calls stay
plain function calls, a builtin measures its work in *steps* (a pattern
item, a table slot moved, a comparison: about a tenth of a microsecond)
against a *fuel box* ``[steps left, state]`` and

- does everything at once when it can: cheap work (under PAY_MIN steps)
  is free, more is paid after the fact (``settle``: a generator that
  charges, then returns the results);
- when the fuel runs out mid-work, it stops at a point it can go on from
  and returns ``go(box)``, a function that goes on with the fuel in box[0]
  and returns the results or SUSPENDED; ``settle`` then returns the
  generator that charges each SLICE and calls ``go`` again, so a budgeted
  run returns RUNNING inside the builtin and resumes it exactly there.
"""

from __future__ import annotations

from ..values import BYTES_PER_UNIT, Charge

STEPS_PER_UNIT = 4  # steps in the time of one budget unit (an instruction, ~0.5 us)
SLICE = 4096  # steps between two charges (1024 units): where a budgeted run may stop
PAY_MIN = 1024  # steps a plain call does without paying
# bytes handled at C speed (copied, scanned) per step
BYTES_PER_STEP = BYTES_PER_UNIT // STEPS_PER_UNIT


class _Suspended:
    __slots__ = ()

    def __repr__(self) -> str:
        return "SUSPENDED"


SUSPENDED = _Suspended()


def fuel() -> list:
    """A fresh fuel box for a plain call."""
    return [SLICE, None]


def settle(r, box: list):
    """What a builtin returns after doing its work against box: its results
    r (a list or tuple) when they were cheap, else a generator that pays
    for them; r may also be go(box): then the generator finishes the work,
    one SLICE after another."""
    c = r.__class__
    if c is list or c is tuple:
        used = SLICE - box[0]
        if used < PAY_MIN:
            return r
        return _pay(r, used)
    return finish(r, box)


def paid(r, steps: int):
    """Results r of work that took steps (computed by the caller)."""
    if steps < PAY_MIN:
        return r
    return _pay(r, steps)


def _pay(r, steps: int):
    yield Charge(steps // STEPS_PER_UNIT)
    return r


def finish(go, box: list):
    """Drive go(box) to its results, charging every slice of its work."""
    while True:
        yield Charge((SLICE - box[0]) // STEPS_PER_UNIT)
        box[0] = SLICE
        r = go(box)
        if r is not SUSPENDED:
            used = SLICE - box[0]
            if used >= PAY_MIN:
                yield Charge(used // STEPS_PER_UNIT)
            return r
