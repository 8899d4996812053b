local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for i = 1, 12 do t["x" .. i] = i end for k, v in pairs(t) do t[k] = v * 10 end dump(t)
