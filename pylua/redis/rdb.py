"""The RDB pieces FUNCTION DUMP and FUNCTION RESTORE use (rdb.c, lzf_c.c,
lzf_d.c, crc64.c of Redis 7.0.15): each library as an
RDB_OPCODE_FUNCTION2 byte and its payload as an RDB string (LZF-compressed
when that saves at least four bytes, as rdbcompression, on by default,
does), then the RDB version (10, two bytes little-endian) and the CRC64
(Jones polynomial, little-endian) of everything before it.

The compressor is a port of liblzf 3.6 as Redis builds it (HLOG 16,
VERY_FAST, no table initialisation: Redis's table starts with whatever the
stack held, we start from an empty one; the output is the same whenever
the stale entries find no match, which is what a fresh server shows).
"""

from __future__ import annotations

RDB_VERSION = 10
OPCODE_FUNCTION2 = 245
OPCODE_FUNCTION = 246  # 7.0 rc1/rc2: name, engine, description, code

# -- CRC64 (crc64.c: Jones, reflected, init 0, no final xor) ------------------------

_POLY = 0x95AC9329AC4BC9B5  # 0xad93d23594c935a9 reflected


def _table():
    t = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ _POLY if c & 1 else c >> 1
        t.append(c)
    return t


_CRC_TABLE = _table()


def crc64(data: bytes, crc: int = 0) -> int:
    t = _CRC_TABLE
    for b in data:
        crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc


# -- LZF ------------------------------------------------------------------------------

MAX_LIT = 1 << 5
MAX_OFF = 1 << 13
MAX_REF = (1 << 8) + (1 << 3)


def _idx(h: int) -> int:
    return ((h >> 8) - h * 5) & 0xFFFF


def lzf_compress(d: bytes, out_len: int):
    """lzf_compress: the compressed bytes, or None when they would not fit
    in out_len bytes."""
    n = len(d)
    if not n or not out_len:
        return None
    out = bytearray(out_len + 8)
    htab = {}
    op = 1
    lit = 0
    ip = 0
    hval = (d[0] << 8) | (d[1] if n > 1 else 0)
    while ip < n - 2:
        hval = ((hval << 8) | d[ip + 2]) & 0xFFFFFFFF
        slot = _idx(hval)
        ref = htab.get(slot)
        htab[slot] = ip
        off = ip - ref - 1 if ref is not None else MAX_OFF
        if (
            off < MAX_OFF
            and ref > 0
            and d[ref + 2] == d[ip + 2]
            and d[ref] == d[ip]
            and d[ref + 1] == d[ip + 1]
        ):
            maxlen = min(n - ip - 2, MAX_REF)
            if op + 3 + 1 >= out_len and op - (not lit) + 3 + 1 >= out_len:
                return None
            out[op - lit - 1] = (lit - 1) & 0xFF  # stop run
            op -= not lit
            k = 3
            if maxlen > 16:
                while k <= 18 and d[ref + k] == d[ip + k]:
                    k += 1
                if k == 19:
                    while k < maxlen and d[ref + k] == d[ip + k]:
                        k += 1
            else:
                while k < maxlen and d[ref + k] == d[ip + k]:
                    k += 1
            ln = k - 2
            ip += 1
            if ln < 7:
                out[op] = ((off >> 8) + (ln << 5)) & 0xFF
                op += 1
            else:
                out[op] = ((off >> 8) + (7 << 5)) & 0xFF
                out[op + 1] = ln - 7
                op += 2
            out[op] = off & 0xFF
            op += 1
            lit = 0
            op += 1  # start run
            ip += ln + 1
            if ip >= n - 2:
                break
            ip -= 2
            hval = (d[ip] << 8) | d[ip + 1]
            hval = ((hval << 8) | d[ip + 2]) & 0xFFFFFFFF
            htab[_idx(hval)] = ip
            ip += 1
            hval = ((hval << 8) | d[ip + 2]) & 0xFFFFFFFF
            htab[_idx(hval)] = ip
            ip += 1
        else:
            if op >= out_len:
                return None
            lit += 1
            out[op] = d[ip]
            op += 1
            ip += 1
            if lit == MAX_LIT:
                out[op - lit - 1] = lit - 1
                lit = 0
                op += 1
    if op + 3 > out_len:
        return None
    while ip < n:
        lit += 1
        out[op] = d[ip]
        op += 1
        ip += 1
        if lit == MAX_LIT:
            out[op - lit - 1] = lit - 1
            lit = 0
            op += 1
    out[op - lit - 1] = (lit - 1) & 0xFF
    op -= not lit
    return bytes(out[:op])


def lzf_decompress(d: bytes, out_len: int):
    """lzf_decompress: the bytes, or None on an error."""
    out = bytearray()
    ip, n = 0, len(d)
    while ip < n:
        ctrl = d[ip]
        ip += 1
        if ctrl < 32:
            ctrl += 1
            if len(out) + ctrl > out_len or ip + ctrl > n:
                return None
            out += d[ip : ip + ctrl]
            ip += ctrl
        else:
            ln = ctrl >> 5
            ref = len(out) - ((ctrl & 0x1F) << 8) - 1
            if ip >= n:
                return None
            if ln == 7:
                ln += d[ip]
                ip += 1
                if ip >= n:
                    return None
            ref -= d[ip]
            ip += 1
            if len(out) + ln + 2 > out_len or ref < 0:
                return None
            for _ in range(ln + 2):
                out.append(out[ref])
                ref += 1
    return bytes(out)


# -- strings and lengths ------------------------------------------------------------


def save_len(n: int) -> bytes:
    if n < 1 << 6:
        return bytes([n])
    if n < 1 << 14:
        return bytes([(n >> 8) | 0x40, n & 0xFF])
    if n <= 0xFFFFFFFF:
        return b"\x80" + n.to_bytes(4, "big")
    return b"\x81" + n.to_bytes(8, "big")


def string2ll(b: bytes):
    """string2ll (util.c): the integer, or None (no spaces, no '+', no
    leading zeros, in range)."""
    if not b or len(b) > 20:
        return None
    s = b[1:] if b[:1] == b"-" else b
    if not s.isdigit() or (len(s) > 1 and s[:1] == b"0") or b == b"-0":
        return None
    v = int(b)
    if not -(1 << 63) <= v < (1 << 63):
        return None
    return v


def _int_encoding(s: bytes):
    """rdbTryIntegerEncoding: the encoded integer, or None."""
    v = string2ll(s)
    if v is None:
        return None
    if -(1 << 7) <= v < 1 << 7:
        return bytes([0xC0]) + v.to_bytes(1, "little", signed=True)
    if -(1 << 15) <= v < 1 << 15:
        return bytes([0xC1]) + v.to_bytes(2, "little", signed=True)
    if -(1 << 31) <= v < 1 << 31:
        return bytes([0xC2]) + v.to_bytes(4, "little", signed=True)
    return None


def save_string(s: bytes, compression: bool = True) -> bytes:
    """rdbSaveRawString."""
    n = len(s)
    if n <= 11:
        enc = _int_encoding(s)
        if enc is not None:
            return enc
    if compression and n > 20:
        c = lzf_compress(s, n - 4)
        if c is not None:
            return b"\xc3" + save_len(len(c)) + save_len(n) + c
    return save_len(n) + s


class _Reader:
    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def read(self, n: int):
        if self.pos + n > len(self.data):
            return None
        b = self.data[self.pos : self.pos + n]
        self.pos += n
        return b

    def length(self):
        """rdbLoadLenByRef: (length, is encoded) or None."""
        b = self.read(1)
        if b is None:
            return None
        c = b[0]
        kind, low = divmod(c, 64)  # the two top bits, the six others
        if kind == 3:  # RDB_ENCVAL
            return low, True
        if kind == 0:  # RDB_6BITLEN
            return low, False
        if kind == 1:  # RDB_14BITLEN
            b2 = self.read(1)
            return None if b2 is None else ((low << 8) | b2[0], False)
        if c == 0x80:
            b4 = self.read(4)
            return None if b4 is None else (int.from_bytes(b4, "big"), False)
        if c == 0x81:
            b8 = self.read(8)
            return None if b8 is None else (int.from_bytes(b8, "big"), False)
        return None

    def string(self):
        """rdbGenericLoadStringObject: the bytes or None."""
        r = self.length()
        if r is None:
            return None
        n, encoded = r
        if encoded:
            if n in (0, 1, 2):
                size = 1 << n
                b = self.read(size)
                if b is None:
                    return None
                return b"%d" % int.from_bytes(b, "little", signed=True)
            if n == 3:
                c = self.length()
                u = self.length() if c is not None else None
                if c is None or u is None:
                    return None
                raw = self.read(c[0])
                if raw is None:
                    return None
                s = lzf_decompress(raw, u[0])
                return s if s is not None and len(s) == u[0] else None
            return None
        return self.read(n)


def dump_functions(codes) -> bytes:
    """FUNCTION DUMP's payload for the libraries' codes (in order)."""
    out = bytearray()
    for code in codes:
        out.append(OPCODE_FUNCTION2)
        out += save_string(code)
    out += RDB_VERSION.to_bytes(2, "little")
    out += crc64(bytes(out)).to_bytes(8, "little")
    return bytes(out)


def load_functions(data: bytes):
    """FUNCTION RESTORE's reading: (the libraries' payloads, None), or
    (the payloads read before the error, the error message)."""
    bad = [], b"DUMP payload version or checksum are wrong"
    if len(data) < 10:
        return bad
    footer = data[-10:]
    if int.from_bytes(footer[:2], "little") > RDB_VERSION:
        return bad
    if crc64(data[:-8]) != int.from_bytes(footer[2:], "little"):
        return bad
    r = _Reader(data)
    out = []
    while len(data) - r.pos > 10:
        t = r.read(1)[0]
        if t not in (OPCODE_FUNCTION, OPCODE_FUNCTION2):
            return out, b"given type is not a function"
        if t == OPCODE_FUNCTION2:
            payload = r.string()
            if payload is None:
                return out, b"Failed loading library payload"
        else:
            name = r.string()
            if name is None:
                return out, b"Failed loading library name"
            engine = r.string()
            if engine is None:
                return out, b"Failed loading engine name"
            has_desc = r.length()
            if has_desc is None:
                return out, b"Failed loading library description indicator"
            if has_desc[0] and r.string() is None:
                return out, b"Failed loading library description"
            blob = r.string()
            if blob is None:
                return out, b"Failed loading library blob"
            payload = b"#!%s name=%s\n%s" % (engine, name, blob)
        out.append(payload)
    return out, None
