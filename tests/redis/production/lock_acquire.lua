-- Acquire a lock owned by a random token, with a lease.
-- KEYS[1]: the lock; ARGV[1]: the owner token, ARGV[2]: lease (ms)
-- Returns "OK" when taken (or already ours: the lease is renewed),
-- else {err} naming the current owner's remaining lease.
local owner = redis.call('GET', KEYS[1])
if owner == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return redis.status_reply('OK')
end
if owner then
  local left = redis.call('PTTL', KEYS[1])
  return redis.error_reply('LOCKED held by another owner, ' .. math.ceil(left / 1000) .. 's left')
end
return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
