local function handler(e) return "handled: " .. tostring(e) end
print(xpcall(function() error("boom") end, handler))
print(xpcall(function() return "fine", 2 end, handler))
print(xpcall(function() error({}) end, function(e) return type(e) end))
print(xpcall(function() error("x", 0) end, function(e) return e, "extra" end))
print(xpcall(function() local x = nil; return x.y end, function(e) return "H:" .. e end))
-- 5.1's xpcall passes no arguments to f
print(xpcall(function(...) return select("#", ...) end, handler, 1, 2))
print(pcall(xpcall, function() end))
print(xpcall(error, handler))
print(xpcall(function() error() end, function(e) return tostring(e) end))
