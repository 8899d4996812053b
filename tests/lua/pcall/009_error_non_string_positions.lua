-- only string messages get a position prepended
print(pcall(function() error(12) end))
print(pcall(function() error(12, 2) end))
print(pcall(function() error(true) end))
print(pcall(function() error("s") end))
print(pcall(function() error("") end))
print(pcall(function() error("s", 0) end))
local ok, e = pcall(function() error({1, 2, 3}) end)
print(ok, type(e), #e)
