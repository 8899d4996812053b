local t = {10, 20, 30}
print(next(t))
print(next(t, 1))
print(next(t, 3))
print(next({}))
print(pcall(next, t, "nokey"))
print(pcall(next))
print(pcall(next, nil))
local h = {a = 1, b = 2, c = 3}
local ks = {}
for k, v in pairs(h) do ks[#ks + 1] = k .. "=" .. v end
table.sort(ks)
print(table.concat(ks, " "))
local cnt, k = 0, nil
repeat k = next(h, k); if k then cnt = cnt + 1 end until k == nil
print(cnt)
local a, b, c = pairs(t)
print(a == next, b == t, c)
-- clearing fields during traversal is allowed
local big = {}
for i = 1, 20 do big["k" .. i] = i end
for k in pairs(big) do big[k] = nil end
print(next(big))
-- assigning existing fields during traversal is allowed
local sq = {a = 1, b = 2, c = 3}
for k, v in pairs(sq) do sq[k] = v * v end
print(sq.a, sq.b, sq.c)
