local function try(f) local ok, e = pcall(f); print(e) end
try(function() return undefinedglobal.x end)
try(function() local loc; return loc.x end)
local up
try(function() return up.x end)
local t = {}
try(function() return t.field.x end)
try(function() return t[1].x end)
try(function() return t.a.b.c end)
try(function() undefinedglobal.x = 1 end)
try(function() local s = "str"; return s.x.y end)
try(function() return ("x"):nomethod() end)
try(function() return t:method() end)
try(function() local k = "key"; return t[k].z end)
try(function() return (nil).x end)
try(function() return t["with space"].x end)
