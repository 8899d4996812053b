-- Reliable queue: acknowledge a finished job.
-- KEYS[1]: processing, KEYS[2]: deadlines, KEYS[3]: attempts; ARGV[1]: job id
-- Returns 1 when the job was being processed, 0 otherwise.
local removed = redis.call('LREM', KEYS[1], 1, ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return removed
