local Base = {}
Base.__index = Base
function Base.new(n) return setmetatable({n = n}, Base) end
function Base:get() return self.n end
local Derived = setmetatable({}, {__index = Base})
Derived.__index = Derived
function Derived.new(n) return setmetatable(Base.new(n), Derived) end
function Derived:double() return self:get() * 2 end
local d = Derived.new(21)
print(d:get(), d:double())
