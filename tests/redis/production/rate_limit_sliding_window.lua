-- Sliding-window rate limiter over a sorted set of request timestamps.
-- KEYS[1]: the log key; ARGV[1]: now (ms), ARGV[2]: window (ms),
-- ARGV[3]: limit, ARGV[4]: a unique id for this request
-- Returns {allowed (1/0), requests in the window, ms until the oldest expires}
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])

-- forget requests that left the window
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)

local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local retry = tonumber(oldest[2]) + window - now
  return {0, count, retry}
end

redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return {1, count + 1, 0}
