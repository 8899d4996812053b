"""Builds tests/redis/cases/production.json from the scripts in this folder:
each script is run several times (different KEYS/ARGV) on seeded data, and
every reply and the final keyspace are compared with redis-server.

    python tests/redis/production/make_cases.py && scripts/redis-oracle production

Times are passed in ARGV (never read from TIME), so every run is repeatable.
"""

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "cases" / "production.json"


def src(name):
    return (HERE / f"{name}.lua").read_text(encoding="utf-8")


def run(name, keys=(), args=()):
    return ["EVAL", src(name), str(len(keys)), *keys, *map(str, args)]


def runsha(name, keys=(), args=()):
    sha = hashlib.sha1(src(name).encode("latin-1")).hexdigest()
    return ["EVALSHA", sha, str(len(keys)), *keys, *map(str, args)]


def load(name):
    return ["SCRIPT", "LOAD", src(name)]


CASES = []


def case(name, steps, setup=()):
    c = {"name": f"production/{name}"}
    if setup:
        c["setup"] = list(setup)
    c["steps"] = steps
    CASES.append(c)


# ---- rate limiters
RL = "rate_limit_fixed_window"
case(f"{RL}/under-and-over", [run(RL, ["rl:u1"], [3, 60]) for _ in range(5)] + [["TTL", "rl:u1"]])
case(f"{RL}/two-clients", [run(RL, ["rl:a"], [2, 10]), run(RL, ["rl:b"], [2, 10]),
                           run(RL, ["rl:a"], [2, 10]), run(RL, ["rl:a"], [2, 10])])
case(f"{RL}/existing-window", [run(RL, ["rl:u2"], [10, 60]), run(RL, ["rl:u2"], [10, 60])],
     setup=[["SET", "rl:u2", "9", "EX", "30"]])
case(f"{RL}/evalsha", [load(RL), runsha(RL, ["rl:u3"], [1, 5]), runsha(RL, ["rl:u3"], [1, 5])])

SW = "rate_limit_sliding_window"
case(f"{SW}/fills-then-refuses",
     [run(SW, ["sw:u1"], [1000 + i * 100, 1000, 3, f"r{i}"]) for i in range(5)])
case(f"{SW}/window-slides",
     [run(SW, ["sw:u2"], [1000, 1000, 2, "a"]), run(SW, ["sw:u2"], [1200, 1000, 2, "b"]),
      run(SW, ["sw:u2"], [1500, 1000, 2, "c"]), run(SW, ["sw:u2"], [2100, 1000, 2, "d"]),
      ["ZRANGE", "sw:u2", "0", "-1", "WITHSCORES"]])
case(f"{SW}/seeded-log", [run(SW, ["sw:u3"], [5000, 2000, 3, "new"])],
     setup=[["ZADD", "sw:u3", "2000", "old1", "3500", "x", "4000", "y"]])

TB = "token_bucket"
case(f"{TB}/burst", [run(TB, ["tb:u1"], [5, 1, 100, 2]) for _ in range(4)])
case(f"{TB}/refill", [run(TB, ["tb:u2"], [10, 2, 100, 8]), run(TB, ["tb:u2"], [10, 2, 101, 5]),
                      run(TB, ["tb:u2"], [10, 2, 102.5, 5]), ["HGETALL", "tb:u2"]])
case(f"{TB}/fractional-rate", [run(TB, ["tb:u3"], [3, 0.5, 10, 1]), run(TB, ["tb:u3"], [3, 0.5, 11, 3]),
                               run(TB, ["tb:u3"], [3, 0.5, 15, 3])])
case(f"{TB}/seeded", [run(TB, ["tb:u4"], [4, 1, 50, 1])], setup=[["HSET", "tb:u4", "tokens", "0.25", "ts", "49"]])

LB = "leaky_bucket"
case(f"{LB}/overflow", [run(LB, ["lb:1"], [3, 1, 10]) for _ in range(4)])
case(f"{LB}/drains", [run(LB, ["lb:2"], [2, 0.5, 0]), run(LB, ["lb:2"], [2, 0.5, 0]),
                      run(LB, ["lb:2"], [2, 0.5, 1]), run(LB, ["lb:2"], [2, 0.5, 4])])

# ---- locks
LA, LR, LE = "lock_acquire", "lock_release", "lock_extend"
case("lock/acquire-release", [run(LA, ["lock:orders"], ["tok-1", 30000]), run(LA, ["lock:orders"], ["tok-2", 30000]),
                              run(LR, ["lock:orders"], ["tok-2"]), run(LR, ["lock:orders"], ["tok-1"]),
                              run(LA, ["lock:orders"], ["tok-2", 30000])])
case("lock/reentrant-renews", [run(LA, ["lock:x"], ["me", 5000]), run(LA, ["lock:x"], ["me", 60000]), ["TTL", "lock:x"]])
case("lock/extend", [run(LA, ["lock:y"], ["me", 10000]), run(LE, ["lock:y"], ["me", 20000]),
                     run(LE, ["lock:y"], ["you", 20000]), run(LE, ["lock:none"], ["me", 1000])])
case("lock/held-by-other", [run(LA, ["lock:z"], ["mine", 1000]), run(LR, ["lock:z"], ["mine"])],
     setup=[["SET", "lock:z", "theirs", "PX", "45000"]])

SEM = "semaphore"
case(f"{SEM}/limit-and-expiry",
     [run(SEM, ["sem:db"], [2, 1000, 5000, "w1"]), run(SEM, ["sem:db"], [2, 1001, 5000, "w2"]),
      run(SEM, ["sem:db"], [2, 1002, 5000, "w3"]), run(SEM, ["sem:db"], [2, 3000, 5000, "w1"]),
      run(SEM, ["sem:db"], [2, 6500, 5000, "w3"]), ["ZRANGE", "sem:db", "0", "-1", "WITHSCORES"]])
case(f"{SEM}/seeded-stale", [run(SEM, ["sem:api"], [1, 10000, 1000, "fresh"])],
     setup=[["ZADD", "sem:api", "9000", "crashed-worker"]])

# ---- queues
QC, QR, QA = "queue_claim", "queue_requeue_expired", "queue_ack"
QK = ["q:pending", "q:processing", "q:deadlines", "q:attempts"]
seed = [["LPUSH", "q:pending", "job1", "job2", "job3"]]
case("queue/claim-ack", [run(QC, QK, [100, 30]), run(QC, QK, [101, 30]), run(QA, QK[1:], ["job1"]),
                         run(QA, QK[1:], ["job1"])], setup=seed)
case("queue/claim-until-empty", [run(QC, QK, [100, 30]) for _ in range(4)], setup=seed)
case("queue/requeue-and-bury",
     [run(QC, QK, [100, 30]), run(QC, QK, [100, 30]),
      run(QR, QK + ["q:dead"], [120, 2]), run(QR, QK + ["q:dead"], [140, 2]),
      run(QC, QK, [150, 10]), run(QR, QK + ["q:dead"], [200, 2])],
     setup=seed + [["HSET", "q:attempts", "job1", "1"]])

DJ = "delayed_jobs"
case(f"{DJ}/batches", [run(DJ, ["sched", "ready"], [150, 2]), run(DJ, ["sched", "ready"], [150, 2]),
                       run(DJ, ["sched", "ready"], [150, 2]), run(DJ, ["sched", "ready"], [500, 10]),
                       ["LRANGE", "ready", "0", "-1"]],
     setup=[["ZADD", "sched", "100", "mail:1", "120", "mail:2", "140", "sms:1", "300", "report", "1000", "cleanup"]])

# ---- idempotency, sessions, counters
ID = "idempotency"
case(f"{ID}/flow", [run(ID, ["idem:pay-1"], ["begin", "", 600]), run(ID, ["idem:pay-1"], ["begin", "", 600]),
                    run(ID, ["idem:pay-1"], ["finish", '{"status":"paid","id":17}', 86400]),
                    run(ID, ["idem:pay-1"], ["begin", "", 600]),
                    run(ID, ["idem:pay-2"], ["finish", "x", 60]), run(ID, ["idem:pay-2"], ["cancel", "", 60])])

LBU, TOP = "leaderboard_update", "top_n"
board_seed = [["ZADD", "board", "120", "ada", "95", "bob", "95", "carl", "300", "dee", "10", "eve"]]
case(f"{LBU}/points", [run(LBU, ["board", "hist:bob"], ["bob", 10]), run(LBU, ["board", "hist:bob"], ["bob", 250]),
                       run(LBU, ["board", "hist:new"], ["newbie", 1]), run(LBU, ["board", "hist:eve"], ["eve", -5.5])],
     setup=board_seed)
case(f"{LBU}/history-trim", [run(LBU, ["board", "hist:ada"], ["ada", i]) for i in range(1, 8)], setup=board_seed)
case(f"{TOP}/views", [run(TOP, ["board"], [3]), run(TOP, ["board"], [3, "eve"]), run(TOP, ["board"], [3, "ada"]),
                      run(TOP, ["board"], [2, "nobody"]), run(TOP, ["empty"], [5])], setup=board_seed)

SR = "session_refresh"
case(f"{SR}/touch", [run(SR, ["sess:abc"], [1800, 1000, "/home"]), run(SR, ["sess:abc"], [1800, 1010, "/cart"]),
                     run(SR, ["sess:gone"], [1800, 1010, "/"]), ["TTL", "sess:abc"]],
     setup=[["HSET", "sess:abc", "user", "u42", "views", "3"], ["EXPIRE", "sess:abc", "60"]])

HC = "hash_counters"
case(f"{HC}/increments", [run(HC, ["stats:2024-05-01"], ["views", 10, "clicks", 2]),
                          run(HC, ["stats:2024-05-01"], ["views", 5, "revenue", 12.5]),
                          run(HC, ["stats:2024-05-01"], ["revenue", 0.25, "signups", 1]),
                          run(HC, ["stats:2024-05-01"], ["views"]),
                          run(HC, ["stats:2024-05-01"], ["views", "lots"])])

# ---- JSON and msgpack payloads
JD = "json_document_update"
doc = '{"id":7,"version":1,"title":"Draft","tags":["a","b"]}'
case(f"{JD}/versioned", [run(JD, ["doc:7"], [1, "title", '"Final"']), run(JD, ["doc:7"], [1, "title", '"Stale"']),
                         run(JD, ["doc:7"], [2, "tags", '["x","y","z"]']),
                         run(JD, ["doc:7"], [3, "meta", '{"pages":3}']), run(JD, ["doc:none"], [1, "x", "1"])],
     setup=[["SET", "doc:7", doc]])
case(f"{JD}/numbers", [run(JD, ["doc:n"], [1, "price", "19.99"]), run(JD, ["doc:n"], [2, "ratio", "0.1"]),
                       run(JD, ["doc:n"], [3, "big", "123456789012345"])],
     setup=[["SET", "doc:n", '{"version":1}']])

JC = "json_cart"
case(f"{JC}/add-items", [run(JC, ["cart:u1"], ["sku-1", 2, 9.99]), run(JC, ["cart:u1"], ["sku-2", 1, 24.5]),
                         run(JC, ["cart:u1"], ["sku-1", 3, 9.99]), ["TTL", "cart:u1"]])

MP = "msgpack_payload"
case(f"{MP}/events", [run(MP, ["mp:u9"], [9, "login", 1700000000]), run(MP, ["mp:u9"], [9, "view", 1700000060]),
                      run(MP, ["mp:u9"], [9, "buy", 1700000120]), run(MP, ["mp:u9"], [9, "logout", 1700000180]),
                      ["STRLEN", "mp:u9"]])

# ---- sets, caches, bits, streams, inventory
DD = "dedup_events"
case(f"{DD}/batches", [run(DD, ["seen", "out", "dstats"], ["e1", "e2", "e3"]),
                       run(DD, ["seen", "out", "dstats"], ["e2", "e4", "e4"]),
                       run(DD, ["seen", "out", "dstats"], [])])

CA = "cache_aside"
case(f"{CA}/stampede", [run(CA, ["cache:user:1", "fill:user:1"], ["get"]), run(CA, ["cache:user:1", "fill:user:1"], ["get"]),
                        run(CA, ["cache:user:1", "fill:user:1"], ["fill", '{"name":"Ada"}', 300]),
                        run(CA, ["cache:user:1", "fill:user:1"], ["get"])])
case(f"{CA}/warm", [run(CA, ["cache:p", "fill:p"], ["get"])], setup=[["SET", "cache:p", "cached!", "EX", "120"]])

BF = "bloom_filter"
case(f"{BF}/add-check", [run(BF, ["bloom"], ["add", "alice", "bob"]), run(BF, ["bloom"], ["add", "bob", "carol"]),
                         run(BF, ["bloom"], ["check", "alice", "carol", "dave", "erin"]), ["BITCOUNT", "bloom"]])

SA = "stream_append"
case(f"{SA}/explicit-ids", [run(SA, ["events", "ev:counts"], [f"{1000 + i // 2}-{i % 2}", 3, t, f"p{i}"])
                            for i, t in enumerate(["click", "view", "click", "buy", "view"])])
case(f"{SA}/auto-ids", [run(SA, ["events2", "ev2:counts"], ["*", 2, "click", "x"]),
                        run(SA, ["events2", "ev2:counts"], ["*", 2, "view", "y"]),
                        run(SA, ["events2", "ev2:counts"], ["*", 2, "view", "z"])])
case(f"{SA}/id-too-small", [run(SA, ["events3", "ev3:counts"], ["5-0", 10, "a", "1"]),
                            run(SA, ["events3", "ev3:counts"], ["4-0", 10, "b", "2"])])

IR = "inventory_reserve"
stock = [["HSET", "stock", "apple", "10", "pear", "2", "plum", "0"]]
case(f"{IR}/all-or-nothing", [run(IR, ["stock", "resv:o1"], [900, "apple", 3, "pear", 2]),
                              run(IR, ["stock", "resv:o2"], [900, "apple", 1, "pear", 1]),
                              run(IR, ["stock", "resv:o1"], [900, "apple", 1]),
                              run(IR, ["stock", "resv:o3"], [900, "apple", 7, "plum", 0]),
                              ["HGETALL", "resv:o1"]], setup=stock)


def main():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    used = {s[1] for c in CASES for s in c["steps"] if s[0] in ("EVAL", "SCRIPT")}
    unused = [p.stem for p in sorted(HERE.glob("*.lua")) if src(p.stem) not in used]
    assert not unused, f"scripts never run: {unused}"
    lines = ["["]
    for i, c in enumerate(CASES):
        parts = []
        for k, v in c.items():
            if k in ("steps", "setup"):
                inner = ",\n    ".join(json.dumps(s, ensure_ascii=True) for s in v)
                parts.append(f"  {json.dumps(k)}: [\n    {inner}]")
            else:
                parts.append(f"  {json.dumps(k)}: {json.dumps(v)}")
        lines.append("{\n" + ",\n".join(parts) + "}" + ("," if i < len(CASES) - 1 else ""))
    lines.append("]")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(CASES)} cases, {sum(len(c['steps']) for c in CASES)} steps")


if __name__ == "__main__":
    main()
