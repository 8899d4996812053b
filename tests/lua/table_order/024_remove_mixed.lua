local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {10, 20, 30, 40, k = "v", [7] = 70} print(table.remove(t)) print(table.remove(t, 1)) dump(t) print(#t)
