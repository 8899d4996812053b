local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {x = 1, y = 2, z = 3, 1, 2, 3, 4, 5} dump(t) local u = {a = 1, b = 2, c = 3, d = 4, e = 5, 1, 2} dump(u)
