-- fixed-window rate limiter: KEYS[1] the counter, ARGV[1] the window (s), ARGV[2] the limit
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if current > tonumber(ARGV[2]) then
  return redis.error_reply('RATELIMITED too many requests')
end
return current
