"""RESP2 and RESP3, as redis-server 7.0.15 writes them.

`parse(data, pos)` reads one reply into a small typed tree of `Reply` nodes,
`encode(reply, proto)` writes a tree back in either protocol (a RESP3 type sent
to a RESP2 client is downgraded the way the server downgrades it), and
`decode(reply)` turns a tree into the plain Python values redis-py returns.

Kinds (`Reply.kind`) and their `value`:

====================  =========================  ==============================================
kind                  value                      RESP2 form (what the server sends a RESP2 client)
====================  =========================  ==============================================
``status``            bytes                      ``+OK``
``error``             bytes (without the ``-``)  ``-ERR ...``
``int``               int                        ``:1``
``bulk``              bytes                      ``$3 abc``
``nil``               None (``$-1``, RESP3 ``_``)  ``$-1``
``nilarray``          None (``*-1``, RESP3 ``_``)  ``*-1``
``array``             list[Reply]                ``*n``
``map``               list[(Reply, Reply)]       flat array of 2n items (addReplyMapLen)
``set``               list[Reply]                array (addReplySetLen)
``double``            float                      bulk string ``%.17g``, ``inf``/``-inf`` (addReplyDouble)
``bool``              bool                       ``:1`` / ``:0`` (addReplyBool)
``bignum``            bytes (the digits)         bulk string (addReplyBigNum)
``verbatim``          (fmt, data) bytes          bulk string of data only (addReplyVerbatim)
``attribute``         list[(Reply, Reply)]       not sent in RESP2 (parse attaches it to the next reply)
``push``              list[Reply]                array
====================  =========================  ==============================================

RESP3's null ``_`` parses as kind ``nil``; both nil kinds encode as ``_`` in RESP3.
A Lua ``true`` reply in RESP2 is ``:1`` and ``false`` is ``$-1``: that is the
script conversion (script_lua.c), not addReplyBool, so the scripting layer
builds ``int``/``nil`` there itself; ``bool`` here follows networking.c.
"""

from __future__ import annotations

import math

__all__ = ["Reply", "ReplyError", "parse", "encode", "decode", "ProtocolError", "Incomplete"]


class ProtocolError(ValueError):
    """The bytes are not a RESP reply."""


class Incomplete(ProtocolError):
    """The bytes end before the reply does (read more and parse again)."""


class ReplyError(Exception):
    """An error reply, decoded (`decode` returns it, nested or not; the caller decides to raise)."""

    def __init__(self, message: bytes):
        super().__init__(message.decode("utf-8", "replace"))
        self.message = message

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ReplyError) and other.message == self.message

    def __hash__(self) -> int:
        return hash(self.message)


class Reply:
    __slots__ = ("kind", "value", "attribute")

    def __init__(self, kind: str, value=None, attribute=None):
        self.kind = kind
        self.value = value
        self.attribute = attribute

    def __repr__(self) -> str:
        return f"Reply({self.kind!r}, {self.value!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reply) or other.kind != self.kind:
            return False
        if self.kind == "double" and math.isnan(self.value) and math.isnan(other.value):
            return True
        return self.value == other.value

    __hash__ = None  # mutable


# constructors, for readability where replies are built by hand
def status(s: bytes) -> Reply:
    return Reply("status", s)


def error(s: bytes) -> Reply:
    return Reply("error", s)


def integer(n: int) -> Reply:
    return Reply("int", n)


def bulk(s: bytes) -> Reply:
    return Reply("bulk", s)


NIL = Reply("nil")
NILARRAY = Reply("nilarray")


def array(items) -> Reply:
    return Reply("array", list(items))


def double(d: float) -> Reply:
    return Reply("double", float(d))


# ---------------------------------------------------------------- parse

def _line(data: bytes, pos: int) -> tuple[bytes, int]:
    end = data.find(b"\r\n", pos)
    if end < 0:
        raise Incomplete("incomplete line")
    return data[pos:end], end + 2


def _int(text: bytes) -> int:
    try:
        return int(text)
    except ValueError:
        raise ProtocolError(f"bad integer {text!r}") from None


def parse(data: bytes, pos: int = 0) -> tuple[Reply, int]:
    """One reply from `data` at `pos`: (the reply, the position after it).

    Raises Incomplete when `data` ends inside the reply, ProtocolError when it is not RESP."""
    if pos >= len(data):
        raise Incomplete("no data")
    t = data[pos:pos + 1]
    line, pos = _line(data, pos + 1)
    if t == b"+":
        return Reply("status", line), pos
    if t == b"-":
        return Reply("error", line), pos
    if t == b":":
        return Reply("int", _int(line)), pos
    if t in (b"$", b"="):
        n = _int(line)
        if n < 0:
            return Reply("nil"), pos
        if len(data) < pos + n + 2:
            raise Incomplete("incomplete bulk")
        body = data[pos:pos + n]
        if data[pos + n:pos + n + 2] != b"\r\n":
            raise ProtocolError("bulk not followed by CRLF")
        pos += n + 2
        if t == b"=":
            return Reply("verbatim", (body[:3], body[4:])), pos
        return Reply("bulk", body), pos
    if t in (b"*", b"~", b">"):
        n = _int(line)
        if n < 0:
            return Reply("nilarray"), pos
        items = []
        for _ in range(n):
            item, pos = parse(data, pos)
            items.append(item)
        kind = {b"*": "array", b"~": "set", b">": "push"}[t]
        return Reply(kind, items), pos
    if t in (b"%", b"|"):
        n = _int(line)
        pairs = []
        for _ in range(n):
            k, pos = parse(data, pos)
            v, pos = parse(data, pos)
            pairs.append((k, v))
        if t == b"|":
            reply, pos = parse(data, pos)
            reply.attribute = pairs
            return reply, pos
        return Reply("map", pairs), pos
    if t == b"_":
        return Reply("nil"), pos
    if t == b",":
        text = line.lower()
        if text in (b"inf", b"+inf"):
            return Reply("double", math.inf), pos
        if text == b"-inf":
            return Reply("double", -math.inf), pos
        try:
            return Reply("double", float(line)), pos
        except ValueError:
            raise ProtocolError(f"bad double {line!r}") from None
    if t == b"#":
        if line not in (b"t", b"f"):
            raise ProtocolError(f"bad boolean {line!r}")
        return Reply("bool", line == b"t"), pos
    if t == b"(":
        return Reply("bignum", line), pos
    raise ProtocolError(f"unknown reply type {t!r}")


def parse_all(data: bytes) -> list[Reply]:
    out, pos = [], 0
    while pos < len(data):
        r, pos = parse(data, pos)
        out.append(r)
    return out


# ---------------------------------------------------------------- encode

def format_double(d: float) -> bytes:
    """The digits of addReplyDouble: %.17g, with inf spelled as the server spells it."""
    if math.isinf(d):
        return b"inf" if d > 0 else b"-inf"
    if math.isnan(d):
        return b"nan"
    return b"%.17g" % d


def _bulk(b: bytes) -> bytes:
    return b"$%d\r\n%s\r\n" % (len(b), b)


def encode(reply: Reply, proto: int = 2) -> bytes:
    out: list[bytes] = []
    _encode(reply, proto, out)
    return b"".join(out)


def _encode(r: Reply, proto: int, out: list) -> None:
    k = r.kind
    if proto == 3 and r.attribute is not None:
        out.append(b"|%d\r\n" % len(r.attribute))
        for a, b in r.attribute:
            _encode(a, proto, out)
            _encode(b, proto, out)
    if k == "status":
        out.append(b"+%s\r\n" % r.value)
    elif k == "error":
        out.append(b"-%s\r\n" % r.value)
    elif k == "int":
        out.append(b":%d\r\n" % r.value)
    elif k == "bulk":
        out.append(_bulk(r.value))
    elif k == "nil":
        out.append(b"_\r\n" if proto == 3 else b"$-1\r\n")
    elif k == "nilarray":
        out.append(b"_\r\n" if proto == 3 else b"*-1\r\n")
    elif k in ("array", "set", "push"):
        prefix = {"array": b"*", "set": b"~", "push": b">"}[k] if proto == 3 else b"*"
        out.append(b"%s%d\r\n" % (prefix, len(r.value)))
        for item in r.value:
            _encode(item, proto, out)
    elif k == "map":
        if proto == 3:
            out.append(b"%%%d\r\n" % len(r.value))
        else:
            out.append(b"*%d\r\n" % (2 * len(r.value)))
        for a, b in r.value:
            _encode(a, proto, out)
            _encode(b, proto, out)
    elif k == "double":
        text = format_double(r.value)
        out.append(b",%s\r\n" % text if proto == 3 else _bulk(text))
    elif k == "bool":
        if proto == 3:
            out.append(b"#t\r\n" if r.value else b"#f\r\n")
        else:
            out.append(b":1\r\n" if r.value else b":0\r\n")
    elif k == "bignum":
        out.append(b"(%s\r\n" % r.value if proto == 3 else _bulk(r.value))
    elif k == "verbatim":
        fmt, data = r.value
        if proto == 3:
            out.append(b"=%d\r\n%s:%s\r\n" % (len(data) + 4, fmt, data))
        else:
            out.append(_bulk(data))
    else:
        raise ValueError(f"unknown reply kind {k!r}")


# ---------------------------------------------------------------- decode

def _hashable(v):
    if isinstance(v, list):
        return tuple(_hashable(x) for x in v)
    if isinstance(v, dict):
        return tuple((a, _hashable(b)) for a, b in v.items())
    if isinstance(v, set):
        return frozenset(v)
    return v


def decode(r: Reply):
    """Plain Python values, as redis-py (decode_responses=False, no response callbacks) gives them:
    status and bulk bytes, int, None, list, dict (map), set (set), float (double), bool, int (big number),
    bytes (verbatim: the text without its format), and errors as ReplyError instances (returned, not raised)."""
    k = r.kind
    if k in ("status", "bulk"):
        return r.value
    if k == "error":
        return ReplyError(r.value)
    if k in ("int", "double", "bool"):
        return r.value
    if k in ("nil", "nilarray"):
        return None
    if k in ("array", "push"):
        return [decode(x) for x in r.value]
    if k == "set":
        return {_hashable(decode(x)) for x in r.value}
    if k == "map":
        return {_hashable(decode(a)): decode(b) for a, b in r.value}
    if k == "bignum":
        return int(r.value)
    if k == "verbatim":
        return r.value[1]
    raise ValueError(f"unknown reply kind {k!r}")
