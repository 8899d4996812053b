local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {1, 2, a = 1, b = 2, [2.5] = 3, [-1] = 4} table.foreach(t, function(k, v) io.write(tostring(k), " ") end) print()
