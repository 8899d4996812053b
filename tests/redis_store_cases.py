"""Command sequences for the store's differential test (tests/test_redis_store.py).

Each case is (name, [command, ...]); every case starts from an empty server (FLUSHALL) and is
run twice, in RESP2 and in RESP3. A command whose first word is "~" has its reply compared
order-insensitively (sets whose order the server takes from its hash table, KEYS, SCAN).

    python tests/redis_store_cases.py     # rerun the cases on a private redis-server and rewrite
                                          # tests/fixtures/redis_store_expected.json
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "fixtures" / "redis_store_expected.json"

C = []


def case(name, *cmds):
    C.append((name, [c.split() if isinstance(c, str) else list(c) for c in cmds]))


# ---- strings and SET options
case("set-get", "SET k v", "GET k", "GET nope", "SET k w", "GET k")
case("set-nx-xx", "SET k v NX", "SET k w NX", "GET k", "SET k w XX", "SET n w XX", "GET n", "GET k")
case("set-get-opt", "SET k v GET", "SET k w GET", "GET k", "RPUSH l a", "SET l x GET")
case("set-ex-ttl", "SET k v EX 100", "TTL k", "SET k v PX 100000", "TTL k", "SET k v", "TTL k", "PTTL k")
case("set-keepttl", "SET k v EX 100", "SET k w KEEPTTL", "TTL k", "GET k", "SET k x", "TTL k")
case("set-exat-pxat", "SET k v EXAT 4102444800", "EXPIRETIME k", "SET k v PXAT 4102444800123",
     "PEXPIRETIME k", "EXPIRETIME k", "SET p v EXAT 1000", "EXISTS p")
case("set-errors", "SET k v EX 0", "SET k v EX -1", "SET k v EX abc", "SET k v NX XX", "SET k v EX 10 PX 10",
     "SET k v KEEPTTL EX 1", "SET k v FOO", "SET k", "EXISTS k")
case("set-nx-get", "SET k v NX GET", "SET k w NX GET", "GET k")
case("setnx-setex", "SETNX k v", "SETNX k w", "GET k", "SETEX s 100 v", "TTL s", "PSETEX p 100000 v",
     "TTL p", "SETEX s 0 v", "SETEX s abc v")
case("getex", "SET k v", "GETEX k EX 100", "TTL k", "GETEX k PERSIST", "TTL k", "GETEX nope",
     "GETEX k PX 50000", "TTL k", "GETEX k EX 0", "GETEX k FOO")
case("getdel", "SET k v", "GETDEL k", "GETDEL k", "EXISTS k", "RPUSH l a", "GETDEL l")
case("append-strlen", "APPEND k ab", "APPEND k cd", "GET k", "STRLEN k", "STRLEN nope", "RPUSH l a",
     "APPEND l x", "STRLEN l")
case("setrange-getrange", "SET k Hello", "SETRANGE k 6 World", "GET k", "GETRANGE k 0 4", "GETRANGE k -5 -1",
     "GETRANGE k 3 1", "GETRANGE k 0 100", "SETRANGE n 3 x", "GET n", "SETRANGE k -1 x", "GETRANGE nope 0 -1",
     "SETRANGE e 0 ''", "EXISTS e")
case("incr-decr", "INCR k", "INCR k", "INCRBY k 10", "DECR k", "DECRBY k 5", "GET k", "INCRBY k -3", "GET k")
case("incr-errors", "SET k abc", "INCR k", "INCRBY k 1", "SET n 1.5", "INCR n", "INCRBY n x",
     "SET big 9223372036854775807", "INCR big", "SET small -9223372036854775808", "DECR small",
     "RPUSH l a", "INCR l", "INCRBY k 99999999999999999999")
case("incr-spaces", ["SET", "k", " 1"], "INCR k", ["SET", "k", "1 "], "INCR k", "SET k 01", "INCR k", "GET k",
     "SET k +1", "INCR k")
case("incrbyfloat", "INCRBYFLOAT k 0.1", "INCRBYFLOAT k 0.2", "GET k", "INCRBYFLOAT k 10", "INCRBYFLOAT k -10.3",
     "INCRBYFLOAT k 1e3", "INCRBYFLOAT k 5.0e-1", "GET k")
case("incrbyfloat-2", "SET k 1", "INCRBYFLOAT k 1.5", "INCRBYFLOAT k 3.0e3", "INCRBYFLOAT k -5000",
     "SET j 10.50", "INCRBYFLOAT j 0.1", "SET h 1.23456789012345678", "INCRBYFLOAT h 0", "INCRBYFLOAT z 1e-5",
     "INCRBYFLOAT y 12345678901234567", "INCRBYFLOAT x 0.3333333333333333333333")
case("incrbyfloat-errors", "SET k abc", "INCRBYFLOAT k 1", "INCRBYFLOAT n abc", "INCRBYFLOAT n inf",
     "INCRBYFLOAT n nan", "SET m 1e308", "INCRBYFLOAT m 1e308", "RPUSH l a", "INCRBYFLOAT l 1",
     ["INCRBYFLOAT", "n", " 1"])
case("mget-mset", "MSET a 1 b 2 c 3", "MGET a b c d", "RPUSH l x", "MGET a l", "MSET a", "MSETNX a 9 z 9",
     "MSETNX y 1 z 2", "MGET y z a")
case("msetnx-dup", "MSETNX k 1 k 2", "GET k")
case("getset", "GETSET k v", "GETSET k w", "GET k")
case("get-wrongtype", "HSET h f v", "GET h", "STRLEN h", "GETRANGE h 0 1", "SETRANGE h 0 x")

# ---- hashes
case("hash-basic", "HSET h f v g w", "HGET h f", "HGET h x", "HGET nope f", "HSET h f v2 n 3", "HGETALL h",
     "HLEN h", "HEXISTS h f", "HEXISTS h x", "HKEYS h", "HVALS h")
case("hash-hmget-hdel", "HSET h a 1 b 2 c 3", "HMGET h a x c", "HMGET nope a", "HDEL h a x", "HDEL h b c",
     "EXISTS h", "HDEL h a")
case("hash-hmset-hsetnx", "HMSET h a 1 b 2", "HSETNX h a 9", "HSETNX h c 3", "HGETALL h", "HSET h a",
     "HMSET h a")
case("hash-hincrby", "HINCRBY h n 5", "HINCRBY h n -7", "HSET h s abc", "HINCRBY h s 1", "HINCRBY h n x",
     "HSET h big 9223372036854775807", "HINCRBY h big 1", "HGET h n")
case("hash-hincrbyfloat", "HINCRBYFLOAT h f 0.1", "HINCRBYFLOAT h f 0.2", "HINCRBYFLOAT h f 1e2",
     "HSET h s abc", "HINCRBYFLOAT h s 1", "HINCRBYFLOAT h f abc", "HGETALL h", "HINCRBYFLOAT h g 3.0")
case("hash-strlen-empty", "HSET h a hello", "HSTRLEN h a", "HSTRLEN h x", "HGETALL nope", "HKEYS nope",
     "HLEN nope")
case("hash-wrongtype", "SET s v", "HSET s a 1", "HGET s a", "HGETALL s", "HDEL s a", "HLEN s")
case("hash-hrandfield", "HSET h a 1", "HRANDFIELD h", "HRANDFIELD h 1", "HRANDFIELD h 1 WITHVALUES",
     "HRANDFIELD h -2", "HRANDFIELD h -2 WITHVALUES", "HRANDFIELD nope", "HRANDFIELD nope 2",
     "HRANDFIELD h 0")
case("hash-order", "HSET h z 1 a 2 m 3", "HSET h b 4", "HDEL h a", "HSET h a 5", "HGETALL h", "HKEYS h")
case("hash-hscan", "HSET h a 1 b 2", "HSCAN h 0", "HSCAN h 0 MATCH a*", "HSCAN nope 0")

# ---- lists
case("list-push-pop", "LPUSH l a b c", "RPUSH l x y", "LRANGE l 0 -1", "LPOP l", "RPOP l", "LLEN l",
     "LPOP nope", "RPOP nope")
case("list-pop-count", "RPUSH l a b c d", "LPOP l 2", "RPOP l 1", "LPOP l 0", "LPOP l 10", "EXISTS l",
     "LPOP nope 2", "RPOP nope 0", "RPUSH l a", "LPOP l -1")
case("list-lrange", "RPUSH l a b c d e", "LRANGE l 1 3", "LRANGE l -2 -1", "LRANGE l 5 10", "LRANGE l -100 100",
     "LRANGE l 3 1", "LRANGE nope 0 -1", "LRANGE l a b")
case("list-lindex-lset", "RPUSH l a b c", "LINDEX l 0", "LINDEX l -1", "LINDEX l 5", "LSET l 1 B", "LSET l 5 x",
     "LSET nope 0 x", "LRANGE l 0 -1", "LINDEX l x")
case("list-lrem", "RPUSH l a b a c a", "LREM l 2 a", "LRANGE l 0 -1", "LREM l -1 a", "LRANGE l 0 -1",
     "LREM l 0 x", "LREM l 0 b", "LREM nope 0 a")
case("list-ltrim", "RPUSH l a b c d e", "LTRIM l 1 -2", "LRANGE l 0 -1", "LTRIM l 5 10", "EXISTS l",
     "LTRIM nope 0 1")
case("list-linsert", "RPUSH l a c", "LINSERT l BEFORE c b", "LINSERT l AFTER c d", "LINSERT l AFTER x y",
     "LINSERT nope BEFORE a b", "LINSERT l MIDDLE a b", "LRANGE l 0 -1")
case("list-lpos", "RPUSH l a b c a b c", "LPOS l b", "LPOS l b RANK 2", "LPOS l b RANK -1", "LPOS l b COUNT 0",
     "LPOS l b COUNT 1", "LPOS l x", "LPOS l x COUNT 2", "LPOS l c MAXLEN 3", "LPOS l a RANK 0",
     "LPOS nope a", "LPOS l a COUNT -1")
case("list-lmove", "RPUSH a 1 2 3", "LMOVE a b LEFT RIGHT", "LMOVE a b RIGHT LEFT", "LRANGE a 0 -1",
     "LRANGE b 0 -1", "LMOVE nope b LEFT LEFT", "LMOVE a a LEFT RIGHT", "LRANGE a 0 -1",
     "LMOVE a b UP DOWN")
case("list-rpoplpush", "RPUSH q j1 j2 j3", "RPOPLPUSH q p", "RPOPLPUSH q p", "LRANGE p 0 -1", "RPOPLPUSH nope p",
     "SET s v", "RPOPLPUSH q s", "LRANGE q 0 -1")
case("list-pushx", "LPUSHX l a", "RPUSHX l a", "EXISTS l", "RPUSH l a", "LPUSHX l b", "RPUSHX l c",
     "LRANGE l 0 -1")
case("list-wrongtype", "SET s v", "LPUSH s a", "LRANGE s 0 -1", "LLEN s", "LPOP s", "LLEN nope")
case("list-empty-deletes", "RPUSH l a", "RPOP l", "EXISTS l", "TYPE l")
case("list-blocking-nowait", "RPUSH l a", "BLPOP l 0.01", "BLPOP l 0.01", "BRPOP nope 0.01",
     "BLMOVE l x LEFT LEFT 0.01")

# ---- sets (replies of non-integer sets come from the server's hash table: compared unordered)
case("set-basic", "SADD s a b c", "SADD s a d", "SCARD s", "SISMEMBER s a", "SISMEMBER s x", "~SMEMBERS s",
     "SREM s a x", "~SMEMBERS s", "SCARD nope", "SMEMBERS nope")
case("set-ints", "SADD s 3 1 2 10 -5", "SMEMBERS s", "SADD s 7", "SMEMBERS s", "SREM s 1", "SMEMBERS s")
case("set-smismember", "SADD s a b", "SMISMEMBER s a x b", "SMISMEMBER nope a", "SMISMEMBER s")
case("set-algebra", "SADD a 1 2 3", "SADD b 2 3 4", "SINTER a b", "SUNION a b", "SDIFF a b", "SINTER a nope",
     "SUNION a nope", "SDIFF nope a", "SINTERCARD 2 a b", "SINTERCARD 2 a b LIMIT 1")
case("set-algebra-words", "SADD a x y z", "SADD b y z w", "~SINTER a b", "~SUNION a b", "~SDIFF a b")
case("set-store", "SADD a 1 2 3", "SADD b 2 3 4", "SINTERSTORE c a b", "SMEMBERS c", "SUNIONSTORE d a b",
     "SMEMBERS d", "SDIFFSTORE e a b", "SMEMBERS e", "SDIFFSTORE e a a", "EXISTS e", "SET s v",
     "SINTERSTORE s a b", "TYPE s")
case("set-smove", "SADD a 1 2", "SMOVE a b 1", "SMOVE a b 9", "SMEMBERS a", "SMEMBERS b", "SET s v",
     "SMOVE a s 2")
case("set-spop-deterministic", "SADD s only", "SPOP s", "EXISTS s", "SPOP nope", "SPOP nope 2", "SADD s x",
     "SPOP s 5", "SADD s y", "SPOP s 0", "SPOP s -1", "SRANDMEMBER s", "SRANDMEMBER s 1", "SRANDMEMBER s -2",
     "SRANDMEMBER nope", "SRANDMEMBER nope 3")
case("set-wrongtype", "SET k v", "SADD k a", "SMEMBERS k", "SISMEMBER k a", "SINTER k")
case("set-sscan", "SADD s 1 2 3", "SSCAN s 0", "SSCAN s 0 MATCH 1", "SSCAN nope 0")

# ---- sorted sets
case("zadd-basic", "ZADD z 1 a 2 b 3 c", "ZRANGE z 0 -1", "ZRANGE z 0 -1 WITHSCORES", "ZCARD z", "ZSCORE z b",
     "ZSCORE z x", "ZADD z 1.5 a", "ZRANGE z 0 -1 WITHSCORES")
case("zadd-flags", "ZADD z 1 a", "ZADD z NX 5 a 2 b", "ZADD z XX 7 a 3 c", "ZRANGE z 0 -1 WITHSCORES",
     "ZADD z GT 5 a", "ZADD z GT CH 8 a", "ZADD z LT 9 a", "ZADD z LT CH 1 a 1 b", "ZRANGE z 0 -1 WITHSCORES")
case("zadd-incr", "ZADD z INCR 2 a", "ZADD z INCR 2.5 a", "ZADD z NX INCR 1 a", "ZADD z XX INCR 1 b",
     "ZADD z INCR 1 a 1 b", "ZADD z GT INCR -1 a", "ZSCORE z a")
case("zadd-errors", "ZADD z NX XX 1 a", "ZADD z GT LT 1 a", "ZADD z NX GT 1 a", "ZADD z x a", "ZADD z 1",
     "ZADD z nan a", "ZADD z 1 a 2", "SET s v", "ZADD s 1 a")
case("zadd-scores", "ZADD z 0.1 a 1e3 b -0 c inf d -inf e 3.0 f 1.7976931348623157e308 g 0.30000000000000004 h",
     "ZRANGE z 0 -1 WITHSCORES", "ZSCORE z a", "ZSCORE z d", "ZSCORE z e", "ZSCORE z c", "ZMSCORE z a d x")
case("zincrby", "ZINCRBY z 1 a", "ZINCRBY z 2.5 a", "ZINCRBY z -0.5 a", "ZINCRBY z x a", "ZSCORE z a",
     "ZADD z inf b", "ZINCRBY z -inf b", "ZINCRBY z 0.1 c", "ZINCRBY z 0.2 c")
case("zrank", "ZADD z 1 a 2 b 3 c", "ZRANK z a", "ZRANK z c", "ZRANK z x", "ZREVRANK z a", "ZREVRANK z x",
     "ZRANK nope a")
case("zrange-byscore", "ZADD z 1 a 2 b 3 c 4 d", "ZRANGE z 2 3 BYSCORE", "ZRANGE z (1 +inf BYSCORE WITHSCORES",
     "ZRANGE z -inf (3 BYSCORE", "ZRANGE z +inf -inf BYSCORE REV", "ZRANGE z 4 2 BYSCORE REV WITHSCORES",
     "ZRANGE z -inf +inf BYSCORE LIMIT 1 2", "ZRANGE z -inf +inf BYSCORE LIMIT 1 -1", "ZRANGE z x 3 BYSCORE",
     "ZRANGE z 0 -1 LIMIT 0 1")
case("zrange-bylex", "ZADD z 0 a 0 b 0 c 0 d", "ZRANGE z [b [c BYLEX", "ZRANGE z - + BYLEX",
     "ZRANGE z (a [c BYLEX LIMIT 1 1", "ZRANGE z + - BYLEX REV", "ZRANGE z a c BYLEX",
     "ZRANGEBYLEX z - (c", "ZREVRANGEBYLEX z + [b", "ZLEXCOUNT z [b +")
case("zrange-rev", "ZADD z 1 a 2 b 3 c", "ZRANGE z 0 1 REV", "ZRANGE z 0 -1 REV WITHSCORES", "ZREVRANGE z 0 -1",
     "ZREVRANGE z 0 0 WITHSCORES", "ZRANGE z 5 10", "ZRANGE nope 0 -1", "ZRANGE z 0 -1 WITHSCORES BYLEX")
case("zrangebyscore", "ZADD z 1 a 2 b 3 c", "ZRANGEBYSCORE z 1 2", "ZRANGEBYSCORE z -inf +inf WITHSCORES",
     "ZRANGEBYSCORE z (1 3 LIMIT 0 1", "ZREVRANGEBYSCORE z +inf -inf", "ZREVRANGEBYSCORE z 3 (1 WITHSCORES",
     "ZRANGEBYSCORE z a b", "ZCOUNT z 1 2", "ZCOUNT z (1 +inf", "ZCOUNT nope 0 1")
case("zrem", "ZADD z 1 a 2 b 3 c", "ZREM z a x", "ZREM z b c", "EXISTS z", "ZREM nope a")
case("zremrange", "ZADD z 1 a 2 b 3 c 4 d 5 e", "ZREMRANGEBYSCORE z 2 3", "ZRANGE z 0 -1",
     "ZREMRANGEBYRANK z 0 0", "ZRANGE z 0 -1", "ZREMRANGEBYRANK z -1 -1", "ZRANGE z 0 -1 WITHSCORES",
     "ZADD y 0 a 0 b 0 c", "ZREMRANGEBYLEX y [a (c", "ZRANGE y 0 -1")
case("zpop", "ZADD z 1 a 2 b 3 c", "ZPOPMIN z", "ZPOPMAX z", "ZPOPMIN z 5", "EXISTS z", "ZPOPMIN nope",
     "ZPOPMAX nope 2", "ZADD z 1 a 2 b", "ZPOPMAX z 0", "ZPOPMIN z -1")
case("zpop-count", "ZADD z 1 a 2 b 3 c 4 d", "ZPOPMIN z 2", "ZPOPMAX z 1")
case("zmscore", "ZADD z 1 a 2.5 b", "ZMSCORE z a b x", "ZMSCORE nope a", "ZMSCORE z")
case("zset-store", "ZADD a 1 x 2 y", "ZADD b 3 y 4 z", "ZUNIONSTORE c 2 a b", "ZRANGE c 0 -1 WITHSCORES",
     "ZINTERSTORE d 2 a b WEIGHTS 2 1", "ZRANGE d 0 -1 WITHSCORES", "ZUNIONSTORE e 2 a b AGGREGATE MAX",
     "ZRANGE e 0 -1 WITHSCORES", "ZRANGESTORE f a 0 0", "ZRANGE f 0 -1", "ZDIFFSTORE g 2 a b",
     "ZRANGE g 0 -1 WITHSCORES")
case("zset-union-inter", "ZADD a 1 x 2 y", "ZADD b 3 y 4 z", "ZUNION 2 a b WITHSCORES", "ZINTER 2 a b",
     "ZINTER 2 a b WITHSCORES", "ZDIFF 2 a b WITHSCORES", "ZINTERCARD 2 a b")
case("zset-wrongtype", "SET s v", "ZADD s 1 a", "ZRANGE s 0 -1", "ZSCORE s a", "ZCARD s", "ZINCRBY s 1 a")
case("zset-zscan", "ZADD z 1 a 2 b", "ZSCAN z 0", "ZSCAN nope 0")
case("zrandmember", "ZADD z 5 a", "ZRANDMEMBER z", "ZRANDMEMBER z 1 WITHSCORES", "ZRANDMEMBER z -2",
     "ZRANDMEMBER nope", "ZRANDMEMBER nope 2")
case("leaderboard", "ZADD lb 100 alice 250 bob 175 carol", "ZINCRBY lb 100 alice", "ZREVRANGE lb 0 2 WITHSCORES",
     "ZREVRANK lb alice", "ZSCORE lb alice", "ZRANGE lb 0 -1 REV WITHSCORES LIMIT 0 2")

# ---- expiry
case("expire-basic", "SET k v", "EXPIRE k 100", "TTL k", "PERSIST k", "TTL k", "PERSIST k", "EXPIRE nope 10",
     "TTL nope", "PTTL nope", "PTTL k")
case("expire-flags", "SET k v", "EXPIRE k 100 XX", "EXPIRE k 100 NX", "EXPIRE k 200 NX", "EXPIRE k 50 GT",
     "EXPIRE k 200 GT", "EXPIRE k 300 LT", "EXPIRE k 10 LT", "TTL k", "EXPIRE k 10 NX XX", "EXPIRE k 10 GT LT",
     "EXPIRE k 10 FOO")
case("expire-gt-nottl", "SET k v", "EXPIRE k 100 GT", "EXPIRE k 100 LT", "TTL k")
case("expire-zero-negative", "SET k v", "EXPIRE k 0", "EXISTS k", "SET k v", "EXPIRE k -5", "EXISTS k",
     "SET k v", "PEXPIRE k -1", "EXISTS k", "EXPIRE k abc")
case("pexpire", "SET k v", "PEXPIRE k 100000", "TTL k", "PEXPIRE k 200000 GT", "TTL k")
case("expireat", "SET k v", "EXPIREAT k 4102444800", "EXPIRETIME k", "PEXPIRETIME k", "PEXPIREAT k 4102444800500",
     "PEXPIRETIME k", "EXPIRETIME nope", "SET p v", "EXPIRETIME p", "EXPIREAT p 100", "EXISTS p")
case("expire-overflow", "SET k v", "EXPIRE k 9223372036854775807", "PEXPIRE k 9223372036854775807",
     "EXPIREAT k 9223372036854775807", "TTL k")
case("expire-types", "RPUSH l a", "EXPIRE l 100", "TTL l", "RPUSH l b", "TTL l", "LPOP l 2", "TTL l")
case("set-clears-ttl", "SET k v EX 100", "APPEND k x", "TTL k", "INCR n", "EXPIRE n 100", "INCR n", "TTL n",
     "SET k v", "TTL k")
case("rename-keeps-ttl", "SET k v EX 100", "RENAME k j", "TTL j", "EXISTS k")

# ---- generic keyspace
case("type-exists-del", "SET s v", "RPUSH l a", "HSET h f v", "SADD t a", "ZADD z 1 a", "XADD x 1-1 f v",
     "TYPE s", "TYPE l", "TYPE h", "TYPE t", "TYPE z", "TYPE x", "TYPE nope", "EXISTS s l nope s", "DEL s l nope",
     "UNLINK h t", "DBSIZE")
case("keys", "MSET a 1 ab 2 b 3", "~KEYS *", "~KEYS a*", "KEYS nope*", "~KEYS ?", "KEYS [a]b", "~KEYS *b*")
case("scan", "MSET a 1 b 2 c 3", "RPUSH l x", "~SCAN 0", "~SCAN 0 MATCH a*", "~SCAN 0 TYPE list",
     "~SCAN 0 COUNT 100", "SCAN abc")
case("rename", "SET a 1", "RENAME a b", "GET b", "RENAME nope c", "RENAMENX b c", "SET d 4", "RENAMENX c d",
     "RENAME c c", "GET c", "RENAME nope nope")
case("copy", "SET a 1", "COPY a b", "GET b", "COPY a b", "COPY a b REPLACE", "COPY nope c", "RPUSH l x y",
     "COPY l m", "LRANGE m 0 -1", "COPY a x DB 1", "COPY a a")
case("dbsize-flush", "MSET a 1 b 2", "DBSIZE", "FLUSHDB", "DBSIZE", "SET c 3", "FLUSHALL", "DBSIZE",
     "FLUSHDB ASYNC", "FLUSHDB FOO")
case("select", "SELECT 1", "SELECT 16", "SELECT -1", "SELECT x")
case("randomkey-empty", "RANDOMKEY", "SET only 1", "RANDOMKEY")
case("touch", "MSET a 1 b 2", "TOUCH a b c")
case("ping-echo", "PING", "PING hi", "ECHO hello")
case("unknown-arity", "FOO", "FOO bar baz", "GET", "GET a b", "SET a", "HSET h a", "ZADD z", "LPUSH l",
     "EXPIRE k", "MGET", "DEL", "XADD x")
case("object-style", "SET n 123", "STRLEN n", "APPEND n 4", "GET n", "INCR n")
case("strings-binary", ["SET", "k", "a\x00b"], "GET k", "STRLEN k", ["APPEND", "k", "\xff"], "GET k")
case("empty-string", ["SET", "k", ""], "GET k", "STRLEN k", "EXISTS k", ["APPEND", "e", ""], "EXISTS e",
     "TYPE e")
case("sort", "RPUSH l 3 1 2", "SORT l", "SORT l DESC", "SORT l LIMIT 0 2", "RPUSH w b a", "SORT w ALPHA",
     "SORT w")
case("bitops", "SETBIT b 7 1", "GETBIT b 7", "GETBIT b 100", "BITCOUNT b", "GET b", "SET s foobar",
     "BITCOUNT s 1 1", "BITPOS s 1")

# ---- streams (explicit ids: XADD * takes the clock; tests with a frozen clock cover it)
case("xadd-xrange", "XADD s 1-1 a 1", "XADD s 1-2 b 2", "XADD s 2-0 c 3", "XLEN s", "XRANGE s - +",
     "XRANGE s 1-2 +", "XRANGE s - + COUNT 1", "XREVRANGE s + -", "XRANGE s (1-1 +", "XRANGE nope - +")
case("xadd-errors", "XADD s 1-1 a 1", "XADD s 1-1 a 1", "XADD s 0-0 a 1", "XADD s 1-1 a", "XADD s x a 1",
     "SET k v", "XADD k 1-1 a 1", "XLEN nope")
case("xadd-seq-star", "XADD s 5-* a 1", "XADD s 5-* a 2", "XADD s 6-* a 3", "XRANGE s - +")
case("xtrim", "XADD s 1-1 a 1", "XADD s 2-1 a 2", "XADD s 3-1 a 3", "XTRIM s MAXLEN 2", "XRANGE s - +",
     "XTRIM s MINID 3-0", "XLEN s", "XTRIM s MAXLEN 0", "XLEN s", "EXISTS s", "XTRIM nope MAXLEN 1")
case("xadd-maxlen", "XADD s MAXLEN 2 1-1 a 1", "XADD s MAXLEN 2 2-1 a 2", "XADD s MAXLEN 2 3-1 a 3",
     "XRANGE s - +", "XADD s NOMKSTREAM 4-1 a 4", "XADD n NOMKSTREAM 1-1 a 1", "EXISTS n")
case("xdel", "XADD s 1-1 a 1", "XADD s 2-1 a 2", "XDEL s 1-1 9-9", "XRANGE s - +", "XLEN s", "XDEL nope 1-1")
case("xread", "XADD s 1-1 a 1", "XADD s 2-1 b 2", "XREAD COUNT 1 STREAMS s 0", "XREAD STREAMS s 1-1",
     "XREAD STREAMS s 2-1")

# ---- scripts' favourite patterns
case("rate-limiter", "INCR rl", "EXPIRE rl 60", "INCR rl", "TTL rl", "GET rl")
case("lock", "SET lock tok NX PX 30000", "SET lock other NX PX 30000", "GET lock", "DEL lock",
     "SET lock other NX PX 30000", "PTTL nope")
case("token-bucket", "HSET tb tokens 10 ts 1000", "HMGET tb tokens ts", "HINCRBY tb tokens -1",
     "HINCRBYFLOAT tb tokens 0.5", "HGET tb tokens")
case("queue-move", "LPUSH jobs j1 j2 j3", "LMOVE jobs processing RIGHT LEFT", "LRANGE processing 0 -1",
     "LREM processing 1 j1", "LLEN jobs")
case("sliding-window", "ZADD w 1000 r1 1500 r2 2500 r3", "ZREMRANGEBYSCORE w -inf 1200", "ZCARD w",
     "ZADD w 3000 r4", "ZRANGE w 0 -1 WITHSCORES")

# ---- more edges
case("set-get-wrongtype-nx", "HSET h f v", "SET h x GET", "SET h x NX GET", "SET h x XX", "TYPE h")
case("setrange-limits", "SETRANGE k 536870912 x", "SETRANGE k 0 abc", "SETRANGE k 1 ''", "GET k",
     "GETRANGE k 1 0", "GETRANGE k -100 -50", "GETRANGE k 2 2")
case("incrby-limits", "INCRBY k 9223372036854775807", "INCRBY k 1", "SET k -1", "DECRBY k 9223372036854775807",
     "DECRBY k 1", "DECRBY k -9223372036854775808", "GET k")
case("mset-odd", "MSET a 1 b", "MSETNX a", "MSETNX a 1 b", "MGET a b", "HSET h a 1 b", "HMSET h a 1 b",
     "ZADD z 1 a 2", "XADD x 1-1 a")
case("hset-many", "HSET h a 1 b 2 c 3 d 4 e 5 f 6", "HLEN h", "HSET h a 1 b 2", "HSET h z 0", "HKEYS h",
     "HVALS h", "HMGET h f z y")
case("hincrby-overflow", "HSET h n -9223372036854775808", "HINCRBY h n -1", "HINCRBY h n 0", "HGET h n")
case("hdel-last-field", "HSET h a 1", "HDEL h a", "EXISTS h", "TYPE h", "HGET h a")
case("hsetnx-newkey", "HSETNX h a 1", "HSETNX h a 2", "HGET h a", "SET s v", "HSETNX s a 1")
case("lpush-many-order", "LPUSH l 1 2 3 4", "RPUSH l 5 6", "LRANGE l 0 -1", "LRANGE l 1 -2", "LINDEX l -10")
case("lrem-count-neg", "RPUSH l x y x y x", "LREM l -2 x", "LRANGE l 0 -1", "LREM l 5 y", "LRANGE l 0 -1",
     "LREM l 0 x", "EXISTS l")
case("lset-neg", "RPUSH l a b c", "LSET l -1 C", "LSET l -3 A", "LSET l -4 z", "LRANGE l 0 -1")
case("linsert-wrongtype", "SET s v", "LINSERT s BEFORE a b", "LPOS s a", "LREM s 0 a", "LTRIM s 0 1")
case("lpos-maxlen-count", "RPUSH l a b a b a", "LPOS l a COUNT 0 MAXLEN 3", "LPOS l a RANK -2 COUNT 2",
     "LPOS l a MAXLEN -1", "LPOS l a COUNT 2 RANK 2", "LPOS l a FOO 1")
case("lmove-wrongtype", "RPUSH l a", "SET s v", "LMOVE l s LEFT LEFT", "LMOVE s l LEFT LEFT", "LRANGE l 0 -1")
case("rpoplpush-same", "RPUSH l a b c", "RPOPLPUSH l l", "LRANGE l 0 -1", "LMOVE l l RIGHT LEFT",
     "LRANGE l 0 -1")
case("ltrim-neg", "RPUSH l a b c d e", "LTRIM l -3 -1", "LRANGE l 0 -1", "LTRIM l 0 0", "LRANGE l 0 -1",
     "LTRIM l 1 0", "EXISTS l")
case("sadd-dups", "SADD s a a b b", "SCARD s", "SREM s a a", "SCARD s", "SADD s 1 1 2", "SCARD s")
case("sismember-wrong", "SADD s a", "SISMEMBER nope a", "SMISMEMBER nope a b", "SREM nope a")
case("sunionstore-overwrite", "SET d v", "SADD a 5 1", "SUNIONSTORE d a", "TYPE d", "SMEMBERS d",
     "SINTERSTORE d a nope", "EXISTS d")
case("sinter-ints-mixed", "SADD a 1 2 3 x", "SADD b 3 2 1", "SINTER b a", "SUNION b", "SDIFF b a")
case("zadd-ch-incr-order", "ZADD z CH 1 a 2 b", "ZADD z CH 1 a 3 b", "ZADD z INCR 1", "ZADD z INCR 1 a 2 b",
     "ZADD z XX NX 1 a")
case("zadd-same-score-lex", "ZADD z 1 b 1 a 1 c 0 d", "ZRANGE z 0 -1", "ZREVRANGE z 0 -1", "ZRANK z c",
     "ZREVRANGEBYSCORE z 1 1")
case("zincrby-nan", "ZADD z inf a", "ZINCRBY z -inf a", "ZSCORE z a", "ZINCRBY z 1 b", "ZINCRBY z 1e308 b",
     "ZINCRBY z 1e308 b")
case("zscores-formatting", "ZADD z 1e-7 a 123456789012345678 b 0.5 c 100 d 1.1 e -2.25 f",
     "ZRANGE z 0 -1 WITHSCORES", "ZSCORE z b", "ZSCORE z a", "ZMSCORE z e f")
case("zrangebyscore-exclusive", "ZADD z 1 a 2 b 3 c", "ZRANGEBYSCORE z (1 (3", "ZRANGEBYSCORE z (-inf (+inf",
     "ZRANGEBYSCORE z 3 1", "ZRANGEBYSCORE z -inf +inf LIMIT 1 1 WITHSCORES", "ZRANGEBYSCORE z 1 3 LIMIT 0 -1",
     "ZRANGEBYSCORE z ((1 3", "ZREVRANGEBYSCORE z (3 -inf LIMIT 0 1")
case("zremrangebyrank-neg", "ZADD z 1 a 2 b 3 c 4 d", "ZREMRANGEBYRANK z -2 -1", "ZRANGE z 0 -1",
     "ZREMRANGEBYRANK z 5 10", "ZREMRANGEBYRANK z 0 -1", "EXISTS z", "ZREMRANGEBYSCORE nope 0 1")
case("zcount-lex", "ZADD z 0 a 0 b 0 c", "ZLEXCOUNT z - +", "ZLEXCOUNT z (a [c", "ZLEXCOUNT z a c",
     "ZCOUNT z -inf +inf", "ZCOUNT z x y")
case("zrange-store-rev", "ZADD z 1 a 2 b 3 c", "ZRANGESTORE d z 0 -1 REV", "ZRANGE d 0 -1 WITHSCORES",
     "ZRANGESTORE e z 2 3 BYSCORE", "ZRANGE e 0 -1", "ZRANGESTORE f z 9 10", "EXISTS f")
case("zpopmax-ties", "ZADD z 1 a 1 b 1 c", "ZPOPMAX z", "ZPOPMIN z", "ZPOPMIN z 2")
case("expire-missing-flags", "EXPIRE nope 10 NX", "EXPIRE nope 10 GT", "PERSIST nope", "TTL nope")
case("expire-lt-no-ttl", "SET k v", "EXPIRE k 100 LT", "TTL k", "PEXPIRE k 50000 LT", "TTL k",
     "PEXPIRE k 60000 GT", "TTL k")
case("persist-after-set", "SET k v EX 100", "GETEX k PERSIST", "TTL k", "SET k v PX 100000", "PERSIST k",
     "TTL k")
case("expireat-past-delete", "RPUSH l a", "EXPIREAT l 1", "EXISTS l", "TYPE l", "SET k v",
     "PEXPIREAT k 1 NX", "EXISTS k")
case("del-many", "MSET a 1 b 2 c 3", "DEL a a b", "DEL c nope", "EXISTS a b c", "DEL nope")
case("copy-types", "HSET h f v", "ZADD z 1 a", "SADD s 1", "COPY h h2", "COPY z z2", "COPY s s2",
     "HGETALL h2", "ZRANGE z2 0 -1 WITHSCORES", "SMEMBERS s2", "COPY h z", "COPY h z REPLACE", "TYPE z",
     "COPY h q DB 16", "COPY h q FOO")
case("rename-types", "RPUSH l a", "HSET h f v", "RENAME l h", "TYPE h", "LRANGE h 0 -1", "EXISTS l",
     "RENAMENX h l", "EXISTS h")
case("keys-empty-pattern", "MSET a 1 b 2", "KEYS ''", "KEYS a", "~KEYS [ab]", "KEYS *\\*")
case("type-after-expire", "SET k v PX 1", "SET j v", "TYPE j")
case("xrange-exclusive", "XADD s 1-0 a 1", "XADD s 1-5 a 2", "XADD s 3-0 a 3", "XRANGE s (1-0 (3-0",
     "XREVRANGE s (3-0 -", "XRANGE s 1 1", "XRANGE s - + COUNT 0", "XRANGE s x +", "XREVRANGE s + - COUNT 2")
case("xtrim-approx-limit", "XADD s 1-1 a 1", "XADD s 2-1 a 2", "XTRIM s MAXLEN ~ 1", "XTRIM s MAXLEN = 1",
     "XLEN s", "XTRIM s FOO 1", "XTRIM s MAXLEN -1")
case("xadd-id-forms", "XADD s 5 a 1", "XADD s 5-1 a 2", "XADD s 4-1 a 3", "XADD s 18446744073709551615-0 a 4",
     "XADD s * a 5", "XRANGE s - +")
case("xdel-then-xadd", "XADD s 1-1 a 1", "XDEL s 1-1", "XLEN s", "EXISTS s", "XADD s 1-1 a 1", "XADD s 2-1 a 1",
     "XLEN s")


CASES = C


# ---------------------------------------------------------------- running them on a real server

def _b(s) -> bytes:
    return s.encode("latin-1") if isinstance(s, str) else s


def expand(cmd):
    """(args as bytes, unordered flag): strips the "~" marker, maps '' to the empty string."""
    unordered = cmd[0].startswith("~")
    args = [cmd[0][1:] if unordered else cmd[0], *cmd[1:]]
    return [b"" if a == "''" else _b(a) for a in args], unordered


class RawClient:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.buf = b""

    def command(self, args) -> bytes:
        from pylua.redis import resp

        self.sock.sendall(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args))
        while True:
            try:
                _, end = resp.parse(self.buf)
            except resp.Incomplete:
                chunk = self.sock.recv(1 << 16)
                if not chunk:
                    raise RuntimeError("connection closed") from None
                self.buf += chunk
                continue
            out, self.buf = self.buf[:end], self.buf[end:]
            return out

    def close(self):
        self.sock.close()


def run_on_server(host, port) -> dict:
    out = {}
    for proto in (2, 3):
        c = RawClient(host, port)
        if proto == 3:
            c.command([b"HELLO", b"3"])
        for name, cmds in CASES:
            c.command([b"FLUSHALL"])
            c.command([b"SELECT", b"0"])
            out[f"{name}/resp{proto}"] = [
                c.command(expand(cmd)[0]).decode("latin-1") for cmd in cmds
            ]
        c.close()
    return out


def start_server(binary="redis-server"):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tmp = tempfile.mkdtemp()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", tmp],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("redis-server did not start") from None
            time.sleep(0.05)


def regenerate() -> dict:
    proc, port = start_server()
    try:
        return run_on_server("127.0.0.1", port)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    data = regenerate()
    EXPECTED.write_text(json.dumps(data, indent=1, ensure_ascii=True) + "\n")
    print(f"wrote {EXPECTED} ({len(data)} runs, {sum(len(v) for v in data.values())} replies)")


# ---------------------------------------------------------------- the same commands from scripts (contract format)

CONTRACT = ROOT / "tests" / "redis" / "cases" / "store.json"

# sequences whose replies are fully ordered (no hash-table order) and free of the clock
SCRIPTED = [
    "set-get", "set-nx-xx", "set-get-opt", "set-keepttl", "set-exat-pxat", "set-errors", "getex", "getdel",
    "append-strlen", "setrange-getrange", "incr-decr", "incr-errors", "incrbyfloat", "incrbyfloat-2",
    "mget-mset", "hash-basic", "hash-hmget-hdel", "hash-hincrby", "hash-hincrbyfloat", "hash-order",
    "list-push-pop", "list-pop-count", "list-lrange", "list-lrem", "list-linsert", "list-lpos", "list-lmove",
    "list-rpoplpush", "set-ints", "set-algebra", "set-smismember", "zadd-basic", "zadd-flags", "zadd-incr",
    "zadd-scores", "zincrby", "zrank", "zrange-byscore", "zrange-bylex", "zrange-rev", "zrangebyscore",
    "zremrange", "zpop", "zmscore", "zscores-formatting", "leaderboard", "expire-basic", "expire-flags",
    "expireat", "type-exists-del", "rename", "copy", "xadd-xrange", "xtrim", "xdel", "rate-limiter", "lock",
    "token-bucket", "queue-move", "sliding-window",
]

_PCALL = "return redis.pcall(unpack(ARGV))"
_PCALL3 = "redis.setresp(3)\nreturn redis.pcall(unpack(ARGV))"


def contract_cases() -> list[dict]:
    byname = dict(CASES)
    out = []
    for i, name in enumerate(SCRIPTED):
        cmds = byname[name]
        proto = 3 if i % 2 else 2
        script = _PCALL3 if proto == 3 else _PCALL
        steps = [["EVAL", script, "0", *expand(c)[0]] for c in cmds]
        steps = [[a.decode("latin-1") if isinstance(a, bytes) else a for a in s] for s in steps]
        # and the last command once more, sent directly
        steps.append([a.decode("latin-1") for a in expand(cmds[-1])[0]])
        out.append({"name": f"store/{name}", "resp": proto, "fresh": False, "setup": [], "steps": steps})
    return out


def write_contract_cases() -> None:
    CONTRACT.parent.mkdir(parents=True, exist_ok=True)
    CONTRACT.write_text(json.dumps(contract_cases(), indent=1, ensure_ascii=True) + "\n")
