local function show() return x end
x = "global x"
print(show())
setfenv(show, {x = "private x"})
print(show(), x)
print(getfenv(show).x, getfenv(1) == _G, getfenv(0) == _G, getfenv() == _G)
local function make()
  local env = setmetatable({}, {__index = _G})
  local f = loadstring("y = 10; return y + (z or 0)")
  setfenv(f, env)
  return f, env
end
local f, env = make()
print(f(), env.y, rawget(_G, "y"))
local function level() setfenv(2, {print = print, type = type, tag = "replaced"}) end
local function caller()
  level()
  print(tag, type(string))
end
caller()
print(pcall(setfenv, print, {}))
print(getfenv(print) == _G)
print(pcall(getfenv, 100))
print(pcall(setfenv, 1, nil))
print(type(setfenv(function() end, {})))
