local cache = setmetatable({}, {__mode = "v"})
cache.a = {}
cache.b = {}
local keep = {}
cache.c = keep
cache.s = "strings are values, never collected"
cache.n = 42
collectgarbage()
collectgarbage()
local keys = {}
for k in pairs(cache) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
print(cache.c == keep)
