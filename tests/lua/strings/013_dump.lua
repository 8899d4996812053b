local function add(a, b) return a + b end
local d = string.dump(add)
print(type(d), #d > 10, d:sub(1, 4) == "\27Lua")
local f = loadstring(d)
print(type(f), f(2, 3))
print(pcall(string.dump, print))
print(pcall(string.dump))
local g = loadstring(string.dump(function(...) return select("#", ...) end))
print(g(1, 2, 3))
