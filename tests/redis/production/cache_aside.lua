-- Cache-aside with stampede protection: return the cached value, or
-- let exactly one caller fill it (the others are told to wait).
-- KEYS[1]: the cache key, KEYS[2]: the fill lock
-- ARGV[1]: "get" or "fill", ARGV[2]: value (fill), ARGV[3]: TTL (s)
if ARGV[1] == 'get' then
  local v = redis.call('GET', KEYS[1])
  if v then
    return {'hit', v, redis.call('TTL', KEYS[1])}
  end
  if redis.call('SET', KEYS[2], '1', 'NX', 'EX', 10) then
    return {'miss-fill'}
  end
  return {'miss-wait'}
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
redis.call('DEL', KEYS[2])
return {'filled', ARGV[2]}
