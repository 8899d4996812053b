local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for i = 1, 8 do t[("%040d"):format(i)] = i t[("%033d"):format(i * 3)] = -i end for k, v in pairs(t) do io.write(k:sub(-3), "=", v, " ") end print()
