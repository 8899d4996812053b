local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for i = 1, 32 do t[i .. "k"] = i end for i = 1, 32 do if i % 3 ~= 0 then t[i .. "k"] = nil end end for i = 1, 8 do t["n" .. i] = i end dump(t)
