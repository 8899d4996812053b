"""Random snippets for cmsgpack, struct and bit, run by pylua and by a private
redis-server: the replies must be the same text.  tests/test_redis_msgpack.py
runs a few hundred of them when redis-server is installed; by hand:

    PYTHONPATH=. python tests/redis_libs/fuzz.py SEED [ROUNDS]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

rnd = random.Random(1)


def lstr(b: bytes) -> str:
    return "'" + "".join("\\%d" % c for c in b) + "'"


def rand_msgpack():
    parts = []
    for _ in range(rnd.randint(1, 12)):
        c = rnd.random()
        if c < 0.5:
            parts.append(rnd.randrange(256))
        else:
            parts.append(
                rnd.choice(
                    [
                        0x90,
                        0x91,
                        0x92,
                        0x81,
                        0x82,
                        0xDC,
                        0xDE,
                        0xC0,
                        0xC2,
                        0xC3,
                        0xCA,
                        0xCB,
                        0xCF,
                        0xD3,
                        0xA1,
                        0xD9,
                        0x7F,
                        0xFF,
                        0xE0,
                        0x00,
                        0x01,
                    ]
                )
            )
    return bytes(parts)


def num():
    c = rnd.random()
    if c < 0.3:
        return str(rnd.randint(-(2**40), 2**40))
    if c < 0.5:
        return repr(rnd.uniform(-1e10, 1e10))
    if c < 0.6:
        return rnd.choice(
            [
                "1/0",
                "-1/0",
                "0/0",
                "2^63",
                "-2^63",
                "2^64",
                "2^53+1",
                "2^31",
                "-2^31",
                "0.1",
                "1e300",
                "-0.0",
                "2^52+0.5",
                "4294967295.5",
            ]
        )
    if c < 0.8:
        return str(rnd.randint(-300, 300))
    return "%d.5" % rnd.randint(-(2**33), 2**33)


def rand_value(d=0):
    c = rnd.random()
    if c < 0.4 or d > 3:
        return num()
    if c < 0.55:
        return lstr(bytes(rnd.randrange(256) for _ in range(rnd.choice([0, 1, 5, 31, 32, 40]))))
    if c < 0.6:
        return rnd.choice(["true", "false", "nil"])
    n = rnd.randint(0, 5)
    if rnd.random() < 0.5:
        return "{" + ", ".join(rand_value(d + 1) for _ in range(n)) + "}"
    return (
        "{"
        + ", ".join(
            "[%s] = %s" % (rnd.choice([num(), lstr(b"k%d" % i), "true"]), rand_value(d + 1))
            for i in range(n)
        )
        + "}"
    )


def rand_fmt():
    opts = "bBhHlLTiIfdxcs<>! "
    f = ""
    for _ in range(rnd.randint(1, 6)):
        o = rnd.choice(opts + "i!c")
        f += o
        if o in "iIc!" and rnd.random() < 0.6:
            f += str(rnd.choice([0, 1, 2, 3, 4, 5, 8, 9, 16, 17]))
    return f


def snippets(seed: int, rounds: int) -> list[str]:
    global rnd
    rnd = random.Random(seed)
    snips = []
    for _ in range(rounds):
        snips.append(
            "local t = {pcall(cmsgpack.unpack, %s)} return ALL(unpack(t))" % lstr(rand_msgpack())
        )
        vals = ", ".join(rand_value() for _ in range(rnd.randint(1, 3)))
        snips.append(
            "local ok, r = pcall(function() return H(cmsgpack.pack(%s)) end) return tostring(r)"
            % vals
        )
        snips.append(
            "local ok, r = pcall(function() local s = cmsgpack.pack(%s) return ALL(cmsgpack.unpack(s)) .. '|' .. ALL(pcall(cmsgpack.unpack, s:sub(1, %d))) .. '|' .. ALL(pcall(cmsgpack.unpack_limit, s, 2, %d)) end) return tostring(r)"
            % (vals, rnd.randint(0, 12), rnd.randint(0, 6))
        )
        fa, fargs = "", []
        for _ in range(rnd.randint(1, 6)):
            o = rnd.choice("bBhHlLTiIfdxcs<>!")
            fa += o
            if o in "iIc!" and rnd.random() < 0.6:
                fa += str(rnd.choice([1, 2, 3, 4, 5, 8, 9, 16]))
            if o in "bBhHlLTiIfd":
                fargs.append(num())
            elif o in "cs":
                fargs.append(lstr(bytes(rnd.randrange(1, 256) for _ in range(rnd.randint(0, 20)))))
        snips.append(
            "local ok, s = pcall(struct.pack, %s%s) if not ok then return s end return H(s) .. ' ' .. ALL(pcall(struct.unpack, %s, s))"
            % (lstr(fa.encode()), ", " + ", ".join(fargs) if fargs else "", lstr(fa.encode()))
        )
        snips.append(
            "local s = %s return ALL(pcall(cmsgpack.unpack_limit, s, %d, %d))"
            % (lstr(rand_msgpack()), rnd.randint(-1, 3), rnd.randint(-1, 6))
        )
        f = rand_fmt()
        args = ", ".join(
            rnd.choice([num(), lstr(b"abcdefgh"[: rnd.randint(0, 8)])])
            for _ in range(rnd.randint(0, 6))
        )
        snips.append(
            "local ok, s = pcall(struct.pack, %s%s) if not ok then return s end return H(s) .. ' ' .. ALL(pcall(struct.unpack, %s, s))"
            % (lstr(f.encode()), ", " + args if args else "", lstr(f.encode()))
        )
        snips.append(
            "return ALL(pcall(struct.unpack, %s, %s, %d))"
            % (
                lstr(rand_fmt().encode()),
                lstr(bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 40)))),
                rnd.randint(-2, 5),
            )
        )
        snips.append("return ALL(pcall(struct.size, %s))" % lstr(rand_fmt().encode()))
        fn = rnd.choice(
            [
                "tobit",
                "bnot",
                "band",
                "bor",
                "bxor",
                "lshift",
                "rshift",
                "arshift",
                "rol",
                "ror",
                "bswap",
                "tohex",
            ]
        )
        snips.append(
            "return ALL(pcall(bit.%s, %s))"
            % (fn, ", ".join(num() for _ in range(rnd.randint(1, 3))))
        )
    return snips


def differences(oracle, seed: int, rounds: int) -> list[tuple[str, str, str]]:
    from test_redis_msgpack import run_oracle, run_pylua

    out = []
    for s in snippets(seed, rounds):
        a, b = run_pylua(s), run_oracle(oracle, s)
        if a != b:
            out.append((s, a, b))
    return out


if __name__ == "__main__":
    from redis_libs.oracle import Oracle

    o = Oracle()
    try:
        seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
        rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 300
        bad = differences(o, seed, rounds)
    finally:
        o.close()
    for s, a, b in bad[:15]:
        print("SNIPPET", s)
        print("  pylua", a[:300])
        print("  redis", b[:300])
    print("differences:", len(bad))
