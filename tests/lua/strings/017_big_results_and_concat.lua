-- Results of 64 KB or more (counted and paid by their bytes): the same
-- strings as short ones would give.
local s = ("aBc\0"):rep(50000)
local function show(r) print(#r, r:sub(1, 8):byte(1, -1)) print(r:sub(-8):byte(1, -1)) end
show(s:upper())
show(s:lower())
show(s:reverse())
show(s:sub(3))
show(s:sub(-70000, -3))
show(s:sub(65536, 131073))
show(string.rep("ab", 40000, nil))
print(string.char() == "", #string.char(65, 66, 67))
local t = {} for i = 1, 7990 do t[i] = 65 + i % 26 end
local c = string.char(unpack(t))
print(#c, c:sub(1, 10), c:sub(-10))
-- concatenation of three or more operands, with numbers, long strings
local big = ("x"):rep(70000)
local r = big .. 1 .. "y" .. big .. 2.5
print(#r, r:sub(70000, 70004), r:sub(-6))
r = "a" .. big .. "b"
print(#r, r:sub(1, 2), r:sub(-2))
local n = 0
for i = 1, 2000 do local v = "k" .. i .. "=" .. (i * 2) .. ";" n = n + #v end
print(n)
local acc = {}
for i = 1, 300 do acc[i] = big .. i end
print(#acc[300], acc[300]:sub(-4))
local mt = {__concat = function(a, b) return "<" .. tostring(type(a)) .. "," .. tostring(type(b)) .. ">" end}
local o = setmetatable({}, mt)
print("a" .. "b" .. o .. "c" .. "d")
print(pcall(function() return "a" .. {} .. "b" end))
