-- single inheritance through __index chains
local Animal = {}
Animal.__index = Animal
function Animal.new(name, sound)
  local self = setmetatable({}, Animal)
  self.name = name
  self.sound = sound or "..."
  return self
end
function Animal:speak()
  return self.name .. " says " .. self.sound
end

local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name)
  local self = Animal.new(name, "woof")
  return setmetatable(self, Dog)
end
function Dog:fetch() return self.name .. " fetches" end
function Dog:speak()
  return Animal.speak(self) .. "!"
end

local animals = {Animal.new("cat", "meow"), Dog.new("rex"), Animal.new("fish")}
for _, a in ipairs(animals) do print(a:speak()) end
print(animals[2]:fetch())
