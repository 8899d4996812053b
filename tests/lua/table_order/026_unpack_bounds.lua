local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {1, 2, 3, x = 1} t[5] = 5 print(unpack(t)) print(select("#", unpack(t))) print(unpack(t, 2, 6))
