-- Leaky bucket (as a meter): the level drains at `leak` units per second;
-- a request adds one unit and is refused when the bucket would overflow.
-- KEYS[1]: the bucket hash; ARGV[1]: capacity, ARGV[2]: leak rate, ARGV[3]: now (s)
-- Returns {accepted (1/0), level after this request}
local capacity = tonumber(ARGV[1])
local leak = tonumber(ARGV[2])
local now = tonumber(ARGV[3])

local level = tonumber(redis.call('HGET', KEYS[1], 'level') or '0')
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or ARGV[3])

level = math.max(0, level - (now - last) * leak)
if level + 1 > capacity then
  redis.call('HSET', KEYS[1], 'level', level, 'last', now)
  return {0, level}
end

level = level + 1
redis.call('HSET', KEYS[1], 'level', level, 'last', now)
return {1, level}
