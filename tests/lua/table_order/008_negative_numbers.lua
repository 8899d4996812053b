local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for i = -1, -15, -1 do t[i] = i * i end t[0] = 0 dump(t)
