"""The command lines of Redis mode (docs/redis.md, "Command lines"):

- ``python -m pylua.redis serve`` talked to by redis-cli and redis-py;
- ``python -m pylua.redis eval``: its output is compared with committed
  texts (tests/redis_cli/expected), which are checked against
  ``redis-cli --no-raw --eval`` on a private redis-server when one is
  installed (``REGEN_REDIS_CLI=1`` rewrites them from it);
- ``--trace`` (the <redis>/<reply> lines checked against LDB's), ``--seed``
  and ``--from`` (a private real server, never written);
- ``pylua.redis.cli.render`` / ``ldb_human`` on hand-made replies.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fakeredis")

from pylua.redis.cli import ldb_command, ldb_human, main_eval, read_seed, render  # noqa: E402
from pylua.redis.net import ProtocolError, parse_requests  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent / "redis_cli"
SCRIPTS = HERE / "scripts"
EXPECTED = HERE / "expected"
SEED = HERE / "seed.txt"

REDIS_SERVER = shutil.which("redis-server") or (
    "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None)
REDIS_CLI = shutil.which("redis-cli") or (
    "/usr/bin/redis-cli" if os.path.exists("/usr/bin/redis-cli") else None)
need_oracle = pytest.mark.skipif(not (REDIS_SERVER and REDIS_CLI),
                                 reason="redis-server / redis-cli not installed")
need_cli = pytest.mark.skipif(not REDIS_CLI, reason="redis-cli not installed")

# name: (script, argv after the script, resp, seed?, exit status)
CASES = {
    "ratelimit": ("ratelimit.lua", ["rl:u1", ",", "60", "10"], 2, False, 0),
    "ratelimit-over": ("ratelimit.lua", ["rl:u2", ",", "60", "2"], 2, True, 1),
    "sliding": ("sliding.lua", ["sw:u1", ",", "1000", "500", "3", "req-1"], 2, False, 0),
    "arrays": ("arrays.lua", [], 2, False, 0),
    "arrays-resp3": ("arrays.lua", [], 3, False, 0),
    "nested": ("nested.lua", [], 2, False, 0),
    "nil": ("nil.lua", ["nothing"], 2, False, 0),
    "nil-resp3": ("nil.lua", ["nothing"], 3, False, 0),
    "err-call": ("err_call.lua", ["k"], 2, False, 1),
    "err-runtime": ("err_runtime.lua", [], 2, False, 1),
    "err-compile": ("err_compile.lua", [], 2, False, 1),
    "err-reply": ("err_reply.lua", [], 2, False, 1),
    "err-nested": ("err_nested.lua", [], 2, False, 0),
    "status": ("status.lua", [], 2, False, 0),
    "binary": ("binary.lua", [], 2, False, 0),
    "args": ("args.lua", ["k1", "k 2", ",", "a1", ",", ""], 2, False, 0),
    "args-no-comma": ("args.lua", ["k1", "k2"], 2, False, 0),
    "resp3-types": ("resp3.lua", ["user:1"], 3, True, 0),
    "resp3-types-on-resp2": ("resp3.lua", ["user:1"], 2, True, 0),
    "hash-resp3": ("hash.lua", ["h", ",", "Ada"], 3, False, 0),
    "queue": ("queue.lua", ["jobs:ready", "jobs:proc", "jobs:when", ",", "1700000000"], 2, True, 0),
    "queue-empty": ("queue.lua", ["jobs:ready", "jobs:proc", "jobs:when", ",", "1"], 2, False, 0),
}


def _argv(name):
    script, rest, resp, seed, _ = CASES[name]
    argv = [str(SCRIPTS / script), *rest]
    if resp == 3:
        argv += ["--resp", "3"]
    if seed:
        argv += ["--seed", str(SEED)]
    return argv


def run_eval(argv):
    out, err = io.StringIO(), io.StringIO()
    rc = main_eval(argv, out=out, err=err)
    return rc, out.getvalue(), err.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- a private redis-server


class Oracle:
    def __init__(self):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--enable-debug-command", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while self.cli("PING").strip() != "PONG":
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def cli(self, *args, stdin=None) -> str:
        r = subprocess.run([REDIS_CLI, "-p", str(self.port), *args], input=stdin,
                           capture_output=True, text=True)
        return r.stdout

    def reset(self, seed=False):
        import redis

        r = redis.Redis(port=self.port)
        r.flushall()
        r.script_flush()
        if seed:
            for _, cmd in read_seed(SEED.read_bytes()):
                r.execute_command(*cmd)
        r.close()

    def eval_output(self, name) -> str:
        script, rest, resp, seed, _ = CASES[name]
        self.reset(seed)
        return self.cli(*(["-3"] if resp == 3 else []), "--no-raw", "--eval",
                        str(SCRIPTS / script), *rest)

    def ldb_lines(self, script, rest) -> list[str]:
        """The <redis>/<reply>/<hint> lines of stepping through a script in LDB."""
        self.reset()
        text = self.cli("--ldb", "--eval", str(SCRIPTS / script), *rest,
                        stdin="s\n" * 200 + "quit\n")
        return _trace_lines(re.sub(r"\x1b\[[0-9;]*m", "", text))

    def close(self):
        self.proc.terminate()
        self.proc.wait(10)


def _trace_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.startswith(("<redis>", "<reply>", "<hint>"))]


@pytest.fixture(scope="module")
def oracle():
    o = Oracle()
    yield o
    o.close()


# ---------------------------------------------------------------- eval: the pylua side


@pytest.mark.parametrize("name", sorted(CASES))
def test_eval_output(name):
    rc, out, err = run_eval(_argv(name))
    expected = (EXPECTED / (name + ".txt")).read_text()
    assert out == expected
    assert rc == CASES[name][4], err


@need_oracle
@pytest.mark.parametrize("name", sorted(CASES))
def test_eval_output_matches_redis_cli(name, oracle):
    real = oracle.eval_output(name)
    path = EXPECTED / (name + ".txt")
    if os.environ.get("REGEN_REDIS_CLI"):
        path.write_text(real)
    assert real == path.read_text()


def test_eval_command_line():
    """The real entry point, as a subprocess (stdout not a tty: same format)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "pylua.redis", "eval", *_argv("sliding")],
                       capture_output=True, text=True, env=env, cwd=str(ROOT))
    assert r.returncode == 0, r.stderr
    assert r.stdout == (EXPECTED / "sliding.txt").read_text()
    r = subprocess.run([sys.executable, "-m", "pylua.redis", "eval", *_argv("err-runtime")],
                       capture_output=True, text=True, env=env, cwd=str(ROOT))
    assert r.returncode == 1
    assert r.stdout.startswith("(error) ERR user_script:2: attempt to index local 'x'")


def test_eval_usage_errors(tmp_path):
    rc, out, err = run_eval([])
    assert rc == 2 and "usage" in err
    rc, out, err = run_eval([str(tmp_path / "nope.lua")])
    assert rc == 1 and "Can't open file" in err
    rc, out, err = run_eval([str(SCRIPTS / "nil.lua"), "--bogus"])
    assert rc == 2 and "unknown option --bogus" in err
    bad = tmp_path / "bad.txt"
    bad.write_text("SET a 1\nINCR a b c\n")
    rc, out, err = run_eval([str(SCRIPTS / "nil.lua"), "--seed", str(bad)])
    assert rc == 2 and "line 2" in err and "wrong number of arguments" in err


def test_eval_options_anywhere_and_double_dash():
    rc, out, _ = run_eval(["--resp", "3", str(SCRIPTS / "args.lua"), "k", ",", "--", "--trace"])
    assert rc == 0
    assert out == '1) (integer) 1\n2) 1) "k"\n3) 1) "--trace"\n'


# ---------------------------------------------------------------- --seed


def test_seed_quoting_and_comments():
    cmds = [argv for _, argv in read_seed(SEED.read_bytes())]
    assert cmds[0] == [b"RPUSH", b"jobs:ready", b"job 1", b'job "2"', b"job3"]
    assert cmds[-1] == [b"HSET", b"user:1", b"name", b"Ada\tL", b"born", b"1815"]
    assert len(cmds) == 3
    with pytest.raises(ValueError, match="line 1"):
        list(read_seed(b'SET "a b\n'))


# ---------------------------------------------------------------- --trace

TRACES = {
    "trace": ("trace.lua", ["k1", ",", "a1"], False),
    "trace-ratelimit": ("ratelimit.lua", ["rl:u2", ",", "60", "10"], True),
    "trace-queue": ("queue.lua", ["jobs:ready", "jobs:proc", "jobs:when", ",", "17"], True),
}


@pytest.mark.parametrize("name", sorted(TRACES))
def test_trace_output(name):
    script, rest, seed = TRACES[name]
    argv = [str(SCRIPTS / script), *rest, "--trace"] + (["--seed", str(SEED)] if seed else [])
    rc, out, err = run_eval(argv)
    assert rc == 0, err
    assert out == (EXPECTED / (name + ".txt")).read_text()


@need_oracle
@pytest.mark.parametrize("name", ["trace"])
def test_trace_lines_match_ldb(name, oracle):
    script, rest, seed = TRACES[name]
    assert not seed
    ours = _trace_lines((EXPECTED / (name + ".txt")).read_text())
    assert ours == oracle.ldb_lines(script, rest)


def test_trace_shows_keys_changed():
    out = (EXPECTED / "trace-ratelimit.txt").read_text()
    assert "<redis> INCR rl:u2\n<reply> 6\n" in out
    assert '<key> "rl:u2" string "6" ttl 100s' in out


def test_ldb_rendering():
    assert ldb_human(b":1\r\n") == "1"
    assert ldb_human(b"$-1\r\n") == "NULL"
    assert ldb_human(b"*-1\r\n") == "NULL"
    assert ldb_human(b"_\r\n") == "(null)"
    assert ldb_human(b"+OK\r\n") == '"+OK"'
    assert ldb_human(b"-ERR x\r\n") == '"-ERR x"'
    assert ldb_human(b"*2\r\n$1\r\na\r\n*1\r\n_\r\n") == '["a",[(null)]]'
    assert ldb_human(b"%1\r\n$1\r\nk\r\n,1.5\r\n") == '{"k" => (double) 1.5}'
    assert ldb_human(b"~1\r\n#t\r\n") == "~(#true)"
    assert ldb_command([b"SET", b"k", b"a\nb"]) == "<redis> SET k a b"
    argv = [b"MSET"] + [b"x"] * 12
    assert ldb_command(argv) == "<redis> MSET x x x x x x x x x ... (2 more)"


def test_render():
    assert render(b":1\r\n") == "(integer) 1\n"
    assert render(b"$-1\r\n") == "(nil)\n"
    assert render(b"*-1\r\n") == "(nil)\n"
    assert render(b"*0\r\n") == "(empty array)\n"
    assert render(b"+OK\r\n") == "OK\n"
    assert render(b"-ERR bad\r\n") == "(error) ERR bad\n"
    assert render(b"$3\r\na\"\x01\r\n") == '"a\\"\\x01"\n'
    assert render(b",3.5\r\n") == "(double) 3.5\n"
    assert render(b"#f\r\n") == "(false)\n"
    assert render(b"=7\r\ntxt:abc\r\n") == "abc\n"
    assert render(b"(123\r\n") == "(big number) 123\n"
    assert render(b"%1\r\n$1\r\nk\r\n*2\r\n:1\r\n:2\r\n") == '1# "k" => \n   1) (integer) 1\n   2) (integer) 2\n'
    assert render(b"~2\r\n:1\r\n:2\r\n") == "1~ (integer) 1\n2~ (integer) 2\n"
    items = b"".join(b":%d\r\n" % i for i in range(10))
    assert render(b"*10\r\n" + items).splitlines()[0] == " 1) (integer) 0"


# ---------------------------------------------------------------- --from


@need_oracle
def test_from_live_server_is_read_only(oracle, tmp_path):
    import redis

    oracle.reset()
    r = redis.Redis(port=oracle.port)
    r.set("rl:u1", 7, ex=500)
    r.hset("rl:cfg", mapping={"limit": 10})
    r.rpush("other", "x")
    digest = r.execute_command("DEBUG", "DIGEST")
    dirty = r.info("persistence")["rdb_changes_since_last_save"]
    url = "redis://127.0.0.1:%d" % oracle.port
    rc, out, err = run_eval([str(SCRIPTS / "ratelimit.lua"), "rl:u1", ",", "60", "100",
                             "--from", url, "--keys", "rl:*", "--trace"])
    assert rc == 0, err
    assert out.splitlines()[0] == "<from> 2 keys copied from %s" % url
    assert "<reply> 8\n(integer) 8\n" in out
    assert '<key> "rl:u1" string "8" ttl' in out
    rc, out, err = run_eval([str(SCRIPTS / "args.lua"), "--from", url, "--keys", "nomatch*"])
    assert rc == 0
    # the live server: untouched
    assert r.execute_command("DEBUG", "DIGEST") == digest
    assert r.info("persistence")["rdb_changes_since_last_save"] == dirty
    assert r.get("rl:u1") == b"7"
    r.close()


def test_from_unreachable():
    port = free_port()
    rc, out, err = run_eval([str(SCRIPTS / "nil.lua"), "k", "--from",
                             "redis://127.0.0.1:%d" % port])
    assert rc == 2 and "--from" in err


# ---------------------------------------------------------------- serve


@pytest.fixture(scope="module")
def served():
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "pylua.redis", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env, cwd=str(ROOT))
    line = proc.stdout.readline()
    assert line.strip() == "pylua redis server listening on 127.0.0.1:%d" % port, line
    yield port
    if proc.poll() is None:
        proc.terminate()
    proc.wait(10)


def cli(port, *args, resp3=False) -> str:
    r = subprocess.run([REDIS_CLI, "-p", str(port), *(["-3"] if resp3 else []), "--no-raw",
                        *args], capture_output=True, text=True, timeout=60)
    return r.stdout


@need_cli
def test_redis_cli_eval_and_data(served):
    p = served
    assert cli(p, "SET", "rl:u1", "1") == "OK\n"
    assert cli(p, "EVAL", "return redis.call('INCR', KEYS[1])", "1", "rl:u1") == "(integer) 2\n"
    body = "return {KEYS[1], ARGV[1]}"
    sha = hashlib.sha1(body.encode()).hexdigest()
    assert cli(p, "SCRIPT", "LOAD", body) == '"%s"\n' % sha
    assert cli(p, "EVALSHA", sha, "1", "k", "a") == '1) "k"\n2) "a"\n'
    assert cli(p, "SCRIPT", "EXISTS", sha, "0" * 40) == "1) (integer) 1\n2) (integer) 0\n"
    assert cli(p, "EVALSHA", "0" * 40, "0") == "(error) NOSCRIPT No matching script. Please use EVAL.\n"
    assert cli(p, "RPUSH", "l", "a", "b") == "(integer) 2\n"
    assert cli(p, "LRANGE", "l", "0", "-1") == '1) "a"\n2) "b"\n'
    assert cli(p, "GET", "nothing") == "(nil)\n"
    assert cli(p, "EVAL", "return redis.call('nope')", "0").startswith(
        "(error) ERR Unknown Redis command called from script")
    assert cli(p, "TTL", "rl:u1") == "(integer) -1\n"


@need_cli
def test_redis_cli_hello3(served):
    out = cli(served, "HELLO", "3")
    assert out.startswith('1# "server" => "redis"\n2# "version" => "7.0.15"\n3# "proto" => (integer) 3\n')
    assert cli(served, "EVAL", "return {map={a=1}}", "0", resp3=True) == '1# "a" => (integer) 1\n'
    assert cli(served, "EVAL", "redis.setresp(3); return {double=1.5}", "0",
               resp3=True) == "(double) 1.5\n"


@need_cli
def test_redis_cli_busy_and_script_kill(served):
    p = served
    assert cli(p, "CONFIG", "SET", "busy-reply-threshold", "200") == "OK\n"
    try:
        looping = subprocess.Popen([REDIS_CLI, "-p", str(p), "--no-raw", "EVAL",
                                    "local i = 0 while true do i = i + 1 end", "0"],
                                   stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 20
        while True:
            out = cli(p, "PING")
            if out.startswith("(error) BUSY"):
                break
            assert time.monotonic() < deadline, out
            time.sleep(0.1)
        assert out == ("(error) BUSY Redis is busy running a script. "
                       "You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\n")
        assert cli(p, "SCRIPT", "KILL") == "OK\n"
        out, _ = looping.communicate(timeout=20)
        assert out.startswith("(error) ERR Script killed by user with SCRIPT KILL...")
        assert cli(p, "PING") == "PONG\n"
        assert cli(p, "SCRIPT", "KILL") == "(error) NOTBUSY No scripts in execution right now.\n"
    finally:
        cli(p, "CONFIG", "SET", "busy-reply-threshold", "5000")


def test_redis_py(served):
    import redis

    r = redis.Redis(port=served)
    try:
        assert r.set("py:k", "v") is True
        assert r.eval("return {1, KEYS[1], ARGV[1]}", 1, "kk", "aa") == [1, b"kk", b"aa"]
        incr = r.register_script("return redis.call('INCRBY', KEYS[1], ARGV[1])")
        assert incr(keys=["py:n"], args=[5]) == 5  # EVALSHA, NOSCRIPT, EVAL
        assert incr(keys=["py:n"], args=[5]) == 10
        pipe = r.pipeline(transaction=False)
        pipe.incr("py:c").incr("py:c").get("py:c")
        assert pipe.execute() == [1, 2, b"2"]
        with pytest.raises(redis.ResponseError, match="Unknown Redis command"):
            r.eval("return redis.call('nope')", 0)
    finally:
        r.close()
    r3 = redis.Redis(port=served, protocol=3)
    try:
        assert r3.eval("return {map={a=1}}", 0) == {b"a": 1}
        assert r3.hgetall("py:nothing") == {}
    finally:
        r3.close()


def _raw(port, data: bytes, until_closed=True, timeout=10) -> bytes:
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.sendall(data)
    out = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        out += chunk
    s.close()
    return out


def test_inline_pipelining_and_quit(served):
    out = _raw(served, b'PING\r\nset "x y" "a b"\nget "x y"\n\r\n'
                       b"*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$3\r\nx y\r\nQUIT\r\nGET x\r\n")
    assert out == b"+PONG\r\n+OK\r\n$3\r\na b\r\n+PONG\r\n$3\r\na b\r\n+OK\r\n"
    out = _raw(served, b'GET "x\r\n')
    assert out == b"-ERR Protocol error: unbalanced quotes in request\r\n"


def test_parse_requests():
    buf = bytearray(b"*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*1\r\n$4\r\nPI")
    assert parse_requests(buf) == [[b"GET", b"k"]]
    assert buf == b"*1\r\n$4\r\nPI"
    buf += b"NG\r\n  \r\nECHO 'a b'\n"
    assert parse_requests(buf) == [[b"PING"], [b"ECHO", b"a b"]]
    assert buf == b""
    with pytest.raises(ProtocolError, match="expected '\\$', got 'x'"):
        parse_requests(bytearray(b"*1\r\nx\r\n"))


def test_shutdown_stops_the_server():
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "pylua.redis", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, text=True, env=env, cwd=str(ROOT))
    try:
        assert "listening" in proc.stdout.readline()
        assert _raw(port, b"PING\r\nSHUTDOWN\r\n") == b"+PONG\r\n"
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_trace_log_other_db_and_short_ttl(tmp_path):
    script = tmp_path / "s.lua"
    script.write_text("redis.log(redis.LOG_WARNING, 'hello', 'x')\n"
                      "redis.call('SELECT', 1)\n"
                      "redis.call('SET', 'k', 'v', 'PX', 5000)\n"
                      "redis.call('SET', 'm', 'v', 'PX', 250)\n"
                      "return redis.call('DEL', 'nokey')\n")
    rc, out, _ = run_eval([str(script), "--trace"])
    assert rc == 0
    lines = out.splitlines()
    assert lines[:3] == ["<log> hello x", "<redis> SELECT 1", '<reply> "+OK"']
    assert lines[-3] == "(integer) 0"
    assert lines[-2] == '<key> "k" (db 1) string "v" ttl 5s'
    assert re.fullmatch(r'<key> "m" \(db 1\) string "v" ttl 2\d\dms', lines[-1])
    rc, out, _ = run_eval([str(SCRIPTS / "nil.lua"), "k", "--trace"])
    assert out == "<redis> GET k\n<reply> NULL\n(nil)\n<key> (no keys changed)\n"
