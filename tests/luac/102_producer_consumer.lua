-- producer/filter/consumer pipeline with coroutine.wrap
local function producer(items)
  return coroutine.wrap(function()
    for _, v in ipairs(items) do coroutine.yield(v) end
  end)
end
local function filter(source, pred)
  return coroutine.wrap(function()
    for v in source do
      if pred(v) then coroutine.yield(v) end
    end
  end)
end
local function map(source, f)
  return coroutine.wrap(function()
    while true do
      local v = source()
      if v == nil then return end
      coroutine.yield(f(v))
    end
  end)
end
local pipeline = map(filter(producer({1, 2, 3, 4, 5, 6}), function(x) return x % 2 == 0 end),
  function(x) return x * x end)
for v in pipeline do print(v) end
