local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {k = 1} for i = 1, 10 do table.insert(t, i) end for i = 1, 5 do table.remove(t, 1) end table.insert(t, 3, "x") dump(t) print(#t)
