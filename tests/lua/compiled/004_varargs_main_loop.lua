-- the main chunk's loops run compiled (OSR); varargs in a vararg function's loop
local t = 0
local function f(x) return x * 2 end
for i = 1, 100 do t = t + f(i) end
print(t, select('#', ...))
local s, i = 0, 0
while i < 100 do i = i + 1; s = s + select('#', ...) + i end
print(s)
local function va(...)
  local n = select('#', ...)
  for j = 1, 30 do n = n + 1 end
  local a, b = ...
  return n, a, b, ...
end
for k = 1, 40 do va(1, 2) end
print(va(1, 2, 3))
local tt = {}
for k = 1, 60 do tt[#tt + 1] = k end
print(#tt, table.concat(tt, ",", 1, 5))
local function pack(...) return {n = select('#', ...), ...} end
for k = 1, 30 do pack(k, nil, k) end
local p = pack(1, nil, 3)
print(p.n, p[1], p[2], p[3])
