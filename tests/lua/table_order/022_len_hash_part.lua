local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} t[1] = 1 t[2] = 2 t[3] = 3 t[5] = 5 print(#t) local u = {n = 1} u[1] = 1 u[2] = 2 u[3] = 3 u[4] = 4 print(#u) dump(u)
