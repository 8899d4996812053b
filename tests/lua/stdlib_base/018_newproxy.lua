local p = newproxy(true)
local mt = getmetatable(p)
mt.__index = {greet = function() return "hi" end}
mt.__tostring = function() return "PROXY" end
mt.__call = function(self, x) return "called with " .. tostring(x) end
mt.__eq = function() return true end
print(p.greet(), tostring(p), p(5))
local q = newproxy(p)
print(q.greet(), tostring(q), getmetatable(q) == mt)
print(p == q, rawequal(p, q))
print(type(newproxy(false)), getmetatable(newproxy(false)))
print(pcall(setmetatable, p, {}))
