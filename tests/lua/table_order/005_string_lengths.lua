local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for n = 0, 70, 5 do t[("ab"):rep(n)] = n end for k, v in pairs(t) do io.write(#k, " ") end print()
