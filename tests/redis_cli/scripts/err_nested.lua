return {1, redis.pcall('NOSUCHCOMMAND'), {err = 'inner'}, 'x'}
