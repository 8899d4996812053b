"""FUNCTION and FCALL (functions.c, function_lua.c of Redis 7.0.15)."""

from __future__ import annotations


class FunctionEngine:
    def __init__(self, server):
        self.server = server

    def command(self, client, argv):
        return b"-ERR FUNCTION is not implemented yet\r\n"

    def fcall(self, client, argv, ro: bool):
        return b"-ERR FCALL is not implemented yet\r\n"
