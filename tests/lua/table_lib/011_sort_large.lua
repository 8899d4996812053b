local t = {}
local seed = 12345
for i = 1, 2000 do
  seed = (seed * 1103515245 + 12345) % 2147483648
  t[i] = seed % 10000
end
table.sort(t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print(ok, #t, t[1], t[1000], t[2000])
table.sort(t, function(a, b) return a > b end)
print(t[1], t[2000])
local strs = {}
for i = 1, 500 do strs[i] = tostring((i * 7919) % 1000) end
table.sort(strs)
print(strs[1], strs[2], strs[500])
