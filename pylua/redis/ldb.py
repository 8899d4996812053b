"""How Redis's Lua debugger (LDB, eval.c) writes what a script does: a
command (`<redis> INCR rl:u1`), its reply (`<reply> 1`), redis.debug's
values (`<debug> line 3: "a", 1`).  The playground's console and the
command line's --trace print these lines."""

from __future__ import annotations

from ..values import LuaTable

MAX_LEN = 256  # LDB_MAX_LEN_DEFAULT: longer lines are cut
MAX_DEPTH = 10  # LDB_MAX_VALUES_DEPTH


def repr_bytes(b: bytes) -> bytes:
    """sdscatrepr: a quoted C string with escapes."""
    out = bytearray(b'"')
    for c in b:
        if c in (0x5C, 0x22):
            out += b"\\" + bytes([c])
        elif c == 0x0A:
            out += b"\\n"
        elif c == 0x0D:
            out += b"\\r"
        elif c == 0x09:
            out += b"\\t"
        elif c == 0x07:
            out += b"\\a"
        elif c == 0x08:
            out += b"\\b"
        elif 0x20 <= c < 0x7F:
            out.append(c)
        else:
            out += b"\\x%02x" % c
    out += b'"'
    return bytes(out)


def command_line(argv) -> bytes:
    """"<redis> CMD arg ..." (at most 10 arguments shown)."""
    out = b"<redis>"
    for j, a in enumerate(argv):
        if j == 10:
            out += b" ... (%d more)" % (len(argv) - j - 1)
            break
        out += b" " + a
    return cut(out)


def reply_line(reply: bytes) -> bytes:
    """"<reply> " and the reply in ldbRedisProtocolToHuman's form."""
    out = []
    _human(reply, 0, out)
    return cut(b"<reply> " + b"".join(out))


def cut(line: bytes) -> bytes:
    """ldbLogWithMaxLen."""
    if len(line) > MAX_LEN:
        return line[:MAX_LEN] + b" ..."
    return line


def _crlf(data: bytes, pos: int) -> int:
    return data.index(b"\r", pos)


def _human(data: bytes, p: int, out: list) -> int:
    t = data[p : p + 1]
    e = _crlf(data, p + 1)
    line = data[p + 1 : e]
    if t == b":":
        out.append(line)
        return e + 2
    if t == b"$":
        n = int(line)
        if n == -1:
            out.append(b"NULL")
            return e + 2
        out.append(repr_bytes(data[e + 2 : e + 2 + n]))
        return e + 2 + n + 2
    if t in (b"+", b"-"):
        out.append(repr_bytes(data[p:e]))
        return e + 2
    if t in (b"*", b"~", b"%"):
        n = int(line)
        p = e + 2
        if t == b"*" and n == -1:
            out.append(b"NULL")
            return p
        out.append({b"*": b"[", b"~": b"~(", b"%": b"{"}[t])
        for j in range(n):
            p = _human(data, p, out)
            if t == b"%":
                out.append(b" => ")
                p = _human(data, p, out)
            if j != n - 1:
                out.append(b",")
        out.append({b"*": b"]", b"~": b")", b"%": b"}"}[t])
        return p
    if t == b"_":
        out.append(b"(null)")
        return e + 2
    if t == b"#":
        out.append(b"#true" if line == b"t" else b"#false")
        return e + 2
    if t == b",":
        out.append(b"(double) " + line)
        return e + 2
    out.append(data[p:e])  # (a type LDB does not know)
    return e + 2


def value(v, level: int = 0) -> bytes:
    """ldbCatStackValueRec: a Lua value as redis.debug() writes it."""
    if level == MAX_DEPTH:
        return b"<max recursion level reached! Nested table?>"
    level += 1
    c = v.__class__
    if c is bytes:
        return repr_bytes(v)
    if c is bool:
        return b"true" if v else b"false"
    if c is float:
        return _g(v)
    if v is None:
        return b"nil"
    if c is LuaTable:
        expected = 1
        is_array = True
        r1 = []
        r2 = []
        k = v.next(None)
        while k is not None:
            key, val = k
            if is_array and not (key.__class__ is float and key == expected):
                is_array = False
            r1.append(value(val, level))
            r2.append(b"[" + value(key, level) + b"]=" + value(val, level))
            expected += 1
            k = v.next(key)
        return b"{" + b"; ".join(r1 if is_array else r2) + b"}"
    kind = getattr(v, "lua_type", "unknown")
    return b'"%s@0x%x"' % (kind.encode(), id(v) & 0xFFFFFFFFFFFF)


def _g(d: float) -> bytes:
    """printf's %g."""
    if d != d:
        return b"-nan" if str(d).startswith("-") else b"nan"
    if d in (float("inf"), float("-inf")):
        return b"inf" if d > 0 else b"-inf"
    return b"%g" % d


def debug_line(line: int, values) -> bytes:
    """redis.debug(...): "<debug> line N: v1, v2"."""
    return cut(b"<debug> line %d: " % line + b", ".join(value(v) for v in values))
