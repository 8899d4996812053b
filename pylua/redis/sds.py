"""sdssplitargs (sds.c): how Redis splits a line into arguments, used
for the shebang and library metadata lines, inline commands, and the
setup and seed lines of Redis mode (the way redis-cli reads them)."""

from __future__ import annotations

_SPACE = b" \t\n\v\f\r"
_HEX = b"0123456789abcdefABCDEF"
_ESCAPES = {110: 10, 114: 13, 116: 9, 98: 8, 97: 7}  # \n \r \t \b \a


def split_args(line: bytes):
    """sdssplitargs (sds.c): the tokens, or None on unbalanced quotes.
    The line is a C string: it ends at its first NUL byte."""
    nul = line.find(b"\0")
    if nul >= 0:
        line = line[:nul]
    n = len(line)

    def at(i):
        return line[i] if i < n else 0

    out = []
    p = 0
    while True:
        while p < n and line[p] in _SPACE:
            p += 1
        if p >= n:
            return out
        cur = bytearray()
        inq = insq = done = False
        while not done:
            c = at(p)
            if inq:
                if c == 92 and at(p + 1) == 120 and at(p + 2) in _HEX and at(p + 3) in _HEX:
                    cur.append(int(line[p + 2 : p + 4], 16))
                    p += 3
                elif c == 92 and at(p + 1):
                    p += 1
                    cur.append(_ESCAPES.get(line[p], line[p]))
                elif c == 34:
                    if at(p + 1) and at(p + 1) not in _SPACE:
                        return None
                    done = True
                elif not c:
                    return None
                else:
                    cur.append(c)
            elif insq:
                if c == 92 and at(p + 1) == 39:
                    p += 1
                    cur.append(39)
                elif c == 39:
                    if at(p + 1) and at(p + 1) not in _SPACE:
                        return None
                    done = True
                elif not c:
                    return None
                else:
                    cur.append(c)
            elif c in (32, 10, 13, 9, 0):
                done = True
            elif c == 34:
                inq = True
            elif c == 39:
                insq = True
            else:
                cur.append(c)
            if at(p):
                p += 1
        out.append(bytes(cur))
