-- sliding-window log: KEYS[1] a zset, ARGV now, window, limit, id
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
if n < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, limit - n - 1, redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')}
end
return {0, 0, redis.call('ZRANGE', KEYS[1], 0, -1)}
