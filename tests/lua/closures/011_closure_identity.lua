local function mk() return function() end end
local a, b = mk(), mk()
print(a == b, a == a)
local fs = {}
for i = 1, 3 do fs[i] = function() return 1 end end
print(fs[1] == fs[2])
local t = {}
t[a] = "a"; t[b] = "b"
print(t[a], t[b])
local function noupval() return 1 end
print(type(noupval), type(string.gsub))
