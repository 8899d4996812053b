local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for i = 1, 100 do t["key" .. i] = i if i == 1 or i == 2 or i == 3 or i == 5 or i == 9 or i == 17 or i == 33 or i == 65 then dump(t) end end
