local t = {"a", "b", "c", "d"}
print(table.remove(t), table.concat(t, ","))
print(table.remove(t, 1), table.concat(t, ","))
print(table.remove(t, 2), table.concat(t, ","))
print(table.remove(t), #t)
print(table.remove(t), #t)
print(select("#", table.remove({})))
print(select("#", table.remove({}, 1)))
local u = {1, 2, 3}
print(table.remove(u, 5), #u)
print(table.remove(u, -1), #u)
print(table.remove(u, 0), #u)
print(pcall(table.remove))
print(pcall(table.remove, {}, "x"))
local holes = {1, 2, nil, 4}
print(table.remove(holes), #holes)
local big = {}
for i = 1, 10 do big[i] = i end
while #big > 0 do table.remove(big, 1) end
print(#big)
