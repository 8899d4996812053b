local mt = {}
local t = setmetatable({}, mt)
print(t.x)
mt.__index = {x = "late"}
print(t.x)
mt.__index = nil
print(t.x)
setmetatable(t, {__index = function() return "new mt" end})
print(t.x)
setmetatable(t, nil)
print(t.x, getmetatable(t))
local shared = {__index = {v = 1}}
local a, b = setmetatable({}, shared), setmetatable({}, shared)
shared.__index.v = 2
print(a.v, b.v)
