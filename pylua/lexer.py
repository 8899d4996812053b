"""The lexical analyser: llex.c of Lua 5.1.5.

The source is ``bytes`` and so are names and strings: Lua strings are byte
strings, and any byte may appear in a string or a comment.  Tokens are ints
as in llex.h: a single-character token is its byte, reserved words and
multi-character symbols start at ``FIRST_RESERVED``.

Error messages are built as ``luaX_lexerror`` builds them, including
``txtToken``'s habit of quoting the token buffer as a C string (it stops at
the first NUL byte).
"""

from __future__ import annotations

import re

from .conv import cstr, str2number
from .errors import MAXSRC, LuaSyntaxError, chunkid

FIRST_RESERVED = 257

# ORDER RESERVED
luaX_tokens = (
    "and", "break", "do", "else", "elseif",
    "end", "false", "for", "function", "if",
    "in", "local", "nil", "not", "or", "repeat",
    "return", "then", "true", "until", "while",
    "..", "...", "==", ">=", "<=", "~=",
    "<number>", "<name>", "<string>", "<eof>",
)  # fmt: skip

(
    TK_AND, TK_BREAK, TK_DO, TK_ELSE, TK_ELSEIF, TK_END, TK_FALSE, TK_FOR,
    TK_FUNCTION, TK_IF, TK_IN, TK_LOCAL, TK_NIL, TK_NOT, TK_OR, TK_REPEAT,
    TK_RETURN, TK_THEN, TK_TRUE, TK_UNTIL, TK_WHILE,
    TK_CONCAT, TK_DOTS, TK_EQ, TK_GE, TK_LE, TK_NE, TK_NUMBER,
    TK_NAME, TK_STRING, TK_EOS,
) = range(FIRST_RESERVED, FIRST_RESERVED + len(luaX_tokens))  # fmt: skip

NUM_RESERVED = TK_WHILE - FIRST_RESERVED + 1
RESERVED = {luaX_tokens[i].encode(): FIRST_RESERVED + i for i in range(NUM_RESERVED)}

MAX_INT = 2**31 - 2  # llimits.h: INT_MAX - 2

# C's <ctype.h> in the "C" locale, which is what luac runs in.
_NAME = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
# read_numeral; check_next() uses strchr, which also finds the terminating
# NUL of its set: a NUL byte passes for an exponent mark and for a sign.
_NUMERAL = re.compile(rb"[0-9.]*(?:[Ee\0][+\-\0]?)?[A-Za-z0-9_]*")
_DECIMAL = re.compile(rb"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?")
_SPACES = re.compile(rb"[ \t\v\f]+")
_LINE_REST = re.compile(rb"[^\r\n]*")
_NEWLINE = re.compile(rb"\r\n|\n\r|\r|\n")
_SHORT_STRING = {
    34: re.compile(rb'"([^"\\\r\n]*)"'),
    39: re.compile(rb"'([^'\\\r\n]*)'"),
}
_ESCAPES = {97: 7, 98: 8, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11}

# The single-byte tokens that need no look at the next byte.
_SINGLE = frozenset(b"+*/%^#(){}];:,")


def luaX_token2str(token: int) -> bytes:
    if token < FIRST_RESERVED:
        if token < 32 or token == 127:  # iscntrl
            return b"char(%d)" % token
        return bytes((token,))
    return luaX_tokens[token - FIRST_RESERVED].encode()


class LexState:
    """llex.h's LexState: the scanner over one chunk, and the current token."""

    __slots__ = (
        "z", "n", "pos", "linenumber", "lastline", "t", "seminfo",
        "lookahead", "lookahead_seminfo", "fs", "source", "buff", "nCcalls", "stop",
    )  # fmt: skip

    def __init__(self, z: bytes, source: bytes, nCcalls: int = 1):
        self.z = z
        self.n = len(z)
        self.pos = 0
        self.linenumber = 1
        self.lastline = 1
        self.t = TK_EOS
        self.seminfo = None
        self.lookahead = TK_EOS  # no look-ahead token
        self.lookahead_seminfo = None
        self.fs = None
        self.source = source
        self.buff = b""  # text of the last NAME, NUMBER or STRING read (txtToken)
        self.nCcalls = nCcalls  # lua_State's C-call depth, shared with enterlevel
        self.stop = 1 << 62  # parser.compile_steps pauses once pos reaches it

    # -- errors -------------------------------------------------------------

    def lexerror(self, msg, token: int, buff: bytes | None = None):
        if isinstance(msg, str):
            msg = msg.encode()
        msg = b"%s:%d: %s" % (chunkid(self.source, MAXSRC), self.linenumber, msg)
        if token:
            if token in (TK_NAME, TK_STRING, TK_NUMBER):
                txt = cstr(self.buff if buff is None else buff)
            else:
                txt = luaX_token2str(token)
            msg = b"%s near '%s'" % (msg, txt)
        raise LuaSyntaxError(msg)

    def syntaxerror(self, msg):
        self.lexerror(msg, self.t)

    # -- tokens -------------------------------------------------------------

    def next(self):
        """luaX_next."""
        self.lastline = self.linenumber
        if self.lookahead != TK_EOS:  # is there a look-ahead token?
            self.t = self.lookahead
            self.seminfo = self.lookahead_seminfo
            self.lookahead = TK_EOS
        else:
            self.t = self.llex()

    def look_ahead(self):
        """luaX_lookahead."""
        seminfo = self.seminfo
        self.lookahead = self.llex()
        self.lookahead_seminfo = self.seminfo
        self.seminfo = seminfo

    def inclinenumber(self, pos: int) -> int:
        """Skip the newline at pos ('\\n', '\\r', '\\n\\r' or '\\r\\n')."""
        z = self.z
        old = z[pos]
        pos += 1
        if pos < self.n:
            c = z[pos]
            if (c == 10 or c == 13) and c != old:
                pos += 1
        self.linenumber += 1
        if self.linenumber >= MAX_INT:
            self.pos = pos
            self.syntaxerror("chunk has too many lines")
        return pos

    def llex(self) -> int:
        z = self.z
        n = self.n
        pos = self.pos
        while True:
            if pos >= n:
                self.pos = pos
                return TK_EOS
            c = z[pos]
            if c == 32 or c == 9 or c == 11 or c == 12:
                pos += 1
                if pos < n and z[pos] in b" \t\v\f":
                    pos = _SPACES.match(z, pos).end()
                continue
            if c == 10 or c == 13:
                pos = self.inclinenumber(pos)
                continue
            if c == 95 or 97 <= c <= 122 or 65 <= c <= 90:
                end = _NAME.match(z, pos).end()
                self.pos = end
                word = z[pos:end]
                tok = RESERVED.get(word)
                if tok is not None:
                    return tok
                self.buff = self.seminfo = word
                return TK_NAME
            if c in _SINGLE:
                self.pos = pos + 1
                return c
            if 48 <= c <= 57:
                return self.read_numeral(pos)
            if c == 61 or c == 60 or c == 62 or c == 126:  # = < > ~
                if pos + 1 < n and z[pos + 1] == 61:
                    self.pos = pos + 2
                    return _COMPARE[c]
                self.pos = pos + 1
                return c
            if c == 34 or c == 39:
                return self.read_string(pos, c)
            if c == 45:  # '-'
                if pos + 1 >= n or z[pos + 1] != 45:
                    self.pos = pos + 1
                    return 45
                # else is a comment
                pos += 2
                if pos < n and z[pos] == 91:  # '['
                    sep, end = self.skip_sep(pos)
                    if sep >= 0:
                        pos = self.read_long_string(end, sep, False)
                        continue
                # else short comment
                pos = _LINE_REST.match(z, pos).end()
                continue
            if c == 91:  # '['
                sep, end = self.skip_sep(pos)
                if sep >= 0:
                    self.pos = self.read_long_string(end, sep, True)
                    return TK_STRING
                if sep == -1:
                    self.pos = pos + 1
                    return 91
                self.pos = end
                self.lexerror("invalid long string delimiter", TK_STRING, z[pos:end])
            if c == 46:  # '.'
                # check_next(ls, ".") also accepts a NUL byte (see _NUMERAL)
                if pos + 1 < n and z[pos + 1] in (46, 0):
                    if pos + 2 < n and z[pos + 2] in (46, 0):
                        self.pos = pos + 3
                        return TK_DOTS
                    self.pos = pos + 2
                    return TK_CONCAT
                if pos + 1 < n and 48 <= z[pos + 1] <= 57:
                    return self.read_numeral(pos)
                self.pos = pos + 1
                return 46
            # any other byte (NUL, '!', '@', bytes >= 128...) is a token by itself
            self.pos = pos + 1
            return c

    def read_numeral(self, pos: int) -> int:
        z = self.z
        end = _NUMERAL.match(z, pos).end()
        self.pos = end
        text = z[pos:end]
        self.buff = text
        # plain decimal numerals: Python's float() rounds as glibc's strtod does
        r = float(text) if _DECIMAL.fullmatch(text) else str2number(text)
        if r is None:
            self.lexerror("malformed number", TK_NUMBER, text)
        self.seminfo = r
        return TK_NUMBER

    def skip_sep(self, pos: int) -> tuple[int, int]:
        """(level of the long bracket at pos or -level-1, position after it)."""
        z = self.z
        n = self.n
        s = z[pos]
        pos += 1
        count = 0
        while pos < n and z[pos] == 61:  # '='
            pos += 1
            count += 1
        if pos < n and z[pos] == s:
            return count, pos
        return -count - 1, pos

    def read_long_string(self, pos: int, sep: int, is_string: bool) -> int:
        """Read from the 2nd '[' of an opening bracket; return the position after the closing one."""
        z = self.z
        n = self.n
        pos += 1  # skip 2nd '['
        if pos < n and (z[pos] == 10 or z[pos] == 13):  # string starts with a newline?
            pos = self.inclinenumber(pos)  # skip it
        content = pos
        close = b"]" + b"=" * sep + b"]"
        end = z.find(close, pos)
        if sep == 0:
            # LUA_COMPAT_LSTR == 1: a nested '[[' is an error
            nest = z.find(b"[[", pos, n if end < 0 else end)
            if nest >= 0:
                self.linenumber += len(_NEWLINE.findall(z, pos, nest))
                self.pos = nest + 2
                self.lexerror("nesting of [[...]] is deprecated", 91)
        if end < 0:
            self.linenumber += len(_NEWLINE.findall(z, pos, n))
            self.pos = n
            what = "unfinished long string" if is_string else "unfinished long comment"
            self.lexerror(what, TK_EOS)
        body = z[content:end]
        if 10 in body or 13 in body:
            parts = _NEWLINE.split(body)
            self.linenumber += len(parts) - 1
            body = b"\n".join(parts)
        if is_string:
            self.seminfo = body
            # the buffer of txtToken: a skipped first newline is not in it
            self.buff = b"[" + close[1:-1] + b"[" + body + close
        return end + len(close)

    def read_string(self, pos: int, delim: int) -> int:
        z = self.z
        m = _SHORT_STRING[delim].match(z, pos)
        if m is not None:
            self.pos = m.end()
            s = m.group(1)
            self.seminfo = s
            self.buff = z[pos : self.pos]
            return TK_STRING
        n = self.n
        buf = bytearray((delim,))
        pos += 1
        while True:
            if pos >= n:
                self.pos = pos
                self.lexerror("unfinished string", TK_EOS)
            c = z[pos]
            if c == delim:
                break
            if c == 10 or c == 13:
                self.pos = pos
                self.lexerror("unfinished string", TK_STRING, bytes(buf))
            if c == 92:  # '\\'
                pos += 1  # do not save the '\'
                if pos >= n:
                    continue  # will raise an error next loop
                c = z[pos]
                e = _ESCAPES.get(c)
                if e is not None:
                    buf.append(e)
                    pos += 1
                elif c == 10 or c == 13:
                    buf.append(10)
                    pos = self.inclinenumber(pos)
                elif 48 <= c <= 57:  # \ddd
                    i = 0
                    c = 0
                    while True:
                        c = 10 * c + (z[pos] - 48)
                        pos += 1
                        i += 1
                        if i >= 3 or pos >= n or not (48 <= z[pos] <= 57):
                            break
                    if c > 255:
                        self.pos = pos
                        self.lexerror("escape sequence too large", TK_STRING, bytes(buf))
                    buf.append(c)
                else:  # handles \\, \", \', and \?
                    buf.append(c)
                    pos += 1
                continue
            buf.append(c)
            pos += 1
        buf.append(delim)
        self.pos = pos + 1
        self.buff = bytes(buf)
        self.seminfo = self.buff[1:-1]
        return TK_STRING


_COMPARE = {61: TK_EQ, 60: TK_LE, 62: TK_GE, 126: TK_NE}
