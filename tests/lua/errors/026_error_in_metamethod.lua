local mt = {__add = function(a, b) error("add failed") end,
            __index = function(t, k) error("index " .. k .. " failed", 2) end,
            __concat = function() return nil + 1 end}
local t = setmetatable({}, mt)
print(pcall(function() return t + 1 end))
print(pcall(function() return t.foo end))
print(pcall(function() return t .. "x" end))
print(pcall(function() return tostring(setmetatable({}, {__tostring = function() error("ts") end})) end))
