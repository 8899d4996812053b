local function memo(f)
  local cache = setmetatable({}, {__mode = "k"})
  return function(t)
    local r = cache[t]
    if r == nil then r = f(t); cache[t] = r end
    return r
  end, cache
end
local calls = 0
local size, cache = memo(function(t) calls = calls + 1; return #t end)
local a = {1, 2, 3}
print(size(a), size(a), calls)
for i = 1, 10 do size({i}) end
print(calls)
collectgarbage()
collectgarbage()
local n = 0
for _ in pairs(cache) do n = n + 1 end
print(n)
