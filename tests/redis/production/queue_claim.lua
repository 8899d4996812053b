-- Reliable queue: claim the next job with a visibility timeout.
-- KEYS[1]: pending list, KEYS[2]: processing list, KEYS[3]: deadlines zset,
-- KEYS[4]: attempts hash
-- ARGV[1]: now (s), ARGV[2]: visibility timeout (s)
-- Returns {job id, attempt number} or nil when the queue is empty.
local job = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
if not job then
  return nil
end
local deadline = tonumber(ARGV[1]) + tonumber(ARGV[2])
redis.call('ZADD', KEYS[3], deadline, job)
local attempt = redis.call('HINCRBY', KEYS[4], job, 1)
return {job, attempt}
