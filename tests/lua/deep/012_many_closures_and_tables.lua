local fs = {}
for i = 1, 20000 do fs[i] = function() return i end end
local s = 0
for i = 1, #fs, 1000 do s = s + fs[i]() end
print(s)
local m = {}
for i = 1, 20000 do m["k" .. i] = i end
local c = 0
for k, v in pairs(m) do c = c + v end
print(c)
for i = 1, 20000 do m["k" .. i] = nil end
print(next(m))
