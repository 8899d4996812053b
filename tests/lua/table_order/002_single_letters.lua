local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local t = {} for c in ("abcdefghijklmnopqrstuvwxyz"):gmatch(".") do t[c] = c:byte() end dump(t)
