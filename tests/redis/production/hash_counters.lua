-- Per-day analytics counters in one hash: ARGV holds field/amount pairs.
-- KEYS[1]: the day's hash; ARGV: field1 amount1 field2 amount2 ...
-- Returns the updated counters, sorted by field name.
if #ARGV % 2 ~= 0 then
  return redis.error_reply('ERR field/amount pairs expected')
end
for i = 1, #ARGV, 2 do
  local amount = tonumber(ARGV[i + 1])
  if not amount then
    return redis.error_reply('ERR amount for ' .. ARGV[i] .. ' is not a number')
  end
  if amount == math.floor(amount) then
    redis.call('HINCRBY', KEYS[1], ARGV[i], amount)
  else
    redis.call('HINCRBYFLOAT', KEYS[1], ARGV[i], amount)
  end
end
redis.call('EXPIRE', KEYS[1], 86400 * 7)

local flat = redis.call('HGETALL', KEYS[1])
local fields = {}
for i = 1, #flat, 2 do fields[#fields + 1] = flat[i] end
table.sort(fields)
local out = {}
for _, f in ipairs(fields) do
  out[#out + 1] = f .. '=' .. redis.call('HGET', KEYS[1], f)
end
return out
