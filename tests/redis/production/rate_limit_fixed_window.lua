-- Fixed-window rate limiter.
-- KEYS[1]: the counter key for this client and window (e.g. rl:user42)
-- ARGV[1]: the limit per window, ARGV[2]: the window length in seconds
-- Returns {allowed (1/0), requests so far, seconds until the window resets}
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])

local current = redis.call('INCR', KEYS[1])
if current == 1 then
  redis.call('EXPIRE', KEYS[1], window)
end

local ttl = redis.call('TTL', KEYS[1])
if current > limit then
  return {0, current, ttl}
end
return {1, current, ttl}
