"""Binary chunks for the fuzzer: the corpus, mutations of it, and chunks
made from scratch by a small instruction generator.

Every function takes a ``random.Random`` and returns ``bytes`` (a whole
binary chunk, header included), so that a case is replayed from its seed
and saved as the file it is.  The corpus is what luac5.1 wrote
(tests/luac/*.luac) and pylua's own dumps of the behaviour programs
(tests/lua/**.lua, byte for byte what luac5.1 writes: tests/test_luac.py),
stripped or not.
"""

from __future__ import annotations

import copy
import random
import struct
from functools import cache
from pathlib import Path

from pylua import opcodes as O
from pylua.chunk import HEADER, dump, undump
from pylua.errors import LuaError
from pylua.proto import VARARG_HASARG, VARARG_ISVARARG, VARARG_NEEDSARG, Proto

TESTS = Path(__file__).resolve().parent.parent
MAXSTACK = 250

# constants the generator puts in its functions: names of globals worth
# calling, and values worth computing with
NAMES = [b"print", b"type", b"tostring", b"pcall", b"error", b"setmetatable", b"next",
         b"select", b"unpack", b"ipairs", b"pairs", b"x", b"y", b"_G", b"string",
         b"coroutine", b"rawset", b"getmetatable", b"tonumber", b"loadstring"]  # fmt: skip
VALUES = [0.0, 1.0, -1.0, 2.0, 3.5, 10.0, -0.0, 1e308, float("inf"), float("nan"), 2.0**53,
          b"", b"a", b"10", b"0x10", b"abc", b"__index", b"__add", b"__call", True, False,
          None]  # fmt: skip


# -- the corpus -------------------------------------------------------------------


@cache
def corpus() -> tuple[bytes, ...]:
    """Every corpus chunk: luac5.1's files and pylua's dumps (both stripped
    and not) of the behaviour programs that compile."""
    from pylua.parser import compile

    out = [p.read_bytes() for p in sorted((TESTS / "luac").glob("*.luac"))]
    for path in sorted((TESTS / "lua").rglob("*.lua")):
        try:
            p = compile(path.read_bytes(), b"@" + path.name.encode())
        except LuaError:
            continue
        out.append(dump(p))
        out.append(dump(p, strip=True))
    return tuple(out)


@cache
def _corpus_small() -> tuple[bytes, ...]:
    """The corpus chunks under 6 KB: mutating a big one costs its whole
    load for one changed word."""
    return tuple(c for c in corpus() if len(c) < 6000)


# -- Protos ---------------------------------------------------------------------


def walk(p: Proto):
    """p and every function nested in it."""
    yield p
    for q in p.p:
        yield from walk(q)


def _rk(rng: random.Random, ms: int, nk: int) -> int:
    if nk and rng.random() < 0.4:
        return O.BITRK | rng.randrange(min(nk, 256))
    return rng.randrange(ms)


class _Gen:
    """One function's code being generated: items of code words, jumps
    resolved when the layout is known."""

    def __init__(self, rng: random.Random, p: Proto):
        self.rng = rng
        self.p = p
        self.ms = p.maxstacksize
        self.words: list[int] = []
        self.fix: list[tuple[int, int]] = []  # (word index, label) jumps to patch
        self.labels: dict[int, int] = {}
        self.nlabels = 0
        self.starts: list[int] = [0]  # where pieces begin: where random jumps go
        self.base = 0  # the pieces inside a loop mostly use the registers from here up

    def reg(self, hi: int = 0) -> int:
        """A register that leaves hi registers above it (and mostly not
        one the enclosing loop relies on)."""
        top = max(1, self.ms - hi)
        lo = self.base if self.rng.random() < 0.95 else 0
        return self.rng.randrange(lo if lo < top else 0, top)

    def label(self) -> int:
        self.nlabels += 1
        return self.nlabels - 1

    def here(self, label: int) -> None:
        self.labels[label] = len(self.words)

    def jump(self, op: int, a: int, label: int) -> None:
        self.fix.append((len(self.words), label))
        self.words.append(O.create_AsBx(op, a, 0))

    def emit(self, w: int) -> None:
        self.words.append(w)

    # one piece of code: a random instruction, or a shape luac writes
    def piece(self, depth: int = 0) -> None:
        self.starts.append(len(self.words))
        rng = self.rng
        ms = self.ms
        nk = len(self.p.k)
        r = rng.random()
        if r < 0.45 or depth > 2:
            self.plain()
        elif r < 0.55:  # a numeric for loop
            a = self.reg(4)
            for j in range(3):
                self.emit(O.create_ABx(O.OP_LOADK, a + j, rng.randrange(nk)) if nk and
                          rng.random() < 0.8 else O.create_ABC(O.OP_MOVE, a + j, self.reg(), 0))  # fmt: skip
            body, end = self.label(), self.label()
            self.jump(O.OP_FORPREP, a, end)
            self.here(body)
            base = self.base
            self.base = a + 3
            for _ in range(rng.randint(0, 3)):
                self.piece(depth + 1)
            self.base = base
            self.here(end)
            self.jump(O.OP_FORLOOP, a, body)
        elif r < 0.62:  # a generic for loop
            a = self.reg(4)
            c = rng.randint(1, max(1, min(3, ms - a - 3)))
            test, body = self.label(), self.label()
            self.jump(O.OP_JMP, 0, test)
            self.here(body)
            for _ in range(rng.randint(0, 3)):
                self.piece(depth + 1)
            self.here(test)
            self.emit(O.create_ABC(O.OP_TFORLOOP, a, 0, c))
            self.jump(O.OP_JMP, 0, body)
        elif r < 0.7:  # a table constructor
            a = self.reg(2)
            self.emit(O.create_ABC(O.OP_NEWTABLE, a, rng.randrange(4), rng.randrange(4)))
            n = rng.randint(0, max(0, min(4, ms - a - 1)))
            for j in range(n):
                self.emit(O.create_ABx(O.OP_LOADK, a + 1 + j, rng.randrange(nk)) if nk else
                          O.create_ABC(O.OP_LOADNIL, a + 1 + j, a + 1 + j, 0))  # fmt: skip
            if rng.random() < 0.2 and a + 2 < ms:
                self.open_producer(a + 1)
                self.emit(O.create_ABC(O.OP_SETLIST, a, 0, 1))
            elif n == 0:  # luac writes no SETLIST for {} (B = 0 reads up to top)
                pass
            elif rng.random() < 0.1:
                self.emit(O.create_ABC(O.OP_SETLIST, a, n, 0))
                self.emit(rng.choice([1, 2, 600, 0, 2**32 - 1]))
            else:
                self.emit(O.create_ABC(O.OP_SETLIST, a, n, rng.randint(1, 3)))
        elif r < 0.82:  # a call, maybe with open arguments or results
            a = self.reg(3)
            names = [j for j, v in enumerate(self.p.k) if v.__class__ is bytes]
            if names and rng.random() < 0.7:
                self.emit(O.create_ABx(O.OP_GETGLOBAL, a, rng.choice(names)))
            b = rng.randint(0, max(0, min(3, ms - a - 1)))
            if b == 0 and a + 1 < ms:
                self.open_producer(a + 1)
            else:
                b += 1
            c = rng.randint(0, max(0, min(3, ms - a)))
            op = O.OP_TAILCALL if rng.random() < 0.1 else O.OP_CALL
            self.emit(O.create_ABC(op, a, b, 0 if op == O.OP_TAILCALL else c))
            if op == O.OP_TAILCALL:
                self.emit(O.create_ABC(O.OP_RETURN, a, 0, 0))
            elif c == 0:
                self.consumer(a)
        elif r < 0.9:  # a test and its jump
            fwd = self.label()
            self.test()
            self.jump(O.OP_JMP, 0, fwd)
            for _ in range(rng.randint(0, 2)):
                self.piece(depth + 1)
            self.here(fwd)
        else:  # a closure
            if self.p.p:
                bx = rng.randrange(len(self.p.p))
                self.emit(O.create_ABx(O.OP_CLOSURE, self.reg(), bx))
                for _ in range(self.p.p[bx].nups):
                    if self.p.nups and rng.random() < 0.4:
                        self.emit(O.create_ABC(O.OP_GETUPVAL, 0, rng.randrange(self.p.nups), 0))
                    else:
                        self.emit(O.create_ABC(O.OP_MOVE, 0, self.reg(), 0))
                if rng.random() < 0.5:
                    self.emit(O.create_ABC(O.OP_CLOSE, rng.randrange(ms), 0, 0))
            else:
                self.plain()

    def open_producer(self, a: int) -> None:
        """An instruction leaving open results from R(a) (then a consumer)."""
        if (self.p.is_vararg & (VARARG_ISVARARG | VARARG_NEEDSARG) == VARARG_ISVARARG
                and self.rng.random() < 0.5):  # fmt: skip
            self.emit(O.create_ABC(O.OP_VARARG, a, 0, 0))
        else:
            self.emit(O.create_ABC(O.OP_CALL, a, 1, 0))

    def consumer(self, a: int) -> None:
        rng = self.rng
        r = rng.random()
        if r < 0.5 and a > 0:
            self.emit(O.create_ABC(O.OP_CALL, rng.randrange(a), 0, rng.randint(1, 2)))
        elif r < 0.8:
            self.emit(O.create_ABC(O.OP_RETURN, rng.randint(0, a), 0, 0))
        else:
            self.emit(O.create_ABC(O.OP_RETURN, a, 0, 0))

    def test(self) -> None:
        rng = self.rng
        ms = self.ms
        nk = len(self.p.k)
        op = rng.choice([O.OP_EQ, O.OP_LT, O.OP_LE, O.OP_TEST, O.OP_TESTSET])
        if op == O.OP_TEST:
            self.emit(O.create_ABC(op, self.reg(), 0, rng.randint(0, 1)))
        elif op == O.OP_TESTSET:
            self.emit(O.create_ABC(op, self.reg(), self.reg(), rng.randint(0, 1)))
        else:
            self.emit(O.create_ABC(op, rng.randint(0, 1), _rk(rng, ms, nk), _rk(rng, ms, nk)))

    def plain(self) -> None:
        """Any instruction, its operands mostly in range."""
        rng = self.rng
        ms = self.ms
        p = self.p
        nk = len(p.k)
        op = rng.randrange(O.NUM_OPCODES)
        info = O.OPCODES[op]
        a = self.reg()
        if op == O.OP_LOADK:
            if nk:
                self.emit(O.create_ABx(op, a, rng.randrange(nk)))
        elif op in (O.OP_GETGLOBAL, O.OP_SETGLOBAL):
            names = [j for j, v in enumerate(p.k) if v.__class__ is bytes]
            if names:
                self.emit(O.create_ABx(op, a, rng.choice(names)))
        elif op in (O.OP_FORLOOP, O.OP_FORPREP) and rng.random() < 0.8:
            self.piece(0)  # mostly a whole loop
        elif op in (O.OP_JMP, O.OP_FORLOOP, O.OP_FORPREP):
            lab = self.label()
            # (a piece begun before, or one of the next few words)
            self.labels[lab] = (rng.choice(self.starts) if rng.random() < 0.7 else
                                rng.randint(0, len(self.words) + 4))  # fmt: skip
            self.jump(op, 0 if op == O.OP_JMP else self.reg(4), lab)
        elif op == O.OP_CLOSURE:
            self.piece(3)
        elif op in (O.OP_GETUPVAL, O.OP_SETUPVAL):
            if p.nups:
                self.emit(O.create_ABC(op, a, rng.randrange(p.nups), 0))
        elif op == O.OP_LOADNIL:
            self.emit(O.create_ABC(op, a, rng.randint(a, ms - 1), 0))
        elif op == O.OP_LOADBOOL:
            self.emit(O.create_ABC(op, a, rng.randint(0, 1), rng.choice([0, 0, 0, 1])))
        elif op == O.OP_NEWTABLE:
            self.emit(O.create_ABC(op, a, rng.randrange(10), rng.randrange(10)))
        elif op == O.OP_CONCAT and ms > 1:
            b = rng.randrange(ms - 1)
            self.emit(O.create_ABC(op, a, b, rng.randint(b + 1, ms - 1)))
        elif op in (O.OP_CALL, O.OP_TAILCALL, O.OP_SETLIST, O.OP_TFORLOOP, O.OP_VARARG):
            self.piece(0)
        elif op in (O.OP_EQ, O.OP_LT, O.OP_LE, O.OP_TEST, O.OP_TESTSET):
            fwd = self.label()
            self.test()
            self.jump(O.OP_JMP, 0, fwd)
            self.here(fwd)
        elif op == O.OP_RETURN:
            self.emit(O.create_ABC(op, a, rng.randint(1, max(1, min(3, ms - a + 1))), 0))
        elif op == O.OP_SELF:
            a = self.reg(1)
            self.emit(O.create_ABC(op, a, self.reg(), _rk(rng, ms, nk)))
        elif op == O.OP_CLOSE:
            self.emit(O.create_ABC(op, a, 0, 0))
        else:  # MOVE, GETTABLE, SETTABLE, arithmetic, UNM, NOT, LEN
            b = _rk(rng, ms, nk) if info.b_mode == O.OpArgK else self.reg()
            c = (_rk(rng, ms, nk) if info.c_mode == O.OpArgK else
                 self.reg() if info.c_mode == O.OpArgR else 0)  # fmt: skip
            self.emit(O.create_ABC(op, a, b, c))

    def finish(self) -> list[int]:
        self.emit(O.create_ABC(O.OP_RETURN, 0, 1, 0))
        words = self.words
        n = len(words)
        for at, lab in self.fix:
            target = min(self.labels.get(lab, n - 1), n - 1)
            words[at] = O.setarg_sBx(words[at], target - at - 1)
        return words


def generate(rng: random.Random, depth: int = 0) -> Proto:
    """A function from scratch: random instructions and luac's shapes
    (loops, constructors, calls with open results, tests, closures)."""
    p = Proto()
    p.source = b"=gen"
    p.maxstacksize = rng.randint(5, 20) if rng.random() < 0.9 else rng.randint(1, 4)
    p.numparams = rng.randint(0, min(3, p.maxstacksize - 1))
    p.is_vararg = rng.choice([0, 0, VARARG_ISVARARG, VARARG_ISVARARG,
                              VARARG_ISVARARG | VARARG_HASARG | VARARG_NEEDSARG])  # fmt: skip
    if depth == 0:
        p.is_vararg = VARARG_ISVARARG  # a main chunk is vararg
        p.numparams = 0
    p.nups = rng.randint(0, 2) if depth else rng.choice([0, 0, 1])
    p.k = rng.sample(NAMES, rng.randint(0, 5)) + [
        rng.choice(VALUES) for _ in range(rng.randint(0, 6))
    ]
    if depth < 2:
        p.p = [generate(rng, depth + 1) for _ in range(rng.choice([0, 0, 1, 2]))]
    g = _Gen(rng, p)
    for _ in range(rng.randint(1, 12)):
        g.piece()
    p.code = g.finish()
    if rng.random() < 0.5:
        p.lineinfo = [1] * len(p.code)
    return p


def generated(rng: random.Random) -> bytes:
    return dump(generate(rng))


# -- mutations ------------------------------------------------------------------


def _mutate_code(rng: random.Random, p: Proto) -> None:
    code = p.code
    if not code:
        code.append(O.create_ABC(O.OP_RETURN, 0, 1, 0))
        return
    pc = rng.randrange(len(code))
    i = code[pc]
    r = rng.random()
    if r < 0.3:  # one operand
        field = rng.choice(["A", "B", "C", "Bx", "sBx"])
        get = getattr(O, "getarg_" + field)
        put = getattr(O, "setarg_" + field)
        v = get(i)
        v = v + rng.choice([-2, -1, 1, 2]) if rng.random() < 0.6 else rng.randrange(1 << 9)
        code[pc] = put(i, max(v, -O.MAXARG_sBx) if field == "sBx" else max(v, 0))
    elif r < 0.45:  # the opcode
        code[pc] = O.set_op(i, rng.randrange(O.NUM_OPCODES))
    elif r < 0.55:  # swap two words
        j = rng.randrange(len(code))
        code[pc], code[j] = code[j], code[pc]
    elif r < 0.62:
        del code[pc]
    elif r < 0.7:
        code.insert(pc, code[rng.randrange(len(code))])
    elif r < 0.8:  # a bit
        code[pc] = i ^ (1 << rng.randrange(32))
    elif r < 0.85:
        code[pc] = rng.randrange(1 << 32)
    else:  # an instruction of the generator's
        g = _Gen(rng, p)
        g.plain()
        code[pc : pc + 1] = g.words or [i]


def _mutate_fields(rng: random.Random, p: Proto) -> None:
    r = rng.random()
    if r < 0.3:
        p.maxstacksize = max(0, min(255, p.maxstacksize + rng.choice([-3, -2, -1, 1, 2])))
    elif r < 0.45:
        p.numparams = rng.randrange(5)
    elif r < 0.6:
        p.is_vararg = rng.randrange(8)
    elif r < 0.75:
        p.nups = rng.randrange(4)
    elif p.k:
        j = rng.randrange(len(p.k))
        if rng.random() < 0.3:
            del p.k[j]
        else:
            p.k[j] = rng.choice(VALUES + NAMES)
    else:
        p.k.append(rng.choice(VALUES + NAMES))


def mutate_proto(rng: random.Random, p: Proto) -> Proto:
    """A copy of p with a few changes: operands, opcodes, swapped, deleted
    or repeated words, random words; maxstacksize, numparams, is_vararg,
    nups, constants; in p or a function nested in it."""
    p = copy.deepcopy(p)
    fns = list(walk(p))
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        f = rng.choice(fns)
        if rng.random() < 0.75:
            _mutate_code(rng, f)
        else:
            _mutate_fields(rng, f)
    return p


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """Byte-level damage: bit flips, random bytes, a 4-byte size or count
    replaced, bytes deleted or inserted, the end cut off."""
    d = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 4])):
        r = rng.random()
        pos = rng.randrange(len(HEADER), len(d)) if len(d) > len(HEADER) else len(d)
        if r < 0.35 and pos < len(d):
            d[pos] ^= 1 << rng.randrange(8)
        elif r < 0.55 and pos < len(d):
            d[pos] = rng.randrange(256)
        elif r < 0.7:
            v = rng.choice(
                [0, 1, 2, 255, 256, 2**16, 2**31 - 1, 2**31, 2**32 - 1, rng.randrange(100)]
            )
            d[pos : pos + 4] = struct.pack("<I", v)
        elif r < 0.8:
            del d[pos : pos + rng.randint(1, 8)]
        elif r < 0.9:
            d[pos:pos] = rng.randbytes(rng.randint(1, 8))
        else:
            del d[rng.randrange(len(d) + 1) :]
    if rng.random() < 0.03 and len(d) >= len(HEADER):  # the header itself
        d[rng.randrange(len(HEADER))] = rng.randrange(256)
    return bytes(d)


def mutated(rng: random.Random) -> bytes:
    """A corpus chunk (or a generated one), mutated through its Proto or
    through its bytes."""
    base = rng.choice(_corpus_small()) if rng.random() < 0.8 else generated(rng)
    if rng.random() < 0.7:
        try:
            p = undump(base, b"=m")
        except LuaError:  # pragma: no cover - the corpus loads
            return mutate_bytes(rng, base)
        try:
            return dump(mutate_proto(rng, p), strip=rng.random() < 0.3)
        except (struct.error, OverflowError, ValueError):
            return base  # a field the dump cannot write: not a case
    return mutate_bytes(rng, base)


def chunk_case(rng: random.Random) -> bytes:
    """One chunk for the ``chunks`` kind: generated or mutated."""
    return generated(rng) if rng.random() < 0.4 else mutated(rng)


__all__ = ["chunk_case", "corpus", "generate", "generated", "mutate_bytes", "mutate_proto",
           "mutated", "walk"]  # fmt: skip
