-- Counting semaphore with leases: holders live in a sorted set scored
-- by their lease deadline.
-- KEYS[1]: the holders zset; ARGV[1]: limit, ARGV[2]: now (ms),
-- ARGV[3]: lease (ms), ARGV[4]: holder id
-- Returns {acquired (1/0), holders now}
local limit = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])

-- expired leases free their slot
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)

if redis.call('ZSCORE', KEYS[1], ARGV[4]) then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[4])  -- renew
  return {1, redis.call('ZCARD', KEYS[1])}
end

if redis.call('ZCARD', KEYS[1]) >= limit then
  return {0, redis.call('ZCARD', KEYS[1])}
end

redis.call('ZADD', KEYS[1], now + lease, ARGV[4])
return {1, redis.call('ZCARD', KEYS[1])}
