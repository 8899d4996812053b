local src = [[
local a = 1
local b = 2

local c = = 3
]]
print(loadstring(src))
print(loadstring("local x = 1\n\n\nx = x +"))
print(loadstring("for i=1,2 do\nprint(i)\n"))
print(loadstring("if a then\nelseif\nend"))
print(loadstring("local function f()\nreturn 1\nend end"))
print(loadstring("x = 'multi\nline'"))
print(loadstring("x = [[\n\n\nunterminated"))
print(loadstring("local s = \"a\\qb\" return s")())
