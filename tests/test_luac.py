"""Acceptance tests of the compiler: ``pylua.luac`` against luac5.1's goldens.

For every tests/luac/X.lua (goldens written by tests/regen_goldens.py):

- listing: ``pyluac -l -l -p X.lua`` prints X.lua.list (addresses normalised);
- dump:    ``pyluac -o OUT X.lua`` writes exactly the bytes of X.luac;
- undump:  ``pyluac -l -l -p X.luac`` (luac5.1's own binary) prints X.lua.list.

For every tests/syntax_errors/X.lua: ``pyluac -p X.lua`` exits with status 1
and prints ``pyluac: `` followed by X.lua.err on stderr, nothing on stdout.

luac runs in process with the cwd set to the file's folder and the bare file
name, as the goldens were made. stdout/stderr are replaced by text wrappers
over byte buffers, so output written as text or to ``.buffer`` is captured
byte for byte.
"""

from __future__ import annotations

import difflib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from regen_goldens import CORPUS, SYNTAX, corpus_files, normalize, syntax_files

# Corpus or syntax-error files that our compiler still gets wrong. Each entry
# is expected to fail (strict xfail): fix the compiler, then remove the entry.
KNOWN_FAILURES: dict[str, str] = {}


def _params(paths: list[Path]) -> list:
    out = []
    for p in paths:
        marks = []
        if p.name in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[p.name]))
        out.append(pytest.param(p, id=p.name, marks=marks))
    return out


CORPUS_FILES = _params(corpus_files())
SYNTAX_FILES = _params(syntax_files())


def run_luac(monkeypatch, cwd: Path, args: list[str]) -> tuple[int, bytes, bytes]:
    """Run ``pylua.luac.main(args)`` in ``cwd``; return (status, stdout, stderr)."""
    from pylua import luac

    out_buf, err_buf = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_buf, encoding="utf-8", errors="surrogateescape", newline="\n")
    err = io.TextIOWrapper(err_buf, encoding="utf-8", errors="surrogateescape", newline="\n")
    with monkeypatch.context() as mp:  # undoes only these patches, on leaving
        mp.chdir(cwd)
        mp.setattr(sys, "stdout", out)
        mp.setattr(sys, "stderr", err)
        try:
            status = luac.main(args)
        except SystemExit as e:  # tolerated, though main() should return its status
            status = e.code if isinstance(e.code, int) else 1
        finally:
            out.flush()
            err.flush()
    return status, out_buf.getvalue(), err_buf.getvalue()


def describe_text_diff(want: bytes, got: bytes, context: int = 3, limit: int = 60) -> str:
    """The first differing line and a unified diff cut to ``limit`` lines."""
    a = want.decode("latin-1").splitlines(keepends=True)
    b = got.decode("latin-1").splitlines(keepends=True)
    first = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    head = f"first difference at line {first + 1}:\n"
    head += f"  expected: {a[first]!r}\n" if first < len(a) else "  expected: <end>\n"
    head += f"  got:      {b[first]!r}\n" if first < len(b) else "  got:      <end>\n"
    diff = list(difflib.unified_diff(a, b, "expected (luac5.1)", "got (pyluac)", n=context))
    if len(diff) > limit:
        diff = diff[:limit] + [f"... ({len(diff) - limit} more diff lines)\n"]
    return head + "".join(diff)


def describe_bytes_diff(want: bytes, got: bytes) -> str:
    n = min(len(want), len(got))
    first = next((i for i in range(n) if want[i] != got[i]), n)
    lo = max(0, first - 16)
    return (
        f"sizes: expected {len(want)} bytes, got {len(got)}; first difference at offset "
        f"{first:#x}\n  expected[{lo:#x}:]: {want[lo : first + 16].hex(' ')}\n"
        f"  got     [{lo:#x}:]: {got[lo : first + 16].hex(' ')}"
    )


def check_listing(want: bytes, status: int, out: bytes, err: bytes, what: str) -> None:
    if status != 0 or err:
        pytest.fail(f"{what}: exit status {status}, stderr {err!r}", pytrace=False)
    got = normalize(out)
    if got != want:
        pytest.fail(
            f"{what}: listing differs from luac5.1's\n" + describe_text_diff(want, got),
            pytrace=False,
        )


@pytest.mark.parametrize("path", CORPUS_FILES)
def test_listing(path: Path, monkeypatch):
    want = path.with_name(path.name + ".list").read_bytes()
    status, out, err = run_luac(monkeypatch, CORPUS, ["-l", "-l", "-p", path.name])
    check_listing(want, status, out, err, f"pyluac -l -l -p {path.name}")


@pytest.mark.parametrize("path", CORPUS_FILES)
def test_dump(path: Path, monkeypatch, tmp_path: Path):
    want = path.with_name(path.name[:-4] + ".luac").read_bytes()
    target = tmp_path / (path.name[:-4] + ".luac")
    status, out, err = run_luac(monkeypatch, CORPUS, ["-o", str(target), path.name])
    if status != 0 or err or out:
        pytest.fail(
            f"pyluac -o: exit status {status}, stdout {out[:200]!r}, stderr {err!r}", pytrace=False
        )
    got = target.read_bytes()
    if got != want:
        msg = f"pyluac -o {path.name}: binary chunk differs from luac5.1's\n"
        msg += describe_bytes_diff(want, got)
        # the listings usually say more than the bytes do
        lst = path.with_name(path.name + ".list").read_bytes()
        s, o, e = run_luac(monkeypatch, CORPUS, ["-l", "-l", "-p", str(target)])
        if s == 0 and normalize(o) != lst:
            msg += "\nlisting of our binary chunk:\n" + describe_text_diff(lst, normalize(o))
        pytest.fail(msg, pytrace=False)


@pytest.mark.parametrize("path", CORPUS_FILES)
def test_undump_listing(path: Path, monkeypatch):
    want = path.with_name(path.name + ".list").read_bytes()
    binary = path.name[:-4] + ".luac"
    status, out, err = run_luac(monkeypatch, CORPUS, ["-l", "-l", "-p", binary])
    check_listing(want, status, out, err, f"pyluac -l -l -p {binary}")


@pytest.mark.parametrize("path", SYNTAX_FILES)
def test_syntax_error(path: Path, monkeypatch):
    want = b"pyluac: " + path.with_name(path.name + ".err").read_bytes()
    status, out, err = run_luac(monkeypatch, SYNTAX, ["-p", path.name])
    problems = []
    if status != 1:
        problems.append(f"exit status {status}, expected 1")
    if out:
        problems.append(f"unexpected stdout {out[:200]!r}")
    if err != want:
        problems.append(f"stderr differs:\n  expected: {want!r}\n  got:      {err!r}")
    if problems:
        pytest.fail(f"pyluac -p {path.name}: " + "\n".join(problems), pytrace=False)


needs_luac = pytest.mark.skipif(
    shutil.which("luac5.1") is None, reason="luac5.1 (the reference compiler) is not on PATH"
)


@needs_luac
@pytest.mark.parametrize("path", CORPUS_FILES)
def test_strip_matches_oracle(path: Path, monkeypatch, tmp_path: Path):
    """``-s`` (no goldens committed for it): the same bytes as ``luac5.1 -s``."""
    ref, ours = tmp_path / "ref.luac", tmp_path / "ours.luac"
    subprocess.run(["luac5.1", "-s", "-o", str(ref), path.name], cwd=CORPUS, check=True)
    status, out, err = run_luac(monkeypatch, CORPUS, ["-s", "-o", str(ours), path.name])
    assert (status, out, err) == (0, b"", b"")
    want, got = ref.read_bytes(), ours.read_bytes()
    if got != want:
        pytest.fail(f"pyluac -s -o {path.name}\n" + describe_bytes_diff(want, got), pytrace=False)


@needs_luac
@pytest.mark.parametrize("path", CORPUS_FILES)
def test_single_l_matches_oracle(path: Path, monkeypatch):
    """``-l`` alone (no goldens committed for it): the same listing as ``luac5.1 -l -p``."""
    ref = subprocess.run(["luac5.1", "-l", "-p", path.name], cwd=CORPUS, capture_output=True)
    status, out, err = run_luac(monkeypatch, CORPUS, ["-l", "-p", path.name])
    check_listing(normalize(ref.stdout), status, out, err, f"pyluac -l -p {path.name}")


@needs_luac
def test_several_files_combined(monkeypatch):
    """luac's combine(): one main function ``=(luac)`` calling each file's chunk."""
    names = ["001_locals.lua", "044_closure_counter.lua", "085_main_chunk_varargs.lua"]
    ref = subprocess.run(["luac5.1", "-l", "-l", "-p", *names], cwd=CORPUS, capture_output=True)
    status, out, err = run_luac(monkeypatch, CORPUS, ["-l", "-l", "-p", *names])
    check_listing(normalize(ref.stdout), status, out, err, "pyluac -l -l -p " + " ".join(names))


def test_corpus_is_complete():
    """The corpus is large enough and every source has its goldens."""
    assert len(corpus_files()) >= 170
    assert len(syntax_files()) >= 50
    for p in corpus_files():
        assert p.with_name(p.name + ".list").is_file(), p.name
        assert p.with_name(p.name[:-4] + ".luac").is_file(), p.name
    for p in syntax_files():
        assert p.with_name(p.name + ".err").is_file(), p.name
    unknown = set(KNOWN_FAILURES) - {p.name for p in corpus_files() + syntax_files()}
    assert not unknown, f"KNOWN_FAILURES lists files that do not exist: {sorted(unknown)}"


def test_corpus_covers_every_opcode():
    """Every one of the 38 opcodes appears in some golden listing."""
    from pylua.opcodes import OPNAMES

    seen = set()
    for p in corpus_files():
        for line in p.with_name(p.name + ".list").read_bytes().decode("latin-1").splitlines():
            fields = line.split("\t")
            if len(fields) > 3 and fields[2].startswith("["):
                seen.add(fields[3].strip())
    assert set(OPNAMES) <= seen, sorted(set(OPNAMES) - seen)
