local mt = getmetatable("")
print(type(mt), mt.__index == string)
print(("abc"):upper(), ("%d"):format(3))
local s = "x"
print(s.len == string.len, s.nonexistent)
print(#s, s:len())
string.shout = function(self) return self:upper() .. "!" end
print(("hey"):shout())
print(pcall(function() return ("x"):nomethod() end))
print(pcall(function() local n = 5; return n:foo() end))
print(getmetatable("a") == getmetatable("b"))
print(rawget(mt, "__index") == string)
