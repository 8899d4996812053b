"""Redis's ``cjson`` library: lua-cjson 2.1.0 as Redis 7.0.15 ships it
(deps/lua/src/lua_cjson.c, fpconv.c, strbuf.c), built with
ENABLE_CJSON_GLOBAL and the C library's ``%.14g``/``strtod`` (fpconv.c with
a '.' decimal point).

What the C code does, reproduced here:

- ``open(L)`` is ``luaopen_cjson``: a fresh table whose functions share one
  configuration (per table: ``cjson.new()`` makes another), set as the
  global ``cjson`` (not in ``package.loaded``), its fields set in
  ``lua_cjson_new``'s order (so ``pairs`` lists them as Redis does).
- ``cjson.null`` (and every decoded ``null``) is the light userdata NULL,
  ``values.LIGHT_NULL``: ``type`` "userdata", ``tostring`` "userdata: (nil)".
- Encoding walks tables with ``lua_next`` order, decides array or object as
  ``lua_array_length`` does (including its C quirks: the largest index is
  kept in a C ``int``, so a key of 2^31 or more becomes INT_MIN; the sparse
  test multiplies two ``int``\\ s), formats numbers with ``%.<precision>g``,
  escapes with ``char2escape`` (``/`` is ``\\/``, DEL is ``\\u007f``, bytes
  of 0x80 and up pass as they are).
- Decoding is the same tokenizer (a NUL byte ends the text, numbers are
  whatever glibc's ``strtod`` reads: hex, inf, nan(...)...), the same error
  texts and positions.
- Both depth limits count the C stack slots ``lua_checkstack`` would see
  (LUAI_MAXCSTACK 8000), so "excessive nesting (7998)" comes where Redis
  gives it when the configured depth is larger.

Errors: ``luaL_error`` texts (``L.error``: the caller's position, none under
``pcall``), ``luaL_argerror`` through ``ArgError``.

Work: encoding and decoding run in a worker generator that stops every
SLICE steps; a call that ends within the first slice is a plain call (paid
after when it passed PAY_MIN), a longer one pays slice by slice and a
budgeted run can stop in it.  The encoder counts its output against the
memory limit as it grows (``acct.alloc`` with what it holds), the decoder
counts the strings it makes (tables count themselves).

Not reproduced: Redis's Lua hashes every character of a long string
(commit 7f88923b4), pylua hashes as Lua 5.1 does (a sample for strings of
32 bytes or more), so object keys of 32+ bytes may come out of
``cjson.encode`` in another order.
"""

from __future__ import annotations

import math
import re

from ..errors import ArgError
from ..lib.aux import check_int, check_option, check_string
from ..lib.work import BYTES_PER_STEP, PAY_MIN, SLICE, STEPS_PER_UNIT, paid
from ..values import (
    BIG_ALLOC,
    LIGHT_NULL,
    STRING_BYTES,
    TRUE_KEY,
    Builtin,
    Charge,
    LuaTable,
    lua_typename,
)

NAME = b"cjson"
VERSION = b"2.1.0"

LUAI_MAXCSTACK = 8000
# the steps (pylua.lib.work) of one value encoded or decoded: a few
# microseconds of Python each (a table's slots are counted apart, 2 a key)
VALUE_STEPS = 32
_BoolKey = TRUE_KEY.__class__  # how a table stores a boolean key
INT_MAX = 2147483647
INT_MIN = -2147483648

# -- configuration ----------------------------------------------------------


class Config:
    """json_config_t (the defaults of json_create_config)."""

    __slots__ = (
        "sparse_convert",
        "sparse_ratio",
        "sparse_safe",
        "encode_max_depth",
        "decode_max_depth",
        "encode_invalid_numbers",
        "decode_invalid_numbers",
        "keep_buffer",
        "precision",
    )

    def __init__(self):
        self.sparse_convert = 0
        self.sparse_ratio = 2
        self.sparse_safe = 10
        self.encode_max_depth = 1000
        self.decode_max_depth = 1000
        self.encode_invalid_numbers = 0  # 2: as null
        self.decode_invalid_numbers = 1
        self.keep_buffer = 1
        self.precision = 14


def _arg_init(args: list, n: int) -> list:
    """json_arg_init: at most n arguments, padded with nil."""
    if len(args) > n:
        raise ArgError(n + 1, "found too many arguments")
    return list(args) + [None] * (n - len(args))


def _integer_option(cfg: Config, args: list, i: int, field: str, lo: int, hi: int) -> float:
    if args[i - 1] is not None:
        value = check_int(args, i)  # (int)luaL_checkinteger
        if not lo <= value <= hi:
            raise ArgError(1, "expected integer between %d and %d" % (lo, hi))
        setattr(cfg, field, value)
    return float(getattr(cfg, field))


_BOOL_OPTIONS = [b"off", b"on"]


def _enum_option(cfg: Config, args: list, i: int, field: str, options=None):
    if options is None:
        options = _BOOL_OPTIONS
    v = args[i - 1]
    if v is not None:
        if v is True or v is False:
            setattr(cfg, field, 1 if v else 0)
        else:
            setattr(cfg, field, check_option(args, i, None, options))
    setting = getattr(cfg, field)
    if setting == 0 or setting == 1:
        return setting == 1
    return options[setting]


def _make_module(L) -> LuaTable:
    """lua_cjson_new: the module table, its functions sharing a new config."""
    cfg = Config()

    def encode(L, args):
        if len(args) != 1:
            raise ArgError(1, "expected 1 argument")
        return _drive(_encode_work(L, cfg, args[0]))

    def decode(L, args):
        if len(args) != 1:
            raise ArgError(1, "expected 1 argument")
        s = check_string(args, 1)
        if len(s) >= 2 and (s[0] == 0 or s[1] == 0):
            raise L.error(b"JSON parser does not support UTF-16 or UTF-32")
        return _drive(_decode_work(L, cfg, s))

    def encode_sparse_array(L, args):
        a = _arg_init(args, 3)
        return [
            _enum_option(cfg, a, 1, "sparse_convert"),
            _integer_option(cfg, a, 2, "sparse_ratio", 0, INT_MAX),
            _integer_option(cfg, a, 3, "sparse_safe", 0, INT_MAX),
        ]

    def encode_max_depth(L, args):
        a = _arg_init(args, 1)
        return [_integer_option(cfg, a, 1, "encode_max_depth", 1, INT_MAX)]

    def decode_max_depth(L, args):
        a = _arg_init(args, 1)
        return [_integer_option(cfg, a, 1, "decode_max_depth", 1, INT_MAX)]

    def encode_number_precision(L, args):
        a = _arg_init(args, 1)
        return [_integer_option(cfg, a, 1, "precision", 1, 14)]

    def encode_keep_buffer(L, args):
        a = _arg_init(args, 1)
        return [_enum_option(cfg, a, 1, "keep_buffer")]

    def encode_invalid_numbers(L, args):
        a = _arg_init(args, 1)
        return [_enum_option(cfg, a, 1, "encode_invalid_numbers", [b"off", b"on", b"null"])]

    def decode_invalid_numbers(L, args):
        a = _arg_init(args, 1)
        return [_enum_option(cfg, a, 1, "decode_invalid_numbers")]

    def new(L, args):
        return [_make_module(L)]

    t = LuaTable()
    for name, fn in (
        ("encode", encode),
        ("decode", decode),
        ("encode_sparse_array", encode_sparse_array),
        ("encode_max_depth", encode_max_depth),
        ("decode_max_depth", decode_max_depth),
        ("encode_number_precision", encode_number_precision),
        ("encode_keep_buffer", encode_keep_buffer),
        ("encode_invalid_numbers", encode_invalid_numbers),
        ("decode_invalid_numbers", decode_invalid_numbers),
        ("new", new),
    ):
        t.set(name.encode(), Builtin(name, fn))
    t.set(b"null", LIGHT_NULL)
    t.set(b"_NAME", NAME)
    t.set(b"_VERSION", VERSION)
    return t


def open(L) -> LuaTable:  # noqa: A001 (the library convention)
    """luaopen_cjson with ENABLE_CJSON_GLOBAL: the global ``cjson``."""
    t = _make_module(L)
    L.globals.set(NAME, t)
    return t


# -- the work loop ----------------------------------------------------------


def _drive(work):
    """Run a worker generator (it yields after each SLICE steps and returns
    (results, steps of its last stretch)): plain results when it ends within
    the first slice, else a generator that pays slice by slice."""
    try:
        next(work)
    except StopIteration as e:
        r, steps = e.value
        return paid(r, steps)
    return _go_on(work)


def _go_on(work):
    while True:
        yield Charge(SLICE // STEPS_PER_UNIT)
        try:
            next(work)
        except StopIteration as e:
            r, steps = e.value
            if steps >= PAY_MIN:
                yield Charge(steps // STEPS_PER_UNIT)
            return r


# -- encoding ---------------------------------------------------------------

_ESCAPES = {i: b"\\u%04x" % i for i in range(32)}
_ESCAPES.update({8: b"\\b", 9: b"\\t", 10: b"\\n", 12: b"\\f", 13: b"\\r"})
_ESCAPES.update({0x22: b'\\"', 0x2F: b"\\/", 0x5C: b"\\\\", 0x7F: b"\\u007f"})
_ESC_BYTES = {bytes([c]): e for c, e in _ESCAPES.items()}
_NEEDS_ESCAPE = re.compile(rb'[\x00-\x1f"/\\\x7f]')
# the order of the replace chain: the backslash first
_REPLACE_ORDER = [b"\\"] + [c for c in _ESC_BYTES if c != b"\\"]


def _escape(s: bytes) -> bytes:
    """json_append_string: the quoted, escaped string."""
    if _NEEDS_ESCAPE.search(s) is None:
        return b'"' + s + b'"'
    if len(s) < 64:
        return b'"' + _NEEDS_ESCAPE.sub(lambda m: _ESC_BYTES[m.group()], s) + b'"'
    for c in _REPLACE_ORDER:
        if c in s:
            s = s.replace(c, _ESC_BYTES[c])
    return b'"' + s + b'"'


def _escaped_len(s: bytes) -> int:
    n = len(s) + 2
    for c, e in _ESC_BYTES.items():
        k = s.count(c)
        if k:
            n += k * (len(e) - 1)
    return n


class _EncodeError(Exception):
    pass


def _number(L, cfg: Config, num: float) -> bytes:
    """json_append_number."""
    inv = cfg.encode_invalid_numbers
    if num != num or num in (math.inf, -math.inf):
        if inv == 0:
            raise L.error(b"Cannot serialise number: must not be NaN or Inf")
        if inv == 1:
            if num != num:
                return b"nan"
        else:
            return b"null"
    return b"%.*g" % (cfg.precision, num)


def _wrap32(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v


def _items(t: LuaTable):
    """The (key, value) pairs of t in lua_next order."""
    for i, v in enumerate(t.arr):
        if v is not None:
            yield float(i + 1), v
    nkeys = t.nkeys
    if nkeys is not None:
        h = t.hash
        for k in nkeys:
            if k is not None:
                v = h[k]
                if v is not None:
                    if k.__class__ is _BoolKey:
                        k = k.value
                    yield k, v


def _encode_work(L, cfg: Config, value):
    """json_encode: a worker generator (see _drive)."""
    acct = L.acct
    out = []  # pieces of the output
    size = 0  # their length
    counted = 0  # bytes of it counted against the memory limit
    steps = 0
    depth = 0
    slots = 1  # the C function's stack: its argument, then 1 per array, 2 per object
    stack = []  # open tables: [is_object, table, iterator or index, length]
    v = value
    while True:
        # -- json_append_data(v) -------------------------------------------
        c = v.__class__
        if c is bytes:
            if len(v) > BIG_ALLOC:
                n = _escaped_len(v)
                acct.alloc(n, counted)
                counted += n
                steps += len(v) // BYTES_PER_STEP
            piece = _escape(v)
            out.append(piece)
            size += len(piece)
        elif c is float:
            piece = _number(L, cfg, v)
            out.append(piece)
            size += len(piece)
        elif c is bool:
            out.append(b"true" if v else b"false")
            size += 5
        elif v is None or v is LIGHT_NULL:
            out.append(b"null")
            size += 4
        elif c is LuaTable:
            depth += 1
            if depth > cfg.encode_max_depth or slots + 3 > LUAI_MAXCSTACK:
                raise L.error(b"Cannot serialise, excessive nesting (%d)" % depth)
            # lua_array_length
            mx = 0
            items = 0
            for k, _ in _items(v):
                steps += 2
                if k.__class__ is float and k:
                    if (k.is_integer() or k == math.inf) and k >= 1:  # floor(k) == k
                        if k > mx:
                            mx = int(k) if k < 2147483648.0 else INT_MIN
                        items += 1
                        continue
                mx = -1
                break
            else:
                if (
                    cfg.sparse_ratio > 0
                    and mx > _wrap32(items * cfg.sparse_ratio)
                    and mx > cfg.sparse_safe
                ):
                    if not cfg.sparse_convert:
                        raise L.error(b"Cannot serialise table: excessively sparse array")
                    mx = -1
            if mx > 0:
                out.append(b"[")
                stack.append([False, v, 1, mx])
                slots += 1
            else:
                out.append(b"{")
                stack.append([True, v, _items(v), 0])
                slots += 2
            size += 1
        else:
            raise L.error(b"Cannot serialise %s: type not supported" % lua_typename(v).encode())
        # -- the next value: of the innermost open table, closing the ended ones
        steps += VALUE_STEPS
        if steps >= SLICE:
            if size > counted:
                acct.alloc(size - counted, counted)
                counted = size
            yield
            steps -= SLICE
        while stack:
            f = stack[-1]
            if f[0]:
                kv = next(f[2], None)
                if kv is None:
                    out.append(b"}")
                    size += 1
                    stack.pop()
                    slots -= 2
                    depth -= 1
                    continue
                if f[3]:
                    out.append(b",")
                    size += 1
                else:
                    f[3] = 1
                k, v = kv
                kc = k.__class__
                if kc is float:
                    piece = b'"' + _number(L, cfg, k) + b'":'
                elif kc is bytes:
                    if len(k) > BIG_ALLOC:
                        n = _escaped_len(k)
                        acct.alloc(n, counted)
                        counted += n
                        steps += len(k) // BYTES_PER_STEP
                    piece = _escape(k) + b":"
                else:
                    raise L.error(
                        b"Cannot serialise %s: table key must be a number or string"
                        % lua_typename(k).encode()
                    )
                out.append(piece)
                size += len(piece)
                break
            i = f[2]
            if i > f[3]:
                out.append(b"]")
                size += 1
                stack.pop()
                slots -= 1
                depth -= 1
                continue
            if i > 1:
                out.append(b",")
                size += 1
            f[2] = i + 1
            v = f[1].geti(i)
            break
        else:
            break
    if size > counted:
        acct.alloc(STRING_BYTES + size - counted, counted)
    else:
        acct.total += STRING_BYTES
    steps += size // BYTES_PER_STEP
    return [b"".join(out)], steps


# -- decoding ---------------------------------------------------------------

(
    T_OBJ_BEGIN,
    T_OBJ_END,
    T_ARR_BEGIN,
    T_ARR_END,
    T_STRING,
    T_NUMBER,
    T_BOOLEAN,
    T_NULL,
    T_COLON,
    T_COMMA,
    T_END,
    T_WHITESPACE,
    T_ERROR,
    T_UNKNOWN,
) = range(14)

TOKEN_NAMES = [
    b"T_OBJ_BEGIN",
    b"T_OBJ_END",
    b"T_ARR_BEGIN",
    b"T_ARR_END",
    b"T_STRING",
    b"T_NUMBER",
    b"T_BOOLEAN",
    b"T_NULL",
    b"T_COLON",
    b"T_COMMA",
    b"T_END",
    b"T_WHITESPACE",
    b"T_ERROR",
    b"T_UNKNOWN",
]

_CH2TOKEN = [T_ERROR] * 256
for _c, _t in (
    ("{", T_OBJ_BEGIN),
    ("}", T_OBJ_END),
    ("[", T_ARR_BEGIN),
    ("]", T_ARR_END),
    (",", T_COMMA),
    (":", T_COLON),
    ("\0", T_END),
    (" ", T_WHITESPACE),
    ("\t", T_WHITESPACE),
    ("\n", T_WHITESPACE),
    ("\r", T_WHITESPACE),
):
    _CH2TOKEN[ord(_c)] = _t
for _c in 'fiInNt"+-0123456789':
    _CH2TOKEN[ord(_c)] = T_UNKNOWN

_ESCAPE2CHAR = {
    ord('"'): b'"',
    ord("\\"): b"\\",
    ord("/"): b"/",
    ord("b"): b"\b",
    ord("t"): b"\t",
    ord("n"): b"\n",
    ord("f"): b"\f",
    ord("r"): b"\r",
}

_WS = re.compile(rb"[ \t\n\r]*")
_STR_RUN = re.compile(rb'[^"\\\x00]*')
_HEX4 = re.compile(rb"[0-9A-Fa-f]{4}")
# what glibc's strtod reads (the longest prefix of this shape; never whitespace here)
_STRTOD = re.compile(
    rb"""[+-]?(?:
        (?P<inf>[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)
      | (?P<nan>[nN][aA][nN])(?:\([0-9A-Za-z_]*\))?
      | (?P<hex>0[xX](?:[0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?)
      | (?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?
    )""",
    re.X,
)


def _strtod(d: bytes, pos: int):
    """(value, end) of strtod at pos, or None when it reads nothing."""
    m = _STRTOD.match(d, pos)
    if m is None:
        return None
    text = m.group()
    neg = text[:1] == b"-"
    if m.group("inf") is not None:
        v = math.inf
    elif m.group("nan") is not None:
        v = math.nan
    elif m.group("hex") is not None:
        try:
            v = float.fromhex(m.group("hex").decode())
        except OverflowError:
            v = math.inf
    else:
        return float(text), m.end()
    return (-v if neg else v), m.end()


def _is_invalid_number(d: bytes, p: int) -> bool:
    """json_is_invalid_number (``*p`` is a signed char)."""
    ch = d[p]
    if ch == 0x2B:  # +
        return True
    if ch == 0x2D:  # -
        p += 1
        ch = d[p]
    if ch == 0x30:  # 0
        ch2 = d[p + 1]
        return (ch2 | 0x20) == 0x78 or 0x30 <= ch2 <= 0x39
    if ch <= 0x39 or ch >= 0x80:
        return False
    w = d[p : p + 3].lower()
    return w == b"inf" or w == b"nan"


def _utf8(cp: int) -> bytes:
    if cp <= 0x7F:
        return bytes((cp,))
    if cp <= 0x7FF:
        return bytes(((cp >> 6) | 0xC0, (cp & 0x3F) | 0x80))
    if cp <= 0xFFFF:
        return bytes(((cp >> 12) | 0xE0, ((cp >> 6) & 0x3F) | 0x80, (cp & 0x3F) | 0x80))
    return bytes(
        (
            (cp >> 18) | 0xF0,
            ((cp >> 12) & 0x3F) | 0x80,
            ((cp >> 6) & 0x3F) | 0x80,
            (cp & 0x3F) | 0x80,
        )
    )


def _string_token(d: bytes, pos: int):
    """json_next_string_token at the opening quote: (T_STRING, value, end)
    or (T_ERROR, message, index of the error)."""
    pos += 1
    end = _STR_RUN.match(d, pos).end()
    if d[end] == 0x22:  # (no escape)
        return T_STRING, d[pos:end], end + 1
    parts = []
    while True:
        m = _STR_RUN.match(d, pos)
        end = m.end()
        if end > pos:
            parts.append(d[pos:end])
        pos = end
        ch = d[pos]
        if ch == 0x22:
            return T_STRING, b"".join(parts), pos + 1
        if ch == 0:
            return T_ERROR, b"unexpected end of string", pos
        # a backslash
        e = d[pos + 1]
        if e == 0x75:  # u
            if _HEX4.match(d, pos + 2) is None:
                return T_ERROR, b"invalid unicode escape code", pos
            cp = int(d[pos + 2 : pos + 6], 16)
            n = 6
            if (cp & 0xF800) == 0xD800:
                if cp & 0x400 or d[pos + 6] != 0x5C or d[pos + 7] != 0x75:
                    return T_ERROR, b"invalid unicode escape code", pos
                if _HEX4.match(d, pos + 8) is None:
                    return T_ERROR, b"invalid unicode escape code", pos
                low = int(d[pos + 8 : pos + 12], 16)
                if (low & 0xFC00) != 0xDC00:
                    return T_ERROR, b"invalid unicode escape code", pos
                cp = (((cp & 0x3FF) << 10) | (low & 0x3FF)) + 0x10000
                n = 12
            parts.append(_utf8(cp))
            pos += n
            continue
        c = _ESCAPE2CHAR.get(e)
        if c is None:
            return T_ERROR, b"invalid escape code", pos
        parts.append(c)
        pos += 2


def _next_token(cfg: Config, d: bytes, pos: int):
    """json_next_token: (type, value, index, next position)."""
    ch = d[pos]
    t = _CH2TOKEN[ch]
    if t == T_WHITESPACE:
        pos = _WS.match(d, pos).end()
        ch = d[pos]
        t = _CH2TOKEN[ch]
    if t <= T_ARR_END or t == T_COLON or t == T_COMMA:
        return t, None, pos, pos + 1
    if t == T_ERROR:
        return T_ERROR, b"invalid token", pos, pos
    if t == T_END:
        return T_END, None, pos, pos
    if t != T_UNKNOWN:
        return t, None, pos, pos + 1
    if ch == 0x22:
        t, v, end = _string_token(d, pos)
        if t == T_ERROR:
            return T_ERROR, v, end, end
        return T_STRING, v, pos, end
    if ch == 0x2D or 0x30 <= ch <= 0x39:
        if not cfg.decode_invalid_numbers and _is_invalid_number(d, pos):
            return T_ERROR, b"invalid number", pos, pos
        return _number_token(d, pos)
    if d.startswith(b"true", pos):
        return T_BOOLEAN, True, pos, pos + 4
    if d.startswith(b"false", pos):
        return T_BOOLEAN, False, pos, pos + 5
    if d.startswith(b"null", pos):
        return T_NULL, LIGHT_NULL, pos, pos + 4
    if cfg.decode_invalid_numbers and _is_invalid_number(d, pos):
        return _number_token(d, pos)
    return T_ERROR, b"invalid token", pos, pos


def _number_token(d: bytes, pos: int):
    r = _strtod(d, pos)
    if r is None:
        return T_ERROR, b"invalid number", pos, pos
    return T_NUMBER, r[0], pos, r[1]


def _expected(L, exp: bytes, tok) -> Exception:
    """json_throw_parse_error."""
    t, v, index, _ = tok
    found = v if t == T_ERROR else TOKEN_NAMES[t]
    return L.error(b"Expected %s but found %s at character %d" % (exp, found, index + 1))


def _decode_work(L, cfg: Config, s: bytes):
    """json_decode: a worker generator (see _drive)."""
    acct = L.acct
    big = len(s) > BIG_ALLOC
    if big:  # (the copy below: counted first, while it lives)
        acct.alloc(STRING_BYTES + len(s))
    try:
        r = yield from _decode(L, cfg, acct, s + b"\0")  # what C sees: the text, then a NUL
    finally:
        if big:
            acct.total -= STRING_BYTES + len(s)
    return r


def _decode(L, cfg: Config, acct, d: bytes):
    steps = len(d) // BYTES_PER_STEP
    made = 0  # bytes of the values made so far (a collection cannot see them)
    depth = 0
    slots = 1  # the C function's stack: its argument, then 1 per array, 2 per object
    stack = []  # open containers: [is_object, table, next index or key]
    tok = _next_token(cfg, d, 0)
    pos = tok[3]
    while True:
        # -- json_process_value(tok) ---------------------------------------
        t = tok[0]
        steps += VALUE_STEPS
        if t == T_OBJ_BEGIN or t == T_ARR_BEGIN:
            obj = t == T_OBJ_BEGIN
            depth += 1
            if depth > cfg.decode_max_depth or slots + (3 if obj else 2) > LUAI_MAXCSTACK:
                raise L.error(
                    b"Found too many nested data structures (%d) at character %d" % (depth, pos)
                )
            table = LuaTable()
            made += 256
            tok = _next_token(cfg, d, pos)
            pos = tok[3]
            if tok[0] == (T_OBJ_END if obj else T_ARR_END):
                depth -= 1
                value = table
            elif obj:
                if tok[0] != T_STRING:
                    raise _expected(L, b"object key string", tok)
                key = tok[1]
                tok = _next_token(cfg, d, pos)
                pos = tok[3]
                if tok[0] != T_COLON:
                    raise _expected(L, b"colon", tok)
                tok = _next_token(cfg, d, pos)
                pos = tok[3]
                stack.append([True, table, key])
                slots += 2
                continue
            else:
                stack.append([False, table, 1])
                slots += 1
                continue
        elif t == T_STRING:
            value = tok[1]
            n = STRING_BYTES + len(value)
            acct.total += n
            made += n
        elif t == T_NUMBER or t == T_BOOLEAN or t == T_NULL:
            value = tok[1]
        else:
            raise _expected(L, b"value", tok)
        if steps >= SLICE:
            acct.alloc(0, made)
            yield
            steps -= SLICE
        # -- hand the value to the innermost open container -----------------
        while stack:
            f = stack[-1]
            table = f[1]
            if f[0]:
                table.set(f[2], value)
                tok = _next_token(cfg, d, pos)
                pos = tok[3]
                if tok[0] == T_OBJ_END:
                    stack.pop()
                    slots -= 2
                    depth -= 1
                    value = table
                    continue
                if tok[0] != T_COMMA:
                    raise _expected(L, b"comma or object end", tok)
                tok = _next_token(cfg, d, pos)
                pos = tok[3]
                if tok[0] != T_STRING:
                    raise _expected(L, b"object key string", tok)
                f[2] = tok[1]
                tok = _next_token(cfg, d, pos)
                pos = tok[3]
                if tok[0] != T_COLON:
                    raise _expected(L, b"colon", tok)
                tok = _next_token(cfg, d, pos)
                pos = tok[3]
                break
            i = f[2]
            table.seti(i, value)
            f[2] = i + 1
            tok = _next_token(cfg, d, pos)
            pos = tok[3]
            if tok[0] == T_ARR_END:
                stack.pop()
                slots -= 1
                depth -= 1
                value = table
                continue
            if tok[0] != T_COMMA:
                raise _expected(L, b"comma or array end", tok)
            tok = _next_token(cfg, d, pos)
            pos = tok[3]
            break
        else:
            break
    tok = _next_token(cfg, d, pos)
    if tok[0] != T_END:
        raise _expected(L, b"the end", tok)
    acct.alloc(0, made)
    return [value], steps
