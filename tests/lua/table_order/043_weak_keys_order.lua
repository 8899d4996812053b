local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = setmetatable({}, {__mode = "v"}) for i = 1, 10 do t["w" .. i] = i end dump(t)
