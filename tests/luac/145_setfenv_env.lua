-- function environments: setfenv/getfenv sandboxes
local function sandboxed()
  x = 10
  return x + (y or 0)
end
local env = {y = 5}
setfenv(sandboxed, env)
print(sandboxed(), env.x, x)
local function counter()
  count = (count or 0) + 1
  return count
end
setfenv(counter, setmetatable({}, {__index = _G}))
counter() counter()
print(counter(), count)
print(getfenv(1) == _G)
