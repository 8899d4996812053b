-- a function that closes over its parameter and tail-calls a builtin must
-- close the upvalue before returning (the closure then keeps the value)
local function filter(src)
  return coroutine.wrap(function()
    for v in src do if v % 3 ~= 0 then coroutine.yield(v) end end
  end)
end
local function gen(limit)
  return coroutine.wrap(function() for i = 1, limit do coroutine.yield(i) end end)
end
local function boxed(v)
  return setmetatable({get = function() return v end}, {__index = function() return v * 2 end})
end
local x = 0
for i = 1, 100 do x = x + i end
local s = 0
for v in filter(gen(3000)) do s = s + v end
local b = 0
for i = 1, 40 do local o = boxed(i) b = b + o.get() + o.missing end
print(s, x, b)
-- a ring of coroutines resumed from compiled code
local threads = {}
for id = 1, 20 do
  threads[id] = coroutine.create(function(token)
    while true do token = coroutine.yield(token + id % 7) end
  end)
end
local token, hops, id = 0, 0, 1
while hops < 2000 do
  local ok, t = coroutine.resume(threads[id], token)
  token = t % 1000003
  hops = hops + 1
  id = id % 20 + 1
end
print(token, hops, coroutine.status(threads[1]))
print((debug.traceback(threads[3]):gsub("\n.*", "")))
