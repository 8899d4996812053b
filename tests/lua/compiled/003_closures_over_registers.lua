local function counter(start)
  local c = start
  return function(d) c = c + d; return c end
end
local function mk()
  local fs = {}
  for i = 1, 5 do fs[i] = function() return i end end
  local x = 10
  local function get() return x end
  local function set(v) x = v end
  set(20)
  local y = get()
  x = x + 1
  return fs, get, set, y, x
end
local t = 0
for i = 1, 50 do
  local inc = counter(i)
  inc(1)
  t = t + inc(2)
  local fs, get, set, y, x = mk()
  t = t + fs[3]() + get() + y + x
  set(5)
  t = t + get()
end
print(t)
local function gen()
  local acc = {}
  local n = 0
  local function add(v) n = n + 1; acc[n] = v end
  for i = 1, 10 do add(i * i) end
  return n, acc[10]
end
for i = 1, 30 do gen() end
print(gen())
local function loopclose()
  local out = {}
  local i = 1
  while i <= 3 do
    local j = i
    out[i] = function() j = j + 100; return j end
    i = i + 1
  end
  return out[1]() + out[2]() + out[3]() + out[1]()
end
for i = 1, 30 do loopclose() end
print(loopclose())
