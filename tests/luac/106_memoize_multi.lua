-- memoisation keyed on several arguments, with a hit counter
local function memoize(f)
  local cache, hits = {}, 0
  local function key(...)
    local parts = {}
    for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
    return table.concat(parts, "\0")
  end
  return function(...)
    local k = key(...)
    local r = cache[k]
    if r then hits = hits + 1 return unpack(r) end
    r = {f(...)}
    cache[k] = r
    return unpack(r)
  end, function() return hits end
end
local slow_add, hits = memoize(function(a, b) return a + b, a * b end)
print(slow_add(1, 2))
print(slow_add(1, 2))
print(slow_add(2, 1))
print(hits())
