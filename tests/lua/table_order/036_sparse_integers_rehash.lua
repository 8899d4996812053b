local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} t[1] = 1 t[2] = 2 t[4] = 4 t[8] = 8 t[16] = 16 t[32] = 32 dump(t) t[3] = 3 t[5] = 5 t[6] = 6 t[7] = 7 dump(t) print(#t)
