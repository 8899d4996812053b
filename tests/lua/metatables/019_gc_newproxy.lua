local collected = 0
do
  for i = 1, 10 do
    local p = newproxy(true)
    getmetatable(p).__gc = function() collected = collected + 1 end
  end
end
collectgarbage()
collectgarbage()
print("after collect", collected >= 0)
local p = newproxy(true)
local q = newproxy(p)
print(getmetatable(p) == getmetatable(q), type(p), type(newproxy()))
print(getmetatable(newproxy()) == nil, type(getmetatable(newproxy(true))))
print(pcall(newproxy, {}))
local t = setmetatable({}, {__gc = function() print("never for tables") end})
t = nil
collectgarbage()
print("done")
