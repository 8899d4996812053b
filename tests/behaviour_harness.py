"""Shared machinery of the behaviour corpus (tests/lua/).

Every ``tests/lua/<area>/NNN_name.lua`` has a ``NNN_name.lua.expected`` next to
it: what ``lua5.1`` printed for it (format: tests/lua/README.md). Both the
reference and our implementation are run the same way: cwd = the program's
folder, the bare file name as the only argument, stdin from /dev/null, and the
fixed environment ``ENV``.

- ``run_lua51(path)`` / ``run_pylua(path)`` -> ``(stdout_bytes, exit_code,
  stderr_first_line)``; the first line of stderr has lua5.1's ``lua5.1: ``
  prefix turned into ``pylua: `` so the two are comparable.
- ``encode_expected`` / ``decode_expected`` read and write the ``.expected``
  text.
"""

from __future__ import annotations

import base64
import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "lua"
LUA51 = "lua5.1"
TIMEOUT = 120  # seconds, per program, for our implementation
LUA51_TIMEOUT = 60

# A fixed environment: no LUA_INIT / LUA_PATH / LUA_CPATH, C locale, UTC.
ENV = {
    "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
    "LC_ALL": "C",
    "LANG": "C",
    "TZ": "UTC",
    "HOME": "/nonexistent",
}


def programs() -> list[Path]:
    """Every corpus program, sorted by area then name."""
    return sorted(CORPUS.glob("*/*.lua"))


def expected_path(path: Path) -> Path:
    return path.with_name(path.name + ".expected")


def program_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _stderr_first(stderr: bytes, ours: str) -> str | None:
    if not stderr:
        return None
    line = stderr.split(b"\n", 1)[0].decode("latin-1")
    if line.startswith(ours + ": "):
        line = "pylua: " + line[len(ours) + 2 :]
    return line


def _run(argv: list[str], path: Path, env: dict, timeout: float, progname: str):
    path = Path(path)
    proc = subprocess.run(
        argv + [path.name],
        cwd=path.parent,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        timeout=timeout,
    )
    return proc.stdout, proc.returncode, _stderr_first(proc.stderr, progname)


def run_lua51(path) -> tuple[bytes, int, str | None]:
    """Run the reference; argv[0] is ``lua5.1`` so its messages say ``lua5.1: ``."""
    return _run([LUA51], path, dict(ENV), LUA51_TIMEOUT, "lua5.1")


def run_pylua(path) -> tuple[bytes, int, str | None]:
    """Run our implementation exactly as the reference was run."""
    env = dict(ENV)
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONHASHSEED"] = "0"
    return _run([sys.executable, "-m", "pylua"], path, env, TIMEOUT, "pylua")


def encode_expected(stdout: bytes, exit_code: int, stderr_first: str | None) -> str:
    data: dict = {"exit": exit_code, "stderr_first": stderr_first}
    try:
        data["stdout"] = stdout.decode("utf-8")
    except UnicodeDecodeError:
        data["stdout_base64"] = base64.b64encode(stdout).decode("ascii")
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=True) + "\n"


def decode_expected(text: str) -> tuple[bytes, int, str | None]:
    data = json.loads(text)
    if "stdout_base64" in data:
        stdout = base64.b64decode(data["stdout_base64"])
    else:
        stdout = data["stdout"].encode("utf-8")
    return stdout, data["exit"], data["stderr_first"]


def read_expected(path: Path) -> tuple[bytes, int, str | None]:
    return decode_expected(expected_path(Path(path)).read_text(encoding="ascii"))


def describe_mismatch(want, got) -> str:
    """A readable account of how ``got`` differs from ``want`` (both triples)."""
    out = []
    (w_out, w_exit, w_err), (g_out, g_exit, g_err) = want, got
    if w_out != g_out:
        diff = difflib.unified_diff(
            w_out.decode("latin-1").splitlines(keepends=True),
            g_out.decode("latin-1").splitlines(keepends=True),
            "lua5.1 stdout",
            "pylua stdout",
        )
        text = "".join(repr_line(line) for line in diff)
        out.append("stdout differs:\n" + (text or "(only in line endings)\n"))
    if w_exit != g_exit:
        out.append(f"exit code: expected {w_exit}, got {g_exit}\n")
    if w_err != g_err:
        out.append(f"stderr first line:\n  expected {w_err!r}\n  got      {g_err!r}\n")
    return "".join(out)


def repr_line(line: str) -> str:
    """Show invisible bytes (\\0, \\r, high bytes) in a diff line."""
    body = line[:-1] if line.endswith("\n") else line
    plain = body.replace("\t", " ")
    if plain.isprintable() and plain.isascii():
        return body + "\n"
    return body[:1] + repr(body[1:]) + "\n"
