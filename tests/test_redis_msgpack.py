"""cmsgpack, struct and bit of Redis 7.0.15 (pylua/redis/cmsgpack.py,
lstruct.py, bit.py): every snippet of tests/redis_libs/snippets.py runs in a
sandboxed pylua with the three libraries opened, and its result (a string)
must be what redis-server gave (tests/redis_libs/expected.json).  When
redis-server is installed, the expected replies are made again by a
private server and compared with the committed ones.

Regenerate the committed replies:  python tests/test_redis_msgpack.py --regen
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from redis_libs.oracle import Oracle  # noqa: E402
from redis_libs.snippets import PRELUDE, all_snippets  # noqa: E402

from pylua import Lua  # noqa: E402
from pylua.errors import LuaError  # noqa: E402
from pylua.redis import bit, cmsgpack, lstruct  # noqa: E402

EXPECTED = HERE / "redis_libs" / "expected.json"
SNIPPETS = all_snippets()
_SUFFIX = re.compile(rb" script: [0-9a-f]{40}, on @user_script:\d+\.$")


def new_state() -> Lua:
    L = Lua(sandbox=True)
    for lib in (cmsgpack, lstruct, bit):
        lib.open(L)
    return L


def run_pylua(lua: str) -> str:
    L = new_state()
    try:
        r = L.execute((PRELUDE + lua).encode("latin-1"), "@user_script")
    except LuaError as e:
        v = e.value if isinstance(e.value, bytes) else str(e.value).encode()
        return "-ERR " + v.decode("latin-1")
    v = r[0] if r else None
    if isinstance(v, bytes):
        return v.decode("latin-1")
    return f"<{v!r}>"


def reply_text(raw: bytes) -> str:
    """A bulk reply's bytes as text; an error as "-message" (without the
    script's sha)."""
    if raw.startswith(b"$") and not raw.startswith(b"$-1"):
        body = raw[raw.index(b"\r\n") + 2 : -2]
        return body.decode("latin-1")
    if raw.startswith(b"-"):
        return _SUFFIX.sub(b"", raw[:-2]).decode("latin-1")
    return "<" + raw.decode("latin-1") + ">"


def run_oracle(oracle: Oracle, lua: str) -> str:
    return reply_text(oracle.command("EVAL", PRELUDE + lua, "0"))


def load_expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def expected():
    return load_expected()


def test_every_snippet_has_a_reply(expected):
    names = [n for n, _ in SNIPPETS]
    assert len(names) == len(set(names))
    assert sorted(expected) == sorted(names)


@pytest.mark.parametrize("name,lua", SNIPPETS, ids=[n for n, _ in SNIPPETS])
def test_snippet(name, lua, expected):
    assert run_pylua(lua) == expected[name]


@pytest.fixture(scope="module")
def oracle():
    import shutil

    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    o = Oracle()
    yield o
    o.close()


def test_expected_replies_are_redis_replies(oracle, expected):
    """The committed replies are what this redis-server says now."""
    fresh = {name: run_oracle(oracle, lua) for name, lua in SNIPPETS}
    diff = {n: (expected.get(n), fresh[n]) for n in fresh if expected.get(n) != fresh[n]}
    assert not diff, (
        f"{len(diff)} replies differ from redis-server's (regenerate with --regen): {diff}"
    )


def regen() -> None:
    o = Oracle()
    try:
        out = {name: run_oracle(o, lua) for name, lua in SNIPPETS}
    finally:
        o.close()
    EXPECTED.write_text(
        json.dumps(out, indent=1, ensure_ascii=True, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{len(out)} replies written to {EXPECTED}")


if __name__ == "__main__":
    if "--regen" in sys.argv:
        regen()


# -- long calls pay the budget, big ones meet the memory limit ----------------------

LONG = {
    # 10^16 values to pack: a cycle ten wide, cut at 16 levels (Redis: never returns)
    "pack-wide-cycle": (
        "local t = {} for i = 1, 10 do t[i] = t end return #cmsgpack.pack(t)",
        None,
    ),
    "pack-wide-map": (
        "local t = {} for i = 1, 10 do t['k' .. i] = t end return #cmsgpack.pack(t)",
        None,
    ),
    # long calls that end: a budgeted run gives what a plain one gives
    "pack-big": (
        "local t = {} for i = 1, 1e5 do t[i] = {i, 'x'} end local s = cmsgpack.pack(t) return #s, s:sub(-9)",
        "done",
    ),
    "unpack-big": (
        "local t = cmsgpack.unpack('\\221\\0\\4\\0\\0' .. string.rep('\\145\\1', 2^18)) return #t, t[2^18][1]",
        "done",
    ),
    "unpack-limit-big": (
        "local s = string.rep('\\1', 7000) .. string.rep('\\161x', 2^18)"
        " local n, off = 0, 0 while off ~= -1 do local r = {cmsgpack.unpack_limit(s, 5000, off)}"
        " off = r[1] n = n + #r - 1 end return n",
        "done",
    ),
}


@pytest.mark.parametrize("name", list(LONG))
def test_a_long_call_returns_within_its_budget(name):
    import time

    src, ends = LONG[name]
    L = new_state()
    L.start(L.load(src.encode(), "=long"))
    # CPU time of this process: other processes' load does not count
    worst, slices, t0 = 0.0, 0, time.process_time()
    st = "running"
    while time.process_time() - t0 < (60 if ends else 1.0):
        t = time.process_time()
        st = L.run(1000)
        worst = max(worst, time.process_time() - t)
        slices += 1
        if st != "running":
            break
    assert L.host_error is None, L.host_error
    # (relative to the whole: a loaded machine slows every slice alike; a
    # call that did not pause would be nearly all of it)
    elapsed = time.process_time() - t0
    assert worst < max(0.5, elapsed / 4), f"a slice of run(1000) took {worst:.3f} s of {elapsed:.3f} s"
    if ends:
        assert st == "finished" and slices > 10
        assert L.host_results == new_state().execute(src.encode(), "=long")
    else:
        assert st == "running" and slices > 1


BIG = {
    "pack-wide-cycle": "local t = {} for i = 1, 10 do t[i] = t end return #cmsgpack.pack(t)",
    "pack-long-strings": "local s = string.rep('x', 2^20) local t = {} for i = 1, 64 do t[i] = s end"
    " return #cmsgpack.pack(t, t)",
    "unpack-many-tables": "return cmsgpack.unpack('\\221\\0\\16\\0\\0' .. string.rep('\\144', 2^20))",
    "unpack-many-strings": "return cmsgpack.unpack('\\221\\0\\16\\0\\0' .. string.rep('\\161x', 2^20))",
    "struct-pack-long": "local s = string.rep('x', 2^20) return #struct.pack(string.rep('c0', 64), "
    + ", ".join(["s"] * 64)
    + ")",
}


@pytest.mark.parametrize("name", list(BIG))
def test_big_results_meet_the_memory_limit(name):
    L = Lua(sandbox=True, memory_limit=32 << 20)
    for lib in (cmsgpack, lstruct, bit):
        lib.open(L)
    with pytest.raises(LuaError) as e:
        L.execute(BIG[name].encode(), "=big")
    assert e.value.value == b"not enough memory"


def test_random_snippets_give_what_redis_gives(oracle):
    """tests/redis_libs/fuzz.py: random data to unpack, values to pack,
    formats and numbers (a fixed seed; run it by hand for more)."""
    from redis_libs.fuzz import differences

    bad = differences(oracle, seed=20240615, rounds=40)
    assert not bad, "\n".join(f"{s}\n  pylua {a[:200]}\n  redis {b[:200]}" for s, a, b in bad[:5])
