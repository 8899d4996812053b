local function fact(n) return n <= 1 and 1 or n * fact(n - 1) end
print(fact(6))
local fib
fib = function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(15))
local g = function(n) return n end
local g = function(n) if n == 0 then return "base" end return g(n - 1) end
print(g(3))
