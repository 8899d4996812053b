local log = {}
local inner = coroutine.create(function()
  log[#log + 1] = "inner 1"
  coroutine.yield("i1")
  log[#log + 1] = "inner 2"
  return "inner done"
end)
local outer = coroutine.create(function()
  log[#log + 1] = "outer 1"
  local ok, v = coroutine.resume(inner)
  log[#log + 1] = "outer got " .. v
  coroutine.yield("o1")
  ok, v = coroutine.resume(inner)
  log[#log + 1] = "outer got " .. v
  print(coroutine.resume(inner))
  return "outer done"
end)
print(coroutine.resume(outer))
print(coroutine.status(outer), coroutine.status(inner))
print(coroutine.resume(outer))
print(table.concat(log, "; "))
local self_resume
self_resume = coroutine.create(function() return coroutine.resume(self_resume) end)
print(coroutine.resume(self_resume))
local a, b
a = coroutine.create(function() return coroutine.resume(b) end)
b = coroutine.create(function() return coroutine.resume(a) end)
print(coroutine.resume(a))
