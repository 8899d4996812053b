local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(5), fact(10), fact(20), fact(25))
local isodd
local function iseven(n) if n == 0 then return true end return isodd(n - 1) end
function isodd(n) if n == 0 then return false end return iseven(n - 1) end
print(iseven(10), isodd(7), iseven(7))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print(ack(2, 3))
local function hanoi(n, a, b, c, moves)
  if n == 0 then return moves end
  hanoi(n - 1, a, c, b, moves)
  moves[#moves + 1] = a .. c
  return hanoi(n - 1, b, a, c, moves)
end
print(table.concat(hanoi(3, "A", "B", "C", {}), " "))
