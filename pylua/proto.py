"""Proto: a compiled Lua function, as lobject.h's ``Proto``.

Plain data shared by the compiler (which builds it), binary chunks (which
dump and undump it), the disassembler, the VM and the debugger.  Strings are
``bytes`` (Lua strings are byte strings), numbers ``float``.
"""

from __future__ import annotations

# (Plain classes, not dataclasses: importing dataclasses, and the code it
# writes for each class, cost every start of ``python -m pylua`` several ms.)

# A constant: nil, boolean, number (always a float) or string (bytes).
Constant = (type(None), bool, float, bytes)

# is_vararg flags of lobject.h
VARARG_HASARG = 1
VARARG_ISVARARG = 2
VARARG_NEEDSARG = 4


class LocVar:
    def __init__(self, varname: bytes, startpc: int, endpc: int):
        self.varname = varname
        self.startpc = startpc  # first pc where the variable is active
        self.endpc = endpc  # first pc where the variable is dead

    def __eq__(self, other):
        if other.__class__ is not LocVar:
            return NotImplemented
        return (self.varname, self.startpc, self.endpc) == (
            other.varname,
            other.startpc,
            other.endpc,
        )

    __hash__ = None  # mutable, compared by value (as a dataclass is)

    def __repr__(self) -> str:
        return f"LocVar(varname={self.varname!r}, startpc={self.startpc!r}, endpc={self.endpc!r})"


class Proto:
    # the function's data, in lobject.h's order (what repr shows)
    _FIELDS = (
        "source", "linedefined", "lastlinedefined", "nups", "numparams", "is_vararg",
        "maxstacksize", "code", "k", "p", "lineinfo", "locvars", "upvalues",
    )  # fmt: skip

    def __init__(
        self,
        source: bytes = b"?",  # chunk name: b"@file.lua", b"=stdin", or the source text
        linedefined: int = 0,
        lastlinedefined: int = 0,
        nups: int = 0,
        numparams: int = 0,
        is_vararg: int = 0,  # VARARG_* flags
        maxstacksize: int = 2,
        code: list[int] | None = None,  # (the compiler's: array("I"))
        k: list[Constant] | None = None,
        p: list[Proto] | None = None,
        lineinfo: list[int] | None = None,  # a line per instruction (array("i"))
        locvars: list[LocVar] | None = None,
        upvalues: list[bytes] | None = None,  # upvalue names
    ):
        self.source = source
        self.linedefined = linedefined
        self.lastlinedefined = lastlinedefined
        self.nups = nups
        self.numparams = numparams
        self.is_vararg = is_vararg
        self.maxstacksize = maxstacksize
        self.code = [] if code is None else code
        self.k = [] if k is None else k
        self.p = [] if p is None else p
        self.lineinfo = [] if lineinfo is None else lineinfo
        self.locvars = [] if locvars is None else locvars
        self.upvalues = [] if upvalues is None else upvalues
        # What the VM makes of the code when it first runs it (vcode.prepare): not
        # part of the function's data, never dumped or shown.
        self.vcode: list | None = None  # vcode.prepare's tuples
        self.vclear = 0  # vcode._clear_count
        self.vcall: tuple | None = None  # what CALL loads at once
        self.vforloop: dict | None = None  # FORLOOP_R pc -> its op
        self.vregion: dict | None = None  # pc -> compiled loop
        self.vdecoded = 0  # words of vcode decoded so far
        self.vjit = None  # fastfunc: None (not tried), False (cannot) or the function
        self.vdeopts = 0  # fastfunc: deopts so far
        self.vosr: dict | None = None  # fastfunc: loop head -> OSR function
        self.vgen = None  # fastfunc: the body of a coroutine as a generator (None, False, it)

    def __repr__(self) -> str:
        return "Proto(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in self._FIELDS) + ")"

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
