-- Token bucket: refills `rate` tokens per second up to `capacity`.
-- KEYS[1]: the bucket hash (fields tokens, ts)
-- ARGV[1]: capacity, ARGV[2]: rate (tokens/s), ARGV[3]: now (s), ARGV[4]: tokens requested
-- Returns {allowed (1/0), tokens left (as a string, it may be fractional)}
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local requested = tonumber(ARGV[4])

local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or capacity
local ts = tonumber(state[2]) or now

local elapsed = math.max(0, now - ts)
tokens = math.min(capacity, tokens + elapsed * rate)

local allowed = 0
if tokens >= requested then
  tokens = tokens - requested
  allowed = 1
end

redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', now)
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) * 2)
return {allowed, tostring(tokens)}
