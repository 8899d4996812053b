local wk = setmetatable({}, {__mode = "k"})
local alive = {}
wk[alive] = "alive"
wk[{}] = "garbage"
wk["str"] = "string key stays"
wk[1] = "number key stays"
collectgarbage()
collectgarbage()
local n = 0
for k, v in pairs(wk) do n = n + 1 end
print(n, wk[alive], wk.str, wk[1])
alive = nil
collectgarbage()
collectgarbage()
n = 0
for k, v in pairs(wk) do n = n + 1 end
print(n)
