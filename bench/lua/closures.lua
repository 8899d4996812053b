-- Closures: create many closures with upvalues (shared and private), call them.
local n = tonumber(arg and arg[1]) or 200000

local function counter(start)
  local c = start
  return function(d)
    c = c + d
    return c
  end
end

local function compose(f, g)
  return function(x) return f(g(x)) end
end

local total = 0
for i = 1, n do
  local inc = counter(i)
  inc(1)
  total = total + inc(2)
end

local fs = {}
for i = 1, 100 do
  local k = i
  fs[i] = function(x) return x + k end
end
local f = fs[1]
for i = 2, 100 do f = compose(fs[i], f) end
local acc = 0
for i = 1, n / 50 do acc = acc + f(i) end

-- closures sharing one upvalue, created in a loop
local shared = 0
local adders = {}
for i = 1, 1000 do
  adders[i] = function() shared = shared + i end
end
for _ = 1, n / 1000 do
  for i = 1, 1000 do adders[i]() end
end

print(total, acc, shared)
