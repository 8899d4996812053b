"""pylua: a faithful Lua 5.1 in pure Python."""

__version__ = "0.1.0"


def __getattr__(name):
    # `from pylua import Lua` without importing the VM for the compiler's users
    if name == "Lua":
        from .runtime import Lua

        return Lua
    raise AttributeError(f"module 'pylua' has no attribute {name!r}")
