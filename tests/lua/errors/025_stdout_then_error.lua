for i = 1, 3 do io.write(i, " ") end
print()
local t = setmetatable({}, {__index = function(t, k) error("no key " .. k) end})
print(t.x)
