-- Extend a lock's lease, only for its owner.
-- KEYS[1]: the lock; ARGV[1]: the owner token, ARGV[2]: additional ms
-- Returns the new TTL in seconds (rounded), or an error when not the owner.
local owner = redis.call('GET', KEYS[1])
if not owner then
  return redis.error_reply('NOLOCK the lock expired or was never taken')
end
if owner ~= ARGV[1] then
  return redis.error_reply('NOTOWNER the lock belongs to someone else')
end
local ttl = redis.call('PTTL', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ttl + tonumber(ARGV[2]))
return math.floor((ttl + tonumber(ARGV[2])) / 1000 + 0.5)
