"""Cases: what each kind of fuzzing makes from a seed and an index, the
findings saved so far, and the ones waiting for a change elsewhere.

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

from .chunks import chunk_case
from .grammar import grammar_case
from .sources import source_case

FINDINGS_DIR = Path(__file__).resolve().parent / "findings"
XFAIL = FINDINGS_DIR / "xfail.txt"

KINDS = {
    "chunks": chunk_case,  # binary chunks: generated, or corpus chunks mutated
    "mutate": source_case,  # corpus programs mutated token by token
    "grammar": grammar_case,  # random programs from a small grammar
}


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


__all__ = ["FINDINGS_DIR", "KINDS", "Case", "cases", "finding_files", "make_case",
           "save_finding", "signature", "xfails"]  # fmt: skip
