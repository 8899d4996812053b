local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end
print(fib(20))
local function f(t) local s = 0 for i = 1, #t do s = s + t[i] end return s end
local t = {} for i = 1, 100 do t[i] = i end
for i = 1, 30 do assert(f(t) == 5050) end
print(f(t))
local function g(x) if x > 5 then return "big" elseif x > 2 then return "mid" else return "small" end end
for i = 1, 30 do io.write(g(i % 8), " ") end print()
local function h(n) local i, s = 0, 0 while i < n do i = i + 1 if i % 2 == 0 then s = s + i end end return s end
for i = 1, 30 do h(10) end print(h(100))
local function r(n) local i = 0 repeat i = i + 1 until i >= n return i end
for i = 1, 30 do r(5) end print(r(7))
local function kv(t) local n = 0 for k, v in pairs(t) do n = n + v end return n end
for i = 1, 30 do kv(t) end print(kv(t))
local function bool(a, b) return a < b, a == b, not a end
for i = 1, 30 do bool(1, 2) end print(bool(1,2))
local function err(x) return x.y end
for i = 1, 30 do err({y=1}) end print(pcall(err, nil))
