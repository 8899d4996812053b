local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {[1e300] = 1, [-1e300] = 2, [2^53] = 3, [2^53 + 2] = 4, [2^63] = 5, [1/0] = 6, [-1/0] = 7, [2^-1074] = 8, [1e-300] = 9} dump(t)
