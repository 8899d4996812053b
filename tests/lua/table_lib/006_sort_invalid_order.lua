-- an inconsistent comparator may raise 'invalid order function for sorting'
local t = {}
for i = 1, 50 do t[i] = (i * 7) % 13 end
local ok, err = pcall(table.sort, t, function(a, b) return true end)
print(ok, err)
local u = {5, 5, 5, 5, 5}
print(pcall(table.sort, u, function(a, b) return a <= b end))
local v = {1, 2, 3}
print(pcall(table.sort, v, function(a, b) return false end))
print(#v)
