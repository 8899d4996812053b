local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {1, 2, 3, [5] = 5, [4.0] = 4, s = "s"} for i, v in ipairs(t) do io.write(i, " ") end print() dump(t)
