"""python -m pylua.redis serve | eval ... (docs/redis.md, "Command lines")."""

from __future__ import annotations

import sys

USAGE = """\
usage: python -m pylua.redis serve [--host 127.0.0.1] [--port 6379]
       python -m pylua.redis eval SCRIPT.lua [key ...] [, arg ...] [--seed FILE] [--trace]
                                  [--resp 3] [--from redis://HOST:PORT --keys PATTERN]
"""


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        sys.stdout.write(USAGE)
        return 0 if argv else 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "serve":
        import argparse

        from .net import serve

        p = argparse.ArgumentParser(prog="python -m pylua.redis serve")
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=6379)
        a = p.parse_args(rest)
        return serve(a.host, a.port)
    if cmd == "eval":
        from .cli import main_eval

        return main_eval(rest)
    sys.stderr.write("pylua.redis: unknown command %r\n\n%s" % (cmd, USAGE))
    return 2


if __name__ == "__main__":
    sys.exit(main())
