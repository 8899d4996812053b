-- longest Collatz chain below a bound, with a cache
local cache = {[1] = 1}
local function chain(n)
  local c = cache[n]
  if c then return c end
  local nxt = n % 2 == 0 and n / 2 or 3 * n + 1
  c = 1 + chain(nxt)
  cache[n] = c
  return c
end
local best, arg_best = 0, 0
for n = 1, 3000 do
  local c = chain(n)
  if c > best then best, arg_best = c, n end
end
print(arg_best, best)
