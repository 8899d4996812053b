local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for i = 1, 10 do t["s" .. i] = i end for i = 1, 10 do t[i] = i end dump(t) print(#t)
