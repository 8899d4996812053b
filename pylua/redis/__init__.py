"""Redis scripting mode: Redis 7.0's Lua scripting on pylua, over a
fakeredis keyspace (docs/redis.md).

    from pylua.redis import Server
    srv = Server()
    srv.command("EVAL", "return redis.call('INCR', KEYS[1])", 1, "k")   # b":1\\r\\n"
"""

from __future__ import annotations

__all__ = ["Server"]


def __getattr__(name):
    if name == "Server":
        from .server import Server

        return Server
    raise AttributeError(name)
