-- next over the array part runs in index order
local t = {"a", "b", "c", "d"}
local order = {}
for k, v in pairs(t) do order[#order + 1] = k .. v end
print(table.concat(order, " "))
local i, v = next(t)
print(i, v)
t[1] = nil
print(next(t, nil))
print(next(t, 2))
print(next(t, 4))
