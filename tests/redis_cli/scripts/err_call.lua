redis.call('SET', KEYS[1], 'not a number')
return redis.call('INCR', KEYS[1])
