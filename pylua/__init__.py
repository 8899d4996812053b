"""pylua: a faithful Lua 5.1 in pure Python."""

__version__ = "0.1.0"
