local lines = {}
local function hook(event, line) lines[#lines + 1] = line end
local function work()
  local a = 1
  local b = 2
  return a + b
end
debug.sethook(hook, "l")
work()
debug.sethook()
print(table.concat(lines, " "))
local calls = 0
debug.sethook(function(ev) calls = calls + 1 end, "c")
math.floor(1)
local x = tostring(2)
debug.sethook()
print(calls > 0)
print(debug.gethook())
local count = 0
debug.sethook(function() count = count + 1 end, "", 100)
for i = 1, 1000 do end
debug.sethook()
print(count > 0)
