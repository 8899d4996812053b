"""Proto: a compiled Lua function, as lobject.h's ``Proto``.

Plain data shared by the compiler (which builds it), binary chunks (which
dump and undump it), the disassembler, the VM and the debugger.  Strings are
``bytes`` (Lua strings are byte strings), numbers ``float``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

# A constant: nil, boolean, number (always a float) or string (bytes).
Constant = Union[None, bool, float, bytes]

# is_vararg flags of lobject.h
VARARG_HASARG = 1
VARARG_ISVARARG = 2
VARARG_NEEDSARG = 4


@dataclass
class LocVar:
    varname: bytes
    startpc: int  # first pc where the variable is active
    endpc: int  # first pc where the variable is dead


@dataclass(eq=False)
class Proto:
    source: bytes = b"?"  # chunk name: b"@file.lua", b"=stdin", or the source text
    linedefined: int = 0
    lastlinedefined: int = 0
    nups: int = 0
    numparams: int = 0
    is_vararg: int = 0  # VARARG_* flags
    maxstacksize: int = 2
    code: list[int] = field(default_factory=list)  # (the compiler's: array("I"))
    k: list[Constant] = field(default_factory=list)
    p: list["Proto"] = field(default_factory=list)
    lineinfo: list[int] = field(default_factory=list)  # a line per instruction (array("i"))
    locvars: list[LocVar] = field(default_factory=list)
    upvalues: list[bytes] = field(default_factory=list)  # upvalue names

    # What the VM makes of the code when it first runs it (vcode.prepare): not
    # part of the function's data, never dumped or compared.
    vcode: list | None = field(default=None, repr=False, compare=False)  # vcode.prepare's tuples
    vclear: int = field(default=0, repr=False, compare=False)  # vcode._clear_count
    vcall: tuple | None = field(default=None, repr=False, compare=False)  # what CALL loads at once
    vforloop: dict | None = field(default=None, repr=False, compare=False)  # FORLOOP_R pc -> its op
    vregion: dict | None = field(default=None, repr=False, compare=False)  # pc -> compiled loop
    vdecoded: int = field(default=0, repr=False, compare=False)  # words of vcode decoded so far
    vjit: object = field(default=None, repr=False, compare=False)  # fastfunc: None, False or the function
    vdeopts: int = field(default=0, repr=False, compare=False)  # fastfunc: deopts so far
    vosr: dict | None = field(default=None, repr=False, compare=False)  # fastfunc: loop head -> OSR function

    def getlocalname(self, local_number: int, pc: int) -> bytes | None:
        """Name of the local_number-th (1-based) active local at pc (ldebug's luaF_getlocalname)."""
        for var in self.locvars:
            if var.startpc > pc:
                break
            if pc < var.endpc:
                local_number -= 1
                if local_number == 0:
                    return var.varname
        return None
