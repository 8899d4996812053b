local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {[true] = "t", [false] = "f", x = 1, [1] = 2, [2.5] = 3} dump(t) t[true] = nil dump(t)
