-- a loop run on compiled (OSR) in a function whose caller is a builtin or
-- the error machinery: the return goes through the VM (its count too)
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local function work(k)
  local s = 0
  for i = 1, k do s = s + fib(i % 9) end
  return s
end
for i = 1, 30 do work(2) end
-- an xpcall handler that tail-calls it, then the error goes on
print(select(2, xpcall(function() error({}) end, function(e) return work(40) end)))
print(xpcall(function() error("boom") end, function(e) local x = work(30) return e .. x end))
-- pcall of it, and of a function that fails after it
print(pcall(work, 50))
print(pcall(function() local x = work(50) return x .. nil end))
-- a gsub callback and a sort comparator that loop
print((("abc"):gsub("%a", function(c) return work(25) end)))
local t = {4, 2, 9, 1, 7}
table.sort(t, function(a, b) local s = 0 for i = 1, 30 do s = s + i end return a < b end)
print(t[1], t[5])
-- a coroutine body that loops, resumed by a builtin
local co = coroutine.wrap(function(n) for i = 1, n do coroutine.yield(work(i % 5 + 20)) end return "end" end)
print(co(3), co(), co(), co())
