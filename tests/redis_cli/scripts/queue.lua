-- move a job from the ready list to the processing list, remember when
local job = redis.call('RPOPLPUSH', KEYS[1], KEYS[2])
if not job then return nil end
redis.call('HSET', KEYS[3], job, ARGV[1])
return {job, redis.call('LLEN', KEYS[1]), redis.call('LLEN', KEYS[2])}
