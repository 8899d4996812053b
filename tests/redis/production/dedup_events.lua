-- Deduplicate incoming events by id within a day: new ids are queued,
-- repeats are counted and dropped.
-- KEYS[1]: seen-ids set, KEYS[2]: outgoing list, KEYS[3]: stats hash
-- ARGV: event ids
-- Returns {accepted, duplicates}
local accepted, dups = 0, 0
for _, id in ipairs(ARGV) do
  if redis.call('SADD', KEYS[1], id) == 1 then
    redis.call('RPUSH', KEYS[2], id)
    accepted = accepted + 1
  else
    dups = dups + 1
  end
end
redis.call('EXPIRE', KEYS[1], 86400)
redis.call('HINCRBY', KEYS[3], 'accepted', accepted)
redis.call('HINCRBY', KEYS[3], 'duplicates', dups)
return {accepted, dups}
