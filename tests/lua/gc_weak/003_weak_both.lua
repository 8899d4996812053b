local t = setmetatable({}, {__mode = "kv"})
local k1, v1 = {}, {}
t[k1] = v1
t[{}] = v1
t.x = {}
t.y = "stays"
collectgarbage()
local n = 0
for _ in pairs(t) do n = n + 1 end
print(n, t[k1] == v1)
print(getmetatable(t).__mode)
