return redis.error_reply('MY custom error')
