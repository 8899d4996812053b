redis.call('HSET', KEYS[1], 'name', ARGV[1], 'n', 1)
redis.call('HINCRBY', KEYS[1], 'n', 41)
return redis.call('HGETALL', KEYS[1])
