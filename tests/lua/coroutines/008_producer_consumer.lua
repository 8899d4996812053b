local function producer(items)
  return coroutine.create(function()
    for _, item in ipairs(items) do coroutine.yield(item) end
    return nil
  end)
end
local function filter(prod, pred)
  return coroutine.create(function()
    while true do
      local ok, v = coroutine.resume(prod)
      if v == nil then return nil end
      if pred(v) then coroutine.yield(v) end
    end
  end)
end
local function consume(prod)
  local got = {}
  while true do
    local ok, v = coroutine.resume(prod)
    if not ok or v == nil then break end
    got[#got + 1] = v
  end
  return got
end
local r = consume(filter(producer({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), function(x) return x % 3 ~= 0 end))
print(table.concat(r, " "))
