"""(Re)write the compiler goldens from the reference luac5.1 (5.1.5).

Usage (from the repository root):

    python tests/regen_goldens.py            # rewrite every golden
    python tests/regen_goldens.py 0*.lua     # only files whose name matches

For tests/luac/X.lua it writes, running luac5.1 with cwd = tests/luac and the
bare file name (so the listing header reads ``main <X.lua:0,0>``):

- X.lua.list: stdout of ``luac5.1 -l -l -p X.lua`` with every hexadecimal
  address (``0x[0-9a-f]+``) replaced by ``0x?``;
- X.luac: the bytes ``luac5.1 -o X.luac X.lua`` writes.

For tests/syntax_errors/X.lua it writes X.lua.err: the stderr of
``luac5.1 -p X.lua`` (cwd = tests/syntax_errors) without its leading
``luac5.1: ``. It refuses files that luac5.1 accepts (and corpus files that it
rejects), so a golden never records something other than what it claims.

tests/test_goldens_fresh.py imports the helpers below to check that the
committed goldens still equal what luac5.1 produces.
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CORPUS = TESTS / "luac"
SYNTAX = TESTS / "syntax_errors"
LUAC = "luac5.1"
PREFIX = b"luac5.1: "

_ADDRESS = re.compile(rb"0x[0-9a-f]+")


def normalize(listing: bytes) -> bytes:
    """Replace the pointers luac prints (they differ from run to run)."""
    return _ADDRESS.sub(b"0x?", listing)


def have_luac() -> bool:
    return shutil.which(LUAC) is not None


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.lua"))


def syntax_files() -> list[Path]:
    return sorted(SYNTAX.glob("*.lua"))


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([LUAC, *args], cwd=cwd, capture_output=True, timeout=120)


def oracle_listing(path: Path) -> bytes:
    r = _run(["-l", "-l", "-p", path.name], path.parent)
    if r.returncode != 0:
        raise RuntimeError(f"{LUAC} rejects {path.name}: {r.stderr.decode('latin-1')}")
    return normalize(r.stdout)


def oracle_binary(path: Path) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / (path.name + "c")
        r = _run(["-o", str(out), path.name], path.parent)
        if r.returncode != 0:
            raise RuntimeError(f"{LUAC} rejects {path.name}: {r.stderr.decode('latin-1')}")
        return out.read_bytes()


def oracle_error(path: Path) -> bytes:
    r = _run(["-p", path.name], path.parent)
    if r.returncode == 0:
        raise RuntimeError(f"{LUAC} accepts {path.name}, which should be a syntax error")
    if not r.stderr.startswith(PREFIX):
        raise RuntimeError(f"unexpected stderr for {path.name}: {r.stderr!r}")
    return r.stderr[len(PREFIX) :]


def goldens_for(path: Path) -> dict[Path, bytes]:
    """The golden files (path -> content) that belong to one source file."""
    if path.parent == SYNTAX:
        return {path.with_name(path.name + ".err"): oracle_error(path)}
    return {
        path.with_name(path.name + ".list"): oracle_listing(path),
        path.with_name(path.name[:-4] + ".luac"): oracle_binary(path),
    }


def main(argv: list[str]) -> int:
    if not have_luac():
        print(f"{LUAC} is not on PATH", file=sys.stderr)
        return 1
    patterns = argv or ["*"]
    written = 0
    for path in corpus_files() + syntax_files():
        if not any(fnmatch.fnmatch(path.name, p) for p in patterns):
            continue
        for golden, data in goldens_for(path).items():
            if not golden.exists() or golden.read_bytes() != data:
                golden.write_bytes(data)
                written += 1
    print(f"{written} golden file(s) written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
