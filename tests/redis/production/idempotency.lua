-- Idempotency keys: the first request with a key records "pending" and
-- runs; a retry gets the stored outcome instead of running twice.
-- KEYS[1]: the idempotency key; ARGV[1]: "begin" or "finish",
-- ARGV[2]: the response to store (finish), ARGV[3]: TTL (s)
-- Returns {"run"} | {"pending"} | {"replay", response} | {"stored"}
local state = redis.call('HGET', KEYS[1], 'state')

if ARGV[1] == 'begin' then
  if not state then
    redis.call('HSET', KEYS[1], 'state', 'pending')
    redis.call('EXPIRE', KEYS[1], ARGV[3])
    return {'run'}
  elseif state == 'pending' then
    return {'pending'}
  end
  return {'replay', redis.call('HGET', KEYS[1], 'response')}
end

if ARGV[1] == 'finish' then
  if state ~= 'pending' then
    return redis.error_reply('BADSTATE finish without begin')
  end
  redis.call('HSET', KEYS[1], 'state', 'done', 'response', ARGV[2])
  redis.call('EXPIRE', KEYS[1], ARGV[3])
  return {'stored'}
end

return redis.error_reply('ERR unknown action ' .. tostring(ARGV[1]))
