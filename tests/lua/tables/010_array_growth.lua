local t = {}
for i = 1, 1000 do t[i] = i * 2 end
print(#t, t[1], t[500], t[1000])
for i = 1000, 501, -1 do t[i] = nil end
print(#t)
local s = 0
for i, v in ipairs(t) do s = s + v end
print(s)
local u = {}
for i = 100, 1, -1 do u[i] = i end
print(#u)
local m = {}
for i = 1, 10 do m[#m + 1] = i end
print(#m, table.concat(m, ","))
local keys = 0
local mixed = {}
for i = 1, 50 do mixed[i] = i; mixed["s" .. i] = i end
for _ in pairs(mixed) do keys = keys + 1 end
print(keys, #mixed)
