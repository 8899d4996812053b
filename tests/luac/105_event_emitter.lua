-- observer pattern with handler lists and unsubscription
local Emitter = {}
Emitter.__index = Emitter
function Emitter.new() return setmetatable({handlers = {}}, Emitter) end
function Emitter:on(name, fn)
  local list = self.handlers[name]
  if not list then
    list = {}
    self.handlers[name] = list
  end
  list[#list + 1] = fn
  return function()
    for i = #list, 1, -1 do
      if list[i] == fn then table.remove(list, i) end
    end
  end
end
function Emitter:emit(name, ...)
  local list = self.handlers[name]
  if not list then return 0 end
  for _, fn in ipairs(list) do fn(...) end
  return #list
end
local e = Emitter.new()
local log = {}
local off = e:on("msg", function(m) log[#log + 1] = "a:" .. m end)
e:on("msg", function(m) log[#log + 1] = "b:" .. m end)
e:emit("msg", "one")
off()
e:emit("msg", "two")
print(table.concat(log, " "), e:emit("none"))
