-- Store a compact msgpack payload and update it in place: append an
-- event to the user's recent-events array (at most 3 kept).
-- KEYS[1]: the payload key; ARGV[1]: user id, ARGV[2]: event name, ARGV[3]: timestamp
-- Returns {events kept, the packed payload's size, the newest event}
local payload
local raw = redis.call('GET', KEYS[1])
if raw then
  payload = cmsgpack.unpack(raw)
else
  payload = {user = tonumber(ARGV[1]), events = {}}
end

table.insert(payload.events, {ARGV[2], tonumber(ARGV[3])})
while #payload.events > 3 do
  table.remove(payload.events, 1)
end

local packed = cmsgpack.pack(payload)
redis.call('SET', KEYS[1], packed)
local newest = payload.events[#payload.events]
return {#payload.events, #packed, newest[1] .. '@' .. newest[2]}
