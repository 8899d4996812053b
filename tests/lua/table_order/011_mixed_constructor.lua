local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {1, 2, 3, a = "a", b = "b", [10] = 10, [3.5] = "f", "four", c = "c"} dump(t)
