local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {a = 1, b = 2, c = 3, d = 4, e = 5} local k = next(t) t[k] = nil print(k, next(t, k)) dump(t)
