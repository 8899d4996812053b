local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for round = 1, 3 do for i = 1, 20 do t[round .. "_" .. i] = i end for i = 1, 20, 3 do t[round .. "_" .. i] = nil end end dump(t)
