local function try(f) local ok, e = pcall(f); print(e) end
try(function() return undefinedglobal + 1 end)
try(function() local l; return l * 2 end)
local up = {}
try(function() return up - 1 end)
local t = {}
try(function() return t.x / 2 end)
try(function() return -t.y end)
try(function() return 2 ^ t end)
try(function() return "abc" + 1 end)
try(function() local s = "abc"; return s % 2 end)
try(function() return {} + {} end)
try(function() return 1 + true end)
try(function() return t.x + t.y end)
try(function() return 1 + nil end)
try(function() return #undefinedglobal end)
try(function() local b = true; return #b end)
