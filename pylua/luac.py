"""``python -m pylua.luac``: luac.c of Lua 5.1.5.

Same options, same output files, same listings and the same messages as
``luac5.1``, with our program name in front of them (``pyluac: ...``)::

    pyluac [-l [-l]] [-p] [-s] [-o FILE] [-v] [--] [FILES... | -]
"""

from __future__ import annotations

import sys

from . import opcodes as O
from .chunk import dump, loadfile
from .disasm import listing
from .errors import LuaError
from .proto import Proto

PROGNAME = "pyluac"
OUTPUT = "luac.out"  # luac.c's default output, kept for compatibility
LUA_RELEASE = "Lua 5.1.5"
LUA_COPYRIGHT = "Copyright (C) 1994-2012 Lua.org, PUC-Rio"

USAGE = (
    "usage: %s [options] [filenames].\n"
    "Available options are:\n"
    "  -        process stdin\n"
    "  -l       list\n"
    "  -o name  output to file 'name' (default is \"%s\")\n"
    "  -p       parse only\n"
    "  -s       strip debug information\n"
    "  -v       show version information\n"
    "  --       stop handling options\n"
)


class _Exit(Exception):
    def __init__(self, status: int):
        self.status = status


def _stderr(msg: str | bytes) -> None:
    if isinstance(msg, str):
        msg = msg.encode("utf-8", "surrogateescape")
    sys.stdout.flush()
    sys.stderr.flush()
    sys.stderr.buffer.write(msg)
    sys.stderr.buffer.flush()


def fatal(message: str | bytes) -> None:
    if isinstance(message, str):
        message = message.encode("utf-8", "surrogateescape")
    _stderr(PROGNAME.encode() + b": " + message + b"\n")
    raise _Exit(1)


def usage(message: str) -> None:
    if message.startswith("-"):
        _stderr("%s: unrecognized option '%s'\n" % (PROGNAME, message))
    else:
        _stderr("%s: %s\n" % (PROGNAME, message))
    _stderr(USAGE % (PROGNAME, OUTPUT))
    raise _Exit(1)


def combine(protos: list[Proto]) -> Proto:
    """luac.c's combine: one main function calling each file's in turn."""
    if len(protos) == 1:
        return protos[0]
    f = Proto(source=b"=(luac)", maxstacksize=1)
    for i in range(len(protos)):
        f.code.append(O.create_ABx(O.OP_CLOSURE, 0, i))
        f.code.append(O.create_ABC(O.OP_CALL, 0, 1, 1))
    f.code.append(O.create_ABC(O.OP_RETURN, 0, 1, 0))
    f.p = list(protos)
    return f


def _run(argv: list[str]) -> int:
    listing_level = 0
    dumping = True
    stripping = False
    output: str | None = OUTPUT
    version = 0
    argc = len(argv) + 1  # luac.c counts its own name as argv[0]
    args = [PROGNAME] + list(argv)
    i = 1
    while i < argc:
        arg = args[i]
        if not arg.startswith("-"):  # end of options; keep it
            break
        elif arg == "--":  # end of options; skip it
            i += 1
            if version:
                version += 1
            break
        elif arg == "-":  # end of options; use stdin
            break
        elif arg == "-l":
            listing_level += 1
        elif arg == "-o":
            i += 1
            output = args[i] if i < argc else None
            if not output:
                usage("'-o' needs argument")
            if output == "-":
                output = None
        elif arg == "-p":
            dumping = False
        elif arg == "-s":
            stripping = True
        elif arg == "-v":
            version += 1
        else:
            usage(arg)
        i += 1
    if i == argc and (listing_level or not dumping):
        # with nothing to compile, list (or check) the last output
        dumping = False
        i -= 1
        args[i] = OUTPUT
    if version:
        sys.stdout.write("%s  %s\n" % (LUA_RELEASE, LUA_COPYRIGHT))
        sys.stdout.flush()
        if version == argc - 1:
            return 0
    files = args[i:]
    if not files:
        usage("no input files given")

    protos = []
    for name in files:
        try:
            protos.append(loadfile(None if name == "-" else name))
        except LuaError as e:
            v = e.value
            fatal(v if isinstance(v, bytes) else str(v))
    f = combine(protos)
    out = sys.stdout.buffer
    if listing_level:
        out.write(listing(f, listing_level > 1).encode("latin-1"))
        out.flush()
    if dumping:
        data = dump(f, stripping)
        if output is None:
            out.write(data)
            out.flush()
        else:
            try:
                with open(output, "wb") as fh:
                    fh.write(data)
            except OSError as e:
                fatal("cannot open %s: %s" % (output, e.strerror or e))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run luac with ``argv`` (without the program name); return the exit status."""
    if argv is None:
        argv = sys.argv[1:]
    try:
        return _run(argv)
    except _Exit as e:
        return e.status


if __name__ == "__main__":
    sys.exit(main())
