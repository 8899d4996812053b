local calls = 0
local memo = {}
local function fib(n)
  calls = calls + 1
  if n <= 2 then return 1 end
  if memo[n] then return memo[n] end
  local v = fib(n - 1) + fib(n - 2)
  memo[n] = v
  return v
end
print(fib(30), calls)
calls = 0
print(fib(78), calls)
print(string.format("%.0f", fib(78)))
local function fib_iter(n)
  local a, b = 0, 1
  for i = 1, n do a, b = b, a + b end
  return a
end
print(fib_iter(30) == fib(30), fib_iter(90))
local naive_calls = 0
local function naive(n) naive_calls = naive_calls + 1; if n < 2 then return n end return naive(n - 1) + naive(n - 2) end
print(naive(20), naive_calls)
