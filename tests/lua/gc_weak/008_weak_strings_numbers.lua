-- strings, numbers and booleans are not collectable: weak entries with them stay
local t = setmetatable({}, {__mode = "kv"})
t.x = "value"
t[1] = 2
t[true] = false
t["k" .. 1] = "v" .. 1
collectgarbage()
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
table.sort(keys)
print(table.concat(keys, " "))
