"""Replies shown as redis-cli and the Lua debugger (LDB) show them, and the
``eval`` command line (``python -m pylua.redis eval``).  No asyncio, no
sockets: the playground imports ``render`` from here.

    render(b"*2\\r\\n:1\\r\\n$1\\r\\na\\r\\n")   # '1) (integer) 1\\n2) "a"\\n'
    ldb_human(b":1\\r\\n")                    # '1' (as in "<reply> 1")

``render`` is redis-cli's ``cliFormatReplyTTY`` (redis-cli 7.0.15): the
format it uses when stdout is a terminal, or with ``--no-raw``.  (When
stdout is not a terminal redis-cli prints ``--raw`` style instead: bare
strings and numbers, no ``(integer)`` or quotes.)
"""

from __future__ import annotations

import sys

from .sds import split_args

__all__ = ["render", "ldb_human", "ldb_command", "parse_reply", "split_args", "main_eval"]


# ---------------------------------------------------------------- a RESP reader
#
# hiredis' view of a reply: (type, value) where type is one of
# "status" "error" "int" "double" "string" "verb" "nil" "bool" "bignum"
# "array" "map" "set" "push"; doubles keep their text as sent (hiredis does).


def parse_reply(data: bytes, pos: int = 0):
    """One reply of ``data`` at ``pos``: ((type, value), end)."""
    t = data[pos : pos + 1]
    eol = data.find(b"\r\n", pos)
    if not t or eol < 0:
        raise ValueError("incomplete reply")
    line = data[pos + 1 : eol]
    pos = eol + 2
    if t == b"+":
        return ("status", line), pos
    if t == b"-":
        return ("error", line), pos
    if t == b":":
        return ("int", int(line)), pos
    if t == b",":
        return ("double", line), pos
    if t == b"#":
        return ("bool", line == b"t"), pos
    if t == b"(":
        return ("bignum", line), pos
    if t == b"_":
        return ("nil", None), pos
    if t in (b"$", b"="):
        n = int(line)
        if n < 0:
            return ("nil", None), pos
        body = data[pos : pos + n]
        if len(body) < n:
            raise ValueError("incomplete reply")
        pos += n + 2
        if t == b"=":
            return ("verb", body[4:]), pos
        return ("string", body), pos
    if t in (b"*", b"~", b">", b"%", b"|"):
        n = int(line)
        if n < 0:
            return ("nil", None), pos
        count = 2 * n if t in (b"%", b"|") else n
        items = []
        for _ in range(count):
            item, pos = parse_reply(data, pos)
            items.append(item)
        if t == b"|":  # an attribute: hiredis drops it, the reply follows
            return parse_reply(data, pos)
        kind = {b"*": "array", b"~": "set", b">": "push", b"%": "map"}[t]
        return (kind, items), pos
    raise ValueError("unknown reply type %r" % t)


# ---------------------------------------------------------------- redis-cli


def repr_bytes(b: bytes) -> str:
    """sdscatrepr: a double-quoted string with C escapes (isprint in the C locale)."""
    out = ['"']
    for c in b:
        if c in (0x5C, 0x22):
            out.append("\\" + chr(c))
        elif c == 0x0A:
            out.append("\\n")
        elif c == 0x0D:
            out.append("\\r")
        elif c == 0x09:
            out.append("\\t")
        elif c == 0x07:
            out.append("\\a")
        elif c == 0x08:
            out.append("\\b")
        elif 0x20 <= c < 0x7F:
            out.append(chr(c))
        else:
            out.append("\\x%02x" % c)
    out.append('"')
    return "".join(out)


def _text(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def _multiline(r) -> bool:
    """cliIsMultilineValueTTY."""
    kind, v = r
    if kind in ("array", "set", "push"):
        if not v:
            return False
        return len(v) > 1 or _multiline(v[0])
    if kind == "map":
        if not v:
            return False
        return len(v) > 2 or _multiline(v[1])
    return False


def _tty(r, prefix: str) -> str:
    """cliFormatReplyTTY."""
    kind, v = r
    if kind == "error":
        return "(error) %s\n" % _text(v.split(b"\0")[0])
    if kind == "status":
        return _text(v) + "\n"
    if kind == "int":
        return "(integer) %d\n" % v
    if kind == "double":
        return "(double) %s\n" % _text(v)
    if kind == "bignum":  # redis-cli 7.0 has no case for it (it exits); 7.2 prints this
        return "(big number) %s\n" % _text(v)
    if kind == "string":
        return repr_bytes(v) + "\n"
    if kind == "verb":
        return _text(v) + "\n"
    if kind == "nil":
        return "(nil)\n"
    if kind == "bool":
        return "(true)\n" if v else "(false)\n"
    # aggregates
    if not v:
        return {"array": "(empty array)\n", "map": "(empty hash)\n", "set": "(empty set)\n",
                "push": "(empty push)\n"}[kind]
    n = len(v) // 2 if kind == "map" else len(v)
    idxlen = len(str(n))
    sub = prefix + " " * (idxlen + 2)
    sep = "~" if kind == "set" else "#" if kind == "map" else ")"
    out = []
    step = 2 if kind == "map" else 1
    for i in range(0, len(v), step):
        out.append("%s%*d%s " % ("" if i == 0 else prefix, idxlen, i // step + 1, sep))
        out.append(_tty(v[i], sub))
        if kind == "map":
            out[-1] = out[-1][:-1] + " => "
            if _multiline(v[i + 1]):
                out.append("\n" + sub)
            out.append(_tty(v[i + 1], sub))
    return "".join(out)


def render(reply: bytes) -> str:
    """A raw RESP2/RESP3 reply as ``redis-cli`` shows it on a terminal
    (``--no-raw``), with the final newline: ``(integer) 1``, ``"a"``,
    ``1) "a"``, ``(nil)``, ``(error) ERR ...``, ``(empty array)``..."""
    r, _ = parse_reply(reply)
    return _tty(r, "")


# ---------------------------------------------------------------- LDB (eval.c)

LDB_MAXLEN = 256  # LDB_MAX_LEN_DEFAULT


def _human(r, out: list) -> None:
    """ldbRedisProtocolToHuman, on a parsed reply."""
    kind, v = r
    if kind == "int":
        out.append(str(v))
    elif kind == "string":
        out.append(repr_bytes(v))
    elif kind == "status":
        out.append(repr_bytes(b"+" + v))
    elif kind == "error":
        out.append(repr_bytes(b"-" + v))
    elif kind == "array":
        out.append("[")
        for j, x in enumerate(v):
            _human(x, out)
            if j != len(v) - 1:
                out.append(",")
        out.append("]")
    elif kind == "set":
        out.append("~(")
        for j, x in enumerate(v):
            _human(x, out)
            if j != len(v) - 1:
                out.append(",")
        out.append(")")
    elif kind == "map":
        out.append("{")
        for j in range(0, len(v), 2):
            _human(v[j], out)
            out.append(" => ")
            _human(v[j + 1], out)
            if j != len(v) - 2:
                out.append(",")
        out.append("}")
    elif kind == "nil":
        out.append("NULL")
    elif kind == "bool":
        out.append("#true" if v else "#false")
    elif kind == "double":
        out.append("(double) " + _text(v))
    # other kinds: LDB appends nothing


def ldb_human(reply: bytes) -> str:
    """A raw reply as LDB writes it after ``<reply> `` (not trimmed).
    RESP2 ``$-1``/``*-1`` are ``NULL``, RESP3 ``_`` is ``(null)``."""
    out: list = []
    _human_raw(reply, 0, out)
    return "".join(out)


def _human_raw(data: bytes, pos: int, out: list) -> int:
    """ldbRedisProtocolToHuman on the bytes (tells ``_`` from ``$-1``)."""
    t = data[pos : pos + 1]
    if t == b"_":
        out.append("(null)")
        return data.find(b"\r\n", pos) + 2
    if t in (b"*", b"~", b"%"):
        eol = data.find(b"\r\n", pos)
        n = int(data[pos + 1 : eol])
        pos = eol + 2
        if n < 0:
            out.append("NULL")
            return pos
        op, cl = {b"*": ("[", "]"), b"~": ("~(", ")"), b"%": ("{", "}")}[t]
        out.append(op)
        for j in range(n):
            pos = _human_raw(data, pos, out)
            if t == b"%":
                out.append(" => ")
                pos = _human_raw(data, pos, out)
            if j != n - 1:
                out.append(",")
        out.append(cl)
        return pos
    r, end = parse_reply(data, pos)
    _human(r, out)
    return end


def ldb_trim(entry: str, maxlen: int = LDB_MAXLEN) -> tuple[str, bool]:
    """ldbLogWithMaxLen: (the entry, trimmed?)."""
    if maxlen and len(entry) > maxlen:
        return entry[:maxlen] + " ...", True
    return entry, False


def ldb_command(argv) -> str:
    """The ``<redis> ...`` line LDB logs for a redis.call (10 arguments at most)."""
    out = "<redis>"
    for j, a in enumerate(argv):
        if j == 10:
            out += " ... (%d more)" % (len(argv) - j - 1)  # sic: script_lua.c counts one less
            break
        out += " " + _text(a)
    return _log_line(out)


def _log_line(s: str) -> str:
    """ldbSendLogs: CR and LF become spaces (each log line is a status reply)."""
    return s.replace("\r", " ").replace("\n", " ")


# ---------------------------------------------------------------- command lines


def read_seed(text: bytes):
    """The commands of a seed file: one a line, quoted as redis-cli quotes
    them, blank lines and ``#`` comments skipped.  Yields (line number, argv)."""
    for no, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s[:1] == b"#":
            continue
        argv = split_args(s)
        if argv is None:
            raise ValueError("line %d: unbalanced quotes" % no)
        if argv:
            yield no, argv


EVAL_USAGE = """\
usage: python -m pylua.redis eval SCRIPT.lua [key ...] [, arg ...]
            [--seed FILE] [--trace] [--resp 2|3]
            [--from redis://HOST:PORT[/DB] [--keys PATTERN]]

Runs SCRIPT.lua once on a fresh in-memory server, as `redis-cli --eval`
does (keys, then a lone "," then arguments), and prints the reply as
redis-cli prints it on a terminal. Exit status 1 on an error reply.

  --seed FILE     Redis commands run first, one a line (quoted as in
                  redis-cli; blank lines and # comments skipped)
  --trace         print each redis.call and its reply as the Lua debugger
                  does (<redis> ... / <reply> ...), then the keys changed
  --resp 3        run on a RESP3 connection (HELLO 3 first, like redis-cli -3)
  --from URL      copy keys from a live server first (read only on it)
  --keys PATTERN  which keys --from copies (default *)
"""


def _parse_eval_args(argv):
    opts = {"seed": None, "trace": False, "resp": 2, "from": None, "keys": "*"}
    pos = []
    i = 0
    options_done = False
    while i < len(argv):
        a = argv[i]
        if not options_done and a.startswith("--"):
            name, eq, val = a[2:].partition("=")
            if a == "--":
                options_done = True
            elif name in ("help",):
                raise SystemExit(EVAL_USAGE)
            elif name == "trace":
                opts["trace"] = True
            elif name in ("seed", "resp", "from", "keys"):
                if not eq:
                    i += 1
                    if i >= len(argv):
                        raise _Usage("--%s needs a value" % name)
                    val = argv[i]
                opts[name] = val
            else:
                raise _Usage("unknown option %s" % a)
        else:
            pos.append(a)
        i += 1
    if not pos:
        raise _Usage("no script file")
    if str(opts["resp"]) not in ("2", "3"):
        raise _Usage("--resp is 2 or 3")
    opts["resp"] = int(opts["resp"])
    return opts, pos[0], pos[1:]


class _Usage(Exception):
    pass


def eval_argv(script: bytes, rest) -> list:
    """redis-cli's evalMode: EVAL script numkeys keys... args... (a lone ","
    splits keys from arguments, once)."""
    keys, args = [], []
    got_comma = False
    for a in rest:
        if not got_comma and a == ",":
            got_comma = True
            continue
        (args if got_comma else keys).append(_arg(a))
    return [b"EVAL", script, b"%d" % len(keys), *keys, *args]


def _arg(a: str) -> bytes:
    return a.encode("utf-8", "surrogateescape")


def _snapshot(store) -> dict:
    """{(db, key): (type, value, expireat)} of every database."""
    from .store import Store

    snap = {}
    for db in range(Store.NUM_DBS):
        if not store.dbsize(db):
            continue
        rows = {r["key"]: r for r in store.keyspace(db)}
        for key, (typ, _raw, expireat) in store.dump_db(db).items():
            row = rows.get(_key_text(key))
            snap[(db, key)] = (typ, row["value"] if row else None, expireat)
    return snap


def _key_text(key: bytes) -> str:
    from .store import _text as store_text

    return store_text(key)


def describe_changes(before: dict, after: dict, now: float) -> list[str]:
    """The keys a run changed, one line each:
    ``<key> NAME TYPE VALUE [ttl 60s]`` (TTL's rounding; ms under a second) or ``<key> NAME (deleted)``."""
    import json

    lines = []
    for k in sorted(set(before) | set(after)):
        db, key = k
        b, a = before.get(k), after.get(k)
        if a == b:
            continue
        name = repr_bytes(key) + ("" if db == 0 else " (db %d)" % db)
        if a is None:
            lines.append("<key> %s (deleted)" % name)
            continue
        typ, value, expireat = a
        text = "<key> %s %s %s" % (name, typ, json.dumps(value, ensure_ascii=False))
        if expireat is not None:
            ms = max(0, round((expireat - now) * 1000))
            text += " ttl %ds" % ((ms + 500) // 1000) if ms >= 1000 else " ttl %dms" % ms
        lines.append(text)
    return lines


def main_eval(argv, out=None, err=None) -> int:
    """``python -m pylua.redis eval ...``: the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        opts, path, rest = _parse_eval_args(argv)
    except _Usage as e:
        err.write("pylua.redis eval: %s\n\n%s" % (e, EVAL_USAGE))
        return 2
    try:
        with open(path, "rb") as f:
            script = f.read()
    except OSError as e:
        err.write("Can't open file '%s': %s\n" % (path, e.strerror))
        return 1
    from .server import Server

    srv = Server()
    if opts["from"]:
        try:
            copied = srv.store.copy_from(opts["from"], opts["keys"])
        except Exception as e:  # noqa: BLE001 - a connection error, a bad URL
            err.write("pylua.redis eval: --from %s: %s\n" % (opts["from"], e))
            return 2
        if opts["trace"]:
            out.write("<from> %d keys copied from %s\n" % (len(copied), opts["from"]))
    if opts["seed"]:
        try:
            with open(opts["seed"], "rb") as f:
                seed = list(read_seed(f.read()))
        except (OSError, ValueError) as e:
            err.write("pylua.redis eval: --seed %s: %s\n" % (opts["seed"], e))
            return 2
        for no, cmd in seed:
            r = srv.command(*cmd)
            if r[:1] == b"-":
                err.write("pylua.redis eval: --seed %s line %d: %s"
                          % (opts["seed"], no, render(r)))
                return 2
    conn = srv.connect()
    if opts["resp"] == 3:
        conn.command("HELLO", "3")
    before = _snapshot(srv.store) if opts["trace"] else None
    if opts["trace"]:
        hinted = [False]

        def trace(kind, data):
            if kind == "call":
                out.write(ldb_command(data) + "\n")
            elif kind == "reply":
                line, trimmed = ldb_trim("<reply> " + ldb_human(data))
                out.write(_log_line(line) + "\n")
                if trimmed and not hinted[0]:
                    hinted[0] = True
                    out.write("<hint> The above reply was trimmed. "
                              "Use 'maxlen 0' to disable trimming.\n")
            elif kind == "log":
                level, msg = data
                out.write("<log> %s\n" % _text(msg))

        srv.trace = trace
    reply = conn.command(*eval_argv(script, rest))
    srv.trace = None
    out.write(render(reply))
    if opts["trace"]:
        after = _snapshot(srv.store)
        changes = describe_changes(before, after, srv.store.clock.now())
        if changes:
            out.write("\n".join(changes) + "\n")
        else:
            out.write("<key> (no keys changed)\n")
    out.flush()
    return 1 if reply[:1] == b"-" else 0
