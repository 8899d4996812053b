local function f()
  local a = 1

  local b = 2
  return a + b
end
local info = debug.getinfo(f, "L")
local lines = {}
for l in pairs(info.activelines) do lines[#lines + 1] = l end
table.sort(lines)
print(table.concat(lines, " "))
local fi = debug.getinfo(1, "f")
print(type(fi.func))
local function self_ref() return debug.getinfo(1, "f").func end
print(self_ref() == self_ref)
local main = debug.getinfo(1, "S")
print(main.what, main.linedefined, main.lastlinedefined, main.short_src, main.source)
local ls = loadstring("return debug.getinfo(1, 'S')", "=custom")()
print(ls.short_src, ls.source, ls.what)
local ls2 = loadstring("return debug.getinfo(1, 'S')")()
print(ls2.short_src, ls2.source)
local ls3 = loadstring("\n  return debug.getinfo(1, 'S')  -- a comment that is long enough to be cut off somewhere")()
print(ls3.short_src)
local ls4 = loadstring("return debug.getinfo(1, 'S')", "@file/name.lua")()
print(ls4.short_src, ls4.source)
