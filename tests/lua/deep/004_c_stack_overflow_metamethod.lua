-- an __index function that indexes itself recursively goes through C each time
local t = setmetatable({}, {__index = function(t, k) return t[k .. "x"] end})
local ok, err = pcall(function() return t.a end)
print(ok, err)
local mt = {}
mt.__add = function(a, b) return a + b end
local v = setmetatable({}, mt)
print(pcall(function() return v + 1 end))
local eq = setmetatable({}, {__concat = function(a, b) return a .. b end})
print(pcall(function() return eq .. "x" end))
