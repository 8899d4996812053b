local x, y = 1, "two"
local function f() return x, y end
print(debug.getupvalue(f, 1))
print(debug.getupvalue(f, 2))
print(debug.getupvalue(f, 3))
print(debug.setupvalue(f, 1, 100))
print(f())
print(x)
print(debug.getupvalue(print, 1))
print(debug.getupvalue(string.gmatch("a", "a"), 1) ~= nil)
local function noup() return 1 end
print(debug.getupvalue(noup, 1))
print(pcall(debug.getupvalue, 1, 1))
