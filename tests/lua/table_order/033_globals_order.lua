local function dump(t) local o = {} for k, v in pairs(t) do o[#o + 1] = tostring(k) .. "=" .. tostring(v) end print(table.concat(o, " ")) end
local seen = {} local env = {} setfenv(1, setmetatable(env, {__index = _G})) x1 = 1 y2 = 2 z3 = 3 w4 = 4 for k in pairs(env) do seen[#seen + 1] = k end print(table.concat(seen, " "))
