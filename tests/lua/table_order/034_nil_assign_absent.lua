local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {a = 1} for i = 1, 6 do t["n" .. i] = nil end t.b = 2 t.c = 3 dump(t)
