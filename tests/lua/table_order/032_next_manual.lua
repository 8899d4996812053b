local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {5, 6, a = 1, b = 2, c = 3} local k, v = next(t) while k do io.write(tostring(k), ":", tostring(v), " ") k, v = next(t, k) end print()
