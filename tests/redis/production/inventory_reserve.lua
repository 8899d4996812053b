-- Reserve several SKUs at once, all or nothing.
-- KEYS[1]: the stock hash (sku -> units), KEYS[2]: the reservation hash
-- ARGV[1]: reservation TTL (s), ARGV[2..]: sku qty sku qty ...
-- Returns {"reserved", units} or {"short", sku, available}
local reservation_ttl = tonumber(ARGV[1])
if redis.call('EXISTS', KEYS[2]) == 1 then
  return redis.error_reply('EXISTS reservation already made')
end

-- check everything first: a script cannot roll back
for i = 2, #ARGV, 2 do
  local sku, qty = ARGV[i], tonumber(ARGV[i + 1])
  local available = tonumber(redis.call('HGET', KEYS[1], sku) or '0')
  if available < qty then
    return {'short', sku, available}
  end
end

local units = 0
for i = 2, #ARGV, 2 do
  local sku, qty = ARGV[i], tonumber(ARGV[i + 1])
  redis.call('HINCRBY', KEYS[1], sku, -qty)
  redis.call('HSET', KEYS[2], sku, qty)
  units = units + qty
end
redis.call('EXPIRE', KEYS[2], reservation_ttl)
return {'reserved', units}
