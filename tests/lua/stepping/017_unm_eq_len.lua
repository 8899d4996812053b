local V = {}
V.__unm = function(a) return setmetatable({x = -a.x}, V) end
V.__eq = function(a, b) return a.x == b.x end
local a = setmetatable({x = 3}, V)
local b = -a
print(b.x, -b == a, a == b, #a)
