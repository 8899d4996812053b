local q = {}
for i = 1, 5 do table.insert(q, i) end
local out = {}
while #q > 0 do out[#out + 1] = table.remove(q, 1) end
print(table.concat(out, " "))
local st = {}
for i = 1, 5 do st[#st + 1] = i * i end
out = {}
while #st > 0 do out[#out + 1] = table.remove(st) end
print(table.concat(out, " "))
local arr = {"a", "b", "c", "d", "e"}
table.remove(arr, 3)
table.insert(arr, 2, "X")
print(table.concat(arr))
