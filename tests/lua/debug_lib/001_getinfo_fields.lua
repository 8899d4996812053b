local function target(a, b)
  local info = debug.getinfo(1)
  return info
end
local i = target()
print(i.currentline, i.short_src, i.source, i.what, i.linedefined, i.lastlinedefined)
print(i.nups, i.name, i.namewhat)
local m = debug.getinfo(1, "Sl")
print(m.what, m.short_src, m.currentline, m.linedefined)
local c = debug.getinfo(print)
print(c.what, c.short_src, c.source, c.currentline, c.linedefined, c.nups)
local f = debug.getinfo(target, "S")
print(f.what, f.linedefined, f.lastlinedefined, f.source)
local function named() return debug.getinfo(1, "n") end
local n = named()
print(n.name, n.namewhat)
local t = {meth = function() return debug.getinfo(1, "n") end}
local mi = t.meth()
print(mi.name, mi.namewhat)
gfun = function() return debug.getinfo(1, "n") end
local gi = gfun()
print(gi.name, gi.namewhat)
print(debug.getinfo(100))
print(pcall(debug.getinfo, 1, "?"))
local u = debug.getinfo(1, "u")
print(u.nups)
