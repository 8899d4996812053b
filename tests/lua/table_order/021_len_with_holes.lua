local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {1, 2, nil, 4} print(#t) t[5] = 5 print(#t) local u = {} u[1] = 1 u[2] = 2 u[4] = 4 print(#u) local w = {nil, nil, 3} print(#w) local h = {} for i = 1, 20 do h[i] = i end h[10] = nil print(#h) h[20] = nil print(#h)
