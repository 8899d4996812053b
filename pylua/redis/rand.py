"""redisLrand48 (src/rand.c of Redis): the 48-bit linear congruential
generator of drand48, which Redis's math.random uses so that a seed gives
the same numbers on every platform.  Its state is the server's, from
process start (x = 0x1234ABCD330E): SCRIPT FLUSH does not reset it."""

from __future__ import annotations

_A = 0x5DEECE66D
_C = 0xB
_MASK = (1 << 48) - 1
_X0 = 0x330E
_START = (0x1234 << 32) | (0xABCD << 16) | _X0


class Rand48:
    __slots__ = ("x",)

    def __init__(self):
        self.x = _START

    def lrand48(self) -> int:
        self.x = x = (_A * self.x + _C) & _MASK
        return x >> 17

    def seed(self, seedval: int) -> None:
        """redisSrand48: x = (seed's high 16 bits, low 16 bits, 0x330E)."""
        s = seedval & 0xFFFFFFFF
        self.x = ((s >> 16) << 32) | ((s & 0xFFFF) << 16) | _X0
