-- Coroutine ring: a token passed around a ring of coroutines, resume/yield heavy.
local n = tonumber(arg and arg[1]) or 300000
local nthreads = 503

local threads = {}
for id = 1, nthreads do
  threads[id] = coroutine.create(function(token)
    while true do
      token = coroutine.yield(token + id % 7)
    end
  end)
end

local token, hops = 0, 0
local id = 1
while hops < n do
  local ok, t = coroutine.resume(threads[id], token)
  token = t % 1000003
  hops = hops + 1
  id = id % nthreads + 1
end

-- a generator pipeline with coroutine.wrap
local function gen(limit)
  return coroutine.wrap(function()
    for i = 1, limit do coroutine.yield(i) end
  end)
end
local function filter(src)
  return coroutine.wrap(function()
    for v in src do
      if v % 3 ~= 0 then coroutine.yield(v) end
    end
  end)
end
local s = 0
for v in filter(gen(n / 4)) do s = s + v end

print(token, hops, id, s)
