local Emitter = {}
Emitter.__index = Emitter
function Emitter.new() return setmetatable({handlers = {}}, Emitter) end
function Emitter:on(ev, fn)
  self.handlers[ev] = self.handlers[ev] or {}
  table.insert(self.handlers[ev], fn)
  local list = self.handlers[ev]
  return function()
    for i, f in ipairs(list) do if f == fn then table.remove(list, i); return true end end
    return false
  end
end
function Emitter:emit(ev, ...)
  local list = self.handlers[ev]
  if not list then return 0 end
  local errors = {}
  local snapshot = {unpack(list)}
  for _, fn in ipairs(snapshot) do
    local ok, err = pcall(fn, ...)
    if not ok then errors[#errors + 1] = err end
  end
  return #snapshot, errors
end
local e = Emitter.new()
local log = {}
local off1 = e:on("data", function(x) log[#log + 1] = "h1:" .. x end)
e:on("data", function(x) log[#log + 1] = "h2:" .. x * 2 end)
e:on("data", function(x) if x > 5 then error("too large: " .. x, 0) end end)
local n0, errs0 = e:emit("data", 3)
print(n0, #errs0)
local n, errs = e:emit("data", 10)
print(n, #errs, errs[1])
print(off1(), off1())
local n2, errs2 = e:emit("data", 1)
print(n2, #errs2)
print(e:emit("nothing"))
print(table.concat(log, " "))
