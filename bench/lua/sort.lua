-- table.sort on numbers (default '<') and on records with a Lua comparator.
local n = tonumber(arg and arg[1]) or 30000

-- a deterministic linear congruential generator, independent of math.random
local seed = 42
local function rand()
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed
end

local a = {}
for i = 1, n do a[i] = rand() % 100000 end
table.sort(a)

local b = {}
for i = 1, n do b[i] = { key = rand() % 1000, id = i } end
table.sort(b, function(x, y)
  if x.key ~= y.key then return x.key > y.key end
  return x.id < y.id
end)

local strs = {}
for i = 1, n / 4 do strs[i] = tostring(rand() % 100000) end
table.sort(strs)

local h = 0
for i = 1, n, 3 do h = (h * 7 + a[i] + b[i].id) % 1000000007 end
for i = 1, #strs, 5 do h = (h * 3 + #strs[i]) % 1000000007 end
print(a[1], a[n], b[1].key, b[1].id, b[n].key, b[n].id, strs[1], strs[#strs], h)
