-- Method calls through __index: a three-level class hierarchy (Shape/Rect/Square).
local n = tonumber(arg and arg[1]) or 400000

local Shape = {}
Shape.__index = Shape
function Shape.new(name)
  return setmetatable({ name = name, moves = 0, x = 0, y = 0 }, Shape)
end
function Shape:move(dx, dy)
  self.x = self.x + dx
  self.y = self.y + dy
  self.moves = self.moves + 1
  return self
end
function Shape:area() return 0 end
function Shape:describe() return self.name .. ":" .. self:area() end

local Rect = setmetatable({}, { __index = Shape })
Rect.__index = Rect
function Rect.new(w, h)
  local r = Shape.new("rect")
  r.w, r.h = w, h
  return setmetatable(r, Rect)
end
function Rect:area() return self.w * self.h end

local Square = setmetatable({}, { __index = Rect })
Square.__index = Square
function Square.new(s)
  local sq = Rect.new(s, s)
  sq.name = "square"
  return setmetatable(sq, Square)
end
function Square:side() return self.w end

local shapes = {}
for i = 1, 30 do
  local k = i % 3
  if k == 0 then shapes[i] = Shape.new("shape")
  elseif k == 1 then shapes[i] = Rect.new(i, i + 1)
  else shapes[i] = Square.new(i) end
end

local total = 0
for i = 1, n do
  local s = shapes[i % 30 + 1]
  s:move(1, -1)
  total = total + s:area()
  if s.side then total = total + s:side() end
end

local d = {}
for i = 1, 30 do d[i] = shapes[i]:describe() end
print(total, shapes[1].moves, shapes[2].x, shapes[3].y, table.concat(d, ","):len())
