local function memoize(f)
  local cache, hits = {}, 0
  return function(n)
    if cache[n] ~= nil then hits = hits + 1; return cache[n] end
    local r = f(n)
    cache[n] = r
    return r
  end, function() return hits end
end
local slow_calls = 0
local sq, hits = memoize(function(n) slow_calls = slow_calls + 1; return n * n end)
print(sq(4), sq(4), sq(5), sq(4))
print(slow_calls, hits())
local fib
fib = memoize(function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end)
print(fib(80))
