-- Reliable queue: put back every claimed job whose visibility timeout
-- passed (the worker died), or bury it after too many attempts.
-- KEYS[1]: pending, KEYS[2]: processing, KEYS[3]: deadlines, KEYS[4]: attempts,
-- KEYS[5]: dead-letter list
-- ARGV[1]: now (s), ARGV[2]: max attempts
-- Returns {requeued ids, buried ids}
local now = tonumber(ARGV[1])
local max_attempts = tonumber(ARGV[2])
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
local requeued, buried = {}, {}

for _, job in ipairs(expired) do
  redis.call('LREM', KEYS[2], 1, job)
  redis.call('ZREM', KEYS[3], job)
  local attempts = tonumber(redis.call('HGET', KEYS[4], job) or '0')
  if attempts >= max_attempts then
    redis.call('RPUSH', KEYS[5], job)
    redis.call('HDEL', KEYS[4], job)
    buried[#buried + 1] = job
  else
    redis.call('RPUSH', KEYS[1], job)
    requeued[#requeued + 1] = job
  end
end
return {requeued, buried}
