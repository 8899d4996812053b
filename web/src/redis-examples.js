// Redis mode's examples: scripts of the kind run in production with EVAL,
// each with its KEYS, ARGV (as typed in the inputs: space-separated,
// redis-cli quoting) and the setup commands that seed the keyspace.

export const REDIS_EXAMPLES = [
  {
    id: "rate-limit-fixed",
    title: "Fixed-window rate limiter (INCR + EXPIRE)",
    keys: "rate:user:42",
    argv: "60 3",
    setup: "",
    source: `-- Fixed-window rate limiter: count the requests of this window; the
-- first one starts the window (EXPIRE), and the key disappears with it.
-- KEYS[1] the client's counter   ARGV[1] window (s)   ARGV[2] limit
local current = redis.call('INCR', KEYS[1])
if current == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
if current > tonumber(ARGV[2]) then
  return 0          -- over the limit: refuse the request
end
return current      -- allowed: the number of this request in the window
`,
  },
  {
    id: "rate-limit-sliding",
    title: "Sliding-window rate limiter (sorted set)",
    keys: "rate:log:42",
    argv: "1700000060000 60000 3 req-4",
    setup: "ZADD rate:log:42 1700000000000 req-1 1700000030000 req-2 1700000055000 req-3\nPEXPIRE rate:log:42 60000",
    source: `-- Sliding-window rate limiter: a sorted set of the requests of the last
-- window, scored by time (ms).  Old requests leave as the window slides.
-- KEYS[1] the client's log
-- ARGV[1] now (ms)   ARGV[2] window (ms)   ARGV[3] limit   ARGV[4] request id
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
-- forget the requests that are out of the window
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  return 0                          -- refused
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return limit - count                -- allowed: the requests left, this one included
`,
  },
  {
    id: "token-bucket",
    title: "Token bucket (hash, refilled on use)",
    keys: "bucket:api:42",
    argv: "10 0.5 1700000004 3",
    setup: "HSET bucket:api:42 tokens 2 ts 1700000000\nEXPIRE bucket:api:42 40",
    source: `-- Token bucket: a hash {tokens, ts}.  Tokens refill at ARGV[2] a second,
-- up to ARGV[1]; a request takes ARGV[4] of them if there are enough.
-- KEYS[1] the bucket   ARGV: capacity, rate, now (s), tokens requested
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local requested = tonumber(ARGV[4])
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(bucket[1]) or capacity   -- a missing field is false
local ts = tonumber(bucket[2]) or now
-- refill for the time since the last request
tokens = math.min(capacity, tokens + (now - ts) * rate)
local allowed = tokens >= requested
if allowed then
  tokens = tokens - requested
end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', now)
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) * 2)
-- a Lua number in a reply is cut to an integer: send the tokens as a string
return { allowed and 1 or 0, tostring(tokens) }
`,
  },
  {
    id: "lock",
    title: "Lock: acquire and release with an owner token",
    keys: "lock:invoice:7",
    argv: "release worker-1",
    setup: "SET lock:invoice:7 worker-1 PX 30000",
    source: `-- A lock with an owner token.  ARGV[1] is 'acquire' or 'release'.
-- acquire: SET NX takes it only if nobody holds it; PX ends the lease by itself.
-- release: delete it only if it still holds our token (the lease may have
-- ended and another worker taken it): check and delete in one script.
-- KEYS[1] the lock   ARGV[2] our token   ARGV[3] lease (ms)
local lock, op, token = KEYS[1], ARGV[1], ARGV[2]
if op == 'acquire' then
  if redis.call('SET', lock, token, 'NX', 'PX', ARGV[3]) then
    return 1                              -- ours now
  end
  return 0                                -- held by someone else
elseif op == 'release' then
  local holder = redis.call('GET', lock)
  redis.debug('held by', holder)
  if holder == token then
    return redis.call('DEL', lock)        -- ours: released
  end
  return 0                                -- not ours (any more)
end
return redis.error_reply('unknown operation ' .. tostring(op))
`,
  },
  {
    id: "job-queue",
    title: "Reliable job queue: requeue stale jobs, take the next one",
    keys: "queue:pending queue:processing queue:started",
    argv: "1700000100 60",
    setup:
      "LPUSH queue:pending job:3 job:4 job:5\nLPUSH queue:processing job:1 job:2\nHSET queue:started job:1 1700000000 job:2 1700000090",
    source: `-- A reliable queue.  Jobs wait in a list; a worker moves the oldest one to
-- the processing list (LMOVE, atomically) and notes when it started, so
-- that the jobs of a worker that died go back to the queue.
-- KEYS: pending list, processing list, started-at hash
-- ARGV[1] now (s)   ARGV[2] how long a job may run (s)
local pending, processing, started = KEYS[1], KEYS[2], KEYS[3]
local now, timeout = tonumber(ARGV[1]), tonumber(ARGV[2])
-- first put back the jobs that have run too long
local times = redis.call('HGETALL', started)
for i = 1, #times, 2 do
  local job, at = times[i], tonumber(times[i + 1])
  if now - at > timeout then
    redis.debug('requeue', job)
    redis.call('LREM', processing, 1, job)
    redis.call('RPUSH', pending, job)       -- at the head of the line
    redis.call('HDEL', started, job)
  end
end
-- then take the oldest job (the right end: jobs are pushed on the left)
local job = redis.call('LMOVE', pending, processing, 'RIGHT', 'LEFT')
if not job then
  return false                              -- nothing to do: a nil reply
end
redis.call('HSET', started, job, now)
return job
`,
  },
  {
    id: "json-update",
    title: "JSON document update (cjson)",
    keys: "user:42:profile",
    argv: `plan '"pro"'`,
    setup: `SET user:42:profile '{"name":"Ada","plan":"free","version":3}'`,
    source: `-- Update one field of a JSON document kept in a string: decode, change,
-- encode, in one step no other client can come between.
-- KEYS[1] the document   ARGV[1] the field   ARGV[2] its new value, as JSON
local raw = redis.call('GET', KEYS[1])
local doc = raw and cjson.decode(raw) or {}
local old = doc[ARGV[1]]
doc[ARGV[1]] = cjson.decode(ARGV[2])
doc.version = (doc.version or 0) + 1
redis.debug(ARGV[1], old, '->', doc[ARGV[1]])
local out = cjson.encode(doc)
redis.call('SET', KEYS[1], out)
return out
`,
  },
  {
    id: "leaderboard",
    title: "Leaderboard: add points, keep the top, answer the rank",
    keys: "board:weekly",
    argv: "grace 50 4",
    setup: "ZADD board:weekly 120 ada 95 linus 80 grace 60 ken 40 dennis",
    source: `-- A leaderboard in a sorted set: add a player's points (ZINCRBY), keep
-- only the best ARGV[3] players, answer the player's rank and the top 3.
-- KEYS[1] the board   ARGV[1] player   ARGV[2] points   ARGV[3] size kept
local score = redis.call('ZINCRBY', KEYS[1], ARGV[2], ARGV[1])
-- drop everyone below the top ARGV[3] (ranks 0 .. -size-1, lowest first)
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[3]) - 1)
local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
local top = redis.call('ZREVRANGE', KEYS[1], 0, 2, 'WITHSCORES')
-- (a nil in the middle would end the array: -1 for "not on the board")
return { score, rank and rank + 1 or -1, top }
`,
  },
];

export const DEFAULT_REDIS_EXAMPLE = "rate-limit-fixed";
