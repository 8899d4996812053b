local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for i = 1, 20 do t["k" .. i] = i end for k, v in pairs(t) do if v % 2 == 0 then t[k] = nil end end dump(t)
