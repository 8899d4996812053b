-- Recursive Fibonacci: Lua-to-Lua calls and returns, nothing else.
local n = tonumber(arg and arg[1]) or 28

local function fib(k)
  if k < 2 then return k end
  return fib(k - 1) + fib(k - 2)
end

print("fib(" .. n .. ")", fib(n))
