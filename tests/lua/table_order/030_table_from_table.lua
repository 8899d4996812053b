local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local a = {} for i = 1, 9 do a["v" .. i] = i end local b = {} for k, v in pairs(a) do b[k] = v end dump(b)
