local co = coroutine.create(function(...)
  print("args", select("#", ...), ...)
  local n = select("#", coroutine.yield(select("#", ...)))
  return n
end)
print(coroutine.resume(co, 1, nil, 3, nil))
print(coroutine.resume(co, nil, nil, nil))
local many = {}
for i = 1, 100 do many[i] = i end
local co2 = coroutine.create(function(...) return select("#", ...), (select(100, ...)) end)
print(coroutine.resume(co2, unpack(many)))
