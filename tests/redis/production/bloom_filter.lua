-- A small Bloom filter on a bitmap: k bit positions derived from the
-- SHA-1 of the item. ARGV[1]: "add" or "check", ARGV[2..]: items.
-- KEYS[1]: the bitmap; bits: 1024, k: 4
-- Returns one 1/0 per item: "maybe present" / "definitely new" (check),
-- or "was new" (add).
local BITS, K = 1024, 4
local function positions(item)
  local h = redis.sha1hex(item)
  local out = {}
  for i = 0, K - 1 do
    out[#out + 1] = tonumber(string.sub(h, i * 8 + 1, i * 8 + 8), 16) % BITS
  end
  return out
end

local results = {}
for i = 2, #ARGV do
  local present = 1
  for _, p in ipairs(positions(ARGV[i])) do
    if ARGV[1] == 'add' then
      if redis.call('SETBIT', KEYS[1], p, 1) == 0 then present = 0 end
    elseif redis.call('GETBIT', KEYS[1], p) == 0 then
      present = 0
    end
  end
  results[#results + 1] = ARGV[1] == 'add' and (1 - present) or present
end
return results
