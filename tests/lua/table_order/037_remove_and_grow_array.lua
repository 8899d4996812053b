local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for i = 1, 20 do t[i] = i end for i = 1, 15 do t[i] = nil end t.a = 1 t.b = 2 t.c = 3 dump(t) for i = 30, 40 do t[i] = i end dump(t)
