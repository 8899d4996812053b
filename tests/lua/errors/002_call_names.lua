local function try(f) local ok, e = pcall(f); print(e) end
try(function() undefinedfn() end)
try(function() local l; l() end)
local up
try(function() up() end)
local t = {}
try(function() t.field() end)
try(function() t:method() end)
try(function() t[1]() end)
try(function() (nil)() end)
try(function() local x = 5; x() end)
try(function() ("str")() end)
try(function() t.a.b() end)
try(function() math.nofunction(1) end)
try(function() string.nope("x") end)
try(function() return 1 + undefinedfn() end)
