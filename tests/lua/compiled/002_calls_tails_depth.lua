local function id(...) return ... end
local function g(x) return x, x * 2 end
local function f(x) return g(x) end
local function h(x) return 1, g(x) end
local function k(x) local t = {g(x)} return #t, t[2] end
local function m(x) return select('#', g(x)) end
local function tl(n) if n == 0 then return "done" end return tl(n - 1) end
local function compose(f1, g1) return function(x) return f1(g1(x)) end end
local inc = function(x) return x + 1 end
local c = compose(inc, inc)
for i = 1, 30 do f(i); h(i); k(i); m(i); tl(5); c(i) end
print(f(3)); print(h(3)); print(k(3)); print(m(3)); print(tl(100000)); print(c(5))
local function err(n) if n == 0 then error("boom") end return err(n - 1) end
for i = 1, 25 do pcall(err, 3) end
print(pcall(err, 3))
print(select(2, xpcall(function() return err(2) end, debug.traceback)))
local function deep(n) if n == 0 then return 0 end return 1 + deep(n - 1) end
for i = 1, 25 do deep(10) end
print(deep(15000))
print(pcall(deep, 1e6))
local cnt = 0
local function so() cnt = cnt + 1; so() end
for i = 1, 2 do cnt = 0; print(pcall(so), cnt) end
