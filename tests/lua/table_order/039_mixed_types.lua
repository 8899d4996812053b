local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} t[1] = "i" t[1.5] = "f" t["1"] = "s" t[true] = "b" t[-2] = "n" t.name = "s2" t[3] = "i3" t[2] = "i2" dump(t)
