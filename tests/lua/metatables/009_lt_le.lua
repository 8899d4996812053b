local mt = {}
mt.__lt = function(a, b) return a.v < b.v end
local function O(v) return setmetatable({v = v}, mt) end
print(O(1) < O(2), O(2) < O(1), O(1) > O(2), O(2) > O(1))
-- no __le: 5.1 falls back to not (b < a)
print(O(1) <= O(2), O(2) <= O(1), O(1) <= O(1), O(1) >= O(2))
mt.__le = function(a, b) return "le-called" end
print(O(5) <= O(1), O(1) >= O(5))
print(pcall(function() return O(1) < 1 end))
print(pcall(function() return O(1) < setmetatable({v = 2}, {__lt = mt.__lt}) end))
local sorted = {O(3), O(1), O(2)}
table.sort(sorted)
print(sorted[1].v, sorted[2].v, sorted[3].v)
local order = {}
local T = {__lt = function(a, b) order[#order + 1] = a.n .. "<" .. b.n; return false end}
local p, q = setmetatable({n = "p"}, T), setmetatable({n = "q"}, T)
local _ = p > q
_ = p >= q
print(table.concat(order, " "))
