"""Cases: what each kind of fuzzing makes from a seed and an index, the
findings saved so far, and the ones known to need a change elsewhere.

A case is replayed from ``(kind, seed, index)`` alone: its generator gets
``random.Random(f"{kind}:{seed}:{index}")``.  A finding is saved under
tests/fuzz/findings/ as the program it is (``.lua`` for source, ``.luac``
for a binary chunk); tests/test_fuzz.py runs every file there and expects
no finding, except for the files listed in findings/xfail.txt (with the
reason: a change the harness's owner may not make, e.g. in the VM).
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path

from pylua.chunk import undump
from pylua.errors import LuaError
from pylua.opcodes import (
    LFIELDS_PER_FLUSH,
    OP_FORPREP,
    OP_NEWTABLE,
    OP_SETLIST,
    get_op,
    getarg_B,
    getarg_C,
    getarg_sBx,
)
from pylua.values import fb2int

from .chunks import chunk_case, walk
from .grammar import grammar_case
from .sources import source_case

FINDINGS_DIR = Path(__file__).resolve().parent / "findings"
XFAIL = FINDINGS_DIR / "xfail.txt"

KINDS = {
    "chunks": chunk_case,  # binary chunks: generated, or corpus chunks mutated
    "mutate": source_case,  # corpus programs mutated token by token
    "grammar": grammar_case,  # random programs from a small grammar
}

# Findings whose cause is known and outside the harness's reach: a pattern
# of the outcome's detail, and why.  A run reports them apart from new ones.
NEWTABLE_HINT = ("NEWTABLE's size hints are trusted (the VM preallocates fb2int(B) slots "
                 "and fb2int(C) nodes): the VM is to bound them (issue [3/6], item 5)")  # fmt: skip
SETLIST_BATCH = ("SETLIST's batch number sizes the array part ((C-1)*50+B slots, C up to "
                 "2^31/50): the VM is to bound it as NEWTABLE's hints (issue [3/6], item 5)")  # fmt: skip
KNOWN = [
    (re.compile(r"LuaTable_\(b, c\)"), NEWTABLE_HINT),
    (re.compile(r"t\.resize_array\(off \+ n\)"), SETLIST_BATCH),
]  # (findings/xfail.txt gives each a reproducer, with the same reason)
FORPREP_BACK = ("a FORPREP that jumps backward makes a loop the instruction budget never "
                "sees (the VM charges it at calls and backward JMP/FORLOOP only): the VM is "
                "to charge every backward jump (issue [3/6], item 3)")  # fmt: skip
BIG = 1 << 16  # a size hint or an index past this is a known allocation


@dataclass
class Case:
    kind: str
    seed: int
    index: int
    data: bytes

    @property
    def name(self) -> str:
        return f"{self.kind}:{self.seed}:{self.index}"

    @property
    def suffix(self) -> str:
        return ".luac" if self.data[:1] == b"\x1b" else ".lua"


def make_case(kind: str, seed: int, index: int) -> Case:
    rng = random.Random(f"{kind}:{seed}:{index}")
    return Case(kind, seed, index, KINDS[kind](rng))


def cases(kind: str, seed: int, count: int, start: int = 0):
    for i in range(start, start + count):
        yield make_case(kind, seed, i)


def known(detail: str) -> str | None:
    """Why a finding with this detail is known, or None."""
    for pat, why in KNOWN:
        if pat.search(detail):
            return why
    return None


def known_case(data: bytes) -> str | None:
    """Why a hang or a memory finding of this program is known: a binary
    chunk with a huge NEWTABLE hint or SETLIST batch, the allocations the
    VM does not bound yet (a hang shows where the time ran out, not what
    allocated the table it was walking), or with a backward FORPREP, a
    loop the VM does not budget yet."""
    if data[:1] != b"\x1b":
        return None
    try:
        p = undump(data, b"=k", strict=False)
    except LuaError:
        return None
    for q in walk(p):
        code = q.code
        for pc, i in enumerate(code):
            op = get_op(i)
            if op == OP_NEWTABLE and max(fb2int(getarg_B(i)), fb2int(getarg_C(i))) > BIG:
                return NEWTABLE_HINT
            if (op == OP_SETLIST and getarg_C(i) == 0 and pc + 1 < len(code)
                    and code[pc + 1] * LFIELDS_PER_FLUSH > BIG):  # fmt: skip
                return SETLIST_BATCH
            if op == OP_FORPREP and getarg_sBx(i) < 0:
                return FORPREP_BACK
    return None


def signature(status: str, detail: str) -> str:
    """What tells findings apart: the status, the innermost frame and the
    exception's last line."""
    lines = [x.strip() for x in detail.strip().splitlines() if x.strip()]
    frames = [x for x in lines if x.startswith("File ")]
    where = re.sub(r", line \d+", "", frames[-1]) if frames else ""
    last = lines[-1] if lines else ""
    last = re.sub(r"0x[0-9a-f]+|\d+", "N", last)[:160]
    return f"{status} | {where} | {last}"


def save_finding(case: Case, directory: Path = FINDINGS_DIR) -> Path:
    """Write the case's program under findings/, named by its kind and a
    hash of its bytes (the same program is saved once)."""
    directory.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha1(case.data).hexdigest()[:10]
    path = directory / f"{case.kind}-{h}{case.suffix}"
    path.write_bytes(case.data)
    return path


def finding_files(directory: Path = FINDINGS_DIR) -> list[Path]:
    return sorted(p for p in directory.glob("*") if p.suffix in (".lua", ".luac"))


def xfails(path: Path = XFAIL) -> dict[str, str]:
    """findings/xfail.txt: ``file name: reason`` per line (# comments)."""
    out = {}
    if path.exists():
        for line in path.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, why = line.partition(":")
                out[name.strip()] = why.strip()
    return out


__all__ = ["FINDINGS_DIR", "KINDS", "KNOWN", "Case", "cases", "finding_files", "known",
           "known_case", "make_case", "save_finding", "signature", "xfails"]  # fmt: skip
