local function range(from, to, step)
  step = step or 1
  local i = from - step
  return function()
    i = i + step
    if (step > 0 and i <= to) or (step < 0 and i >= to) then return i end
  end
end
local t = {}
for v in range(1, 10, 3) do t[#t + 1] = v end
print(table.concat(t, " "))
t = {}
for v in range(5, 1, -2) do t[#t + 1] = v end
print(table.concat(t, " "))
local function map(f, it) return function() local v = it(); if v ~= nil then return f(v) end end end
local function filter(p, it) return function() local v repeat v = it() until v == nil or p(v) return v end end
t = {}
for v in map(function(x) return x * x end, filter(function(x) return x % 2 == 0 end, range(1, 10))) do t[#t + 1] = v end
print(table.concat(t, " "))
