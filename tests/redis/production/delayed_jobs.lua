-- Delayed jobs: move up to ARGV[2] jobs whose time has come from the
-- schedule (a zset scored by run-at time) to the ready list.
-- KEYS[1]: schedule zset, KEYS[2]: ready list; ARGV[1]: now (s), ARGV[2]: batch size
-- Returns the number of jobs moved and how many are still scheduled.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, job in ipairs(due) do
  redis.call('ZREM', KEYS[1], job)
  redis.call('RPUSH', KEYS[2], job)
end
return {#due, redis.call('ZCARD', KEYS[1])}
