local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for i = 1, 64 do t["k" .. i] = i end for i = 1, 60 do t["k" .. i] = nil end dump(t) t.new1 = 1 t.new2 = 2 dump(t) for i = 1, 40 do t["z" .. i] = i end for i = 1, 40 do t["z" .. i] = nil end t.last = 0 dump(t)
