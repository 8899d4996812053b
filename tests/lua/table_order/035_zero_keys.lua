local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {[0] = "zero", [-0] = "negzero", [0.0] = "again", [1] = 1} dump(t)
