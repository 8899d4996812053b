local shared = 0
local co = coroutine.wrap(function()
  while true do shared = shared + 1; coroutine.yield() end
end)
co(); co(); co()
print(shared)
local function make()
  local x = 0
  local c = coroutine.wrap(function() while true do x = x + 1; coroutine.yield(x) end end)
  return c, function() return x end
end
local c, get = make()
c(); c()
print(get(), c(), get())
