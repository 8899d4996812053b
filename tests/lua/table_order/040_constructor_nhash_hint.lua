local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {a = 1, b = 2, c = 3} t.d = 4 t.e = 5 dump(t) local u = {[1] = 1, [2] = 2, [3] = 3} u.x = 1 dump(u)
