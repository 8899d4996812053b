local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for i = 1, 8 do t["k" .. i] = i end t.k3 = nil t.k5 = nil t.k3 = 33 dump(t) t.k9 = 9 dump(t)
