"""The package library (loadlib.c of Lua 5.1.5): require, module, package.*.

This is a build without dynamic libraries (loadlib.c's fallback): the C
loaders search ``package.cpath`` and report "no file" lines like any build,
but a C library that is found fails to load with loadlib.c's DLMSG, and
``package.loadlib`` returns ``nil, DLMSG, "absent"``.  The default paths are
those of Debian's ``lua5.1`` (its luaconf.h), the reference we compare with.

Also here: ``register`` (luaI_openlib, how every library registers itself)
and ``loadfile`` (luaL_loadfile), which other libraries may use.
"""

from __future__ import annotations

import builtins
import os

from ..conv import cstr
from .aux import check_string, check_table, tostr, typename

LUA_PATH_DEFAULT = (
    b"./?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua;"
    b"/usr/local/lib/lua/5.1/?.lua;/usr/local/lib/lua/5.1/?/init.lua;"
    b"/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua"
)
LUA_CPATH_DEFAULT = (
    b"./?.so;/usr/local/lib/lua/5.1/?.so;/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;"
    b"/usr/lib/lua/5.1/?.so;/usr/local/lib/lua/5.1/loadall.so"
)
DLMSG = b"dynamic libraries not enabled; check your Lua installation"
LIBPREFIX = b"LOADLIB: "
POF = b"luaopen_"


def is_function(v) -> bool:
    return getattr(v, "lua_type", None) == "function"


def is_table(v) -> bool:
    return getattr(v, "lua_type", None) == "table"


# -- luaI_openlib / luaL_findtable -----------------------------------------


def findtable(L, t, fname: bytes, szhint: int):
    """luaL_findtable with raw sets (used at open time, when no metatable can
    interfere): returns (table, None), or (None, conflicting name part)."""
    from ..values import LuaTable

    while True:
        dot = fname.find(b".")
        part = fname if dot < 0 else fname[:dot]
        v = t.get(part)
        if v is None:
            v = LuaTable(0, 1 if dot >= 0 else szhint)
            t.set(part, v)
        elif not is_table(v):
            return None, fname
        t = v
        if dot < 0:
            return t, None
        fname = fname[dot + 1 :]


def register(L, libname: bytes | None, funcs, t=None):
    """luaL_register: find or create the library table (``_LOADED[libname]``,
    else the global of that name), then set the functions into it."""
    from ..values import Builtin

    if libname is not None:
        t = L.loaded.get(libname)
        if not is_table(t):
            t, conflict = findtable(L, L.globals, libname, len(funcs))
            if t is None:
                raise L.error(b"name conflict for module '%s'" % libname)
            L.loaded.set(libname, t)
    for name, fn in funcs:
        t.set(name.encode(), Builtin(name, fn))
    return t


# -- luaL_loadfile ---------------------------------------------------------


def loadfile(L, filename: bytes | None):
    """luaL_loadfile (pylua.chunk.loadfile) for the libraries: None reads
    stdin.  Returns (function, None) or (None, message)."""
    from ..chunk import loadfile as load_file
    from ..errors import LuaError

    try:
        return load_file(filename, L.load, L.stdin), None
    except LuaError as e:
        return None, e.value


def readable(filename: bytes) -> bool:
    try:
        builtins.open(os.fsdecode(cstr(filename)), "rb").close()
        return True
    except IsADirectoryError:
        return True  # fopen(dir, "r") succeeds
    except (OSError, ValueError):
        return False


# -- the library -----------------------------------------------------------


def _new_userdata(meta):
    from ..values import Userdata

    return Userdata(None, meta)


def open(L):
    from ..values import Builtin, LuaTable

    registry = L.registry
    sentinel = _new_userdata(None)  # loadlib.c's sentinel: a light userdata

    def ll_register(path: bytes):
        key = LIBPREFIX + path
        u = registry.get(key)
        if u is None:
            u = _new_userdata(registry.get(b"_LOADLIB"))
            registry.set(key, u)
        return u

    def ll_loadfunc(path: bytes, sym: bytes):
        """Always ERRLIB: this build cannot load C code."""
        ll_register(cstr(path))
        return DLMSG

    def gctm(L, args):
        from .aux import type_error

        u = args[0] if args else None
        if getattr(u, "lua_type", None) != "userdata" or u.meta is not registry.get(b"_LOADLIB"):
            raise type_error(args, 1, "_LOADLIB")
        return []

    def ll_loadlib(L, args):
        path = check_string(args, 1)
        check_string(args, 2)
        msg = ll_loadfunc(path, b"")
        return [None, msg, b"absent"]

    def getfield(t, k):
        return (yield from L.index(t, k))

    def findfile(name: bytes, pname: bytes):
        name = cstr(name).replace(b".", b"/")
        path = yield from getfield(pk, pname)
        path = tostr(path)
        if path is None:
            raise L.error(f"'package.{pname.decode()}' must be a string")
        msg = []
        for template in cstr(path).split(b";"):
            if not template:
                continue
            filename = template.replace(b"?", name)
            if readable(filename):
                return filename, b""
            msg.append(b"\n\tno file '" + filename + b"'")
        return None, b"".join(msg)

    def loaderror(name: bytes, filename: bytes, msg):
        m = tostr(msg) if msg is not None else None
        return L.error(
            b"error loading module '%s' from file '%s':\n\t%s"
            % (cstr(name), filename, cstr(m) if m is not None else b"(null)")
        )

    def loader_preload(L, args):
        name = check_string(args, 1)
        preload = yield from getfield(pk, b"preload")
        if not is_table(preload):
            raise L.error("'package.preload' must be a table")
        v = yield from getfield(preload, name)
        if v is None:
            return [b"\n\tno field package.preload['" + cstr(name) + b"']"]
        return [v]

    def loader_lua(L, args):
        name = check_string(args, 1)
        filename, msg = yield from findfile(name, b"path")
        if filename is None:
            return [msg]
        fn, err = loadfile(L, filename)
        if fn is None:
            raise loaderror(name, filename, err)
        return [fn]

    def mkfuncname(name: bytes) -> bytes:
        name = cstr(name)
        mark = name.find(b"-")
        if mark >= 0:
            name = name[mark + 1 :]
        return POF + name.replace(b".", b"_")

    def loader_c(L, args):
        name = check_string(args, 1)
        filename, msg = yield from findfile(name, b"cpath")
        if filename is None:
            return [msg]
        raise loaderror(name, filename, ll_loadfunc(filename, mkfuncname(name)))

    def loader_croot(L, args):
        name = check_string(args, 1)
        p = cstr(name).find(b".")
        if p < 0:
            return []  # is root
        filename, msg = yield from findfile(name[:p], b"cpath")
        if filename is None:
            return [msg]
        # ll_loadfunc fails with ERRLIB, a "real error"
        raise loaderror(name, filename, ll_loadfunc(filename, mkfuncname(name)))

    def ll_require(L, args):
        from ..values import Call

        name = check_string(args, 1)
        loaded = L.loaded
        v = yield from getfield(loaded, name)
        if v is not None and v is not False:  # is it there?
            if v is sentinel:  # check loops
                raise L.error(b"loop or previous error loading module '%s'" % cstr(name))
            return [v]
        # else must load it; iterate over available loaders
        loaders = yield from getfield(pk, b"loaders")
        if not is_table(loaders):
            raise L.error("'package.loaders' must be a table")
        msg = b""
        i = 1
        while True:
            loader = loaders.geti(i)
            if loader is None:
                raise L.error(b"module '" + cstr(name) + b"' not found:" + cstr(msg))
            res = yield Call(loader, [name])
            r = res[0] if res else None
            if is_function(r):
                break  # module loaded successfully
            s = tostr(r)
            if s is not None:  # loader returned error message?
                msg += s
            i += 1
        yield from L.setindex(loaded, name, sentinel)
        res = yield Call(r, [name])  # run loaded module
        if res and res[0] is not None:
            yield from L.setindex(loaded, name, res[0])
        v = yield from getfield(loaded, name)
        if v is sentinel:  # module did not set a value?
            yield from L.setindex(loaded, name, True)
            return [True]
        return [v]

    def findtable_lua(t, fname: bytes, szhint: int):
        """luaL_findtable as the module function runs it: raw gets, but
        lua_settable (with __newindex) to store a new table."""
        while True:
            dot = fname.find(b".")
            part = fname if dot < 0 else fname[:dot]
            v = t.get(part)
            if v is None:
                v = LuaTable(0, 1 if dot >= 0 else szhint)
                yield from L.setindex(t, part, v)
            elif not is_table(v):
                return None
            t = v
            if dot < 0:
                return t
            fname = fname[dot + 1 :]

    def ll_module(L, args):
        from ..values import Call

        modname = cstr(check_string(args, 1))
        loaded = L.loaded
        mod = yield from getfield(loaded, modname)
        if not is_table(mod):
            mod = yield from findtable_lua(L.globals, modname, 1)
            if mod is None:
                raise L.error(b"name conflict for module '%s'" % modname)
            yield from L.setindex(loaded, modname, mod)
        # check whether table already has a _NAME field
        if (yield from getfield(mod, b"_NAME")) is None:
            yield from L.setindex(mod, b"_M", mod)
            yield from L.setindex(mod, b"_NAME", modname)
            dot = modname.rfind(b".")
            yield from L.setindex(mod, b"_PACKAGE", modname[: dot + 1] if dot >= 0 else b"")
        set_caller_env(L, mod)
        for opt in args[1:]:
            yield Call(opt, [mod])
        return []

    def ll_seeall(L, args):
        t = check_table(args, 1)
        mt = t.meta
        if mt is None:
            mt = LuaTable(0, 1)
            t.meta = mt
            L.table_metas = True  # (collectgarbage: it may get a __mode)
        mt.set(b"__index", L.globals)
        return []

    loadlib_meta = LuaTable(0, 1)
    loadlib_meta.set(b"__gc", Builtin("gctm", gctm))
    registry.set(b"_LOADLIB", loadlib_meta)

    pk = register(L, b"package", [("loadlib", ll_loadlib), ("seeall", ll_seeall)])
    loaders = LuaTable(4, 0)
    for i, (n, f) in enumerate(
        [
            ("loader_preload", loader_preload),
            ("loader_Lua", loader_lua),
            ("loader_C", loader_c),
            ("loader_Croot", loader_croot),
        ]
    ):
        loaders.seti(i + 1, Builtin(n, f))
    pk.set(b"loaders", loaders)
    pk.set(b"path", _getpath(b"LUA_PATH", LUA_PATH_DEFAULT))
    pk.set(b"cpath", _getpath(b"LUA_CPATH", LUA_CPATH_DEFAULT))
    pk.set(b"config", b"/\n;\n?\n!\n-")
    pk.set(b"loaded", L.loaded)
    pk.set(b"preload", LuaTable())
    register(L, None, [("module", ll_module), ("require", ll_require)], L.globals)
    return pk


def _getpath(envname: bytes, default: bytes) -> bytes:
    path = os.environb.get(envname) if hasattr(os, "environb") else None
    if path is None:
        return default
    # replace ";;" by ";AUXMARK;" and then AUXMARK by default path
    return path.replace(b";;", b";\1;").replace(b"\1", default)


def set_caller_env(L, table) -> None:
    """module's setfenv: the env of the Lua function that called ``module``."""
    f = L.caller_function(1) if hasattr(L, "caller_function") else None
    if f is None or getattr(f, "lua_type", None) != "function" or not hasattr(f, "env"):
        raise L.error("'module' not called from a Lua function")
    f.env = table


__all__ = ["open", "register", "loadfile", "findtable", "typename"]
