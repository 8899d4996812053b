-- "local function" sees itself as an upvalue; "local f = function" does not
local function fact(n)
  if n <= 1 then return 1 end
  return n * fact(n - 1)
end
local fib
fib = function(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
local g = function(n) if n > 0 then return g(n - 1) end return 0 end
local function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
local function ackermann(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ackermann(m - 1, 1) end
  return ackermann(m - 1, ackermann(m, n - 1))
end
print(fact(10), fib(15), even(10), ackermann(2, 3))
