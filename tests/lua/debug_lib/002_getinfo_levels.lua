local function where(level)
  local info = debug.getinfo(level, "Sln")
  if not info then return "none" end
  return string.format("%s:%d %s %s", info.short_src, info.currentline, tostring(info.name), info.what)
end
local function inner() return where(2), where(3), where(4) end
local function outer() local a, b, c = inner(); return a, b, c end
print(outer())
print(where(1))
print(where(2))
print(where(5))
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
local ci = debug.getinfo(co, 1, "Sl")
print(ci and ci.currentline, ci and ci.what)
