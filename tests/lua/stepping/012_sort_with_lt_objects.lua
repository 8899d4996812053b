local mt = {__lt = function(a, b) return a.k < b.k end}
local list = {}
for _, k in ipairs({4, 2, 5, 1, 3}) do list[#list + 1] = setmetatable({k = k}, mt) end
table.sort(list)
local out = {}
for i, v in ipairs(list) do out[i] = v.k end
print(table.concat(out, " "))
