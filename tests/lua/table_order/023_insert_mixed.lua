local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {x = 1, y = 2} table.insert(t, "a") table.insert(t, "b") table.insert(t, 1, "c") dump(t) print(#t)
