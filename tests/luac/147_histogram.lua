-- a deterministic pseudo-random histogram (linear congruential generator)
local seed = 12345
local function rand(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n + 1
end
local buckets = {}
for i = 1, 10 do buckets[i] = 0 end
for _ = 1, 500 do
  local a, b = rand(10), rand(10)
  local v = math.floor((a + b) / 2)
  buckets[v] = buckets[v] + 1
end
for i, n in ipairs(buckets) do
  print(string.format("%2d %3d %s", i, n, string.rep("*", math.floor(n / 5))))
end
