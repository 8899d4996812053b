return redis.status_reply('FINE')
