local Money = {}
Money.__index = Money
Money.__add = function(a, b)
  local sum = a.cents + b.cents
  return setmetatable({cents = sum}, Money)
end
Money.__tostring = function(m) return string.format("$%d.%02d", math.floor(m.cents / 100), m.cents % 100) end
local a = setmetatable({cents = 150}, Money)
local b = setmetatable({cents = 275}, Money)
local c = a + b
print(c.cents, tostring(c))
