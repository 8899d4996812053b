-- Negative levels are lost tail calls to lua_getstack: getlocal/setlocal
-- give nil, traceback prints a "(tail call): ?" line for each.
print(pcall(debug.getlocal, -1, 1))
print(pcall(debug.getlocal, -3, 0))
print(pcall(debug.setlocal, -1, 1, 5))
print(pcall(debug.getlocal, 100, 1))
print(pcall(debug.setlocal, 100, 1, 5))
local i = debug.getinfo(-1)
print(i.what, i.source, i.currentline, i.short_src, i.func, i.nups, i.linedefined)
print(debug.getinfo(100))
-- a level that is a lost tail call
local function tail() return debug.getlocal(2, 1) end
local function f() local zz = 1; return tail() end
print(f())
print(pcall(function() return debug.traceback("in pcall", -5) end))
print(debug.traceback("x", -2))
print(debug.traceback("y", 0))
print(debug.traceback(nil, -1))
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
print(debug.traceback(co, "co", -3))
print(debug.traceback(co, "co", 1))
print(pcall(debug.getlocal, co, -1, 1))
-- the cut after the first levels counts from level 0
local function deep(n)
  if n == 0 then return debug.traceback("deep", -3) end
  local r = deep(n - 1)
  return r
end
print(deep(25))
print("still running")
