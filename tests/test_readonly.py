"""Read-only tables (Redis's lua_enablereadonlytable), a general VM feature:
every way of writing a table fails, reading and iterating do not, and the
flag can be taken off again."""

import pytest

from pylua import Lua
from pylua.errors import LuaError

MSG = b"Attempt to modify a readonly table"


@pytest.fixture()
def L():
    L = Lua(sandbox=True)
    L.execute("t = {1, 2, 3}; s = {3, 1}; g = {x = 1}; m = setmetatable({}, {__index = g})")
    for name in ("t", "s", "g", "m"):
        L.set_readonly(L.get_global(name))
    return L


@pytest.mark.parametrize(
    "src, err",
    [
        ("t[1] = 5", b"user_script:1: " + MSG),  # an existing key (luaV_settable checks first)
        ("t.x = 1", b"user_script:1: " + MSG),
        ("local k = 'x'; g[k] = 2", b"user_script:1: " + MSG),
        ("m.y = 1", b"user_script:1: " + MSG),  # with a (real) metatable
        ("setfenv(1, g); y = 1", b"user_script:1: " + MSG),  # SETGLOBAL into a read-only env
        ("rawset(t, 1, 2)", MSG),  # C functions: no position, as luaG_runerror from C
        ("setmetatable(t, {})", MSG),
        ("table.insert(t, 1)", MSG),
        ("table.insert(t, 1, 0)", MSG),
        ("table.remove(t)", MSG),
        ("table.sort(s)", MSG),
    ],
)
def test_writes_fail(L, src, err):
    with pytest.raises(LuaError) as e:
        L.execute(src, "@user_script")
    assert e.value.value == err


def test_reads_and_no_writes_pass(L):
    src = """
    local n = 0
    for k, v in pairs(g) do n = n + v end
    table.sort(t)                 -- already sorted: never written
    table.remove({})
    return t[1], g.x, #t, n, getmetatable(t), m.x, table.concat(t, ',')
    """
    assert L.execute(src) == [1.0, 1.0, 3.0, 1.0, None, 1.0, b"1,2,3"]
    assert L.execute("return table.remove(setmetatable({}, {}))") == []


def test_flag_off_again(L):
    t = L.get_global("t")
    assert L.is_readonly(t)
    L.set_readonly(t, False)
    assert not L.is_readonly(t)
    assert L.execute("t[1] = 9; rawset(t, 2, 8); return t[1], t[2], getmetatable(t)") == [9.0, 8.0, None]
    m = L.get_global("m")
    L.set_readonly(m, False)
    assert L.execute("m.y = 1; return rawget(m, 'y'), getmetatable(m).__index == g") == [1.0, True]
