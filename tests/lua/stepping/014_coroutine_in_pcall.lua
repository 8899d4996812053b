local co = coroutine.wrap(function(a)
  local b = coroutine.yield(a + 1)
  local c = coroutine.yield(b * 2)
  return c .. "!"
end)
print(pcall(co, 1))
print(pcall(co, 10))
print(pcall(co, "end"))
print(pcall(co))
