"""One instruction vocabulary: outside pylua/opcodes.py (and the loops
generated from pylua/handlers.py) nothing decodes an instruction by hand.

The instruction format is iABC / iABx / iAsBx with fields at bits 0, 6, 14
and 23; a raw mask or shift by those amounts, the sBx bias 131071, or an
opcode compared with a number means someone spelled the encoding again."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {"pylua/opcodes.py", "pylua/_loops.py", "pylua/_loops_hooked.py"}
# Redis mode's libraries (cjson's UTF-8, cmsgpack, struct, bit, the RDB
# payloads) shift and mask bytes by the same numbers: no instruction there
ALLOWED_DIRS = ("pylua/redis/",)

PATTERNS = [
    (re.compile(r"&\s*(0x3[fF]|63)\b"), "the opcode mask"),
    (re.compile(r"&\s*(0x1[fF]{2}|511|0x3[fF]{4}|262143)\b"), "a B/C/Bx mask"),
    (re.compile(r">>\s*(6|14|23)\b"), "a shift to an instruction field"),
    (re.compile(r"\b131071\b"), "the sBx bias"),
    (re.compile(r"&\s*(0x100|256)\b"), "the RK constant bit"),
    (re.compile(r"\bop(code)?\s*(==|!=|<=|>=|<|>)\s*\d+\s*(#|$|\)|:)"), "an opcode number"),
]


def _sources():
    for path in sorted((ROOT / "pylua").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel not in ALLOWED and not rel.startswith(ALLOWED_DIRS):
            yield rel, path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "web" / "src").glob("*.js")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def _offences(name: str, text: str) -> list[str]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0] if name.endswith(".py") else line.split("//", 1)[0]
        for rx, what in PATTERNS:
            if rx.search(code):
                out.append(f"{name}:{n}: {what}: {line.strip()}")
    return out


def test_nothing_decodes_instructions_by_hand():
    found = [o for name, text in _sources() for o in _offences(name, text)]
    assert not found, "\n".join(found)


def test_the_check_sees_hand_decoding():
    bad = "op = i & 0x3F\nb = (i >> 23) & 0x1FF\nsbx = x - 131071\nif op == 27:  # EQ\n"
    assert len(_offences("pylua/x.py", bad)) >= 4
    assert not _offences("pylua/x.py", "op = get_op(i)\nb = getarg_B(i)\n")
