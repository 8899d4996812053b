local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for i = 1, 12 do t[("x"):rep(30 + i) .. i] = i end for k, v in pairs(t) do io.write(#k, ":", v, " ") end print()
