-- returning and adjusting '...'
local function id(...) return ... end
local function one(...) return (...) end
local function two(...) local a, b = ... return a, b end
local function count(...) return select("#", ...) end
local function tail(...) return id(...) end
local function shift(_, ...) return ... end
local function assign(...)
  local x, y, z = ...
  local w = ...
  g1, g2 = ...
  return x, y, z, w
end
print(id(1, 2, 3), one(1, 2, 3), two(1, 2, 3), count(nil, nil, nil))
print(tail(4, 5), shift(1, 2, 3), assign(7, 8, 9))
