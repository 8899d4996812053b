-- a class helper with super calls through several levels
local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, {__index = parent}) end
  c.super = parent
  c.new = function(...)
    local o = setmetatable({}, c)
    if o.init then o:init(...) end
    return o
  end
  return c
end
local Shape = class()
function Shape:init(name) self.name = name end
function Shape:describe() return self.name .. " with area " .. self:area() end
function Shape:area() return 0 end
local Rect = class(Shape)
function Rect:init(w, h) Rect.super.init(self, "rect") self.w, self.h = w, h end
function Rect:area() return self.w * self.h end
local Square = class(Rect)
function Square:init(s) Square.super.init(self, s, s) self.name = "square" end
local shapes = {Shape.new("point"), Rect.new(2, 3), Square.new(4)}
for _, s in ipairs(shapes) do print(s:describe()) end
