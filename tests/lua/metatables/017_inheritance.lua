local Animal = {}
Animal.__index = Animal
function Animal.new(name, sound) return setmetatable({name = name, sound = sound}, Animal) end
function Animal:speak() return self.name .. " says " .. self.sound end
function Animal:kind() return "animal" end
local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name) local d = Animal.new(name, "woof"); return setmetatable(d, Dog) end
function Dog:kind() return "dog (" .. Animal.kind(self) .. ")" end
function Dog:fetch() return self.name .. " fetches" end
local a = Animal.new("cat", "meow")
local d = Dog.new("rex")
print(a:speak(), a:kind())
print(d:speak(), d:kind(), d:fetch())
print(getmetatable(d) == Dog, rawget(Dog, "speak"), d.fetch ~= nil, a.fetch)
print(pcall(function() return a:fetch() end))
